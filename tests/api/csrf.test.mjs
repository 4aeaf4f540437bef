// Every write needs the session's CSRF token in X-CSRF-Token; a refused write changes nothing.
// Guards issue 2 (authentication: CSRF protection of cookie sessions).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { agencyIds, expectError, expectStatus, startServer } from './harness.mjs';

describe('CSRF protection (issue 2)', () => {
  let server;
  let admin; // khcn.admin: administrator of Sở KH&CN
  let other; // another session (province admin), whose valid token is wrong for admin's session
  let ids;

  before(async () => {
    server = await startServer();
    admin = await server.login('khcn.admin');
    other = await server.login('admin');
    ids = await agencyIds(admin);
  });
  after(async () => {
    await server?.stop();
  });

  const newUser = (username) => ({
    username,
    password: 'Mat-khau-2026-dai',
    full_name: 'Nguyễn Văn Kiểm Thử',
    agency_id: ids.soKhcn,
    roles: ['officer'],
  });

  async function usernames() {
    const res = await admin.get('/api/users');
    expectStatus(res, 200);
    return res.body.users.map((u) => u.username);
  }

  async function agencyCount() {
    const res = await admin.get('/api/agencies?include_inactive=true');
    expectStatus(res, 200);
    return res.body.agencies.length;
  }

  it('a POST without X-CSRF-Token is 403 auth.csrf_failed and creates nothing', async () => {
    const res = await admin.post('/api/users', newUser('csrf.none'), { csrf: false });
    expectError(res, 403, 'auth.csrf_failed');
    assert.ok(!(await usernames()).includes('csrf.none'));
  });

  it('a POST with an empty X-CSRF-Token is refused', async () => {
    const res = await admin.post('/api/users', newUser('csrf.empty'), { csrf: false, headers: { 'x-csrf-token': '' } });
    expectError(res, 403, 'auth.csrf_failed');
    assert.ok(!(await usernames()).includes('csrf.empty'));
  });

  it('a POST with a wrong token is 403 and creates nothing', async () => {
    const wrong = admin.csrfToken.slice(0, -1) + (admin.csrfToken.endsWith('A') ? 'B' : 'A');
    const res = await admin.post('/api/users', newUser('csrf.wrong'), { csrf: wrong });
    expectError(res, 403, 'auth.csrf_failed');
    assert.ok(!(await usernames()).includes('csrf.wrong'));
  });

  it("another session's token does not fit this session", async () => {
    assert.notEqual(other.csrfToken, admin.csrfToken);
    const res = await admin.post('/api/users', newUser('csrf.other'), { csrf: other.csrfToken });
    expectError(res, 403, 'auth.csrf_failed');
    assert.ok(!(await usernames()).includes('csrf.other'));
  });

  it('the token is not accepted in place of the cookie', async () => {
    const res = await admin.post('/api/users', newUser('csrf.nocookie'), { cookie: false });
    expectError(res, 401, ['auth.login_required', 'auth.session_expired']);
    assert.ok(!(await usernames()).includes('csrf.nocookie'));
  });

  it('a PUT without the token is refused and changes nothing', async () => {
    const before = (await admin.get('/api/users')).body.users.find((u) => u.username === 'khcn.chuyenvien');
    assert.ok(before, 'khcn.chuyenvien is missing');
    const body = {
      agency_id: before.agency_id,
      full_name: 'Tên đã bị sửa',
      roles: before.roles,
      active: true,
    };
    expectError(await admin.put(`/api/users/${before.id}`, body, { csrf: false }), 403, 'auth.csrf_failed');
    const now = await admin.get(`/api/users/${before.id}`);
    expectStatus(now, 200);
    assert.equal(now.body.full_name, before.full_name);
  });

  it('an agency write without the token is refused and creates nothing', async () => {
    const count = await agencyCount();
    const res = await admin.post(
      '/api/agencies',
      {
        parent_id: ids.soKhcn,
        name: 'Phòng Thử nghiệm CSRF',
        short_name: 'P. CSRF',
        kind: 'sub_department',
        unit_code: '000.09.15.H06',
        valid_from: '2026-01-01',
      },
      { csrf: false },
    );
    expectError(res, 403, 'auth.csrf_failed');
    assert.equal(await agencyCount(), count);
  });

  it('reads need no token', async () => {
    expectStatus(await admin.get('/api/auth/me', { csrf: false }), 200);
  });

  it('with the right token the write works', async () => {
    const res = await admin.post('/api/users', newUser('csrf.right'));
    expectStatus(res, 201);
    assert.equal(res.body.username, 'csrf.right');
    assert.ok((await usernames()).includes('csrf.right'));
    const created = await admin.get(`/api/users/${res.body.id}`);
    expectStatus(created, 200);
    assert.equal(created.body.full_name, 'Nguyễn Văn Kiểm Thử');
  });

  it('the token stays valid for later writes of the same session', async () => {
    const user = (await admin.get('/api/users')).body.users.find((u) => u.username === 'csrf.right');
    const res = await admin.put(`/api/users/${user.id}`, {
      agency_id: user.agency_id,
      full_name: 'Nguyễn Văn Đã Sửa',
      roles: ['officer', 'internal_auditor'],
      active: true,
    });
    expectStatus(res, 200);
    assert.equal(res.body.full_name, 'Nguyễn Văn Đã Sửa');
    assert.deepEqual([...res.body.roles].sort(), ['internal_auditor', 'officer']);
  });
});
