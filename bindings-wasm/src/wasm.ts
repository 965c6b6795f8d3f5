// Loads the wasm core once, from bytes embedded in the package (gzipped, base64): no file
// access and no bundler step, the same in Node and in browsers.

import init, * as core from './wasm/openai_admin_wasm.js';
import wasmGzBase64 from './wasm/bytes.js';

export type Core = typeof core;

let loading: Promise<Core> | undefined;
let loaded: Core | undefined;

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function wasmBytes(): Promise<ArrayBuffer> {
  const gz = new Blob([fromBase64(wasmGzBase64) as unknown as BlobPart]).stream();
  return new Response(gz.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}

/** The core, once it is instantiated; `undefined` before. */
export function loadedCore(): Core | undefined {
  return loaded;
}

/** Instantiates the core (once) and returns it. Requests call it; calling it early saves their first wait. */
export function loadCore(): Promise<Core> {
  loading ??= wasmBytes()
    .then((module_or_path) => init({ module_or_path }))
    .then(() => (loaded = core));
  return loading;
}

/** Loads the wasm core now rather than at the first request (optional). */
export async function ready(): Promise<void> {
  await loadCore();
}
