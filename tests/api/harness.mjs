// Test harness of the eISO HTTP API suite: starts a real `eiso serve` on a fresh database loaded
// with the demo province, and gives tests a small HTTP client that keeps a session.
//
// Node's built-in test runner only (node:test, node:assert, global fetch): no npm dependencies.
// Runs on Node 18 and 20+. See README.md in this directory.
//
//   EISO_BIN            path of the eiso binary (required)
//   EISO_API_BACKEND    "postgres" to run against PostgreSQL, anything else / unset: SQLite
//   EISO_TEST_PG_URL    PostgreSQL URL of a database to connect to for CREATE/DROP DATABASE
//                       (required with EISO_API_BACKEND=postgres; scripts/with-postgres.sh sets it)

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const DEMO_PASSWORD = 'eiso-demo-2026';

// Unit codes (mã định danh, TT 10/2016/TT-BTTTT) of the demo agencies the tests use.
export const UNIT = {
  vpUbnd: '000.00.02.H06', // Văn phòng UBND tỉnh (the province administrator's agency)
  soTp: '000.00.04.H06', // Sở Tư pháp (tuphap.*)
  soKhcn: '000.00.15.H06', // Sở KH&CN (khcn.*, dost)
  ccTdc: '000.01.15.H06', // Chi cục TĐC, a sub-department below Sở KH&CN (no users)
  tpBacNinh: '000.00.31.H06', // UBND TP Bắc Ninh, district level (tpbn.*)
  vuNinh: '000.01.31.H06', // UBND phường Vũ Ninh, a ward under TP Bắc Ninh (vuninh.*)
  cucThue: '000.00.91.H06', // Cục Thuế, a vertical agency (thue.*)
};

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 15_000;
const KEEP_OUTPUT_CHARS = 20_000;

function eisoBin() {
  const bin = process.env.EISO_BIN;
  if (!bin) {
    throw new Error(
      'EISO_BIN is not set: run the API tests as `EISO_BIN=build/debug/src/eiso node --test tests/api/*.test.mjs`',
    );
  }
  return path.resolve(bin);
}

function backendFromEnv() {
  return process.env.EISO_API_BACKEND === 'postgres' ? 'postgres' : 'sqlite';
}

// Settings come from EISO_* variables too (EISO_AUTH_..., EISO_HTTP_...): the tests run against
// the defaults, so none of the caller's leak in.
function serverEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('EISO_')) env[k] = v;
  return { ...env, EISO_HTTP_ACCESS_LOG: 'false', ...extra };
}

function tail(text) {
  return text.length > KEEP_OUTPUT_CHARS ? '…' + text.slice(-KEEP_OUTPUT_CHARS) : text;
}

