import fc from 'fast-check';
import units2025Json from '../../../sheets-templates/units-2025.json';
import { defaultSettings } from '../catalogue/defaults';
import { parseUnits } from '../catalogue/schema';
import { compareVi } from '../text/collate';
import type { Period, Unit } from '../types';
import { completeness } from './completeness';
import {
  mapToSuccessors,
  monthsBeforeMerger,
  oneReportPerUnit,
  reportsByCode,
  soleReportByCode,
  splitPredecessors,
} from './succession';
import { shuffle, type UnitYearSpec, unit, unitYear } from './test-helpers';

const r = parseUnits(units2025Json, 'units-2025.json');
if (!r.ok) throw new Error(r.errors.join('\n'));
const UNITS_2025: Unit[] = r.value;
const SEP_2025: Period = { type: 'month', year: 2025, index: 9 };
const SETTINGS = defaultSettings();
const OLD = [
  'chung-chai',
  'huoi-lech',
  'leng-su-sin',
  'muong-nhe',
  'muong-toong',
  'nam-ke',
  'nam-vi',
  'pa-my',
  'quang-lam',
  'sen-thuong',
  'sin-thau',
];

/** Each old commune i reports i+1 lượt in September 2024 and (i+1)*10 households (stock) in August and September. */
function reports2024() {
  return OLD.map((code, i) =>
    unitYear(code, 2024, {
      values: { TCD_LUOT: { 9: i + 1 }, HND_SXKDG_CONGNHAN: { 8: (i + 1) * 10, 9: (i + 1) * 10 } },
      submitted: { 9: `2024-09-1${i % 5}` },
      invalid: i === 0 ? ['DON_TONG:9'] : [],
    }),
  );
}

describe('mapToSuccessors across the 2025 merger (11 communes → 5)', () => {
  const { mapped, unmatched, splits } = mapToSuccessors(reports2024(), UNITS_2025, SEP_2025);
  const byCode = new Map(mapped.map((m) => [m.unitCode, m]));

  it('gives every new commune the month-wise sum of its predecessors', () => {
    expect(mapped.map((m) => m.unitCode)).toEqual([
      'muong-nhe-2025',
      'sin-thau-2025',
      'muong-toong-2025',
      'nam-ke-2025',
      'quang-lam-2025',
    ]);
    // Mường Nhé ← Mường Nhé (4), Nậm Vì (7), Chung Chải (1)
    expect(byCode.get('muong-nhe-2025')?.values.TCD_LUOT).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      12,
      null,
      null,
      null,
    ]);
    // Sín Thầu ← Sín Thầu (11), Sen Thượng (10), Leng Su Sìn (3)
    expect(byCode.get('sin-thau-2025')?.values.TCD_LUOT[8]).toBe(24);
    // Mường Toong ← Mường Toong (5), Huổi Lếch (2)
    expect(byCode.get('muong-toong-2025')?.values.TCD_LUOT[8]).toBe(7);
    // Nậm Kè ← Nậm Kè (6), Pá Mỳ (8)
    expect(byCode.get('nam-ke-2025')?.values.TCD_LUOT[8]).toBe(14);
    // Quảng Lâm ← Quảng Lâm (9); Na Cô Sa (Nậm Pồ district) not in these files
    expect(byCode.get('quang-lam-2025')?.values.TCD_LUOT[8]).toBe(9);
    expect(unmatched).toEqual([]);
    expect(splits).toEqual([]);
  });

  it('sums stocks over predecessors and keeps null months null', () => {
    const stock = byCode.get('muong-nhe-2025')?.values.HND_SXKDG_CONGNHAN;
    expect(stock?.[7]).toBe(120);
    expect(stock?.[8]).toBe(120);
    expect(stock?.[6]).toBeNull();
  });

  it('keeps the new names, the latest submission date and the invalid cells', () => {
    const mn = byCode.get('muong-nhe-2025');
    expect(mn?.unitName).toBe('Mường Nhé');
    expect(mn?.year).toBe(2024);
    // chung-chai 2024-09-10, muong-nhe 2024-09-13, nam-vi 2024-09-11
    expect(mn?.submitted[8]).toBe('2024-09-13');
    expect(mn?.invalid).toEqual(['DON_TONG:9']);
  });

  it('does not depend on input order', () => {
    for (const seed of [1, 2, 3])
      expect(mapToSuccessors(shuffle(reports2024(), seed), UNITS_2025, SEP_2025)).toEqual({
        mapped,
        unmatched,
        splits,
      });
  });

  it('is idempotent', () => {
    expect(mapToSuccessors(mapped, UNITS_2025, SEP_2025)).toEqual({ mapped, unmatched: [], splits: [] });
  });
});

