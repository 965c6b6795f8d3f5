// The fault server (fault-server/, built by `cargo build -p fault-server`), started from a
// test: it prints its base URL on its first line and exits when its stdin closes.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { repo } from './helpers.mjs';

/** The fault-server binary (target/debug, or $CARGO_TARGET_DIR/debug). */
export function binary() {
  const target = process.env.CARGO_TARGET_DIR ?? join(repo, 'target');
  const path = join(target, 'debug', 'fault-server');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`cargo build -p fault-server\` first (scripts/test-js does)`);
  return path;
}

/** Starts a fault server: `{ url, script(s), log(), stop() }`. */
export async function startFaultServer() {
  const child = spawn(binary(), ['--exit-on-stdin-eof'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fault-server exited (${code}) before printing its URL`)));
    lines.once('line', (line) => resolve(line.trim()));
  });
  return {
    url,
    /** Replaces the script and clears the record. */
    async script(s) {
      const r = await fetch(`${url}/__faults/script`, { method: 'POST', body: JSON.stringify(s), headers: { 'content-type': 'application/json' } });
      if (!r.ok) throw new Error(`fault-server refused the script: ${r.status} ${await r.text()}`);
      await r.arrayBuffer().catch(() => {});
    },
    /** What it received since the last script: `[{n, method, target, path, query, headers, body, at_ms}]`. */
    async log() {
      const r = await fetch(`${url}/__faults/log`);
      return r.json();
    },
    stop() {
      child.stdin.end();
      child.kill();
    },
  };
}
