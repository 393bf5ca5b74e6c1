/**
 * The configuration sheets of the master spreadsheet ("Cài đặt", "Đơn vị", "Chỉ tiêu",
 * "Quy tắc", "Ngày nghỉ", "Đơn vị cũ") ↔ the engine's Settings, Unit[] and Catalogue.
 *
 * "Thiết lập" creates the missing sheets from the defaults in sheets-templates/ (never
 * touching sheets that exist); "Đơn vị cũ" only once "Đơn vị" lists old units of a merger.
 * Reading converts each cell (Vietnamese numbers, "có"/"không",
 * comma-separated lists, dates), validates with the engine's zod schemas and cross-checks,
 * and reports every mistake in Vietnamese with the sheet and the cell.
 */
import { codeList } from '../engine/catalogue/config-values';
import { defaultCatalogue, defaultHolidayNames, defaultSettings, defaultUnits } from '../engine/catalogue/defaults';
import {
  CatalogueSchema,
  EMAIL_ONLY_SETTINGS as ENGINE_EMAIL_ONLY,
  FormerUnitSchema,
  parseCatalogue,
  parseSettings,
  parseUnits,
  type Result,
  SettingsSchema,
  UnitsSchema,
} from '../engine/catalogue/schema';
import { isRealIsoDate, todayIn } from '../engine/periods/cutoff';
import { type CellModel, emptySheet, type SheetModel } from '../engine/report/model';
import { isoToSerial, LAYOUT, unitDisplayName, unitSheetName } from '../engine/sheet/layout';
import { isEmailAddress } from '../engine/text/email';
import { aggregatingLevel } from '../engine/text/level';
import { isErrorValue } from '../engine/text/number';
import type { Catalogue, CellValue, Grid, Indicator, Settings, Unit, ValidationRule } from '../engine/types';
import { serialToIso } from '../engine/validation/cells';
import {
  CONFIG,
  FORMER_UNITS_HEADER,
  HOLIDAYS_HEADER,
  INDICATORS_HEADER,
  RULES_HEADER,
  SETTING_HELP,
  SETTING_LABELS,
  SETTINGS_HEADER,
  SHEETS,
  UNIT_KINDS,
  UNITS_HEADER,
  WORDS,
} from '../messages/vi/gas';
import { fieldLabel, SCHEMA_TEXT } from '../messages/vi/schema';
import { now } from './clock';
import { CATALOGUE_VERSION, DEFAULT_TITLE, settingsDefaults } from './config-defaults';
import { type UrlPlace, userText } from './errors';
import { renderSheet } from './render';
import {
  a1,
  cellList,
  cellNumber,
  cellText,
  emailList,
  headerIndex,
  isoFromCell,
  looseTabKey,
  normalizeName,
  readGrid,
  spreadsheetIdOf,
} from './util';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Add-on options kept in "Cài đặt" beside the engine's Settings. */
export interface AddonOptions {
  /** District admins: edit everything, unlock submitted months. */
  admins: string[];
  /** Layout (b): every unit gets its own spreadsheet. */
  separateSpreadsheets: boolean;
}

export interface Config {
  /**
   * Mistakes that only the e-mail actions need to refuse on (readConfig without `strict`): those
   * actions read the settings strictly themselves; others go on, and say so.
   */
  emailProblems: string[];
  settings: Settings;
  units: Unit[];
  /**
   * Old units of the units' mergers named in "Đơn vị cũ" (the engine's `formerUnits`), each one
   * "Đơn vị" lists as a predecessor; with `spreadsheetUrl` when given (layout b). [] without the sheet.
   */
  formerUnits: Unit[];
  /** Per old commune with a spreadsheet URL in "Đơn vị cũ" (code as in `formerUnits`), that URL's cell. */
  formerUrlCells?: Record<string, string>;
  /**
   * Mistakes that stop nothing (Vietnamese, sheet and cell named): "Đơn vị cũ" rows not used, rules
   * of "Quy tắc" left out for naming an indicator not in "Chỉ tiêu".
   */
  warnings: string[];
  catalogue: Catalogue;
  options: AddonOptions;
  /**
   * Only with readConfig's `unitEmailsApart`: per unit, its wrong staff addresses in "Đơn vị" (left out of
   * its `emails`), the message naming the cell. Only the e-mail jobs use these addresses.
   */
  unitEmailProblems?: UnitEmailProblem[];
  /** Where each unit's row is, to record spreadsheet URLs. */
  unitsSheet: { sheet: Sheet; grid: Grid; urlCol: number; rowOf: Record<string, number> };
}

/** A unit's staff addresses in "Đơn vị" that are not e-mail addresses (readUnitsGrid `emailProblems`). */
export interface UnitEmailProblem {
  code: string;
  /** Vietnamese, sheet and cell named, as the errors say it. */
  message: string;
}

export type ConfigResult =
  | { ok: true; config: Config }
  /** `warnings`: as Config's, so Thiết lập lists them beside the errors. */
  | { ok: false; errors: string[]; warnings?: string[] };

type SettingKey = keyof typeof SETTING_LABELS;

// ------------------------------------------------------------------ words

function wordOf<T extends string>(table: Record<T, readonly string[]>, value: T): string {
  return table[value][0];
}

function fromWord<T extends string>(table: Record<T, readonly string[]>, v: CellValue): T | undefined {
  const t = normalizeName(cellText(v));
  for (const [key, words] of Object.entries(table) as [T, readonly string[]][]) {
    if (words.some((w) => normalizeName(w) === t)) return key;
  }
  return undefined;
}

/** "có"/"không" (and their variants, WORDS) typed in a settings cell; undefined when neither. */
export function yesNo(v: CellValue): boolean | undefined {
  if (typeof v === 'boolean') return v;
  const t = normalizeName(cellText(v));
  if (WORDS.yes.some((w) => w === t)) return true;
  if (WORDS.no.some((w) => w === t)) return false;
  return undefined;
}

const yesWord = (b: boolean | undefined) => (b ? WORDS.yes[0] : WORDS.no[0]);

function operatorOf(v: CellValue): ValidationRule['operator'] | undefined {
  const t = cellText(v).replace(/\s+/g, '');
  const map: Record<string, ValidationRule['operator']> = {
    '==': '==',
    '=': '==',
    '!=': '!=',
    '<>': '!=',
    '≠': '!=',
    '<=': '<=',
    '≤': '<=',
    '=<': '<=',
    '<': '<',
    '>=': '>=',
    '≥': '>=',
    '=>': '>=',
    '>': '>',
  };
  return map[t];
}

