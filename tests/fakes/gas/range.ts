/** Range: a rectangle of cells on a sheet. Rows and columns are 1-based. */
import { a1Of, type GridRef } from './a1';
import type { FakeContext } from './context';
import { GAS_ERRORS, GasError } from './errors';
import { assertEditable, ProtectionImpl } from './protection';
import { GasObject } from './runtime';
import { type Cell, cutByFrozen, describeTypes, type SheetImpl } from './sheet';
import { STYLE_DEFAULTS, type Style, type StyleKey, styleValue, type TextStyleImpl } from './style';
import { ConditionalFormatRuleImpl, DataValidationBuilderImpl, type DataValidationImpl } from './validation';
import { type CellValue, GENERAL_FORMAT, type Stored, toStored } from './values';

function intersects(a: GridRef, b: GridRef): boolean {
  return (
    a.row <= b.row + b.numRows - 1 &&
    b.row <= a.row + a.numRows - 1 &&
    a.col <= b.col + b.numCols - 1 &&
    b.col <= a.col + a.numCols - 1
  );
}

/** The part of `g` inside `box`, or null. */
function clip(g: GridRef, box: GridRef): GridRef | null {
  const r0 = Math.max(g.row, box.row);
  const c0 = Math.max(g.col, box.col);
  const r1 = Math.min(g.row + g.numRows, box.row + box.numRows);
  const c1 = Math.min(g.col + g.numCols, box.col + box.numCols);
  return r1 > r0 && c1 > c0 ? { row: r0, col: c0, numRows: r1 - r0, numCols: c1 - c0 } : null;
}

function contains(outer: GridRef, inner: GridRef): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.col + inner.numCols <= outer.col + outer.numCols
  );
}

export class RangeImpl extends GasObject {
  constructor(
    private readonly _ctx: FakeContext,
    readonly _sheet: SheetImpl,
    readonly _ref: GridRef,
  ) {
    super(_ctx.rt, 'Range');
  }

  // ------------------------------------------------------------ internals

  /** Re-checks the grid (the sheet may have shrunk since the range was made). */
  private _live(): void {
    this._sheet._checkGrid(this._ref);
  }

  private _grid<T>(f: (r: number, c: number) => T): T[][] {
    this._live();
    const { row, col, numRows, numCols } = this._ref;
    const out: T[][] = new Array(numRows);
    for (let i = 0; i < numRows; i++) {
      const line: T[] = new Array(numCols);
      for (let j = 0; j < numCols; j++) line[j] = f(row + i, col + j);
      out[i] = line;
    }
    return out;
  }

  private _each(f: (cell: Cell, r: number, c: number) => void): void {
    this._live();
    const { row, col, numRows, numCols } = this._ref;
    for (let i = 0; i < numRows; i++)
      for (let j = 0; j < numCols; j++) f(this._sheet._cellW(row + i, col + j), row + i, col + j);
  }

  private _eachExisting(f: (cell: Cell) => void): void {
    this._live();
    const { row, col, numRows, numCols } = this._ref;
    for (let i = 0; i < numRows; i++)
      for (let j = 0; j < numCols; j++) {
        const cell = this._sheet._cell(row + i, col + j);
        if (cell) f(cell);
      }
  }

  /** Checks a 2-D argument against the range's size with Google's messages. */
  private _checkDims(values: unknown, method: string): unknown[][] {
    if (!Array.isArray(values) || values.some((r) => !Array.isArray(r)))
      throw new GasError(GAS_ERRORS.signature(describeTypes([values]), `SpreadsheetApp.Range.${method}`));
    const { numRows, numCols } = this._ref;
    if (values.length !== numRows) throw new GasError(GAS_ERRORS.rowsMismatch(values.length, numRows));
    for (const r of values as unknown[][])
      if (r.length !== numCols) throw new GasError(GAS_ERRORS.columnsMismatch(r.length, numCols));
    return values as unknown[][];
  }

  /** setValues semantics; all cells are converted before any is written. */
  _writeGrid(values: unknown, method: string): void {
    const grid = this._checkDims(values, method);
    this._live();
    const { row, col } = this._ref;
    const stored: Stored[][] = grid.map((line, i) =>
      line.map((v, j) => toStored(v, this._sheet._cell(row + i, col + j)?.fmt)),
    );
    stored.forEach((line, i) => {
      line.forEach((s, j) => {
        this._sheet._write(row + i, col + j, s);
      });
    });
  }

