/**
 * Read commune report sheets (the layout of layout.ts, as edited by real people) into
 * UnitYear reports plus findings. Everything is found by text, never by position
 * alone: the header row by its month headers, indicator rows by code (or label),
 * month columns by header, the unit and year by their labels. So reordered rows,
 * blank rows, inserted columns, group rows and extra sheets do not matter.
 */

import { guessSource, FINDING_TEXT as T, type Where } from '../../messages/vi/findings';
import { fromLegacy, type LegacyCode, legacyCode, mayBeLegacy } from '../text/legacy';
import { cleanText, normalizeName } from '../text/normalize';
import type { Catalogue, Finding, Grid, ReadResult, SheetInput, Unit, UnitYear, WorkbookInput } from '../types';
import { parseDateCell } from '../validation/cells';
import { isDate } from '../validation/is-date';
import { datedYearLate } from '../validation/year-late';
import { readCells, readRemarks, spreadMergedNotes, submittedDates } from './cells';
import { a1, colLetter, reportDisplayName, unitDisplayName } from './layout';
import { layoutPlan } from './layout-plan';
import { findHeaderRow, monthColumns, monthsUnderHeading, nearestHeader } from './months';
import { cellText, MAX_COLS, MAX_ROWS, NO_CELLS } from './read-helpers';
import type { Columns, Lookup, Rows } from './read-types';
import {
  groupNotSums,
  groupRowFinding,
  looseLabelFinding,
  measureFinding,
  uncodedRowFinding,
  unknownRowFinding,
} from './row-findings';
import { locateColumns, looksLikeCode, lookup, mapRows, twiceHeaded } from './rows';
import { SheetReport } from './sheet-report';
import {
  hasTopLabel,
  identifyYear,
  mayBeTopLabel,
  readTopLabels,
  TOP_LABELS,
  topCellOf,
  yearIn,
  yearInText,
  yearInTextByRegExp,
  yearSaid,
} from './top-labels';
import {
  fileNameOf,
  identifyUnit,
  indexUnits,
  nameLookup,
  setUnitCodeNote,
  sharedNameFinding,
  type UnitCodeNote,
  type UnitGuess,
  type UnitIndex,
  unitCodeNote,
  unlistedFinding,
} from './unit-match';

export {
  looksLikeCode,
  MAX_COLS,
  MAX_ROWS,
  mayBeTopLabel,
  nameLookup,
  readTopLabels,
  setUnitCodeNote,
  TOP_LABELS,
  topCellOf,
  type UnitCodeNote,
  type UnitGuess,
  unitCodeNote,
  yearInText,
  yearInTextByRegExp,
};

export interface ReadContext {
  catalogue: Catalogue;
  units: Unit[];
  /** The year being aggregated; a sheet of another year gets a 'wrong-year' warning. */
  year?: number;
  /** Further accepted years, e.g. [2018, 2017] to compare with the same period last year. */
  years?: number[];
  /**
   * The aggregating level that keeps the catalogue, as messages say it ("huyện", "tỉnh":
   * aggregatingLevel(settings)). Required: a caller that forgot it would say "huyện" to a province.
   */
  level: string;
}

// ---------------------------------------------------------------- small helpers

function dropUndefined<T>(o: T): T {
  for (const k of Object.keys(o as object))
    if ((o as Record<string, unknown>)[k] === undefined) delete (o as Record<string, unknown>)[k];
  return o;
}

// ---------------------------------------------------------------- reading one sheet

interface SheetRead {
  report: UnitYear | null;
  findings: Finding[];
  /** Not a report sheet (no month header row, or nothing recognisable): skipped silently. */
  skipped: boolean;
  /** A second table's header row below the first table (only looked for when codes repeat). */
  stacked?: Stacked;
  /** 0-based header row and last indicator row read. */
  span?: [number, number];
}

/** A second table under the first: its 0-based header row, and the first row after the first table. */
interface Stacked {
  header: number;
  split: number;
}

/**
 * Last year's workbook copied and filled in with this year's figures: the sheet states `year`, but its
 * file name says the next year and most of its submission dates fall a year after their months. Then it
 * is the next year's report (its months' dates and its file name agree); its dated months are returned
 * for the warning. Null otherwise (the dates are parsed only when the file name says so).
 */