describe('mapToSuccessors details', () => {
  const P: Period = { type: 'month', year: 2025, index: 9 };

  it('adds data already filed under the new code, from its first month on alone, and the unit’s own date wins', () => {
    const units = [unit('new', 'Mới', { succession: { from: '2025-07-01', predecessors: ['a', 'b'] } })];
    const { mapped } = mapToSuccessors(
      [
        unitYear('a', 2024, { values: { X: { 1: 1, 7: 1 } }, submitted: { 7: '2024-07-20' } }),
        unitYear('b', 2024, { name: 'Bê', values: { X: { 1: 2 } }, notes: { N: { 1: 'khó khăn' } } }),
        unitYear('new', 2024, { values: { X: { 7: 10, 8: 0 } }, submitted: { 7: '2024-07-16' } }),
      ],
      units,
      P,
    );
    expect(mapped).toHaveLength(1);
    // July is the new unit's from its first own figure: a's July is not added to it again.
    expect(mapped[0].values.X).toEqual([3, null, null, null, null, null, 10, 0, null, null, null, null]);
    expect(mapped[0].submitted[6]).toBe('2024-07-16');
    expect(mapped[0].notes.N[0]).toBe('Bê: khó khăn');
  });

  it('maps a current unit to itself and reports unknown units', () => {
    const units = [unit('a', 'A'), unit('b', 'B')];
    const { mapped, unmatched } = mapToSuccessors(
      [unitYear('a', 2024), unitYear('zz', 2024), unitYear('b', 2024), unitYear('yy', 2024), unitYear('zz', 2023)],
      units,
      P,
    );
    expect(mapped.map((m) => `${m.unitCode} ${m.year}`)).toEqual(['a 2024', 'b 2024']);
    expect(unmatched).toEqual(['yy', 'zz']);
  });

  it('leaves a predecessor that is still a current unit alone', () => {
    const units = [unit('a', 'A', { succession: { from: '2025-07-01', predecessors: ['a', 'b'] } }), unit('b', 'B')];
    const { mapped } = mapToSuccessors(
      [unitYear('a', 2024, { values: { X: { 1: 1 } } }), unitYear('b', 2024, { values: { X: { 1: 5 } } })],
      units,
      P,
    );
    expect(mapped.map((m) => [m.unitCode, m.values.X[0]])).toEqual([
      ['a', 1],
      ['b', 5],
    ]);
  });

  it('ignores years after the period', () => {
    const { mapped } = mapToSuccessors([unitYear('a', 2026)], [unit('a', 'A')], P);
    expect(mapped).toEqual([]);
  });

  it('keeps one report per unit and year: the first by file and sheet', () => {
    const kept = oneReportPerUnit([
      unitYear('a', 2024, { file: 'z.xlsx', values: { X: { 1: 9 } } }),
      unitYear('a', 2024, { file: 'b.xlsx', values: { X: { 1: 1 } } }),
      unitYear('a', 2023, { file: 'z.xlsx' }),
    ]);
    expect(kept.map((k) => `${k.year} ${k.file}`)).toEqual(['2023 z.xlsx', '2024 b.xlsx']);
  });
});

/** Sum of one indicator's month over reports (null values skipped). */
const total = (reports: { values: Record<string, (number | null)[]> }[], code: string, month: number) =>
  reports.reduce((acc, r) => acc + (r.values[code]?.[month - 1] ?? 0), 0);

describe('mapToSuccessors with an old unit split between two new units', () => {
  const P: Period = { type: 'month', year: 2025, index: 9 };
  // "x" is listed under both new units. By code "a-new" comes first; by name "Chung Chải"
  // ("b-new") does: the name decides, as in the summary's rows.
  const units = [
    unit('a-new', 'Sín Thầu', { succession: { from: '2025-07-01', predecessors: ['a-old', 'x'] } }),
    unit('b-new', 'Chung Chải', { succession: { from: '2025-07-01', predecessors: ['x', 'b-old'] } }),
    unit('c', 'Quảng Lâm'),
  ];
  // Powers of two: every sum says which reports went into it.
  const reports = [
    unitYear('a-old', 2024, { values: { X: { 9: 1 } } }),
    unitYear('b-old', 2024, { values: { X: { 9: 2 } } }),
    unitYear('x', 2024, { name: 'Xá Cũ', values: { X: { 9: 4 } } }),
    unitYear('c', 2024, { values: { X: { 9: 8 } } }),
    // Year of the merger: January–June from the old communes.
    unitYear('x', 2025, { name: 'Xá Cũ', values: { X: { 3: 16 } } }),
    unitYear('a-old', 2025, { values: { X: { 3: 32 } } }),
    unitYear('a-new', 2025, { values: { X: { 9: 64 } } }),
  ];
  const { mapped, splits, unmatched } = mapToSuccessors(reports, units, P);
  const of = (code: string, year: number) => mapped.find((m) => m.unitCode === code && m.year === year);

  it('counts the split old unit for exactly one successor, the first by name', () => {
    const withX = mapped.filter((m) => (m.values.X?.[8] ?? 0) & 4);
    expect(withX.map((m) => m.unitCode)).toEqual(['b-new']);
    expect(of('b-new', 2024)?.values.X[8]).toBe(2 + 4);
    expect(of('a-new', 2024)?.values.X[8]).toBe(1);
    expect(unmatched).toEqual([]);
  });

  it('applies the same rule to this year’s months from before the merger', () => {
    expect(of('b-new', 2025)?.values.X[2]).toBe(16);
    const a = of('a-new', 2025)?.values.X;
    expect([a?.[2], a?.[8]]).toEqual([32, 64]);
  });

  it('keeps totals equal to the sum of the distinct reports, each year', () => {
    for (const [year, month] of [
      [2024, 9],
      [2025, 3],
      [2025, 9],
    ]) {
      const inputs = reports.filter((r) => r.year === year);
      const outputs = mapped.filter((m) => m.year === year);
      expect(total(outputs, 'X', month)).toBe(total(inputs, 'X', month));
    }
  });

  it('lists the split once, with all successors, the one counted first', () => {
    expect(splits.map((s) => [s.code, s.name, s.successors.map((u) => u.code)])).toEqual([
      ['x', 'Xá Cũ', ['b-new', 'a-new']],
    ]);
    expect(splitPredecessors(reports, units)).toEqual(splits);
  });

  it('does not depend on the order of units or reports', () => {
    for (const seed of [1, 2, 3, 4]) {
      const again = mapToSuccessors(shuffle(reports, seed), shuffle(units, seed + 10), P);
      expect(of('b-new', 2024)).toEqual(again.mapped.find((m) => m.unitCode === 'b-new' && m.year === 2024));
      expect(again.splits.map((s) => s.successors[0].code)).toEqual(['b-new']);
    }
  });

  it('lists no split without a report of the old unit, nor without a split', () => {
    expect(
      splitPredecessors(
        reports.filter((r) => r.unitCode !== 'x'),
        units,
      ),
    ).toEqual([]);
    expect(mapToSuccessors(reports, [units[0], units[2]], P).splits).toEqual([]);
    // An old code that is still a current unit keeps its data: no split.
    const stillCurrent = [...units, unit('x', 'Xá Cũ')];
    const r = mapToSuccessors(reports, stillCurrent, P);
    expect(r.splits).toEqual([]);
    expect(r.mapped.find((m) => m.unitCode === 'x' && m.year === 2024)?.values.X[8]).toBe(4);
  });
});

