/**
 * Benchmark 2 — .xlsx ingestion at province scale.
 *
 * 130 commune workbooks (this year's and last year's sheet in each, every month of last
 * year and January–September of this year filled), written with the CLI's own .xlsx
 * writer (src/cli/xlsx/write.ts, the `tonghop template` path) into bench/tmp/xlsx/in/.
 * Then, each as its own Node process, measured from outside (wall time, peak RSS):
 *   baseline  exceljs alone loading the same files (bench/xlsx-baseline.ts)
 *   CLI       `tonghop aggregate --period 2025-09 … --out tong-hop.xlsx` (dist/cli.js)
 *   CLI, in-process reading (TONGHOP_XLSX_THREADS=0) and with worker threads forced
 *   (TONGHOP_XLSX_THREADS=cores−1), when the pool is wired in (the default reads in-process
 *   below 300 files, and above uses workers on idle cores)
 * Runs alternate and the best of BENCH_XLSX_RUNS (default 3: one process of ~2 s is easily
 * slowed by anything else on a 2-core machine) is kept.
 *
 * Context, when the pool is wired in: BENCH_XLSX_MANY (default 1,000) workbooks read as the CLI
 * reads by default (worker threads from 300 files) against in-process reading, once each.
 *
 * Env: BENCH_XLSX_UNITS (default 130), BENCH_XLSX_MANY (default 1000; 0 skips), BENCH_OUT, BENCH_DIR.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeXlsx } from '../src/cli/xlsx/write';
import { defaultCatalogue, defaultSettings } from '../src/engine/catalogue/defaults';
import { buildUnitSheet } from '../src/engine/sheet/layout';
import { syntheticUnits, unitData } from './gen';
import { benchDir, type Figure, log, ratioFigure, repoRoot, tmpDir, writeFigures } from './lib';

const UNITS = Number(process.env.BENCH_XLSX_UNITS ?? 130);
const RUNS = Number(process.env.BENCH_XLSX_RUNS ?? 3);
/** Context: a read of many files, where the default reads on worker threads (0 skips it). */
const MANY = Number(process.env.BENCH_XLSX_MANY ?? 1000);
const YEAR = 2025;
const MONTH = 9;
const GENERATOR_VERSION = 3;
const RSS_TARGET_MB = 500;
/** Workers for the forced-parallel run: one per core besides the main thread's. */
const WORKERS = Math.max(1, Math.min(3, (os.availableParallelism?.() ?? os.cpus().length) - 1));

/** Reads VmHWM (peak RSS of the whole process, all threads) at exit into $BENCH_PEAK_FILE. */
const PEAK_HOOK = `
const fs = require('node:fs');
process.on('exit', () => {
  try {
    const s = fs.readFileSync('/proc/self/status', 'utf8');
    const m = /^VmHWM:\\s+(\\d+) kB/m.exec(s);
    const mb = m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1048576;
    if (process.env.BENCH_PEAK_FILE) fs.writeFileSync(process.env.BENCH_PEAK_FILE, String(mb));
  } catch {}
});
`;

/** Runs dist/cli.js's main() directly (bin/tonghop.js adds a staleness check that walks src/). */
const CLI_RUNNER = `
const cli = require(process.env.BENCH_CLI);
cli.main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
`;

interface Run {
  ms: number;
  peakMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

function runNode(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const peakFile = path.join(tmpDir('xlsx'), `peak-${process.pid}-${Date.now()}.txt`);
  const hook = path.join(tmpDir('build'), 'peak-hook.cjs');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-r', hook, ...args], {
      cwd: repoRoot(),
      env: { ...process.env, ...env, BENCH_PEAK_FILE: peakFile },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      let peakMb = Number.NaN;
      try {
        peakMb = Number(fs.readFileSync(peakFile, 'utf8'));
        fs.rmSync(peakFile);
      } catch {
        // no figure
      }
      resolve({ ms, peakMb, code, stdout, stderr });
    });
  });
}

