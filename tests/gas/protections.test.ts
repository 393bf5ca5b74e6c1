/**
 * The add-on's protections as Google enforces them (the fake refuses an edit the user running the
 * script may not make): a month the admin submitted is closed to the commune's clerk, scripts
 * included; "Kiểm tra dữ liệu" run by that clerk still marks the months they may edit.
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { MARK } from '../../src/gas/check';
import * as main from '../../src/gas/main';
import { CHECK } from '../../src/messages/vi/gas';
import { GAS_ERRORS } from '../fakes/gas';
import {
  ADMIN,
  createEnv,
  type Env,
  runSetup,
  runTemplates,
  seedUnitSheet,
  setSetting,
  unitSheet,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const CLERK = 'chungchai@example.vn'; // Chung Chải's e-mail in "Đơn vị"
const row = indicatorRows(defaultCatalogue()).get('DVK_DANGKY') as number;

let env: Env;
let s: Sheet;
afterEach(() => env.dispose());

/** Templates made and September submitted by the admin (as docs/security.md advises), then the clerk at the keyboard. */
function adminSubmittedSeptember(): void {
  env = createEnv();
  runSetup();
  runTemplates(env.fake);
  s = unitSheet(env, env.units[0], YEAR) as Sheet;
  seedUnitSheet(s, 0, 9);
  s.getRange(LAYOUT.submittedRow, monthCol(9)).setValue('');
  env.master.setActiveSheet(s);
  env.fake.ui.queuePromptResponse({ text: '9' });
  expect(main.submitMonth()?.ok).toBe(true);
  env.fake.setUser(CLERK);
}

function refused(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'not refused';
}

test('a clerk not an editor of the lock cannot change a submitted month by script; the admin can', () => {
  adminSubmittedSeptember();
  const september = s.getRange(row, monthCol(9));
  const before = september.getValue();
  expect(refused(() => september.setValue(99))).toBe(GAS_ERRORS.protectedCell);
  expect(refused(() => s.getRange(LAYOUT.submittedRow, monthCol(9)).clearContent())).toBe(GAS_ERRORS.protectedCell);
  expect(refused(() => s.getRange(row, monthCol(8), 1, 3).setValues([[1, 2, 3]]))).toBe(GAS_ERRORS.protectedCell);
  expect(september.getValue()).toBe(before);
  // The clerk's open month, and the codes (the admins'), as before.
  s.getRange(row, monthCol(10)).setValue(4);
  expect(s.getRange(row, monthCol(10)).getValue()).toBe(4);
  expect(refused(() => s.getRange(row, 1).setValue('X'))).toBe(GAS_ERRORS.protectedCell);
  // The admin corrects the locked month without unlocking it.
  env.fake.setUser(ADMIN);
  september.setValue(99);
  expect(september.getValue()).toBe(99);
});

test('"Kiểm tra dữ liệu" by that clerk marks and clears their open months beside the locked one', () => {
  adminSubmittedSeptember();
  const october = s.getRange(row, monthCol(10));
  october.setValue(-5);
  const r = main.checkData();
  expect(r?.findings.map((f) => f.cell)).toEqual([october.getA1Notation()]);
  expect(october.getNote()).toBe(CHECK.notePrefix + (r?.findings[0].message ?? ''));
  expect(october.getBackground()).toBe(MARK.error);
  // The locked month is left as it was.
  expect(s.getRange(row, monthCol(9)).getNote()).toBe('');
  // Fixed: the next check clears the mark.
  october.setValue(5);
  const again = main.checkData();
  expect(again?.findings.map((f) => f.cell)).not.toContain(october.getA1Notation());
  expect(october.getNote()).toBe('');
  expect(october.getBackground()).not.toBe(MARK.error);
  // October now reported, its stocks left empty are warned of, and marked too.
  const warned = again?.findings.find((f) => f.code === 'stock-carried');
  expect(warned?.cell && s.getRange(warned.cell).getBackground()).toBe(MARK.warning);
});

test('the clerk submits a month of their own: the date row is theirs; Google keeps them an editor of the lock they made', () => {
  adminSubmittedSeptember();
  env.fake.setUser(ADMIN);
  s.getRange(LAYOUT.submittedRow, monthCol(8)).setValue('');
  env.fake.setUser(CLERK);
  env.fake.ui.queuePromptResponse({ text: '8' });
  const r = main.submitMonth();
  expect(r?.ok).toBe(true);
  expect(s.getRange(LAYOUT.submittedRow, monthCol(8)).getDisplayValue()).toBe('05/10/2018');
  const lock = s
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .find((p) => p.getDescription() === `Đã nộp tháng 8/${YEAR}`);
  expect(
    lock
      ?.getEditors()
      .map((u) => u.getEmail())
      .sort(),
  ).toEqual([ADMIN, CLERK].sort());
  // docs/security.md: "chính người đó vẫn sửa được cột đã khóa" — September, the admin's, stays closed.
  s.getRange(row, monthCol(8)).setValue(7);
  expect(refused(() => s.getRange(row, monthCol(9)).setValue(7))).toBe(GAS_ERRORS.protectedCell);
});

test('an admin added after the month was locked is not an editor of its lock: told whom to ask, the lock and date kept', () => {
  adminSubmittedSeptember();
  const PHO = 'pho@muongnhe.vn';
  env.fake.setUser(ADMIN);
  setSetting(env.master, 'admins', `${ADMIN}, ${PHO}`);
  env.fake.setUser(PHO);
  env.fake.ui.queuePromptResponse({ text: '9' });
  const r = main.unlockMonth();
  expect(r?.ok).toBe(false);
  expect(env.fake.ui.alerts.at(-1)?.prompt).toBe(
    `Chưa mở khóa được tháng 9/2018 của Xã Chung Chải: ${PHO} không có tên trong khóa của tháng này (khóa được đặt ` +
      'trước khi tài khoản này là quản trị viên), nên Google không cho gỡ. Hãy nhờ chủ sở hữu bảng tính hoặc người ' +
      'đã khóa tháng này mở khóa.',
  );
  const locks = () =>
    s
      .getProtections(SpreadsheetApp.ProtectionType.RANGE)
      .filter((p) => p.getDescription() === `Đã nộp tháng 9/${YEAR}`);
  expect(locks()).toHaveLength(1);
  expect(s.getRange(LAYOUT.submittedRow, monthCol(9)).getDisplayValue()).toBe('05/10/2018');
  // The owner unlocks it.
  env.fake.setUser(ADMIN);
  env.fake.ui.queuePromptResponse({ text: '9' });
  expect(main.unlockMonth()?.ok).toBe(true);
  expect(locks()).toHaveLength(0);
});
