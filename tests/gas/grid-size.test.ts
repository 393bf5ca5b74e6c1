/**
 * Google counts a spreadsheet's grid, not its data, against its 10 million cells, and a sheet made
 * at the default 1,000 × 26 is 26,000 cells whatever it holds. The sheets the add-on makes (commune
 * tabs, the period's summaries, "Dữ liệu") are their content plus a few spare rows and columns, so
 * that a large province in one spreadsheet (layout a) lasts for years, not months.
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { buildUnitSheet, unitSheetName } from '../../src/engine/sheet/layout';
import type { Unit } from '../../src/engine/types';
import { unitsModel } from '../../src/gas/config/units';
import { gridSize, renderSheet, SPARE_COLS, SPARE_ROWS } from '../../src/gas/render';
import { SHEETS } from '../../src/messages/vi/gas';
import {
  createEnv,
  type Env,
  lastAlert,
  runAggregate,
  runSetup,
  runTemplates,
  seededMaster,
  seedUnitSheet,
  setUpLayoutB,
  unitSheet,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const size = (s: Sheet) => [s.getMaxRows(), s.getMaxColumns()];
const cellsOf = (ss: Spreadsheet) => ss.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);

describe('"Tạo mẫu": a commune tab is its table and a few spare rows and columns', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('layout (a): every tab of the master', () => {
    env = createEnv();
    runSetup();
    runTemplates(env.fake);
    for (const u of env.units) {
      const want = gridSize(buildUnitSheet(u, YEAR, defaultCatalogue()));
      expect([u.code, ...size(unitSheet(env, u) as Sheet)]).toEqual([u.code, want.rows, want.cols]);
    }
    // 48 × 18 and the spare: ~1,300 cells instead of 26,000.
    const one = size(unitSheet(env, env.units[0]) as Sheet);
    expect(one[0] * one[1]).toBeLessThan(2000);
  });

  test('layout (b): the tab of each commune’s own spreadsheet', () => {
    env = createEnv();
    runSetup();
    const urls = setUpLayoutB(env);
    for (const u of env.units) {
      const want = gridSize(buildUnitSheet(u, YEAR, defaultCatalogue()));
      expect([u.code, ...size(unitSheet(env, u, YEAR, urls[u.code]) as Sheet)]).toEqual([u.code, want.rows, want.cols]);
    }
    // The next year's tab, inserted into the same spreadsheets.
    runTemplates(env.fake, YEAR + 1);
    const u = env.units[0];
    const want = gridSize(buildUnitSheet(u, YEAR + 1, defaultCatalogue()));
    expect(size(unitSheet(env, u, YEAR + 1, urls[u.code]) as Sheet)).toEqual([want.rows, want.cols]);
  });

  test('the spare rows are there to type in: a signature under the table', () => {
    env = createEnv();
    runSetup();
    runTemplates(env.fake);
    const s = unitSheet(env, env.units[0]) as Sheet;
    const below = s.getLastRow() + SPARE_ROWS;
    s.getRange(below, 3).setValue('Người lập biểu');
    expect(s.getRange(below, 3).getValue()).toBe('Người lập biểu');
  });
});

describe('"Tạo mẫu" run again on tabs an earlier version made at Google’s default size', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('their empty rows and columns go, anything typed stays; a second run deletes nothing', () => {
    env = seededMaster({ api: true, months: 9 });
    const [old, other] = [unitSheet(env, env.units[2]) as Sheet, unitSheet(env, env.units[3]) as Sheet];
    // As insertSheet made it: 1,000 × 26. A remark typed far below and right of the table.
    for (const s of [old, other]) {
      s.insertRowsAfter(s.getMaxRows(), 1000 - s.getMaxRows());
      s.insertColumnsAfter(s.getMaxColumns(), 26 - s.getMaxColumns());
    }
    other.getRange(70, 19).setValue('Xã đã báo cáo bổ sung');
    const before = [old, other].map((s) => s.getDataRange().getValues());
    const r = runTemplates(env.fake);
    expect(r?.trimmed).toBe(2);
    expect(lastAlert(env)).toContain('bỏ hàng và cột trống thừa ở 2 trang làm từ trước');
    const fresh = gridSize(buildUnitSheet(env.units[2], YEAR, defaultCatalogue()));
    expect(size(old)).toEqual([fresh.rows, fresh.cols]);
    expect(size(other)).toEqual([70 + SPARE_ROWS, 19 + SPARE_COLS]);
    expect([old, other].map((s) => s.getDataRange().getValues())).toEqual(before);
    env.fake.resetCalls();
    expect(runTemplates(env.fake)?.trimmed).toBe(0);
    expect([env.fake.calls.count('deleteRows'), env.fake.calls.count('deleteColumns')]).toEqual([0, 0]);
  });
});

describe.each([['api'], ['fallback']])(
  '"Tổng hợp" (%s writer): the period’s sheets and "Dữ liệu" fit their content',
  (writer) => {
    let env: Env;
    afterEach(() => env.dispose());

    test('no sheet at Google’s default size; "Dữ liệu" grows with room below', () => {
      env = seededMaster({ api: writer === 'api' });
      runAggregate(env.fake, '8/2018');
      const made = env.master.getSheets().filter((s) => s.getName().includes('2018-08'));
      expect(made.length).toBeGreaterThanOrEqual(2);
      for (const s of made) {
        const [rows, cols] = size(s);
        // The content, a chart's 20 rows below its anchor after the last row, and the spare.
        expect([
          s.getName(),
          rows <= s.getLastRow() + SPARE_ROWS + 21,
          cols <= s.getLastColumn() + SPARE_COLS + 6,
        ]).toEqual([s.getName(), true, true]);
        expect(rows * cols).toBeLessThan(26_000 / 4);
      }
      const data = env.master.getSheetByName(SHEETS.data) as Sheet;
      expect(size(data)).toEqual([data.getLastRow() + SPARE_ROWS, data.getLastColumn() + SPARE_COLS]);
      runAggregate(env.fake, '9/2018');
      expect(size(data)).toEqual([data.getLastRow() + SPARE_ROWS, data.getLastColumn() + SPARE_COLS]);
    });
  },
);

describe.each([['api'], ['fallback']])('"Dữ liệu" an earlier version made at 1,000 × 26 (%s writer)', (writer) => {
  let env: Env;
  afterEach(() => env.dispose());

  test('is cut to its rows, the user’s own column and the spare; nothing of theirs goes', () => {
    env = seededMaster({ api: writer === 'api' });
    runAggregate(env.fake, '8/2018');
    const data = env.master.getSheetByName(SHEETS.data) as Sheet;
    data.insertRowsAfter(data.getMaxRows(), 1000 - data.getMaxRows());
    data.insertColumnsAfter(data.getMaxColumns(), 26 - data.getMaxColumns());
    const cols = data.getLastColumn();
    data.getRange(1, cols + 1).setValue('Ghi chú');
    data.getRange(2, cols + 1).setValue('đã đối chiếu');
    runAggregate(env.fake, '9/2018');
    expect(size(data)).toEqual([data.getLastRow() + SPARE_ROWS, cols + 1 + SPARE_COLS]);
    expect(data.getRange(1, cols + 1, 2, 1).getValues()).toEqual([['Ghi chú'], ['đã đối chiếu']]);
  });
});

describe('a large province in one spreadsheet (layout a)', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('130 communes: two years of tabs and a year of monthly "Tổng hợp" stay far below 10 million cells', () => {
    env = createEnv({ now: new Date('2019-01-05T09:00:00+07:00') });
    const units: Unit[] = Array.from({ length: 130 }, (_, i) => ({
      code: `xa-${String(i + 1).padStart(3, '0')}`,
      name: `Nậm ${String.fromCharCode(65 + (i % 26))}${i + 1}`,
      kind: 'xã',
      emails: [],
    }));
    // The province's communes in "Đơn vị" before "Thiết lập", which keeps an existing sheet.
    renderSheet(env.master.insertSheet(SHEETS.units), unitsModel(units));
    runSetup();
    runTemplates(env.fake, YEAR - 1);
    runTemplates(env.fake, YEAR);
    units.forEach((u, i) => {
      seedUnitSheet(env.master.getSheetByName(unitSheetName(u, YEAR)) as Sheet, i, 12);
    });
    for (let m = 1; m <= 12; m++) {
      const out = runAggregate(env.fake, `${m}/${YEAR}`);
      expect([m, out?.summary.completeness.expected]).toEqual([m, 130]);
    }
    const cells = cellsOf(env.master);
    // Measured: about 0.74 million. At Google's default sheet size the tabs alone are 6.8 million,
    // and the year's summaries and "Dữ liệu" take it past 10 million before December.
    expect(cells).toBeLessThan(2_000_000);
  }, 120_000);
});
