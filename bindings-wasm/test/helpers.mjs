// Shared bits of the node:test suites.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, '..', '..');
export const readJSON = (path) => JSON.parse(readFileSync(path, 'utf8'));
export const cases = readJSON(join(here, 'generated', 'contract-cases.json')).cases;
export const byPython = new Map(cases.map((c) => [c.sdk_method, c]));

/** The bound method `client.admin.organization.…` for a JS SDK name. */
export function method(client, js) {
  const parts = js.split('.');
  let target = client;
  for (const p of parts.slice(0, -1)) target = target[p];
  return target[parts.at(-1)].bind(target);
}

/** Calls an operation the way the official SDK would: own id first, then params, then options. */
export function call(client, c, params, options) {
  const args = [];
  if (c.own_id) args.push('sample_id');
  if (c.has_params) args.push(params);
  args.push(options);
  return method(client, c.js)(...args);
}

/** A fetch that answers from a function of (url, init), recording the requests. */
export function fakeFetch(answer) {
  const calls = [];
  const f = async (url, init) => {
    calls.push({ url, init });
    const r = await answer(url, init, calls.length);
    if (r instanceof Response) return r;
    return new Response(r.body ?? '', { status: r.status ?? 200, headers: r.headers ?? { 'content-type': 'application/json' } });
  };
  f.calls = calls;
  return f;
}

/** Whether `actual` has every key of `expected` with equal values (arrays element by element). */
export function subset(actual, expected) {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.every((e, i) => subset(actual[i], e));
  }
  if (expected !== null && typeof expected === 'object') {
    return actual !== null && typeof actual === 'object' && Object.entries(expected).every(([k, v]) => subset(actual[k], v));
  }
  return Object.is(actual, expected);
}
