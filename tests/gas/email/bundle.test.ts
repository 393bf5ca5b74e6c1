/**
 * The e-mail handlers bundled the way scripts/build.mjs bundles the add-on (one IIFE plus a
 * top-level function per export), run in a node:vm context that has only the fake's
 * Apps Script globals: no require, process, Buffer, setTimeout. Proves the handlers need
 * nothing Apps Script lacks, and that the default (real) clock works off the fake's Date.
 */
import path from 'node:path';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import { fire, type World, world } from './helpers';

const ROOT = path.join(__dirname, '../../..');
const HANDLERS = [
  'showSettings',
  'getSettingsForSidebar',
  'saveSettingsFromSidebar',
  'enableMonthlyEmail',
  'disableMonthlyEmail',
  'sendReportNow',
  'monthlyReportJob',
  'resumeReportJob',
  'sendReminders',
];

let code = '';

beforeAll(async () => {
  const result = await esbuild.build({
    stdin: {
      contents: "export * from './src/gas/email/index';",
      resolveDir: ROOT,
      loader: 'ts',
      sourcefile: 'entry.ts',
    },
    bundle: true,
    format: 'iife',
    globalName: '__email',
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['module', 'main'],
    loader: { '.json': 'json' },
    keepNames: true,
    minifyWhitespace: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const stubs = HANDLERS.map((n) => `function ${n}() {\n  return __email.${n}.apply(this, arguments);\n}\n`);
  code = `${result.outputFiles[0].text}\n${stubs.join('')}`;
});

let w: World;
afterEach(() => w?.done());

test('the bundle uses nothing Apps Script lacks', () => {
  expect(code).not.toMatch(/\brequire\s*\(/);
  expect(code).not.toMatch(/\bprocess\./);
  expect(code).not.toMatch(/\bBuffer\b/);
  expect(code).not.toMatch(/\bsetTimeout\b/);
});

test('in a vm with only the fake globals: enable, the trigger sends the real "Tổng hợp", reminders, sidebar', () => {
  w = world({
    now: '2018-09-17T07:00:00+07:00',
    allTabs: true,
    settings: { recipients: ['bdv@dienbien.gov.vn'] },
    units: { 'chung-chai': { submitted: { 9: '2018-09-15' } } },
  });
  // The fake is also installed on globalThis for the test's own set-up; the bundle sees only the context.
  const ctx = w.fake.createVmContext();
  vm.runInContext(code, ctx, { filename: 'Code.js' });
  for (const name of HANDLERS) expect(typeof ctx[name]).toBe('function');
  expect(ctx.require).toBeUndefined();
  expect(ctx.process).toBeUndefined();

  ctx.enableMonthlyEmail();
  expect(w.triggers('monthlyReportJob')).toHaveLength(1);
  expect(w.triggers('sendReminders')).toHaveLength(1);

  // 17/09 07:00: reminders to the 10 communes that have not submitted September.
  const [rem] = fire(w, 'sendReminders') as { reminded: string[] }[];
  expect(rem.reminded).toHaveLength(10);

  // The 17th is also the send day: the report of September goes out once.
  fire(w, 'monthlyReportJob');
  fire(w, 'monthlyReportJob');
  const reports = w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Báo cáo'));
  expect(reports).toHaveLength(1);
  expect(reports[0].toList).toEqual(['bdv@dienbien.gov.vn']);
  expect(reports[0].attachments).toHaveLength(1);

  const data = ctx.getSettingsForSidebar();
  expect(data.settings.aggregatingUnitName).toBe('Mường Nhé');
  const saved = ctx.saveSettingsFromSidebar({ ...data.settings, sendDay: '31' });
  expect(saved.ok).toBe(false);
  expect(saved.errors.sendDay).toBe('Ngày gửi báo cáo phải nhỏ hơn hoặc bằng 28');
  ctx.showSettings();
  expect(w.fake.ui.shown.at(-1)?.kind).toBe('sidebar');
});
