/**
 * A stock ("lũy kế") a unit has no figure of yet this year (January: one left blank because it did
 * not change since December, or not reported yet): its latest figure of last year's report is its
 * figure "so far", said with its month, so "Đến nay" does not drop it and "so cùng kỳ" is not a
 * false fall.
 */
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import { carriedStockLines } from '../report/text';
import type { Period, Unit, UnitYear } from '../types';
import { aggregate } from './aggregate';
import { unit, unitYear } from './test-helpers';

const CATALOGUE = defaultCatalogue();
const JAN: Period = { type: 'month', year: 2027, index: 1 };
const units = [unit('a', 'A'), unit('b', 'B')];
const STOCK = 'HND_SXKDG_DANGKY';

/** Unit `code`'s report of `year`: the stock by month, a flow in January, dated in January. */
const report = (code: string, year: number, stock: Record<number, number>): UnitYear =>
  unitYear(code, year, {
    values: { [STOCK]: stock, DTN_QUA: { 1: 1 } },
    submitted: { 1: `${year}-01-14` },
  });

function summary(current: UnitYear[], previous: UnitYear[], period = JAN, list: Unit[] = units) {
  return aggregate({
    catalogue: CATALOGUE,
    units: list,
    settings: defaultSettings(),
    period,
    current,
    previous,
    findings: [],
    generatedAt: `${period.year}-01-20T02:00:00Z`,
  });
}

const LAST_YEAR = [report('a', 2026, { 1: 90, 12: 100 }), report('b', 2026, { 1: 40, 11: 48, 12: 50 })];

test('January: a unit that left the stock blank counts its December figure, named with its month', () => {
  // B typed its flow in January but not the unchanged cumulative figure.
  const s = summary([report('a', 2027, { 1: 105 }), report('b', 2027, {})], LAST_YEAR);
  const ind = s.indicators.find((i) => i.code === STOCK);
  expect(ind?.ytd).toBe(105 + 50);
  expect(ind?.period).toBe(105); // the month's own column has B's figure of the month only
  expect(ind?.lastYearYtd).toBe(90 + 40); // last year's January stays as it was
  expect(ind?.ytdChange).toBe(155 - 130); // a rise, not a fall of 25
  expect(ind?.carriedFromLastYear).toEqual([{ unitCode: 'b', month: 12 }]);
  // The year sheet a higher level reads: January holds B's figure too.
  expect(s.monthly[STOCK]?.[0]).toBe(155);
  const text = s.narrative.join(' ');
  expect(text).toContain(
    'Số đến nay gồm số đã báo cáo trước đó của xã B (số tháng 12/2026), chưa có số liệu tháng 1/2027.',
  );
  expect(text).not.toMatch(/giảm 25/);
  expect(carriedStockLines(s, CATALOGUE).join(' ')).toContain(
    'số đã báo cáo trước đó của xã B (số tháng 12/2026), chưa có số liệu tháng 1/2027',
  );
});

test('January: a unit that has not reported yet counts its last figure of last year (November when December is empty)', () => {
  const s = summary([report('a', 2027, { 1: 105 })], [LAST_YEAR[0], report('b', 2026, { 1: 40, 11: 48 })]);
  const ind = s.indicators.find((i) => i.code === STOCK);
  expect(ind?.ytd).toBe(105 + 48);
  expect(ind?.carriedFromLastYear).toEqual([{ unitCode: 'b', month: 11 }]);
  expect(s.narrative.join(' ')).toContain('xã B (số tháng 11/2026)');
});

test('January: units that typed the figure are unchanged, nothing carried or said', () => {
  const s = summary([report('a', 2027, { 1: 105 }), report('b', 2027, { 1: 49 })], LAST_YEAR);
  const ind = s.indicators.find((i) => i.code === STOCK);
  expect([ind?.ytd, ind?.period, ind?.lastYearYtd]).toEqual([154, 154, 130]);
  expect(ind?.carriedFromLastYear).toBeUndefined();
  expect(s.narrative.join(' ')).not.toContain('số đã báo cáo trước đó');
  expect(carriedStockLines(s, CATALOGUE)).toEqual([]);
});

test('a unit new this year (no report last year) is not given a figure; a flow is never carried', () => {
  const list = [...units, unit('c', 'C')];
  const s = summary(
    [report('a', 2027, { 1: 105 }), report('b', 2027, {}), report('c', 2027, {})],
    LAST_YEAR,
    JAN,
    list,
  );
  const ind = s.indicators.find((i) => i.code === STOCK);
  expect(ind?.carriedFromLastYear).toEqual([{ unitCode: 'b', month: 12 }]);
  expect(s.indicators.find((i) => i.code === 'DTN_QUA')?.carriedFromLastYear).toBeUndefined();
});

