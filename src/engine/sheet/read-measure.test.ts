/**
 * The "Đơn vị tính" column: a row in another money scale than the catalogue's is converted, a row
 * in another counting unit is read as typed, a row that cannot be added (money against a count,
 * money in no known scale) is not read; each with a finding on the unit cell.
 */
import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import { summarise } from '../pipeline';
import { DEFAULT_LEVEL } from '../text/level';
import type { Catalogue, Finding, Grid, SheetInput, Unit } from '../types';
import { buildUnitSheet, LAYOUT, monthCol, type UnitSheetData } from './layout';
import { type ReadContext, readSheet, readWorkbook } from './read';
import { modelToSheetInput, rowWithCode, setCell } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const CHUNG_CHAI = units.find((u) => u.code === 'chung-chai') as Unit;
const GIATRI = 'LDLD_MAIAM_GIATRI';

/** The catalogue with one indicator's unit changed (what a province may do between years). */
function withUnit(code: string, unit: string): Catalogue {
  return { ...catalogue, indicators: catalogue.indicators.map((i) => (i.code === code ? { ...i, unit } : i)) };
}
/** This year's catalogue: the value of the houses in thousands of đồng, no longer millions. */
const NGHIN = withUnit(GIATRI, 'nghìn đồng');
const ctx = (cat: Catalogue = catalogue): ReadContext => ({ level: DEFAULT_LEVEL, catalogue: cat, units, year: 2018 });

const m12 = (sparse: Record<number, number>) => Array.from({ length: 12 }, (_, i) => sparse[i + 1] ?? null);
const DATA: UnitSheetData = {
  values: {
    [GIATRI]: m12({ 3: 90.5, 9: 1.005, 12: 45 }),
    // More recognised than registered: the rule breaks, unless the registered row is left out.
    HND_SXKDG_DANGKY: m12({ 1: 20, 2: 21 }),
    HND_SXKDG_CONGNHAN: m12({ 1: 25, 2: 3 }),
    TCD_LUOT: m12({ 1: 2, 2: 3 }),
  },
};

/** A sheet laid out with `cat` (its units in "Đơn vị tính"). */
function sheet(cat: Catalogue = catalogue, data: UnitSheetData = DATA, year = 2018, name?: string): SheetInput {
  return modelToSheetInput(buildUnitSheet(CHUNG_CHAI, year, cat, data, name));
}

/** The "Đơn vị tính" cell of an indicator's row. */
const unitCell = (s: SheetInput, code: string) => `D${rowWithCode(s.grid, code)}`;
function setUnit(s: SheetInput, code: string, unit: unknown): void {
  setCell(s.grid, rowWithCode(s.grid, code), LAYOUT.unitCol, unit as string);
}
const codes = (fs: Finding[]) => fs.map((f) => f.code);

function dropColumn(grid: Grid, col: number): void {
  for (const row of grid) row.splice(col - 1, 1);
}

