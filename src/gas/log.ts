/** The "Nhật ký" sheet: who ran what, when, for which period, with what result. */
import { LOG, SHEETS } from '../messages/vi/gas';
import { now } from './clock';
import { withRetry } from './errors';
import { TEXT } from './render';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const DATE_TIME = 'dd/mm/yyyy hh:mm:ss';

export interface LogEntry {
  action: string;
  period?: string;
  result: string;
  at?: Date;
}

/** The active user's e-mail ('' when Google does not reveal it, e.g. consumer accounts across domains). */
export function currentUser(): string {
  try {
    const active = Session.getActiveUser().getEmail();
    if (active) return active;
  } catch {
    // fall through
  }
  try {
    return Session.getEffectiveUser().getEmail();
  } catch {
    return '';
  }
}

/**
 * Append one row to "Nhật ký" (created with its header when missing) with ONE appendRow:
 * atomic, so it is safe without the document lock too (a refused run), and cheap (each
 * service call counts in a run's budget). Text goes with a leading apostrophe, which keeps it
 * text (a period such as "2018-09" never becomes a date, "=…" never a formula); Sheets does
 * not store the apostrophe.
 * A passing failure of Sheets is tried again (errors.ts withRetry: a few seconds).
 * Never throws: a failing log must not hide the action's own result.
 */
export function writeLog(ss: Spreadsheet, entry: LogEntry): void {
  try {
    let sheet = ss.getSheetByName(SHEETS.log);
    if (!sheet) {
      sheet = ss.insertSheet(SHEETS.log);
      const header = sheet.getRange(1, 1, 1, LOG.header.length);
      header.setNumberFormat(TEXT);
      header.setValues([LOG.header.slice()]);
      header.setFontWeight('bold');
      sheet.setFrozenRows(1);
      sheet.getRange(2, 1, sheet.getMaxRows() - 1, 1).setNumberFormat(DATE_TIME);
    }
    const text = (v: string) => `'${v}`;
    const row = [
      entry.at ?? now(),
      text(currentUser()),
      text(entry.action),
      text(entry.period ?? ''),
      text(entry.result.slice(0, 5000)),
    ];
    const target = sheet;
    // A passing "Service Spreadsheets failed…" must not lose the line that says what went wrong.
    withRetry(() => target.appendRow(row));
  } catch {
    // logging is best effort
  }
}
