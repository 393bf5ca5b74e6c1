/**
 * "Tổng hợp": read every unit (one getValues per sheet; layout b via openByUrl, failures
 * caught per unit), aggregate with the engine, and write the summary into the master.
 *
 * Safety: over the Sheets API the whole write is one atomic batchUpdate (sheets-write.ts). With
 * SpreadsheetApp the new sheets are rendered into temporary sheets first; only when all of them
 * are complete, and "Dữ liệu" is rewritten, are the old sheets overwritten from them (keeping
 * their sheetIds, which the user's own formulas and charts are bound to) and the temporary
 * sheets deleted (replaceSheets). So a failure leaves either the whole previous summary and
 * "Dữ liệu" or the whole new one, and no "~ …" sheet — but for an overwrite failing part-way
 * and then the swap too, which the notes name. Long-format rows go to "Dữ liệu" (that period's
 * rows replaced: one read, one write over the old rows, leftover rows cleared).
 */
import { lastClosedPeriod, todayIn } from '../engine/periods/cutoff';
import { formatPeriod, parsePeriodInput, periodLabel } from '../engine/periods/period';
import { summarise } from '../engine/pipeline';
import { LONG_CSV_HEADER, LONG_HEADER, longRows } from '../engine/report/long-rows';
import type { SheetModel } from '../engine/report/model';
import {
  aggregateSheetName,
  aggregateUnit,
  buildSummaryWorkbook,
  type PreviousAggregate,
  summarySheetName,
} from '../engine/report/summary-workbook';
import { colLetter, distinctDisplayName, unitSheetName } from '../engine/sheet/layout';
import { readWorkbook } from '../engine/sheet/read';
import { aggregatingLevel } from '../engine/text/level';
import type { Grid, Period, Settings, Summary } from '../engine/types';
import { noReportSources, withUnreadableReports } from '../engine/unreadable';
import { AGGREGATE, SHEETS, SHEETS_WRITE, sheetsNoLastYearAdvice } from '../messages/vi/gas';
import { now } from './clock';
import { type Config, urlPlaceOf } from './config';
import { separateBooks } from './email/year-sheets';
import { logText } from './errors';
import {
  bookFindings,
  explainMissing,
  isAddonSheet,
  isCopyName,
  nameBooks,
  noReportBooks,
  SheetIndex,
  toWorkbooks,
  type UnitBook,
  withFormerUnits,
} from './io/find-units';
import { readUnitBooksResumable } from './io/resume';
import {
  applyCharts,
  applyValidations,
  conditionalRules,
  fitSize,
  GENERAL,
  renderSheet,
  SPARE_COLS,
  SPARE_ROWS,
  TEXT,
  trimEmptyGrid,
} from './render';
import {
  backupName,
  buildSummaryBatch,
  type DataRewrite,
  MAX_PAYLOAD_BYTES,
  payloadBytes,
  readMasterState,
  SHEET_NAME_MAX,
  SheetsApiUnavailable,
  SheetsWriteError,
  sendBatchUpdate,
  tempName,
} from './sheets-write';
import { cellText, isDate, normalizeName, readGrid } from './util';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function defaultPeriod(config: Config): Period {
  const today = todayIn(config.settings.timeZone, now());
  return lastClosedPeriod(today, 'month', config.settings);
}

/**
 * The period typed by the user ('' → the default), or null if it is not a period. A month or
 * quarter without a year ("9", "tháng 9", "quý 3") is the latest such by the default period, as
 * "Nộp báo cáo" takes a month typed alone (parsePeriodInput).
 */
export function periodFromInput(text: string, def: Period): Period | null {
  const t = text.trim();
  if (!t) return def;
  return parsePeriodInput(t, def);
}

export interface AggregateResult {
  period: Period;
  summary: Summary;
  /** Name of the main summary sheet. */
  sheetName: string;
  /** Names of all sheets written. */
  sheets: string[];
  /** Units that could not be read, with reasons (Vietnamese). */
  problems: string[];
  /** The same for "Nhật ký", with Google's original error texts for IT staff. */
  problemsForLog: string[];
  /** Warnings about the units' tabs (look-alike names ignored), also in the "Kiểm tra" sheet. */
  warnings: string[];
  /** Clean-up steps that failed after the new summary was in place (the result stands). */
  notes: string[];
  /** For "Nhật ký" only: how the summary was written when not in the one API call. */
  logNotes: string[];
  message: string;
}

