/**
 * The bad-input corpus (tests/fixtures/bad/cases.json, made by make-corpus.ts) and what
 * the hardening tests share: reading a case's .xlsx into grids the way a shell does (a
 * small exceljs reader of our own, so the engine tests do not depend on the CLI's), the
 * totals a case must produce, running `node bin/tonghop.js`, and the no-stack-trace check.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { defaultCatalogue, defaultSettings } from '../../src/engine/catalogue/defaults';
import { parseUnits } from '../../src/engine/catalogue/schema';
import type {
  CellValue,
  Finding,
  Grid,
  Period,
  SheetInput,
  Summary,
  Unit,
  WorkbookInput,
} from '../../src/engine/types';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'bin/tonghop.js');
export const BAD = path.join(ROOT, 'tests/fixtures/bad');
/** A fixed clock: after the September 2018 deadline. */
export const NOW = '2018-09-20T03:00:00.000Z';

export interface ExpectedFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  cell?: string;
  message: string;
  cliOnly?: boolean;
  /** Only `check --year 2018` reports it (aggregating 2018 also accepts 2017 sheets). */
  checkOnly?: boolean;
}

export interface Case {
  id: string;
  what: string;
  kind: 'cell' | 'layout' | 'workbook' | 'file';
  file: string;
  findings: ExpectedFinding[];
  exit: { check: number; aggregate: number };
  counted: boolean;
  values: Record<string, number | null>;
  gas: boolean;
  gasNote?: string;
}

export interface Corpus {
  period: string;
  year: number;
  month: number;
  units: string;
  subject: string;
  good: string[];
  goodUnits: string[];
  base: Record<string, Record<string, number | null>>;
  cases: Case[];
}

export const corpus: Corpus = JSON.parse(fs.readFileSync(path.join(BAD, 'cases.json'), 'utf8'));
export const catalogue = defaultCatalogue();
export const settings = defaultSettings();
export const PERIOD: Period = { type: 'month', year: corpus.year, index: corpus.month };

export const units: Unit[] = (() => {
  const r = parseUnits(JSON.parse(fs.readFileSync(path.join(BAD, corpus.units), 'utf8')), corpus.units);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
})();

export const numericCodes = catalogue.indicators.filter((i) => i.kind !== 'note').map((i) => i.code);

/** The subject commune's September value of an indicator in this case (null: left out). */
export function subjectValue(c: Case, code: string): number | null {
  if (!c.counted) return null;
  if (code in c.values) return c.values[code];
  if ('*' in c.values) return c.values['*'];
  return corpus.base[corpus.subject][code];
}

/** The period total each indicator must have: the good units' values plus what the case keeps. */
export function expectedTotals(c: Case): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const code of numericCodes) {
    let total: number | null = null;
    for (const u of corpus.goodUnits) {
      const v = corpus.base[u][code];
      if (v !== null) total = (total ?? 0) + v;
    }
    const s = subjectValue(c, code);
    if (s !== null) total = (total ?? 0) + s;
    out[code] = total === null ? null : Number(total.toPrecision(15));
  }
  return out;
}

/** Compare a summary's totals and the good units' figures with what the case must give. */
export function totalsProblems(c: Case, summary: Summary): string[] {
  const want = expectedTotals(c);
  const problems: string[] = [];
  for (const ind of summary.indicators) {
    if (ind.kind === 'note') continue;
    const w = want[ind.code];
    const ok = w === null ? ind.period === null : ind.period !== null && Math.abs(ind.period - w) < 1e-9;
    if (!ok) problems.push(`${c.id}: ${ind.code} total ${ind.period}, expected ${w}`);
    for (const u of corpus.goodUnits) {
      const f = ind.byUnit.find((b) => b.unitCode === u);
      const base = corpus.base[u][ind.code];
      if (!f || f.period !== base) problems.push(`${c.id}: ${u} ${ind.code} = ${f?.period}, expected ${base}`);
    }
  }
  return problems;
}

/** Does a finding match an expected one (code, severity, cell, message substring)? */
export function matches(f: Pick<Finding, 'code' | 'severity' | 'cell' | 'message'>, e: ExpectedFinding): boolean {
  return (
    f.code === e.code &&
    f.severity === e.severity &&
    (e.cell === undefined || f.cell === e.cell) &&
    f.message.includes(e.message)
  );
}

/** A JavaScript stack trace or an internal-error banner in some output. */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+[(:]\d+:\d+\)?/.test(text) || /Lỗi không mong đợi|TypeError|ReferenceError|RangeError/.test(text);
}

// ---------------------------------------------------------------- reading .xlsx like a shell

function plain(v: unknown): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date)
    return new Date(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate(), v.getUTCHours(), v.getUTCMinutes());
  const o = v as Record<string, unknown>;
  if ('error' in o) return String(o.error);
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
  if ('formula' in o || 'sharedFormula' in o) return plain(o.result);
  if ('text' in o) return String(o.text);
  return '';
}

/**
 * A workbook's sheets as getValues() would give them ('' for empty; formulas give their
 * cached result; merged cells other than the top-left are empty), or null when exceljs
 * cannot open the file at all.
 */
export async function readSheets(file: string): Promise<SheetInput[] | null> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  return wb.worksheets.map((ws) => {
    const grid: Grid = [];
    let width = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const v = cell.type === ExcelJS.ValueType.Merge ? '' : plain(cell.value);
        while (grid.length < r) grid.push([]);
        grid[r - 1][col - 1] = v;
        width = Math.max(width, col);
      });
    });
    for (const row of grid) for (let i = 0; i < width; i++) if (row[i] === undefined) row[i] = '';
    const merges = Object.values(
      (ws as unknown as { _merges: Record<string, { tl: string; br: string }> })._merges ?? {},
    )
      .filter(Boolean)
      .map((m) => `${m.tl}:${m.br}`);
    return { name: ws.name, grid, merges };
  });
}

export async function goodWorkbooks(): Promise<WorkbookInput[]> {
  const out: WorkbookInput[] = [];
  for (const f of corpus.good) {
    const sheets = await readSheets(path.join(BAD, f));
    if (!sheets) throw new Error(`cannot read ${f}`);
    out.push({ source: f, sheets });
  }
  return out;
}

// ---------------------------------------------------------------- the CLI as a child process

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node bin/tonghop.js …` with a fixed clock, no SMTP settings, from tests/fixtures/bad. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<CliResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('TONGHOP_')) env[k] = v;
  Object.assign(env, { TONGHOP_NOW: NOW }, options.env ?? {});
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
      cwd: options.cwd ?? BAD,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Make sure dist/cli.js is fresh before many CLI processes start at once. */
export function warmCli(): void {
  execFileSync(process.execPath, [BIN, '--help'], { cwd: ROOT, stdio: 'ignore' });
}

export function tmpDir(prefix = 'tonghop-hardening-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
