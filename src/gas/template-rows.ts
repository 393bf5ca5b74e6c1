/**
 * Rows for indicators added to the catalogue since a unit's tab was made: "Tạo mẫu" on a tab that
 * exists inserts them (templates.ts), so communes have somewhere to type them mid-year.
 *
 *  - Where a fresh tab has them (buildUnitSheet, indicatorRows): after the indicator before them in
 *    their group, else after their group's row; a new group (with its group row) after the groups
 *    before it. So the tab reads as a fresh one would.
 *  - As a fresh tab has them: the model's own rows (code, STT, label, unit, month cells with their
 *    validation, the year-total formula, the note cell, styles, borders), written in one call per
 *    attribute per run of new rows (render.ts writeModelRows); the rules' highlighting redone for
 *    the catalogue's rules at the tab's rows; the structure and submitted-month protections grown
 *    over the new rows when these come after the table's last row (inside, Sheets grows them).
 *  - Nothing typed is touched: rows are inserted (Sheets moves the cells below with their
 *    formulas, conditional formats and protections) and only the new rows, and the STT numbers of
 *    their group, are written. The reader finds rows by code, so nothing relies on positions.
 *
 * Only a tab that keeps the layout's columns (month cells at T1…T12's columns, the headers where the
 * layout puts them) is changed; otherwise the missing rows are named for the admin to add by hand.
 */
import type { ConditionalModel, SheetModel } from '../engine/report/model';
import { buildUnitSheet, indicatorRows, LAYOUT, monthCol } from '../engine/sheet/layout';
import { readSheet } from '../engine/sheet/read';
import type { Catalogue, Grid, Indicator, Unit } from '../engine/types';
import { hasRow } from '../engine/validation/presence';
import { applyValidations, conditionalRules, writeModelRows } from './render';
import type { Config } from './setup';
import { cellText, normalizeName, parseCell, readGrid } from './util';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export type RowsOutcome =
  /** Nothing to add (every indicator has its row), or the tab is not this unit's report of the year. */
  | { kind: 'none' }
  | { kind: 'added'; indicators: Indicator[] }
  /** Rows are missing but the tab's columns are not the layout's: not changed. */
  | { kind: 'columns'; indicators: Indicator[] };

/** A run of new rows inserted after tab row `after` (as the tab was before any insertion). */
interface Block {
  after: number;
  /** Rows of the fresh model to copy, in order. */
  modelRows: number[];
}

/** Where things are: in the fresh model, in the tab as it was, and in the tab once rows are inserted. */
interface Placed {
  /** Code → row in the fresh model. */
  modelRowOf: Map<string, number>;
  /** Code → row in the tab as it was (indicators the reader found). */
  tabRow: Map<string, number>;
  /** Group code → its group row in the tab as it was. */
  groupRow: Map<string, number>;
  /** Model row → tab row after the insertion, for every row the tab then has. */
  final: Map<number, number>;
}

