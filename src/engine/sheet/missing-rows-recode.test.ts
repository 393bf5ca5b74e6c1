/**
 * planMissingRows after the catalogue changed an indicator's code (alone, or with its label): the
 * row the reader reads as the indicator is re-coded (its code, and its label when that changed),
 * not doubled by an empty new row beside it; before, the code-and-label change got an empty row
 * and the code-only change nothing at all (the warnings came back every month).
 */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { Catalogue, Indicator, Unit } from '../types';
import { buildUnitSheet, LAYOUT, monthCol, totalFormula, type UnitSheetData } from './layout';
import { planMissingRows, recodedTotal } from './missing-rows';
import { readSheet } from './read';
import { modelToGrid, rowWithCode } from './testing';

const base = defaultCatalogue();
const units = defaultUnits();
const UNIT = units.find((u) => u.code === 'chung-chai') as Unit;
const YEAR = 2018;
const DATA: UnitSheetData = {
  values: { DTN_QUA: [8, 8, 0, 0, 0, 9, 0, 0, 8, null, null, null] },
  notes: {},
  submitted: Array(12).fill(null),
};
const LABEL = 'Suất quà tặng hộ khó khăn';

function changed(edits: Record<string, Partial<Indicator>>, extra: Indicator[] = []): Catalogue {
  const indicators = base.indicators.map((i) => (edits[i.code] ? { ...i, ...edits[i.code] } : i));
  // An indicator added at the head of the first group: every row below moves down one.
  return { ...base, indicators: [...extra, ...indicators] };
}

function plan(cat: Catalogue) {
  const grid = modelToGrid(buildUnitSheet(UNIT, YEAR, base, DATA));
  const { report } = readSheet({ name: 'x', grid }, { level: DEFAULT_LEVEL, catalogue: cat, units, year: YEAR });
  if (!report) throw new Error('not read');
  return { grid, plan: planMissingRows(grid, report, cat, UNIT, YEAR) };
}

const summary = (p: ReturnType<typeof plan>['plan']) =>
  p.kind === 'add'
    ? {
        added: p.indicators.map((i) => i.code),
        recodes: p.recodes.map((r) => [r.row, r.from, r.indicator.code, r.label]),
        strays: p.strays.map((r) => [r.row, r.code, r.cells]),
      }
    : p.kind;

