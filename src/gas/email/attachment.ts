/**
 * The .xlsx attached to the monthly e-mail: the period's summary sheets only.
 *
 * Google's export endpoint ignores `gid` for format=xlsx and exports EVERY sheet of the
 * spreadsheet ("Cài đặt" with the admins' and recipients' addresses, "Đơn vị" with every
 * commune's staff addresses, "Nhật ký", the communes' tabs, hidden sheets). So the summary
 * sheets are copied into a temporary spreadsheet (a snapshot), that one is exported, and it is
 * moved to the trash (Drive API files.update, scope drive.file: a file this script created). The
 * monthly job keeps its snapshot until the report is sent (job.ts StoredMessage.snapshotId), so
 * that a send resumed later attaches what the first one did.
 */

import { EMAIL_TEXT as T } from '../../messages/vi/email';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const EXPORT_URL = (id: string) =>
  `https://docs.google.com/spreadsheets/d/${encodeURIComponent(id)}/export?format=xlsx`;
const DRIVE_FILE_URL = (id: string) => `https://www.googleapis.com/drive/v3/files/${encodeURIComponent(id)}`;

/** A formula that reads another sheet or another file: after the copy it would show #REF!. */
export function readsElsewhere(formula: string): boolean {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return code.includes('!') || /\b(?:INDIRECT|IMPORTRANGE|IMPORTDATA|IMPORTXML|IMPORTHTML|IMPORTFEED)\s*\(/i.test(code);
}

/**
 * In `copy`, formulas that read other sheets become the values they have in `source` (same
 * size: a copy). Other cells are written back as they are: text with a leading apostrophe, so
 * that "2018-09" or "1.000" stays text (except in plain-text '@' cells, which keep it verbatim).
 * A few service calls per sheet, none per cell.
 */
function freezeForeignFormulas(source: Sheet, copy: Sheet): void {
  const range = copy.getDataRange();
  const formulas = range.getFormulas();
  if (!formulas.some((row) => row.some((f) => f !== '' && readsElsewhere(f)))) return;
  const values = source.getRange(1, 1, range.getNumRows(), range.getNumColumns()).getValues();
  const formats = range.getNumberFormats();
  const out = formulas.map((row, i) =>
    row.map((f, j) => {
      if (f !== '' && !readsElsewhere(f)) return f;
      const v = values[i][j];
      return typeof v === 'string' && v !== '' && formats[i][j] !== '@' ? `'${v}` : v;
    }),
  );
  range.setValues(out);
}

function trash(id: string, auth: Record<string, string>): void {
  const res = UrlFetchApp.fetch(DRIVE_FILE_URL(id), {
    method: 'patch',
    contentType: 'application/json',
    payload: JSON.stringify({ trashed: true }),
    headers: auth,
    muteHttpExceptions: true,
  });
  const code = res.getResponseCode();
  if (code !== 200) throw new Error(`HTTP ${code}`);
}

/**
 * A new spreadsheet holding a copy of the sheets `sheetIds` of spreadsheet `spreadsheetId` (those
 * still there, in that order, under their names; formulas reading other sheets frozen to their
 * values): what the e-mail attaches, as it is now. Returns its id; the caller trashes it
 * (trashSpreadsheet). Throws when no sheet is left (the copy, if made, is trashed).
 */
export function snapshotSheets(spreadsheetId: string, sheetIds: number[], name: string): string {
  const master = SpreadsheetApp.openById(spreadsheetId);
  const sources = sheetIds.map((id) => master.getSheetById(id)).filter((s): s is Sheet => s !== null);
  if (!sources.length) throw new Error(T.noSummarySheet(sheetIds));
  // The name says what it is, should it stay in the Drive (the trash failed).
  const temp = SpreadsheetApp.create(T.tempSpreadsheetName(name));
  const tempId = temp.getId();
  try {
    const blank = temp.getSheets()[0];
    for (const source of sources) {
      const copy = source.copyTo(temp);
      copy.setName(source.getName());
      freezeForeignFormulas(source, copy);
    }
    temp.deleteSheet(blank);
    SpreadsheetApp.flush();
    return tempId;
  } catch (e) {
    try {
      trashSpreadsheet(tempId);
    } catch {
      // the copy's name says it may be deleted
    }
    throw e;
  }
}

/** Spreadsheet `id` (a snapshot: every sheet of it is exported) as an .xlsx blob named `name`. */
export function xlsxOf(id: string, name: string): GoogleAppsScript.Base.Blob {
  const auth = { Authorization: `Bearer ${ScriptApp.getOAuthToken()}` };
  const res = UrlFetchApp.fetch(EXPORT_URL(id), { headers: auth, muteHttpExceptions: true });
  const code = res.getResponseCode();
  if (code !== 200) throw new Error(`HTTP ${code}`);
  return res.getBlob().setName(name);
}

/** Move spreadsheet `id` (one this script created: scope drive.file) to the trash. */
export function trashSpreadsheet(id: string): void {
  trash(id, { Authorization: `Bearer ${ScriptApp.getOAuthToken()}` });
}

/**
 * The sheets `sheetIds` of spreadsheet `spreadsheetId` (those still there, in that order, under
 * their names), values and formats, as an .xlsx blob named `name`, through a snapshot trashed at
 * once. Throws when none is left or the export fails. `onTrashFailed` hears of a temporary copy
 * that could not be trashed (the blob, if made, is still returned).
 */
export function summaryXlsx(
  spreadsheetId: string,
  sheetIds: number[],
  name: string,
  onTrashFailed: (e: unknown) => void,
): GoogleAppsScript.Base.Blob {
  const tempId = snapshotSheets(spreadsheetId, sheetIds, name);
  try {
    return xlsxOf(tempId, name);
  } finally {
    try {
      trashSpreadsheet(tempId);
    } catch (e) {
      onTrashFailed(e);
    }
  }
}
