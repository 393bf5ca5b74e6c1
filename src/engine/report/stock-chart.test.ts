/**
 * The e-mail's bar chart of a stock ("lũy kế") shows each unit's figure "đến nay", as the key
 * figures table gives the stock once: the bars add up to the table's figure, and a unit whose
 * figure is an earlier month's (or last year's) is marked "†" with the table's footnote, in a
 * month, a quarter and a year alike, in the HTML and the text e-mail.
 */
import { aggregate } from '../aggregate/aggregate';
import { unit, unitYear } from '../aggregate/test-helpers';
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import type { Period, UnitYear } from '../types';
import { renderHtmlReport } from './html';
import { buildSummaryWorkbook } from './summary-workbook';
import { renderTextReport } from './text';

const CATALOGUE = defaultCatalogue();
const STOCK = 'Hộ nông dân được công nhận sản xuất, kinh doanh giỏi các cấp (lũy kế)';
const units = [unit('a', 'A'), unit('b', 'B'), unit('c', 'C')];

/** Unit `code`'s report of `year`: the stock's figures by month, each month dated. */
const report = (code: string, year: number, stock: Record<number, number>): UnitYear =>
  unitYear(code, year, {
    values: { HND_SXKDG_CONGNHAN: stock },
    submitted: Object.fromEntries(
      Object.keys(stock).map((m) => [Number(m), `${year}-${String(m).padStart(2, '0')}-16`]),
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
    generatedAt: `${period.year}-12-20T03:00:00Z`,
  });
}

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
/** "1.020 †" → 1020 (the figures here are whole). */
const figure = (s: string) => Number(s.replace('†', '').replace(/\./g, '').trim());

/** The HTML's key table row of the stock, its footnotes "† …", and the chart's title, bars and notes. */
function readHtml(html: string) {
  const key = new RegExp(
    `${STOCK.replace(/[()]/g, '\\$&')}</td><td[^>]*>—</td><td[^>]*>([^<]+) hộ<br><span[^>]*>([^<]+)</span>`,
  ).exec(html);
  const keySection = html.slice(html.indexOf('Chỉ tiêu chủ yếu'), html.indexOf('Tình hình gửi báo cáo'));
  const footnotes = [...keySection.matchAll(/<p[^>]*>(† [^<]+)<\/p>/g)].map((m) => decode(m[1]));
  const start = html.indexOf(`${STOCK} theo đơn vị`);
  const chart = html.slice(start, html.indexOf('Kiểm tra số liệu', start));
  const bars = [
    ...chart.matchAll(
      /<tr><td(?: width="34%")?>([^<]+)<\/td><td[^>]*bgcolor="#eef1f5">(?:<table.*?<\/table>)?<\/td><td[^>]*>([^<]+)<\/td><\/tr>/g,
    ),
  ].map((m) => ({ name: m[1], text: m[2] }));
  return {
    ytd: key ? figure(key[1]) : null,
    soFar: key?.[2] ?? null,
    footnotes,
    title: chart.slice(0, chart.indexOf('<')),
    bars,
    chartNotes: [...chart.matchAll(/<p[^>]*>(† [^<]+)<\/p>/g)].map((m) => decode(m[1])),
  };
}

const cases: { what: string; period: Period; current: UnitYear[]; last: string; carried: string[] }[] = [
  {
    what: 'a month: B and C without a September figure',
    period: { type: 'month', year: 2018, index: 9 },
    current: [report('a', 2018, { 9: 10 }), report('b', 2018, { 8: 20 }), report('c', 2018, { 5: 5 })],
    last: 'tháng 9/2018',
    carried: ['Xã B', 'Xã C'],
  },
  {
    what: 'a quarter: B with an August figure (in the quarter), C with a May one',
    period: { type: 'quarter', year: 2018, index: 3 },
    current: [report('a', 2018, { 9: 10 }), report('b', 2018, { 8: 20 }), report('c', 2018, { 5: 5 })],
    last: 'tháng 9/2018',
    carried: ['Xã B', 'Xã C'],
  },
  {
    what: 'a year: every unit’s latest figure before December',
    period: { type: 'year', year: 2018, index: 1 },
    current: [report('a', 2018, { 9: 10, 12: 12 }), report('b', 2018, { 8: 20 }), report('c', 2018, { 5: 5 })],
    last: 'tháng 12/2018',
    carried: ['Xã B', 'Xã C'],
  },
];

