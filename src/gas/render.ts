/**
 * SheetModel → Google Sheets, in batches: the whole block is written with one call per
 * attribute (setNumberFormats, setValues, setBackgrounds, setFontWeights …), never cell by
 * cell. Strings are always plain text: their cells are formatted "@" *before* the values
 * are written, so "=…", "+84…", "1/2" or "007" typed by a commune stays text. Only formulas
 * the engine built itself (CellModel.f) are written as formulas.
 */

import {
  type CellModel,
  type ChartModel,
  type ConditionalModel,
  type RangeRef,
  type SheetModel,
  STYLES,
  type StyleSpec,
  type ValidationModel,
} from '../engine/report/model';
import { colLetter } from '../engine/sheet/layout';
import { legacySignsFormula } from '../engine/text/legacy';
import { MAX_AMOUNT, MAX_COUNT } from '../engine/validation/cells';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Protection = GoogleAppsScript.Spreadsheet.Protection;
type FontWeight = 'bold' | 'normal';
type FontStyle = 'italic' | 'normal';
/** null: Sheets' automatic alignment (numbers right, text left). */
type Align = 'left' | 'center' | 'right' | null;

/** Number format of cells with no format of their own: what Sheets reports for "Automatic". */
export const GENERAL = '0.###############';
export const TEXT = '@';

export interface ProtectOptions {
  /** Description of the sheet protection. */
  description: string;
  /** Who may edit the sheet's editable ranges besides the admins (the unit's staff). */
  editors: string[];
  /** District admins: may edit everything. */
  admins: string[];
  /** Description of the protection of the locked cells (codes, labels, headers). */
  structureDescription?: string;
}

export interface RenderOptions {
  protect?: ProtectOptions;
  /**
   * Size the sheet to the model (gridSize): sheets made many times over (commune tabs, the
   * period's summaries). Without it a new sheet keeps Google's 1,000 rows, room for the lists
   * users type into configuration sheets.
   */
  fit?: boolean;
}

/** Pixels for a width given in characters. */
export function widthPx(chars: number): number {
  return Math.round(chars * 7 + 10);
}

/** The rows and columns a model's cells and merges take. */
export function modelSize(model: SheetModel): { rows: number; cols: number } {
  let cols = model.widths.length;
  for (const r of model.rows) cols = Math.max(cols, r.length);
  for (const m of model.merges) cols = Math.max(cols, m.col + m.cols - 1);
  return { rows: Math.max(model.rows.length, 1), cols: Math.max(cols, 1) };
}

/**
 * Spare rows and columns left around what the add-on writes (a signature under a commune's table, a
 * column of remarks): Google counts a spreadsheet's grid, not its data, against its 10 million
 * cells, and a sheet made at Google's default 1,000 × 26 costs 30 times a commune's 48 × 18 table.
 */
export const SPARE_ROWS = 10;
export const SPARE_COLS = 2;
/** Room a column chart takes below and right of its anchor cell (Google's default ~600 × 370 px). */
const CHART_ROWS = 20;
const CHART_COLS = 6;

/** The grid a sheet made for `model` gets: its content, its charts and the spare rows and columns. */
export function gridSize(model: SheetModel): { rows: number; cols: number } {
  let { rows, cols } = modelSize(model);
  for (const c of model.charts) {
    rows = Math.max(rows, c.anchor.row + CHART_ROWS - 1);
    cols = Math.max(cols, c.anchor.col + CHART_COLS - 1);
  }
  return { rows: rows + SPARE_ROWS, cols: cols + SPARE_COLS };
}

function rangeOf(sheet: Sheet, ref: RangeRef): Range {
  return sheet.getRange(ref.row, ref.col, ref.rows, ref.cols);
}

export function a1Range(ref: RangeRef): string {
  const tl = `${colLetter(ref.col)}${ref.row}`;
  if (ref.rows === 1 && ref.cols === 1) return tl;
  return `${tl}:${colLetter(ref.col + ref.cols - 1)}${ref.row + ref.rows - 1}`;
}

