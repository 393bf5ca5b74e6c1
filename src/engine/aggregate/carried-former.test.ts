/**
 * formerFigure: a merged unit's figure so far is its old units' only when it is so in every stock
 * carried; the month is the latest of them, and each stock's is kept when they differ. The narrative
 * and the summary note both ask it.
 */
import type { IndicatorSummary } from '../types';
import { formerFigure } from './carried-former';

const stock = (code: string, carriedFromFormer?: IndicatorSummary['carriedFromFormer']) =>
  ({ code, label: `Chỉ tiêu ${code}`, carriedFromFormer }) as IndicatorSummary;
const formers = ['Mường Toong', 'Huổi Lếch'];

test('the old units’ figure in every stock: theirs, of the latest month, each stock with its own', () => {
  const a = stock('A', [{ unitCode: 'mt', month: 5, formers }]);
  const b = stock('B', [
    { unitCode: 'x', month: 3, formers: ['X'] },
    { unitCode: 'mt', month: 6, formers },
  ]);
  expect(formerFigure([a, b], 'mt')).toEqual({
    month: 6,
    formers,
    byIndicator: [
      { month: 5, labels: ['Chỉ tiêu A'] },
      { month: 6, labels: ['Chỉ tiêu B'] },
    ],
  });
  // One month for every stock: said once.
  expect(formerFigure([a, stock('C', [{ unitCode: 'mt', month: 5, formers }])], 'mt')).toEqual({ month: 5, formers });
});

test('one stock carrying a figure of the unit’s own: not the old units’', () => {
  const a = stock('A', [{ unitCode: 'mt', month: 6, formers }]);
  expect(formerFigure([a, stock('B')], 'mt')).toBeNull();
  expect(formerFigure([a], 'other')).toBeNull();
  expect(formerFigure([], 'mt')).toBeNull();
});