/**
 * The sheets of the summary workbook as they are named in the master: sheets without a
 * year in their name ("Theo đơn vị", "Kiểm tra") get the period, so each period keeps its own.
 */
export function masterSheetModels(summary: Summary, models: SheetModel[]): SheetModel[] {
  const key = formatPeriod(summary.period);
  return models.map((m) =>
    /(?:19|20)\d{2}/.test(m.name) ? m : { ...m, name: `${m.name} ${key}`.slice(0, SHEET_NAME_MAX) },
  );
}

/** Try a clean-up step twice (a passing service error should not leave a "~ …" sheet behind). */
function twice(fn: () => void): boolean {
  for (let i = 0; i < 2; i++) {
    try {
      fn();
      return true;
    } catch {
      // try again, then give up quietly: the caller reports it
    }
  }
  return false;
}

export interface ReplaceResult {
  sheets: Sheet[];
  /** Clean-up steps that failed once the new sheets were in place (Vietnamese; the result stands). */
  notes: string[];
}

interface Written {
  model: SheetModel;
  sheet: Sheet;
  temp: string;
}

/** Render every model into a temporary sheet. On failure the temporary sheets are removed and the error thrown. */
function writeTemporarySheets(
  master: Spreadsheet,
  models: SheetModel[],
  index: SheetIndex,
  onSheet?: (name: string) => void,
): Written[] {
  const written: Written[] = [];
  try {
    for (const model of models) {
      onSheet?.(model.name);
      const temp = tempName(model.name);
      // From a run that died without cleaning up: a temporary sheet is dropped; an old sheet
      // left under its backup name goes back to its own name if that is free, else is dropped.
      const leftover = index.get(temp);
      if (leftover) {
        master.deleteSheet(leftover);
        index.remove(temp, leftover);
      }
      const backup = backupName(model.name);
      const orphan = index.get(backup);
      if (orphan && !index.get(model.name)) {
        orphan.setName(model.name);
        index.remove(backup, orphan);
        index.add(model.name, orphan);
      } else if (orphan) {
        master.deleteSheet(orphan);
        index.remove(backup, orphan);
      }
      const sheet = master.insertSheet(temp, master.getNumSheets());
      written.push({ model, sheet, temp });
      index.add(temp, sheet);
      renderSheet(sheet, model, { fit: true });
      sheet.protect().setWarningOnly(true).setDescription(model.name);
    }
  } catch (e) {
    for (const w of written) {
      if (twice(() => master.deleteSheet(w.sheet))) index.remove(w.temp, w.sheet);
    }
    throw e;
  }
  return written;
}

/**
 * Overwrite `old` with what `temp` holds (rendered from `model`, grid fitted), keeping `old`'s
 * sheetId: formulas and charts the user built elsewhere on it stay bound. `old` is emptied
 * (charts, color rules, merges, values, formats, notes, validation; frozen rows and columns),
 * fitted to the temporary sheet's grid, and the whole block is pasted in one Range.copyTo
 * (values, formulas, formats, merges, borders) plus one for the column widths; validation,
 * color rules, charts and frozen rows are then set from the model (what a paste takes of them
 * is not documented). Its protection, if it has one, stays; else it gets the warning-only one.
 * Throws when a call fails: `old` may then be part-written.
 */
function copyOnto(temp: Sheet, old: Sheet, model: SheetModel): void {
  const rows = temp.getMaxRows();
  const cols = temp.getMaxColumns();
  for (const chart of old.getCharts()) old.removeChart(chart);
  old.setConditionalFormatRules([]);
  old.setFrozenRows(0);
  old.setFrozenColumns(0);
  const all = old.getRange(1, 1, old.getMaxRows(), old.getMaxColumns());
  all.breakApart();
  all.clear();
  all.clearNote();
  all.clearDataValidations();
  fitSize(old, rows, cols);
  const block = temp.getRange(1, 1, rows, cols);
  const target = old.getRange(1, 1, rows, cols);
  block.copyTo(target, SpreadsheetApp.CopyPasteType.PASTE_NORMAL, false);
  block.copyTo(target, SpreadsheetApp.CopyPasteType.PASTE_COLUMN_WIDTHS, false);
  if (model.frozenRows) old.setFrozenRows(model.frozenRows);
  if (model.frozenCols) old.setFrozenColumns(model.frozenCols);
  applyValidations(old, model.validations);
  // The model's rules replace whatever the paste brought.
  old.setConditionalFormatRules(model.conditionals.length ? conditionalRules(old, model.conditionals) : []);
  applyCharts(old, model.charts);
  if (!old.getProtections(SpreadsheetApp.ProtectionType.SHEET).length)
    old.protect().setWarningOnly(true).setDescription(model.name);
}

