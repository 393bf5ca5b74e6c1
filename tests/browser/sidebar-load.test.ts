/**
 * The settings sidebar when its settings cannot be loaded (a time-out on a slow line): the
 * empty form must not be saved over the settings. Headless Chromium, google.script.run stubbed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { defaultSettings } from '../../src/engine/catalogue/defaults';
import { describeBrowser, type LocalServer, launch, STUB, serve } from './harness';

const SIDEBAR = path.join(__dirname, '../../src/gas/email/sidebar.html');

describeBrowser('settings sidebar: settings not loaded', () => {
  let browser: Browser;
  let server: LocalServer;
  let page: Page;
  let saves = 0;

  beforeAll(async () => {
    browser = await launch();
    server = await serve({ '/sidebar.html': () => fs.readFileSync(SIDEBAR, 'utf8') });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    await page?.close();
  });

  /** The sidebar with a server that answers `answers` in turn to getSettingsForSidebar ('throw': a failed call). */
  async function open(answers: unknown[], saved = 'Đã lưu cài đặt.'): Promise<void> {
    saves = 0;
    page = await browser.newPage();
    await page.exposeFunction('__gasCall', (name: string) => {
      if (name === 'saveSettingsFromSidebar') {
        saves++;
        return JSON.stringify({ value: { ok: true, message: saved } });
      }
      const next = answers.shift();
      return JSON.stringify(next === 'throw' ? { error: 'Hết thời gian chờ' } : { value: next });
    });
    await page.addInitScript(STUB);
    await page.goto(`${server.url}/sidebar.html`);
    await page.waitForFunction(
      "!document.getElementById('loadError').hidden || !document.getElementById('save').disabled",
    );
  }

  const loaded = { settings: defaultSettings(), enabled: true, lastSent: null, errors: {} };

  for (const [how, first] of [
    ['the call fails', 'throw'],
    [
      'the server says it could not read them',
      { settings: {}, enabled: false, lastSent: null, errors: {}, loadFailed: 'Hết thời gian chờ' },
    ],
  ] as const) {
    it(`${how}: said at the top, "Lưu" off, nothing saved; "Tải lại cài đặt" loads them`, async () => {
      await open([first, loaded]);
      expect(await page.textContent('#loadError')).toContain('Không tải được cài đặt: Hết thời gian chờ');
      expect(await page.isDisabled('#save')).toBe(true);
      // Enter in a field does not submit a form whose button is disabled.
      await page.fill('#aggregatingUnitName', 'Mường Nhé');
      await page.press('#aggregatingUnitName', 'Enter');
      expect(saves).toBe(0);
      // The status line does not claim sending is off.
      expect(await page.textContent('#schedule')).not.toContain('đang tắt');
      await page.click('#retry');
      await page.waitForFunction("!document.getElementById('save').disabled");
      expect(await page.isHidden('#loadError')).toBe(true);
      expect(await page.inputValue('#aggregatingUnitName')).toBe(defaultSettings().aggregatingUnitName);
      expect(await page.textContent('#schedule')).toContain('đang bật');
    });
  }

  it('a save with a caution ("Lưu ý: …") is not shown in success green', async () => {
    const loaded = { settings: defaultSettings(), enabled: true, lastSent: null, errors: {} };
    await open([loaded], 'Đã lưu cài đặt. Lưu ý: ngày gửi 16 có thể chưa qua hạn nộp.');
    await page.click('#save');
    await page.waitForFunction("document.getElementById('status').textContent.includes('Lưu ý')");
    expect(await page.getAttribute('#status', 'class')).toBe('warn');
  });

  it('the schedule set by someone who can no longer edit: said at the top, as text', async () => {
    const warning = 'Lịch gửi báo cáo hằng tháng do <b>pho@muongnhe.vn</b> đặt, nhưng … cần đặt lại lịch.';
    await open([{ ...loaded, scheduleWarning: warning }]);
    expect(await page.isHidden('#scheduleWarning')).toBe(false);
    expect(await page.textContent('#scheduleWarning')).toBe(warning);
    expect(await page.$('#scheduleWarning b')).toBeNull();
  });

  it('no such warning: nothing shown', async () => {
    await open([loaded]);
    expect(await page.isHidden('#scheduleWarning')).toBe(true);
  });
});
