/**
 * Small helpers shared by the sheet reader's modules (read.ts, top-labels.ts, months.ts,
 * unit-match.ts): the memory bound on grids, a cell's text and the keys header, label and
 * indicator texts are compared by, a list-per-key map helper, and the parsing of merged ranges.
 * Pure functions, moved unchanged out of read.ts.
 */

import { cleanText, looseKey, memoText, normalizeName } from '../text/normalize';
import type { CellValue } from '../types';
import { parseCell as parseA1 } from './layout';

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