/**
 * When overwriting an old sheet failed part-way: the sheets are swapped instead (old renamed
 * to its backup name, the temporary one renamed to the final name and put at the old one's
 * position, the old deleted). Returns the note for the user and the sheet now under the name.
 */
function swapIn(master: Spreadsheet, w: Written, old: Sheet, index: SheetIndex): { note: string; sheet: Sheet } {
  const name = w.model.name;
  const backup = backupName(name);
  let oldRenamed = false;
  try {
    const position = old.getIndex();
    old.setName(backup);
    oldRenamed = true;
    index.remove(name, old);
    index.add(backup, old);
    w.sheet.setName(name);
    index.remove(w.temp, w.sheet);
    index.add(name, w.sheet);
    const notes = [AGGREGATE.sheetReplaced(name)];
    if (twice(() => master.deleteSheet(old))) index.remove(backup, old);
    else notes.push(AGGREGATE.backupLeft(backup));
    try {
      master.setActiveSheet(w.sheet);
      master.moveActiveSheet(position);
    } catch {
      // cosmetic: the sheet stays at the end
    }
    return { note: notes.join(' '), sheet: w.sheet };
  } catch {
    // Neither way: the old sheet keeps its name (part-written), the full new one its temporary name.
    if (oldRenamed && twice(() => old.setName(name))) {
      index.remove(backup, old);
      index.add(name, old);
    }
    return { note: AGGREGATE.sheetUnfinished(name, w.temp), sheet: old };
  }
}

/**
 * Write each model into a temporary sheet; when all are written:
 *   1. a sheet new to the master is renamed to its final name (nothing holds that name),
 *   2. `commit` runs (the "Dữ liệu" rewrite, itself all-or-nothing),
 *   3. every old sheet of the same name is overwritten from its temporary sheet (copyOnto),
 *      keeping its sheetId — the user's formulas and charts on it elsewhere keep working —
 *      and the temporary sheet is deleted.
 * A failure in the writing or in 1–2 deletes the new sheets and is thrown: the previous
 * summary, whole. After 2 the new summary stands: an overwrite failing part-way falls back to
 * swapping that sheet for its temporary one (a new sheetId: said in the notes), and failing
 * that too, the notes say which sheet is unfinished and where the full one is.
 */
export function replaceSheets(
  master: Spreadsheet,
  models: SheetModel[],
  onSheet?: (name: string) => void,
  index: SheetIndex = new SheetIndex(master),
  commit?: () => void,
): ReplaceResult {
  const written = writeTemporarySheets(master, models, index, onSheet);
  const steps = written.map((w) => ({ ...w, old: index.get(w.model.name) }));
  try {
    for (const s of steps) {
      if (s.old) continue;
      s.sheet.setName(s.model.name);
      index.remove(s.temp, s.sheet);
      index.add(s.model.name, s.sheet);
    }
    commit?.();
  } catch (e) {
    for (const s of [...steps].reverse()) {
      if (twice(() => master.deleteSheet(s.sheet))) {
        index.remove(s.model.name, s.sheet);
        index.remove(s.temp, s.sheet);
      }
    }
    throw e;
  }
  // The new summary is decided: the old sheets take its content.
  const notes: string[] = [];
  const sheets: Sheet[] = [];
  for (const s of steps) {
    const old = s.old;
    if (!old) {
      sheets.push(s.sheet);
      continue;
    }
    try {
      copyOnto(s.sheet, old, s.model);
    } catch {
      const r = swapIn(master, s, old, index);
      notes.push(r.note);
      sheets.push(r.sheet);
      continue;
    }
    sheets.push(old);
    if (twice(() => master.deleteSheet(s.sheet))) index.remove(s.temp, s.sheet);
    else notes.push(AGGREGATE.tempLeft(s.temp));
  }
  return { sheets, notes };
}

/** 0-based column of LONG_HEADER holding the number; the others are text. */
export const LONG_VALUE_COL = 5;

