/**
 * Reminders ("đôn đốc"): before the deadline, units that have not submitted get one e-mail
 * a day at their staff addresses; nobody else does; nothing after the deadline.
 * September 2018: data window 15/08–14/09 (Fri), deadline 2 working days later = Tue 18/09.
 */
import { defaultCatalogue, defaultUnits } from '../../../src/engine/catalogue/defaults';
import { buildUnitSheet } from '../../../src/engine/sheet/layout';
import { modelToGrid } from '../../../src/engine/sheet/testing';
import { readConfig } from '../../../src/gas/config';
import { submissionsOf } from '../../../src/gas/email/addon-deps';
import { setEmailDeps } from '../../../src/gas/email/deps';
import { enableMonthlyEmail, sendReminders } from '../../../src/gas/email/index';
import type { ReminderOutcome } from '../../../src/gas/email/reminders';
import { sheetsApiHandler } from '../../fakes/gas';
import { fire, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

const SUBMITTED = [
  'chung-chai',
  'huoi-lech',
  'leng-su-sin',
  'muong-nhe',
  'muong-toong',
  'nam-vi',
  'quang-lam',
  'sin-thau',
];
const NOT_SUBMITTED = ['nam-ke', 'pa-my', 'sen-thuong'];

function make(now: string, settings: Record<string, unknown> = {}): World {
  const units: Record<string, { submitted?: Record<number, string> }> = {};
  for (const c of SUBMITTED) units[c] = { submitted: { 8: '2018-08-16', 9: '2018-09-15' } };
  for (const c of NOT_SUBMITTED) units[c] = { submitted: { 8: '2018-08-16' } };
  return world({ now, allTabs: true, units, settings: { recipients: ['bdv@dienbien.gov.vn'], ...settings } });
}

function emailOf(code: string): string {
  return defaultUnits().find((u) => u.code === code)!.emails[0];
}

/** The "Nhật ký" sheet as text, one line per row. */
function logLines(): string {
  return w.ss
    .getSheetByName('Nhật ký')!
    .getDataRange()
    .getValues()
    .map((x) => x.join(' | '))
    .join('\n');
}

function sentTo(): string[] {
  return w.fake.mail.sent.flatMap((m) => m.toList);
}

describe('reminders to units that have not submitted', () => {
  test('the day before the deadline: only the three late units, at their staff addresses', () => {
    w = make('2018-09-17T07:00:00+07:00');
    const r = sendReminders();
    expect(r.status).toBe('sent');
    expect(r.period).toBe('tháng 9/2018');
    expect(r.reminded.sort()).toEqual([...NOT_SUBMITTED].sort());
    expect(sentTo().sort()).toEqual(NOT_SUBMITTED.map(emailOf).sort());
    for (const code of SUBMITTED) expect(sentTo()).not.toContain(emailOf(code));
    expect(w.fake.mail.sent.every((m) => m.toList.length === 1)).toBe(true);

    const m = w.fake.mail.sent.find((x) => x.toList[0] === emailOf('pa-my'))!;
    expect(m.subject).toBe('[Dân vận] Nhắc nộp báo cáo tháng 9/2018 – hạn 18/09/2018');
    expect(m.body).toContain('Xã Pá Mỳ');
    expect(m.body).toContain('còn 1 ngày');
    // A link to the unit's own tab of the master spreadsheet.
    const tab = w.ss.getSheets().find((s) => s.getName().startsWith('Pá Mỳ'))!;
    expect(m.body).toContain(`#gid=${tab.getSheetId()}`);
    expect(m.htmlBody).toContain(`#gid=${tab.getSheetId()}`);
    expect(m.name).toBe('Ban Dân vận Huyện ủy Mường Nhé');
    const log = logLines();
    expect(log).toContain('Nhắc nộp báo cáo tháng 9/2018: Xã Nậm Kè, Xã Pá Mỳ, Xã Sen Thượng.');
  });

  test('a unit that typed its figures but did not click "Nộp báo cáo" (no date) is reminded too', () => {
    const m12 = (sparse: Record<number, number>) => Array.from({ length: 12 }, (_, i) => sparse[i + 1] ?? null);
    const units: Record<string, { submitted?: Record<number, string>; values?: Record<string, (number | null)[]> }> =
      {};
    for (const c of [...SUBMITTED, 'nam-ke', 'sen-thuong'])
      units[c] = { submitted: { 8: '2018-08-16', 9: '2018-09-15' } };
    units['pa-my'] = { submitted: { 8: '2018-08-16' }, values: { TCD_LUOT: m12({ 8: 2, 9: 4 }) } };
    w = world({
      now: '2018-09-17T07:00:00+07:00',
      allTabs: true,
      units,
      settings: { recipients: ['bdv@dienbien.gov.vn'] },
    });
    expect(sendReminders().reminded).toEqual(['pa-my']);
  });

  test('at most once per unit per day; again on the next reminder day; none after the deadline', () => {
    w = make('2018-09-17T07:00:00+07:00');
    sendReminders();
    expect(w.fake.mail.sent).toHaveLength(3);
    const again = sendReminders();
    expect(again.reminded).toEqual([]);
    expect(again.already.sort()).toEqual([...NOT_SUBMITTED].sort());
    w.fake.clock.advance(9 * 3600_000); // 16:00 the same day
    sendReminders();
    expect(w.fake.mail.sent).toHaveLength(3);

    w.fake.clock.set(new Date('2018-09-18T07:00:00+07:00')); // deadline day
    const day2 = sendReminders();
    expect(day2.reminded.sort()).toEqual([...NOT_SUBMITTED].sort());
    expect(w.fake.mail.sent).toHaveLength(6);
    expect(w.fake.mail.sent[5].body).toContain('(hôm nay)');
    sendReminders();
    expect(w.fake.mail.sent).toHaveLength(6);

    w.fake.clock.set(new Date('2018-09-19T07:00:00+07:00')); // after the deadline
    expect(sendReminders().status).toBe('not-due');
    expect(w.fake.mail.sent).toHaveLength(6);
  });

  test('before the reminder days nobody is reminded', () => {
    w = make('2018-09-14T07:00:00+07:00'); // the window of September is still open
    expect(sendReminders().status).toBe('not-due');
    w.fake.clock.set(new Date('2018-09-16T07:00:00+07:00')); // two days before the deadline, 1 day asked
    expect(sendReminders().status).toBe('not-due');
    expect(w.fake.mail.sent).toHaveLength(0);
  });

  test('reminders off in the settings: nothing is sent', () => {
    w = make('2018-09-17T07:00:00+07:00', { reminders: false });
    expect(sendReminders().status).toBe('off');
    expect(w.fake.mail.sent).toHaveLength(0);
  });

  test('the daily trigger installed by "Bật gửi…" runs the reminders', () => {
    w = make('2018-09-17T07:00:00+07:00');
    enableMonthlyEmail();
    const [r] = fire(w, 'sendReminders') as ReminderOutcome[];
    expect(r.reminded).toHaveLength(3);
  });

  test('quota too small: those not reached are released and reminded by a later run the same day', () => {
    w = make('2018-09-17T07:00:00+07:00');
    w.fake.mail.setRemainingQuota(2);
    const first = sendReminders();
    expect(first.reminded).toHaveLength(2);
    expect(first.notSent).toHaveLength(1);
    w.fake.mail.setRemainingQuota(100);
    const second = sendReminders();
    expect(second.reminded).toEqual(first.notSent);
    expect(sentTo().sort()).toEqual(NOT_SUBMITTED.map(emailOf).sort());
  });

  test('who has submitted is read as "Tổng hợp" reads it: the tab list and one request for all tabs', () => {
    w = make('2018-09-17T07:00:00+07:00');
    w.fake.calls.reset();
    const r = sendReminders();
    expect(r.reminded.sort()).toEqual([...NOT_SUBMITTED].sort());
    const api = w.fake.http.requests.filter((q) => q.url.startsWith('https://sheets.googleapis.com/'));
    expect(api).toHaveLength(2);
    expect(api[1].url).toContain('includeGridData');
    // No unit tab read the SpreadsheetApp way (that was one getDataRange().getValues() per unit).
    expect(w.fake.calls.count('Sheet.getDataRange')).toBeLessThanOrEqual(1);
  });

  test('the Sheets API disabled for the project: the units are read the SpreadsheetApp way, same reminders', () => {
    w = make('2018-09-17T07:00:00+07:00');
    w.fake.http.handler = sheetsApiHandler(w.fake, { disabled: true });
    w.fake.calls.reset();
    const r = sendReminders();
    expect(r.reminded.sort()).toEqual([...NOT_SUBMITTED].sort());
    expect(w.fake.calls.count('Sheet.getDataRange')).toBeGreaterThanOrEqual(SUBMITTED.length + NOT_SUBMITTED.length);
  });

  test('no time left to read the units: nobody is reminded on a guess, and "Nhật ký" names them', () => {
    w = make('2018-09-17T07:00:00+07:00');
    const cfg = readConfig(w.ss);
    if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
    setEmailDeps({ submissions: (p) => submissionsOf(w.ss, cfg.config, p, { deadline: 0 }) });
    const r = sendReminders();
    expect(r.reminded).toEqual([]);
    expect(w.fake.mail.sent).toHaveLength(0);
    const log = logLines();
    expect(log).toContain('hết thời gian của một lần chạy trước khi đọc xong báo cáo của Xã Chung Chải');
    expect(log).toContain('hôm nay chưa nhắc các đơn vị này');
    for (const code of NOT_SUBMITTED) {
      const unit = defaultUnits().find((u) => u.code === code)!;
      expect(log).toContain(unit.name);
    }
  });

  test('units the Sheets API failed (read the slower way): "Nhật ký" says why, the reminders go as usual', () => {
    w = make('2018-09-17T07:00:00+07:00');
    const cfg = readConfig(w.ss);
    if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
    const note =
      '1 đơn vị không đọc được qua Google Sheets API nên đã được đọc theo cách thường (chậm hơn). Lý do: thử';
    setEmailDeps({ submissions: (p) => ({ ...submissionsOf(w.ss, cfg.config, p), logNotes: [note] }) });
    const r = sendReminders();
    expect(r.reminded.sort()).toEqual([...NOT_SUBMITTED].sort());
    expect(logLines()).toContain(note);
  });

  test('a unit without staff e-mail is logged, a unit with its own spreadsheet gets that link', () => {
    w = make('2018-09-17T07:00:00+07:00');
    const unitsSheet = w.ss.getSheetByName('Đơn vị')!;
    const grid = unitsSheet.getDataRange().getValues();
    const header = grid[0].map(String);
    const emailCol = header.indexOf('E-mail cán bộ') + 1;
    const urlCol = header.indexOf('Bảng tính (URL)') + 1;
    const row = (code: string) => grid.findIndex((r) => r[0] === code) + 1;
    unitsSheet.getRange(row('sen-thuong'), emailCol).setValue('');
    // Nậm Kè keeps its report in its own spreadsheet (layout b).
    const namKe = defaultUnits().find((u) => u.code === 'nam-ke')!;
    const model = buildUnitSheet(namKe, 2018, defaultCatalogue(), { submitted: [] });
    const own = w.fake.createSpreadsheet('Báo cáo Nậm Kè', {
      sheets: [{ name: model.name, values: modelToGrid(model) }],
    });
    unitsSheet.getRange(row('nam-ke'), urlCol).setValue(own.getUrl());

    const r = sendReminders();
    expect(r.noEmail).toEqual(['sen-thuong']);
    expect(r.reminded.sort()).toEqual(['nam-ke', 'pa-my']);
    const m = w.fake.mail.sent.find((x) => x.toList[0] === emailOf('nam-ke'))!;
    expect(m.body).toContain(own.getUrl());
    const log = logLines();
    expect(log).toContain('chưa có e-mail cán bộ của Xã Sen Thượng');
  });
});