describe('"Đơn vị tính": money in another scale is converted', () => {
  it('last year\'s "triệu đồng" read with the catalogue now in "nghìn đồng": values × 1.000, a warning on the unit cell', () => {
    const s = sheet();
    const { report, findings } = readSheet(s, ctx(NGHIN));
    expect(report?.values[GIATRI]).toEqual(m12({ 3: 90500, 9: 1005, 12: 45000 }));
    // Other rows are as typed.
    expect(report?.values.TCD_LUOT).toEqual(DATA.values?.TCD_LUOT);
    const cell = unitCell(s, GIATRI);
    expect(findings).toEqual([
      {
        severity: 'warning',
        code: 'measure-converted',
        unitCode: 'chung-chai',
        unitName: 'Chung Chải',
        sheet: 'Chung Chải 2018',
        cell,
        indicatorCode: GIATRI,
        indicatorLabel: 'Giá trị nhà "Mái ấm công đoàn"',
        message:
          `Xã Chung Chải, ô ${cell} (Giá trị nhà "Mái ấm công đoàn"): đơn vị tính ghi "triệu đồng", khác với danh mục chỉ tiêu ("nghìn đồng"): ` +
          'số liệu hàng này đã được đổi từ triệu đồng sang nghìn đồng (nhân với 1.000) để tổng hợp. ' +
          'Nếu số liệu thực ra đã tính theo nghìn đồng, hãy sửa ô này thành "nghìn đồng"',
      },
    ]);
  });

  it('the other way, numbers typed as text too: ÷ 1.000, exactly', () => {
    const s = sheet(NGHIN, { values: { [GIATRI]: m12({ 1: 90500, 2: 8200, 4: 1234.5 }) } });
    setCell(s.grid, rowWithCode(s.grid, GIATRI), monthCol(3), '1.500,5');
    const { report, findings } = readSheet(s, ctx());
    expect(report?.values[GIATRI]).toEqual(m12({ 1: 90.5, 2: 8.2, 3: 1.5005, 4: 1.2345 }));
    expect(codes(findings)).toEqual(['measure-converted']);
    expect(findings[0].message).toContain('đổi từ nghìn đồng sang triệu đồng (chia cho 1.000)');
  });

  it('the same scale spelt another way is no finding and no conversion', () => {
    for (const typed of ['Triệu đồng', 'triệu  đồng', 'tr.đồng', 'trđ', 'TRIE\u0302\u0323U ĐỒNG']) {
      const s = sheet();
      setUnit(s, GIATRI, typed);
      // A row converted elsewhere in the sheet: the finding there shows the reader looks at units.
      setUnit(s, 'HND_SXKDG_DANGKY', 'người');
      const { report, findings } = readSheet(s, ctx());
      expect([typed, report?.values[GIATRI]]).toEqual([typed, DATA.values?.[GIATRI]]);
      expect([typed, codes(findings)]).toEqual([typed, ['measure-renamed']]);
    }
  });

  it('"so cùng kỳ" compares in the catalogue\'s unit: last year\'s sheet in "triệu đồng", this year\'s in "nghìn đồng"', () => {
    const lastYear = sheet(catalogue, { values: { [GIATRI]: m12({ 9: 2.5 }) } }, 2017);
    const thisYear = sheet(NGHIN, { values: { [GIATRI]: m12({ 9: 3000 }) } }, 2018);
    const { summary } = summarise({
      catalogue: NGHIN,
      units,
      settings: defaultSettings(),
      period: { type: 'month', year: 2018, index: 9 },
      workbooks: [{ source: 'chung-chai.xlsx', sheets: [thisYear, lastYear] }],
      generatedAt: '2018-09-20T08:00:00+07:00',
    });
    const giatri = summary.indicators.find((i) => i.code === GIATRI);
    expect(giatri).toMatchObject({
      unit: 'nghìn đồng',
      period: 3000,
      lastYearPeriod: 2500,
      change: 500,
      changePct: 0.2,
    });
    expect(giatri?.ytd).toBe(3000);
    expect(giatri?.lastYearYtd).toBe(2500);
    // Said, on last year's sheet (lowered to 'info' like every finding on last year's sheets).
    const said = summary.findings.filter((f) => f.code === 'measure-converted');
    expect(said.map((f) => [f.severity, f.sheet, f.cell])).toEqual([
      ['info', lastYear.name, unitCell(lastYear, GIATRI)],
    ]);
  });
});

describe('"Đơn vị tính": a converted value above the indicator’s maximum', () => {
  /** The "above-max" warnings on the house value, in September, with this year's catalogue (NGHIN). */
  const aboveMax = (s: SheetInput) =>
    summarise({
      catalogue: NGHIN,
      units,
      settings: defaultSettings(),
      period: { type: 'month', year: 2018, index: 9 },
      workbooks: [{ source: 'chung-chai.xlsx', sheets: [s] }],
      generatedAt: '2018-09-20T08:00:00+07:00',
    }).summary.findings.filter((f) => f.code === 'above-max' && f.indicatorCode === GIATRI);

  it('is warned about without the hint to divide it as if typed in đồng (it was typed in its row’s unit)', () => {
    // The catalogue went to "nghìn đồng" and kept its maximum (2.000); the sheet still says "triệu đồng".
    const above = aboveMax(sheet(catalogue, { values: { [GIATRI]: m12({ 9: 28.5 }) } }));
    expect(above).toHaveLength(1);
    expect(above[0].message).toContain('28.500 nghìn đồng');
    expect(above[0].message).not.toContain('nếu đã ghi theo đồng');
    // Typed in the catalogue's unit, the same figure in đồng still gets the hint.
    const hinted = aboveMax(sheet(NGHIN, { values: { [GIATRI]: m12({ 9: 1_500_000 }) } }));
    expect(hinted[0]?.message).toContain('nếu đã ghi theo đồng');
  });
});

