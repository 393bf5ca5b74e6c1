/**
 * readUnitBooks (src/gas/io/parallel-books.ts): the drop-in for findUnitBooks that reads
 * every unit over the Sheets API gives the engine the same summary, in a few service calls.
 */

import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { summarise } from '../../src/engine/pipeline';
import { a1, indicatorRows, monthCol, unitSheetName } from '../../src/engine/sheet/layout';
import type { Unit } from '../../src/engine/types';
import { unitsModel } from '../../src/gas/config/units';
import { findUnitBooks, SheetIndex, toWorkbooks } from '../../src/gas/io/find-units';
import { readUnitBooks, readUnitBooksDetailed } from '../../src/gas/io/parallel-books';
import { MAX_URL_LENGTH, spreadsheetIdOf } from '../../src/gas/io/sheets-api';
import { renderSheet } from '../../src/gas/render';
import { SHEETS } from '../../src/messages/vi/gas';
import { GAS_ERRORS } from '../fakes/gas';
import {
  configOf,
  createEnv,
  type Env,
  runAggregate,
  runSetup,
  runTemplates,
  seedUnitSheet,
  setUpLayoutB,
  unitSheet,
  YEAR,
} from './helpers';
import { sheetsApiHandler } from './sheets-api-emulator';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const rows = indicatorRows(defaultCatalogue());

let env: Env;
const deny = new Set<string>();

beforeEach(() => {
  env = createEnv();
  const urls = setUpLayoutB(env);
  env.units.forEach((u, i) => {
    seedUnitSheet(unitSheet(env, u, YEAR, urls[u.code]) as Sheet, i);
    seedUnitSheet(unitSheet(env, u, YEAR - 1, urls[u.code]) as Sheet, i + 3, 12);
  });
  deny.clear();
  env.fake.http.handler = sheetsApiHandler(env.fake, { deny });
});
afterEach(() => env.dispose());

const config = () => configOf(env.master);

const summaryOf = (books: ReturnType<typeof findUnitBooks>) => {
  const { catalogue, units, settings } = config();
  return summarise({
    catalogue,
    units,
    settings,
    period: { type: 'month', year: YEAR, index: 9 },
    workbooks: toWorkbooks(books),
    generatedAt: '2018-10-05T02:00:00.000Z',
  }).summary;
};

test('same summary as findUnitBooks, without opening any spreadsheet, in 4 service calls', () => {
  const { units, settings } = config();
  const years = [YEAR, YEAR - 1];
  const before = findUnitBooks(env.master, units, years, { read: true, timeZone: settings.timeZone });
  env.fake.resetCalls();
  const after = readUnitBooks(env.master, units, years, { read: true, timeZone: settings.timeZone });
  expect(env.fake.calls.count('SpreadsheetApp.openByUrl') + env.fake.calls.count('SpreadsheetApp.openById')).toBe(0);
  // getOAuthToken, the master's id, its tab list (fetch), every unit in one fetchAll.
  expect(env.fake.calls.byMethod).toEqual({
    'ScriptApp.getOAuthToken': 1,
    'Spreadsheet.getId': 1,
    'UrlFetchApp.fetch': 1,
    'UrlFetchApp.fetchAll': 1,
  });
  expect(after.map((b) => b.unit.code)).toEqual(units.map((u) => u.code));
  expect(after.map((b) => [...b.names.values()])).toEqual(before.map((b) => [...b.names.values()]));
  const a = summaryOf(before);
  const b = summaryOf(after);
  expect(b.indicators).toEqual(a.indicators);
  expect(b.completeness).toEqual(a.completeness);
  expect(b.findings).toEqual(a.findings);
  expect(a.completeness.reported).toBe(units.length);
});

test('below the threshold it is findUnitBooks itself', () => {
  const { units, settings } = config();
  env.fake.resetCalls();
  readUnitBooks(env.master, units, [YEAR], { read: true, timeZone: settings.timeZone, threshold: units.length + 1 });
  expect(env.fake.calls.count('UrlFetchApp.fetchAll')).toBe(0);
  expect(env.fake.calls.count('SpreadsheetApp.openByUrl')).toBe(units.length);
});

