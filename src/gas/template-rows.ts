/**
 * Rows for indicators added to the catalogue since a unit's tab was made: "Tạo mẫu" on a tab that
 * exists inserts them (templates.ts), so communes have somewhere to type them mid-year. Where and
 * what is the engine's plan (src/engine/sheet/missing-rows.ts, shared with the CLI); here it is
 * applied with Sheets' own calls:
 *
 *  - the model's rows written in one call per attribute per run of new rows (render.ts
 *    writeModelRows); the rules' highlighting redone at the tab's rows; the structure and
 *    submitted-month protections grown over the new rows when these come after the table's last
 *    row (inside, Sheets grows them);
 *  - nothing typed is touched: rows are inserted (Sheets moves the cells below with their
 *    formulas, conditional formats and protections) and only the new rows, and the STT numbers of
 *    their group, are written.
 *
 * Only a tab that keeps the layout's columns is changed; otherwise the missing rows are named for
 * the admin to add by hand.
 */
import { LAYOUT } from '../engine/sheet/layout';
import { planMissingRows, RULE_FORMULA } from '../engine/sheet/missing-rows';
import { readSheet } from '../engine/sheet/read';
import type { Indicator, Unit } from '../engine/types';
import { applyValidations, conditionalRules, writeModelRows } from './render';
import type { Config } from './setup';
import { readGrid } from './util';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export type RowsOutcome =
  /** Nothing to add (every indicator has its row), or the tab is not this unit's report of the year. */
  | { kind: 'none' }
  | { kind: 'added'; indicators: Indicator[] }
  /** Rows are missing but the tab's columns are not the layout's: not changed. */
  | { kind: 'columns'; indicators: Indicator[] };

/** Add to `sheet` (unit's tab of `year`, named `name`) the rows of indicators it has none for. */
export function addMissingRows(sheet: Sheet, name: string, config: Config, unit: Unit, year: number): RowsOutcome {
  const { catalogue } = config;
  const grid = readGrid(sheet, config.settings.timeZone);
  const { report } = readSheet({ name, grid }, { catalogue, units: config.units, year });
  if (!report || report.unitCode !== unit.code || report.year !== year) return { kind: 'none' };
  const plan = planMissingRows(grid, report, catalogue, unit, year);
  if (plan.kind !== 'add') return plan;

  for (const b of plan.blocks) {
    const at = plan.final.get(b.modelRows[0]) as number;
    const n = b.modelRows.length;
    sheet.insertRowsAfter(at - 1, n);
    const rows = plan.rows.filter((r) => r.row >= at && r.row < at + n).map((r) => r.cells);
    writeModelRows(sheet, rows, at, n, LAYOUT.columns);
    // After the table's last row, the protections ending there do not grow by themselves.
    if (b.after === plan.tableEnd) growProtections(sheet, at - 1, n);
  }
  applyValidations(sheet, plan.validations);
  for (const run of plan.numbers)
    sheet.getRange(run.row, LAYOUT.numberCol, run.values.length, 1).setValues(run.values.map((v) => [v]));
  highlightRules(sheet, plan);
  return { kind: 'added', indicators: plan.indicators };
}

/**
 * Protections that end at tab row `last`, the table's last row (structure blocks, submitted
 * months' locks), grown over the `n` rows inserted after it: what Sheets does by itself when rows
 * are inserted inside them.
 */
function growProtections(sheet: Sheet, last: number, n: number): void {
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    const r = p.getRange();
    if (r.getLastRow() === last)
      p.setRange(sheet.getRange(r.getRow(), r.getColumn(), r.getNumRows() + n, r.getNumColumns()));
  }
}

/**
 * The rules' highlighting of a fresh tab, at the tab's rows: the highlighting made for the rules of
 * the catalogue the tab was made with is replaced (a rule may have changed with the new
 * indicators), other conditional formats are kept. A rule using an indicator the tab has no row
 * for (one it has under a code the reader did not take) is left out, as a fresh tab leaves it out.
 */
function highlightRules(sheet: Sheet, plan: { conditionals: Parameters<typeof conditionalRules>[1] }): void {
  const kept = sheet.getConditionalFormatRules().filter((rule) => {
    const condition = rule.getBooleanCondition();
    const formula = condition ? String(condition.getCriteriaValues()[0] ?? '') : '';
    return !RULE_FORMULA.test(formula);
  });
  sheet.setConditionalFormatRules([...kept, ...conditionalRules(sheet, plan.conditionals)]);
}
