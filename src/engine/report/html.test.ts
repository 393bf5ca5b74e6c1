import { syntheticUnits, unitSheet } from '../../../bench/gen';
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import { summarise } from '../pipeline';
import type { Summary } from '../types';
import { escapeHtml } from './escape';
import { fixtureCatalogue, fixtureSummary, provinceChartSummary } from './fixtures';
import { emailSubject, renderHtmlReport } from './html';

const catalogue = fixtureCatalogue();
const XSS = '<img src=x onerror=alert(1)>';

function count(html: string, re: RegExp): number {
  return (html.match(re) ?? []).length;
}

/** A fixture where every user-provided string carries markup. */
function hostileSummary(): Summary {
  const s = fixtureSummary();
  const code = s.units[0].code;
  s.units[0].name = XSS;
  for (const ind of s.indicators) {
    for (const u of ind.byUnit) if (u.unitCode === code) u.unitName = XSS;
    for (const n of ind.notes ?? []) n.text = `"><script>alert('note')</script>`;
  }
  for (const r of s.completeness.rows) if (r.unitCode === code) r.status = 'late';
  s.settings.organisation = '<b onclick="x()">Ban</b>';
  s.narrative = ['<script>alert(1)</script> & <svg onload=alert(2)>'];
  s.findings[0].message = `<iframe src="https://evil.example/"></iframe>`;
  const ind = s.indicators.find((i) => i.code === 'TCD_LUOT')!;
  ind.label = '<a href="javascript:alert(3)">Lượt</a>';
  ind.unit = '<u>lượt</u>';
  return s;
}

