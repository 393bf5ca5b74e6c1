import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { DEFAULT_LEVEL } from '../text/level';
import type { Catalogue, Grid, Unit } from '../types';
import { buildUnitSheet, monthCol } from './layout';
import { isRuleHighlight, planHighlighting } from './missing-rows';
import { readSheet } from './read';
import { modelToGrid, rowWithCode } from './testing';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const UNIT = units.find((u) => u.code === 'chung-chai') as Unit;
const YEAR = 2018;

describe('isRuleHighlight', () => {
  test('every rule highlighting buildUnitSheet makes, either way of treating an empty cell', () => {
    const both: Catalogue = {
      ...catalogue,
      rules: catalogue.rules.flatMap((r) => [
        { ...r, missing: 'treatAsZero' as const },
        { ...r, missing: 'skipIfAnySideMissing' as const },
      ]),
    };
    const formulas = buildUnitSheet(UNIT, YEAR, both).conditionals.map((c) => c.formula);
    // Each rule both ways, and the blank-total highlighting of each breakdown (parts == one total) skipping empty cells.
    const breakdowns = catalogue.rules.filter((r) => r.operator === '==' && r.right.length === 1).length;
    expect(breakdowns).toBeGreaterThan(0);
    expect(new Set(formulas).size).toBe(2 * catalogue.rules.length + breakdowns);
    for (const f of formulas) expect([f, isRuleHighlight(f)]).toEqual([f, true]);
  });

  test('as Sheets may give it back: rows and columns moved, a deleted row, case and spaces', () => {
    for (const f of [
      '=AND(COUNT(E$31,E$32)>0,NOT(SUM(E$31)>=SUM(E$32)))',
      '=AND(COUNT(F$40,F$41)>0,NOT(SUM(F$40)>=SUM(F$41)))',
      '=AND(AND(COUNT(E$31,#REF!)>0,COUNT(E$30)>0),NOT(SUM(E$31,#REF!)=SUM(E$30)))',
      '=AND(AND(COUNT(E$9)>0,TRUE),NOT(SUM(E$9)<>0))',
      '=and(count(e$31, e$32) > 0, not(sum(e$31) < sum(e$32)))',
      '=AND(COUNT(F$31,#REF!)>0,SUM(F$31,#REF!)<>0,COUNT(F$30)=0)',
    ])
      expect([f, isRuleHighlight(f)]).toEqual([f, true]);
  });

  test('a user’s own formula, even one starting like the add-on’s, is not', () => {
    const shaped = '=AND(COUNT(E36:P36)>0,NOT(SUM(E36:P36)<100))';
    // The prefix the add-on went by before took it for its own.
    expect(/^=AND\((?:COUNT|AND)\(.*,NOT\((?:SUM\(|0[<>=])/.test(shaped)).toBe(true);
    for (const f of [
      shaped,
      '=AND(COUNT(E$36)>0,NOT(SUM(E$36)<100))',
      '=AND(COUNT($E36)>0,NOT(SUM($E36)=SUM($E37)))',
      '=AND(COUNT(E$36)>0,NOT(SUM(E$36)=SUM(E$37)),E36<>"")',
      "=AND(COUNT('Khác'!E$36)>0,NOT(SUM(E$36)=SUM(E$37)))",
      '=E9>5',
      '=AND(COUNT(E$36)>0,SUM(E$36)<>0,COUNT(E$37)=1)',
      '=AND(COUNT(E36:P36)>0,SUM(E36:P36)<>0,COUNT(Q36)=0)',
      '',
    ])
      expect([f, isRuleHighlight(f)]).toEqual([f, false]);
  });
});

describe('planHighlighting', () => {
  const model = buildUnitSheet(UNIT, YEAR, catalogue);
  const plan = (grid: Grid, cat: Catalogue = catalogue) => {
    const { report } = readSheet(
      { name: model.name, grid },
      { level: DEFAULT_LEVEL, catalogue: cat, units, year: YEAR },
    );
    if (!report) throw new Error('not read');
    return planHighlighting(grid, report, cat, UNIT, YEAR);
  };

  test('a fresh sheet: its own highlighting', () => {
    expect(plan(modelToGrid(model))).toEqual(model.conditionals);
  });

  test('the rules of the catalogue now, at the sheet’s rows', () => {
    const grid = modelToGrid(model);
    const at = rowWithCode(grid, 'DON_TONG');
    // A blank row typed in above the petitions' total: every row below it one further down.
    grid.splice(at - 1, 0, Array(grid[0].length).fill(''));
    const changed: Catalogue = {
      ...catalogue,
      rules: [
        {
          code: 'X',
          left: ['DON_DAGIAIQUYET'],
          operator: '<',
          right: ['DON_TONG'],
          importance: 'warning',
          message: 'x',
        },
      ],
    };
    const solved = rowWithCode(grid, 'DON_DAGIAIQUYET');
    const formula = `=AND(AND(COUNT(E$${solved})>0,COUNT(E$${at + 1})>0),NOT(SUM(E$${solved})<SUM(E$${at + 1})))`;
    expect(plan(grid, changed)).toEqual([
      { range: { row: solved, col: monthCol(1), rows: 1, cols: 12 }, formula, style: 'warning' },
      { range: { row: at + 1, col: monthCol(1), rows: 1, cols: 12 }, formula, style: 'warning' },
    ]);
  });

  test('a rule using an indicator the sheet has no row for is left out', () => {
    const grid = modelToGrid(model);
    grid.splice(rowWithCode(grid, 'TCD_NGUOI') - 1, 1);
    const out = plan(grid) ?? [];
    // TCD_LUOT is only in the rule with TCD_NGUOI.
    const visits = `E$${rowWithCode(grid, 'TCD_LUOT')})`;
    expect(out.length).toBe(model.conditionals.length - 2);
    expect(out.some((c) => c.formula.includes(visits))).toBe(false);
  });

  test('a sheet whose columns are not the layout’s: null, left as it is', () => {
    const grid = modelToGrid(model).map((r) => [...r.slice(0, monthCol(1) - 1), '', ...r.slice(monthCol(1) - 1)]);
    expect(plan(grid)).toBeNull();
  });
});
