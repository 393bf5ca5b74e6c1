/**
 * Invariants, property-based (fast-check):
 *  - aggregation does not depend on the order of the units, workbooks or sheets;
 *  - splitting the units into two groups and adding the two summaries gives the summary of
 *    all (flows and stocks, period, year to date, last year, the 12 months, contributors);
 *  - re-running is idempotent and never changes its input;
 *  - formatNumberVi then parseNumberText gives the number back (integers; amounts ≤ 2 decimals);
 *  - normalizeName is idempotent and maps Đ/Ð/Ɖ (đ/ð/ɖ), NFD, zero-width and non-breaking
 *    spaces together;
 *  - reading never throws, whatever lands in the cells, and never counts an invalid cell.
 */
import fc from 'fast-check';
import { aggregate } from '../../src/engine/aggregate/aggregate';
import { defaultCatalogue, defaultSettings, defaultUnits } from '../../src/engine/catalogue/defaults';
import { summarise } from '../../src/engine/pipeline';
import { buildUnitSheet, monthCol } from '../../src/engine/sheet/layout';
import { readSheet } from '../../src/engine/sheet/read';
import { modelToSheetInput } from '../../src/engine/sheet/testing';
import { formatNumberVi } from '../../src/engine/text/format';
import { DEFAULT_LEVEL } from '../../src/engine/text/level';
import { cleanText, normalizeName } from '../../src/engine/text/normalize';
import { parseNumberText } from '../../src/engine/text/number';
import type {
  CellValue,
  IndicatorSummary,
  Period,
  Summary,
  Unit,
  UnitYear,
  WorkbookInput,
} from '../../src/engine/types';
import { MAX_COUNT, parseCell } from '../../src/engine/validation/cells';

const catalogue = defaultCatalogue();
const settings = defaultSettings();
const allUnits = defaultUnits();
const numeric = catalogue.indicators.filter((i) => i.kind !== 'note');
const PERIODS: Period[] = [
  { type: 'month', year: 2018, index: 9 },
  { type: 'month', year: 2018, index: 1 },
  { type: 'quarter', year: 2018, index: 3 },
  { type: 'half', year: 2018, index: 1 },
  { type: 'year', year: 2018, index: 1 },
];
const GENERATED_AT = '2018-09-20T03:00:00.000Z';
const RUNS = Number(process.env.FC_RUNS ?? 60);

// ---------------------------------------------------------------- arbitraries

const count = fc.option(fc.nat(2000), { nil: null, freq: 3 });
const amount = fc.option(
  fc.nat(500_000).map((c) => c / 100),
  { nil: null, freq: 3 },
);
const twelve = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: 12, maxLength: 12 });
const dates = fc.option(fc.constantFrom('2018-09-16', '2018-09-19', '2018-10-02', '2018-01-16'), { nil: null });

/** The data of one unit-year: numbers for every numeric indicator, submission dates. */
const unitData = fc.record({
  values: fc.record(Object.fromEntries(numeric.map((i) => [i.code, twelve(i.kind === 'amount' ? amount : count)]))),
  submitted: twelve(dates),
});

function unitYear(
  u: Unit,
  year: number,
  d: { values: Record<string, (number | null)[]>; submitted: (string | null)[] },
) {
  return {
    unitCode: u.code,
    unitName: u.name,
    unitKind: u.kind,
    year,
    file: `${u.code}-${year}.xlsx`,
    sheet: `${u.name} ${year}`,
    values: d.values,
    notes: {},
    submitted: d.submitted,
    cells: {},
    submittedCells: [],
    invalid: [],
  } satisfies UnitYear;
}

/** 1–11 units, each with this year's and (maybe) last year's data. */
const scenario = fc
  .subarray(allUnits, { minLength: 1 })
  .chain((units) =>
    fc.record({
      units: fc.constant(units),
      now: fc.array(fc.option(unitData, { nil: null, freq: 5 }), { minLength: units.length, maxLength: units.length }),
      before: fc.array(fc.option(unitData, { nil: null, freq: 2 }), {
        minLength: units.length,
        maxLength: units.length,
      }),
      period: fc.constantFrom(...PERIODS),
      seed: fc.integer(),
    }),
  )
  .map((s) => ({
    ...s,
    current: s.units.flatMap((u, i) => (s.now[i] ? [unitYear(u, 2018, s.now[i])] : [])),
    previous: s.units.flatMap((u, i) => (s.before[i] ? [unitYear(u, 2017, s.before[i])] : [])),
  }));

