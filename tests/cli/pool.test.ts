/**
 * src/cli/xlsx/pool.ts: reading .xlsx files on worker threads gives exactly what the
 * in-process reader gives, in the same order, with per-file errors; small batches and
 * broken workers fall back to the main thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { idleCoresNow, readWorkbooksParallel, threadsForIdle } from '../../src/cli/xlsx/pool';
import { readWorkbookFiles } from '../../src/cli/xlsx/read';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { defaultCatalogue, defaultUnits } from '../../src/engine/catalogue/defaults';
import { buildUnitSheet } from '../../src/engine/sheet/layout';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
let workerScript: string;
let bundle: string;
let files: { path: string; display: string }[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-pool-'));
  const catalogue = defaultCatalogue();
  const units = defaultUnits();
  files = [];
  for (const [i, unit] of units.entries()) {
    const values: Record<string, (number | null)[]> = {};
    for (const ind of catalogue.indicators)
      if (ind.kind !== 'note') values[ind.code] = Array.from({ length: 12 }, (_, m) => (m < 9 ? i + m : null));
    values.DON_TONG = Array(12).fill(null); // keep the rules quiet
    const submitted = Array.from({ length: 12 }, (_, m) =>
      m < 9 ? `2018-${String(m + 1).padStart(2, '0')}-16` : null,
    );
    const file = path.join(dir, `${unit.code}-2018.xlsx`);
    await writeXlsx({ sheets: [buildUnitSheet(unit, 2018, catalogue, { values, submitted })] }, file, {
      now: new Date('2018-09-20T03:00:00Z'),
    });
    files.push({ path: file, display: path.basename(file) });
  }
  // A file that is not an .xlsx, and one that does not exist: per-file errors.
  fs.writeFileSync(path.join(dir, 'hong.xlsx'), 'not a workbook');
  files.splice(3, 0, { path: path.join(dir, 'hong.xlsx'), display: 'hong.xlsx' });
  files.push({ path: path.join(dir, 'khong-co.xlsx'), display: 'khong-co.xlsx' });

  // A worker script as a test can have it: pool-worker.ts built to JS, serving on start.
  const entry = path.join(dir, 'worker-entry.ts');
  fs.writeFileSync(
    entry,
    `import { servePool } from ${JSON.stringify(path.join(ROOT, 'src/cli/xlsx/pool-worker'))};\nservePool();\n`,
  );
  workerScript = path.join(dir, 'worker.cjs');
  // A bundle shaped like dist/cli.js: commands loaded lazily through an exported COMMANDS.
  const bundleEntry = path.join(dir, 'cli-entry.ts');
  fs.writeFileSync(
    bundleEntry,
    `export const COMMANDS = {\n  aggregate: async () => (await import(${JSON.stringify(path.join(ROOT, 'src/cli/xlsx/pool'))})).readWorkbooksParallel,\n};\n`,
  );
  bundle = path.join(dir, 'cli.js');
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  } as const;
  await esbuild.build({
    ...common,
    entryPoints: [entry],
    outfile: workerScript,
    nodePaths: [path.join(ROOT, 'node_modules')],
  });
  await esbuild.build({
    ...common,
    entryPoints: [bundleEntry],
    outfile: bundle,
    nodePaths: [path.join(ROOT, 'node_modules')],
  });
  // packages stay external: let the built files find exceljs in the repository.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
}, 60_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Enough files that the workers are ready before the main thread has read them all. */
const many = () => Array.from({ length: 8 }, () => files).flat();

test('worker threads read exactly what the main thread reads, in order, with per-file errors', async () => {
  const all = many();
  const expected = await readWorkbookFiles(all);
  const progress: number[] = [];
  const stats = { workers: 0, viaWorkers: 0, inProcess: 0 };
  const got = await readWorkbooksParallel(all, {
    workerScript,
    threads: 2,
    stats,
    onProgress: (d) => progress.push(d),
  });
  expect(got).toEqual(expected);
  expect(stats.workers).toBe(2);
  expect(stats.viaWorkers).toBeGreaterThan(0);
  expect(stats.viaWorkers + stats.inProcess).toBe(all.length);
  expect(got.map((o) => o.file)).toEqual(all.map((f) => f.display));
  expect(got[3].workbook).toBeUndefined();
  expect(got[3].error).toContain('hong.xlsx');
  expect(got[got.length - 1].error).toContain('khong-co.xlsx');
  // Dates cross the thread boundary as Dates.
  const dateCell = got[0].workbook?.sheets[0].grid[6][4];
  expect(dateCell).toBeInstanceOf(Date);
  expect(progress).toEqual(all.map((_, i) => i + 1));
}, 60_000);

