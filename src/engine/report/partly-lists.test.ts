/**
 * In a quarter or longer, the e-mails (text and HTML) list a commune that sent some months under
 * "Mới báo cáo một phần" with the months it lacks, apart from those that sent nothing, "Chưa báo
 * cáo", as the narrative names them: a district officer reading "Chưa báo cáo" phones the commune.
 * When the narrative cuts its list short, "xem danh sách đầy đủ" leads to a section naming them all.
 * A month reads as before.
 */
import { aggregate } from '../aggregate/aggregate';
import { sentMonths, summaryOfSent, unit, unitYear } from '../aggregate/test-helpers';
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import type { Period, Summary } from '../types';
import { renderHtmlReport } from './html';
import { buildSummaryWorkbook } from './summary-workbook';
import { renderTextReport } from './text';

const CATALOGUE = defaultCatalogue();
const Q3: Period = { type: 'quarter', year: 2018, index: 3 };
const AUGUST: Period = { type: 'month', year: 2018, index: 8 };

const report = sentMonths;
const summary = summaryOfSent;

/** The text e-mail's completeness section, up to the next heading. */
function textCompleteness(s: Summary): string {
  const text = renderTextReport(s, CATALOGUE);
  const from = text.indexOf('TÌNH HÌNH GỬI BÁO CÁO');
  return text.slice(from, text.indexOf('\n\n', from + 1) + 1 || undefined);
}

