/**
 * "Kiểm tra dữ liệu": validate the active unit sheet (or every unit), list the findings in
 * the "Kiểm tra" sheet with links to the cells, mark the cells (note + background) and
 * return counts for the summary toast. Marks from an earlier check are cleared first.
 */

import { futureMonthFindings, submissionDateSlips } from '../engine/aggregate/aggregate';
import { todayIn } from '../engine/periods/cutoff';
import { predecessorsMissing } from '../engine/pipeline';
import { STYLES } from '../engine/report/model';
import { distinctDisplayName, distinguishFindings, unitDisplayName, unitSheetName } from '../engine/sheet/layout';
import { readSheet } from '../engine/sheet/read';
import { aggregatingLevel } from '../engine/text/level';
import type { Finding, Grid, Unit, UnitYear, WorkbookInput } from '../engine/types';
import { noReportSources, unreadableReportFindings } from '../engine/unreadable';
import { checkWorkbooks, expectedUnitsMissing, successorBeforeMerger } from '../engine/validation/check';
import { SCHEDULE_TEXT } from '../messages/vi/email';
import { CHECK, LOOKALIKE, SHEETS } from '../messages/vi/gas';
import { now } from './clock';
import { type Config, urlPlaceOf } from './config';
import { scheduleOwnerGone } from './email/triggers';
import {
  bookFindings,
  explainMissing,
  nameBooks,
  noReportBooks,
  SheetIndex,
  type UnitBook,
  withFormerUnits,
} from './io/find-units';
import { type ApiReadOptions, readUnitBooksDetailed } from './io/parallel-books';
import { GENERAL, TEXT, widthPx } from './render';
import { cellLink, parseCell, readGrid } from './util';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const MARK = {
  error: (STYLES.error.fill ?? '#F8CBAD').toLowerCase(),
  warning: (STYLES.warning.fill ?? '#FFF2CC').toLowerCase(),
};

/** The unit sheet the user is looking at, if it is one. */
export interface ActiveUnitSheet {
  unit: Unit;
  year: number;
  sheet: Sheet;
  name: string;
  grid: Grid;
  report: UnitYear;
}

/** Identify the active sheet as a unit's report (by its unit code / name cells, as the engine reads it). */
export function activeUnitSheet(master: Spreadsheet, config: Config): ActiveUnitSheet | null {
  const sheet = master.getActiveSheet();
  if (!sheet) return null;
  const name = sheet.getName();
  if ((Object.values(SHEETS) as string[]).includes(name)) return null;
  const grid = readGrid(sheet, config.settings.timeZone);
  const { report } = readSheet(
    { name, grid },
    { catalogue: config.catalogue, units: config.units, level: aggregatingLevel(config.settings) },
  );
  if (!report) return null;
  // An old commune of a merger ("Đơn vị cũ (mã)"): as "Đơn vị cũ" names it, else named from its sheet.
  // Its tab here is what is checked, whatever spreadsheet "Đơn vị cũ" gives it.
  const former = config.units.some((u) => u.succession?.predecessors.includes(report.unitCode));
  const named = former ? config.formerUnits?.find((u) => u.code === report.unitCode) : undefined;
  const unit =
    config.units.find((u) => u.code === report.unitCode) ??
    (named ? { code: named.code, name: named.name, kind: named.kind, emails: [] } : undefined) ??
    (former ? { code: report.unitCode, name: report.unitName, kind: report.unitKind ?? '', emails: [] } : undefined);
  if (!unit) return null;
  return { unit, year: report.year, sheet, name, grid, report };
}

interface Target {
  book: UnitBook;
  year: number;
  sheet: Sheet;
  name: string;
}

export interface CheckResult {
  findings: Finding[];
  errors: number;
  warnings: number;
  units: number;
  /** Books that could not be opened, with their Vietnamese reasons. */
  unreadable: string[];
  /** Units not reached in the time the run had (codes): listed as not checked. */
  notChecked: string[];
}

function severityOrder(f: Finding): number {
  return f.severity === 'error' ? 0 : f.severity === 'warning' ? 1 : 2;
}

/**
 * Reading every unit stops this long after it starts: the rest of the run (6 minutes) writes the
 * list and marks the cells.
 */
export const CHECK_READ_BUDGET_MS = 3 * 60 * 1000;

