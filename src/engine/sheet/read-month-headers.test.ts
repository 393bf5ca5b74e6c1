/** Month headers as Excel makes them when "1/2018" is typed: the text "01/2018", or the date 01/01/2018. */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { CellValue, Unit } from '../types';
import { buildUnitSheet, LAYOUT, monthCol } from './layout';
import { type ReadContext, readSheet, readWorkbook } from './read';
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

describe('month headers typed as month/year', () => {
  it.each([
    ['"01/2018" text', (m: number) => `${String(m).padStart(2, '0')}/2018`],
    ['"1-2018" text', (m: number) => `${m}-2018`],
    ['dates, the 1st of each month', (m: number) => new Date(2018, m - 1, 1)],
  ])('%s: the sheet is read, every month in its column', (_, header) => {
    const { report } = readSheet(withHeaders(header), ctx);
    expect(report?.values.TCD_LUOT).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('a row of other dates (a submission row) is no header', () => {
    const { report } = readSheet(
      withHeaders((m) => new Date(2018, m - 1, 16)),
      ctx,
    );
    expect(report).toBeNull();
  });
});

describe('a month header deleted above rows of figures', () => {
  // A stock counted up month by month: its STT "1" and figures 2 … 9, 11 read like bare months 1 … 9, 11.
  const stock = [2, 3, 4, 5, 6, 7, 8, 9, 11, null, null, null];

  it('a row of figures naming its indicator is not taken for a header of bare month numbers', () => {
    const values = { HND_SXKDG_CONGNHAN: stock, TCD_LUOT: [1, 2, 3, 4, 5, 6, 7, 8, 9, null, null, null] };
    const s = modelToSheetInput(buildUnitSheet(chungChai, 2018, catalogue, { values, notes: {}, submitted: [] }));
    for (let m = 1; m <= 12; m++) s.grid[LAYOUT.headerRow - 1][monthCol(m) - 1] = '';
    // Nothing is read from the sheet: its months would be shifted by one column.
    expect(readSheet(s, ctx).report).toBeNull();
    const wb = readWorkbook({ source: 'chung-chai.xlsx', sheets: [s] }, ctx);
    expect(wb.reports).toEqual([]);
    expect(wb.findings.map((f) => f.code)).toEqual(['no-report-sheet']);
    // Said as when another sheet is read: which sheet, whose, and what to do.
    expect(wb.findings[0].message).toBe(
      `Tệp chung-chai.xlsx: không đọc được trang báo cáo nào: trang "${s.name}" có ô đơn vị (Xã Chung Chải, năm ` +
        '2018) và các dòng chỉ tiêu nhưng không tìm thấy dòng tiêu đề có các cột tháng (T1 … T12), nên chưa đọc được ' +
        'số liệu nào của trang này. Hãy ghi lại tiêu đề T1 … T12 vào dòng tiêu đề của bảng (như mẫu) rồi kiểm tra lại',
    );
    // The same figures under the header are read as they are.
    const whole = modelToSheetInput(buildUnitSheet(chungChai, 2018, catalogue, { values, notes: {}, submitted: [] }));
    expect(readSheet(whole, ctx).report?.values.HND_SXKDG_CONGNHAN).toEqual(stock);
  });
});

describe('a report sheet without its month header, beside a sheet that is read', () => {
  const values = { TCD_LUOT: [1, 2, 3, 4, 5, 6, 7, 8, 9, null, null, null] };
  const sheetOf = (year: number) =>
    modelToSheetInput(buildUnitSheet(chungChai, year, catalogue, { values, notes: {}, submitted: [] }));

  it('is an error naming the sheet and its unit, not a silent skip', () => {
    const broken = sheetOf(2018);
    for (let m = 1; m <= 12; m++) broken.grid[LAYOUT.headerRow - 1][monthCol(m) - 1] = '';
    const ctx2 = { ...ctx, years: [2018, 2017] };
    const r = readWorkbook({ source: 'chung-chai.xlsx', sheets: [sheetOf(2017), broken] }, ctx2);
    expect(r.reports.map((x) => x.year)).toEqual([2017]);
    const f = r.findings.filter((x) => x.code === 'no-month-header');
    expect(f).toEqual([
      {
        severity: 'error',
        code: 'no-month-header',
        file: 'chung-chai.xlsx',
        sheet: broken.name,
        unitCode: 'chung-chai',
        unitName: 'Chung Chải',
        message:
          `Tệp chung-chai.xlsx, trang "${broken.name}": trang có ô đơn vị (Xã Chung Chải, năm 2018) và các dòng chỉ ` +
          'tiêu nhưng không tìm thấy dòng tiêu đề có các cột tháng (T1 … T12), nên chưa đọc được số liệu nào của ' +
          'trang này. Hãy ghi lại tiêu đề T1 … T12 vào dòng tiêu đề của bảng (như mẫu) rồi kiểm tra lại',
      },
    ]);
  });

  it('another sheet without a month header and without unit cells (a list of codes) stays silent', () => {
    const list = sheetOf(2018);
    for (let m = 1; m <= 12; m++) list.grid[LAYOUT.headerRow - 1][monthCol(m) - 1] = '';
    for (let r = 0; r < LAYOUT.headerRow - 1; r++) list.grid[r] = [];
    const r = readWorkbook({ source: 'chung-chai.xlsx', sheets: [sheetOf(2018), { ...list, name: 'Danh mục' }] }, ctx);
    expect(r.findings.filter((x) => x.code === 'no-month-header')).toEqual([]);
  });
});
