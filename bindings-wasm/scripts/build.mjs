// npm run build: the wasm core (cargo + wasm-bindgen + wasm-opt), embedded as base64,
// then the TypeScript driver (tsc) into dist/.
//
// Needs: the wasm32-unknown-unknown target, wasm-bindgen-cli 0.2.130 on PATH, and the
// dev dependencies (typescript, binaryen). scripts/build-js installs them, then runs this.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(pkg, '..');
const run = (cmd, args, cwd = pkg) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });
const bin = (name) => join(pkg, 'node_modules', '.bin', name);

run('cargo', ['build', '-p', 'openai-admin-wasm', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm-release'], root);
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const raw = join(targetDir, 'wasm32-unknown-unknown', 'wasm-release', 'openai_admin_wasm.wasm');

const build = join(pkg, 'build');
rmSync(build, { recursive: true, force: true });
mkdirSync(build, { recursive: true });
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', build, '--out-name', 'openai_admin_wasm', raw]);
run('wasm-bindgen', ['--target', 'web', '--out-dir', join(build, 'types'), '--out-name', 'openai_admin_wasm', raw]);
const opt = join(build, 'openai_admin_wasm.opt.wasm');
run(bin('wasm-opt'), [
  process.env.WASM_OPT_LEVEL ?? '-Oz',
  '--strip-debug',
  '--strip-producers',
  // The features rustc's wasm32-unknown-unknown target enables by default.
  '--enable-bulk-memory',
  '--enable-bulk-memory-opt',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-multivalue',
  '--enable-reference-types',
  join(build, 'openai_admin_wasm_bg.wasm'), '-o', opt]);

const out = join(pkg, 'src', 'wasm');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let glue = readFileSync(join(build, 'openai_admin_wasm.js'), 'utf8');
// The default `new URL('…_bg.wasm', import.meta.url)` would make bundlers look for a file
// we do not ship: the driver always passes the bytes.
const urlPattern = /new URL\('openai_admin_wasm_bg\.wasm', import\.meta\.url\)/g;
if (!urlPattern.test(glue)) throw new Error('wasm-bindgen glue: default URL not found');
glue = glue.replace(urlPattern, 'undefined');
// Restartable: after a trap (a panic, a stack overflow, out of memory) an instance is broken
// for good, so the driver makes a fresh one from the same compiled module (`__wbg_reset`,
// then `initSync`). The finalizers of objects made by the old instance must then never free
// their pointers in the new one: each registry remembers its instance's generation.
const finPattern = /const (\w+Finalization) = \(typeof FinalizationRegistry === 'undefined'\)\s*\? \{ register: \(\) => \{\}, unregister: \(\) => \{\} \}\s*: new FinalizationRegistry\(ptr => (wasm\.\w+)\(ptr, 1\)\);/g;
const registries = [];
glue = glue.replace(finPattern, (_m, name, free) => {
  registries.push([name, free]);
  return `let ${name} = __wbg_finalizer((ptr) => ${free}(ptr, 1));`;
});
if (registries.length === 0) throw new Error('wasm-bindgen glue: no finalization registries found');
if (!/^let wasmModule, wasmInstance, wasm;$/m.test(glue)) throw new Error('wasm-bindgen glue: instance variables not found');
glue =
  `let __wbg_generation = 0;
function __wbg_finalizer(free) {
    if (typeof FinalizationRegistry === 'undefined') return { register: () => {}, unregister: () => {} };
    const generation = __wbg_generation;
    return new FinalizationRegistry((ptr) => { if (generation === __wbg_generation) free(ptr); });
}
` +
  glue +
  `
/** Forgets the current instance (after a trap), so that \`initSync\` makes a new one. */
export function __wbg_reset() {
    wasm = undefined;
    wasmInstance = undefined;
    __wbg_init_promise = undefined;
    __wbg_generation++;
${registries.map(([name, free]) => `    ${name} = __wbg_finalizer((ptr) => ${free}(ptr, 1));`).join('\n')}
}
`;
writeFileSync(join(out, 'openai_admin_wasm.js'), glue);
// Drop `[Symbol.dispose]` from the declarations: it needs lib esnext in every consumer's tsconfig.
const dts = readFileSync(join(build, 'types', 'openai_admin_wasm.d.ts'), 'utf8');
writeFileSync(
  join(out, 'openai_admin_wasm.d.ts'),
  dts.replace(/^.*\[Symbol\.dispose\]\(\).*\n/gm, '') + '\n/** Forgets the current instance (after a trap), so that `initSync` makes a new one. */\nexport function __wbg_reset(): void;\n',
);
const wasm = readFileSync(opt);
// Gzipped then base64: a third of the raw size; the driver inflates it with DecompressionStream.
const packed = gzipSync(wasm, { level: 9 });
writeFileSync(
  join(out, 'bytes.js'),
  `// The wasm core: ${wasm.length} bytes, gzipped to ${packed.length}, in base64.\nexport default ${JSON.stringify(packed.toString('base64'))};\n`,
);
writeFileSync(join(out, 'bytes.d.ts'), 'declare const wasmBase64: string;\nexport default wasmBase64;\n');
writeFileSync(join(build, 'openai_admin.wasm'), wasm);

rmSync(join(pkg, 'dist'), { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.json']);
mkdirSync(join(pkg, 'dist', 'wasm'), { recursive: true });
for (const f of readdirSync(out)) copyFileSync(join(out, f), join(pkg, 'dist', 'wasm', f));
console.log(`openai-admin: wasm ${wasm.length} bytes after wasm-opt, ${packed.length} gzipped`);
