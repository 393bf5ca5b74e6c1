/**
 * A stock ("đến nay") left blank in a month the unit reported: Tổng hợp carries the unit's latest
 * earlier figure (aggregate.ts), so the clerk is told which figure goes up and that a 0 must be typed.
 */
import { FINDING_TEXT as T } from '../../messages/vi/findings';
import { reportDisplayName } from '../sheet/layout';
import { numbersOf } from '../sheet/sheet-report';
import type { Catalogue, Finding, UnitYear } from '../types';
import { numberPlaces } from './places';
import { hasCell } from './presence';
import { reportFinding, reportWhere } from './report-finding';

/** Whether a figure of the 12 at `at` is followed by an empty month: a stock carried, maybe told. */
function blankAfterFigure(data: Float64Array, at: number): boolean {
  let seen = false;
  for (let i = 0; i < 12; i++) {
    if (!Number.isNaN(data[at + i])) seen = true;
    else if (seen) return true;
  }
  return false;
}

export function carriedStockFindings(report: UnitYear, catalogue: Catalogue): Finding[] {
  const out: Finding[] = [];
  const { codes, position, data, base } = numbersOf(report);
  const { indicators: stocks, places } = numberPlaces(catalogue, 'last', position);
  // Most reports have every stock's months filled from the first figure on: nothing to tell, and
  // no month needs to be known as reported.
  let any = false;
  for (let s = 0; s < places.length && !any; s++) any = places[s] >= 0 && blankAfterFigure(data, base + places[s]);
  if (!any) return out;
  // A month with any figure typed is a month reported; one with none is not yet (no warning).
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
  for (let s = 0; s < stocks.length; s++) {
    const ind = stocks[s];
    if (places[s] < 0) continue;
    const at = base + places[s];
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
