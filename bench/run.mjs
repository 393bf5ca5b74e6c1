#!/usr/bin/env node
/**
 * `npm run bench` (after `npm run build`): every benchmark, each in its own Node process
 * so each has its own peak memory, each figure beside its baseline from the same run.
 *
 *   1 engine    3,321 units × catalogue × 24 months through summarise   (bench/engine.ts)
 *   2 xlsx      130 workbooks through `tonghop aggregate` vs exceljs     (bench/xlsx.ts)
 *   3 gas-calls "Tổng hợp" service calls, 11/45/130 units, both layouts  (bench/gas.ts)
 *   4 parallel  modelled time, 130 units, sequential vs Sheets API       (bench/gas.ts)
 *   5 bundle    dist/Code.js size, what each click loads, readable names (here)
 *
 * Writes bench/results.json and bench/README-figures.md; prints a table.
 * Options: --only engine,xlsx,gas,bundle   --quick (smaller inputs, for trying things out)
 * Inputs are generated into bench/tmp/ (git-ignored). TypeScript is bundled with esbuild.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as esbuild from 'esbuild';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const TMP = path.join(BENCH, 'tmp');
const BUILD = path.join(TMP, 'build');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg
  ? new Set((onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(','))
  : null;
const wanted = (name) => !only || only.has(name);
const started = performance.now();

function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {
    // not Linux
  }
  return {
    cpu,
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    /** 1-minute load average when the run started: above ~0.5 other work shares the cores. */
    loadAverage: Number(os.loadavg()[0].toFixed(2)),
  };
}

async function buildBench() {
  fs.mkdirSync(BUILD, { recursive: true });
  const entries = ['engine', 'xlsx', 'xlsx-baseline', 'gas'];
  await esbuild.build({
    entryPoints: Object.fromEntries(entries.map((e) => [e, path.join(BENCH, `${e}.ts`)])),
    outdir: BUILD,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    // Built as dist/cli.js is (scripts/build-cli.mjs) and as the add-on's code is before terser: no
    // keepNames. Its __name() wrapper would run a defineProperty on every closure each call makes (in
    // the reader's per-sheet code too), a cost neither shipped build has; names stay readable anyway.
    loader: { '.json': 'json' },
    logLevel: 'warning',
  });
  // The bundles live in bench/tmp/build: let them find the repository's node_modules.
  const link = path.join(TMP, 'node_modules');
  let linked = false;
  try {
    linked = fs.readlinkSync(link) === path.join(ROOT, 'node_modules');
  } catch {
    // missing, or not a link
  }
  if (!linked) {
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), link, 'dir');
  }
}

