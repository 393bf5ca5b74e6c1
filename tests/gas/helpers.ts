/**
 * Shared set-up for the add-on tests: the Apps Script fake installed on globalThis, a
 * master spreadsheet, and helpers to run the menu actions with scripted dialogs and to
 * seed commune figures.
 */
import { defaultCatalogue, defaultUnits } from '../../src/engine/catalogue/defaults';
import { indicatorRows, isoToSerial, LAYOUT, monthCol, unitSheetName } from '../../src/engine/sheet/layout';
import type { Unit } from '../../src/engine/types';
import { setNowSource } from '../../src/gas/clock';
import { type Config, readConfig } from '../../src/gas/config';
import { loadStaging, ReadContinues, readUnitBooksResumable } from '../../src/gas/io/resume';
import * as main from '../../src/gas/main';
import { SETTING_LABELS, SHEETS, UNITS_HEADER } from '../../src/messages/vi/gas';
import { createGasFake, type GasFake } from '../fakes/gas';
import { sheetsApiHandler } from '../fakes/gas/sheets-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const ADMIN = 'bandanvan@muongnhe.vn';
/** 5 October 2018, 09:00 in Vietnam: the last closed month is September 2018. */
export const NOW = new Date('2018-10-05T09:00:00+07:00');
export const YEAR = 2018;
export const MASTER_NAME = 'Tổng hợp dân vận huyện Mường Nhé';

export interface Env {
  fake: GasFake;
  master: Spreadsheet;
  units: Unit[];
  dispose(): void;
}

export function createEnv(opts: { now?: Date; user?: string } = {}): Env {
  const fake = createGasFake({ now: opts.now ?? NOW, user: opts.user ?? ADMIN });
  const master = fake.createSpreadsheet(MASTER_NAME, { active: true, sheets: [{ name: 'Trang tính1' }] });
  fake.install(globalThis);
  setNowSource(() => fake.clock.now());
  return {
    fake,
    master,
    units: defaultUnits(),
    dispose() {
      setNowSource(null);
      fake.uninstall();
    },
  };
}

/** The text of the last alert the add-on showed ('' if none). */
export function lastAlert(env: Env): string {
  return env.fake.ui.alerts.at(-1)?.prompt ?? '';
}

/** "Thiết lập" with the default sheets. */
export function runSetup(): void {
  main.setupSheets();
}

/** Change a value of the "Cài đặt" sheet by its label. */
export function setSetting(master: Spreadsheet, key: keyof typeof SETTING_LABELS, value: string): void {
  const sheet = master.getSheetByName(SHEETS.settings) as Sheet;
  const values = sheet.getDataRange().getValues();
  const row = values.findIndex((r) => r[0] === SETTING_LABELS[key]);
  if (row < 0) throw new Error(`no setting ${key}`);
  sheet.getRange(row + 1, 2).setValue(value);
}

/** "Tạo mẫu báo cáo cho xã" for a year (answers the prompt). */
export function runTemplates(fake: GasFake, year: number = YEAR) {
  fake.ui.queuePromptResponse({ text: String(year) });
  return main.createTemplates();
}

/** "Tổng hợp" for a period typed as the user would ('' = default). */
export function runAggregate(fake: GasFake, period: string) {
  fake.ui.queuePromptResponse({ text: period });
  return main.aggregateReports();
}

/** Figures seeded per unit: value of indicator `code` in `month` for the unit at index `i`. */
export function seedValue(code: string, i: number, month: number): number | null {
  switch (code) {
    case 'DVK_DANGKY':
      return i + month; // flows
    case 'TCD_LUOT':
      return 2 * i + 1;
    case 'DON_TONG':
      return 3;
    case 'DON_KHIEUNAI':
      return 1;
    case 'DON_TOCAO':
      return 0;
    case 'DON_KIENNGHI':
      return 2;
    case 'LDLD_MAIAM_GIATRI':
      return month === 9 ? 12.5 : null;
    case 'HND_SXKDG_DANGKY':
      return 10 * (i + 1) + month; // stock: the latest month counts
    case 'HND_SXKDG_CONGNHAN':
      return 5 * (i + 1) + month;
    default:
      return null;
  }
}

export const SEEDED = [
  'DVK_DANGKY',
  'TCD_LUOT',
  'DON_TONG',
  'DON_KHIEUNAI',
  'DON_TOCAO',
  'DON_KIENNGHI',
  'LDLD_MAIAM_GIATRI',
  'HND_SXKDG_DANGKY',
  'HND_SXKDG_CONGNHAN',
];

/**
 * Type figures for months 1–`months` into a unit's sheet (as a commune would), with the
 * submission date of each month. One setValues for the block.
 */
export function seedUnitSheet(sheet: Sheet, i: number, months = 9, submittedDay = 16): void {
  const rows = indicatorRows(defaultCatalogue());
  const first = LAYOUT.submittedRow;
  const last = Math.max(...rows.values());
  const block = sheet.getRange(first, monthCol(1), last - first + 1, 12);
  const values = block.getValues();
  for (let m = 1; m <= months; m++) {
    values[0][m - 1] = isoToSerial(`${YEAR}-${String(m).padStart(2, '0')}-${String(submittedDay).padStart(2, '0')}`);
    for (const code of SEEDED) {
      const v = seedValue(code, i, m);
      if (v !== null) values[(rows.get(code) as number) - first][m - 1] = v;
    }
  }
  block.setValues(values);
}

