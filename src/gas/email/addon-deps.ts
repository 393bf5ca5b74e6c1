/**
 * The add-on's implementation of the e-mail feature's dependencies: settings from the
 * "Cài đặt" sheet, "Tổng hợp" from src/gas/aggregate.ts, who has submitted (read as "Tổng hợp"
 * reads: the Sheets API in a few calls, within a time budget), and the "Nhật ký" log sheet.
 */
import { submissionCompleteness } from '../../engine/aggregate/aggregate';
import type { Result } from '../../engine/catalogue/schema';
import { formatPeriod, periodLabel } from '../../engine/periods/period';
import { prepareRead, readWorkbook } from '../../engine/sheet/read';
import { aggregatingLevel } from '../../engine/text/level';
import type { Grid, Period, Settings, UnitYear } from '../../engine/types';
import { EMAIL_TEXT } from '../../messages/vi/email';
import { COMMON, CONFIG, LOG, SETTING_LABELS, SHEETS } from '../../messages/vi/gas';
import { aggregatePeriod } from '../aggregate';
import { now } from '../clock';
import { type Config, readConfig } from '../config';
import { withHolidays } from '../config/holidays';
import { readSettingsGrid } from '../config/settings';
import { ConfigError } from '../errors';
import { SheetIndex, toWorkbooks, withFormerUnits } from '../io/find-units';
import { type ApiReadOptions, readUnitBooksDetailed } from '../io/parallel-books';
import { withDocumentLock } from '../lock';
import { writeLog } from '../log';
import type { EmailDeps, ReportBundle, SubmissionStatus } from './deps';
import { readSheetSettings } from './settings-store';
import { noUnitSheetOfYear } from './year-sheets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function master(): Spreadsheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error(COMMON.noMaster);
  return ss;
}

/**
 * The configuration as the e-mail jobs need it. A wrong staff address of a unit in "Đơn vị" is no
 * error here (`unitEmailProblems`, the address left out): one clerk's typo must neither stop the
 * reminders to every other unit nor hold back the monthly report, which does not use it.
 */
function config() {
  const r = readConfig(master(), { unitEmailsApart: true });
  // Typed, so that the report job tells the admins which cell to fix instead of retrying a "send".
  if (!r.ok) throw new ConfigError(r.errors);
  return r.config;
}

/**
 * Reading who has submitted stops this long after it starts: the rest of the run (4.5 minutes,
 * src/gas/clock.ts) is for sending the reminders.
 */
export const SUBMISSIONS_READ_BUDGET_MS = 3 * 60 * 1000;

function submissions(period: Period): SubmissionStatus {
  return submissionsOf(master(), config(), period);
}

/**
 * Who has submitted `period`: every unit read as "Tổng hợp" reads it (the Sheets API in a few
 * calls, the SpreadsheetApp way when it cannot be used), within SUBMISSIONS_READ_BUDGET_MS.
 * Units not reached by then are in `unread` and left out of the completeness: nothing is known
 * of them, so they are neither reminded nor counted as missing. `api`: the reader's settings (tests).
 */
