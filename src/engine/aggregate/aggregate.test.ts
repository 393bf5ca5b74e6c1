import fc from 'fast-check';
import units2025Json from '../../../sheets-templates/units-2025.json';
import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import { parseUnits } from '../catalogue/schema';
import { ytdMonths } from '../periods/period';
import { completenessLists } from '../report/text';
import { a1, monthCol } from '../sheet/layout';
import { SheetReport } from '../sheet/sheet-report';
import { tidy } from '../text/number';
import type { Finding, IndicatorSummary, Period, Summary, Unit, UnitYear } from '../types';
import {
  type AggregateInput,
  aggregate,
  codeOrder,
  futureMonthFindings,
  submissionDateSlips,
  tidyOne,
  unitValue,
} from './aggregate';
import { current2018, previous2017, shuffle, unit, unitYear } from './test-helpers';

const CATALOGUE = defaultCatalogue();
const SETTINGS = defaultSettings();
const UNITS = defaultUnits();
const SEP_2018: Period = { type: 'month', year: 2018, index: 9 };

const FINDINGS: Finding[] = [
  { severity: 'warning', code: 'outlier', unitCode: 'nam-ke', unitName: 'Nậm Kè', message: 'b' },
  { severity: 'error', code: 'not-a-number', unitCode: 'huoi-lech', unitName: 'Huổi Lếch', cell: 'M20', message: 'a' },
  { severity: 'error', code: 'not-a-number', unitCode: 'chung-chai', unitName: 'Chung Chải', message: 'c' },
];

function input(extra: Partial<AggregateInput> = {}): AggregateInput {
  return {
    catalogue: CATALOGUE,
    units: UNITS,
    settings: SETTINGS,
    period: SEP_2018,
    current: current2018(),
    previous: previous2017(),
    findings: FINDINGS,
    generatedAt: '2018-09-20T03:00:00Z',
    ...extra,
  };
}

const ind = (s: Summary, code: string) => s.indicators.find((i) => i.code === code) as IndicatorSummary;
const pick = (i: IndicatorSummary) => [
  i.period,
  i.ytd,
  i.lastYearPeriod,
  i.lastYearYtd,
  i.change,
  i.changePct,
  i.ytdChange,
  i.ytdChangePct,
  i.contributing,
];

