/**
 * A stock's figure "đến nay" (here "đến hết tháng …": the summaries are made after their period) holding units' earlier figures is marked alike everywhere (review P):
 *  1. in a quarter or a year, a unit with a figure in the period but none for its last month: the
 *     narrative names it, and the key table (HTML, text) and the "Tổng hợp" sheet mark "†";
 *  2. in January, a unit that left the stock blank: the month's total lacks it while last year's
 *     January has it, so the sheet's period change is marked "*" (no unmarked false fall);
 *  3. every unit named is given the month its figure is of, grouped by month, in the narrative, the
 *     key table's note and the sheet's line alike.
 */
import { aggregate } from '../aggregate/aggregate';
import { unit, unitYear } from '../aggregate/test-helpers';
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import type { Period, UnitYear } from '../types';
import { escapeHtml } from './escape';
import { renderHtmlReport } from './html';
import type { SheetModel } from './model';
import { buildSummaryWorkbook } from './summary-workbook';
import { renderTextReport } from './text';

const CATALOGUE = defaultCatalogue();
const STOCK = 'Hộ nông dân được công nhận sản xuất, kinh doanh giỏi các cấp (lũy kế)';
const units = [unit('a', 'A'), unit('b', 'B'), unit('c', 'C')];

/** Unit `code`'s report of `year`: the stock's figure per month, each month dated. */
const report = (code: string, year: number, stock: Record<number, number>, dated: number[] = []): UnitYear =>
  unitYear(code, year, {
    values: { HND_SXKDG_CONGNHAN: stock },
    submitted: Object.fromEntries(
      [...new Set([...Object.keys(stock).map(Number), ...dated])].map((m) => [
        m,
        `${year}-${String(m).padStart(2, '0')}-16`,
      ]),
    ),
  });

function summary(period: Period, current: UnitYear[], previous: UnitYear[] = []) {
  return aggregate({
    catalogue: CATALOGUE,
    units,
    settings: defaultSettings(),
    period,
    current,
    previous,
    findings: [],
    generatedAt: `${period.year + (period.type === 'year' ? 1 : 0)}-${period.type === 'year' ? '01' : '10'}-20T03:00:00Z`,
  });
}

/** The key figures table's cells of the stock's row (after the label), tags dropped. */
function htmlRow(html: string): string[] {
  const m = new RegExp(`<tr><td style="[^"]*">${escapeHtml(STOCK).replace(/[()]/g, '\\$&')}</td>(.*?)</tr>`).exec(html);
  if (!m) throw new Error('no stock row');
  return m[1]
    .split('</td>')
    .filter(Boolean)
    .map((c) => c.replace(/<br>/g, ' ').replace(/<[^>]*>/g, ''));
}

const sheetOf = (s: ReturnType<typeof summary>): SheetModel => buildSummaryWorkbook(s, CATALOGUE).sheets[0];
const rowOf = (sheet: SheetModel, text: string) =>
  sheet.rows.findIndex((r) => r.some((c) => typeof c?.v === 'string' && c.v.startsWith(text))) + 1;
const at = (sheet: SheetModel, r: number, c: number) => sheet.rows[r - 1]?.[c - 1];

describe('a quarter or a year: a unit whose figure is of a month before the last is marked "†" everywhere', () => {
  const lastYear = [report('a', 2017, { 9: 8 }), report('b', 2017, { 9: 4 }), report('c', 2017, { 9: 3 })];
  const cases: [string, Period, string, string][] = [
    ['quarter', { type: 'quarter', year: 2018, index: 3 }, 'tháng 9/2018', 'quý III/2018'],
    ['year', { type: 'year', year: 2018, index: 1 }, 'tháng 12/2018', 'năm 2018'],
  ];
  it.each(cases)('%s', (_, period, last, whole) => {
    const lastMonth = last === 'tháng 9/2018' ? 9 : 12;
    // A reported the last month; B only July; C only its last month.
    const s = summary(
      period,
      [report('a', 2018, { [lastMonth]: 10 }), report('b', 2018, { 7: 5 }), report('c', 2018, { [lastMonth]: 3 })],
      lastYear,
    );
    const note = `† Gồm số đã báo cáo trước đó của xã B (số tháng 7/2018), chưa có số liệu ${last}.`;
    // The narrative says it…
    expect(s.narrative.join(' ')).toContain(
      `Số đến hết ${last} gồm số đã báo cáo trước đó của xã B (số tháng 7/2018), chưa có số liệu ${last}.`,
    );
    // … the HTML key table marks it, with the note …
    const html = renderHtmlReport(s, CATALOGUE, {});
    expect(htmlRow(html)[1]).toBe(`18 hộ đến hết ${last} †`);
    expect(html).toContain(note);
    // … the text e-mail too …
    const text = renderTextReport(s, CATALOGUE).split('\n');
    expect(text.some((l) => l.startsWith(`- ${STOCK}: đến hết ${last}: 18 hộ †;`))).toBe(true);
    expect(text).toContain(note);
    // … and the "Tổng hợp" sheet: the figure so far marked, its line under the table.
    const sheet = sheetOf(s);
    const r = rowOf(sheet, STOCK);
    expect(at(sheet, r, 5)).toEqual({ v: 18, s: 'integerCarried' });
    expect(String(at(sheet, rowOf(sheet, '† '), 1)?.v)).toContain(
      `gồm số đã báo cáo trước đó của xã B (số tháng 7/2018), chưa có số liệu ${last}; ` +
        `số kỳ báo cáo chỉ gồm các đơn vị có số liệu ${whole}.`,
    );
  });
});