describe('"Đơn vị tính": a converted value above the maximum amount', () => {
  it('is an error naming its cell, not counted (left out as invalid), like a value typed too large', () => {
    // The catalogue counts đồng; a sheet typed in tỷ đồng: 2.000.000 tỷ is 2 × 10^15 đồng, above MAX_AMOUNT.
    const DONG = withUnit(GIATRI, 'đồng');
    const s = sheet(catalogue, { values: { [GIATRI]: m12({ 3: 2_000_000, 9: 1.5, 12: 1_000_000 }) } });
    setUnit(s, GIATRI, 'tỷ đồng');
    // Typed as text too ("2.000.000"): the same once read.
    setCell(s.grid, rowWithCode(s.grid, GIATRI), monthCol(4), '3.000.000');
    const { report, findings } = readSheet(s, ctx(DONG));
    // 1.000.000 tỷ is exactly 10^15 đồng, the maximum itself: counted.
    expect(report?.values[GIATRI]).toEqual(m12({ 9: 1_500_000_000, 12: 1e15 }));
    expect(report?.invalid).toEqual([`${GIATRI}:3`, `${GIATRI}:4`]);
    const row = rowWithCode(s.grid, GIATRI);
    const tooLarge = findings.filter((f) => f.code === 'too-large');
    expect(tooLarge.map((f) => [f.severity, f.cell, f.month, f.indicatorCode])).toEqual([
      ['error', `G${row}`, 3, GIATRI],
      ['error', `H${row}`, 4, GIATRI],
    ]);
    expect(tooLarge[0].message).toBe(
      `Xã Chung Chải, ô G${row} (Giá trị nhà "Mái ấm công đoàn", tháng 3): "2.000.000" tỷ đồng, đổi sang đồng là ` +
        '2.000.000.000.000.000 đồng, quá lớn, không thể là số liệu một tháng của đơn vị (có lẽ dán nhầm mã số, ' +
        'hoặc ghi sai đơn vị tính?); chưa tính vào tổng',
    );
    expect(codes(findings).filter((c) => c !== 'too-large')).toEqual(['measure-converted']);
  });

  it('is not counted in the summary, and counts as an excluded cell', () => {
    const DONG = withUnit(GIATRI, 'đồng');
    const s = sheet(catalogue, { values: { [GIATRI]: m12({ 1: 5, 2: 2_000_000 }) } });
    setUnit(s, GIATRI, 'tỷ đồng');
    const { summary } = summarise({
      catalogue: DONG,
      units,
      settings: defaultSettings(),
      period: { type: 'month', year: 2018, index: 2 },
      workbooks: [{ source: 'chung-chai.xlsx', sheets: [s] }],
      generatedAt: '2018-02-20T08:00:00+07:00',
    });
    const giatri = summary.indicators.find((i) => i.code === GIATRI);
    expect([giatri?.period, giatri?.ytd]).toEqual([null, 5e9]);
    expect(summary.excludedCells).toBe(1);
    expect(summary.findings.filter((f) => f.code === 'too-large').map((f) => f.severity)).toEqual(['error']);
  });
});

describe('"Đơn vị tính": another counting unit is counted and named', () => {
  it('"người" where the catalogue counts "hộ": a warning naming the cell, the figures as typed, rules judged', () => {
    const s = sheet();
    setUnit(s, 'HND_SXKDG_DANGKY', 'người');
    const { report, findings } = readSheet(s, ctx());
    const cell = unitCell(s, 'HND_SXKDG_DANGKY');
    expect(findings.map((f) => [f.severity, f.code, f.cell])).toEqual([['warning', 'measure-renamed', cell]]);
    expect(findings[0].message).toBe(
      `Xã Chung Chải, ô ${cell} (Hộ đăng ký danh hiệu sản xuất, kinh doanh giỏi (lũy kế)): đơn vị tính ghi "người" nhưng ` +
        'danh mục chỉ tiêu ghi "hộ"; số liệu hàng này vẫn được tính như số hộ. Nếu chỉ là cách gọi cũ, hãy sửa ô này ' +
        'thành "hộ"; nếu xã đã đếm theo người, hãy sửa lại số liệu cho đúng đơn vị "hộ"',
    );
    expect(report?.values.HND_SXKDG_DANGKY).toEqual(DATA.values?.HND_SXKDG_DANGKY);
    expect(report?.invalid).toEqual([]);
    // The figures are the row's: its rule (recognised ≤ registered) is judged on them.
    const { summary } = summarise({
      catalogue,
      units,
      settings: defaultSettings(),
      period: { type: 'month', year: 2018, index: 2 },
      workbooks: [{ source: 'chung-chai.xlsx', sheets: [s] }],
      generatedAt: '2018-02-20T08:00:00+07:00',
    });
    expect(codes(summary.findings)).toContain('rule-violation');
    expect(summary.indicators.find((i) => i.code === 'HND_SXKDG_DANGKY')?.period).toBe(21);
  });
});