describe('aggregate: Mường Nhé, September 2018', () => {
  const s = aggregate(input());

  it('sums flows for the period and the year to date, and compares with last year', () => {
    // period 5+5; ytd 22+25+3 (October ignored); last year period 4, ytd 5+4+20 (October ignored)
    expect(pick(ind(s, 'DON_TONG'))).toEqual([10, 50, 4, 29, 6, 1.5, 21, tidy(21 / 29), 2]);
    expect(pick(ind(s, 'TCD_LUOT'))).toEqual([27, 27, 27, 27, 0, 0, 0, 0, 1]);
    expect(pick(ind(s, 'HND_NGAYCONG_DUONG'))).toEqual([12, 92, 12, 100, 0, 0, -8, -0.08, 1]);
  });

  it('takes the latest month of stocks, per unit, then sums over units', () => {
    // Chung Chải: nothing in September (period null), 60 in August (ytd); Mường Nhé 55.
    const stock = ind(s, 'HND_SXKDG_CONGNHAN');
    expect(pick(stock)).toEqual([55, 115, 94, 94, -39, tidy(-39 / 94), 21, tidy(21 / 94), 1]);
    expect(stock.byUnit.filter((u) => u.ytd !== null)).toEqual([
      { unitCode: 'chung-chai', unitName: 'Chung Chải', period: null, ytd: 60 },
      { unitCode: 'muong-nhe', unitName: 'Mường Nhé', period: 55, ytd: 55 },
    ]);
  });

  it('keeps null (nobody reported) apart from 0 (reported zero)', () => {
    expect(pick(ind(s, 'DTN_CHAO'))).toEqual([null, null, null, null, null, null, null, null, 0]);
    expect(pick(ind(s, 'DTN_MITOM'))).toEqual([0, 0, null, null, null, null, null, null, 1]);
    // last year 0,3, this year 0,1 + 0,2: exactly equal after tidying
    expect(pick(ind(s, 'LDLD_MAIAM_GIATRI'))).toEqual([0.3, 0.3, 0.3, 0.3, 0, 0, 0, 0, 2]);
    // no last year at all: no change
    expect(pick(ind(s, 'DTN_GIUPDAN'))).toEqual([1000, 1000, null, null, null, null, null, null, 1]);
  });

  it('lists every unit in Vietnamese order in byUnit', () => {
    const don = ind(s, 'DON_TONG');
    expect(don.byUnit.map((u) => u.unitName)).toEqual([
      'Chung Chải',
      'Huổi Lếch',
      'Leng Su Sìn',
      'Mường Nhé',
      'Mường Toong',
      'Nậm Kè',
      'Nậm Vì',
      'Pá Mỳ',
      'Quảng Lâm',
      'Sen Thượng',
      'Sín Thầu',
    ]);
    expect(don.byUnit.map((u) => [u.period, u.ytd])).toEqual([
      [5, 22],
      [null, null],
      [null, null],
      [5, 25],
      [null, null],
      [null, null],
      [null, 3],
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect(s.units.map((u) => u.code)).toEqual(don.byUnit.map((u) => u.unitCode));
  });

  it('collects the notes of the period', () => {
    const notes = ind(s, 'GHI_CHU');
    expect(notes.notes).toEqual([
      { unitCode: 'chung-chai', unitName: 'Chung Chải', month: 9, text: 'Đường vào bản bị sạt lở.' },
      { unitCode: 'nam-ke', unitName: 'Nậm Kè', month: 9, text: 'Thiếu   giáo viên' },
    ]);
    expect(notes.contributing).toBe(2);
    expect(ind(s, 'DON_TONG').notes).toBeUndefined();
  });

  it('gives the monthly aggregate up to the period, over all units', () => {
    expect(s.monthly.DON_TONG).toEqual([10, null, 20, null, 7, null, null, 3, 10, null, null, null]);
    // A stock: each month every unit's figure so far (Chung Chải's June figure carried to September).
    expect(s.monthly.HND_SXKDG_CONGNHAN).toEqual([null, null, null, null, null, 50, 50, 60, 115, null, null, null]);
    expect(s.monthly.LDLD_MAIAM_GIATRI[8]).toBe(0.3);
    // Nậm Kè's 0 in September is a value (0), the months around it have none (null).
    expect(s.monthly.DTN_MITOM.slice(7, 10)).toEqual([null, 0, null]);
    expect(s.monthly.GHI_CHU).toBeUndefined();
    expect(Object.keys(s.monthly)).toHaveLength(CATALOGUE.indicators.length - 1);
  });

  it('counts invalid cells of the months the summary shows (period and year to date)', () => {
    // DTN_QUA:9 (Chung Chải), DON_TONG:9 (Huổi Lếch) and TCD_LUOT:8; not the date cell or unknown codes
    expect(s.excludedCells).toBe(3);
  });

  it('carries completeness, findings by severity then unit, and metadata', () => {
    expect([s.completeness.expected, s.completeness.reported, s.completeness.onTime]).toEqual([11, 9, 7]);
    // The findings given, by severity then unit, and the aggregate's own: Nậm Kè filled September
    // without its submission date (counted late, and said why).
    const own = ['undated-month', 'dated-empty-month', 'future-month-figures'];
    expect(s.findings.filter((f) => !own.includes(f.code)).map((f) => f.message)).toEqual(['c', 'a', 'b']);
    // Chung Chải's October figure, typed before October's cut-off (the run is on 20/09), after its
    // September figures: typed early, not a column slip, so not warned of.
    expect(s.findings.filter((f) => f.code === 'future-month-figures')).toEqual([]);
    expect(s.findings.filter((f) => f.code === 'undated-month').map((f) => [f.unitCode, f.month])).toEqual([
      ['nam-ke', 9],
    ]);
    // Units of this fixture dated September without a figure in it: counted, and told.
    expect(s.findings.filter((f) => f.code === 'dated-empty-month').map((f) => [f.unitCode, f.month])).toEqual([
      ['leng-su-sin', 9],
      ['muong-toong', 9],
      ['quang-lam', 9],
      ['sen-thuong', 9],
      ['sin-thau', 9],
    ]);
    expect(s.completeness.rows.find((r) => r.unitCode === 'sin-thau')?.status).toBe('onTime');
    expect(s.completeness.rows.find((r) => r.unitCode === 'nam-ke')?.status).toBe('late');
    expect(s.generatedAt).toBe('2018-09-20T03:00:00Z');
    expect(s.period).toEqual(SEP_2018);
    expect(s.unreadableUnits).toEqual([]);
  });

  it('lists unreadable units once each, in unit order, codes of no unit last by code', () => {
    const got = aggregate(input({ unreadableUnits: ['zz', 'pa-my', 'chung-chai', 'aa', 'pa-my', 'nam-ke'] }));
    expect(got.unreadableUnits).toEqual(['chung-chai', 'nam-ke', 'pa-my', 'aa', 'zz']);
    // A code listed twice among the units takes its last place, as before.
    const twice = [...UNITS, unit('chung-chai', 'Xã Zê')];
    const last = aggregate(input({ units: twice, unreadableUnits: ['pa-my', 'chung-chai'] }));
    expect(last.unreadableUnits).toEqual(['pa-my', 'chung-chai']);
  });

  it('gives the same result whatever the input order', () => {
    for (const seed of [11, 12, 13, 14]) {
      const shuffled = aggregate(
        input({
          current: shuffle(current2018(), seed),
          previous: shuffle(previous2017(), seed + 1),
          units: shuffle(UNITS, seed + 2),
          findings: shuffle(FINDINGS, seed + 3),
        }),
      );
      expect(shuffled).toEqual(s);
    }
  });

  it('sums floats in a fixed order', () => {
    const values = [0.1, 0.7, 0.2, 0.35, 1.05, 2.2, 0.45];
    const units = values.map((_, i) => unit(`u${i}`, `Xã ${i}`));
    const reports = values.map((v, i) => unitYear(`u${i}`, 2018, { values: { LDLD_MAIAM_GIATRI: { 9: v } } }));
    const base = aggregate(input({ units, current: reports, previous: [] }));
    expect(ind(base, 'LDLD_MAIAM_GIATRI').period).toBe(5.05);
    for (const seed of [1, 2, 3, 4, 5]) {
      const other = aggregate(input({ units: shuffle(units, seed), current: shuffle(reports, seed), previous: [] }));
      expect(ind(other, 'LDLD_MAIAM_GIATRI')).toEqual(ind(base, 'LDLD_MAIAM_GIATRI'));
    }
  });
});

describe('aggregate: periods longer than a month', () => {
  it('sums a quarter and takes the stock of its last reported month', () => {
    const q3: Period = { type: 'quarter', year: 2018, index: 3 };
    const s = aggregate(input({ period: q3 }));
    // DON_TONG Q3: 5+5 (Sept) + 3 (Nậm Vì, Aug); ytd 22+25+3
    expect([ind(s, 'DON_TONG').period, ind(s, 'DON_TONG').ytd]).toEqual([13, 50]);
    // last year Q3: 4; ytd: 29
    expect([ind(s, 'DON_TONG').lastYearPeriod, ind(s, 'DON_TONG').lastYearYtd]).toEqual([4, 29]);
    // stock: Chung Chải's August 60 counts in Q3
    expect(ind(s, 'HND_SXKDG_CONGNHAN').period).toBe(115);
    expect(s.monthly.DON_TONG).toEqual([10, null, 20, null, 7, null, null, 3, 10, null, null, null]);
  });

  it('dates each month of the period by its units’ latest submission date (monthSubmitted)', () => {
    const half: Period = { type: 'half', year: 2018, index: 1 };
    const H1 = { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1 };
    const current = [
      unitYear('muong-nhe', 2018, {
        values: { DON_TONG: H1 },
        submitted: { 1: '2018-01-15', 2: '2018-02-20', 3: '2018-03-14', 5: '2018-05-15', 6: '2018-06-15' },
      }),
      unitYear('chung-chai', 2018, {
        values: { DON_TONG: H1 },
        submitted: { 1: '2018-01-16', 2: '2018-02-14', 3: '2018-03-15', 5: '2018-05-14', 6: '2018-06-14' },
      }),
    ];
    const s = aggregate(input({ period: half, current, previous: [], generatedAt: '2018-06-18T09:00:00Z' }));
    expect(s.monthSubmitted).toEqual([
      '2018-01-16',
      '2018-02-20',
      '2018-03-15',
      null,
      '2018-05-15',
      '2018-06-15',
      ...Array(6).fill(null),
    ]);
  });

  it('lists the reader’s findings of the year to date and those of no month, not of months after the period', () => {
    const half: Period = { type: 'half', year: 2018, index: 1 };
    const findings: Finding[] = [
      { severity: 'error', code: 'not-a-number', unitCode: 'nam-ke', cell: 'J20', month: 6, message: 'T6' },
      { severity: 'error', code: 'not-a-number', unitCode: 'nam-vi', cell: 'L20', month: 8, message: 'T8' },
      { severity: 'error', code: 'not-a-number', unitCode: 'quang-lam', cell: 'M20', month: 9, message: 'T9' },
      { severity: 'warning', code: 'outlier', unitCode: 'nam-ke', message: 'no month' },
    ];
    const messages = aggregate(input({ period: half, findings })).findings.map((f) => f.message);
    expect(messages).toEqual(expect.arrayContaining(['T6', 'no month']));
    expect(messages).not.toContain('T8');
    expect(messages).not.toContain('T9');
    // A September report still lists September's.
    expect(aggregate(input({ findings })).findings.map((f) => f.message)).toContain('T9');
  });

  it('uses all 12 months for the year', () => {
    const s = aggregate(input({ period: { type: 'year', year: 2018, index: 1 } }));
    expect([ind(s, 'DON_TONG').period, ind(s, 'DON_TONG').ytd, ind(s, 'DON_TONG').lastYearYtd]).toEqual([57, 57, 129]);
    expect(s.monthly.DON_TONG[9]).toBe(7);
  });
});

describe('aggregate across the 2025 merger', () => {
  const r = parseUnits(units2025Json);
  if (!r.ok) throw new Error(r.errors.join());
  const UNITS_2025: Unit[] = r.value;
  const OLD = UNITS.map((u) => u.code);
  const sep2025: Period = { type: 'month', year: 2025, index: 9 };

  // 2024: each old commune received i+1 petitions in September and i+1 households (stock).
  const previous = OLD.map((code, i) =>
    unitYear(code, 2024, { values: { DON_TONG: { 9: i + 1 }, HND_SXKDG_CONGNHAN: { 9: i + 1 } } }),
  );
  // 2025: January–June in the old communes' sheets, July–September in the new ones.
  const current = [
    ...OLD.map((code) => unitYear(code, 2025, { values: { DON_TONG: { 3: 1 } }, submitted: { 6: '2025-06-16' } })),
    ...UNITS_2025.map((u, i) =>
      unitYear(u.code, 2025, {
        values: { DON_TONG: { 9: 10 * (i + 1) }, HND_SXKDG_CONGNHAN: { 9: 100 } },
        submitted: { 9: '2025-09-16' },
      }),
    ),
  ];

  it('compares the 5 new communes with the 11 old ones', () => {
    // Run on 20/09/2025: the September submissions (16/09) are before it.
    const s = aggregate(
      input({ units: UNITS_2025, period: sep2025, current, previous, generatedAt: '2025-09-20T03:00:00Z' }),
    );
    const don = ind(s, 'DON_TONG');
    // 10+20+30+40+50 this year; 1+…+11 = 66 last year
    expect([don.period, don.lastYearPeriod, don.change]).toEqual([150, 66, 84]);
    // year to date: 11 old sheets × 1 in March + 150
    expect([don.ytd, don.lastYearYtd]).toEqual([161, 66]);
    expect(don.byUnit.map((u) => [u.unitName, u.period, u.ytd])).toEqual([
      ['Mường Nhé', 10, 13],
      ['Mường Toong', 30, 32],
      ['Nậm Kè', 40, 42],
      ['Quảng Lâm', 50, 51],
      ['Sín Thầu', 20, 23],
    ]);
    const stock = ind(s, 'HND_SXKDG_CONGNHAN');
    expect([stock.ytd, stock.lastYearYtd, stock.ytdChange]).toEqual([500, 66, 434]);
    expect([s.completeness.expected, s.completeness.reported, s.completeness.onTime]).toEqual([5, 5, 5]);
  });

  it('names an old commune that left earlier months empty this year but had figures in them last year', () => {
    // Nậm Vì sent its March 2024 petitions, nothing of 2025: Mường Nhé's own months look complete
    // (Mường Nhé and Chung Chải sent theirs), but its year-to-date total lacks Nậm Vì's.
    const withMarch = previous.map((p) =>
      p.unitCode === 'nam-vi' ? unitYear('nam-vi', 2024, { name: 'Nậm Vì', values: { DON_TONG: { 3: 7, 9: 1 } } }) : p,
    );
    const s = aggregate(
      input({
        units: UNITS_2025,
        period: sep2025,
        current: current.filter((r) => r.unitCode !== 'nam-vi'),
        previous: withMarch,
        generatedAt: '2025-09-20T03:00:00Z',
      }),
    );
    expect(s.ytdGaps).toEqual([{ unitCode: 'muong-nhe-2025', months: [3], former: 'Nậm Vì' }]);
    expect(s.narrative[0]).toContain(
      'từ đầu năm, xã Mường Nhé (đơn vị cũ Nậm Vì tháng 3) chưa có số liệu các tháng đã có cùng kỳ năm trước',
    );
  });
});

describe('unitValue', () => {
  const flow = CATALOGUE.indicators.find((i) => i.code === 'DON_TONG');
  const stock = CATALOGUE.indicators.find((i) => i.code === 'HND_SXKDG_CONGNHAN');
  it('sums flows and takes the latest stock, null when nothing', () => {
    if (!flow || !stock) throw new Error('catalogue changed');
    const r = unitYear('a', 2018, { values: { DON_TONG: { 1: 0, 3: 2 }, HND_SXKDG_CONGNHAN: { 1: 5, 2: 0 } } });
    expect(unitValue(r, flow, [1, 2, 3])).toBe(2);
    expect(unitValue(r, flow, [1])).toBe(0);
    expect(unitValue(r, flow, [2])).toBeNull();
    expect(unitValue(r, stock, [1, 2, 3])).toBe(0);
    expect(unitValue(r, stock, [3])).toBeNull();
    expect(unitValue(undefined, flow, [1])).toBeNull();
  });
});

describe('codeOrder', () => {
  const byComparator = (codes: string[]) => [...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  it('sorts texts as the comparator does: UTF-16 code units, duplicates kept', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('a', 'A', 'ả', '10', '9'))),
        (codes) => {
          expect(codeOrder(codes)).toEqual(byComparator(codes));
        },
      ),
      { numRuns: 300 },
    );
    expect(codeOrder(['b', '\u{1F600}', '\uFFFF', 'a', 'b'])).toEqual(['a', 'b', 'b', '\u{1F600}', '\uFFFF']); // code units: U+D83D < U+FFFF
  });

  it('gives a list already in order (or all but one pair) as the comparator does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('a', 'A', 'ả', '10', '9', 'xa-0001', 'xa-0002'))),
        fc.nat(),
        (codes, at) => {
          const sorted = byComparator(codes);
          expect(codeOrder(sorted)).toEqual(sorted);
          const swapped = [...sorted];
          const i = codes.length > 1 ? at % (codes.length - 1) : 0;
          if (codes.length > 1) [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
          expect(codeOrder(swapped)).toEqual(sorted);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sorts codes that are not texts with the comparator, as before', () => {
    const odd = ['b', 10, 'a', 9] as unknown as string[];
    expect(codeOrder(odd)).toEqual(byComparator(odd));
  });
});

