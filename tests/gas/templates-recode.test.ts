/**
 * An indicator's code (with its label, or alone) changed in "Chỉ tiêu" mid-year: "Tổng hợp" still
 * counts the communes' figures (the row is read as the indicator whose place it holds), and
 * "Tạo mẫu" re-codes the row in every tab, its figures kept. Before, "Tạo mẫu" inserted an empty
 * row with the new code beside the old one, said "giữ nguyên số liệu", and the figures left the
 * totals with a warning only; a code-only change was never written into the tabs.
 */
import { LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { SHEETS } from '../../src/messages/vi/gas';
import { type Env, runAggregate, runTemplates, seededMaster, seedValue, unitSheet } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const OLD = 'DVK_DANGKY';
const NEW = 'DVK_DK';
const LABEL = 'Số mô hình "Dân vận khéo" đăng ký mới';
const MONTHS = 5;

/** "Chỉ tiêu": the indicator's code changed to NEW, and its label to `label` when given. */
function recode(master: Spreadsheet, label?: string): void {
  const ind = master.getSheetByName(SHEETS.indicators) as Sheet;
  const values = ind.getDataRange().getValues();
  const code = values[0].indexOf('Mã');
  const row = values.findIndex((r) => r[code] === OLD) + 1;
  ind.getRange(row, code + 1).setValue(NEW);
  if (label) ind.getRange(row, code + 2).setValue(label);
}

/** Code, label and month cells of every row of a tab. */
function table(s: Sheet): unknown[][] {
  return s
    .getDataRange()
    .getValues()
    .map((r) => [r[LAYOUT.codeCol - 1], r[LAYOUT.labelCol - 1], ...r.slice(monthCol(1) - 1, monthCol(12))]);
}

describe('Tạo mẫu after an indicator’s code changed in "Chỉ tiêu"', () => {
  let env: Env;
  beforeEach(() => {
    env = seededMaster({ api: true, months: MONTHS });
  });
  afterEach(() => env.dispose());

  const ytd = () => {
    let s = 0;
    env.units.forEach((_, i) => {
      for (let m = 1; m <= MONTHS; m++) s += seedValue(OLD, i, m) ?? 0;
    });
    return s;
  };

  test.each([
    ['code and label', LABEL, `đổi mã dòng ${OLD} thành ${NEW} (tên chỉ tiêu: "${LABEL}"), giữ nguyên số liệu`],
    ['code only', undefined, `đổi mã dòng ${OLD} thành ${NEW}, giữ nguyên số liệu`],
  ])('%s: every tab’s row re-coded in place, its figures kept and counted', (_, label, said) => {
    expect(ytd()).toBeGreaterThan(0);
    const u = env.units[1];
    const s = unitSheet(env, u) as Sheet;
    const before = table(s);
    const at = before.findIndex((r) => r[0] === OLD);
    recode(env.master, label);

    // Before "Tạo mẫu": the figures are still counted, under the new code.
    const first = runAggregate(env.fake, `${MONTHS}/2018`)?.summary;
    expect(first?.indicators.find((i) => i.code === NEW)?.ytd).toBe(ytd());

    const r = runTemplates(env.fake);
    const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(alert).toContain(`Xã Huổi Lếch: trang "${s.getName()}" đã có; ${said}`);
    expect(alert).toContain(`đổi mã hoặc loại dòng chỉ tiêu (theo trang "Chỉ tiêu") ở ${env.units.length} trang`);
    expect(alert).not.toContain('thêm dòng chỉ tiêu mới');
    expect(r?.extended).toBe(0);

    // The same rows; only that row's code (and label) changed.
    const expected = before.map((row) => [...row]);
    expected[at][0] = NEW;
    if (label) expected[at][1] = label;
    expect(table(s)).toEqual(expected);

    const summary = runAggregate(env.fake, `${MONTHS}/2018`)?.summary;
    expect(summary?.indicators.find((i) => i.code === NEW)?.ytd).toBe(ytd());
    expect(summary?.findings.filter((f) => f.code === 'unknown-indicator' || f.code === 'missing-indicator')).toEqual(
      [],
    );

    // Run again: nothing more to do.
    const again = runTemplates(env.fake);
    expect(again?.recoded).toBe(0);
    expect(table(s)).toEqual(expected);
  });

  test('the unit changed too: the new row is added, and the old row still holding figures is named', () => {
    const ind = env.master.getSheetByName(SHEETS.indicators) as Sheet;
    const values = ind.getDataRange().getValues();
    const unitCol = values[0].indexOf('Đơn vị tính');
    expect(unitCol).toBeGreaterThan(0);
    const row = values.findIndex((r) => r.includes(OLD)) + 1;
    recode(env.master, LABEL);
    ind.getRange(row, unitCol + 1).setValue('câu lạc bộ');
    const s = unitSheet(env, env.units[1]) as Sheet;
    const old = table(s).findIndex((r) => r[0] === OLD) + 1;
    runTemplates(env.fake);
    const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(alert).toContain(
      `Xã Huổi Lếch: trang "${s.getName()}" đã có, giữ nguyên số liệu; đã thêm 1 dòng chỉ tiêu mới: ` +
        `"${LABEL}" (mã ${NEW}). Lưu ý: dòng ${old + 1} (mã ${OLD}, ` +
        `${MONTHS} ô số liệu) có mã không có trong danh mục nên số liệu chưa được tính vào tổng hợp`,
    );
  });
});

describe('Tạo mẫu after an indicator’s code and kind changed in "Chỉ tiêu"', () => {
  let env: Env;
  beforeEach(() => {
    env = seededMaster({ api: true, months: MONTHS });
  });
  afterEach(() => env.dispose());

  /** The validation of month 1's cell of tab row `row`: what it asks, and whether it only warns. */
  const rule = (s: Sheet, row: number) => {
    const dv = s.getRange(row, monthCol(1)).getDataValidation();
    const values = (dv?.getCriteriaValues() ?? []).map((v) => String(v).replace(/[A-Z]+\d+/g, 'X'));
    return [String(dv?.getCriteriaType()), values, dv?.getAllowInvalid()];
  };
  /** Month 1's validation and number format: those of another row of the same kind. */
  const look = (s: Sheet, row: number) => [...rule(s, row), s.getRange(row, monthCol(1)).getNumberFormat()];

  test.each([
    ['a count become an amount', OLD, 'số thập phân', 'DON_TONG', 'LDLD_MAIAM_GIATRI'],
    ['a count become a note', OLD, 'ghi chú', 'DON_TONG', 'GHI_CHU'],
    ['a note become a count', 'GHI_CHU', 'số nguyên', 'GHI_CHU', 'DON_TONG'],
  ])(
    '%s: the re-coded row gets the validation and format of its new kind, every figure kept',
    (_, from, kind, oldLike, newLike) => {
      const s = unitSheet(env, env.units[1]) as Sheet;
      const rowOf = (code: string) => table(s).findIndex((r) => r[0] === code) + 1;
      const at = rowOf(from);
      // A note typed where a count is now wanted: not valid any more, kept for "Kiểm tra" to name.
      if (from === 'GHI_CHU') s.getRange(at, monthCol(2)).setValue('Thiếu kinh phí');
      expect(look(s, at)).toEqual(look(s, rowOf(oldLike)));
      expect(look(s, at)).not.toEqual(look(s, rowOf(newLike)));
      const before = table(s);
      const ind = env.master.getSheetByName(SHEETS.indicators) as Sheet;
      const values = ind.getDataRange().getValues();
      const r = values.findIndex((x) => x[values[0].indexOf('Mã')] === from) + 1;
      ind.getRange(r, values[0].indexOf('Mã') + 1).setValue(`${from}_MOI`);
      ind.getRange(r, values[0].indexOf('Loại') + 1).setValue(kind);

      runTemplates(env.fake);
      expect(env.fake.ui.alerts.at(-1)?.prompt ?? '').toContain(`đổi mã dòng ${from} thành ${from}_MOI`);
      const expected = before.map((row) => [...row]);
      expected[at - 1][0] = `${from}_MOI`;
      expect(table(s)).toEqual(expected);
      expect(look(s, at)).toEqual(look(s, rowOf(newLike)));
      // "Cả năm" as the new kind has it: a note none, a figure the months' sum.
      const total = (row: number) => s.getRange(row, LAYOUT.totalCol).getFormula().split(String(row)).join('#');
      expect(total(at)).toBe(total(rowOf(newLike)));
      // Every month cell of the row, not only the first.
      const dv = s.getRange(at, monthCol(12)).getDataValidation();
      expect(String(dv?.getCriteriaType())).toBe(rule(s, rowOf(newLike))[0]);
    },
  );
});

describe('Tạo mẫu after an indicator’s code and way over the months changed in "Chỉ tiêu"', () => {
  let env: Env;
  beforeEach(() => {
    env = seededMaster({ api: true, months: MONTHS });
  });
  afterEach(() => env.dispose());

  const STOCK = 'HND_SXKDG_CONGNHAN';
  /** The "Cả năm" formula of tab row `row`, its row number shown as "#". */
  const totalOf = (s: Sheet, row: number) => s.getRange(row, LAYOUT.totalCol).getFormula().split(String(row)).join('#');

  /** "Chỉ tiêu": `from` gets code `${from}_MOI` and "Cộng các tháng" `over`. */
  function rekind(from: string, over: string): void {
    const ind = env.master.getSheetByName(SHEETS.indicators) as Sheet;
    const values = ind.getDataRange().getValues();
    const head = values[0];
    const r = values.findIndex((x) => x[head.indexOf('Mã')] === from) + 1;
    ind.getRange(r, head.indexOf('Mã') + 1).setValue(`${from}_MOI`);
    ind.getRange(r, head.indexOf('Cộng các tháng') + 1).setValue(over);
  }

  test.each([
    ['a flow become a stock', OLD, 'tháng gần nhất', OLD, STOCK],
    ['a stock become a flow', STOCK, 'cộng dồn', STOCK, OLD],
  ])(
    '%s: the re-coded row’s "Cả năm" formula is the new kind’s, every figure kept',
    (_, from, over, oldLike, newLike) => {
      const s = unitSheet(env, env.units[1]) as Sheet;
      const rowOf = (code: string) => table(s).findIndex((r) => r[0] === code) + 1;
      const at = rowOf(from);
      expect(totalOf(s, at)).toBe(totalOf(s, rowOf(oldLike)));
      expect(totalOf(s, at)).not.toBe(totalOf(s, rowOf(newLike)));
      const before = table(s);
      rekind(from, over);

      runTemplates(env.fake);
      expect(env.fake.ui.alerts.at(-1)?.prompt ?? '').toContain(`đổi mã dòng ${from} thành ${from}_MOI`);
      const expected = before.map((row) => [...row]);
      expected[at - 1][0] = `${from}_MOI`;
      expect(table(s)).toEqual(expected);
      expect(totalOf(s, at)).toBe(totalOf(s, rowOf(newLike)));
      expect(s.getRange(at, LAYOUT.totalCol).getNumberFormat()).toBe(
        s.getRange(rowOf(newLike), LAYOUT.totalCol).getNumberFormat(),
      );
    },
  );

  test('a figure the commune typed over "Cả năm" is kept, not replaced by the formula', () => {
    const s = unitSheet(env, env.units[1]) as Sheet;
    const at = table(s).findIndex((r) => r[0] === OLD) + 1;
    s.getRange(at, LAYOUT.totalCol).setValue(40);
    rekind(OLD, 'tháng gần nhất');
    runTemplates(env.fake);
    expect(env.fake.ui.alerts.at(-1)?.prompt ?? '').toContain(`đổi mã dòng ${OLD} thành ${OLD}_MOI`);
    expect([s.getRange(at, LAYOUT.totalCol).getFormula(), s.getRange(at, LAYOUT.totalCol).getValue()]).toEqual([
      '',
      40,
    ]);
  });
});