describe('planMissingRows: rows under a code the catalogue changed', () => {
  test('code and label changed: the row is re-coded with both, no row added', () => {
    const { grid, plan: p } = plan(changed({ DTN_QUA: { code: 'DTN_SUATQUA', label: LABEL } }));
    expect(summary(p)).toEqual({
      added: [],
      recodes: [[rowWithCode(grid, 'DTN_QUA'), 'DTN_QUA', 'DTN_SUATQUA', LABEL]],
      strays: [],
    });
    expect(p.kind === 'add' && p.rows).toEqual([]);
  });

  test('only the code changed: its code is written, the label left as it is', () => {
    const { grid, plan: p } = plan(changed({ DTN_QUA: { code: 'DTN_SUATQUA' } }));
    expect(summary(p)).toEqual({
      added: [],
      recodes: [[rowWithCode(grid, 'DTN_QUA'), 'DTN_QUA', 'DTN_SUATQUA', null]],
      strays: [],
    });
  });

  test('with a row added above: the re-coded row is named at the row it moves to', () => {
    const first = base.indicators[0];
    const added: Indicator = { ...first, code: 'DVK_MOI', label: 'Mô hình mới', phrase: '{n} mô hình mới' };
    const { grid, plan: p } = plan(changed({ DTN_QUA: { code: 'DTN_SUATQUA', label: LABEL } }, [added]));
    expect(summary(p)).toEqual({
      added: ['DVK_MOI'],
      recodes: [[rowWithCode(grid, 'DTN_QUA') + 1, 'DTN_QUA', 'DTN_SUATQUA', LABEL]],
      strays: [],
    });
  });

  test('the unit changed too (not read as the indicator): not re-coded, its row added, the old row named', () => {
    const { grid, plan: p } = plan(changed({ DTN_QUA: { code: 'DTN_SUATQUA', label: LABEL, unit: 'hộ' } }));
    // The new row goes above the old one, which moves down one; its 9 filled months are said.
    expect(summary(p)).toEqual({
      added: ['DTN_SUATQUA'],
      recodes: [],
      strays: [[rowWithCode(grid, 'DTN_QUA') + 1, 'DTN_QUA', 9]],
    });
  });

  test.each([
    ['an amount', 'amount', 'nonNegativeNumber'],
    ['a note', 'note', 'unicodeText'],
  ] as const)(
    'the kind changed with the code (a count become %s): the row gets the new kind’s validation',
    (_, kind, want) => {
      const { grid, plan: p } = plan(changed({ DTN_QUA: { code: 'DTN_SUATQUA', kind } }));
      const row = rowWithCode(grid, 'DTN_QUA');
      expect(summary(p)).toEqual({ added: [], recodes: [[row, 'DTN_QUA', 'DTN_SUATQUA', null]], strays: [] });
      if (p.kind !== 'add') throw new Error('no plan');
      expect(p.validations.map((v) => [v.range, v.kind])).toEqual([
        [{ row, col: monthCol(1), rows: 1, cols: 12 }, want],
      ]);
      // Figures are never written over: only the code cell (and, when it changed, the label).
      expect(p.rows).toEqual([]);
    },
  );

  test('a code cell in another case, or a row read by its label with no code: nothing to write', () => {
    const grid = modelToGrid(buildUnitSheet(UNIT, YEAR, base, DATA));
    grid[rowWithCode(grid, 'DTN_QUA') - 1][LAYOUT.codeCol - 1] = 'dtn_qua';
    grid[rowWithCode(grid, 'DTN_MITOM') - 1][LAYOUT.codeCol - 1] = '';
    const { report } = readSheet({ name: 'x', grid }, { level: DEFAULT_LEVEL, catalogue: base, units, year: YEAR });
    expect(report && planMissingRows(grid, report, base, UNIT, YEAR)).toEqual({ kind: 'none' });
  });
});

describe('recodedTotal: the "Cả năm" cell of a row re-coded as a stock', () => {
  const stock = () => {
    const { grid, plan: p } = plan(changed({ DTN_QUA: { code: 'DTN_SUATQUA', overMonths: 'last' } }));
    if (p.kind !== 'add') throw new Error('no plan');
    return { row: rowWithCode(grid, 'DTN_QUA'), r: p.recodes[0] };
  };

  test('the layout’s sum (as Excel or Sheets may give it back) becomes the latest month; an empty cell gets it', () => {
    const { row, r } = stock();
    const last = totalFormula({ kind: 'count', overMonths: 'last' }, row) as string;
    expect(r.total).toBe(last);
    const sum = totalFormula({ kind: 'count', overMonths: 'sum' }, row) as string;
    for (const f of [sum, sum.slice(1), sum.replace(/([A-Z])(\d)/g, '$1$$$2').toLowerCase()])
      expect(recodedTotal(r, f, 17)).toEqual({ formula: last });
    expect(recodedTotal(r, '', '')).toEqual({ formula: last });
    expect(recodedTotal(r, '', null)).toEqual({ formula: last });
  });

  test('already right, a typed figure, or the commune’s own formula: left as it is', () => {
    const { row, r } = stock();
    expect(recodedTotal(r, r.total as string, 8)).toBeNull();
    expect(recodedTotal(r, '', 40)).toBeNull();
    expect(recodedTotal(r, '', '40')).toBeNull();
    expect(recodedTotal(r, `=SUM(E${row}:P${row})`, 40)).toBeNull();
    // The layout's sum of another row is not this row's total.
    expect(recodedTotal(r, totalFormula({ kind: 'count', overMonths: 'sum' }, row + 1) as string, 4)).toBeNull();
  });
});
