// Who may see and manage which users and agencies: each agency is its own tenant; an agency
// administrator manages his agency and the units below it; the province administrator, all.
// Guards issue 2 (users and roles scoped by agency, the agency tree).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { agencyIds, expectError, expectStatus, startServer } from './harness.mjs';

const PASSWORD = 'Mat-khau-2026-dai';

describe('scoping of users and agencies (issue 2)', () => {
  let server;
  let admin; // province-wide administrator
  let khcnClerk; // khcn.motcua: single-window clerk of Sở KH&CN
  let khcnAdmin; // khcn.admin: administrator of Sở KH&CN
  let tpbnAdmin; // tpbn.admin: administrator of UBND TP Bắc Ninh (district)
  let vuninhAdmin; // vuninh.admin: administrator of a ward under TP Bắc Ninh
  let ids;
  let users; // every demo user by username

  before(async () => {
    server = await startServer();
    [admin, khcnClerk, khcnAdmin, tpbnAdmin, vuninhAdmin] = await Promise.all(
      ['admin', 'khcn.motcua', 'khcn.admin', 'tpbn.admin', 'vuninh.admin'].map((u) => server.login(u)),
    );
    ids = await agencyIds(admin);
    const all = await admin.get('/api/users');
    expectStatus(all, 200);
    users = Object.fromEntries(all.body.users.map((u) => [u.username, u]));
  });
  after(async () => {
    await server?.stop();
  });

  const userBody = (username, agencyId, extra = {}) => ({
    username,
    password: PASSWORD,
    full_name: 'Trần Văn Phạm Vi',
    agency_id: agencyId,
    roles: ['officer'],
    ...extra,
  });
  const updateBody = (user, extra = {}) => ({
    agency_id: user.agency_id,
    full_name: user.full_name,
    email: user.email,
    roles: user.roles,
    active: user.active,
    province_wide: user.province_wide,
    ...extra,
  });
  const agencyBody = (unitCode, extra = {}) => ({
    name: `Cơ quan thử ${unitCode}`,
    short_name: `CQ ${unitCode}`,
    kind: 'department',
    unit_code: unitCode,
    valid_from: '2026-01-01',
    ...extra,
  });
  async function agencyCount() {
    return (await admin.get('/api/agencies?include_inactive=true')).body.agencies.length;
  }
  async function userCount() {
    return (await admin.get('/api/users')).body.users.length;
  }

  it('the demo province has the users the tests rely on', () => {
    for (const u of ['admin', 'khcn.motcua', 'khcn.admin', 'khcn.lanhdao', 'thue.motcua', 'tpbn.admin', 'vuninh.motcua']) {
      assert.ok(users[u], `demo user ${u} is missing`);
    }
    assert.equal(users['thue.motcua'].agency_id, ids.cucThue);
    assert.equal(users['khcn.motcua'].agency_id, ids.soKhcn);
    assert.equal(users['vuninh.motcua'].agency_id, ids.vuNinh);
  });

  describe('a clerk of Sở KH&CN (khcn.motcua)', () => {
    it('lists only the users of his own agency when no agency_id is given', async () => {
      const res = await khcnClerk.get('/api/users');
      expectStatus(res, 200);
      assert.ok(res.body.users.length >= 6);
      for (const u of res.body.users) assert.equal(u.agency_id, ids.soKhcn, `${u.username} is not of Sở KH&CN`);
      const names = res.body.users.map((u) => u.username);
      for (const role of ['admin', 'lanhdao', 'thuky', 'chuyenvien', 'motcua', 'dgnb'])
        assert.ok(names.includes(`khcn.${role}`), `khcn.${role} missing from ${names}`);
      assert.ok(!names.some((n) => n.startsWith('thue.') || n === 'admin'));
    });

    it('may list his own agency explicitly', async () => {
      const res = await khcnClerk.get(`/api/users?agency_id=${ids.soKhcn}`);
      expectStatus(res, 200);
      for (const u of res.body.users) assert.equal(u.agency_id, ids.soKhcn);
    });

    it("cannot list another agency's users (403)", async () => {
      expectError(await khcnClerk.get(`/api/users?agency_id=${ids.cucThue}`), 403, 'auth.forbidden');
    });

    it("cannot list a unit below his agency either (he is no administrator)", async () => {
      expectError(await khcnClerk.get(`/api/users?agency_id=${ids.ccTdc}`), 403, 'auth.forbidden');
    });

    it("cannot read a user of another agency: 404, not 403 (ids cannot be probed)", async () => {
      const res = await khcnClerk.get(`/api/users/${users['thue.motcua'].id}`);
      expectError(res, 404, 'auth.user_not_found');
      const missing = await khcnClerk.get('/api/users/999999');
      assert.deepEqual(res.body, missing.body, 'another agency user must look exactly like a missing one');
    });

    it('may read a colleague of his own agency', async () => {
      const res = await khcnClerk.get(`/api/users/${users['khcn.lanhdao'].id}`);
      expectStatus(res, 200);
      assert.equal(res.body.username, 'khcn.lanhdao');
    });

    it('cannot update a user of another agency (403/404) and nothing changes', async () => {
      const target = users['thue.motcua'];
      const res = await khcnClerk.put(`/api/users/${target.id}`, updateBody(target, { full_name: 'Bị sửa trái phép' }));
      assert.ok([403, 404].includes(res.status), `got ${res.status} ${res.text}`);
      assert.equal((await admin.get(`/api/users/${target.id}`)).body.full_name, target.full_name);
    });

    it('cannot update a colleague (403) and nothing changes', async () => {
      const target = users['khcn.lanhdao'];
      const res = await khcnClerk.put(`/api/users/${target.id}`, updateBody(target, { roles: ['administrator'] }));
      expectError(res, 403, 'auth.forbidden');
      assert.deepEqual((await admin.get(`/api/users/${target.id}`)).body.roles, ['leader']);
    });

    it('cannot promote himself (403)', async () => {
      const me = users['khcn.motcua'];
      const res = await khcnClerk.put(`/api/users/${me.id}`, updateBody(me, { roles: ['administrator'] }));
      expectError(res, 403, 'auth.forbidden');
      assert.deepEqual((await admin.get(`/api/users/${me.id}`)).body.roles, ['clerk']);
    });

    it("cannot reset another user's password (403/404)", async () => {
      const res = await khcnClerk.post(`/api/users/${users['khcn.lanhdao'].id}/password`, { new_password: PASSWORD });
      expectError(res, 403, 'auth.forbidden');
      const other = await khcnClerk.post(`/api/users/${users['thue.motcua'].id}/password`, { new_password: PASSWORD });
      expectError(other, 404, 'auth.user_not_found');
    });

    it('cannot create users (403), even in his own agency', async () => {
      const count = await userCount();
      expectError(await khcnClerk.post('/api/users', userBody('clerk.made', ids.soKhcn)), 403, 'auth.forbidden');
      assert.equal(await userCount(), count);
    });

    it('cannot create agencies (403), neither at the root nor below his agency', async () => {
      const count = await agencyCount();
      expectError(await khcnClerk.post('/api/agencies', agencyBody('000.00.71.H06')), 403, 'auth.forbidden');
      const below = agencyBody('000.07.15.H06', { kind: 'sub_department', parent_id: ids.soKhcn });
      expectError(await khcnClerk.post('/api/agencies', below), 403, 'auth.forbidden');
      assert.equal(await agencyCount(), count);
    });

    it('cannot edit or deactivate his agency (403)', async () => {
      const agency = (await khcnClerk.get(`/api/agencies/${ids.soKhcn}`)).body;
      const res = await khcnClerk.put(`/api/agencies/${ids.soKhcn}`, { ...agency, name: 'Đổi tên trái phép' });
      expectError(res, 403, 'auth.forbidden');
      const off = await khcnClerk.post(`/api/agencies/${ids.ccTdc}/deactivate`, { valid_to: '2026-12-31' });
      expectError(off, 403, 'auth.forbidden');
      assert.equal((await admin.get(`/api/agencies/${ids.soKhcn}`)).body.name, agency.name);
      assert.equal((await admin.get(`/api/agencies/${ids.ccTdc}`)).body.status, 'active');
    });
  });

  describe('an agency administrator (khcn.admin)', () => {
    let created;

    it('creates a user in his agency', async () => {
      const res = await khcnAdmin.post('/api/users', userBody('khcn.moi', ids.soKhcn));
      expectStatus(res, 201);
      assert.equal(res.body.agency_id, ids.soKhcn);
      assert.equal(res.body.province_wide, false);
      created = res.body;
    });

    it('creates a user in a unit below his agency (Chi cục TĐC)', async () => {
      const res = await khcnAdmin.post('/api/users', userBody('tdc.moi', ids.ccTdc));
      expectStatus(res, 201);
      assert.equal(res.body.agency_id, ids.ccTdc);
    });

    it('sees the users of his agency and of the units below it', async () => {
      const res = await khcnAdmin.get('/api/users');
      expectStatus(res, 200);
      const names = res.body.users.map((u) => u.username);
      assert.ok(names.includes('khcn.moi') && names.includes('tdc.moi') && names.includes('khcn.lanhdao'));
      for (const u of res.body.users) assert.ok([ids.soKhcn, ids.ccTdc].includes(u.agency_id), u.username);
      expectStatus(await khcnAdmin.get(`/api/users?agency_id=${ids.ccTdc}`), 200);
    });

    it('updates a user of his agency', async () => {
      const res = await khcnAdmin.put(
        `/api/users/${created.id}`,
        updateBody(created, { full_name: 'Trần Văn Đã Đổi', roles: ['officer', 'iso_secretary'] }),
      );
      expectStatus(res, 200);
      assert.equal(res.body.full_name, 'Trần Văn Đã Đổi');
    });

    it('resets the password of a user of his agency', async () => {
      const res = await khcnAdmin.post(`/api/users/${created.id}/password`, { new_password: 'Mat-khau-khac-2026' });
      expectStatus(res, 204);
    });

    it("cannot list another agency's users (403)", async () => {
      expectError(await khcnAdmin.get(`/api/users?agency_id=${ids.cucThue}`), 403, 'auth.forbidden');
    });

    it('cannot read, update or reset a user of another agency (404)', async () => {
      const target = users['thue.motcua'];
      expectError(await khcnAdmin.get(`/api/users/${target.id}`), 404, 'auth.user_not_found');
      const put = await khcnAdmin.put(`/api/users/${target.id}`, updateBody(target, { full_name: 'Bị sửa' }));
      assert.ok([403, 404].includes(put.status), `got ${put.status} ${put.text}`);
      const reset = await khcnAdmin.post(`/api/users/${target.id}/password`, { new_password: PASSWORD });
      assert.ok([403, 404].includes(reset.status), `got ${reset.status} ${reset.text}`);
      assert.equal((await admin.get(`/api/users/${target.id}`)).body.full_name, target.full_name);
      expectStatus(await server.tryLogin('thue.motcua', 'eiso-demo-2026'), 200);
    });

    it('cannot create a user in another agency (403)', async () => {
      const count = await userCount();
      expectError(await khcnAdmin.post('/api/users', userBody('thue.moi', ids.cucThue)), 403, 'auth.forbidden');
      assert.equal(await userCount(), count);
    });

    it('cannot move a user of his agency to another agency (403)', async () => {
      const res = await khcnAdmin.put(`/api/users/${created.id}`, updateBody(created, { agency_id: ids.cucThue }));
      expectError(res, 403, 'auth.forbidden');
      assert.equal((await admin.get(`/api/users/${created.id}`)).body.agency_id, ids.soKhcn);
    });

    it('cannot make anyone province-wide (403)', async () => {
      const count = await userCount();
      const res = await khcnAdmin.post('/api/users', userBody('khcn.tinh', ids.soKhcn, { province_wide: true }));
      expectError(res, 403, 'auth.forbidden');
      assert.equal(await userCount(), count);
      const promote = await khcnAdmin.put(`/api/users/${created.id}`, updateBody(created, { province_wide: true }));
      expectError(promote, 403, 'auth.forbidden');
      assert.equal((await admin.get(`/api/users/${created.id}`)).body.province_wide, false);
    });

    it('cannot create an agency at the root (403)', async () => {
      const count = await agencyCount();
      expectError(await khcnAdmin.post('/api/agencies', agencyBody('000.00.72.H06')), 403, 'auth.forbidden');
      assert.equal(await agencyCount(), count);
    });

    it('cannot create an agency under another agency (403)', async () => {
      const count = await agencyCount();
      const res = await khcnAdmin.post(
        '/api/agencies',
        agencyBody('000.01.04.H06', { kind: 'sub_department', parent_id: ids.soTp }),
      );
      expectError(res, 403, 'auth.forbidden');
      assert.equal(await agencyCount(), count);
    });

    it('creates a sub-department below his agency', async () => {
      const res = await khcnAdmin.post(
        '/api/agencies',
        agencyBody('000.02.15.H06', { kind: 'sub_department', parent_id: ids.soKhcn }),
      );
      expectStatus(res, 201);
      assert.equal(res.body.parent_id, ids.soKhcn);
    });

    it('cannot edit another agency (403)', async () => {
      const agency = (await admin.get(`/api/agencies/${ids.cucThue}`)).body;
      const res = await khcnAdmin.put(`/api/agencies/${ids.cucThue}`, { ...agency, name: 'Đổi tên trái phép' });
      expectError(res, 403, 'auth.forbidden');
      assert.equal((await admin.get(`/api/agencies/${ids.cucThue}`)).body.name, agency.name);
    });

    it('cannot deactivate his own agency (403)', async () => {
      const res = await khcnAdmin.post(`/api/agencies/${ids.soKhcn}/deactivate`, { valid_to: '2026-12-31' });
      expectError(res, 403, 'auth.forbidden');
      assert.equal((await admin.get(`/api/agencies/${ids.soKhcn}`)).body.status, 'active');
    });
  });

  describe('a district administrator (tpbn.admin)', () => {
    it('creates a commune under TP Bắc Ninh', async () => {
      const res = await tpbnAdmin.post(
        '/api/agencies',
        agencyBody('000.20.31.H06', {
          name: 'Ủy ban nhân dân phường Thử Nghiệm',
          short_name: 'UBND phường Thử Nghiệm',
          kind: 'commune_pc',
          level: 'commune',
          parent_id: ids.tpBacNinh,
        }),
      );
      expectStatus(res, 201);
      assert.equal(res.body.parent_id, ids.tpBacNinh);
      assert.equal(res.body.kind, 'commune_pc');
      assert.equal(res.body.level, 'commune');
      assert.equal(res.body.status, 'active');
      const listed = (await admin.get('/api/agencies')).body.agencies.find((a) => a.unit_code === '000.20.31.H06');
      assert.equal(listed?.id, res.body.id);
    });

    it('sees and manages the users of a ward below his district', async () => {
      expectStatus(await tpbnAdmin.get(`/api/users?agency_id=${ids.vuNinh}`), 200);
      const target = users['vuninh.motcua'];
      expectStatus(await tpbnAdmin.get(`/api/users/${target.id}`), 200);
      const res = await tpbnAdmin.post('/api/users', userBody('vuninh.moi', ids.vuNinh));
      expectStatus(res, 201);
    });

    it('cannot create an agency outside his district (403)', async () => {
      const count = await agencyCount();
      const res = await tpbnAdmin.post(
        '/api/agencies',
        agencyBody('000.02.91.H06', { kind: 'sub_department', parent_id: ids.cucThue }),
      );
      expectError(res, 403, 'auth.forbidden');
      assert.equal(await agencyCount(), count);
    });

    it('a ward administrator cannot reach up to the district (403/404)', async () => {
      expectError(await vuninhAdmin.get(`/api/users?agency_id=${ids.tpBacNinh}`), 403, 'auth.forbidden');
      expectError(await vuninhAdmin.get(`/api/users/${users['tpbn.motcua'].id}`), 404, 'auth.user_not_found');
      const res = await vuninhAdmin.post('/api/users', userBody('tpbn.moi', ids.tpBacNinh));
      expectError(res, 403, 'auth.forbidden');
    });
  });

  describe('the province administrator (admin)', () => {
    it('lists every user of the province when no agency_id is given', async () => {
      const res = await admin.get('/api/users');
      expectStatus(res, 200);
      const agencies = new Set(res.body.users.map((u) => u.agency_id));
      for (const key of ['vpUbnd', 'soKhcn', 'soTp', 'cucThue', 'tpBacNinh', 'vuNinh'])
        assert.ok(agencies.has(ids[key]), `no users of ${key}`);
    });

    it('lists, reads and updates users of any agency', async () => {
      expectStatus(await admin.get(`/api/users?agency_id=${ids.cucThue}`), 200);
      const target = users['thue.motcua'];
      expectStatus(await admin.get(`/api/users/${target.id}`), 200);
      const res = await admin.put(`/api/users/${target.id}`, updateBody(target, { email: 'thue.motcua@bacninh.gov.vn' }));
      expectStatus(res, 200);
      assert.equal(res.body.email, 'thue.motcua@bacninh.gov.vn');
    });

    it('creates users in any agency, province-wide ones too', async () => {
      expectStatus(await admin.post('/api/users', userBody('thue.moi', ids.cucThue)), 201);
      const res = await admin.post(
        '/api/users',
        userBody('tinh.danhgia', ids.vpUbnd, { roles: ['dost_evaluator'], province_wide: true }),
      );
      expectStatus(res, 201);
      assert.equal(res.body.province_wide, true);
    });

    it('creates an agency at the root', async () => {
      const res = await admin.post('/api/agencies', agencyBody('000.00.73.H06'));
      expectStatus(res, 201);
      assert.equal(res.body.parent_id, null);
    });

    it('edits any agency', async () => {
      const agency = (await admin.get(`/api/agencies/${ids.cucThue}`)).body;
      const res = await admin.put(`/api/agencies/${ids.cucThue}`, { ...agency, short_name: 'Cục Thuế BN' });
      expectStatus(res, 200);
      assert.equal(res.body.short_name, 'Cục Thuế BN');
    });

    it('deactivates an agency without active units', async () => {
      const res = await admin.post(`/api/agencies/${ids.ccTdc}/deactivate`, { valid_to: '2026-12-31' });
      expectStatus(res, 200);
      assert.equal(res.body.status, 'inactive');
      assert.equal(res.body.valid_to, '2026-12-31');
      const active = (await admin.get('/api/agencies')).body.agencies.map((a) => a.id);
      assert.ok(!active.includes(ids.ccTdc), 'an inactive agency is listed without include_inactive');
      const all = (await admin.get('/api/agencies?include_inactive=true')).body.agencies.map((a) => a.id);
      assert.ok(all.includes(ids.ccTdc));
    });
  });
});
