/**
 * Where a report sheet's figures are: its code, label, "Đơn vị tính", "Cả năm" and "Ghi chú"
 * columns (by header text, else by contents; the last header's columns cached here), and which
 * row holds each indicator (by code, else by label, a loose match of the label or its place
 * between other rows), with the rows that cannot be placed and each row's unit against the
 * catalogue's. Also the catalogue lookup (Lookup) built once per read. Moved unchanged out of
 * read.ts (which re-exports looksLikeCode).
 */

import { LAYOUT_TEXT } from '../../messages/vi/layout';
import { compareMeasures } from '../text/measure';
import { cleanText, memoText, normalizeName, slug } from '../text/normalize';
import type { Catalogue, CellValue, Grid, Indicator } from '../types';
import { LAYOUT } from './layout';
import type { MonthMap } from './months';
import { add, cellText, indicatorKey, isEmpty, labelKey, NO_CELLS, RowNames, shape, textKey } from './read-helpers';
import type { Columns, Lookup, MonthColumns, Rows } from './read-types';
import type { FlatLayout } from './sheet-report';

/** Rows looked at when guessing the code or label column from its contents. */
const GUESS_ROWS = 300;

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

/** mapRows' reading of a cell's text: nothing, the submission row, a code to check by its label. */
const ROW_NONE = -1;
const ROW_SUBMITTED = -2;
const ROW_UNKNOWN_CODE = -3;
/**
 * A label no indicator has, and no heading, total or note either: maybe an indicator a clerk
 * typed in (see uncodedRowFinding). Read as ROW_NONE otherwise.
 */
const ROW_OTHER_LABEL = -4;
/** A catalogue group's heading row ("Phong trào thi đua …"): no figures of its own (see groupRowFinding). */
const ROW_GROUP = -5;
const ROW_CELLS_MAX = 5000;

export function lookup(cat: Catalogue): Lookup {
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
    plan: null,
    dates: new Map(),
    noteParses: new Map(),
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
export function twiceHeaded(
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
export function locateColumns(grid: Grid, header: { row: number; months: MonthMap }, look: Lookup): Columns | null {
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
  if (ind === undefined && look.groupKeys.has(key)) return ROW_GROUP;
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

export function mapRows(grid: Grid, cols: Columns, look: Lookup): Rows {
  const seen = look.seenRows;
  if (seen !== null && sameRows(grid, cols, seen)) return seen.rows;
  const rowAt = look.noRows.slice();
  const rows: Rows = {
    rowAt,
    found: 0,
    submittedRow: -1,
    unknown: [],
    uncoded: [],
    groups: [],
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
    else if (labelKind === ROW_GROUP) rows.groups.push(r);
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
