#!/usr/bin/env node
/**
 * Builds the Apps Script project into dist/:
 *   dist/Code.js              the loader (global `__tonghop`), the menu code (EAGER) and one top-level
 *                             `function NAME() {…}` per export of src/gas/main.ts — Apps Script only finds
 *                             callable functions (onOpen, menu handlers, triggers) declared at top level
 *   dist/code-<group>.html    the code of one group of handlers (GROUPS below), read and evaluated by the
 *                             loader on the first call of one of them in an execution
 *   dist/appsscript.json      the manifest
 *   dist/*.html               any src/gas/**\/*.html (the settings sidebar)
 * Also runs scripts/build-cli.mjs (`buildCli()`) when that file exists.
 *
 * Apps Script loads and runs every .gs file on every menu click and trigger, but reads an HTML file
 * only when asked: so Code.js is a few KB and a click loads Code.js + its own group's file. Each file is
 * minified in two passes: esbuild bundles (and simplifies syntax), then terser compresses and shortens
 * local names but keeps every function and class name (keep_fnames, keep_classnames). V8 takes
 * stack-trace names from the source, so Apps Script's stack traces stay readable without esbuild
 * keepNames' __name() wrappers (~13 KB, and one defineProperty per function at every load);
 * tests/bundle checks the names in the stack of a failing "Tổng hợp". Vietnamese stays UTF-8
 * (ascii_only: false), not \u escapes.
 *
 * Usage: node scripts/build.mjs            (or `npm run build`)
 *        node scripts/build.mjs --no-minify   (esbuild only, readable for debugging)
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

/**
 * The code Apps Script runs at every execution is dist/Code.js (and every other .gs of the project);
 * HTML files are read only when asked for. So Code.js holds only what the menu needs (EAGER), and each
 * menu item / trigger handler's code is in one group file, dist/<FILE_PREFIX><group>.html, read and
 * evaluated on the first call to one of its functions. Every export of src/gas/main.ts is in EAGER or
 * in exactly one group (the build fails otherwise). A group should be what one click needs, no more.
 */
export const EAGER = ['onOpen', 'onInstall'];
export const GROUPS = {
  setup: ['setupSheets'],
  templates: ['createTemplates'],
  check: ['checkData'],
  submit: ['submitMonth', 'unlockMonth'],
  aggregate: ['aggregateReports', 'resumeAggregate'],
  // The e-mail feature is three groups, as no click needs another's code: the report job, the daily
  // reminders, and the menu's switch on/off.
  email: ['monthlyReportJob', 'resumeReportJob', 'sendReportNow'],
  reminders: ['sendReminders'],
  schedule: ['enableMonthlyEmail', 'disableMonthlyEmail'],
  settings: ['showSettings', 'getSettingsForSidebar', 'saveSettingsFromSidebar'],
};
/** Group files are named code-<group>.html ("code-aggregate" in the Apps Script editor). */
export const FILE_PREFIX = 'code-';
const EAGER_ID = 'main';

/** Every export in EAGER or exactly one group, every listed name exported: else a clear error. */
export function checkGroups(exports, groups = GROUPS, eager = EAGER) {
  const where = new Map();
  const problems = [];
  const lists = [[EAGER_ID, eager], ...Object.entries(groups)];
  for (const [group, names] of lists) {
    if (!IDENT.test(group) || (group === EAGER_ID && names !== eager)) problems.push(`bad group name ${group}`);
    for (const name of names) {
      if (where.has(name)) problems.push(`${name} is in two groups: ${where.get(name)} and ${group}`);
      else where.set(name, group);
      if (!exports.includes(name)) problems.push(`${name} (group ${group}) is not exported by src/gas/main.ts`);
    }
  }
  for (const name of exports)
    if (!where.has(name))
      problems.push(`${name} (export of src/gas/main.ts) is in no group: add it to GROUPS or EAGER`);
  if (problems.length) throw new Error(`build: scripts/build.mjs GROUPS:\n  ${problems.join('\n  ')}`);
}

/**
 * One ESM bundle per group (and one for EAGER), each tree-shaken from its own entry
 * `export { a, b } from 'src/gas/main.ts'`. Not esbuild's `splitting`: it assigns whole source files to
 * chunks, and main.ts, actions.ts and email/index.ts import nearly everything, so every group would get
 * one shared ~390 KB chunk. Code used by two groups is thus in both files (each loads on its own).
 */
