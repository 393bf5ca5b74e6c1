/**
 * The monthly report when nobody watches: a run stopped by Apps Script at 6 minutes, the document
 * lock held by a long "Tổng hợp", retries used up, settings mistyped by hand. In each case the
 * job carries on by itself when it can, and when it cannot the admins are told by e-mail, once.
 */
import type { Period } from '../../../src/engine/types';
import { deps, setEmailDeps } from '../../../src/gas/email/deps';
import { enableMonthlyEmail } from '../../../src/gas/email/index';
import { currentJob, MAX_RETRIES, type RunOutcome } from '../../../src/gas/email/job';
import { fire, recipientsList, runResumesFor, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const HOUR = 3600_000;

const runFor = (totalMs: number, stepMs?: number): RunOutcome[] => runResumesFor(w, totalMs, stepMs);

/**
 * Apps Script stops the run here, without a word: every later call of it fails, so it can neither
 * catch nor save anything. Returns what lifts that, for the runs that come after.
 */
function stopRun(): () => void {
  const dead = ['PropertiesService.*', 'Properties.*', 'ScriptApp.*', 'Sheet.*', 'Range.*'].map((method) =>
    w.fake.faults.add({ method, error: 'Exceeded maximum execution time' }),
  );
  return () => {
    for (const f of dead) f.remove();
  };
}

const noticesTo = () => w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Chưa gửi được'));

test('a run Apps Script stops at 6 minutes (nothing saved, nothing caught) is carried on by the trigger it set first', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  // The kill: only what the properties and triggers were while "Tổng hợp" ran remains.
  let props: Record<string, string> = {};
  let triggerIds: string[] = [];
  let revive = () => {};
  const original = deps().aggregate;
  setEmailDeps({
    aggregate: (_p: Period) => {
      props = { ...PropertiesService.getDocumentProperties().getProperties() };
      triggerIds = ScriptApp.getProjectTriggers().map((t) => t.getUniqueId());
      w.fake.clock.advance(6 * 60_000);
      // Stopped here: nothing after it happens (every later call of the run fails), which
      // Apps Script gives no chance to catch.
      revive = stopRun();
      throw new Error('Exceeded maximum execution time');
    },
  });
  expect(() => fire(w, 'monthlyReportJob')).toThrow();
  revive();
  setEmailDeps({ aggregate: original });
  expect(PropertiesService.getDocumentProperties().getProperties()).toEqual(props);
  expect(ScriptApp.getProjectTriggers().map((t) => t.getUniqueId())).toEqual(triggerIds);
  expect(currentJob()?.key).toBe('2018-09');
  expect(w.triggers('resumeReportJob')).toHaveLength(1);

  const outcomes = runFor(20 * 60_000);
  expect(outcomes.map((o) => o.status)).toEqual(['sent']);
  expect(w.fake.mail.sent.map((m) => m.subject)).toEqual([expect.stringContaining('tháng 9/2018')]);
  expect(currentJob()).toBeNull();
  // Done: no trigger left to fire again.
  expect(w.triggers('resumeReportJob')).toHaveLength(0);
});

test('the document lock held 5 minutes at send time: tried again later and sent', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  w.fake.locks.holdDocumentLock({ releaseAfterMs: 5 * 60_000 });
  const first = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect(first.map((o) => o.status)).toEqual(['lock-busy']);
  const outcomes = runFor(2 * HOUR);
  expect(outcomes.at(-1)?.status).toBe('sent');
  expect(w.fake.mail.sent).toHaveLength(1);
});

test('the lock busy for over an hour: the admin is told once that it keeps trying, and the report goes once free', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  w.fake.locks.holdDocumentLock({ releaseAfterMs: 3 * HOUR });
  fire(w, 'monthlyReportJob');
  const outcomes = runFor(4 * HOUR);
  // Waits of 1, 5, 15 and 60 minutes, then hourly: free after 3 hours, sent at the next try.
  expect(outcomes.map((o) => o.status)).toEqual([...Array(5).fill('lock-busy'), 'sent']);
  expect(w.triggers('resumeReportJob')).toHaveLength(0);
  const log = w.ss.getSheetByName('Nhật ký')?.getDataRange().getValues().flat().join('\n') ?? '';
  expect(log).toContain('thử lại sau 1 giờ (lần 4/4)');
  expect(log).toContain(
    'Báo cáo tháng 9/2018: bảng tính bận suốt khoảng 1 giờ, chưa gửi; vẫn tự thử lại mỗi 1 giờ và gửi ngay khi bảng tính rảnh',
  );
  expect(log).toContain('thử lại sau 1 giờ (lần 5, thử tiếp cho đến khi gửi được)');
  expect(log).not.toContain('sẽ không tự thử lại nữa');
  const notices = noticesTo();
  expect(notices).toHaveLength(1);
  expect(notices[0].subject).toBe('[Dân vận] Chưa gửi được báo cáo tháng 9/2018: bảng tính bận');
  // The admin of "Cài đặt" (who set the add-on up).
  expect(notices[0].toList).toEqual(['bdv@muongnhe.vn']);
  expect(notices[0].body).toContain('vẫn tự thử lại mỗi 1 giờ');
  expect(notices[0].body).toContain('Gửi báo cáo ngay');
});

