/**
 * "Đơn vị cũ": the old communes of the 2025 reform named (and, layout b, their own spreadsheets).
 * "Đơn vị" lists the 5 new communes of Mường Nhé, merged on 01/07/2025, with their old ones by code;
 * the old communes reported January–June 2025 and all of 2024, the new ones from July (10 a month).
 * Without "Đơn vị cũ" the add-on works as before; with it, Tổng hợp and Kiểm tra name the old
 * communes, and in layout (b) read their spreadsheets, so 2025's year to date and "so cùng kỳ" count them.
 */

import { readConfig } from '../../src/gas/config';
import { spreadsheetIdOf } from '../../src/gas/io/sheets-api';
import * as main from '../../src/gas/main';
import { CHECK, FORMER_UNITS_HEADER, SETUP, SHEETS } from '../../src/messages/vi/gas';
import { GAS_ERRORS } from '../fakes/gas';
import { createEnv, type Env, runAggregate, runSetup, runTemplates, setSetting, unitUrls } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const NOW = new Date('2025-10-05T09:00:00+07:00');
/** "Đơn vị" after the reform (Quảng Lâm also took in Na Cô Sa, a commune of another district). */
const NEW_UNITS = [
  ['muong-nhe-2025', 'Mường Nhé', 'xã', '', '', '01/07/2025', 'muong-nhe, nam-vi, chung-chai'],
  ['sin-thau-2025', 'Sín Thầu', 'xã', '', '', '01/07/2025', 'sin-thau, sen-thuong, leng-su-sin'],
  ['muong-toong-2025', 'Mường Toong', 'xã', '', '', '01/07/2025', 'muong-toong, huoi-lech'],
  ['nam-ke-2025', 'Nậm Kè', 'xã', '', '', '01/07/2025', 'nam-ke, pa-my'],
  ['quang-lam-2025', 'Quảng Lâm', 'xã', '', '', '01/07/2025', 'quang-lam, na-co-sa'],
];
const NA_CO_SA_MISSING = 'Xã Na Cô Sa (nay thuộc xã Quảng Lâm) không có báo cáo năm 2025';
const NA_CO_SA_BY_CODE = 'Đơn vị cũ mã "na-co-sa" (nay thuộc xã Quảng Lâm) không có báo cáo năm 2025';

let env: Env;
afterEach(() => env.dispose());

function put(sheet: Sheet, code: string, month: number, value: unknown): void {
  const r = sheet
    .getDataRange()
    .getValues()
    .findIndex((row) => String(row[0]) === code);
  sheet.getRange(r + 1, 4 + month).setValue(value);
}

/** TCD_LUOT `value` in months first..last of a sheet, each submitted on the 16th. */
function fill(sheet: Sheet, year: number, first: number, last: number, value: number): void {
  for (let m = first; m <= last; m++) {
    put(sheet, 'TCD_LUOT', m, value);
    put(sheet, 'NGAY_NOP', m, new Date(`${year}-${String(m).padStart(2, '0')}-16T00:00:00+07:00`));
  }
}

/** "Đơn vị" lists the new communes (URLs as given, by code). */
function newUnits(urls: Record<string, string> = {}): void {
  const units = env.master.getSheetByName(SHEETS.units) as Sheet;
  units.getRange(2, 1, Math.max(units.getMaxRows() - 1, 1), 7).clearContent();
  const rows = NEW_UNITS.map((r) => r.map((v, c) => (c === 4 ? (urls[r[0]] ?? '') : v)));
  units.getRange(2, 1, rows.length, 7).setValues(rows);
}

/** The "Đơn vị cũ" sheet with these rows (code, name, kind, URL), made or replaced. */
function formerSheet(rows: string[][]): Sheet {
  const sheet = env.master.getSheetByName(SHEETS.formerUnits) ?? env.master.insertSheet(SHEETS.formerUnits);
  sheet.clearContents();
  const all = [Object.values(FORMER_UNITS_HEADER) as string[], ...rows];
  sheet.getRange(1, 1, all.length, 4).setValues(all);
  return sheet;
}

