/**
 * The layout plan (layout-plan.ts) carries what the last sheet's layout gave to the next sheet of
 * that layout. A sheet that differs from the remembered one in any place the plan is checked on
 * (its indicator rows, its month columns, its merged ranges, the year its month headers are read
 * against) is read in full: after another sheet it reads as it does alone. Each case below fails
 * if that check is left out.
 */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { Finding, SheetInput, Unit } from '../types';
import { buildUnitSheet, LAYOUT, monthCol } from './layout';
import { type ReadContext, readWorkbook } from './read';
import { modelToSheetInput, rowWithCode, setCell } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const CHUNG_CHAI = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units, year: 2018, years: [2017] };
const codes = catalogue.indicators.filter((i) => i.kind !== 'note').map((i) => i.code);
const noteCode = catalogue.indicators.find((i) => i.kind === 'note')?.code as string;

/** A sheet of the layout, a number in every month of every numeric indicator. */
function filledSheet(name = 'Tờ 1'): SheetInput {
  const input = modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2018, catalogue, {}));
  input.name = name;
  codes.forEach((code, k) => {
    const row = rowWithCode(input.grid, code);
    for (let m = 1; m <= 12; m++) setCell(input.grid, row, monthCol(m), k * 100 + m);
  });
  return input;
}

/** The report and findings of the last sheet of a workbook (findings of the sheets before it taken off). */
function lastOf(sheets: SheetInput[]): { report: unknown; findings: Finding[] } {
  const before = sheets.length > 1 ? readWorkbook({ source: 'a.xlsx', sheets: sheets.slice(0, -1) }, ctx).findings : [];
  const all = readWorkbook({ source: 'a.xlsx', sheets }, ctx);
  return {
    report: JSON.parse(JSON.stringify(all.reports.at(-1) ?? null)),
    findings: all.findings.slice(before.length),
  };
}

/** `second` reads after `first` (and after two of it) as it does alone; its findings' codes. */
function readsAsAlone(first: SheetInput, second: SheetInput): string[] {
  const alone = lastOf([second]);
  expect(lastOf([first, second])).toEqual(alone);
  expect(lastOf([first, first, second])).toEqual(alone);
  return alone.findings.map((f) => f.code);
}

describe('a sheet of another layout than the last one is read in full', () => {
  it('the same sheet again: no finding, the same report', () => {
    expect(readsAsAlone(filledSheet(), filledSheet('Tờ 2'))).toEqual([]);
  });

  it('a merged range the last sheet did not have (value cells hidden)', () => {
    const second = filledSheet('Tờ 2');
    const row = rowWithCode(second.grid, codes[2]);
    second.merges = [...(second.merges ?? []), `E${row}:F${row + 1}`];
    expect(readsAsAlone(filledSheet(), second)).toContain('merged-cell');
  });

  it('a merged range the last sheet had and this one has not', () => {
    const first = filledSheet();
    const row = rowWithCode(first.grid, codes[2]);
    first.merges = [...(first.merges ?? []), `E${row}:F${row + 1}`];
    expect(readsAsAlone(first, filledSheet('Tờ 2'))).not.toContain('merged-cell');
  });

  it('a note merged across months in this sheet only', () => {
    const second = filledSheet('Tờ 2');
    const row = rowWithCode(second.grid, noteCode);
    setCell(second.grid, row, monthCol(1), 'Ghi chú quý I');
    second.merges = [...(second.merges ?? []), `E${row}:G${row}`];
    expect(readsAsAlone(filledSheet(), second)).toContain('merged-note');
  });

  it('a month column the last sheet had (its header cleared)', () => {
    const second = filledSheet('Tờ 2');
    setCell(second.grid, LAYOUT.headerRow, monthCol(12), '');
    expect(readsAsAlone(filledSheet(), second)).toContain('missing-month-column');
  });

  it('an indicator row the last sheet had (its code and label cleared)', () => {
    const second = filledSheet('Tờ 2');
    const row = rowWithCode(second.grid, codes[3]);
    setCell(second.grid, row, LAYOUT.codeCol, '');
    setCell(second.grid, row, LAYOUT.labelCol, '');
    expect(readsAsAlone(filledSheet(), second)).toContain('missing-indicator');
  });

  it('the same merged range over rows of which one is no indicator row in this sheet', () => {
    const merged = (name: string) => {
      const s = filledSheet(name);
      const row = rowWithCode(s.grid, codes[2]);
      s.merges = [...(s.merges ?? []), `E${row}:E${row + 1}`];
      return { s, row };
    };
    const first = merged('Tờ 1');
    expect(lastOf([first.s]).findings.map((f) => f.code)).toContain('merged-cell');
    // The row under the merge's top cell holds no indicator here (code and label cleared): nothing hidden.
    const second = merged('Tờ 2');
    setCell(second.s.grid, second.row + 1, LAYOUT.codeCol, '');
    setCell(second.s.grid, second.row + 1, LAYOUT.labelCol, '');
    expect(readsAsAlone(first.s, second.s)).not.toContain('merged-cell');
  });

  it('month headers naming a year: said for a sheet of another year on the same layout', () => {
    const headed = (name: string, year: number) => {
      const s = filledSheet(name);
      for (let m = 1; m <= 12; m++) setCell(s.grid, LAYOUT.headerRow, monthCol(m), `T${m}/2018`);
      setCell(s.grid, LAYOUT.yearRow, LAYOUT.valueCol, year);
      return s;
    };
    // The first sheet's headers agree with its year (nothing said); the second's, of 2017, do not.
    expect(lastOf([headed('Tờ 1', 2018)]).findings).toEqual([]);
    expect(readsAsAlone(headed('Tờ 1', 2018), headed('Tờ 2', 2017))).toContain('month-header-year');
  });

  it('notes: the same texts read as in a sheet alone, an old-code text too', () => {
    const noted = (name: string, text: string) => {
      const s = filledSheet(name);
      setCell(s.grid, rowWithCode(s.grid, noteCode), monthCol(2), text);
      return s;
    };
    expect(readsAsAlone(noted('Tờ 1', 'Họp dân'), noted('Tờ 2', 'Họp dân'))).toEqual([]);
    // "Häp d©n" is "Họp dân" typed in TCVN3: read as such, with its warning, in every sheet.
    expect(readsAsAlone(noted('Tờ 1', 'Häp d©n'), noted('Tờ 2', 'Häp d©n'))).toContain('note-legacy-code');
  });
});
