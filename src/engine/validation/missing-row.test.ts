/**
 * An indicator added to the catalogue mid-year: sheets made before have no row for it, so a
 * rule that uses it cannot be met there. Such a rule is not judged on those sheets (the
 * reader's 'missing-indicator' warning tells of the row); a row that is there but empty is.
 */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { buildUnitSheet, monthCol, type UnitSheetData } from '../sheet/layout';
import { modelToSheetInput, rowWithCode, setCell } from '../sheet/testing';
import { DEFAULT_LEVEL } from '../text/level';
import type { Catalogue, Indicator, UnitYear, ValidationRule } from '../types';
import { checkWorkbooks } from './check';
import { hasCell, hasRow } from './presence';
import { checkRules } from './rules';

const BEFORE = defaultCatalogue();
const unit = defaultUnits()[0];

const indicator = (code: string, label: string): Indicator => ({
  code,
  group: 'TCD',
  label,
  unit: 'đơn',
  kind: 'count',
  overMonths: 'sum',
  overUnits: 'sum',
  phrase: `{n} ${label.toLowerCase()}`,
});

/**
 * June 2018: petitions by channel (in person, by post) must add up to the total, missing
 * counted as 0; and a new type, "đơn phản ánh qua đường dây nóng", joins the breakdown by type.
 */
function afterJune(): Catalogue {
  const at = BEFORE.indicators.findIndex((i) => i.code === 'DON_KIENNGHI') + 1;
  const added = [
    indicator('DON_DUONGDAYNONG', 'Theo loại: phản ánh qua đường dây nóng'),
    indicator('DON_TRUCTIEP', 'Theo cách nhận: trực tiếp'),
    indicator('DON_BUUDIEN', 'Theo cách nhận: qua bưu điện'),
  ];
  const byChannel: ValidationRule = {
    code: 'DON_THEO_CACH_NHAN',
    left: ['DON_TRUCTIEP', 'DON_BUUDIEN'],
    operator: '==',
    right: ['DON_TONG'],
    importance: 'error',
    message: 'Đơn nhận trực tiếp và qua bưu điện phải bằng tổng số đơn',
    missing: 'treatAsZero',
  };
  return {
    ...BEFORE,
    indicators: [...BEFORE.indicators.slice(0, at), ...added, ...BEFORE.indicators.slice(at)],
    rules: [
      ...BEFORE.rules.map((r) => (r.code === 'DON_THEO_LOAI' ? { ...r, left: [...r.left, 'DON_DUONGDAYNONG'] } : r)),
      byChannel,
    ],
  };
}

const AFTER = afterJune();
const m12 = (sparse: Record<number, number>) => Array.from({ length: 12 }, (_, i) => sparse[i + 1] ?? null);
/** Three months of petitions: 4 in all, 1 + 0 + 2 by the old types (the fourth came by hotline). */
const typed: UnitSheetData = {
  values: {
    DON_TONG: m12({ 1: 4, 2: 4, 3: 4 }),
    DON_KHIEUNAI: m12({ 1: 1, 2: 1, 3: 1 }),
    DON_TOCAO: m12({ 1: 0, 2: 0, 3: 0 }),
    DON_KIENNGHI: m12({ 1: 2, 2: 2, 3: 2 }),
  },
};

/** The unit's 2018 sheet made from `made`, read with the catalogue after June. */
function check(made: Catalogue, data: UnitSheetData = typed) {
  const sheet = modelToSheetInput(buildUnitSheet(unit, 2018, made, data));
  return checkWorkbooks([{ source: 'a.xlsx', sheets: [sheet] }], {
    level: DEFAULT_LEVEL,
    catalogue: AFTER,
    units: [unit],
    year: 2018,
  });
}

const ruleFindings = (r: ReturnType<typeof check>) =>
  r.findings.filter((f) => f.code === 'rule-violation').map((f) => [f.month, f.message.split(': ')[1]]);

