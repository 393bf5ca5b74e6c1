/**
 * An existing unit tab brought up to date with the catalogue by "Tạo mẫu" (templates.ts): rows for
 * indicators added since it was made, so communes have somewhere to type them mid-year, and the
 * rules' highlighting of the current "Quy tắc". Where and what is the engine's plan
 * (src/engine/sheet/missing-rows.ts, shared with the CLI); here it is applied with Sheets' own
 * calls:
 *
 *  - the model's rows written in one call per attribute per run of new rows (render.ts
 *    writeModelRows); the structure and submitted-month protections grown over the new rows when
 *    these come after the table's last row (inside, Sheets grows them);
 *  - the rules' highlighting redone at the tab's rows, with or without new rows, only when it
 *    differs from what the tab has (one read, no write for a tab already up to date); the user's
 *    own conditional formats are kept;
 *  - nothing typed is touched: rows are inserted (Sheets moves the cells below with their
 *    formulas, conditional formats and protections) and only the new rows, and the STT numbers of
 *    their group, are written;
 *  - a row read under another code than it holds (the catalogue changed the code, or the code and
 *    the label together) gets the catalogue's code and label in its code and label cells: re-coded,
 *    its figures kept, rather than an empty new row beside it; its month cells get the validation
 *    and number format of the indicator's kind (which may have changed with the code), the figures
 *    in them left as they are (one no longer valid is for "Kiểm tra" to name, never cleared), and
 *    its "Cả năm" formula that of the kind (a flow become a stock: the latest month, not the sum),
 *    unless the commune typed a figure or a formula of their own there (recodedTotal);
 *  - a row under its own code whose kind "Chỉ tiêu" changed (its "Cả năm" formula or validation
 *    another kind's: kindChanged) is re-coded the same way, its code kept.
 *
 * Only a tab that keeps the layout's columns is changed; otherwise the missing rows are named for
 * the admin to add by hand.
 */

import { type ConditionalModel, type SheetModel, STYLES } from '../engine/report/model';
import { buildUnitSheet, indicatorRows, LAYOUT, monthCol } from '../engine/sheet/layout';
import {
  type CarriedKind,
  highlightKey,
  isRuleHighlight,
  planHighlighting,
  planMissingRows,
  type Recode,
  recodedTotal,
  type StrayRow,
} from '../engine/sheet/missing-rows';
import { readSheet } from '../engine/sheet/read';
import { aggregatingLevel } from '../engine/text/level';
import type { Indicator, Unit } from '../engine/types';
import type { Config } from './config';
import {
  a1Range,
  applyValidations,
  cellSpec,
  conditionalRules,
  gridSize,
  groupConditionals,
  trimEmptyGrid,
  writeModelRows,
} from './render';
import { readGrid } from './util';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export type TabOutcome =
  /**
   * Nothing to add (every indicator has its row), or the tab is not this unit's report of the
   * year; `highlighted`: its rule highlighting was out of date and was redone.
   */
  | { kind: 'none'; highlighted: boolean; columnsChanged?: boolean; trimmed?: boolean }
  /** Rows added for `indicators`, and rows re-coded (`recoded`; either list may be empty, not both). */
  | {
      kind: 'added';
      indicators: Indicator[];
      recoded: Recode[];
      /** Rows left with figures under a code in no catalogue (said, not changed). */
      strays: StrayRow[];
      highlighted: boolean;
      trimmed: boolean;
    }
  /** Rows are missing but the tab's columns are not the layout's: not changed. */
  | { kind: 'columns'; indicators: Indicator[] };

/**
 * Bring `sheet` (unit's tab of `year`, named `name`) up to date: the rows of indicators it has
 * none for, and the rules' highlighting.
 */
export function updateTab(sheet: Sheet, name: string, config: Config, unit: Unit, year: number): TabOutcome {
  const { catalogue } = config;
  const grid = readGrid(sheet, config.settings.timeZone);
  const { report } = readSheet(
    { name, grid },
    { catalogue, units: config.units, year, level: aggregatingLevel(config.settings) },
  );
  if (!report || report.unitCode !== unit.code || report.year !== year) return { kind: 'none', highlighted: false };
  const plan = planMissingRows(grid, report, catalogue, unit, year, carriedKinds(sheet, grid.length));
  if (plan.kind === 'columns') return plan;
  if (plan.kind === 'none') {
    const conditionals = planHighlighting(grid, report, catalogue, unit, year);
    // Columns not the layout's: its highlighting is not looked at (said so, as for missing rows).
    if (conditionals === null) return { kind: 'none', highlighted: false, columnsChanged: true };
    const highlighted = highlightRules(sheet, conditionals);
    const trimmed = trimTab(sheet, buildUnitSheet(unit, year, catalogue));
    return { kind: 'none', highlighted, trimmed };
  }

  for (const b of plan.blocks) {
    const at = plan.final.get(b.modelRows[0]) as number;
    const n = b.modelRows.length;
    sheet.insertRowsAfter(at - 1, n);
    const rows = plan.rows.filter((r) => r.row >= at && r.row < at + n).map((r) => r.cells);
    writeModelRows(sheet, rows, at, n, LAYOUT.columns);
    // After the table's last row, the protections ending there do not grow by themselves.
    if (b.after === plan.tableEnd) growProtections(sheet, at - 1, n);
  }
  const modelRowOf = indicatorRows(catalogue);
  for (const r of plan.recodes) {
    // As text: a code or label starting with "=", "+" or "-" is not taken for a formula.
    sheet.getRange(r.row, LAYOUT.codeCol).setNumberFormat('@').setValue(r.indicator.code);
    if (r.label !== null) sheet.getRange(r.row, LAYOUT.labelCol).setNumberFormat('@').setValue(r.label);
    // The month cells' format of the kind (a note's "@" would keep a figure typed as text); values stay.
    const cells = plan.model.rows[(modelRowOf.get(r.indicator.code) as number) - 1] ?? [];
    const formats = Array.from({ length: 12 }, (_, m) => cellSpec(cells[monthCol(m + 1) - 1] ?? null).format);
    sheet.getRange(r.row, monthCol(1), 1, 12).setNumberFormats([formats]);
    // The year total as the kind now has it (a flow's sum, a stock's latest month); a typed figure stays.
    const totalCell = sheet.getRange(r.row, LAYOUT.totalCol);
    const total = recodedTotal(r, totalCell.getFormula(), totalCell.getValue());
    if (total?.formula)
      totalCell.setNumberFormat(cellSpec(cells[LAYOUT.totalCol - 1] ?? null).format).setFormula(total.formula);
    else if (total) totalCell.setValue('');
  }
  applyValidations(sheet, plan.validations);
  for (const run of plan.numbers)
    sheet.getRange(run.row, LAYOUT.numberCol, run.values.length, 1).setValues(run.values.map((v) => [v]));
  const highlighted = highlightRules(sheet, plan.conditionals);
  const trimmed = trimTab(sheet, plan.model);
  return {
    kind: 'added',
    indicators: plan.indicators,
    recoded: plan.recodes,
    strays: plan.strays,
    highlighted,
    trimmed,
  };
}

