/**
 * "Cài đặt" (one row per setting: "Mục | Giá trị"): the default sheet Thiết lập writes, and reading it
 * into the engine's Settings plus the add-on's options, each wrong cell named; the rows only the
 * e-mail jobs use (EMAIL_ONLY_SETTINGS) can be kept apart so that a mistake there stops only those.
 */

import { EMAIL_ONLY_SETTINGS as ENGINE_EMAIL_ONLY, parseSettings, SettingsSchema } from '../../engine/catalogue/schema';
import type { SheetModel } from '../../engine/report/model';
import { isEmailAddress } from '../../engine/text/email';
import type { CellValue, Grid, Settings } from '../../engine/types';
import { CONFIG, SETTING_HELP, SETTING_LABELS, SETTINGS_HEADER, SHEETS } from '../../messages/vi/gas';
import { SCHEMA_TEXT } from '../../messages/vi/schema';
import { DEFAULT_TITLE, settingsDefaults } from '../config-defaults';
import { a1, cellNumber, cellText, emailList, normalizeName } from '../util';
import { failedFormula, type Located, problemOf, tableModel, yesNo, yesWord } from './cells';
import type { AddonOptions, SettingKey } from './types';

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
