/**
 * A row typed in without an indicator code, whose label is no indicator of the catalogue: its
 * figures are not read, and a warning says so (before, they were left out without a word).
 */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { CellValue, Finding, Grid, SheetInput, Unit } from '../types';
import { buildUnitSheet, LAYOUT, monthCol, type UnitSheetData } from './layout';
import { type ReadContext, readSheet, readWorkbook } from './read';
import { modelToSheetInput, rowWithCode } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const unit = (code: string) => units.find((u) => u.code === code) as Unit;
const CHUNG_CHAI = unit('chung-chai');
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };

const DATA: UnitSheetData = {
  values: { DVK_DANGKY: [1, 2, 3, null, null, null, null, null, null, null, null, null] },
  notes: {},
  submitted: ['2018-01-16', '2018-02-15', '2018-03-16', null, null, null, null, null, null, null, null, null],
};

function sheet(u: Unit = CHUNG_CHAI): SheetInput {
  return modelToSheetInput(buildUnitSheet(u, 2018, catalogue, DATA));
}

/** A row as a clerk types it: code, STT, label, unit, then T1… (and more cells as given). */
function typedRow(code: CellValue, number: CellValue, label: CellValue, measure: CellValue, months: CellValue[]) {
  const row: CellValue[] = Array(LAYOUT.columns).fill('');
  row[LAYOUT.codeCol - 1] = code;
  row[LAYOUT.numberCol - 1] = number;
  row[LAYOUT.labelCol - 1] = label;
  row[LAYOUT.unitCol - 1] = measure;
  months.forEach((v, i) => {
    row[monthCol(1) - 1 + i] = v;
  });
  return row;
}

/** Insert `row` below the row with `code`; its 1-based row number. */
function insertBelow(grid: Grid, code: string, row: CellValue[]): number {
  const at = rowWithCode(grid, code); // 1-based row of `code` = 0-based index of the row below
  grid.splice(at, 0, row);
  return at + 1;
}

const uncoded = (fs: Finding[]) => fs.filter((f) => f.code === 'uncoded-row');

const baseline = readSheet(sheet(), ctx);

