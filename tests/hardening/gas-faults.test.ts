/**
 * Faults and no data loss in the add-on, in the Apps Script fake with fault injection:
 *
 *  F1  "Tổng hợp" never writes to a source sheet (every cell compared before/after), layouts a and b.
 *  F2  The summary and "Dữ liệu" are written in ONE Sheets API batchUpdate, applied by Google
 *      atomically: a failure injected at ANY request of the batch (each in turn) leaves the
 *      previous summary and "Dữ liệu" whole (Vietnamese alert, log row); a passing failure is
 *      retried and written once. With the Sheets API unusable the SpreadsheetApp writer is
 *      used, and there a failure at ANY write call (each in turn) leaves either the previous
 *      summary and "Dữ liệu" whole or, for a clean-up step after the swap, the new ones whole;
 *      never a temporary "~ " sheet, never "Dữ liệu" emptied.
 *  F3  openByUrl/openById → "You do not have permission to access the requested document."
 *  F4  openByUrl/openById → "Service Spreadsheets timed out while accessing document with id …"
 *      F3/F4: the unit named in Vietnamese, a log row, the other units aggregated, the result
 *      marked partial (unit listed as unreadable, completeness short); Google's reason
 *      explained in Vietnamese (its English kept in "Nhật ký"); a time-out retried.
 *      (Google's texts → Vietnamese: src/gas/errors.ts.)
 *  F5  Mail quota exhausted ("Service invoked too many times for one day: email."):
 *      Vietnamese message, log row, retry scheduled, nothing sent twice.
 *  F6  Lock held by another run: the second "Tổng hợp" is told (Vietnamese), writes nothing
 *      but its line in "Nhật ký".
 *  F7  Re-running "Tổng hợp": "Dữ liệu" never holds a row twice.
 *  F8  Text typed by communes starting with = + - @ is written as text: getFormulas() is
 *      empty for every summary cell holding it.
 *  F9  A look-alike tab ("Sín Thầu\u00a02018") never replaces the real one: the exact name
 *      is read and the other named in a warning; with no exact name, neither is read.
 */
import path from 'node:path';
import { defaultCatalogue, defaultUnits } from '../../src/engine/catalogue/defaults';
import { indicatorRows, LAYOUT, monthCol, unitSheetName } from '../../src/engine/sheet/layout';
import type { Unit } from '../../src/engine/types';
import * as main from '../../src/gas/main';
import { TEMP_PREFIX } from '../../src/gas/sheets-write';
import { SHEETS } from '../../src/messages/vi/gas';
import { type FakeRequest, GAS_ERRORS, type SheetSeed, type SpreadsheetSnapshot } from '../fakes/gas';
import { sheetsApiHandler } from '../fakes/gas/sheets-api';
import { BAD, corpus, readSheets } from './corpus';
import {
  aggregate,
  createGasEnv,
  dataRows,
  type GasEnv,
  logRows,
  seedOf,
  setSetting,
  summaryTexts,
  templates,
} from './gas-env';
import { FORMULA_PAYLOADS } from './payloads';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const catalogue = defaultCatalogue();
const units = defaultUnits();
const ROWS = indicatorRows(catalogue);
const qua = (i: number, m: number) => 10 * (i + 1) + m;
const vnMidnight = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d) - 7 * 3600_000);

/** Type September-2018 figures into a unit's template (one setValues), as a commune would. */
function seedUnit(sheet: Sheet, i: number): void {
  const first = LAYOUT.submittedRow;
  const last = Math.max(...ROWS.values());
  const block = sheet.getRange(first, monthCol(1), last - first + 1, 12);
  const values = block.getValues();
  for (let m = 1; m <= 9; m++) {
    values[0][m - 1] = vnMidnight(2018, m, 16);
    values[(ROWS.get('DTN_QUA') as number) - first][m - 1] = qua(i, m);
    values[(ROWS.get('TCD_LUOT') as number) - first][m - 1] = i + 1;
  }
  block.setValues(values);
}

/** Layout (b): "Thiết lập", "Mỗi xã một bảng tính riêng: có", "Tạo mẫu" 2018, figures typed. */
function layoutB(): { env: GasEnv; urls: Record<string, string> } {
  const env = createGasEnv();
  setSetting(env.master, 'separateSpreadsheets', 'có');
  templates(env.fake, 2018);
  const values = (env.master.getSheetByName(SHEETS.units) as Sheet).getDataRange().getValues();
  const col = values[0].findIndex((h) => /URL/i.test(String(h)));
  const urls: Record<string, string> = {};
  for (const r of values.slice(1)) if (r[col]) urls[String(r[0])] = String(r[col]);
  units.forEach((u, i) => {
    const sheet = SpreadsheetApp.openByUrl(urls[u.code]).getSheetByName(unitSheetName(u, 2018)) as Sheet;
    seedUnit(sheet, i);
  });
  env.fake.ui.alerts.length = 0;
  return { env, urls };
}

/**
 * Layout (a): "Thiết lập", "Tạo mẫu" 2018 (tabs of the master), figures typed. With
 * api 'disabled' the Sheets API answers 403 "has not been used … or it is disabled", so
 * "Tổng hợp" reads and writes with SpreadsheetApp (the fallback path).
 */
function layoutA(api: 'on' | 'disabled' = 'on'): GasEnv {
  const env = createGasEnv();
  if (api === 'disabled') env.fake.http.handler = sheetsApiHandler(env.fake, { disabled: true });
  templates(env.fake, 2018);
  units.forEach((u, i) => {
    seedUnit(env.master.getSheetByName(unitSheetName(u, 2018)) as Sheet, i);
  });
  env.fake.ui.alerts.length = 0;
  return env;
}

