/**
 * One mistyped address never stops the reminders: a unit's wrong staff address in "Đơn vị" skips
 * that unit only (said in "Nhật ký" with its cell, the admins told once), a wrong report recipient in
 * "Cài đặt" is ignored, and nothing unexpected escapes the run unlogged. The monthly report is not
 * held back by a unit's address it never uses.
 */
import { defaultUnits } from '../../../src/engine/catalogue/defaults';
import { setEmailDeps } from '../../../src/gas/email/deps';
import { monthlyReportJob, sendReminders } from '../../../src/gas/email/index';
import { SETTING_LABELS, SHEETS } from '../../../src/messages/vi/gas';
import { logText, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const ADMIN = 'quantri@dienbien.gov.vn';

function make(now = '2018-09-17T07:00:00+07:00'): World {
  return world({
    now,
    allTabs: true,
    units: { 'nam-ke': { submitted: { 9: '2018-09-15' } } },
    settings: { recipients: ['bdv@dienbien.gov.vn'] },
  });
}

function settingRow(label: string): number {
  const grid = w.ss.getSheetByName(SHEETS.settings)!.getDataRange().getValues();
  return grid.findIndex((r) => String(r[0]).trim() === label) + 1;
}

function setSetting(label: string, value: string): void {
  const row = settingRow(label);
  expect(row).toBeGreaterThan(0);
  w.ss.getSheetByName(SHEETS.settings)!.getRange(row, 2).setValue(value);
}

/** Mistype `code`'s staff address ("." → ","); returns its cell (A1). */
function mistypeUnitEmail(code: string): string {
  const sheet = w.ss.getSheetByName(SHEETS.units)!;
  const grid = sheet.getDataRange().getValues();
  const col = grid[0].findIndex((h) => String(h).startsWith('E-mail'));
  const row = grid.findIndex((r) => r[0] === code);
  expect(col).toBeGreaterThanOrEqual(0);
  expect(row).toBeGreaterThan(0);
  sheet.getRange(row + 1, col + 1).setValue(String(grid[row][col]).replace('.', ','));
  return `${String.fromCharCode(65 + col)}${row + 1}`;
}

const emailOf = (code: string) => defaultUnits().find((u) => u.code === code)!.emails[0];

describe('a unit address mistyped in "Đơn vị"', () => {
  test('only that unit is skipped: the others are reminded, "Nhật ký" names the cell, the admins are told once', () => {
    w = make();
    setSetting(SETTING_LABELS.admins, ADMIN);
    const cell = mistypeUnitEmail('chung-chai');
    const r = sendReminders();
    expect(r.status).toBe('sent');
    expect(r.reminded).not.toContain('chung-chai');
    expect(r.reminded).not.toContain('nam-ke');
    expect(r.reminded).toContain('muong-nhe');
    expect(r.reminded).toHaveLength(9);
    expect(r.badEmail).toEqual(['chung-chai']);
    expect(r.noEmail).toEqual([]);
    expect(logText(w)).toContain(`ô ${cell}`);
    expect(logText(w)).toContain('Xã Chung Chải');
    const told = w.fake.mail.sent.filter((m) => m.toList.includes(ADMIN));
    expect(told).toHaveLength(1);
    expect(told[0].subject).toContain('Đơn vị');
    expect(told[0].body).toContain(`ô ${cell}`);
    expect(told[0].body).toContain('Chung Chải');
    // A later run the same period: the admins are not told the same mistake again.
    w.fake.clock.set(new Date('2018-09-18T07:00:00+07:00'));
    expect(sendReminders().status).toBe('sent');
    expect(w.fake.mail.sent.filter((m) => m.toList.includes(ADMIN))).toHaveLength(1);
  });

  test('the monthly report is not held back by it; "Nhật ký" says the address is wrong', () => {
    w = make('2018-09-20T07:00:00+07:00');
    const cell = mistypeUnitEmail('chung-chai');
    const o = monthlyReportJob();
    expect(o.status).toBe('sent');
    expect(w.recipients()).toContain('bdv@dienbien.gov.vn');
    expect(logText(w)).toContain(`ô ${cell}`);
  });

  test('a unit with a right and a wrong address is reminded at the right one', () => {
    w = make();
    const sheet = w.ss.getSheetByName(SHEETS.units)!;
    const grid = sheet.getDataRange().getValues();
    const col = grid[0].findIndex((h) => String(h).startsWith('E-mail'));
    const row = grid.findIndex((r) => r[0] === 'pa-my');
    sheet.getRange(row + 1, col + 1).setValue(`${emailOf('pa-my')}, tranvana@`);
    const r = sendReminders();
    expect(r.reminded).toContain('pa-my');
    expect(w.fake.mail.sent.flatMap((m) => m.toList)).toContain(emailOf('pa-my'));
    expect(logText(w)).toContain('tranvana@');
  });
});

describe('a wrong report recipient in "Cài đặt"', () => {
  test('does not stop the reminders, which do not use it', () => {
    w = make();
    setSetting(SETTING_LABELS.recipients, 'a@dienbien.gov.vn, c@dienbien,gov.vn');
    const r = sendReminders();
    expect(r.status).toBe('sent');
    expect(r.reminded).toHaveLength(10);
  });

  test('another wrong reminder setting still stops them, said in "Nhật ký"', () => {
    w = make();
    setSetting(SETTING_LABELS.reminderDaysBefore, 'hai');
    const r = sendReminders();
    expect(r.status).toBe('invalid-settings');
    expect(w.fake.mail.sent).toHaveLength(0);
    expect(logText(w)).toContain(SETTING_LABELS.reminderDaysBefore);
  });
});

test('an unexpected error is logged in Vietnamese, never thrown', () => {
  w = make();
  setEmailDeps({
    submissions: () => {
      throw new Error('Service Spreadsheets timed out');
    },
  });
  let r: ReturnType<typeof sendReminders> | undefined;
  expect(() => {
    r = sendReminders();
  }).not.toThrow();
  expect(r?.status).toBe('failed');
  expect(logText(w)).toMatch(/Nhắc nộp báo cáo: lần chạy bị dừng vì lỗi/);
});