  private _setStyle<K extends StyleKey>(key: K, v: unknown): this {
    const value = styleValue(key, v);
    this._each((cell) => {
      cell.st = cell.st ?? {};
      cell.st[key] = value;
    });
    return this;
  }

  private _setStyles<K extends StyleKey>(key: K, values: unknown, method: string): this {
    const grid = this._checkDims(values, method);
    const { row, col } = this._ref;
    this._each((cell, r, c) => {
      cell.st = cell.st ?? {};
      cell.st[key] = styleValue(key, grid[r - row][c - col]);
    });
    return this;
  }

  private _getStyle<K extends StyleKey>(key: K): Style[K] {
    this._live();
    const cell = this._sheet._cell(this._ref.row, this._ref.col);
    return (cell?.st?.[key] ?? STYLE_DEFAULTS[key]) as Style[K];
  }

  private _getStyles<K extends StyleKey>(key: K): Style[K][][] {
    return this._grid((r, c) => (this._sheet._cell(r, c)?.st?.[key] ?? STYLE_DEFAULTS[key]) as Style[K]);
  }

  private _mergeRefs(refs: GridRef[]): this {
    this._live();
    for (const g of refs) {
      if (cutByFrozen(g.row, g.numRows, this._sheet._frozenRows))
        throw new GasError(GAS_ERRORS.mergeAcrossFrozen('rows'));
      if (cutByFrozen(g.col, g.numCols, this._sheet._frozenCols))
        throw new GasError(GAS_ERRORS.mergeAcrossFrozen('columns'));
    }
    for (const m of this._sheet._merges)
      if (intersects(m, this._ref) && !contains(this._ref, m)) throw new GasError(GAS_ERRORS.mergeMustSelectAll);
    this._sheet._merges = this._sheet._merges.filter((m) => !contains(this._ref, m));
    for (const g of refs) {
      if (g.numRows === 1 && g.numCols === 1) continue;
      this._sheet._merges.push({ ...g });
      // Only the top-left value survives a merge.
      for (let r = g.row; r < g.row + g.numRows; r++)
        for (let c = g.col; c < g.col + g.numCols; c++) {
          if (r === g.row && c === g.col) continue;
          const cell = this._sheet._cell(r, c);
          if (cell) {
            cell.v = '';
            delete cell.f;
          }
        }
    }
    return this;
  }

  // ------------------------------------------------------------ geometry

  getA1Notation() {
    return a1Of(this._ref);
  }
  getRow() {
    return this._ref.row;
  }
  getRowIndex() {
    return this._ref.row;
  }
  getColumn() {
    return this._ref.col;
  }
  getColumnIndex() {
    return this._ref.col;
  }
  getLastRow() {
    return this._ref.row + this._ref.numRows - 1;
  }
  getLastColumn() {
    return this._ref.col + this._ref.numCols - 1;
  }
  getNumRows() {
    return this._ref.numRows;
  }
  getNumColumns() {
    return this._ref.numCols;
  }
  getHeight() {
    return this._ref.numRows;
  }
  getWidth() {
    return this._ref.numCols;
  }
  getSheet() {
    return this._sheet;
  }
  getGridId() {
    return this._sheet._id;
  }
  getCell(row: number, column: number) {
    if (row < 1 || column < 1 || row > this._ref.numRows || column > this._ref.numCols)
      throw new GasError('Cell reference out of range');
    return this._sheet._range({
      row: this._ref.row + row - 1,
      col: this._ref.col + column - 1,
      numRows: 1,
      numCols: 1,
    });
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number) {
    return this._sheet.getRange(
      this._ref.row + rowOffset,
      this._ref.col + columnOffset,
      numRows ?? this._ref.numRows,
      numColumns ?? this._ref.numCols,
    );
  }
  activate() {
    this._sheet._ss._activeSheet = this._sheet;
    this._sheet._ss._activeRange = this;
    return this;
  }
  activateAsCurrentCell() {
    return this.activate();
  }

  // ------------------------------------------------------------ values

