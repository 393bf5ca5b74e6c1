/**
 * A sheet whose "Mã đơn vị" holds a code in no list (the unit's code was corrected in the list after
 * the sheet was made: "chung-chai" → "chungchai"). Codes stay primary: only a code of no unit and of
 * no predecessor is looked past, and then the sheet is the unit its names (the "Đơn vị" cell, the
 * sheet name, the file name) designate, when they designate exactly one and no other sheet of that
 * year is that unit's. Otherwise it is read by nobody, as before, and the findings say why.
 */
import units2025Json from '../../../sheets-templates/units-2025.json';
import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import { parseUnitsFile } from '../catalogue/schema';
import { summarise } from '../pipeline';
import { DEFAULT_LEVEL } from '../text/level';
import type { Finding, Unit, WorkbookInput } from '../types';
import { checkWorkbooks, expectedUnitsMissing } from '../validation/check';
import { buildUnitSheet, LAYOUT, type UnitSheetData } from './layout';
import { readWorkbook } from './read';
import { modelToSheetInput } from './testing';

const catalogue = defaultCatalogue();
const settings = defaultSettings();
const OLD = defaultUnits();
const CHUNG_CHAI = OLD[0];
/** The list after the officer corrected Chung Chải's code. */
const UNITS: Unit[] = OLD.map((u) => (u.code === 'chung-chai' ? { ...u, code: 'chungchai' } : u));
const m12 = (v: number) => Array.from({ length: 12 }, (_, i) => (i < 9 ? v : null));
const DATA: UnitSheetData = {
  values: { TCD_LUOT: m12(1) },
  submitted: Array.from({ length: 12 }, (_, i) => (i < 9 ? `2018-${String(i + 1).padStart(2, '0')}-16` : null)),
};

/** A workbook of one sheet made for `u` (its code in C3, its name in C2, its tab name). */
function book(u: Pick<Unit, 'code' | 'name' | 'kind'>, file: string, year = 2018, data = DATA): WorkbookInput {
  return { source: file, sheets: [modelToSheetInput(buildUnitSheet(u, year, catalogue, data))] };
}

function setTop(b: WorkbookInput, row: number, value: string): WorkbookInput {
  b.sheets[0].grid[row - 1][LAYOUT.valueCol - 1] = value;
  return b;
}

const ctx = { level: DEFAULT_LEVEL, catalogue, units: UNITS, year: 2018 };
const codes = (fs: Finding[]) => fs.map((f) => f.code);
const about = (fs: Finding[]) => fs.filter((f) => f.code.startsWith('unit'));