test('retries used up: the admin gets one e-mail, and no trigger revives the job', () => {
  w = world({ stubAggregate: true, settings: { recipients: recipientsList(3) } });
  enableMonthlyEmail();
  const fault = w.fake.faults.add({ method: 'MailApp.sendEmail', error: 'Service unavailable: Gmail' });
  const statuses = [(fire(w, 'monthlyReportJob') as RunOutcome[])[0].status];
  statuses.push(...runFor(31 * HOUR, 30 * 60_000).map((o) => o.status));
  expect(statuses).toEqual(['failed', 'failed', 'failed', 'gave-up']);
  expect(statuses).toHaveLength(MAX_RETRIES + 1);
  // Gmail still failing: the notice could not go either; one run a day later sends it.
  expect(noticesTo()).toHaveLength(0);
  fault.remove();
  expect(runFor(25 * HOUR, HOUR).map((o) => o.status)).toEqual(['nothing']);
  expect(w.triggers('resumeReportJob')).toHaveLength(0);
  runFor(5 * 24 * HOUR, HOUR);
  const notices = noticesTo();
  expect(notices.map((m) => [m.subject, m.toList])).toEqual([
    ['[Dân vận] Chưa gửi được báo cáo tháng 9/2018', ['bdv@muongnhe.vn']],
  ]);
  expect(notices[0].body).toContain('chưa tới 3/3 người nhận');
  // The report itself waits for a person: nothing else was sent.
  expect(w.fake.mail.sent).toHaveLength(1);
  expect(currentJob()?.gaveUp).toBe(true);
});

// (A wrong address among the recipients alone no longer stops the report: job-recipients.test.ts.)
test('a send hour mistyped by hand in "Cài đặt": the admin is told, and once it is fixed the report goes by itself', () => {
  const all = recipientsList(3);
  w = world({ stubAggregate: true, settings: { recipients: all } });
  enableMonthlyEmail();
  const sheet = w.ss.getSheetByName('Cài đặt') as GoogleAppsScript.Spreadsheet.Sheet;
  const grid = sheet.getDataRange().getValues();
  const r = grid.findIndex((row) => String(row[0]).startsWith('Giờ gửi báo cáo'));
  const good = grid[r][1];
  sheet.getRange(r + 1, 2).setValue('bảy giờ');
  const [first] = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect(first.status).toBe('invalid-settings');
  expect(noticesTo().map((m) => m.toList)).toEqual([['bdv@muongnhe.vn']]);
  expect(noticesTo()[0].body).toContain(`ô B${r + 1} (Giờ gửi báo cáo): phải là số`);
  expect(w.triggers('resumeReportJob')).toHaveLength(1);
  // Still wrong six hours later: tried again, nobody told twice.
  expect(runFor(6 * HOUR, 30 * 60_000).map((o) => o.status)).toEqual(['invalid-settings']);
  expect(noticesTo()).toHaveLength(1);
  // Fixed: the next try sends it.
  sheet.getRange(r + 1, 2).setValue(good);
  expect(runFor(6 * HOUR, 30 * 60_000).map((o) => o.status)).toEqual(['sent']);
  const reports = w.fake.mail.sent.filter((m) => !m.subject.startsWith('[Dân vận] Chưa gửi được'));
  expect(reports.flatMap((m) => m.toList)).toEqual(all);
});

test('stopped while sending after a 2-minute "Tổng hợp" (its lease extended): taken over once the lease runs out', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  const original = deps().aggregate;
  let revive = () => {};
  setEmailDeps({
    aggregate: (p: Period) => {
      w.fake.clock.advance(2 * 60_000);
      return original(p);
    },
  });
  // Stopped just before the send (exporting the .xlsx): a run stopped during the send itself leaves
  // its batch in flight, counted as reached (job-progress-save.test.ts), not sent again.
  w.fake.faults.add({
    method: 'UrlFetchApp.fetch',
    times: 1,
    error: () => {
      w.fake.clock.advance(4 * 60_000);
      revive = stopRun();
      return new Error('Exceeded maximum execution time');
    },
  });
  expect(() => fire(w, 'monthlyReportJob')).toThrow();
  revive();
  setEmailDeps({ aggregate: original });
  const outcomes = runFor(3 * HOUR);
  expect(outcomes.map((o) => o.status)).toEqual(['skipped-busy', 'sent']);
  expect(w.fake.mail.sent.map((m) => m.subject)).toEqual([expect.stringContaining('tháng 9/2018')]);
  expect(w.triggers('resumeReportJob')).toHaveLength(0);
});