describe('mapToSuccessors property: each old report counted once, whatever the order', () => {
  const P: Period = { type: 'month', year: 2025, index: 9 };
  const OLD_CODES = ['o1', 'o2', 'o3', 'o4'];
  const NAMES = ['Chung Chải', 'Mường Nhé', 'Nậm Kè', 'Sín Thầu'];
  const arb = fc
    .record({
      units: fc.uniqueArray(
        fc.record({
          code: fc.constantFrom('n1', 'n2', 'n3', 'n4', 'o1'),
          name: fc.constantFrom(...NAMES),
          predecessors: fc.subarray([...OLD_CODES, 'n1', 'n2']),
        }),
        { minLength: 1, maxLength: 4, selector: (u) => u.code },
      ),
      reports: fc.uniqueArray(
        fc.record({
          code: fc.constantFrom(...OLD_CODES, 'n1', 'n2', 'n3', 'n4', 'zz'),
          year: fc.constantFrom(2024, 2025),
          value: fc.integer({ min: 1, max: 1000 }),
        }),
        { maxLength: 12, selector: (r) => `${r.code} ${r.year}` },
      ),
      seed: fc.nat(),
    })
    .map(({ units, reports, seed }) => ({
      units: units.map((u) =>
        unit(
          u.code,
          u.name,
          u.predecessors.length ? { succession: { from: '2025-07-01', predecessors: u.predecessors } } : {},
        ),
      ),
      reports: reports.map((r) => unitYear(r.code, r.year, { values: { X: { 1: r.value } } })),
      seed,
    }));

  /**
   * Whether an old unit's report (month 1 only here) is left out: its first successor in name
   * order reports that year under its own code, which then is the area's (firstOwnMonth).
   */
  const superseded = (
    r: { unitCode: string; year: number },
    units: Unit[],
    reports: { unitCode: string; year: number }[],
  ) => {
    if (units.some((u) => u.code === r.unitCode)) return false;
    const [first] = units
      .filter((u) => u.succession?.predecessors?.includes(r.unitCode))
      .sort((a, b) => compareVi(a.name, b.name) || (a.code < b.code ? -1 : 1));
    if (!first || first.succession?.predecessors?.includes(first.code)) return false;
    return reports.some((o) => o.unitCode === first.code && o.year === r.year);
  };

  it('mapped totals equal the sum of the matched reports, each once; order does not matter', () => {
    fc.assert(
      fc.property(arb, ({ units, reports, seed }) => {
        const { mapped, unmatched } = mapToSuccessors(reports, units, P);
        const matched = reports.filter((r) => !unmatched.includes(r.unitCode) && !superseded(r, units, reports));
        for (const year of [2024, 2025])
          expect(
            total(
              mapped.filter((m) => m.year === year),
              'X',
              1,
            ),
          ).toBe(
            total(
              matched.filter((r) => r.year === year),
              'X',
              1,
            ),
          );
        const again = mapToSuccessors(shuffle(reports, seed), shuffle(units, seed + 1), P);
        const key = (m: { unitCode: string; year: number }) => `${m.unitCode} ${m.year}`;
        const sorted = (ms: typeof mapped) => [...ms].sort((a, b) => (key(a) < key(b) ? -1 : 1));
        expect(sorted(again.mapped)).toEqual(sorted(mapped));
        expect(again.unmatched).toEqual(unmatched);
        expect(again.splits).toEqual(mapToSuccessors(reports, units, P).splits);
      }),
      { numRuns: 300 },
    );
  });
});