const OPERATOR_WORDS = ['=', '<>', '<=', '<', '>=', '>'];
const OPERATOR_TEXT: Record<ValidationRule['operator'], string> = {
  '==': '=',
  '!=': '<>',
  '<=': '<=',
  '<': '<',
  '>=': '>=',
  '>': '>',
};

// ------------------------------------------------------------------ default sheets

function textRow(values: (string | number | null)[], style: CellModel['s'] = 'text'): CellModel[] {
  return values.map((v) => ({ v: v === '' ? null : v, s: typeof v === 'number' ? 'decimal' : style }));
}

function tableModel(name: string, header: string[], rows: (string | number | null)[][], widths: number[]): SheetModel {
  const m = emptySheet(name);
  m.rows = [header.map((h) => ({ v: h, s: 'header' as const })), ...rows.map((r) => textRow(r))];
  m.frozenRows = 1;
  m.widths = widths;
  return m;
}

function settingValueText(key: SettingKey, s: Settings, title: string, options: AddonOptions): string | number {
  switch (key) {
    case 'title':
      return title;
    case 'admins':
      return options.admins.join(', ');
    case 'separateSpreadsheets':
      return yesWord(options.separateSpreadsheets);
    case 'recipients':
      return s.recipients.join(', ');
    case 'submitWorkingDays':
    case 'reminders':
      return yesWord(s[key]);
    default: {
      // Numbers stay numbers (as the e-mail sidebar writes them), so the sheet is uniform.
      const v = s[key];
      return typeof v === 'number' ? v : String(v);
    }
  }
}

export function settingsModel(s: Settings, title: string, options: AddonOptions): SheetModel {
  const keys = Object.keys(SETTING_LABELS) as SettingKey[];
  const m = tableModel(
    SHEETS.settings,
    SETTINGS_HEADER,
    keys.map((k) => [SETTING_LABELS[k], settingValueText(k, s, title, options), SETTING_HELP[k]]),
    [34, 40, 90],
  );
  for (const row of m.rows.slice(1)) row[2] = { v: row[2]?.v ?? null, s: 'note' };
  return m;
}

export function unitsModel(units: Unit[]): SheetModel {
  const h = UNITS_HEADER;
  return tableModel(
    SHEETS.units,
    [h.code, h.name, h.kind, h.emails, h.spreadsheetUrl, h.from, h.predecessors],
    units.map((u) => [
      u.code,
      u.name,
      u.kind,
      u.emails.join(', '),
      u.spreadsheetUrl ?? '',
      u.succession ? u.succession.from.split('-').reverse().join('/') : '',
      u.succession ? u.succession.predecessors.join(', ') : '',
    ]),
    [16, 20, 10, 36, 50, 16, 30],
  );
}

/** "Đơn vị cũ": one row per old unit (code, name, kind, its spreadsheet in layout b). */
export function formerUnitsModel(units: Pick<Unit, 'code' | 'name' | 'kind' | 'spreadsheetUrl'>[]): SheetModel {
  const h = FORMER_UNITS_HEADER;
  return tableModel(
    SHEETS.formerUnits,
    [h.code, h.name, h.kind, h.spreadsheetUrl],
    units.map((u) => [u.code, u.name, u.kind, u.spreadsheetUrl ?? '']),
    [18, 24, 12, 60],
  );
}

export function indicatorsModel(cat: Catalogue): SheetModel {
  const h = INDICATORS_HEADER;
  const groupLabel = new Map(cat.groups.map((g) => [g.code, g.label]));
  const ordered = cat.groups.flatMap((g) => cat.indicators.filter((i) => i.group === g.code));
  return tableModel(
    SHEETS.indicators,
    [h.groupCode, h.groupLabel, h.code, h.label, h.unit, h.kind, h.overMonths, h.phrase, h.key, h.max],
    ordered.map((i) => [
      i.group,
      groupLabel.get(i.group) ?? '',
      i.code,
      i.label,
      i.unit,
      wordOf(WORDS.kind, i.kind),
      wordOf(WORDS.overMonths, i.overMonths),
      i.phrase,
      i.key ? WORDS.yes[0] : '',
      i.max ?? '',
    ]),
    [9, 30, 22, 48, 11, 13, 15, 50, 9, 10],
  );
}

export function rulesModel(cat: Catalogue): SheetModel {
  const h = RULES_HEADER;
  return tableModel(
    SHEETS.rules,
    [h.code, h.left, h.operator, h.right, h.importance, h.message, h.missing],
    cat.rules.map((r) => [
      r.code,
      r.left.join(' + '),
      OPERATOR_TEXT[r.operator],
      r.right.join(' + '),
      wordOf(WORDS.importance, r.importance),
      r.message,
      r.missing ? wordOf(WORDS.missing, r.missing) : '',
    ]),
    [20, 40, 8, 26, 10, 60, 12],
  );
}

/** "Ngày nghỉ": one row per day off, the date a real date (dd/mm/yyyy) so Sheets sorts and checks it. */
export function holidaysModel(days: readonly string[], names: Record<string, string>): SheetModel {
  const m = emptySheet(SHEETS.holidays);
  m.rows = [
    [
      { v: HOLIDAYS_HEADER.date, s: 'header' },
      { v: HOLIDAYS_HEADER.name, s: 'header' },
    ],
    ...days.map((d): CellModel[] => [
      { v: isoToSerial(d), s: 'date' },
      { v: names[d] ?? null, s: 'text' },
    ]),
  ];
  m.frozenRows = 1;
  m.widths = [14, 50];
  return m;
}

/** Dropdown (list) validation on a column below the header; invalid entries allowed but flagged. */
function dropdown(sheet: Sheet, col: number, words: string[]): void {
  const rule = SpreadsheetApp.newDataValidation().requireValueInList(words, true).setAllowInvalid(true).build();
  sheet.getRange(2, col, Math.max(sheet.getMaxRows() - 1, 1), 1).setDataValidation(rule);
}

const firsts = (table: Record<string, readonly string[]>) => Object.values(table).map((w) => w[0]);

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

