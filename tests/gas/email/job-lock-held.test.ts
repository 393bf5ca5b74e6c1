/**
 * A person's "Tổng hợp" takes the document lock after the monthly job claimed its send but before the
 * job's own "Tổng hợp" (the real one, which waits 30 s for the lock): a busy moment, waited out as a
 * busy lock at the start is (1, 5, 15, 60 minutes), said in "Nhật ký", not a failed send. Before,
 * it was counted as one ("Không tổng hợp được…", retried after 30 minutes, 6 and 24 hours, then
 * the admins told that the sends had failed).
 */
import type { Period } from '../../../src/engine/types';
import { deps, setEmailDeps } from '../../../src/gas/email/deps';
import { enableMonthlyEmail } from '../../../src/gas/email/index';
import { currentJob, LOCK_RETRY_DELAYS_MS, type RunOutcome } from '../../../src/gas/email/job';
import { fire, logText, runResumesFor, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const HOUR = 3600_000;

/** The real "Tổng hợp" on 20 September 2018 (Chung Chải has figures). */
function septemberWorld(): World {
  return world({
    now: '2018-09-20T07:05:00+07:00',
    allTabs: true,
    settings: { recipients: ['bdv@dienbien.gov.vn'] },
    units: {
      'chung-chai': {
        submitted: { 9: '2018-09-15' },
        values: { TCD_LUOT: [2, 3, 1, 2, 4, 2, 1, 3, 5, null, null, null] },
      },
    },
  });
}

/**
 * Another run takes the lock (for `holdMs`) just before the job's "Tổng hợp", on its first `times` calls.
 * Over 30 s (what "Tổng hợp" waits for it), under a minute: the retry's claim finds it free.
 */
function personAggregatesFirst(holdMs: number, times: number): void {
  const real = deps().aggregate;
  let calls = 0;
  setEmailDeps({
    aggregate: (p: Period) => {
      if (calls++ < times) w.fake.locks.holdDocumentLock({ releaseAfterMs: holdMs });
      return real(p);
    },
  });
}

const reports = () => w.fake.mail.sent.filter((m) => !m.subject.startsWith('[Dân vận] Chưa'));
const notices = () => w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Chưa'));

test('the lock taken by a person\'s "Tổng hợp" as the job aggregates: waited out, not a failed send, then sent', () => {
  w = septemberWorld();
  enableMonthlyEmail();
  personAggregatesFirst(3 * 60_000, 1);
  const [first] = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect(first.status).toBe('lock-busy');
  expect(first.message).toContain('sẽ tự thử lại sau khoảng 1 phút');
  // No failed try counted: the three retries for failed sends are all left.
  expect(currentJob()?.attempts).toBe(0);
  expect(currentJob()?.lockWaits).toBe(1);
  const log = logText(w);
  expect(log).toContain('Báo cáo tháng 9/2018: không lấy được khóa tài liệu');
  expect(log).toContain('thử lại sau 1 phút (lần 1/4)');
  expect(log).not.toContain('Không tổng hợp được');
  expect(log).not.toContain('lỗi: Báo cáo tháng 9/2018: không lấy được khóa');

  const later = runResumesFor(w, 30 * 60_000);
  expect(later.map((o) => o.status)).toEqual(['lock-busy', 'sent']);
  expect(reports().flatMap((m) => m.toList)).toEqual(['bdv@dienbien.gov.vn']);
  expect(notices()).toHaveLength(0);
  expect(currentJob()).toBeNull();
  expect(w.triggers('resumeReportJob')).toHaveLength(0);
});

test('the lock taken at every try for over an hour: the admins told once that it keeps trying, then sent once free', () => {
  w = septemberWorld();
  enableMonthlyEmail();
  personAggregatesFirst(45_000, LOCK_RETRY_DELAYS_MS.length + 2);
  const statuses = (fire(w, 'monthlyReportJob') as RunOutcome[]).map((o) => o.status);
  statuses.push(...runResumesFor(w, 4 * HOUR).map((o) => o.status));
  // 1, 5, 15, 60 minutes, then hourly: never given up.
  expect(statuses).toEqual([...Array(LOCK_RETRY_DELAYS_MS.length + 2).fill('lock-busy'), 'sent']);
  expect(reports().flatMap((m) => m.toList)).toEqual(['bdv@dienbien.gov.vn']);
  const log = logText(w);
  expect(log).toContain('bảng tính bận suốt khoảng 1 giờ, chưa gửi; vẫn tự thử lại mỗi 1 giờ');
  expect(log).not.toContain('sẽ không tự thử lại nữa');
  expect(notices().map((m) => m.subject)).toEqual(['[Dân vận] Chưa gửi được báo cáo tháng 9/2018: bảng tính bận']);
  expect(notices()[0].body).toContain('vẫn tự thử lại');
  expect(currentJob()).toBeNull();
  expect(w.triggers('resumeReportJob')).toHaveLength(0);
});
