import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { LONG_CSV_HEADER } from '../../src/engine/report/long-rows';
import { indicatorRows, monthCol } from '../../src/engine/sheet/layout';
import { readConfig } from '../../src/gas/config';
import { findUnitBooks } from '../../src/gas/io/find-units';
import * as main from '../../src/gas/main';
import { TEMP_PREFIX } from '../../src/gas/sheets-write';
import { SHEETS } from '../../src/messages/vi/gas';
import { GAS_ERRORS } from '../fakes/gas';
import { sheetsApiHandler } from '../fakes/gas/sheets-api';
import {
  createEnv,
  type Env,
  expectedSeptember,
  runAggregate,
  runSetup,
  runTemplates,
  seedUnitSheet,
  seedValue,
  setSetting,
  summaryRow,
  unitSheet,
  unitUrls,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const catalogue = defaultCatalogue();
const rows = indicatorRows(catalogue);
const label = (code: string) => catalogue.indicators.find((i) => i.code === code)?.label as string;
const SUMMARY = 'Tổng hợp 2018-09';

function periodTotal(env: Env, code: string, sheetName = SUMMARY): unknown {
  return summaryRow(env.master.getSheetByName(sheetName) as Sheet, label(code))?.[3];
}

function layouts(): ['a' | 'b'][] {
  return [['a'], ['b']];
}

/** Setup + templates for `year` (+ last year when asked) + seeded figures, in layout a or b. */
function prepare(layout: 'a' | 'b', opts: { lastYear?: boolean } = {}): Env {
  const env = createEnv();
  runSetup();
  if (layout === 'b') setSetting(env.master, 'separateSpreadsheets', 'có');
  if (opts.lastYear) runTemplates(env.fake, YEAR - 1);
  runTemplates(env.fake, YEAR);
  const urls = layout === 'b' ? unitUrls(env.master) : {};
  env.units.forEach((u, i) => {
    seedUnitSheet(unitSheet(env, u, YEAR, urls[u.code]) as Sheet, i);
    if (opts.lastYear) {
      const old = unitSheet(env, u, YEAR - 1, urls[u.code]) as Sheet;
      old.getRange(rows.get('DVK_DANGKY') as number, monthCol(9)).setValue(1);
    }
  });
  return env;
}

describe.each(layouts())('Tổng hợp — layout (%s)', (layout) => {
  let env: Env;
  beforeEach(() => {
    env = prepare(layout);
  });
  afterEach(() => env.dispose());

  test('writes the summary; totals are the sums of the seeded values', () => {
    runAggregate(env.fake, '');
    const n = env.units.length;
    for (const code of ['DVK_DANGKY', 'TCD_LUOT', 'DON_TONG', 'LDLD_MAIAM_GIATRI', 'HND_SXKDG_DANGKY'])
      expect(periodTotal(env, code)).toBe(expectedSeptember(code, n));
    // Year to date (column E) of a flow: months 1–9 summed.
    let ytd = 0;
    for (let i = 0; i < n; i++) for (let m = 1; m <= 9; m++) ytd += seedValue('DVK_DANGKY', i, m) ?? 0;
    expect(summaryRow(env.master.getSheetByName(SUMMARY) as Sheet, label('DVK_DANGKY'))?.[4]).toBe(ytd);
    for (const name of ['Theo đơn vị 2018-09', 'Kiểm tra 2018-09', 'Huyện Mường Nhé 2018'])
      expect(env.master.getSheetByName(name)).not.toBeNull();
    expect(env.master.getActiveSheet().getName()).toBe(SUMMARY);
    // Completeness: each unit submitted on 16/09/2018 (dates read in the spreadsheet's zone).
    const sheet = env.master.getSheetByName(SUMMARY) as Sheet;
    const shown = sheet.getDataRange().getDisplayValues();
    const chungChai = shown.find((r) => r[1] === 'Xã Chung Chải' && r[2] === 'Đúng hạn');
    expect(chungChai?.[3]).toBe('16/09/2018');
    expect(env.fake.toasts.at(-1)?.msg).toBe(
      'Đã tổng hợp tháng 9/2018: 11/11 đơn vị đã nộp. Kết quả ở trang "Tổng hợp 2018-09".',
    );
  });

  test('the summary sheet has a frozen header, number formats and an embedded chart', () => {
    runAggregate(env.fake, '9/2018');
    const s = env.master.getSheetByName(SUMMARY) as Sheet;
    expect(s.getFrozenRows()).toBe(6);
    expect(s.getCharts()).toHaveLength(1);
    const r = (s.getDataRange().getValues() as unknown[][]).findIndex((x) => x[1] === label('DVK_DANGKY')) + 1;
    expect(s.getRange(r, 4).getNumberFormat()).toBe('#,##0');
    expect(s.getRange(r, 2).getNumberFormat()).toBe('@');
  });

  test('reads each unit with one getDataRange().getValues() per sheet, and few calls per unit', () => {
    const cfg = readConfig(env.master);
    if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
    const r = cfg.config;
    env.fake.resetCalls();
    const books = findUnitBooks(env.master, r.units, [YEAR, YEAR - 1], { read: true });
    expect(books.every((b) => b.grids.size === 1)).toBe(true);
    const n = env.units.length;
    expect(env.fake.calls.count('Range.getValues')).toBe(n);
    expect(env.fake.calls.count('Sheet.getDataRange')).toBe(n);
    expect(env.fake.calls.count('Range.getValue')).toBe(0);
    if (layout === 'a') {
      // getName per tab of the master (listed once), getDataRange, getValues.
      expect(env.fake.calls.total).toBeLessThanOrEqual(4 * n + 10);
    } else {
      // openByUrl, getSheetByName for this year and last year, getDataRange, getValues.
      expect(env.fake.calls.count('SpreadsheetApp.openByUrl')).toBe(n);
      expect(env.fake.calls.total).toBeLessThanOrEqual(5 * n + 2);
    }
  });

  test('the whole run makes a bounded number of calls (no per-cell loops)', () => {
    env.fake.resetCalls();
    env.fake.http.requests.length = 0;
    runAggregate(env.fake, '');
    // Issue 5: at most 4 calls per unit + 40; the summary is one batchUpdate.
    expect(env.fake.calls.total).toBeLessThanOrEqual(4 * env.units.length + 40);
    expect(env.fake.http.requests.filter((r) => r.url.endsWith(':batchUpdate'))).toHaveLength(1);
    expect(env.fake.calls.count('Range.setValue')).toBe(0);
    expect(env.fake.calls.count('Range.setValues')).toBe(0);
    expect(env.fake.calls.count('Sheet.appendRow')).toBe(1); // the "Nhật ký" line
    // Tab names come from the API's one answer: no getName per tab of a master that holds every
    // unit's tabs (looking for the resume's staging sheets once did so).
    expect(env.fake.calls.count('Sheet.getName')).toBeLessThan(env.units.length);
  });

  test('re-running replaces the period: one summary sheet, "Dữ liệu" rows of the period replaced', () => {
    runAggregate(env.fake, '');
    const urls = layout === 'b' ? unitUrls(env.master) : {};
    const s = unitSheet(env, env.units[0], YEAR, urls[env.units[0].code]) as Sheet;
    s.getRange(rows.get('TCD_LUOT') as number, monthCol(9)).setValue(1001);
    runAggregate(env.fake, '8/2018');
    runAggregate(env.fake, '');
    const names = env.master.getSheets().map((x) => x.getName());
    expect(names.filter((x) => x === SUMMARY)).toHaveLength(1);
    expect(names.some((x) => x.startsWith(TEMP_PREFIX))).toBe(false);
    expect(periodTotal(env, 'TCD_LUOT')).toBe(expectedSeptember('TCD_LUOT', env.units.length) - 1 + 1001);
    const data = (env.master.getSheetByName(SHEETS.data) as Sheet).getDataRange().getValues();
    expect(data[0]).toEqual([...LONG_CSV_HEADER]);
    const sept = data.filter((r) => r[0] === '2018-09');
    const aug = data.filter((r) => r[0] === '2018-08');
    expect(aug.length).toBeGreaterThan(0);
    // Per unit and total, each numeric indicator with data once: no duplicates after three runs.
    const keys = sept.map((r) => `${r[1]}|${r[3]}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(sept.find((r) => r[1] === env.units[0].code && r[3] === 'TCD_LUOT')?.[5]).toBe(1001);
    expect(sept.find((r) => r[1] === '*' && r[3] === 'DVK_DANGKY')?.[5]).toBe(expectedSeptember('DVK_DANGKY', 11));
  });

  test('logs who ran what, when, for which period and the result', () => {
    runAggregate(env.fake, '');
    const log = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues();
    const last = log.at(-1) as unknown[];
    expect(last[1]).toBe('bandanvan@muongnhe.vn');
    expect(last[2]).toBe('Tổng hợp');
    expect(last[3]).toBe('2018-09');
    expect(String(last[4])).toMatch(/^thành công: Đã tổng hợp tháng 9\/2018/);
    expect(last[0]).toBeInstanceOf(Date);
  });
});

describe('Tổng hợp — robustness', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('a period whose data has not begun is refused before anything is read or written', () => {
    env = prepare('a'); // the clock: 05/10/2018
    runAggregate(env.fake, '9/2018');
    const sheets = env.master.getSheets().map((x) => x.getName());
    const r = runAggregate(env.fake, '12/2018');
    expect(r).toBeUndefined();
    expect(env.fake.ui.alerts.at(-1)?.prompt).toBe(
      'Chưa tổng hợp được tháng 12/2018: kỳ này tính số liệu từ 15/11/2018, chưa bắt đầu. Hãy kiểm tra lại kỳ đã nhập.',
    );
    expect(env.master.getSheets().map((x) => x.getName())).toEqual(sheets);
    // A period under way (October: from 15/09) may be summarised so far.
    expect(runAggregate(env.fake, '10/2018')?.summary).toBeDefined();
  });

  test('an unreadable unit spreadsheet is reported by name and the others are still aggregated', () => {
    env = prepare('b');
    const urls = unitUrls(env.master);
    const bad = env.units[3]; // Mường Nhé
    env.fake.faults.add({
      method: 'SpreadsheetApp.openByUrl',
      when: (args) => args[0] === urls[bad.code],
      error: GAS_ERRORS.noPermission,
    });
    runAggregate(env.fake, '');
    let expected = 0;
    env.units.forEach((_, i) => {
      if (i !== 3) expected += seedValue('DVK_DANGKY', i, 9) ?? 0;
    });
    expect(periodTotal(env, 'DVK_DANGKY')).toBe(expected);
    const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(alert).toContain('Có 1 đơn vị không đọc được:');
    // Google's reason in Vietnamese for the user; its own text only in "Nhật ký".
    expect(alert).toContain('Không mở được bảng tính của Xã Mường Nhé: tài khoản đang chạy');
    expect(alert).toContain('không có quyền mở bảng tính này');
    expect(alert).not.toContain(GAS_ERRORS.noPermission);
    const logged = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues();
    expect(String(logged.at(-1)?.[4])).toContain(GAS_ERRORS.noPermission);
    const checks = (env.master.getSheetByName('Kiểm tra 2018-09') as Sheet).getDataRange().getValues().flat();
    expect(checks.some((v) => String(v).includes('Không mở được bảng tính của Xã Mường Nhé'))).toBe(true);
    // The narrative says it could not be read — not that it was not sent.
    const main = (env.master.getSheetByName('Tổng hợp 2018-09') as Sheet).getDataRange().getValues().flat().map(String);
    const narrative = main.find((v) => v.includes('đã gửi báo cáo')) ?? '';
    expect(narrative).toContain('không đọc được báo cáo của: xã Mường Nhé');
    expect(narrative).not.toMatch(/chưa báo cáo:[^;]*Mường Nhé/);
  });

  test('a passing "Too many simultaneous invocations" is retried: the unit is still aggregated', () => {
    env = prepare('b');
    const urls = unitUrls(env.master);
    const busy = env.units[4];
    const fault = env.fake.faults.add({
      method: 'SpreadsheetApp.openByUrl',
      when: (args) => args[0] === urls[busy.code],
      error: 'Too many simultaneous invocations: Spreadsheets',
      times: 1,
    });
    runAggregate(env.fake, '');
    expect(fault.fired).toBe(1);
    expect(env.fake.calls.count('Utilities.sleep')).toBeGreaterThan(0);
    expect(periodTotal(env, 'DVK_DANGKY')).toBe(expectedSeptember('DVK_DANGKY', env.units.length));
    const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(alert).not.toContain('không đọc được');
    expect(alert).not.toContain('Too many simultaneous invocations');
  });

  test('an unknown English error of Google is told in Vietnamese; its text only in "Nhật ký"', () => {
    env = prepare('b');
    const urls = unitUrls(env.master);
    const bad = env.units[4];
    env.fake.faults.add({
      method: 'SpreadsheetApp.openByUrl',
      when: (args) => args[0] === urls[bad.code],
      error: 'Something Google never documented',
    });
    runAggregate(env.fake, '');
    const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(alert).toMatch(/Không mở được bảng tính của Xã [^:]+: Lỗi không xác định của Google\/Apps Script/);
    expect(alert).not.toContain('Something Google never documented');
    const logged = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues();
    expect(String(logged.at(-1)?.[4])).toContain('[Google: Something Google never documented]');
  });

  test('a failure of the one batchUpdate leaves the previous summary untouched', () => {
    env = prepare('a');
    runAggregate(env.fake, '');
    const before = env.fake.snapshot(env.master).sheets.find((s) => s.name === SUMMARY);
    const s = unitSheet(env, env.units[0]) as Sheet;
    s.getRange(rows.get('DVK_DANGKY') as number, monthCol(9)).setValue(500);
    const fault = env.fake.faults.add({
      method: 'SheetsApi.updateSheetProperties',
      error: 'Internal error encountered.',
    });
    runAggregate(env.fake, '');
    fault.remove();
    const alert = env.fake.ui.alerts.at(-1);
    expect(alert?.title).toBe('Có lỗi');
    expect(alert?.prompt).toMatch(
      /^Tổng hợp không thành công, trang tổng hợp cũ được giữ nguyên\. Lý do: Google Sheets đang quá tải/,
    );
    expect(env.fake.snapshot(env.master).sheets.find((x) => x.name === SUMMARY)).toEqual(before);
    expect(env.master.getSheets().some((x) => x.getName().startsWith(TEMP_PREFIX))).toBe(false);
    runAggregate(env.fake, '');
    expect(periodTotal(env, 'DVK_DANGKY')).toBe(expectedSeptember('DVK_DANGKY', 11) - 9 + 500);
  });

  test('a failure while writing (SpreadsheetApp writer, Sheets API disabled) leaves the previous summary untouched', () => {
    env = prepare('a');
    env.fake.http.handler = sheetsApiHandler(env.fake, { disabled: true });
    runAggregate(env.fake, '');
    const before = env.fake.snapshot(env.master).sheets.find((s) => s.name === SUMMARY);
    const s = unitSheet(env, env.units[0]) as Sheet;
    s.getRange(rows.get('DVK_DANGKY') as number, monthCol(9)).setValue(500);
    env.fake.faults.afterCalls(
      3,
      'Range.setValues',
      'Service Spreadsheets timed out while accessing document with id x.',
    );
    runAggregate(env.fake, '');
    const alert = env.fake.ui.alerts.at(-1);
    expect(alert?.title).toBe('Có lỗi');
    expect(alert?.prompt).toBe(
      'Tổng hợp không thành công, trang tổng hợp cũ được giữ nguyên. Lý do: Google Sheets phản hồi quá lâu — hãy chạy lại sau ít phút',
    );
    const after = env.fake.snapshot(env.master).sheets.find((x) => x.name === SUMMARY);
    expect(after).toEqual(before);
    expect(periodTotal(env, 'DVK_DANGKY')).toBe(expectedSeptember('DVK_DANGKY', 11));
    expect(env.master.getSheets().some((x) => x.getName().startsWith(TEMP_PREFIX))).toBe(false);
    const log = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues();
    expect(String(log.at(-1)?.[4])).toMatch(
      /^lỗi: Google Sheets phản hồi quá lâu.*\[Google: Service Spreadsheets timed out while accessing document with id x\.\]$/,
    );
    // The next run succeeds and shows the new figure.
    runAggregate(env.fake, '');
    expect(periodTotal(env, 'DVK_DANGKY')).toBe(expectedSeptember('DVK_DANGKY', 11) - 9 + 500);
  });

  /** The summary sheets of the period (and the year's aggregate) by name → sheetId, in the master's order. */
  const summaryIds = (env: Env) => {
    const names = [SUMMARY, 'Theo đơn vị 2018-09', 'Kiểm tra 2018-09', 'Huyện Mường Nhé 2018'];
    return Object.fromEntries(
      env.master
        .getSheets()
        .filter((x) => names.includes(x.getName()))
        .map((x) => [x.getName(), x.getSheetId()]),
    );
  };

  /** The user's own sheet with a formula on the summary's DVK_DANGKY of the period. */
  function usersSheet(env: Env): Sheet {
    const sheet = env.master.getSheetByName(SUMMARY) as Sheet;
    const r =
      sheet
        .getDataRange()
        .getValues()
        .findIndex((x) => x[1] === label('DVK_DANGKY')) + 1;
    const mine = env.master.insertSheet('Của tôi');
    mine.getRange('A1').setFormula(`='${SUMMARY}'!D${r}`);
    return mine;
  }

  test('run again (SpreadsheetApp writer): the summary sheets keep their sheetIds and show the new figures', () => {
    env = prepare('a');
    env.fake.http.handler = sheetsApiHandler(env.fake, { disabled: true });
    runAggregate(env.fake, '');
    const ids = summaryIds(env);
    expect(Object.keys(ids)).toHaveLength(4);
    const mine = usersSheet(env);
    expect(mine.getRange('A1').getValue()).toBe(expectedSeptember('DVK_DANGKY', 11));
    const s = unitSheet(env, env.units[0]) as Sheet;
    s.getRange(rows.get('DVK_DANGKY') as number, monthCol(9)).setValue(500);
    env.fake.resetCalls();
    runAggregate(env.fake, '');
    expect(env.fake.ui.alerts.at(-1)?.title).not.toBe('Có lỗi');
    expect(summaryIds(env)).toEqual(ids);
    expect(periodTotal(env, 'DVK_DANGKY')).toBe(expectedSeptember('DVK_DANGKY', 11) - 9 + 500);
    expect(mine.getRange('A1').getValue()).toBe(expectedSeptember('DVK_DANGKY', 11) - 9 + 500);
    expect(env.master.getSheets().some((x) => x.getName().startsWith(TEMP_PREFIX))).toBe(false);
    // Overwritten by a paste, not cell by cell: one copy of the block and one of the widths per sheet.
    expect(env.fake.calls.count('Range.copyTo')).toBe(2 * Object.keys(ids).length);
    // One warning-only protection each, the color rules and charts of one run only.
    for (const name of Object.keys(ids)) {
      const sheet = env.master.getSheetByName(name) as Sheet;
      expect(sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    }
    const summary = env.master.getSheetByName(SUMMARY) as Sheet;
    expect(summary.getCharts().length).toBeLessThanOrEqual(1);
    expect(summary.getFrozenRows()).toBeGreaterThan(0);
  });

  test('an overwrite failing part-way (SpreadsheetApp writer): that sheet is swapped for the new one, and the notes say so', () => {
    env = prepare('a');
    env.fake.http.handler = sheetsApiHandler(env.fake, { disabled: true });
    runAggregate(env.fake, '');
    const ids = summaryIds(env);
    const mine = usersSheet(env);
    const s = unitSheet(env, env.units[0]) as Sheet;
    s.getRange(rows.get('DVK_DANGKY') as number, monthCol(9)).setValue(500);
    // The first paste (into the first summary sheet, "Tổng hợp …") fails.
    env.fake.faults.add({
      method: 'Range.copyTo',
      error: 'Service Spreadsheets timed out while accessing document with id x.',
      times: 1,
    });
    runAggregate(env.fake, '');
    const alert = env.fake.ui.alerts.at(-1);
    expect(alert?.title).not.toBe('Có lỗi');
    expect(alert?.prompt).toContain(`Không ghi đè được trang "${SUMMARY}" nên đã thay bằng một trang mới cùng tên`);
    expect(periodTotal(env, 'DVK_DANGKY')).toBe(expectedSeptember('DVK_DANGKY', 11) - 9 + 500);
    const now = summaryIds(env);
    expect(now[SUMMARY]).not.toBe(ids[SUMMARY]);
    for (const name of Object.keys(ids)) if (name !== SUMMARY) expect(now[name]).toBe(ids[name]);
    expect(Object.keys(now)).toEqual(Object.keys(ids)); // same sheets, same order
    // What the note warns of: the user's formula lost its sheet.
    expect(mine.getRange('A1').getValue()).toBe('#REF!');
    expect(env.master.getSheets().some((x) => x.getName().startsWith(TEMP_PREFIX))).toBe(false);
  });

  test('an overwrite and then the swap failing: the notes name the unfinished sheet and where the whole one is; the next run mends it', () => {
    env = prepare('a');
    env.fake.http.handler = sheetsApiHandler(env.fake, { disabled: true });
    runAggregate(env.fake, '');
    const s = unitSheet(env, env.units[0]) as Sheet;
    s.getRange(rows.get('DVK_DANGKY') as number, monthCol(9)).setValue(500);
    const timedOut = 'Service Spreadsheets timed out while accessing document with id x.';
    env.fake.faults.add({ method: 'Range.copyTo', error: timedOut, times: 1 });
    // Renaming the temporary sheet to the summary's name fails (twice: tried again once).
    env.fake.faults.add({ method: 'Sheet.setName', when: (args) => args[0] === SUMMARY, error: timedOut, times: 1 });
    runAggregate(env.fake, '');
    const alert = env.fake.ui.alerts.at(-1);
    expect(alert?.prompt).toContain(`Trang "${SUMMARY}" chưa ghi xong`);
    expect(alert?.prompt).toContain(`bản đầy đủ đang ở trang "${TEMP_PREFIX}${SUMMARY}"`);
    const temp = env.master.getSheetByName(`${TEMP_PREFIX}${SUMMARY}`) as Sheet;
    const r = temp
      .getDataRange()
      .getValues()
      .find((x) => x[1] === label('DVK_DANGKY'));
    expect(r?.[3]).toBe(expectedSeptember('DVK_DANGKY', 11) - 9 + 500);
    expect(env.master.getSheetByName(SUMMARY)).not.toBeNull();
    runAggregate(env.fake, '');
    expect(periodTotal(env, 'DVK_DANGKY')).toBe(expectedSeptember('DVK_DANGKY', 11) - 9 + 500);
    expect(env.master.getSheets().some((x) => x.getName().startsWith(TEMP_PREFIX))).toBe(false);
  });

  test('includes last year\'s sheets for "so cùng kỳ"', () => {
    env = prepare('a', { lastYear: true });
    // Last year from January too (from September only, its year to date would not be compared).
    for (const u of env.units)
      (unitSheet(env, u, YEAR - 1) as Sheet).getRange(rows.get('DVK_DANGKY') as number, monthCol(1)).setValue(2);
    runAggregate(env.fake, '');
    const row = summaryRow(env.master.getSheetByName(SUMMARY) as Sheet, label('DVK_DANGKY'));
    expect(row?.[5]).toBe(11); // last year: 1 per unit in September
    expect(row?.[6]).toBe(expectedSeptember('DVK_DANGKY', 11) - 11);
    // The year to date's change (what the e-mail compares) beside last year's year to date, labelled.
    let ytd = 0;
    for (let i = 0; i < 11; i++) for (let m = 1; m <= 9; m++) ytd += seedValue('DVK_DANGKY', i, m) ?? 0;
    const sheet = env.master.getSheetByName(SUMMARY) as Sheet;
    expect(sheet.getRange(6, 7, 1, 6).getValues()[0]).toEqual([
      'Tăng/giảm so cùng kỳ (kỳ báo cáo)',
      'Tỷ lệ tăng/giảm kỳ báo cáo (%)',
      'Lũy kế cùng kỳ năm trước',
      'Tăng/giảm lũy kế so cùng kỳ (từ đầu năm)',
      'Tỷ lệ tăng/giảm lũy kế (%)',
      'Số đơn vị có số liệu',
    ]);
    expect(row?.slice(8, 11)).toEqual([33, ytd - 33, Math.round(((ytd - 33) / 33) * 10000) / 10000]);
    const r = sheet
      .getDataRange()
      .getValues()
      .findIndex((x) => x[1] === label('DVK_DANGKY'));
    expect(sheet.getRange(r + 1, 11).getNumberFormat()).toBe(sheet.getRange(r + 1, 8).getNumberFormat());
    expect(sheet.getRange(r + 1, 11).getNumberFormat()).toMatch(/%/);
  });

  test('commune text is copied as plain text, never as a formula', () => {
    env = prepare('a');
    const evil = '=HYPERLINK("http://example.invalid","bấm vào đây")';
    const s = unitSheet(env, env.units[0]) as Sheet;
    s.getRange(rows.get('GHI_CHU') as number, monthCol(9)).setValue(evil);
    runAggregate(env.fake, '');
    for (const sheet of env.fake.snapshot(env.master).sheets) {
      if (sheet.name.startsWith('Xã') || !/2018/.test(sheet.name)) continue;
      for (const f of sheet.formulas.flat()) expect(f).not.toContain('example.invalid');
    }
    const summary = env.fake.snapshot(env.master).sheets.find((x) => x.name === SUMMARY);
    expect(summary?.values.flat().some((v) => String(v).includes(evil))).toBe(true);
  });

  test('a second concurrent run gets a clear Vietnamese message', () => {
    env = prepare('a');
    env.fake.locks.holdDocumentLock();
    runAggregate(env.fake, '');
    expect(env.fake.ui.alerts.at(-1)?.prompt).toBe(
      'Một người khác đang chạy một thao tác của Dân vận trên bảng tính này. Hãy đợi một lát rồi thử lại.',
    );
    expect(env.master.getSheetByName(SUMMARY)).toBeNull();
  });

  test('waits for a run that finishes within 30 seconds', () => {
    env = prepare('a');
    env.fake.locks.holdDocumentLock({ releaseAfterMs: 10000 });
    runAggregate(env.fake, '');
    expect(env.master.getSheetByName(SUMMARY)).not.toBeNull();
  });

  test('the period prompt defaults to the last closed period and rejects nonsense', () => {
    env = prepare('a');
    env.fake.ui.queuePromptResponse({ text: 'tháng mười ba' });
    main.aggregateReports();
    expect(env.fake.ui.prompts.at(-1)?.prompt).toContain('để trống = tháng 9/2018');
    expect(env.fake.ui.alerts.at(-1)?.prompt).toContain('"tháng mười ba" không phải là kỳ báo cáo.');
    runAggregate(env.fake, 'Q3/2018');
    expect(env.master.getSheetByName('Tổng hợp 2018-Q3')).not.toBeNull();
  });
});