function runChild(name, script, env = {}, timeoutMs = 9 * 60_000) {
  const out = path.join(TMP, 'results', `${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(BUILD, script)], {
      cwd: ROOT,
      env: { ...process.env, BENCH_OUT: out, BENCH_DIR: BENCH, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - t0) / 1000;
      if (code === 0 && fs.existsSync(out)) {
        resolve({ ...JSON.parse(fs.readFileSync(out, 'utf8')), seconds });
      } else {
        const why = signal ? `killed (${signal}) after ${seconds.toFixed(0)} s` : `exit ${code}`;
        resolve({
          figures: [{ bench: name, name: `${name} benchmark did not finish`, value: Number.NaN, unit: '', pass: false, note: why }],
          seconds,
        });
      }
    });
  });
}

// ------------------------------------------------------------------ 5. bundle

/** The code files dist/code-<group>.html (read by Code.js's loader): { group: { name, text } }. */
function groupFiles(dir, code) {
  const out = {};
  for (const m of code.matchAll(/__tonghop\.load\("(\w+)"\)/g)) {
    const name = `code-${m[1]}.html`;
    const file = path.join(dir, name);
    if (!out[m[1]] && fs.existsSync(file)) out[m[1]] = { name, text: fs.readFileSync(file, 'utf8') };
  }
  return out;
}

/**
 * Calls an exported menu handler with no Apps Script globals but an HtmlService that serves the code
 * files (the loader reads them): the error's stack — no SpreadsheetApp — shows the names.
 */
function stackNames(code, groups) {
  const files = Object.fromEntries(Object.values(groups).map((g) => [g.name.replace(/\.html$/, ''), g.text]));
  const HtmlService = {
    createTemplateFromFile: (name) => ({
      getRawContent: () => {
        if (!(name in files)) throw new Error(`No HTML file named ${name} was found.`);
        return files[name];
      },
    }),
  };
  const ctx = vm.createContext({ HtmlService, console: { error() {}, log() {} } });
  vm.runInContext(code, ctx, { filename: 'Code.gs' });
  try {
    vm.runInContext('aggregateReports()', ctx);
  } catch (e) {
    return [...String(e?.stack ?? '').matchAll(/^\s*at (\S+) \(/gm)].map((m) => m[1]);
  }
  return [];
}

async function bundleBench() {
  const file = path.join(ROOT, 'dist', 'Code.js');
  if (!fs.existsSync(file)) {
    return { figures: [{ bench: 'bundle', name: 'dist/Code.js missing (npm run build)', value: Number.NaN, unit: '', pass: false }] };
  }
  const code = fs.readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(code);
  const groups = groupFiles(path.dirname(file), code);
  const { gzipSync } = await import('node:zlib');
  const gz = gzipSync(code).length;
  const names = stackNames(code, groups);
  const readable = names.includes('aggregateReports') && names.some((n) => /^[A-Za-z_$][\w$]{3,}$/.test(n) && n !== 'aggregateReports');
  // Baseline in the same run: the best esbuild alone does while keeping names (all its minification
  // plus keepNames, the one-file build before terser and the loader), with the same top-level stubs.
  let plain = Number.NaN;
  let plainGz = Number.NaN;
  try {
    const r = await esbuild.build({
      entryPoints: [path.join(ROOT, 'src/gas/main.ts')],
      bundle: true,
      format: 'iife',
      globalName: '__tonghop',
      platform: 'neutral',
      target: 'es2020',
      mainFields: ['module', 'main'],
      loader: { '.json': 'json' },
      keepNames: true,
      minify: true,
      legalComments: 'none',
      charset: 'utf8',
      write: false,
      logLevel: 'silent',
    });
    const stubs = code.slice(code.search(/^function \w+\(\) \{$/m));
    plain = Buffer.byteLength(r.outputFiles[0].text) + Buffer.byteLength(stubs);
    plainGz = gzipSync(r.outputFiles[0].text + stubs).length;
  } catch (e) {
    console.error(`bundle: esbuild baseline failed: ${e?.message ?? e}`);
  }
  // What one click or trigger loads: Code.js and its group's code file (no target: context).
  const clicks = Object.entries(groups)
    .map(([group, g]) => ({ group, name: g.name, bytes: Buffer.byteLength(g.text) }))
    .sort((a, b) => b.bytes - a.bytes);
  const largest = clicks[0];
  const figures = [
    {
      bench: 'bundle',
      name: 'dist/Code.js size (what every click and trigger loads: loader + menu + stubs)',
      value: bytes / 1024,
      unit: 'KB',
      baseline: plain / 1024,
      baselineName: 'esbuild alone, everything in one file: minify + keepNames',
      ratio: bytes / plain,
      target: '≤ 150 KB',
      pass: bytes <= 150 * 1024,
      note:
        `${(gz / 1024).toFixed(1)} KB gzipped (one-file esbuild ${(plainGz / 1024).toFixed(0)} KB); ` +
        `each handler's code is in a code-<group>.html read on its first call; stack of a failing "Tổng hợp": ${names.slice(0, 4).join(' ← ')}`,
    },
    ...clicks.map((c) => ({
      bench: 'bundle',
      name: `a click of "${c.group}" loads Code.js + ${c.name}`,
      value: (bytes + c.bytes) / 1024,
      unit: 'KB',
      note:
        `${(c.bytes / 1024).toFixed(0)} KB code file (esbuild + terser, names kept)` +
        (c === largest ? '; the largest' : '') +
        (bytes + c.bytes > 150 * 1024 ? '; over 150 KB in all' : ''),
    })),
    {
      bench: 'bundle',
      name: 'readable function names in stack traces (terser keep_fnames)',
      value: readable ? 1 : 0,
      unit: 'yes/no',
      target: 'yes',
      pass: readable,
    },
  ];
  return {
    figures,
    bundle: { bytes, gzip: gz, stack: names, groups: Object.fromEntries(clicks.map((c) => [c.group, c.bytes])) },
  };
}

