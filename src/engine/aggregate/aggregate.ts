/**
 * Aggregate the units' reports for a period: per indicator the period and
 * year-to-date totals, last year's figures for "so cùng kỳ", per-unit figures, notes,
 * the 12-month aggregate in the commune layout, completeness and the narrative.
 *
 * Rules:
 *  - A unit's period value: flows (overMonths 'sum') add the valid months; stocks
 *    ('last') take the latest month with a value. null when the unit has no value —
 *    never 0 for "nobody reported"; totals over units are null when no unit has a value.
 *    A stock's figure so far with none yet this year is the unit's latest of last year's report
 *    (January: a figure unchanged since December left blank), said so (carriedFromLastYear).
 *  - "So cùng kỳ" of an indicator is null (not compared) when a unit has a figure in one year
 *    and its sheet of the other year has no row for the indicator (one added to the catalogue
 *    since): its figure there is unknown, not 0 — no "tăng 100%" from a base without it.
 *  - "So cùng kỳ" of a flow over a span is null too when no unit has a figure last year before a
 *    month k after the span's first month, some unit has one in every month from k on, and this
 *    year in every month of the span (not all 0 before k): an indicator added mid-year last year,
 *    its row inserted into existing sheets. The spans differ, so no "tăng" from months last year
 *    lacks (last year's total is kept, the change null); `lastYear…From` says k (the narrative and renderings say why). One unit's empty
 *    months are not this (completeness tells of those), nor a rare figure with empty months.
 *  - Reports are mapped onto the current units (mapToSuccessors) for both years, so
 *    mergers keep "so cùng kỳ" and year-to-date meaningful. Reports of units not in
 *    `units` are ignored here (the reader/pipeline warns about them).
 *  - Sums run in unit-code order, month order, and are cleaned to 15 significant digits,
 *    so the result is identical whatever order inputs come in.
 *  - `monthly` holds months 1 … the period's last month; later months are null, so a
 *    report for a past period does not change when later months are filled in.
 *  - Findings made here, beside the input's: an old unit of a merged one that left months
 *    before the merger empty (this year: those months are not complete; last year: "so cùng
 *    kỳ" lacks it), and submission dates after the run's date (not counted as submitted) or
 *    before the month's data window closes (counted; likely copied), and a unit's figure of a month
 *    of the period far above the other units' and its own earlier months (outliers.ts: a warning,
 *    the figure still counted).
 */
import {
  FINDING_TEXT,
  type MergerNames,
  nowWord,
  sheetRef,
  type UndatedAdvice,
  type Where,
} from '../../messages/vi/findings';
import { NARRATIVE_TEXT } from '../../messages/vi/narrative';
import { narrate, unitInSentence } from '../narrative/narrative';
import { dataWindow, deadline, isRealIsoDate, localDateOf } from '../periods/cutoff';
import { periodMonths, previousYear, ytdMonths } from '../periods/period';
import { distinguishFindings, LAYOUT, reportDisplayName } from '../sheet/layout';
import { type FlatLayout, flatBase, flatOf, layoutOf } from '../sheet/sheet-report';
import { formatDateVi } from '../text/format';
import { tidy } from '../text/number';
import type {
  Catalogue,
  Completeness,
  CompletenessRow,
  Finding,
  FormerMonths,
  Indicator,
  IndicatorSummary,
  Period,
  Settings,
  Summary,
  UnevenComparison,
  Unit,
  UnitRemark,
  UnitYear,
} from '../types';
import { compareFindings } from '../validation/check';
import { hasRow } from '../validation/presence';
import { compareNamesVi, completenessOfSorted, sortUnits } from './completeness';
import { oldUnitNames } from './old-unit-names';
import { outlierFindings } from './outliers';
import {
  hasData,
  hasFigure,
  type MappingOptions,
  type MergerDateSlip,
  mapToSuccessors,
  monthsBeforeMerger,
  type PredecessorGap,
  reportsByCode,
  type SeededStock,
  type SuccessionResult,
} from './succession';
import { setCompactByUnit } from './unit-figures';

export interface AggregateInput {
  catalogue: Catalogue;
  /** The units expected to report in this period (current units). */
  units: Unit[];
  settings: Settings;
  period: Period;
  /** Reports of the period's year (other years are ignored). */
  current: UnitYear[];
  /** Reports of the year before (other years are ignored); mapped onto `units` here. */
  previous: UnitYear[];
  findings: Finding[];
  /** ISO timestamp. */
  generatedAt: string;
  /** Codes of units whose sheet or file could not be read. */
  unreadableUnits?: string[];
  /** Optional: old units (before a merger), to name one that sent no report at all. */
  formerUnits?: Unit[];
  /**
   * Optional: what a month with figures but no submission date tells the clerk to do, in the
   * shell's own terms (a menu, a cell of a file). Default: the add-on's (SHEETS_UNDATED_ADVICE).
   */
  undatedAdvice?: UndatedAdvice;
}

/** Where report figures are read from: a reader report's flat numbers, else its values. */
type PlacesIn = (layout: FlatLayout) => Int32Array;

/** Figure `k` (catalogue code `code`) of month index `i` in report `r`; NaN when it has none. */
function figureAt(r: UnitYear, k: number, code: string, placesIn: PlacesIn, i: number): number {
  const layout = layoutOf(r);
  const flat = layout && flatOf(r, layout);
  if (flat) {
    const at = placesIn(layout as FlatLayout)[k];
    return at < 0 ? Number.NaN : flat[flatBase(r) + at + i];
  }
  return r.values[code]?.[i] ?? Number.NaN;
}

/**
 * One year's reports in unit-code order (j), each one's flat numbers looked up once: flatOf may
 * compare edited values, which per figure would cost more than the figure. `flats[j]` null: read
 * the report's `values` (hand-built, combined from old units' reports, or edited).
 */
interface YearFigures {
  reports: (UnitYear | undefined)[];
  flats: (Float64Array | null)[];
  /** Per report, indicator k's place in its flat numbers from `bases[j]` (-1: no row). */
  places: Int32Array[];
  bases: Int32Array;
}

function figuresByCode(reports: (UnitYear | undefined)[], placesIn: PlacesIn): YearFigures {
  const flats: (Float64Array | null)[] = [];
  const places: Int32Array[] = [];
  const bases = new Int32Array(reports.length);
  const none = new Int32Array(0);
  for (let j = 0; j < reports.length; j++) {
    const r = reports[j];
    const layout = layoutOf(r);
    const flat = layout && r ? flatOf(r, layout) : null;
    flats.push(flat);
    places.push(flat ? placesIn(layout as FlatLayout) : none);
    if (flat) bases[j] = flatBase(r as UnitYear);
  }
  return { reports, flats, places, bases };
}

/** Figure `k` (catalogue code `code`) of month index `i` of report j; NaN when it has none (or no report). */
function figureIn(y: YearFigures, j: number, k: number, code: string, i: number): number {
  const flat = y.flats[j];
  if (flat) {
    const at = y.places[j][k];
    return at < 0 ? Number.NaN : flat[y.bases[j] + at + i];
  }
  return y.reports[j]?.values[code]?.[i] ?? Number.NaN;
}

/**
 * Units (in unit order) with a figure of stock `k` so far (`toDate`, by code rank) but none for
 * `month`: what they hold "so far" is an earlier month's, this year's latest before `month` (0 when
 * none: last year's, carryLastYear).
 */
function carriedStock(
  k: number,
  code: string,
  toDate: Float64Array,
  unitRank: Int32Array,
  unitCodes: string[],
  now: YearFigures,
  month: number,
): { unitCode: string; month: number }[] {
  const out: { unitCode: string; month: number }[] = [];
  for (let i = 0; i < unitCodes.length; i++) {
    const j = unitRank[i];
    if (Number.isNaN(toDate[j]) || !now.reports[j]) continue;
    if (!Number.isNaN(figureIn(now, j, k, code, month - 1))) continue;
    let m = month - 1;
    while (m > 0 && Number.isNaN(figureIn(now, j, k, code, m - 1))) m--;
    out.push({ unitCode: unitCodes[i], month: m });
  }
  return out;
}

/**
 * Stock `k`: units (code rank) with no figure of it this year so far (`toDate` NaN) whose report of
 * last year (mapped onto the current units) has one: their latest figure of last year, written into
 * `toDate` (a stock unchanged since December is often left blank in January; without it the unit
 * would count 0 "so far"). Not when this year's sheet has no row of it (rowMissing says that).
 * Returns per code rank the figure carried (NaN none) and per unit (unit order) its month, or null.
 */
function carryLastYear(
  k: number,
  code: string,
  toDate: Float64Array,
  unitRank: Int32Array,
  unitCodes: string[],
  nowByCode: (UnitYear | undefined)[],
  before: YearFigures,
): { values: Float64Array; units: { unitCode: string; month: number }[] } | null {
  let values: Float64Array | null = null;
  const units: { unitCode: string; month: number }[] = [];
  for (let i = 0; i < unitCodes.length; i++) {
    const j = unitRank[i];
    if (!before.reports[j] || !Number.isNaN(toDate[j])) continue;
    const now = nowByCode[j];
    if (now && !hasRow(now, code)) continue;
    for (let m = 11; m >= 0; m--) {
      const v = figureIn(before, j, k, code, m);
      if (Number.isNaN(v)) continue;
      values ??= new Float64Array(toDate.length).fill(Number.NaN);
      values[j] = v;
      toDate[j] = v;
      units.push({ unitCode: unitCodes[i], month: m + 1 });
      break;
    }
  }
  return values && { values, units };
}

/**
 * MappingOptions.lastYearStock over last year's reports as read (`year`'s): an old unit's latest
 * figure of a stock in its report, and its month.
 */
function lastYearStockOf(
  reports: UnitYear[],
  year: number,
): (code: string, stock: string) => { value: number; month: number } | undefined {
  let byCode: Map<string, UnitYear[]> | null = null;
  return (code, stock) => {
    byCode ??= reportsByCode(reports, year);
    const series = byCode.get(code)?.find((r) => r.year === year)?.values[stock];
    if (!series) return undefined;
    for (let m = Math.min(series.length, 12); m > 0; m--) {
      const v = series[m - 1];
      if (v !== null && v !== undefined && Number.isFinite(v)) return { value: v, month: m };
    }
    return undefined;
  };
}

/**
 * Stock `k`: old units' figures of last year (mapToSuccessors' `seeded`) that the merged units'
 * figures so far count, i.e. their latest month up to `lastMonth` (the one "so far" is) is one
 * counting it. In unit order (as `seeded`), named by `names`.
 */
