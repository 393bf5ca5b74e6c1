import type { Finding } from '../engine/types';
import { CLI_TEXT } from '../messages/vi/cli';
import { formatFinding } from './findings';

const base: Finding = {
  severity: 'error',
  code: 'not-a-number',
  unitCode: 'chung-chai',
  file: 'xa/chung-chai.xlsx',
  sheet: 'Chung Chải 2025',
  cell: 'E9',
  message: 'Xã Chung Chải, ô E9 (Mô hình, tháng 1): "12 mô hình" không phải là số',
};

describe('formatFinding', () => {
  it('names the file and the sheet of a cell, so a workbook with a sheet per year is not ambiguous', () => {
    expect(formatFinding(base)).toBe(`LỖI: ${base.message} [xa/chung-chai.xlsx, trang "Chung Chải 2025"]`);
  });

  it('says neither twice: a message that names them already is left as it is', () => {
    const named = { ...base, message: `Tệp xa/chung-chai.xlsx, trang "Chung Chải 2025", ô E9: …` };
    expect(formatFinding(named)).toBe(`LỖI: ${named.message}`);
    // A finding about the unit as a whole has no cell: the sheet is not added.
    const { cell: _cell, ...whole } = base;
    expect(formatFinding({ ...whole, severity: 'warning' })).toBe(`CẢNH BÁO: ${base.message} [xa/chung-chai.xlsx]`);
  });

  it('quotes a sheet name without its bidi controls, which would reverse the text after it', () => {
    const line = formatFinding({ ...base, sheet: 'Chung Chải 2025\u202E' });
    expect(line).toBe(`LỖI: ${base.message} [xa/chung-chai.xlsx, trang "Chung Chải 2025"]`);
  });
});

describe('the console heading of findings', () => {
  it('leaves out a count of 0, as the other outputs do', () => {
    expect(CLI_TEXT.findingsHeading(3, 1)).toBe('Lỗi và cảnh báo: 3 lỗi, 1 cảnh báo');
    expect(CLI_TEXT.findingsHeading(0, 2)).toBe('Lỗi và cảnh báo: 2 cảnh báo');
    expect(CLI_TEXT.findingsHeading(1, 0)).toBe('Lỗi và cảnh báo: 1 lỗi');
  });
});
