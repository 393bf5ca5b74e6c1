/**
 * Re-key reports onto the current units across mergers (2025: Mường Nhé's 11
 * communes became 5). A current unit with `succession.predecessors` receives the
 * month-wise, per-indicator sum of its predecessors' values plus its own code's data
 * (present when an older sheet already used the new code). A report whose unit is
 * itself a current unit maps to itself. Reports of units that are neither are
 * returned in `unmatched` so the caller can warn.
 *
 * Used for last year ("so cùng kỳ") and for the current year too: in the year of a
 * merger, January–June come from the old communes and July–December from the new
 * one, and year-to-date needs both. Mapping is idempotent.
 *
 * An old unit listed under several current units (a split: the table has no shares)
 * is counted once, for the first of them by name in Vietnamese order, then by code
 * (the order of the summary's rows); see `splitPredecessors`.
 *
 * Months before the merger are those whose data window (cutoff.ts) ends before the
 * succession's `from`: the old units report them. Stocks there are the sum of each old
 * unit's latest figure (as over separate units), and `gaps` lists the months an old
 * unit left empty, so the summary can say the new unit's figures lack it; not those the new
 * unit's own report has when it is the area's (areaReport): its figures stand for them.
 */
import { dataWindow } from '../periods/cutoff';
import { periodBounds } from '../periods/period';
import { flatBase, flatOf, layoutOf, renamed } from '../sheet/sheet-report';
import { compareVi } from '../text/collate';
import { normalizeName } from '../text/normalize';
import type { FormerSubmission, Period, Unit, UnitYear } from '../types';
import { hasRow } from '../validation/presence';

export interface MappingOptions {
  /**
   * Codes of stock indicators (overMonths 'last'). Before the merger each old unit's latest
   * figure is carried to the later months where another old unit reports, so the new unit's
   * stock is the sum of the old units' latest figures, whichever of them skipped a month.
   */
  stocks?: ReadonlySet<string>;
  /** The settings' cut-off day, for the months before a merger (default 15, Decree 09/2019). */
  cutoffDay?: number;
  /** List `gaps` (the period's year only): the work is per old unit and month, so asked for. */
  gaps?: boolean;
  /**
   * Names of old units (from `formerUnits`), for `gaps`: an old unit with no report of its own
   * that has the new unit's name most likely went on in the sheet the new unit now reports in
   * (its code changed to the new one): the months that sheet has are not its gaps.
   */
  formerNames?: ReadonlyMap<string, string>;
  /**
   * The period's year only: an old unit's latest figure of `stock` in last year's report (its month,
   * 1-based), for `stocks`. An old unit that left a stock blank this year before the merger, while
   * another old unit of the same merged unit typed it, then counts with it (not 0), as a unit that
   * left it blank alone does (aggregate's carryLastYear); `seeded` says where.
   */
  lastYearStock?: (oldCode: string, stock: string) => { value: number; month: number } | undefined;
}

/** An old unit's figure of last year counted in a merged unit's stock this year (MappingOptions.lastYearStock). */
export interface SeededStock {
  /** The merged unit. */
  unit: Unit;
  /** The old unit's code and its report of the year (with the stock left blank). */
  code: string;
  report: UnitYear;
  stock: string;
  /** The month of last year the figure is of. */
  month: number;
  /** Bit m - 1 for each month m of the merged unit's figures of the year that count it. */
  months: number;
}

/** An old unit with neither a submission date nor data for months before its merger. */
export interface PredecessorGap {
  /** The current unit whose figures lack it. */
  unit: Unit;
  /** The old unit's code. */
  code: string;
  year: number;
  /** Its report of `year`, when it has one (and so its name). */
  report?: UnitYear;
  /**
   * Months (1 … the period's last month, before the merger) it left empty and the merged unit's
   * own report, when the area's (areaReport), has nothing in, ascending.
   */
  months: number[];
  /**
   * renamedGoesOn only: the month the renamed unit's own report begins, the old sheet having gone
   * on up to the month before (else it has no report of its own that year).
   */
  ownFrom?: number;
}

export interface SplitPredecessor {
  /** The old unit's code. */
  code: string;
  /** Its name in its latest report (the code when it has none). */
  name: string;
  /** The current units listing it as a predecessor, in name order; the first gets its data. */
  successors: Unit[];
}