function copiedFromLastYear(grid: Grid, rows: Rows, cols: Columns, look: Lookup, file: string, year: number) {
  const fileYear = yearIn(fileNameOf(file));
  if (fileYear !== year + 1 || rows.submittedRow < 0) return null;
  return datedYearLate(submittedDates(grid, rows, cols, look), year);
}

/** What every sheet of a read shares, built once: the unit index and the catalogue lookup. */
export interface PreparedRead {
  units: UnitIndex;
  look: Lookup;
}

/** Index the context's units and catalogue; pass the result to readWorkbook for many workbooks. */
export function prepareRead(ctx: ReadContext): PreparedRead {
  return { units: indexUnits(ctx.units), look: lookup(ctx.catalogue) };
}

/**
 * A sheet's findings and how its messages name the place. An object with methods rather than
 * closures made per sheet: thousands of sheets are read in a row.
 */
export class Sink {
  declare findings: Finding[];
  /** Fields every finding of the sheet carries (file, sheet, then unit). */
  declare base: Partial<Finding>;
  declare place: Where;

  constructor(base: Partial<Finding>, place: Where) {
    this.findings = [];
    this.base = base;
    this.place = place;
  }

  push(severity: Finding['severity'], code: string, extra: Partial<Finding>, message: string): void {
    this.findings.push(dropUndefined({ severity, code, ...this.base, ...extra, message } as Finding));
  }

  where(w: Where = {}): Where {
    return { ...this.place, ...w };
  }
}

/**
 * The rows of the sheet being read, in an array of the reader's own: the functions that read a grid
 * then meet one kind of array whatever made it (getValues, the .xlsx reader, a test builds packed or
 * holey arrays), so code the JIT made for one kind is not thrown away mid-read when another comes.
 * It holds the rows as they are (missing ones too), those of the sheet being read (until the next).
 */
const OWN_ROWS: Grid = [];

/** The same for the sheet's merged ranges. */
const OWN_MERGES: string[] = [];

function ownRows(input: Grid): Grid {
  // Too large to be read: only its header row and its size are looked at.
  return input.length > MAX_ROWS ? input : own(input, OWN_ROWS);
}

/** `into`, made to hold what `input` holds (written in order from 0, so it never has holes). */
function own<T>(input: T[], into: T[]): T[] {
  for (let i = 0; i < input.length; i++) into[i] = input[i];
  into.length = input.length;
  return into;
}

function readOne(sheet: SheetInput, ctx: ReadContext, file: string, prepared: PreparedRead, split = false): SheetRead {
  const first = readGrid(sheet, ownRows(sheet.grid ?? []), ctx, file, prepared, null);
  if (split && first.stacked) {
    const both = readStacked(sheet, first.stacked, ctx, file, prepared);
    if (both) return both;
  }
  // Not a report sheet, or no known unit: maybe an old file in TCVN3 or VNI ("Th¸ng 1", "Thaùng 1").
  // Looked at only then, so sheets read at once cost nothing more.
  if (!first.skipped && first.report) return first;
  if (!first.skipped && !first.findings.some((f) => f.code === 'unknown-unit')) return first;
  const found = legacyCodeOf(sheet.grid ?? []);
  if (!found) return first;
  const { code, whole } = found;
  const turned = (v: string) => (whole ? mayBeLegacy(v) : legacyCode(v) !== null);
  const converted = (sheet.grid ?? []).map((row) =>
    (row ?? []).map((v) => (typeof v === 'string' && turned(v) ? fromLegacy(v, code) : v)),
  );
  const again = readGrid(sheet, converted, ctx, file, prepared, code);
  return again.report || (first.skipped && !again.skipped) ? again : first;
}

/**
 * The old code of the first text of the grid written in one (legacyCode), else null; `whole` when
 * the texts in an old code outnumber those that can only be Unicode (ă đ ơ ư, the precomposed
 * block). Then all texts of the sheet are in that code, also those too short to tell ("Sè"), and
 * every text without a letter only Unicode has is turned. Else the sheet is Unicode with a few
 * texts typed in an old code (a name, a pasted note): only those are turned, so that "Chè, cà phê"
 * stays as typed.
 */
