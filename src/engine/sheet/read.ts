/**
 * Read commune report sheets (the layout of layout.ts, as edited by real people) into
 * UnitYear reports plus findings. Everything is found by text, never by position
 * alone: the header row by its month headers, indicator rows by code (or label),
 * month columns by header, the unit and year by their labels. So reordered rows,
 * blank rows, inserted columns, group rows and extra sheets do not matter.
 */

import { cellProblemText, guessSource, FINDING_TEXT as T, type Where } from '../../messages/vi/findings';
import { formatDateVi } from '../text/format';
import { fromLegacy, type LegacyCode, legacyCode, mayBeLegacy } from '../text/legacy';
import { type MeasureCompare, scaleValue } from '../text/measure';
import { cleanText, normalizeName } from '../text/normalize';
import { nearlyEqual, parseNumberText } from '../text/number';
import type {
  Catalogue,
  CellValue,
  Finding,
  Grid,
  Indicator,
  ReadResult,
  Remark,
  SheetInput,
  Unit,
  UnitYear,
  WorkbookInput,
} from '../types';
import {
  type CellParse,
  dateCellIso,
  type InvalidCell,
  MAX_AMOUNT,
  MAX_COUNT,
  MAX_NOTE_LENGTH,
  parseCell,
  parseDateCell,
  shownValue,
} from '../validation/cells';
import { isDate } from '../validation/is-date';
import { datedYearLate } from '../validation/year-late';
import { a1, colLetter, LAYOUT, reportDisplayName, unitDisplayName } from './layout';
import { findHeaderRow, monthColumns, monthsUnderHeading, nearestHeader } from './months';
import { cellText, fresh, isEmpty, MAX_COLS, MAX_ROWS, NO_CELLS, parseRange, type RowNames } from './read-helpers';
import type { Columns, Lookup, Rows } from './read-types';
import { locateColumns, looksLikeCode, lookup, mapRows, twiceHeaded } from './rows';
import { type CellsMaker, SheetReport } from './sheet-report';
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

const SUBMITTED_LABEL = 'Ngày nộp báo cáo';

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

