/**
 * "Tổng hợp" without any unit's tab of last year (deleted at the year's turn, or layout b's
 * spreadsheets started this year): every "so cùng kỳ" is missing and a stock not typed yet this
 * year counts 0. One information line says so in "Kiểm tra" and in the alert, naming the tabs to
 * keep or restore in the add-on's layout; none when one unit has its tab of last year.
 */
import {
  createEnv,
  type Env,
  lastAlert,
  runAggregate,
  runTemplates,
  seededMaster,
  seedUnitSheet,
  setUpLayoutB,
  unitSheet,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const HEAD = `Không có báo cáo năm ${YEAR - 1}`;

/** Every text cell of the master's sheets whose name starts with `prefix`. */
function texts(env: Env, prefix: string): string[] {
  return env.master
    .getSheets()
    .filter((s) => s.getName().startsWith(prefix))
    .flatMap((s) => (s.getDataRange().getValues() as unknown[][]).flat())
    .filter((v): v is string => typeof v === 'string');
}

let env: Env | undefined;
afterEach(() => env?.dispose());

test('layout a, tabs of this year only: the line in "Kiểm tra" and the alert, naming the master\'s tabs', () => {
  env = seededMaster({ api: false });
  runAggregate(env.fake, '9/2018');
  const tab = `${env.units[0].name} ${YEAR - 1}`;
  const line =
    `${HEAD} trong bảng tính này nên không so sánh được với cùng kỳ; chỉ tiêu lũy kế của xã chưa nhập tháng nào ` +
    `năm ${YEAR} cũng được tính là 0. Hãy giữ các trang năm ${YEAR - 1} của các xã (ví dụ trang "${tab}") trong ` +
    'bảng tính này; nếu đã xóa, có thể tạo bản sao từ một phiên bản cũ (Tệp › Lịch sử phiên bản) rồi chép các ' +
    'trang đó sang. Sau đó bấm Tổng hợp lại.';
  expect(texts(env, 'Kiểm tra').filter((t) => t.startsWith(HEAD))).toEqual([line]);
  expect(lastAlert(env)).toContain(line);
});

test("layout a, one unit's tab of last year kept: no such line", () => {
  env = seededMaster({ api: false });
  runTemplates(env.fake, YEAR - 1);
  for (const u of env.units.slice(1)) env.master.deleteSheet(unitSheet(env, u, YEAR - 1) as Sheet);
  runAggregate(env.fake, '9/2018');
  expect(texts(env, 'Kiểm tra').some((t) => t.startsWith(HEAD))).toBe(false);
  expect(lastAlert(env)).not.toContain(HEAD);
});

test("layout b, the communes' spreadsheets without last year's tab: the line names their spreadsheets", () => {
  env = createEnv();
  const urls = setUpLayoutB(env);
  const e = env;
  e.units.forEach((u, i) => {
    const own = SpreadsheetApp.openByUrl(urls[u.code]);
    own.deleteSheet(own.getSheetByName(`${u.name} ${YEAR - 1}`) as Sheet);
    seedUnitSheet(unitSheet(e, u, YEAR, urls[u.code]) as Sheet, i);
  });
  runAggregate(env.fake, '9/2018');
  const found = texts(env, 'Kiểm tra').filter((t) => t.startsWith(HEAD));
  expect(found).toHaveLength(1);
  expect(found[0]).toContain(`${HEAD} trong bảng tính riêng của các xã nên không so sánh được với cùng kỳ`);
  expect(found[0]).toContain(`(ví dụ trang "${env.units[0].name} ${YEAR - 1}") trong bảng tính riêng của từng xã`);
  expect(lastAlert(env)).toContain(found[0]);
});
