/**
 * "Kiểm tra" after the 2025 reform (layout b): the new Mường Toong (01/07/2025, of the old Mường
 * Toong and Huổi Lếch) got its own spreadsheet from "Tạo mẫu", headed "(XÃ MỚI – THÁNG 7–12)", and
 * its clerk typed part of May and June there too. Tổng hợp would take those for the area's months
 * instead of the old communes' figures: Kiểm tra warns, as `tonghop check` does, naming the cells.
 */

import * as main from '../../src/gas/main';
import { SHEETS } from '../../src/messages/vi/gas';
import {
  createEnv,
  type Env,
  putByCode as put,
  reformUnitRows,
  runSetup,
  runTemplates,
  setSetting,
  unitUrls,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

let env: Env;
afterEach(() => env.dispose());

const SAID = 'xã mới từ 01/07/2025 nhưng có số liệu tháng 5, 6 năm 2025';

test('Kiểm tra warns of a new commune’s figures in months its old communes report, and marks the cell', () => {
  env = createEnv({ now: new Date('2025-08-20T09:00:00+07:00') });
  runSetup();
  setSetting(env.master, 'separateSpreadsheets', 'có');
  runTemplates(env.fake, 2025);
  const units = env.master.getSheetByName(SHEETS.units) as Sheet;
  units.getRange(2, 1, Math.max(units.getMaxRows() - 1, 1), 7).clearContent();
  const rows = reformUnitRows();
  units.getRange(2, 1, rows.length, 7).setValues(rows);
  runTemplates(env.fake, 2025);
  const ss = SpreadsheetApp.openByUrl(unitUrls(env.master)['muong-toong-2025']);
  const sheet = ss.getSheetByName('Mường Toong 2025') as Sheet;
  put(sheet, 'TCD_LUOT', 5, 4);
  put(sheet, 'TCD_LUOT', 6, 5);
  put(sheet, 'TCD_LUOT', 7, 30);

  env.master.setActiveSheet(env.master.getSheetByName(SHEETS.settings) as Sheet);
  main.checkData();
  const list = (env.master.getSheetByName(SHEETS.check) as Sheet).getDataRange().getValues();
  const found = list.filter((x) => String(x[4]).includes(SAID));
  expect(found).toHaveLength(1);
  const [severity, unit, , place, message] = found[0].map(String);
  expect([severity, unit]).toEqual(['Cảnh báo', 'Xã Mường Toong']);
  const cell = place.replace(/^Mường Toong 2025!/, '');
  expect(cell).toMatch(/^[A-Z]+\d+$/);
  expect(message).toContain(`Xã Mường Toong, trang "Mường Toong 2025", ô ${cell}:`);
  expect(message).toContain('số liệu tháng 1–6 do các xã cũ');
  expect(message).toContain('nếu đây không phải số liệu của cả địa bàn, hãy xóa');
  // The cell is May's figure (4), marked with the warning.
  expect(sheet.getRange(cell).getValue()).toBe(4);
  expect(sheet.getRange(cell).getNote()).toContain(SAID);
});
