/**
 * "Tổng hợp" beyond one execution. Apps Script stops a run at 6 minutes; the Sheets API read
 * (parallel-books.ts) is given READ_BUDGET_MS and returns the units it did not reach in
 * `pending`. Then what was read is kept in a hidden staging sheet of the master (one row per
 * unit: its code and its book as compact JSON, cut into cells of at most CELL_CHARS; the first
 * row holds the state), written with ONE setValues, and a one-off trigger (the e-mail job's
 * mechanism: email/triggers.ts scheduleResume, with this handler) calls `resumeAggregate`
 * a minute later, which runs "Tổng hợp" for the same period again: the staged units are not
 * read again, the rest are, and when nothing is pending the summary is written as usual and
 * the staging sheet is deleted. The user is told in Vietnamese that the run goes on by itself.
 *
 * Properties are not used for the data: 9 KB per value, 500 KB in all would not hold 130 units.
 */
import type { CellValue, Grid, Unit } from '../../engine/types';
import { SHEETS_API_TEXT as T } from '../../messages/vi/sheets-api';
import { now } from '../clock';
import { clearResume, scheduleResume } from '../email/triggers';
import type { UnitBook } from '../io';
import { type ReadBooksOptions, type ReadBooksResult, readUnitBooksDetailed } from './parallel-books';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The trigger handler (a global function of the add-on, src/gas/main.ts). */
export const AGGREGATE_RESUME_HANDLER = 'resumeAggregate';
/** Hidden sheet of the master holding the units read so far. Starts with "~ ": a temporary sheet. */
export const STAGING_SHEET = '~ Tạm đọc Tổng hợp';
/** Reading stops starting requests after this long: the rest of the 6 minutes aggregates and writes. */
export const READ_BUDGET_MS = 4 * 60 * 1000;
/** The resume trigger fires this long after a run hands over. */
export const AGGREGATE_RESUME_DELAY_MS = 60 * 1000;
/** Characters per staging cell (Google's limit is 50,000). */
export const CELL_CHARS = 45_000;

export interface StagedState {
  /** "2018-09". */
  period: string;
  years: number[];
  /** Runs so far (the first included). */
  runs: number;
  at: number;
}

/** Raised by a run that handed over to the resume trigger: its message is for the user. */
export class ReadContinues extends Error {
  constructor(
    message: string,
    readonly done: number,
    readonly total: number,
    /** Runs that have read for this period so far, this one included. */
    readonly runs = 1,
  ) {
    super(message);
    this.name = 'ReadContinues';
  }
}

// ---------------------------------------------------------------- books as JSON

interface BookJson {
  s: string;
  x: boolean;
  u?: string;
  n: [number, string][];
  g: [number, unknown[][]][];
  m?: [number, string[]][];
  e?: string;
  l?: string;
  w?: string[];
}

function cellOut(v: CellValue): unknown {
  return v instanceof Date ? { d: v.getTime() } : (v ?? '');
}

function cellIn(v: unknown): CellValue {
  if (v && typeof v === 'object' && typeof (v as { d?: unknown }).d === 'number')
    return new Date((v as { d: number }).d);
  return v as CellValue;
}

export function encodeBook(b: UnitBook): string {
  const json: BookJson = {
    s: b.source,
    x: b.external,
    n: [...b.names.entries()],
    g: [...b.grids.entries()].map(([y, grid]) => [y, grid.map((row) => row.map(cellOut))]),
  };
  if (b.url) json.u = b.url;
  if (b.merges?.size) json.m = [...b.merges.entries()];
  if (b.error) json.e = b.error;
  if (b.errorLog && b.errorLog !== b.error) json.l = b.errorLog;
  if (b.warnings?.length) json.w = b.warnings;
  return JSON.stringify(json);
}

export function decodeBook(text: string, unit: Unit): UnitBook {
  const j = JSON.parse(text) as BookJson;
  return {
    unit,
    spreadsheet: null,
    external: j.x,
    url: j.u,
    source: j.s,
    sheets: new Map(),
    names: new Map(j.n),
    grids: new Map(j.g.map(([y, grid]) => [y, grid.map((row) => row.map(cellIn)) as Grid])),
    merges: new Map(j.m ?? []),
    ...(j.e ? { error: j.e, errorLog: j.l ?? j.e } : {}),
    ...(j.w?.length ? { warnings: j.w } : {}),
  };
}

// ---------------------------------------------------------------- the staging sheet

/** The staged state and books for `period`, or null (none, or another period's: ignored). */
/** A staging row's JSON: cut over its cells from column B (column A names the row). */
const rowJson = (row: unknown[]) => row.slice(1).map(String).join('');

