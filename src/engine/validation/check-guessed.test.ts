import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { buildUnitSheet, type UnitSheetData } from '../sheet/layout';
import { modelToSheetInput } from '../sheet/testing';
import type { Unit, WorkbookInput } from '../types';
import { checkWorkbooks } from './check';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const CHUNG_CHAI = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx = { catalogue, units, year: 2018 };

const dates = (last: string) => [...Array(8).fill(null), last, ...Array(3).fill(null)];

function book(source: string, data: UnitSheetData, withUnitCells: boolean): WorkbookInput {
  const s = modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2018, catalogue, data));
  if (!withUnitCells) {
    s.grid[1] = [];
    s.grid[2] = [];
    return { source, sheets: [{ ...s, name: 'Sheet1' }] };
  }
  return { source, sheets: [s] };
}

describe("checkWorkbooks — a sheet whose unit was guessed from a name does not replace the unit's own sheet", () => {
  it('keeps the sheet with unit cells, even when the guessed one is dated later, and says why', () => {
    const own = book('chung-chai-2018.xlsx', { values: { TCD_LUOT: [1] }, submitted: dates('2018-09-16') }, true);
    const other = book(
      'BC dân vận xã Chung Chải.xlsx',
      { values: { TCD_LUOT: [7] }, submitted: dates('2018-09-30') },
      false,
    );
    for (const order of [
      [own, other],
      [other, own],
    ]) {
      const r = checkWorkbooks(order, ctx);
      expect(r.reports.map((x) => [x.file, x.values.TCD_LUOT[0]])).toEqual([['chung-chai-2018.xlsx', 1]]);
      const dup = r.findings.filter((f) => f.code === 'duplicate-unit');
      expect(dup.map((f) => [f.severity, f.file])).toEqual([['error', 'BC dân vận xã Chung Chải.xlsx']]);
      expect(dup[0].message).toContain(
        'vì tệp BC dân vận xã Chung Chải.xlsx, trang "Sheet1" không có ô "Mã đơn vị" hay ô "Đơn vị"',
      );
    }
  });
});
