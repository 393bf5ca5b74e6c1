/** The sidebar's server functions against the "Cài đặt" sheet the add-on reads. */

import { defaultSettings } from '../../../src/engine/catalogue/defaults';
import { readConfig } from '../../../src/gas/config';
import {
  enableMonthlyEmail,
  getSettingsForSidebar,
  saveSettingsFromSidebar,
  showSettings,
} from '../../../src/gas/email/index';
import { sendDayWarning, settingsFromForm } from '../../../src/gas/email/settings-form';
import { type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const XSS = '<img src=x onerror=alert(1)>';

function form(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    aggregatingUnitName: 'Mường Nhé',
    level: 'huyện',
    scopeLabel: 'toàn huyện',
    organisation: 'Ban Dân vận Huyện ủy Mường Nhé',
    recipients: 'a@dienbien.gov.vn\nb@dienbien.gov.vn',
    sendDay: '21',
    sendHour: '7',
    cutoffDay: '15',
    submitDays: '2',
    submitWorkingDays: true,
    reminders: true,
    reminderDaysBefore: '1',
    ...patch,
  };
}

function settingsCell(label: string): { value: unknown; format: string } {
  const sheet = w.ss.getSheetByName('Cài đặt')!;
  const grid = sheet.getDataRange().getValues();
  const r = grid.findIndex((row) => row[0] === label) + 1;
  const cell = sheet.getRange(r, 2);
  return { value: cell.getValue(), format: cell.getNumberFormat() };
}

describe('settings sidebar, server side', () => {
  test('"Cài đặt…" opens the sidebar page', () => {
    w = world();
    showSettings();
    const shown = w.fake.ui.shown.at(-1);
    expect(shown?.kind).toBe('sidebar');
    expect(shown?.html).toContain('google.script.run');
    expect(shown?.html).not.toMatch(/<script[^>]+src=/);
    expect(shown?.html).not.toMatch(/<link[^>]+href=/);
  });

  test('getSettingsForSidebar returns what the sheet says', () => {
    w = world({ settings: { recipients: ['a@dienbien.gov.vn'] } });
    const data = getSettingsForSidebar();
    expect(data.settings).toMatchObject({
      aggregatingUnitName: 'Mường Nhé',
      level: 'huyện',
      recipients: ['a@dienbien.gov.vn'],
      sendDay: 20,
      sendHour: 7,
      reminders: true,
    });
    expect(data.errors).toEqual({});
    expect(data.enabled).toBe(false);
  });

  test('saving writes the sheet; the add-on reads exactly the same settings', () => {
    w = world();
    const r = saveSettingsFromSidebar(form());
    expect(r.ok).toBe(true);
    const cfg = readConfig(w.ss);
    if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
    expect(cfg.config.settings).toMatchObject({
      recipients: ['a@dienbien.gov.vn', 'b@dienbien.gov.vn'],
      sendDay: 21,
      sendHour: 7,
    });
    expect(settingsCell('Người nhận báo cáo (e-mail)').value).toBe('a@dienbien.gov.vn, b@dienbien.gov.vn');
    expect(settingsCell('Ngày gửi báo cáo hằng tháng').value).toBe(21);
    // Days off live in the "Ngày nghỉ" sheet, not in the sidebar.
    const { holidays: _daysOff, ...edited } = cfg.config.settings;
    expect(getSettingsForSidebar().settings).toEqual(edited);
  });

  test('invalid values come back per field in Vietnamese and the sheet is not touched', () => {
    w = world();
    const before = w.fake.snapshot(w.ss).sheets.find((s) => s.name === 'Cài đặt');
    const r = saveSettingsFromSidebar(
      form({ sendDay: '31', sendHour: 'bảy', recipients: 'x@y.vn\nkhông hợp lệ', level: '' }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      sendDay: 'Ngày gửi báo cáo phải nhỏ hơn hoặc bằng 28',
      sendHour: 'Giờ gửi báo cáo phải là số nguyên',
      recipients: 'Người nhận thứ 2 ("không hợp lệ") không phải địa chỉ e-mail hợp lệ',
      level: 'Cấp tổng hợp không được để trống',
    });
    const after = w.fake.snapshot(w.ss).sheets.find((s) => s.name === 'Cài đặt');
    expect(after).toEqual(before);
  });

  test('text that looks like markup or a formula is stored as plain text', () => {
    w = world();
    const r = saveSettingsFromSidebar(form({ aggregatingUnitName: XSS, scopeLabel: '=HYPERLINK("x")' }));
    expect(r.ok).toBe(true);
    expect(settingsCell('Tên đơn vị tổng hợp')).toEqual({ value: XSS, format: '@' });
    expect(settingsCell('Phạm vi trong câu văn')).toEqual({ value: '=HYPERLINK("x")', format: '@' });
    const sheet = w.ss.getSheetByName('Cài đặt')!;
    expect(sheet.getDataRange().getFormulas().flat().filter(Boolean)).toEqual([]);
    expect(getSettingsForSidebar().settings.aggregatingUnitName).toBe(XSS);
  });

  test('only changed cells are written', () => {
    w = world();
    saveSettingsFromSidebar(form());
    w.fake.resetCalls();
    saveSettingsFromSidebar(form({ sendHour: '9' }));
    expect(w.fake.calls.count('Range.setValue')).toBe(1);
    expect(settingsCell('Giờ gửi báo cáo').value).toBe(9);
  });

  test('with the monthly e-mail on, a new send day moves the trigger at once', () => {
    w = world({ settings: { recipients: ['a@dienbien.gov.vn'] } });
    enableMonthlyEmail();
    const r = saveSettingsFromSidebar(form({ sendDay: '22', sendHour: '8' }));
    expect(r.ok && r.message).toBe('Đã lưu cài đặt và cập nhật lịch gửi tự động.');
    const t = w.triggers('monthlyReportJob');
    expect(t).toHaveLength(1);
    expect(t[0].schedule).toEqual({ onMonthDay: 22, atHour: 8, timezone: 'Asia/Ho_Chi_Minh' });
    const early = saveSettingsFromSidebar(form({ sendDay: '17', sendHour: '8' }));
    expect(early.ok && early.message).toContain('nên chọn ngày gửi từ 19 trở đi');
    saveSettingsFromSidebar(form({ sendDay: '22', sendHour: '8' }));
    const off = saveSettingsFromSidebar(form({ sendDay: '22', sendHour: '8', reminders: false }));
    expect(off.ok).toBe(true);
    expect(w.triggers('sendReminders')).toHaveLength(0);
  });

  test('a sheet with a mistake: the sidebar shows the values and the error next to the field', () => {
    w = world();
    const sheet = w.ss.getSheetByName('Cài đặt')!;
    const grid = sheet.getDataRange().getValues();
    const r = grid.findIndex((row) => row[0] === 'Ngày chốt số liệu') + 1;
    sheet.getRange(r, 2).setValue(40);
    const data = getSettingsForSidebar();
    expect(data.settings.cutoffDay).toBe(40);
    expect(data.errors).toEqual({ cutoffDay: 'Ngày chốt số liệu phải nhỏ hơn hoặc bằng 28' });
    // Fixing it in the sidebar repairs the sheet.
    expect(saveSettingsFromSidebar(form({ cutoffDay: '15' })).ok).toBe(true);
    expect(readConfig(w.ss).ok).toBe(true);
  });
});

