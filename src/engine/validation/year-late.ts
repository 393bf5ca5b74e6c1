/**
 * Submission dates a year after their month: the trace of last year's workbook copied and filled
 * in with this year's figures and dates, its "Năm" left as it was. A month is reported in its own
 * month or the next few; a date twelve to fourteen months after it belongs to the next year's month.
 */

/** Months from month `m` of `year` to the date `iso` ("2018-09-17"); null when not a date. */
function lag(iso: string, year: number, m: number): number | null {
  const y = Number(iso.slice(0, 4));
  const mo = Number(iso.slice(5, 7));
  if (!Number.isInteger(y) || !Number.isInteger(mo) || mo < 1 || mo > 12) return null;
  return (y - year) * 12 + (mo - m);
}

export interface YearLate {
  /** Months with a submission date. */
  dated: number;
  /** Months (1–12) whose date falls in the next year's window of that month. */
  late: number[];
  /** The other dated months (1–12). */
  others: number[];
}

/** The dated months of a report of `year`, and those dated a year late (`submitted[m - 1]`: ISO or null). */
export function yearLateMonths(submitted: readonly (string | null | undefined)[], year: number): YearLate {
  let dated = 0;
  const late: number[] = [];
  const others: number[] = [];
  for (let m = 1; m <= 12; m++) {
    const d = submitted[m - 1];
    if (!d) continue;
    const months = lag(d, year, m);
    if (months === null) continue;
    dated++;
    if (months >= 12 && months <= 14) late.push(m);
    else others.push(m);
  }
  return { dated, late, others };
}

/** Most dated months (more than half, at least one) are dated a year late. */
export function datedYearLate(submitted: readonly (string | null | undefined)[], year: number): YearLate | null {
  const got = yearLateMonths(submitted, year);
  return got.late.length > 0 && got.late.length * 2 > got.dated ? got : null;
}
