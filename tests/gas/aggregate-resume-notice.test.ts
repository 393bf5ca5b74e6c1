/**
 * A "Tổng hợp" chained over several runs (resume triggers, src/gas/io/resume-run.ts) that gives up:
 * whoever clicked was told it goes on by itself, so "Nhật ký" alone is not enough; the admins get
 * one e-mail, as when the monthly report gives up (src/gas/email/notice.ts). Before, nobody was told.
 */
import { AGGREGATE_RESUME_HANDLER, stagingSheetName } from '../../src/gas/io/resume';
import * as main from '../../src/gas/main';
import { ADMIN, type Env, runAggregate, seededLayoutB, setSetting, stageThree } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

let env: Env;
beforeEach(() => {
  env = seededLayoutB();
});
afterEach(() => env.dispose());

const resumeTriggers = () => env.fake.triggers.filter((t) => t.handlerFunction === AGGREGATE_RESUME_HANDLER);
const fireResume = () => {
  const [t] = resumeTriggers();
  expect(t).toBeDefined();
  env.fake.clock.advance(60_000);
  env.fake.fireTrigger(t, main as unknown as Record<string, unknown>);
};
const notices = () => env.fake.mail.sent.filter((m) => m.subject.includes('dừng giữa chừng'));

test('the lock busy until the staged read is too old: the admin gets one e-mail saying to run "Tổng hợp" again', () => {
  stageThree(env);
  env.fake.setUiAvailable(false);
  env.fake.locks.holdDocumentLock();
  for (let fired = 0; resumeTriggers().length && fired < 100; fired++) fireResume();
  const sent = notices();
  expect(sent.map((m) => [m.subject, m.toList])).toEqual([
    ['[Dân vận] "Tổng hợp" tháng 9/2018 dừng giữa chừng, chưa có kết quả', [ADMIN]],
  ]);
  expect(sent[0].body).toContain('đã không tự chạy tiếp được');
  expect(sent[0].body).toContain('chọn lại "Dân vận › Tổng hợp" cho tháng 9/2018');
});

test('the trigger failing on a period: the admin is told that period stopped; the other waiting one is written, untold', () => {
  env.fake.latency = { fetch: 300_000 };
  runAggregate(env.fake, '9/2018');
  runAggregate(env.fake, 'quý 3/2018');
  env.fake.latency = {};
  env.fake.setUiAvailable(false);
  env.fake.faults.add({
    method: 'Spreadsheet.getSheetByName',
    when: (args) => args[0] === stagingSheetName('2018-09'),
    error: 'hỏng',
    times: 1,
  });
  fireResume();
  fireResume();
  expect(env.master.getSheetByName('Tổng hợp 2018-Q3')).not.toBeNull();
  expect(notices().map((m) => m.subject)).toEqual([
    '[Dân vận] "Tổng hợp" tháng 9/2018 dừng giữa chừng, chưa có kết quả',
  ]);
  expect(notices()[0].body).toContain('Lý do: hỏng.');
  // "Nhật ký" files the notice under the "Tổng hợp" it is about, with its period, not under the e-mail.
  const rows = (env.master.getSheetByName('Nhật ký') as Sheet).getDataRange().getValues();
  const told = rows.filter((r) => String(r[4]).startsWith('Đã gửi thư báo cho quản trị viên'));
  expect(told.map((r) => [r[2], r[3], r[4]])).toEqual([
    ['Tổng hợp', '2018-09', `Đã gửi thư báo cho quản trị viên: ${ADMIN}.`],
  ]);
});

test('a setting broken while the chain waits: the admin is told, with the cell to fix', () => {
  stageThree(env);
  setSetting(env.master, 'cutoffDay', 'mười lăm');
  env.fake.setUiAvailable(false);
  fireResume();
  expect(resumeTriggers()).toHaveLength(0);
  const sent = notices();
  expect(sent).toHaveLength(1);
  expect(sent[0].toList).toEqual([ADMIN]);
  expect(sent[0].body).toContain('Cài đặt');
});

test('a chain that goes on and finishes: nobody is e-mailed', () => {
  env.fake.latency = { fetch: 300_000 };
  runAggregate(env.fake, '9/2018');
  env.fake.latency = {};
  env.fake.setUiAvailable(false);
  fireResume();
  expect(env.master.getSheetByName('Tổng hợp 2018-09')).not.toBeNull();
  expect(resumeTriggers()).toHaveLength(0);
  expect(env.fake.mail.sent).toHaveLength(0);
});
