/**
 * What the e-mail feature needs from the rest of the add-on, behind one seam so that the
 * job's own logic (exactly once, quota, retry, resume) can be tested with stubs as well as
 * end to end through the fake.
 */
import type { Result } from '../../engine/catalogue/schema';
import type { Catalogue, Completeness, Period, Settings, Summary, Unit } from '../../engine/types';
import {
  addonAdmins,
  addonAggregate,
  addonDeps,
  addonLoadSettings,
  addonLog,
  addonReminderSettings,
  addonSubmissions,
} from './addon-deps';

export interface ReportBundle {
  summary: Summary;
  catalogue: Catalogue;
  /** The spreadsheet holding the summary sheet (the master). */
  spreadsheetId: string;
  /** `gid` of the summary sheet (the e-mail's link); null: not found. */
  sheetId: number | null;
  /** The period's summary sheets (gids), attached to the e-mail; absent: `sheetId` alone. */
  sheetIds?: number[];
  /** Link to the summary sheet, shown in the e-mail when every recipient may open it (job.ts openableBy). */
  sheetUrl?: string;
  /** No unit has a sheet of the period's year yet (year-sheets.ts): said at the top of the e-mail. */
  noYearSheet?: boolean;
}

export interface SubmissionStatus {
  units: Unit[];
  completeness: Completeness;
  /** Link to each unit's report sheet (its own spreadsheet, or its tab of the master), by unit code. */
  sheetUrls: Record<string, string>;
  /** Units not read in the time the run had (codes): not in `completeness`, not reminded today. */
  unread?: string[];
  /**
   * No unit read has a report sheet of the period's year (a new year before "Tạo mẫu"): nobody is
   * reminded to type into a sheet that does not exist (reminders.ts).
   */
  noYearSheet?: boolean;
  /** The district admins ("Cài đặt", "Quản trị viên (e-mail)"): told when the year's sheets are missing. */
  admins?: string[];
  /** Units with a wrong staff address in "Đơn vị" (left out of their `emails`), each message naming the cell. */
  badEmails?: { code: string; message: string }[];
  /** Why the read was slower (units the Sheets API failed, read the SpreadsheetApp way): for "Nhật ký" only. */
  logNotes?: string[];
}

export interface EmailDeps {
  loadSettings(): Result<Settings>;
  /** The settings as the reminders need them: a mistake in the report's recipients does not stop them. */
  reminderSettings(): Result<Settings>;
  /** Run "Tổng hợp" for the period (writes the summary sheet) and return what to send. */
  aggregate(period: Period): ReportBundle;
  /** Who has submitted the period (no summary is written). */
  submissions(period: Period): SubmissionStatus;
  /** A line in the add-on's log sheet ("Nhật ký"); must not throw. */
  log(action: string, ok: boolean, detail: string): void;
  /** The district admins ("Cài đặt", "Quản trị viên (e-mail)"); [] when they cannot be read. Must not throw. */
  admins(): string[];
}

let current: EmailDeps | null = null;

/** All of them at once, as the functions below would call them (tests wrap one of them). */
export function deps(): EmailDeps {
  return current ?? addonDeps;
}

// One function per dependency, each naming only its own add-on implementation: a handler's code
// file (scripts/build.mjs GROUPS) then carries just the dependencies it calls, e.g. the menu's
// on/off neither "Tổng hợp" nor the unit reader.
export function loadSettings(): Result<Settings> {
  return current ? current.loadSettings() : addonLoadSettings();
}

export function reminderSettings(): Result<Settings> {
  return current ? current.reminderSettings() : addonReminderSettings();
}

export function aggregate(period: Period): ReportBundle {
  return current ? current.aggregate(period) : addonAggregate(period);
}

export function submissions(period: Period): SubmissionStatus {
  return current ? current.submissions(period) : addonSubmissions(period);
}

export function log(action: string, ok: boolean, detail: string): void {
  if (current) current.log(action, ok, detail);
  else addonLog(action, ok, detail);
}

export function admins(): string[] {
  return current ? current.admins() : addonAdmins();
}

/** Tests: replace some dependencies (the rest stay the add-on's); `null` restores them all. */
export function setEmailDeps(override: Partial<EmailDeps> | null): void {
  current = override === null ? null : { ...addonDeps, ...override };
}
