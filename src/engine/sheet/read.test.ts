import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { toTcvn3, toVni } from '../text/legacy';
import { DEFAULT_LEVEL } from '../text/level';
import type { CellValue, Finding, Grid, SheetInput, Unit } from '../types';
import { buildUnitSheet, monthCol, type UnitSheetData } from './layout';
import { MAX_ROWS, type ReadContext, readSheet, readWorkbook } from './read';
import { modelToSheetInput, rowWithCode, setCell } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const unit = (code: string) => units.find((u) => u.code === code) as Unit;
const CHUNG_CHAI = unit('chung-chai');
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };

const DATA: UnitSheetData = {
  values: {
    DON_TONG: [5, null, 7, 9, null, null, null, null, 4, null, null, null],
    DON_KHIEUNAI: [1, null, 2, 3, null, null, null, null, 1, null, null, null],
    DON_TOCAO: [1, null, 2, 3, null, null, null, null, 1, null, null, null],
    DON_KIENNGHI: [3, null, 3, 3, null, null, null, null, 2, null, null, null],
    TCD_LUOT: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
    LDLD_MAIAM_GIATRI: [null, null, 90.5, null, null, null, null, null, null, null, null, 45],
    HND_SXKDG_DANGKY: [20, 20, 21, 21, 21, 22, 22, 22, 23, null, null, null],
  },
  notes: { GHI_CHU: [null, null, 'Đường vào bản bị sạt lở', null, null, null, null, null, null, null, null, null] },
  submitted: [
    '2018-01-16',
    '2018-02-15',
    '2018-03-16',
    '2018-04-17',
    null,
    null,
    null,
    null,
    '2018-09-16',
    null,
    null,
    null,
  ],
};

function sheet(u: Unit = CHUNG_CHAI, data: UnitSheetData = DATA, year = 2018, name?: string): SheetInput {
  return modelToSheetInput(buildUnitSheet(u, year, catalogue, data, name));
}

const codes = (fs: Finding[]) => fs.map((f) => f.code);
const messages = (fs: Finding[]) => fs.map((f) => f.message);
const col = (m: number) => String.fromCharCode(64 + monthCol(m));

/** Move whole rows: the rows `from` (1-based, inclusive) go before row `to`. */
function moveRows(grid: Grid, from: number, count: number, to: number): void {
  const moved = grid.splice(from - 1, count);
  const at = to > from ? to - 1 - count : to - 1;
  grid.splice(at, 0, ...moved);
}

function insertColumn(grid: Grid, before: number, values: CellValue[] = []): void {
  grid.forEach((row, r) => {
    row.splice(before - 1, 0, values[r] ?? '');
  });
}

