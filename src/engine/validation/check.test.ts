import fc from 'fast-check';
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { buildUnitSheet, monthCol, type UnitSheetData } from '../sheet/layout';
import type { ReadContext } from '../sheet/read';
import { modelToSheetInput, rowWithCode, setCell } from '../sheet/testing';
import type { Unit, WorkbookInput } from '../types';
import { checkWorkbooks, expectedUnitsMissing } from './check';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const unit = (code: string) => units.find((u) => u.code === code) as Unit;
const ctx: ReadContext = { catalogue, units, year: 2018 };

const data = (tong: number): UnitSheetData => ({
  values: { DON_TONG: [tong, tong], DON_KHIEUNAI: [tong, 1], TCD_LUOT: [3, 4] },
  submitted: ['2018-01-15', '2018-02-14'],
});

function workbook(source: string, ...sheets: [Unit, number, UnitSheetData?, string?][]): WorkbookInput {
  return {
    source,
    sheets: sheets.map(([u, year, d, name]) =>
      modelToSheetInput(buildUnitSheet(u, year, catalogue, d ?? data(2), name)),
    ),
  };
}

function fixture(): WorkbookInput[] {
  const bad = workbook('nam-ke.xlsx', [unit('nam-ke'), 2018]);
  setCell(bad.sheets[0].grid, rowWithCode(bad.sheets[0].grid, 'TCD_LUOT'), monthCol(3), 'mười');
  return [
    workbook('chung-chai.xlsx', [unit('chung-chai'), 2018, data(5)]),
    workbook('huoi-lech.xlsx', [unit('huoi-lech'), 2018], [unit('huoi-lech'), 2017, data(1), 'Huổi Lếch 2017']),
    workbook('z-chung-chai-ban-sua.xlsx', [unit('chung-chai'), 2018, data(7)]),
    bad,
    workbook('khac.xlsx', [{ code: 'nam-po', name: 'Nậm Pồ', kind: 'xã', emails: [] }, 2018]),
    { source: 'ghi-chu.xlsx', sheets: [{ name: 'Ghi chú', grid: [['Không có gì']] }] },
  ];
}

const RULE = 'Tổng số đơn theo loại (khiếu nại + tố cáo + kiến nghị, phản ánh) phải bằng tổng số đơn tiếp nhận';