test('last month given up (nobody pressed "Gửi báo cáo ngay"); this month the lock is busy at send time: this month still goes', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  const fault = w.fake.faults.add({ method: 'MailApp.sendEmail', error: 'Service unavailable: Gmail' });
  fire(w, 'monthlyReportJob');
  runFor(31 * HOUR, 30 * 60_000);
  fault.remove();
  runFor(25 * HOUR, HOUR);
  expect(currentJob()).toMatchObject({ key: '2018-09', gaveUp: true });
  // To Monday 22/10/2018 (a scheduled send on a Saturday would wait for Monday: job-deadline.test.ts).
  w.fake.clock.advance(30 * 24 * HOUR);
  w.fake.locks.holdDocumentLock({ releaseAfterMs: 5 * 60_000 });
  const [first] = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect([first.status, first.period]).toEqual(['lock-busy', undefined]);
  const outcomes = runFor(3 * HOUR);
  expect(outcomes.at(-1)).toMatchObject({ status: 'sent', period: 'tháng 10/2018' });
  const log = w.ss.getSheetByName('Nhật ký')?.getDataRange().getValues().flat().join('\n') ?? '';
  expect(log).toContain('Báo cáo tháng 10/2018: không lấy được khóa tài liệu');
});

test('a configuration error ("Đơn vị" F2 with a merge date, G2 empty): the admin is told the cells at once, and once fixed the report goes by itself', () => {
  w = world({ allTabs: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  const units = w.ss.getSheetByName('Đơn vị') as GoogleAppsScript.Spreadsheet.Sheet;
  units.getRange('F2').setValue('01/07/2025');
  units.getRange('G2').setValue('');
  const [first] = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect(first.status).toBe('invalid-config');
  expect(first.message).not.toContain('Lỗi khi gửi');
  expect(first.message).toContain('cấu hình của bảng tính tổng hợp chưa hợp lệ');
  expect(first.message).toContain('Trang "Đơn vị", ô G2');
  // Told at once (not after 30 hours of send retries), naming the cells.
  const notices = noticesTo();
  expect(notices.map((m) => [m.subject, m.toList])).toEqual([
    ['[Dân vận] Chưa gửi được báo cáo tháng 9/2018: cấu hình chưa hợp lệ', ['bdv@muongnhe.vn']],
  ]);
  expect(notices[0].body).toContain('Trang "Đơn vị", ô G2');
  expect(notices[0].body).toContain('ô F2');
  expect(notices[0].body).not.toContain('Nhật ký');
  const log = (w.ss.getSheetByName('Nhật ký') as GoogleAppsScript.Spreadsheet.Sheet).getDataRange().getValues();
  const lines = log.map((r) => String(r[4]));
  expect(lines.some((l) => l.includes('lỗi khi gửi'))).toBe(false);
  expect(lines.some((l) => /chưa gửi vì cấu hình chưa hợp lệ.*thử lại sau 6 giờ \(lần 1\/4\)/.test(l))).toBe(true);
  // Still wrong six hours later: tried again on the settings schedule, nobody told twice.
  expect(runFor(6 * HOUR, 30 * 60_000).map((o) => o.status)).toEqual(['invalid-config']);
  expect(noticesTo()).toHaveLength(1);
  // Fixed: the next try sends it.
  units.getRange('F2').setValue('');
  expect(runFor(6 * HOUR, 30 * 60_000).map((o) => o.status)).toEqual(['sent']);
  const reports = w.fake.mail.sent.filter((m) => !m.subject.startsWith('[Dân vận] Chưa gửi được'));
  expect(reports.flatMap((m) => m.toList)).toEqual(['a@dienbien.gov.vn']);
  expect(currentJob()).toBeNull();
});

test('a configuration never fixed: four tries over two days, then it waits for "Gửi báo cáo ngay"', () => {
  w = world({ allTabs: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  const units = w.ss.getSheetByName('Đơn vị') as GoogleAppsScript.Spreadsheet.Sheet;
  units.getRange('F2').setValue('01/07/2025');
  units.getRange('G2').setValue('');
  const statuses = [(fire(w, 'monthlyReportJob') as RunOutcome[])[0].status];
  statuses.push(...runFor(4 * 24 * HOUR, HOUR).map((o) => o.status));
  expect(statuses).toEqual(Array(5).fill('invalid-config'));
  expect(w.triggers('resumeReportJob')).toHaveLength(0);
  expect(currentJob()?.gaveUp).toBe(true);
  expect(noticesTo()).toHaveLength(1);
  const log = (w.ss.getSheetByName('Nhật ký') as GoogleAppsScript.Spreadsheet.Sheet).getDataRange().getValues();
  expect(String(log.at(-1)?.[4])).toContain('hệ thống không tự thử lại nữa');
});
