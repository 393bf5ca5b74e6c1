/**
 * "Dữ liệu" has the CSV's last column, "Số liệu chưa đủ kỳ" (a unit's value of a quarter over
 * fewer months). A sheet made before it had the 7 columns alone: "Tổng hợp" adds the column
 * at the end, keeping every row and any column of the user's where it is.
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { LONG_CSV_HEADER, LONG_HEADER } from '../../src/engine/report/long-rows';
import { indicatorRows, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { SHEETS } from '../../src/messages/vi/gas';
import { type Env, runAggregate, seededMaster, unitSheet } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const writers: ['api' | 'fallback'][] = [['api'], ['fallback']];
const cols = LONG_HEADER.length;
const GAPS = LONG_CSV_HEADER[cols];

/** Seeded communes, the first one's August (figures and date) emptied: it lacks a month of Q3. */
function prepare(writer: 'api' | 'fallback'): Env {
  const env = seededMaster({ api: writer === 'api' });
  const sheet = unitSheet(env, env.units[0]) as Sheet;
  const last = Math.max(...indicatorRows(defaultCatalogue()).values());
  sheet.getRange(LAYOUT.submittedRow, monthCol(8), last - LAYOUT.submittedRow + 1, 1).clearContent();
  return env;
}

const dataSheet = (env: Env) => env.master.getSheetByName(SHEETS.data) as Sheet;
const values = (env: Env) => dataSheet(env).getDataRange().getValues();
const alerts = (env: Env) => env.fake.ui.alerts.map((a) => a.prompt).join('\n');

/** What the previous version wrote for August: its header and 7-column rows. */
const OLD_ROWS = [
  ['2018-08', 'chung-chai', 'Chung Chải', 'TCD_LUOT', 'Lượt tiếp công dân', 5, '2018-09-05T09:00:00+07:00'],
  ['2018-08', '*', 'Huyện Mường Nhé', 'TCD_LUOT', 'Lượt tiếp công dân', 121, '2018-09-05T09:00:00+07:00'],
];

function oldSheet(env: Env, extra: string[][] = []): Sheet {
  const sheet = env.master.insertSheet(SHEETS.data);
  const width = cols + (extra[0]?.length ?? 0);
  const rows = [[...LONG_HEADER], ...OLD_ROWS].map((r, i) => [...r, ...(extra[i] ?? [])]);
  sheet.getRange(1, 1, rows.length, width).setValues(rows);
  return sheet;
}

describe.each(writers)('"Dữ liệu" and "Số liệu chưa đủ kỳ" (%s writer)', (writer) => {
  let env: Env;
  afterEach(() => env.dispose());

  test('a new sheet has the column, filled for the unit lacking a month and for the total', () => {
    env = prepare(writer);
    runAggregate(env.fake, 'quý 3/2018');
    const data = values(env);
    expect(data[0]).toEqual([...LONG_CSV_HEADER]);
    for (const r of data) expect(r).toHaveLength(LONG_CSV_HEADER.length);
    const first = env.units[0].code;
    const luot = data.filter((r) => r[3] === 'TCD_LUOT');
    expect(luot.find((r) => r[1] === first)?.[cols]).toBe('thiếu tháng 8');
    expect(luot.find((r) => r[1] === '*')?.[cols]).toBe('gồm 1 xã thiếu tháng');
    expect(luot.filter((r) => r[cols] === '')).toHaveLength(env.units.length - 1);
  });

  test('a sheet made by the previous version gets the column at the end; its rows are kept', () => {
    env = prepare(writer);
    oldSheet(env);
    runAggregate(env.fake, 'quý 3/2018');
    expect(alerts(env)).not.toContain(SHEETS.data);
    const data = values(env);
    expect(data[0]).toEqual([...LONG_CSV_HEADER]);
    expect(data.slice(1, 3)).toEqual(OLD_ROWS.map((r) => [...r, '']));
    const total = data.find((r) => r[0] === '2018-Q3' && r[1] === '*' && r[3] === 'TCD_LUOT');
    expect(total?.[cols]).toBe('gồm 1 xã thiếu tháng');
    expect(
      dataSheet(env)
        .getRange(1, cols + 1)
        .getFontWeight(),
    ).toBe('bold');
    // Run again: the column is found, not added twice.
    runAggregate(env.fake, '9/2018');
    expect(values(env)[0]).toEqual([...LONG_CSV_HEADER]);
  });

  test('an old sheet with a column of the user’s: theirs stays where it is, the new one comes after it', () => {
    env = prepare(writer);
    oldSheet(env, [['Ghi chú'], ['đã đối chiếu'], ['']]);
    runAggregate(env.fake, 'quý 3/2018');
    const data = values(env);
    expect(data[0]).toEqual([...LONG_HEADER, 'Ghi chú', GAPS]);
    expect(data[1]).toEqual([...OLD_ROWS[0], 'đã đối chiếu', '']);
    const first = data.find((r) => r[0] === '2018-Q3' && r[1] === env.units[0].code && r[3] === 'TCD_LUOT');
    expect(first?.slice(cols)).toEqual(['', 'thiếu tháng 8']);
    // Text, as the long format's own columns; the user's keeps its format.
    expect(
      dataSheet(env)
        .getRange(2, cols + 2)
        .getNumberFormat(),
    ).toBe('@');
    expect(
      dataSheet(env)
        .getRange(2, cols + 1)
        .getNumberFormat(),
    ).not.toBe('@');
    // Another run finds the column where it is; the user's note stays.
    runAggregate(env.fake, 'quý 3/2018');
    const again = values(env);
    expect(again[0]).toEqual([...LONG_HEADER, 'Ghi chú', GAPS]);
    expect(again[1][cols]).toBe('đã đối chiếu');
    expect(again.every((r) => r.length === cols + 2)).toBe(true);
  });
});