test('June: a figure of this year carried within the year is said with its month of this year', () => {
  const JUN: Period = { type: 'month', year: 2027, index: 6 };
  const s = summary([report('a', 2027, { 6: 105 }), report('b', 2027, { 3: 52 })], LAST_YEAR, JUN);
  const ind = s.indicators.find((i) => i.code === STOCK);
  expect(ind?.ytd).toBe(157);
  expect(ind?.carriedFromLastYear).toBeUndefined();
  expect(s.narrative.join(' ')).toContain(
    'Số đến nay gồm số đã báo cáo trước đó của xã B (số tháng 3/2027), chưa có số liệu tháng 6/2027.',
  );
});

test("a merger at the year turn: last year's old units' December figures, summed onto the new unit", () => {
  const merged = unit('ab', 'AB', { succession: { from: '2026-01-01', predecessors: ['a', 'b'] } });
  const s = summary(
    [report('c', 2026, { 1: 7 }), report('ab', 2026, {})],
    [report('a', 2025, { 12: 100 }), report('b', 2025, { 12: 50 }), report('c', 2025, { 12: 6 })],
    { type: 'month', year: 2026, index: 1 },
    [merged, unit('c', 'C')],
  );
  const ind = s.indicators.find((i) => i.code === STOCK);
  expect(ind?.ytd).toBe(7 + 150);
  expect(ind?.carriedFromLastYear).toEqual([{ unitCode: 'ab', month: 12 }]);
});

test("a merger mid last year: the new unit's own December figure of last year", () => {
  const merged = unit('ab', 'AB', { succession: { from: '2025-07-01', predecessors: ['a', 'b'] } });
  const s = summary(
    [report('ab', 2026, {})],
    [report('a', 2025, { 6: 100 }), report('b', 2025, { 6: 50 }), report('ab', 2025, { 12: 160 })],
    { type: 'month', year: 2026, index: 1 },
    [merged],
  );
  const ind = s.indicators.find((i) => i.code === STOCK);
  expect(ind?.ytd).toBe(160);
  expect(ind?.carriedFromLastYear).toEqual([{ unitCode: 'ab', month: 12 }]);
});

test('a unit carried from December that had no figure last January either: its change is marked as not like for like', () => {
  const s = summary(
    [report('a', 2027, { 1: 105 }), report('b', 2027, {})],
    [report('a', 2026, { 1: 90, 12: 100 }), report('b', 2026, { 12: 50 })],
  );
  const ind = s.indicators.find((i) => i.code === STOCK);
  expect([ind?.ytd, ind?.lastYearYtd]).toEqual([155, 90]);
  expect(ind?.unevenYtd).toEqual({ lastYearOnly: [], thisYearOnly: ['b'] });
  // With last January's figure it is like for like: no mark.
  const even = summary([report('a', 2027, { 1: 105 }), report('b', 2027, {})], LAST_YEAR);
  expect(even.indicators.find((i) => i.code === STOCK)?.unevenYtd).toBeUndefined();
});

test('two stocks of one paragraph carried from different months: each month named with its indicator', () => {
  const OTHER = 'HND_SXKDG_CONGNHAN';
  const both = (code: string, year: number, a: Record<number, number>, b: Record<number, number>) =>
    unitYear(code, year, { values: { [STOCK]: a, [OTHER]: b, DTN_QUA: { 1: 1 } }, submitted: { 1: `${year}-01-14` } });
  // B left both blank in January; its last figures of 2026 are of December and of November.
  const s = summary(
    [both('a', 2027, { 1: 105 }, { 1: 3 }), both('b', 2027, {}, {})],
    [both('a', 2026, { 1: 90 }, { 1: 2 }), both('b', 2026, { 1: 40, 12: 50 }, { 1: 2, 11: 6 })],
  );
  const find = (code: string) => s.indicators.find((i) => i.code === code);
  expect(find(STOCK)?.carriedFromLastYear).toEqual([{ unitCode: 'b', month: 12 }]);
  expect(find(OTHER)?.carriedFromLastYear).toEqual([{ unitCode: 'b', month: 11 }]);
  const named =
    'xã B (số tháng 11/2026 đối với chỉ tiêu "Hộ nông dân được công nhận sản xuất, kinh doanh giỏi các cấp (lũy kế)", ' +
    'số tháng 12/2026 đối với chỉ tiêu "Hộ đăng ký danh hiệu sản xuất, kinh doanh giỏi (lũy kế)")';
  expect(s.narrative.join(' ')).toContain(
    `Số đến nay gồm số đã báo cáo trước đó của ${named}, chưa có số liệu tháng 1/2027.`,
  );
  expect(carriedStockLines(s, CATALOGUE).join(' ')).toContain(named);
  // The same month for both: said once, as for one stock.
  const same = summary(
    [both('a', 2027, { 1: 105 }, { 1: 3 }), both('b', 2027, {}, {})],
    [both('a', 2026, { 1: 90 }, { 1: 2 }), both('b', 2026, { 12: 50 }, { 12: 6 })],
  );
  expect(same.narrative.join(' ')).toContain('trước đó của xã B (số tháng 12/2026), chưa có');
  // Carried in one of the two stocks said only: that stock named with its month, not read as both's.
  const one = summary(
    [both('a', 2027, { 1: 105 }, { 1: 3 }), both('b', 2027, {}, { 1: 7 })],
    [both('a', 2026, { 1: 90 }, { 1: 2 }), both('b', 2026, { 12: 50 }, { 12: 6 })],
  );
  expect(one.narrative.join(' ')).toContain(
    'trước đó của xã B (số tháng 12/2026 đối với chỉ tiêu "Hộ đăng ký danh hiệu sản xuất, kinh doanh giỏi (lũy kế)"), chưa có',
  );
});