test("a unit the API refuses is tried the SpreadsheetApp way: read if it opens, else today's message", () => {
  const { units, settings } = config();
  const id = spreadsheetIdOf(units[3].spreadsheetUrl as string) as string;
  deny.add(id);
  env.fake.resetCalls();
  let books = readUnitBooks(env.master, units, [YEAR], { read: true, timeZone: settings.timeZone });
  // Only the API refused it (403): it opens with SpreadsheetApp, so it is read.
  expect(env.fake.calls.count('SpreadsheetApp.openByUrl')).toBe(1);
  expect(books.filter((b) => !b.error && b.grids.size === 1)).toHaveLength(units.length);
  // Refused both ways: the SpreadsheetApp message (Google's reason in Vietnamese, the unit named).
  env.fake.faults.add({
    method: 'SpreadsheetApp.openByUrl',
    when: (args) => String(args[0]).includes(id),
    error: GAS_ERRORS.noPermission,
  });
  books = readUnitBooks(env.master, units, [YEAR], { read: true, timeZone: settings.timeZone });
  const bad = books.find((b) => b.unit.code === units[3].code);
  expect(bad?.error).toContain(`Không mở được bảng tính của Xã ${units[3].name}`);
  expect(bad?.error).toContain('không có quyền');
  expect(books.filter((b) => !b.error && b.grids.size === 1)).toHaveLength(units.length - 1);
});

test('units the API could not read are read the SpreadsheetApp way, and "Nhật ký" says why', () => {
  const { units, settings } = config();
  const years = [YEAR, YEAR - 1];
  expect(readUnitBooksDetailed(env.master, units, years, { read: true, timeZone: settings.timeZone }).logNotes).toEqual(
    [],
  );
  deny.add(spreadsheetIdOf(units[3].spreadsheetUrl as string) as string);
  const r = readUnitBooksDetailed(env.master, units, years, { read: true, timeZone: settings.timeZone });
  expect(r.books.filter((b) => !b.error && b.grids.size === 2)).toHaveLength(units.length);
  expect(r.logNotes).toEqual([
    '1 đơn vị không đọc được qua Google Sheets API nên đã được đọc theo cách thường (chậm hơn). ' +
      `Lý do: Không đọc được bảng tính của Xã ${units[3].name}: tài khoản đang chạy "Tổng hợp" không có quyền xem (HTTP 403). ` +
      'Hãy chia sẻ bảng tính (quyền xem trở lên) cho tài khoản này.',
  ]);
  // For the admin, in "Nhật ký"; the user's alert is not alarmed (the unit was read, totals whole).
  runAggregate(env.fake, '9/2018');
  const log = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues();
  expect(String(log.at(-1)?.[4])).toContain((r.logNotes ?? [])[0]);
  expect(env.fake.ui.alerts.at(-1)?.prompt).not.toContain('Google Sheets API');
});

test('with a small quota, units beyond it are read the ordinary way meanwhile', () => {
  const { units, settings } = config();
  env.fake.resetCalls();
  const r = readUnitBooksDetailed(env.master, units, [YEAR, YEAR - 1], {
    read: true,
    timeZone: settings.timeZone,
    api: { readsPerMinute: 4, now: () => env.fake.clock.nowMs(), fillQuotaWaits: true },
  });
  expect(r.stats?.requests).toBeGreaterThanOrEqual(3); // + the tab list: 4 in the first window
  expect(r.stats?.viaFallback).toBeGreaterThan(0);
  expect(r.books.every((b) => !b.error && b.grids.size === 2)).toBe(true);
  expect(summaryOf(r.books).completeness.reported).toBe(units.length);
  // By default only when the wait would be long: 3 windows (2 minutes) are waited out.
  env.fake.resetCalls();
  const waited = readUnitBooksDetailed(env.master, units, [YEAR], {
    read: true,
    timeZone: settings.timeZone,
    api: { readsPerMinute: 5, now: () => env.fake.clock.nowMs() },
  });
  expect(waited.stats?.viaFallback).toBe(0);
  expect(waited.stats?.sleptMs).toBeGreaterThan(60_000);
  expect(env.fake.calls.count('SpreadsheetApp.openByUrl')).toBe(0);
  expect(waited.books.every((b) => !b.error && b.grids.size === 1)).toBe(true);
});

