/**
 * A stock ("đến nay") left blank in a month the unit reported: Tổng hợp carries the unit's latest
 * earlier figure (aggregate.ts), so the clerk is told which figure goes up and that a 0 must be typed.
 */
import { FINDING_TEXT as T } from '../../messages/vi/findings';
import { reportDisplayName } from '../sheet/layout';
import type { Catalogue, Finding, UnitYear } from '../types';
import { hasCell } from './presence';

export function carriedStockFindings(report: UnitYear, catalogue: Catalogue): Finding[] {
  const out: Finding[] = [];
  const stocks = catalogue.indicators.filter((i) => i.overMonths === 'last' && i.kind !== 'note');
  if (!stocks.length) return out;
  // A month with any figure typed is a month reported; one with none is not yet (no warning).
  const reported = Array<boolean>(12).fill(false);
  for (const series of Object.values(report.values))
    for (let i = 0; i < 12; i++) if (series?.[i] !== null && series?.[i] !== undefined) reported[i] = true;
  const invalid = new Set(report.invalid);
  for (const ind of stocks) {
    const series = report.values[ind.code];
    if (!series) continue;
    let carried: { value: number; month: number } | null = null;
    for (let i = 0; i < 12; i++) {
      const v = series[i];
      if (v !== null && v !== undefined) {
        carried = { value: v, month: i + 1 };
        continue;
      }
      const m = i + 1;
      if (!carried || !reported[i] || invalid.has(`${ind.code}:${m}`) || !hasCell(report, ind.code, m)) continue;
      const unit = reportDisplayName(report);
      const cell = report.cells[ind.code]?.[i] || undefined;
      out.push({
        severity: 'warning',
        code: 'stock-carried',
        unitCode: report.unitCode,
        unitName: report.unitName,
        file: report.file,
        sheet: report.sheet,
        cell,
        indicatorCode: ind.code,
        indicatorLabel: ind.label,
        month: m,
        message: T.stockCarried(
          { unit, cell, indicator: ind.label, month: m, ...(unit ? {} : { file: report.file, sheet: report.sheet }) },
          carried.value,
          ind.unit,
          carried.month,
        ),
      });
    }
  }
  return out;
}
