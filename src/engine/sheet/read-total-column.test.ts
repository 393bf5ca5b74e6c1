/** The "Cả năm" column: not read (the months are), but a figure typed there with no month is not lost silently. */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { Unit } from '../types';
import { buildUnitSheet, LAYOUT, monthCol } from './layout';
import { type ReadContext, readSheet } from './read';
import { modelToSheetInput, rowWithCode, setCell } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const chungChai = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };

function sheetWith(values: Record<string, (number | null)[]>, total?: number | string) {
  const s = modelToSheetInput(buildUnitSheet(chungChai, 2018, catalogue, { values, notes: {}, submitted: [] }));
  const row = rowWithCode(s.grid, 'DTN_QUA');
  if (total !== undefined) setCell(s.grid, row, LAYOUT.totalCol, total);
  return { s, row };
}

describe('a figure in "Cả năm" only', () => {
  it('is a warning naming its cell, and is not counted', () => {
    const { s, row } = sheetWith({}, 50);
    const { report, findings } = readSheet(s, ctx);
    const f = findings.find((x) => x.code === 'total-without-months');
    expect(f).toMatchObject({ severity: 'warning', cell: `Q${row}`, indicatorCode: 'DTN_QUA' });
    expect(f?.message).toContain('cột "Cả năm" ghi 50 nhưng các tháng đều để trống');
    expect(report?.values.DTN_QUA).toEqual(Array(12).fill(null));
  });

  it('says the months are wrongly written, not empty, when one holds text', () => {
    const { s, row } = sheetWith({}, 50);
    setCell(s.grid, row, monthCol(3), 'ba mươi');
    const f = readSheet(s, ctx).findings.find((x) => x.code === 'total-without-months');
    expect(f?.message).toContain(
      'cột "Cả năm" ghi 50 nhưng không tháng nào có số liệu hợp lệ (ô ghi sai được báo riêng)',
    );
    expect(f?.message).not.toContain('để trống');
  });

  it('is quiet when some month has a figure, when the total is 0 or empty', () => {
    const months = Array(12).fill(null);
    months[8] = 3;
    for (const { s } of [sheetWith({ DTN_QUA: months }, 50), sheetWith({}, 0), sheetWith({}, '')])
      expect(readSheet(s, ctx).findings.filter((f) => f.code === 'total-without-months')).toEqual([]);
  });
});

describe('a "Cả năm" figure that is not the sum of the months', () => {
  const nine = (v: number) => [v, v, v, v, v, v, v, v, v, null, null, null];
  const notSum = (fs: ReturnType<typeof readSheet>['findings']) => fs.filter((f) => f.code === 'total-not-sum');

  it('typed (or pasted as a value) is a warning naming the cell and both numbers; the months are counted', () => {
    const months = nine(3);
    months[8] = 9; // 8 × 3 + 9 = 33
    const { s, row } = sheetWith({ DTN_QUA: months }, 999);
    const { report, findings } = readSheet(s, ctx);
    expect(notSum(findings)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        cell: `Q${row}`,
        indicatorCode: 'DTN_QUA',
        message:
          `Xã Chung Chải, ô Q${row} (Suất quà tặng): cột "Cả năm" ghi 999 nhưng cộng các tháng là 33 — kiểm tra lại ` +
          '(tổng hợp tính theo số từng tháng, tức 33; nếu số cả năm mới đúng thì có tháng ghi sai hoặc còn thiếu)',
      }),
    ]);
    expect(report?.values.DTN_QUA).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 9, null, null, null]);
  });

  it("is said of a formula's result too (read as its value), and of a total typed as text", () => {
    for (const total of [32, '1.000']) {
      const { s, row } = sheetWith({ DTN_QUA: nine(3) }, total);
      expect(notSum(readSheet(s, ctx).findings).map((f) => f.cell)).toEqual([`Q${row}`]);
    }
  });

  it('is quiet when the total is the sum (amounts to the cent), empty, or the months hold text or errors', () => {
    const amounts = Array(12).fill(null);
    amounts[0] = 0.1;
    amounts[1] = 0.2;
    const amountSheet = modelToSheetInput(
      buildUnitSheet(chungChai, 2018, catalogue, { values: { LDLD_MAIAM_GIATRI: amounts }, notes: {}, submitted: [] }),
    );
    const amountRow = rowWithCode(amountSheet.grid, 'LDLD_MAIAM_GIATRI');
    setCell(amountSheet.grid, amountRow, LAYOUT.totalCol, 0.3);
    const texts = sheetWith({ DTN_QUA: nine(3) }, 27);
    setCell(texts.s.grid, texts.row, monthCol(2), '1.000'); // a SUM leaves text out
    const wrong = sheetWith({ DTN_QUA: nine(3) }, 24);
    setCell(wrong.s.grid, wrong.row, monthCol(2), 'ba');
    for (const s of [
      sheetWith({ DTN_QUA: nine(3) }, 27).s,
      sheetWith({ DTN_QUA: nine(3) }, '').s,
      sheetWith({ DTN_QUA: nine(3) }).s,
      amountSheet,
      texts.s,
      wrong.s,
    ])
      expect(notSum(readSheet(s, ctx).findings)).toEqual([]);
  });

  it('is quiet for a stock (its year figure is the latest month, not a sum)', () => {
    const stock = catalogue.indicators.find((i) => i.overMonths === 'last' && i.kind !== 'note');
    if (!stock) throw new Error('no stock indicator');
    const s = modelToSheetInput(
      buildUnitSheet(chungChai, 2018, catalogue, { values: { [stock.code]: nine(5) }, notes: {}, submitted: [] }),
    );
    setCell(s.grid, rowWithCode(s.grid, stock.code), LAYOUT.totalCol, 5);
    expect(notSum(readSheet(s, ctx).findings)).toEqual([]);
  });
});

