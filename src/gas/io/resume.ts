/**
 * "Tổng hợp" beyond one execution. Apps Script stops a run at 6 minutes; the Sheets API read
 * (parallel-books.ts) is given READ_BUDGET_MS and returns the units it did not reach in
 * `pending`. Then what was read is kept in a hidden staging sheet of the master, one per period
 * ("~ Tạm đọc Tổng hợp 2018-09": one row per unit, its code and its book as compact JSON, cut
 * into cells of at most CELL_CHARS; the first row holds the state), written with ONE setValues,
 * and a one-off trigger (the e-mail job's mechanism: email/triggers.ts scheduleResume, with this
 * handler) calls `resumeAggregate` a minute later, which runs "Tổng hợp" again for the period
 * that has waited longest: the staged units are not read again, the rest are, and when nothing
 * is pending the summary is written as usual and that period's staging sheet is deleted. The
 * trigger is one for all periods, so it is cleared only when no other period still waits for it.
 * The user is told in Vietnamese that the run goes on by itself. Staging saved more than
 * STAGING_MAX_AGE_MS ago is of a run that stopped: never used, dropped by the next run (notes say so).
 *
 * Properties are not used for the data: 9 KB per value, 500 KB in all would not hold 130 units.
 */

import { parsePeriod, periodLabel } from '../../engine/periods/period';
import type { CellValue, Grid, Unit } from '../../engine/types';
import { SHEETS_API_TEXT as T } from '../../messages/vi/sheets-api';
import { now } from '../clock';
import { clearResume, scheduleResume, TIME_ZONE } from '../email/triggers';
import type { UnitBook } from './find-units';
import { type ReadBooksOptions, type ReadBooksResult, readUnitBooksDetailed } from './parallel-books';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The trigger handler (a global function of the add-on, src/gas/main.ts). */
export const AGGREGATE_RESUME_HANDLER = 'resumeAggregate';
/**
 * Hidden sheets of the master holding the units read so far start with this, then the period
 * (stagingSheetName). Starts with "~ ": a temporary sheet. An older version's sheet named just
 * this is found by its state row like the others.
 */
export const STAGING_PREFIX = T.stagingPrefix;
/** The staging sheet of `period` ("2018-09"). */
export const stagingSheetName = (period: string) => `${STAGING_PREFIX} ${period}`;
/** Reading stops starting requests after this long: the rest of the 6 minutes aggregates and writes. */
export const READ_BUDGET_MS = 4 * 60 * 1000;
/** The resume trigger fires this long after a run hands over. */
export const AGGREGATE_RESUME_DELAY_MS = 60 * 1000;
/**
 * Staging saved longer ago than this is not used but dropped, and every unit read again: a
 * chain that goes on saves every ≤ 6 minutes, its trigger fires a minute later, and a busy lock
 * is retried each minute, so older staging is of a run that stopped (a configuration error in the
 * trigger's run, a run killed at 6 minutes) and its figures may since have been corrected.
 */
export const STAGING_MAX_AGE_MS = 30 * 60 * 1000;
/** Characters per staging cell (Google's limit is 50,000). */
export const CELL_CHARS = 45_000;

export interface StagedState {
  /** "2018-09". */
  period: string;
  years: number[];
  /** Runs so far (the first included). */
  runs: number;
  /** When it was last saved (ms). */
  at: number;
  /**
   * The trigger handler that must continue it, or null when only its caller does (the e-mail
   * job, which resumes its own job). Absent in an older version's state: AGGREGATE_RESUME_HANDLER.
   */
  handler?: string | null;
}

/** The trigger handler a staged period waits for; null: none. */
export const handlerOf = (state: StagedState): string | null =>
  state.handler === undefined ? AGGREGATE_RESUME_HANDLER : state.handler;