function carriedOldUnits(
  k: number,
  code: string,
  seeded: readonly SeededStock[],
  codeRank: ReadonlyMap<string, number>,
  nowByCode: (UnitYear | undefined)[],
  placesIn: PlacesIn,
  lastMonth: number,
  names: (g: PredecessorGap) => MergerNames,
): NonNullable<IndicatorSummary['carriedOldUnits']> {
  const out: NonNullable<IndicatorSummary['carriedOldUnits']> = [];
  for (const s of seeded) {
    if (s.stock !== code) continue;
    const j = codeRank.get(s.unit.code);
    const r = j === undefined ? undefined : nowByCode[j];
    if (!r) continue;
    let m = lastMonth;
    while (m > 0 && Number.isNaN(figureAt(r, k, code, placesIn, m - 1))) m--;
    if (!m || !(s.months & (1 << (m - 1)))) continue;
    const n = names({ unit: s.unit, code: s.code, year: r.year, report: s.report, months: [] });
    const kind = (s.report.unitKind ?? s.unit.kind ?? '').trim().toLocaleLowerCase('vi');
    out.push({
      unitCode: s.unit.code,
      oldCode: s.code,
      name: kind ? `${kind} ${n.oldShort}` : n.oldShort,
      now: `${nowWord(n.renamed)} ${n.unit}`,
      month: s.month,
    });
  }
  return out;
}

/** A merged unit (not keeping an old unit's code): its own report of the year, its old units' names. */
interface MergedUnit {
  own: UnitYear | undefined;
  formers: string[];
}

/**
 * Per merged unit (unit order) its own report among `raw` (the year's, as read) and its old units'
 * names: as their reports name them, else as `formerUnits` does, else by code.
 */
function formerNamesOf(units: readonly Unit[], raw: readonly UnitYear[], formerUnits: readonly Unit[] = []) {
  const out = new Map<string, MergedUnit>();
  const current = new Set(units.map((u) => u.code));
  // Looked up by code once (the first report of a code, as a search would find it): a national list
  // after the reform is thousands of merged units, each with several old ones.
  const reportOf = new Map<string, UnitYear>();
  for (const r of raw) if (!reportOf.has(r.unitCode)) reportOf.set(r.unitCode, r);
  const formerName = new Map<string, string>();
  for (const f of formerUnits) if (!formerName.has(f.code)) formerName.set(f.code, f.name);
  for (const u of units) {
    const olds = u.succession?.predecessors ?? [];
    if (!olds.length || olds.includes(u.code)) continue;
    const formers = olds
      .filter((code) => !current.has(code))
      .map((code) => reportOf.get(code)?.unitName?.trim() || formerName.get(code) || code);
    out.set(u.code, { own: reportOf.get(u.code), formers });
  }
  return out;
}

/**
 * Merged units (unit order) with a figure of stock `k` so far (`toDate`, by code rank) but none of
 * their own up to `lastMonth`: what they hold "so far" is their old units' figure, of the month
 * given (the latest with one).
 */
function carriedFromFormer(
  k: number,
  code: string,
  toDate: Float64Array,
  codeRank: ReadonlyMap<string, number>,
  merged: ReadonlyMap<string, MergedUnit>,
  nowByCode: (UnitYear | undefined)[],
  placesIn: PlacesIn,
  lastMonth: number,
): { unitCode: string; month: number; formers: string[] }[] {
  const out: { unitCode: string; month: number; formers: string[] }[] = [];
  for (const [unitCode, m] of merged) {
    const j = codeRank.get(unitCode);
    const r = j === undefined ? undefined : nowByCode[j];
    if (j === undefined || !r || Number.isNaN(toDate[j])) continue;
    const own = m.own;
    let mine = false;
    if (own) for (let i = 0; i < lastMonth && !mine; i++) mine = !Number.isNaN(figureAt(own, k, code, placesIn, i));
    if (mine) continue;
    let month = 0;
    for (let i = lastMonth - 1; i >= 0 && !month; i--)
      if (!Number.isNaN(figureAt(r, k, code, placesIn, i))) month = i + 1;
    if (month) out.push({ unitCode, month, formers: m.formers });
  }
  return out;
}

/**
 * Stock `k` month by month over the reports (in code order): each month the sum of every unit's
 * latest figure up to it, null where no unit has one yet; months after `lastMonth` null.
 */
function stockSoFar(
  y: YearFigures,
  k: number,
  code: string,
  lastMonth: number,
  fromLastYear?: Float64Array,
): (number | null)[] {
  const acc = new Float64Array(12);
  const seen = new Uint8Array(12);
  const months = new Float64Array(12);
  const { reports, flats, places, bases } = y;
  for (let j = 0; j < reports.length; j++) {
    const r = reports[j];
    // A figure carried from last year (carryLastYear) holds until the unit's first of this year.
    let last = fromLastYear ? fromLastYear[j] : Number.NaN;
    if (!r && Number.isNaN(last)) continue;
    // The unit's months (NaN none), read straight from its flat numbers when it has them.
    const flat = flats[j];
    const at = flat ? places[j][k] : -1;
    if (flat && at >= 0) for (let i = 0, x = bases[j] + at; i < lastMonth; i++) months[i] = flat[x + i];
    else if (flat || !r) months.fill(Number.NaN);
    else for (let i = 0; i < lastMonth; i++) months[i] = r.values[code]?.[i] ?? Number.NaN;
    for (let i = 0; i < lastMonth; i++) {
      const v = months[i];
      if (!Number.isNaN(v)) last = v;
      if (Number.isNaN(last)) continue;
      acc[i] += tidyOne(last); // each unit's figure tidied, as the flows' sums
      seen[i] = 1;
    }
  }
  return Array.from({ length: 12 }, (_, i) => (seen[i] ? tidy(acc[i]) : null));
}

/** One unit's value over `months` (1-based), or null when it has none. */
export function unitValue(r: UnitYear | undefined, ind: Indicator, months: number[]): number | null {
  const series = r?.values[ind.code];
  return series ? seriesValue(series, ind.overMonths === 'last', months) : null;
}

/** A plain series as flat numbers (NaN = null) in `into`, for bothSpansFlat. */
function toFlat(series: (number | null)[], into: Float64Array): Float64Array {
  for (let i = 0; i < 12; i++) {
    const v = series[i];
    into[i] = v === null || v === undefined ? Number.NaN : v;
  }
  return into;
}

/**
 * seriesValue over months first…lastMonth (into inPeriod[j]) and 1…lastMonth (into toDate[j])
 * in one pass over a report's flat numbers from `at`; the same additions in the same order as
 * two calls. NaN stands for null: unit values never are NaN, and plain doubles need no boxing.
 */
function bothSpansFlat(
  flat: Float64Array,
  at: number,
  last: boolean,
  first: number,
  lastMonth: number,
  inPeriod: Float64Array,
  toDate: Float64Array,
  j: number,
): void {
  if (last) {
    for (let i = lastMonth - 1; i >= 0; i--) {
      const v = flat[at + i];
      if (Number.isNaN(v)) continue;
      toDate[j] = v;
      inPeriod[j] = i >= first - 1 ? v : Number.NaN;
      return;
    }
    toDate[j] = Number.NaN;
    inPeriod[j] = Number.NaN;
    return;
  }
  let all = 0;
  let part = 0;
  let anyAll = false;
  let anyPart = false;
  for (let i = 0; i < lastMonth; i++) {
    const v = flat[at + i];
    if (Number.isNaN(v)) continue;
    all = anyAll ? all + v : v;
    anyAll = true;
    if (i >= first - 1) {
      part = anyPart ? part + v : v;
      anyPart = true;
    }
  }
  toDate[j] = anyAll ? tidy(all) : Number.NaN;
  inPeriod[j] = anyPart ? tidy(part) : Number.NaN;
}

/**
 * One report's bothSpansFlat for every indicator k (into inPeriod[k][j], toDate[k][j]) and, when
 * `sums` is given, addMonths too, in one read of each series: the same additions per sum.
 * Flows are added from 0 rather than from their first value: the two differ only in the sign of a
 * zero sum, which tidy() makes +0 (so a flow unit value is never -0, as before).
 */
function reportSpans(
  flat: Float64Array,
  base: number,
  places: Int32Array,
  lastOf: Uint8Array,
  first: number,
  lastMonth: number,
  sums: Float64Array | null,
  inPeriod: Float64Array[],
  toDate: Float64Array[],
  j: number,
  seen: Int32Array | null,
): void {
  // Months before the period count for the year to date only; months first…lastMonth for both.
  const before = Math.min(first - 1, lastMonth);
  for (let k = 0; k < places.length; k++) {
    if (places[k] < 0) continue;
    const at = base + places[k];
    if (lastOf[k] === 1) {
      if (sums) addSeries(flat, at, lastMonth, sums, k * 12);
      bothSpansFlat(flat, at, true, first, lastMonth, inPeriod[k], toDate[k], j);
      continue;
    }
    // Most series have every month: summed without looking for gaps, and a sum that is a number
    // shows there were none (an empty month, NaN, makes it NaN), so these are the same additions.
    let all = 0;
    for (let x = at, end = at + lastMonth; x < end; x++) all += flat[x];
    if (!Number.isNaN(all)) {
      let part = 0;
      for (let x = at + before, end = at + lastMonth; x < end; x++) part += flat[x];
      if (sums) {
        const to = k * 12 - at;
        for (let x = at, end = at + lastMonth; x < end; x++) sums[to + x] += tidyOne(flat[x]);
      }
      toDate[k][j] = lastMonth > 0 ? tidyOne(all) : Number.NaN;
      inPeriod[k][j] = lastMonth > before ? tidyOne(part) : Number.NaN;
      if (seen) seen[k] |= (1 << lastMonth) - 1;
      continue;
    }
    // Some month is empty (or the sum is NaN without one: +∞ and -∞): month by month.
    all = 0;
    let part = 0;
    let early = 0; // values before the period
    let inside = 0; // values in it
    let mask = 0; // months with a value, bit i for month i + 1
    if (sums) {
      const to = k * 12 - at; // sums[to + x] is month x - at of indicator k
      for (let x = at, end = at + before; x < end; x++) {
        const v = flat[x];
        if (Number.isNaN(v)) continue;
        mask |= 1 << (x - at);
        sums[to + x] += tidyOne(v);
        all += v;
        early++;
      }
      for (let x = at + before, end = at + lastMonth; x < end; x++) {
        const v = flat[x];
        if (Number.isNaN(v)) continue;
        mask |= 1 << (x - at);
        sums[to + x] += tidyOne(v);
        all += v;
        part += v;
        inside++;
      }
    } else {
      for (let x = at, end = at + before; x < end; x++) {
        const v = flat[x];
        if (Number.isNaN(v)) continue;
        mask |= 1 << (x - at);
        all += v;
        early++;
      }
      for (let x = at + before, end = at + lastMonth; x < end; x++) {
        const v = flat[x];
        if (Number.isNaN(v)) continue;
        mask |= 1 << (x - at);
        all += v;
        part += v;
        inside++;
      }
    }
    toDate[k][j] = early + inside > 0 ? tidyOne(all) : Number.NaN;
    inPeriod[k][j] = inside > 0 ? tidyOne(part) : Number.NaN;
    if (seen) seen[k] |= mask;
  }
}

/**
 * tidy(n), with whole numbers of 32 bits (most counts and their sums) answered here: tidy gives
 * them back + 0 (its first case), and `| 0` tells them apart more cheaply than Math.floor.
 */