/**
 * Check one unit (its active sheet) or every unit for `year`, then report and mark. The master's
 * tabs (layout a) are read as "Tổng hợp" reads them, over the Sheets API in a few calls
 * (io/parallel-books.ts); a unit's own spreadsheet (layout b) is opened the SpreadsheetApp way,
 * because marking needs it open anyway: to mark new findings and to clear the marks of findings
 * fixed since the last check. Units not reached within CHECK_READ_BUDGET_MS are listed as not
 * checked. Every unit: those without a sheet for the year are named, and so are old communes of a
 * merger without one for a year they owed months of (as Tổng hợp names them). `api`: the reader's
 * settings (tests).
 */
export function runCheck(
  master: Spreadsheet,
  config: Config,
  scope: { active: ActiveUnitSheet } | { year: number },
  api: ApiReadOptions = {},
): CheckResult {
  const { catalogue, units } = config;
  const formerUnits = config.formerUnits ?? [];
  let books: UnitBook[];
  let pending: string[] = [];
  let year: number;
  if ('active' in scope) {
    const a = scope.active;
    year = a.year;
    const book: UnitBook = {
      unit: a.unit,
      spreadsheet: master,
      external: false,
      source: master.getName(),
      sheets: new Map([[year, a.sheet]]),
      names: new Map([[year, a.name]]),
      grids: new Map([[year, a.grid]]),
    };
    books = [book];
  } else {
    year = scope.year;
    const index = new SheetIndex(master);
    const read = readUnitBooksDetailed(master, withFormerUnits(index, units, [year], formerUnits), [year], {
      read: true,
      timeZone: config.settings.timeZone,
      index,
      urlAt: urlPlaceOf(config),
      withTabs: true,
      threshold: Number.POSITIVE_INFINITY,
      budgetMs: CHECK_READ_BUDGET_MS,
      api,
    });
    books = read.books;
    pending = read.pending;
  }
  const workbooks: WorkbookInput[] = books
    .filter((b) => !b.error && b.grids.size)
    .map((b) => ({
      source: b.source,
      sheets: [...b.grids].map(([y, grid]) => ({ name: b.names.get(y) ?? '', grid })),
    }));
  // Old communes named in "Đơn vị cũ" are read as units: the names in their sheets are checked too.
  const checked = formerUnits.length ? [...units, ...formerUnits] : units;
  const read = checkWorkbooks(workbooks, {
    catalogue,
    units: checked,
    year,
    level: aggregatingLevel(config.settings),
  });
  // Submission dates after today or before their month closes, and figures typed a column too far,
  // as `tonghop check` and Tổng hợp warn of them (the add-on's clock).
  const today = todayIn(config.settings.timeZone, now());
  const ofYear = read.reports.filter((r) => r.year === year);
  let findings = [
    ...read.findings,
    ...submissionDateSlips(ofYear, config.settings, today),
    ...futureMonthFindings(ofYear, config.settings, today),
    // A new commune's figures in months its old communes report, as `tonghop check` warns of them.
    ...successorBeforeMerger(ofYear, units, formerUnits, config.settings.cutoffDay),
  ];
  if ('active' in scope) {
    const a = scope.active;
    findings = findings.filter((f) => !f.unitCode || f.unitCode === a.unit.code);
    // A copy of the unit's tab (or another tab with its code) is checked, but Tổng hợp reads another.
    // Only a tab not named as the unit's own needs the tab list (a call per tab) to find the real one.
    const real =
      a.unit.spreadsheetUrl || a.name === unitSheetName(a.unit, a.year)
        ? null
        : new SheetIndex(master).locateUnit(a.unit, [a.year], units).entries.get(a.year)?.name;
    if (real && real !== a.name) {
      const unit = unitDisplayName(a.unit);
      findings.unshift({
        severity: 'warning',
        code: 'not-the-real-tab',
        unitCode: a.unit.code,
        unitName: a.unit.name,
        sheet: a.name,
        message: LOOKALIKE.notTheRealTab(unit, a.year, a.name, real),
      });
    }
  } else {
    // Units that could not be opened say why; units not reached are not called missing.
    const have = new Set([...books.filter((b) => b.error).map((b) => b.unit.code), ...pending]);
    const missing = expectedUnitsMissing(read.reports, units, year, read.findings).filter(
      (f) => !f.unitCode || !have.has(f.unitCode),
    );
    // Old communes of a merger with no sheet for a year they were to report months of, as Tổng hợp says.
    const cutoffDay = config.settings.cutoffDay;
    const gone = predecessorsMissing(read.reports, units, year, cutoffDay, formerUnits).filter(
      (f) => !have.has(f.unitCode as string),
    );
    // Layout (b): what a commune's spreadsheet holds instead of the year's tab, as Tổng hợp says.
    explainMissing(missing, books, year, checked);
    findings = [
      ...findings,
      ...missing,
      ...gone,
      ...notChecked([...units, ...formerUnits], pending),
      ...configWarnings(config),
      ...scheduleWarnings(master),
    ];
    // Layout (b): a commune's spreadsheet without any tab read as a report is its report, unreadable
    // (the reason, then whose it is), not "chưa có trang báo cáo", as Tổng hợp says.
    const reported = new Set(read.reports.filter((r) => r.year === year).map((r) => r.unitCode));
    const noReport = noReportBooks(
      books,
      noReportSources(read.findings, read.reports),
      new Set(units.map((u) => u.code)),
      reported,
      checked,
      'check',
    );
    if (noReport.length) findings = unreadableReportFindings(findings, noReport);
  }
  const unreadable: string[] = [];
  for (const b of books) {
    if (b.error) unreadable.push(b.error);
    findings.push(...bookFindings(b));
  }
  // Two units of one name: every finding (the missing units' and the books' too) says which, by its code.
  findings = distinguishFindings(findings, checked);
  // "Bảng tính "…"", not the engine's "Tệp <source>".
  nameBooks(findings, books, checked);
  findings.sort((a, b) => severityOrder(a) - severityOrder(b));

  // Sheets the findings point at: by (file, sheet), else by unit code.
  const targets = new Map<string, Target>();
  const byUnit = new Map<string, Target>();
  for (const b of books) {
    for (const [y, sheet] of b.sheets) {
      const t: Target = { book: b, year: y, sheet, name: b.names.get(y) ?? '' };
      targets.set(`${b.source}\u0000${t.name}`, t);
      if (y === year) byUnit.set(b.unit.code, t);
    }
  }
  const targetOf = (f: Finding): Target | undefined =>
    (f.sheet ? targets.get(`${f.file ?? ''}\u0000${f.sheet}`) : undefined) ??
    (f.unitCode ? byUnit.get(f.unitCode) : undefined);

  const display = new Map([...formerUnits, ...units].map((u) => [u.code, distinctDisplayName(u, checked)]));
  writeCheckSheet(master, findings, targetOf, display, checkRemarks(read.reports, year, catalogue));
  const reportsByKey = new Map(read.reports.map((r) => [`${r.file}\u0000${r.sheet}`, r]));
  for (const t of new Set([...targets.values()])) {
    const mine = findings.filter((f) => f.cell && targetOf(f) === t);
    const report = reportsByKey.get(`${t.book.source}\u0000${t.name}`);
    try {
      markCells(t.sheet, report, mine);
    } catch {
      // Marking is a convenience: a user who may not edit part of the sheet (a submitted,
      // locked month) still gets the list in "Kiểm tra".
    }
  }
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    units: books.length,
    unreadable,
    notChecked: pending,
  };
}