export interface Staging {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  state: StagedState;
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

const isStagingName = (name: string) => name === STAGING_PREFIX || name.startsWith(`${STAGING_PREFIX} `);

/** The staging sheet's state, when its state row can be read. */
function stagingOf(sheet: Sheet): Staging | null {
  const first = sheet.getRange(1, 1, 1, sheet.getLastColumn() || 1).getValues()[0] ?? [];
  const state = stagedState(first);
  return state && typeof state.period === 'string' ? { sheet, state } : null;
}

/**
 * Every staging sheet whose state row can be read (the sheet name is not trusted for the period).
 * `names`: the master's tab names when the caller knows them (a "Tổng hợp" has read them over the
 * API): only those sheets are opened, not a call per tab of a master holding every unit's tabs.
 */
export function listStagings(master: Spreadsheet, names?: string[]): Staging[] {
  const sheets = names
    ? names.filter(isStagingName).flatMap((n) => master.getSheetByName(n) ?? [])
    : master.getSheets().filter((sheet) => isStagingName(sheet.getName()));
  return sheets.flatMap((sheet) => stagingOf(sheet) ?? []);
}

/** `period`'s staging sheets: its own name's, and an older version's unsuffixed one of it. */
function stagingsOf(master: Spreadsheet, period: string): Staging[] {
  return listStagings(master, [stagingSheetName(period), STAGING_PREFIX]).filter((s) => s.state.period === period);
}

/** The staged state and books for `period`, or null (none: other periods' are ignored). */
export function loadStaging(
  master: Spreadsheet,
  period: string,
  units: Unit[],
  /** `period`'s staging sheets when the caller has looked them up already. */
  found: Staging[] = stagingsOf(master, period),
): { state: StagedState; books: Map<string, UnitBook> } | null {
  // Two for one period only beside an older version's sheet: the newest is the one saved last.
  const newest = [...found].sort((a, b) => b.state.at - a.state.at)[0];
  return newest ? readStaging(newest, units) : null;
}

/** A staging sheet's books of `units` (rows of units no longer listed, or damaged, left out). */
function readStaging(found: Staging, units: Unit[]): { state: StagedState; books: Map<string, UnitBook> } {
  const { sheet, state } = found;
  const rows = sheet.getDataRange().getValues() as unknown[][];
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
  const name = stagingSheetName(state.period);
  let sheet = master.getSheetByName(name);
  if (!sheet) {
    sheet = master.insertSheet(name, master.getNumSheets());
    sheet.hideSheet();
  } else sheet.clearContents();
  if (sheet.getMaxRows() < rows.length) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  // Text as text: a code such as "007" or a JSON part starting with "=" must not be parsed.
  const range = sheet.getRange(1, 1, rows.length, width);
  range.setNumberFormat('@');
  range.setValues(rows);
}

/** Delete `period`'s staging (an older version's unsuffixed sheet of it too); other periods' stay. */
export function dropStaging(master: Spreadsheet, period: string): void {
  for (const s of stagingsOf(master, period)) master.deleteSheet(s.sheet);
  const left = master.getSheetByName(stagingSheetName(period)); // one whose state row is damaged
  if (left) master.deleteSheet(left);
}

/** Too old to be used (STAGING_MAX_AGE_MS); a state without a time is too. */
export const isStale = (state: StagedState, nowMs = now().getTime()): boolean =>
  !(typeof state.at === 'number' && nowMs - state.at <= STAGING_MAX_AGE_MS);

/** Delete the staging too old to be used (every period's): their states. */
export function dropStaleStagings(master: Spreadsheet, names?: string[]): StagedState[] {
  return dropStale(master, listStagings(master, names)).dropped;
}

/** Of `found`, the stale are deleted (their states returned), the others kept. */
function dropStale(master: Spreadsheet, found: Staging[]): { dropped: StagedState[]; kept: Staging[] } {
  const dropped: StagedState[] = [];
  const kept: Staging[] = [];
  for (const s of found) {
    if (!isStale(s.state)) kept.push(s);
    else {
      master.deleteSheet(s.sheet);
      dropped.push(s.state);
    }
  }
  return { dropped, kept };
}

/**
 * Staged periods the trigger `handler` must still continue, the one that has waited longest
 * first. Too old ones are not: the trigger would keep rescheduling itself for them.
 */
export function waitingFor(master: Spreadsheet, handler: string, names?: string[]): StagedState[] {
  return listStagings(master, names)
    .map((s) => s.state)
    .filter((st) => handlerOf(st) === handler && !isStale(st))
    .sort((a, b) => a.at - b.at);
}

/** "10:05 ngày 05/10/2018" in `timeZone`. */
export function stagedAt(state: StagedState, timeZone = TIME_ZONE): string {
  return Utilities.formatDate(new Date(state.at), timeZone, T.stagedAtFormat);
}

/**
 * The note for a too old staging dropped by a run of `period` (null: the trigger's, of none): its
 * own (every unit read again), or another period's a trigger should have finished (not written:
 * to run again). An e-mail job's own is not named: the job says what became of its report.
 */
export function staleNote(state: StagedState, period: string | null, timeZone?: string): string | null {
  const minutes = STAGING_MAX_AGE_MS / 60_000;
  if (state.period === period) return T.stagingTooOld(stagedAt(state, timeZone), minutes);
  const p = parsePeriod(state.period);
  if (handlerOf(state) === null || !p) return null;
  return T.stagingAbandoned(periodLabel(p), stagedAt(state, timeZone), minutes);
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
): ReadBooksResult & { done: () => void } {
  const { period, budgetMs = READ_BUDGET_MS, resumeHandler = AGGREGATE_RESUME_HANDLER, ...read } = opts;
  // Staging too old is of a run that stopped: its figures are not used, and the sheet goes.
  const notes: string[] = [];
  const said = (states: StagedState[]) => {
    for (const st of states) {
      const note = staleNote(st, period, read.timeZone);
      if (note !== null) notes.push(note);
    }
  };
  // The period's own staging looked up once: the stale dropped (and said), the rest used.
  const own = dropStale(master, stagingsOf(master, period));
  said(own.dropped);
  const staged = loadStaging(master, period, units, own.kept);
  // A unit staged with a read error (often a passing timeout) is read again, after the units not
  // read yet; if the time runs out first, its staged error stands rather than handing over again.
  const failed = (code: string) => staged?.books.get(code)?.error !== undefined;
  const todo = staged
    ? [...units.filter((u) => !staged.books.has(u.code)), ...units.filter((u) => failed(u.code))]
    : units;
  // Every unit's tabs are its own, not left-over tabs, also those read by an earlier run.
  const r = readUnitBooksDetailed(master, todo, years, { ...read, budgetMs, allUnits: units });
  // Other periods' staging, found by the tab names the read has learnt (no call per tab).
  const names = read.index?.knownNames();
  if (names?.length) said(dropStaleStagings(master, names));
  const fresh = new Map(r.books.map((b) => [b.unit.code, b]));
  const books = units
    .map((u) => fresh.get(u.code) ?? staged?.books.get(u.code))
    .filter((b): b is UnitBook => b !== undefined);
  if (r.pending.some((code) => !failed(code))) {
    // A period a user run handed over to a trigger stays the trigger's when the e-mail job (no
    // handler of its own here) reads more of it: else that trigger would find nothing to continue.
    const handler = resumeHandler ?? (staged ? handlerOf(staged.state) : null);
    const state: StagedState = {
      period,
      years,
      runs: (staged?.state.runs ?? 0) + 1,
      at: now().getTime(),
      handler,
    };
    saveStaging(master, state, books);
    if (handler !== null) scheduleResume(AGGREGATE_RESUME_DELAY_MS, handler);
    const message = [T.continues(books.length, units.length), ...notes].join(' ');
    throw new ReadContinues(message, books.length, units.length, state.runs);
  }
  // The staging goes only once the caller has written the summary (`done`): a write that fails
  // leaves the read staged, for the trigger to try the write again (resume-run.ts).
  const done = () => {
    if (!staged) return;
    dropStaging(master, period);
    // A "Tổng hợp" handed over earlier for this period is done now, whoever finished it. The
    // trigger is one for all periods: while another still waits it stays due (this run may be
    // the trigger's own, which cleared it on starting).
    const handler = handlerOf(staged.state);
    if (handler !== null) {
      if (waitingFor(master, handler, names?.length ? names : undefined).length)
        scheduleResume(AGGREGATE_RESUME_DELAY_MS, handler);
      else clearResume(handler);
    }
  };
  return { ...r, books, pending: [], notes: [...notes, ...r.notes], done };
}
