import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, LAYOUT, monthCol, unitSheetName } from '../../src/engine/sheet/layout';
import { toTcvn3, toVni } from '../../src/engine/text/legacy';
import * as main from '../../src/gas/main';
import {
  ADMIN,
  createEnv,
  type Env,
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

const rows = indicatorRows(defaultCatalogue());

function protections(sheet: Sheet, type: 'SHEET' | 'RANGE') {
  return sheet.getProtections(SpreadsheetApp.ProtectionType[type]);
}

describe('Tạo mẫu báo cáo cho xã — layout (a): tabs in the master', () => {
  let env: Env;
  beforeEach(() => {
    env = createEnv();
    runSetup();
  });
  afterEach(() => env.dispose());

  test('creates one sheet per unit in the engine layout', () => {
    const r = runTemplates(env.fake);
    expect(r?.created).toBe(11);
    for (const u of env.units) {
      const s = unitSheet(env, u) as Sheet;
      expect(s).not.toBeNull();
      expect(s.getRange(LAYOUT.unitCodeRow, LAYOUT.valueCol).getValue()).toBe(u.code);
      expect(s.getRange(LAYOUT.yearRow, LAYOUT.valueCol).getValue()).toBe(YEAR);
      expect(s.getRange(LAYOUT.submittedRow, 1).getValue()).toBe('NGAY_NOP');
      expect(s.getFrozenRows()).toBe(LAYOUT.headerRow);
    }
    expect(env.fake.ui.alerts.at(-1)?.prompt).toContain('Mẫu năm 2018 — tạo mới 11, giữ nguyên 0.');
  });

  test('adds data validation, conditional formats and protections', () => {
    runTemplates(env.fake);
    const u = env.units[0];
    const s = unitSheet(env, u) as Sheet;
    const count = s.getRange(rows.get('DVK_DANGKY') as number, monthCol(3)).getDataValidation();
    expect(String(count?.getCriteriaType())).toBe('CUSTOM_FORMULA');
    expect(count?.getAllowInvalid()).toBe(false);
    expect(count?.getHelpText()).toContain('số nguyên không âm');
    const amount = s.getRange(rows.get('LDLD_MAIAM_GIATRI') as number, monthCol(1)).getDataValidation();
    expect(String(amount?.getCriteriaType())).toBe('NUMBER_BETWEEN');
    expect(amount?.getCriteriaValues()).toEqual([0, 1e15]);
    // Counts: whole, not negative, at most a billion (above, a slip: an ID or phone number pasted).
    expect(String(count?.getCriteriaValues()[0])).toMatch(/<=1000000000,INT\(/);
    const date = s.getRange(LAYOUT.submittedRow, monthCol(12)).getDataValidation();
    expect(String(date?.getCriteriaType())).toBe('DATE_IS_VALID_DATE');
    // Notes: a warning (never a refusal) when the text looks typed in TCVN3 or VNI.
    const note = s.getRange(rows.get('GHI_CHU') as number, monthCol(9)).getDataValidation();
    expect(String(note?.getCriteriaType())).toBe('CUSTOM_FORMULA');
    expect(note?.getAllowInvalid()).toBe(true);
    expect(note?.getHelpText()).toContain('bảng mã cũ TCVN3 hoặc VNI');
    const formula = String(note?.getCriteriaValues()[0]);
    const pattern = /^=NOT\(REGEXMATCH\([A-Z]+\d+&"","(.*)"\)\)$/.exec(formula)?.[1] as string;
    const flags = (t: string) => new RegExp(pattern).test(t);
    expect([flags(toTcvn3('Khó khăn')), flags(toVni('Khó khăn')), flags('Khó khăn'), flags('')]).toEqual([
      true,
      true,
      false,
      false,
    ]);

    const cf = s.getConditionalFormatRules();
    expect(cf.length).toBeGreaterThan(0);
    const formulas = cf.map((r) => r.getBooleanCondition()?.getCriteriaValues()[0]);
    expect(formulas.some((f) => String(f).includes(`E$${rows.get('DON_TONG')}`))).toBe(true);

    const [sheetProtection] = protections(s, 'SHEET');
    expect(
      sheetProtection
        .getEditors()
        .map((e) => e.getEmail())
        .sort(),
    ).toEqual([...u.emails, ADMIN].sort());
    const structure = protections(s, 'RANGE');
    expect(structure.length).toBeGreaterThan(0);
    for (const p of structure) expect(p.getEditors().map((e) => e.getEmail())).toEqual([ADMIN]);
    // Codes (column A) and headers are inside a structure protection; month cells are not.
    const covers = (row: number, col: number) =>
      structure.some((p) => {
        const r = p.getRange();
        return row >= r.getRow() && row <= r.getLastRow() && col >= r.getColumn() && col <= r.getLastColumn();
      });
    expect(covers(rows.get('DVK_DANGKY') as number, 1)).toBe(true);
    expect(covers(LAYOUT.headerRow, monthCol(5))).toBe(true);
    expect(covers(rows.get('DVK_DANGKY') as number, LAYOUT.totalCol)).toBe(true);
    expect(covers(rows.get('DVK_DANGKY') as number, monthCol(5))).toBe(false);
    expect(covers(LAYOUT.submittedRow, monthCol(5))).toBe(false);
  });

  test('re-running never overwrites entered data', () => {
    runTemplates(env.fake);
    const s = unitSheet(env, env.units[2]) as Sheet;
    const cell = s.getRange(rows.get('TCD_LUOT') as number, monthCol(9));
    cell.setValue(42);
    env.master.deleteSheet(unitSheet(env, env.units[5]) as Sheet);
    const r = runTemplates(env.fake);
    expect(r?.created).toBe(1);
    expect(r?.kept).toBe(10);
    expect(cell.getValue()).toBe(42);
    const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(alert).toContain('Xã Leng Su Sìn: đã có, giữ nguyên số liệu');
    expect(alert).toContain('Xã Nậm Kè: đã tạo');
  });

  test('another year adds new sheets beside the old ones', () => {
    runTemplates(env.fake);
    runTemplates(env.fake, 2019);
    expect(env.master.getSheetByName(unitSheetName(env.units[0], 2018))).not.toBeNull();
    expect(env.master.getSheetByName(unitSheetName(env.units[0], 2019))).not.toBeNull();
  });

  test('cancelling the year prompt does nothing', () => {
    env.fake.ui.queuePromptResponse({ button: 'CANCEL' });
    const before = env.master.getNumSheets();
    expect(main.createTemplates()).toBeUndefined();
    expect(env.master.getNumSheets()).toBe(before);
  });

  test('a bad year is refused with a Vietnamese message', () => {
    env.fake.ui.queuePromptResponse({ text: 'năm ngoái' });
    main.createTemplates();
    expect(env.fake.ui.alerts.at(-1)?.prompt).toBe('"năm ngoái" không phải là năm (ví dụ 2018).');
  });
});

describe('Tạo mẫu báo cáo cho xã — layout (b): one spreadsheet per unit', () => {
  let env: Env;
  beforeEach(() => {
    env = createEnv();
    runSetup();
    setSetting(env.master, 'separateSpreadsheets', 'có');
  });
  afterEach(() => env.dispose());

  test('creates a spreadsheet per unit, shares it and records its URL in "Đơn vị"', () => {
    const r = runTemplates(env.fake);
    expect(r?.created).toBe(11);
    const urls = unitUrls(env.master);
    expect(Object.keys(urls).sort()).toEqual(env.units.map((u) => u.code).sort());
    for (const u of env.units) {
      const ss = SpreadsheetApp.openByUrl(urls[u.code]);
      expect(ss.getSheets().map((s) => s.getName())).toEqual([unitSheetName(u, YEAR)]);
      const editors = ss.getEditors().map((e) => e.getEmail());
      for (const e of [...u.emails, ADMIN]) expect(editors).toContain(e);
      const s = ss.getSheetByName(unitSheetName(u, YEAR)) as Sheet;
      expect(s.getRange(LAYOUT.unitCodeRow, LAYOUT.valueCol).getValue()).toBe(u.code);
      expect(protections(s, 'SHEET')).toHaveLength(1);
    }
    // Nothing was added to the master.
    expect(env.master.getSheetByName(unitSheetName(env.units[0], YEAR))).toBeNull();
  });

  test('re-running opens the recorded spreadsheets and keeps their data; a new year becomes a new tab', () => {
    runTemplates(env.fake);
    const urls = unitUrls(env.master);
    const s = unitSheet(env, env.units[0], YEAR, urls[env.units[0].code]) as Sheet;
    s.getRange(rows.get('DVK_DANGKY') as number, monthCol(1)).setValue(7);
    env.fake.resetCalls();
    const again = runTemplates(env.fake);
    expect(again?.kept).toBe(11);
    expect(env.fake.calls.count('SpreadsheetApp.create')).toBe(0);
    expect(s.getRange(rows.get('DVK_DANGKY') as number, monthCol(1)).getValue()).toBe(7);
    expect(unitUrls(env.master)).toEqual(urls);

    const next = runTemplates(env.fake, 2019);
    expect(next?.created).toBe(11);
    const ss = SpreadsheetApp.openByUrl(urls[env.units[0].code]);
    expect(ss.getSheets().map((x) => x.getName())).toEqual([
      unitSheetName(env.units[0], 2018),
      unitSheetName(env.units[0], 2019),
    ]);
  });

  test('chosen after communes typed in the master’s tabs: their figures, notes and dates move with them, the totals stay', () => {
    // Start in layout (a), with nine months typed and one note.
    setSetting(env.master, 'separateSpreadsheets', 'không');
    runTemplates(env.fake);
    env.units.forEach((u, i) => {
      seedUnitSheet(unitSheet(env, u) as Sheet, i);
    });
    const noteRow = rows.get('GHI_CHU') as number;
    (unitSheet(env, env.units[2]) as Sheet).getRange(noteRow, monthCol(9)).setValue('Đề nghị hỗ trợ kinh phí');
    const before = runAggregate(env.fake, '9/2018')?.summary;
    expect(before?.completeness.reported).toBe(11);

    setSetting(env.master, 'separateSpreadsheets', 'có');
    const r = runTemplates(env.fake);
    expect(r?.created).toBe(11);
    expect(env.fake.ui.alerts.at(-1)?.prompt).toContain(
      `Xã Chung Chải: đã tạo bảng tính riêng, đã chép số liệu từ trang "${unitSheetName(env.units[0], YEAR)}"`,
    );
    const after = runAggregate(env.fake, '9/2018')?.summary;
    expect(after?.completeness.reported).toBe(11);
    expect(after?.completeness.onTime).toBe(before?.completeness.onTime);
    expect(after?.indicators.map((i) => [i.code, i.period, i.ytd])).toEqual(
      before?.indicators.map((i) => [i.code, i.period, i.ytd]),
    );
    expect(after?.indicators.find((i) => i.code === 'GHI_CHU')?.notes?.map((n) => n.text)).toEqual([
      'Đề nghị hỗ trợ kinh phí',
    ]);
  });

  test('a unit whose spreadsheet cannot be opened is reported; the others are created', () => {
    runTemplates(env.fake);
    const urls = unitUrls(env.master);
    const bad = env.units[3];
    env.fake.faults.add({
      method: 'SpreadsheetApp.openByUrl',
      when: (args) => args[0] === urls[bad.code],
      error: 'You do not have permission to access the requested document.',
    });
    const r = runTemplates(env.fake, 2019);
    expect(r?.failed).toBe(1);
    expect(r?.created).toBe(10);
    expect(env.fake.ui.alerts.at(-1)?.prompt).toContain(
      'Xã Mường Nhé: lỗi — tài khoản đang chạy không có quyền mở bảng tính này',
    );
  });
});
