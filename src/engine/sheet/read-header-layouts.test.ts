/** Header rows laid out outside the template: a two-row header over bare numbers, months as words. */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { CellValue, SheetInput, Unit } from '../types';
import { buildUnitSheet, LAYOUT, monthCol } from './layout';
import { type ReadContext, readSheet, readWorkbook } from './read';
import { modelToSheetInput } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const chungChai = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };
const values = { TCD_LUOT: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], DTN_QUA: [5, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0] };

function template() {
  return modelToSheetInput(buildUnitSheet(chungChai, 2018, catalogue, { values, notes: {}, submitted: [] }));
}

/**
 * The header split over two rows as Excel keeps it: "Mã", "STT", "Chỉ tiêu", "Đơn vị tính", "Cả năm",
 * "Ghi chú" in the upper row (merged down, so the cells under them are empty), `over(m)` above month m,
 * and the lower row holding only the numbers 1 … 12.
 */
function twoRowHeader(over: (m: number) => CellValue, merges: string[] = []) {
  const s = template();
  const h = LAYOUT.headerRow - 1;
  const upper = s.grid[h].slice();
  const lower = upper.map(() => '' as CellValue);
  for (let m = 1; m <= 12; m++) {
    upper[monthCol(m) - 1] = over(m);
    lower[monthCol(m) - 1] = m;
  }
  s.grid.splice(h, 1, upper, lower);
  return { ...s, merges: [...(s.merges ?? []), ...merges] };
}

const expected = () => readSheet(template(), ctx).report?.values;

describe('a two-row header whose lower row holds only the numbers 1 … 12', () => {
  it.each([
    ['"Tháng" over the first month', (m: number) => (m === 1 ? 'Tháng' : '')],
    ['"THANG" without diacritics', (m: number) => (m === 1 ? 'THANG' : '')],
    ['"Tháng" in NFD, centred over the months', (m: number) => (m === 6 ? 'Tháng'.normalize('NFD') : '')],
    ['"Các tháng năm 2018"', (m: number) => (m === 1 ? 'Các tháng năm 2018' : '')],
  ])('%s: read, every month in its column', (_, over) => {
    const { report, findings } = readSheet(twoRowHeader(over), ctx);
    expect(findings).toEqual([]);
    expect(report?.values).toEqual(expected());
    expect(report?.values.TCD_LUOT).toEqual(values.TCD_LUOT);
  });

  it('read when merges come down from the upper row, whatever the heading over the months says', () => {
    const merges = ['A6:A7', 'B6:B7', 'C6:C7', 'D6:D7', 'E6:P6', 'Q6:Q7', 'R6:R7'];
    const s = twoRowHeader((m) => (m === 1 ? 'Kết quả thực hiện' : ''), merges);
    const { report, findings } = readSheet(s, ctx);
    expect(findings).toEqual([]);
    expect(report?.values).toEqual(expected());
  });

  it('not read without "Tháng" above and without merges (a row of numbers under a title)', () => {
    const { report } = readSheet(
      twoRowHeader((m) => (m === 1 ? 'Kết quả thực hiện' : '')),
      ctx,
    );
    expect(report).toBeNull();
  });

  it('a row of column numbers 1 … 12 under "Mã", "STT", "Chỉ tiêu" … is no header, even under "Tháng"', () => {
    const s = twoRowHeader((m) => (m === 1 ? 'Tháng' : ''), ['A6:A7']);
    const lower = s.grid[LAYOUT.headerRow];
    lower.fill('');
    for (let c = 0; c < 12; c++) lower[c] = c + 1;
    expect(readSheet(s, ctx).report).toBeNull();
  });

  it('a row of figures 1 … 12 under other figures is no header', () => {
    const s = template();
    const h = LAYOUT.headerRow - 1;
    for (let m = 1; m <= 12; m++) s.grid[h][monthCol(m) - 1] = `Cột ${m}`;
    const above = s.grid[h + 1].slice();
    const row = above.map(() => '' as CellValue);
    for (let m = 1; m <= 12; m++) {
      above[monthCol(m) - 1] = m * 3;
      row[monthCol(m) - 1] = m;
    }
    above[0] = 'Tháng';
    s.grid.splice(h + 1, 0, above, row);
    expect(readSheet({ ...s, merges: ['A8:A9'] }, ctx).report).toBeNull();
  });
});

