import { defaultCatalogue } from '../catalogue/defaults';
import type { Summary } from '../types';
import { fixtureCatalogue, fixtureSummary, provinceChartSummary } from './fixtures';
import {
  CHART_ALL_UNITS,
  chartIndicator,
  chartRows,
  compareText,
  completenessLines,
  completenessLists,
  findingText,
  keyIndicators,
  localTimestamp,
  renderTextReport,
  sortedFindings,
} from './text';

const catalogue = fixtureCatalogue();

describe('localTimestamp', () => {
  it('shows an instant in Vietnam time', () => {
    expect(localTimestamp('2018-09-20T03:00:00.000Z', 'Asia/Ho_Chi_Minh')).toEqual({
      date: '20/09/2018',
      time: '10:00',
    });
    expect(localTimestamp('2018-09-30T20:30:00Z', 'Asia/Ho_Chi_Minh')).toEqual({ date: '01/10/2018', time: '03:30' });
    expect(localTimestamp('2018-09-30T20:30:00+07:00', 'Asia/Ho_Chi_Minh')).toEqual({
      date: '30/09/2018',
      time: '20:30',
    });
  });
  it('uses Intl for other zones and takes timestamps without offset as local', () => {
    expect(localTimestamp('2018-09-20T03:00:00Z', 'UTC')).toEqual({ date: '20/09/2018', time: '03:00' });
    expect(localTimestamp('2018-09-20T08:15:00', 'Asia/Ho_Chi_Minh')).toEqual({ date: '20/09/2018', time: '08:15' });
  });
});

describe('compareText', () => {
  it('says increase and decrease in words, not colour', () => {
    expect(compareText(21, 21 / 29, 'đơn')).toBe('↑ tăng 21 đơn (72,4%)');
    expect(compareText(-4, -4 / 31, 'lượt')).toBe('↓ giảm 4 lượt (12,9%)');
    expect(compareText(1500, null, 'hộ')).toBe('↑ tăng 1.500 hộ');
    expect(compareText(-2.5, -0.5, 'triệu đồng')).toBe('↓ giảm 2,5 triệu đồng (50%)');
    expect(compareText(0, 0, 'hộ')).toBe('= bằng cùng kỳ');
    expect(compareText(null, null, 'hộ')).toBe('chưa có số liệu cùng kỳ');
  });
});

describe('key and chart indicators', () => {
  it('takes the catalogue’s key indicators in order', () => {
    expect(keyIndicators(fixtureSummary(), catalogue).map((i) => i.code)).toEqual([
      'DVK_DANGKY',
      'HND_SXKDG_CONGNHAN',
      'DTN_KETNAP_DANG',
      'DTN_GIUPDAN',
      'LDLD_MAIAM',
      'TCD_LUOT',
      'DON_TONG',
    ]);
    expect(keyIndicators(fixtureSummary(), defaultCatalogue()).map((i) => i.code)).not.toContain('DTN_GIUPDAN');
  });
  it('falls back to the first five numeric indicators when none is key', () => {
    const c = { ...catalogue, indicators: catalogue.indicators.map((i) => ({ ...i, key: false })) };
    expect(keyIndicators(fixtureSummary(), c)).toHaveLength(5);
  });
  it('charts the key indicator with most units above zero, or nothing', () => {
    expect(chartIndicator(fixtureSummary(), catalogue)?.code).toBe('HND_SXKDG_CONGNHAN');
    const s = fixtureSummary();
    for (const i of s.indicators)
      for (const u of i.byUnit) {
        u.period = null;
        u.ytd = null;
      }
    expect(chartIndicator(s, catalogue)).toBeNull();
  });
  it('sorts findings by severity, stable within one', () => {
    const f = (severity: 'error' | 'warning' | 'info', message: string) => ({ severity, code: 'x', message });
    expect(
      sortedFindings([f('info', 'a'), f('error', 'b'), f('warning', 'c'), f('error', 'd')]).map((x) => x.message),
    ).toEqual(['b', 'd', 'c', 'a']);
  });
});

