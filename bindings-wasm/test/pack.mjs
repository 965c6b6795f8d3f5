// The packed tarball as a user gets it: `npm pack`, installed into an empty project; imported
// by name in Node, type-checked by a consumer with `moduleResolution: nodenext`, and bundled by
// esbuild for the browser platform with no plugin (the bundle then runs against Steady).
//
//   OPENAI_ADMIN_MOCK_URL=http://127.0.0.1:PORT node test/pack.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { here } from './helpers.mjs';

const mock = process.env.OPENAI_ADMIN_MOCK_URL;
if (!mock) throw new Error('OPENAI_ADMIN_MOCK_URL is not set');
const pkg = join(here, '..');
const work = join(pkg, '..', 'target', 'js-pack');
const app = join(work, 'app');
rmSync(work, { recursive: true, force: true });
mkdirSync(app, { recursive: true });
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const tgz = run('npm', ['pack', '--silent', '--pack-destination', work], pkg).trim().split('\n').at(-1);
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
run('npm', ['install', '--no-audit', '--no-fund', '--silent', join(work, tgz)], app);

const script = `
import OpenAI, { AdminClient, NotFoundError } from 'openai-admin';
const client = new OpenAI({ adminAPIKey: 'sk-admin-pack', baseURL: ${JSON.stringify(mock)}, maxRetries: 0 });
if (!(client instanceof AdminClient) || typeof NotFoundError !== 'function') throw new Error('exports');
const page = await client.admin.organization.users.list({ limit: 1 });
console.log(JSON.stringify({ items: page.data.length }));
`;
writeFileSync(join(app, 'main.js'), script);
assert.deepEqual(JSON.parse(run(process.execPath, ['main.js'], app)), { items: 1 });

writeFileSync(
  join(app, 'usage.ts'),
  `import OpenAI, { type User } from 'openai-admin';
const client = new OpenAI({ adminAPIKey: 'k' });
export async function ids(): Promise<string[]> {
  const out: string[] = [];
  for await (const u of client.admin.organization.users.list()) out.push((u satisfies User).id);
  return out;
}
`,
);
run(join(pkg, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2022,dom,dom.iterable', 'usage.ts'], app);

// The official type modules: in the tarball, importable by subpath at runtime, and the file
// written against the official names type-checks with both nodenext and bundler resolution.
const installed = join(app, 'node_modules', 'openai-admin');
for (const f of ['resources/admin/organization/users.d.ts', 'resources/admin/organization/users/users.js', 'resources/admin/organization/projects/users/users.d.ts', 'generated/namespaces.d.ts']) {
  assert.ok(existsSync(join(installed, 'dist', f)), `the tarball has dist/${f}`);
}
writeFileSync(
  join(app, 'subpaths.js'),
  `import OpenAI from 'openai-admin';
import { Users } from 'openai-admin/resources/admin/organization/users';
import { Roles } from 'openai-admin/resources/admin/organization/projects/roles.js';
const client = new OpenAI({ adminAPIKey: 'k', baseURL: ${JSON.stringify(mock)} });
console.log(JSON.stringify([client.admin.organization.users instanceof Users, client.admin.organization.projects.roles instanceof Roles, typeof OpenAI.NotFoundError]));
`,
);
assert.deepEqual(JSON.parse(run(process.execPath, ['subpaths.js'], app)), [true, true, 'function']);
copyFileSync(join(here, 'official-usage.ts'), join(app, 'official-usage.ts'));
for (const [module, resolution] of [['nodenext', 'nodenext'], ['esnext', 'bundler']]) {
  run(join(pkg, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--strict', '--module', module, '--moduleResolution', resolution, '--target', 'es2022', '--lib', 'es2022,dom,dom.iterable', 'official-usage.ts'], app);
}

run(join(pkg, 'node_modules', '.bin', 'esbuild'), ['main.js', '--bundle', '--format=esm', '--platform=browser', '--target=es2022', '--outfile=bundle.js', '--log-level=warning'], app);
const bundle = readFileSync(join(app, 'bundle.js'), 'utf8');
assert.ok(!/from ["']node:/.test(bundle), 'the browser bundle imports no node: module');
assert.deepEqual(JSON.parse(run(process.execPath, ['bundle.js'], app)), { items: 1 });

// Bytes of the files (as npm's unpacked size counts), not disk blocks, which depend on the file system.
const size = Number(run('du', ['-sk', '--apparent-size', join(app, 'node_modules', 'openai-admin')], app).split('\t')[0]);
assert.ok(size <= 1024, `installed size ${size} KiB`);
console.log(`pack test: ok (${tgz}; installed ${size} KiB; imported by name and by subpath, typed with nodenext and bundler, bundled by esbuild)`);