describe('month headers written as words', () => {
  const WORDS = ['Một', 'Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười', 'Mười một', 'Mười hai'];
  function withHeaders(header: (m: number) => string) {
    const s = template();
    for (let m = 1; m <= 12; m++) s.grid[LAYOUT.headerRow - 1][monthCol(m) - 1] = header(m);
    return s;
  }

  it.each([
    ['"Tháng Một" … "Tháng Mười hai"', (m: number) => `Tháng ${WORDS[m - 1]}`],
    ['upper case, NFD', (m: number) => `THÁNG ${WORDS[m - 1].toUpperCase()}`.normalize('NFD')],
    ['without diacritics, "Bon" for 4', (m: number) => `thang ${m === 4 ? 'bon' : slugWord(WORDS[m - 1])}`],
  ])('%s: read, every month in its column', (_, header) => {
    const { report, findings } = readSheet(withHeaders(header), ctx);
    expect(findings).toEqual([]);
    expect(report?.values).toEqual(expected());
  });

  it('lunar names ("Tháng Giêng", "Tháng Chạp") are not taken for months', () => {
    const s = withHeaders((m) => (m === 1 ? 'Tháng Giêng' : m === 12 ? 'Tháng Chạp' : `Tháng ${WORDS[m - 1]}`));
    const { report, findings } = readSheet(s, ctx);
    expect(report?.values.TCD_LUOT).toEqual([null, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, null]);
    expect(findings.map((f) => f.code)).toContain('missing-month-column');
  });
});