describe('reportsByCode and the mapping without successions (one pass, no sort)', () => {
  const P: Period = { type: 'month', year: 2025, index: 9 };
  const arb = fc.record({
    reports: fc.array(
      fc.record({
        code: fc.constantFrom('a', 'b', 'c', 'zz'),
        year: fc.constantFrom(2023, 2024, 2025, 2026),
        file: fc.constantFrom('x.xlsx', 'y.xlsx', 'Y.xlsx'),
        sheet: fc.constantFrom('2024', 'Sheet1', 's'),
        value: fc.integer({ min: 1, max: 99 }),
      }),
      { maxLength: 14 },
    ),
    units: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1 }),
  });
  const build = (rs: { code: string; year: number; file: string; sheet: string; value: number }[]) =>
    rs.map((x) => unitYear(x.code, x.year, { file: x.file, sheet: x.sheet, values: { X: { 1: x.value } } }));

  it('keeps, per unit and year, the very report oneReportPerUnit keeps (ties: the first given)', () => {
    fc.assert(
      fc.property(arb, ({ reports }) => {
        const given = build(reports);
        const byCode = reportsByCode(given, 2025);
        const want = oneReportPerUnit(given.filter((x) => x.year <= 2025));
        const got = [...byCode.values()].flat();
        expect(got.length).toBe(want.length);
        for (const w of want) expect(got).toContain(w); // the same objects
        for (const list of byCode.values())
          for (let i = 1; i < list.length; i++) expect(list[i].year).toBeGreaterThan(list[i - 1].year);
      }),
      { numRuns: 300 },
    );
  });

  it('maps as the general mapping does (units that list only themselves take that path)', () => {
    fc.assert(
      fc.property(arb, ({ reports, units }) => {
        const given = build(reports);
        const plain = units.map((c) => unit(c, `Xã ${c.toUpperCase()}`));
        const general = plain.map((u) => ({ ...u, succession: { from: '2025-07-01', predecessors: [u.code] } }));
        expect(mapToSuccessors(given, plain, P)).toEqual(mapToSuccessors(given, general, P));
      }),
      { numRuns: 300 },
    );
  });

  it('takes reports with a code, file or sheet that is not text through oneReportPerUnit', () => {
    const odd = [unitYear('a', 2024, { file: 'b.xlsx' }), { ...unitYear('a', 2024), file: 7 as unknown as string }];
    const byCode = reportsByCode(odd, 2025);
    expect(byCode.get('a')).toEqual(oneReportPerUnit(odd));
  });
});

describe('soleReportByCode: the one-report-per-code fast path', () => {
  const CODES = ['a', 'b', 'c', 'd', 'e', 'zz'];
  const report = fc
    .record({
      code: fc.constantFrom(...CODES),
      year: fc.constantFrom(2024, 2025, 2026),
      file: fc.constantFrom('1.xlsx', '2.xlsx'),
      month: fc.integer({ min: 1, max: 12 }),
      value: fc.integer({ min: -5, max: 5 }),
      dated: fc.boolean(),
    })
    .map((x) =>
      unitYear(x.code, x.year, {
        file: x.file,
        values: { TCD_LUOT: { [x.month]: x.value } },
        submitted: x.dated ? { [x.month]: `${x.year}-0${(x.month % 9) + 1}-15` } : {},
      }),
    );
  const UNITS = ['a', 'b', 'c', 'd', 'e'].map((c, i) => unit(c, `Xã ${5 - i}`));

  it('is reportsByCode with one report per code when no code repeats up to the year, else null', () => {
    fc.assert(
      fc.property(fc.array(report, { maxLength: 12 }), (reports) => {
        const sole = soleReportByCode(reports, 2025);
        const lists = reportsByCode(reports, 2025);
        const counts = new Map<string, number>();
        for (const r of reports) if (r.year <= 2025) counts.set(r.unitCode, (counts.get(r.unitCode) ?? 0) + 1);
        const repeats = [...counts.values()].some((n) => n > 1);
        expect(sole === null).toBe(repeats);
        if (sole) {
          expect([...sole.keys()]).toEqual([...lists.keys()]);
          for (const [code, r] of sole) expect(lists.get(code)).toEqual([r]);
        }
      }),
    );
  });

  it('gives mapToSuccessors and completeness the results of the general path', () => {
    // A second report of a code and year in a later file changes nothing (the first by file
    // is kept) but takes the general path: both must agree.
    fc.assert(
      fc.property(fc.uniqueArray(report, { selector: (r) => r.unitCode, maxLength: 6 }), (reports) => {
        const extra = reports.map((r) => ({ ...r, file: 'z.xlsx', values: { TCD_LUOT: Array(12).fill(99) } }));
        for (const period of [SEP_2025, { ...SEP_2025, year: 2026 }] as Period[]) {
          expect(soleReportByCode(reports, period.year)).not.toBeNull();
          const withExtra = [...reports, ...extra];
          expect(mapToSuccessors(reports, UNITS, period)).toEqual(mapToSuccessors(withExtra, UNITS, period));
          if (!reports.some((r) => r.year <= period.year)) continue;
          expect(soleReportByCode(withExtra, period.year)).toBeNull();
          expect(completeness(reports, UNITS, period, SETTINGS)).toEqual(
            completeness(withExtra, UNITS, period, SETTINGS),
          );
        }
      }),
    );
  });
});