/** Add to `sheet` (unit's tab of `year`, named `name`) the rows of indicators it has none for. */
export function addMissingRows(sheet: Sheet, name: string, config: Config, unit: Unit, year: number): RowsOutcome {
  const { catalogue } = config;
  const grid = readGrid(sheet, config.settings.timeZone);
  const { report } = readSheet({ name, grid }, { catalogue, units: config.units, year });
  if (!report || report.unitCode !== unit.code || report.year !== year) return { kind: 'none' };
  // A row the reader left out (its code and label name two indicators, a duplicate) is still a row:
  // another one for the same code or label would be a second.
  const named = namesInTab(grid);
  const missing = catalogue.indicators.filter(
    (i) => !hasRow(report, i.code) && !named.has(normalizeName(i.code)) && !named.has(normalizeName(i.label)),
  );
  if (!missing.length) return { kind: 'none' };

  const model = buildUnitSheet(unit, year, catalogue);
  const modelRowOf = indicatorRows(catalogue);
  const tabRow = new Map<string, number>();
  for (const ind of catalogue.indicators) {
    const at = parseCell(report.cells[ind.code]?.find(Boolean));
    if (at) tabRow.set(ind.code, at.row);
  }
  if (!tabRow.size || !layoutColumns(grid, model, report.cells, report.submittedCells, tabRow))
    return { kind: 'columns', indicators: missing };
  const submittedRow = parseCell(report.submittedCells.find(Boolean))?.row ?? LAYOUT.submittedRow;
  const groupRow = groupRows(grid, catalogue, submittedRow);
  const blocks = place(catalogue, missing, modelRowOf, tabRow, groupRow, submittedRow);
  if (!blocks.length) return { kind: 'none' };
  const tableEnd = Math.max(submittedRow, ...tabRow.values(), ...groupRow.values());

  // Where every model row ends up: the tab's rows move down by the rows inserted above them.
  const shift = (row: number) => blocks.reduce((n, b) => (b.after < row ? n + b.modelRows.length : n), 0);
  const final = new Map<number, number>();
  for (const [code, row] of tabRow) final.set(modelRowOf.get(code) as number, row + shift(row));
  for (const [group, row] of groupRow) {
    const first = catalogue.indicators.find((i) => i.group === group);
    if (first) final.set((modelRowOf.get(first.code) as number) - 1, row + shift(row));
  }
  let inserted = 0;
  for (const b of blocks) {
    const at = b.after + inserted + 1;
    b.modelRows.forEach((mr, i) => {
      final.set(mr, at + i);
    });
    const n = b.modelRows.length;
    sheet.insertRowsAfter(at - 1, n);
    const rows = b.modelRows.map((mr, i) => moveRow(model.rows[mr - 1] ?? [], mr, at + i));
    writeModelRows(sheet, rows, at, n, LAYOUT.columns);
    // After the table's last row, the protections ending there do not grow by themselves.
    if (b.after === tableEnd) growProtections(sheet, at - 1, n);
    inserted += n;
  }
  const added = new Set(blocks.flatMap((b) => b.modelRows));
  applyValidations(
    sheet,
    model.validations
      .filter((v) => added.has(v.range.row))
      .map((v) => ({ ...v, range: { ...v.range, row: final.get(v.range.row) as number } })),
  );
  const at: Placed = { modelRowOf, tabRow, groupRow, final };
  renumber(sheet, grid, catalogue, model, at, missing);
  highlightRules(sheet, model.conditionals, final);
  return { kind: 'added', indicators: missing.filter((i) => added.has(modelRowOf.get(i.code) as number)) };
}

/**
 * The codes (column A) of the tab's rows that have one, and their labels (column C), normalised. A
 * row with a label and no code that names an indicator is one the reader reads (by its label).
 */
function namesInTab(grid: Grid): Set<string> {
  const out = new Set<string>();
  for (const row of grid) {
    const code = cellText(row[LAYOUT.codeCol - 1]);
    if (!code) continue;
    out.add(normalizeName(code));
    const label = cellText(row[LAYOUT.labelCol - 1]);
    if (label) out.add(normalizeName(label));
  }
  return out;
}

/**
 * The tab has the layout's columns: every month cell the reader found is in the layout's column
 * for its month, and a header row above the table holds the model's headers at the code, STT,
 * label, unit, total and note columns.
 */
function layoutColumns(
  grid: Grid,
  model: SheetModel,
  cells: Record<string, string[]>,
  submittedCells: string[],
  tabRow: Map<string, number>,
): boolean {
  const named = [...Object.values(cells), submittedCells].filter((list) => list.some(Boolean));
  for (const list of named) for (let m = 1; m <= 12; m++) if (parseCell(list[m - 1])?.col !== monthCol(m)) return false;
  const header = model.rows[LAYOUT.headerRow - 1] ?? [];
  const cols = [LAYOUT.codeCol, LAYOUT.numberCol, LAYOUT.labelCol, LAYOUT.unitCol, LAYOUT.totalCol, LAYOUT.noteCol];
  const top = Math.min(...tabRow.values());
  for (let r = 0; r < Math.min(top, grid.length); r++)
    if (cols.every((c) => normalizeName(cellText(grid[r][c - 1])) === normalizeName(String(header[c - 1]?.v ?? ''))))
      return true;
  return false;
}

