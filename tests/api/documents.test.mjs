// Controlled documents and the QMS registry through the API: the state machine, who may see and
// do what, signatures, attachments, search without diacritics, distribution and legal changes.
// Guards issue 4.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { agencyIds, expectError, expectStatus, startServer } from './harness.mjs';

describe('controlled documents (issue 4)', () => {
  let server;
  let leader; // khcn.lanhdao
  let secretary; // khcn.thuky
  let officer; // khcn.chuyenvien
  let outsider; // thue.thuky: ISO secretary of another agency
  let ids;
  let qms;
  let doc;

  before(async () => {
    server = await startServer({ env: { EISO_DOCUMENTS_SIGNING_SECRET: 'api-test-secret' } });
    [leader, secretary, officer, outsider] = await Promise.all(
      ['khcn.lanhdao', 'khcn.thuky', 'khcn.chuyenvien', 'thue.thuky'].map((u) => server.login(u)),
    );
    ids = await agencyIds(leader);
  });
  after(async () => {
    await server?.stop();
  });

  const transition = (who, number, action, extra = {}) =>
    who.post(`/api/documents/${doc.id}/versions/${number}/transitions`, { action, ...extra });

  it('registers the QMS of Sở KH&CN with its scope and announcement', async () => {
    const created = expectStatus(
      await leader.post('/api/qms', {
        owner_agency_id: ids.soKhcn,
        member_agency_ids: [ids.ccTdc],
        name: 'HTQLCL Sở Khoa học và Công nghệ',
        edition: '2015',
        scope: [{ code: '1.004473', name: 'Cấp giấy phép tiến hành công việc bức xạ' }],
      }),
      201,
    );
    qms = created;
    assert.deepEqual(qms.member_agency_ids.sort(), [ids.soKhcn, ids.ccTdc].sort());
    expectError(await outsider.post('/api/qms', { owner_agency_id: ids.cucThue, member_agency_ids: [ids.ccTdc], name: 'X' }),
      409, 'documents.qms_member_taken', 'member_agency_ids');
    const announced = expectStatus(
      await leader.post(`/api/qms/${qms.id}/announcements`, {
        decision_number: '125/QĐ-SKHCN', decision_date: '2026-03-02', signer: 'Lê Văn Cường',
        dost_notice_date: '2026-03-05', posted_office_date: '2026-03-03',
      }),
      201,
    );
    assert.equal(announced.announcements.length, 1);
    assert.equal(announced.announcements[0].re_announcement, false);
    assert.equal(announced.announcements[0].scope.length, 1);
  });

  it('an officer drafts; another agency cannot see the draft', async () => {
    doc = expectStatus(
      await officer.post('/api/documents', {
        qms_id: qms.id, code: 'QT-01', kind: 'process', title: 'Quy trình kiểm soát tài liệu',
        content: '<p>Biên soạn, xem xét, phê duyệt và ban hành tài liệu.</p>', effective_date: '2026-12-01',
        amendments: [{ what: 'Ban hành lần đầu', where: 'Toàn bộ', why: 'Áp dụng TCVN ISO 9001:2015' }],
      }),
      201,
    );
    assert.equal(doc.state, 'draft');
    expectError(await outsider.get(`/api/documents/${doc.id}`), 404, 'documents.not_found');
    assert.equal((await outsider.get(`/api/documents?qms_id=${qms.id}`)).body.documents.length, 0);
    expectError(await officer.post('/api/documents', { qms_id: qms.id, code: 'QT-01', kind: 'process', title: 'x' }),
      409, 'documents.code_taken', 'code');
  });

  it('rejects illegal transitions and lets only a leader approve', async () => {
    expectError(await transition(secretary, 1, 'issue'), 422, 'documents.bad_transition.issue', 'state');
    expectError(await transition(leader, 1, 'approve'), 422, 'documents.bad_transition.approve', 'state');
    expectError(await transition(officer, 1, 'fly'), 400, 'documents.bad_action', 'action');
    expectStatus(await transition(officer, 1, 'submit'), 200);
    expectError(await transition(officer, 1, 'submit'), 422, 'documents.bad_transition.submit');
    expectError(await transition(secretary, 1, 'approve'), 403, 'documents.leader_approves');
    expectError(await transition(outsider, 1, 'approve'), 404, 'documents.not_found');
    expectError(await officer.put(`/api/documents/${doc.id}/versions/1`, { title: 'x' }), 422, 'documents.not_draft');
  });

  it('uploads an attachment by hash and serves it back with the right headers', async () => {
    // Back to draft to attach the file, then on to review again.
    expectStatus(await transition(secretary, 1, 'return'), 200);
    const pdf = Buffer.from('%PDF-1.4\n% eISO\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const sha = createHash('sha256').update(pdf).digest('hex');
    const name = 'Lưu đồ QT-01.pdf';
    const up = await officer.request('POST', `/api/documents/${doc.id}/versions/1/attachments?filename=${encodeURIComponent(name)}`,
      { rawBody: pdf, headers: { 'content-type': 'application/pdf' } });
    const attachment = expectStatus(up, 201);
    assert.equal(attachment.sha256, sha);
    assert.equal(attachment.size, pdf.length);
    const res = await fetch(`${server.url}/api/documents/${doc.id}/versions/1/attachments/${sha}`, { headers: { cookie: officer.cookie } });
    assert.equal(res.status, 200);
    const back = Buffer.from(await res.arrayBuffer());
    assert.equal(createHash('sha256').update(back).digest('hex'), sha);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('etag'), `"${sha}"`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-disposition'), /^attachment; filename="L_u __ QT-01\.pdf"; filename\*=UTF-8''L%C6%B0u%20%C4%91%E1%BB%93%20QT-01\.pdf$/);
    const bad = await officer.request('POST', `/api/documents/${doc.id}/versions/1/attachments?filename=a.exe`,
      { rawBody: Buffer.from('MZ\x90\x00'), headers: { 'content-type': 'application/octet-stream' } });
    expectError(bad, 400, 'documents.file_type', 'file');
    // Above the JSON limit (1 MiB) but within the upload limit (20 MiB): accepted.
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 << 20, 32)]);
    expectStatus(await officer.request('POST', `/api/documents/${doc.id}/versions/1/attachments?filename=big.pdf`,
      { rawBody: big, headers: { 'content-type': 'application/pdf' } }), 201);
    const tooBig = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 << 20, 32)]);
    const refused = await officer.request('POST', `/api/documents/${doc.id}/versions/1/attachments?filename=huge.pdf`,
      { rawBody: tooBig, headers: { 'content-type': 'application/pdf' } }).catch((e) => ({ status: 'network', e }));
    assert.equal(refused.status, 413);
    const removed = await officer.request('DELETE', `/api/documents/${doc.id}/versions/1/attachments/${createHash('sha256').update(big).digest('hex')}`);
    assert.equal(removed.status, 204);
  });

  it('approval signs the version; anyone who sees it can verify', async () => {
    expectStatus(await transition(officer, 1, 'submit'), 200);
    expectStatus(await transition(secretary, 1, 'review'), 200);
    const approved = expectStatus(await transition(leader, 1, 'approve'), 200);
    const v1 = approved.versions[0];
    assert.equal(v1.state, 'approved');
    assert.equal(v1.signature.meaning, 'approved');
    assert.equal(v1.signature.signer_name, leader.user.full_name);
    assert.equal(v1.reviewed.name, secretary.user.full_name);
    const verified = expectStatus(await officer.get(`/api/documents/${doc.id}/versions/1/verify`), 200);
    assert.equal(verified.ok, true);
    assert.equal(verified.computed_hash, v1.signature.content_hash);
    expectError(await outsider.get(`/api/documents/${doc.id}/versions/1/verify`), 404);
  });

  it('issues; the issued version is public to the province and the next one supersedes it', async () => {
    expectStatus(await transition(secretary, 1, 'issue'), 200);
    const seen = expectStatus(await outsider.get(`/api/documents/${doc.id}`), 200);
    assert.equal(seen.current_version, 1);
    assert.equal(expectStatus(await outsider.get(`/api/documents/${doc.id}/versions/1/verify`), 200).ok, true);
    const v2 = expectStatus(await officer.post(`/api/documents/${doc.id}/versions`), 201);
    assert.equal(v2.versions[0].number, 2);
    expectError(await officer.post(`/api/documents/${doc.id}/versions`), 422, 'documents.open_version_exists');
    expectStatus(await officer.put(`/api/documents/${doc.id}/versions/2`, {
      title: 'Quy trình kiểm soát tài liệu', content: '<p>Sửa bước 3.</p>',
      amendments: [{ what: 'Sửa bước 3', where: 'Mục 4', why: 'Nghị định mới' }],
    }), 200);
    assert.equal(expectStatus(await outsider.get(`/api/documents/${doc.id}`), 200).versions.length, 1, 'the draft stays hidden');
    expectStatus(await transition(officer, 2, 'submit'), 200);
    expectStatus(await transition(leader, 2, 'approve', { effective_date: '2027-01-01' }), 200);
    const issued = expectStatus(await transition(leader, 2, 'issue'), 200);
    assert.equal(issued.current_version, 2);
    assert.deepEqual(issued.versions.map((v) => v.state), ['issued', 'superseded']);
  });

  it('finds documents with or without diacritics', async () => {
    for (const q of ['quy trinh kiem soat', 'Quy trình kiểm soát', 'KIEM SOAT TAI LIEU', 'sua buoc']) {
      const found = expectStatus(await outsider.get(`/api/documents?qms_id=${qms.id}&q=${encodeURIComponent(q)}`), 200).documents;
      assert.deepEqual(found.map((d) => d.code), ['QT-01'], q);
    }
    assert.equal(expectStatus(await outsider.get(`/api/documents?qms_id=${qms.id}&q=khong+co+dau`), 200).documents.length, 0);
  });

  it('distributes the issued version and tracks who has read and understood it', async () => {
    const sent = expectStatus(await secretary.post(`/api/documents/${doc.id}/distribution`, { agency_ids: [ids.soKhcn] }), 200);
    assert.ok(sent.receipts.length >= 6);
    expectError(await officer.post(`/api/documents/${doc.id}/distribution`, { agency_ids: [ids.soKhcn] }), 403);
    const inbox = expectStatus(await officer.get('/api/documents/inbox'), 200).items;
    assert.equal(inbox[0].document_id, doc.id);
    assert.equal((await officer.post(`/api/documents/${doc.id}/acknowledge`)).status, 204);
    expectError(await outsider.post(`/api/documents/${doc.id}/acknowledge`), 404, 'documents.not_a_recipient');
    const receipts = expectStatus(await secretary.get(`/api/documents/${doc.id}/receipts`), 200).receipts;
    const mine = receipts.find((r) => r.user_id === officer.user.id);
    assert.ok(mine.acknowledged_at);
    assert.equal(receipts.filter((r) => !r.acknowledged_at).length, receipts.length - 1);
  });

  it('a changed legal text makes its documents due for update within 3 months', async () => {
    const law = expectStatus(await secretary.post('/api/legal-texts', { number: '61/2018/NĐ-CP', title: 'Nghị định về cơ chế một cửa' }), 201);
    expectError(await secretary.post('/api/legal-texts', { number: '61/2018/NĐ-CP', title: 'x' }), 409, 'documents.legal_number_taken');
    expectStatus(await officer.put(`/api/documents/${doc.id}/legal-bases`, { legal_text_ids: [law.id] }), 200);
    const flagged = expectStatus(await secretary.post(`/api/legal-texts/${law.id}/changed`, { changed_on: '2025-07-01' }), 200);
    assert.equal(flagged.documents_flagged, 1);
    const d = expectStatus(await secretary.get(`/api/documents/${doc.id}`), 200);
    assert.equal(d.legal_update_due, '2025-10-01');
    assert.equal(d.legal_update_overdue, true);
    const due = expectStatus(await secretary.get('/api/documents?review_due=true'), 200).documents;
    assert.deepEqual(due.map((x) => x.code), ['QT-01']);
  });

  it('creates the QMS documents from the framework model as drafts', async () => {
    const created = expectStatus(await secretary.post(`/api/qms/${qms.id}/framework`), 201);
    assert.ok(created.document_ids.length >= 10);
    const drafts = expectStatus(await secretary.get(`/api/documents?qms_id=${qms.id}&state=draft`), 200).documents;
    assert.ok(drafts.some((d) => d.title === 'Quy trình đánh giá nội bộ'));
    assert.ok(drafts.some((d) => d.kind === 'form'));
    expectError(await officer.post(`/api/qms/${qms.id}/framework`), 403);
  });
});
