/**
 * "Tổng hợp" beyond one execution (src/gas/io/resume.ts): reading that does not fit its budget
 * stages what it read in a hidden sheet, schedules a one-off trigger and tells the user; the
 * trigger reads only the rest and writes the summary as one run would have.
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, monthCol, unitSheetName } from '../../src/engine/sheet/layout';
import { aggregatePeriod } from '../../src/gas/aggregate';
import {
  AGGREGATE_RESUME_HANDLER,
  decodeBook,
  encodeBook,
  loadStaging,
  ReadContinues,
  readUnitBooksResumable,
  stagingSheetName,
} from '../../src/gas/io/resume';
import * as main from '../../src/gas/main';
import { LOG, SHEETS } from '../../src/messages/vi/gas';
import { type EmulatorOptions, sheetsApiHandler } from '../fakes/gas';
import {
  configOf,
  createEnv,
  type Env,
  expectedSeptember,
  runAggregate,
  seedUnitSheet,
  setSetting,
  setUpLayoutB,
  stageThree,
  summaryRow,
  unitSheet,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

let env: Env;
let urls: Record<string, string>;
beforeEach(() => {
  env = createEnv();
  urls = setUpLayoutB(env);
  env.units.forEach((u, i) => {
    seedUnitSheet(unitSheet(env, u, YEAR, urls[u.code]) as Sheet, i);
  });
});
afterEach(() => env.dispose());

const config = () => configOf(env.master);

const resumeTriggers = () => env.fake.triggers.filter((t) => t.handlerFunction === AGGREGATE_RESUME_HANDLER);
const label = defaultCatalogue().indicators.find((i) => i.code === 'DVK_DANGKY')?.label as string;

test('a book survives the staging sheet: grids with dates, names, merges, errors, warnings', () => {
  const { units, settings } = config();
  const [book] = readUnitBooksResumable(env.master, units.slice(0, 1), [YEAR], {
    period: '2018-09',
    read: true,
    timeZone: settings.timeZone,
  }).books;
  book.merges?.set(YEAR, ['L24:M24']);
  book.warnings = ['cảnh báo'];
  const back = decodeBook(encodeBook(book), book.unit);
  expect(back.grids).toEqual(book.grids);
  expect([...(back.grids.get(YEAR)?.flat() ?? [])].some((v) => v instanceof Date)).toBe(true);
  expect(back.names).toEqual(book.names);
  expect(back.merges?.get(YEAR)).toEqual(['L24:M24']);
  expect(back.warnings).toEqual(['cảnh báo']);
  expect(back.source).toBe(book.source);
});

test('out of time: what was read is staged, a trigger is set, the user told; the trigger finishes', () => {
  const { units, settings } = config();
  const log: NonNullable<EmulatorOptions['log']> = [];
  env.fake.http.handler = sheetsApiHandler(env.fake, { log });
  // A quota of 4 reads a minute and 30 s of reading: the tab list + 3 units, then time is up.
  let err: unknown;
  try {
    readUnitBooksResumable(env.master, units, [YEAR, YEAR - 1], {
      period: '2018-09',
      read: true,
      timeZone: settings.timeZone,
      budgetMs: 30_000,
      api: { readsPerMinute: 4, now: () => env.fake.clock.nowMs() },
    });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ReadContinues);
  const c = err as ReadContinues;
  expect([c.done, c.total]).toEqual([3, units.length]);
  expect(c.message).toContain('Đã đọc 3/11 đơn vị');
  expect(c.message).toContain('tự chạy tiếp');
  expect(resumeTriggers()).toHaveLength(1);
  const staging = env.master.getSheetByName(stagingSheetName('2018-09')) as Sheet;
  expect(staging.isSheetHidden()).toBe(true);
  expect(loadStaging(env.master, '2018-09', units)?.books.size).toBe(3);
  expect(loadStaging(env.master, '2018-10', units)).toBeNull();

  // The trigger: only the 8 other units are read; the summary has all 11; the staging sheet goes.
  log.length = 0;
  env.fake.setUiAvailable(false);
  env.fake.clock.advance(60_000);
  env.fake.fireTrigger(resumeTriggers()[0], main as unknown as Record<string, unknown>);
  const unitRequests = log.filter((l) => l.url.includes('includeGridData'));
  expect(unitRequests.map((l) => l.ranges[0]).sort()).toEqual(
    units
      .slice(3)
      .map((u) => `'${unitSheetName(u, YEAR)}'`)
      .sort(),
  );
  const summary = env.master.getSheetByName('Tổng hợp 2018-09') as Sheet;
  expect(summaryRow(summary, label)?.[3]).toBe(expectedSeptember('DVK_DANGKY', units.length));
  expect(env.master.getSheetByName(stagingSheetName('2018-09'))).toBeNull();
  expect(resumeTriggers()).toHaveLength(0);
  const logged = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues();
  expect(String(logged.at(-1)?.[4])).toMatch(/^thành công: Đã tổng hợp tháng 9\/2018: 11\/11 đơn vị/);
});

test('through the menu: a slow first run hands over with a Vietnamese message, not an error', () => {
  // Every request takes 5 minutes (modelled): the tab list alone uses the reading budget.
  env.fake.latency = { fetch: 300_000 };
  runAggregate(env.fake, '9/2018');
  const alert = env.fake.ui.alerts.at(-1);
  expect(alert?.title).toBe('Tổng hợp');
  expect(alert?.prompt).toContain('Đã đọc 0/11 đơn vị');
  expect(alert?.prompt).toContain('không cần bấm lại');
  expect(env.master.getSheetByName('Tổng hợp 2018-09')).toBeNull();
  const logged = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues();
  expect(String(logged.at(-1)?.[4])).toContain('tự chạy tiếp');
  env.fake.latency = {};
  env.fake.fireTrigger(resumeTriggers()[0], main as unknown as Record<string, unknown>);
  const summary = env.master.getSheetByName('Tổng hợp 2018-09') as Sheet;
  expect(summaryRow(summary, label)?.[3]).toBe(expectedSeptember('DVK_DANGKY', 11));
  expect(env.master.getSheetByName(stagingSheetName('2018-09'))).toBeNull();
});

test('the trigger\'s run says in "Nhật ký" which units the API failed and SpreadsheetApp read instead', () => {
  const { units } = config();
  env.fake.latency = { fetch: 300_000 };
  runAggregate(env.fake, '9/2018');
  env.fake.latency = {};
  const id = /\/d\/([^/]+)/.exec(urls[units[5].code])?.[1] as string;
  env.fake.http.handler = sheetsApiHandler(env.fake, { deny: new Set([id]) });
  env.fake.fireTrigger(resumeTriggers()[0], main as unknown as Record<string, unknown>);
  const summary = env.master.getSheetByName('Tổng hợp 2018-09') as Sheet;
  expect(summaryRow(summary, label)?.[3]).toBe(expectedSeptember('DVK_DANGKY', 11));
  const logged = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues();
  const last = String(logged.at(-1)?.[4]);
  expect(last).toMatch(/^thành công: Đã tổng hợp tháng 9\/2018: 11\/11 đơn vị/);
  expect(last).toContain('1 đơn vị không đọc được qua Google Sheets API nên đã được đọc theo cách thường (chậm hơn)');
  expect(last).toContain(`Xã ${units[5].name}`);
});

test('for the e-mail job (resumeHandler null): no "Tổng hợp" trigger; the job\'s next run takes up the staged read', () => {
  const period = { type: 'month', year: YEAR, index: 9 } as const;
  env.fake.latency = { fetch: 300_000 };
  let err: unknown;
  try {
    aggregatePeriod(env.master, config(), period, undefined, { resumeHandler: null });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ReadContinues);
  expect((err as ReadContinues).runs).toBe(1);
  expect(resumeTriggers()).toHaveLength(0);
  expect(env.master.getSheetByName(stagingSheetName('2018-09'))).not.toBeNull();
  expect(env.master.getSheetByName('Tổng hợp 2018-09')).toBeNull();

  env.fake.latency = {};
  const out = aggregatePeriod(env.master, config(), period, undefined, { resumeHandler: null });
  expect(out.summary.completeness.reported).toBe(11);
  const summary = env.master.getSheetByName('Tổng hợp 2018-09') as Sheet;
  expect(summaryRow(summary, label)?.[3]).toBe(expectedSeptember('DVK_DANGKY', 11));
  expect(env.master.getSheetByName(stagingSheetName('2018-09'))).toBeNull();
  expect(resumeTriggers()).toHaveLength(0);
});

test('the Sheets API switched off: the SpreadsheetApp reading keeps the deadline too, stages and resumes', () => {
  env.fake.http.handler = sheetsApiHandler(env.fake, { disabled: true });
  // Each unit spreadsheet takes a minute to open (modelled): 4 are read in the 4-minute budget.
  env.fake.latency = { openByUrl: 60_000 };
  runAggregate(env.fake, '9/2018');
  const alert = env.fake.ui.alerts.at(-1);
  expect(alert?.prompt).toMatch(/Đã đọc [1-9]\d*\/11 đơn vị/);
  const read = Number(/Đã đọc (\d+)\/11/.exec(alert?.prompt ?? '')?.[1]);
  expect(read).toBeLessThan(11);
  expect(loadStaging(env.master, '2018-09', config().units)?.books.size).toBe(read);
  expect(env.master.getSheetByName('Tổng hợp 2018-09')).toBeNull();
  expect(resumeTriggers()).toHaveLength(1);

  // The trigger opens only the units not read yet, then writes the summary of all 11.
  env.fake.latency = {};
  env.fake.resetCalls();
  env.fake.setUiAvailable(false);
  env.fake.fireTrigger(resumeTriggers()[0], main as unknown as Record<string, unknown>);
  expect(env.fake.calls.count('SpreadsheetApp.openByUrl')).toBe(11 - read);
  const summary = env.master.getSheetByName('Tổng hợp 2018-09') as Sheet;
  expect(summaryRow(summary, label)?.[3]).toBe(expectedSeptember('DVK_DANGKY', 11));
  expect(env.master.getSheetByName(stagingSheetName('2018-09'))).toBeNull();
});

// ---------------------------------------------------------------- several periods waiting

const fireResume = () => {
  const [t] = resumeTriggers();
  expect(t).toBeDefined();
  env.fake.clock.advance(60_000);
  env.fake.fireTrigger(t, main as unknown as Record<string, unknown>);
};
/** "Nhật ký" rows of "Tổng hợp" (not the line, filed under it too, of the e-mail to the admins a given-up chain sends). */
const logRows = () =>
  (env.master.getSheetByName(SHEETS.log) as Sheet)
    .getDataRange()
    .getValues()
    .filter((r) => r[2] === LOG.actions.aggregate && !/thư báo cho quản trị viên/.test(String(r[4])))
    .map((r) => ({ period: String(r[3]), result: String(r[4]) }));
