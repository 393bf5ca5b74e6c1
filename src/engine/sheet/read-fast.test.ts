/**
 * The reader's shortcuts for large reads (plain numbers taken as they stand, indicator rows
 * found by their exact code, A1 names shared between sheets) must give exactly what the
 * general path gives: every cell is compared with parseCell, the general cell parser.
 */
import fc from 'fast-check';
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import { cleanText } from '../text/normalize';
import type { CellValue, SheetInput, Unit } from '../types';
import { MAX_AMOUNT, MAX_COUNT, parseCell } from '../validation/cells';
import { buildUnitSheet, monthCol } from './layout';
import { mayBeTopLabel, type ReadContext, readSheet, readTopLabels, readWorkbook, TOP_LABELS, topCellOf } from './read';
import { modelToSheetInput, rowWithCode, setCell } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const CHUNG_CHAI = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };
const COUNT = catalogue.indicators.find((i) => i.kind === 'count') ?? catalogue.indicators[0];
const AMOUNT = catalogue.indicators.find((i) => i.kind === 'amount') ?? catalogue.indicators[0];

function blankSheet(): SheetInput {
  return modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2018, catalogue, {}));
}

/** Numbers near every edge the shortcut tests: -0, fractions within and beyond the tolerance, huge, not finite. */
const awkwardNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2.9999999999999996, 3.0000000001, 1e-10, 0.5, 1e21, Number.MAX_VALUE),
  // Each side of the bounds above which a figure is a slip (MAX_COUNT, MAX_AMOUNT).
  fc.constantFrom(
    MAX_COUNT,
    MAX_COUNT + 1,
    MAX_COUNT + 0.5,
    12345678901,
    MAX_AMOUNT,
    MAX_AMOUNT * 1.0000001,
    2 ** 53 + 2,
  ),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MIN_VALUE),
  fc.integer({ min: -5, max: 1_000_000 }),
  fc.double({ noNaN: false }),
);
const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  awkwardNumber,
  fc.constantFrom('', ' ', '12', '1.000', '1,5', 'abc', '#REF!', true, null, new Date(2018, 0, 16)),
);