const messages = (r: ReturnType<typeof runAggregate>) => r?.summary.findings.map((f) => f.message).join('\n') ?? '';
const luot = (r: ReturnType<typeof runAggregate>) => {
  const i = r?.summary.indicators.find((x) => x.code === 'TCD_LUOT');
  return [i?.period, i?.ytd, i?.lastYearPeriod, i?.lastYearYtd];
};
const lastAlert = () => env.fake.ui.alerts.at(-1)?.prompt ?? '';

/** Layout (a): the old communes' tabs in the master (2024, 2025 to June); the new ones go on in them from July. */
function layoutA(): Env {
  env = createEnv({ now: NOW });
  runSetup();
  runTemplates(env.fake, 2024);
  runTemplates(env.fake, 2025);
  for (const u of env.units) {
    fill(env.master.getSheetByName(`${u.name} 2024`) as Sheet, 2024, 1, 12, 1);
    fill(env.master.getSheetByName(`${u.name} 2025`) as Sheet, 2025, 1, 6, 1);
  }
  newUnits();
  for (const r of NEW_UNITS) fill(env.master.getSheetByName(`${r[1]} 2025`) as Sheet, 2025, 7, 9, 10);
  return env;
}

/**
 * Layout (b): every old commune has its own spreadsheet (2024, 2025 to June); the new communes get
 * theirs by "Tạo mẫu" (`goOnIn`: a new commune given its old one's spreadsheet instead). Returns the
 * old communes' URLs by code.
 */
function layoutB(goOnIn: Record<string, string> = {}): Record<string, string> {
  env = createEnv({ now: NOW });
  runSetup();
  setSetting(env.master, 'separateSpreadsheets', 'có');
  runTemplates(env.fake, 2024);
  runTemplates(env.fake, 2025);
  const oldUrls = unitUrls(env.master);
  for (const u of env.units) {
    const ss = SpreadsheetApp.openByUrl(oldUrls[u.code]);
    fill(ss.getSheetByName(`${u.name} 2024`) as Sheet, 2024, 1, 12, 1);
    fill(ss.getSheetByName(`${u.name} 2025`) as Sheet, 2025, 1, 6, 1);
  }
  const given = Object.fromEntries(Object.entries(goOnIn).map(([code, old]) => [code, oldUrls[old]]));
  newUnits(given);
  runTemplates(env.fake, 2025);
  const newUrls = unitUrls(env.master);
  for (const r of NEW_UNITS) {
    const ss = SpreadsheetApp.openByUrl(newUrls[r[0]]);
    fill(ss.getSheetByName(`${r[1]} 2025`) as Sheet, 2025, 7, 9, 10);
  }
  return oldUrls;
}

/** The "Đơn vị cũ" rows of the 11 old communes of the sample list, with their spreadsheets when given. */
function oldRows(urls: Record<string, string> = {}): string[][] {
  return env.units.map((u) => [u.code, u.name, u.kind, urls[u.code] ?? '']);
}

describe('backward compatibility', () => {
  test('no merger: "Đơn vị cũ" is neither made by Thiết lập nor read; once "Đơn vị" lists old units, it is made', () => {
    env = createEnv({ now: NOW });
    runSetup();
    expect(env.master.getSheetByName(SHEETS.formerUnits)).toBeNull();
    env.fake.resetCalls();
    const r = readConfig(env.master);
    // "Cài đặt", "Đơn vị", "Chỉ tiêu", "Quy tắc", "Ngày nghỉ": as before, not one call more.
    expect(env.fake.calls.count('Spreadsheet.getSheetByName')).toBe(5);
    expect(r.ok && r.config.formerUnits).toEqual([]);
    newUnits();
    runSetup();
    expect(env.master.getSheetByName(SHEETS.formerUnits)).not.toBeNull();
  });

  test('layout (a) without "Đơn vị cũ": as before (an old commune without a tab is named by code); with it, by name', () => {
    layoutA();
    const before = runAggregate(env.fake, '9/2025');
    expect(luot(before)).toEqual([50, 216, 11, 99]);
    expect(messages(before)).toContain(NA_CO_SA_BY_CODE);
    formerSheet([['na-co-sa', 'Na Cô Sa', 'xã', '']]);
    const after = runAggregate(env.fake, '9/2025');
    expect(luot(after)).toEqual([50, 216, 11, 99]);
    expect(messages(after)).toContain(NA_CO_SA_MISSING);
    expect(messages(after)).toContain('Xã Na Cô Sa (nay thuộc xã Quảng Lâm) không có báo cáo năm 2024');
    expect(messages(after)).not.toContain('mã "na-co-sa"');
    expect(after?.summary.findings.find((f) => f.unitCode === 'na-co-sa')?.unitName).toBe('Na Cô Sa');
  });
});

