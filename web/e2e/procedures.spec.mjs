// Browser test of issue 5 through the built UI, against a running eiso:
//   EISO_URL=http://127.0.0.1:18080 node --test e2e/procedures.spec.mjs
// The province-wide administrator adds a procedure for Cục Thuế (5 working days); the ISO
// secretary of Cục Thuế drafts its process, first with a step over budget (the server's error
// lands on that row), then within budget, saves and submits; the leader approves and issues it;
// the procedure page then shows the issued process in force. Each person has a browser context of
// their own; a failing step leaves a screenshot in web/test-results/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseUrl, byTestId, field, password, signIn as signInAs, stepRunner, transition, useBrowser } from './lib.mjs';

const adminUser = process.env.EISO_ADMIN_USER ?? 'admin';
const adminPassword = process.env.EISO_ADMIN_PASSWORD ?? password;
const browser = useBrowser();
const step = stepRunner('procedures');
const signIn = (username, secret) => signInAs(browser(), username, secret);

async function setStep(page, i, name, value) {
  await field(page, `step-name-${i}`).fill(name);
  await field(page, `step-responsible-${i}`).fill('Phòng Quản lý hộ kinh doanh');
  await field(page, `step-value-${i}`).fill(String(value));
}

test('a procedure gets its process drafted within budget, approved and issued', async () => {
  const stamp = Date.now();
  // The national code format: d.dddddd with an optional .XXXX suffix (src/procedures/service.cpp).
  const code = `9.${String(stamp).slice(-6)}.${stamp.toString(36).toUpperCase().slice(-4)}`;
  const name = `Thủ tục thử nghiệm giao diện ${stamp}`;
  let procedurePath;

  const admin = await signIn(adminUser, adminPassword);
  await step('admin-creates-procedure', admin, async () => {
    await admin.locator('[data-testid="menu-procedures"]').click();
    await byTestId(admin, 'procedures-page').waitFor();
    await byTestId(admin, 'proc-table').locator('tbody tr').first().waitFor();
    await byTestId(admin, 'proc-new').click();
    await byTestId(admin, 'proc-form').waitFor();
    await field(admin, 'proc-form-code').fill(code);
    await field(admin, 'proc-form-sector').fill('Thuế');
    await field(admin, 'proc-form-name').fill(name);
    await byTestId(admin, 'proc-form-agencies').click();
    await field(admin, 'proc-form-agencies').fill('Cục Thuế');
    await admin.locator('.ant-select-item-option', { hasText: 'Cục Thuế tỉnh Bắc Ninh' }).first().click();
    await field(admin, 'proc-form-time').fill('5');
    await byTestId(admin, 'proc-form-submit').click();
    await byTestId(admin, 'procedure-page').waitFor();
    procedurePath = new URL(admin.url()).pathname;
    assert.match(procedurePath, /^\/procedures\/\d+$/);
    assert.match(await byTestId(admin, 'proc-title').textContent(), new RegExp(code.replace(/\./g, '\\.')));
    assert.match(await byTestId(admin, 'proc-statutory').textContent(), /5 ngày làm việc/);
    await admin.locator('[data-testid^="proc-no-process-"]').first().waitFor();
    // The catalog search finds it without diacritics.
    await admin.locator('[data-testid="menu-procedures"]').click();
    await field(admin, 'proc-search').fill(`thu tuc thu nghiem giao dien ${stamp}`);
    await byTestId(admin, `proc-link-${code}`).waitFor();
  });

  const secretary = await signIn('thue.thuky');
  let processPath;
  await step('secretary-drafts-process', secretary, async () => {
    await secretary.goto(`${baseUrl}${procedurePath}`);
    await byTestId(secretary, 'procedure-page').waitFor();
    await secretary.locator('[data-testid^="proc-create-process-"]').first().click();
    await byTestId(secretary, 'process-page').waitFor();
    processPath = new URL(secretary.url()).pathname;
    assert.match(processPath, /^\/processes\/\d+$/);
    await byTestId(secretary, 'step-editor').waitFor();
    for (let i = 0; i < 3; i++) await byTestId(secretary, 'steps-add').click();
    await setStep(secretary, 0, 'Tiếp nhận, kiểm tra hồ sơ', 0.5);
    await setStep(secretary, 1, 'Thẩm định hồ sơ', 6);
    await setStep(secretary, 2, 'Ký và trả kết quả', 1);
    // Over the statutory time: the bar turns red and the server names step 2's budget.
    await secretary.locator('[data-testid="proc-timeline"][data-over="true"]').waitFor();
    await byTestId(secretary, 'steps-save').click();
    const error = byTestId(secretary, 'step-error-1');
    await error.waitFor();
    assert.ok((await error.textContent()).trim().length > 0, 'the budget error has a message');
    await field(secretary, 'step-value-1').fill('3');
    await secretary.locator('[data-testid="proc-timeline"][data-over="false"]').waitFor();
    await byTestId(secretary, 'steps-save').click();
    await byTestId(secretary, 'step-error-1').waitFor({ state: 'detached' });
    await secretary.locator('[data-testid="steps-save"][disabled]').waitFor();
    await secretary.reload();
    await byTestId(secretary, 'step-table').locator('tbody tr').nth(2).waitFor();
    assert.equal(Number(await field(secretary, 'step-value-1').inputValue()), 3);
    await transition(secretary, 'submit');
    await secretary.locator('[data-testid="process-state"] [data-testid="state-in_review"]').waitFor();
    assert.equal(await byTestId(secretary, 'doc-action-approve').count(), 0, 'an ISO secretary does not approve');
  });

  const leader = await signIn('thue.lanhdao');
  await step('leader-approves-issues', leader, async () => {
    await leader.goto(`${baseUrl}${processPath}`);
    await byTestId(leader, 'process-page').waitFor();
    await byTestId(leader, 'doc-action-approve').click();
    const dateInput = leader.locator('[data-testid="doc-approve-form"] input');
    await dateInput.click();
    const today = new Date();
    const dd = String(today.getDate()).padStart(2, '0');
    const mm = String(today.getMonth() + 1).padStart(2, '0');
    await dateInput.fill(`${dd}/${mm}/${today.getFullYear()}`);
    await dateInput.press('Enter');
    const form = byTestId(leader, 'doc-approve-form');
    await form.waitFor({ state: 'detached', timeout: 2_000 }).catch(async () => {
      await byTestId(leader, 'doc-approve-submit').click();
      await form.waitFor({ state: 'detached' });
    });
    await leader.locator('[data-testid="process-state"] [data-testid="state-approved"]').waitFor();
    await transition(leader, 'issue');
    await leader.locator('[data-testid="process-state"] [data-testid="state-issued"]').waitFor();
  });

  await step('procedure-shows-issued-process', leader, async () => {
    await leader.goto(`${baseUrl}${procedurePath}`);
    await byTestId(leader, 'procedure-page').waitFor();
    await leader.locator('[data-testid^="proc-in-force-"]').first().waitFor();
    const steps = leader.locator('[data-testid^="proc-in-force-steps-"] tbody tr');
    await steps.nth(2).waitFor();
    assert.equal(await steps.count(), 3);
    assert.match(await steps.nth(1).textContent(), /Thẩm định hồ sơ/);
  });
});