// Runs a command to its end: {code, signal, stdout, stderr}.
export function run(command, args, { env = process.env, input, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')}: no exit within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${command}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

async function runOrThrow(command, args, options) {
  const r = await run(command, args, options);
  if (r.code !== 0) {
    throw new Error(
      `${path.basename(command)} ${args.join(' ')} exited ${r.code ?? r.signal}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`,
    );
  }
  return r;
}

// A fresh database: {url, cleanup()}.
async function freshDatabase(backend) {
  if (backend === 'sqlite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'eiso-api-'));
    return { url: `sqlite:${path.join(dir, 'eiso.db')}`, cleanup: () => rm(dir, { recursive: true, force: true }) };
  }
  if (backend !== 'postgres') throw new Error(`unknown backend ${backend} (sqlite or postgres)`);
  const admin = process.env.EISO_TEST_PG_URL;
  if (!admin) {
    throw new Error(
      'EISO_API_BACKEND=postgres needs EISO_TEST_PG_URL (run under scripts/with-postgres.sh, which sets it)',
    );
  }
  const name = `eiso_api_${randomBytes(6).toString('hex')}`;
  await runOrThrow('psql', [admin, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`]);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    cleanup: () =>
      runOrThrow('psql', [admin, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  };
}

function parseBody(text, contentType) {
  if (contentType && contentType.includes('application/json') && text !== '') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

// One HTTP exchange. Returns {status, headers, body (parsed JSON or text), text}.
async function exchange(baseUrl, method, urlPath, { body, rawBody, headers = {}, lang } = {}) {
  const h = { ...headers };
  if (lang !== undefined && h['accept-language'] === undefined) h['accept-language'] = lang;
  let payload;
  if (rawBody !== undefined) {
    payload = rawBody;
    if (h['content-type'] === undefined) h['content-type'] = 'application/json';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['content-type'] = 'application/json';
  }
  const res = await fetch(baseUrl + urlPath, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: parseBody(text, res.headers.get('content-type')), text };
}

// A signed-in user: keeps the session cookie and the CSRF token.
export class Client {
  constructor(baseUrl, { cookie = '', csrfToken = '', user = null, lang } = {}) {
    this.baseUrl = baseUrl;
    this.cookie = cookie; // "eiso_session=…"
    this.csrfToken = csrfToken;
    this.user = user;
    this.lang = lang; // Accept-Language sent with every request; undefined: none
  }

  // options: body (JSON), rawBody (string sent as is), headers, lang, csrf (false: send no token;
  // a string: send that token), cookie (false: none; a string: that cookie).
  request(method, urlPath, options = {}) {
    const headers = { ...(options.headers ?? {}) };
    const cookie = options.cookie === undefined ? this.cookie : options.cookie;
    if (cookie) headers.cookie = cookie;
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    const csrf = options.csrf === undefined ? this.csrfToken : options.csrf;
    if (write && csrf) headers['x-csrf-token'] = csrf;
    return exchange(this.baseUrl, method, urlPath, { ...options, headers, lang: options.lang ?? this.lang });
  }

  get(urlPath, options) {
    return this.request('GET', urlPath, options);
  }

  post(urlPath, body, options = {}) {
    return this.request('POST', urlPath, { ...options, body });
  }

  put(urlPath, body, options = {}) {
    return this.request('PUT', urlPath, { ...options, body });
  }
}

// "eiso_session=abc; Path=/; HttpOnly" → "eiso_session=abc".
export function cookiePair(setCookie) {
  return (setCookie ?? '').split(';')[0].trim();
}

// Starts eiso on a fresh database holding the demo province.
export async function startServer({ backend = backendFromEnv(), env: extraEnv = {} } = {}) {
  const bin = eisoBin();
  const db = await freshDatabase(backend);
  const env = serverEnv(extraEnv);
  let child;
  try {
    await runOrThrow(bin, ['--db', db.url, 'demo'], { env });
    child = spawn(bin, ['--db', db.url, 'serve', '--host', '127.0.0.1', '--port', '0'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    await db.cleanup().catch(() => {});
    throw e;
  }

  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout = tail(stdout + d)));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr = tail(stderr + d)));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let hasExited = false;
  exited.then(() => (hasExited = true));
  const output = () => `--- stdout\n${stdout}\n--- stderr\n${stderr}`;

  let url;
  try {
    url = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`eiso serve did not print "eISO listening on …" within ${START_TIMEOUT_MS} ms\n${output()}`)),
        START_TIMEOUT_MS,
      );
      const check = () => {
        const firstLine = stdout.split('\n')[0];
        const m = stdout.includes('\n') && /^eISO listening on (http:\/\/\S+)$/.exec(firstLine);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        } else if (stdout.includes('\n')) {
          clearTimeout(timer);
          reject(new Error(`eiso serve: unexpected first line of stdout ${JSON.stringify(firstLine)}\n${output()}`));
        }
      };
      child.stdout.on('data', check);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`cannot start ${bin}: ${e.message}`));
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`eiso serve exited (${code ?? signal}) before listening\n${output()}`));
      });
    });
  } catch (e) {
    if (!hasExited) child.kill('SIGKILL');
    await exited;
    await db.cleanup().catch(() => {});
    throw e;
  }

  let stopped = false;
  const server = {
    url,
    backend,
    dbUrl: db.url,
    output,

    // Sends SIGTERM, awaits the exit and asserts a graceful one (status 0); drops the database.
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        if (hasExited) {
          const { code, signal } = await exited;
          throw new Error(`eiso serve had already exited (${code ?? signal}) before stop()\n${output()}`);
        }
        child.kill('SIGTERM');
        let timer;
        const result = await Promise.race([
          exited,
          new Promise((resolve) => (timer = setTimeout(() => resolve(null), STOP_TIMEOUT_MS))),
        ]);
        clearTimeout(timer);
        if (result === null) {
          child.kill('SIGKILL');
          await exited;
          throw new Error(`eiso serve did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM\n${output()}`);
        }
        if (result.code !== 0) {
          throw new Error(`eiso serve did not shut down gracefully: exit ${result.code ?? result.signal}\n${output()}`);
        }
      } finally {
        await db.cleanup();
      }
    },

    // One query straight against this server's database (sqlite3 or psql): its rows, each an
    // array of column texts. For what no route shows (what is stored, exactly).
    async sql(query) {
      const args = backend === 'sqlite'
        ? ['sqlite3', ['-batch', '-separator', '\t', db.url.slice('sqlite:'.length), query]]
        : ['psql', [db.url, '-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', query]];
      const { stdout } = await runOrThrow(...args);
      return stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
    },

    // `eiso --db URL ARGS…` against this server's database: {code, stdout, stderr}.
    cli(args, options = {}) {
      return run(bin, ['--db', db.url, ...args], { env, ...options });
    },

    // A client without a session.
    anonymous(lang) {
      return new Client(url, { lang });
    },

    request(method, urlPath, options) {
      return new Client(url).request(method, urlPath, { cookie: false, csrf: false, ...options });
    },

    // Signs in; throws unless it succeeds.
    async login(username, password = DEMO_PASSWORD, { lang } = {}) {
      const res = await exchange(url, 'POST', '/api/auth/login', { body: { username, password }, lang });
      if (res.status !== 200) {
        throw new Error(`login ${username}: HTTP ${res.status} ${res.text}`);
      }
      const cookie = cookiePair(res.headers.get('set-cookie'));
      if (!cookie) throw new Error(`login ${username}: no session cookie`);
      return new Client(url, { cookie, csrfToken: res.body.csrf_token, user: res.body.user, lang });
    },

    // The raw login exchange, for tests of the login itself.
    tryLogin(username, password, options = {}) {
      return exchange(url, 'POST', '/api/auth/login', { body: { username, password }, ...options });
    },
  };
  return server;
}

// Looks up demo agencies by unit code: {key: id} for every entry of UNIT.
export async function agencyIds(client) {
  const res = await client.get('/api/agencies?include_inactive=true');
  if (res.status !== 200) throw new Error(`GET /api/agencies: ${res.status} ${res.text}`);
  const byCode = new Map(res.body.agencies.map((a) => [a.unit_code, a.id]));
  const ids = {};
  for (const [key, code] of Object.entries(UNIT)) {
    if (!byCode.has(code)) throw new Error(`demo agency ${code} (${key}) is missing`);
    ids[key] = byCode.get(code);
  }
  return ids;
}

// Sends raw bytes on a new connection and collects everything the server answers until it
// closes (or timeoutMs passes). Writing stops as soon as an answer arrives, and errors after that
// (EPIPE, ECONNRESET: the server closed early) are expected. Resolves {status, headers, body, raw}.
export function rawExchange(baseUrl, { head, bodyChunks = [], timeoutMs = 10_000 }) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    let received = Buffer.alloc(0);
    let answered = false;
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      if (!answered) return reject(err ?? new Error('the server closed the connection without an answer'));
      const raw = received.toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      const headLines = (split < 0 ? raw : raw.slice(0, split)).split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(headLines[0])?.[1]);
      const headers = {};
      for (const line of headLines.slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const text = split < 0 ? '' : raw.slice(split + 4);
      resolve({ status, headers, body: parseBody(text, headers['content-type']), raw });
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', (d) => {
      answered = true;
      received = Buffer.concat([received, d]);
      // Whole when the Content-Length's worth of body has arrived.
      const raw = received.toString('latin1');
      const split = raw.indexOf('\r\n\r\n');
      const len = /\r\ncontent-length:\s*(\d+)/i.exec(raw.slice(0, split + 2));
      if (split >= 0 && len && received.length >= split + 4 + Number(len[1])) finish();
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (e) => (answered ? finish() : finish(e)));
    socket.on('connect', async () => {
      socket.write(head);
      for (const chunk of bodyChunks) {
        if (answered || done) return;
        const more = socket.write(chunk);
        if (!more) await new Promise((r) => socket.once('drain', r).once('close', r));
      }
    });
  });
}

// A JSON body's error object, or a readable failure.
export function errorOf(res) {
  if (!res.body || typeof res.body !== 'object' || !res.body.error) {
    throw new Error(`expected an error body, got HTTP ${res.status}: ${res.text}`);
  }
  return res.body.error;
}

// Asserts an error reply: HTTP status, error.code and (when given; null for none) error.field.
export function expectError(res, status, code, field) {
  const context = `HTTP ${res.status} ${res.text}`;
  assert.equal(res.status, status, `expected HTTP ${status} ${code}; got ${context}`);
  const error = errorOf(res);
  if (code === undefined) {
    // any code
  } else if (Array.isArray(code)) assert.ok(code.includes(error.code), `expected one of ${code}; got ${context}`);
  else assert.equal(error.code, code, `expected ${code}; got ${context}`);
  if (field !== undefined) assert.equal(error.field, field, `expected field ${field}; got ${context}`);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0, `error ${error.code} has no message`);
  return error;
}

// Asserts a success status with a readable failure.
export function expectStatus(res, status) {
  assert.equal(res.status, status, `expected HTTP ${status}; got ${res.status}: ${res.text}`);
  return res.body;
}