function slugWord(w: string): string {
  return w
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

describe('a workbook with no report sheet: the message names the sheets and the row that came close', () => {
  const message = (sheets: SheetInput[]) => {
    const r = readWorkbook({ source: 'x.xlsx', sheets }, ctx);
    expect(r.reports).toEqual([]);
    const f = r.findings.find((x) => x.code === 'no-report-sheet');
    return f?.message;
  };
  const header = (s: SheetInput) => s.grid[LAYOUT.headerRow - 1];

  it('fewer than six month columns: the row, its months, and to keep T1 … T12', () => {
    const s = template();
    // T1 … T8 deleted: T9 … T12 left.
    for (const row of s.grid) row.splice(monthCol(1) - 1, 8);
    expect(message([s])).toBe(
      'Tệp x.xlsx: không có trang báo cáo nào (không tìm thấy dòng tiêu đề có các cột tháng T1 … T12); ' +
        'trang "Chung Chải 2018", dòng 6 chỉ có 4 cột tháng ("T9", "T10", "T11", "T12"), cần ít nhất 6: ' +
        'hãy giữ đủ 12 cột tháng T1 … T12 như mẫu báo cáo (tháng chưa có số liệu thì để trống)',
    );
  });

  it('month words not understood: the row and its words, and what to write instead', () => {
    const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
    const s = template();
    for (let m = 1; m <= 12; m++) header(s)[monthCol(m) - 1] = `Tháng ${roman[m - 1]}`;
    const notes: SheetInput = { name: 'Ghi chú', grid: [['Ghi chú của xã']] };
    expect(message([notes, s])).toBe(
      'Tệp x.xlsx: không có trang báo cáo nào (không tìm thấy dòng tiêu đề có các cột tháng T1 … T12); ' +
        'trang "Chung Chải 2018", dòng 6 ghi "Tháng I", "Tháng II", "Tháng III", "Tháng IV", … "Tháng XII" ' +
        'nhưng không đọc được là tháng nào: hãy ghi T1 … T12 (hoặc "Tháng 1" … "Tháng 12"); ' +
        'đã xem các trang "Ghi chú", "Chung Chải 2018"',
    );
  });

  it('bare numbers with nothing saying they are months: the row, and to write "Tháng" above', () => {
    const s = twoRowHeader((m) => (m === 1 ? 'Kết quả thực hiện' : ''));
    expect(message([s])).toContain(
      'trang "Chung Chải 2018", dòng 7 chỉ có các số "1", "2", "3", "4", … "12", không rõ có phải là các tháng không: ' +
        'nếu là tháng, hãy ghi "Tháng" vào ô ngay phía trên các số đó, hoặc ghi T1 … T12',
    );
  });

  it('a month header row with no indicator under it: says so', () => {
    const s = template();
    const h = LAYOUT.headerRow - 1;
    s.grid = s.grid.slice(0, h + 1).concat([['Tổng hợp chung', '', '', '', 1, 2, 3]]);
    s.grid[h][0] = 'Cột A';
    s.grid[h][2] = 'Nội dung công việc';
    expect(message([s])).toContain(
      'trang "Chung Chải 2018", dòng 6 có các cột tháng nhưng không có dòng chỉ tiêu nào khớp danh mục',
    );
  });

  it('nothing close: the sheets looked at are named', () => {
    const a: SheetInput = { name: 'Sheet1', grid: [['Ghi chú'], ['Tháng 9: đã họp']] };
    const b: SheetInput = { name: 'Sheet2', grid: [] };
    expect(message([a, b])).toBe(
      'Tệp x.xlsx: không có trang báo cáo nào (không tìm thấy dòng tiêu đề có các cột tháng T1 … T12); ' +
        'đã xem các trang "Sheet1", "Sheet2"',
    );
  });
});

describe('two tables stacked in one sheet', () => {
  const sheetOf = (year: number, luot: number[]) =>
    modelToSheetInput(
      buildUnitSheet(chungChai, year, catalogue, { values: { TCD_LUOT: luot }, notes: {}, submitted: [] }),
    );
  const old = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  const current = [2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0];
  /** `upper` at rows 1–48, four blank rows, `lower` from row 53, in one sheet "Chung Chải". */
  function stacked(upper: SheetInput, lower: SheetInput): SheetInput {
    const blank = () => upper.grid[0].map(() => '' as CellValue);
    return { name: 'Chung Chải', grid: [...upper.grid, blank(), blank(), blank(), blank(), ...lower.grid] };
  }
  const read = (s: SheetInput, c: ReadContext) => readWorkbook({ source: 'chung-chai.xlsx', sheets: [s] }, c);
  const errors = (r: ReturnType<typeof read>) => r.findings.filter((f) => f.severity === 'error');

  it("last year on top: this year's table is read, one error names both tables, their rows and years", () => {
    const r = read(stacked(sheetOf(2017, old), sheetOf(2018, current)), { ...ctx, years: [2018, 2017] });
    expect(r.reports.map((x) => [x.year, x.values.TCD_LUOT])).toEqual([[2018, current]]);
    expect(errors(r).map((f) => [f.code, f.message])).toEqual([
      [
        'stacked-tables',
        'Xã Chung Chải: trang "Chung Chải" có hai bảng: bảng năm 2017 (dòng 6–48) và bảng năm 2018 (dòng 58–100); ' +
          'chỉ đọc bảng dưới, số liệu bảng trên (năm 2017) không được tổng hợp. ' +
          'Hãy chuyển bảng năm 2017 sang một trang riêng (mỗi năm một trang)',
      ],
    ]);
    // Cells are named as in the sheet: the lower table's rows keep their numbers.
    expect(r.reports[0].cells.TCD_LUOT[0]).toMatch(/^E\d+$/);
    expect(Number(r.reports[0].cells.TCD_LUOT[0].slice(1))).toBeGreaterThan(58);
  });

  it('this year on top: the upper table is read, with the one error', () => {
    const r = read(stacked(sheetOf(2018, current), sheetOf(2017, old)), ctx);
    expect(r.reports.map((x) => [x.year, x.values.TCD_LUOT])).toEqual([[2018, current]]);
    expect(errors(r).map((f) => f.code)).toEqual(['stacked-tables']);
    expect(errors(r)[0].message).toContain('chỉ đọc bảng trên, số liệu bảng dưới (năm 2017) không được tổng hợp');
  });

  it('no year asked (check): the newer table is read, as aggregating it would, and the error says which year reads which', () => {
    const said =
      'khi tổng hợp năm 2018 chỉ đọc bảng năm 2018, bảng năm 2017 không được dùng làm số liệu cùng kỳ ' +
      '(khi tổng hợp năm 2017 thì chỉ đọc bảng năm 2017). Hãy chuyển bảng năm 2017 sang một trang riêng';
    for (const [upper, lower] of [
      [sheetOf(2017, old), sheetOf(2018, current)],
      [sheetOf(2018, current), sheetOf(2017, old)],
    ]) {
      const r = read(stacked(upper, lower), { level: DEFAULT_LEVEL, catalogue, units });
      expect(r.reports.map((x) => [x.year, x.values.TCD_LUOT])).toEqual([[2018, current]]);
      expect(errors(r).map((f) => f.code)).toEqual(['stacked-tables']);
      expect(errors(r)[0].message).toContain(said);
      expect(errors(r)[0].message).not.toContain('không được tổng hợp');
    }
  });

  it('two tables of the same year: the upper one is read, one error says both have that year', () => {
    const r = read(stacked(sheetOf(2018, current), sheetOf(2018, old)), ctx);
    expect(r.reports.map((x) => x.values.TCD_LUOT)).toEqual([current]);
    expect(errors(r).map((f) => f.message)).toEqual([
      'Xã Chung Chải: trang "Chung Chải" có hai bảng cùng năm 2018: dòng 6–48 và dòng 58–100; chỉ đọc bảng trên, ' +
        'số liệu bảng dưới không được tổng hợp. Hãy xoá bảng thừa, hoặc nếu bảng dưới là của năm khác thì sửa ô ' +
        '"Năm" của nó và chuyển sang một trang riêng',
    ]);
  });
});

it('a header row repeated inside one table (for print) is no second table: the repeated codes are said as before', () => {
  const s = template();
  const h = LAYOUT.headerRow - 1;
  const rows = s.grid;
  // The header again after 20 indicator rows, then one indicator row copied below it.
  const at = h + 20;
  const copied = rows[h + 5].slice();
  rows.splice(at, 0, rows[h].slice(), copied);
  const r = readWorkbook({ source: 'x.xlsx', sheets: [s] }, ctx);
  expect(r.findings.map((f) => f.code)).toEqual(['duplicate-indicator']);
  expect(r.reports[0]?.values).toEqual(expected());
});
