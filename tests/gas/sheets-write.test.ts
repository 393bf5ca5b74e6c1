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
import {
  buildSummaryBatch,
  cellData,
  clearSheetRequests,
  DEFAULT_COLUMN_PX,
  firstChangedRow,
  readMasterState,
  type SheetMeta,
} from '../../src/gas/sheets-write';
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
    // A column set to Google's default width (100 px) is as one never sized.
    widths: [...impl._colWidths.entries()].filter(([, w]) => w !== DEFAULT_COLUMN_PX).sort((a, b) => a[0] - b[0]),
    borders: impl._borders.length,
    charts: sheet.getCharts().length,
    rules: sheet.getConditionalFormatRules().length,
    protections: sheet
      .getProtections(SpreadsheetApp.ProtectionType.SHEET)
      .map((p) => [p.getDescription(), p.isWarningOnly()]),
  };
}

/** The add-on's own protection of a summary sheet, as readMasterState gives it. */
const warning = (protectedRangeId: number) => ({ protectedRangeId, wholeSheet: true, warningOnly: true });

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

  test('a sheet that exists is emptied and refilled in place (same sheetId); one that does not is added', () => {
    const b = buildSummaryBatch({
      models: [model('A', [['x']]), model('B', [['y']]), model('C', [['z']])],
      sheets: [
        {
          sheetId: 0,
          title: 'B',
          index: 0,
          protectedRanges: [warning(31)],
          chartIds: [41, 42],
          conditionalFormats: 2,
        },
        { sheetId: 7, title: 'Other', index: 1 },
        { sheetId: 9, title: 'a', index: 2 }, // titles are unique regardless of case
      ],
      newId: () => 100,
    });
    expect(b.sheetIds).toEqual([9, 0, 100]);
    const kinds = b.requests.map((r) => Object.keys(r)[0]);
    expect(kinds.filter((k) => k === 'deleteSheet')).toHaveLength(0);
    expect(
      b.requests.filter((r) => 'addSheet' in r).map((r) => (r.addSheet as { properties: unknown }).properties),
    ).toEqual([{ sheetId: 100, title: 'C', gridProperties: { rowCount: 11, columnCount: 3 } }]);
    // B's protection, charts and color rules go (the rules from the last), its cells are cleared.
    const of = (k: string) => b.requests.filter((r) => k in r).map((r) => r[k]);
    expect(of('deleteProtectedRange')).toEqual([{ protectedRangeId: 31 }]);
    expect(of('deleteEmbeddedObject')).toEqual([{ objectId: 41 }, { objectId: 42 }]);
    expect(of('deleteConditionalFormatRule')).toEqual([
      { sheetId: 0, index: 1 },
      { sheetId: 0, index: 0 },
    ]);
    expect(of('updateCells').filter((u) => (u as { fields: string }).fields === '*')).toEqual([
      { range: { sheetId: 9 }, fields: '*' },
      { range: { sheetId: 0 }, fields: '*' },
    ]);
    // "a" takes the model's name; "B" keeps its own (no title in the mask).
    const props = of('updateSheetProperties') as { properties: { sheetId: number; title?: string }; fields: string }[];
    expect(props.map((p) => [p.properties.sheetId, p.properties.title, p.fields.endsWith(',title')])).toEqual([
      [9, 'A', true],
      [0, undefined, false],
    ]);
    // Every sheet gets its warning-only protection back.
    expect(of('addProtectedRange')).toHaveLength(3);
    // Applied: the new sheet there, each rewritten sheet with a protection it did not have.
    const after = [
      { sheetId: 0, title: 'B', index: 0, protectedRanges: [warning(50)] },
      { sheetId: 9, title: 'A', index: 2, protectedRanges: [warning(51)] },
      { sheetId: 100, title: 'C', index: 3, protectedRanges: [warning(52)] },
    ];
    expect(b.applied(after)).toBe(true);
    expect(b.applied(after.map((s) => (s.sheetId === 0 ? { ...s, protectedRanges: [warning(31)] } : s)))).toBe(false);
    expect(b.applied(after.filter((s) => s.sheetId !== 100))).toBe(false);
  });

  test("the user's protections stay: an editor-restricting one of the sheet (no warning on top), a range's", () => {
    const admin = { protectedRangeId: 31, wholeSheet: true, warningOnly: false };
    const range = { protectedRangeId: 32, wholeSheet: false, warningOnly: false };
    const b = buildSummaryBatch({
      models: [model('A', [['x']]), model('B', [['y']])],
      sheets: [
        { sheetId: 1, title: 'A', index: 0, protectedRanges: [admin, range] },
        { sheetId: 2, title: 'B', index: 1, protectedRanges: [warning(33), { ...range, protectedRangeId: 34 }] },
      ],
    });
    const of = (k: string) => b.requests.filter((r) => k in r).map((r) => r[k]);
    expect(of('deleteProtectedRange')).toEqual([{ protectedRangeId: 33 }]);
    expect(of('addProtectedRange')).toEqual([
      { protectedRange: { range: { sheetId: 2 }, description: 'B', warningOnly: true } },
    ]);
    // Applied: B's new warning is the sign (A, kept as its user protected it, shows none).
    const now = [
      { sheetId: 1, title: 'A', index: 0, protectedRanges: [admin, range] },
      { sheetId: 2, title: 'B', index: 1, protectedRanges: [warning(35), { ...range, protectedRangeId: 34 }] },
    ];
    expect(b.applied(now)).toBe(true);
    expect(b.applied(now.map((s) => (s.sheetId === 2 ? { ...s, protectedRanges: [warning(33)] } : s)))).toBe(false);
    // No sign at all (only A, unchanged to the eye): not taken as applied.
    const onlyA = buildSummaryBatch({ models: [model('A', [['x']])], sheets: [now[0]] });
    expect(onlyA.requests.some((r) => 'deleteProtectedRange' in r || 'addProtectedRange' in r)).toBe(false);
    expect(onlyA.applied([now[0]])).toBe(false);
  });

  test('leftovers of a run that died: temporary sheets go, a backup whose name is free is taken back', () => {
    const b = buildSummaryBatch({
      models: [model('A', [['x']]), model('B', [['y']])],
      sheets: [
        { sheetId: 1, title: '~ A', index: 0 },
        { sheetId: 2, title: '~ (cũ) A', index: 1 },
        { sheetId: 3, title: '~ (cũ) B', index: 2 },
        { sheetId: 4, title: 'B', index: 3 },
      ],
      newId: () => 100,
    });
    expect(b.sheetIds).toEqual([2, 4]);
    expect(b.requests.filter((r) => 'deleteSheet' in r)).toEqual([
      { deleteSheet: { sheetId: 1 } },
      { deleteSheet: { sheetId: 3 } },
    ]);
    expect(b.requests.some((r) => 'addSheet' in r)).toBe(false);
    const renamed = b.requests
      .filter((r) => 'updateSheetProperties' in r)
      .map((r) => (r.updateSheetProperties as { properties: { sheetId: number; title?: string } }).properties)
      .filter((p) => p.title);
    expect(renamed).toEqual([expect.objectContaining({ sheetId: 2, title: 'A' })]);
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

  test('emptying a sheet in place: protections, charts, color rules, merges and every cell field go; undone on failure', () => {
    const ss = fake.createSpreadsheet('S', { sheets: [{ name: 'A', maxRows: 20, maxColumns: 5 }, { name: 'B' }] });
    const a = ss.getSheetByName('A') as Sheet;
    a.getRange('A1:B1').merge();
    a.getRange('A1').setValue('x').setNote('ghi chú').setBackground('#ff0000');
    a.getRange('C3').setDataValidation(SpreadsheetApp.newDataValidation().requireNumberGreaterThan(0).build());
    a.getRange('C2:C4').setBorder(true, true, true, true, false, false);
    a.setConditionalFormatRules([
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied('=C2<0')
        .setBackground('#FFF2CC')
        .setRanges([a.getRange('C2:C4')])
        .build(),
    ]);
    a.insertChart(a.newChart().asColumnChart().addRange(a.getRange('A1:B4')).setPosition(6, 1, 0, 0).build());
    a.protect().setWarningOnly(true).setDescription('A');
    const state = readMasterState(ss.getId(), 'Dữ liệu', 'token');
    const meta = state.sheets.find((x) => x.title === 'A') as SheetMeta;
    expect(meta.protectedRanges).toEqual([
      { protectedRangeId: expect.any(Number), wholeSheet: true, warningOnly: true },
    ]);
    expect(meta.chartIds).toHaveLength(1);
    expect(meta.conditionalFormats).toBe(1);
    const clear = clearSheetRequests(model('A', [['y']]), meta);
    const before = fake.snapshot(ss);
    const look = () => ({
      merges: a.getRange(1, 1, a.getMaxRows(), a.getMaxColumns()).getMergedRanges().length,
      note: a.getRange('A1').getNote(),
      background: a.getRange('A1').getBackground(),
      dv: a.getRange('C3').getDataValidation() !== null,
      rules: a.getConditionalFormatRules().length,
      charts: a.getCharts().length,
      protections: a.getProtections(SpreadsheetApp.ProtectionType.SHEET).length,
      borders: fake.impl<{ _borders: unknown[] }>(a)._borders.length,
      size: [a.getMaxRows(), a.getMaxColumns()],
    });
    const kept = look();
    expect(kept).toEqual({
      merges: 1,
      note: 'ghi chú',
      background: '#ff0000',
      dv: true,
      rules: 1,
      charts: 1,
      protections: 1,
      borders: 1,
      size: [20, 5],
    });
    // A failing request after them: nothing applied.
    const failed = applyBatchUpdate(fake, ss.getId(), { requests: [...clear, { deleteSheet: { sheetId: 4242 } }] });
    expect(failed.status).toBe(400);
    expect(fake.snapshot(ss)).toEqual(before);
    expect(look()).toEqual(kept);
    const ok = applyBatchUpdate(fake, ss.getId(), { requests: clear });
    expect(ok.status).toBe(200);
    expect(a.getSheetId()).toBe(meta.sheetId);
    expect(look()).toEqual({
      merges: 0,
      note: '',
      background: '#ffffff',
      dv: false,
      rules: 0,
      charts: 0,
      protections: 0,
      borders: 0,
      size: [11, 3],
    });
    expect(a.getRange('A1').getValue()).toBe('');
    // The same again (as a retry of an applied batch would be): refused, the ids are gone.
    const again = applyBatchUpdate(fake, ss.getId(), { requests: clear });
    expect((again.body as { error: { message: string } }).error.message).toBe(
      `Invalid requests[0].deleteProtectedRange: No protected range with id: ${meta.protectedRanges?.[0].protectedRangeId}`,
    );
  });

  test('unmergeCells across part of a merge, a color rule or object that is not there, a grid under its frozen rows are refused', () => {
    const ss = fake.createSpreadsheet('S', { sheets: [{ name: 'A', maxRows: 10, maxColumns: 5 }] });
    const a = ss.getSheetByName('A') as Sheet;
    a.getRange('A1:C1').merge();
    const id = a.getSheetId();
    const r1 = applyBatchUpdate(fake, ss.getId(), {
      requests: [
        {
          unmergeCells: {
            range: { sheetId: id, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 1, endColumnIndex: 3 },
          },
        },
      ],
    });
    expect(r1.status).toBe(400);
    expect(a.getRange('A1:C1').isPartOfMerge()).toBe(true);
    const r2 = applyBatchUpdate(fake, ss.getId(), {
      requests: [{ deleteConditionalFormatRule: { sheetId: id, index: 0 } }],
    });
    expect((r2.body as { error: { message: string } }).error.message).toBe(
      `Invalid requests[0].deleteConditionalFormatRule: No conditional format on sheet: ${id} at index: 0`,
    );
    const r3 = applyBatchUpdate(fake, ss.getId(), { requests: [{ deleteEmbeddedObject: { objectId: 77 } }] });
    expect(r3.status).toBe(400);
    // Nor can a grid be cut down to its frozen rows, nor all its rows deleted.
    a.setFrozenRows(3);
    const r4 = applyBatchUpdate(fake, ss.getId(), {
      requests: [
        {
          updateSheetProperties: {
            properties: { sheetId: id, gridProperties: { rowCount: 3 } },
            fields: 'gridProperties.rowCount',
          },
        },
      ],
    });
    expect((r4.body as { error: { message: string } }).error.message).toBe(
      "Invalid requests[0].updateSheetProperties: You can't freeze all visible rows on the sheet.",
    );
    const r5 = applyBatchUpdate(fake, ss.getId(), {
      requests: [{ deleteDimension: { range: { sheetId: id, dimension: 'ROWS', startIndex: 0, endIndex: 10 } } }],
    });
    expect(r5.status).toBe(400);
    expect(a.getMaxRows()).toBe(10);
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

  test('run again for the same period, every summary sheet keeps its sheetId and shows the new figures', () => {
    env = prepare();
    runAggregate(env.fake, '');
    const names = env.master
      .getSheets()
      .map((s) => s.getName())
      .filter((n) => /2018/.test(n) && !n.startsWith('Xã'));
    expect(names).toContain(SUMMARY);
    const ids = names.map((n) => (env.master.getSheetByName(n) as Sheet).getSheetId());
    const at = (s: Sheet) => s.getIndex();
    const positions = names.map((n) => at(env.master.getSheetByName(n) as Sheet));
    // The user's own sheet built on the summary.
    const summary = env.master.getSheetByName(SUMMARY) as Sheet;
    const label = defaultCatalogue().indicators.find((i) => i.code === 'DVK_DANGKY')?.label;
    const r = (summary.getDataRange().getValues() as unknown[][]).findIndex((x) => x[1] === label) + 1;
    const mine = env.master.insertSheet('Của tôi');
    mine.getRange('A1').setFormula(`='${SUMMARY}'!D${r}`);
    const before = mine.getRange('A1').getValue();
    (unitSheet(env, env.units[0], YEAR) as Sheet).getRange(rows.get('DVK_DANGKY') as number, monthCol(9)).setValue(500);
    env.fake.http.requests.length = 0;
    runAggregate(env.fake, '');
    expect(env.fake.http.requests.filter(isBatch)).toHaveLength(1);
    expect(names.map((n) => (env.master.getSheetByName(n) as Sheet).getSheetId())).toEqual(ids);
    expect(names.map((n) => at(env.master.getSheetByName(n) as Sheet))).toEqual(positions);
    const after = env.master.getSheetByName(SUMMARY) as Sheet;
    expect((after.getDataRange().getValues() as unknown[][])[r - 1][3]).toBe(
      expectedSeptember('DVK_DANGKY', 11) - 9 + 500,
    );
    expect(mine.getRange('A1').getValue()).toBe((before as number) - 9 + 500);
    expect(env.master.getSheets().filter((s) => s.getName().startsWith('~'))).toHaveLength(0);
    // One warning-only protection, no leftover rules or charts from the first run.
    for (const n of names) {
      const s = env.master.getSheetByName(n) as Sheet;
      expect(s.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    }
  });

  test.each([
    ['Sheets API', 'on'],
    ['SpreadsheetApp', 'disabled'],
  ] as const)("run again (%s), an admin's own protections of the summary sheet stay", (_, api) => {
    env = prepare(api);
    runAggregate(env.fake, '');
    const summary = env.master.getSheetByName(SUMMARY) as Sheet;
    // The admin turns the add-on's warning into "only these people may edit", and locks a range.
    const p = summary.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    p.setWarningOnly(false);
    p.setDescription('Chỉ văn phòng sửa');
    p.addEditor('vanphong@example.gov.vn');
    summary.getRange('A1:B2').protect().setDescription('Tiêu đề');
    (unitSheet(env, env.units[0], YEAR) as Sheet).getRange(rows.get('DVK_DANGKY') as number, monthCol(9)).setValue(500);
    env.fake.http.requests.length = 0;
    runAggregate(env.fake, '');
    expect(env.fake.http.requests.filter(isBatch)).toHaveLength(api === 'on' ? 1 : 0);
    const after = env.master.getSheetByName(SUMMARY) as Sheet;
    expect(after.getSheetId()).toBe(summary.getSheetId());
    const label = defaultCatalogue().indicators.find((i) => i.code === 'DVK_DANGKY')?.label;
    const row = (after.getDataRange().getValues() as unknown[][]).find((x) => x[1] === label);
    expect(row?.[3]).toBe(expectedSeptember('DVK_DANGKY', 11) - 9 + 500);
    const sheetWide = after.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    expect(sheetWide.map((x) => [x.getDescription(), x.isWarningOnly()])).toEqual([['Chỉ văn phòng sửa', false]]);
    expect(sheetWide[0].getEditors().map((u) => u.getEmail())).toContain('vanphong@example.gov.vn');
    expect(after.getProtections(SpreadsheetApp.ProtectionType.RANGE).map((x) => x.getDescription())).toEqual([
      'Tiêu đề',
    ]);
  });

  test('the SpreadsheetApp writer, run again, overwrites each sheet into what a new one shows', () => {
    env = prepare('disabled');
    runAggregate(env.fake, '');
    const names = env.master
      .getSheets()
      .map((s) => s.getName())
      .filter((n) => /2018/.test(n) && !n.startsWith('Xã'));
    const first = Object.fromEntries(names.map((n) => [n, look(env, n)]));
    const ids = names.map((n) => (env.master.getSheetByName(n) as Sheet).getSheetId());
    runAggregate(env.fake, '');
    expect(names.map((n) => (env.master.getSheetByName(n) as Sheet).getSheetId())).toEqual(ids);
    for (const n of names) expect(look(env, n)).toEqual(first[n]);
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
      method: 'SheetsApi.updateCells',
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
