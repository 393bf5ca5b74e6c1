/**
 * Read many .xlsx files on all cores: exceljs parsing is CPU-bound and single-threaded,
 * so with many files the work is shared between worker threads (one per core, at most
 * four). Same contract as readWorkbookFiles (read.ts): one ReadOutcome per file, in the
 * order given, never throwing for a bad file — its error is in the outcome.
 *
 *  - Fewer than `minFiles` files (300; 8 when the threads are given explicitly), one core,
 *    or no worker script: read in-process.
 *    A worker pays its start-up (bundle and exceljs, ~0.3 s) and warms up its own JIT: on
 *    130 files a worker cost ~37% more CPU in all and did not finish sooner even with an
 *    idle core (bench: 1.93 s vs 1.88 s in-process); it pays off from a few hundred files.
 *  - The main thread is one of the readers: it reads a file whenever it is idle, so one
 *    worker per *other* core is started (two cores: the main thread and one worker).
 *    Workers take a moment to start (load the bundle and exceljs; ~0.3 s), during which the
 *    main thread simply reads on; a ready worker gets up to two files at a time.
 *  - A worker that fails to start or dies: its files are read in-process.
 *
 * Where the worker code comes from: the CLI is one esbuild bundle (dist/cli.js) whose
 * commands are loaded lazily. A worker therefore requires the bundle and loads one
 * command (`COMMANDS[command]()`, default 'aggregate'), which initialises this module;
 * the module sees it runs in a pool worker (workerData[POOL_MARK]) and serves requests.
 * From TypeScript sources (tests) pass `workerScript`: a built JS file that imports this
 * module or pool-worker.ts and calls servePool().
 */
import fs from 'node:fs';
import os from 'node:os';
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { POOL_MARK, type ReadRequest, servePool, type WorkerMessage } from './pool-worker';
import { READ_LIMITS, type ReadLimits, type ReadOutcome, readWorkbookFile } from './read';

export interface ParallelReadOptions {
  limits?: ReadLimits;
  onProgress?: (done: number, total: number) => void;
  /**
   * Worker threads besides the main thread; default: the environment variable
   * TONGHOP_XLSX_THREADS if set (0 = read in-process), else one per idle core besides the
   * main thread's (os.availableParallelism and the CPUs' idle share now, idleCoresNow), at most 3.
   */
  threads?: number;
  /** Below this many files everything is read in-process. Default 300 (8 with `threads` or the variable set). */
  minFiles?: number;
  /**
   * A JS file that serves the pool protocol when run as a worker. Default: the CLI bundle
   * this module was built into (null from TypeScript sources: in-process then).
   */
  workerScript?: string | null;
  /** Command loaded in the worker to initialise this module (bundle mode). Default 'aggregate'. */
  command?: string;
  /** Give up on a worker that has not said "ready" after this many ms. Default 20 s. */
  startTimeoutMs?: number;
  /** Filled in: how many files each side read, and how many workers started. */
  stats?: PoolStats;
}

export interface PoolStats {
  workers: number;
  viaWorkers: number;
  inProcess: number;
}

export interface InputFileRef {
  path: string;
  display: string;
}

export const MIN_FILES_FOR_WORKERS = 300;
const MIN_FILES_EXPLICIT = 8;
const MAX_THREADS = 3;
const IN_FLIGHT_PER_WORKER = 2;

function threadsFromEnv(): number | undefined {
  const v = process.env.TONGHOP_XLSX_THREADS;
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

function cores(): number {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, n || 1);
}

/**
 * One worker per core the main thread does not use, but only cores that are idle (`idle`, the
 * main thread's core included): on a machine already busy a worker only adds its start-up
 * cost, so reading stays in-process.
 */
export function threadsForIdle(n: number, idle: number): number {
  return Math.max(0, Math.min(n - 1, Math.floor(idle - 0.5), MAX_THREADS));
}

type CpuTimes = { times: { user: number; nice: number; sys: number; idle: number; irq: number } }[];

/**
 * How many cores are idle now: the CPUs' idle share over `ms` (os.cpus(), sampled twice), not
 * the one-minute load average, which a command run just before (a `tonghop check`, the last
 * run) still fills for a minute after it ended. The load average when the CPUs cannot be read.
 */
export async function idleCoresNow(ms = 100, cpus: () => CpuTimes = os.cpus): Promise<number> {
  const n = cores();
  const fallback = Math.max(0, n - os.loadavg()[0]);
  const before = cpus();
  await new Promise((r) => setTimeout(r, ms));
  const after = cpus();
  if (!before.length || before.length !== after.length) return fallback;
  let idle = 0;
  for (let i = 0; i < after.length; i++) {
    const a = before[i].times;
    const b = after[i].times;
    const total = b.user + b.nice + b.sys + b.idle + b.irq - (a.user + a.nice + a.sys + a.idle + a.irq);
    if (!(total > 0)) return fallback;
    idle += Math.max(0, Math.min(1, (b.idle - a.idle) / total));
  }
  // A container may give this process fewer cores than the machine has.
  return Math.min(n, idle);
}

/** The CLI bundle this code runs from, if it runs from one. */
function bundleFile(): string | null {
  const f = typeof __filename === 'string' ? __filename : '';
  return /\.c?js$/.test(f) && fs.existsSync(f) ? f : null;
}

const BUNDLE_WORKER = `
const { workerData } = require('node:worker_threads');
const cli = require(workerData.bundle);
const load = cli && cli.COMMANDS && cli.COMMANDS[workerData.command];
if (typeof load !== 'function') throw new Error('tonghop: ' + workerData.bundle + ' has no command ' + workerData.command);
Promise.resolve(load()).catch((e) => { throw e; });
`;

