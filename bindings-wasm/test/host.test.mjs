// The driver as a thin layer over the core's host protocol: walks (cycles, page cap), error
// classes picked by the core's `class_js`, defaults and the environment from the core.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import * as sdk from '../dist/index.js';
import { fromCore } from '../dist/from-core.js';
import { wasm } from '../dist/wasm.js';
import { fakeFetch } from './helpers.mjs';

const base = 'http://mock.test/v1';
const user = (id) => ({ object: 'organization.user', id, name: 'n', email: 'e', role: 'owner', added_at: 1 });

/** A fetch answering users.list pages from `script`: cursor (null for the first page) → page. */
function scripted(script) {
  return fakeFetch((url) => {
    const after = new URL(url).searchParams.get('after');
    const page = script(after);
    return { body: JSON.stringify({ object: 'list', first_id: null, ...page }) };
  });
}

describe('walks', () => {
  test('a cursor cycle A → B → A stops', async () => {
    const next = { null: 'A', A: 'B', B: 'A' };
    const fetch = scripted((after) => ({ data: [user(`u_${after}`)], last_id: next[after], has_more: true }));
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch });
    const ids = [];
    for await (const u of c.admin.organization.users.list()) ids.push(u.id);
    // First page, then A, then B; B points back at A, which was already followed.
    assert.deepEqual(ids, ['u_null', 'u_A', 'u_B']);
    assert.deepEqual(
      fetch.calls.map((r) => new URL(r.url).searchParams.get('after')),
      [null, 'A', 'B'],
    );
  });

  test('a cycle back to the first request cursor stops too', async () => {
    const fetch = scripted((after) => ({ data: [user(`u_${after}`)], last_id: after === 'A' ? 'B' : 'A', has_more: true }));
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch });
    const ids = [];
    for await (const u of c.admin.organization.users.list({ after: 'A' })) ids.push(u.id);
    assert.deepEqual(ids, ['u_A', 'u_B']);
  });

  test('the page cap stops a walk that never ends', async () => {
    let n = 0;
    const fetch = scripted(() => ({ data: [user(`u_${++n}`)], last_id: `c_${n}`, has_more: true }));
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch, maxPages: 5 });
    assert.equal(c.maxPages, 5);
    const ids = [];
    for await (const u of c.admin.organization.users.list()) ids.push(u.id);
    assert.equal(ids.length, 5);
    assert.equal(fetch.calls.length, 5);
    // The default cap is the core's.
    assert.equal(new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch }).maxPages, wasm.defaults().max_pages);
  });

  test('a page walked on twice keeps its own cursors', async () => {
    const fetch = scripted((after) => {
      const n = after === null ? 0 : Number(after);
      return { data: [user(`u_${n}`)], last_id: String(n + 1), has_more: n < 2 };
    });
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch });
    const first = await c.admin.organization.users.list();
    const once = [];
    for await (const p of first.iterPages()) once.push(p.data[0].id);
    const twice = [];
    for await (const p of first.iterPages()) twice.push(p.data[0].id);
    assert.deepEqual(once, ['u_0', 'u_1', 'u_2']);
    assert.deepEqual(twice, once);
  });

  test('the last item id is the cursor where the core says so (admin API keys)', async () => {
    const fetch = fakeFetch((url) => {
      const after = new URL(url).searchParams.get('after');
      const data = after === null ? [{ object: 'organization.admin_api_key', id: 'key_a' }, { object: 'organization.admin_api_key', id: 'key_b' }] : [];
      return { body: JSON.stringify({ object: 'list', data, has_more: after === null }) };
    });
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch });
    const ids = [];
    for await (const k of c.admin.organization.adminAPIKeys.list()) ids.push(k.id);
    assert.deepEqual(ids, ['key_a', 'key_b']);
    assert.equal(new URL(fetch.calls[1].url).searchParams.get('after'), 'key_b');
  });
});