export interface LongBlock {
  /**
   * Header + rows (the other periods' rows kept, this period's new), sorted by period, every row
   * as wide as the sheet: columns the user added at the right are kept with their contents.
   */
  all: (string | number | boolean)[][];
  /** Columns of the long format (LONG_HEADER); `all` may be wider. */
  cols: number;
  /**
   * 0-based column of "Số liệu chưa đủ kỳ" (LONG_CSV_HEADER's last): right after `cols`, or, in a
   * sheet made before it with columns of the user's there, after those (theirs stay where they are).
   */
  gapsCol: number;
  /** Whether the sheet had data but not that column (made by an earlier version): it is added. */
  gapsAdded: boolean;
  /** Rows of this period. */
  fresh: number;
  /** Whether the sheet held anything (an empty sheet reads as [['']]). */
  hadData: boolean;
  oldRows: number;
  oldCols: number;
  /**
   * Set when the sheet holds data under another header (a sheet of the user's own named
   * "Dữ liệu", or our header edited): it must not be rewritten, and this says why (Vietnamese).
   */
  foreign: string | null;
}

type LongCell = string | number | boolean;

function isBlankCell(v: unknown): boolean {
  return v === '' || v === null || v === undefined;
}

/** A row as written back: dates as ISO text, empties as '', `width` cells. */
function longCells(r: readonly unknown[], width: number): LongCell[] {
  const out: LongCell[] = [];
  for (let c = 0; c < width; c++) {
    const v = r[c];
    out.push(isDate(v) ? v.toISOString() : isBlankCell(v) ? '' : (v as LongCell));
  }
  return out;
}

/** The first header cell that is not ours, as a Vietnamese reason; null when the header is ours. */
function foreignHeader(row: readonly unknown[] | undefined, header: readonly string[]): string | null {
  for (let c = 0; c < header.length; c++) {
    const v = row?.[c];
    if (normalizeName(cellText(v as string)) !== normalizeName(header[c]))
      return AGGREGATE.dataSheetForeign(SHEETS.data, `${colLetter(c + 1)}1`, cellText(v as string), header[c]);
  }
  return null;
}

/** The column (0-based, past the long format's) whose header is "Số liệu chưa đủ kỳ"; -1 when none is. */
function gapsColumn(head: readonly unknown[] | undefined, from: number): number {
  const want = normalizeName(LONG_CSV_HEADER[from]);
  for (let c = from; c < (head?.length ?? 0); c++) if (normalizeName(cellText(head?.[c] as string)) === want) return c;
  return -1;
}

/**
 * The new content of "Dữ liệu" from what it holds now (`existing`, getValues-like). Pure.
 * Nothing the user typed is dropped: columns added at the right keep their cells (a replaced
 * row's by its unit and indicator), and rows with no period stay, at the end. A sheet made
 * before "Số liệu chưa đủ kỳ" gets that column after its last used one (older rows blank).
 */
export function longRowsBlock(existing: Grid, summary: Summary): LongBlock {
  const header = [...LONG_HEADER];
  const cols = header.length;
  const hadData = existing.some((r) => r.some((v) => !isBlankCell(v)));
  const oldRows = existing.length;
  const oldCols = existing.reduce((n, r) => Math.max(n, r.length), 0);
  const foreign = hadData ? foreignHeader(existing[0], header) : null;
  if (foreign) return { cols, gapsCol: cols, gapsAdded: false, hadData, oldRows, oldCols, all: [], fresh: 0, foreign };
  // The user's columns end at the last one with anything in it.
  let width = cols;
  for (const r of existing) for (let c = r.length - 1; c >= width; c--) if (!isBlankCell(r[c])) width = c + 1;
  // Found by its header: a user's column may sit between it and ours. Else it goes after theirs.
  let gapsCol = gapsColumn(existing[0], cols);
  const gapsAdded = gapsCol < 0 && hadData;
  if (gapsCol < 0) gapsCol = width++;
  const base = { cols, gapsCol, gapsAdded, hadData, oldRows, oldCols };
  const key = formatPeriod(summary.period);
  const rowKey = (r: readonly unknown[]) => `${cellText(r[1] as string)}\u0000${cellText(r[3] as string)}`;
  const userCol = (c: number) => c >= cols && c !== gapsCol;
  const keep: LongCell[][] = [];
  const undated: LongCell[][] = [];
  // This period's old rows that carry cells of the user's: by unit and indicator.
  const extras = new Map<string, LongCell[]>();
  for (const r of existing.slice(1)) {
    const cells = longCells(r, width);
    const period = cellText(r[0] as string);
    if (period === key) {
      if (cells.some((v, c) => userCol(c) && v !== '')) extras.set(rowKey(cells), cells);
    } else if (period !== '') keep.push(cells);
    else if (cells.some((v) => v !== '')) undated.push(cells);
  }
  const made = longRows(summary, true);
  const fresh: LongCell[][] = made.map((r) => {
    const cells = longCells(r.slice(0, cols), width);
    cells[gapsCol] = r[cols];
    const old = extras.get(rowKey(cells));
    if (old) {
      extras.delete(rowKey(cells));
      for (let c = cols; c < width; c++) if (userCol(c)) cells[c] = old[c];
    }
    return cells;
  });
  // A row gone from this period (its value emptied since) keeps the user's cells, without its old figures.
  for (const old of extras.values()) fresh.push(old.map((v, c) => (c === LONG_VALUE_COL || c === gapsCol ? '' : v)));
  const rows = [...keep, ...fresh].sort((a, b) => {
    const pa = String(a[0]);
    const pb = String(b[0]);
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  });
  const head = longCells(existing[0] ?? [], width);
  for (let c = 0; c < cols; c++) head[c] = header[c];
  head[gapsCol] = LONG_CSV_HEADER[cols];
  return { ...base, all: [head, ...rows, ...undated], fresh: made.length, foreign: null };
}

