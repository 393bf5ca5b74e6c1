/**
 * "Tổng hợp" warns when the period's deadline counts working days of a year the "Ngày nghỉ" sheet
 * has no day of, or no Tết day of: the warning is in the result and in the period's "Kiểm tra"
 * sheet, names the year and the "Ngày nghỉ" sheet. The demo year (2018) is not warned.
 */
import { isoToSerial } from '../../src/engine/sheet/layout';
import type { Finding } from '../../src/engine/types';
import { SHEETS } from '../../src/messages/vi/gas';
import { createEnv, type Env, runAggregate, runSetup, runTemplates, seededMaster } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

let env: Env | undefined;
afterEach(() => {
  env?.dispose();
  env = undefined;
});

const holidayFindings = (findings: Finding[] | undefined) =>
  (findings ?? []).filter((f) => f.code.startsWith('holidays-'));

/** The text of every cell of a sheet of the master. */
const sheetText = (e: Env, name: string) =>
  ((e.master.getSheetByName(name) as Sheet | null)?.getDataRange().getDisplayValues() ?? []).flat().join('\n');

/** A master in `year` (on 20/02 of it), set up, with that year's tabs, blank. */
function masterIn(year: number): Env {
  const e = createEnv({ now: new Date(`${year}-02-20T09:00:00+07:00`) });
  runSetup();
  runTemplates(e.fake, year);
  return e;
}

test('2018 (the demo year, days off listed): no warning', () => {
  env = seededMaster({ api: true });
  const r = runAggregate(env.fake, '9/2018');
  expect(r?.summary.period).toEqual({ type: 'month', year: 2018, index: 9 });
  expect(holidayFindings(r?.summary.findings)).toEqual([]);
  expect(sheetText(env, 'Kiểm tra 2018-09')).not.toContain('Danh sách ngày nghỉ');
});

test('2028, no day off listed: a warning naming the year and the "Ngày nghỉ" sheet, in "Kiểm tra 2028-01"', () => {
  env = masterIn(2028);
  const r = runAggregate(env.fake, '1/2028');
  const found = holidayFindings(r?.summary.findings);
  expect(found.map((f) => [f.severity, f.code])).toEqual([['warning', 'holidays-missing']]);
  expect(found[0].message).toContain('chưa có ngày nào của năm 2028');
  expect(found[0].message).toContain('trang "Ngày nghỉ"');
  expect(sheetText(env, 'Kiểm tra 2028-01')).toContain(found[0].message);
});

test('2027, the days fixed by law listed but not Tết: warned until the admin adds the Tết days', () => {
  env = masterIn(2027);
  const r = runAggregate(env.fake, '1/2027');
  const found = holidayFindings(r?.summary.findings);
  expect(found.map((f) => f.code)).toEqual(['holidays-no-tet']);
  expect(found[0].message).toContain('năm 2027 chưa có ngày nghỉ Tết Nguyên đán');
  expect(sheetText(env, 'Kiểm tra 2027-01')).toContain(found[0].message);

  // The admin adds the Tết days once they are announced (dates here for the test only): no warning any more.
  const sheet = env.master.getSheetByName(SHEETS.holidays) as Sheet;
  const tet = ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'];
  sheet
    .getRange(sheet.getLastRow() + 1, 1, tet.length, 2)
    .setValues(tet.map((d) => [isoToSerial(d), 'Tết Nguyên đán']));
  const again = runAggregate(env.fake, '2/2027');
  expect(again?.summary.period).toEqual({ type: 'month', year: 2027, index: 2 });
  expect(holidayFindings(again?.summary.findings)).toEqual([]);
  expect(sheetText(env, 'Kiểm tra 2027-02')).not.toContain('Danh sách ngày nghỉ');
});

test('a master without the "Ngày nghỉ" sheet (set up before it existed): warned even in 2018', () => {
  env = seededMaster({ api: true });
  env.master.deleteSheet(env.master.getSheetByName(SHEETS.holidays) as Sheet);
  const r = runAggregate(env.fake, '9/2018');
  expect(holidayFindings(r?.summary.findings).map((f) => f.code)).toEqual(['holidays-missing']);
});
