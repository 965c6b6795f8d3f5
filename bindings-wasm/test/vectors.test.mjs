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
    const p = client._call(c.sdk_method, null, undefined, c.params, undefined);
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
    const p = client._call(c.sdk_method, null, undefined, params, undefined);
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
    const decision = core.decide(
      {
        max_retries: c.max_retries ?? retry.policy.max_retries,
        retry_non_idempotent: c.retry_non_idempotent ?? retry.policy.retry_non_idempotent,
        idempotent: c.idempotent,
        retries_done: c.retries_done,
        jitter: c.jitter,
        now_ms: retry.now * 1000,
      },
      o.failure ? { outcome: o.failure } : { outcome: 'response', status: o.status, headers: Object.entries(o.headers ?? {}) },
    );
    if (c.expect === null) assert.deepEqual(decision, { action: 'stop' }, c.name);
    else {
      assert.equal(decision.action, 'retry', c.name);
      assert.ok(Math.abs(decision.after_ms / 1000 - c.expect) < 1e-6, `${c.name}: ${decision.after_ms} ms != ${c.expect} s`);
    }
  }
});

test('page sequences: the walk reads the parsed page', async () => {
  const core = await loadCore();
  const client = new core.Core({ api_key: 'k' });
  for (const c of pages.cases) {
    const next = client.walk(c.sdk_method, c.params).next(c.page);
    assert.deepEqual(next ?? null, c.next, c.name);
  }
});
