/**
 * Sheets API `spreadsheets.batchUpdate` served by the fake (POST
 * https://sheets.googleapis.com/v4/spreadsheets/{id}:batchUpdate), applied to the fake's
 * spreadsheets so tests inspect the result with SpreadsheetApp as usual.
 *
 * Google's semantics: "Each request is validated before being applied. If any request is
 * not valid then the entire request will fail and nothing will be applied … the updates in
 * the request will be applied together atomically" (Sheets API reference). Here: requests
 * are applied in order; every sheet a request touches is saved first, and on the first
 * failure everything saved is put back and a 400 INVALID_ARGUMENT is answered with a
 * Google-like message ("Invalid requests[3].deleteSheet: No grid with id: 12").
 *
 * Fault injection: before request i of kind K runs, `fake.faults` is asked for the key
 * `SheetsApi.K` (e.g. `fake.faults.add({ method: 'SheetsApi.deleteSheet', error: '…' })`,
 * or 'SheetsApi.*' for any); a fault rolls the whole batch back and is answered as HTTP 500
 * INTERNAL with the fault's message (or the status of an error with a numeric `status`).
 *
 * Supported requests: addSheet, duplicateSheet, deleteSheet, updateSheetProperties (title,
 * index, gridProperties rowCount/columnCount/frozen*, hidden), updateCells (start or range;
 * field masks userEnteredValue, userEnteredFormat(numberFormat, backgroundColor, textFormat,
 * horizontalAlignment, verticalAlignment, wrapStrategy)), repeatCell, updateBorders
 * (recorded as setBorder is), mergeCells (MERGE_ALL), updateDimensionProperties
 * (pixelSize), appendDimension, insertDimension / deleteDimension (cells, merges, range
 * protections and — for insertions — formulas move as with insertRows / deleteRows; inserting
 * at the end needs inheritFromBefore), duplicateSheet (after its source unless
 * insertSheetIndex; "Copy of …" unless newSheetName),
 * setDataValidation, addConditionalFormatRule (custom formula, background), addChart (basic
 * column chart), addProtectedRange, deleteProtectedRange (by protectedRangeId), deleteEmbeddedObject
 * (a chart, by objectId = chartId), deleteConditionalFormatRule (sheetId, index), unmergeCells
 * (refused when the range partly spans a merge). updateCells with "*" also clears the cells'
 * notes, data validation and (for a range with no rows) the borders set inside it. Others: 400.
 * stringValue is stored verbatim (never parsed: "=…" stays text), formulaValue as a formula.
 * Renaming a sheet rewrites the formulas naming it; deleting one turns them to #REF!, as
 * SpreadsheetApp's setName / deleteSheet do in the fake (shift.ts renameSheetInFormula).
 *
 * Cell limit: a request that would take the grid (maxRows × maxColumns summed over the
 * sheets, as the earlier requests left it) above the limit (`fake.cellLimit`, 10,000,000 by
 * default) fails the batch: 400 INVALID_ARGUMENT "Invalid requests[2].addSheet: This action
 * would increase the number of cells in the workbook above the limit of 10000000 cells."
 * (GAS_ERRORS.apiCellLimit). Checked by addSheet (default 1000 × 26), duplicateSheet,
 * updateSheetProperties (rowCount first, then columnCount, as Google does), appendDimension
 * and insertDimension; deleteSheet, deleteDimension and a smaller rowCount/columnCount free
 * cells for the requests after them.
 */

import { columnToLetter, type GridRef } from './a1';
import { type ChartState, EmbeddedChartImpl } from './charts';
import { BooleanCriteria, ChartType, DataValidationCriteria } from './enums';
import { GAS_ERRORS, GasError } from './errors';
import type { GasFake } from './index';
import { editBlocker, ProtectionImpl } from './protection';
import type { RangeImpl } from './range';
import { type Cell, cutByFrozen, SheetImpl } from './sheet';
import type { SpreadsheetImpl } from './spreadsheet';
import { copyCell, copySheetContents } from './spreadsheet';
import { normalizeColor, type Style } from './style';
import type { FakeResponseSpec } from './urlfetch';
import { ConditionalFormatRuleImpl, DataValidationImpl } from './validation';

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=UTF-8' };

/** An invalid request: answered 400 INVALID_ARGUMENT, nothing applied. */
class Invalid extends Error {}

/** An edit a protection stops the requesting user from making: 400 INVALID_ARGUMENT (GAS_ERRORS.protectedCell). */
class Protected extends Error {}

/** A request that would take the grid above the cell limit: 400 INVALID_ARGUMENT (GAS_ERRORS.apiCellLimit). */
class OverCellLimit extends Error {}

