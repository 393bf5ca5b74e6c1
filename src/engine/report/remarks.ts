/**
 * The remarks units wrote in the "Ghi chú" column beside indicator rows (Summary.remarks), as the
 * renderings list them: one line per remark, naming the unit, the indicator and the cell.
 */
import { REPORT_TEXT as T } from '../../messages/vi/report';
import { distinctName, unitDisplayName } from '../sheet/layout';
import type { Catalogue, Summary } from '../types';
import { unitOf } from './by-code';

/** 'Xã Chung Chải, chỉ tiêu "Thùng mì tôm" (ô R24): số liệu tạm tính', in Summary.remarks' order. */
export function remarkLines(summary: Summary, catalogue: Catalogue): string[] {
  const remarks = summary.remarks;
  if (!remarks?.length) return [];
  const labels = new Map<string, string>();
  for (const i of summary.indicators) labels.set(i.code, i.label);
  for (const i of catalogue.indicators) labels.set(i.code, i.label);
  return remarks.map((r) => {
    // A unit of the summary as everywhere else; an old unit of a merger by its report's name and kind.
    const unit = unitOf(summary, r.unitCode);
    const shown = unitDisplayName({ name: unit?.name ?? r.unitName, kind: unit?.kind ?? r.unitKind ?? '' });
    const label = distinctName(shown, r.unitCode, summary.units);
    return T.remarkLine(label, labels.get(r.indicatorCode) ?? r.indicatorCode, r.cell, r.text);
  });
}