// ------------------------------------------------------------------ reading

interface Located {
  errors: string[];
  at: (sheet: string, cell: string, column: string, problem: string) => void;
}

function collector(): Located {
  const errors: string[] = [];
  return {
    errors,
    at: (sheet, cell, column, problem) => errors.push(`${CONFIG.where(sheet, cell)} (${column}): ${problem}`),
  };
}

interface IssueLike {
  code: string;
  path: PropertyKey[];
  [k: string]: unknown;
}

function problemOf(issue: unknown): string {
  return SCHEMA_TEXT.problem(issue as IssueLike as Parameters<typeof SCHEMA_TEXT.problem>[0]);
}

/** The error value ("#ERROR!", "#REF!"…) a cell shows, '' when it shows none. */
function failedFormula(v: CellValue): string {
  return typeof v === 'string' && isErrorValue(v) ? v.trim() : '';
}

/**
 * A table's cells under the headers `labels` (row 2 on) that show an error value — a label typed
 * "- Trong đó …" becomes "#ERROR!" in Sheets, a deleted source gives "#REF!": each is an error in
 * `log` naming the cell (never read as a label, a message or a code), and is blank in the grid
 * returned. `skip` wraps a Located so that it says nothing more of those cells.
 */
function withoutFailedCells(
  grid: Grid,
  sheet: string,
  labels: Record<string, string>,
  log: Located,
): { grid: Grid; skip: (l: Located) => Located } {
  const idx = headerIndex(grid[0] ?? [], labels);
  const failed = new Set<string>();
  const out = grid.map((row, r) => {
    if (r === 0) return row;
    let copy: CellValue[] | undefined;
    for (const [k, c] of Object.entries(idx)) {
      const shown = c >= 0 ? failedFormula(row[c]) : '';
      if (!shown) continue;
      const cell = a1(r + 1, c + 1);
      log.at(sheet, cell, labels[k], CONFIG.failedFormula(shown));
      failed.add(cell);
      copy ??= [...row];
      copy[c] = '';
    }
    return copy ?? row;
  });
  const skip = (l: Located): Located =>
    failed.size
      ? {
          errors: l.errors,
          at: (s, cell, column, problem) => {
            if (s !== sheet || !failed.has(cell)) l.at(s, cell, column, problem);
          },
        }
      : l;
  return { grid: out, skip };
}

const REQUIRED_SETTINGS: SettingKey[] = [
  'aggregatingUnitName',
  'level',
  'scopeLabel',
  'organisation',
  'cutoffDay',
  'submitDays',
  'submitWorkingDays',
];

interface SettingsRead {
  settings?: Settings;
  options: AddonOptions;
  title: string;
  titleCell?: string;
}

/**
 * The rows of "Cài đặt" that only the monthly e-mail and the reminders use: a mistake in one of
 * them stops those jobs, never a menu action (readSettingsGrid's `emailProblems`).
 */
export const EMAIL_ONLY_SETTINGS: ReadonlySet<SettingKey> = new Set(ENGINE_EMAIL_ONLY as SettingKey[]);

/**
 * `emailProblems`, when given, takes the mistakes in the rows only the e-mail jobs use
 * (EMAIL_ONLY_SETTINGS: recipients, send day and hour, reminders and their days) instead of the
 * errors: a wrong address is left out, another wrong value replaced by its default. A commune must
 * not be kept from submitting, nor the district from "Tổng hợp", by an e-mail setting mistyped;
 * the e-mail jobs read the sheet without `emailProblems`, so they stop on it and say where.
 */
export function readSettingsGrid(grid: Grid, log: Located, emailProblems?: Located): SettingsRead {
  const sheet = SHEETS.settings;
  const defaults = settingsDefaults();
  /** Where a mistake in `key`'s row goes: `emailProblems` for an e-mail-only row (when given), else the errors. */
  const sink = (key: SettingKey): Located => (emailProblems && EMAIL_ONLY_SETTINGS.has(key) ? emailProblems : log);
  const reported = (cell: string) =>
    [log, emailProblems].some((l) => l?.errors.some((e) => e.startsWith(CONFIG.where(sheet, cell))));
  /** E-mail-only rows found wrong: their defaults are used (`emailProblems` given). */
  const fallBack = new Set<SettingKey>();
  const byLabel = new Map<string, SettingKey>();
  for (const [k, label] of Object.entries(SETTING_LABELS)) byLabel.set(normalizeName(label), k as SettingKey);
  const cells: Partial<Record<SettingKey, string>> = {};
  const raw: Partial<Record<SettingKey, CellValue>> = {};
  grid.forEach((row, r) => {
    const key = byLabel.get(normalizeName(cellText(row[0])));
    if (key && !(key in raw)) {
      raw[key] = row[1];
      cells[key] = a1(r + 1, 2);
    }
  });
  for (const k of REQUIRED_SETTINGS) if (!(k in raw)) log.errors.push(CONFIG.missingRow(sheet, SETTING_LABELS[k]));

  const obj: Record<string, unknown> = {};
  const options: AddonOptions = { admins: [], separateSpreadsheets: false };
  let title = DEFAULT_TITLE;
  for (const key of Object.keys(SETTING_LABELS) as SettingKey[]) {
    if (!(key in raw)) {
      if (key in defaults) obj[key] = defaults[key as keyof typeof defaults];
      continue;
    }
    const v = raw[key];
    const cell = cells[key] as string;
    const bad = (problem: string) => {
      sink(key).at(sheet, cell, SETTING_LABELS[key], problem);
      if (sink(key) !== log) fallBack.add(key);
    };
    const shown = failedFormula(v);
    if (shown) {
      // Never a setting's value: said, and the default kept in its place (the errors stop the rest).
      bad(CONFIG.failedFormula(shown));
      if (key in defaults) obj[key] = defaults[key as keyof typeof defaults];
      continue;
    }
    switch (key) {
      case 'cutoffDay':
      case 'submitDays':
      case 'sendDay':
      case 'sendHour':
      case 'reminderDaysBefore': {
        const n = cellNumber(v);
        if (Number.isNaN(n)) bad(CONFIG.notNumber);
        obj[key] = n;
        break;
      }
      case 'submitWorkingDays':
      case 'reminders': {
        const b = yesNo(v);
        if (b === undefined) bad(CONFIG.notYesNo);
        obj[key] = b ?? false;
        break;
      }
      case 'separateSpreadsheets': {
        const b = yesNo(v);
        if (b === undefined) bad(CONFIG.notYesNo);
        options.separateSpreadsheets = b ?? false;
        break;
      }
      case 'recipients': {
        // The right addresses are kept (not the sample ones) when a wrong one is left out.
        const list = emailList(v);
        const wrong = list.filter((e) => !isEmailAddress(e));
        obj[key] = emailProblems ? list.filter((e) => isEmailAddress(e)) : list;
        if (wrong.length) sink(key).at(sheet, cell, SETTING_LABELS[key], CONFIG.badEmails(wrong));
        break;
      }
      case 'admins': {
        options.admins = emailList(v);
        const wrong = options.admins.filter((e) => !isEmailAddress(e));
        if (wrong.length) bad(CONFIG.badEmails(wrong));
        break;
      }
      case 'title':
        title = cellText(v);
        if (!title) bad(CONFIG.empty);
        break;
      case 'timeZone':
        obj[key] = cellText(v) || defaults.timeZone;
        break;
      default:
        obj[key] = cellText(v);
    }
  }
  for (const key of fallBack) obj[key] = defaults[key as keyof typeof defaults];
  const parsed = SettingsSchema.safeParse(obj);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]) as SettingKey;
      const cell = cells[key];
      const to = sink(key);
      if (to !== log) {
        // An e-mail-only row out of range ("Ngày gửi" 30): said for the e-mail jobs, its default used.
        obj[key] = key === 'recipients' ? [] : defaults[key as keyof typeof defaults];
        if (cell && reported(cell)) continue;
      }
      if (cell) {
        // Skip what the cell conversion already reported.
        if (reported(cell)) continue;
        to.at(sheet, cell, SETTING_LABELS[key], problemOf(issue));
      } else to.errors.push(`${sheet}: ${SCHEMA_TEXT.where(issue.path, obj)}${problemOf(issue)}`);
    }
  }
  const settings = parseSettings(obj, sheet);
  return { settings: settings.ok ? settings.value : undefined, options, title, titleCell: cells.title };
}