function legacyCodeOf(grid: Grid): { code: LegacyCode; whole: boolean } | null {
  let code: LegacyCode | null = null;
  let legacy = 0;
  let unicode = 0;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v === '') continue;
      const own = legacyCode(v);
      if (own) {
        legacy++;
        code ??= own;
      } else if (!mayBeLegacy(v)) unicode++;
    }
  }
  return code ? { code, whole: legacy > unicode } : null;
}

/**
 * Two tables stacked in one sheet (last year's pasted under this year's, each with its title, "Năm:"
 * and header row). One table is read: the one of the year being aggregated, else (no year asked) the
 * newer one, else the upper one; an
 * error names both, with their rows and years, instead of an error per repeated code. (Both are not
 * read: a sheet stands for one report everywhere its findings are sorted by year.) Null (read the
 * sheet as one) when the upper table alone is no report.
 */
function readStacked(
  sheet: SheetInput,
  stacked: Stacked,
  ctx: ReadContext,
  file: string,
  prepared: PreparedRead,
): SheetRead | null {
  const grid = sheet.grid ?? [];
  // The lower table keeps its row numbers (cells are named as in the sheet): rows above it are left empty.
  const lower: Grid = grid.map((row, r) => (r < stacked.split ? [] : row));
  const b = readGrid(sheet, lower, ctx, file, prepared, null, stacked.split);
  const a = readGrid(sheet, grid.slice(0, stacked.split), ctx, file, prepared, null);
  if (!a.report || !a.span || !b.span) return null;
  const yearB = b.report?.year ?? null;
  const same = yearB === a.report.year;
  const yearA = a.report.year;
  // No year asked (check): the newer table, the one aggregating its year reads; the message says which year reads which.
  const unasked = ctx.year === undefined && !same && yearA !== null && yearB !== null;
  const useLower = b.report !== null && !same && (unasked ? (yearB as number) > yearA : yearB === ctx.year);
  const kept = useLower ? b : a;
  const report = kept.report as UnitYear;
  const unit = reportDisplayName(report);
  const w: Where = { unit, file: file || undefined, sheet: sheet.name };
  const tables: [number | null, number, number][] = [
    [a.report.year, a.span[0] + 1, a.span[1] + 1],
    [yearB, b.span[0] + 1, b.span[1] + 1],
  ];
  const finding: Finding = dropUndefined({
    severity: 'error',
    code: 'stacked-tables',
    file: file || undefined,
    sheet: sheet.name,
    unitCode: report.unitCode,
    unitName: report.unitName,
    message: unasked
      ? T.stackedTablesByYear(w, sheet.name, tables, useLower ? 1 : 0)
      : T.stackedTables(w, sheet.name, tables, useLower ? 1 : 0),
  } as Finding);
  return { report, findings: [...kept.findings, finding], skipped: false };
}