describe('reading a sheet whose unit code is in no list', () => {
  test('the names designate one unit: read as its, with a warning naming sheet, cell and both codes', () => {
    const r = readWorkbook(book(CHUNG_CHAI, 'chung-chai-2018.xlsx'), ctx);
    expect(r.reports.map((x) => [x.unitCode, x.unitName, x.year])).toEqual([['chungchai', 'Chung Chải', 2018]]);
    expect(r.reports[0].values.TCD_LUOT[8]).toBe(1);
    expect(about(r.findings)).toEqual([
      {
        severity: 'warning',
        code: 'unit-code-outdated',
        file: 'chung-chai-2018.xlsx',
        sheet: 'Chung Chải 2018',
        unitCode: 'chungchai',
        unitName: 'Chung Chải',
        cell: 'C3',
        message:
          'Xã Chung Chải, trang "Chung Chải 2018", ô C3: mã đơn vị "chung-chai" không có trong danh sách đơn vị ' +
          '(mã của Xã Chung Chải là "chungchai"); trang này vẫn được tính là báo cáo của Xã Chung Chải vì ô "Đơn vị", ' +
          'tên trang và tên tệp chỉ tới Xã Chung Chải. Hãy sửa ô C3 thành "chungchai" (trên Google Sheets: chạy ' +
          'Dân vận › Tạo mẫu báo cáo cho xã, ô này được sửa tự động)',
      },
    ]);
  });

  test('without a "Đơn vị" cell the sheet name alone designates it; a generic sheet name, the file name', () => {
    const bySheet = setTop(book(CHUNG_CHAI, 'bao-cao.xlsx'), LAYOUT.unitNameRow, '');
    expect(readWorkbook(bySheet, ctx).reports.map((x) => x.unitCode)).toEqual(['chungchai']);
    const byFile = setTop(book(CHUNG_CHAI, 'chung-chai-2018.xlsx'), LAYOUT.unitNameRow, '');
    byFile.sheets[0].name = 'Sheet1';
    expect(readWorkbook(byFile, ctx).reports.map((x) => x.unitCode)).toEqual(['chungchai']);
  });

  test('"Mã đơn vị: chung-chai" in one cell: the warning names that cell', () => {
    const b = book(CHUNG_CHAI, 'x.xlsx');
    const grid = b.sheets[0].grid;
    grid[LAYOUT.unitCodeRow - 1][0] = 'Mã đơn vị: chung-chai';
    grid[LAYOUT.unitCodeRow - 1][LAYOUT.valueCol - 1] = '';
    const r = readWorkbook(b, ctx);
    expect(r.reports.map((x) => x.unitCode)).toEqual(['chungchai']);
    expect(r.findings.find((f) => f.code === 'unit-code-outdated')?.cell).toBe('A3');
  });

  test("a code of the list is never looked past: another unit's code is that unit's (unit-mismatch, as before)", () => {
    const r = readWorkbook(setTop(book(CHUNG_CHAI, 'x.xlsx'), LAYOUT.unitCodeRow, 'nam-vi'), ctx);
    expect(r.reports.map((x) => x.unitCode)).toEqual(['nam-vi']);
    expect(codes(about(r.findings))).toEqual(['unit-mismatch']);
  });

  test("an old code kept as a predecessor in a succession is that old unit's (not the name's)", () => {
    const merged: Unit = {
      code: 'muong-nhe-moi',
      name: 'Mường Nhé Mới',
      kind: 'xã',
      emails: [],
      succession: { from: '2018-01-01', predecessors: ['chung-chai'] },
    };
    const r = readWorkbook(book(CHUNG_CHAI, 'x.xlsx'), { ...ctx, units: [...UNITS, merged] });
    expect(r.reports.map((x) => x.unitCode)).toEqual(['chung-chai']);
    expect(codes(r.findings).some((c) => c.startsWith('unit-code'))).toBe(false);
  });

  test('names of no listed unit: unknown unit, as before', () => {
    const stranger = { code: 'na-co-sa', name: 'Na Cô Sa', kind: 'xã' };
    const r = readWorkbook(book(stranger, 'na-co-sa-2018.xlsx'), ctx);
    expect(r.reports).toEqual([]);
    expect(codes(r.findings)).toContain('unknown-unit');
  });

  test('names of two units ("Đơn vị" says Nậm Vì, the sheet Chung Chải): nobody\'s, and the error says why', () => {
    const b = setTop(book(CHUNG_CHAI, 'bao-cao.xlsx'), LAYOUT.unitNameRow, 'Xã Nậm Vì');
    const r = readWorkbook(b, ctx);
    expect(r.reports).toEqual([]);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([
      {
        severity: 'error',
        code: 'unit-code-not-listed',
        file: 'bao-cao.xlsx',
        sheet: 'Chung Chải 2018',
        cell: 'C3',
        message:
          'Tệp bao-cao.xlsx, trang "Chung Chải 2018", ô C3: mã đơn vị "chung-chai" không có trong danh sách đơn vị, ' +
          'mà theo ô "Đơn vị" và tên trang thì trang này có thể là báo cáo của Xã Nậm Vì (mã "nam-vi") hoặc ' +
          'Xã Chung Chải (mã "chungchai"), không rõ của đơn vị nào; số liệu của trang này không được tổng hợp. ' +
          'Hãy ghi đúng mã đơn vị vào ô C3 (và sửa ô "Đơn vị" hay tên trang nếu ghi nhầm)',
      },
    ]);
  });

  test("a file named after another unit makes it nobody's too (never another unit's sheet taken)", () => {
    const r = readWorkbook(book(CHUNG_CHAI, 'nam-vi-2018.xlsx'), ctx);
    expect(r.reports).toEqual([]);
    expect(codes(r.findings)).toContain('unit-code-not-listed');
  });
});