describe.each(cases)('the chart of a stock, in $what', ({ period, current, last, carried }) => {
  const s = summary(period, current);
  const stock = s.indicators.find((i) => i.code === 'HND_SXKDG_CONGNHAN');
  // Made on 20 December: the year's figures are still the latest ("đến nay"); September's and the
  // third quarter's stop at their end, and are said so.
  const latest = period.type === 'year';
  const upTo = latest ? 'đến nay' : `đến hết ${last}`;
  const chartTitle = `${STOCK} theo đơn vị, số ${latest ? `đến nay, hết ${last}` : `đến hết ${last}`} (hộ)`;

  it('draws each unit’s figure "đến nay", adding up to the key table’s, the carried marked with its footnote', () => {
    const h = readHtml(renderHtmlReport(s, CATALOGUE));
    expect(h.ytd).toBe(stock?.ytd);
    expect(h.soFar).toBe(`${upTo} †`);
    expect(h.title).toBe(chartTitle);
    expect(h.bars.map((b) => b.name)).toEqual(['Xã A', 'Xã B', 'Xã C']);
    expect(h.bars.reduce((sum, b) => sum + figure(b.text), 0)).toBe(h.ytd);
    expect(h.bars.filter((b) => b.text.endsWith(' †')).map((b) => b.name)).toEqual(carried);
    expect(h.footnotes).toHaveLength(1);
    expect(h.chartNotes).toEqual(h.footnotes);
  });

  it('lists the same figures in the text e-mail', () => {
    const lines = renderTextReport(s, CATALOGUE).split('\n');
    const key = lines.find((l) => l.startsWith(`- ${STOCK}: ${upTo}: `)) as string;
    expect(key).toContain(' hộ †;');
    const title = lines.indexOf(chartTitle);
    expect(title).toBeGreaterThan(0);
    const chart = lines.slice(title + 1, lines.indexOf('', title + 1));
    const bars = chart.filter((l) => l.startsWith('- Xã '));
    expect(bars).toHaveLength(3);
    const total = bars.reduce((sum, l) => sum + figure(l.slice(l.indexOf(': ') + 2)), 0);
    expect(`${total}`).toBe(`${stock?.ytd}`);
    expect(bars.filter((l) => l.endsWith(' †')).map((l) => l.slice(2, l.indexOf(':')))).toEqual(carried);
    // The key table's footnote, under the chart too.
    const footnote = lines.find((l) => l.startsWith('† Gồm')) as string;
    expect(chart).toContain(footnote);
  });
});

test('a unit whose figure so far is last year’s: its bar drawn and marked, as the key table counts it', () => {
  const jan: Period = { type: 'month', year: 2019, index: 1 };
  const s = summary(
    jan,
    [report('a', 2019, { 1: 10 }), report('b', 2019, { 1: 20 }), report('c', 2019, {})],
    [report('a', 2018, { 12: 9 }), report('b', 2018, { 12: 19 }), report('c', 2018, { 12: 7 })],
  );
  const stock = s.indicators.find((i) => i.code === 'HND_SXKDG_CONGNHAN');
  expect(stock?.carriedFromLastYear?.map((c) => c.unitCode)).toEqual(['c']);
  const h = readHtml(renderHtmlReport(s, CATALOGUE));
  expect(h.bars.map((b) => b.text)).toEqual(['10', '20', '7 †']);
  expect(h.bars.reduce((sum, b) => sum + figure(b.text), 0)).toBe(h.ytd);
  expect(h.chartNotes).toEqual(h.footnotes);
  expect(h.chartNotes[0]).toContain('tháng 12/2018');
});

test('a flow’s chart stays the period’s, unmarked', () => {
  const s = summary({ type: 'month', year: 2018, index: 9 }, [
    unitYear('a', 2018, { values: { DTN_KETNAP_DANG: { 8: 4, 9: 3 } }, submitted: { 9: '2018-09-16' } }),
    unitYear('b', 2018, { values: { DTN_KETNAP_DANG: { 9: 2 } }, submitted: { 9: '2018-09-16' } }),
  ]);
  const html = renderHtmlReport(s, CATALOGUE);
  const start = html.indexOf('Đoàn viên ưu tú được kết nạp Đảng theo đơn vị, tháng 9/2018 (đoàn viên)');
  expect(start).toBeGreaterThan(0);
  const chart = html.slice(start, html.indexOf('Kiểm tra số liệu', start));
  expect(
    [...chart.matchAll(/<td[^>]*align="right" nowrap(?: style="[^"]*")?>([^<]+)<\/td>/g)].map((m) => m[1]),
  ).toEqual(['3', '2', 'chưa có số liệu']);
});

test('the summary sheet’s table and chart per unit give a stock "đến nay" too, the carried named under it', () => {
  const s = summary({ type: 'month', year: 2018, index: 9 }, [
    report('a', 2018, { 9: 10 }),
    report('b', 2018, { 8: 20 }),
    report('c', 2018, { 5: 5 }),
  ]);
  const stock = s.indicators.find((i) => i.code === 'HND_SXKDG_CONGNHAN');
  const sheet = buildSummaryWorkbook(s, CATALOGUE).sheets[0];
  const text = (c: { v: unknown } | null | undefined) => (c && typeof c.v === 'string' ? c.v : '');
  const header = sheet.rows.findIndex((r) => r.some((c) => text(c).startsWith(`${STOCK} (hộ)`)));
  expect(header).toBeGreaterThan(0);
  const col = sheet.rows[header].findIndex((c) => text(c).startsWith(`${STOCK} (hộ)`));
  // Made on 20 December: September's figures stop at its end.
  expect(text(sheet.rows[header][col])).toBe(`${STOCK} (hộ), đến hết tháng 9/2018`);
  const rows = sheet.rows.slice(header + 1, header + 5);
  expect(rows.map((r) => [text(r[1]), r[col]?.v])).toEqual([
    ['Xã A', 10],
    ['Xã B †', 20],
    ['Xã C †', 5],
    ['Tổng cộng', stock?.ytd],
  ]);
  const after = sheet.rows.slice(header + 5, header + 8).map((r) => r.map(text).join(''));
  expect(after.some((l) => l.startsWith('† Gồm') && l.includes('xã B') && l.includes('xã C'))).toBe(true);
  // The chart is drawn from that column.
  expect(sheet.charts[0].series.map((r) => r.col - 1)).toContain(col);
});