function readGrid(
  sheet: SheetInput,
  grid: Grid,
  ctx: ReadContext,
  file: string,
  prepared: PreparedRead,
  legacy: LegacyCode | null,
  headerFrom = 0,
): SheetRead {
  const header = findHeaderRow(grid, sheet.merges ?? [], headerFrom, prepared.look);
  if (!header) return { report: null, findings: [], skipped: true };

  // dropUndefined({ file: file || undefined, sheet: sheet.name }), without a list of its keys per sheet.
  const base: Partial<Finding> = {};
  if (file) base.file = file;
  if (sheet.name !== undefined) base.sheet = sheet.name;
  const out = new Sink(base, { file: file || undefined, sheet: sheet.name });
  const findings = out.findings;

  let width = 0;
  // Indexed loops in this function: it runs once per sheet, often before the JIT has
  // optimised it, and for…of then makes an object per step.
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    if (row && row.length > width) width = row.length;
  }
  if (grid.length > MAX_ROWS || width > MAX_COLS) {
    out.push('error', 'sheet-too-large', {}, T.sheetTooLarge(out.where(), grid.length, width));
    return { report: null, findings, skipped: false };
  }

  const cat = ctx.catalogue;
  const look = prepared.look;
  const located = locateColumns(grid, header, look);
  if (!located) return { report: null, findings, skipped: true };
  const rows = mapRows(grid, located, look);
  // A table of months with no indicator in it is some other sheet (a chart's data, a plan).
  if (rows.found === 0 && rows.submittedRow < 0) return { report: null, findings, skipped: true };
  // A month headed twice: the column holding something is read (this sheet's choice: a copy, not the shared Columns).
  const twice = located.duplicateMonths.length ? twiceHeaded(grid, located, rows) : null;
  const cols = twice ? twice.cols : located;
  const h = cols.headerRow;
  const { monthCol } = cols;
  // Codes repeated: maybe a second table (another year's) pasted below the first.
  const stacked = rows.duplicates.length ? secondTable(grid, h, rows, sheet.merges ?? []) : null;

  // Which unit and year.
  const top = readTopLabels(grid, h);
  // The year first: a name a new unit shares with its predecessor is the year's (identifyUnit).
  let year = identifyYear(top, grid, h, sheet.name, file);
  // Stated in the sheet, before a copy of last year's workbook is read as the year it holds.
  const stated = year;
  const copied = year === null ? null : copiedFromLastYear(grid, rows, cols, look, file, year);
  if (copied && year !== null) year++;
  const id = identifyUnit(top, ctx.units, prepared.units, sheet.name, file, year ?? ctx.year ?? null, {
    grid,
    headerRow: h,
  });
  // A unit code in no list: what the finding on it leaves to checkWorkbooks (its year, below).
  let note: UnitCodeNote | null = null;
  if (id.match) {
    // As Object.assign(base, { unitCode, unitName }) would, without the object.
    base.unitCode = id.match.unit.code;
    base.unitName = id.unitName;
    // The unit's name alone: distinguishFindings adds the code of a unit another shares the name of,
    // for these findings as for every other (one bracket with a place's details: withCodeAfterName).
    out.place = { unit: unitDisplayName({ name: id.unitName, kind: id.match.unit.kind }) };
    if (id.mismatch)
      out.push(
        'warning',
        'unit-mismatch',
        { namedUnitCode: id.namedCode },
        T.unitMismatch(out.where(), ...id.mismatch),
      );
    if (id.shared) sharedNameFinding(out, id, id.shared, file, sheet.name, year ?? ctx.year ?? null);
    if (id.unlisted) note = unlistedFinding(out, grid, h, id, id.unlisted, sheet.name);
    if (id.guess) {
      const g = id.guess;
      const text = T.unitGuessed(out.where(), g.by, g.text, g.cell, id.display, id.match.unit.code, g.unitCell);
      out.push('warning', 'unit-guessed', { guessedFrom: guessSource(g.by, g.text, g.cell) }, text);
    }
  } else if (id.unlisted && id.unlisted.units.length > 1) {
    note = unlistedFinding(out, grid, h, id, id.unlisted, sheet.name);
  } else {
    const tried = { sheet: sheet.name, file: fileNameOf(file) };
    out.push('error', 'unknown-unit', {}, T.unknownUnit(out.where(), id.typed, tried, id.several));
  }
  if (legacy) out.push('warning', 'sheet-legacy-code', {}, T.sheetLegacyCode(out.where(), legacy));
  if (copied && stated !== null && year !== null) {
    const said = yearSaid(top, grid, h, sheet.name, stated);
    const cell = said.cell || undefined;
    const text = T.yearCopied(out.where({ cell }), said, stated, fileNameOf(file), copied.late, year, copied.others);
    out.push('warning', 'year-copied', cell ? { cell } : {}, text);
  }
  // A copy of last year's sheet renamed but not updated: the "Năm" cell wins, and says so.
  const nameYear = yearIn(sheet.name);
  if (year !== null && yearIn(top.year) === year && nameYear !== null && nameYear !== year)
    out.push('warning', 'year-mismatch', {}, T.yearMismatch(out.where(), year, sheet.name, nameYear));
  if (year === null) {
    // With an expected year the sheet is still usable; say what was assumed.
    out.push(ctx.year === undefined ? 'error' : 'warning', 'no-year', {}, T.noYear(out.where(), ctx.year ?? null));
    year = ctx.year ?? null;
  } else if (year !== ctx.year && !ctx.years?.includes(year) && (ctx.year !== undefined || ctx.years?.length)) {
    // The list of accepted years is only built for the message (not per sheet).
    const accepted: number[] = ctx.year !== undefined ? [ctx.year] : [];
    for (const y of ctx.years ?? []) if (!accepted.includes(y)) accepted.push(y);
    out.push('warning', 'wrong-year', {}, T.wrongYear(out.where(), year, accepted));
  }

  if (note !== null) note.year = year;
  const merges = own(sheet.merges ?? [], OWN_MERGES);
  const plan = layoutPlan(cat, look, rows, cols, merges);
  // Said once per year of a plan when nothing is to be said (its header cells are the plan's).
  if (year !== null && plan.quietYear !== year && !monthHeaderYear(grid, h, monthCol, year, out)) plan.quietYear = year;

  // Layout problems.
  for (let k = 0; twice !== null && k < twice.found.length; k++) {
    const { m, read, other, filled } = twice.found[k];
    const cell = a1(h + 1, other + 1);
    const w = out.where({ cell });
    // Figures in both: one column's are not read, an error as a second row of an indicator is.
    if (filled) {
      const text = T.duplicateMonthColumn(w, m, colLetter(read + 1), colLetter(other + 1));
      out.push('error', 'duplicate-month-column', { cell, month: m }, text);
    } else {
      const text = T.emptyDuplicateMonthColumn(w, m, colLetter(other + 1), colLetter(read + 1));
      out.push('warning', 'duplicate-month-column', { cell, month: m }, text);
    }
  }
  if (plan.missingMonths.length)
    out.push('warning', 'missing-month-column', {}, T.missingMonthColumns(out.where(), plan.missingMonths.slice()));
  for (let k = 0; k < rows.crossed.length; k++) {
    const x = rows.crossed[k];
    const cell = a1(x.row + 1, cols.codeCol + 1);
    const label = look.byCode.get(x.labelCode)?.label ?? x.labelCode;
    const text = T.crossedRow(out.where({ cell }), x.code, a1(x.row + 1, cols.labelCol + 1), label, x.labelCode);
    out.push('error', 'code-label-mismatch', { cell, indicatorCode: x.code, labelIndicatorCode: x.labelCode }, text);
  }
  for (let k = 0; k < rows.measured.length; k++) measureFinding(out, look, cols.unitCol, rows.measured[k]);
  const lacking = plan.lacking;
  for (let k = 0; k < rows.unknown.length; k++) unknownRowFinding(grid, rows.unknown[k], cols, look, lacking, out);
  for (let k = 0; k < rows.loose.length; k++) looseLabelFinding(grid, rows.loose[k], cols, look, out);
  for (let k = 0; k < rows.uncoded.length; k++)
    uncodedRowFinding(grid, rows.uncoded[k], cols, look, lacking, ctx.level, out);
  if (rows.groups.length) groupRowFinding(grid, rows.groups, rows.rowAt, cols, out);
  for (let k = 0; k < rows.duplicates.length; k++) {
    const d = rows.duplicates[k];
    const cell = a1(d.row + 1, d.col + 1);
    const indicatorLabel = look.byCode.get(d.code)?.label;
    const text = T.duplicateIndicator(out.where({ cell }), d.code, d.first + 1, d.row + 1);
    out.push('error', 'duplicate-indicator', { cell, indicatorCode: d.code, indicatorLabel }, text);
  }

  // Values.
  const {
    flat,
    base: at,
    notes,
    cells,
    invalid,
    submitted,
    submittedCells,
    converted,
  } = readCells(grid, cat, look, rows, cols, out, year);
  const remarks = cols.noteCol >= 0 ? readRemarks(grid, cat, look, rows, cols.noteCol, out) : undefined;
  groupNotSums(out);

  const noteSpans = plan.noteSpans;
  if (noteSpans.length) {
    const spread = spreadMergedNotes(noteSpans, notes, look, flat, at, submitted, invalid);
    for (let k = 0; k < noteSpans.length; k++) {
      const s = noteSpans[k];
      const read = spread[k];
      if (!read) continue;
      const w = out.where({ cell: s.cell, indicator: s.label });
      const extra = { cell: s.cell, indicatorCode: s.code, indicatorLabel: s.label };
      out.push('warning', 'merged-note', extra, T.mergedNote(w, sheet.name, s.range, s.months, read));
    }
  }
  const hiddenCells = plan.hidden;
  for (let k = 0; k < hiddenCells.length; k++) {
    const hidden = hiddenCells[k];
    const text = T.mergedCell(out.where({ cell: hidden.cell }), hidden.range, hidden.months);
    out.push('warning', 'merged-cell', { cell: hidden.cell }, text);
  }

  const span: [number, number] = [h, plan.lastRow];
  if (!id.match || year === null)
    return { report: null, findings, skipped: false, stacked: stacked ?? undefined, span };
  const head = {
    unitCode: id.match.unit.code,
    unitName: id.unitName,
    unitKind: id.match.unit.kind,
    year,
    file,
    sheet: sheet.name,
  };
  const report = new SheetReport(
    head,
    flat,
    at,
    look.layout,
    { notes, submitted, submittedCells, invalid, converted, remarks },
    cells,
  );
  return { report, findings, skipped: false, stacked: stacked ?? undefined, span };
}

