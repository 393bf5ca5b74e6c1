/**
 * The document lock busy for long when the monthly send resumes. Before, after the four waits (1, 5,
 * 15, 60 min) the admins were told it "sẽ không tự thử lại nữa", yet the resume trigger of the job
 * going on began the waits again (and sent once the lock was free); the waits at the start and those
 * of the job's own "Tổng hợp" (lockHeld) were counted apart. Now the busy spreadsheet is waited out
 * until it is free (hourly after the four waits), the admins told once that it keeps trying, and the
 * waits count together whichever of the two found the lock busy.
 */
import type { Period } from '../../../src/engine/types';
import { deps, setEmailDeps } from '../../../src/gas/email/deps';
import { enableMonthlyEmail } from '../../../src/gas/email/index';
import { currentJob, type RunOutcome } from '../../../src/gas/email/job';
import { BusyError } from '../../../src/gas/lock';
import { fire, logText, runResumesFor, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const HOUR = 3600_000;
const reports = () => w.fake.mail.sent.filter((m) => !m.subject.startsWith('[Dân vận] Chưa'));
const notices = () => w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Chưa'));
/** The attempt numbers of the busy-lock lines in "Nhật ký", in order ("lần 2/4" → 2, "lần 5" → 5). */
const waits = () => [...logText(w).matchAll(/không lấy được khóa tài liệu[^\n]*\(lần (\d+)/g)].map((m) => Number(m[1]));

test('a resumed send finding the spreadsheet busy for 4 hours: the admins are told once it keeps trying, and it is sent once free', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  // The first send fails: the job goes on, its retry 30 minutes later.
  w.fake.faults.add({ method: 'MailApp.sendEmail', error: 'Service unavailable: Gmail', times: 1 });
  expect((fire(w, 'monthlyReportJob') as RunOutcome[]).map((o) => o.status)).toEqual(['failed']);
  w.fake.locks.holdDocumentLock({ releaseAfterMs: 4 * HOUR });
  const outcomes = runResumesFor(w, 7 * HOUR);
  expect(outcomes.at(-1)?.status).toBe('sent');
  expect(reports().flatMap((m) => m.toList)).toEqual(['a@dienbien.gov.vn']);
  // One count of waits, never begun again: 1, 5, 15, 60 minutes, then hourly until the lock is free.
  expect(waits()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  const log = logText(w);
  expect(log).not.toContain('sẽ không tự thử lại nữa');
  expect(log).toContain('vẫn tự thử lại mỗi 1 giờ và gửi ngay khi bảng tính rảnh');
  const told = notices();
  expect(told.map((m) => [m.subject, m.toList])).toEqual([
    ['[Dân vận] Chưa gửi được báo cáo tháng 9/2018: bảng tính bận', ['bdv@muongnhe.vn']],
  ]);
  expect(told[0].body).toContain('vẫn tự thử lại mỗi 1 giờ và sẽ gửi báo cáo ngay khi bảng tính rảnh');
  expect(told[0].body).not.toContain('không tự thử lại nữa');
  expect(currentJob()).toBeNull();
  expect(w.triggers('resumeReportJob')).toHaveLength(0);
});

test('the lock found busy by the job\'s "Tổng hợp", then at the resume\'s start: one count of waits', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  enableMonthlyEmail();
  // A person's "Tổng hợp" takes the lock just before the job's (held 45 s: over the 30 s it waits).
  const real = deps().aggregate;
  let calls = 0;
  setEmailDeps({
    aggregate: (p: Period) => {
      if (calls++ === 0) {
        w.fake.locks.holdDocumentLock({ releaseAfterMs: 45_000 });
        throw new BusyError();
      }
      return real(p);
    },
  });
  expect((fire(w, 'monthlyReportJob') as RunOutcome[]).map((o) => o.status)).toEqual(['lock-busy']);
  expect(currentJob()?.lockWaits).toBe(1);
  // Then a long one holds it as the resume starts, for 10 minutes.
  w.fake.locks.holdDocumentLock({ releaseAfterMs: 10 * 60_000 });
  const outcomes = runResumesFor(w, HOUR);
  expect(outcomes.map((o) => o.status)).toEqual(['lock-busy', 'lock-busy', 'sent']);
  // 1 minute (the job's "Tổng hợp"), then 5 and 15 at the start: not 1 minute again.
  expect(waits()).toEqual([1, 2, 3]);
  expect(reports()).toHaveLength(1);
});
