/**
 * A unit code corrected in "Đơn vị" after "Tạo mẫu" made the commune's tab ("chung-chai" → "chungchai"):
 * the tab "Chung Chải 2018" still holds "chung-chai" in its "Mã đơn vị" cell C3, a code in no list.
 * Its names (the "Đơn vị" cell, the tab's name) designate Chung Chải and nobody else, so Tổng hợp,
 * Kiểm tra and Nộp báo cáo read it as Chung Chải's, with a warning naming the tab, C3 and both codes;
 * Tạo mẫu writes the new code into C3 and says so. A tab whose names are also another unit's is not
 * read (as before), and the findings say why instead of "chưa có trang báo cáo".
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import type { Finding } from '../../src/engine/types';
import * as main from '../../src/gas/main';
import { SHEETS } from '../../src/messages/vi/gas';
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
  summaryRow,
  unitSheet,
  unitUrls,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const cat = defaultCatalogue();
const label = (code: string) => cat.indicators.find((i) => i.code === code)?.label as string;
const SUMMARY = 'Tổng hợp 2018-09';
const TAB = 'Chung Chải 2018';
const NEW_CODE = 'chungchai';
const OLD_CODE = 'chung-chai';

let env: Env | undefined;
afterEach(() => {
  env?.dispose();
  env = undefined;
});

/** The officer corrects Chung Chải's code in "Đơn vị" (row 2) after Tạo mẫu made the tabs. */
function changeCode(e: Env, code = NEW_CODE): void {
  (e.master.getSheetByName(SHEETS.units) as Sheet).getRange(2, 1).setValue(code);
}

function codeChanged(opts: { api: boolean } = { api: true }): Env {
  const e = seededMaster(opts);
  changeCode(e);
  return e;
}

const c3 = (s: Sheet) => s.getRange(LAYOUT.unitCodeRow, LAYOUT.valueCol).getValue();
const messages = (fs: Finding[]) => fs.map((f) => f.message);
/** "Kiểm tra dữ liệu" for every unit (the active sheet is no unit's), and the rows of the "Kiểm tra" sheet. */
function checkAll(e: Env): string[][] {
  e.master.setActiveSheet(e.master.getSheetByName(SHEETS.units) as Sheet);
  main.checkData();
  return (e.master.getSheetByName(SHEETS.check) as Sheet).getDataRange().getDisplayValues();
}

describe('Tổng hợp with the tab of a unit whose code was corrected in "Đơn vị"', () => {
  test.each([true, false])(
    'counts the commune, with a warning naming tab, C3 and both codes (Sheets API: %s)',
    (api) => {
      env = codeChanged({ api });
      const r = runAggregate(env.fake, '');
      expect(r?.message).toContain('11/11');
      const row = summaryRow(env.master.getSheetByName(SUMMARY) as Sheet, label('TCD_LUOT'));
      expect(row?.[3]).toBe(expectedSeptember('TCD_LUOT', 11));
      expect(row?.[11]).toBe('11/11');
      const status = r?.summary.completeness.rows.find((x) => x.unitCode === NEW_CODE)?.status;
      expect(status).toBe('onTime');
      const found = r?.summary.findings ?? [];
      const warning = found.find((f) => f.code === 'unit-code-outdated');
      expect(warning).toMatchObject({ severity: 'warning', unitCode: NEW_CODE, sheet: TAB, cell: 'C3' });
      expect(warning?.message).toBe(
        'Xã Chung Chải, trang "Chung Chải 2018", ô C3: mã đơn vị "chung-chai" không có trong danh sách đơn vị ' +
          '(mã của Xã Chung Chải là "chungchai"); trang này vẫn được tính là báo cáo của Xã Chung Chải vì ô "Đơn vị" ' +
          'và tên trang chỉ tới Xã Chung Chải. Hãy sửa ô C3 thành "chungchai" (trên Google Sheets: chạy Dân vận › ' +
          'Tạo mẫu báo cáo cho xã, ô này được sửa tự động)',
      );
      expect(messages(found)).not.toContain('Xã Chung Chải: chưa có trang báo cáo năm 2018');
      expect(found.some((f) => f.code === 'unknown-unit' || f.code === 'unit-missing')).toBe(false);
    },
  );

  test('the officer is told in the alert, not only in "Kiểm tra"', () => {
    env = codeChanged();
    const before = env.fake.ui.alerts.length;
    runAggregate(env.fake, '');
    const shown = env.fake.ui.alerts
      .slice(before)
      .map((a) => a.prompt ?? '')
      .join('\n');
    expect(shown).toContain('trang "Chung Chải 2018", ô C3: mã đơn vị "chung-chai" không có trong danh sách');
  });

  test("the summary's findings sheet names the tab and cell", () => {
    env = codeChanged();
    runAggregate(env.fake, '');
    const text = (env.master.getSheetByName('Kiểm tra 2018-09') as Sheet).getDataRange().getDisplayValues().flat();
    expect(text.join('\n')).toContain('ô C3: mã đơn vị "chung-chai" không có trong danh sách đơn vị');
  });
});

