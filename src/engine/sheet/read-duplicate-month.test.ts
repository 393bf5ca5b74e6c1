import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { CellValue, Finding, Grid, SheetInput, Unit } from '../types';
import { buildUnitSheet, LAYOUT, monthCol } from './layout';
import { type ReadContext, readSheet, readWorkbook } from './read';
import { modelToSheetInput } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const CHUNG_CHAI = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };

const DATA = {
  values: {
    DON_TONG: [5, null, 7, 9, null, null, null, null, 4, null, null, null],
    TCD_LUOT: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  },
  submitted: ['2018-01-16', null, null, null, null, null, null, null, '2018-09-16', null, null, null],
};

function sheet(name?: string): SheetInput {
  return modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2018, catalogue, DATA, name));
}

const letter = (c: number) => String.fromCharCode(64 + c);
const H = LAYOUT.headerRow - 1;
const T9 = monthCol(9);

/** An empty column headed "T9" inserted before column `before` (1-based). */
function insertEmptyT9(grid: Grid, before: number): void {
  grid.forEach((row, r) => {
    row.splice(before - 1, 0, r === H ? 'T9' : ('' as CellValue));
  });
}

const dups = (fs: Finding[]) => fs.filter((f) => f.code === 'duplicate-month-column');

describe('a month headed twice', () => {
  it('an empty extra column after the month: a warning naming it, September read', () => {
    const s = sheet();
    s.grid[H].push('T9');
    const extra = s.grid[H].length;
    const { report, findings } = readSheet(s, ctx);
    expect(dups(findings).map((f) => [f.severity, f.cell, f.message])).toEqual([
      [
        'warning',
        `${letter(extra)}${H + 1}`,
        `Xã Chung Chải, ô ${letter(extra)}${H + 1}: cột ${letter(extra)} cũng có tiêu đề tháng 9 nhưng không có số ` +
          `liệu, đã đọc cột ${letter(T9)}. Nên xóa cột ${letter(extra)} hoặc sửa tiêu đề cho đúng tháng`,
      ],
    ]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report?.values.TCD_LUOT[8]).toBe(10);
    expect(report?.submitted[8]).toBe('2018-09-16');
  });

  it('an empty column first: the one holding the figures is read, the commune has reported September', () => {
    const s = sheet();
    insertEmptyT9(s.grid, T9);
    const { report, findings } = readSheet(s, ctx);
    expect(dups(findings).map((f) => [f.severity, f.cell])).toEqual([['warning', `${letter(T9)}${H + 1}`]]);
    expect(dups(findings)[0].message).toContain(
      `cột ${letter(T9)} cũng có tiêu đề tháng 9 nhưng không có số liệu, đã đọc cột ${letter(T9 + 1)}`,
    );
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report?.values.TCD_LUOT[8]).toBe(10);
    expect(report?.values.DON_TONG[8]).toBe(4);
    expect(report?.submitted[8]).toBe('2018-09-16');
    expect(report?.cells.TCD_LUOT[8]).toMatch(new RegExp(`^${letter(T9 + 1)}\\d+$`));
    expect(report?.values.TCD_LUOT[9]).toBe(11);
  });

  it('figures in both: an error naming the column read and the one dropped', () => {
    const s = sheet();
    insertEmptyT9(s.grid, T9);
    const row = s.grid.findIndex((r) => r.includes('TCD_LUOT'));
    s.grid[row][T9 - 1] = 77;
    const { report, findings } = readSheet(s, ctx);
    expect(dups(findings).map((f) => [f.severity, f.message])).toEqual([
      [
        'error',
        `Xã Chung Chải, ô ${letter(T9 + 1)}${H + 1}: có hai cột tháng 9 (cột ${letter(T9)} và cột ${letter(T9 + 1)}); ` +
          `chỉ lấy cột ${letter(T9)}, bỏ qua số liệu cột ${letter(T9 + 1)}. Hãy giữ lại một cột tháng 9 (xóa cột thừa hoặc sửa tiêu đề cho đúng tháng)`,
      ],
    ]);
    expect(report?.values.TCD_LUOT[8]).toBe(77);
  });

  it("one sheet's choice does not carry to the next sheet with the same header", () => {
    const a = sheet('A');
    insertEmptyT9(a.grid, T9); // figures in the second T9 column
    const b = sheet('B');
    insertEmptyT9(b.grid, T9 + 1); // figures in the first T9 column
    const c = sheet('C');
    insertEmptyT9(c.grid, T9);
    const r = readWorkbook({ source: 'x.xlsx', sheets: [a, b, c] }, { ...ctx, units });
    expect(r.reports.map((x) => [x.values.TCD_LUOT[8], x.submitted[8]])).toEqual([
      [10, '2018-09-16'],
      [10, '2018-09-16'],
      [10, '2018-09-16'],
    ]);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