/**
 * Replace the period's rows of "Dữ liệu" with SpreadsheetApp (the fallback writer): one
 * read; the new block written over the old rows with one setValues; then only the rows left
 * over below are cleared. All or nothing: if a write fails, the old rows are put back (a new
 * sheet is removed) and the error is thrown — the other periods' rows are never lost.
 * A sheet under another header is left alone: `foreign` says why (for the user).
 */
export function writeLongRows(master: Spreadsheet, summary: Summary): { fresh: number; foreign: string | null } {
  let sheet = master.getSheetByName(SHEETS.data);
  const existing: Grid = sheet ? readGrid(sheet) : [];
  const block = longRowsBlock(existing, summary);
  if (block.foreign) return { fresh: 0, foreign: block.foreign };
  const { all, fresh, hadData, oldRows, oldCols } = block;
  const cols = all[0].length;
  // Number formats on the long format's own columns only: the user's columns keep theirs.
  const own = block.gapsCol === block.cols ? block.cols + 1 : block.cols;
  const formats = all.map((r, i) => r.slice(0, own).map((_, c) => (i > 0 && c === LONG_VALUE_COL ? GENERAL : TEXT)));
  let created: Sheet | null = null;
  let overwritten = false;
  try {
    if (!sheet) {
      sheet = master.insertSheet(SHEETS.data);
      created = sheet;
      // Its columns and rows, not insertSheet's 26 × 1,000 (the grid counts against 10 M cells).
      fitSize(sheet, all.length + SPARE_ROWS, cols + SPARE_COLS);
    }
    const target = sheet;
    // Each period adds rows (getRange would throw past the grid): grown with room to type below.
    const maxRows = target.getMaxRows();
    if (maxRows < all.length) target.insertRowsAfter(maxRows, all.length + SPARE_ROWS - maxRows);
    // Made by an earlier version at 1,000 × 26: its empty rows and columns past the data go.
    else if (!created) trimEmptyGrid(target, all.length + SPARE_ROWS, cols + SPARE_COLS);
    target.getRange(1, 1, all.length, own).setNumberFormats(formats);
    // "Số liệu chưa đủ kỳ" past the user's columns (an older sheet): text as ours.
    if (own === block.cols) target.getRange(1, block.gapsCol + 1, all.length, 1).setNumberFormat(TEXT);
    overwritten = true;
    target.getRange(1, 1, all.length, cols).setValues(all);
    if (hadData && oldRows > all.length)
      target.getRange(all.length + 1, 1, oldRows - all.length, Math.max(oldCols, cols)).clearContent();
    if (hadData && oldCols > cols)
      target.getRange(1, cols + 1, Math.min(oldRows, all.length), oldCols - cols).clearContent();
  } catch (e) {
    const target = sheet;
    if (created) twice(() => master.deleteSheet(created as Sheet));
    else if (target && overwritten && hadData) {
      // Put the old rows back (the formats of those rows are the same column by column).
      twice(() => target.getRange(1, 1, oldRows, oldCols).setValues(existing));
      if (all.length > oldRows) twice(() => target.getRange(oldRows + 1, 1, all.length - oldRows, cols).clearContent());
    } else if (target && overwritten) twice(() => target.getRange(1, 1, all.length, cols).clearContent());
    throw e;
  }
  if (created || !hadData) {
    const target = sheet;
    try {
      target.setFrozenRows(1);
      target.getRange(1, 1, 1, cols).setFontWeight('bold');
    } catch {
      // cosmetic
    }
  } else if (block.gapsAdded) {
    try {
      sheet.getRange(1, block.gapsCol + 1).setFontWeight('bold');
    } catch {
      // cosmetic
    }
  }
  return { fresh, foreign: null };
}