async function generate(
  dir: string,
  n = UNITS,
): Promise<{ units: string; settings: string; files: number; bytes: number }> {
  const inDir = path.join(dir, 'in');
  const stamp = path.join(dir, 'stamp.json');
  const want = JSON.stringify({ v: GENERATOR_VERSION, units: n, year: YEAR, month: MONTH });
  const unitsFile = path.join(dir, 'units.json');
  const settingsFile = path.join(dir, 'settings.json');
  const catalogue = defaultCatalogue();
  const units = syntheticUnits(n, 3);
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== want) {
    fs.rmSync(inDir, { recursive: true, force: true });
    fs.mkdirSync(inDir, { recursive: true });
    const t0 = performance.now();
    for (const [i, unit] of units.entries()) {
      const sheets = [YEAR - 1, YEAR].map((y) => buildUnitSheet(unit, y, catalogue, unitData(catalogue, i, y, y === YEAR ? MONTH : 12)));
      await writeXlsx({ sheets }, path.join(inDir, `${unit.code}.xlsx`), { now: new Date('2025-10-05T02:00:00Z') });
    }
    fs.writeFileSync(unitsFile, JSON.stringify({ units }, null, 1));
    const settings = {
      ...defaultSettings(),
      aggregatingUnitName: 'Điện Biên',
      level: 'tỉnh',
      scopeLabel: 'toàn tỉnh',
      organisation: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Điện Biên',
    };
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 1));
    fs.writeFileSync(stamp, want);
    log(`xlsx: wrote ${units.length} workbooks in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } else log(`xlsx: reusing ${units.length} workbooks in ${path.relative(repoRoot(), inDir)}`);
  const files = fs.readdirSync(inDir).filter((f) => f.endsWith('.xlsx'));
  const bytes = files.reduce((n, f) => n + fs.statSync(path.join(inDir, f)).size, 0);
  // Warm the page cache so both sides read from memory.
  for (const f of files) fs.readFileSync(path.join(inDir, f));
  return { units: unitsFile, settings: settingsFile, files: files.length, bytes };
}

async function main(): Promise<void> {
  const dir = tmpDir('xlsx');
  const build = tmpDir('build');
  fs.writeFileSync(path.join(build, 'peak-hook.cjs'), PEAK_HOOK);
  fs.writeFileSync(path.join(build, 'run-cli.cjs'), CLI_RUNNER);
  const cliBundle = path.join(repoRoot(), 'dist', 'cli.js');
  if (!fs.existsSync(cliBundle)) throw new Error('dist/cli.js is missing: run npm run build first');
  const input = await generate(dir);
  const inDir = path.join(dir, 'in');
  const outDir = tmpDir('xlsx', 'out');
  const baselineScript = path.join(benchDir(), 'tmp', 'build', 'xlsx-baseline.cjs');
  const cliArgs = (out: string, of: { units: string; settings: string; dir: string } = { ...input, dir: inDir }) => [
    path.join(build, 'run-cli.cjs'),
    'aggregate',
    '--period',
    `${YEAR}-${String(MONTH).padStart(2, '0')}`,
    '--units',
    of.units,
    '--settings',
    of.settings,
    of.dir,
    '--out',
    path.join(outDir, out),
    '--json',
  ];
  const env = { BENCH_CLI: cliBundle, TONGHOP_NOW: '2025-10-05T02:00:00.000Z' };
  const pooled = fs.readFileSync(cliBundle, 'utf8').includes('__tonghopXlsxPool');

  const best: Record<string, Run | undefined> = {};
  const keep = (k: string, r: Run) => {
    if (!best[k] || r.ms < (best[k] as Run).ms) best[k] = r;
  };
  const check = (what: string, r: Run) => {
    if (r.code !== 0 && r.code !== 1) throw new Error(`${what} failed (exit ${r.code}): ${r.stderr.slice(0, 2000)}`);
  };
  for (let i = 0; i < RUNS; i++) {
    const b = await runNode([baselineScript, inDir]);
    // Exit 1 is a data finding for tonghop, but a failure here (a missing script exits 1 too).
    if (b.code !== 0 || !b.stdout.startsWith(`${input.files} files`))
      throw new Error(`baseline failed (exit ${b.code}, "${b.stdout.trim()}"): ${b.stderr.slice(0, 2000)}`);
    keep('baseline', b);
    const c = await runNode(cliArgs('tong-hop.xlsx'), env);
    check('tonghop aggregate', c);
    keep('cli', c);
    let extra = '';
    if (pooled) {
      const s = await runNode(cliArgs('tong-hop-1.xlsx'), { ...env, TONGHOP_XLSX_THREADS: '0' });
      check('tonghop aggregate (in-process)', s);
      keep('cliSerial', s);
      const w = await runNode(cliArgs('tong-hop-2.xlsx'), { ...env, TONGHOP_XLSX_THREADS: String(WORKERS) });
      check('tonghop aggregate (workers)', w);
      keep('cliWorkers', w);
      extra = `, in-process ${(s.ms / 1000).toFixed(2)} s, ${WORKERS} worker(s) + main ${(w.ms / 1000).toFixed(2)} s`;
    }
    log(`xlsx: run ${i + 1}: exceljs ${(b.ms / 1000).toFixed(2)} s, tonghop ${(c.ms / 1000).toFixed(2)} s${extra}`);
  }
  const base = best.baseline as Run;
  const cli = best.cli as Run;
  const summary = JSON.parse(cli.stdout) as { completeness: { reported: number; expected: number } };
  if (summary.completeness.reported !== UNITS)
    throw new Error(`tonghop aggregate reported ${summary.completeness.reported}/${UNITS} units`);

  const figures: Figure[] = [
    ratioFigure({
      bench: 'xlsx',
      name: `tonghop aggregate, ${input.files} workbooks (${UNITS} units × 2 years)`,
      value: cli.ms,
      unit: 'ms',
      baseline: base.ms,
      baselineName: 'exceljs alone loading the same files',
      maxRatio: 1.3,
      note:
        `${(input.files / (cli.ms / 1000)).toFixed(1)} files/s vs ${(input.files / (base.ms / 1000)).toFixed(1)} files/s; ` +
        `${(input.bytes / 1048576).toFixed(1)} MB of .xlsx; ` +
        (pooled
          ? 'default reading: src/cli/xlsx/pool.ts (in-process below 300 files; above, workers on the cores idle when it starts)'
          : 'pool not wired in: reading in-process'),
    }),
    {
      bench: 'xlsx',
      name: 'tonghop aggregate peak RSS (all threads)',
      value: cli.peakMb,
      unit: 'MB',
      baseline: base.peakMb,
      baselineName: 'exceljs alone',
      ratio: cli.peakMb / base.peakMb,
      target: `< ${RSS_TARGET_MB} MB`,
      pass: cli.peakMb < RSS_TARGET_MB,
    },
  ];
  if (best.cliSerial && best.cliWorkers) {
    const s = best.cliSerial;
    const w = best.cliWorkers;
    figures.push(
      ratioFigure({
        bench: 'xlsx',
        name: 'tonghop aggregate, reading in-process (TONGHOP_XLSX_THREADS=0)',
        value: s.ms,
        unit: 'ms',
        baseline: base.ms,
        baselineName: 'exceljs alone',
        note: `peak RSS ${s.peakMb.toFixed(0)} MB`,
      }),
      ratioFigure({
        bench: 'xlsx',
        name: `tonghop aggregate, main thread + ${WORKERS} worker (TONGHOP_XLSX_THREADS=${WORKERS})`,
        value: w.ms,
        unit: 'ms',
        baseline: base.ms,
        baselineName: 'exceljs alone',
        note: `peak RSS ${w.peakMb.toFixed(0)} MB; ${((s.ms - w.ms) / 1000).toFixed(2)} s saved vs in-process (the default uses workers only from 300 files, on cores idle when it starts)`,
      }),
    );
  }
  // Many files: the default (workers on the cores idle when it starts) against in-process reading.
  let many: Figure | null = null;
  if (pooled && MANY > 0) {
    const manyDir = tmpDir('xlsx-many');
    const got = await generate(manyDir, MANY);
    const of = { units: got.units, settings: got.settings, dir: path.join(manyDir, 'in') };
    const d = await runNode(cliArgs('tong-hop-many.xlsx', of), env);
    check('tonghop aggregate (many files)', d);
    const s = await runNode(cliArgs('tong-hop-many-1.xlsx', of), { ...env, TONGHOP_XLSX_THREADS: '0' });
    check('tonghop aggregate (many files, in-process)', s);
    log(`xlsx: ${got.files} files: default ${(d.ms / 1000).toFixed(2)} s, in-process ${(s.ms / 1000).toFixed(2)} s`);
    many = {
      bench: 'xlsx',
      name: `context: tonghop aggregate, ${got.files} workbooks, as it reads by default (worker threads from 300 files)`,
      value: d.ms,
      unit: 'ms',
      baseline: s.ms,
      baselineName: 'the same run reading in-process (TONGHOP_XLSX_THREADS=0)',
      ratio: d.ms / s.ms,
      note: `${(got.bytes / 1048576).toFixed(1)} MB of .xlsx; peak RSS ${d.peakMb.toFixed(0)} MB (in-process ${s.peakMb.toFixed(0)} MB); both cores used when the machine has them idle`,
    };
  }
  if (many) figures.push(many);
  writeFigures(figures, {
    xlsx: {
      files: input.files,
      bytes: input.bytes,
      units: UNITS,
      pooled,
      best: Object.fromEntries(Object.entries(best).map(([k, r]) => [k, r && { ms: r.ms, peakMb: r.peakMb, code: r.code }])),
    },
  });
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exitCode = 1;
});
