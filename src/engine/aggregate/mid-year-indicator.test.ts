/**
 * "So cùng kỳ" of an indicator added to the catalogue mid-year last year: its row was inserted
 * into last year's sheets, so every unit's figures of last year begin in that month. A span
 * (period or year to date) starting earlier, with figures this year before that month, is not
 * compared: "tăng 80 lượt" would count this year's early months against nothing.
 */
import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import { summarise } from '../pipeline';
import { renderHtmlReport } from '../report/html';
import { buildSummaryWorkbook } from '../report/summary-workbook';
import { renderTextReport } from '../report/text';
import { buildUnitSheet, type UnitSheetData } from '../sheet/layout';
import { modelToSheetInput } from '../sheet/testing';
import type { Catalogue, Period, Summary, WorkbookInput } from '../types';
import { aggregate } from './aggregate';
import { HOTLINE, unit, unitYear, withIndicator } from './test-helpers';

const BASE = defaultCatalogue();
// Key figures of the renderings: the hotline only, so it is in every one of them.
const CATALOGUE: Catalogue = withIndicator(
  { ...BASE, indicators: BASE.indicators.map(({ key: _, ...i }) => i) },
  { ...HOTLINE, key: true },
);
const [A, B] = defaultUnits();
const SEP: Period = { type: 'month', year: 2019, index: 9 };
const NOT_COMPARED = 'chưa so sánh với cùng kỳ vì năm 2018 chỉ tiêu này mới có số liệu từ tháng 6';
const range = (from: number, to: number, n: number) => {
  const out: Record<number, number> = {};
  for (let m = from; m <= to; m++) out[m] = n;
  return out;
};
const m12 = (sparse: Record<number, number>) => Array.from({ length: 12 }, (_, i) => sparse[i + 1] ?? null);

function book(u: typeof A, year: number, values: UnitSheetData['values']): WorkbookInput {
  const submitted = Array.from({ length: 12 }, (_, i) =>
    i < 9 ? `${year}-${String(i + 1).padStart(2, '0')}-16` : null,
  );
  return {
    source: `${u.code}-${year}.xlsx`,
    sheets: [modelToSheetInput(buildUnitSheet(u, year, CATALOGUE, { values, submitted }))],
  };
}

/**
 * Sheets of 2018 and 2019 for A and B, all made with the hotline's row; `last` and `now` give each
 * unit's hotline figures by month. DON_TONG is reported every month of both years, as ever.
 */
function run(
  period: Period,
  last: [Record<number, number>, Record<number, number>],
  now: [Record<number, number>, Record<number, number>],
) {
  const tong = m12(range(1, 9, 2));
  const workbooks = [
    book(A, 2018, { DON_TONG: tong, DON_DUONGDAYNONG: m12(last[0]) }),
    book(B, 2018, { DON_TONG: tong, DON_DUONGDAYNONG: m12(last[1]) }),
    book(A, 2019, { DON_TONG: tong, DON_DUONGDAYNONG: m12(now[0]) }),
    book(B, 2019, { DON_TONG: tong, DON_DUONGDAYNONG: m12(now[1]) }),
  ];
  const { summary } = summarise({
    catalogue: CATALOGUE,
    units: [A, B],
    settings: defaultSettings(),
    period,
    workbooks,
    generatedAt: '2019-09-20T10:00:00+07:00',
  });
  const s = summary.indicators.find((i) => i.code === HOTLINE.code);
  const tcd = summary.narrative.find((p) => p.startsWith('Tiếp công dân')) ?? '';
  return {
    summary,
    s,
    period: [s?.period, s?.lastYearPeriod, s?.change, s?.changePct, s?.lastYearPeriodFrom],
    ytd: [s?.ytd, s?.lastYearYtd, s?.ytdChange, s?.ytdChangePct, s?.lastYearYtdFrom],
    tcd,
    tong: summary.indicators.find((i) => i.code === 'DON_TONG'),
  };
}

// Added in June 2018: both communes 5 a month from June; 2019: 7 and 6 a month from January.
const MID_YEAR: [Record<number, number>, Record<number, number>] = [range(6, 9, 5), range(6, 9, 5)];
const ALL_YEAR: [Record<number, number>, Record<number, number>] = [range(1, 9, 7), range(1, 9, 6)];