describe('old units combined before a merger later in the year, one of them leaving the stock blank', () => {
  // AB is made of A and B from July 2027: until then A and B report in their own sheets.
  const list = [unit('ab', 'AB', { succession: { from: '2027-07-01', predecessors: ['a', 'b'] } }), unit('c', 'C')];
  const last = [
    report('a', 2026, { 1: 90, 12: 100 }),
    report('b', 2026, { 1: 40, 11: 48, 12: 50 }),
    report('c', 2026, { 1: 5, 12: 6 }),
  ];
  // The old units' sheets name them (C reports as ever).
  const run = (current: UnitYear[], period = JAN) =>
    summary(
      [...current.map((r) => ({ ...r, unitName: r.unitCode.toUpperCase() })), report('c', 2027, { 1: 7 })],
      last,
      period,
      list,
    );
  const stockOf = (s: ReturnType<typeof summary>) => s.indicators.find((i) => i.code === STOCK);

  test('January: B blank, A typed: B’s December figure is counted and named as carried', () => {
    const s = run([report('a', 2027, { 1: 105 }), report('b', 2027, {})]);
    const ind = stockOf(s);
    expect(ind?.ytd).toBe(105 + 50 + 7);
    expect(ind?.period).toBe(105 + 50 + 7); // AB's figure of January: each old unit's latest
    expect(ind?.lastYearYtd).toBe(90 + 40 + 5);
    expect(s.monthly[STOCK]?.[0]).toBe(162);
    expect(ind?.carriedOldUnits).toEqual([
      { unitCode: 'ab', oldCode: 'b', name: 'xã B', now: 'nay thuộc xã AB', month: 12 },
    ]);
    expect(ind?.carriedFromLastYear).toBeUndefined();
    expect(s.narrative.join(' ')).toContain(
      'Số đến nay gồm số đã báo cáo trước đó của xã B (nay thuộc xã AB, số tháng 12/2026), chưa có số liệu tháng 1/2027.',
    );
    // The summary's note on the "Từ đầu năm" column says it alike.
    expect(carriedStockLines(s, CATALOGUE).join(' ')).toContain(
      'gồm số đã báo cáo trước đó của xã B (nay thuộc xã AB, số tháng 12/2026), chưa có số liệu tháng 1/2027',
    );
  });

  test('March: B still blank: its December figure holds in every month; once B has typed one, January lacks it as a lone unit’s would', () => {
    const MAR: Period = { type: 'month', year: 2027, index: 3 };
    const s = run([report('a', 2027, { 1: 105, 3: 110 }), report('b', 2027, {})], MAR);
    expect(stockOf(s)?.ytd).toBe(110 + 50 + 7);
    expect(s.monthly[STOCK]?.slice(0, 3)).toEqual([162, 162, 167]);
    expect(stockOf(s)?.carriedOldUnits).toEqual([expect.objectContaining({ oldCode: 'b', month: 12 })]);
    const typed = run([report('a', 2027, { 1: 105, 3: 110 }), report('b', 2027, { 2: 52 })], MAR);
    expect(stockOf(typed)?.ytd).toBe(110 + 52 + 7);
    expect(typed.monthly[STOCK]?.slice(0, 3)).toEqual([112, 164, 169]);
    expect(stockOf(typed)?.carriedOldUnits).toBeUndefined();
  });

  test('both typed, or neither: totals as before, nothing counted twice', () => {
    const both = run([report('a', 2027, { 1: 105 }), report('b', 2027, { 1: 49 })]);
    expect(stockOf(both)?.ytd).toBe(154 + 7);
    expect(stockOf(both)?.carriedOldUnits).toBeUndefined();
    const neither = run([report('a', 2027, {}), report('b', 2027, {})]);
    // The merged unit's last year (A's and B's December) carried once, as a unit's.
    expect(stockOf(neither)?.ytd).toBe(150 + 7);
    expect(stockOf(neither)?.carriedFromLastYear).toEqual([{ unitCode: 'ab', month: 12 }]);
    expect(stockOf(neither)?.carriedOldUnits).toBeUndefined();
  });
});
