/**
 * Gmail refuses the report's .xlsx for its size at province scale, where the notes are also cut
 * for the e-mail: the report then goes without the file, and must not send its readers to a
 * "bảng tổng hợp kèm theo" that is not there (review P §4).
 */
import type { Period } from '../../../src/engine/types';
import { deps, setEmailDeps } from '../../../src/gas/email/deps';
import { enableMonthlyEmail, monthlyReportJob } from '../../../src/gas/email/index';
import { recipientsList, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const PARAGRAPH =
  'Đường liên thôn bị sạt lở sau mưa lớn, đi lại của bà con và học sinh gặp nhiều khó khăn; đề nghị cấp trên hỗ trợ kinh phí khắc phục. '.repeat(
    4,
  );

/** 166 communes, one long note each (cut to fit the e-mail), and findings (the "Kiểm tra" pointer). */
function province(): void {
  const original = deps().aggregate;
  setEmailDeps({
    aggregate: (p: Period) => {
      const bundle = original(p);
      const s = bundle.summary;
      s.units = Array.from({ length: 166 }, (_, i) => ({ code: `x${i}`, name: `Số ${i + 1}`, kind: 'Xã', emails: [] }));
      const ind = s.indicators.find((i) => i.kind === 'note');
      if (!ind) throw new Error('no note indicator');
      ind.notes = s.units.map((u) => ({ unitCode: u.code, unitName: u.name, month: 9, text: PARAGRAPH }));
      s.findings = [
        ...s.findings,
        { code: 'negative', severity: 'error', message: 'Xã Số 1: ô C12 có số âm (-3)' } as (typeof s.findings)[number],
      ];
      return bundle;
    },
  });
}

function reports() {
  return w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Báo cáo'));
}

test('the attachment refused for its size: the report without it says where the rest is, and the note is at the top', () => {
  w = world({ stubAggregate: true, settings: { recipients: recipientsList(2) } });
  enableMonthlyEmail();
  province();
  w.fake.faults.add({
    method: 'MailApp.sendEmail',
    when: (args) => ((args[0] as { attachments?: unknown[] })?.attachments ?? []).length > 0,
    error: 'Limit Exceeded: Email Total Attachments Size.',
  });
  expect(monthlyReportJob().status).toBe('sent');
  const r = reports();
  const last = r[r.length - 1];
  expect(last.attachments).toHaveLength(0);
  for (const body of [last.body, last.htmlBody ?? '']) {
    expect(body).not.toContain('kèm theo');
    expect(body).not.toContain('Chi tiết xem trang "Kiểm tra" trong bảng tổng hợp.');
    expect(body).not.toContain('Chi tiết xem trang &quot;Kiểm tra&quot; trong bảng tổng hợp.');
  }
  expect(last.body).toMatch(/… và \d+ ý kiến khác — không in hết trong thư này; đủ cả ở trang "Tổng hợp 2018-09"/);
  expect(last.body).toContain('lần này không đính kèm được tệp đó — xin liên hệ nơi gửi thư này để nhận');
  expect(last.body).toContain('Chi tiết có ở trang "Kiểm tra" của bảng tổng hợp, lần này không đính kèm được');
  // The note why, before the report itself (not after a hundred lines of notes).
  const note = last.body.indexOf('Không đính kèm được tệp .xlsx lần này');
  expect(note).toBeGreaterThanOrEqual(0);
  expect(note).toBeLessThan(last.body.indexOf('TÌNH HÌNH CHUNG'));
  const html = last.htmlBody ?? '';
  expect(html.indexOf('Không đính kèm được tệp .xlsx lần này')).toBeLessThan(html.indexOf('BÁO CÁO TỔNG HỢP'));
});

test('with the attachment, the pointers still say "kèm theo"', () => {
  w = world({ stubAggregate: true, settings: { recipients: recipientsList(2) } });
  enableMonthlyEmail();
  province();
  expect(monthlyReportJob().status).toBe('sent');
  const [m] = reports();
  expect(m.attachments).toHaveLength(1);
  expect(m.body).toMatch(/… và \d+ ý kiến khác — xem đủ ở trang "Tổng hợp 2018-09" trong bảng tổng hợp kèm theo\./);
  expect(m.body).toContain('Chi tiết xem trang "Kiểm tra" trong bảng tổng hợp.');
  expect(m.body).not.toContain('Không đính kèm được');
});
