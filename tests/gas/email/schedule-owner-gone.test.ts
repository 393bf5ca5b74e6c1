/**
 * The monthly schedule runs as whoever set it (time-driven triggers run as their owner). When that
 * person can no longer edit the spreadsheet (removed, account gone), the report stops without a word:
 * before, the sidebar still said "đang bật" and nothing else told anyone. Now the sidebar and "Kiểm
 * tra dữ liệu" say who set it and that someone else must set it again.
 */
import { disableMonthlyEmail, enableMonthlyEmail } from '../../../src/gas/email/index';
import { getSettingsForSidebar, saveSettingsFromSidebar } from '../../../src/gas/email/settings-sidebar';
import * as main from '../../../src/gas/main';
import { type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const BDV = 'bdv@muongnhe.vn';
const PHO = 'pho@muongnhe.vn';

/** bdv owns the spreadsheet; pho, an editor, turns the monthly e-mail on (the triggers are pho's). */
function phoSetsTheSchedule(): void {
  w = world({ now: '2018-09-01T07:00:00+07:00', stubAggregate: true, settings: { recipients: ['a@dienbien.gov.vn'] } });
  w.ss.addEditor(PHO);
  w.fake.setUser(PHO);
  enableMonthlyEmail();
  expect(w.triggers('monthlyReportJob').map((t) => t.user)).toEqual([PHO]);
  w.fake.setUser(BDV);
}

const checkSheet = () =>
  (w.ss.getSheetByName('Kiểm tra') as GoogleAppsScript.Spreadsheet.Sheet)
    .getDataRange()
    .getValues()
    .map((r) => String(r[4]));

test('the schedule set by an editor who is still one: nothing is said', () => {
  phoSetsTheSchedule();
  const data = getSettingsForSidebar();
  expect(data.enabled).toBe(true);
  expect(data.scheduleWarning).toBeUndefined();
});

test('its owner removed from the editors: the sidebar and "Kiểm tra" name them and say to set it again', () => {
  phoSetsTheSchedule();
  w.ss.removeEditor(PHO);
  const data = getSettingsForSidebar();
  expect(data.scheduleWarning).toContain(`do ${PHO} đặt, nhưng ${PHO} không còn trong danh sách người có quyền`);
  expect(data.scheduleWarning).toContain('ngày 20 hằng tháng, khoảng 7 giờ');
  expect(data.scheduleWarning).toContain('Một người khác có quyền chỉnh sửa cần đặt lại lịch');
  expect(data.scheduleWarning).toContain('"Dân vận › Bật gửi báo cáo hằng tháng"');
  // Saving the settings shows it too (the sidebar is filled again from the answer).
  const saved = saveSettingsFromSidebar(data.settings as never);
  expect(saved.ok && saved.scheduleWarning).toBe(data.scheduleWarning);

  main.checkData();
  expect(checkSheet().filter((m) => m.includes(`do ${PHO} đặt`))).toEqual([data.scheduleWarning]);

  // "Bật" does not say it is on already ("không cần bật thêm"), but how to set it again.
  enableMonthlyEmail();
  expect(w.fake.ui.alerts.at(-1)?.prompt).toBe(data.scheduleWarning);
  expect(w.triggers('monthlyReportJob').map((t) => t.user)).toEqual([PHO]);

  // bdv does as told: "Tắt", "Có" (pho's schedule forgotten), "Bật": the schedule is bdv's, nothing said.
  w.fake.ui.queueAlertResponse('YES');
  disableMonthlyEmail();
  enableMonthlyEmail();
  expect(w.triggers('monthlyReportJob').map((t) => t.user)).toEqual([PHO, BDV]);
  expect(getSettingsForSidebar().scheduleWarning).toBeUndefined();
  main.checkData();
  expect(checkSheet().some((m) => m.includes(PHO))).toBe(false);
});

test('a caller who is not in the list either (access through a group, say): not known, so nothing is said', () => {
  phoSetsTheSchedule();
  w.ss.removeEditor(PHO);
  w.fake.setUser('nhom-dan-van@muongnhe.vn');
  expect(getSettingsForSidebar().scheduleWarning).toBeUndefined();
});
