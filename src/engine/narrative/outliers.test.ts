/**
 * A commune's figure far out of line (aggregate/outliers.ts) is still counted: the sentence the
 * leader reads says so beside the total it is in, naming the commune and its figure.
 */
import { aggregate } from '../aggregate/aggregate';
import { unit, unitYear } from '../aggregate/test-helpers';
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import type { Period, Unit } from '../types';

const CATALOGUE = defaultCatalogue();
const SEP: Period = { type: 'month', year: 2019, index: 9 };
const Q3: Period = { type: 'quarter', year: 2019, index: 3 };
const FLOW = 'DTN_SUATCOM';
const STOCK = 'HND_SXKDG_DANGKY';
const NAMES = ['An Bình', 'Bản Phủ', 'Chà Cang', 'Mường Nhé', 'Nà Hỳ', 'Nậm Kè', 'Pá Mỳ', 'Quảng Lâm', 'Sín Thầu'];
const UNITS: Unit[] = NAMES.map((name, i) => unit(`x${i + 1}`, name));
/** Every commune's usual monthly figure; the same last year. */
const USUAL = [5, 8, 10, 12, 9, 7, 6, 11, 10];

/**
 * Every commune reports its usual figure for each month of 2018 and for January–September 2019,
 * except the figures given in `typed` (unit index → month → figure) for 2019.
 */
function narrative(typed: Record<number, Record<number, number>>, period: Period = SEP, code = FLOW) {
  const series = (x: number, year: number) => {
    const values: Record<number, number> = {};
    for (let m = 1; m <= (year === 2019 ? 9 : 12); m++) values[m] = (year === 2019 && typed[x]?.[m]) || USUAL[x];
    return values;
  };
  const submitted = (year: number) => {
    const s: Record<number, string> = {};
    for (let m = 1; m <= (year === 2019 ? 9 : 12); m++) s[m] = `${year}-${String(m).padStart(2, '0')}-15`;
    return s;
  };
  const report = (year: number) =>
    UNITS.map((u, x) =>
      unitYear(u.code, year, { name: u.name, values: { [code]: series(x, year) }, submitted: submitted(year) }),
    );
  const summary = aggregate({
    catalogue: CATALOGUE,
    units: UNITS,
    settings: defaultSettings(),
    period,
    current: report(2019),
    previous: report(2018),
    findings: [],
    generatedAt: '2019-10-05T10:00:00+07:00',
  });
  return {
    text: summary.narrative.join('\n'),
    outliers: summary.findings.filter((f) => f.code === 'outlier').map((f) => f.unitCode),
  };
}

describe('narrative: figures far out of line said beside their total', () => {
  test("Sín Thầu's 4.800 in September: named after the month's figure and its comparison, and the year's", () => {
    const { text, outliers } = narrative({ 8: { 9: 4800 } });
    expect(outliers).toEqual(['x9']);
    // The others' 68 and 4.800; last year 78.
    expect(text).toContain(
      `Trong tháng 9/2019, toàn huyện có 4.868 suất cơm từ thiện, tăng 4.790 suất so cùng kỳ ` +
        '(trong đó xã Sín Thầu 4.800 suất, số bất thường cần kiểm tra lại)',
    );
    // The year to date holds it too: 8 months of 78 and September's 4.868.
    expect(text).toContain(
      'Từ đầu năm đến nay, toàn huyện có 5.492 suất cơm từ thiện, tăng 4.790 suất so cùng kỳ ' +
        '(trong đó xã Sín Thầu 4.800 suất, số bất thường cần kiểm tra lại)',
    );
  });

  test('nothing said without an outlier', () => {
    const { text, outliers } = narrative({ 8: { 9: 12 } });
    expect(outliers).toEqual([]);
    expect(text).toContain('Trong tháng 9/2019, toàn huyện có 80 suất cơm từ thiện, tăng 2 suất so cùng kỳ.');
    expect(text).not.toContain('bất thường');
  });

  test('two communes named, beyond them counted', () => {
    const two = narrative({ 8: { 9: 4800 }, 0: { 9: 900 } });
    expect(two.outliers.sort()).toEqual(['x1', 'x9']);
    expect(two.text).toContain(
      '(trong đó xã An Bình 900 suất và xã Sín Thầu 4.800 suất, các số bất thường cần kiểm tra lại)',
    );
    const three = narrative({ 8: { 9: 4800 }, 0: { 9: 900 }, 1: { 9: 700 } });
    expect(three.outliers.sort()).toEqual(['x1', 'x2', 'x9']);
    expect(three.text).toContain(
      '(trong đó xã An Bình 900 suất, xã Bản Phủ 700 suất và 1 đơn vị khác, các số bất thường cần kiểm tra lại)',
    );
  });

  test('a quarter: the month of each figure said', () => {
    const { text, outliers } = narrative({ 8: { 8: 4800 }, 0: { 9: 900 } }, Q3);
    expect(outliers.sort()).toEqual(['x1', 'x9']);
    expect(text).toContain(
      '(trong đó xã Sín Thầu 4.800 suất tháng 8 và xã An Bình 900 suất tháng 9, các số bất thường cần kiểm tra lại)',
    );
  });

  test("a stock: said in the figure so far only while it is the commune's latest", () => {
    const sept = narrative({ 8: { 9: 4800 } }, SEP, STOCK);
    expect(sept.outliers).toEqual(['x9']);
    expect(sept.text).toContain(
      'Đến nay, toàn huyện có 4.868 hộ đăng ký sản xuất, kinh doanh giỏi các cấp, tăng 4.790 hộ so cùng kỳ ' +
        '(trong đó xã Sín Thầu 4.800 hộ, số bất thường cần kiểm tra lại).',
    );
    // August's 4.800 in a quarter, September's 10 after it: the figure so far does not hold it.
    const later = narrative({ 8: { 8: 4800 } }, Q3, STOCK);
    expect(later.outliers).toEqual(['x9']);
    expect(later.text).not.toContain('bất thường');
  });
});