describe('checkWorkbooks', () => {
  it('reads, checks rules and finds problems between workbooks', () => {
    const r = checkWorkbooks(fixture(), ctx);
    expect(r.reports.map((x) => [x.unitCode, x.year, x.file, x.values.DON_TONG[0]])).toEqual([
      ['chung-chai', 2018, 'chung-chai.xlsx', 5],
      ['huoi-lech', 2017, 'huoi-lech.xlsx', 1],
      ['huoi-lech', 2018, 'huoi-lech.xlsx', 2],
      ['nam-ke', 2018, 'nam-ke.xlsx', 2],
    ]);
    const grid = fixture()[0].sheets[0].grid;
    const don = rowWithCode(grid, 'DON_KHIEUNAI');
    const tcd = rowWithCode(grid, 'TCD_LUOT');
    expect(r.findings.map((f) => [f.severity, f.code, f.unitCode ?? '', f.file, f.sheet ?? '', f.message])).toEqual([
      [
        'error',
        'no-report-sheet',
        '',
        'ghi-chu.xlsx',
        '',
        'Tệp ghi-chu.xlsx: không có trang báo cáo nào (không tìm thấy dòng tiêu đề có các cột tháng T1 … T12)',
      ],
      [
        'error',
        'unknown-unit',
        '',
        'khac.xlsx',
        'Nậm Pồ 2018',
        'Tệp khac.xlsx, trang "Nậm Pồ 2018": đơn vị "nam-po" không có trong danh sách đơn vị; số liệu của trang này không được tổng hợp',
      ],
      [
        'error',
        'rule-violation',
        'chung-chai',
        'chung-chai.xlsx',
        'Chung Chải 2018',
        `Xã Chung Chải, ô F${don} (tháng 2): ${RULE} — vế trái 1, vế phải 5`,
      ],
      [
        'error',
        'duplicate-unit',
        'chung-chai',
        'z-chung-chai-ban-sua.xlsx',
        'Chung Chải 2018',
        'Xã Chung Chải: có hai báo cáo năm 2018 (tệp chung-chai.xlsx, trang "Chung Chải 2018" và tệp z-chung-chai-ban-sua.xlsx, trang "Chung Chải 2018"); chỉ lấy tệp chung-chai.xlsx, trang "Chung Chải 2018", bỏ qua số liệu của tệp z-chung-chai-ban-sua.xlsx, trang "Chung Chải 2018"',
      ],
      [
        'warning',
        'wrong-year',
        'huoi-lech',
        'huoi-lech.xlsx',
        'Huổi Lếch 2017',
        'Xã Huổi Lếch: báo cáo năm 2017, trong khi đang tổng hợp năm 2018',
      ],
      [
        'error',
        'rule-violation',
        'huoi-lech',
        'huoi-lech.xlsx',
        'Huổi Lếch 2018',
        `Xã Huổi Lếch, ô F${don} (tháng 2): ${RULE} — vế trái 1, vế phải 2`,
      ],
      [
        'error',
        'not-a-number',
        'nam-ke',
        'nam-ke.xlsx',
        'Nậm Kè 2018',
        `Xã Nậm Kè, ô G${tcd} (Lượt tiếp công dân, tháng 3): "mười" không phải là số`,
      ],
      [
        'error',
        'rule-violation',
        'nam-ke',
        'nam-ke.xlsx',
        'Nậm Kè 2018',
        `Xã Nậm Kè, ô F${don} (tháng 2): ${RULE} — vế trái 1, vế phải 2`,
      ],
    ]);
  });

  it('gives the same result whatever the order of workbooks and sheets', () => {
    const expected = JSON.stringify(checkWorkbooks(fixture(), ctx));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(fixture(), { minLength: 6, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        (wbs, flips) => {
          const input = wbs.map((wb, i) => (flips[i] ? { ...wb, sheets: [...wb.sheets].reverse() } : wb));
          return JSON.stringify(checkWorkbooks(input, ctx)) === expected;
        },
      ),
      { numRuns: 40 },
    );
  });

  it('without two sheets of one unit and year: the same reports, sorted, whatever the order', () => {
    const withDuplicate = checkWorkbooks(fixture(), ctx);
    const unique = fixture().filter((wb) => wb.source !== 'z-chung-chai-ban-sua.xlsx');
    // Dropping the second Chung Chải sheet leaves what keeping the first of the two gave.
    const expected = JSON.stringify({
      reports: withDuplicate.reports,
      findings: withDuplicate.findings.filter((f) => f.code !== 'duplicate-unit'),
    });
    fc.assert(
      fc.property(
        fc.shuffledSubarray(unique, { minLength: 5, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        (wbs, flips) => {
          const input = wbs.map((wb, i) => (flips[i] ? { ...wb, sheets: [...wb.sheets].reverse() } : wb));
          return JSON.stringify(checkWorkbooks(input, ctx)) === expected;
        },
      ),
      { numRuns: 40 },
    );
    expect(withDuplicate.reports.map((r) => `${r.unitCode} ${r.year}`)).toEqual([
      'chung-chai 2018',
      'huoi-lech 2017',
      'huoi-lech 2018',
      'nam-ke 2018',
    ]);
  });

  it('keeps the first of two sheets by file then sheet name, whichever came first', () => {
    const a = workbook(
      'b.xlsx',
      [unit('pa-my'), 2018, data(3), 'Pá Mỳ (2)'],
      [unit('pa-my'), 2018, data(4), 'Pá Mỳ (1)'],
    );
    for (const input of [[a], [{ ...a, sheets: [...a.sheets].reverse() }]]) {
      const r = checkWorkbooks(input, ctx);
      expect(r.reports.map((x) => [x.sheet, x.values.DON_TONG[0]])).toEqual([['Pá Mỳ (1)', 4]]);
      expect(r.findings.filter((f) => f.code === 'duplicate-unit').map((f) => f.sheet)).toEqual(['Pá Mỳ (2)']);
    }
  });

  it('returns nothing for no workbooks', () => {
    expect(checkWorkbooks([], ctx)).toEqual({ reports: [], findings: [] });
  });
});

describe('expectedUnitsMissing', () => {
  const reports = checkWorkbooks(fixture(), ctx).reports;

  it('lists units without a report for the year, by unit code', () => {
    const missing = expectedUnitsMissing(reports, units, 2018);
    expect(missing.map((f) => f.unitCode)).toEqual([
      'leng-su-sin',
      'muong-nhe',
      'muong-toong',
      'nam-vi',
      'pa-my',
      'quang-lam',
      'sen-thuong',
      'sin-thau',
    ]);
    expect(missing[0]).toEqual({
      severity: 'warning',
      code: 'unit-missing',
      unitCode: 'leng-su-sin',
      unitName: 'Leng Su Sìn',
      message: 'Xã Leng Su Sìn: chưa có trang báo cáo năm 2018',
    });
    expect(expectedUnitsMissing(reports, units, 2017).length).toBe(10);
  });

  it('does not expect units before they exist nor after they were merged', () => {
    const merged: Unit = {
      code: 'muong-nhe-moi',
      name: 'Mường Nhé',
      kind: 'xã',
      emails: [],
      succession: { from: '2025-07-01', predecessors: ['muong-nhe', 'nam-vi', 'chung-chai'] },
    };
    const list = [unit('chung-chai'), unit('nam-vi'), unit('muong-nhe'), merged];
    expect(expectedUnitsMissing([], list, 2024).map((f) => f.unitCode)).toEqual(['chung-chai', 'muong-nhe', 'nam-vi']);
    expect(expectedUnitsMissing([], list, 2025).map((f) => f.unitCode)).toEqual([
      'chung-chai',
      'muong-nhe',
      'muong-nhe-moi',
      'nam-vi',
    ]);
    expect(expectedUnitsMissing([], list, 2026).map((f) => f.unitCode)).toEqual(['muong-nhe-moi']);
  });
});
