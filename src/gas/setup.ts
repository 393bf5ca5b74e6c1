/**
 * "Thiết lập": makes the master spreadsheet Vietnamese (locale, time zone) and creates the missing
 * configuration sheets ("Cài đặt", "Đơn vị", "Chỉ tiêu", "Quy tắc", "Ngày nghỉ") from the defaults in
 * sheets-templates/, never touching sheets that exist; "Đơn vị cũ" only once "Đơn vị" lists old units
 * of a merger. Then it reads them all strictly and lists every mistake. Each sheet's layout and how it
 * is read and validated (also for Kiểm tra, Tổng hợp, Tạo mẫu and the e-mail jobs) are in src/gas/config/.
 */
import { codeList } from '../engine/catalogue/config-values';
import { defaultCatalogue, defaultHolidayNames, defaultSettings, defaultUnits } from '../engine/catalogue/defaults';
import { SettingsSchema } from '../engine/catalogue/schema';
import type { SheetModel } from '../engine/report/model';
import type { CellValue, Unit } from '../engine/types';
import { SETTING_LABELS, SHEETS, UNIT_KINDS, UNITS_HEADER, WORDS } from '../messages/vi/gas';
import { readConfig } from './config';
import { indicatorsModel, rulesModel } from './config/catalogue';
import { configGrid, firsts, OPERATOR_WORDS } from './config/cells';
import { formerUnitsModel } from './config/former-units';
import { holidaysModel } from './config/holidays';
import { settingsModel } from './config/settings';
import type { ConfigResult, SettingKey } from './config/types';
import { unitsModel } from './config/units';
import { settingsDefaults } from './config-defaults';
import { userText } from './errors';
import { renderSheet } from './render';
import { cellText, headerIndex, looseTabKey, normalizeName } from './util';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Dropdown (list) validation on a column below the header; invalid entries allowed but flagged. */
function dropdown(sheet: Sheet, col: number, words: string[]): void {
  const rule = SpreadsheetApp.newDataValidation().requireValueInList(words, true).setAllowInvalid(true).build();
  sheet.getRange(2, col, Math.max(sheet.getMaxRows() - 1, 1), 1).setDataValidation(rule);
}

function decorate(name: string, sheet: Sheet): void {
  const yn = [WORDS.yes[0], WORDS.no[0]];
  if (name === SHEETS.indicators) {
    dropdown(sheet, 6, firsts(WORDS.kind));
    dropdown(sheet, 7, firsts(WORDS.overMonths));
    dropdown(sheet, 9, [WORDS.yes[0]]);
  } else if (name === SHEETS.rules) {
    dropdown(sheet, 3, OPERATOR_WORDS);
    dropdown(sheet, 5, firsts(WORDS.importance));
    dropdown(sheet, 7, firsts(WORDS.missing));
  } else if (name === SHEETS.formerUnits) {
    dropdown(sheet, 3, UNIT_KINDS);
    // A URL or code typed later stays text.
    sheet.getRange(2, 1, Math.max(sheet.getMaxRows() - 1, 1), 4).setNumberFormat('@');
  } else if (name === SHEETS.holidays) {
    // Rows added later read as dates too (a typed 01/09/2027 shows as typed).
    sheet.getRange(2, 1, Math.max(sheet.getMaxRows() - 1, 1), 1).setNumberFormat('dd/mm/yyyy');
  } else if (name === SHEETS.settings) {
    const keys = Object.keys(SETTING_LABELS) as SettingKey[];
    for (const k of ['submitWorkingDays', 'separateSpreadsheets', 'reminders'] as SettingKey[]) {
      const rule = SpreadsheetApp.newDataValidation().requireValueInList(yn, true).setAllowInvalid(false).build();
      sheet.getRange(keys.indexOf(k) + 2, 2).setDataValidation(rule);
    }
  }
}

/** The locale every spreadsheet of the add-on is given: Vietnamese numbers ("1.000", "12,5") shown and typed. */
export const SPREADSHEET_LOCALE = 'vi_VN';

