/**
 * The settings sidebar (src/gas/email/sidebar.html) in headless Chromium, served from
 * 127.0.0.1 with a stub `google.script.run` whose server side is the real validator
 * (`settingsFromForm`, the one saveSettingsFromSidebar uses) running in Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { defaultSettings } from '../../src/engine/catalogue/defaults';
import type { Settings } from '../../src/engine/types';
import { readConfig } from '../../src/gas/config';
import { type SidebarForm, settingsFromForm } from '../../src/gas/email/settings-form';
import { scope, type World, world } from '../gas/email/helpers';
import { describeBrowser, type LocalServer, launch, STUB, serve } from './harness';

const SIDEBAR = path.join(__dirname, '../../src/gas/email/sidebar.html');
const XSS = '<img src=x onerror=alert(1)>';

interface Backend {
  settings: Settings;
  enabled: boolean;
  calls: { name: string; args: unknown[] }[];
  saved: Settings[];
}

function backend(settings: Settings): Backend {
  return { settings, enabled: false, calls: [], saved: [] };
}

/** Server functions behind the stub: a Node validator by default, or the real ones in the fake. */
let realServer: ((name: string, args: unknown[]) => unknown) | null = null;

function handle(b: Backend, name: string, args: unknown[]): unknown {
  b.calls.push({ name, args });
  if (realServer) return realServer(name, args);
  if (name === 'getSettingsForSidebar') return { settings: b.settings, enabled: b.enabled, lastSent: null, errors: {} };
  if (name === 'saveSettingsFromSidebar') {
    const r = settingsFromForm(args[0] as SidebarForm, b.settings);
    if (!r.ok) return r;
    b.settings = r.value;
    b.saved.push(r.value);
    return { ok: true, message: 'Đã lưu cài đặt.', settings: r.value, enabled: b.enabled };
  }
  throw new Error(`unknown server function ${name}`);
}

