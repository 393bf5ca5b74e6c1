/**
 * Whether a report's sheet has a row, and a month cell, for an indicator. The reader gives an
 * indicator with no row in the sheet twelve empty cell names (with its 'missing-indicator'
 * warning), and a month with no column an empty name; a row that is there, even with every
 * cell empty, has its names. A report that carries no names for a code (built by hand, or
 * combined across a merger) is taken to have the row: nothing is known against it.
 */
import type { UnitYear } from '../types';

export function hasCell(report: UnitYear, code: string, month: number): boolean {
  const names = report.cells[code];
  return names === undefined || names[month - 1] !== '';
}

export function hasRow(report: UnitYear, code: string): boolean {
  const names = report.cells[code];
  if (names === undefined || names.length === 0) return true;
  for (let i = 0; i < names.length; i++) if (names[i] !== '') return true;
  return false;
}
