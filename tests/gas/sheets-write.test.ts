/**
 * "Tổng hợp" writes its summary in ONE Sheets API batchUpdate (src/gas/sheets-write.ts),
 * applied by the fake's emulation (tests/fakes/gas/sheets-batch-update.ts): same sheets as
 * the SpreadsheetApp writer, all or nothing, a constant number of service calls, retries
 * that never write twice, and the SpreadsheetApp writer when the API cannot be used.
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { emptySheet, type SheetModel } from '../../src/engine/report/model';
import { indicatorRows, monthCol } from '../../src/engine/sheet/layout';
import { GENERAL } from '../../src/gas/render';
import { buildSummaryBatch, cellData, firstChangedRow } from '../../src/gas/sheets-write';
import { SHEETS } from '../../src/messages/vi/gas';
import type { FakeRequest, FakeResponseSpec, GasFake } from '../fakes/gas';
import { SERVES_SHEETS_API, sheetsApiHandler } from '../fakes/gas/sheets-api';
import { applyBatchUpdate } from '../fakes/gas/sheets-batch-update';
import {
  createEnv,
  type Env,
  expectedSeptember,
  runAggregate,
  runSetup,
  runTemplates,
  seedUnitSheet,
  unitSheet,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const SUMMARY = 'Tổng hợp 2018-09';
const rows = indicatorRows(defaultCatalogue());
const isBatch = (r: FakeRequest) => r.method === 'POST' && r.url.endsWith(':batchUpdate');

/** A test's own Sheets API handler (wrapping the emulator), routed as one. */
const serving = (fn: (req: FakeRequest) => FakeResponseSpec) =>
  Object.assign(fn, { [SERVES_SHEETS_API]: true as const });

function prepare(api: 'on' | 'disabled' = 'on'): Env {
  const env = createEnv();
  env.fake.http.handler = sheetsApiHandler(env.fake, { disabled: api === 'disabled' });
  runSetup();
  runTemplates(env.fake, YEAR);
  env.units.forEach((u, i) => {
    seedUnitSheet(unitSheet(env, u, YEAR) as Sheet, i);
  });
  return env;
}

/** Everything a summary sheet shows, for comparing the two writers. */
function look(env: Env, name: string) {
  const sheet = env.master.getSheetByName(name) as Sheet;
  const snap = env.fake.snapshot(env.master).sheets.find((s) => s.name === name);
  const range = sheet.getDataRange();
  const impl = env.fake.impl<{ _colWidths: Map<number, number>; _borders: unknown[] }>(sheet);
  // A cell never formatted reads as "Automatic" (GENERAL) either way; the raw store differs.
  const numberFormats = snap?.numberFormats.map((r) => r.map((f) => f ?? GENERAL));
  return {
    snap: { ...snap, numberFormats },
    index: sheet.getIndex(),
    frozen: [sheet.getFrozenRows(), sheet.getFrozenColumns()],
    backgrounds: range.getBackgrounds(),
    weights: range.getFontWeights(),
    aligns: range.getHorizontalAlignments(),
    wraps: range.getWraps(),
    widths: [...impl._colWidths.entries()].sort((a, b) => a[0] - b[0]),
    borders: impl._borders.length,
    charts: sheet.getCharts().length,
    rules: sheet.getConditionalFormatRules().length,
    protections: sheet
      .getProtections(SpreadsheetApp.ProtectionType.SHEET)
      .map((p) => [p.getDescription(), p.isWarningOnly()]),
  };
}

function model(name: string, cells: (string | number)[][]): SheetModel {
  return { ...emptySheet(name), rows: cells.map((r) => r.map((v) => ({ v, s: 'text' as const }))), widths: [10] };
}

