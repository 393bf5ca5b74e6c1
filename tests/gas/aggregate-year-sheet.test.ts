/**
 * The year's aggregate in the commune layout ("Huyện Mường Nhé 2018"), which a higher level reads
 * like a commune's report: each "Tổng hợp" writes the months it sums and keeps the rest, so a
 * re-run of an earlier period does not wipe a later month, and a month keeps the date it was
 * first given.
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import {
  createEnv,
  type Env,
  runAggregate,
  runSetup,
  runTemplates,
  seedUnitSheet,
  seedValue,
  unitSheet,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const rows = indicatorRows(defaultCatalogue());
const YEAR_SHEET = 'Huyện Mường Nhé 2018';
const DAY = 24 * 3600 * 1000;

let env: Env;
beforeEach(() => {
  env = createEnv();
  runSetup();
  runTemplates(env.fake, YEAR);
  env.units.forEach((u, i) => {
    seedUnitSheet(unitSheet(env, u, YEAR) as Sheet, i);
  });
});
afterEach(() => env.dispose());

const yearSheet = () => env.master.getSheetByName(YEAR_SHEET) as Sheet;
const monthsOf = (code: string) =>
  yearSheet()
    .getRange(rows.get(code) as number, monthCol(1), 1, 12)
    .getValues()[0];
const dates = () => yearSheet().getRange(LAYOUT.submittedRow, monthCol(1), 1, 12).getDisplayValues()[0];
const total = (code: string, month: number) =>
  env.units.reduce((sum, _u, i) => sum + (seedValue(code, i, month) ?? 0), 0);

test('a re-run of August after September keeps September’s figures and date; August gets its own', () => {
  runAggregate(env.fake, '9/2018');
  const septemberDate = dates()[8];
  expect(septemberDate).toMatch(/^\d{2}\/\d{2}\/2018$/);
  expect(monthsOf('DVK_DANGKY')[8]).toBe(total('DVK_DANGKY', 9));
  // Months summed on the way (the year to date) are not dated by the September run: each keeps
  // the date its communes' figures were complete (the latest of their dates), so a higher level
  // reading 9 months from this sheet does not find them undated or late.
  const earlier = dates().slice(0, 8);
  for (const d of earlier) expect(d).toMatch(/^\d{2}\/\d{2}\/2018$/);
  expect(earlier).not.toContain(septemberDate);

  env.fake.clock.advance(3 * DAY);
  runAggregate(env.fake, '8/2018');
  expect(monthsOf('DVK_DANGKY')[8]).toBe(total('DVK_DANGKY', 9));
  expect(monthsOf('DVK_DANGKY')[7]).toBe(total('DVK_DANGKY', 8));
  const after = dates();
  expect(after[8]).toBe(septemberDate);
  expect(after[7]).toMatch(/^\d{2}\/\d{2}\/2018$/);
  expect(after[7]).not.toBe(septemberDate);
});

test('a correction re-run keeps the date the month was first given, with the corrected figures', () => {
  runAggregate(env.fake, '9/2018');
  const first = dates()[8];
  // A commune corrects September a week later; the district runs September again.
  const sheet = unitSheet(env, env.units[0], YEAR) as Sheet;
  sheet.getRange(rows.get('DVK_DANGKY') as number, monthCol(9)).setValue(1000);
  env.fake.clock.advance(7 * DAY);
  runAggregate(env.fake, '9/2018');
  expect(dates()[8]).toBe(first);
  expect(monthsOf('DVK_DANGKY')[8]).toBe(total('DVK_DANGKY', 9) - (seedValue('DVK_DANGKY', 0, 9) ?? 0) + 1000);
});
