import { isoToSerial, LAYOUT, monthCol } from '../sheet/layout';
import type { Summary } from '../types';
import { fixtureCatalogue, fixtureSummary } from './fixtures';
import { renderHtmlReport } from './html';
import type { CellModel, SheetModel } from './model';
import { aggregateUnitCode, buildSummaryWorkbook, pagesWide, slugify, summarySheetName } from './summary-workbook';

const catalogue = fixtureCatalogue();

/** Cell at 1-based row/col, or null. */
function at(sheet: SheetModel, row: number, col: number): CellModel | null {
  return sheet.rows[row - 1]?.[col - 1] ?? null;
}
const v = (sheet: SheetModel, row: number, col: number) => at(sheet, row, col)?.v ?? null;

/** 1-based row whose column `col` holds exactly `value`. */
function rowOf(sheet: SheetModel, value: string | number, col = 2): number {
  const i = sheet.rows.findIndex((r) => r[col - 1]?.v === value);
  if (i < 0) throw new Error(`no row with ${value} in column ${col} of ${sheet.name}`);
  return i + 1;
}

function build(summary: Summary = fixtureSummary()) {
  const wb = buildSummaryWorkbook(summary, catalogue);
  const [main, byUnit, checks, aggregate] = wb.sheets;
  return { wb, main, byUnit, checks, aggregate, summary };
}

describe('summarySheetName', () => {
  it('names sheets by the canonical period, within 31 characters', () => {
    expect(summarySheetName({ type: 'month', year: 2018, index: 9 })).toBe('Tổng hợp 2018-09');
    expect(summarySheetName({ type: 'quarter', year: 2018, index: 3 })).toBe('Tổng hợp 2018-Q3');
    expect(summarySheetName({ type: 'half', year: 2018, index: 1 })).toBe('Tổng hợp 2018-6T');
    expect(summarySheetName({ type: 'year', year: 2018, index: 1 }).length).toBeLessThanOrEqual(31);
  });
});

describe('slugify / aggregateUnitCode', () => {
  it('makes ASCII codes from Vietnamese names, Đ lookalikes included', () => {
    expect(slugify('huyện Mường Nhé')).toBe('huyen-muong-nhe');
    expect(slugify('tỉnh Điện Biên')).toBe('tinh-dien-bien');
    expect(slugify('Ðiện Biên Ɖông')).toBe('dien-bien-dong');
    expect(slugify('Me\u0301')).toBe('me');
    expect(aggregateUnitCode(fixtureSummary())).toBe('huyen-muong-nhe');
  });
});

describe('pagesWide', () => {
  it("is one page up to a landscape page's width, then adds pages for what is left beside the repeated columns", () => {
    expect(pagesWide([6, 52, 13, 12, 12, 12, 14, 13, 12, 14, 13, 12], 0)).toBe(1);
    expect(pagesWide([100, 100], 0)).toBe(1);
    expect(pagesWide([100, 101], 0)).toBe(2);
    // 65 repeated, 135 free a page: 200 + 135 fits two pages, one more needs a third.
    expect(pagesWide([6, 48, 11, 135, 135], 3)).toBe(2);
    expect(pagesWide([6, 48, 11, 135, 136], 3)).toBe(3);
  });
});

