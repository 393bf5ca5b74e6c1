import vm from 'node:vm';
import { type Dist, serveHtml, tempDist } from '../../bundle/dist';
import { type World, world } from './helpers';

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

const built = tempDist('tonghop-email-bundle-');
let dist: Dist;
beforeAll(() => {
  dist = built();
});

let w: World;
afterEach(() => w?.done());

test('Code.js and the e-mail code files use nothing Apps Script lacks', () => {
  const files = [dist.code, ...Object.keys(dist.groups).map((g) => dist.html[`code-${g}`])];
  const email = new Set(HANDLERS.map((h) => Object.keys(dist.groups).find((g) => dist.groups[g].includes(h))));
  expect(email.has(undefined)).toBe(false); // every e-mail handler is lazy, in some group
  for (const text of files) {
    expect(text).not.toMatch(/\brequire\s*\(/);
    expect(text).not.toMatch(/\bprocess\./);
    expect(text).not.toMatch(/\bBuffer\b/);
    expect(text).not.toMatch(/\bsetTimeout\b/);
  }
});

test('in a vm with only the fake globals: enable, the trigger sends the real "Tổng hợp", reminders, sidebar', () => {
  w = world({
    now: '2018-09-17T07:00:00+07:00',
    allTabs: true,
    settings: { recipients: ['bdv@dienbien.gov.vn'] },
    units: { 'chung-chai': { submitted: { 9: '2018-09-15' } } },
  });
  // The fake is also installed on globalThis for the test's own set-up; the bundle sees only the context.
  serveHtml(w.fake, dist); // the code files and the sidebar page, as project files
  const ctx = w.fake.createVmContext();
  vm.runInContext(dist.code, ctx, { filename: 'Code.js' });
  // Triggers call the top-level functions of Code.js (the stubs), as Apps Script does.
  const fire = (handler: string) => w.triggers(handler).map((t) => w.fake.fireTrigger(t, ctx));
  for (const name of HANDLERS) expect(typeof ctx[name]).toBe('function');
  expect(ctx.require).toBeUndefined();
  expect(ctx.process).toBeUndefined();

  ctx.enableMonthlyEmail();
  expect(w.triggers('monthlyReportJob')).toHaveLength(1);
  expect(w.triggers('sendReminders')).toHaveLength(1);

  // 17/09 07:00: reminders to the 10 communes that have not submitted September.
  const [rem] = fire('sendReminders') as { reminded: string[] }[];
  expect(rem.reminded).toHaveLength(10);

  // The 17th is also the send day, but before September's deadline (18/09): the report waits for
  // the first working day after it, then goes out once.
  fire('monthlyReportJob');
  expect(w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Báo cáo'))).toHaveLength(0);
  w.fake.clock.set(new Date('2018-09-19T07:00:00+07:00'));
  fire('resumeReportJob');
  fire('monthlyReportJob');
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
  // Each group's code file was read once, although its functions were called several times.
  const groupReads = w.fake.calls.count('createTemplateFromFile');
  expect(groupReads).toBeGreaterThanOrEqual(1);
  expect(groupReads).toBeLessThanOrEqual(Object.keys(dist.groups).length);
  ctx.getSettingsForSidebar();
  ctx.sendReminders();
  expect(w.fake.calls.count('createTemplateFromFile')).toBe(groupReads);
});