export interface SuccessionResult {
  /** One report per current unit and year that has any data, in `units` order. */
  mapped: UnitYear[];
  /** Codes of reported units that belong to no current unit (e.g. "na-co-sa"), sorted, unique. */
  unmatched: string[];
  /** Reported old units listed under several current units, by code (see `splitPredecessors`). */
  splits: SplitPredecessor[];
  /** With `options.gaps`: per current unit with a report of the period's year, its old units' empty months. */
  gaps?: PredecessorGap[];
  /**
   * With `options.gaps`: old units' months on or after the merger that were left out (an old
   * commune still filling its own sheet while the new one reports those months).
   */
  afterMerger?: PredecessorGap[];
  /**
   * With `options.gaps`: old units' months before the merger that the new unit reports too, from
   * the first month it has figures (firstOwnMonth): left out, so that no month is added twice.
   */
  overlap?: PredecessorGap[];
  /**
   * With `options.gaps`: merged units whose old units all went on reporting after the merger date
   * up to the month before the new unit's first, and stopped: those months are counted as theirs.
   */
  dateSlips?: MergerDateSlip[];
  /**
   * With `options.gaps`: an old unit become one new unit alone (a renaming), the new one with no
   * report of its own that year, its sheet going on after the merger: those months are counted as
   * the new unit's (nothing else can add them twice), and the clerk is told to use the new template.
   */
  renamedGoesOn?: PredecessorGap[];
  /** With `options.lastYearStock`: old units' figures of last year counted in stocks of the period's year. */
  seeded?: SeededStock[];
}

/** A merger date that the reports contradict (typed early): see SuccessionResult.dateSlips. */
export interface MergerDateSlip {
  unit: Unit;
  year: number;
  /** The old units' last month, counted; the new unit's figures begin the month after. */
  lastOld: number;
}

/**
 * An old unit's report without its months from `cut` on (0-based: the months after its merger):
 * values, notes, dates and invalid cells of those months left out.
 */
function untilMerger(r: UnitYear, cut: number): UnitYear {
  const keep = <T>(months: (T | null)[]) => months.map((v, i) => (i < cut ? v : null));
  const values: Record<string, (number | null)[]> = {};
  for (const [code, months] of Object.entries(r.values)) values[code] = keep(months);
  const notes: Record<string, (string | null)[]> = {};
  for (const [code, months] of Object.entries(r.notes)) notes[code] = keep(months);
  return withData(r, {
    values,
    notes,
    submitted: keep(r.submitted),
    invalid: r.invalid.filter((k) => Number(k.slice(k.lastIndexOf(':') + 1)) <= cut),
  });
}

/**
 * `r` with other values (and notes, dates, invalid cells), field by field: a report read from a
 * sheet computes its values and cells on demand, which a spread would not copy.
 */
function withData(
  r: UnitYear,
  data: Pick<UnitYear, 'values'> & Partial<Pick<UnitYear, 'notes' | 'submitted' | 'invalid'>>,
): UnitYear {
  return {
    unitCode: r.unitCode,
    unitName: r.unitName,
    ...(r.unitKind !== undefined ? { unitKind: r.unitKind } : {}),
    year: r.year,
    file: r.file,
    sheet: r.sheet,
    values: data.values,
    notes: data.notes ?? r.notes,
    submitted: data.submitted ?? r.submitted,
    cells: r.cells,
    submittedCells: r.submittedCells,
    invalid: data.invalid ?? r.invalid,
  };
}

/**
 * The first month before the merger (1…cut) in which a merged unit's own report has a figure, or
 * 0. From it on, that report is the area's: communes often type their old communes' totals into
 * the new sheet, or the merger date is typed a month late, and adding the old communes' reports
 * of the same months as well would count those months twice.
 */
function firstOwnMonth(own: UnitYear | undefined, cut: number): number {
  if (!own) return 0;
  for (let m = 1; m <= cut; m++) for (const months of Object.values(own.values)) if (months[m - 1]) return m;
  return 0;
}

/**
 * An old unit's report without the figures of months 1…`cut` that the merged unit's own report
 * has too, not 0 (null when there are none), and those months. Communes often type their old
 * communes' totals into the new sheet (or the merger date is typed late): adding the old
 * communes' figures of the same cells as well would count them twice. Cell by cell, so that a 0
 * or a figure tried in one row of the new sheet takes nothing else away.
 */
function supersede(p: UnitYear, own: UnitYear, cut: number): { report: UnitYear; months: number[] } | null {
  let values: Record<string, (number | null)[]> | null = null;
  let mask = 0;
  for (const [code, months] of Object.entries(p.values)) {
    const mine = own.values[code];
    if (!mine) continue;
    for (let i = 0; i < cut && i < 12; i++) {
      if (months[i] === null || months[i] === undefined || !mine[i]) continue;
      values ??= { ...p.values };
      if (values[code] === months) values[code] = months.slice();
      values[code][i] = null;
      mask |= 1 << i;
    }
  }
  if (!values) return null;
  const months: number[] = [];
  for (let i = 0; i < 12; i++) if (mask & (1 << i)) months.push(i + 1);
  return { report: withData(p, { values }), months };
}

/**
 * The merged unit's own report of a year when it can be told to be the whole area's before the
 * merger (its figures there stand for its old units, see supersede), else undefined: not when its
 * code is an old unit's, nor when an old unit without a report of the year may be the one whose
 * sheet it goes on in (named like the unit, or known by code only: nothing tells). `olds` are the
 * old units counted for it; `reportOf` gives a code's report of the year.
 */
