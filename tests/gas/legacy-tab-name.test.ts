/**
 * A unit whose name is cut at a space (26th character): its tab is now "… Sìn 2018", earlier
 * versions named it "… Sìn  2018" (two spaces). A tab they made is still the unit's, in both
 * layouts: "Tạo mẫu" adds no second tab, "Tổng hợp" reads it, "Nộp báo cáo tháng…" finds it.
 */
import { unitSheetName } from '../../src/engine/sheet/layout';
import * as main from '../../src/gas/main';
import { SHEETS, UNITS_HEADER } from '../../src/messages/vi/gas';
import { sheetsApiHandler } from '../fakes/gas/sheets-api';
import {
  createEnv,
  type Env,
  expectedSeptember,
  runAggregate,
  runSetup,
  runTemplates,
  seedUnitSheet,
  setSetting,
  unitUrls,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const LONG = 'Chung Chải và Leng Su Sìn mới';
const NEW_NAME = `Chung Chải và Leng Su Sìn ${YEAR}`;
const OLD_NAME = `Chung Chải và Leng Su Sìn  ${YEAR}`;

/** Rename the first unit of "Đơn vị" to LONG; its code is kept. */
function renameFirstUnit(master: Spreadsheet): string {
  const sheet = master.getSheetByName(SHEETS.units) as Sheet;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
  sheet.getRange(2, header.indexOf(UNITS_HEADER.name) + 1).setValue(LONG);
  return String(sheet.getRange(2, header.indexOf(UNITS_HEADER.code) + 1).getValue());
}

/** The units' tabs of YEAR (the first one LONG's, made now), figures typed; the first given the name earlier versions gave it. */
function seedAll(tabs: Sheet[]): void {
  tabs.forEach((s, i) => {
    seedUnitSheet(s, i, 9);
  });
  expect([tabs[0].getName(), unitSheetName({ name: LONG }, YEAR)]).toEqual([NEW_NAME, NEW_NAME]);
  tabs[0].setName(OLD_NAME);
}

function expectRead(env: Env): void {
  const summary = runAggregate(env.fake, '9/2018')?.summary;
  expect(summary?.completeness.reported).toBe(11);
  expect(summary?.indicators.find((i) => i.code === 'DVK_DANGKY')?.period).toBe(expectedSeptember('DVK_DANGKY', 11));
}

describe('a tab named the old way, two spaces before the year — layout (a)', () => {
  let env: Env;
  let tab: Sheet;
  beforeEach(() => {
    env = createEnv();
    runSetup();
    renameFirstUnit(env.master);
    runTemplates(env.fake);
    const tabs = env.master.getSheets().filter((s) => /\d{4}$/.test(s.getName()));
    seedAll(tabs);
    tab = tabs[0];
  });
  afterEach(() => env.dispose());

  test('Tạo mẫu keeps it and makes no second tab', () => {
    const before = env.master.getNumSheets();
    const r = runTemplates(env.fake);
    expect([r?.created, r?.kept]).toEqual([0, 11]);
    expect(env.master.getNumSheets()).toBe(before);
    expect(env.master.getSheetByName(NEW_NAME)).toBeNull();
  });

  test('Tổng hợp reads it, over the Sheets API and the ordinary way', () => {
    expectRead(env);
    env.fake.http.handler = sheetsApiHandler(env.fake, { disabled: true });
    expectRead(env);
  });

  test('Nộp báo cáo tháng… finds it', () => {
    tab.getRange(7, 13).setValue(''); // September's submission date (column M)
    env.master.setActiveSheet(tab);
    env.fake.ui.queuePromptResponse({ text: '9' });
    expect(main.submitMonth()?.ok).toBe(true);
  });
});

describe('a tab named the old way, two spaces before the year — layout (b)', () => {
  let env: Env;
  let own: Spreadsheet;
  beforeEach(() => {
    env = createEnv();
    runSetup();
    const code = renameFirstUnit(env.master);
    setSetting(env.master, 'separateSpreadsheets', 'có');
    runTemplates(env.fake);
    const urls = unitUrls(env.master);
    const books = Object.values(urls).map((u) => SpreadsheetApp.openByUrl(u));
    own = SpreadsheetApp.openByUrl(urls[code]);
    seedAll([own, ...books.filter((b) => b.getId() !== own.getId())].map((b) => b.getSheets()[0]));
  });
  afterEach(() => env.dispose());

  test('Tạo mẫu keeps it and makes no second tab', () => {
    const r = runTemplates(env.fake);
    expect([r?.created, r?.kept]).toEqual([0, 11]);
    expect(own.getSheets().map((s) => s.getName())).toEqual([OLD_NAME]);
  });

  test('Tổng hợp reads it, over the Sheets API and the ordinary way', () => {
    expectRead(env);
    env.fake.http.handler = sheetsApiHandler(env.fake, { disabled: true });
    expectRead(env);
  });

  test('Nộp báo cáo tháng… finds it', () => {
    own.getSheets()[0].getRange(7, 13).setValue('');
    env.fake.ui.queuePromptResponse({ text: LONG });
    env.fake.ui.queuePromptResponse({ text: '9' });
    const r = main.submitMonth();
    expect([r?.ok, r?.message]).toEqual([true, expect.stringContaining('Đã nộp báo cáo tháng 9/2018')]);
  });
});