  /** A fresh 2-D array: '' for empty cells, numbers, booleans, strings, Dates (copies). */
  getValues(): CellValue[][] {
    return this._grid((r, c) => this._sheet._value(r, c));
  }
  getValue(): CellValue {
    this._live();
    return this._sheet._value(this._ref.row, this._ref.col);
  }
  getDisplayValues(): string[][] {
    return this._grid((r, c) => this._sheet._display(r, c));
  }
  getDisplayValue(): string {
    this._live();
    return this._sheet._display(this._ref.row, this._ref.col);
  }
  /**
   * Writes with Sheets' parsing ('=…' → formula, numeric strings → numbers, TRUE/FALSE
   * → booleans) except into '@' (plain text) cells. Size mismatches throw Google's messages.
   */
  setValues(values: unknown[][]) {
    this._writeGrid(values, 'setValues');
    return this;
  }
  /** Sets every cell of the range to the value. */
  setValue(value: unknown) {
    this._live();
    this._each((cell, r, c) => this._sheet._write(r, c, toStored(value, cell.fmt)));
    return this;
  }
  isBlank() {
    let blank = true;
    this._eachExisting((cell) => {
      if (cell.f !== undefined || cell.v !== '') blank = false;
    });
    return blank;
  }
  trimWhitespace() {
    this._eachExisting((cell) => {
      if (typeof cell.v === 'string' && cell.f === undefined) cell.v = cell.v.trim().replace(/\s+/g, ' ');
    });
    return this;
  }

  // ------------------------------------------------------------ formulas

  getFormulas(): string[][] {
    return this._grid((r, c) => this._sheet._cell(r, c)?.f ?? '');
  }
  getFormula(): string {
    this._live();
    return this._sheet._cell(this._ref.row, this._ref.col)?.f ?? '';
  }
  /** Same formula text in every cell (the fake does not shift relative references). */
  setFormula(formula: string) {
    const f = String(formula);
    this._each((cell, r, c) => this._sheet._write(r, c, f.startsWith('=') ? { v: '', f } : toStored(f, cell.fmt)));
    return this;
  }
  setFormulas(formulas: string[][]) {
    const grid = this._checkDims(formulas, 'setFormulas');
    const { row, col } = this._ref;
    this._each((cell, r, c) => {
      const f = String(grid[r - row][c - col] ?? '');
      this._sheet._write(r, c, f.startsWith('=') ? { v: '', f } : toStored(f, cell.fmt));
    });
    return this;
  }

  // ------------------------------------------------------------ number formats

  setNumberFormat(numberFormat: string) {
    const f = String(numberFormat);
    this._each((cell) => {
      cell.fmt = f;
    });
    return this;
  }
  setNumberFormats(numberFormats: string[][]) {
    const grid = this._checkDims(numberFormats, 'setNumberFormats');
    const { row, col } = this._ref;
    this._each((cell, r, c) => {
      cell.fmt = String(grid[r - row][c - col]);
    });
    return this;
  }
  getNumberFormat() {
    this._live();
    return this._sheet._cell(this._ref.row, this._ref.col)?.fmt ?? GENERAL_FORMAT;
  }
  getNumberFormats() {
    return this._grid((r, c) => this._sheet._cell(r, c)?.fmt ?? GENERAL_FORMAT);
  }

  // ------------------------------------------------------------ text and cell formatting