describe('Kiểm tra', () => {
  test('names an old commune with no sheet for the year, as Tổng hợp does; not those with theirs', () => {
    layoutA();
    env.master.setActiveSheet(env.master.getSheetByName(SHEETS.settings) as Sheet);
    const rows = () => (env.master.getSheetByName(SHEETS.check) as Sheet).getDataRange().getValues();
    const said = (r: unknown[][]) => r.filter((row) => String(row[4]).includes('không có báo cáo năm 2025'));
    main.checkData();
    // Without "Đơn vị cũ": by code. Every other old commune has its 2025 tab.
    expect(said(rows()).map((r) => [r[0], r[1], String(r[4]).slice(0, NA_CO_SA_BY_CODE.length)])).toEqual([
      ['Cảnh báo', 'na-co-sa', NA_CO_SA_BY_CODE],
    ]);
    formerSheet([['na-co-sa', 'Na Cô Sa', 'xã', '']]);
    main.checkData();
    const named = said(rows());
    expect(named.map((r) => [r[1], String(r[4]).slice(0, NA_CO_SA_MISSING.length)])).toEqual([
      ['Xã Na Cô Sa', NA_CO_SA_MISSING],
    ]);
    // In Tổng hợp's words.
    const agg = runAggregate(env.fake, '9/2025');
    expect(
      agg?.summary.findings.find((f) => f.code === 'predecessor-missing' && f.unitCode === 'na-co-sa')?.message,
    ).toBe(named[0][4]);
  });
});

