/**
 * What the reader carries from one sheet to the next must not change what a sheet reads as:
 * the rows of the last sheet (reused when its code and label cells are the same), and the
 * unit named by "Mã đơn vị" taken as it stands when "Đơn vị" names that very unit.
 */
import fc from 'fast-check';
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { CellValue, Finding, SheetInput, Unit } from '../types';
import { buildUnitSheet, LAYOUT, monthCol, unitDisplayName } from './layout';
import {
  nameLookup,
  prepareRead,
  type ReadContext,
  readSheet,
  readWorkbook,
  yearInText,
  yearInTextByRegExp,
} from './read';
import { modelToSheetInput, rowWithCode, setCell } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const CHUNG_CHAI = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };
const codes = catalogue.indicators.map((i) => i.code);
const labels = catalogue.indicators.map((i) => i.label);

function filledSheet(): SheetInput {
  const input = modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2018, catalogue, {}));
  // A number in every month of every indicator, so a row read wrongly shows in the values.
  codes.forEach((code, k) => {
    const row = rowWithCode(input.grid, code);
    for (let m = 1; m <= 12; m++) setCell(input.grid, row, monthCol(m), k * 100 + m);
  });
  return input;
}

/** Code and label cells people get wrong: other codes and labels, blanks, typos, numbers. */
const oddCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom(...codes),
  fc.constantFrom(...labels),
  fc.constantFrom('', ' ', null, undefined, 'NGAY_NOP', 'Ngày nộp báo cáo', 'XYZ_CU', 'ABC', 'I', 7, 0, -0, true),
  fc.constantFrom(...codes).map((c) => ` ${c.toLowerCase()}`),
  // Units of measure: the catalogue's, another scale of money, another unit.
  fc.constantFrom('hộ', 'Hộ', 'người', 'triệu đồng', 'nghìn đồng', 'trđ', 'đơn', 'lượt'),
);

interface Edit {
  row: number;
  col: 'code' | 'label' | 'unit';
  value: CellValue;
}
const edit: fc.Arbitrary<Edit> = fc.record({
  row: fc.integer({ min: 0, max: 60 }),
  col: fc.constantFrom('code' as const, 'label' as const, 'unit' as const),
  value: oddCell,
});

/**
 * Header changes: a row inserted above (the header moves down), the code column's header renamed
 * (guessed), the unit column's header renamed (no unit column).
 */
interface Heads {
  shift: boolean;
  renameCode: boolean;
  renameUnit?: boolean;
}
const NO_HEADS: Heads = { shift: false, renameCode: false };
const COLUMN_OF = { code: LAYOUT.codeCol, label: LAYOUT.labelCol, unit: LAYOUT.unitCol };

function edited(edits: Edit[], extraRows: number, heads = NO_HEADS): SheetInput {
  const input = filledSheet();
  for (const e of edits) {
    const row = LAYOUT.headerRow + 1 + e.row;
    if (row > input.grid.length + 2) continue;
    setCell(input.grid, row, COLUMN_OF[e.col], e.value);
  }
  for (let k = 0; k < extraRows; k++) input.grid.push([]);
  if (heads.renameCode) setCell(input.grid, LAYOUT.headerRow, LAYOUT.codeCol, 'Ký hiệu');
  if (heads.renameUnit) setCell(input.grid, LAYOUT.headerRow, LAYOUT.unitCol, 'Ghi chú thêm');
  if (heads.shift) input.grid.unshift(input.grid[0].map(() => ''));
  return input;
}

/** The report and findings of the last sheet of a workbook (findings of the sheets before it taken off). */
function lastOf(sheets: SheetInput[]): { report: unknown; findings: Finding[] } {
  const before = sheets.length > 1 ? readWorkbook({ source: 'a.xlsx', sheets: sheets.slice(0, -1) }, ctx).findings : [];
  const all = readWorkbook({ source: 'a.xlsx', sheets }, ctx);
  expect(all.findings.slice(0, before.length)).toEqual(before);
  return {
    report: JSON.parse(JSON.stringify(all.reports.at(-1) ?? null)),
    findings: all.findings.slice(before.length),
  };
}