export function areaReport(
  unit: Unit,
  olds: readonly string[],
  reportOf: (code: string) => UnitYear | undefined,
  formerNames: ReadonlyMap<string, string> | undefined,
): UnitYear | undefined {
  const own = reportOf(unit.code);
  if (!own || unit.succession?.predecessors?.includes(unit.code)) return undefined;
  const name = normalizeName(unit.name);
  for (const code of olds) {
    if (reportOf(code)) continue;
    const former = formerNames?.get(code);
    if (former === undefined || normalizeName(former) === name) return undefined;
  }
  return own;
}

/** Whether a report has a submission date or anything else in `month` (1–12). */
function hasMonth(p: UnitYear, month: number): boolean {
  return Boolean(p.submitted[month - 1]) || hasData(p, month);
}

/** Whether a report has a date or anything else in a month from `first` to `last` (1–12). */
function anyMonth(p: UnitYear, first: number, last: number): boolean {
  for (let m = first; m <= last; m++) if (hasMonth(p, m)) return true;
  return false;
}

/**
 * Whether a report has anything in `month` (1–12): a value, a note or an invalid entry. With a
 * submission date, this is what completeness counts as sent.
 */
export function hasData(r: UnitYear, month: number): boolean {
  if (hasFigure(r, month)) return true;
  const i = month - 1;
  for (const months of Object.values(r.notes)) if (months[i] && String(months[i]).trim()) return true;
  return r.invalid.some((key) => Number(key.slice(key.lastIndexOf(':') + 1)) === month);
}

/** Whether a report has a figure (a number read) in `month` (1–12): what a total sums. */
export function hasFigure(r: UnitYear, month: number): boolean {
  const i = month - 1;
  const layout = layoutOf(r);
  const flat = layout && flatOf(r, layout);
  if (flat) {
    const base = flatBase(r);
    const end = base + layout.codes.length * 12;
    for (let at = base + i; at < end; at += 12) if (!Number.isNaN(flat[at])) return true;
    return false;
  }
  for (const months of Object.values(r.values)) if (months[i] !== null && months[i] !== undefined) return true;
  return false;
}

/**
 * How many months of `year` (0–12, from January) the old units report: those whose data
 * window ends before the merger. 1 July 2025 with cut-off 15: January–June (July's window,
 * 15/06–14/07, is the new unit's, which exists when it closes).
 */
export function monthsBeforeMerger(from: string, year: number, cutoffDay: number): number {
  let n = 0;
  while (n < 12 && dataWindow({ type: 'month', year, index: n + 1 }, { cutoffDay }).end < from) n++;
  return n;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Summary row order: Vietnamese order of names, then code (as completeness' compareUnits). */
const compareUnits = (a: Unit, b: Unit) => compareVi(a.name, b.name) || compareText(a.code, b.code);

/**
 * Old code → the current units that list it as a predecessor, when more than one does,
 * in compareUnits order (the first gets its data). A predecessor that is itself a
 * current unit keeps its own data and is no split.
 */
function claimants(units: readonly Unit[]): Map<string, Unit[]> {
  const current = new Set(units.map((u) => u.code));
  const by = new Map<string, Unit[]>();
  for (const unit of units)
    for (const code of unit.succession?.predecessors ?? []) {
      if (current.has(code)) continue;
      const list = by.get(code);
      if (!list) by.set(code, [unit]);
      else if (!list.includes(unit)) list.push(unit);
    }
  const splits = new Map<string, Unit[]>();
  for (const [code, list] of by) if (list.length > 1) splits.set(code, list.sort(compareUnits));
  return splits;
}

/**
 * Old units listed as predecessors of several current units that have a report among
 * `reports`, sorted by code. Their figures go to the first successor only (so a total is
 * never counted twice); the caller warns, naming all successors.
 */
export function splitPredecessors(reports: UnitYear[], units: Unit[]): SplitPredecessor[] {
  const split = claimants(units);
  if (!split.size) return [];
  const latest = new Map<string, UnitYear>();
  for (const r of reports) {
    if (!split.has(r.unitCode)) continue;
    const seen = latest.get(r.unitCode);
    // Latest year, then first by file and sheet (as oneReportPerUnit): input order does not matter.
    if (
      !seen ||
      r.year > seen.year ||
      (r.year === seen.year && (compareText(r.file, seen.file) || compareText(r.sheet, seen.sheet)) < 0)
    )
      latest.set(r.unitCode, r);
  }
  return [...latest.keys()].sort(compareText).map((code) => ({
    code,
    name: latest.get(code)?.unitName?.trim() || code,
    successors: split.get(code) as Unit[],
  }));
}

/** Codes, files and sheets are texts and years finite numbers (as the reader gives them). */
function plainReports(reports: readonly UnitYear[]): boolean {
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i];
    if (
      typeof r.unitCode !== 'string' ||
      typeof r.file !== 'string' ||
      typeof r.sheet !== 'string' ||
      typeof r.year !== 'number' ||
      !Number.isFinite(r.year)
    )
      return false;
  }
  return true;
}