describe('Kiểm tra dữ liệu', () => {
  test('every unit: the tab is checked as Chung Chải\'s, C3 marked, no false "chưa có trang báo cáo"', () => {
    env = codeChanged();
    const rows = checkAll(env);
    const text = rows.map((r) => r.join(' | ')).join('\n');
    expect(text).toContain('Chung Chải 2018!C3');
    expect(text).toContain(
      'mã đơn vị "chung-chai" không có trong danh sách đơn vị (mã của Xã Chung Chải là "chungchai")',
    );
    expect(text).not.toContain('chưa có trang báo cáo');
    expect(text).not.toContain('đơn vị "chung-chai" không có trong danh sách đơn vị; số liệu');
    const s = unitSheet(env, env.units[0]) as Sheet;
    expect(s.getRange('C3').getNote()).toContain('chungchai');
  });

  test("the active tab: checked as Chung Chải's", () => {
    env = codeChanged();
    env.master.setActiveSheet(unitSheet(env, env.units[0]) as Sheet);
    const r = main.checkData();
    expect(r?.findings.find((f) => f.code === 'unit-code-outdated')?.unitCode).toBe(NEW_CODE);
  });
});

describe('Tạo mẫu', () => {
  test("writes the new code into C3 of the unit's tab and says so; figures kept; Tổng hợp then has no warning", () => {
    env = codeChanged();
    const s = unitSheet(env, env.units[0]) as Sheet;
    const before = s.getDataRange().getValues();
    const r = runTemplates(env.fake);
    expect(c3(s)).toBe(NEW_CODE);
    const msg = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(msg).toContain(
      'Xã Chung Chải: trang "Chung Chải 2018" đã có, giữ nguyên số liệu; đã sửa mã đơn vị ở ô C3 từ "chung-chai" ' +
        'thành "chungchai" (theo trang "Đơn vị")',
    );
    expect(msg).not.toContain('Xã Chung Chải: đã có, giữ nguyên số liệu');
    expect(r?.outcomes[0].codeFixed).toEqual({ cell: 'C3', from: OLD_CODE });
    // Only C3 changed.
    const after = s.getDataRange().getValues();
    after[LAYOUT.unitCodeRow - 1][LAYOUT.valueCol - 1] = OLD_CODE;
    expect(after).toEqual(before);
    // The other units' tabs untouched.
    expect(r?.outcomes.slice(1).every((o) => !o.codeFixed)).toBe(true);

    const agg = runAggregate(env.fake, '');
    expect(agg?.summary.findings.some((f) => f.code.startsWith('unit-code'))).toBe(false);
    expect(agg?.message).toContain('11/11');

    runTemplates(env.fake);
    expect(env.fake.ui.alerts.at(-1)?.prompt).toContain('Xã Chung Chải: đã có, giữ nguyên số liệu');
  });

  test('a code typed as a number stays as typed ("007")', () => {
    env = seededMaster({ api: true });
    (env.master.getSheetByName(SHEETS.units) as Sheet).getRange(2, 1).setNumberFormat('@').setValue('007');
    const s = unitSheet(env, env.units[0]) as Sheet;
    runTemplates(env.fake);
    expect(s.getRange('C3').getDisplayValue()).toBe('007');
    expect(runAggregate(env.fake, '')?.summary.completeness.rows.find((x) => x.unitCode === '007')?.status).toBe(
      'onTime',
    );
  });

  test('"Mã đơn vị: chung-chai" in one cell: only the code changes', () => {
    env = codeChanged();
    const s = unitSheet(env, env.units[0]) as Sheet;
    s.getRange('A3').setValue('Mã đơn vị: chung-chai');
    s.getRange('C3').setValue('');
    runTemplates(env.fake);
    expect(s.getRange('A3').getValue()).toBe('Mã đơn vị: chungchai');
  });

  test("leaves a code of the list alone (another unit's code in C3)", () => {
    env = seededMaster({ api: true });
    const s = unitSheet(env, env.units[0]) as Sheet;
    s.getRange('C3').setValue('nam-vi');
    runTemplates(env.fake);
    expect(c3(s)).toBe('nam-vi');
    expect(env.fake.ui.alerts.at(-1)?.prompt).not.toContain('đã sửa mã đơn vị');
  });

  test("leaves a tab whose names are also another unit's, and says why", () => {
    env = codeChanged();
    const s = unitSheet(env, env.units[0]) as Sheet;
    s.getRange('C2').setValue('Xã Nậm Vì');
    runTemplates(env.fake);
    expect(c3(s)).toBe(OLD_CODE);
    const msg = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(msg).toContain('Chưa sửa ô "Mã đơn vị"');
    expect(msg).toContain('Xã Nậm Vì (mã "nam-vi") hoặc Xã Chung Chải (mã "chungchai")');
  });
});

