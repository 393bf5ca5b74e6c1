/**
 * The built dist/Code.js, loaded into a node:vm context whose only globals are the
 * Apps Script fake's services (plus the standard JavaScript built-ins): no require,
 * process, module, Buffer or timers; the code files dist/code-<group>.html are project files of
 * the fake's HtmlService, which the loader in Code.js reads on a handler's first call. Proves Apps
 * Script finds the handlers as top-level functions, that the bundle runs "Thiết lập", "Tạo mẫu" and
 * "Tổng hợp" end to end through the loader, and that the minified code still names its functions in
 * stack traces (V8 — in Apps Script too — takes the names from the source, so they must survive
 * minification). The loader itself: tests/bundle/lazy.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { defaultCatalogue, defaultUnits } from '../../src/engine/catalogue/defaults';
import { indicatorRows, isoToSerial, LAYOUT, monthCol, unitSheetName } from '../../src/engine/sheet/layout';
import { MENU_ITEMS } from '../../src/gas/menu';
import { createGasFake, type GasFake } from '../fakes/gas';
import { buildDist, type Dist, ROOT, readDist, serveHtml } from './dist';

const DIST = path.join(ROOT, 'dist');
const HANDLERS = [
  'onOpen',
  'onInstall',
  ...MENU_ITEMS.filter((i): i is [string, string] => i !== null).map((i) => i[1]),
];

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

let dist: Dist;
let code = '';
/** Code.js and every code file. */
let allCode: [string, string][] = [];

beforeAll(() => {
  buildDist();
  dist = readDist(DIST);
  code = dist.code;
  allCode = [['Code.js', code], ...Object.entries(dist.html).filter(([name]) => name.startsWith('code-'))];
}, 120000);