// ------------------------------------------------------------------ output

function fmt(v, unit) {
  if (v === undefined || v === null || Number.isNaN(v)) return '—';
  if (unit === 'ms') return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 2 : 0)} ms`;
  if (unit === 'cells/s') return `${(v / 1e6).toFixed(v < 1e6 ? 3 : 1)} M cells/s`;
  if (unit === 'yes/no') return v ? 'yes' : 'no';
  const n = Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${Number(n).toLocaleString('en')} ${unit}`.trim();
}

function ratioText(r) {
  if (r === undefined || r === null || Number.isNaN(r)) return '';
  if (!Number.isFinite(r)) return '∞';
  if (r > 0 && r < 0.1) return `1/${(1 / r).toFixed(0)}`;
  return r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
}

function rows(figures) {
  return figures.map((f) => [
    f.bench,
    f.name,
    fmt(f.value, f.unit),
    f.baseline !== undefined ? fmt(f.baseline, f.unit) : '',
    ratioText(f.ratio),
    f.target ?? '',
    f.pass === undefined ? '' : f.pass ? 'PASS' : 'FAIL',
  ]);
}

const HEAD = ['bench', 'measure', 'value', 'baseline', 'ratio', 'target', ''];

function table(figures) {
  const all = [HEAD, ...rows(figures)];
  const w = HEAD.map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
  const line = (r) => r.map((c, i) => c + ' '.repeat(w[i] - [...c].length)).join('  ');
  return [line(all[0]), w.map((n) => '-'.repeat(n)).join('  '), ...all.slice(1).map(line)].join('\n');
}

function markdown(figures, m, seconds) {
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  const lines = [
    `Benchmarks (\`npm run bench\`, ${new Date().toISOString().slice(0, 10)}): ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}; whole run ${seconds.toFixed(0)} s; load average at start ${m.loadAverage}.`,
    '',
    `| ${HEAD.slice(0, 6).join(' | ')} | result |`,
    `|${HEAD.map(() => '---').join('|')}|`,
    ...rows(figures).map((r) => `| ${r.map(esc).join(' | ')} |`),
  ];
  const notes = figures.filter((f) => f.note);
  if (notes.length) lines.push('', ...notes.map((f) => `- ${esc(f.name)}: ${f.note}`));
  return `${lines.join('\n')}\n`;
}

