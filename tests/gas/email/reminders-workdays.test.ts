/**
 * Reminders go out on working days only, `reminderDaysBefore` counted in working days before the
 * deadline as the deadline itself is (cutoff.ts): never on a weekend or a listed day off.
 * June 2018: window ends Thu 14/06, deadline 2 working days later = Mon 18/06.
 * February 2018: Tết off 14–20/02, deadline Thu 22/02.
 */
import { reminderSettings } from '../../../src/gas/email/deps';
import { sendReminders } from '../../../src/gas/email/index';
import { reminderDay } from '../../../src/gas/email/reminders';
import { type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

function make(now: string, reminderDaysBefore: number): World {
  return world({
    now,
    allTabs: true,
    units: { 'chung-chai': { submitted: { 2: '2018-02-13', 6: '2018-06-14' } } },
    settings: { recipients: ['bdv@dienbien.gov.vn'], reminderDaysBefore },
  });
}

test.each([
  ['Sunday before the deadline', '2018-06-17T07:00:00+07:00', 1],
  ['Saturday before the deadline', '2018-06-16T07:00:00+07:00', 2],
  ['Tết day off (19/02/2018)', '2018-02-19T07:00:00+07:00', 3],
  ['Tết day off (20/02/2018)', '2018-02-20T07:00:00+07:00', 5],
])('no reminder on a %s', (_, now, days) => {
  w = make(now, days);
  const r = sendReminders();
  expect(r.status).toBe('not-due');
  expect(w.fake.mail.sent).toHaveLength(0);
});

test('one working day before a Monday deadline is the Friday', () => {
  w = make('2018-06-15T07:00:00+07:00', 1);
  const r = sendReminders();
  expect(r.status).toBe('sent');
  expect(r.reminded).toHaveLength(10);
  expect(w.fake.mail.sent[0].subject).toContain('18/06/2018');
});

test('reminder days counted in working days across Tết: 21 and 22/02, not the days off', () => {
  w = make('2018-02-21T07:00:00+07:00', 3);
  // As the reminders read them: with the days off of "Ngày nghỉ".
  const read = reminderSettings();
  if (!read.ok) throw new Error(read.errors.join('\n'));
  const s = read.value;
  const days: string[] = [];
  for (let d = 1; d <= 28; d++) {
    const iso = `2018-02-${String(d).padStart(2, '0')}`;
    if (reminderDay(iso, s)) days.push(iso);
  }
  expect(days).toEqual(['2018-02-21', '2018-02-22']);
  expect(sendReminders().status).toBe('sent');
});

test('a calendar-day deadline on a Sunday: the last reminder is the Friday before', () => {
  // June 2018, 3 calendar days: window ends Thu 14/06, deadline Sun 17/06.
  w = make('2018-06-15T07:00:00+07:00', 0);
  const s = { ...w.settings(), submitDays: 3, submitWorkingDays: false };
  expect(reminderDay('2018-06-17', s)).toBeNull();
  expect(reminderDay('2018-06-16', s)).toBeNull();
  expect(reminderDay('2018-06-15', s)?.deadline).toBe('2018-06-17');
});
