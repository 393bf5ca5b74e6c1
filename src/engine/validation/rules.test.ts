import fc from 'fast-check';
import { defaultCatalogue } from '../catalogue/defaults';
import { type FlatLayout, SheetReport } from '../sheet/sheet-report';
import type { Catalogue, Finding, UnitYear, ValidationRule } from '../types';
import { checkRules } from './rules';

const catalogue = defaultCatalogue();
const months12 = <T>(entries: Record<number, T>): (T | null)[] =>
  Array.from({ length: 12 }, (_, i) => (i + 1 in entries ? entries[i + 1] : null));

function report(values: Record<string, Record<number, number>>, extra: Partial<UnitYear> = {}): UnitYear {
  const v: Record<string, (number | null)[]> = {};
  const cells: Record<string, string[]> = {};
  catalogue.indicators.forEach((ind, i) => {
    if (ind.kind === 'note') return;
    v[ind.code] = months12(values[ind.code] ?? {});
    cells[ind.code] = Array.from({ length: 12 }, (_, m) => `${String.fromCharCode(69 + m)}${i + 10}`);
  });
  return {
    unitCode: 'chung-chai',
    unitName: 'Chung Chải',
    unitKind: 'xã',
    year: 2018,
    file: 'a.xlsx',
    sheet: 'Chung Chải 2018',
    values: v,
    notes: {},
    submitted: Array(12).fill(null),
    cells,
    submittedCells: Array(12).fill(''),
    invalid: [],
    ...extra,
  };
}

const only = (code: string): Catalogue => ({ ...catalogue, rules: catalogue.rules.filter((r) => r.code === code) });

