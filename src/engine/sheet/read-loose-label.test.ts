/**
 * Rows identified by their label only (no code): a clerk's small edit of the label ("(suất)"
 * appended, a leading "Số", no diacritics) still reads the row when only one indicator, missing
 * from the sheet, can be meant; otherwise the row and the missing indicator name each other.
 */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { CellValue, Finding, Grid, SheetInput, Unit } from '../types';
import { buildUnitSheet, LAYOUT, type UnitSheetData } from './layout';
import { type ReadContext, readSheet, readWorkbook } from './read';
import { modelToSheetInput, rowWithCode } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const CHUNG_CHAI = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };
const nine = (v: number): (number | null)[] => [v, v, v, v, v, v, v, v, v, null, null, null];
const CODES = ['DTN_QUA', 'TCD_LUOT', 'LDLD_QUA_HS', 'DTN_KETNAP_DANG'];
const VALUES: Record<string, (number | null)[]> = Object.fromEntries(CODES.map((c, i) => [c, nine(i + 2)]));
const DATA: UnitSheetData = {
  values: VALUES,
  notes: {},
  submitted: [],
};

/** The template's sheet with the code column deleted, labels edited (by code); 1-based rows by code. */
function noCodes(labels: Record<string, CellValue>, units: Record<string, CellValue> = {}) {
  const s = modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2018, catalogue, DATA));
  const at: Record<string, number> = {};
  for (const code of CODES) at[code] = rowWithCode(s.grid, code);
  for (const [code, label] of Object.entries(labels)) s.grid[at[code] - 1][LAYOUT.labelCol - 1] = label;
  for (const [code, unit] of Object.entries(units)) s.grid[at[code] - 1][LAYOUT.unitCol - 1] = unit;
  const grid: Grid = s.grid.map((row) => row.slice(1));
  return { s: { ...s, grid } as SheetInput, at };
}
const of = (fs: Finding[], code: string) => fs.filter((f) => f.code === code);
const W = 'Xã Chung Chải, trang "Chung Chải 2018"';
// After the code column is deleted the label is in column B.
const B = (r: number) => `B${r}`;

const baseline = readSheet(noCodes({}).s, ctx);

describe('a label edited as clerks do, in a sheet without codes', () => {
  it('is read as the one indicator it can be, missing from the sheet, with a warning naming the cell and the indicator', () => {
    const { s, at } = noCodes({
      DTN_QUA: 'Suất quà tặng (suất)',
      TCD_LUOT: 'Số lượt tiếp công dân',
      LDLD_QUA_HS: 'Suat qua tang hoc sinh ngheo',
    });
    const { report, findings } = readSheet(s, ctx);
    for (const code of ['DTN_QUA', 'TCD_LUOT', 'LDLD_QUA_HS']) expect(report?.values[code]).toEqual(VALUES[code]);
    expect(report?.values).toEqual(baseline.report?.values);
    expect(of(findings, 'loose-label-match').map((f) => [f.severity, f.cell, f.indicatorCode])).toEqual([
      ['warning', B(at.DTN_QUA), 'DTN_QUA'],
      ['warning', B(at.LDLD_QUA_HS), 'LDLD_QUA_HS'],
      ['warning', B(at.TCD_LUOT), 'TCD_LUOT'],
    ]);
    expect(of(findings, 'loose-label-match')[0].message).toBe(
      `${W}, ô ${B(at.DTN_QUA)}: dòng ${at.DTN_QUA} "Suất quà tặng (suất)" không ghi đúng tên chỉ tiêu trong danh ` +
        'mục, nhưng chỉ có thể là chỉ tiêu "Suất quà tặng" (DTN_QUA) mà trang chưa có dòng nào, nên được đọc là chỉ ' +
        'tiêu đó. Nếu đúng, hãy ghi mã DTN_QUA vào cột Mã hoặc sửa tên cho đúng "Suất quà tặng"; nếu không phải, ' +
        'hãy sửa lại tên dòng này',
    );
    // Nothing else: no "thiếu dòng", no "không phải chỉ tiêu trong danh mục".
    expect(findings.filter((f) => f.code !== 'loose-label-match')).toEqual(baseline.findings);
  });

  it('the bracket may say "ĐVT: suất"; a bracket that is no unit of the indicator is not dropped', () => {
    const unitBracket = readSheet(noCodes({ DTN_QUA: 'Suất quà tặng [ĐVT: suất]' }).s, ctx);
    expect(unitBracket.report?.values.DTN_QUA).toEqual(VALUES.DTN_QUA);
    const other = readSheet(noCodes({ DTN_QUA: 'Suất quà tặng (năm 2017)' }).s, ctx);
    expect(other.report?.values.DTN_QUA).toEqual(Array(12).fill(null));
    expect(of(other.findings, 'loose-label-match')).toEqual([]);
  });

  it('is not read when the row\'s "Đơn vị tính" is another unit: an error naming the indicator it may be', () => {
    const { s, at } = noCodes({ DTN_QUA: 'Suất quà tặng (suất)' }, { DTN_QUA: 'triệu đồng' });
    const { report, findings } = readSheet(s, ctx);
    expect(report?.values.DTN_QUA).toEqual(Array(12).fill(null));
    expect(of(findings, 'loose-label-match')).toEqual([]);
    const [f] = of(findings, 'uncoded-row');
    expect(f).toMatchObject({ severity: 'error', cell: B(at.DTN_QUA), indicatorCode: 'DTN_QUA' });
    expect(f.message).toContain('có lẽ là chỉ tiêu "Suất quà tặng" (DTN_QUA) mà trang đang thiếu — ghi mã DTN_QUA');
  });

  it('is not read when the indicator has a row already (two rows of one indicator are not guessed at)', () => {
    const { s } = noCodes({ TCD_LUOT: 'Suất quà tặng (suất)' });
    const { report, findings } = readSheet(s, ctx);
    expect(report?.values.DTN_QUA).toEqual(VALUES.DTN_QUA);
    expect(of(findings, 'loose-label-match')).toEqual([]);
  });
});

