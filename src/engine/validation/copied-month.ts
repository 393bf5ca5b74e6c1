/**
 * A month whose figures are exactly the month before's: the clerk copied last month's column and
 * forgot to change it (the commonest slip of a sheet filled month by month). Only flows are
 * compared: a stock ("đến nay") unchanged from one month to the next is normal. A warning, for the
 * clerk to look: the figures are still counted as typed.
 */
import { FINDING_TEXT as T } from '../../messages/vi/findings';
import { numbersOf } from '../sheet/sheet-report';
import type { Catalogue, Finding, Indicator, UnitYear } from '../types';
import { numberPlaces } from './places';
import { reportFinding, reportWhere } from './report-finding';

/** Fewer non-zero figures than this may well repeat by chance (a quiet month in a small commune). */
export const COPIED_MONTH_MIN_FIGURES = 5;

export function copiedMonthFindings(report: UnitYear, catalogue: Catalogue): Finding[] {
  const { position, data, base } = numbersOf(report);
  const { indicators: flows, found: places } = numberPlaces(catalogue, 'sum', position);
  if (places.length < COPIED_MONTH_MIN_FIGURES) return [];
  const out: Finding[] = [];
  for (let i = 1; i < 12; i++) {
    let figures = 0;
    let same = true;
    for (let j = 0; j < places.length && same; j++) {
      const now = data[base + places[j] + i];
      const before = data[base + places[j] + i - 1];
      if (Number.isNaN(now) && Number.isNaN(before)) continue;
      same = now === before;
      if (now !== 0) figures++;
    }
    if (!same || figures < COPIED_MONTH_MIN_FIGURES) continue;
    const month = i + 1;
    const cell = firstCell(report, flows, i);
    const before = firstCell(report, flows, i - 1);
    out.push(
      reportFinding(report, {
        severity: 'warning',
        code: 'month-copied',
        cell,
        month,
        message: T.monthCopied(reportWhere(report, { month }), figures, column(cell), column(before)),
      }),
    );
  }
  return out;
}

/** The first flow's cell of month index `i` ('' when the sheet names none). */
function firstCell(report: UnitYear, flows: readonly Indicator[], i: number): string {
  for (const ind of flows) {
    const name = report.cells[ind.code]?.[i];
    if (name) return name;
  }
  return '';
}

/** "I" of "I14". */
function column(cell: string): string {
  return /^[A-Z]+/.exec(cell)?.[0] ?? '';
}
