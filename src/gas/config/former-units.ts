/**
 * "Đơn vị cũ" (the old units of a merger that "Đơn vị" lists as predecessors): the sheet Thiết lập
 * makes once "Đơn vị" lists such units, and reading it, rows that cannot be used named.
 */

import { FormerUnitSchema } from '../../engine/catalogue/schema';
import type { SheetModel } from '../../engine/report/model';
import type { CellValue, Grid, Unit } from '../../engine/types';
import { CONFIG, FORMER_UNITS_HEADER, SHEETS } from '../../messages/vi/gas';
import { fieldLabel } from '../../messages/vi/schema';
import { a1, cellText, headerIndex, spreadsheetIdOf } from '../util';
import { blankRow, type Located, missingColumns, problemOf, tableModel, withoutFailedCells } from './cells';

/** "Đơn vị cũ": one row per old unit (code, name, kind, its spreadsheet in layout b). */
export function formerUnitsModel(units: Pick<Unit, 'code' | 'name' | 'kind' | 'spreadsheetUrl'>[]): SheetModel {
  const h = FORMER_UNITS_HEADER;
  return tableModel(
    SHEETS.formerUnits,
    [h.code, h.name, h.kind, h.spreadsheetUrl],
    units.map((u) => [u.code, u.name, u.kind, u.spreadsheetUrl ?? '']),
    [18, 24, 12, 60],
  );
}

/**
 * "Đơn vị cũ" → the old units it names, each one "Đơn vị" lists as a predecessor (its code spelt
 * as there: codes match without regard to case). Rows that cannot be used are said: a bad code, a
 * code twice or a spreadsheet URL that is none (`problems`: errors for Thiết lập, else warnings), a
 * row without a name, of a current unit or of a code no unit lists (`warnings`). `unitCell`: where
 * a current unit's code is in "Đơn vị". `urlCells`, when given, gets the cell of each URL used.
 */
export function readFormerUnitsGrid(
  typed: Grid,
  units: readonly Unit[],
  unitCell: (code: string) => string,
  givenProblems: Located,
  givenWarnings: Located,
  urlCells?: Record<string, string>,
): Unit[] {
  const sheet = SHEETS.formerUnits;
  const H = FORMER_UNITS_HEADER;
  const { grid, skip } = withoutFailedCells(typed, sheet, H, givenProblems);
  const problems = skip(givenProblems);
  const warnings = skip(givenWarnings);
  if (grid.every(blankRow)) return [];
  const idx = headerIndex(grid[0] ?? [], H);
  const missing = missingColumns(sheet, idx, H, ['code', 'name']);
  if (missing.length) {
    problems.errors.push(...missing);
    return [];
  }
  const predecessors = new Map<string, string>();
  for (const u of units)
    for (const p of u.succession?.predecessors ?? [])
      if (!predecessors.has(p.toUpperCase())) predecessors.set(p.toUpperCase(), p);
  const current = new Map(units.map((u) => [u.code.toUpperCase(), u.code]));
  const firstCell = new Map<string, string>();
  const out: Unit[] = [];
  const get = (row: CellValue[], k: keyof typeof H) => (idx[k] >= 0 ? row[idx[k]] : '');
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (blankRow(row)) continue;
    const cell = (k: keyof typeof H) => a1(r + 1, Math.max(idx[k], 0) + 1);
    const code = cellText(get(row, 'code'));
    // In NFC, as the schema parsers give the other sheets' texts (typed on a Mac: NFD).
    const name = cellText(get(row, 'name')).normalize('NFC');
    const kind = cellText(get(row, 'kind')).normalize('NFC');
    const url = cellText(get(row, 'spreadsheetUrl'));
    // The name is checked below: a row without one is a warning, not a schema error.
    const parsed = FormerUnitSchema.safeParse({ code, name: name || code || '-', kind }, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as keyof typeof H;
        problems.at(sheet, cell(field), H[field] ?? fieldLabel(field), problemOf(issue));
      }
      continue;
    }
    const upper = code.toUpperCase();
    const first = firstCell.get(upper);
    if (first) {
      problems.at(sheet, cell('code'), H.code, CONFIG.duplicate(CONFIG.what.formerUnitCode, code, first));
      continue;
    }
    firstCell.set(upper, cell('code'));
    const currentCode = current.get(upper);
    if (currentCode !== undefined) {
      warnings.at(sheet, cell('code'), H.code, CONFIG.formerIsCurrent(code, unitCell(currentCode)));
      continue;
    }
    const listed = predecessors.get(upper);
    if (listed === undefined) {
      warnings.at(sheet, cell('code'), H.code, CONFIG.formerUnused(code));
      continue;
    }
    const badUrl = url !== '' && !spreadsheetIdOf(url);
    if (badUrl) problems.at(sheet, cell('spreadsheetUrl'), H.spreadsheetUrl, CONFIG.badUrl(url));
    if (!name) {
      if (url && !badUrl) problems.at(sheet, cell('name'), H.name, CONFIG.formerUrlNoName(cell('spreadsheetUrl')));
      else warnings.at(sheet, cell('name'), H.name, CONFIG.formerNoName(code));
      continue;
    }
    out.push({ code: listed, name, kind, emails: [], ...(url && !badUrl ? { spreadsheetUrl: url } : {}) });
    if (url && !badUrl && urlCells) urlCells[listed] = cell('spreadsheetUrl');
  }
  return out;
}
