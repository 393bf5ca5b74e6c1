/** "Bật/Tắt gửi báo cáo hằng tháng": one monthly trigger, never two. */
import { disableMonthlyEmail, enableMonthlyEmail } from '../../../src/gas/email/index';
import { type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

describe('monthly e-mail trigger', () => {
  test('enable installs exactly one onMonthDay trigger in Vietnam time, plus the daily reminder trigger', () => {
    w = world({ settings: { recipients: ['bdv@dienbien.gov.vn'] } });
    enableMonthlyEmail();
    const monthly = w.triggers('monthlyReportJob');
    expect(monthly).toHaveLength(1);
    expect(monthly[0].eventType).toBe('CLOCK');
    expect(monthly[0].schedule).toEqual({ onMonthDay: 20, atHour: 7, timezone: 'Asia/Ho_Chi_Minh' });
    const daily = w.triggers('sendReminders');
    expect(daily).toHaveLength(1);
    expect(daily[0].schedule).toEqual({ everyDays: 1, atHour: 7, timezone: 'Asia/Ho_Chi_Minh' });
    const alert = w.fake.ui.alerts.at(-1);
    expect(alert?.prompt).toContain('ngày 20 hằng tháng');
    expect(alert?.prompt).toContain('7 giờ');
  });

  test('enable twice leaves one trigger (and does not recreate it)', () => {
    w = world({ settings: { recipients: ['bdv@dienbien.gov.vn'] } });
    enableMonthlyEmail();
    const first = w.triggers('monthlyReportJob')[0].id;
    enableMonthlyEmail();
    enableMonthlyEmail();
    const monthly = w.triggers('monthlyReportJob');
    expect(monthly).toHaveLength(1);
    expect(monthly[0].id).toBe(first);
    expect(w.triggers('sendReminders')).toHaveLength(1);
    expect(w.triggers()).toHaveLength(2);
  });

  test('changing the send day and enabling again replaces the trigger', () => {
    w = world({ settings: { recipients: ['bdv@dienbien.gov.vn'] } });
    enableMonthlyEmail();
    const first = w.triggers('monthlyReportJob')[0].id;
    w.setSettings({ sendDay: 20, sendHour: 8 });
    enableMonthlyEmail();
    const monthly = w.triggers('monthlyReportJob');
    expect(monthly).toHaveLength(1);
    expect(monthly[0].id).not.toBe(first);
    expect(monthly[0].schedule).toEqual({ onMonthDay: 20, atHour: 8, timezone: 'Asia/Ho_Chi_Minh' });
    expect(w.triggers('sendReminders')[0].schedule.atHour).toBe(8);
  });

  test('a stray duplicate (e.g. made by hand) is cleaned up on the next enable', () => {
    w = world({ settings: { recipients: ['bdv@dienbien.gov.vn'] } });
    enableMonthlyEmail();
    ScriptApp.newTrigger('monthlyReportJob').timeBased().onMonthDay(3).atHour(1).create();
    expect(w.triggers('monthlyReportJob')).toHaveLength(2);
    enableMonthlyEmail();
    expect(w.triggers('monthlyReportJob')).toHaveLength(1);
    expect(w.triggers('monthlyReportJob')[0].schedule.onMonthDay).toBe(20);
  });

  test('reminders off: no daily trigger', () => {
    w = world({ settings: { recipients: ['bdv@dienbien.gov.vn'], reminders: false } });
    enableMonthlyEmail();
    expect(w.triggers('monthlyReportJob')).toHaveLength(1);
    expect(w.triggers('sendReminders')).toHaveLength(0);
  });

  test('disable removes them; disabling twice is harmless', () => {
    w = world({ settings: { recipients: ['bdv@dienbien.gov.vn'] } });
    enableMonthlyEmail();
    disableMonthlyEmail();
    expect(w.triggers()).toHaveLength(0);
    expect(w.fake.ui.alerts.at(-1)?.prompt).toContain('Đã tắt');
    disableMonthlyEmail();
    expect(w.triggers()).toHaveLength(0);
    expect(w.fake.ui.alerts.at(-1)?.prompt).toContain('đang tắt');
    enableMonthlyEmail();
    expect(w.triggers('monthlyReportJob')).toHaveLength(1);
  });

  test('no recipients: nothing installed, the user is told where to add them', () => {
    w = world();
    enableMonthlyEmail();
    expect(w.triggers()).toHaveLength(0);
    expect(w.fake.ui.alerts.at(-1)?.prompt).toContain('Cài đặt');
  });

  test('enabling and disabling are written to "Nhật ký"', () => {
    w = world({ settings: { recipients: ['bdv@dienbien.gov.vn'] } });
    enableMonthlyEmail();
    disableMonthlyEmail();
    const log = w.ss.getSheetByName('Nhật ký')?.getDataRange().getValues() ?? [];
    const text = log.map((r) => r.join(' | ')).join('\n');
    expect(text).toContain('Đã đặt lịch gửi báo cáo ngày 20 hằng tháng lúc 7 giờ.');
    expect(text).toContain('Đã xóa lịch gửi báo cáo hằng tháng.');
  });
});