describe('checkRules', () => {
  it('reports a sum that does not match, with both sides and the place', () => {
    const r = report({ DON_KHIEUNAI: { 4: 2 }, DON_TOCAO: { 4: 1 }, DON_KIENNGHI: { 4: 4 }, DON_TONG: { 4: 9 } });
    const cell = r.cells.DON_KHIEUNAI[3];
    expect(checkRules(r, only('DON_THEO_LOAI'))).toEqual([
      {
        severity: 'error',
        code: 'rule-violation',
        unitCode: 'chung-chai',
        unitName: 'Chung Chải',
        file: 'a.xlsx',
        sheet: 'Chung Chải 2018',
        cell,
        indicatorCode: 'DON_KHIEUNAI',
        indicatorLabel: 'Theo loại: đơn khiếu nại',
        month: 4,
        message: `Xã Chung Chải, ô ${cell} (tháng 4): Tổng số đơn theo loại (khiếu nại + tố cáo + kiến nghị, phản ánh) phải bằng tổng số đơn tiếp nhận — đang ghi ô H34 + H35 + H36 = 7, ô H33 = 9`,
      },
    ]);
  });

  it('passes when the rule holds, and uses the rule importance as severity', () => {
    const ok = report({ DON_KHIEUNAI: { 1: 2 }, DON_TOCAO: { 1: 1 }, DON_KIENNGHI: { 1: 4 }, DON_TONG: { 1: 7 } });
    expect(checkRules(ok, only('DON_THEO_LOAI'))).toEqual([]);
    // Resolving more than came in this month is right when older petitions were resolved too: a warning.
    const bad = report({ DON_DAGIAIQUYET: { 2: 8 }, DON_TONG: { 2: 7 } });
    expect(checkRules(bad, only('DON_DA_GIAI_QUYET')).map((f) => [f.severity, f.month])).toEqual([['warning', 2]]);
    // Pending is a stock (petitions open at the month's end, some from earlier months): no rule
    // adds it to the month's resolved ones against the month's received.
    expect(catalogue.rules.filter((r) => r.left.includes('DON_DANGGIAIQUYET'))).toEqual([]);
    expect(catalogue.indicators.find((i) => i.code === 'DON_DANGGIAIQUYET')?.overMonths).toBe('last');
  });

  it('skipIfAnySideMissing: a side with no value at all skips the month', () => {
    const r = report({ DON_KHIEUNAI: { 3: 1 }, DON_TONG: { 2: 5, 3: 4 } });
    // Month 2: left side empty; month 3: 1 vs 4 (missing parts count as 0).
    expect(checkRules(r, only('DON_THEO_LOAI')).map((f) => [f.month, f.message.split(' — ')[1]])).toEqual([
      [3, 'đang ghi ô G34 + G35 + G36 = 1, ô G33 = 4'],
    ]);
  });

  it('warns of parts typed with their total left blank, naming the total cell, once a month', () => {
    // Month 1: 2 complaints, total blank (both breakdowns share DON_TONG); month 2: parts all 0.
    const r = report({ DON_KHIEUNAI: { 1: 2, 2: 0 }, DON_DATDAI: { 1: 2 }, TCD_NGUOI: { 1: 6 } });
    const found = checkRules(r, catalogue);
    expect(found.map((f) => [f.severity, f.code, f.cell, f.indicatorCode, f.month])).toEqual([
      ['warning', 'blank-total', 'E33', 'DON_TONG', 1],
    ]);
    expect(found[0].message).toBe(
      'Xã Chung Chải, ô E33 (Tổng số đơn tiếp nhận, tháng 1): để trống nhưng các ô thành phần có ô E34 + E35 + E36 = 2 — hãy ghi tổng (tổng không tự cộng; nếu đúng là chưa có số liệu, hãy xóa cả các ô thành phần)',
    );
    // The total is not filled in.
    expect(r.values.DON_TONG[0]).toBeNull();
  });

  it('treatAsZero: checks whenever any value is present', () => {
    const cat = only('DON_THEO_LOAI');
    cat.rules = [{ ...cat.rules[0], missing: 'treatAsZero' }];
    const r = report({ DON_KHIEUNAI: { 1: 2 }, DON_TONG: { 2: 5 } });
    expect(checkRules(r, cat).map((f) => [f.month, f.message.split(' — ')[1]])).toEqual([
      [1, 'đang ghi ô E34 + E35 + E36 = 2, ô E33 = 0'],
      [2, 'đang ghi ô F34 + F35 + F36 = 0, ô F33 = 5'],
    ]);
  });

  it('compares with every operator, decimals without float noise', () => {
    const base = { left: ['LDLD_MAIAM_GIATRI'], right: ['DON_TONG'], importance: 'error' as const };
    const cat: Catalogue = {
      ...catalogue,
      rules: (['==', '!=', '<=', '<', '>=', '>'] as const).map((operator) => ({
        ...base,
        code: `R${operator}`,
        operator,
        message: `phải ${operator}`,
      })),
    };
    const failing = (l: number, r: number) =>
      checkRules(report({ LDLD_MAIAM_GIATRI: { 1: l }, DON_TONG: { 1: r } }), cat).map((f) => f.message);
    expect(failing(0.1 + 0.2, 0.3)).toEqual([
      'Xã Chung Chải, ô E29 (tháng 1): phải != — đang ghi ô E29 = 0,3, ô E33 = 0,3',
      'Xã Chung Chải, ô E29 (tháng 1): phải < — đang ghi ô E29 = 0,3, ô E33 = 0,3',
      'Xã Chung Chải, ô E29 (tháng 1): phải > — đang ghi ô E29 = 0,3, ô E33 = 0,3',
    ]);
    expect(failing(1.5, 2).map((m) => m.split(': ')[1].split(' — ')[0])).toEqual(['phải ==', 'phải >=', 'phải >']);
    expect(failing(2, 1.5).map((m) => m.split(': ')[1].split(' — ')[0])).toEqual(['phải ==', 'phải <=', 'phải <']);
  });

  it('skips a month where one of the rule cells is invalid', () => {
    const r = report({ DON_TOCAO: { 5: 1 }, DON_TONG: { 5: 9 } }, { invalid: ['DON_KHIEUNAI:5'] });
    expect(checkRules(r, only('DON_THEO_LOAI'))).toEqual([]);
  });

  it('checks only the months asked for', () => {
    const r = report({ DON_KHIEUNAI: { 1: 1, 9: 1 }, DON_TONG: { 1: 2, 9: 2 } });
    expect(checkRules(r, only('DON_THEO_LOAI'), [9]).map((f) => f.month)).toEqual([9]);
  });

  it('warns when a value exceeds the indicator maximum', () => {
    const cat: Catalogue = {
      ...catalogue,
      rules: [],
      indicators: catalogue.indicators.map((i) => (i.code === 'TCD_LUOT' ? { ...i, max: 100 } : i)),
    };
    const r = report({ TCD_LUOT: { 1: 100, 2: 1500 } });
    const cell = r.cells.TCD_LUOT[1];
    expect(checkRules(r, cat)).toEqual([
      {
        severity: 'warning',
        code: 'above-max',
        unitCode: 'chung-chai',
        unitName: 'Chung Chải',
        file: 'a.xlsx',
        sheet: 'Chung Chải 2018',
        cell,
        indicatorCode: 'TCD_LUOT',
        indicatorLabel: 'Lượt tiếp công dân',
        month: 2,
        message: `Xã Chung Chải, ô ${cell} (Lượt tiếp công dân, tháng 2): 1.500 lượt lớn hơn mức tối đa thường gặp (100 lượt); hãy kiểm tra lại số liệu`,
      },
    ]);
  });

  it('runs every default rule on a clean report without findings', () => {
    const r = report({
      DVK_DANHGIA: { 1: 4 },
      DVK_KINHTE: { 1: 1 },
      DVK_VHXH: { 1: 1 },
      DVK_QPAN: { 1: 1 },
      DVK_HTCT: { 1: 1 },
      HND_SXKDG_CONGNHAN: { 1: 10 },
      HND_SXKDG_DANGKY: { 1: 12 },
      TCD_LUOT: { 1: 3 },
      TCD_NGUOI: { 1: 5 },
    });
    expect(checkRules(r, catalogue)).toEqual([]);
    r.values.HND_SXKDG_CONGNHAN[0] = 13;
    expect(checkRules(r, catalogue).map((f) => f.message)).toEqual([
      `Xã Chung Chải, ô ${r.cells.HND_SXKDG_CONGNHAN[0]} (tháng 1): Số hộ được công nhận sản xuất, kinh doanh giỏi không được lớn hơn số hộ đăng ký — đang ghi ô ${r.cells.HND_SXKDG_CONGNHAN[0]} = 13, ô ${r.cells.HND_SXKDG_DANGKY[0]} = 12`,
    ]);
  });

  it('the shipped catalogue warns of figures no commune reports in a month; money typed in đồng says so', () => {
    const r = report({ LDLD_MAIAM: { 9: 1 }, LDLD_MAIAM_GIATRI: { 9: 90_000_000 }, DTN_KETNAP_DANG: { 9: 600 } });
    const found = checkRules(r, catalogue);
    expect(found.map((f) => [f.code, f.severity, f.indicatorCode])).toEqual([
      ['above-max', 'warning', 'DTN_KETNAP_DANG'],
      ['above-max', 'warning', 'LDLD_MAIAM_GIATRI'],
    ]);
    const cell = (code: string) => r.cells[code][8];
    expect(found.map((f) => f.message)).toEqual([
      `Xã Chung Chải, ô ${cell('DTN_KETNAP_DANG')} (Đoàn viên ưu tú được kết nạp Đảng, tháng 9): 600 đoàn viên lớn hơn ` +
        'mức tối đa thường gặp (30 đoàn viên); hãy kiểm tra lại số liệu',
      `Xã Chung Chải, ô ${cell('LDLD_MAIAM_GIATRI')} (Giá trị nhà "Mái ấm công đoàn", tháng 9): 90.000.000 triệu đồng lớn hơn ` +
        'mức tối đa thường gặp (2.000 triệu đồng); hãy kiểm tra lại số liệu (nếu đã ghi theo đồng: số đúng theo triệu đồng là 90)',
    ]);
  });
});