/**
 * The summary sheets and "Dữ liệu" in ONE Sheets API batchUpdate (sheets-write.ts), after
 * one read (the master's sheets + "Dữ liệu"): all or nothing, by Google's guarantee.
 * Throws SheetsApiUnavailable when the API cannot be used (the caller falls back), and a
 * Vietnamese SheetsWriteError when Google refuses the write (nothing written).
 */
export function writeSummaryViaApi(
  master: Spreadsheet,
  summary: Summary,
  models: SheetModel[],
  maxPayloadBytes = MAX_PAYLOAD_BYTES,
): { notes: string[]; logNotes: string[] } {
  const id = master.getId();
  let token: string;
  try {
    token = ScriptApp.getOAuthToken();
  } catch (e) {
    throw new SheetsApiUnavailable(logText(e), 0);
  }
  const state = readMasterState(id, SHEETS.data, token);
  const block = longRowsBlock(state.data, summary);
  const notes: string[] = [];
  const logNotes: string[] = [];
  if (block.foreign) notes.push(block.foreign);
  const data: DataRewrite | null = block.foreign
    ? null
    : {
        title: SHEETS.data,
        all: block.all,
        existing: state.data,
        valueCol: LONG_VALUE_COL,
        ...(block.gapsCol === block.cols
          ? { ownCols: block.cols + 1 }
          : { ownCols: block.cols, extraTextCol: block.gapsCol }),
        ...(block.gapsAdded ? { newHeaderCol: block.gapsCol } : {}),
      };
  let batch = buildSummaryBatch({ models, sheets: state.sheets, data });
  const separately = data !== null && payloadBytes(batch.requests) > maxPayloadBytes;
  if (separately) batch = buildSummaryBatch({ models, sheets: state.sheets, data: null });
  const sent = batch;
  // (Google refuses an empty batch; there is one only with no sheet to write.)
  if (batch.requests.length)
    sendBatchUpdate(id, batch.requests, {
      token,
      // After a call with no answer then a refusal: did the first one go through?
      applied: () => {
        try {
          return sent.applied(readMasterState(id, SHEETS.data, token).sheets);
        } catch {
          return false;
        }
      },
    });
  if (separately) {
    logNotes.push(SHEETS_WRITE.dataSeparately);
    try {
      const foreign = writeLongRows(master, summary).foreign;
      if (foreign) notes.push(foreign);
    } catch (e) {
      notes.push(SHEETS_WRITE.dataFailed(logText(e)));
    }
  }
  return { notes, logNotes };
}

/**
 * Tabs of the master named like a unit's report of the years read ("… 2018") that no unit's book
 * read: a unit removed from "Đơn vị" (or not yet added) whose figures are then left out. The
 * add-on's own sheets and copies of a read tab (warned about on their own) are not listed.
 */
function tabsLeftOut(index: SheetIndex, books: UnitBook[], years: number[], settings: Settings): string[] {
  const names = index.knownNames();
  if (!names.length) return [];
  const read = new Set<string>();
  for (const b of books) if (!b.external) for (const n of b.names.values()) read.add(normalizeName(n));
  const own = years.map((y) => normalizeName(aggregateSheetName(settings, y)));
  // Tabs holding a listed unit's code that it did not read are warned about with that unit.
  const coded = index.codedNames();
  const out: string[] = [];
  for (const name of names) {
    const key = normalizeName(name);
    const year = /\s(\d{4})$/.exec(key);
    if (!year || !years.includes(Number(year[1])) || read.has(key) || own.includes(key)) continue;
    if (isAddonSheet(key) || coded.has(key)) continue;
    if ([...read].some((r) => isCopyName(key, r))) continue;
    out.push(name);
  }
  return out;
}

/**
 * The year's aggregate in the commune layout as this master holds it ("Huyện Mường Nhé 2018"),
 * read back as a report (one getValues): the new one keeps the months this run does not sum and
 * the dates months were first given. Undefined when there is none or it is no longer readable.
 */
