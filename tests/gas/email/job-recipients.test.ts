/**
 * One mistyped address among the report's recipients ("Cài đặt", B12) leaves that address out:
 * the others get the report, and the admins are told which cell and address (review E §2b).
 */
import { enableMonthlyEmail, sendReportNow } from '../../../src/gas/email/index';
import type { RunOutcome } from '../../../src/gas/email/job';
import { fire, logText, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

/** Type into the value cell of the "Cài đặt" row whose label starts with `label`, as a person would. */
function typeSetting(label: string, text: string): string {
  const sheet = w.ss.getSheetByName('Cài đặt') as GoogleAppsScript.Spreadsheet.Sheet;
  const grid = sheet.getDataRange().getValues();
  const row = grid.findIndex((r) => String(r[0]).startsWith(label));
  expect(row).toBeGreaterThanOrEqual(0);
  sheet.getRange(row + 1, 2).setValue(text);
  return `B${row + 1}`;
}

function setUp(now: string): string {
  w = world({
    now,
    allTabs: true, // the real "Tổng hợp" (the helpers' stub reads the settings strictly)
    settings: { recipients: ['a@dienbien.gov.vn', 'b@dienbien.gov.vn'] },
  });
  typeSetting('Quản trị viên', 'quantri@dienbien.gov.vn');
  enableMonthlyEmail();
  return typeSetting('Người nhận báo cáo', 'a@dienbien.gov.vn, b@dienbien.gov.vn, c@dienbien,gov.vn');
}

test('the scheduled report goes to the valid recipients; the admins are told the cell and the address', () => {
  const cell = setUp('2018-09-19T07:00:00+07:00');
  w.fake.clock.set(new Date('2018-09-20T07:00:00+07:00'));
  const [o] = fire(w, 'monthlyReportJob') as RunOutcome[];

  expect(o.status).toBe('sent');
  const reports = w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Báo cáo tháng'));
  expect(reports).toHaveLength(1);
  expect(reports[0].toList).toEqual(['a@dienbien.gov.vn', 'b@dienbien.gov.vn']);
  const notices = w.fake.mail.sent.filter((m) =>
    m.subject.includes('địa chỉ người nhận báo cáo tháng 9/2018 không hợp lệ'),
  );
  expect(notices).toHaveLength(1);
  expect(notices[0].toList).toEqual(['quantri@dienbien.gov.vn']);
  expect(notices[0].body).toContain(`ô ${cell}`);
  expect(notices[0].body).toContain('"c@dienbien", "gov.vn"');
  expect(logText(w)).toContain('"c@dienbien", "gov.vn"');
  // Told once per period, not on every run.
  fire(w, 'monthlyReportJob');
  expect(
    w.fake.mail.sent.filter((m) => m.subject.includes('địa chỉ người nhận báo cáo tháng 9/2018 không hợp lệ')),
  ).toHaveLength(1);
});

test('"Gửi báo cáo ngay" sends to the valid recipients and says which address was left out', () => {
  const cell = setUp('2018-09-20T08:00:00+07:00');
  const r = sendReportNow();
  expect(r.status).toBe('sent');
  expect(w.recipients()).toEqual(['a@dienbien.gov.vn', 'b@dienbien.gov.vn']);
  const said = w.fake.ui.alerts.at(-1)?.prompt ?? '';
  expect(said).toContain('Đã gửi báo cáo tháng 9/2018 tới 2 người nhận.');
  expect(said).toContain(`ô ${cell}`);
  expect(said).toContain('"c@dienbien", "gov.vn"');
});

test('another mistake in "Cài đặt" still stops the report (nothing guessed)', () => {
  setUp('2018-09-19T07:00:00+07:00');
  typeSetting('Ngày chốt', 'mười lăm');
  w.fake.clock.set(new Date('2018-09-20T07:00:00+07:00'));
  const [o] = fire(w, 'monthlyReportJob') as RunOutcome[];
  expect(o.status).toBe('invalid-settings');
  expect(w.fake.mail.sent.filter((m) => m.subject.startsWith('[Dân vận] Báo cáo tháng'))).toHaveLength(0);
});
