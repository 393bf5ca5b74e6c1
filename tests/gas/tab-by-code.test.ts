/**
 * A commune's tab renamed past recognition is still found by its unit code cell (C3):
 *  - layout (a): "Nậm Kè 2018" renamed "Xã Nậm Kè năm 2018" (the word "năm"), or "Báo cáo quý 3
 *    2018" with C3 `nam-ke`, used to be "không thuộc đơn vị nào … hãy thêm đơn vị đó", the commune
 *    "Chưa báo cáo" and its figures left out; Kiểm tra said only "chưa có trang báo cáo";
 *  - layout (b): a commune's only tab renamed "Báo cáo tháng 9" in its own spreadsheet.
 */

import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import type { Unit } from '../../src/engine/types';
import { runCheck } from '../../src/gas/check';
import { FINDING_TEXT } from '../../src/messages/vi/findings';
import { AGGREGATE, LOOKALIKE, SHEETS, UNIT_BOOK } from '../../src/messages/vi/gas';
import { sheetsApiHandler } from '../fakes/gas/sheets-api';
import {
  configOf,
  createEnv,
  type Env,
  expectedSeptember,
  runAggregate,
  runSetup,
  runTemplates,
  seededMaster,
  seedUnitSheet,
  setSetting,
  summaryRow,
  unitSheet,
  unitUrls,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Reader = 'api' | 'spreadsheetapp';

const catalogue = defaultCatalogue();
const label = (code: string) => catalogue.indicators.find((i) => i.code === code)?.label as string;
const SUMMARY = `Tổng hợp ${YEAR}-09`;
const READERS: [Reader][] = [['api'], ['spreadsheetapp']];

function rename(env: Env, from: string, to: string): Sheet {
  return (env.master.getSheetByName(from) as Sheet).setName(to);
}

function periodTotal(env: Env, code: string): unknown {
  return summaryRow(env.master.getSheetByName(SUMMARY) as Sheet, label(code))?.[3];
}

/** Everything "Kiểm tra" lists, one text. */
function checkText(env: Env): string {
  runCheck(env.master, configOf(env.master), { year: YEAR });
  const sheet = env.master.getSheetByName(SHEETS.check) as Sheet;
  return sheet
    .getDataRange()
    .getValues()
    .map((r) => r.join(' | '))
    .join('\n');
}

describe.each(READERS)('layout (a): a tab renamed past its name (%s reader)', (reader) => {
  let env: Env;
  afterEach(() => env.dispose());
  const prepare = () => seededMaster({ api: reader === 'api' });

  test('"Xã Nậm Kè năm 2018" is Nậm Kè’s tab: read, counted, warned about; not "a unit to add"', () => {
    env = prepare();
    rename(env, `Nậm Kè ${YEAR}`, `Xã Nậm Kè năm ${YEAR}`);
    const r = runAggregate(env.fake, '9/2018');
    expect(r?.summary.completeness.reported).toBe(env.units.length);
    expect(periodTotal(env, 'TCD_LUOT')).toBe(expectedSeptember('TCD_LUOT', env.units.length));
    expect(r?.warnings).toEqual([LOOKALIKE.renamed('Xã Nậm Kè', `Xã Nậm Kè năm ${YEAR}`, `Nậm Kè ${YEAR}`)]);
    const check = checkText(env);
    expect(check).toContain(LOOKALIKE.renamed('Xã Nậm Kè', `Xã Nậm Kè năm ${YEAR}`, `Nậm Kè ${YEAR}`));
    expect(check).not.toContain(FINDING_TEXT.unitMissing('Xã Nậm Kè', YEAR));
  });

  test('a tab of another name whose C3 holds a listed code is that unit’s report', () => {
    env = prepare();
    rename(env, `Nậm Kè ${YEAR}`, `Báo cáo quý 3 ${YEAR}`);
    const r = runAggregate(env.fake, '9/2018');
    expect(r?.summary.completeness.reported).toBe(env.units.length);
    expect(periodTotal(env, 'TCD_LUOT')).toBe(expectedSeptember('TCD_LUOT', env.units.length));
    const said = LOOKALIKE.renamedByCode('Xã Nậm Kè', `Báo cáo quý 3 ${YEAR}`, `Nậm Kè ${YEAR}`, 'nam-ke');
    expect(r?.warnings).toEqual([said]);
    const check = checkText(env);
    expect(check).toContain(said);
    expect(check).not.toContain(FINDING_TEXT.unitMissing('Xã Nậm Kè', YEAR));
  });

  test('a tab with the code of a unit that has its own tab: says whose code it is, not "add the unit"', () => {
    env = prepare();
    const extra = (env.master.getSheetByName(`Nậm Kè ${YEAR}`) as Sheet).copyTo(env.master).setName(`Sổ tay ${YEAR}`);
    // Figures typed in the wrong tab are not added to Nậm Kè's.
    extra.getRange(indicatorRows(catalogue).get('TCD_LUOT') as number, monthCol(9)).setValue(99);
    const r = runAggregate(env.fake, '9/2018');
    expect(r?.summary.completeness.reported).toBe(env.units.length);
    expect(periodTotal(env, 'TCD_LUOT')).toBe(expectedSeptember('TCD_LUOT', env.units.length));
    const said = LOOKALIKE.codedTaken(`Sổ tay ${YEAR}`, 'Xã Nậm Kè', 'nam-ke', `Nậm Kè ${YEAR}`);
    expect(r?.warnings).toEqual([said]);
    expect(checkText(env)).toContain(said);
  });

  test('a left-over tab with an unlisted code is still named as left out', () => {
    env = prepare();
    const extra = (env.master.getSheetByName(`Nậm Kè ${YEAR}`) as Sheet).copyTo(env.master).setName(`Xã Mới ${YEAR}`);
    extra.getRange(LAYOUT.unitCodeRow, LAYOUT.valueCol).setValue('xa-moi');
    const r = runAggregate(env.fake, '9/2018');
    expect(r?.warnings).toContain(AGGREGATE.tabsLeftOut([`Xã Mới ${YEAR}`]));
  });
});

describe.each(READERS)('layout (b): the only tab of a commune’s spreadsheet renamed (%s reader)', (reader) => {
  let env: Env;
  let urls: Record<string, string>;
  afterEach(() => env.dispose());

  function prepare(): void {
    env = createEnv();
    runSetup();
    setSetting(env.master, 'separateSpreadsheets', 'có');
    runTemplates(env.fake, YEAR);
    urls = unitUrls(env.master);
    env.units.forEach((u, i) => {
      seedUnitSheet(unitSheet(env, u, YEAR, urls[u.code]) as Sheet, i);
    });
    if (reader === 'spreadsheetapp') env.fake.http.handler = sheetsApiHandler(env.fake, { disabled: true });
  }
  const namKe = (): Unit => env.units.find((u) => u.code === 'nam-ke') as Unit;
  const bookName = () => SpreadsheetApp.openByUrl(urls['nam-ke']).getName();

  test('the one tab with the unit’s code and year is read, with a warning naming the spreadsheet and tab', () => {
    prepare();
    (unitSheet(env, namKe(), YEAR, urls['nam-ke']) as Sheet).setName('Báo cáo tháng 9');
    const r = runAggregate(env.fake, '9/2018');
    expect(r?.summary.completeness.reported).toBe(env.units.length);
    expect(periodTotal(env, 'TCD_LUOT')).toBe(expectedSeptember('TCD_LUOT', env.units.length));
    const said = UNIT_BOOK.tabByCode('Xã Nậm Kè', bookName(), 'Báo cáo tháng 9', `Nậm Kè ${YEAR}`, 'nam-ke');
    expect(r?.warnings).toContain(said);
    const check = checkText(env);
    expect(check).toContain(said);
    expect(check).not.toContain(FINDING_TEXT.unitMissing('Xã Nậm Kè', YEAR));
  });

  test('no tab with its code: the message names the spreadsheet, the name expected and the tabs there', () => {
    prepare();
    const tab = (unitSheet(env, namKe(), YEAR, urls['nam-ke']) as Sheet).setName('Báo cáo tháng 9');
    tab.getRange(LAYOUT.unitCodeRow, LAYOUT.valueCol).setValue('');
    const r = runAggregate(env.fake, '9/2018');
    expect(r?.summary.completeness.reported).toBe(env.units.length - 1);
    const tabs = SpreadsheetApp.openByUrl(urls['nam-ke'])
      .getSheets()
      .map((s) => s.getName());
    expect(tabs).toContain('Báo cáo tháng 9');
    const said = `${FINDING_TEXT.unitMissing('Xã Nậm Kè', YEAR)} — ${UNIT_BOOK.tabMissing('Xã Nậm Kè', YEAR, bookName(), `Nậm Kè ${YEAR}`, tabs, [])}`;
    expect(r?.summary.findings.map((f) => f.message)).toContain(said);
    expect(checkText(env)).toContain(said);
  });
});