describe('renderTextReport', () => {
  const summary = fixtureSummary();
  const text = renderTextReport(summary, catalogue);

  it('starts with the heading', () => {
    expect(text.split('\n').slice(0, 4)).toEqual([
      'Ban Dân vận Huyện ủy Mường Nhé',
      'BÁO CÁO TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN',
      'Tháng 9/2018 – huyện Mường Nhé',
      'Số liệu từ ngày 15/08/2018 đến ngày 14/09/2018; tổng hợp lúc 10:00 ngày 20/09/2018.',
    ]);
  });

  it('contains the narrative, each paragraph whole', () => {
    for (const p of summary.narrative) expect(text).toContain(`\n${p}\n`);
  });

  it('has the key figures in Vietnamese number format', () => {
    expect(text).toContain(
      '- Lượt đoàn viên giúp dân di chuyển, di dời nhà cửa: tháng 9/2018: 640 lượt; từ đầu năm: 1.000 lượt; ' +
        'so cùng kỳ năm trước: ↑ tăng 590 lượt (143,9%).',
    );
    expect(text).toContain('so cùng kỳ năm trước: ↑ tăng 21 đơn (72,4%).');
  });

  it('has completeness, the per-unit figures, notes and checks', () => {
    expect(text).toContain('\nTÌNH HÌNH GỬI BÁO CÁO\nĐã báo cáo: 10/11 đơn vị (90,9%)\n');
    expect(text).toContain('Báo cáo muộn: Xã Nậm Kè (nộp ngày 20/09/2018)');
    expect(text).toContain('Chưa báo cáo: Xã Pá Mỳ');
    expect(text).toContain('- Xã Pá Mỳ: chưa có số liệu');
    expect(text).toContain('- Xã Nậm Kè (tháng 9): Đường vào bản Nậm Pồ bị sạt lở, đi lại khó khăn.');
    expect(text).toContain('2 lỗi, 3 cảnh báo, 1 thông tin.');
    expect(text).toContain(`- [Lỗi] ${summary.findings[0].message}`);
    expect(text).toContain('Chi tiết xem trang "Kiểm tra" trong bảng tổng hợp.');
  });

  it('never prints undefined, null or NaN, and has no markup', () => {
    expect(text).not.toMatch(/undefined|null|NaN|<[a-z]/);
  });

  it('adds the sheet link only when it is http(s)', () => {
    expect(renderTextReport(summary, catalogue, { sheetUrl: 'https://docs.google.com/x' })).toContain(
      'Mở bảng tổng hợp: https://docs.google.com/x',
    );
    expect(renderTextReport(summary, catalogue, { sheetUrl: 'javascript:alert(1)' })).not.toContain('javascript');
  });

  it('handles a summary with no data at all', () => {
    const s: Summary = fixtureSummary();
    for (const i of s.indicators) {
      i.period = i.ytd = i.change = i.changePct = i.ytdChange = i.ytdChangePct = null;
      for (const u of i.byUnit) u.period = u.ytd = null;
      i.notes = [];
    }
    s.narrative = [];
    const t = renderTextReport(s, catalogue);
    expect(t).toContain(
      'tháng 9/2018: chưa có số liệu; từ đầu năm: chưa có số liệu; so cùng kỳ năm trước: chưa có số liệu cùng kỳ.',
    );
    expect(t).not.toContain('TÌNH HÌNH CHUNG');
  });
});

describe('findingText', () => {
  const f = {
    severity: 'error' as const,
    code: 'not-a-number',
    file: 'chung-chai.xlsx',
    sheet: 'Chung Chải 2025',
    cell: 'E9',
    message: 'Xã Chung Chải, ô E9 (Mô hình, tháng 1): "12 mô hình" không phải là số',
  };

  it('adds the sheet of a cell the message does not name (a workbook may hold a sheet per year)', () => {
    expect(findingText(f)).toBe(`${f.message} (trang "Chung Chải 2025")`);
  });

  it('leaves a message naming its sheet, or with no cell, as it is', () => {
    const named = { ...f, message: 'Trang "Chung Chải 2025", ô E9: …' };
    expect(findingText(named)).toBe(named.message);
    const { cell: _cell, ...whole } = f;
    expect(findingText(whole)).toBe(f.message);
  });
});

