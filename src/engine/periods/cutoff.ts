/**
 * Data windows and deadlines (Decree 09/2019/NĐ-CP, art. 12, and provincial rules
 * that copy it). With cut-off day C (default 15), month m's figures run from day C of
 * month m−1 to day C−1 of month m; January's window starts on 15/12 of the previous
 * year. A quarter, 6 or 9 months or a year runs from the start of its first month's
 * window to the end of its last month's window (6 tháng 2018 = 15/12/2017 … 14/06/2018).
 * C = 1 means calendar months.
 *
 * All dates are ISO "YYYY-MM-DD" strings handled with UTC arithmetic: no time zones,
 * no clock. Shells obtain "today" once with `todayIn(settings.timeZone, new Date())`.
 */
import type { DateRange, Period, PeriodType, Settings } from '../types';
import { lastPeriodOfYear, periodBounds, previousPeriod } from './period';

const DAY_MS = 86_400_000;
const pad2 = (n: number) => String(n).padStart(2, '0');

function toUtc(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Make an ISO date; month may be 0 or 13 (rolls into the neighbouring year). */
export function isoDate(year: number, month: number, day: number): string {
  return fromUtc(Date.UTC(year, month - 1, day));
}

/** "2018-12-31" + 1 → "2019-01-01". */
export function isoAddDays(iso: string, days: number): string {
  return fromUtc(toUtc(iso) + days * DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  const d = new Date(toUtc(iso)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** True for a real calendar date written "YYYY-MM-DD" ("2018-02-30" and "2018-2-3" are not). */
export function isRealIsoDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  return fromUtc(toUtc(iso)) === iso;
}

/**
 * Add working days: Monday–Friday that are not in `holidays` (official days off such as
 * Tết, 30/4, 1/5, 2/9, ISO dates; Settings.holidays). Friday + 1 → Monday. Working days
 * swapped with a Saturday by a yearly announcement are not modelled: a Saturday never counts.
 * A negative `days` counts back: Monday − 1 → Friday.
 */
export function isoAddWorkingDays(iso: string, days: number, holidays?: readonly string[]): string {
  const off = holidays?.length ? new Set(holidays) : null;
  const step = days < 0 ? -1 : 1;
  let d = iso;
  let left = Math.abs(days);
  while (left > 0) {
    d = isoAddDays(d, step);
    if (isoWeekday(d) <= 5 && !off?.has(d)) left--;
  }
  return d;
}

/** A working day as isoAddWorkingDays counts them: Monday–Friday, not in `holidays`. */
export function isWorkingDay(iso: string, holidays?: readonly string[]): boolean {
  return isoWeekday(iso) <= 5 && !holidays?.includes(iso);
}

/** First day of month m's data window. */
function monthStart(year: number, month: number, cutoffDay: number): string {
  return cutoffDay > 1 ? isoDate(year, month - 1, cutoffDay) : isoDate(year, month, 1);
}

/** Last day of month m's window = the day before month m+1's window starts. */
function monthEnd(year: number, month: number, cutoffDay: number): string {
  return isoAddDays(monthStart(year, month + 1, cutoffDay), -1);
}

/** The period's data window (inclusive ISO dates). */
export function dataWindow(p: Period, s: Pick<Settings, 'cutoffDay'>): DateRange {
  const [first, last] = periodBounds(p);
  return { start: monthStart(p.year, first, s.cutoffDay), end: monthEnd(p.year, last, s.cutoffDay) };
}

/**
 * Last day to submit: window end + submitDays, counted in working days (skipping weekends
 * and `holidays`) if submitWorkingDays, else in calendar days.
 */
export function deadline(
  p: Period,
  s: Pick<Settings, 'cutoffDay' | 'submitDays' | 'submitWorkingDays' | 'holidays'>,
): string {
  const end = dataWindow(p, s).end;
  return s.submitWorkingDays ? isoAddWorkingDays(end, s.submitDays, s.holidays) : isoAddDays(end, s.submitDays);
}

/**
 * The first day of `period`'s data window when it has not begun by the local date `today` (a
 * month or year mistyped: nothing of it can be reported yet), else null. Both shells refuse it.
 */
export function notBegunOn(period: Period, settings: Pick<Settings, 'cutoffDay'>, today: string): string | null {
  const start = dataWindow(period, settings).start;
  return today < start ? start : null;
}

/**
 * The latest year whose reports are expected by the local date `today`: next year once its
 * January's data window has opened (from the cut-off day of December), else today's year.
 */
export function latestOpenYear(settings: Pick<Settings, 'cutoffDay'>, today: string): number {
  const year = Number(today.slice(0, 4));
  return notBegunOn({ type: 'month', year: year + 1, index: 1 }, settings, today) ? year : year + 1;
}

/**
 * Whether `period` is still open on the local date `today`: its data window not closed yet
 * (`end`, its last day), or closed but its deadline (`due`) not passed; null once both have.
 */
export function openOn(
  period: Period,
  settings: Pick<Settings, 'cutoffDay' | 'submitDays' | 'submitWorkingDays' | 'holidays'>,
  today: string,
): { state: 'notClosed'; end: string } | { state: 'beforeDeadline'; due: string } | null {
  const end = dataWindow(period, settings).end;
  if (today <= end) return { state: 'notClosed', end };
  const due = deadline(period, settings);
  return today <= due ? { state: 'beforeDeadline', due } : null;
}

/**
 * Whether `period`'s figures are still the latest there are on the local date `today`, so that a
 * report may say them "đến nay": until the data window of the month after the period's last month
 * closes (the next monthly report's cut-off). A report made later (quarter II in November, March
 * re-sent in May) has figures that stop at the period's end, and says so ("đến hết tháng 6/2025").
 * A date that is no real date is taken as later: the explicit wording is true either way.
 */
export function isCurrentOn(period: Period, settings: Pick<Settings, 'cutoffDay'>, today: string): boolean {
  if (!isRealIsoDate(today)) return false;
  const last = periodBounds(period)[1];
  return today <= monthEnd(period.year, last + 1, settings.cutoffDay);
}

/**
 * The most recent period of the type whose window ended strictly before today:
 * today 2018-09-15 → 2018-09 (window ended 14/09); today 2018-09-14 → 2018-08.
 */
export function lastClosedPeriod(todayIso: string, type: PeriodType, s: Pick<Settings, 'cutoffDay'>): Period {
  const today = todayIso.slice(0, 10);
  let p = lastPeriodOfYear(type, Number(today.slice(0, 4)) + 1);
  while (dataWindow(p, s).end >= today) p = previousPeriod(p);
  return p;
}

/**
 * Fixed UTC offsets in minutes. Vietnam (Asia/Ho_Chi_Minh, UTC+7) has had no daylight
 * saving time since 1975, so a fixed offset is exact for every date this tool handles.
 */
const FIXED_OFFSETS: Record<string, number> = {
  'Asia/Ho_Chi_Minh': 420,
  'Asia/Saigon': 420,
  'Asia/Bangkok': 420,
  'Asia/Jakarta': 420,
  'Asia/Vientiane': 420,
  'Asia/Phnom_Penh': 420,
  UTC: 0,
  'Etc/UTC': 0,
  GMT: 0,
};

/**
 * Today's ISO date in a time zone. Known zones (Vietnam and its UTC+7 neighbours,
 * UTC) use a fixed offset; others ask Intl when the runtime has it, else UTC+7.
 */
export function todayIn(timeZone: string, now: Date): string {
  return fromUtc(now.getTime() + offsetMinutes(timeZone, now) * 60_000);
}

/**
 * Offset of `timeZone` from UTC at instant `at`, in minutes (Vietnam: +420). Fixed zones need
 * no Intl; others ask Intl when the runtime has it, else UTC+7. The one place the engine and
 * both shells turn an instant into wall-clock time.
 */
export function offsetMinutes(timeZone: string, at: Date): number {
  const fixed = FIXED_OFFSETS[timeZone];
  if (fixed !== undefined) return fixed;
  try {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    const p: Record<string, number> = {};
    for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const whole = Math.floor(at.getTime() / 1000) * 1000;
    const offset = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) - whole) / 60000);
    if (Number.isFinite(offset)) return offset;
  } catch {
    // unknown zone or no Intl: fall through
  }
  return 420;
}

/**
 * The local date of an ISO timestamp ("2018-09-15T20:00:00Z" → "2018-09-16" in Vietnam).
 * A bare date or a timestamp without offset is taken as already local.
 */
export function localDateOf(timestamp: string, timeZone: string): string {
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(timestamp)) return timestamp.slice(0, 10);
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? timestamp.slice(0, 10) : todayIn(timeZone, new Date(ms));
}