describe('buildSummaryWorkbook', () => {
  const { wb, main, byUnit, checks, aggregate, summary } = build();

  it('has the four sheets in order', () => {
    expect(wb.sheets.map((s) => s.name)).toEqual([
      'Tổng hợp 2018-09',
      'Theo đơn vị',
      'Kiểm tra',
      'Huyện Mường Nhé 2018',
    ]);
    for (const s of wb.sheets) {
      expect(s.name.length).toBeLessThanOrEqual(31);
      expect(s.widths.length).toBeGreaterThan(0);
      expect(s.frozenRows).toBeGreaterThan(0);
    }
  });

  describe('"Tổng hợp" sheet', () => {
    it('starts with organisation, title, period and data window', () => {
      expect(v(main, 1, 1)).toBe('Ban Dân vận Huyện ủy Mường Nhé');
      expect(at(main, 2, 1)).toEqual({ v: 'BÁO CÁO TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN', s: 'title' });
      expect(v(main, 3, 1)).toBe('Tháng 9/2018 – huyện Mường Nhé');
      expect(v(main, 4, 1)).toBe('Số liệu từ ngày 15/08/2018 đến ngày 14/09/2018; tổng hợp lúc 10:00 ngày 20/09/2018');
      expect(main.merges).toContainEqual({ row: 2, col: 1, rows: 1, cols: 12 });
    });

    it('has a frozen header row', () => {
      expect(main.frozenRows).toBe(6);
      expect(main.frozenCols).toBe(0);
      expect(main.rows[5].map((c) => c?.v)).toEqual([
        'STT',
        'Chỉ tiêu',
        'ĐVT',
        'Kỳ báo cáo',
        // A stock's figure there is its figure to date, not a sum since January (as the HTML says).
        'Từ đầu năm (chỉ tiêu lũy kế: số đến nay)',
        'Cùng kỳ năm trước',
        'Tăng/giảm so cùng kỳ (kỳ báo cáo)',
        'Tỷ lệ tăng/giảm kỳ báo cáo (%)',
        'Lũy kế cùng kỳ năm trước',
        'Tăng/giảm lũy kế so cùng kỳ (từ đầu năm)',
        'Tỷ lệ tăng/giảm lũy kế (%)',
        'Số đơn vị có số liệu',
      ]);
      expect(main.rows[5].every((c) => c?.s === 'header')).toBe(true);
    });

    it('groups indicators under group rows in catalogue order', () => {
      expect(at(main, 7, 1)).toEqual({ v: 'I', s: 'group' });
      expect(at(main, 7, 2)).toEqual({ v: 'Phong trào thi đua "Dân vận khéo"', s: 'group' });
      expect(at(main, 7, 12)?.s).toBe('group');
      expect(v(main, 8, 2)).toBe('Mô hình "Dân vận khéo" đăng ký');
      const hnd = rowOf(main, 'Hội Nông dân');
      expect(v(main, hnd, 1)).toBe('II');
      expect(v(main, hnd + 1, 2)).toBe('Hộ nông dân được công nhận sản xuất, kinh doanh giỏi các cấp (lũy kế)');
      // The note indicator is not a table row; its texts are in the notes block.
      expect(main.rows.some((r) => r[1]?.v === 'Khó khăn, vướng mắc, kiến nghị')).toBe(false);
      expect(main.rows.some((r) => r[1]?.v === 'Khó khăn, kiến nghị')).toBe(false);
    });

    it('writes a known indicator’s totals, comparisons and percent as a fraction', () => {
      const r = rowOf(main, 'Tổng số đơn tiếp nhận');
      expect(main.rows[r - 1].map((c) => c?.v)).toEqual([
        4,
        'Tổng số đơn tiếp nhận',
        'đơn',
        10,
        50,
        6,
        4,
        0.6667,
        29,
        21,
        0.7241,
        '9/11',
      ]);
      expect(main.rows[r - 1].map((c) => c?.s)).toEqual([
        'label',
        'label',
        'label',
        'integer',
        'integer',
        'integer',
        'integer',
        'percent',
        'integer',
        'integer',
        'percent',
        'text',
      ]);
      const hnd = rowOf(main, 'Hộ nông dân được công nhận sản xuất, kinh doanh giỏi các cấp (lũy kế)');
      expect(main.rows[hnd - 1].slice(3).map((c) => c?.v)).toEqual([115, 115, 98, 17, 0.1735, 98, 17, 0.1735, '10/11']);
    });

    it('uses decimal style for amounts and leaves undefined changes empty', () => {
      const r = rowOf(main, 'Giá trị nhà "Mái ấm công đoàn"');
      expect(at(main, r, 4)).toEqual({ v: 30, s: 'decimal' });
      expect(at(main, r, 8)).toEqual({ v: null, s: 'percent' }); // last year 0 → no percentage
      expect(at(main, r, 9)).toEqual({ v: 55.5, s: 'decimal' });
    });

    it('shows beside the period’s change the year to date’s, the basis the narrative and e-mail compare', () => {
      const col = (text: string) => main.rows[5].findIndex((c) => c?.v === text) + 1;
      const change = col('Tăng/giảm so cùng kỳ (kỳ báo cáo)');
      const ytdChange = col('Tăng/giảm lũy kế so cùng kỳ (từ đầu năm)');
      const ytdPct = col('Tỷ lệ tăng/giảm lũy kế (%)');
      expect([change, ytdChange, ytdPct]).toEqual([7, 10, 11]);
      const r = rowOf(main, 'Tổng số đơn tiếp nhận');
      // The e-mail's "So cùng kỳ năm trước (từ đầu năm)" says "tăng 21 đơn (72,4%)".
      expect(renderHtmlReport(summary, catalogue)).toContain('tăng 21 đơn (72,4%)');
      expect([v(main, r, change), v(main, r, ytdChange), at(main, r, ytdPct)]).toEqual([
        4,
        21,
        { v: 0.7241, s: 'percent' },
      ]);
      for (const ind of summary.indicators.filter((i) => i.kind !== 'note')) {
        const row = rowOf(main, ind.label);
        expect([ind.code, v(main, row, ytdChange), v(main, row, ytdPct)]).toEqual([
          ind.code,
          ind.ytdChange,
          ind.ytdChangePct,
        ]);
      }
    });

    it('leaves the year to date’s change empty when last year’s figures begin later', () => {
      const s = fixtureSummary();
      const ind = s.indicators.find((i) => i.label === 'Tổng số đơn tiếp nhận')!;
      Object.assign(ind, { lastYearYtdFrom: 5, ytdChange: null, ytdChangePct: null });
      const m = build(s).main;
      const r = rowOf(m, 'Tổng số đơn tiếp nhận');
      expect(m.rows[r - 1].slice(8, 11)).toEqual([
        { v: null, s: 'integer' },
        { v: null, s: 'integer' },
        { v: null, s: 'percent' },
      ]);
    });

    it('has the completeness block with rates and unit status', () => {
      const rate = rowOf(main, 'Tỷ lệ đơn vị đã báo cáo');
      expect(at(main, rate - 1, 1)).toEqual({ v: 'TÌNH HÌNH GỬI BÁO CÁO', s: 'group' });
      expect(v(main, rate, 4)).toBe('10/11');
      expect(at(main, rate, 5)).toEqual({ v: 10 / 11, s: 'percent' });
      const onTime = rowOf(main, 'Tỷ lệ đơn vị báo cáo đúng hạn');
      expect(v(main, onTime, 4)).toBe('9/11');
      expect(at(main, onTime, 5)).toEqual({ v: 9 / 11, s: 'percent' });
      const deadline = rowOf(main, 'Hạn nộp báo cáo');
      expect(at(main, deadline, 4)).toEqual({ v: isoToSerial('2018-09-18'), s: 'date' });

      const header = deadline + 1;
      expect(main.rows[header - 1].map((c) => c?.v)).toEqual(['STT', 'Đơn vị', 'Tình trạng', 'Ngày nộp', 'Ghi chú']);
      const units = main.rows.slice(header, header + 11);
      expect(units.map((r) => r[1]?.v)).toEqual(summary.units.map((u) => `Xã ${u.name}`));
      const namKe = rowOf(main, 'Xã Nậm Kè');
      expect(at(main, namKe, 3)).toEqual({ v: 'Muộn', s: 'warning' });
      expect(at(main, namKe, 4)).toEqual({ v: isoToSerial('2018-09-20'), s: 'date' });
      const paMy = rowOf(main, 'Xã Pá Mỳ');
      expect(at(main, paMy, 3)).toEqual({ v: 'Chưa báo cáo', s: 'error' });
      expect(v(main, paMy, 4)).toBeNull();
      expect(v(main, rowOf(main, 'Xã Chung Chải'), 3)).toBe('Đúng hạn');
    });

    it('prints landscape, one page wide, the header row on every page', () => {
      expect(main.print).toEqual({ landscape: true, fitWidth: 1, repeatRows: { first: 6, last: 6 } });
    });

    it('gives the completeness table filter buttons, header and every unit', () => {
      const header = rowOf(main, 'Hạn nộp báo cáo') + 1;
      expect(v(main, header, 2)).toBe('Đơn vị');
      expect(main.filter).toEqual({ row: header, col: 1, rows: 1 + summary.units.length, cols: 5 });
      expect(v(main, header + summary.units.length, 2)).toBe(`Xã ${summary.units[summary.units.length - 1].name}`);
      expect(v(main, header + summary.units.length + 1, 2)).toBeNull();
    });

    it('has the narrative paragraphs merged across the table', () => {
      for (const p of summary.narrative) {
        const r = rowOf(main, p, 1);
        expect(at(main, r, 1)?.s).toBe('note');
        expect(main.merges).toContainEqual({ row: r, col: 1, rows: 1, cols: 12 });
      }
      expect(rowOf(main, 'NHẬN XÉT CHUNG', 1)).toBeLessThan(rowOf(main, summary.narrative[0], 1));
    });

    it('lists the units’ notes and the excluded cells', () => {
      expect(
        main.rows.some(
          (r) =>
            r[0]?.v === 'Xã Chung Chải (tháng 9): Đề nghị hỗ trợ kinh phí di chuyển dân bản Tá Phì Chà theo Đề án 79.',
        ),
      ).toBe(true);
      const excluded = rowOf(main, 'Có 1 ô số liệu không hợp lệ đã bị loại khỏi tổng hợp (xem trang "Kiểm tra").', 1);
      expect(excluded).toBeGreaterThan(rowOf(main, summary.narrative[4], 1));
    });

    it('has a per-unit key-figure table with the chart referencing it', () => {
      expect(main.charts).toHaveLength(1);
      const chart = main.charts[0];
      const keys = catalogue.indicators.filter((i) => i.key);
      expect(chart.title).toBe('Chỉ tiêu chủ yếu theo đơn vị – tháng 9/2018');
      expect(chart.categories).toEqual({ row: chart.categories.row, col: 2, rows: 12, cols: 1 });
      expect(v(main, chart.categories.row, 2)).toBe('Đơn vị');
      expect(v(main, chart.categories.row + 1, 2)).toBe('Xã Chung Chải');
      expect(v(main, chart.categories.row + 11, 2)).toBe('Xã Sín Thầu');
      expect(chart.series).toHaveLength(keys.length);
      chart.series.forEach((s, j) => {
        expect(s).toEqual({ row: chart.categories.row, col: 3 + j, rows: 12, cols: 1 });
        // A stock's column is its figure "đến nay" (as the e-mail's table and chart), said in its header.
        const upTo = keys[j].overMonths === 'last' ? ', đến nay' : '';
        expect(v(main, s.row, s.col)).toBe(`${keys[j].label} (${keys[j].unit})${upTo}`);
      });
      // Row after the units is the total, outside the chart ranges.
      const total = chart.categories.row + 12;
      expect(at(main, total, 2)).toEqual({ v: 'Tổng cộng', s: 'total' });
      const col = 3 + keys.findIndex((k) => k.code === 'DON_TONG');
      expect(at(main, total, col)).toEqual({ v: 10, s: 'total' });
      expect(chart.anchor.row).toBeGreaterThan(total);
    });

    it('writes only plain values, never formulas', () => {
      for (const s of [main, byUnit, checks]) {
        for (const r of s.rows) for (const c of r) expect(c?.f).toBeUndefined();
      }
    });
  });

  it('says under the deadline that the rates are not final when the period is not over', () => {
    const s = fixtureSummary();
    const message = 'Kỳ báo cáo tháng 9/2018 chưa kết thúc: số liệu chốt đến hết ngày 14/09/2018';
    const { main: m } = build({
      ...s,
      findings: [...s.findings, { severity: 'warning', code: 'period-not-closed', message }],
    });
    const deadline = rowOf(m, 'Hạn nộp báo cáo');
    expect(at(m, deadline + 1, 2)).toEqual({ v: `${message}.`, s: 'text' });
    expect(v(m, deadline + 2, 1)).toBe(v(main, rowOf(main, 'Hạn nộp báo cáo') + 1, 1));
  });

  it('gives a merged unit lacking only an old unit’s months its own status, and names them in "Ghi chú"', () => {
    const s = fixtureSummary();
    const rows = s.completeness.rows.map((r) =>
      r.unitCode === 'muong-nhe'
        ? { ...r, status: 'missing' as const, missingMonths: [9], formerGaps: [{ name: 'Nậm Vì', months: [9] }] }
        : r,
    );
    const { main: m } = build({ ...s, completeness: { ...s.completeness, rows } });
    const row = rowOf(m, 'Xã Mường Nhé');
    expect(at(m, row, 3)).toEqual({ v: 'Thiếu số liệu đơn vị cũ', s: 'warning' });
    expect(v(m, row, 5)).toBe('Thiếu số liệu của đơn vị cũ trước sáp nhập: Nậm Vì tháng 9');
    expect(v(m, rowOf(m, 'Xã Pá Mỳ'), 3)).toBe('Chưa báo cáo');
  });

  it('says in "Ghi chú" that a unit typed its figures in but has not sent them, and that they are counted', () => {
    const s = fixtureSummary();
    const rows = s.completeness.rows.map((r) =>
      r.unitCode === 'pa-my' ? { ...r, status: 'missing' as const, missingMonths: [9], unsentMonths: [9] } : r,
    );
    const { main: m } = build({ ...s, completeness: { ...s.completeness, rows } });
    const row = rowOf(m, 'Xã Pá Mỳ');
    expect(v(m, row, 3)).toBe('Chưa báo cáo');
    expect(v(m, row, 5)).toBe(
      'Đã nhập số liệu nhưng chưa nộp (chưa hết hạn); số liệu đã nhập được tính tạm vào tổng hợp',
    );
  });

  it('marks a unit with figures but no submission date "Chưa rõ ngày nộp", not "Muộn"', () => {
    const s = fixtureSummary();
    const rows = s.completeness.rows.map((r) =>
      r.unitCode === 'nam-ke' ? { ...r, status: 'late' as const, submittedOn: null, undatedMonths: [9] } : r,
    );
    const { main: m } = build({ ...s, completeness: { ...s.completeness, rows } });
    const row = rowOf(m, 'Xã Nậm Kè');
    expect(at(m, row, 3)).toEqual({ v: 'Chưa rõ ngày nộp', s: 'warning' });
    expect(v(m, row, 5)).toBe('Có số liệu nhưng chưa rõ ngày nộp (không tính là đúng hạn)');
  });

  it('names the late months of a quarter in "Ghi chú"', () => {
    const s = fixtureSummary();
    const q3 = { type: 'quarter' as const, year: 2018, index: 3 };
    const rows = s.completeness.rows.map((r) =>
      r.unitCode === 'sen-thuong' ? { ...r, status: 'late' as const, submittedOn: '2018-08-16', lateMonths: [9] } : r,
    );
    const { main: m } = build({ ...s, period: q3, completeness: { ...s.completeness, period: q3, rows } });
    expect(v(m, rowOf(m, 'Xã Sen Thượng'), 5)).toBe('Tháng 9 nộp muộn');
  });

  describe('"Theo đơn vị" sheet', () => {
    it('has units as columns in the given order, then the total', () => {
      expect(byUnit.frozenRows).toBe(5);
      expect(byUnit.frozenCols).toBe(3);
      expect(byUnit.rows[3].map((c) => c?.v)).toEqual([
        'STT',
        'Chỉ tiêu',
        'ĐVT',
        ...summary.units.map((u) => u.name),
        'Tổng cộng',
      ]);
      expect(byUnit.widths).toHaveLength(3 + 11 + 1);
      // No merge may cross the frozen columns (Google Sheets refuses to freeze then).
      for (const m of byUnit.merges) expect(m.col + m.cols - 1).toBeLessThanOrEqual(byUnit.frozenCols);
    });

    it('prints landscape with the header rows and the indicator columns on every page', () => {
      expect(byUnit.print).toEqual({
        landscape: true,
        fitWidth: 1,
        repeatRows: { first: 4, last: 5 },
        repeatCols: { first: 1, last: 3 },
      });
    });

    it("prints a province's 130 units about a dozen a page, not all on one page", () => {
      const s = fixtureSummary();
      const extra = Array.from({ length: 130 - s.units.length }, (_, i) => ({
        ...s.units[0],
        code: `u${i}`,
        name: `Đơn vị ${i}`,
      }));
      s.units = [...s.units, ...extra];
      const { byUnit: wide } = build(s);
      expect(wide.rows[3]).toHaveLength(3 + 130 + 1);
      expect(wide.print?.fitWidth).toBe(pagesWide(wide.widths, 3));
      expect(wide.print?.fitWidth).toBe(11);
      expect(wide.print?.repeatCols).toEqual({ first: 1, last: 3 });
    });

    it('shows the status and the period values per unit', () => {
      expect(byUnit.rows[4].slice(3, 14).map((c) => c?.v)).toEqual(
        summary.units.map((u) => (u.code === 'nam-ke' ? 'Muộn' : u.code === 'pa-my' ? 'Chưa báo cáo' : 'Đúng hạn')),
      );
      const r = rowOf(byUnit, 'Lượt tiếp công dân');
      const ind = summary.indicators.find((i) => i.code === 'TCD_LUOT')!;
      const cells = byUnit.rows[r - 1];
      expect(cells.slice(3, 14).map((c) => c?.v)).toEqual(ind.byUnit.map((u) => u.period));
      expect(cells[summary.units.findIndex((u) => u.code === 'sen-thuong') + 3]).toEqual({ v: null, s: 'integer' });
      expect(cells[14]).toEqual({ v: 6, s: 'total' });
    });
  });

  describe('"Kiểm tra" sheet', () => {
    it('has one row per finding, errors first', () => {
      expect(checks.rows[3].map((c) => c?.v)).toEqual([
        'Mức độ',
        'Đơn vị',
        'Tệp/Trang',
        'Ô',
        'Chỉ tiêu',
        'Tháng',
        'Nội dung',
      ]);
      const body = checks.rows.slice(4);
      expect(body).toHaveLength(summary.findings.length);
      expect(body.map((r) => r[0]?.v)).toEqual(['Lỗi', 'Lỗi', 'Cảnh báo', 'Cảnh báo', 'Cảnh báo', 'Thông tin']);
      expect(body[0].map((c) => c?.v)).toEqual([
        'Lỗi',
        'Xã Huổi Lếch',
        'Báo cáo dân vận 2018 / Huổi Lếch 2018',
        'M18',
        'Ngày công làm đường liên thôn, liên bản',
        9,
        summary.findings[0].message,
      ]);
      expect(body[0][0]?.s).toBe('error');
      expect(body[2][0]?.s).toBe('warning');
      expect(v(checks, 2, 1)).toBe(
        '2 lỗi, 3 cảnh báo, 1 thông tin. Có 1 ô số liệu không hợp lệ đã bị loại khỏi tổng hợp (xem trang "Kiểm tra").',
      );
    });

    it('prints landscape, one page wide, the header row on every page', () => {
      expect(checks.print).toEqual({ landscape: true, fitWidth: 1, repeatRows: { first: 4, last: 4 } });
    });

    it('says so when there is nothing to report', () => {
      const s = fixtureSummary();
      s.findings = [];
      const { checks: c } = build(s);
      expect(c.rows).toHaveLength(5);
      expect(v(c, 5, 1)).toBe('Không phát hiện lỗi hay cảnh báo nào.');
    });
  });

  describe('aggregate in the commune layout', () => {
    it('has the commune layout header T1..T12 and the aggregating unit', () => {
      expect(aggregate.name).toBe('Huyện Mường Nhé 2018');
      const header = aggregate.rows[LAYOUT.headerRow - 1];
      for (let m = 1; m <= 12; m++) expect(header[monthCol(m) - 1]?.v).toBe(`T${m}`);
      expect(v(aggregate, LAYOUT.unitNameRow, LAYOUT.valueCol)).toBe('Huyện Mường Nhé');
      expect(v(aggregate, LAYOUT.unitCodeRow, LAYOUT.valueCol)).toBe('huyen-muong-nhe');
      expect(v(aggregate, LAYOUT.yearRow, LAYOUT.valueCol)).toBe(2018);
    });

    it('holds the monthly values, the submission date and the notes', () => {
      const r = aggregate.rows.findIndex((row) => row[LAYOUT.codeCol - 1]?.v === 'DON_TONG') + 1;
      const months = aggregate.rows[r - 1].slice(monthCol(1) - 1, monthCol(12)).map((c) => c?.v ?? null);
      expect(months).toEqual(summary.monthly.DON_TONG);
      expect(months[8]).toBe(10);
      const submitted = aggregate.rows[LAYOUT.submittedRow - 1].slice(monthCol(1) - 1, monthCol(12)).map((c) => c?.v);
      expect(submitted).toEqual([...Array(8).fill(null), isoToSerial('2018-09-20'), null, null, null]);
      const note = aggregate.rows.findIndex((row) => row[LAYOUT.codeCol - 1]?.v === 'GHI_CHU');
      expect(aggregate.rows[note][monthCol(9) - 1]?.v).toBe(
        'Xã Chung Chải: Đề nghị hỗ trợ kinh phí di chuyển dân bản Tá Phì Chà theo Đề án 79.\n' +
          'Xã Nậm Kè: Đường vào bản Nậm Pồ bị sạt lở, đi lại khó khăn.',
      );
    });

    it('covers every month of a quarter', () => {
      const s = fixtureSummary();
      s.period = { type: 'quarter', year: 2018, index: 3 };
      const { wb, aggregate: agg } = build(s);
      expect(wb.sheets[0].name).toBe('Tổng hợp 2018-Q3');
      const submitted = agg.rows[LAYOUT.submittedRow - 1].slice(monthCol(7) - 1, monthCol(9)).map((c) => c?.v);
      expect(submitted).toEqual(Array(3).fill(isoToSerial('2018-09-20')));
      expect(v(wb.sheets[0], 3, 1)).toBe('Quý III/2018 – huyện Mường Nhé');
    });

    it('dates a 6-month summary’s earlier months by when their units’ figures were complete, not by the run', () => {
      const s = fixtureSummary();
      s.period = { type: 'half', year: 2018, index: 1 };
      s.generatedAt = '2018-06-18T09:00:00.000Z';
      // T3 has no unit date: only then the run's date; a unit date after the run is not used.
      s.monthSubmitted = [
        '2018-01-16',
        '2018-02-14',
        null,
        '2018-04-16',
        '2018-05-15',
        '2018-06-19',
        ...Array(6).fill(null),
      ];
      const { aggregate: agg } = build(s);
      const submitted = agg.rows[LAYOUT.submittedRow - 1].slice(monthCol(1) - 1, monthCol(6)).map((c) => c?.v);
      expect(submitted).toEqual(
        ['2018-01-16', '2018-02-14', '2018-06-18', '2018-04-16', '2018-05-15', '2018-06-18'].map(isoToSerial),
      );
    });
  });

  it('keeps user text that looks like a formula as a plain value', () => {
    const s = fixtureSummary();
    s.units[0].name = '=HYPERLINK("http://evil","x")';
    s.narrative = ['=1+1'];
    const { main: m } = build(s);
    expect(at(m, rowOf(m, '=1+1', 1), 1)).toEqual({ v: '=1+1', s: 'note' });
    expect(m.rows.some((r) => r[1]?.v === 'Xã =HYPERLINK("http://evil","x")')).toBe(true);
    for (const r of m.rows) for (const c of r) expect(c?.f).toBeUndefined();
  });
});