export function tidyOne(n: number): number {
  return (n | 0) === n ? n + 0 : tidy(n);
}

/** Per numeric indicator k the unit values (NaN = none) over units in code order, j. */
interface Spans {
  inPeriod: Float64Array[];
  toDate: Float64Array[];
}

/** addMonths for one series, into sums from `to`. */
function addSeries(flat: Float64Array, at: number, lastMonth: number, sums: Float64Array, to: number) {
  for (let i = 0; i < lastMonth; i++) {
    const v = flat[at + i];
    if (Number.isNaN(v)) continue;
    sums[to + i] += tidyOne(v);
  }
}

function seriesValue(series: (number | null)[], last: boolean, months: number[]): number | null {
  if (last) {
    for (let i = months.length - 1; i >= 0; i--) {
      const v = series[months[i] - 1];
      if (v !== null && v !== undefined) return v;
    }
    return null;
  }
  let acc = 0;
  let any = false;
  for (let i = 0; i < months.length; i++) {
    const v = series[months[i] - 1];
    if (v === null || v === undefined) continue;
    acc = any ? acc + v : v;
    any = true;
  }
  return any ? tidy(acc) : null;
}

function change(now: number | null, before: number | null): [number | null, number | null] {
  if (now === null || before === null) return [null, null];
  const diff = tidy(now - before);
  return [diff, before === 0 ? null : tidy(diff / before)];
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function compareText(a = '', b = ''): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Findings by severity, then unit name (Vietnamese order), then the reader's total order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      compareNamesVi(a.unitName ?? '', b.unitName ?? '') ||
      compareFindings(a, b),
  );
}

/** The reports of one year. */
function ofYear(reports: UnitYear[], year: number): UnitYear[] {
  const out: UnitYear[] = [];
  for (let i = 0; i < reports.length; i++) if (i in reports && reports[i].year === year) out.push(reports[i]);
  return out;
}

/**
 * Each report into `out` at its code's rank (codes of no unit left out); the last of a code wins, as
 * in a Map built from pairs. A code that two units share (bad input) has the report at both places.
 */
function byCodeRank(
  reports: UnitYear[],
  codes: readonly string[],
  codeRank: ReadonlyMap<string, number>,
  out: (UnitYear | undefined)[],
): void {
  for (let i = 0; i < reports.length; i++) {
    const j = codeRank.get(reports[i].unitCode);
    if (j !== undefined) out[j] = reports[i];
  }
  if (codeRank.size === codes.length) return;
  // A shared code ranks at its last place: every place of it takes the report there.
  for (let j = 0; j < codes.length; j++) out[j] = out[codeRank.get(codes[j]) as number];
}

/** Unit values (NaN = null) summed in unit-code order; null when no unit has one. */
function sumOf(values: Float64Array): number | null {
  let acc = 0;
  let any = false;
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    if (Number.isNaN(v)) continue;
    acc = any ? acc + v : v;
    any = true;
  }
  return any ? tidy(acc) : null;
}

/**
 * Whether this year's and last year's totals of indicator `code` cover the same units: false when
 * a unit has a value (not NaN) in one year and its report of the other year has no row for the
 * indicator (presence.ts): an indicator added to the catalogue after that sheet was made, whose
 * figure there is unknown rather than 0. A unit without a report in a year is not looked at here
 * (completeness and `lastYearOnly` tell of those). Reports are in unit-code order, as the values.
 */
function comparable(
  code: string,
  now: Float64Array,
  before: Float64Array,
  nowReports: (UnitYear | undefined)[],
  beforeReports: (UnitYear | undefined)[],
): boolean {
  for (let j = 0; j < now.length; j++) {
    const hasNow = !Number.isNaN(now[j]);
    if (hasNow === !Number.isNaN(before[j])) continue;
    const other = hasNow ? beforeReports[j] : nowReports[j];
    // A row there with figures is a row: its cell names are made only for an empty year.
    if (other && emptyYear(other, code) && !hasRow(other, code)) return false;
  }
  return true;
}

/** No value in any month of the report for `code`. */
function emptyYear(r: UnitYear, code: string): boolean {
  const layout = layoutOf(r);
  const flat = layout && flatOf(r, layout);
  const k = layout?.position.get(code);
  if (flat && k !== undefined) {
    const at = flatBase(r) + k * 12;
    for (let i = 0; i < 12; i++) if (!Number.isNaN(flat[at + i])) return false;
    return true;
  }
  const series = r.values[code];
  return !series || series.every((v) => v === null || v === undefined);
}

/** Values that are not NaN (a typed array's reduce would box each one). */
function countOf(values: Float64Array): number {
  let n = 0;
  for (let j = 0; j < values.length; j++) if (!Number.isNaN(values[j])) n++;
  return n;
}

/** A sorted copy of unit codes (compareText order). Texts sort natively, without a comparator. */
export function codeOrder(codes: readonly string[]): string[] {
  for (let i = 0; i < codes.length; i++)
    if (typeof codes[i] !== 'string') return [...codes].sort((a, b) => compareText(a, b));
  // Unit lists usually come in code order already: checked in one pass, no sort.
  let sorted = true;
  for (let i = 1; i < codes.length && sorted; i++) sorted = codes[i - 1] <= codes[i];
  // The default order of texts is compareText's (UTF-16 code units), and both sorts are stable.
  return sorted ? [...codes] : [...codes].sort();
}

/** Unit codes, unique, in unit order; codes of no unit last, alphabetically. */
function sortCodes(codes: string[], units: Unit[]): string[] {
  if (!codes.length) return [];
  // Only the codes asked for are ranked (a unit's last place wins, as a Map of all units gave).
  const wanted = new Set(codes);
  const rank = new Map<string, number>();
  units.forEach((u, i) => {
    if (wanted.has(u.code)) rank.set(u.code, i);
  });
  const at = (c: string) => rank.get(c) ?? units.length;
  return [...new Set(codes)].sort((a, b) => at(a) - at(b) || compareText(a, b));
}

/**
 * Submission dates of the period's months that cannot be right: after the run's date (the
 * month is not submitted yet as of the run; completeness does not count it) or before the
 * month's data window closes (likely copied from the month before; still counted). One look
 * per report and month of the period, at dates only.
 */
function submissionDateFindings(
  reports: UnitYear[],
  period: Period,
  settings: Settings,
  today: string | undefined,
  advice?: UndatedAdvice,
  unreadDates?: ReadonlySet<string>,
): Finding[] {
  const out: Finding[] = [];
  const months = periodMonths(period);
  const windows = months.map((m) => dataWindow({ type: 'month', year: period.year, index: m }, settings));
  const ends = windows.map((w) => w.end);
  const dues = months.map((m) => deadline({ type: 'month', year: period.year, index: m }, settings));
  for (let k = 0; k < reports.length; k++) {
    const r = reports[k];
    for (let i = 0; i < months.length; i++) {
      const date = r.submitted[months[i] - 1];
      if (!date) {
        // Figures without a date count as not on time once the deadline has passed ("chưa rõ ngày
        // nộp"), before it as not sent yet (completeness): say which, and where the date goes.
        if (!hasData(r, months[i])) continue;
        // The cell holds text that is no date (told by the read): not "no date", an unreadable one.
        const unread = unreadDates?.has(dateCellKey(r.file, r.sheet, r.submittedCells[months[i] - 1])) ?? false;
        out.push(
          today !== undefined && today <= dues[i]
            ? // Information: a commune still typing before its deadline is the normal state.
              dateFinding(
                r,
                months[i],
                'undated-month-open',
                (w) => FINDING_TEXT.undatedMonthOpen(w, formatDateVi(dues[i]), advice, unread),
                'info',
              )
            : dateFinding(r, months[i], 'undated-month', (w) => FINDING_TEXT.undatedMonth(w, advice, unread)),
        );
        continue;
      }
      if (date < windows[i].start) {
        // Before the month's data began: no submission of it (completeness takes it as undated).
        const shown = formatDateVi(date);
        out.push(
          dateFinding(r, months[i], 'submitted-before-period-start', (w) =>
            FINDING_TEXT.submittedBeforePeriodStart(w, shown, formatDateVi(windows[i].start)),
          ),
        );
        continue;
      }
      const late = today !== undefined && date > today;
      if (!late && !hasData(r, months[i]))
        out.push(
          dateFinding(r, months[i], 'dated-empty-month', (w) => FINDING_TEXT.datedEmptyMonth(w, formatDateVi(date))),
        );
      if (!late && date >= ends[i]) continue;
      const shown = formatDateVi(date);
      out.push(
        late
          ? dateFinding(r, months[i], 'submitted-after-run', (w) =>
              FINDING_TEXT.submittedAfterRun(w, shown, formatDateVi(today as string)),
            )
          : dateFinding(r, months[i], 'submitted-before-period-end', (w) =>
              FINDING_TEXT.submittedBeforePeriodEnd(w, shown, formatDateVi(ends[i])),
            ),
      );
    }
  }
  return out;
}

/** A date from `w.start` (included) to `w.end` (excluded). */
const withinWindow = (date: string | null | undefined, w: { start: string; end: string }) =>
  typeof date === 'string' && date >= w.start && date < w.end;

/** A submission-date cell's key in unreadDatesOf's set. */
const dateCellKey = (file: string | undefined, sheet: string | undefined, cell: string | undefined) =>
  `${file ?? ''}\u0000${sheet ?? ''}\u0000${cell ?? ''}`;

/** The submission-date cells whose text the read could not take as a date (its errors on them). */
function unreadDatesOf(findings: readonly Finding[]): Set<string> | undefined {
  const out = new Set<string>();
  for (const f of findings)
    if (f.severity === 'error' && f.indicatorCode === LAYOUT.submittedCode && f.cell)
      out.add(dateCellKey(f.file, f.sheet, f.cell));
  return out.size ? out : undefined;
}

/**
 * For a check without a period (`tonghop check`): each report's submission dates that cannot be
 * right whatever the period, a date after `today` or before its month closes. Months with figures
 * but no date are not told here: a commune checks its sheet before it submits.
 */
export function submissionDateSlips(reports: UnitYear[], settings: Settings, today: string | undefined): Finding[] {
  const out: Finding[] = [];
  const ends = monthEndsByYear(settings);
  for (const r of reports) {
    const found = submissionDateFindings([r], { type: 'year', year: r.year, index: 1 }, settings, today);
    // Months futureMonthFindings takes as the month before typed a column too far: their early
    // date is that month's too, not one copied from it (the two findings must agree).
    const slipped = today === undefined ? null : slippedMonths(r, ends, today);
    for (const f of found) {
      if (f.code === 'undated-month' || f.code === 'undated-month-open') continue;
      if (f.code === 'submitted-before-period-end' && f.month !== undefined && slipped?.has(f.month)) {
        const m = f.month;
        const date = formatDateVi(r.submitted[m - 1] as string);
        const unit = reportDisplayName(r);
        const where = { unit, cell: f.cell, month: m };
        out.push({
          ...f,
          code: 'submitted-with-future-figures',
          message: FINDING_TEXT.submittedWithFutureFigures(where, date),
        });
      } else out.push(f);
    }
  }
  return out;
}

