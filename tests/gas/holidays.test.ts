/**
 * The "Ngày nghỉ" sheet: Thiết lập writes the default days off as real dates, reading the
 * configuration takes them into Settings.holidays, bad dates are named by cell, an older
 * master without the sheet keeps working, and "Tổng hợp" counts a commune that submitted
 * right after Tết as on time.
 */
import { defaultHolidayNames, defaultSettings } from '../../src/engine/catalogue/defaults';
import { isoToSerial, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { readConfig } from '../../src/gas/config';
import { addonDeps } from '../../src/gas/email/addon-deps';
import { reminderDay } from '../../src/gas/email/reminders';
import { saveSettingsFromSidebar } from '../../src/gas/email/settings-sidebar';
import * as main from '../../src/gas/main';
import { SHEETS } from '../../src/messages/vi/gas';
import { createEnv, type Env, lastAlert, runAggregate, runSetup, seededMaster, setSetting, unitSheet } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const holidaySheet = (env: Env) => env.master.getSheetByName(SHEETS.holidays) as Sheet;

function configOf(env: Env) {
  const r = readConfig(env.master);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}

function errorsOf(env: Env): string[] {
  const r = readConfig(env.master);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('"Ngày nghỉ" sheet', () => {
  let env: Env;
  beforeEach(() => {
    env = createEnv();
  });
  afterEach(() => env.dispose());

  test('Thiết lập writes the default days off as dates (dd/mm/yyyy) with their names', () => {
    runSetup();
    const sheet = holidaySheet(env);
    const days = defaultSettings().holidays ?? [];
    expect(days.length).toBeGreaterThan(100);
    const shown = sheet.getDataRange().getDisplayValues();
    expect(shown[0]).toEqual(['Ngày', 'Tên ngày nghỉ']);
    expect(shown).toHaveLength(days.length + 1);
    const tet = shown.findIndex((r) => r[0] === '14/02/2018');
    expect(shown[tet][1]).toBe(defaultHolidayNames()['2018-02-14']);
    expect(sheet.getRange(tet + 1, 1).getValue()).toBeInstanceOf(Date);
    expect(configOf(env).settings.holidays).toEqual(days);
  });

  test('an existing master without the sheet: no days off, nothing breaks; Thiết lập adds only it', () => {
    runSetup();
    setSetting(env.master, 'aggregatingUnitName', 'Nậm Pồ');
    env.master.deleteSheet(holidaySheet(env));
    const before = configOf(env);
    expect(before.settings.holidays).toBeUndefined();
    expect(before.settings.aggregatingUnitName).toBe('Nậm Pồ');

    main.setupSheets();
    expect(lastAlert(env)).toContain('Đã tạo trang: Ngày nghỉ.');
    expect(lastAlert(env)).toContain('Giữ nguyên trang đã có: Cài đặt, Đơn vị, Chỉ tiêu, Quy tắc.');
    const after = configOf(env);
    expect(after.settings.aggregatingUnitName).toBe('Nậm Pồ');
    expect(after.settings.holidays).toEqual(defaultSettings().holidays);
  });

  test('rows the admin adds count whether typed as text or as a date; blank rows and an empty sheet are fine', () => {
    runSetup();
    const sheet = holidaySheet(env);
    const last = sheet.getLastRow();
    sheet
      .getRange(last + 2, 1, 1, 2)
      .setNumberFormat('@')
      .setValues([['01/09/2026', 'Quốc khánh (liền kề)']]);
    sheet.getRange(last + 3, 1).setValue(new Date('2027-01-01T00:00:00+07:00'));
    const holidays = configOf(env).settings.holidays ?? [];
    expect(holidays.slice(-2)).toEqual(['2026-09-01', '2027-01-01']);

    sheet.clear();
    expect(configOf(env).settings.holidays).toEqual([]);
  });

  test('a cell that is not a real date is named, with the sheet and the column', () => {
    runSetup();
    const sheet = holidaySheet(env);
    sheet.getRange('A3').setNumberFormat('@').setValue('31/02/2018');
    sheet.getRange('A5').setValue('Tết');
    sheet.getRange('A7').setValue('');
    const errors = errorsOf(env);
    const notDate = 'phải là ngày dạng ngày/tháng/năm (ví dụ 01/07/2025)';
    expect(errors).toEqual([
      `Trang "Ngày nghỉ", ô A3 (Ngày): ${notDate}`,
      `Trang "Ngày nghỉ", ô A5 (Ngày): ${notDate}`,
      `Trang "Ngày nghỉ", ô A7 (Ngày): ${notDate}`,
    ]);
  });

  test('the e-mail jobs read the days off too: reminders aim at the deadline after Tết', () => {
    runSetup();
    const loaded = addonDeps.loadSettings();
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    expect(loaded.value.holidays).toEqual(defaultSettings().holidays);
    // 21/02/2018: the day before the February deadline (22/02), reminders go out.
    expect(reminderDay('2018-02-21', loaded.value)?.deadline).toBe('2018-02-22');
    // Without days off the deadline (16/02) would already be past and nobody reminded.
    expect(reminderDay('2018-02-21', { ...loaded.value, holidays: undefined })).toBeNull();
  });

  test('a missing "Ngày" column is reported', () => {
    runSetup();
    holidaySheet(env).getRange('A1').setValue('Ngày lễ?');
    expect(errorsOf(env)).toContain('Trang "Ngày nghỉ" thiếu cột "Ngày" ở dòng 1.');
  });
});

test('the settings sidebar warns that a send day of 20 comes before the February 2026 deadline (24/02, after Tết)', () => {
  const env = createEnv({ now: new Date('2026-01-25T09:00:00+07:00') });
  try {
    runSetup();
    const withDaysOff = saveSettingsFromSidebar({ sendDay: '20' });
    expect(withDaysOff.ok && withDaysOff.message).toContain('hạn nộp báo cáo tháng 2/2026 là 24/02/2026');
    // Weekends only, February's deadline (17/02) is before the 20th: no warning.
    env.master.deleteSheet(holidaySheet(env));
    const weekendsOnly = saveSettingsFromSidebar({ sendDay: '20' });
    expect(weekendsOnly.ok && weekendsOnly.message).not.toContain('Lưu ý');
  } finally {
    env.dispose();
  }
});

describe('Tổng hợp tháng 2/2018 (Tết 14/02–20/02/2018)', () => {
  let env: Env;
  beforeEach(() => {
    env = seededMaster({ api: true, months: 2 });
    // Chung Chải submits February on Wednesday 21/02/2018, the first working day after Tết:
    // late against Friday 16/02 (weekends only), on time against Thursday 22/02.
    const chungChai = env.units.find((u) => u.code === 'chung-chai');
    (unitSheet(env, chungChai!) as Sheet)
      .getRange(LAYOUT.submittedRow, monthCol(2))
      .setValue(isoToSerial('2018-02-21'));
  });
  afterEach(() => env.dispose());

  const statusOf = (name: string) => {
    const shown = (env.master.getSheetByName('Tổng hợp 2018-02') as Sheet).getDataRange().getDisplayValues();
    return shown.find((r) => r[1] === name && r[3] === '21/02/2018')?.[2];
  };

  test('a commune that submitted on 21/02/2018 is on time', () => {
    runAggregate(env.fake, '2/2018');
    expect(statusOf('Xã Chung Chải')).toBe('Đúng hạn');
    const shown = (env.master.getSheetByName('Tổng hợp 2018-02') as Sheet).getDataRange().getDisplayValues();
    expect(shown.some((r) => r.includes('22/02/2018'))).toBe(true); // the deadline shown
  });

  test('without the "Ngày nghỉ" sheet the same submission is late (weekends only)', () => {
    env.master.deleteSheet(holidaySheet(env));
    runAggregate(env.fake, '2/2018');
    expect(statusOf('Xã Chung Chải')).toBe('Muộn');
  });
});
