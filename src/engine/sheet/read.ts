/**
 * Read commune report sheets (the layout of layout.ts, as edited by real people) into
 * UnitYear reports plus findings. Everything is found by text, never by position
 * alone: the header row by its month headers, indicator rows by code (or label),
 * month columns by header, the unit and year by their labels. So reordered rows,
 * blank rows, inserted columns, group rows and extra sheets do not matter.
 */

import { cellProblemText, guessSource, FINDING_TEXT as T, type Where } from '../../messages/vi/findings';
import { LAYOUT_TEXT } from '../../messages/vi/layout';
import { formatDateVi } from '../text/format';
import { fromLegacy, type LegacyCode, legacyCode, mayBeLegacy } from '../text/legacy';
import { compareMeasures, type MeasureCompare, scaleValue } from '../text/measure';
import { cleanText, memoText, normalizeName, slug } from '../text/normalize';
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
import { findHeaderRow, type MonthMap, monthColumns, monthsUnderHeading, nearestHeader } from './months';
import {
  add,
  cellText,
  fresh,
  indicatorKey,
  isEmpty,
  labelKey,
  MAX_COLS,
  MAX_ROWS,
  NO_CELLS,
  parseRange,
  RowNames,
  shape,
  textKey,
} from './read-helpers';
import type { Columns, Lookup, MonthColumns, Rows } from './read-types';
import { type CellsMaker, type FlatLayout, SheetReport } from './sheet-report';
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

/** Rows looked at when guessing the code or label column from its contents. */
const GUESS_ROWS = 300;
const SUBMITTED_LABEL = 'Ngày nộp báo cáo';

// Header and label texts are compared after labelKey (lower case, no colon); the
// layout's own texts are always among them.
const CODE_HEADERS = new Set([textKey(LAYOUT_TEXT.code), 'mã', 'mã số', 'mã chỉ tiêu', 'mã ct']);
const LABEL_HEADERS = [textKey(LAYOUT_TEXT.indicator), 'chỉ tiêu', 'nội dung', 'tên chỉ tiêu'];
const isLabelHeader = memoText((k) => LABEL_HEADERS.some((l) => k === l || k.startsWith(`${l} `)));
/** Not "đơn vị" alone: that is also the unit's label above the header ("Đơn vị:"). */
const MEASURE_HEADERS = new Set([textKey(LAYOUT_TEXT.measure), 'đơn vị tính', 'đvt']);
/** The year-total column ("Cả năm"): not read (the months are), but a figure typed there alone is said. */
const TOTAL_HEADERS = new Set([
  textKey(LAYOUT_TEXT.yearTotal),
  'cả năm',
  'tổng cả năm',
  'cộng cả năm',
  'tổng cộng',
  'tổng',
  'cộng',
]);
/** The remarks column ("Ghi chú", the template's R): a commune's remark beside an indicator's row. */
const NOTE_HEADERS = new Set([textKey(LAYOUT_TEXT.note), 'ghi chú', 'chú thích']);
/** Text in the code column that is meant as an indicator code (not "I", "II", "a" numbering). */
export function looksLikeCode(text: string): boolean {
  return text.length >= 3 && /^[A-Za-z][A-Za-z0-9_.-]*$/.test(text) && !/^[IVXLC]+$/i.test(text);
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

/** mapRows' reading of a cell's text: nothing, the submission row, a code to check by its label. */
const ROW_NONE = -1;
const ROW_SUBMITTED = -2;
const ROW_UNKNOWN_CODE = -3;
/**
 * A label no indicator has, and no heading, total or note either: maybe an indicator a clerk
 * typed in (see uncodedRowFinding). Read as ROW_NONE otherwise.
 */
const ROW_OTHER_LABEL = -4;
const ROW_CELLS_MAX = 5000;

function lookup(cat: Catalogue): Lookup {
  const byLabel = new Map<string, Indicator | null>();
  for (const i of cat.indicators) {
    const k = indicatorKey(i.label);
    byLabel.set(k, byLabel.has(k) ? null : i); // a label used twice cannot identify a row
  }
  const codes = [...new Set(cat.indicators.map((i) => i.code))];
  const of = (note: boolean) => cat.indicators.filter((i) => (i.kind === 'note') === note).map((i) => i.code);
  const byCode = new Map(cat.indicators.map((i) => [i.code, i]));
  const position = new Map(codes.map((c, k) => [c, k]));
  const byPlainCode = new Map(
    codes
      .filter((c) => c !== '' && cleanText(c) === c && c.toUpperCase() !== LAYOUT.submittedCode)
      .map((c) => [c, position.get(c) as number]),
  );
  const numericCodes = [...new Set(of(false))];
  const layout: FlatLayout = { codes: numericCodes, position: new Map(numericCodes.map((c, k) => [c, k])) };
  return {
    byPlainCode,
    layout,
    flatAt: cat.indicators.map((i) => (i.kind === 'note' ? -1 : (layout.position.get(i.code) as number) * 12)),
    pool: { block: new Float64Array(0), used: 0, sheets: 0 },
    notesShape: shape(of(true)),
    cellsShape: shape(cat.indicators.map((i) => i.code)),
    codes,
    position,
    noRows: codes.map(() => -1),
    measures: codes.map((c) => {
      const ind = byCode.get(c) as Indicator;
      return ind.kind === 'note' ? '' : ind.unit;
    }),
    slot: cat.indicators.map((i) => codes.indexOf(i.code)),
    byCode,
    byUpperCode: new Map(cat.indicators.map((i) => [i.code.toUpperCase(), i])),
    byLabel,
    groupKeys: new Set(cat.groups.map((g) => indicatorKey(g.label))),
    codeCells: new Map(),
    labelCells: new Map(),
    looseLabels: null,
    seenRows: null,
    lastCells: null,
    dates: new Map(),
  };
}

/** The column (not `not`, not a month) with most hits (at least 3) below the header, leftmost on a tie; -1 if none. */
function guessColumn(grid: Grid, h: number, monthCols: boolean[], hit: (text: string) => boolean, not: number): number {
  const counts: number[] = [];
  const end = Math.min(grid.length, h + 1 + GUESS_ROWS);
  for (let r = h + 1; r < end; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (c !== not && !monthCols[c] && typeof v === 'string' && v.length < 300 && hit(cleanText(v)))
        counts[c] = (counts[c] ?? 0) + 1;
    }
  }
  let best = -1;
  for (let c = 0; c < counts.length; c++) if ((counts[c] ?? 0) >= 3 && (best < 0 || counts[c] > counts[best])) best = c;
  return best;
}

