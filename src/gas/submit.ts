/**
 * "Nộp báo cáo tháng…" and "Mở khóa tháng…" — a DHIS2-style approval lock.
 * Submitting validates the unit's month; with no error it writes today's date into the
 * NGAY_NOP row of that month and protects the month's column (description "Đã nộp tháng
 * 9/2018", editors: the district admins). Unlocking (admins only) removes that protection
 * and clears the date, so the unit corrects and submits again.
 */
import { hasData } from '../engine/aggregate/succession';
import { dataWindow, todayIn } from '../engine/periods/cutoff';
import { periodLabel } from '../engine/periods/period';
import {
  distinctDisplayName,
  distinctName,
  distinguishFindings,
  isoToSerial,
  unitDisplayName,
} from '../engine/sheet/layout';
import { readSheet } from '../engine/sheet/read';
import { formatDateVi } from '../engine/text/format';
import { aggregatingLevel } from '../engine/text/level';
import { slug } from '../engine/text/normalize';
import type { Finding, Grid, Unit, UnitYear } from '../engine/types';
import { checkWorkbooks } from '../engine/validation/check';
import { SUBMIT } from '../messages/vi/gas';
import { now } from './clock';
import type { Config } from './config';
import { openUnitSpreadsheet, unitTab } from './io/find-units';
import { effectiveEmail, restrictEditors } from './render';
import { normalizeName, parseCell, readGrid } from './util';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A unit's report sheet for a year, read. */
export interface UnitSheet {
  unit: Unit;
  year: number;
  spreadsheet: Spreadsheet;
  sheet: Sheet;
  name: string;
  grid: Grid;
  report: UnitYear;
}

/** Read a sheet and identify it as a unit's report (null if it is not one). */
export function asUnitSheet(
  config: Config,
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  name = sheet.getName(),
): UnitSheet | null {
  const grid = readGrid(sheet, config.settings.timeZone);
  const { report } = readSheet(
    { name, grid },
    { catalogue: config.catalogue, units: config.units, level: aggregatingLevel(config.settings) },
  );
  if (!report) return null;
  const unit = config.units.find((u) => u.code === report.unitCode);
  if (!unit) return null;
  return { unit, year: report.year, spreadsheet, sheet, name, grid, report };
}

/**
 * Why a unit's tab is not read as a unit's report (asUnitSheet gives null): the first error the
 * engine finds on it ("Mã đơn vị" in no list and names of several units, an unknown unit, no year…),
 * else null. For "Nộp báo cáo" to tell the clerk the true reason.
 */
export function unitSheetProblem(config: Config, sheet: Sheet, name = sheet.getName()): string | null {
  const grid = readGrid(sheet, config.settings.timeZone);
  const { report, findings } = readSheet(
    { name, grid },
    { catalogue: config.catalogue, units: config.units, level: aggregatingLevel(config.settings) },
  );
  if (report && config.units.some((u) => u.code === report.unitCode)) return null;
  const error = findings.find((f) => f.severity === 'error');
  // Named as checkWorkbooks names it: with its code when another unit shares the unit's name.
  return error ? distinguishFindings([error], config.units)[0].message : null;
}

/**
 * The units a unit typed designates ("chung-chai", "Chung Chải", "xã Chung Chải", "Xã Chung Chải
 * (chung-chai-np)" as the add-on names it): by code, the one; by name, every unit of the name (two
 * communes of one name: the code tells which).
 */
export function findUnits(units: readonly Unit[], typed: string): Unit[] {
  const t = normalizeName(typed);
  if (!t) return [];
  const byCode = units.find((u) => normalizeName(u.code) === t);
  if (byCode) return [byCode];
  const exact = units.filter(
    (u) =>
      normalizeName(u.name) === t ||
      normalizeName(unitDisplayName(u)) === t ||
      normalizeName(distinctDisplayName(u, units)) === t ||
      normalizeName(distinctName(u.name, u.code, units)) === t,
  );
  if (exact.length) return exact;
  // Typed without diacritics (a phone without a Vietnamese keyboard: "muong nhe"): the units whose
  // name reads so; of two ("Mường Nhé" and "Mương Nhe"), never a guess.
  const bare = slug(typed);
  if (!bare) return [];
  return units.filter((u) => slug(u.name) === bare || slug(unitDisplayName(u)) === bare);
}

/** The one unit typed (findUnits), or null: none, or several of that name. */
export function findUnit(units: readonly Unit[], typed: string): Unit | null {
  const hits = findUnits(units, typed);
  return hits.length === 1 ? hits[0] : null;
}

/** The unit's sheet for `year` in its spreadsheet (layout b) or the master (layout a). */
export function openUnitSheet(master: Spreadsheet, config: Config, unit: Unit, year: number): UnitSheet | null {
  const { spreadsheet } = openUnitSpreadsheet(master, unit);
  const tab = unitTab(spreadsheet, unit, year);
  return tab ? asUnitSheet(config, spreadsheet, tab.sheet, tab.name) : null;
}