/** Make the sheet at least rows × cols (new sheets are 1000 × 26). */
export function ensureSize(sheet: Sheet, rows: number, cols: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (maxCols < cols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
}

/** Empty rows and columns left past a sheet's content before trimEmptyGrid deletes them. */
export const TRIM_SLACK_ROWS = 50;
export const TRIM_SLACK_COLS = 4;

/**
 * An existing sheet made at Google's default size (1,000 × 26): its rows and columns past
 * `minRows` × `minCols` and past its last cell with a value (with the spare rows and columns)
 * deleted, when there are many. Nothing typed goes: those rows and columns are empty. Returns
 * whether anything was deleted (four reads otherwise).
 */
export function trimEmptyGrid(sheet: Sheet, minRows: number, minCols: number): boolean {
  const rows = Math.max(minRows, sheet.getLastRow() + SPARE_ROWS);
  const cols = Math.max(minCols, sheet.getLastColumn() + SPARE_COLS);
  const maxRows = sheet.getMaxRows();
  const maxCols = sheet.getMaxColumns();
  let trimmed = false;
  if (maxRows > rows + TRIM_SLACK_ROWS) {
    sheet.deleteRows(rows + 1, maxRows - rows);
    trimmed = true;
  }
  if (maxCols > cols + TRIM_SLACK_COLS) {
    sheet.deleteColumns(cols + 1, maxCols - cols);
    trimmed = true;
  }
  return trimmed;
}

/** Make a new, empty sheet exactly rows × cols: rows and columns past them (insertSheet's 1,000 × 26) go. */
export function fitSize(sheet: Sheet, rows: number, cols: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  else if (maxRows > rows) sheet.deleteRows(rows + 1, maxRows - rows);
  const maxCols = sheet.getMaxColumns();
  if (maxCols < cols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
  else if (maxCols > cols) sheet.deleteColumns(cols + 1, maxCols - cols);
}

interface Grids {
  values: (string | number)[][];
  formats: string[][];
  backgrounds: (string | null)[][];
  weights: FontWeight[][];
  styles: FontStyle[][];
  colors: string[][];
  sizes: number[][];
  aligns: Align[][];
  wraps: boolean[][];
  bordered: boolean[][];
}

function styleOf(cell: CellModel | null): StyleSpec {
  return cell?.s ? STYLES[cell.s] : {};
}

export interface CellSpec {
  /** What setValues gets: the engine's formula, the value, or ''. */
  value: string | number;
  /** The engine's own formula (CellModel.f), if any. */
  formula?: string;
  /** Number format: "@" for every string, GENERAL when none. */
  format: string;
  style: StyleSpec;
}

/**
 * Value, number format and style of one model cell — shared by the SpreadsheetApp writer
 * (below) and the Sheets API writer (sheets-write.ts), so both write the same sheet.
 */
export function cellSpec(cell: CellModel | null): CellSpec {
  const st = styleOf(cell);
  let value: string | number = '';
  let format = st.numFmt ?? GENERAL;
  let formula: string | undefined;
  if (cell?.f) {
    value = cell.f;
    formula = cell.f;
    if (format === TEXT) format = GENERAL; // a formula in a text cell would stay text
  } else if (cell && cell.v !== null && cell.v !== undefined) {
    value = cell.v;
    // Every string is plain text, whatever its style: never a formula, date or number.
    if (typeof value === 'string') format = TEXT;
  } else if (format === GENERAL && (cell?.s === 'label' || cell?.s === 'text' || cell?.s === 'note')) {
    format = TEXT; // empty text cells: what people type later stays text too
  }
  return formula === undefined ? { value, format, style: st } : { value, formula, format, style: st };
}

function buildGrids(source: (CellModel | null)[][], rows: number, cols: number): Grids {
  const g: Grids = {
    values: [],
    formats: [],
    backgrounds: [],
    weights: [],
    styles: [],
    colors: [],
    sizes: [],
    aligns: [],
    wraps: [],
    bordered: [],
  };
  for (let r = 0; r < rows; r++) {
    const src = source[r] ?? [];
    const values: (string | number)[] = [];
    const formats: string[] = [];
    const backgrounds: (string | null)[] = [];
    const weights: FontWeight[] = [];
    const styles: FontStyle[] = [];
    const colors: string[] = [];
    const sizes: number[] = [];
    const aligns: Align[] = [];
    const wraps: boolean[] = [];
    const bordered: boolean[] = [];
    for (let c = 0; c < cols; c++) {
      const { value, format, style: st } = cellSpec(src[c] ?? null);
      values.push(value);
      formats.push(format);
      backgrounds.push(st.fill ?? null);
      weights.push(st.bold ? 'bold' : 'normal');
      styles.push(st.italic ? 'italic' : 'normal');
      colors.push(st.color ?? '#000000');
      sizes.push(st.size ?? 10);
      aligns.push(st.align ?? null);
      wraps.push(Boolean(st.wrap));
      bordered.push(Boolean(st.border));
    }
    g.values.push(values);
    g.formats.push(formats);
    g.backgrounds.push(backgrounds);
    g.weights.push(weights);
    g.styles.push(styles);
    g.colors.push(colors);
    g.sizes.push(sizes);
    g.aligns.push(aligns);
    g.wraps.push(wraps);
    g.bordered.push(bordered);
  }
  return g;
}

/** Rectangles to draw borders on: runs of rows with bordered cells, spanning their columns. */
export function borderBlocks(bordered: boolean[][]): RangeRef[] {
  const blocks: RangeRef[] = [];
  let start = -1;
  let minC = Infinity;
  let maxC = -1;
  const flush = (end: number) => {
    if (start >= 0) blocks.push({ row: start + 1, col: minC + 1, rows: end - start, cols: maxC - minC + 1 });
    start = -1;
    minC = Infinity;
    maxC = -1;
  };
  bordered.forEach((row, r) => {
    const first = row.indexOf(true);
    if (first < 0) {
      flush(r);
      return;
    }
    const last = row.lastIndexOf(true);
    if (start < 0) start = r;
    minC = Math.min(minC, first);
    maxC = Math.max(maxC, last);
  });
  flush(bordered.length);
  return blocks;
}

function validationRule(v: ValidationModel, topLeft: string): GoogleAppsScript.Spreadsheet.DataValidation {
  const b = SpreadsheetApp.newDataValidation();
  // Up to the bounds the reader takes (a larger figure is a slip: validation/cells.ts).
  if (v.kind === 'nonNegativeNumber') b.requireNumberBetween(0, MAX_AMOUNT);
  else if (v.kind === 'nonNegativeInteger')
    b.requireFormulaSatisfied(
      `=AND(ISNUMBER(${topLeft}),${topLeft}>=0,${topLeft}<=${MAX_COUNT},INT(${topLeft})=${topLeft})`,
    );
  else if (v.kind === 'unicodeText') b.requireFormulaSatisfied(legacySignsFormula(topLeft));
  else b.requireDate();
  // Text in an old code is read all the same (and said so): a warning, never a refusal.
  return b
    .setAllowInvalid(v.kind === 'unicodeText')
    .setHelpText(v.help)
    .build();
}

/** Merge validations of the same kind and help that cover consecutive rows of the same columns. */
export function groupValidations(list: ValidationModel[]): ValidationModel[] {
  const sorted = [...list].sort((a, b) => a.range.col - b.range.col || a.range.row - b.range.row);
  const out: ValidationModel[] = [];
  for (const v of sorted) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.kind === v.kind &&
      prev.help === v.help &&
      prev.range.col === v.range.col &&
      prev.range.cols === v.range.cols &&
      prev.range.row + prev.range.rows === v.range.row
    ) {
      out[out.length - 1] = { ...prev, range: { ...prev.range, rows: prev.range.rows + v.range.rows } };
    } else out.push({ ...v, range: { ...v.range } });
  }
  return out;
}

