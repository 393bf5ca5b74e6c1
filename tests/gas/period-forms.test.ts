/**
 * "Tổng hợp" takes the period forms "Nộp báo cáo" takes (a month without a year: "9", "tháng 9",
 * of the default period's year) and those officials write in headings ("tháng 9 năm 2018",
 * "Quý III năm 2018"); nonsense is refused with the same alert as before. Review h3, BUG 6.
 */
import { formatPeriod } from '../../src/engine/periods/period';
import { parseMonthInput } from '../../src/gas/actions';
import { PERIOD_PROMPT } from '../../src/messages/vi/gas';
import { type Env, lastAlert, runAggregate, seededMaster } from './helpers';

let env: Env | undefined;
afterEach(() => {
  env?.dispose();
  env = undefined;
});

test('BUG 6: "tháng 9", "9", "tháng 9 năm 2018" and "quý 3 năm 2018" are taken by Tổng hợp', () => {
  env = seededMaster({ api: true });
  for (const typed of ['9', 'tháng 9', 'tháng 9 năm 2018', 'quý 3 năm 2018']) {
    const r = runAggregate(env.fake, typed);
    expect([typed, r?.summary.period.type]).toEqual([typed, expect.any(String)]);
  }
});

test.each([
  ['9', '2018-09'],
  ['T9', '2018-09'],
  ['tháng 8', '2018-08'],
  ['Tháng 09/2018', '2018-09'],
  ['tháng 9 năm 2018', '2018-09'],
  ['quý 3', '2018-Q3'],
  ['Quý III năm 2018', '2018-Q3'],
  ['quý 3 năm 2018', '2018-Q3'],
  ['6 tháng năm 2018', '2018-6T'],
])('%j → %s (without a year: the default period’s, 2018, as in "Nộp báo cáo")', (typed, canonical) => {
  env = seededMaster({ api: true });
  const r = runAggregate(env.fake, typed);
  expect(r?.summary && formatPeriod(r.summary.period)).toBe(canonical);
  // "Nộp báo cáo" reads a month typed so the same way
  const m = parseMonthInput(typed, 2018);
  if (m) expect(`${m.year}-${String(m.month).padStart(2, '0')}`).toBe(canonical);
});

test.each([
  ['tháng 12', '2017-12'],
  ['11', '2017-11'],
  // October's figures (15/09–14/10) are being collected: the fourth quarter has begun
  ['quý 4', '2018-Q4'],
])('%j, typed on 20/09/2018 (a period not begun yet is last year’s) → %s', (typed, canonical) => {
  env = seededMaster({ api: true });
  const r = runAggregate(env.fake, typed);
  expect(r?.summary && formatPeriod(r.summary.period)).toBe(canonical);
});

test.each(['tháng 13', '13', 'quý 5', 'quý 5 năm 2018', '2018-00'])('%j is refused with the usual alert', (typed) => {
  env = seededMaster({ api: true });
  const r = runAggregate(env.fake, typed);
  expect(r).toBeUndefined();
  expect(lastAlert(env)).toBe(PERIOD_PROMPT.badPeriod(typed));
});

describe('Nộp báo cáo: the month typed as on a Mac (NFD)', () => {
  it('reads "tháng 9" in decomposed letters as September', () => {
    expect(parseMonthInput('tháng 9'.normalize('NFD'), 2018)).toEqual({ month: 9, year: 2018 });
    expect(parseMonthInput('T9', 2018)).toEqual({ month: 9, year: 2018 });
    expect(parseMonthInput('quý 3', 2018)).toBeNull();
  });
});