/**
 * The reader's reports are checked on their flat numbers, with a quick pass that skips reports
 * breaking no rule. Whatever the numbers, that must find exactly what the plain `values` walk finds.
 */
describe('checkRules on flat reports', () => {
  const numeric = catalogue.indicators.filter((i) => i.kind !== 'note');
  const pool = numeric.slice(0, 6).map((i) => i.code);
  const OPS = ['==', '!=', '<=', '<', '>=', '>'] as const;
  // Ties after tidy (0.1 + 0.2 vs 0.3), signs, huge and infinite sums, empty cells (NaN).
  const VALUES = [
    Number.NaN,
    Number.NaN,
    0,
    -0,
    1,
    2,
    3,
    7,
    0.1,
    0.2,
    0.3,
    0.7,
    1 / 3,
    2.5,
    -4,
    123456.78,
    1e15,
    1e300,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.constant(Number.NaN) },
    { weight: 6, arbitrary: fc.constantFrom(...VALUES) },
    { weight: 1, arbitrary: fc.double({ min: -50, max: 50, noNaN: true }) },
  );
  const code = fc.constantFrom(...pool, 'KHONG_CO');
  // One code a side is the common rule (and has its own quick path).
  const side = fc.oneof(fc.tuple(code), fc.array(code, { maxLength: 6 }));
  const rule = fc.record({
    left: side.filter((s) => s.length > 0),
    right: side,
    operator: fc.constantFrom(...OPS),
    missing: fc.constantFrom(undefined, 'skipIfAnySideMissing' as const, 'treatAsZero' as const),
    importance: fc.constantFrom('error' as const, 'warning' as const),
  });
  const input = fc.record({
    inLayout: fc.subarray(pool, { minLength: 1 }),
    rules: fc.array(rule, { maxLength: 3 }),
    maxima: fc.array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(0, 2, 7, 1e15) },
      ),
      { minLength: pool.length, maxLength: pool.length },
    ),
    numbers: fc.array(value, { minLength: pool.length * 12, maxLength: pool.length * 12 }),
    invalid: fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      {
        weight: 1,
        arbitrary: fc.array(fc.tuple(fc.constantFrom(...pool), fc.integer({ min: 1, max: 12 })), { maxLength: 2 }),
      },
    ),
    months: fc.option(fc.subarray([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], { minLength: 1 }), { nil: undefined }),
  });

  interface Case {
    inLayout: string[];
    rules: Omit<ValidationRule, 'code' | 'message'>[];
    maxima: readonly (number | undefined)[];
    /** Per code of `pool`, 12 months (NaN = empty). */
    numbers: number[];
    invalid: readonly [string, number][];
    months: number[] | undefined;
  }

  /** The case checked as the reader's flat report and as a plain report: [flat, plain]. */
  function bothWays(t: Case): [Finding[], Finding[]] {
    const codes = pool.filter((c) => t.inLayout.includes(c));
    const layout: FlatLayout = { codes, position: new Map(codes.map((c, k) => [c, k])) };
    // The report sits between others' numbers in a shared block, as the reader lays it out.
    const base = codes.length * 12;
    const flat = new Float64Array(codes.length * 36).fill(5);
    const values: Record<string, (number | null)[]> = {};
    const cells: Record<string, string[]> = {};
    codes.forEach((c, k) => {
      const months = t.numbers.slice(pool.indexOf(c) * 12, pool.indexOf(c) * 12 + 12);
      flat.set(months, base + k * 12);
      values[c] = months.map((v) => (Number.isNaN(v) ? null : v));
      cells[c] = months.map((_, m) => `${String.fromCharCode(69 + m)}${k + 10}`);
    });
    const cat: Catalogue = {
      ...catalogue,
      // Only the case's maxima (not the shipped catalogue's): each case says which it checks.
      indicators: catalogue.indicators.map(({ max: _shipped, ...i }) => {
        const at = pool.indexOf(i.code);
        return at >= 0 && t.maxima[at] !== undefined ? { ...i, max: t.maxima[at] } : i;
      }),
      rules: t.rules.map((r, k) => ({ ...r, code: `R${k}`, message: `luật ${k} (${r.operator})` })),
    };
    const head = {
      unitCode: 'chung-chai',
      unitName: 'Chung Chải',
      unitKind: 'xã',
      year: 2018,
      file: 'a.xlsx',
      sheet: 'Chung Chải 2018',
    };
    const rest = {
      notes: {},
      submitted: Array(12).fill(null),
      submittedCells: [],
      invalid: t.invalid.map((x) => x.join(':')),
    };
    const sheet = new SheetReport(head, flat, base, layout, rest, { make: () => cells });
    const plain: UnitYear = { ...head, ...rest, values, cells };
    return [checkRules(sheet, cat, t.months), checkRules(plain, cat, t.months)];
  }

  /**
   * Asserts, over `numRuns: 2000` cases of `arb` (seeded), that both ways find the same; counts
   * the cases with and without findings (each test bounds them, so a way that never finds fails).
   */
  function agreements<T>(
    arb: fc.Arbitrary<T>,
    toCase: (t: T) => Case,
    seed: number,
  ): { withFindings: number; without: number } {
    let withFindings = 0;
    let without = 0;
    fc.assert(
      fc.property(arb, (t) => {
        const [got, expected] = bothWays(toCase(t));
        expect(got).toEqual(expected);
        if (expected.length) withFindings++;
        else without++;
      }),
      { numRuns: 2000, seed },
    );
    return { withFindings, without };
  }

  it('finds what the values walk finds, in the same order and words', () => {
    let withFindings = 0;
    let without = 0;
    fc.assert(
      fc.property(input, (t) => {
        const [got, expected] = bothWays(t);
        expect(got).toEqual(expected);
        // The quick pass runs on reports without invalid cells.
        if (!t.invalid.length) {
          if (expected.length) withFindings++;
          else without++;
        }
      }),
      { numRuns: 2000, seed: 20260105 },
    );
    // Both outcomes are common, so a quick pass that skips a breaking report would fail above.
    expect(withFindings).toBeGreaterThan(300);
    expect(without).toBeGreaterThan(300);
  });

  it('finds what the values walk finds for one rule in one month (nothing else to hide a miss)', () => {
    const single = fc.record({
      inLayout: fc.subarray(pool, { minLength: 1 }),
      rules: fc.tuple(rule),
      maxima: fc.constant([]),
      numbers: fc.array(value, { minLength: pool.length * 12, maxLength: pool.length * 12 }),
      invalid: fc.constant([]),
      months: fc.integer({ min: 1, max: 12 }).map((m) => [m]),
    });
    const { withFindings } = agreements(single, (t) => t, 20260106);
    expect(withFindings).toBeGreaterThan(200);
    expect(withFindings).toBeLessThan(1800);
  });

  it('finds what the values walk finds when the right side is within a hair of the left sum', () => {
    // Every value filled and the two sides nearly equal: a quick sum that dropped, doubled or
    // reordered a term would pass a month that fails, or fail one that passes, often.
    const near = fc.record({
      left: fc.array(fc.constantFrom(...pool.slice(0, 5)), { minLength: 1, maxLength: 6 }),
      operator: fc.constantFrom(...OPS),
      numbers: fc.array(fc.constantFrom(0, 1, 2, 3, 7, 0.1, 0.2, 0.7, 2.5, -4), {
        minLength: pool.length * 12,
        maxLength: pool.length * 12,
      }),
      delta: fc.constantFrom(0, 0, 1, -1, 0.1, -0.1, 1e-12, -1e-12),
      month: fc.integer({ min: 1, max: 12 }),
    });
    const { withFindings } = agreements(
      near,
      (t) => {
        const numbers: number[] = [...t.numbers];
        const at = (c: string) => pool.indexOf(c) * 12 + t.month - 1;
        let sum = 0;
        for (const c of t.left) sum += numbers[at(c)];
        numbers[at(pool[5])] = sum + t.delta;
        const rules = [{ left: t.left, right: [pool[5]], operator: t.operator, importance: 'error' as const }];
        return { inLayout: pool, rules, maxima: [], numbers, invalid: [], months: [t.month] };
      },
      20260107,
    );
    expect(withFindings).toBeGreaterThan(400);
    expect(withFindings).toBeLessThan(1600);
  });

  it('finds what the values walk finds for one rule in one month of all twelve (the checker pass)', () => {
    // Every other month empty: skipped by both strategies, so only the month of interest can
    // find anything, and the quick pass over all twelve must find it in the right place.
    const single = fc.record({
      inLayout: fc.subarray(pool, { minLength: 1 }),
      rule,
      numbers: fc.array(value, { minLength: pool.length, maxLength: pool.length }),
      month: fc.integer({ min: 1, max: 12 }),
    });
    const { withFindings } = agreements(
      single,
      (t) => {
        const numbers = pool.flatMap((_, k) =>
          Array.from({ length: 12 }, (_, i) => (i === t.month - 1 ? t.numbers[k] : Number.NaN)),
        );
        return { inLayout: t.inLayout, rules: [t.rule], maxima: [], numbers, invalid: [], months: undefined };
      },
      20260108,
    );
    expect(withFindings).toBeGreaterThan(200);
    expect(withFindings).toBeLessThan(1800);
  });

  it('finds what the values walk finds in all twelve months, each side within a hair of the other', () => {
    // Sides of one to six codes against one, every value filled, each month's right side the
    // left sum plus that month's own small difference (mostly none): a quick pass that read
    // another month, dropped or doubled a term, or took a bound wrong fails here.
    const near = fc.record({
      left: fc.array(fc.constantFrom(...pool.slice(0, 5)), { minLength: 1, maxLength: 6 }),
      operator: fc.constantFrom(...OPS),
      numbers: fc.array(fc.constantFrom(0, -0, 1, 2, 3, 7, 0.1, 0.2, 0.7, 2.5, -4), {
        minLength: pool.length * 12,
        maxLength: pool.length * 12,
      }),
      deltas: fc.array(
        fc.oneof(
          { weight: 30, arbitrary: fc.constant(0) },
          { weight: 4, arbitrary: fc.constantFrom(1, -1, 0.1, -0.1, 1e-12, -1e-12) },
        ),
        { minLength: 12, maxLength: 12 },
      ),
    });
    const { withFindings, without } = agreements(
      near,
      (t) => {
        const numbers: number[] = [...t.numbers];
        for (let i = 0; i < 12; i++) {
          let sum = 0;
          for (const c of t.left) sum += numbers[pool.indexOf(c) * 12 + i];
          numbers[5 * 12 + i] = sum + t.deltas[i];
        }
        const rules = [{ left: t.left, right: [pool[5]], operator: t.operator, importance: 'error' as const }];
        return { inLayout: pool, rules, maxima: [], numbers, invalid: [], months: undefined };
      },
      20260109,
    );
    expect(withFindings).toBeGreaterThan(300);
    expect(without).toBeGreaterThan(200);
  });

  it('fails equal infinite sums as the values walk does (their difference is no number)', () => {
    const numbers = pool.flatMap((_, k) => Array<number>(12).fill(k < 2 ? Number.POSITIVE_INFINITY : Number.NaN));
    const rules = (['==', '<=', '>='] as const).map((operator) => ({
      left: [pool[0]],
      right: [pool[1]],
      operator,
      importance: 'error' as const,
    }));
    const [got, expected] = bothWays({ inLayout: pool, rules, maxima: [], numbers, invalid: [], months: [3] });
    expect(expected.map((f) => f.message.split(': ')[1])).toEqual([
      'luật 0 (==) — đang ghi ô G10 = ∞, ô G11 = ∞',
      'luật 1 (<=) — đang ghi ô G10 = ∞, ô G11 = ∞',
      'luật 2 (>=) — đang ghi ô G10 = ∞, ô G11 = ∞',
    ]);
    expect(got).toEqual(expected);
  });
});
