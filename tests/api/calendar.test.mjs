// The working-day calendar as a service: the year view, the year's decisions with their legal
// basis, unit settings, and the "try a deadline" form with its explanation.
// Guards issue 3 (calendar: holidays, decisions, per-unit settings, explained due times).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { agencyIds, expectError, expectStatus, startServer } from './harness.mjs';

describe('calendar (issue 3)', () => {
  let server;
  let admin;
  let clerk;
  let localAdmin;
  let ids;

  before(async () => {
    server = await startServer();
    admin = await server.login('admin');
    clerk = await server.login('tuphap.motcua');
    localAdmin = await server.login('tuphap.admin');
    ids = await agencyIds(admin);
  });
  after(async () => {
    await server?.stop();
  });

  const example = (extra = {}) => ({ received_at: '2026-04-29T16:20', amount: 5, unit: 'working_days', ...extra });
  const decision = (extra = {}) => ({
    year: 2026,
    date: '2026-05-04',
    kind: 'day_off',
    reason_vi: 'Nghỉ thêm sau dịp 30/4 – 1/5',
    reason_en: 'Extra day off after 30/4 – 1/5',
    legal_basis: 'Quyết định số 123/QĐ-UBND',
    legal_basis_date: '2026-04-20',
    ...extra,
  });

  it('shows 2026 with Tết, 30/4, 1/5 and 2/9 as public holidays, with lunar dates', async () => {
    const year = expectStatus(await clerk.get('/api/calendar/years/2026'), 200);
    assert.equal(year.days.length, 365);
    const day = (date) => year.days.find((d) => d.date === date);
    for (const date of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-30', '2026-05-01', '2026-09-02']) {
      assert.equal(day(date).kind, 'public_holiday', date);
      assert.ok(day(date).legal_basis.length > 0, `${date} has a legal basis`);
    }
    assert.deepEqual(day('2026-02-17').lunar, [1, 1, false], 'Tết is 1/1 lunar');
    assert.equal(day('2026-05-02').kind, 'weekly_rest');
    assert.equal(day('2026-05-04').kind, 'working_day');
    assert.equal(day('2026-01-10').kind, 'decreed_working_day');
    assert.equal(year.settings.minutes_per_day, 450);
  });

  it('computes the issue example with its explanation, and the 15:00 rule', async () => {
    const due = expectStatus(await clerk.post('/api/calendar/deadline', example()), 200);
    assert.equal(due.due_local, '17:00 08/05/2026');
    assert.equal(due.due_at, '2026-05-08T10:00:00.000Z');
    assert.equal(due.moved_by_cutoff, false);
    assert.deepEqual(due.skipped.map((d) => d.date), ['2026-04-30', '2026-05-01', '2026-05-02', '2026-05-03']);
    assert.deepEqual(due.skipped.map((d) => d.kind), ['public_holiday', 'public_holiday', 'weekly_rest', 'weekly_rest']);
    assert.match(due.text_vi, /Hạn trả kết quả: 17:00 08\/05\/2026/);
    assert.match(due.text_en, /Due: 17:00 08\/05\/2026/);

    const utc = expectStatus(await clerk.post('/api/calendar/deadline', example({ received_at: '2026-04-29T09:20:00Z' })), 200);
    assert.equal(utc.due_local, '17:00 08/05/2026', 'UTC input is the same moment');

    const cutoff = expectStatus(await clerk.post('/api/calendar/deadline', example({ cutoff_rule: true })), 200);
    assert.equal(cutoff.due_local, '17:00 11/05/2026');
    assert.equal(cutoff.moved_by_cutoff, true);
    assert.equal(cutoff.counting_from_local, '07:30 04/05/2026');

    // In calendar days (ngày, Civil Code art. 147–148), holidays inside the period count: 29/04 + 5
    // is Monday 04/05, a working day, to its end; 29/04 + 3 is Saturday 02/05, which gives way to
    // Monday 04/05.
    const days = expectStatus(await clerk.post('/api/calendar/deadline', example({ unit: 'days', amount: 5 })), 200);
    assert.equal(days.due_local, '23:59 04/05/2026');
    assert.deepEqual(days.skipped, []);
    const weekend = expectStatus(await clerk.post('/api/calendar/deadline', example({ unit: 'days', amount: 3 })), 200);
    assert.equal(weekend.due_local, '23:59 04/05/2026');
    assert.deepEqual(weekend.skipped.map((d) => d.date), ['2026-05-02', '2026-05-03']);
    expectError(await clerk.post('/api/calendar/deadline', example({ unit: 'weeks' })), 400, 'calendar.bad_unit', 'unit');
  });

  it('moves the due date when an administrator decrees a day off, citing its basis', async () => {
    const created = expectStatus(await admin.post('/api/calendar/decisions', decision()), 201);
    assert.equal(created.citation, 'Quyết định số 123/QĐ-UBND ngày 20/04/2026');
    try {
      const due = expectStatus(await clerk.post('/api/calendar/deadline', example()), 200);
      assert.equal(due.due_local, '17:00 11/05/2026');
      const extra = due.skipped.find((d) => d.date === '2026-05-04');
      assert.equal(extra.kind, 'decreed_day_off');
      assert.equal(extra.legal_basis, 'Quyết định số 123/QĐ-UBND ngày 20/04/2026');
      assert.match(due.text_vi, /123\/QĐ-UBND/);

      const list = expectStatus(await clerk.get('/api/calendar/decisions?year=2026'), 200);
      const row = list.decisions.find((d) => d.id === created.id);
      assert.equal(row.builtin, false);
      assert.ok(list.decisions.some((d) => d.builtin && d.kind === 'tet_day'), 'built-in entries are listed');
      const year = expectStatus(await clerk.get('/api/calendar/years/2026'), 200);
      assert.equal(year.days.find((d) => d.date === '2026-05-04').kind, 'decreed_day_off');

      const moved = expectStatus(await admin.put(`/api/calendar/decisions/${created.id}`, decision({ date: '2026-05-11' })), 200);
      assert.equal(moved.date, '2026-05-11');
      const later = expectStatus(await clerk.post('/api/calendar/deadline', example()), 200);
      assert.equal(later.due_local, '17:00 08/05/2026', 'the day off now lies after the due date');
    } finally {
      expectStatus(await admin.request('DELETE', `/api/calendar/decisions/${created.id}`), 204);
    }
    const restored = expectStatus(await clerk.post('/api/calendar/deadline', example()), 200);
    assert.equal(restored.due_local, '17:00 08/05/2026');
  });

  it('applies a unit\'s own settings, edited by its administrator', async () => {
    const path = `/api/calendar/settings?agency_id=${ids.soTp}`;
    const before = expectStatus(await clerk.get(path), 200);
    assert.equal(before.own.weekly_rest, null, 'inherits');
    assert.deepEqual(before.effective.weekly_rest, [0, 6]);
    const saved = expectStatus(await localAdmin.put(path, {
      weekly_rest: [0],
      sessions: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '16:30' }],
      saturday_morning_reception: null,
    }), 200);
    assert.deepEqual(saved.effective.weekly_rest, [0]);
    assert.equal(saved.effective.minutes_per_day, 450);
    const due = expectStatus(await clerk.post('/api/calendar/deadline', example({ agency_id: ids.soTp })), 200);
    assert.equal(due.due_local, '16:30 07/05/2026', 'Saturday 2/5 is worked');
    const province = expectStatus(await clerk.post('/api/calendar/deadline', example({ agency_id: ids.soKhcn })), 200);
    assert.equal(province.due_local, '17:00 08/05/2026');
    expectStatus(await localAdmin.put(path, {}), 200);
    const back = expectStatus(await clerk.post('/api/calendar/deadline', example({ agency_id: ids.soTp })), 200);
    assert.equal(back.due_local, '17:00 08/05/2026');
  });

  it('lets only administrators write, and agency administrators only their own units', async () => {
    expectError(await clerk.post('/api/calendar/decisions', decision()), 403, 'auth.forbidden');
    expectError(await localAdmin.post('/api/calendar/decisions', decision()), 403, 'auth.forbidden');
    expectError(await clerk.put(`/api/calendar/settings?agency_id=${ids.soTp}`, {}), 403, 'auth.forbidden');
    expectError(await localAdmin.put(`/api/calendar/settings?agency_id=${ids.soKhcn}`, {}), 403, 'auth.forbidden');
    expectError(await localAdmin.put('/api/calendar/settings', {}), 403, 'auth.forbidden');
    expectError(await server.request('GET', '/api/calendar/years/2026'), 401);
    expectError(await server.request('POST', '/api/calendar/deadline', { body: example() }), 401);
  });

  it('refuses writes without the CSRF token', async () => {
    const res = await admin.post('/api/calendar/decisions', decision(), { csrf: false });
    assert.equal(res.status, 403, res.text);
    const list = expectStatus(await admin.get('/api/calendar/decisions?year=2026'), 200);
    assert.ok(!list.decisions.some((d) => d.date === '2026-05-04'));
  });

  it('names the offending field, in Vietnamese or English, and writes nothing', async () => {
    const before = expectStatus(await admin.get('/api/calendar/decisions?year=2026'), 200);
    const cases = [
      [decision({ legal_basis: '' }), 'calendar.legal_basis_required', 'legal_basis'],
      [decision({ reason_vi: '  ' }), 'calendar.reason_required', 'reason_vi'],
      [decision({ date: '2027-01-04' }), 'calendar.date_outside_year', 'date'],
      [decision({ date: '2026-02-30' }), 'common.bad_date', 'date'],
      [decision({ kind: 'holiday' }), 'calendar.bad_kind', 'kind'],
      [decision({ kind: 'tet_day', date: '2026-06-01' }), 'calendar.tet_day_far', 'date'],
      [decision({ legal_basis_date: undefined }), 'common.required', 'legal_basis_date'],
    ];
    for (const [body, code, field] of cases) {
      expectError(await admin.post('/api/calendar/decisions', body), 400, code, field);
    }
    const en = expectError(await admin.post('/api/calendar/decisions', decision({ legal_basis: '' }), { lang: 'en' }),
      400, 'calendar.legal_basis_required', 'legal_basis');
    assert.match(en.message, /legal basis/);
    assert.deepEqual(expectStatus(await admin.get('/api/calendar/decisions?year=2026'), 200), before);

    const settings = '/api/calendar/settings';
    expectError(await admin.put(settings, { sessions: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '17:00' }] }),
      400, 'calendar.sessions_overlap', 'sessions[1].start');
    expectError(await admin.put(settings, { sessions: [{ start: '8h', end: '12:00' }] }), 400, 'calendar.bad_time', 'sessions[0].start');
    expectError(await admin.put(settings, { weekly_rest: [0, 1, 2, 3, 4, 5, 6] }), 400, 'calendar.no_working_weekday', 'weekly_rest');
    expectError(await admin.put(`${settings}?agency_id=99999`, {}), 400, 'calendar.agency_not_found', 'agency_id');

    expectError(await clerk.post('/api/calendar/deadline', example({ received_at: '29/04/2026 16:20' })), 400,
      'calendar.bad_received_at', 'received_at');
    expectError(await clerk.post('/api/calendar/deadline', example({ amount: -1 })), 400, 'calendar.bad_amount', 'amount');
    expectError(await clerk.post('/api/calendar/deadline', example({ unit: 'weeks' })), 400, 'calendar.bad_unit', 'unit');
    expectError(await clerk.get('/api/calendar/years/2101'), 400, 'calendar.bad_year', 'year');
    expectError(await clerk.get('/api/calendar/decisions/'), 404);
  });
});