interface GridRange {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

interface Color {
  red?: number;
  green?: number;
  blue?: number;
}

type Json = Record<string, any>;

interface SavedSheet {
  sheet: SheetImpl;
  name: string;
  rows: (Cell | undefined)[][];
  maxRows: number;
  maxCols: number;
  frozenRows: number;
  frozenCols: number;
  hidden: boolean;
  merges: SheetImpl['_merges'];
  protection: SheetImpl['_protection'];
  rangeProtections: SheetImpl['_rangeProtections'];
  /** Range protections' cells (inserting or deleting rows moves them in place). */
  protectionRefs: [ProtectionImpl, GridRef][];
  colWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  cfRules: SheetImpl['_cfRules'];
  /** Each rule's ranges and values (inserting rows or columns replaces them). */
  cfStates: [ConditionalFormatRuleImpl, RangeImpl[], unknown[]][];
  charts: SheetImpl['_charts'];
  borders: SheetImpl['_borders'];
  deleted: boolean;
}

function save(sheet: SheetImpl): SavedSheet {
  return {
    sheet,
    name: sheet._name,
    rows: sheet._rows.map((row) => (row ? row.map(copyCell) : [])),
    maxRows: sheet._maxRows,
    maxCols: sheet._maxCols,
    frozenRows: sheet._frozenRows,
    frozenCols: sheet._frozenCols,
    hidden: sheet._hidden,
    merges: sheet._merges.map((m) => ({ ...m })),
    protection: sheet._protection,
    rangeProtections: [...sheet._rangeProtections],
    protectionRefs: sheet._rangeProtections.flatMap((p): [ProtectionImpl, GridRef][] =>
      p._ref ? [[p, { ...p._ref }]] : [],
    ),
    colWidths: new Map(sheet._colWidths),
    rowHeights: new Map(sheet._rowHeights),
    cfRules: [...sheet._cfRules],
    cfStates: sheet._cfRules.map((r): [ConditionalFormatRuleImpl, RangeImpl[], unknown[]] => [
      r,
      r._s.ranges,
      r._s.values,
    ]),
    charts: [...sheet._charts],
    borders: [...sheet._borders],
    deleted: sheet._deleted,
  };
}

function restore(s: SavedSheet): void {
  const sh = s.sheet;
  sh._name = s.name;
  sh._rows = s.rows;
  sh._maxRows = s.maxRows;
  sh._maxCols = s.maxCols;
  sh._frozenRows = s.frozenRows;
  sh._frozenCols = s.frozenCols;
  sh._hidden = s.hidden;
  sh._merges = s.merges;
  sh._protection = s.protection;
  sh._rangeProtections = s.rangeProtections;
  for (const [p, ref] of s.protectionRefs) if (p._ref) Object.assign(p._ref, ref);
  sh._colWidths = s.colWidths;
  sh._rowHeights = s.rowHeights;
  sh._cfRules = s.cfRules;
  for (const [r, ranges, values] of s.cfStates) {
    r._s.ranges = ranges;
    r._s.values = values;
  }
  sh._charts = s.charts;
  sh._borders = s.borders;
  sh._deleted = s.deleted;
}

function toHex(c: Color | undefined): string | null {
  if (!c) return null;
  const h = (x: number | undefined) =>
    Math.round((x ?? 0) * 255)
      .toString(16)
      .padStart(2, '0');
  return normalizeColor(`#${h(c.red)}${h(c.green)}${h(c.blue)}`);
}

const DEFAULT_PATTERN: Record<string, string> = {
  TEXT: '@',
  NUMBER: '#,##0.00',
  PERCENT: '0.00%',
  CURRENCY: '$#,##0.00',
  DATE: 'M/d/yyyy',
  TIME: 'h:mm:ss am/pm',
  DATE_TIME: 'M/d/yyyy H:mm:ss',
  SCIENTIFIC: '0.00E+00',
};

/** Field mask "a,b(c,d),e.f" → ['a', 'b.c', 'b.d', 'e.f']. */
export function expandFields(mask: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let part = '';
  const parts: string[] = [];
  for (const ch of String(mask ?? '')) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(part.trim());
      part = '';
    } else part += ch;
  }
  if (part.trim()) parts.push(part.trim());
  for (const p of parts) {
    const m = /^([^(]+)\((.*)\)$/.exec(p);
    if (m) for (const sub of expandFields(m[2])) out.push(`${m[1]}.${sub}`);
    else out.push(p);
  }
  return out;
}

/** Does `path` (e.g. 'userEnteredFormat.textFormat.bold') fall under the mask? */
function covered(mask: string[], path: string): boolean {
  return mask.some((m) => m === '*' || path === m || path.startsWith(`${m}.`) || m.startsWith(`${path}.`));
}

function setStyle<K extends keyof Style>(cell: Cell, k: K, v: Style[K] | null): void {
  if (v === null) {
    if (cell.st) delete cell.st[k];
  } else {
    cell.st = cell.st ?? {};
    cell.st[k] = v;
  }
}

