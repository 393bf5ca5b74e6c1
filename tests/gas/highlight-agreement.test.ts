/**
 * What the commune sees while typing agrees with what the engine finds: for any figures of a month
 * in the cells of the default rules, a rule's highlighting (the custom formulas "Tạo mẫu" writes,
 * evaluated as Sheets does by the fake's evaluator) holds exactly when the engine reports the rule
 * broken, and a breakdown's total turns yellow exactly when the engine warns it left blank.
 */
import fc from 'fast-check';
import { defaultCatalogue, defaultUnits } from '../../src/engine/catalogue/defaults';
import { buildUnitSheet, indicatorRows, monthCol } from '../../src/engine/sheet/layout';
import { DEFAULT_LEVEL } from '../../src/engine/text/level';
import type { CellValue } from '../../src/engine/types';
import { checkWorkbooks } from '../../src/engine/validation/check';
import { evaluateFormula } from '../fakes/gas/formula';

const catalogue = defaultCatalogue();
const unit = defaultUnits()[0];
const YEAR = 2025;
const model = buildUnitSheet(unit, YEAR, catalogue);
const rowOf = indicatorRows(catalogue);
const codes = [...new Set(catalogue.rules.flatMap((r) => [...r.left, ...r.right]))];

/** Whether a conditional of the model holds at (row, col) of `grid` (1-based), as Sheets evaluates it. */
function highlighted(grid: CellValue[][], row: number, col: number, style: 'error' | 'warning', formula: string) {
  const c = model.conditionals.find(
    (x) =>
      x.formula === formula &&
      x.style === style &&
      row === x.range.row &&
      col >= x.range.col &&
      col < x.range.col + x.range.cols,
  );
  if (!c) return false;
  const res = evaluateFormula(
    c.formula,
    { cell: (_, r, cc) => grid[r - 1]?.[cc - 1] ?? '', toSerial: () => 0 },
    { rows: row - c.range.row, cols: col - c.range.col },
  );
  if (res === undefined) throw new Error(`not evaluated: ${c.formula}`);
  return res === true;
}

test('rule and blank-total highlighting hold exactly in the months the engine flags', () => {
  const m = 7;
  const col = monthCol(m);
  const figure = fc.option(fc.constantFrom(0, 1, 2, 3, 5, 8), { nil: null });
  fc.assert(
    fc.property(fc.array(figure, { minLength: codes.length, maxLength: codes.length }), (typed) => {
      const grid: CellValue[][] = model.rows.map((r) => r.map((c) => (c?.v ?? '') as CellValue));
      codes.forEach((code, k) => {
        grid[(rowOf.get(code) as number) - 1][col - 1] = typed[k] ?? '';
      });
      const read = checkWorkbooks([{ source: 'x.xlsx', sheets: [{ name: model.name, grid }] }], {
        level: DEFAULT_LEVEL,
        catalogue,
        units: [unit],
        year: YEAR,
      });
      const ofMonth = read.findings.filter((f) => f.month === m);
      for (const rule of catalogue.rules) {
        const broken = ofMonth.some((f) => f.code === 'rule-violation' && f.message.includes(rule.message));
        const formulas = model.conditionals.filter((c) => c.style === rule.importance).map((c) => c.formula);
        const row = rowOf.get(rule.left[0]) as number;
        const shown = formulas.some(
          (f) =>
            f.includes('NOT(') && highlighted(grid, row, col, rule.importance, f) && ruleOf(f, rule.left, rule.right),
        );
        expect({ rule: rule.code, shown }).toEqual({ rule: rule.code, shown: broken });
      }
      for (const total of new Set(catalogue.rules.filter((r) => r.operator === '==').map((r) => r.right[0]))) {
        const warned = ofMonth.some((f) => f.code === 'blank-total' && f.indicatorCode === total);
        const row = rowOf.get(total) as number;
        const yellow = model.conditionals
          .filter((c) => c.style === 'warning' && c.range.row === row && !c.formula.includes('NOT('))
          .some((c) => highlighted(grid, row, col, 'warning', c.formula));
        expect({ total, yellow }).toEqual({ total, yellow: warned });
      }
    }),
    { numRuns: 150 },
  );
});

/** Whether `formula` is the one written for the rule with these sides: the rows it names are exactly theirs. */
function ruleOf(formula: string, left: string[], right: string[]): boolean {
  const named = new Set([...formula.matchAll(/\$(\d+)/g)].map((x) => Number(x[1])));
  const rows = new Set([...left, ...right].map((code) => rowOf.get(code) as number));
  return named.size === rows.size && [...rows].every((r) => named.has(r));
}
