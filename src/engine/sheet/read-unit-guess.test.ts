import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { Finding, SheetInput, Unit } from '../types';
import { buildUnitSheet } from './layout';
import { type ReadContext, readWorkbook } from './read';
import { modelToSheetInput } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const CHUNG_CHAI = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };

/** A commune's own workbook: no "Mã đơn vị" nor "Đơn vị" row, sheet "Sheet1", `titles` in A1, A2…. */
function scratch(titles: string[] = []): SheetInput {
  const s = modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2018, catalogue, { values: { TCD_LUOT: [1, 2, 3] } }));
  s.grid[1] = [];
  s.grid[2] = [];
  s.grid[0] = [];
  titles.forEach((t, i) => {
    s.grid[i] = [t];
  });
  return { ...s, name: 'Sheet1' };
}

const read = (file: string, titles: string[] = []) => readWorkbook({ source: file, sheets: [scratch(titles)] }, ctx);
const unitOf = (r: { reports: { unitCode: string }[] }) => r.reports.map((x) => x.unitCode);
const of = (fs: Finding[], code: string) => fs.filter((f) => f.code === code);

describe('readWorkbook — a workbook without unit cells, tied to its unit by a name inside a text', () => {
  it('takes the one unit named inside the file name, with or without its kind or diacritics, and says so', () => {
    const r = read('bao-cao/BC dân vận xã Chung Chải 2018.xlsx');
    expect(unitOf(r)).toEqual(['chung-chai']);
    expect(r.reports[0].values.TCD_LUOT.slice(0, 3)).toEqual([1, 2, 3]);
    const w = of(r.findings, 'unit-guessed');
    expect(w.map((f) => f.severity)).toEqual(['warning']);
    expect(w[0].message).toBe(
      'Xã Chung Chải: trang không có ô "Mã đơn vị" hay ô "Đơn vị"; đã xác định là báo cáo của Xã Chung Chải theo ' +
        'tên tệp "BC dân vận xã Chung Chải 2018.xlsx". Để chắc chắn, hãy ghi "Mã đơn vị: chung-chai" (hoặc "Đơn vị: ' +
        'Xã Chung Chải") vào một dòng phía trên bảng',
    );
    expect(unitOf(read('BC Chung Chai T9.xlsx'))).toEqual(['chung-chai']);
    expect(unitOf(read('BC dan van xa Chung Chai 2018.xlsx'))).toEqual(['chung-chai']);
  });

  it('takes the unit a title names after its kind ("ĐẢNG ỦY XÃ …", "UBND XÃ …"), not a district of the same name', () => {
    const r = read('bao-cao-thang-9.xlsx', ['HUYỆN ỦY MƯỜNG NHÉ', 'ĐẢNG ỦY XÃ CHUNG CHẢI']);
    expect(unitOf(r)).toEqual(['chung-chai']);
    expect(of(r.findings, 'unit-guessed')[0].message).toContain('theo dòng tiêu đề "ĐẢNG ỦY XÃ CHUNG CHẢI" (ô A2)');
    expect(unitOf(read('bao-cao.xlsx', ['UBND xã Chung Chải']))).toEqual(['chung-chai']);
    // "HUYỆN ỦY MƯỜNG NHÉ" is the district: xã Mường Nhé is not guessed from it.
    const district = read('bao-cao.xlsx', ['HUYỆN ỦY MƯỜNG NHÉ', 'BAN DÂN VẬN']);
    expect(unitOf(district)).toEqual([]);
    expect(of(district.findings, 'unknown-unit')[0].message).toContain('Hãy thêm dòng "Đơn vị: Xã …"');
    // The file name's "huyện Mường Nhé" neither: only the commune after "xã" counts.
    expect(unitOf(read('Huyện Mường Nhé - xã Chung Chải.xlsx'))).toEqual(['chung-chai']);
    expect(unitOf(read('BC Huyện ủy Mường Nhé T9.xlsx'))).toEqual([]);
    expect(unitOf(read('Thị xã Mường Nhé.xlsx', ['Thị xã Mường Nhé']))).toEqual([]);
  });

  it('never guesses between two units, and the error says what was tried and what to do', () => {
    const r = read('Mường Nhé Chung Chải.xlsx');
    expect(unitOf(r)).toEqual([]);
    const e = of(r.findings, 'unknown-unit');
    expect(e.map((f) => f.severity)).toEqual(['error']);
    expect(e[0].message).toContain('có thể chỉ nhiều đơn vị (Xã Mường Nhé, Xã Chung Chải)');
    expect(e[0].message).toContain('hoặc đặt tên tệp là tên đơn vị');
    // A file name and a title naming different units: no guess either.
    expect(unitOf(read('BC xã Nậm Kè.xlsx', ['ĐẢNG ỦY XÃ CHUNG CHẢI']))).toEqual([]);
    const none = read('bao-cao.xlsx');
    expect(of(none.findings, 'unknown-unit')[0].message).toBe(
      'Tệp bao-cao.xlsx, trang "Sheet1": không xác định được đơn vị: trang không có ô "Mã đơn vị" hay ô "Đơn vị", và ' +
        'tên trang "Sheet1", tên tệp "bao-cao.xlsx" và các dòng tiêu đề không nêu tên đơn vị nào trong danh sách; số ' +
        'liệu của trang này không được tổng hợp. Hãy thêm dòng "Đơn vị: Xã …" (hoặc "Mã đơn vị: …") phía trên bảng, ' +
        'hoặc đặt tên tệp là tên đơn vị (ví dụ "Xã Chung Chải 2018.xlsx")',
    );
  });

  it('falls back on the file name and titles when the "Đơn vị" cell names no unit, and says the cell names none', () => {
    const withCell = (file: string, cell: string, titles: string[] = []) => {
      const s = scratch(titles);
      s.grid[1] = ['Đơn vị:', '', cell];
      return readWorkbook({ source: file, sheets: [s] }, ctx);
    };
    const r = withCell('BC dan van xa Chung Chai 2018.xlsx', 'Đoàn Thanh niên');
    expect(unitOf(r)).toEqual(['chung-chai']);
    expect(of(r.findings, 'unknown-unit')).toEqual([]);
    const w = of(r.findings, 'unit-guessed');
    expect(w.map((f) => f.severity)).toEqual(['warning']);
    expect(w[0].message).toBe(
      'Xã Chung Chải: ô "Đơn vị" ghi "Đoàn Thanh niên", không phải tên đơn vị nào trong danh sách; đã xác định là ' +
        'báo cáo của Xã Chung Chải theo tên tệp "BC dan van xa Chung Chai 2018.xlsx". Để chắc chắn, hãy ghi ' +
        '"Mã đơn vị: chung-chai" (hoặc "Đơn vị: Xã Chung Chải") vào một dòng phía trên bảng',
    );
    const byTitle = withCell('bao-cao.xlsx', 'Đoàn Thanh niên', ['ĐẢNG ỦY XÃ CHUNG CHẢI']);
    expect(unitOf(byTitle)).toEqual(['chung-chai']);
    expect(of(byTitle.findings, 'unit-guessed')[0].message).toContain('theo dòng tiêu đề "ĐẢNG ỦY XÃ CHUNG CHẢI"');
    // Still no guess between two units, nor over a cell that may name another one.
    expect(unitOf(withCell('Mường Nhé Chung Chải.xlsx', 'Đoàn Thanh niên'))).toEqual([]);
    expect(unitOf(withCell('BC xã Nậm Kè.xlsx', 'Đoàn Thanh niên', ['ĐẢNG ỦY XÃ CHUNG CHẢI']))).toEqual([]);
    expect(unitOf(withCell('BC xã Chung Chải.xlsx', 'Đoàn TN Nậm Kè'))).toEqual([]);
  });

  it("takes a name a new unit shares with its predecessor for the sheet's year, as the unit cells would", () => {
    // 2025: xã Mường Nhé (muong-nhe-2025) took in the old Mường Nhé, known by its code alone.
    const successor: Unit = {
      code: 'muong-nhe-2025',
      name: 'Mường Nhé',
      kind: 'xã',
      emails: [],
      succession: { from: '2025-07-01', predecessors: ['muong-nhe', 'nam-vi'] },
    };
    const s = modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2024, catalogue, { values: { TCD_LUOT: [1] } }));
    s.grid[1] = [];
    s.grid[2] = [];
    const r = readWorkbook(
      { source: 'BC dân vận xã Mường Nhé 2024.xlsx', sheets: [{ ...s, name: 'Sheet1' }] },
      { level: DEFAULT_LEVEL, catalogue, units: [successor], year: 2025, years: [2024] },
    );
    expect(unitOf(r)).toEqual(['muong-nhe']);
  });
});