/**
 * The header row of a second table below the first: a month header row between the header and the
 * first repeated code that is no indicator row of the first table. The first table ends at its last
 * indicator row above it.
 */
function secondTable(grid: Grid, h: number, rows: Rows, merges: readonly string[]): Stacked | null {
  let end = grid.length;
  for (let k = 0; k < rows.duplicates.length; k++) if (rows.duplicates[k].row < end) end = rows.duplicates[k].row;
  const read = new Set(rows.rowAt);
  read.add(rows.submittedRow);
  for (let r = h + 1; r < end; r++) {
    if (read.has(r)) continue;
    const months = monthColumns(grid[r] ?? []) ?? monthsUnderHeading(grid, r, merges);
    if (!months) continue;
    let last = h;
    for (const x of read) if (x < r && x > last) last = x;
    // A table of its own has its own "Đơn vị:"/"Năm:" above its header; a header row repeated for print does not.
    if (hasTopLabel(grid, last + 1, r)) return { header: r, split: last + 1 };
  }
  return null;
}

/**
 * Month headers of row `h` that name another year than the sheet's ("T1/2017", "Tháng 1 năm
 * 2017", a date of 2017 in a 2018 sheet): one warning on the first, naming the others. Returns
 * whether there was one.
 */
function monthHeaderYear(grid: Grid, h: number, monthCol: (number | undefined)[], year: number, out: Sink): boolean {
  const row = grid[h] ?? NO_CELLS;
  const cells: string[] = [];
  let first = '';
  let firstYear = 0;
  for (let m = 1; m <= 12; m++) {
    const c = monthCol[m];
    if (c === undefined) continue;
    const v = row[c];
    let y: number | null = null;
    let shown = '';
    if (typeof v === 'string') {
      // Without a regular expression's match array or the cell's text: most headers ("T1") hold no year.
      y = yearInText(v);
      if (y !== null && y !== year) shown = cellText(v);
    } else if (isDate(v)) {
      // As the header was read (parseDateCell: the date as the sheet shows it, whatever the time zone).
      const p = parseDateCell(v);
      if (p.status === 'ok') {
        y = Number(p.iso.slice(0, 4));
        shown = `${Number(p.iso.slice(5, 7))}/${y}`;
      }
    }
    if (y === null || y === year) continue;
    if (!cells.length) {
      first = shown;
      firstYear = y;
    }
    cells.push(a1(h + 1, c + 1));
  }
  if (!cells.length) return false;
  const cell = cells[0];
  out.push(
    'warning',
    'month-header-year',
    { cell },
    T.monthHeaderYear(out.where({ cell }), first, cells, firstYear, year),
  );
  return true;
}

