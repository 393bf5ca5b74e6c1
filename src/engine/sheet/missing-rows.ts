/**
 * Rows for indicators added to the catalogue since a unit's sheet was made: where and what to
 * insert so the sheet reads as a fresh one would (buildUnitSheet, indicatorRows). Pure: both shells
 * apply the plan, the add-on with Sheets' insertRowsAfter (src/gas/template-rows.ts), the CLI by
 * editing the .xlsx in place (src/cli/xlsx/insert-rows.ts).
 *
 *  - Where: after the indicator before them in their group, else after their group's row; a new
 *    group (with its group row) after the groups before it.
 *  - What: the fresh model's own rows (code, STT, label, unit, month cells, the year-total formula
 *    moved to the row, the note cell), their validation, the STT numbers of their group (and later
 *    groups' Roman numerals after a new group), the rules' highlighting at the sheet's rows.
 *  - Nothing typed is touched: rows are inserted and the rows below move down; the reader finds
 *    rows by code, so nothing relies on positions.
 *  - A row the reader read under another code than the one it holds (the catalogue changed the
 *    code, and the row was read by its label or by its place: read.ts placeByPosition) gets the
 *    catalogue's code, and its label when that changed too: re-coded, not doubled by an empty new
 *    row beside it (its figures stay where they are, under the code the catalogue now counts them).
 *    It gets the validation of its indicator's kind (the kind may have changed with the code: a
 *    count become an amount, a figure become a note); figures it holds are never cleared, one no
 *    longer valid is left for the check to name. Its "Cả năm" formula becomes its kind's (a flow
 *    become a stock: the latest month, not the sum; recodedTotal), a figure typed there is kept.
 *  - A row under its own code whose kind the catalogue changed (a flow become a stock, a count
 *    become an amount or a note: kindChanged, from what the shell reads of the row) is re-coded
 *    the same way, its code left as it is: the new kind's validation, number format and "Cả năm".
 *
 * Only a sheet that keeps the layout's columns (month cells at T1…T12's columns, the headers where
 * the layout puts them) gets rows; otherwise the plan names the missing indicators ('columns').
 */
import type { CellModel, ConditionalModel, SheetModel, ValidationModel } from '../report/model';
import { cleanText, normalizeName } from '../text/normalize';
import type { Catalogue, CellValue, Grid, Indicator, MonthCombine, Unit, UnitYear, ValueKind } from '../types';
import { hasRow } from '../validation/presence';
import { buildUnitSheet, indicatorRows, LAYOUT, monthCol, parseCell, totalFormula } from './layout';
import { looksLikeCode } from './read';
import { mapRefs } from './refs';

/** A run of new rows inserted after sheet row `after` (as the sheet was before any insertion). */
export interface RowBlock {
  after: number;
  /** Rows of the fresh model to copy, in order. */
  modelRows: number[];
}

/** A new row: the fresh model's row `modelRow`, at sheet row `row` (after the insertion). */
export interface NewRow {
  row: number;
  modelRow: number;
  /** Its cells, the year-total formula referring to `row`. */
  cells: (CellModel | null)[];
}

/**
 * A row re-coded: at sheet row `row` (after the insertion) the code cell gets `indicator`'s code
 * (it held `from`), and the label cell `label` (null: the label is the catalogue's already). A row
 * whose code stays and only its kind changed (kindChanged) has `from` the indicator's code.
 */
export interface Recode {
  row: number;
  indicator: Indicator;
  from: string;
  label: string | null;
  /**
   * The year-total formula a fresh row of the indicator has at `row` (totalFormula; null for a
   * note): the kind may have changed with the code (a flow become a stock), and the row's own
   * formula with it (recodedTotal).
   */
  total: string | null;
}

/**
 * A row left as it is that holds figures (`cells` month cells) under a code in no catalogue, read
 * as no indicator (its place or unit did not say which): at sheet row `row` after the insertion.
 * Said with the new rows, so "figures kept" does not hide figures still out of the totals.
 */
export interface StrayRow {
  row: number;
  code: string;
  cells: number;
}

/** STT cells to write, down from `row` (after the insertion). */
export interface NumberRun {
  row: number;
  values: (string | number)[];
}