describe('key figures and notes in the e-mail', () => {
  it('says "bằng cùng kỳ" for a difference shown as 0, not "tăng 0"', () => {
    expect(compareText(0.003, 0.0001, 'triệu đồng')).toBe(compareText(0, 0, 'triệu đồng'));
    expect(compareText(0.5, 0.1, 'triệu đồng')).toContain('tăng 0,5 triệu đồng');
  });

  it('gives a stock one figure, "đến nay", and a flow its period’s and "từ đầu năm"', () => {
    const text = renderTextReport(fixtureSummary(), catalogue);
    const stock = catalogue.indicators.find((i) => i.key && i.overMonths === 'last');
    const flow = catalogue.indicators.find((i) => i.key && i.overMonths === 'sum');
    if (!stock || !flow) throw new Error('fixture needs a key stock and a key flow');
    expect(text).toMatch(new RegExp(`- ${stock.label.replace(/[()]/g, '\\$&')}: đến nay: [^;\\n]*; so cùng thời điểm`));
    expect(text).toMatch(new RegExp(`- ${flow.label.replace(/[()"]/g, '\\$&')}: [^\\n]*; từ đầu năm: `));
  });

  it('quotes notes tidied, each ending with one full stop, and leaves out "Không"', () => {
    const s = fixtureSummary();
    const notes = s.indicators.find((i) => i.kind === 'note');
    if (!notes) throw new Error('no note indicator');
    const withNotes = {
      ...s,
      indicators: s.indicators.map((i) =>
        i === notes
          ? {
              ...i,
              notes: [
                { unitCode: 'chung-chai', unitName: 'Chung Chải', month: 9, text: '  Thiếu   giáo viên ' },
                { unitCode: 'nam-ke', unitName: 'Nậm Kè', month: 9, text: 'Không' },
                { unitCode: 'pa-my', unitName: 'Pá Mỳ', month: 9, text: 'Cần hỗ trợ?' },
              ],
            }
          : i,
      ),
    } as Summary;
    const text = renderTextReport(withNotes, catalogue);
    expect(text).toContain('- Xã Chung Chải (tháng 9): Thiếu giáo viên.\n');
    expect(text).toContain('- Xã Pá Mỳ (tháng 9): Cần hỗ trợ?\n');
    expect(text).not.toContain('Xã Nậm Kè (tháng 9)');
  });
});

describe('a period before its deadline, or not over', () => {
  const message =
    'Chưa hết hạn nộp báo cáo tháng 9/2018 (hạn 18/09/2018): các đơn vị chưa báo cáo vẫn còn trong hạn, nên tỷ lệ nộp báo cáo trong báo cáo này chưa phải số cuối cùng';
  const early = (): Summary => {
    const s = fixtureSummary();
    return { ...s, findings: [...s.findings, { severity: 'info', code: 'before-deadline', message }] };
  };

  it('says so beside the reporting rates, where a reader looks, not only among the findings', () => {
    const lines = completenessLines(early());
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe(`${message}.`);
    expect(renderTextReport(early(), catalogue)).toContain(`\n${message}.\n`);
  });

  it('says nothing more once the deadline has passed', () => {
    expect(completenessLines(fixtureSummary())).toHaveLength(2);
  });
});

