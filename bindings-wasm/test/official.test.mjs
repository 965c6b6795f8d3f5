// The habits of code written for the official `openai` package, run against Steady
// (OPENAI_ADMIN_MOCK_URL) with only the import changed: `withOptions`, the error classes as
// statics of the client class, page helpers, and the `openai-admin/resources/…` modules
// imported by the package's own name.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import OpenAI, * as root from 'openai-admin';
import * as userTypes from 'openai-admin/resources/admin/organization/users';
import { Users } from 'openai-admin/resources/admin/organization/users/users';
import { Roles as ProjectRoles } from 'openai-admin/resources/admin/organization/projects/roles.js';
import * as organization from 'openai-admin/resources/admin/organization';

import { fakeFetch } from './helpers.mjs';

const baseURL = process.env.OPENAI_ADMIN_MOCK_URL;
const skip = baseURL ? false : 'OPENAI_ADMIN_MOCK_URL is not set';

/** A fetch answering every request with one page of users, `has_more` until `pages`. */
function usersFetch(pages) {
  return fakeFetch((url) => {
    const after = new URL(url).searchParams.get('after');
    const n = after === null ? 0 : Number(after.slice(2));
    const data = [1, 2].map((i) => ({ object: 'organization.user', id: `u_${n + i}`, name: 'x', email: 'x@example.com', role: 'owner', added_at: 1 }));
    return { body: JSON.stringify({ object: 'list', data, first_id: data[0].id, last_id: data[1].id, has_more: n + 2 < pages * 2 }) };
  });
}

describe('client.withOptions', { skip }, () => {
  test('a new client with the overrides; the original is unchanged', async () => {
    const client = new OpenAI({ adminAPIKey: 'sk-admin-test', baseURL, maxRetries: 0, timeout: 30_000 });
    const copy = client.withOptions({ maxRetries: 5, timeout: 20_000 });
    assert.ok(copy instanceof OpenAI);
    assert.notEqual(copy, client);
    assert.equal(copy.maxRetries, 5);
    assert.equal(copy.timeout, 20_000);
    assert.equal(copy.baseURL, client.baseURL);
    assert.equal(client.maxRetries, 0);
    assert.equal(client.timeout, 30_000);
    assert.notEqual(copy.admin, client.admin);
    const page = await copy.admin.organization.users.list({ limit: 1 });
    assert.equal(page.data.length, 1);
  });

  test('keeps the key and the fetch, replaces headers, base URL and organization', async () => {
    const fetch = usersFetch(1);
    const client = new OpenAI({ adminAPIKey: 'sk-admin-kept', baseURL: 'http://one.test/v1', fetch, organization: 'org_1' });
    const copy = client.withOptions({ baseURL: 'http://two.test/v1', organization: 'org_2', defaultHeaders: { 'X-Team': 'blue' } });
    await copy.admin.organization.users.list();
    await client.admin.organization.users.list();
    assert.equal(fetch.calls.length, 2, 'both clients use the one fetch');
    const [viaCopy, viaOriginal] = fetch.calls;
    const h = new Headers(viaCopy.init.headers);
    assert.ok(viaCopy.url.startsWith('http://two.test/v1/organization/users'), viaCopy.url);
    assert.equal(h.get('authorization'), 'Bearer sk-admin-kept');
    assert.equal(h.get('openai-organization'), 'org_2');
    assert.equal(h.get('x-team'), 'blue');
    const h0 = new Headers(viaOriginal.init.headers);
    assert.ok(viaOriginal.url.startsWith('http://one.test/v1/'), viaOriginal.url);
    assert.equal(h0.get('openai-organization'), 'org_1');
    assert.equal(h0.get('x-team'), null);
  });

  test('a copy of a copy; bad overrides fail as the constructor does', () => {
    const client = new OpenAI({ adminAPIKey: 'k', baseURL });
    const twice = client.withOptions({ maxRetries: 1 }).withOptions({ timeout: 1234 });
    assert.equal(twice.maxRetries, 1);
    assert.equal(twice.timeout, 1234);
    assert.throws(() => client.withOptions({ maxRetries: -1 }), OpenAI.InvalidInputError);
  });

  test('the key is not shown when the client is inspected', async () => {
    const { inspect } = await import('node:util');
    const client = new OpenAI({ adminAPIKey: 'sk-admin-secret-123', baseURL }).withOptions({ maxRetries: 1 });
    assert.ok(!inspect(client, { depth: 5 }).includes('sk-admin-secret-123'));
    assert.ok(!Object.values(client).some((v) => String(v).includes('sk-admin-secret-123')));
  });
});