describe('readSheet — the layout as written', () => {
  it('reads back what buildUnitSheet wrote, without findings', () => {
    const { report, findings } = readSheet(sheet(), ctx);
    expect(findings).toEqual([]);
    expect(report).not.toBeNull();
    if (!report) return;
    expect(report.unitCode).toBe('chung-chai');
    expect(report.unitName).toBe('Chung Chải');
    expect(report.unitKind).toBe('xã');
    expect(report.year).toBe(2018);
    expect(report.file).toBe('');
    expect(report.sheet).toBe('Chung Chải 2018');
    expect(report.values.DON_TONG).toEqual(DATA.values?.DON_TONG);
    expect(report.values.LDLD_MAIAM_GIATRI).toEqual(DATA.values?.LDLD_MAIAM_GIATRI);
    expect(report.values.DVK_DANGKY).toEqual(Array(12).fill(null));
    expect(report.notes.GHI_CHU[2]).toBe('Đường vào bản bị sạt lở');
    expect(report.values.GHI_CHU).toBeUndefined();
    expect(report.submitted).toEqual(DATA.submitted);
    expect(report.cells.DON_TONG[2]).toBe('G36');
    expect(report.cells.DON_TONG[11]).toBe('P36');
    expect(report.submittedCells[0]).toBe('E7');
    expect(report.invalid).toEqual([]);
    expect(Object.keys(report.values)).toHaveLength(catalogue.indicators.length - 1);
  });

  it('names the place of an invalid cell exactly', () => {
    const s = sheet();
    const row = rowWithCode(s.grid, 'DON_TONG');
    setCell(s.grid, row, monthCol(3), 'abc');
    const { report, findings } = readSheet(s, ctx);
    expect(findings).toEqual([
      {
        severity: 'error',
        code: 'not-a-number',
        unitCode: 'chung-chai',
        unitName: 'Chung Chải',
        sheet: 'Chung Chải 2018',
        cell: `G${row}`,
        indicatorCode: 'DON_TONG',
        indicatorLabel: 'Tổng số đơn tiếp nhận',
        month: 3,
        message: `Xã Chung Chải, ô G${row} (Tổng số đơn tiếp nhận, tháng 3): "abc" không phải là số`,
      },
    ]);
    expect(report?.values.DON_TONG[2]).toBeNull();
    expect(report?.invalid).toEqual(['DON_TONG:3']);
  });

  it('explains each kind of bad value in Vietnamese', () => {
    const s = sheet();
    const r = rowWithCode(s.grid, 'TCD_LUOT');
    setCell(s.grid, r, monthCol(1), -2);
    setCell(s.grid, r, monthCol(2), 2.5);
    setCell(s.grid, r, monthCol(3), '1,000');
    setCell(s.grid, r, monthCol(4), new Date(2018, 3, 5));
    setCell(s.grid, r, monthCol(5), true);
    setCell(s.grid, r, monthCol(6), '#REF!');
    setCell(s.grid, r, monthCol(7), '12 lượt');
    setCell(s.grid, r, monthCol(8), '12.5');
    setCell(s.grid, r, monthCol(9), '1.000');
    setCell(s.grid, r, monthCol(10), '1,000,000');
    const { report, findings } = readSheet(s, ctx);
    const at = (m: number) => `Xã Chung Chải, ô ${col(m)}${r} (Lượt tiếp công dân, tháng ${m})`;
    expect(messages(findings)).toEqual([
      `${at(1)}: "-2" là số âm; số liệu phải từ 0 trở lên`,
      `${at(2)}: "2,5" phải là số nguyên (không có phần lẻ)`,
      `${at(3)}: "1,000" không rõ là 1 nghìn hay 1 phẩy 0: số nghìn viết 1.000, số lẻ viết 1,5`,
      `${at(4)}: "05/04/2018" là ngày tháng, không phải số liệu (nếu đã gõ số, hãy đổi định dạng ô thành Số)`,
      `${at(5)}: "TRUE" là giá trị đúng/sai, không phải số liệu`,
      `${at(6)}: ô có lỗi công thức #REF!, hãy sửa công thức`,
      `${at(7)}: "12 lượt" không phải là số — chỉ ghi con số, không ghi đơn vị tính hay chữ`,
      `${at(8)}: "12.5" viết bằng dấu chấm nên không rõ là số lẻ 12,5 hay ghi nhầm số nghìn: số lẻ viết bằng dấu phẩy (12,5), dấu chấm chỉ dùng để ngăn cách hàng nghìn (1.000)`,
      `${at(10)}: "1,000,000" viết theo kiểu tiếng Anh, đã hiểu là 1.000.000; theo cách viết Việt Nam số nghìn dùng dấu chấm (1.000.000)`,
    ]);
    expect(codes(findings)).toEqual([
      'negative',
      'fraction',
      'ambiguous',
      'date',
      'boolean',
      'error-value',
      'not-a-number',
      'ambiguous',
      'ambiguous-thousands',
    ]);
    expect(findings.map((f) => f.severity)).toEqual([...Array(8).fill('error'), 'warning']);
    expect(report?.values.TCD_LUOT).toEqual([null, null, null, null, null, null, null, null, 1000, 1000000, 12, 13]);
    expect(report?.invalid).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((m) => `TCD_LUOT:${m}`));
  });

  it('reports a bad submission date, and accepts dates typed as text or Date', () => {
    const s = sheet();
    setCell(s.grid, 7, monthCol(5), '16/05/2018');
    setCell(s.grid, 7, monthCol(6), new Date(2018, 5, 15));
    setCell(s.grid, 7, monthCol(7), '32/07/2018');
    const { report, findings } = readSheet(s, ctx);
    expect(report?.submitted.slice(4, 7)).toEqual(['2018-05-16', '2018-06-15', null]);
    expect(findings).toEqual([
      {
        severity: 'error',
        code: 'not-a-date',
        unitCode: 'chung-chai',
        unitName: 'Chung Chải',
        sheet: 'Chung Chải 2018',
        cell: 'K7',
        indicatorCode: 'NGAY_NOP',
        indicatorLabel: 'Ngày nộp báo cáo',
        month: 7,
        message:
          'Xã Chung Chải, ô K7 (Ngày nộp báo cáo, tháng 7): "32/07/2018" không phải là ngày hợp lệ; hãy ghi ngày/tháng/năm, ví dụ 16/09/2018',
      },
    ]);
  });

  it('accepts a value in a month with no submission date', () => {
    const s = sheet(CHUNG_CHAI, { values: { TCD_LUOT: [null, null, null, null, null, 4] } });
    const { report, findings } = readSheet(s, ctx);
    expect(findings).toEqual([]);
    expect(report?.values.TCD_LUOT[5]).toBe(4);
    expect(report?.submitted[5]).toBeNull();
  });
});

