/**
 * The remarks units wrote in the "Ghi chú" column beside indicator rows (Summary.remarks), as the
 * renderings list them. A remark beside a note row ("Khó khăn, vướng mắc, kiến nghị") is a note
 * written one column over: it goes with the notes (text.ts noteEntries, the narrative); a remark
 * beside a figure ("số liệu tạm tính") is listed here, one line each, naming the unit, the
 * indicator and the cell.
 */
import { REPORT_TEXT as T } from '../../messages/vi/report';
import { distinctName, unitDisplayName } from '../sheet/layout';
import type { Catalogue, Summary, UnitRemark } from '../types';
import { unitOf } from './by-code';

/** Codes of the note indicators (kind 'note') of the summary. */
function noteCodes(summary: Pick<Summary, 'indicators'>): Set<string> {
  const out = new Set<string>();
  for (const i of summary.indicators) if (i.kind === 'note') out.add(i.code);
  return out;
}

/** The remarks beside figure rows (not note rows), in Summary.remarks' order. */
export function figureRemarks(summary: Pick<Summary, 'indicators' | 'remarks'>): UnitRemark[] {
  const remarks = summary.remarks;
  if (!remarks?.length) return [];
  const notes = noteCodes(summary);
  return remarks.filter((r) => !notes.has(r.indicatorCode));
}

/** The remarks beside the note row `code`, in Summary.remarks' order. */
export function noteRowRemarks(summary: Pick<Summary, 'remarks'>, code: string): UnitRemark[] {
  return summary.remarks?.filter((r) => r.indicatorCode === code) ?? [];
}

/**
 * "Xã Huổi Lếch", with the code when another unit has the name and `note` in the bracket: a unit
 * of the summary as everywhere else, an old unit of a merger by its report's name and kind.
 */
export function remarkUnitLabel(summary: Summary, r: UnitRemark, note?: string): string {
  const unit = unitOf(summary, r.unitCode);
  const shown = unitDisplayName({ name: unit?.name ?? r.unitName, kind: unit?.kind ?? r.unitKind ?? '' });
  return distinctName(shown, r.unitCode, summary.units, note);
}

/**
 * 'Xã Chung Chải, chỉ tiêu "Thùng mì tôm" (ô R24): số liệu tạm tính' for each remark beside a
 * figure row, in Summary.remarks' order (those beside note rows are listed with the notes).
 */
export function remarkLines(summary: Summary, catalogue: Catalogue): string[] {
  const remarks = figureRemarks(summary);
  if (!remarks.length) return [];
  const labels = new Map<string, string>();
  for (const i of summary.indicators) labels.set(i.code, i.label);
  for (const i of catalogue.indicators) labels.set(i.code, i.label);
  return remarks.map((r) =>
    T.remarkLine(remarkUnitLabel(summary, r), labels.get(r.indicatorCode) ?? r.indicatorCode, r.cell, r.text),
  );
}
