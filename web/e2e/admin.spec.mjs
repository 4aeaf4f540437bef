// Browser test of the administrator's path through the built UI, against a running eiso:
//   EISO_URL=http://127.0.0.1:18080 npm run e2e
// Logs in, opens the agency tree, adds an agency under the first root, finds it by a search
// without diacritics, logs out. Uses Debian's chromium through playwright-core (no browser
// download). On failure a screenshot goes to web/test-results/.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const baseUrl = (process.env.EISO_URL ?? 'http://127.0.0.1:18080').replace(/\/$/, '');
const username = process.env.EISO_ADMIN_USER ?? 'admin';
const password = process.env.EISO_ADMIN_PASSWORD ?? 'eiso-demo-2026';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

let profileDir;
let context;
let page;

const byTestId = (id) => page.locator(`[data-testid="${id}"]`);

async function step(name, body) {
  try {
    await body();
  } catch (error) {
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `admin-${name.replace(/\W+/g, '-')}.png`);
    await page?.screenshot({ path: file, fullPage: true }).catch(() => {});
    throw new Error(`${name}: ${error.message}\nscreenshot: ${file}`, { cause: error });
  }
}

before(async () => {
  const health = await fetch(`${baseUrl}/healthz`).catch((error) => error);
  assert.ok(!(health instanceof Error), `eiso is not reachable at ${baseUrl} (${health?.message}); set EISO_URL`);
  profileDir = mkdtempSync(join(tmpdir(), 'eiso-e2e-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    viewport: { width: 1400, height: 900 },
    locale: 'vi-VN',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
});

after(async () => {
  await context?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

test('administrator adds an agency, finds it in the tree, and logs out', async () => {
  const stamp = Date.now();
  const name = `Sở Thử nghiệm ${stamp}`;
  const digits = String(stamp).slice(-9);   // a unit code shaped like 000.00.00.H00, unique per run
  const unitCode = `${digits.slice(0, 3)}.${digits.slice(3, 5)}.${digits.slice(5, 7)}.H${digits.slice(7, 9)}`;

  await step('login', async () => {
    await page.goto(`${baseUrl}/`);
    await byTestId('login-form').waitFor();
    assert.match(new URL(page.url()).pathname, /^\/login$/);
    await byTestId('login-username').fill(username);
    await byTestId('login-password').fill(password);
    await byTestId('login-submit').click();
    await byTestId('dashboard-page').waitFor();
  });

  await step('open-agency-tree', async () => {
    await byTestId('menu-agencies').click();
    await byTestId('agency-tree').waitFor();
    assert.equal(new URL(page.url()).pathname, '/agencies');
  });

  await step('create-agency', async () => {
    const firstRoot = page.locator('[data-testid="agency-tree"] [data-testid^="agency-node-"]').first();
    await firstRoot.click();
    await byTestId('agency-details').waitFor();
    await byTestId('agency-create').click();
    await byTestId('agency-form').waitFor();
    await byTestId('agency-field-name').fill(name);
    await byTestId('agency-field-short-name').fill(`STN ${digits.slice(-4)}`);
    await byTestId('agency-field-unit-code').fill(unitCode);
    // The parent is preselected from the selected root; kind and level get proposed values.
    const parentShown = await page.locator('[data-testid="agency-form"] .ant-tree-select .ant-select-selection-item').textContent();
    assert.ok(parentShown && parentShown.trim().length > 0, 'parent agency is preselected');
    await byTestId('agency-form-submit').click();
    await byTestId('agency-form').waitFor({ state: 'detached' });
  });

  await step('search-agency', async () => {
    const query = `so thu nghiem ${stamp}`;   // typed without diacritics on purpose
    await page.locator('input[data-testid="agency-search"], [data-testid="agency-search"] input').first().fill(query);
    const node = page.locator('[data-testid="agency-tree"] [data-testid^="agency-node-"]', { hasText: name });
    await node.waitFor({ state: 'visible' });
    assert.equal(await node.count(), 1);
    await node.click();
    await page.locator('[data-testid="agency-details"]', { hasText: unitCode }).waitFor();
  });

  await step('logout', async () => {
    await byTestId('user-menu').click();
    await byTestId('menu-logout').click();
    await byTestId('login-form').waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.goto(`${baseUrl}/agencies`);   // the session is really gone
    await byTestId('login-form').waitFor();
  });
});
