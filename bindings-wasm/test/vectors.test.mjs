// The shared vectors (tests/vectors/*.json), replayed through the JS package.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';

import * as sdk from '../dist/index.js';
import { loadCore } from '../dist/wasm.js';
import { byPython, fakeFetch, readJSON, repo, subset } from './helpers.mjs';

const dir = join(repo, 'tests', 'vectors');
const requests = readJSON(join(dir, 'requests.json'));
const responses = readJSON(join(dir, 'responses.json'));
const retry = readJSON(join(dir, 'retry.json'));
const pages = readJSON(join(dir, 'pages.json'));
const enc = new TextEncoder();

const classes = {
  not_found: sdk.NotFoundError,
  rate_limit: sdk.RateLimitError,
  internal_server: sdk.InternalServerError,
  bad_request: sdk.BadRequestError,
  authentication: sdk.AuthenticationError,
  permission_denied: sdk.PermissionDeniedError,
  conflict: sdk.ConflictError,
  unprocessable_entity: sdk.UnprocessableEntityError,
};

for (const c of requests.cases) {
  test(`requests: ${c.name}`, async () => {
    const fetch = fakeFetch(() => ({ body: '{}' }));
    const client = new sdk.AdminClient({ adminAPIKey: requests.api_key, baseURL: requests.base_url, fetch, maxRetries: 0 });
    const p = client._call(c.sdk_method, true, null, undefined, c.params, undefined);
    if (c.error) {
      await assert.rejects(p, (e) => {
        assert.ok(e instanceof sdk.InvalidInputError, `${e}`);
        assert.equal(e.param, c.error.param);
        return true;
      });
      assert.equal(fetch.calls.length, 0, 'no request may be sent');
      return;
    }
    await p.asResponse();
    const { url, init } = fetch.calls[0];
    assert.equal(init.method, c.expect.method);
    assert.equal(url, requests.base_url + c.expect.url);
    const body = init.body === undefined ? null : JSON.parse(init.body);
    assert.deepEqual(body, c.expect.body);
    const headers = new Headers(init.headers);
    assert.equal(headers.get('authorization'), `Bearer ${requests.api_key}`);
  });
}

for (const c of responses.cases) {
  test(`responses: ${c.name}`, async () => {
    const fetch = fakeFetch(() => ({ status: c.status, body: c.body, headers: c.headers ?? {} }));
    const client = new sdk.AdminClient({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch, maxRetries: 0 });
    const info = byPython.get(c.sdk_method);
    const params = { ...info.required };
    if (info.own_id) params[info.own_id] = 'sample_id';
    const p = client._call(c.sdk_method, true, null, undefined, params, undefined);
    if (!c.error) {
      const value = await p;
      assert.ok(subset(value, c.expect), JSON.stringify(value));
      return;
    }
    await assert.rejects(p, (e) => {
      if (c.error.kind === 'decode') {
        assert.ok(e instanceof sdk.APIResponseValidationError, `${e}`);
        return true;
      }
      assert.ok(e instanceof classes[c.error.status_kind], `${e?.constructor?.name}: ${e}`);
      assert.equal(e.status, c.error.status);
      if (c.error.message) assert.match(e.message, new RegExp(c.error.message));
      if (c.error.request_id) assert.equal(e.requestID, c.error.request_id);
      if (c.error.error_type) assert.equal(e.type, c.error.error_type);
      if (c.error.code) assert.equal(e.code, c.error.code);
      if (c.error.param) assert.equal(e.param, c.error.param);
      return true;
    });
  });
}

test('retry decisions', async () => {
  const core = await loadCore();
  for (const c of retry.cases) {
    const o = c.outcome;
    const wait = core.decide(
      c.max_retries ?? retry.policy.max_retries,
      c.retry_non_idempotent ?? retry.policy.retry_non_idempotent,
      c.idempotent,
      c.retries_done,
      o.failure ?? 'response',
      o.status ?? 0,
      Object.entries(o.headers ?? {}),
      c.jitter,
      retry.now * 1000,
    );
    if (c.expect === null) assert.ok(wait < 0, `${c.name}: ${wait}`);
    else assert.ok(Math.abs(wait - c.expect) < 1e-6, `${c.name}: ${wait} != ${c.expect}`);
  }
});

test('page sequences', async () => {
  const core = await loadCore();
  for (const c of pages.cases) {
    const next = core.check(c.sdk_method, 200, [], enc.encode(JSON.stringify(c.page)), c.params);
    assert.deepEqual(next, c.next, c.name);
  }
});
