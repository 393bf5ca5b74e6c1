/**
 * "So cùng kỳ" of an indicator added to the catalogue after last year's sheets were made: those
 * sheets have no row for it, so last year's figure is unknown, not 0. Compared only when every
 * unit with a figure had the row (an empty row is a row: its figure is "none", as before).
 */
import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import { summarise } from '../pipeline';
import { buildUnitSheet, type UnitSheetData } from '../sheet/layout';
import { modelToSheetInput } from '../sheet/testing';
import type { Catalogue, Period, WorkbookInput } from '../types';
import { HOTLINE, withIndicator } from './test-helpers';

const BEFORE = defaultCatalogue();
const AFTER: Catalogue = withIndicator(BEFORE, HOTLINE);
const [A, B] = defaultUnits();
const SEP: Period = { type: 'month', year: 2018, index: 9 };
const m12 = (sparse: Record<number, number>) => Array.from({ length: 12 }, (_, i) => sparse[i + 1] ?? null);

function book(u: typeof A, year: number, made: Catalogue, values: UnitSheetData['values']): WorkbookInput {
  const submitted = Array.from({ length: 12 }, (_, i) => (year === 2018 && i === 8 ? '2018-09-16' : null));
  return {
    source: `${u.code}-${year}.xlsx`,
    sheets: [modelToSheetInput(buildUnitSheet(u, year, made, { values, submitted }))],
  };
}

/**
 * Both communes report 3 by hotline in September 2018; last year's sheets made from `a` and `b`,
 * with `lastA` and `lastB` by hotline in September 2017 where they have the row.
 */
function september(a: Catalogue, b: Catalogue, lastA: number | null = 3, lastB: number | null = 3) {
  const last = (n: number | null) => m12(n === null ? {} : { 9: n });
  const workbooks = [
    book(A, 2017, a, { DON_TONG: m12({ 9: 2 }), DON_DUONGDAYNONG: last(lastA) }),
    book(B, 2017, b, { DON_TONG: m12({ 9: 2 }), DON_DUONGDAYNONG: last(lastB) }),
    book(A, 2018, AFTER, { DON_TONG: m12({ 9: 2 }), DON_DUONGDAYNONG: m12({ 9: 3 }) }),
    book(B, 2018, AFTER, { DON_TONG: m12({ 9: 2 }), DON_DUONGDAYNONG: m12({ 9: 3 }) }),
  ];
  const { summary } = summarise({
    catalogue: AFTER,
    units: [A, B],
    settings: defaultSettings(),
    period: SEP,
    workbooks,
    generatedAt: '2018-09-20T10:00:00+07:00',
  });
  const s = summary.indicators.find((i) => i.code === HOTLINE.code);
  const tcd = summary.narrative.find((p) => p.startsWith('Tiếp công dân')) ?? '';
  return {
    figures: [s?.period, s?.lastYearPeriod, s?.change, s?.changePct, s?.ytd, s?.lastYearYtd, s?.ytdChange],
    said: /tiếp nhận 6 đơn phản ánh qua đường dây nóng[^;.]*/.exec(tcd)?.[0],
    tong: summary.indicators.find((i) => i.code === 'DON_TONG')?.change,
  };
}

const NOT_COMPARED = [6, null, null, null, 6, null, null];

describe('"so cùng kỳ" of an indicator added since last year', () => {
  it('no sheet of last year has its row: not compared', () => {
    const r = september(BEFORE, BEFORE);
    expect(r.figures).toEqual(NOT_COMPARED);
    expect(r.said).toBe('tiếp nhận 6 đơn phản ánh qua đường dây nóng');
    expect(r.tong).toBe(0);
  });

  it('one commune’s sheet of last year had the row, the other’s not: not compared (no "tăng 100%")', () => {
    const r = september(AFTER, BEFORE);
    expect(r.figures).toEqual(NOT_COMPARED);
    expect(r.said).toBe('tiếp nhận 6 đơn phản ánh qua đường dây nóng');
    // Indicators both sheets have are compared as ever.
    expect(r.tong).toBe(0);
  });

  it('this year’s sheet without the row, last year’s with a figure: not compared either', () => {
    const workbooks = [
      book(A, 2017, AFTER, { DON_DUONGDAYNONG: m12({ 9: 3 }) }),
      book(A, 2018, BEFORE, { DON_TONG: m12({ 9: 2 }) }),
      book(B, 2017, AFTER, { DON_DUONGDAYNONG: m12({ 9: 3 }) }),
      book(B, 2018, AFTER, { DON_DUONGDAYNONG: m12({ 9: 3 }) }),
    ];
    const { summary } = summarise({
      catalogue: AFTER,
      units: [A, B],
      settings: defaultSettings(),
      period: SEP,
      workbooks,
      generatedAt: '2018-09-20T10:00:00+07:00',
    });
    const s = summary.indicators.find((i) => i.code === HOTLINE.code);
    expect([s?.period, s?.lastYearPeriod, s?.change]).toEqual([3, null, null]);
  });

  it('both had the row: compared as ever, an empty row meaning no figure (not an unknown one)', () => {
    expect(september(AFTER, AFTER).figures).toEqual([6, 6, 0, 0, 6, 6, 0]);
    expect(september(AFTER, AFTER).said).toBe('tiếp nhận 6 đơn phản ánh qua đường dây nóng, bằng cùng kỳ');
    // One commune's row left empty last year: its figure then was none, so 6 against 3.
    const oneEmpty = september(AFTER, AFTER, 3, null);
    expect(oneEmpty.figures).toEqual([6, 3, 3, 1, 6, 3, 3]);
    expect(oneEmpty.said).toBe('tiếp nhận 6 đơn phản ánh qua đường dây nóng, tăng 3 đơn so cùng kỳ');
    expect(september(AFTER, AFTER, null, null).figures).toEqual(NOT_COMPARED);
  });
});