/** At most this many remarks are listed in "Kiểm tra" (a district's communes may note every row). */
export const MAX_CHECK_REMARKS = 50;

/**
 * The remarks units wrote in the "Ghi chú" column beside indicator rows of `year`, as `tonghop check`
 * lists them (unit, cell, indicator, text): rows after the findings, shaped as findings for their
 * place and link, never marking a cell. At most MAX_CHECK_REMARKS, then one row says how many more.
 */
function checkRemarks(reports: UnitYear[], year: number, catalogue: Config['catalogue']): Finding[] {
  const all: Finding[] = [];
  for (const r of reports)
    if (r.year === year)
      for (const x of r.remarks ?? []) {
        const label = catalogue.indicators.find((i) => i.code === x.indicatorCode)?.label ?? x.indicatorCode;
        all.push({
          severity: 'info',
          code: 'remark',
          unitCode: r.unitCode,
          unitName: r.unitName,
          file: r.file,
          sheet: r.sheet,
          cell: x.cell,
          message: CHECK.remark(label, x.text),
        });
      }
  if (all.length <= MAX_CHECK_REMARKS) return all;
  const more = all.length - MAX_CHECK_REMARKS;
  return [...all.slice(0, MAX_CHECK_REMARKS), { severity: 'info', code: 'remark', message: CHECK.moreRemarks(more) }];
}

/** "Đơn vị cũ" rows not used (readConfig's warnings), listed with the findings. */
function configWarnings(config: Config): Finding[] {
  return (config.warnings ?? []).map((message) => ({ severity: 'warning', code: 'config-warning', message }));
}

/** The monthly schedule set by someone who can no longer edit the spreadsheet (it will not run). */
function scheduleWarnings(master: Spreadsheet): Finding[] {
  const gone = scheduleOwnerGone(master);
  if (!gone?.monthly) return [];
  const message = SCHEDULE_TEXT.ownerGone(gone.owner, gone.monthly.day, gone.monthly.hour);
  return [{ severity: 'warning', code: 'schedule-owner-gone', message }];
}