describe('"Đơn vị tính": a unit that cannot be added is not counted', () => {
  it('"triệu đồng" where the catalogue counts "hộ": an error naming the cell, the row left out', () => {
    const s = sheet();
    setUnit(s, 'HND_SXKDG_DANGKY', 'triệu đồng');
    const { report, findings } = readSheet(s, ctx());
    const cell = unitCell(s, 'HND_SXKDG_DANGKY');
    expect(findings).toEqual([
      {
        severity: 'error',
        code: 'measure-mismatch',
        unitCode: 'chung-chai',
        unitName: 'Chung Chải',
        sheet: 'Chung Chải 2018',
        cell,
        indicatorCode: 'HND_SXKDG_DANGKY',
        indicatorLabel: 'Hộ đăng ký danh hiệu sản xuất, kinh doanh giỏi (lũy kế)',
        message:
          `Xã Chung Chải, ô ${cell} (Hộ đăng ký danh hiệu sản xuất, kinh doanh giỏi (lũy kế)): đơn vị tính ghi "triệu đồng" nhưng ` +
          'danh mục chỉ tiêu tính theo "hộ", nên số liệu hàng này chưa được tính vào tổng hợp; hãy sửa ô này thành "hộ" ' +
          'và kiểm tra lại số liệu cho đúng đơn vị đó',
      },
    ]);
    expect(report?.values.HND_SXKDG_DANGKY).toEqual(Array(12).fill(null));
    // Left out like invalid cells: the months with figures count as excluded (and rules skip them).
    expect(report?.invalid).toEqual(['HND_SXKDG_DANGKY:1', 'HND_SXKDG_DANGKY:2']);
    // The row is still the indicator's: no "missing row", and its cells are named.
    expect(report?.cells.HND_SXKDG_DANGKY[0]).toBe(`E${rowWithCode(s.grid, 'HND_SXKDG_DANGKY')}`);
    expect(report?.values.HND_SXKDG_CONGNHAN).toEqual(DATA.values?.HND_SXKDG_CONGNHAN);
  });

  it('no rule is broken by the row left out (recognised ≤ registered), in the summary either', () => {
    const s = sheet();
    setUnit(s, 'HND_SXKDG_DANGKY', 'triệu đồng');
    const { summary } = summarise({
      catalogue,
      units,
      settings: defaultSettings(),
      period: { type: 'month', year: 2018, index: 2 },
      workbooks: [{ source: 'chung-chai.xlsx', sheets: [s] }],
      generatedAt: '2018-02-20T08:00:00+07:00',
    });
    expect(codes(summary.findings)).toContain('measure-mismatch');
    expect(codes(summary.findings)).not.toContain('rule-violation');
    expect(summary.indicators.find((i) => i.code === 'HND_SXKDG_DANGKY')?.period).toBeNull();
    expect(summary.excludedCells).toBe(2);
  });

  it('money in dollars is left out; a count whose unit the catalogue reworded is counted', () => {
    const s = sheet();
    setUnit(s, GIATRI, 'USD');
    const changed = withUnit('TCD_LUOT', 'lượt người');
    const { report, findings } = readSheet(s, ctx(changed));
    expect(findings.map((f) => [f.severity, f.code, f.cell])).toEqual([
      ['error', 'measure-mismatch', unitCell(s, GIATRI)],
      ['warning', 'measure-renamed', unitCell(s, 'TCD_LUOT')],
    ]);
    expect(findings[1].message).toContain('đơn vị tính ghi "lượt" nhưng danh mục chỉ tiêu ghi "lượt người"');
    expect(report?.values.TCD_LUOT).toEqual(DATA.values?.TCD_LUOT);
    expect(report?.values[GIATRI]).toEqual(Array(12).fill(null));
  });
});