describe('errors by the core class name', () => {
  const body = { error: { message: 'nope', type: 'some_error', param: 'p', code: 'c' } };
  const statuses = [400, 401, 403, 404, 409, 422, 429, 500, 418];
  for (const status of statuses) {
    test(`${status}: the class the core names, with its fields`, async () => {
      const fetch = fakeFetch(() => ({ status, body: JSON.stringify(body), headers: { 'x-request-id': `req_${status}` } }));
      const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch, maxRetries: 0 });
      await assert.rejects(c.admin.organization.users.retrieve('u'), (e) => {
        let record;
        try {
          wasm.validate('admin.organization.users.retrieve', status, [['x-request-id', `req_${status}`]], JSON.stringify(body));
        } catch (r) {
          record = r;
        }
        assert.equal(e.constructor.name, record.class_js);
        assert.equal(e.constructor, sdk[record.class_js]);
        assert.deepEqual(
          { status: e.status, type: e.type, code: e.code, param: e.param, requestID: e.requestID },
          { status, type: 'some_error', code: 'c', param: 'p', requestID: `req_${status}` },
        );
        assert.deepEqual(e.error, body.error);
        return true;
      });
    });
  }

  test('every class_js record becomes its class', () => {
    const record = (class_js, extra = {}) => ({ kind: 'status', class_js, status: null, type: null, code: null, param: null, message: 'm', request_id: null, body_json: null, ...extra });
    assert.ok(fromCore(record('InvalidInputError', { kind: 'invalid_input', param: 'user_id' })) instanceof sdk.InvalidInputError);
    assert.equal(fromCore(record('InvalidInputError', { param: 'user_id' })).param, 'user_id');
    assert.ok(fromCore(record('APIResponseValidationError', { kind: 'decode', status: 200 })) instanceof sdk.APIResponseValidationError);
    const cause = new Error('refused');
    const conn = fromCore(wasm.failure(false, 'refused'), undefined, cause);
    assert.equal(conn.constructor, sdk.APIConnectionError);
    assert.equal(conn.cause, cause);
    assert.equal(fromCore(wasm.failure(true, '')).constructor, sdk.APIConnectionTimeoutError);
    const nf = fromCore(record('NotFoundError', { status: 404, request_id: 'r1', code: '7', body_json: '{"error":{"message":"gone"}}' }));
    assert.equal(nf.constructor, sdk.NotFoundError);
    assert.deepEqual([nf.status, nf.requestID, nf.code, nf.message], [404, 'r1', '7', '404 gone']);
    // A name this version does not know is still an OpenAIError.
    assert.ok(fromCore(record('SomeFutureError')) instanceof sdk.OpenAIError);
    // A class a later core may name becomes the base class of its kind, as the core names it.
    assert.equal(wasm.failure(true, '').base_class_js, 'APIConnectionTimeoutError');
    const future = fromCore(record('SomeFutureError', { status: 418, base_class_js: 'APIError' }));
    assert.deepEqual([future.constructor, future.status], [sdk.APIError, 418]);
    const later = fromCore(record('SomeFutureError', { kind: 'timeout', base_class_js: 'APIConnectionTimeoutError' }));
    assert.equal(later.constructor, sdk.APIConnectionTimeoutError);
  });

  test('an integer above 2^53 in an error body keeps status, class and request id', async () => {
    const text = '{"error":{"message":"too big","type":"invalid_request_error","code":12345678901234567890,"param":null},"seen":9007199254740993}';
    const fetch = fakeFetch(() => ({ status: 400, body: text, headers: { 'x-request-id': 'req_big' } }));
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch, maxRetries: 0 });
    await assert.rejects(c.admin.organization.users.list(), (e) => {
      assert.equal(e.constructor, sdk.BadRequestError, `${e}`);
      assert.equal(e.status, 400);
      assert.equal(e.requestID, 'req_big');
      assert.equal(e.code, '12345678901234567890');
      assert.equal(e.type, 'invalid_request_error');
      assert.equal(e.message, '400 too big');
      return true;
    });
  });
});

