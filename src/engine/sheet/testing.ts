/**
 * Test helpers: turn a SheetModel (what buildUnitSheet writes) into the SheetInput a
 * shell would hand back after a round trip, and edit grids the way people do.
 * Only used by tests; never imported by the shells.
 */
import type { SheetModel } from '../report/model';
import type { CellValue, Grid, SheetInput } from '../types';
import { a1 } from './layout';

/** Rectangular grid like Range.getValues(): '' for empty; formula cells are '' (not computed). */
export function modelToGrid(sheet: SheetModel): Grid {
  const width = Math.max(0, ...sheet.rows.map((r) => r.length));
  return sheet.rows.map((row) => {
    const out: CellValue[] = Array(width).fill('');
    row.forEach((cell, c) => {
      if (cell && cell.v !== null) out[c] = cell.v;
    });
    return out;
  });
}

export function modelToSheetInput(sheet: SheetModel): SheetInput {
  return {
    name: sheet.name,
    grid: modelToGrid(sheet),
    merges: sheet.merges.map((m) => `${a1(m.row, m.col)}:${a1(m.row + m.rows - 1, m.col + m.cols - 1)}`),
  };
}

/** Row (1-based) whose first cell is `code`. */
export function rowWithCode(grid: Grid, code: string): number {
  const i = grid.findIndex((r) => r[0] === code);
  if (i < 0) throw new Error(`no row with code ${code}`);
  return i + 1;
}

/** Set a cell by 1-based row and column, growing the grid as needed. */
export function setCell(grid: Grid, row: number, col: number, value: CellValue): void {
  while (grid.length < row) grid.push([]);
  const r = grid[row - 1];
  while (r.length < col) r.push('');
  r[col - 1] = value;
}