/**
 * The months of a report futureMonthFindings warns of at `today` (isColumnSlip). `ends`: the
 * month ends of the reports' years, shared across reports.
 */
function slippedMonths(r: UnitYear, ends: (year: number) => string[], today: string): Set<number> | null {
  let out: Set<number> | null = null;
  const yearEnds = ends(r.year);
  for (let m = 2; m <= 12; m++) {
    if (!isColumnSlip(r, m, yearEnds[m - 1], today)) continue;
    out ??= new Set();
    out.add(m);
  }
  return out;
}

/**
 * The one statement of the column-slip rule: month `m` of `r` holds figures at `today` before
 * its data window closes (`end`) while the month before has none, likely typed one column to
 * the right (a column inserted or deleted in the commune's copy). The month before with figures:
 * this one is being typed early (activities recorded as they happen). January has no month
 * before it in the sheet. The cheap date test first: most months have closed.
 */
function isColumnSlip(r: UnitYear, m: number, end: string, today: string): boolean {
  return today < end && m > 1 && hasFigure(r, m) && !hasFigure(r, m - 1);
}

/** Each year's month ends (data windows' ends, index month - 1), computed once per year. */
function monthEndsByYear(settings: Settings): (year: number) => string[] {
  const endsOf = new Map<number, string[]>();
  return (year) => {
    let ends = endsOf.get(year);
    if (ends === undefined) {
      ends = [];
      for (let m = 1; m <= 12; m++) ends.push(dataWindow({ type: 'month', year, index: m }, settings).end);
      endsOf.set(year, ends);
    }
    return ends;
  };
}

/** How many cells a futureMonthFigures finding names; the rest are counted. */
const FUTURE_CELLS_NAMED = 5;

/**
 * Figures typed a column too far (isColumnSlip at the run's date `today`): one warning per report
 * and month, naming its cells. `after`: only months after
 * this one (a summary's period: its own open month is being typed, the period's finding says so).
 */
export function futureMonthFindings(
  reports: UnitYear[],
  settings: Settings,
  today: string | undefined,
  after = 0,
): Finding[] {
  const out: Finding[] = [];
  if (today === undefined) return out;
  // Each year's month ends once: a national summary has thousands of reports of one year.
  const endsOf = monthEndsByYear(settings);
  for (let k = 0; k < reports.length; k++) {
    const r = reports[k];
    const ends = endsOf(r.year);
    for (let m = after + 1; m <= 12; m++) {
      const end = ends[m - 1];
      if (!isColumnSlip(r, m, end, today)) continue;
      // Rare: the cells are looked up only now.
      const cells: string[] = [];
      const values = r.values;
      for (const code of Object.keys(values)) {
        const v = values[code][m - 1];
        const cell = r.cells[code]?.[m - 1];
        if (v !== null && v !== undefined && cell) cells.push(cell);
      }
      const unit = reportDisplayName(r);
      const named = cells.slice(0, FUTURE_CELLS_NAMED);
      out.push({
        severity: 'warning',
        code: 'future-month-figures',
        unitCode: r.unitCode,
        unitName: r.unitName,
        ...(r.file ? { file: r.file } : {}),
        sheet: r.sheet,
        ...(named.length ? { cell: named[0] } : {}),
        month: m,
        message: FINDING_TEXT.futureMonthFigures(
          { unit, month: m },
          formatDateVi(end),
          named,
          cells.length - named.length,
        ),
      });
    }
  }
  return out;
}

/** A warning on a report's submission date cell of `month`, with the message `text` gives for it. */
function dateFinding(
  r: UnitYear,
  month: number,
  code: string,
  text: (w: Where) => string,
  severity: Finding['severity'] = 'warning',
): Finding {
  const cell = r.submittedCells[month - 1];
  const unit = reportDisplayName(r);
  return {
    severity,
    code,
    unitCode: r.unitCode,
    unitName: r.unitName,
    ...(r.file ? { file: r.file } : {}),
    sheet: r.sheet,
    ...(cell ? { cell } : {}),
    month,
    message: text({ unit, cell, month }),
  };
}

/**
 * Warnings for old units of merged ones that left months before the merger empty. This year:
 * one that sent no report, or left months of the period empty (those months are then not
 * complete for the merged unit: the figures lack it). Last year: one that sent no report, so
 * "so cùng kỳ" compares with a base without it. Old units are named by `formerUnits`, else
 * by a report of theirs (either year), else by code.
 */
/** The names of an old unit of a merger gap: by `formerUnits`, else by a report of its, else by code. */
function gapNames(
  g: PredecessorGap,
  reports: UnitYear[],
  formerUnits: Unit[] | undefined,
  units: readonly Unit[],
): MergerNames & { name?: string } {
  const former = formerUnits?.find((u) => u.code === g.code);
  const r = g.report ?? reports.find((x) => x.unitCode === g.code);
  const known = former ?? (r ? { name: r.unitName, kind: r.unitKind } : null);
  return {
    ...oldUnitNames(known, g.code, g.unit, units),
    ...(known ? { name: known.name } : {}),
  };
}

function mergerFindings(
  now: PredecessorGap[],
  before: PredecessorGap[],
  period: Period,
  reports: UnitYear[],
  formerUnits: Unit[] | undefined,
  units: readonly Unit[],
): Finding[] {
  const names = (g: PredecessorGap) => gapNames(g, reports, formerUnits, units);
  const finding = (g: PredecessorGap, code: string, message: (m: MergerNames) => string): Finding => {
    const m = names(g);
    return {
      severity: 'warning',
      code,
      unitCode: g.code,
      ...(m.name ? { unitName: m.name } : {}),
      message: message(m),
    };
  };
  const out: Finding[] = [];
  const inPeriod = new Set(periodMonths(period));
  for (const g of now) {
    const months = g.months.filter((m) => inPeriod.has(m));
    // Months only before the period, of a commune that did report: as for any unit, not told.
    if (g.report && !months.length) continue;
    out.push(
      finding(g, 'predecessor-missing', (m) => FINDING_TEXT.predecessorMissing(m, g.year, g.months, !g.report, months)),
    );
  }
  for (const g of before)
    if (!g.report)
      out.push(
        finding(g, 'predecessor-missing-last-year', (m) =>
          FINDING_TEXT.predecessorMissingLastYear(m, g.year, g.months),
        ),
      );
  return out;
}

/**
 * A warning per old unit with figures in months after its merger (mapToSuccessors' `afterMerger`), or in
 * months before it that the merged unit reports too (`overlap`):
 * they are not counted, and the clerk who typed them into the old sheet is told where they belong.
 * Tổng hợp and the CLI's check say it alike. `units`: the list, to name a merged unit another shares the name of.
 */
export function afterMergerFindings(
  gaps: PredecessorGap[],
  overlap: PredecessorGap[],
  units: readonly Unit[],
): Finding[] {
  const finding = (g: PredecessorGap, code: string, text: typeof FINDING_TEXT.predecessorAfterMerger): Finding => ({
    severity: 'warning' as const,
    code,
    unitCode: g.code,
    ...(g.report ? { unitName: g.report.unitName, file: g.report.file, sheet: g.report.sheet } : {}),
    message: text(
      oldUnitNames(g.report ? { name: g.report.unitName, kind: g.report.unitKind } : null, g.code, g.unit, units),
      g.year,
      g.months,
      g.unit.succession?.from,
    ),
  });
  return [
    ...overlap.map((g) => finding(g, 'predecessor-overlap', FINDING_TEXT.predecessorOverlap)),
    ...gaps.map((g) => finding(g, 'predecessor-after-merger', FINDING_TEXT.predecessorAfterMerger)),
  ];
}

/**
 * A warning per merged unit whose merger date its old units' reports contradict (dateSlips): the
 * date with day and month swapped is suggested when it fits the reports.
 */
/** What a merger's mapping left out or questions (mapToSuccessors with `gaps`): Tổng hợp and the CLI's check say it alike. */
export function mergerMappingFindings(
  mapped: Pick<SuccessionResult, 'afterMerger' | 'overlap' | 'dateSlips' | 'renamedGoesOn'>,
  cutoffDay: number,
  units: readonly Unit[],
): Finding[] {
  return [
    ...afterMergerFindings(mapped.afterMerger ?? [], mapped.overlap ?? [], units),
    ...renamedGoesOnFindings(mapped.renamedGoesOn ?? [], units),
    ...mergerDateFindings(mapped.dateSlips ?? [], cutoffDay, units),
  ];
}

/** A renamed unit's old sheet that went on after the renaming, counted as the new unit's: said, with the file and sheet. */
function renamedGoesOnFindings(gaps: PredecessorGap[], units: readonly Unit[]): Finding[] {
  return gaps.map((g) => {
    const r = g.report;
    const place = r ? sheetRef(r.file, r.sheet) : '';
    return {
      severity: 'warning' as const,
      code: 'renamed-goes-on',
      unitCode: g.code,
      ...(r ? { unitName: r.unitName, file: r.file, sheet: r.sheet } : {}),
      message: FINDING_TEXT.renamedGoesOn(
        oldUnitNames(r ? { name: r.unitName, kind: r.unitKind } : null, g.code, g.unit, units),
        g.unit.code,
        g.year,
        g.months,
        place,
        g.ownFrom,
      ),
    };
  });
}

function mergerDateFindings(slips: MergerDateSlip[], cutoffDay: number, units: readonly Unit[]): Finding[] {
  return slips.map((s) => {
    const from = s.unit.succession?.from ?? '';
    const predecessors = s.unit.succession?.predecessors ?? [];
    const only = predecessors.length === 1 ? predecessors[0] : undefined;
    const [y, m, d] = from.split('-');
    const swapped = `${y}-${d}-${m}`;
    const fits =
      Number(d) <= 12 && isRealIsoDate(swapped) && monthsBeforeMerger(swapped, s.year, cutoffDay) === s.lastOld;
    return {
      severity: 'warning' as const,
      code: 'merger-date-slip',
      unitCode: s.unit.code,
      unitName: s.unit.name,
      message: FINDING_TEXT.mergerDateSlip(
        oldUnitNames(null, only ?? '', s.unit, units),
        s.unit.kind?.trim().toLocaleLowerCase('vi') ?? '',
        from,
        s.year,
        s.lastOld,
        fits ? swapped : null,
      ),
    };
  });
}

/**
 * How reports are mapped onto the current units (mapToSuccessors), the same in the summary and in
 * who has submitted (submissionCompleteness): stocks are combined across a merger as over separate
 * units; old units' empty months listed.
 */
function successionMapping(catalogue: Catalogue, settings: Settings, formerUnits: Unit[] | undefined): MappingOptions {
  return {
    stocks: new Set(catalogue.indicators.filter((i) => i.overMonths === 'last').map((i) => i.code)),
    cutoffDay: settings.cutoffDay,
    gaps: true,
    ...(formerUnits?.length ? { formerNames: new Map(formerUnits.map((u) => [u.code, u.name])) } : {}),
  };
}

