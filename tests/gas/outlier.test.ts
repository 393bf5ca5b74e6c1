/**
 * The add-on's Tổng hợp: a commune's September figure typed 100 times its usual (extra zeros) is a
 * warning in "Kiểm tra", naming the commune, its cell, the indicator and the month; the total on the
 * summary sheet still counts it.
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { a1, indicatorRows, monthCol, unitDisplayName } from '../../src/engine/sheet/layout';
import {
  createEnv,
  type Env,
  expectedSeptember,
  runAggregate,
  runSetup,
  runTemplates,
  seedUnitSheet,
  seedValue,
  summaryRow,
  unitSheet,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const catalogue = defaultCatalogue();
const CODE = 'TCD_LUOT';
const label = catalogue.indicators.find((i) => i.code === CODE)?.label as string;
const row = indicatorRows(catalogue).get(CODE) as number;

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

test('Kiểm tra names the commune, cell, indicator and month of a figure 100 times its usual; the total keeps it', () => {
  const at = 5;
  const usual = seedValue(CODE, at, 9) as number;
  const typed = usual * 100;
  (unitSheet(env, env.units[at], YEAR) as Sheet).getRange(row, monthCol(9)).setValue(typed);
  runAggregate(env.fake, '');
  const checks = (env.master.getSheetByName('Kiểm tra 2018-09') as Sheet).getDataRange().getValues().flat().map(String);
  const place = `${unitDisplayName(env.units[at])}, ô ${a1(row, monthCol(9))} (${label}, tháng 9): ${typed.toLocaleString('de-DE')} lượt, gấp`;
  const found = checks.filter((v) => v.includes('có gõ thừa số 0?'));
  expect(found).toHaveLength(1);
  expect(found[0]).toContain(place);
  const summary = env.master.getSheetByName('Tổng hợp 2018-09') as Sheet;
  expect(summaryRow(summary, label)?.[3]).toBe(expectedSeptember(CODE, env.units.length) - usual + typed);
});
