/**
 * "Quy tắc" changed after the communes' tabs were made: re-running "Tạo mẫu" brings every existing
 * tab's rule highlighting up to date (a changed rule coloured as it now reads, a deleted one no
 * more), in both layouts, keeping the user's own conditional formats and everything typed, and
 * writes nothing to a tab already up to date.
 */
import { LAYOUT, monthCol, unitDisplayName } from '../../src/engine/sheet/layout';
import { RULES_HEADER, SHEETS, TEMPLATES } from '../../src/messages/vi/gas';
import {
  createEnv,
  type Env,
  lastAlert,
  runSetup,
  runTemplates,
  seededMaster,
  seedUnitSheet,
  setSetting,
  unitSheet,
  unitUrls,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/** Set the cell of rule `code` in column `header` of "Quy tắc". */
function setRule(master: Spreadsheet, code: string, header: keyof typeof RULES_HEADER, value: string): void {
  const sheet = master.getSheetByName(SHEETS.rules) as Sheet;
  const values = sheet.getDataRange().getValues();
  const row = values.findIndex((r) => r[0] === code);
  const col = values[0].indexOf(RULES_HEADER[header]);
  if (row < 0 || col < 0) throw new Error(`no rule ${code} or column ${header}`);
  sheet.getRange(row + 1, col + 1).setValue(value);
}

function deleteRule(master: Spreadsheet, code: string): void {
  const sheet = master.getSheetByName(SHEETS.rules) as Sheet;
  const row = sheet
    .getDataRange()
    .getValues()
    .findIndex((r) => r[0] === code);
  if (row < 0) throw new Error(`no rule ${code}`);
  sheet.deleteRow(row + 1);
}

/** A rule as compared here: formula (or the colour scale), colour and ranges. */
function describeRule(r: Rule): string {
  const b = r.getBooleanCondition();
  const g = r.getGradientCondition();
  const what = b
    ? `${String(b.getCriteriaType())} ${b.getCriteriaValues().join(' ')} ${b.getBackground()}`
    : `scale ${g?.getMinColor()} ${g?.getMaxColor()}`;
  return `${what} @ ${r
    .getRanges()
    .map((x) => x.getA1Notation())
    .join(',')}`;
}

/** The tab's conditional formats, sorted (Sheets applies them in order, but order is not at issue here). */
function highlights(s: Sheet): string[] {
  return s.getConditionalFormatRules().map(describeRule).sort();
}

/** Month cells, totals and notes of the whole tab, with formulas: what the commune typed and the year totals. */
function typed(s: Sheet) {
  const r = s.getDataRange();
  return { values: r.getValues(), formulas: r.getFormulas() };
}

/** Row of indicator `code` in the tab. */
function rowOf(s: Sheet, code: string): number {
  return (
    s
      .getRange(1, LAYOUT.codeCol, s.getLastRow(), 1)
      .getValues()
      .findIndex((r) => r[0] === code) + 1
  );
}

/**
 * The user's own conditional formats: one shaped like the add-on's highlighting (a prefix test
 * would take it for one), a number rule, a colour scale. Appended after the add-on's.
 */
function addOwnRules(s: Sheet): string[] {
  const row = rowOf(s, 'DON_TONG');
  const months = s.getRange(row, monthCol(1), 1, 12);
  const own = [
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=AND(COUNT(E${row}:P${row})>0,NOT(SUM(E${row}:P${row})<100))`)
      .setBackground('#CFE2F3')
      .setRanges([months])
      .build(),
    SpreadsheetApp.newConditionalFormatRule()
      .whenNumberGreaterThan(50)
      .setFontColor('#CC0000')
      .setRanges([s.getRange(rowOf(s, 'TCD_LUOT'), monthCol(1), 1, 12)])
      .build(),
    SpreadsheetApp.newConditionalFormatRule()
      .setGradientMinpoint('#FFFFFF')
      .setGradientMaxpoint('#57BB8A')
      .setRanges([s.getRange(rowOf(s, 'DVK_DANGKY'), monthCol(1), 1, 12)])
      .build(),
  ];
  s.setConditionalFormatRules([...s.getConditionalFormatRules(), ...own]);
  return own.map(describeRule);
}

/** The add-on's highlighting of a tab made now: the tab of the next year, made with the same catalogue. */
function freshHighlights(env: Env, urls?: Record<string, string>): string[] {
  const u = env.units[0];
  if (!unitSheet(env, u, YEAR + 1, urls?.[u.code])) runTemplates(env.fake, YEAR + 1);
  return highlights(unitSheet(env, u, YEAR + 1, urls?.[u.code]) as Sheet);
}

describe('Tạo mẫu after "Quy tắc" changed — layout (a)', () => {
  let env: Env;
  beforeEach(() => {
    env = seededMaster({ api: true, months: 9 });
  });
  afterEach(() => env.dispose());

  test('a changed rule: every tab coloured as the rule now reads, nothing typed touched', () => {
    const s = unitSheet(env, env.units[3]) as Sheet;
    const before = typed(s);
    const old = highlights(s);
    const [people, visits] = [rowOf(s, 'TCD_NGUOI'), rowOf(s, 'TCD_LUOT')];
    const oldFormula = `=AND(AND(COUNT(E$${people})>0,COUNT(E$${visits})>0),NOT(SUM(E$${people})>=SUM(E$${visits})))`;
    expect(old.some((h) => h.includes(oldFormula))).toBe(true);
    // People received were warned when fewer than visits; now an error when more, an empty cell as 0.
    setRule(env.master, 'TCD_NGUOI_LUOT', 'operator', '<=');
    setRule(env.master, 'TCD_NGUOI_LUOT', 'importance', 'lỗi');
    setRule(env.master, 'TCD_NGUOI_LUOT', 'missing', 'tính là 0');
    env.fake.resetCalls();

    const r = runTemplates(env.fake);
    expect([r?.created, r?.kept, r?.extended, r?.highlighted]).toEqual([0, 0, 0, 11]);
    // Only the rules' highlighting was written: no row inserted, no cell written.
    expect(env.fake.calls.count('Sheet.setConditionalFormatRules')).toBe(11);
    expect(env.fake.calls.count('Sheet.insertRowsAfter')).toBe(0);
    expect(env.fake.calls.count('Range.setValues') + env.fake.calls.count('Range.setValue')).toBe(0);
    expect(typed(s)).toEqual(before);

    const now = highlights(s);
    const newFormula = `=AND(COUNT(E$${people},E$${visits})>0,NOT(SUM(E$${people})<=SUM(E$${visits})))`;
    expect(now.filter((h) => h.includes(newFormula))).toEqual([
      `CUSTOM_FORMULA ${newFormula} #f8cbad @ E${people}:P${people},E${visits}:P${visits}`,
    ]);
    expect(now.some((h) => h.includes(oldFormula))).toBe(false);
    // The other rules' highlighting as it was; the whole as a tab made now has it.
    expect(now.filter((h) => !h.includes(newFormula))).toEqual(old.filter((h) => !h.includes(oldFormula)));

    const alert = lastAlert(env);
    expect(alert).toContain('Mẫu năm 2018 — tạo mới 0, giữ nguyên 0, cập nhật tô màu theo quy tắc ở 11 trang.');
    expect(alert).toContain(
      'Xã Mường Nhé: trang "Mường Nhé 2018" đã có, giữ nguyên số liệu; đã cập nhật tô màu theo trang "Quy tắc"',
    );
    expect(now).toEqual(freshHighlights(env));
  });

  test('a deleted rule: its highlighting is gone', () => {
    const s = unitSheet(env, env.units[0]) as Sheet;
    const field = rowOf(s, 'DON_DATDAI');
    const mine = (h: string) => h.includes(`SUM(E$${field},`);
    // The rule broken, and its total left blank.
    expect(highlights(s).filter(mine)).toHaveLength(2);
    deleteRule(env.master, 'DON_THEO_LINH_VUC');
    const r = runTemplates(env.fake);
    expect(r?.highlighted).toBe(11);
    expect(highlights(s).filter(mine)).toEqual([]);
    expect(highlights(s)).toEqual(freshHighlights(env));
  });

  test('the user’s own conditional formats are kept, whatever their shape', () => {
    const s = unitSheet(env, env.units[1]) as Sheet;
    const own = addOwnRules(s);
    setRule(env.master, 'HND_CONG_NHAN', 'importance', 'cảnh báo');
    runTemplates(env.fake);
    const now = highlights(s);
    for (const o of own) expect(now).toContain(o);
    expect(now.filter((h) => !own.includes(h))).toEqual(freshHighlights(env));
    // In their place: after the add-on's, as the user put them.
    expect(s.getConditionalFormatRules().slice(-own.length).map(describeRule)).toEqual(own);
    // Still so when rows are inserted for a new indicator.
    const ind = env.master.getSheetByName(SHEETS.indicators) as Sheet;
    const width = ind.getLastColumn();
    ind
      .getRange(ind.getLastRow() + 1, 1, 1, width)
      .setValues([
        ['TCD', '', 'TCD_DOTXUAT', 'Tiếp công dân đột xuất', 'lượt', 'số nguyên', 'cộng dồn', '{n}'].concat(
          Array(width - 8).fill(''),
        ),
      ]);
    const r = runTemplates(env.fake);
    expect(r?.extended).toBe(11);
    expect(rowOf(s, 'TCD_DOTXUAT')).toBeGreaterThan(0);
    expect(s.getConditionalFormatRules().slice(-own.length).map(describeRule)).toEqual(own);
  });

  test('a re-run with nothing changed writes no highlighting', () => {
    addOwnRules(unitSheet(env, env.units[2]) as Sheet);
    setRule(env.master, 'DON_DA_GIAI_QUYET', 'operator', '<');
    expect(runTemplates(env.fake)?.highlighted).toBe(11);
    env.fake.resetCalls();
    const r = runTemplates(env.fake);
    expect([r?.kept, r?.highlighted]).toEqual([11, 0]);
    expect(env.fake.calls.count('Sheet.setConditionalFormatRules')).toBe(0);
    expect(env.fake.calls.count('SpreadsheetApp.newConditionalFormatRule')).toBe(0);
    expect(lastAlert(env)).toContain('Mẫu năm 2018 — tạo mới 0, giữ nguyên 11.');
    expect(lastAlert(env)).not.toContain('tô màu');
  });

  test('on a tab with a row inserted by hand, the highlighting is at the tab’s rows', () => {
    const s = unitSheet(env, env.units[4]) as Sheet;
    // A blank row above the petitions' group: Sheets moves the rows below, and their highlighting.
    const total = rowOf(s, 'DON_TONG');
    s.insertRowsBefore(total - 1, 1);
    env.fake.resetCalls();
    expect(runTemplates(env.fake)?.highlighted).toBe(0);
    expect(env.fake.calls.count('Sheet.setConditionalFormatRules')).toBe(0);

    setRule(env.master, 'DON_THAM_QUYEN', 'operator', '<');
    runTemplates(env.fake);
    const competent = rowOf(s, 'DON_THAMQUYEN');
    expect(highlights(s)).toContain(
      `CUSTOM_FORMULA =AND(AND(COUNT(E$${competent})>0,COUNT(E$${total + 1})>0),NOT(SUM(E$${competent})<SUM(E$${total + 1}))) ` +
        `#f8cbad @ E${competent}:P${competent},E${total + 1}:P${total + 1}`,
    );
  });

  test('a tab whose columns were changed keeps its highlighting', () => {
    const s = unitSheet(env, env.units[5]) as Sheet;
    s.insertColumnsBefore(monthCol(1), 1);
    const before = highlights(s);
    setRule(env.master, 'TCD_NGUOI_LUOT', 'operator', '<=');
    const r = runTemplates(env.fake);
    expect([r?.highlighted, r?.kept]).toEqual([10, 1]);
    expect(highlights(s)).toEqual(before);
    // The result says so, naming the tab.
    const name = unitDisplayName(env.units[5]);
    expect(lastAlert(env)).toContain(TEMPLATES.highlightingKept(name, s.getName()));
  });
});