async function bundleGroups(lists, minify) {
  const result = await esbuild.build({
    entryPoints: Object.keys(lists).map((id) => ({ in: `group:${id}`, out: id })),
    plugins: [
      {
        name: 'group-entries',
        setup(b) {
          b.onResolve({ filter: /^group:/ }, (a) => ({ path: a.path.slice(6), namespace: 'group' }));
          b.onLoad({ filter: /.*/, namespace: 'group' }, (a) => ({
            contents: `export { ${lists[a.path].join(', ')} } from ${JSON.stringify(ENTRY)};`,
            resolveDir: ROOT,
            loader: 'ts',
          }));
        },
      },
      {
        // Our sources have no import-time side effects that matter (tests/bundle runs every group), so a
        // module none of whose exports a group uses is dropped whole, with what only it imports: without
        // this, top-level `const X = z.object(…)`, Maps and tables ride along into every group (and
        // Code.js: ~40 KB instead of ~2 KB).
        name: 'sources-without-side-effects',
        setup(b) {
          const src = path.join(ROOT, 'src') + path.sep;
          b.onResolve({ filter: /^\./ }, async (a) => {
            if (a.pluginData === 'inner' || !a.importer.startsWith(src)) return undefined;
            const r = await b.resolve(a.path, {
              kind: a.kind,
              importer: a.importer,
              resolveDir: a.resolveDir,
              pluginData: 'inner',
            });
            if (r.errors.length || !r.path.startsWith(src)) return r;
            return { ...r, sideEffects: false };
          });
        },
      },
    ],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['module', 'main'],
    loader: { '.json': 'json' },
    // Names are never shortened by esbuild (terser does it, keeping function names), so no keepNames.
    minifySyntax: minify,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    outdir: path.join(ROOT, 'out-groups'),
    logLevel: 'silent',
  });
  if (result.errors.length) throw new Error(result.errors.map((e) => e.text).join('\n'));
  const out = {};
  for (const f of result.outputFiles) out[path.basename(f.path, '.js')] = f.text;
  return out;
}

/**
 * An ESM bundle → `__tonghop.def(id, function () { …code…; return { exported: local, … }; });`.
 * esbuild's output of a bundle has only `export { a as b, … }` at top level (no imports): anything
 * else fails the build. The exports object is made once the module has run, so an exported `let`/`var`
 * assigned later would be seen stale by the stubs: that fails the build too (our exports are functions).
 */
export function esmToModule(id, code) {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const pairs = [];
  const cuts = [];
  const declared = new Map();
  for (const node of ast.body) {
    if (node.type === 'ExportNamedDeclaration' && !node.declaration && !node.source) {
      for (const s of node.specifiers) pairs.push([s.exported.name ?? s.exported.value, s.local.name]);
      cuts.push(node);
    } else if (/^(Import|Export)/.test(node.type)) {
      throw new Error(
        `build: ${id}: unexpected ${node.type} in esbuild output: ${code.slice(node.start, node.start + 80)}`,
      );
    } else if (node.type === 'VariableDeclaration') {
      for (const d of node.declarations) if (d.id.type === 'Identifier') declared.set(d.id.name, node.kind);
    }
  }
  const exported = new Set(pairs.map(([, local]) => local));
  const assigned = new Set();
  const visit = (node) => {
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier') assigned.add(node.left.name);
    if (node.type === 'UpdateExpression' && node.argument.type === 'Identifier') assigned.add(node.argument.name);
    for (const [key, v] of Object.entries(node)) {
      if (key === 'type') continue;
      if (Array.isArray(v)) for (const c of v) if (c && typeof c.type === 'string') visit(c);
      if (v && typeof v.type === 'string') visit(v);
    }
  };
  visit(ast);
  for (const name of exported) {
    const kind = declared.get(name);
    if ((kind === 'let' || kind === 'var') && assigned.has(name))
      throw new Error(`build: ${id}: exported ${kind} ${name} is reassigned; the loader copies exports once`);
  }
  let body = '';
  let cursor = 0;
  for (const c of cuts) {
    body += code.slice(cursor, c.start);
    cursor = c.end;
  }
  body += code.slice(cursor);
  const ret = pairs.map(([name, local]) => `${JSON.stringify(name)}: ${local}`).join(', ');
  return `${GLOBAL}.def(${JSON.stringify(id)}, function () {\n${body}\nreturn { ${ret} };\n});\n`;
}

/**
 * The registry and loader at the top of Code.js. def(id, fn) registers a module once; req(id) runs it
 * once and returns its exports; load(group) reads dist/code-<group>.html once per execution (the
 * template's raw content: no scriptlet is evaluated), evaluates it in the global scope and returns
 * the group's exports. A missing or broken file: the detail to the log, a Vietnamese message to the user.
 */
function loaderSource(message) {
  return `var ${GLOBAL} = (function () {
  var defs = {}, done = {};
  function def(id, fn) {
    if (!(id in defs)) defs[id] = fn;
  }
  function req(id) {
    if (!(id in done)) {
      if (!(id in defs)) throw new Error("${GLOBAL}: no module " + id);
      done[id] = defs[id]();
    }
    return done[id];
  }
  function load(group) {
    if (group in done) return done[group];
    var file = ${JSON.stringify(FILE_PREFIX)} + group;
    try {
      if (!(group in defs)) {
        var text = HtmlService.createTemplateFromFile(file).getRawContent();
        (0, eval)(text + "\\n//# sourceURL=" + file + ".html");
      }
      return req(group);
    } catch (e) {
      console.error(file + ": " + (e && e.stack ? e.stack : e));
      throw new Error(${JSON.stringify(message)}.split("\\u0000").join(file));
    }
  }
  return { def: def, req: req, load: load };
})();
`;
}

