/**
 * A new year before "Tạo mẫu báo cáo cho xã" has been run for it (January): no unit has a report
 * sheet of the year yet, so nobody can have reported. "Tổng hợp" then says so and what to do (not a
 * bare "0/11 đơn vị đã nộp"), the monthly e-mail says so at its top, and the reminders are not sent
 * (they would ask every clerk to type into a sheet that does not exist). A few units without the
 * year's sheet is ordinary (not yet made for a new commune, a tab renamed): only NONE counts.
 */
import { afterUnitMissing } from '../../engine/sheet/layout';
import type { Summary } from '../../engine/types';

/**
 * No unit expected in the summary's period has a sheet of its year: each one has the engine's
 * "chưa có trang báo cáo năm …" warning of that year, or could not be opened at all (nothing known
 * of it, a sheet that failed to read excepted). False when none of them is known to lack the sheet.
 */
export function noUnitSheetOfYear(summary: Summary): boolean {
  const { rows, reported } = summary.completeness;
  if (!rows.length || reported > 0) return false;
  const year = summary.period.year;
  const byCode = new Map(summary.units.map((u) => [u.code, u]));
  const missing = new Set<string>();
  const brokenSheet = new Set<string>();
  for (const f of summary.findings) {
    if (!f.unitCode) continue;
    if (f.code === 'unit-missing') {
      // Of this year (last year's sheets are read too): the engine's own text for it (layout b
      // adds what the commune's spreadsheet holds after " — ": io/find-units.ts explainMissing).
      const unit = byCode.get(f.unitCode);
      const rest = unit ? afterUnitMissing(f.message, unit, year, summary.units) : null;
      if (rest === '' || rest?.startsWith(' — ')) missing.add(f.unitCode);
    } else if (f.severity === 'error' && f.sheet !== undefined) brokenSheet.add(f.unitCode);
  }
  if (!missing.size) return false;
  const unopened = new Set(summary.unreadableUnits);
  return rows.every((r) => missing.has(r.unitCode) || (unopened.has(r.unitCode) && !brokenSheet.has(r.unitCode)));
}

/** One spreadsheet per commune (a unit with its own spreadsheet's URL): the messages then speak of those. */
export function separateBooks(summary: Pick<Summary, 'units'>): boolean {
  return summary.units.some((u) => Boolean(u.spreadsheetUrl));
}