/** What useVietnameseLocale did to a spreadsheet. */
export interface LocaleOutcome {
  /** The zone the spreadsheet is in now (or was to be put in). */
  timeZone: string;
  /** The locale before, when it was changed. */
  localeFrom?: string;
  /** The time zone before, when it was changed. */
  timeZoneFrom?: string;
  /** Why they could not be set (Vietnamese). */
  failed?: string;
}

/**
 * Give a spreadsheet the Vietnamese locale and `timeZone`, each only when it has another. A
 * spreadsheet keeps its creator's locale: made by an en_US account, it shows 1,089 and 137.5 and
 * reads a typed "1.000" as 1. The zone is the one dates are read in (util.readGrid): a typed date
 * must be the same day for Sheets and for the add-on. Never throws: `failed` says why.
 */
export function useVietnameseLocale(ss: Spreadsheet, timeZone: string): LocaleOutcome {
  const out: LocaleOutcome = { timeZone };
  try {
    const locale = ss.getSpreadsheetLocale();
    if (locale !== SPREADSHEET_LOCALE) {
      ss.setSpreadsheetLocale(SPREADSHEET_LOCALE);
      out.localeFrom = locale;
    }
    const zone = ss.getSpreadsheetTimeZone();
    if (zone !== timeZone) {
      ss.setSpreadsheetTimeZone(timeZone);
      out.timeZoneFrom = zone;
    }
  } catch (e) {
    out.failed = userText(e);
  }
  return out;
}

/** The zone typed in "Múi giờ" of an existing "Cài đặt" when it is a real one, else the default (Asia/Ho_Chi_Minh). */
function settingsTimeZone(ss: Spreadsheet): string {
  const fallback = settingsDefaults().timeZone;
  const sheet = ss.getSheetByName(SHEETS.settings);
  if (!sheet) return fallback;
  const label = normalizeName(SETTING_LABELS.timeZone);
  const row = configGrid(sheet).find((r) => normalizeName(cellText(r[0])) === label);
  const typed = row ? cellText(row[1]) : '';
  return typed && SettingsSchema.shape.timeZone.safeParse(typed).success ? typed : fallback;
}

export interface SetupResult {
  /** The master's locale and time zone (useVietnameseLocale). */
  locale: LocaleOutcome;
  created: string[];
  kept: string[];
  /** "Đơn vị cũ" made now: how many old units it lists, and how many of them were named from tabs. */
  formerUnits?: { codes: number; named: number };
  /** Sheets not created because another sheet has their header: [expected name, that sheet's name]. */
  renamed: [string, string][];
  config: ConfigResult;
}

/** Row 1 of a sheet model, as normalised texts. */
function modelHeader(model: SheetModel): string[] {
  return (model.rows[0] ?? []).map((c) => normalizeName(cellText((c?.v ?? '') as CellValue)));
}

/**
 * A sheet (other than those named in `skip`) whose first row starts as `header` does: a renamed
 * copy, maybe with fewer columns ("Mã | Tên | Loại"). The first two headers tell the
 * configuration sheets apart ("Mã | Tên", "Mục | Giá trị", "Mã nhóm | Tên nhóm", "Mã | Vế trái" …).
 */
function sheetWithHeader(ss: Spreadsheet, header: string[], skip: Set<string>): string | null {
  const want = header.slice(0, 2);
  if (want.filter(Boolean).length < 2) return null;
  for (const sheet of ss.getSheets()) {
    const name = sheet.getName();
    if (skip.has(name) || sheet.getLastColumn() < want.length) continue;
    const row = sheet.getRange(1, 1, 1, want.length).getValues()[0];
    if (want.every((h, i) => normalizeName(cellText(row[i])) === h)) return name;
  }
  return null;
}