describe('renderHtmlReport', () => {
  const summary = fixtureSummary();
  const html = renderHtmlReport(summary, catalogue);

  it('is a complete UTF-8 HTML document', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="vi">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>[Dân vận] Báo cáo tháng 9/2018 – huyện Mường Nhé</title>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('uses no scripts, SVG, style blocks or external resources', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<svg/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/<(img|link|iframe|object|embed|video|audio)\b/i);
    expect(html).not.toMatch(/\ssrc\s*=/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\sclass\s*=/i);
    expect(html).not.toMatch(/url\(/i);
  });

  it('has balanced tables', () => {
    expect(count(html, /<table\b/g)).toBe(count(html, /<\/table>/g));
    expect(count(html, /<tr\b/g)).toBe(count(html, /<\/tr>/g));
    expect(count(html, /<td\b/g)).toBe(count(html, /<\/td>/g));
    expect(count(html, /<p\b/g)).toBe(count(html, /<\/p>/g));
  });

  it('contains the narrative paragraphs', () => {
    for (const p of summary.narrative) expect(html).toContain(`>${escapeHtml(p)}</p>`);
  });

  it('shows key figures in Vietnamese format with "so cùng kỳ" in words', () => {
    expect(html).toContain('>1.000 lượt</td>'); // DTN_GIUPDAN, year to date
    expect(html).toContain('>640 lượt</td>');
    expect(html).toContain('>↑ tăng 21 đơn (72,4%)</td>'); // 50 vs 29
    expect(html).toContain('>↓ giảm 4 lượt (12,9%)</td>'); // 27 vs 31
    expect(html).toContain('>↑ tăng 1 nhà (50%)</td>');
    expect(html).toContain('>Tháng 9/2018</th>');
    expect(html).toContain('So cùng kỳ năm trước (từ đầu năm)');
  });

  it('shows completeness with late and missing units', () => {
    expect(html).toContain('Đã báo cáo: 10/11 đơn vị (90,9%)');
    expect(html).toContain('Đúng hạn: 9/11 đơn vị (81,8%); hạn nộp 18/09/2018');
    expect(html).toContain('<li>Xã Nậm Kè (nộp ngày 20/09/2018)</li>');
    expect(html).toContain('<li>Xã Pá Mỳ</li>');
  });

  it('draws a bar chart with percentage widths, value labels and missing units', () => {
    // Chart indicator: the key indicator with most units above zero (HND_SXKDG_CONGNHAN, 10 units),
    // a stock: its figures "đến nay", as the key figures table gives it.
    expect(html).toContain(
      'Hộ nông dân được công nhận sản xuất, kinh doanh giỏi các cấp (lũy kế) theo đơn vị, số đến nay, hết tháng 9/2018 (hộ)',
    );
    const widths = [
      ...html.matchAll(/<table role="presentation" width="(\d+)%" cellpadding="0" cellspacing="0"><tr><td bgcolor=/g),
    ].map((m) => Number(m[1]));
    expect(widths).toHaveLength(10);
    expect(Math.max(...widths)).toBe(100);
    for (const w of widths) expect(w).toBeGreaterThan(0);
    const ind = summary.indicators.find((i) => i.code === 'HND_SXKDG_CONGNHAN')!;
    const max = Math.max(...ind.byUnit.map((u) => u.ytd ?? 0));
    const chung = ind.byUnit[0].ytd as number;
    expect(widths[0]).toBe(Math.round((chung / max) * 100));
    expect(html).toMatch(/Xã Pá Mỳ<\/td><td[^>]*><\/td><td[^>]*>chưa có số liệu<\/td>/);
  });

  it('draws a province’s chart sorted, the highest and lowest only, with the others and those without a figure counted', () => {
    const province = renderHtmlReport(provinceChartSummary(), fixtureCatalogue());
    const chart = province.slice(
      province.indexOf('Hộ nông dân được công nhận sản xuất, kinh doanh giỏi các cấp (lũy kế) theo'),
    );
    const names = [...chart.matchAll(/<tr><td(?: width="34%")?>([^<]+)<\/td><td[^>]*bgcolor/g)].map((m) => m[1]);
    expect(names).toHaveLength(20);
    expect(names.slice(0, 4)).toEqual(['Xã An Toong', 'Xã Ẳng Cang', 'Phường Âng Tở', 'Xã Số 18']);
    expect(names.slice(-2)).toEqual(['Xã Dền Sáng', 'Xã Đà Bắc']);
    // The row of the others between the tenth and the eleventh bar; those without a figure last.
    const others = chart.indexOf(escapeHtml('… 2 đơn vị khác (xem trang "Theo đơn vị" trong bảng tổng hợp)'));
    expect(others).toBeGreaterThan(chart.indexOf('>Xã Số 12<'));
    expect(others).toBeLessThan(chart.indexOf('>Xã Số 9<'));
    expect(chart.indexOf('3 đơn vị chưa có số liệu')).toBeGreaterThan(chart.indexOf('>Xã Đà Bắc<'));
    expect(chart).toContain(
      'Xếp từ cao xuống thấp; 10 đơn vị cao nhất và 10 đơn vị thấp nhất trong 22 đơn vị có số liệu.',
    );
    expect(chart).not.toContain('Ơ Na');
    // The widest bar is the highest unit's.
    expect(chart).toMatch(/>Xã An Toong<\/td><td[^>]*><table role="presentation" width="100%"/);
  });

  it('summarises the findings and lists the units’ notes', () => {
    expect(html).toContain('2 lỗi, 3 cảnh báo, 1 thông tin.');
    expect(html).toContain('Có 1 ô số liệu không hợp lệ đã bị loại khỏi tổng hợp');
    expect(html).toContain('<b>Lỗi:</b>');
    expect(html).toContain('Xã Chung Chải (tháng 9): Đề nghị hỗ trợ kinh phí');
    expect(html).toContain('báo cáo được tổng hợp tự động lúc 10:00 ngày 20/09/2018');
  });

  it('lists a unit with figures but no submission date under "Chưa rõ ngày nộp", not as late', () => {
    const s = fixtureSummary();
    s.completeness.rows = s.completeness.rows.map((r) =>
      r.unitCode === 'nam-ke' ? { ...r, status: 'late' as const, submittedOn: null, undatedMonths: [9] } : r,
    );
    const h = renderHtmlReport(s, catalogue);
    expect(h).toContain('Chưa rõ ngày nộp (có số liệu nhưng không có ngày nộp hợp lệ, không tính là đúng hạn):</p>');
    expect(h).toContain('<li>Xã Nậm Kè</li>');
    expect(h).not.toContain('Báo cáo muộn');
  });

  it('lists at most 10 findings and says how many more', () => {
    const s = fixtureSummary();
    s.findings = Array.from({ length: 14 }, (_, i) => ({ severity: 'info' as const, code: 'x', message: `Mục ${i}` }));
    const h = renderHtmlReport(s, catalogue);
    expect(h).toContain('Mục 9');
    expect(h).not.toContain('Mục 10');
    expect(h).toContain('… và 4 mục khác.');
  });

  it('escapes every user-provided string', () => {
    const h = renderHtmlReport(hostileSummary(), catalogue);
    expect(h).not.toMatch(/<img/i);
    expect(h).not.toMatch(/<script/i);
    expect(h).not.toMatch(/<svg/i);
    expect(h).not.toMatch(/<iframe/i);
    expect(h).not.toContain('<b onclick');
    expect(h).not.toContain('<u>');
    expect(h).not.toContain('href="javascript');
    expect(h).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(h).toContain('Xã &lt;img src=x onerror=alert(1)&gt; (nộp ngày');
    expect(h).toContain('&lt;b onclick=&quot;x()&quot;&gt;Ban&lt;/b&gt;');
    expect(h).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;svg onload=alert(2)&gt;');
    expect(h).toContain('&quot;&gt;&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt;');
    // Every "<" in the output opens one of the renderer's own tags.
    const tags = new Set([...h.matchAll(/<\/?([a-z0-9!]+)/gi)].map((m) => m[1].toLowerCase()));
    expect([...tags].sort()).toEqual(
      [
        '!doctype',
        'b',
        'body',
        'br',
        'h2',
        'head',
        'html',
        'li',
        'meta',
        'p',
        'span',
        'table',
        'td',
        'th',
        'title',
        'tr',
        'ul',
      ].sort(),
    );
  });

  it('links the sheet only for http(s) URLs', () => {
    const url = 'https://docs.google.com/spreadsheets/d/abc/edit?a=1&b=2#gid=0';
    const h = renderHtmlReport(summary, catalogue, { sheetUrl: url });
    expect(h).toContain('<a href="https://docs.google.com/spreadsheets/d/abc/edit?a=1&amp;b=2#gid=0"');
    expect(h).toContain('>Mở bảng tổng hợp</a>');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'https://x.vn/" onclick="alert(1)', '//x.vn']) {
      const b = renderHtmlReport(summary, catalogue, { sheetUrl: bad });
      expect(b).not.toContain('<a ');
      expect(b).not.toContain('javascript:');
      expect(b).not.toContain('onclick');
    }
  });

  it('says so when everyone reported on time and nothing was found', () => {
    const s = fixtureSummary();
    s.completeness.rows = s.completeness.rows.map((r) => ({ ...r, status: 'onTime', submittedOn: '2018-09-14' }));
    s.findings = [];
    s.excludedCells = 0;
    const h = renderHtmlReport(s, catalogue);
    expect(h).toContain('Tất cả đơn vị đã báo cáo đúng hạn.');
    expect(h).toContain('Không phát hiện lỗi hay cảnh báo nào.');
    expect(h).toContain('Không có ô số liệu nào bị loại khỏi tổng hợp.');
  });
});

