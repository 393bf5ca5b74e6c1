/**
 * A report of a period that is over (quarter II made in November, March re-sent in May) says its
 * figures stop at the period's end — "Tính chung 6 tháng đầu năm 2025", "Đến hết tháng 6/2025" —
 * not "đến nay", in the narrative, the HTML and text e-mails and the summary workbook alike; while
 * the period's figures are still the latest, "đến nay" stays.
 */
import { aggregate } from '../aggregate/aggregate';
import { unit, unitYear } from '../aggregate/test-helpers';
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import type { Period, UnitYear } from '../types';
import { renderHtmlReport } from './html';
import { buildSummaryWorkbook } from './summary-workbook';
import { renderTextReport } from './text';

const CATALOGUE = defaultCatalogue();
const STOCK = 'Hộ nông dân được công nhận sản xuất, kinh doanh giỏi các cấp (lũy kế)';
const units = [unit('a', 'A'), unit('b', 'B')];

/**
 * A report of `year` with a flow (citizens received) and a stock each month 1 … `last` but those
 * `skipped`, each dated.
 */
const report = (code: string, last: number, year = 2025, skipped: number[] = []): UnitYear => {
  const months = Array.from({ length: last }, (_, i) => i + 1).filter((m) => !skipped.includes(m));
  return unitYear(code, year, {
    values: {
      TCD_LUOT: Object.fromEntries(months.map((m) => [m, 2])),
      HND_SXKDG_CONGNHAN: Object.fromEntries(months.map((m) => [m, m])),
    },
    submitted: Object.fromEntries(months.map((m) => [m, `${year}-${String(m).padStart(2, '0')}-15`])),
  });
};

function summary(period: Period, generatedAt: string, last: number, current?: UnitYear[], previous: UnitYear[] = []) {
  return aggregate({
    catalogue: CATALOGUE,
    units,
    settings: defaultSettings(),
    period,
    current: current ?? [report('a', last), report('b', last)],
    previous,
    findings: [],
    generatedAt,
  });
}

/** Every text the renderings show: narrative, HTML, text e-mail and the workbook's cells. */
function texts(s: ReturnType<typeof summary>) {
  const cells = buildSummaryWorkbook(s, CATALOGUE)
    .sheets.flatMap((sheet) => sheet.rows.flatMap((r) => r.map((c) => c?.v)))
    .filter((v): v is string => typeof v === 'string');
  return {
    narrative: s.narrative.join('\n'),
    html: renderHtmlReport(s, CATALOGUE),
    text: renderTextReport(s, CATALOGUE),
    cells,
  };
}

const Q2: Period = { type: 'quarter', year: 2025, index: 2 };
const MARCH: Period = { type: 'month', year: 2025, index: 3 };

describe('quarter II/2025 made in November: its figures stop at the end of June', () => {
  const t = texts(summary(Q2, '2025-11-20T03:00:00Z', 6));

  it('the narrative says "6 tháng đầu năm" and "đến hết tháng 6/2025", never "đến nay"', () => {
    expect(t.narrative).toContain('Tính chung 6 tháng đầu năm 2025, toàn huyện');
    expect(t.narrative).toContain('Đến hết tháng 6/2025, toàn huyện');
    expect(t.narrative.toLowerCase()).not.toContain('đến nay');
  });

  it('the e-mails and the workbook say it alike', () => {
    expect(t.html).toContain('đến hết tháng 6/2025');
    expect(t.html.toLowerCase()).not.toContain('đến nay');
    expect(t.text).toContain(`- ${STOCK}: đến hết tháng 6/2025: `);
    expect(t.text.toLowerCase()).not.toContain('đến nay');
    expect(t.cells).toContain('Từ đầu năm đến hết tháng 6/2025 (chỉ tiêu lũy kế: số tại thời điểm đó)');
    expect(t.cells.filter((c) => c.toLowerCase().includes('đến nay'))).toEqual([]);
  });

  it('says up to when "từ đầu năm" runs: the key lines, the e-mail table and the workbook headers', () => {
    expect(t.text).toContain('- Lượt tiếp công dân: quý II/2025: 12 lượt; từ đầu năm đến hết tháng 6/2025: 24 lượt;');
    expect(t.html).toContain('>Từ đầu năm đến hết tháng 6/2025</th>');
    expect(t.html).toContain('>So cùng kỳ năm trước (từ đầu năm đến hết tháng 6/2025)</th>');
    expect(t.cells).toContain('Tăng/giảm lũy kế so cùng kỳ (từ đầu năm đến hết tháng 6/2025)');
    // No "từ đầu năm" left without its end, in the e-mails or the workbook.
    for (const all of [t.text, t.html, t.cells.join('\n')])
      expect(all.toLowerCase().match(/từ đầu năm(?! đến hết tháng 6\/2025)/g)).toBeNull();
  });
});