const total = (codes: number[]) => codes.reduce((s, i) => s + qua(i, 9), 0);
const all = units.map((_, i) => i);

function unitIdOf(url: string): string {
  return /\/d\/([^/]+)/.exec(url)?.[1] ?? url;
}

/** Fail opening one unit's spreadsheet, by URL or id. */
function failOpen(env: GasEnv, url: string, error: string, times?: number) {
  const id = unitIdOf(url);
  const when = (args: unknown[]) => String(args[0]).includes(id);
  env.fake.faults.add({ method: 'SpreadsheetApp.openByUrl', when, error, times });
  env.fake.faults.add({ method: 'SpreadsheetApp.openById', when, error, times });
}

const summaryNames = (ss: Spreadsheet) =>
  ss
    .getSheets()
    .map((s) => s.getName())
    .filter((n) => n.includes('2018-09') || n === 'Huyện Mường Nhé 2018');

function summarySnapshot(env: GasEnv) {
  const names = new Set(summaryNames(env.master));
  return env.fake
    .snapshot(env.master)
    .sheets.filter((s) => names.has(s.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * "Tổng hợp" of 2018-09 with the Sheets API failing on the updateCells `when` picks: it fails
 * and leaves "Dữ liệu" (as `before`) and the summary as they were; run again without the
 * fault, it succeeds.
 */
function apiWriteFailsCleanly(env: GasEnv, when: (args: unknown[]) => boolean, before: unknown): void {
  const oldSummary = summarySnapshot(env);
  const fault = env.fake.faults.add({ method: 'SheetsApi.updateCells', when, error: 'Internal error encountered.' });
  expect(aggregate(env.fake, '2018-09')).toBeUndefined();
  expect(fault.fired).toBeGreaterThan(0);
  fault.remove();
  expect(env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues()).toEqual(before);
  expect(summarySnapshot(env)).toEqual(oldSummary);
  expect(aggregate(env.fake, '2018-09')).toBeDefined();
}

function sourceSnapshots(env: GasEnv, urls: Record<string, string> = {}): SpreadsheetSnapshot[] | unknown {
  if (Object.keys(urls).length) return Object.values(urls).map((u) => env.fake.snapshot(unitIdOf(u)));
  const names = new Set(units.map((u) => unitSheetName(u, 2018)));
  return env.fake.snapshot(env.master).sheets.filter((s) => names.has(s.name));
}

// ---------------------------------------------------------------- F1

describe('F1: "Tổng hợp" never writes to a source sheet', () => {
  it('layout (a): every cell of every unit tab is the same before and after, also after re-runs', () => {
    const env = layoutA();
    try {
      const before = sourceSnapshots(env);
      aggregate(env.fake);
      aggregate(env.fake);
      aggregate(env.fake, '2018-Q3');
      expect(sourceSnapshots(env)).toEqual(before);
      expect(dataRows(env.master).get('*')?.get('DTN_QUA')).toBe(total(all));
    } finally {
      env.dispose();
    }
  });

  it('layout (b): every cell of every unit spreadsheet is the same before and after', () => {
    const { env, urls } = layoutB();
    try {
      const before = sourceSnapshots(env, urls);
      aggregate(env.fake);
      expect(sourceSnapshots(env, urls)).toEqual(before);
      expect(dataRows(env.master).get('*')?.get('DTN_QUA')).toBe(total(all));
    } finally {
      env.dispose();
    }
  });
});

// ---------------------------------------------------------------- F2

const isBatch = (r: FakeRequest) => r.method === 'POST' && r.url.endsWith(':batchUpdate');
/** The kinds of the requests of a batchUpdate, in order ("addSheet", "updateCells" …). */
function batchKinds(req: FakeRequest): string[] {
  const body = JSON.parse(String(req.payload)) as { requests: Record<string, unknown>[] };
  return body.requests.map((r) => Object.keys(r)[0]);
}

const WRITE =
  /^(Range|Sheet|Spreadsheet|Protection|EmbeddedChartBuilder)\.(set|insert|delete|clear|merge|break|protect|move|add|remove|update|hide|copy|append|autoResize)/;

describe('F2: a failure at any request of the one batchUpdate leaves the previous summary intact', () => {
  // One clean re-run tells which requests its batch holds; then each fails in turn.
  const env0 = layoutA();
  aggregate(env0.fake);
  const row = ROWS.get('DTN_QUA') as number;
  (env0.master.getSheetByName(unitSheetName(units[0], 2018)) as Sheet).getRange(row, monthCol(9)).setValue(500);
  env0.fake.http.requests.length = 0;
  aggregate(env0.fake);
  const batches = env0.fake.http.requests.filter(isBatch);
  const kinds = batches.length === 1 ? batchKinds(batches[0]) : [];
  env0.dispose();
  const newTotal = total(all) - qua(0, 9) + 500;

  it('a re-run is one batch that empties and refills the summary sheets in place and rewrites "Dữ liệu"', () => {
    expect(batches).toHaveLength(1);
    for (const k of [
      'deleteProtectedRange',
      'unmergeCells',
      'updateCells',
      'updateSheetProperties',
      'mergeCells',
      'addProtectedRange',
    ])
      expect(kinds).toContain(k);
    // The sheets keep their sheetIds: none deleted, none added.
    expect(kinds).not.toContain('deleteSheet');
    expect(kinds).not.toContain('addSheet');
  });

  function failAt(i: number, times?: number): void {
    const env = layoutA();
    try {
      aggregate(env.fake);
      const oldSummary = summarySnapshot(env);
      const oldData = env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues();
      (env.master.getSheetByName(unitSheetName(units[0], 2018)) as Sheet).getRange(row, monthCol(9)).setValue(500);
      const logBefore = logRows(env.master).length;
      env.fake.ui.alerts.length = 0;
      // Request i fails (and, without `times`, every request of every retry after it).
      const fault = env.fake.faults.add({
        method: 'SheetsApi.*',
        error: 'Internal error encountered.',
        skip: i,
        times,
      });
      const r = aggregate(env.fake);
      fault.remove();
      expect(env.master.getSheets().filter((x) => x.getName().startsWith(TEMP_PREFIX))).toEqual([]);
      if (times === undefined) {
        expect(r).toBeUndefined();
        expect(summarySnapshot(env)).toEqual(oldSummary);
        expect(env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues()).toEqual(oldData);
        const told = env.fake.ui.alerts.map((a) => a.prompt).join('\n');
        expect(told).toContain('Tổng hợp không thành công, trang tổng hợp cũ được giữ nguyên');
        expect(told).not.toContain('Internal error');
        const rows = logRows(env.master);
        expect(rows.length).toBe(logBefore + 1);
        expect(String(rows[rows.length - 1][4])).toMatch(/^lỗi: .*\[Google: Internal error encountered\.\]$/);
        expect(aggregate(env.fake)).toBeDefined();
      } else {
        expect(r).toBeDefined(); // retried: written once
      }
      expect(dataRows(env.master).get('*')?.get('DTN_QUA')).toBe(newTotal);
      expect(summaryNames(env.master).filter((n) => n === 'Tổng hợp 2018-09')).toHaveLength(1);
      const keys = (env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues() ?? [])
        .slice(1)
        .map((x) => `${x[0]}|${x[1]}|${x[3]}`);
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      env.dispose();
    }
  }

  // Every kind of request, each position of the first and last of its kind, and a spread.
  const picks = new Set<number>();
  kinds.forEach((k, i) => {
    if (kinds.indexOf(k) === i || kinds.lastIndexOf(k) === i || i % Math.ceil(kinds.length / 20) === 0) picks.add(i);
  });
  it.each([...picks].map((i) => [i, kinds[i]] as const))('failing request #%i (%s), every try', (i) => failAt(i));
  it.each([0, kinds.length - 1].map((i) => [i, kinds[i]] as const))(
    'failing request #%i (%s) once: retried, written once',
    (i) => failAt(i, 1),
  );

  it('"Dữ liệu" keeps the other periods\' rows when its rewrite fails (and the summary stays old)', () => {
    const env = layoutA();
    try {
      aggregate(env.fake, '2018-08');
      aggregate(env.fake, '2018-09');
      const august = dataRows(env.master, '2018-08').get('*')?.get('DTN_QUA');
      const dataId = (env.master.getSheetByName(SHEETS.data) as Sheet).getSheetId();
      const before = env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues();
      const onData = (args: unknown[]) => (args[0] as { start?: { sheetId?: number } }).start?.sheetId === dataId;
      (env.master.getSheetByName(unitSheetName(units[0], 2018)) as Sheet).getRange(row, monthCol(9)).setValue(500);
      apiWriteFailsCleanly(env, onData, before);
      expect(dataRows(env.master, '2018-08').get('*')?.get('DTN_QUA')).toBe(august);
      expect(dataRows(env.master, '2018-09').get('*')?.get('DTN_QUA')).toBe(newTotal);
    } finally {
      env.dispose();
    }
  });
});

describe('F2 (Sheets API unusable, SpreadsheetApp writer): a failure at any write leaves the previous summary intact', () => {
  // One clean run tells which service calls a re-run makes; then each write fails in turn.
  const env0 = layoutA('disabled');
  aggregate(env0.fake);
  const row = ROWS.get('DTN_QUA') as number;
  const chung = env0.master.getSheetByName(unitSheetName(units[0], 2018)) as Sheet;
  chung.getRange(row, monthCol(9)).setValue(500);
  env0.fake.calls.reset();
  env0.fake.calls.recordLog = true;
  aggregate(env0.fake);
  const log = [...env0.fake.calls.log];
  env0.dispose();
  const writes = log.map((key, i) => ({ key, at: i + 1 })).filter((c) => WRITE.test(c.key));
  // The temporary sheets are written first (each ends with its protection's description); then
  // "Dữ liệu" is rewritten, the old sheets are overwritten from the temporary ones (keeping their
  // sheetIds), the temporary ones deleted and the main sheet activated. Every write after the
  // temporary sheets is tried, not sampled: up to the "Dữ liệu" rewrite a failure must leave the
  // old summary and "Dữ liệu" whole, after it it must not be reported as a failure (an overwrite
  // failing part-way swaps that sheet for its temporary one): the new summary and "Dữ liệu" whole.
  const swapAt = log.lastIndexOf('Protection.setDescription') + 2;
  const activatedAt = log.lastIndexOf('Spreadsheet.setActiveSheet') + 1;
  const writing = writes.filter((w) => w.at < swapAt || w.at > activatedAt);
  const swapping = writes.filter((w) => w.at >= swapAt && w.at <= activatedAt);

  it('has writes to try in both phases', () => {
    expect(writing.length).toBeGreaterThan(10);
    expect(swapping.length).toBeGreaterThan(3);
  });

  function failAt(at: number): void {
    const env = layoutA('disabled');
    try {
      aggregate(env.fake);
      const oldSummary = summarySnapshot(env);
      const oldDataRows = env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues();
      (env.master.getSheetByName(unitSheetName(units[0], 2018)) as Sheet).getRange(row, monthCol(9)).setValue(500);
      const logBefore = logRows(env.master).length;
      env.fake.ui.alerts.length = 0;
      env.fake.calls.reset();
      const fault = env.fake.faults.add({
        method: '*',
        error: 'Service Spreadsheets failed while accessing document with id x.',
        skip: at - 1,
        times: 1,
      });
      const r = aggregate(env.fake);
      fault.remove();
      const names = env.master.getSheets().map((s) => s.getName());
      expect(names.filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
      const dataNow = env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues();
      const newTotal = total(all) - qua(0, 9) + 500;
      if (r === undefined) {
        // Failed: the old summary, as it was; "Dữ liệu" as it was; told in Vietnamese; logged.
        expect(summarySnapshot(env)).toEqual(oldSummary);
        expect(dataNow).toEqual(oldDataRows);
        const told = env.fake.ui.alerts.map((a) => a.prompt).join('\n');
        expect(told).toContain('Tổng hợp không thành công, trang tổng hợp cũ được giữ nguyên');
        const rows = logRows(env.master);
        expect(rows.length).toBe(logBefore + 1);
        expect(String(rows[rows.length - 1][4])).toMatch(/^lỗi: /);
      } else {
        // The failing call was not needed for the result (a best-effort step): the new summary, whole.
        expect(dataRows(env.master).get('*')?.get('DTN_QUA')).toBe(newTotal);
      }
      // Either way a clean re-run gives the new summary, with no duplicate rows.
      expect(aggregate(env.fake)).toBeDefined();
      expect(dataRows(env.master).get('*')?.get('DTN_QUA')).toBe(newTotal);
      const keys = (env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues() ?? [])
        .slice(1)
        .map((x) => `${x[0]}|${x[1]}|${x[3]}`);
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      env.dispose();
    }
  }

  // The writing phase repeats the same calls for each sheet: a spread of 40 is enough there.
  const stride = Math.max(1, Math.ceil(writing.length / 40));
  const sampled = writing.filter((_, i) => i % stride === 0 || i === writing.length - 1);

  it.each(sampled.map((w) => [w.at, w.key] as const))('failing call #%i (%s) while writing', (at) => failAt(at));

  it.each(swapping.map((w) => [w.at, w.key] as const))(
    'failing call #%i (%s) while rewriting "Dữ liệu" or overwriting the old sheets',
    (at) => failAt(at),
  );

  it('the overwrite tries every step: the "Dữ liệu" rewrite, emptying, pasting, deletes, activation', () => {
    const keys = new Set(swapping.map((w) => w.key));
    for (const k of [
      'Range.setValues',
      'Range.breakApart',
      'Range.clear',
      'Sheet.setConditionalFormatRules',
      'Range.copyTo',
      'Spreadsheet.deleteSheet',
      'Spreadsheet.setActiveSheet',
    ])
      expect(keys).toContain(k);
  });

  it('"Dữ liệu" keeps the other periods\' rows when its rewrite fails', () => {
    const env = layoutA('disabled');
    try {
      aggregate(env.fake, '2018-08');
      aggregate(env.fake, '2018-09');
      const august = dataRows(env.master, '2018-08').get('*')?.get('DTN_QUA');
      expect(august).toBe(total(all) - all.length); // month 8: 10(i+1)+8
      const isData = (args: unknown[]) => Array.isArray(args[0]) && (args[0] as unknown[][])[0]?.[0] === 'Kỳ';
      env.fake.faults.add({
        method: 'Range.setValues',
        when: isData,
        error: 'Service Spreadsheets failed while accessing document with id x.',
        times: 1,
      });
      const before = env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues();
      expect(aggregate(env.fake, '2018-09')).toBeUndefined();
      expect(dataRows(env.master, '2018-08').get('*')?.get('DTN_QUA')).toBe(august);
      expect(env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues()).toEqual(before);
      // And the next run writes both periods again.
      expect(aggregate(env.fake, '2018-09')).toBeDefined();
      expect(dataRows(env.master, '2018-08').get('*')?.get('DTN_QUA')).toBe(august);
      expect(dataRows(env.master, '2018-09').get('*')?.get('DTN_QUA')).toBe(total(all));
    } finally {
      env.dispose();
    }
  });
});

// ---------------------------------------------------------------- F3, F4

describe.each([
  ['F3: no permission', GAS_ERRORS.noPermission, /quyền/i],
  ['F4: Sheets timed out', GAS_ERRORS.timedOut('1AbCdEf'), /thời gian|quá lâu|không phản hồi/i],
])('%s opening one unit (layout b)', (_title, error, vietnamese: RegExp) => {
  it('names the unit in Vietnamese, logs it, aggregates the others, marks the result partial', () => {
    const { env, urls } = layoutB();
    try {
      failOpen(env, urls[units[0].code], error);
      const r = aggregate(env.fake);
      expect(r).toBeDefined();
      const problems = r?.problems ?? [];
      expect(problems.length).toBe(1);
      expect(problems[0]).toContain('Xã Chung Chải');
      expect(problems[0]).toMatch(/^Không mở được bảng tính của Xã Chung Chải/);
      const alerts = env.fake.ui.alerts.map((a) => a.prompt).join('\n');
      expect(alerts).toContain('Xã Chung Chải');
      const last = logRows(env.master).at(-1) ?? [];
      expect(String(last[4])).toContain('Xã Chung Chải');
      // Others aggregated; the total is theirs only, and the summary says who is missing.
      expect(dataRows(env.master).get('*')?.get('DTN_QUA')).toBe(total(all.slice(1)));
      expect(r?.summary.unreadableUnits).toContain(units[0].code);
      expect(r?.summary.completeness.reported).toBe(units.length - 1);
      expect(summaryTexts(env.master)).toContain('Chung Chải');
    } finally {
      env.dispose();
    }
  });

  it(`the reason itself is in Vietnamese (${String(vietnamese)}); Google's text stays in "Nhật ký"`, () => {
    const { env, urls } = layoutB();
    try {
      failOpen(env, urls[units[0].code], error);
      const r = aggregate(env.fake);
      expect(r?.problems[0]).toMatch(vietnamese);
      expect(r?.problems[0]).not.toContain(error);
      expect(env.fake.ui.alerts.map((a) => a.prompt).join('\n')).not.toContain(error);
      expect(String(logRows(env.master).at(-1)?.[4])).toContain(error);
    } finally {
      env.dispose();
    }
  });
});

describe('F4: a transient time-out', () => {
  it('is retried once, so the unit is still aggregated', () => {
    const { env, urls } = layoutB();
    try {
      failOpen(env, urls[units[0].code], GAS_ERRORS.timedOut('1AbCdEf'), 1);
      env.fake.calls.reset();
      const r = aggregate(env.fake);
      expect(r?.problems).toEqual([]);
      expect(dataRows(env.master).get('*')?.get('DTN_QUA')).toBe(total(all));
      expect(env.fake.calls.count('Utilities.sleep')).toBe(1);
    } finally {
      env.dispose();
    }
  });

  it('a lasting time-out is tried a bounded number of times, then reported with the count', () => {
    const { env, urls } = layoutB();
    try {
      failOpen(env, urls[units[0].code], GAS_ERRORS.timedOut('1AbCdEf'));
      env.fake.calls.reset();
      const r = aggregate(env.fake);
      // The other units come over the Sheets API (no openByUrl); the failing one is opened 3 times.
      expect(env.fake.calls.count('SpreadsheetApp.openByUrl')).toBe(3);
      expect(r?.problems[0]).toMatch(/quá lâu.*đã thử 3 lần/);
    } finally {
      env.dispose();
    }
  });
});

// ---------------------------------------------------------------- F5

function mailEnv(): GasEnv {
  const env = layoutA();
  // The summary .xlsx attached to the e-mail is exported through UrlFetchApp.
  env.fake.http.handler = () => ({
    status: 200,
    body: new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  });
  setSetting(env.master, 'recipients', 'tinhuy@dienbien.gov.vn, bandanvan@dienbien.gov.vn');
  return env;
}

const sentTo = (env: GasEnv) => env.fake.mail.sent.flatMap((m) => [...m.toList, ...m.ccList, ...m.bccList]).sort();
const told = (env: GasEnv, extra: string[] = []) => [...extra, ...env.fake.ui.alerts.map((a) => a.prompt)].join('\n');
const logged = (env: GasEnv) =>
  [...logRows(env.master).map((r) => String(r[4])), ...env.fake.logs.map((l) => String(l.message))].join('\n');
function fireResume(env: GasEnv): void {
  for (const t of env.fake.triggers.filter((x) => x.handlerFunction === 'resumeReportJob'))
    env.fake.fireTrigger(t, main as unknown as Record<string, unknown>);
}

describe('F5: mail quota exhausted', () => {
  it('daily quota used up: told, logged, retried later, each recipient reached exactly once', () => {
    const env = mailEnv();
    try {
      env.fake.mail.setRemainingQuota(0);
      const first = main.sendReportNow();
      expect(sentTo(env)).toEqual([]);
      expect(told(env, [first.message])).toMatch(/hạn mức|giới hạn|hết lượt/i);
      expect(logged(env)).toMatch(/hạn mức|giới hạn|hết lượt/i);
      expect(env.fake.triggers.some((t) => t.handlerFunction === 'resumeReportJob')).toBe(true);
      env.fake.mail.setRemainingQuota(100);
      env.fake.clock.advance(24 * 3600_000);
      fireResume(env);
      expect(sentTo(env)).toEqual(['bandanvan@dienbien.gov.vn', 'tinhuy@dienbien.gov.vn']);
      // A duplicate firing sends nothing more.
      fireResume(env);
      main.monthlyReportJob();
      expect(sentTo(env)).toEqual(['bandanvan@dienbien.gov.vn', 'tinhuy@dienbien.gov.vn']);
    } finally {
      env.dispose();
    }
  });

  it('Google refuses a send ("Service invoked too many times for one day: email."): told, logged, retried, nothing twice', () => {
    const env = mailEnv();
    try {
      const quota = env.fake.faults.add({ method: 'MailApp.sendEmail', error: GAS_ERRORS.mailQuota });
      const first = main.sendReportNow();
      expect(sentTo(env)).toEqual([]);
      expect(told(env, [first.message])).toMatch(/Lỗi khi gửi|không gửi được|chưa gửi/i);
      expect(told(env, [first.message])).toMatch(/thử gửi lại/i);
      expect(logged(env)).toContain('Service invoked too many times');
      expect(env.fake.triggers.some((t) => t.handlerFunction === 'resumeReportJob')).toBe(true);
      quota.remove();
      env.fake.clock.advance(3600_000);
      fireResume(env);
      expect(sentTo(env)).toEqual(['bandanvan@dienbien.gov.vn', 'tinhuy@dienbien.gov.vn']);
      fireResume(env);
      main.monthlyReportJob();
      expect(sentTo(env)).toEqual(['bandanvan@dienbien.gov.vn', 'tinhuy@dienbien.gov.vn']);
    } finally {
      env.dispose();
    }
  });

  it("the refusal is explained in Vietnamese, not only in Google's English", () => {
    const env = mailEnv();
    try {
      env.fake.faults.add({ method: 'MailApp.sendEmail', error: GAS_ERRORS.mailQuota });
      const first = main.sendReportNow();
      expect(told(env, [first.message])).toMatch(/hạn mức|giới hạn/i);
      expect(told(env, [first.message])).not.toContain('Service invoked too many times');
    } finally {
      env.dispose();
    }
  });
});

// ---------------------------------------------------------------- F6, F7

describe('F6: two "Tổng hợp" at once', () => {
  it('the second is told in Vietnamese and writes nothing (but its "Nhật ký" line) while the first holds the lock', () => {
    const env = layoutA();
    try {
      const release = env.fake.locks.holdDocumentLock();
      const notLog = (s: { name: string }) => s.name !== SHEETS.log;
      const before = env.fake.snapshot(env.master).sheets.filter(notLog);
      const r = aggregate(env.fake);
      expect(r).toBeUndefined();
      expect(env.fake.ui.alerts.map((a) => a.prompt).join('\n')).toContain('Một người khác đang chạy');
      expect(env.fake.snapshot(env.master).sheets.filter(notLog)).toEqual(before);
      release();
      expect(aggregate(env.fake)).toBeDefined();
    } finally {
      env.dispose();
    }
  });

  it('the second waits when the first finishes within 30 seconds', () => {
    const env = layoutA();
    try {
      env.fake.locks.holdDocumentLock({ releaseAfterMs: 10_000 });
      expect(aggregate(env.fake)).toBeDefined();
      expect(dataRows(env.master).get('*')?.get('DTN_QUA')).toBe(total(all));
    } finally {
      env.dispose();
    }
  });

  it('a refused run leaves a line in "Nhật ký"', () => {
    const env = layoutA();
    try {
      env.fake.locks.holdDocumentLock();
      const before = logRows(env.master).length;
      aggregate(env.fake);
      const rows = logRows(env.master);
      expect(rows.length).toBe(before + 1);
      const last = rows[rows.length - 1];
      expect(last.slice(2, 4)).toEqual(['Tổng hợp', '2018-09']);
      expect(String(last[4])).toMatch(/^không chạy: Một người khác đang chạy/);
    } finally {
      env.dispose();
    }
  });
});

describe('F2: "Dữ liệu" shrinking (fewer rows than before; SpreadsheetApp writer unless said)', () => {
  /** Two periods aggregated, then one unit's tab hidden from the reader: September has fewer rows. */
  function shrunk(api: 'on' | 'disabled' = 'disabled'): { env: GasEnv; before: unknown[][] } {
    const env = layoutA(api);
    aggregate(env.fake, '2018-08');
    aggregate(env.fake, '2018-09');
    (env.master.getSheetByName('Sín Thầu 2018') as Sheet).setName('Sín Thầu (bản nháp)');
    const before = env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues() ?? [];
    return { env, before };
  }

  /** "Dữ liệu" is shorter than `before`, with nothing stale or blank below; Sín Thầu only in August. */
  function expectShrunk(env: GasEnv, before: unknown[][]): void {
    const after = env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues() ?? [];
    expect(after.length).toBeLessThan(before.length);
    expect(after.slice(1).every((r) => r[0] !== '')).toBe(true);
    expect(dataRows(env.master, '2018-09').has('sin-thau')).toBe(false);
    const sin = units.findIndex((u) => u.code === 'sin-thau');
    expect(dataRows(env.master, '2018-08').get('sin-thau')?.get('DTN_QUA')).toBe(qua(sin, 8));
  }

  it('the block is written over the old rows and only the leftover rows are cleared', () => {
    const { env, before } = shrunk();
    try {
      env.fake.calls.reset();
      expect(aggregate(env.fake, '2018-09')).toBeDefined();
      expect(env.fake.calls.count('Sheet.clearContents')).toBe(0);
      expect(env.fake.calls.count('Range.clearContent')).toBe(1); // the leftover rows, nothing else
      expectShrunk(env, before);
    } finally {
      env.dispose();
    }
  });

  it('a failure clearing the leftover rows puts the old rows back (no duplicates, nothing lost)', () => {
    const { env, before } = shrunk();
    try {
      const oldSummary = summarySnapshot(env);
      env.fake.faults.add({
        method: 'Range.clearContent',
        error: 'Service Spreadsheets failed while accessing document with id x.',
        times: 1,
      });
      expect(aggregate(env.fake, '2018-09')).toBeUndefined();
      expect(env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues()).toEqual(before);
      expect(summarySnapshot(env)).toEqual(oldSummary);
      expect(env.master.getSheets().some((x) => x.getName().startsWith(TEMP_PREFIX))).toBe(false);
      const told = env.fake.ui.alerts.map((a) => a.prompt).join('\n');
      expect(told).toContain('Dịch vụ của Google (Google Sheets, Gmail) tạm thời gặp lỗi');
      expect(told).not.toContain('Service Spreadsheets failed');
    } finally {
      env.dispose();
    }
  });
  it('over the Sheets API: the old rows below are cleared in the same batch, or all kept when it fails', () => {
    const { env, before } = shrunk('on');
    try {
      const dataId = (env.master.getSheetByName(SHEETS.data) as Sheet).getSheetId();
      // The request clearing the leftover rows of "Dữ liệu" (a range with no rows) fails.
      const clearing = (args: unknown[]) => {
        const u = args[0] as { range?: { sheetId?: number }; rows?: unknown };
        return u.range?.sheetId === dataId && !u.rows;
      };
      apiWriteFailsCleanly(env, clearing, before);
      expectShrunk(env, before);
    } finally {
      env.dispose();
    }
  });
});

describe('F2 (SpreadsheetApp writer): a temporary sheet that cannot be deleted after the overwrite', () => {
  it('does not fail the run: the new summary stands, the user is told, the next run clears it', () => {
    const env = layoutA('disabled');
    try {
      aggregate(env.fake);
      (env.master.getSheetByName(unitSheetName(units[0], 2018)) as Sheet)
        .getRange(ROWS.get('DTN_QUA') as number, monthCol(9))
        .setValue(500);
      env.fake.ui.alerts.length = 0;
      // In a clean re-run the first deleteSheet is the first temporary sheet's, after its overwrite.
      env.fake.faults.add({
        method: 'Spreadsheet.deleteSheet',
        error: 'Service Spreadsheets failed while accessing document with id x.',
        times: 2,
      });
      const r = aggregate(env.fake);
      expect(r).toBeDefined();
      // (The reader's note that it fell back to SpreadsheetApp may come first.)
      const left = r?.notes.filter((n) => n.startsWith('Chưa xóa được trang'));
      expect(left).toHaveLength(1);
      expect(left?.[0]).toMatch(/^Chưa xóa được trang tạm "~ Tổng hợp 2018-09"/);
      expect(env.fake.ui.alerts.map((a) => a.prompt).join('\n')).toContain(left?.[0]);
      expect(String(logRows(env.master).at(-1)?.[4])).toMatch(/^thành công: .*Chưa xóa được trang/);
      const newTotal = total(all) - qua(0, 9) + 500;
      expect(dataRows(env.master).get('*')?.get('DTN_QUA')).toBe(newTotal);
      expect(aggregate(env.fake)).toBeDefined();
      expect(env.master.getSheets().some((x) => x.getName().startsWith(TEMP_PREFIX))).toBe(false);
      expect(dataRows(env.master).get('*')?.get('DTN_QUA')).toBe(newTotal);
    } finally {
      env.dispose();
    }
  });
});

describe('F2: a temporary sheet or an old one left behind by a run that died', () => {
  it('is cleared, or given its name back when the summary is missing', () => {
    const env = layoutA();
    try {
      aggregate(env.fake);
      const main = env.master.getSheetByName('Tổng hợp 2018-09') as Sheet;
      const total = dataRows(env.master).get('*')?.get('DTN_QUA');
      // Killed between "old renamed aside" and "new renamed": only the backup holds the summary.
      main.setName(`${TEMP_PREFIX}(cũ) Tổng hợp 2018-09`);
      env.master.insertSheet(`${TEMP_PREFIX}Tổng hợp 2018-09`);
      expect(aggregate(env.fake)).toBeDefined();
      const names = env.master.getSheets().map((x) => x.getName());
      expect(names.filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
      expect(names.filter((n) => n === 'Tổng hợp 2018-09')).toHaveLength(1);
      expect(dataRows(env.master).get('*')?.get('DTN_QUA')).toBe(total);
    } finally {
      env.dispose();
    }
  });
});

describe('F7: re-running', () => {
  it('"Dữ liệu" never holds a row twice, whatever the periods and the number of runs', () => {
    const env = layoutA();
    try {
      for (const p of ['2018-09', '2018-09', '2018-08', '2018-Q3', '2018-09', '2018-08'])
        expect(aggregate(env.fake, p)).toBeDefined();
      const rows = (env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues() ?? []).slice(1);
      const keys = rows.map((x) => `${x[0]}|${x[1]}|${x[3]}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(rows.map((x) => String(x[0])))).toEqual(new Set(['2018-08', '2018-09', '2018-Q3']));
      expect(dataRows(env.master, '2018-09').get('*')?.get('DTN_QUA')).toBe(total(all));
    } finally {
      env.dispose();
    }
  });
});

// ---------------------------------------------------------------- F9

describe('F9: a look-alike tab (layout a)', () => {
  /** Another editor of the master adds "Sín Thầu 2018" with a non-breaking space, first in the list. */
  function forged(): GasEnv {
    const env = layoutA();
    const real = env.master.getSheetByName('Sín Thầu 2018') as Sheet;
    const values = real.getDataRange().getValues();
    values[(ROWS.get('DTN_QUA') as number) - 1][monthCol(9) - 1] = 9999;
    const fake = env.master.insertSheet('Sín Thầu\u00a02018', 0);
    fake.getRange(1, 1, values.length, values[0].length).setValues(values);
    return env;
  }

  it('never silently adds the forged figures to the real ones', () => {
    const env = forged();
    try {
      aggregate(env.fake);
      const sin = units.findIndex((u) => u.code === 'sin-thau');
      const got = dataRows(env.master).get('sin-thau')?.get('DTN_QUA');
      // Either the real tab or the forged one was read — never both added up.
      expect([qua(sin, 9), 9999]).toContain(got);
    } finally {
      env.dispose();
    }
  });

  it('reads the tab named exactly "Sín Thầu 2018", or reports the ambiguity', () => {
    const env = forged();
    try {
      aggregate(env.fake);
      const sin = units.findIndex((u) => u.code === 'sin-thau');
      const got = dataRows(env.master).get('sin-thau')?.get('DTN_QUA');
      const said = summaryTexts(env.master);
      expect(got === qua(sin, 9) || /hai trang|trùng tên/.test(said)).toBe(true);
    } finally {
      env.dispose();
    }
  });

  it('reads the real tab and names the look-alike in a Vietnamese warning (summary and alert)', () => {
    const env = forged();
    try {
      const r = aggregate(env.fake);
      const sin = units.findIndex((u) => u.code === 'sin-thau');
      expect(dataRows(env.master).get('sin-thau')?.get('DTN_QUA')).toBe(qua(sin, 9));
      expect(r?.warnings).toHaveLength(1);
      expect(r?.warnings[0]).toContain('trùng tên');
      expect(r?.warnings[0]).toContain('dấu cách không ngắt U+00A0');
      expect(summaryTexts(env.master)).toContain(r?.warnings[0]);
      expect(env.fake.ui.alerts.map((a) => a.prompt).join('\n')).toContain('dấu cách không ngắt');
    } finally {
      env.dispose();
    }
  });

  it('refuses to guess when no tab has the exact name: the unit is reported, not read', () => {
    const env = forged();
    try {
      (env.master.getSheetByName('Sín Thầu 2018') as Sheet).setName('Sín Thầu  2018');
      const r = aggregate(env.fake);
      expect(dataRows(env.master).get('sin-thau')?.get('DTN_QUA')).toBeUndefined();
      expect(r?.problems.join('\n')).toMatch(/trùng tên.*không đọc trang nào/);
      expect(r?.summary.unreadableUnits).toContain('sin-thau');
    } finally {
      env.dispose();
    }
  });
});

// ---------------------------------------------------------------- F8

describe('F8: commune text that looks like a formula is written as text', () => {
  it('getFormulas() is empty for every summary cell holding it', async () => {
    const tabs: SheetSeed[] = [];
    for (const f of corpus.good) for (const s of (await readSheets(path.join(BAD, f))) ?? []) tabs.push(seedOf(s));
    const [chung] = (await readSheets(path.join(BAD, 'cases/control.xlsx'))) ?? [];
    const seed = seedOf(chung);
    // Notes for months 1–9, each a payload (the summary shows September's).
    const noteRow = (ROWS.get('GHI_CHU') as number) - 1;
    seed.values = seed.values?.map((r) => [...r]);
    const values = seed.values as unknown[][];
    values[noteRow][monthCol(9) - 1] = FORMULA_PAYLOADS.join('\n');
    const env = createGasEnv([...tabs, seed]);
    try {
      // District-typed unit names that start like formulas (each tab renamed to match).
      const renamed: Record<string, string> = {
        'huoi-lech': '=Huổi Lếch',
        'muong-nhe': '+84 Mường Nhé',
        'sin-thau': '-Sín Thầu',
        'chung-chai': '@Chung Chải',
      };
      const unitsSheet = env.master.getSheetByName(SHEETS.units) as Sheet;
      const u = unitsSheet.getDataRange().getValues();
      for (const [code, name] of Object.entries(renamed)) {
        const r = u.findIndex((x) => x[0] === code);
        const old = String(u[r][1]);
        unitsSheet
          .getRange(r + 1, 2)
          .setNumberFormat('@')
          .setValue(name);
        (env.master.getSheetByName(`${old} 2018`) as Sheet).setName(unitSheetName({ name } as Unit, 2018));
      }
      const names = Object.values(renamed);
      expect(aggregate(env.fake)).toBeDefined();
      let holders = 0;
      for (const name of summaryNames(env.master)) {
        const sheet = env.master.getSheetByName(name) as Sheet;
        const range = sheet.getDataRange();
        const vals = range.getValues();
        const formulas = range.getFormulas();
        vals.forEach((row, i) => {
          row.forEach((v, j) => {
            if (typeof v !== 'string') return;
            if (!FORMULA_PAYLOADS.some((p) => v.includes(p.trim())) && !names.some((n) => v.includes(n))) return;
            holders++;
            expect({ at: `${name}!R${i + 1}C${j + 1}`, f: formulas[i][j] }).toEqual({
              at: `${name}!R${i + 1}C${j + 1}`,
              f: '',
            });
          });
        });
        // And no formula anywhere but the engine's own totals.
        for (const f of formulas.flat().filter(Boolean)) expect(f).toMatch(/^=(IF\(COUNT|IFERROR\(LOOKUP)/);
      }
      expect(holders).toBeGreaterThan(3);
      // Some cells begin with the name: exactly the cells a spreadsheet would have run.
      const starting = summaryNames(env.master).flatMap((n) =>
        (env.master.getSheetByName(n) as Sheet)
          .getDataRange()
          .getValues()
          .flat()
          .filter((v) => typeof v === 'string' && names.some((x) => v.startsWith(x))),
      );
      expect(starting.length).toBeGreaterThanOrEqual(names.length);
      // And the figures of the renamed units are all there.
      expect(dataRows(env.master).get('*')?.get('DTN_QUA')).toBe(
        [corpus.subject, ...corpus.goodUnits].reduce((t, c) => t + (corpus.base[c].DTN_QUA as number), 0),
      );
    } finally {
      env.dispose();
    }
  });
});
