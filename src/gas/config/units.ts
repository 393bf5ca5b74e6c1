/**
 * "Đơn vị" (one row per unit: code, name, kind, staff e-mails, spreadsheet URL, old units of a
 * merger): the default sheet Thiết lập writes, reading it into the engine's Unit[] with every wrong
 * cell named, and recording the URLs of the units' own spreadsheets (layout b) back into it.
 */

import { codeList } from '../../engine/catalogue/config-values';
import { parseUnits, UnitsSchema } from '../../engine/catalogue/schema';
import { todayIn } from '../../engine/periods/cutoff';
import type { SheetModel } from '../../engine/report/model';
import { unitDisplayName, unitSheetName } from '../../engine/sheet/layout';
import { isEmailAddress } from '../../engine/text/email';
import type { CellValue, Grid, Unit } from '../../engine/types';
import { CONFIG, SHEETS, UNITS_HEADER } from '../../messages/vi/gas';
import { fieldLabel, SCHEMA_TEXT } from '../../messages/vi/schema';
import { now } from '../clock';
import { a1, cellText, emailList, headerIndex, isoFromCell, normalizeName, spreadsheetIdOf } from '../util';
import { blankRow, type Located, missingColumns, problemOf, tableModel, withoutFailedCells } from './cells';
import type { Config, UnitEmailProblem } from './types';

export function unitsModel(units: Unit[]): SheetModel {
  const h = UNITS_HEADER;
  return tableModel(
    SHEETS.units,
    [h.code, h.name, h.kind, h.emails, h.spreadsheetUrl, h.from, h.predecessors],
    units.map((u) => [
      u.code,
      u.name,
      u.kind,
      u.emails.join(', '),
      u.spreadsheetUrl ?? '',
      u.succession ? u.succession.from.split('-').reverse().join('/') : '',
      u.succession ? u.succession.predecessors.join(', ') : '',
    ]),
    [16, 20, 10, 36, 50, 16, 30],
  );
}

interface UnitsRead {
  units?: Unit[];
  urlCol: number;
  rowOf: Record<string, number>;
}

/**
 * `opts.separateSpreadsheets`: layout (b), where a unit without a spreadsheet URL yet gets its own, so
 * its name shares no tab. `opts.warnings`: where two units shown under one name are said.
 * `opts.emailProblems`: where a unit's wrong staff addresses are said instead of the errors (the
 * e-mail jobs: one clerk's typo must not stop them for every unit); they are left out of its `emails`.
 */
