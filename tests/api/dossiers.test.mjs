// Dossiers at the single window and along the pinned process: intake (number, secret, due time),
// guidance and refusal, handovers, supplement with the clock restarted, apology once, result,
// return, statistics from counters, work queues, the public lookup (wrong secret ≡ unknown
// number) and concurrent intakes with unique numbers. Guards issue 6.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { agencyIds, expectError, expectStatus, startServer } from './harness.mjs';

describe('dossiers (issue 6)', () => {
  let server;
  let clerk; // thue.motcua
  let officer; // thue.chuyenvien
  let leader; // thue.lanhdao
  let otherClerk; // tuphap.motcua
  let admin;
  let ids;
  let procedure;

  before(async () => {
    server = await startServer({ env: { EISO_DOCUMENTS_SIGNING_SECRET: 'api-test-secret' } });
    [clerk, officer, leader, otherClerk, admin] = await Promise.all(
      ['thue.motcua', 'thue.chuyenvien', 'thue.lanhdao', 'tuphap.motcua', 'admin'].map((u) => server.login(u)),
    );
    ids = await agencyIds(admin);
    const list = expectStatus(await clerk.get(`/api/procedures?agency_id=${ids.cucThue}`), 200).procedures;
    procedure = list.find((p) => p.code === '9.000003.DEMO') ?? list[0];
    assert.ok(procedure, 'a demo procedure of Cục Thuế');
  });
  after(async () => {
    await server?.stop();
  });

  const applicant = { name: 'Nguyễn Văn An', id_number: '001090000001', address: 'Bắc Ninh', phone: '0912000000' };
  const allComponents = () => procedure.current.components.map((_, i) => i);
  const receive = (who = clerk, extra = {}) =>
    who.post('/api/dossiers', { procedure_id: procedure.id, channel: 1, applicant, components: allComponents(), ...extra });
  const active = (d) => d.steps.find((s) => s.state === 'active');

  it('receives a dossier with a number, a secret and a due time; hides it from other agencies', async () => {
    const d = expectStatus(await receive(), 201);
    assert.equal(d.status, 2);
    assert.match(d.number, /^000\.00\.91\.H06-\d{6}-\d{4}$/);
    assert.equal(typeof d.secret, 'string');
    assert.ok(d.due_at > d.received_at);
    assert.equal(d.steps[0].state, 'done');
    assert.ok(active(d), 'the first processing step is active');
    const again = expectStatus(await clerk.get(`/api/dossiers/${d.id}`), 200);
    assert.equal(again.secret, undefined, 'the secret is shown only on the receipt');
    expectError(await otherClerk.get(`/api/dossiers/${d.id}`), 404, 'dossiers.not_found');
    expectError(await officer.post('/api/dossiers', { procedure_id: procedure.id, applicant, components: allComponents() }), 403);
    expectError(await receive(clerk, { components: [] }), 400, 'dossiers.components_missing', 'components');
    expectError(await receive(clerk, { channel: 4 }), 400, 'dossiers.bad_channel', 'channel');
  });

  it('guides once in full and refuses with reasons', async () => {
    const g = expectStatus(await receive(clerk, { components: [], outcome: 'guide' }), 201);
    assert.equal(g.status, 1);
    assert.ok(g.missing.length >= 1);
    assert.equal(g.number, null);
    expectError(await receive(clerk, { components: [], outcome: 'guide', guided_id: g.id }), 422, 'dossiers.already_guided');
    expectError(await receive(clerk, { outcome: 'refuse' }), 400, 'dossiers.reasons_required');
    const r = expectStatus(await receive(clerk, { outcome: 'refuse', notes: ['Không thuộc thẩm quyền'] }), 201);
    assert.equal(r.status, 3);
  });

  it('runs the life cycle: handovers, supplement, apology once, result, return; statistics follow', async () => {
    let d = expectStatus(await receive(clerk, { channel: 2 }), 201);
    d = expectStatus(await officer.post(`/api/dossiers/${d.id}/steps/${active(d).id}/handover`, { note: 'ok' }), 200);
    assert.equal(d.status, 4);
    d = expectStatus(await officer.post(`/api/dossiers/${d.id}/supplement-request`, { items: ['Tờ khai 03-ĐK-TCT'] }), 200);
    assert.equal(d.status, 5);
    expectError(await officer.post(`/api/dossiers/${d.id}/supplement-received`, {}), 403);
    d = expectStatus(await clerk.post(`/api/dossiers/${d.id}/supplement-received`, {}), 200);
    assert.equal(d.status, 4);
    const later = new Date(Date.parse(d.due_at) + 5 * 86_400_000).toISOString();
    const apology = await officer.post(`/api/dossiers/${d.id}/apology`, { new_due_at: later, reason: 'Chờ xác minh' });
    if (apology.status === 200) {
      assert.equal(apology.body.apologized, true);
      expectError(await officer.post(`/api/dossiers/${d.id}/apology`, { new_due_at: later, reason: 'x' }), 422,
        'dossiers.apology_used');
    } else {
      expectError(apology, 422, 'dossiers.apology_too_late');   // too close to the due time today
    }
    d = expectStatus(await officer.get(`/api/dossiers/${d.id}`), 200);
    while (active(d) && !['approve', 'sign', 'return'].includes(active(d).kind))
      d = expectStatus(await officer.post(`/api/dossiers/${d.id}/steps/${active(d).id}/handover`, {}), 200);
    expectError(await officer.post(`/api/dossiers/${d.id}/decision`, { positive: true }), 403);
    d = expectStatus(await leader.post(`/api/dossiers/${d.id}/decision`, { positive: true }), 200);
    assert.equal(d.status, 9);
    assert.ok(['early', 'on_time'].includes(d.timeliness), d.timeliness);
    const q = expectStatus(await clerk.get('/api/dossiers/queues'), 200);
    assert.ok(q.clerk.to_return >= 1);
    d = expectStatus(await clerk.post(`/api/dossiers/${d.id}/return`, {}), 200);
    assert.equal(d.status, 10);

    const month = new Date().toISOString().slice(0, 7);
    const stats = expectStatus(await leader.get(`/api/dossiers/stats?agency_id=${ids.cucThue}&from=${month}&to=${month}`), 200);
    assert.ok(stats.counts['received.2'] >= 1);
    assert.ok(stats.counts.returned >= 1);
    assert.ok(stats.resolved >= 1);
    assert.ok('early_on_time_over_received' in stats.on_time_rate && 'early_on_time_over_resolved' in stats.on_time_rate);
    // A wrong count is corrected by a new event with its reason, never by editing the counters.
    expectError(await officer.post(`/api/dossiers/${d.id}/corrections`, { metric: 'received.2', delta: -1, reason: 'x' }), 403);
    expectStatus(await leader.post(`/api/dossiers/${d.id}/corrections`, { metric: 'received.2', delta: -1, reason: 'Nhập nhầm kênh' }), 200);
    const history = expectStatus(await officer.get(`/api/dossiers/${d.id}/events`), 200).events;
    const kinds = history.map((e) => e.kind);
    for (const k of ['received', 'step_handed_over', 'supplement_requested', 'supplement_received', 'resolved', 'returned', 'correction'])
      assert.ok(kinds.includes(k), `history has ${k}: ${kinds}`);
    assert.equal(kinds[0], 'correction', 'newest first');
    assert.ok(history.every((e) => e.actor_name.length > 0 && typeof e.at === 'number'));
    assert.equal(history[0].detail.reason, 'Nhập nhầm kênh');
    expectError(await otherClerk.get(`/api/dossiers/${d.id}/events`), 404);
    const corrected = expectStatus(await leader.get(`/api/dossiers/stats?agency_id=${ids.cucThue}&from=${month}&to=${month}`), 200);
    assert.equal(corrected.counts['received.2'], stats.counts['received.2'] - 1);
    expectError(await leader.get(`/api/dossiers/stats?agency_id=${ids.soTp}`), 403);
    expectStatus(await admin.get('/api/dossiers/stats'), 200);
  });

  it('stops the clock for fees (status 6) and moves the appointment when they are paid', async () => {
    let d = expectStatus(await receive(), 201);
    expectError(await officer.post(`/api/dossiers/${d.id}/financial-obligation`, { items: [] }), 400, 'dossiers.items_required');
    expectError(await otherClerk.post(`/api/dossiers/${d.id}/financial-obligation`, { items: ['Lệ phí'] }), 404);
    d = expectStatus(await officer.post(`/api/dossiers/${d.id}/financial-obligation`, { items: ['Lệ phí: 50.000 đồng'] }), 200);
    assert.equal(d.status, 6);
    assert.deepEqual(d.missing, ['Lệ phí: 50.000 đồng']);
    expectError(await leader.post(`/api/dossiers/${d.id}/decision`, { positive: true }), 422, 'dossiers.bad_status');
    const due = d.due_at;
    d = expectStatus(await clerk.post(`/api/dossiers/${d.id}/financial-obligation-done`, {}), 200);
    assert.equal(d.status, 4);
    assert.ok(d.due_at >= due, 'the appointment never moves earlier');
    const kinds = expectStatus(await clerk.get(`/api/dossiers/${d.id}/events`), 200).events.map((e) => e.kind);
    assert.deepEqual(kinds.slice(0, 2), ['financial_done', 'financial_requested']);
  });

  it('groups the statistics by month, agency, level and procedure; lists the work queues', async () => {
    const d = expectStatus(await receive(), 201);
    const month = new Date().toISOString().slice(0, 7);
    const whole = expectStatus(await admin.get(`/api/dossiers/stats?from=${month}&to=${month}`), 200);
    assert.ok(whole.received >= 1 && whole.in_progress >= 1 && typeof whole.carried_over === 'number');
    for (const group of ['period', 'agency', 'level', 'procedure']) {
      const s = expectStatus(await admin.get(`/api/dossiers/stats?from=${month}&to=${month}&group_by=${group}`), 200);
      assert.equal(s.group_by, group);
      assert.equal(s.groups.reduce((n, g) => n + g.received, 0), whole.received, group);
      assert.ok(s.groups.every((g) => typeof g.name === 'string' && g.name.length > 0), group);
    }
    const byAgency = expectStatus(await admin.get(`/api/dossiers/stats?from=${month}&to=${month}&group_by=agency`), 200);
    const thue = byAgency.groups.find((g) => g.key === String(ids.cucThue));
    assert.ok(thue && thue.in_progress >= 1, 'Cục Thuế has a dossier in progress');
    expectError(await admin.get('/api/dossiers/stats?group_by=weekday'), 400, 'dossiers.bad_group_by');
    expectError(await leader.get('/api/dossiers/stats?group_by=agency'), 403);

    const step = active(d);
    const candidates = expectStatus(await clerk.get(`/api/dossiers/${d.id}/steps/${step.id}/candidates`), 200).users;
    assert.ok(candidates.length >= 2, 'the officer and the leader of Cục Thuế');
    assert.ok(candidates.every((u) => u.roles.includes('officer') || u.roles.includes('leader')));
    expectError(await otherClerk.get(`/api/dossiers/${d.id}/steps/${step.id}/candidates`), 404);
    const mine = expectStatus(await officer.get('/api/dossiers?queue=my_steps'), 200).dossiers;
    assert.ok(mine.some((x) => x.id === d.id), 'the new dossier waits in the officer queue');
    const counts = expectStatus(await officer.get('/api/dossiers/queues'), 200);
    assert.equal(counts.officer.my_steps, Math.min(mine.length, 100));
    expectError(await officer.get('/api/dossiers?queue=later'), 400, 'dossiers.bad_queue');
  });

  it('answers the public lookup with minimal fields; a wrong secret looks like an unknown number', async () => {
    const d = expectStatus(await receive(), 201);
    const anon = server.anonymous();
    const ok = expectStatus(await anon.get(`/api/public/dossiers/${d.number}?secret=${d.secret}`), 200);
    assert.deepEqual(Object.keys(ok).sort(), ['due_at', 'handling_unit', 'number', 'result_ready', 'status']);
    assert.equal(ok.status, 2);
    const wrong = await anon.get(`/api/public/dossiers/${d.number}?secret=AAAAAAAAAAAA`);
    const unknown = await anon.get(`/api/public/dossiers/000.00.91.H06-990101-0001?secret=${d.secret}`);
    assert.equal(wrong.status, 404);
    assert.equal(unknown.status, 404);
    assert.equal(wrong.text, unknown.text);
    const posted = expectStatus(await anon.post('/api/public/dossiers/lookup', { number: d.number, secret: d.secret }), 200);
    assert.equal(posted.number, d.number);
  });

  it('gives 50 concurrent intakes 50 different numbers', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => receive()));
    const numbers = results.map((r) => expectStatus(r, 201).number);
    assert.equal(new Set(numbers).size, 50);
    // What was answered is what is stored, in the dossier and in its audit entry (on PostgreSQL the
    // server draws the number and fills the audit entry's copy).
    const stored = await server.sql(
      "SELECT d.number, a.after_json FROM dossiers d JOIN audit_events a ON a.entity = 'dossier' " +
        "AND a.entity_id = d.id AND a.action = 'dossier.received' WHERE d.number IS NOT NULL");
    const audited = new Map(stored.map(([number, after]) => [number, JSON.parse(after).number]));
    for (const n of numbers) assert.equal(audited.get(n), n, `dossier ${n} and its audit entry`);
  });

  it('hands a step over once when six hand it over at the same moment; the others learn why', async () => {
    const d = expectStatus(await receive(), 201);
    const step = active(d);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => officer.post(`/api/dossiers/${d.id}/steps/${step.id}/handover`, { note: 'cùng lúc' })));
    const ok = results.filter((r) => r.status === 200);
    assert.equal(ok.length, 1, results.map((r) => `${r.status} ${r.text.slice(0, 80)}`).join('\n'));
    for (const r of results.filter((x) => x.status !== 200))
      expectError(r, r.status, ['dossiers.changed', 'dossiers.step_not_active']);
    const events = expectStatus(await officer.get(`/api/dossiers/${d.id}/events`), 200).events;
    assert.equal(events.filter((e) => e.kind === 'step_handed_over').length, 1);
    const now = expectStatus(await officer.get(`/api/dossiers/${d.id}`), 200);
    assert.equal(now.steps.find((s) => s.id === step.id).state, 'done');
  });

  it('keeps one unbroken audit chain through every change above, concurrent intakes included', async () => {
    const verify = await server.cli(['audit', 'verify']);
    assert.equal(verify.code, 0, `audit verify exited ${verify.code}\n${verify.stdout}\n${verify.stderr}`);
    const events = Number(/OK: (\d+) audit events/.exec(verify.stdout)?.[1]);
    assert.ok(events >= 50, verify.stdout);
  });
});
