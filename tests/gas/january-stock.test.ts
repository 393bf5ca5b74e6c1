/**
 * January: a commune that leaves its unchanged cumulative figure ("lũy kế") blank in T1 has its
 * December figure of last year's tab counted "đến nay", and the summary says so, naming it with
 * the month; "so cùng kỳ" is then a rise, not a false fall.
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, isoToSerial, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import {
  createEnv,
  type Env,
  runAggregate,
  runSetup,
  runTemplates,
  SEEDED,
  seedValue,
  summaryRow,
  unitSheet,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const catalogue = defaultCatalogue();
const rows = indicatorRows(catalogue);
const label = (code: string) => catalogue.indicators.find((i) => i.code === code)?.label as string;
const STOCKS = ['HND_SXKDG_DANGKY', 'HND_SXKDG_CONGNHAN'];

/** Months 1…`months` of `year` typed and dated in unit `i`'s tab, but the codes of `skip`. */
function seed(sheet: Sheet, i: number, year: number, months: number, skip: string[] = []) {
  const first = LAYOUT.submittedRow;
  const last = Math.max(...rows.values());
  const block = sheet.getRange(first, monthCol(1), last - first + 1, 12);
  const values = block.getValues();
  for (let m = 1; m <= months; m++) {
    values[0][m - 1] = isoToSerial(`${year}-${String(m).padStart(2, '0')}-16`);
    for (const code of SEEDED) {
      const v = skip.includes(code) ? null : seedValue(code, i, m);
      if (v !== null) values[(rows.get(code) as number) - first][m - 1] = v;
    }
  }
  block.setValues(values);
}

let env: Env | undefined;
afterEach(() => env?.dispose());

test('January 2019: Chung Chải leaves both stocks blank in T1; its December 2018 figures are counted and said', () => {
  env = createEnv({ now: new Date('2019-01-20T09:00:00+07:00') });
  runSetup();
  runTemplates(env.fake, 2018);
  runTemplates(env.fake, 2019);
  const units = env.units;
  units.forEach((u, i) => {
    seed(unitSheet(env as Env, u, 2018) as Sheet, i, 2018, 12);
    seed(unitSheet(env as Env, u, 2019) as Sheet, i, 2019, 1, i === 0 ? STOCKS : []);
  });
  runAggregate(env.fake, '');
  const sheet = env.master.getSheetByName('Tổng hợp 2019-01') as Sheet;
  const code = 'HND_SXKDG_DANGKY';
  const others = units.reduce((acc, _, i) => acc + (i ? (seedValue(code, i, 1) as number) : 0), 0);
  const lastJanuary = units.reduce((acc, _, i) => acc + (seedValue(code, i, 1) as number), 0);
  const soFar = others + (seedValue(code, 0, 12) as number);
  const row = summaryRow(sheet, label(code));
  // The month's own figures (the period's column, as mid-year), then so far against last year's.
  expect([row?.[3], row?.[4], row?.[8], row?.[9]]).toEqual([others, soFar, lastJanuary, soFar - lastJanuary]);
  expect(soFar - lastJanuary).toBeGreaterThan(0);
  // The month's change compares a total without Chung Chải against last January's with it: marked
  // "*" (as the e-mail shows no month for a stock), not an unmarked fall.
  const r =
    sheet
      .getDataRange()
      .getValues()
      .findIndex((x) => x[1] === label(code)) + 1;
  expect(row?.[6]).toBe(others - lastJanuary);
  expect(sheet.getRange(r, 7).getNumberFormat()).toContain('"*"');
  expect(sheet.getRange(r, 8).getNumberFormat()).toContain('"*"');
  expect(sheet.getRange(r, 10).getNumberFormat()).not.toContain('*');
  const text = sheet.getDataRange().getValues().flat().map(String).join('\n');
  const name = units[0].name;
  expect(text).toContain(
    `Số đến nay gồm số đã báo cáo trước đó của xã ${name} (số tháng 12/2018), chưa có số liệu tháng 1/2019.`,
  );
  // The summary's note too, for both stocks.
  expect(text).toContain(`gồm số đã báo cáo trước đó của xã ${name} (số tháng 12/2018), chưa có số liệu tháng 1/2019;`);
  expect(text).toContain(`tăng ${soFar - lastJanuary} hộ so cùng kỳ`);
  expect(text).not.toContain(`giảm ${lastJanuary - others} hộ so cùng kỳ`);
});
