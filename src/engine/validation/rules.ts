/**
 * Cross-field checks of one unit's report, DHIS2 style: per month, the sum of the
 * left indicators compared with the sum of the right ones; plus min–max outliers.
 */
import { FINDING_TEXT as T, type Where } from '../../messages/vi/findings';
import { reportDisplayName } from '../sheet/layout';
import { type FlatLayout, flatBase, flatOf, layoutOf } from '../sheet/sheet-report';
import { dongPerUnit } from '../text/measure';
import { nearlyEqual, tidy } from '../text/number';
import type { Catalogue, Finding, Indicator, RuleOperator, UnitYear, ValidationRule } from '../types';
import { breakdownTotal } from './breakdown';
import { hasCell } from './presence';
import { reportFinding } from './report-finding';

const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const EQ = 1;
const LE = 2;
const GE = 3;

function holds(left: number, op: RuleOperator, right: number): boolean {
  // Amounts are decimals: 0.1 + 0.2 must equal 0.3.
  const eq = nearlyEqual(left, right);
  switch (op) {
    case '==':
      return eq;
    case '!=':
      return !eq;
    case '<=':
      return left < right || eq;
    case '<':
      return left < right && !eq;
    case '>=':
      return left > right || eq;
    case '>':
      return left > right && !eq;
  }
}

type Series = readonly (number | null | undefined)[] | undefined;

/** A side's values in month `i` (0-based): null when every one is missing, else the tidy sum. */
function sideSum(series: Series[], side: number[], i: number): number | null {
  let acc = 0;
  let any = false;
  for (let k = 0; k < side.length; k++) {
    const v = series[side[k]]?.[i];
    if (v === null || v === undefined) continue;
    any = true;
    acc += v;
  }
  return any ? tidy(acc) : null;
}

/** sideSum over a report's flat numbers (NaN = empty); `at[c]` is code c's place, -1 if absent. */
function sideSumFlat(flat: Float64Array, at: Int32Array, side: number[], i: number): number | null {
  let acc = 0;
  let any = false;
  for (let k = 0; k < side.length; k++) {
    const p = at[side[k]];
    if (p < 0) continue;
    const v = flat[p + i];
    if (Number.isNaN(v)) continue;
    any = true;
    acc += v;
  }
  return any ? tidy(acc) : null;
}

/**
 * "CODE:month" keys → per code the months; holds `m` exactly when the key `${code}:${m}` is
 * in the list (the month text must be how that number prints, so "05" is not 5).
 */
function invalidMonths(keys: string[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const key of keys) {
    const at = key.lastIndexOf(':');
    if (at < 0) continue;
    const text = key.slice(at + 1);
    const m = Number(text);
    if (String(m) !== text) continue;
    const code = key.slice(0, at);
    let months = out.get(code);
    if (!months) {
      months = new Set();
      out.set(code, months);
    }
    months.add(m);
  }
  return out;
}

/** A catalogue's rules and maxima in the form checkRules walks; build once for many reports. */
export interface CompiledRules {
  /** Every code the rules use, once; sides refer to it by position. */
  codes: string[];
  /** Indicator labels by code (a blank total's row, named in its finding). */
  labels: Map<string, string>;
  rules: { rule: ValidationRule; codes: string[]; label: string | undefined; left: number[]; right: number[] }[];
  maxima: Indicator[];
  /** Per rule: EQ, LE or GE when its operator is '==', '<=' or '>=' (a quick test may pass it), else 0. */
  weak: Uint8Array;
  /**
   * Per rule, the bounds a month's plain difference (left − right) within which the quick pass
   * takes the rule as met: [0, 0] for '==', [−∞, 0] for '<=', [0, ∞] for '>=', NaN (nothing) else.
   */
  low: Float64Array;
  high: Float64Array;
  /** Per flat layout (one per read): each code's place, then each maximum's place (-1: absent). */
  places: WeakMap<FlatLayout, Places>;
  /** The layout and places of the last report (a read has one layout: no look-up per report). */
  lastLayout: FlatLayout | null;
  lastPlaces: Places | null;
}

interface Places {
  codes: Int32Array;
  maxima: Int32Array;
  /**
   * The maxima present in the layout (anyFindingAllMonths' test): their places and their maxima,
   * a maximum that is not a number (no catalogue's: the schema wants one ≥ 0) taken as −∞, so that
   * the test says "maybe" for every figure and the walk decides, as it does for any other "maybe".
   */
  maxAt: Int32Array;
  maxOf: Float64Array;
  /** Per rule, the places of its sides' codes present in the layout (absent ones add nothing). */
  left: Int32Array[];
  right: Int32Array[];
}