function missingColumns(
  sheet: string,
  idx: Record<string, number>,
  labels: Record<string, string>,
  required: string[],
): string[] {
  return required.filter((k) => idx[k] < 0).map((k) => CONFIG.missingColumn(sheet, labels[k]));
}

const blankRow = (row: CellValue[]) => row.every((c) => cellText(c) === '');

interface UnitsRead {
  units?: Unit[];
  urlCol: number;
  rowOf: Record<string, number>;
}

/**
 * `opts.separateSpreadsheets`: layout (b), where a unit without a spreadsheet URL yet gets its own, so
 * its name shares no tab. `opts.warnings`: where two units shown under one name are said.
 * `opts.emailProblems`: where a unit's wrong staff addresses are said instead of the errors (the
 * e-mail jobs: one clerk's typo must not stop them for every unit); they are left out of its `emails`.
 */
export function readUnitsGrid(
  typed: Grid,
  timeZone: string,
  given: Located,
  opts: { separateSpreadsheets?: boolean; warnings?: Located; emailProblems?: UnitEmailProblem[] } = {},
): UnitsRead {
  const sheet = SHEETS.units;
  const H = UNITS_HEADER;
  const { grid, skip } = withoutFailedCells(typed, sheet, H, given);
  const log = skip(given);
  const idx = headerIndex(grid[0] ?? [], H);
  const missing = missingColumns(sheet, idx, H, ['code', 'name']);
  const urlCol = idx.spreadsheetUrl >= 0 ? idx.spreadsheetUrl + 1 : Math.max((grid[0] ?? []).length, 1) + 1;
  if (missing.length) {
    log.errors.push(...missing);
    return { urlCol, rowOf: {} };
  }
  const units: Unit[] = [];
  const cells: Record<string, string>[] = [];
  const rowOf: Record<string, number> = {};
  const byUpperCode = new Map<string, { code: string; row: number }>();
  const tabOf = new Map<string, number>();
  const shownAs = new Map<string, number>();
  const year = Number(todayIn(timeZone, now()).slice(0, 4));
  const get = (row: CellValue[], k: keyof typeof H) => (idx[k] >= 0 ? row[idx[k]] : '');
  const cellOf = (r: number, k: keyof typeof H) => a1(r + 1, Math.max(idx[k], 0) + 1);
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (blankRow(row)) continue;
    const c: Record<string, string> = {
      code: cellOf(r, 'code'),
      name: cellOf(r, 'name'),
      kind: cellOf(r, 'kind'),
      emails: cellOf(r, 'emails'),
      spreadsheetUrl: cellOf(r, 'spreadsheetUrl'),
      from: cellOf(r, 'from'),
      predecessors: cellOf(r, 'predecessors'),
    };
    const unit: Unit = {
      code: cellText(get(row, 'code')),
      name: cellText(get(row, 'name')),
      kind: cellText(get(row, 'kind')),
      emails: emailList(get(row, 'emails')),
    };
    const wrongEmails = unit.emails.filter((e) => !isEmailAddress(e));
    if (wrongEmails.length && opts.emailProblems) {
      unit.emails = unit.emails.filter((e) => isEmailAddress(e));
      const message = `${CONFIG.where(sheet, c.emails)} (${H.emails}): ${CONFIG.badEmails(wrongEmails)}`;
      opts.emailProblems.push({ code: unit.code, message });
    } else if (wrongEmails.length) log.at(sheet, c.emails, H.emails, CONFIG.badEmails(wrongEmails));
    const url = cellText(get(row, 'spreadsheetUrl'));
    if (url) unit.spreadsheetUrl = url;
    const fromCell = get(row, 'from');
    const preds = codeList(cellText(get(row, 'predecessors')));
    if (cellText(fromCell) || preds.length) {
      const from = cellText(fromCell) ? isoFromCell(fromCell, timeZone, todayIn) : null;
      if (cellText(fromCell) && !from) log.at(sheet, c.from, H.from, CONFIG.notDate);
      // Old codes with F empty: the codes are why a date is needed (not "not a date" on an empty cell).
      else if (!cellText(fromCell)) log.at(sheet, c.from, H.from, CONFIG.fromRequired(c.predecessors, c.from));
      unit.succession = { from: from ?? '', predecessors: preds };
    }
    // Codes are matched without regard to case when sheets are read: "CHUNG-CHAI" is "chung-chai".
    const upper = unit.code.toUpperCase();
    const first = byUpperCode.get(upper);
    if (unit.code && rowOf[unit.code] !== undefined) {
      log.at(
        sheet,
        c.code,
        H.code,
        CONFIG.duplicate(CONFIG.what.unitCode, unit.code, cellOf(rowOf[unit.code] - 1, 'code')),
      );
    } else if (unit.code && first) {
      log.at(sheet, c.code, H.code, CONFIG.duplicateCase(unit.code, first.code, cellOf(first.row - 1, 'code')));
    } else if (unit.code) {
      rowOf[unit.code] = r + 1;
      byUpperCode.set(upper, { code: unit.code, row: r + 1 });
    }
    // A unit's tab is found by name ("<name> <year>") in its spreadsheet (the master without a URL,
    // in layout (a)): two units of one spreadsheet must not share one. In layout (b) a unit without
    // a URL yet gets a spreadsheet of its own.
    const book = url ? (spreadsheetIdOf(url) ?? url) : opts.separateSpreadsheets ? null : '';
    const tab = `${book}\u0000${unitSheetName(unit, 2000).toLocaleLowerCase('vi')}`;
    const same = unit.name && book !== null ? tabOf.get(tab) : undefined;
    if (same !== undefined)
      log.at(
        sheet,
        c.name,
        H.name,
        CONFIG.sheetNameClash(unit.name, cellOf(same - 1, 'name'), unitSheetName(unit, year)),
      );
    else if (unit.name && book !== null) tabOf.set(tab, r + 1);
    // Two units shown under one name ("Xã Chung Chải" of two districts): outputs cannot tell them apart.
    const shown = unit.name ? normalizeName(unitDisplayName(unit)) : '';
    const twin = shown ? shownAs.get(shown) : undefined;
    if (twin !== undefined && same === undefined)
      opts.warnings?.at(sheet, c.name, H.name, CONFIG.sameUnitName(unit.name, cellOf(twin - 1, 'name')));
    else if (shown && twin === undefined) shownAs.set(shown, r + 1);
    units.push(unit);
    cells.push(c);
  }
  const parsed = UnitsSchema.safeParse({ units });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [, i, field, sub] = issue.path;
      if (typeof i === 'number' && typeof field === 'string') {
        const key = field === 'succession' && typeof sub === 'string' ? sub : field;
        const cell = cells[i][key] ?? cells[i].code;
        if (log.errors.some((e) => e.startsWith(CONFIG.where(sheet, cell)))) continue;
        const label = H[key as keyof typeof H] ?? fieldLabel(key);
        // The merge date's cell is named: it is what makes the old codes required.
        const problem =
          key === 'predecessors' && issue.code === 'custom'
            ? CONFIG.predecessorsRequired(cells[i].from, cell)
            : problemOf(issue);
        log.at(sheet, cell, label, problem);
      } else {
        log.errors.push(`${sheet}: ${SCHEMA_TEXT.where(issue.path, { units })}${problemOf(issue)}`);
      }
    }
    return { urlCol, rowOf };
  }
  const r = parseUnits({ units }, sheet);
  if (!r.ok) {
    if (!log.errors.length) log.errors.push(...r.errors);
    return { urlCol, rowOf };
  }
  return { units: r.value, urlCol, rowOf };
}

