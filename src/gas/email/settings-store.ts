/**
 * The "Cài đặt" sheet as the sidebar sees it. There is one place settings live — the sheet
 * the add-on reads with `readSettingsGrid` (src/gas/config/settings.ts) — so the sidebar reads the
 * same cells and writes back only the cells it changed, in the sheet's own words
 * ("có"/"không", addresses separated by commas), text cells formatted "@" so nothing typed
 * becomes a formula. After writing, the sheet is read back with the add-on's reader and
 * compared, so the two can never disagree silently.
 */
import type { CellValue, Grid, Settings } from '../../engine/types';
import { CONFIG, SETTING_HELP, SETTING_LABELS, SHEETS, WORDS } from '../../messages/vi/gas';
import { yesNo } from '../config/cells';
import { readSettingsGrid } from '../config/settings';
import { settingsDefaults } from '../config-defaults';
import { cellNumber, cellText, emailList, normalizeName } from '../util';
import { BOOL_FIELDS, INT_FIELDS, TEXT_FIELDS } from './settings-form';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The Settings fields the sidebar edits (everything but the time zone). */
export const EDITED_FIELDS = [...TEXT_FIELDS, 'recipients', ...INT_FIELDS, ...BOOL_FIELDS] as const;
export type EditedField = (typeof EDITED_FIELDS)[number];

export interface SheetSettings {
  /** Values as the sidebar shows them (numbers may be NaN, texts as typed). */
  values: Partial<Record<keyof Settings, unknown>>;
  /** The add-on's reading: settings when valid, else its Vietnamese errors (with cells). */
  parsed: { ok: true; value: Settings } | { ok: false; errors: string[] };
}

function settingsSheet(): Sheet | null {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return ss ? ss.getSheetByName(SHEETS.settings) : null;
}

function rowsByKey(grid: Grid): Partial<Record<string, number>> {
  const byLabel = new Map<string, string>();
  for (const [k, label] of Object.entries(SETTING_LABELS)) byLabel.set(normalizeName(label), k);
  const out: Partial<Record<string, number>> = {};
  grid.forEach((row, r) => {
    const key = byLabel.get(normalizeName(cellText(row[0])));
    if (key && out[key] === undefined) out[key] = r + 1;
  });
  return out;
}

function parse(grid: Grid): SheetSettings['parsed'] {
  const errors: string[] = [];
  const log = {
    errors,
    at: (sheet: string, cell: string, column: string, problem: string) =>
      errors.push(CONFIG.cellProblem(sheet, cell, column, problem)),
  };
  const r = readSettingsGrid(grid, log);
  if (r.settings && !errors.length) return { ok: true, value: r.settings };
  return { ok: false, errors: errors.length ? errors : [CONFIG.settingsUnread] };
}

/**
 * The settings as the monthly report reads them when the strict reading fails: a wrong address
 * among the report's recipients (the only mistake) is left out and named in `leftOut` (sheet,
 * cell, address), so that one typo does not keep the report from everyone else. Any other mistake,
 * or no sheet, gives null (the strict reading's errors stand).
 */
export function readReportSettings(): { settings: Settings; leftOut: string[] } | null {
  const sheet = settingsSheet();
  if (!sheet) return null;
  const grid = sheet.getDataRange().getValues() as Grid;
  const at = (list: string[]) => (sheetName: string, cell: string, column: string, problem: string) =>
    list.push(CONFIG.cellProblem(sheetName, cell, column, problem));
  const errors: string[] = [];
  const emailErrors: string[] = [];
  const otherEmailRows: string[] = [];
  const email = {
    errors: emailErrors,
    at: (sheetName: string, cell: string, column: string, problem: string) => {
      if (column !== SETTING_LABELS.recipients) otherEmailRows.push(column);
      at(emailErrors)(sheetName, cell, column, problem);
    },
  };
  const r = readSettingsGrid(grid, { errors, at: at(errors) }, email);
  if (!r.settings || errors.length || otherEmailRows.length || !emailErrors.length) return null;
  return { settings: r.settings, leftOut: emailErrors };
}

/** Read the settings sheet: one getValues. Null when the sheet does not exist yet. */
export function readSheetSettings(): SheetSettings | null {
  const sheet = settingsSheet();
  if (!sheet) return null;
  const grid = sheet.getDataRange().getValues() as Grid;
  const rows = rowsByKey(grid);
  const defaults = settingsDefaults();
  const values: SheetSettings['values'] = {};
  for (const key of [...EDITED_FIELDS, 'timeZone'] as (keyof typeof defaults)[]) {
    const row = rows[key];
    if (row === undefined) {
      values[key] = defaults[key];
      continue;
    }
    const v = grid[row - 1][1];
    if ((INT_FIELDS as readonly string[]).includes(key)) values[key] = cellText(v) === '' ? '' : cellNumber(v);
    else if ((BOOL_FIELDS as readonly string[]).includes(key)) values[key] = yesNo(v) ?? false;
    else if (key === 'recipients') values[key] = emailList(v);
    else values[key] = cellText(v);
  }
  return { values, parsed: parse(grid) };
}

function sheetValue(key: EditedField, s: Settings): { value: string | number; text: boolean } {
  if (key === 'recipients') return { value: s.recipients.join(', '), text: true };
  if ((BOOL_FIELDS as readonly string[]).includes(key))
    return { value: s[key as 'reminders'] ? WORDS.yes[0] : WORDS.no[0], text: true };
  if ((INT_FIELDS as readonly string[]).includes(key)) return { value: s[key as 'sendDay'], text: false };
  return { value: String(s[key as 'level']), text: true };
}

function same(a: CellValue, b: string | number): boolean {
  if (typeof b === 'number') return cellNumber(a) === b;
  return cellText(a) === b;
}

export type WriteResult = { ok: true; settings: Settings; changed: string[] } | { ok: false; errors: string[] };

/**
 * Write validated settings into the sheet, only the cells that change (a missing row is
 * added at the end), then read the sheet back as the add-on does.
 */
export function writeSheetSettings(settings: Settings): WriteResult {
  const sheet = settingsSheet();
  if (!sheet) return { ok: false, errors: [] };
  const grid = sheet.getDataRange().getValues() as Grid;
  const rows = rowsByKey(grid);
  let next = grid.length + 1;
  const changed: string[] = [];
  for (const key of EDITED_FIELDS) {
    const { value, text } = sheetValue(key, settings);
    const row = rows[key];
    if (row !== undefined && same(grid[row - 1][1], value)) continue;
    if (row === undefined) {
      const r = next++;
      const range = sheet.getRange(r, 1, 1, 3);
      range.setNumberFormat('@');
      range.setValues([[SETTING_LABELS[key], text ? value : String(value), SETTING_HELP[key]]]);
      if (!text) sheet.getRange(r, 2).setNumberFormat('0').setValue(value);
    } else {
      sheet
        .getRange(row, 2)
        .setNumberFormat(text ? '@' : '0')
        .setValue(value);
    }
    changed.push(key);
  }
  const back = sheet.getDataRange().getValues() as Grid;
  const parsed = parse(back);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const disagree = EDITED_FIELDS.filter(
    (k) => JSON.stringify(parsed.value[k as keyof Settings]) !== JSON.stringify(settings[k as keyof Settings]),
  );
  if (disagree.length) return { ok: false, errors: disagree.map((k) => CONFIG.notWritten(SETTING_LABELS[k])) };
  return { ok: true, settings: parsed.value, changed };
}
