/**
 * The "Ghi chú" column beside the indicator rows (the template's R, left editable for communes):
 * a commune's remark on a figure is read with the row, goes into the summary whatever the period,
 * and never changes a total. A sheet without such a column reads as before.
 */
import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import { summarise } from '../pipeline';
import { buildSummaryWorkbook } from '../report/summary-workbook';
import type { Period, SheetInput, WorkbookInput } from '../types';
import { MAX_NOTE_LENGTH } from '../validation/cells';
import { buildUnitSheet, LAYOUT, monthCol } from './layout';
import { modelToSheetInput, rowWithCode, setCell } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits()
  .filter((u) => u.kind === 'xã')
  .slice(0, 3);
const SEPTEMBER: Period = { type: 'month', year: 2018, index: 9 };
const label = (code: string) => catalogue.indicators.find((i) => i.code === code)?.label as string;

function sheetOf(i: number): SheetInput {
  const submitted = Array<string | null>(12).fill(null);
  submitted[8] = '2018-09-16';
  const values = {
    DTN_QUA: [1, 2, 3, 4, 5, 6, 7, 8, 10 + i, null, null, null],
    DTN_MITOM: [null, null, null, null, null, null, null, null, 3 + i, null, null, null],
  };
  return modelToSheetInput(buildUnitSheet(units[i], 2018, catalogue, { values, submitted }));
}

function run(sheets: SheetInput[], period: Period = SEPTEMBER) {
  const workbooks: WorkbookInput[] = sheets.map((s, i) => ({ source: `${units[i].code}.xlsx`, sheets: [s] }));
  return summarise({
    catalogue,
    units,
    settings: defaultSettings(),
    period,
    workbooks,
    generatedAt: '2018-09-20T03:00:00.000Z',
  });
}

/** Every text of the "Tổng hợp" sheet of the summary workbook. */
function summaryTexts(summary: ReturnType<typeof run>['summary']): string[] {
  const [main] = buildSummaryWorkbook(summary, catalogue).sheets;
  return main.rows.flat().flatMap((c) => (c && typeof c.v === 'string' ? [c.v] : []));
}

const totals = (summary: ReturnType<typeof run>['summary']) =>
  summary.indicators.map((i) => [i.code, i.period, i.ytd, i.contributing]);

test('a remark in R beside a row: in the report, the summary and the summary workbook, with unit and indicator', () => {
  const plain = run([0, 1, 2].map(sheetOf));
  const sheets = [0, 1, 2].map(sheetOf);
  const row = rowWithCode(sheets[1].grid, 'DTN_QUA');
  setCell(sheets[1].grid, row, LAYOUT.noteCol, 'Gồm 12 suất của xã bạn chuyển sang');
  setCell(sheets[1].grid, rowWithCode(sheets[1].grid, 'DTN_MITOM'), LAYOUT.noteCol, '  số liệu\n tạm tính  ');
  const { summary, read } = run(sheets);
  const cell = `R${row}`;
  const report = read.reports.find((r) => r.unitCode === units[1].code);
  expect(report?.remarks).toEqual([
    { indicatorCode: 'DTN_QUA', text: 'Gồm 12 suất của xã bạn chuyển sang', cell },
    { indicatorCode: 'DTN_MITOM', text: 'số liệu\ntạm tính', cell: `R${rowWithCode(sheets[1].grid, 'DTN_MITOM')}` },
  ]);
  expect(summary.remarks?.map((r) => [r.unitCode, r.indicatorCode, r.text, r.cell])).toEqual([
    [units[1].code, 'DTN_QUA', 'Gồm 12 suất của xã bạn chuyển sang', cell],
    [units[1].code, 'DTN_MITOM', 'số liệu\ntạm tính', `R${rowWithCode(sheets[1].grid, 'DTN_MITOM')}`],
  ]);
  const line = summaryTexts(summary).find((t) => t.includes('Gồm 12 suất của xã bạn chuyển sang'));
  expect(line).toBe(
    `Xã ${units[1].name}, chỉ tiêu "${label('DTN_QUA')}" (ô ${cell}): Gồm 12 suất của xã bạn chuyển sang`,
  );
  // Totals and findings unchanged.
  expect(totals(summary)).toEqual(totals(plain.summary));
  expect(summary.findings).toEqual(plain.summary.findings);
  expect(plain.summary.remarks).toBeUndefined();
});

