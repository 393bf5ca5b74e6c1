/** Sheet: the grid of cells and everything attached to a tab. */
import { type GridRef, parseA1, splitSheetPrefix } from './a1';
import { type ChartState, EmbeddedChartBuilderImpl, type EmbeddedChartImpl } from './charts';
import type { FakeContext } from './context';
import { BooleanCriteria, ProtectionType, SheetType } from './enums';
import { GAS_ERRORS, GasError } from './errors';
import { evaluateFormula, FormulaError } from './formula';
import { assertEditable, ProtectionImpl } from './protection';
import { RangeImpl } from './range';
import { GasObject } from './runtime';
import { type Insertion, shiftFormula } from './shift';
import type { SpreadsheetImpl } from './spreadsheet';
import { normalizeColor, type Style } from './style';
import { dateToSerial } from './timefmt';
import type { ConditionalFormatRuleImpl, DataValidationImpl } from './validation';
import { autoDateFormat, type CellValue, displayOf, GENERAL_FORMAT, isDate, readValue, type Stored } from './values';

export interface Cell {
  /** Stored value ('' when empty or when the cell holds a formula). */
  v: CellValue;
  /** Formula text, including the leading '='. */
  f?: string;
  /** Number format; undefined means never set (reported as GENERAL_FORMAT). */
  fmt?: string;
  note?: string;
  dv?: DataValidationImpl;
  st?: Partial<Style>;
}

export function describeTypes(args: unknown[]): string {
  const one = (x: unknown): string => {
    if (x === null) return 'null';
    if (x === undefined) return 'undefined';
    if (Array.isArray(x)) return x.length ? `${one(x[0])}[]` : 'Object[]';
    if (typeof x === 'number') return 'number';
    if (typeof x === 'string') return 'String';
    if (typeof x === 'boolean') return 'Boolean';
    if (isDate(x)) return 'Date';
    return 'Object';
  };
  return args.map(one).join(',');
}

export class SheetImpl extends GasObject {
  _rows: (Cell | undefined)[][] = [];
  _frozenRows = 0;
  _frozenCols = 0;
  _hidden = false;
  _tabColor: string | null = null;
  _colWidths = new Map<number, number>();
  _rowHeights = new Map<number, number>();
  _hiddenRows = new Set<number>();
  _hiddenCols = new Set<number>();
  _merges: GridRef[] = [];
  _protection: ProtectionImpl | null = null;
  _rangeProtections: ProtectionImpl[] = [];
  _charts: EmbeddedChartImpl[] = [];
  _cfRules: ConditionalFormatRuleImpl[] = [];
  /** setBorder calls, recorded as given (the fake does not model individual borders). */
  _borders: { ref: GridRef; args: unknown[] }[] = [];
  _deleted = false;

  constructor(
    readonly _ctx: FakeContext,
    readonly _ss: SpreadsheetImpl,
    public _name: string,
    readonly _id: number,
    public _maxRows = 1000,
    public _maxCols = 26,
  ) {
    super(_ctx.rt, 'Sheet');
  }

  // ------------------------------------------------------------ internals

  _cell(r: number, c: number): Cell | undefined {
    const row = this._rows[r - 1];
    return row ? row[c - 1] : undefined;
  }

  _cellW(r: number, c: number): Cell {
    let row = this._rows[r - 1];
    if (!row) {
      while (this._rows.length < r) this._rows.push([]);
      row = this._rows[r - 1];
    }
    let cell = row[c - 1];
    if (!cell) {
      cell = { v: '' };
      row[c - 1] = cell;
    }
    return cell;
  }

  static _hasContent(cell: Cell | undefined): boolean {
    return cell !== undefined && (cell.f !== undefined || cell.v !== '');
  }

  _lastRow(): number {
    for (let r = Math.min(this._rows.length, this._maxRows); r >= 1; r--) {
      const row = this._rows[r - 1];
      if (row?.some((c) => SheetImpl._hasContent(c))) return r;
    }
    return 0;
  }

