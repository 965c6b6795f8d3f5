// The binding agrees with the core on limits and hostile input, survives a trap in the
// core, and never shows a key: redirects, maxRetries/timeout checks, the timer clamp, query
// names, the body cap, cyclic and deep params, a panic in wasm, creates never re-sent,
// AbortSignal during the backoff, and secrets in inspect/JSON/toString/errors/logs.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, describe, test } from 'node:test';

import * as sdk from '../dist/index.js';
import { callCore, wasm } from '../dist/wasm.js';
import { startFaultServer } from './faultserver.mjs';

const KEY = 'sk-admin-limits-SECRET-KEY-0123456789';
const NEW_KEY = 'sk-admin-NEWLY-MADE-SECRET-9876543210';
const user = { object: 'organization.user', id: 'user_1', name: 'Ada', email: 'ada@example.com', role: 'owner', added_at: 1 };

let server;
before(async () => {
  server = await startFaultServer();
});
after(() => server?.stop());

const client = (opts = {}) => new sdk.AdminClient({ adminAPIKey: KEY, baseURL: `${server.url}/v1`, logLevel: 'off', ...opts });

describe('settings are checked, not wrapped', () => {
  for (const bad of [-1, 1.5, Number.NaN, Infinity, '2', 2 ** 32]) {
    test(`maxRetries ${String(bad)} is an InvalidInputError (constructor and per request)`, async () => {
      assert.throws(() => client({ maxRetries: bad }), (e) => e instanceof sdk.InvalidInputError && e.param === 'maxRetries');
      await server.script({ otherwise: { body: user } });
      const c = client();
      await assert.rejects(c.admin.organization.users.retrieve('user_1', { maxRetries: bad }), (e) => e instanceof sdk.InvalidInputError && e.param === 'maxRetries');
      assert.equal((await server.log()).length, 0, 'nothing sent');
      assert.equal((await c.admin.organization.users.retrieve('user_1')).id, 'user_1', 'the client still works');
    });
  }

  for (const bad of [-1, Number.NaN, Infinity, 'x']) {
    test(`timeout ${String(bad)} is an InvalidInputError`, () => {
      assert.throws(() => client({ timeout: bad }), (e) => e instanceof sdk.InvalidInputError && e.param === 'timeout');
    });
  }

  test('a timeout over 2^31 − 1 ms is clamped, not fired at once', async () => {
    await server.script({ steps: [{ delay_ms: 150, body: user, times: 2 }] });
    const c = client({ timeout: 2 ** 31 * 10, maxRetries: 0 });
    assert.equal(c.timeout, 2 ** 31 * 10);
    assert.equal((await c.admin.organization.users.retrieve('user_1')).id, 'user_1');
    assert.equal((await c.admin.organization.users.retrieve('user_1', { timeout: 2 ** 40 })).id, 'user_1', 'per request too');
    assert.equal((await server.log()).length, 2);
  });
});