describe('Thiết lập', () => {
  test('makes "Đơn vị cũ" from the old codes of "Đơn vị", named after the old tabs; an unnamed one is said', () => {
    layoutA();
    runSetup();
    const sheet = env.master.getSheetByName(SHEETS.formerUnits) as Sheet;
    const rows = sheet.getDataRange().getValues();
    expect(rows[0]).toEqual(Object.values(FORMER_UNITS_HEADER));
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      'muong-nhe',
      'nam-vi',
      'chung-chai',
      'sin-thau',
      'sen-thuong',
      'leng-su-sin',
      'muong-toong',
      'huoi-lech',
      'nam-ke',
      'pa-my',
      'quang-lam',
      'na-co-sa',
    ]);
    expect(rows.find((r) => r[0] === 'nam-vi')?.[1]).toBe('Nậm Vì');
    expect(rows.find((r) => r[0] === 'na-co-sa')?.[1]).toBe('');
    expect(lastAlert()).toContain(SETUP.formerUnits(12, 11));
    expect(lastAlert()).toContain(SETUP.ok);
    expect(lastAlert()).toContain(
      'Trang "Đơn vị cũ", ô B13 (Tên đơn vị cũ): chưa ghi tên của đơn vị cũ "na-co-sa", nên báo cáo gọi đơn vị này theo mã',
    );
    // Named there, Na Cô Sa is named in Tổng hợp.
    sheet.getRange('B13:C13').setValues([['Na Cô Sa', 'xã']]);
    expect(messages(runAggregate(env.fake, '9/2025'))).toContain(NA_CO_SA_MISSING);
  });

  test('checks every row: the cell and the mistake named; Tổng hợp goes on, saying what it left out', () => {
    env = createEnv({ now: NOW });
    runSetup();
    newUnits();
    const url = 'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOp/edit';
    formerSheet([
      ['nam-vi', 'Nậm Vì', 'xã', ''],
      ['NAM-VI', 'Nậm Vì', 'xã', ''],
      ['xa-la', 'Xã Lạ', 'xã', ''],
      ['muong-nhe-2025', 'Mường Nhé', 'xã', ''],
      ['chung-chai', 'Chung Chải', 'xã', 'bảng tính của Chung Chải'],
      ['pa-my', '', 'xã', url],
      ['sen thuong', 'Sen Thượng', 'xã', ''],
      ['huoi-lech', '', '', ''],
    ]);
    const at = (cell: string, column: string, text: string) => `Trang "Đơn vị cũ", ô ${cell} (${column}): ${text}`;
    const errors = [
      at('A3', 'Mã đơn vị cũ', 'mã đơn vị cũ "NAM-VI" bị trùng (đã có ở ô A2)'),
      at('D6', 'Bảng tính (URL)', '"bảng tính của Chung Chải" không phải đường dẫn bảng tính Google Sheets'),
      at('B7', 'Tên đơn vị cũ', 'cần ghi tên đơn vị cũ để tìm trang báo cáo "<tên> <năm>" trong bảng tính ở ô D7'),
      at('A8', 'Mã đơn vị cũ', 'sai định dạng'),
    ];
    const warnings = [
      at('A4', 'Mã đơn vị cũ', 'không đơn vị nào ở trang "Đơn vị" ghi mã "xa-la" ở cột "Đơn vị cũ (mã)"'),
      at('A5', 'Mã đơn vị cũ', '"muong-nhe-2025" là mã của một đơn vị hiện nay (trang "Đơn vị", ô A2)'),
      at('B9', 'Tên đơn vị cũ', 'chưa ghi tên của đơn vị cũ "huoi-lech"'),
    ];
    // Thiết lập: the mistakes that would leave a spreadsheet unread are errors, the others warnings.
    runSetup();
    const alert = lastAlert();
    const [errorPart, warningPart] = alert.split(SETUP.warnings);
    for (const e of errors) expect(errorPart).toContain(e);
    for (const w of warnings) expect(warningPart).toContain(w);
    expect(alert).not.toContain(SETUP.ok);
    // Elsewhere nothing is stopped: the rows are left out, and said.
    const r = readConfig(env.master);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.config.formerUnits).toEqual([
      { code: 'nam-vi', name: 'Nậm Vì', kind: 'xã', emails: [] },
      { code: 'chung-chai', name: 'Chung Chải', kind: 'xã', emails: [] },
    ]);
    for (const m of [...errors, ...warnings])
      expect(r.config.warnings.some((w) => w.startsWith(m.slice(0, m.indexOf('):') + 2)))).toBe(true);
    const agg = runAggregate(env.fake, '9/2025');
    expect(agg?.warnings.join('\n')).toContain(errors[1]);
    // A code typed in another case is the one of "Đơn vị".
    formerSheet([['Nam-Vi', 'Nậm Vì', 'xã', '']]);
    const again = readConfig(env.master);
    expect(again.ok && again.config.formerUnits.map((u) => u.code)).toEqual(['nam-vi']);
  });
});

