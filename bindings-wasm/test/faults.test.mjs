// Every scenario of the shared fault table (tests/vectors/faults.json) against the fault
// server: attempts, waits within the jitter bounds, the error's class and fields, items
// paged (none lost or repeated), the resume cursor of a failed walk, and the path the
// server saw for hostile ids. The Rust runner is core/tests/faults.rs.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import * as sdk from '../dist/index.js';
import { wasm } from '../dist/wasm.js';
import { startFaultServer } from './faultserver.mjs';
import { readJSON, repo } from './helpers.mjs';

const table = readJSON(join(repo, 'tests', 'vectors', 'faults.json'));
const jsName = new Map(wasm.operations().map((o) => [o.sdk_method, o.sdk_method_js]));
/** The official Python class names the table gives where the JS SDK's differ (the table also gives `class_js` where it matters). */
const pythonToJs = { APITimeoutError: 'APIConnectionTimeoutError', APIStatusError: 'APIError' };
/** A runner allows 5 ms early and 350 ms late (README of tests/vectors). */
const EARLY_MS = 5;
const LATE_MS = 350;

/** Totals over the run, printed at the end for the report. */
export const figures = { scenarios: 0, faultsInjected: 0, faultsSurvived: 0, requests: 0, itemsPaged: 0, hostileIds: 0, hostileIdsRefused: 0 };

let server;
before(async () => {
  server = await startFaultServer();
});
after(() => {
  server?.stop();
  console.log(`# faults: ${JSON.stringify(figures)}`);
});

function client(overrides) {
  const settings = { ...table.client, ...overrides };
  return new sdk.AdminClient({
    adminAPIKey: table.admin_key,
    baseURL: server.url + table.base_path,
    maxRetries: settings.max_retries,
    timeout: settings.timeout_ms,
    maxResponseBytes: settings.max_response_bytes,
    maxPages: settings.max_pages,
    retryNonIdempotent: settings.retry_non_idempotent,
    logLevel: 'off',
  });
}

/** How many steps of a script are faults (anything but a plain 2xx answer or a page). */
function countFaults(script) {
  const isFault = (step) =>
    (step.status !== undefined && (step.status < 200 || step.status > 299)) ||
    ['reset', 'truncate', 'claim_length', 'malformed', 'html', 'huge', 'drip_ms', 'redirect', 'delay_ms'].some((k) => step[k] !== undefined);
  let n = 0;
  for (const step of script.steps ?? []) if (isFault(step)) n += step.times ?? 1;
  for (const step of Object.values(script.at ?? {})) if (isFault(step)) n += 1;
  return n;
}

/** Checks an error against the table's `expect.error` (fields as `host::describe` gives them). */
function checkError(err, expected) {
  assert.ok(err instanceof sdk.OpenAIError, `an error of the SDK's hierarchy, not ${err?.constructor?.name}: ${err}`);
  const cls = expected.class_js ?? (expected.class && (pythonToJs[expected.class] ?? expected.class));
  if (cls) assert.equal(err.constructor.name, cls, `class (${err.message})`);
  switch (expected.kind) {
    case 'invalid_input':
      assert.ok(err instanceof sdk.InvalidInputError);
      break;
    case 'status':
      assert.ok(err instanceof sdk.APIError && typeof err.status === 'number' && err.status >= 300);
      break;
    case 'decode':
      assert.ok(err instanceof sdk.APIResponseValidationError);
      break;
    case 'connection':
      assert.ok(err instanceof sdk.APIConnectionError && !(err instanceof sdk.APIConnectionTimeoutError));
      break;
    case 'timeout':
      assert.ok(err instanceof sdk.APIConnectionTimeoutError);
      break;
  }
  if ('status' in expected) assert.equal(err.status, expected.status, 'status');
  if ('type' in expected) assert.equal(err.type, expected.type, 'type');
  if ('code' in expected) assert.equal(err.code, expected.code, 'code');
  if ('param' in expected) assert.equal(err.param, expected.param, 'param');
  if ('request_id' in expected) assert.equal(err.requestID, expected.request_id, 'request id');
  if ('message' in expected) assert.ok(err.message.includes(expected.message), `message ${JSON.stringify(err.message)} has ${JSON.stringify(expected.message)}`);
}

function checkItems(ids, expected) {
  if ('count' in expected) assert.equal(ids.length, expected.count, 'items');
  if ('first' in expected) assert.equal(ids[0], expected.first, 'first item');
  if ('last' in expected) assert.equal(ids.at(-1), expected.last, 'last item');
  if (expected.ordered) {
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i] > ids[i - 1], `item ${i} (${ids[i]}) after ${ids[i - 1]}: none lost or repeated`);
  }
}