/**
 * The header rows (the month row and the two above) last seen and the code and label columns
 * their texts give: sheets of one template repeat them, and the same texts with the same months
 * (one shared MonthMap: the month columns passed over) give the same columns.
 */
let lastColumnHeads: {
  months: MonthMap;
  rows: CellValue[][];
  totalCol: number;
  noteCol: number;
  codeCol: number;
  labelCol: number;
  unitCol: number;
  /** The Columns made from them (only read), when both columns came from the header texts. */
  columns: Columns | null;
} | null = null;

/** Text of a cell for the header-text pass, which looks at non-empty text only. */
function headText(v: CellValue): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/**
 * Rows from…to of the grid hold the same texts as `rows` (same lengths, texts ===; numbers,
 * dates and empties, such as the year above the header, are not looked at).
 */
function sameTexts(grid: Grid, from: number, to: number, rows: CellValue[][]): boolean {
  if (rows.length !== to - from + 1) return false;
  for (let r = from; r <= to; r++) {
    const row = grid[r] ?? [];
    const seen = rows[r - from];
    if (row.length !== seen.length) return false;
    for (let c = 0; c < row.length; c++) if (headText(row[c]) !== headText(seen[c])) return false;
  }
  return true;
}

function monthColumnsFrom(months: MonthMap): MonthColumns {
  const monthCol: (number | undefined)[] = Array(13).fill(undefined);
  const monthCols: boolean[] = [];
  const duplicateMonths: [number, number, number][] = [];
  const { order, first, more } = months;
  for (let k = 0; k < order.length; k++) {
    const m = order[k];
    monthCol[m] = first[m];
    monthCols[first[m]] = true;
    const others = more?.[m];
    if (others)
      for (let i = 0; i < others.length; i++) {
        monthCols[others[i]] = true;
        duplicateMonths.push([m, first[m], others[i]]);
      }
  }
  let run = monthCol[1] ?? -1;
  for (let m = 2; m <= 12 && run >= 0; m++) if (monthCol[m] !== run + m - 1) run = -1;
  return { monthCol, monthCols, duplicateMonths, names: new RowNames(monthCol), run };
}

/** Some indicator row or the submission row holds anything (a figure, a date, a note) in column c. */
function columnHolds(grid: Grid, rows: Rows, c: number): boolean {
  if (rows.submittedRow >= 0 && !isEmpty((grid[rows.submittedRow] ?? NO_CELLS)[c])) return true;
  for (let k = 0; k < rows.rowAt.length; k++) {
    const r = rows.rowAt[k];
    if (r >= 0 && !isEmpty((grid[r] ?? NO_CELLS)[c])) return true;
  }
  return false;
}

