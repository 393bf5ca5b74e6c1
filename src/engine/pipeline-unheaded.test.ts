/**
 * A commune workbook whose last-year sheet is read but whose sheet of the year lost its month header:
 * the commune is "không đọc được" with the error saying why, not "chưa có trang báo cáo".
 */
import { defaultCatalogue, defaultSettings, defaultUnits } from './catalogue/defaults';
import { summarise } from './pipeline';
import { buildUnitSheet, LAYOUT, monthCol } from './sheet/layout';
import { modelToSheetInput } from './sheet/testing';
import type { Unit, WorkbookInput } from './types';

const CATALOGUE = defaultCatalogue();
const UNITS = defaultUnits();
const unit = (code: string) => UNITS.find((u) => u.code === code) as Unit;
const values = { DON_TONG: [1, 1, 1, 1, 1, 1, 1, 1, 1, null, null, null] };
const sheet = (code: string, year: number) =>
  modelToSheetInput(buildUnitSheet(unit(code), year, CATALOGUE, { values }));

test('summarise: a sheet of the year without its month header makes its unit unreadable, not missing', () => {
  const broken = sheet('pa-my', 2018);
  for (let m = 1; m <= 12; m++) broken.grid[LAYOUT.headerRow - 1][monthCol(m) - 1] = '';
  const books: WorkbookInput[] = [
    { source: 'chung-chai.xlsx', sheets: [sheet('chung-chai', 2017), sheet('chung-chai', 2018)] },
    { source: 'pa-my.xlsx', sheets: [sheet('pa-my', 2017), broken] },
  ];
  const { summary } = summarise({
    catalogue: CATALOGUE,
    units: UNITS,
    settings: defaultSettings(),
    period: { type: 'month', year: 2018, index: 9 },
    workbooks: books,
    generatedAt: '2018-10-05T02:00:00Z',
  });
  expect(summary.unreadableUnits).toContain('pa-my');
  expect(summary.findings.filter((f) => f.unitCode === 'pa-my').map((f) => [f.severity, f.code])).toEqual([
    ['error', 'no-month-header'],
  ]);
  expect(summary.completeness.rows.find((r) => r.unitCode === 'pa-my')?.status).toBe('missing');
  expect(summary.narrative.join(' ')).toContain('không đọc được báo cáo của: xã Pá Mỳ');
});
