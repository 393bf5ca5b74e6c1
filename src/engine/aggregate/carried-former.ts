/**
 * Whether a merged unit's figure "so far" over some stocks is entirely its old units' (it has none
 * of its own yet), and of which month: decided here once, read by the narrative and by the
 * summary's data-quality note, so that the two never tell it differently.
 */
import type { IndicatorSummary } from '../types';

/** The old units' figure a merged unit's figure so far is: their names and latest month with a figure. */
export interface FormerFigure {
  month: number;
  formers: string[];
  /**
   * When the stocks' figures are of different months: each month (ascending) with the labels of the
   * stocks whose figure is of it, so that each is said with its own month, not the latest.
   */
  byIndicator?: { month: number; labels: string[] }[];
}

/**
 * `stocks`: the stocks in which `unitCode`'s figure so far is carried from before the period's
 * last month. Their old units' figure when it is so in every one of them (the latest month over
 * them, and each stock's month when they differ), else null: a stock of the unit's own is carried, said as the unit's earlier report.
 */
export function formerFigure(stocks: readonly IndicatorSummary[], unitCode: string): FormerFigure | null {
  let month = 0;
  let formers: string[] | null = null;
  const labelsOf = new Map<number, string[]>();
  for (const ind of stocks) {
    const c = ind.carriedFromFormer?.find((x) => x.unitCode === unitCode);
    if (!c) return null;
    month = Math.max(month, c.month);
    formers ??= c.formers;
    const labels = labelsOf.get(c.month);
    if (!labels) labelsOf.set(c.month, [ind.label]);
    else if (!labels.includes(ind.label)) labels.push(ind.label);
  }
  if (!formers) return null;
  if (labelsOf.size < 2) return { month, formers };
  const byIndicator = [...labelsOf].sort(([a], [b]) => a - b).map(([m, labels]) => ({ month: m, labels }));
  return { month, formers, byIndicator };
}