function placesIn(compiled: CompiledRules, layout: FlatLayout): Places {
  if (compiled.lastLayout === layout) return compiled.lastPlaces as Places;
  let p = compiled.places.get(layout);
  if (!p) {
    const at = (code: string) => {
      const k = layout.position.get(code);
      return k === undefined ? -1 : k * 12;
    };
    const codes = Int32Array.from(compiled.codes, at);
    const present = (side: number[]) => Int32Array.from(side.map((c) => codes[c]).filter((x) => x >= 0));
    const maxima = Int32Array.from(compiled.maxima, (i) => at(i.code));
    const kept = compiled.maxima.filter((_, x) => maxima[x] >= 0);
    p = {
      codes,
      maxima,
      maxAt: maxima.filter((q) => q >= 0),
      maxOf: Float64Array.from(kept, (i) => {
        const max = Number(i.max);
        return Number.isNaN(max) ? Number.NEGATIVE_INFINITY : max;
      }),
      left: compiled.rules.map((r) => present(r.left)),
      right: compiled.rules.map((r) => present(r.right)),
    };
    compiled.places.set(layout, p);
  }
  compiled.lastLayout = layout;
  compiled.lastPlaces = p;
  return p;
}

/** Months 1–12, each a whole number: the months the flat check can read. */
function plainMonths(months: number[]): boolean {
  if (months === ALL_MONTHS) return true;
  for (const m of months) if (!Number.isInteger(m) || m < 1 || m > 12) return false;
  return true;
}

/** sideSumFlat over places already resolved (`places`: the side's codes present in the layout). */
function placedSum(flat: Float64Array, places: Int32Array, at: number): number | null {
  let acc = 0;
  let any = false;
  for (let x = 0; x < places.length; x++) {
    const v = flat[places[x] + at];
    if (Number.isNaN(v)) continue;
    any = true;
    acc += v;
  }
  return any ? tidy(acc) : null;
}

/** Whether rule `k` fails in the month at `at` (the flat walk of checkRules, without a finding). */
function breaks(flat: Float64Array, at: number, compiled: CompiledRules, p: Places, k: number): boolean {
  const { rule } = compiled.rules[k];
  const l = placedSum(flat, p.left[k], at);
  const r = placedSum(flat, p.right[k], at);
  if (rule.missing === 'treatAsZero') {
    if (l === null && r === null) return false;
  } else if (l === null || (rule.right.length > 0 && r === null)) return blankTotal(rule, l, r);
  return !holds(l ?? 0, rule.operator, r ?? 0);
}

/**
 * Parts typed but their total left blank ("đơn khiếu nại" 2, "Tổng số đơn" empty): the clerk
 * expects the total to add itself up. Only a breakdown rule (parts == one total) says so, and
 * only when the parts are not all 0; the total is never filled in for them.
 */
function blankTotal(rule: ValidationRule, left: number | null, right: number | null): boolean {
  return breakdownTotal(rule) && left !== null && left !== 0 && right === null;
}

/**
 * Whether checkRules would find anything in a flat report with no invalid cell. Most months of
 * most reports have every value of a rule and meet it: the plain sums (an empty value makes
 * them NaN) show that at once. tidy never reverses an order (it rounds to 15 digits or leaves a
 * number be), so l === r, l <= r or l >= r holds after it too, and an absent side sums to the
 * 0 it counts as. Any other month (an empty value, a strict operator, a failure, ∞ − ∞) takes
 * the walk's own sums and strategies (breaks). Allocates nothing; a report that may break a
 * rule is then walked in full, so findings are made in one place only.
 */
