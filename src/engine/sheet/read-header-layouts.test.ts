/** Header rows laid out outside the template: a two-row header over bare numbers, months as words. */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import type { CellValue, Unit } from '../types';
import { buildUnitSheet, LAYOUT, monthCol } from './layout';
import { type ReadContext, readSheet } from './read';
import { modelToSheetInput } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const chungChai = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { catalogue, units, year: 2018 };
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
