/** Month headers naming another year than the sheet's: a copy of last year's sheet, told. */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { CellValue, Unit } from '../types';
import { a1, buildUnitSheet, LAYOUT, monthCol } from './layout';
import { type ReadContext, readSheet } from './read';
import { modelToSheetInput } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const chungChai = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };

function withHeaders(header: (m: number) => CellValue) {
  const values = { TCD_LUOT: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] };
  const s = modelToSheetInput(buildUnitSheet(chungChai, 2018, catalogue, { values, notes: {}, submitted: [] }));
  for (let m = 1; m <= 12; m++) s.grid[LAYOUT.headerRow - 1][monthCol(m) - 1] = header(m);
  return s;
}
const headerYear = (s: ReturnType<typeof withHeaders>) =>
  readSheet(s, ctx).findings.filter((f) => f.code === 'month-header-year');
const H = LAYOUT.headerRow;

describe('month headers of another year', () => {
  it('"T1/2017" … in a 2018 sheet: one warning on the first header, naming the others; figures still read', () => {
    const s = withHeaders((m) => `T${m}/2017`);
    const found = headerYear(s);
    const cells = Array.from({ length: 12 }, (_, i) => a1(H, monthCol(i + 1)));
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        cell: a1(H, monthCol(1)),
        message:
          `Xã Chung Chải, ô ${cells[0]}: tiêu đề cột tháng ghi "T1/2017" (12 ô tiêu đề tháng ghi năm khác: ` +
          `${cells.join(', ')}) nhưng trang là báo cáo năm 2018; số liệu vẫn được đọc là của năm 2018. Bảng có lẽ ` +
          'chép từ năm 2017 — hãy kiểm tra lại số liệu các tháng và sửa tiêu đề cho đúng năm 2018',
      }),
    ]);
    expect(readSheet(s, ctx).report?.values.TCD_LUOT).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('one header of another year ("Tháng 9/2017" among 2018 ones), or dates of 2017', () => {
    const one = headerYear(withHeaders((m) => (m === 9 ? 'Tháng 9/2017' : `Tháng ${m}/2018`)));
    expect(one.map((f) => f.cell)).toEqual([a1(H, monthCol(9))]);
    expect(one[0].message).toContain('tiêu đề cột tháng ghi "Tháng 9/2017" nhưng trang là báo cáo năm 2018');
    const dates = headerYear(withHeaders((m) => new Date(2017, m - 1, 1)));
    expect(dates.map((f) => f.cell)).toEqual([a1(H, monthCol(1))]);
    expect(dates[0].message).toContain('ghi "1/2017"');
  });

  it("is quiet for headers of the sheet's year or of none", () => {
    for (const header of [(m: number) => `T${m}`, (m: number) => `T${m}/2018`, (m: number) => new Date(2018, m - 1, 1)])
      expect(headerYear(withHeaders(header))).toEqual([]);
  });
});