describe('a sheet read after another reads as it does alone', () => {
  it('rows found by code and label, unknown and duplicate codes, the submission row, units of measure', () => {
    fc.assert(
      fc.property(
        fc.array(edit, { maxLength: 4 }),
        fc.array(edit, { maxLength: 4 }),
        fc.integer({ min: 0, max: 2 }),
        fc.record({ shift: fc.boolean(), renameCode: fc.boolean(), renameUnit: fc.boolean() }),
        fc.record({ shift: fc.boolean(), renameCode: fc.boolean(), renameUnit: fc.boolean() }),
        (firstEdits, secondEdits, extraRows, firstHeads, secondHeads) => {
          const first = edited(firstEdits, 0, firstHeads);
          // Often the very same cells as the first sheet (the reuse), sometimes one more edit.
          const second = edited([...firstEdits, ...secondEdits], extraRows, secondHeads);
          second.name = 'Tờ 2';
          const alone = lastOf([second]);
          expect(lastOf([first, second])).toEqual(alone);
          expect(lastOf([first, first, second])).toEqual(alone);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a code typed differently in the next sheet is not taken from the last one', () => {
    const first = filledSheet();
    const second = filledSheet();
    const [a, b] = [codes[0], codes[1]];
    // The two codes swapped (labels with them): the same texts in the column, in other rows.
    const ra = rowWithCode(second.grid, a);
    const rb = rowWithCode(second.grid, b);
    setCell(second.grid, ra, LAYOUT.codeCol, b);
    setCell(second.grid, rb, LAYOUT.codeCol, a);
    setCell(second.grid, ra, LAYOUT.labelCol, labels[1]);
    setCell(second.grid, rb, LAYOUT.labelCol, labels[0]);
    const { reports } = readWorkbook({ source: 'a.xlsx', sheets: [first, second] }, ctx);
    expect(reports[0].values[a][0]).toBe(1);
    expect(reports[1].values[a][0]).toBe(101);
    expect(reports[1].values[b][0]).toBe(1);
    expect(reports[1].cells[a][0]).toBe(`E${rb}`);
  });
});

describe('the rows of the sheet being read, held in an array of the reader', () => {
  it('a shorter sheet after a longer one sees none of its rows, nor its merged ranges', () => {
    const long = filledSheet();
    // Rows and a merge only the first sheet has: an unknown code and a duplicate, a merge hiding values.
    long.grid.push(['XYZ_CU', '', 'Chỉ tiêu cũ', '', 5], [codes[0], '', labels[0], '', 7]);
    long.merges = [...(long.merges ?? []), `E${LAYOUT.headerRow + 3}:F${LAYOUT.headerRow + 4}`];
    const short = filledSheet();
    short.name = 'Tờ 2';
    const alone = lastOf([short]);
    expect(alone.findings.map((f) => f.code)).not.toContain('unknown-indicator');
    expect(lastOf([long, short])).toEqual(alone);
    // The first sheet did have those findings (so the second would show them if its rows were left over).
    const first = readSheet(long, ctx).findings.map((f) => f.code);
    expect(first).toEqual(expect.arrayContaining(['unknown-indicator', 'duplicate-indicator', 'merged-cell']));
  });

  it('missing rows and holes read as empty, as in the grid given', () => {
    const packed = filledSheet();
    packed.grid.splice(LAYOUT.headerRow + 1, 0, [], []);
    const holey = filledSheet();
    const rows: CellValue[][] = [];
    holey.grid.forEach((row, r) => {
      rows[r < LAYOUT.headerRow + 1 ? r : r + 2] = row;
    });
    holey.grid = rows; // two holes below the header
    expect(1 in holey.grid && !(LAYOUT.headerRow + 1 in holey.grid)).toBe(true);
    expect(lastOf([holey])).toEqual(lastOf([packed]));
    expect(lastOf([packed, holey])).toEqual(lastOf([packed]));
  });
});

describe('"Đơn vị" naming the unit of "Mã đơn vị" skips the name look-up only when it cannot differ', () => {
  const kinds = ['xã', 'phường', 'thị trấn'];
  const names = ['Đoài', 'Xã Đoài', 'Phường Đoài', 'Đông', 'Thị trấn Đông', 'Ðoài'];
  const unitList = fc
    .array(fc.record({ name: fc.constantFrom(...names), kind: fc.constantFrom(...kinds) }), {
      minLength: 1,
      maxLength: 5,
    })
    .map((list) => list.map((u, i): Unit => ({ code: `u${i}`, name: u.name, kind: u.kind, emails: [] })));

  it('never when byName would answer another unit', () => {
    const typed = fc.oneof(
      fc.constantFrom(...names),
      fc
        .tuple(fc.constantFrom('Xã', 'Phường', 'Thị trấn', 'TT.', 'xã'), fc.constantFrom(...names))
        .map(([k, n]) => `${k} ${n}`),
    );
    fc.assert(
      fc.property(unitList, fc.nat(4), typed, (list, pick, text) => {
        const code = list[pick % list.length].code;
        const { found, skips } = nameLookup(prepareRead({ level: DEFAULT_LEVEL, catalogue, units: list }), code, text);
        if (skips) expect(found === null || found === code).toBe(true);
        // Its own name and display name are skipped (also with "Ð" for "Đ"), unless the name starts with its kind.
        const own = list[pick % list.length];
        if (!own.name.toLowerCase().startsWith(own.kind))
          for (const t of [own.name, unitDisplayName(own)])
            expect(nameLookup(prepareRead({ level: DEFAULT_LEVEL, catalogue, units: list }), code, t).skips).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('still reports a name that, its kind taken off, is another unit', () => {
    // "Xã Đoài" is unit a's own name, but read as a name it is "Đoài" of the kind xã: unit b.
    const a: Unit = { code: 'a', name: 'Xã Đoài', kind: 'xã', emails: [] };
    const b: Unit = { code: 'b', name: 'Đoài', kind: 'xã', emails: [] };
    const input = modelToSheetInput(buildUnitSheet(a, 2018, catalogue, {}));
    const nameRow = input.grid.findIndex((r) => r[0] === 'Đơn vị:');
    input.grid[nameRow][2] = 'Xã Đoài';
    expect(nameLookup(prepareRead({ level: DEFAULT_LEVEL, catalogue, units: [a, b] }), 'a', 'Xã Đoài')).toEqual({
      found: 'b',
      skips: false,
    });
    const { report, findings } = readSheet(input, { level: DEFAULT_LEVEL, catalogue, units: [a, b], year: 2018 });
    expect(findings.map((f) => f.code)).toEqual(['unit-mismatch']);
    expect(report?.unitCode).toBe('a');
  });

  it('the common sheet: its own display name, no finding', () => {
    const input = modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2018, catalogue, {}));
    expect(nameLookup(prepareRead(ctx), CHUNG_CHAI.code, 'Xã Chung Chải').skips).toBe(true);
    expect(readSheet(input, ctx).findings).toEqual([]);
  });
});

describe('the year in a sheet or file name', () => {
  it('is what the regular expression finds', () => {
    const unit = fc.constantFrom(...'0123456789 -_.abT/'.split(''), '19', '20', '2025', '1999', 'Năm ');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 12 }), fc.string({ maxLength: 12 })), (s) => {
        expect([s, yearInText(s)]).toEqual([s, yearInTextByRegExp(s)]);
      }),
      { numRuns: 5000 },
    );
    expect(yearInText('Quang Pheo 2025')).toBe(2025);
    expect(yearInText('12025 x 1990')).toBe(1990);
  });
});