describe('a merged commune lacking only an old commune’s months', () => {
  // Mường Nhé sent September itself; its old commune Nậm Vì's months are missing (formerGaps).
  const merged = (): Summary => {
    const s = fixtureSummary();
    const rows = s.completeness.rows.map((r) =>
      r.unitCode === 'muong-nhe'
        ? { ...r, status: 'missing' as const, missingMonths: [9], formerGaps: [{ name: 'Nậm Vì', months: [9] }] }
        : r,
    );
    return { ...s, completeness: { ...s.completeness, rows } };
  };

  it('is listed apart, naming whose months are missing, not as "chưa báo cáo"', () => {
    const lists = completenessLists(merged());
    expect(lists.missing).toEqual(['Xã Pá Mỳ']);
    expect(lists.former).toEqual(['Xã Mường Nhé (Nậm Vì tháng 9)']);
    const text = renderTextReport(merged(), catalogue);
    expect(text).toContain('Thiếu số liệu của đơn vị cũ trước sáp nhập: Xã Mường Nhé (Nậm Vì tháng 9)');
    expect(text).toContain('Chưa báo cáo: Xã Pá Mỳ\n');
  });

  it('says so too when the unit also lacks months of its own', () => {
    const s = merged();
    const rows = s.completeness.rows.map((r) =>
      r.unitCode === 'muong-nhe' ? { ...r, missingMonths: [8, 9], formerGaps: [{ name: 'Nậm Vì', months: [9] }] } : r,
    );
    const lists = completenessLists({ ...s, completeness: { ...s.completeness, rows } });
    expect(lists.missing).toEqual(['Xã Mường Nhé (đơn vị cũ cũng thiếu: Nậm Vì tháng 9)', 'Xã Pá Mỳ']);
    expect(lists.former).toEqual([]);
  });
});

describe('an old commune whose report could not be read', () => {
  it('is listed apart with the unit it is now part of, and the report no longer says all is on time', () => {
    const s = fixtureSummary();
    const rows = s.completeness.rows.map((r) => ({ ...r, status: 'onTime' as const, missingMonths: [] }));
    const allIn: Summary = { ...s, unreadableUnits: [], completeness: { ...s.completeness, rows } };
    expect(renderTextReport(allIn, catalogue)).toContain('Tất cả đơn vị đã báo cáo đúng hạn.');
    const oneOld: Summary = {
      ...allIn,
      unreadableFormer: [
        {
          code: 'nam-vi-cu',
          label: 'Xã Nậm Vì Cũ (nay thuộc xã Mường Nhé)',
          inSentence: 'xã Nậm Vì Cũ (nay thuộc xã Mường Nhé)',
        },
      ],
    };
    expect(completenessLists(oneOld).unreadableFormer).toEqual(['Xã Nậm Vì Cũ (nay thuộc xã Mường Nhé)']);
    const text = renderTextReport(oneOld, catalogue);
    expect(text).toContain(
      'Không đọc được báo cáo của đơn vị cũ trước sáp nhập: Xã Nậm Vì Cũ (nay thuộc xã Mường Nhé)',
    );
    expect(text).not.toContain('Tất cả đơn vị đã báo cáo đúng hạn.');
  });
});