/** One conditional-format rule per distinct (formula, style), covering all its ranges. */
export function groupConditionals(
  list: ConditionalModel[],
): { formula: string; style: 'error' | 'warning'; ranges: RangeRef[] }[] {
  const byKey = new Map<string, { formula: string; style: 'error' | 'warning'; ranges: RangeRef[] }>();
  for (const c of list) {
    const key = `${c.style}\u0000${c.formula}`;
    const g = byKey.get(key) ?? { formula: c.formula, style: c.style, ranges: [] };
    if (
      !g.ranges.some(
        (r) => r.row === c.range.row && r.col === c.range.col && r.rows === c.range.rows && r.cols === c.range.cols,
      )
    )
      g.ranges.push(c.range);
    byKey.set(key, g);
  }
  return [...byKey.values()];
}

/** The model's conditional formats as Sheets rules, one per distinct formula and style (groupConditionals). */
export function conditionalRules(
  sheet: Sheet,
  list: ConditionalModel[],
): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  return groupConditionals(list).map((g) =>
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(g.formula)
      .setBackground(STYLES[g.style].fill ?? '#F8CBAD')
      .setRanges(g.ranges.map((r) => rangeOf(sheet, r)))
      .build(),
  );
}

export function applyConditionals(sheet: Sheet, list: ConditionalModel[]): void {
  if (!list.length) return;
  sheet.setConditionalFormatRules(conditionalRules(sheet, list));
}

