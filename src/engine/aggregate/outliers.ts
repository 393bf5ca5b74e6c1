/**
 * Outliers (DHIS2-style): a unit's figure of a month of the period far out of line with what the
 * other units report and with what the unit itself reported before: most often an extra 0 typed
 * (4.800 for 480 or 48), which would otherwise become the province's headline unnoticed.
 *
 * Rule, per numeric indicator and month of the period, for a unit's typed figure v:
 *  - v > FLOOR (50): small counts (1 against 0, 40 against 3) never trigger;
 *  - v ≥ RATIO (10) × the median of the other units' non-zero figures of that indicator and month,
 *    when at least MIN_PEERS (5) other units have one: a median over non-zero figures is what a
 *    unit with activity usually reports, not dragged to 0 by the many communes without any;
 *  - and, when the unit has at least MIN_OWN (3) non-zero figures of the indicator before that
 *    month (this year's earlier months, all of last year's), v ≥ RATIO × their median: a commune
 *    that is always large (a town, a ward) is not flagged for being itself; and v ≥ OWN_PEAK (5) ×
 *    the largest of them: a unit with a recurring event (gifts at Tết Trung thu, 174 last September
 *    and 212 in June) is not flagged for holding it again, while an extra 0 on its usual figure
 *    still is. With fewer, the others alone decide (a new row, January without last year's sheet).
 * Stocks get the same rule on the month's typed value: an extra 0 there is as wrong and their own
 * months are steady, so the unit's own test keeps a large unit quiet. Only a warning: the figure
 * stays in every total (never silently changed); the message names where to look.
 *
 * Cost: per indicator and month one pass over the units into preallocated typed arrays, a median
 * by selection (no sort) only when some figure is above the floor, and the own history (at most
 * 23 figures) read for candidates only.
 */
import { FINDING_TEXT } from '../../messages/vi/findings';
import { reportDisplayName } from '../sheet/layout';
import type { Finding, Indicator, UnitYear } from '../types';

export const OUTLIER_RATIO = 10;
export const OUTLIER_FLOOR = 50;
export const OUTLIER_MIN_PEERS = 5;
export const OUTLIER_MIN_OWN = 3;
export const OUTLIER_OWN_PEAK = 5;

export interface OutlierInput {
  /** Numeric indicators; `k` below is the index in this list. */
  indicators: readonly Indicator[];
  /** The period's months (1-based). */
  months: readonly number[];
  /** This year's report per unit (one slot per unit, any fixed order). */
  now: readonly (UnitYear | undefined)[];
  /** Last year's report of the same unit, same slot. */
  before: readonly (UnitYear | undefined)[];
  /** Figure of indicator k in month index i (0-based) of unit j's report this year (0) or last (1); NaN when none. */
  valueAt: (year: 0 | 1, j: number, k: number, i: number) => number;
  /**
   * Optional: this year's figures of the period, as valueAt(0, j, k, months[x] - 1) gives them (NaN
   * none, also for a unit without a report), at [(k * months.length + x) * now.length + j]. Each
   * report's numbers lie together in memory: read once report by report (aggregate does it while
   * summing them), the test reads a column per indicator and month without a look into each report.
   */
  periodFigures?: Float64Array;
  /** Told of each figure flagged (indicator k, month 1-based): the narrative says it beside the total. */
  found?: (k: number, unitCode: string, month: number, value: number) => void;
}

/** Median of sorted[0…n). */
function median(sorted: Float64Array, n: number): number {
  return n % 2 ? sorted[(n - 1) >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Reorders a[0…n) so that a[k] is its k-th smallest, smaller ones before it (Hoare's select: O(n), no sort). */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k];
}

/**
 * The others' median for any figure that can be an outlier: the median of the c figures without
 * their largest. A figure v ≥ RATIO × the median of the others lies above that median's places, so
 * leaving v out leaves the same lower half as leaving the largest out (for any v in the upper half,
 * the others' median is at least v / 2, never a tenth of it).
 */
export function medianOfOthers(a: Float64Array, c: number): number {
  const m = c - 1;
  const hiAt = m >> 1;
  const high = select(a, c, hiAt);
  if (m % 2) return high;
  let low = a[0]; // the largest before hiAt: the (hiAt - 1)-th smallest
  for (let q = 1; q < hiAt; q++) if (a[q] > low) low = a[q];
  return (low + high) / 2;
}

export function outlierFindings(input: OutlierInput): Finding[] {
  const { indicators, months, now, before, valueAt, found, periodFigures } = input;
  const n = now.length;
  const out: Finding[] = [];
  if (n <= OUTLIER_MIN_PEERS) return out;
  const values = new Float64Array(n);
  const peers = new Float64Array(n);
  const own = new Float64Array(24);
  for (let k = 0; k < indicators.length; k++) {
    for (let x = 0; x < months.length; x++) {
      const i = months[x] - 1;
      let count = 0;
      let max = 0;
      const column = (k * months.length + x) * n; // in periodFigures
      for (let j = 0; j < n; j++) {
        const v = periodFigures ? periodFigures[column + j] : now[j] ? valueAt(0, j, k, i) : Number.NaN;
        values[j] = v;
        if (v > 0) {
          peers[count++] = v;
          if (v > max) max = v;
        }
      }
      // The candidate itself is one of the non-zero figures: MIN_PEERS others besides it.
      if (max <= OUTLIER_FLOOR || count <= OUTLIER_MIN_PEERS) continue;
      const typical = medianOfOthers(peers, count);
      if (max < OUTLIER_RATIO * typical) continue;
      for (let j = 0; j < n; j++) {
        const v = values[j];
        if (!(v > OUTLIER_FLOOR) || v < OUTLIER_RATIO * typical) continue;
        const r = now[j] as UnitYear;
        // The unit's own non-zero figures before this month: this year's, then last year's.
        let h = 0;
        for (let q = 0; q < i; q++) {
          const w = valueAt(0, j, k, q);
          if (w > 0) own[h++] = w;
        }
        if (before[j])
          for (let q = 0; q < 12; q++) {
            const w = valueAt(1, j, k, q);
            if (w > 0) own[h++] = w;
          }
        let ownTypical: number | null = null;
        let ownPeak = 0;
        if (h >= OUTLIER_MIN_OWN) {
          const history = own.subarray(0, h).sort();
          ownTypical = median(history, h);
          ownPeak = history[h - 1];
          if (v < OUTLIER_RATIO * ownTypical || v < OUTLIER_OWN_PEAK * ownPeak) continue;
        }
        const ind = indicators[k];
        const cell = r.cells[ind.code]?.[i] || undefined;
        const month = i + 1;
        found?.(k, r.unitCode, month, v);
        out.push({
          severity: 'warning',
          code: 'outlier',
          unitCode: r.unitCode,
          unitName: r.unitName,
          file: r.file,
          sheet: r.sheet,
          ...(cell ? { cell } : {}),
          indicatorCode: ind.code,
          indicatorLabel: ind.label,
          month,
          message: FINDING_TEXT.outlier(
            { unit: reportDisplayName(r), cell, indicator: ind.label, month },
            v,
            ind.unit,
            typical,
            ownTypical === null ? null : { typical: ownTypical, peak: ownPeak },
            r.unitKind?.trim().toLowerCase() || FINDING_TEXT.unitWord,
          ),
        });
      }
    }
  }
  return out;
}