const stagings = () =>
  env.master
    .getSheets()
    .map((s) => s.getName())
    .filter((n) => n.startsWith('~ Tạm đọc'));

test('two long "Tổng hợp" of different periods handed over: each has its staging, the trigger writes both', () => {
  env.fake.latency = { fetch: 300_000 };
  runAggregate(env.fake, '9/2018');
  runAggregate(env.fake, 'quý 3/2018');
  expect(env.fake.ui.alerts.at(-1)?.prompt).toContain('không cần bấm lại');
  expect(stagings().sort()).toEqual([stagingSheetName('2018-09'), stagingSheetName('2018-Q3')]);
  expect(resumeTriggers()).toHaveLength(1);

  // The one that has waited longest first; the trigger stays due for the other.
  env.fake.latency = {};
  env.fake.setUiAvailable(false);
  fireResume();
  expect(env.master.getSheetByName('Tổng hợp 2018-09')).not.toBeNull();
  expect(env.master.getSheetByName('Tổng hợp 2018-Q3')).toBeNull();
  expect(stagings()).toEqual([stagingSheetName('2018-Q3')]);
  expect(resumeTriggers()).toHaveLength(1);

  fireResume();
  const q3 = env.master.getSheetByName('Tổng hợp 2018-Q3') as Sheet;
  expect(summaryRow(q3, label)).toBeDefined();
  expect(stagings()).toEqual([]);
  expect(resumeTriggers()).toHaveLength(0);
  const written = logRows().filter((r) => r.result.startsWith('thành công: Đã tổng hợp'));
  expect(written.map((r) => r.period)).toEqual(['2018-09', '2018-Q3']);
});