  setBackground(color: string | null) {
    return this._setStyle('background', color);
  }
  setBackgrounds(colors: (string | null)[][]) {
    return this._setStyles('background', colors, 'setBackgrounds');
  }
  setBackgroundRGB(red: number, green: number, blue: number) {
    const h = (n: number) =>
      Math.max(0, Math.min(255, Math.round(n)))
        .toString(16)
        .padStart(2, '0');
    return this._setStyle('background', `#${h(red)}${h(green)}${h(blue)}`);
  }
  getBackground() {
    return this._getStyle('background');
  }
  getBackgrounds() {
    return this._getStyles('background');
  }
  setFontColor(color: string | null) {
    return this._setStyle('fontColor', color);
  }
  setFontColors(colors: (string | null)[][]) {
    return this._setStyles('fontColor', colors, 'setFontColors');
  }
  getFontColor() {
    return this._getStyle('fontColor');
  }
  getFontColors() {
    return this._getStyles('fontColor');
  }
  setFontWeight(fontWeight: string | null) {
    return this._setStyle('fontWeight', fontWeight);
  }
  setFontWeights(fontWeights: (string | null)[][]) {
    return this._setStyles('fontWeight', fontWeights, 'setFontWeights');
  }
  getFontWeight() {
    return this._getStyle('fontWeight');
  }
  getFontWeights() {
    return this._getStyles('fontWeight');
  }
  setFontStyle(fontStyle: string | null) {
    return this._setStyle('fontStyle', fontStyle);
  }
  setFontStyles(fontStyles: (string | null)[][]) {
    return this._setStyles('fontStyle', fontStyles, 'setFontStyles');
  }
  getFontStyle() {
    return this._getStyle('fontStyle');
  }
  getFontStyles() {
    return this._getStyles('fontStyle');
  }
  setFontSize(size: number) {
    return this._setStyle('fontSize', size);
  }
  setFontSizes(sizes: number[][]) {
    return this._setStyles('fontSize', sizes, 'setFontSizes');
  }
  getFontSize() {
    return this._getStyle('fontSize');
  }
  getFontSizes() {
    return this._getStyles('fontSize');
  }
  setFontFamily(fontFamily: string | null) {
    return this._setStyle('fontFamily', fontFamily);
  }
  setFontFamilies(fontFamilies: (string | null)[][]) {
    return this._setStyles('fontFamily', fontFamilies, 'setFontFamilies');
  }
  getFontFamily() {
    return this._getStyle('fontFamily');
  }
  getFontFamilies() {
    return this._getStyles('fontFamily');
  }
  setFontLine(fontLine: string | null) {
    return this._setStyle('fontLine', fontLine);
  }
  getFontLine() {
    return this._getStyle('fontLine');
  }
  setHorizontalAlignment(alignment: string | null) {
    return this._setStyle('horizontalAlignment', alignment);
  }
  setHorizontalAlignments(alignments: (string | null)[][]) {
    return this._setStyles('horizontalAlignment', alignments, 'setHorizontalAlignments');
  }
  getHorizontalAlignment() {
    return this._getStyle('horizontalAlignment');
  }
  getHorizontalAlignments() {
    return this._getStyles('horizontalAlignment');
  }
  setVerticalAlignment(alignment: string | null) {
    return this._setStyle('verticalAlignment', alignment);
  }
  setVerticalAlignments(alignments: (string | null)[][]) {
    return this._setStyles('verticalAlignment', alignments, 'setVerticalAlignments');
  }
  getVerticalAlignment() {
    return this._getStyle('verticalAlignment');
  }
  getVerticalAlignments() {
    return this._getStyles('verticalAlignment');
  }
  setWrap(isWrapEnabled: boolean) {
    this._setStyle('wrapStrategy', isWrapEnabled ? 'WRAP' : 'OVERFLOW');
    return this._setStyle('wrap', isWrapEnabled);
  }
  setWraps(isWrapEnabled: boolean[][]) {
    return this._setStyles('wrap', isWrapEnabled, 'setWraps');
  }
  getWrap() {
    return this._getStyle('wrap');
  }
  getWraps() {
    return this._getStyles('wrap');
  }
  setWrapStrategy(strategy: string) {
    this._setStyle('wrap', String(strategy) === 'WRAP');
    return this._setStyle('wrapStrategy', strategy);
  }
  getWrapStrategy() {
    return this._getStyle('wrapStrategy');
  }
  setTextStyle(style: TextStyleImpl) {
    const s = style._s;
    if (s.bold !== null) this._setStyle('fontWeight', s.bold ? 'bold' : 'normal');
    if (s.italic !== null) this._setStyle('fontStyle', s.italic ? 'italic' : 'normal');
    if (s.fontSize !== null) this._setStyle('fontSize', s.fontSize);
    if (s.fontFamily !== null) this._setStyle('fontFamily', s.fontFamily);
    if (s.foregroundColor !== null) this._setStyle('fontColor', s.foregroundColor);
    if (s.underline !== null) this._setStyle('fontLine', s.underline ? 'underline' : 'none');
    return this;
  }
  /** Recorded on the sheet (fake._sheetBorders) but not modelled per cell. */
  setBorder(...args: unknown[]) {
    this._live();
    this._sheet._borders.push({ ref: { ...this._ref }, args });
    return this;
  }