/** Apply one CellData to a cell under a field mask (a field in the mask but not in `data` is cleared). */
function applyCell(cell: Cell, data: Json | undefined, mask: string[]): void {
  const d = data ?? {};
  const f: Json = d.userEnteredFormat ?? {};
  if (covered(mask, 'userEnteredValue')) {
    const v: Json | undefined = d.userEnteredValue;
    delete cell.f;
    if (!v) cell.v = '';
    else if (typeof v.formulaValue === 'string') {
      cell.v = '';
      cell.f = v.formulaValue;
    } else if (typeof v.numberValue === 'number') cell.v = v.numberValue;
    else if (typeof v.boolValue === 'boolean') cell.v = v.boolValue;
    else if (typeof v.stringValue === 'string') cell.v = v.stringValue;
    else cell.v = '';
  }
  if (covered(mask, 'userEnteredFormat.numberFormat')) {
    const nf: Json | undefined = f.numberFormat;
    if (nf) cell.fmt = nf.pattern || DEFAULT_PATTERN[nf.type] || cell.fmt;
    else delete cell.fmt;
  }
  if (covered(mask, 'userEnteredFormat.backgroundColor')) setStyle(cell, 'background', toHex(f.backgroundColor));
  const tf: Json = f.textFormat ?? {};
  const text = (sub: string) => covered(mask, `userEnteredFormat.textFormat.${sub}`);
  if (text('bold')) setStyle(cell, 'fontWeight', tf.bold ? 'bold' : null);
  if (text('italic')) setStyle(cell, 'fontStyle', tf.italic ? 'italic' : null);
  if (text('fontSize')) setStyle(cell, 'fontSize', typeof tf.fontSize === 'number' ? tf.fontSize : null);
  if (text('foregroundColor')) setStyle(cell, 'fontColor', toHex(tf.foregroundColor));
  if (covered(mask, 'userEnteredFormat.horizontalAlignment'))
    setStyle(cell, 'horizontalAlignment', f.horizontalAlignment ? String(f.horizontalAlignment).toLowerCase() : null);
  if (covered(mask, 'userEnteredFormat.verticalAlignment'))
    setStyle(cell, 'verticalAlignment', f.verticalAlignment ? String(f.verticalAlignment).toLowerCase() : null);
  if (covered(mask, 'userEnteredFormat.wrapStrategy')) {
    const w = f.wrapStrategy ? String(f.wrapStrategy) : null;
    setStyle(cell, 'wrap', w === 'WRAP' ? true : null);
    setStyle(cell, 'wrapStrategy', w === 'OVERFLOW_CELL' ? null : w);
  }
  // "*" (every field of CellData) also covers the note and the data validation: cleared when not given.
  if (covered(mask, 'note')) {
    if (typeof d.note === 'string' && d.note) cell.note = d.note;
    else delete cell.note;
  }
  if (covered(mask, 'dataValidation')) {
    if (d.dataValidation) throw new Invalid('updateCells: dataValidation in CellData is not emulated');
    delete cell.dv;
  }
}

const DV_CRITERIA: Record<string, string> = {
  NUMBER_GREATER: DataValidationCriteria.NUMBER_GREATER_THAN,
  NUMBER_GREATER_THAN_EQ: DataValidationCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO,
  NUMBER_LESS: DataValidationCriteria.NUMBER_LESS_THAN,
  NUMBER_LESS_THAN_EQ: DataValidationCriteria.NUMBER_LESS_THAN_OR_EQUAL_TO,
  NUMBER_BETWEEN: DataValidationCriteria.NUMBER_BETWEEN,
  CUSTOM_FORMULA: DataValidationCriteria.CUSTOM_FORMULA,
  DATE_IS_VALID: DataValidationCriteria.DATE_IS_VALID_DATE,
  ONE_OF_LIST: DataValidationCriteria.VALUE_IN_LIST,
  BOOLEAN: DataValidationCriteria.CHECKBOX,
};

class Batch {
  private saved = new Map<SheetImpl, SavedSheet>();
  private readonly order: SheetImpl[];
  private readonly active: SheetImpl | null;

  constructor(private readonly ss: SpreadsheetImpl) {
    this.order = [...ss._sheets];
    this.active = ss._activeSheet;
  }

  touch(sheet: SheetImpl): SheetImpl {
    if (!this.saved.has(sheet)) this.saved.set(sheet, save(sheet));
    return sheet;
  }

  rollback(): void {
    for (const s of this.saved.values()) restore(s);
    this.ss._sheets = [...this.order];
    this.ss._activeSheet = this.active;
  }

  sheet(id: unknown, where: string): SheetImpl {
    const s = this.ss._sheets.find((x) => x._id === Number(id));
    if (id === undefined || id === null || !s) throw new Invalid(`${where}: No grid with id: ${id ?? 0}`);
    return this.touch(s);
  }

  /** 1-based inclusive bounds of a GridRange, checked against the grid. */
  bounds(g: GridRange, where: string): { sheet: SheetImpl; r0: number; r1: number; c0: number; c1: number } {
    const sheet = this.sheet(g.sheetId ?? 0, where);
    const r0 = (g.startRowIndex ?? 0) + 1;
    const r1 = g.endRowIndex ?? sheet._maxRows;
    const c0 = (g.startColumnIndex ?? 0) + 1;
    const c1 = g.endColumnIndex ?? sheet._maxCols;
    if (r0 < 1 || c0 < 1 || r1 < r0 - 1 || c1 < c0 - 1) throw new Invalid(`${where}: Invalid range`);
    this.checkGrid(
      sheet,
      r1,
      c1,
      `${where}: Range ('${sheet._name}'!${columnToLetter(c0)}${r0}:${columnToLetter(c1)}${r1})`,
    );
    return { sheet, r0, r1, c0, c1 };
  }

  /** Before an edit of `cells` (null: the sheet itself): refused under a protection the user may not edit. */
  guard(sheet: SheetImpl, cells: GridRef | null): void {
    if (editBlocker(this.ss._ctx, sheet, cells)) throw new Protected();
  }

  /** guard() over bounds(). */
  guardBounds(b: { sheet: SheetImpl; r0: number; r1: number; c0: number; c1: number }): void {
    this.guard(b.sheet, { row: b.r0, col: b.c0, numRows: b.r1 - b.r0 + 1, numCols: b.c1 - b.c0 + 1 });
  }

