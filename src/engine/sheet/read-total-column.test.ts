/** The "Cả năm" column: not read (the months are), but a figure typed there with no month is not lost silently. */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import type { Unit } from '../types';
import { buildUnitSheet, LAYOUT, monthCol } from './layout';
import { type ReadContext, readSheet } from './read';
import { modelToSheetInput, rowWithCode, setCell } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const chungChai = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { catalogue, units, year: 2018 };

function sheetWith(values: Record<string, (number | null)[]>, total?: number | string) {
  const s = modelToSheetInput(buildUnitSheet(chungChai, 2018, catalogue, { values, notes: {}, submitted: [] }));
  const row = rowWithCode(s.grid, 'DTN_QUA');
  if (total !== undefined) setCell(s.grid, row, LAYOUT.totalCol, total);
  return { s, row };
}

describe('a figure in "Cả năm" only', () => {
  it('is a warning naming its cell, and is not counted', () => {
    const { s, row } = sheetWith({}, 50);
    const { report, findings } = readSheet(s, ctx);
    const f = findings.find((x) => x.code === 'total-without-months');
    expect(f).toMatchObject({ severity: 'warning', cell: `Q${row}`, indicatorCode: 'DTN_QUA' });
    expect(f?.message).toContain('cột "Cả năm" ghi 50 nhưng các tháng đều để trống');
    expect(report?.values.DTN_QUA).toEqual(Array(12).fill(null));
  });

  it('says the months are wrongly written, not empty, when one holds text', () => {
    const { s, row } = sheetWith({}, 50);
    setCell(s.grid, row, monthCol(3), 'ba mươi');
    const f = readSheet(s, ctx).findings.find((x) => x.code === 'total-without-months');
    expect(f?.message).toContain(
      'cột "Cả năm" ghi 50 nhưng không tháng nào có số liệu hợp lệ (ô ghi sai được báo riêng)',
    );
    expect(f?.message).not.toContain('để trống');
  });

  it('is quiet when some month has a figure, when the total is 0 or empty', () => {
    const months = Array(12).fill(null);
    months[8] = 3;
    for (const { s } of [sheetWith({ DTN_QUA: months }, 50), sheetWith({}, 0), sheetWith({}, '')])
      expect(readSheet(s, ctx).findings.filter((f) => f.code === 'total-without-months')).toEqual([]);
  });
});
