/**
 * "Kiểm tra dữ liệu" lists the remarks units wrote in the "Ghi chú" column beside indicator rows,
 * as `tonghop check` does (unit, cell, indicator, text): rows after the findings, their cells not
 * marked; at most MAX_CHECK_REMARKS, then one row says how many more.
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, LAYOUT, unitSheetName } from '../../src/engine/sheet/layout';
import { MAX_CHECK_REMARKS } from '../../src/gas/check';
import * as main from '../../src/gas/main';
import { SHEETS } from '../../src/messages/vi/gas';
import { type Env, seededMaster, unitSheet, YEAR } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const catalogue = defaultCatalogue();
const rows = indicatorRows(catalogue);
const label = (code: string) => catalogue.indicators.find((i) => i.code === code)?.label as string;
const R = (code: string) => `R${rows.get(code)}`;

let env: Env;
afterEach(() => env.dispose());

function checkRows(): unknown[][] {
  return (env.master.getSheetByName(SHEETS.check) as Sheet).getDataRange().getValues();
}

function remark(i: number, code: string, text: string): Sheet {
  const s = unitSheet(env, env.units[i]) as Sheet;
  s.getRange(rows.get(code) as number, LAYOUT.noteCol).setValue(text);
  return s;
}

test('every unit: each remark on a row of its own with unit, place and indicator; the cell not marked', () => {
  env = seededMaster({ api: true });
  const s = remark(0, 'DTN_QUA', 'Gồm 12 suất của xã bạn chuyển sang');
  remark(3, 'DON_TONG', 'Số liệu tạm tính');
  env.master.setActiveSheet(env.master.getSheetByName(SHEETS.settings) as Sheet);
  main.checkData();
  const listed = checkRows().filter((r) => r[0] === 'Ghi chú');
  const [a, b] = [env.units[0], env.units[3]];
  expect(listed).toEqual([
    [
      'Ghi chú',
      `Xã ${a.name}`,
      '',
      `${unitSheetName(a, YEAR)}!${R('DTN_QUA')}`,
      `Chỉ tiêu "${label('DTN_QUA')}": Gồm 12 suất của xã bạn chuyển sang`,
    ],
    [
      'Ghi chú',
      `Xã ${b.name}`,
      '',
      `${unitSheetName(b, YEAR)}!${R('DON_TONG')}`,
      `Chỉ tiêu "${label('DON_TONG')}": Số liệu tạm tính`,
    ],
  ]);
  const cell = s.getRange(R('DTN_QUA'));
  expect(cell.getNote()).toBe('');

  // The unit's own sheet checked: its remark only.
  env.master.setActiveSheet(s);
  main.checkData();
  expect(
    checkRows()
      .filter((r) => r[0] === 'Ghi chú')
      .map((r) => r[1]),
  ).toEqual([`Xã ${a.name}`]);
});

test(`more than ${MAX_CHECK_REMARKS} remarks: the first listed, then how many more`, () => {
  env = seededMaster({ api: true });
  const codes = ['DTN_QUA', 'DON_TONG', 'DVK_DANGKY', 'TCD_LUOT', 'HND_SXKDG_DANGKY', 'HND_SXKDG_CONGNHAN'];
  env.units.forEach((_, i) => {
    for (const code of codes) remark(i, code, `ghi chú ${i}-${code}`);
  });
  const total = env.units.length * codes.length;
  expect(total).toBeGreaterThan(MAX_CHECK_REMARKS);
  env.master.setActiveSheet(env.master.getSheetByName(SHEETS.settings) as Sheet);
  main.checkData();
  const listed = checkRows().filter((r) => r[0] === 'Ghi chú');
  expect(listed).toHaveLength(MAX_CHECK_REMARKS + 1);
  expect(listed.at(-1)?.[4]).toBe(
    `… và ${total - MAX_CHECK_REMARKS} ghi chú khác (xem ở cột "Ghi chú" của các trang báo cáo)`,
  );
  expect(listed.slice(0, -1).every((r) => String(r[4]).startsWith('Chỉ tiêu "'))).toBe(true);
});
