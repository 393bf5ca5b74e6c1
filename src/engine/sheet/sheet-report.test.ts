/**
 * The reader's reports keep their numbers in a flat array and build `values` and `cells` on
 * first use. They must look exactly like the plain reports the reader used to return, and a
 * report whose values were edited or replaced must be aggregated from what it now says.
 */
import fc from 'fast-check';
import { aggregate } from '../aggregate/aggregate';
import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import { summarise } from '../pipeline';
import { DEFAULT_LEVEL } from '../text/level';
import { tidy } from '../text/number';
import type { Period, Unit, UnitYear } from '../types';
import { buildUnitSheet } from './layout';
import { type ReadContext, readWorkbook } from './read';
import { flatOf, layoutOf, renamed, SheetReport } from './sheet-report';
import { modelToSheetInput } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const CHUNG_CHAI = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };
const numeric = catalogue.indicators.filter((i) => i.kind !== 'note');
const FLOW = numeric.find((i) => i.overMonths === 'sum') as (typeof numeric)[number];
const PERIOD: Period = { type: 'month', year: 2018, index: 9 };

function filledSheet() {
  const values: Record<string, (number | null)[]> = {};
  numeric.forEach((ind, k) => {
    values[ind.code] = Array.from({ length: 12 }, (_, m) => (m === 4 ? null : k + m));
  });
  return modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2018, catalogue, { values }));
}

function readOne(): SheetReport {
  const report = readWorkbook({ source: 'chung-chai.xlsx', sheets: [filledSheet()] }, ctx).reports[0];
  expect(report).toBeInstanceOf(SheetReport);
  return report as SheetReport;
}

describe('SheetReport', () => {
  it('gives values, cells and JSON in the plain report shape', () => {
    const r = readOne();
    expect(Object.keys(r.values)).toEqual([...new Set(numeric.map((i) => i.code))]);
    expect(r.values[FLOW.code][4]).toBeNull();
    expect(r.values[FLOW.code][5]).toBe(numeric.indexOf(FLOW) + 5);
    expect(r.cells[FLOW.code]).toHaveLength(12);
    expect(r.cells[FLOW.code][0]).toMatch(/^[A-Z]+\d+$/);
    const json = JSON.parse(JSON.stringify(r));
    expect(Object.keys(json)).toEqual([
      'unitCode',
      'unitName',
      'unitKind',
      'year',
      'file',
      'sheet',
      'values',
      'notes',
      'submitted',
      'cells',
      'submittedCells',
      'invalid',
    ]);
    expect(json.values).toEqual(r.values);
  });

  it('is read from its flat array until its values are edited, then from the values', () => {
    const r = readOne();
    const layout = layoutOf(r);
    expect(layout && flatOf(r, layout)).toBeTruthy();
    r.values[FLOW.code][8] = 1000;
    expect(layout && flatOf(r, layout)).toBeNull();
  });

  it('aggregates an edited report from what it now says', () => {
    const wb = { source: 'chung-chai.xlsx', sheets: [filledSheet()] };
    const input = {
      catalogue,
      units: [CHUNG_CHAI],
      settings: defaultSettings(),
      period: PERIOD,
      workbooks: [wb],
      generatedAt: 'x',
    };
    const before = summarise(input).summary.indicators.find((i) => i.code === FLOW.code);
    const r = readOne();
    r.values[FLOW.code][8] = (r.values[FLOW.code][8] as number) + 7;
    const summary = summarise(input).summary;
    // The pipeline reads afresh; aggregating the edited report directly shows the edit.
    expect(summary.indicators.find((i) => i.code === FLOW.code)?.period).toBe(before?.period);
    const edited = aggregate({
      ...input,
      current: [r],
      previous: [],
      findings: [],
      unreadableUnits: [],
    }).indicators.find((i) => i.code === FLOW.code);
    expect(edited?.period).toBe((before?.period as number) + 7);
  });

  it('renamed keeps the class and its numbers, and gives the report itself when nothing changes', () => {
    const r = readOne();
    expect(renamed(r, r.unitName, r.unitKind)).toBe(r);
    const other = renamed(r, 'Tên khác', 'xã');
    expect(other).toBeInstanceOf(SheetReport);
    expect(other.unitName).toBe('Tên khác');
    expect(other.values).toEqual(r.values);
    const plain: UnitYear = { ...JSON.parse(JSON.stringify(r)) };
    expect(renamed(plain, 'X', 'xã')).toEqual({ ...plain, unitName: 'X', unitKind: 'xã' });
  });
});

describe('tidy', () => {
  it('equals 15 significant digits for decimals with up to two places and for any double', () => {
    const decimal = fc.integer({ min: -1e12, max: 1e12 }).map((k) => k / 100);
    fc.assert(
      fc.property(fc.oneof(decimal, fc.double({ noNaN: true })), (n) => {
        const expected = Number.isInteger(n) && Math.abs(n) < 1e15 ? (n === 0 ? 0 : n) : Number(n.toPrecision(15));
        expect(Object.is(tidy(n), expected)).toBe(true);
      }),
    );
  });
});
