/**
 * Reporting periods: a month, a quarter, the first 6 or 9 months, or a year.
 * Canonical text forms: "2018-09", "2018-Q3", "2018-6T", "2018-9T", "2018".
 */
import { PERIOD_TEXT, ROMAN_QUARTERS } from '../../messages/vi/periods';
import type { Period, PeriodType } from '../types';

const YEAR = '(\\d{4})';
const MONTH_PREFIX = '(?:t|th|thang|tháng)?\\s*';

function yearOk(y: number): boolean {
  return y >= 1900 && y <= 9999;
}

function month(year: number, m: number): Period | null {
  return m >= 1 && m <= 12 && yearOk(year) ? { type: 'month', year, index: m } : null;
}

function quarter(year: number, q: number): Period | null {
  return q >= 1 && q <= 4 && yearOk(year) ? { type: 'quarter', year, index: q } : null;
}

function whole(type: 'half' | 'nine' | 'year', year: number): Period | null {
  return yearOk(year) ? { type, year, index: 1 } : null;
}

function quarterNumber(s: string): number {
  const roman = ROMAN_QUARTERS.indexOf(s.toUpperCase() as (typeof ROMAN_QUARTERS)[number]);
  return roman >= 0 ? roman + 1 : Number(s);
}

type Build = (m: RegExpMatchArray) => Period | null;

/** Patterns tried in order on the lower-cased, NFC, single-spaced input. */
const PATTERNS: [RegExp, Build][] = [
  [re(`^(?:năm )?${YEAR}$`), (m) => whole('year', Number(m[1]))],
  [re(`^${YEAR}-(\\d{1,2})$`), (m) => month(Number(m[1]), Number(m[2]))],
  [re(`^${MONTH_PREFIX}(\\d{1,2}) ?[/-] ?${YEAR}$`), (m) => month(Number(m[2]), Number(m[1]))],
  [re(`^${YEAR}-q([1-4])$`), (m) => quarter(Number(m[1]), Number(m[2]))],
  [re(`^(?:q|quý ?)([1-4]|i{1,3}|iv) ?[/-] ?${YEAR}$`), (m) => quarter(Number(m[2]), quarterNumber(m[1]))],
  [re(`^${YEAR}-([69])t$`), (m) => whole(m[2] === '6' ? 'half' : 'nine', Number(m[1]))],
  [
    re(`^([69]) ?(?:t|tháng)(?: đầu năm)? ?[/-]? ?${YEAR}$`),
    (m) => whole(m[1] === '6' ? 'half' : 'nine', Number(m[2])),
  ],
];

/** RegExp with the `u` flag so "ă", "á" … are single characters. */
function re(source: string): RegExp {
  return new RegExp(source, 'u');
}

/**
 * Parse a period. Accepts the canonical forms, "2018-9", "09/2018", "Q3/2018",
 * and the Vietnamese labels that `periodLabel` prints ("tháng 9/2018", "quý III/2018",
 * "6 tháng đầu năm 2018", "năm 2018"). Case and spacing do not matter. Null if not a period.
 */
export function parsePeriod(input: string): Period | null {
  if (typeof input !== 'string') return null;
  const s = input.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  for (const [pattern, build] of PATTERNS) {
    const m = s.match(pattern);
    if (m) return build(m);
  }
  return null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Canonical, sortable text: "2018-09", "2018-Q3", "2018-6T", "2018-9T", "2018". */
export function formatPeriod(p: Period): string {
  switch (p.type) {
    case 'month':
      return `${p.year}-${pad2(p.index)}`;
    case 'quarter':
      return `${p.year}-Q${p.index}`;
    case 'half':
      return `${p.year}-6T`;
    case 'nine':
      return `${p.year}-9T`;
    case 'year':
      return `${p.year}`;
  }
}

/** Vietnamese label: "tháng 9/2018", "quý III/2018", "6 tháng đầu năm 2018", "năm 2018". */
export function periodLabel(p: Period): string {
  switch (p.type) {
    case 'month':
      return PERIOD_TEXT.month(p.index, p.year);
    case 'quarter':
      return PERIOD_TEXT.quarter(p.index, p.year);
    case 'half':
      return PERIOD_TEXT.half(p.year);
    case 'nine':
      return PERIOD_TEXT.nine(p.year);
    case 'year':
      return PERIOD_TEXT.year(p.year);
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let m = from; m <= to; m++) out.push(m);
  return out;
}

/** First and last month (1–12) of the period. */
export function periodBounds(p: Period): [number, number] {
  switch (p.type) {
    case 'month':
      return [p.index, p.index];
    case 'quarter':
      return [3 * p.index - 2, 3 * p.index];
    case 'half':
      return [1, 6];
    case 'nine':
      return [1, 9];
    case 'year':
      return [1, 12];
  }
}

/** The months (1–12) the period covers. */
export function periodMonths(p: Period): number[] {
  const [first, last] = periodBounds(p);
  return range(first, last);
}

/** Month 1 … the period's last month ("từ đầu năm đến nay"). */
export function ytdMonths(p: Period): number[] {
  return range(1, periodBounds(p)[1]);
}

/** True when the period already starts in January, so period and year-to-date coincide. */
export function isYearToDate(p: Period): boolean {
  return periodBounds(p)[0] === 1;
}

/** The same period one year earlier ("cùng kỳ năm trước"). */
export function previousYear(p: Period): Period {
  return { type: p.type, year: p.year - 1, index: p.index };
}

/** The period of the same type just before: 2018-01 → 2017-12, 2018-Q1 → 2017-Q4, 2018-6T → 2017-6T. */
export function previousPeriod(p: Period): Period {
  if (p.type === 'month')
    return p.index > 1 ? { ...p, index: p.index - 1 } : { type: 'month', year: p.year - 1, index: 12 };
  if (p.type === 'quarter')
    return p.index > 1 ? { ...p, index: p.index - 1 } : { type: 'quarter', year: p.year - 1, index: 4 };
  return previousYear(p);
}

/** The last period of a type in a year: December, Q4, or the year's only 6T/9T/year period. */
export function lastPeriodOfYear(type: PeriodType, year: number): Period {
  return { type, year, index: type === 'month' ? 12 : type === 'quarter' ? 4 : 1 };
}

export function samePeriod(a: Period, b: Period): boolean {
  return a.type === b.type && a.year === b.year && a.index === b.index;
}