export type RowsPlan =
  /** Nothing to add: every indicator has its row. */
  | { kind: 'none' }
  /** Rows are missing but the sheet's columns are not the layout's: not to be changed. */
  | { kind: 'columns'; indicators: Indicator[] }
  | {
      kind: 'add';
      /** The indicators that get a row (maybe none, when rows are only re-coded). */
      indicators: Indicator[];
      /** Rows whose code (and label) are written anew: read under another code than they hold. */
      recodes: Recode[];
      /** Rows with figures under a code in no catalogue, left as they are (their figures not counted). */
      strays: StrayRow[];
      /** The fresh sheet the rows come from. */
      model: SheetModel;
      /** Ascending by `after`, at most one per row. */
      blocks: RowBlock[];
      /** The table's last row before the insertion (protections ending there do not grow by themselves). */
      tableEnd: number;
      /** Model row → sheet row after the insertion, for every row of the fresh model the sheet then has. */
      final: Map<number, number>;
      rows: NewRow[];
      /** Validation of the new rows and of the re-coded ones (their indicator's kind), at their sheet rows. */
      validations: ValidationModel[];
      numbers: NumberRun[];
      /** The rules' highlighting of a fresh sheet at the sheet's rows (replacing the sheet's own rule highlighting). */
      conditionals: ConditionalModel[];
    };

/**
 * The whole of buildUnitSheet's rule formula, as Sheets keeps it: references "E$9" (Sheets moves
 * their column and row with inserted columns and rows; a deleted row's is "#REF!"), case and
 * spaces as Sheets may give them back. Whole, not a prefix (as before: "=AND(COUNT(" or "=AND(AND("), so a user's own
 * "=AND(COUNT(…" rule is never taken for the add-on's and replaced.
 */
const RULE_HIGHLIGHT = (() => {
  const ref = String.raw`(?:[A-Z]{1,3}\$\d+|#REF!)`;
  const refs = `(?:${ref}(?:,${ref})*)?`;
  const count = String.raw`COUNT\(${refs}\)>0`;
  const guard = String.raw`(?:${count}|AND\(${count},(?:${count}|TRUE)\))`;
  const side = String.raw`(?:SUM\(${refs}\)|0)`;
  const broken = String.raw`AND\(${guard},NOT\(${side}(?:<>|<=|>=|=|<|>)${side}\)\)`;
  // A breakdown's total left blank: "=AND(COUNT(parts)>0,SUM(parts)<>0,COUNT(total)=0)".
  const blankTotal = String.raw`AND\(${count},SUM\(${refs}\)<>0,COUNT\(${ref}\)=0\)`;
  return new RegExp(`^=(?:${broken}|${blankTotal})$`, 'i');
})();

/** Whether `formula` is the highlighting of a rule (broken, or its total blank) that buildUnitSheet made (not a user's own). */
export function isRuleHighlight(formula: string): boolean {
  return RULE_HIGHLIGHT.test(formula.replace(/\s+/g, ''));
}

/**
 * What tells two rule highlights apart: formula (as isRuleHighlight reads it, with or without its
 * "="), fill colour ("#rrggbb") and ranges (in any order). Both shells compare a sheet's
 * highlighting with the wanted one by it, so a sheet already up to date is not written.
 */
export function highlightKey(formula: string, fill: string | null, ranges: string[]): string {
  const f = formula.replace(/\s+/g, '').replace(/^=/, '').toUpperCase();
  return [f, (fill ?? '').toLowerCase(), ...[...ranges].sort()].join('\u0000');
}

/** A formula as compared: no "=" (an .xlsx stores none), spaces or "$", upper case. */
function formulaKey(formula: string): string {
  return formula
    .replace(/^\s*=/, '')
    .replace(/[\s$]+/g, '')
    .toUpperCase();
}

/** Which way over the months `formula` is the layout's "Cả năm" formula at sheet row `row` (sum, latest month), or null. */
function layoutOver(formula: string, row: number): MonthCombine | null {
  const key = formulaKey(formula);
  return (
    (['sum', 'last'] as const).find(
      (overMonths) => formulaKey(totalFormula({ kind: 'count', overMonths }, row) ?? '') === key,
    ) ?? null
  );
}