describe('requests', () => {
  test('a redirect is returned, not followed, and the key goes nowhere else', async () => {
    await server.script({ steps: [{ redirect: 'http://127.0.0.1:1/steal' }], otherwise: { body: user } });
    const err = await client({ maxRetries: 0 }).admin.organization.users.retrieve('user_1').catch((e) => e);
    assert.ok(err instanceof sdk.APIError);
    assert.equal(err.status, 302);
    assert.equal((await server.log()).length, 1);
  });

  test('query names from query and defaultQuery are escaped (& = # in a name)', async () => {
    await server.script({ otherwise: { body: user } });
    const c = client({ defaultQuery: { 'a&b=c': '1' } });
    await c.admin.organization.users.retrieve('user_1', { query: { 'x#y': '2&z=3' } });
    const [r] = await server.log();
    assert.equal(r.target, '/v1/organization/users/user_1?a%26b%3Dc=1&x%23y=2%26z%3D3');
  });

  test('a body over the cap is refused while it streams, and the core stays fine', async () => {
    await server.script({ steps: [{ huge: 64 * 1024 * 1024, no_length: true }, { body: user }] });
    const c = client({ maxResponseBytes: 4096 });
    const err = await c.admin.organization.users.retrieve('user_1').catch((e) => e);
    assert.ok(err instanceof sdk.APIResponseValidationError, String(err));
    assert.equal(err.status, 200);
    assert.equal((await c.admin.organization.users.retrieve('user_1')).id, 'user_1');
  });

  /** A fetch answering a user padded to `size` bytes (valid JSON), with `headers`. */
  const bigAnswer = (size, headers) => async () => {
    const json = JSON.stringify(user);
    return new Response(json + ' '.repeat(size - json.length), { status: 200, headers: { 'content-type': 'application/json', ...headers } });
  };

  test('a compressed body announced under the cap is still read chunk by chunk and refused past it', async () => {
    // The platform's fetch inflates a compressed body: its `content-length` does not bound it.
    const real = globalThis.fetch;
    globalThis.fetch = bigAnswer(1 << 20, { 'content-length': '100', 'content-encoding': 'gzip' });
    try {
      const err = await client({ maxResponseBytes: 4096, maxRetries: 0 }).admin.organization.users.retrieve('user_1').catch((e) => e);
      assert.ok(err instanceof sdk.APIResponseValidationError, String(err));
    } finally {
      globalThis.fetch = real;
    }
  });

  test('a custom fetch is not trusted to keep to its content-length', async () => {
    const f = bigAnswer(1 << 20, { 'content-length': '100' });
    const err = await client({ maxResponseBytes: 4096, maxRetries: 0, fetch: f }).admin.organization.users.retrieve('user_1').catch((e) => e);
    assert.ok(err instanceof sdk.APIResponseValidationError, String(err));
  });

  test('a body with an exact length within the cap is read whole (large pages)', async () => {
    const users = Array.from({ length: 2000 }, (_, i) => ({ ...user, id: `user_${i}` }));
    await server.script({ otherwise: { body: { object: 'list', data: users, first_id: 'user_0', last_id: 'user_1999', has_more: false } } });
    const page = await client().admin.organization.users.list();
    assert.equal(page.data.length, 2000);
    assert.equal(page.data.at(-1).id, 'user_1999');
  });

  test('the default cap is the core’s', () => {
    assert.equal(client().maxResponseBytes, wasm.defaults().max_response_bytes);
    assert.equal(client().maxResponseBytes, 64 * 1024 * 1024);
  });
});

describe('hostile params', () => {
  const cyclic = () => {
    const o = { name: 'x' };
    o.self = o;
    return o;
  };
  const deep = (n) => {
    let v = {};
    for (let i = 0; i < n; i++) v = { v };
    return v;
  };
  const arrays = (n) => {
    let v = [];
    for (let i = 0; i < n; i++) v = [v];
    return v;
  };
  for (const [name, make] of [
    ['a cyclic object', () => ({ name: 'p', metadata: cyclic() })],
    ['an array that contains itself', () => {
      const a = [];
      a.push(a);
      return { name: 'p', tags: a };
    }],
    ['an object 100,000 deep', () => ({ name: 'p', deep: deep(100_000) })],
    ['an array 100,000 deep', () => ({ name: 'p', deep: arrays(100_000) })],
  ]) {
    test(`${name}: a typed InvalidInputError before wasm; the client and a new one still work`, async () => {
      await server.script({ otherwise: { status: 201, body: { object: 'organization.project', id: 'proj_1', name: 'p', created_at: 1, status: 'active' } } });
      const c = client();
      const err = await c.admin.organization.projects.create(make()).catch((e) => e);
      assert.ok(err instanceof sdk.InvalidInputError, String(err));
      assert.ok(['metadata', 'tags', 'deep'].includes(err.param), err.param);
      assert.equal((await server.log()).length, 0, 'nothing sent');
      assert.equal((await c.admin.organization.projects.create({ name: 'p' })).id, 'proj_1');
      assert.equal((await client().admin.organization.projects.create({ name: 'p' })).id, 'proj_1');
    });
  }
});

