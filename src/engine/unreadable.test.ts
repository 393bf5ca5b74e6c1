import { defaultCatalogue, defaultSettings, defaultUnits } from './catalogue/defaults';
import { summarise } from './pipeline';
import { buildUnitSheet, LAYOUT, monthCol } from './sheet/layout';
import { modelToSheetInput } from './sheet/testing';
import type { Unit, WorkbookInput } from './types';
import { noReportSources, unreadableReportFindings, withUnreadableReports } from './unreadable';

const CATALOGUE = defaultCatalogue();
const UNITS = defaultUnits();
const unit = (code: string) => UNITS.find((u) => u.code === code) as Unit;
const m12 = (sparse: Record<number, number>) => Array.from({ length: 12 }, (_, i) => sparse[i + 1] ?? null);

function workbook(u: Unit, file: string, cutMonths = false): WorkbookInput {
  const sheet = modelToSheetInput(buildUnitSheet(u, 2018, CATALOGUE, { values: { DON_TONG: m12({ 9: 2 }) } }));
  // The month columns' headers deleted: no header row with T1 … T12, no report.
  if (cutMonths) for (let m = 1; m <= 12; m++) sheet.grid[LAYOUT.headerRow - 1][monthCol(m) - 1] = null;
  return { source: file, sheets: [sheet] };
}

function run(workbooks: WorkbookInput[]) {
  return summarise({
    catalogue: CATALOGUE,
    units: UNITS,
    settings: defaultSettings(),
    period: { type: 'month', year: 2018, index: 9 },
    workbooks,
    generatedAt: '2018-10-05T02:00:00Z',
  });
}

describe('a report found but not readable', () => {
  const books = [workbook(unit('chung-chai'), 'chung-chai.xlsx'), workbook(unit('pa-my'), 'pa-my.xlsx', true)];

  test('noReportSources: the workbooks without any sheet read as a report', () => {
    const { summary, read } = run(books);
    expect([...noReportSources(summary.findings, read.reports)]).toEqual(['pa-my.xlsx']);
    expect(noReportSources(summary.findings, [...read.reports, { ...read.reports[0], file: 'pa-my.xlsx' }]).size).toBe(
      0,
    );
  });

  test('withUnreadableReports: the unit is "không đọc được", not "chưa báo cáo"; the reason names it', () => {
    const { summary } = run(books);
    expect(summary.unreadableUnits).toEqual([]);
    expect(summary.findings.some((f) => f.code === 'unit-missing' && f.unitCode === 'pa-my')).toBe(true);
    const out = withUnreadableReports(summary, CATALOGUE, [
      { file: 'pa-my.xlsx', unit: unit('pa-my'), note: 'Đây là báo cáo của Xã Pá Mỳ.', sheet: 'Pá Mỳ 2018' },
    ]);
    expect(out.unreadableUnits).toEqual(['pa-my']);
    expect(out.findings.some((f) => f.code === 'unit-missing' && f.unitCode === 'pa-my')).toBe(false);
    // Other units missing are still missing.
    expect(out.findings.some((f) => f.code === 'unit-missing' && f.unitCode === 'nam-vi')).toBe(true);
    const why = out.findings.filter((f) => f.code === 'no-report-sheet');
    expect(why).toHaveLength(1);
    expect(why[0]).toMatchObject({ severity: 'error', unitCode: 'pa-my', file: 'pa-my.xlsx', sheet: 'Pá Mỳ 2018' });
    const before = summary.findings.find((f) => f.code === 'no-report-sheet')?.message as string;
    expect(why[0].message).toBe(`${before}. Đây là báo cáo của Xã Pá Mỳ.`);
    expect(out.narrative.join(' ')).toMatch(/không đọc được báo cáo của: [^.]*Pá Mỳ/);
    expect(summary.narrative.join(' ')).not.toMatch(/không đọc được/);
    // The input is left as it was.
    expect(summary.unreadableUnits).toEqual([]);
  });

  test('a file that did not open becomes "file-unreadable"; findings of other files are left alone', () => {
    const findings = unreadableReportFindings(
      [
        { severity: 'warning', code: 'file-skipped', file: 'a.ods', message: 'Tệp a.ods: không đọc.' },
        { severity: 'error', code: 'file-unreadable', file: 'b.xlsx', message: 'Tệp b.xlsx hỏng.' },
        { severity: 'warning', code: 'unit-missing', unitCode: 'pa-my', message: 'Xã Pá Mỳ chưa có.' },
      ],
      [{ file: 'a.ods', unit: unit('pa-my'), note: 'Của Pá Mỳ.' }],
    );
    expect(findings).toEqual([
      {
        severity: 'error',
        code: 'file-unreadable',
        file: 'a.ods',
        unitCode: 'pa-my',
        unitName: unit('pa-my').name,
        message: 'Tệp a.ods: không đọc. Của Pá Mỳ.',
      },
      { severity: 'error', code: 'file-unreadable', file: 'b.xlsx', message: 'Tệp b.xlsx hỏng.' },
    ]);
  });
});