export function readUnitsGrid(
  typed: Grid,
  timeZone: string,
  given: Located,
  opts: { separateSpreadsheets?: boolean; warnings?: Located; emailProblems?: UnitEmailProblem[] } = {},
): UnitsRead {
  const sheet = SHEETS.units;
  const H = UNITS_HEADER;
  const { grid, skip } = withoutFailedCells(typed, sheet, H, given);
  const log = skip(given);
  const idx = headerIndex(grid[0] ?? [], H);
  const missing = missingColumns(sheet, idx, H, ['code', 'name']);
  const urlCol = idx.spreadsheetUrl >= 0 ? idx.spreadsheetUrl + 1 : Math.max((grid[0] ?? []).length, 1) + 1;
  if (missing.length) {
    log.errors.push(...missing);
    return { urlCol, rowOf: {} };
  }
  const units: Unit[] = [];
  const cells: Record<string, string>[] = [];
  const rowOf: Record<string, number> = {};
  const byUpperCode = new Map<string, { code: string; row: number }>();
  const tabOf = new Map<string, number>();
  const shownAs = new Map<string, number>();
  const year = Number(todayIn(timeZone, now()).slice(0, 4));
  const get = (row: CellValue[], k: keyof typeof H) => (idx[k] >= 0 ? row[idx[k]] : '');
  const cellOf = (r: number, k: keyof typeof H) => a1(r + 1, Math.max(idx[k], 0) + 1);
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (blankRow(row)) continue;
    const c: Record<string, string> = {
      code: cellOf(r, 'code'),
      name: cellOf(r, 'name'),
      kind: cellOf(r, 'kind'),
      emails: cellOf(r, 'emails'),
      spreadsheetUrl: cellOf(r, 'spreadsheetUrl'),
      from: cellOf(r, 'from'),
      predecessors: cellOf(r, 'predecessors'),
    };
    const unit: Unit = {
      code: cellText(get(row, 'code')),
      name: cellText(get(row, 'name')),
      kind: cellText(get(row, 'kind')),
      emails: emailList(get(row, 'emails')),
    };
    const wrongEmails = unit.emails.filter((e) => !isEmailAddress(e));
    if (wrongEmails.length && opts.emailProblems) {
      unit.emails = unit.emails.filter((e) => isEmailAddress(e));
      const message = `${CONFIG.where(sheet, c.emails)} (${H.emails}): ${CONFIG.badEmails(wrongEmails)}`;
      opts.emailProblems.push({ code: unit.code, message });
    } else if (wrongEmails.length) log.at(sheet, c.emails, H.emails, CONFIG.badEmails(wrongEmails));
    const url = cellText(get(row, 'spreadsheetUrl'));
    if (url) unit.spreadsheetUrl = url;
    const fromCell = get(row, 'from');
    const preds = codeList(cellText(get(row, 'predecessors')));
    if (cellText(fromCell) || preds.length) {
      const from = cellText(fromCell) ? isoFromCell(fromCell, timeZone, todayIn) : null;
      if (cellText(fromCell) && !from) log.at(sheet, c.from, H.from, CONFIG.notDate);
      // Old codes with F empty: the codes are why a date is needed (not "not a date" on an empty cell).
      else if (!cellText(fromCell)) log.at(sheet, c.from, H.from, CONFIG.fromRequired(c.predecessors, c.from));
      unit.succession = { from: from ?? '', predecessors: preds };
    }
    // Codes are matched without regard to case when sheets are read: "CHUNG-CHAI" is "chung-chai".
    const upper = unit.code.toUpperCase();
    const first = byUpperCode.get(upper);
    if (unit.code && rowOf[unit.code] !== undefined) {
      log.at(
        sheet,
        c.code,
        H.code,
        CONFIG.duplicate(CONFIG.what.unitCode, unit.code, cellOf(rowOf[unit.code] - 1, 'code')),
      );
    } else if (unit.code && first) {
      log.at(sheet, c.code, H.code, CONFIG.duplicateCase(unit.code, first.code, cellOf(first.row - 1, 'code')));
    } else if (unit.code) {
      rowOf[unit.code] = r + 1;
      byUpperCode.set(upper, { code: unit.code, row: r + 1 });
    }
    // A unit's tab is found by name ("<name> <year>") in its spreadsheet (the master without a URL,
    // in layout (a)): two units of one spreadsheet must not share one. In layout (b) a unit without
    // a URL yet gets a spreadsheet of its own.
    const book = url ? (spreadsheetIdOf(url) ?? url) : opts.separateSpreadsheets ? null : '';
    const tab = `${book}\u0000${unitSheetName(unit, 2000).toLocaleLowerCase('vi')}`;
    const same = unit.name && book !== null ? tabOf.get(tab) : undefined;
    if (same !== undefined)
      log.at(
        sheet,
        c.name,
        H.name,
        CONFIG.sheetNameClash(unit.name, cellOf(same - 1, 'name'), unitSheetName(unit, year)),
      );
    else if (unit.name && book !== null) tabOf.set(tab, r + 1);
    // Two units shown under one name ("Xã Chung Chải" of two districts): outputs cannot tell them apart.
    const shown = unit.name ? normalizeName(unitDisplayName(unit)) : '';
    const twin = shown ? shownAs.get(shown) : undefined;
    if (twin !== undefined && same === undefined)
      opts.warnings?.at(sheet, c.name, H.name, CONFIG.sameUnitName(unit.name, cellOf(twin - 1, 'name')));
    else if (shown && twin === undefined) shownAs.set(shown, r + 1);
    units.push(unit);
    cells.push(c);
  }
  const parsed = UnitsSchema.safeParse({ units });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [, i, field, sub] = issue.path;
      if (typeof i === 'number' && typeof field === 'string') {
        const key = field === 'succession' && typeof sub === 'string' ? sub : field;
        const cell = cells[i][key] ?? cells[i].code;
        if (log.errors.some((e) => e.startsWith(CONFIG.where(sheet, cell)))) continue;
        const label = H[key as keyof typeof H] ?? fieldLabel(key);
        // The merge date's cell is named: it is what makes the old codes required.
        const problem =
          key === 'predecessors' && issue.code === 'custom'
            ? CONFIG.predecessorsRequired(cells[i].from, cell)
            : problemOf(issue);
        log.at(sheet, cell, label, problem);
      } else {
        log.errors.push(`${sheet}: ${SCHEMA_TEXT.where(issue.path, { units })}${problemOf(issue)}`);
      }
    }
    return { urlCol, rowOf };
  }
  const r = parseUnits({ units }, sheet);
  if (!r.ok) {
    if (!log.errors.length) log.errors.push(...r.errors);
    return { urlCol, rowOf };
  }
  return { units: r.value, urlCol, rowOf };
}

/** Record spreadsheet URLs in the units sheet: one write of the URL column. */
export function writeUnitUrls(config: Config, urls: Record<string, string>): void {
  const codes = Object.keys(urls);
  if (!codes.length) return;
  const { sheet, grid, urlCol, rowOf } = config.unitsSheet;
  const last = Math.max(grid.length, ...codes.map((c) => rowOf[c] ?? 0));
  const column: string[][] = [];
  for (let r = 1; r <= last; r++) {
    const current = grid[r - 1]?.[urlCol - 1];
    column.push([cellText(current)]);
  }
  if (!cellText(grid[0]?.[urlCol - 1])) column[0] = [UNITS_HEADER.spreadsheetUrl];
  for (const code of codes) {
    const row = rowOf[code];
    if (row) column[row - 1] = [urls[code]];
  }
  const range = sheet.getRange(1, urlCol, column.length, 1);
  range.setNumberFormat('@');
  range.setValues(column);
  for (const code of codes) {
    const row = rowOf[code];
    if (row) {
      const g = grid[row - 1];
      while (g.length < urlCol) g.push('');
      g[urlCol - 1] = urls[code];
    }
  }
  for (const u of config.units) if (urls[u.code]) u.spreadsheetUrl = urls[u.code];
}
