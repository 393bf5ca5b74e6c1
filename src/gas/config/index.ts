/**
 * Reading and validating all the configuration sheets of the master spreadsheet ("Cài đặt", "Đơn vị",
 * "Chỉ tiêu", "Quy tắc", "Ngày nghỉ", "Đơn vị cũ") into the engine's Settings, Unit[] and Catalogue:
 * what Thiết lập, Kiểm tra, Tổng hợp, Tạo mẫu and the e-mail jobs start with. One file per sheet
 * beside this one; every mistake is reported in Vietnamese with the sheet and the cell.
 */

import { aggregatingLevel } from '../../engine/text/level';
import type { Grid, Unit } from '../../engine/types';
import { CONFIG, SHEETS, UNITS_HEADER } from '../../messages/vi/gas';
import { settingsDefaults } from '../config-defaults';
import type { UrlPlace } from '../errors';
import { a1, headerIndex } from '../util';
import { readCatalogueGrids } from './catalogue';
import { collector, configGrid } from './cells';
import { readFormerUnitsGrid } from './former-units';
import { readHolidaysGrid } from './holidays';
import { readSettingsGrid } from './settings';
import type { Config, ConfigResult, UnitEmailProblem } from './types';
import { readUnitsGrid } from './units';

export type { AddonOptions, Config, ConfigResult, UnitEmailProblem } from './types';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Read and validate the configuration sheets (one call each, plus the lookup); "Ngày nghỉ" is optional. */
/**
 * `opts.unitEmailsApart` (the e-mail jobs): a wrong staff address in "Đơn vị" is no error but one of
 * `unitEmailProblems`, the address left out.
 */
export function readConfig(ss: Spreadsheet, opts: { strict?: boolean; unitEmailsApart?: boolean } = {}): ConfigResult {
  const log = collector();
  const emailProblems = collector();
  const sheets: Record<string, Sheet | null> = {};
  const grids: Record<string, Grid> = {};
  for (const name of [SHEETS.settings, SHEETS.units, SHEETS.indicators, SHEETS.rules]) {
    const sheet = ss.getSheetByName(name);
    sheets[name] = sheet;
    if (!sheet) log.errors.push(CONFIG.missingSheet(name));
    else grids[name] = configGrid(sheet);
  }
  if (log.errors.length) return { ok: false, errors: log.errors };
  const s = readSettingsGrid(grids[SHEETS.settings], log, opts.strict ? undefined : emailProblems);
  const timeZone = s.settings?.timeZone ?? settingsDefaults().timeZone;
  const warnings = collector();
  const unitEmailProblems: UnitEmailProblem[] = [];
  const u = readUnitsGrid(grids[SHEETS.units], timeZone, log, {
    separateSpreadsheets: s.options.separateSpreadsheets,
    warnings,
    ...(opts.unitEmailsApart ? { emailProblems: unitEmailProblems } : {}),
  });
  // A rule naming an indicator no longer in "Chỉ tiêu" is left out with a warning (Thiết lập too).
  const catalogue = readCatalogueGrids(
    grids[SHEETS.indicators],
    grids[SHEETS.rules],
    s.title,
    s.titleCell,
    log,
    warnings,
    s.settings && CONFIG.ruleKeeper(aggregatingLevel(s.settings), s.settings.organisation),
  );
  // Optional: a master set up before "Ngày nghỉ" existed has no days off until Thiết lập adds it.
  const holidaySheet = ss.getSheetByName(SHEETS.holidays);
  const holidays = holidaySheet ? readHolidaysGrid(configGrid(holidaySheet), timeZone, log) : undefined;
  // Optional too, and only of use beside a merger: read when "Đơn vị" lists old units (no call
  // otherwise), and always by Thiết lập, which checks every sheet.
  const listsOld = u.units?.some((x) => x.succession?.predecessors.length);
  const formerSheet = u.units && (opts.strict || listsOld) ? ss.getSheetByName(SHEETS.formerUnits) : null;
  let formerUnits: Unit[] = [];
  const formerUrlCells: Record<string, string> = {};
  if (formerSheet && u.units) {
    const codeCol = headerIndex(grids[SHEETS.units][0] ?? [], UNITS_HEADER).code + 1;
    const unitCell = (code: string) => a1(u.rowOf[code] ?? 0, codeCol);
    const problems = opts.strict ? log : warnings;
    formerUnits = readFormerUnitsGrid(configGrid(formerSheet), u.units, unitCell, problems, warnings, formerUrlCells);
  }
  if (log.errors.length || !s.settings || !u.units || !catalogue) {
    // Refused anyway: the e-mail settings' mistakes are listed too, so that all are mended at once.
    const errors = log.errors.length ? [...log.errors, ...emailProblems.errors] : [CONFIG.unreadable];
    return warnings.errors.length ? { ok: false, errors, warnings: warnings.errors } : { ok: false, errors };
  }
  return {
    ok: true,
    config: {
      emailProblems: emailProblems.errors,
      settings: holidays ? { ...s.settings, holidays } : s.settings,
      units: u.units,
      formerUnits,
      formerUrlCells,
      warnings: warnings.errors,
      ...(opts.unitEmailsApart ? { unitEmailProblems } : {}),
      catalogue,
      options: s.options,
      unitsSheet: { sheet: sheets[SHEETS.units] as Sheet, grid: grids[SHEETS.units], urlCol: u.urlCol, rowOf: u.rowOf },
    },
  };
}

/**
 * Where a unit's spreadsheet URL is typed, for the message when it leads nowhere: "Đơn vị" for a
 * unit of the list, "Đơn vị cũ" for an old commune read from its own spreadsheet; the cell when known.
 */
export function urlPlaceOf(config: Config): (unit: Unit) => UrlPlace | undefined {
  return (unit) => {
    if (config.units.some((u) => u.code === unit.code)) {
      const { rowOf, urlCol } = config.unitsSheet;
      const row = rowOf[unit.code];
      return { sheet: SHEETS.units, ...(row ? { cell: a1(row, urlCol) } : {}) };
    }
    if (!config.formerUnits?.some((u) => u.code === unit.code)) return undefined;
    const cell = config.formerUrlCells?.[unit.code];
    return { sheet: SHEETS.formerUnits, ...(cell ? { cell } : {}) };
  };
}
