/**
 * January before "Tạo mẫu báo cáo cho xã" has been run for the new year: no commune has a 2019 tab.
 * "Tổng hợp" says so and what to do (not a bare "0/11"); the reminders are not sent (they would ask
 * every clerk to type into a sheet that does not exist), "Nhật ký" says why and the district admins
 * get one e-mail; the monthly report may go, saying so at its top. A few units without the tab is
 * ordinary and changes nothing.
 */
import { defaultCatalogue, defaultUnits } from '../../src/engine/catalogue/defaults';
import { escapeHtml } from '../../src/engine/report/escape';
import { buildUnitSheet, unitSheetName } from '../../src/engine/sheet/layout';
import { modelToGrid } from '../../src/engine/sheet/testing';
import { readConfig } from '../../src/gas/config';
import { submissionsOf } from '../../src/gas/email/addon-deps';
import { enableMonthlyEmail, sendReminders } from '../../src/gas/email/index';
import type { RunOutcome } from '../../src/gas/email/job';
import type { ReminderOutcome } from '../../src/gas/email/reminders';
import { EMAIL_TEXT, REMINDER_TEXT } from '../../src/messages/vi/email';
import { AGGREGATE, SETTING_LABELS, SHEETS } from '../../src/messages/vi/gas';
import { fire, type World, world } from './email/helpers';
import { createEnv, type Env, runAggregate, runSetup, runTemplates, setUpLayoutB } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const JANUARY = 'tháng 1/2019';
const ADMIN = 'bdv@muongnhe.vn'; // the e-mail world's user: admin of the master made by Thiết lập
const UP = 'bdv@dienbien.gov.vn'; // the report's recipient upward
const units = defaultUnits();

let env: Env | undefined;
let w: World | undefined;
afterEach(() => {
  env?.dispose();
  env = undefined;
  w?.done();
  w = undefined;
});

function logText(ss: Spreadsheet): string {
  return (ss.getSheetByName(SHEETS.log) as Sheet | null)?.getDataRange().getValues().flat().join('\n') ?? '';
}

function alertsAfter(e: Env, n: number): string {
  return e.fake.ui.alerts
    .slice(n)
    .map((a) => a.prompt)
    .join('\n');
}

/** A master on 20 January 2019 with the communes' 2018 tabs only. */
function januaryMaster(): Env {
  const e = createEnv({ now: new Date('2019-01-20T09:00:00+07:00') });
  runSetup();
  runTemplates(e.fake, 2018);
  return e;
}

describe('Tổng hợp 1/2019 before Tạo mẫu 2019', () => {
  test('an alert says no commune has a 2019 tab and to run Tạo mẫu for 2019; "Nhật ký" says it too', () => {
    env = januaryMaster();
    const n = env.fake.ui.alerts.length;
    const r = runAggregate(env.fake, '');
    expect(r?.message).toContain('0/11');
    const expected = AGGREGATE.noYearSheets(2019, JANUARY, false, unitSheetName(units[0], 2019));
    expect(alertsAfter(env, n)).toContain(expected);
    expect(expected).toContain('Tạo mẫu báo cáo cho xã');
    expect(logText(env.master)).toContain(expected);
  });

  test("one spreadsheet per commune: said of the communes' spreadsheets", () => {
    env = createEnv({ now: new Date('2019-01-20T09:00:00+07:00') });
    setUpLayoutB(env); // 2017 and 2018 tabs in each commune's spreadsheet
    const n = env.fake.ui.alerts.length;
    runAggregate(env.fake, '');
    expect(alertsAfter(env, n)).toContain(AGGREGATE.noYearSheets(2019, JANUARY, true, unitSheetName(units[0], 2019)));
  });

  test('after Tạo mẫu 2019, or with a few communes lacking the tab, no such alert', () => {
    env = januaryMaster();
    runTemplates(env.fake, 2019);
    // Two communes' 2019 tabs deleted by hand: ordinary, each is named in "Kiểm tra" as before.
    for (const u of units.slice(0, 2))
      env.master.deleteSheet(env.master.getSheetByName(unitSheetName(u, 2019)) as Sheet);
    const n = env.fake.ui.alerts.length;
    const r = runAggregate(env.fake, '');
    expect(r?.message).toContain('0/11');
    expect(alertsAfter(env, n)).not.toContain('Chưa có xã nào có trang báo cáo năm 2019');
  });
});

/** Add every unit's empty 2019 tab to the e-mail world's master (as Tạo mẫu would). */
function add2019Tabs(x: World): void {
  const cat = defaultCatalogue();
  for (const u of units) {
    const grid = modelToGrid(buildUnitSheet(u, 2019, cat));
    const sheet = x.ss.insertSheet(unitSheetName(u, 2019));
    sheet.getRange(1, 1, grid.length, grid[0].length).setValues(grid);
  }
}