describe('"Đơn vị tính": nothing to say', () => {
  it('an empty unit cell, a note row or a unit the catalogue leaves empty', () => {
    const s = sheet();
    setUnit(s, 'HND_SXKDG_DANGKY', '');
    setUnit(s, 'HND_SXKDG_CONGNHAN', null);
    setUnit(s, 'GHI_CHU', 'trang');
    // The one row in another unit, so that the reader is seen to look.
    setUnit(s, 'TCD_LUOT', 'người');
    const { report, findings } = readSheet(s, ctx(withUnit('DON_TONG', '')));
    expect(findings.map((f) => [f.code, f.indicatorCode])).toEqual([['measure-renamed', 'TCD_LUOT']]);
    expect(report?.values.HND_SXKDG_DANGKY).toEqual(DATA.values?.HND_SXKDG_DANGKY);
    expect(report?.values.HND_SXKDG_CONGNHAN).toEqual(DATA.values?.HND_SXKDG_CONGNHAN);
  });

  it('a sheet without the column reads as before; "ĐVT" is the column too', () => {
    const withColumn = sheet();
    const without = sheet(catalogue, DATA, 2018, 'Không có cột');
    dropColumn(without.grid, LAYOUT.unitCol);
    const short = sheet(catalogue, DATA, 2018, 'ĐVT');
    setCell(short.grid, LAYOUT.headerRow, LAYOUT.unitCol, 'ĐVT');
    const read = readWorkbook({ source: 'a.xlsx', sheets: [withColumn, without, short] }, ctx(NGHIN));
    expect(read.findings.map((f) => [f.sheet, f.code])).toEqual([
      ['Chung Chải 2018', 'measure-converted'],
      ['ĐVT', 'measure-converted'],
    ]);
    expect(read.reports.map((r) => r.values[GIATRI][2])).toEqual([90500, 90.5, 90500]);
  });

  it('a renamed header is no unit column: its cells are not read as units', () => {
    const s = sheet();
    setCell(s.grid, LAYOUT.headerRow, LAYOUT.unitCol, 'Ghi chú thêm');
    const renamed = readSheet(s, ctx(NGHIN));
    expect(renamed.findings).toEqual([]);
    expect(renamed.report?.values[GIATRI][2]).toBe(90.5);
    expect(codes(readSheet(sheet(), ctx(NGHIN)).findings)).toEqual(['measure-converted']);
  });
});

describe('"Đơn vị tính" and the rows reused from the last sheet', () => {
  it('a sheet like the last but for one unit cell is decided on its own cells', () => {
    const same = sheet();
    const other = sheet(catalogue, DATA, 2018, 'Tờ 2');
    setUnit(other, 'HND_SXKDG_DANGKY', 'triệu đồng');
    setUnit(other, GIATRI, 'nghìn đồng');
    const alone = readSheet(other, ctx());
    const read = readWorkbook({ source: 'a.xlsx', sheets: [same, other, same] }, ctx());
    expect(read.findings.map((f) => [f.sheet, f.code, f.indicatorCode])).toEqual([
      ['Tờ 2', 'measure-mismatch', 'HND_SXKDG_DANGKY'],
      ['Tờ 2', 'measure-converted', GIATRI],
    ]);
    expect(read.findings.filter((f) => f.sheet === 'Tờ 2')).toEqual(
      alone.findings.map((f) => ({ ...f, file: 'a.xlsx' })),
    );
    const [first, second, third] = read.reports;
    expect(second.values).toEqual(alone.report?.values);
    expect(second.values[GIATRI][2]).toBe(0.0905);
    expect(second.values.HND_SXKDG_DANGKY).toEqual(Array(12).fill(null));
    // The sheets around it are read as typed, the last one after it too.
    for (const r of [first, third]) {
      expect(r.values[GIATRI]).toEqual(DATA.values?.[GIATRI]);
      expect(r.values.HND_SXKDG_DANGKY).toEqual(DATA.values?.HND_SXKDG_DANGKY);
      expect(r.invalid).toEqual([]);
    }
  });

  it("the same unit cells as the last sheet: the same decisions, for that sheet's own figures", () => {
    const a = sheet();
    setUnit(a, GIATRI, 'nghìn đồng');
    const b = sheet(catalogue, { values: { [GIATRI]: m12({ 3: 500 }) } }, 2018, 'Tờ 2');
    setUnit(b, GIATRI, 'nghìn đồng');
    const read = readWorkbook({ source: 'a.xlsx', sheets: [a, b] }, ctx());
    expect(read.findings.map((f) => [f.sheet, f.code])).toEqual([
      ['Chung Chải 2018', 'measure-converted'],
      ['Tờ 2', 'measure-converted'],
    ]);
    expect(read.reports.map((r) => r.values[GIATRI][2])).toEqual([0.0905, 0.5]);
  });
});
