/**
 * A row whose code the catalogue no longer has (the officer changed an indicator's code and label
 * together): read as the indicator whose place it holds when that is unambiguous (the one indicator
 * the sheet lacks between the same neighbours, of the same unit), with a warning; otherwise, when
 * it holds figures, an error saying how many cells are left out (before: a warning, and the figures
 * silently left the totals).
 */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { Catalogue, Finding, Indicator, Unit } from '../types';
import { a1, buildUnitSheet, monthCol, type UnitSheetData } from './layout';
import { type ReadContext, readSheet } from './read';
import { modelToSheetInput, rowWithCode } from './testing';

const base = defaultCatalogue();
const units = defaultUnits();
const CHUNG_CHAI = units.find((u) => u.code === 'chung-chai') as Unit;
const W = 'Xã Chung Chải';

const QUA = [8, 8, 0, 0, 0, 9, 0, 0, 8, null, null, null];
const DATA: UnitSheetData = {
  values: { DTN_QUA: QUA, DTN_MITOM: [1, 2, 3, null, null, null, null, null, null, null, null, null] },
  notes: {},
  submitted: Array(12).fill(null),
};

/** The sheet as made with the shipped catalogue, DTN_QUA's row filled. */
function oldSheet() {
  return modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2018, base, DATA));
}

/** The shipped catalogue with indicators changed in place (same position). */
function changed(edits: Record<string, Partial<Indicator>>): Catalogue {
  return { ...base, indicators: base.indicators.map((i) => (edits[i.code] ? { ...i, ...edits[i.code] } : i)) };
}

const renamed = changed({ DTN_QUA: { code: 'DTN_SUATQUA', label: 'Suất quà tặng hộ khó khăn' } });
const ctx = (catalogue: Catalogue): ReadContext => ({ level: DEFAULT_LEVEL, catalogue, units, year: 2018 });
const about = (fs: Finding[], code: string) =>
  fs.filter((f) => f.code === code).map((f) => [f.severity, f.cell ?? '', f.message]);

