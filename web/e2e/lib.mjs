// Shared pieces of the browser tests: Debian's chromium started once per spec file, one browser
// context per person, screenshots of failing steps in web/test-results/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const baseUrl = (process.env.EISO_URL ?? 'http://127.0.0.1:18080').replace(/\/$/, '');
export const password = process.env.EISO_DEMO_PASSWORD ?? 'eiso-demo-2026';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

// Registers the browser's start and stop with node:test; returns a getter for it.
export function useBrowser() {
  let browser;
  before(async () => {
    const health = await fetch(`${baseUrl}/healthz`).catch((error) => error);
    assert.ok(!(health instanceof Error), `eiso is not reachable at ${baseUrl} (${health?.message}); set EISO_URL`);
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

// Runs one named step; on failure saves a full-page screenshot named after the spec and step.
export function stepRunner(spec) {
  return async function step(name, page, body) {
    try {
      await body();
    } catch (error) {
      mkdirSync(resultsDir, { recursive: true });
      const file = join(resultsDir, `${spec}-${name.replace(/\W+/g, '-')}.png`);
      await page?.screenshot({ path: file, fullPage: true }).catch(() => {});
      throw new Error(`${name}: ${error.message}\nscreenshot: ${file}`, { cause: error });
    }
  };
}

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);
// Ant Design puts a test id on the input itself or on its wrapper, depending on the component.
export const field = (page, id) =>
  page.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input`).first();

// A new browser context signed in as `username`, on the dashboard.
export async function signIn(browser, username, secret = password) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${baseUrl}/login`);
  await byTestId(page, 'login-username').fill(username);
  await byTestId(page, 'login-password').fill(secret);
  await byTestId(page, 'login-submit').click();
  await byTestId(page, 'dashboard-page').waitFor();
  return page;
}

// Waits until an Ant Design dialog has finished zooming in: a click during the animation can
// miss its button (seen under load as a confirmation that never happened).
export async function dialogOpened(page) {
  await page.locator('.ant-modal-wrap .ant-zoom-appear, .ant-modal-wrap .ant-zoom-enter').waitFor({ state: 'detached' });
}

// Clicks a document state-machine button and confirms its dialog.
export async function transition(page, action) {
  await byTestId(page, `doc-action-${action}`).click();
  await byTestId(page, 'doc-action-confirm').waitFor();
  await dialogOpened(page);
  await byTestId(page, 'doc-action-confirm').click();
}
