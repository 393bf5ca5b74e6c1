/**
 * A scheduled send that waited for its deadline is of the period it waited for: with a deadline of
 * many working days the next period has closed by then, and the resume must not take that one.
 */
import { disableMonthlyEmail, enableMonthlyEmail, sendReportNow } from '../../../src/gas/email/index';
import type { RunOutcome } from '../../../src/gas/email/job';
import { fire, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

/** Moves the clock to when the pending resume trigger fires, and fires it. */
function resumeWhenDue(from: string): RunOutcome[] {
  const [resume] = w.triggers('resumeReportJob');
  w.fake.clock.set(new Date(Date.parse(from) + (resume.schedule.after ?? 0)));
  return fire(w, 'resumeReportJob') as RunOutcome[];
}

test('a long deadline (30 working days): September waits past October’s close and is still September’s report', () => {
  w = world({
    now: '2018-09-20T07:00:00+07:00',
    stubAggregate: true,
    settings: { recipients: ['bdv@dienbien.gov.vn'], sendDay: 20, submitDays: 30 },
  });
  enableMonthlyEmail();
  const [first] = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect([first.status, first.period]).toEqual(['waiting', 'tháng 9/2018']);
  const [resumed] = resumeWhenDue('2018-09-20T07:00:00+07:00');
  expect([resumed.status, resumed.period]).toEqual(['sent', 'tháng 9/2018']);
  expect(w.fake.mail.sent.map((m) => m.subject).join()).toContain('9/2018');
});

test('"Tắt" that forgets another admin’s schedule drops the send it left waiting', () => {
  w = world({
    now: '2018-02-20T07:05:00+07:00',
    stubAggregate: true,
    settings: { recipients: ['bdv@dienbien.gov.vn'] },
  });
  // Phó ban's schedule waits over Tết for February's deadline.
  w.fake.setUser('pho@muongnhe.vn');
  enableMonthlyEmail();
  const [first] = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect(first.status).toBe('waiting');
  // Phó ban deletes his triggers by hand; the other admin turns the schedule off, forgetting it.
  for (const t of ScriptApp.getProjectTriggers()) ScriptApp.deleteTrigger(t);
  w.fake.setUser('bdv@muongnhe.vn');
  w.fake.ui.queueAlertResponse('YES');
  disableMonthlyEmail();
  expect(PropertiesService.getDocumentProperties().getProperty('danvan.email.job.wait')).toBeNull();
  // A report sent by hand early does not bring the forgotten scheduled send back.
  w.fake.clock.set(new Date('2018-02-21T09:00:00+07:00'));
  w.fake.ui.queueAlertResponse('YES');
  sendReportNow();
  w.fake.clock.set(new Date('2018-02-23T07:00:00+07:00'));
  fire(w, 'resumeReportJob');
  expect(w.fake.mail.sent).toHaveLength(1);
});
