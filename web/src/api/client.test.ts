import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/language';
import { api, ApiError, setCsrfToken, withQuery } from './client';

type Call = { url: string; init: RequestInit };
let calls: Call[];

function respond(status: number, body?: unknown, contentType = 'application/json') {
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': contentType } });
  }));
}

function headers(call: Call): Record<string, string> {
  return call.init.headers as Record<string, string>;
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

beforeEach(() => {
  calls = [];
  setCsrfToken(null);
  setLanguage('vi');
});
afterEach(() => vi.unstubAllGlobals());

describe('api client', () => {
  it('sends the cookie, the language, and no CSRF header on GET', async () => {
    setCsrfToken('tok');
    respond(200, { agencies: [] });
    expect(await api.get('/api/agencies', { include_inactive: false })).toEqual({ agencies: [] });
    expect(calls[0]!.url).toBe('/api/agencies?include_inactive=false');
    expect(calls[0]!.init.credentials).toBe('same-origin');
    expect(headers(calls[0]!)['Accept-Language']).toBe('vi');
    expect(headers(calls[0]!)['X-CSRF-Token']).toBeUndefined();
  });

  it('sends the CSRF token and JSON body on mutating requests', async () => {
    setCsrfToken('tok-123');
    setLanguage('en');
    respond(201, { id: 7 });
    await api.post('/api/agencies', { name: 'Sở Tư pháp' });
    expect(calls[0]!.init.method).toBe('POST');
    expect(headers(calls[0]!)['X-CSRF-Token']).toBe('tok-123');
    expect(headers(calls[0]!)['Accept-Language']).toBe('en');
    expect(headers(calls[0]!)['Content-Type']).toBe('application/json');
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ name: 'Sở Tư pháp' });
  });

  it('returns undefined for 204', async () => {
    respond(204);
    expect(await api.post('/api/auth/logout')).toBeUndefined();
  });

  it('maps {"error": …} to ApiError with status, code, message and field', async () => {
    respond(400, { error: { code: 'org.name_required', message: 'Vui lòng nhập tên cơ quan', field: 'name' } });
    const error = await caught(api.post('/api/agencies', {}));
    expect(error).toMatchObject({ status: 400, code: 'org.name_required', message: 'Vui lòng nhập tên cơ quan', field: 'name' });
  });

  it('leaves field null when the error names none', async () => {
    respond(422, { error: { code: 'org.has_active_children', message: 'Còn đơn vị trực thuộc' } });
    const error = await caught(api.post('/api/agencies/3/deactivate', { valid_to: '2026-01-01' }));
    expect(error).toMatchObject({ status: 422, code: 'org.has_active_children', field: null });
  });

  it('maps 401 and 429 from login', async () => {
    respond(401, { error: { code: 'auth.bad_credentials', message: 'Sai tên đăng nhập hoặc mật khẩu' } });
    expect(await caught(api.post('/api/auth/login', {}))).toMatchObject({ status: 401, code: 'auth.bad_credentials' });
    respond(429, { error: { code: 'auth.locked', message: 'Tạm khóa' } });
    expect(await caught(api.post('/api/auth/login', {}))).toMatchObject({ status: 429, code: 'auth.locked' });
  });

  it('copes with a body that is not the error JSON', async () => {
    respond(502, '<html>Bad gateway</html>', 'text/html');
    expect(await caught(api.get('/api/agencies'))).toMatchObject({ status: 502, code: 'http.502', message: '', field: null });
  });

  it('keeps a reply body without "error" as the payload (the 422 import report)', async () => {
    const report = { ok: false, problems: [{ line: 3, field: 'code', problem: 'procedures.bad_code', message: 'x' }] };
    respond(422, report);
    expect(await caught(api.post('/api/procedures/import', {}))).toMatchObject({ status: 422, code: 'http.422', payload: report });
  });

  it('reports an unreachable server as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    expect(await caught(api.get('/api/auth/me'))).toMatchObject({ status: 0, code: 'network' });
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('/api/users', { agency_id: null, q: '' })).toBe('/api/users');
    expect(withQuery('/api/users', { agency_id: 5, q: 'Nguyễn' })).toBe('/api/users?agency_id=5&q=Nguy%E1%BB%85n');
  });
});