/** Read one sheet on its own (no file name: messages name the sheet). */
export function readSheet(sheet: SheetInput, ctx: ReadContext): { report: UnitYear | null; findings: Finding[] } {
  const { report, findings } = readOne(sheet, ctx, '', prepareRead(ctx));
  return { report, findings };
}

/**
 * Read every report sheet of a workbook; other sheets are skipped silently. Several
 * sheets of the same unit and year are all returned: checkWorkbooks keeps one.
 */
export function readWorkbook(wb: WorkbookInput, ctx: ReadContext, prepared = prepareRead(ctx)): ReadResult {
  const reports: UnitYear[] = [];
  const findings: Finding[] = [];
  let anyReport = false;
  let unheaded: Unheaded[] | null = null;
  for (let k = 0; k < wb.sheets.length; k++) {
    const r = readOne(wb.sheets[k], ctx, wb.source, prepared, true);
    if (r.skipped) {
      const f = unheadedReport(wb.sheets[k], ctx, prepared.look, wb.source);
      if (f) {
        unheaded ??= [];
        unheaded.push(f);
      }
      continue;
    }
    anyReport = true;
    findings.push(...r.findings);
    if (r.report) reports.push(r.report);
  }
  // A workbook with no report at all says so once (naming the row that came closest); a report
  // sheet without its month header beside read ones is said of its own.
  if (!anyReport) {
    const names = wb.sheets.map((s) => s.name);
    // A row that came close to a header says most; else a report sheet's lost header, whether or not
    // another sheet was read.
    const near = nearestHeader(wb.sheets, prepared.look);
    const message =
      unheaded && !near
        ? T.noReportSheetUnheaded(
            wb.source,
            unheaded.map((u) => [u.finding.sheet as string, u.unit, u.year]),
          )
        : T.noReportSheet(wb.source, names, near);
    findings.push({ severity: 'error', code: 'no-report-sheet', file: wb.source, message });
  } else if (unheaded) for (const u of unheaded) findings.push(u.finding);
  return { reports, findings };
}