test('a period handed over again goes behind the other waiting one', () => {
  env.fake.latency = { fetch: 300_000 };
  runAggregate(env.fake, '9/2018');
  runAggregate(env.fake, 'quý 3/2018');
  env.fake.setUiAvailable(false);
  // Still slow when the trigger fires: 9/2018 hands over again, so Q3 has waited longest now.
  fireResume();
  expect(env.master.getSheetByName('Tổng hợp 2018-09')).toBeNull();
  expect(logRows().at(-1)).toEqual({ period: '2018-09', result: expect.stringContaining('sẽ tự chạy tiếp') });
  env.fake.latency = {};
  fireResume();
  expect(env.master.getSheetByName('Tổng hợp 2018-Q3')).not.toBeNull();
  expect(env.master.getSheetByName('Tổng hợp 2018-09')).toBeNull();
  fireResume();
  expect(env.master.getSheetByName('Tổng hợp 2018-09')).not.toBeNull();
  expect(stagings()).toEqual([]);
  expect(resumeTriggers()).toHaveLength(0);
});

test('the e-mail job staging another period does not take the trigger from a period a user handed over', () => {
  env.fake.latency = { fetch: 300_000 };
  runAggregate(env.fake, '9/2018');
  const august = { type: 'month', year: YEAR, index: 8 } as const;
  expect(() => aggregatePeriod(env.master, config(), august, undefined, { resumeHandler: null })).toThrow(
    ReadContinues,
  );
  expect(resumeTriggers()).toHaveLength(1);

  // The trigger continues 9/2018 only, and is not kept for August: the job resumes that itself.
  env.fake.latency = {};
  env.fake.setUiAvailable(false);
  fireResume();
  expect(env.master.getSheetByName('Tổng hợp 2018-09')).not.toBeNull();
  expect(env.master.getSheetByName('Tổng hợp 2018-08')).toBeNull();
  expect(stagings()).toEqual([stagingSheetName('2018-08')]);
  expect(resumeTriggers()).toHaveLength(0);
  const out = aggregatePeriod(env.master, config(), august, undefined, { resumeHandler: null });
  expect(out.summary.completeness.reported).toBe(11);
  expect(stagings()).toEqual([]);
});

