/**
 * The labels above a report sheet's month header row ("Mã đơn vị", "Đơn vị", "Năm", typed as a
 * label with its value to the right or inline after a colon): recognising them, reading their
 * values and the cells they are in, and finding the sheet's year there, in its name or its file
 * name. Pure functions of a grid, moved unchanged out of read.ts (which re-exports what others use).
 */

import type { YearSaid } from '../../messages/vi/findings';
import { LAYOUT_TEXT } from '../../messages/vi/layout';
import { cleanText, memoText } from '../text/normalize';
import type { CellValue, Grid } from '../types';
import { a1 } from './layout';
import { cellText, isEmpty, labelKey, MAX_COLS, textKey } from './read-helpers';

export const TOP_LABELS: [keyof TopLabels, string[]][] = [
  ['code', [textKey(LAYOUT_TEXT.unitCode), 'mã đơn vị']],
  ['name', [textKey(LAYOUT_TEXT.unitName), 'đơn vị', 'tên đơn vị', 'đơn vị báo cáo']],
  ['year', [textKey(LAYOUT_TEXT.year), 'năm', 'năm báo cáo']],
];

const YEAR_IN_TEXT = /(?:^|\D)((?:19|20)\d{2})(?!\d)/;

export interface TopLabels {
  code?: string;
  name?: string;
  year?: CellValue;
}

/** "Mã đơn vị:", "Đơn vị:", "Năm:" above the header row; the value is to the right or after the colon. */
/** Which top labels a cell's text is, per TOP_LABELS entry: the whole text, or inline before a colon. */
interface TopCell {
  any: boolean;
  byKey: boolean[];
  inline: boolean[];
  inlineValue: string | undefined;
}

export const topCellOf = memoText((raw): TopCell => {
  const text = cleanText(raw);
  const key = labelKey(text);
  // Inline, "Năm: 2018": only with a colon, so "Đơn vị tính" is not "Đơn vị".
  const colon = text.indexOf(':');
  const prefix = colon > 0 ? labelKey(text.slice(0, colon)) : null;
  const byKey = TOP_LABELS.map(([, names]) => names.includes(key));
  const inline = TOP_LABELS.map(([, names]) => prefix !== null && names.includes(prefix));
  return {
    any: byKey.includes(true) || inline.includes(true),
    byKey,
    inline,
    inlineValue: colon > 0 ? cleanText(text.slice(colon + 1)) || undefined : undefined,
  };
});

/**
 * False when `raw` cannot be a top label (topCellOf(raw).any is false), decided from its first
 * character: every top label starts with m, n, t or đ, and cleaning only drops spaces and
 * zero-width characters before it or composes it with marks after it. So the unit names,
 * codes and titles above the header (a new text in every sheet) skip topCellOf's cache.
 */
export function mayBeTopLabel(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c >= 0x80) return true; // Đ, its lookalikes, other spaces: the full test
    const lower = c | 32;
    return lower === 109 || lower === 110 || lower === 116; // m n t
  }
  return false;
}

/**
 * The first value of each top label in the rows above the header row. The three are kept in
 * locals rather than set by name on one object (a keyed load and store per label cell and field).
 */
export function readTopLabels(grid: Grid, headerRow: number): TopLabels {
  let code: string | undefined;
  let name: string | undefined;
  let year: CellValue | undefined;
  for (let r = 0; r < headerRow; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < Math.min(row.length, MAX_COLS); c++) {
      const v = row[c];
      if (typeof v !== 'string' || !mayBeTopLabel(v)) continue;
      const top = topCellOf(v);
      if (!top.any) continue;
      for (let f = 0; f < TOP_LABELS.length; f++) {
        const field = TOP_LABELS[f][0];
        if ((field === 'code' ? code : field === 'name' ? name : year) !== undefined) continue;
        let value: CellValue;
        if (top.byKey[f]) {
          for (let k = c + 1; k < row.length; k++)
            if (!isEmpty(row[k])) {
              value = row[k];
              break;
            }
        } else if (top.inline[f]) value = top.inlineValue;
        if (value === undefined) continue;
        if (field === 'year') year = value;
        else if (field === 'code') code = cellText(value) || undefined;
        else name = cellText(value) || undefined;
      }
    }
  }
  return { code, name, year };
}