describe('"Cả năm" not the months\' sum on many rows, or summing a quarter column', () => {
  const notSum = (fs: ReturnType<typeof readSheet>['findings']) => fs.filter((f) => f.code === 'total-not-sum');
  // Seven summed indicators (a stock's year figure is its latest month: not checked).
  const CODES = catalogue.indicators
    .filter((i) => i.kind !== 'note' && i.overMonths === 'sum')
    .slice(0, 7)
    .map((i) => i.code);
  const three = [1, 1, 1, 2, 2, 2, 3, 3, 3, null, null, null]; // 18

  it('a column pasted as values: one warning for the sheet, listing the cells', () => {
    const s = modelToSheetInput(
      buildUnitSheet(chungChai, 2018, catalogue, {
        values: Object.fromEntries(CODES.map((c) => [c, three])),
        notes: {},
        submitted: [],
      }),
    );
    const rows = CODES.map((c) => rowWithCode(s.grid, c)).sort((a, b) => a - b);
    for (const r of rows) setCell(s.grid, r, LAYOUT.totalCol, 17);
    const { report, findings } = readSheet(s, ctx);
    const f = notSum(findings);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', cell: `Q${rows[0]}` });
    expect(f[0].message).toContain(
      `cột "Cả năm" khác tổng các tháng ở 7 dòng (${rows
        .slice(0, 5)
        .map((r) => `Q${r}`)
        .join(', ')} và 2 ô khác)`,
    );
    expect(f[0].message).toContain('ghi 17 nhưng cộng các tháng là 18');
    for (const c of CODES) expect(report?.values[c]).toEqual(three);
  });

  /** A "Quý I" column inserted before T4 (the months from T4 on move right), holding T1–T3's sum. */
  function withQuarter(total: (row: number, rows: number[]) => number) {
    const s = modelToSheetInput(
      buildUnitSheet(chungChai, 2018, catalogue, {
        values: { DTN_QUA: three, TCD_LUOT: three },
        notes: {},
        submitted: [],
      }),
    );
    const before = monthCol(4);
    const h = LAYOUT.headerRow - 1;
    const rows = ['DTN_QUA', 'TCD_LUOT'].map((c) => rowWithCode(s.grid, c));
    s.grid.forEach((row, r) => {
      row.splice(before - 1, 0, r === h ? 'Quý I' : rows.includes(r + 1) ? 3 : '');
    });
    for (const r of rows) setCell(s.grid, r, LAYOUT.totalCol + 1, total(r, rows));
    return {
      s,
      rows,
      quarter: String.fromCharCode(64 + before),
      totalLetter: String.fromCharCode(65 + LAYOUT.totalCol),
    };
  }

  it('a total that is the months plus a quarter column among them says so, once for the sheet', () => {
    const { s, rows, quarter, totalLetter } = withQuarter(() => 21);
    const { report, findings } = readSheet(s, ctx);
    const f = notSum(findings);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain(
      `cột "Cả năm" cộng cả cột ${quarter} (Quý I) nằm giữa các cột tháng, ở 2 dòng (${rows
        .sort((a, b) => a - b)
        .map((r) => `${totalLetter}${r}`)
        .join(', ')})`,
    );
    expect(f[0].message).not.toContain('có tháng ghi sai');
    expect(report?.values.DTN_QUA).toEqual(three);
  });

  it('on one row: the row is named with both numbers and the column', () => {
    const { s, quarter } = withQuarter((r, rows) => (r === rows[0] ? 21 : 18));
    const f = notSum(readSheet(s, ctx).findings);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain(
      `cột "Cả năm" ghi 21, tức tổng các tháng (18) cộng cả cột ${quarter} (Quý I) nằm giữa các cột tháng`,
    );
  });

  it('a total the quarter column does not explain is still a contradiction', () => {
    const { s } = withQuarter((r) => r + 100);
    const f = notSum(readSheet(s, ctx).findings);
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('cột "Cả năm" khác tổng các tháng ở 2 dòng');
    expect(f[0].message).not.toContain('Quý I');
  });
});