/**
 * "Đơn vị cũ" → the old units it names, each one "Đơn vị" lists as a predecessor (its code spelt
 * as there: codes match without regard to case). Rows that cannot be used are said: a bad code, a
 * code twice or a spreadsheet URL that is none (`problems`: errors for Thiết lập, else warnings), a
 * row without a name, of a current unit or of a code no unit lists (`warnings`). `unitCell`: where
 * a current unit's code is in "Đơn vị". `urlCells`, when given, gets the cell of each URL used.
 */
export function readFormerUnitsGrid(
  typed: Grid,
  units: readonly Unit[],
  unitCell: (code: string) => string,
  givenProblems: Located,
  givenWarnings: Located,
  urlCells?: Record<string, string>,
): Unit[] {
  const sheet = SHEETS.formerUnits;
  const H = FORMER_UNITS_HEADER;
  const { grid, skip } = withoutFailedCells(typed, sheet, H, givenProblems);
  const problems = skip(givenProblems);
  const warnings = skip(givenWarnings);
  if (grid.every(blankRow)) return [];
  const idx = headerIndex(grid[0] ?? [], H);
  const missing = missingColumns(sheet, idx, H, ['code', 'name']);
  if (missing.length) {
    problems.errors.push(...missing);
    return [];
  }
  const predecessors = new Map<string, string>();
  for (const u of units)
    for (const p of u.succession?.predecessors ?? [])
      if (!predecessors.has(p.toUpperCase())) predecessors.set(p.toUpperCase(), p);
  const current = new Map(units.map((u) => [u.code.toUpperCase(), u.code]));
  const firstCell = new Map<string, string>();
  const out: Unit[] = [];
  const get = (row: CellValue[], k: keyof typeof H) => (idx[k] >= 0 ? row[idx[k]] : '');
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (blankRow(row)) continue;
    const cell = (k: keyof typeof H) => a1(r + 1, Math.max(idx[k], 0) + 1);
    const code = cellText(get(row, 'code'));
    // In NFC, as the schema parsers give the other sheets' texts (typed on a Mac: NFD).
    const name = cellText(get(row, 'name')).normalize('NFC');
    const kind = cellText(get(row, 'kind')).normalize('NFC');
    const url = cellText(get(row, 'spreadsheetUrl'));
    // The name is checked below: a row without one is a warning, not a schema error.
    const parsed = FormerUnitSchema.safeParse({ code, name: name || code || '-', kind }, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as keyof typeof H;
        problems.at(sheet, cell(field), H[field] ?? fieldLabel(field), problemOf(issue));
      }
      continue;
    }
    const upper = code.toUpperCase();
    const first = firstCell.get(upper);
    if (first) {
      problems.at(sheet, cell('code'), H.code, CONFIG.duplicate(CONFIG.what.formerUnitCode, code, first));
      continue;
    }
    firstCell.set(upper, cell('code'));
    const currentCode = current.get(upper);
    if (currentCode !== undefined) {
      warnings.at(sheet, cell('code'), H.code, CONFIG.formerIsCurrent(code, unitCell(currentCode)));
      continue;
    }
    const listed = predecessors.get(upper);
    if (listed === undefined) {
      warnings.at(sheet, cell('code'), H.code, CONFIG.formerUnused(code));
      continue;
    }
    const badUrl = url !== '' && !spreadsheetIdOf(url);
    if (badUrl) problems.at(sheet, cell('spreadsheetUrl'), H.spreadsheetUrl, CONFIG.badUrl(url));
    if (!name) {
      if (url && !badUrl) problems.at(sheet, cell('name'), H.name, CONFIG.formerUrlNoName(cell('spreadsheetUrl')));
      else warnings.at(sheet, cell('name'), H.name, CONFIG.formerNoName(code));
      continue;
    }
    out.push({ code: listed, name, kind, emails: [], ...(url && !badUrl ? { spreadsheetUrl: url } : {}) });
    if (url && !badUrl && urlCells) urlCells[listed] = cell('spreadsheetUrl');
  }
  return out;
}

