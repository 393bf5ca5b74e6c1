import {
  formatPeriod,
  isYearToDate,
  parsePeriod,
  periodLabel,
  periodMonths,
  previousPeriod,
  previousYear,
  samePeriod,
  ytdMonths,
} from './period';

describe('parsePeriod', () => {
  it.each([
    ['2018-09', { type: 'month', year: 2018, index: 9 }],
    ['2018-9', { type: 'month', year: 2018, index: 9 }],
    ['09/2018', { type: 'month', year: 2018, index: 9 }],
    ['9/2018', { type: 'month', year: 2018, index: 9 }],
    ['T9/2018', { type: 'month', year: 2018, index: 9 }],
    ['tháng 9/2018', { type: 'month', year: 2018, index: 9 }],
    ['2018-12', { type: 'month', year: 2018, index: 12 }],
    ['2018-Q3', { type: 'quarter', year: 2018, index: 3 }],
    ['2018-q1', { type: 'quarter', year: 2018, index: 1 }],
    ['Q3/2018', { type: 'quarter', year: 2018, index: 3 }],
    ['quý III/2018', { type: 'quarter', year: 2018, index: 3 }],
    ['Quý IV/2018', { type: 'quarter', year: 2018, index: 4 }],
    ['2018-6T', { type: 'half', year: 2018, index: 1 }],
    ['2018-6t', { type: 'half', year: 2018, index: 1 }],
    ['6 tháng đầu năm 2018', { type: 'half', year: 2018, index: 1 }],
    ['2018-9T', { type: 'nine', year: 2018, index: 1 }],
    ['9 tháng đầu năm 2018', { type: 'nine', year: 2018, index: 1 }],
    ['2018', { type: 'year', year: 2018, index: 1 }],
    ['năm 2018', { type: 'year', year: 2018, index: 1 }],
    ['  2018-09  ', { type: 'month', year: 2018, index: 9 }],
    // NFD input (macOS): "tháng" decomposed
    ['tha\u0301ng 9/2018', { type: 'month', year: 2018, index: 9 }],
  ])('%s', (text, expected) => {
    expect(parsePeriod(text)).toEqual(expected);
  });

  it.each(['', '2018-13', '2018-0', '13/2018', '2018-Q5', 'Q0/2018', '2018-7T', '18-09', '2018/09/01', 'abc', '20188'])(
    'rejects %j',
    (text) => {
      expect(parsePeriod(text)).toBeNull();
    },
  );
});

describe('formatPeriod and periodLabel', () => {
  it.each([
    ['2018-09', '2018-09', 'tháng 9/2018'],
    ['2018-1', '2018-01', 'tháng 1/2018'],
    ['2018-Q3', '2018-Q3', 'quý III/2018'],
    ['2018-Q4', '2018-Q4', 'quý IV/2018'],
    ['2018-6T', '2018-6T', '6 tháng đầu năm 2018'],
    ['2018-9T', '2018-9T', '9 tháng đầu năm 2018'],
    ['2018', '2018', 'năm 2018'],
  ])('%s → %s, %s', (text, canonical, label) => {
    const p = parsePeriod(text);
    expect(p).not.toBeNull();
    if (!p) return;
    expect(formatPeriod(p)).toBe(canonical);
    expect(periodLabel(p)).toBe(label);
    // both round-trip
    expect(parsePeriod(canonical)).toEqual(p);
    expect(parsePeriod(label)).toEqual(p);
  });
});

describe('months', () => {
  const p = (s: string) => parsePeriod(s) as NonNullable<ReturnType<typeof parsePeriod>>;
  it('periodMonths', () => {
    expect(periodMonths(p('2018-09'))).toEqual([9]);
    expect(periodMonths(p('2018-Q1'))).toEqual([1, 2, 3]);
    expect(periodMonths(p('2018-Q3'))).toEqual([7, 8, 9]);
    expect(periodMonths(p('2018-Q4'))).toEqual([10, 11, 12]);
    expect(periodMonths(p('2018-6T'))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(periodMonths(p('2018-9T'))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(periodMonths(p('2018'))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('ytdMonths', () => {
    expect(ytdMonths(p('2018-09'))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ytdMonths(p('2018-01'))).toEqual([1]);
    expect(ytdMonths(p('2018-Q2'))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ytdMonths(p('2018-6T'))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ytdMonths(p('2018'))).toHaveLength(12);
  });

  it('isYearToDate', () => {
    expect(isYearToDate(p('2018-01'))).toBe(true);
    expect(isYearToDate(p('2018-02'))).toBe(false);
    expect(isYearToDate(p('2018-Q1'))).toBe(true);
    expect(isYearToDate(p('2018-Q3'))).toBe(false);
    expect(isYearToDate(p('2018-9T'))).toBe(true);
    expect(isYearToDate(p('2018'))).toBe(true);
  });

  it('previousYear and previousPeriod', () => {
    expect(previousYear(p('2018-09'))).toEqual({ type: 'month', year: 2017, index: 9 });
    expect(previousYear(p('2018-Q3'))).toEqual({ type: 'quarter', year: 2017, index: 3 });
    expect(previousPeriod(p('2018-01'))).toEqual({ type: 'month', year: 2017, index: 12 });
    expect(previousPeriod(p('2018-09'))).toEqual({ type: 'month', year: 2018, index: 8 });
    expect(previousPeriod(p('2018-Q1'))).toEqual({ type: 'quarter', year: 2017, index: 4 });
    expect(previousPeriod(p('2018-6T'))).toEqual({ type: 'half', year: 2017, index: 1 });
    expect(samePeriod(p('2018-9'), p('09/2018'))).toBe(true);
    expect(samePeriod(p('2018-9T'), p('2018-09'))).toBe(false);
  });
});