/**
 * What a re-coded row's "Cả năm" cell (holding `formula`, "" when none, and `value`) becomes: the
 * year-total formula of its indicator now (`r.total`; null: emptied, a note has none) when it holds
 * the formula the layout writes for either kind at its row, or nothing at all; null when it is to
 * be left as it is: already right, a figure the commune typed, or a formula of their own (never
 * overwritten; a typed figure no longer the months' sum is for the check to name).
 */
export function recodedTotal(
  r: Recode,
  formula: string,
  value: CellValue | undefined,
): { formula: string | null } | null {
  if (formula.trim() === '') {
    if (cellText(value) !== '') return null;
    return r.total === null ? null : { formula: r.total };
  }
  if (r.total !== null && formulaKey(formula) === formulaKey(r.total)) return null;
  return layoutOver(formula, r.row) !== null ? { formula: r.total } : null;
}

/**
 * What a sheet row carries that tells the kind it was written for, as a shell reads it: the
 * formula of its "Cả năm" cell ("" when none) and the validation of its first month cell as the
 * layout's kind (null: none, or one the layout does not write).
 */
export interface CarriedKind {
  total: string;
  validation: ValidationModel['kind'] | null;
}

/**
 * Whether the row of `ind` at sheet row `row`, carrying `c` ("Cả năm" holding `value`), was
 * written for another kind than `ind` has now: the formula is the layout's for the other way over
 * the months (sum / latest month), or a number's on a note row, or there is none (nor a figure)
 * on a number row; or the validation is another kind's (whole numbers, decimals, text).
 *
 * Why these two: the layout writes them from the kind alone and the commune does not type them
 * ("Cả năm" is a locked cell; validation comes with the template). The formula tells the way over
 * the months and a note from a number, the validation a count from an amount; the code cell the
 * re-code path compares says nothing of the kind, and the number format is the commune's to
 * change (a pasted figure brings its own), so it is not read. A figure or a formula of the
 * commune's own in "Cả năm", or no validation, says nothing: the row is not taken for changed.
 */
export function kindChanged(
  ind: Pick<Indicator, 'kind' | 'overMonths'>,
  row: number,
  c: CarriedKind,
  value: CellValue | undefined,
): boolean {
  let number: boolean | null = null;
  let over: MonthCombine | null = null;
  if (c.total.trim() === '') {
    if (cellText(value) === '') number = false;
  } else {
    over = layoutOver(c.total, row);
    if (over) number = true;
  }
  const kinds: Partial<Record<ValidationModel['kind'], ValueKind>> = {
    nonNegativeInteger: 'count',
    nonNegativeNumber: 'amount',
    unicodeText: 'note',
  };
  const validated = c.validation === null ? undefined : kinds[c.validation];
  if (number !== null && number !== (ind.kind !== 'note')) return true;
  if (over !== null && ind.kind !== 'note' && over !== ind.overMonths) return true;
  return validated !== undefined && validated !== ind.kind;
}

/** Sheet row `row` (as it was) after the blocks are inserted. */
export function shiftedRow(blocks: RowBlock[], row: number): number {
  let n = row;
  for (const b of blocks) if (b.after < row) n += b.modelRows.length;
  return n;
}

function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

/**
 * What to add to `grid`, the sheet `report` was read from (unit's report of `year`), so it has a
 * row for every indicator of `catalogue`. `carried`: what the shell read of the sheet's rows (by
 * sheet row) that tells their kind; without it no row is taken for another kind's.
 */
