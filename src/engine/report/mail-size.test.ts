/**
 * The e-mail of a province (166 communes, Thanh Hóa's size) for a quarter, every commune writing
 * an ordinary paragraph of difficulties every month: bounded by construction, under Gmail's clip
 * (~102 KB of HTML) and well under MailApp's body limit, with "Kiểm tra số liệu" shown.
 */
import { syntheticUnits, unitSheet } from '../../../bench/gen';
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import { narrate } from '../narrative/narrative';
import { summarise } from '../pipeline';
import type { Summary } from '../types';
import { fixtureSummary } from './fixtures';
import { renderHtmlReport } from './html';
import { buildSummaryWorkbook } from './summary-workbook';
import { MAIL_NOTE_LENGTH, MAIL_REMARKS, noteLines, renderTextReport } from './text';

const catalogue = defaultCatalogue();
const PARAGRAPH =
  'Đường liên thôn bị sạt lở sau mưa lớn, đi lại của bà con và học sinh gặp nhiều khó khăn; đề nghị cấp trên ' +
  'hỗ trợ kinh phí khắc phục. Kinh phí hoạt động của Mặt trận và các đoàn thể còn hạn hẹp, chưa đáp ứng "yêu cầu" ' +
  'nhiệm vụ; một số chi hội chưa có nơi sinh hoạt. Đề nghị tăng cường tập huấn nghiệp vụ cho cán bộ cơ sở & ' +
  'sớm ban hành hướng dẫn sau sắp xếp đơn vị hành chính, nhất là việc bàn giao hồ sơ, con dấu của các chi hội. ';

function province(remarks = false): Summary {
  const units = syntheticUnits(166);
  const workbooks = units.map((unit, i) => ({
    source: `${unit.code}.xlsx`,
    sheets: [2024, 2025].map((y) => unitSheet(catalogue, unit, i, y).input),
  }));
  const settings = { ...defaultSettings(), aggregatingUnitName: 'Thanh Hóa', level: 'tỉnh', scopeLabel: 'toàn tỉnh' };
  const { summary } = summarise({
    catalogue,
    units,
    settings,
    period: { type: 'quarter', year: 2025, index: 3 },
    workbooks,
    generatedAt: '2025-10-05T02:00:00Z',
  });
  const ind = summary.indicators.find((i) => i.kind === 'note');
  if (!ind) throw new Error('no note indicator');
  ind.notes = units.flatMap((u) =>
    [7, 8, 9].map((month) => ({ unitCode: u.code, unitName: u.name, month, text: `Tháng ${month}: ${PARAGRAPH}` })),
  );
  // Every commune also writes in the "Ghi chú" column: a request beside the notes row, and a
  // caveat beside two figures.
  const figures = summary.indicators.filter((i) => i.kind !== 'note').slice(0, 2);
  if (remarks)
    summary.remarks = units.flatMap((u) =>
      [ind, ...figures].map((i, x) => ({
        unitCode: u.code,
        unitName: u.name,
        unitKind: u.kind,
        file: `${u.code}.xlsx`,
        sheet: u.name,
        indicatorCode: i.code,
        cell: `R${20 + x}`,
        text: i === ind ? `Ghi chú: ${PARAGRAPH}` : `Số liệu tạm tính. ${PARAGRAPH}`,
      })),
    );
  summary.narrative = narrate(summary, catalogue);
  return summary;
}