describe('a row typed in without an indicator code', () => {
  it('is a warning naming the sheet, the row, its label and what to do, and its figures are not read', () => {
    const s = sheet();
    const row = typedRow('', '4a', 'Hộ nghèo được hỗ trợ', 'hộ', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 78]);
    const r = insertBelow(s.grid, 'DVK_HTCT', row);
    const { report, findings } = readSheet(s, ctx);
    expect(uncoded(findings)).toEqual([
      {
        severity: 'warning',
        code: 'uncoded-row',
        sheet: 'Chung Chải 2018',
        unitCode: 'chung-chai',
        unitName: 'Chung Chải',
        cell: `C${r}`,
        message:
          `Xã Chung Chải, trang "Chung Chải 2018", ô C${r}: dòng ${r} "Hộ nghèo được hỗ trợ" có số liệu tháng 1–12 ` +
          'nhưng không phải chỉ tiêu trong danh mục (không có mã chỉ tiêu), nên số liệu dòng này không được tổng hợp. ' +
          'Hãy nhập số liệu vào dòng chỉ tiêu có sẵn trong biểu mẫu, hoặc đề nghị cấp huyện bổ sung chỉ tiêu này vào danh mục',
      },
    ]);
    // Nothing else is said, and nothing else is read.
    expect(findings.filter((f) => f.code !== 'uncoded-row')).toEqual(baseline.findings);
    expect(report?.values).toEqual(baseline.report?.values);
  });

  it('needs the level of every caller: a read without it does not compile (it would say "huyện" to a province)', () => {
    // @ts-expect-error `level` is required: tsc fails here if it ever becomes optional again.
    const forgot: ReadContext = { catalogue, units, year: 2018 };
    expect(Object.keys(forgot)).not.toContain('level');
  });

  it("asks the settings' aggregating level, a province since the 2025 reform, to add the indicator", () => {
    const s = sheet();
    insertBelow(s.grid, 'DVK_HTCT', typedRow('', '4a', 'Hộ nghèo được hỗ trợ', 'hộ', [1, 2]));
    const [f] = uncoded(readSheet(s, { ...ctx, level: 'tỉnh' }).findings);
    expect(f.message).toContain('hoặc đề nghị cấp tỉnh bổ sung chỉ tiêu này vào danh mục');
    expect(f.message).not.toContain('huyện');
  });

  it('names the months with figures, typed as numbers or as text that reads as one', () => {
    const s = sheet();
    const r = insertBelow(s.grid, 'DVK_DANGKY', typedRow('', '', 'Mô hình mới', 'mô hình', ['', '1.000', 'x', 2]));
    const [f] = uncoded(readSheet(s, ctx).findings);
    expect(f.cell).toBe(`C${r}`);
    expect(f.message).toContain(`dòng ${r} "Mô hình mới" có số liệu tháng 2, 4 nhưng`);
  });

  it('is the same with text in the code column that is no code ("4a"), or an indicator label reworded', () => {
    for (const [code, label] of [
      ['4a', 'Hộ nghèo được hỗ trợ'],
      ['', 'Mô hình Dân vận khéo đăng ký mới trong tháng'],
      ['', 'Cộng tác viên dân vận được tập huấn'],
      ['', 'Tổng số hộ nghèo'],
    ]) {
      const s = sheet();
      const r = insertBelow(s.grid, 'DVK_DANGKY', typedRow(code, '', label, 'hộ', [0, 0, 5]));
      const found = uncoded(readSheet(s, ctx).findings);
      expect(found.map((f) => f.cell)).toEqual([`C${r}`]);
      expect(found[0].message).toContain(`"${label}" có số liệu tháng 1–3`);
    }
  });

  it('says nothing of a row with a label but no figure in its months', () => {
    const s = sheet();
    // Empty months, a note in a month, a date, TRUE, an error value; a figure in "Cả năm" only (a SUM's result).
    const months: CellValue[] = ['', 'chưa có số liệu', new Date(2018, 2, 16), true, '#REF!', null];
    const row = typedRow('', '4a', 'Hộ nghèo được hỗ trợ', 'hộ', months);
    row[LAYOUT.totalCol - 1] = 78;
    insertBelow(s.grid, 'DVK_DANGKY', row);
    expect(readSheet(s, ctx).findings).toEqual(baseline.findings);
  });

  it('says nothing of blank rows, group headings, totals, notes or a second submission row with figures', () => {
    const s = sheet();
    const g = s.grid;
    const figures = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120];
    // The layout's group heading rows, with a subtotal in every month.
    const headings = g.filter(
      (row) => row[0] === '' && typeof row[1] === 'string' && /^[IVX]+$/.test(row[1] as string),
    );
    expect(headings.length).toBeGreaterThan(3);
    for (const row of headings) row.splice(monthCol(1) - 1, 12, ...figures);
    const rows = [
      [],
      ['', '', '', ''],
      Array(LAYOUT.columns).fill(''),
      Array(LAYOUT.columns).fill(null),
      typedRow('', '', '   ', '', figures), // no label
      typedRow('', '', '', '', figures),
      typedRow('', 'VII', 'Công tác khác', '', figures), // a heading numbered in STT, as the layout's
      typedRow('III', '', 'Công tác khác', '', figures), // … or in the code column
      typedRow('', '', 'VII. Công tác khác', '', figures),
      typedRow('', '', 'A) Phần số liệu bổ sung', '', figures),
      typedRow('', '', 'CÔNG TÁC DÂN VẬN CHÍNH QUYỀN', '', figures),
      typedRow('', '', 'II. Hội Nông dân', '', figures), // a group heading, copied
      typedRow('', '', 'Hội Nông dân', '', figures),
      typedRow('', '', 'Cộng', '', figures),
      typedRow('', '', 'Tổng cộng:', '', figures),
      typedRow('', '', 'Tổng cộng toàn xã', '', figures),
      typedRow('', '', 'Cộng nhóm I', '', figures),
      typedRow('', '', 'Tổng số', '', figures),
      typedRow('', '', 'Tổng', '', figures),
      typedRow('', '', 'Lũy kế', '', figures),
      typedRow('', '', 'Ghi chú: tháng 3 ước tính', '', figures),
      typedRow('', '', '* Lưu ý: số liệu tạm tính', '', figures),
      typedRow('', '', 'Ngày nộp báo cáo bổ sung', '', [43115, 43146, new Date(2018, 2, 16)]),
      typedRow('', '', 12, '', figures), // a number where the label goes
      typedRow('', '', '---', '', figures),
    ];
    const at = rowWithCode(g, 'DVK_HTCT');
    g.splice(at, 0, ...rows);
    const { report, findings: all } = readSheet(s, ctx);
    expect(uncoded(all)).toEqual([]);
    // Figures in headings whose indicators are empty that month are not subtotals: their own warning
    // (read-group-row.test.ts), apart from this one.
    expect(all.filter((f) => f.code === 'group-row-figures')).toHaveLength(1);
    const findings = all.filter((f) => f.code !== 'group-row-figures');
    expect(findings).toEqual(
      baseline.findings.map((f) =>
        f.cell && Number(f.cell.slice(1)) > at
          ? { ...f, cell: f.cell.replace(/\d+/, (n) => String(Number(n) + rows.length)) }
          : f,
      ),
    );
    expect(report?.values).toEqual(baseline.report?.values);
  });

  it('leaves a row with a code not in the catalogue to its own warning', () => {
    const s = sheet();
    const r = insertBelow(s.grid, 'DVK_DANGKY', typedRow('HN_HOTRO', '4a', 'Hộ nghèo được hỗ trợ', 'hộ', [1, 2, 3]));
    const fs = readSheet(s, ctx).findings;
    expect(uncoded(fs)).toEqual([]);
    expect(fs.filter((f) => f.code === 'unknown-indicator').map((f) => f.cell)).toEqual([`A${r}`]);
  });

  it('is said of each sheet that has figures there, when sheets of one template are read in a row', () => {
    // The rows of the second sheet are those of the first (the reader reuses them): the figures still decide.
    const withFigures = sheet(unit('chung-chai'));
    const without = sheet(unit('quang-lam'));
    const again = sheet(unit('nam-vi'));
    const r = insertBelow(withFigures.grid, 'DVK_DANGKY', typedRow('', '', 'Hộ nghèo được hỗ trợ', 'hộ', [1, 2]));
    insertBelow(without.grid, 'DVK_DANGKY', typedRow('', '', 'Hộ nghèo được hỗ trợ', 'hộ', []));
    insertBelow(again.grid, 'DVK_DANGKY', typedRow('', '', 'Hộ nghèo được hỗ trợ', 'hộ', ['', '', 7]));
    const read = readWorkbook({ source: 'xa.xlsx', sheets: [withFigures, without, again] }, ctx);
    expect(uncoded(read.findings).map((f) => [f.unitCode, f.cell, f.file])).toEqual([
      ['chung-chai', `C${r}`, 'xa.xlsx'],
      ['nam-vi', `C${r}`, 'xa.xlsx'],
    ]);
    expect(uncoded(read.findings)[1].message).toContain('có số liệu tháng 3 nhưng');
  });
});

