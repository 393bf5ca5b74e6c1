/**
 * Outliers: a commune's figure of the month far above the other communes' and its own earlier
 * months (an extra 0 typed) is a warning naming the commune, the cell, the indicator and month,
 * and what it was compared with; the total is left as it is.
 */
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import { summarise } from '../pipeline';
import { buildUnitSheet } from '../sheet/layout';
import { modelToSheetInput } from '../sheet/testing';
import type { Finding, Period, Unit, WorkbookInput } from '../types';
import { aggregate } from './aggregate';
import { medianOfOthers, outlierFindings } from './outliers';
import { unit, unitYear } from './test-helpers';

const CATALOGUE = defaultCatalogue();
const SEP: Period = { type: 'month', year: 2019, index: 9 };
const CODE = 'DTN_SUATCOM';
const NAMES = ['An Bình', 'Bản Phủ', 'Chà Cang', 'Mường Nhé', 'Nà Hỳ', 'Nậm Kè', 'Pá Mỳ', 'Quảng Lâm', 'Sín Thầu'];
const UNITS: Unit[] = NAMES.map((name, i) => unit(`x${i + 1}`, name));
/** The other communes' September figures: 0–60. */
const OTHERS = [0, 12, 30, 45, 60, 25, 0, 38];
const m12 = <T>(f: (m: number) => T): T[] => Array.from({ length: 12 }, (_, i) => f(i + 1));

function book(u: Unit, year: number, series: (number | null)[]): WorkbookInput {
  const last = year === 2019 ? 9 : 12;
  const submitted = m12((m) => (m <= last ? `${year}-${String(m).padStart(2, '0')}-15` : null));
  const values = { [CODE]: series.map((v, i) => (i < last ? v : null)) };
  return {
    source: `${u.code}-${year}.xlsx`,
    sheets: [modelToSheetInput(buildUnitSheet(u, year, CATALOGUE, { values, submitted }))],
  };
}

/**
 * Every commune's sheets of 2018 and 2019 from real sheets (the reader's flat reports and cells):
 * the others report their September figure every month; Sín Thầu (the last) `usual` every month
 * and `september` in September 2019. `units` the first so many communes (Sín Thầu always in).
 */
function run(september: number, usual: number, units = UNITS, others = OTHERS) {
  const workbooks: WorkbookInput[] = [];
  units.forEach((u, x) => {
    const mine = u === UNITS[UNITS.length - 1];
    const v = mine ? usual : others[x];
    workbooks.push(
      book(
        u,
        2018,
        m12(() => v),
      ),
    );
    workbooks.push(
      book(
        u,
        2019,
        m12((m) => (mine && m === 9 ? september : v)),
      ),
    );
  });
  const { summary } = summarise({
    catalogue: CATALOGUE,
    units,
    settings: defaultSettings(),
    period: SEP,
    workbooks,
    generatedAt: '2019-10-05T10:00:00+07:00',
  });
  const outliers = summary.findings.filter((f) => f.code === 'outlier');
  return { summary, outliers, total: summary.indicators.find((i) => i.code === CODE)?.period };
}

const cellOf = (summary: ReturnType<typeof run>['summary']) =>
  summarise({
    catalogue: CATALOGUE,
    units: [UNITS[8]],
    settings: defaultSettings(),
    period: SEP,
    workbooks: [
      book(
        UNITS[8],
        2019,
        m12(() => 1),
      ),
    ],
    generatedAt: summary.generatedAt,
  }).read.reports[0].cells[CODE][8];

