/**
 * In a quarter or longer, a commune that sent some months has reported, in part: the narrative
 * names it apart ("mới báo cáo một phần: xã B (thiếu tháng 8)"), not among those that have not
 * reported at all ("chưa báo cáo"), whom the district phones first. A month reads as before.
 */
import { aggregate } from '../aggregate/aggregate';
import { sentMonths, summaryOfSent, unit, unitYear } from '../aggregate/test-helpers';
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import type { Period, UnitYear } from '../types';

const CATALOGUE = defaultCatalogue();
const Q3: Period = { type: 'quarter', year: 2018, index: 3 };
const AUGUST: Period = { type: 'month', year: 2018, index: 8 };

const report = sentMonths;

/** The completeness paragraph of `period` made on 20 October 2018, `sent` the months each unit sent. */
function completeness(period: Period, sent: Record<string, number[]>, previous: UnitYear[] = []): string {
  return summaryOfSent(period, sent, { previous }).narrative[0];
}

describe('quarter III/2018', () => {
  it('names a commune without August apart from one that sent nothing', () => {
    const text = completeness(Q3, { a: [7, 8, 9], b: [7, 9], c: [] });
    expect(text).toBe(
      'Đến ngày 20/10/2018, 1/3 xã đã gửi báo cáo (tỷ lệ 33,3%), 1 xã đúng hạn; ' +
        'chưa báo cáo: xã C; mới báo cáo một phần: xã B (thiếu tháng 8).',
    );
  });

  it('has no "chưa báo cáo" when every commune missing months sent some', () => {
    const text = completeness(Q3, { a: [7, 8, 9], b: [7, 9], c: [7] });
    expect(text).toBe(
      'Đến ngày 20/10/2018, 1/3 xã đã gửi báo cáo (tỷ lệ 33,3%), 1 xã đúng hạn; ' +
        'mới báo cáo một phần: xã B (thiếu tháng 8), xã C (thiếu tháng 8, 9).',
    );
    expect(text).not.toContain('chưa báo cáo');
  });

  it('refers to the communes "chưa báo cáo" with last year’s figures without naming them twice', () => {
    const lastYear = ['a', 'b', 'c', 'd'].map((c) => report(c, [7, 8, 9], 2017));
    const text = completeness(Q3, { a: [7, 8, 9], b: [7, 9], c: [], d: [] }, lastYear);
    expect(text).toContain('chưa báo cáo: xã C, xã D; mới báo cáo một phần: xã B (thiếu tháng 8).');
    expect(text).toContain(
      'Lưu ý: các xã chưa báo cáo có số liệu cùng kỳ năm trước; ' +
        'xã B có số liệu cùng kỳ năm trước nhưng chưa có đủ số liệu quý III/2018,',
    );
  });
});

describe('quarter III/2018 on 16 September, September typed in but not sent yet', () => {
  it('a commune that sent July is in part; one that sent no month is not, whatever it typed', () => {
    // B sent July, C nothing; both typed September in, undated (its deadline not passed).
    const typed = (code: string, sent: number[]) =>
      unitYear(code, 2018, {
        values: { TCD_LUOT: Object.fromEntries([...sent, 9].map((m) => [m, 2])) },
        submitted: Object.fromEntries(sent.map((m) => [m, `2018-${String(m).padStart(2, '0')}-15`])),
      });
    const text = aggregate({
      catalogue: CATALOGUE,
      units: [unit('a', 'A'), unit('b', 'B'), unit('c', 'C')],
      settings: defaultSettings(),
      period: Q3,
      current: [report('a', [7, 8, 9]), typed('b', [7]), typed('c', [])],
      previous: [],
      findings: [],
      generatedAt: '2018-09-16T03:00:00Z',
    }).narrative[0];
    const unsent = 'tháng 9 đã nhập số liệu nhưng chưa nộp, số liệu được tính tạm';
    expect(text).toContain(`; chưa báo cáo: xã C (thiếu tháng 7, 8; ${unsent}); `);
    expect(text).toContain(`; mới báo cáo một phần: xã B (thiếu tháng 8; ${unsent}).`);
  });
});

describe('a month: as before', () => {
  it('August, the communes without it "chưa báo cáo"', () => {
    const text = completeness(AUGUST, { a: [7, 8, 9], b: [7, 9], c: [] });
    expect(text).toBe(
      'Đến ngày 20/10/2018, 1/3 xã đã gửi báo cáo (tỷ lệ 33,3%), 1 xã đúng hạn; chưa báo cáo: xã B, xã C.',
    );
  });
});
