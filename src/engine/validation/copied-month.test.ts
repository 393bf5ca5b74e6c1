import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { buildUnitSheet } from '../sheet/layout';
import { readWorkbook } from '../sheet/read';
import { modelToSheetInput } from '../sheet/testing';
import { DEFAULT_LEVEL } from '../text/level';
import type { Unit, UnitYear } from '../types';
import { checkWorkbooks } from './check';
import { COPIED_MONTH_MIN_FIGURES, copiedMonthFindings } from './copied-month';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const unit = units.find((u) => u.code === 'chung-chai') as Unit;
const flows = catalogue.indicators.filter((i) => i.overMonths === 'sum' && i.kind !== 'note');
const stock = catalogue.indicators.find((i) => i.overMonths === 'last' && i.kind !== 'note');

/** A reader report of 2018 with `months[m]` (1-based) giving each flow's figure by its position. */
function read(months: Record<number, (k: number) => number | null>, stocks?: Record<number, number>): UnitYear {
  const values: Record<string, (number | null)[]> = {};
  flows.forEach((ind, k) => {
    values[ind.code] = Array.from({ length: 12 }, (_, i) => months[i + 1]?.(k) ?? null);
  });
  if (stock && stocks) values[stock.code] = Array.from({ length: 12 }, (_, i) => stocks[i + 1] ?? null);
  const sheet = modelToSheetInput(buildUnitSheet(unit, 2018, catalogue, { values }));
  const { reports } = readWorkbook(
    { source: 'a.xlsx', sheets: [sheet] },
    { level: DEFAULT_LEVEL, catalogue, units, year: 2018 },
  );
  return reports[0];
}

describe('copiedMonthFindings', () => {
  it("warns of a month whose every flow is the month before's, naming both columns", () => {
    const figures = (k: number) => (k < 8 ? k + 1 : null);
    const r = read({ 8: figures, 9: figures, 10: (k) => (k < 8 ? k + 2 : null) });
    const found = copiedMonthFindings(r, catalogue);
    expect(found.map((f) => [f.severity, f.code, f.month, f.cell])).toEqual([
      ['warning', 'month-copied', 9, r.cells[flows[0].code][8]],
    ]);
    const [col9, col8] = [r.cells[flows[0].code][8], r.cells[flows[0].code][7]].map((c) => /^[A-Z]+/.exec(c)?.[0]);
    expect(found[0].message).toBe(
      `Xã Chung Chải, cột ${col9} (tháng 9): số liệu giống hệt tháng 8 (cột ${col8}) ở cả 8 chỉ tiêu có số — ` +
        'có phải chép cột tháng trước mà chưa sửa? Hãy ghi số liệu của tháng 9; nếu đúng là như vậy, bỏ qua cảnh báo này',
    );
  });

  it('says nothing when one flow differs, when the month is blank, or for a quiet month of few figures', () => {
    const figures = (k: number) => (k < 8 ? k + 1 : null);
    expect(copiedMonthFindings(read({ 8: figures, 9: (k) => (k === 3 ? 9 : figures(k)) }), catalogue)).toEqual([]);
    expect(copiedMonthFindings(read({ 8: figures }), catalogue)).toEqual([]);
    // A figure typed in one month, blank in the other: not the same.
    expect(copiedMonthFindings(read({ 8: figures, 9: (k) => (k === 7 ? null : figures(k)) }), catalogue)).toEqual([]);
    const few = (k: number) => (k < COPIED_MONTH_MIN_FIGURES - 1 ? 1 : 0);
    expect(copiedMonthFindings(read({ 8: few, 9: few }), catalogue)).toEqual([]);
    const zeros = () => 0;
    expect(copiedMonthFindings(read({ 8: zeros, 9: zeros }), catalogue)).toEqual([]);
  });

  it('compares flows only: a stock unchanged over months is normal', () => {
    const r = read({ 8: (k) => k + 1, 9: (k) => k + 2 }, { 8: 40, 9: 40 });
    expect(copiedMonthFindings(r, catalogue)).toEqual([]);
  });

  it("is among the checks of a workbook (the clerk's Kiểm tra and Tổng hợp)", () => {
    const figures = (k: number) => k + 3;
    const values: Record<string, (number | null)[]> = {};
    flows.forEach((ind, k) => {
      values[ind.code] = Array.from({ length: 12 }, (_, i) => (i === 4 || i === 5 ? figures(k) : null));
    });
    const sheet = modelToSheetInput(buildUnitSheet(unit, 2018, catalogue, { values }));
    const { findings } = checkWorkbooks([{ source: 'a.xlsx', sheets: [sheet] }], {
      level: DEFAULT_LEVEL,
      catalogue,
      units,
      year: 2018,
    });
    expect(findings.filter((f) => f.code === 'month-copied').map((f) => f.month)).toEqual([6]);
  });
});
