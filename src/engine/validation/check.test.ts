import fc from 'fast-check';
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { buildUnitSheet, monthCol, type UnitSheetData } from '../sheet/layout';
import type { ReadContext } from '../sheet/read';
import { modelToSheetInput, rowWithCode, setCell } from '../sheet/testing';
import { DEFAULT_LEVEL } from '../text/level';
import type { Unit, WorkbookInput } from '../types';
import { checkWorkbooks, expectedUnitsMissing } from './check';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const unit = (code: string) => units.find((u) => u.code === code) as Unit;
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };

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
        'Tệp ghi-chu.xlsx: không có trang báo cáo nào (không tìm thấy dòng tiêu đề có các cột tháng T1 … T12); đã xem trang "Ghi chú"',
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
        `Xã Chung Chải, ô F${don} (tháng 2): ${RULE} — đang ghi ô F${don} + F${don + 1} + F${don + 2} = 1, ô F${don - 1} = 5`,
      ],
      [
        'error',
        'duplicate-unit',
        'chung-chai',
        'z-chung-chai-ban-sua.xlsx',
        'Chung Chải 2018',
        'Xã Chung Chải: có hai báo cáo năm 2018 (tệp chung-chai.xlsx, trang "Chung Chải 2018" và tệp z-chung-chai-ban-sua.xlsx, trang "Chung Chải 2018"); chỉ lấy tệp chung-chai.xlsx, trang "Chung Chải 2018", bỏ qua số liệu của tệp z-chung-chai-ban-sua.xlsx, trang "Chung Chải 2018" — không rõ bản nào mới hơn nên lấy theo thứ tự tên',
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
        `Xã Huổi Lếch, ô F${don} (tháng 2): ${RULE} — đang ghi ô F${don} + F${don + 1} + F${don + 2} = 1, ô F${don - 1} = 2`,
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
        `Xã Nậm Kè, ô F${don} (tháng 2): ${RULE} — đang ghi ô F${don} + F${don + 1} + F${don + 2} = 1, ô F${don - 1} = 2`,
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

  it('says once that the catalogue is the likely cause when most communes’ rows cross the same two codes', () => {
    // The catalogue swapped the codes of TCD_LUOT and TCD_NGUOI: every commune's sheet shows it.
    const swapped = (u: Unit): WorkbookInput => {
      const s = modelToSheetInput(buildUnitSheet(u, 2018, catalogue, {}));
      const g = s.grid as (string | number)[][];
      const [a, b] = [rowWithCode(g, 'TCD_LUOT') - 1, rowWithCode(g, 'TCD_NGUOI') - 1];
      [g[a][0], g[b][0]] = [g[b][0], g[a][0]];
      return { source: `${u.code}.xlsx`, sheets: [s] };
    };
    const three = units.slice(0, 3);
    const r = checkWorkbooks(three.map(swapped), ctx);
    const told = r.findings.filter((f) => f.code === 'catalogue-mismatch');
    expect(told.map((f) => [f.severity, f.indicatorCode, f.labelIndicatorCode])).toEqual([
      ['warning', 'TCD_LUOT', 'TCD_NGUOI'],
      ['warning', 'TCD_NGUOI', 'TCD_LUOT'],
    ]);
    expect(told[0].message).toContain('Ở 3/3 trang báo cáo, dòng mã "TCD_LUOT" ghi tên chỉ tiêu');
    expect(told[0].message).toContain('hãy kiểm tra danh mục chỉ tiêu trước khi yêu cầu các xã sửa');
    // Each commune's own error stays.
    expect(r.findings.filter((f) => f.code === 'code-label-mismatch')).toHaveLength(6);
    // One commune's rows only: its own error, no word on the catalogue.
    const one = checkWorkbooks(
      [
        swapped(three[0]),
        ...three.slice(1).map((u) => ({
          source: `${u.code}.xlsx`,
          sheets: [modelToSheetInput(buildUnitSheet(u, 2018, catalogue, {}))],
        })),
      ],
      ctx,
    );
    expect(one.findings.filter((f) => f.code === 'catalogue-mismatch')).toEqual([]);
    expect(one.findings.filter((f) => f.code === 'code-label-mismatch')).toHaveLength(2);
  });

  describe('two reports of one unit and year, one with a mistyped "Mã đơn vị"', () => {
    /** Chung Chải's own report with C3 ("Mã đơn vị") typed as another unit's code. */
    const mistyped = (file: string, typedCode: string, tong: number) => {
      const wb = workbook(file, [unit('chung-chai'), 2018, data(tong)]);
      setCell(wb.sheets[0].grid, 3, 3, typedCode);
      return wb;
    };
    const duplicates = (r: ReturnType<typeof checkWorkbooks>) => r.findings.filter((f) => f.code === 'duplicate-unit');

    it("keeps the unit's own report, though the mistyped file sorts first, and says why", () => {
      // "chung-chai…" sorts before "huoi-lech…": by file order alone Chung Chải's figures would count as Huổi Lếch's.
      const own = workbook('huoi-lech-2018.xlsx', [unit('huoi-lech'), 2018, data(9)]);
      const wrong = mistyped('chung-chai-2018.xlsx', 'huoi-lech', 5);
      for (const input of [
        [wrong, own],
        [own, wrong],
      ]) {
        const r = checkWorkbooks(input, ctx);
        expect(r.reports.map((x) => [x.unitCode, x.file, x.values.DON_TONG[0]])).toEqual([
          ['huoi-lech', 'huoi-lech-2018.xlsx', 9],
        ]);
        expect(r.findings.filter((f) => f.code === 'unit-mismatch').map((f) => f.file)).toEqual([
          'chung-chai-2018.xlsx',
        ]);
        const dup = duplicates(r);
        expect(dup.map((f) => [f.severity, f.unitCode, f.file])).toEqual([
          ['error', 'huoi-lech', 'chung-chai-2018.xlsx'],
        ]);
        // Which file was kept, which dropped, and why.
        expect(dup[0].message).toMatch(
          /chỉ lấy tệp huoi-lech-2018\.xlsx.*bỏ qua số liệu của tệp chung-chai-2018\.xlsx/,
        );
        expect(dup[0].message).toMatch(
          /vì ở tệp chung-chai-2018\.xlsx.*"Mã đơn vị" và ô "Đơn vị" ghi hai đơn vị khác nhau/,
        );
      }
    });

    it('keeps the first by file when both or neither agree, as before', () => {
      // Neither agrees: two mistyped files claiming Huổi Lếch.
      const neither = checkWorkbooks([mistyped('b.xlsx', 'huoi-lech', 6), mistyped('a.xlsx', 'huoi-lech', 5)], ctx);
      expect(neither.reports.map((x) => [x.file, x.values.DON_TONG[0]])).toEqual([['a.xlsx', 5]]);
      expect(duplicates(neither)[0].message).not.toMatch(/ vì /);
      // Both agree.
      const both = checkWorkbooks(
        [
          workbook('b.xlsx', [unit('huoi-lech'), 2018, data(6)]),
          workbook('a.xlsx', [unit('huoi-lech'), 2018, data(5)]),
        ],
        ctx,
      );
      expect(both.reports.map((x) => [x.file, x.values.DON_TONG[0]])).toEqual([['a.xlsx', 5]]);
      expect(duplicates(both)[0].message).not.toMatch(/ vì /);
    });

    it('the kept report is the first agreeing one by file, else the first: any files, any order', () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 2, maxLength: 5 }),
          fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
          fc.integer({ min: 0, max: 1000 }),
          (names, agreeing, seed) => {
            const wbs = names.map((n, i) =>
              agreeing[i]
                ? workbook(`${n}.xlsx`, [unit('huoi-lech'), 2018, data(i + 1)])
                : mistyped(`${n}.xlsx`, 'huoi-lech', i + 1),
            );
            const byFile = names.map((n, i) => ({ file: `${n}.xlsx`, agrees: agreeing[i], tong: i + 1 }));
            byFile.sort((a, b) => (a.file < b.file ? -1 : 1));
            const expected = byFile.find((x) => x.agrees) ?? byFile[0];
            const shuffled = wbs.map((w, i) => ({ w, k: (i * 7919 + seed) % 101 })).sort((a, b) => a.k - b.k);
            const r = checkWorkbooks(
              shuffled.map((x) => x.w),
              ctx,
            );
            return (
              r.reports.length === 1 &&
              r.reports[0].file === expected.file &&
              r.reports[0].values.DON_TONG[0] === expected.tong &&
              duplicates(r).length === names.length - 1
            );
          },
        ),
        { numRuns: 60 },
      );
    });

    it('with no two reports of one unit and year, a mismatch changes nothing', () => {
      // Chung Chải's file says "huoi-lech" and Huổi Lếch sent nothing: kept as Huổi Lếch's, as before.
      const r = checkWorkbooks([mistyped('chung-chai-2018.xlsx', 'huoi-lech', 5)], ctx);
      expect(r.reports.map((x) => [x.unitCode, x.file, x.values.DON_TONG[0]])).toEqual([
        ['huoi-lech', 'chung-chai-2018.xlsx', 5],
      ]);
      expect(duplicates(r)).toEqual([]);
    });
  });

  describe('two reports of one unit and year: the evidently later one is kept', () => {
    /** Months 1…n with figures, each dated the 15th of the next month (or `dates`). */
    const months = (n: number, dates?: (string | null)[]): UnitSheetData => ({
      values: { DON_TONG: Array.from({ length: n }, (_, m) => m + 1), TCD_LUOT: Array.from({ length: n }, () => 2) },
      submitted: dates ?? Array.from({ length: n }, (_, m) => `2018-${String(m + 2).padStart(2, '0')}-15`),
    });
    const cc = (file: string, d: UnitSheetData) => workbook(file, [unit('chung-chai'), 2018, d]);
    const orders = <T>(xs: T[]) => [xs, [...xs].reverse()];
    const kept = (r: ReturnType<typeof checkWorkbooks>) => r.reports.map((x) => x.file);
    const duplicate = (r: ReturnType<typeof checkWorkbooks>) =>
      r.findings.filter((f) => f.code === 'duplicate-unit').map((f) => [f.file, f.message]);

    it("the month's file with the later submission date, though its name sorts last (…-T8 beside …-T9)", () => {
      for (const input of orders([
        cc('chung-chai-2018-T8.xlsx', months(8)),
        cc('chung-chai-2018-T9.xlsx', months(9)),
      ])) {
        const r = checkWorkbooks(input, ctx);
        expect(kept(r)).toEqual(['chung-chai-2018-T9.xlsx']);
        expect(r.reports[0].values.DON_TONG[8]).toBe(9);
        expect(duplicate(r)).toEqual([
          [
            'chung-chai-2018-T8.xlsx',
            'Xã Chung Chải: có hai báo cáo năm 2018 (tệp chung-chai-2018-T9.xlsx, trang "Chung Chải 2018" và tệp chung-chai-2018-T8.xlsx, trang "Chung Chải 2018"); chỉ lấy tệp chung-chai-2018-T9.xlsx, trang "Chung Chải 2018", bỏ qua số liệu của tệp chung-chai-2018-T8.xlsx, trang "Chung Chải 2018" — vì bản được lấy có ngày nộp gần nhất là 15/10/2018, muộn hơn bản bị bỏ qua (15/09/2018)',
          ],
        ]);
        // The commune is not missing: its kept report has the year.
        expect(expectedUnitsMissing(r.reports, units, 2018).map((f) => f.unitCode)).not.toContain('chung-chai');
      }
    });

    it('same latest date: the one with figures in more months', () => {
      const undatedNinth = months(9, months(8).submitted);
      for (const input of orders([cc('a.xlsx', months(8)), cc('b.xlsx', undatedNinth)])) {
        const r = checkWorkbooks(input, ctx);
        expect(kept(r)).toEqual(['b.xlsx']);
        expect(duplicate(r)[0][1]).toMatch(/ — vì bản được lấy có số liệu 9 tháng, còn bản bị bỏ qua chỉ có 8 tháng$/);
      }
    });

    it("same dates and months: the one whose figures contain the other's and more", () => {
      const more = months(8);
      (more.values as Record<string, (number | null)[]>).DON_KHIEUNAI = [1];
      for (const input of orders([cc('a.xlsx', months(8)), cc('b.xlsx', more)])) {
        const r = checkWorkbooks(input, ctx);
        expect(kept(r)).toEqual(['b.xlsx']);
        expect(duplicate(r)[0][1]).toMatch(/ — vì bản được lấy có đủ mọi ô có số liệu của bản bị bỏ qua/);
      }
    });

    it('a date of another year (a slip, "2081") does not make a report the later one', () => {
      const slip = months(8);
      (slip.submitted as (string | null)[])[7] = '2081-09-15';
      for (const input of orders([cc('a.xlsx', slip), cc('b.xlsx', months(9))])) {
        expect(kept(checkWorkbooks(input, ctx))).toEqual(['b.xlsx']);
      }
    });

    it('the same result whatever the order, with up to four copies of mixed age', () => {
      const copies = [
        cc('d.xlsx', months(7)),
        cc('c.xlsx', months(9)),
        cc('b.xlsx', months(9)),
        cc('a.xlsx', months(8, [...months(7).submitted!, '2018-10-15'])),
      ];
      const expected = JSON.stringify(checkWorkbooks(copies, ctx));
      // c and b are alike and the latest (15/10, 9 months); a has the date but 8 months.
      expect(kept(checkWorkbooks(copies, ctx))).toEqual(['b.xlsx']);
      fc.assert(
        fc.property(fc.shuffledSubarray(copies, { minLength: 4, maxLength: 4 }), (input) => {
          return JSON.stringify(checkWorkbooks(input, ctx)) === expected;
        }),
        { numRuns: 30 },
      );
    });
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