/** The submission dates (ISO or null, by month) as readCells reads them, without its findings. */
function submittedDates(grid: Grid, rows: Rows, cols: Columns, look: Lookup): (string | null)[] {
  const dates = twelveNulls<string>();
  const row = rows.submittedRow < 0 ? undefined : grid[rows.submittedRow];
  if (!row) return dates;
  for (let m = 1; m <= 12; m++) {
    const c = cols.monthCol[m];
    if (c === undefined) continue;
    const iso = dateCellIso(row[c], look.dates);
    if (iso !== null) dates[m - 1] = iso;
    else {
      const parsed = parseDateCell(row[c]);
      if (parsed.status === 'ok') dates[m - 1] = parsed.iso;
    }
  }
  return dates;
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

/**
 * Merged ranges covering a value cell other than their top-left one: that cell is lost. Value
 * cells are the month cells of the indicator rows (`rowAt`, 0-based) and the submission row.
 */
function hiddenByMerges(merges: string[], rowAt: number[], sr: number, monthCol: (number | undefined)[]) {
  const out: { range: string; cell: string; months: number[] }[] = [];
  // A merge that ends above the first value row (a title) hides none: no row list for it.
  let firstValueRow = sr >= 0 ? sr + 1 : Number.POSITIVE_INFINITY;
  for (let k = 0; k < rowAt.length; k++)
    if (rowAt[k] >= 0 && rowAt[k] + 1 < firstValueRow) firstValueRow = rowAt[k] + 1;
  // 1-based rows holding values.
  let valueRows: boolean[] | null = null;
  for (let i = 0; i < merges.length; i++) {
    const box = parseRange(merges[i]);
    if (!box || box.r2 < firstValueRow) continue;
    if (valueRows === null) {
      valueRows = [];
      for (let k = 0; k < rowAt.length; k++) if (rowAt[k] >= 0) valueRows[rowAt[k] + 1] = true;
      if (sr >= 0) valueRows[sr + 1] = true;
    }
    const months: number[] = [];
    let cell = '';
    for (let m = 1; m <= 12; m++) {
      const c = monthCol[m];
      if (c === undefined || c + 1 < box.c1 || c + 1 > box.c2) continue;
      for (let r = box.r1; r <= box.r2; r++) {
        if (!valueRows[r] || (r === box.r1 && c + 1 === box.c1)) continue;
        if (!months.includes(m)) months.push(m);
        if (!cell) cell = a1(r, c + 1);
      }
    }
    if (months.length) out.push({ range: box.text, cell, months });
  }
  return out;
}

/** Twelve nulls; a literal is several times quicker to make than Array(12).fill(null). */
function twelveNulls<T>(): (T | null)[] {
  return [null, null, null, null, null, null, null, null, null, null, null, null];
}

/**
 * The plain numbers of a numeric indicator row, straight into `flat` from `at` with the value
 * parseCell gives them (whole counts, finite amounts, not negative; -0 as 0); other months are
 * set to NaN. Returns the months (bit m) left for parseCell: text, empties, dates, invalid
 * numbers. Most cells take this path.
 */
function plainValues(
  row: CellValue[],
  monthCol: (number | undefined)[],
  kind: Indicator['kind'],
  flat: Float64Array,
  at: number,
): number {
  const count = kind === 'count';
  const amount = kind === 'amount';
  // Not above parseCell's bound (checkNumber): larger ones are left to it (MAX_COUNT, MAX_AMOUNT).
  const max = count ? MAX_COUNT : MAX_AMOUNT;
  let rest = 0;
  for (let m = 1; m <= 12; m++) {
    const c = monthCol[m];
    if (c === undefined) {
      flat[at + m - 1] = Number.NaN;
      continue;
    }
    const v = row[c];
    // Finite, not negative, and whole for counts (Math.floor is Number.isInteger for finite v).
    if (typeof v === 'number' && v >= 0 && v <= max && (count ? Math.floor(v) === v : amount)) flat[at + m - 1] = v + 0;
    else {
      flat[at + m - 1] = Number.NaN;
      rest |= 1 << m;
    }
  }
  return rest;
}

/** plainValues for months in twelve columns side by side from `c0`: no month column to look up. */
function plainRun(row: CellValue[], c0: number, kind: Indicator['kind'], flat: Float64Array, at: number): number {
  const count = kind === 'count';
  const amount = kind === 'amount';
  const max = count ? MAX_COUNT : MAX_AMOUNT;
  let rest = 0;
  for (let j = 0; j < 12; j++) {
    const v = row[c0 + j];
    if (typeof v === 'number' && v >= 0 && v <= max && (count ? Math.floor(v) === v : amount)) flat[at + j] = v + 0;
    else {
      flat[at + j] = Number.NaN;
      rest |= 2 << j; // month j + 1
    }
  }
  return rest;
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

function cellFinding(
  out: Sink,
  indicatorCode: string,
  indicatorLabel: string,
  m: number,
  cell: string,
  bad: InvalidCell,
) {
  const text = cellProblemText(bad.problem, out.where({ cell, indicator: indicatorLabel, month: m }), bad.shown);
  out.push('error', bad.problem, { cell, indicatorCode, indicatorLabel, month: m }, text);
}

/**
 * The remarks column ("Ghi chú") of the indicator rows: what a commune wrote beside a row ("số liệu
 * tạm tính"), the row's for the year, not a month's. Cleaned and bounded as notes are, with the same
 * warnings; an error value ("#REF!") is no remark. Undefined when there is none (most sheets).
 */
function readRemarks(
  grid: Grid,
  cat: Catalogue,
  look: Lookup,
  rows: Rows,
  col: number,
  out: Sink,
): Remark[] | undefined {
  let remarks: Remark[] | undefined;
  for (let i = 0; i < cat.indicators.length; i++) {
    const at = rows.rowAt[look.slot[i]];
    if (at < 0) continue;
    const v = (grid[at] ?? NO_CELLS)[col];
    if (v === '' || v === null || v === undefined) continue;
    const parsed = parseCell(v, 'note');
    if (parsed.status !== 'ok') continue;
    const ind = cat.indicators[i];
    const cell = a1(at + 1, col + 1);
    remarks ??= [];
    remarks.push({ indicatorCode: ind.code, text: parsed.value as string, cell });
    if (parsed.note === undefined) continue;
    const extra = { cell, indicatorCode: ind.code, indicatorLabel: ind.label };
    const w = out.where({ cell, indicator: ind.label });
    if (parsed.note === 'truncated') out.push('warning', 'note-truncated', extra, T.noteTruncated(w, MAX_NOTE_LENGTH));
    else if (parsed.note === 'tcvn3' || parsed.note === 'vni')
      out.push('warning', 'note-legacy-code', extra, T.noteLegacyCode(w, parsed.note, shownValue(parsed.value)));
  }
  return remarks;
}

/**
 * The month cells of every indicator row and of the submission row, with their findings.
 * Kept apart from readOne so that this, the part run for every cell, is small enough for the
 * JIT to optimise early in a large read.
 */
function readCells(
  grid: Grid,
  cat: Catalogue,
  look: Lookup,
  rows: Rows,
  cols: Columns,
  out: Sink,
  year: number | null = null,
) {
  const { monthCol, names: rowCells } = cols;
  const base = flatArray(look);
  const flat = look.pool.block;
  const notes = fresh<(string | null)[]>(look.notesShape);
  const invalid: string[] = [];
  const converted: string[] = [];
  // Rows in another unit than the catalogue's, by code position (most sheets: none).
  const measure = rows.measure;

  // The months of the row just read left to parseCell (bit m for month m).
  let restOf = 0;
  for (let i = 0; i < cat.indicators.length; i++) {
    const ind = cat.indicators[i];
    const at = rows.rowAt[look.slot[i]];
    const note = look.flatAt[i] < 0;
    const fa = base + look.flatAt[i];
    const months = note ? twelveNulls<string>() : null;
    const unlike = measure === null || at < 0 ? undefined : measure[look.slot[i]];
    if (unlike !== undefined && unlike.kind === 'other') {
      // Figures in another unit: not added, but left out as invalid cells are (rules skip them, counted as excluded).
      flat.fill(Number.NaN, fa, fa + 12);
      const row = grid[at] ?? NO_CELLS;
      for (let m = 1; m <= 12; m++) {
        const c = monthCol[m];
        if (c !== undefined && !isEmpty(row[c])) invalid.push(`${ind.code}:${m}`);
      }
      continue;
    }
    if (at < 0) {
      if (!note) flat.fill(Number.NaN, fa, fa + 12);
      const extra = { indicatorCode: ind.code, indicatorLabel: ind.label };
      // A row without a code that may be this one's (guessUncoded): named, so the two findings meet.
      const likely = rows.uncoded.length ? rows.uncoded.find((u) => u.guess === look.slot[i]) : undefined;
      const hint = likely && { row: likely.row + 1, label: cellText((grid[likely.row] ?? NO_CELLS)[cols.labelCol]) };
      out.push('warning', 'missing-indicator', extra, T.missingIndicator(out.where(), ind.label, ind.code, hint));
    } else {
      const row = grid[at] ?? [];
      let rest = 0;
      restOf = 0;
      if (note) {
        for (let m = 1; m <= 12; m++) if (monthCol[m] !== undefined) rest |= 1 << m;
      } else
        rest =
          cols.run >= 0 ? plainRun(row, cols.run, ind.kind, flat, fa) : plainValues(row, monthCol, ind.kind, flat, fa);
      restOf = rest;
      // Cell names only for the cells left to parseCell: a finding may need one.
      const names = rest === 0 ? null : rowCells.at(at + 1);
      for (let m = 1; rest !== 0 && m <= 12; m++) {
        if ((rest & (1 << m)) === 0) continue;
        const c = monthCol[m] as number;
        const v = row[c];
        // parseCell's 'empty' for the usual empty cell (most note cells), without its result object.
        if (v === '' || v === null || v === undefined) continue;
        const cell = (names as readonly string[])[m - 1];
        const parsed: CellParse = parseCell(v, ind.kind, ind.overMonths === 'last');
        if (parsed.status === 'invalid') {
          invalid.push(`${ind.code}:${m}`);
          cellFinding(out, ind.code, ind.label, m, cell, parsed);
        } else if (parsed.status === 'ok') {
          if (note) (months as (string | null)[])[m - 1] = parsed.value as string;
          else flat[fa + m - 1] = parsed.value as number;
          // Most cells have no note: build the finding's location only for those that do.
          if (parsed.note === undefined) continue;
          const extra = { cell, indicatorCode: ind.code, indicatorLabel: ind.label, month: m };
          const w = out.where({ cell, indicator: ind.label, month: m });
          if (parsed.note === 'ambiguous-thousands')
            out.push(
              'warning',
              'ambiguous-thousands',
              extra,
              T.englishThousands(w, cellText(row[c]), parsed.value as number),
            );
          else if (parsed.note === 'nil-as-zero')
            out.push('warning', 'nil-as-zero', extra, T.nilAsZero(w, shownValue(row[c])));
          else if (parsed.note === 'truncated')
            out.push('warning', 'note-truncated', extra, T.noteTruncated(w, MAX_NOTE_LENGTH));
          else if (parsed.note === 'tcvn3' || parsed.note === 'vni')
            out.push('warning', 'note-legacy-code', extra, T.noteLegacyCode(w, parsed.note, shownValue(parsed.value)));
        }
      }
    }
    // A row with no month at all (every month left to parseCell) but a figure in "Cả năm": typed
    // there instead of by month, it would be lost without a word. Checked on such rows only.
    if (!note && at >= 0 && cols.totalCol >= 0) {
      if ((restOf & FULL_MONTHS) === FULL_MONTHS) totalWithoutMonths(grid, at, cols, ind, flat, fa, out);
      else if (ind.overMonths === 'sum') totalNotSum(grid, at, cols, ind, flat, fa, restOf, out);
      else totalNotLast(grid, at, cols, ind, flat, fa, restOf, out);
    }
    if (note) notes[ind.code] = months as (string | null)[];
    else if (unlike !== undefined && unlike.kind === 'scale') {
      converted.push(ind.code);
      convertRow(grid, at, look.slot[i], ind, fa, unlike, cols, rows, look, invalid, out);
    }
  }

  const submitted = twelveNulls<string>();
  const sr = rows.submittedRow;
  const submittedCells = sr < 0 ? Array<string>(12).fill('') : (rowCells.at(sr + 1) as string[]);
  if (sr < 0) out.push('warning', 'missing-submitted-row', {}, T.missingSubmittedRow(out.where()));
  else
    for (let m = 1; m <= 12; m++) {
      const c = monthCol[m];
      if (c === undefined) continue;
      const cell = submittedCells[m - 1];
      const v = grid[sr]?.[c];
      // The usual cell (a date) without parseDateCell's result object.
      const iso = dateCellIso(v, look.dates);
      if (iso !== null) {
        submitted[m - 1] = iso;
        continue;
      }
      // The column's month: "5/1" in December's column is January of the next year.
      const parsed = parseDateCell(v, year, m);
      if (parsed.status === 'ok') {
        submitted[m - 1] = parsed.iso;
        // "17/9": read in the sheet's year; said, as the year was not typed.
        if (parsed.noYear) {
          const extra = { cell, indicatorCode: LAYOUT.submittedCode, indicatorLabel: SUBMITTED_LABEL, month: m };
          const w = out.where({ cell, indicator: SUBMITTED_LABEL, month: m });
          out.push(
            'warning',
            'date-without-year',
            extra,
            T.dateWithoutYear(w, shownValue(v), formatDateVi(parsed.iso), parsed.otherYear === true),
          );
        }
      } else if (parsed.status === 'invalid') cellFinding(out, LAYOUT.submittedCode, SUBMITTED_LABEL, m, cell, parsed);
    }

  return {
    flat,
    base,
    notes,
    cells: cellsMaker(cat, look, rows.rowAt, rowCells),
    invalid,
    submitted,
    submittedCells,
    converted: converted.length ? converted : undefined,
  };
}

/**
 * Row `at` (code position `k`) in another money scale (`c`): its values in `look.pool.block` from
 * `fa` converted to the catalogue's unit. A value the conversion takes above parseCell's bound
 * (MAX_AMOUNT, MAX_COUNT) is a slip, as one typed so: an error naming the cell, and not counted
 * (left out as invalid cells are). Run per converted row only: most rows are in the catalogue's unit.
 */
function convertRow(
  grid: Grid,
  at: number,
  k: number,
  ind: Indicator,
  fa: number,
  c: MeasureCompare,
  cols: Columns,
  rows: Rows,
  look: Lookup,
  invalid: string[],
  out: Sink,
): void {
  const flat = look.pool.block;
  const max = ind.kind === 'count' ? MAX_COUNT : MAX_AMOUNT;
  for (let m = 1; m <= 12; m++) {
    const x = fa + m - 1;
    if (Number.isNaN(flat[x])) continue;
    const value = scaleValue(flat[x], c);
    if (value <= max) {
      flat[x] = value;
      continue;
    }
    flat[x] = Number.NaN;
    invalid.push(`${ind.code}:${m}`);
    const typed = rows.measured.find((r) => r.k === k)?.typed ?? '';
    const cell = cols.names.at(at + 1)[m - 1];
    const extra = { cell, indicatorCode: ind.code, indicatorLabel: ind.label, month: m };
    const w = out.where({ cell, indicator: ind.label, month: m });
    const shown = shownValue((grid[at] ?? NO_CELLS)[cols.monthCol[m] as number]);
    out.push('error', 'too-large', extra, T.tooLargeConverted(w, shown, typed, value, ind.unit));
  }
}

/** The finding on a row whose "Đơn vị tính" is not the catalogue's unit (see checkMeasures). */
function measureFinding(out: Sink, look: Lookup, unitCol: number, x: Rows['measured'][number]): void {
  const cell = a1(x.row + 1, unitCol + 1);
  const ind = look.byCode.get(look.codes[x.k]) as Indicator;
  const extra = { cell, indicatorCode: ind.code, indicatorLabel: ind.label };
  const w = out.where({ cell, indicator: ind.label });
  // A whole paragraph pasted into the cell is shown by its start.
  const typed = x.typed.length > 60 ? `${x.typed.slice(0, 59)}…` : x.typed;
  const { kind, mul, div } = x.compare;
  if (kind === 'scale')
    out.push('warning', 'measure-converted', extra, T.measureConverted(w, typed, ind.unit, mul, div));
  else if (kind === 'renamed') out.push('warning', 'measure-renamed', extra, T.measureRenamed(w, typed, ind.unit));
  else out.push('error', 'measure-mismatch', extra, T.measureMismatch(w, typed, ind.unit));
}

/**
 * A row whose code the catalogue does not have (Rows.unknown). Read by its label, or as the
 * indicator whose place it holds (placeByPosition): a warning saying so. Otherwise its figures are
 * not counted. With a figure (any month cell not empty) while the sheet lacks a row for some
 * indicator (`lacking`): an error saying how many cells are left out, naming the indicator it may
 * now be (the figures may be that indicator's, missing from its total). When the sheet has a row
 * for every indicator, the figures belong to nothing the catalogue counts (an indicator removed
 * from it, a row the commune added): a warning with the count, as before. An error there would
 * block every commune's "Nộp báo cáo" after an indicator is removed mid-year (their months are
 * locked, the rows protected: nothing they could fix). An empty row: a warning.
 */
function unknownRowFinding(
  grid: Grid,
  u: Rows['unknown'][number],
  cols: Columns,
  look: Lookup,
  lacking: boolean,
  out: Sink,
): void {
  const cell = a1(u.row + 1, cols.codeCol + 1);
  const w = out.where({ cell });
  const guess = u.guess === undefined ? undefined : (look.byCode.get(look.codes[u.guess]) as Indicator);
  if (guess && u.readAsGuess) {
    const extra = { cell, indicatorCode: guess.code, indicatorLabel: guess.label };
    out.push('warning', 'unknown-indicator', extra, T.unknownIndicatorPlaced(w, u.code, guess.label, guess.code));
    return;
  }
  let filled = 0;
  if (!u.readByLabel) {
    const row = grid[u.row] ?? NO_CELLS;
    for (let m = 1; m <= 12; m++) {
      const c = cols.monthCol[m];
      if (c !== undefined && !isEmpty(row[c])) filled++;
    }
  }
  if (filled === 0) {
    out.push('warning', 'unknown-indicator', { cell }, T.unknownIndicator(w, u.code, u.readByLabel));
    return;
  }
  if (!lacking) {
    out.push('warning', 'unknown-indicator', { cell }, T.unknownIndicatorExtra(w, u.code, filled));
    return;
  }
  const unitCell = cols.unitCol >= 0 ? cellText((grid[u.row] ?? NO_CELLS)[cols.unitCol]) : '';
  const likely = guess ? { code: guess.code, label: guess.label, unit: guess.unit, typedUnit: unitCell } : null;
  out.push('error', 'unknown-indicator', { cell }, T.unknownIndicatorFigures(w, u.code, filled, likely));
}

/** "VII", "IV." (a group's number), as text. */
function isRomanNumber(v: CellValue): boolean {
  return typeof v === 'string' && /^[IVXLC]{1,6}\.?$/.test(cellText(v));
}

/** A row read by a loose match of its label (Rows.loose): a warning on its label cell naming the indicator. */
function looseLabelFinding(grid: Grid, x: Rows['loose'][number], cols: Columns, look: Lookup, out: Sink): void {
  const ind = look.byCode.get(look.codes[x.k]) as Indicator;
  const cell = a1(x.row + 1, cols.labelCol + 1);
  const label = cellText((grid[x.row] ?? NO_CELLS)[cols.labelCol]);
  const w = out.where({ cell, sheet: out.base.sheet });
  const extra = { cell, indicatorCode: ind.code, indicatorLabel: ind.label };
  out.push('warning', 'loose-label-match', extra, T.looseLabelRow(w, x.row + 1, label, ind));
}

/**
 * Row `u.row` has no indicator code and a label that is no indicator's (Rows.uncoded): when a month
 * holds a figure (a number, or text that reads as one), a clerk typed in an indicator of their own,
 * whose figures would be left out without a word. On its label cell: an error while the sheet
 * lacks a row for some indicator (`lacking`: the figures may be its, as for a code in no
 * catalogue), naming the one it likely is (`u.guess`); else a warning. Only the month columns are
 * looked at: the "Cả năm" cell of such a row may hold a SUM (read as its result).
 */
function uncodedRowFinding(
  grid: Grid,
  u: Rows['uncoded'][number],
  cols: Columns,
  look: Lookup,
  lacking: boolean,
  level: string,
  out: Sink,
): void {
  const r = u.row;
  const row = grid[r] ?? NO_CELLS;
  const months: number[] = [];
  for (let m = 1; m <= 12; m++) {
    const c = cols.monthCol[m];
    if (c === undefined) continue;
    const v = row[c];
    if (
      typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' && v !== '' && parseNumberText(v, 'amount').ok
    )
      months.push(m);
  }
  if (months.length === 0) return;
  // A heading numbered as the layout numbers its groups, "VII" in the STT column (left of the label) or the code's.
  if (isRomanNumber(row[cols.labelCol - 1]) || (cols.codeCol >= 0 && isRomanNumber(row[cols.codeCol]))) return;
  // No "Đơn vị tính" and a heading's look ("1. Công tác dân vận…", "Hội LHPN"): a group's subtotal
  // row worded otherwise than the catalogue, not a figure of its own.
  if (cols.unitCol >= 0 && isEmpty(row[cols.unitCol])) {
    const label = cellText(row[cols.labelCol]).trim();
    if (/^\d+\s*[.)]\s/.test(label) || label.split(/\s+/).length <= 4) return;
  }
  const cell = a1(r + 1, cols.labelCol + 1);
  const w = out.where({ cell, sheet: out.base.sheet });
  const label = cellText(row[cols.labelCol]);
  if (!lacking) {
    out.push('warning', 'uncoded-row', { cell }, T.uncodedRow(w, r + 1, label, months, level));
    return;
  }
  const guess = u.guess === undefined ? undefined : (look.byCode.get(look.codes[u.guess]) as Indicator);
  const extra = guess ? { cell, indicatorCode: guess.code, indicatorLabel: guess.label } : { cell };
  const likely = guess ? { code: guess.code, label: guess.label, byPlace: u.byPlace === true } : null;
  out.push('error', 'uncoded-row', extra, T.uncodedRowLacking(w, r + 1, label, months, likely, level));
}

/** Bits 1–12: every month of a row. */
const FULL_MONTHS = 0x1ffe;

/**
 * Row `at` has no month value (every month empty or invalid) but a figure other than 0 in the
 * year-total column: a warning on that cell, the figure not counted (the totals add months).
 */
function totalWithoutMonths(
  grid: Grid,
  at: number,
  cols: Columns,
  ind: Indicator,
  flat: Float64Array,
  fa: number,
  out: Sink,
) {
  for (let m = 0; m < 12; m++) if (!Number.isNaN(flat[fa + m])) return;
  const v = (grid[at] ?? NO_CELLS)[cols.totalCol];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? parseCell(v, ind.kind) : null;
  const value = typeof n === 'number' ? n : n !== null && n.status === 'ok' ? (n.value as number) : null;
  if (value === null || value === 0 || !Number.isFinite(value)) return;
  const cell = a1(at + 1, cols.totalCol + 1);
  const extra = { cell, indicatorCode: ind.code, indicatorLabel: ind.label };
  // Months typed but unreadable (their own errors name them) are not "empty".
  const row = grid[at] ?? NO_CELLS;
  const typed = cols.monthCol.some((c) => c !== undefined && cellText(row[c]).trim() !== '');
  out.push(
    'warning',
    'total-without-months',
    extra,
    T.totalWithoutMonths(out.where({ cell, indicator: ind.label }), cellText(v), typed),
  );
}

/** A cell's finite number: a number as it is, a text as parseCell reads it for `kind`; else null. */
function numberIn(v: CellValue, kind: Indicator['kind']): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || v === '') return null;
  const parsed = parseCell(v, kind);
  return parsed.status === 'ok' && typeof parsed.value === 'number' && Number.isFinite(parsed.value)
    ? parsed.value
    : null;
}

