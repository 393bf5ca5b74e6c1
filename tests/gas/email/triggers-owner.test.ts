/**
 * Two admins: triggers belong to whoever created them (Apps Script), and each sees only their own.
 * "Bật"/"Tắt" read the recorded owner: no second schedule beside another admin's, and "Tắt" by
 * someone else does not claim the schedule is off (review E §6).
 */
import { disableMonthlyEmail, enableMonthlyEmail } from '../../../src/gas/email/index';
import type { RunOutcome } from '../../../src/gas/email/job';
import { getSettingsForSidebar, saveSettingsFromSidebar } from '../../../src/gas/email/settings-sidebar';
import { scope, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const BDV = 'bdv@muongnhe.vn';
const PHO = 'pho@muongnhe.vn';

function lastAlert(): string {
  return w.fake.ui.alerts.at(-1)?.prompt ?? '';
}

function owners(): [string, string, number | undefined][] {
  return w.triggers().map((t) => [t.handlerFunction, t.user, t.schedule.onMonthDay]);
}

function setUp(): void {
  w = world({ now: '2018-09-01T07:00:00+07:00', stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  // pho edits the spreadsheet too (only an editor can use the add-on's menu on it).
  w.ss.addEditor(PHO);
}

test('a second admin\'s "Bật" makes no second schedule and says whose it is', () => {
  setUp();
  enableMonthlyEmail();
  w.fake.setUser(PHO);
  enableMonthlyEmail();
  expect(owners()).toEqual([
    ['monthlyReportJob', BDV, 20],
    ['sendReminders', BDV, undefined],
  ]);
  expect(lastAlert()).toContain(`đã được ${BDV} bật (ngày 20 hằng tháng, khoảng 7 giờ)`);
  expect(lastAlert()).toContain('trang Trình kích hoạt (Triggers)');
});

test('"Tắt" by another admin does not claim it is off: it names the owner, whose triggers stay', () => {
  setUp();
  enableMonthlyEmail();
  w.fake.setUser(PHO);
  disableMonthlyEmail();
  const said = w.fake.ui.alerts.at(-1);
  expect(said?.prompt).toContain('CHƯA tắt');
  expect(said?.prompt).toContain(`do ${BDV}`);
  expect(said?.prompt).not.toContain('Đã tắt');
  expect(owners().map(([h, u]) => [h, u])).toEqual([
    ['monthlyReportJob', BDV],
    ['sendReminders', BDV],
  ]);
  // Still recorded as bdv's: pho's "Bật" still makes no second schedule.
  enableMonthlyEmail();
  expect(w.triggers('monthlyReportJob')).toHaveLength(1);
  // The sidebar does not say it is off either.
  expect(getSettingsForSidebar().enabled).toBe(true);
  // bdv, the owner, turns it off as before.
  w.fake.setUser(BDV);
  disableMonthlyEmail();
  expect(lastAlert()).toContain('Đã tắt');
  expect(w.triggers()).toHaveLength(0);
});

test('another send day: not a second trigger beside the owner\'s; the owner\'s "Bật" moves it', () => {
  setUp();
  w.fake.setUser(PHO);
  enableMonthlyEmail();
  w.fake.setUser(BDV);
  w.setSettings({ sendDay: 25 });
  enableMonthlyEmail();
  expect(lastAlert()).toContain(`Chưa đổi lịch gửi: lịch gửi báo cáo hằng tháng đang chạy là của ${PHO} (ngày 20`);
  expect(lastAlert()).toContain('Cài đặt hiện nay (ngày 25');
  expect(w.triggers('monthlyReportJob').map((t) => [t.user, t.schedule.onMonthDay])).toEqual([[PHO, 20]]);
  // Saving the settings in the sidebar says the same.
  const saved = saveSettingsFromSidebar({ ...getSettingsForSidebar().settings, sendDay: '26' } as never);
  expect(saved.ok && saved.message).toContain(
    `Lưu ý: chưa đổi lịch gửi: lịch gửi báo cáo hằng tháng đang chạy là của ${PHO}`,
  );
  expect(w.triggers('monthlyReportJob').map((t) => [t.user, t.schedule.onMonthDay])).toEqual([[PHO, 20]]);
  w.fake.setUser(PHO);
  enableMonthlyEmail();
  expect(w.triggers('monthlyReportJob').map((t) => [t.user, t.schedule.onMonthDay])).toEqual([[PHO, 26]]);
});

test('the owner\'s triggers deleted by hand: "Tắt" answered YES forgets them, then the other admin can turn it on', () => {
  setUp();
  w.fake.setUser(PHO);
  enableMonthlyEmail();
  for (const t of ScriptApp.getProjectTriggers()) ScriptApp.deleteTrigger(t); // pho, in the Triggers page
  w.fake.setUser(BDV);
  w.fake.ui.queueAlertResponse('YES');
  disableMonthlyEmail();
  expect(lastAlert()).toContain(`Đã bỏ ghi nhận lịch gửi của ${PHO}`);
  enableMonthlyEmail();
  expect(lastAlert()).toContain('Đã bật gửi báo cáo hằng tháng');
  expect(w.triggers('monthlyReportJob').map((t) => t.user)).toEqual([BDV]);
  w.fake.clock.set(new Date('2018-09-20T07:00:00+07:00'));
  const [t] = w.triggers('monthlyReportJob');
  expect((w.fake.fireTrigger(t, scope) as RunOutcome).status).toBe('sent');
});
