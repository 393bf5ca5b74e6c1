/** A1 notation helpers. Rows and columns are 1-based throughout. */
import { GAS_ERRORS, GasError } from './errors';

export function columnToLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function letterToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface GridRef {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export function a1Of(r: GridRef): string {
  const tl = `${columnToLetter(r.col)}${r.row}`;
  if (r.numRows === 1 && r.numCols === 1) return tl;
  return `${tl}:${columnToLetter(r.col + r.numCols - 1)}${r.row + r.numRows - 1}`;
}

/** Splits "Sheet 1!A1:B2" / "'It''s'!A1" into sheet name and reference. */
export function splitSheetPrefix(a1: string): { sheetName?: string; ref: string } {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { ref: a1 };
  let name = a1.slice(0, bang);
  if (name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheetName: name, ref: a1.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/**
 * Parses a reference ('B2', 'A1:C3', 'A:C', '2:5', 'A2:C') against a sheet of the given
 * size. Open-ended parts extend to the sheet's edge, as in Sheets.
 */
export function parseA1(ref: string, maxRows: number, maxCols: number): GridRef {
  const parts = ref.trim().split(':');
  if (parts.length > 2 || parts[0] === '') throw new GasError(GAS_ERRORS.rangeNotFound);
  const ends = parts.map((p) => {
    const m = CELL.exec(p.trim());
    if (!m || (!m[1] && !m[2]) || m[2] === '0' || /^0+$/.test(m[2] ?? '1'))
      throw new GasError(GAS_ERRORS.rangeNotFound);
    return { col: m[1] ? letterToColumn(m[1]) : undefined, row: m[2] ? Number(m[2]) : undefined };
  });
  if (ends.length === 1) {
    const e = ends[0];
    if (e.col === undefined || e.row === undefined) throw new GasError(GAS_ERRORS.rangeNotFound);
    return { row: e.row, col: e.col, numRows: 1, numCols: 1 };
  }
  const [a, b] = ends;
  // Whole columns ('A:C') or whole rows ('2:5') must be given consistently.
  if ((a.col === undefined) !== (b.col === undefined) && (a.row === undefined || b.row === undefined)) {
    // 'A2:C' is allowed (open-ended rows), '2:C' is not
    if (a.col === undefined || b.col === undefined) throw new GasError(GAS_ERRORS.rangeNotFound);
  }
  const c1 = a.col ?? 1;
  const c2 = b.col ?? maxCols;
  const r1 = a.row ?? 1;
  const r2 = b.row ?? maxRows;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return { row, col, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
}
