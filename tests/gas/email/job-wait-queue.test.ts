/**
 * Scheduled sends waiting for their deadline (`job.wait`) are never lost: a deadline longer than a
 * month has two periods waiting at once, a given-up job's notice retry keeps the wait's trigger,
 * and an early manual send left unfinished does not stand for the scheduled send.
 */
import { enableMonthlyEmail, sendReportNow } from '../../../src/gas/email/index';
import { MAX_WAITS, type RunOutcome, sentRecord } from '../../../src/gas/email/job';
import type { TriggerInfo } from '../../fakes/gas/triggers';
import { fire, logText, scope, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const HOUR = 3600_000;
const WAIT_KEY = 'danvan.email.job.wait';

/** Advance the clock to `untilIso`, firing each one-off resume trigger when it is due. */
function runUntil(untilIso: string): RunOutcome[] {
  const end = Date.parse(untilIso);
  const out: RunOutcome[] = [];
  for (;;) {
    const due = (w.triggers('resumeReportJob') as unknown as TriggerInfo[])
      .map((t) => ({ t, at: t.createdAt.getTime() + (t.schedule.after ?? 0) }))
      .sort((a, b) => a.at - b.at)[0];
    if (!due || due.at > end) break;
    if (due.at > w.fake.clock.now().getTime()) w.fake.clock.set(new Date(due.at));
    out.push(w.fake.fireTrigger(due.t, scope) as RunOutcome);
  }
  w.fake.clock.set(new Date(end));
  return out;
}

const subjects = () => w.fake.mail.sent.map((m) => m.subject);
const month = (index: number) => ({ type: 'month' as const, year: 2018, index });

describe('a deadline longer than a month (30 working days)', () => {
  function longWorld(): World {
    w = world({
      now: '2018-09-20T07:00:00+07:00',
      stubAggregate: true,
      settings: { recipients: ['bdv@dienbien.gov.vn'], sendDay: 20, submitDays: 30 },
    });
    enableMonthlyEmail();
    return w;
  }

  test('October’s scheduled run waits beside September’s: each report goes once, September first', () => {
    longWorld();
    const [sep] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect([sep.status, sep.period]).toEqual(['waiting', 'tháng 9/2018']);
    w.fake.clock.set(new Date('2018-10-20T07:00:00+07:00'));
    const [oct] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect([oct.status, oct.period]).toEqual(['waiting', 'tháng 10/2018']);
    // One resume trigger serves both (Apps Script allows 20 triggers per user).
    expect(w.triggers('resumeReportJob')).toHaveLength(1);

    const runs = runUntil('2018-12-31T23:00:00+07:00');
    expect(runs.filter((o) => o.status === 'sent').map((o) => o.period)).toEqual(['tháng 9/2018', 'tháng 10/2018']);
    expect(subjects()).toHaveLength(2);
    expect(subjects()[0]).toContain('9/2018');
    expect(subjects()[1]).toContain('10/2018');
    expect(sentRecord(month(9))).toMatchObject({ manual: false });
    expect(sentRecord(month(10))).toMatchObject({ manual: false });
    // Nothing waits any more, and no trigger is left behind.
    expect(w.fake.properties.document()[WAIT_KEY]).toBeUndefined();
    expect(w.triggers('resumeReportJob')).toHaveLength(0);
  });

  test('a single wait stored by the previous version (upgrading mid-wait) is still sent, beside the next one', () => {
    longWorld();
    fire(w, 'monthlyReportJob');
    // As the previous version stored it: one object, not a list.
    const until = Date.parse('2018-10-31T07:00:00+07:00');
    PropertiesService.getDocumentProperties().setProperty(WAIT_KEY, JSON.stringify({ key: '2018-09', until }));
    w.fake.clock.set(new Date('2018-10-20T07:00:00+07:00'));
    const [oct] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect([oct.status, oct.period]).toEqual(['waiting', 'tháng 10/2018']);
    const runs = runUntil('2018-12-31T23:00:00+07:00');
    expect(runs.filter((o) => o.status === 'sent').map((o) => o.period)).toEqual(['tháng 9/2018', 'tháng 10/2018']);
    expect(subjects()).toHaveLength(2);
  });

  test('waits a year long never make the stored list grow past MAX_WAITS; a period dropped is said in "Nhật ký"', () => {
    longWorld();
    // Settings unusable for a year: nothing resumes, each month's scheduled run adds its wait.
    const props = PropertiesService.getDocumentProperties();
    const old = Array.from({ length: MAX_WAITS }, (_, i) => ({
      key: `2017-${String(i + 1).padStart(2, '0')}`,
      until: Date.parse('2018-12-01T07:00:00+07:00') + i * HOUR,
    }));
    props.setProperty(WAIT_KEY, JSON.stringify(old));
    const [sep] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(sep.status).toBe('waiting');
    const stored = JSON.parse(props.getProperty(WAIT_KEY) ?? '[]') as { key: string }[];
    expect(stored).toHaveLength(MAX_WAITS);
    expect(stored.map((x) => x.key)).toContain('2018-09');
    expect(stored.map((x) => x.key)).not.toContain('2017-01');
    expect(logText(w)).toContain('tháng 1/2017');
  });
});

describe('a waiting send keeps its trigger', () => {
  test('a manual send given up (Gmail failing, notice not sent) does not lose the scheduled send waiting over Tết', () => {
    // February 2018: deadline Thursday 22/02; the scheduled run on 20/02 waits for Friday 23/02.
    w = world({
      now: '2018-02-20T07:05:00+07:00',
      stubAggregate: true,
      settings: { recipients: ['bdv@dienbien.gov.vn'] },
    });
    enableMonthlyEmail();
    const [first] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(first.status).toBe('waiting');
    // An admin sends by hand before the deadline while Gmail fails: retried, given up, notice not sent.
    const fault = w.fake.faults.add({ method: 'MailApp.sendEmail', error: 'Service unavailable: Gmail' });
    w.fake.clock.set(new Date('2018-02-21T08:00:00+07:00'));
    w.fake.ui.queueAlertResponse('YES');
    expect(sendReportNow().status).toBe('failed');
    const tries = runUntil('2018-02-22T18:00:00+07:00').map((o) => o.status);
    expect(tries).toEqual(['failed', 'failed', 'gave-up']);
    // The notice is to be tried again a day later (23/02 14:30): the wait, due first, keeps its trigger.
    fault.remove();
    runUntil('2018-02-23T12:00:00+07:00');
    // The complete report went on 23/02 at 7:00, counted as the period's scheduled send.
    const notices = w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Chưa gửi được'));
    const reports = w.fake.mail.sent.filter((m) => !notices.includes(m));
    expect(notices).toHaveLength(1);
    expect(reports).toHaveLength(1);
    const at = reports[0].sentAt.getTime() - Date.parse('2018-02-23T07:00:00+07:00');
    expect(at >= 0 && at < 10 * 60_000).toBe(true);
    expect(sentRecord(month(2))).toMatchObject({ manual: false });
    expect(sentRecord(month(2))?.beforeDeadline).toBeUndefined();
  });
});

describe('an early manual send left unfinished', () => {
  /** 18/09/2018 17:00, on September's deadline (18/09): "Gửi báo cáo ngay" while Gmail fails. */
  function earlyFailing(): World {
    w = world({
      now: '2018-09-18T17:00:00+07:00',
      stubAggregate: true,
      settings: { recipients: ['bdv@dienbien.gov.vn', 'tinhuy@dienbien.gov.vn'], sendDay: 19 },
    });
    enableMonthlyEmail();
    const fault = w.fake.faults.add({ method: 'MailApp.sendEmail', error: 'Service unavailable: Gmail' });
    w.fake.ui.queueAlertResponse('YES');
    expect(sendReportNow().status).toBe('failed');
    expect(runUntil('2018-09-19T06:00:00+07:00').map((o) => o.status)).toEqual(['failed', 'failed']);
    fault.remove();
    return w;
  }

  test('the scheduled run after the deadline, meeting it waiting for a retry, sends the complete report as the scheduled send', () => {
    earlyFailing();
    w.fake.clock.set(new Date('2018-09-19T07:00:00+07:00'));
    const [o] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect([o.status, o.period]).toEqual(['sent', 'tháng 9/2018']);
    expect(sentRecord(month(9))).toMatchObject({ manual: false });
    expect(sentRecord(month(9))?.beforeDeadline).toBeUndefined();
    expect(logText(w)).toContain('Lần gửi tay báo cáo tháng 9/2018 trước hạn nộp chưa xong');
    // The early send's retry does not send again, nor does a second firing.
    runUntil('2018-09-22T07:00:00+07:00');
    const [again] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(again.status).toBe('skipped-sent');
    expect(w.fake.mail.sent).toHaveLength(1);
  });

  test('taken over after its run stopped (nothing scheduled): the completion counts as the scheduled send', () => {
    earlyFailing();
    // Its retry trigger lost (deleted by hand, say): the job is left with nobody to carry it on.
    for (const t of ScriptApp.getProjectTriggers())
      if (t.getHandlerFunction() === 'resumeReportJob') ScriptApp.deleteTrigger(t);
    w.fake.clock.set(new Date('2018-09-20T07:00:00+07:00'));
    const [o] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect([o.status, o.period]).toEqual(['sent', 'tháng 9/2018']);
    expect(sentRecord(month(9))).toMatchObject({ manual: false });
    expect(sentRecord(month(9))?.beforeDeadline).toBeUndefined();
    const [again] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(again.status).toBe('skipped-sent');
    expect(w.recipients()).toEqual(['bdv@dienbien.gov.vn', 'tinhuy@dienbien.gov.vn']);
  });

  test('a scheduled run before the deadline does not take it over (it would send early): it waits, then sends in full after it', () => {
    // February 2018: deadline Thursday 22/02. 06:00 on 20/02, an admin sends by hand while Gmail fails.
    w = world({
      now: '2018-02-20T06:00:00+07:00',
      stubAggregate: true,
      settings: { recipients: ['bdv@dienbien.gov.vn'] },
    });
    enableMonthlyEmail();
    const fault = w.fake.faults.add({ method: 'MailApp.sendEmail', error: 'Service unavailable: Gmail' });
    w.fake.ui.queueAlertResponse('YES');
    expect(sendReportNow().status).toBe('failed');
    fault.remove();
    for (const t of ScriptApp.getProjectTriggers())
      if (t.getHandlerFunction() === 'resumeReportJob') ScriptApp.deleteTrigger(t);
    w.fake.clock.set(new Date('2018-02-20T07:05:00+07:00'));
    const [o] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(o.status).toBe('waiting');
    expect(w.fake.mail.sent).toHaveLength(0);
    // The person's send is carried on (their choice, recorded as early); the scheduled one after the deadline.
    runUntil('2018-02-23T12:00:00+07:00');
    const at = w.fake.mail.sent.map((m) => m.sentAt.getTime());
    expect(at).toHaveLength(2);
    expect(at[0]).toBeLessThan(Date.parse('2018-02-21T00:00:00+07:00'));
    expect(at[1]).toBeGreaterThanOrEqual(Date.parse('2018-02-23T07:00:00+07:00'));
    expect(sentRecord(month(2))).toMatchObject({ manual: false });
  });
});
