import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import { periodMonths, ytdMonths } from '../periods/period';
import { unitPeriod } from '../report/by-code';
import { renderHtmlReport } from '../report/html';
import { longRows } from '../report/long-rows';
import { buildSummaryWorkbook } from '../report/summary-workbook';
import { renderTextReport } from '../report/text';
import type { Period, Summary, UnitFigure } from '../types';
import { aggregate, unitValue } from './aggregate';
import { current2018, previous2017 } from './test-helpers';
import { isCompact, unitFigures } from './unit-figures';

const CATALOGUE = defaultCatalogue();
// Names in the reverse order of codes, so summary order (names) is not code order (sums).
const UNITS = defaultUnits()
  .sort((a, b) => (a.code < b.code ? -1 : 1))
  .map((u, i) => ({ ...u, name: `${String.fromCharCode(90 - i)} ${u.name}` }));
const SEP_2018: Period = { type: 'month', year: 2018, index: 9 };

const run = (): Summary =>
  aggregate({
    catalogue: CATALOGUE,
    units: UNITS,
    settings: defaultSettings(),
    period: SEP_2018,
    current: current2018(),
    previous: previous2017(),
    findings: [],
    generatedAt: '2018-09-20T03:00:00Z',
  });

/** byUnit as the eager aggregate made it: unit by unit (summary order), each unit's own values. */
function eagerByUnit(s: Summary): Map<string, UnitFigure[]> {
  const reports = new Map(current2018().map((r) => [r.unitCode, r]));
  const out = new Map<string, UnitFigure[]>();
  for (const ind of CATALOGUE.indicators) {
    if (ind.kind === 'note') continue;
    out.set(
      ind.code,
      s.units.map((u) => ({
        unitCode: u.code,
        unitName: u.name,
        period: unitValue(reports.get(u.code), ind, periodMonths(SEP_2018)),
        ytd: unitValue(reports.get(u.code), ind, ytdMonths(SEP_2018)),
      })),
    );
  }
  return out;
}

const numericOf = (s: Summary) => s.indicators.filter((i) => i.kind !== 'note');

describe('byUnit made when read', () => {
  it('is not made by aggregate, and reads as the figures of each unit, in place among the keys', () => {
    const s = run();
    const numeric = numericOf(s);
    expect(numeric.length).toBeGreaterThan(10);
    for (const ind of numeric) expect(isCompact(ind)).toBe(true);
    const want = eagerByUnit(s);
    for (const ind of numeric) expect(ind.byUnit).toEqual(want.get(ind.code));
    // Some figures are there at all (the test can fail on a null-only summary).
    expect(numeric.some((i) => i.byUnit.some((f) => f.period !== null))).toBe(true);
    for (const ind of numeric) {
      expect(isCompact(ind)).toBe(false);
      expect(Object.getOwnPropertyDescriptor(ind, 'byUnit')).toMatchObject({ writable: true, enumerable: true });
      // Optional keys (unevenPeriod…) come after contributing.
      const keys = Object.keys(ind);
      const from = keys.indexOf('ytdChangePct');
      expect(keys.slice(from, from + 3)).toEqual(['ytdChangePct', 'byUnit', 'contributing']);
    }
  });

  it('prints the same JSON as a summary whose byUnit is plain data', () => {
    const lazy = run();
    const plain = run();
    for (const ind of numericOf(plain)) ind.byUnit = eagerByUnit(plain).get(ind.code) as UnitFigure[];
    expect(numericOf(plain).some(isCompact)).toBe(false);
    expect(numericOf(lazy).every(isCompact)).toBe(true);
    expect(JSON.stringify(lazy, null, 2)).toBe(JSON.stringify(plain, null, 2));
  });

  it('gives the renderings the same figures without making byUnit', () => {
    const lazy = run();
    const plain: Summary = JSON.parse(JSON.stringify(run()));
    expect(buildSummaryWorkbook(lazy, CATALOGUE)).toEqual(buildSummaryWorkbook(plain, CATALOGUE));
    expect(renderHtmlReport(lazy, CATALOGUE)).toBe(renderHtmlReport(plain, CATALOGUE));
    expect(renderTextReport(lazy, CATALOGUE)).toBe(renderTextReport(plain, CATALOGUE));
    expect(longRows(lazy)).toEqual(longRows(plain));
    expect(longRows(lazy).length).toBeGreaterThan(3);
    for (const [i, ind] of numericOf(lazy).entries())
      for (const u of lazy.units) expect(unitPeriod(ind, u.code)).toBe(unitPeriod(numericOf(plain)[i], u.code));
    expect(numericOf(lazy).every(isCompact)).toBe(true);
  });

  it('reads what was written: a new byUnit, or one edited after it was made', () => {
    const s = run();
    const [a, b] = numericOf(s);
    const mine: UnitFigure[] = [{ unitCode: 'x', unitName: 'X', period: 7, ytd: 8 }];
    a.byUnit = mine;
    expect(a.byUnit).toBe(mine);
    expect(unitFigures(a).length).toBe(1);
    expect(unitPeriod(a, 'x')).toBe(7);
    b.byUnit[0].period = 123;
    expect(unitFigures(b).period(0)).toBe(123);
    expect(unitPeriod(b, b.byUnit[0].unitCode)).toBe(123);
    b.byUnit.push({ unitCode: 'moi', unitName: 'Mới', period: 4, ytd: 4 });
    expect(unitFigures(b).length).toBe(s.units.length + 1);
    expect(unitPeriod(b, 'moi')).toBe(4);
  });

  it('serves one array, read or not, when the summary was frozen before byUnit was read', () => {
    const s = run();
    const ind = numericOf(s).find((i) => i.period !== null) ?? numericOf(s)[0];
    Object.freeze(ind);
    const first = ind.byUnit;
    expect(ind.byUnit).toBe(first);
    expect(first.length).toBe(s.units.length);
    first[0].period = 5;
    expect(unitFigures(ind).period(0)).toBe(5);
  });
});