/** Old units named in completeness' formerLate and formerUndated as its formerGaps name them ("Chung Chải"). */
function nameFormerMonths(
  rows: CompletenessRow[],
  units: readonly Unit[],
  reports: UnitYear[],
  formerUnits: Unit[] | undefined,
): void {
  for (const row of rows) {
    if (!row.formerLate && !row.formerUndated) continue;
    const unit = units.find((u) => u.code === row.unitCode);
    if (!unit) continue;
    const named = (list: FormerMonths[]) =>
      list.map((f) => ({
        ...f,
        name: gapNames({ unit, code: f.code, year: 0, months: [] }, reports, formerUnits, units).oldShort,
      }));
    if (row.formerLate) row.formerLate = named(row.formerLate);
    if (row.formerUndated) row.formerUndated = named(row.formerUndated);
  }
}

/** Per merged unit, the months of `period` an old unit of it left empty (completeness' `incomplete`). */
function periodGaps(gaps: readonly PredecessorGap[], period: Period): Map<string, number[]> {
  const inPeriod = new Set(periodMonths(period));
  const incomplete = new Map<string, number[]>();
  for (const g of gaps) {
    const list = incomplete.get(g.unit.code) ?? [];
    for (const m of g.months) if (inPeriod.has(m) && !list.includes(m)) list.push(m);
    incomplete.set(g.unit.code, list);
  }
  return incomplete;
}

/**
 * Who has submitted `period`, exactly as the summary's completeness says it (aggregateWithoutNarrative):
 * raw reports (as read, old communes under their old codes) mapped onto the current units, a merged
 * unit's month incomplete when an old unit of it left it empty, and a submission date after the
 * run's local date (`generatedAt`) not a submission yet. For reminders, which write no summary.
 */
export function submissionCompleteness(input: {
  catalogue: Catalogue;
  units: Unit[];
  settings: Settings;
  period: Period;
  /** Reports as read (other years than the period's are ignored). */
  reports: UnitYear[];
  /** ISO timestamp of the run. */
  generatedAt: string;
  formerUnits?: Unit[];
}): Completeness {
  const { settings, period } = input;
  const units = sortUnits(input.units);
  const raw = ofYear(input.reports, period.year);
  const mapped = mapToSuccessors(raw, units, period, successionMapping(input.catalogue, settings, input.formerUnits));
  const today = localDateOf(input.generatedAt, settings.timeZone);
  return completenessOfSorted(ofYear(mapped.mapped, period.year), units, period, settings, {
    today: isRealIsoDate(today) ? today : undefined,
    incomplete: periodGaps(mapped.gaps ?? [], period),
  });
}