describe('readSheet — sheets edited by people', () => {
  const baseline = readSheet(sheet(), ctx).report;

  it('survives reordered rows, blank rows, an inserted column and renamed month headers', () => {
    const s = sheet();
    const g = s.grid;
    // Move the citizen-reception block (rows 32–46) above the first group.
    moveRows(g, 32, 15, 8);
    // Blank rows in the middle and at the end.
    g.splice(20, 0, [], ['', '', '', '']);
    g.push([], []);
    // A note column between "Đơn vị tính" and T1, and another at the very end.
    insertColumn(g, 5, Object.assign([], { 5: 'Ghi chú của xã' }));
    for (const row of g) row.push('');
    setCell(g, 6, g[5].length, 'Người nhập');
    // Renamed headers (the header row is row 6).
    setCell(g, 6, monthCol(9) + 1, 'Tháng 9');
    setCell(g, 6, monthCol(10) + 1, 'T10');
    setCell(g, 6, monthCol(1) + 1, 'T01');
    setCell(g, 6, monthCol(2) + 1, 'tháng\u00A002'.normalize('NFD'));
    const { report, findings } = readSheet(s, ctx);
    expect(findings).toEqual([]);
    expect(report?.values).toEqual(baseline?.values);
    expect(report?.notes).toEqual(baseline?.notes);
    expect(report?.submitted).toEqual(baseline?.submitted);
    expect(report?.cells.DON_TONG[0]).toBe(`F${rowWithCode(g, 'DON_TONG')}`);
    expect(rowWithCode(g, 'DON_TONG')).toBe(12);
  });

  it('ignores extra sheets in a workbook', () => {
    const wb = {
      source: 'chung-chai-2018.xlsx',
      sheets: [
        { name: 'Hướng dẫn', grid: [['Hướng dẫn nhập số liệu'], ['Nhập số vào cột T1 … T12']] },
        sheet(),
        {
          name: 'Biểu đồ',
          grid: [
            ['T1', 'T2', 'T3'],
            [1, 2, 3],
          ],
        },
        {
          name: 'Kế hoạch',
          grid: [
            ['Việc', ...Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}`)],
            ['Họp dân', 'x', '', 'x'],
            ['Kiểm tra', '', 'x', '', '', 'x'],
            ['Tập huấn', 'x'],
          ],
        },
      ],
    };
    const r = readWorkbook(wb, ctx);
    expect(r.findings).toEqual([]);
    expect(r.reports).toHaveLength(1);
    expect(r.reports[0].file).toBe('chung-chai-2018.xlsx');
    expect(r.reports[0].values).toEqual(baseline?.values);
  });

  it('finds rows by label when the code is blank, and the code column by its contents', () => {
    const s = sheet();
    const g = s.grid;
    const r = rowWithCode(g, 'DON_TONG');
    g[r - 1][0] = '';
    g[r - 1][2] = '5. tổng số  ĐƠN tiếp nhận:';
    g[5][0] = ''; // no "Mã" header: the column is recognised by its codes
    const { report, findings } = readSheet(s, ctx);
    expect(findings).toEqual([]);
    expect(report?.values.DON_TONG).toEqual(DATA.values?.DON_TONG);
  });

  it('matches labels with old tone placement and curly quotes', () => {
    const s = sheet();
    const g = s.grid;
    const r = rowWithCode(g, 'DVK_VHXH');
    const r2 = rowWithCode(g, 'DVK_DANGKY');
    g[r - 1][0] = '';
    g[r - 1][2] = 'Trong đó: lĩnh vực văn hoá — xã hội';
    g[r - 1][monthCol(1) - 1] = 3;
    g[r2 - 1][0] = '';
    g[r2 - 1][2] = 'Mô hình “Dân vận khéo” đăng ký';
    g[r2 - 1][monthCol(1) - 1] = 4;
    const { report, findings } = readSheet(s, ctx);
    expect(findings).toEqual([]);
    expect(report?.values.DVK_VHXH[0]).toBe(3);
    expect(report?.values.DVK_DANGKY[0]).toBe(4);
  });

  it('reads month headers that are bare numbers under a merged "Tháng" cell', () => {
    const s = sheet();
    const g = s.grid;
    g.splice(
      5,
      0,
      g[5].map((v, c) => (c === monthCol(1) - 1 ? 'Tháng' : c < 4 ? v : '')),
    );
    for (let m = 1; m <= 12; m++) g[6][monthCol(m) - 1] = m;
    g[6][0] = '';
    g[6][2] = '';
    g[6][3] = 'ĐVT';
    const { report, findings } = readSheet(s, ctx);
    expect(findings).toEqual([]);
    expect(report?.values).toEqual(baseline?.values);
  });

  it('does not take a row of column numbers or data for month headers', () => {
    const s = sheet();
    const g = s.grid;
    // Header row renamed to something unrecognisable; a row of column numbers 1…18 below it.
    for (let m = 1; m <= 12; m++) g[5][monthCol(m) - 1] = `Cột ${m}`;
    g.splice(
      6,
      0,
      Array.from({ length: 18 }, (_, i) => `(${i + 1})`),
    );
    g.splice(
      6,
      0,
      Array.from({ length: 18 }, (_, i) => i + 1),
    );
    const r = readWorkbook({ source: 'x.xlsx', sheets: [s] }, ctx);
    expect(r.reports).toEqual([]);
    expect(r.findings).toEqual([
      {
        severity: 'error',
        code: 'no-report-sheet',
        file: 'x.xlsx',
        // The sheet has its unit cells and indicator rows: which sheet, and to write T1 … T12 again.
        message:
          'Tệp x.xlsx: không đọc được trang báo cáo nào: trang "Chung Chải 2018" có ô đơn vị (Xã Chung Chải, năm ' +
          '2018) và các dòng chỉ tiêu nhưng không tìm thấy dòng tiêu đề có các cột tháng (T1 … T12), nên chưa đọc ' +
          'được số liệu nào của trang này. Hãy ghi lại tiêu đề T1 … T12 vào dòng tiêu đề của bảng (như mẫu) rồi kiểm ' +
          'tra lại',
      },
    ]);
  });

  it('does not read a row whose code and label name two indicators (rows sorted by label), after a clean sheet too', () => {
    const clean = sheet();
    const s = sheet();
    const g = s.grid;
    // Sorting the label and month columns moved TCD_NGUOI's label and figures into TCD_LUOT's row.
    const luot = rowWithCode(g, 'TCD_LUOT');
    const nguoi = rowWithCode(g, 'TCD_NGUOI');
    const [a, b] = [g[luot - 1].slice(2), g[nguoi - 1].slice(2)];
    g[luot - 1].splice(2, a.length, ...b);
    g[nguoi - 1].splice(2, b.length, ...a);
    const { reports, findings } = readWorkbook({ source: 'x.xlsx', sheets: [clean, s] }, ctx);
    const crossed = findings.filter((f) => f.code === 'code-label-mismatch');
    expect(crossed.map((f) => [f.severity, f.cell])).toEqual([
      ['error', `A${luot}`],
      ['error', `A${nguoi}`],
    ]);
    expect(crossed[0].message).toContain('mã "TCD_LUOT" nhưng ô C');
    expect(crossed[0].message).toContain('Số liệu hàng này chưa được tính');
    // Neither row's figures are taken for the other's indicator.
    const second = reports[1];
    expect(second.values.TCD_LUOT.every((v) => v === null)).toBe(true);
    expect(second.values.TCD_NGUOI.every((v) => v === null)).toBe(true);
    expect(reports[0].values.TCD_LUOT).toEqual(readSheet(clean, ctx).report?.values.TCD_LUOT);
  });

  it('warns about unknown codes, missing indicators and missing months; errors on duplicates', () => {
    const s = sheet();
    const g = s.grid;
    const kenh = rowWithCode(g, 'HND_NGAYCONG_KENH');
    g[kenh - 1][0] = 'HND_XYZ';
    g[kenh - 1][2] = 'Một chỉ tiêu mới';
    // Counted in another unit: not taken for the indicator whose place it holds (read-unknown-code.test.ts).
    g[kenh - 1][3] = 'cây';
    // A row of DON_TONG copied over DON_KHAC's (code and label).
    const dup = rowWithCode(g, 'DON_KHAC');
    g[dup - 1][0] = 'DON_TONG';
    g[dup - 1][2] = g[rowWithCode(g, 'DON_TONG') - 1][2];
    g[dup - 1][monthCol(3) - 1] = 99;
    g[5][monthCol(12) - 1] = 'Cả năm 2018';
    const { report, findings } = readSheet(s, ctx);
    const tong = rowWithCode(g, 'DON_TONG');
    expect(findings.map((f) => [f.severity, f.code, f.cell ?? '', f.message])).toEqual([
      [
        'warning',
        'missing-month-column',
        '',
        'Xã Chung Chải: không tìm thấy cột của tháng 12; số liệu các tháng này coi như chưa báo cáo',
      ],
      [
        'warning',
        'unknown-indicator',
        `A${kenh}`,
        `Xã Chung Chải, ô A${kenh}: mã chỉ tiêu "HND_XYZ" không có trong danh mục; dòng này bị bỏ qua`,
      ],
      [
        'error',
        'duplicate-indicator',
        `A${dup}`,
        `Xã Chung Chải, ô A${dup}: chỉ tiêu mã DON_TONG xuất hiện hai lần (dòng ${tong} và dòng ${dup}); chỉ lấy dòng ${tong}, bỏ qua dòng ${dup}`,
      ],
      [
        'warning',
        'missing-indicator',
        '',
        'Xã Chung Chải: thiếu dòng chỉ tiêu "Ngày công nạo vét kênh mương" (mã HND_NGAYCONG_KENH); chỉ tiêu này coi như chưa báo cáo',
      ],
      [
        'warning',
        'missing-indicator',
        '',
        'Xã Chung Chải: thiếu dòng chỉ tiêu "Theo lĩnh vực: lĩnh vực khác" (mã DON_KHAC); chỉ tiêu này coi như chưa báo cáo',
      ],
    ]);
    expect(report?.values.DON_TONG[2]).toBe(7);
    expect(report?.values.HND_NGAYCONG_KENH).toEqual(Array(12).fill(null));
    expect(report?.values.TCD_LUOT[11]).toBeNull();
    expect(report?.cells.TCD_LUOT[11]).toBe('');
  });

  it('an error for a second column of the same month (its figures are not read), a warning for a missing submission row', () => {
    const s = sheet();
    s.grid[5].push('T3');
    s.grid[rowWithCode(s.grid, 'TCD_LUOT') - 1].push(77);
    s.grid[6][0] = '';
    s.grid[6][2] = 'Ghi chú chung';
    const { report, findings } = readSheet(s, ctx);
    expect(findings.map((f) => [f.severity, f.code, f.cell ?? '', f.message])).toEqual([
      [
        'error',
        'duplicate-month-column',
        'S6',
        'Xã Chung Chải, ô S6: có hai cột tháng 3 (cột G và cột S); chỉ lấy cột G, bỏ qua số liệu cột S. ' +
          'Hãy giữ lại một cột tháng 3 (xóa cột thừa hoặc sửa tiêu đề cho đúng tháng)',
      ],
      [
        'warning',
        'missing-submitted-row',
        '',
        'Xã Chung Chải: không tìm thấy dòng "Ngày nộp báo cáo" (mã NGAY_NOP) nên không biết đơn vị nộp báo cáo ngày nào',
      ],
    ]);
    expect(report?.values.TCD_LUOT[2]).toBe(4);
    expect(report?.submitted).toEqual(Array(12).fill(null));
    expect(report?.submittedCells).toEqual(Array(12).fill(''));
  });

  it('finds the submission row by its label, and ignores numbering in the code column', () => {
    const s = sheet();
    s.grid[6][0] = '';
    s.grid[6][2] = 'Ngày nộp';
    for (const row of s.grid) if (row[1] === 'I' || row[1] === 'II') row[0] = row[1];
    const { report, findings } = readSheet(s, ctx);
    expect(findings).toEqual([]);
    expect(report?.submitted).toEqual(DATA.submitted);
  });

  it('reads a row by its label when its code is unknown', () => {
    const s = sheet();
    const r = rowWithCode(s.grid, 'DTN_QUA');
    s.grid[r - 1][0] = 'DTN_QUA_TANG';
    s.grid[r - 1][monthCol(2) - 1] = 50;
    const { report, findings } = readSheet(s, ctx);
    expect(messages(findings)).toEqual([
      `Xã Chung Chải, ô A${r}: mã chỉ tiêu "DTN_QUA_TANG" không có trong danh mục; dòng này được đọc theo tên chỉ tiêu`,
    ]);
    expect(report?.values.DTN_QUA[1]).toBe(50);
  });

  it('warns when a merge hides value cells', () => {
    const s = sheet();
    const r = rowWithCode(s.grid, 'TCD_LUOT');
    s.merges = [...(s.merges ?? []), `G${r}:H${r}`, 'A1:R1', `E${r}:E${r}`];
    const { findings } = readSheet(s, ctx);
    expect(findings).toEqual([
      {
        severity: 'warning',
        code: 'merged-cell',
        unitCode: 'chung-chai',
        unitName: 'Chung Chải',
        sheet: 'Chung Chải 2018',
        cell: `H${r}`,
        message: `Xã Chung Chải, ô H${r}: vùng G${r}:H${r} bị gộp ô, che mất ô nhập số liệu tháng 4; hãy bỏ gộp ô`,
      },
    ]);
  });

  it('refuses sheets that are too large, but only report sheets', () => {
    const big = sheet();
    while (big.grid.length <= MAX_ROWS) big.grid.push([]);
    const wide = sheet();
    wide.grid[10].length = 201;
    const other: SheetInput = { name: 'Dữ liệu', grid: Array.from({ length: MAX_ROWS + 5 }, () => ['x']) };
    const r = readWorkbook({ source: 'a.xlsx', sheets: [big, other, wide] }, ctx);
    expect(r.reports).toEqual([]);
    expect(r.findings.map((f) => [f.code, f.message])).toEqual([
      [
        'sheet-too-large',
        'Tệp a.xlsx, trang "Chung Chải 2018": trang tính quá lớn (5.001 dòng, 18 cột; tối đa 5.000 dòng và 200 cột) nên không đọc',
      ],
      [
        'sheet-too-large',
        'Tệp a.xlsx, trang "Chung Chải 2018": trang tính quá lớn (48 dòng, 201 cột; tối đa 5.000 dòng và 200 cột) nên không đọc',
      ],
    ]);
  });
});

describe('readSheet — which unit and year', () => {
  it('uses "Mã đơn vị" first, and warns when "Đơn vị" disagrees', () => {
    const s = sheet();
    s.grid[1][2] = 'Xã Nậm Kè';
    const { report, findings } = readSheet(s, ctx);
    expect(report?.unitCode).toBe('chung-chai');
    expect(messages(findings)).toEqual([
      'Xã Chung Chải: ô "Mã đơn vị" là của Xã Chung Chải nhưng ô "Đơn vị" ghi Xã Nậm Kè; đã lấy theo mã đơn vị',
    ]);
  });

  it('falls back to the name, with or without "Xã", then to the sheet name', () => {
    const s = sheet(CHUNG_CHAI, DATA, 2018, 'Trang 1');
    s.grid[2] = [];
    s.grid[1][2] = 'Huổi Lếch';
    expect(readSheet(s, ctx).report?.unitCode).toBe('huoi-lech');
    s.grid[1][2] = 'XÃ HUỔI LẾCH'.normalize('NFD');
    expect(readSheet(s, ctx).report?.unitCode).toBe('huoi-lech');
    s.grid[1] = ['Đơn vị: Xã Sín Thầu'];
    expect(readSheet(s, ctx).report?.unitCode).toBe('sin-thau');
    s.grid[1] = [];
    s.name = 'Leng Su Sìn 2018';
    const r = readSheet(s, ctx);
    expect(r.findings).toEqual([]);
    expect(r.report?.unitCode).toBe('leng-su-sin');
    expect(r.report?.year).toBe(2018);
  });

  it('matches the file name when nothing else names the unit', () => {
    const s = sheet(CHUNG_CHAI, DATA, 2018, 'Sheet1');
    s.grid[1] = [];
    s.grid[2] = [];
    const r = readWorkbook({ source: 'pa-my-2018.xlsx', sheets: [s] }, ctx);
    expect(r.findings).toEqual([]);
    expect(r.reports[0].unitCode).toBe('pa-my');
  });

  it('matches the file’s own name inside folders (not the folders’ names)', () => {
    for (const source of [
      'bao-cao-xa/pa-my-2018.xlsx',
      '/home/ban/bao cao/pa-my-2018.xlsx',
      'C:\\Báo cáo\\pa-my-2018.xlsx',
    ]) {
      const s = sheet(CHUNG_CHAI, DATA, 2018, 'Sheet1');
      s.grid[1] = [];
      s.grid[2] = [];
      const r = readWorkbook({ source, sheets: [s] }, ctx);
      expect(r.reports[0]?.unitCode).toBe('pa-my');
    }
  });

  it('does not let "Huyện Mường Nhé" pass for "Xã Mường Nhé"', () => {
    const s = sheet(CHUNG_CHAI, DATA, 2018, 'Tổng hợp');
    s.grid[2] = [];
    s.grid[1][2] = 'Huyện Mường Nhé';
    const r = readWorkbook({ source: 'tong-hop.xlsx', sheets: [s] }, ctx);
    expect(r.reports).toEqual([]);
    expect(r.findings[0]).toEqual({
      severity: 'error',
      code: 'unknown-unit',
      file: 'tong-hop.xlsx',
      sheet: 'Tổng hợp',
      message:
        'Tệp tong-hop.xlsx, trang "Tổng hợp": đơn vị "Huyện Mường Nhé" không có trong danh sách đơn vị; số liệu của trang này không được tổng hợp',
    });
  });

  it('names file and sheet in cell messages when the unit is unknown', () => {
    const stranger = { code: 'na-co-sa', name: 'Na Cô Sa', kind: 'xã', emails: [] };
    const s = sheet(stranger);
    const r0 = rowWithCode(s.grid, 'DON_TONG');
    setCell(s.grid, r0, monthCol(3), 'abc');
    const r = readWorkbook({ source: 'na-co-sa-2018.xlsx', sheets: [s] }, ctx);
    expect(r.reports).toEqual([]);
    expect(messages(r.findings)).toEqual([
      'Tệp na-co-sa-2018.xlsx, trang "Na Cô Sa 2018": đơn vị "na-co-sa" không có trong danh sách đơn vị; số liệu của trang này không được tổng hợp',
      `Tệp na-co-sa-2018.xlsx, trang "Na Cô Sa 2018", ô G${r0} (Tổng số đơn tiếp nhận, tháng 3): "abc" không phải là số`,
    ]);
  });

  it('accepts an old commune known only as a predecessor in a succession', () => {
    const quangLam: Unit = {
      ...unit('quang-lam'),
      succession: { from: '2025-07-01', predecessors: ['quang-lam', 'na-co-sa'] },
    };
    const s = sheet({ code: 'na-co-sa', name: 'Na Cô Sa', kind: 'xã', emails: [] });
    const { report, findings } = readSheet(s, { level: DEFAULT_LEVEL, catalogue, units: [quangLam], year: 2018 });
    expect(findings).toEqual([]);
    expect(report?.unitCode).toBe('na-co-sa');
    expect(report?.unitName).toBe('Na Cô Sa');
  });

  it('does not call an old sheet a mismatch when its commune kept the name of its successor', () => {
    // 2025: "Mường Nhé" (muong-nhe-2025) ← Mường Nhé, Nậm Vì, Chung Chải. The 2024 sheet of
    // the old commune says "Mã đơn vị: muong-nhe", "Đơn vị: Xã Mường Nhé".
    const successor: Unit = {
      code: 'muong-nhe-2025',
      name: 'Mường Nhé',
      kind: 'xã',
      emails: [],
      succession: { from: '2025-07-01', predecessors: ['muong-nhe', 'nam-vi', 'chung-chai'] },
    };
    const old = sheet(unit('muong-nhe'), DATA, 2024);
    const { report, findings } = readSheet(old, {
      level: DEFAULT_LEVEL,
      catalogue,
      units: [successor],
      year: 2025,
      years: [2024],
    });
    expect(codes(findings)).not.toContain('unit-mismatch');
    expect(findings).toEqual([]);
    expect(report?.unitCode).toBe('muong-nhe');
    expect(report?.unitName).toBe('Mường Nhé');
    // Still a mismatch when the code names a predecessor and the name another unit.
    const other: Unit = { code: 'sin-thau-2025', name: 'Sín Thầu', kind: 'xã', emails: [] };
    const wrong = sheet(unit('muong-nhe'), DATA, 2024);
    const nameRow = wrong.grid.findIndex((r) => r[0] === 'Đơn vị:');
    wrong.grid[nameRow][2] = 'Xã Sín Thầu';
    const r2 = readSheet(wrong, {
      level: DEFAULT_LEVEL,
      catalogue,
      units: [successor, other],
      year: 2025,
      years: [2024],
    });
    expect(codes(r2.findings)).toEqual(['unit-mismatch']);
    expect(r2.report?.unitCode).toBe('muong-nhe');
  });

  it('warns about a year not being aggregated, accepting ctx.years', () => {
    const s = sheet(CHUNG_CHAI, DATA, 2017);
    expect(messages(readSheet(s, ctx).findings)).toEqual([
      'Xã Chung Chải: báo cáo năm 2017, trong khi đang tổng hợp năm 2018',
    ]);
    expect(readSheet(s, { ...ctx, years: [2017] }).findings).toEqual([]);
    expect(readSheet(s, { level: DEFAULT_LEVEL, catalogue, units }).findings).toEqual([]);
    expect(readSheet(s, { level: DEFAULT_LEVEL, catalogue, units }).report?.year).toBe(2017);
  });

  it('warns when the "Năm" cell and the sheet name disagree (last year\'s sheet copied), taking the cell', () => {
    const s = sheet(CHUNG_CHAI, DATA, 2017, 'Chung Chải 2018');
    const r = readSheet(s, { ...ctx, years: [2018, 2017] });
    expect(r.report?.year).toBe(2017);
    expect(r.findings.map((f) => [f.severity, f.code, f.message])).toEqual([
      [
        'warning',
        'year-mismatch',
        'Xã Chung Chải: ô "Năm" ghi 2017 nhưng tên trang "Chung Chải 2018" là năm 2018; đã lấy năm 2017 theo ô "Năm" — nếu đây là báo cáo năm 2018, hãy sửa ô "Năm"',
      ],
    ]);
    // No "Năm" cell: the sheet name gives the year and nothing disagrees.
    s.grid[3] = [];
    expect(readSheet(s, ctx).findings).toEqual([]);
  });

  it('takes the year from the sheet name or title when "Năm" is missing', () => {
    const s = sheet();
    s.grid[3] = [];
    s.name = 'Chung Chải 2019';
    expect(readSheet(s, { level: DEFAULT_LEVEL, catalogue, units }).report?.year).toBe(2019);
    s.name = 'Chung Chải';
    expect(readSheet(s, { level: DEFAULT_LEVEL, catalogue, units }).report?.year).toBe(2018); // from the title row
    s.grid[0] = [];
    const r = readSheet(s, { level: DEFAULT_LEVEL, catalogue, units });
    expect(r.report).toBeNull();
    expect(messages(r.findings)).toEqual([
      'Xã Chung Chải: không ghi năm báo cáo (ô "Năm") nên trang này không được tổng hợp',
    ]);
    const assumed = readSheet(s, ctx);
    expect(assumed.report?.year).toBe(2018);
    expect(assumed.findings.map((f) => [f.severity, f.message])).toEqual([
      ['warning', 'Xã Chung Chải: không ghi năm báo cáo (ô "Năm"), tạm coi là năm 2018'],
    ]);
  });
});

describe('readSheet — text in TCVN3 or VNI (Unikey set to an old code, old .VnTime / VNI-Times files)', () => {
  /** The sheet with month headers "Tháng m" and no code column: only texts say what is where. */
  function byTexts(s: SheetInput): SheetInput {
    const grid = s.grid as Grid;
    const header = grid.findIndex((r) => r.includes('T1'));
    for (let m = 1; m <= 12; m++) grid[header][monthCol(m) - 1] = `Tháng ${m}`;
    for (let r = header + 1; r < grid.length; r++) grid[r][0] = '';
    return s;
  }
  const encoded = (s: SheetInput, to: (t: string) => string): SheetInput => ({
    ...s,
    grid: (s.grid as Grid).map((row) => row.map((v) => (typeof v === 'string' ? to(v) : v))),
  });
  const inTcvn3 = (s: SheetInput) => encoded(s, toTcvn3);

  it('a whole sheet in TCVN3 reads as its Unicode self, with one warning for the sheet', () => {
    const unicode = readSheet(byTexts(sheet()), ctx);
    expect(unicode.report).not.toBeNull();
    const legacy = readSheet(inTcvn3(byTexts(sheet())), ctx);
    expect(legacy.report?.unitCode).toBe('chung-chai');
    expect(legacy.report?.values).toEqual(unicode.report?.values);
    expect(legacy.report?.submitted).toEqual(unicode.report?.submitted);
    // Texts come back in lower case where TCVN3 had no capital: "Đường" keeps its Đ.
    expect(legacy.report?.notes.GHI_CHU[2]).toBe('Đường vào bản bị sạt lở');
    expect(codes(legacy.findings)).toEqual([...codes(unicode.findings), 'sheet-legacy-code']);
    const warning = legacy.findings.find((f) => f.code === 'sheet-legacy-code');
    expect(warning?.severity).toBe('warning');
    expect(warning?.unitCode).toBe('chung-chai');
    expect(warning?.message).toContain('bảng mã TCVN3');
  });

  it('a whole sheet in VNI reads as its Unicode self, capitals and all, with one warning for the sheet', () => {
    const unicode = readSheet(byTexts(sheet()), ctx);
    const legacy = readSheet(encoded(byTexts(sheet()), toVni), ctx);
    expect(legacy.report?.unitCode).toBe('chung-chai');
    expect(legacy.report?.unitName).toBe('Chung Chải');
    expect(legacy.report?.values).toEqual(unicode.report?.values);
    expect(legacy.report?.notes).toEqual(unicode.report?.notes);
    expect(codes(legacy.findings)).toEqual([...codes(unicode.findings), 'sheet-legacy-code']);
    expect(legacy.findings.find((f) => f.code === 'sheet-legacy-code')?.message).toContain('bảng mã VNI');
  });

  it('a sheet that is no report stays skipped in TCVN3 too, and a report with its codes needs no retry', () => {
    const notes: SheetInput = {
      name: 'Ghi chép',
      grid: [[toTcvn3('Ghi chép họp giao ban')], [toTcvn3('Tháng 9: đã họp')]],
    };
    const wb = readWorkbook({ source: 'cu.xlsx', sheets: [notes] }, ctx);
    expect(codes(wb.findings)).toEqual(['no-report-sheet']);
    // Only the note and the unit name in TCVN3; the codes say what is where: read at once.
    const s = sheet();
    const grid = s.grid as Grid;
    const nameRow = grid.findIndex((r) => r.includes('Xã Chung Chải'));
    grid[nameRow] = grid[nameRow].map((v) => (typeof v === 'string' ? toTcvn3(v) : v));
    const { report, findings } = readSheet(s, ctx);
    expect(report?.unitCode).toBe('chung-chai');
    expect(codes(findings)).toEqual([]);
  });

  it('a unit name typed in TCVN3 in a Unicode sheet is turned alone: a note in Unicode stays as typed', () => {
    // "Chè, cà phê" has only letters Latin-1 also has: it could be TCVN3, but the sheet is not.
    const data = { ...DATA, notes: { GHI_CHU: [null, null, 'Chè, cà phê', ...Array(9).fill(null)] } };
    const s = sheet(CHUNG_CHAI, data, 2018, 'Sheet1');
    const grid = s.grid as Grid;
    const nameRow = grid.findIndex((r) => r.includes('Xã Chung Chải'));
    grid[nameRow] = grid[nameRow].map((v) => (typeof v === 'string' ? toTcvn3(v) : v));
    // No code row (an older template): the name is all that says which commune.
    grid[grid.findIndex((r) => r.includes('chung-chai'))] = [];
    const { report, findings } = readSheet(s, ctx);
    expect(report?.unitCode).toBe('chung-chai');
    expect(report?.notes.GHI_CHU[2]).toBe('Chè, cà phê');
    expect(report?.values).toEqual(readSheet(sheet(), ctx).report?.values);
    expect(codes(findings)).toEqual(['sheet-legacy-code']);
  });

  it('a whole sheet in TCVN3 with one note typed in Unicode still reads as its Unicode self', () => {
    const unicode = readSheet(byTexts(sheet()), ctx);
    const s = inTcvn3(byTexts(sheet()));
    const grid = s.grid as Grid;
    const row = grid.findIndex((r) => r.some((v) => typeof v === 'string' && v === toTcvn3('Đường vào bản bị sạt lở')));
    const c = grid[row].indexOf(toTcvn3('Đường vào bản bị sạt lở'));
    grid[row][c] = 'Đường vào bản bị sạt lở';
    const legacy = readSheet(s, ctx);
    expect(legacy.report?.unitCode).toBe('chung-chai');
    expect(legacy.report?.values).toEqual(unicode.report?.values);
    expect(legacy.report?.notes).toEqual(unicode.report?.notes);
  });

  it('a note typed in TCVN3 in a Unicode sheet is read as meant, with a warning naming its cell', () => {
    const s = sheet();
    const grid = s.grid as Grid;
    const row = rowWithCode(grid, 'GHI_CHU');
    setCell(grid, row, monthCol(9), toTcvn3('Khó khăn về đường đi lại'));
    const { report, findings } = readSheet(s, ctx);
    expect(report?.notes.GHI_CHU[8]).toBe('Khó khăn về đường đi lại');
    expect(report?.values).toEqual(readSheet(sheet(), ctx).report?.values);
    const f = findings.find((x) => x.code === 'note-legacy-code');
    expect(f?.cell).toBe(`${col(9)}${row}`);
    expect(f?.month).toBe(9);
    expect(f?.message).toContain('bảng mã TCVN3');
    expect(f?.message).toContain('"Khó khăn về đường đi lại"');
    expect(codes(findings)).toEqual(['note-legacy-code']);
  });

  it('a note typed in VNI is read as meant, with the warning naming VNI', () => {
    const s = sheet();
    const grid = s.grid as Grid;
    setCell(grid, rowWithCode(grid, 'GHI_CHU'), monthCol(9), toVni('Đường vào bản Huổi Lếch bị sạt lở'));
    const { report, findings } = readSheet(s, ctx);
    expect(report?.notes.GHI_CHU[8]).toBe('Đường vào bản Huổi Lếch bị sạt lở');
    expect(findings.map((f) => [f.code, f.message.includes('bảng mã VNI')])).toEqual([['note-legacy-code', true]]);
  });

  it('a note in Unicode that looks odd is left alone (old-style tones, signs)', () => {
    const s = sheet();
    const grid = s.grid as Grid;
    const text = '«Hoà giải» ở thôn, © 2018, tăng 5 × 2';
    setCell(grid, rowWithCode(grid, 'GHI_CHU'), monthCol(9), text);
    const { report, findings } = readSheet(s, ctx);
    expect(report?.notes.GHI_CHU[8]).toBe(text);
    expect(findings).toEqual([]);
  });
});
