/**
 * Reminders to units of one name ("Pá Mỳ" of two districts): the e-mail each gets and "Nhật ký"
 * name each with its code, as the summary does. September 2018: Mon 17/09 is a reminder day.
 */
import { deps, setEmailDeps } from '../../../src/gas/email/deps';
import { sendReminders } from '../../../src/gas/email/index';
import { logText, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

test('each "Pá Mỳ" is named with its code; a failed send says which, without a second bracket', () => {
  w = world({
    now: '2018-09-17T07:00:00+07:00',
    allTabs: true,
    units: { 'chung-chai': { submitted: { 9: '2018-09-15' } } },
    settings: { recipients: ['bdv@dienbien.gov.vn'] },
  });
  const real = deps().submissions;
  setEmailDeps({
    submissions: (p) => {
      const s = real(p);
      const paMy = s.units.find((u) => u.code === 'pa-my');
      const row = s.completeness.rows.find((r) => r.unitCode === 'pa-my');
      if (!paMy || !row) throw new Error('no pa-my');
      // Two more "Pá Mỳ", neither submitted: one reachable, one whose address Google refuses.
      const twins = [
        { ...paMy, code: 'pa-my-nn', emails: ['vanphong@pamy-nn.vn'] },
        { ...paMy, code: 'pa-my-tc', emails: ['not-an-address'] },
      ];
      return {
        ...s,
        units: [...s.units, ...twins],
        completeness: {
          ...s.completeness,
          rows: [...s.completeness.rows, ...twins.map((t) => ({ ...row, unitCode: t.code }))],
        },
      };
    },
  });
  const r = sendReminders();
  expect(r.reminded).toContain('pa-my-nn');
  const mail = w.fake.mail.sent.find((m) => m.toList[0] === 'vanphong@pamy-nn.vn');
  expect(mail?.body).toContain('Kính gửi cán bộ phụ trách báo cáo dân vận của Xã Pá Mỳ (pa-my-nn),');
  expect(mail?.htmlBody).toContain('Xã Pá Mỳ (pa-my-nn)');
  const log = logText(w);
  expect(log).toMatch(/Nhắc nộp báo cáo tháng 9\/2018: .*Xã Pá Mỳ \(pa-my\), .*Xã Pá Mỳ \(pa-my-nn\)\./);
  expect(log).toContain(
    'Nhắc nộp báo cáo tháng 9/2018: lỗi khi gửi tới Xã Pá Mỳ (pa-my-tc): địa chỉ e-mail không hợp lệ: not-an-address',
  );
  // The failed unit is not also said to be "out of time": no time ran out.
  expect(log).not.toContain('hết thời gian');
  expect(log).toContain(
    'Nhắc nộp báo cáo tháng 9/2018: chưa nhắc được Xã Pá Mỳ (pa-my-tc) vì lỗi khi gửi thư (xem các dòng lỗi ở trên).',
  );
  // Other units keep their name alone.
  expect(log).toContain('Xã Nậm Kè,');
});