describe('quarter II/2025 made in November, xã B without February, which 2024 had', () => {
  const lastYear = [report('a', 6, 2024), report('b', 6, 2024)];
  const t = texts(summary(Q2, '2025-11-20T03:00:00Z', 6, [report('a', 6), report('b', 6, 2025, [2])], lastYear));

  it('the caveat on the year to date says up to when', () => {
    expect(t.narrative).toContain(
      'Lưu ý: từ đầu năm đến hết tháng 6/2025, xã B (tháng 2) chưa có số liệu các tháng đã có cùng kỳ năm trước, ' +
        'nên số tăng, giảm so cùng kỳ của số liệu từ đầu năm đến hết tháng 6/2025 dưới đây chưa so sánh được đầy đủ.',
    );
    for (const all of [t.narrative, t.text, t.html, t.cells.join('\n')])
      expect(all.toLowerCase().match(/từ đầu năm(?! đến hết tháng 6\/2025)/g)).toBeNull();
  });
});

describe('quarter II/2025 made in July, before July’s cut-off: its figures are the latest, "đến nay"', () => {
  const t = texts(summary(Q2, '2025-07-10T03:00:00Z', 6));

  it('says "Từ đầu năm đến nay" and "Đến nay" everywhere', () => {
    expect(t.narrative).toContain('Từ đầu năm đến nay, toàn huyện');
    expect(t.narrative).toContain('Đến nay, toàn huyện');
    expect(t.text).toContain(`- ${STOCK}: đến nay: `);
    expect(t.html).toContain('đến nay');
    expect(t.cells).toContain('Từ đầu năm (chỉ tiêu lũy kế: số đến nay)');
    expect(`${t.narrative}${t.html}${t.text}${t.cells.join('\n')}`).not.toContain('đến hết tháng 6/2025');
  });

  it('keeps "từ đầu năm" as it is in the key lines and headers', () => {
    expect(t.text).toContain('- Lượt tiếp công dân: quý II/2025: 12 lượt; từ đầu năm: 24 lượt;');
    expect(t.html).toContain('>Từ đầu năm</th>');
    expect(t.html).toContain('>So cùng kỳ năm trước (từ đầu năm)</th>');
    expect(t.cells).toContain('Tăng/giảm lũy kế so cùng kỳ (từ đầu năm)');
  });
});

describe('March 2025 re-sent in May: "3 tháng đầu năm", "đến hết tháng 3/2025"', () => {
  it('past', () => {
    const t = texts(summary(MARCH, '2025-05-20T03:00:00Z', 3));
    expect(t.narrative).toContain('Tính chung 3 tháng đầu năm 2025, toàn huyện');
    expect(t.narrative).toContain('Đến hết tháng 3/2025, toàn huyện');
    expect(`${t.narrative}${t.html}${t.text}${t.cells.join('\n')}`.toLowerCase()).not.toContain('đến nay');
  });

  it('made on 10 April, before April’s cut-off: still "đến nay"', () => {
    const t = texts(summary(MARCH, '2025-04-10T03:00:00Z', 3));
    expect(t.narrative).toContain('Từ đầu năm đến nay, toàn huyện');
    expect(t.narrative).toContain('Đến nay, toàn huyện');
  });
});
