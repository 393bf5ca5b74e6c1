/**
 * The monthly job in the fake: exactly once per period, quota, 50 per message, bounded
 * retries, resume after a time-out, confirmation before a manual resend.
 */

import type { Period } from '../../../src/engine/types';
import { deps, setEmailDeps } from '../../../src/gas/email/deps';
import { enableMonthlyEmail, monthlyReportJob, sendReportNow } from '../../../src/gas/email/index';
import { currentJob, MAX_READ_RUNS, MAX_RETRIES, type RunOutcome } from '../../../src/gas/email/job';
import { JsonStore } from '../../../src/gas/email/store';
import { ReadContinues } from '../../../src/gas/io/resume';
import { fire, logText, MASTER_ID, recipientsList, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

/** The real "Tổng hợp" (no stub) on 20 September 2018: Chung Chải has figures, Nậm Kè submitted late. */
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
      'nam-ke': { submitted: { 9: '2018-09-25' } },
    },
  });
}

function expectNoDuplicates(list: string[]): void {
  expect(new Set(list).size).toBe(list.length);
}

describe('monthly report e-mail', () => {
  test('the trigger sends the HTML report with a text part and the .xlsx attached', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn', 'b@dienbien.gov.vn'] } });
    enableMonthlyEmail();
    const [outcome] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(outcome.status).toBe('sent');
    expect(w.fake.mail.sent).toHaveLength(1);
    const m = w.fake.mail.sent[0];
    expect(m.toList).toEqual(['a@dienbien.gov.vn', 'b@dienbien.gov.vn']);
    expect(m.subject).toContain('[Dân vận]');
    expect(m.subject).toContain('tháng 9/2018');
    expect(m.htmlBody).toContain('so cùng kỳ');
    expect(m.body.length).toBeGreaterThan(100);
    expect(m.body).not.toContain('<td');
    expect(m.name).toBe('Ban Dân vận Huyện ủy Mường Nhé');
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0].name).toMatch(/\.xlsx$/);
    expect(m.attachments[0].name).toContain('tháng 9-2018');
    // A temporary copy of the summary sheets is exported, never the master (attachment.test.ts).
    expect(w.exports).toHaveLength(1);
    expect(w.exports[0]).not.toContain(MASTER_ID);
    expect(w.fake.properties.document()['danvan.email.sent.2018-09']).toBeDefined();
    expect(currentJob()).toBeNull();
    expect(logText(w)).toContain('Đã gửi báo cáo tháng 9/2018 tới 2 người nhận (1 thư).');
  });

  test('a trigger that fires twice sends once', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
    enableMonthlyEmail();
    fire(w, 'monthlyReportJob');
    const [second] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(second.status).toBe('skipped-sent');
    w.fake.clock.advance(3600_000);
    fire(w, 'monthlyReportJob');
    expect(w.fake.mail.sent).toHaveLength(1);
    expect(logText(w)).toContain('Bỏ qua: báo cáo tháng 9/2018 đã được gửi lúc');
  });

  test('two overlapping runs: the second sees the first one working and sends nothing', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
    const inner: RunOutcome[] = [];
    // While the first run aggregates, the trigger fires again (another execution).
    const original = deps().aggregate;
    setEmailDeps({
      aggregate: (p: Period) => {
        inner.push(monthlyReportJob());
        return original(p);
      },
    });
    const outer = monthlyReportJob();
    expect(inner.map((o) => o.status)).toEqual(['skipped-busy']);
    expect(outer.status).toBe('sent');
    expect(w.fake.mail.sent).toHaveLength(1);
  });

  test('"Gửi báo cáo ngay" after the automatic send asks first; NO sends nothing, YES sends again', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn', 'b@dienbien.gov.vn'] } });
    enableMonthlyEmail();
    fire(w, 'monthlyReportJob');
    expect(w.fake.mail.sent).toHaveLength(1);

    w.fake.ui.queueAlertResponse('NO');
    const no = sendReportNow();
    expect(no.status).toBe('cancelled');
    const ask = w.fake.ui.alerts.find((a) => a.buttons === 'YES_NO');
    expect(ask?.title).toBe('Báo cáo đã được gửi');
    expect(ask?.prompt).toContain('tháng 9/2018 đã được gửi lúc 20/09/2018 07:00 tới 2 người nhận');
    expect(w.fake.mail.sent).toHaveLength(1);

    w.fake.ui.queueAlertResponse('YES');
    const yes = sendReportNow();
    expect(yes.status).toBe('sent');
    expect(w.fake.mail.sent).toHaveLength(2);
    expect(w.fake.mail.sent[1].toList).toEqual(['a@dienbien.gov.vn', 'b@dienbien.gov.vn']);
    expect(w.fake.ui.alerts.at(-1)?.prompt).toBe('Đã gửi báo cáo tháng 9/2018 tới 2 người nhận.');
  });

  test('manual send when nothing was sent yet: no question, sends at once', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
    const r = sendReportNow();
    expect(r.status).toBe('sent');
    expect(w.fake.ui.alerts.filter((a) => a.buttons === 'YES_NO')).toHaveLength(0);
    // …and the scheduled run afterwards does not send again.
    expect(monthlyReportJob().status).toBe('skipped-sent');
    expect(w.fake.mail.sent).toHaveLength(1);
  });

  test('120 recipients are split into messages of at most 50', () => {
    const all = recipientsList(120);
    w = world({ stubAggregate: true, settings: { recipients: all } });
    expect(monthlyReportJob().status).toBe('sent');
    expect(w.fake.mail.sent.map((m) => m.toList.length)).toEqual([50, 50, 20]);
    expect(w.recipients()).toEqual(all);
    expect(w.exports).toHaveLength(1); // exported once per run, attached to every message
    for (const m of w.fake.mail.sent) expect(m.attachments).toHaveLength(1);
  });

  test('quota 3 with 120 recipients: 3 sent, the rest kept and retried later, logged; nothing lost', () => {
    const all = recipientsList(120);
    w = world({ stubAggregate: true, mailQuota: 3, settings: { recipients: all } });
    const first = monthlyReportJob();
    expect(first.status).toBe('quota');
    expect(w.recipients()).toEqual(all.slice(0, 3));
    const job = currentJob();
    expect(job?.pending).toEqual(all.slice(3));
    expect(job?.sent).toBe(3);
    const resume = w.triggers('resumeReportJob');
    expect(resume).toHaveLength(1);
    expect(resume[0].schedule.after).toBe(30 * 60 * 1000);
    expect(logText(w)).toContain('hạn mức gửi thư còn 0, còn 117 người nhận chưa gửi');
    expect(w.fake.properties.document()['danvan.email.sent.2018-09']).toBeUndefined();

    // The scheduled trigger firing again in the meantime does not start over.
    expect(monthlyReportJob().status).toBe('skipped-waiting');
    expect(w.recipients()).toHaveLength(3);

    // A day later the quota is back: the retry finishes the job.
    w.fake.clock.advance(24 * 3600_000);
    w.fake.mail.setRemainingQuota(1500);
    const [done] = fire(w, 'resumeReportJob') as RunOutcome[];
    expect(done.status).toBe('sent');
    expect(w.recipients()).toEqual(all);
    expectNoDuplicates(w.recipients());
    expect(w.fake.mail.sent.map((m) => m.toList.length)).toEqual([3, 50, 50, 17]);
    expect(w.triggers('resumeReportJob')).toHaveLength(0);
    expect(currentJob()).toBeNull();
    expect(w.fake.properties.document()['danvan.email.sent.2018-09']).toBeDefined();
  });

  test('no quota at all: nothing is aggregated, a retry is scheduled', () => {
    w = world({ stubAggregate: true, mailQuota: 0, settings: { recipients: ['a@dienbien.gov.vn'] } });
    let aggregations = 0;
    const original = deps().aggregate;
    setEmailDeps({
      aggregate: (p: Period) => {
        aggregations++;
        return original(p);
      },
    });
    expect(monthlyReportJob().status).toBe('quota');
    expect(aggregations).toBe(0);
    expect(w.triggers('resumeReportJob')).toHaveLength(1);
    w.fake.mail.setRemainingQuota(100);
    w.fake.clock.advance(30 * 60_000);
    expect((fire(w, 'resumeReportJob') as RunOutcome[])[0].status).toBe('sent');
    expect(aggregations).toBe(1);
  });

  test('failing sends are retried at most MAX_RETRIES times, then kept for a person, never lost silently', () => {
    const all = recipientsList(5);
    w = world({ stubAggregate: true, settings: { recipients: all } });
    const fault = w.fake.faults.add({ method: 'MailApp.sendEmail', error: 'Service invoked too many times' });
    const statuses = [monthlyReportJob().status];
    for (let i = 0; i < MAX_RETRIES; i++) {
      w.fake.clock.advance(25 * 3600_000);
      statuses.push(...(fire(w, 'resumeReportJob') as RunOutcome[]).map((o) => o.status));
    }
    expect(statuses).toEqual(['failed', 'failed', 'failed', 'gave-up']);
    // Left: only the run a day later that tells the admins (the notice failed as the sends did).
    expect(w.triggers('resumeReportJob').map((t) => t.schedule.after)).toEqual([24 * 3600_000]);
    expect(w.fake.mail.sent).toHaveLength(0);
    expect(currentJob()?.pending).toEqual(all);
    expect(currentJob()?.gaveUp).toBe(true);
    const log = logText(w);
    expect(log).toMatch(
      /lỗi khi gửi \(gọi dịch vụ của Google quá dày[^)]*\[Google: Service invoked too many times\]\)/,
    );
    expect(log).toContain(`chưa gửi được tới 5 người nhận: ${all.join(', ')}`);

    // A person continues it from the menu.
    fault.remove();
    w.fake.ui.queueAlertResponse('YES');
    const r = sendReportNow();
    expect(w.fake.ui.alerts.find((a) => a.buttons === 'YES_NO')?.prompt).toContain('còn 5/5 người nhận');
    expect(r.status).toBe('sent');
    expect(w.recipients()).toEqual(all);
  });

  test('near the 6-minute limit the run saves progress and a resume trigger finishes without duplicates', () => {
    const all = recipientsList(120);
    w = world({ stubAggregate: true, settings: { recipients: all } });
    // Every message takes 150 s of (fake) time: after two the run is past 4.5 minutes.
    w.fake.latency = { 'MailApp.sendEmail': 150_000 };
    const first = monthlyReportJob();
    expect(first.status).toBe('continuing');
    expect(w.recipients()).toEqual(all.slice(0, 100));
    const resume = w.triggers('resumeReportJob');
    expect(resume).toHaveLength(1);
    expect(resume[0].schedule.after).toBe(60 * 1000);
    expect(currentJob()?.pending).toEqual(all.slice(100));
    expect(logText(w)).toContain('gần hết 6 phút cho phép, đã lưu tiến độ (100/120)');

    w.fake.clock.advance(60_000);
    const [second] = fire(w, 'resumeReportJob') as RunOutcome[];
    expect(second.status).toBe('sent');
    expect(w.recipients()).toEqual(all);
    expectNoDuplicates(w.recipients());
    expect(w.triggers('resumeReportJob')).toHaveLength(0);
  });

  test('reading many units goes on over several runs without using up the retries, then the report goes out', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
    const original = deps().aggregate;
    // Like aggregatePeriod with 600 units in their own spreadsheets: 240 more read per run.
    let done = 0;
    setEmailDeps({
      aggregate: (p: Period) => {
        done = Math.min(600, done + 240);
        if (done < 600) throw new ReadContinues('đọc tiếp', done, 600, done / 240);
        return original(p);
      },
    });
    const statuses = [monthlyReportJob()];
    expect(statuses[0].status).toBe('continuing');
    expect(statuses[0].message).toContain('đã đọc 240/600 đơn vị');
    expect(w.triggers('resumeReportJob')).toHaveLength(1);
    // More runs than MAX_RETRIES: reading is progress, not a failed try.
    for (let i = 0; i < MAX_RETRIES + 1 && w.triggers('resumeReportJob').length; i++) {
      w.fake.clock.advance(60_000);
      statuses.push(...(fire(w, 'resumeReportJob') as RunOutcome[]));
    }
    expect(statuses.map((o) => o.status)).toEqual(['continuing', 'continuing', 'sent']);
    expect(w.fake.mail.sent).toHaveLength(1);
    expect(logText(w)).toContain('đã đọc 480/600 đơn vị, phần còn lại đọc tiếp sau 1 phút');
    expect(w.triggers('resumeReportJob')).toHaveLength(0);
  });

  test('reading that never ends counts as a failure after MAX_READ_RUNS runs', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
    let runs = 0;
    setEmailDeps({
      aggregate: () => {
        runs++;
        throw new ReadContinues('Đã đọc 1/600 đơn vị', 1, 600, runs);
      },
    });
    const outcomes = [monthlyReportJob()];
    while (outcomes.length < MAX_READ_RUNS + 1 && w.triggers('resumeReportJob').length) {
      w.fake.clock.advance(25 * 3600_000);
      outcomes.push(...(fire(w, 'resumeReportJob') as RunOutcome[]));
    }
    expect(outcomes.slice(0, MAX_READ_RUNS - 1).every((o) => o.status === 'continuing')).toBe(true);
    expect(outcomes[MAX_READ_RUNS - 1].status).toBe('failed');
    expect(outcomes[MAX_READ_RUNS - 1].message).toContain('Không tổng hợp được');
  });

  test('a slow "Tổng hợp" uses up the time: the rendered report is kept and the resume does not aggregate again', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
    const original = deps().aggregate;
    let aggregations = 0;
    setEmailDeps({
      aggregate: (p: Period) => {
        aggregations++;
        w.fake.clock.advance(5 * 60_000);
        return original(p);
      },
    });
    expect(monthlyReportJob().status).toBe('continuing');
    expect(w.fake.mail.sent).toHaveLength(0);
    expect(w.triggers('resumeReportJob')).toHaveLength(1);
    w.fake.clock.advance(60_000);
    expect((fire(w, 'resumeReportJob') as RunOutcome[])[0].status).toBe('sent');
    expect(aggregations).toBe(1);
    expect(w.fake.mail.sent).toHaveLength(1);
    expect(w.fake.mail.sent[0].htmlBody).toContain('so cùng kỳ');
  });

  test('a run killed mid-way (lease expired, nothing scheduled) is taken over by the next firing', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn', 'b@dienbien.gov.vn'] } });
    const now = w.fake.clock.nowMs();
    new JsonStore().put({
      job: {
        period: { type: 'month', year: 2018, index: 9 },
        key: '2018-09',
        label: 'tháng 9/2018',
        manual: false,
        stage: 'render',
        total: 2,
        pending: ['b@dienbien.gov.vn'],
        sent: 1,
        messages: 1,
        attempts: 0,
        owner: 'killed-run',
        leaseUntil: now - 1,
        waitingUntil: null,
        gaveUp: false,
        createdAt: now - 10 * 60_000,
      },
    });
    expect(monthlyReportJob().status).toBe('sent');
    expect(w.recipients()).toEqual(['b@dienbien.gov.vn']);
  });

  test('document lock held elsewhere: the run reschedules itself and sends once the lock is free', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
    const release = w.fake.locks.holdDocumentLock();
    expect(monthlyReportJob().status).toBe('lock-busy');
    expect(w.triggers('resumeReportJob')).toHaveLength(1);
    release();
    w.fake.clock.advance(60_000);
    expect((fire(w, 'resumeReportJob') as RunOutcome[])[0].status).toBe('sent');
    expect(w.fake.mail.sent).toHaveLength(1);
  });

  test('an export that fails still sends the report, with a note, and logs it', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
    w.fake.http.handler = () => ({ status: 403, body: 'forbidden' });
    expect(monthlyReportJob().status).toBe('sent');
    const m = w.fake.mail.sent[0];
    expect(m.attachments).toHaveLength(0);
    expect(m.body).toContain('Không đính kèm được tệp .xlsx');
    expect(logText(w)).toMatch(/không xuất được tệp \.xlsx đính kèm \(Lỗi không xác định[^[]*\[Google: HTTP 403\]\)/);
  });

  test('no recipients: nothing sent, the log says why', () => {
    w = world({ stubAggregate: true });
    expect(monthlyReportJob().status).toBe('no-recipients');
    expect(w.fake.mail.sent).toHaveLength(0);
    expect(logText(w)).toContain('Chưa có người nhận báo cáo');
  });
});

