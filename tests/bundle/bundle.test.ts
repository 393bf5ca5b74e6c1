/**
 * The built dist/Code.js, loaded into a node:vm context whose only globals are the
 * Apps Script fake's services (plus the standard JavaScript built-ins): no require,
 * process, module, Buffer or timers. Proves Apps Script finds the handlers as top-level
 * functions, that the bundle runs "Thiết lập", "Tạo mẫu" and "Tổng hợp" end to end, and that
 * the minified bundle still names its functions in stack traces (V8 — in Apps Script too — takes
 * the names from the source, so they must survive minification).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { defaultCatalogue, defaultUnits } from '../../src/engine/catalogue/defaults';
import { indicatorRows, isoToSerial, LAYOUT, monthCol, unitSheetName } from '../../src/engine/sheet/layout';
import { MENU_ITEMS } from '../../src/gas/menu';
import { createGasFake, type GasFake } from '../fakes/gas';

const ROOT = path.join(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const HANDLERS = [
  'onOpen',
  'onInstall',
  ...MENU_ITEMS.filter((i): i is [string, string] => i !== null).map((i) => i[1]),
];

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

let code = '';

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--gas-only'], { cwd: ROOT, stdio: 'pipe' });
  code = fs.readFileSync(path.join(DIST, 'Code.js'), 'utf8');
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

  test('Code.js uses nothing Apps Script lacks', () => {
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\bprocess\./);
    expect(code).not.toMatch(/\bBuffer\b/);
  });

  test('is minified, Vietnamese kept as UTF-8, no keepNames wrappers (terser keeps the names instead)', () => {
    // Escaped ("T\\u1ED5ng h\\u1EE3p") every Vietnamese letter would cost 6 bytes instead of 2–3.
    for (const text of ['Tổng hợp', 'Dân vận', 'Đơn vị', 'Nộp báo cáo tháng…']) expect(code).toContain(text);
    expect(code.match(/\b__name\(/)?.[0]).toBeUndefined();
    expect(code.split('\n').length).toBeLessThan(HANDLERS.length * 4 + 10); // the bundle's lines + the stubs
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
  /** Named frames of the bundle, innermost first ("at doAggregate (Code.js:1:234)" → doAggregate). */
  const bundleFrames = (stack: string) =>
    [...stack.matchAll(/^\s*at (?:new )?(\S+) \(Code\.js:/gm)].map((m) => m[1].split('.').at(-1) as string);

  /** "Thiết lập", "Tạo mẫu", then "Tổng hợp" with the stack of every service call it makes. */
  function aggregateStacks(bundle: string): string[][] {
    const fake = createGasFake({ now: new Date('2018-10-05T09:00:00+07:00'), user: 'bandanvan@muongnhe.vn' });
    fake.createSpreadsheet('Tổng hợp dân vận', { active: true });
    const context = fake.createVmContext();
    vm.runInContext(bundle, context, { filename: 'Code.js' });
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
      execFileSync(
        process.execPath,
        [path.join(ROOT, 'scripts/build.mjs'), '--gas-only', '--no-minify', '--out', out],
        {
          cwd: ROOT,
          stdio: 'pipe',
        },
      );
      const readable = aggregateStacks(fs.readFileSync(path.join(out, 'Code.js'), 'utf8'));
      const minified = aggregateStacks(code);
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