describe('rows about another row, or headings worded otherwise, are not taken for typed-in indicators', () => {
  it.each([
    ['Trong đó: nữ', 'người'],
    ['- Nữ', 'người'],
    ['+ Dân tộc thiểu số', 'người'],
    ['Tỷ lệ (%)', '%'],
    ['Cùng kỳ năm trước', 'lượt'],
    ['Kế hoạch năm', 'lượt'],
    ['So với cùng kỳ', ''],
    // no "Đơn vị tính" and a heading's look
    ['1. Công tác dân vận của chính quyền', ''],
    ['Hội LHPN', ''],
    ['Mặt trận Tổ quốc', ''],
  ])('%j (unit %j) with figures: quiet', (label, measure) => {
    const s = sheet();
    insertBelow(s.grid, 'DVK_HTCT', typedRow('', '', label, measure, [1, 2, 3]));
    expect(uncoded(readSheet(s, ctx).findings)).toEqual([]);
  });

  it('a typed-in indicator without its unit is still told when its label reads as one', () => {
    const s = sheet();
    insertBelow(s.grid, 'DVK_HTCT', typedRow('', '', 'Hộ nghèo được hỗ trợ vay vốn', '', [1, 2, 3]));
    expect(uncoded(readSheet(s, ctx).findings)).toHaveLength(1);
  });
});
