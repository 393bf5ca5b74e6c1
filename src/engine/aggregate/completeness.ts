/**
 * Who reported, on time or late (DHIS2 "reporting rate" and "reporting rate on time").
 *
 * Per expected unit, each month of the period is
 *   - submitted on time: a submission date on or before that month's own deadline (communes
 *     submit month by month: in a quarter's report, July sent in September is late, as it
 *     was in July's report);
 *   - submitted late: a date after the deadline, OR no date but data in that month once
 *     its deadline has passed (a value, a note or an invalid entry — the commune did fill
 *     the sheet, it just did not write the date, so it cannot count as on time: as DHIS2
 *     counts timeliness only with a completion date). Such months are `undatedMonths`: the
 *     reports word them "chưa rõ ngày nộp", never "nộp muộn" (the date is unknown, not late);
 *   - missing: neither a date nor any data, or data without a date while the deadline has
 *     not passed yet (the commune may still be typing: nothing says it is sent).
 * The unit is `missing` when any month is missing, else `late` when any month is late,
 * else `onTime`. `reported` counts units that are not missing.
 *
 * A date before the month's data window began is no submission of it (a slip of the year): the
 * month counts as undated. Given the run's date (`today`), a submission dated later is not one yet: the month is
 * missing as of the run. A merged unit's month before the merger is missing when one of
 * its old units left it empty (`incomplete`, from mapToSuccessors' gaps): its figures lack
 * that commune, so the month is not complete. Such a month is late when an old unit's date is
 * (named in `formerLate`), and undated when an old unit with figures in it gave no date, even
 * beside another's date (`formerUndated`): each old commune submitted for itself.
 */
import { dataWindow, deadline } from '../periods/cutoff';
import { periodMonths } from '../periods/period';
import { compareVi, sortVi } from '../text/collate';
import type {
  Completeness,
  CompletenessRow,
  FormerMonths,
  Period,
  Settings,
  SubmissionStatus,
  Unit,
  UnitYear,
} from '../types';
import { hasData, reportsByCode, soleReportByCode } from './succession';

export interface CompletenessOptions {
  /** The run's local date (ISO "YYYY-MM-DD"): later submission dates do not count yet. */
  today?: string;
  /** Per current unit's code, months an old unit of it left empty before the merger. */
  incomplete?: ReadonlyMap<string, readonly number[]>;
}

// ---------------------------------------------------------------- unit order

/** Vietnamese alphabetical order of names (compareVi). */
export const compareNamesVi = compareVi;

const compareCodes = (a: Pick<Unit, 'code'>, b: Pick<Unit, 'code'>) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Units in Vietnamese alphabetical order of names, then by code. */
export function compareUnits(a: Pick<Unit, 'name' | 'code'>, b: Pick<Unit, 'name' | 'code'>): number {
  return compareVi(a.name, b.name) || compareCodes(a, b);
}

/** A copy of `units` sorted by compareUnits, each name's sort key made once. */
export function sortUnits<T extends Pick<Unit, 'name' | 'code'>>(units: readonly T[]): T[] {
  return sortVi(units, (u) => u.name, compareCodes);
}

// ---------------------------------------------------------------- completeness

/** A unit counted late only because months have figures but no date: its date is unknown, not late. */
export function isUndatedOnly(r: CompletenessRow): boolean {
  return r.status === 'late' && !isDatedLate(r);
}

/** Whether a late unit has a month dated after its deadline (not only undated months). */
export function isDatedLate(r: CompletenessRow): boolean {
  if (r.status !== 'late') return false;
  if (r.lateMonths?.length) return true;
  // One month, or several all on time but undated ones: late by a date only without undatedMonths.
  return !r.undatedMonths?.length;
}

/**
 * `reports` should already be mapped onto `units` (mapToSuccessors) so that, in the
 * year of a merger, months reported by the old communes count for the new one.
 */
export function completeness(
  reports: UnitYear[],
  units: Unit[],
  period: Period,
  settings: Settings,
  options: CompletenessOptions = {},
): Completeness {
  return completenessOfSorted(reports, sortUnits(units), period, settings, options);
}