describe('reader shortcuts give what parseCell gives', () => {
  it('count and amount cells: value, invalid list and one finding per invalid cell', () => {
    fc.assert(
      fc.property(fc.array(cellValue, { minLength: 12, maxLength: 12 }), fc.boolean(), (cells, amount) => {
        const ind = amount ? AMOUNT : COUNT;
        const input = blankSheet();
        const row = rowWithCode(input.grid, ind.code);
        for (let i = 0; i < 12; i++) setCell(input.grid, row, monthCol(i + 1), cells[i]);
        const { report, findings } = readSheet(input, ctx);
        const expected = cells.map((v) => parseCell(v, ind.kind));
        const values = expected.map((p) => (p.status === 'ok' ? p.value : null));
        expect(report?.values[ind.code]).toEqual(values);
        // -0 never leaks out as a value
        for (const v of report?.values[ind.code] ?? []) if (v === 0) expect(Object.is(v, -0)).toBe(false);
        const bad = expected.flatMap((p, i) => (p.status === 'invalid' ? [`${ind.code}:${i + 1}`] : []));
        expect(report?.invalid).toEqual(bad);
        const cellFindings = findings.filter((f) => f.indicatorCode === ind.code && f.severity === 'error');
        expect(cellFindings.map((f) => f.month)).toEqual(
          expected.flatMap((p, i) => (p.status === 'invalid' ? [i + 1] : [])),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('months side by side (read as a run) and months split by another column give the same', () => {
    fc.assert(
      fc.property(
        fc.array(cellValue, { minLength: 12, maxLength: 12 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 11 }),
        (cells, amount, after) => {
          const ind = amount ? AMOUNT : COUNT;
          const input = blankSheet();
          const row = rowWithCode(input.grid, ind.code);
          for (let i = 0; i < 12; i++) setCell(input.grid, row, monthCol(i + 1), cells[i]);
          // A column inserted after month `after` in every row: the months are no longer side by side.
          const split = {
            ...input,
            grid: input.grid.map((r) => [...r.slice(0, monthCol(after)), 'x', ...r.slice(monthCol(after))]),
          };
          const a = readSheet(input, ctx);
          const b = readSheet(split, ctx);
          expect(b.report?.values[ind.code]).toEqual(a.report?.values[ind.code]);
          expect(b.report?.invalid).toEqual(a.report?.invalid);
          const months = (r: typeof a) =>
            r.findings.filter((f) => f.indicatorCode === ind.code).map((f) => [f.code, f.month]);
          expect(months(b)).toEqual(months(a));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a code cell with spaces or lower case is still read (the exact-code lookup is only a shortcut)', () => {
    const input = blankSheet();
    const row = rowWithCode(input.grid, COUNT.code);
    setCell(input.grid, row, 1, ` ${COUNT.code.toLowerCase()}\u00A0`);
    setCell(input.grid, row, monthCol(3), 7);
    const { report } = readSheet(input, ctx);
    expect(report?.values[COUNT.code]?.[2]).toBe(7);
  });

  it('sheets of the same layout share cell names that cannot be changed', () => {
    const wb = { source: 'a.xlsx', sheets: [blankSheet(), { ...blankSheet(), name: 'Bản sao' }] };
    const { reports } = readWorkbook(wb, ctx);
    expect(reports).toHaveLength(2);
    const [a, b] = reports.map((r) => r.cells[COUNT.code]);
    expect(a).toEqual(b);
    expect(a[0]).toMatch(/^E\d+$/);
    expect(Object.isFrozen(a)).toBe(true);
    expect(() => {
      (a as string[])[0] = 'Z1';
    }).toThrow(TypeError);
    expect(b[0]).toMatch(/^E\d+$/);
  });
});

describe('mayBeTopLabel (skips topCellOf for unit names, codes and titles)', () => {
  it('lets every top label through, bare, with a colon, spaced or in capitals', () => {
    for (const [, names] of TOP_LABELS)
      for (const n of names)
        for (const s of [n, `${n}:`, ` ${n}`, n.toUpperCase(), `\u200B${n}`, `${n}: 2018`]) {
          expect(topCellOf(s).any).toBe(true);
          expect(mayBeTopLabel(s)).toBe(true);
        }
  });

  it('is never false for a text topCellOf takes as a label', () => {
    const unit = fc.constantFrom(...'mMnNtTđĐÐðaăxXq \t\u00A0\u200B:ãơnvịnămàêb'.split(''));
    const labels = TOP_LABELS.flatMap(([, names]) => names);
    const text = fc.oneof(
      fc.string({ unit, maxLength: 12 }),
      fc
        .tuple(fc.constantFrom(...labels), fc.string({ unit, maxLength: 3 }), fc.string({ unit, maxLength: 3 }))
        .map(([l, a, b]) => `${a}${l}${b}`),
      fc.string({ unit: 'binary', maxLength: 12 }),
    );
    fc.assert(
      fc.property(text, (s) => {
        if (topCellOf(s).any) expect(mayBeTopLabel(s)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('skips unit names, codes and titles that cannot be labels', () => {
    for (const s of ['Xã Quang Pheo', 'xa-0002', 'BÁO CÁO NĂM 2025', '2025', '', '   '])
      expect(mayBeTopLabel(s)).toBe(false);
  });
});

describe('readTopLabels (the three labels kept in locals)', () => {
  // The reader as it was, setting each label by name on one object: the oracle.
  const text = (v: CellValue) =>
    typeof v === 'string'
      ? v === ''
        ? ''
        : cleanText(v)
      : typeof v === 'number' && Number.isFinite(v)
        ? String(v)
        : '';
  const empty = (v: CellValue) => (typeof v === 'string' ? cleanText(v) === '' : v === null || v === undefined);
  function byName(grid: CellValue[][], headerRow: number): Record<string, CellValue> {
    const found: Record<string, CellValue> = {};
    for (let r = 0; r < headerRow; r++) {
      const row = grid[r] ?? [];
      for (let c = 0; c < Math.min(row.length, 30); c++) {
        const v = row[c];
        if (typeof v !== 'string') continue;
        const top = topCellOf(v);
        if (!top.any) continue;
        TOP_LABELS.forEach(([field], f) => {
          if (found[field] !== undefined) return;
          let value: CellValue;
          if (top.byKey[f]) value = row.slice(c + 1).find((x) => !empty(x));
          else if (top.inline[f]) value = top.inlineValue;
          if (value === undefined) return;
          found[field] = field === 'year' ? value : text(value) || undefined;
        });
      }
    }
    return found;
  }

  it('finds what setting them by name found, first value of each, on random rows above the header', () => {
    const labels = TOP_LABELS.flatMap(([, names]) => names);
    const cell = fc.oneof(
      fc.constantFrom(
        ...labels,
        ...labels.map((l) => `${l}:`),
        'Đơn vị tính',
        'Năm: 2019',
        'Mã đơn vị: xa-1',
        'Đơn vị:  ',
      ),
      fc.constantFrom<CellValue>(
        '',
        ' ',
        '\u00A0',
        'xa-0001',
        'Xã Chung Chải',
        2018,
        0,
        Number.NaN,
        true,
        null,
        undefined,
      ),
      fc.constantFrom<CellValue>(new Date(Date.UTC(2018, 0, 1))),
    );
    const grid = fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 6 });
    fc.assert(
      fc.property(grid, fc.nat(7), (g, headerRow) => {
        expect(readTopLabels(g, headerRow)).toEqual(byName(g, headerRow));
      }),
      { numRuns: 3000 },
    );
  });
});
