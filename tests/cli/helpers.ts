/** Shared helpers of the CLI tests: building dist/cli.js, running bin/tonghop.js, writing workbooks. */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoSheet, demoYears } from '../../src/cli/demo/data';
import type { DemoYear } from '../../src/cli/demo/generate';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { defaultCatalogue, defaultUnits } from '../../src/engine/catalogue/defaults';
import type { SheetModel } from '../../src/engine/report/model';
import type { Unit } from '../../src/engine/types';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'bin/tonghop.js');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
/** A fixed clock for reproducible output: the morning after the September 2018 deadline. */
export const NOW = '2018-09-20T03:00:00.000Z';

export const catalogue = defaultCatalogue();
export const units = defaultUnits();

/** Build dist/cli.js with scripts/build-cli.mjs's buildCli (an ES module, so in a child process). */
export function buildCli(): void {
  execFileSync(
    process.execPath,
    ['--input-type=module', '-e', "const m = await import('./scripts/build-cli.mjs'); await m.buildCli();"],
    { cwd: ROOT, stdio: 'inherit' },
  );
}

export function tmpDir(prefix = 'tonghop-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node bin/tonghop.js …` as a child process (async: a test may serve SMTP meanwhile). */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, TONGHOP_NOW: NOW };
  for (const k of Object.keys(env)) if (k.startsWith('TONGHOP_SMTP') || k === 'TONGHOP_MAIL_FROM') delete env[k];
  delete env.TONGHOP_DEBUG;
  Object.assign(env, options.env ?? {});
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * `args` run as an unprivileged user (nobody) when the tests run as root, who may write and read
 * any file whatever its mode; as the user itself otherwise. Null when root cannot drop privileges.
 */
export function runCliAsNobody(args: string[], cwd: string): Promise<CliResult> | null {
  if (process.getuid?.() !== 0) return runCli(args, { cwd });
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
  if (!setpriv) return null;
  try {
    const stdout = execFileSync(
      setpriv,
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args],
      { cwd, env: { ...process.env, TONGHOP_NOW: NOW }, encoding: 'utf8' },
    );
    return Promise.resolve({ code: 0, stdout, stderr: '' });
  } catch (e) {
    const err = e as { status: number | null; stdout?: string; stderr?: string };
    return Promise.resolve({ code: err.status, stdout: err.stdout ?? '', stderr: err.stderr ?? '' });
  }
}

export function unit(code: string): Unit {
  const u = units.find((x) => x.code === code);
  if (!u) throw new Error(`no unit ${code}`);
  return u;
}

/** The demo data of a year with the deliberate faults removed (or kept with `faults`). */
export function demoYear(year: number, faults = false): DemoYear {
  const y = demoYears().find((d) => d.year === year);
  if (!y) throw new Error(`no demo year ${year}`);
  const copy: DemoYear = JSON.parse(JSON.stringify(y));
  if (!faults) for (const u of Object.values(copy.units)) u.typed = {};
  return copy;
}

/** The commune sheet of the demo data, with extra typed cells ("CODE:month" → text). */
export function communeSheet(
  code: string,
  year: number,
  typed: Record<string, string> = {},
  faults = false,
): SheetModel {
  const y = demoYear(year, faults);
  y.units[code].typed = { ...y.units[code].typed, ...typed };
  const sheet = demoSheet(unit(code), y, catalogue);
  if (!sheet) throw new Error(`no demo sheet ${code}`);
  return sheet;
}

export async function writeCommune(
  dir: string,
  code: string,
  year: number,
  typed: Record<string, string> = {},
  faults = false,
): Promise<string> {
  const file = path.join(dir, `${code}-${year}.xlsx`);
  await writeXlsx({ sheets: [communeSheet(code, year, typed, faults)] }, file);
  return file;
}

/** Sum of a demo indicator over the given units for months first..last (nulls skipped). */
export function demoSum(year: number, codes: string[], indicator: string, first: number, last: number): number {
  const y = demoYear(year);
  let total = 0;
  for (const c of codes) {
    const vs = y.units[c].values[indicator];
    for (let m = first; m <= last; m++) total += vs[m - 1] ?? 0;
  }
  return total;
}