test('the e-mail job reading more of a period a user handed over leaves it to the trigger', () => {
  env.fake.latency = { fetch: 300_000 };
  runAggregate(env.fake, '9/2018');
  const september = { type: 'month', year: YEAR, index: 9 } as const;
  expect(() => aggregatePeriod(env.master, config(), september, undefined, { resumeHandler: null })).toThrow(
    ReadContinues,
  );
  env.fake.latency = {};
  env.fake.setUiAvailable(false);
  fireResume();
  expect(env.master.getSheetByName('Tổng hợp 2018-09')).not.toBeNull();
  expect(stagings()).toEqual([]);
  expect(resumeTriggers()).toHaveLength(0);
});

// ---------------------------------------------------------------- staging too old

const MINUTE = 60_000;
test('a resume that could not run (a setting wrong): a week later "Tổng hợp" reads every unit again and says why', () => {
  stageThree(env);
  const stagedAt = env.fake.clock.now();
  setSetting(env.master, 'cutoffDay', 'mười lăm');
  env.fake.setUiAvailable(false);
  fireResume();
  expect(logRows().at(-1)).toEqual({ period: '2018-09', result: expect.stringMatching(/^lỗi: /) });
  expect(resumeTriggers()).toHaveLength(0);

  // A week later, the setting fixed and a commune's September corrected since it was staged.
  setSetting(env.master, 'cutoffDay', '15');
  env.fake.clock.advance(7 * 24 * 60 * MINUTE);
  const { units } = config();
  const row = indicatorRows(defaultCatalogue()).get('DVK_DANGKY') as number;
  (unitSheet(env, units[0], YEAR, urls[units[0].code]) as Sheet).getRange(row, monthCol(9)).setValue(1000);
  env.fake.setUiAvailable(true);
  runAggregate(env.fake, '9/2018');
  const summary = env.master.getSheetByName('Tổng hợp 2018-09') as Sheet;
  const seeded = expectedSeptember('DVK_DANGKY', units.length) as number;
  expect(summaryRow(summary, label)?.[3]).toBe(seeded - 9 + 1000);
  const when = Utilities.formatDate(stagedAt, 'Asia/Ho_Chi_Minh', "HH:mm 'ngày' dd/MM/yyyy");
  const note = `phần đã đọc lưu lúc ${when}); phần đó đã cũ hơn 30 phút nên không dùng: mọi đơn vị được đọc lại`;
  expect(env.fake.ui.alerts.at(-1)?.prompt).toContain(note);
  expect(logRows().at(-1)?.result).toContain(note);
  expect(stagings()).toEqual([]);
  expect(resumeTriggers()).toHaveLength(0);
});