/** The state in the staging sheet's first row; null when unreadable. */
export function stagedState(firstRow: unknown[]): StagedState | null {
  try {
    return (JSON.parse(rowJson(firstRow)) as StagedState) ?? null;
  } catch {
    return null;
  }
}

export function loadStaging(
  master: Spreadsheet,
  period: string,
  units: Unit[],
): { state: StagedState; books: Map<string, UnitBook> } | null {
  const sheet = master.getSheetByName(STAGING_SHEET);
  if (!sheet) return null;
  const rows = sheet.getDataRange().getValues() as unknown[][];
  const state = stagedState(rows[0] ?? []);
  if (!state || state.period !== period) return null;
  const byCode = new Map(units.map((u) => [u.code, u]));
  const books = new Map<string, UnitBook>();
  for (const r of rows.slice(1)) {
    const unit = byCode.get(String(r[0]));
    if (!unit) continue; // a unit removed from "Đơn vị" since: read no more
    try {
      books.set(unit.code, decodeBook(rowJson(r), unit));
    } catch {
      // a damaged row: that unit is read again
    }
  }
  return { state, books };
}

/** Replace the staging sheet's content: the state and every book (one setValues). */
export function saveStaging(master: Spreadsheet, state: StagedState, books: UnitBook[]): void {
  const cut = (text: string) => {
    const parts: string[] = [];
    for (let i = 0; i < text.length; i += CELL_CHARS) parts.push(text.slice(i, i + CELL_CHARS));
    return parts.length ? parts : [''];
  };
  const rows: string[][] = [
    ['state', ...cut(JSON.stringify(state))],
    ...books.map((b) => [b.unit.code, ...cut(encodeBook(b))]),
  ];
  const width = Math.max(...rows.map((r) => r.length));
  for (const r of rows) while (r.length < width) r.push('');
  let sheet = master.getSheetByName(STAGING_SHEET);
  if (!sheet) {
    sheet = master.insertSheet(STAGING_SHEET, master.getNumSheets());
    sheet.hideSheet();
  } else sheet.clearContents();
  if (sheet.getMaxRows() < rows.length) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  // Text as text: a code such as "007" or a JSON part starting with "=" must not be parsed.
  const range = sheet.getRange(1, 1, rows.length, width);
  range.setNumberFormat('@');
  range.setValues(rows);
}

export function dropStaging(master: Spreadsheet): void {
  const sheet = master.getSheetByName(STAGING_SHEET);
  if (sheet) master.deleteSheet(sheet);
}

// ---------------------------------------------------------------- the read, resumable

export interface ResumableOptions extends ReadBooksOptions {
  /** The period's key ("2018-09"): staged books of another period are ignored. */
  period: string;
  /** Reading time of this run; default READ_BUDGET_MS. */
  budgetMs?: number;
  /**
   * The trigger handler that continues the run (default AGGREGATE_RESUME_HANDLER), or null when
   * the caller continues by itself: the monthly e-mail job resumes its own job, whose next run
   * aggregates the same period again and so takes up the staged books.
   */
  resumeHandler?: string | null;
}

/**
 * readUnitBooksDetailed with a deadline, continued across runs: books staged by an earlier run
 * of the same period are used, the other units read; if some are still pending at the deadline,
 * everything read is staged, the resume trigger scheduled and ReadContinues thrown.
 */
export function readUnitBooksResumable(
  master: Spreadsheet,
  units: Unit[],
  years: number[],
  opts: ResumableOptions,
): ReadBooksResult {
  const { period, budgetMs = READ_BUDGET_MS, resumeHandler = AGGREGATE_RESUME_HANDLER, ...read } = opts;
  const staged = loadStaging(master, period, units);
  const todo = staged ? units.filter((u) => !staged.books.has(u.code)) : units;
  // Every unit's tabs are its own, not left-over tabs, also those read by an earlier run.
  const r = readUnitBooksDetailed(master, todo, years, { ...read, budgetMs, allUnits: units });
  const fresh = new Map(r.books.map((b) => [b.unit.code, b]));
  const books = units
    .map((u) => fresh.get(u.code) ?? staged?.books.get(u.code))
    .filter((b): b is UnitBook => b !== undefined);
  if (r.pending.length) {
    const state: StagedState = { period, years, runs: (staged?.state.runs ?? 0) + 1, at: now().getTime() };
    saveStaging(master, state, books);
    if (resumeHandler !== null) scheduleResume(AGGREGATE_RESUME_DELAY_MS, resumeHandler);
    throw new ReadContinues(T.continues(books.length, units.length), books.length, units.length, state.runs);
  }
  if (staged) {
    dropStaging(master);
    // A "Tổng hợp" handed over earlier for this period is done now, whoever finished it.
    clearResume(AGGREGATE_RESUME_HANDLER);
  }
  return { ...r, books };
}
