// Parses every Swift file under bindings-uniffi/swift (generated and hand-written) with
// tree-sitter-swift and fails on any syntax error, printing where. This is a syntax check
// only: no Swift toolchain runs on the machines that build the Rust, so nothing is type-checked.
//
//   node check.mjs [DIR]   (default: the Swift package, one level up)
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const Parser = require('tree-sitter');
const Swift = require('tree-sitter-swift');

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(process.argv[2] ?? join(here, '..'));
const skip = new Set(['node_modules', '.build', '.swiftpm', 'syntax-check']);

function* swiftFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* swiftFiles(path);
    else if (name.endsWith('.swift')) yield path;
  }
}

// The first few ERROR / MISSING nodes of a tree, with 1-based line:column.
function problems(node, out = []) {
  if (out.length >= 5) return out;
  if (node.type === 'ERROR' || node.isMissing) {
    const { row, column } = node.startPosition;
    const what = node.isMissing ? `missing ${node.type}` : 'syntax error';
    out.push(`${row + 1}:${column + 1}: ${what} near ${JSON.stringify(node.text.slice(0, 60))}`);
    return out;
  }
  if (!node.hasError) return out;
  for (const child of node.children) problems(child, out);
  return out;
}

// tree-sitter-swift 0.7 does not parse a `#if … #endif` block that wraps only an attribute
// inside a type (uniffi writes `#if swift(>=5.8) @_documentation(visibility: private) #endif`
// before many members). The directive lines are blanked (line numbers stay), so both branches
// are parsed as plain code; every other line is parsed as written.
const directive = /^[ \t]*#(if|elseif|else|endif)\b.*$/gm;

const parser = new Parser();
parser.setLanguage(Swift);
let files = 0;
let bad = 0;
let lines = 0;
for (const path of swiftFiles(root)) {
  const text = readFileSync(path, 'utf8').replace(directive, '');
  files += 1;
  lines += text.split('\n').length;
  // The default buffer of the node binding is too small for the generated file.
  const tree = parser.parse(text, null, { bufferSize: Math.max(1 << 16, text.length * 2) });
  if (tree.rootNode.hasError) {
    bad += 1;
    for (const p of problems(tree.rootNode)) console.error(`${relative(process.cwd(), path)}:${p}`);
  }
}
if (files === 0) {
  console.error(`check-swift: no .swift files under ${root}`);
  process.exit(1);
}
console.error(`check-swift: ${files - bad} of ${files} Swift files parse (${lines} lines)`);
process.exit(bad ? 1 : 0);
