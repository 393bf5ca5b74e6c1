import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { buildUnitSheet, type UnitSheetData } from '../sheet/layout';
import { modelToSheetInput } from '../sheet/testing';
import { DEFAULT_LEVEL } from '../text/level';
import type { Unit, WorkbookInput } from '../types';
import { checkWorkbooks } from './check';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const CHUNG_CHAI = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };

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
        'vì tệp BC dân vận xã Chung Chải.xlsx, trang "Sheet1" không ghi mã đơn vị nên đơn vị chỉ được đoán theo ' +
          'tên tệp "BC dân vận xã Chung Chải.xlsx", còn tệp chung-chai-2018.xlsx, trang "Chung Chải 2018" ghi rõ đơn vị',
      );
    }
  });

  it('does not say the guessed sheet has no "Đơn vị" cell when the cell holds another text', () => {
    const own = book('chung-chai-2018.xlsx', { values: { TCD_LUOT: [1] } }, true);
    const other = book('BC dân vận xã Chung Chải.xlsx', { values: { TCD_LUOT: [7] } }, false);
    other.sheets[0].grid[1] = ['Đơn vị:', '', 'Đoàn Thanh niên'];
    const r = checkWorkbooks([other, own], ctx);
    expect(r.reports.map((x) => x.file)).toEqual(['chung-chai-2018.xlsx']);
    const dup = r.findings.filter((f) => f.code === 'duplicate-unit');
    expect(dup).toHaveLength(1);
    expect(dup[0].message).not.toContain('không có ô "Đơn vị"');
    expect(dup[0].message).not.toContain('hay ô "Đơn vị"');
    expect(dup[0].message).toContain('đơn vị chỉ được đoán theo tên tệp "BC dân vận xã Chung Chải.xlsx"');
  });

  it('names the title a unit was guessed from, with its cell', () => {
    const own = book('chung-chai-2018.xlsx', { values: { TCD_LUOT: [1] } }, true);
    const other = book('bao-cao.xlsx', { values: { TCD_LUOT: [7] } }, false);
    other.sheets[0].grid[0] = ['ĐẢNG ỦY XÃ CHUNG CHẢI'];
    const r = checkWorkbooks([other, own], ctx);
    const dup = r.findings.filter((f) => f.code === 'duplicate-unit');
    expect(dup.map((f) => f.file)).toEqual(['bao-cao.xlsx']);
    expect(dup[0].message).toContain('đơn vị chỉ được đoán theo dòng tiêu đề "ĐẢNG ỦY XÃ CHUNG CHẢI" (ô A1)');
  });
});

describe('checkWorkbooks — two reports of one code whose months do not overlap', () => {
  const m12 = (first: number, last: number) =>
    Array.from({ length: 12 }, (_, i) => (i + 1 >= first && i + 1 <= last ? 5 : null));
  const dated = (first: number, last: number) =>
    Array.from({ length: 12 }, (_, i) =>
      i + 1 >= first && i + 1 <= last ? `2018-${String(i + 1).padStart(2, '0')}-16` : null,
    );

  it('says the two may be two units (or one unit\u2019s two halves) and what to do', () => {
    const old = book('cu/chung-chai-2018.xlsx', { values: { TCD_LUOT: m12(1, 6) }, submitted: dated(1, 6) }, true);
    const now = book('moi/chung-chai-2018.xlsx', { values: { TCD_LUOT: m12(7, 9) }, submitted: dated(7, 9) }, true);
    const r = checkWorkbooks([old, now], ctx);
    const dup = r.findings.filter((f) => f.code === 'duplicate-unit');
    expect(dup.map((f) => f.file)).toEqual(['cu/chung-chai-2018.xlsx']);
    expect(dup[0].message).toContain(
      'Hai bản có số liệu ở các tháng khác nhau (bản được lấy: tháng 7–9; bản bị bỏ qua: tháng 1–6): nếu đây là ' +
        'báo cáo của hai đơn vị khác nhau cùng ghi mã chung-chai',
    );
  });

  it('says nothing of the kind when the months overlap (a copy sent twice)', () => {
    const a = book('a/chung-chai-2018.xlsx', { values: { TCD_LUOT: m12(1, 8) }, submitted: dated(1, 8) }, true);
    const b = book('b/chung-chai-2018.xlsx', { values: { TCD_LUOT: m12(1, 9) }, submitted: dated(1, 9) }, true);
    const dup = checkWorkbooks([a, b], ctx).findings.filter((f) => f.code === 'duplicate-unit');
    expect(dup).toHaveLength(1);
    expect(dup[0].message).not.toContain('Hai bản có số liệu ở các tháng khác nhau');
  });
});