describe('mapToSuccessors: the months before a merger', () => {
  const NINE: Period = { type: 'nine', year: 2025, index: 1 };
  const mn = UNITS_2025.filter((u) => u.code === 'muong-nhe-2025');
  const months = (list: number[], value: number) => Object.fromEntries(list.map((m) => [m, value]));
  const H1 = [1, 2, 3, 4, 5, 6];
  /** Mường Nhé with its merger dated `from` (a date typed wrong). */
  const mergedOn = (from: string) =>
    mn.map((u) => ({ ...u, succession: { ...(u.succession as NonNullable<Unit['succession']>), from } }));
  /** Mường Nhé's three old communes' 2025 reports, each with these values. */
  const threeOlds = (values: UnitYearSpec['values']) =>
    ['muong-nhe', 'nam-vi', 'chung-chai'].map((code) => unitYear(code, 2025, { values }));

  it('knows which months the old units report, from the data windows', () => {
    // Cut-off 15: July's window (15/06–14/07) closes after 1 July, so it is the new unit's.
    expect(monthsBeforeMerger('2025-07-01', 2025, 15)).toBe(6);
    expect(monthsBeforeMerger('2025-07-01', 2025, 1)).toBe(6);
    expect(monthsBeforeMerger('2025-07-15', 2025, 15)).toBe(7);
    expect(monthsBeforeMerger('2025-07-14', 2025, 15)).toBe(6);
    expect(monthsBeforeMerger('2025-07-01', 2024, 15)).toBe(12);
    expect(monthsBeforeMerger('2025-07-01', 2026, 15)).toBe(0);
    // 1 January: December's window closed on 14/12, January's is the new unit's.
    expect(monthsBeforeMerger('2025-01-01', 2024, 15)).toBe(12);
    expect(monthsBeforeMerger('2025-01-01', 2025, 15)).toBe(0);
  });

  const stockReports = () => [
    unitYear('muong-nhe', 2025, { values: { S: months(H1, 10), F: months(H1, 1) } }),
    unitYear('chung-chai', 2025, { values: { S: months(H1, 20), F: months(H1, 1) } }),
    // Nậm Vì entered nothing in June.
    unitYear('nam-vi', 2025, { values: { S: months([1, 2, 3, 4, 5], 50), F: months([1, 2, 3, 4, 5], 1) } }),
    unitYear('muong-nhe-2025', 2025, { values: { S: { 8: 85 }, F: { 8: 3 } } }),
  ];

  it('adds each old unit’s latest stock before the merger, and flows as they are', () => {
    const [m] = mapToSuccessors(stockReports(), mn, NINE, { stocks: new Set(['S']) }).mapped;
    expect(m.values.S).toEqual([80, 80, 80, 80, 80, 80, null, 85, null, null, null, null]);
    expect(m.values.F).toEqual([3, 3, 3, 3, 3, 2, null, 3, null, null, null, null]);
    // Without the stock codes every indicator is a plain month-wise sum, as before.
    const [plain] = mapToSuccessors(stockReports(), mn, NINE).mapped;
    expect(plain.values.S.slice(4, 6)).toEqual([80, 30]);
  });

  it('carries an old unit’s stock only to months where another old unit reports, and not past the merger', () => {
    const reports = [
      unitYear('muong-nhe', 2025, { values: { S: { 2: 10, 5: 12 } } }),
      unitYear('chung-chai', 2025, { values: { S: { 3: 20, 6: 21, 7: 99 } } }),
    ];
    const [m] = mapToSuccessors(reports, mn, NINE, { stocks: new Set(['S']) }).mapped;
    // Chung Chải's July (after the merger) is not the new commune's: left out.
    expect(m.values.S).toEqual([null, 10, 30, null, 32, 33, null, null, null, null, null, null]);
  });

  it('leaves out an old unit’s months after the merger, but not those of the sheet the new unit goes on in', () => {
    const reports = [
      // The new Mường Nhé goes on in the old Mường Nhé's sheet (no report of its own code).
      unitYear('muong-nhe', 2025, { name: 'Mường Nhé', values: { F: { 1: 1, 7: 10, 8: 10 } } }),
      // Nậm Vì went on filling its own sheet after 01/07/2025.
      unitYear('nam-vi', 2025, { name: 'Nậm Vì', values: { F: { 1: 2, 7: 5 } }, submitted: { 7: '2025-07-16' } }),
    ];
    const r = mapToSuccessors(reports, mn, NINE, { gaps: true });
    expect(r.mapped[0].values.F).toEqual([3, null, null, null, null, null, 10, 10, null, null, null, null]);
    expect(r.afterMerger?.map((g) => [g.unit.code, g.code, g.months])).toEqual([['muong-nhe-2025', 'nam-vi', [7]]]);
    // With a report of the new unit's own code, the old Mường Nhé's later months are left out too.
    const own = unitYear('muong-nhe-2025', 2025, { name: 'Mường Nhé', values: { F: { 9: 7 } } });
    const withOwn = mapToSuccessors([...reports, own], mn, NINE, { gaps: true });
    expect(withOwn.mapped[0].values.F).toEqual([3, null, null, null, null, null, null, null, 7, null, null, null]);
    expect(withOwn.afterMerger?.map((g) => [g.code, g.months])).toEqual([
      ['muong-nhe', [7, 8]],
      ['nam-vi', [7]],
    ]);
  });

  it('counts a renamed unit’s old sheet going on after the renaming when the new code has no report of the year', () => {
    const moi = unit('muong-phang-moi', 'Mường Phăng Mới', {
      succession: { from: '2025-07-01', predecessors: ['muong-phang'] },
    });
    const old = unitYear('muong-phang', 2025, { name: 'Mường Phăng', values: { F: { 1: 1, 6: 1, 7: 2, 9: 3 } } });
    const r = mapToSuccessors([old], [moi], NINE, { gaps: true });
    expect(r.mapped.map((m) => [m.unitCode, m.values.F])).toEqual([
      ['muong-phang-moi', [1, null, null, null, null, 1, 2, null, 3, null, null, null]],
    ]);
    expect(r.afterMerger).toEqual([]);
    expect(r.renamedGoesOn?.map((g) => [g.unit.code, g.code, g.months])).toEqual([
      ['muong-phang-moi', 'muong-phang', [7, 9]],
    ]);
    // With a report of its own, the old sheet's later months are left out, as after a merger.
    const own = unitYear('muong-phang-moi', 2025, { name: 'Mường Phăng Mới', values: { F: { 8: 10 } } });
    const withOwn = mapToSuccessors([old, own], [moi], NINE, { gaps: true });
    expect(withOwn.mapped[0].values.F).toEqual([1, null, null, null, null, 1, null, 10, null, null, null, null]);
    expect(withOwn.afterMerger?.map((g) => [g.code, g.months])).toEqual([['muong-phang', [7, 9]]]);
    expect(withOwn.renamedGoesOn).toEqual([]);
    // An old unit split between two new ones is no renaming: its later months are left out.
    const other = unit('pa-khoang-moi', 'Pá Khoang', {
      succession: { from: '2025-07-01', predecessors: ['muong-phang'] },
    });
    const split = mapToSuccessors([old], [moi, other], NINE, { gaps: true });
    expect(split.mapped.map((m) => [m.unitCode, m.values.F])).toEqual([
      ['muong-phang-moi', [1, null, null, null, null, 1, null, null, null, null, null, null]],
    ]);
    expect(split.renamedGoesOn).toEqual([]);
  });

  it('adds no month twice: from the first month the new unit reports itself, its report is the area’s', () => {
    // Each old commune typed 1 a month for January–June; the new commune typed 10 from July and,
    // as many do, its old communes' totals (3) for January–June as well.
    const olds = threeOlds({ F: months(H1, 1), S: months(H1, 5) });
    const own = unitYear('muong-nhe-2025', 2025, {
      name: 'Mường Nhé',
      values: { F: { ...months(H1, 3), 7: 10, 8: 10, 9: 10 }, S: { ...months(H1, 15), 9: 16 } },
    });
    const r = mapToSuccessors([...olds, own], mn, NINE, { gaps: true, stocks: new Set(['S']) });
    expect(r.mapped[0].values.F).toEqual([3, 3, 3, 3, 3, 3, 10, 10, 10, null, null, null]);
    expect(r.mapped[0].values.S).toEqual([15, 15, 15, 15, 15, 15, null, null, 16, null, null, null]);
    // Each old commune's left-out months are told; none is a gap (the new report has them).
    expect(r.overlap?.map((g) => [g.code, g.months])).toEqual([
      ['chung-chai', H1],
      ['muong-nhe', H1],
      ['nam-vi', H1],
    ]);
    expect(r.gaps).toEqual([]);
    expect(r.afterMerger).toEqual([]);
  });

  it('old units that stopped before the merger are not missing for the months the new unit’s own report has', () => {
    // The old communes' sheets stop after March; the new commune typed their totals for January–June.
    const olds = threeOlds({ F: months([1, 2, 3], 1) });
    const own = unitYear('muong-nhe-2025', 2025, { values: { F: { ...months([1, 2, 3, 4, 5], 3), 7: 10 } } });
    const formerNames = new Map([
      ['muong-nhe', 'Mường Nhé'],
      ['nam-vi', 'Nậm Vì'],
      ['chung-chai', 'Chung Chải'],
    ]);
    for (const options of [{ gaps: true }, { gaps: true, formerNames }]) {
      const r = mapToSuccessors([...olds, own], mn, NINE, options);
      expect(r.mapped[0].values.F.slice(0, 7)).toEqual([3, 3, 3, 3, 3, null, 10]);
      expect(r.overlap?.map((g) => [g.code, g.months])).toEqual([
        ['chung-chai', [1, 2, 3]],
        ['muong-nhe', [1, 2, 3]],
        ['nam-vi', [1, 2, 3]],
      ]);
      // June: neither the new report nor the old ones have it.
      expect(r.gaps?.map((g) => [g.code, g.months])).toEqual([
        ['muong-nhe', [6]],
        ['nam-vi', [6]],
        ['chung-chai', [6]],
      ]);
    }
    // Nậm Vì with no report at all: its months the new report has are not missing either, when the
    // old units' names tell that the new report is no old one's sheet going on (Nậm Vì is not "Mường Nhé").
    const noNamVi = [olds[0], olds[2], own];
    const named = mapToSuccessors(noNamVi, mn, NINE, { gaps: true, formerNames });
    expect(named.gaps?.map((g) => [g.code, g.months])).toEqual([
      ['muong-nhe', [6]],
      ['nam-vi', [6]],
      ['chung-chai', [6]],
    ]);
    // By code only, Nậm Vì's sheet could be the one the new unit goes on in: nothing is taken as
    // covered, all of its months are missing, as before.
    expect(mapToSuccessors(noNamVi, mn, NINE, { gaps: true }).gaps?.map((g) => [g.code, g.months])).toEqual([
      ['muong-nhe', [4, 5, 6]],
      ['nam-vi', H1],
      ['chung-chai', [4, 5, 6]],
    ]);
  });

  it('a 0 or one figure tried in the new sheet before the merger takes nothing else of the old units away', () => {
    const olds = threeOlds({ F: months(H1, 1), G: months(H1, 2) });
    // The new commune typed 0 in January–June of F, and tried one figure of G in March.
    const own = unitYear('muong-nhe-2025', 2025, { values: { F: { ...months(H1, 0), 7: 10 }, G: { 3: 6 } } });
    const r = mapToSuccessors([...olds, own], mn, NINE, { gaps: true });
    expect(r.mapped[0].values.F.slice(0, 7)).toEqual([3, 3, 3, 3, 3, 3, 10]);
    // Only G of March is the new commune's: its 6, not 6 + 2 + 2 + 2.
    expect(r.mapped[0].values.G.slice(0, 6)).toEqual([6, 6, 6, 6, 6, 6]);
    expect(r.overlap?.map((g) => [g.code, g.months])).toEqual([
      ['chung-chai', [3]],
      ['muong-nhe', [3]],
      ['nam-vi', [3]],
    ]);
  });

  it('a merger date typed months late: old units that stopped when the new one began are not called missing', () => {
    const late = mergedOn('2025-10-01');
    const olds = threeOlds({ F: months(H1, 1) });
    const own = unitYear('muong-nhe-2025', 2025, { values: { F: { 7: 10, 8: 10, 9: 10 } } });
    const r = mapToSuccessors([...olds, own], late, NINE, { gaps: true });
    expect(r.mapped[0].values.F).toEqual([3, 3, 3, 3, 3, 3, 10, 10, 10, null, null, null]);
    expect(r.gaps).toEqual([]);
    // One old unit that went on into July while the new one began: the new unit's July–September are
    // the area's (Nậm Vì's July is left out for them, and said), so no old unit is missing there either.
    const namVi = unitYear('nam-vi', 2025, { values: { F: months([...H1, 7], 1) } });
    const r2 = mapToSuccessors([olds[0], namVi, olds[2], own], late, NINE, { gaps: true });
    expect(r2.mapped[0].values.F).toEqual([3, 3, 3, 3, 3, 3, 10, 10, 10, null, null, null]);
    expect(r2.overlap?.map((g) => [g.code, g.months])).toEqual([['nam-vi', [7]]]);
    expect(r2.gaps).toEqual([]);
    // Without the new unit's September, the old units still owe it.
    const toAugust = unitYear('muong-nhe-2025', 2025, { values: { F: { 7: 10, 8: 10 } } });
    const r3 = mapToSuccessors([olds[0], namVi, olds[2], toAugust], late, NINE, { gaps: true });
    expect(r3.gaps?.map((g) => [g.code, g.months])).toEqual([
      ['muong-nhe', [9]],
      ['nam-vi', [9]],
      ['chung-chai', [9]],
    ]);
  });

  it('a merger date typed early (07/01 for 01/07): old units that stopped when the new one began are counted', () => {
    const early = mergedOn('2025-01-07');
    const olds = threeOlds({ F: months(H1, 1), S: months(H1, 5) });
    const own = unitYear('muong-nhe-2025', 2025, { values: { F: { 7: 10, 8: 10, 9: 10 }, S: { 9: 16 } } });
    const r = mapToSuccessors([...olds, own], early, NINE, { gaps: true, stocks: new Set(['S']) });
    expect(r.mapped[0].values.F).toEqual([3, 3, 3, 3, 3, 3, 10, 10, 10, null, null, null]);
    expect(r.mapped[0].values.S).toEqual([15, 15, 15, 15, 15, 15, null, null, 16, null, null, null]);
    expect(r.afterMerger).toEqual([]);
    expect(r.dateSlips?.map((d) => [d.unit.code, d.year, d.lastOld])).toEqual([['muong-nhe-2025', 2025, 6]]);
    // An old unit still reporting alongside the new one: no handover, its months after the date are left out.
    const namVi = unitYear('nam-vi', 2025, { values: { F: months([...H1, 7, 8], 1) } });
    const r2 = mapToSuccessors([olds[0], namVi, olds[2], own], early, NINE, { gaps: true });
    expect(r2.mapped[0].values.F.slice(0, 9)).toEqual([null, null, null, null, null, null, 10, 10, 10]);
    expect(r2.dateSlips).toEqual([]);
    expect(r2.afterMerger?.map((g) => g.code).sort()).toEqual(['chung-chai', 'muong-nhe', 'nam-vi']);
  });

  it('the new unit going on in its namesake’s sheet under its new code: the other old units are added to it', () => {
    const olds = ['nam-vi', 'chung-chai'].map((code) => unitYear(code, 2025, { values: { F: months(H1, 1) } }));
    // The old Mường Nhé's sheet, its code cell changed to the new code: no report of "muong-nhe".
    const own = unitYear('muong-nhe-2025', 2025, { name: 'Mường Nhé', values: { F: { ...months(H1, 2), 9: 10 } } });
    const formerNames = new Map([
      ['muong-nhe', 'Mường Nhé'],
      ['nam-vi', 'Nậm Vì'],
      ['chung-chai', 'Chung Chải'],
    ]);
    const r = mapToSuccessors([...olds, own], mn, NINE, { gaps: true, formerNames });
    expect(r.mapped[0].values.F).toEqual([4, 4, 4, 4, 4, 4, null, null, 10, null, null, null]);
    expect(r.overlap).toEqual([]);
  });

  it('a merger date typed a month late: the old units’ month the new unit also reports is not added', () => {
    const late = mergedOn('2025-08-01');
    const olds = threeOlds({ F: months([...H1, 7], 1) });
    const own = unitYear('muong-nhe-2025', 2025, { values: { F: { 7: 10, 8: 10, 9: 10 } } });
    const r = mapToSuccessors([...olds, own], late, NINE, { gaps: true });
    expect(r.mapped[0].values.F).toEqual([3, 3, 3, 3, 3, 3, 10, 10, 10, null, null, null]);
    expect(r.overlap?.map((g) => [g.code, g.months])).toEqual([
      ['chung-chai', [7]],
      ['muong-nhe', [7]],
      ['nam-vi', [7]],
    ]);
    // Without the new unit's July, the old units' July counts, as before.
    const r2 = mapToSuccessors([...olds, unitYear('muong-nhe-2025', 2025, { values: { F: { 8: 10 } } })], late, NINE, {
      gaps: true,
    });
    expect(r2.mapped[0].values.F.slice(0, 8)).toEqual([3, 3, 3, 3, 3, 3, 3, 10]);
    expect(r2.overlap).toEqual([]);
  });

  it('lists the old units’ empty months, only when asked', () => {
    const reports = [
      unitYear('muong-nhe', 2025, { values: { F: months(H1, 1) } }),
      // Chung Chải: a date in May, a note in June, nothing in April.
      unitYear('chung-chai', 2025, {
        values: { F: { 1: 1, 2: 1, 3: 1 } },
        submitted: { 5: '2025-05-16' },
        notes: { N: { 6: 'ý kiến' } },
      }),
      unitYear('muong-nhe-2025', 2025, { values: { F: { 9: 1 } } }),
    ];
    expect(mapToSuccessors(reports, mn, NINE).gaps).toBeUndefined();
    const { gaps } = mapToSuccessors(reports, mn, NINE, { gaps: true });
    // In the order of the units table's predecessors (muong-nhe, nam-vi, chung-chai).
    expect(gaps?.map((g) => [g.unit.code, g.code, g.year, g.report?.unitCode, g.months])).toEqual([
      ['muong-nhe-2025', 'nam-vi', 2025, undefined, H1],
      ['muong-nhe-2025', 'chung-chai', 2025, 'chung-chai', [4]],
    ]);
    // Up to the period's last month only; none after the merger; none for a unit without a report that year.
    const march: Period = { type: 'month', year: 2025, index: 3 };
    expect(mapToSuccessors(reports, mn, march, { gaps: true }).gaps?.map((g) => [g.code, g.months])).toEqual([
      ['nam-vi', [1, 2, 3]],
    ]);
    const in2026 = reports.map((r) => ({ ...r, year: 2026 }));
    expect(mapToSuccessors(in2026, mn, { type: 'nine', year: 2026, index: 1 }, { gaps: true }).gaps).toEqual([]);
    expect(mapToSuccessors([], mn, NINE, { gaps: true }).gaps).toEqual([]);
    // Without any succession: an empty list.
    expect(mapToSuccessors(reports, [unit('muong-nhe', 'Mường Nhé')], NINE, { gaps: true }).gaps).toEqual([]);
  });

  it('expects a split old unit of its first successor only, and an old unit still current of none', () => {
    const units = [
      unit('b-new', 'Bê', { succession: { from: '2025-07-01', predecessors: ['x', 'a'] } }),
      unit('c-new', 'Xê', { succession: { from: '2025-07-01', predecessors: ['x'] } }),
      unit('a', 'A'),
    ];
    const reports = [
      unitYear('b-new', 2025, { values: { F: { 9: 1 } } }),
      unitYear('c-new', 2025, { values: { F: { 9: 1 } } }),
    ];
    const { gaps } = mapToSuccessors(reports, units, NINE, { gaps: true });
    expect(gaps?.map((g) => [g.unit.code, g.code, g.months])).toEqual([['b-new', 'x', H1]]);
  });
});
