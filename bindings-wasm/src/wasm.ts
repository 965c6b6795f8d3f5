// Loads the wasm core once, from bytes embedded in the package (gzipped, base64): no file
// access and no bundler step, the same in Node and in browsers. The module instantiates it
// when it is first imported (top-level await), so a client's constructor can ask the core for
// its settings synchronously.

import init, * as core from './wasm/openai_admin_wasm.js';
import wasmGzBase64 from './wasm/bytes.js';

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

async function instantiate(): Promise<Core> {
  await init({ module_or_path: await wasmBytes() });
  return core;
}

/** The wasm core, instantiated. */
export const wasm: Core = await instantiate();

/** The core (kept for code written against earlier versions, where loading was lazy). */
export function loadCore(): Promise<Core> {
  return Promise.resolve(wasm);
}

/** Resolves once the wasm core is ready: it is by the time this package's import resolves. */
export async function ready(): Promise<void> {
  await loadCore();
}
