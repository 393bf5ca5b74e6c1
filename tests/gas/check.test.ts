import { submissionDateSlips } from '../../src/engine/aggregate/aggregate';
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { todayIn } from '../../src/engine/periods/cutoff';
import {
  a1,
  indicatorRows,
  isoToSerial,
  LAYOUT,
  monthCol,
  unitDisplayName,
  unitSheetName,
} from '../../src/engine/sheet/layout';
import { readSheet } from '../../src/engine/sheet/read';
import { DEFAULT_LEVEL } from '../../src/engine/text/level';
import type { UnitYear } from '../../src/engine/types';
import { MARK, runCheck } from '../../src/gas/check';
import * as main from '../../src/gas/main';
import { readGrid } from '../../src/gas/util';
import { SHEETS } from '../../src/messages/vi/gas';
import {
  configOf,
  createEnv,
  type Env,
  NOW,
  runSetup,
  runTemplates,
  seedUnitSheet,
  setSetting,
  unitSheet,
  unitUrls,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const rows = indicatorRows(defaultCatalogue());

function checkRows(env: Env): unknown[][] {
  return (env.master.getSheetByName(SHEETS.check) as Sheet).getDataRange().getValues();
}

describe('Kiểm tra dữ liệu', () => {
  let env: Env;
  let urls: Record<string, string>;

  function prepare(layout: 'a' | 'b') {
    env = createEnv();
    runSetup();
    if (layout === 'b') setSetting(env.master, 'separateSpreadsheets', 'có');
    runTemplates(env.fake);
    urls = layout === 'b' ? unitUrls(env.master) : {};
    env.units.forEach((u, i) => {
      seedUnitSheet(unitSheet(env, u, YEAR, urls[u.code]) as Sheet, i);
    });
  }
  afterEach(() => env.dispose());

  test('checks the active unit sheet: lists findings with their place, marks the cells, toasts a summary', () => {
    prepare('a');
    const u = env.units[1];
    const s = unitSheet(env, u) as Sheet;
    const tong = a1(rows.get('DON_TONG') as number, monthCol(9));
    const luot = a1(rows.get('TCD_LUOT') as number, monthCol(8));
    s.getRange(tong).setValue(9); // ≠ 1 + 0 + 2
    s.getRange(luot).setValue('12 lượt'); // not a number
    env.master.setActiveSheet(s);
    const r = main.checkData();
    expect(r?.units).toBe(1);
    expect(r?.errors).toBeGreaterThanOrEqual(2);
    const list = checkRows(env);
    expect(list[0]).toEqual(['Mức độ', 'Đơn vị', 'Tháng', 'Vị trí', 'Nội dung']);
    const places = list.map((x) => x[3]);
    expect(places).toContain(`${unitSheetName(u, YEAR)}!${luot}`);
    expect(list.every((x, i) => i === 0 || x[1] === 'Xã Huổi Lếch')).toBe(true);
    expect(list.some((x) => x[0] === 'Lỗi' && x[2] === 9)).toBe(true);
    expect(s.getRange(luot).getNote()).toMatch(/^Kiểm tra: /);
    expect(s.getRange(luot).getBackground().toLowerCase()).toBe(MARK.error);
    expect(env.fake.toasts.at(-1)?.msg).toMatch(
      /^Đã kiểm tra 1 đơn vị: \d+ lỗi, \d+ cảnh báo\. Xem trang "Kiểm tra"\.$/,
    );

    // Fixed and checked again: the marks are gone, the list says so.
    s.getRange(tong).setValue(3);
    s.getRange(luot).setValue(12);
    env.master.setActiveSheet(s);
    main.checkData();
    expect(s.getRange(luot).getNote()).toBe('');
    expect(s.getRange(luot).getBackground().toLowerCase()).not.toBe(MARK.error);
    expect(checkRows(env)[1][0]).toBe('Không phát hiện lỗi nào.');
  });

  test('keeps notes people wrote themselves', () => {
    prepare('a');
    const s = unitSheet(env, env.units[0]) as Sheet;
    const cell = s.getRange(rows.get('DVK_DANGKY') as number, monthCol(2));
    cell.setNote('Số liệu đã đối chiếu với Hội Nông dân');
    env.master.setActiveSheet(s);
    main.checkData();
    expect(cell.getNote()).toBe('Số liệu đã đối chiếu với Hội Nông dân');
  });

  test('from another sheet, checks every unit and lists units without a sheet', () => {
    prepare('a');
    env.master.deleteSheet(unitSheet(env, env.units[10]) as Sheet);
    const bad = unitSheet(env, env.units[4]) as Sheet;
    bad.getRange(rows.get('HND_SXKDG_CONGNHAN') as number, monthCol(3)).setValue(10000); // > registered
    env.master.setActiveSheet(env.master.getSheetByName(SHEETS.settings) as Sheet);
    const r = main.checkData();
    expect(r?.units).toBe(11);
    const list = checkRows(env);
    expect(list.some((x) => x[1] === 'Xã Mường Toong' && x[0] === 'Lỗi')).toBe(true);
    expect(list.some((x) => String(x[4]).includes('Sín Thầu'))).toBe(true);
  });

  test('every unit is read over the Sheets API: the tab list and one request, no tab read cell by cell', () => {
    prepare('a');
    env.master.setActiveSheet(env.master.getSheetByName(SHEETS.settings) as Sheet);
    env.fake.calls.reset();
    const r = main.checkData();
    expect(r?.units).toBe(11);
    const api = env.fake.http.requests.filter((q) => q.url.startsWith('https://sheets.googleapis.com/'));
    expect(api).toHaveLength(2);
    expect(api[1].url).toContain('includeGridData');
    // Reading the units the SpreadsheetApp way was one getDataRange().getValues() per unit tab.
    expect(env.fake.calls.count('Sheet.getDataRange')).toBeLessThan(env.units.length);
  });

  test('every unit, layout (a): cells are marked in the tabs, and the marks go once fixed', () => {
    prepare('a');
    const s = unitSheet(env, env.units[3]) as Sheet;
    const cell = s.getRange(rows.get('DTN_QUA') as number, monthCol(2));
    const good = cell.getValue();
    cell.setValue(-4);
    env.master.setActiveSheet(env.master.getSheetByName(SHEETS.settings) as Sheet);
    main.checkData();
    expect(cell.getNote()).toMatch(/^Kiểm tra: /);
    expect(cell.getBackground().toLowerCase()).toBe(MARK.error);
    cell.setValue(good);
    main.checkData();
    expect(cell.getNote()).toBe('');
    expect(cell.getBackground().toLowerCase()).not.toBe(MARK.error);
  });

  test('layout (b): a mark of an earlier check is cleared once the cell is fixed', () => {
    prepare('b');
    const u = env.units[5];
    const s = unitSheet(env, u, YEAR, urls[u.code]) as Sheet;
    const cell = s.getRange(rows.get('TCD_LUOT') as number, monthCol(4));
    const good = cell.getValue();
    cell.setValue('mười');
    env.master.setActiveSheet(env.master.getSheetByName(SHEETS.settings) as Sheet);
    main.checkData();
    expect(cell.getNote()).toMatch(/^Kiểm tra: /);
    expect(cell.getBackground().toLowerCase()).toBe(MARK.error);
    const place = `${unitSheetName(u, YEAR)}!${cell.getA1Notation()}`;
    expect(checkRows(env).some((x) => x[1] === unitDisplayName(u) && x[3] === place)).toBe(true);

    cell.setValue(good);
    main.checkData();
    expect(cell.getNote()).toBe('');
    expect(cell.getBackground().toLowerCase()).not.toBe(MARK.error);
    expect(checkRows(env).some((x) => x[1] === unitDisplayName(u))).toBe(false);
  });

  test('units not reached in the time the run has are listed as not checked, not as missing', () => {
    prepare('b');
    const config = configOf(env.master);
    const r = runCheck(env.master, config, { year: YEAR }, { deadline: 0, now: () => env.fake.clock.nowMs() });
    expect(r.units).toBe(0);
    const list = checkRows(env).slice(1);
    expect(list).toHaveLength(env.units.length);
    for (const u of env.units)
      expect(
        list.some(
          (x) => x[1] === unitDisplayName(u) && String(x[4]).startsWith(`Chưa kiểm tra ${unitDisplayName(u)}:`),
        ),
      ).toBe(true);
    expect(list.some((x) => /chưa (nộp|có)/i.test(String(x[4])))).toBe(false);
  });

  test('layout (b), slow to open: the units reached are checked, the toast says how many are not', () => {
    prepare('b');
    env.master.setActiveSheet(env.master.getSheetByName(SHEETS.settings) as Sheet);
    env.fake.latency.openByUrl = 40_000; // 3 minutes reach 5 units
    const r = main.checkData();
    expect(r?.units).toBeGreaterThan(0);
    expect(r?.notChecked.length).toBeGreaterThan(0);
    expect((r?.units ?? 0) + (r?.notChecked.length ?? 0)).toBe(env.units.length);
    expect(env.fake.toasts.at(-1)?.msg).toContain(
      `Còn ${r?.notChecked.length} đơn vị chưa kiểm tra được vì lần chạy hết thời gian`,
    );
  });

  test('layout (b): links point into the unit spreadsheet; an unreadable one is listed', () => {
    prepare('b');
    const u = env.units[2];
    const s = unitSheet(env, u, YEAR, urls[u.code]) as Sheet;
    s.getRange(rows.get('DON_TONG') as number, monthCol(9)).setValue(9);
    env.fake.faults.add({
      method: 'SpreadsheetApp.openByUrl',
      when: (args) => args[0] === urls[env.units[7].code],
      error: 'You do not have permission to access the requested document.',
    });
    main.checkData();
    const list = checkRows(env);
    expect(list.some((x) => x[1] === 'Xã Leng Su Sìn' && String(x[3]).startsWith(unitSheetName(u, YEAR)))).toBe(true);
    expect(list.some((x) => String(x[4]).includes('Không mở được bảng tính của Xã Pá Mỳ'))).toBe(true);
    // The mark is made in the unit's own spreadsheet, on the rule's first cell.
    const first = s.getRange(rows.get('DON_KHIEUNAI') as number, monthCol(9));
    expect(first.getNote()).toMatch(/^Kiểm tra: /);
    expect(first.getBackground().toLowerCase()).toBe(MARK.error);
  });

  test('figures typed a column too far (October before it closes, September empty) are warned of, as `tonghop check` does', () => {
    prepare('a');
    const u = env.units[3];
    const s = unitSheet(env, u) as Sheet;
    // September's figures typed into October's column (NOW is 5 October 2018: October is open).
    const first = LAYOUT.submittedRow + 1;
    const last = Math.max(...rows.values());
    const sep = s.getRange(first, monthCol(9), last - first + 1, 1);
    const typed = sep.getValues();
    s.getRange(first, monthCol(10), last - first + 1, 1).setValues(typed);
    sep.setValues(typed.map(() => ['']));
    const filled = typed.findIndex((r) => r[0] !== '' && r[0] !== null);
    const cell = a1(first + filled, monthCol(10));
    const isSlip = (x: unknown[]) =>
      x[0] === 'Cảnh báo' && x[2] === 10 && /nhập nhầm cột/.test(String(x[4])) && String(x[4]).includes(cell);

    env.master.setActiveSheet(s);
    main.checkData();
    const mine = checkRows(env).filter(isSlip);
    expect(mine).toHaveLength(1);
    expect(mine[0][1]).toBe(unitDisplayName(u));
    expect(mine[0][3]).toBe(`${unitSheetName(u, YEAR)}!${cell}`);
    expect(s.getRange(cell).getNote()).toContain('nhập nhầm cột');
    expect(s.getRange(cell).getBackground().toLowerCase()).toBe(MARK.warning);

    // Every unit: only this one's sheet is warned of.
    env.master.setActiveSheet(env.master.getSheetByName(SHEETS.settings) as Sheet);
    main.checkData();
    const all = checkRows(env).filter((x) => x[0] === 'Cảnh báo' && /nhập nhầm cột/.test(String(x[4])));
    expect(all.map((x) => x[1])).toEqual([unitDisplayName(u)]);
  });
});

describe('Kiểm tra and submission dates, as `tonghop check`', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('a date after today or before its month closes is warned of, named by its cell and marked', () => {
    env = createEnv();
    runSetup();
    runTemplates(env.fake);
    env.units.forEach((u, i) => {
      seedUnitSheet(unitSheet(env, u) as Sheet, i);
    });
    const u = env.units[2];
    const s = unitSheet(env, u) as Sheet;
    const early = a1(LAYOUT.submittedRow, monthCol(7));
    const late = a1(LAYOUT.submittedRow, monthCol(8));
    s.getRange(early).setValue(isoToSerial(`${YEAR}-07-03`)); // before July's data window closes
    s.getRange(late).setValue(isoToSerial(`${YEAR}-10-20`)); // after NOW (05/10/2018)
    env.master.setActiveSheet(env.master.getSheetByName(SHEETS.settings) as Sheet);
    main.checkData();

    // What `tonghop check` says of this sheet: the engine's slips at the add-on's today.
    const config = configOf(env.master);
    const { report } = readSheet(
      { name: s.getName(), grid: readGrid(s, config.settings.timeZone) },
      { level: DEFAULT_LEVEL, catalogue: config.catalogue, units: config.units },
    );
    const slips = submissionDateSlips([report as UnitYear], config.settings, todayIn(config.settings.timeZone, NOW));
    expect(slips.map((f) => [f.code, f.cell])).toEqual([
      ['submitted-before-period-end', early],
      ['submitted-after-run', late],
    ]);
    const said = checkRows(env).filter((x) => x[0] === 'Cảnh báo' && /ngày nộp/.test(String(x[4])));
    expect(said.map((x) => [x[1], x[2], x[3]])).toEqual([
      [unitDisplayName(u), 7, `${unitSheetName(u, YEAR)}!${early}`],
      [unitDisplayName(u), 8, `${unitSheetName(u, YEAR)}!${late}`],
    ]);
    expect(said.map((x) => String(x[4]))).toEqual(slips.map((f) => f.message));
    expect(String(said[1][4])).toContain('20/10/2018');
    expect(s.getRange(late).getNote()).toContain('20/10/2018');
    expect(s.getRange(late).getBackground().toLowerCase()).toBe(MARK.warning);
  });
});