describe('a trap in the core', () => {
  test('a panic rejects with an SDK error and leaves a fresh, working instance', async () => {
    await server.script({ otherwise: { body: user } });
    const before = client();
    await before.admin.organization.users.retrieve('user_1');
    assert.throws(() => callCore(() => wasm.__panicForTests()), (e) => e instanceof sdk.CoreFailureError && e instanceof sdk.OpenAIError && /restarted/.test(e.message));
    // The client made before the trap rebuilds its core object; a new client works too.
    assert.equal((await before.admin.organization.users.retrieve('user_1')).id, 'user_1');
    assert.equal((await client().admin.organization.users.retrieve('user_1')).id, 'user_1');
    assert.throws(() => client({ maxRetries: -1 }), sdk.InvalidInputError);
    // And again: every trap gets its own fresh instance.
    assert.throws(() => callCore(() => wasm.__panicForTests()), sdk.CoreFailureError);
    assert.equal((await before.admin.organization.users.retrieve('user_1')).id, 'user_1');
  });

  test('a real stack overflow in wasm (params past the driver\'s check) is a CoreFailureError, then all works', async () => {
    await server.script({ otherwise: { body: user } });
    const before = client();
    let v = {};
    for (let i = 0; i < 100_000; i++) v = { v };
    // Straight to the core, past the driver's depth check: the core's reader recurses until
    // the wasm stack runs out.
    const core = new wasm.Core({ api_key: KEY, env: {} });
    assert.throws(() => callCore(() => core.build('admin.organization.projects.create', { name: 'p', deep: v }, [], [])), sdk.CoreFailureError);
    assert.equal((await before.admin.organization.users.retrieve('user_1')).id, 'user_1');
    assert.equal((await client().admin.organization.users.retrieve('user_1')).id, 'user_1');
    const fresh = new wasm.Core({ api_key: KEY, env: {} });
    assert.ok(fresh.build('admin.organization.projects.create', { name: 'p' }, [], []).url.endsWith('/organization/projects'));
  });

  test('a walk across a restart fails with the cursor to resume from', async () => {
    await server.script({ list: { total: 30, page_size: 10, id_prefix: 'user_', item: { object: 'organization.user', name: 'n', email: 'e', role: 'reader', added_at: 1 } }, otherwise: { page: true } });
    const c = client();
    const page = await c.admin.organization.users.list({ limit: 10 });
    assert.throws(() => callCore(() => wasm.__panicForTests()), sdk.CoreFailureError);
    const err = await page.getNextPage().catch((e) => e);
    assert.ok(err instanceof sdk.CoreFailureError);
    assert.equal(err.resumeCursor, 'user_000010');
    const ids = [];
    for await (const u of c.admin.organization.users.list({ limit: 10, after: err.resumeCursor })) ids.push(u.id);
    assert.equal(ids.length, 20);
    assert.equal(ids[0], 'user_000011');
  });
});