/** Each group's row in the tab (no code, its label in the label column), below the submission row. */
function groupRows(grid: Grid, catalogue: Catalogue, below: number): Map<string, number> {
  const byLabel = new Map(catalogue.groups.map((g) => [normalizeName(g.label), g.code]));
  const out = new Map<string, number>();
  for (let r = below; r < grid.length; r++) {
    if (cellText(grid[r][LAYOUT.codeCol - 1])) continue;
    const group = byLabel.get(normalizeName(cellText(grid[r][LAYOUT.labelCol - 1])));
    if (group && !out.has(group)) out.set(group, r + 1);
  }
  return out;
}

/**
 * Where the missing indicators go, in blocks by the tab row they follow (ascending), each in
 * catalogue order: after the indicator before them in their group, else after their group's row
 * (or just before the group's first row in the tab); a group with no row yet, with its group row,
 * after the groups before it that have rows (or before those after it).
 */
function place(
  catalogue: Catalogue,
  missing: Indicator[],
  modelRowOf: Map<string, number>,
  tabRow: Map<string, number>,
  groupRow: Map<string, number>,
  submittedRow: number,
): Block[] {
  const isMissing = new Set(missing.map((i) => i.code));
  const blocks = new Map<number, number[]>();
  const put = (after: number, modelRow: number) => {
    const list = blocks.get(after) ?? [];
    list.push(modelRow);
    blocks.set(after, list);
  };
  const groups = catalogue.groups
    .map((g) => ({ code: g.code, members: catalogue.indicators.filter((i) => i.group === g.code) }))
    .filter((g) => g.members.length);
  /** The rows a group has in the tab: its group row and its indicators'. */
  const rowsOf = (g: (typeof groups)[number]) =>
    [groupRow.get(g.code), ...g.members.map((i) => tabRow.get(i.code))].filter((r): r is number => r !== undefined);
  groups.forEach((g, k) => {
    const own = rowsOf(g);
    let cursor: number;
    if (own.length) cursor = groupRow.get(g.code) ?? Math.min(...own) - 1;
    else {
      // A new group: after the last row of the nearest group before it that has rows, else before the next's.
      const before = groups
        .slice(0, k)
        .reverse()
        .map(rowsOf)
        .find((r) => r.length);
      const after = groups
        .slice(k + 1)
        .map(rowsOf)
        .find((r) => r.length);
      cursor = before ? Math.max(...before) : after ? Math.min(...after) - 1 : submittedRow;
      put(cursor, (modelRowOf.get(g.members[0].code) as number) - 1);
    }
    for (const ind of g.members) {
      const at = tabRow.get(ind.code);
      if (at !== undefined) cursor = at;
      else if (isMissing.has(ind.code)) put(cursor, modelRowOf.get(ind.code) as number);
    }
  });
  return [...blocks.entries()].sort((a, b) => a[0] - b[0]).map(([after, modelRows]) => ({ after, modelRows }));
}

