/**
 * The baseline of the call-budget benchmark: "Tổng hợp" written the way public Apps Script
 * consolidation scripts are — one getRange().getValue() per cell, getLastRow() inside the
 * loop, one appendRow() per output row. It computes the same thing as the add-on's
 * summary (per indicator the period total, year to date and last year's figures; one row
 * per unit and indicator), only cell by cell.
 */
import { LAYOUT, unitSheetName } from '../src/engine/sheet/layout';
import type { Catalogue, Unit } from '../src/engine/types';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface NaiveInput {
  master: Spreadsheet;
  units: Unit[];
  /** Layout (b): the URL of each unit's spreadsheet. */
  urls?: Record<string, string>;
  catalogue: Catalogue;
  year: number;
  month: number;
}

export function naiveAggregate(input: NaiveInput): number {
  const { master, units, urls, catalogue, year, month } = input;
  const numeric = new Set(catalogue.indicators.filter((i) => i.kind !== 'note').map((i) => i.code));
  let out = master.getSheetByName('Tổng hợp (cách cũ)');
  if (!out) out = master.insertSheet('Tổng hợp (cách cũ)');
  out.clear();
  out.appendRow(['Đơn vị', 'Năm', 'Mã chỉ tiêu', 'Tháng', 'Từ đầu năm']);
  const totals = new Map<string, number[]>(); // code → [period, ytd, lastPeriod, lastYtd]
  for (const unit of units) {
    const ss = urls?.[unit.code] ? SpreadsheetApp.openByUrl(urls[unit.code]) : master;
    for (const y of [year, year - 1]) {
      const sheet = ss.getSheetByName(unitSheetName(unit, y));
      if (!sheet) continue;
      for (let r = LAYOUT.firstIndicatorRow; r <= sheet.getLastRow(); r++) {
        const code = String(sheet.getRange(r, LAYOUT.codeCol).getValue());
        if (!numeric.has(code)) continue;
        let period = 0;
        let ytd = 0;
        for (let m = 1; m <= 12; m++) {
          const v = sheet.getRange(r, LAYOUT.firstMonthCol + m - 1).getValue();
          if (typeof v !== 'number') continue;
          if (m === month) period += v;
          if (m <= month) ytd += v;
        }
        const t = totals.get(code) ?? [0, 0, 0, 0];
        const k = y === year ? 0 : 2;
        t[k] += period;
        t[k + 1] += ytd;
        totals.set(code, t);
        out.appendRow([unit.name, y, code, period, ytd]);
      }
    }
  }
  for (const [code, t] of totals) out.appendRow(['*', year, code, ...t]);
  return totals.size;
}
