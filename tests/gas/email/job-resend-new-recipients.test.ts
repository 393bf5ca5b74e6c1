/**
 * A report sent again is marked "(gửi lại, thay thế bản ngày …)" only for the recipients who had
 * the earlier copy: one added since (the reason one presses "Gửi báo cáo ngay"), or one left
 * waiting by an early partial send, gets the report unmarked (review P §7).
 */
import { enableMonthlyEmail, sendReportNow } from '../../../src/gas/email/index';
import type { RunOutcome } from '../../../src/gas/email/job';
import { fire, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const MARK = /gửi lại|thay thế/i;

function reports() {
  return w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Báo cáo'));
}

test('a recipient added after the send gets the report unmarked; the earlier one gets it marked', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['lanhdao@tinhuy.vn'] } });
  enableMonthlyEmail();
  fire(w, 'monthlyReportJob');
  expect(reports()).toHaveLength(1);
  w.fake.clock.advance(2 * 24 * 3600_000);
  w.setSettings({ recipients: ['LanhDao@tinhuy.vn', 'moi@tinhuy.vn'] });
  w.fake.ui.queueAlertResponse('YES');
  expect(sendReportNow().status).toBe('sent');
  const [, old, added] = reports();
  expect(old.toList).toEqual(['LanhDao@tinhuy.vn']);
  expect(old.subject).toContain('(gửi lại, thay thế bản ngày 20/09/2018)');
  expect(old.body.startsWith('Bản gửi lại: báo cáo này thay thế')).toBe(true);
  expect(old.attachments[0].name).toContain('(bản 22-09-2018)');
  expect(added.toList).toEqual(['moi@tinhuy.vn']);
  expect(added.subject).toBe('[Dân vận] Báo cáo tháng 9/2018 – huyện Mường Nhé');
  expect(added.body).not.toMatch(MARK);
  expect(added.htmlBody ?? '').not.toMatch(MARK);
  expect(added.attachments[0].name).not.toContain('(bản ');

  // A third send: both had a copy now, one message, marked.
  w.fake.clock.advance(24 * 3600_000);
  w.fake.ui.queueAlertResponse('YES');
  expect(sendReportNow().status).toBe('sent');
  const third = reports()[3];
  expect(third.toList).toEqual(['LanhDao@tinhuy.vn', 'moi@tinhuy.vn']);
  expect(third.subject).toContain('(gửi lại, thay thế bản ngày 22/09/2018)');
});

test('the scheduled send after an early partial one: only those reached early are told it replaces it', () => {
  // Deadline Tuesday 18/09; by hand on 17/09 with quota for one recipient only, the scheduled send on 20/09.
  w = world({
    now: '2018-09-17T08:30:00+07:00',
    stubAggregate: true,
    settings: { recipients: ['a@tinhuy.vn', 'b@tinhuy.vn'] },
  });
  enableMonthlyEmail();
  w.fake.mail.setRemainingQuota(1);
  w.fake.ui.queueAlertResponse('YES');
  sendReportNow();
  expect(reports().map((m) => m.toList)).toEqual([['a@tinhuy.vn']]);

  w.fake.mail.setRemainingQuota(100);
  w.fake.clock.set(new Date('2018-09-20T07:00:00+07:00'));
  const outcomes = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect(outcomes.map((o) => o.status)).toContain('sent');
  const later = reports().slice(1);
  const toA = later.find((m) => m.toList.includes('a@tinhuy.vn'));
  const toB = later.find((m) => m.toList.includes('b@tinhuy.vn'));
  expect(toA?.toList).toEqual(['a@tinhuy.vn']);
  expect(toA?.subject).toContain('(gửi lại, thay thế bản ngày 17/09/2018)');
  expect(toB?.toList).toEqual(['b@tinhuy.vn']);
  expect(toB?.subject).not.toMatch(MARK);
  expect(toB?.body).not.toMatch(MARK);
});

test('a send recorded by the previous version (no addresses kept): everyone is told it replaces it', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['lanhdao@tinhuy.vn', 'moi@tinhuy.vn'] } });
  enableMonthlyEmail();
  const at = new Date('2018-09-20T07:00:00+07:00').getTime();
  PropertiesService.getDocumentProperties().setProperty(
    'danvan.email.sent.2018-09',
    JSON.stringify({ at, recipients: 1, messages: 1, manual: false }),
  );
  w.fake.ui.queueAlertResponse('YES');
  expect(sendReportNow().status).toBe('sent');
  const [m] = reports();
  expect(m.toList).toEqual(['lanhdao@tinhuy.vn', 'moi@tinhuy.vn']);
  expect(m.subject).toContain('(gửi lại, thay thế bản ngày 20/09/2018)');
});

test('records of periods that are not sent again keep no addresses (the property store is small)', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['lanhdao@tinhuy.vn'] } });
  enableMonthlyEmail();
  const props = PropertiesService.getDocumentProperties();
  const old = Array.from({ length: 12 }, (_, i) => `2017-${String(i + 1).padStart(2, '0')}`);
  const older = ['2016-11', '2016-12', ...old];
  for (const k of older)
    props.setProperty(
      `danvan.email.sent.${k}`,
      JSON.stringify({ at: 1, recipients: 1, messages: 1, manual: false, reached: ['abc'] }),
    );
  fire(w, 'monthlyReportJob');
  const record = (k: string) => JSON.parse(props.getProperty(`danvan.email.sent.${k}`) ?? 'null');
  expect(record('2018-09').reached).toHaveLength(1);
  // The current period and the 11 before it keep theirs; older ones are left without.
  expect(older.filter((k) => record(k).reached)).toEqual(older.slice(-11));
  expect(record('2016-11')).toEqual({ at: 1, recipients: 1, messages: 1, manual: false });
});
