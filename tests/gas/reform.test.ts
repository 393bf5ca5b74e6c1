/**
 * The 2025 reform in the add-on (layout a): "Đơn vị" lists the new communes, merged on 01/07/2025,
 * with their old ones by code ("Đơn vị cũ (mã)"). The master keeps the old communes' tabs (2024,
 * and 2025 up to June); a new commune that took an old one's name goes on in that tab. Tổng hợp
 * reads the old communes' own tabs too, so 2025's year to date and "so cùng kỳ" count all of them.
 */

import * as main from '../../src/gas/main';
import { CHECK, SHEETS } from '../../src/messages/vi/gas';
import { createEnv, type Env, putByCode as put, reformUnitRows, runAggregate, runSetup, runTemplates } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const NEW_UNITS = reformUnitRows();

function submit(sheet: Sheet, month: number, iso: string): void {
  put(sheet, 'NGAY_NOP', month, new Date(`${iso}T00:00:00+07:00`));
}

let env: Env;
afterEach(() => env.dispose());

/** The 11 old communes with TCD_LUOT 1 a month (2024, and 2025 to June); the 5 new ones 10 a month from July. */
function reformMaster(): Env {
  env = createEnv({ now: new Date('2025-10-05T09:00:00+07:00') });
  runSetup();
  runTemplates(env.fake, 2024);
  runTemplates(env.fake, 2025);
  for (const u of env.units) {
    const s25 = env.master.getSheetByName(`${u.name} 2025`) as Sheet;
    const s24 = env.master.getSheetByName(`${u.name} 2024`) as Sheet;
    for (let m = 1; m <= 6; m++) {
      put(s25, 'TCD_LUOT', m, 1);
      submit(s25, m, `2025-0${m}-16`);
    }
    for (let m = 1; m <= 12; m++) {
      put(s24, 'TCD_LUOT', m, 1);
      submit(s24, m, `2024-${String(m).padStart(2, '0')}-16`);
    }
  }
  const units = env.master.getSheetByName(SHEETS.units) as Sheet;
  units.getRange(2, 1, Math.max(units.getMaxRows() - 1, 1), 7).clearContent();
  units.getRange(2, 1, NEW_UNITS.length, 7).setValues(NEW_UNITS);
  for (const r of NEW_UNITS) {
    const s = env.master.getSheetByName(`${r[1]} 2025`) as Sheet;
    for (let m = 7; m <= 9; m++) {
      put(s, 'TCD_LUOT', m, 10);
      submit(s, m, `2025-0${m}-16`);
    }
  }
  return env;
}

const luot = (r: ReturnType<typeof runAggregate>) => r?.summary.indicators.find((i) => i.code === 'TCD_LUOT');

test('9/2025: the old communes’ tabs count in the year to date and in "so cùng kỳ"', () => {
  reformMaster();
  const r = runAggregate(env.fake, '9/2025');
  // Period 5 × 10; year to date 11 × 6 + 5 × 30; last year 11 (September 2024), 99 (to September).
  expect([luot(r)?.period, luot(r)?.ytd, luot(r)?.lastYearPeriod, luot(r)?.lastYearYtd]).toEqual([50, 216, 11, 99]);
  expect(r?.summary.completeness.reported).toBe(5);
  const said = r?.summary.findings.map((f) => f.message).join('\n') ?? '';
  expect(said).not.toContain('không có báo cáo năm 2025');
  expect(said).not.toContain('chưa có trang báo cáo năm 2025');
  // Every old commune's tab was read: none is listed as left out.
  expect(r?.warnings.join('\n') ?? '').not.toContain('không thuộc đơn vị');
});

test('6 tháng/2025 and 1/2026: every old commune counted; nobody called missing', () => {
  reformMaster();
  const half = runAggregate(env.fake, '6 tháng/2025');
  expect([luot(half)?.period, luot(half)?.lastYearPeriod]).toEqual([66, 66]);
  expect(half?.summary.completeness.reported).toBe(5);
  env.fake.clock.set(new Date('2026-02-05T09:00:00+07:00'));
  runTemplates(env.fake, 2026);
  for (const row of NEW_UNITS) {
    const s = env.master.getSheetByName(`${row[1]} 2026`) as Sheet;
    put(s, 'TCD_LUOT', 1, 20);
    submit(s, 1, '2026-01-16');
  }
  const jan = runAggregate(env.fake, '1/2026');
  expect([luot(jan)?.period, luot(jan)?.lastYearPeriod]).toEqual([100, 11]);
});

test('Kiểm tra on an old commune’s tab checks it', () => {
  reformMaster();
  const old = env.master.getSheetByName('Chung Chải 2025') as Sheet;
  put(old, 'TCD_LUOT', 3, 'abc');
  env.master.setActiveSheet(old);
  main.checkData();
  expect(env.fake.toasts.at(-1)?.msg).not.toBe(CHECK.none);
  const check = env.master.getSheetByName('Kiểm tra') as Sheet;
  expect(
    check
      .getDataRange()
      .getValues()
      .flat()
      .some((v) => String(v).includes('"abc" không phải là số')),
  ).toBe(true);
});