  checkGrid(sheet: SheetImpl, lastRow: number, lastCol: number, what: string): void {
    if (lastRow > sheet._maxRows || lastCol > sheet._maxCols)
      throw new Invalid(`${what} exceeds grid limits. Max rows: ${sheet._maxRows}, max columns: ${sheet._maxCols}`);
  }

  /**
   * Before a request adds `added` cells to the grid (maxRows × maxColumns over all sheets, as
   * the earlier requests of the batch left it): over the cell limit, the batch fails.
   */
  grow(added: number): void {
    if (added > 0 && this.ss._cellCount() + added > this.ss._ctx.cellLimit) throw new OverCellLimit();
  }

  /** A new sheet, undone by rollback. */
  adopt(sheet: SheetImpl, index: number | undefined): void {
    this.saved.set(sheet, { ...save(sheet), deleted: true });
    const at = index === undefined ? this.ss._sheets.length : Math.max(0, Math.min(index, this.ss._sheets.length));
    this.ss._sheets.splice(at, 0, sheet);
  }

  /** A DimensionRange's sheet and 0-based [start, end) rows or columns, within the grid. */
  dimension(r: Json, where: string): { sheet: SheetImpl; cols: boolean; start: number; end: number; max: number } {
    const sheet = this.sheet(r.sheetId ?? 0, where);
    const cols = r.dimension === 'COLUMNS';
    if (!cols && r.dimension !== 'ROWS') throw new Invalid(`${where}: range.dimension must be ROWS or COLUMNS`);
    const max = cols ? sheet._maxCols : sheet._maxRows;
    const start = Number(r.startIndex ?? 0);
    const end = Number(r.endIndex ?? max);
    if (!(start >= 0) || !(end > start)) throw new Invalid(`${where}: Invalid dimension range: ${start} to ${end}`);
    return { sheet, cols, start, end, max };
  }

  titleTaken(title: string, except?: SheetImpl): boolean {
    return this.ss._sheets.some((s) => s !== except && s._name.toLowerCase() === title.toLowerCase());
  }

