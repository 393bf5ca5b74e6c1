import { fixtureSummary } from '../../src/engine/report/fixtures';
import { LONG_HEADER, longRows } from '../../src/engine/report/long-rows';
import { writeLongRows, writeSummaryViaApi } from '../../src/gas/aggregate';
import { createGasFake } from '../fakes/gas';

const old = Array.from({ length: 1000 }, (_, i) => ['2018-08', `u${i}`, 'Xã', 'DON_TONG', 'Tổng số đơn', i, 't']);

describe('"Dữ liệu" grows past the sheet’s rows', () => {
  it('adds rows before writing instead of failing with an out-of-range error (SpreadsheetApp writer)', () => {
    const fake = createGasFake();
    fake.install();
    try {
      const ss = fake.createSpreadsheet('Tổng hợp', {
        sheets: [{ name: 'Dữ liệu', values: [[...LONG_HEADER], ...old], maxRows: 1001 }],
      });
      const summary = fixtureSummary();
      writeLongRows(SpreadsheetApp.openById(ss.getId()), summary);
      const data = SpreadsheetApp.openById(ss.getId()).getSheetByName('Dữ liệu');
      expect(data?.getLastRow()).toBe(1001 + longRows(summary).length);
    } finally {
      fake.uninstall();
    }
  });

  it('appends the rows in the same batchUpdate (Sheets API writer); the old rows are kept, unchanged', () => {
    const fake = createGasFake();
    fake.install();
    try {
      const ss = fake.createSpreadsheet('Tổng hợp', {
        sheets: [{ name: 'Dữ liệu', values: [[...LONG_HEADER], ...old], maxRows: 1001 }],
      });
      const summary = fixtureSummary();
      const before = ss.getSheetByName('Dữ liệu')?.getRange(1, 1, 1001, 7).getValues();
      writeSummaryViaApi(SpreadsheetApp.openById(ss.getId()), summary, []);
      const data = ss.getSheetByName('Dữ liệu');
      expect(data?.getMaxRows()).toBe(1001 + longRows(summary).length);
      expect(data?.getLastRow()).toBe(1001 + longRows(summary).length);
      expect(data?.getRange(1, 1, 1001, 7).getValues()).toEqual(before);
      // Only the new rows were sent: the batch starts writing below the kept ones.
      const body = JSON.parse(String(fake.http.requests.at(-1)?.payload)) as { requests: Record<string, any>[] };
      const write = body.requests.find((r) => r.updateCells?.rows)?.updateCells;
      expect(write.start.rowIndex).toBe(1001);
      expect(write.rows).toHaveLength(longRows(summary).length);
    } finally {
      fake.uninstall();
    }
  });
});