function anyFinding(flat: Float64Array, base: number, compiled: CompiledRules, p: Places, months: number[]): boolean {
  for (let k = 0; k < compiled.rules.length; k++) {
    const lp = p.left[k];
    const rp = p.right[k];
    const weak = compiled.weak[k];
    // Sides of up to four codes (every default rule) summed without a loop, in the same order.
    const nl = lp.length;
    const l0 = nl > 0 ? lp[0] : 0;
    const l1 = nl > 1 ? lp[1] : 0;
    const l2 = nl > 2 ? lp[2] : 0;
    const l3 = nl > 3 ? lp[3] : 0;
    const r0 = rp.length > 0 ? rp[0] : 0;
    for (let j = 0; j < months.length; j++) {
      const at = base + months[j] - 1;
      let l: number;
      if (nl === 1) l = 0 + flat[l0 + at];
      else if (nl === 2) l = 0 + flat[l0 + at] + flat[l1 + at];
      else if (nl === 3) l = 0 + flat[l0 + at] + flat[l1 + at] + flat[l2 + at];
      else if (nl === 4) l = 0 + flat[l0 + at] + flat[l1 + at] + flat[l2 + at] + flat[l3 + at];
      else {
        l = 0;
        for (let x = 0; x < nl; x++) l += flat[lp[x] + at];
      }
      let r: number;
      if (rp.length === 1) r = 0 + flat[r0 + at];
      else {
        r = 0;
        for (let x = 0; x < rp.length; x++) r += flat[rp[x] + at];
      }
      const d = l - r;
      if (weak === EQ ? d === 0 : weak === LE ? d <= 0 : weak === GE && d >= 0) continue;
      if (breaks(flat, at, compiled, p, k)) return true;
    }
  }
  for (let x = 0; x < compiled.maxima.length; x++) {
    const q = p.maxima[x];
    if (q < 0) continue;
    const max = compiled.maxima[x].max as number;
    for (let j = 0; j < months.length; j++) {
      const v = flat[base + q + months[j] - 1];
      if (!Number.isNaN(v) && !(v <= max)) return true;
    }
  }
  return false;
}

/**
 * The first month from `from` (0-based, of the 12 at `at`) whose plain difference left − right
 * is not within [low, high], or 12. Sides of one to four codes against one (every default rule)
 * take a loop each, so no month tests the side's size. The sums differ from the walk's
 * (0 + a + b …) at most in the sign of a zero sum, which no bound tells apart: −0 and 0 are
 * both within [0, 0], [−∞, 0] and [0, ∞].
 */
function unsettledMonth(
  flat: Float64Array,
  at: number,
  lp: Int32Array,
  rp: Int32Array,
  low: number,
  high: number,
  from: number,
): number {
  const nl = lp.length;
  if (rp.length === 1 && nl > 0 && nl <= 4) {
    const r = rp[0] + at;
    const a = lp[0] + at;
    if (nl === 1) {
      for (let i = from; i < 12; i++) {
        const d = flat[a + i] - flat[r + i];
        if (!(d >= low && d <= high)) return i;
      }
      return 12;
    }
    const b = lp[1] + at;
    if (nl === 2) {
      for (let i = from; i < 12; i++) {
        const d = flat[a + i] + flat[b + i] - flat[r + i];
        if (!(d >= low && d <= high)) return i;
      }
      return 12;
    }
    const c = lp[2] + at;
    if (nl === 3) {
      for (let i = from; i < 12; i++) {
        const d = flat[a + i] + flat[b + i] + flat[c + i] - flat[r + i];
        if (!(d >= low && d <= high)) return i;
      }
      return 12;
    }
    const e = lp[3] + at;
    for (let i = from; i < 12; i++) {
      const d = flat[a + i] + flat[b + i] + flat[c + i] + flat[e + i] - flat[r + i];
      if (!(d >= low && d <= high)) return i;
    }
    return 12;
  }
  for (let i = from; i < 12; i++) {
    let l = 0;
    for (let x = 0; x < nl; x++) l += flat[lp[x] + at + i];
    let r = 0;
    for (let x = 0; x < rp.length; x++) r += flat[rp[x] + at + i];
    const d = l - r;
    if (!(d >= low && d <= high)) return i;
  }
  return 12;
}

/**
 * anyFinding over all 12 months (the checker's case): per rule, the months whose plain sums do
 * not settle it (unsettledMonth) take the walk's own sums and strategies (breaks), as there.
 */
function anyFindingAllMonths(flat: Float64Array, base: number, compiled: CompiledRules, p: Places): boolean {
  const { low, high } = compiled;
  for (let k = 0; k < compiled.rules.length; k++) {
    const lp = p.left[k];
    const rp = p.right[k];
    for (let i = unsettledMonth(flat, base, lp, rp, low[k], high[k], 0); i < 12; ) {
      if (breaks(flat, base + i, compiled, p, k)) return true;
      i = unsettledMonth(flat, base, lp, rp, low[k], high[k], i + 1);
    }
  }
  // Every figure of every maximum (34 × 12 per report with the default catalogue): `v > max` is
  // false for an empty figure (NaN), so one comparison each, the twelve months written out.
  const { maxAt, maxOf } = p;
  for (let x = 0; x < maxAt.length; x++) {
    const a = base + maxAt[x];
    const max = maxOf[x];
    if (
      flat[a] > max ||
      flat[a + 1] > max ||
      flat[a + 2] > max ||
      flat[a + 3] > max ||
      flat[a + 4] > max ||
      flat[a + 5] > max ||
      flat[a + 6] > max ||
      flat[a + 7] > max ||
      flat[a + 8] > max ||
      flat[a + 9] > max ||
      flat[a + 10] > max ||
      flat[a + 11] > max
    )
      return true;
  }
  return false;
}

