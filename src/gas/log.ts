/** The "Nhật ký" sheet: who ran what, when, for which period, with what result. */
import { LOG, SHEETS } from '../messages/vi/gas';
import { now } from './clock';
import { TEXT } from './render';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

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
 * Append one row to "Nhật ký" (created with its header when missing). Text columns are
 * formatted "@" first, so a period such as "2018-09" is never turned into a date.
 * With `atomic` (used without the document lock) the row is added with one appendRow.
 * Never throws: a failing log must not hide the action's own result.
 */
export function writeLog(ss: Spreadsheet, entry: LogEntry, opts: { atomic?: boolean } = {}): void {
  try {
    let sheet = ss.getSheetByName(SHEETS.log);
    let row: number;
    if (opts.atomic && sheet) {
      // Without the document lock (a refused run): appendRow is atomic, so this line cannot
      // land on the row the lock holder is writing. A leading apostrophe keeps text as text.
      const text = (v: string) => `'${v}`;
      sheet.appendRow([
        entry.at ?? now(),
        text(currentUser()),
        text(entry.action),
        text(entry.period ?? ''),
        text(entry.result.slice(0, 5000)),
      ]);
      return;
    }
    if (!sheet) {
      sheet = ss.insertSheet(SHEETS.log);
      const header = sheet.getRange(1, 1, 1, LOG.header.length);
      header.setNumberFormat(TEXT);
      header.setValues([LOG.header.slice()]);
      header.setFontWeight('bold');
      sheet.setFrozenRows(1);
      row = 2;
    } else {
      row = Math.max(sheet.getLastRow(), 1) + 1;
    }
    const range = sheet.getRange(row, 1, 1, LOG.header.length);
    range.setNumberFormats([['dd/mm/yyyy hh:mm:ss', TEXT, TEXT, TEXT, TEXT]]);
    range.setValues([
      [entry.at ?? now(), currentUser(), entry.action, entry.period ?? '', entry.result.slice(0, 5000)],
    ]);
  } catch {
    // logging is best effort
  }
}