describe('Tạo mẫu after "Quy tắc" changed — layout (b)', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('the tabs of the units’ own spreadsheets are coloured as the rules now read, once', () => {
    env = createEnv();
    runSetup();
    setSetting(env.master, 'separateSpreadsheets', 'có');
    runTemplates(env.fake);
    const urls = unitUrls(env.master);
    const tab = (i: number) => unitSheet(env, env.units[i], YEAR, urls[env.units[i].code]) as Sheet;
    env.units.forEach((_, i) => {
      seedUnitSheet(tab(i), i, 9);
    });
    const own = addOwnRules(tab(6));
    const before = typed(tab(6));
    deleteRule(env.master, 'DVK_THEO_LINH_VUC');
    setRule(env.master, 'DON_THEO_LOAI', 'importance', 'cảnh báo');

    const r = runTemplates(env.fake);
    expect([r?.created, r?.kept, r?.highlighted]).toEqual([0, 0, 11]);
    expect(lastAlert(env)).toContain('cập nhật tô màu theo quy tắc ở 11 trang.');
    const now = highlights(tab(6));
    for (const o of own) expect(now).toContain(o);
    const fresh = freshHighlights(env, urls);
    expect(now.filter((h) => !own.includes(h))).toEqual(fresh);
    expect(highlights(tab(0))).toEqual(fresh);
    const total = rowOf(tab(6), 'DON_TONG');
    const [complaint, denunciation, petition] = ['DON_KHIEUNAI', 'DON_TOCAO', 'DON_KIENNGHI'].map((c) =>
      rowOf(tab(6), c),
    );
    const byType = `NOT(SUM(E$${complaint},E$${denunciation},E$${petition})=SUM(E$${total}))`;
    expect(now.filter((h) => h.includes(byType)).map((h) => h.includes('#fff2cc'))).toEqual([true]);
    expect(now.some((h) => h.includes(`SUM(E$${rowOf(tab(6), 'DVK_KINHTE')},`))).toBe(false);
    expect(typed(tab(6))).toEqual(before);

    env.fake.resetCalls();
    expect(runTemplates(env.fake)?.highlighted).toBe(0);
    expect(env.fake.calls.count('Sheet.setConditionalFormatRules')).toBe(0);
  });
});
