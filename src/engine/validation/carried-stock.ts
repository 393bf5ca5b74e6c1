/**
 * A stock ("đến nay") left blank in a month the unit reported: Tổng hợp carries the unit's latest
 * earlier figure (aggregate.ts), so the clerk is told which figure goes up and that a 0 must be typed.
 */
import { FINDING_TEXT as T } from '../../messages/vi/findings';
import { reportDisplayName } from '../sheet/layout';
import { numbersOf } from '../sheet/sheet-report';
import type { Catalogue, Finding, Indicator, UnitYear } from '../types';
import { hasCell } from './presence';
import { reportFinding, reportWhere } from './report-finding';

/** Per catalogue its numeric stocks: asked once per report (6,642 at national scale). */
const stocksOf = new WeakMap<Catalogue, Indicator[]>();

export function carriedStockFindings(report: UnitYear, catalogue: Catalogue): Finding[] {
  const out: Finding[] = [];
  let stocks = stocksOf.get(catalogue);
  if (!stocks) {
    stocks = catalogue.indicators.filter((i) => i.overMonths === 'last' && i.kind !== 'note');
    stocksOf.set(catalogue, stocks);
  }
  if (!stocks.length) return out;
  // A month with any figure typed is a month reported; one with none is not yet (no warning).
  const { codes, position, data, base } = numbersOf(report);
  const reported = Array<boolean>(12).fill(false);
  let unseen = 12;
  for (let k = 0; k < codes.length && unseen; k++)
    for (let i = 0; i < 12; i++)
      if (!reported[i] && !Number.isNaN(data[base + k * 12 + i])) {
        reported[i] = true;
        unseen--;
      }
  let invalid: Set<string> | null = null;
  let unit: string | undefined;
  for (const ind of stocks) {
    const k = position.get(ind.code);
    if (k === undefined) continue;
    const at = base + k * 12;
    // The latest figure so far and its month (0: none yet).
    let carried = 0;
    let carriedMonth = 0;
    for (let i = 0; i < 12; i++) {
      const v = data[at + i];
      if (!Number.isNaN(v)) {
        carried = v;
        carriedMonth = i + 1;
        continue;
      }
      const m = i + 1;
      if (!carriedMonth || !reported[i]) continue;
      invalid ??= new Set(report.invalid);
      if (invalid.has(`${ind.code}:${m}`) || !hasCell(report, ind.code, m)) continue;
      unit ??= reportDisplayName(report);
      const cell = report.cells[ind.code]?.[i] || undefined;
      out.push(
        reportFinding(report, {
          severity: 'warning',
          code: 'stock-carried',
          cell,
          indicatorCode: ind.code,
          indicatorLabel: ind.label,
          month: m,
          message: T.stockCarried(
            reportWhere(report, { cell, indicator: ind.label, month: m }, unit),
            carried,
            ind.unit,
            carriedMonth,
          ),
        }),
      );
    }
  }
  return out;
}
