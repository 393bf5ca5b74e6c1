/**
 * Reporting periods: a month, a quarter, the first 6 or 9 months, or a year.
 * Canonical text forms: "2018-09", "2018-Q3", "2018-6T", "2018-9T", "2018".
 */
import { PERIOD_TEXT, ROMAN_QUARTERS } from '../../messages/vi/periods';
import { normalizeNameOnce } from '../text/normalize';
import type { Period, PeriodType } from '../types';

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

/** "3" → 3, "iii" → 3; a number or Roman numeral that is no quarter ("5", "v") is returned as is, or NaN. */
function quarterNumber(s: string): number {
  const roman = ROMAN_QUARTERS.indexOf(s.toUpperCase() as (typeof ROMAN_QUARTERS)[number]);
  return roman >= 0 ? roman + 1 : /^\d+$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * The typed text folded to plain lower-case ASCII: NFC/NFD, Đ look-alikes, zero-width characters and
 * spacing as normalizeName; then without diacritics ("Tháng" → "thang", "Quý"/"qúy" → "quy", "năm" →
 * "nam", "đầu" → "dau", "cả" → "ca"), and en/em dashes as "-". The patterns below are written in it,
 * so a heading typed without accents, with old tone placement or on a Mac reads alike.
 */
function fold(input: string): string {
  return normalizeNameOnce(input)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/[\u2013\u2014]/g, '-');
}

const YEAR = '(\\d{4})';
/** "tháng", "thang", "thg", "th", "t" before a month number. */
const MONTH_WORD = '(?:thang|thg|th|t)';
/** "quý", "quy", "q" before a quarter number. */
const QUARTER_WORD = '(?:quy|q)';
/** A quarter number: 1–4 or I–IV (other numbers are matched, then refused: "quý 5"). */
const QUARTER_NO = '(\\d{1,2}|[ivx]+)';
/** "6 tháng", "9T", "6 tháng đầu năm" (but not "6 tháng cuối năm"). */
const MONTHS_SO_FAR = '([69]) ?(?:thang|th|t)(?: dau nam)?';
/** Between the number and the year: "/", "-", ".", ",", a space, each maybe followed by "năm" ("9 năm 2025", "9, năm 2025"). */
const SEP = '(?: ?[/.,-] ?| )(?:nam )?';

type Build = (m: RegExpMatchArray) => Period | null;

/** Patterns tried in order on the folded input (see fold). */
const PATTERNS: [RegExp, Build][] = [
  // "2025", "năm 2025", "cả năm 2025"
  [new RegExp(`^(?:(?:ca )?nam )?${YEAR}$`), (m) => whole('year', Number(m[1]))],
  // "2025-09", "2025-9"
  [new RegExp(`^${YEAR}-(\\d{1,2})$`), (m) => month(Number(m[1]), Number(m[2]))],
  // "tháng 9/2025", "Tháng 09/2025", "tháng 9 năm 2025", "T9/2025", "thg 9 2025"
  [new RegExp(`^${MONTH_WORD} ?(\\d{1,2})${SEP}${YEAR}$`), (m) => month(Number(m[2]), Number(m[1]))],
  // "9/2025", "09-2025", "9.2025"
  [new RegExp(`^(\\d{1,2}) ?[/.-] ?${YEAR}$`), (m) => month(Number(m[2]), Number(m[1]))],
  // "2025-Q3"
  [new RegExp(`^${YEAR}-q(\\d{1,2})$`), (m) => quarter(Number(m[1]), Number(m[2]))],
  // "quý III/2025", "Quý III năm 2025", "quý 3 năm 2025", "Q3/2025", "Q3 2025"
  [new RegExp(`^${QUARTER_WORD} ?${QUARTER_NO}${SEP}${YEAR}$`), (m) => quarter(Number(m[2]), quarterNumber(m[1]))],
  // "III/2025", "III năm 2025": a Roman numeral is never a month, so it is a quarter
  [new RegExp(`^([ivx]+)${SEP}${YEAR}$`), (m) => quarter(Number(m[2]), quarterNumber(m[1]))],
  // "2025-6T", "2025-9T"
  [new RegExp(`^${YEAR}-([69])t$`), (m) => whole(m[2] === '6' ? 'half' : 'nine', Number(m[1]))],
  // "6 tháng đầu năm 2025", "6 tháng năm 2025", "9 tháng năm 2025", "6T/2025", "9T2025"
  [new RegExp(`^${MONTHS_SO_FAR}(?:${SEP})?${YEAR}$`), (m) => whole(m[1] === '6' ? 'half' : 'nine', Number(m[2]))],
];