describe('a row with a code the catalogue no longer has', () => {
  test('code and label changed together: read as the indicator whose place it holds, with a warning', () => {
    const s = oldSheet();
    const row = rowWithCode(s.grid, 'DTN_QUA');
    const { report, findings } = readSheet(s, ctx(renamed));
    expect(report?.values.DTN_SUATQUA).toEqual(QUA);
    expect(report?.cells.DTN_SUATQUA?.[0]).toBe(a1(row, monthCol(1)));
    expect(about(findings, 'unknown-indicator')).toEqual([
      [
        'warning',
        `A${row}`,
        `${W}, ô A${row}: mã chỉ tiêu "DTN_QUA" không có trong danh mục; dòng này nằm đúng chỗ của chỉ tiêu ` +
          `"Suất quà tặng hộ khó khăn" (mã DTN_SUATQUA) mà trang còn thiếu, cùng đơn vị tính, nên được đọc là chỉ ` +
          `tiêu đó (có lẽ danh mục đã đổi mã). Hãy chạy "Tạo mẫu báo cáo cho xã" (hoặc lệnh tonghop template) để ` +
          `đổi mã dòng thành "DTN_SUATQUA"; nếu dòng này không phải chỉ tiêu đó, hãy sửa lại mã ở ô này cho đúng`,
      ],
    ]);
    expect(findings.filter((f) => f.code === 'unknown-indicator')[0].indicatorCode).toBe('DTN_SUATQUA');
    expect(about(findings, 'missing-indicator')).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('the row’s invalid cells stay errors of the indicator it is read as', () => {
    const s = oldSheet();
    const row = rowWithCode(s.grid, 'DTN_QUA');
    s.grid[row - 1][monthCol(4) - 1] = 'abc';
    const { report, findings } = readSheet(s, ctx(renamed));
    expect(report?.invalid).toContain('DTN_SUATQUA:4');
    expect(findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.indicatorCode])).toEqual([
      ['not-a-number', 'DTN_SUATQUA'],
    ]);
  });

  test('only the code changed: still read by its label', () => {
    const s = oldSheet();
    const row = rowWithCode(s.grid, 'DTN_QUA');
    const { report, findings } = readSheet(s, ctx(changed({ DTN_QUA: { code: 'DTN_SUATQUA' } })));
    expect(report?.values.DTN_SUATQUA).toEqual(QUA);
    expect(about(findings, 'unknown-indicator')).toEqual([
      [
        'warning',
        `A${row}`,
        `${W}, ô A${row}: mã chỉ tiêu "DTN_QUA" không có trong danh mục; dòng này được đọc theo tên chỉ tiêu`,
      ],
    ]);
  });

  test('the unit changed too: not read; an error counting the cells left out and naming the likely code', () => {
    const s = oldSheet();
    const row = rowWithCode(s.grid, 'DTN_QUA');
    const cat = changed({ DTN_QUA: { code: 'DTN_SUATQUA', label: 'Suất quà tặng hộ khó khăn', unit: 'hộ' } });
    const { report, findings } = readSheet(s, ctx(cat));
    expect(report?.values.DTN_SUATQUA).toEqual(Array(12).fill(null));
    expect(about(findings, 'unknown-indicator')).toEqual([
      [
        'error',
        `A${row}`,
        `${W}, ô A${row}: mã chỉ tiêu "DTN_QUA" không có trong danh mục; 9 ô số liệu của dòng này chưa được tính. ` +
          `Có thể mã này nay là "DTN_SUATQUA" (Suất quà tặng hộ khó khăn), nhưng đơn vị tính của dòng ghi "suất", ` +
          `còn danh mục ghi "hộ": nếu đúng là chỉ tiêu này, hãy sửa mã ở ô này thành "DTN_SUATQUA" và kiểm tra ` +
          `lại đơn vị tính, số liệu`,
      ],
    ]);
    expect(about(findings, 'missing-indicator').length).toBe(1);
  });

  test('another indicator put in its place (a label with little in common): not read as it, an error', () => {
    const s = oldSheet();
    const row = rowWithCode(s.grid, 'DTN_QUA');
    // "Suất quà tặng" replaced by a count of the same unit that is another thing altogether.
    const cat = changed({ DTN_QUA: { code: 'DTN_COMTHIEN', label: 'Suất cơm từ thiện cho bệnh nhân' } });
    const { report, findings } = readSheet(s, ctx(cat));
    expect(report?.values.DTN_COMTHIEN).toEqual(Array(12).fill(null));
    const unknown = findings.filter((f) => f.code === 'unknown-indicator');
    expect(unknown.map((f) => [f.severity, f.cell])).toEqual([['error', `A${row}`]]);
    expect(unknown[0].message).toContain('9 ô số liệu của dòng này chưa được tính');
    expect(unknown[0].message).not.toContain('DTN_COMTHIEN');
  });

  test('an indicator removed from the catalogue, the sheet lacking nothing: a warning counting the cells', () => {
    const s = oldSheet();
    const row = rowWithCode(s.grid, 'DTN_QUA');
    const cat = { ...base, indicators: base.indicators.filter((i) => i.code !== 'DTN_QUA') };
    const { findings } = readSheet(s, ctx(cat));
    expect(about(findings, 'unknown-indicator')).toEqual([
      [
        'warning',
        `A${row}`,
        `${W}, ô A${row}: mã chỉ tiêu "DTN_QUA" không có trong danh mục (trang đã có đủ dòng cho mọi chỉ tiêu của ` +
          'danh mục); 9 ô số liệu của dòng này không được tổng hợp. Nếu đây là chỉ tiêu đã bỏ khỏi danh mục hoặc ' +
          'dòng xã tự thêm, không cần làm gì; nếu mã bị gõ sai, hãy sửa lại cho đúng mã trong danh mục',
      ],
    ]);
  });

  test('the sheet lacking another indicator’s row elsewhere: an error, without a guess', () => {
    const s = oldSheet();
    const row = rowWithCode(s.grid, 'DTN_QUA');
    // DTN_QUA removed; a petition type added in another group, which the sheet has no row for.
    const added: Indicator = { ...(base.indicators.find((i) => i.code === 'DON_KHAC') as Indicator), code: 'DON_MOI' };
    const indicators = base.indicators.filter((i) => i.code !== 'DTN_QUA');
    indicators.splice(indicators.findIndex((i) => i.code === 'DON_KHAC') + 1, 0, { ...added, label: 'Đơn mới' });
    const { findings } = readSheet(s, ctx({ ...base, indicators }));
    expect(about(findings, 'unknown-indicator')).toEqual([
      [
        'error',
        `A${row}`,
        `${W}, ô A${row}: mã chỉ tiêu "DTN_QUA" không có trong danh mục; 9 ô số liệu của dòng này chưa được tính. ` +
          'Hãy sửa lại mã cho đúng mã trong danh mục (trang còn thiếu dòng của chỉ tiêu khác, có thể số liệu này là ' +
          'của chỉ tiêu đó); nếu chỉ tiêu này đã bỏ khỏi danh mục, có thể xóa dòng',
      ],
    ]);
  });

  test('an unknown row without figures stays a warning', () => {
    const s = oldSheet();
    const row = rowWithCode(s.grid, 'DTN_QUA');
    for (let m = 1; m <= 12; m++) s.grid[row - 1][monthCol(m) - 1] = '';
    const cat = { ...base, indicators: base.indicators.filter((i) => i.code !== 'DTN_QUA') };
    expect(about(readSheet(s, ctx(cat)).findings, 'unknown-indicator')).toEqual([
      ['warning', `A${row}`, `${W}, ô A${row}: mã chỉ tiêu "DTN_QUA" không có trong danh mục; dòng này bị bỏ qua`],
    ]);
  });

  test('two neighbours renamed: which is which is not guessed; both rows are errors', () => {
    const s = oldSheet();
    const cat = changed({
      DTN_QUA: { code: 'DTN_SUATQUA', label: 'Suất quà tặng hộ khó khăn' },
      DTN_MITOM: { code: 'DTN_MI', label: 'Thùng mì ăn liền' },
    });
    const { report, findings } = readSheet(s, ctx(cat));
    expect(report?.values.DTN_SUATQUA).toEqual(Array(12).fill(null));
    expect(report?.values.DTN_MI).toEqual(Array(12).fill(null));
    const errors = findings.filter((f) => f.code === 'unknown-indicator');
    expect(errors.map((f) => [f.severity, f.message.match(/(\d+) ô số liệu/)?.[1], /Có thể/.test(f.message)])).toEqual([
      ['error', '9', false],
      ['error', '3', false],
    ]);
  });

  test('a row out of the catalogue’s order is no guess', () => {
    // The renamed row moved to the end of its group, below DTN_CHAO: between DTN_CHAO and the next
    // group's first row the sheet lacks nothing.
    const s = oldSheet();
    const at = rowWithCode(s.grid, 'DTN_QUA') - 1;
    const [row] = s.grid.splice(at, 1);
    s.grid.splice(rowWithCode(s.grid, 'DTN_CHAO'), 0, row);
    const { report, findings } = readSheet(s, ctx(renamed));
    expect(report?.values.DTN_SUATQUA).toEqual(Array(12).fill(null));
    expect(findings.filter((f) => f.code === 'unknown-indicator').map((f) => f.severity)).toEqual(['error']);
  });
});
