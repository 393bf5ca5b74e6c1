import { fixtureSummary } from '../../src/engine/report/fixtures';
import { LONG_CSV_HEADER, LONG_HEADER, longRows } from '../../src/engine/report/long-rows';
import { emptySheet } from '../../src/engine/report/model';
import { writeLongRows, writeSummaryViaApi } from '../../src/gas/aggregate';
import { SPARE_ROWS } from '../../src/gas/render';
import { SHEETS_WRITE } from '../../src/messages/vi/gas';
import { createGasFake, type GasFake } from '../fakes/gas';

const old = Array.from({ length: 1000 }, (_, i) => ['2018-08', `u${i}`, 'Xã', 'DON_TONG', 'Tổng số đơn', i, 't']);

describe('"Dữ liệu" grows past the sheet’s rows', () => {
  // A master whose "Dữ liệu" fills its 1,001 rows.
  let fake: GasFake;
  let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  beforeEach(() => {
    fake = createGasFake();
    fake.install();
    ss = fake.createSpreadsheet('Tổng hợp', {
      sheets: [{ name: 'Dữ liệu', values: [[...LONG_HEADER], ...old], maxRows: 1001 }],
    });
  });
  afterEach(() => fake.uninstall());

  it('adds rows before writing instead of failing with an out-of-range error (SpreadsheetApp writer)', () => {
    const summary = fixtureSummary();
    writeLongRows(SpreadsheetApp.openById(ss.getId()), summary);
    const data = SpreadsheetApp.openById(ss.getId()).getSheetByName('Dữ liệu');
    expect(data?.getLastRow()).toBe(1001 + longRows(summary).length);
    expect(data?.getMaxRows()).toBe(1001 + longRows(summary).length + SPARE_ROWS);
  });

  it('appends the rows in the same batchUpdate (Sheets API writer); the old rows are kept, unchanged', () => {
    const summary = fixtureSummary();
    const before = ss.getSheetByName('Dữ liệu')?.getRange(1, 1, 1001, 7).getValues();
    writeSummaryViaApi(SpreadsheetApp.openById(ss.getId()), summary, []);
    const data = ss.getSheetByName('Dữ liệu');
    // Grown with room to type below the data, as a new sheet has.
    expect(data?.getMaxRows()).toBe(1001 + longRows(summary).length + SPARE_ROWS);
    expect(data?.getLastRow()).toBe(1001 + longRows(summary).length);
    expect(data?.getRange(1, 1, 1001, 7).getValues()).toEqual(before);
    // Only the new rows were sent, below the kept ones; the header (a column added) apart.
    const body = JSON.parse(String(fake.http.requests.at(-1)?.payload)) as { requests: Record<string, any>[] };
    const writes = body.requests.filter((r) => r.updateCells?.rows).map((r) => r.updateCells);
    expect(writes.map((w) => [w.start.rowIndex, w.rows.length])).toEqual([
      [0, 1],
      [1001, longRows(summary).length],
    ]);
    expect(data?.getRange(1, 1, 1, 8).getValues()[0]).toEqual([...LONG_CSV_HEADER]);
  });

  it('too big for one request: the summary goes in the batch and "Dữ liệu" right after, the ordinary way', () => {
    const summary = fixtureSummary();
    const dataId = ss.getSheetByName('Dữ liệu')?.getSheetId();
    const sheet = { ...emptySheet('Tổng hợp 2018-09'), rows: [[{ v: 'x' }]] };
    const out = writeSummaryViaApi(SpreadsheetApp.openById(ss.getId()), summary, [sheet], 1);
    expect(out.logNotes).toEqual([SHEETS_WRITE.dataSeparately]);
    expect(out.notes).toEqual([]);
    const body = JSON.parse(String(fake.http.requests.at(-1)?.payload)) as { requests: Record<string, unknown>[] };
    expect(body.requests.some((r) => 'addSheet' in r)).toBe(true);
    expect(JSON.stringify(body)).not.toContain(`"sheetId":${dataId},`);
    expect(ss.getSheetByName('Tổng hợp 2018-09')?.getRange('A1').getValue()).toBe('x');
    expect(fake.calls.count('Range.setValues')).toBe(1);
    expect(ss.getSheetByName('Dữ liệu')?.getLastRow()).toBe(1001 + longRows(summary).length);
  });
});
