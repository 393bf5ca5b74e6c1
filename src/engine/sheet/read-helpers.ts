/**
 * Small helpers shared by the sheet reader's modules (read.ts, top-labels.ts, months.ts,
 * unit-match.ts, rows.ts, cells.ts): the memory bound on grids, a cell's text and the keys header,
 * label and indicator texts are compared by, a list-per-key map helper, the parsing of merged
 * ranges, the per-code object shapes, the empty row and the month cells' names (RowNames, with its
 * cache). Moved unchanged out of read.ts.
 */

import { cleanText, looseKey, memoText, normalizeName } from '../text/normalize';
import type { CellValue } from '../types';
import { a1, parseCell as parseA1 } from './layout';

/**
 * Memory bound: larger grids are not read (the shells also cap what they fetch). Only
 * sheets that look like reports (a month header row) get the error; a huge sheet of
 * other data in the same workbook is skipped silently like any other extra sheet.
 */
export const MAX_ROWS = 5000;
export const MAX_COLS = 200;

export const textKey = memoText((s) => normalizeName(s).replace(/\s*:$/, ''));

export function cellText(v: CellValue): string {
  if (typeof v === 'string') return v === '' ? '' : cleanText(v);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

export function isEmpty(v: CellValue): boolean {
  if (typeof v === 'string') {
    // cleanText never removes ASCII letters or digits: text starting with one is not empty.
    const c = v.charCodeAt(0) | 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return false;
    return v === '' || cleanText(v) === '';
  }
  return v === null || v === undefined;
}

const labelKeyOfText = memoText((s) => textKey(cleanText(s)));

/** Label cell text → key: lower case, no trailing colon. */
export function labelKey(v: CellValue): string {
  return typeof v === 'string' ? labelKeyOfText(v) : textKey(cellText(v));
}

/** Indicator label → key, ignoring numbering ("1.", "a)", "- ") users add in front. */
export const indicatorKey = memoText((text) =>
  looseKey(text)
    .replace(/^(?:[-+•*]\s*|(?:\d{1,3}|[ivxlc]{1,6}|[a-zđ])[.)/]\s*)+/, '')
    .replace(/\s*:$/, ''),
);

export function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ---------------------------------------------------------------- merges

export interface Box {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
  text: string;
}

/** Merged ranges repeat from sheet to sheet (the title row): each text is parsed once. Boxes are only read. */
export const parseRange = memoText((text): Box | null => {
  const [a, b = a] = text.split(':');
  const p = parseA1(a);
  const q = parseA1(b);
  if (!p || !q) return null;
  return {
    r1: Math.min(p.row, q.row),
    c1: Math.min(p.col, q.col),
    r2: Math.max(p.row, q.row),
    c2: Math.max(p.col, q.col),
    text,
  };
});

// ---------------------------------------------------------------- rows and cells

/**
 * An object with a null property per code, in that order, built so that it has fast
 * properties: each sheet's values, notes and cells start as a copy of one (every key is
 * then set), which costs a fraction of growing a dictionary key by key.
 */
export type Shape = Record<string, null> | null;

export function shape(codes: string[]): Shape {
  if (codes.includes('__proto__')) return null; // would set the prototype when assigned
  return JSON.parse(JSON.stringify(Object.fromEntries(codes.map((c) => [c, null]))));
}

export function fresh<T>(s: Shape): Record<string, T> {
  return (s ? { ...s } : {}) as Record<string, T>;
}

/** A row the grid lacks, read as no cells (`grid[r] ?? NO_CELLS`): one array, not one per look. */
export const NO_CELLS: CellValue[] = [];

/**
 * A1 names of the 12 month cells of a row ('' where the month has no column), shared by
 * every sheet with the same month columns: a national read would otherwise build 2.8
 * million equal strings. Frozen, since many reports hold the same arrays.
 */
const CELL_NAMES = new Map<string, Map<number, readonly string[]>>();
const CELL_NAMES_MAX = 200;

/** The cell names of one sheet's rows (`at(row)`, 1-based), from the cache of its month columns. */
export class RowNames {
  declare rows: Map<number, readonly string[]>;
  declare monthCol: (number | undefined)[];

  constructor(monthCol: (number | undefined)[]) {
    const key = monthCol.join();
    let byRow = CELL_NAMES.get(key);
    if (!byRow) {
      if (CELL_NAMES.size >= CELL_NAMES_MAX) CELL_NAMES.clear();
      byRow = new Map();
      CELL_NAMES.set(key, byRow);
    }
    this.rows = byRow;
    this.monthCol = monthCol;
  }

  at(row: number): readonly string[] {
    let names = this.rows.get(row);
    if (!names) {
      const list: string[] = [];
      for (let m = 1; m <= 12; m++) {
        const c = this.monthCol[m];
        list.push(c === undefined ? '' : a1(row, c + 1));
      }
      names = Object.freeze(list);
      this.rows.set(row, names);
    }
    return names;
  }
}