/** The same forms without the year (typed in a prompt), tried before PATTERNS by parsePeriodInput. */
const YEARLESS: [RegExp, (m: RegExpMatchArray, year: number) => Period | null][] = [
  // "9", "09", "T9", "tháng 9"
  [new RegExp(`^(?:${MONTH_WORD} ?)?(\\d{1,2})$`), (m, year) => month(year, Number(m[1]))],
  // "quý 3", "quý III", "Q3"
  [new RegExp(`^${QUARTER_WORD} ?${QUARTER_NO}$`), (m, year) => quarter(year, quarterNumber(m[1]))],
  // "6 tháng đầu năm", "9 tháng", "6T"
  [new RegExp(`^${MONTHS_SO_FAR}$`), (m, year) => whole(m[1] === '6' ? 'half' : 'nine', year)],
];

/**
 * Parse a period. Accepts the canonical forms ("2018-09", "2018-Q3", "2018-6T", "2018"), what
 * `periodLabel` prints ("tháng 9/2018", "quý III/2018", "6 tháng đầu năm 2018", "năm 2018") and
 * the forms officials write in headings: "Tháng 09/2018", "tháng 9 năm 2018", "T9/2018", "9/2018",
 * "Quý III năm 2018", "quý 3 năm 2018", "Q3/2018", "III/2018", "6 tháng năm 2018", "9T/2018",
 * "cả năm 2018". Case, accents (NFC or NFD, or none), Đ look-alikes and spacing do not matter.
 * Null if not a period, or not a real one ("tháng 13/2018", "quý 5/2018", "2018-00").
 */
export function parsePeriod(input: string): Period | null {
  if (typeof input !== 'string') return null;
  const s = fold(input);
  for (const [pattern, build] of PATTERNS) {
    const m = s.match(pattern);
    if (m) return build(m);
  }
  return null;
}

/**
 * A period typed in a prompt, where the year may be left out: "9", "T9", "tháng 9" → month 9;
 * "quý 3", "quý III", "Q3" → quarter 3; "6 tháng đầu năm", "9T" → the first 6 or 9 months.
 * `latest` a year: of that year. `latest` a period (the shells' default: the last closed month):
 * the latest such period that has begun by the month after it (the month being collected), so
 * "tháng 12" typed on 20 January 2027 (latest: January 2027) is December 2026, not one still to
 * come, and "tháng 1" typed on 10 January 2027 (latest: December 2026) is January 2027. With a
 * year, as parsePeriod ("9/2017" is September 2017 whatever `latest`).
 */
export function parsePeriodInput(input: string, latest: Period | number): Period | null {
  if (typeof input !== 'string') return null;
  const s = fold(input);
  for (const [pattern, build] of YEARLESS) {
    const m = s.match(pattern);
    if (!m) continue;
    if (typeof latest === 'number') return build(m, latest);
    // Months counted from year 0: the month after `latest` is the last that may have begun.
    const open = latest.year * 12 + periodBounds(latest)[1];
    for (const year of [latest.year + 1, latest.year, latest.year - 1]) {
      const p = build(m, year);
      if (!p || year * 12 + periodBounds(p)[0] - 1 <= open) return p;
    }
    return null;
  }
  return parsePeriod(input);
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