describe('January: a stock left blank by a unit that had it last January', () => {
  it('marks the sheet’s period change "*", as the e-mail shows no month for a stock', () => {
    const JAN: Period = { type: 'month', year: 2018, index: 1 };
    const s = summary(
      JAN,
      // B reported January (dated) but left the stock blank: its December figure is carried.
      [report('a', 2018, { 1: 4 }), report('b', 2018, {}, [1]), report('c', 2018, { 1: 2 })],
      [report('a', 2017, { 1: 4, 12: 4 }), report('b', 2017, { 1: 2, 12: 19 }), report('c', 2017, { 1: 2, 12: 2 })],
    );
    const ind = s.indicators.find((i) => i.label === STOCK);
    expect([ind?.period, ind?.ytd, ind?.lastYearPeriod, ind?.lastYearYtd]).toEqual([6, 25, 8, 8]);
    // The month's total lacks B, last January's has it: not like for like, said so.
    expect(ind?.unevenPeriod?.lastYearOnly).toEqual(['b']);
    const sheet = sheetOf(s);
    const r = rowOf(sheet, STOCK);
    expect(at(sheet, r, 7)).toEqual({ v: -2, s: 'integerUneven' });
    expect(at(sheet, r, 8)?.s).toBe('percentUneven');
    expect(sheet.rows.flat().some((c) => String(c?.v ?? '').startsWith('* So sánh chưa đầy đủ'))).toBe(true);
    // So far is compared like for like: unmarked.
    expect(at(sheet, r, 10)).toEqual({ v: 17, s: 'integer' });
  });
});

describe('February: units whose figures are of different months are each given theirs', () => {
  it('in the narrative, the key table’s note and the sheet’s line alike', () => {
    const FEB: Period = { type: 'month', year: 2018, index: 2 };
    // B has January's figure, not February's; C nothing this year (last December's counted).
    const s = summary(
      FEB,
      [report('a', 2018, { 2: 4 }), report('b', 2018, { 1: 7 }, [2])],
      [report('a', 2017, { 2: 3, 12: 3 }), report('b', 2017, { 2: 6, 12: 6 }), report('c', 2017, { 2: 5, 12: 5 })],
    );
    const names = 'xã B (số tháng 1/2018); xã C (số tháng 12/2017)';
    expect(s.narrative.join(' ')).toContain(
      `Số đến hết tháng 2/2018 gồm số đã báo cáo trước đó của ${names}, chưa có số liệu tháng 2/2018.`,
    );
    const html = renderHtmlReport(s, CATALOGUE, {});
    expect(html).toContain(`† Gồm số đã báo cáo trước đó của ${names}, chưa có số liệu tháng 2/2018.`);
    expect(html).not.toContain('xã B và xã C (số tháng 12/2017)');
    const sheet = sheetOf(s);
    expect(String(at(sheet, rowOf(sheet, '† '), 1)?.v)).toContain(`gồm số đã báo cáo trước đó của ${names}, chưa có`);
  });

  it('units of one month are grouped, the month said once after them', () => {
    const FEB: Period = { type: 'month', year: 2018, index: 2 };
    const s = summary(
      FEB,
      [report('a', 2018, { 2: 4 })],
      [report('a', 2017, { 12: 3 }), report('b', 2017, { 12: 6 }), report('c', 2017, { 12: 5 })],
    );
    expect(s.narrative.join(' ')).toContain(
      'Số đến hết tháng 2/2018 gồm số đã báo cáo trước đó của xã B và xã C (số tháng 12/2017), chưa có số liệu tháng 2/2018.',
    );
  });
});
