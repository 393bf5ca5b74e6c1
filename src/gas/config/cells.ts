/**
 * What reading every configuration sheet shares: the words typed in cells ("có"/"không", unit
 * kinds, rule operators) and back, the collector of mistakes naming the sheet and the cell, cells
 * showing a failed formula ("#REF!"), missing columns, blank rows, a sheet's values in one call, and
 * the rows of the default sheets Thiết lập writes.
 */

import { type CellModel, emptySheet, type SheetModel } from '../../engine/report/model';
import { isErrorValue } from '../../engine/text/number';
import type { CellValue, Grid, ValidationRule } from '../../engine/types';
import { CONFIG, WORDS } from '../../messages/vi/gas';
import { SCHEMA_TEXT } from '../../messages/vi/schema';
import { a1, cellText, headerIndex, normalizeName, readGrid } from '../util';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

// ------------------------------------------------------------------ words

export function wordOf<T extends string>(table: Record<T, readonly string[]>, value: T): string {
  return table[value][0];
}

export function fromWord<T extends string>(table: Record<T, readonly string[]>, v: CellValue): T | undefined {
  const t = normalizeName(cellText(v));
  for (const [key, words] of Object.entries(table) as [T, readonly string[]][]) {
    if (words.some((w) => normalizeName(w) === t)) return key;
  }
  return undefined;
}

/** "có"/"không" (and their variants, WORDS) typed in a settings cell; undefined when neither. */
export function yesNo(v: CellValue): boolean | undefined {
  if (typeof v === 'boolean') return v;
  const t = normalizeName(cellText(v));
  if (WORDS.yes.some((w) => w === t)) return true;
  if (WORDS.no.some((w) => w === t)) return false;
  return undefined;
}

export const yesWord = (b: boolean | undefined) => (b ? WORDS.yes[0] : WORDS.no[0]);

export function operatorOf(v: CellValue): ValidationRule['operator'] | undefined {
  const t = cellText(v).replace(/\s+/g, '');
  const map: Record<string, ValidationRule['operator']> = {
    '==': '==',
    '=': '==',
    '!=': '!=',
    '<>': '!=',
    '≠': '!=',
    '<=': '<=',
    '≤': '<=',
    '=<': '<=',
    '<': '<',
    '>=': '>=',
    '≥': '>=',
    '=>': '>=',
    '>': '>',
  };
  return map[t];
}

export const firsts = (table: Record<string, readonly string[]>) => Object.values(table).map((w) => w[0]);

export const OPERATOR_WORDS = ['=', '<>', '<=', '<', '>=', '>'];
export const OPERATOR_TEXT: Record<ValidationRule['operator'], string> = {
  '==': '=',
  '!=': '<>',
  '<=': '<=',
  '<': '<',
  '>=': '>=',
  '>': '>',
};

// ------------------------------------------------------------------ default sheets

export function textRow(values: (string | number | null)[], style: CellModel['s'] = 'text'): CellModel[] {
  return values.map((v) => ({ v: v === '' ? null : v, s: typeof v === 'number' ? 'decimal' : style }));
}

export function tableModel(
  name: string,
  header: string[],
  rows: (string | number | null)[][],
  widths: number[],
): SheetModel {
  const m = emptySheet(name);
  m.rows = [header.map((h) => ({ v: h, s: 'header' as const })), ...rows.map((r) => textRow(r))];
  m.frozenRows = 1;
  m.widths = widths;
  return m;
}

// ------------------------------------------------------------------ reading

export interface Located {
  errors: string[];
  at: (sheet: string, cell: string, column: string, problem: string) => void;
}

export function collector(): Located {
  const errors: string[] = [];
  return {
    errors,
    at: (sheet, cell, column, problem) => errors.push(`${CONFIG.where(sheet, cell)} (${column}): ${problem}`),
  };
}

interface IssueLike {
  code: string;
  path: PropertyKey[];
  [k: string]: unknown;
}

export function problemOf(issue: unknown): string {
  return SCHEMA_TEXT.problem(issue as IssueLike as Parameters<typeof SCHEMA_TEXT.problem>[0]);
}

/** The error value ("#ERROR!", "#REF!"…) a cell shows, '' when it shows none. */
export function failedFormula(v: CellValue): string {
  return typeof v === 'string' && isErrorValue(v) ? v.trim() : '';
}

/**
 * A table's cells under the headers `labels` (row 2 on) that show an error value — a label typed
 * "- Trong đó …" becomes "#ERROR!" in Sheets, a deleted source gives "#REF!": each is an error in
 * `log` naming the cell (never read as a label, a message or a code), and is blank in the grid
 * returned. `skip` wraps a Located so that it says nothing more of those cells.
 */
export function withoutFailedCells(
  grid: Grid,
  sheet: string,
  labels: Record<string, string>,
  log: Located,
): { grid: Grid; skip: (l: Located) => Located } {
  const idx = headerIndex(grid[0] ?? [], labels);
  const failed = new Set<string>();
  const out = grid.map((row, r) => {
    if (r === 0) return row;
    let copy: CellValue[] | undefined;
    for (const [k, c] of Object.entries(idx)) {
      const shown = c >= 0 ? failedFormula(row[c]) : '';
      if (!shown) continue;
      const cell = a1(r + 1, c + 1);
      log.at(sheet, cell, labels[k], CONFIG.failedFormula(shown));
      failed.add(cell);
      copy ??= [...row];
      copy[c] = '';
    }
    return copy ?? row;
  });
  const skip = (l: Located): Located =>
    failed.size
      ? {
          errors: l.errors,
          at: (s, cell, column, problem) => {
            if (s !== sheet || !failed.has(cell)) l.at(s, cell, column, problem);
          },
        }
      : l;
  return { grid: out, skip };
}

export function missingColumns(
  sheet: string,
  idx: Record<string, number>,
  labels: Record<string, string>,
  required: string[],
): string[] {
  return required.filter((k) => idx[k] < 0).map((k) => CONFIG.missingColumn(sheet, labels[k]));
}

export const blankRow = (row: CellValue[]) => row.every((c) => cellText(c) === '');

/**
 * A configuration sheet's values in ONE service call: getSheetValues(1, 1, -1, -1) is the
 * data range ("-1 … the very last row or column that has data"), without getDataRange first.
 */
export function configGrid(sheet: Sheet): Grid {
  try {
    return sheet.getSheetValues(1, 1, -1, -1) as Grid;
  } catch {
    return readGrid(sheet); // e.g. an empty sheet (no last row)
  }
}
