/**
 * A stock ("lũy kế") whose total "so far" (the "Từ đầu năm" column, 30) counts a unit's earlier
 * figure while the period's total (10) leaves it out: every rendering says why the two differ, in
 * its data-quality lines, naming the unit and the indicators, so the lower period total is not read
 * as a mistake.
 */
import { aggregate } from '../aggregate/aggregate';
import { unit, unitYear } from '../aggregate/test-helpers';
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import type { Period, UnitYear } from '../types';
import { renderHtmlReport } from './html';
import { buildSummaryWorkbook } from './summary-workbook';
import { carriedStockLines, renderTextReport } from './text';

const CATALOGUE = defaultCatalogue();
const SEP: Period = { type: 'month', year: 2018, index: 9 };
const units = [unit('a', 'A'), unit('b', 'B'), unit('c', 'C')];

/** Unit `code` reported month `m` with both stocks (and a flow) at `v`. */
const report = (code: string, m: number, v: number): UnitYear =>
  unitYear(code, 2018, {
    values: { HND_SXKDG_CONGNHAN: { [m]: v }, HND_SXKDG_DANGKY: { [m]: v }, DTN_QUA: { [m]: v } },
    submitted: { [m]: `2018-0${m}-16` },
  });

function summary(current: UnitYear[], period = SEP) {
  return aggregate({
    catalogue: CATALOGUE,
    units,
    settings: defaultSettings(),
    period,
    current,
    previous: [],
    findings: [],
    generatedAt: '2018-09-20T03:00:00Z',
  });
}

const said =
  'Số đến nay của các chỉ tiêu "Hộ nông dân được công nhận sản xuất, kinh doanh giỏi các cấp (lũy kế)", ' +
  '"Hộ đăng ký danh hiệu sản xuất, kinh doanh giỏi (lũy kế)" (cột "Từ đầu năm") gồm số đã báo cáo trước đó của ' +
  'xã B (số tháng 8/2018), chưa có số liệu tháng 9/2018; số kỳ báo cáo chỉ gồm các đơn vị có số liệu tháng 9/2018.';

test('a unit whose last stock figure is from August: named once for both stocks, in the sheet, the HTML and the text e-mail', () => {
  const s = summary([report('a', 9, 10), report('b', 8, 20)]);
  const stock = s.indicators.find((i) => i.code === 'HND_SXKDG_CONGNHAN');
  expect([stock?.period, stock?.ytd]).toEqual([10, 30]);
  // The flow B reported in August only is no "so far" figure: not named.
  expect(carriedStockLines(s, CATALOGUE)).toEqual([said]);
  expect(renderTextReport(s, CATALOGUE)).toContain(said);
  expect(renderHtmlReport(s, CATALOGUE, {})).toContain(said.replace(/"/g, '&quot;'));
  const sheet = buildSummaryWorkbook(s, CATALOGUE).sheets[0];
  const cells = sheet.rows.flat().map((c) => c?.v);
  // Under the table, the stocks' figures so far marked "†".
  expect(cells).toContain(`† ${said}`);
});

test('every unit reported the month: no such line', () => {
  const s = summary([report('a', 9, 10), report('b', 9, 20), report('c', 9, 5)]);
  expect(carriedStockLines(s, CATALOGUE)).toEqual([]);
  expect(renderTextReport(s, CATALOGUE)).not.toContain('Số đến nay của');
});

test('in a quarter: a unit whose last figure is from before the quarter, and one with a July figure (in both totals, its figure so far older than September), each with its month', () => {
  const s = summary([report('a', 9, 10), report('b', 5, 20), report('c', 7, 5)], {
    type: 'quarter',
    year: 2018,
    index: 3,
  });
  const stock = s.indicators.find((i) => i.code === 'HND_SXKDG_CONGNHAN');
  expect([stock?.period, stock?.ytd]).toEqual([15, 35]);
  expect(carriedStockLines(s, CATALOGUE)).toEqual([
    said
      .replace('xã B (số tháng 8/2018)', 'xã B (số tháng 5/2018); xã C (số tháng 7/2018)')
      .replace(/có số liệu tháng 9\/2018\.$/, 'có số liệu quý III/2018.'),
  ]);
});

test('many units carried: named as the narrative names them, the first three and how many more', () => {
  const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((c) => unit(c, c.toUpperCase()));
  const s = aggregate({
    catalogue: CATALOGUE,
    units: many,
    settings: defaultSettings(),
    period: SEP,
    current: [report('a', 9, 10), ...many.slice(1).map((u) => report(u.code, 8, 1))],
    previous: [],
    findings: [],
    generatedAt: '2018-09-20T03:00:00Z',
  });
  const names = 'xã B, xã C, xã D và 6 đơn vị khác (số tháng 8/2018)';
  expect(carriedStockLines(s, CATALOGUE)).toEqual([
    said.replace('xã B (số tháng 8/2018), chưa có', `${names}, chưa có`),
  ]);
  // The narrative says the same units the same way.
  expect(s.narrative.join(' ')).toContain(`Số đến nay gồm số đã báo cáo trước đó của ${names}, chưa có số liệu`);
  // Two of different months: each with its own, in lower case mid-sentence.
  const two = aggregate({
    catalogue: CATALOGUE,
    units,
    settings: defaultSettings(),
    period: SEP,
    current: [report('a', 9, 10), report('b', 8, 20), report('c', 7, 5)],
    previous: [],
    findings: [],
    generatedAt: '2018-09-20T03:00:00Z',
  });
  expect(carriedStockLines(two, CATALOGUE)[0]).toContain(
    'gồm số đã báo cáo trước đó của xã B (số tháng 8/2018); xã C (số tháng 7/2018), chưa có số liệu',
  );
});