describe('aggregate of reader reports (flat numbers) and of plain reports', () => {
  const numeric = CATALOGUE.indicators.filter((i) => i.kind !== 'note');
  const codes = numeric.map((i) => i.code);
  const layout = { codes, position: new Map(codes.map((c, k) => [c, k])) };
  // Names out of code order, so unit order differs from the order sums are taken in.
  const FEW = [unit('c', 'An'), unit('a', 'Bình'), unit('b', 'Ân'), unit('d', 'Bình')];
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 5000 }) },
    fc.constantFrom(0, -0, 0.1, 0.2, 0.7, 1e15, 123456789.123, 2 ** 53, -3),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
  const arbOf = (value: fc.Arbitrary<number | null>) =>
    fc.record({
      period: fc.oneof(
        fc.integer({ min: 1, max: 12 }).map((index): Period => ({ type: 'month', year: 2018, index })),
        fc.integer({ min: 1, max: 4 }).map((index): Period => ({ type: 'quarter', year: 2018, index })),
        fc.constantFrom<Period>(
          { type: 'half', year: 2018, index: 1 },
          { type: 'nine', year: 2018, index: 1 },
          { type: 'year', year: 2018, index: 1 },
        ),
      ),
      // per unit and year: present or not, then its numbers (indicator × month)
      reports: fc.array(
        fc.record({
          present: fc.boolean(),
          values: fc.array(value, { minLength: codes.length * 12, maxLength: codes.length * 12 }),
        }),
        { minLength: FEW.length * 2, maxLength: FEW.length * 2 },
      ),
    });
  const arb = arbOf(value);

  function both(t: { period: Period; reports: { present: boolean; values: (number | null)[] }[] }) {
    const sheet: UnitYear[] = [];
    const plain: UnitYear[] = [];
    // One block for all reports, as the reader shares one per read.
    const flat = new Float64Array(t.reports.length * codes.length * 12);
    t.reports.forEach((r, n) => {
      const u = FEW[n % FEW.length];
      const year = n < FEW.length ? 2018 : 2017;
      const base = n * codes.length * 12;
      r.values.forEach((v, i) => {
        flat[base + i] = v === null ? Number.NaN : v;
      });
      if (!r.present) return;
      const head = {
        unitCode: u.code,
        unitName: u.name,
        unitKind: u.kind,
        year,
        file: `${u.code}.xlsx`,
        sheet: `${year}`,
      };
      const rest = { notes: {}, submitted: Array(12).fill(null), submittedCells: [], invalid: [] };
      sheet.push(new SheetReport(head, flat, base, layout, rest, { make: () => ({}) }));
      const values = Object.fromEntries(codes.map((c, k) => [c, r.values.slice(k * 12, k * 12 + 12)]));
      plain.push({ ...head, ...rest, values, cells: {} });
    });
    const run = (reports: UnitYear[]) =>
      aggregate(
        input({
          units: FEW,
          period: t.period,
          current: reports.filter((r) => r.year === 2018),
          previous: reports.filter((r) => r.year === 2017),
        }),
      );
    return [run(sheet), run(plain)];
  }

  it('gives the same summary to the bit (signs of zero included)', () => {
    fc.assert(
      fc.property(arb, (t) => {
        const [fromSheets, fromPlain] = both(t);
        expect(fromSheets).toEqual(fromPlain);
        // The monthly aggregate by hand: this year's units in code order, each value tidied.
        const last = ytdMonths(t.period).at(-1) as number;
        const thisYear = t.reports
          .slice(0, FEW.length)
          .map((r, n) => ({ r, before: t.reports[n + FEW.length], code: FEW[n].code }));
        thisYear.sort((a, b) => (a.code < b.code ? -1 : 1));
        codes.forEach((code, k) => {
          // A stock's month: each unit's latest figure up to it (its figure "so far").
          const stock = numeric[k].overMonths === 'last';
          const figure = (r: (typeof thisYear)[number]['r'], m: number): number | null => {
            if (!r.present) return null;
            for (let i = m; i >= (stock ? 0 : m); i--) if (r.values[k * 12 + i] !== null) return r.values[k * 12 + i];
            return null;
          };
          // A stock with no figure this year so far: the unit's latest of last year.
          const carried = ({ r, before }: (typeof thisYear)[number]): number | null => {
            if (!stock || !before.present || figure(r, last - 1) !== null) return null;
            for (let i = 11; i >= 0; i--) if (before.values[k * 12 + i] !== null) return before.values[k * 12 + i];
            return null;
          };
          const want = Array.from({ length: 12 }, (_, m) => {
            let acc: number | null = null;
            for (const u of thisYear) {
              const v = figure(u.r, m) ?? carried(u);
              if (v !== null && m < last) acc = (acc ?? 0) + tidy(v);
            }
            return acc === null ? null : tidy(acc);
          });
          expect(fromSheets.monthly[code]).toEqual(want);
        });
        expectSameUnitBits(fromSheets, fromPlain);
      }),
      // Inputs are large: a failure is reported as found, not shrunk.
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('gives the same summary to the bit when most series are full (summed without looking for gaps)', () => {
    // Rarely an empty month, so most series take the reader's quick sums; infinities whose sum is
    // NaN without an empty month, and signed zeros, must not change a total.
    const full = fc.oneof(
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 30, arbitrary: fc.integer({ min: -50, max: 5000 }) },
      { weight: 4, arbitrary: fc.constantFrom(0, -0, 0.1, 0.2, 12.35, 2 ** 31, 2 ** 53, 1e308) },
      { weight: 1, arbitrary: fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
    );
    fc.assert(
      fc.property(arbOf(full), (t) => {
        const [fromSheets, fromPlain] = both(t);
        expect(fromSheets).toEqual(fromPlain);
        expectSameUnitBits(fromSheets, fromPlain);
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });
});

/** Per indicator and unit the same period and year-to-date figures, signed zeros told apart. */
function expectSameUnitBits(a: Summary, b: Summary): void {
  for (const [k, ind] of a.indicators.entries())
    ind.byUnit.forEach((f, i) => {
      const other = b.indicators[k].byUnit[i];
      expect([Object.is(f.period, other.period), Object.is(f.ytd, other.ytd)]).toEqual([true, true]);
    });
}

describe('tidyOne', () => {
  it('is tidy, sign of zero included, for whole numbers of 32 bits and any other', () => {
    const edges = [0, -0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 2 ** 32 + 5, 1e15, -1e15, 2 ** 53];
    const odd = [0.1 + 0.2, 12.3, -45.67, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const n of [...edges, ...odd]) expect(Object.is(tidyOne(n), tidy(n))).toBe(true);
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.integer({ min: -(2 ** 40), max: 2 ** 40 })), (n) => {
        expect(Object.is(tidyOne(n), tidy(n))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('aggregate across the 2025 merger: old communes that sent nothing, stocks, dates', () => {
  const r = parseUnits(units2025Json);
  if (!r.ok) throw new Error(r.errors.join());
  const UNITS_2025: Unit[] = r.value;
  const MUONG_NHE = UNITS_2025.filter((u) => u.code === 'muong-nhe-2025');
  const QUANG_LAM = UNITS_2025.filter((u) => u.code === 'quang-lam-2025');
  const nine2025: Period = { type: 'nine', year: 2025, index: 1 };
  const half2025: Period = { type: 'half', year: 2025, index: 1 };
  const run = (extra: Partial<AggregateInput>) =>
    aggregate(input({ findings: [], previous: [], generatedAt: '2025-12-20T02:00:00Z', ...extra }));
  const monthly = (months: number[], value: number) => Object.fromEntries(months.map((m) => [m, value]));
  const sent = (months: number[]) =>
    Object.fromEntries(months.map((m) => [m, `2025-${String(m).padStart(2, '0')}-16`]));
  const H1 = [1, 2, 3, 4, 5, 6];

  // 9 months of 2025: Mường Nhé and Chung Chải January–June, Nậm Vì nothing; the new Mường Nhé July–September.
  const nine = [
    ...['muong-nhe', 'chung-chai'].map((code) =>
      unitYear(code, 2025, { values: { TCD_LUOT: monthly(H1, 1) }, submitted: sent(H1) }),
    ),
    unitYear('muong-nhe-2025', 2025, { values: { TCD_LUOT: monthly([7, 8, 9], 1) }, submitted: sent([7, 8, 9]) }),
  ];

  it('does not count the months an old commune left empty as reported, and says whose figures they lack', () => {
    const s = run({ units: MUONG_NHE, period: nine2025, current: nine, formerUnits: UNITS });
    expect(s.completeness.rows.map((row) => [row.unitName, row.status, row.missingMonths])).toEqual([
      ['Mường Nhé', 'missing', H1],
    ]);
    expect([s.completeness.reported, s.completeness.reportingRate]).toEqual([0, 0]);
    expect(s.narrative[0]).not.toContain('100%');
    expect(s.findings).toEqual([
      {
        severity: 'warning',
        code: 'predecessor-missing',
        unitCode: 'nam-vi',
        unitName: 'Nậm Vì',
        message:
          'Xã Nậm Vì (nay thuộc xã Mường Nhé) không có báo cáo năm 2025: số liệu tháng 1–6 năm 2025 của xã Mường Nhé ' +
          'chưa gồm Nậm Vì, nên xã Mường Nhé được tính là chưa báo cáo đủ tháng 1–6; hãy bổ sung báo cáo năm 2025 của Nậm Vì',
      },
    ]);
    // Year to date: the two old communes' six months and the new commune's three.
    expect(ind(s, 'TCD_LUOT').ytd).toBe(15);
    // The row says whose months are missing: Mường Nhé itself sent every month.
    expect(s.completeness.rows[0].formerGaps).toEqual([{ code: 'nam-vi', name: 'Nậm Vì', months: H1 }]);
  });

  it('says in the narrative that the merged commune lacks an old commune’s months, not that it did not report', () => {
    const s = run({ units: MUONG_NHE, period: nine2025, current: nine, formerUnits: UNITS });
    const text = s.narrative[0];
    expect(text).toContain(
      '0/1 xã đã gửi báo cáo (tỷ lệ 0%), 0 xã đúng hạn; thiếu số liệu của đơn vị cũ trước sáp nhập: xã Mường Nhé (Nậm Vì tháng 1, 2, 3, 4, 5, 6).',
    );
    expect(text).not.toContain('chưa báo cáo');
  });

  it('says "so cùng kỳ" is not comparable when this year lacks an old commune’s months, or last year’s do', () => {
    // Last year all three old communes sent January–September.
    const last = ['muong-nhe', 'chung-chai', 'nam-vi'].map((code) =>
      unitYear(code, 2024, { values: { TCD_LUOT: monthly([...H1, 7, 8, 9], 1) } }),
    );
    const s = run({ units: MUONG_NHE, period: nine2025, current: nine, previous: last, formerUnits: UNITS });
    // Every month has figures (the other old communes'), but not Nậm Vì's: compared without them.
    expect(s.lastYearOnly).toEqual(['muong-nhe-2025']);
    expect(s.narrative[0]).toContain(
      'Lưu ý: xã Mường Nhé có số liệu cùng kỳ năm trước nhưng chưa có đủ số liệu 9 tháng đầu năm 2025, nên số tăng, giảm so cùng kỳ',
    );
    // Chung Chải's 2024 missing too: both said, though this year's status is "missing".
    const noChungChai = last.filter((r) => r.unitCode !== 'chung-chai');
    const both = run({ units: MUONG_NHE, period: nine2025, current: nine, previous: noChungChai, formerUnits: UNITS });
    expect(both.lastYearPartial).toEqual(['muong-nhe-2025']);
    // Which old commune and months: whom to ask for last year's report.
    expect(both.lastYearFormerGaps).toEqual([
      { unitCode: 'muong-nhe-2025', former: 'Chung Chải', months: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
    ]);
    expect(both.narrative[0]).toContain(
      'số liệu cùng kỳ năm trước của xã Mường Nhé (Chung Chải tháng 1–9) chưa gồm đơn vị cũ chưa báo cáo trước sáp nhập',
    );
  });

  it('counts the merged commune as reported once every old commune has', () => {
    const all = [...nine, unitYear('nam-vi', 2025, { values: { TCD_LUOT: monthly(H1, 1) }, submitted: sent(H1) })];
    const s = run({ units: MUONG_NHE, period: nine2025, current: all });
    expect(s.completeness.rows.map((row) => [row.status, row.missingMonths])).toEqual([['onTime', []]]);
    expect(s.findings).toEqual([]);
  });

  it('names an old commune from its report, else by code, and tells apart an old commune of the new one’s name', () => {
    // Quảng Lâm ← Quảng Lâm, Na Cô Sa: the old Quảng Lâm sent January–May only, Na Cô Sa nothing.
    const current = [
      unitYear('quang-lam', 2025, {
        name: 'Quảng Lâm',
        values: { TCD_LUOT: monthly([1, 2, 3, 4, 5], 1) },
        submitted: sent([1, 2, 3, 4, 5]),
      }),
    ];
    const s = run({ units: QUANG_LAM, period: half2025, current });
    expect(s.findings.map((f) => [f.unitCode, f.unitName, f.message])).toEqual([
      [
        'na-co-sa',
        undefined,
        'Đơn vị cũ mã "na-co-sa" (nay thuộc xã Quảng Lâm) không có báo cáo năm 2025: số liệu tháng 1–6 năm 2025 của ' +
          'xã Quảng Lâm chưa gồm đơn vị "na-co-sa", nên xã Quảng Lâm được tính là chưa báo cáo đủ tháng 1–6; ' +
          'hãy bổ sung báo cáo năm 2025 của đơn vị "na-co-sa"',
      ],
      [
        'quang-lam',
        'Quảng Lâm',
        'Quảng Lâm cũ (nay thuộc xã Quảng Lâm) chưa báo cáo tháng 6 năm 2025: số liệu tháng này của xã Quảng Lâm ' +
          'chưa gồm Quảng Lâm cũ, nên xã Quảng Lâm được tính là chưa báo cáo đủ tháng 6; hãy bổ sung số liệu của Quảng Lâm cũ',
      ],
    ]);
    expect(s.completeness.rows[0].missingMonths).toEqual(H1);
  });

  it('adds each old commune’s latest stock, whether read per old commune or as the new one', () => {
    const stock = (sparse: Record<number, number>) => ({ HND_SXKDG_CONGNHAN: sparse, HND_SXKDG_DANGKY: sparse });
    const reports = (year: number, scale: number) => [
      unitYear('muong-nhe', year, { values: stock(monthly(H1, 10 * scale)) }),
      unitYear('chung-chai', year, { values: stock(monthly(H1, 20 * scale)) }),
      // June not entered: May's figure is Nậm Vì's latest.
      unitYear('nam-vi', year, { values: stock(monthly([1, 2, 3, 4, 5], 50 * scale)) }),
    ];
    const olds = UNITS.filter((u) => ['muong-nhe', 'chung-chai', 'nam-vi'].includes(u.code));
    const q2: Period = { type: 'quarter', year: 2025, index: 2 };
    for (const period of [half2025, q2]) {
      const common = { period, current: reports(2025, 2), previous: reports(2024, 1) };
      const asOld = ind(run({ units: olds, ...common }), 'HND_SXKDG_CONGNHAN');
      const asNew = ind(run({ units: MUONG_NHE, ...common }), 'HND_SXKDG_CONGNHAN');
      expect(pick(asOld).slice(0, 8)).toEqual([160, 160, 80, 80, 80, 1, 80, 1]);
      expect(pick(asNew).slice(0, 8)).toEqual(pick(asOld).slice(0, 8));
    }
  });

  it('carries no old commune’s stock past the merger: the new commune’s own figure counts from July', () => {
    const current = [
      unitYear('muong-nhe', 2025, { values: { HND_SXKDG_CONGNHAN: monthly(H1, 10) }, submitted: sent(H1) }),
      unitYear('chung-chai', 2025, { values: { HND_SXKDG_CONGNHAN: monthly(H1, 20) }, submitted: sent(H1) }),
      unitYear('nam-vi', 2025, { values: { HND_SXKDG_CONGNHAN: monthly([1, 2, 3, 4, 5], 50) }, submitted: sent(H1) }),
      unitYear('muong-nhe-2025', 2025, { values: { HND_SXKDG_CONGNHAN: { 7: 85 } }, submitted: sent([7]) }),
    ];
    const s = run({ units: MUONG_NHE, period: { type: 'month', year: 2025, index: 7 }, current });
    expect([ind(s, 'HND_SXKDG_CONGNHAN').period, ind(s, 'HND_SXKDG_CONGNHAN').ytd]).toEqual([85, 85]);
    expect(s.monthly.HND_SXKDG_CONGNHAN.slice(4, 7)).toEqual([80, 80, 85]);
  });

  it('warns when "so cùng kỳ" lacks an old commune that sent no report that year', () => {
    const q1: Period = { type: 'quarter', year: 2026, index: 1 };
    const petitions = { DON_TONG: monthly([1, 2, 3], 4) };
    const s = run({
      units: QUANG_LAM,
      period: q1,
      current: [
        unitYear('quang-lam-2025', 2026, {
          values: petitions,
          submitted: { 1: '2026-01-16', 2: '2026-02-16', 3: '2026-03-16' },
        }),
      ],
      previous: [unitYear('quang-lam', 2025, { name: 'Quảng Lâm', values: { DON_TONG: monthly([1, 2, 3], 2) } })],
      formerUnits: [unit('na-co-sa', 'Na Cô Sa')],
      generatedAt: '2026-03-20T02:00:00Z',
    });
    expect(ind(s, 'DON_TONG').change).toBe(6);
    expect(s.findings).toEqual([
      {
        severity: 'warning',
        code: 'predecessor-missing-last-year',
        unitCode: 'na-co-sa',
        unitName: 'Na Cô Sa',
        message:
          'Xã Na Cô Sa (nay thuộc xã Quảng Lâm) không có báo cáo năm 2025: số liệu cùng kỳ (tháng 1–3 năm 2025) của ' +
          'xã Quảng Lâm chưa gồm Na Cô Sa, nên số tăng, giảm so cùng kỳ chưa tính phần của Na Cô Sa; ' +
          'hãy bổ sung báo cáo năm 2025 của Na Cô Sa nếu có',
      },
    ]);
    // The old Quảng Lâm's empty months of last year are not told (as for any unit's last year).
    expect(s.completeness.rows[0].status).toBe('onTime');
  });
});

describe('aggregate: submission dates against the run and the data window', () => {
  const cc = unit('chung-chai', 'Chung Chải', { kind: 'xã' });
  const st = unit('sen-thuong', 'Sen Thượng', { kind: 'xã' });
  const report = (code: string, name: string, date: string) => ({
    ...unitYear(code, 2018, { name, values: { TCD_LUOT: { 9: 2 } }, submitted: { 9: date } }),
    unitKind: 'xã',
    submittedCells: ['E7', 'F7', 'G7', 'H7', 'I7', 'J7', 'K7', 'L7', 'M7', 'N7', 'O7', 'P7'],
  });
  const run = (dates: Record<string, string>, generatedAt = '2018-09-20T09:00:00+07:00') =>
    aggregate(
      input({
        units: [cc, st],
        current: [report('chung-chai', 'Chung Chải', dates.cc), report('sen-thuong', 'Sen Thượng', dates.st)],
        previous: [],
        findings: [],
        generatedAt,
      }),
    );

  it('takes a month dated after the run as undated (its figures late after the deadline), and says so', () => {
    const s = run({ cc: '2018-09-17', st: '2018-09-24' });
    // Run on 20/09, the deadline (18/09) past: figures with no date that can be right, as with none.
    expect(s.completeness.rows.map((row) => [row.unitName, row.status, row.submittedOn])).toEqual([
      ['Chung Chải', 'onTime', '2018-09-17'],
      ['Sen Thượng', 'late', null],
    ]);
    expect(s.findings).toEqual([
      {
        severity: 'warning',
        code: 'submitted-after-run',
        unitCode: 'sen-thuong',
        unitName: 'Sen Thượng',
        file: 'sen-thuong.xlsx',
        sheet: 'sen-thuong 2018',
        cell: 'M7',
        month: 9,
        message:
          'Xã Sen Thượng, ô M7 (Ngày nộp báo cáo, tháng 9): ngày nộp 24/09/2018 muộn hơn ngày tổng hợp (20/09/2018), ' +
          'không thể là ngày đã nộp (có lẽ gõ nhầm năm), nên tháng 9 được tính như chưa ghi ngày nộp — hãy sửa ngày nộp',
      },
    ]);
    // The run's local date: 23:00 UTC on 19/09 is already 20/09 in Vietnam.
    expect(run({ cc: '2018-09-17', st: '2018-09-20' }, '2018-09-19T23:00:00Z').findings).toEqual([]);
    expect(
      run({ cc: '2018-09-17', st: '2018-09-20' }, '2018-09-19T16:00:00Z').completeness.rows[1].submittedOn,
    ).toBeNull();
  });

  it('counts figures without a date as not sent before the deadline, late after it, and says which', () => {
    const undated = (generatedAt: string) =>
      aggregate(
        input({
          units: [cc, st],
          current: [
            report('chung-chai', 'Chung Chải', '2018-09-17'),
            { ...report('sen-thuong', 'Sen Thượng', ''), submitted: Array(12).fill(null) },
          ],
          previous: [],
          findings: [],
          generatedAt,
        }),
      );
    // The deadline of September 2018 is Tuesday 18/09: on the 18th Sen Thượng may still be typing.
    const before = undated('2018-09-18T09:00:00+07:00');
    expect(before.completeness.rows.map((row) => [row.unitName, row.status])).toEqual([
      ['Chung Chải', 'onTime'],
      ['Sen Thượng', 'missing'],
    ]);
    // Information, not a warning: a commune still typing is the normal state before the deadline.
    expect(before.findings.map((f) => [f.code, f.severity, f.cell, f.message])).toEqual([
      [
        'undated-month-open',
        'info',
        'M7',
        'Xã Sen Thượng, ô M7 (Ngày nộp báo cáo, tháng 9): tháng 9 có số liệu nhưng chưa có ngày nộp, nên chưa được ' +
          'tính là đã nộp (hạn nộp 18/09/2018); nhập xong hãy nộp báo cáo (Dân vận › Nộp báo cáo tháng…) hoặc ghi ngày nộp',
      ],
    ]);
    expect(before.completeness.rows[1].unsentMonths).toEqual([9]);
    // Its figures are in the totals, and every output says so beside its name.
    expect(before.indicators.find((i) => i.code === 'TCD_LUOT')?.period).toBe(4);
    expect(before.narrative[0]).toContain(
      'chưa báo cáo: xã Sen Thượng (đã nhập số liệu nhưng chưa nộp, số liệu được tính tạm)',
    );
    expect(completenessLists(before).missing).toEqual([
      'Xã Sen Thượng (đã nhập số liệu nhưng chưa nộp, số liệu được tính tạm)',
    ]);
    const after = undated('2018-09-19T09:00:00+07:00');
    expect(after.completeness.rows.map((row) => row.status)).toEqual(['onTime', 'late']);
    expect(after.findings.map((f) => f.code)).toEqual(['undated-month']);
  });

  it('a submission date after the run: not sent yet, its figures counted and said to be provisional', () => {
    const s = aggregate(
      input({
        units: [cc, st],
        current: [report('chung-chai', 'Chung Chải', '2018-09-17'), report('sen-thuong', 'Sen Thượng', '2018-09-19')],
        previous: [],
        findings: [],
        generatedAt: '2018-09-17T20:00:00+07:00',
      }),
    );
    expect(s.completeness.rows.map((row) => [row.unitName, row.status, row.unsentMonths])).toEqual([
      ['Chung Chải', 'onTime', undefined],
      ['Sen Thượng', 'missing', [9]],
    ]);
    expect(s.indicators.find((i) => i.code === 'TCD_LUOT')?.period).toBe(4);
    expect(s.narrative[0]).toContain(
      'chưa báo cáo: xã Sen Thượng (đã nhập số liệu nhưng chưa nộp, số liệu được tính tạm)',
    );
  });

  it('does not take a date before the month’s data window began as its submission (a year typed wrong)', () => {
    const s = run({ cc: '2017-09-16', st: '2018-09-16' });
    // Chung Chải has September figures without a valid date: late, the deadline (18/09) past.
    expect(s.completeness.rows.map((row) => [row.unitName, row.status, row.submittedOn])).toEqual([
      ['Chung Chải', 'late', null],
      ['Sen Thượng', 'onTime', '2018-09-16'],
    ]);
    expect(s.findings.map((f) => [f.code, f.unitCode, f.cell, f.message])).toEqual([
      [
        'submitted-before-period-start',
        'chung-chai',
        'M7',
        'Xã Chung Chải, ô M7 (Ngày nộp báo cáo, tháng 9): ngày nộp 16/09/2017 sớm hơn cả ngày bắt đầu kỳ số liệu tháng 9 ' +
          '(15/08/2018), không thể là ngày nộp tháng này (có lẽ gõ nhầm năm), nên tháng 9 được tính như chưa ghi ngày nộp — hãy sửa ngày nộp',
      ],
    ]);
  });

  it('warns of a date before the month’s data window closes, and still counts it', () => {
    const s = run({ cc: '2018-08-15', st: '2018-09-14' });
    expect(s.completeness.rows.map((row) => row.status)).toEqual(['onTime', 'onTime']);
    expect(s.findings.map((f) => [f.code, f.unitCode, f.month, f.message])).toEqual([
      [
        'submitted-before-period-end',
        'chung-chai',
        9,
        'Xã Chung Chải, ô M7 (Ngày nộp báo cáo, tháng 9): ngày nộp 15/08/2018 sớm hơn ngày chốt số liệu tháng 9 ' +
          '(14/09/2018), có lẽ chép từ tháng trước; vẫn tính là đã nộp, hãy kiểm tra lại ngày nộp',
      ],
    ]);
  });
});

describe('year-to-date months sent last year, not this year', () => {
  const units = [unit('a', 'A'), unit('b', 'B'), unit('c', 'C')];
  const run = (current: ReturnType<typeof unitYear>[]) =>
    aggregate(
      input({
        units,
        findings: [],
        current,
        previous: units.map((u) =>
          unitYear(u.code, 2017, { values: { TCD_LUOT: { 3: 1, 4: 1, 9: 1 } }, submitted: { 3: '2017-03-16' } }),
        ),
      }),
    );
  const sent = (code: string, months: number[], dated: number[] = months) =>
    unitYear(code, 2018, {
      values: { TCD_LUOT: Object.fromEntries(months.map((m) => [m, 2])) },
      submitted: Object.fromEntries(dated.map((m) => [m, `2018-${String(m).padStart(2, '0')}-16`])),
    });

  it('names each unit with the months it lacks, not a dated empty month, not a unit missing the period', () => {
    const s = run([sent('a', [3, 9]), sent('b', [3, 9], [3, 4, 9]), sent('c', [3, 4])]);
    // a lacks April; b dated April without figures (a report of no activity); c lacks September
    // itself (said as "chưa có số liệu tháng 9" already).
    expect(s.ytdGaps).toEqual([{ unitCode: 'a', months: [4] }]);
    expect(s.lastYearOnly).toEqual(['c']);
    expect(s.narrative[0]).toContain('từ đầu năm, xã A (tháng 4) chưa có số liệu các tháng đã có cùng kỳ năm trước');
  });

  it('is absent when every earlier month is there', () => {
    expect(run([sent('a', [3, 4, 9]), sent('b', [3, 4, 9]), sent('c', [3, 4, 9])]).ytdGaps).toBeUndefined();
  });

  it('names a unit another shares the name of with its code, in the bracket of its months', () => {
    const twins = [unit('a', 'A'), unit('b', 'A'), unit('c', 'C')];
    const s = aggregate(
      input({
        units: twins,
        findings: [],
        current: [sent('a', [3, 9]), sent('b', [3, 4, 9]), sent('c', [3, 4, 9])],
        previous: twins.map((u) => unitYear(u.code, 2017, { values: { TCD_LUOT: { 3: 1, 4: 1, 9: 1 } } })),
      }),
    );
    expect(s.narrative[0]).toContain(
      'từ đầu năm, xã A (mã a, tháng 4) chưa có số liệu các tháng đã có cùng kỳ năm trước',
    );
  });
});

describe('figures in a month whose data window has not closed (typed a column too far)', () => {
  const cc = unit('chung-chai', 'Chung Chải');
  const st = unit('sen-thuong', 'Sen Thượng');
  // Chung Chải: dated in September, its September figures typed in October's column.
  const shifted = (): UnitYear => ({
    ...unitYear('chung-chai', 2018, {
      name: 'Chung Chải',
      values: { TCD_LUOT: { 8: 2, 10: 3 }, DTN_QUA: { 8: 5, 10: 7 } },
      submitted: { 8: '2018-08-15', 9: '2018-09-17' },
    }),
    unitKind: 'xã',
    cells: { TCD_LUOT: Array.from({ length: 12 }, (_, k) => a1(40, monthCol(k + 1))), DTN_QUA: [] },
  });
  const others = unitYear('sen-thuong', 2018, { values: { TCD_LUOT: { 9: 1 } }, submitted: { 9: '2018-09-17' } });
  const run = (generatedAt: string, period: Period = SEP_2018) =>
    aggregate(
      input({ units: [cc, st], current: [shifted(), others], previous: [], findings: [], generatedAt, period }),
    );

  it('before October closes: a warning naming the cells, and the narrative says September is empty', () => {
    const s = run('2018-10-05T09:00:00+07:00');
    const found = s.findings.filter((f) => f.code === 'future-month-figures');
    expect(found).toEqual([
      expect.objectContaining({ severity: 'warning', unitCode: 'chung-chai', month: 10, cell: 'N40' }),
    ]);
    expect(found[0].message).toBe(
      'Xã Chung Chải: tháng 10 chưa đến ngày chốt số liệu (14/10/2018) mà đã có số liệu (ô N40) — có lẽ nhập nhầm cột ' +
        '(số liệu tháng 9 ghi sang cột tháng 10?); hãy kiểm tra lại',
    );
    expect(s.emptyBeforeNext).toEqual(['chung-chai']);
    expect(s.narrative[0]).toContain(
      'xã Chung Chải đã nộp nhưng chưa có số liệu tháng 9/2018, trong khi cột tháng 10 đã có số liệu (có lẽ nhập nhầm cột',
    );
  });

  it('October typed early while September has figures: no slip, nothing said', () => {
    const early: UnitYear = {
      ...shifted(),
      values: { ...shifted().values, TCD_LUOT: [null, null, null, null, null, null, null, 2, 4, 3, null, null] },
    };
    const s = aggregate(
      input({
        units: [cc, st],
        current: [early, others],
        previous: [],
        findings: [],
        generatedAt: '2018-10-05T09:00:00+07:00',
        period: SEP_2018,
      }),
    );
    expect(s.findings.filter((f) => f.code === 'future-month-figures')).toEqual([]);
    expect(s.emptyBeforeNext).toBeUndefined();
  });

  it('after October closes, October is no slip; a period whose next month is empty says nothing', () => {
    expect(run('2018-10-20T09:00:00+07:00').findings.filter((f) => f.code === 'future-month-figures')).toEqual([]);
    // August's report: August has figures, so nothing is said of September being empty.
    const aug = run('2018-10-05T09:00:00+07:00', { type: 'month', year: 2018, index: 8 });
    expect(aug.emptyBeforeNext).toBeUndefined();
    // October, the period itself, being typed: the open period's own finding tells of it.
    const oct = run('2018-10-05T09:00:00+07:00', { type: 'month', year: 2018, index: 10 });
    expect(oct.findings.filter((f) => f.code === 'future-month-figures')).toEqual([]);
  });
});

describe('figures a column too far: the guess only where futureMonthFindings makes it', () => {
  const cc = unit('chung-chai', 'Chung Chải');
  const st = unit('sen-thuong', 'Sen Thượng');
  const others = unitYear('sen-thuong', 2018, { values: { TCD_LUOT: { 9: 1 } }, submitted: { 9: '2018-09-17' } });
  const cells = { TCD_LUOT: Array.from({ length: 12 }, (_, k) => a1(40, monthCol(k + 1))), DTN_QUA: [] };
  const chungChai = (submitted: Record<number, string>): UnitYear => ({
    ...unitYear('chung-chai', 2018, {
      name: 'Chung Chải',
      values: { TCD_LUOT: { 8: 2, 10: 3 }, DTN_QUA: { 8: 5, 10: 7 } },
      submitted,
    }),
    unitKind: 'xã',
    cells,
  });
  const run = (report: UnitYear, generatedAt: string) =>
    aggregate(
      input({ units: [cc, st], current: [report, others], previous: [], findings: [], generatedAt, period: SEP_2018 }),
    );

  it('a past month re-run: September dated and empty, October closed with its own date: no column guess', () => {
    const s = run(chungChai({ 8: '2018-08-15', 9: '2018-09-17', 10: '2018-10-16' }), '2018-11-20T09:00:00+07:00');
    expect(s.findings.filter((f) => f.code === 'future-month-figures')).toEqual([]);
    expect(s.emptyBeforeNext).toBeUndefined();
    expect(s.narrative.join(' ')).not.toContain('nhập nhầm cột');
    // The plain fact stays, in the checks: September dated but empty.
    expect(s.findings.filter((f) => f.code === 'dated-empty-month').map((f) => f.month)).toEqual([9]);
  });

  it('"chưa báo cáo" with figures and a September date in October\'s column: the hint comes with the name', () => {
    const s = run(chungChai({ 8: '2018-08-15', 10: '2018-09-17' }), '2018-10-05T09:00:00+07:00');
    expect(s.completeness.rows.find((r) => r.unitCode === 'chung-chai')?.status).toBe('missing');
    expect(s.findings.filter((f) => f.code === 'future-month-figures').map((f) => f.month)).toEqual([10]);
    expect(s.narrative[0]).toContain(
      'chưa báo cáo: xã Chung Chải (cột tháng 10 đã có số liệu và ngày nộp trong kỳ tháng 9/2018, có lẽ nhập nhầm cột; xem phần kiểm tra số liệu)',
    );
    // Not also said to have submitted.
    expect(s.narrative[0]).not.toContain('đã nộp nhưng chưa có số liệu');
  });

  it('"chưa báo cáo" with October figures but no date there: no hint (nothing ties them to September)', () => {
    const s = run(chungChai({ 8: '2018-08-15' }), '2018-10-05T09:00:00+07:00');
    expect(s.emptyBeforeNext).toBeUndefined();
    expect(s.narrative[0]).toContain('chưa báo cáo: xã Chung Chải.');
  });

  it('check: the early date in the slipped column is not also said to be copied from the month before', () => {
    const report = chungChai({ 8: '2018-08-15', 10: '2018-09-17' });
    report.submittedCells = Array.from({ length: 12 }, (_, k) => a1(7, monthCol(k + 1)));
    const today = '2018-10-05';
    const future = futureMonthFindings([report], SETTINGS, today);
    expect(future.map((f) => f.month)).toEqual([10]);
    const slips = submissionDateSlips([report], SETTINGS, today).filter((f) => f.month === 10);
    expect(slips).toEqual([
      expect.objectContaining({ code: 'submitted-with-future-figures', cell: 'N7', unitCode: 'chung-chai' }),
    ]);
    expect(slips[0].message).toBe(
      'Xã Chung Chải, ô N7 (Ngày nộp báo cáo, tháng 10): ngày nộp 17/09/2018 cũng như số liệu của cột này có lẽ là của tháng 9 nhập nhầm sang cột tháng 10 (xem cảnh báo số liệu tháng 10); hãy chuyển sang đúng cột',
    );
    // Once October has closed there is no slip: the early date is told as before.
    const later = submissionDateSlips([report], SETTINGS, '2018-10-20').filter((f) => f.month === 10);
    expect(later.map((f) => f.code)).toEqual(['submitted-before-period-end']);
  });
});

describe('"so cùng kỳ" of an indicator over units on one side only (unevenPeriod / unevenYtd)', () => {
  const units = [unit('a', 'A'), unit('b', 'B'), unit('c', 'C')];
  // Every unit: the same TCD_LUOT both years; DON_TONG last year only a's and b's.
  const previous = units.map((u) =>
    unitYear(u.code, 2017, { values: { TCD_LUOT: { 3: 4, 9: 1 }, ...(u.code === 'c' ? {} : { DON_TONG: { 9: 2 } }) } }),
  );
  const sent = (code: string) =>
    unitYear(code, 2018, {
      values: { TCD_LUOT: { 3: 4, 9: 1 }, DON_TONG: { 9: 2 } },
      submitted: { 3: '2018-03-16', 9: '2018-09-16' },
    });
  const run = (current: UnitYear[]) => aggregate(input({ units, findings: [], current, previous }));

  it('lists, per indicator, the unit with last year’s figure and none this period', () => {
    const s = run([sent('a'), sent('b')]);
    expect(s.lastYearOnly).toEqual(['c']);
    const luot = ind(s, 'TCD_LUOT');
    expect(luot.change).toBe(-1); // c's last-year figure only: the whole "decrease"
    expect(luot.unevenPeriod).toEqual({ lastYearOnly: ['c'], thisYearOnly: [] });
    expect(luot.unevenYtd).toEqual({ lastYearOnly: ['c'], thisYearOnly: [] });
    // c had no DON_TONG last year: that comparison is not changed by c's absence.
    expect(ind(s, 'DON_TONG').change).toBe(0);
    expect(ind(s, 'DON_TONG').unevenPeriod).toBeUndefined();
  });

  it('lists the other way round a unit with this period’s figure and none last year', () => {
    const s = aggregate(
      input({ units, findings: [], current: [sent('a'), sent('b'), sent('c')], previous: previous.slice(0, 2) }),
    );
    expect(ind(s, 'TCD_LUOT').unevenPeriod).toEqual({ lastYearOnly: [], thisYearOnly: ['c'] });
  });

  it('is absent when every unit has both years', () => {
    const s = run([sent('a'), sent('b'), sent('c')]);
    expect(s.indicators.filter((i) => i.unevenPeriod || i.unevenYtd)).toEqual([]);
  });
  it('does not list, for a stock so far, a unit whose earlier figure is carried, this year’s or last year’s', () => {
    const stockUnits = [unit('a', 'A'), unit('b', 'B'), unit('c', 'C'), unit('d', 'D')];
    const before = stockUnits.map((u) => unitYear(u.code, 2017, { values: { HND_SXKDG_CONGNHAN: { 3: 5, 9: 6 } } }));
    const now = [
      ...['a', 'b'].map((code) =>
        unitYear(code, 2018, {
          values: { HND_SXKDG_CONGNHAN: { 3: 5, 9: 7 } },
          submitted: { 3: '2018-03-16', 9: '2018-09-16' },
        }),
      ),
      // c: March only (its figure carried into "so far"); d: nothing this year (last year's 6 carried).
      unitYear('c', 2018, { values: { HND_SXKDG_CONGNHAN: { 3: 5 } }, submitted: { 3: '2018-03-16' } }),
    ];
    const s = aggregate(input({ units: stockUnits, findings: [], current: now, previous: before }));
    const stock = ind(s, 'HND_SXKDG_CONGNHAN');
    expect(stock.ytd).toBe(25);
    expect(stock.lastYearYtd).toBe(24);
    // The period's total lacks c and d; the total so far lacks none.
    expect(stock.unevenPeriod).toEqual({ lastYearOnly: ['c', 'd'], thisYearOnly: [] });
    expect(stock.unevenYtd).toBeUndefined();
  });
});

describe('aggregate: units sharing a code (bad input)', () => {
  test("each of them shows the code's report (the one mapping keeps)", () => {
    const code = (CATALOGUE.indicators.find((i) => i.kind !== 'note') as { code: string }).code;
    const units = [unit('a', 'An'), unit('c', 'Cà'), unit('a', 'Bình')];
    const report = (unitCode: string, v: number) =>
      unitYear(unitCode, 2018, { values: { [code]: { 9: v } }, submitted: { 9: '2018-09-10' } });
    const s = aggregate(
      input({ units, current: [report('a', 4), report('c', 7), report('a', 5)], previous: [report('c', 1)] }),
    );
    expect(ind(s, code).byUnit.map((u) => [u.unitName, u.period])).toEqual([
      ['An', 4],
      ['Bình', 4],
      ['Cà', 7],
    ]);
    expect(s.completeness.rows.map((r) => [r.unitName, r.status])).toEqual([
      ['An', 'onTime'],
      ['Bình', 'onTime'],
      ['Cà', 'onTime'],
    ]);
  });
});