export function yearIn(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1900 && v <= 2100 ? v : null;
  if (typeof v !== 'string') return null;
  return yearInText(v);
}

/**
 * YEAR_IN_TEXT.exec(v)'s year, found without the regular expression's match array: four digits
 * 19xx or 20xx, no digit right before or after them, the first such. Not cached: every sheet name
 * is new ("Quang Pheo 2025"), and the search costs less than a cache entry.
 */
export function yearInText(v: string): number | null {
  const n = v.length;
  for (let i = 0; i + 4 <= n; i++) {
    const a = v.charCodeAt(i);
    const b = v.charCodeAt(i + 1);
    if (!((a === 0x31 && b === 0x39) || (a === 0x32 && b === 0x30))) continue;
    const c = v.charCodeAt(i + 2) - 0x30;
    const d = v.charCodeAt(i + 3) - 0x30;
    if (c < 0 || c > 9 || d < 0 || d > 9) continue;
    if (i > 0 && isDigit(v.charCodeAt(i - 1))) continue;
    if (i + 4 < n && isDigit(v.charCodeAt(i + 4))) continue;
    return (a - 0x30) * 1000 + (b - 0x30) * 100 + c * 10 + d;
  }
  return null;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** yearInText by the regular expression it stands for (tests compare the two). */
export function yearInTextByRegExp(v: string): number | null {
  const m = YEAR_IN_TEXT.exec(v);
  return m ? Number(m[1]) : null;
}

/** The cell of TOP_LABELS[`f`]'s value, as readTopLabels finds it (a value without text passed over); A1. */
export function topLabelCell(grid: Grid, headerRow: number, f: number): string | undefined {
  for (let r = 0; r < headerRow; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < Math.min(row.length, MAX_COLS); c++) {
      const v = row[c];
      if (typeof v !== 'string' || !mayBeTopLabel(v)) continue;
      const top = topCellOf(v);
      if (top.byKey[f]) {
        let k = c + 1;
        while (k < row.length && isEmpty(row[k])) k++;
        if (k < row.length && cellText(row[k])) return a1(r + 1, k + 1);
      } else if (top.inline[f] && top.inlineValue !== undefined) return a1(r + 1, c + 1);
    }
  }
  return undefined;
}

/** "Năm", else a year in the sheet name, the rows above the header or the file name. */
export function identifyYear(
  top: TopLabels,
  grid: Grid,
  headerRow: number,
  sheetName: string,
  file: string,
): number | null {
  let year = yearIn(top.year) ?? yearIn(sheetName);
  for (let r = 0; year === null && r < headerRow; r++)
    for (const v of grid[r] ?? []) if (year === null) year = yearIn(v);
  return year ?? (file ? yearIn(file) : null);
}

/** Where the sheet states `year`: its "Năm" cell, its name, else the title cell it was found in. */
export function yearSaid(top: TopLabels, grid: Grid, headerRow: number, sheetName: string, year: number): YearSaid {
  const said: YearSaid = {};
  if (yearIn(top.year) === year) said.cell = topLabelCell(grid, headerRow, 2) ?? '';
  if (yearIn(sheetName) === year) said.sheet = sheetName;
  for (let r = 0; said.cell === undefined && said.sheet === undefined && r < headerRow; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < row.length; c++)
      if (yearIn(row[c]) === year) {
        said.title = a1(r + 1, c + 1);
        break;
      }
  }
  return said;
}

/** Some row from `from` to before `to` holds a top label ("Mã đơn vị", "Đơn vị", "Năm"). */
export function hasTopLabel(grid: Grid, from: number, to: number): boolean {
  for (let r = from; r < to; r++) {
    const row = grid[r] ?? [];
    for (let c = 0; c < Math.min(row.length, MAX_COLS); c++) {
      const v = row[c];
      if (typeof v === 'string' && mayBeTopLabel(v) && topCellOf(v).any) return true;
    }
  }
  return false;
}