/**
 * The columns of a month headed twice (or more): the first that holds anything is read, else the
 * first. `found`: per other column, whether it holds anything too (its figures dropped). A new
 * Columns when the read column is not the header's first: the shared one stays as the header gives it.
 */
function twiceHeaded(
  grid: Grid,
  cols: Columns,
  rows: Rows,
): { cols: Columns; found: { m: number; read: number; other: number; filled: boolean }[] } {
  const byMonth = new Map<number, number[]>();
  for (const [m, first, other] of cols.duplicateMonths) {
    const list = byMonth.get(m) ?? [first];
    list.push(other);
    byMonth.set(m, list);
  }
  let monthCol = cols.monthCol;
  const found: { m: number; read: number; other: number; filled: boolean }[] = [];
  for (const [m, list] of byMonth) {
    const holds = list.map((c) => columnHolds(grid, rows, c));
    const at = holds.indexOf(true);
    const read = list[Math.max(at, 0)];
    for (let i = 0; i < list.length; i++)
      if (list[i] !== read) found.push({ m, read, other: list[i], filled: holds[i] });
    if (read !== monthCol[m]) {
      if (monthCol === cols.monthCol) monthCol = monthCol.slice();
      monthCol[m] = read;
    }
  }
  if (monthCol === cols.monthCol) return { cols, found };
  let run = monthCol[1] ?? -1;
  for (let m = 2; m <= 12 && run >= 0; m++) if (monthCol[m] !== run + m - 1) run = -1;
  return { cols: { ...cols, monthCol, names: new RowNames(monthCol), run }, found };
}

/** Month, code and label columns, or null when the sheet has no code or label column. */
function locateColumns(grid: Grid, header: { row: number; months: MonthMap }, look: Lookup): Columns | null {
  const h = header.row;
  header.months.columns ??= monthColumnsFrom(header.months);
  const { monthCol, monthCols, duplicateMonths, names, run } = header.months.columns;

  // By header text; the header may span the two rows above the month row.
  let codeCol = -1;
  let labelCol = -1;
  let unitCol = -1;
  let totalCol = -1;
  let noteCol = -1;
  const from = Math.max(0, h - 2);
  const last = lastColumnHeads;
  // The same months (a shared MonthMap) pass over the same columns.
  if (last !== null && last.months === header.months && sameTexts(grid, from, h, last.rows)) {
    if (last.columns !== null && last.columns.headerRow === h) return last.columns;
    codeCol = last.codeCol;
    labelCol = last.labelCol;
    unitCol = last.unitCol;
    totalCol = last.totalCol;
    noteCol = last.noteCol;
  } else {
    for (let r = from; r <= h; r++) {
      const row = grid[r] ?? [];
      for (let c = 0; c < row.length; c++) {
        // Only text can be a header: numbers, dates and empties have no key among them.
        const v = row[c];
        if (monthCols[c] || typeof v !== 'string' || v === '') continue;
        const k = labelKey(v);
        if (codeCol < 0 && CODE_HEADERS.has(k)) codeCol = c;
        else if (labelCol < 0 && isLabelHeader(k)) labelCol = c;
        else if (unitCol < 0 && MEASURE_HEADERS.has(k)) unitCol = c;
        else if (totalCol < 0 && TOTAL_HEADERS.has(k)) totalCol = c;
        else if (noteCol < 0 && NOTE_HEADERS.has(k)) noteCol = c;
      }
    }
    const rows: CellValue[][] = [];
    for (let r = from; r <= h; r++) rows.push((grid[r] ?? []).slice());
    lastColumnHeads = { months: header.months, rows, codeCol, labelCol, unitCol, totalCol, noteCol, columns: null };
  }
  const fromHeads = codeCol >= 0 && labelCol >= 0;
  // Else by contents: the column with most hits (at least 3), leftmost on a tie.
  if (codeCol < 0) codeCol = guessColumn(grid, h, monthCols, (t) => look.byUpperCode.has(t.toUpperCase()), labelCol);
  if (labelCol < 0)
    labelCol = guessColumn(grid, h, monthCols, (t) => Boolean(look.byLabel.get(indicatorKey(t))), codeCol);
  if (codeCol < 0 && labelCol < 0) return null;
  // A code or label column guessed from its contents is not the unit column.
  if (unitCol === codeCol || unitCol === labelCol) unitCol = -1;
  if (totalCol === codeCol || totalCol === labelCol || totalCol === unitCol) totalCol = -1;
  if (noteCol === codeCol || noteCol === labelCol || noteCol === unitCol) noteCol = -1;
  const columns: Columns = {
    headerRow: h,
    monthCol,
    duplicateMonths,
    codeCol,
    labelCol,
    unitCol,
    names,
    run,
    totalCol,
    noteCol,
  };
  // Columns guessed from the contents depend on more than the header texts: not kept.
  if (fromHeads && lastColumnHeads !== null) lastColumnHeads.columns = columns;
  return columns;
}

