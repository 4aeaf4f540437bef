// Browser test of a controlled document's life through the built UI, against a running eiso:
//   EISO_URL=http://127.0.0.1:18080 node --test e2e/documents.spec.mjs
// Three people of Sở KH&CN, each in a browser context of their own: the ISO secretary registers
// the QMS (on a fresh database), drafts a process document and submits it; the leader reviews,
// approves (signs) and issues it; the secretary distributes it to Sở KH&CN; the officer finds it
// in the inbox and confirms "Đã đọc và hiểu"; the secretary sees the acknowledgement and has the
// signature verified. Uses Debian's chromium through playwright-core; a failing step leaves a
// screenshot in web/test-results/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseUrl, byTestId, signIn as signInAs, stepRunner, transition, useBrowser } from './lib.mjs';

const browser = useBrowser();
const step = stepRunner('documents');
const signIn = (username) => signInAs(browser(), username);

test('a process document is drafted, approved, issued, distributed and acknowledged', async () => {
  const stamp = Date.now();
  const title = `Quy trình thử nghiệm ${stamp}`;
  const code = `QT-TN-${String(stamp).slice(-6)}`;
  let documentPath;

  const secretary = await signIn('khcn.thuky');
  await step('secretary-qms', secretary, async () => {
    await secretary.locator('[data-testid="menu-qms"]').click();
    await byTestId(secretary, 'qms-page').waitFor();
    // A fresh demo database has no QMS: the secretary registers the agency's own.
    await secretary.locator('[data-testid="qms-details"], [data-testid="qms-none"]').first().waitFor();
    if (await byTestId(secretary, 'qms-create').isVisible()) {
      await byTestId(secretary, 'qms-create').click();
      await byTestId(secretary, 'qms-form').waitFor();
      await byTestId(secretary, 'qms-form-submit').click();
      await byTestId(secretary, 'qms-form').waitFor({ state: 'detached' });
    }
    await byTestId(secretary, 'qms-details').waitFor();
  });

  await step('secretary-drafts', secretary, async () => {
    await secretary.locator('[data-testid="menu-documents"]').click();
    await byTestId(secretary, 'doc-register').waitFor();
    await byTestId(secretary, 'doc-new').click();
    await byTestId(secretary, 'doc-new-form').waitFor();
    await byTestId(secretary, 'doc-new-code').fill(code);
    await byTestId(secretary, 'doc-new-title').fill(title);
    await byTestId(secretary, 'doc-new-content').fill(
      '# 1. Mục đích\nThử nghiệm luồng kiểm soát tài liệu.\n# 2. Nội dung\n1. Chuyên viên dự thảo\n2. Lãnh đạo phê duyệt');
    await byTestId(secretary, 'doc-new-submit').click();
    await byTestId(secretary, 'document-page').waitFor();
    documentPath = new URL(secretary.url()).pathname;
    assert.match(documentPath, /^\/documents\/\d+$/);
    assert.match(await byTestId(secretary, 'doc-title').textContent(), new RegExp(title));
    await secretary.locator('[data-testid="doc-content"] h2', { hasText: '1. Mục đích' }).waitFor();
  });

  await step('secretary-submits', secretary, async () => {
    await transition(secretary, 'submit');
    await secretary.locator('[data-testid="doc-workflow"] [data-testid="state-in_review"], [data-testid="document-page"] .doc-title-line [data-testid="state-in_review"]').first().waitFor();
    assert.equal(await byTestId(secretary, 'doc-action-approve').count(), 0, 'an ISO secretary does not approve');
  });

  const leader = await signIn('khcn.lanhdao');
  await step('leader-reviews-approves-issues', leader, async () => {
    await leader.goto(`${baseUrl}${documentPath}`);
    await byTestId(leader, 'document-page').waitFor();
    await transition(leader, 'review');
    await byTestId(leader, 'doc-action-review').waitFor({ state: 'detached' });
    await byTestId(leader, 'doc-action-approve').click();
    const dateInput = leader.locator('[data-testid="doc-approve-form"] input');
    await dateInput.click();
    const today = new Date();
    const dd = String(today.getDate()).padStart(2, '0');
    const mm = String(today.getMonth() + 1).padStart(2, '0');
    await dateInput.fill(`${dd}/${mm}/${today.getFullYear()}`);
    await dateInput.press('Enter');   // confirms the date; Enter may also submit the form
    const form = byTestId(leader, 'doc-approve-form');
    await form.waitFor({ state: 'detached', timeout: 2_000 }).catch(async () => {
      await byTestId(leader, 'doc-approve-submit').click();
      await form.waitFor({ state: 'detached' });
    });
    await leader.locator('.doc-title-line [data-testid="state-approved"]').waitFor();
    await leader.locator('[data-testid="doc-signer"]', { hasText: /\S/ }).waitFor();
    await transition(leader, 'issue');
    await leader.locator('.doc-title-line [data-testid="state-issued"]').waitFor();
  });

  await step('secretary-distributes', secretary, async () => {
    await secretary.reload();
    await byTestId(secretary, 'doc-distribute').click();
    await byTestId(secretary, 'doc-distribute-form').waitFor();
    // The secretary's own agency, Sở KH&CN, is preselected.
    await byTestId(secretary, 'doc-distribute-submit').click();
    await byTestId(secretary, 'doc-distribute-form').waitFor({ state: 'detached' });
    await secretary.locator('[data-testid^="receipt-pending-"]').first().waitFor();
  });

  const officer = await signIn('khcn.chuyenvien');
  const officerName = (await officer.locator('.app-user-name').textContent()).trim();
  await step('officer-acknowledges', officer, async () => {
    await officer.locator('[data-testid="menu-documents"]').click();
    const item = officer.locator('[data-testid="doc-inbox"] [data-testid^="doc-inbox-item-"]', { hasText: title });
    await item.waitFor();
    await item.locator('a', { hasText: title }).click();
    await byTestId(officer, 'document-page').waitFor();
    await byTestId(officer, 'doc-acknowledge').click();
    await byTestId(officer, 'doc-acknowledged').waitFor();
    await officer.locator('[data-testid="menu-documents"]').click();
    await byTestId(officer, 'doc-register').waitFor();
    assert.equal(await officer.locator('[data-testid="doc-inbox"]', { hasText: title }).count(), 0);
  });

  await step('secretary-sees-acknowledgement-and-verifies', secretary, async () => {
    await secretary.reload();
    const row = secretary.locator('[data-testid="doc-receipts"] tr', { hasText: officerName });
    await row.locator('[data-testid^="receipt-ack-"]').waitFor();
    await byTestId(secretary, 'doc-receipts-summary').waitFor();
    await byTestId(secretary, 'doc-verify').click();
    await byTestId(secretary, 'doc-verify-ok').waitFor();
  });
});
