/**
 * A spreadsheet keeps its creator's locale: a master made by an en_US account shows "1,089" and
 * "137.5", and a clerk's typed "1.000" is stored as 1. Thiết lập gives the master the Vietnamese locale
 * (and the time zone of "Cài đặt") and says so; Tạo mẫu does the same for each commune spreadsheet it
 * creates (one spreadsheet per commune). The fake's locale and time zone are checked too.
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, monthCol } from '../../src/engine/sheet/layout';
import { SETUP, SHEETS } from '../../src/messages/vi/gas';
import { createGasFake } from '../fakes/gas';
import {
  createEnv,
  type Env,
  lastAlert,
  runAggregate,
  runSetup,
  runTemplates,
  seededMaster,
  setSetting,
  setUpLayoutB,
  unitSheet,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const cat = defaultCatalogue();
const label = (code: string) => cat.indicators.find((i) => i.code === code)?.label as string;

let env: Env | undefined;
afterEach(() => {
  env?.dispose();
  env = undefined;
});

function logText(): string {
  const sheet = env?.master.getSheetByName(SHEETS.log) as Sheet | null;
  return sheet?.getDataRange().getValues().flat().join('\n') ?? '';
}

describe('Thiết lập', () => {
  test('an en_US master gets the Vietnamese locale, and the alert and "Nhật ký" say so', () => {
    env = createEnv();
    expect(env.master.getSpreadsheetLocale()).toBe('en_US'); // as Google leaves it for an en_US account
    runSetup();
    expect(env.master.getSpreadsheetLocale()).toBe('vi_VN');
    expect(env.master.getSpreadsheetTimeZone()).toBe('Asia/Ho_Chi_Minh');
    expect(lastAlert(env)).toContain(SETUP.locale('en_US'));
    expect(lastAlert(env)).not.toContain('Đã đặt múi giờ'); // already Vietnam's
    expect(logText()).toContain(SETUP.locale('en_US'));
    // Run again: nothing to change, nothing said.
    runSetup();
    expect(lastAlert(env)).not.toContain('khu vực (locale)');
  });

  test('a master in another time zone is put in the zone of "Cài đặt"; a date typed before shows the same day', () => {
    env = createEnv();
    env.master.setSpreadsheetTimeZone('America/New_York');
    const typed = env.master.getSheets()[0].getRange('A1');
    typed.setNumberFormat('dd/mm/yyyy').setValue(new Date('2018-09-16T00:00:00-04:00'));
    runSetup();
    expect(env.master.getSpreadsheetTimeZone()).toBe('Asia/Ho_Chi_Minh');
    expect(lastAlert(env)).toContain(SETUP.timeZone('Asia/Ho_Chi_Minh', 'America/New_York'));
    expect(typed.getDisplayValue()).toBe('16/09/2018');
    expect((typed.getValue() as Date).toISOString()).toBe('2018-09-15T17:00:00.000Z'); // midnight in Vietnam
    // The zone of "Cài đặt" is followed when it is changed there.
    setSetting(env.master, 'timeZone', 'Asia/Bangkok');
    runSetup();
    expect(env.master.getSpreadsheetTimeZone()).toBe('Asia/Bangkok');
    expect(lastAlert(env)).toContain(SETUP.timeZone('Asia/Bangkok', 'Asia/Ho_Chi_Minh'));
    // A zone that is none is not given to Google: the default stays.
    setSetting(env.master, 'timeZone', 'Hà Nội');
    runSetup();
    expect(env.master.getSpreadsheetTimeZone()).toBe('Asia/Ho_Chi_Minh');
  });

  test('Google refusing the locale does not stop Thiết lập; the alert says how to set it by hand', () => {
    env = createEnv();
    env.fake.faults.add({
      method: 'setSpreadsheetLocale',
      error: 'Service Spreadsheets failed while accessing document',
    });
    runSetup();
    expect(env.master.getSheetByName(SHEETS.settings)).not.toBeNull();
    expect(lastAlert(env)).toContain('Chưa đặt được khu vực (locale) và múi giờ của bảng tính');
    expect(lastAlert(env)).toContain('Tệp › Cài đặt');
  });
});

describe('numbers shown the Vietnamese way', () => {
  test('the summary shows "1.089" and "137,5" (triệu đồng); a commune tab shows "12,5"', () => {
    env = seededMaster({ api: true });
    runAggregate(env.fake, '');
    const shown = (env.master.getSheetByName('Tổng hợp 2018-09') as Sheet).getDataRange().getDisplayValues();
    expect(shown.find((r) => r[1] === label('TCD_LUOT'))?.[4]).toBe('1.089');
    expect(shown.find((r) => r[1] === label('LDLD_MAIAM_GIATRI'))?.[3]).toBe('137,5');
    const tab = unitSheet(env, env.units[0]) as Sheet;
    const row = indicatorRows(cat).get('LDLD_MAIAM_GIATRI') as number;
    expect(tab.getRange(row, monthCol(9)).getDisplayValue()).toBe('12,5');
  });

  test('the SpreadsheetApp writer (no Sheets API) gives the same', () => {
    env = seededMaster({ api: false });
    runAggregate(env.fake, '');
    const shown = (env.master.getSheetByName('Tổng hợp 2018-09') as Sheet).getDataRange().getDisplayValues();
    expect(shown.find((r) => r[1] === label('TCD_LUOT'))?.[4]).toBe('1.089');
    expect(shown.find((r) => r[1] === label('LDLD_MAIAM_GIATRI'))?.[3]).toBe('137,5');
  });
});

test("Tạo mẫu, one spreadsheet per commune: each spreadsheet it creates is Vietnamese, in Vietnam's zone", () => {
  env = createEnv();
  const urls = setUpLayoutB(env);
  expect(Object.keys(urls)).toHaveLength(env.units.length);
  for (const url of Object.values(urls)) {
    const ss = SpreadsheetApp.openByUrl(url);
    expect([ss.getSpreadsheetLocale(), ss.getSpreadsheetTimeZone()]).toEqual(['vi_VN', 'Asia/Ho_Chi_Minh']);
  }
  expect(unitSheet(env, env.units[0], YEAR, urls[env.units[0].code])).not.toBeNull();
});

describe('the fake: spreadsheet locale and time zone', () => {
  test('set and got; a wrong type is refused as Apps Script does', () => {
    const fake = createGasFake();
    fake.install(globalThis);
    try {
      const ss = fake.createSpreadsheet('x', { active: true });
      expect(ss.getSpreadsheetLocale()).toBe('en_US');
      ss.setSpreadsheetLocale('vi_VN');
      expect(ss.getSpreadsheetLocale()).toBe('vi_VN');
      expect(() => ss.setSpreadsheetLocale(5 as unknown as string)).toThrow(
        "The parameters (number) don't match the method signature for SpreadsheetApp.Spreadsheet.setSpreadsheetLocale.",
      );
      expect(() => ss.setSpreadsheetTimeZone(null as unknown as string)).toThrow(
        "The parameters (null) don't match the method signature for SpreadsheetApp.Spreadsheet.setSpreadsheetTimeZone.",
      );
      const cell = ss.getSheets()[0].getRange('B2');
      cell.setValue(1234.5);
      cell.setNumberFormat('#,##0.0');
      expect(cell.getDisplayValue()).toBe('1.234,5');
      ss.setSpreadsheetLocale('en_US');
      expect(cell.getDisplayValue()).toBe('1,234.5');
      // A date keeps what it shows (Sheets keeps the serial number), its moment moves with the zone.
      const d = ss.getSheets()[0].getRange('A1');
      d.setValue(new Date('2019-01-01T00:00:00+07:00'));
      ss.setSpreadsheetTimeZone('Europe/London');
      expect(ss.getSpreadsheetTimeZone()).toBe('Europe/London');
      expect(d.getDisplayValue()).toBe('1/1/2019');
      expect((d.getValue() as Date).toISOString()).toBe('2019-01-01T00:00:00.000Z');
    } finally {
      fake.uninstall();
    }
  });
});

test('Tạo mẫu in a spreadsheet the commune made itself (its URL in "Đơn vị"): made Vietnamese too, and said so', () => {
  env = createEnv();
  runSetup();
  // Made by the commune (an en_US account, its own zone) and shared with the district.
  const own = env.fake.createSpreadsheet('Báo cáo dân vận xã Chung Chải', {});
  own.setSpreadsheetTimeZone('America/Los_Angeles');
  expect(own.getSpreadsheetLocale()).toBe('en_US');
  const units = env.master.getSheetByName(SHEETS.units) as Sheet;
  const grid = units.getDataRange().getValues();
  const col = grid[0].indexOf('Bảng tính (URL)');
  const row = grid.findIndex((r) => r[0] === env?.units[0].code);
  units.getRange(row + 1, col + 1).setValue(own.getUrl());
  runTemplates(env.fake, YEAR);
  expect(unitSheet(env, env.units[0], YEAR, own.getUrl())).not.toBeNull();
  expect([own.getSpreadsheetLocale(), own.getSpreadsheetTimeZone()]).toEqual(['vi_VN', 'Asia/Ho_Chi_Minh']);
  expect(lastAlert(env)).toContain('đã đặt khu vực của bảng tính riêng là Việt Nam (vi_VN; trước đây en_US)');
  expect(lastAlert(env)).toContain('đã đặt múi giờ Asia/Ho_Chi_Minh (trước đây America/Los_Angeles)');
  // A second run finds nothing to change and says nothing of it.
  runTemplates(env.fake, YEAR);
  expect(lastAlert(env)).not.toContain('khu vực');
});
