/**
 * Helpers shared by the benchmarks: timing, peak memory, deterministic random numbers,
 * and the result records bench/run.mjs prints and writes to bench/results.json.
 *
 * Each benchmark runs in its own Node process (bench/run.mjs spawns it), so the peak
 * resident set size read from /proc/self/status (VmHWM) is that benchmark's own.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Figure {
  /** Benchmark group: "engine", "xlsx", "gas-calls", "parallel", "bundle". */
  bench: string;
  /** What was measured, in English. */
  name: string;
  value: number;
  unit: string;
  /** The baseline measured in the same run (absent for absolute-only figures). */
  baseline?: number;
  baselineName?: string;
  /** value / baseline. */
  ratio?: number;
  /** Human-readable target, e.g. "≤ 25×" or "< 1024 MB". */
  target?: string;
  pass?: boolean;
  /** Extra context printed under the table. */
  note?: string;
}

export function now(): number {
  return performance.now();
}

/** Median of a few runs of fn, in milliseconds, plus the last result. */
export function timeIt<T>(fn: () => T, runs = 1): { ms: number; result: T; all: number[] } {
  const all: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    result = fn();
    all.push(now() - t0);
  }
  const sorted = [...all].sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)], result, all };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = now();
  const result = await fn();
  return { ms: now() - t0, result };
}

/** A field of /proc/self/status in MB (VmHWM = peak RSS, VmRSS = current), or null off Linux. */
export function procStatusMb(field: 'VmHWM' | 'VmRSS', pid: number | 'self' = 'self'): number | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Reset the kernel's peak-RSS counter of this process (Linux ≥ 4.0: writing 5 to
 * clear_refs), so the next VmHWM reading covers only what follows. Returns false when
 * not possible; then `PeakSampler` is the fallback.
 */
export function resetPeakRss(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples process.memoryUsage().rss every few ms (only between awaits/ticks; VmHWM is exact). */
export class PeakSampler {
  peak = 0;
  private timer: NodeJS.Timeout | null = null;
  start(everyMs = 5): this {
    this.peak = process.memoryUsage().rss;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage().rss);
    }, everyMs);
    return this;
  }
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
    return this.peak / (1024 * 1024);
  }
}

/** Peak RSS in MB since the last reset: VmHWM where available, else the sampler's figure. */
export function peakRssMb(sampler?: PeakSampler): number {
  const hwm = procStatusMb('VmHWM');
  if (hwm !== null) return hwm;
  return sampler ? sampler.stop() : process.memoryUsage().rss / (1024 * 1024);
}

/** The demo generator's seeded PRNG (mulberry32), so bench inputs are reproducible too. */
export { prng as rng } from '../src/cli/demo/generate';

export function ratioFigure(
  f: Omit<Figure, 'ratio' | 'pass'> & { baseline: number; maxRatio?: number },
): Figure {
  const ratio = f.baseline > 0 ? f.value / f.baseline : Number.POSITIVE_INFINITY;
  const { maxRatio, ...rest } = f;
  return {
    ...rest,
    ratio,
    ...(maxRatio !== undefined ? { target: `≤ ${maxRatio}×`, pass: ratio <= maxRatio } : {}),
  };
}

/** Where a benchmark child writes its figures (bench/run.mjs passes BENCH_OUT). */
export function writeFigures(figures: Figure[], extra: Record<string, unknown> = {}): void {
  const out = process.env.BENCH_OUT;
  const body = JSON.stringify({ figures, ...extra }, null, 2);
  if (out) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, body);
  } else {
    process.stdout.write(`${body}\n`);
  }
}

export function log(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

/** bench/ and bench/tmp/ of the checkout, whether run from source or from bench/tmp/build. */
export function benchDir(): string {
  return process.env.BENCH_DIR ?? path.resolve(__dirname, '..', '..');
}

export function tmpDir(...parts: string[]): string {
  const dir = path.join(benchDir(), 'tmp', ...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function repoRoot(): string {
  return path.resolve(benchDir(), '..');
}
