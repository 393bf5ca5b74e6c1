/**
 * A send went out, then saving its result failed (PropertiesService's passing "Service error"):
 * the next run must not send the same report again to the same recipients, and the person or the
 * log is told how far it really got.
 */
import { currentJob, type RunOutcome } from '../../../src/gas/email/job';
import { GAS_ERRORS } from '../../fakes/gas/errors';
import { logText, recipientsList, runResumesFor, scope, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const runFor = (totalMs: number, stepMs?: number): RunOutcome[] => runResumesFor(w, totalMs, stepMs);

/** Each address as often as it was sent the report. */
function copies(): Map<string, number> {
  const n = new Map<string, number>();
  for (const a of w.recipients()) n.set(a, (n.get(a) ?? 0) + 1);
  return n;
}

/** PropertiesService fails `times` times, starting with the first write after the first mail went out. */
function failSavesAfterFirstSend(times: number, error: string = GAS_ERRORS.serviceError('PropertiesService')) {
  return w.fake.faults.add({
    method: 'Properties.setProperties',
    when: () => w.fake.mail.sent.length >= 1,
    error,
    times,
  });
}

test('a passing "Service error" saving progress after a send: tried again, nobody gets the report twice', () => {
  const all = recipientsList(120);
  w = world({ stubAggregate: true, settings: { recipients: all } });
  const fault = failSavesAfterFirstSend(1);
  const { monthlyReportJob } = scope as { monthlyReportJob: () => RunOutcome };
  const first = monthlyReportJob();
  expect(fault.fired).toBe(1);
  expect(first.status).toBe('sent');
  expect(first.sent).toBe(120);
  runFor(48 * 3600_000, 30 * 60_000);
  expect(w.recipients()).toHaveLength(120);
  expect([...copies().values()].every((n) => n === 1)).toBe(true);
  expect(w.fake.mail.sent).toHaveLength(3);
});

test('progress that cannot be saved at all: the run says how far it got, logs who, and the resume does not send again', () => {
  const all = recipientsList(120);
  w = world({ stubAggregate: true, settings: { recipients: all } });
  // Longer than the retries of one save: PropertiesService is down for the rest of this run.
  const fault = failSavesAfterFirstSend(4, GAS_ERRORS.serverError);
  const { monthlyReportJob } = scope as { monthlyReportJob: () => RunOutcome };
  const first = monthlyReportJob();
  expect(fault.fired).toBe(4);
  expect(first.status).toBe('failed');
  // Told the truth: 50 have it, not "0/120".
  expect(first.sent).toBe(50);
  expect(first.message).toContain('50/120');
  expect(w.fake.mail.sent).toHaveLength(1);
  const log = logText(w);
  expect(log).toContain('Báo cáo tháng 9/2018: đã gửi tới 50/120 người nhận nhưng không lưu được tiến độ');
  expect(log).toContain(all[0]);

  const later = runFor(48 * 3600_000, 5 * 60_000);
  expect(later.at(-1)?.status).toBe('sent');
  expect(currentJob()).toBeNull();
  // Everyone once: the first batch was not sent again.
  expect(w.recipients()).toHaveLength(120);
  expect([...copies().values()].every((n) => n === 1)).toBe(true);
  expect(logText(w)).toContain('coi như họ đã nhận và không gửi lại');
});

test('a run stopped right after a send (nothing saved after it) does not make the next run send that batch again', () => {
  const all = recipientsList(60);
  w = world({ stubAggregate: true, settings: { recipients: all } });
  // Apps Script stops the run once the first mail is out: every later call fails, nothing is caught.
  const dead = ['PropertiesService.*', 'Properties.*', 'ScriptApp.*', 'Sheet.*', 'Range.*', 'MailApp.*'].map((method) =>
    w.fake.faults.add({
      method,
      when: () => w.fake.mail.sent.length >= 1,
      error: 'Exceeded maximum execution time',
    }),
  );
  const { monthlyReportJob } = scope as { monthlyReportJob: () => RunOutcome };
  try {
    monthlyReportJob();
  } catch {
    // Apps Script ends such a run with its error: what matters is what the next run does.
  }
  for (const f of dead) f.remove();
  expect(w.fake.mail.sent).toHaveLength(1);
  const later = runFor(3 * 3600_000);
  expect(later.at(-1)?.status).toBe('sent');
  expect(w.recipients()).toHaveLength(60);
  expect([...copies().values()].every((n) => n === 1)).toBe(true);
});
