/**
 * Scenarios of what district officers and commune clerks do by hand, checked and found right by a
 * review (its bugs have tests of their own: settings-tolerant, unit-code-changed, january-no-tabs,
 * locale, period-forms).
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import * as main from '../../src/gas/main';
import { SHEETS } from '../../src/messages/vi/gas';
import type { World } from '../gas/email/helpers';
import {
  createEnv,
  type Env,
  expectedSeptember,
  runAggregate,
  runSetup,
  runTemplates,
  seededMaster,
  seedUnitSheet,
  setSetting,
  setUpLayoutB,
  summaryRow,
  unitSheet,
  unitUrls,
  YEAR,
} from '../gas/helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const cat = defaultCatalogue();
const rows = indicatorRows(cat);
const label = (code: string) => cat.indicators.find((i) => i.code === code)?.label as string;
const SUMMARY = 'Tổng hợp 2018-09';
const _CLERK = 'chungchai@example.vn';

let env: Env | undefined;
let w: World | undefined;
afterEach(() => {
  env?.dispose();
  env = undefined;
  w?.done();
  w = undefined;
});

function _alertsAfter(e: Env, n: number): string[] {
  return e.fake.ui.alerts.slice(n).map((a) => a.prompt);
}

/** Clear the date of September in Chung Chải's tab so that it can be submitted with the menu. */
function chungChaiReadyToSubmit(e: Env): Sheet {
  const s = unitSheet(e, e.units[0]) as Sheet;
  s.getRange(LAYOUT.submittedRow, monthCol(9)).setValue('');
  e.master.setActiveSheet(s);
  return s;
}