export function monthProtectionDescription(month: number, year: number): string {
  return SUBMIT.description(month, year);
}

function monthProtections(us: UnitSheet, month: number) {
  const description = monthProtectionDescription(month, us.year);
  return us.sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE).filter((p) => p.getDescription() === description);
}

/** The month's column from the submission-date row down to the sheet's last row. */
function monthColumnRange(us: UnitSheet, month: number) {
  const cell = parseCell(us.report.submittedCells[month - 1]);
  if (!cell) return null;
  return { row: cell.row, col: cell.col, rows: Math.max(us.grid.length - cell.row + 1, 1) };
}

export type SubmitResult =
  | {
      ok: true;
      message: string;
      warnings: number;
      /** The month's warnings (accepted by the clerk, or submitted where nobody could be asked). */
      warningFindings: Finding[];
      date: string;
      /** Errors of the sheet that do not touch the month (blocksMonth false): told, for the district. */
      sheetErrors: Finding[];
      pending?: undefined;
    }
  | { ok: false; message: string; findings: Finding[]; pending?: undefined }
  /**
   * askOnWarnings and the month has warnings of its own (no error): nothing written nor locked yet.
   * `findings`: those warnings, for the clerk to fix or to accept (then submitUnitMonth again without
   * askOnWarnings).
   */
  | { ok: false; pending: true; message: string; findings: Finding[] };

export interface SubmitOptions {
  /**
   * Stop before writing the date when the month has warnings of its own: a slip warned of is fixed in
   * a minute before the lock, but only by an admin's unlock after it. False where nobody can be asked.
   */
  askOnWarnings?: boolean;
}

/**
 * Errors about one row of the sheet as a whole (no month): the row's figures are left out of the
 * totals in every month. 'duplicate-indicator': the second row of a code (its cell), only the
 * first counted; 'code-label-mismatch': a row whose code and label name two indicators;
 * 'measure-mismatch': a row whose "Đơn vị tính" is not the catalogue's; 'unknown-indicator' (an
 * error only with figures while the sheet lacks an indicator's row): a code in no catalogue;
 * 'uncoded-row' (likewise): a row without a code whose label is no indicator's.
 * They mostly come from the district's catalogue changing (codes swapped, a unit or a code
 * changed) or from cells the commune cannot edit (code, label and unit columns are locked for
 * the admins; months already submitted are locked too).
 */
const ROW_ERRORS = new Set([
  'duplicate-indicator',
  'code-label-mismatch',
  'measure-mismatch',
  'unknown-indicator',
  'uncoded-row',
]);

/** Of ROW_ERRORS, those whose cell to fix is a locked one (code, label, unit): the district's to fix. */
const DISTRICT_ROW_ERRORS = new Set(['code-label-mismatch', 'measure-mismatch', 'unknown-indicator']);

/** The sheet column (1-based) of the month's cells, from its submission-date cell or any indicator's. */
function monthColumn(report: UnitYear, month: number): number | null {
  const refs = [report.submittedCells[month - 1], ...Object.values(report.cells).map((c) => c[month - 1])];
  for (const ref of refs) {
    const cell = ref ? parseCell(ref) : null;
    if (cell) return cell.col;
  }
  return null;
}

/**
 * Whether an error stops month `month` from being submitted. Errors of that month (its cells, its
 * rules) do. Errors of no month:
 * - ROW_ERRORS block the month only when their row has something typed in the month's column:
 *   that month's figure would be left out of the totals, so the month would be locked counted
 *   wrong. A row empty in the month (its figures in other months, often locked since) does not
 *   change the month's totals: the month is submitted and the error told for the district
 *   (it stays in Kiểm tra dữ liệu and Tổng hợp until fixed).
 * - Any other error of no month (a sheet not counted at all: unit unknown, its code in no list, no
 *   year, too large; or a code added later) blocks, the month's figures being uncounted with it.
 */
function blocksMonth(f: Finding, month: number, us: UnitSheet, col: number | null): boolean {
  if (f.month !== undefined) return f.month === month;
  if (!ROW_ERRORS.has(f.code)) return true;
  const cell = f.cell ? parseCell(f.cell) : null;
  if (!cell || col === null) return true;
  const v = us.grid[cell.row - 1]?.[col - 1];
  return v !== null && v !== undefined && String(v).trim() !== '';
}

/**
 * Validate the unit's month and, with no error, record the date and lock the month's column; with
 * warnings and `options.askOnWarnings`, write nothing and return them (pending) for the clerk to answer.
 */
