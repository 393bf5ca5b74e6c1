/**
 * The .xlsx attached to the monthly e-mail: the period's summary sheets only.
 *
 * Google's export endpoint ignores `gid` for format=xlsx and exports EVERY sheet of the
 * spreadsheet ("Cài đặt" with the admins' and recipients' addresses, "Đơn vị" with every
 * commune's staff addresses, "Nhật ký", the communes' tabs, hidden sheets). So the summary
 * sheets are copied into a temporary spreadsheet, that one is exported, and it is moved to
 * the trash whatever happens (Drive API files.update, scope drive.file: a file this script
 * created).
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
 * The sheets `sheetIds` of spreadsheet `spreadsheetId` (those still there, in that order, under
 * their names), values and formats, as an .xlsx blob named `name`. Throws when none is left or
 * the export fails. `onTrashFailed` hears of a temporary copy that could not be trashed (the
 * blob, if made, is still returned).
 */
export function summaryXlsx(
  spreadsheetId: string,
  sheetIds: number[],
  name: string,
  onTrashFailed: (e: unknown) => void,
): GoogleAppsScript.Base.Blob {
  const master = SpreadsheetApp.openById(spreadsheetId);
  const sources = sheetIds.map((id) => master.getSheetById(id)).filter((s): s is Sheet => s !== null);
  if (!sources.length) throw new Error(T.noSummarySheet(sheetIds));
  const auth = { Authorization: `Bearer ${ScriptApp.getOAuthToken()}` };
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
    const res = UrlFetchApp.fetch(EXPORT_URL(tempId), { headers: auth, muteHttpExceptions: true });
    const code = res.getResponseCode();
    if (code !== 200) throw new Error(`HTTP ${code}`);
    return res.getBlob().setName(name);
  } finally {
    try {
      trash(tempId, auth);
    } catch (e) {
      onTrashFailed(e);
    }
  }
}