test('the remark is the row’s for the year: shown for another period too', () => {
  const sheets = [0, 1, 2].map(sheetOf);
  setCell(sheets[0].grid, rowWithCode(sheets[0].grid, 'DTN_QUA'), LAYOUT.noteCol, 'số liệu tạm tính');
  for (const period of [
    { type: 'month', year: 2018, index: 3 },
    { type: 'quarter', year: 2018, index: 3 },
  ] as Period[]) {
    const { summary } = run(sheets, period);
    expect(summary.remarks?.map((r) => r.text)).toEqual(['số liệu tạm tính']);
    expect(summaryTexts(summary).some((t) => t.endsWith(': số liệu tạm tính'))).toBe(true);
  }
});

test('a sheet without a "Ghi chú" column: text right of the table is no remark, totals as before', () => {
  const sheets = [0, 1, 2].map(sheetOf);
  const plain = run(sheets.map((s) => ({ ...s, grid: s.grid.map((r) => r.slice()) })));
  for (const s of sheets) {
    const h = LAYOUT.headerRow;
    setCell(s.grid, h, LAYOUT.noteCol, 'Khác');
    setCell(s.grid, rowWithCode(s.grid, 'DTN_QUA'), LAYOUT.noteCol, 'chữ thừa');
  }
  const { summary, read } = run(sheets);
  expect(read.reports.every((r) => r.remarks === undefined)).toBe(true);
  expect(summary.remarks).toBeUndefined();
  expect(totals(summary)).toEqual(totals(plain.summary));
});

test('a sheet made outside the template: the "Ghi chú" column found by its header wherever it is', () => {
  const sheets = [0, 1, 2].map(sheetOf);
  const s = sheets[2];
  // Column R dropped, "Ghi chú" two columns further right (T), headed over two rows.
  s.grid = s.grid.map((r) => r.slice(0, LAYOUT.noteCol - 1));
  setCell(s.grid, LAYOUT.headerRow - 1, LAYOUT.noteCol + 2, 'GHI CHÚ');
  const row = rowWithCode(s.grid, 'DTN_MITOM');
  setCell(s.grid, row, LAYOUT.noteCol + 2, 'Xã bạn gửi nhờ 2 thùng');
  const { summary } = run(sheets);
  expect(summary.remarks?.map((r) => [r.unitCode, r.indicatorCode, r.cell, r.text])).toEqual([
    [units[2].code, 'DTN_MITOM', `T${row}`, 'Xã bạn gửi nhờ 2 thùng'],
  ]);
  // Not a month, not read as a figure.
  expect(summary.indicators.find((i) => i.code === 'DTN_MITOM')?.period).toBe(3 + 4 + 5);
  expect(monthCol(12)).toBeLessThan(LAYOUT.noteCol + 2);
});

test('a remark too long is cut, with a warning naming the cell', () => {
  const sheets = [0, 1, 2].map(sheetOf);
  const row = rowWithCode(sheets[0].grid, 'DTN_QUA');
  setCell(sheets[0].grid, row, LAYOUT.noteCol, 'x'.repeat(MAX_NOTE_LENGTH + 10));
  const { summary } = run(sheets);
  expect(summary.remarks?.[0].text.length).toBe(MAX_NOTE_LENGTH);
  const cut = summary.findings.filter((f) => f.code === 'note-truncated');
  expect(cut.map((f) => f.cell)).toEqual([`R${row}`]);
  expect(cut[0].message).toContain(`ô R${row}`);
});