describe('a quarter: units lacking some of its months', () => {
  it('are listed with the months they lack, as the narrative and the summary sheet say', () => {
    const s = fixtureSummary();
    const q3 = { type: 'quarter' as const, year: 2018, index: 3 };
    const rows = s.completeness.rows.map((r) =>
      r.unitCode === 'pa-my'
        ? { ...r, missingMonths: [9] }
        : r.unitCode === 'nam-vi'
          ? { ...r, status: 'missing' as const, missingMonths: [7, 8, 9] }
          : r.unitCode === 'muong-nhe'
            ? { ...r, status: 'missing' as const, missingMonths: [8, 9], formerGaps: [{ name: 'Nậm Vì', months: [9] }] }
            : r,
    );
    const quarter: Summary = { ...s, period: q3, completeness: { ...s.completeness, period: q3, rows } };
    // Nậm Vì sent no month; the others some, so they have reported in part (as the narrative says).
    expect(completenessLists(quarter).missing).toEqual(['Xã Nậm Vì']);
    expect(completenessLists(quarter).partly).toEqual([
      'Xã Mường Nhé (thiếu tháng 8; đơn vị cũ cũng thiếu: Nậm Vì tháng 9)',
      'Xã Pá Mỳ (thiếu tháng 9)',
    ]);
    // September typed in but not sent (before its deadline): said apart from the months lacking.
    const typing = rows.map((r) => (r.unitCode === 'pa-my' ? { ...r, missingMonths: [8, 9], unsentMonths: [9] } : r));
    expect(completenessLists({ ...quarter, completeness: { ...quarter.completeness, rows: typing } }).partly).toContain(
      'Xã Pá Mỳ (thiếu tháng 8; tháng 9 đã nhập số liệu nhưng chưa nộp, số liệu được tính tạm)',
    );
    // A late month of the quarter is named (the latest date may be an on-time month's).
    const late = rows.map((r) =>
      r.unitCode === 'sen-thuong' ? { ...r, status: 'late' as const, submittedOn: '2018-08-16', lateMonths: [9] } : r,
    );
    expect(completenessLists({ ...quarter, completeness: { ...quarter.completeness, rows: late } }).late).toContain(
      'Xã Sen Thượng (tháng 9 nộp muộn)',
    );
    // A month's report: the month is the period, nothing to add.
    expect(completenessLists({ ...quarter, period: s.period }).missing).toContain('Xã Pá Mỳ');
  });

  it('says "chưa rõ ngày nộp", never "nộp muộn", of a unit with figures but no submission date', () => {
    const s = fixtureSummary();
    const rows = s.completeness.rows.map((r) =>
      r.unitCode === 'nam-ke' ? { ...r, status: 'late' as const, submittedOn: null, undatedMonths: [9] } : r,
    );
    const undated = { ...s, completeness: { ...s.completeness, rows } };
    const lists = completenessLists(undated);
    expect(lists.late).toEqual([]);
    expect(lists.undated).toEqual(['Xã Nậm Kè']);
    const text = renderTextReport(undated, catalogue);
    expect(text).toContain(
      'Chưa rõ ngày nộp (có số liệu nhưng không có ngày nộp hợp lệ, không tính là đúng hạn): Xã Nậm Kè',
    );
    expect(text).not.toContain('Báo cáo muộn');
    // In a quarter, a unit late one month and undated another is in both lists, with its months.
    const q3 = { type: 'quarter' as const, year: 2018, index: 3 };
    const both = s.completeness.rows.map((r) =>
      r.unitCode === 'nam-ke' ? { ...r, status: 'late' as const, lateMonths: [7], undatedMonths: [9] } : r,
    );
    const quarter = completenessLists({
      ...s,
      period: q3,
      completeness: { ...s.completeness, period: q3, rows: both },
    });
    expect(quarter.late).toEqual(['Xã Nậm Kè (tháng 7 nộp muộn)']);
    expect(quarter.undated).toEqual(['Xã Nậm Kè (tháng 9)']);
  });
});

describe('the count of findings', () => {
  it('leaves out a count of 0 ("2 lỗi, 3 cảnh báo", not "…, 0 thông tin")', () => {
    const s = fixtureSummary();
    const noInfo = { ...s, findings: s.findings.filter((f) => f.severity !== 'info') };
    const text = renderTextReport(noInfo, catalogue);
    expect(text).toContain('\n2 lỗi, 3 cảnh báo.\n');
    expect(text).not.toContain('0 thông tin');
    const warningsOnly = { ...s, findings: s.findings.filter((f) => f.severity === 'warning') };
    expect(renderTextReport(warningsOnly, catalogue)).toContain('\n3 cảnh báo.\n');
  });
});

