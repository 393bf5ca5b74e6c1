/**
 * Units that reported only part of a quarter or longer (2 of 3 months): their figures of the period
 * are in the totals, but cover fewer months than the others'. The renderings mark them ("thiếu
 * tháng 8") and count them apart, so that "11/11 đơn vị có số liệu" is not read as complete.
 */
import { periodMonths } from '../periods/period';
import type { CompletenessRow, Summary } from '../types';
import { completenessRowOf, isUnreadable } from './by-code';

/** The months a unit lacks of its own, not only because an old unit of a merger left them empty. */
export function ownMissingMonths(r: CompletenessRow): number[] {
  const gaps = r.formerGaps;
  return gaps ? r.missingMonths.filter((m) => !gaps.some((g) => g.months.includes(m))) : r.missingMonths;
}

/**
 * In a quarter or longer, whether a unit missing months sent some of its own (typed-in months not
 * sent yet count as not sent): it has reported, in part, and is listed apart from those that sent
 * none, "chưa báo cáo", whom the district phones first. The narrative's test, for every list.
 */
export function sentSomeMonths(r: CompletenessRow, periodLength: number): boolean {
  return periodLength > 1 && ownMissingMonths(r).length < periodLength;
}

/**
 * In a period of several months, the months a unit has neither figures nor a report of, when it has
 * some of the period; empty otherwise (a month, a unit complete or with none, a report not read).
 * Months typed in but not sent yet are not lacking: their figures are counted.
 */
export function partialMonths(summary: Summary, code: string): number[] {
  const length = periodMonths(summary.period).length;
  if (length < 2) return [];
  const r = completenessRowOf(summary, code);
  if (r?.status !== 'missing' || isUnreadable(summary, code)) return [];
  const unsent = r.unsentMonths ?? [];
  const lacking = ownMissingMonths(r).filter((m) => !unsent.includes(m));
  return lacking.length < length ? lacking : [];
}

/** Codes of the units partialMonths finds, in completeness order. */
export function partialUnits(summary: Summary): string[] {
  if (periodMonths(summary.period).length < 2) return [];
  return summary.completeness.rows.filter((r) => partialMonths(summary, r.unitCode).length).map((r) => r.unitCode);
}
