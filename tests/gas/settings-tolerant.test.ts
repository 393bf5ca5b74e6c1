/**
 * A mistake in a row of "Cài đặt" that only the monthly e-mail and the reminders use (recipients,
 * send day and hour, reminders on/off, days before) stops those jobs, which say where, and nothing
 * else: a commune clerk still submits, the district still aggregates (and is told which cell).
 */
import { LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { readConfig } from '../../src/gas/config';
import { enableMonthlyEmail, sendReminders, sendReportNow } from '../../src/gas/email/index';
import type { RunOutcome } from '../../src/gas/email/job';
import * as main from '../../src/gas/main';
import { AGGREGATE, SETTING_LABELS, SHEETS } from '../../src/messages/vi/gas';
import { fire, type World, world } from './email/helpers';
import { type Env, runAggregate, runTemplates, seededMaster, setSetting, unitSheet } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Key = keyof typeof SETTING_LABELS;

const CLERK = 'chungchai@example.vn';

let env: Env | undefined;
let w: World | undefined;
afterEach(() => {
  env?.dispose();
  env = undefined;
  w?.done();
  w = undefined;
});

/** Row of a setting in the "Cài đặt" made by Thiết lập. */
function settingRow(key: Key): number {
  return Object.keys(SETTING_LABELS).indexOf(key) + 2;
}

/** How the add-on names the cell of a setting: 'Trang "Cài đặt", ô B13 (Ngày gửi báo cáo hằng tháng)'. */
function place(key: Key): string {
  return `Trang "${SHEETS.settings}", ô B${settingRow(key)} (${SETTING_LABELS[key]})`;
}

function logText(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return (ss.getSheetByName(SHEETS.log) as Sheet | null)?.getDataRange().getValues().flat().join('\n') ?? '';
}

/** Each e-mail-only row, a mistyped value, and the value the rest of the add-on goes on with (the default). */
const TYPOS: [Key, string, unknown][] = [
  ['sendDay', '30', 20],
  ['sendHour', '25', 7],
  ['reminders', 'hay', true],
  ['reminderDaysBefore', 'ba ngày', 1],
  ['recipients', 'tinhuy@dienbien,vn', []],
];

describe('readConfig: a mistake in an e-mail-only row is an e-mail problem, not an error', () => {
  test.each(TYPOS)('%s = "%s": configuration read, the cell named for the e-mail, default kept', (key, typed, kept) => {
    env = seededMaster({ api: true });
    setSetting(env.master, key, typed);
    const r = readConfig(env.master);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.config.emailProblems).toHaveLength(1);
    expect(r.config.emailProblems[0].startsWith(`${place(key)}: `)).toBe(true);
    expect(r.config.settings[key as keyof typeof r.config.settings]).toEqual(kept);
    // Thiết lập (strict) still lists it among the mistakes of "Cài đặt".
    const strict = readConfig(env.master, { strict: true });
    expect(strict.ok).toBe(false);
    expect(strict.ok ? [] : strict.errors).toContain(r.config.emailProblems[0]);
  });

  test('refused for another mistake: the e-mail rows are listed too, so everything is mended at once', () => {
    env = seededMaster({ api: true });
    setSetting(env.master, 'sendDay', '30');
    setSetting(env.master, 'cutoffDay', 'mười lăm');
    const r = readConfig(env.master);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toContain(`${place('cutoffDay')}: phải là số`);
    expect(errors.some((e) => e.startsWith(`${place('sendDay')}: `))).toBe(true);
  });
});

describe('the menu actions go on', () => {
  test('a commune clerk submits September although "Ngày gửi báo cáo hằng tháng" is 30', () => {
    env = seededMaster({ api: true });
    setSetting(env.master, 'sendDay', '30');
    const s = unitSheet(env, env.units[0]) as Sheet;
    s.getRange(LAYOUT.submittedRow, monthCol(9)).setValue('');
    env.master.setActiveSheet(s);
    env.fake.setUser(CLERK);
    env.fake.ui.queuePromptResponse({ text: '9' });
    const r = main.submitMonth();
    expect(r?.ok).toBe(true);
  });

  test('Tổng hợp writes the summary; the district is told which cell stops the e-mail, and "Nhật ký" too', () => {
    env = seededMaster({ api: true });
    setSetting(env.master, 'sendHour', '25');
    const n = env.fake.ui.alerts.length;
    const r = runAggregate(env.fake, '');
    expect(r?.summary).toBeDefined();
    expect(env.master.getSheetByName('Tổng hợp 2018-09')).not.toBeNull();
    const shown = env.fake.ui.alerts
      .slice(n)
      .map((a) => a.prompt)
      .join('\n');
    expect(shown).toContain(AGGREGATE.emailProblems);
    expect(shown).toContain(`${place('sendHour')}: `);
    expect(logText(env.master)).toContain(`${place('sendHour')}: `);
  });

  test('Kiểm tra dữ liệu and Tạo mẫu run too', () => {
    env = seededMaster({ api: true });
    setSetting(env.master, 'reminders', 'hay');
    expect(main.checkData()).toBeDefined();
    expect(runTemplates(env.fake)?.failed).toBe(0);
  });
});

describe('the e-mail jobs stop, saying which cell, in the alert and in "Nhật ký"', () => {
  function broken(now: string, key: Key, typed: string): World {
    const x = world({ now, allTabs: true, settings: { recipients: ['bdv@dienbien.gov.vn'] } });
    enableMonthlyEmail(); // while the settings were right: the triggers are there
    const sheet = x.ss.getSheetByName(SHEETS.settings) as Sheet;
    sheet.getRange(settingRow(key), 2).setValue(typed);
    return x;
  }

  test('the monthly report trigger sends no report, only a notice to the admin naming the cell', () => {
    w = broken('2018-09-20T07:05:00+07:00', 'sendDay', '30');
    const [o] = fire(w, 'monthlyReportJob') as RunOutcome[];
    expect(o.status).toBe('invalid-settings');
    expect(o.message).toContain(`${place('sendDay')}: `);
    expect(w.fake.mail.sent.map((m) => [m.subject, m.toList])).toEqual([
      ['[Dân vận] Chưa gửi được báo cáo tự động: cài đặt chưa hợp lệ', ['bdv@muongnhe.vn']],
    ]);
    expect(w.fake.mail.sent[0].body).toContain(`${place('sendDay')}: `);
    expect(logText(w.ss)).toContain(`${place('sendDay')}: `);
  });

  test('the daily reminders send nothing', () => {
    w = broken('2018-09-17T07:05:00+07:00', 'reminderDaysBefore', 'ba ngày');
    const r = sendReminders();
    expect(r.status).toBe('invalid-settings');
    expect(w.fake.mail.sent).toHaveLength(0);
    expect(logText(w.ss)).toContain(`${place('reminderDaysBefore')}: `);
  });

  test('"Gửi báo cáo ngay" and "Bật gửi báo cáo hằng tháng" refuse and name the cell', () => {
    w = broken('2018-09-20T07:05:00+07:00', 'reminders', 'hay');
    const o = sendReportNow();
    expect(o.status).toBe('invalid-settings');
    expect(w.fake.ui.alerts.at(-1)?.prompt).toContain(`${place('reminders')}: `);
    enableMonthlyEmail();
    expect(w.fake.ui.alerts.at(-1)?.prompt).toContain(`${place('reminders')}: `);
    expect(w.fake.mail.sent).toHaveLength(0);
  });
});
