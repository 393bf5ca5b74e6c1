/**
 * submissionCompleteness: who has submitted, as the summary says it (reminders use it, no summary
 * written). Raw reports under old codes count for the new unit; a date after the run does not count.
 */
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import type { Period, Unit, UnitYear } from '../types';
import { aggregate, submissionCompleteness } from './aggregate';
import { unit, unitYear } from './test-helpers';

const CATALOGUE = defaultCatalogue();
const SETTINGS = defaultSettings();
const JUN_2025: Period = { type: 'month', year: 2025, index: 6 };
const SEP_2018: Period = { type: 'month', year: 2018, index: 9 };

function both(units: Unit[], reports: UnitYear[], period: Period, generatedAt: string) {
  const own = submissionCompleteness({ catalogue: CATALOGUE, units, settings: SETTINGS, period, reports, generatedAt });
  const summary = aggregate({
    catalogue: CATALOGUE,
    units,
    settings: SETTINGS,
    period,
    current: reports,
    previous: [],
    findings: [],
    generatedAt,
  });
  return { own, summary: summary.completeness };
}

const status = (c: { rows: { unitCode: string; status: string }[] }) => c.rows.map((r) => [r.unitCode, r.status]);

describe('submissionCompleteness', () => {
  test("before a merger, the old communes' reports count for the new unit, as in the summary", () => {
    const units = [
      unit('mn-2025', 'Mường Nhé', { succession: { from: '2025-07-01', predecessors: ['mn', 'nv'] } }),
      unit('ql-2025', 'Quảng Lâm', { succession: { from: '2025-07-01', predecessors: ['ql'] } }),
      unit('st-2025', 'Sín Thầu', { succession: { from: '2025-07-01', predecessors: ['st', 'sen'] } }),
    ];
    const sent = { values: { TCD_LUOT: { 5: 1, 6: 3 } }, submitted: { 5: '2025-05-16', 6: '2025-06-16' } };
    const reports = [
      unitYear('mn', 2025, sent),
      unitYear('nv', 2025, sent),
      // Sín Thầu: one of its old communes left June empty, so the new unit's June is not complete.
      unitYear('st', 2025, sent),
      unitYear('sen', 2025, { values: { TCD_LUOT: { 5: 1 } }, submitted: { 5: '2025-05-16' } }),
    ];
    const { own, summary } = both(units, reports, JUN_2025, '2025-06-17T00:00:00Z');
    expect(status(own)).toEqual(status(summary));
    expect(status(own)).toEqual([
      ['mn-2025', 'onTime'],
      ['ql-2025', 'missing'],
      ['st-2025', 'missing'],
    ]);
  });

  test('a submission date after the run is not a submission yet', () => {
    const units = [unit('a', 'A'), unit('b', 'B')];
    const reports = [
      unitYear('a', 2018, { values: { TCD_LUOT: { 9: 1 } }, submitted: { 9: '2018-09-28' } }),
      unitYear('b', 2018, { values: { TCD_LUOT: { 9: 1 } }, submitted: { 9: '2018-09-15' } }),
    ];
    const { own, summary } = both(units, reports, SEP_2018, '2018-09-17T00:00:00Z');
    expect(status(own)).toEqual(status(summary));
    expect(status(own)).toEqual([
      ['a', 'missing'],
      ['b', 'onTime'],
    ]);
  });
});
