import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { buildUnitSheet } from '../sheet/layout';
import { readWorkbook } from '../sheet/read';
import { SheetReport } from '../sheet/sheet-report';
import { modelToSheetInput } from '../sheet/testing';
import { DEFAULT_LEVEL } from '../text/level';
import type { Unit, UnitYear } from '../types';
import { carriedStockFindings } from './carried-stock';

const catalogue = defaultCatalogue();

function report(values: Record<string, Record<number, number>>): UnitYear {
  const v: Record<string, (number | null)[]> = {};
  const cells: Record<string, string[]> = {};
  catalogue.indicators.forEach((ind, i) => {
    if (ind.kind === 'note') return;
    v[ind.code] = Array.from({ length: 12 }, (_, m) => values[ind.code]?.[m + 1] ?? null);
    cells[ind.code] = Array.from({ length: 12 }, (_, m) => `${String.fromCharCode(69 + m)}${i + 10}`);
  });
  return {
    unitCode: 'muong-nhe',
    unitName: 'Mường Nhé',
    unitKind: 'xã',
    year: 2018,
    file: 'a.xlsx',
    sheet: 'Mường Nhé 2018',
    values: v,
    notes: {},
    submitted: Array(12).fill(null),
    cells,
    submittedCells: Array(12).fill(''),
    invalid: [],
  };
}

describe('carriedStockFindings', () => {
  it('warns of a stock blank in a reported month, naming the cell and the figure carried', () => {
    const r = report({ DON_DANGGIAIQUYET: { 8: 3 }, DON_TONG: { 8: 5, 9: 2 } });
    const found = carriedStockFindings(r, catalogue);
    const cell = r.cells.DON_DANGGIAIQUYET[8];
    expect(found.map((f) => [f.severity, f.code, f.cell, f.month])).toEqual([['warning', 'stock-carried', cell, 9]]);
    expect(found[0].message).toBe(
      `Xã Mường Nhé, ô ${cell} (Đơn đang giải quyết, tháng 9): để trống — tổng hợp sẽ lấy số tháng 8 (3 đơn). Nếu nay không còn, hãy ghi 0`,
    );
  });

  it('says nothing of a month with no figure at all (not reported yet), nor of a stock typed', () => {
    expect(carriedStockFindings(report({ DON_DANGGIAIQUYET: { 8: 3 }, DON_TONG: { 8: 5 } }), catalogue)).toEqual([]);
    expect(
      carriedStockFindings(report({ DON_DANGGIAIQUYET: { 8: 3, 9: 0 }, DON_TONG: { 8: 5, 9: 2 } }), catalogue),
    ).toEqual([]);
  });
});

describe('carriedStockFindings on a report as the reader makes it', () => {
  it('reads its flat numbers and leaves `values` unbuilt (building them made aggregation compare them on every read)', () => {
    const units = defaultUnits();
    const unit = units.find((u) => u.code === 'chung-chai') as Unit;
    const data = {
      values: { DON_DANGGIAIQUYET: [3, null, ...Array(10).fill(null)], DON_TONG: [5, 2, ...Array(10).fill(null)] },
    };
    const sheet = modelToSheetInput(buildUnitSheet(unit, 2018, catalogue, data));
    const { reports } = readWorkbook(
      { source: 'a.xlsx', sheets: [sheet] },
      { level: DEFAULT_LEVEL, catalogue, units, year: 2018 },
    );
    const r = reports[0] as SheetReport;
    expect(r).toBeInstanceOf(SheetReport);
    const found = carriedStockFindings(r, catalogue);
    expect(found.map((f) => [f.code, f.indicatorCode, f.month])).toEqual([['stock-carried', 'DON_DANGGIAIQUYET', 2]]);
    expect(r.valuesMade).toBeUndefined();
  });
});