describe('defaults and the environment from the core', () => {
  const names = wasm.defaults().env;
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  const restore = () => {
    for (const n of names) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  };

  test('the defaults', () => {
    const d = wasm.defaults();
    for (const n of names) delete process.env[n];
    try {
      const c = new sdk.AdminClient({ adminAPIKey: 'k' });
      assert.deepEqual(
        [c.baseURL, c.timeout, c.maxRetries, c.maxPages, c.organization, c.project],
        [d.base_url, d.timeout_ms, d.max_retries, d.max_pages, null, null],
      );
      assert.throws(() => new sdk.AdminClient(), (e) => e instanceof sdk.InvalidInputError && e.message.includes(names[0]));
    } finally {
      restore();
    }
  });

  test('empty or blank environment values count as unset; set ones are read', () => {
    const [key, url, org, project] = names;
    try {
      process.env[key] = 'sk-admin-env';
      process.env[url] = '  ';
      process.env[org] = '';
      process.env[project] = 'proj_env';
      const c = new sdk.AdminClient();
      assert.equal(c.baseURL, wasm.defaults().base_url);
      assert.equal(c.organization, null);
      assert.equal(c.project, 'proj_env');
      process.env[url] = 'http://env.test/v1/';
      assert.equal(new sdk.AdminClient().baseURL, 'http://env.test/v1');
      // The caller's options win over the environment.
      assert.equal(new sdk.AdminClient({ baseURL: base, project: 'proj_opt' }).project, 'proj_opt');
    } finally {
      restore();
    }
  });

  test('retryNonIdempotent, maxResponseBytes, strictResponseValidation and logLevel are settled by the core', () => {
    for (const n of names) delete process.env[n];
    try {
      const d = wasm.defaults();
      const plain = new wasm.Core({ api_key: 'k' }).settings();
      assert.deepEqual(
        [plain.retry_non_idempotent, plain.max_response_bytes, plain.strict_response_validation, plain.log_level],
        [false, d.max_response_bytes, false, 'warn'],
      );
      const set = new wasm.Core({ api_key: 'k', retry_non_idempotent: true, max_response_bytes: 4096, strict_response_validation: true, log_level: 'off' }).settings();
      assert.deepEqual(
        [set.retry_non_idempotent, set.max_response_bytes, set.strict_response_validation, set.log_level],
        [true, 4096, true, 'off'],
      );
      const c = new sdk.AdminClient({ adminAPIKey: 'k', maxResponseBytes: 4096, logLevel: 'error' });
      assert.deepEqual([c.maxResponseBytes, c.logLevel], [4096, 'error']);
      assert.equal(new sdk.AdminClient({ adminAPIKey: 'k' }).maxResponseBytes, d.max_response_bytes);
      for (const [name, bad] of [['retryNonIdempotent', 'yes'], ['strictResponseValidation', 1], ['maxResponseBytes', -1], ['logLevel', 'loud']]) {
        assert.throws(() => new sdk.AdminClient({ adminAPIKey: 'k', [name]: bad }), (e) => e instanceof sdk.InvalidInputError && e.param === name, name);
      }
    } finally {
      restore();
    }
  });
});

