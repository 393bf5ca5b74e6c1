/**
 * The e-mail report (engine's renderHtmlReport, the HTML the monthly job sends) rendered
 * in headless Chromium: the key figures are visible, nothing is fetched from the network,
 * and a unit called "<img src=x onerror=alert(1)>" is shown as text.
 */
import type { Browser, Page } from 'playwright-core';
import { fixtureCatalogue, fixtureSummary, provinceChartSummary } from '../../src/engine/report/fixtures';
import { renderHtmlReport } from '../../src/engine/report/html';
import type { Summary } from '../../src/engine/types';
import { describeBrowser, type LocalServer, launch, serve } from './harness';

const XSS = '<img src=x onerror=alert(1)>';
const LONG_PATH =
  '/home/canbo/TaiLieu/BaoCaoDanVan/Nam2025/Thang12/BaoCaoCongTacDanVan_XaMuongNhe_Thang12_Nam2025_BanChinhThuc_DaKySo.xlsx';
const SHEET_URL = 'https://docs.google.com/spreadsheets/d/1MasterMuongNhe/edit#gid=12345';

/** Every string in the summary with "Pá Mỳ" in it gets the hostile name instead. */
function withHostileUnit(summary: Summary): Summary {
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return x.split('Pá Mỳ').join(XSS);
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object')
      return Object.fromEntries(Object.entries(x as Record<string, unknown>).map(([k, v]) => [k, walk(v)]));
    return x;
  };
  const s = walk(summary) as Summary;
  s.settings = { ...s.settings, organisation: `Ban Dân vận ${XSS}` };
  s.narrative = [...s.narrative, `Ghi chú của ${XSS} "và" 'nháy' & ký hiệu`];
  return s;
}

describeBrowser('e-mail report HTML in Chromium', () => {
  let browser: Browser;
  let server: LocalServer;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    browser = await launch();
    pages['/report.html'] = renderHtmlReport(fixtureSummary(), fixtureCatalogue(), { sheetUrl: SHEET_URL });
    pages['/hostile.html'] = renderHtmlReport(withHostileUnit(fixtureSummary()), fixtureCatalogue(), {
      sheetUrl: SHEET_URL,
    });
    const long = fixtureSummary();
    long.findings = [
      ...long.findings,
      {
        severity: 'error',
        code: 'unreadable',
        unitCode: 'pa-my',
        unitName: 'Pá Mỳ',
        file: LONG_PATH,
        message: `Tệp ${LONG_PATH}: không đọc được tệp này`,
      },
    ];
    long.narrative = [...long.narrative, `Xem ${LONG_PATH}`];
    pages['/long-path.html'] = renderHtmlReport(long, fixtureCatalogue(), { sheetUrl: SHEET_URL });
    pages['/province.html'] = renderHtmlReport(provinceChartSummary(), fixtureCatalogue(), { sheetUrl: SHEET_URL });
    server = await serve(Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, () => v])));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string): Promise<{ page: Page; requests: string[]; dialogs: string[]; errors: string[] }> {
    const page = await browser.newPage();
    const requests: string[] = [];
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
    await page.waitForTimeout(150);
    return { page, requests, dialogs, errors };
  }

  test('key figures, "so cùng kỳ", completeness are visible; no request leaves 127.0.0.1', async () => {
    const { page, requests, dialogs } = await open('/report.html');
    // innerText on purpose: only what is rendered visibly counts.
    // biome-ignore lint/performance/useDomNodeTextContent: visibility is the point
    const text = await page.innerText('body');
    expect(text).toContain('so cùng kỳ');
    expect(text).toMatch(/So cùng kỳ/);
    // Vietnamese number format: thousands with "." (the article's "1.000 đoàn viên").
    expect(text).toContain('1.000 lượt');
    expect(text).toContain('115 hộ');
    expect(text).toContain('264 hộ');
    expect(text).toContain('tăng 21 đơn so cùng kỳ');
    expect(text).toMatch(/90,9\s?%/);
    expect(text).toContain('Xã Pá Mỳ');
    expect(text).toContain('Xã Nậm Kè');
    // The figures are actually laid out, not hidden: the key-figures table has a size.
    const box = await page.locator('text=1.000 lượt').first().boundingBox();
    expect(box && box.width > 0 && box.height > 0).toBe(true);
    expect(await page.locator(`a[href="${SHEET_URL}"]`).count()).toBe(1);
    expect(await page.$$('script, img, iframe, object, embed, svg, link')).toHaveLength(0);
    expect(requests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
    expect(requests.filter((u) => !u.endsWith('/favicon.ico'))).toEqual([`${server.origin}/report.html`]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  test('fits a phone screen (360 px): nothing to scroll sideways', async () => {
    const { page } = await open('/report.html');
    await page.setViewportSize({ width: 360, height: 800 });
    await page.waitForTimeout(50);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(360);
    await page.close();
  });

  test('a long file path without spaces in a message or the narrative still fits 360 px', async () => {
    const { page } = await open('/long-path.html');
    await page.setViewportSize({ width: 360, height: 800 });
    await page.waitForTimeout(50);
    // biome-ignore lint/performance/useDomNodeTextContent: visibility is the point
    expect(await page.innerText('body')).toContain('DaKySo.xlsx');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.close();
  });

  test('a province’s chart shows 20 bars, the others counted on a row of their own, within 360 px', async () => {
    const { page } = await open('/province.html');
    await page.setViewportSize({ width: 360, height: 800 });
    await page.waitForTimeout(50);
    const title = page.locator('h2', { hasText: 'theo đơn vị' });
    const chart = title.locator('xpath=following-sibling::table[1]');
    // biome-ignore lint/performance/useDomNodeTextContent: visibility is the point
    const text = await chart.innerText();
    expect(text.match(/^(?:Xã|Phường) /gm)).toHaveLength(20);
    const others = chart.locator('td', { hasText: '… 2 đơn vị khác' });
    const bar = await chart.locator('tr').first().boundingBox();
    const row = await others.boundingBox();
    // The row of the others spans the chart (name, bar and figure columns), not squeezed in the names'.
    expect(row && bar && row.width > bar.width * 0.9).toBe(true);
    expect(await chart.locator('td', { hasText: '3 đơn vị chưa có số liệu' }).isVisible()).toBe(true);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.close();
  });

  test('a unit named <img src=x onerror=alert(1)> is text: no <img>, no alert', async () => {
    const { page, requests, dialogs, errors } = await open('/hostile.html');
    // innerText on purpose: only what is rendered visibly counts.
    // biome-ignore lint/performance/useDomNodeTextContent: visibility is the point
    const text = await page.innerText('body');
    expect(text).toContain(XSS);
    expect(text).toContain(`Ban Dân vận ${XSS}`);
    expect(text).toContain(`Ghi chú của ${XSS} "và" 'nháy' & ký hiệu`);
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.$$('script')).toHaveLength(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
    expect(requests.filter((u) => !u.endsWith('/favicon.ico'))).toEqual([`${server.origin}/hostile.html`]);
    await page.close();
  });
});