export function aggregateWithoutNarrative(input: AggregateInput): Omit<Summary, 'narrative'> {
  const { catalogue, settings, period } = input;
  const units = sortUnits(input.units);
  const mapping = successionMapping(catalogue, settings, input.formerUnits);
  const rawCurrent = ofYear(input.current, period.year);
  const rawPrevious = ofYear(input.previous, period.year - 1);
  // An old unit that left a stock blank this year before its merger counts with its latest figure of
  // last year, as a unit that left it blank alone does (carryLastYear).
  const mappedNow = mapToSuccessors(rawCurrent, units, period, {
    ...mapping,
    lastYearStock: lastYearStockOf(rawPrevious, period.year - 1),
  });
  const mappedBefore = mapToSuccessors(rawPrevious, units, previousYear(period), mapping);
  const current = ofYear(mappedNow.mapped, period.year);
  const previous = ofYear(mappedBefore.mapped, period.year - 1);
  const today = localDateOf(input.generatedAt, settings.timeZone);
  const runDate = isRealIsoDate(today) ? today : undefined;
  const made = submissionDateFindings(
    rawCurrent,
    period,
    settings,
    runDate,
    input.undatedAdvice,
    unreadDatesOf(input.findings),
  );
  // Figures in a month after the period that has not closed yet: likely typed a column too far.
  made.push(...futureMonthFindings(rawCurrent, settings, runDate, Math.max(...periodMonths(period))));
  const gapsNow = mappedNow.gaps ?? [];
  const gapsBefore = mappedBefore.gaps ?? [];
  // Old units' months left out (after their merger, or reported by the new unit too): said, this
  // year's and last year's (for "so cùng kỳ"); a merger date the reports contradict, this year's.
  made.push(
    ...mergerMappingFindings(mappedNow, settings.cutoffDay, units),
    ...mergerMappingFindings(
      { afterMerger: mappedBefore.afterMerger, overlap: mappedBefore.overlap },
      settings.cutoffDay,
      units,
    ),
  );
  let incomplete: Map<string, number[]> | undefined;
  // Per merged unit, the old units whose empty months of the period make it incomplete.
  let formerGaps: Map<string, { code: string; name: string; months: number[] }[]> | undefined;
  // Per merged unit, the old units whose months of the period last year are empty (so cùng kỳ lacks them).
  const partialLastYear = new Map<string, { former: string; months: number[] }[]>();
  // A merged unit's old units that left months before the period empty this year, with figures in
  // them last year: the merged unit's own months look complete (its other old units sent them).
  const formerYtd = new Map<string, { unitCode: string; months: number[]; former: string }[]>();
  if (gapsNow.length || gapsBefore.length) {
    const raw = [...rawCurrent, ...rawPrevious];
    made.push(...mergerFindings(gapsNow, gapsBefore, period, raw, input.formerUnits, units));
    // This year's empty months of the period are not complete for the merged unit.
    const inPeriod = new Set(periodMonths(period));
    const beforePeriod = ytdMonths(period).filter((m) => !inPeriod.has(m));
    incomplete = periodGaps(gapsNow, period);
    formerGaps = new Map();
    for (const g of gapsNow) {
      const months = g.months.filter((m) => inPeriod.has(m));
      const last = beforePeriod.length ? rawPrevious.find((r) => r.unitCode === g.code) : undefined;
      const earlier = last ? g.months.filter((m) => beforePeriod.includes(m) && hasFigure(last, m)) : [];
      if (!months.length && !earlier.length) continue;
      const name = gapNames(g, raw, input.formerUnits, units).oldShort;
      if (months.length) {
        const gaps = formerGaps.get(g.unit.code) ?? [];
        gaps.push({ code: g.code, name, months });
        formerGaps.set(g.unit.code, gaps);
      }
      if (earlier.length) {
        const ytdList = formerYtd.get(g.unit.code) ?? [];
        ytdList.push({ unitCode: g.unit.code, months: earlier, former: name });
        formerYtd.set(g.unit.code, ytdList);
      }
    }
    // Last year's: "so cùng kỳ" of these units lacks an old unit's months of the period.
    for (const g of gapsBefore) {
      const months = g.months.filter((m) => inPeriod.has(m));
      if (!months.length) continue;
      const gaps = partialLastYear.get(g.unit.code) ?? [];
      gaps.push({ former: gapNames(g, raw, input.formerUnits, units).oldShort, months });
      partialLastYear.set(g.unit.code, gaps);
    }
  }

  const months = periodMonths(period);
  const ytd = ytdMonths(period);
  const lastMonth = ytd[ytd.length - 1];

  // Each unit's value is worked out once per indicator and span, then summed in unit-code
  // order (as everywhere, so totals do not depend on input order) and listed in unit order.
  // Plain loops rather than a callback per unit: this runs once per summary, over thousands.
  const { unitCodes, unitNames, byCodeOrder, codeRank, unitRank, nowByCode, beforeByCode } = unitOrder(
    units,
    input.units,
    current,
    previous,
  );
  // Report by report (each report's series lie together in memory), indicator by indicator.
  // Periods are month ranges (periodMonths) ending where the year to date ends: one pass gives both.
  const first = months[0];
  const numeric = catalogue.indicators.filter((i) => i.kind !== 'note');
  const rankOf = new Map(numeric.map((ind, k) => [ind, k]));
  // Per month the sum over units of each unit's (tidied) value of that month (this year only),
  // months after the period null; unit by unit in unit-code order, like the totals. Plain
  // doubles starting at -0, which stands for "no value yet": tidy() never returns -0, so
  // -0 + x is x (the sums match adding to null), and no sum of such values is -0 again.
  const sums = new Float64Array(numeric.length * 12).fill(-0);
  const lastOf = Uint8Array.from(numeric, (ind) => (ind.overMonths === 'last' ? 1 : 0));
  const scratch = new Float64Array(12); // a plain (edited) report's series, flat
  // Reader reports hold their numbers in one flat array: each indicator's place in it is
  // worked out once per layout (one per read), not looked up per report.
  let flatLayout: FlatLayout | null = null;
  let flatAt: Int32Array = new Int32Array(0);
  const placesIn = (layout: FlatLayout) => {
    if (layout !== flatLayout) {
      flatLayout = layout;
      flatAt = Int32Array.from(numeric, (ind) => {
        const p = layout.position.get(ind.code);
        return p === undefined ? -1 : p * 12;
      });
    }
    return flatAt;
  };
  // Each report's flat numbers looked up once (flatOf may compare edited values), for every
  // pass below that reads them figure by figure.
  const nowFigures = figuresByCode(nowByCode, placesIn);
  const beforeFigures = figuresByCode(beforeByCode, placesIn);
  // Last year: per flow indicator the months (bit i = month i + 1) in which any unit has a value.
  const seenLastYear = new Int32Array(numeric.length);
  // This year's figures of the period's months by indicator, month and unit (outliers.ts's
  // periodFigures), copied while each report's numbers are at hand: the outlier test reads them
  // indicator by indicator, which in the reports themselves is a look into every report each time.
  const nUnits = byCodeOrder.length;
  const periodFigures = new Float64Array(numeric.length * months.length * nUnits).fill(Number.NaN);
  const spansOf = (y: YearFigures, j: number, monthlyToo: boolean, spans: Spans) => {
    const report = y.reports[j];
    if (!report) return;
    const { inPeriod, toDate } = spans;
    const flat = y.flats[j];
    if (flat) {
      reportSpans(
        flat,
        y.bases[j],
        y.places[j],
        lastOf,
        first,
        lastMonth,
        monthlyToo ? sums : null,
        inPeriod,
        toDate,
        j,
        monthlyToo ? null : seenLastYear,
      );
      if (monthlyToo) {
        const places = y.places[j];
        const base = y.bases[j];
        for (let k = 0; k < places.length; k++) {
          if (places[k] < 0) continue;
          const to = k * months.length * nUnits + j;
          for (let x = 0; x < months.length; x++)
            periodFigures[to + x * nUnits] = flat[base + places[k] + months[x] - 1];
        }
      }
      return;
    }
    const values = report.values;
    if (!values) return;
    for (let k = 0; k < numeric.length; k++) {
      const series = values[numeric[k].code];
      if (!series) continue;
      const one = toFlat(series, scratch);
      if (monthlyToo) {
        addSeries(one, 0, lastMonth, sums, k * 12);
        const to = k * months.length * nUnits + j;
        for (let x = 0; x < months.length; x++) periodFigures[to + x * nUnits] = one[months[x] - 1];
      } else for (let i = 0; i < lastMonth; i++) if (!Number.isNaN(one[i])) seenLastYear[k] |= 1 << i;
      bothSpansFlat(one, 0, lastOf[k] === 1, first, lastMonth, inPeriod[k], toDate[k], j);
    }
  };
  // A year's numbers in one block (one allocation), each indicator's span a view of it; last
  // year's block is let go with the summary made, this year's stays for the per-unit figures.
  const newSpans = (): Spans => {
    const n = byCodeOrder.length;
    const block = new Float64Array(2 * numeric.length * n).fill(Number.NaN);
    let used = 0;
    const view = () => {
      used += n;
      return block.subarray(used - n, used);
    };
    return { inPeriod: numeric.map(view), toDate: numeric.map(view) };
  };
  const thisYear = newSpans();
  const lastYear = newSpans();
  // A unit's two reports one after the other: the reader lays a workbook's sheets out side by
  // side (last year's first), so the numbers are read in the order they lie in memory.
  for (let j = 0; j < byCodeOrder.length; j++) {
    spansOf(beforeFigures, j, false, lastYear);
    spansOf(nowFigures, j, true, thisYear);
  }

  /**
   * For flow k over months from…lastMonth: the month b last year's figures (over all units) begin
   * in, when it is after `from`, last year has a figure in every month from b on, and this year in
   * every month from `from` (one not 0 before b): a row reported monthly since b, an indicator
   * added then. Else 0: a rare figure with months empty in both years is compared as ever, and
   * zeros before b change no total. Per indicator and month, over sums already made. Stocks
   * compare the latest figures, which a late start does not change.
   */
  const spanBits = (1 << lastMonth) - 1;
  const lateStart = (k: number, from: number): number => {
    if (lastOf[k] === 1) return 0;
    const last = seenLastYear[k] & spanBits & ~((1 << (from - 1)) - 1);
    const low = last & -last; // month b's bit
    if (!last || low === 1 << (from - 1) || last !== (spanBits & ~(low - 1))) return 0;
    const begins = 32 - Math.clz32(low);
    let nonZero = false;
    for (let i = from - 1; i < begins - 1; i++) {
      const v = sums[k * 12 + i];
      if (Object.is(v, -0) || Number.isNaN(v)) return 0; // no unit's figure that month
      nonZero ||= v !== 0;
    }
    return nonZero ? begins : 0;
  };
  // Sheets the reader found without an indicator's row ('missing-indicator'): per sheet the codes.
  const rowsMissing = missingRows(input.findings);
  // Per unit (code order) the codes its sheet has no row of, among units that reported some month
  // of the year to date (a unit that sent nothing is said not to have reported); made only when
  // some sheet lacks a row.
  let lacking: (Set<string> | undefined)[] | null = null;
  /** Units (in unit order) with no figure of `code` so far whose sheet lacks its row: in no total of it. */
  const withoutRow = (code: string, toDate: Float64Array): string[] => {
    lacking ??= nowByCode.map((r) => {
      const codes = r && rowsMissing.get(sheetKey(r));
      return codes && ytd.some((m) => r.submitted[m - 1] || hasData(r, m)) ? codes : undefined;
    });
    const out: string[] = [];
    for (let i = 0; i < unitCodes.length; i++) {
      const j = unitRank[i];
      if (Number.isNaN(toDate[j]) && lacking[j]?.has(code)) out.push(unitCodes[i]);
    }
    return out;
  };
  // Merged units (not keeping an old unit's code) and their old units' names: a stock figure so far
  // that is only theirs is said to be theirs (carriedFromFormer).
  const mergedUnits = units.some((u) => u.succession?.predecessors?.length)
    ? formerNamesOf(units, rawCurrent, input.formerUnits)
    : null;
  // Per stock, the figures carried from last year (carryLastYear), by code rank; for `monthly` too.
  const carriedIn: (Float64Array | undefined)[] = [];
  const indicators: IndicatorSummary[] = catalogue.indicators.map((ind) => {
    const base = { code: ind.code, group: ind.group, label: ind.label, unit: ind.unit, kind: ind.kind };
    if (ind.kind === 'note') {
      const notes: NonNullable<IndicatorSummary['notes']> = [];
      for (let i = 0; i < units.length; i++) {
        const texts = nowByCode[unitRank[i]]?.notes[ind.code];
        if (texts)
          for (let x = 0; x < months.length; x++) {
            const m = months[x];
            const text = texts[m - 1];
            if (text?.trim())
              notes.push({ unitCode: unitCodes[i], unitName: unitNames[i], month: m, text: text.trim() });
          }
      }
      return {
        ...base,
        period: null,
        ytd: null,
        lastYearPeriod: null,
        lastYearYtd: null,
        change: null,
        changePct: null,
        ytdChange: null,
        ytdChangePct: null,
        byUnit: [],
        contributing: new Set(notes.map((n) => n.unitCode)).size,
        notes,
      };
    }
    const k = rankOf.get(ind) as number;
    const periodValues = thisYear.inPeriod[k];
    const ytdValues = thisYear.toDate[k];
    // A stock with no figure yet this year: the unit's last of last year, before the totals.
    const fromLastYear =
      lastOf[k] === 1 ? carryLastYear(k, ind.code, ytdValues, unitRank, unitCodes, nowByCode, beforeFigures) : null;
    if (fromLastYear) carriedIn[k] = fromLastYear.values;
    const periodTotal = sumOf(periodValues);
    const ytdTotal = sumOf(ytdValues);
    // A unit with a figure in one year whose other year's sheet has no row for the indicator (one
    // added to the catalogue since): its figure there is unknown, not 0, so no "so cùng kỳ".
    const periodKnown = comparable(ind.code, periodValues, lastYear.inPeriod[k], nowByCode, beforeByCode);
    const ytdKnown = comparable(ind.code, ytdValues, lastYear.toDate[k], nowByCode, beforeByCode);
    // Last year's figures begin later in the span than this year's: no "so cùng kỳ" either.
    const periodFrom = lateStart(k, first);
    const ytdFrom = first === 1 ? periodFrom : lateStart(k, 1);
    // Last year's totals stay (true figures, additive over units); only the comparison goes.
    const lastYearPeriod = periodKnown ? sumOf(lastYear.inPeriod[k]) : null;
    const lastYearYtd = ytdKnown ? sumOf(lastYear.toDate[k]) : null;
    const [periodChange, periodPct] = change(periodTotal, periodFrom ? null : lastYearPeriod);
    const [ytdChange, ytdPct] = change(ytdTotal, ytdFrom ? null : lastYearYtd);
    const summary: IndicatorSummary = {
      ...base,
      period: periodTotal,
      ytd: ytdTotal,
      lastYearPeriod,
      lastYearYtd,
      change: periodChange,
      changePct: periodPct,
      ytdChange,
      ytdChangePct: ytdPct,
      byUnit: [], // in its place among the keys; made from the numbers when read
      contributing: countOf(periodValues),
      ...(periodFrom ? { lastYearPeriodFrom: periodFrom } : {}),
      ...(ytdFrom ? { lastYearYtdFrom: ytdFrom } : {}),
    };
    if (fromLastYear) summary.carriedFromLastYear = fromLastYear.units;
    if (lastOf[k] === 1 && mappedNow.seeded?.length) {
      const olds = carriedOldUnits(k, ind.code, mappedNow.seeded, codeRank, nowByCode, placesIn, lastMonth, (g) =>
        gapNames(g, rawCurrent, input.formerUnits, units),
      );
      if (olds.length) summary.carriedOldUnits = olds;
    }
    if (lastOf[k] === 1) {
      const carried = carriedStock(k, ind.code, ytdValues, unitRank, unitCodes, nowFigures, lastMonth);
      // carriedUnits only in several months: in a month, "no figure in the period" says it.
      if (carried.length && months.length > 1) summary.carriedUnits = carried.map((c) => c.unitCode);
      // Of this year's months: the narrative and the renderings name each unit with its month.
      const thisYear = carried.filter((c) => c.month > 0);
      if (thisYear.length) summary.carriedMonths = thisYear;
    }
    if (lastOf[k] === 1 && mergedUnits?.size) {
      const former = carriedFromFormer(k, ind.code, ytdValues, codeRank, mergedUnits, nowByCode, placesIn, lastMonth);
      if (former.length) summary.carriedFromFormer = former;
    }
    if (rowsMissing.size) {
      const without = withoutRow(ind.code, ytdValues);
      if (without.length) summary.rowMissing = without;
    }
    setCompactByUnit(summary, {
      codes: unitCodes,
      names: unitNames,
      rank: unitRank,
      period: periodValues,
      ytd: ytdValues,
    });
    return summary;
  });

  // A unit's figure of a month of the period far out of line with the others' and its own: a
  // warning naming the cell (an extra 0 typed), the figure still counted.
  const years = [nowFigures, beforeFigures];
  made.push(
    ...outlierFindings({
      indicators: numeric,
      months,
      now: nowByCode,
      before: beforeByCode,
      valueAt: (year, j, k, i) => figureIn(years[year], j, k, numeric[k].code, i),
      periodFigures,
      // Kept on the indicator too: the narrative names them beside the total they are in.
      found: (k, unitCode, month, value) => {
        const sum = indicators.find((x) => x.code === numeric[k].code);
        if (!sum) return;
        if (sum.outliers) sum.outliers.push({ unitCode, month, value });
        else sum.outliers = [{ unitCode, month, value }];
      },
    }),
  );

  // The 12-month aggregate (summed in spans above). A stock's month is every unit's figure so
  // far at that month (its latest up to it), as "Đến nay" adds them: the year sheet a higher
  // level reads must give its figure, not leave out a unit that did not repeat it that month.
  const monthly: Record<string, (number | null)[]> = {};
  numeric.forEach((ind, k) => {
    if (lastOf[k] === 1) {
      monthly[ind.code] = stockSoFar(nowFigures, k, ind.code, lastMonth, carriedIn[k]);
      return;
    }
    const row: (number | null)[] = Array(12).fill(null);
    for (let i = 0; i < lastMonth; i++) if (!Object.is(sums[k * 12 + i], -0)) row[i] = tidy(sums[k * 12 + i]);
    monthly[ind.code] = row;
  });

  // Per month, the latest date a unit gave it: when this level's figures of the month were complete.
  const monthSubmitted = latestDates(nowByCode, lastMonth);
  // Invalid cells of numeric indicators in any month the summary shows (period and year to date;
  // date cells are not totals).
  const { excludedCells, excludedBy } = excludedCellsOf(current, numeric, ytd);

  const ruleErrors = countedRuleErrors(input.findings, rawCurrent, units, lastMonth, [
    ...(mappedNow.afterMerger ?? []),
    ...(mappedNow.overlap ?? []),
  ]);

  const completeness = completenessOfSorted(current, units, period, settings, { today: runDate, incomplete });
  if (formerGaps)
    for (const row of completeness.rows) {
      const gaps = formerGaps.get(row.unitCode);
      if (gaps) row.formerGaps = gaps;
    }
  nameFormerMonths(completeness.rows, units, rawCurrent, input.formerUnits);
  // Units with figures in the period last year that have not reported it (in full) this year:
  // every "so cùng kỳ" compares a total with them against one without them (the narrative says
  // so). And the other way round: units with figures now but none (or not all, an old unit
  // missing) in the same months last year, once some unit has last year's figures to compare.
  const lastYearOnly: string[] = [];
  const thisYearOnly: string[] = [];
  // Of thisYearOnly, units with last year's figures in some months of the period: those lacking.
  const thisYearGaps = new Map<string, number[]>();
  const lastYearPartial: string[] = [];
  const lastYearFormerGaps: { unitCode: string; former: string; months: number[] }[] = [];
  const emptyBeforeNext: string[] = [];
  // The month after the period (none after December).
  const next = lastMonth < 12 ? lastMonth + 1 : 0;
  // A column slip is guessed as futureMonthFindings does: only while the month after the period
  // has not closed at the run's date (a re-run of a past month sees it filled in its own right).
  const nextEnd = next > 0 ? dataWindow({ type: 'month', year: period.year, index: next }, settings).end : '';
  const nextOpen = next > 0 && runDate !== undefined && runDate < nextEnd;
  // For a unit without a report of the period: only when the next column's date is one of the
  // period's (from its data window's start, before the next month closes): the period's report
  // typed one column too far, date and all.
  const slipDates = { start: dataWindow(period, settings).start, end: nextEnd };
  const ytdGaps: { unitCode: string; months: number[]; former?: string }[] = [];
  // Months of the year to date before the period (a year's report has none).
  const earlier = ytd.filter((m) => m < months[0]);
  const anyLastYear = comparedSides(completeness.rows, {
    codeRank,
    nowByCode,
    beforeByCode,
    months,
    earlier,
    next,
    nextOpen,
    slipDates,
    partialLastYear,
    formerYtd,
    lastYearOnly,
    thisYearOnly,
    thisYearGaps,
    lastYearPartial,
    lastYearFormerGaps,
    emptyBeforeNext,
    ytdGaps,
  });
  // Per indicator, which of those units have a figure of it on one side only: its change cells are
  // then marked (the narrative's caveat, beside the number), said once here for every rendering.
  const others = anyLastYear ? thisYearOnly : [];
  // A stock left blank in the period by a unit with a figure in it last year: its period total
  // lacks the unit (its figure "so far" is carried) while last year's has it — no false fall.
  const stockMissing: (string[] | undefined)[] = [];
  let stockGap = false;
  if (anyLastYear)
    for (let k = 0; k < numeric.length; k++) {
      if (lastOf[k] !== 1) continue;
      const nowIn = thisYear.inPeriod[k];
      const lastIn = lastYear.inPeriod[k];
      const missing: string[] = [];
      for (let i = 0; i < unitCodes.length; i++) {
        const j = unitRank[i];
        if (Number.isNaN(nowIn[j]) && !Number.isNaN(lastIn[j])) missing.push(unitCodes[i]);
      }
      stockMissing[k] = missing;
      if (missing.length) stockGap = true;
    }
  if (lastYearOnly.length || others.length || ytdGaps.length || stockGap) {
    const gapCodes = new Set([...lastYearOnly, ...ytdGaps.map((g) => g.unitCode)]);
    const ytdMissing = unitCodes.filter((c) => gapCodes.has(c));
    // `carries`: a stock so far, which holds a unit's last earlier figure: a unit with one on both
    // sides is not on one side only (the renderings mark its figure as carried instead).
    const uneven = (
      missingNow: string[],
      now: Float64Array,
      last: Float64Array,
      carries: boolean,
      k: number,
    ): UnevenComparison | null => {
      const has = (values: Float64Array, code: string) => !Number.isNaN(values[codeRank.get(code) as number]);
      // A flow with this year's figure in a month last year's report lacks: summed on one side only.
      const gapIn = (code: string) => {
        const gaps = lastOf[k] === 1 ? undefined : thisYearGaps.get(code);
        const n = gaps && nowByCode[codeRank.get(code) as number];
        return !!n && gaps.some((m) => !Number.isNaN(figureAt(n, k, numeric[k].code, placesIn, m - 1)));
      };
      const out = {
        lastYearOnly: missingNow.filter((c) => has(last, c) && !(carries && has(now, c))),
        thisYearOnly: others.filter((c) => has(now, c) && (!has(last, c) || gapIn(c))),
      };
      return out.lastYearOnly.length || out.thisYearOnly.length ? out : null;
    };
    const byCode = new Map(indicators.map((i) => [i.code, i]));
    numeric.forEach((ind, k) => {
      const summary = byCode.get(ind.code);
      if (!summary) return;
      const missing = stockMissing[k] ?? lastYearOnly;
      const p = summary.change === null ? null : uneven(missing, thisYear.inPeriod[k], lastYear.inPeriod[k], false, k);
      if (p) summary.unevenPeriod = p;
      const y =
        summary.ytdChange === null
          ? null
          : uneven(ytdMissing, thisYear.toDate[k], lastYear.toDate[k], ind.overMonths === 'last', k);
      if (y) summary.unevenYtd = y;
    });
  }
  // A stock carried from last year (carryLastYear) for a unit without a figure at the same point
  // last year either: counted this year only, marked as other such units are.
  for (const summary of indicators) {
    const carried = summary.carriedFromLastYear;
    if (!carried || summary.ytdChange === null) continue;
    const last = lastYear.toDate[numeric.findIndex((i) => i.code === summary.code)];
    const added = carried.filter((c) => Number.isNaN(last[codeRank.get(c.unitCode) as number])).map((c) => c.unitCode);
    if (!added.length) continue;
    const uneven = summary.unevenYtd ?? { lastYearOnly: [], thisYearOnly: [] };
    const codes = new Set([...uneven.thisYearOnly, ...added]);
    summary.unevenYtd = { ...uneven, thisYearOnly: unitCodes.filter((c) => codes.has(c)) };
  }
  const remarks = unitRemarks(rawCurrent, units);
  // The reader's findings of months after the period have nothing to do with its figures: a
  // 6-month report sent upward must not list September's errors (those not tied to a month stay).
  const shownFindings = input.findings.filter((f) => typeof f.month !== 'number' || f.month <= lastMonth);
  return {
    period,
    settings,
    generatedAt: input.generatedAt,
    units,
    completeness,
    ...(lastYearOnly.length ? { lastYearOnly } : {}),
    ...(anyLastYear && thisYearOnly.length ? { thisYearOnly } : {}),
    ...(anyLastYear && thisYearGaps.size
      ? { thisYearGaps: [...thisYearGaps].map(([unitCode, months]) => ({ unitCode, months })) }
      : {}),
    ...(lastYearPartial.length ? { lastYearPartial, lastYearFormerGaps } : {}),
    ...(ytdGaps.length ? { ytdGaps } : {}),
    ...(emptyBeforeNext.length ? { emptyBeforeNext } : {}),
    indicators,
    monthly,
    ...(monthSubmitted.some((d) => d !== null) ? { monthSubmitted } : {}),
    // Two units of one name: every finding says which (the date findings made here too).
    findings: distinguishFindings(sortFindings(made.length ? [...shownFindings, ...made] : shownFindings), units),
    excludedCells,
    ...(excludedBy.size ? { excludedUnits: sortCodes([...excludedBy], units) } : {}),
    ...(ruleErrors.length ? { ruleErrors } : {}),
    unreadableUnits: sortCodes(input.unreadableUnits ?? [], units),
    ...(remarks.length ? { remarks } : {}),
  };
}