/** References to model rows in `formula` as references to the tab rows `to` gives; null when one has none. */
function moveFormula(formula: string, to: (row: number) => number | undefined): string | null {
  let lost = false;
  const out = formula.replace(/(^|[^A-Za-z0-9_$.])(\$?[A-Z]{1,3}\$?)(\d+)(?![\w(])/g, (ref, pre, col, row) => {
    const moved = to(Number(row));
    if (moved === undefined) lost = true;
    return moved === undefined ? ref : `${pre}${col}${moved}`;
  });
  return lost ? null : out;
}

/** A model row's cells for tab row `to`: its formulas (the year total) refer to that row. */
function moveRow(cells: SheetModel['rows'][number], from: number, to: number): SheetModel['rows'][number] {
  return cells.map((c) => {
    if (!c?.f) return c;
    const f = moveFormula(c.f, (r) => (r === from ? to : r));
    return { ...c, f: f ?? c.f };
  });
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
 * The STT column as a fresh tab numbers it, for the groups that got rows: indicators 1, 2, … in
 * catalogue order when the group's rows follow each other in that order (else only the new rows
 * have theirs); with a new group, the later groups' Roman numerals moved on. Cells already right
 * are not written.
 */
function renumber(
  sheet: Sheet,
  grid: Grid,
  catalogue: Catalogue,
  model: SheetModel,
  at: Placed,
  missing: Indicator[],
): void {
  const { modelRowOf, tabRow, groupRow, final } = at;
  const number = (mr: number) => model.rows[mr - 1]?.[LAYOUT.numberCol - 1]?.v ?? '';
  const typed = (row: number) => grid[row - 1]?.[LAYOUT.numberCol - 1];
  const touched = new Set(missing.map((i) => i.group));
  const newGroup = [...touched].some(
    (g) => !groupRow.has(g) && !catalogue.indicators.some((i) => i.group === g && tabRow.has(i.code)),
  );
  for (const group of catalogue.groups) {
    const members = catalogue.indicators.filter((i) => i.group === group.code);
    if (!members.length) continue;
    const own = groupRow.get(group.code);
    const numeralRow = (modelRowOf.get(members[0].code) as number) - 1;
    if (newGroup && own !== undefined && typed(own) !== number(numeralRow))
      sheet.getRange(final.get(numeralRow) as number, LAYOUT.numberCol).setValue(number(numeralRow));
    if (!touched.has(group.code)) continue;
    const rows = members.map((i) => final.get(modelRowOf.get(i.code) as number));
    const top = rows[0];
    if (top === undefined || rows.some((r, i) => r !== top + i)) continue;
    const numbers = members.map((i) => number(modelRowOf.get(i.code) as number));
    const stale = members.some((i, k) => {
      const r = tabRow.get(i.code);
      return r !== undefined && typed(r) !== numbers[k];
    });
    if (stale) sheet.getRange(top, LAYOUT.numberCol, rows.length, 1).setValues(numbers.map((v) => [v]));
  }
}

/** Rule highlighting made by buildUnitSheet: "=AND(<guard>,NOT(<left><op><right>))". */
const RULE_FORMULA = /^=AND\((?:COUNT|AND)\(.*,NOT\((?:SUM\(|0[<>=])/;

/**
 * The rules' highlighting of a fresh tab, at the tab's rows: the highlighting made for the rules of
 * the catalogue the tab was made with is replaced (a rule may have changed with the new
 * indicators), other conditional formats are kept. A rule using an indicator the tab has no row
 * for (one it has under a code the reader did not take) is left out, as a fresh tab leaves it out.
 */
function highlightRules(sheet: Sheet, conditionals: ConditionalModel[], final: Map<number, number>): void {
  const moved: ConditionalModel[] = [];
  for (const c of conditionals) {
    const row = final.get(c.range.row);
    const formula = moveFormula(c.formula, (r) => final.get(r));
    if (row !== undefined && formula !== null) moved.push({ ...c, range: { ...c.range, row }, formula });
  }
  const kept = sheet.getConditionalFormatRules().filter((rule) => {
    const condition = rule.getBooleanCondition();
    const formula = condition ? String(condition.getCriteriaValues()[0] ?? '') : '';
    return !RULE_FORMULA.test(formula);
  });
  sheet.setConditionalFormatRules([...kept, ...conditionalRules(sheet, moved)]);
}
