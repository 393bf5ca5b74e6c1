/**
 * A merged unit's months before the merger are its old units' reports: a month late (or undated)
 * because of an old unit's date says whose, "đơn vị cũ nộp muộn: Chung Chải tháng 5", in the
 * completeness rows and every rendering, instead of pinning it on the new unit alone (it did not
 * exist then). Its own report's date, when it gives one, is its own.
 */
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import { deadline } from '../periods/cutoff';
import { buildSummaryWorkbook } from '../report/summary-workbook';
import { renderTextReport } from '../report/text';
import type { Period, UnitYear } from '../types';
import { aggregate } from './aggregate';
import { unit, unitYear } from './test-helpers';

const CATALOGUE = defaultCatalogue();
const SETTINGS = defaultSettings();
const Q2_2025: Period = { type: 'quarter', year: 2025, index: 2 };
const UNITS = [
  unit('mn-2025', 'Mường Nhé', { succession: { from: '2025-07-01', predecessors: ['nv', 'cc'] } }),
  unit('ql', 'Quảng Lâm'),
];

/** The day `days` after month m's deadline (ISO; negative: before it). */
function dueAnd(m: number, days: number): string {
  const due = new Date(`${deadline({ type: 'month', year: 2025, index: m }, SETTINGS)}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + days);
  return due.toISOString().slice(0, 10);
}

const figures = { TCD_LUOT: { 4: 1, 5: 2, 6: 3 } };

function summarise(reports: UnitYear[]) {
  return aggregate({
    catalogue: CATALOGUE,
    units: UNITS,
    settings: SETTINGS,
    period: Q2_2025,
    current: reports,
    previous: [],
    findings: [],
    generatedAt: '2025-08-01T00:00:00Z',
  });
}

const onTime = { 4: dueAnd(4, -2), 5: dueAnd(5, -2), 6: dueAnd(6, -2) };

describe("a merged unit's lateness before the merger", () => {
  const reports = [
    // Nậm Vì: April and May on time, June's figures without a date.
    unitYear('nv', 2025, { name: 'Nậm Vì', values: figures, submitted: { 4: onTime[4], 5: onTime[5] } }),
    // Chung Chải: May sent 3 days late, June without a date.
    unitYear('cc', 2025, { name: 'Chung Chải', values: figures, submitted: { 4: onTime[4], 5: dueAnd(5, 3) } }),
    unitYear('ql', 2025, { name: 'Quảng Lâm', values: figures, submitted: { 4: dueAnd(4, 1), ...{ 5: onTime[5] } } }),
  ];

  test('the completeness row names the old unit and its months', () => {
    const row = summarise(reports).completeness.rows.find((r) => r.unitCode === 'mn-2025');
    expect(row?.status).toBe('late');
    expect(row?.lateMonths).toEqual([5]);
    expect(row?.undatedMonths).toEqual([6]);
    expect(row?.formerLate).toEqual([{ code: 'cc', name: 'Chung Chải', months: [5] }]);
    expect(row?.formerUndated).toEqual([
      { code: 'cc', name: 'Chung Chải', months: [6] },
      { code: 'nv', name: 'Nậm Vì', months: [6] },
    ]);
    // A unit of no merger: nothing of the kind.
    const ql = summarise(reports).completeness.rows.find((r) => r.unitCode === 'ql');
    expect(ql?.lateMonths).toEqual([4]);
    expect(ql?.formerLate).toBeUndefined();
  });

  test('the e-mail text, the narrative and the summary workbook say whose', () => {
    const summary = summarise(reports);
    const text = renderTextReport(summary, CATALOGUE, {});
    expect(text).toContain('Xã Mường Nhé (tháng 5 nộp muộn; đơn vị cũ nộp muộn: Chung Chải tháng 5)');
    expect(text).toContain('Xã Mường Nhé (tháng 6; đơn vị cũ chưa ghi ngày nộp: Chung Chải tháng 6; Nậm Vì tháng 6)');
    const narrative = summary.narrative.join('\n');
    expect(narrative).toContain('nộp muộn: xã Mường Nhé (đơn vị cũ nộp muộn: Chung Chải tháng 5)');
    const cells = JSON.stringify(buildSummaryWorkbook(summary, CATALOGUE));
    expect(cells).toContain('Đơn vị cũ nộp muộn trước sáp nhập: Chung Chải tháng 5');
    expect(cells).toContain('Đơn vị cũ chưa ghi ngày nộp trước sáp nhập: Chung Chải tháng 6; Nậm Vì tháng 6');
  });

  test("an old unit's figures without a date are not on time by another old unit's date", () => {
    const dated = [
      unitYear('nv', 2025, { name: 'Nậm Vì', values: figures, submitted: onTime }),
      unitYear('cc', 2025, { name: 'Chung Chải', values: figures, submitted: { 4: onTime[4], 5: onTime[5] } }),
    ];
    const row = summarise(dated).completeness.rows.find((r) => r.unitCode === 'mn-2025');
    expect(row?.status).toBe('late');
    expect(row?.lateMonths).toBeUndefined();
    expect(row?.undatedMonths).toEqual([6]);
    expect(row?.formerUndated).toEqual([{ code: 'cc', name: 'Chung Chải', months: [6] }]);
    // Both dated on time: on time.
    const both = [dated[0], unitYear('cc', 2025, { name: 'Chung Chải', values: figures, submitted: onTime })];
    expect(summarise(both).completeness.rows.find((r) => r.unitCode === 'mn-2025')?.status).toBe('onTime');
  });

  test("the new unit's own date of a month is its own: no old unit named for it", () => {
    const own = unitYear('mn-2025', 2025, {
      name: 'Mường Nhé',
      values: { TCD_LUOT: { 5: 2 } },
      submitted: { 5: dueAnd(5, 4) },
    });
    const row = summarise([...reports, own]).completeness.rows.find((r) => r.unitCode === 'mn-2025');
    expect(row?.lateMonths).toEqual([5]);
    expect(row?.formerLate).toBeUndefined();
  });
});
