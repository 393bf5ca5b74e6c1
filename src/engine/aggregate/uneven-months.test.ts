import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import type { IndicatorSummary, Period, Summary } from '../types';
import { aggregate } from './aggregate';
import { unit, unitYear } from './test-helpers';

// A quarter's "so cùng kỳ" when one unit's report of last year lacks a month of it: that unit's
// figures of the month are this year's only, as the month's own report says.
const Q3: Period = { type: 'quarter', year: 2018, index: 3 };
const units = [unit('a', 'A'), unit('b', 'B'), unit('c', 'C')];
const sent = (code: string) =>
  unitYear(code, 2018, {
    values: { DON_TONG: { 7: 2, 8: 3, 9: 1 }, HND_SXKDG_CONGNHAN: { 7: 5, 8: 5, 9: 5 } },
    submitted: { 7: '2018-07-16', 8: '2018-08-16', 9: '2018-09-16' },
  });
// c's report of last year: July and September only (August neither dated nor filled).
const last = (code: string) =>
  unitYear(code, 2017, {
    values:
      code === 'c'
        ? { DON_TONG: { 7: 2, 9: 1 }, HND_SXKDG_CONGNHAN: { 7: 5, 9: 5 } }
        : { DON_TONG: { 7: 2, 8: 3, 9: 1 }, HND_SXKDG_CONGNHAN: { 7: 5, 8: 5, 9: 5 } },
    submitted:
      code === 'c' ? { 7: '2017-07-16', 9: '2017-09-16' } : { 7: '2017-07-16', 8: '2017-08-16', 9: '2017-09-16' },
  });
const ind = (s: Summary, code: string) => s.indicators.find((i) => i.code === code) as IndicatorSummary;

describe('"so cùng kỳ" of a quarter when a unit’s last-year report lacks a month of it', () => {
  const s = aggregate({
    catalogue: defaultCatalogue(),
    units,
    settings: defaultSettings(),
    period: Q3,
    current: units.map((u) => sent(u.code)),
    previous: units.map((u) => last(u.code)),
    findings: [],
    generatedAt: '2018-10-20T03:00:00Z',
  });

  it('keeps the totals as they are', () => {
    const don = ind(s, 'DON_TONG');
    expect([don.period, don.lastYearPeriod, don.change]).toEqual([18, 15, 3]);
  });

  it('lists the unit as this year’s only for the flows summed over the month', () => {
    expect(s.thisYearOnly).toEqual(['c']);
    expect(s.thisYearGaps).toEqual([{ unitCode: 'c', months: [8] }]);
    expect(ind(s, 'DON_TONG').unevenPeriod).toEqual({ lastYearOnly: [], thisYearOnly: ['c'] });
    expect(ind(s, 'DON_TONG').unevenYtd).toEqual({ lastYearOnly: [], thisYearOnly: ['c'] });
    // A stock compares the latest month's figures (September's on both sides): not one-sided.
    expect(ind(s, 'HND_SXKDG_CONGNHAN').unevenPeriod).toBeUndefined();
  });

  it('names the unit and the month in the narrative’s caveat', () => {
    expect(s.narrative?.[0]).toContain('Lưu ý: xã C (tháng 8) không có số liệu cùng kỳ năm trước');
  });

  it('says nothing when every month of the period has last year’s figures', () => {
    const whole = aggregate({
      catalogue: defaultCatalogue(),
      units,
      settings: defaultSettings(),
      period: Q3,
      current: units.map((u) => sent(u.code)),
      previous: units
        .map((u) => last(u.code === 'c' ? 'a' : u.code))
        .map((r, i) => ({ ...r, unitCode: units[i].code })),
      findings: [],
      generatedAt: '2018-10-20T03:00:00Z',
    });
    expect(whole.thisYearOnly).toBeUndefined();
    expect(whole.indicators.filter((i) => i.unevenPeriod || i.unevenYtd)).toEqual([]);
  });
});
