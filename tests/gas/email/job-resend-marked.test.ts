/**
 * A report of a period already sent (a correction sent again by hand, the scheduled send after an
 * early one) says so: its subject, its first line and its attachment's name tell it from the first,
 * so the leader does not quote the superseded figures (review O §3).
 */
import { enableMonthlyEmail, sendReportNow } from '../../../src/gas/email/index';
import type { RunOutcome } from '../../../src/gas/email/job';
import { fire, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const MARK = /gửi lại|thay thế/i;

test('"Gửi báo cáo ngay" after the scheduled send: a marked subject, a first line naming the earlier send', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['lanhdao@tinhuy.vn'] } });
  enableMonthlyEmail();
  fire(w, 'monthlyReportJob');
  const [first] = w.fake.mail.sent;
  expect(first.subject).toBe('[Dân vận] Báo cáo tháng 9/2018 – huyện Mường Nhé');
  expect(first.subject).not.toMatch(MARK);
  expect(first.body).not.toMatch(MARK);

  // Five days later a commune has fixed its figures: sent again.
  w.fake.clock.advance(5 * 24 * 3600_000);
  w.fake.ui.queueAlertResponse('YES');
  expect(sendReportNow().status).toBe('sent');
  const second = w.fake.mail.sent[1];
  expect(second.subject).toBe(
    '[Dân vận] Báo cáo tháng 9/2018 – huyện Mường Nhé (gửi lại, thay thế bản ngày 20/09/2018)',
  );
  const line = 'Bản gửi lại: báo cáo này thay thế báo cáo tháng 9/2018 gửi lúc 07:00 ngày 20/09/2018.';
  // First in the text part, and before the report's card in the HTML one.
  expect(second.body.startsWith(line)).toBe(true);
  expect(second.body).toContain('có thể đã được các xã sửa');
  const html = second.htmlBody ?? '';
  expect(html).toContain(line);
  expect(html.indexOf(line)).toBeLessThan(html.indexOf('BÁO CÁO TỔNG HỢP'));
  // The HTML's title is the subject as sent (a copy saved from the mail program says it too).
  expect([...html.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1])).toEqual([second.subject]);
  expect(first.htmlBody).toContain(`<title>${first.subject}</title>`);
  // The attachments do not share a name (the second would overwrite the first in Downloads).
  expect(second.attachments[0].name).not.toBe(first.attachments[0].name);
  expect(second.attachments[0].name).toContain('(bản 25-09-2018)');
});

test('the scheduled send after an early "Gửi báo cáo ngay" says it replaces the preliminary one', () => {
  // September 2018: deadline Tuesday 18/09; sent by hand on 17/09, the scheduled send on 20/09.
  w = world({ now: '2018-09-17T08:30:00+07:00', stubAggregate: true, settings: { recipients: ['lanhdao@tinhuy.vn'] } });
  enableMonthlyEmail();
  w.fake.ui.queueAlertResponse('YES');
  expect(sendReportNow().status).toBe('sent');
  expect(w.fake.mail.sent[0].subject).not.toMatch(MARK);

  w.fake.clock.set(new Date('2018-09-20T07:00:00+07:00'));
  const [o] = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect(o.status).toBe('sent');
  const later = w.fake.mail.sent[1];
  expect(later.subject).toContain('(gửi lại, thay thế bản ngày 17/09/2018)');
  expect(later.body).toContain('thay thế báo cáo tháng 9/2018 gửi lúc 08:30 ngày 17/09/2018 (gửi trước hạn nộp');
});