/** Indicator rows by code, else by label; group rows, blank rows and footers are passed over. */
const SUBMITTED_KEY = indicatorKey('Ngày nộp');

/** Row r holds `code`: the first row of a code wins, later ones are duplicates. */
function placeRow(rows: Rows, look: Lookup, code: string, r: number, col: number): void {
  placeRowAt(rows, look, look.position.get(code) as number, r, col);
}

/** placeRow for the code at position `k`. */
function placeRowAt(rows: Rows, look: Lookup, k: number, r: number, col: number): void {
  const first = rows.rowAt[k];
  if (first < 0) {
    rows.rowAt[k] = r;
    rows.found++;
  } else rows.duplicates.push({ row: r, col, code: look.codes[k], first });
}

/** What a code cell's text says about its row (ROW_NONE: read the label). */
function codeCellKind(look: Lookup, code: string): number {
  if (!code) return ROW_NONE;
  // Upper-casing cannot change the length of a string that becomes "NGAY_NOP".
  if (code.length === LAYOUT.submittedCode.length && code.toUpperCase() === LAYOUT.submittedCode) return ROW_SUBMITTED;
  const ind = look.byCode.get(code) ?? look.byUpperCode.get(code.toUpperCase());
  if (ind) return look.position.get(ind.code) as number;
  return looksLikeCode(code) ? ROW_UNKNOWN_CODE : ROW_NONE;
}

/** What a label cell's text says about its row. */
function labelCellKind(look: Lookup, label: string): number {
  if (!label) return ROW_NONE;
  const key = indicatorKey(label);
  if (key.startsWith(SUBMITTED_KEY)) return ROW_SUBMITTED;
  const ind = look.byLabel.get(key);
  if (ind) return look.position.get(ind.code) as number;
  // null: the label of two indicators, which cannot say which (not "no indicator").
  return ind === undefined && mayBeTypedIndicator(look, label, key) ? ROW_OTHER_LABEL : ROW_NONE;
}

/** A heading's numbering: "I.", "II -", "A)" (an item's is "1." or "a)"). */
const HEADING_NUMBER = /^(?:[IVXLC]{1,6}\s*[.)/:-]|[A-Z]\s*[.)/])/;
/**
 * Labels (as slugs, numbering dropped) of rows that hold no indicator of their own: totals
 * ("Cộng", "Tổng cộng", "Cộng nhóm I", "Lũy kế"), notes ("Ghi chú: …").
 */
const NOT_AN_INDICATOR =
  /^(?:tong-cong|luy-ke|ghi-chu|luu-y|chu-thich)(?:-|$)|^(?:cong|tong|tong-so|tong-hop|cong-don)$|^cong-(?:nhom|phan|muc|[ivxlc]+|\d+)(?:-|$)/;
/**
 * Rows about another row, not an indicator of their own: a breakdown ("Trong đó: nữ", "- Nữ"),
 * the plan, last year's figure, a ratio ("Tỷ lệ (%)"). Their figures are part of, or beside, an
 * indicator's: "type them into an indicator's row" would count them twice.
 */
const ABOUT_ANOTHER_ROW =
  /^(?:trong-do|cung-ky|ke-hoach|chi-tieu-ke-hoach|ty-le|so-voi|so-sanh|nam-truoc|bao-gom)(?:-|$)/;
const BREAKDOWN_MARK = /^[-+•*–—]|%/;

/**
 * Whether a label no indicator has (`key`: its indicatorKey) may be an indicator typed in by hand:
 * it has letters, and is no group's heading (the catalogue's, numbered "I.", or in capitals), total
 * or note. Once per distinct label text (cellKind remembers it).
 */
function mayBeTypedIndicator(look: Lookup, label: string, key: string): boolean {
  if (!/\p{L}/u.test(key)) return false;
  if (look.groupKeys.has(key) || HEADING_NUMBER.test(label) || label === label.toLocaleUpperCase('vi')) return false;
  if (BREAKDOWN_MARK.test(label.trim())) return false;
  const s = slug(key);
  return !NOT_AN_INDICATOR.test(s) && !ABOUT_ANOTHER_ROW.test(s);
}