/** The HTML e-mail's words, tags dropped: "Chưa báo cáo:" then the names of its list. */
function htmlWords(s: Summary): string {
  return renderHtmlReport(s, CATALOGUE)
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('quarter III/2018: B lacks August, C sent nothing', () => {
  const s = summary(Q3, { a: [7, 8, 9], b: [7, 9], c: [] });

  it('the narrative, as before: C not reported, B in part', () => {
    expect(s.narrative[0]).toContain('chưa báo cáo: xã C; mới báo cáo một phần: xã B (thiếu tháng 8)');
  });

  it('the text e-mail lists them under their own headings', () => {
    const section = textCompleteness(s);
    expect(section).toContain('\nChưa báo cáo: Xã C\n');
    expect(section).toContain('\nMới báo cáo một phần: Xã B (thiếu tháng 8)\n');
    expect(section).not.toMatch(/Chưa báo cáo:[^\n]*Xã B/);
  });

  it('the HTML e-mail too', () => {
    const words = htmlWords(s);
    expect(words).toContain('Chưa báo cáo: Xã C Mới báo cáo một phần: Xã B (thiếu tháng 8)');
    expect(words).not.toMatch(/Chưa báo cáo: [^:]*Xã B/);
  });

  it('the summary workbook: B "Thiếu tháng 8", C "Chưa báo cáo" in the completeness table', () => {
    const [total] = buildSummaryWorkbook(s, CATALOGUE).sheets;
    const status = (name: string) => total.rows.find((r) => r[1]?.v === name)?.[2]?.v;
    expect([status('Xã A'), status('Xã B'), status('Xã C')]).toEqual(['Đúng hạn', 'Thiếu tháng 8', 'Chưa báo cáo']);
  });
});

describe('quarter III/2018 of a province, 14 communes lacking August, 13 nothing', () => {
  const pad = (i: number) => String(i).padStart(2, '0');
  const sent: Record<string, number[]> = {};
  for (let i = 1; i <= 30; i++) sent[`x${pad(i)}`] = i <= 3 ? [7, 8, 9] : i <= 17 ? [7, 9] : [];
  const s = summary(Q3, sent);

  it('the narrative cuts the lists short and points to the full ones', () => {
    expect(s.narrative[0]).toContain(
      'mới báo cáo một phần: xã X04 (thiếu tháng 8), xã X05 (thiếu tháng 8), xã X06 (thiếu tháng 8) ' +
        'và 11 đơn vị khác (xem danh sách đầy đủ ở phần tình hình gửi báo cáo)',
    );
  });

  it('the e-mails name every one of them, in part or not reported', () => {
    const partly = Array.from({ length: 14 }, (_, i) => `Xã X${pad(i + 4)} (thiếu tháng 8)`).join('; ');
    const none = Array.from({ length: 13 }, (_, i) => `Xã X${pad(i + 18)}`).join('; ');
    const section = textCompleteness(s);
    expect(section).toContain(`\nMới báo cáo một phần: ${partly}\n`);
    expect(section).toContain(`\nChưa báo cáo: ${none}\n`);
    const words = htmlWords(s);
    expect(words).toContain(`Mới báo cáo một phần: ${partly.replace(/; /g, ' ')}`);
    expect(words).toContain(`Chưa báo cáo: ${none.replace(/; /g, ' ')} Mới báo cáo một phần`);
  });
});

describe('quarter III/2018 on 16 September: September typed in, not sent', () => {
  // B sent July and August and typed September; C typed September only.
  const typed = (code: string, sent: number[]) =>
    unitYear(code, 2018, {
      values: { TCD_LUOT: Object.fromEntries([...sent, 9].map((m) => [m, 2])) },
      submitted: Object.fromEntries(sent.map((m) => [m, `2018-0${m}-15`])),
    });
  const s = aggregate({
    catalogue: CATALOGUE,
    units: [unit('a', 'A'), unit('b', 'B'), unit('c', 'C')],
    settings: defaultSettings(),
    period: Q3,
    current: [report('a', [7, 8, 9]), typed('b', [7, 8]), typed('c', [])],
    previous: [],
    findings: [],
    generatedAt: '2018-09-16T03:00:00Z',
  });
  const unsent = 'tháng 9 đã nhập số liệu nhưng chưa nộp, số liệu được tính tạm';

  it('the narrative and the e-mail: B in part, C not reported', () => {
    expect(s.narrative[0]).toContain(`mới báo cáo một phần: xã B (${unsent})`);
    const section = textCompleteness(s);
    expect(section).toContain(`\nMới báo cáo một phần: Xã B (${unsent})\n`);
    expect(section).toContain(`\nChưa báo cáo: Xã C (thiếu tháng 7, 8; ${unsent})\n`);
  });

  it('the workbook does not call B, which sent two months, "Chưa báo cáo"; C, which sent none, is', () => {
    const [total, byUnit] = buildSummaryWorkbook(s, CATALOGUE).sheets;
    const b = total.rows.find((r) => r[1]?.v === 'Xã B') ?? [];
    expect(b[2]).toEqual({ v: 'Mới báo cáo một phần', s: 'warning' });
    expect(b[4]?.v).toBe(
      'Đã nhập số liệu tháng 9 nhưng chưa nộp (chưa hết hạn); số liệu đã nhập được tính tạm vào tổng hợp',
    );
    const status = byUnit.rows.find((r) => r.some((c) => c?.v === 'Tình trạng báo cáo')) ?? [];
    expect(status.slice(3, 6).map((c) => c?.v)).toEqual(['Đúng hạn', 'Mới báo cáo một phần', 'Chưa báo cáo']);
    // C's months lacking and typed in are in "Ghi chú", as the e-mail's bracket says them.
    const c = total.rows.find((r) => r[1]?.v === 'Xã C') ?? [];
    expect(c[2]).toEqual({ v: 'Chưa báo cáo', s: 'error' });
    expect(c[4]?.v).toBe(
      'Chưa có số liệu tháng 7, 8; Đã nhập số liệu tháng 9 nhưng chưa nộp (chưa hết hạn); số liệu đã nhập được tính tạm vào tổng hợp',
    );
  });
});

describe('quarter III/2018 with a file not read, whose unit is not known', () => {
  // The district keeps each month's copy of a workbook: September's of B may be the file not read.
  const withFile = (s: Summary): Summary => ({ ...s, unattributedFiles: ['/nhan/xa-b-T9.xlsx'] });
  const line = (who: string) =>
    `1 tệp không đọc được, chưa rõ của đơn vị nào: xa-b-T9.xlsx (đơn vị ${who} có thể đã gửi một trong các tệp này)`;

  it('says a unit "mới báo cáo một phần" may have sent it', () => {
    const s = withFile(summary(Q3, { a: [7, 8, 9], b: [7, 8] }));
    expect(renderTextReport(s, CATALOGUE)).toContain(line('mới báo cáo một phần'));
    expect(htmlWords(s)).toContain(line('mới báo cáo một phần'));
  });

  it('or one "chưa báo cáo", when there are both', () => {
    const s = withFile(summary(Q3, { a: [7, 8, 9], b: [7, 8], c: [] }));
    expect(renderTextReport(s, CATALOGUE)).toContain(line('chưa báo cáo hoặc mới báo cáo một phần'));
  });

  it('a month, as before', () => {
    const s = withFile(summary(AUGUST, { a: [7, 8, 9], b: [7] }));
    expect(renderTextReport(s, CATALOGUE)).toContain(line('chưa báo cáo'));
  });
});

describe('a month: as before', () => {
  const s = summary(AUGUST, { a: [7, 8, 9], b: [7, 9], c: [] });

  it('August: B and C "Chưa báo cáo", no list "in part"', () => {
    expect(textCompleteness(s)).toContain('\nChưa báo cáo: Xã B; Xã C\n');
    const words = htmlWords(s);
    expect(words).toContain('Chưa báo cáo: Xã B Xã C');
    for (const t of [renderTextReport(s, CATALOGUE), words]) expect(t).not.toContain('một phần');
  });
});