export function planMissingRows(
  grid: Grid,
  report: UnitYear,
  catalogue: Catalogue,
  unit: Pick<Unit, 'code' | 'name' | 'kind'>,
  year: number,
  carried: ReadonlyMap<number, CarriedKind> = new Map(),
): RowsPlan {
  // A row the reader left out (its code and label name two indicators, a duplicate) is still a row:
  // another one for the same code or label would be a second.
  const named = namesInSheet(grid);
  const missing = catalogue.indicators.filter(
    (i) => !hasRow(report, i.code) && !named.has(normalizeName(i.code)) && !named.has(normalizeName(i.label)),
  );
  const stale = staleCodes(grid, report, catalogue, carried);
  if (!missing.length && !stale.length) return { kind: 'none' };

  const model = buildUnitSheet(unit, year, catalogue);
  const modelRowOf = indicatorRows(catalogue);
  const sheetRow = sheetRows(report, catalogue);
  if (!sheetRow.size || !layoutColumns(grid, model, report.cells, report.submittedCells, sheetRow))
    return missing.length ? { kind: 'columns', indicators: missing } : { kind: 'none' };
  const submittedRow = parseCell(report.submittedCells.find(Boolean))?.row ?? LAYOUT.submittedRow;
  const groupRow = groupRows(grid, catalogue, submittedRow);
  const blocks = place(catalogue, missing, modelRowOf, sheetRow, groupRow, submittedRow);
  if (!blocks.length && !stale.length) return { kind: 'none' };
  const tableEnd = Math.max(submittedRow, ...sheetRow.values(), ...groupRow.values());

  // Where every model row ends up: the sheet's rows move down by the rows inserted above them.
  const final = new Map<number, number>();
  for (const [code, row] of sheetRow) final.set(modelRowOf.get(code) as number, shiftedRow(blocks, row));
  for (const [group, row] of groupRow) {
    const first = catalogue.indicators.find((i) => i.group === group);
    if (first) final.set((modelRowOf.get(first.code) as number) - 1, shiftedRow(blocks, row));
  }
  const rows: NewRow[] = [];
  for (const b of blocks) {
    const at = shiftedRow(blocks, b.after) + 1;
    b.modelRows.forEach((mr, i) => {
      final.set(mr, at + i);
      rows.push({ row: at + i, modelRow: mr, cells: moveRow(model.rows[mr - 1] ?? [], mr, at + i) });
    });
  }
  const added = new Set(rows.map((r) => r.modelRow));
  const recoded = new Set(stale.map((r) => modelRowOf.get(r.indicator.code) as number));
  const validations = model.validations
    .filter((v) => added.has(v.range.row) || recoded.has(v.range.row))
    .map((v) => ({ ...v, range: { ...v.range, row: final.get(v.range.row) as number } }));
  const conditionals = highlightingAt(model, final);
  return {
    kind: 'add',
    indicators: missing.filter((i) => added.has(modelRowOf.get(i.code) as number)),
    recodes: stale.map((r) => {
      const row = shiftedRow(blocks, r.row);
      return { ...r, row, total: totalFormula(r.indicator, row) ?? null };
    }),
    strays: strayRows(grid, catalogue, sheetRow, submittedRow).map((r) => ({ ...r, row: shiftedRow(blocks, r.row) })),
    model,
    blocks,
    tableEnd,
    final,
    rows,
    validations,
    numbers: renumber(grid, catalogue, model, { modelRowOf, sheetRow, groupRow, final }, missing),
    conditionals,
  };
}

/**
 * The rules' highlighting a fresh sheet has, at the rows of `grid` (the sheet `report` was read
 * from, unit's report of `year`), for a sheet that has every row it can get: re-running "Tạo mẫu"
 * after "Quy tắc" changed brings an existing sheet's highlighting up to date. Null when the
 * sheet's columns are not the layout's: its highlighting is then left as it is. A rule using an
 * indicator the sheet has no row for is left out, as planMissingRows leaves it out.
 */
export function planHighlighting(
  grid: Grid,
  report: UnitYear,
  catalogue: Catalogue,
  unit: Pick<Unit, 'code' | 'name' | 'kind'>,
  year: number,
): ConditionalModel[] | null {
  const model = buildUnitSheet(unit, year, catalogue);
  const sheetRow = sheetRows(report, catalogue);
  if (!sheetRow.size || !layoutColumns(grid, model, report.cells, report.submittedCells, sheetRow)) return null;
  const modelRowOf = indicatorRows(catalogue);
  const final = new Map<number, number>();
  for (const [code, row] of sheetRow) final.set(modelRowOf.get(code) as number, row);
  return highlightingAt(model, final);
}

/**
 * The rows the reader read as an indicator whose code their code cell does not hold (a code in
 * no catalogue: read by the label, or by the row's place), at their sheet rows as they are. A code
 * cell holding no code (empty, a number) is not written: the row is read by its label as it is.
 * And the rows under the indicator's code that carry another kind's (kindChanged), `from` their code.
 */
