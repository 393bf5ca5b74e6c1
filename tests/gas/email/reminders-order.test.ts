/**
 * When the quota or the run's time runs out, the units not yet reminded this period go first on the
 * next reminder day, and "Nhật ký" says truthfully when the others will be reminded (no run is
 * scheduled later the same day). September 2018: reminder days Mon 17/09 and Tue 18/09 (deadline).
 */
import { sendReminders } from '../../../src/gas/email/index';
import { logText, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

function make(now: string, mailQuota?: number): World {
  return world({
    now,
    ...(mailQuota === undefined ? {} : { mailQuota }),
    allTabs: true,
    units: { 'chung-chai': { submitted: { 9: '2018-09-15' } } },
    settings: { recipients: ['bdv@dienbien.gov.vn'] },
  });
}

test('quota short on both reminder days: the units not reached on the first day go first on the second', () => {
  w = make('2018-09-17T07:00:00+07:00', 5);
  const d1 = sendReminders();
  expect(d1.reminded).toHaveLength(5);
  expect(d1.notSent).toHaveLength(5);
  expect(logText(w)).toContain('18/09/2018');
  w.fake.clock.set(new Date('2018-09-18T07:00:00+07:00'));
  w.fake.mail.setRemainingQuota(5);
  const d2 = sendReminders();
  expect([...d2.reminded].sort()).toEqual([...d1.notSent].sort());
  expect(d2.notSent.sort()).toEqual([...d1.reminded].sort());
});

test('out of time on the deadline day: the log promises no later run', () => {
  w = make('2018-09-18T07:00:00+07:00');
  w.fake.latency = { 'MailApp.sendEmail': 60_000, sendEmail: 60_000 };
  const r = sendReminders();
  expect(r.notSent.length).toBeGreaterThan(0);
  expect(w.triggers()).toHaveLength(0);
  const text = logText(w);
  expect(text).not.toContain('lần chạy sau');
  expect(text).toContain('ngày nhắc cuối cùng');
  // Nor does the next day remind anyone: the deadline has passed.
  w.fake.latency = {};
  w.fake.clock.set(new Date('2018-09-19T07:00:00+07:00'));
  expect(sendReminders().status).toBe('not-due');
});

test('out of time before the deadline: the log names the next reminder day, when they go first', () => {
  w = make('2018-09-17T07:00:00+07:00');
  w.fake.latency = { 'MailApp.sendEmail': 60_000, sendEmail: 60_000 };
  const d1 = sendReminders();
  expect(d1.notSent.length).toBeGreaterThan(0);
  expect(logText(w)).toContain('18/09/2018');
  expect(logText(w)).not.toContain('lần chạy sau');
  w.fake.latency = {};
  w.fake.clock.set(new Date('2018-09-18T07:00:00+07:00'));
  const d2 = sendReminders();
  expect(d2.reminded.slice(0, d1.notSent.length).sort()).toEqual([...d1.notSent].sort());
});