describe('settingsFromForm (pure)', () => {
  test('numbers from text, recipients one per line, booleans from checkboxes', () => {
    const r = settingsFromForm(form({ recipients: ' a@x.vn \r\n\r\nb@x.vn; c@x.vn ' }), defaultSettings());
    expect(r.ok && r.value).toMatchObject({ recipients: ['a@x.vn', 'b@x.vn', 'c@x.vn'], sendDay: 21, reminders: true });
  });

  test('a missing number says so', () => {
    const r = settingsFromForm(form({ submitDays: '' }), {});
    expect(!r.ok && r.errors.submitDays).toBe('Số ngày được nộp sau khi chốt bị thiếu');
  });

  test('a send day before the deadline is saved with a warning naming a safe day', () => {
    const warn = sendDayWarning({ ...defaultSettings(), sendDay: 17 }, '2018-09-20');
    expect(warn).toContain('ngày gửi 17 có thể chưa qua hạn nộp');
    expect(warn).toContain('nên chọn ngày gửi từ 19 trở đi');
    expect(sendDayWarning({ ...defaultSettings(), sendDay: 19 }, '2018-09-20')).toBeNull();
    expect(sendDayWarning({ ...defaultSettings(), sendDay: 5 }, '2018-09-20')).toBeNull();
  });
});

describe('Google refusing the sidebar’s read or write', () => {
  test('a protected "Cài đặt" sheet: saving says so in Vietnamese, in the form, instead of Google’s English', () => {
    w = world({ settings: { recipients: ['bdv@dienbien.gov.vn'] } });
    const data = getSettingsForSidebar();
    w.fake.faults.add({
      method: 'Range.setValue',
      error:
        'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    });
    w.fake.faults.add({
      method: 'Range.setValues',
      error:
        'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    });
    const r = saveSettingsFromSidebar({ ...(data.settings as Record<string, unknown>), sendDay: '21' });
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : String(r.errors.form);
    expect(text).toContain('đang được bảo vệ');
    expect(text).not.toMatch(/You are trying/);
  });

  test('a Sheets time-out while opening the sidebar is said in Vietnamese, as a failed load (no form to save)', () => {
    w = world({ settings: { recipients: ['bdv@dienbien.gov.vn'] } });
    w.fake.faults.add({
      method: 'Range.getValues',
      error: 'Service Spreadsheets timed out while accessing document with id x.',
    });
    const data = getSettingsForSidebar();
    expect(data.loadFailed).toBe('Google Sheets phản hồi quá lâu — hãy chạy lại sau ít phút');
    expect(data.settings).toEqual({});
  });
});
