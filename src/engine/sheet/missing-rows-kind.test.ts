/**
 * planMissingRows after the catalogue changed an indicator's kind and kept its code (a flow become
 * a stock, a count become an amount or a note): the row is re-coded in place (its code kept) so it
 * gets the new kind's validation and "Cả năm" formula; before, the plan was 'none' and the sheet
 * kept the old kind's while the commune typed.
 */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import type { SheetModel } from '../report/model';
import { DEFAULT_LEVEL } from '../text/level';
import type { Catalogue, Indicator, Unit } from '../types';
import { buildUnitSheet, LAYOUT, totalFormula, type UnitSheetData } from './layout';
import { type CarriedKind, kindChanged, planMissingRows } from './missing-rows';
import { readSheet } from './read';
import { modelToGrid, rowWithCode } from './testing';

const base = defaultCatalogue();
const units = defaultUnits();
const UNIT = units.find((u) => u.code === 'chung-chai') as Unit;
const YEAR = 2018;
const DATA: UnitSheetData = {
  values: { DTN_QUA: [8, 8, 0, 0, 0, 9, 0, 0, 8, null, null, null] },
  notes: { GHI_CHU: [null, 'Thiếu kinh phí', null, null, null, null, null, null, null, null, null, null] },
  submitted: Array(12).fill(null),
};

function changed(code: string, edit: Partial<Indicator>): Catalogue {
  return { ...base, indicators: base.indicators.map((i) => (i.code === code ? { ...i, ...edit } : i)) };
}

/** What a shell reads of a sheet rendered from `model`: each row's "Cả năm" formula and month 1's validation. */
function carriedOf(model: SheetModel): Map<number, CarriedKind> {
  const out = new Map<number, CarriedKind>();
  model.rows.forEach((cells, i) => {
    const row = i + 1;
    const v = model.validations.find((x) => x.range.row === row && x.range.col <= 5 && x.range.col + x.range.cols > 5);
    out.set(row, { total: cells[LAYOUT.totalCol - 1]?.f ?? '', validation: v?.kind ?? null });
  });
  return out;
}

function plan(cat: Catalogue, carry = true) {
  const model = buildUnitSheet(UNIT, YEAR, base, DATA);
  const grid = modelToGrid(model);
  const { report } = readSheet({ name: 'x', grid }, { level: DEFAULT_LEVEL, catalogue: cat, units, year: YEAR });
  if (!report) throw new Error('not read');
  return { grid, plan: planMissingRows(grid, report, cat, UNIT, YEAR, carry ? carriedOf(model) : undefined) };
}

describe('planMissingRows: an indicator whose kind changed, its code kept', () => {
  test.each([
    ['a flow become a stock', 'DTN_QUA', { overMonths: 'last' }, 'nonNegativeInteger'],
    ['a stock become a flow', 'HND_SXKDG_CONGNHAN', { overMonths: 'sum' }, 'nonNegativeInteger'],
    ['a count become an amount', 'DTN_QUA', { kind: 'amount' }, 'nonNegativeNumber'],
    ['an amount become a count', 'LDLD_MAIAM_GIATRI', { kind: 'count' }, 'nonNegativeInteger'],
    ['a count become a note', 'DTN_QUA', { kind: 'note' }, 'unicodeText'],
    ['a note become a count', 'GHI_CHU', { kind: 'count' }, 'nonNegativeInteger'],
  ] as const)('%s: the row is re-coded in place with the new kind’s validation and "Cả năm"', (_, code, edit, kind) => {
    const cat = changed(code, edit);
    const { grid, plan: p } = plan(cat);
    if (p.kind !== 'add') throw new Error(`plan ${p.kind}`);
    const row = rowWithCode(grid, code);
    const ind = cat.indicators.find((i) => i.code === code) as Indicator;
    expect(p.indicators).toEqual([]);
    expect(p.rows).toEqual([]);
    expect(p.recodes).toEqual([
      { row, indicator: ind, from: code, label: null, total: totalFormula(ind, row) ?? null },
    ]);
    expect(p.validations.map((v) => [v.range.row, v.kind])).toEqual([[row, kind]]);
  });

  test('the catalogue as the sheet was made, or nothing read of the rows: nothing to do', () => {
    expect(plan(base).plan).toEqual({ kind: 'none' });
    expect(plan(changed('DTN_QUA', { overMonths: 'last' }), false).plan).toEqual({ kind: 'none' });
  });
});

describe('kindChanged', () => {
  const flow = { kind: 'count', overMonths: 'sum' } as const;
  const stock = { kind: 'count', overMonths: 'last' } as const;
  const sum = totalFormula(flow, 12) as string;
  const last = totalFormula(stock, 12) as string;

  test('the layout’s "Cả năm" of the other way over the months, or of a number on a note, or none on a number', () => {
    expect(kindChanged(stock, 12, { total: sum, validation: 'nonNegativeInteger' }, 17)).toBe(true);
    expect(kindChanged(flow, 12, { total: last.slice(1).toLowerCase(), validation: null }, 8)).toBe(true);
    expect(kindChanged({ kind: 'note', overMonths: 'sum' }, 12, { total: sum, validation: null }, 17)).toBe(true);
    expect(kindChanged(flow, 12, { total: '', validation: null }, '')).toBe(true);
    expect(kindChanged(flow, 12, { total: sum, validation: 'nonNegativeInteger' }, 17)).toBe(false);
  });

  test('another kind’s validation', () => {
    expect(
      kindChanged({ kind: 'amount', overMonths: 'sum' }, 12, { total: sum, validation: 'nonNegativeInteger' }, 1),
    ).toBe(true);
    expect(kindChanged(flow, 12, { total: sum, validation: 'nonNegativeNumber' }, 1)).toBe(true);
    expect(kindChanged({ kind: 'note', overMonths: 'sum' }, 12, { total: '', validation: 'unicodeText' }, '')).toBe(
      false,
    );
  });

  test('a figure or the commune’s own formula in "Cả năm", another row’s formula, no validation: not taken for changed', () => {
    expect(kindChanged(stock, 12, { total: '', validation: null }, 40)).toBe(false);
    expect(kindChanged(stock, 12, { total: '=SUM(E12:P12)', validation: null }, 40)).toBe(false);
    expect(kindChanged(stock, 12, { total: totalFormula(flow, 13) as string, validation: null }, 40)).toBe(false);
    expect(kindChanged(stock, 12, { total: '', validation: 'date' }, 40)).toBe(false);
  });
});