export function applyCharts(sheet: Sheet, charts: ChartModel[]): void {
  for (const chart of charts) {
    let b = sheet.newChart().asColumnChart();
    b = b.addRange(rangeOf(sheet, chart.categories)) as typeof b;
    for (const s of chart.series) b = b.addRange(rangeOf(sheet, s)) as typeof b;
    const built = b
      .setTitle(chart.title)
      .setNumHeaders(1)
      .setPosition(chart.anchor.row, chart.anchor.col, 0, 0)
      .build();
    sheet.insertChart(built);
  }
}

/** The e-mail of the user the script runs as ('' if Google does not say). */
export function effectiveEmail(): string {
  try {
    return Session.getEffectiveUser().getEmail();
  } catch {
    return '';
  }
}

/**
 * Leave only `emails` (and the user running the script, whom Sheets never removes) as
 * editors. Google's pattern: add yourself first, so removing a group that gave you access
 * cannot lock you out; then remove everyone else.
 */
export function restrictEditors(p: Protection, emails: string[], me = effectiveEmail()): void {
  if (me) p.addEditor(me);
  const others = p.getEditors();
  if (others.length) p.removeEditors(others);
  const keep = [...new Set([...(me ? [me] : []), ...emails])];
  if (keep.length) p.addEditors(keep);
  if (p.canDomainEdit()) p.setDomainEdit(false);
}

/**
 * Bring a protection's editors to `emails` (plus the owner and the user running the script, whom
 * Google never removes), changing nothing when they already are. Returns whether it changed. Only for
 * a protection the user may edit (`p.canEdit()`, the caller's check): Google refuses even reading the
 * editors of another.
 */
export function syncEditors(p: Protection, emails: string[], me = effectiveEmail(), owner = ''): boolean {
  const lower = (e: string) => e.trim().toLowerCase();
  const want = new Set([...emails, me, owner].filter(Boolean).map(lower));
  const have = p.getEditors().map((u) => u.getEmail());
  const haveSet = new Set(have.map(lower));
  const add = [...new Set(emails.map((e) => e.trim()).filter((e) => e && !haveSet.has(lower(e))))];
  const drop = have.filter((e) => !want.has(lower(e)));
  const domain = p.canDomainEdit();
  if (!add.length && !drop.length && !domain) return false;
  if (add.length) p.addEditors(add);
  if (drop.length) p.removeEditors(drop);
  if (domain) p.setDomainEdit(false);
  return true;
}

/**
 * Protect a sheet: its editable ranges for `editors` + `admins`, everything else (codes,
 * labels, headers, totals) for `admins` only. Two protections: the whole sheet (unit staff
 * and admins), and the locked cells as range protections (admins).
 */
export function protectSheet(sheet: Sheet, model: SheetModel, opts: ProtectOptions): void {
  const me = effectiveEmail();
  const p = sheet.protect().setDescription(opts.description);
  restrictEditors(p, [...opts.editors, ...opts.admins], me);
  const locked = lockedBlocks(model);
  if (!locked.length) return;
  for (const ref of locked) {
    const rp = rangeOf(sheet, ref)
      .protect()
      .setDescription(opts.structureDescription ?? opts.description);
    restrictEditors(rp, opts.admins, me);
  }
}

/**
 * The cells of the model's area outside its editable ranges, as few rectangles: runs of
 * locked columns per row, merged over consecutive rows with the same runs.
 */