/**
 * One report per (unit, year): when a unit has several sheets for a year (a
 * validation error reported elsewhere), keep the first by file then sheet name,
 * so the result does not depend on the order workbooks were read.
 */
export function oneReportPerUnit(reports: UnitYear[]): UnitYear[] {
  const sorted = [...reports].sort(
    (a, b) =>
      compareText(a.unitCode, b.unitCode) ||
      a.year - b.year ||
      compareText(a.file, b.file) ||
      compareText(a.sheet, b.sheet),
  );
  // With text codes, files and sheets and finite years the order is total: reports of one unit
  // and year lie side by side, and the first of each run is kept (no key text per report).
  const plain = plainReports(sorted);
  if (plain)
    return sorted.filter((r, i) => i === 0 || r.unitCode !== sorted[i - 1].unitCode || r.year !== sorted[i - 1].year);
  const seen = new Set<string>();
  return sorted.filter((r) => {
    const key = `${r.unitCode}\u0000${r.year}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const empty12 = <T>(): (T | null)[] => Array(12).fill(null);

/**
 * Sum reports (already sorted by unit code) month by month into one report for `unit`. Stocks
 * in the first `before` months (before the merger) add each part's latest figure so far, in the
 * months where any part has one: an old unit that skipped June still counts with May's figure.
 */
function combine(
  unit: Unit,
  year: number,
  parts: UnitYear[],
  stocks: ReadonlySet<string> | undefined,
  before: number,
  ownIsArea = false,
  seed?: {
    of: (part: UnitYear, stock: string) => { value: number; month: number } | undefined;
    /** The period's last month: a part with a figure up to it is not seeded (as carryLastYear). */
    upTo: number;
    into: SeededStock[];
  },
  formers?: ReadonlySet<UnitYear>,
): UnitYear {
  const values: Record<string, (number | null)[]> = {};
  const notes: Record<string, (string | null)[]> = {};
  const submitted = empty12<string>();
  const invalid: string[] = [];
  const own = parts.find((p) => p.unitCode === unit.code);
  for (const part of parts) {
    for (const [code, months] of Object.entries(part.values)) {
      values[code] ??= empty12<number>();
      const target = values[code];
      months.forEach((v, i) => {
        if (v !== null && v !== undefined && i < 12) target[i] = (target[i] ?? 0) + v;
      });
    }
    for (const [code, months] of Object.entries(part.notes)) {
      notes[code] ??= empty12<string>();
      const target = notes[code];
      // An old commune's text says whose it is: "Nậm Vì: …".
      const prefix = part.unitCode === unit.code ? '' : `${part.unitName}: `;
      months.forEach((t, i) => {
        if (t?.trim() && i < 12) target[i] = target[i] ? `${target[i]}; ${prefix}${t}` : `${prefix}${t}`;
      });
    }
    part.submitted.forEach((d, i) => {
      if (d && i < 12 && (!submitted[i] || d > (submitted[i] as string))) submitted[i] = d;
    });
    invalid.push(...part.invalid);
  }
  // The unit's own submission date wins over its predecessors' (latest) dates.
  own?.submitted.forEach((d, i) => {
    if (d && i < 12) submitted[i] = d;
  });
  if (stocks && before > 0 && parts.length > 1)
    for (const code of stocks) {
      const target = values[code];
      if (!target) continue;
      const series = parts.map((part) => part.values[code]);
      const latest: (number | null)[] = parts.map(() => null);
      // The merged unit's own figure before the merger, when it is the whole area's (supersede):
      // that month's figure, not added to the old units' (its old units' cells of it are gone).
      const mine = ownIsArea && own ? parts.indexOf(own) : -1;
      // An old unit with no figure of it yet this year counts with its latest of last year (seedOf),
      // up to its first of this year; not when the area's own report has figures of it (they
      // stand for every old unit: nothing is known to lack one).
      const seeds = seed && !(mine >= 0 && anyValue(series[mine], before)) ? parts.map(() => 0) : null;
      const seedMonth = parts.map(() => 0);
      if (seeds)
        for (let p = 0; p < parts.length; p++) {
          if (p === mine || anyValue(series[p], Math.min(before, seed?.upTo ?? 0))) continue;
          const last = seed?.of(parts[p], code);
          if (!last) continue;
          latest[p] = last.value;
          seedMonth[p] = last.month;
        }
      for (let i = 0; i < before; i++) {
        const ownV = mine >= 0 ? series[mine]?.[i] : null;
        if (ownV) {
          target[i] = ownV;
          continue;
        }
        let any = false;
        for (let p = 0; p < parts.length; p++) {
          if (p === mine) continue;
          const v = series[p]?.[i];
          if (v === null || v === undefined) continue;
          latest[p] = v;
          any = true;
        }
        if (!any) continue;
        let acc = 0;
        for (let p = 0; p < parts.length; p++) {
          acc += latest[p] ?? 0;
          // Still last year's figure (none of its own yet): the month counts it.
          if (seeds && seedMonth[p] && !anyValue(series[p], i + 1)) seeds[p] |= 1 << i;
        }
        target[i] = acc;
      }
      if (seeds && seed)
        for (let p = 0; p < parts.length; p++)
          if (seeds[p])
            seed.into.push({
              unit,
              code: parts[p].unitCode,
              report: parts[p],
              stock: code,
              month: seedMonth[p],
              months: seeds[p],
            });
    }
  for (const months of Object.values(values))
    months.forEach((v, i) => {
      if (v !== null) months[i] = Number(v.toPrecision(15));
    });
  const formerSubmitted = formers?.size ? formerSubmissions(parts, formers, own) : [];
  return {
    unitCode: unit.code,
    unitName: unit.name,
    unitKind: unit.kind,
    year,
    file: own ? own.file : parts.map((p) => p.file).join(', '),
    sheet: own ? own.sheet : parts.map((p) => p.sheet).join(', '),
    values,
    notes,
    submitted,
    cells: own ? own.cells : {},
    submittedCells: own ? own.submittedCells : [],
    invalid,
    ...(formerSubmitted.length ? { formerSubmitted } : {}),
  };
}

/**
 * The old units' dates in a merged unit's report (UnitYear.formerSubmitted): where its own report
 * gives a date, the month's date is that one (combine), so no old unit's is kept for it.
 */
function formerSubmissions(parts: UnitYear[], formers: ReadonlySet<UnitYear>, own: UnitYear | undefined) {
  const out: FormerSubmission[] = [];
  for (const part of parts) {
    if (!formers.has(part)) continue;
    const dates = empty12<string>();
    const undated: number[] = [];
    for (let i = 0; i < 12; i++) {
      if (own?.submitted[i]) continue;
      const d = part.submitted[i];
      if (d) dates[i] = d;
      else if (hasData(part, i + 1) && !(own && hasData(own, i + 1))) undated.push(i + 1);
    }
    out.push({
      code: part.unitCode,
      name: part.unitName,
      ...(part.unitKind !== undefined ? { kind: part.unitKind } : {}),
      dates,
      undated,
    });
  }
  return out;
}

/** Whether a series has a figure in its first `n` months. */
function anyValue(series: (number | null)[] | undefined, n: number): boolean {
  if (!series) return false;
  for (let i = 0; i < n && i < series.length; i++) if (series[i] !== null && series[i] !== undefined) return true;
  return false;
}

/**
 * Per unit code its reports of years up to `maxYear`, one per year: the one oneReportPerUnit keeps
 * (the first by file then sheet, then input order), in year order. One pass and no sort when codes,
 * files and sheets are texts and years finite numbers (as the reader gives them); else through
 * oneReportPerUnit.
 */
export function reportsByCode(reports: readonly UnitYear[], maxYear: number): Map<string, UnitYear[]> {
  const byCode = new Map<string, UnitYear[]>();
  const plain = plainReports(reports);
  if (!plain) {
    for (const r of oneReportPerUnit(reports.filter((r) => r.year <= maxYear))) {
      const list = byCode.get(r.unitCode);
      if (list) list.push(r);
      else byCode.set(r.unitCode, [r]);
    }
    return byCode;
  }
  let unsorted = false;
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i];
    if (!(r.year <= maxYear)) continue;
    const list = byCode.get(r.unitCode);
    if (!list) {
      byCode.set(r.unitCode, [r]);
      continue;
    }
    let at = 0;
    while (at < list.length && list[at].year !== r.year) at++;
    if (at === list.length) {
      unsorted ||= r.year < list[at - 1].year;
      list.push(r);
    } else if ((compareText(r.file, list[at].file) || compareText(r.sheet, list[at].sheet)) < 0) list[at] = r;
  }
  if (unsorted) for (const list of byCode.values()) list.sort((a, b) => a.year - b.year);
  return byCode;
}

/**
 * reportsByCode with each code's one report instead of a list, when no code has two reports of
 * years up to `maxYear` and the reports are plain (the usual case: one year's reports, one per
 * unit, as the reader gives them); else null. No list is made per code.
 */
export function soleReportByCode(reports: readonly UnitYear[], maxYear: number): Map<string, UnitYear> | null {
  if (!plainReports(reports)) return null;
  const byCode = new Map<string, UnitYear>();
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i];
    if (!(r.year <= maxYear)) continue;
    if (byCode.has(r.unitCode)) return null;
    byCode.set(r.unitCode, r);
  }
  return byCode;
}

/**
 * Whether `unit` is one old unit become it alone (a renaming, or a new code): one predecessor, no
 * longer a unit of the list, that no other unit lists. Messages then say "đổi tên", not "sáp nhập".
 */
export function isRenaming(unit: Pick<Unit, 'code' | 'succession'>, units: readonly Unit[]): boolean {
  const p = unit.succession?.predecessors ?? [];
  if (p.length !== 1 || p[0] === unit.code) return false;
  let takers = 0;
  for (const u of units) {
    if (u.code === p[0]) return false;
    if (u.succession?.predecessors?.includes(p[0])) takers++;
  }
  return takers === 1;
}

/**
 * Whether the old unit `oldCode` became one unit of `units` alone (isRenaming of the unit listing
 * it). The one test of "renamed or merged" for naming an old unit: "nay là" / "đổi tên" then,
 * else "nay thuộc" / "sáp nhập" (oldUnitNames, and the shells' labels).
 */
export function isRenamedFrom(oldCode: string, units: readonly Unit[]): boolean {
  let taker: Unit | undefined;
  for (const u of units) {
    if (u.code === oldCode) return false;
    if (!u.succession?.predecessors?.includes(oldCode)) continue;
    if (taker) return false;
    taker = u;
  }
  return taker !== undefined && isRenaming(taker, units);
}

/**
 * The old unit among `olds` that has `unitName` and no report of the year (`reported`), or
 * undefined: the new unit most likely goes on in that old unit's sheet under its new code, so the
 * sheet's months before the merger are that old unit's, not the whole area's (see supersede), and
 * the other old units' are added to them. `formerNames`: the old units' names (formerUnits).
 */
export function namesakeGoingOn(
  unitName: string,
  olds: readonly string[],
  formerNames: ReadonlyMap<string, string> | undefined,
  reported: (code: string) => boolean,
): string | undefined {
  if (!formerNames?.size) return undefined;
  const name = normalizeName(unitName);
  for (const code of olds) {
    const former = formerNames.get(code);
    if (former !== undefined && normalizeName(former) === name && !reported(code)) return code;
  }
  return undefined;
}

/**
 * Whether old unit `code` is counted for `unit`: its own code, or one that is no current unit in
 * its own right and, when split (`split`: claimants), whose first successor is `unit`.
 */
function countsFor(
  code: string,
  unit: Unit,
  current: ReadonlySet<string>,
  split: ReadonlyMap<string, Unit[]>,
): boolean {
  if (code !== unit.code && current.has(code)) return false;
  return (split.get(code)?.[0] ?? unit) === unit;
}

/** `unit`'s predecessors whose reports Tổng hợp counts for it (mapToSuccessors' `olds`). */
export function countedPredecessors(unit: Unit, units: readonly Unit[]): string[] {
  const current = new Set(units.map((u) => u.code));
  const split = claimants(units);
  return (unit.succession?.predecessors ?? []).filter(
    (code, i, all) => all.indexOf(code) === i && countsFor(code, unit, current, split),
  );
}

/** Whether any unit lists predecessors (most summaries: none, and mapping is a look-up). */
function anySuccession(units: readonly Unit[]): boolean {
  for (let i = 0; i < units.length; i++) if (units[i].succession?.predecessors?.length) return true;
  return false;
}

/**
 * Map reports onto `units`. `period` limits the input to years up to the period's
 * year (reports of later years cannot be "previous" or current data). The succession
 * date (`from`) is not needed: old codes only carry data from before the merger.
 * An old unit listed as predecessor of several current units (a split; the table has no
 * shares) is counted once, in full, for the first of them by name in Vietnamese order,
 * then by code, whatever the order of `units`; the others do not include it. So totals
 * (sums of the mapped reports) count each old report once. `splits` lists such units.
 */
export function mapToSuccessors(
  reports: UnitYear[],
  units: Unit[],
  period: Period,
  options: MappingOptions = {},
): SuccessionResult {
  const mapped: UnitYear[] = [];
  if (!anySuccession(units)) {
    // Each unit takes the reports of its own code; codes of no unit are unmatched.
    const current = new Set<string>();
    const unmatched: string[] = [];
    const sole = soleReportByCode(reports, period.year);
    if (sole) {
      for (let i = 0; i < units.length; i++) {
        const unit = units[i];
        current.add(unit.code);
        const own = sole.get(unit.code);
        if (own) mapped.push(renamed(own, unit.name, unit.kind));
      }
      // The map's codes in its order: each report up to the year, once (no iterator per key).
      for (let i = 0; i < reports.length; i++) {
        const r = reports[i];
        if (r.year <= period.year && !current.has(r.unitCode)) unmatched.push(r.unitCode);
      }
      return withGaps({ mapped, unmatched: unmatched.sort(compareText), splits: [] }, options);
    }
    const byCode = reportsByCode(reports, period.year);
    for (let i = 0; i < units.length; i++) {
      const unit = units[i];
      current.add(unit.code);
      const own = byCode.get(unit.code);
      if (own) for (let k = 0; k < own.length; k++) mapped.push(renamed(own[k], unit.name, unit.kind));
    }
    byCode.forEach((_, code) => {
      if (!current.has(code)) unmatched.push(code);
    });
    return withGaps({ mapped, unmatched: unmatched.sort(compareText), splits: [] }, options);
  }
  const byCode = reportsByCode(reports, period.year);
  const used = new Set<string>();
  const current = new Set(units.map((u) => u.code));
  const split = claimants(units);
  const cutoffDay = options.cutoffDay ?? 15;
  const lastMonth = periodBounds(period)[1];
  const lastYearStock = options.lastYearStock;
  // Not when this year's sheet has no row of the stock (the reader says so; carryLastYear's rule).
  const seedOf = lastYearStock
    ? (part: UnitYear, stock: string) => (hasRow(part, stock) ? lastYearStock(part.unitCode, stock) : undefined)
    : undefined;
  const gaps: PredecessorGap[] = [];
  const afterMerger: PredecessorGap[] = [];
  const overlap: PredecessorGap[] = [];
  const dateSlips: MergerDateSlip[] = [];
  const renamedGoesOn: PredecessorGap[] = [];
  const seeded: SeededStock[] = [];
  // Months before the merger per `from` and year (units of one merger share both).
  const beforeOf = new Map<string, number>();
  const before = (from: string, year: number) => {
    const key = `${from}\u0000${year}`;
    const known = beforeOf.get(key);
    if (known !== undefined) return known;
    const n = monthsBeforeMerger(from, year, cutoffDay);
    beforeOf.set(key, n);
    return n;
  };
  for (const unit of units) {
    const predecessors = unit.succession?.predecessors ?? [];
    const codes = predecessors.length
      ? [unit.code, ...predecessors].filter((c, i, all) => all.indexOf(c) === i)
      : [unit.code];
    const parts: UnitYear[] = [];
    // The old units whose reports make up the unit's months before the merger.
    const olds: string[] = [];
    for (const code of codes) {
      // A predecessor that is still a current unit in its own right keeps its data; a split old
      // unit counts for its first successor only.
      if (!countsFor(code, unit, current, split)) continue;
      for (const r of byCode.get(code) ?? []) parts.push(r);
      used.add(code);
      if (predecessors.includes(code)) olds.push(code);
    }
    const from = unit.succession?.from ?? '';
    // The one old unit of a unit that is no other's (a renaming, or a new code): its sheet going on
    // after the merger, while the unit has no report of its own, is the unit's, as a namesake's is.
    const only = predecessors.length === 1 ? predecessors[0] : undefined;
    const renamedFrom = only !== undefined && olds.includes(only) && !split.has(only) ? only : undefined;
    // The new unit going on in its namesake's sheet under its new code (that old unit has no report
    // of its own that year): its months before the merger are that old unit's, and the others' are
    // added to them.
    const namesakeGoesOn = (year: number) =>
      namesakeGoingOn(unit.name, olds, options.formerNames, (code) =>
        parts.some((p) => p.year === year && p.unitCode === code),
      ) !== undefined;
    // Whether the new unit's own figures before the merger are the whole area's (see supersede):
    // not when its code is an old unit's, nor when it goes on in its namesake's sheet.
    const ownIsArea = (year: number) => !predecessors.includes(unit.code) && !namesakeGoesOn(year);
    // The months of `year` that are the old units': before the merger; later when the merger date
    // was typed early (07/01 for 01/07): every old unit went on, month after month, up to the month
    // before the new one's first, and stopped there. Their months are then counted (the new unit
    // has none of them: nothing is added twice), and the date is questioned (dateSlips). Anything
    // less (an old commune typing on in its sheet) is left out as after any merger.
    const oldsUpTo = (year: number) => {
      const cut = before(from, year);
      if (!ownIsArea(year)) return cut;
      const own = parts.find((p) => p.unitCode === unit.code && p.year === year);
      const first = firstOwnMonth(own, 12);
      if (first > cut + 1) {
        const handover = olds.every((code) => {
          const p = parts.find((x) => x.year === year && x.unitCode === code);
          if (!p || anyMonth(p, first, 12)) return false;
          for (let m = cut + 1; m < first; m++) if (!hasMonth(p, m)) return false;
          return true;
        });
        if (handover) return first - 1;
      }
      return cut;
    };
    // Old units' empty months are gaps up to the merger; but when they all stopped reporting in
    // the month the new unit began (a merger date typed late), the months from then on are its own.
    const gapsUpTo = (year: number) => {
      const cut = before(from, year);
      if (!ownIsArea(year)) return cut;
      const first = firstOwnMonth(
        parts.find((p) => p.unitCode === unit.code && p.year === year),
        cut,
      );
      if (!first) return cut;
      const upTo = first - 1;
      const theirs = parts.filter((p) => p.year === year && p.unitCode !== unit.code);
      const handover = theirs.some((p) => anyMonth(p, 1, upTo)) && theirs.every((p) => !anyMonth(p, upTo + 1, cut));
      return handover ? upTo : cut;
    };
    if (options.gaps && olds.length && parts.some((p) => p.year === period.year)) {
      const upTo = Math.min(gapsUpTo(period.year), lastMonth);
      const own = parts.find((p) => p.unitCode === unit.code && p.year === period.year);
      const reportOf = (code: string) => parts.find((p) => p.unitCode === code && p.year === period.year);
      // The months the new unit's own report has, when it is the area's: its old units' too (their
      // figures of those months are its, as supersede says), so none of them is missing there.
      const area = areaReport(unit, olds, reportOf, options.formerNames);
      for (const code of olds) {
        const report = reportOf(code);
        const formerName = options.formerNames?.get(code);
        const sheet =
          report ??
          (own && formerName !== undefined && normalizeName(formerName) === normalizeName(unit.name) ? own : undefined);
        const months: number[] = [];
        for (let m = 1; m <= upTo; m++)
          if ((!sheet || !hasMonth(sheet, m)) && !(area && hasData(area, m))) months.push(m);
        if (months.length)
          gaps.push(
            report ? { unit, code, year: period.year, report, months } : { unit, code, year: period.year, months },
          );
      }
    }
    // The common case: one report of the unit's own code.
    if (parts.length === 1 && parts[0].unitCode === unit.code) {
      mapped.push(renamed(parts[0], unit.name, unit.kind));
      continue;
    }
    const years = [...new Set(parts.map((p) => p.year))].sort((a, b) => a - b);
    for (const year of years) {
      let ofYear = parts.filter((p) => p.year === year).sort((a, b) => compareText(a.unitCode, b.unitCode));
      // After the merger only the new unit reports. An old unit's later months count only in the
      // sheet the new one goes on in (no report of its own code, the old one of the same name).
      let upTo = 0;
      let ownArea = false;
      // The old units' reports (not the unit's own sheet, nor its namesake's going on): whose dates.
      const formers = new Set<UnitYear>();
      if (from && olds.length) {
        const cut = before(from, year);
        upTo = oldsUpTo(year);
        if (upTo > cut && options.gaps && year === period.year) {
          // A renamed unit's old sheet that went on up to the month before its new one began: the
          // clerk kept the old file for a while, the date is right (renamedGoesOn, as in the months
          // before the new sheet began), not a merger date typed early.
          const goesOn = renamedFrom === undefined ? undefined : ofYear.find((p) => p.unitCode === renamedFrom);
          if (goesOn) {
            const after: number[] = [];
            for (let m = cut + 1; m <= upTo; m++) if (hasMonth(goesOn, m)) after.push(m);
            renamedGoesOn.push({ unit, code: goesOn.unitCode, year, report: goesOn, months: after, ownFrom: upTo + 1 });
          } else dateSlips.push({ unit, year, lastOld: upTo });
        }
        const continues = !ofYear.some((p) => p.unitCode === unit.code);
        const own = ownIsArea(year) ? ofYear.find((p) => p.unitCode === unit.code) : undefined;
        ownArea = own !== undefined;
        ofYear = ofYear.map((p) => {
          if (p.unitCode === unit.code) return p;
          if (continues && normalizeName(p.unitName) === normalizeName(unit.name)) return p;
          if (continues && p.unitCode === renamedFrom) {
            const after: number[] = [];
            for (let m = upTo + 1; m <= 12; m++) if (hasMonth(p, m)) after.push(m);
            if (after.length && options.gaps && year === period.year)
              renamedGoesOn.push({ unit, code: p.unitCode, year, report: p, months: after });
            return p;
          }
          let kept = p;
          // Before the merger: a figure the new unit's own report has too (not 0) is the area's,
          // and the old unit's figure of that cell is not added to it again.
          const twice = own ? supersede(p, own, Math.min(cut, upTo)) : null;
          if (twice) {
            kept = twice.report;
            if (options.gaps && year === period.year)
              overlap.push({ unit, code: p.unitCode, year, report: p, months: twice.months });
          }
          const after: number[] = [];
          for (let m = upTo + 1; m <= 12; m++) if (hasMonth(p, m)) after.push(m);
          if (after.length && options.gaps && year === period.year)
            afterMerger.push({ unit, code: p.unitCode, year, report: p, months: after });
          const former = after.length ? untilMerger(kept, upTo) : kept;
          formers.add(former);
          return former;
        });
      }
      const itself = ofYear.length === 1 && ofYear[0].unitCode === unit.code;
      mapped.push(
        itself
          ? renamed(ofYear[0], unit.name, unit.kind)
          : combine(
              unit,
              year,
              ofYear,
              options.stocks,
              options.stocks?.size ? upTo : 0,
              ownArea,
              year === period.year && seedOf ? { of: seedOf, upTo: lastMonth, into: seeded } : undefined,
              formers,
            ),
      );
    }
  }
  const unmatched = [...byCode.keys()].filter((c) => !used.has(c)).sort(compareText);
  const splits = split.size ? splitPredecessors([...byCode.values()].flat(), units) : [];
  return options.gaps
    ? { mapped, unmatched, splits, gaps, afterMerger, overlap, dateSlips, renamedGoesOn, seeded }
    : { mapped, unmatched, splits, ...(seeded.length ? { seeded } : {}) };
}

/** A result of no succession: with `options.gaps`, an empty list of them. */
function withGaps(result: SuccessionResult, options: MappingOptions): SuccessionResult {
  return options.gaps ? { ...result, gaps: [] } : result;
}
