// The HTTP layer: routing errors, body limit, probes, metrics, request ids, keep-alive, security
// headers, graceful shutdown, and the audit chain left by real writes.
// Guards issue 2 (HTTP server: errors, limits, probes, metrics, shutdown; the audit chain).

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';

import { agencyIds, expectError, expectStatus, rawExchange, startServer } from './harness.mjs';

const MiB = 1024 * 1024;

// GETs on one keep-alive connection with node:http: [{status, reused, headers, body}].
async function sequentialOnOneConnection(baseUrl, paths) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out = [];
  try {
    for (const p of paths) {
      out.push(
        await new Promise((resolve, reject) => {
          const req = http.get(baseUrl + p, { agent }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d) => (body += d));
            res.on('end', () => resolve({ status: res.statusCode, reused: req.reusedSocket, headers: res.headers, body }));
          });
          req.on('error', reject);
        }),
      );
    }
  } finally {
    agent.destroy();
  }
  return out;
}

describe('HTTP layer (issue 2)', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    // stop() asserts the exit status 0 after SIGTERM: a graceful shutdown.
    await server?.stop();
  });

  describe('routing errors', () => {
    it('an unknown API route → 404 common.route_not_found', async () => {
      const res = await server.request('GET', '/api/no-such-thing');
      expectError(res, 404, 'common.route_not_found', null);
      assert.match(res.headers.get('content-type'), /application\/json/);
      expectError(await server.request('POST', '/api/no-such-thing', { body: {} }), 404, 'common.route_not_found');
    });

    it('an unknown page (no web UI configured) → 404 common.route_not_found', async () => {
      expectError(await server.request('GET', '/no-such-page'), 404, 'common.route_not_found');
    });

    it('a wrong method on a known path → 405 common.method_not_allowed', async () => {
      expectError(await server.request('DELETE', '/api/agencies'), 405, 'common.method_not_allowed');
      expectError(await server.request('GET', '/api/auth/login'), 405, 'common.method_not_allowed');
      expectError(await server.request('PATCH', '/api/users/1'), 405, 'common.method_not_allowed');
    });

    it('routing errors come before authentication (no session needed to learn 404/405)', async () => {
      expectError(await server.request('PUT', '/api/agencies'), 405, 'common.method_not_allowed');
    });

    it('a known route without a session → 401', async () => {
      expectError(await server.request('GET', '/api/agencies'), 401, 'auth.login_required');
    });

    it('errors are Vietnamese when the request names no language at all', async () => {
      const res = await rawExchange(server.url, {
        head: 'GET /api/no-such-thing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
      });
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'common.route_not_found');
      assert.match(res.body.error.message, /[àáảãạăâđêôơưạệịọụỳ]/i);
    });
  });

  describe('body size limit (1 MiB)', () => {
    // The body is announced but not sent: the server must refuse on the announcement alone,
    // before reading 1 MiB (and a client that stops sending cannot race the server's close).
    it('a body announced over 1 MiB → 413 common.payload_too_large (Content-Length)', async () => {
      const res = await rawExchange(server.url, {
        head:
          'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          `Content-Length: ${MiB + 1}\r\n\r\n`,
      });
      assert.equal(res.status, 413, res.raw.slice(0, 500));
      assert.equal(res.body.error.code, 'common.payload_too_large');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.headers['x-request-id'], 'no x-request-id on the 413');
    });

    it('a body over 1 MiB, partly sent → 413 common.payload_too_large', async () => {
      const res = await rawExchange(server.url, {
        head:
          'POST /api/agencies HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          `Content-Length: ${2 * MiB}\r\n\r\n`,
        bodyChunks: [Buffer.alloc(16 * 1024, 'a')],
      });
      assert.equal(res.status, 413, res.raw.slice(0, 500));
      assert.equal(res.body.error.code, 'common.payload_too_large');
    });

    it('a chunked body over 1 MiB → 413 common.payload_too_large', async () => {
      // 64 KiB chunks until just past the limit; the server must stop at the limit.
      const piece = 'b'.repeat(64 * 1024);
      const chunks = [];
      for (let sent = 0; sent <= MiB; sent += piece.length) chunks.push(`${piece.length.toString(16)}\r\n${piece}\r\n`);
      const res = await rawExchange(server.url, {
        head:
          'POST /api/agencies HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Transfer-Encoding: chunked\r\n\r\n',
        bodyChunks: [chunks.join('')],
      });
      assert.equal(res.status, 413, res.raw.slice(0, 500));
      assert.equal(res.body.error.code, 'common.payload_too_large');
    });

    it('one chunk announced over 1 MiB → 413 common.payload_too_large', async () => {
      const res = await rawExchange(server.url, {
        head:
          'POST /api/agencies HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          `Transfer-Encoding: chunked\r\n\r\n${(MiB + 1).toString(16)}\r\n`,
      });
      assert.equal(res.status, 413, res.raw.slice(0, 500));
      assert.equal(res.body.error.code, 'common.payload_too_large');
    });

    it('a body of exactly 1 MiB is read (and then judged on its content)', async () => {
      const filler = 'c'.repeat(MiB - JSON.stringify({ username: 'admin', password: '' }).length);
      const body = JSON.stringify({ username: 'admin', password: filler });
      assert.equal(Buffer.byteLength(body), MiB);
      const res = await server.request('POST', '/api/auth/login', { rawBody: body });
      expectError(res, 400, 'common.too_long', 'password');
    });

    it(
      'a fetch() client sending 8 MiB receives the 413 rather than a broken connection',
      async () => {
        for (let i = 0; i < 5; i++) {
          const res = await fetch(server.url + '/api/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: 'd'.repeat(8 * MiB),
          });
          assert.equal(res.status, 413);
          await res.text();
        }
      },
    );
  });

  describe('probes and metrics', () => {
    it('/healthz → 200', async () => {
      const res = await server.request('GET', '/healthz');
      expectStatus(res, 200);
      assert.equal(res.text.trim(), 'ok');
    });

    it('HEAD /healthz → 200 without a body', async () => {
      const res = await server.request('HEAD', '/healthz');
      expectStatus(res, 200);
      assert.equal(res.text, '');
    });

    it('/readyz → 200 (the database answers)', async () => {
      const res = await server.request('GET', '/readyz');
      expectStatus(res, 200);
      assert.equal(res.text.trim(), 'ready');
    });

    it('/metrics exposes eiso_http_requests_total and counts requests', async () => {
      const count2xx = (text) => Number(/^eiso_http_requests_total\{code="2xx"\} (\d+)$/m.exec(text)?.[1]);
      const first = await server.request('GET', '/metrics');
      expectStatus(first, 200);
      assert.match(first.headers.get('content-type'), /^text\/plain/);
      assert.match(first.text, /^# TYPE eiso_http_requests_total counter$/m);
      assert.match(first.text, /^eiso_http_requests_total\{code="4xx"\} \d+$/m);
      assert.match(first.text, /^eiso_http_request_duration_seconds_count \d+$/m);
      const before = count2xx(first.text);
      assert.ok(Number.isInteger(before), first.text);
      for (let i = 0; i < 3; i++) expectStatus(await server.request('GET', '/healthz'), 200);
      const second = await server.request('GET', '/metrics');
      // the three probes and the first /metrics itself
      assert.ok(count2xx(second.text) >= before + 4, `2xx went from ${before} to ${count2xx(second.text)}`);
    });
  });

  describe('request ids', () => {
    it('echoes a plain X-Request-Id', async () => {
      const res = await server.request('GET', '/healthz', { headers: { 'x-request-id': 'test-req_42.a' } });
      assert.equal(res.headers.get('x-request-id'), 'test-req_42.a');
    });

    it('echoes it on errors too', async () => {
      const res = await server.request('GET', '/api/nope', { headers: { 'x-request-id': 'err-req-1' } });
      assert.equal(res.status, 404);
      assert.equal(res.headers.get('x-request-id'), 'err-req-1');
    });

    it('generates one when absent, different per request', async () => {
      const a = (await server.request('GET', '/healthz')).headers.get('x-request-id');
      const b = (await server.request('GET', '/healthz')).headers.get('x-request-id');
      assert.match(a ?? '', /^[0-9A-Za-z._-]{8,64}$/);
      assert.match(b ?? '', /^[0-9A-Za-z._-]{8,64}$/);
      assert.notEqual(a, b);
    });

    it('replaces one that is too long or not plain (no header or log injection)', async () => {
      const long = 'x'.repeat(65);
      const res = await server.request('GET', '/healthz', { headers: { 'x-request-id': long } });
      assert.notEqual(res.headers.get('x-request-id'), long);
      assert.match(res.headers.get('x-request-id') ?? '', /^[0-9A-Za-z._-]{8,64}$/);
      const odd = await server.request('GET', '/healthz', { headers: { 'x-request-id': 'a b<script>' } });
      assert.match(odd.headers.get('x-request-id') ?? '', /^[0-9A-Za-z._-]{8,64}$/);
    });
  });

  describe('connections', () => {
    it('keep-alive: several sequential requests on one connection', async () => {
      const results = await sequentialOnOneConnection(server.url, [
        '/healthz',
        '/readyz',
        '/api/nope',
        '/metrics',
        '/healthz',
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        [200, 200, 404, 200, 200],
      );
      assert.equal(results[0].reused, false);
      for (const r of results.slice(1)) assert.equal(r.reused, true, 'the connection was not kept alive');
      for (const r of results) assert.notEqual(r.headers.connection, 'close');
    });

    it('Connection: close is honoured', async () => {
      const res = await rawExchange(server.url, {
        head: 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.connection, 'close');
    });

    it('a malformed request → 400, not a crash', async () => {
      const res = await rawExchange(server.url, { head: 'THIS IS NOT HTTP\r\n\r\n' });
      assert.equal(res.status, 400);
      expectStatus(await server.request('GET', '/healthz'), 200);
    });
  });

  describe('security headers', () => {
    for (const [label, method, path] of [
      ['a JSON reply', 'GET', '/api/auth/me'],
      ['a probe', 'GET', '/healthz'],
      ['a 404', 'GET', '/api/nope'],
    ]) {
      it(`are set on ${label}`, async () => {
        const res = await server.request(method, path);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(res.headers.get('x-frame-options'), 'DENY');
        assert.equal(res.headers.get('referrer-policy'), 'same-origin');
      });
    }

    it('API replies are not cached', async () => {
      const admin = await server.login('admin');
      const res = await admin.get('/api/auth/me');
      expectStatus(res, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.match(res.headers.get('content-type'), /^application\/json/);
    });
  });

  describe('agency directory cache (issue 2)', () => {
    it('answers 304 to a matching ETag and a fresh list after any change', async () => {
      const admin = await server.login('admin');
      const first = await admin.get('/api/agencies');
      expectStatus(first, 200);
      const etag = first.headers.get('etag');
      assert.ok(etag, 'an ETag is sent');
      const again = await admin.get('/api/agencies', { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      const created = await admin.post('/api/agencies', {
        name: 'Sở Thử bộ nhớ đệm',
        short_name: 'Sở thử đệm',
        kind: 'department',
        unit_code: '000.00.84.H06',
        valid_from: '2026-01-01',
      });
      expectStatus(created, 201);
      const after = await admin.get('/api/agencies', { headers: { 'if-none-match': etag } });
      expectStatus(after, 200);
      assert.notEqual(after.headers.get('etag'), etag);
      assert.ok(after.body.agencies.some((a) => a.id === created.body.id), 'the new agency is listed');
      assert.equal(after.body.agencies.length, first.body.agencies.length + 1);
      const renamed = await admin.put(`/api/agencies/${created.body.id}`, { ...created.body, name: 'Sở Thử đã đổi tên' });
      expectStatus(renamed, 200);
      const listed = await admin.get('/api/agencies');
      assert.equal(listed.body.agencies.find((a) => a.id === created.body.id).name, 'Sở Thử đã đổi tên');
      const withInactive = await admin.get('/api/agencies?include_inactive=true', { headers: { 'if-none-match': listed.headers.get('etag') } });
      expectStatus(withInactive, 200);
    });
  });

  describe('audit chain after real writes', () => {
    it('`eiso audit verify` reports an intact chain while the server runs', async () => {
      const admin = await server.login('admin');
      const ids = await agencyIds(admin);
      const created = await admin.post('/api/agencies', {
        name: 'Sở Kiểm toán thử',
        short_name: 'Sở KT thử',
        kind: 'department',
        unit_code: '000.00.83.H06',
        valid_from: '2026-01-01',
      });
      expectStatus(created, 201);
      expectStatus(await admin.put(`/api/agencies/${created.body.id}`, { ...created.body, short_name: 'Sở KT' }), 200);
      expectStatus(
        await admin.post('/api/users', {
          username: 'kiem.toan',
          password: 'Mat-khau-2026-dai',
          full_name: 'Kiểm Toán Viên',
          agency_id: ids.soKhcn,
          roles: ['internal_auditor'],
        }),
        201,
      );
      expectError(await server.tryLogin('admin', 'wrong-password'), 401, 'auth.bad_credentials');
      expectStatus(await admin.post(`/api/agencies/${created.body.id}/deactivate`, { valid_to: '2026-12-31' }), 200);

      const verify = await server.cli(['audit', 'verify']);
      assert.equal(verify.code, 0, `audit verify exited ${verify.code}\n${verify.stdout}\n${verify.stderr}`);
      assert.match(verify.stdout, /^OK\b/m);
      const events = Number(/OK: (\d+) audit events/.exec(verify.stdout)?.[1]);
      // the demo load, the sign-ins and the five writes above
      assert.ok(events >= 5, verify.stdout);

      // and the server is still serving
      expectStatus(await admin.get('/api/auth/me'), 200);
    });
  });
});