describe('Nộp báo cáo', () => {
  function readyToSubmit(e: Env): Sheet {
    const s = unitSheet(e, e.units[0]) as Sheet;
    s.getRange(LAYOUT.submittedRow, monthCol(9)).setValue('');
    e.master.setActiveSheet(s);
    return s;
  }

  test('accepts the tab (read by its names) and tells of the code in C3', () => {
    env = codeChanged();
    const s = readyToSubmit(env);
    env.fake.ui.queuePromptResponse({ text: '9' });
    const r = main.submitMonth();
    expect(r?.ok).toBe(true);
    expect(s.getRange(LAYOUT.submittedRow, monthCol(9)).getDisplayValue()).toBe('05/10/2018');
    expect(r?.message).toContain('Đã nộp báo cáo tháng 9/2018 của Xã Chung Chải');
    expect(r?.message).toContain('ô C3: mã đơn vị "chung-chai" không có trong danh sách đơn vị');
    expect(env.fake.ui.alerts.at(-1)?.prompt).toContain('Hãy sửa ô C3 thành "chungchai"');
  });

  test('a tab whose names are also another unit\'s: the true reason, not "không tìm thấy mã đơn vị ở ô C3"', () => {
    env = codeChanged();
    const s = readyToSubmit(env);
    s.getRange('C2').setValue('Xã Nậm Vì');
    env.fake.ui.queuePromptResponse({ text: 'Chung Chải' }, { text: '9' });
    const r = main.submitMonth();
    expect(r?.ok).toBe(false);
    const msg = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(msg).not.toContain('không tìm thấy mã đơn vị ở ô C3');
    // The reader's own reason: the code in C3 and the two units the names point to.
    expect(msg).toContain('mã đơn vị "chung-chai" không có trong danh sách đơn vị');
    expect(msg).toContain('Xã Nậm Vì (mã "nam-vi") hoặc Xã Chung Chải (mã "chungchai")');
    expect(s.getRange(LAYOUT.submittedRow, monthCol(9)).getValue()).toBe('');
  });
});

describe('not read when it cannot be told whose it is (as before), with the reason', () => {
  test('names of two units: not summed; the reason instead of "chưa có trang báo cáo"', () => {
    env = codeChanged();
    (unitSheet(env, env.units[0]) as Sheet).getRange('C2').setValue('Xã Nậm Vì');
    const r = runAggregate(env.fake, '');
    const row = summaryRow(env.master.getSheetByName(SUMMARY) as Sheet, label('TCD_LUOT'));
    expect(row?.[3]).toBe(expectedSeptember('TCD_LUOT', 11) - 1);
    expect(row?.[11]).toBe('10/11');
    const found = r?.summary.findings ?? [];
    expect(messages(found)).not.toContain('Xã Chung Chải: chưa có trang báo cáo năm 2018');
    const error = found.find((f) => f.code === 'unit-code-not-listed');
    expect(error).toMatchObject({ severity: 'error', sheet: TAB, cell: 'C3' });
    expect(error?.message).toContain('mã đơn vị "chung-chai" không có trong danh sách đơn vị');
    expect(error?.message).toContain('Xã Nậm Vì (mã "nam-vi") hoặc Xã Chung Chải (mã "chungchai")');
    const missing = found.find((f) => f.code === 'unit-missing' && f.unitCode === NEW_CODE);
    expect(missing?.message).toContain('Xã Chung Chải: chưa có báo cáo năm 2018 được tính');
    expect(missing?.message).toContain('trang "Chung Chải 2018"');
    // Nậm Vì's own tab is still its report, counted once.
    expect(r?.summary.completeness.rows.find((x) => x.unitCode === 'nam-vi')?.status).toBe('onTime');
  });
});

describe('one spreadsheet per commune (layout b)', () => {
  test("Tổng hợp counts the commune; Tạo mẫu writes the new code into its own spreadsheet's tab", () => {
    env = createEnv();
    runSetup();
    setSetting(env.master, 'separateSpreadsheets', 'có');
    runTemplates(env.fake);
    const urls = unitUrls(env.master);
    env.units.forEach((u, i) => {
      seedUnitSheet(unitSheet(env as Env, u, YEAR, urls[u.code]) as Sheet, i);
    });
    changeCode(env);
    const r = runAggregate(env.fake, '');
    expect(r?.message).toContain('11/11');
    expect(r?.summary.findings.find((f) => f.code === 'unit-code-outdated')?.unitCode).toBe(NEW_CODE);
    const s = unitSheet(env, env.units[0], YEAR, urls[OLD_CODE]) as Sheet;
    runTemplates(env.fake);
    expect(c3(s)).toBe(NEW_CODE);
    expect(env.fake.ui.alerts.at(-1)?.prompt).toContain('đã sửa mã đơn vị ở ô C3 từ "chung-chai" thành "chungchai"');
  });
});
