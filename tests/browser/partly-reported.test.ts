/**
 * The HTML e-mail of a quarter in Chromium: a commune that sent some months is shown under "Mới
 * báo cáo một phần" with the month it lacks, not under "Chưa báo cáo", which holds only the commune
 * that sent nothing (visible text, as the district officer reads it). A month reads as before.
 */
import type { Browser } from 'playwright-core';
import { summaryOfSent } from '../../src/engine/aggregate/test-helpers';
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { renderHtmlReport } from '../../src/engine/report/html';
import type { Period } from '../../src/engine/types';
import { describeBrowser, type LocalServer, launch, serve } from './harness';

const CATALOGUE = defaultCatalogue();

/** The e-mail of `period` on 20 October 2018: A sent July–September, B July and September, C nothing. */
function mail(period: Period): string {
  return renderHtmlReport(summaryOfSent(period, { a: [7, 8, 9], b: [7, 9], c: [] }), CATALOGUE);
}

describeBrowser('e-mail HTML: communes that reported part of a quarter', () => {
  let browser: Browser;
  let server: LocalServer;

  beforeAll(async () => {
    browser = await launch();
    server = await serve({
      '/quarter.html': () => mail({ type: 'quarter', year: 2018, index: 3 }),
      '/month.html': () => mail({ type: 'month', year: 2018, index: 8 }),
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The visible lines of the page's body, blank ones left out. */
  async function lines(path: string): Promise<string[]> {
    const page = await browser.newPage();
    await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
    // innerText on purpose: only what is rendered visibly counts.
    // biome-ignore lint/performance/useDomNodeTextContent: visibility is the point
    const text = await page.innerText('body');
    await page.close();
    return text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  }

  /** The units listed under the heading `title:` (each "Xã …"); null without the heading. */
  const under = (all: string[], title: string) => {
    const from = all.indexOf(`${title}:`);
    if (from < 0) return null;
    const end = all.findIndex((l, i) => i > from && !l.startsWith('Xã '));
    return all.slice(from + 1, end < 0 ? undefined : end);
  };

  test('quarter III/2018: C under "Chưa báo cáo", B under "Mới báo cáo một phần"', async () => {
    const all = await lines('/quarter.html');
    expect(under(all, 'Chưa báo cáo')).toEqual(['Xã C']);
    expect(under(all, 'Mới báo cáo một phần')).toEqual(['Xã B (thiếu tháng 8)']);
  });

  test('August: B and C under "Chưa báo cáo", as before', async () => {
    const all = await lines('/month.html');
    expect(under(all, 'Chưa báo cáo')).toEqual(['Xã B', 'Xã C']);
    expect(under(all, 'Mới báo cáo một phần')).toBeNull();
  });
});