describe('emailSubject', () => {
  it('names the period, level and aggregating unit', () => {
    expect(emailSubject(fixtureSummary())).toBe('[Dân vận] Báo cáo tháng 9/2018 – huyện Mường Nhé');
  });
  it('reads a quarter in Roman numerals and follows the level setting', () => {
    const s = fixtureSummary();
    s.period = { type: 'quarter', year: 2018, index: 3 };
    expect(emailSubject(s)).toBe('[Dân vận] Báo cáo quý III/2018 – huyện Mường Nhé');
    s.period = { type: 'nine', year: 2025, index: 1 };
    s.settings = { ...s.settings, level: 'tỉnh', aggregatingUnitName: 'Điện Biên' };
    expect(emailSubject(s)).toBe('[Dân vận] Báo cáo 9 tháng đầu năm 2025 – tỉnh Điện Biên');
  });
  it('never contains a line break (header injection)', () => {
    const s = fixtureSummary();
    s.settings = { ...s.settings, aggregatingUnitName: 'Mường Nhé\r\nBcc: x@example.vn' };
    expect(emailSubject(s)).not.toMatch(/[\r\n]/);
  });
});

describe('renderHtmlReport of a province', () => {
  it('stays well under Gmail’s ~102 KB clipping size at 200 communes (the chart draws 20 of them)', () => {
    // bench/gen makes the same filled commune sheets the benchmark reads.
    const catalogue = defaultCatalogue();
    const units = syntheticUnits(200);
    const workbooks = units.map((unit, i) => ({
      source: `${unit.code}.xlsx`,
      sheets: [2024, 2025].map((y) => unitSheet(catalogue, unit, i, y).input),
    }));
    const settings = { ...defaultSettings(), aggregatingUnitName: 'Điện Biên', level: 'tỉnh', scopeLabel: 'toàn tỉnh' };
    const period = { type: 'month' as const, year: 2025, index: 9 };
    const { summary } = summarise({
      catalogue,
      units,
      settings,
      period,
      workbooks,
      generatedAt: '2025-09-26T02:00:00Z',
    });
    const html = renderHtmlReport(summary, catalogue);
    // The 10 highest and 10 lowest communes are drawn, the 180 others counted.
    expect(html.match(/<table role="presentation" width="\d+%" cellpadding="0" cellspacing="0">/g)).toHaveLength(20);
    expect(html).toContain('… 180 đơn vị khác');
    expect(Buffer.byteLength(html)).toBeLessThan(90_000);
  });
});

