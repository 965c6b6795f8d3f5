// Side-by-side benchmarks: this package vs the official `openai` package (installed only here).
//   node bench.mjs PAYLOAD_DIR   (scripts/bench-js runs it; BENCH_ROUNDS=N rounds of large pages,
//   BENCH_PAGES_ONLY=1 for the large pages alone)
// Prints two Markdown tables: the large pages (one process per side and round, ratios with an
// interval over rounds), then the rest, where every ratio is ours ÷ official of the same unit
// (ms, req/s, MiB), with which direction is better named beside it.
import { execFileSync, fork, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';

import OpenAI from 'openai';

import { AdminClient, ready } from '../dist/index.js';
import { PAGES } from './pages-list.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const payloads = process.argv[2];
const work = join(pkg, '..', 'target', 'js-bench');
const quick = process.env.BENCH_QUICK === '1';

// The server runs in its own process, on its own core when BENCH_SERVER_CPU names one.
const serverCpu = process.env.BENCH_SERVER_CPU;
const server = serverCpu
  ? spawn('taskset', ['-c', serverCpu, process.execPath, join(here, 'server.mjs'), payloads], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
  : fork(join(here, 'server.mjs'), [payloads], { stdio: 'inherit' });
const port = await new Promise((r) => server.once('message', (m) => r(m.port)));
const base = (p) => `http://127.0.0.1:${port}/${p}/v1`;
const ours = (p) => new AdminClient({ adminAPIKey: 'sk-admin-bench', baseURL: base(p), maxRetries: 0 });
const official = (p) => new OpenAI({ adminAPIKey: 'sk-admin-bench', apiKey: 'unused', baseURL: base(p), maxRetries: 0 });
await ready();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** A 95% interval of the median of `xs`: percentile bootstrap, 10,000 resamples, fixed seed. */
function bootstrap(xs) {
  let seed = 0x9e3779b9;
  const random = () => {
    // mulberry32: a small seeded generator, so a run's interval can be computed again.
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const meds = [];
  for (let b = 0; b < 10000; b++) meds.push(median(xs.map(() => xs[Math.floor(random() * xs.length)])));
  meds.sort((a, b) => a - b);
  return [meds[249], meds[9749]];
}
/** Runs both sides alternately, `n` times each; returns the medians (ms). */
async function pair(n, a, b) {
  const ta = [];
  const tb = [];
  await a();
  await b();
  for (let i = 0; i < n; i++) {
    for (const [f, t] of i % 2 ? [[a, ta], [b, tb]] : [[b, tb], [a, ta]]) {
      const t0 = performance.now();
      await f();
      t.push(performance.now() - t0);
    }
  }
  return [median(ta), median(tb)];
}

const rows = [];
const row = (what, o, s, unit, better) => {
  rows.push({ what, o, s, unit, better });
  console.error(`${what}: ours ${o.toFixed(2)} ${unit}, official ${s.toFixed(2)} ${unit}`);
};

// 1. Large pages → JS objects, end to end over loopback HTTP. Each side runs in a fresh
// process of its own (pages.mjs loads only its package), in rounds: ours then official, then
// official then ours in the next round, and so on; the bare `fetch` reference and `JSON.parse`
// alone run in their own processes too. A round's figure for a side is the median of its
// calls; a page's ratio is taken round by round (ours ÷ official of the same round), and
// reported as the median over rounds with a 95% bootstrap interval and the rounds' range,
// for wall-clock time and for the CPU time of the client's process.
const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? 3 : 16));
const callsPerRound = quick ? 5 : 15;
const warmup = 3;
const loadBefore = loadavg();
/** One side's per-page medians (ms), `{ page: { wall, cpu } }`, in a fresh process. */
function side(name) {
  const r = spawnSync(process.execPath, [join(here, 'pages.mjs'), name, String(port), payloads, String(callsPerRound), String(warmup)], {
    cwd: here,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`pages.mjs ${name} failed (${r.status})`);
  return Object.fromEntries(Object.entries(JSON.parse(r.stdout)).map(([page, t]) => [page, { wall: median(t.wall), cpu: median(t.cpu) }]));
}
const perRound = [];
for (let i = 0; i < rounds; i++) {
  const order = i % 2 ? ['official', 'ours'] : ['ours', 'official'];
  const got = {};
  for (const s of [...order, 'fetch', 'parse']) got[s] = side(s);
  perRound.push(got);
  const ratio = (p, m) => (got.ours[p.name][m] / got.official[p.name][m]).toFixed(2);
  console.error(`round ${i + 1}/${rounds} (wall, cpu): ${PAGES.map((p) => `${p.name} ${ratio(p, 'wall')}×, ${ratio(p, 'cpu')}×`).join('; ')}`);
}
const loadAfter = loadavg();
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
const la = (l) => l.map((x) => x.toFixed(2)).join(', ');
console.log(
  `Large pages: ${rounds} rounds, each side in a fresh process per round (${warmup} warm-up calls, then ${callsPerRound} timed calls per large page and ${callsPerRound * 10} per small one); load average ${la(loadBefore)} before, ${la(loadAfter)} after.`,
);
for (const [m, title] of [
  ['wall', 'wall-clock time per call'],
  ['cpu', 'CPU time of the client process per call'],
]) {
  console.log(`\n${title}:\n`);
  console.log('| page → objects | openai-admin, ms | official, ms | ratio, median of rounds | 95% interval | rounds min–max | bare fetch + `JSON.parse`, ms | `JSON.parse` alone, ms |');
  console.log('|---|---:|---:|---:|---|---|---:|---:|');
  for (const p of PAGES) {
    const col = (s) => median(perRound.map((r) => r[s][p.name][m]));
    const ratios = perRound.map((r) => r.ours[p.name][m] / r.official[p.name][m]);
    const [lo, hi] = bootstrap(ratios);
    const bytes = readFileSync(join(payloads, p.file)).length;
    const size = bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} KB`;
    console.log(
      `| ${p.name} (${size}) | ${fmt(col('ours'))} | ${fmt(col('official'))} | ${median(ratios).toFixed(2)}× | ${lo.toFixed(2)}–${hi.toFixed(2)}× | ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}× | ${fmt(col('fetch'))} | ${fmt(col('parse'))} |`,
    );
  }
}
console.log('');
if (process.env.BENCH_PAGES_ONLY === '1') {
  server.kill();
  process.exit(0);
}

// 1b. The same with strictResponseValidation (the core type-checks every item first).
{
  const a = new AdminClient({ adminAPIKey: 'sk-admin-bench', baseURL: base('big'), maxRetries: 0, strictResponseValidation: true });
  const b = official('big');
  const [o, s] = await pair(quick ? 5 : 11, () => a.admin.organization.auditLogs.list(), () => b.admin.organization.auditLogs.list());
  row('page → objects: audit logs, 10,000 events, with `strictResponseValidation: true`', o, s, 'ms', 'lower');
}

// 2. Paging through 10,000 users, 100 per page (req/s).
{
  const walk = async (c) => {
    let n = 0;
    for await (const u of c.admin.organization.users.list({ limit: 100 })) n += u.id ? 1 : 0;
    if (n !== 10000) throw new Error(`walked ${n} users`);
  };
  const [o, s] = await pair(quick ? 2 : 7, () => walk(ours('page')), () => walk(official('page')));
  row('walk 10,000 users, 100 per page', 100 / (o / 1000), 100 / (s / 1000), 'req/s', 'higher');
}

// 3. Sequential small requests, keep-alive (req/s).
{
  const n = quick ? 200 : 2000;
  const a = ours('small');
  const b = official('small');
  const loop = async (c) => {
    for (let i = 0; i < n; i++) await c.admin.organization.users.retrieve('user-1');
  };
  const [o, s] = await pair(quick ? 2 : 5, () => loop(a), () => loop(b));
  row('sequential small requests, keep-alive', n / (o / 1000), n / (s / 1000), 'req/s', 'higher');
}
server.kill();

// 4. Cold import to a ready client (a fresh node process each time).
{
  const oursScript = `import { AdminClient, ready } from ${JSON.stringify(join(pkg, 'dist', 'index.js'))}; new AdminClient({ adminAPIKey: 'k' }); await ready();`;
  const officialScript = `import OpenAI from 'openai'; new OpenAI({ adminAPIKey: 'k', apiKey: 'k' });`;
  const time = (script) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: here });
    if (r.status !== 0) throw new Error(String(r.stderr));
    return performance.now() - t0;
  };
  const to = [];
  const ts = [];
  const tn = [];
  for (let i = 0; i < (quick ? 3 : 15); i++) {
    to.push(time(oursScript));
    ts.push(time(officialScript));
    tn.push(time(''));
  }
  row(`cold import to a ready client (node -e '' alone: ${median(tn).toFixed(0)} ms)`, median(to), median(ts), 'ms', 'lower');
}

// 5. Installed size: what `npm i` adds to node_modules.
const du = (dir) => {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? du(p) : statSync(p).size;
  }
  return total;
};
{
  const inst = join(work, 'install');
  rmSync(inst, { recursive: true, force: true });
  mkdirSync(join(inst, 'ours'), { recursive: true });
  mkdirSync(join(inst, 'official'), { recursive: true });
  const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', inst], { cwd: pkg, encoding: 'utf8' }).trim().split('\n').at(-1);
  const npmI = (dir, spec) => execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', '--prefix', dir, spec], { stdio: 'ignore' });
  npmI(join(inst, 'ours'), join(inst, tgz));
  npmI(join(inst, 'official'), 'openai@7.59.0');
  const mib = (b) => b / 1024 / 1024;
  row('installed size (du of node_modules after npm i)', mib(du(join(inst, 'ours', 'node_modules'))), mib(du(join(inst, 'official', 'node_modules'))), 'MiB', 'lower');
}

// 6. The wasm module.
const wasm = readFileSync(join(pkg, 'build', 'openai_admin.wasm'));
const wasmRaw = wasm.length / 1024;
const wasmGz = gzipSync(wasm, { level: 9 }).length / 1024;

console.log('| measurement | openai-admin | official `openai` 7.59.0 | ratio (ours ÷ official) |');
console.log('|---|---:|---:|---:|');
for (const r of rows) {
  const ratio = r.o / r.s;
  const note = r.better === 'lower' ? (ratio <= 1 ? 'better' : 'worse') : ratio >= 1 ? 'better' : 'worse';
  console.log(`| ${r.what} | ${fmt(r.o)} ${r.unit} | ${fmt(r.s)} ${r.unit} | ${ratio.toFixed(2)}× (${note}) |`);
}
console.log(`\nwasm core: ${wasmRaw.toFixed(0)} KiB raw, ${wasmGz.toFixed(0)} KiB gzipped (after wasm-opt -Oz).`);