function staleCodes(
  grid: Grid,
  report: UnitYear,
  catalogue: Catalogue,
  carried: ReadonlyMap<number, CarriedKind>,
): Omit<Recode, 'total'>[] {
  const out: Omit<Recode, 'total'>[] = [];
  for (const ind of catalogue.indicators) {
    const at = parseCell(report.cells[ind.code]?.find(Boolean));
    if (!at) continue;
    const line = grid[at.row - 1] ?? [];
    const typed = cleanText(cellText(line[LAYOUT.codeCol - 1]));
    if (!looksLikeCode(typed)) continue;
    if (typed.toUpperCase() === ind.code.toUpperCase()) {
      const c = carried.get(at.row);
      if (c && kindChanged(ind, at.row, c, line[LAYOUT.totalCol - 1]))
        out.push({ row: at.row, indicator: ind, from: ind.code, label: null });
      continue;
    }
    const label = cellText(line[LAYOUT.labelCol - 1]);
    const same = normalizeName(label) === normalizeName(ind.label);
    out.push({ row: at.row, indicator: ind, from: typed, label: same ? null : ind.label });
  }
  return out;
}

/**
 * Rows below the submission row (`below`) whose code cell holds a code in no catalogue, read as
 * no indicator (not in `sheetRow`), with month cells not empty: at their sheet rows as they are.
 */
function strayRows(grid: Grid, catalogue: Catalogue, sheetRow: Map<string, number>, below: number): StrayRow[] {
  const codes = new Set(catalogue.indicators.map((i) => i.code.toUpperCase()));
  const read = new Set(sheetRow.values());
  const out: StrayRow[] = [];
  for (let r = below; r < grid.length; r++) {
    const line = grid[r] ?? [];
    const code = cleanText(cellText(line[LAYOUT.codeCol - 1]));
    const upper = code.toUpperCase();
    if (!looksLikeCode(code) || codes.has(upper) || upper === LAYOUT.submittedCode || read.has(r + 1)) continue;
    let cells = 0;
    for (let m = 1; m <= 12; m++) if (cellText(line[monthCol(m) - 1]) !== '') cells++;
    if (cells) out.push({ row: r + 1, code, cells });
  }
  return out;
}

/** Code → the sheet row the reader found the indicator at. */
function sheetRows(report: UnitYear, catalogue: Catalogue): Map<string, number> {
  const out = new Map<string, number>();
  for (const ind of catalogue.indicators) {
    const at = parseCell(report.cells[ind.code]?.find(Boolean));
    if (at) out.set(ind.code, at.row);
  }
  return out;
}

/** The model's rule highlighting moved to the sheet's rows (`final`: model row → sheet row); a rule with a row the sheet lacks is left out. */
function highlightingAt(model: SheetModel, final: Map<number, number>): ConditionalModel[] {
  const out: ConditionalModel[] = [];
  for (const c of model.conditionals) {
    const row = final.get(c.range.row);
    const formula = moveFormula(c.formula, (r) => final.get(r));
    if (row !== undefined && formula !== null) out.push({ ...c, range: { ...c.range, row }, formula });
  }
  return out;
}

/**
 * The codes (column A) of the sheet's rows that have one, and their labels (column C), normalised.
 * A row with a label and no code that names an indicator is one the reader reads (by its label).
 */
function namesInSheet(grid: Grid): Set<string> {
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
 * The sheet has the layout's columns: every month cell the reader found is in the layout's column
 * for its month, and a header row above the table holds the model's headers at the code, STT,
 * label, unit, total and note columns.
 */
function layoutColumns(
  grid: Grid,
  model: SheetModel,
  cells: Record<string, string[]>,
  submittedCells: string[],
  sheetRow: Map<string, number>,
): boolean {
  const named = [...Object.values(cells), submittedCells].filter((list) => list.some(Boolean));
  for (const list of named) for (let m = 1; m <= 12; m++) if (parseCell(list[m - 1])?.col !== monthCol(m)) return false;
  const header = model.rows[LAYOUT.headerRow - 1] ?? [];
  const cols = [LAYOUT.codeCol, LAYOUT.numberCol, LAYOUT.labelCol, LAYOUT.unitCol, LAYOUT.totalCol, LAYOUT.noteCol];
  const top = Math.min(...sheetRow.values());
  for (let r = 0; r < Math.min(top, grid.length); r++)
    if (cols.every((c) => normalizeName(cellText(grid[r][c - 1])) === normalizeName(String(header[c - 1]?.v ?? ''))))
      return true;
  return false;
}

/** Each group's row in the sheet (no code, its label in the label column), below the submission row. */
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
 * Where the missing indicators go, in blocks by the sheet row they follow (ascending), each in
 * catalogue order: after the indicator before them in their group, else after their group's row
 * (or just before the group's first row in the sheet); a group with no row yet, with its group
 * row, after the groups before it that have rows (or before those after it).
 */
function place(
  catalogue: Catalogue,
  missing: Indicator[],
  modelRowOf: Map<string, number>,
  sheetRow: Map<string, number>,
  groupRow: Map<string, number>,
  submittedRow: number,
): RowBlock[] {
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
  /** The rows a group has in the sheet: its group row and its indicators'. */
  const rowsOf = (g: (typeof groups)[number]) =>
    [groupRow.get(g.code), ...g.members.map((i) => sheetRow.get(i.code))].filter((r): r is number => r !== undefined);
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
      const at = sheetRow.get(ind.code);
      if (at !== undefined) cursor = at;
      else if (isMissing.has(ind.code)) put(cursor, modelRowOf.get(ind.code) as number);
    }
  });
  return [...blocks.entries()].sort((a, b) => a[0] - b[0]).map(([after, modelRows]) => ({ after, modelRows }));
}

