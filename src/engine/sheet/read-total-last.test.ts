/**
 * A stock's "Cả năm" (its year figure the latest month's) holding another figure: typed by hand,
 * or left from when the indicator was summed. Before, only summed rows were checked, so a
 * commune's old year total beside a stock's months passed without a word.
 */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { Unit } from '../types';
import { buildUnitSheet, LAYOUT, monthCol } from './layout';
import { type ReadContext, readSheet } from './read';
import { modelToSheetInput, rowWithCode, setCell } from './testing';

const base = defaultCatalogue();
const units = defaultUnits();
const chungChai = units.find((u) => u.code === 'chung-chai') as Unit;
// DTN_QUA made a stock (its code kept), as a district may change it in the catalogue.
const catalogue = {
  ...base,
  indicators: base.indicators.map((i) => (i.code === 'DTN_QUA' ? { ...i, overMonths: 'last' as const } : i)),
};
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };
const months = [3, 3, 3, 3, 3, 3, 3, 3, 9, null, null, null]; // sum 33, latest (September) 9

function sheetWith(total: number | string) {
  const s = modelToSheetInput(
    buildUnitSheet(chungChai, 2018, base, { values: { DTN_QUA: months }, notes: {}, submitted: [] }),
  );
  const row = rowWithCode(s.grid, 'DTN_QUA');
  setCell(s.grid, row, LAYOUT.totalCol, total);
  return { s, row };
}
const notLast = (fs: ReturnType<typeof readSheet>['findings']) => fs.filter((f) => f.code === 'total-not-last');

describe('a stock’s "Cả năm" that is not its latest month’s figure', () => {
  it('the old sum left there is a warning naming the cell, the figure, the month; the latest month is counted', () => {
    const { s, row } = sheetWith(33);
    const { report, findings } = readSheet(s, ctx);
    expect(notLast(findings)).toEqual([
      expect.objectContaining({ severity: 'warning', cell: `Q${row}`, indicatorCode: 'DTN_QUA' }),
    ]);
    expect(notLast(findings)[0].message).toBe(
      `Xã Chung Chải, ô Q${row} (Suất quà tặng): cột "Cả năm" ghi 33 nhưng chỉ tiêu này lấy số của tháng gần nhất ` +
        '(tháng 9: 9), không cộng các tháng — kiểm tra lại (tổng hợp tính theo số tháng 9, tức 9; ô "Cả năm" có thể ' +
        'còn số cộng dồn ghi từ trước khi chỉ tiêu đổi cách tính)',
    );
    expect(report?.values.DTN_QUA).toEqual(months);
    expect(findings.filter((f) => f.code === 'total-not-sum')).toEqual([]);
  });

  it('is quiet when "Cả năm" is the latest month’s figure (the layout’s formula’s result), empty, or text', () => {
    for (const total of [9, '9', '', 'cả năm'])
      expect(notLast(readSheet(sheetWith(total).s, ctx).findings)).toEqual([]);
  });

  it('is quiet when the latest month holds a figure the reader cannot take as a number (its own finding)', () => {
    const { s, row } = sheetWith(33);
    setCell(s.grid, row, monthCol(10), 'mười');
    expect(notLast(readSheet(s, ctx).findings)).toEqual([]);
  });

  it('a summed row is not judged by its latest month', () => {
    const s = modelToSheetInput(
      buildUnitSheet(chungChai, 2018, base, { values: { DTN_QUA: months }, notes: {}, submitted: [] }),
    );
    setCell(s.grid, rowWithCode(s.grid, 'DTN_QUA'), LAYOUT.totalCol, 33);
    expect(notLast(readSheet(s, { ...ctx, catalogue: base }).findings)).toEqual([]);
  });
});