export function lockedBlocks(model: SheetModel): RangeRef[] {
  if (!model.editable.length) return [];
  const { rows, cols } = modelSize(model);
  const editable = (r: number, c: number) =>
    model.editable.some((e) => r >= e.row && r < e.row + e.rows && c >= e.col && c < e.col + e.cols);
  const open: RangeRef[] = [];
  const out: RangeRef[] = [];
  for (let r = 1; r <= rows; r++) {
    const runs: [number, number][] = [];
    for (let c = 1; c <= cols; c++) {
      if (editable(r, c)) continue;
      const last = runs[runs.length - 1];
      if (last && last[1] === c - 1) last[1] = c;
      else runs.push([c, c]);
    }
    const still: RangeRef[] = [];
    for (const [c1, c2] of runs) {
      const cont = open.find((o) => o.col === c1 && o.cols === c2 - c1 + 1 && o.row + o.rows === r);
      if (cont) {
        cont.rows++;
        still.push(cont);
      } else still.push({ row: r, col: c1, rows: 1, cols: c2 - c1 + 1 });
    }
    for (const o of open) if (!still.includes(o)) out.push(o);
    open.length = 0;
    open.push(...still);
  }
  out.push(...open);
  return out.sort((a, b) => a.row - b.row || a.col - b.col);
}

/**
 * `rows` model rows (`source`, 0-based) written from sheet row `at`, `cols` wide: one call per
 * attribute over the block, then one per border block. Used for a whole new sheet and for rows
 * added to an existing one (template-rows.ts), so both look alike.
 */
export function writeModelRows(
  sheet: Sheet,
  source: (CellModel | null)[][],
  at: number,
  rows: number,
  cols: number,
): void {
  const g = buildGrids(source, rows, cols);
  const block = sheet.getRange(at, 1, rows, cols);
  block.setNumberFormats(g.formats); // first: "@" must be in place before text arrives
  block.setValues(g.values);
  block.setBackgrounds(g.backgrounds);
  block.setFontWeights(g.weights);
  block.setFontStyles(g.styles);
  block.setFontColors(g.colors);
  block.setFontSizes(g.sizes);
  block.setHorizontalAlignments(g.aligns);
  block.setVerticalAlignment('middle');
  block.setWraps(g.wraps);
  for (const b of borderBlocks(g.bordered))
    rangeOf(sheet, { ...b, row: b.row + at - 1 }).setBorder(true, true, true, true, true, true);
}

/** Data validation of the model, one call per group of like validations (groupValidations). */
export function applyValidations(sheet: Sheet, list: ValidationModel[]): void {
  for (const v of groupValidations(list)) {
    rangeOf(sheet, v.range).setDataValidation(validationRule(v, `${colLetter(v.range.col)}${v.range.row}`));
  }
}

/**
 * Write a SheetModel into `sheet` (expected empty: a new sheet). Service calls are
 * constant per sheet plus one per merge, border block, validation group and chart.
 */
export function renderSheet(sheet: Sheet, model: SheetModel, opts: RenderOptions = {}): void {
  const { rows, cols } = modelSize(model);
  if (opts.fit) {
    const grid = gridSize(model);
    fitSize(sheet, grid.rows, grid.cols);
  } else ensureSize(sheet, rows, cols);
  writeModelRows(sheet, model.rows, 1, rows, cols);
  for (const m of model.merges) if (m.rows > 1 || m.cols > 1) rangeOf(sheet, m).merge();
  // Column widths in runs of equal width.
  for (let c = 0; c < model.widths.length; ) {
    let end = c;
    while (end + 1 < model.widths.length && model.widths[end + 1] === model.widths[c]) end++;
    if (model.widths[c] > 0) sheet.setColumnWidths(c + 1, end - c + 1, widthPx(model.widths[c]));
    c = end + 1;
  }
  if (model.frozenRows) sheet.setFrozenRows(model.frozenRows);
  if (model.frozenCols) sheet.setFrozenColumns(model.frozenCols);
  applyValidations(sheet, model.validations);
  applyConditionals(sheet, model.conditionals);
  applyCharts(sheet, model.charts);
  if (opts.protect) protectSheet(sheet, model, opts.protect);
}
