/**
 * The monthly report never goes out before the period's deadline, nor on a day off: a scheduled
 * run that falls on or before it waits for the first working day after it (review E §3, §4).
 */
import { deps, setEmailDeps } from '../../../src/gas/email/deps';
import { disableMonthlyEmail, enableMonthlyEmail, sendReportNow } from '../../../src/gas/email/index';
import { type RunOutcome, sentRecord } from '../../../src/gas/email/job';
import { fire, logText, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

/** February 2018: deadline Thursday 22/02 (Tết days off before it); 1 of 11 communes submitted on 20/02. */
function tetWorld(): World {
  return world({
    now: '2018-02-20T07:05:00+07:00',
    allTabs: true,
    settings: { recipients: ['bdv@dienbien.gov.vn'] },
    units: {
      'chung-chai': { submitted: { 1: '2018-01-16', 2: '2018-02-13' } },
      'nam-ke': { submitted: { 1: '2018-01-16' } },
    },
  });
}

describe('scheduled report and the deadline', () => {
  test('the 20/02/2018 run (a Tết day off, before the 22/02 deadline) waits and sends on Friday 23/02', () => {
    w = tetWorld();
    enableMonthlyEmail();
    const [early] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(early.status).toBe('waiting');
    expect(w.fake.mail.sent).toHaveLength(0);
    expect(logText(w)).toContain('chưa hết hạn nộp báo cáo (hạn nộp là ngày 22/02/2018)');
    expect(logText(w)).toContain('ngày 23/02/2018 khoảng 7 giờ');
    // One one-off trigger, due on 23/02/2018 at 7:00 Vietnam time.
    const resume = w.triggers('resumeReportJob');
    expect(resume).toHaveLength(1);
    expect(Date.parse('2018-02-20T07:05:00+07:00') + (resume[0].schedule.after ?? 0)).toBe(
      Date.parse('2018-02-23T07:00:00+07:00'),
    );

    w.fake.clock.set(new Date('2018-02-23T07:00:00+07:00'));
    const [later] = fire(w, 'resumeReportJob') as RunOutcome[];
    expect(later.status).toBe('sent');
    expect(w.fake.mail.sent).toHaveLength(1);
    expect(w.fake.mail.sent[0].body).not.toContain('chưa hết hạn nộp');

    // The monthly trigger firing again the same month does not send twice.
    const [again] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(again.status).toBe('skipped-sent');
    expect(w.fake.mail.sent).toHaveLength(1);
  });

  test('a scheduled run on a Saturday after the deadline waits for Monday', () => {
    // September 2018: deadline Tuesday 18/09; send day 22 is a Saturday.
    w = world({
      now: '2018-09-22T07:00:00+07:00',
      stubAggregate: true,
      settings: { recipients: ['bdv@dienbien.gov.vn'], sendDay: 22 },
    });
    enableMonthlyEmail();
    const [o] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(o.status).toBe('waiting');
    expect(logText(w)).toContain('hôm nay là ngày nghỉ');
    expect(logText(w)).toContain('ngày 24/09/2018 khoảng 7 giờ');
    w.fake.clock.set(new Date('2018-09-24T07:00:00+07:00'));
    const [sent] = fire(w, 'resumeReportJob') as RunOutcome[];
    expect(sent.status).toBe('sent');
    expect(w.fake.mail.sent).toHaveLength(1);
  });

  test('a resume trigger fired early (clock skew) waits again rather than sending', () => {
    w = tetWorld();
    enableMonthlyEmail();
    fire(w, 'monthlyReportJob');
    w.fake.clock.set(new Date('2018-02-22T16:00:00+07:00'));
    const [o] = fire(w, 'resumeReportJob') as RunOutcome[];
    expect(o.status).toBe('waiting');
    expect(w.fake.mail.sent).toHaveLength(0);
    expect(w.triggers('resumeReportJob')).toHaveLength(1);
  });

  test('"Tắt gửi…" while the report waits: it is not sent after all', () => {
    w = tetWorld();
    enableMonthlyEmail();
    fire(w, 'monthlyReportJob');
    expect(w.triggers('resumeReportJob')).toHaveLength(1);
    disableMonthlyEmail();
    expect(w.fake.ui.alerts.at(-1)?.prompt).toContain('Đã tắt');
    expect(w.triggers()).toHaveLength(0);
  });

  test('"Bật gửi…" warns when the send day can fall on or before a deadline', () => {
    w = world({
      now: '2018-01-05T09:00:00+07:00',
      stubAggregate: true,
      settings: { recipients: ['bdv@dienbien.gov.vn'] },
    });
    enableMonthlyEmail();
    const prompt = w.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(prompt).toContain('Đã bật gửi báo cáo hằng tháng');
    // Reminders count working days before the deadline, as the deadline does.
    expect(prompt).toMatch(
      /Nhắc các đơn vị chưa nộp từ \d+ ngày làm việc trước hạn \(không nhắc vào thứ Bảy, Chủ nhật và ngày nghỉ\)/,
    );
    expect(prompt).toContain('Lưu ý: ngày gửi 20 có thể chưa qua hạn nộp (hạn nộp báo cáo tháng 2/2018 là 22/02/2018)');
  });
});

/** 15/09/2018 08:00, September's deadline is 18/09; 1 of 11 communes has submitted. */
function earlyWorld(): World {
  return world({
    now: '2018-09-15T08:00:00+07:00',
    allTabs: true,
    units: { 'chung-chai': { submitted: { 9: '2018-09-15' } } },
    settings: { recipients: ['bdv@dienbien.gov.vn', 'tinhuy@dienbien.gov.vn'] },
  });
}

describe('"Gửi báo cáo ngay" before the deadline', () => {
  test('asks first, saying the deadline and how many have reported; NO sends nothing', () => {
    w = earlyWorld();
    w.fake.ui.queueAlertResponse('NO');
    const r = sendReportNow();
    expect(r.status).toBe('cancelled');
    expect(w.fake.mail.sent).toHaveLength(0);
    const question = w.fake.ui.alerts.find((a) => a.buttons === 'YES_NO');
    expect(question?.title).toBe('Chưa hết hạn nộp báo cáo');
    expect(question?.prompt).toContain('hạn nộp là ngày 18/09/2018');
    expect(question?.prompt).toContain('mới có 1/11 đơn vị đã nộp');
  });

  test('units the Sheets API failed while counting who reported (read the slower way): "Nhật ký" says why', () => {
    w = earlyWorld();
    const note =
      '1 đơn vị không đọc được qua Google Sheets API nên đã được đọc theo cách thường (chậm hơn). Lý do: thử';
    const real = deps().submissions;
    setEmailDeps({ submissions: (p) => ({ ...real(p), logNotes: [note] }) });
    w.fake.ui.queueAlertResponse('NO');
    expect(sendReportNow().status).toBe('cancelled');
    expect(w.fake.ui.alerts.find((a) => a.buttons === 'YES_NO')?.prompt).toContain('mới có 1/11 đơn vị đã nộp');
    expect(logText(w)).toContain(note);
  });

  test('sent on YES, recorded as manual before the deadline; the scheduled run after it still sends', () => {
    w = earlyWorld();
    enableMonthlyEmail();
    w.fake.ui.queueAlertResponse('YES');
    const r = sendReportNow();
    expect(r.status).toBe('sent');
    expect(w.fake.mail.sent).toHaveLength(1);
    expect(sentRecord({ type: 'month', year: 2018, index: 9 })).toMatchObject({ manual: true, beforeDeadline: true });
    expect(logText(w)).toContain('Gửi trước hạn nộp nên không thay cho lần gửi tự động sau hạn.');

    w.fake.clock.set(new Date('2018-09-20T07:00:00+07:00'));
    const [o] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(o.status).toBe('sent');
    expect(w.fake.mail.sent).toHaveLength(2);
    expect(logText(w)).toContain('đã được gửi tay lúc 15/09/2018 08:00, trước hạn nộp');
    expect(sentRecord({ type: 'month', year: 2018, index: 9 })).toMatchObject({ manual: false });
    // Now it is the period's send: a second firing skips.
    const [again] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(again.status).toBe('skipped-sent');
    expect(w.fake.mail.sent).toHaveLength(2);
  });

  test("after the deadline a manual send asks nothing more and counts as the period's send", () => {
    w = earlyWorld();
    w.fake.clock.set(new Date('2018-09-19T08:00:00+07:00'));
    enableMonthlyEmail();
    const r = sendReportNow();
    expect(r.status).toBe('sent');
    expect(w.fake.ui.alerts.filter((a) => a.buttons === 'YES_NO')).toHaveLength(0);
    w.fake.clock.set(new Date('2018-09-20T07:00:00+07:00'));
    const [o] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(o.status).toBe('skipped-sent');
    expect(w.fake.mail.sent).toHaveLength(1);
  });
});
