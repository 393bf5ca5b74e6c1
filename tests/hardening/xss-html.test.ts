/**
 * XSS: the HTML report (renderHtmlReport) of a summary whose unit names, notes, typed
 * values, sheet names, settings and an indicator label are all hostile markup, opened in
 * headless Chromium with JavaScript on. Nothing may run (no dialog, window.__xss never
 * set), nothing may be injected (no script/iframe/img/svg/… element, no on* attribute,
 * only the tags a harmless report has, no link but http(s)), nothing may be fetched, and
 * every payload must be visible as text. Skipped, saying why, when Chromium is missing.
 */
import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { renderHtmlReport } from '../../src/engine/report/html';
import { renderTextReport } from '../../src/engine/report/text';
import { hostileSummary, XSS_PAYLOADS } from './payloads';

// Browser globals used inside page.evaluate (the project's TypeScript lib has no DOM types).
declare const document: any;
declare const window: any;
declare const MouseEvent: any;

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const have = fs.existsSync(CHROMIUM);
const describeBrowser = have ? describe : describe.skip;
if (!have) console.warn(`xss-html: SKIPPED, ${CHROMIUM} not found (apt-get install chromium)`);

let browser: Browser;

beforeAll(async () => {
  if (!have) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

interface Rendered {
  dialogs: string[];
  requests: string[];
  xss: unknown;
  tags: string[];
  handlers: string[];
  links: string[];
  text: string;
}

async function render(html: string): Promise<Rendered> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  await page.setContent(html, { waitUntil: 'load' });
  // Give timers, autofocus and ontoggle a moment; hover and click every element.
  await page.mouse.move(10, 10);
  await page.mouse.move(300, 400);
  await page.evaluate(() => {
    for (const el of Array.from(document.querySelectorAll('a, button, details, input')) as any[])
      el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
  });
  await page.waitForTimeout(300);
  const result = await page.evaluate(() => {
    const all: any[] = Array.from(document.querySelectorAll('*'));
    return {
      xss: window.__xss,
      tags: [...new Set(all.map((e) => e.tagName.toLowerCase()))].sort(),
      handlers: all.flatMap((e) =>
        Array.from(e.attributes as ArrayLike<{ name: string; value: string }>)
          .filter((a) => /^on/i.test(a.name) || /javascript:/i.test(a.value))
          .map((a) => `${e.tagName}.${a.name}`),
      ),
      links: (Array.from(document.querySelectorAll('[href], [src], [action], [data]')) as any[]).map(
        (e) =>
          e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('data') ?? '',
      ),
      // innerText, not textContent: what a reader sees (an injected style could hide text).
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
      text: document.body.innerText,
    };
  });
  await page.close();
  return { dialogs, requests, ...result };
}

describeBrowser('HTML report in headless Chromium', () => {
  let harmless: Rendered;

  beforeAll(async () => {
    const { summary, catalogue } = hostileSummary(['Chung Chải', 'Mường Nhé', 'Sín Thầu', 'Nậm Kè']);
    harmless = await render(
      renderHtmlReport(summary, catalogue, { sheetUrl: 'https://docs.google.com/spreadsheets/d/x' }),
    );
  }, 60_000);

  it('renders the hostile report as text: nothing runs, nothing is injected, nothing is fetched', async () => {
    const { summary, catalogue } = hostileSummary(XSS_PAYLOADS);
    // District-typed text as well: an indicator label and the sheet link.
    const cat = {
      ...catalogue,
      indicators: catalogue.indicators.map((i) =>
        i.code === 'DTN_QUA' ? { ...i, label: `${i.label} <img src=x onerror=alert(2)>`, unit: '<b>suất</b>' } : i,
      ),
    };
    const html = renderHtmlReport(summary, cat, { sheetUrl: 'javascript:alert(1)' });
    const r = await render(html);
    expect(r.dialogs).toEqual([]);
    expect(r.xss).toBeUndefined();
    expect(r.requests).toEqual([]);
    expect(r.handlers).toEqual([]);
    // <br>: the renderer's own, for the line breaks of a note (payloads with "\n" among the notes).
    expect(r.tags.filter((t) => !harmless.tags.includes(t) && t !== 'br')).toEqual([]);
    expect(r.tags).not.toContain('script');
    for (const l of r.links) expect(l).toMatch(/^https?:\/\//);
    expect(r.links).toEqual([]); // the javascript: sheet link was dropped
    // Every payload shows as the text the commune typed (whitespace as the browser lays it out).
    const flat = r.text.replace(/\s+/g, ' ');
    for (const p of XSS_PAYLOADS) expect(flat).toContain(p.replace(/\s+/g, ' ').trim());
  }, 60_000);

  it('opens the harmless report the same way (the check above is not vacuous)', () => {
    expect(harmless.dialogs).toEqual([]);
    expect(harmless.tags).toEqual(expect.arrayContaining(['table', 'td', 'p']));
    expect(harmless.links).toEqual(['https://docs.google.com/spreadsheets/d/x']);
    expect(harmless.text).toContain('Chung Chải');
  });

  it('would catch an unescaped string: the same payloads pasted raw run and inject', async () => {
    const raw = await render(
      `<!doctype html><html><body><p>${XSS_PAYLOADS.slice(0, 4).join('</p><p>')}</p></body></html>`,
    );
    expect(raw.xss).toBeDefined();
    expect(raw.handlers.length).toBeGreaterThan(0);
    expect(raw.tags).toContain('script');
  }, 60_000);

  it('the plain-text report carries the payloads verbatim (it is never parsed as HTML)', () => {
    const { summary, catalogue } = hostileSummary(XSS_PAYLOADS);
    const text = renderTextReport(summary, catalogue);
    const flat = text.replace(/\s+/g, ' ');
    for (const p of XSS_PAYLOADS) expect(flat).toContain(p.replace(/\s+/g, ' ').trim());
    // Not escaped: a text e-mail shows "<b>" as typed, never "&lt;b&gt;".
    expect(text).not.toContain('&lt;script&gt;window.__xss=1&lt;');
  });
});