/** The sheet of unit `u` for `year`: master tab (layout a) or its own spreadsheet (layout b). */
export function unitSheet(env: Env, u: Unit, year = YEAR, url?: string): Sheet | null {
  if (url) return SpreadsheetApp.openByUrl(url).getSheetByName(unitSheetName(u, year));
  return env.master.getSheetByName(unitSheetName(u, year));
}

/** URLs recorded in "Đơn vị" by code. */
export function unitUrls(master: Spreadsheet): Record<string, string> {
  const values = (master.getSheetByName(SHEETS.units) as Sheet).getDataRange().getValues();
  const col = values[0].indexOf('Bảng tính (URL)');
  const out: Record<string, string> = {};
  for (const r of values.slice(1)) if (r[col]) out[String(r[0])] = String(r[col]);
  return out;
}

/**
 * Layout (b) set up: "Thiết lập", one spreadsheet per unit, templates of last year and this year;
 * the units' spreadsheet URLs by code.
 */
export function setUpLayoutB(env: Env): Record<string, string> {
  runSetup();
  setSetting(env.master, 'separateSpreadsheets', 'có');
  runTemplates(env.fake, YEAR - 1);
  runTemplates(env.fake, YEAR);
  return unitUrls(env.master);
}

/** The master's configuration, or the test stops with its errors. */
export function configOf(master: Spreadsheet): Config {
  const c = readConfig(master);
  if (!c.ok) throw new Error(c.errors.join('\n'));
  return c.config;
}

/** Expected period total of an indicator for September over `n` seeded units. */
export function expectedSeptember(code: string, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += seedValue(code, i, 9) ?? 0;
  return Number(s.toPrecision(15));
}

/** Row of the summary sheet whose column B is `label`, as values. */
export function summaryRow(sheet: Sheet, label: string): unknown[] | undefined {
  return sheet
    .getDataRange()
    .getValues()
    .find((r) => r[1] === label);
}

/**
 * Layout (a) set up and `months` months (nine unless said) typed in every unit's tab of YEAR;
 * `api: false` makes the Sheets API unusable, so the add-on reads and writes the SpreadsheetApp way.
 */
export function seededMaster(opts: { api: boolean; months?: number }): Env {
  const env = createEnv();
  runSetup();
  runTemplates(env.fake, YEAR);
  env.units.forEach((u, i) => {
    seedUnitSheet(unitSheet(env, u, YEAR) as Sheet, i, opts.months);
  });
  if (!opts.api) env.fake.http.handler = sheetsApiHandler(env.fake, { disabled: true });
  return env;
}

/**
 * "Đơn vị" rows (A–G) of Mường Nhé's 2025 reform: 5 communes merged on 01/07/2025 from the 11
 * old ones; `email(code)` fills the staff e-mail column (empty by default).
 */
export function reformUnitRows(email: (code: string) => string = () => ''): string[][] {
  return [
    ['muong-nhe-2025', 'Mường Nhé', 'muong-nhe, nam-vi, chung-chai'],
    ['sin-thau-2025', 'Sín Thầu', 'sin-thau, sen-thuong, leng-su-sin'],
    ['muong-toong-2025', 'Mường Toong', 'muong-toong, huoi-lech'],
    ['nam-ke-2025', 'Nậm Kè', 'nam-ke, pa-my'],
    ['quang-lam-2025', 'Quảng Lâm', 'quang-lam'],
  ].map(([code, name, olds]) => [code, name, 'xã', email(code), '', '01/07/2025', olds]);
}

/** Type `value` into month `month` of the row whose code (column A) is `code`. */
export function putByCode(sheet: Sheet, code: string, month: number, value: unknown): void {
  const r = sheet
    .getDataRange()
    .getValues()
    .findIndex((row) => String(row[0]) === code);
  sheet.getRange(r + 1, 4 + month).setValue(value);
}

/** 3 of the 11 units staged for 9/2018 and the resume trigger set (Sheets API, a quota of 4 reads a minute, a 30 s budget). */
export function stageThree(env: Env): void {
  const { units, settings } = configOf(env.master);
  env.fake.http.handler = sheetsApiHandler(env.fake, {});
  expect(() =>
    readUnitBooksResumable(env.master, units, [YEAR, YEAR - 1], {
      period: '2018-09',
      read: true,
      timeZone: settings.timeZone,
      budgetMs: 30_000,
      api: { readsPerMinute: 4, now: () => env.fake.clock.nowMs() },
    }),
  ).toThrow(ReadContinues);
  expect(loadStaging(env.master, '2018-09', units)?.books.size).toBe(3);
}

/** A master in layout (b) (a spreadsheet per unit) with every unit's 2018 figures seeded. */
export function seededLayoutB(): Env {
  const env = createEnv();
  const urls = setUpLayoutB(env);
  env.units.forEach((u, i) => {
    seedUnitSheet(unitSheet(env, u, YEAR, urls[u.code]) as Sheet, i);
  });
  return env;
}

/** The first unit's e-mails in "Đơn vị" replaced by `emails` (a clerk added, replaced or removed). */
export function setClerks(env: Env, emails: string): void {
  const sheet = env.master.getSheetByName(SHEETS.units) as Sheet;
  const values = sheet.getDataRange().getValues();
  const col = values[0].indexOf(UNITS_HEADER.emails);
  const r = values.findIndex((v) => v[0] === env.units[0].code);
  sheet.getRange(r + 1, col + 1).setValue(emails);
}