async function minifyScript(code) {
  const min = await terser(declarationsToNamedExpressions(code), {
    ecma: 2020,
    compress: { ecma: 2020, keep_fnames: true, keep_classnames: true },
    mangle: { keep_fnames: true, keep_classnames: true }, // top level (`__tonghop`) is never renamed
    format: { comments: false, ascii_only: false }, // "ổ" is 3 bytes, "\u1ED5" 6
    keep_fnames: true,
    keep_classnames: true,
  });
  return min.code;
}

/** LOADER.failed of src/messages/vi/gas.ts with "\u0000" where the file name goes. */
async function loaderMessage() {
  const r = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/messages/vi/gas.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(r.outputFiles[0].text).toString('base64')}`);
  const text = mod.LOADER?.failed?.('\u0000');
  if (typeof text !== 'string' || !text.includes('\u0000'))
    throw new Error('build: src/messages/vi/gas.ts has no LOADER.failed(file)');
  return text;
}

/** Build dist/ for Apps Script. Returns { file, bytes, exports, groups: { name: { file, bytes } } }. */
export async function buildGas({ outDir = path.join(ROOT, 'dist'), quiet = false, minify = true } = {}) {
  const exports = await entryExports();
  if (!exports.length) throw new Error('build: src/gas/main.ts exports nothing');
  for (const name of exports) if (!IDENT.test(name)) throw new Error(`build: bad export name ${name}`);
  checkGroups(exports);

  const bundles = await bundleGroups({ [EAGER_ID]: EAGER, ...GROUPS }, minify);
  const finish = minify ? minifyScript : async (c) => c;
  const modules = {};
  for (const [id, esm] of Object.entries(bundles)) modules[id] = await finish(esmToModule(id, esm));

  const loader = await finish(loaderSource(await loaderMessage()));
  const eagerStubs = EAGER.map(
    (name) => `function ${name}() {\n  return ${GLOBAL}.req("${EAGER_ID}").${name}.apply(this, arguments);\n}\n`,
  );
  const lazyStubs = Object.entries(GROUPS).flatMap(([group, names]) =>
    names.map(
      (name) => `function ${name}() {\n  return ${GLOBAL}.load("${group}").${name}.apply(this, arguments);\n}\n`,
    ),
  );
  const header = '// Bản dựng tự động từ src/gas — không sửa trực tiếp (npm run build).\n';
  const code = `${header}${loader}\n${modules[EAGER_ID]}\n${eagerStubs.join('')}${lazyStubs.join('')}`;
  const groupFiles = Object.fromEntries(
    Object.keys(GROUPS).map((group) => [`${FILE_PREFIX}${group}.html`, `${header}${modules[group]}`]),
  );

  const problems = [];
  for (const [name, text] of [['Code.js', code], ...Object.entries(groupFiles)]) {
    for (const p of checkOutput(text)) problems.push(`${name}: ${p}`);
    // Apps Script parses an HTML file as a template: no scriptlet marker may appear in the code.
    if (name.endsWith('.html') && /<\?/.test(text)) problems.push(`${name}: "<?" (a template scriptlet)`);
  }
  if (problems.length) throw new Error(`build: dist/ dùng thứ Apps Script không có:\n  ${problems.join('\n  ')}`);

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
    if (seen.has(base) || base.startsWith(FILE_PREFIX))
      throw new Error(`build: HTML file ${base}: two of that name, or named like a code file (${FILE_PREFIX}…)`);
    seen.add(base);
    put(base, (tmp) => fs.copyFileSync(file, tmp));
  }
  for (const [name, text] of Object.entries(groupFiles)) {
    seen.add(name);
    put(name, (tmp) => fs.writeFileSync(tmp, text));
  }
  for (const f of fs.readdirSync(outDir)) if (f.endsWith('.html') && !seen.has(f)) fs.rmSync(path.join(outDir, f));

  const bytes = Buffer.byteLength(code);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const groups = {};
  for (const group of Object.keys(GROUPS)) {
    const name = `${FILE_PREFIX}${group}.html`;
    groups[group] = {
      file: path.join(outDir, name),
      bytes: Buffer.byteLength(groupFiles[name]),
      exports: GROUPS[group],
    };
  }
  if (!quiet) {
    console.log(
      `${path.relative(ROOT, path.join(outDir, 'Code.js'))} ${kb(bytes)}, ${exports.length} hàm: ${exports.join(', ')}` +
        (html.length ? `; ${html.length} tệp HTML` : ''),
    );
    console.log(`mỗi lần bấm nạp Code.js (${kb(bytes)}) + một tệp mã:`);
    for (const g of Object.values(groups))
      console.log(
        `  ${path.basename(g.file).padEnd(20)} ${kb(g.bytes).padStart(9)}  → ${kb(bytes + g.bytes).padStart(9)}  (${g.exports.join(', ')})`,
      );
  }
  if (bytes > MAX_BYTES && !quiet) {
    console.warn(
      `ghi chú: dist/Code.js lớn hơn ${MAX_BYTES / 1024} KB (mục tiêu ≤ ${MAX_BYTES / 1024} KB: mọi lần bấm menu, mọi trigger đều nạp cả tệp).`,
    );
  }
  return { file: path.join(outDir, 'Code.js'), bytes, exports, groups };
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
