/**
 * Two units of one name (two communes "Chung Chải" of two districts, one spreadsheet each): the
 * add-on's own messages name each with its code after the name, as the summary does, and a name
 * typed that both have is never taken for one of them.
 */
import { LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import type { Unit } from '../../src/engine/types';
import * as main from '../../src/gas/main';
import { SHEETS } from '../../src/messages/vi/gas';
import {
  createEnv,
  type Env,
  lastAlert,
  runAggregate,
  runSetup,
  runTemplates,
  seedUnitSheet,
  setSetting,
  unitSheet,
  unitUrls,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

let env: Env;
afterEach(() => env.dispose());

/** Layout (b) with a second "Chung Chải" (code chung-chai-np); every unit's September typed, the twin's not submitted. */
function twins(): { twin: Sheet; templates: string } {
  env = createEnv();
  runSetup();
  setSetting(env.master, 'separateSpreadsheets', 'có');
  const units = env.master.getSheetByName(SHEETS.units) as Sheet;
  units.getRange(units.getLastRow() + 1, 1, 1, 3).setValues([['chung-chai-np', 'Chung Chải', 'xã']]);
  runTemplates(env.fake);
  const templates = lastAlert(env);
  const urls = unitUrls(env.master);
  const chungChai = env.units.find((u) => u.code === 'chung-chai');
  if (!chungChai) throw new Error('no chung-chai');
  const twin = unitSheet(env, { ...chungChai, code: 'chung-chai-np' }, YEAR, urls['chung-chai-np']) as Sheet;
  seedUnitSheet(twin, 0, 9);
  twin.getRange(LAYOUT.submittedRow, monthCol(9)).setValue('');
  return { twin, templates };
}

function logRows(): string[] {
  const log = env.master.getSheetByName(SHEETS.log) as Sheet;
  return log
    .getDataRange()
    .getValues()
    .map((r) => r.join(' | '));
}

test('"Tạo mẫu" names each with its code', () => {
  const { templates } = twins();
  expect(templates).toContain('Xã Chung Chải (chung-chai-np): đã tạo bảng tính riêng');
  expect(templates).toContain('Xã Chung Chải (chung-chai): đã tạo bảng tính riêng');
});

test('submit and unlock by code: the messages and the log say which Chung Chải', () => {
  const { twin } = twins();
  env.fake.ui.queuePromptResponse({ text: 'chung-chai-np' });
  env.fake.ui.queuePromptResponse({ text: '9' });
  const r = main.submitMonth();
  expect(r?.ok).toBe(true);
  expect(twin.getRange(LAYOUT.submittedRow, monthCol(9)).getDisplayValue()).toBe('05/10/2018');
  expect(env.fake.toasts.at(-1)?.msg).toBe(
    'Đã nộp báo cáo tháng 9/2018 của Xã Chung Chải (chung-chai-np) ngày 05/10/2018. Cột tháng đã được khóa.',
  );
  expect(logRows().at(-1)).toContain('Nộp báo cáo: Xã Chung Chải (chung-chai-np)');

  env.fake.ui.queuePromptResponse({ text: 'chung-chai-np' });
  env.fake.ui.queuePromptResponse({ text: '9' });
  main.unlockMonth();
  expect(lastAlert(env)).toBe(
    'Đã mở khóa tháng 9/2018 của Xã Chung Chải (chung-chai-np). Xã sửa xong cần nộp lại (Dân vận › Nộp báo cáo tháng…).',
  );
  expect(logRows().at(-1)).toContain('Mở khóa tháng: Xã Chung Chải (chung-chai-np)');
});

test('the name both have, typed: asked for the code, neither unit submitted', () => {
  const { twin } = twins();
  env.fake.ui.queuePromptResponse({ text: 'Chung Chải' });
  expect(main.submitMonth()).toBeUndefined();
  expect(lastAlert(env)).toBe(
    '"Chung Chải" là tên của 2 đơn vị: Xã Chung Chải (chung-chai), Xã Chung Chải (chung-chai-np). Hãy gõ mã của ' +
      'đơn vị cần chọn (trong ngoặc, ở cột A của trang "Đơn vị").',
  );
  expect(twin.getRange(LAYOUT.submittedRow, monthCol(9)).getDisplayValue()).toBe('');
  // The name as the add-on shows it designates one.
  env.fake.ui.queuePromptResponse({ text: 'Xã Chung Chải (chung-chai-np)' });
  env.fake.ui.queuePromptResponse({ text: '9' });
  expect(main.submitMonth()?.ok).toBe(true);
  expect(twin.getRange(LAYOUT.submittedRow, monthCol(9)).getDisplayValue()).toBe('05/10/2018');
});

/** The texts of a sheet of the master, one string per row. */
function rowsOf(name: string): string[] {
  const sheet = env.master.getSheetByName(name) as Sheet;
  return sheet
    .getDataRange()
    .getValues()
    .map((r) => r.join(' | '));
}

test('a twin without its tab of the year: Tổng hợp and Kiểm tra say which, with what its spreadsheet holds', () => {
  const { twin } = twins();
  twin.setName('Bảng cũ');
  twin.clear();
  runAggregate(env.fake, '9/2018');
  const missing = rowsOf('Kiểm tra 2018-09').filter((r) => r.includes('chưa có trang báo cáo năm 2018'));
  expect(missing).toEqual([
    expect.stringMatching(/Xã Chung Chải \(chung-chai-np\): chưa có trang báo cáo năm 2018 — .*Bảng cũ/),
  ]);
  // Kiểm tra of the year (the master's own tab is active: not a unit's).
  env.master.setActiveSheet(env.master.getSheets()[0]);
  const r = main.checkData();
  const said = (r?.findings ?? []).filter((f) => f.code === 'unit-missing').map((f) => f.message);
  expect(said).toEqual([
    expect.stringMatching(/^Xã Chung Chải \(chung-chai-np\): chưa có trang báo cáo năm 2018 — .*Bảng cũ/),
  ]);
  expect(rowsOf(SHEETS.check).some((row) => row.includes('Xã Chung Chải (chung-chai-np)'))).toBe(true);
});

test('a twin\u2019s tab renamed: read by its code, the warning says which Chung Chải', () => {
  const { twin } = twins();
  twin.setName('Bảng cũ');
  runAggregate(env.fake, '9/2018');
  expect(lastAlert(env)).toMatch(
    /của Xã Chung Chải \(chung-chai-np\) không có trang "Chung Chải 2018"; đã đọc trang "Bảng cũ"/,
  );
  expect(lastAlert(env)).toContain('mã chung-chai-np của Xã Chung Chải (chung-chai-np)');
});

test('Kiểm tra marks a cell typed wrong in the twin it was typed in, not in the other', () => {
  const { twin } = twins();
  const urls = unitUrls(env.master);
  const chungChai = env.units.find((u) => u.code === 'chung-chai') as Unit;
  const own = unitSheet(env, chungChai, YEAR, urls['chung-chai']) as Sheet;
  seedUnitSheet(own, 0, 9);
  const row = (s: Sheet) =>
    s
      .getDataRange()
      .getValues()
      .findIndex((r) => r[0] === 'DON_TONG') + 1;
  own.getRange(row(own), monthCol(9)).setValue('abc');
  env.master.setActiveSheet(env.master.getSheets()[0]);
  main.checkData();
  expect(own.getRange(row(own), monthCol(9)).getNote()).toMatch(/^Kiểm tra: Xã Chung Chải \(chung-chai\), ô /);
  expect(twin.getRange(row(twin), monthCol(9)).getNote()).toBe('');
});

test('Tổng hợp\u2019s progress names a twin with its code, as Tạo mẫu\u2019s does', () => {
  twins();
  runAggregate(env.fake, '9/2018');
  const reading = env.fake.toasts.map((t) => t.msg).filter((m) => m.startsWith('Đang đọc'));
  expect(reading[0]).toBe('Đang đọc 1/12: Xã Chung Chải (chung-chai)');
});
