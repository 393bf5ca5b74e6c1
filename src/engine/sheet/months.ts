/**
 * Month header recognition: which row of a sheet is its month header row ("T1" … "T12", "Tháng 1",
 * "1/2018", dates of the 1st, or bare 1 … 12 under a "Tháng" heading) and which column holds each
 * month (MonthMap), plus, for the message when a workbook has no report sheet, the row that came
 * closest to one. Pure functions of a row or grid (the last header row read is cached here), moved
 * unchanged out of read.ts.
 */

import type { NearHeader } from '../../messages/vi/findings';
import { cleanText, memoText, normalizeName, slug } from '../text/normalize';
import type { CellValue, Grid, SheetInput } from '../types';
import { parseDateCell } from '../validation/cells';
import { isDate } from '../validation/is-date';
import { cellText, indicatorKey, isEmpty, MAX_COLS, parseRange } from './read-helpers';
import type { Lookup, MonthColumns } from './read-types';

const HEADER_SCAN_ROWS = 30;
const MIN_MONTH_HEADERS = 6;

// ---------------------------------------------------------------- month headers

const MONTH_HEADER =
  /^(?:(?:t|th|thg|tháng|thang)\s*\.?\s*(\d{1,2})(?:\s*(?:[/.-]\s*|năm\s+)(?:19|20)\d{2})?|(\d{1,2})\s*[/.-]\s*(?:19|20)\d{2})$/;

/**
 * "T1", "T01", "Tháng 1", "Th1", "T.1", "Tháng 1/2018", "01/2018" → 1. Date cells are taken only
 * as a whole row of first days (dateMonths): a row of other dates is the submission row.
 */
function strictMonth(v: CellValue): number | null {
  const t = normalizeName(cellText(v));
  const m = MONTH_HEADER.exec(t);
  if (!m) return t.length > 6 ? monthWord(t) : null;
  const n = Number(m[1] ?? m[2]);
  return n >= 1 && n <= 12 ? n : null;
}

/**
 * Months written as words, solar calendar: "Tháng Một" … "Tháng Mười hai" (any case, with or without
 * diacritics). Not "Tháng Giêng"/"Tháng Chạp": those are lunar months.
 */
const MONTH_WORDS: Record<string, number> = {
  mot: 1,
  hai: 2,
  ba: 3,
  tu: 4,
  bon: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
  'muoi-mot': 11,
  'muoi-hai': 12,
};

function monthWord(text: string): number | null {
  const m = /^(?:thang|th)-(.+)$/.exec(slug(text));
  return (m && MONTH_WORDS[m[1]]) || null;
}

/** "Tháng" (or "Các tháng", "Tháng năm 2018") over a row of bare numbers 1 … 12. */
function saysMonths(v: CellValue): boolean {
  if (typeof v !== 'string' || v === '') return false;
  return /^(?:cac-)?thang(?:-nam(?:-\d{4})?|-trong-nam)?$/.test(slug(v));
}

function bareNumber(v: CellValue): number | null {
  const t = cellText(v);
  return /^\d{1,3}$/.test(t) ? Number(t) : null;
}

/** What monthColumns asks of a cell: strict month, bare number, text that is not a number. */
interface HeaderCell {
  strict: number | null;
  bare: number | null;
  text: boolean;
}

function headerCellOf(v: CellValue): HeaderCell {
  const bare = bareNumber(v);
  const t = cellText(v);
  return { strict: strictMonth(v), bare, text: bare === null && t !== '' && !/^[\d.,\s]+$/.test(t) };
}

/** Header rows repeat the same few texts on every sheet: one look per distinct string. */
const headerCellOfText = memoText(headerCellOf);
const NOT_HEADER: HeaderCell = { strict: null, bare: null, text: false };

function headerCell(v: CellValue): HeaderCell {
  if (typeof v === 'string') return v === '' ? NOT_HEADER : headerCellOfText(v);
  // Dates, booleans and empties show no text (cellText ''); numbers go the general way.
  return typeof v === 'number' ? headerCellOf(v) : NOT_HEADER;
}