  // ------------------------------------------------------------ notes

  setNote(note: string | null) {
    const n = note === null || note === undefined ? '' : String(note);
    this._each((cell) => {
      cell.note = n;
    });
    return this;
  }
  setNotes(notes: (string | null)[][]) {
    const grid = this._checkDims(notes, 'setNotes');
    const { row, col } = this._ref;
    this._each((cell, r, c) => {
      const n = grid[r - row][c - col];
      cell.note = n === null || n === undefined ? '' : String(n);
    });
    return this;
  }
  getNote() {
    this._live();
    return this._sheet._cell(this._ref.row, this._ref.col)?.note ?? '';
  }
  getNotes() {
    return this._grid((r, c) => this._sheet._cell(r, c)?.note ?? '');
  }
  clearNote() {
    this._eachExisting((cell) => {
      delete cell.note;
    });
    return this;
  }

  // ------------------------------------------------------------ data validation

  setDataValidation(rule: DataValidationImpl | null) {
    this._each((cell) => {
      if (rule) cell.dv = rule;
      else delete cell.dv;
    });
    return this;
  }
  setDataValidations(rules: (DataValidationImpl | null)[][]) {
    const grid = this._checkDims(rules, 'setDataValidations') as (DataValidationImpl | null)[][];
    const { row, col } = this._ref;
    this._each((cell, r, c) => {
      const rule = grid[r - row][c - col];
      if (rule) cell.dv = rule;
      else delete cell.dv;
    });
    return this;
  }
  getDataValidation() {
    this._live();
    return this._sheet._cell(this._ref.row, this._ref.col)?.dv ?? null;
  }
  getDataValidations() {
    return this._grid((r, c) => this._sheet._cell(r, c)?.dv ?? null);
  }
  clearDataValidations() {
    this._eachExisting((cell) => {
      delete cell.dv;
    });
    return this;
  }
  insertCheckboxes() {
    const rule = new DataValidationBuilderImpl(this._rt).requireCheckbox().build();
    this._each((cell, r, c) => {
      cell.dv = rule;
      this._sheet._write(r, c, { v: false });
    });
    return this;
  }

  // ------------------------------------------------------------ merges

  merge() {
    return this._mergeRefs([this._ref]);
  }
  mergeAcross() {
    const { row, col, numRows, numCols } = this._ref;
    return this._mergeRefs(Array.from({ length: numRows }, (_, i) => ({ row: row + i, col, numRows: 1, numCols })));
  }
  mergeVertically() {
    const { row, col, numRows, numCols } = this._ref;
    return this._mergeRefs(Array.from({ length: numCols }, (_, j) => ({ row, col: col + j, numRows, numCols: 1 })));
  }
  breakApart() {
    this._live();
    for (const m of this._sheet._merges)
      if (intersects(m, this._ref) && !contains(this._ref, m)) throw new GasError(GAS_ERRORS.mergeMustSelectAll);
    this._sheet._merges = this._sheet._merges.filter((m) => !contains(this._ref, m));
    return this;
  }
  getMergedRanges() {
    this._live();
    return this._sheet._merges.filter((m) => intersects(m, this._ref)).map((m) => this._sheet._range(m));
  }
  isPartOfMerge() {
    this._live();
    return this._sheet._merges.some((m) => intersects(m, this._ref));
  }

  // ------------------------------------------------------------ clearing and copying