function readPreviousAggregate(index: SheetIndex, config: Config, summary: Summary): PreviousAggregate | undefined {
  const { settings, catalogue } = config;
  const year = summary.period.year;
  const name = aggregateSheetName(settings, year);
  const sheet = index.get(name);
  if (!sheet) return undefined;
  const unit = aggregateUnit(summary);
  const grid = readGrid(sheet, settings.timeZone);
  const ctx = { catalogue, units: [unit], year, level: aggregatingLevel(settings) };
  const { reports } = readWorkbook({ source: name, sheets: [{ name, grid }] }, ctx);
  return reports.find((r) => r.unitCode === unit.code && r.year === year);
}

/** The 'no-last-year' finding's advice: the tabs of last year, in this master or the communes' spreadsheets. */
function noLastYearAdvice(config: Config, period: Period) {
  const first = config.units[0];
  const lastYear = period.year - 1;
  const separate = config.options.separateSpreadsheets || separateBooks(config);
  return sheetsNoLastYearAdvice(separate, first ? unitSheetName(first, lastYear) : String(lastYear));
}

/**
 * Aggregate a period and write its sheets. Throws (Vietnamese message) when writing fails, and
 * ReadContinues when reading goes on in a later run (`opts.resumeHandler`: readUnitBooksResumable).
 */