  run(kind: string, req: Json, where: string): Json {
    switch (kind) {
      case 'addSheet': {
        const p: Json = req.properties ?? {};
        const title = p.title === undefined ? this.ss._defaultSheetName() : String(p.title);
        if (this.titleTaken(title))
          throw new Invalid(`${where}: A sheet with the name "${title}" already exists. Please enter another name.`);
        if (title.length > 100) throw new Invalid(`${where}: Sheet name cannot be longer than 100 characters.`);
        let id = p.sheetId;
        if (id === undefined) id = this.ss._newSheetId();
        else if (!Number.isInteger(id) || id < 0) throw new Invalid(`${where}: Invalid sheetId: ${id}`);
        if (this.ss._sheets.some((s) => s._id === id))
          throw new Invalid(`${where}: Sheet with id ${id} already exists.`);
        const g: Json = p.gridProperties ?? {};
        const rows = g.rowCount ?? 1000;
        const cols = g.columnCount ?? 26;
        this.grow(rows * cols);
        const sheet = new SheetImpl(this.ss._ctx, this.ss, title, id, rows, cols);
        sheet._frozenRows = g.frozenRowCount ?? 0;
        sheet._frozenCols = g.frozenColumnCount ?? 0;
        sheet._hidden = Boolean(p.hidden);
        this.adopt(sheet, p.index);
        return { addSheet: { properties: sheetProperties(this.ss, sheet) } };
      }
      case 'duplicateSheet': {
        const src = this.sheet(req.sourceSheetId, where);
        const title = req.newSheetName === undefined ? `Copy of ${src._name}` : String(req.newSheetName);
        if (this.titleTaken(title))
          throw new Invalid(`${where}: A sheet with the name "${title}" already exists. Please enter another name.`);
        let id = req.newSheetId;
        if (id === undefined) id = this.ss._newSheetId();
        else if (!Number.isInteger(id) || id < 0) throw new Invalid(`${where}: Invalid sheetId: ${id}`);
        if (this.ss._sheets.some((s) => s._id === id))
          throw new Invalid(`${where}: Sheet with id ${id} already exists.`);
        this.grow(src._maxRows * src._maxCols);
        const sheet = new SheetImpl(this.ss._ctx, this.ss, title, id, src._maxRows, src._maxCols);
        copySheetContents(src, sheet);
        this.adopt(sheet, req.insertSheetIndex ?? this.ss._sheets.indexOf(src) + 1);
        return { duplicateSheet: { properties: sheetProperties(this.ss, sheet) } };
      }
      case 'deleteSheet': {
        const sheet = this.sheet(req.sheetId, where);
        this.guard(sheet, null);
        if (!this.ss._sheets.some((s) => s !== sheet && !s._hidden))
          throw new Invalid(`${where}: You can't remove all the visible sheets in a document.`);
        this.ss._sheets = this.ss._sheets.filter((s) => s !== sheet);
        sheet._deleted = true;
        if (this.ss._activeSheet === sheet) this.ss._activeSheet = this.ss._sheets[0] ?? null;
        // Formulas naming it on the other sheets become #REF! (undone with the batch).
        for (const s of this.ss._sheets) this.touch(s);
        this.ss._renameRefs(sheet._name, null);
        return {};
      }
      case 'updateSheetProperties': {
        const p: Json = req.properties ?? {};
        const sheet = this.sheet(p.sheetId ?? 0, where);
        this.guard(sheet, null);
        const mask = expandFields(req.fields ?? '');
        if (!mask.length) throw new Invalid(`${where}: At least one field must be updated.`);
        const has = (path: string) => covered(mask, path);
        if (has('title') && p.title !== undefined) {
          const title = String(p.title);
          if (this.titleTaken(title, sheet))
            throw new Invalid(`${where}: A sheet with the name "${title}" already exists. Please enter another name.`);
          const old = sheet._name;
          sheet._name = title;
          // Formulas naming it follow the new name (undone with the batch).
          if (old !== title) {
            for (const s of this.ss._sheets) this.touch(s);
            this.ss._renameRefs(old, title);
          }
        }
        const g: Json = p.gridProperties ?? {};
        // Google applies rowCount, checking the cell limit, before columnCount: growing the rows
        // while shrinking the columns fails if the new rows × the old columns are over the limit.
        if (has('gridProperties.rowCount') && g.rowCount !== undefined) {
          if (g.rowCount < 1) throw new Invalid(`${where}: Invalid rowCount`);
          this.grow((g.rowCount - sheet._maxRows) * sheet._maxCols);
          sheet._maxRows = g.rowCount;
          sheet._rows.length = Math.min(sheet._rows.length, g.rowCount);
        }
        if (has('gridProperties.columnCount') && g.columnCount !== undefined) {
          if (g.columnCount < 1) throw new Invalid(`${where}: Invalid columnCount`);
          this.grow((g.columnCount - sheet._maxCols) * sheet._maxRows);
          sheet._maxCols = g.columnCount;
          for (const row of sheet._rows) if (row && row.length > g.columnCount) row.length = g.columnCount;
        }
        if (has('gridProperties.frozenRowCount')) sheet._frozenRows = g.frozenRowCount ?? 0;
        if (has('gridProperties.frozenColumnCount')) sheet._frozenCols = g.frozenColumnCount ?? 0;
        for (const m of sheet._merges)
          if (cutByFrozen(m.row, m.numRows, sheet._frozenRows) || cutByFrozen(m.col, m.numCols, sheet._frozenCols))
            throw new Invalid(
              `${where}: ${GAS_ERRORS.mergeAcrossFrozen(cutByFrozen(m.row, m.numRows, sheet._frozenRows) ? 'rows' : 'columns')}`,
            );
        // Checked on the result (a grid shrunk under its frozen rows is refused as well).
        if (sheet._frozenRows >= sheet._maxRows)
          throw new Invalid(`${where}: You can't freeze all visible rows on the sheet.`);
        if (sheet._frozenCols >= sheet._maxCols)
          throw new Invalid(`${where}: You can't freeze all visible columns on the sheet.`);
        if (has('hidden')) sheet._hidden = Boolean(p.hidden);
        if (has('index') && p.index !== undefined) {
          // Google counts the target "before the move": moving right, the sheet lands one earlier.
          const from = this.ss._sheets.indexOf(sheet);
          const rest = this.ss._sheets.filter((s) => s !== sheet);
          const to = p.index > from ? p.index - 1 : p.index;
          rest.splice(Math.max(0, Math.min(to, rest.length)), 0, sheet);
          this.ss._sheets = rest;
        }
        return {};
      }
      case 'updateCells': {
        const mask = expandFields(req.fields ?? '');
        if (!mask.length) throw new Invalid(`${where}: At least one field must be updated.`);
        const rows: Json[] = req.rows ?? [];
        if (req.start) {
          const sheet = this.sheet(req.start.sheetId ?? 0, where);
          const r0 = (req.start.rowIndex ?? 0) + 1;
          const c0 = (req.start.columnIndex ?? 0) + 1;
          const width = Math.max(0, ...rows.map((r) => (r.values ?? []).length));
          const lastRow = r0 + rows.length - 1;
          const lastCol = c0 + width - 1;
          this.checkGrid(
            sheet,
            lastRow,
            lastCol,
            `${where}: Range ('${sheet._name}'!${columnToLetter(c0)}${r0}:${columnToLetter(lastCol)}${lastRow})`,
          );
          if (rows.length && width) this.guard(sheet, { row: r0, col: c0, numRows: rows.length, numCols: width });
          rows.forEach((row, i) => {
            (row.values ?? []).forEach((cd: Json, j: number) => {
              this.checkText(cd, where);
              applyCell(sheet._cellW(r0 + i, c0 + j), cd, mask);
            });
          });
        } else {
          const b = this.bounds(req.range ?? {}, where);
          this.guardBounds(b);
          // Borders are recorded per setBorder call (not per cell): those inside a range whose
          // borders are cleared go.
          if (covered(mask, 'userEnteredFormat.borders') && !rows.length)
            b.sheet._borders = b.sheet._borders.filter(
              (x) =>
                !(
                  x.ref.row >= b.r0 &&
                  x.ref.col >= b.c0 &&
                  x.ref.row + x.ref.numRows - 1 <= b.r1 &&
                  x.ref.col + x.ref.numCols - 1 <= b.c1
                ),
            );
          for (let r = b.r0; r <= b.r1; r++) {
            const row: Json[] = rows[r - b.r0]?.values ?? [];
            for (let c = b.c0; c <= b.c1; c++) {
              const cd = row[c - b.c0];
              this.checkText(cd, where);
              if (!cd && !b.sheet._cell(r, c)) continue;
              applyCell(b.sheet._cellW(r, c), cd, mask);
            }
          }
        }
        return {};
      }
      case 'repeatCell': {
        const mask = expandFields(req.fields ?? '');
        const b = this.bounds(req.range ?? {}, where);
        this.guardBounds(b);
        this.checkText(req.cell, where);
        for (let r = b.r0; r <= b.r1; r++)
          for (let c = b.c0; c <= b.c1; c++) applyCell(b.sheet._cellW(r, c), req.cell, mask);
        return {};
      }
      case 'updateBorders': {
        const b = this.bounds(req.range ?? {}, where);
        this.guardBounds(b);
        const on = (x: unknown) => Boolean(x && (x as Json).style && (x as Json).style !== 'NONE');
        b.sheet._borders.push({
          ref: { row: b.r0, col: b.c0, numRows: b.r1 - b.r0 + 1, numCols: b.c1 - b.c0 + 1 },
          args: [
            on(req.top),
            on(req.left),
            on(req.bottom),
            on(req.right),
            on(req.innerVertical),
            on(req.innerHorizontal),
          ],
        });
        return {};
      }
      case 'mergeCells': {
        const b = this.bounds(req.range ?? {}, where);
        this.guardBounds(b);
        if ((req.mergeType ?? 'MERGE_ALL') !== 'MERGE_ALL') throw new Invalid(`${where}: only MERGE_ALL is emulated`);
        const ref = { row: b.r0, col: b.c0, numRows: b.r1 - b.r0 + 1, numCols: b.c1 - b.c0 + 1 };
        try {
          b.sheet._range(ref).merge();
        } catch (e) {
          throw new Invalid(`${where}: ${(e as Error).message}`);
        }
        return {};
      }
      case 'updateDimensionProperties': {
        const r: Json = req.range ?? {};
        const sheet = this.sheet(r.sheetId ?? 0, where);
        const cols = r.dimension === 'COLUMNS';
        const max = cols ? sheet._maxCols : sheet._maxRows;
        const start = r.startIndex ?? 0;
        const end = r.endIndex ?? max;
        if (end > max) throw new Invalid(`${where}: Invalid dimension range: end index ${end} > ${max}`);
        const px = req.properties?.pixelSize;
        if (covered(expandFields(req.fields ?? ''), 'pixelSize') && typeof px === 'number')
          for (let i = start + 1; i <= end; i++) (cols ? sheet._colWidths : sheet._rowHeights).set(i, px);
        return {};
      }
      case 'appendDimension': {
        const sheet = this.sheet(req.sheetId ?? 0, where);
        this.guard(sheet, null);
        const n = Number(req.length);
        if (!(n >= 1)) throw new Invalid(`${where}: length must be at least 1`);
        const cols = req.dimension === 'COLUMNS';
        this.grow(n * (cols ? sheet._maxRows : sheet._maxCols));
        if (cols) sheet._maxCols += n;
        else sheet._maxRows += n;
        return {};
      }
      case 'insertDimension': {
        const d = this.dimension(req.range ?? {}, where);
        this.guard(d.sheet, null);
        if (d.start > d.max)
          throw new Invalid(`${where}: range.startIndex is larger than current grid size (${d.max})`);
        if (d.start === d.max && !req.inheritFromBefore)
          throw new Invalid(
            `${where}: range.startIndex must be less than the grid size (${d.max}) if inheritFromBefore is false.`,
          );
        const n = d.end - d.start;
        this.grow(n * (d.cols ? d.sheet._maxRows : d.sheet._maxCols));
        // Formulas on every sheet that refer to the moved cells follow them (shift.ts).
        for (const s of this.ss._sheets) this.touch(s);
        if (d.cols) d.sheet._insertColsAt(d.start + 1, n);
        else d.sheet._insertRowsAt(d.start + 1, n);
        return {};
      }
      case 'deleteDimension': {
        const d = this.dimension(req.range ?? {}, where);
        const n = d.end - d.start;
        this.guard(
          d.sheet,
          d.cols
            ? { row: 1, col: d.start + 1, numRows: d.sheet._maxRows, numCols: n }
            : { row: d.start + 1, col: 1, numRows: n, numCols: d.sheet._maxCols },
        );
        if (d.end > d.max) throw new Invalid(`${where}: Invalid dimension range: end index ${d.end} > ${d.max}`);
        const what = d.cols ? 'columns' : 'rows';
        if (d.end - d.start === d.max) throw new Invalid(`${where}: You can't delete all the ${what} on the sheet.`);
        try {
          if (d.cols) d.sheet.deleteColumns(d.start + 1, d.end - d.start);
          else d.sheet.deleteRows(d.start + 1, d.end - d.start);
        } catch (e) {
          if (!(e instanceof GasError)) throw e;
          throw new Invalid(`${where}: You can't delete all non-frozen ${what}.`);
        }
        return {};
      }
      case 'setDataValidation': {
        const b = this.bounds(req.range ?? {}, where);
        this.guardBounds(b);
        const rule: Json | undefined = req.rule;
        let dv: DataValidationImpl | undefined;
        if (rule) {
          const type = rule.condition?.type;
          const criteria = DV_CRITERIA[type];
          if (!criteria) throw new Invalid(`${where}: unsupported condition type ${type}`);
          const values = (rule.condition?.values ?? []).map((v: Json) => {
            const raw = v.userEnteredValue;
            return criteria === DataValidationCriteria.CUSTOM_FORMULA || Number.isNaN(Number(raw)) ? raw : Number(raw);
          });
          dv = new DataValidationImpl(this.ss._ctx.rt, {
            criteria,
            values,
            allowInvalid: !rule.strict,
            helpText: rule.inputMessage ?? null,
          });
        }
        for (let r = b.r0; r <= b.r1; r++)
          for (let c = b.c0; c <= b.c1; c++) {
            const cell = b.sheet._cellW(r, c);
            if (dv) cell.dv = dv;
            else delete cell.dv;
          }
        return {};
      }
      case 'addConditionalFormatRule': {
        const rule: Json = req.rule ?? {};
        const ranges: GridRange[] = rule.ranges ?? [];
        if (!ranges.length) throw new Invalid(`${where}: At least one range is required.`);
        const bs = ranges.map((g) => this.bounds(g, where));
        const sheet = bs[0].sheet;
        if (bs.some((b) => b.sheet !== sheet)) throw new Invalid(`${where}: All ranges must be on the same sheet.`);
        const cond: Json = rule.booleanRule?.condition ?? {};
        if (cond.type !== 'CUSTOM_FORMULA') throw new Invalid(`${where}: unsupported condition type ${cond.type}`);
        const fmt: Json = rule.booleanRule?.format ?? {};
        const cf = new ConditionalFormatRuleImpl(this.ss._ctx.rt, {
          gradient: null,
          criteria: BooleanCriteria.CUSTOM_FORMULA,
          values: (cond.values ?? []).map((v: Json) => v.userEnteredValue),
          background: toHex(fmt.backgroundColor),
          fontColor: toHex(fmt.textFormat?.foregroundColor),
          bold: fmt.textFormat?.bold ?? null,
          italic: fmt.textFormat?.italic ?? null,
          strikethrough: null,
          underline: null,
          ranges: bs.map((b) =>
            b.sheet._range({ row: b.r0, col: b.c0, numRows: b.r1 - b.r0 + 1, numCols: b.c1 - b.c0 + 1 }),
          ),
        });
        const at = Math.max(0, Math.min(req.index ?? sheet._cfRules.length, sheet._cfRules.length));
        sheet._cfRules.splice(at, 0, cf);
        return {};
      }
      case 'addChart': {
        const chart: Json = req.chart ?? {};
        const anchor: Json = chart.position?.overlayPosition?.anchorCell ?? {};
        const sheet = this.sheet(anchor.sheetId ?? 0, where);
        const basic: Json = chart.spec?.basicChart ?? {};
        const sources: GridRange[] = [
          ...(basic.domains ?? []).flatMap((d: Json) => d.domain?.sourceRange?.sources ?? []),
          ...(basic.series ?? []).flatMap((s: Json) => s.series?.sourceRange?.sources ?? []),
        ];
        const ranges = sources.map((g) => {
          const b = this.bounds(g, where);
          return b.sheet._range({ row: b.r0, col: b.c0, numRows: b.r1 - b.r0 + 1, numCols: b.c1 - b.c0 + 1 });
        });
        const state: ChartState = {
          id: this.ss._ctx.next('chart'),
          type: ChartType[(basic.chartType ?? 'COLUMN') as keyof typeof ChartType] ?? ChartType.COLUMN,
          ranges,
          options: chart.spec?.title ? { title: chart.spec.title } : {},
          position: {
            anchorRow: (anchor.rowIndex ?? 0) + 1,
            anchorColumn: (anchor.columnIndex ?? 0) + 1,
            offsetX: 0,
            offsetY: 0,
          },
          numHeaders: basic.headerCount ?? 0,
          transpose: false,
          mergeStrategy: null,
          hiddenDimensionStrategy: null,
        };
        sheet._charts.push(new EmbeddedChartImpl(this.ss._ctx, sheet, state));
        return { addChart: { chart: { chartId: state.id } } };
      }
      case 'addProtectedRange': {
        const pr: Json = req.protectedRange ?? {};
        const g: GridRange = pr.range ?? {};
        const whole =
          g.startRowIndex === undefined &&
          g.endRowIndex === undefined &&
          g.startColumnIndex === undefined &&
          g.endColumnIndex === undefined;
        let p: ProtectionImpl;
        if (whole) {
          const sheet = this.sheet(g.sheetId ?? 0, where);
          if (sheet._protection) throw new Invalid(`${where}: The sheet is already protected.`);
          p = new ProtectionImpl(this.ss._ctx, sheet, 'SHEET', null);
          sheet._protection = p;
        } else {
          const b = this.bounds(g, where);
          p = new ProtectionImpl(this.ss._ctx, b.sheet, 'RANGE', {
            row: b.r0,
            col: b.c0,
            numRows: b.r1 - b.r0 + 1,
            numCols: b.c1 - b.c0 + 1,
          });
          b.sheet._rangeProtections.push(p);
        }
        if (pr.warningOnly && pr.editors) throw new Invalid(`${where}: A warning-only protection cannot have editors.`);
        p._description = String(pr.description ?? '');
        p._warningOnly = Boolean(pr.warningOnly);
        // The API's protections have their editors from the start (the owner and the requester).
        p._mirror = false;
        if (pr.editors?.users) for (const u of pr.editors.users) p.addEditor(String(u));
        return { addProtectedRange: { protectedRange: { protectedRangeId: p._id } } };
      }
      case 'deleteProtectedRange': {
        const id = Number(req.protectedRangeId);
        for (const sheet of this.ss._sheets) {
          if (sheet._protection?._id === id) {
            this.touch(sheet)._protection = null;
            return {};
          }
          if (sheet._rangeProtections.some((p) => p._id === id)) {
            this.touch(sheet)._rangeProtections = sheet._rangeProtections.filter((p) => p._id !== id);
            return {};
          }
        }
        throw new Invalid(`${where}: No protected range with id: ${req.protectedRangeId ?? 0}`);
      }
      case 'deleteEmbeddedObject': {
        const id = Number(req.objectId);
        for (const sheet of this.ss._sheets) {
          if (sheet._charts.some((c) => c._s.id === id)) {
            this.touch(sheet)._charts = sheet._charts.filter((c) => c._s.id !== id);
            return {};
          }
        }
        throw new Invalid(`${where}: No embedded object with id: ${req.objectId ?? 0}`);
      }
      case 'deleteConditionalFormatRule': {
        const sheet = this.sheet(req.sheetId ?? 0, where);
        const index = Number(req.index ?? 0);
        if (!Number.isInteger(index) || index < 0 || index >= sheet._cfRules.length)
          throw new Invalid(`${where}: No conditional format on sheet: ${sheet._id} at index: ${index}`);
        sheet._cfRules = sheet._cfRules.filter((_, i) => i !== index);
        return {};
      }
      case 'unmergeCells': {
        const b = this.bounds(req.range ?? {}, where);
        this.guardBounds(b);
        const ref = { row: b.r0, col: b.c0, numRows: b.r1 - b.r0 + 1, numCols: b.c1 - b.c0 + 1 };
        // "The range must not partially span any merge."
        try {
          b.sheet._range(ref).breakApart();
        } catch (e) {
          throw new Invalid(`${where}: ${(e as Error).message}`);
        }
        return {};
      }
      default:
        throw new Invalid(`Invalid JSON payload received. Unknown name "${kind}" at 'requests[${where}]'`);
    }
  }

