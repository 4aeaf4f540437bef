// Input validation of agencies and users: each rejected write names the offending field, is
// localised (Vietnamese by default, English on request) and leaves nothing behind.
// Guards issue 2 (agency tree: unit codes, dates, parents, cycles; users).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { agencyIds, expectError, expectStatus, startServer } from './harness.mjs';

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

describe('validation (issue 2)', () => {
  let server;
  let admin;
  let ids;

  before(async () => {
    server = await startServer();
    admin = await server.login('admin');
    ids = await agencyIds(admin);
  });
  after(async () => {
    await server?.stop();
  });

  const valid = (extra = {}) => ({
    name: 'Sở Thử nghiệm tỉnh Bắc Ninh',
    short_name: 'Sở Thử nghiệm',
    kind: 'department',
    unit_code: '000.00.81.H06',
    valid_from: '2026-01-01',
    ...extra,
  });
  const without = (key, body = valid()) => {
    const copy = { ...body };
    delete copy[key];
    return copy;
  };

  async function agencies() {
    const res = await admin.get('/api/agencies?include_inactive=true');
    expectStatus(res, 200);
    return res.body.agencies;
  }
  async function users() {
    const res = await admin.get('/api/users');
    expectStatus(res, 200);
    return res.body.users;
  }

  // Sends a write that must be refused; asserts the error and that the agency list is unchanged.
  async function rejectedAgencyWrite(send, status, code, field) {
    const before = await agencies();
    const res = await send();
    const error = expectError(res, status, code, field);
    assert.deepEqual(await agencies(), before, 'a refused write changed the agencies');
    return { res, error };
  }
  async function rejectedUserWrite(send, status, code, field) {
    const before = await users();
    const res = await send();
    const error = expectError(res, status, code, field);
    assert.deepEqual(await users(), before, 'a refused write changed the users');
    return { res, error };
  }

  describe('agencies', () => {
    it('missing name → 400 on field name', async () => {
      await rejectedAgencyWrite(() => admin.post('/api/agencies', without('name')), 400, 'org.name_required', 'name');
      await rejectedAgencyWrite(() => admin.post('/api/agencies', valid({ name: '   ' })), 400, 'org.name_required', 'name');
      await rejectedAgencyWrite(() => admin.post('/api/agencies', valid({ name: 'X' })), 400, 'org.name_required', 'name');
    });

    it('a name of the wrong type → 400 common.bad_type on field name', async () => {
      await rejectedAgencyWrite(() => admin.post('/api/agencies', valid({ name: 42 })), 400, 'common.bad_type', 'name');
    });

    it('a bad unit code → 400 on field unit_code', async () => {
      for (const code of ['123', '000.00.81.h06', '000.00.81.H6', '000-00-81-H06', '000.00.81.H06 x', '0000.00.81.H06']) {
        await rejectedAgencyWrite(
          () => admin.post('/api/agencies', valid({ unit_code: code })),
          400,
          'org.bad_unit_code',
          'unit_code',
        );
      }
      await rejectedAgencyWrite(
        () => admin.post('/api/agencies', without('unit_code')),
        400,
        'common.required',
        'unit_code',
      );
    });

    it('a duplicate unit code → 409 on field unit_code', async () => {
      await rejectedAgencyWrite(
        () => admin.post('/api/agencies', valid({ unit_code: '000.00.15.H06' })),
        409,
        'org.unit_code_taken',
        'unit_code',
      );
    });

    it('a bad date → 400 on field valid_from', async () => {
      for (const date of ['2026-13-01', '2026-02-30', '01/02/2026', '2026-1-1', '2026-01-01T00:00:00Z', 'hôm nay']) {
        await rejectedAgencyWrite(
          () => admin.post('/api/agencies', valid({ valid_from: date })),
          400,
          ['common.bad_date', 'common.too_long'],
          'valid_from',
        );
      }
      await rejectedAgencyWrite(
        () => admin.post('/api/agencies', without('valid_from')),
        400,
        'common.required',
        'valid_from',
      );
    });

    it('an unknown kind → 400 on field kind; a level that does not fit the kind → field level', async () => {
      await rejectedAgencyWrite(() => admin.post('/api/agencies', valid({ kind: 'ministry' })), 400, 'org.bad_kind', 'kind');
      await rejectedAgencyWrite(
        () => admin.post('/api/agencies', valid({ level: 'commune' })),
        400,
        'org.level_mismatch',
        'level',
      );
    });

    it('invalid JSON → 400 common.bad_json', async () => {
      for (const raw of ['{"name": "Sở', 'not json', '', '[1, 2]', '"a string"']) {
        await rejectedAgencyWrite(
          () => admin.request('POST', '/api/agencies', { rawBody: raw }),
          400,
          'common.bad_json',
          null,
        );
      }
    });

    it('an unknown parent → 400 on field parent_id', async () => {
      await rejectedAgencyWrite(
        () => admin.post('/api/agencies', valid({ parent_id: 987654 })),
        400,
        'org.parent_not_found',
        'parent_id',
      );
      await rejectedAgencyWrite(
        () => admin.post('/api/agencies', valid({ parent_id: 'một' })),
        400,
        'common.bad_type',
        'parent_id',
      );
    });

    it('a sub-department without a parent → 400 on field parent_id', async () => {
      await rejectedAgencyWrite(
        () => admin.post('/api/agencies', valid({ kind: 'sub_department' })),
        400,
        'org.parent_required',
        'parent_id',
      );
    });

    it('a valid agency is created (the base body of these tests is valid)', async () => {
      const before = (await agencies()).length;
      const res = await admin.post('/api/agencies', valid());
      expectStatus(res, 201);
      assert.equal(res.body.unit_code, '000.00.81.H06');
      assert.equal(res.body.name, 'Sở Thử nghiệm tỉnh Bắc Ninh');
      assert.equal(res.body.level, 'province');
      assert.equal(res.body.valid_from, '2026-01-01');
      assert.equal(res.body.valid_to, null);
      assert.equal((await agencies()).length, before + 1);
      // and now the same unit code is taken
      await rejectedAgencyWrite(() => admin.post('/api/agencies', valid()), 409, 'org.unit_code_taken', 'unit_code');
    });

    it("an update to another agency's unit code → 409 on field unit_code", async () => {
      const agency = (await admin.get(`/api/agencies/${ids.soTp}`)).body;
      await rejectedAgencyWrite(
        () => admin.put(`/api/agencies/${ids.soTp}`, { ...agency, unit_code: '000.00.15.H06' }),
        409,
        'org.unit_code_taken',
        'unit_code',
      );
    });

    it('deactivating an agency with active children → 422 org.has_active_children', async () => {
      await rejectedAgencyWrite(
        () => admin.post(`/api/agencies/${ids.tpBacNinh}/deactivate`, { valid_to: '2026-12-31' }),
        422,
        'org.has_active_children',
      );
      assert.equal((await admin.get(`/api/agencies/${ids.tpBacNinh}`)).body.status, 'active');
    });

    it('deactivation needs a valid end date, not before the start', async () => {
      await rejectedAgencyWrite(
        () => admin.post(`/api/agencies/${ids.vuNinh}/deactivate`, { valid_to: '31/12/2026' }),
        400,
        'common.bad_date',
        'valid_to',
      );
      await rejectedAgencyWrite(
        () => admin.post(`/api/agencies/${ids.vuNinh}/deactivate`, { valid_to: '2019-12-31' }),
        400,
        'org.valid_to_before_from',
        'valid_to',
      );
    });

    it('a parent cycle on update → 422 org.parent_cycle', async () => {
      const district = (await admin.get(`/api/agencies/${ids.tpBacNinh}`)).body;
      // TP Bắc Ninh under its own ward Vũ Ninh
      await rejectedAgencyWrite(
        () => admin.put(`/api/agencies/${ids.tpBacNinh}`, { ...district, parent_id: ids.vuNinh }),
        422,
        'org.parent_cycle',
        'parent_id',
      );
      // TP Bắc Ninh under itself
      await rejectedAgencyWrite(
        () => admin.put(`/api/agencies/${ids.tpBacNinh}`, { ...district, parent_id: ids.tpBacNinh }),
        422,
        'org.parent_cycle',
        'parent_id',
      );
      assert.equal((await admin.get(`/api/agencies/${ids.tpBacNinh}`)).body.parent_id, null);
    });

    it('an update of an unknown agency → 404', async () => {
      const res = await admin.put('/api/agencies/987654', valid({ unit_code: '000.00.82.H06' }));
      expectError(res, 404, 'org.not_found');
      expectError(await admin.get('/api/agencies/987654'), 404, 'org.not_found');
      expectError(await admin.get('/api/agencies/abc'), 404, 'common.not_found');
    });
  });

  describe('users', () => {
    const user = (extra = {}) => ({
      username: 'kiem.tra',
      password: 'Mat-khau-2026-dai',
      full_name: 'Đỗ Thị Kiểm Tra',
      agency_id: ids.soKhcn,
      roles: ['officer'],
      ...extra,
    });

    it('a bad username → 400 on field username', async () => {
      for (const username of ['a b', 'x', '.dot.first', 'tên.có.dấu', 'semi;colon', 'a'.repeat(65)]) {
        await rejectedUserWrite(
          () => admin.post('/api/users', user({ username })),
          400,
          ['auth.bad_username', 'common.too_long'],
          'username',
        );
      }
      await rejectedUserWrite(
        () => admin.post('/api/users', user({ username: undefined })),
        400,
        'auth.bad_username',
        'username',
      );
    });

    it('an unknown role → 400 on field roles', async () => {
      await rejectedUserWrite(() => admin.post('/api/users', user({ roles: ['superuser'] })), 400, 'auth.bad_role', 'roles');
      await rejectedUserWrite(
        () => admin.post('/api/users', user({ roles: ['officer', 'root'] })),
        400,
        'auth.bad_role',
        'roles',
      );
      await rejectedUserWrite(() => admin.post('/api/users', user({ roles: [] })), 400, 'auth.role_required', 'roles');
      await rejectedUserWrite(() => admin.post('/api/users', user({ roles: 'officer' })), 400, 'common.bad_type', 'roles');
    });

    it('an unknown agency → 400 on field agency_id', async () => {
      await rejectedUserWrite(
        () => admin.post('/api/users', user({ agency_id: 987654 })),
        400,
        'auth.agency_not_found',
        'agency_id',
      );
    });

    it('a too short password → 400 on field password', async () => {
      await rejectedUserWrite(
        () => admin.post('/api/users', user({ password: 'ngan' })),
        400,
        'auth.password_too_short',
        'password',
      );
    });

    it('a bad email → 400 on field email', async () => {
      await rejectedUserWrite(
        () => admin.post('/api/users', user({ email: 'không phải email' })),
        400,
        'auth.bad_email',
        'email',
      );
    });

    it('a taken username → 409 on field username', async () => {
      await rejectedUserWrite(
        () => admin.post('/api/users', user({ username: 'khcn.admin' })),
        409,
        'auth.username_taken',
        'username',
      );
      await rejectedUserWrite(
        () => admin.post('/api/users', user({ username: 'KHCN.Admin' })),
        409,
        'auth.username_taken',
        'username',
      );
    });

    it('a user cannot be added to an inactive agency (422 on field agency_id)', async () => {
      const res = await admin.post(`/api/agencies/${ids.ccTdc}/deactivate`, { valid_to: '2026-06-30' });
      expectStatus(res, 200);
      await rejectedUserWrite(
        () => admin.post('/api/users', user({ agency_id: ids.ccTdc })),
        422,
        'auth.agency_inactive',
        'agency_id',
      );
    });

    it('an administrator cannot demote himself (422)', async () => {
      const me = admin.user;
      await rejectedUserWrite(
        () =>
          admin.put(`/api/users/${me.id}`, {
            agency_id: me.agency_id,
            full_name: me.full_name,
            roles: ['officer'],
            province_wide: true,
          }),
        422,
        'auth.cannot_demote_self',
        'roles',
      );
    });

    it('a valid user is created (the base body of these tests is valid)', async () => {
      const before = (await users()).length;
      const res = await admin.post('/api/users', user());
      expectStatus(res, 201);
      assert.equal(res.body.username, 'kiem.tra');
      assert.equal((await users()).length, before + 1);
    });
  });

  describe('messages', () => {
    it('are Vietnamese by default and English with Accept-Language: en', async () => {
      const vi = await admin.post('/api/agencies', without('name'));
      const viError = expectError(vi, 400, 'org.name_required', 'name');
      assert.match(viError.message, VIETNAMESE);
      assert.match(viError.message, /tên cơ quan/i);

      const en = await admin.post('/api/agencies', without('name'), { lang: 'en' });
      const enError = expectError(en, 400, 'org.name_required', 'name');
      assert.doesNotMatch(enError.message, VIETNAMESE);
      assert.match(enError.message, /name/i);
      assert.notEqual(enError.message, viError.message);
    });

    it('follow the first language of the header (en-US, en;q=0.9 → English; vi → Vietnamese)', async () => {
      const enUs = await admin.post('/api/agencies', valid({ unit_code: 'bad' }), { lang: 'en-US,en;q=0.9,vi;q=0.8' });
      assert.doesNotMatch(expectError(enUs, 400, 'org.bad_unit_code', 'unit_code').message, VIETNAMESE);
      const vi = await admin.post('/api/agencies', valid({ unit_code: 'bad' }), { lang: 'vi-VN,vi;q=0.9,en;q=0.8' });
      assert.match(expectError(vi, 400, 'org.bad_unit_code', 'unit_code').message, VIETNAMESE);
    });

    it('localise common errors and errors before sign-in too', async () => {
      const viJson = expectError(await admin.request('POST', '/api/agencies', { rawBody: '{' }), 400, 'common.bad_json');
      const enJson = expectError(
        await admin.request('POST', '/api/agencies', { rawBody: '{', lang: 'en' }),
        400,
        'common.bad_json',
      );
      assert.match(viJson.message, VIETNAMESE);
      assert.match(enJson.message, /JSON/);
      assert.doesNotMatch(enJson.message, VIETNAMESE);

      const viLogin = expectError(await server.tryLogin('admin', 'wrong-password'), 401, 'auth.bad_credentials');
      const enLogin = expectError(
        await server.tryLogin('admin', 'wrong-password', { lang: 'en' }),
        401,
        'auth.bad_credentials',
      );
      assert.match(viLogin.message, VIETNAMESE);
      assert.doesNotMatch(enLogin.message, VIETNAMESE);
    });

    it('every error message is a real sentence, not the key', async () => {
      const res = await admin.post('/api/agencies', valid({ valid_from: 'x' }), { lang: 'en' });
      const error = expectError(res, 400, 'common.bad_date', 'valid_from');
      assert.notEqual(error.message, error.code);
      assert.ok(!error.message.includes('common.'), error.message);
    });
  });
});
