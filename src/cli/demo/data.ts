/**
 * The demo data (sheets-templates/demo/*.json, made by generate.ts) turned into commune
 * workbooks: the ordinary layout of buildUnitSheet, plus the deliberately mistyped cells.
 */
import demo2017 from '../../../sheets-templates/demo/muong-nhe-2017.json';
import demo2018 from '../../../sheets-templates/demo/muong-nhe-2018.json';
import type { SheetModel } from '../../engine/report/model';
import { buildUnitSheet, indicatorRows, monthCol } from '../../engine/sheet/layout';
import type { Catalogue, Unit } from '../../engine/types';
import type { DemoYear } from './generate';

export function demoYears(): DemoYear[] {
  return [demo2017 as unknown as DemoYear, demo2018 as unknown as DemoYear];
}

/** One commune's sheet for a demo year; null when the year has no data for the unit. */
export function demoSheet(unit: Unit, data: DemoYear, catalogue: Catalogue): SheetModel | null {
  const d = data.units[unit.code];
  if (!d) return null;
  const sheet = buildUnitSheet(unit, data.year, catalogue, {
    values: d.values,
    notes: d.notes,
    submitted: d.submitted,
  });
  const rows = indicatorRows(catalogue);
  for (const [key, text] of Object.entries(d.typed)) {
    const [code, month] = key.split(':');
    const row = rows.get(code);
    if (!row) continue;
    const cells = sheet.rows[row - 1];
    const col = monthCol(Number(month)) - 1;
    // What the commune typed, kept as text (the reader must flag it).
    cells[col] = { v: text, s: cells[col]?.s ?? 'integer' };
  }
  return sheet;
}
