import fc from 'fast-check';
import { formatDateVi, formatNumberVi, formatPercentVi, formatQuantity, roundTo } from './format';
import { parseNumberText } from './number';

describe('formatNumberVi', () => {
  it.each([
    [1000, '1.000'],
    [1000.5, '1.000,5'],
    [-21, '-21'],
    [0.25, '0,25'],
    [0, '0'],
    [-0, '0'],
    [-0.001, '0'],
    [7, '7'],
    [999, '999'],
    [1_000_000, '1.000.000'],
    [1234567.891, '1.234.567,89'],
    [1.005, '1,01'],
    [2 / 3, '0,67'],
    [999.999, '1.000'],
    [0.1 + 0.2, '0,3'],
    [-1234.5, '-1.234,5'],
  ])('%p → %s', (n, text) => {
    expect(formatNumberVi(n)).toBe(text);
  });

  it('honours maxDecimals', () => {
    expect(formatNumberVi(1.5, 0)).toBe('2');
    expect(formatNumberVi(2.5, 0)).toBe('3');
    expect(formatNumberVi(-2.5, 0)).toBe('-3');
    expect(formatNumberVi(1.23456, 4)).toBe('1,2346');
    expect(formatNumberVi(1.2, 4)).toBe('1,2');
  });

  it('never prints NaN', () => {
    expect(formatNumberVi(Number.NaN)).toBe('');
  });

  it('round-trips through parseNumberText (up to 2 decimals)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const r = parseNumberText(formatNumberVi(n), 'count');
        return r.ok && r.value === n;
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), (cents) => {
        const x = cents / 100;
        const r = parseNumberText(formatNumberVi(x), 'amount');
        return r.ok && r.value === roundTo(x, 2);
      }),
    );
  });
});

describe('formatPercentVi', () => {
  it.each([
    [0.125, 1, '12,5%'],
    [9 / 11, 1, '81,8%'],
    [1, 1, '100%'],
    [0, 1, '0%'],
    [0.0005, 2, '0,05%'],
    [-0.25, 1, '-25%'],
    [0.07, 1, '7%'],
  ])('%p (%p decimals) → %s', (f, d, text) => {
    expect(formatPercentVi(f, d)).toBe(text);
  });
});

describe('formatDateVi and formatQuantity', () => {
  it('formats dates dd/mm/yyyy', () => {
    expect(formatDateVi('2018-09-16')).toBe('16/09/2018');
    expect(formatDateVi('2018-01-05T10:00:00Z')).toBe('05/01/2018');
  });

  it('adds the unit after the number', () => {
    expect(formatQuantity(1000, 'hộ')).toBe('1.000 hộ');
    expect(formatQuantity(90, 'triệu đồng')).toBe('90 triệu đồng');
    expect(formatQuantity(12.5, 'ngày công')).toBe('12,5 ngày công');
    expect(formatQuantity(5, '')).toBe('5');
    expect(formatQuantity(5, '  ')).toBe('5');
  });
});