describe('a row without a code that is still no indicator, while the sheet lacks one', () => {
  it('is an error naming the missing indicator its place points to, and the "thiếu dòng" warning names the row', () => {
    const label = 'Số đoàn viên ưu tú được kết nạp vào Đảng';
    const { s, at } = noCodes({ DTN_KETNAP_DANG: label });
    const { report, findings } = readSheet(s, ctx);
    expect(report?.values.DTN_KETNAP_DANG).toEqual(Array(12).fill(null));
    const r = at.DTN_KETNAP_DANG;
    expect(of(findings, 'uncoded-row')).toEqual([
      {
        severity: 'error',
        code: 'uncoded-row',
        sheet: 'Chung Chải 2018',
        unitCode: 'chung-chai',
        unitName: 'Chung Chải',
        cell: B(r),
        indicatorCode: 'DTN_KETNAP_DANG',
        indicatorLabel: 'Đoàn viên ưu tú được kết nạp Đảng',
        message:
          `${W}, ô ${B(r)}: dòng ${r} "${label}" có số liệu tháng 1–9 nhưng tên dòng không khớp chỉ tiêu nào trong ` +
          'danh mục (không có mã chỉ tiêu), nên số liệu dòng này chưa được tính. Dòng này có lẽ là chỉ tiêu "Đoàn viên ' +
          'ưu tú được kết nạp Đảng" (DTN_KETNAP_DANG) mà trang đang thiếu — ghi mã DTN_KETNAP_DANG vào cột Mã hoặc sửa ' +
          'tên cho đúng "Đoàn viên ưu tú được kết nạp Đảng"',
      },
    ]);
    expect(of(findings, 'missing-indicator').map((f) => f.message)).toEqual([
      'Xã Chung Chải: thiếu dòng chỉ tiêu "Đoàn viên ưu tú được kết nạp Đảng" (mã DTN_KETNAP_DANG); chỉ tiêu này coi ' +
        `như chưa báo cáo (có lẽ là dòng ${r} "${label}": ghi mã DTN_KETNAP_DANG vào cột Mã hoặc sửa tên dòng đó)`,
    ]);
  });

  it('says so when only its place points to the missing indicator (its label shares little with it)', () => {
    const { s, at } = noCodes({ DTN_QUA: 'Hộ nghèo được hỗ trợ' });
    const [f] = of(readSheet(s, ctx).findings, 'uncoded-row');
    expect(f).toMatchObject({ severity: 'error', cell: B(at.DTN_QUA), indicatorCode: 'DTN_QUA' });
    expect(f.message).toContain(
      'Dòng này nằm đúng chỗ của chỉ tiêu "Suất quà tặng" (DTN_QUA) mà trang đang thiếu, có lẽ là chỉ tiêu đó — ' +
        'ghi mã DTN_QUA vào cột Mã hoặc sửa tên cho đúng "Suất quà tặng"',
    );
  });

  it('is an error without a guess when nothing points to one indicator', () => {
    // Two labels no indicator has, side by side where one indicator is missing: neither their
    // place nor their words single one out.
    const { s, at } = noCodes({ DTN_QUA: 'Hộ nghèo được hỗ trợ' });
    const extra = s.grid[at.DTN_QUA - 1].slice();
    extra[LAYOUT.labelCol - 2] = 'Mô hình mới';
    s.grid.splice(at.DTN_QUA, 0, extra);
    const found = of(readSheet(s, ctx).findings, 'uncoded-row');
    expect(found.map((f) => [f.severity, f.cell, f.indicatorCode])).toEqual([
      ['error', B(at.DTN_QUA), undefined],
      ['error', B(at.DTN_QUA + 1), undefined],
    ]);
    expect(found[0].message).toContain(
      'nên số liệu dòng này chưa được tính. Trang đang thiếu dòng của chỉ tiêu khác trong danh mục, có thể số liệu ' +
        'này là của chỉ tiêu đó: hãy ghi mã chỉ tiêu vào cột Mã hoặc sửa tên cho đúng danh mục; nếu đây là chỉ tiêu ' +
        'xã tự thêm, hãy đề nghị cấp huyện bổ sung chỉ tiêu này vào danh mục',
    );
  });

  it("asks the settings' aggregating level (a province) to add a commune's own indicator", () => {
    const { s, at } = noCodes({ DTN_QUA: 'Hộ nghèo được hỗ trợ' });
    const extra = s.grid[at.DTN_QUA - 1].slice();
    extra[LAYOUT.labelCol - 2] = 'Mô hình mới';
    s.grid.splice(at.DTN_QUA, 0, extra);
    const found = of(readSheet(s, { ...ctx, level: 'tỉnh' }).findings, 'uncoded-row');
    expect(found.map((f) => f.severity)).toEqual(['error', 'error']);
    for (const f of found) {
      expect(f.message).toContain(
        'nếu đây là chỉ tiêu xã tự thêm, hãy đề nghị cấp tỉnh bổ sung chỉ tiêu này vào danh mục',
      );
      expect(f.message).not.toContain('huyện');
    }
  });

  it('under a commune (level "xã"), calls the reporting unit "đơn vị", the commune being the one asked', () => {
    const { s, at } = noCodes({ DTN_QUA: 'Hộ nghèo được hỗ trợ' });
    const extra = s.grid[at.DTN_QUA - 1].slice();
    extra[LAYOUT.labelCol - 2] = 'Mô hình mới';
    s.grid.splice(at.DTN_QUA, 0, extra);
    const found = of(readSheet(s, { ...ctx, level: 'xã' }).findings, 'uncoded-row');
    expect(found.map((f) => f.severity)).toEqual(['error', 'error']);
    for (const f of found) {
      expect(f.message).toContain(
        'nếu đây là chỉ tiêu đơn vị tự thêm, hãy đề nghị cấp xã bổ sung chỉ tiêu này vào danh mục',
      );
      expect(f.message).not.toContain('chỉ tiêu xã tự thêm');
    }
  });
});

describe('sheets of one template read in a row', () => {
  it('decide each by its own "Đơn vị tính" cell (the rows of the first are not reused)', () => {
    const first = noCodes({ DTN_QUA: 'Suất quà tặng (suất)' });
    const second = noCodes({ DTN_QUA: 'Suất quà tặng (suất)' }, { DTN_QUA: 'triệu đồng' });
    // The same label cells (===) as the first sheet's, only the unit differs.
    second.s.grid.forEach((row, r) => {
      row[LAYOUT.labelCol - 2] = first.s.grid[r]?.[LAYOUT.labelCol - 2] ?? row[LAYOUT.labelCol - 2];
    });
    // Either order: the row not read (another unit), then read, and the other way round.
    for (const [x, y] of [
      [second, first],
      [first, second],
    ]) {
      const read = readWorkbook({ source: 'xa.xlsx', sheets: [x.s, y.s] }, ctx);
      const values = read.reports.map((r) => r.values.DTN_QUA);
      const expected = [x, y].map((v) => (v === first ? VALUES.DTN_QUA : Array(12).fill(null)));
      expect(values).toEqual(expected);
    }
  });
});