test('the Sheets API switched off: everything read the SpreadsheetApp way, and a note says so', () => {
  const { units, settings } = config();
  env.fake.http.handler = sheetsApiHandler(env.fake, { disabled: true });
  env.fake.resetCalls();
  const r = readUnitBooksDetailed(env.master, units, [YEAR, YEAR - 1], { read: true, timeZone: settings.timeZone });
  expect(env.fake.calls.count('UrlFetchApp.fetchAll')).toBe(0);
  expect(env.fake.calls.count('SpreadsheetApp.openByUrl')).toBe(units.length);
  expect(summaryOf(r.books).completeness.reported).toBe(units.length);
  expect(r.notes).toHaveLength(1);
  // The user reads why in Vietnamese; Google's English is kept for "Nhật ký" (apiUnavailable).
  expect(r.notes[0]).toContain(
    'Không dùng được Google Sheets API (HTTP 403: API chưa được bật cho dự án Apps Script của tiện ích, hoặc tài khoản không được phép dùng)',
  );
  expect(r.notes[0]).not.toContain('has not been used');
  expect(r.apiUnavailable).toContain('has not been used in project');
});

test('a network failure of the probe: the same fallback', () => {
  const { units, settings } = config();
  env.fake.faults.add({ method: 'UrlFetchApp.fetch', error: 'Address unavailable: https://sheets.googleapis.com' });
  const r = readUnitBooksDetailed(env.master, units, [YEAR], { read: true, timeZone: settings.timeZone });
  expect(r.books.filter((b) => !b.error)).toHaveLength(units.length);
  expect(r.notes[0]).toContain('Không dùng được Google Sheets API (lỗi kết nối mạng)');
  expect(r.apiUnavailable).toContain('lỗi kết nối: Address unavailable');
});