describe('end to end with the add-on\'s "Tổng hợp"', () => {
  test('the job aggregates the last closed period, writes the summary sheet and mails it', () => {
    w = septemberWorld();
    enableMonthlyEmail();
    const [outcome] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(outcome.status).toBe('sent');
    const m = w.fake.mail.sent[0];
    expect(m.subject).toContain('tháng 9/2018');
    expect(m.htmlBody).toContain('Chung Chải');
    expect(m.attachments).toHaveLength(1);
    // What the attachment holds: attachment.test.ts.
    expect(w.exports).toHaveLength(1);
    expect(logText(w)).toMatch(/Tổng hợp \| 2018-09/);
  });
});

describe('the monthly job over the real "Tổng hợp", reading beyond one run', () => {
  test('the job hands the read over to itself (no "Tổng hợp" trigger) and mails once everything is read', () => {
    w = septemberWorld();
    enableMonthlyEmail();
    // Every request takes 5 minutes (modelled): the first run's reading budget is gone at once.
    w.fake.latency = { fetch: 300_000 };
    const [first] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(first.status).toBe('continuing');
    expect(w.triggers('resumeAggregate')).toHaveLength(0);
    expect(w.triggers('resumeReportJob')).toHaveLength(1);
    expect(w.fake.mail.sent).toHaveLength(0);

    w.fake.latency = {};
    w.fake.clock.advance(60_000);
    const [second] = fire(w, 'resumeReportJob') as RunOutcome[];
    expect(second.status).toBe('sent');
    expect(w.fake.mail.sent).toHaveLength(1);
    expect(w.fake.mail.sent[0].htmlBody).toContain('Chung Chải');
    expect(w.triggers('resumeAggregate')).toHaveLength(0);
  });
});

describe('a report waiting for quota follows the recipients as they are when it goes on', () => {
  test('an address removed meanwhile gets nothing more; one added gets the report; "Nhật ký" says so', () => {
    const all = recipientsList(5);
    const removed = 'nguoi.cu@gmail.com';
    const added = 'tinhuy@dienbien.gov.vn';
    w = world({
      stubAggregate: true,
      mailQuota: 2,
      settings: { recipients: [...all.slice(0, 2), removed, ...all.slice(2)] },
    });
    expect(monthlyReportJob().status).toBe('quota');
    expect(currentJob()?.pending).toContain(removed);
    w.setSettings({ recipients: [...all, added] });
    w.fake.clock.advance(24 * 3600_000);
    w.fake.mail.setRemainingQuota(1500);
    const [done] = fire(w, 'resumeReportJob') as RunOutcome[];
    expect(done.status).toBe('sent');
    expect(w.recipients()).not.toContain(removed);
    expect(w.recipients()).toContain(added);
    expect(done.sent).toBe(all.length + 1);
    const log = w.ss.getSheetByName('Nhật ký')?.getDataRange().getValues().flat().join('\n') ?? '';
    expect(log).toContain(`không gửi nữa cho ${removed}; gửi thêm cho ${added}`);
  });
});
