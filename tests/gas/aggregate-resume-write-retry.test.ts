import { AGGREGATE_RESUME_HANDLER, stagingSheetName } from '../../src/gas/io/resume';
import * as main from '../../src/gas/main';
import { LOG, SHEETS } from '../../src/messages/vi/gas';
import { type Env, runAggregate, seededLayoutB } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
let env: Env;
beforeEach(() => {
  env = seededLayoutB();
});
afterEach(() => env.dispose());

const resumeTriggers = () => env.fake.triggers.filter((t) => t.handlerFunction === AGGREGATE_RESUME_HANDLER);
/** The last "Nhật ký" row of "Tổng hợp" (not the line, filed under it too, of the e-mail to the admins a given-up chain sends). */
const lastLog = () =>
  String(
    (env.master.getSheetByName(SHEETS.log) as Sheet)
      .getDataRange()
      .getValues()
      .filter((r) => r[2] === LOG.actions.aggregate && !/thư báo cho quản trị viên/.test(String(r[4])))
      .at(-1)?.[4],
  );

test('a chained "Tổng hợp" whose final write meets a passing outage keeps its read and tries again', () => {
  // Slow reads: the menu run hands over to the resume trigger ("không cần bấm lại").
  env.fake.latency = { fetch: 300_000 };
  runAggregate(env.fake, '9/2018');
  expect(env.fake.ui.alerts.at(-1)?.prompt).toContain('không cần bấm lại');
  env.fake.latency = {};
  env.fake.setUiAvailable(false);
  // Every write of the resumed run fails (Google unreachable for a while).
  const f = env.fake.faults.add({
    method: 'fetch',
    when: (a) => String(a[0]).includes(':batchUpdate'),
    error: 'Address unavailable: https://sheets.googleapis.com',
  });
  env.fake.clock.advance(60_000);
  env.fake.fireTrigger(resumeTriggers()[0], main as unknown as Record<string, unknown>);
  f.remove();
  // The read is kept, a retry is scheduled and "Nhật ký" says so.
  expect(env.master.getSheetByName(stagingSheetName('2018-09'))).not.toBeNull();
  expect(resumeTriggers().length).toBe(1);
  expect(lastLog()).toContain('sẽ tự thử lại');
  // The retry (outage over) writes the summary and clears the staging.
  env.fake.clock.advance(5 * 60_000);
  env.fake.fireTrigger(resumeTriggers()[0], main as unknown as Record<string, unknown>);
  expect(lastLog()).toContain(`${env.units.length}/${env.units.length} đơn vị`);
  expect(env.master.getSheetByName('Tổng hợp 2018-09')).not.toBeNull();
  expect(env.master.getSheetByName(stagingSheetName('2018-09'))).toBeNull();
  expect(resumeTriggers().length).toBe(0);
});

test('the write retries of a chained "Tổng hợp" are bounded: then "Nhật ký" says to run it again by hand', () => {
  env.fake.latency = { fetch: 300_000 };
  runAggregate(env.fake, '9/2018');
  env.fake.latency = {};
  env.fake.setUiAvailable(false);
  env.fake.faults.add({
    method: 'fetch',
    when: (a) => String(a[0]).includes(':batchUpdate'),
    error: 'Address unavailable: https://sheets.googleapis.com',
  });
  let fires = 0;
  for (; resumeTriggers().length && fires < 20; fires++) {
    env.fake.clock.advance(5 * 60_000);
    env.fake.fireTrigger(resumeTriggers()[0], main as unknown as Record<string, unknown>);
  }
  expect(fires).toBeLessThan(20);
  expect(lastLog()).toContain('Hãy chạy lại "Tổng hợp" tháng 9/2018');
  expect(env.master.getSheetByName(stagingSheetName('2018-09'))).toBeNull();
  // And the admin is e-mailed, once (aggregate-resume-notice.test.ts).
  expect(env.fake.mail.sent.map((m) => m.subject)).toEqual([
    '[Dân vận] "Tổng hợp" tháng 9/2018 dừng giữa chừng, chưa có kết quả',
  ]);
});