describe('the e-mail of a province for a quarter', () => {
  const summary = province(true);
  const html = renderHtmlReport(summary, catalogue);
  const text = renderTextReport(summary, catalogue);

  it('stays under Gmail’s clip and MailApp’s body limit', () => {
    expect(PARAGRAPH.length).toBeGreaterThan(400);
    expect(Buffer.byteLength(html)).toBeLessThan(100_000);
    expect(Buffer.byteLength(html) + Buffer.byteLength(text)).toBeLessThan(190_000);
  });

  it('shows "Kiểm tra số liệu" before the notes, and says how many notes are left out and where they are', () => {
    for (const [body, checks, notes] of [
      [html, />Kiểm tra số liệu</, />Khó khăn, vướng mắc, kiến nghị của cơ sở</],
      [text, /^KIỂM TRA SỐ LIỆU$/m, /^KHÓ KHĂN, VƯỚNG MẮC, KIẾN NGHỊ CỦA CƠ SỞ$/m],
    ] as const) {
      expect(body.search(checks)).toBeGreaterThan(0);
      expect(body.search(notes)).toBeGreaterThan(body.search(checks));
    }
    expect(html).toMatch(
      /… và \d+ ý kiến khác \(gồm ý kiến các tháng trước trong kỳ\) — xem đủ ở trang &quot;Tổng hợp 2025-Q3&quot; trong bảng tổng hợp kèm theo\./,
    );
    expect(text).toMatch(
      /… và \d+ ý kiến khác \(gồm ý kiến các tháng trước trong kỳ\) — xem đủ ở trang "Tổng hợp 2025-Q3"/,
    );
  });

  it('shows a unit’s latest note of the quarter, not its earlier months', () => {
    expect(html).toContain('tháng 9): Tháng 9: Đường liên thôn');
    expect(html).not.toContain('tháng 7): Tháng 7:');
    expect(text).not.toContain('tháng 8): Tháng 8:');
  });

  it('keeps every note in full in the summary sheet', () => {
    const main = buildSummaryWorkbook(summary, catalogue).sheets[0];
    const cells = main.rows.flatMap((r) => r.map((c) => c?.v));
    // Three months' notes and the request in the "Ghi chú" column of each commune.
    expect(noteLines(summary)).toHaveLength(166 * 4);
    for (const line of noteLines(summary)) expect(cells).toContain(line);
  });

  it('shows a few remarks beside figures after the notes, and how many more there are', () => {
    for (const body of [html, text]) {
      const more = Number(/… và (\d+) ghi chú khác — xem đủ ở trang/.exec(body)?.[1]);
      expect(more).toBeGreaterThanOrEqual(166 * 2 - MAIL_REMARKS);
      expect(more).toBeLessThan(166 * 2);
    }
    expect(text.search(/^GHI CHÚ CỦA CƠ SỞ BÊN CẠNH SỐ LIỆU$/m)).toBeGreaterThan(text.search(/^KHÓ KHĂN, VƯỚNG MẮC/m));
  });
});

test('a long note is cut in the e-mail with "…", and the e-mail says where it is in full', () => {
  const summary = province();
  const ind = summary.indicators.find((i) => i.kind === 'note');
  ind!.notes = [
    { unitCode: summary.units[0].code, unitName: summary.units[0].name, month: 9, text: PARAGRAPH.repeat(5) },
  ];
  const text = renderTextReport(summary, catalogue);
  const line = text.split('\n').find((l) => l.includes('Đường liên thôn'));
  expect(line).toBeDefined();
  expect(line!.length).toBeLessThan(MAIL_NOTE_LENGTH + 60);
  expect(line).toMatch(/…$/);
  expect(text).toContain('Ý kiến dài được trích một phần — xem đủ ở trang "Tổng hợp 2025-Q3"');
});

test('notes and remarks of characters that grow when escaped or encoded keep the e-mail under Gmail’s clip', () => {
  const summary = province(true);
  const ind = summary.indicators.find((i) => i.kind === 'note');
  for (const n of ind!.notes ?? []) n.text = '"<&> 漢字 ự'.repeat(100);
  for (const r of summary.remarks ?? []) r.text = '"<&> 漢字 ự'.repeat(100);
  const html = renderHtmlReport(summary, catalogue);
  expect(Buffer.byteLength(html)).toBeLessThan(100_000);
  expect(html).toMatch(/… và \d+ ý kiến khác/);
  expect(html).toMatch(/… và \d+ ghi chú khác/);
});

test('a quarter’s notes: each unit’s latest shown, the earlier months counted and pointed to', () => {
  const s = fixtureSummary();
  s.period = { type: 'quarter', year: 2018, index: 3 };
  const ind = s.indicators.find((i) => i.kind === 'note');
  const units = s.units.slice(0, 2);
  ind!.notes = units.flatMap((u) =>
    [7, 9, 8].map((month) => ({ unitCode: u.code, unitName: u.name, month, text: `Ý kiến tháng ${month}` })),
  );
  const text = renderTextReport(s, catalogue);
  const notes = text.slice(text.indexOf('KHÓ KHĂN, VƯỚNG MẮC'));
  expect(notes.match(/^- .*$/gm)).toEqual([
    expect.stringContaining('(tháng 9): Ý kiến tháng 9.'),
    expect.stringContaining('(tháng 9): Ý kiến tháng 9.'),
    '- … và 4 ý kiến khác (gồm ý kiến các tháng trước trong kỳ) — xem đủ ở trang "Tổng hợp 2018-Q3" trong bảng tổng hợp kèm theo.',
  ]);
});
