/**
 * An indicator's kind changed in "Chỉ tiêu", its code kept (a flow become a stock, a count become
 * an amount or a note): "Tạo mẫu" gives every tab's row the new kind's validation, number format
 * and "Cả năm" formula, as a fresh row has, every figure kept. Before, it found nothing to do: the
 * tabs kept the old kind's (a stock's "Cả năm" summing the months, decimals refused in an amount).
 */
import { a1, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { SHEETS } from '../../src/messages/vi/gas';
import { type Env, runAggregate, runTemplates, seededMaster, unitSheet } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const MONTHS = 5;
const FLOW = 'DVK_DANGKY';
const STOCK = 'HND_SXKDG_CONGNHAN';
const COUNT = 'DON_TONG';
const AMOUNT = 'LDLD_MAIAM_GIATRI';
const NOTE = 'GHI_CHU';

/** Code, label and month cells of every row of a tab. */
function table(s: Sheet): unknown[][] {
  return s
    .getDataRange()
    .getValues()
    .map((r) => [r[LAYOUT.codeCol - 1], r[LAYOUT.labelCol - 1], ...r.slice(monthCol(1) - 1, monthCol(12))]);
}

/** Month `m`'s validation (what it asks, whether it only warns) and number format, and "Cả năm"'s formula and format, row shown as "#". */
function look(s: Sheet, row: number, m = 1) {
  const dv = s.getRange(row, monthCol(m)).getDataValidation();
  const values = (dv?.getCriteriaValues() ?? []).map((v) => String(v).replace(/[A-Z]+\d+/g, 'X'));
  const total = s.getRange(row, LAYOUT.totalCol);
  return [
    String(dv?.getCriteriaType()),
    values,
    dv?.getAllowInvalid(),
    s.getRange(row, monthCol(m)).getNumberFormat(),
    total.getFormula().split(String(row)).join('#'),
    // An empty "Cả năm" (a note's) shows no format.
    total.getFormula() ? total.getNumberFormat() : '',
  ];
}

describe('Tạo mẫu after an indicator’s kind changed in "Chỉ tiêu", its code kept', () => {
  let env: Env;
  beforeEach(() => {
    env = seededMaster({ api: true, months: MONTHS });
  });
  afterEach(() => env.dispose());

  /** "Chỉ tiêu": column `head` of indicator `code` set to `value`. */
  function edit(code: string, head: string, value: string): void {
    const ind = env.master.getSheetByName(SHEETS.indicators) as Sheet;
    const values = ind.getDataRange().getValues();
    const r = values.findIndex((x) => x[values[0].indexOf('Mã')] === code) + 1;
    expect(values[0].indexOf(head)).toBeGreaterThanOrEqual(0);
    ind.getRange(r, values[0].indexOf(head) + 1).setValue(value);
  }

  test.each([
    ['a flow become a stock', FLOW, 'Cộng các tháng', 'tháng gần nhất', STOCK],
    ['a stock become a flow', STOCK, 'Cộng các tháng', 'cộng dồn', FLOW],
    ['a count become an amount', FLOW, 'Loại', 'số thập phân', AMOUNT],
    ['an amount become a count', AMOUNT, 'Loại', 'số nguyên', COUNT],
    ['a count become a note', FLOW, 'Loại', 'ghi chú', NOTE],
    ['a note become a count', NOTE, 'Loại', 'số nguyên', COUNT],
  ])(
    '%s: every tab’s row gets the new kind’s validation, format and "Cả năm", every figure kept',
    (_, code, head, value, like) => {
      const s = unitSheet(env, env.units[1]) as Sheet;
      const rowOf = (c: string) => table(s).findIndex((r) => r[0] === c) + 1;
      const at = rowOf(code);
      if (code === NOTE) s.getRange(at, monthCol(2)).setValue('Thiếu kinh phí');
      expect(look(s, at)).not.toEqual(look(s, rowOf(like)));
      const before = table(s);
      edit(code, head, value);

      const r = runTemplates(env.fake);
      const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
      expect(alert).toContain(
        `Xã Huổi Lếch: trang "${s.getName()}" đã có; cập nhật dòng ${code} theo loại chỉ tiêu mới trong trang "Chỉ tiêu" ` +
          '(kiểu ô nhập, định dạng số, công thức "Cả năm"), giữ nguyên số liệu',
      );
      expect(alert).toContain(`đổi mã hoặc loại dòng chỉ tiêu (theo trang "Chỉ tiêu") ở ${env.units.length} trang`);
      expect(r?.extended).toBe(0);
      expect(table(s)).toEqual(before);
      for (const m of [1, 12]) expect(look(s, at, m)).toEqual(look(s, rowOf(like), m));
      // Every tab, not only the one looked at.
      for (const u of env.units) {
        const t = unitSheet(env, u) as Sheet;
        const row = table(t).findIndex((x) => x[0] === code) + 1;
        expect(t.getRange(row, LAYOUT.totalCol).getFormula().split(String(row)).join('#')).toBe(look(s, at)[4]);
      }

      // Run again: nothing more to do.
      runTemplates(env.fake);
      expect(env.fake.ui.alerts.at(-1)?.prompt ?? '').not.toContain(`cập nhật dòng ${code}`);
      expect(table(s)).toEqual(before);
    },
  );

  test('a figure the commune typed over "Cả năm" is kept; the validation still tells the kind', () => {
    const s = unitSheet(env, env.units[1]) as Sheet;
    const at = table(s).findIndex((r) => r[0] === COUNT) + 1;
    s.getRange(at, LAYOUT.totalCol).setValue(40);
    edit(COUNT, 'Loại', 'số thập phân');
    runTemplates(env.fake);
    expect(env.fake.ui.alerts.at(-1)?.prompt ?? '').toContain(`cập nhật dòng ${COUNT} theo loại chỉ tiêu mới`);
    const total = s.getRange(at, LAYOUT.totalCol);
    expect([total.getFormula(), total.getValue()]).toEqual(['', 40]);
    const amountAt = table(s).findIndex((r) => r[0] === AMOUNT) + 1;
    expect(look(s, at).slice(0, 4)).toEqual(look(s, amountAt).slice(0, 4));
  });
});

describe('a flow become a stock: a figure the commune typed over "Cả năm" in the flow days', () => {
  let env: Env;
  beforeEach(() => {
    env = seededMaster({ api: true, months: MONTHS });
  });
  afterEach(() => env.dispose());

  test('is kept by "Tạo mẫu", and "Tổng hợp" names its cell: not the latest month’s figure', () => {
    const s = unitSheet(env, env.units[1]) as Sheet;
    const at = table(s).findIndex((r) => r[0] === FLOW) + 1;
    const months = s.getRange(at, monthCol(1), 1, 12).getValues()[0];
    let m = 12;
    while (m > 1 && typeof months[m - 1] !== 'number') m--;
    const last = months[m - 1] as number;
    const sum = months.reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
    expect(sum).not.toBe(last);
    s.getRange(at, LAYOUT.totalCol).setValue(sum);
    const ind = env.master.getSheetByName(SHEETS.indicators) as Sheet;
    const values = ind.getDataRange().getValues();
    const r = values.findIndex((x) => x[values[0].indexOf('Mã')] === FLOW) + 1;
    ind.getRange(r, values[0].indexOf('Cộng các tháng') + 1).setValue('tháng gần nhất');

    runTemplates(env.fake);
    expect(s.getRange(at, LAYOUT.totalCol).getValue()).toBe(sum);
    const cell = a1(at, LAYOUT.totalCol);
    const found = runAggregate(env.fake, `${MONTHS}/2018`)?.summary?.findings.filter(
      (f) => f.code === 'total-not-last',
    );
    expect(found?.map((f) => [f.cell, f.indicatorCode])).toEqual([[cell, FLOW]]);
    expect(found?.[0].message).toContain(
      `ô ${cell} (${s.getRange(at, LAYOUT.labelCol).getValue()}): cột "Cả năm" ghi ${sum} nhưng chỉ tiêu này lấy ` +
        `số của tháng gần nhất (tháng ${m}: ${last}), không cộng các tháng`,
    );
  });
});