/** Month (1–12) → columns, months in the order first seen: a Map's behaviour, without its cost per sheet. */
export class MonthMap {
  /** First column of month m (-1: none). */
  declare first: number[];
  /** Further columns of month m, in order (rare: a month header typed twice). */
  declare more: (number[] | undefined)[] | null;
  declare order: number[];
  /** What locateColumns derives from the months, made once: a header row's MonthMap is shared. */
  declare columns: MonthColumns | null;
  /** The months are bare numbers (1 … 12), not "T1", "Tháng 1" or dates: a row of figures can look so. */
  declare bare: boolean;

  constructor() {
    this.first = [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1];
    this.more = null;
    this.order = [];
    this.columns = null;
    this.bare = false;
  }

  get size(): number {
    return this.order.length;
  }

  /** Column c holds month m. */
  add(m: number, c: number): void {
    if (this.first[m] < 0) {
      this.first[m] = c;
      this.order.push(m);
      return;
    }
    this.more ??= [];
    const list = this.more[m];
    if (list) list.push(c);
    else this.more[m] = [c];
  }
}

/**
 * Month → columns (0-based) of one row, or null when the row is not a month header
 * row. Bare numbers ("1" … "12", e.g. under a merged "Tháng" cell) count only when
 * the whole row looks like months: every number in it is 1–12, increasing, and the
 * row also holds text (so a row of data or of column numbers is not taken).
 */
export function monthColumns(row: CellValue[]): MonthMap | null {
  const months = monthColumnsOrFew(row);
  return months === FEW_CELLS ? null : months;
}

/**
 * What monthColumns says of a row with fewer than six cells holding text or a number, when it is no
 * row of dates: then monthsUnderHeading, which needs six such cells too, says null as well, and
 * findHeaderRow need not look at the row again (the title and label rows above every header).
 */
const FEW_CELLS: unique symbol = Symbol('few cells');

/** monthColumns, or FEW_CELLS (no header either way) for a row of too few filled cells. */
function monthColumnsOrFew(row: CellValue[]): MonthMap | null | typeof FEW_CELLS {
  const limit = Math.min(row.length, MAX_COLS * 5);
  // Six months need six cells with text or a number: title and label rows have fewer.
  let filled = 0;
  let dates = 0;
  for (let c = 0; c < limit && filled < MIN_MONTH_HEADERS; c++) {
    const v = row[c];
    if ((typeof v === 'string' && v !== '') || typeof v === 'number') filled++;
    else if (typeof v === 'object' && v !== null) dates++;
  }
  if (filled < MIN_MONTH_HEADERS) return dates >= MIN_MONTH_HEADERS ? cachedDateMonths(row, limit) : FEW_CELLS;
  // Sheets made from one template repeat the same header row: the same cells give the same months.
  const last = lastHeader;
  if (last !== null && last.values.length === row.length) {
    let same = true;
    for (let c = 0; c < row.length && same; c++) same = row[c] === last.values[c];
    if (same) return last.months;
  }
  const months = monthColumnsOf(row, limit) ?? dateMonths(row, limit);
  if (months) lastHeader = { values: row.slice(), months };
  return months;
}

function cachedDateMonths(row: CellValue[], limit: number): MonthMap | null {
  const months = dateMonths(row, limit);
  if (months) lastHeader = { values: row.slice(), months };
  return months;
}

/**
 * A header whose months are dates: "1/2018" typed into Excel becomes the date 01/01/2018, shown
 * "1/2018". Taken as months when at least six cells are the 1st of a month, all of one year,
 * months increasing, and no other date is in the row (a submission row has other days).
 */
function dateMonths(row: CellValue[], limit: number): MonthMap | null {
  let dates = 0;
  for (let c = 0; c < limit; c++) if (isDate(row[c])) dates++;
  if (dates < MIN_MONTH_HEADERS) return null;
  const months = new MonthMap();
  let year = '';
  let last = 0;
  for (let c = 0; c < limit; c++) {
    const v = row[c];
    if (!isDate(v)) continue;
    const p = parseDateCell(v);
    if (p.status !== 'ok' || !p.iso.endsWith('-01')) return null;
    const m = Number(p.iso.slice(5, 7));
    if ((year && p.iso.slice(0, 4) !== year) || m <= last) return null;
    year = p.iso.slice(0, 4);
    last = m;
    months.add(m, c);
  }
  return months.size >= MIN_MONTH_HEADERS ? months : null;
}

