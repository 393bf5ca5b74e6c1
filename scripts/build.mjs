#!/usr/bin/env node
/**
 * Builds the Apps Script project into dist/:
 *   dist/Code.js         one IIFE bundle of src/gas/main.ts (global `__tonghop`) followed by one
 *                        top-level `function NAME() {…}` per export of main.ts — Apps Script only
 *                        finds callable functions (onOpen, menu handlers, triggers) declared at top level
 *   dist/appsscript.json the manifest
 *   dist/*.html          any src/gas/**\/*.html
 * Also runs scripts/build-cli.mjs (`buildCli()`) when that file exists.
 *
 * Apps Script loads all of Code.js on every menu click and trigger, so it is minified in two passes:
 * esbuild bundles (and simplifies syntax), then terser compresses and shortens local names but keeps
 * every function and class name (keep_fnames, keep_classnames). V8 takes stack-trace names from the
 * source, so Apps Script's stack traces stay readable without esbuild keepNames' __name() wrappers
 * (~13 KB, and one defineProperty per function at every load); tests/bundle checks the names in the
 * stack of a failing "Tổng hợp". Vietnamese stays UTF-8 (ascii_only: false), not \u escapes.
 *
 * Usage: node scripts/build.mjs            (or `npm run build`)
 *        node scripts/build.mjs --no-minify   (esbuild only, readable for debugging: ~340 KB, not ~205 KB)
 *        node scripts/build.mjs --gas-only --out DIR   (only the Apps Script files, into DIR; tests)
 *        import { buildGas } from './build.mjs'
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as acorn from 'acorn';
import * as esbuild from 'esbuild';
import { minify as terser } from 'terser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = path.join(ROOT, 'src/gas/main.ts');
const GLOBAL = '__tonghop';
const MAX_BYTES = 150 * 1024;

/** Things that cannot exist in Apps Script; finding one in the bundle fails the build. */
const FORBIDDEN = [
  { re: /\brequire\s*\(/, what: 'require(' },
  { re: /^\s*import[\s{*'"]/m, what: 'import statement' },
  { re: /\bimport\s*\(/, what: 'dynamic import(' },
  { re: /^\s*export\s/m, what: 'export statement' },
  { re: /\bprocess\./, what: 'process.' },
  { re: /\bBuffer\b/, what: 'Buffer' },
];

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Exports of the entry module, learned from an ESM build's metafile. */
async function entryExports() {
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    loader: { '.json': 'json' },
    metafile: true,
    write: false,
    outdir: 'out-esm',
    logLevel: 'silent',
  });
  const outputs = Object.values(result.metafile.outputs);
  const main = outputs.find((o) => o.entryPoint);
  if (!main) throw new Error('build: esbuild reported no entry output');
  return main.exports.filter((name) => name !== 'default');
}

function checkOutput(code) {
  const problems = [];
  for (const { re, what } of FORBIDDEN) {
    const m = re.exec(code);
    if (m) {
      const line = code.slice(0, m.index).split('\n').length;
      problems.push(`${what} (dòng ${line}: ${code.split('\n')[line - 1].trim().slice(0, 120)})`);
    }
  }
  return problems;
}

function findHtml(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findHtml(p));
    else if (entry.name.endsWith('.html')) out.push(p);
  }
  return out;
}

/**
 * `function name(…) {…}` declared directly in a function body (or the script) becomes
 * `var name = function name(…) {…};` at the top of that body. Same behaviour: declarations are
 * initialised in source order before the body runs, which is where they move to (declarations in
 * blocks are left alone). But the binding and the function's own name are now two symbols, so
 * terser shortens the binding at every call site and keeps the name stack traces show (~8 KB).
 */
export function declarationsToNamedExpressions(code) {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script' });
  const bodies = [];
  const visit = (node) => {
    if (node.type === 'Program') bodies.push({ range: node, body: node.body });
    else if (/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(node.type)) {
      if (node.body.type === 'BlockStatement') bodies.push({ range: node.body, body: node.body.body });
    }
    for (const [key, v] of Object.entries(node)) {
      if (key === 'type') continue;
      if (Array.isArray(v)) for (const c of v) if (c && typeof c.type === 'string') visit(c);
      if (v && typeof v.type === 'string') visit(v);
    }
  };
  visit(ast);
  // Edits: { at, end } deletes a declaration; { at, insert } puts the body's vars at `at`.
  const edits = [];
  for (const { range, body } of bodies) {
    const decls = body.filter((s) => s.type === 'FunctionDeclaration');
    if (!decls.length) continue;
    let i = 0;
    while (i < body.length && body[i].directive !== undefined) i++; // after "use strict"
    const at = i < body.length ? body[i].start : range.end - 1;
    const insert = () => `var ${decls.map((d) => `${d.id.name}=${render(d.start, d.end, true)}`).join(',')};`;
    edits.push({ at, insert });
    for (const d of decls) edits.push({ at: d.start, end: d.end });
  }
  edits.sort((a, b) => a.at - b.at || (a.insert ? -1 : 1)); // insert before deleting a first statement
  /** The code from start to end with the edits in it; `moved`: a declaration, without its own edits. */
  function render(start, end, moved = false) {
    let out = '';
    let cursor = start;
    for (const e of edits) {
      if (e.at < cursor || e.at >= end || (moved && e.at === start)) continue;
      out += code.slice(cursor, e.at);
      if (e.insert) {
        out += e.insert();
        cursor = e.at;
      } else cursor = e.end;
    }
    return out + code.slice(cursor, end);
  }
  return render(0, code.length);
}

/** Build dist/ for Apps Script. Returns { file, bytes, exports }. */
export async function buildGas({ outDir = path.join(ROOT, 'dist'), quiet = false, minify = true } = {}) {
  const exports = await entryExports();
  if (!exports.length) throw new Error('build: src/gas/main.ts exports nothing');
  for (const name of exports) if (!IDENT.test(name)) throw new Error(`build: bad export name ${name}`);

  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['module', 'main'],
    loader: { '.json': 'json' },
    // Names are never shortened by esbuild (terser does it, keeping function names), so no keepNames.
    minifySyntax: minify,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    outfile: path.join(outDir, 'Code.js'),
    logLevel: 'silent',
  });
  if (result.errors.length) throw new Error(result.errors.map((e) => e.text).join('\n'));
  let code = result.outputFiles[0].text;
  if (minify) {
    const min = await terser(declarationsToNamedExpressions(code), {
      ecma: 2020,
      compress: { ecma: 2020, keep_fnames: true, keep_classnames: true },
      mangle: { keep_fnames: true, keep_classnames: true }, // top level (`__tonghop`) is never renamed
      format: { comments: false, ascii_only: false }, // "ổ" is 3 bytes, "\u1ED5" 6
      keep_fnames: true,
      keep_classnames: true,
    });
    code = min.code;
  }
  // esbuild emits `var __tonghop = (() => {…})();` — a top-level var, which Apps Script keeps global.
  const stubs = exports.map((name) => `function ${name}() {\n  return ${GLOBAL}.${name}.apply(this, arguments);\n}\n`);
  code = `// Bản dựng tự động từ src/gas — không sửa trực tiếp (npm run build).\n${code}\n${stubs.join('')}`;

  const problems = checkOutput(code);
  if (problems.length)
    throw new Error(`build: dist/Code.js dùng thứ Apps Script không có:\n  ${problems.join('\n  ')}`);

  fs.mkdirSync(outDir, { recursive: true });
  // Replace files by rename, so a test or `clasp push` reading dist/ never sees half a file.
  const put = (name, write) => {
    const tmp = path.join(outDir, `.${name}.${process.pid}.tmp`);
    write(tmp);
    fs.renameSync(tmp, path.join(outDir, name));
  };
  put('Code.js', (tmp) => fs.writeFileSync(tmp, code));
  put('appsscript.json', (tmp) => fs.copyFileSync(path.join(ROOT, 'appsscript.json'), tmp));
  const html = findHtml(path.join(ROOT, 'src/gas'));
  const seen = new Set();
  for (const file of html) {
    const base = path.basename(file);
    if (seen.has(base)) throw new Error(`build: two HTML files named ${base} (Apps Script has no folders)`);
    seen.add(base);
    put(base, (tmp) => fs.copyFileSync(file, tmp));
  }
  for (const f of fs.readdirSync(outDir)) if (f.endsWith('.html') && !seen.has(f)) fs.rmSync(path.join(outDir, f));

  const bytes = Buffer.byteLength(code);
  if (!quiet) {
    console.log(
      `${path.relative(ROOT, path.join(outDir, 'Code.js'))} ${(bytes / 1024).toFixed(1)} KB, ${exports.length} hàm: ${exports.join(', ')}` +
        (html.length ? `; ${html.length} tệp HTML` : ''),
    );
  }
  if (bytes > MAX_BYTES && !quiet) {
    console.warn(
      `ghi chú: dist/Code.js lớn hơn ${MAX_BYTES / 1024} KB (mục tiêu ≤ ${MAX_BYTES / 1024} KB: mọi lần bấm menu, mọi trigger đều nạp cả tệp).`,
    );
  }
  return { file: path.join(outDir, 'Code.js'), bytes, exports };
}

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const out = argValue('--out');
  await buildGas({ minify: !process.argv.includes('--no-minify'), ...(out ? { outDir: path.resolve(out) } : {}) });
  if (process.argv.includes('--gas-only')) return;
  const cli = path.join(ROOT, 'scripts/build-cli.mjs');
  if (fs.existsSync(cli)) {
    const mod = await import(pathToFileURL(cli).href);
    if (typeof mod.buildCli === 'function') await mod.buildCli();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