export function aggregatePeriod(
  master: Spreadsheet,
  config: Config,
  period: Period,
  progress: (message: string) => void = () => {},
  opts: { resumeHandler?: string | null } = {},
): AggregateResult {
  const { catalogue, units, settings } = config;
  const formerUnits = config.formerUnits ?? [];
  const years = [period.year, period.year - 1];
  const index = new SheetIndex(master);
  // Old communes of a merger are read too: from their own spreadsheets when "Đơn vị cũ" gives them
  // (layout b), else from their tabs in the master. They count as units in the read.
  const reading = withFormerUnits(index, units, years, formerUnits);
  // Over the Sheets API in a few calls (SpreadsheetApp when it cannot be used): io/parallel-books.ts.
  // Beyond one execution: what was read is staged and a trigger continues (io/resume.ts).
  const read = readUnitBooksResumable(master, reading, years, {
    period: formatPeriod(period),
    resumeHandler: opts.resumeHandler,
    read: true,
    timeZone: settings.timeZone,
    index,
    // A spreadsheet that cannot be found: its URL is in "Đơn vị", or "Đơn vị cũ" for an old commune.
    urlAt: urlPlaceOf(config),
    onUnit: (i, unit) => {
      if (i % 5 === 0) progress(AGGREGATE.reading(i + 1, reading.length, distinctDisplayName(unit, reading)));
    },
    onProgress: (done, total) => {
      const next = reading[Math.min(done, total - 1)];
      if (next) progress(AGGREGATE.reading(Math.min(done + 1, total), total, distinctDisplayName(next, reading)));
    },
  });
  const books = read.books;
  const workbooks = toWorkbooks(books);
  progress(AGGREGATE.summarising);
  const generatedAt = now().toISOString();
  // Units whose spreadsheet could not be opened are "không đọc được" in the summary and its narrative.
  const notOpened = books.filter((b) => b.error).map((b) => b.unit.code);
  const out = summarise({
    catalogue,
    units,
    settings,
    period,
    workbooks,
    generatedAt,
    unreadableUnits: notOpened,
    // Names the old communes (those that sent nothing too) in the findings and the narrative.
    ...(formerUnits.length ? { formerUnits } : {}),
    noLastYearAdvice: noLastYearAdvice(config, period),
  });
  // Layout (b): a commune's spreadsheet that opens without any tab read as a report (month columns
  // cut, the header rewritten) is its report, unreadable: "không đọc được", not "chưa báo cáo", as
  // the CLI says of such a workbook; the engine's error says why, the note names the spreadsheet.
  const expected = new Set(out.summary.completeness.rows.map((r) => r.unitCode));
  const reported = new Set(out.read.reports.filter((r) => r.year === period.year).map((r) => r.unitCode));
  for (const r of out.summary.completeness.rows) if (r.status !== 'missing') reported.add(r.unitCode);
  const noReport = noReportBooks(
    books,
    noReportSources(out.summary.findings, out.read.reports),
    expected,
    reported,
    reading,
    'aggregate',
  );
  const summary = noReport.length ? withUnreadableReports(out.summary, catalogue, noReport) : out.summary;
  // "Bảng tính "…"", not the engine's "Tệp <source>": in the alert, the summary's list, "Nhật ký".
  nameBooks(summary.findings, books, reading);

  const problems: string[] = [];
  const problemsForLog: string[] = [];
  // Said with the spreadsheets that could not be opened: why a unit is counted "không đọc được" (its
  // spreadsheet without any report tab, its tab of the year without the month header). Once per unit:
  // the alert counts units.
  const unreadable = new Set(summary.unreadableUnits);
  for (const f of summary.findings)
    if ((f.code === 'no-report-sheet' || f.code === 'no-month-header') && f.unitCode && unreadable.delete(f.unitCode)) {
      problems.push(f.message);
      problemsForLog.push(f.message);
    }
  // "Đơn vị cũ" rows not used: said with the run's other warnings.
  const warnings: string[] = [...(config.warnings ?? [])];
  const none = summary.findings.find((f) => f.code === 'no-last-year');
  // Layout (b): what a commune's spreadsheet holds instead of the period's tab.
  explainMissing(summary.findings, books, period.year, summary.units);
  const left = tabsLeftOut(index, books, years, settings);
  if (left.length) warnings.push(AGGREGATE.tabsLeftOut(left));
  // A tab whose unit code was changed in "Đơn vị" after it was made: counted by its names, or not
  // (ambiguous): the alert says so, not only "Kiểm tra".
  for (const f of summary.findings)
    if (f.code === 'unit-code-outdated' || f.code === 'unit-code-not-listed') warnings.push(f.message);
  for (const b of books) {
    warnings.push(...(b.warnings ?? []));
    summary.findings.push(...bookFindings(b));
    if (!b.error) continue;
    problems.push(b.error);
    problemsForLog.push(b.errorLog ?? b.error);
  }

  const previousAggregate = readPreviousAggregate(index, config, summary);
  const models = masterSheetModels(summary, buildSummaryWorkbook(summary, catalogue, { previousAggregate }).sheets);
  const sheetName = summarySheetName(period);
  progress(AGGREGATE.writing(sheetName));
  const notes: string[] = [];
  // Units the Sheets API failed and SpreadsheetApp read (slower): why, in "Nhật ký".
  const logNotes: string[] = [...(read.logNotes ?? [])];
  let written: Sheet[] | null = null;
  try {
    // The reader already found the API unusable in this run: no second try to learn it again.
    if (read.apiUnavailable) throw new SheetsApiUnavailable(read.apiUnavailable, 0);
    const out = writeSummaryViaApi(master, summary, models);
    notes.push(...out.notes);
    logNotes.push(...out.logNotes);
  } catch (e) {
    // The Sheets API cannot be used here, or refused this batch (400: nothing was written):
    // the SpreadsheetApp writer (slower, same result). Other failures (429/5xx after retries)
    // are the run's failure: the previous summary stands.
    const refused = e instanceof SheetsWriteError && e.status === 400;
    if (!(e instanceof SheetsApiUnavailable) && !refused) throw e;
    logNotes.push(SHEETS_WRITE.fallback(refused ? `HTTP 400: ${e.original}` : e.message));
    // "Dữ liệu" is rewritten inside the swap: if it fails, the old summary comes back too.
    const r = replaceSheets(
      master,
      models,
      (name) => progress(AGGREGATE.writing(name)),
      index,
      () => {
        const foreign = writeLongRows(master, summary).foreign;
        if (foreign) notes.push(foreign);
      },
    );
    written = r.sheets;
    notes.push(...r.notes);
  }
  // Written: the staged read (if any) is no longer needed.
  read.done();
  try {
    const main = written
      ? (written.find((_, i) => models[i].name === sheetName) ?? written[0])
      : master.getSheetByName(sheetName);
    if (main) master.setActiveSheet(main);
  } catch {
    // cosmetic: the summary is written, whichever sheet is shown
  }
  const c = summary.completeness;
  return {
    period,
    summary,
    sheetName,
    sheets: models.map((m) => m.name),
    problems,
    problemsForLog,
    warnings,
    // Information, yet why every "so cùng kỳ" is missing: on its own line of the alert.
    notes: [...read.notes, ...notes, ...(none ? [none.message] : [])],
    logNotes,
    message: AGGREGATE.done(periodLabel(period), c.reported, c.expected, sheetName),
  };
}