/** A warning per unit not reached in the time the run had. */
function notChecked(units: Unit[], pending: string[]): Finding[] {
  if (!pending.length) return [];
  const byCode = new Map(units.map((u) => [u.code, u]));
  return pending.map((code) => {
    const u = byCode.get(code);
    return {
      severity: 'warning' as const,
      code: 'unit-not-checked',
      unitCode: code,
      unitName: u?.name ?? code,
      message: CHECK.notChecked(u ? unitDisplayName(u) : code),
    };
  });
}

function richTextSupported(range: GoogleAppsScript.Spreadsheet.Range): boolean {
  const app = SpreadsheetApp as unknown as { newRichTextValue?: unknown };
  const r = range as unknown as { setRichTextValues?: unknown };
  return typeof app.newRichTextValue === 'function' && typeof r.setRichTextValues === 'function';
}

/** Replace the contents of "Kiểm tra" with the findings (one write per attribute). */
function writeCheckSheet(
  master: Spreadsheet,
  findings: Finding[],
  targetOf: (f: Finding) => Target | undefined,
  display: Map<string, string>,
  remarks: Finding[] = [],
): void {
  let sheet = master.getSheetByName(SHEETS.check);
  if (!sheet) sheet = master.insertSheet(SHEETS.check);
  else sheet.clear();
  const header = CHECK.header;
  const cols = header.length;
  const ids = new Map<Target, number>();
  const location = (f: Finding): { text: string; link: string | null } => {
    const t = targetOf(f);
    const name = t?.name ?? f.sheet ?? '';
    if (!f.cell) return { text: name, link: null };
    const text = name ? `${name}!${f.cell}` : f.cell;
    if (!t) return { text, link: null };
    let id = ids.get(t);
    if (id === undefined) {
      id = t.sheet.getSheetId();
      ids.set(t, id);
    }
    return { text, link: cellLink(id, f.cell, t.book.external ? t.book.url : undefined) };
  };
  const rows: (string | number)[][] = [header.slice()];
  const links: (string | null)[] = [null];
  const fills: (string | null)[][] = [Array(cols).fill('#D9E2F3')];
  const formats: string[][] = [Array(cols).fill(TEXT)];
  if (!findings.length) {
    rows.push([CHECK.none, '', '', '', '']);
    links.push(null);
    fills.push(Array(cols).fill(null));
    formats.push(Array(cols).fill(TEXT));
  }
  for (const f of remarks.length ? [...findings, ...remarks] : findings) {
    const loc = location(f);
    const unit = (f.unitCode && display.get(f.unitCode)) || f.unitName || f.unitCode || '';
    const kind = f.code === 'remark' ? CHECK.remarkKind : (CHECK.severity[f.severity] ?? f.severity);
    rows.push([kind, unit, f.month ?? '', loc.text, f.message]);
    links.push(loc.link);
    const fill = f.severity === 'error' ? MARK.error : f.severity === 'warning' ? MARK.warning : null;
    fills.push([fill, null, null, null, null]);
    formats.push([TEXT, TEXT, GENERAL, TEXT, TEXT]);
  }
  const range = sheet.getRange(1, 1, rows.length, cols);
  range.setNumberFormats(formats);
  range.setValues(rows);
  range.setBackgrounds(fills);
  sheet.getRange(1, 1, 1, cols).setFontWeight('bold');
  const locRange = sheet.getRange(1, 4, rows.length, 1);
  if (links.some(Boolean) && richTextSupported(locRange)) {
    const rich = rows.map((r, i) => {
      const b = SpreadsheetApp.newRichTextValue().setText(String(r[3]));
      const link = links[i];
      return [(link ? b.setLinkUrl(link) : b).build()];
    });
    locRange.setRichTextValues(rich);
  }
  sheet.setFrozenRows(1);
  sheet.setColumnWidths(1, 3, widthPx(10));
  sheet.setColumnWidth(2, widthPx(20));
  sheet.setColumnWidth(4, widthPx(24));
  sheet.setColumnWidth(5, widthPx(100));
}

/**
 * Clear marks of an earlier check in the report's value area and mark the new findings:
 * one read and one write of notes and of backgrounds for the area, single calls only for
 * findings outside it.
 */