// Loops over every unit that run once per summary live in small functions of their own: the JIT
// optimises a small function's loop while it runs (on-stack replacement) within a few hundred
// units, where a loop in aggregateWithoutNarrative (hundreds of lines to compile) runs unoptimised.

/**
 * The units' codes and names in unit order (`units`, sorted) and in code order (j), each unit's
 * place in the latter (unitRank), and each year's report per code rank.
 */
function unitOrder(units: readonly Unit[], given: readonly Unit[], current: UnitYear[], previous: UnitYear[]) {
  const unitCodes: string[] = [];
  const unitNames: string[] = [];
  for (let i = 0; i < units.length; i++) {
    unitCodes.push(units[i].code);
    unitNames.push(units[i].name);
  }
  // From the units as given (the same codes): a list in code order needs no sort. Codes that
  // are not texts (bad input) may tie, so they keep the order they were sorted from before.
  const givenCodes: string[] = [];
  let texts = true;
  for (let i = 0; i < given.length; i++) {
    givenCodes.push(given[i].code);
    texts &&= typeof given[i].code === 'string';
  }
  const byCodeOrder = codeOrder(texts ? givenCodes : unitCodes);
  const nowByCode: (UnitYear | undefined)[] = [];
  const beforeByCode: (UnitYear | undefined)[] = [];
  const codeRank = new Map<string, number>();
  for (let j = 0; j < byCodeOrder.length; j++) {
    nowByCode.push(undefined);
    beforeByCode.push(undefined);
    codeRank.set(byCodeOrder[j], j);
  }
  // Each unit's report of each year (the last of a code wins, as a Map by code would give),
  // placed by code rank: no map of reports by code.
  byCodeRank(current, byCodeOrder, codeRank, nowByCode);
  byCodeRank(previous, byCodeOrder, codeRank, beforeByCode);
  const unitRank = new Int32Array(units.length);
  for (let i = 0; i < units.length; i++) unitRank[i] = codeRank.get(unitCodes[i]) as number;
  return { unitCodes, unitNames, byCodeOrder, codeRank, unitRank, nowByCode, beforeByCode };
}

/** What comparedSides reads, and the lists it fills (aggregateWithoutNarrative's, unit by unit). */
interface Sides {
  codeRank: ReadonlyMap<string, number>;
  nowByCode: readonly (UnitYear | undefined)[];
  beforeByCode: readonly (UnitYear | undefined)[];
  months: number[];
  earlier: number[];
  next: number;
  nextOpen: boolean;
  slipDates: { start: string; end: string };
  partialLastYear: ReadonlyMap<string, { former: string; months: number[] }[]>;
  formerYtd: ReadonlyMap<string, { unitCode: string; months: number[]; former: string }[]>;
  lastYearOnly: string[];
  thisYearOnly: string[];
  thisYearGaps: Map<string, number[]>;
  lastYearPartial: string[];
  lastYearFormerGaps: { unitCode: string; former: string; months: number[] }[];
  emptyBeforeNext: string[];
  ytdGaps: { unitCode: string; months: number[]; former?: string }[];
}

/**
 * Per completeness row (unit order), whether its figures are on one side only of "so cùng kỳ":
 * fills the lists of `s` (see aggregateWithoutNarrative). True when some unit had figures in the
 * period last year.
 */