test('staging is used while a chain goes on (up to 30 minutes since its last save), not after', () => {
  const { units, settings } = config();
  const log: NonNullable<EmulatorOptions['log']> = [];
  stageThree(env);
  env.fake.http.handler = sheetsApiHandler(env.fake, { log });
  // As aggregatePeriod does once the summary is written: the staging goes.
  const read = () => {
    const r = readUnitBooksResumable(env.master, units, [YEAR, YEAR - 1], {
      period: '2018-09',
      read: true,
      timeZone: settings.timeZone,
      resumeHandler: null,
    });
    r.done();
    return r;
  };
  const unitReads = () => log.filter((l) => l.url.includes('includeGridData')).length;
  env.fake.clock.advance(30 * MINUTE);
  expect(read().notes).toEqual([]);
  expect(unitReads()).toBe(8);

  stageThree(env);
  env.fake.http.handler = sheetsApiHandler(env.fake, { log });
  log.length = 0;
  env.fake.clock.advance(30 * MINUTE + 1);
  const out = read();
  expect(unitReads()).toBe(11);
  expect(out.books).toHaveLength(11);
  expect(out.notes.join(' ')).toContain('mọi đơn vị được đọc lại');
});

test('another period\'s abandoned staging is dropped by the next "Tổng hợp", which names that period', () => {
  stageThree(env);
  setSetting(env.master, 'cutoffDay', 'mười lăm');
  env.fake.setUiAvailable(false);
  fireResume();
  setSetting(env.master, 'cutoffDay', '15');
  env.fake.clock.advance(45 * MINUTE);
  env.fake.setUiAvailable(true);
  runAggregate(env.fake, '8/2018');
  expect(env.fake.ui.alerts.at(-1)?.prompt).toContain(
    '"Tổng hợp" tháng 9/2018 bị dừng giữa chừng (phần đã đọc lưu lúc',
  );
  expect(env.fake.ui.alerts.at(-1)?.prompt).toContain('Hãy chạy lại "Tổng hợp" tháng 9/2018.');
  expect(stagings()).toEqual([]);
  expect(resumeTriggers()).toHaveLength(0);
});

test('the trigger does not retry a busy lock for ever: after 30 minutes "Nhật ký" says the period was not written', () => {
  stageThree(env);
  env.fake.setUiAvailable(false);
  const release = env.fake.locks.holdDocumentLock();
  let fired = 0;
  while (resumeTriggers().length && fired < 100) {
    fireResume();
    fired++;
  }
  // A minute apart (+ 30 s waiting for the lock) until half an hour after the save, then once more.
  expect(fired).toBeGreaterThan(10);
  expect(fired).toBeLessThan(30);
  expect(logRows().at(-1)).toEqual({
    period: '2018-09',
    result: expect.stringContaining('đã không tự chạy tiếp được, nên chưa có kết quả'),
  });
  // The lock still busy: the staging is left to the next "Tổng hợp", which drops it.
  release();
  env.fake.setUiAvailable(true);
  runAggregate(env.fake, '8/2018');
  expect(stagings()).toEqual([]);
  expect(resumeTriggers()).toHaveLength(0);
});

test('the trigger failing on a period logs it and drops its staging; the other waiting period is still written', () => {
  env.fake.latency = { fetch: 300_000 };
  runAggregate(env.fake, '9/2018');
  runAggregate(env.fake, 'quý 3/2018');
  env.fake.latency = {};
  env.fake.setUiAvailable(false);
  // The trigger finds the waiting periods, then its "Tổng hợp" fails before reading anything.
  const fault = env.fake.faults.add({
    method: 'Spreadsheet.getSheetByName',
    when: (args) => args[0] === stagingSheetName('2018-09'),
    error: 'hỏng',
    times: 1,
  });
  fireResume();
  expect(fault.fired).toBe(1);
  expect(logRows().at(-1)).toEqual({ period: '2018-09', result: expect.stringMatching(/^lỗi: .*hỏng/) });
  expect(stagings()).toEqual([stagingSheetName('2018-Q3')]);
  fireResume();
  expect(env.master.getSheetByName('Tổng hợp 2018-Q3')).not.toBeNull();
  expect(env.master.getSheetByName('Tổng hợp 2018-09')).toBeNull();
  expect(stagings()).toEqual([]);
  expect(resumeTriggers()).toHaveLength(0);
});