function markCells(sheet: Sheet, report: UnitYear | undefined, findings: Finding[]): void {
  const cells = [...(report?.submittedCells ?? []), ...Object.values(report?.cells ?? {}).flat()]
    .map(parseCell)
    .filter((c): c is { row: number; col: number } => c !== null);
  if (!cells.length && !findings.length) return;
  const inArea = (p: { row: number; col: number }, a: { r1: number; c1: number; r2: number; c2: number }) =>
    p.row >= a.r1 && p.row <= a.r2 && p.col >= a.c1 && p.col <= a.c2;
  const outside: Finding[] = [];
  if (cells.length) {
    const area = {
      r1: Math.min(...cells.map((c) => c.row)),
      r2: Math.max(...cells.map((c) => c.row)),
      c1: Math.min(...cells.map((c) => c.col)),
      c2: Math.max(...cells.map((c) => c.col)),
    };
    const range = sheet.getRange(area.r1, area.c1, area.r2 - area.r1 + 1, area.c2 - area.c1 + 1);
    const notes = range.getNotes();
    const backgrounds = range.getBackgrounds() as (string | null)[][];
    let changed = false;
    for (let r = 0; r < notes.length; r++) {
      for (let c = 0; c < notes[r].length; c++) {
        if (notes[r][c].startsWith(CHECK.notePrefix)) {
          notes[r][c] = '';
          changed = true;
        }
        const bg = (backgrounds[r][c] ?? '').toLowerCase();
        if (bg === MARK.error || bg === MARK.warning) {
          backgrounds[r][c] = null;
          changed = true;
        }
      }
    }
    for (const f of findings) {
      const p = parseCell(f.cell);
      if (!p) continue;
      if (!inArea(p, area)) {
        outside.push(f);
        continue;
      }
      const r = p.row - area.r1;
      const c = p.col - area.c1;
      const line = CHECK.notePrefix + f.message;
      notes[r][c] = notes[r][c] ? `${notes[r][c]}\n${line}` : line;
      const color = f.severity === 'error' ? MARK.error : MARK.warning;
      if (backgrounds[r][c] !== MARK.error) backgrounds[r][c] = color;
      changed = true;
    }
    if (changed) writeMarks(sheet, area, notes, backgrounds);
  } else outside.push(...findings);
  for (const f of outside) {
    const p = parseCell(f.cell);
    if (!p) continue;
    const cell = sheet.getRange(p.row, p.col);
    try {
      cell.setNote(CHECK.notePrefix + f.message);
      cell.setBackground(f.severity === 'error' ? MARK.error : MARK.warning);
    } catch {
      // A cell the user may not edit (a code or label, locked for the admins): listed in "Kiểm tra" only.
    }
  }
}

/**
 * The area's notes and backgrounds in one write each. Sheets refuses a write touching any cell the
 * user running the script may not edit (a month submitted and locked by someone else, whose lock
 * lists only the admins): then the columns no such lock crosses are written, so the clerk's own
 * months are still marked and cleared.
 */
function writeMarks(
  sheet: Sheet,
  area: { r1: number; c1: number; r2: number; c2: number },
  notes: string[][],
  backgrounds: (string | null)[][],
): void {
  const rows = area.r2 - area.r1 + 1;
  try {
    const range = sheet.getRange(area.r1, area.c1, rows, area.c2 - area.c1 + 1);
    range.setNotes(notes);
    range.setBackgrounds(backgrounds);
    return;
  } catch {
    // Below: around the locks.
  }
  const closed = lockedColumns(sheet, area);
  if (!closed) return;
  for (let c = area.c1; c <= area.c2; ) {
    if (closed.has(c)) {
      c++;
      continue;
    }
    let end = c;
    while (end + 1 <= area.c2 && !closed.has(end + 1)) end++;
    const cut = <T>(grid: T[][]) => grid.map((line) => line.slice(c - area.c1, end - area.c1 + 1));
    const range = sheet.getRange(area.r1, c, rows, end - c + 1);
    range.setNotes(cut(notes));
    range.setBackgrounds(cut(backgrounds));
    c = end + 1;
  }
}

/**
 * The area's columns crossed by a protection the user running the script may not edit, or null when
 * the whole sheet is closed to them (another unit's tab).
 */
function lockedColumns(sheet: Sheet, area: { r1: number; c1: number; r2: number; c2: number }): Set<number> | null {
  if (sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).some((p) => !p.canEdit())) return null;
  const closed = new Set<number>();
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (p.canEdit()) continue;
    const r = p.getRange();
    if (r.getRow() > area.r2 || r.getLastRow() < area.r1) continue;
    for (let c = Math.max(r.getColumn(), area.c1); c <= Math.min(r.getLastColumn(), area.c2); c++) closed.add(c);
  }
  return closed;
}