describeBrowser('settings sidebar in Chromium', () => {
  let browser: Browser;
  let server: LocalServer;
  let page: Page;
  let b: Backend;
  let dialogs: string[];
  let foreign: string[];

  beforeAll(async () => {
    browser = await launch();
    server = await serve({ '/sidebar.html': () => fs.readFileSync(SIDEBAR, 'utf8') });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(settings: Settings): Promise<void> {
    b = backend(settings);
    dialogs = [];
    foreign = [];
    page = await browser.newPage();
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(server.origin)) foreign.push(r.url());
    });
    await page.exposeFunction('__gasCall', (name: string, argsJson: string) => {
      try {
        return JSON.stringify({ value: handle(b, name, JSON.parse(argsJson)) });
      } catch (e) {
        return JSON.stringify({ error: e instanceof Error ? e.message : String(e) });
      }
    });
    await page.addInitScript(STUB);
    await page.goto(`${server.url}/sidebar.html`);
    await page.waitForFunction("!document.getElementById('save').disabled");
  }

  afterEach(async () => {
    await page?.close();
  });

  async function save(): Promise<void> {
    const before = b.calls.length;
    await page.click('#save');
    await page.waitForFunction(
      "(() => { const s = document.getElementById('status'); return !!s && s.textContent !== '' && s.textContent !== 'Đang lưu…'; })()",
      undefined,
      { timeout: 10000 },
    );
    expect(b.calls.length).toBe(before + 1);
  }

  test('loads the settings, then fill and save sends the values to the server', async () => {
    await open({ ...defaultSettings(), recipients: ['bdv@muongnhe.vn'] });
    expect(b.calls[0].name).toBe('getSettingsForSidebar');
    expect(await page.inputValue('#aggregatingUnitName')).toBe('Mường Nhé');
    expect(await page.inputValue('#sendDay')).toBe('20');
    expect(await page.inputValue('#recipients')).toBe('bdv@muongnhe.vn');

    await page.fill('#aggregatingUnitName', 'Điện Biên');
    await page.fill('#level', 'tỉnh');
    await page.fill('#scopeLabel', 'toàn tỉnh');
    await page.fill('#recipients', 'a@dienbien.gov.vn\nb@dienbien.gov.vn\n\n');
    await page.fill('#sendDay', '20');
    await page.fill('#sendHour', '8');
    await page.fill('#cutoffDay', '15');
    await page.fill('#submitDays', '3');
    await page.check('#reminders');
    await page.fill('#reminderDaysBefore', '2');
    await save();

    const call = b.calls[b.calls.length - 1];
    expect(call.name).toBe('saveSettingsFromSidebar');
    const form = call.args[0] as Record<string, unknown>;
    expect(form).toMatchObject({
      aggregatingUnitName: 'Điện Biên',
      level: 'tỉnh',
      scopeLabel: 'toàn tỉnh',
      sendDay: '20',
      sendHour: '8',
      submitDays: '3',
      reminders: true,
      reminderDaysBefore: '2',
    });
    expect(b.saved).toHaveLength(1);
    expect(b.saved[0]).toMatchObject({
      aggregatingUnitName: 'Điện Biên',
      level: 'tỉnh',
      recipients: ['a@dienbien.gov.vn', 'b@dienbien.gov.vn'],
      sendDay: 20,
      sendHour: 8,
      submitDays: 3,
      reminderDaysBefore: 2,
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(await page.textContent('#status')).toBe('Đã lưu cài đặt.');
    expect(await page.$$eval('.error', (els) => els.map((e) => e.textContent).join(''))).toBe('');
    expect(dialogs).toEqual([]);
    expect(foreign).toEqual([]);
  });

  test('send day 31 shows the Vietnamese error next to that field', async () => {
    await open(defaultSettings());
    await page.fill('#sendDay', '31');
    await save();
    expect(b.saved).toHaveLength(0);
    const err = await page.textContent('#error-sendDay');
    expect(err).toBe('Ngày gửi báo cáo phải nhỏ hơn hoặc bằng 28');
    // The message sits right after its input, inside the same field block.
    const sameBlock = await page.$eval('#error-sendDay', (e) => e.parentElement?.querySelector('#sendDay') !== null);
    expect(sameBlock).toBe(true);
    expect(await page.getAttribute('#sendDay', 'aria-invalid')).toBe('true');
    for (const other of ['sendHour', 'cutoffDay', 'recipients', 'aggregatingUnitName']) {
      expect(await page.textContent(`#error-${other}`)).toBe('');
    }
    expect(await page.textContent('#status')).toContain('sửa');

    // Fixing the value clears the error on the next save.
    await page.fill('#sendDay', '28');
    await save();
    expect(await page.textContent('#error-sendDay')).toBe('');
    expect(b.saved[0].sendDay).toBe(28);
  });

  test('other invalid values: text in a number, empty name, a bad address', async () => {
    await open(defaultSettings());
    await page.fill('#aggregatingUnitName', '   ');
    await page.fill('#recipients', 'bdv@muongnhe.vn\nkhông-phải-email');
    await page.fill('#sendHour', '24');
    await save();
    expect(await page.textContent('#error-aggregatingUnitName')).toBe('Tên đơn vị tổng hợp không được để trống');
    expect(await page.textContent('#error-recipients')).toBe(
      'Người nhận thứ 2 ("không-phải-email") không phải địa chỉ e-mail hợp lệ',
    );
    expect(await page.textContent('#error-sendHour')).toBe('Giờ gửi báo cáo phải nhỏ hơn hoặc bằng 23');
    expect(b.saved).toHaveLength(0);
  });

  test('every wrong address at once, and focus on the first wrong field in page order', async () => {
    await open(defaultSettings());
    await page.fill('#recipients', 'bdv@muongnhe.vn\nkhông-phải-email\nnguyễn@xa.vn\nab@c');
    // The server lists "Ngày chốt số liệu" first; "Ngày gửi" comes before it in the page.
    await page.fill('#sendDay', '31');
    await page.fill('#cutoffDay', '0');
    await page.fill('#submitDays', '61');
    await save();
    const lines = (await page.textContent('#error-recipients'))?.split('\n') ?? [];
    expect(lines.map((l) => l.slice(0, 16))).toEqual(['Người nhận thứ 2', 'Người nhận thứ 3', 'Người nhận thứ 4']);
    const firstInvalid = await page.evaluate<string | undefined>(
      'document.querySelector(\'[aria-invalid="true"]\')?.id',
    );
    expect(firstInvalid).toBe('recipients');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe(firstInvalid);
  });

  test('a unit named <img src=x onerror=alert(1)> shows as text and runs nothing', async () => {
    await open({ ...defaultSettings(), aggregatingUnitName: XSS, organisation: `Ban Dân vận ${XSS}` });
    expect(await page.inputValue('#aggregatingUnitName')).toBe(XSS);
    expect(await page.inputValue('#organisation')).toBe(`Ban Dân vận ${XSS}`);

    // The same string typed as a recipient comes back inside an error message: still text.
    await page.fill('#recipients', XSS);
    await save();
    expect(await page.textContent('#error-recipients')).toContain(XSS);

    // Saving the name itself round-trips it as a value.
    await page.fill('#recipients', 'bdv@muongnhe.vn');
    await save();
    expect(b.saved[0].aggregatingUnitName).toBe(XSS);
    expect(await page.inputValue('#aggregatingUnitName')).toBe(XSS);

    await page.waitForTimeout(200);
    expect(await page.$$('img')).toHaveLength(0);
    expect(dialogs).toEqual([]);
    expect(foreign).toEqual([]);
    expect(server.requests.filter((p) => p !== '/sidebar.html' && p !== '/favicon.ico')).toEqual([]);
  });

  test('end to end: the real server functions in the Apps Script fake write the "Cài đặt" sheet', async () => {
    let w: World | null = null;
    try {
      w = world({ settings: { recipients: ['bdv@muongnhe.vn'] } });
      realServer = (name, args) => (scope[name] as (...a: unknown[]) => unknown)(...args);
      await open(defaultSettings());
      expect(await page.inputValue('#recipients')).toBe('bdv@muongnhe.vn');
      await page.fill('#aggregatingUnitName', XSS);
      await page.fill('#sendDay', '31');
      await save();
      expect(await page.textContent('#error-sendDay')).toBe('Ngày gửi báo cáo phải nhỏ hơn hoặc bằng 28');
      await page.fill('#sendDay', '21');
      await page.fill('#recipients', 'a@dienbien.gov.vn\nb@dienbien.gov.vn');
      await save();
      expect(await page.textContent('#status')).toBe('Đã lưu cài đặt.');
      const cfg = readConfig(w.ss);
      if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
      expect(cfg.config.settings).toMatchObject({
        aggregatingUnitName: XSS,
        sendDay: 21,
        recipients: ['a@dienbien.gov.vn', 'b@dienbien.gov.vn'],
      });
      await page.reload();
      await page.waitForFunction("!document.getElementById('save').disabled");
      expect(await page.inputValue('#aggregatingUnitName')).toBe(XSS);
      expect(await page.inputValue('#sendDay')).toBe('21');
      expect(await page.$$('img')).toHaveLength(0);
      expect(dialogs).toEqual([]);
    } finally {
      realServer = null;
      w?.done();
    }
  });
});