/** kindOf(look, cellText(v)), remembered per distinct text in `cache`. */
function cellKind(look: Lookup, cache: Map<string, number>, v: CellValue, kindOf: typeof codeCellKind): number {
  if (typeof v !== 'string') return kindOf(look, cellText(v));
  let kind = cache.get(v);
  if (kind === undefined) {
    kind = kindOf(look, cellText(v));
    if (cache.size >= ROW_CELLS_MAX) cache.clear();
    cache.set(v, kind);
  }
  return kind;
}

/**
 * What mapRows read of a sheet: per row below the header its code cell, and its label cell where
 * the label was read (NOT_READ where the code settled the row). mapRows' answer depends on nothing
 * else, so a sheet whose cells are the same (===, as most sheets of one template are) has the same
 * rows: the Rows made for the earlier sheet serve again (they are only read).
 */
export interface SeenRows {
  headerRow: number;
  codeCol: number;
  labelCol: number;
  unitCol: number;
  length: number;
  codes: CellValue[];
  labels: (CellValue | typeof NOT_READ)[];
  /** The indicator rows whose "Đơn vị tính" cell was checked, and those cells. */
  unitRows: number[];
  units: CellValue[];
  rows: Rows;
}
const NOT_READ: unique symbol = Symbol('not read');
function sameRows(grid: Grid, cols: Columns, seen: SeenRows): boolean {
  const { headerRow, codeCol, labelCol, unitCol } = cols;
  if (
    seen.length !== grid.length ||
    seen.headerRow !== headerRow ||
    seen.codeCol !== codeCol ||
    seen.labelCol !== labelCol ||
    seen.unitCol !== unitCol
  )
    return false;
  const { codes, labels } = seen;
  for (let r = headerRow + 1, i = 0; r < grid.length; r++, i++) {
    const row = grid[r] ?? NO_CELLS;
    if ((codeCol >= 0 ? row[codeCol] : '') !== codes[i]) return false;
    const label = labels[i];
    if (label !== NOT_READ && row[labelCol] !== label) return false;
  }
  // The same code and label cells give the same indicator rows: their unit cells, one comparison each.
  const { unitRows, units } = seen;
  for (let j = 0; j < unitRows.length; j++) if ((grid[unitRows[j]] ?? NO_CELLS)[unitCol] !== units[j]) return false;
  return true;
}

/**
 * Whether row r's label names another indicator than its code (position k): then the row is not
 * placed, and `rows.crossed` says so. The label is remembered for sameRows either way. A label no
 * indicator has (reworded, empty) says nothing against the code.
 */
function crossedLabel(
  rows: Rows,
  look: Lookup,
  row: CellValue[],
  labelCol: number,
  labels: (CellValue | typeof NOT_READ)[],
  k: number,
  r: number,
): boolean {
  const v = row[labelCol];
  labels[labels.length - 1] = v;
  if (v === '' || v === null || v === undefined) return false;
  const byLabel = cellKind(look, look.labelCells, v, labelCellKind);
  if (byLabel < 0 || byLabel === k) return false;
  rows.crossed.push({ row: r, code: look.codes[k], labelCode: look.codes[byLabel] });
  return true;
}

