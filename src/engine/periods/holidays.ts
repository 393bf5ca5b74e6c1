/**
 * Is the list of days off (Settings.holidays) good enough for the deadlines that count it?
 *
 * A deadline in working days (cutoff.ts `deadline`) skips weekends and the listed days off. The
 * list is data the users keep up: the defaults stop at some year, and past it every deadline
 * would silently skip weekends only, ending before Tết, Giỗ Tổ, 30/4, 1/5 and 2/9 are over, so a
 * commune submitting on time is counted late. So a summary warns when its period's deadline counts
 * the days of a year for which the list is not believable:
 *
 *  - 'all': the list has no day of that year at all (nobody has entered that year yet; also a
 *    settings file or a master without any days off);
 *  - 'tet': the list has days of that year, but none in the Tết window (TET_WINDOW). The days off
 *    fixed by the Labour Code 2019, art. 112 (1/1, Giỗ Tổ, 30/4, 1/5, 2/9) can be entered years
 *    ahead, and the defaults do so; the Tết days (and the day next to 2/9) are decided by the
 *    Prime Minister each year. A year entered ahead with its fixed days only would pass the first
 *    test while missing the longest break of the year, the one that moves deadlines most: Tết is
 *    5 working days or more, every year, and always in that window, so a year's list without any
 *    day there is incomplete however many other days it has;
 *  - 'national-day': from 2021 (Labour Code 2019, art. 112: Quốc khánh is 2/9 and one day next to it,
 *    before or after) the list has no 1/9 or 3/9 beside 2/9 of that year; that day is announced yearly.
 *
 * The years checked are those of the days the deadline counts: from the day after the period's data
 * window closes to the deadline (usually one year; two for December in calendar months). Tết and
 * 2/9 are checked only when those days reach their season: a missing day off outside them cannot
 * move the deadline (in March … December, Tết of the year is over). Other dates
 * in a summary need no days off: the submission-date checks compare with the data windows, and a
 * deadline counted in calendar days skips nothing.
 */
import { HOLIDAY_TEXT } from '../../messages/vi/periods';
import { formatDateVi } from '../text/format';
import type { Finding, Period, Settings } from '../types';
import { dataWindow, deadline, isoAddDays } from './cutoff';
import { periodLabel } from './period';

/**
 * Where the Tết days off of any year fall, as "MM-DD" (inclusive). Lunar New Year's Day falls
 * between 21/01 and 20/02; the civil servants' break runs from a day or two before it to the 5th or
 * 6th day after, so every Tết day off lies between mid-January and the end of February (2020:
 * 23–29/01; 2026: 14–22/02). No other national day off falls there: 1/1 and a day off in lieu of it
 * (2 or 3/1) are before it, Giỗ Tổ (March–April) after it.
 */
export const TET_WINDOW = { from: '01-15', to: '02-29' } as const;

/** The days, as "MM-DD", one of which is off beside 2/9 from 2021 (Labour Code 2019, art. 112). */
export const NATIONAL_DAY_WINDOW = { from: '09-01', to: '09-03' } as const;
const NATIONAL_DAY_TWO_DAYS_FROM = 2021;

export interface HolidayGap {
  year: number;
  /**
   * 'all': no day off of the year listed; 'tet': none in the Tết window; 'national-day': 2/9
   * without its day next to it (1/9 or 3/9).
   */
  missing: 'all' | 'tet' | 'national-day';
}

/** ISO dates, inclusive: the days a deadline counts. */
export interface CountedDays {
  from: string;
  to: string;
}

function reaches(span: CountedDays | undefined, year: number, season: { from: string; to: string }): boolean {
  return !span || (span.from <= `${year}-${season.to}` && span.to >= `${year}-${season.from}`);
}

type DeadlineSettings = Pick<Settings, 'cutoffDay' | 'submitDays' | 'submitWorkingDays' | 'holidays'>;

/**
 * The years of the days a working-day deadline counts (the day after the data window closes … the
 * deadline), in order. None when the deadline is counted in calendar days or on the closing day.
 */
export function deadlineYears(p: Period, s: DeadlineSettings): number[] {
  if (!s.submitWorkingDays || s.submitDays <= 0) return [];
  const first = Number(isoAddDays(dataWindow(p, s).end, 1).slice(0, 4));
  const last = Number(deadline(p, s).slice(0, 4));
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}

/**
 * For each year (in the order given), what the list lacks: nothing, every day ('all'), Tết ('tet'),
 * the day next to 2/9 ('national-day'). With `span` (the days the deadline counts), Tết and 2/9 only
 * when the span reaches their season.
 */
export function holidayGaps(
  years: readonly number[],
  holidays: readonly string[] | undefined,
  span?: CountedDays,
): HolidayGap[] {
  const gaps: HolidayGap[] = [];
  for (const year of years) {
    const prefix = `${year}-`;
    let any = false;
    let tet = false;
    let sep2 = false;
    let beside = false;
    for (const day of holidays ?? []) {
      if (!day.startsWith(prefix)) continue;
      any = true;
      const md = day.slice(5, 10);
      if (md >= TET_WINDOW.from && md <= TET_WINDOW.to) tet = true;
      if (md === '09-02') sep2 = true;
      else if (md >= NATIONAL_DAY_WINDOW.from && md <= NATIONAL_DAY_WINDOW.to) beside = true;
    }
    if (!any) {
      gaps.push({ year, missing: 'all' });
      continue;
    }
    if (!tet && reaches(span, year, TET_WINDOW)) gaps.push({ year, missing: 'tet' });
    if (year >= NATIONAL_DAY_TWO_DAYS_FROM && !(sep2 && beside) && reaches(span, year, NATIONAL_DAY_WINDOW))
      gaps.push({ year, missing: 'national-day' });
  }
  return gaps;
}

/**
 * Warnings for the summary of `p`: one per year its deadline counts that has no day off listed
 * ('holidays-missing'), and per season its counted days reach without a Tết day ('holidays-no-tet')
 * or 2/9's day next to it ('holidays-no-national-day'), naming the year and where to add them.
 */
export function holidayCoverageFindings(p: Period, s: DeadlineSettings): Finding[] {
  const years = deadlineYears(p, s);
  if (!years.length) return [];
  const last = deadline(p, s);
  const gaps = holidayGaps(years, s.holidays, { from: isoAddDays(dataWindow(p, s).end, 1), to: last });
  if (!gaps.length) return [];
  const due = formatDateVi(last);
  return gaps.map((g): Finding => {
    if (g.missing === 'all')
      return {
        severity: 'warning',
        code: 'holidays-missing',
        message: HOLIDAY_TEXT.noneInYear(g.year, periodLabel(p), due),
      };
    if (g.missing === 'tet')
      return { severity: 'warning', code: 'holidays-no-tet', message: HOLIDAY_TEXT.noTet(g.year) };
    return {
      severity: 'warning',
      code: 'holidays-no-national-day',
      message: HOLIDAY_TEXT.noNationalDay(g.year, periodLabel(p), due),
    };
  });
}