/**
 * The last header row seen and its months (shared: a MonthMap is only read once made). Equal
 * cells (===) give the same months: a header depends only on its cells' texts and numbers.
 */
let lastHeader: { values: CellValue[]; months: MonthMap } | null = null;

function monthColumnsOf(row: CellValue[], limit: number): MonthMap | null {
  let strict: MonthMap | null = null;
  let bareCount = 0;
  for (let c = 0; c < limit; c++) {
    const cell = headerCell(row[c]);
    const m = cell.strict;
    if (m) {
      strict ??= new MonthMap();
      strict.add(m, c);
    }
    if (cell.bare !== null) bareCount++;
  }
  if (strict && strict.size >= MIN_MONTH_HEADERS) return strict;
  // Fewer than six bare numbers cannot make a header (title rows, label rows).
  if (bareCount < MIN_MONTH_HEADERS) return null;
  const bare = bareMonths(row, limit);
  return bare?.hasText ? bare.months : null;
}

/** The bare numbers of a row when they are 1–12, increasing, at least six; hasText: the row also holds text. */
function bareMonths(row: CellValue[], limit: number): { months: MonthMap; hasText: boolean } | null {
  const bare = new MonthMap();
  let last = 0;
  let hasText = false;
  for (let c = 0; c < limit; c++) {
    const cell = headerCell(row[c]);
    const n = cell.bare;
    if (n === null) {
      if (cell.text) hasText = true;
      continue;
    }
    if (n < 1 || n > 12 || n <= last) return null;
    last = n;
    bare.add(n, c);
  }
  bare.bare = true;
  return bare.size >= MIN_MONTH_HEADERS ? { months: bare, hasText } : null;
}

/**
 * Row r holds only the numbers 1 … 12 (a two-row header: the cells before them are covered by
 * merges from the row above, so empty). Months when the row above says "Tháng" over or before
 * them, or merges come down from it into the row; and nothing above the numbers but that heading
 * (a row of column numbers sits under "Mã", "Chỉ tiêu" …, a row of figures under other figures).
 */
export function monthsUnderHeading(grid: Grid, r: number, merges: readonly string[]): MonthMap | null {
  const row = grid[r] ?? [];
  const limit = Math.min(row.length, MAX_COLS * 5);
  // Six filled cells at least (empty cells are ''), none of them text (a title, a label: then the
  // row is no bare-numbers row, as bareMonths' hasText would say): title rows stop here, unparsed.
  let filled = 0;
  for (let c = 0; c < limit && filled < MIN_MONTH_HEADERS; c++) {
    const v = row[c];
    if (typeof v === 'number') filled++;
    else if (typeof v === 'string' && v !== '') {
      if (startsAsText(v)) return null;
      filled++;
    }
  }
  if (filled < MIN_MONTH_HEADERS) return null;
  const bare = bareMonths(row, limit);
  if (!bare || bare.hasText) return null;
  const { months } = bare;
  const firstCol = months.first[months.order[0]];
  const above = grid[r - 1] ?? [];
  let heading = false;
  for (let k = 0; k < months.order.length; k++) {
    const c = months.first[months.order[k]];
    const v = above[c];
    if (isEmpty(v)) continue;
    if (saysMonths(v)) heading = true;
    else if (c !== firstCol) return null;
  }
  for (let c = 0; c < firstCol && !heading; c++) heading = saysMonths(above[c]);
  return heading || mergedDown(merges, r, firstCol) ? months : null;
}

/**
 * A string headerCell takes for text, by its first character that is not a space: an ASCII one
 * other than a digit, '.' or ',' (a bare number is digits only; anything else is left to bareMonths).
 */
function startsAsText(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    // Beyond ASCII (Đ, other spaces, zero-width marks cleaning drops): left to bareMonths.
    if (c >= 0x80) return false;
    return !((c >= 48 && c <= 57) || c === 46 || c === 44);
  }
  return false;
}

/** Some merged range starts above 0-based row r and covers it, left of column firstCol. */
function mergedDown(merges: readonly string[], r: number, firstCol: number): boolean {
  for (let i = 0; i < merges.length; i++) {
    const box = parseRange(merges[i]);
    if (box && box.r1 <= r && box.r2 >= r + 1 && box.c2 <= firstCol) return true;
  }
  return false;
}

