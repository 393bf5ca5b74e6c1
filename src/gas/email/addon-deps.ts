/**
 * The add-on's implementation of the e-mail feature's dependencies: settings from the
 * "Cài đặt" sheet, "Tổng hợp" from src/gas/aggregate.ts, who has submitted (read with the
 * add-on's unit reader, one getValues per unit), and the "Nhật ký" log sheet.
 */
import { completeness } from '../../engine/aggregate/completeness';
import type { Result } from '../../engine/catalogue/schema';
import { formatPeriod } from '../../engine/periods/period';
import { readWorkbook } from '../../engine/sheet/read';
import type { Period, Settings, UnitYear } from '../../engine/types';
import { COMMON, CONFIG, LOG, SHEETS } from '../../messages/vi/gas';
import { aggregatePeriod } from '../aggregate';
import { findUnitBooks, toWorkbooks } from '../io';
import { withDocumentLock } from '../lock';
import { writeLog } from '../log';
import { readConfig, withHolidays } from '../setup';
import type { EmailDeps, ReportBundle, SubmissionStatus } from './deps';
import { readSheetSettings } from './settings-store';

function master(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error(COMMON.noMaster);
  return ss;
}

function config() {
  const r = readConfig(master());
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.config;
}

function submissions(period: Period): SubmissionStatus {
  const ss = master();
  const { units, catalogue, settings } = config();
  const books = findUnitBooks(ss, units, [period.year], { read: true, timeZone: settings.timeZone });
  const reports: UnitYear[] = [];
  for (const wb of toWorkbooks(books)) {
    reports.push(...readWorkbook(wb, { catalogue, units, year: period.year }).reports);
  }
  const sheetUrls: Record<string, string> = {};
  const base = ss.getUrl().replace(/[#?].*$/, '');
  for (const b of books) {
    if (b.external && b.url) sheetUrls[b.unit.code] = b.url;
    else {
      const sheet = b.sheets.get(period.year);
      sheetUrls[b.unit.code] = sheet ? `${base}#gid=${sheet.getSheetId()}` : base;
    }
  }
  return { units, completeness: completeness(reports, units, period, settings), sheetUrls };
}

/** "Tổng hợp" for the period, under the document lock like the menu item; logged in "Nhật ký". */
function aggregate(period: Period): ReportBundle {
  const ss = master();
  const cfg = config();
  // Reading beyond one run: the job continues itself (job.ts), so no "Tổng hợp" trigger of its own.
  const result = withDocumentLock(() => aggregatePeriod(ss, cfg, period, undefined, { resumeHandler: null }));
  writeLog(ss, { action: LOG.actions.aggregate, period: formatPeriod(period), result: result.message });
  const sheet = ss.getSheetByName(result.sheetName);
  const sheetId = sheet ? sheet.getSheetId() : null;
  const base = ss.getUrl().replace(/[#?].*$/, '');
  return {
    summary: result.summary,
    catalogue: cfg.catalogue,
    spreadsheetId: ss.getId(),
    sheetId,
    sheetUrl: sheetId === null ? base : `${base}#gid=${sheetId}`,
  };
}

function loadSettings(): Result<Settings> {
  const read = readSheetSettings();
  if (!read) return { ok: false, errors: [CONFIG.missingSheet(SHEETS.settings)] };
  return withHolidays(SpreadsheetApp.getActiveSpreadsheet(), read.parsed); // reminders' deadline skips Tết
}

function log(action: string, ok: boolean, detail: string): void {
  try {
    writeLog(master(), { action, result: ok ? detail : LOG.failed(detail) });
  } catch {
    // best effort
  }
}

/**
 * Each dependency on its own, so that a handler's code file carries only what it calls
 * (the menu's on/off never loads "Tổng hợp"); deps.ts picks them one by one.
 */
export {
  aggregate as addonAggregate,
  loadSettings as addonLoadSettings,
  log as addonLog,
  submissions as addonSubmissions,
};

export const addonDeps: EmailDeps = { loadSettings, aggregate, submissions, log };
