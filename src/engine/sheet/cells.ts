/**
 * The values of a report sheet once its rows and columns are known: the month cells of each
 * indicator row into the read's shared block of numbers (the plain-number path first: most cells,
 * the engine's hot path), notes, the submission dates, the "Ghi chú" remarks, rows in another money
 * scale converted, and the findings on cells (those on rows are in row-findings.ts). Moved unchanged
 * out of read.ts.
 */

import { cellProblemText, FINDING_TEXT as T } from '../../messages/vi/findings';
import { formatDateVi } from '../text/format';
import { type MeasureCompare, scaleValue } from '../text/measure';
import type { Catalogue, CellValue, Grid, Indicator, Remark } from '../types';
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
import { a1, LAYOUT } from './layout';
import type { Sink } from './read';
import { cellText, fresh, isEmpty, NO_CELLS, parseRange, type RowNames } from './read-helpers';
import type { Columns, Lookup, Rows } from './read-types';
import { totalNotLast, totalNotSum, totalWithoutMonths } from './row-findings';
import type { CellsMaker } from './sheet-report';

const SUBMITTED_LABEL = 'Ngày nộp báo cáo';

/** The submission dates (ISO or null, by month) as readCells reads them, without its findings. */
export function submittedDates(grid: Grid, rows: Rows, cols: Columns, look: Lookup): (string | null)[] {
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

/** A note row's cells merged across months, its text typed once (in the first month's cell). */
export interface MergedNote {
  range: string;
  /** The top-left cell, which holds the text. */
  cell: string;
  code: string;
  label: string;
  /** The months under the merge, in order; the first is the top-left cell's. */
  months: number[];
}

/**
 * Merges within one note row from a month's cell over other months' (a note typed once for
 * them): not cells lost as a figure's would be, but a note of the span (spreadMergedNotes).
 */
export function mergedNotes(
  merges: string[],
  cat: Catalogue,
  look: Lookup,
  rowAt: number[],
  monthCol: (number | undefined)[],
): MergedNote[] {
  const out: MergedNote[] = [];
  for (let i = 0; i < merges.length; i++) {
    const box = parseRange(merges[i]);
    if (!box || box.r1 !== box.r2) continue;
    let k = -1;
    for (let j = 0; j < cat.indicators.length && k < 0; j++)
      if (look.flatAt[j] < 0 && rowAt[look.slot[j]] + 1 === box.r1) k = j;
    if (k < 0) continue;
    const months: number[] = [];
    let first = 0;
    for (let m = 1; m <= 12; m++) {
      const c = monthCol[m];
      if (c === undefined || c + 1 < box.c1 || c + 1 > box.c2) continue;
      months.push(m);
      if (c + 1 === box.c1) first = m;
    }
    if (!first || months.length < 2) continue;
    // The top-left month first, then the others in order (month columns are left to right as a rule).
    const ordered = [first, ...months.filter((m) => m !== first)];
    const ind = cat.indicators[k];
    out.push({ range: box.text, cell: a1(box.r1, box.c1), code: ind.code, label: ind.label, months: ordered });
  }
  return out;
}

/**
 * The note of each merge in `spans` given to the months under it that have a report of their own
 * (a figure, a cell not read, a submission date, a note in their own cell), so that a note typed
 * once for a quarter or the year shows in those months' reports, not as the first month's alone.
 * Months with nothing yet stay empty: a note alone makes a month count as reported. With no such
 * month it stays the first month's, as typed. Returns the months each note went to (null: no text).
 */
export function spreadMergedNotes(
  spans: readonly MergedNote[],
  notes: Record<string, (string | null)[]>,
  look: Lookup,
  flat: Float64Array,
  base: number,
  submitted: (string | null)[],
  invalid: string[],
): (number[] | null)[] {
  const own = (m: number): boolean => {
    if (submitted[m - 1]) return true;
    for (let j = 0; j < look.flatAt.length; j++)
      if (look.flatAt[j] >= 0 && !Number.isNaN(flat[base + look.flatAt[j] + m - 1])) return true;
    if (invalid.some((key) => key.endsWith(`:${m}`))) return true;
    for (const code in notes) {
      const t = notes[code]?.[m - 1];
      // A merged note's own cell is not a report of its month.
      if (t?.trim() && !spans.some((s) => s.code === code && s.months.includes(m))) return true;
    }
    return false;
  };
  // Decided on the sheet as typed, before any note is spread.
  const reported = new Set<number>();
  for (let m = 1; m <= 12; m++) if (own(m)) reported.add(m);
  return spans.map((s) => {
    const text = notes[s.code]?.[s.months[0] - 1];
    if (!text) return null;
    const to = s.months.filter((m) => reported.has(m)).sort((a, b) => a - b);
    if (!to.length) return [s.months[0]];
    const row = notes[s.code] as (string | null)[];
    row[s.months[0] - 1] = null;
    for (const m of to) row[m - 1] = text;
    return to;
  });
}

/**
 * Merged ranges covering a value cell other than their top-left one: that cell is lost. Value
 * cells are the month cells of the indicator rows (`rowAt`, 0-based) and the submission row.
 * Merges of `notes` (mergedNotes) lose nothing: left out.
 */
export function hiddenByMerges(
  merges: string[],
  rowAt: number[],
  sr: number,
  monthCol: (number | undefined)[],
  notes: readonly MergedNote[] = [],
) {
  const out: { range: string; cell: string; months: number[] }[] = [];
  // A merge that ends above the first value row (a title) hides none: no row list for it.
  let firstValueRow = sr >= 0 ? sr + 1 : Number.POSITIVE_INFINITY;
  for (let k = 0; k < rowAt.length; k++)
    if (rowAt[k] >= 0 && rowAt[k] + 1 < firstValueRow) firstValueRow = rowAt[k] + 1;
  // 1-based rows holding values.
  let valueRows: boolean[] | null = null;
  for (let i = 0; i < merges.length; i++) {
    const box = parseRange(merges[i]);
    if (!box || box.r2 < firstValueRow || notes.some((n) => n.range === box.text)) continue;
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
export function readRemarks(
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
export function readCells(
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
        const parsed: CellParse =
          note && typeof v === 'string' ? parseNote(look, v) : parseCell(v, ind.kind, ind.overMonths === 'last');
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

/** Note texts remembered per read, at most (then the cache starts again). */
const NOTE_PARSES_MAX = 5000;

/** parseCell(text, 'note'), remembered per text in `look.noteParses`: it depends on the text alone. */
function parseNote(look: Lookup, text: string): CellParse {
  const cache = look.noteParses;
  let parsed = cache.get(text);
  if (parsed === undefined) {
    parsed = parseCell(text, 'note');
    if (cache.size >= NOTE_PARSES_MAX) cache.clear();
    cache.set(text, parsed);
  }
  return parsed;
}

/** Bits 1–12: every month of a row. */
const FULL_MONTHS = 0x1ffe;

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