/** Rows looked at for indicator codes in a sheet without a month header. */
const UNHEADED_SCAN_ROWS = 200;

/**
 * A sheet skipped for want of a month header that is evidently a report all the same: unit cells
 * above three rows or more holding an indicator's code (a clerk deleted or overwrote the "T1 …
 * T12" row). An error naming the sheet, with its unit when the sheet is of the year read, rather
 * than a silent skip that leaves the unit "chưa có trang báo cáo".
 */
interface Unheaded {
  finding: Finding;
  /** The unit as its cells name it, and the year they say (for the workbook's message when no sheet is read). */
  unit: string;
  year: number | null;
}

function unheadedReport(sheet: SheetInput, ctx: ReadContext, look: Lookup, file: string): Unheaded | null {
  const grid = sheet.grid ?? [];
  let first = -1;
  let coded = 0;
  const end = Math.min(grid.length, UNHEADED_SCAN_ROWS);
  for (let r = 0; r < end && coded < 3; r++) {
    const row = grid[r] ?? NO_CELLS;
    const limit = Math.min(row.length, 6);
    for (let c = 0; c < limit; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v === '' || v.length > 80) continue;
      if (!look.byUpperCode.has(cleanText(v).toUpperCase())) continue;
      if (first < 0) first = r;
      coded++;
      break;
    }
  }
  if (coded < 3) return null;
  const top = readTopLabels(grid, first);
  if (!top.code && !top.name) return null;
  const year = yearIn(top.year);
  const key = top.name ? normalizeName(top.name) : '';
  const unit = ctx.units.find(
    (u) =>
      u.code === top.code ||
      (key !== '' && (normalizeName(u.name) === key || normalizeName(unitDisplayName(u)) === key)),
  );
  // Only a sheet of the year read stands for its unit's report (then "không đọc được", not "chưa nộp").
  const ofYear = unit && (ctx.year === undefined || year === ctx.year);
  const shown = unit ? unitDisplayName(unit) : (top.name ?? top.code ?? '');
  const f: Finding = {
    severity: 'error',
    code: 'no-month-header',
    sheet: sheet.name,
    message: T.noMonthHeader({ file, sheet: sheet.name }, shown, year),
  };
  if (file) f.file = file;
  if (ofYear) {
    f.unitCode = unit.code;
    f.unitName = unit.name;
  }
  return { finding: f, unit: shown, year };
}