export function compileRules(catalogue: Catalogue): CompiledRules {
  const labels = new Map(catalogue.indicators.map((i) => [i.code, i.label]));
  const codes = [...new Set(catalogue.rules.flatMap((r) => [...r.left, ...r.right]))];
  const at = (c: string) => codes.indexOf(c);
  return {
    codes,
    labels,
    rules: catalogue.rules.map((rule) => ({
      rule,
      codes: [...rule.left, ...rule.right],
      label: labels.get(rule.left[0]),
      left: rule.left.map(at),
      right: rule.right.map(at),
    })),
    maxima: catalogue.indicators.filter((i) => i.max !== undefined && i.kind !== 'note'),
    weak: Uint8Array.from(catalogue.rules, (r) =>
      r.operator === '==' ? EQ : r.operator === '<=' ? LE : r.operator === '>=' ? GE : 0,
    ),
    low: Float64Array.from(catalogue.rules, (r) =>
      r.operator === '==' || r.operator === '>=' ? 0 : r.operator === '<=' ? Number.NEGATIVE_INFINITY : Number.NaN,
    ),
    high: Float64Array.from(catalogue.rules, (r) =>
      r.operator === '==' || r.operator === '<=' ? 0 : r.operator === '>=' ? Number.POSITIVE_INFINITY : Number.NaN,
    ),
    places: new WeakMap(),
    lastLayout: null,
    lastPlaces: null,
  };
}

/**
 * Findings for one report, months in order and, within a month, rules in catalogue
 * order. Missing values follow each rule's strategy: 'skipIfAnySideMissing' (the
 * default) skips a month when every indicator of either side is empty; 'treatAsZero'
 * checks whenever any indicator of the rule has a value. A month where one of the
 * rule's cells is invalid is skipped: that cell already has its own error, and a
 * sum without it would only add a misleading second one. A rule is not judged in a
 * month for which the sheet has no cell of one of its indicators (no row for it: an
 * indicator added to the catalogue since the sheet was made; or no month column):
 * the commune could not meet it, and the reader already warns of the missing row.
 */
export function checkRules(
  report: UnitYear,
  catalogue: Catalogue,
  months: number[] = ALL_MONTHS,
  compiled: CompiledRules = compileRules(catalogue),
): Finding[] {
  return months === ALL_MONTHS ? (ruleFindings(report, compiled) ?? []) : walk(report, months, compiled);
}

/**
 * checkRules over all months for the checker: null when the report surely has no finding (most
 * reports: a reader report with no invalid cell whose quick pass finds nothing), so nothing is
 * made per report; else its findings.
 */
export function ruleFindings(report: UnitYear, compiled: CompiledRules): Finding[] | null {
  if (report.invalid.length === 0) {
    const layout = layoutOf(report);
    const flat = layout && flatOf(report, layout);
    if (flat && !anyFindingAllMonths(flat, flatBase(report), compiled, placesIn(compiled, layout as FlatLayout)))
      return null;
  }
  const found = walk(report, ALL_MONTHS, compiled);
  return found.length ? found : null;
}

/**
 * A money figure far above its maximum that fits it once read as đồng (90.000.000 typed in a
 * "triệu đồng" row for a 90-million house): the figure in the row's unit, for the message; else null.
 */
function inDong(value: number, max: number, unit: string): number | null {
  const dong = dongPerUnit(unit);
  if (dong <= 1 || value < dong) return null;
  const asUnit = tidy(value / dong);
  return asUnit <= max ? asUnit : null;
}

/** The cells of month index `i` of `codes` in the report ("M45"; the code where a cell has no name). */
function sideCells(report: UnitYear, codes: string[], i: number): string[] {
  return codes.map((c) => report.cells[c]?.[i] || c);
}

/** Whether the report's sheet has a cell in month `m` for every code (presence.ts). */
function judged(report: UnitYear, codes: string[], m: number): boolean {
  for (let k = 0; k < codes.length; k++) if (!hasCell(report, codes[k], m)) return false;
  return true;
}