describe('options reach the core', () => {
  const project = { object: 'organization.project', id: 'proj_1', name: 'p', created_at: 1, status: 'active' };
  /** A fetch that fails the first create with a 502 (retry in 1 ms), then answers it. */
  const flaky = () => fakeFetch((_url, _init, n) => (n === 1 ? { status: 502, body: '{}', headers: { 'retry-after-ms': '1' } } : { status: 201, body: JSON.stringify(project) }));

  test('a create is not sent again after a 502 by default, and is with retryNonIdempotent: true', async () => {
    const once = flaky();
    const err = await new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch: once }).admin.organization.projects.create({ name: 'p' }).catch((e) => e);
    assert.ok(err instanceof sdk.InternalServerError, String(err));
    assert.equal(once.calls.length, 1);
    const twice = flaky();
    const made = await new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch: twice, retryNonIdempotent: true }).admin.organization.projects.create({ name: 'p' });
    assert.equal(made.id, 'proj_1');
    assert.equal(twice.calls.length, 2);
    // A retrieve is idempotent: retried either way.
    const get = flaky();
    await new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch: get }).admin.organization.projects.retrieve('proj_1');
    assert.equal(get.calls.length, 2);
  });

  test('a body over maxResponseBytes is refused, one within it is read', async () => {
    const body = JSON.stringify(project);
    const answer = () => fakeFetch(() => ({ body: body + ' '.repeat(5000 - body.length) }));
    const small = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch: answer(), maxResponseBytes: 4999, maxRetries: 0 });
    const err = await small.admin.organization.projects.retrieve('proj_1').catch((e) => e);
    assert.ok(err instanceof sdk.APIResponseValidationError, String(err));
    assert.match(err.message, /4999/);
    const enough = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch: answer(), maxResponseBytes: 5000, maxRetries: 0 });
    assert.equal((await enough.admin.organization.projects.retrieve('proj_1')).id, 'proj_1');
  });

  test('strictResponseValidation: a list item of the wrong type is refused only when asked', async () => {
    const page = JSON.stringify({ object: 'list', data: [{ ...user('u_1'), added_at: 'yesterday' }], first_id: 'u_1', last_id: 'u_1', has_more: false });
    const fetch = fakeFetch(() => ({ body: page }));
    const lax = await new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch }).admin.organization.users.list();
    assert.equal(lax.data[0].added_at, 'yesterday');
    const strict = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch, strictResponseValidation: true });
    await assert.rejects(strict.admin.organization.users.list(), sdk.APIResponseValidationError);
  });
});

describe('as the official client', () => {
  test('adminAPIKey is the key sent, from the options or the environment, never in JSON', async () => {
    const c = new sdk.AdminClient({ adminAPIKey: 'sk-admin-given-0123', baseURL: base, fetch: fakeFetch(() => ({ body: '{}' })) });
    assert.equal(c.adminAPIKey, 'sk-admin-given-0123');
    assert.ok(!JSON.stringify(c).includes('sk-admin-given-0123'));
    const before = process.env.OPENAI_ADMIN_KEY;
    process.env.OPENAI_ADMIN_KEY = 'sk-admin-from-env-4567';
    try {
      assert.equal(new sdk.AdminClient({ baseURL: base }).adminAPIKey, 'sk-admin-from-env-4567');
    } finally {
      if (before === undefined) delete process.env.OPENAI_ADMIN_KEY;
      else process.env.OPENAI_ADMIN_KEY = before;
    }
  });

  test('nextPageRequestOptions: the next request\'s parameters, or null after the last page', async () => {
    const fetch = scripted((after) => (after === null ? { data: [user('u1')], last_id: 'u1', has_more: true } : { data: [user('u2')], last_id: 'u2', has_more: false }));
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch });
    const first = await c.admin.organization.users.list({ limit: 1 }, { timeout: 5000 });
    assert.deepEqual(first.nextPageRequestOptions(), { timeout: 5000, query: { limit: 1, after: 'u1' } });
    const last = await first.getNextPage();
    assert.equal(last.nextPageRequestOptions(), null);
  });

  for (const [name, value] of [['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['a function', () => 1], ['a symbol', Symbol('s')]]) {
    test(`a parameter holding ${name} is an InvalidInputError naming it, and nothing is sent`, async () => {
      let sent = 0;
      const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: base, fetch: fakeFetch(() => (sent++, { body: '{}' })) });
      const top = await c.admin.organization.users.list({ limit: value }).catch((e) => e);
      assert.ok(top instanceof sdk.InvalidInputError && top.param === 'limit', String(top));
      const nested = await c.admin.organization.projects.create({ name: 'p', meta: { deep: [value] } }).catch((e) => e);
      assert.ok(nested instanceof sdk.InvalidInputError && nested.param === 'meta', String(nested));
      assert.equal(sent, 0);
    });
  }
});