/** Create the missing configuration sheets with the defaults; never overwrite existing ones. */
export function setupSheets(ss: Spreadsheet): SetupResult {
  // First: the sheets below are then written, and the configuration read, in the Vietnamese way.
  const locale = useVietnameseLocale(ss, settingsTimeZone(ss));
  const catalogue = defaultCatalogue();
  let me = '';
  try {
    me = Session.getEffectiveUser().getEmail();
  } catch {
    me = '';
  }
  let formerUnits: SetupResult['formerUnits'];
  const models: [string, () => SheetModel | null][] = [
    [
      SHEETS.settings,
      () => settingsModel(defaultSettings(), catalogue.title, { admins: me ? [me] : [], separateSpreadsheets: false }),
    ],
    [SHEETS.units, () => unitsModel(defaultUnits())],
    [SHEETS.indicators, () => indicatorsModel(catalogue)],
    [SHEETS.rules, () => rulesModel(catalogue)],
    [SHEETS.holidays, () => holidaysModel(defaultSettings().holidays ?? [], defaultHolidayNames())],
    // Made once "Đơn vị" lists old units of a merger (after "Đơn vị" above), with their codes to name.
    [
      SHEETS.formerUnits,
      () => {
        const sample = formerUnitsSample(ss);
        if (sample) formerUnits = { codes: sample.length, named: sample.filter((u) => u.name).length };
        return sample ? formerUnitsModel(sample) : null;
      },
    ],
  ];
  const created: string[] = [];
  const kept: string[] = [];
  const renamed: [string, string][] = [];
  const ours = new Set(models.map(([name]) => name));
  for (const [name, make] of models) {
    if (ss.getSheetByName(name)) {
      kept.push(name);
      continue;
    }
    const model = make();
    if (!model) continue;
    // A configuration sheet renamed by hand: making a new one would bring back the sample data.
    const other = sheetWithHeader(ss, modelHeader(model), ours);
    if (other) {
      renamed.push([name, other]);
      continue;
    }
    const sheet = ss.insertSheet(name);
    renderSheet(sheet, model);
    decorate(name, sheet);
    created.push(name);
  }
  return {
    locale,
    created,
    kept,
    renamed,
    ...(formerUnits && created.includes(SHEETS.formerUnits) ? { formerUnits } : {}),
    config: readConfig(ss, { strict: true }),
  };
}

/**
 * The rows of a new "Đơn vị cũ": the old units "Đơn vị" lists ("Đơn vị cũ (mã)", no current unit's
 * code), each named after the master's tabs when one name fits (layout a keeps the old communes'
 * tabs, "Nậm Vì 2024"); null when there is none. The names are only a start: the user checks them.
 */
function formerUnitsSample(ss: Spreadsheet): Pick<Unit, 'code' | 'name' | 'kind'>[] | null {
  const sheet = ss.getSheetByName(SHEETS.units);
  if (!sheet) return null;
  const grid = configGrid(sheet);
  const idx = headerIndex(grid[0] ?? [], UNITS_HEADER);
  if (idx.predecessors < 0) return null;
  const current = new Set(grid.slice(1).map((row) => cellText(row[idx.code] ?? '').toUpperCase()));
  const codes: string[] = [];
  const seen = new Set<string>();
  for (const row of grid.slice(1))
    for (const code of codeList(cellText(row[idx.predecessors] ?? ''))) {
      const upper = code.toUpperCase();
      if (current.has(upper) || seen.has(upper)) continue;
      seen.add(upper);
      codes.push(code);
    }
  if (!codes.length) return null;
  const names = namesFromTabs(
    ss.getSheets().map((s) => s.getName()),
    codes,
  );
  return codes.map((code) => ({ code, name: names.get(code) ?? '', kind: '' }));
}

/**
 * Per code, the name of the tabs "<name> <year>" whose name is the code once diacritics, case and a
 * leading kind word are set aside ("Nậm Vì 2024" for nam-vi); of several names, one with diacritics.
 */
export function namesFromTabs(tabs: string[], codes: string[]): Map<string, string> {
  const found = new Map<string, string[]>();
  for (const tab of tabs) {
    const m = /^(.*\S)\s+(?:19|20)\d{2}$/.exec(tab.trim());
    if (!m) continue;
    const key = looseTabKey(m[1]);
    const list = found.get(key);
    if (list) list.push(m[1]);
    else found.set(key, [m[1]]);
  }
  const out = new Map<string, string>();
  for (const code of codes) {
    const list = found.get(looseTabKey(code));
    if (!list) continue;
    out.set(code, list.find((n) => /[^\x00-\x7f]/.test(n)) ?? list[0]);
  }
  return out;
}