export function readCatalogueGrids(
  typedInd: Grid,
  typedRule: Grid,
  title: string,
  titleCell: string | undefined,
  given: Located,
  dropped?: Located,
  keeper?: string,
): Catalogue | undefined {
  const IS = SHEETS.indicators;
  const RS = SHEETS.rules;
  const IH = INDICATORS_HEADER;
  const RH = RULES_HEADER;
  const ind = withoutFailedCells(typedInd, IS, IH, given);
  const rul = withoutFailedCells(typedRule, RS, RH, given);
  const indGrid = ind.grid;
  const ruleGrid = rul.grid;
  const log = rul.skip(ind.skip(given));
  const iIdx = headerIndex(indGrid[0] ?? [], IH);
  const rIdx = headerIndex(ruleGrid[0] ?? [], RH);
  const missing = [
    ...missingColumns(IS, iIdx, IH, [
      'groupCode',
      'groupLabel',
      'code',
      'label',
      'unit',
      'kind',
      'overMonths',
      'phrase',
    ]),
    ...missingColumns(RS, rIdx, RH, ['code', 'left', 'operator', 'right', 'importance', 'message']),
  ];
  if (missing.length) {
    log.errors.push(...missing);
    return undefined;
  }
  const groups: { code: string; label: string }[] = [];
  const groupCells: Record<string, string>[] = [];
  const indicators: Indicator[] = [];
  const indCells: Record<string, string>[] = [];
  const firstCode = new Map<string, string>();
  for (let r = 1; r < indGrid.length; r++) {
    const row = indGrid[r];
    if (blankRow(row)) continue;
    const get = (k: keyof typeof IH) => (iIdx[k] >= 0 ? row[iIdx[k]] : '');
    const cell = (k: keyof typeof IH) => a1(r + 1, Math.max(iIdx[k], 0) + 1);
    const c: Record<string, string> = {};
    for (const k of Object.keys(IH) as (keyof typeof IH)[]) c[k] = cell(k);
    c.group = c.groupCode;
    const groupCode = cellText(get('groupCode'));
    const groupLabel = cellText(get('groupLabel'));
    const g = groups.find((x) => x.code === groupCode);
    if (!g) {
      groups.push({ code: groupCode, label: groupLabel });
      groupCells.push({ code: c.groupCode, label: c.groupLabel });
    } else if (groupLabel && !g.label) {
      g.label = groupLabel;
    } else if (groupLabel && normalizeName(groupLabel) !== normalizeName(g.label)) {
      log.at(IS, c.groupLabel, IH.groupLabel, CONFIG.groupLabelConflict(groupCode, g.label));
    }
    const kindWords = Object.values(WORDS.kind).map((w) => w[0]);
    const kind = fromWord(WORDS.kind, get('kind'));
    if (!kind) log.at(IS, c.kind, IH.kind, CONFIG.notOneOf(kindWords));
    const over = fromWord(WORDS.overMonths, get('overMonths'));
    if (!over) log.at(IS, c.overMonths, IH.overMonths, CONFIG.notOneOf(firsts(WORDS.overMonths)));
    const key = iIdx.key >= 0 ? yesNo(get('key')) : false;
    if (key === undefined) log.at(IS, c.key, IH.key, CONFIG.notYesNo);
    const maxText = cellText(get('max'));
    const max = maxText ? cellNumber(get('max')) : undefined;
    if (max !== undefined && Number.isNaN(max)) log.at(IS, c.max, IH.max, CONFIG.notNumber);
    const ind: Indicator = {
      code: cellText(get('code')),
      group: groupCode,
      label: cellText(get('label')),
      unit: cellText(get('unit')),
      kind: kind ?? 'count',
      overMonths: over ?? 'sum',
      overUnits: 'sum',
      phrase: cellText(get('phrase')),
    };
    if (key) ind.key = true;
    if (max !== undefined && !Number.isNaN(max)) ind.max = max;
    if (ind.code === LAYOUT.submittedCode) log.at(IS, c.code, IH.code, CONFIG.reserved(ind.code));
    const first = firstCode.get(ind.code);
    if (ind.code && first) log.at(IS, c.code, IH.code, CONFIG.duplicate(CONFIG.what.indicatorCode, ind.code, first));
    else if (ind.code) firstCode.set(ind.code, c.code);
    indicators.push(ind);
    indCells.push(c);
  }

  const rules: ValidationRule[] = [];
  const ruleCells: Record<string, string>[] = [];
  const firstRule = new Map<string, string>();
  const kindOf = new Map(indicators.map((i) => [i.code, i.kind]));
  for (let r = 1; r < ruleGrid.length; r++) {
    const row = ruleGrid[r];
    if (blankRow(row)) continue;
    const get = (k: keyof typeof RH) => (rIdx[k] >= 0 ? row[rIdx[k]] : '');
    const c: Record<string, string> = {};
    for (const k of Object.keys(RH) as (keyof typeof RH)[]) c[k] = a1(r + 1, Math.max(rIdx[k], 0) + 1);
    const op = operatorOf(get('operator'));
    if (!op) log.at(RS, c.operator, RH.operator, CONFIG.notOneOf(OPERATOR_WORDS));
    const importance = fromWord(WORDS.importance, get('importance'));
    if (!importance) log.at(RS, c.importance, RH.importance, CONFIG.notOneOf(firsts(WORDS.importance)));
    const missingText = cellText(get('missing'));
    const missing = missingText ? fromWord(WORDS.missing, get('missing')) : undefined;
    if (missingText && !missing) log.at(RS, c.missing, RH.missing, CONFIG.notOneOf(firsts(WORDS.missing)));
    const rule: ValidationRule = {
      code: cellText(get('code')),
      left: cellList(get('left'), /[+,;\s]+/),
      operator: op ?? '==',
      right: cellList(get('right'), /[+,;\s]+/),
      importance: importance ?? 'error',
      message: cellText(get('message')),
    };
    if (missing) rule.missing = missing;
    const first = firstRule.get(rule.code);
    if (rule.code && first) log.at(RS, c.code, RH.code, CONFIG.duplicate(CONFIG.what.ruleCode, rule.code, first));
    else if (rule.code) firstRule.set(rule.code, c.code);
    for (const code of new Set(rule.right.filter((x) => rule.left.includes(x))))
      log.at(RS, c.right, RH.right, CONFIG.sameBothSides(code, c.left));
    let unknown = false;
    for (const side of ['left', 'right'] as const) {
      for (const code of rule[side]) {
        if (!kindOf.has(code)) {
          unknown = true;
          // An indicator deleted from "Chỉ tiêu", its rule forgotten: with `dropped`, the rule is left
          // out and said, so that no commune is kept from submitting by a sheet only the district edits.
          if (dropped) dropped.at(RS, c[side], RH[side], CONFIG.ruleDropped(code, rule.code, keeper));
          else log.at(RS, c[side], RH[side], CONFIG.unknownIndicator(code));
        } else if (kindOf.get(code) === 'note') log.at(RS, c[side], RH[side], CONFIG.noteInRule(code));
      }
    }
    if (unknown && dropped) continue;
    rules.push(rule);
    ruleCells.push(c);
  }

  const cat: Catalogue = { version: CATALOGUE_VERSION, title, groups, indicators, rules };
  const parsed = CatalogueSchema.safeParse(cat);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [list, i, field] = issue.path;
      let sheet: string = IS;
      let cell: string | undefined;
      let label = '';
      if (list === 'title') {
        sheet = SHEETS.settings;
        cell = titleCell;
        label = SETTING_LABELS.title;
      } else if (typeof i === 'number' && typeof field === 'string') {
        if (list === 'groups') {
          cell = groupCells[i]?.[field];
          label = field === 'code' ? IH.groupCode : IH.groupLabel;
        } else if (list === 'indicators') {
          cell = indCells[i]?.[field];
          label = IH[field as keyof typeof IH] ?? fieldLabel(field);
        } else if (list === 'rules') {
          sheet = RS;
          cell = ruleCells[i]?.[field];
          label = RH[field as keyof typeof RH] ?? fieldLabel(field);
        }
      } else if (list === 'rules') sheet = RS;
      if (cell) {
        if (log.errors.some((e) => e.startsWith(CONFIG.where(sheet, cell as string)))) continue;
        log.at(sheet, cell, label, problemOf(issue));
      } else {
        log.errors.push(`${sheet}: ${SCHEMA_TEXT.where(issue.path, cat)}${problemOf(issue)}`);
      }
    }
    return undefined;
  }
  if (log.errors.length) return undefined;
  const r = parseCatalogue(cat, `${IS}/${RS}`);
  if (!r.ok) {
    log.errors.push(...r.errors);
    return undefined;
  }
  return r.value;
}