function mapRows(grid: Grid, cols: Columns, look: Lookup): Rows {
  const seen = look.seenRows;
  if (seen !== null && sameRows(grid, cols, seen)) return seen.rows;
  const rowAt = look.noRows.slice();
  const rows: Rows = {
    rowAt,
    found: 0,
    submittedRow: -1,
    unknown: [],
    uncoded: [],
    loose: [],
    duplicates: [],
    crossed: [],
    measured: [],
    measure: null,
  };
  const { codeCol, labelCol, unitCol } = cols;
  const codes: CellValue[] = [];
  const labels: (CellValue | typeof NOT_READ)[] = [];
  const unitRows: number[] = [];
  const units: CellValue[] = [];
  look.seenRows = {
    headerRow: cols.headerRow,
    codeCol,
    labelCol,
    unitCol,
    length: grid.length,
    codes,
    labels,
    unitRows,
    units,
    rows,
  };
  for (let r = cols.headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? NO_CELLS;
    const raw = codeCol >= 0 ? row[codeCol] : '';
    codes.push(raw);
    // Every branch below that reads the label cell reads it only when there is a label column.
    labels.push(NOT_READ);
    // The common row: the cell holds exactly an indicator code, nothing to clean.
    const direct = typeof raw === 'string' && raw !== '' ? look.byPlainCode.get(raw) : undefined;
    if (direct !== undefined) {
      if (labelCol >= 0 && crossedLabel(rows, look, row, labelCol, labels, direct, r)) continue;
      placeRowAt(rows, look, direct, r, codeCol);
      continue;
    }
    const codeKind = raw === '' ? ROW_NONE : cellKind(look, look.codeCells, raw, codeCellKind);
    if (codeKind !== ROW_NONE) {
      if (codeKind === ROW_SUBMITTED) {
        if (rows.submittedRow < 0) rows.submittedRow = r;
        continue;
      }
      if (codeKind >= 0) {
        if (labelCol >= 0 && crossedLabel(rows, look, row, labelCol, labels, codeKind, r)) continue;
        placeRowAt(rows, look, codeKind, r, codeCol);
        continue;
      }
      // ROW_UNKNOWN_CODE: a mistyped or retired code; the label may still say which indicator it is.
      if (labelCol >= 0) labels[labels.length - 1] = row[labelCol];
      const code = cellText(raw);
      const label = labelCol >= 0 ? cellText(row[labelCol]) : '';
      const viaLabel = label ? look.byLabel.get(indicatorKey(label)) : undefined;
      const usable = viaLabel && rowAt[look.position.get(viaLabel.code) as number] < 0 ? viaLabel : null;
      rows.unknown.push({ row: r, code, readByLabel: usable !== null, labelNamed: viaLabel !== undefined });
      if (usable) placeRow(rows, look, usable.code, r, labelCol);
      continue;
    }
    if (labelCol < 0) continue;
    labels[labels.length - 1] = row[labelCol];
    const labelKind = cellKind(look, look.labelCells, row[labelCol], labelCellKind);
    if (labelKind === ROW_SUBMITTED) {
      if (rows.submittedRow < 0) rows.submittedRow = r;
    } else if (labelKind >= 0) placeRowAt(rows, look, labelKind, r, labelCol);
    else if (labelKind === ROW_OTHER_LABEL) rows.uncoded.push({ row: r });
  }
  if (rows.uncoded.length) placeByLooseLabel(grid, labelCol, unitCol, look, rows, unitRows, units);
  if (rows.unknown.length) placeByPosition(grid, labelCol, unitCol, look, rows, unitRows, units);
  if (rows.uncoded.length) guessUncoded(grid, labelCol, look, rows);
  if (unitCol >= 0) checkMeasures(grid, unitCol, look, rows, unitRows, units);
  return rows;
}

/** Per code position, whether the sheet has no row for it (a crossed code has one, only not read). */
function lackingCodes(rows: Rows, look: Lookup): boolean[] {
  const lacking = rows.rowAt.map((r) => r < 0);
  for (const x of rows.crossed) {
    lacking[look.position.get(x.code) as number] = false;
    lacking[look.position.get(x.labelCode) as number] = false;
  }
  return lacking;
}

/**
 * For a sheet row, the indicator rows placed around it: the nearest above and below (sheet rows;
 * -1 and ∞ when none) and their code positions `lo` and `hi` (-1 and the code count when none).
 */
function neighboursIn(rowAt: number[]): (row: number) => { above: number; below: number; lo: number; hi: number } {
  const placedAt = new Map<number, number>();
  for (let k = 0; k < rowAt.length; k++) if (rowAt[k] >= 0) placedAt.set(rowAt[k], k);
  const placed = [...placedAt.keys()].sort((a, b) => a - b);
  return (row) => {
    let above = -1;
    let below = Number.POSITIVE_INFINITY;
    for (const r of placed) {
      if (r < row) above = r;
      else if (r > row) {
        below = r;
        break;
      }
    }
    const lo = above < 0 ? -1 : (placedAt.get(above) as number);
    const hi = below === Number.POSITIVE_INFINITY ? rowAt.length : (placedAt.get(below) as number);
    return { above, below, lo, hi };
  };
}

/** The one code position between `lo` and `hi` (exclusive) the sheet lacks, or -1 (none, or several). */
function soleLacking(lacking: boolean[], lo: number, hi: number): number {
  let guess = -1;
  for (let k = lo + 1; k < hi; k++) {
    if (!lacking[k]) continue;
    if (guess >= 0) return -1;
    guess = k;
  }
  return guess;
}

/**
 * Rows with a code the catalogue does not have, not read by their label (the catalogue changed an
 * indicator's code and label together, or a code was mistyped in a reworded row): the indicator the
 * row stands for, when its place says so. A row sits between two indicator rows of the sheet (or the
 * table's start or end); when the catalogue has exactly one indicator between those two that the
 * sheet has no row for, and the row is the only one of its kind there, that indicator is its
 * `guess`. The row is then READ as that indicator (with a warning saying so, see readGrid) when its
 * "Đơn vị tính" agrees too: the same unit (or money in another scale, converted by checkMeasures),
 * or none for a note. Reading it is better for users than leaving it out: the figures stay in the
 * totals, where the catalogue now counts them under the new code, and "Tạo mẫu" / `tonghop
 * template` writes the new code into the row (missing-rows.ts: a row read under another code is
 * re-coded) so the warning stops. A guess whose unit disagrees is only named in the error: a
 * count where the catalogue now has money (or another counting unit) is likely another indicator.
 * The unit cells looked at go to `unitRows`/`units`, for sameRows.
 */