describe('what officers and clerks do by hand', () => {
  test('Tổng hợp before Thiết lập: one Vietnamese alert naming the missing sheets and the menu item', () => {
    env = createEnv();
    runAggregate(env.fake, '');
    expect(env.fake.ui.alerts.at(-1)?.prompt).toContain('Hãy chạy Dân vận › Thiết lập');
  });

  test('blank rows and spaces in "Đơn vị", layout (b): URLs land on the right rows, all read', () => {
    env = createEnv();
    runSetup();
    const u = env.master.getSheetByName(SHEETS.units) as Sheet;
    u.insertRowsAfter(3, 2);
    u.getRange(2, 2).setValue('Chung Chải  ');
    setSetting(env.master, 'separateSpreadsheets', 'có');
    runTemplates(env.fake);
    const urls = unitUrls(env.master);
    expect(Object.keys(urls)).toHaveLength(11);
    env.units.forEach((x, i) => {
      seedUnitSheet(unitSheet(env as Env, x, YEAR, urls[x.code]) as Sheet, i);
    });
    expect(runAggregate(env.fake, '')?.message).toContain('11/11');
  });

  test('unit codes typed as numbers (101, "007") work through Tạo mẫu and Tổng hợp', () => {
    env = createEnv();
    runSetup();
    const u = env.master.getSheetByName(SHEETS.units) as Sheet;
    u.getRange(2, 1).setValue(101);
    runTemplates(env.fake);
    seedUnitSheet(env.master.getSheetByName('Chung Chải 2018') as Sheet, 0);
    const r = runAggregate(env.fake, '');
    expect(r?.summary.completeness.rows.find((x) => x.unitCode === '101')?.status).toBe('onTime');
  });

  test('clerk inserts a column after T3 and reverses the rows: totals right, Nộp locks the right column', () => {
    env = seededMaster({ api: true });
    const s = unitSheet(env, env.units[0]) as Sheet;
    s.insertColumnAfter(monthCol(3));
    s.getRange(LAYOUT.headerRow, monthCol(3) + 1).setValue('Ghi chú quý 1');
    const first = LAYOUT.firstIndicatorRow;
    const block = s.getRange(first, 1, s.getLastRow() - first + 1, s.getLastColumn());
    block.setValues(block.getValues().reverse());
    runAggregate(env.fake, '');
    expect(summaryRow(env.master.getSheetByName(SUMMARY) as Sheet, label('TCD_LUOT'))?.[3]).toBe(
      expectedSeptember('TCD_LUOT', 11),
    );
    const r =
      s
        .getDataRange()
        .getValues()
        .findIndex((x) => x[0] === 'TCD_LUOT') + 1;
    s.getRange(r, monthCol(10) + 1).setValue(4);
    env.fake.clock.advance(10 * 86_400_000); // 15/10/2018: October's figures closed, it can be submitted
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '10' });
    // October's cumulative cells left blank are warned of: the clerk submits anyway.
    env.fake.ui.queueAlertResponse('YES');
    expect(main.submitMonth()?.ok).toBe(true);
    const p = s
      .getProtections(SpreadsheetApp.ProtectionType.RANGE)
      .filter((x) => x.getDescription().includes('10/2018'));
    expect(p[0].getRange().getColumn()).toBe(monthCol(10) + 1);
  });

  test('a deleted indicator row is named, counted "10/11", and Tạo mẫu puts the row back', () => {
    env = seededMaster({ api: true });
    const s = unitSheet(env, env.units[0]) as Sheet;
    s.deleteRow(rows.get('TCD_LUOT') as number);
    const r = runAggregate(env.fake, '');
    expect(r?.summary.findings.map((f) => f.message)).toContain(
      'Xã Chung Chải: thiếu dòng chỉ tiêu "Lượt tiếp công dân" (mã TCD_LUOT); chỉ tiêu này coi như chưa báo cáo',
    );
    runTemplates(env.fake);
    expect(
      s
        .getDataRange()
        .getValues()
        .some((x) => x[0] === 'TCD_LUOT'),
    ).toBe(true);
  });

  test('quarter with one commune missing September: that commune "missing", stock takes its August', () => {
    env = seededMaster({ api: true });
    const s = unitSheet(env, env.units[0]) as Sheet;
    s.getRange(LAYOUT.submittedRow, monthCol(9), s.getLastRow() - LAYOUT.submittedRow + 1, 1).clearContent();
    const r = runAggregate(env.fake, 'Q3/2018');
    expect(r?.message).toContain('10/11');
    expect(r?.summary.completeness.rows[0].missingMonths).toEqual([9]);
  });

  test('Tết 2018: February deadline moves to 22/02; a commune submitting 21/02 is on time', () => {
    env = createEnv({ now: new Date('2018-03-05T09:00:00+07:00') });
    runSetup();
    runTemplates(env.fake);
    env.units.forEach((u, i) => {
      seedUnitSheet(unitSheet(env as Env, u, YEAR) as Sheet, i, 2, 21);
    });
    const r = runAggregate(env.fake, '');
    expect(r?.summary.completeness.deadline).toBe('2018-02-22');
    expect(r?.summary.completeness.onTime).toBe(11);
  });

  test('unlock then submit again: one lock, new date', () => {
    env = seededMaster({ api: true });
    const s = chungChaiReadyToSubmit(env);
    env.fake.ui.queuePromptResponse({ text: '9' });
    main.submitMonth();
    env.fake.ui.queuePromptResponse({ text: '9' });
    main.unlockMonth();
    env.fake.clock.advance(2 * 86400000);
    env.fake.ui.queuePromptResponse({ text: '9' });
    expect(main.submitMonth()?.ok).toBe(true);
    expect(
      s.getProtections(SpreadsheetApp.ProtectionType.RANGE).filter((x) => x.getDescription().includes('9/2018')),
    ).toHaveLength(1);
    expect(s.getRange(LAYOUT.submittedRow, monthCol(9)).getDisplayValue()).toBe('07/10/2018');
  });

  test('switching layout (b) back to "không" keeps reading the communes\' own spreadsheets', () => {
    env = createEnv();
    const urls = setUpLayoutB(env);
    env.units.forEach((u, i) => {
      seedUnitSheet(unitSheet(env as Env, u, YEAR, urls[u.code]) as Sheet, i);
    });
    setSetting(env.master, 'separateSpreadsheets', 'không');
    runTemplates(env.fake);
    expect(runAggregate(env.fake, '')?.message).toContain('11/11');
  });
});
