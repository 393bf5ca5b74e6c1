import type { Period } from '../types';
import {
  formatPeriod,
  isYearToDate,
  parsePeriod,
  parsePeriodInput,
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

describe('parsePeriod: the forms officials write in report headings', () => {
  const month = (index: number) => ({ type: 'month', year: 2025, index });
  const quarter = (index: number) => ({ type: 'quarter', year: 2025, index });
  const half = { type: 'half', year: 2025, index: 1 };
  const nine = { type: 'nine', year: 2025, index: 1 };
  const year = { type: 'year', year: 2025, index: 1 };
  it.each([
    ['tháng 9 năm 2025', month(9)],
    ['Tháng 09/2025', month(9)],
    ['THÁNG 9 NĂM 2025', month(9)],
    ['Tháng 12 năm 2025', month(12)],
    ['tháng 9, năm 2025', month(9)],
    ['thg 9/2025', month(9)],
    ['9.2025', month(9)],
    // NFD (macOS, Unikey "Unicode tổ hợp"), extra and non-breaking spaces, no accents
    ['tha\u0301ng 9 na\u0306m 2025', month(9)],
    ['  tháng   9\u00a0 năm  2025 ', month(9)],
    ['thang 9 nam 2025', month(9)],
    ['Quý III năm 2025', quarter(3)],
    ['quý 3 năm 2025', quarter(3)],
    ['QUÝ IV NĂM 2025', quarter(4)],
    ['Qu\u0079\u0301 I na\u0306m 2025', quarter(1)],
    ['qúy 2 năm 2025', quarter(2)],
    ['quý III – 2025', quarter(3)],
    ['Q3/2025', quarter(3)],
    ['q3 2025', quarter(3)],
    ['III/2025', quarter(3)],
    ['IV năm 2025', quarter(4)],
    ['6 tháng năm 2025', half],
    ['6 Tháng Đầu Năm 2025', half],
    // Ð (U+00D0), a look-alike of Đ
    ['6 tháng \u00D0ầu năm 2025', half],
    ['6T/2025', half],
    ['9 tháng năm 2025', nine],
    ['9 tháng đầu năm 2025', nine],
    ['9T/2025', nine],
    ['cả năm 2025', year],
    ['Cả năm 2025', year],
    ['năm 2025', year],
    ['NĂM 2025', year],
  ])('%j', (text, expected) => {
    expect(parsePeriod(text)).toEqual(expected);
  });

  it.each([
    'tháng 13 năm 2025',
    'tháng 0 năm 2025',
    'Tháng 13/2025',
    'quý 5 năm 2025',
    'Quý V năm 2025',
    'Q5/2025',
    'V/2025',
    '2025-00',
    '2025-Q0',
    '6 tháng cuối năm 2025',
    '7 tháng năm 2025',
    'tháng 9',
    'quý III',
    'năm',
    '9 2025',
  ])('rejects %j', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
});

const DEC_2018: Period = { type: 'month', year: 2018, index: 12 };
const DEC_2026: Period = { type: 'month', year: 2026, index: 12 };

describe('parsePeriodInput: a prompt answer, the year left out', () => {
  it.each([
    ['9', { type: 'month', year: 2018, index: 9 }],
    ['09', { type: 'month', year: 2018, index: 9 }],
    ['T9', { type: 'month', year: 2018, index: 9 }],
    ['tháng 9', { type: 'month', year: 2018, index: 9 }],
    ['Tháng 12', { type: 'month', year: 2018, index: 12 }],
    ['tha\u0301ng 9', { type: 'month', year: 2018, index: 9 }],
    ['quý 3', { type: 'quarter', year: 2018, index: 3 }],
    ['Quý III', { type: 'quarter', year: 2018, index: 3 }],
    ['Q3', { type: 'quarter', year: 2018, index: 3 }],
    ['6 tháng đầu năm', { type: 'half', year: 2018, index: 1 }],
    ['9T', { type: 'nine', year: 2018, index: 1 }],
    // a year typed wins over the default
    ['9/2017', { type: 'month', year: 2017, index: 9 }],
    ['tháng 9 năm 2017', { type: 'month', year: 2017, index: 9 }],
    ['quý 3 năm 2017', { type: 'quarter', year: 2017, index: 3 }],
    ['2017', { type: 'year', year: 2017, index: 1 }],
  ])('%j in 2018', (text, expected) => {
    expect(parsePeriodInput(text, 2018)).toEqual(expected);
  });

  it.each(['13', '0', 'tháng 13', 'quý 5', 'Q0', 'abc', ''])('rejects %j', (text) => {
    expect(parsePeriodInput(text, 2018)).toBeNull();
    expect(parsePeriodInput(text, DEC_2018)).toBeNull();
  });

  // On 20 January 2027 the last closed month is January 2027: a December or a fourth quarter
  // typed without its year is the one just past, not one still to come.
  it.each([
    ['tháng 12', { type: 'month', year: 2026, index: 12 }],
    ['3', { type: 'month', year: 2026, index: 3 }],
    ['quý 4', { type: 'quarter', year: 2026, index: 4 }],
    // begun or about to: this year's (the month after the last closed one is being collected)
    ['tháng 1', { type: 'month', year: 2027, index: 1 }],
    ['T2', { type: 'month', year: 2027, index: 2 }],
    ['quý 1', { type: 'quarter', year: 2027, index: 1 }],
    ['6 tháng đầu năm', { type: 'half', year: 2027, index: 1 }],
    // a year typed is kept
    ['tháng 12/2027', { type: 'month', year: 2027, index: 12 }],
  ])('%j on 20 January 2027', (text, expected) => {
    expect(parsePeriodInput(text, { type: 'month', year: 2027, index: 1 })).toEqual(expected);
  });

  // 10 January 2027, cut-off 15: the last closed month is December 2026, January 2027 is being collected.
  it.each([
    ['tháng 1', { type: 'month', year: 2027, index: 1 }],
    ['quý 1', { type: 'quarter', year: 2027, index: 1 }],
    ['tháng 12', { type: 'month', year: 2026, index: 12 }],
    ['2', { type: 'month', year: 2026, index: 2 }],
    ['quý 4', { type: 'quarter', year: 2026, index: 4 }],
  ])('%j on 10 January 2027 (latest December 2026)', (text, expected) => {
    expect(parsePeriodInput(text, DEC_2026)).toEqual(expected);
  });

  it('takes the fourth quarter typed in October as this year’s (begun, its report due soon)', () => {
    expect(parsePeriodInput('quý 4', { type: 'month', year: 2026, index: 9 })).toEqual({
      type: 'quarter',
      year: 2026,
      index: 4,
    });
  });
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
