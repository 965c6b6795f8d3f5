// One side of the large-page comparison, in a process of its own (bench.mjs starts one per
// side and round), so that one package's garbage and JIT state never land on the other's clock.
//   node pages.mjs SIDE PORT PAYLOAD_DIR CALLS WARMUP
// SIDE is `ours` (this package), `official` (the `openai` package), `fetch` (bare `fetch` +
// `text()` + `JSON.parse`: the floor for any client) or `parse` (`JSON.parse` of the payload
// text alone, no HTTP). Only the package a side needs is imported. For every page it makes
// WARMUP untimed calls, then CALLS timed ones, and prints `{ page: { wall: [ms, …], cpu:
// [ms, …] }, … }` as JSON: per call the wall-clock time and the CPU time this process used
// (all its threads, the collector's included), which other processes on the machine do not
// inflate. BENCH_PAGE=TEXT keeps only the pages whose name contains TEXT (for profiling one:
// `node --cpu-prof pages.mjs …`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PAGES } from './pages-list.mjs';

const [side, port, payloads, callsArg, warmupArg] = process.argv.slice(2);
const calls = Number(callsArg);
const warmup = Number(warmupArg);
const base = (prefix) => `http://127.0.0.1:${port}/${prefix}/v1`;

/** A function making one call of `page` on this side, resolving once every item is a JS object. */
async function caller(page) {
  if (side === 'ours') {
    const { AdminClient } = await import('../dist/index.js');
    const client = new AdminClient({ adminAPIKey: 'sk-admin-bench', baseURL: base(page.prefix), maxRetries: 0 });
    return () => page.call(client);
  }
  if (side === 'official') {
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({ adminAPIKey: 'sk-admin-bench', apiKey: 'unused', baseURL: base(page.prefix), maxRetries: 0 });
    return () => page.call(client);
  }
  if (side === 'fetch') {
    const url = `${base(page.prefix)}${page.path}`;
    const headers = { authorization: 'Bearer sk-admin-bench' };
    return async () => JSON.parse(await (await fetch(url, { headers })).text());
  }
  if (side === 'parse') {
    const text = readFileSync(join(payloads, page.file), 'utf8');
    return async () => JSON.parse(text);
  }
  throw new Error(`unknown side ${side}`);
}

const out = {};
const only = process.env.BENCH_PAGE;
for (const page of PAGES.filter((p) => !only || p.name.includes(only))) {
  const call = await caller(page);
  const check = async () => {
    const p = await call();
    if (!p.data?.length) throw new Error(`${side}: ${page.name}: empty page`);
  };
  const n = page.small ? calls * 10 : calls;
  for (let i = 0; i < warmup; i++) await check();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await check();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  out[page.name] = { wall, cpu };
}
process.stdout.write(JSON.stringify(out));
