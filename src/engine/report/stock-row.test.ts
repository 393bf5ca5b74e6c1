/**
 * A stock ("lũy kế") in the key figures: B has not reported September, its August figure is carried
 * into the figure "đến nay" (35) while the month's total (15) leaves it out. The e-mail shows the
 * stock once, "đến nay", marked "†" with whose figure it holds; its "so cùng kỳ" (both years count
 * B) has no "*", which stays for a flow lacking B's September. A unit with no figure this year (D) has
 * last year's carried (aggregate's carryLastYear), named with its month: both years count it.
 */
import { aggregate } from '../aggregate/aggregate';
import { unit, unitYear } from '../aggregate/test-helpers';
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import type { UnitYear } from '../types';
import { escapeHtml } from './escape';
import { renderHtmlReport } from './html';
import type { SheetModel } from './model';
import { buildSummaryWorkbook } from './summary-workbook';
import { renderTextReport } from './text';

const CATALOGUE = defaultCatalogue();
const STOCK = 'Hộ nông dân được công nhận sản xuất, kinh doanh giỏi các cấp (lũy kế)';
const FLOW = 'Lượt tiếp công dân';

const now = (code: string, m: number, stock: number, flow: number): UnitYear =>
  unitYear(code, 2018, {
    values: { HND_SXKDG_CONGNHAN: { [m]: stock }, TCD_LUOT: { [m]: flow } },
    submitted: { [m]: `2018-0${m}-16` },
  });
const before = (code: string, stock: number, flow: number | null): UnitYear =>
  unitYear(code, 2017, {
    values: { HND_SXKDG_CONGNHAN: { 9: stock }, ...(flow === null ? {} : { TCD_LUOT: { 9: flow } }) },
  });

/** A, C reported September; B only August. `withD`: D had last year's stock figure, none this year. */
function summary(withD = false) {
  const units = ['a', 'b', 'c', ...(withD ? ['d'] : [])].map((c) => unit(c, c.toUpperCase()));
  return aggregate({
    catalogue: CATALOGUE,
    units,
    settings: defaultSettings(),
    period: { type: 'month', year: 2018, index: 9 },
    current: [now('a', 9, 10, 2), now('b', 8, 20, 3), now('c', 9, 5, 1)],
    previous: [before('a', 8, 1), before('b', 18, 1), before('c', 4, 1), ...(withD ? [before('d', 6, null)] : [])],
    findings: [],
    generatedAt: '2018-09-20T03:00:00Z',
  });
}

const carriedNote = '† Gồm số đã báo cáo trước đó của xã B (số tháng 8/2018), chưa có số liệu tháng 9/2018.';
const legend = '— Chỉ tiêu lũy kế: chỉ ghi số đến nay (hết tháng 9/2018), so với cùng thời điểm năm trước.';
const footnote = (n: number) =>
  `* So sánh chưa đầy đủ: ${n} đơn vị có số liệu cùng kỳ năm trước nhưng năm nay còn thiếu số liệu; ` +
  'số tăng, giảm gồm cả phần chênh lệch do thiếu báo cáo.';

/** The key figures table's cells of the row of `label` (after the label), tags of the cells dropped. */
function htmlRow(html: string, label: string): string[] {
  const m = new RegExp(`<tr><td style="[^"]*">${escapeHtml(label).replace(/[()]/g, '\\$&')}</td>(.*?)</tr>`).exec(html);
  if (!m) throw new Error(`no row ${label}`);
  return m[1]
    .split('</td>')
    .filter(Boolean)
    .map((c) => c.replace(/<br>/g, ' ').replace(/<[^>]*>/g, ''));
}