function placeByPosition(
  grid: Grid,
  labelCol: number,
  unitCol: number,
  look: Lookup,
  rows: Rows,
  unitRows: number[],
  units: CellValue[],
): void {
  const { rowAt, unknown } = rows;
  const open = unknown.filter((u) => !u.readByLabel && !u.labelNamed);
  if (!open.length) return;
  const lacking = lackingCodes(rows, look);
  const near = neighboursIn(rowAt);
  for (const u of open) {
    const { above, below, lo, hi } = near(u.row);
    // Rows out of the catalogue's order: their place says nothing.
    if (lo >= hi) continue;
    const guess = soleLacking(lacking, lo, hi);
    if (guess < 0) continue;
    if (unknown.some((v) => v !== u && !v.readByLabel && v.row > above && v.row < below)) continue;
    // A label that shares little with the indicator's is another indicator the catalogue replaced
    // at that place (not this one renamed): its figures are not taken for this one's.
    const label = labelCol >= 0 ? cellText((grid[u.row] ?? NO_CELLS)[labelCol]) : '';
    if (label && !alikeLabels(label, (look.byCode.get(look.codes[guess]) as Indicator).label)) continue;
    u.guess = guess;
    if (unitCol < 0) continue;
    const v = (grid[u.row] ?? NO_CELLS)[unitCol];
    unitRows.push(u.row);
    units.push(v);
    const expected = look.measures[guess];
    const kind = isEmpty(v) ? null : compareMeasures(cellText(v), expected).kind;
    const fits = expected === '' ? kind === null : kind === 'same' || kind === 'scale';
    if (!fits) continue;
    u.readAsGuess = true;
    placeRowAt(rows, look, guess, u.row, -1);
  }
}

/**
 * A label's key for a loose match: what clerks change without meaning another indicator left out
 * (numbering, case, diacritics, signs, a leading "Số" / "Số lượng").
 */
const looseLabelKey = memoText((text) => slug(indicatorKey(text)).replace(/^so-(?:luong-)?(?=.)/, ''));
/** A unit appended in brackets: "Suất quà tặng (suất)", "… [ĐVT: lượt]". */
const TRAILING_BRACKET = /\s*[([]([^()[\]]{1,40})[)\]]\s*$/;

function looseLabels(look: Lookup): Map<string, number[]> {
  if (look.looseLabels) return look.looseLabels;
  const map = new Map<string, number[]>();
  for (const [code, ind] of look.byCode) {
    const k = look.position.get(code) as number;
    const key = looseLabelKey(ind.label);
    const list = map.get(key);
    if (!list) map.set(key, [k]);
    else if (!list.includes(k)) list.push(k);
  }
  look.looseLabels = map;
  return map;
}

/** Whether bracketed text ("suất", "ĐVT: lượt") is the unit `unit`, or like it. */
function likeUnit(text: string, unit: string): boolean {
  const t = slug(text).replace(/^(?:dvt|don-vi-tinh)-/, '');
  const u = slug(unit);
  return u !== '' && t !== '' && (t === u || t.startsWith(`${u}-`) || u.startsWith(`${t}-`));
}

/**
 * The code position of the one indicator whose label loosely matches `label` (looseLabelKey, or
 * that of the label without a trailing bracket holding the indicator's unit), else -1.
 */
function looseMatch(look: Lookup, label: string): number {
  const map = looseLabels(look);
  const whole = map.get(looseLabelKey(label));
  if (whole) return whole.length === 1 ? whole[0] : -1;
  const m = TRAILING_BRACKET.exec(label);
  if (!m || m.index === 0) return -1;
  const list = map.get(looseLabelKey(label.slice(0, m.index)));
  if (list?.length !== 1) return -1;
  return likeUnit(m[1], (look.byCode.get(look.codes[list[0]]) as Indicator).unit) ? list[0] : -1;
}

/**
 * Rows without a code whose label is no indicator's exactly (Rows.uncoded) but loosely the label
 * of one indicator (looseMatch) that the sheet has no row for: read as it when no other such row
 * matches it and, with a "Đơn vị tính" column, the row's unit agrees (money in another scale is
 * converted by checkMeasures). A warning says so (readGrid). Otherwise the indicator is the row's
 * `guess`, named in its finding. The unit cells looked at go to `unitRows`/`units`, for sameRows.
 */