describe('layout (a): tabs of the master', () => {
  let a: Env;
  beforeEach(() => {
    env.dispose();
    a = createEnv();
    runSetup();
    runTemplates(a.fake, YEAR - 1);
    runTemplates(a.fake, YEAR);
    a.units.forEach((u, i) => {
      seedUnitSheet(unitSheet(a, u, YEAR) as Sheet, i);
      seedUnitSheet(unitSheet(a, u, YEAR - 1) as Sheet, i + 3, 12);
    });
    env = a;
  });

  test('one tab list, then every tab in chunks sent together: same books as findUnitBooks', () => {
    const { units, settings } = config();
    const years = [YEAR, YEAR - 1];
    const before = findUnitBooks(a.master, units, years, { read: true, timeZone: settings.timeZone });
    const log: { url: string; at: number; id: string; ranges: string[] }[] = [];
    a.fake.http.handler = sheetsApiHandler(a.fake, { log });
    a.fake.resetCalls();
    const index = new SheetIndex(a.master);
    const after = readUnitBooks(a.master, units, years, {
      read: true,
      timeZone: settings.timeZone,
      index,
      api: { maxRanges: 5 },
    });
    expect(a.fake.calls.byMethod).toEqual({
      'ScriptApp.getOAuthToken': 1,
      'Spreadsheet.getId': 1,
      'UrlFetchApp.fetch': 1,
      'UrlFetchApp.fetchAll': 1,
    });
    // 22 tabs in chunks of at most 5 ranges, after the one tab list.
    expect(log.map((l) => l.ranges.length)).toEqual([0, 5, 5, 5, 5, 2]);
    expect(after.map((b) => [...b.grids.entries()])).toEqual(before.map((b) => [...b.grids.entries()]));
    expect(summaryOf(after).indicators).toEqual(summaryOf(before).indicators);
    // The index knows the tabs from the list: no getName per tab; a tab's Sheet on demand.
    a.fake.resetCalls();
    expect(index.get(unitSheetName(units[0], YEAR))?.getName()).toBe(unitSheetName(units[0], YEAR));
    expect(a.fake.calls.count('Sheet.getName')).toBe(1);
    expect(a.fake.calls.count('Spreadsheet.getSheets')).toBe(1);
  });

  test('130 units named "Thị trấn …", two year tabs each: every URL under 2 kB, one fetchAll, same books', () => {
    const units: Unit[] = Array.from({ length: 130 }, (_, i) => ({
      code: `tt-${String(i + 1).padStart(3, '0')}`,
      name: `Thị trấn Mường Nhé ${String.fromCharCode(65 + (i % 26))}${i + 1}`,
      kind: 'thị trấn',
      emails: [],
    }));
    a.dispose();
    a = createEnv();
    env = a;
    // The communes in "Đơn vị" before "Thiết lập", which keeps an existing sheet.
    renderSheet(a.master.insertSheet(SHEETS.units), unitsModel(units));
    runSetup();
    runTemplates(a.fake, YEAR - 1);
    runTemplates(a.fake, YEAR);
    units.forEach((u, i) => {
      seedUnitSheet(unitSheet(a, u, YEAR) as Sheet, i);
      seedUnitSheet(unitSheet(a, u, YEAR - 1) as Sheet, i + 3, 12);
    });
    const { settings } = config();
    expect(config().units).toHaveLength(130);
    const years = [YEAR, YEAR - 1];
    const before = findUnitBooks(a.master, config().units, years, { read: true, timeZone: settings.timeZone });
    const log: { url: string; at: number; id: string; ranges: string[] }[] = [];
    a.fake.http.handler = sheetsApiHandler(a.fake, { log });
    a.fake.resetCalls();
    const r = readUnitBooksDetailed(a.master, config().units, years, { read: true, timeZone: settings.timeZone });
    // The tab list, then 260 tabs over several requests all sent in ONE fetchAll: nothing fell back.
    expect(r.stats).toMatchObject({ fetchAllCalls: 1, retries: 0, viaFallback: 0 });
    expect(a.fake.calls.count('UrlFetchApp.fetchAll')).toBe(1);
    expect(a.fake.calls.count('Range.getValues')).toBe(0);
    expect(r.logNotes).toEqual([]);
    expect(log.length).toBeGreaterThan(2);
    for (const l of log) expect(l.url.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
    expect(log.flatMap((l) => l.ranges)).toHaveLength(260);
    expect(r.books.map((b) => [...b.grids.entries()])).toEqual(before.map((b) => [...b.grids.entries()]));
    const s = summaryOf(r.books);
    expect(s.indicators).toEqual(summaryOf(before).indicators);
    expect(s.completeness.reported).toBe(130);
  }, 120_000);

  test('merged ranges come with the values; the title row merge is there too', () => {
    const { units, settings } = config();
    const sheet = unitSheet(a, units[0]) as Sheet;
    const r = rows.get('DVK_DANGKY') as number;
    sheet.getRange(r, monthCol(8), 1, 2).merge();
    const books = readUnitBooks(a.master, units, [YEAR], { read: true, timeZone: settings.timeZone });
    const merges = books[0].merges?.get(YEAR) ?? [];
    expect(merges).toContain(`${a1(r, monthCol(8))}:${a1(r, monthCol(9))}`);
    expect(merges.some((m) => m.startsWith('A1:'))).toBe(true);
    const s = summaryOf(books);
    const f = s.findings.find((x) => x.code === 'merged-cell');
    expect(f?.message).toContain(`Xã ${units[0].name}, ô ${a1(r, monthCol(9))}`);
  });

  test('a look-alike tab is warned about and the exact one read, as findUnitBooks does', () => {
    const { units, settings } = config();
    const name = unitSheetName(units[1], YEAR);
    a.master.insertSheet(name.replace(' ', '\u00a0'), 0);
    const years = [YEAR];
    const before = findUnitBooks(a.master, units, years, { read: true, timeZone: settings.timeZone });
    const after = readUnitBooks(a.master, units, years, { read: true, timeZone: settings.timeZone });
    expect(after[1].warnings).toEqual(before[1].warnings);
    expect(after[1].warnings?.[0]).toContain('U+00A0');
    expect(after[1].names.get(YEAR)).toBe(name);
  });
});
