/**
 * A commune that reported only part of a quarter (2 of 3 months) is marked where its figures are
 * shown — "Theo đơn vị", the CSV — and counted apart: "2/3 đủ các tháng; 1 xã thiếu tháng", not
 * "3/3". The totals stay the same.
 */
import { aggregate } from '../aggregate/aggregate';
import { unit, unitYear } from '../aggregate/test-helpers';
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import type { Period, UnitYear } from '../types';
import { renderHtmlReport } from './html';
import { LONG_CSV_HEADER, LONG_HEADER, longRows } from './long-rows';
import type { SheetModel } from './model';
import { buildSummaryWorkbook } from './summary-workbook';
import { renderTextReport } from './text';

const CATALOGUE = defaultCatalogue();
const LABEL = 'Lượt tiếp công dân';
const units = [unit('a', 'A'), unit('b', 'B'), unit('c', 'C')];

/** Citizens received by `code` in `months` of 2018 (2 each), each month dated on time. */
const report = (code: string, months: number[]): UnitYear =>
  unitYear(code, 2018, {
    values: { TCD_LUOT: Object.fromEntries(months.map((m) => [m, 2])) },
    submitted: Object.fromEntries(months.map((m) => [m, `2018-${String(m).padStart(2, '0')}-15`])),
  });

const Q3: Period = { type: 'quarter', year: 2018, index: 3 };

function summary(period: Period) {
  return aggregate({
    catalogue: CATALOGUE,
    units,
    settings: defaultSettings(),
    period,
    // B has July and September, not August.
    current: [report('a', [7, 8, 9]), report('b', [7, 9]), report('c', [7, 8, 9])],
    previous: [],
    findings: [],
    generatedAt: '2018-09-20T03:00:00Z',
  });
}

const sheets = (s: ReturnType<typeof summary>) => buildSummaryWorkbook(s, CATALOGUE).sheets;
const rowOf = (sheet: SheetModel, text: string) => sheet.rows.find((r) => r.some((c) => c?.v === text)) ?? [];
const texts = (sheet: SheetModel) => sheet.rows.flatMap((r) => r.map((c) => c?.v)).filter((v) => typeof v === 'string');

describe('quarter III/2018, xã B without August', () => {
  const s = summary(Q3);
  const [total, byUnit] = sheets(s);

  it('counts units with figures of every month apart from those lacking some', () => {
    // The indicator's row: the last cell is "Số đơn vị có số liệu".
    expect(rowOf(total, LABEL).at(-1)?.v).toBe('2/3 đủ các tháng; 1 xã thiếu tháng');
    expect(texts(total)).toContain('2/3 đủ các tháng; 1 xã thiếu tháng');
    expect(renderTextReport(s, CATALOGUE)).toContain(
      'Đã báo cáo đủ các tháng: 2/3 đơn vị (66,7%); 1 xã thiếu tháng (mới có số liệu một phần của kỳ)',
    );
    expect(renderHtmlReport(s, CATALOGUE)).toContain('Đã báo cáo đủ các tháng: 2/3 đơn vị');
  });

  it('says it in the completeness table, once', () => {
    const b = rowOf(total, 'Xã B');
    expect(b[2]).toEqual({ v: 'Thiếu tháng 8', s: 'warning' });
    expect(b[4]?.v ?? null).toBeNull();
  });

  it('marks its column in "Theo đơn vị", with a note why, the total unchanged', () => {
    const status = rowOf(byUnit, 'Tình trạng báo cáo');
    expect(status.slice(3, 6).map((c) => c?.v)).toEqual(['Đúng hạn', 'Thiếu tháng 8', 'Đúng hạn']);
    expect(status[4]?.s).toBe('warning');
    expect(texts(byUnit).some((t) => t.startsWith('Đơn vị ghi "Thiếu tháng …"'))).toBe(true);
    expect(
      rowOf(byUnit, LABEL)
        .slice(3, 7)
        .map((c) => c?.v),
    ).toEqual([6, 4, 6, 16]);
  });

  it('marks its value in the CSV, and the total that counts it, the values unchanged', () => {
    const plain = longRows(s);
    const csv = longRows(s, true);
    expect(LONG_CSV_HEADER).toEqual([...LONG_HEADER, 'Số liệu chưa đủ kỳ']);
    for (const r of csv) expect(r).toHaveLength(LONG_CSV_HEADER.length);
    expect(csv.map((r) => r.slice(0, LONG_HEADER.length))).toEqual(plain);
    const luot = csv.filter((r) => r[3] === 'TCD_LUOT').map((r) => [r[1], r[5], r[7]]);
    expect(luot).toEqual([
      ['a', 6, ''],
      ['b', 4, 'thiếu tháng 8'],
      ['c', 6, ''],
      ['*', 16, 'gồm 1 xã thiếu tháng'],
    ]);
  });
});

describe('a month: nothing to mark', () => {
  it('"3/3" and no mark', () => {
    const s = summary({ type: 'month', year: 2018, index: 9 });
    const [total, byUnit] = sheets(s);
    expect(rowOf(total, LABEL).at(-1)?.v).toBe('3/3');
    expect(texts(byUnit).some((t) => t.startsWith('Thiếu tháng'))).toBe(false);
    expect(longRows(s, true).every((r) => r[7] === '')).toBe(true);
  });
});
