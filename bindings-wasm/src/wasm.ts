// Loads the wasm core once, from bytes embedded in the package (gzipped, base64): no file
// access and no bundler step, the same in Node and in browsers. The module instantiates it
// when it is first imported (top-level await), so a client's constructor can ask the core for
// its settings synchronously.

import init, * as core from './wasm/openai_admin_wasm.js';
import { __wbg_reset, initSync } from './wasm/openai_admin_wasm.js';
import wasmGzBase64 from './wasm/bytes.js';
import { OpenAIError, isErrorRecord } from './errors.js';

export type {
  ClientConfig,
  DefaultsOut,
  ErrorRecord,
  HttpRequestOut,
  OperationOut,
  Outcome,
  Pairs,
  RequestParams,
  RetryDecision,
  SettingsOut,
  Walk,
} from './wasm/openai_admin_wasm.js';

export type Core = typeof core;

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function wasmBytes(): Promise<ArrayBuffer> {
  const gz = new Blob([fromBase64(wasmGzBase64)]).stream();
  return new Response(gz.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}

/** The compiled module, kept to make a fresh instance after a trap. */
let compiled: WebAssembly.Module;

async function instantiate(): Promise<Core> {
  compiled = await WebAssembly.compile(await wasmBytes());
  await init({ module_or_path: compiled });
  return core;
}

/** The wasm core, instantiated. */
export const wasm: Core = await instantiate();

let generation = 0;

/**
 * How many times the instance has been replaced after a trap: objects the core made
 * (a client's settings, a walk) belong to one generation and are made again in the next.
 */
export function coreGeneration(): number {
  return generation;
}

/** Thrown when the core trapped: the call failed, and a fresh instance has replaced it. */
export class CoreFailureError extends OpenAIError {}

/**
 * Runs `f`, which calls into the core. What the core throws on purpose (an error record)
 * passes through. Anything else is a trap — a panic, a stack overflow, memory exhausted —
 * after which the instance cannot be trusted: it is replaced by a fresh one from the same
 * compiled module, and the call fails with a {@link CoreFailureError} (an `OpenAIError`).
 */
export function callCore<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isErrorRecord(e)) throw e;
    __wbg_reset();
    initSync({ module: compiled });
    generation++;
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    throw new CoreFailureError(`the openai-admin core failed (${what}); it has been restarted, and the call can be made again`, { cause: e });
  }
}

/** The core (kept for code written against earlier versions, where loading was lazy). */
export function loadCore(): Promise<Core> {
  return Promise.resolve(wasm);
}

/** Resolves once the wasm core is ready: it is by the time this package's import resolves. */
export async function ready(): Promise<void> {
  await loadCore();
}
