/**
 * formerFigure: a merged unit's figure so far is its old units' only when it is so in every stock
 * carried; the month is the latest of them. The narrative and the summary note both ask it.
 */
import type { IndicatorSummary } from '../types';
import { formerFigure } from './carried-former';

const stock = (code: string, carriedFromFormer?: IndicatorSummary['carriedFromFormer']) =>
  ({ code, carriedFromFormer }) as IndicatorSummary;
const formers = ['Mường Toong', 'Huổi Lếch'];

test('the old units’ figure in every stock: theirs, of the latest month', () => {
  const a = stock('A', [{ unitCode: 'mt', month: 5, formers }]);
  const b = stock('B', [
    { unitCode: 'x', month: 3, formers: ['X'] },
    { unitCode: 'mt', month: 6, formers },
  ]);
  expect(formerFigure([a, b], 'mt')).toEqual({ month: 6, formers });
});

test('one stock carrying a figure of the unit’s own: not the old units’', () => {
  const a = stock('A', [{ unitCode: 'mt', month: 6, formers }]);
  expect(formerFigure([a, stock('B')], 'mt')).toBeNull();
  expect(formerFigure([a], 'other')).toBeNull();
  expect(formerFigure([], 'mt')).toBeNull();
});