/** A date cell of "Ngày nghỉ": a Date, a serial day number, or text dd/mm/yyyy / yyyy-mm-dd. */
function holidayIso(v: CellValue, timeZone: string): string | null {
  if (typeof v === 'number') return Number.isInteger(v) && v > 0 && v < 2958466 ? serialToIso(v) : null;
  const iso = isoFromCell(v, timeZone, todayIn);
  return iso && isRealIsoDate(iso) ? iso : null;
}

/**
 * The "Ngày nghỉ" sheet → ISO dates. Blank rows are skipped; an empty sheet means no days
 * off; a cell that is not a real date is an error naming the cell (never silently dropped,
 * which would move a deadline).
 */
export function readHolidaysGrid(typed: Grid, timeZone: string, given: Located): string[] {
  const sheet = SHEETS.holidays;
  const { grid, skip } = withoutFailedCells(typed, sheet, HOLIDAYS_HEADER, given);
  const log = skip(given);
  const rows = grid.filter((row) => !blankRow(row));
  if (!rows.length) return [];
  const idx = headerIndex(grid[0] ?? [], HOLIDAYS_HEADER);
  const missing = missingColumns(sheet, idx, HOLIDAYS_HEADER, ['date']);
  if (missing.length) {
    log.errors.push(...missing);
    return [];
  }
  const days: string[] = [];
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (blankRow(row)) continue;
    const iso = holidayIso(row[idx.date], timeZone);
    if (iso) days.push(iso);
    else log.at(sheet, a1(r + 1, idx.date + 1), HOLIDAYS_HEADER.date, CONFIG.notDate);
  }
  return days;
}

/**
 * Settings read from "Cài đặt" alone (the e-mail jobs, the settings sidebar) completed with
 * the "Ngày nghỉ" sheet, as readConfig does. No sheet: no days off (older masters).
 */
export function withHolidays(ss: Spreadsheet | null, r: Result<Settings>): Result<Settings> {
  const sheet = r.ok && ss ? ss.getSheetByName(SHEETS.holidays) : null;
  if (!r.ok || !sheet) return r;
  const log = collector();
  const holidays = readHolidaysGrid(configGrid(sheet), r.value.timeZone, log);
  return log.errors.length ? { ok: false, errors: log.errors } : { ok: true, value: { ...r.value, holidays } };
}

/**
 * A configuration sheet's values in ONE service call: getSheetValues(1, 1, -1, -1) is the
 * data range ("-1 … the very last row or column that has data"), without getDataRange first.
 */
function configGrid(sheet: Sheet): Grid {
  try {
    return sheet.getSheetValues(1, 1, -1, -1) as Grid;
  } catch {
    return readGrid(sheet); // e.g. an empty sheet (no last row)
  }
}

