import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { Finding, Unit } from '../types';
import { buildUnitSheet, type UnitSheetData } from './layout';
import { type ReadContext, readWorkbook } from './read';
import { modelToSheetInput } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const CHUNG_CHAI = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018, years: [2018, 2017] };

const values = { TCD_LUOT: [2, 3, 4, 5, 6, 7, 8, 9, 10, null, null, null] };
/** This year's submission dates, month m in month m (+1 for a late one). */
const DATES_2018 = ['2018-01-15', '2018-02-14', '2018-03-16', '2018-04-16', '2018-05-15', '2018-06-15'];
const dated = (dates: string[]): UnitSheetData => ({
  values,
  submitted: [...dates, ...Array(12 - dates.length).fill(null)],
});

/** Last year's sheet ("Chung Chải 2017", "Năm" 2017) filled in with `data`, saved as `file`. */
function copied(file: string, data: UnitSheetData) {
  const sheet = modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2017, catalogue, data));
  return readWorkbook({ source: file, sheets: [sheet] }, ctx);
}

const of = (fs: Finding[], code: string) => fs.filter((f) => f.code === code);

describe("readWorkbook — last year's workbook copied and filled in with this year's figures", () => {
  it('reads it as the year of its file name and dates, with a warning naming the "Năm" cell', () => {
    const r = copied('bao-cao/chung-chai-2018.xlsx', dated(DATES_2018));
    expect(r.reports.map((x) => x.year)).toEqual([2018]);
    // Figures are not changed: only the year they are counted for.
    expect(r.reports[0].values.TCD_LUOT).toEqual(values.TCD_LUOT);
    const warned = of(r.findings, 'year-copied');
    expect(warned).toHaveLength(1);
    expect(warned[0].severity).toBe('warning');
    expect(warned[0].cell).toBe('C4');
    expect(warned[0].message).toBe(
      'Xã Chung Chải, ô C4: ô "Năm" và tên trang "Chung Chải 2017" ghi năm 2017 nhưng tên tệp "chung-chai-2018.xlsx" ' +
        'và ngày nộp các tháng 1–6 là năm 2018 — có lẽ chép từ báo cáo năm 2017 mà chưa sửa năm; đã tính đây là báo cáo ' +
        'năm 2018. Hãy sửa ô "Năm" thành 2018 và đổi tên trang cho đúng năm 2018',
    );
    // Last year's months left in the copy, still dated last year: counted for this year, and said.
    const left = copied('chung-chai-2018.xlsx', {
      values,
      submitted: [...DATES_2018, null, null, null, '2017-10-16', '2017-11-15', '2017-12-15'],
    });
    expect(left.reports.map((x) => x.year)).toEqual([2018]);
    expect(of(left.findings, 'year-copied')[0].message).toContain(
      '. Tháng 10–12 vẫn ghi ngày nộp của năm khác: số liệu các tháng này có lẽ còn là của năm 2017, đang được tính vào năm 2018',
    );
    // Not also "ô Năm ghi 2017, đã lấy năm 2017", nor "báo cáo năm 2017".
    expect(of(r.findings, 'year-mismatch')).toEqual([]);
    expect(of(r.findings, 'wrong-year')).toEqual([]);
  });

  it('reads it so only when most dated months are a year late: a genuine report keeps its stated year', () => {
    const copy = dated(DATES_2018);
    expect(copied('chung-chai-2018.xlsx', copy).reports.map((x) => x.year)).toEqual([2018]);
    const genuine = dated(DATES_2018.map((d) => d.replace('2018', '2017')));
    const r = copied('chung-chai-2018.xlsx', genuine);
    expect(r.reports.map((x) => x.year)).toEqual([2017]);
    expect(r.findings.map((f) => f.code)).toEqual([]);
    // December's report is sent in January: one late month is no copy.
    const december = { values, submitted: [...Array(11).fill(null), '2018-01-15'] };
    expect(copied('chung-chai-2018.xlsx', december).reports.map((x) => x.year)).toEqual([2017]);
    const mixed = dated(['2017-01-15', '2017-02-14', '2017-03-16', '2018-04-16', '2018-05-15']);
    expect(copied('chung-chai-2018.xlsx', mixed).reports.map((x) => x.year)).toEqual([2017]);
  });
});
