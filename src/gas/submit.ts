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
import { isoToSerial, unitDisplayName } from '../engine/sheet/layout';
import { readSheet } from '../engine/sheet/read';
import { formatDateVi } from '../engine/text/format';
import { slug } from '../engine/text/normalize';
import type { Finding, Grid, Unit, UnitYear } from '../engine/types';
import { checkWorkbooks } from '../engine/validation/check';
import { SUBMIT } from '../messages/vi/gas';
import { now } from './clock';
import { openUnitSpreadsheet, unitTab } from './io';
import { restrictEditors } from './render';
import type { Config } from './setup';
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
  const { report } = readSheet({ name, grid }, { catalogue: config.catalogue, units: config.units });
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
  const { report, findings } = readSheet({ name, grid }, { catalogue: config.catalogue, units: config.units });
  if (report && config.units.some((u) => u.code === report.unitCode)) return null;
  return findings.find((f) => f.severity === 'error')?.message ?? null;
}

/** Find a unit by code or name as typed ("chung-chai", "Chung Chải", "xã Chung Chải"). */
export function findUnit(units: Unit[], typed: string): Unit | null {
  const t = normalizeName(typed);
  if (!t) return null;
  const exact =
    units.find((u) => normalizeName(u.code) === t) ??
    units.find((u) => normalizeName(u.name) === t || normalizeName(unitDisplayName(u)) === t);
  if (exact) return exact;
  // Typed without diacritics (a phone without a Vietnamese keyboard: "muong nhe"): the one unit
  // whose name reads so, never a guess between two ("Mường Nhé" and "Mương Nhe").
  const bare = slug(typed);
  if (!bare) return null;
  const hits = units.filter((u) => slug(u.name) === bare || slug(unitDisplayName(u)) === bare);
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
  | { ok: true; message: string; warnings: number; date: string }
  | { ok: false; message: string; findings: Finding[] };

/** Validate the unit's month and, with no error, record the date and lock the month's column. */
export function submitUnitMonth(config: Config, us: UnitSheet, month: number, admins: string[]): SubmitResult {
  const display = unitDisplayName(us.unit);
  const label = periodLabel({ type: 'month', year: us.year, index: month });
  if (monthProtections(us, month).length) return { ok: false, message: SUBMIT.already(display, label), findings: [] };
  // A month whose data period has not begun has nothing to report yet (a slip of the month typed).
  const today = todayIn(config.settings.timeZone, now());
  const window = dataWindow({ type: 'month', year: us.year, index: month }, config.settings);
  if (today < window.start)
    return {
      ok: false,
      message: SUBMIT.notYet(display, label, formatDateVi(window.start), formatDateVi(window.end)),
      findings: [],
    };
  const read = checkWorkbooks([{ source: us.spreadsheet.getName(), sheets: [{ name: us.name, grid: us.grid }] }], {
    catalogue: config.catalogue,
    units: config.units,
    year: us.year,
  });
  const mine = read.findings.filter(
    (f) => (!f.unitCode || f.unitCode === us.unit.code) && (f.month === undefined || f.month === month),
  );
  const errors = mine.filter((f) => f.severity === 'error');
  if (errors.length) return { ok: false, message: SUBMIT.hasErrors(display, label, errors.length), findings: errors };
  // Locking a month with nothing typed would keep its figures out until an admin unlocks it.
  const report = read.reports.find((r) => r.unitCode === us.unit.code) ?? us.report;
  if (!hasData(report, month)) return { ok: false, message: SUBMIT.emptyMonth(display, label), findings: [] };
  const area = monthColumnRange(us, month);
  if (!area) return { ok: false, message: SUBMIT.noSubmittedRow(us.name), findings: [] };

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
  return {
    ok: true,
    message: outdated ? `${done} ${SUBMIT.unitCodeOutdated(outdated.message)}` : done,
    warnings: mine.filter((f) => f.severity === 'warning').length,
    date: today,
  };
}

export type UnlockResult = { ok: boolean; message: string };

/** Remove the month's submission lock and clear its date. */
export function unlockUnitMonth(us: UnitSheet, month: number): UnlockResult {
  const display = unitDisplayName(us.unit);
  const label = periodLabel({ type: 'month', year: us.year, index: month });
  const found = monthProtections(us, month);
  if (!found.length) return { ok: false, message: SUBMIT.notLocked(display, label) };
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
