// What the client needs from its platform, and nothing of the API: the environment, a body
// read up to a cap, headers and query pairs, connection failures, and an abortable sleep.

import { APIUserAbortError } from './errors.js';
import type { Pairs, RequestParams } from './wasm.js';

/** The platform's own `fetch`, called late so that a test or polyfill can replace it. */
export const platformFetch = (input: string, init: RequestInit): Promise<Response> => globalThis.fetch(input, init);

/**
 * Whether `response`'s body is exactly its announced `content-length`, so that a length
 * within the cap bounds what `text()` reads: the platform's own fetch frames an HTTP/1.1 body
 * by that length, and a body without `content-encoding` is not inflated on the way. Only a
 * response whose headers are all visible counts: a cross-origin response in a browser hides
 * `content-encoding`, and a custom fetch may answer with any body.
 */
export function lengthIsExact(response: Response, platform: boolean): boolean {
  if (!platform || (response.type !== 'default' && response.type !== 'basic')) return false;
  const encoding = response.headers.get('content-encoding');
  return encoding === null || encoding.trim().toLowerCase() === 'identity';
}

/**
 * A body read up to a cap: its text, or `null` when it is larger. A body whose announced
 * length is within the cap and exact (`exact`, see {@link lengthIsExact}) is read by the
 * platform in one piece; any other is read chunk by chunk and given up once past the cap.
 */
export async function readCapped(response: Response, cap: number, signal: AbortSignal, exact: boolean): Promise<string | null> {
  const announced = response.headers.get('content-length');
  if (announced !== null && Number(announced) > cap) {
    await response.body?.cancel().catch(() => {});
    return null;
  }
  if (!response.body) return '';
  // The platform reads it as fast as `JSON.parse` can take it: no chunk loop in JS, one copy.
  if (exact && announced !== null) return await response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const onAbort = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > cap) {
        await reader.cancel().catch(() => {});
        return null;
      }
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (signal.aborted) throw signal.reason ?? new Error('aborted');
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** The values of the environment variables the core reads, where `process.env` exists. */
export function environment(names: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const proc: unknown = Reflect.get(globalThis, 'process');
  const vars: unknown = typeof proc === 'object' && proc !== null ? Reflect.get(proc, 'env') : undefined;
  if (typeof vars !== 'object' || vars === null) return out;
  for (const name of names) {
    const v: unknown = Reflect.get(vars, name);
    if (typeof v === 'string') out[name] = v;
  }
  return out;
}

export function isBrowser(): boolean {
  return typeof window !== 'undefined' && typeof window.document !== 'undefined' && typeof navigator !== 'undefined';
}

export function pairs(o: Record<string, unknown> | null | undefined): Pairs {
  const out: Pairs = [];
  if (o) for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out.push([k, String(v)]);
  return out;
}

/**
 * The parameters as the core reads them: `undefined` means "not given" and is left out (as
 * `JSON.stringify` does in the official SDK), while `null` is kept, so that a body field that
 * may be null can be cleared.
 */
export function given(params: object | undefined, idName: string | null, id: string | undefined): RequestParams {
  const p: RequestParams = {};
  if (params) for (const [k, v] of Object.entries(params)) if (v !== undefined) p[k] = v;
  if (idName !== null && id !== undefined) p[idName] = id;
  return p;
}

/** Lower-cased names whose value is `null`: headers to leave out, as in the official SDK. */
export function nulled(o: Record<string, unknown> | null | undefined): Set<string> {
  const out = new Set<string>();
  if (o) for (const [k, v] of Object.entries(o)) if (v === null) out.add(k.toLowerCase());
  return out;
}

/** Whether `fetch` failed before anything reached the server (Node's error codes). */
export function connectFailed(err: unknown): boolean {
  const cause: unknown = err instanceof Error ? err.cause : undefined;
  const code: unknown = typeof cause === 'object' && cause !== null ? Reflect.get(cause, 'code') : undefined;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

export function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new APIUserAbortError());
    const onAbort = () => {
      clearTimeout(t);
      reject(new APIUserAbortError());
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