/**
 * What tab rows 1…`rows` carry that tells their kind (kindChanged): "Cả năm"'s formula and month
 * 1's validation, read as the layout's kind by what render.ts's validationRule writes (a number
 * range: an amount; a formula with INT(: a count; with REGEXMATCH(: a note's legacy-code check).
 */
function carriedKinds(sheet: Sheet, rows: number): Map<number, CarriedKind> {
  const out = new Map<number, CarriedKind>();
  if (rows < 1) return out;
  const totals = sheet.getRange(1, LAYOUT.totalCol, rows, 1).getFormulas();
  const rules = sheet.getRange(1, monthCol(1), rows, 1).getDataValidations();
  const C = SpreadsheetApp.DataValidationCriteria;
  for (let r = 0; r < rows; r++) {
    const dv = rules[r]?.[0] ?? null;
    const type = dv?.getCriteriaType();
    const f = String(dv?.getCriteriaValues()[0] ?? '');
    const validation =
      type === C.NUMBER_BETWEEN
        ? 'nonNegativeNumber'
        : type !== C.CUSTOM_FORMULA
          ? null
          : /\bINT\(/i.test(f)
            ? 'nonNegativeInteger'
            : /REGEXMATCH\(/i.test(f)
              ? 'unicodeText'
              : null;
    out.set(r + 1, { total: String(totals[r]?.[0] ?? ''), validation });
  }
  return out;
}

/** A tab made at Google's default size (by an earlier version) cut to its content and spare, as a new one (`model`) is made. */
function trimTab(sheet: Sheet, model: SheetModel): boolean {
  const { rows, cols } = gridSize(model);
  return trimEmptyGrid(sheet, rows, cols);
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
 * The rules' highlighting of a fresh tab, at the tab's rows (`conditionals`), in place of the
 * highlighting the add-on made for the rules of an earlier "Quy tắc" (isRuleHighlight: the whole
 * formula, so the user's own conditional formats are kept, in their order). Written only when it
 * differs, in order, by formula, colour and ranges: a re-run over up-to-date tabs writes nothing.
 * Returns whether it was written.
 */
function highlightRules(sheet: Sheet, conditionals: ConditionalModel[]): boolean {
  const rules = sheet.getConditionalFormatRules();
  const kept: Rule[] = [];
  const own: string[] = [];
  // The new highlighting goes where the old began, so the user's rules keep their priority over it or under it.
  let at = -1;
  for (const rule of rules) {
    const key = ownKey(rule);
    if (key === null) kept.push(rule);
    else {
      if (at < 0) at = kept.length;
      own.push(key);
    }
  }
  const wanted = groupConditionals(conditionals).map((g) =>
    highlightKey(g.formula, STYLES[g.style].fill ?? null, g.ranges.map(a1Range)),
  );
  if (own.length === wanted.length && own.every((k, i) => k === wanted[i])) return false;
  if (at < 0) at = kept.length;
  sheet.setConditionalFormatRules([...kept.slice(0, at), ...conditionalRules(sheet, conditionals), ...kept.slice(at)]);
  return true;
}

type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/** The key of a rule the add-on made for a rule of "Quy tắc"; null for any other (the user's). */
function ownKey(rule: Rule): string | null {
  // null for a colour scale (gradient) rule.
  const condition = rule.getBooleanCondition();
  if (!condition || condition.getCriteriaType() !== SpreadsheetApp.BooleanCriteria.CUSTOM_FORMULA) return null;
  const formula = String(condition.getCriteriaValues()[0] ?? '');
  if (!isRuleHighlight(formula)) return null;
  return highlightKey(
    formula,
    condition.getBackground(),
    rule.getRanges().map((r) => r.getA1Notation()),
  );
}