  checkText(cd: Json | undefined, where: string): void {
    const s = cd?.userEnteredValue?.stringValue;
    if (typeof s === 'string' && s.length > 50000)
      throw new Invalid(`${where}: Your input contains more than the maximum of 50000 characters in a single cell.`);
  }
}

/** A sheet's SheetProperties as the API gives them (spreadsheets.get, and the addSheet reply). */
export function sheetProperties(ss: SpreadsheetImpl, sheet: SheetImpl): Json {
  return {
    sheetId: sheet._id,
    title: sheet._name,
    index: ss._sheets.indexOf(sheet),
    sheetType: 'GRID',
    gridProperties: {
      rowCount: sheet._maxRows,
      columnCount: sheet._maxCols,
      ...(sheet._frozenRows ? { frozenRowCount: sheet._frozenRows } : {}),
      ...(sheet._frozenCols ? { frozenColumnCount: sheet._frozenCols } : {}),
    },
    ...(sheet._hidden ? { hidden: true } : {}),
  };
}

function apiError(code: number, message: string, status: string): FakeResponseSpec {
  return { status: code, body: { error: { code, message, status } }, headers: JSON_HEADERS };
}

/** The HTTP response Google gives for POST …/{id}:batchUpdate with `body` (parsed JSON or its text). */
export function applyBatchUpdate(fake: GasFake, spreadsheetId: string, body: unknown): FakeResponseSpec {
  const api = fake.getSpreadsheetById(spreadsheetId);
  if (!api) return apiError(404, 'Requested entity was not found.', 'NOT_FOUND');
  const ss = fake.impl<SpreadsheetImpl>(api);
  let parsed: Json;
  try {
    parsed = (typeof body === 'string' ? JSON.parse(body) : body) as Json;
  } catch {
    return apiError(400, 'Invalid JSON payload received.', 'INVALID_ARGUMENT');
  }
  const requests: Json[] = Array.isArray(parsed?.requests) ? parsed.requests : [];
  if (!requests.length) return apiError(400, 'Must specify at least one request.', 'INVALID_ARGUMENT');
  const batch = new Batch(ss);
  const replies: Json[] = [];
  for (let i = 0; i < requests.length; i++) {
    const req = requests[i] ?? {};
    const kinds = Object.keys(req);
    const kind = kinds[0] ?? '';
    const where = `Invalid requests[${i}].${kind}`;
    try {
      if (kinds.length !== 1) throw new Invalid(`Invalid requests[${i}]: exactly one kind of request is required`);
      fake.faults.check(`SheetsApi.${kind}`, [req[kind], i]);
      replies.push(batch.run(kind, req[kind] ?? {}, where));
    } catch (e) {
      batch.rollback();
      if (e instanceof Invalid) return apiError(400, e.message, 'INVALID_ARGUMENT');
      if (e instanceof Protected) return apiError(400, GAS_ERRORS.protectedCell, 'INVALID_ARGUMENT');
      if (e instanceof OverCellLimit)
        return apiError(400, GAS_ERRORS.apiCellLimit(i, kind, ss._ctx.cellLimit), 'INVALID_ARGUMENT');
      const status = typeof (e as { status?: unknown }).status === 'number' ? (e as { status: number }).status : 500;
      return apiError(status, (e as Error).message, status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL');
    }
  }
  return { status: 200, body: { spreadsheetId, replies }, headers: JSON_HEADERS };
}
