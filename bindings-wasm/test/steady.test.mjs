// The package against Steady (OPENAI_ADMIN_MOCK_URL): every operation, paging, raw
// responses, errors, abort and timeout, bad path ids, forward compatibility.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import * as sdk from '../dist/index.js';
import { call, cases, fakeFetch, method } from './helpers.mjs';

const baseURL = process.env.OPENAI_ADMIN_MOCK_URL;
const skip = baseURL ? false : 'OPENAI_ADMIN_MOCK_URL is not set';
const client = () => new sdk.AdminClient({ adminAPIKey: 'sk-admin-test', baseURL, maxRetries: 0 });

describe('every operation against Steady', { skip }, () => {
  test(`${cases.length} operations, required and all params`, async () => {
    const c0 = client();
    const failures = [];
    for (const c of cases) {
      for (const which of ['required', 'full']) {
        try {
          const { data, response } = await call(c0, c, c[which]).withResponse();
          const diag = response.headers.get('x-steady-error-count');
          if (diag !== '0') {
            failures.push(`${c.js} (${which}): ${diag} diagnostics: ${response.headers.get('x-steady-error-0-message')}`);
          }
          if (c.list) {
            assert.ok(Array.isArray(data.data), `${c.js}: page data`);
            assert.equal(typeof data.hasNextPage(), 'boolean');
          } else {
            assert.equal(typeof data, 'object');
          }
        } catch (e) {
          failures.push(`${c.js} (${which}): ${e}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(cases.length, 143);
  });
});

describe('paging', { skip }, () => {
  test('auto-paging stops on a repeated cursor (Steady repeats its page forever)', async () => {
    const items = [];
    for await (const key of client().admin.organization.adminAPIKeys.list({ limit: 1 })) items.push(key);
    assert.ok(items.length >= 1 && items.length < 10, `${items.length}`);
  });

  test('several pages: cursors from the core, items and pages iterated', async () => {
    const seen = [];
    const fetch = fakeFetch((url) => {
      seen.push(url);
      const after = new URL(url).searchParams.get('after');
      const n = after === null ? 0 : Number(after.slice(2));
      const data = [1, 2].map((i) => ({ object: 'organization.user', id: `u_${n + i}`, name: 'x', email: 'x@example.com', role: 'owner', added_at: 1 }));
      return { body: JSON.stringify({ object: 'list', data, first_id: data[0].id, last_id: data[1].id, has_more: n < 4 }) };
    });
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch });
    const ids = [];
    for await (const u of c.admin.organization.users.list({ limit: 2 })) ids.push(u.id);
    assert.deepEqual(ids, ['u_1', 'u_2', 'u_3', 'u_4', 'u_5', 'u_6']);
    assert.deepEqual(seen.slice(1), ['http://mock.test/v1/organization/users?limit=2&after=u_2', 'http://mock.test/v1/organization/users?limit=2&after=u_4']);

    const first = await c.admin.organization.users.list({ limit: 2 });
    assert.equal(first.has_more, true);
    assert.equal(first.last_id, 'u_2');
    assert.ok(first.hasNextPage());
    const second = await first.getNextPage();
    assert.deepEqual(second.data.map((u) => u.id), ['u_3', 'u_4']);
    let pages = 0;
    for await (const page of first.iterPages()) pages += page.data.length > 0 ? 1 : 0;
    assert.equal(pages, 3);
    const last = await (await second.getNextPage());
    assert.equal(last.hasNextPage(), false);
    assert.throws(() => last.getNextPage(), sdk.OpenAIError);
  });

  test('usage and costs pages (next_page)', async () => {
    const c = client();
    const page = await c.admin.organization.usage.costs({ start_time: 1700000000, group_by: ['project_id'], limit: 3 });
    assert.ok(Array.isArray(page.data));
    const buckets = [];
    for await (const b of c.admin.organization.usage.completions({ start_time: 1700000000 })) buckets.push(b);
    assert.ok(buckets.length >= 1);
  });
});

describe('raw responses', { skip }, () => {
  test('asResponse and withResponse', async () => {
    const c = client();
    const res = await c.admin.organization.projects.retrieve('proj_1').asResponse();
    assert.ok(res instanceof Response);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).object, 'organization.project');
    const { data, response, request_id } = await c.admin.organization.projects.retrieve('proj_1').withResponse();
    assert.equal(data.object, 'organization.project');
    assert.equal(response.status, 200);
    assert.equal(request_id, null);
  });

  test('request id from x-request-id', async () => {
    const fetch = fakeFetch(() => ({ body: '{"object":"organization.user","id":"u","name":"n","email":"e","role":"owner","added_at":1}', headers: { 'x-request-id': 'req_1' } }));
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch });
    const { request_id } = await c.admin.organization.users.retrieve('u').withResponse();
    assert.equal(request_id, 'req_1');
  });
});

describe('errors', { skip }, () => {
  test("Steady's own 400 and 404 (error as a string)", async () => {
    const c = client();
    await assert.rejects(c.admin.organization.users.list({ limit: 'abc' }), sdk.InvalidInputError);
    // A bad enum value passes the core (unknown values are allowed) and Steady rejects it.
    await assert.rejects(c.admin.organization.usage.costs({ start_time: 1, group_by: ['nope'] }), (e) => {
      assert.ok(e instanceof sdk.BadRequestError, `${e}`);
      assert.equal(e.status, 400);
      assert.equal(e.error, 'Validation failed');
      assert.ok(e.headers instanceof Headers);
      return true;
    });
    const lost = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: `${baseURL}/nothing`, maxRetries: 0 });
    await assert.rejects(lost.admin.organization.users.list(), sdk.NotFoundError);
  });

  const byStatus = [
    [400, sdk.BadRequestError],
    [401, sdk.AuthenticationError],
    [403, sdk.PermissionDeniedError],
    [404, sdk.NotFoundError],
    [409, sdk.ConflictError],
    [422, sdk.UnprocessableEntityError],
    [429, sdk.RateLimitError],
    [500, sdk.InternalServerError],
    [503, sdk.InternalServerError],
    [418, sdk.APIError],
  ];
  for (const [status, cls] of byStatus) {
    test(`${status} → ${cls.name}`, async () => {
      const body = JSON.stringify({ error: { message: 'nope', type: 'some_error', param: 'p', code: 'c' } });
      const fetch = fakeFetch(() => ({ status, body, headers: { 'x-request-id': `req_${status}` } }));
      const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch, maxRetries: 0 });
      await assert.rejects(c.admin.organization.users.retrieve('u'), (e) => {
        assert.equal(e.constructor, cls);
        assert.ok(e instanceof sdk.APIError);
        assert.equal(e.status, status);
        assert.equal(e.requestID, `req_${status}`);
        assert.deepEqual(e.error, { message: 'nope', type: 'some_error', param: 'p', code: 'c' });
        assert.equal(e.message, `${status} nope`);
        return true;
      });
    });
  }

  test('retries 429 and 5xx, then succeeds', async () => {
    const fetch = fakeFetch((_u, _i, n) =>
      n < 3 ? { status: n === 1 ? 429 : 503, body: '{}', headers: { 'retry-after-ms': '10' } } : { body: '{"object":"list","data":[],"has_more":false}' },
    );
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch, maxRetries: 2 });
    const page = await c.admin.organization.users.list();
    assert.equal(fetch.calls.length, 3);
    assert.deepEqual(page.data, []);
  });

  test('a create is not retried after a 500', async () => {
    const fetch = fakeFetch(() => ({ status: 500, body: '{}', headers: { 'retry-after-ms': '1' } }));
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch, maxRetries: 2 });
    await assert.rejects(c.admin.organization.invites.create({ email: 'a@example.com', role: 'reader' }), sdk.InternalServerError);
    assert.equal(fetch.calls.length, 1);
    const again = fakeFetch((_u, _i, n) => (n === 1 ? { status: 500, body: '{}', headers: { 'retry-after-ms': '1' } } : { body: '{"object":"organization.invite","id":"i","email":"a@example.com","role":"reader","status":"pending","created_at":1,"projects":[]}' }));
    const c2 = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch: again, retryNonIdempotent: true });
    const invite = await c2.admin.organization.invites.create({ email: 'a@example.com', role: 'reader' });
    assert.equal(invite.id, 'i');
    assert.equal(again.calls.length, 2);
  });

  test('connection refused → APIConnectionError', async () => {
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0 });
    await assert.rejects(c.admin.organization.users.list(), (e) => e instanceof sdk.APIConnectionError && !(e instanceof sdk.APIConnectionTimeoutError));
  });

  test('a 2xx body of the wrong shape → APIResponseValidationError', async () => {
    const fetch = fakeFetch(() => ({ body: '{"object":"list","data":"nope"}' }));
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch });
    await assert.rejects(c.admin.organization.users.list(), sdk.APIResponseValidationError);
  });
});

describe('abort and timeout', () => {
  const hang = () =>
    fakeFetch(
      (_u, init) =>
        new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );

  test('timeout → APIConnectionTimeoutError, after retries', async () => {
    const fetch = hang();
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch, timeout: 20, maxRetries: 1 });
    const t0 = Date.now();
    await assert.rejects(c.admin.organization.users.list(), sdk.APIConnectionTimeoutError);
    assert.equal(fetch.calls.length, 2);
    assert.ok(Date.now() - t0 < 5000);
  });

  test('per-request timeout and maxRetries', async () => {
    const fetch = hang();
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch });
    await assert.rejects(c.admin.organization.users.list({}, { timeout: 10, maxRetries: 0 }), sdk.APIConnectionTimeoutError);
    assert.equal(fetch.calls.length, 1);
  });

  test('signal → APIUserAbortError', async () => {
    const fetch = hang();
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch });
    const ac = new AbortController();
    const p = c.admin.organization.users.list({}, { signal: ac.signal });
    setTimeout(() => ac.abort(), 10);
    await assert.rejects(p, sdk.APIUserAbortError);
    const already = new AbortController();
    already.abort();
    await assert.rejects(c.admin.organization.projects.list({}, { signal: already.signal }), sdk.APIUserAbortError);
  });
});

describe('input checks before any request', () => {
  const fetch = fakeFetch(() => ({ body: '{}' }));
  const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch });
  for (const id of ['', '.', '..', '%2E', '%2e%2E']) {
    test(`path id ${JSON.stringify(id)}`, async () => {
      await assert.rejects(c.admin.organization.users.retrieve(id), (e) => e instanceof sdk.InvalidInputError && e.param === 'user_id');
      await assert.rejects(c.admin.organization.projects.users.retrieve('u', { project_id: id }), (e) => e.param === 'project_id');
    });
  }
  test('wrong types and unknown params', async () => {
    await assert.rejects(c.admin.organization.users.list({ limit: 'x' }), (e) => e.param === 'limit');
    await assert.rejects(c.admin.organization.users.list({ limt: 2 }), (e) => e.param === 'limt');
    await assert.rejects(c.admin.organization.invites.create({ role: 'reader' }), (e) => e.param === 'email');
    assert.equal(fetch.calls.length, 0);
  });
  test('ids with reserved characters stay in one segment', async () => {
    const f = fakeFetch(() => ({ body: '{"object":"organization.user","id":"a/b","name":"n","email":"e","role":"owner","added_at":1}' }));
    const c2 = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch: f });
    await c2.admin.organization.users.retrieve('a/b?c');
    assert.equal(f.calls[0].url, 'http://mock.test/v1/organization/users/a%2Fb%3Fc');
  });
});

describe('undefined and null in params', () => {
  test('undefined is not given; null clears a field that may be null', async () => {
    const f = fakeFetch(() => ({ body: '{"object":"organization.project","id":"p","name":"n","created_at":1,"status":"active"}' }));
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch: f });
    await c.admin.organization.projects.update('p', { name: 'n', external_key_id: undefined });
    await c.admin.organization.projects.update('p', { external_key_id: null, geography: undefined });
    assert.deepEqual(JSON.parse(f.calls[0].init.body), { name: 'n' });
    assert.deepEqual(JSON.parse(f.calls[1].init.body), { external_key_id: null });
  });
});

describe('forward compatibility', () => {
  test('unknown fields and enum values are kept', async () => {
    const body = '{"object":"organization.user","id":"u","name":"n","email":"e","role":"galactic_admin","added_at":1,"new_field":{"x":[1]}}';
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch: fakeFetch(() => ({ body })) });
    const u = await c.admin.organization.users.retrieve('u');
    assert.equal(u.role, 'galactic_admin');
    assert.deepEqual(u.new_field, { x: [1] });
  });
});

describe('client options', () => {
  test('OPENAI_ADMIN_KEY, headers, query, organization and project', async () => {
    process.env.OPENAI_ADMIN_KEY = 'sk-admin-env';
    const fetch = fakeFetch(() => ({ body: '{"object":"list","data":[],"has_more":false}' }));
    const c = new sdk.OpenAI({
      baseURL: 'http://mock.test/v1/',
      organization: 'org_1',
      project: 'proj_1',
      defaultHeaders: { 'x-extra': 'a' },
      defaultQuery: { trace: '1' },
      fetch,
    });
    await c.admin.organization.users.list({}, { headers: { 'x-per-call': 'b' }, query: { q: 'z' } });
    const { url, init } = fetch.calls[0];
    const h = new Headers(init.headers);
    assert.equal(h.get('authorization'), 'Bearer sk-admin-env');
    assert.equal(h.get('openai-organization'), 'org_1');
    assert.equal(h.get('openai-project'), 'proj_1');
    assert.equal(h.get('x-extra'), 'a');
    assert.equal(h.get('x-per-call'), 'b');
    assert.match(url, /^http:\/\/mock\.test\/v1\/organization\/users\?/);
    assert.match(url, /trace=1/);
    assert.match(url, /q=z/);
    assert.equal(h.get('user-agent'), 'openai-admin-js/0.1.0');

    // null leaves a header out: by default, or per request; a per-request value puts it back.
    const c2 = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', defaultHeaders: { 'User-Agent': null }, fetch });
    await c2.admin.organization.users.list({}, { headers: { 'OpenAI-Organization': null } });
    const h2 = new Headers(fetch.calls[1].init.headers);
    assert.equal(h2.get('user-agent'), null);
    assert.equal(h2.get('authorization'), 'Bearer k');
    await c2.admin.organization.users.list({}, { headers: { 'user-agent': 'mine' } });
    assert.equal(new Headers(fetch.calls[2].init.headers).get('user-agent'), 'mine');
    delete process.env.OPENAI_ADMIN_KEY;
    assert.throws(() => new sdk.AdminClient(), sdk.OpenAIError);
  });
});

describe('list items and strictResponseValidation', () => {
  const body = '{"object":"list","data":[{"object":"organization.user","id":"u1"},{"id":5}],"first_id":"u1","last_id":"u2","has_more":true}';
  test('by default the page is checked, its items are not (as the official SDK)', async () => {
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch: fakeFetch(() => ({ body })) });
    const page = await c.admin.organization.users.list();
    assert.equal(page.data.length, 2);
    assert.ok(page.hasNextPage());
  });
  test('strict: every item is type-checked in the core', async () => {
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch: fakeFetch(() => ({ body })), strictResponseValidation: true });
    await assert.rejects(c.admin.organization.users.list(), sdk.APIResponseValidationError);
  });
  test('a page of the wrong shape fails either way', async () => {
    const bad = '{"object":"list","data":[],"has_more":"yes"}';
    const c = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch: fakeFetch(() => ({ body: bad })) });
    await assert.rejects(c.admin.organization.users.list(), sdk.APIResponseValidationError);
    const c2 = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch: fakeFetch(() => ({ body: 'nope' })) });
    await assert.rejects(c2.admin.organization.users.list(), sdk.APIResponseValidationError);
  });
});
