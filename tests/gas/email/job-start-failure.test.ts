/**
 * A passing Google error at the very start of the monthly trigger (reading "Cài đặt"): the run
 * tries again after a short pause, then by a one-off trigger; "Nhật ký" always says so, and the
 * admins are told when no more tries are left. Before, such a run ended with Google's error alone:
 * no report and no line in "Nhật ký".
 */
import { enableMonthlyEmail, sendReportNow } from '../../../src/gas/email/index';
import { currentJob, type RunOutcome, START_RETRY_DELAYS_MS } from '../../../src/gas/email/job';
import { GAS_ERRORS } from '../../fakes/gas/errors';
import { fire, logText, MASTER_ID, runResumesFor, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const HOUR = 3600_000;
const OUTAGE = `${GAS_ERRORS.serviceUnavailable} ${MASTER_ID}.`;

const runFor = (totalMs: number, stepMs?: number): RunOutcome[] => runResumesFor(w, totalMs, stepMs);

/** "Cài đặt" cannot be read: Sheets fails on it (`times` times, else until removed). */
function settingsOutage(times?: number) {
  return w.fake.faults.add({
    method: 'Spreadsheet.getSheetByName',
    when: (args) => args[0] === 'Cài đặt',
    error: OUTAGE,
    ...(times ? { times } : {}),
  });
}

const reports = () => w.fake.mail.sent.filter((m) => !m.subject.startsWith('[Dân vận] Chưa'));
const notices = () => w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Chưa lập được'));

test('one passing Sheets error reading "Cài đặt" at send time: tried again after a pause, the report goes', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  const fault = settingsOutage(1);
  const [outcome] = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect(fault.fired).toBe(1);
  expect(outcome.status).toBe('sent');
  expect(reports().flatMap((m) => m.toList)).toEqual(['a@dienbien.gov.vn']);
});

test('Sheets failing for a while at send time: "Nhật ký" says so in Vietnamese, a one-off trigger tries again and sends', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  const fault = settingsOutage();
  const [outcome] = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect(outcome.status).toBe('failed');
  expect(outcome.message).toContain('chưa lập được báo cáo hằng tháng');
  expect(reports()).toHaveLength(0);
  const log = logText(w);
  expect(log).toContain('gặp lỗi ngay khi bắt đầu');
  expect(log).toContain('Sẽ tự thử lại sau 30 phút (lần 1/2)');
  expect(log).toContain(OUTAGE);
  expect(w.triggers('resumeReportJob')).toHaveLength(1);
  fault.remove();
  const later = runFor(HOUR);
  expect(later.map((o) => o.status)).toEqual(['sent']);
  expect(reports().flatMap((m) => m.toList)).toEqual(['a@dienbien.gov.vn']);
  expect(currentJob()).toBeNull();
  expect(w.triggers('resumeReportJob')).toHaveLength(0);
  expect(notices()).toHaveLength(0);
});

test('Sheets failing for hours: after the last try the admins get one e-mail, and nothing tries again', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  settingsOutage();
  const statuses = (fire(w, 'monthlyReportJob') as RunOutcome[]).map((o) => o.status);
  statuses.push(...runFor(24 * HOUR, 10 * 60_000).map((o) => o.status));
  expect(statuses).toEqual(Array(START_RETRY_DELAYS_MS.length + 1).fill('failed'));
  expect(w.triggers('resumeReportJob')).toHaveLength(0);
  expect(reports()).toHaveLength(0);
  expect(logText(w)).toContain('không tự thử lại nữa');
  expect(notices().map((m) => m.toList)).toEqual([['bdv@muongnhe.vn']]);
  expect(notices()[0].body).toContain('Gửi báo cáo ngay');
});

test('PropertiesService failing as the trigger starts: "Nhật ký" says the report was not made, and the admins are told', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  const fault = w.fake.faults.add({ method: 'Properties.*', error: GAS_ERRORS.serverError });
  const [outcome] = fire(w, 'monthlyReportJob') as RunOutcome[];
  fault.remove();
  expect(outcome.status).toBe('failed');
  expect(reports()).toHaveLength(0);
  expect(logText(w)).toContain('chưa lập được báo cáo hằng tháng, chưa gửi cho ai, và không tự thử lại nữa');
  expect(notices().map((m) => m.toList)).toEqual([['bdv@muongnhe.vn']]);
});

test('the line in "Nhật ký" is written even when Sheets fails once as it is appended', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  settingsOutage();
  const append = w.fake.faults.add({ method: 'Sheet.appendRow', error: OUTAGE, times: 1 });
  const [outcome] = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect(outcome.status).toBe('failed');
  expect(append.fired).toBe(1);
  expect(logText(w)).toContain('gặp lỗi ngay khi bắt đầu');
});

describe('"Gửi báo cáo ngay" failing as it starts', () => {
  const alerts = () => w.fake.ui.alerts.map((a) => a.prompt);

  test('Sheets failing on "Cài đặt": the person is told in Vietnamese that nothing went and to try again; nothing is scheduled', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
    const fault = settingsOutage();
    const outcome = sendReportNow();
    expect(outcome.status).toBe('failed');
    const said = alerts().at(-1) ?? '';
    expect(said).toContain('Chưa gửi được báo cáo: Dịch vụ của Google (Google Sheets, Gmail) tạm thời gặp lỗi.');
    expect(said).toContain('Chưa gửi cho ai');
    expect(said).toContain('chọn lại "Dân vận › Gửi báo cáo ngay"');
    // Google's English stays in "Nhật ký", for IT staff.
    expect(said).not.toContain(OUTAGE);
    const log = logText(w);
    expect(log).toContain('"Gửi báo cáo ngay" gặp lỗi ngay khi bắt đầu');
    expect(log).toContain(OUTAGE);
    expect(w.triggers('resumeReportJob')).toHaveLength(0);
    expect(reports()).toHaveLength(0);
    // Clicked again once Sheets is back: it goes.
    fault.remove();
    expect(sendReportNow().status).toBe('sent');
    expect(reports().flatMap((m) => m.toList)).toEqual(['a@dienbien.gov.vn']);
  });

  test('PropertiesService failing: the same message, no English error thrown at the person', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
    w.fake.faults.add({ method: 'Properties.*', error: GAS_ERRORS.serverError });
    const outcome = sendReportNow();
    expect(outcome.status).toBe('failed');
    expect(alerts().at(-1)).toContain('Chưa gửi cho ai');
    expect(reports()).toHaveLength(0);
  });
});