/** checkRules itself: the quick pass for other months, then the walk that makes the findings. */
function walk(report: UnitYear, months: number[], compiled: CompiledRules): Finding[] {
  const findings: Finding[] = [];
  // Most reports have no invalid cell and break no rule: resolve each side's month series once
  // per report and sum in place, with nothing built until a rule fails.
  const invalid = report.invalid.length ? invalidMonths(report.invalid) : null;
  const layout = layoutOf(report);
  const flat = layout && flatOf(report, layout);
  const places = layout && flat ? placesIn(compiled, layout) : null;
  const base = flat ? flatBase(report) : 0;
  if (
    flat &&
    !invalid &&
    months !== ALL_MONTHS &&
    plainMonths(months) &&
    !anyFinding(flat, base, compiled, places as Places, months)
  )
    return findings;
  const series: Series[] = [];
  if (!flat) for (const c of compiled.codes) series.push(report.values[c]);
  let unit: string | undefined;

  for (const m of months) {
    const i = m - 1;
    // A blank total is told once a month, though two breakdowns (by type, by field) share it.
    let blankTotals: Set<string> | undefined;
    for (let k = 0; k < compiled.rules.length; k++) {
      const { rule, codes, label } = compiled.rules[k];
      if (invalid && codes.some((c) => invalid.get(c)?.has(m))) continue;
      const left = flat
        ? sideSumFlat(flat, (places as { codes: Int32Array }).codes, compiled.rules[k].left, base + i)
        : sideSum(series, compiled.rules[k].left, i);
      const right = flat
        ? sideSumFlat(flat, (places as { codes: Int32Array }).codes, compiled.rules[k].right, base + i)
        : sideSum(series, compiled.rules[k].right, i);
      if (rule.missing === 'treatAsZero') {
        if (left === null && right === null) continue;
      } else if (left === null || (rule.right.length > 0 && right === null)) {
        if (!blankTotal(rule, left, right) || !judged(report, codes, m)) continue;
        const total = rule.right[0];
        if (blankTotals?.has(total)) continue;
        blankTotals ??= new Set();
        blankTotals.add(total);
        unit ??= reportDisplayName(report);
        const cell = report.cells[total]?.[i] || undefined;
        const w: Where = { unit, cell, indicator: compiled.labels.get(total), month: m };
        if (!unit) Object.assign(w, { file: report.file, sheet: report.sheet });
        findings.push(
          reportFinding(report, {
            severity: 'warning',
            code: 'blank-total',
            cell,
            indicatorCode: total,
            indicatorLabel: compiled.labels.get(total),
            month: m,
            message: T.blankTotal(w, { cells: sideCells(report, rule.left, i), total: left as number }),
          }),
        );
        continue;
      }
      const l = left ?? 0;
      const r = right ?? 0;
      if (holds(l, rule.operator, r)) continue;
      // A sheet without a row (or month column) for one of the rule's indicators cannot meet it:
      // an indicator added to the catalogue after the sheet was made. The reader's
      // 'missing-indicator' warning says so; a row that is there but empty is still judged.
      if (!judged(report, codes, m)) continue;
      unit ??= reportDisplayName(report);
      const first = rule.left[0];
      const cell = report.cells[first]?.[i] || undefined;
      const w: Where = { unit, cell, month: m };
      if (!unit) Object.assign(w, { file: report.file, sheet: report.sheet });
      findings.push(
        reportFinding(report, {
          severity: rule.importance,
          code: 'rule-violation',
          cell,
          indicatorCode: first,
          indicatorLabel: label,
          month: m,
          // Each side by its cells, as the clerk sees them ("ô M45 = 2, ô M40 = 0").
          message: T.ruleViolation(
            w,
            rule.message,
            { cells: sideCells(report, rule.left, i), total: l },
            rule.right.length ? { cells: sideCells(report, rule.right, i), total: r } : null,
          ),
        }),
      );
    }
    for (let x = 0; x < compiled.maxima.length; x++) {
      const ind = compiled.maxima[x];
      let v: number | null;
      if (flat) {
        const p = (places as { maxima: Int32Array }).maxima[x];
        const f = p < 0 ? Number.NaN : flat[base + p + i];
        v = !Number.isNaN(f) ? f : null;
      } else v = report.values[ind.code]?.[i] ?? null;
      if (v === null || v <= (ind.max as number)) continue;
      unit ??= reportDisplayName(report);
      const cell = report.cells[ind.code]?.[i] || undefined;
      findings.push(
        reportFinding(report, {
          severity: 'warning',
          code: 'above-max',
          cell,
          indicatorCode: ind.code,
          indicatorLabel: ind.label,
          month: m,
          message: T.aboveMax(
            { unit, cell, indicator: ind.label, month: m },
            v,
            ind.max as number,
            ind.unit,
            // A row converted from another scale was not typed in đồng: no hint to divide it.
            report.converted?.includes(ind.code) ? null : inDong(v, ind.max as number, ind.unit),
          ),
        }),
      );
    }
  }
  return findings;
}
