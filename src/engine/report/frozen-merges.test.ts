/**
 * Google Sheets refuses a merge that crosses the frozen rows or columns ("You can't merge frozen
 * and non-frozen columns"), and with it the whole sheet's making ("Tạo mẫu", "Tổng hợp"). Every
 * sheet model the add-on renders keeps its merges on one side of the frozen edges.
 */
import { defaultCatalogue } from '../catalogue/defaults';
import { buildUnitSheet } from '../sheet/layout';
import { fixtureCatalogue, fixtureSummary } from './fixtures';
import type { SheetModel } from './model';
import { buildSummaryWorkbook } from './summary-workbook';

function crossings(sheet: SheetModel): string[] {
  const cut = (start: number, count: number, frozen: number) => frozen >= start && frozen < start + count - 1;
  return sheet.merges
    .filter((m) => cut(m.row, m.rows, sheet.frozenRows) || cut(m.col, m.cols, sheet.frozenCols))
    .map((m) => `${sheet.name}: merge at row ${m.row}, col ${m.col} (${m.rows}×${m.cols})`);
}

test('a unit sheet (the template and the year sheet of "Tổng hợp"): no merge across the frozen edges', () => {
  const sheet = buildUnitSheet({ code: 'chung-chai', name: 'Chung Chải', kind: 'xã' }, 2018, defaultCatalogue());
  expect(sheet.frozenCols).toBeGreaterThan(0);
  expect(sheet.merges.length).toBeGreaterThan(0);
  expect(crossings(sheet)).toEqual([]);
});

test('a unit sheet of a merged unit (its span note merged too): no merge across the frozen edges', () => {
  const sheet = buildUnitSheet({ code: 'ab', name: 'AB', kind: 'xã' }, 2025, defaultCatalogue(), {
    span: { role: 'successor', first: 7, last: 12, from: '2025-07-01', others: [{ code: 'a', name: 'A', kind: 'xã' }] },
  });
  expect(sheet.merges.length).toBeGreaterThan(1);
  expect(crossings(sheet)).toEqual([]);
});

test('every sheet of the summary workbook: no merge across the frozen edges', () => {
  const wb = buildSummaryWorkbook(fixtureSummary(), fixtureCatalogue());
  expect(wb.sheets.some((s) => s.merges.length > 0 && (s.frozenRows > 0 || s.frozenCols > 0))).toBe(true);
  expect(wb.sheets.flatMap(crossings)).toEqual([]);
});
