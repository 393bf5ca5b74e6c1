import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { parseMonthInput } from '../../src/gas/actions';
import * as main from '../../src/gas/main';
import { SHEETS } from '../../src/messages/vi/gas';
import {
  ADMIN,
  createEnv,
  type Env,
  runSetup,
  runTemplates,
  seedUnitSheet,
  setSetting,
  unitSheet,
  unitUrls,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const rows = indicatorRows(defaultCatalogue());

function monthLocks(s: Sheet, m: number) {
  return s
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .filter((p) => p.getDescription() === `Đã nộp tháng ${m}/${YEAR}`);
}

function dateCell(s: Sheet, m: number) {
  return s.getRange(LAYOUT.submittedRow, monthCol(m));
}

describe('Nộp báo cáo tháng… / Mở khóa tháng…', () => {
  let env: Env;
  let s: Sheet;
  let urls: Record<string, string>;

  function prepare(layout: 'a' | 'b') {
    env = createEnv();
    runSetup();
    if (layout === 'b') setSetting(env.master, 'separateSpreadsheets', 'có');
    runTemplates(env.fake);
    urls = layout === 'b' ? unitUrls(env.master) : {};
    env.units.forEach((u, i) => {
      seedUnitSheet(unitSheet(env, u, YEAR, urls[u.code]) as Sheet, i, 9);
    });
    s = unitSheet(env, env.units[0], YEAR, urls[env.units[0].code]) as Sheet;
    dateCell(s, 9).setValue('');
  }
  afterEach(() => {
    // Every scripted answer was asked for (a YES queued where no question came would be a wrong test).
    const left = env.fake.ui.pending();
    env.dispose();
    expect(left).toEqual({ alerts: [], prompts: [] });
  });

  test('submitting a valid month records today and locks the month column for the admins', () => {
    prepare('a');
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '9' });
    const r = main.submitMonth();
    expect(r?.ok).toBe(true);
    expect(dateCell(s, 9).getDisplayValue()).toBe('05/10/2018');
    const locks = monthLocks(s, 9);
    expect(locks).toHaveLength(1);
    const range = locks[0].getRange();
    expect(range.getColumn()).toBe(monthCol(9));
    expect(range.getNumColumns()).toBe(1);
    expect(range.getRow()).toBe(LAYOUT.submittedRow);
    expect(range.getLastRow()).toBe(Math.max(...rows.values()));
    expect(locks[0].getEditors().map((e) => e.getEmail())).toEqual([ADMIN]);
    expect(env.fake.toasts.at(-1)?.msg).toBe(
      'Đã nộp báo cáo tháng 9/2018 của Xã Chung Chải ngày 05/10/2018. Cột tháng đã được khóa.',
    );
    const log = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues().at(-1) as unknown[];
    expect(log.slice(2)).toEqual(['Nộp báo cáo: Xã Chung Chải', '2018-09', 'thành công']);

    // Submitting again says it is locked.
    env.fake.ui.queuePromptResponse({ text: '9' });
    main.submitMonth();
    expect(env.fake.ui.alerts.at(-1)?.prompt).toContain('đã nộp và đang khóa');
    expect(monthLocks(s, 9)).toHaveLength(1);
  });

  test('a month with errors is not submitted; the errors are listed', () => {
    prepare('a');
    s.getRange(rows.get('DON_TONG') as number, monthCol(9)).setValue(10);
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '' }); // default: September
    const r = main.submitMonth();
    expect(r?.ok).toBe(false);
    const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(alert).toMatch(/^Chưa nộp được báo cáo tháng 9\/2018 của Xã Chung Chải: còn \d+ lỗi cần sửa\./);
    expect(alert).toContain('• ');
    expect(dateCell(s, 9).getValue()).toBe('');
    expect(monthLocks(s, 9)).toHaveLength(0);
  });

  test('an error in another month does not block this month', () => {
    prepare('a');
    s.getRange(rows.get('DON_TONG') as number, monthCol(3)).setValue(10);
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '9' });
    expect(main.submitMonth()?.ok).toBe(true);
  });

  test('a row without a code with figures, while the sheet lacks an indicator, blocks only the months it has figures in', () => {
    prepare('a');
    // The row of TCD_LUOT lost its code and was reworded: its figures are not counted, an error.
    const row = rows.get('TCD_LUOT') as number;
    s.getRange(row, LAYOUT.codeCol).setValue('');
    s.getRange(row, LAYOUT.labelCol).setValue('Lượt tiếp dân tại trụ sở xã');
    for (let m = 1; m <= 9; m++) s.getRange(row, monthCol(m)).setValue(m === 8 ? '' : 4);
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '9' });
    expect(main.submitMonth()?.ok).toBe(false);
    const refused = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(refused).toContain(`• Xã Chung Chải, trang "Chung Chải 2018", ô C${row}: dòng ${row}`);
    expect(refused).toContain('có lẽ là chỉ tiêu "Lượt tiếp công dân" (TCD_LUOT) mà trang đang thiếu');
    // August: nothing typed in that row, the month's totals are right.
    env.fake.ui.queuePromptResponse({ text: '8' });
    expect(main.submitMonth()?.ok).toBe(true);
  });

  test('an error of a row with no figure in the month (a duplicate row, figures only in locked months) does not block it', () => {
    prepare('a');
    const last = Math.max(...rows.values());
    const first = rows.get('TCD_LUOT') as number;
    // The last row made a second TCD_LUOT row (code and label), figures in months already submitted.
    s.getRange(last, LAYOUT.codeCol).setValue('TCD_LUOT');
    s.getRange(last, LAYOUT.labelCol).setValue(s.getRange(first, LAYOUT.labelCol).getValue());
    for (let m = 3; m <= 8; m++) s.getRange(last, monthCol(m)).setValue(4);
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '9' });
    const r = main.submitMonth();
    expect(r?.ok).toBe(true);
    expect(monthLocks(s, 9)).toHaveLength(1);
    const cell = `A${last}`;
    // Told to the clerk, naming the cell, as the district's to fix; and in "Nhật ký" for the district.
    const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(alert).toMatch(/^Đã nộp báo cáo tháng 9\/2018 của Xã Chung Chải ngày 05\/10\/2018\./);
    expect(alert).toContain('Lưu ý: trang còn 1 lỗi không thuộc tháng 9/2018');
    expect(alert).toContain(`• Xã Chung Chải, ô ${cell}`);
    expect(alert).toContain('xuất hiện hai lần');
    const log = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues().at(-1) as unknown[];
    expect(log[4]).toMatch(
      new RegExp(`^thành công; lỗi của trang cần huyện xem: Xã Chung Chải, ô ${cell}: .*xuất hiện hai lần`),
    );

    // Tổng hợp lists it for the district too.
    env.fake.ui.queuePromptResponse({ text: '9/2018' });
    const summary = main.aggregateReports()?.summary;
    expect(summary?.findings.some((f) => f.code === 'duplicate-indicator' && f.cell === cell)).toBe(true);

    // A figure of October in that row: October's figure would be left out, so October is not submitted.
    env.fake.clock.advance(10 * 86_400_000); // 15/10/2018: October's figures closed
    s.getRange(last, monthCol(10)).setValue(4);
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '10' });
    expect(main.submitMonth()?.ok).toBe(false);
    const refused = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(refused).toMatch(/^Chưa nộp được báo cáo tháng 10\/2018 của Xã Chung Chải: còn 1 lỗi cần sửa\./);
    expect(refused).toContain(`• Xã Chung Chải, ô ${cell}`);
    expect(monthLocks(s, 10)).toHaveLength(0);
  });

  test('under a province (2025 reform, "Cấp tổng hợp" = tỉnh), the clerk is told to ask the province, not a district', () => {
    prepare('a');
    setSetting(env.master, 'level', 'tỉnh');
    const row = rows.get('TCD_LUOT') as number;
    s.getRange(row, LAYOUT.unitCol).setValue('triệu đồng');
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '9' });
    expect(main.submitMonth()?.ok).toBe(false);
    const refused = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(refused).toContain('đơn vị tính do tỉnh quản lý (xã không sửa được)');
    expect(refused).toContain('hãy báo cán bộ tỉnh (quản trị viên)');
    expect(refused).not.toContain('huyện');

    // October: submitted, the row's error told to the clerk and written to "Nhật ký" for the province.
    env.fake.clock.advance(10 * 86_400_000); // 15/10/2018: October's figures closed
    s.getRange(rows.get('DON_TONG') as number, monthCol(10)).setValue(0);
    env.fake.ui.queuePromptResponse({ text: '10' });
    env.fake.ui.queueAlertResponse('YES'); // blank cells of the month warned of: submitted anyway
    expect(main.submitMonth()?.ok).toBe(true);
    const done = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(done).toContain('đã ghi vào trang "Nhật ký" để cán bộ tỉnh xem và sửa:');
    expect(done).not.toContain('huyện');
    const log = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues().at(-1) as unknown[];
    expect(String(log[4])).toMatch(/^thành công; lỗi của trang cần tỉnh xem: /);
    expect(String(log[4])).not.toContain('huyện');

    // Submitting October again: locked, and it is the province that unlocks.
    env.fake.ui.queuePromptResponse({ text: '10' });
    expect(main.submitMonth()?.ok).toBe(false);
    const again = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(again).toBe(
      'Báo cáo tháng 10/2018 của Xã Chung Chải đã nộp và đang khóa. Muốn sửa, đề nghị tỉnh mở khóa (Dân vận › Mở khóa tháng…).',
    );
  });

  test('under a commune ("Cấp tổng hợp" = xã), the reporting unit is "đơn vị": the xã manages the locked cells', () => {
    prepare('a');
    setSetting(env.master, 'level', 'xã');
    s.getRange(rows.get('TCD_LUOT') as number, LAYOUT.unitCol).setValue('triệu đồng');
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '9' });
    expect(main.submitMonth()?.ok).toBe(false);
    const refused = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(refused).toContain('đơn vị tính do xã quản lý (đơn vị không sửa được)');
    expect(refused).toContain('hãy báo cán bộ xã (quản trị viên)');
    expect(refused).not.toContain('xã không sửa được');

    env.fake.clock.advance(10 * 86_400_000); // 15/10/2018: October's figures closed
    s.getRange(rows.get('DON_TONG') as number, monthCol(10)).setValue(0);
    env.fake.ui.queuePromptResponse({ text: '10' });
    env.fake.ui.queueAlertResponse('YES'); // blank cells of the month warned of: submitted anyway
    expect(main.submitMonth()?.ok).toBe(true);
    const done = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(done).toContain('hoặc ở ô mà đơn vị không sửa được; đã ghi vào trang "Nhật ký" để cán bộ xã xem và sửa:');
    expect(done).not.toContain('ô xã không sửa được');
  });

  test('a row whose unit cell (locked) disagrees with the catalogue blocks only the months it has figures in, saying to ask the district', () => {
    prepare('a');
    const row = rows.get('TCD_LUOT') as number;
    s.getRange(row, LAYOUT.unitCol).setValue('triệu đồng');
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '9' });
    expect(main.submitMonth()?.ok).toBe(false);
    const refused = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(refused).toContain(`ô D${row}`);
    expect(refused).toContain('hãy báo cán bộ huyện');
    expect(monthLocks(s, 9)).toHaveLength(0);

    // October: the row has nothing typed, other rows have; submitted, the row's error told.
    env.fake.clock.advance(10 * 86_400_000); // 15/10/2018: October's figures closed
    s.getRange(rows.get('DON_TONG') as number, monthCol(10)).setValue(0);
    env.fake.ui.queuePromptResponse({ text: '10' });
    env.fake.ui.queueAlertResponse('YES'); // blank cells of the month warned of: submitted anyway
    const r = main.submitMonth();
    expect(r?.ok).toBe(true);
    expect(r?.ok && r.sheetErrors.map((f) => f.code)).toEqual(['measure-mismatch']);
    expect(monthLocks(s, 10)).toHaveLength(1);
  });

  test('an admin unlocks a month: protection removed, date cleared; others may not', () => {
    prepare('a');
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '9' });
    main.submitMonth();

    env.fake.setUser('chungchai@example.vn');
    main.unlockMonth();
    expect(env.fake.ui.alerts.at(-1)?.prompt).toBe(
      'Chỉ quản trị viên (trang "Cài đặt", dòng "Quản trị viên (e-mail)") mới mở khóa được; bạn đang dùng chungchai@example.vn.',
    );
    expect(monthLocks(s, 9)).toHaveLength(1);

    env.fake.setUser(ADMIN);
    env.fake.ui.queuePromptResponse({ text: '9/2018' });
    main.unlockMonth();
    expect(env.fake.ui.alerts.at(-1)?.prompt).toBe(
      'Đã mở khóa tháng 9/2018 của Xã Chung Chải. Xã sửa xong cần nộp lại (Dân vận › Nộp báo cáo tháng…).',
    );
    expect(monthLocks(s, 9)).toHaveLength(0);
    expect(dateCell(s, 9).getValue()).toBe('');
  });

  test('a month whose data period has not begun, or with nothing typed, is not submitted nor locked', () => {
    prepare('a'); // the clock: 05/10/2018
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '12' });
    expect(main.submitMonth()?.ok).toBe(false);
    expect(env.fake.ui.alerts.at(-1)?.prompt).toBe(
      'Chưa nộp được báo cáo tháng 12/2018 của Xã Chung Chải: số liệu tháng 12/2018 tính từ 15/11/2018 đến 14/12/2018, ' +
        'kỳ này chưa bắt đầu. Hãy kiểm tra lại tháng đã nhập.',
    );
    expect(monthLocks(s, 12)).toHaveLength(0);
    expect(dateCell(s, 12).getValue()).toBe('');
    // October has begun (15/09–14/10) and, at its cut-off day, nothing is typed in it.
    env.fake.clock.advance(9 * 86_400_000); // 14/10/2018
    env.fake.ui.queuePromptResponse({ text: '10' });
    expect(main.submitMonth()?.ok).toBe(false);
    expect(env.fake.ui.alerts.at(-1)?.prompt).toBe(
      'Chưa nộp được báo cáo tháng 10/2018 của Xã Chung Chải: cột tháng 10/2018 chưa có số liệu nào. ' +
        'Hãy nhập số liệu (chỉ tiêu không có thì ghi 0) rồi nộp lại.',
    );
    expect(monthLocks(s, 10)).toHaveLength(0);
    // One 0 typed is a figure: the month can be submitted.
    s.getRange(rows.get('TCD_LUOT') as number, monthCol(10)).setValue(0);
    env.fake.ui.queuePromptResponse({ text: '10' });
    env.fake.ui.queueAlertResponse('YES'); // blank cells of the month warned of: submitted anyway
    expect(main.submitMonth()?.ok).toBe(true);
    expect(monthLocks(s, 10)).toHaveLength(1);
  });

  test('a month before its cut-off is refused, saying from when; nothing written or locked, Kiểm tra blames no date', () => {
    env = createEnv({ now: new Date('2018-09-03T09:00:00+07:00') });
    runSetup();
    runTemplates(env.fake);
    env.units.forEach((u, i) => {
      seedUnitSheet(unitSheet(env, u, YEAR) as Sheet, i, 8);
    });
    s = unitSheet(env, env.units[0], YEAR) as Sheet;
    env.master.setActiveSheet(s);
    s.getRange(rows.get('TCD_LUOT') as number, monthCol(9)).setValue(3);
    env.fake.ui.queuePromptResponse({ text: '9' });
    expect(main.submitMonth()?.ok).toBe(false);
    expect(env.fake.ui.alerts.at(-1)?.prompt).toBe(
      'Chưa nộp được báo cáo tháng 9/2018 của Xã Chung Chải: số liệu tháng 9/2018 tính đến hết ngày 14/09/2018 ' +
        '(ngày chốt số liệu), nên chưa khóa được cột tháng. Hãy tiếp tục nhập số liệu và nộp từ ngày 14/09/2018.',
    );
    expect(monthLocks(s, 9)).toHaveLength(0);
    expect(dateCell(s, 9).getValue()).toBe('');
    // Later, Kiểm tra finds no early date the add-on would have written.
    env.fake.clock.advance(20 * 86_400_000);
    const r = main.checkData() as unknown as { findings: { code: string }[] };
    expect(r.findings.filter((f) => f.code === 'submitted-before-period-end')).toEqual([]);
    // On the cut-off day the month is submitted and locked.
    env.fake.clock.set(new Date('2018-09-14T09:00:00+07:00'));
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '9' });
    env.fake.ui.queueAlertResponse('YES'); // blank cells of the month warned of: submitted anyway
    expect(main.submitMonth()?.ok).toBe(true);
    expect(dateCell(s, 9).getDisplayValue()).toBe('14/09/2018');
    expect(monthLocks(s, 9)).toHaveLength(1);
  });

  /** The month's warnings: a figure far above usual in DVK_DANGKY (its cell returned). */
  function warnedMonth(): string {
    prepare('a');
    env.master.setActiveSheet(s);
    const row = rows.get('DVK_DANGKY') as number;
    s.getRange(row, monthCol(9)).setValue(500);
    return `M${row}`;
  }
  const question = () => env.fake.ui.alerts.filter((a) => a.buttons === 'YES_NO');

  test('warnings: the clerk is shown them with their cells and asked YES/NO before anything is written; NO changes nothing and says how to fix', () => {
    const cell = warnedMonth();
    env.fake.ui.queuePromptResponse({ text: '9' });
    env.fake.ui.queueAlertResponse('NO');
    const protectionsBefore = s.getProtections(SpreadsheetApp.ProtectionType.RANGE).length;
    const r = main.submitMonth();
    expect(r?.ok).toBe(false);
    // Nothing written nor locked.
    expect(dateCell(s, 9).getValue()).toBe('');
    expect(monthLocks(s, 9)).toHaveLength(0);
    expect(s.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toHaveLength(protectionsBefore);
    const asked = question();
    expect(asked).toHaveLength(1);
    expect(asked[0].title).toBe('Nộp báo cáo');
    expect(asked[0].response).toBe('NO');
    const found = r && !r.ok ? r.findings : [];
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.severity === 'warning')).toBe(true);
    const lines = asked[0].prompt.split('\n');
    expect(lines[0]).toBe(
      `Báo cáo tháng 9/2018 của Xã Chung Chải có ${found.length} cảnh báo cần xem lại (chưa nộp, chưa khóa):`,
    );
    expect(lines).toContain(`• ${found.find((f) => f.cell === cell)?.message}`);
    expect(asked[0].prompt).toContain(`ô ${cell}`);
    // At most 5 listed, then how many more.
    expect(lines.filter((l) => l.startsWith('• '))).toHaveLength(Math.min(found.length, 5));
    if (found.length > 5)
      expect(lines).toContain(`… và ${found.length - 5} cảnh báo khác (xem Dân vận › Kiểm tra dữ liệu).`);
    expect(lines.at(-1)).toBe(
      'Vẫn nộp báo cáo tháng 9/2018? Nộp xong, cột tháng bị khóa; muốn sửa sau đó phải đề nghị huyện mở khóa.',
    );
    // Then told how to fix, the cells again.
    const told = env.fake.ui.alerts.at(-1);
    expect(told?.buttons).toBe('OK');
    expect(told?.prompt).toMatch(/^Chưa nộp báo cáo tháng 9\/2018 của Xã Chung Chải: trang chưa bị ghi hay khóa gì\./);
    expect(told?.prompt).toContain(`ô ${cell}`);
    expect(told?.prompt).toContain('Sửa các ô trên rồi chọn lại Nộp báo cáo (Dân vận › Nộp báo cáo tháng…).');
    expect(env.fake.toasts.some((t) => t.msg.startsWith('Đã nộp'))).toBe(false);
    // Not a submission: "Nhật ký" records none.
    const log = env.master.getSheetByName(SHEETS.log) as Sheet | null;
    const logged = log
      ? log
          .getDataRange()
          .getValues()
          .map((row) => String(row[2]))
      : [];
    expect(logged.some((a) => a.startsWith('Nộp báo cáo'))).toBe(false);
  });

  test('warnings: closing the question is a NO', () => {
    warnedMonth();
    env.fake.ui.queuePromptResponse({ text: '9' });
    env.fake.ui.queueAlertResponse('CLOSE');
    expect(main.submitMonth()?.ok).toBe(false);
    expect(question().map((a) => a.response)).toEqual(['CLOSE']);
    expect(dateCell(s, 9).getValue()).toBe('');
    expect(monthLocks(s, 9)).toHaveLength(0);
    expect(env.fake.ui.alerts.at(-1)?.prompt).toContain('Sửa các ô trên rồi chọn lại Nộp báo cáo');
  });

  test('warnings: YES submits as today, the accepted warnings not listed again', () => {
    const cell = warnedMonth();
    env.fake.ui.queuePromptResponse({ text: '9' });
    env.fake.ui.queueAlertResponse('YES');
    const before = env.fake.ui.alerts.length;
    const r = main.submitMonth();
    expect(r?.ok).toBe(true);
    expect(question().map((a) => a.response)).toEqual(['YES']);
    expect(dateCell(s, 9).getDisplayValue()).toBe('05/10/2018');
    expect(monthLocks(s, 9)).toHaveLength(1);
    expect(r?.ok && r.warningFindings.some((f) => f.cell === cell)).toBe(true);
    expect(env.fake.toasts.at(-1)?.msg).toBe(
      'Đã nộp báo cáo tháng 9/2018 của Xã Chung Chải ngày 05/10/2018. Cột tháng đã được khóa.',
    );
    // The clerk saw them and said YES: no second list.
    expect(env.fake.ui.alerts.slice(before)).toEqual(question());
    const log = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues().at(-1) as unknown[];
    expect(log.slice(2)).toEqual(['Nộp báo cáo: Xã Chung Chải', '2018-09', 'thành công']);
  });

  test('no warnings: submitted with no question', () => {
    prepare('a');
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '9' });
    const before = env.fake.ui.alerts.length;
    expect(main.submitMonth()?.ok).toBe(true);
    expect(env.fake.ui.alerts.slice(before)).toEqual([]);
    expect(monthLocks(s, 9)).toHaveLength(1);
  });

  test('warnings where no Ui can ask (getUi throws, a trigger): not blocked, submitted as before, no crash for want of a Ui', () => {
    const cell = warnedMonth();
    env.fake.ui.queuePromptResponse({ text: '9' });
    // The month prompt gets its Ui; every later getUi throws as in a trigger.
    const noUi = env.fake.faults.add({
      method: 'SpreadsheetApp.getUi',
      error: 'Cannot call SpreadsheetApp.getUi() from this context.',
      skip: 1,
    });
    const r = main.submitMonth();
    expect(noUi.fired).toBeGreaterThan(0);
    expect(r?.ok).toBe(true);
    expect(question()).toEqual([]);
    expect(dateCell(s, 9).getDisplayValue()).toBe('05/10/2018');
    expect(monthLocks(s, 9)).toHaveLength(1);
    expect(r?.ok && r.warningFindings.some((f) => f.cell === cell)).toBe(true);
  });

  test('a year without its sheet is named as such; unlocking a month not locked says so, capitalised', () => {
    prepare('a');
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: `9/${YEAR - 1}` });
    expect(main.submitMonth()?.ok).toBe(false);
    expect(env.fake.ui.alerts.at(-1)?.prompt).toBe(
      `Xã Chung Chải chưa có trang "Chung Chải ${YEAR - 1}". Hãy kiểm tra năm đã nhập, hoặc tạo mẫu năm đó ` +
        '(Dân vận › Tạo mẫu báo cáo cho xã).',
    );
    env.fake.ui.queuePromptResponse({ text: '8' });
    main.unlockMonth();
    expect(env.fake.ui.alerts.at(-1)?.prompt).toBe(`Tháng 8/${YEAR} của Xã Chung Chải chưa bị khóa.`);
  });

  test('a month unlocked to be corrected is summed as late, and Tổng hợp says why, naming its date cell', () => {
    prepare('a');
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '9' });
    main.submitMonth();
    env.fake.ui.queuePromptResponse({ text: '9' });
    main.unlockMonth();
    s.getRange(rows.get('TCD_LUOT') as number, monthCol(9)).setValue(100);
    env.fake.ui.queuePromptResponse({ text: '9/2018' });
    const r = main.aggregateReports();
    expect(r?.summary.completeness.rows.find((x) => x.unitCode === env.units[0].code)?.status).toBe('late');
    const cell = `${String.fromCharCode(64 + monthCol(9))}${LAYOUT.submittedRow}`;
    const finding = r?.summary.findings.find((f) => f.code === 'undated-month');
    expect(finding?.message).toMatch(
      new RegExp(
        `^Xã Chung Chải, ô ${cell} \\(Ngày nộp báo cáo, tháng 9\\): tháng 9 có số liệu nhưng chưa có ngày nộp`,
      ),
    );
    expect(finding?.message).toContain('đã được mở khóa để sửa');
  });

  test('layout (b): from the master, the unit is asked for and its own spreadsheet is locked', () => {
    prepare('b');
    env.master.setActiveSheet(env.master.getSheetByName(SHEETS.units) as Sheet);
    env.fake.ui.queuePromptResponse({ text: 'xã chung chải' }, { text: '9' });
    const r = main.submitMonth();
    expect(r?.ok).toBe(true);
    expect(monthLocks(s, 9)).toHaveLength(1);
    expect(dateCell(s, 9).getDisplayValue()).toBe('05/10/2018');

    env.fake.ui.queuePromptResponse({ text: 'chung-chai' }, { text: '9' });
    main.unlockMonth();
    expect(monthLocks(s, 9)).toHaveLength(0);
  });

  test('an unknown unit name is refused', () => {
    prepare('b');
    env.master.setActiveSheet(env.master.getSheetByName(SHEETS.units) as Sheet);
    env.fake.ui.queuePromptResponse({ text: 'Hà Nội' });
    main.submitMonth();
    expect(env.fake.ui.alerts.at(-1)?.prompt).toMatch(
      /^Không có đơn vị "Hà Nội" trong trang "Đơn vị"\. Hãy gõ tên đơn vị \(có dấu hoặc không dấu/,
    );
  });

  test('month input forms', () => {
    expect(parseMonthInput('9', 2018)).toEqual({ month: 9, year: 2018 });
    expect(parseMonthInput('T9', 2018)).toEqual({ month: 9, year: 2018 });
    expect(parseMonthInput('tháng 12', 2018)).toEqual({ month: 12, year: 2018 });
    expect(parseMonthInput('9/2017', 2018)).toEqual({ month: 9, year: 2017 });
    expect(parseMonthInput('13', 2018)).toBeNull();
    expect(parseMonthInput('Q3/2018', 2018)).toBeNull();
  });
});