export function submissionsOf(
  ss: Spreadsheet,
  cfg: Config,
  period: Period,
  api: ApiReadOptions = {},
): SubmissionStatus {
  const { units, catalogue, settings } = cfg;
  const formerUnits = cfg.formerUnits ?? [];
  const index = new SheetIndex(ss);
  // Old communes of a merger are read too, as "Tổng hợp" reads them (their tabs, or their own files).
  const reading = withFormerUnits(index, units, [period.year], formerUnits);
  const read = readUnitBooksDetailed(ss, reading, [period.year], {
    read: true,
    timeZone: settings.timeZone,
    index,
    withTabs: true,
    budgetMs: SUBMISSIONS_READ_BUDGET_MS,
    api,
  });
  const ctx = { catalogue, units: reading, year: period.year, level: aggregatingLevel(settings) };
  const prepared = prepareRead(ctx);
  const reports: UnitYear[] = [];
  for (const wb of toWorkbooks(read.books)) reports.push(...readWorkbook(wb, ctx, prepared).reports);
  // An old commune not read leaves its successor unknown too.
  const unread = new Set(read.pending);
  for (const u of units) if (u.succession?.predecessors.some((p) => unread.has(p))) unread.add(u.code);
  const known = unread.size ? units.filter((u) => !unread.has(u.code)) : units;
  const sheetUrls: Record<string, string> = {};
  const base = ss.getUrl().replace(/[#?].*$/, '');
  for (const b of read.books) {
    if (b.external && b.url) sheetUrls[b.unit.code] = b.url;
    else {
      const sheet = b.sheets.get(period.year);
      sheetUrls[b.unit.code] = sheet ? `${base}#gid=${sheet.getSheetId()}` : base;
    }
  }
  // Units whose spreadsheet could not be opened say nothing either way; at least one must be known.
  const opened = read.books.filter((b) => !b.error);
  const noYearSheet = opened.length > 0 && opened.every((b) => !b.names.has(period.year));
  return {
    units,
    // As "Tổng hợp" shows it: old codes mapped onto the current units, dates after today not counted.
    completeness: submissionCompleteness({
      catalogue,
      units: known,
      settings,
      period,
      reports,
      generatedAt: now().toISOString(),
      ...(formerUnits.length ? { formerUnits } : {}),
    }),
    sheetUrls,
    unread: units.filter((u) => unread.has(u.code)).map((u) => u.code),
    noYearSheet,
    admins: cfg.options.admins,
    badEmails: cfg.unitEmailProblems ?? [],
    ...(read.logNotes?.length ? { logNotes: read.logNotes } : {}),
  };
}

/** "Tổng hợp" for the period, under the document lock like the menu item; logged in "Nhật ký". */
function aggregate(period: Period): ReportBundle {
  const ss = master();
  const cfg = config();
  // Reading beyond one run: the job continues itself (job.ts), so no "Tổng hợp" trigger of its own.
  const result = withDocumentLock(() => aggregatePeriod(ss, cfg, period, undefined, { resumeHandler: null }));
  const noYearSheet = noUnitSheetOfYear(result.summary);
  const badEmails = (cfg.unitEmailProblems ?? []).map((p) => p.message);
  const note =
    (noYearSheet ? ` ${EMAIL_TEXT.noYearSheets(period.year, periodLabel(period))}` : '') +
    (badEmails.length ? ` ${EMAIL_TEXT.unitEmailsIgnored(badEmails)}` : '');
  writeLog(ss, { action: LOG.actions.aggregate, period: formatPeriod(period), result: result.message + note });
  const sheet = ss.getSheetByName(result.sheetName);
  const sheetId = sheet ? sheet.getSheetId() : null;
  // What the e-mail attaches: the sheets this run wrote ("Tổng hợp", "Theo đơn vị", "Kiểm tra" of the
  // period and the aggregate in the commune layout), as the CLI's attachment.
  const sheetIds = result.sheets.flatMap((name) => {
    const s = name === result.sheetName ? sheet : ss.getSheetByName(name);
    return s ? [s.getSheetId()] : [];
  });
  const base = ss.getUrl().replace(/[#?].*$/, '');
  return {
    summary: result.summary,
    catalogue: cfg.catalogue,
    spreadsheetId: ss.getId(),
    sheetId,
    sheetIds,
    sheetUrl: sheetId === null ? base : `${base}#gid=${sheetId}`,
    noYearSheet,
  };
}

function loadSettings(): Result<Settings> {
  const read = readSheetSettings();
  if (!read) return { ok: false, errors: [CONFIG.missingSheet(SHEETS.settings)] };
  return withHolidays(SpreadsheetApp.getActiveSpreadsheet(), read.parsed); // reminders' deadline skips Tết
}

/**
 * The settings for the reminders: a wrong address among the report's recipients ("Cài đặt") is
 * ignored (the reminders do not write to them); any other mistake stops them, as loadSettings.
 */
function reminderSettings(): Result<Settings> {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss ? ss.getSheetByName(SHEETS.settings) : null;
  if (!sheet) return { ok: false, errors: [CONFIG.missingSheet(SHEETS.settings)] };
  const errors: string[] = [];
  const at = (sheetName: string, cell: string, column: string, problem: string) =>
    errors.push(`${CONFIG.where(sheetName, cell)} (${column}): ${problem}`);
  const log = { errors, at };
  // E-mail-only rows: the recipients' mistakes are dropped (the wrong addresses left out), the others stop.
  const recipientsLabel = SETTING_LABELS.recipients;
  const beside = {
    errors,
    at: (sheetName: string, cell: string, column: string, problem: string) => {
      if (column !== recipientsLabel) at(sheetName, cell, column, problem);
    },
  };
  const read = readSettingsGrid(sheet.getDataRange().getValues() as Grid, log, beside);
  if (!read.settings || errors.length) return { ok: false, errors: errors.length ? errors : [CONFIG.unreadable] };
  return withHolidays(ss, { ok: true, value: read.settings });
}

function log(action: string, ok: boolean, detail: string): void {
  try {
    writeLog(master(), { action, result: ok ? detail : LOG.failed(detail) });
  } catch {
    // best effort
  }
}

function admins(): string[] {
  try {
    const r = readConfig(master(), { unitEmailsApart: true });
    return r.ok ? r.config.options.admins : [];
  } catch {
    return [];
  }
}

/**
 * Each dependency on its own, so that a handler's code file carries only what it calls
 * (the menu's on/off never loads "Tổng hợp"); deps.ts picks them one by one.
 */
export {
  admins as addonAdmins,
  aggregate as addonAggregate,
  loadSettings as addonLoadSettings,
  log as addonLog,
  reminderSettings as addonReminderSettings,
  submissions as addonSubmissions,
};

export const addonDeps: EmailDeps = { loadSettings, reminderSettings, aggregate, submissions, log, admins };