/** completeness() for units already in sortUnits order (aggregate sorts them once per run). */
export function completenessOfSorted(
  reports: UnitYear[],
  sortedUnits: Unit[],
  period: Period,
  settings: Settings,
  options: CompletenessOptions = {},
): Completeness {
  const due = deadline(period, settings);
  const months = periodMonths(period);
  // Each month against its own deadline (the period's for a one-month period).
  const dueOf =
    months.length === 1 ? [due] : months.map((m) => deadline({ type: 'month', year: period.year, index: m }, settings));
  // A date before the month's data window even began cannot be its submission (a year typed
  // wrong, "16/09/2024" for September 2025): the month is taken as undated.
  const startOf = months.map((m) => dataWindow({ type: 'month', year: period.year, index: m }, settings).start);
  // No date is later than this when the run's date is not given.
  const today = options.today ?? '\uffff';
  const incomplete = options.incomplete;
  // Usually one report per unit (aggregate passes this year's): no list per code. That map may
  // hold a code's report of an earlier year, so the year is checked per unit below.
  let byCode = soleReportByCode(reports, period.year);
  if (!byCode) {
    byCode = new Map<string, UnitYear>();
    for (const [code, list] of reportsByCode(reports, period.year))
      for (let i = 0; i < list.length; i++) if (list[i].year === period.year) byCode.set(code, list[i]);
  }

  // One loop (not a callback per unit): it runs once per summary, over thousands of units.
  const rows: CompletenessRow[] = [];
  let reported = 0;
  let onTime = 0;
  for (let u = 0; u < sortedUnits.length; u++) {
    const unit = sortedUnits[u];
    const found = byCode.get(unit.code);
    const r = found && found.year === period.year ? found : undefined;
    const missingMonths: number[] = [];
    let unsent: number[] | null = null;
    let lateMonths: number[] | null = null;
    let undated: number[] | null = null;
    let late = false;
    let submittedOn: string | null = null;
    // A merged unit's months before the merger: whose (old unit's) lateness a late month is.
    const formers = r?.formerSubmitted;
    let formerLate: FormerMonths[] | null = null;
    let formerUndated: FormerMonths[] | null = null;
    const lacking = incomplete?.get(unit.code);
    for (let i = 0; i < months.length; i++) {
      const m = months[i];
      const typed = r?.submitted[m - 1] ?? null;
      // A date after the run ("17/09/2081", typed ahead or a year mistyped) is no submission
      // either: the month is undated, so its figures count as not sent before the deadline and
      // late after it, as a month with no date (not worse than one).
      const date = typed && (typed < startOf[i] || typed > today) ? null : typed;
      if (lacking?.includes(m)) missingMonths.push(m);
      else if (date) {
        if (date > dueOf[i]) {
          late = true;
          lateMonths ??= [];
          lateMonths.push(m);
          if (formers)
            for (const f of formers) {
              const d = f.dates[m - 1];
              if (d && d > dueOf[i] && d >= startOf[i] && d <= today) formerLate = withMonth(formerLate, f, m);
            }
        } else if (formers && today > dueOf[i]) {
          // On time by another old unit's date, while one with figures that month gave none: the
          // month is not known to be on time (its figures are in the totals), as for a unit alone.
          for (const f of formers) if (f.undated.includes(m)) formerUndated = withMonth(formerUndated, f, m);
          if (formerUndated?.some((f) => f.months.includes(m))) {
            late = true;
            undated ??= [];
            undated.push(m);
          }
        }
        if (!submittedOn || date > submittedOn) submittedOn = date;
      } else if (r && hasData(r, m)) {
        if (today > dueOf[i]) {
          late = true;
          undated ??= [];
          undated.push(m);
          if (formers)
            for (const f of formers) if (f.undated.includes(m)) formerUndated = withMonth(formerUndated, f, m);
        } else {
          // Figures without a date before the deadline: still being typed, not sent yet.
          missingMonths.push(m);
          unsent ??= [];
          unsent.push(m);
        }
      } else missingMonths.push(m);
    }
    const status: SubmissionStatus = missingMonths.length ? 'missing' : late ? 'late' : 'onTime';
    if (status !== 'missing') reported++;
    if (status === 'onTime') onTime++;
    const row: CompletenessRow = { unitCode: unit.code, unitName: unit.name, status, submittedOn, missingMonths };
    if (unsent) row.unsentMonths = unsent;
    if (lateMonths && months.length > 1) row.lateMonths = lateMonths;
    if (undated) row.undatedMonths = undated;
    if (formerLate) row.formerLate = formerLate;
    if (formerUndated) row.formerUndated = formerUndated;
    rows.push(row);
  }

  const expected = rows.length;
  return {
    period,
    deadline: due,
    expected,
    reported,
    onTime,
    reportingRate: expected ? reported / expected : 0,
    onTimeRate: expected ? onTime / expected : 0,
    rows,
  };
}

/** `list` with month `m` added to old unit `f`'s entry (made when it has none). */
function withMonth(list: FormerMonths[] | null, f: { code: string; name: string }, m: number): FormerMonths[] {
  const out = list ?? [];
  const entry = out.find((e) => e.code === f.code);
  if (entry) entry.months.push(m);
  else out.push({ code: f.code, name: f.name, months: [m] });
  return out;
}