describe('checkWorkbooks: one unit never counted twice', () => {
  const own = (file: string) =>
    book({ ...CHUNG_CHAI, code: 'chungchai' }, file, 2018, { values: { TCD_LUOT: m12(5) } });

  test.each([
    ['a-cu.xlsx', 'z-moi.xlsx'],
    ['z-cu.xlsx', 'a-moi.xlsx'],
  ])("the unit's own sheet with its code wins over the old-coded one, whatever the order (%s, %s)", (old, mine) => {
    for (const books of [
      [book(CHUNG_CHAI, old), own(mine)],
      [own(mine), book(CHUNG_CHAI, old)],
    ]) {
      const r = checkWorkbooks(books, ctx);
      expect(r.reports.map((x) => [x.unitCode, x.file, x.values.TCD_LUOT[0]])).toEqual([['chungchai', mine, 5]]);
      expect(codes(about(r.findings))).toEqual(['unit-code-not-listed']);
      const error = r.findings.find((f) => f.code === 'unit-code-not-listed');
      expect(error).toMatchObject({ severity: 'error', unitCode: 'chungchai', file: old, cell: 'C3' });
      expect(error?.message).toBe(
        `Xã Chung Chải, trang "Chung Chải 2018", ô C3: mã đơn vị "chung-chai" không có trong danh sách đơn vị; ` +
          `tên đơn vị chỉ tới Xã Chung Chải (mã "chungchai"), nhưng Xã Chung Chải đã có báo cáo năm 2018 ghi đúng ` +
          `mã ở tệp ${mine}, trang "Chung Chải 2018", nên số liệu của trang này không được tổng hợp. Nếu trang này ` +
          `mới là báo cáo đúng, hãy ghi "chungchai" vào ô C3 và xóa (hoặc sửa mã) tệp ${mine}, trang "Chung Chải 2018"`,
      );
    }
  });

  test('two old-coded sheets of one unit: neither counted, each error names the other, and the unit\'s "missing" says why', () => {
    const r = checkWorkbooks([book(CHUNG_CHAI, 'b.xlsx'), book(CHUNG_CHAI, 'a.xlsx')], ctx);
    expect(r.reports).toEqual([]);
    const errors = r.findings.filter((f) => f.code === 'unit-code-not-listed');
    expect(errors.map((f) => f.file)).toEqual(['a.xlsx', 'b.xlsx']);
    expect(errors[0].message).toContain('nhưng tệp b.xlsx, trang "Chung Chải 2018" cũng ghi tên Xã Chung Chải');
    expect(r.findings.some((f) => f.code === 'unit-code-outdated')).toBe(false);
    expect(r.findings.filter((f) => f.code === 'unit-missing')).toEqual([
      {
        severity: 'warning',
        code: 'unit-missing',
        unitCode: 'chungchai',
        unitName: 'Chung Chải',
        message:
          'Xã Chung Chải: chưa có báo cáo năm 2018 được tính — theo tên, tệp a.xlsx, trang "Chung Chải 2018", ' +
          'tệp b.xlsx, trang "Chung Chải 2018" có thể là báo cáo của Xã Chung Chải, nhưng ô "Mã đơn vị" ghi mã không ' +
          'có trong danh sách đơn vị nên chưa được tổng hợp (xem lỗi của trang đó)',
      },
    ]);
    // Said once: expectedUnitsMissing, given these findings, does not add "chưa có trang báo cáo".
    expect(expectedUnitsMissing(r.reports, UNITS, 2018, r.findings).map((f) => f.unitCode)).not.toContain('chungchai');
  });

  test("last year's sheet and this year's, both old-coded: each is the unit's of its year", () => {
    const r = checkWorkbooks([book(CHUNG_CHAI, 'a.xlsx', 2017), book(CHUNG_CHAI, 'b.xlsx')], {
      ...ctx,
      years: [2018, 2017],
    });
    expect(r.reports.map((x) => [x.unitCode, x.year])).toEqual([
      ['chungchai', 2017],
      ['chungchai', 2018],
    ]);
  });
});