function run(units: Unit[], current: UnitYear[], previous: UnitYear[], period: Period): Summary {
  return aggregate({ catalogue, units, settings, period, current, previous, findings: [], generatedAt: GENERATED_AT });
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-6);

// ---------------------------------------------------------------- aggregation

describe('aggregation invariants', () => {
  it('does not depend on the order of units or reports', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const a = run(s.units, s.current, s.previous, s.period);
        const b = run(
          shuffled(s.units, s.seed),
          shuffled(s.current, s.seed + 1),
          shuffled(s.previous, s.seed + 2),
          s.period,
        );
        expect(b).toEqual(a);
      }),
      { numRuns: RUNS },
    );
  });

  it('adds up: the summaries of two groups of units sum to the summary of all', () => {
    fc.assert(
      fc.property(scenario, fc.infiniteStream(fc.boolean()), (s, coin) => {
        const inA = new Set(s.units.filter(() => coin.next().value).map((u) => u.code));
        const pick = (yes: boolean) => (r: { unitCode: string } | Unit) =>
          inA.has('unitCode' in r ? r.unitCode : r.code) === yes;
        const part = (yes: boolean) =>
          run(s.units.filter(pick(yes)), s.current.filter(pick(yes)), s.previous.filter(pick(yes)), s.period);
        const all = run(s.units, s.current, s.previous, s.period);
        const [a, b] = [part(true), part(false)];
        const by = (x: Summary) => new Map(x.indicators.map((i) => [i.code, i]));
        const [ma, mb] = [by(a), by(b)];
        for (const ind of all.indicators) {
          if (ind.kind === 'note') continue;
          const [ia, ib] = [ma.get(ind.code) as IndicatorSummary, mb.get(ind.code) as IndicatorSummary];
          for (const k of ['period', 'ytd', 'lastYearPeriod', 'lastYearYtd'] as const) {
            const sum = add(ia[k], ib[k]);
            if (!close(sum, ind[k])) throw new Error(`${ind.code}.${k}: ${ia[k]} + ${ib[k]} ≠ ${ind[k]}`);
          }
          expect(ia.contributing + ib.contributing).toBe(ind.contributing);
          const figures = (x: IndicatorSummary[]) =>
            x.flatMap((i) => i.byUnit.map((f) => `${f.unitCode}:${f.period}:${f.ytd}`));
          expect(figures([ia, ib]).sort()).toEqual(figures([ind]).sort());
          all.monthly[ind.code].forEach((v, m) => {
            if (!close(add(a.monthly[ind.code][m], b.monthly[ind.code][m]), v))
              throw new Error(`${ind.code} month ${m + 1}`);
          });
        }
        expect(a.completeness.reported + b.completeness.reported).toBe(all.completeness.reported);
        expect(a.completeness.onTime + b.completeness.onTime).toBe(all.completeness.onTime);
        expect(a.completeness.expected + b.completeness.expected).toBe(all.completeness.expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('flows add the months and stocks take the latest month, per unit, before adding units', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const all = run(s.units, s.current, s.previous, s.period);
        const months = s.period.type === 'month' ? [s.period.index] : null;
        if (!months) return;
        for (const ind of all.indicators) {
          if (ind.kind === 'note') continue;
          let want: number | null = null;
          for (const r of s.current) want = add(want, r.values[ind.code][months[0] - 1]);
          if (!close(want, ind.period)) throw new Error(`${ind.code}: ${ind.period} ≠ ${want}`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------- through the sheets: order and idempotence

/** Workbooks as a shell hands them over: one per unit, its 2018 and (maybe) 2017 sheets. */
function workbooks(s: { units: Unit[]; current: UnitYear[]; previous: UnitYear[] }): WorkbookInput[] {
  return s.units.map((u) => ({
    source: `${u.code}.xlsx`,
    sheets: [...s.current, ...s.previous]
      .filter((r) => r.unitCode === u.code)
      .map((r) =>
        modelToSheetInput(buildUnitSheet(u, r.year, catalogue, { values: r.values, submitted: r.submitted })),
      ),
  }));
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

describe('summarise over sheets', () => {
  it('gives the same summary for any order of workbooks and sheets, and the same again when re-run', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const units = s.units;
        const books = deepFreeze(workbooks(s));
        const input = { catalogue, units, settings, period: s.period, generatedAt: GENERATED_AT };
        const first = summarise({ ...input, workbooks: books }).summary;
        const again = summarise({ ...input, workbooks: books }).summary;
        expect(again).toEqual(first);
        const reordered = shuffled(books, s.seed).map((b) => ({ ...b, sheets: shuffled(b.sheets, s.seed + 3) }));
        const other = summarise({ ...input, units: shuffled(units, s.seed + 4), workbooks: reordered }).summary;
        expect(other).toEqual(first);
        // The sheets say what the reports said: same totals as aggregating the reports.
        const direct = run(units, s.current, s.previous, s.period);
        for (const ind of first.indicators) {
          const d = direct.indicators.find((x) => x.code === ind.code) as IndicatorSummary;
          expect([ind.code, ind.period, ind.ytd, ind.lastYearYtd]).toEqual([d.code, d.period, d.ytd, d.lastYearYtd]);
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});

// ---------------------------------------------------------------- numbers

describe('Vietnamese numbers', () => {
  it('formatNumberVi then parseNumberText gives back integers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.constantFrom('count', 'amount'), (n, kind) => {
        const text = formatNumberVi(n);
        expect(parseNumberText(text, kind as 'count' | 'amount')).toEqual({ ok: true, value: n });
      }),
      { numRuns: 500 },
    );
  });

  it('formatNumberVi then parseNumberText gives back amounts with up to 2 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        const x = cents / 100;
        const text = formatNumberVi(x);
        expect(parseNumberText(text, 'amount')).toEqual({ ok: true, value: x });
        // A count cell takes it back too when it is whole, else says "phải là số nguyên".
        const cell = parseCell(text, 'count');
        if (x < 0) expect(cell).toMatchObject({ status: 'invalid', problem: 'negative' });
        else if (x > MAX_COUNT) expect(cell).toMatchObject({ status: 'invalid', problem: 'too-large' });
        else if (Number.isInteger(x)) expect(cell).toEqual({ status: 'ok', value: x });
        else expect(cell).toMatchObject({ status: 'invalid', problem: 'fraction' });
      }),
      { numRuns: 500 },
    );
  });

  it('never guesses: whatever the text, parsing gives a finite number or a reason, and never throws', () => {
    const numberish = fc.stringMatching(/^[ +\-−]?[0-9., \u00a0]{0,14}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), numberish), (text) => {
        const r = parseNumberText(text, 'amount');
        if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
        else expect(['not-a-number', 'ambiguous']).toContain(r.reason);
        // "1,000"-like text is never read as a number: a factor of 1.000 is worse than asking.
        if (/^[1-9]\d{0,2},\d{3}$/.test(cleanText(text))) expect(r.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------- names

const VI_LETTERS = [
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY',
  ...'áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ',
  ...'ÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ',
  ' ',
  ' ',
  '-',
  '"',
];
const viText = fc.array(fc.constantFrom(...VI_LETTERS), { maxLength: 40 }).map((a) => a.join(''));
/** Capitals and combining marks that compose differently once lower-cased ("T" + U+0308 → "ẗ"). */
const marks = fc.string({
  unit: fc.constantFrom(
    'T',
    'A',
    'Đ',
    'Ϊ',
    'Ά',
    'Ω',
    'Y',
    ' ',
    '\u0308',
    '\u0301',
    '\u0300',
    '\u0345',
    '\u0323',
    '\u200b',
  ),
  maxLength: 12,
});
const NOISE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];

describe('normalizeName', () => {
  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.oneof(viText, marks, fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => {
        const once = normalizeName(s);
        expect(normalizeName(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('maps Đ/Ð/Ɖ and đ/ð/ɖ together', () => {
    fc.assert(
      fc.property(viText, fc.infiniteStream(fc.nat(2)), (s, pick) => {
        const upper = ['Đ', '\u00d0', '\u0189'];
        const lower = ['đ', '\u00f0', '\u0256'];
        const look = s.replace(/Đ/g, () => upper[pick.next().value]).replace(/đ/g, () => lower[pick.next().value]);
        expect(normalizeName(look)).toBe(normalizeName(s));
        expect(normalizeName(look)).toBe(normalizeName(s.replace(/[Đđ]/g, (c) => (c === 'Đ' ? '\u00d0' : '\u00f0'))));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads NFD, zero-width characters and non-breaking spaces as the plain NFC text', () => {
    fc.assert(
      fc.property(viText, fc.infiniteStream(fc.nat(20)), (s, dice) => {
        // Decompose, sprinkle zero-width characters (even between a letter and its marks),
        // and swap spaces for NBSP / thin spaces / tabs, as text copied from Word or Zalo does.
        let noisy = '';
        for (const ch of s.normalize('NFD')) {
          const d = dice.next().value;
          if (ch === ' ') noisy += [' ', '\u00a0', '\u2009', '\t', '  '][d % 5];
          else noisy += ch;
          if (d < NOISE.length) noisy += NOISE[d];
        }
        expect(normalizeName(noisy)).toBe(normalizeName(s));
        expect(normalizeName(` ${noisy}\u00a0`)).toBe(normalizeName(s));
      }),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------- reading never throws

const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.stringMatching(/^[ +-]?[0-9.,]{1,9}$/),
  fc.constantFrom('#REF!', '#N/A', '#VALUE!', '#DIV/0!', '=SUM(A1:A3)', 'TRUE', '', ' ', 'T9', 'Tháng 9', 'NGAY_NOP'),
  fc.double({ noNaN: false }),
  fc.integer({ min: -5, max: 5000 }),
  fc.boolean(),
  fc.date({ min: new Date(1800, 0, 1), max: new Date(2200, 0, 1) }),
  fc.constant(null),
  fc.constant(undefined),
);

describe('reading whatever lands in the cells', () => {
  const unit = allUnits[0];
  const base = modelToSheetInput(buildUnitSheet(unit, 2018, catalogue, {}));
  const height = base.grid.length;
  const width = base.grid[0].length;

  it('never throws, and counts only the cells that parse as valid numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(height + 3), fc.nat(width + 3), anyCell), { maxLength: 40 }), (edits) => {
        const grid = base.grid.map((r) => [...r]);
        for (const [r, c, v] of edits) {
          while (grid.length <= r) grid.push([]);
          grid[r][c] = v;
        }
        const { report, findings } = readSheet(
          { name: base.name, grid },
          { level: DEFAULT_LEVEL, catalogue, units: allUnits, year: 2018 },
        );
        for (const f of findings) expect(typeof f.message).toBe('string');
        if (!report) return;
        for (const ind of numeric) {
          report.values[ind.code].forEach((v, m) => {
            if (v === null) return;
            // The value came from a cell that parses as a valid number of the right kind.
            // Month columns are found by header, so a stray "Tháng 9" typed further left may
            // legitimately become month 9's column (with a duplicate-month warning): take the
            // column from the cell the reader names, not from the template's position.
            const cell = report.cells[ind.code][m];
            const col = cell.charCodeAt(0) - 65;
            const row = Number(cell.replace(/^[A-Z]+/, '')) - 1;
            expect(cell).toMatch(/^[A-Z]\d+$/);
            if (col !== monthCol(m + 1) - 1)
              expect(findings.some((f) => f.code === 'duplicate-month-column' && f.month === m + 1)).toBe(true);
            const parsed = parseCell(grid[row][col], ind.kind);
            expect(parsed).toMatchObject({ status: 'ok', value: v });
            expect(v).toBeGreaterThanOrEqual(0);
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});
