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

  it('prints large whole numbers exactly, whatever maxDecimals', () => {
    expect(formatNumberVi(123456789012, 10)).toBe('123.456.789.012');
    expect(formatNumberVi(1e15, 10)).toBe('1.000.000.000.000.000');
    expect(formatNumberVi(1e15 + 1, 10)).toBe('1.000.000.000.000.001');
    expect(formatNumberVi(-9007199254740991, 20)).toBe('-9.007.199.254.740.991');
    expect(formatNumberVi(1e21)).toBe('1.000.000.000.000.000.000.000');
    expect(formatNumberVi(1.5e22, 10)).toBe('15.000.000.000.000.000.000.000');
    expect(roundTo(123456789012, 10)).toBe(123456789012);
    expect(roundTo(1e15, 10)).toBe(1e15);
    expect(roundTo(-1e15, 20)).toBe(-1e15);
  });

  it('never adds fraction digits that were not there', () => {
    expect(formatNumberVi(123456789.1, 10)).toBe('123.456.789,1');
    expect(formatNumberVi(1e14 + 0.5, 10)).toBe('100.000.000.000.000,5');
    expect(formatNumberVi(0.1, 20)).toBe('0,1');
    expect(formatNumberVi(1234567.891, 10)).toBe('1.234.567,891');
    expect(roundTo(123456789.1, 10)).toBe(123456789.1);
  });

  it('rounds very small numbers in decimal, not in exponent form', () => {
    expect(formatNumberVi(1e-7, 10)).toBe('0,0000001');
    expect(formatNumberVi(1.5e-7, 7)).toBe('0,0000002');
    expect(formatNumberVi(-4e-7, 6)).toBe('0');
    expect(formatNumberVi(9.99e-7, 6)).toBe('0,000001');
    expect(roundTo(5e-324, 10)).toBe(0);
    expect(roundTo(1.5e-7, 7)).toBe(2e-7);
  });

  it('shows exactly the shortest decimal text of any number with no more decimals than allowed (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = formatNumberVi(x, 20);
        if (text === '0') return x === 0 || Math.abs(x) < 5e-21;
        // Read back the Vietnamese way: the same number, and no more digits than String(x) has.
        const plain = text.replace(/\./g, '').replace(',', '.');
        // Exact when the shortest text fits in 20 decimals ("0.0000010000000000000002" has 22: rounded).
        const shortestText = String(Math.abs(x));
        const decimals = shortestText.includes('e') ? Infinity : (shortestText.split('.')[1] ?? '').length;
        if (decimals <= 20) expect(Number(plain)).toBe(x);
        else expect(Math.abs(Number(plain) - x)).toBeLessThanOrEqual(5e-21 + Math.abs(x) * 1e-15);
        const significant = (t: string) => t.replace(/^[-0.]+|[.]/g, '').replace(/0+$/, '').length;
        const shortest = String(Math.abs(x)).split('e')[0];
        expect(significant(plain)).toBeLessThanOrEqual(significant(shortest));
        return true;
      }),
    );
  });

  it('round-trips every whole number up to 10^15 through parseNumberText, at any maxDecimals (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 }), fc.integer({ min: 0, max: 20 }), (n, d) => {
        const text = formatNumberVi(n, d);
        expect(text).not.toContain(',');
        const r = parseNumberText(text, 'amount');
        return r.ok && r.value === n && roundTo(n, d) === n;
      }),
    );
  });

  it('rounds like the decimal text at every precision (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 6 }), (units, scale) => {
        // A number typed with `scale` decimals, printed with fewer or more.
        const x = units / 10 ** scale;
        for (let d = 0; d <= 10; d++) {
          const text = formatNumberVi(x, d);
          const frac = text.split(',')[1] ?? '';
          expect(frac.length).toBeLessThanOrEqual(Math.min(d, scale));
          const r = parseNumberText(text, 'amount');
          expect(r.ok && r.value).toBe(roundTo(x, d));
          expect(Math.abs(roundTo(x, d) - x)).toBeLessThanOrEqual(0.5 * 10 ** -d * (1 + 1e-9) + Math.abs(x) * 1e-15);
        }
        return true;
      }),
    );
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
