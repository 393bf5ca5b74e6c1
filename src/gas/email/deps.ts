/**
 * What the e-mail feature needs from the rest of the add-on, behind one seam so that the
 * job's own logic (exactly once, quota, retry, resume) can be tested with stubs as well as
 * end to end through the fake.
 */
import type { Result } from '../../engine/catalogue/schema';
import type { Catalogue, Completeness, Period, Settings, Summary, Unit } from '../../engine/types';
import { addonDeps } from './addon-deps';

export interface ReportBundle {
  summary: Summary;
  catalogue: Catalogue;
  /** The spreadsheet holding the summary sheet (the master). */
  spreadsheetId: string;
  /** `gid` of the summary sheet, for the .xlsx export; null exports the whole spreadsheet. */
  sheetId: number | null;
  /** Link to the summary sheet, shown in the e-mail. */
  sheetUrl?: string;
}

export interface SubmissionStatus {
  units: Unit[];
  completeness: Completeness;
  /** Link to each unit's report sheet (its own spreadsheet, or its tab of the master), by unit code. */
  sheetUrls: Record<string, string>;
}

export interface EmailDeps {
  loadSettings(): Result<Settings>;
  /** Run "Tổng hợp" for the period (writes the summary sheet) and return what to send. */
  aggregate(period: Period): ReportBundle;
  /** Who has submitted the period (no summary is written). */
  submissions(period: Period): SubmissionStatus;
  /** A line in the add-on's log sheet ("Nhật ký"); must not throw. */
  log(action: string, ok: boolean, detail: string): void;
}

let current: EmailDeps | null = null;

export function deps(): EmailDeps {
  return current ?? addonDeps;
}

/** Tests: replace some dependencies (the rest stay the add-on's); `null` restores them all. */
export function setEmailDeps(override: Partial<EmailDeps> | null): void {
  current = override === null ? null : { ...addonDeps, ...override };
}
