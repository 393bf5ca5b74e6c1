import { fixtureSummary } from '../../src/engine/report/fixtures';
import { LONG_HEADER, longRows } from '../../src/engine/report/long-rows';
import { writeLongRows } from '../../src/gas/aggregate';
import { createGasFake } from '../fakes/gas';

describe('"Dữ liệu" grows past the sheet’s rows', () => {
  it('adds rows before writing instead of failing with an out-of-range error', () => {
    const fake = createGasFake();
    fake.install();
    try {
      const old = Array.from({ length: 1000 }, (_, i) => ['2018-08', `u${i}`, 'Xã', 'DON_TONG', 'Tổng số đơn', i, 't']);
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
});