describe('layout (b): the old communes’ own spreadsheets', () => {
  test('read from "Đơn vị cũ": their months before the merger count for the new communes, and "so cùng kỳ" has them', () => {
    const oldUrls = layoutB();
    runSetup(); // "Đơn vị cũ" made with the 11 codes, unnamed (no old tabs in the master)
    formerSheet(oldRows(oldUrls));
    env.fake.resetCalls();
    const r = runAggregate(env.fake, '9/2025');
    // Period 5 × 10; year to date 11 × 6 + 5 × 30; last year 11 (September 2024), 99 (to September).
    expect(luot(r)).toEqual([50, 216, 11, 99]);
    expect(r?.summary.completeness.reported).toBe(5);
    // Only Na Cô Sa, of another district, sent nothing.
    const missing = r?.summary.findings.filter((f) => f.code.startsWith('predecessor-missing'));
    expect([...new Set(missing?.map((f) => f.unitCode))]).toEqual(['na-co-sa']);
    expect(r?.problems).toEqual([]);
    // The call budget of "Tổng hợp" (bench/gas.ts): 4 per unit + 40, the old communes counting as units.
    expect(env.fake.calls.total).toBeLessThanOrEqual(4 * (NEW_UNITS.length + env.units.length) + 40);
    // All 16 spreadsheets in one parallel read, none opened.
    expect(env.fake.calls.count('SpreadsheetApp.openByUrl')).toBe(0);
  });

  test('without "Đơn vị cũ" (or without their URLs) nothing of them is read, as before', () => {
    layoutB();
    const r = runAggregate(env.fake, '9/2025');
    expect(luot(r)).toEqual([50, 150, null, null]);
    expect(messages(r)).toContain('Đơn vị cũ mã "nam-vi" (nay thuộc xã Mường Nhé) không có báo cáo năm 2025');
    formerSheet(oldRows());
    const named = runAggregate(env.fake, '9/2025');
    expect(luot(named)).toEqual([50, 150, null, null]);
    expect(messages(named)).toContain('Xã Nậm Vì (nay thuộc xã Mường Nhé) không có báo cáo năm 2025');
  });

  test('Tạo mẫu 2025: a new commune’s own tab says it is the new one, from July, beside its old namesake’s', () => {
    env = createEnv({ now: NOW });
    runSetup();
    setSetting(env.master, 'separateSpreadsheets', 'có');
    runTemplates(env.fake, 2025);
    const oldUrls = unitUrls(env.master);
    newUnits();
    formerSheet(oldRows(oldUrls));
    runTemplates(env.fake, 2025);
    const tab = (url: string) => SpreadsheetApp.openByUrl(url).getSheetByName('Mường Nhé 2025') as Sheet;
    const now = tab(unitUrls(env.master)['muong-nhe-2025']);
    const old = tab(oldUrls['muong-nhe']);
    expect(now.getRange(1, 1).getValue()).toBe('BÁO CÁO KẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2025 (XÃ MỚI – THÁNG 7–12)');
    expect(now.getRange(5, 3).getValue()).toBe(
      'Xã mới sau sáp nhập từ 01/07/2025: báo cáo từ tháng 7/2025. ' +
        'Tháng 1–6/2025 do các xã cũ (Mường Nhé, Nậm Vì, Chung Chải) báo cáo ở mẫu của mình.',
    );
    expect(now.getRange(5, 3).getFontWeight()).toBe('bold');
    // Unit name, code and year where the reader looks; the old commune's tab (made before the merger) as it was.
    expect(now.getRange(2, 3, 3, 1).getValues().flat()).toEqual(['Xã Mường Nhé', 'muong-nhe-2025', 2025]);
    expect(old.getRange(1, 1).getValue()).toBe('BÁO CÁO KẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2025');
    expect(old.getRange(5, 3).getValue()).toBe('');
    // Tổng hợp reads both, each for its months.
    for (const r of NEW_UNITS) {
      const ss = SpreadsheetApp.openByUrl(unitUrls(env.master)[r[0]]);
      fill(ss.getSheetByName(`${r[1]} 2025`) as Sheet, 2025, 7, 9, 10);
    }
    for (const u of env.units)
      fill(SpreadsheetApp.openByUrl(oldUrls[u.code]).getSheetByName(`${u.name} 2025`) as Sheet, 2025, 1, 6, 1);
    const r = runAggregate(env.fake, '9/2025');
    expect(luot(r).slice(0, 2)).toEqual([50, 216]);
    expect(r?.problems).toEqual([]);
  });

  test('a new commune going on in its old one’s spreadsheet: that spreadsheet is read once', () => {
    const oldUrls = layoutB({ 'muong-nhe-2025': 'muong-nhe' });
    formerSheet(oldRows(oldUrls));
    const r = runAggregate(env.fake, '9/2025');
    expect(luot(r)).toEqual([50, 216, 11, 99]);
    expect(r?.summary.findings.filter((f) => f.code === 'duplicate-unit')).toEqual([]);
  });

  test('an old commune’s spreadsheet that cannot be opened is named; the others are read', () => {
    const oldUrls = layoutB();
    formerSheet(oldRows(oldUrls));
    const id = spreadsheetIdOf(oldUrls['nam-vi']) as string;
    env.fake.faults.add({
      method: 'SpreadsheetApp.openByUrl',
      when: (args) => String(args[0]).includes(id),
      error: GAS_ERRORS.noPermission,
    });
    const r = runAggregate(env.fake, '9/2025');
    expect(r?.problems.join('\n')).toContain('Không mở được bảng tính của Xã Nậm Vì');
    expect(messages(r)).toContain('Xã Nậm Vì (nay thuộc xã Mường Nhé) không có báo cáo năm 2025');
    expect(luot(r)).toEqual([50, 210, 10, 90]);
  });

  test('an old commune’s spreadsheet that no longer exists: the message points at its URL in "Đơn vị cũ"', () => {
    const oldUrls = layoutB();
    const gone = 'https://docs.google.com/spreadsheets/d/1SpreadsheetDeletedLongAgo/edit';
    formerSheet(oldRows({ ...oldUrls, 'nam-vi': gone }));
    const row = env.units.findIndex((u) => u.code === 'nam-vi') + 2;
    const said = `Không mở được bảng tính của Xã Nậm Vì: bảng tính đã bị xóa hoặc đường dẫn sai — hãy kiểm tra ô D${row} (cột "Bảng tính (URL)") ở trang "Đơn vị cũ"`;
    // Tổng hợp: refused by the Sheets API (404), then not found by SpreadsheetApp.
    const r = runAggregate(env.fake, '9/2025');
    expect(r?.problems.join('\n')).toContain(said);
    expect(r?.problems.join('\n')).not.toContain('ở trang "Đơn vị"');
    // Kiểm tra opens the spreadsheets the SpreadsheetApp way: the same.
    env.master.setActiveSheet(env.master.getSheetByName(SHEETS.settings) as Sheet);
    const check = main.checkData();
    expect(check?.unreadable.join('\n')).toContain(said);
    // A new commune's URL is in "Đơn vị": that cell is named. The old Sín Thầu is read too: the new
    // one is named with its code.
    const units = env.master.getSheetByName(SHEETS.units) as Sheet;
    units.getRange(3, 5).setValue(gone);
    const again = runAggregate(env.fake, '9/2025');
    expect(again?.problems.join('\n')).toContain(
      'Không mở được bảng tính của Xã Sín Thầu (sin-thau-2025): bảng tính đã bị xóa hoặc đường dẫn sai — hãy kiểm tra ô E3 (cột "Bảng tính (URL)") ở trang "Đơn vị"',
    );
  });

  test('asked for up to the merger’s year ("so cùng kỳ" of 2026 has them), not after', () => {
    const oldUrls = layoutB();
    formerSheet(oldRows(oldUrls));
    const log: string[] = [];
    const handler = env.fake.http.sheetsApi;
    env.fake.http.sheetsApi =
      handler &&
      ((req) => {
        log.push(req.url);
        return handler(req);
      });
    const oldIds = Object.values(oldUrls).map((u) => spreadsheetIdOf(u) as string);
    const asked = () => oldIds.filter((id) => log.some((u) => u.includes(id))).length;
    env.fake.clock.set(new Date('2026-02-05T09:00:00+07:00'));
    runTemplates(env.fake, 2026);
    const jan2026 = runAggregate(env.fake, '1/2026');
    expect(asked()).toBe(oldIds.length);
    // January 2025: the 11 old communes.
    expect(luot(jan2026).slice(2)).toEqual([11, 11]);
    log.length = 0;
    env.fake.clock.set(new Date('2027-02-05T09:00:00+07:00'));
    runTemplates(env.fake, 2027);
    runAggregate(env.fake, '1/2027');
    expect(log.length).toBeGreaterThan(0);
    expect(asked()).toBe(0);
  });

  test('Kiểm tra reads them too and names them', () => {
    const oldUrls = layoutB();
    formerSheet(oldRows(oldUrls));
    const namVi = SpreadsheetApp.openByUrl(oldUrls['nam-vi']) as Spreadsheet;
    put(namVi.getSheetByName('Nậm Vì 2025') as Sheet, 'TCD_LUOT', 3, 'abc');
    env.master.setActiveSheet(env.master.getSheetByName(SHEETS.settings) as Sheet);
    main.checkData();
    expect(env.fake.toasts.at(-1)?.msg).not.toBe(CHECK.none);
    const rows = (env.master.getSheetByName(SHEETS.check) as Sheet).getDataRange().getValues();
    const row = rows.find((r) => String(r[4]).includes('"abc" không phải là số'));
    expect(row?.[1]).toBe('Xã Nậm Vì');
  });
});
