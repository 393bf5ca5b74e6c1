/**
 * Cross-field checks of one unit's report, DHIS2 style: per month, the sum of the
 * left indicators compared with the sum of the right ones; plus min–max outliers.
 */
import { FINDING_TEXT as T, type Where } from '../../messages/vi/findings';
import { unitDisplayName } from '../sheet/layout';
import type { Catalogue, Finding, RuleOperator, UnitYear } from '../types';

const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
/** Amounts are decimals: 0.1 + 0.2 must equal 0.3. */
const EPSILON = 1e-9;

function holds(left: number, op: RuleOperator, right: number): boolean {
  const eq = Math.abs(left - right) <= EPSILON * Math.max(1, Math.abs(left), Math.abs(right));
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

/** Sum without binary noise (0.1 + 0.2 → 0.3) so messages show what the user typed. */
function sum(values: (number | null)[]): number {
  return Number(values.reduce<number>((a, v) => a + (v ?? 0), 0).toPrecision(15));
}

function displayName(report: UnitYear): string {
  return report.unitKind ? unitDisplayName({ name: report.unitName, kind: report.unitKind }) : report.unitName;
}

function finding(report: UnitYear, f: Omit<Finding, 'unitCode' | 'unitName' | 'file' | 'sheet'>): Finding {
  const out: Finding = {
    severity: f.severity,
    code: f.code,
    unitCode: report.unitCode,
    unitName: report.unitName,
    file: report.file,
    sheet: report.sheet,
    cell: f.cell,
    indicatorCode: f.indicatorCode,
    indicatorLabel: f.indicatorLabel,
    month: f.month,
    message: f.message,
  };
  for (const k of Object.keys(out) as (keyof Finding)[]) if (out[k] === undefined || out[k] === '') delete out[k];
  return out;
}

/**
 * Findings for one report, months in order and, within a month, rules in catalogue
 * order. Missing values follow each rule's strategy: 'skipIfAnySideMissing' (the
 * default) skips a month when every indicator of either side is empty; 'treatAsZero'
 * checks whenever any indicator of the rule has a value. A month where one of the
 * rule's cells is invalid is skipped: that cell already has its own error, and a
 * sum without it would only add a misleading second one.
 */
export function checkRules(report: UnitYear, catalogue: Catalogue, months: number[] = ALL_MONTHS): Finding[] {
  const findings: Finding[] = [];
  const unit = displayName(report);
  const invalid = new Set(report.invalid);
  const labels = new Map(catalogue.indicators.map((i) => [i.code, i.label]));
  const valueAt = (code: string, m: number) => report.values[code]?.[m - 1] ?? null;

  for (const m of months) {
    for (const rule of catalogue.rules) {
      const codes = [...rule.left, ...rule.right];
      if (codes.some((c) => invalid.has(`${c}:${m}`))) continue;
      const left = rule.left.map((c) => valueAt(c, m));
      const right = rule.right.map((c) => valueAt(c, m));
      const none = (vs: (number | null)[]) => vs.every((v) => v === null);
      if (rule.missing === 'treatAsZero') {
        if (none(left) && none(right)) continue;
      } else if (none(left) || (right.length > 0 && none(right))) continue;
      const l = sum(left);
      const r = sum(right);
      if (holds(l, rule.operator, r)) continue;
      const first = rule.left[0];
      const cell = report.cells[first]?.[m - 1] || undefined;
      const w: Where = { unit, cell, month: m };
      if (!unit) Object.assign(w, { file: report.file, sheet: report.sheet });
      findings.push(
        finding(report, {
          severity: rule.importance,
          code: 'rule-violation',
          cell,
          indicatorCode: first,
          indicatorLabel: labels.get(first),
          month: m,
          message: T.ruleViolation(w, rule.message, l, r),
        }),
      );
    }
    for (const ind of catalogue.indicators) {
      if (ind.max === undefined || ind.kind === 'note') continue;
      const v = valueAt(ind.code, m);
      if (v === null || v <= ind.max) continue;
      const cell = report.cells[ind.code]?.[m - 1] || undefined;
      findings.push(
        finding(report, {
          severity: 'warning',
          code: 'above-max',
          cell,
          indicatorCode: ind.code,
          indicatorLabel: ind.label,
          month: m,
          message: T.aboveMax({ unit, cell, indicator: ind.label, month: m }, v, ind.max, ind.unit),
        }),
      );
    }
  }
  return findings;
}