  /** Without options: contents and formats (notes and validation stay), as in Sheets. */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; commentsOnly?: boolean; validationsOnly?: boolean }) {
    const o = options ?? {};
    const some = Boolean(o.contentsOnly || o.formatOnly || o.commentsOnly || o.validationsOnly);
    if (!some || o.contentsOnly) this.clearContent();
    if (!some || o.formatOnly) this.clearFormat();
    if (o.commentsOnly) this.clearNote();
    if (o.validationsOnly) this.clearDataValidations();
    return this;
  }
  clearContent() {
    this._eachExisting((cell) => {
      cell.v = '';
      delete cell.f;
    });
    return this;
  }
  /** Number formats, text formats and merges. */
  clearFormat() {
    this._eachExisting((cell) => {
      delete cell.fmt;
      delete cell.st;
    });
    this._sheet._merges = this._sheet._merges.filter((m) => !contains(this._ref, m));
    return this;
  }

  /**
   * copyTo(destination) / copyTo(destination, {contentsOnly, formatOnly}) /
   * copyTo(destination, copyPasteType, transposed). The block keeps the source's size,
   * anchored at the destination's top-left cell (Google: "only the top-left cell position is
   * relevant"), within one spreadsheet. What each paste takes (CopyPasteType):
   *   PASTE_NORMAL      values, formulas, formats, merges, borders — and, as a paste in Sheets
   *                     does, notes, data validation and conditional format rules;
   *   PASTE_NO_BORDERS  the same without borders;  PASTE_FORMAT: formats, merges, borders, rules;
   *   PASTE_VALUES / PASTE_FORMULA / PASTE_DATA_VALIDATION / PASTE_CONDITIONAL_FORMATTING /
   *   PASTE_COLUMN_WIDTHS: that only. {contentsOnly}: values and formulas; {formatOnly}: formats.
   * Formulas are copied verbatim (Sheets moves their relative references by the offset; a
   * copy to the same cells, the add-on's only use, is the same either way). Transposed: values
   * and formats only. A merge, border or rule is copied when it lies inside the source block
   * (a rule: its ranges clipped to the block); the target's own merges and borders inside the
   * pasted block go first.
   */
  copyTo(destination: RangeImpl, optionsOrType?: unknown, transposed?: boolean) {
    let values = true;
    let formulas = true;
    let formats = true;
    let borders = true;
    let extras = true; // notes
    let validation = true;
    let rules = true;
    let widths = false;
    if (typeof optionsOrType === 'string') {
      const t = optionsOrType;
      const normal = t === 'PASTE_NORMAL' || t === 'PASTE_NO_BORDERS';
      values = normal || t === 'PASTE_VALUES' || t === 'PASTE_FORMULA';
      formulas = t !== 'PASTE_VALUES' && values;
      formats = normal || t === 'PASTE_FORMAT';
      borders = t === 'PASTE_NORMAL' || t === 'PASTE_FORMAT';
      extras = normal;
      validation = normal || t === 'PASTE_DATA_VALIDATION';
      rules = normal || t === 'PASTE_FORMAT' || t === 'PASTE_CONDITIONAL_FORMATTING';
      widths = t === 'PASTE_COLUMN_WIDTHS';
    } else if (optionsOrType && typeof optionsOrType === 'object') {
      const o = optionsOrType as { contentsOnly?: boolean; formatOnly?: boolean };
      if (o.contentsOnly) formats = borders = extras = validation = rules = false;
      if (o.formatOnly) values = formulas = extras = validation = false;
    }
    if (transposed) borders = extras = validation = rules = widths = false;
    this._live();
    destination._live();
    if (destination._sheet._ss !== this._sheet._ss) throw new GasError(GAS_ERRORS.copyOtherSpreadsheet);
    const { row, col, numRows, numCols } = this._ref;
    const srcSheet = this._sheet;
    type Src = { v: CellValue; f?: string; fmt?: string; st?: Partial<Style>; note?: string; dv?: DataValidationImpl };
    const src: Src[][] = [];
    for (let i = 0; i < numRows; i++) {
      const line: Src[] = [];
      for (let j = 0; j < numCols; j++) {
        const cell = srcSheet._cell(row + i, col + j);
        line.push({
          v: formulas ? (cell?.v ?? '') : srcSheet._computed(row + i, col + j),
          f: formulas ? cell?.f : undefined,
          fmt: cell?.fmt,
          st: cell?.st ? { ...cell.st } : undefined,
          note: cell?.note,
          dv: cell?.dv,
        });
      }
      src.push(line);
    }
    const dest = destination._sheet;
    const outRows = transposed ? numCols : numRows;
    const outCols = transposed ? numRows : numCols;
    const target = { row: destination._ref.row, col: destination._ref.col, numRows: outRows, numCols: outCols };
    dest._checkGrid(target);
    assertEditable(this._ctx, dest, widths ? null : target);
    const dr = target.row - row;
    const dc = target.col - col;
    const moved = (g: GridRef): GridRef => ({ ...g, row: g.row + dr, col: g.col + dc });
    if (widths) {
      for (let j = 0; j < numCols; j++) {
        const w = srcSheet._colWidths.get(col + j);
        if (w === undefined) dest._colWidths.delete(target.col + j);
        else dest._colWidths.set(target.col + j, w);
      }
      return;
    }
    // Read before writing: the source and the target may be the same sheet.
    const merges = formats && !transposed ? srcSheet._merges.filter((m) => contains(this._ref, m)).map(moved) : [];
    const borderRecords = borders ? srcSheet._borders.filter((b) => contains(this._ref, b.ref)) : [];
    const ruleCopies = rules
      ? srcSheet._cfRules.flatMap((r) => {
          const parts = r._s.ranges.flatMap((x) => {
            const g = clip(x._ref, this._ref);
            return g && x._sheet === srcSheet ? [moved(g)] : [];
          });
          return parts.length ? [{ rule: r, parts }] : [];
        })
      : [];
    for (let i = 0; i < outRows; i++)
      for (let j = 0; j < outCols; j++) {
        const s = transposed ? src[j][i] : src[i][j];
        const cell = dest._cellW(target.row + i, target.col + j);
        if (values) {
          cell.v = s.v;
          if (s.f !== undefined) cell.f = s.f;
          else delete cell.f;
        }
        if (formats) {
          if (s.fmt !== undefined) cell.fmt = s.fmt;
          else delete cell.fmt;
          if (s.st) cell.st = { ...s.st };
          else delete cell.st;
        }
        if (extras) {
          if (s.note) cell.note = s.note;
          else delete cell.note;
        }
        if (validation) {
          if (s.dv) cell.dv = s.dv;
          else delete cell.dv;
        }
      }
    if (formats && !transposed) {
      dest._merges = dest._merges.filter((m) => !contains(target, m));
      dest._merges.push(...merges);
    }
    if (borders) {
      dest._borders = dest._borders.filter((b) => !contains(target, b.ref));
      dest._borders.push(...borderRecords.map((b) => ({ ref: moved(b.ref), args: [...b.args] })));
    }
    for (const { rule, parts } of ruleCopies)
      dest._cfRules.push(
        new ConditionalFormatRuleImpl(this._rt, { ...rule._s, ranges: parts.map((g) => dest._range(g)) }),
      );
  }

  // ------------------------------------------------------------ protection

  /** Before an edit: Google refuses it in a range or sheet the effective user may not edit. */
  _assertEditable(): void {
    assertEditable(this._ctx, this._sheet, this._ref);
  }

  protect() {
    this._live();
    const p = new ProtectionImpl(this._ctx, this._sheet, 'RANGE', { ...this._ref });
    this._sheet._rangeProtections.push(p);
    return p;
  }
}

