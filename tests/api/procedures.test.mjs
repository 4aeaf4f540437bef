// Administrative procedures (TTHC) and the ISO processes that drive them: the catalog and its
// versions, CSV / JSON import (all or nothing, with a report) and export round trip, step
// budgets against the statutory time, version pinning ("the process in force on date D"), and
// the public read side. Guards issue 5.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { agencyIds, expectError, expectStatus, startServer, UNIT } from './harness.mjs';

const step = (kind, name, value, unit = 'working_day', extra = {}) => ({
  kind, name, responsible: 'Phòng Hành chính tư pháp', budget: { value, unit }, ...extra,
});

describe('procedures and processes (issue 5)', () => {
  let server;
  let admin; // province-wide administrator
  let secretary; // tuphap.thuky: ISO secretary of Sở Tư pháp
  let officer; // tuphap.chuyenvien
  let leader; // tuphap.lanhdao
  let outsider; // thue.thuky
  let ids;
  let procedure;
  let process;

  before(async () => {
    server = await startServer({ env: { EISO_DOCUMENTS_SIGNING_SECRET: 'api-test-secret' } });
    [admin, secretary, officer, leader, outsider] = await Promise.all(
      ['admin', 'tuphap.thuky', 'tuphap.chuyenvien', 'tuphap.lanhdao', 'thue.thuky'].map((u) => server.login(u)),
    );
    ids = await agencyIds(admin);
  });
  after(async () => {
    await server?.stop();
  });

  const transition = (who, number, action, extra = {}) =>
    who.post(`/api/documents/${process.document_id}/versions/${number}/transitions`, { action, ...extra });
  const inForce = (date) =>
    officer.get(`/api/procedures/${procedure.id}/process-in-force?agency_id=${ids.soTp}&date=${date}`);

  it('lists the demo catalog with search and filters, each procedure with an issued process', async () => {
    const all = expectStatus(await officer.get('/api/procedures'), 200).procedures;
    assert.ok(all.length >= 60, `only ${all.length} procedures`);
    const tax = expectStatus(await officer.get(`/api/procedures?agency_id=${ids.cucThue}`), 200).procedures;
    assert.equal(tax.length, 20);
    const found = expectStatus(await officer.get('/api/procedures?q=dang+ky+khai+sinh'), 200).procedures;
    assert.ok(found.some((p) => p.code === '1.001193'), 'search without diacritics finds khai sinh');
    const land = expectStatus(await officer.get(`/api/procedures?sector=${encodeURIComponent('Đất đai')}`), 200).procedures;
    assert.ok(land.length >= 5 && land.every((p) => p.current.sector === 'Đất đai'));
    const detail = expectStatus(await officer.get(`/api/procedures/${found.find((p) => p.code === '1.001193').id}`), 200);
    assert.equal(detail.processes.length, 1);
    assert.equal(detail.processes[0].current_version, 1);
    expectError(await server.anonymous().get('/api/procedures'), 401);
  });

  it('lets an ISO secretary of a competent agency add a procedure; checks every field', async () => {
    const input = {
      code: '1.999001', effective_from: '2020-01-01', name: 'Thủ tục thử nghiệm cấp giấy xác nhận',
      sector: 'Hộ tịch', agency_ids: [ids.soTp], statutory_time: { value: 5, unit: 'working_day' },
      fee: 'Miễn phí', result: 'Giấy xác nhận', legal_basis: ['61/2018/NĐ-CP'], online_level: 'partial',
      boundary_free: true, cutoff_rule: true,
      components: [{ name: 'Tờ khai theo mẫu', form: 'original', copies: 1, required: true }],
    };
    expectError(await officer.post('/api/procedures', input), 403);
    expectError(await outsider.post('/api/procedures', input), 403);
    expectError(await secretary.post('/api/procedures', { ...input, code: 'X-1' }), 400, 'procedures.bad_code', 'code');
    expectError(await secretary.post('/api/procedures', { ...input, statutory_time: { value: 5, unit: 'week' } }),
      400, 'procedures.bad_time_unit', 'statutory_time.unit');
    expectError(await secretary.post('/api/procedures', { ...input, components: [{ name: 'x', copies: -1 }] }),
      400, 'procedures.bad_copies', 'components[0].copies');
    procedure = expectStatus(await secretary.post('/api/procedures', input), 201);
    assert.equal(procedure.current.agencies[0].unit_code, UNIT.soTp);
    expectError(await secretary.post('/api/procedures', input), 409, 'procedures.code_taken', 'code');
    // A later publication: a new version by effective date, the old one still readable.
    const later = expectStatus(await secretary.post(`/api/procedures/${procedure.id}/versions`,
      { ...input, effective_from: '2999-01-01', fee: '10.000 đồng' }), 201);
    assert.equal(later.versions.length, 2);
    assert.equal(later.current.effective_from, '2020-01-01');
    assert.equal(later.versions[1].effective_to, '2999-01-01');
    expectError(await secretary.post(`/api/procedures/${procedure.id}/versions`, input), 409,
      'procedures.version_date_taken', 'effective_from');
  });

  it('drafts a process whose step budgets must fit the statutory time', async () => {
    expectError(await outsider.post(`/api/procedures/${procedure.id}/processes`, { agency_id: ids.soTp }), 403);
    expectError(await secretary.post(`/api/procedures/${procedure.id}/processes`, { agency_id: ids.cucThue }),
      400, 'procedures.agency_not_competent', 'agency_id');
    process = expectStatus(await secretary.post(`/api/procedures/${procedure.id}/processes`, { agency_id: ids.soTp }), 201);
    assert.equal(process.versions[0].state, 'draft');
    expectError(await secretary.post(`/api/procedures/${procedure.id}/processes`, { agency_id: ids.soTp }),
      409, 'procedures.process_exists');
    // The draft has no steps yet: it cannot go to review.
    expectError(await transition(secretary, 1, 'submit'), 422, 'procedures.steps_required', 'steps');
    const url = `/api/processes/${process.document_id}/versions/1/steps`;
    const tooLong = [step('receive', 'Tiếp nhận', 0.5), step('appraise', 'Thẩm định', 3),
      step('approve', 'Phê duyệt', 2), step('return', 'Trả kết quả', 0)];
    expectError(await secretary.put(url, { steps: tooLong }), 400, 'procedures.budget_exceeds_statutory', 'steps[2].budget');
    expectError(await secretary.put(url, { steps: [step('sign', 'Ký', 1, 'day')] }), 400,
      'procedures.bad_budget_unit', 'steps[0].budget.unit');
    expectError(await secretary.put(url, { steps: [step('fly', 'x', 1)] }), 400, 'procedures.bad_step_kind', 'steps[0].kind');
    // Parallel consultations count by their longest branch: 0.5 + 3 + 1 days + 3.5 hours, within
    // 5 days of 450 office minutes (the demo calendar's 7:30–11:30, 13:30–17:00).
    const steps = [step('receive', 'Tiếp nhận', 0.5),
      step('consult', 'Lấy ý kiến Công an', 3, 'working_day', { parallel_group: 1 }),
      step('consult', 'Lấy ý kiến UBND xã', 2, 'working_day', { parallel_group: 1, agency_id: ids.vuNinh }),
      step('approve', 'Phê duyệt', 1), step('sign', 'Ký, đóng dấu', 2, 'working_hour'),
      step('return', 'Trả kết quả', 1.5, 'working_hour')];
    const saved = expectStatus(await secretary.put(url, { steps }), 200);
    assert.equal(saved.versions[0].steps.length, 6);
    assert.equal(saved.versions[0].total_minutes, 4.5 * 450 + 210);
    expectError(await leader.put(url, { steps }), 403);
  });

  it('only an issued version drives dossiers, and a dossier keeps its version', async () => {
    expectError(await inForce('2030-01-01'), 422, 'procedures.no_process_in_force');
    expectStatus(await transition(secretary, 1, 'submit'), 200);
    expectStatus(await transition(leader, 1, 'approve', { effective_date: '2020-01-01' }), 200);
    expectStatus(await transition(secretary, 1, 'issue'), 200);
    const v1 = expectStatus(await inForce('2030-01-01'), 200);
    assert.equal(v1.version, 1);
    assert.equal(v1.steps.length, 6);
    // Version 2 starts from version 1's steps; issuing it from 2999 leaves earlier dates on v1.
    const draft = expectStatus(await secretary.post(`/api/processes/${process.document_id}/versions`), 201);
    assert.equal(draft.versions[0].number, 2);
    assert.equal(draft.versions[0].steps.length, 6);
    const v2steps = [step('receive', 'Tiếp nhận (mới)', 0.5), step('appraise', 'Thẩm định', 3), step('approve', 'Ký', 1)];
    expectStatus(await secretary.put(`/api/processes/${process.document_id}/versions/2/steps`, { steps: v2steps }), 200);
    // Public side before the new issue: version 1 only, never the draft.
    const before2 = expectStatus(await server.anonymous().get(`/api/public/procedures/${procedure.id}`), 200);
    assert.deepEqual(before2.processes.map((p) => p.versions.map((v) => v.number)), [[1]]);
    expectStatus(await transition(secretary, 2, 'submit'), 200);
    expectStatus(await transition(leader, 2, 'approve', { effective_date: '2999-01-01' }), 200);
    expectStatus(await transition(secretary, 2, 'issue'), 200);
    assert.equal(expectStatus(await inForce('2030-01-01'), 200).version, 1);
    // Without a date: today, like the catalog's filters (version 1; version 2 starts in 2999).
    const today = await officer.get(`/api/procedures/${procedure.id}/process-in-force?agency_id=${ids.soTp}`);
    assert.equal(expectStatus(today, 200).version, 1);
    const later = expectStatus(await inForce('2999-02-01'), 200);
    assert.equal(later.version, 2);
    assert.equal(later.steps[0].name, 'Tiếp nhận (mới)');
    const pinned = expectStatus(await officer.get(`/api/processes/${process.document_id}/versions/1`), 200);
    assert.equal(pinned.steps.length, 6);
    assert.equal(pinned.steps[1].name, 'Lấy ý kiến Công an');
    // An issued version is frozen.
    expectError(await secretary.put(`/api/processes/${process.document_id}/versions/1/steps`, { steps: v2steps }),
      422, 'documents.not_draft');
  });

  it('shows only issued, effective versions without login', async () => {
    const anon = server.anonymous();
    const list = expectStatus(await anon.get('/api/public/procedures?q=thu+nghiem'), 200).procedures;
    assert.deepEqual(list.map((p) => p.code), ['1.999001']);
    assert.equal(list[0].current.fee, 'Miễn phí'); // the 2999 version is not yet in force
    const page = expectStatus(await anon.get(`/api/public/procedures/${procedure.id}`), 200);
    assert.equal(page.versions.length, 1);
    assert.equal(page.processes.length, 1);
    assert.deepEqual(page.processes[0].versions.map((v) => v.number), [1]);
    assert.equal(page.processes[0].versions[0].steps.length, 6);
    // A procedure whose only version is in the future is not public yet.
    const future = expectStatus(await admin.post('/api/procedures', {
      code: '1.999002', effective_from: '2999-01-01', name: 'Thủ tục thử nghiệm tương lai', sector: 'Hộ tịch',
      agency_ids: [ids.soTp], statutory_time: { value: 3, unit: 'working_day' } }), 201);
    expectError(await anon.get(`/api/public/procedures/${future.id}`), 404, 'procedures.not_found');
    assert.ok(!(expectStatus(await anon.get('/api/public/procedures?q=thu+nghiem+tuong+lai'), 200).procedures.length));
  });

  const header = 'record,code,effective_from,name,sector,agencies,time_value,time_unit,fee,result,legal_basis,' +
    'online_level,boundary_free,cutoff_rule,component_form,component_copies,component_required';
  const importCsv = (who, text, query = '') =>
    who.request('POST', `/api/procedures/import?format=csv${query}`, { rawBody: text, headers: { 'content-type': 'text/csv' } });

  it('imports nothing when any line is bad, and reports each problem', async () => {
    const csv = [header,
      `procedure,1.999101,2025-01-01,Thủ tục nhập tốt,Hộ tịch,${UNIT.soTp},3,working_day,Miễn phí,Giấy xác nhận,61/2018/NĐ-CP,full,yes,yes,,,`,
      'component,1.999101,2025-01-01,Tờ khai,,,,,,,,,,,original,1,yes',
      `procedure,1.999102,2025-01-01,Thủ tục lỗi,Hộ tịch,999.99.99.H99,ba,week,,,,,maybe,,,,`,
      'component,1.999102,2025-01-01,Bản sao,,,,,,,,,,,copy,many,yes',
      `procedure,BAD,2025-01-01,,Hộ tịch,${UNIT.soTp},1,working_day,,,,,,,,,`,
    ].join('\r\n');
    expectError(await importCsv(secretary, csv), 403);
    const res = await importCsv(admin, csv);
    assert.equal(res.status, 422, res.text);
    const problems = res.body.problems.map((p) => `${p.line}:${p.field}:${p.problem}`);
    for (const expected of ['4:agencies:procedures.unknown_agency', '4:time_value:procedures.bad_amount',
      '4:time_unit:procedures.bad_time_unit', '4:boundary_free:common.bad_type', '5:component_copies:procedures.bad_copies',
      '6:code:procedures.bad_code', '6:name:procedures.name_required'])
      assert.ok(problems.includes(expected), `missing ${expected} in ${problems.join(', ')}`);
    assert.ok(res.body.problems.every((p) => p.message.length > 0));
    assert.equal(res.body.imported, 0);
    const after = expectStatus(await admin.get('/api/procedures?q=thu+tuc+nhap+tot'), 200).procedures;
    assert.equal(after.length, 0, 'the good line was not half-imported');
    const bad = await admin.request('POST', '/api/procedures/import?format=json', { rawBody: '{"procedures": [{"code": "1.999103"}]}' });
    assert.equal(bad.status, 422);
    assert.ok(bad.body.problems.some((p) => p.line === 1 && p.field === 'statutory_time'));
  });

  it('round-trips the catalog through CSV and JSON', async () => {
    const csv = [header,
      `procedure,1.999201,2025-01-01,"Thủ tục nhập, có dấu phẩy",Chứng thực,${UNIT.soTp}; ${UNIT.vuNinh},0.5,working_day,5.000 đồng/bản,Bản sao,61/2018/NĐ-CP; 23/2015/NĐ-CP,none,no,yes,,,`,
      'component,1.999201,2025-01-01,"Bản chính giấy tờ ""gốc""",,,,,,,,,,,original,1,yes',
      'component,1.999201,2025-01-01,Trường hợp ủy quyền: văn bản ủy quyền,,,,,,,,,,,original_or_copy,1,no',
      `procedure,1.999201,2026-03-01,"Thủ tục nhập, có dấu phẩy",Chứng thực,${UNIT.soTp},1,working_day,Miễn phí,Bản sao,,partial,no,no,,,`,
    ].join('\r\n') + '\r\n';
    const dry = expectStatus(await importCsv(admin, csv, '&dry_run=true'), 200);
    assert.equal(dry.imported, 2);
    assert.equal(expectStatus(await admin.get('/api/procedures?q=co+dau+phay'), 200).procedures.length, 0);
    const done = expectStatus(await importCsv(admin, csv), 200);
    assert.deepEqual([done.records, done.imported, done.unchanged], [2, 2, 0]);
    const exported = await admin.get('/api/procedures/export?format=csv');
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get('content-type'), /text\/csv/);
    const lines = csv.split('\r\n').slice(1).filter(Boolean);
    for (const line of lines) assert.ok(exported.text.includes(line + '\r\n'), `export lacks ${line}`);
    // The whole export imports back as unchanged, and exports the same again.
    const again = expectStatus(await importCsv(admin, exported.text), 200);
    assert.equal(again.imported, 0);
    assert.equal(again.unchanged, again.records);
    assert.equal((await admin.get('/api/procedures/export?format=csv')).text, exported.text);
    const json = await admin.get('/api/procedures/export?format=json');
    assert.equal(json.status, 200);
    const viaJson = expectStatus(await admin.request('POST', '/api/procedures/import?format=json', { rawBody: json.text }), 200);
    assert.equal(viaJson.imported, 0);
    assert.equal(viaJson.unchanged, again.records);
    const entry = JSON.parse(json.text).procedures.find((p) => p.code === '1.999201' && p.effective_from === '2025-01-01');
    assert.deepEqual(entry.agencies.sort(), [UNIT.soTp, UNIT.vuNinh].sort());
    assert.equal(entry.components[0].name, 'Bản chính giấy tờ "gốc"');
    assert.equal(entry.components[1].required, false);
  });

  it('limits public reads per client address', async () => {
    const anon = server.anonymous();
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await anon.get('/api/public/procedures?q=khai+sinh')).status);
    assert.ok(statuses.includes(429), 'no 429 after 40 quick requests');
    assert.equal(statuses[0], 200);
  });
});