test('the e-mail says beside the rates that the deadline has not passed yet', () => {
  const s = fixtureSummary();
  const message = 'Chưa hết hạn nộp báo cáo tháng 9/2018 (hạn 18/09/2018)';
  const html = renderHtmlReport(
    { ...s, findings: [{ severity: 'info', code: 'before-deadline', message }] },
    fixtureCatalogue(),
  );
  const rates = html.indexOf('đúng hạn');
  expect(rates).toBeGreaterThan(0);
  expect(html.indexOf(escapeHtml(`${message}.`))).toBeGreaterThan(rates);
  expect(renderHtmlReport(s, fixtureCatalogue())).not.toContain(escapeHtml(message));
});

describe('"so cùng kỳ" not like for like in the key figures table', () => {
  const footnote =
    '* So sánh chưa đầy đủ: 1 đơn vị có số liệu cùng kỳ năm trước nhưng năm nay còn thiếu số liệu; ' +
    'số tăng, giảm gồm cả phần chênh lệch do thiếu báo cáo.';
  it('marks the change cell and puts one footnote under the table', () => {
    const s = fixtureSummary();
    const luot = s.indicators.find((i) => i.code === 'TCD_LUOT') as Summary['indicators'][number];
    luot.unevenYtd = { lastYearOnly: ['pa-my'], thisYearOnly: [] };
    const html = renderHtmlReport(s, catalogue);
    expect(html).toContain('>↓ giảm 4 lượt (12,9%) *</td></tr>');
    expect(count(html, / \*<\/td>/g)).toBe(1);
    expect(count(html, /So sánh chưa đầy đủ/g)).toBe(1);
    // Under the table, after its legend lines.
    expect(html).toMatch(
      new RegExp(`</table>(<p [^>]*>[^<]*</p>)*<p style="[^"]*">${escapeHtml(footnote).replace(/[()*]/g, '\\$&')}</p>`),
    );
  });
  it('has no marker when every unit has both years', () => {
    const html = renderHtmlReport(fixtureSummary(), catalogue);
    expect(html).toContain('>↓ giảm 4 lượt (12,9%)</td></tr>');
    expect(html).not.toContain('So sánh chưa đầy đủ');
  });
});