function comparedSides(rows: readonly CompletenessRow[], s: Sides): boolean {
  const { codeRank, nowByCode, beforeByCode, months, earlier, next, nextOpen, slipDates, partialLastYear } = s;
  const { formerYtd, lastYearOnly, thisYearOnly, thisYearGaps, lastYearPartial, emptyBeforeNext, ytdGaps } = s;
  const { lastYearFormerGaps } = s;
  let anyLastYear = false;
  for (let x = 0; x < rows.length; x++) {
    const row = rows[x];
    const at = codeRank.get(row.unitCode) as number; // every row is a unit's
    const r = beforeByCode[at];
    const hadLastYear = r !== undefined && anyFigure(r, months);
    if (hadLastYear) anyLastYear = true;
    const n = nowByCode[at];
    if (row.status === 'missing') {
      // Missing by its date (after the run) while every month's figures are summed: compared in
      // full; but not when a month lacks an old unit's figures (a merged unit: formerGaps).
      const summedInFull = n !== undefined && everyFigure(n, months) && !row.formerGaps?.length;
      if (hadLastYear && !summedInFull) lastYearOnly.push(row.unitCode);
    } else if (hadLastYear && n !== undefined && !anyFigure(n, months) && n.invalid.length) {
      // Reported (late: its date is not one) with only cells typed wrong in the period: none of
      // its figures is summed, as for a unit that did not report.
      lastYearOnly.push(row.unitCode);
    } else if (!hadLastYear) {
      // A report dated but empty (no figures in the period) leaves this year's totals as it
      // leaves last year's: nothing to say of it here (its own finding says it is empty).
      if (n !== undefined && anyFigure(n, months)) thisYearOnly.push(row.unitCode);
    }
    // Figures last year, but not in every month of the period that has them this year: those
    // months are this year's only, as a month's own report says of its month.
    if (
      hadLastYear &&
      n !== undefined &&
      months.length > 1 &&
      !partialLastYear.has(row.unitCode) &&
      lastYearOnly[lastYearOnly.length - 1] !== row.unitCode
    ) {
      let gaps: number[] | null = null;
      for (let i = 0; i < months.length; i++) {
        const m = months[i];
        if (!hasFigure(n, m) || hasFigure(r as UnitYear, m)) continue;
        gaps ??= [];
        gaps.push(m);
      }
      if (gaps) {
        thisYearOnly.push(row.unitCode);
        thisYearGaps.set(row.unitCode, gaps);
      }
    }
    // Counted as submitted but no figure in the period while the month after has some: likely
    // typed a column too far; its figures are not in the totals, said as a missing unit's are.
    if (
      nextOpen &&
      n !== undefined &&
      !anyFigure(n, months) &&
      hasFigure(n, next) &&
      (row.status !== 'missing' || withinWindow(n.submitted[next - 1], slipDates))
    ) {
      emptyBeforeNext.push(row.unitCode);
      if (hadLastYear && lastYearOnly[lastYearOnly.length - 1] !== row.unitCode) lastYearOnly.push(row.unitCode);
    }
    // Last year's figures lacking an old unit: said whatever this year's status.
    const formerGaps = hadLastYear ? partialLastYear.get(row.unitCode) : undefined;
    if (formerGaps) {
      lastYearPartial.push(row.unitCode);
      for (const g of formerGaps) lastYearFormerGaps.push({ unitCode: row.unitCode, ...g });
    }
    // Earlier months with figures last year, not reported this year (neither dated nor filled; a
    // dated empty month is a report of no activity): the year-to-date totals differ by them.
    if (r !== undefined && earlier.length && lastYearOnly[lastYearOnly.length - 1] !== row.unitCode) {
      let gaps: number[] | null = null; // a loop, not a closure per unit: thousands of units
      for (let i = 0; i < earlier.length; i++) {
        const m = earlier[i];
        if (n !== undefined && (n.submitted[m - 1] || hasData(n, m))) continue;
        if (!hasFigure(r, m)) continue;
        gaps ??= [];
        gaps.push(m);
      }
      if (gaps) ytdGaps.push({ unitCode: row.unitCode, months: gaps });
    }
    const ofFormer = formerYtd.size ? formerYtd.get(row.unitCode) : undefined;
    if (ofFormer) ytdGaps.push(...ofFormer);
  }
  return anyLastYear;
}

/** Per month up to `lastMonth` the latest submission date (YYYY-MM-DD) of any report; null none. */
function latestDates(reports: readonly (UnitYear | undefined)[], lastMonth: number): (string | null)[] {
  const out: (string | null)[] = Array(12).fill(null);
  for (let j = 0; j < reports.length; j++) {
    const submitted = reports[j]?.submitted;
    if (!submitted) continue;
    for (let i = 0; i < lastMonth; i++) {
      const d = submitted[i];
      // Only a date later than the month's latest yet is checked for the date form (most are not).
      if (typeof d === 'string' && (!out[i] || d > (out[i] as string)) && /^\d{4}-\d{2}-\d{2}$/.test(d)) out[i] = d;
    }
  }
  return out;
}

/** Invalid cells of the numeric indicators in months `ytd`, and the units with any. */
function excludedCellsOf(
  reports: readonly UnitYear[],
  numeric: readonly Indicator[],
  ytd: readonly number[],
): { excludedCells: number; excludedBy: Set<string> } {
  const numericCodes = new Set(numeric.map((i) => i.code));
  let excludedCells = 0;
  const excludedBy = new Set<string>();
  // Index loops (once per summary over thousands of reports, most without invalid cells).
  for (let i = 0; i < reports.length; i++) {
    const invalid = reports[i].invalid;
    for (let x = 0; x < invalid.length; x++) {
      const key = invalid[x];
      const at = key.lastIndexOf(':');
      if (numericCodes.has(key.slice(0, at)) && ytd.includes(Number(key.slice(at + 1)))) {
        excludedCells++;
        excludedBy.add(reports[i].unitCode);
      }
    }
  }
  return { excludedCells, excludedBy };
}

/**
 * Summary.remarks: the "Ghi chú" remarks of this year's reports as read (an old unit's under its own
 * name), whatever the period: a remark is its row's for the year. Units in unit order, old units of
 * a merger after them by code; each report's in its order.
 */
function unitRemarks(reports: readonly UnitYear[], units: readonly Unit[]): UnitRemark[] {
  const noted: UnitYear[] = [];
  for (let i = 0; i < reports.length; i++) if (reports[i].remarks?.length) noted.push(reports[i]);
  if (!noted.length) return [];
  const rank = new Map<string, number>();
  for (let i = 0; i < units.length; i++) rank.set(units[i].code, i);
  const rankOf = (r: UnitYear) => rank.get(r.unitCode) ?? units.length;
  noted.sort((a, b) => rankOf(a) - rankOf(b) || compareText(a.unitCode, b.unitCode));
  const out: UnitRemark[] = [];
  for (const r of noted)
    for (const x of r.remarks as NonNullable<UnitYear['remarks']>)
      out.push({
        unitCode: r.unitCode,
        unitName: r.unitName,
        ...(r.unitKind !== undefined ? { unitKind: r.unitKind } : {}),
        file: r.file,
        sheet: r.sheet,
        indicatorCode: x.indicatorCode,
        text: x.text,
        cell: x.cell,
      });
  return out;
}

/**
 * Summary.ruleErrors: this year's error-level rule findings ('rule-violation') on sheets of `reports`
 * in months up to `lastMonth` whose figures are counted (a unit's, or an old unit's before its merger:
 * not in `left`, the months mapToSuccessors left out of it, as `afterMerger` and `overlap`), by unit (unit order; old units after, as sortCodes), the places in the
 * findings' order, each once: "ô M45", or without a cell its indicator and month.
 */
function countedRuleErrors(
  findings: Finding[],
  reports: UnitYear[],
  units: Unit[],
  lastMonth: number,
  left: PredecessorGap[],
): NonNullable<Summary['ruleErrors']> {
  const placesOf = new Map<string, string[]>();
  let sheets: Set<string> | null = null;
  let counted: Set<string> | null = null;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    if (f.code !== 'rule-violation' || f.severity !== 'error' || f.unitCode === undefined) continue;
    if (f.month === undefined || f.month > lastMonth || f.sheet === undefined) continue;
    sheets ??= new Set(reports.map(sheetKey));
    if (!sheets.has(sheetKey({ file: f.file ?? '', sheet: f.sheet }))) continue; // last year's, or not read
    if (!counted) {
      counted = new Set(units.map((u) => u.code));
      for (const u of units) for (const p of u.succession?.predecessors ?? []) counted.add(p);
    }
    const month = f.month;
    if (!counted.has(f.unitCode) || left.some((g) => g.code === f.unitCode && g.months.includes(month))) continue; // figures in no total
    const places = placesOf.get(f.unitCode) ?? [];
    const place = f.cell
      ? NARRATIVE_TEXT.cell(f.cell)
      : NARRATIVE_TEXT.indicatorMonth(f.indicatorLabel ?? f.indicatorCode ?? '', f.month);
    if (!places.includes(place)) places.push(place);
    placesOf.set(f.unitCode, places);
  }
  if (!placesOf.size) return [];
  // Only the units and reports of the codes named are looked up (a later one of a code wins).
  const unitOf = new Map<string, Unit>();
  for (const u of units) if (placesOf.has(u.code)) unitOf.set(u.code, u);
  const reportOf = new Map<string, UnitYear>();
  for (const r of reports) if (placesOf.has(r.unitCode) && !reportOf.has(r.unitCode)) reportOf.set(r.unitCode, r);
  return sortCodes([...placesOf.keys()], units).map((code) => {
    const unit = unitOf.get(code);
    const r = reportOf.get(code);
    const label = unit ? unitInSentence(unit) : unitInSentence({ name: r?.unitName ?? code, kind: r?.unitKind ?? '' });
    return { unitCode: code, label, places: placesOf.get(code) as string[] };
  });
}

/** A report's sheet, as findings name it. */
function sheetKey(r: Pick<UnitYear, 'file' | 'sheet'>): string {
  return `${r.file ?? ''}\u0000${r.sheet}`;
}

/** Per sheet (sheetKey) the indicator codes whose row the reader did not find ('missing-indicator'). */
function missingRows(findings: Finding[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    if (f.code !== 'missing-indicator' || f.sheet === undefined || f.indicatorCode === undefined) continue;
    const key = sheetKey({ file: f.file ?? '', sheet: f.sheet });
    const codes = out.get(key) ?? new Set<string>();
    codes.add(f.indicatorCode);
    out.set(key, codes);
  }
  return out;
}

/**
 * months.some((m) => hasFigure(r, m)): a named function rather than a closure made per unit, in a
 * loop over every unit that runs once per summary (unoptimised code, where each closure costs).
 */
function anyFigure(r: UnitYear, months: number[]): boolean {
  for (let i = 0; i < months.length; i++) if (hasFigure(r, months[i])) return true;
  return false;
}

/** months.every((m) => hasFigure(r, m)), as anyFigure. */
function everyFigure(r: UnitYear, months: number[]): boolean {
  for (let i = 0; i < months.length; i++) if (!hasFigure(r, months[i])) return false;
  return true;
}

export function aggregate(input: AggregateInput): Summary {
  const summary = aggregateWithoutNarrative(input);
  return { ...summary, narrative: narrate(summary, input.catalogue) };
}