describe('the chart of many units', () => {
  const s = provinceChartSummary();
  const ind = s.indicators.find((i) => i.code === 'HND_SXKDG_CONGNHAN') as Summary['indicators'][number];

  it('shows the 10 highest and 10 lowest, ties in Vietnamese order, and counts the others and the units without a figure', () => {
    const c = chartRows(s, catalogue, ind);
    expect(c.rows.map((r) => `${r.label}: ${r.value}`)).toEqual([
      // Ă before Â (code points would put Â first).
      'Xã An Toong: 50',
      'Xã Ẳng Cang: 50',
      'Phường Âng Tở: 50',
      ...[18, 17, 16, 15, 14, 13, 12].map((n) => `Xã Số ${n}: ${n}`),
      // Xã Số 11 and Xã Số 10 are not drawn.
      ...[9, 8, 7, 6, 5, 4, 3, 2].map((n) => `Xã Số ${n}: ${n}`),
      'Xã Dền Sáng: 1',
      'Xã Đà Bắc: 1',
    ]);
    expect(c).toMatchObject({ sorted: true, top: 10, hidden: 2, noData: 3, withFigure: 22 });
  });

  it('keeps a district’s units all, in their order', () => {
    const district = fixtureSummary();
    expect(district.units.length).toBeLessThanOrEqual(CHART_ALL_UNITS);
    const c = chartRows(district, catalogue, chartIndicator(district, catalogue) as Summary['indicators'][number]);
    expect(c.sorted).toBe(false);
    expect(c.rows.map((r) => r.code)).toEqual(district.units.map((u) => u.code));
  });

  it('limits the text e-mail’s lines likewise', () => {
    const text = renderTextReport(s, catalogue);
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('Hộ nông dân được công nhận') && l.includes('theo đơn vị'));
    expect(start).toBeGreaterThan(0);
    const chart = lines.slice(start + 1, lines.indexOf('', start + 1));
    const bars = chart.filter((l) => l.startsWith('- '));
    expect(bars).toHaveLength(20);
    expect(bars[0]).toBe('- Xã An Toong: 50');
    expect(bars[19]).toBe('- Xã Đà Bắc: 1');
    expect(chart).toContain('… 2 đơn vị khác (xem trang "Theo đơn vị" trong bảng tổng hợp)');
    expect(chart.at(-1)).toBe('3 đơn vị chưa có số liệu');
    expect(chart[0]).toBe(
      'Xếp từ cao xuống thấp; 10 đơn vị cao nhất và 10 đơn vị thấp nhất trong 22 đơn vị có số liệu.',
    );
    expect(text).not.toContain('- Xã Ơ Na: chưa có số liệu');
  });
});

describe('"so cùng kỳ" not like for like (a unit without this period’s figure)', () => {
  const footnote =
    '* So sánh chưa đầy đủ: 1 đơn vị có số liệu cùng kỳ năm trước nhưng năm nay còn thiếu số liệu; ' +
    'số tăng, giảm gồm cả phần chênh lệch do thiếu báo cáo.';
  it('marks the change and adds one footnote under the key figures', () => {
    const s = fixtureSummary();
    const luot = s.indicators.find((i) => i.code === 'TCD_LUOT') as Summary['indicators'][number];
    luot.unevenYtd = { lastYearOnly: ['pa-my'], thisYearOnly: [] };
    const lines = renderTextReport(s, catalogue).split('\n');
    const row = lines.find((l) => l.startsWith('- Lượt tiếp công dân:'));
    expect(row).toMatch(/so cùng kỳ năm trước: ↓ giảm 4 lượt \(12,9%\) \*\.$/);
    const i = lines.indexOf(footnote);
    expect(i).toBeGreaterThan(lines.indexOf(row as string));
    expect(lines.filter((l) => l.startsWith('* '))).toHaveLength(1);
    expect(lines[i - 1].startsWith('- ')).toBe(true); // right under the key figures
  });
  it('counts each unit once, and the units the other way round', () => {
    const s = fixtureSummary();
    for (const i of s.indicators) i.unevenYtd = { lastYearOnly: ['pa-my', 'nam-vi'], thisYearOnly: ['sin-thau'] };
    expect(renderTextReport(s, catalogue)).toContain(
      '* So sánh chưa đầy đủ: 2 đơn vị có số liệu cùng kỳ năm trước nhưng năm nay còn thiếu số liệu (và 1 đơn vị ngược lại);',
    );
  });
  it('has no marker when every unit has both years', () => {
    const text = renderTextReport(fixtureSummary(), catalogue);
    expect(text).not.toContain('So sánh chưa đầy đủ');
    expect(text).not.toMatch(/\) \*\.$/m);
  });
});