describe('"so cùng kỳ" not like for like in "Tổng hợp"', () => {
  const footnote =
    '* So sánh chưa đầy đủ: 1 đơn vị có số liệu cùng kỳ năm trước nhưng năm nay còn thiếu số liệu (và 1 đơn vị ngược lại); ' +
    'số tăng, giảm gồm cả phần chênh lệch do thiếu báo cáo.';
  const noteRow = (sheet: SheetModel) => sheet.rows.findIndex((r) => String(r[0]?.v ?? '').startsWith('* ')) + 1;

  it('marks the period’s and the year to date’s change cells on their own, numbers kept, one footnote', () => {
    const s = fixtureSummary();
    const find = (code: string) => s.indicators.find((i) => i.code === code) as Summary['indicators'][number];
    find('TCD_LUOT').unevenPeriod = { lastYearOnly: ['pa-my'], thisYearOnly: [] };
    find('DON_TONG').unevenYtd = { lastYearOnly: [], thisYearOnly: ['sin-thau'] };
    const { main } = build(s);
    const luot = rowOf(main, 'Lượt tiếp công dân');
    expect([7, 8, 10, 11].map((c) => at(main, luot, c))).toEqual([
      { v: 2, s: 'integerUneven' },
      { v: 0.5, s: 'percentUneven' },
      { v: -4, s: 'integer' },
      { v: -0.129, s: 'percent' },
    ]);
    const don = rowOf(main, 'Tổng số đơn tiếp nhận');
    expect([7, 10, 11].map((c) => at(main, don, c)?.s)).toEqual(['integer', 'integerUneven', 'percentUneven']);
    const r = noteRow(main);
    expect(v(main, r, 1)).toBe(footnote);
    expect(at(main, r, 1)?.s).toBe('note');
    expect(r).toBeLessThan(rowOf(main, 'TÌNH HÌNH GỬI BÁO CÁO', 1));
    expect(main.rows.filter((row) => String(row[0]?.v ?? '').includes('So sánh chưa đầy đủ'))).toHaveLength(1);
  });

  it('is as before when every unit has both years', () => {
    const { main } = build();
    expect(noteRow(main)).toBe(0);
    expect(main.rows.flat().some((c) => c?.s?.endsWith('Uneven'))).toBe(false);
  });
});
