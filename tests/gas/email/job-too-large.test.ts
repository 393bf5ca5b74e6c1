/**
 * A message Gmail refuses for its size ("Limit Exceeded: Email Body Size." / "… Email Total
 * Attachments Size."): trying it again cannot help. The body too large: the job gives up at once and
 * tells the admins once, in Vietnamese, what to do — not three retries over 31 hours with "hãy thử
 * lại". The attachment too large: the report goes once more without it, with the note, logged.
 */
import type { Period } from '../../../src/engine/types';
import { deps, setEmailDeps } from '../../../src/gas/email/deps';
import { enableMonthlyEmail, monthlyReportJob } from '../../../src/gas/email/index';
import { currentJob, type RunOutcome } from '../../../src/gas/email/job';
import { explainError } from '../../../src/gas/errors';
import { fire, logText, recipientsList, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const HOUR = 3600_000;
/** MailApp's documented body limit of a consumer (gmail.com) account, as the fake's fault applies it. */
const BODY_LIMIT = 200 * 1024;
/** An ordinary paragraph of difficulties (about 430 characters). */
const PARAGRAPH =
  'Đường liên thôn bị sạt lở sau mưa lớn, đi lại của bà con và học sinh gặp nhiều khó khăn; đề nghị cấp trên ' +
  'hỗ trợ kinh phí khắc phục. Kinh phí hoạt động của Mặt trận và các đoàn thể còn hạn hẹp, chưa đáp ứng yêu cầu ' +
  'nhiệm vụ; một số chi hội chưa có nơi sinh hoạt. Đề nghị tăng cường tập huấn nghiệp vụ cho cán bộ cơ sở và ' +
  'sớm ban hành hướng dẫn sau sắp xếp đơn vị hành chính, nhất là việc bàn giao hồ sơ của các chi hội.';

function noticesTo(): { subject: string; body: string; toList: string[] }[] {
  return w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Chưa gửi được'));
}

describe.each([
  ['Limit Exceeded: Email Body Size.', 'nội dung thư vượt dung lượng Gmail cho phép'],
  ['Limit Exceeded: Email Total Attachments Size.', 'tệp đính kèm vượt 25 MB'],
])('Gmail refuses the message: %s', (google, vietnamese) => {
  test('is explained in Vietnamese and not taken for a passing failure', () => {
    const x = explainError(new Error(google));
    expect(x.kind).toBe('mailTooLarge');
    expect(x.transient).toBe(false);
    expect(x.text).toMatch(/^thư quá lớn: /);
    expect(x.text).toContain(vietnamese);
    expect(x.text).not.toContain('thử lại;');
  });
});

describe('Gmail refuses the report itself: Limit Exceeded: Email Body Size.', () => {
  const google = 'Limit Exceeded: Email Body Size.';
  const vietnamese = 'nội dung thư vượt dung lượng Gmail cho phép';
  test('the job gives up at once and the admins are told once what to do', () => {
    w = world({ stubAggregate: true, settings: { recipients: recipientsList(3) } });
    enableMonthlyEmail();
    // Only the report (with its attachment) is refused; the admins' short notice goes through.
    const fault = w.fake.faults.add({
      method: 'MailApp.sendEmail',
      when: (args) => Array.isArray((args[0] as { attachments?: unknown[] })?.attachments),
      error: google,
    });
    const [first] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(first.status).toBe('gave-up');
    expect(first.message).toContain('thư quá lớn');
    expect(fault.fired).toBe(1);
    // No retry over the next days.
    for (let h = 0; h < 48; h++) {
      w.fake.clock.advance(HOUR);
      for (const t of w.triggers('resumeReportJob')) if (t.schedule.after !== undefined) fire(w, 'resumeReportJob');
    }
    expect(fault.fired).toBe(1);
    expect(currentJob()?.gaveUp).toBe(true);
    const notices = noticesTo();
    expect(notices.map((m) => [m.subject, m.toList])).toEqual([
      ['[Dân vận] Chưa gửi được báo cáo tháng 9/2018: thư quá lớn', ['bdv@muongnhe.vn']],
    ]);
    expect(notices[0].body).toContain(vietnamese);
    expect(notices[0].body).toContain('không tự thử lại');
    expect(logText(w)).toContain(`[Google: ${google}]`);
  });
});

test('Gmail refuses the attachment for its size: the report goes once more without it, with the note, and it is logged', () => {
  w = world({ stubAggregate: true, settings: { recipients: recipientsList(3) } });
  enableMonthlyEmail();
  const fault = w.fake.faults.add({
    method: 'MailApp.sendEmail',
    when: (args) => ((args[0] as { attachments?: unknown[] })?.attachments ?? []).length > 0,
    error: 'Limit Exceeded: Email Total Attachments Size.',
  });
  const [outcome] = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect(outcome.status).toBe('sent');
  expect(fault.fired).toBe(1);
  const reports = w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Báo cáo'));
  expect(reports).toHaveLength(1);
  expect(reports[0].toList).toEqual(recipientsList(3));
  expect(reports[0].attachments).toHaveLength(0);
  expect(reports[0].body).toContain('Không đính kèm được tệp .xlsx lần này');
  expect(reports[0].htmlBody).toContain('Không đính kèm được tệp .xlsx lần này');
  expect(logText(w)).toContain('Gmail không nhận thư vì tệp .xlsx đính kèm vượt 25 MB');
  expect(logText(w)).toContain('[Google: Limit Exceeded: Email Total Attachments Size.]');
  // Neither given up nor retried, and no "thư quá lớn" notice to the admins.
  expect(currentJob()).toBeNull();
  expect(noticesTo()).toHaveLength(0);
});

test('a resumed job whose attachment was refused does not export it again', () => {
  // 120 recipients (three messages); the run pauses after the first, refused with the file.
  w = world({ stubAggregate: true, settings: { recipients: recipientsList(120) } });
  enableMonthlyEmail();
  w.fake.faults.add({
    method: 'MailApp.sendEmail',
    when: (args) => ((args[0] as { attachments?: unknown[] })?.attachments ?? []).length > 0,
    error: 'Limit Exceeded: Email Total Attachments Size.',
  });
  let sends = 0;
  w.fake.faults.add({
    method: 'MailApp.sendEmail',
    when: () => {
      sends++;
      // After the refused try and the first message without the file: Apps Script's time runs out.
      if (sends === 2) w.fake.clock.advance(5 * 60_000);
      return false;
    },
    error: 'unused',
  });
  const [first] = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect(first.status).toBe('continuing');
  const exportsBefore = w.exports.length;
  w.fake.clock.advance(60_000);
  const [later] = fire(w, 'resumeReportJob') as RunOutcome[];
  expect(later.status).toBe('sent');
  expect(w.exports.length).toBe(exportsBefore);
  const reports = w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Báo cáo'));
  expect(reports.flatMap((m) => m.toList)).toEqual(recipientsList(120));
  expect(reports.every((m) => m.attachments.length === 0)).toBe(true);
});

test('a province’s quarter, every commune writing a paragraph a month, stays under the body limit and is sent', () => {
  w = world({ stubAggregate: true, settings: { recipients: recipientsList(2) } });
  const original = deps().aggregate;
  setEmailDeps({
    aggregate: (p: Period) => {
      const bundle = original(p);
      const s = bundle.summary;
      s.period = { type: 'quarter', year: 2018, index: 3 };
      s.units = Array.from({ length: 166 }, (_, i) => ({ code: `x${i}`, name: `Số ${i + 1}`, kind: 'Xã', emails: [] }));
      const ind = s.indicators.find((i) => i.kind === 'note');
      ind!.notes = s.units.flatMap((u) =>
        [7, 8, 9].map((month) => ({ unitCode: u.code, unitName: u.name, month, text: `Tháng ${month}: ${PARAGRAPH}` })),
      );
      return bundle;
    },
  });
  const sizes: number[] = [];
  const fault = w.fake.faults.add({
    method: 'MailApp.sendEmail',
    when: (args) => {
      const o = args[0] as { body?: string; htmlBody?: string };
      sizes.push(Buffer.byteLength(o.body ?? '') + Buffer.byteLength(o.htmlBody ?? ''));
      return sizes[sizes.length - 1] > BODY_LIMIT;
    },
    error: 'Limit Exceeded: Email Body Size.',
  });
  expect(monthlyReportJob().status).toBe('sent');
  expect(fault.fired).toBe(0);
  expect(Math.max(...sizes)).toBeLessThan(190_000);
});
