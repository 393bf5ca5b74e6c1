/**
 * "Dữ liệu" (the long-format rows of every period) belongs to the add-on, but users type in
 * sheets: a sheet of their own under that name, an edited header, a column of notes added at the
 * right. Nothing of theirs may be lost by "Tổng hợp", with either writer.
 */
import { fixtureSummary } from '../../src/engine/report/fixtures';
import { LONG_CSV_HEADER, LONG_HEADER, longRows } from '../../src/engine/report/long-rows';
import { longRowsBlock } from '../../src/gas/aggregate';
import { AGGREGATE, SHEETS } from '../../src/messages/vi/gas';
import { type Env, runAggregate, seededMaster } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const writers: ['api' | 'fallback'][] = [['api'], ['fallback']];

function prepare(writer: 'api' | 'fallback'): Env {
  return seededMaster({ api: writer === 'api' });
}

function dataValues(env: Env): unknown[][] {
  return (env.master.getSheetByName(SHEETS.data) as Sheet).getDataRange().getValues();
}

describe.each(writers)('"Dữ liệu" keeps what the user typed (%s writer)', (writer) => {
  let env: Env;
  afterEach(() => env.dispose());

  test('a sheet of the user’s own named "Dữ liệu" is not overwritten; the summary is still written and the alert says why', () => {
    env = prepare(writer);
    const own = [
      ['Họ tên', 'Điện thoại', 'Xã'],
      ['Nguyễn Văn A', '0912 345 678', 'Chung Chải'],
      ['Lò Thị B', '0987 654 321', 'Nậm Kè'],
    ];
    const sheet = env.master.insertSheet(SHEETS.data);
    sheet.getRange(1, 1, own.length, 3).setValues(own);
    runAggregate(env.fake, '9/2018');
    expect(dataValues(env)).toEqual(own);
    expect(env.master.getSheetByName('Tổng hợp 2018-09')).not.toBeNull();
    const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(alert).toContain(AGGREGATE.dataSheetForeign(SHEETS.data, 'A1', 'Họ tên', LONG_HEADER[0]));
  });

  test('an edited header keeps every period’s rows (nothing rewritten) and names the cell', () => {
    env = prepare(writer);
    runAggregate(env.fake, '8/2018');
    runAggregate(env.fake, '9/2018');
    const data = env.master.getSheetByName(SHEETS.data) as Sheet;
    data.getRange('B1').setValue('Mã xã');
    const before = dataValues(env);
    expect(before.some((r) => r[0] === '2018-08')).toBe(true);
    runAggregate(env.fake, '7/2018');
    expect(dataValues(env)).toEqual(before);
    expect(env.fake.ui.alerts.at(-1)?.prompt).toContain(
      AGGREGATE.dataSheetForeign(SHEETS.data, 'B1', 'Mã xã', LONG_HEADER[1]),
    );
  });

  test('a column of notes added at the right keeps its notes, on other periods’ rows and on the rows replaced', () => {
    env = prepare(writer);
    runAggregate(env.fake, '8/2018');
    runAggregate(env.fake, '9/2018');
    const data = env.master.getSheetByName(SHEETS.data) as Sheet;
    const cols = LONG_CSV_HEADER.length;
    const rows = data.getDataRange().getValues();
    const aug = rows.findIndex((r) => r[0] === '2018-08');
    const sept = rows.findIndex((r) => r[0] === '2018-09' && r[1] !== '*');
    const septKey = `${rows[sept][1]}|${rows[sept][3]}`;
    data.getRange(1, cols + 1).setValue('Ghi chú');
    data.getRange(aug + 1, cols + 1).setValue('đã đối chiếu');
    data.getRange(sept + 1, cols + 1).setValue('xã gọi điện xác nhận');
    // A row the user typed below, with no period.
    const last = rows.length + 1;
    data.getRange(last, 1, 1, cols + 1).setValues([[...Array(cols).fill(''), 'cần hỏi lại xã Pá Mỳ']]);
    runAggregate(env.fake, '9/2018');
    const after = dataValues(env);
    expect(after[0].slice(0, cols + 1)).toEqual([...LONG_CSV_HEADER, 'Ghi chú']);
    expect(after.find((r) => r[0] === '2018-08' && r[cols] === 'đã đối chiếu')).toBeDefined();
    const septRow = after.find((r) => r[0] === '2018-09' && `${r[1]}|${r[3]}` === septKey);
    expect(septRow?.[cols]).toBe('xã gọi điện xác nhận');
    expect(after.at(-1)?.[cols]).toBe('cần hỏi lại xã Pá Mỳ');
    // Still one row per unit and indicator of September.
    const keys = after.filter((r) => r[0] === '2018-09').map((r) => `${r[1]}|${r[3]}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('longRowsBlock (pure)', () => {
  const summary = fixtureSummary();
  const key = longRows(summary)[0][0] as string;

  test('an empty sheet gets the header and the period’s rows', () => {
    const b = longRowsBlock([['']], summary);
    expect(b.foreign).toBeNull();
    expect(b.all).toEqual([[...LONG_CSV_HEADER], ...longRows(summary, true)]);
  });

  test('a replaced row whose value is gone keeps the user’s cell and loses its old number', () => {
    const cols = LONG_HEADER.length;
    const gone = [key, 'xa-cu', 'Xã Cũ', 'DON_TONG', 'Tổng số đơn', 7, 't', 'ghi chú của người dùng'];
    const b = longRowsBlock([[...LONG_HEADER, 'Ghi chú'], gone], summary);
    const kept = b.all.find((r) => r[1] === 'xa-cu');
    expect(kept?.[cols]).toBe('ghi chú của người dùng');
    expect(kept?.[5]).toBe('');
  });

  test('a header differing only in Unicode form or spacing is still ours', () => {
    const nfd = LONG_HEADER.map((h) => ` ${h.normalize('NFD')} `);
    expect(longRowsBlock([nfd, [key, 'u', 'X', 'C', 'L', 1, 't']], summary).foreign).toBeNull();
  });
});
