/**
 * A finding of one report (rules, per-report checks): unit, file and sheet from the report, and the
 * Where its message names, the unit's display name else the file and sheet.
 */
import type { Where } from '../../messages/vi/findings';
import { reportDisplayName } from '../sheet/layout';
import type { Finding, UnitYear } from '../types';

/** `f` with the report's unit, file and sheet; keys left undefined or '' are dropped. */
export function reportFinding(report: UnitYear, f: Omit<Finding, 'unitCode' | 'unitName' | 'file' | 'sheet'>): Finding {
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

/** Where in `report`: its unit when it has a display name, else its file and sheet; plus `rest`. */
export function reportWhere(
  report: UnitYear,
  rest: Omit<Where, 'unit' | 'file' | 'sheet'>,
  unit = reportDisplayName(report),
): Where {
  return unit ? { unit, ...rest } : { file: report.file, sheet: report.sheet, ...rest };
}
