import { defaultCatalogue, defaultSettings, defaultUnits } from './catalogue/defaults';
import { summarise } from './pipeline';
import { buildUnitSheet, type UnitSheetData } from './sheet/layout';
import { modelToSheetInput } from './sheet/testing';
import type { Unit, WorkbookInput } from './types';

const CATALOGUE = defaultCatalogue();
const UNITS = defaultUnits();
const unit = (code: string) => UNITS.find((u) => u.code === code) as Unit;
const m12 = (sparse: Record<number, number>) => Array.from({ length: 12 }, (_, i) => sparse[i + 1] ?? null);

function workbook(u: Unit, year: number, data: UnitSheetData, file: string): WorkbookInput {
  return { source: file, sheets: [modelToSheetInput(buildUnitSheet(u, year, CATALOGUE, data))] };
}

describe('summarise — a sheet dropped as a second report of its year was read', () => {
  it('calls a unit with two last-year reports and none this year "chưa báo cáo", not "không đọc được"', () => {
    const books = [
      workbook(unit('chung-chai'), 2018, { values: { DON_TONG: m12({ 9: 2 }) } }, 'chung-chai-2018.xlsx'),
      workbook(unit('pa-my'), 2017, { values: { DON_TONG: m12({ 9: 3 }) } }, 'pa-my-2017.xlsx'),
      workbook(unit('pa-my'), 2017, { values: { DON_TONG: m12({ 9: 3, 10: 1 }) } }, 'pa-my-2017-sua.xlsx'),
    ];
    const { summary } = summarise({
      catalogue: CATALOGUE,
      units: UNITS,
      settings: defaultSettings(),
      period: { type: 'month', year: 2018, index: 9 },
      workbooks: books,
      generatedAt: '2018-10-05T02:00:00Z',
    });
    expect(summary.findings.some((f) => f.code === 'duplicate-unit' && f.unitCode === 'pa-my')).toBe(true);
    expect(summary.unreadableUnits).not.toContain('pa-my');
    expect(summary.findings.some((f) => f.code === 'unit-missing' && f.unitCode === 'pa-my')).toBe(true);
  });
});