/** Read and validate the configuration sheets (one call each, plus the lookup); "Ngày nghỉ" is optional. */
/**
 * `opts.unitEmailsApart` (the e-mail jobs): a wrong staff address in "Đơn vị" is no error but one of
 * `unitEmailProblems`, the address left out.
 */
export function readConfig(ss: Spreadsheet, opts: { strict?: boolean; unitEmailsApart?: boolean } = {}): ConfigResult {
  const log = collector();
  const emailProblems = collector();
  const sheets: Record<string, Sheet | null> = {};
  const grids: Record<string, Grid> = {};
  for (const name of [SHEETS.settings, SHEETS.units, SHEETS.indicators, SHEETS.rules]) {
    const sheet = ss.getSheetByName(name);
    sheets[name] = sheet;
    if (!sheet) log.errors.push(CONFIG.missingSheet(name));
    else grids[name] = configGrid(sheet);
  }
  if (log.errors.length) return { ok: false, errors: log.errors };
  const s = readSettingsGrid(grids[SHEETS.settings], log, opts.strict ? undefined : emailProblems);
  const timeZone = s.settings?.timeZone ?? settingsDefaults().timeZone;
  const warnings = collector();
  const unitEmailProblems: UnitEmailProblem[] = [];
  const u = readUnitsGrid(grids[SHEETS.units], timeZone, log, {
    separateSpreadsheets: s.options.separateSpreadsheets,
    warnings,
    ...(opts.unitEmailsApart ? { emailProblems: unitEmailProblems } : {}),
  });
  // A rule naming an indicator no longer in "Chỉ tiêu" is left out with a warning (Thiết lập too).
  const catalogue = readCatalogueGrids(
    grids[SHEETS.indicators],
    grids[SHEETS.rules],
    s.title,
    s.titleCell,
    log,
    warnings,
    s.settings && CONFIG.ruleKeeper(aggregatingLevel(s.settings), s.settings.organisation),
  );
  // Optional: a master set up before "Ngày nghỉ" existed has no days off until Thiết lập adds it.
  const holidaySheet = ss.getSheetByName(SHEETS.holidays);
  const holidays = holidaySheet ? readHolidaysGrid(configGrid(holidaySheet), timeZone, log) : undefined;
  // Optional too, and only of use beside a merger: read when "Đơn vị" lists old units (no call
  // otherwise), and always by Thiết lập, which checks every sheet.
  const listsOld = u.units?.some((x) => x.succession?.predecessors.length);
  const formerSheet = u.units && (opts.strict || listsOld) ? ss.getSheetByName(SHEETS.formerUnits) : null;
  let formerUnits: Unit[] = [];
  const formerUrlCells: Record<string, string> = {};
  if (formerSheet && u.units) {
    const codeCol = headerIndex(grids[SHEETS.units][0] ?? [], UNITS_HEADER).code + 1;
    const unitCell = (code: string) => a1(u.rowOf[code] ?? 0, codeCol);
    const problems = opts.strict ? log : warnings;
    formerUnits = readFormerUnitsGrid(configGrid(formerSheet), u.units, unitCell, problems, warnings, formerUrlCells);
  }
  if (log.errors.length || !s.settings || !u.units || !catalogue) {
    // Refused anyway: the e-mail settings' mistakes are listed too, so that all are mended at once.
    const errors = log.errors.length ? [...log.errors, ...emailProblems.errors] : [CONFIG.unreadable];
    return warnings.errors.length ? { ok: false, errors, warnings: warnings.errors } : { ok: false, errors };
  }
  return {
    ok: true,
    config: {
      emailProblems: emailProblems.errors,
      settings: holidays ? { ...s.settings, holidays } : s.settings,
      units: u.units,
      formerUnits,
      formerUrlCells,
      warnings: warnings.errors,
      ...(opts.unitEmailsApart ? { unitEmailProblems } : {}),
      catalogue,
      options: s.options,
      unitsSheet: { sheet: sheets[SHEETS.units] as Sheet, grid: grids[SHEETS.units], urlCol: u.urlCol, rowOf: u.rowOf },
    },
  };
}

/**
 * Where a unit's spreadsheet URL is typed, for the message when it leads nowhere: "Đơn vị" for a
 * unit of the list, "Đơn vị cũ" for an old commune read from its own spreadsheet; the cell when known.
 */
export function urlPlaceOf(config: Config): (unit: Unit) => UrlPlace | undefined {
  return (unit) => {
    if (config.units.some((u) => u.code === unit.code)) {
      const { rowOf, urlCol } = config.unitsSheet;
      const row = rowOf[unit.code];
      return { sheet: SHEETS.units, ...(row ? { cell: a1(row, urlCol) } : {}) };
    }
    if (!config.formerUnits?.some((u) => u.code === unit.code)) return undefined;
    const cell = config.formerUrlCells?.[unit.code];
    return { sheet: SHEETS.formerUnits, ...(cell ? { cell } : {}) };
  };
}

/** Record spreadsheet URLs in the units sheet: one write of the URL column. */
export function writeUnitUrls(config: Config, urls: Record<string, string>): void {
  const codes = Object.keys(urls);
  if (!codes.length) return;
  const { sheet, grid, urlCol, rowOf } = config.unitsSheet;
  const last = Math.max(grid.length, ...codes.map((c) => rowOf[c] ?? 0));
  const column: string[][] = [];
  for (let r = 1; r <= last; r++) {
    const current = grid[r - 1]?.[urlCol - 1];
    column.push([cellText(current)]);
  }
  if (!cellText(grid[0]?.[urlCol - 1])) column[0] = [UNITS_HEADER.spreadsheetUrl];
  for (const code of codes) {
    const row = rowOf[code];
    if (row) column[row - 1] = [urls[code]];
  }
  const range = sheet.getRange(1, urlCol, column.length, 1);
  range.setNumberFormat('@');
  range.setValues(column);
  for (const code of codes) {
    const row = rowOf[code];
    if (row) {
      const g = grid[row - 1];
      while (g.length < urlCol) g.push('');
      g[urlCol - 1] = urls[code];
    }
  }
  for (const u of config.units) if (urls[u.code]) u.spreadsheetUrl = urls[u.code];
}