describe('the request builder', () => {
  test('commune text is always stringValue, even when it starts with = + - @', () => {
    for (const evil of ['=HYPERLINK("http://x.invalid","a")', '+84 912', '-1+1', '@SUM(A1)', '\t=1', '\r=1']) {
      const cd = cellData({ v: evil, s: 'text' });
      expect(cd.userEnteredValue).toEqual({ stringValue: evil });
      expect(cd.userEnteredFormat?.numberFormat).toEqual({ type: 'TEXT', pattern: '@' });
    }
    expect(cellData({ v: null, f: '=SUM(E7:P7)', s: 'total' }).userEnteredValue).toEqual({
      formulaValue: '=SUM(E7:P7)',
    });
  });

  test('old sheets are deleted and the new ones renamed into their positions, in the same batch', () => {
    const b = buildSummaryBatch({
      models: [model('A', [['x']]), model('B', [['y']])],
      sheets: [
        { sheetId: 0, title: 'B', index: 0 },
        { sheetId: 7, title: 'Other', index: 1 },
        { sheetId: 9, title: 'a', index: 2 }, // titles are unique regardless of case
      ],
      newId: (() => {
        let n = 100;
        return () => n++;
      })(),
    });
    const kinds = b.requests.map((r) => Object.keys(r)[0]);
    expect(kinds.filter((k) => k === 'addSheet')).toHaveLength(2);
    expect(
      b.requests
        .filter((r) => 'deleteSheet' in r)
        .map((r) => (r.deleteSheet as { sheetId: number }).sheetId)
        .sort(),
    ).toEqual([0, 9]);
    const renames = b.requests
      .filter((r) => 'updateSheetProperties' in r)
      .map((r) => (r.updateSheetProperties as { properties: unknown }).properties);
    expect(renames).toEqual([
      { sheetId: 101, title: 'B', index: 0 },
      { sheetId: 100, title: 'A', index: 2 },
    ]);
    // Every add comes before every delete, every delete before every rename.
    const last = (k: string) => kinds.lastIndexOf(k);
    const first = (k: string) => kinds.indexOf(k);
    expect(last('addSheet')).toBeLessThan(first('deleteSheet'));
    expect(last('deleteSheet')).toBeLessThan(first('updateSheetProperties'));
  });

  test('"Dữ liệu" is rewritten from its first changed row only', () => {
    expect(firstChangedRow([['h'], ['a'], ['b']], [['h'], ['a'], ['c']])).toBe(2);
    expect(firstChangedRow([['h'], ['a']], [['h'], ['a'], ['c']])).toBe(2);
    expect(firstChangedRow([['h', 1]], [['h', '1']])).toBe(0);
  });
});

