// Browser test of issue 6 through the built UI, against a running eiso:
//   EISO_URL=http://127.0.0.1:18080 node --test e2e/dossiers.spec.mjs
// The clerk of Cục Thuế receives a dossier at the single window (number, due time and the
// one-time lookup code on the receipt); the officer hands it along its process steps; the leader
// approves the result; the clerk returns it; an anonymous visitor then looks it up by number and
// code and sees "Đã trả kết quả". Each person has a browser context of their own; a failing step
// leaves a screenshot in web/test-results/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseUrl, byTestId, dialogOpened, field, signIn as signInAs, stepRunner, useBrowser } from './lib.mjs';

const browser = useBrowser();
const step = stepRunner('dossiers');
const signIn = (username) => signInAs(browser(), username);
// A demo procedure of Cục Thuế with an issued process (src/demo).
const procedureCode = process.env.EISO_DOSSIER_PROCEDURE ?? '1.007607';

async function act(page, action) {
  await byTestId(page, `dossier-action-${action}`).click();
  await byTestId(page, `action-form-${action}`).waitFor({ state: 'attached' });
  await dialogOpened(page);
  await byTestId(page, 'action-confirm').click();
  await byTestId(page, `action-form-${action}`).waitFor({ state: 'detached' });
}

test('a dossier is received, handled along its steps, approved, returned and looked up', async () => {
  const applicant = `Nguyễn Văn Thử ${Date.now()}`;
  let dossierPath;
  let number;
  let secret;

  const clerk = await signIn('thue.motcua');
  await step('clerk-receives', clerk, async () => {
    await clerk.locator('[data-testid="menu-dossiers"]').click();
    await byTestId(clerk, 'dossiers-page').waitFor();
    await byTestId(clerk, 'dossier-new').click();
    await byTestId(clerk, 'dossier-receive-page').waitFor();
    await byTestId(clerk, 'receive-procedure').click();
    await field(clerk, 'receive-procedure').fill(procedureCode);
    await clerk.locator('.ant-select-item-option', { hasText: procedureCode }).first().click();
    // Choosing the procedure ticks all its components; the required ones are marked.
    await byTestId(clerk, 'receive-component-0').waitFor();
    assert.ok(await clerk.locator('[data-testid="receive-components"] .ant-checkbox-wrapper-checked').count() >= 1);
    await field(clerk, 'receive-name').fill(applicant);
    await field(clerk, 'receive-id').fill('001090000001');
    await field(clerk, 'receive-phone').fill('0912000000');
    await byTestId(clerk, 'receive-submit').click();
    await byTestId(clerk, 'dossier-receipt').waitFor();
    number = (await byTestId(clerk, 'receipt-number').textContent()).trim();
    secret = (await byTestId(clerk, 'receipt-secret').textContent()).trim();
    assert.match(number, /^000\.00\.91\.H06-\d{6}-\d{4}$/);
    assert.match(secret, /^[A-Z0-9]{6,}$/);
    assert.match(await byTestId(clerk, 'receipt-due').textContent(), /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await byTestId(clerk, 'receipt-open').click();
    await byTestId(clerk, 'dossier-page').waitFor();
    dossierPath = new URL(clerk.url()).pathname;
    assert.match(dossierPath, /^\/dossiers\/\d+$/);
    assert.equal((await byTestId(clerk, 'dossier-number').textContent()).trim(), number);
    await clerk.locator('[data-testid="dossier-status"] [data-testid="dossier-status-2"]').waitFor();
  });

  const officer = await signIn('thue.chuyenvien');
  await step('officer-hands-over', officer, async () => {
    await officer.goto(`${baseUrl}${dossierPath}`);
    await byTestId(officer, 'dossier-page').waitFor();
    await byTestId(officer, 'dossier-steps').waitFor();
    assert.equal(await byTestId(officer, 'dossier-action-decision').count(), 0, 'an officer does not decide');
    let handovers = 0;
    while (await byTestId(officer, 'dossier-action-handover').count() > 0) {
      const active = officer.locator('[data-testid^="step-state-"][data-state="active"]');
      const id = await active.getAttribute('data-testid');
      await act(officer, 'handover');
      await officer.locator(`[data-testid="${id}"][data-state="done"]`).waitFor();
      handovers++;
      assert.ok(handovers < 10, 'the handovers end at the approval step');
    }
    assert.ok(handovers >= 1);
    await officer.locator('[data-testid="dossier-status"] [data-testid="dossier-status-4"]').waitFor();
  });

  const leader = await signIn('thue.lanhdao');
  await step('leader-decides', leader, async () => {
    await leader.goto(`${baseUrl}${dossierPath}`);
    await byTestId(leader, 'dossier-page').waitFor();
    await act(leader, 'decision');
    await leader.locator('[data-testid="dossier-status"] [data-testid="dossier-status-9"]').waitFor();
  });

  await step('clerk-returns', clerk, async () => {
    await clerk.goto(`${baseUrl}/dossiers`);
    await byTestId(clerk, 'queue-to-return').waitFor();
    await clerk.goto(`${baseUrl}${dossierPath}`);
    await byTestId(clerk, 'dossier-page').waitFor();
    await act(clerk, 'return');
    await clerk.locator('[data-testid="dossier-status"] [data-testid="dossier-status-10"]').waitFor();
  });

  const context = await browser().newContext({ viewport: { width: 1200, height: 800 }, locale: 'vi-VN' });
  const visitor = await context.newPage();
  visitor.setDefaultTimeout(15_000);
  await step('public-lookup', visitor, async () => {
    await visitor.goto(`${baseUrl}/tra-cuu`);
    await byTestId(visitor, 'lookup-page').waitFor();
    // A wrong code reads like an unknown number.
    await field(visitor, 'lookup-number').fill(number);
    await field(visitor, 'lookup-secret').fill('AAAAAAAAAAAA');
    await byTestId(visitor, 'lookup-submit').click();
    await byTestId(visitor, 'lookup-error').waitFor();
    await field(visitor, 'lookup-secret').fill(secret);
    await byTestId(visitor, 'lookup-submit').click();
    await byTestId(visitor, 'lookup-result').waitFor();
    assert.match(await byTestId(visitor, 'lookup-status').textContent(), /Đã trả kết quả/);
    assert.equal(await byTestId(visitor, 'lookup-ready').count(), 0, 'a returned result is no longer waiting');
  });
});