describe('error classes as statics of the client class', () => {
  const names = [
    'OpenAIError',
    'APIError',
    'APIConnectionError',
    'APIConnectionTimeoutError',
    'APIUserAbortError',
    'APIResponseValidationError',
    'BadRequestError',
    'AuthenticationError',
    'PermissionDeniedError',
    'NotFoundError',
    'ConflictError',
    'UnprocessableEntityError',
    'RateLimitError',
    'InternalServerError',
    'InvalidInputError',
  ];
  test('the same classes as the named exports', () => {
    for (const name of names) {
      assert.equal(typeof OpenAI[name], 'function', name);
      assert.equal(OpenAI[name], root[name], name);
    }
    assert.equal(OpenAI.OpenAI, OpenAI);
    assert.equal(OpenAI.DEFAULT_TIMEOUT, 600_000);
    assert.equal(root.OpenAI, OpenAI);
  });

  test('instanceof OpenAI.NotFoundError / OpenAI.APIError on a 404, with its fields', async () => {
    const body = JSON.stringify({ error: { message: 'No such user', type: 'invalid_request_error', param: 'user_id', code: 'not_found' } });
    const fetch = fakeFetch(() => ({ status: 404, body, headers: { 'x-request-id': 'req_404' } }));
    const client = new OpenAI({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch, maxRetries: 0 });
    try {
      await client.admin.organization.users.retrieve('user_missing');
      assert.fail('no error');
    } catch (err) {
      assert.ok(err instanceof OpenAI.NotFoundError);
      assert.ok(err instanceof OpenAI.APIError);
      assert.ok(err instanceof OpenAI.OpenAIError);
      assert.ok(!(err instanceof OpenAI.RateLimitError));
      assert.equal(err.status, 404);
      assert.equal(err.requestID, 'req_404');
      assert.equal(err.code, 'not_found');
      assert.equal(err.param, 'user_id');
      assert.equal(err.type, 'invalid_request_error');
      assert.deepEqual(err.error, { message: 'No such user', type: 'invalid_request_error', param: 'user_id', code: 'not_found' });
      assert.equal(err.headers.get('x-request-id'), 'req_404');
      assert.match(err.message, /^404 No such user/);
    }
  });

  test('Steady: a 400 is OpenAI.BadRequestError; a refused connection is OpenAI.APIConnectionError', { skip }, async () => {
    const client = new OpenAI({ adminAPIKey: 'k', baseURL, maxRetries: 0 });
    await assert.rejects(client.admin.organization.usage.costs({ start_time: 1, group_by: ['nope'] }), OpenAI.BadRequestError);
    const closed = client.withOptions({ baseURL: 'http://127.0.0.1:9/v1' });
    await assert.rejects(closed.admin.organization.users.list(), (e) => e instanceof OpenAI.APIConnectionError && !(e instanceof OpenAI.APIConnectionTimeoutError));
  });

  test('a timeout is OpenAI.APIConnectionTimeoutError; an abort OpenAI.APIUserAbortError', async () => {
    const hang = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const client = new OpenAI({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch: hang, maxRetries: 0 });
    await assert.rejects(client.withOptions({ timeout: 20 }).admin.organization.users.list(), OpenAI.APIConnectionTimeoutError);
    const controller = new AbortController();
    const pending = client.admin.organization.users.list({}, { signal: controller.signal });
    controller.abort();
    await assert.rejects(pending, OpenAI.APIUserAbortError);
  });

  test('a bad parameter is caught before sending: OpenAI.InvalidInputError', async () => {
    const fetch = usersFetch(1);
    const client = new OpenAI({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch });
    await assert.rejects(client.admin.organization.users.retrieve(''), OpenAI.InvalidInputError);
    assert.equal(fetch.calls.length, 0);
  });
});

describe('page helpers', { skip }, () => {
  test('Steady: data, has_more, hasNextPage, iterPages, for await', async () => {
    const client = new OpenAI({ adminAPIKey: 'k', baseURL, maxRetries: 0 });
    const page = await client.admin.organization.adminAPIKeys.list({ limit: 1 });
    assert.ok(Array.isArray(page.data));
    assert.equal(page.getPaginatedItems(), page.data);
    assert.equal(typeof page.has_more, 'boolean');
    assert.equal(typeof page.hasNextPage(), 'boolean');
    let pages = 0;
    for await (const p of page.iterPages()) {
      assert.ok(Array.isArray(p.data));
      if (++pages > 20) break;
    }
    assert.ok(pages >= 1 && pages <= 20, `${pages}`);
    const first = [];
    for await (const key of client.admin.organization.adminAPIKeys.list({ limit: 1 })) first.push(key.id);
    assert.ok(first.length >= 1);
  });

  test('getNextPage follows the cursor; the last page has none', async () => {
    const fetch = usersFetch(3);
    const client = new OpenAI({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch });
    let page = await client.admin.organization.users.list({ limit: 2 });
    const ids = page.data.map((u) => u.id);
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      ids.push(...page.data.map((u) => u.id));
    }
    assert.deepEqual(ids, ['u_1', 'u_2', 'u_3', 'u_4', 'u_5', 'u_6']);
    assert.equal(new URL(fetch.calls[2].url).searchParams.get('after'), 'u_4');
    assert.equal(new URL(fetch.calls[2].url).searchParams.get('limit'), '2');
    assert.throws(() => page.getNextPage(), OpenAI.OpenAIError);
  });

  test('withResponse and asResponse on a list', async () => {
    const client = new OpenAI({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1', fetch: usersFetch(1) });
    const { data: page, response } = await client.admin.organization.users.list().withResponse();
    assert.equal(response.status, 200);
    assert.equal(page.data.length, 2);
    const raw = await client.admin.organization.users.list().asResponse();
    assert.equal((await raw.json()).object, 'list');
  });
});

describe('the official modules, imported by the package name', () => {
  test('each module exports its resource class under the official name', () => {
    const client = new OpenAI({ adminAPIKey: 'k', baseURL: 'http://mock.test/v1' });
    assert.ok(client.admin.organization.users instanceof Users);
    assert.equal(userTypes.Users, Users);
    assert.ok(client.admin.organization.users.roles instanceof userTypes.Roles);
    assert.ok(client.admin.organization.projects.roles instanceof ProjectRoles);
    assert.ok(client.admin.organization.adminAPIKeys instanceof organization.AdminAPIKeys);
    assert.ok(client.admin.organization.projects instanceof organization.Projects);
  });

  test('types only at runtime: the modules export no other values', () => {
    assert.deepEqual(Object.keys(userTypes).sort(), ['Roles', 'Users']);
    assert.ok(!('OrganizationUser' in root), 'a type, not a value');
  });
});
