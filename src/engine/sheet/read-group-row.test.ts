/**
 * A figure typed in a group's heading row of the template ("I  Phong trào thi đua …") is read by no
 * indicator: it is said, with its cells, rather than dropped without a word.
 */
import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { Unit } from '../types';
import { a1, buildUnitSheet, monthCol } from './layout';
import { readWorkbook } from './read';
import { modelToSheetInput } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const unit = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx = { level: DEFAULT_LEVEL, catalogue, units, year: 2018 };

function sheetWith(cells: (groupRows: number[]) => [number, number, string | number][]) {
  const sheet = modelToSheetInput(buildUnitSheet(unit, 2018, catalogue, {}));
  const groupRows = sheet.grid
    .map((r, i) => (r.some((c) => typeof c === 'string' && catalogue.groups.some((g) => g.label === c)) ? i : -1))
    .filter((i) => i >= 0);
  for (const [r, c, v] of cells(groupRows)) sheet.grid[r][c] = v;
  return { sheet, groupRows };
}

describe('figures in a group heading row', () => {
  it('are warned once per sheet, naming each row, its label and cells; the indicators are read as before', () => {
    const { sheet, groupRows } = sheetWith((g) => [
      [g[0], monthCol(9) - 1, 7],
      [g[0], monthCol(10) - 1, '12'],
      [g[1], monthCol(3) - 1, 2],
    ]);
    const { reports, findings } = readWorkbook({ source: 'a.xlsx', sheets: [sheet] }, ctx);
    expect(reports).toHaveLength(1);
    const found = findings.filter((f) => f.code === 'group-row-figures');
    const [g0, g1] = groupRows;
    const label = (r: number) =>
      sheet.grid[r].find((c) => typeof c === 'string' && catalogue.groups.some((g) => g.label === c));
    expect(found.map((f) => [f.severity, f.cell])).toEqual([['warning', a1(g0 + 1, monthCol(9))]]);
    expect(found[0].message).toContain(
      `dòng ${g0 + 1} "${label(g0)}" (ô ${a1(g0 + 1, monthCol(9))}, ${a1(g0 + 1, monthCol(10))})`,
    );
    expect(found[0].message).toContain(`dòng ${g1 + 1} "${label(g1)}" (ô ${a1(g1 + 1, monthCol(3))})`);
    expect(found[0].message).toContain('các dòng chỉ tiêu của nhóm tháng đó để trống');
    expect(found[0].message).toContain('không được cộng');
    expect(found[0].message.startsWith('Xã Chung Chải')).toBe(true);
  });

  it('says nothing of a heading figure beside its indicators’ figures (a subtotal), of 0, nor of words', () => {
    const member = (g: number[]) => g[0] + 1; // the group's first indicator row
    const { sheet } = sheetWith((g) => [
      [member(g), monthCol(5) - 1, 4],
      [g[0], monthCol(5) - 1, 9],
      [g[0], monthCol(6) - 1, 0],
      [g[0], monthCol(3) - 1, 'Hội nghị'],
    ]);
    const { findings } = readWorkbook({ source: 'a.xlsx', sheets: [sheet] }, ctx);
    expect(findings.filter((f) => f.code === 'group-row-figures')).toEqual([]);
  });
});