describe('"so cùng kỳ" of an indicator reported from mid-year last year', () => {
  it('year to date: not compared, and the narrative says why (no "tăng 77 đơn")', () => {
    const r = run(SEP, MID_YEAR, ALL_YEAR);
    expect(r.ytd).toEqual([117, 40, null, null, 6]);
    // September against September lies inside the indicator's lifetime: compared as ever.
    expect(r.period).toEqual([13, 10, 3, 0.3, undefined]);
    expect(r.tcd).toContain(
      'Trong tháng 9/2019, toàn huyện tiếp nhận 13 đơn phản ánh qua đường dây nóng, tăng 3 đơn so cùng kỳ',
    );
    expect(r.tcd).toContain(
      `Từ đầu năm đến nay, toàn huyện tiếp nhận 117 đơn phản ánh qua đường dây nóng, ${NOT_COMPARED}`,
    );
    expect(r.tcd).not.toMatch(/117 đơn phản ánh qua đường dây nóng, tăng/);
    // Other indicators of the same sheets are compared as ever.
    expect([r.tong?.ytdChange, r.tong?.lastYearYtdFrom]).toEqual([0, undefined]);
  });

  it('a quarter starting before the month last year’s figures begin: not compared; one inside: compared', () => {
    const q2 = run({ type: 'quarter', year: 2019, index: 2 }, MID_YEAR, ALL_YEAR);
    expect(q2.period).toEqual([39, 10, null, null, 6]);
    expect(q2.ytd).toEqual([78, 10, null, null, 6]);
    const q3 = run({ type: 'quarter', year: 2019, index: 3 }, MID_YEAR, ALL_YEAR);
    expect(q3.period).toEqual([39, 30, 9, 0.3, undefined]);
    expect(q3.ytd).toEqual([117, 40, null, null, 6]);
    expect(q3.tcd).toContain('tiếp nhận 39 đơn phản ánh qua đường dây nóng, tăng 9 đơn so cùng kỳ');
  });

  it('one commune’s months left empty last year, the other’s not: compared as ever; both: not', () => {
    const r = run(SEP, [range(1, 9, 5), range(6, 9, 5)], ALL_YEAR);
    expect(r.ytd).toEqual([117, 65, 52, 0.8, undefined]);
    expect(r.tcd).toContain('tiếp nhận 117 đơn phản ánh qua đường dây nóng, tăng 52 đơn so cùng kỳ');
    // Both communes' figures beginning in March: from March.
    expect(run(SEP, [range(3, 9, 5), range(3, 9, 5)], ALL_YEAR).ytd).toEqual([117, 70, null, null, 3]);
  });

  it('this year only zeros before the month: the totals are like for like, compared', () => {
    const zeros = (n: number) => ({ ...range(1, 5, 0), ...range(6, 9, n) });
    const r = run(SEP, MID_YEAR, [zeros(7), zeros(6)]);
    expect(r.ytd).toEqual([52, 40, 12, 0.3, undefined]);
    // One figure in May is a month last year has none of: not compared.
    expect(run(SEP, MID_YEAR, [{ ...zeros(7), 5: 1 }, zeros(6)]).ytd).toEqual([53, 40, null, null, 6]);
  });

  it('a figure now and then (months empty in both years): compared as ever; reported every month: not', () => {
    const rare = run(SEP, [{ 4: 1, 9: 2 }, { 7: 1 }], [{ 2: 3, 9: 1 }, {}]);
    expect(rare.ytd).toEqual([4, 4, 0, 0, undefined]);
    // Last year's figures beginning in April with a month empty after it, or this year's with one
    // empty before it, are no row added then either.
    const gap = { ...range(4, 9, 5), 6: null as unknown as number };
    expect(run(SEP, [gap, { 9: 0 }], ALL_YEAR).ytd).toEqual([117, 25, 92, 3.68, undefined]);
    expect(run(SEP, MID_YEAR, [{ ...range(1, 9, 7), 3: null as unknown as number }, {}]).ytd[4]).toBeUndefined();
    expect(run(SEP, MID_YEAR, [range(1, 9, 7), {}]).ytd).toEqual([63, 40, null, null, 6]);
  });

  it('renderings show no change for the year to date, and say why', () => {
    const { summary } = run(SEP, MID_YEAR, ALL_YEAR);
    const text = renderTextReport(summary, CATALOGUE);
    expect(text).toContain('so cùng kỳ năm trước: chưa so sánh được (năm trước chỉ có số liệu từ tháng 6).');
    expect(text).not.toMatch(/Phản ánh qua đường dây nóng:[^\n]*tăng/);
    const html = renderHtmlReport(summary, CATALOGUE);
    expect(html).toContain('chưa so sánh được (năm trước chỉ có số liệu từ tháng 6)');
    expect(html).not.toMatch(/Phản ánh qua đường dây nóng<\/td>(<td[^>]*>[^<]*<\/td>){2}<td[^>]*>↑/);
    // Tổng hợp: the period compared (September), last year's year to date left empty.
    const main = buildSummaryWorkbook(summary as Summary, CATALOGUE).sheets[0];
    const row = main.rows.find((cells) => cells[1]?.v === HOTLINE.label) ?? [];
    expect(row.slice(3, 9).map((c) => c?.v ?? null)).toEqual([13, 117, 10, 3, 0.3, null]);
  });

  it('reports built by hand (no sheet layout) are looked at the same way', () => {
    const units = [unit('a', 'A'), unit('b', 'B')];
    const hotline = (code: string, year: number, values: Record<number, number>) =>
      unitYear(code, year, { values: { DON_DUONGDAYNONG: values }, submitted: { 9: `${year}-09-16` } });
    const s = aggregate({
      catalogue: CATALOGUE,
      units,
      settings: defaultSettings(),
      period: SEP,
      current: [hotline('a', 2019, range(1, 9, 7)), hotline('b', 2019, range(1, 9, 6))],
      previous: [hotline('a', 2018, range(6, 9, 5)), hotline('b', 2018, range(6, 9, 5))],
      findings: [],
      generatedAt: '2019-09-20T10:00:00+07:00',
    });
    const ind = s.indicators.find((i) => i.code === HOTLINE.code);
    expect([ind?.ytd, ind?.lastYearYtd, ind?.ytdChange, ind?.lastYearYtdFrom]).toEqual([117, 40, null, 6]);
    expect([ind?.change, ind?.lastYearPeriodFrom]).toEqual([3, undefined]);
  });
});