describe('the 15 January reminders before Tạo mẫu 2019', () => {
  function january(now = '2019-01-15T07:05:00+07:00'): World {
    const x = world({
      now,
      allTabs: true, // the 2018 tabs only
      settings: { recipients: [UP], reminders: true, reminderDaysBefore: 1 },
    });
    enableMonthlyEmail();
    return x;
  }

  test('no clerk is reminded; "Nhật ký" says why; the admin gets one e-mail saying to run Tạo mẫu 2019', () => {
    w = january();
    const [r] = fire(w, 'sendReminders') as ReminderOutcome[];
    expect(r.status).toBe('no-sheets');
    expect(r.reminded).toEqual([]);
    const clerks = units.flatMap((u) => u.emails);
    expect(w.recipients().filter((a) => clerks.includes(a))).toEqual([]);
    expect(w.fake.mail.sent).toHaveLength(1);
    const m = w.fake.mail.sent[0];
    expect(m.toList).toEqual([ADMIN]);
    expect(m.subject).toBe(REMINDER_TEXT.noYearSheetsMail.subject(2019, JANUARY));
    expect(m.body).toContain('Tạo mẫu báo cáo cho xã');
    expect(m.body).toContain('năm 2019');
    const log = logText(w.ss);
    expect(log).toContain(REMINDER_TEXT.log.noYearSheets(JANUARY, 2019));
    expect(log).toContain(REMINDER_TEXT.log.noYearSheetsTold(JANUARY, [ADMIN]));
  });

  test('the admin e-mail goes once for the period: not again the same day nor the next reminder day', () => {
    w = january();
    fire(w, 'sendReminders');
    fire(w, 'sendReminders');
    w.fake.clock.advance(86_400_000); // 16/01, the deadline: a reminder day too
    const [r] = fire(w, 'sendReminders') as ReminderOutcome[];
    expect(r.status).toBe('no-sheets');
    expect(w.fake.mail.sent).toHaveLength(1);
  });

  test("no admin listed: the report's recipient is told instead", () => {
    w = january();
    const sheet = w.ss.getSheetByName(SHEETS.settings) as Sheet;
    sheet.getRange(Object.keys(SETTING_LABELS).indexOf('admins') + 2, 2).setValue('');
    sendReminders();
    expect(w.fake.mail.sent.map((m) => m.toList)).toEqual([[UP]]);
  });

  test('once the 2019 tabs exist, the clerks are reminded as usual', () => {
    w = january();
    add2019Tabs(w);
    const [r] = fire(w, 'sendReminders') as ReminderOutcome[];
    expect(r.status).toBe('sent');
    expect(r.reminded).toHaveLength(11);
  });

  test("submissionsOf tells whether any unit has the year's sheet", () => {
    w = january();
    const c = readConfig(w.ss);
    if (!c.ok) throw new Error(c.errors.join('\n'));
    const period = { type: 'month' as const, year: 2019, index: 1 };
    expect(submissionsOf(w.ss, c.config, period).noYearSheet).toBe(true);
    add2019Tabs(w);
    expect(submissionsOf(w.ss, c.config, period).noYearSheet).toBe(false);
  });
});

/** 20/01/2019 is a Sunday: the scheduled run waits for Monday 21/01 (job.ts waitUntil), then sends. */
function sendOnMonday(on: World): RunOutcome {
  const [first] = fire(on, 'monthlyReportJob') as RunOutcome[];
  expect(first.status).toBe('waiting');
  on.fake.clock.set(new Date('2019-01-21T07:00:00+07:00'));
  const [o] = fire(on, 'resumeReportJob') as RunOutcome[];
  return o;
}

describe('the 20 January report upward before Tạo mẫu 2019', () => {
  test('it goes, saying first that no commune has a 2019 tab yet', () => {
    w = world({ now: '2019-01-20T07:05:00+07:00', allTabs: true, settings: { recipients: [UP] } });
    enableMonthlyEmail();
    const o = sendOnMonday(w);
    expect(o.status).toBe('sent');
    const note = EMAIL_TEXT.noYearSheets(2019, JANUARY);
    const m = w.fake.mail.sent[0];
    const html = m.htmlBody ?? '';
    expect(m.body.startsWith(note)).toBe(true);
    expect(html).toContain(escapeHtml(note));
    expect(html.indexOf(escapeHtml(note))).toBeLessThan(html.indexOf('0/11'));
    expect(logText(w.ss)).toContain(note);
  });

  test('with the 2019 tabs (nobody has reported yet), no such note', () => {
    w = world({ now: '2019-01-20T07:05:00+07:00', allTabs: true, settings: { recipients: [UP] } });
    add2019Tabs(w);
    enableMonthlyEmail();
    const o = sendOnMonday(w);
    expect(o.status).toBe('sent');
    expect(w.fake.mail.sent[0].body).not.toContain('chưa xã nào có trang báo cáo năm 2019');
  });
});