/**
 * Row `at` of a summed indicator has month figures and a "Cả năm" cell (typed, or a formula's
 * result) that is not their sum: a warning naming the cell and both numbers (the months are
 * counted). Only when every month has a column and each month cell is a plain number or empty
 * (`rest`: the months plainValues left): a figure typed as text is not in a SUM formula's result,
 * and a wrong cell has its own finding.
 */
function totalNotSum(
  grid: Grid,
  at: number,
  cols: Columns,
  ind: Indicator,
  flat: Float64Array,
  fa: number,
  rest: number,
  out: Sink,
) {
  const row = grid[at] ?? NO_CELLS;
  const total = numberIn(row[cols.totalCol], ind.kind);
  if (total === null) return;
  let sum = 0;
  if (rest === 0 && cols.run >= 0) {
    // The usual row: twelve plain numbers side by side, already in `flat`.
    for (let x = fa, end = fa + 12; x < end; x++) sum += flat[x];
  } else
    for (let m = 1; m <= 12; m++) {
      const c = cols.monthCol[m];
      if (c === undefined) return;
      if ((rest & (1 << m)) !== 0) {
        if (!isEmpty(row[c])) return;
      } else sum += flat[fa + m - 1];
    }
  if (nearlyEqual(total, sum)) return;
  // Numbers in other columns among the months (a "Quý I" column inserted, the SUM grown over it).
  let inner = 0;
  const innerCols: number[] = [];
  let lo = Number.POSITIVE_INFINITY;
  let hi = -1;
  for (let m = 1; m <= 12; m++) {
    const c = cols.monthCol[m] as number;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  for (let c = lo + 1; c < hi; c++) {
    if (cols.monthCol.includes(c)) continue;
    const got = numberIn(row[c], ind.kind);
    if (got === null || got === 0) continue;
    inner += got;
    innerCols.push(c);
  }
  const explained = innerCols.length > 0 && nearlyEqual(total, sum + inner);
  const header = grid[cols.headerRow] ?? NO_CELLS;
  const others = explained
    ? innerCols.map((c) => {
        const head = cellText(header[c]).trim();
        return head ? `${colLetter(c + 1)} (${head})` : colLetter(c + 1);
      })
    : [];
  const cell = a1(at + 1, cols.totalCol + 1);
  const extra = { cell, indicatorCode: ind.code, indicatorLabel: ind.label };
  const w = out.where({ cell, indicator: ind.label });
  const text = explained ? T.totalSumsOtherColumns(w, total, sum, others) : T.totalNotSum(w, total, sum);
  out.push('warning', 'total-not-sum', extra, text);
  const made = out.findings[out.findings.length - 1];
  NOT_SUMS.set(made, { row: at, cell, label: ind.label, total, sum, others: others.join(', ') });
}

/**
 * Row `at` of a stock (its year figure the latest month's) has month figures and a "Cả năm" value
 * that is not the latest month's figure: a total typed by hand, or left from when the indicator
 * was summed (the reader sees values only, so a formula's result is judged the same: the layout's
 * gives the latest month). A warning naming the cell, both numbers and the month; under the same
 * conditions as totalNotSum (every month has a column, each cell a plain number or empty).
 */
function totalNotLast(
  grid: Grid,
  at: number,
  cols: Columns,
  ind: Indicator,
  flat: Float64Array,
  fa: number,
  rest: number,
  out: Sink,
) {
  const row = grid[at] ?? NO_CELLS;
  const total = numberIn(row[cols.totalCol], ind.kind);
  if (total === null) return;
  for (let m = 12; m >= 1; m--) {
    const c = cols.monthCol[m];
    if (c === undefined) return;
    if ((rest & (1 << m)) !== 0) {
      if (!isEmpty(row[c])) return;
      continue;
    }
    const last = flat[fa + m - 1];
    if (nearlyEqual(total, last)) return;
    const cell = a1(at + 1, cols.totalCol + 1);
    const extra = { cell, indicatorCode: ind.code, indicatorLabel: ind.label };
    out.push(
      'warning',
      'total-not-last',
      extra,
      T.totalNotLast(out.where({ cell, indicator: ind.label }), total, m, last),
    );
    return;
  }
}

/** What each 'total-not-sum' finding was made of, for groupNotSums. */
const NOT_SUMS = new WeakMap<
  Finding,
  { row: number; cell: string; label: string; total: number; sum: number; others: string }
>();

/**
 * The 'total-not-sum' findings of one sheet as one warning each for the rows a column among the
 * months explains and for the others (a pasted-values column differs on every row: one warning,
 * not thirty), in place of the first.
 */
function groupNotSums(out: Sink): void {
  const fs = out.findings;
  const groups = new Map<
    string,
    { at: number; rows: { row: number; cell: string; label: string; total: number; sum: number }[] }
  >();
  const drop = new Set<number>();
  for (let k = 0; k < fs.length; k++) {
    const d = fs[k].code === 'total-not-sum' ? NOT_SUMS.get(fs[k]) : undefined;
    if (!d) continue;
    const g = groups.get(d.others);
    if (g) {
      g.rows.push(d);
      drop.add(k);
    } else groups.set(d.others, { at: k, rows: [d] });
  }
  if (!drop.size) return;
  for (const [others, g] of groups) {
    if (g.rows.length < 2) continue;
    g.rows.sort((a, b) => a.row - b.row); // in the sheet's order
    const cells = g.rows.map((r) => r.cell);
    const text = others
      ? T.totalsSumOtherColumns(out.where({ cell: cells[0] }), cells, others)
      : T.totalsNotSum(out.where({ cell: cells[0] }), g.rows);
    out.push('warning', 'total-not-sum', { cell: cells[0] }, text);
    fs[g.at] = fs.pop() as Finding;
  }
  // In place: readGrid holds the array.
  const kept = fs.filter((_, k) => !drop.has(k));
  fs.length = 0;
  for (let k = 0; k < kept.length; k++) fs.push(kept[k]);
}

/** Where a report's numbers go in the block `look.pool.block` (readCells sets every entry). */
function flatArray(look: Lookup): number {
  const size = look.layout.codes.length * 12;
  const pool = look.pool;
  if (pool.used + size > pool.block.length) {
    // Blocks double with the read (1, 2, 4 … 1,024 sheets): reading one sheet stays small, a
    // national read makes a dozen blocks, and at most one block is partly unused.
    pool.block = new Float64Array(size * Math.min(1024, pool.sheets + 1));
    pool.used = 0;
  }
  pool.sheets++;
  const base = pool.used;
  pool.used += size;
  return base;
}

/** A LazyCells, the last sheet's when it would hold the same things (it is only read). */
function cellsMaker(cat: Catalogue, look: Lookup, rowAt: number[], names: RowNames): LazyCells {
  const last = look.lastCells;
  if (last !== null && last.rowAt === rowAt && last.names === names && last.cat === cat) return last;
  const made = new LazyCells(cat, look, rowAt, names);
  look.lastCells = made;
  return made;
}

/**
 * Per indicator code the 12 cell names ('' where there is no row or month column), made when
 * asked. A function of its own, so the closure holds only what it needs (not the grid).
 */
export class LazyCells implements CellsMaker {
  declare cat: Catalogue;
  declare look: Lookup;
  declare rowAt: number[];
  declare names: RowNames;

  constructor(cat: Catalogue, look: Lookup, rowAt: number[], names: RowNames) {
    this.cat = cat;
    this.look = look;
    this.rowAt = rowAt;
    this.names = names;
  }

  make(): Record<string, string[]> {
    const { cat, look } = this;
    const out = fresh<string[]>(look.cellsShape);
    for (let i = 0; i < cat.indicators.length; i++) {
      const at = this.rowAt[look.slot[i]];
      out[cat.indicators[i].code] = at < 0 ? Array(12).fill('') : (this.names.at(at + 1) as string[]);
    }
    return out;
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
  if (year !== null) monthHeaderYear(grid, h, monthCol, year, out);

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
  const missingMonths: number[] = [];
  for (let m = 1; m <= 12; m++) if (monthCol[m] === undefined) missingMonths.push(m);
  if (missingMonths.length)
    out.push('warning', 'missing-month-column', {}, T.missingMonthColumns(out.where(), missingMonths));
  for (let k = 0; k < rows.crossed.length; k++) {
    const x = rows.crossed[k];
    const cell = a1(x.row + 1, cols.codeCol + 1);
    const label = look.byCode.get(x.labelCode)?.label ?? x.labelCode;
    const text = T.crossedRow(out.where({ cell }), x.code, a1(x.row + 1, cols.labelCol + 1), label, x.labelCode);
    out.push('error', 'code-label-mismatch', { cell, indicatorCode: x.code, labelIndicatorCode: x.labelCode }, text);
  }
  for (let k = 0; k < rows.measured.length; k++) measureFinding(out, look, cols.unitCol, rows.measured[k]);
  const lacking = rows.rowAt.includes(-1);
  for (let k = 0; k < rows.unknown.length; k++) unknownRowFinding(grid, rows.unknown[k], cols, look, lacking, out);
  for (let k = 0; k < rows.loose.length; k++) looseLabelFinding(grid, rows.loose[k], cols, look, out);
  for (let k = 0; k < rows.uncoded.length; k++)
    uncodedRowFinding(grid, rows.uncoded[k], cols, look, lacking, ctx.level, out);
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
  const sr = rows.submittedRow;

  const merges = own(sheet.merges ?? [], OWN_MERGES);
  const hiddenCells = merges.length ? hiddenByMerges(merges, rows.rowAt, sr, monthCol) : [];
  for (let k = 0; k < hiddenCells.length; k++) {
    const hidden = hiddenCells[k];
    const text = T.mergedCell(out.where({ cell: hidden.cell }), hidden.range, hidden.months);
    out.push('warning', 'merged-cell', { cell: hidden.cell }, text);
  }

  let lastRow = sr;
  for (let k = 0; k < rows.rowAt.length; k++) if (rows.rowAt[k] > lastRow) lastRow = rows.rowAt[k];
  const span: [number, number] = [h, lastRow];
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
 * 2017", a date of 2017 in a 2018 sheet): one warning on the first, naming the others.
 */
function monthHeaderYear(grid: Grid, h: number, monthCol: (number | undefined)[], year: number, out: Sink): void {
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
  if (!cells.length) return;
  const cell = cells[0];
  out.push(
    'warning',
    'month-header-year',
    { cell },
    T.monthHeaderYear(out.where({ cell }), first, cells, firstYear, year),
  );
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
