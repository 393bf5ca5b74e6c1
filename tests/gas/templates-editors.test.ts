/**
 * "Tạo mẫu" run again brings the editors of the add-on's protections of existing tabs up to date with
 * "Đơn vị" and the admins (both layouts): a clerk added can type, one removed cannot, the owner stays,
 * a later admin can unlock a submitted month; a tab already up to date gets no protection call.
 */

import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import * as main from '../../src/gas/main';
import { GAS_ERRORS } from '../fakes/gas';
import {
  ADMIN,
  createEnv,
  type Env,
  runSetup,
  runTemplates,
  seedUnitSheet,
  setClerks,
  setSetting,
  setUpLayoutB,
  unitSheet,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const OLD = 'chungchai@example.vn'; // Chung Chải's e-mail in the default "Đơn vị"
const NEW = 'canbomoi@example.vn';
const row = indicatorRows(defaultCatalogue()).get('DVK_DANGKY') as number;

let env: Env;
afterEach(() => env.dispose());

function refused(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'not refused';
}

/** Calls that change a protection (add/remove editors, set…). */
const protectionWrites = () =>
  Object.entries(env.fake.calls.byMethod)
    .filter(([k]) => /^Protection\.(add|remove|set)/.test(k))
    .reduce((n, [, v]) => n + v, 0);

/** `oldRefused`: what stops the clerk removed (layout b: the file is no longer shared with them). */
function replaceClerk(sheet: () => Sheet, oldRefused: string = GAS_ERRORS.protectedCell): void {
  const cell = () => sheet().getRange(row, monthCol(10));
  env.fake.setUser(NEW);
  expect(refused(() => cell().setValue(3))).toBe(GAS_ERRORS.protectedCell);
  env.fake.setUser(ADMIN);
  setClerks(env, NEW);
  const r = runTemplates(env.fake);
  expect(r?.editors).toBe(1);
  expect(r?.summary).toContain('cập nhật người được sửa (theo trang "Đơn vị" và quản trị viên) ở 1 trang');
  expect(r?.outcomes[0].message).toContain('đã cập nhật người được sửa theo trang "Đơn vị"');
  env.fake.setUser(NEW);
  cell().setValue(3);
  expect(cell().getValue()).toBe(3);
  // Still only the month cells: the codes stay the admins'.
  expect(refused(() => sheet().getRange(row, 1).setValue('X'))).toBe(GAS_ERRORS.protectedCell);
  env.fake.setUser(OLD);
  expect(refused(() => cell().setValue(4))).toBe(oldRefused);
  env.fake.setUser(ADMIN);
  const p = sheet().getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  const editors = p.getEditors().map((u) => u.getEmail());
  expect(editors).toContain(ADMIN); // the owner
  expect(editors).toContain(NEW);
  expect(editors).not.toContain(OLD);
  // Up to date: a second run makes no protection call.
  const before = protectionWrites();
  expect(before).toBeGreaterThan(0);
  const again = runTemplates(env.fake);
  expect(again?.editors).toBe(0);
  expect(protectionWrites()).toBe(before);
}

test('layout a: a clerk added to "Đơn vị" can type after "Tạo mẫu", the one removed cannot', () => {
  env = createEnv();
  runSetup();
  runTemplates(env.fake);
  replaceClerk(() => unitSheet(env, env.units[0]) as Sheet);
});

test("layout b: the same in the unit's own spreadsheet", () => {
  env = createEnv();
  const urls = setUpLayoutB(env);
  const url = urls[env.units[0].code];
  // The new clerk can open the spreadsheet (shared by hand): the tab's protection stops them.
  SpreadsheetApp.openByUrl(url).addEditor(NEW);
  // The clerk removed loses the file the add-on shared with them (templates-sharing.test.ts).
  replaceClerk(() => unitSheet(env, env.units[0], YEAR, url) as Sheet, GAS_ERRORS.noPermission);
});

test('a user protection that is not the add-on\'s is left; an admin added later can unlock a month after "Tạo mẫu"', () => {
  env = createEnv();
  runSetup();
  runTemplates(env.fake);
  const s = unitSheet(env, env.units[0]) as Sheet;
  const mine = s.getRange('R1').protect().setDescription('Của tôi');
  mine.removeEditors(mine.getEditors());
  mine.addEditor('ai@example.vn');
  seedUnitSheet(s, 0, 9);
  s.getRange(LAYOUT.submittedRow, monthCol(9)).setValue('');
  env.master.setActiveSheet(s);
  env.fake.ui.queuePromptResponse({ text: '9' });
  expect(main.submitMonth()?.ok).toBe(true);
  const PHO = 'pho@muongnhe.vn';
  setSetting(env.master, 'admins', `${ADMIN}, ${PHO}`);
  expect(runTemplates(env.fake)?.editors).toBe(env.units.length); // every tab: the admins changed
  expect(
    mine
      .getEditors()
      .map((u) => u.getEmail())
      .sort(),
  ).toEqual([ADMIN, 'ai@example.vn'].sort());
  env.fake.setUser(PHO);
  env.fake.ui.queuePromptResponse({ text: '9' });
  expect(main.unlockMonth()?.ok).toBe(true);
});
