/**
 * A breakdown's total left blank while its parts are typed ("đơn khiếu nại" 2, "Tổng số đơn" empty)
 * is flagged while the commune types, as a broken rule is: the total's cell turns yellow in the tab
 * "Tạo mẫu" made, and "Kiểm tra dữ liệu" names that same cell. Typing the total clears it; a wrong
 * total turns the rule's red; parts all 0 flag nothing, as the engine warns nothing.
 */

import { STYLES } from '../../src/engine/report/model';
import { LAYOUT, monthCol, unitSheetName } from '../../src/engine/sheet/layout';
import * as main from '../../src/gas/main';
import { SHEETS } from '../../src/messages/vi/gas';
import { type Env, seededMaster, unitSheet, YEAR } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

let env: Env;
afterEach(() => env.dispose());

const YELLOW = (STYLES.warning.fill as string).toLowerCase();
const RED = (STYLES.error.fill as string).toLowerCase();

function rowOf(s: Sheet, code: string): number {
  const codes = s.getRange(1, LAYOUT.codeCol, s.getLastRow(), 1).getValues();
  return codes.findIndex((r) => r[0] === code) + 1;
}

test('parts typed, total blank: the total cell turns yellow, and "Kiểm tra" names that cell', () => {
  env = seededMaster({ api: true, months: 9 });
  const s = unitSheet(env, env.units[2]) as Sheet;
  const m = 10;
  const cell = (code: string) => s.getRange(rowOf(s, code), monthCol(m));
  const shown = (code: string) => env.fake.highlight(cell(code));
  // Nothing typed in October: nothing flagged.
  expect(['DON_TONG', 'DON_KHIEUNAI'].map(shown)).toEqual([null, null]);

  cell('DON_KHIEUNAI').setValue(2);
  cell('DON_TOCAO').setValue(1);
  expect(shown('DON_TONG')).toBe(YELLOW);
  // The parts are not what to fix: only the total's cell is marked.
  expect(['DON_KHIEUNAI', 'DON_TOCAO', 'DON_KIENNGHI'].map(shown)).toEqual([null, null, null]);
  // September, filled and consistent, stays plain.
  expect(env.fake.highlight(s.getRange(rowOf(s, 'DON_TONG'), monthCol(9)))).toBeNull();

  env.master.setActiveSheet(s);
  main.checkData();
  const listed = (env.master.getSheetByName(SHEETS.check) as Sheet)
    .getDataRange()
    .getValues()
    .filter((r) => r.some((v) => String(v).includes('để trống nhưng các ô thành phần')));
  const a1 = cell('DON_TONG').getA1Notation();
  expect(listed).toHaveLength(1);
  expect(listed[0].join(' ')).toContain(`${unitSheetName(env.units[2], YEAR)}!${a1}`);

  cell('DON_TONG').setValue(3);
  expect(shown('DON_TONG')).toBeNull();
  cell('DON_TONG').setValue(4);
  expect(shown('DON_TONG')).toBe(RED);
});

test('parts all 0 and the total blank: nothing flagged, as the engine warns nothing', () => {
  env = seededMaster({ api: true, months: 9 });
  const s = unitSheet(env, env.units[0]) as Sheet;
  const row = rowOf(s, 'DON_KHIEUNAI');
  s.getRange(row, monthCol(11)).setValue(0);
  expect(env.fake.highlight(s.getRange(rowOf(s, 'DON_TONG'), monthCol(11)))).toBeNull();
  // The total cell's help says why it may turn yellow.
  const help = s.getRange(rowOf(s, 'DON_TONG'), monthCol(11)).getDataValidation()?.getHelpText() ?? '';
  expect(help).toContain('Ô tô vàng');
});