/** Same-sheet references to rows in `formula` as references to the rows `to` gives; null when one has none. */
export function moveFormula(formula: string, to: (row: number) => number | undefined): string | null {
  let lost = false;
  const out = mapRefs(formula, (ref) => {
    if (ref.sheet !== null || ref.row === null) return null;
    const row = to(ref.row);
    if (row === undefined) lost = true;
    return row === undefined ? null : { ...ref, row };
  });
  return lost ? null : out;
}

/** A model row's cells for sheet row `to`: its formulas (the year total) refer to that row. */
function moveRow(cells: (CellModel | null)[], from: number, to: number): (CellModel | null)[] {
  return cells.map((c) => {
    if (!c?.f) return c;
    const f = moveFormula(c.f, (r) => (r === from ? to : r));
    return { ...c, f: f ?? c.f };
  });
}

interface Placed {
  /** Code → row in the fresh model. */
  modelRowOf: Map<string, number>;
  /** Code → row in the sheet as it was (indicators the reader found). */
  sheetRow: Map<string, number>;
  /** Group code → its group row in the sheet as it was. */
  groupRow: Map<string, number>;
  /** Model row → sheet row after the insertion. */
  final: Map<number, number>;
}

/**
 * The STT column as a fresh sheet numbers it, for the groups that got rows: indicators 1, 2, … in
 * catalogue order when the group's rows follow each other in that order (else only the new rows
 * have theirs); with a new group, the later groups' Roman numerals moved on. Cells already right
 * are not written.
 */
function renumber(grid: Grid, catalogue: Catalogue, model: SheetModel, at: Placed, missing: Indicator[]): NumberRun[] {
  const { modelRowOf, sheetRow, groupRow, final } = at;
  const out: NumberRun[] = [];
  const number = (mr: number) => model.rows[mr - 1]?.[LAYOUT.numberCol - 1]?.v ?? '';
  const typed = (row: number) => grid[row - 1]?.[LAYOUT.numberCol - 1];
  const touched = new Set(missing.map((i) => i.group));
  const newGroup = [...touched].some(
    (g) => !groupRow.has(g) && !catalogue.indicators.some((i) => i.group === g && sheetRow.has(i.code)),
  );
  for (const group of catalogue.groups) {
    const members = catalogue.indicators.filter((i) => i.group === group.code);
    if (!members.length) continue;
    const own = groupRow.get(group.code);
    const numeralRow = (modelRowOf.get(members[0].code) as number) - 1;
    if (newGroup && own !== undefined && typed(own) !== number(numeralRow))
      out.push({ row: final.get(numeralRow) as number, values: [number(numeralRow)] });
    if (!touched.has(group.code)) continue;
    const rows = members.map((i) => final.get(modelRowOf.get(i.code) as number));
    const top = rows[0];
    if (top === undefined || rows.some((r, i) => r !== top + i)) continue;
    const numbers = members.map((i) => number(modelRowOf.get(i.code) as number));
    const stale = members.some((i, k) => {
      const r = sheetRow.get(i.code);
      return r !== undefined && typed(r) !== numbers[k];
    });
    if (stale) out.push({ row: top, values: numbers });
  }
  return out;
}