/**
 * The first month header row from row `from`. A row of bare numbers that names an indicator (its
 * code or label: `look`) is a row of figures, not a header: a stock counted up month by month
 * ("1, 2, 3 … 9") under a header a clerk deleted would otherwise shift every month of the rows below.
 */
export function findHeaderRow(
  grid: Grid,
  merges: readonly string[] = [],
  from = 0,
  look: Lookup | null = null,
): { row: number; months: MonthMap } | null {
  const limit = Math.min(grid.length, from + HEADER_SCAN_ROWS);
  for (let r = from; r < limit; r++) {
    const own = monthColumnsOrFew(grid[r] ?? []);
    if (own === FEW_CELLS) continue;
    const months = own ?? (r > 0 ? monthsUnderHeading(grid, r, merges) : null);
    if (months && !(months.bare && look && namesIndicator(grid[r] ?? [], look))) return { row: r, months };
  }
  return null;
}

/** Some text cell of `row` is an indicator's code or label. */
function namesIndicator(row: CellValue[], look: Lookup): boolean {
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v !== 'string' || v === '' || v.length > 300) continue;
    const text = cleanText(v);
    if (look.byUpperCode.has(text.toUpperCase()) || look.byLabel.has(indicatorKey(text))) return true;
  }
  return false;
}

/** Text that reads as a month heading the reader does not understand: "Tháng Giêng", "Tháng I". */
const MONTHISH = /^(?:thang|th)-[a-z0-9]+(?:-[a-z0-9]+)?$/;

/**
 * For the message when a workbook has no report sheet: the sheet row that came closest to a month
 * header row (see NearHeader), the first such row of the sheets in order of kind; null when none did.
 */
export function nearestHeader(sheets: SheetInput[], look: Lookup): NearHeader | null {
  let best: NearHeader | null = null;
  let bestScore = 0;
  for (let k = 0; k < sheets.length; k++) {
    const sheet = sheets[k];
    const grid = sheet.grid ?? [];
    // A month header row was found, yet the sheet was skipped: no indicator column or row under it.
    const header = findHeaderRow(grid, sheet.merges ?? [], 0, look);
    if (header) return { sheet: sheet.name, row: header.row + 1, kind: 'no-indicators', cells: [] };
    const near = nearHeaderOf(grid, look);
    if (near && near.score > bestScore) {
      best = { sheet: sheet.name, row: near.row + 1, kind: near.kind, cells: near.cells };
      bestScore = near.score;
    }
  }
  return best;
}

function nearHeaderOf(
  grid: Grid,
  look: Lookup,
): { row: number; kind: 'few' | 'words' | 'numbers'; cells: string[]; score: number } | null {
  let best: { row: number; kind: 'few' | 'words' | 'numbers'; cells: string[]; score: number } | null = null;
  const rows = Math.min(grid.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < rows; r++) {
    const row = grid[r] ?? [];
    const limit = Math.min(row.length, MAX_COLS);
    const months: string[] = [];
    const seen: boolean[] = [];
    const words: string[] = [];
    for (let c = 0; c < limit; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v === '') continue;
      const m = headerCell(v).strict;
      if (m) {
        if (!seen[m]) months.push(cleanText(v));
        seen[m] = true;
      } else if (MONTHISH.test(slug(v))) words.push(cleanText(v));
    }
    // Two cells at least: a title's "Tháng 9" alone is no header.
    let found: { kind: 'few' | 'words' | 'numbers'; cells: string[]; score: number } | null = null;
    if (words.length > 0 && months.length + words.length >= 2) {
      const cells: string[] = [];
      for (let c = 0; c < limit; c++) {
        const v = row[c];
        if (typeof v === 'string' && v !== '' && (headerCell(v).strict || MONTHISH.test(slug(v))))
          cells.push(cleanText(v));
      }
      found = { kind: 'words', cells, score: cells.length };
    } else if (months.length >= 2) found = { kind: 'few', cells: months, score: months.length };
    else {
      // A row of figures naming its indicator is no header (findHeaderRow).
      const bare = bareMonths(row, limit);
      if (bare && !namesIndicator(row, look)) {
        const cells = bare.months.order.map(String);
        found = { kind: 'numbers', cells, score: cells.length - 0.5 };
      }
    }
    if (found && (!best || found.score > best.score)) best = { row: r, ...found };
  }
  return best;
}