/** Range methods that change cells (values, formulas, formats, notes, validation, merges). */
const RANGE_EDITS = [
  'setValues',
  'setValue',
  'trimWhitespace',
  'setFormula',
  'setFormulas',
  'setNumberFormat',
  'setNumberFormats',
  'setBackground',
  'setBackgrounds',
  'setBackgroundRGB',
  'setFontColor',
  'setFontColors',
  'setFontWeight',
  'setFontWeights',
  'setFontStyle',
  'setFontStyles',
  'setFontSize',
  'setFontSizes',
  'setFontFamily',
  'setFontFamilies',
  'setFontLine',
  'setHorizontalAlignment',
  'setHorizontalAlignments',
  'setVerticalAlignment',
  'setVerticalAlignments',
  'setWrap',
  'setWraps',
  'setWrapStrategy',
  'setTextStyle',
  'setBorder',
  'setNote',
  'setNotes',
  'clearNote',
  'setDataValidation',
  'setDataValidations',
  'clearDataValidations',
  'insertCheckboxes',
  'merge',
  'mergeAcross',
  'mergeVertically',
  'breakApart',
  'clear',
  'clearContent',
  'clearFormat',
] as const;
for (const name of RANGE_EDITS) {
  const proto = RangeImpl.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const edit = proto[name];
  if (typeof edit !== 'function') throw new Error(`fake: no Range.${name} to guard`);
  proto[name] = function (this: RangeImpl, ...args: unknown[]) {
    this._assertEditable();
    return edit.apply(this, args);
  };
}