/** Runs the call; `{ result, error, ids }`. */
async function run(c, call, params) {
  const ids = [];
  try {
    if (call.walk === 'items') {
      for await (const item of c._list(call.sdk_method, null, undefined, params, undefined)) ids.push(item.id);
      return { ids };
    }
    return { result: await c._call(call.sdk_method, null, undefined, params, undefined), ids };
  } catch (error) {
    return { error, ids };
  }
}

describe('fault scenarios (tests/vectors/faults.json)', () => {
  for (const scenario of table.scenarios) {
    test(scenario.name, async () => {
      const { call, expect } = scenario;
      assert.ok(jsName.has(call.sdk_method), `${call.sdk_method} is an operation`);
      await server.script(scenario.script);
      const c = client(scenario.client);
      const { result, error, ids } = await run(c, call, call.params);
      const log = await server.log();
      figures.scenarios++;
      figures.faultsInjected += countFaults(scenario.script);
      // Survived: the call still succeeded (every fault before its success was retried past).
      if (!error) figures.faultsSurvived += countFaults(scenario.script);
      figures.requests += log.length;
      figures.itemsPaged += ids.length;

      assert.equal(log.length, expect.attempts, `attempts (${error ? error.message : 'ok'})`);
      // Every attempt is the same request, with the key.
      for (const r of log) {
        assert.equal(r.headers.authorization, `Bearer ${table.admin_key}`);
        if (call.walk !== 'items') {
          assert.equal(r.method, log[0].method);
          assert.equal(r.target, log[0].target);
          assert.equal(r.body, log[0].body);
        }
      }
      if (expect.waits) {
        assert.equal(expect.waits.length, log.length - 1);
        expect.waits.forEach(([low, high], i) => {
          const gap = log[i + 1].at_ms - log[i].at_ms;
          assert.ok(gap >= low * 1000 - EARLY_MS && gap <= high * 1000 + LATE_MS, `wait ${i + 1}: ${gap} ms, expected ${low * 1000}–${high * 1000} ms`);
        });
      }
      if (expect.paths) assert.deepEqual(log.map((r) => r.target), expect.paths);
      if (expect.error) {
        assert.ok(error, `expected an error, got ${JSON.stringify(result)?.slice(0, 200)}`);
        checkError(error, expect.error);
      } else if (error) {
        throw error;
      }
      if (expect.result) for (const [k, v] of Object.entries(expect.result)) assert.deepEqual(result[k], v, `result.${k}`);
      if (expect.items) checkItems(ids, expect.items);
      if ('resume_cursor' in expect) {
        assert.equal(error.resumeCursor, expect.resume_cursor, 'resume cursor');
        const { error: again, ids: rest } = await run(c, call, { ...call.params, after: error.resumeCursor });
        if (again) throw again;
        const all = await server.log();
        assert.equal(all.length - log.length, expect.resume.attempts, 'attempts of the resumed walk');
        checkItems(rest, expect.resume.items);
        const before = new Set(ids);
        assert.ok(rest.every((id) => !before.has(id)), 'no item in both parts');
        figures.itemsPaged += rest.length;
        figures.requests += all.length - log.length;
      }
    });
  }
});

describe('hostile ids (tests/vectors/faults.json)', () => {
  const { sdk_method, param, answer, cases } = table.hostile_ids;
  for (const h of cases) {
    test(h.name, async () => {
      await server.script({ otherwise: answer });
      const c = client({});
      const id = h.id_repeat ? h.id_repeat.text.repeat(h.id_repeat.times) : h.id;
      // Through the public method, as a caller writes it: `users.retrieve(id)`.
      const parts = jsName.get(sdk_method).split('.');
      let target = c;
      for (const p of parts.slice(0, -1)) target = target[p];
      let error;
      let result;
      try {
        result = await target[parts.at(-1)](id);
      } catch (e) {
        error = e;
      }
      const log = await server.log();
      figures.hostileIds++;
      if (h.expect.error) {
        assert.ok(error, 'refused before sending');
        checkError(error, h.expect.error);
        assert.equal(error.param, param);
        assert.equal(log.length, 0, 'nothing sent');
        figures.hostileIdsRefused++;
        return;
      }
      if (error) throw error;
      assert.equal(result.id, answer.body.id);
      const want = h.expect.path ?? h.expect.path_repeat.prefix + h.expect.path_repeat.text.repeat(h.expect.path_repeat.times);
      assert.equal(log.length, 1);
      assert.equal(log[0].target, want, 'the path the server saw');
    });
  }
});