test('from the CLI bundle: workers load the bundle and one command to find the pool', async () => {
  const { COMMANDS } = require(bundle) as { COMMANDS: { aggregate: () => Promise<typeof readWorkbooksParallel> } };
  const read = await COMMANDS.aggregate();
  const all = many();
  const expected = await readWorkbookFiles(all);
  const stats = { workers: 0, viaWorkers: 0, inProcess: 0 };
  expect(await read(all, { threads: 2, startTimeoutMs: 30_000, stats })).toEqual(expected);
  expect(stats.workers).toBe(2);
  expect(stats.viaWorkers).toBeGreaterThan(0);
}, 60_000);

test('fewer than 300 files (8 with threads asked for): in-process, the worker script is never started', async () => {
  const few = files.slice(0, 5);
  const broken = path.join(dir, 'broken-worker.cjs');
  fs.writeFileSync(broken, 'process.exit(3)');
  const stats = { workers: 0, viaWorkers: 0, inProcess: 0 };
  expect(await readWorkbooksParallel(many(), { workerScript: broken, stats })).toEqual(await readWorkbookFiles(many()));
  expect(stats).toEqual({ workers: 0, viaWorkers: 0, inProcess: many().length });
  expect(await readWorkbooksParallel(few, { workerScript: broken, threads: 2, stats })).toEqual(
    await readWorkbookFiles(few),
  );
  expect(stats).toEqual({ workers: 0, viaWorkers: 0, inProcess: 5 });
}, 60_000);

test('a worker that dies or never gets ready: its files are read in-process', async () => {
  const dying = path.join(dir, 'dying-worker.cjs');
  fs.writeFileSync(
    dying,
    "require('node:worker_threads').parentPort.postMessage({ type: 'ready' }); setTimeout(() => process.exit(1), 5);",
  );
  const silent = path.join(dir, 'silent-worker.cjs');
  fs.writeFileSync(silent, 'setInterval(() => {}, 1000);');
  const expected = await readWorkbookFiles(files);
  const stats = { workers: 0, viaWorkers: 0, inProcess: 0 };
  expect(await readWorkbooksParallel(files, { workerScript: dying, threads: 2, minFiles: 1, stats })).toEqual(expected);
  expect(stats.workers).toBe(2);
  expect(
    await readWorkbooksParallel(files, { workerScript: silent, threads: 2, minFiles: 1, startTimeoutMs: 200, stats }),
  ).toEqual(expected);
  expect(stats).toEqual({ workers: 2, viaWorkers: 0, inProcess: files.length });
}, 60_000);

test('no worker script available (TypeScript sources): in-process', async () => {
  const stats = { workers: 0, viaWorkers: 0, inProcess: 0 };
  expect(await readWorkbooksParallel(files, { threads: 2, stats })).toEqual(await readWorkbookFiles(files));
  expect(stats.inProcess).toBe(files.length);
}, 60_000);

describe('how many workers without TONGHOP_XLSX_THREADS', () => {
  const cpu = (busy: number, idle: number) => ({ times: { user: busy, nice: 0, sys: 0, idle, irq: 0 } });

  test('one per idle core besides the main thread’s, at most three; none on a busy machine', () => {
    expect([2, 1.9, 1.4, 1.0, 0.2].map((idle) => threadsForIdle(2, idle))).toEqual([1, 1, 0, 0, 0]);
    expect(threadsForIdle(8, 8)).toBe(3);
    expect(threadsForIdle(1, 1)).toBe(0);
  });

  test('idle cores are the CPUs’ idle share now, not the minute’s load average', async () => {
    // Two CPUs: one idle 90% of the sample, the other 60%.
    const snapshots = [
      [cpu(1000, 5000), cpu(2000, 4000)],
      [cpu(1010, 5090), cpu(2040, 4060)],
    ];
    let k = 0;
    const idle = await idleCoresNow(1, () => snapshots[Math.min(k++, 1)]);
    expect(idle).toBeCloseTo(Math.min(1.5, os.availableParallelism()), 5);
    // Unreadable CPU times (none, or a count that changed): the load average.
    const fallback = Math.max(0, os.availableParallelism() - os.loadavg()[0]);
    expect(await idleCoresNow(1, () => [])).toBeCloseTo(fallback, 0);
  });
});