describe('a stock in the key figures of the HTML e-mail', () => {
  it('shows the stock once, "đến nay" marked †, the month’s cell "—", its "so cùng kỳ" unmarked', () => {
    const html = renderHtmlReport(summary(), CATALOGUE);
    expect(htmlRow(html, STOCK)).toEqual(['—', '35 hộ đến nay †', '↑ tăng 5 hộ (16,7%)']);
    // The flow lacks B's September: its change is marked.
    expect(htmlRow(html, FLOW)).toEqual(['3 lượt', '6 lượt', '↑ tăng 3 lượt (100%) *']);
    const table = html.slice(html.indexOf('>Chỉ tiêu chủ yếu<'), html.indexOf('>Tình hình gửi báo cáo<'));
    expect(table).not.toContain('15 hộ');
    const notes = [...table.matchAll(/<p [^>]*>([^<]*)<\/p>/g)].map((m) => m[1]);
    expect(notes).toEqual([legend, carriedNote, footnote(1)]);
  });

  it('carries last year’s figure of a unit with none this year, named with its month; the change stays unmarked', () => {
    const html = renderHtmlReport(summary(true), CATALOGUE);
    expect(htmlRow(html, STOCK)).toEqual(['—', '41 hộ đến nay †', '↑ tăng 5 hộ (13,9%)']);
    // Each unit with its own month: B's is this August's, D's last September's.
    expect(html).toContain(
      '† Gồm số đã báo cáo trước đó của xã B (số tháng 8/2018); xã D (số tháng 9/2017), chưa có số liệu tháng 9/2018.',
    );
    expect(html).toContain(footnote(1));
  });
});

describe('a stock in the key figures of the text e-mail', () => {
  it('says the stock once, "đến nay" marked †, against the same point last year, unmarked', () => {
    const lines = renderTextReport(summary(), CATALOGUE).split('\n');
    const i = lines.indexOf(`- ${STOCK}: đến nay: 35 hộ †; so cùng thời điểm năm trước: ↑ tăng 5 hộ (16,7%).`);
    expect(i).toBeGreaterThan(0);
    expect(lines).toContain(
      `- ${FLOW}: tháng 9/2018: 3 lượt; từ đầu năm: 6 lượt; so cùng kỳ năm trước: ↑ tăng 3 lượt (100%) *.`,
    );
    const carried = lines.indexOf(carriedNote);
    expect(carried).toBeGreaterThan(i);
    expect(lines[carried + 1]).toBe(footnote(1));
    expect(lines.some((l) => l.includes('15 hộ'))).toBe(false);
  });
});

describe('the text e-mail’s footer', () => {
  it('ends with the signature delimiter "-- " before the footer', () => {
    const lines = renderTextReport(summary(), CATALOGUE).trimEnd().split('\n');
    expect(lines.at(-2)).toBe('-- ');
  });
});

describe('a stock on the "Tổng hợp" sheet', () => {
  const at = (sheet: SheetModel, r: number, c: number) => sheet.rows[r - 1]?.[c - 1];
  const rowOf = (sheet: SheetModel, text: string) =>
    sheet.rows.findIndex((r) => r.some((c) => typeof c?.v === 'string' && c.v.startsWith(text))) + 1;

  it('marks the figure so far †, says both figures under the table, and the year to date’s change is unmarked', () => {
    const main = buildSummaryWorkbook(summary(), CATALOGUE).sheets[0];
    const r = rowOf(main, STOCK);
    // Both figures kept (numbers for sums), the one so far marked.
    expect(at(main, r, 4)).toEqual({ v: 15, s: 'integer' });
    expect(at(main, r, 5)).toEqual({ v: 35, s: 'integerCarried' });
    // The month's total lacks B: that change is not like for like; the one so far is.
    expect(at(main, r, 7)?.s).toBe('integerUneven');
    expect([at(main, r, 10), at(main, r, 11)?.s]).toEqual([{ v: 5, s: 'integer' }, 'percent']);
    const carried = rowOf(main, '† ');
    expect(String(at(main, carried, 1)?.v)).toBe(
      `† Số đến nay của chỉ tiêu "${STOCK}" (cột "Từ đầu năm") gồm số đã báo cáo trước đó của xã B (số tháng 8/2018), ` +
        'chưa có số liệu tháng 9/2018; số kỳ báo cáo chỉ gồm các đơn vị có số liệu tháng 9/2018.',
    );
    expect(rowOf(main, '* So sánh')).toBe(carried + 1);
    expect(carried).toBeLessThan(rowOf(main, 'TÌNH HÌNH GỬI BÁO CÁO'));
    // Said once in the sheet.
    expect(main.rows.flat().filter((c) => String(c?.v ?? '').includes('Số đến nay của'))).toHaveLength(1);
  });
});