async function main() {
  const m = machine();
  process.stderr.write(`bench: ${m.cpu}, ${m.cores} cores, Node ${m.node}${quick ? ' (quick)' : ''}\n`);
  if (m.loadAverage > 0.5)
    process.stderr.write(`bench: note: load average ${m.loadAverage} — other processes share the cores; timings will be pessimistic\n`);
  await buildBench();
  const results = {};
  if (wanted('bundle')) results.bundle = await bundleBench();
  if (wanted('gas')) {
    process.stderr.write('bench: Apps Script call budget and parallel reads (fake)…\n');
    results.gas = await runChild('gas', 'gas.cjs', quick ? { BENCH_SIZES: '11,45' } : {});
  }
  if (wanted('xlsx')) {
    process.stderr.write('bench: .xlsx ingestion…\n');
    results.xlsx = await runChild('xlsx', 'xlsx.cjs', quick ? { BENCH_XLSX_UNITS: '40', BENCH_XLSX_RUNS: '1', BENCH_XLSX_MANY: '320' } : {});
  }
  if (wanted('engine')) {
    process.stderr.write('bench: engine at national scale…\n');
    // One cold run per process (caches hold none of the measured units), median of five processes:
    // one run of ~0.3 s moves with anything else on a 2-core machine.
    const runs = [];
    for (let i = 0; i < (quick ? 1 : 5); i++)
      runs.push(await runChild('engine', 'engine.cjs', quick ? { BENCH_UNITS: '300', BENCH_JIT_WARM: '0' } : {}));
    const ok = runs.filter((r) => Number.isFinite(r.engine?.engineMs)).sort((a, b) => a.engine.engineMs - b.engine.engineMs);
    results.engine = ok.length ? ok[Math.floor((ok.length - 1) / 2)] : runs[0];
    const all = runs.map((r) => (Number.isFinite(r.engine?.engineMs) ? `${Math.round(r.engine.engineMs)} ms` : 'failed'));
    const seconds = runs.reduce((t, r) => t + (r.seconds ?? 0), 0);
    results.engine = { ...results.engine, seconds, engineProcessesMs: runs.map((r) => r.engine?.engineMs) };
    // The JIT-warm figure: the median over the processes too (not the one of the median process).
    const warmMs = runs.map((r) => r.engine?.jitWarmMs).filter(Number.isFinite).sort((a, b) => a - b);
    for (const f of results.engine.figures ?? [])
      if (f.name.startsWith('context: the JIT warm') && warmMs.length) {
        f.value = warmMs[Math.floor((warmMs.length - 1) / 2)];
        f.ratio = f.value / f.baseline;
        const cold = ok.map((r) => r.engine.engineMs)[Math.floor((ok.length - 1) / 2)];
        f.note =
          `median of ${warmMs.length} processes (${warmMs.map((t) => `${Math.round(t)} ms`).join(', ')}); ` +
          `${f.note.replace(/; the cold run above costs .*$/, '')}; ` +
          (cold >= f.value
            ? `the cold run above takes ${Math.round(cold - f.value)} ms more (the JIT's start)`
            : `the cold run above took ${Math.round(f.value - cold)} ms less: these runs met a busy machine (their spread shows it)`);
      }
    for (const f of results.engine.figures ?? [])
      if (f.name.startsWith('summarise,'))
        f.note = `median of ${runs.length} processes (${all.join(', ')}), each one run after a warm-up on 200 other units; ${f.note?.split('; ').slice(1).join('; ') ?? ''}`;
    // The bare loop's fastest run over all processes: noise only slows a loop this small, so a busy
    // moment in one process cannot flatter the ratio (a median of 6.3 ms once made 156 ms look like 25×).
    const bare = runs.flatMap((r) => r.engine?.baselineRunsMs ?? []).filter(Number.isFinite);
    if (bare.length) {
      const fastest = Math.min(...bare);
      for (const f of results.engine.figures ?? []) {
        if (f.baselineName !== 'bare loop over Float64Arrays') continue;
        f.baseline = fastest;
        f.ratio = f.value / fastest;
        if (f.target?.startsWith('≤')) f.pass = f.ratio <= Number(f.target.replace(/[^\d.]/g, ''));
      }
      for (const f of results.engine.figures ?? [])
        if (f.name.startsWith('summarise,'))
          f.note += `; baseline: the fastest of ${bare.length} bare-loop runs over the ${runs.length} processes`;
      if (results.engine.engine) results.engine.engine.baselineMs = fastest;
    }
  }
  const order = ['engine', 'xlsx', 'gas', 'bundle'];
  const figures = order.flatMap((k) => results[k]?.figures ?? []);
  const seconds = (performance.now() - started) / 1000;
  const out = {
    generatedAt: new Date().toISOString(),
    machine: m,
    quick,
    seconds: Math.round(seconds),
    benchSeconds: Object.fromEntries(order.filter((k) => results[k]?.seconds).map((k) => [k, Math.round(results[k].seconds)])),
    figures,
    details: Object.fromEntries(order.filter((k) => results[k]).map((k) => [k, { ...results[k], figures: undefined }])),
  };
  fs.writeFileSync(path.join(BENCH, 'results.json'), `${JSON.stringify(out, null, 2)}\n`);
  const md = markdown(figures, m, seconds);
  if (!only && !quick) fs.writeFileSync(path.join(BENCH, 'README-figures.md'), md);
  process.stdout.write(`\n${table(figures)}\n\n`);
  for (const f of figures.filter((x) => x.note)) process.stdout.write(`  ${f.name}: ${f.note}\n`);
  process.stdout.write(`\n--- paste into README (also bench/README-figures.md) ---\n${md}--- end ---\n`);
  process.stdout.write(`bench: done in ${seconds.toFixed(0)} s; bench/results.json written\n`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