  _lastCol(): number {
    let last = 0;
    for (const row of this._rows) {
      if (!row) continue;
      for (let c = Math.min(row.length, this._maxCols); c > last; c--) {
        if (SheetImpl._hasContent(row[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** Stored or computed value, before number-format interpretation. */
  _computed(r: number, c: number): CellValue {
    const cell = this._cell(r, c);
    if (!cell) return '';
    if (cell.f === undefined) return cell.v;
    const key = `${this._id}:${r}:${c}`;
    const stack = this._ss._evalStack;
    if (stack.has(key)) throw new FormulaError('#REF!');
    stack.add(key);
    try {
      const res = evaluateFormula(cell.f, {
        cell: (sheetName, rr, cc) => {
          const sh = sheetName === undefined ? this : this._ss._sheetByName(sheetName);
          if (!sh || rr > sh._maxRows || cc > sh._maxCols) throw new FormulaError('#REF!');
          return sh._computed(rr, cc);
        },
        toSerial: (d) => dateToSerial(d, this._ss._tz),
      });
      return res === undefined ? '' : res;
    } finally {
      stack.delete(key);
    }
  }

  /** What getValues reports for one cell. */
  _value(r: number, c: number): CellValue {
    const cell = this._cell(r, c);
    if (!cell) return '';
    return readValue(this._computed(r, c), cell.fmt, this._ss._tz);
  }

  _display(r: number, c: number): string {
    const cell = this._cell(r, c);
    if (!cell) return '';
    return displayOf(this._computed(r, c), cell.fmt, this._ss._tz, this._ss._locale);
  }

  _write(r: number, c: number, stored: Stored): void {
    const cell = this._cellW(r, c);
    cell.v = stored.v;
    if (stored.f !== undefined) cell.f = stored.f;
    else delete cell.f;
    if (isDate(stored.v) && (cell.fmt === undefined || cell.fmt === GENERAL_FORMAT))
      cell.fmt = autoDateFormat(stored.v, this._ss._tz, this._ss._locale);
  }

  _checkGrid(ref: GridRef): void {
    if (ref.row + ref.numRows - 1 > this._maxRows || ref.col + ref.numCols - 1 > this._maxCols)
      throw new GasError(GAS_ERRORS.outsideDimensions);
  }

  _range(ref: GridRef): RangeImpl {
    return new RangeImpl(this._ctx, this, { ...ref });
  }

  _fullRange(): RangeImpl {
    return this._range({ row: 1, col: 1, numRows: this._maxRows, numCols: this._maxCols });
  }

  _removeProtection(p: ProtectionImpl): void {
    if (this._protection === p) this._protection = null;
    this._rangeProtections = this._rangeProtections.filter((x) => x !== p);
  }

  _refs(): GridRef[] {
    return [...this._merges, ...this._rangeProtections.map((p) => p._ref).filter((r): r is GridRef => r !== null)];
  }

  private _coerceInt(x: unknown, args: unknown[], method: string): number {
    const n = typeof x === 'number' ? x : Number.NaN;
    if (!Number.isFinite(n))
      throw new GasError(GAS_ERRORS.signature(describeTypes(args), `SpreadsheetApp.Sheet.${method}`));
    return Math.trunc(n);
  }

  // ------------------------------------------------------------ identity

  getName() {
    return this._name;
  }
  getSheetName() {
    return this._name;
  }
  setName(name: string) {
    const n = String(name);
    const clash = this._ss._sheets.find((s) => s !== this && s._name.toLowerCase() === n.toLowerCase());
    if (clash) throw new GasError(GAS_ERRORS.duplicateSheet(n));
    const old = this._name;
    this._name = n;
    if (old !== n) this._ss._renameRefs(old, n);
    return this;
  }
  getSheetId() {
    return this._id;
  }
  getIndex() {
    return this._ss._sheets.indexOf(this) + 1;
  }
  getParent() {
    return this._ss;
  }
  getType() {
    return SheetType.GRID;
  }
  getFormUrl() {
    return null;
  }
  activate() {
    this._ss._activeSheet = this;
    this._ss._activeRange = null;
    return this;
  }
  setTabColor(color: string | null) {
    this._tabColor = color === null ? null : normalizeColor(color);
    return this;
  }
  getTabColor() {
    return this._tabColor;
  }
  hideSheet() {
    this._hidden = true;
    return this;
  }
  showSheet() {
    this._hidden = false;
    return this;
  }
  isSheetHidden() {
    return this._hidden;
  }

  // ------------------------------------------------------------ ranges

  /**
   * getRange(a1) | getRange(row, column) | getRange(row, column, numRows) |
   * getRange(row, column, numRows, numColumns). Throws Google's messages for bad
   * coordinates; ranges must lie inside the grid (getMaxRows × getMaxColumns).
   */
  getRange(...args: unknown[]) {
    if (args.length === 1 && typeof args[0] === 'string') {
      const { sheetName, ref } = splitSheetPrefix(args[0]);
      const target = sheetName === undefined ? this : this._ss._sheetByName(sheetName);
      if (!target) throw new GasError(GAS_ERRORS.rangeNotFound);
      const g = parseA1(ref, target._maxRows, target._maxCols);
      target._checkGrid(g);
      return target._range(g);
    }
    if (args.length < 2 || args.length > 4)
      throw new GasError(GAS_ERRORS.signature(describeTypes(args), 'SpreadsheetApp.Sheet.getRange'));
    const row = this._coerceInt(args[0], args, 'getRange');
    const col = this._coerceInt(args[1], args, 'getRange');
    const numRows = args.length >= 3 ? this._coerceInt(args[2], args, 'getRange') : 1;
    const numCols = args.length >= 4 ? this._coerceInt(args[3], args, 'getRange') : 1;
    if (row < 1) throw new GasError(GAS_ERRORS.startRowTooSmall);
    if (col < 1) throw new GasError(GAS_ERRORS.startColumnTooSmall);
    if (numRows < 1) throw new GasError(GAS_ERRORS.numRowsTooSmall);
    if (numCols < 1) throw new GasError(GAS_ERRORS.numColumnsTooSmall);
    const g = { row, col, numRows, numCols };
    this._checkGrid(g);
    return this._range(g);
  }

  getRangeList(a1s: string[]) {
    return a1s.map((a) => this.getRange(a));
  }

  /** A1 to the last row/column with content; A1 alone on an empty sheet. */
  getDataRange() {
    return this._range({
      row: 1,
      col: 1,
      numRows: Math.max(1, this._lastRow()),
      numCols: Math.max(1, this._lastCol()),
    });
  }

  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number) {
    const nr = numRows === -1 ? Math.max(1, this._lastRow() - startRow + 1) : numRows;
    const nc = numColumns === -1 ? Math.max(1, this._lastCol() - startColumn + 1) : numColumns;
    return this.getRange(startRow, startColumn, nr, nc).getValues();
  }

  getActiveRange() {
    const r = this._ss._activeRange;
    return r && r._sheet === this ? r : this._range({ row: 1, col: 1, numRows: 1, numCols: 1 });
  }
  getActiveCell() {
    const r = this.getActiveRange();
    return this._range({ row: r._ref.row, col: r._ref.col, numRows: 1, numCols: 1 });
  }
  getCurrentCell() {
    return this.getActiveCell();
  }
  setActiveRange(range: RangeImpl) {
    this._ss._activeSheet = this;
    this._ss._activeRange = range;
    return range;
  }
  setActiveSelection(a1OrRange: string | RangeImpl) {
    const r = typeof a1OrRange === 'string' ? this.getRange(a1OrRange) : a1OrRange;
    return this.setActiveRange(r);
  }

  getLastRow() {
    return this._lastRow();
  }
  getLastColumn() {
    return this._lastCol();
  }
  getMaxRows() {
    return this._maxRows;
  }
  getMaxColumns() {
    return this._maxCols;
  }

  // ------------------------------------------------------------ rows and columns

  /** Appends after the last row with content, growing the grid when needed. */
  appendRow(rowContents: unknown[]) {
    if (!Array.isArray(rowContents))
      throw new GasError(GAS_ERRORS.signature(describeTypes([rowContents]), 'SpreadsheetApp.Sheet.appendRow'));
    const r = this._lastRow() + 1;
    const rows = Math.max(this._maxRows, r);
    const cols = Math.max(this._maxCols, rowContents.length);
    this._ss._checkCellLimit(rows * cols - this._maxRows * this._maxCols);
    this._maxRows = rows;
    this._maxCols = cols;
    this._range({ row: r, col: 1, numRows: 1, numCols: Math.max(1, rowContents.length) })._writeGrid(
      [rowContents.length ? rowContents : ['']],
      'appendRow',
    );
    return this;
  }

  /** Inserts n empty rows before row `at` (1-based; maxRows + 1 appends). Checks the cell limit first. */
  _insertRowsAt(at: number, n: number): void {
    if (n < 1) return;
    this._ss._checkCellLimit(n * this._maxCols);
    if (at - 1 < this._rows.length) {
      const blank: (Cell | undefined)[][] = [];
      for (let i = 0; i < n; i++) blank.push([]);
      this._rows.splice(at - 1, 0, ...blank);
    }
    this._maxRows += n;
    for (const g of this._refs()) {
      if (g.row >= at) g.row += n;
      else if (g.row + g.numRows - 1 >= at) g.numRows += n;
    }
    this._shiftReferences({ sheet: this._name, dim: 'row', at, count: n });
  }

  /** Inserts n empty columns before column `at` (1-based; maxColumns + 1 appends). Checks the cell limit first. */
  _insertColsAt(at: number, n: number): void {
    if (n < 1) return;
    this._ss._checkCellLimit(n * this._maxRows);
    for (const row of this._rows) {
      if (row && at - 1 < row.length) row.splice(at - 1, 0, ...new Array<Cell | undefined>(n).fill(undefined));
    }
    this._maxCols += n;
    for (const g of this._refs()) {
      if (g.col >= at) g.col += n;
      else if (g.col + g.numCols - 1 >= at) g.numCols += n;
    }
    this._shiftReferences({ sheet: this._name, dim: 'col', at, count: n });
  }

  /**
   * After inserting rows or columns: formulas on every sheet of the spreadsheet that refer to
   * this one, and this sheet's conditional formats (ranges and custom formulas), follow the
   * cells they referred to, as in Sheets (shift.ts).
   */
  private _shiftReferences(ins: Insertion): void {
    for (const sh of this._ss._sheets)
      for (const row of sh._rows) {
        if (!row) continue;
        for (const cell of row) if (cell?.f !== undefined) cell.f = shiftFormula(cell.f, sh._name, ins);
      }
    const move = (g: GridRef): GridRef => {
      const [start, size] = ins.dim === 'row' ? [g.row, g.numRows] : [g.col, g.numCols];
      let [s, n] = [start, size];
      if (start >= ins.at) s += ins.count;
      else if (start + size - 1 >= ins.at) n += ins.count;
      return ins.dim === 'row' ? { ...g, row: s, numRows: n } : { ...g, col: s, numCols: n };
    };
    for (const rule of this._cfRules) {
      const st = rule._s;
      // New Range objects: a Range the script still holds keeps its own coordinates.
      st.ranges = st.ranges.map((r) => (r._sheet === this ? this._range(move(r._ref)) : r));
      if (st.criteria === BooleanCriteria.CUSTOM_FORMULA && typeof st.values[0] === 'string')
        st.values = [shiftFormula(st.values[0], this._name, ins), ...st.values.slice(1)];
    }
  }

  insertRows(rowIndex: number, numRows = 1) {
    if (rowIndex < 1 || rowIndex > this._maxRows) throw new GasError(GAS_ERRORS.rowsOutOfBounds);
    this._insertRowsAt(rowIndex, numRows);
  }
  insertRowsBefore(beforePosition: number, howMany: number) {
    this.insertRows(beforePosition, howMany);
    return this;
  }
  insertRowsAfter(afterPosition: number, howMany: number) {
    if (afterPosition < 1 || afterPosition > this._maxRows) throw new GasError(GAS_ERRORS.rowsOutOfBounds);
    this._insertRowsAt(afterPosition + 1, howMany);
    return this;
  }
  insertRowBefore(beforePosition: number) {
    return this.insertRowsBefore(beforePosition, 1);
  }
  insertRowAfter(afterPosition: number) {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertColumns(columnIndex: number, numColumns = 1) {
    if (columnIndex < 1 || columnIndex > this._maxCols) throw new GasError(GAS_ERRORS.columnsOutOfBounds);
    this._insertColsAt(columnIndex, numColumns);
  }
  insertColumnsBefore(beforePosition: number, howMany: number) {
    this.insertColumns(beforePosition, howMany);
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number) {
    if (afterPosition < 1 || afterPosition > this._maxCols) throw new GasError(GAS_ERRORS.columnsOutOfBounds);
    this._insertColsAt(afterPosition + 1, howMany);
    return this;
  }
  insertColumnBefore(beforePosition: number) {
    return this.insertColumnsBefore(beforePosition, 1);
  }
  insertColumnAfter(afterPosition: number) {
    return this.insertColumnsAfter(afterPosition, 1);
  }

  /** Merges and range protections touching deleted rows are dropped; those below move up. */
  deleteRows(rowPosition: number, howMany = 1) {
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this._maxRows)
      throw new GasError(GAS_ERRORS.rowsOutOfBounds);
    if (this._maxRows - howMany <= this._frozenRows) throw new GasError(GAS_ERRORS.deleteAllRows);
    this._rows.splice(rowPosition - 1, howMany);
    this._maxRows -= howMany;
    const end = rowPosition + howMany - 1;
    const hit = (g: GridRef) => g.row <= end && g.row + g.numRows - 1 >= rowPosition;
    this._merges = this._merges.filter((g) => !hit(g));
    this._rangeProtections = this._rangeProtections.filter((p) => !(p._ref && hit(p._ref)));
    for (const g of this._refs()) if (g.row > end) g.row -= howMany;
  }
  deleteRow(rowPosition: number) {
    this.deleteRows(rowPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany = 1) {
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this._maxCols)
      throw new GasError(GAS_ERRORS.columnsOutOfBounds);
    if (this._maxCols - howMany <= this._frozenCols) throw new GasError(GAS_ERRORS.deleteAllColumns);
    for (const row of this._rows) if (row) row.splice(columnPosition - 1, howMany);
    this._maxCols -= howMany;
    const end = columnPosition + howMany - 1;
    const hit = (g: GridRef) => g.col <= end && g.col + g.numCols - 1 >= columnPosition;
    this._merges = this._merges.filter((g) => !hit(g));
    this._rangeProtections = this._rangeProtections.filter((p) => !(p._ref && hit(p._ref)));
    for (const g of this._refs()) if (g.col > end) g.col -= howMany;
  }
  deleteColumn(columnPosition: number) {
    this.deleteColumns(columnPosition, 1);
    return this;
  }

  setFrozenRows(rows: number) {
    if (this._merges.some((m) => cutByFrozen(m.row, m.numRows, rows)))
      throw new GasError(GAS_ERRORS.mergeAcrossFrozen('rows'));
    this._frozenRows = rows;
  }
  getFrozenRows() {
    return this._frozenRows;
  }
  setFrozenColumns(columns: number) {
    if (this._merges.some((m) => cutByFrozen(m.col, m.numCols, columns)))
      throw new GasError(GAS_ERRORS.mergeAcrossFrozen('columns'));
    this._frozenCols = columns;
  }
  getFrozenColumns() {
    return this._frozenCols;
  }

  setColumnWidth(columnPosition: number, width: number) {
    this._colWidths.set(columnPosition, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number) {
    for (let c = startColumn; c < startColumn + numColumns; c++) this._colWidths.set(c, width);
    return this;
  }
  getColumnWidth(columnPosition: number) {
    return this._colWidths.get(columnPosition) ?? 100;
  }
  setRowHeight(rowPosition: number, height: number) {
    this._rowHeights.set(rowPosition, height);
    return this;
  }
  setRowHeights(startRow: number, numRows: number, height: number) {
    for (let r = startRow; r < startRow + numRows; r++) this._rowHeights.set(r, height);
    return this;
  }
  getRowHeight(rowPosition: number) {
    return this._rowHeights.get(rowPosition) ?? 21;
  }
  /** Width ≈ 7px per character of the longest displayed value + 10px padding. */
  autoResizeColumns(startColumn: number, numColumns: number) {
    const last = this._lastRow();
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let longest = 0;
      for (let r = 1; r <= last; r++) longest = Math.max(longest, this._display(r, c).length);
      this._colWidths.set(c, Math.max(21, longest * 7 + 10));
    }
    return this;
  }
  autoResizeColumn(columnPosition: number) {
    return this.autoResizeColumns(columnPosition, 1);
  }
  hideColumns(columnIndex: number, numColumns = 1) {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this._hiddenCols.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1) {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this._hiddenCols.delete(c);
  }
  hideRows(rowIndex: number, numRows = 1) {
    for (let r = rowIndex; r < rowIndex + numRows; r++) this._hiddenRows.add(r);
  }
  showRows(rowIndex: number, numRows = 1) {
    for (let r = rowIndex; r < rowIndex + numRows; r++) this._hiddenRows.delete(r);
  }
  hideColumn(range: RangeImpl) {
    this.hideColumns(range._ref.col, range._ref.numCols);
  }
  hideRow(range: RangeImpl) {
    this.hideRows(range._ref.row, range._ref.numRows);
  }
  isColumnHiddenByUser(columnPosition: number) {
    return this._hiddenCols.has(columnPosition);
  }
  isRowHiddenByUser(rowPosition: number) {
    return this._hiddenRows.has(rowPosition);
  }

  // ------------------------------------------------------------ clearing

  clear(options?: Record<string, boolean>) {
    this._fullRange().clear(options);
    return this;
  }
  clearContents() {
    this._fullRange().clearContent();
    return this;
  }
  clearFormats() {
    this._fullRange().clearFormat();
    return this;
  }
  clearNotes() {
    this._fullRange().clearNote();
    return this;
  }

  // ------------------------------------------------------------ protection

  /** Returns the existing sheet protection if there is one, as Sheets does. */
  protect() {
    if (!this._protection) this._protection = new ProtectionImpl(this._ctx, this, 'SHEET', null);
    return this._protection;
  }
  getProtections(type: string) {
    if (String(type) === ProtectionType.SHEET) return this._protection ? [this._protection] : [];
    return [...this._rangeProtections];
  }

  // ------------------------------------------------------------ charts

  newChart() {
    return new EmbeddedChartBuilderImpl(this._ctx, this);
  }
  insertChart(chart: EmbeddedChartImpl) {
    const s: ChartState = chart._s;
    if (s.id === null) s.id = this._ctx.next('chart');
    this._charts.push(chart);
  }
  getCharts() {
    return [...this._charts];
  }
  removeChart(chart: EmbeddedChartImpl) {
    this._charts = this._charts.filter((c) => c._s.id !== chart._s.id);
  }
  updateChart(chart: EmbeddedChartImpl) {
    const i = this._charts.findIndex((c) => c._s.id === chart._s.id);
    if (i >= 0) this._charts[i] = chart;
    else this.insertChart(chart);
  }

  // ------------------------------------------------------------ conditional formats

  setConditionalFormatRules(rules: ConditionalFormatRuleImpl[]) {
    this._cfRules = [...rules];
  }
  getConditionalFormatRules() {
    return [...this._cfRules];
  }
  clearConditionalFormatRules() {
    this._cfRules = [];
  }

  /**
   * Test aid, not Apps Script: the background conditional formatting gives cell (row, col) as the
   * sheet shows it, or null. As Sheets: the first rule in order whose condition holds wins; a custom
   * formula is read from the cell, its relative references moved by the cell's offset from the top-left
   * of the rule's first range. Colour scales are skipped; other conditions throw (not modelled).
   */
  _highlight(row: number, col: number): string | null {
    for (const rule of this._cfRules) {
      const st = rule._s;
      const inside = st.ranges.some((r) => {
        const g = r._ref;
        return r._sheet === this && row >= g.row && row < g.row + g.numRows && col >= g.col && col < g.col + g.numCols;
      });
      if (!inside || st.gradient) continue;
      if (st.criteria !== BooleanCriteria.CUSTOM_FORMULA || typeof st.values[0] !== 'string')
        throw new Error(`fake: conditional format ${st.criteria} is not evaluated`);
      const top = st.ranges[0]._ref;
      const res = evaluateFormula(
        st.values[0],
        {
          cell: (sheetName, rr, cc) => {
            const sh = sheetName === undefined ? this : this._ss._sheetByName(sheetName);
            if (!sh || rr < 1 || cc < 1 || rr > sh._maxRows || cc > sh._maxCols) throw new FormulaError('#REF!');
            return sh._computed(rr, cc);
          },
          toSerial: (d) => dateToSerial(d, this._ss._tz),
        },
        { rows: row - top.row, cols: col - top.col },
      );
      if (res === undefined) throw new Error(`fake: cannot evaluate ${st.values[0]}`);
      // An error or anything not TRUE (or a non-zero number) formats nothing.
      if (res === true || (typeof res === 'number' && res !== 0)) return st.background;
    }
    return null;
  }

  // ------------------------------------------------------------ copying

  copyTo(spreadsheet: SpreadsheetImpl) {
    return spreadsheet._adoptCopy(this, `Copy of ${this._name}`);
  }
}

/**
 * Sheet methods Google refuses to a user a protection stops: the sheet's structure (rows and
 * columns inserted, its name, frozen rows) under a sheet protection; deleted rows or columns also
 * under a range protection they cross. Each maps its arguments to the cells it changes (null: the
 * sheet itself).
 */
const SHEET_EDITS: Record<string, (sheet: SheetImpl, a: unknown[]) => GridRef | null> = {
  insertRows: () => null,
  insertRowsAfter: () => null,
  insertColumns: () => null,
  insertColumnsAfter: () => null,
  appendRow: () => null,
  setName: () => null,
  setFrozenRows: () => null,
  setFrozenColumns: () => null,
  deleteRows: (sh, [at, n = 1]) => ({ row: Number(at), col: 1, numRows: Number(n), numCols: sh._maxCols }),
  deleteColumns: (sh, [at, n = 1]) => ({ row: 1, col: Number(at), numRows: sh._maxRows, numCols: Number(n) }),
};
for (const [name, cells] of Object.entries(SHEET_EDITS)) {
  const proto = SheetImpl.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const edit = proto[name];
  if (typeof edit !== 'function') throw new Error(`fake: no Sheet.${name} to guard`);
  proto[name] = function (this: SheetImpl, ...args: unknown[]) {
    assertEditable(this._ctx, this, cells(this, args));
    return edit.apply(this, args);
  };
}

/** Whether a merge from `start` over `count` rows (or columns) has some inside `frozen` and some after. */
export function cutByFrozen(start: number, count: number, frozen: number): boolean {
  return frozen >= start && frozen < start + count - 1;
}
