// Printable one-stop forms as PDF (Mẫu 01–05 of a dossier, the Mẫu 06 tracking book): each form
// only once the dossier's state has produced it, readable by whoever may read the dossier (404 to
// other agencies), the lookup code printed only when given back and checked against its hash,
// Vietnamese text extracted with pdftotext. Guards issue 6 (printable forms).

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { agencyIds, expectError, expectStatus, run, startServer } from './harness.mjs';

// The raw bytes of an answer (the harness's client reads bodies as text).
async function fetchPdf(client, method, urlPath, body) {
  const headers = { cookie: client.cookie };
  if (method !== 'GET') headers['x-csrf-token'] = client.csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(client.baseUrl + urlPath, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  let json;
  if (type.includes('application/json')) json = JSON.parse(bytes.toString('utf8'));
  return { status: res.status, headers: res.headers, bytes, body: json, text: json ? bytes.toString('utf8') : '' };
}

let kept = 0;

// The text of a PDF answer, after checking it is one (status, type, disposition, caching).
async function pdfText(res, filenamePrefix) {
  assert.equal(res.status, 200, `expected a PDF; got HTTP ${res.status} ${res.text}`);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const disposition = res.headers.get('content-disposition');
  assert.match(disposition, /^inline; filename="[^"]+\.pdf"; filename\*=UTF-8''\S+\.pdf$/);
  if (filenamePrefix) assert.ok(disposition.includes(`filename="${filenamePrefix}`), disposition);
  assert.equal(res.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(res.bytes.subarray(-16).toString('latin1').includes('%%EOF'));
  if (process.env.EISO_FORMS_OUT) {
    // Keep the PDFs for a look: EISO_FORMS_OUT=<dir> (pdftoppm -png -r 80 <file>).
    const name = /filename="([^"]+)"/.exec(disposition)[1];
    await writeFile(path.join(process.env.EISO_FORMS_OUT, `${++kept}-${name}`), res.bytes);
  }
  const out = await run('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: res.bytes });
  assert.equal(out.code, 0, out.stderr);
  return out.stdout.replace(/\s+/g, ' '); // a phrase may wrap to the next line
}

describe('dossier forms as PDF (issue 6)', () => {
  let server;
  let clerk; // thue.motcua, Chu Thị Anh
  let officer; // thue.chuyenvien, Hồ Văn Yên
  let leader; // thue.lanhdao
  let otherClerk; // tuphap.motcua
  let admin;
  let dost;
  let ids;
  let procedure;

  before(async () => {
    server = await startServer({
      env: { EISO_DOCUMENTS_SIGNING_SECRET: 'api-test-secret', EISO_SERVER_PUBLIC_URL: 'https://motcua.bacninh.example/' },
    });
    [clerk, officer, leader, otherClerk, admin, dost] = await Promise.all(
      ['thue.motcua', 'thue.chuyenvien', 'thue.lanhdao', 'tuphap.motcua', 'admin', 'dost'].map((u) => server.login(u)),
    );
    ids = await agencyIds(admin);
    const list = expectStatus(await clerk.get(`/api/procedures?agency_id=${ids.cucThue}`), 200).procedures;
    procedure = list.find((p) => p.code === '9.000003.DEMO') ?? list[0];
    assert.ok(procedure, 'a demo procedure of Cục Thuế');
  });
  after(async () => {
    await server?.stop();
  });

  const applicant = { name: 'Nguyễn Thị Hường', id_number: '001190000123', address: 'Phường Suối Hoa, Bắc Ninh', phone: '0912345678' };
  const allComponents = () => procedure.current.components.map((_, i) => i);
  const receive = (extra = {}) =>
    clerk.post('/api/dossiers', { procedure_id: procedure.id, channel: 1, applicant, components: allComponents(), ...extra });
  const active = (d) => d.steps.find((s) => s.state === 'active');
  const vietnamYear = () => new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

  it('prints the receipt with the lookup code once given back, and without it otherwise', async () => {
    const d = expectStatus(await receive(), 201);
    const withCode = await pdfText(await fetchPdf(clerk, 'POST', `/api/dossiers/${d.id}/forms/01`, { secret: d.secret }),
      `Mau01-${d.number}.pdf`);
    assert.ok(withCode.includes('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'), withCode);
    assert.ok(withCode.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
    assert.ok(withCode.includes('Độc lập - Tự do - Hạnh phúc'));
    assert.ok(withCode.includes(d.number));
    assert.ok(withCode.includes(d.secret), 'the code is printed');
    assert.ok(withCode.includes('Nguyễn Thị Hường'));
    assert.ok(withCode.includes('Chu Thị Anh'), 'the receiving clerk signs');
    assert.ok(withCode.includes('https://motcua.bacninh.example/tra-cuu'), 'the QR code and its caption: [server] public_url');

    const without = await pdfText(await fetchPdf(clerk, 'GET', `/api/dossiers/${d.id}/forms/01`));
    assert.ok(without.includes(d.number));
    assert.ok(!without.includes(d.secret), 'the code is not stored, so not printed again');
    assert.ok(without.includes('đã cấp cho người nộp hồ sơ khi tiếp nhận'));

    const wrong = await fetchPdf(clerk, 'POST', `/api/dossiers/${d.id}/forms/01`, { secret: 'AAAAAAAAAAAA' });
    expectError(wrong, 422, 'dossiers.bad_secret', 'secret');
    expectError(await fetchPdf(clerk, 'POST', `/api/dossiers/${d.id}/forms/01`, {}), 400, undefined, 'secret');
    // Another agency cannot see the dossier, with or without the right code.
    expectError(await fetchPdf(otherClerk, 'GET', `/api/dossiers/${d.id}/forms/01`), 404, 'dossiers.not_found');
    expectError(await fetchPdf(otherClerk, 'POST', `/api/dossiers/${d.id}/forms/01`, { secret: d.secret }), 404,
      'dossiers.not_found');
    expectError(await fetchPdf(clerk, 'GET', '/api/dossiers/999999/forms/01'), 404);
    // A form the state has not produced, and forms that do not exist here.
    expectError(await fetchPdf(clerk, 'GET', `/api/dossiers/${d.id}/forms/02`), 422, 'dossiers.form_not_applicable', 'kind');
    expectError(await fetchPdf(clerk, 'GET', `/api/dossiers/${d.id}/forms/03`), 422, 'dossiers.form_not_applicable', 'kind');
    expectError(await fetchPdf(clerk, 'GET', `/api/dossiers/${d.id}/forms/04`), 422, 'dossiers.form_not_applicable', 'kind');
    expectError(await fetchPdf(clerk, 'GET', `/api/dossiers/${d.id}/forms/06`), 400, 'dossiers.bad_form_kind', 'kind');
    expectError(await fetchPdf(clerk, 'GET', `/api/dossiers/${d.id}/forms/99`), 400, 'dossiers.bad_form_kind', 'kind');
    // The control slip exists from intake: the first handover, to the processing unit.
    const slip = await pdfText(await fetchPdf(officer, 'GET', `/api/dossiers/${d.id}/forms/05`));
    assert.ok(slip.includes('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'), slip);
    assert.ok(slip.includes('Bộ phận TN&TKQ'));
  });

  it('prints the guidance (Mẫu 02) and the refusal (Mẫu 03) at intake', async () => {
    const g = expectStatus(await receive({ components: [], outcome: 'guide', notes: ['Bản sao giấy đăng ký kinh doanh'] }), 201);
    const guide = await pdfText(await fetchPdf(clerk, 'GET', `/api/dossiers/${g.id}/forms/02`), `Mau02-hoso${g.id}.pdf`);
    assert.ok(guide.includes('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'), guide);
    assert.ok(guide.includes('Bản sao giấy đăng ký kinh doanh'));
    assert.ok(guide.includes('NGƯỜI HƯỚNG DẪN'));
    expectError(await fetchPdf(clerk, 'GET', `/api/dossiers/${g.id}/forms/01`), 422, 'dossiers.form_not_applicable');
    expectError(await fetchPdf(clerk, 'GET', `/api/dossiers/${g.id}/forms/05`), 422, 'dossiers.form_not_applicable');

    const r = expectStatus(await receive({ outcome: 'refuse', notes: ['Không thuộc thẩm quyền giải quyết'] }), 201);
    const refusal = await pdfText(await fetchPdf(clerk, 'GET', `/api/dossiers/${r.id}/forms/03`));
    assert.ok(refusal.includes('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'), refusal);
    assert.ok(refusal.includes('Không thuộc thẩm quyền giải quyết'));
    assert.ok(refusal.includes('Xin thông báo cho Ông/Bà được biết và thực hiện'));
    expectError(await fetchPdf(otherClerk, 'GET', `/api/dossiers/${r.id}/forms/03`), 404);
  });

  it('prints the supplement request, the apology, a negative decision and the control slip along the way', async () => {
    let d = expectStatus(await receive(), 201);
    d = expectStatus(await officer.post(`/api/dossiers/${d.id}/steps/${active(d).id}/handover`, { note: 'ok' }), 200);
    d = expectStatus(await officer.post(`/api/dossiers/${d.id}/supplement-request`, { items: ['Tờ khai 03-ĐK-TCT'] }), 200);
    const supplement = await pdfText(await fetchPdf(officer, 'GET', `/api/dossiers/${d.id}/forms/02`), `Mau02-${d.number}`);
    assert.ok(supplement.includes('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'));
    assert.ok(supplement.includes('Tờ khai 03-ĐK-TCT'));
    assert.ok(supplement.includes('Hồ Văn Yên'), 'the officer who asked guides');
    d = expectStatus(await clerk.post(`/api/dossiers/${d.id}/supplement-received`, {}), 200);
    expectError(await fetchPdf(clerk, 'GET', `/api/dossiers/${d.id}/forms/02`), 422, 'dossiers.form_not_applicable');

    const later = new Date(Date.parse(d.due_at) + 5 * 86_400_000).toISOString();
    const apology = await officer.post(`/api/dossiers/${d.id}/apology`, { new_due_at: later, reason: 'Chờ xác minh của cơ quan thuế' });
    if (apology.status === 200) {
      const text = await pdfText(await fetchPdf(clerk, 'GET', `/api/dossiers/${d.id}/forms/04`), `Mau04-${d.number}`);
      assert.match(text, /PHIẾU XIN LỖI VÀ (HẸN LẠI NGÀY TRẢ KẾT QUẢ|ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT)/);
      assert.ok(text.includes('Chờ xác minh của cơ quan thuế'));
      assert.ok(text.includes('THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ'));
    } else {
      expectError(apology, 422, 'dossiers.apology_too_late'); // too close to the due time today
      expectError(await fetchPdf(clerk, 'GET', `/api/dossiers/${d.id}/forms/04`), 422, 'dossiers.form_not_applicable');
    }

    d = expectStatus(await officer.get(`/api/dossiers/${d.id}`), 200);
    while (active(d) && !['approve', 'sign', 'return'].includes(active(d).kind))
      d = expectStatus(await officer.post(`/api/dossiers/${d.id}/steps/${active(d).id}/handover`, {}), 200);
    expectError(await fetchPdf(clerk, 'GET', `/api/dossiers/${d.id}/forms/03`), 422, 'dossiers.form_not_applicable');
    d = expectStatus(await leader.post(`/api/dossiers/${d.id}/decision`, { positive: false, reasons: 'Không đủ điều kiện hoàn thuế' }), 200);
    const refusal = await pdfText(await fetchPdf(clerk, 'GET', `/api/dossiers/${d.id}/forms/03`));
    assert.ok(refusal.includes('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'));
    assert.ok(refusal.includes('Không đủ điều kiện hoàn thuế'));
    assert.ok(refusal.includes(d.number));

    const slip = await pdfText(await fetchPdf(leader, 'GET', `/api/dossiers/${d.id}/forms/05`));
    assert.ok(slip.includes('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'));
    assert.ok(slip.includes(d.number));
    assert.ok(slip.includes('Hồ Văn Yên'), 'the officer who handed over');
    assert.match(slip, /Trước hạn|Đúng hạn|Quá hạn/);
  });

  it('prints the tracking book (Mẫu 06) of a unit and year for its staff, the province and DOST only', async () => {
    const d = expectStatus(await receive(), 201);
    const year = vietnamYear();
    const bookPath = `/api/dossiers/book?agency_id=${ids.cucThue}&year=${year}`;
    const book = await pdfText(await fetchPdf(leader, 'GET', bookPath), 'Mau');
    assert.ok(book.includes('SỔ THEO DÕI HỒ SƠ'), book);
    assert.ok(book.includes(d.number), book);
    assert.ok(book.includes('Nguyễn Thị Hường'));
    assert.ok(book.includes(`Năm ${year}`));
    await pdfText(await fetchPdf(admin, 'GET', bookPath));
    await pdfText(await fetchPdf(dost, 'GET', bookPath));
    expectError(await fetchPdf(otherClerk, 'GET', bookPath), 403);
    const month = new Date(Date.now() + 7 * 3_600_000).getUTCMonth() + 1;
    const range = await pdfText(await fetchPdf(clerk, 'GET', `${bookPath}&from=${month}&to=${month}`));
    assert.ok(range.includes(d.number));
    const other = month === 1 ? 2 : 1;
    const empty = await pdfText(await fetchPdf(clerk, 'GET', `${bookPath}&from=${other}&to=${other}`));
    assert.ok(!empty.includes(d.number));
    expectError(await fetchPdf(clerk, 'GET', `/api/dossiers/book?agency_id=${ids.cucThue}`), 400, 'dossiers.bad_period', 'year');
    expectError(await fetchPdf(clerk, 'GET', `${bookPath}&from=13`), 400, 'dossiers.bad_period', 'from');
    expectError(await fetchPdf(clerk, 'GET', `${bookPath}&from=5&to=4`), 400, 'dossiers.bad_period', 'to');
  });
});