describe('the fake applies a batchUpdate as Google does', () => {
  let fake: GasFake;
  let env: Env;
  beforeEach(() => {
    env = createEnv();
    fake = env.fake;
  });
  afterEach(() => env.dispose());

  test('all or nothing: an invalid request in the middle leaves the spreadsheet untouched', () => {
    const ss = fake.createSpreadsheet('S', { sheets: [{ name: 'Old', values: [['keep']] }, { name: 'Other' }] });
    const before = fake.snapshot(ss);
    const old = ss.getSheetByName('Old') as Sheet;
    const res = applyBatchUpdate(fake, ss.getId(), {
      requests: [
        { addSheet: { properties: { sheetId: 55, title: '~ New' } } },
        {
          updateCells: {
            start: { sheetId: 55, rowIndex: 0, columnIndex: 0 },
            rows: [{ values: [{ userEnteredValue: { stringValue: 'new' } }] }],
            fields: 'userEnteredValue',
          },
        },
        { deleteSheet: { sheetId: old.getSheetId() } },
        { updateSheetProperties: { properties: { sheetId: 55, title: 'Other' }, fields: 'title' } },
      ],
    });
    expect(res.status).toBe(400);
    expect((res.body as { error: { message: string; status: string } }).error).toEqual({
      code: 400,
      message:
        'Invalid requests[3].updateSheetProperties: A sheet with the name "Other" already exists. Please enter another name.',
      status: 'INVALID_ARGUMENT',
    });
    expect(fake.snapshot(ss)).toEqual(before);
    expect(old.getRange('A1').getValue()).toBe('keep');
  });

  test('unknown sheetId and a range outside the grid are refused with Google-like messages', () => {
    const ss = fake.createSpreadsheet('S', { sheets: [{ name: 'A', maxRows: 10, maxColumns: 3 }] });
    const a = (ss.getSheetByName('A') as Sheet).getSheetId();
    const r1 = applyBatchUpdate(fake, ss.getId(), { requests: [{ deleteSheet: { sheetId: 4242 } }] });
    expect((r1.body as { error: { message: string } }).error.message).toBe(
      'Invalid requests[0].deleteSheet: No grid with id: 4242',
    );
    const r2 = applyBatchUpdate(fake, ss.getId(), {
      requests: [
        {
          updateCells: {
            range: { sheetId: a, startRowIndex: 9, endRowIndex: 11, startColumnIndex: 0, endColumnIndex: 1 },
            fields: 'userEnteredValue',
          },
        },
      ],
    });
    expect((r2.body as { error: { message: string } }).error.message).toBe(
      "Invalid requests[0].updateCells: Range ('A'!A10:A11) exceeds grid limits. Max rows: 10, max columns: 3",
    );
  });

  test('stringValue is stored as text, never parsed as a formula; formulaValue is a formula', () => {
    const ss = fake.createSpreadsheet('S', { sheets: [{ name: 'A' }] });
    const a = ss.getSheetByName('A') as Sheet;
    const res = applyBatchUpdate(fake, ss.getId(), {
      requests: [
        {
          updateCells: {
            start: { sheetId: a.getSheetId(), rowIndex: 0, columnIndex: 0 },
            rows: [
              {
                values: [{ userEnteredValue: { stringValue: '=1+1' } }, { userEnteredValue: { formulaValue: '=1+1' } }],
              },
            ],
            fields: 'userEnteredValue',
          },
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(a.getRange('A1:B1').getFormulas()).toEqual([['', '=1+1']]);
    expect(a.getRange('A1:B1').getValues()).toEqual([['=1+1', 2]]);
  });

  test('a fault injected into one request rolls the whole batch back (HTTP 500)', () => {
    const ss = fake.createSpreadsheet('S', { sheets: [{ name: 'A', values: [['x']] }] });
    const before = fake.snapshot(ss);
    fake.faults.add({ method: 'SheetsApi.deleteSheet', error: 'Internal error encountered.' });
    const a = (ss.getSheetByName('A') as Sheet).getSheetId();
    const res = applyBatchUpdate(fake, ss.getId(), {
      requests: [{ addSheet: { properties: { title: 'B' } } }, { deleteSheet: { sheetId: a } }],
    });
    expect(res.status).toBe(500);
    expect(fake.snapshot(ss)).toEqual(before);
  });
});

describe('"Tổng hợp" over the Sheets API', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('one batchUpdate writes the same sheets as the SpreadsheetApp writer', () => {
    env = prepare('disabled');
    runAggregate(env.fake, '');
    const names = env.master
      .getSheets()
      .map((s) => s.getName())
      .filter((n) => /2018/.test(n) && !n.startsWith('Xã'));
    const viaApp = Object.fromEntries(names.map((n) => [n, look(env, n)]));
    const dataViaApp = env.fake.snapshot(env.master).sheets.find((s) => s.name === SHEETS.data);
    expect(env.fake.http.requests.some(isBatch)).toBe(false);
    env.fake.http.handler = sheetsApiHandler(env.fake);
    env.fake.http.requests.length = 0;
    runAggregate(env.fake, '');
    expect(env.fake.http.requests.filter(isBatch)).toHaveLength(1);
    expect(
      env.master
        .getSheets()
        .map((s) => s.getName())
        .filter((n) => names.includes(n)),
    ).toEqual(names);
    for (const n of names) expect(look(env, n)).toEqual(viaApp[n]);
    const dataViaApi = env.fake.snapshot(env.master).sheets.find((s) => s.name === SHEETS.data);
    expect(dataViaApi?.values).toEqual(dataViaApp?.values);
    expect(env.master.getActiveSheet().getName()).toBe(SUMMARY);
  });

  test('a constant number of service calls for the write, whatever the units', () => {
    env = prepare();
    runAggregate(env.fake, '');
    env.fake.resetCalls();
    runAggregate(env.fake, '');
    const c = env.fake.calls;
    expect(env.fake.http.requests.filter(isBatch)).toHaveLength(2); // one per run
    for (const m of [
      'setValues',
      'setNumberFormats',
      'merge',
      'setName',
      'deleteSheet',
      'insertSheet',
      'setDataValidation',
    ])
      expect(c.count(m)).toBe(0);
    expect(c.count('Sheet.appendRow')).toBe(1); // the "Nhật ký" line
  });

  test('Google refusing the batch (every try) leaves the previous summary and "Dữ liệu" whole', () => {
    env = prepare();
    runAggregate(env.fake, '');
    const unit = (unitSheet(env, env.units[0], YEAR) as Sheet).getName();
    const mine = (s: { name: string }) => s.name !== SHEETS.log && s.name !== unit;
    const before = env.fake.snapshot(env.master).sheets.filter(mine);
    (unitSheet(env, env.units[0], YEAR) as Sheet).getRange(rows.get('DVK_DANGKY') as number, monthCol(9)).setValue(500);
    const fault = env.fake.faults.add({
      method: 'SheetsApi.deleteSheet',
      error: 'The service is currently unavailable.',
    });
    env.fake.http.requests.length = 0;
    runAggregate(env.fake, '');
    fault.remove();
    expect(env.fake.http.requests.filter(isBatch)).toHaveLength(3); // tried three times
    expect(env.fake.snapshot(env.master).sheets.filter(mine)).toEqual(before);
    expect(env.fake.ui.alerts.at(-1)?.prompt).toBe(
      'Tổng hợp không thành công, trang tổng hợp cũ được giữ nguyên. Lý do: Google Sheets đang quá tải (mã 500, đã thử 3 lần); không có gì bị ghi — hãy chạy lại sau ít phút',
    );
    const log = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues();
    expect(String(log.at(-1)?.[4])).toMatch(
      /^lỗi: Google Sheets đang quá tải.*\[Google: The service is currently unavailable\.\]$/,
    );
    runAggregate(env.fake, '');
    const s = env.master.getSheetByName(SUMMARY) as Sheet;
    const label = defaultCatalogue().indicators.find((i) => i.code === 'DVK_DANGKY')?.label;
    const row = (s.getDataRange().getValues() as unknown[][]).find((r) => r[1] === label);
    expect(row?.[3]).toBe(expectedSeptember('DVK_DANGKY', 11) - 9 + 500);
  });

  test('a passing 503 is retried and written once', () => {
    env = prepare();
    const api = sheetsApiHandler(env.fake);
    let failed = 0;
    env.fake.http.handler = serving((req) => {
      if (isBatch(req) && failed++ === 0)
        return {
          status: 503,
          body: { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } },
        };
      return api(req);
    });
    const r = runAggregate(env.fake, '');
    expect(r).toBeDefined();
    expect(env.fake.http.requests.filter(isBatch)).toHaveLength(2);
    const names = env.master.getSheets().map((s) => s.getName());
    expect(names.filter((n) => n === SUMMARY)).toHaveLength(1);
    expect(names.some((n) => n.startsWith('~'))).toBe(false);
  });

  test('a lost answer (applied, then a network error) is retried safely: refused, found applied, no duplicates', () => {
    env = prepare();
    runAggregate(env.fake, '');
    const api = sheetsApiHandler(env.fake);
    let lost = 0;
    env.fake.http.handler = serving((req) => {
      const res = api(req);
      if (isBatch(req) && lost++ === 0) throw new Error('Address unavailable: https://sheets.googleapis.com');
      return res;
    });
    const r = runAggregate(env.fake, '');
    expect(r).toBeDefined();
    expect(env.fake.ui.alerts.filter((a) => a.title === 'Có lỗi')).toHaveLength(0);
    const names = env.master.getSheets().map((s) => s.getName());
    expect(names.filter((n) => n === SUMMARY)).toHaveLength(1);
    const data = (env.master.getSheetByName(SHEETS.data) as Sheet).getDataRange().getValues().slice(1);
    const keys = data.map((x) => `${x[0]}|${x[1]}|${x[3]}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('a batch Google refuses as invalid (400) is written the ordinary way instead; "Nhật ký" keeps the reason', () => {
    env = prepare();
    const api = sheetsApiHandler(env.fake);
    env.fake.http.handler = serving((req) =>
      isBatch(req)
        ? {
            status: 400,
            body: {
              error: { code: 400, message: 'Invalid requests[7].mergeCells: bad merge', status: 'INVALID_ARGUMENT' },
            },
          }
        : api(req),
    );
    const r = runAggregate(env.fake, '');
    expect(r).toBeDefined();
    expect(env.fake.http.requests.filter(isBatch)).toHaveLength(1); // a 400 is not retried
    expect(env.master.getSheetByName(SUMMARY)).not.toBeNull();
    expect(env.fake.calls.count('Range.setValues')).toBeGreaterThan(0);
    const log = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues();
    expect(String(log.at(-1)?.[4])).toContain(
      'Không dùng được Google Sheets API (HTTP 400: Invalid requests[7].mergeCells: bad merge)',
    );
  });

  test('Sheets API disabled: the SpreadsheetApp writer is used and "Nhật ký" says so', () => {
    env = prepare('disabled');
    const r = runAggregate(env.fake, '');
    expect(r).toBeDefined();
    // The reader learned it first: the writer does not ask the API again.
    expect(env.fake.http.requests.filter(isBatch)).toHaveLength(0);
    expect(env.fake.http.requests.filter((q) => q.url.startsWith('https://sheets.googleapis.com/'))).toHaveLength(1);
    expect(env.master.getSheetByName(SUMMARY)).not.toBeNull();
    expect(env.fake.calls.count('Range.setValues')).toBeGreaterThan(0);
    const log = (env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues();
    expect(String(log.at(-1)?.[4])).toMatch(
      /^thành công: .*Không dùng được Google Sheets API \(HTTP 403: Google Sheets API has not been used/,
    );
  });
});