export function submitUnitMonth(
  config: Config,
  us: UnitSheet,
  month: number,
  admins: string[],
  options: SubmitOptions = {},
): SubmitResult {
  // Two units of one name: which one, by its code.
  const display = distinctDisplayName(us.unit, config.units);
  const label = periodLabel({ type: 'month', year: us.year, index: month });
  const level = aggregatingLevel(config.settings);
  if (monthProtections(us, month).length)
    return { ok: false, message: SUBMIT.already(display, label, level), findings: [] };
  // A month whose data period has not begun has nothing to report yet (a slip of the month typed).
  const today = todayIn(config.settings.timeZone, now());
  const window = dataWindow({ type: 'month', year: us.year, index: month }, config.settings);
  if (today < window.start)
    return {
      ok: false,
      message: SUBMIT.notYet(display, label, formatDateVi(window.start), formatDateVi(window.end)),
      findings: [],
    };
  // Before the cut-off the month's figures still run: the engine takes a date before it as copied
  // from the month before (submitted-before-period-end), so the add-on must not write one and lock.
  if (today < window.end)
    return { ok: false, message: SUBMIT.beforeCutoff(display, label, formatDateVi(window.end)), findings: [] };
  const read = checkWorkbooks([{ source: us.spreadsheet.getName(), sheets: [{ name: us.name, grid: us.grid }] }], {
    catalogue: config.catalogue,
    units: config.units,
    year: us.year,
    level,
  });
  const ours = read.findings.filter((f) => !f.unitCode || f.unitCode === us.unit.code);
  const mine = ours.filter((f) => f.month === undefined || f.month === month);
  const col = monthColumn(us.report, month);
  const errors = mine.filter((f) => f.severity === 'error' && blocksMonth(f, month, us, col));
  if (errors.length) {
    // A row's code, label or unit cell is locked: the clerk is told it is the district's to fix.
    const district = errors.some((f) => f.month === undefined && DISTRICT_ROW_ERRORS.has(f.code));
    const message =
      SUBMIT.hasErrors(display, label, errors.length) + (district ? ` ${SUBMIT.districtRows(level)}` : '');
    return { ok: false, message, findings: errors };
  }
  const sheetErrors = mine.filter((f) => f.severity === 'error' && f.month === undefined);
  // Locking a month with nothing typed would keep its figures out until an admin unlocks it.
  const report = read.reports.find((r) => r.unitCode === us.unit.code) ?? us.report;
  if (!hasData(report, month)) return { ok: false, message: SUBMIT.emptyMonth(display, label), findings: [] };
  const area = monthColumnRange(us, month);
  if (!area) return { ok: false, message: SUBMIT.noSubmittedRow(us.name), findings: [] };
  const warnings = mine.filter((f) => f.severity === 'warning');
  // Asked about: the month's own warnings (its cells, its rules), which the lock freezes. Those of the
  // sheet as a whole (a row missing, a code in no catalogue, C3) stay fixable after it, or are not the clerk's.
  const monthWarnings = warnings.filter((f) => f.month === month);
  if (options.askOnWarnings && monthWarnings.length) {
    const message = SUBMIT.warningsFound(display, label, monthWarnings.length);
    return { ok: false, pending: true, message, findings: monthWarnings };
  }

  const dateCell = us.sheet.getRange(area.row, area.col);
  dateCell.setNumberFormat('dd/mm/yyyy');
  dateCell.setValue(isoToSerial(today));
  const protection = us.sheet
    .getRange(area.row, area.col, area.rows, 1)
    .protect()
    .setDescription(monthProtectionDescription(month, us.year));
  restrictEditors(protection, admins);
  // A tab read by its names, its unit code in no list (changed in "Đơn vị" since): said with the result.
  const outdated = mine.find((f) => f.code === 'unit-code-outdated');
  const done = SUBMIT.done(display, label, formatDateVi(today));
  const parts = [done];
  if (outdated) parts.push(SUBMIT.unitCodeOutdated(outdated.message));
  if (sheetErrors.length) parts.push(SUBMIT.sheetErrors(sheetErrors.length, label, level));
  return {
    ok: true,
    message: parts.join(' '),
    warnings: warnings.length,
    warningFindings: warnings,
    date: today,
    sheetErrors,
  };
}

export type UnlockResult = { ok: boolean; message: string };

/** Remove the month's submission lock and clear its date. `units`: the list, to name a unit another shares the name of. */
export function unlockUnitMonth(us: UnitSheet, month: number, units: readonly Unit[]): UnlockResult {
  const display = distinctDisplayName(us.unit, units);
  const label = periodLabel({ type: 'month', year: us.year, index: month });
  const found = monthProtections(us, month);
  if (!found.length) return { ok: false, message: SUBMIT.notLocked(display, label) };
  // Only the lock's editors and the owner may remove it: checked first, so no lock goes half-removed.
  if (found.some((p) => !p.canEdit()))
    return { ok: false, message: SUBMIT.notLockEditor(display, label, effectiveEmail()) };
  for (const p of found) p.remove();
  const area = monthColumnRange(us, month);
  if (area) us.sheet.getRange(area.row, area.col).setValue('');
  return { ok: true, message: SUBMIT.unlocked(display, label) };
}

/** Is the active user one of the admins? With no admins configured, anyone may (the owner set it up). */
export function isAdmin(config: Config, email: string): boolean {
  const admins = config.options.admins.map((a) => a.toLowerCase());
  if (!admins.length) return true;
  return admins.includes(email.toLowerCase());
}