function placeByLooseLabel(
  grid: Grid,
  labelCol: number,
  unitCol: number,
  look: Lookup,
  rows: Rows,
  unitRows: number[],
  units: CellValue[],
): void {
  const hits = new Map<number, Rows['uncoded']>();
  for (const u of rows.uncoded) {
    const k = looseMatch(look, cellText((grid[u.row] ?? NO_CELLS)[labelCol]));
    if (k < 0 || rows.rowAt[k] >= 0) continue;
    u.guess = k;
    add(hits, k, u);
  }
  if (!hits.size) return;
  const placed = new Set<Rows['uncoded'][number]>();
  for (const [k, list] of hits) {
    if (list.length !== 1) continue;
    const u = list[0];
    if (unitCol >= 0) {
      const v = (grid[u.row] ?? NO_CELLS)[unitCol];
      unitRows.push(u.row);
      units.push(v);
      const kind = isEmpty(v) ? 'same' : compareMeasures(cellText(v), look.measures[k]).kind;
      if (kind !== 'same' && kind !== 'scale') continue;
    }
    placeRowAt(rows, look, k, u.row, labelCol);
    rows.loose.push({ row: u.row, k });
    placed.add(u);
  }
  if (placed.size) rows.uncoded = rows.uncoded.filter((u) => !placed.has(u));
}

/**
 * For each row left in Rows.uncoded, the one indicator the sheet lacks that it may be (`guess`):
 * the loose match of its label (placeByLooseLabel), else the one lacking indicator between its
 * neighbouring indicator rows (as placeByPosition), else the one lacking indicator whose label is
 * alike. Named in the row's finding and in the indicator's "thiếu dòng" warning, never read as it.
 */
function guessUncoded(grid: Grid, labelCol: number, look: Lookup, rows: Rows): void {
  const lacking = lackingCodes(rows, look);
  const near = neighboursIn(rows.rowAt);
  const open = rows.uncoded;
  for (const u of open) {
    if (u.guess !== undefined && lacking[u.guess]) continue;
    u.guess = undefined;
    const label = cellText((grid[u.row] ?? NO_CELLS)[labelCol]);
    const { above, below, lo, hi } = near(u.row);
    let guess =
      lo < hi && !open.some((v) => v !== u && v.row > above && v.row < below) ? soleLacking(lacking, lo, hi) : -1;
    if (guess >= 0) {
      u.guess = guess;
      u.byPlace = !alikeLabels(label, (look.byCode.get(look.codes[guess]) as Indicator).label);
      continue;
    }
    let candidates = 0;
    for (let k = 0; k < lacking.length; k++)
      if (lacking[k] && alikeLabels(label, (look.byCode.get(look.codes[k]) as Indicator).label)) {
        guess = k;
        candidates++;
      }
    if (candidates === 1) u.guess = guess;
  }
}

/** Words of a label ("số", "đơn", …), lower case, without signs. */
const labelWords = memoText(
  (s) =>
    new Set(
      normalizeName(s)
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 1),
    ),
);

/** Whether two labels share at least half the words of the shorter: one indicator reworded. */
function alikeLabels(a: string, b: string): boolean {
  const x = labelWords(a);
  const y = labelWords(b);
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  if (!small.size) return false;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared * 2 >= small.size;
}

/**
 * Each indicator row's "Đơn vị tính" against the catalogue's unit, into `rows.measured`. The cells
 * looked at go to `unitRows`/`units`, for sameRows: the decisions hold while those cells do.
 */
function checkMeasures(
  grid: Grid,
  unitCol: number,
  look: Lookup,
  rows: Rows,
  unitRows: number[],
  units: CellValue[],
): void {
  const { rowAt } = rows;
  for (let k = 0; k < rowAt.length; k++) {
    const r = rowAt[k];
    const expected = look.measures[k];
    if (r < 0 || expected === '') continue;
    const v = (grid[r] ?? NO_CELLS)[unitCol];
    unitRows.push(r);
    units.push(v);
    // The layout writes the catalogue's unit as it is: the usual cell is that very text.
    if (v === expected || v === '' || v === null || v === undefined) continue;
    const typed = cellText(v);
    const compare = compareMeasures(typed, expected);
    if (compare.kind === 'same') continue;
    rows.measured.push({ row: r, k, typed, compare });
    rows.measure ??= [];
    rows.measure[k] = compare;
  }
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