describe('summarise', () => {
  const run = (books: WorkbookInput[]) =>
    summarise({
      catalogue,
      units: UNITS,
      settings,
      period: { type: 'month', year: 2018, index: 9 },
      workbooks: books,
      generatedAt: '2018-10-05T03:00:00Z',
    }).summary;
  const all = () => OLD.map((u) => book(u, `${u.code}-2018.xlsx`));

  test('every commune counted: totals, completeness, no "missing" nor unknown unit', () => {
    const s = run(all());
    expect(s.indicators.find((i) => i.code === 'TCD_LUOT')?.period).toBe(11);
    expect(s.completeness.reported).toBe(11);
    expect(s.findings.some((f) => f.code === 'unit-missing' || f.code === 'unknown-unit')).toBe(false);
    expect(s.findings.filter((f) => f.code === 'unit-code-outdated').map((f) => f.unitCode)).toEqual(['chungchai']);
  });

  test('not readable as one unit\'s: not summed, and the unit is not said to have "no sheet"', () => {
    const books = all();
    setTop(books[0], LAYOUT.unitNameRow, 'Xã Nậm Vì');
    const s = run(books);
    expect(s.indicators.find((i) => i.code === 'TCD_LUOT')?.period).toBe(10);
    const missing = s.findings.filter((f) => f.code === 'unit-missing');
    expect(missing.map((f) => f.unitCode)).toEqual(['chungchai']);
    expect(missing[0].message).toContain('Xã Chung Chải: chưa có báo cáo năm 2018 được tính');
  });
});

describe("a name shared across the 2025 merger is still the year's", () => {
  const file = parseUnitsFile(units2025Json);
  if (!file.ok) throw new Error(file.errors.join('\n'));
  const { units, formerUnits } = file.value;
  const MUONG_NHE = { code: 'muong-nhe', name: 'Mường Nhé', kind: 'xã' };
  /** A "Mường Nhé <year>" sheet whose "Mã đơn vị" holds "muongnhe", a code in no list. */
  const sheet = (year: number) => setTop(book(MUONG_NHE, 'bao-cao.xlsx', year), LAYOUT.unitCodeRow, 'muongnhe');

  test.each([false, true])("before, after and in the merger's year (formerUnits: %s)", (named) => {
    const list = named ? [...units, ...(formerUnits ?? [])] : units;
    const read = (year: number) => readWorkbook(sheet(year), { level: DEFAULT_LEVEL, catalogue, units: list, year });
    expect(read(2024).reports.map((x) => x.unitCode)).toEqual(['muong-nhe']);
    expect(read(2026).reports.map((x) => x.unitCode)).toEqual(['muong-nhe-2025']);
    // The merger's year leaves it open: nobody's, as the error says.
    const open = read(2025);
    expect(open.reports).toEqual([]);
    const error = open.findings.find((f) => f.code === 'unit-code-not-listed');
    expect(error?.message).toContain(
      named
        ? 'có thể là báo cáo của Xã Mường Nhé (mã "muong-nhe") hoặc Xã Mường Nhé (mã "muong-nhe-2025")'
        : 'có thể là báo cáo của đơn vị cũ (mã "muong-nhe") hoặc Xã Mường Nhé (mã "muong-nhe-2025")',
    );
  });
});