describe('retries', () => {
  const project = { object: 'organization.project', id: 'proj_1', name: 'p', created_at: 1, status: 'active' };
  test('a create is not sent again after a 2xx, a timeout or a 5xx, unless opted in', async () => {
    await server.script({ steps: [{ status: 201, body: project, headers: { 'x-should-retry': 'true' } }] });
    await client().admin.organization.projects.create({ name: 'p' });
    assert.equal((await server.log()).length, 1);
    await server.script({ steps: [{ delay_ms: 800, status: 201, body: project }], otherwise: { status: 201, body: project } });
    assert.ok((await client({ timeout: 200 }).admin.organization.projects.create({ name: 'p' }).catch((e) => e)) instanceof sdk.APIConnectionTimeoutError);
    assert.equal((await server.log()).length, 1);
    await server.script({ steps: [{ status: 502, headers: { 'retry-after-ms': '10' } }], otherwise: { status: 201, body: project } });
    assert.ok((await client().admin.organization.projects.create({ name: 'p' }).catch((e) => e)) instanceof sdk.InternalServerError);
    assert.equal((await server.log()).length, 1);
    await server.script({ steps: [{ status: 502, headers: { 'retry-after-ms': '10' } }], otherwise: { status: 201, body: project } });
    assert.equal((await client({ retryNonIdempotent: true }).admin.organization.projects.create({ name: 'p' })).id, 'proj_1');
    assert.equal((await server.log()).length, 2);
  });

  test('AbortSignal during the backoff sleep stops the pending retry', async () => {
    await server.script({ steps: [{ status: 429, headers: { 'retry-after-ms': '600' } }], otherwise: { body: user } });
    const controller = new AbortController();
    const started = Date.now();
    const call = client().admin.organization.users.retrieve('user_1', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const err = await call.catch((e) => e);
    assert.ok(err instanceof sdk.APIUserAbortError, String(err));
    assert.ok(Date.now() - started < 500, 'rejected at the abort, not after the wait');
    await new Promise((r) => setTimeout(r, 800));
    assert.equal((await server.log()).length, 1, 'no retry was sent after the abort');
  });
});

describe('secrets', () => {
  const created = { object: 'organization.admin_api_key', id: 'key_1', name: 'ci', redacted_value: 'sk-admin-...3210', value: NEW_KEY, created_at: 1, expires_at: null, owner: { type: 'user', id: 'user_1' } };

  test('the admin key is not in inspect, JSON or toString of the client or its copies', () => {
    const c = client({ defaultHeaders: { 'X-Trace': 't' } });
    for (const v of [c, c.withOptions({ maxRetries: 1 })]) {
      for (const text of [inspect(v, { depth: 10, showHidden: true }), JSON.stringify(v), String(v), `${v.admin.organization.users}`, inspect(v.admin, { depth: 4 })]) {
        assert.ok(!text.includes(KEY), text.slice(0, 300));
      }
    }
    const fromEnv = (() => {
      const saved = process.env.OPENAI_ADMIN_KEY;
      process.env.OPENAI_ADMIN_KEY = KEY;
      try {
        return new sdk.AdminClient({ baseURL: `${server.url}/v1`, logLevel: 'off' });
      } finally {
        if (saved === undefined) delete process.env.OPENAI_ADMIN_KEY;
        else process.env.OPENAI_ADMIN_KEY = saved;
      }
    })();
    assert.ok(!inspect(fromEnv, { depth: 10, showHidden: true }).includes(KEY));
    assert.ok(!JSON.stringify(fromEnv).includes(KEY));
  });

  test('debug logs show requests, responses and retries, with neither the admin key nor a new key', async () => {
    const lines = [];
    const logger = Object.fromEntries(['debug', 'info', 'warn', 'error'].map((l) => [l, (...args) => lines.push([l, inspect(args, { depth: 20 })])]));
    await server.script({ steps: [{ status: 429, headers: { 'retry-after-ms': '10' } }, { status: 201, body: created }] });
    const c = client({ logLevel: 'debug', logger, defaultHeaders: { 'api-key': KEY } });
    const result = await c.admin.organization.adminAPIKeys.create({ name: 'ci' });
    assert.equal(result.value, NEW_KEY, 'the caller gets the new key');
    const text = lines.map(([, t]) => t).join('\n');
    assert.ok(lines.some(([l, t]) => l === 'debug' && t.includes('sending request')));
    assert.ok(lines.some(([l, t]) => l === 'info' && t.includes('retrying')));
    assert.ok(lines.some(([l, t]) => l === 'debug' && t.includes('response succeeded') && t.includes('key_1')));
    assert.ok(text.includes('authorization'), 'the header is named');
    assert.ok(!text.includes(KEY), 'no admin key in the logs');
    assert.ok(!text.includes(NEW_KEY), 'no new key in the logs');
  });

  test('OPENAI_LOG sets the level (read through the core’s settings); logLevel wins; a bad value is refused', () => {
    const saved = process.env.OPENAI_LOG;
    try {
      process.env.OPENAI_LOG = ' DEBUG ';
      assert.equal(new sdk.AdminClient({ adminAPIKey: KEY }).logLevel, 'debug');
      assert.equal(new sdk.AdminClient({ adminAPIKey: KEY, logLevel: 'error' }).logLevel, 'error');
      process.env.OPENAI_LOG = '';
      assert.equal(new sdk.AdminClient({ adminAPIKey: KEY }).logLevel, 'warn');
      const warned = [];
      process.env.OPENAI_LOG = 'loud';
      const logger = { debug() {}, info() {}, error() {}, warn: (m) => warned.push(m) };
      assert.equal(new sdk.AdminClient({ adminAPIKey: KEY, logger }).logLevel, 'warn');
      assert.equal(warned.length, 1);
      assert.throws(() => new sdk.AdminClient({ adminAPIKey: KEY, logLevel: 'loud' }), sdk.InvalidInputError);
    } finally {
      if (saved === undefined) delete process.env.OPENAI_LOG;
      else process.env.OPENAI_LOG = saved;
    }
  });

  test('an error message never holds the admin key, even when the server echoes it', async () => {
    await server.script({ steps: [{ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}`, type: 'invalid_request_error', code: 'invalid_api_key' } } }] });
    const err = await client().admin.organization.users.retrieve('user_1').catch((e) => e);
    assert.ok(err instanceof sdk.AuthenticationError);
    assert.ok(!err.message.includes(KEY), err.message);
    assert.ok(!String(err).includes(KEY));
  });

  test('the debug log of a service-account create redacts the new key', async () => {
    const lines = [];
    const logger = Object.fromEntries(['debug', 'info', 'warn', 'error'].map((l) => [l, (...args) => lines.push(inspect(args, { depth: 20 }))]));
    const body = { object: 'organization.project.service_account', id: 'svc_1', name: 's', role: 'member', created_at: 1, api_key: { object: 'organization.project.service_account.api_key', value: NEW_KEY, name: 'k', created_at: 1, id: 'key_2' } };
    await server.script({ steps: [{ status: 201, body }] });
    const r = await client({ logLevel: 'debug', logger }).admin.organization.projects.serviceAccounts.create('proj_1', { name: 's' });
    assert.equal(r.api_key.value, NEW_KEY);
    assert.ok(lines.join('\n').includes('svc_1'));
    assert.ok(!lines.join('\n').includes(NEW_KEY));
  });
});
