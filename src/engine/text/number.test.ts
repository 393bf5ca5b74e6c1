import fc from 'fast-check';
import { isErrorValue, nearlyEqual, parseNumberText } from './number';

describe('parseNumberText — Vietnamese convention', () => {
  it.each([
    ['1.000', 1000],
    ['1.000.000', 1000000],
    [' 12 ', 12],
    ['\u00A012\u00A0', 12],
    ['+12', 12],
    ['0', 0],
    ['007', 7],
    ['1 000 000', 1000000],
  ])('count %j → %d', (text, value) => {
    expect(parseNumberText(text, 'count')).toEqual({ ok: true, value });
  });

  it.each([
    ['1.000,5', 1000.5],
    ['1,5', 1.5],
    ['90,5', 90.5],
    [',5', 0.5],
    ['0,500', 0.5],
    ['1234,567', 1234.567],
    ['12.345.678,25', 12345678.25],
    ['1 000,5', 1000.5],
  ])('amount %j → %d', (text, value) => {
    expect(parseNumberText(text, 'amount')).toEqual({ ok: true, value });
  });

  it('returns negatives (the cell check rejects them with its own message)', () => {
    expect(parseNumberText('-5', 'count')).toEqual({ ok: true, value: -5 });
    expect(parseNumberText('\u22121.000', 'count')).toEqual({ ok: true, value: -1000 });
    expect(parseNumberText('-0', 'count')).toEqual({ ok: true, value: 0 });
    expect(Object.is((parseNumberText('-0', 'count') as { value: number }).value, 0)).toBe(true);
  });

  it('reports "1,000" as ambiguous for both kinds', () => {
    expect(parseNumberText('1,000', 'count')).toEqual({ ok: false, reason: 'ambiguous' });
    expect(parseNumberText('1,000', 'amount')).toEqual({ ok: false, reason: 'ambiguous' });
    expect(parseNumberText('12,500', 'amount')).toEqual({ ok: false, reason: 'ambiguous' });
  });

  it('reports a dot that is not thousands grouping as ambiguous for both kinds', () => {
    for (const t of ['12.5', '1.50', '1234.5', '1.0000', '.5', '1.000.5'])
      for (const kind of ['count', 'amount'] as const)
        expect(parseNumberText(t, kind)).toEqual({ ok: false, reason: 'ambiguous' });
  });

  it('accepts English grouping that cannot be Vietnamese, with a note', () => {
    expect(parseNumberText('1,000,000', 'count')).toEqual({ ok: true, value: 1000000, note: 'ambiguous-thousands' });
    expect(parseNumberText('1,234.5', 'amount')).toEqual({ ok: true, value: 1234.5, note: 'ambiguous-thousands' });
  });

  it.each(['12 hộ', 'abc', '', '1e3', '1.000,', '1,2,3', '5%', '--5', '1 2', '12a', '0x10', 'Infinity', 'NaN'])(
    '%j is not a number',
    (text) => {
      expect(parseNumberText(text, 'count')).toEqual({ ok: false, reason: 'not-a-number' });
    },
  );
});

describe('isErrorValue', () => {
  it.each(['#REF!', '#N/A', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#ERROR!', ' #ref! '])('%j', (t) => {
    expect(isErrorValue(t)).toBe(true);
  });
  it.each(['#', 'REF!', '#REF', 'N/A', '12', ''])('%j is not', (t) => {
    expect(isErrorValue(t)).toBe(false);
  });
});

describe('nearlyEqual', () => {
  const tolerance = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));

  it('is equality within a billionth of the larger (or of 1); an infinity or NaN is not equal to itself', () => {
    expect(nearlyEqual(0.1 + 0.2, 0.3)).toBe(true);
    expect(nearlyEqual(1e12, 1e12 + 1)).toBe(true);
    expect(nearlyEqual(1, 1.000001)).toBe(false);
    expect(nearlyEqual(0, -0)).toBe(true);
    for (const x of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN])
      expect(nearlyEqual(x, x)).toBe(false);
    fc.assert(
      fc.property(fc.double(), fc.double(), (x, y) => {
        expect(nearlyEqual(x, y)).toBe(tolerance(x, y));
        expect(nearlyEqual(x, x)).toBe(tolerance(x, x));
      }),
      { numRuns: 2000 },
    );
  });
});