describe('outliers', () => {
  test('4.800 among 0–60, the commune itself 30 a month: a warning naming commune, cell, month and medians', () => {
    const { summary, outliers, total } = run(4800, 30);
    expect(outliers).toHaveLength(1);
    const [f] = outliers as [Finding];
    const cell = cellOf(summary);
    expect(f).toMatchObject({ severity: 'warning', unitCode: 'x9', cell, indicatorCode: CODE, month: 9 });
    expect(f.message).toBe(
      `Xã Sín Thầu, ô ${cell} (Suất cơm từ thiện, tháng 9): 4.800 suất, gấp hơn 141 lần số thường gặp của các ` +
        'đơn vị khác (trung vị 34 suất) và của chính xã trong các tháng trước (trung vị 30 suất, cao nhất 30 suất) ' +
        '— hãy kiểm tra lại (có gõ thừa số 0?); số này vẫn đang được cộng vào tổng',
    );
    // Never changes a total: 4.800 and the others' 210.
    expect(total).toBe(4800 + OTHERS.reduce((a, b) => a + b, 0));
  });

  test('a commune that is always large (600 every month) is not flagged', () => {
    expect(run(600, 600).outliers).toEqual([]);
    // Its usual figure, typed with an extra 0, is.
    expect(run(6000, 600).outliers.map((f) => f.unitCode)).toEqual(['x9']);
  });

  test("small counts never: 45 against a median of 2 (and the commune's own 1)", () => {
    const small = [0, 1, 2, 3, 2, 1, 3, 2];
    expect(run(45, 1, UNITS, small).outliers).toEqual([]);
    expect(run(1, 0, UNITS, small).outliers).toEqual([]);
    // Above the floor, the same commune is.
    expect(run(60, 1, UNITS, small).outliers.map((f) => f.unitCode)).toEqual(['x9']);
  });

  test('too few other communes with a figure: not flagged', () => {
    // Sín Thầu and 5 others, 4 of them with a figure (0, 12, 30, 45, 60 → 12, 30, 45, 60).
    const units = [...UNITS.slice(0, 5), UNITS[8]];
    expect(run(4800, 30, units).outliers).toEqual([]);
    // One more commune with a figure (25): 5 others, flagged.
    expect(run(4800, 30, [...UNITS.slice(0, 6), UNITS[8]]).outliers.map((f) => f.unitCode)).toEqual(['x9']);
  });

  test('hand-built reports: the others alone decide when the commune has no earlier months', () => {
    const current = UNITS.map((u, x) =>
      unitYear(u.code, 2019, {
        name: u.name,
        values: { [CODE]: { 9: x === 8 ? 900 : [5, 8, 10, 12, 9, 7, 6, 11][x] } },
        submitted: { 9: '2019-09-15' },
      }),
    );
    const summary = aggregate({
      catalogue: CATALOGUE,
      units: UNITS,
      settings: defaultSettings(),
      period: SEP,
      current,
      previous: [],
      findings: [],
      generatedAt: '2019-10-05T10:00:00+07:00',
    });
    const outliers = summary.findings.filter((f) => f.code === 'outlier');
    expect(outliers.map((f) => [f.unitCode, f.month])).toEqual([['x9', 9]]);
    expect(outliers[0].message).toContain(
      '900 suất, gấp hơn 105 lần số thường gặp của các đơn vị khác (trung vị 8,5 suất) —',
    );
  });

  test('a recurring event (the same size last year) is not flagged', () => {
    const outliers = (lastSeptember: number) => {
      const workbooksOf = (u: Unit, x: number) => {
        const mine = x === 8;
        const last = m12((m) => (mine ? (m === 9 ? lastSeptember : 20) : OTHERS[x]));
        const now = m12((m) => (mine ? (m === 9 ? 800 : 20) : OTHERS[x]));
        return [book(u, 2018, last), book(u, 2019, now)];
      };
      const { summary } = summarise({
        catalogue: CATALOGUE,
        units: UNITS,
        settings: defaultSettings(),
        period: SEP,
        workbooks: UNITS.flatMap(workbooksOf),
        generatedAt: '2019-10-05T10:00:00+07:00',
      });
      return summary.findings.filter((f) => f.code === 'outlier').map((f) => f.unitCode);
    };
    expect(outliers(700)).toEqual([]);
    // Without last September's 700 it is.
    expect(outliers(20)).toEqual(['x9']);
  });

  test("the others' median by selection is the sorted median without the largest, duplicates and all", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed;
    };
    for (let round = 0; round < 300; round++) {
      const c = 2 + (next() % 40);
      const spread = 1 + (next() % 6); // few distinct values: many duplicates
      const a = Float64Array.from({ length: c }, () => 1 + (next() % spread) * 7);
      const sorted = Array.from(a).sort((x, y) => x - y);
      sorted.pop();
      const m = sorted.length;
      const expected = m % 2 ? sorted[(m - 1) / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
      expect(medianOfOthers(a, c)).toBe(expected);
    }
  });

  test("periodFigures (the period's figures copied by indicator, month and unit) finds what valueAt finds", () => {
    let seed = 11;
    const next = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed;
    };
    const indicators = CATALOGUE.indicators.filter((i) => i.kind !== 'note').slice(0, 4);
    const months = [4, 5, 6]; // a quarter: several columns per indicator
    const n = 40;
    // Figures 0–60 with a few ten times larger, some empty; units 3 and 17 without a report.
    const figure = (year: number, j: number, k: number, i: number) => {
      const x = (next() + year + j + k + i) % 100;
      return x < 8 ? Number.NaN : x > 95 ? 600 + x : x % 61;
    };
    const grid = [0, 1].map((year) =>
      Array.from({ length: n }, (_, j) => indicators.map((_, k) => m12((m) => figure(year, j, k, m - 1)))),
    );
    const now = Array.from({ length: n }, (_, j) => (j === 3 || j === 17 ? undefined : unitYear(`u${j}`, 2019)));
    const before = Array.from({ length: n }, (_, j) => (j === 5 ? undefined : unitYear(`u${j}`, 2018)));
    const valueAt = (year: 0 | 1, j: number, k: number, i: number) => grid[year][j][k][i];
    const periodFigures = new Float64Array(indicators.length * months.length * n);
    for (let k = 0; k < indicators.length; k++)
      for (let x = 0; x < months.length; x++)
        for (let j = 0; j < n; j++)
          periodFigures[(k * months.length + x) * n + j] = now[j] ? valueAt(0, j, k, months[x] - 1) : Number.NaN;
    const plain = outlierFindings({ indicators, months, now, before, valueAt });
    expect(plain.length).toBeGreaterThan(0);
    expect(outlierFindings({ indicators, months, now, before, valueAt, periodFigures })).toEqual(plain);
    // The figures are read there: one flagged figure made 0 in it is no longer flagged.
    const [first] = plain;
    const k = indicators.findIndex((i) => i.code === first.indicatorCode);
    const j = now.findIndex((r) => r?.unitCode === first.unitCode);
    periodFigures[(k * months.length + months.indexOf(first.month as number)) * n + j] = 0;
    expect(outlierFindings({ indicators, months, now, before, valueAt, periodFigures })).toHaveLength(plain.length - 1);
  });
});