describe('rules on indicators a sheet has no row for', () => {
  it('a sheet made before the indicators existed: no rule error it cannot fix, the missing rows warned of', () => {
    const r = check(BEFORE);
    expect(ruleFindings(r)).toEqual([]);
    const missing = r.findings.filter((f) => f.code === 'missing-indicator');
    expect(missing.map((f) => [f.severity, f.indicatorCode]).sort()).toEqual([
      ['warning', 'DON_BUUDIEN'],
      ['warning', 'DON_DUONGDAYNONG'],
      ['warning', 'DON_TRUCTIEP'],
    ]);
    // The other rules are still judged there.
    const sheet = modelToSheetInput(buildUnitSheet(unit, 2018, BEFORE, typed));
    setCell(sheet.grid, rowWithCode(sheet.grid, 'DON_DAGIAIQUYET'), monthCol(2), 9);
    const again = checkWorkbooks([{ source: 'a.xlsx', sheets: [sheet] }], {
      level: DEFAULT_LEVEL,
      catalogue: AFTER,
      units: [unit],
      year: 2018,
    });
    expect(ruleFindings(again)).toEqual([
      [
        2,
        'Số đơn đã giải quyết lớn hơn số đơn tiếp nhận trong tháng (đúng nếu có giải quyết cả đơn tồn từ kỳ trước; ' +
          'nếu không, hãy kiểm tra lại) — đang ghi ô F45 = 9, ô F36 = 4',
      ],
    ]);
  });

  it('a sheet with the rows, left empty: judged as before (missing counted as 0, or the side skipped)', () => {
    const r = check(AFTER);
    expect(r.findings.filter((f) => f.code === 'missing-indicator')).toEqual([]);
    const byChannel = (c: string) =>
      `Đơn nhận trực tiếp và qua bưu điện phải bằng tổng số đơn — đang ghi ô ${c}41 + ${c}42 = 0, ô ${c}36 = 4`;
    const byType = (c: string) =>
      'Tổng số đơn theo loại (khiếu nại + tố cáo + kiến nghị, phản ánh) phải bằng tổng số đơn tiếp nhận — ' +
      `đang ghi ô ${c}37 + ${c}38 + ${c}39 + ${c}40 = 3, ô ${c}36 = 4`;
    // Sorted by cell: the by-type rule is told on the first part's row, which comes first.
    expect(ruleFindings(r)).toEqual([
      [1, byType('E')],
      [2, byType('F')],
      [3, byType('G')],
      [1, byChannel('E')],
      [2, byChannel('F')],
      [3, byChannel('G')],
    ]);
  });

  it('a hand-built report: no cell names for a code says nothing; empty names are no row', () => {
    const values: Record<string, (number | null)[]> = {};
    for (const i of AFTER.indicators) if (i.kind !== 'note') values[i.code] = m12({});
    values.DON_TONG = m12({ 5: 4 });
    const report: UnitYear = {
      unitCode: unit.code,
      unitName: unit.name,
      unitKind: unit.kind,
      year: 2018,
      file: 'a.xlsx',
      sheet: 'a',
      values,
      notes: {},
      submitted: Array(12).fill(null),
      cells: {},
      submittedCells: [],
      invalid: [],
    };
    const only = { ...AFTER, rules: AFTER.rules.filter((r) => r.code === 'DON_THEO_CACH_NHAN') };
    expect(checkRules(report, only).map((f) => f.month)).toEqual([5]);
    const noRow = { ...report, cells: { DON_TRUCTIEP: Array<string>(12).fill('') } };
    expect(checkRules(noRow, only)).toEqual([]);
    // A month with no column (its cell name empty) is not judged; the others are.
    const noMay = { ...report, cells: { DON_TONG: Array.from({ length: 12 }, (_, i) => (i === 4 ? '' : `E${i}`)) } };
    expect(checkRules(noMay, only)).toEqual([]);
    expect(checkRules({ ...noMay, values: { ...values, DON_TONG: m12({ 6: 4 }) } }, only).map((f) => f.month)).toEqual([
      6,
    ]);
  });

  it('hasRow and hasCell', () => {
    const r = { cells: { A: ['E8', 'F8'], B: ['', ''], C: [] as string[] } } as unknown as UnitYear;
    expect([hasRow(r, 'A'), hasRow(r, 'B'), hasRow(r, 'C'), hasRow(r, 'D')]).toEqual([true, false, true, true]);
    expect([hasCell(r, 'A', 2), hasCell(r, 'B', 1), hasCell(r, 'D', 1), hasCell(r, 'A', 3)]).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });
});