describe('dist/', () => {
  test('holds the bundle, the manifest and the HTML files', () => {
    expect(fs.existsSync(path.join(DIST, 'appsscript.json'))).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8'));
    expect(manifest.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(manifest.runtimeVersion).toBe('V8');
    // The Sheets advanced service: clasp push then enables the Sheets API that "Tổng hợp" reads and writes through.
    expect(manifest.dependencies.enabledAdvancedServices).toContainEqual({
      userSymbol: 'Sheets',
      serviceId: 'sheets',
      version: 'v4',
    });
  });

  test('holds one code file per group, at least the menu groups', () => {
    expect(Object.keys(dist.groups).length).toBeGreaterThanOrEqual(5);
    for (const group of Object.keys(dist.groups)) expect(dist.html[`code-${group}`]).toBeDefined();
    expect(dist.html.sidebar).toBeDefined(); // and the page of the settings sidebar
  });

  test('Code.js and the code files use nothing Apps Script lacks', () => {
    expect(allCode.length).toBeGreaterThan(5);
    for (const [, text] of allCode) {
      expect(text).not.toMatch(/\brequire\s*\(/);
      expect(text).not.toMatch(/^\s*(import|export)\s/m);
      expect(text).not.toMatch(/\bprocess\./);
      expect(text).not.toMatch(/\bBuffer\b/);
      expect(text).not.toContain('<?'); // an HTML file is a template: no scriptlet in the code
    }
  });

  test('Code.js is at most 150 KB: every menu click and every trigger loads it', () => {
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(150 * 1024);
    // Only the loader and the menu are eager: the work of a menu item is in its code file.
    expect(code).not.toContain('doAggregate');
    expect(dist.html['code-aggregate']).toContain('doAggregate');
  });

  test('is minified, Vietnamese kept as UTF-8, no keepNames wrappers (terser keeps the names instead)', () => {
    // Escaped ("T\\u1ED5ng h\\u1EE3p") every Vietnamese letter would cost 6 bytes instead of 2–3.
    for (const text of ['Tổng hợp', 'Dân vận', 'Nộp báo cáo tháng…']) expect(code).toContain(text);
    for (const text of ['Tổng hợp', 'Đơn vị', 'Người thực hiện'])
      expect(dist.html['code-aggregate'].includes(text)).toBe(true);
    for (const [, text] of allCode) expect(text.match(/\b__name\(/)?.[0]).toBeUndefined();
    // Three lines per top-level stub; the rest (header, loader, menu module) is a handful of long lines.
    const stubs = code.match(/^function \w+\(\) \{$/gm)?.length ?? 0;
    expect(stubs).toBeGreaterThanOrEqual(HANDLERS.length);
    expect(code.split('\n').length - 3 * stubs).toBeLessThan(8);
    for (const [, text] of allCode) expect(text.split('\n').length).toBeLessThan(3 * stubs + 8);
  });

  test('every handler is a top-level function declaration', () => {
    for (const name of HANDLERS) expect(code).toMatch(new RegExp(`^function ${name}\\(\\) \\{$`, 'm'));
  });
});

describe('dist/Code.js in a context with only the Apps Script globals', () => {
  let fake: GasFake;
  let context: vm.Context;
  let master: GoogleAppsScript.Spreadsheet.Spreadsheet;
  const call = (name: string) => vm.runInContext(`${name}()`, context);

  beforeAll(() => {
    fake = createGasFake({ now: new Date('2018-10-05T09:00:00+07:00'), user: 'bandanvan@muongnhe.vn' });
    master = fake.createSpreadsheet('Tổng hợp dân vận', { active: true });
    serveHtml(fake, dist);
    context = fake.createVmContext();
    vm.runInContext(code, context, { filename: 'Code.js' });
  });

  test('has no Node globals', () => {
    for (const name of ['require', 'process', 'module', 'exports', 'Buffer', 'setTimeout', 'setInterval', 'fetch'])
      expect(vm.runInContext(`typeof ${name}`, context)).toBe('undefined');
  });

  test('defines onOpen and the menu handlers as top-level functions', () => {
    for (const name of HANDLERS) expect(typeof context[name]).toBe('function');
  });

  test('onOpen adds the menu', () => {
    call('onOpen');
    expect(fake.ui.menus[0].title).toBe('Dân vận');
    expect(fake.ui.findItem('Tổng hợp')?.functionName).toBe('aggregateReports');
  });

  test('"Thiết lập", "Tạo mẫu báo cáo cho xã" and "Tổng hợp" produce a correct summary', () => {
    call('setupSheets');
    expect(fake.ui.alerts.at(-1)?.prompt).toContain('không có lỗi');

    fake.ui.queuePromptResponse({ text: '2018' });
    call('createTemplates');
    const units = defaultUnits();
    const rows = indicatorRows(defaultCatalogue());
    const dvk = rows.get('DVK_DANGKY') as number;
    const amount = rows.get('LDLD_MAIAM_GIATRI') as number;
    units.forEach((u, i) => {
      const s = master.getSheetByName(unitSheetName(u, 2018)) as Sheet;
      expect(s).not.toBeNull();
      s.getRange(LAYOUT.submittedRow, monthCol(9)).setValue(isoToSerial('2018-09-16'));
      s.getRange(dvk, monthCol(8)).setValue(100);
      s.getRange(dvk, monthCol(9)).setValue(i + 1);
      s.getRange(amount, monthCol(9)).setValue(0.5);
    });

    fake.ui.queuePromptResponse({ text: '' }); // default period: September 2018
    call('aggregateReports');
    const summary = master.getSheetByName('Tổng hợp 2018-09') as Sheet;
    expect(summary).not.toBeNull();
    const values = summary.getDataRange().getValues();
    const row = (label: string) => values.find((r) => r[1] === label) as unknown[];
    const n = units.length;
    const dvkRow = row('Mô hình "Dân vận khéo" đăng ký');
    expect(dvkRow[3]).toBe((n * (n + 1)) / 2); // this month: 1 + 2 + … + 11
    expect(dvkRow[4]).toBe((n * (n + 1)) / 2 + 100 * n); // year to date
    expect(row('Giá trị nhà "Mái ấm công đoàn"')[3]).toBe(0.5 * n);
    const shown = summary.getDataRange().getDisplayValues();
    expect(shown.find((r) => r[1] === 'Xã Chung Chải')?.[3]).toBe('16/09/2018');
    expect(fake.toasts.at(-1)?.msg).toBe(
      'Đã tổng hợp tháng 9/2018: 11/11 đơn vị đã nộp. Kết quả ở trang "Tổng hợp 2018-09".',
    );
  });
});

describe('stack traces from the minified bundle', () => {
  /**
   * Named frames of the bundle, innermost first ("at doAggregate (code-aggregate.html:1:234)" →
   * doAggregate): Code.js and the code files (the loader names the evaluated file with a sourceURL).
   */
  const bundleFrames = (stack: string) =>
    [...stack.matchAll(/^\s*at (?:new )?(\S+) \((?:Code\.js|code-\w+\.html):/gm)].map(
      (m) => m[1].split('.').at(-1) as string,
    );

  /** "Thiết lập", "Tạo mẫu", then "Tổng hợp" with the stack of every service call it makes. */
  function aggregateStacks(build: Dist): string[][] {
    const fake = createGasFake({ now: new Date('2018-10-05T09:00:00+07:00'), user: 'bandanvan@muongnhe.vn' });
    fake.createSpreadsheet('Tổng hợp dân vận', { active: true });
    serveHtml(fake, build);
    const context = fake.createVmContext();
    vm.runInContext(build.code, context, { filename: 'Code.js' });
    vm.runInContext('setupSheets()', context);
    fake.ui.queuePromptResponse({ text: '2018' });
    vm.runInContext('createTemplates()', context);
    const stacks: string[][] = [];
    // A fault that never fires: its predicate sees every service call, from inside the bundle.
    fake.faults.add({
      method: '*',
      when: () => {
        stacks.push(bundleFrames(new Error('where').stack ?? ''));
        return false;
      },
      error: 'never',
    });
    fake.ui.queuePromptResponse({ text: '' });
    vm.runInContext('aggregateReports()', context);
    return stacks;
  }

  test('"Tổng hợp" shows the same function names as the readable build, at every service call', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-readable-'));
    try {
      buildDist(out, { minify: false });
      const readable = aggregateStacks(readDist(out));
      const minified = aggregateStacks(dist);
      expect(readable.length).toBeGreaterThan(5);
      const deepest = readable.reduce((a, b) => (b.length > a.length ? b : a));
      expect(deepest.length).toBeGreaterThanOrEqual(4);
      expect(deepest.at(-1)).toBe('aggregateReports');
      expect(deepest).toContain('doAggregate');
      // Mangled names would show here as "Xs", "_i", "ba"…
      expect(minified).toEqual(readable);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 60000);
});