function startWorker(options: ParallelReadOptions): Worker | null {
  const data = { [POOL_MARK]: true };
  try {
    if (options.workerScript) return new Worker(options.workerScript, { workerData: data });
    if (options.workerScript === null) return null;
    const bundle = bundleFile();
    if (!bundle) return null;
    return new Worker(BUNDLE_WORKER, {
      eval: true,
      workerData: { ...data, bundle, command: options.command ?? 'aggregate' },
    });
  } catch {
    return null;
  }
}

/**
 * In-process, one file at a time: reading is CPU work (the file itself is read
 * synchronously), and workbooks loaded side by side only keep more objects alive
 * through each garbage collection (4 at a time cost ~8% more CPU on 130 files).
 */
async function readInProcess(
  files: InputFileRef[],
  limits: ReadLimits,
  onProgress?: (done: number, total: number) => void,
): Promise<ReadOutcome[]> {
  const results = new Array<ReadOutcome>(files.length);
  for (let i = 0; i < files.length; i++) {
    results[i] = await readWorkbookFile(files[i].path, files[i].display, limits);
    onProgress?.(i + 1, files.length);
  }
  return results;
}

/**
 * Read `files` (absolute path + the name used in messages), in parallel when there are
 * many. Resolves to one outcome per file in the same order; never rejects for bad files.
 */
export async function readWorkbooksParallel(
  files: InputFileRef[],
  options: ParallelReadOptions = {},
): Promise<ReadOutcome[]> {
  const limits = options.limits ?? READ_LIMITS;
  const wanted = options.threads ?? threadsFromEnv();
  // Threads asked for explicitly (option or TONGHOP_XLSX_THREADS) are used from a few files on.
  const minFiles = options.minFiles ?? (wanted === undefined ? MIN_FILES_FOR_WORKERS : MIN_FILES_EXPLICIT);
  const stats = options.stats ?? { workers: 0, viaWorkers: 0, inProcess: 0 };
  Object.assign(stats, { workers: 0, viaWorkers: 0, inProcess: 0 });
  const inProcess = () => {
    stats.inProcess = files.length;
    return readInProcess(files, limits, options.onProgress);
  };
  if (files.length < minFiles) return inProcess();
  // Idle cores are looked at only for a read long enough to share (the look takes 0.1 s).
  const threads = Math.max(
    0,
    Math.min(wanted ?? threadsForIdle(cores(), await idleCoresNow()), Math.ceil(files.length / 4)),
  );
  if (threads < 1) return inProcess();

  const workers: Worker[] = [];
  for (let i = 0; i < threads; i++) {
    const w = startWorker(options);
    if (w) workers.push(w);
  }
  stats.workers = workers.length;
  if (workers.length === 0) return inProcess();

  return new Promise<ReadOutcome[]>((resolve) => {
    const results = new Array<ReadOutcome | undefined>(files.length);
    let next = 0;
    let done = 0;
    let localBusy = false;
    let finished = false;
    /** Files handed to each worker and not yet answered. */
    const inFlight = new Map<Worker, Set<number>>();
    const ready = new Set<Worker>();

    const complete = (i: number, outcome: ReadOutcome) => {
      if (results[i] !== undefined) return;
      results[i] = outcome;
      done++;
      options.onProgress?.(done, files.length);
      if (done === files.length) finish();
      else pump();
    };

    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(startTimer);
      for (const w of workers) void w.terminate();
      resolve(results as ReadOutcome[]);
    };

    const readLocally = (i: number) => {
      localBusy = true;
      readWorkbookFile(files[i].path, files[i].display, limits).then((o) => {
        localBusy = false;
        stats.inProcess++;
        complete(i, o);
      });
    };

    const pump = () => {
      if (finished) return;
      for (const w of ready) {
        const mine = inFlight.get(w) as Set<number>;
        while (mine.size < IN_FLIGHT_PER_WORKER && next < files.length) {
          const i = next++;
          mine.add(i);
          const req: ReadRequest = { type: 'read', id: i, path: files[i].path, display: files[i].display, limits };
          w.postMessage(req);
        }
      }
      // The main thread reads too (it would only wait otherwise): one file at a time.
      if (!localBusy && next < files.length) readLocally(next++);
    };

    /** A worker gone: its unanswered files go back to the main thread. */
    const lose = (w: Worker) => {
      if (!inFlight.has(w)) return;
      const orphans = [...(inFlight.get(w) as Set<number>)];
      inFlight.delete(w);
      ready.delete(w);
      void w.terminate();
      for (const i of orphans) {
        if (results[i] !== undefined) continue;
        readWorkbookFile(files[i].path, files[i].display, limits).then((o) => {
          stats.inProcess++;
          complete(i, o);
        });
      }
      pump();
    };

    for (const w of workers) {
      inFlight.set(w, new Set());
      w.on('message', (msg: WorkerMessage) => {
        if (msg.type === 'ready') {
          if (inFlight.has(w)) ready.add(w);
          pump();
        } else if (msg.type === 'done') {
          inFlight.get(w)?.delete(msg.id);
          if (results[msg.id] === undefined) stats.viaWorkers++;
          complete(msg.id, msg.outcome);
        }
      });
      w.on('error', () => lose(w));
      w.on('exit', () => {
        if (!finished) lose(w);
      });
    }
    // Workers that never get ready (e.g. a bundle without this module) are dropped.
    const startTimer = setTimeout(() => {
      for (const w of workers) if (!ready.has(w)) lose(w);
    }, options.startTimeoutMs ?? 20_000);
    startTimer.unref();
    pump();
  });
}

// Inside a pool worker (see startWorker), this module serves read requests.
if (!isMainThread && workerData && (workerData as Record<string, unknown>)[POOL_MARK]) servePool();
