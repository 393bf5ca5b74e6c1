/**
 * WorkbookModel (src/engine/report/model.ts) → .xlsx with exceljs.
 *
 * - Values: strings are always written as text (exceljs stores them as shared strings),
 *   so a commune's note "=1+1" stays text. Only the engine's own formulas (`f`) become
 *   formulas; they are written without a cached result and the workbook asks Excel to
 *   recalculate on load.
 * - Styles from STYLES: bold/italic/size/colour, solid fill, number format, alignment,
 *   wrapping, thin borders.
 * - Merges, column widths, frozen panes, data validation (whole ≥ 0, decimal ≥ 0, date)
 *   with a Vietnamese stop message, conditional formatting (expression → fill colour).
 * - Sheets that declare editable ranges are protected without a password; the cells of
 *   those ranges are unlocked.
 * - Print settings (SheetModel.print): A4, narrow margins, orientation, fit to pages wide,
 *   rows/columns repeated on every page; filter buttons (SheetModel.filter).
 * - Charts (SheetModel.charts) are NOT written: exceljs 4 cannot create charts. The HTML
 *   report draws the chart instead; the Sheets renderer (src/gas) draws native charts.
 */

import ExcelJS from 'exceljs';
import {
  type CellModel,
  type ConditionalModel,
  type RangeRef,
  type SheetModel,
  STYLES,
  type StyleName,
  type StyleSpec,
  type ValidationModel,
  type WorkbookModel,
} from '../../engine/report/model';
import { a1, colLetter } from '../../engine/sheet/layout';
import { MAX_AMOUNT, MAX_COUNT } from '../../engine/validation/cells';
import { CLI_TEXT } from '../../messages/vi/cli';
import { writeOutput } from '../output';

export interface WriteOptions {
  /** Creation time stored in the workbook's properties (for reproducible output). */
  now?: Date;
}

function argb(hex: string): string {
  const h = hex.replace('#', '').toUpperCase();
  return h.length === 8 ? h : `FF${h.padStart(6, '0')}`;
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFBFBFBF' } };

/**
 * A fresh exceljs style object. exceljs mutates a cell's style in place when a single
 * property is set (cell.font = …), so a style object may be shared between cells only
 * when, as in addSheet, nothing is set on them afterwards.
 */
export function excelStyle(spec: StyleSpec | undefined, unlocked: boolean): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (spec) {
    const font: Partial<ExcelJS.Font> = {};
    if (spec.bold) font.bold = true;
    if (spec.italic) font.italic = true;
    if (spec.size) font.size = spec.size;
    if (spec.color) font.color = { argb: argb(spec.color) };
    if (Object.keys(font).length) style.font = font;
    if (spec.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(spec.fill) } };
    if (spec.numFmt) style.numFmt = spec.numFmt;
    const alignment: Partial<ExcelJS.Alignment> = { vertical: 'middle' };
    if (spec.align) alignment.horizontal = spec.align;
    if (spec.wrap) alignment.wrapText = true;
    style.alignment = alignment;
    if (spec.border) style.border = { top: { ...THIN }, left: { ...THIN }, bottom: { ...THIN }, right: { ...THIN } };
  }
  if (unlocked) style.protection = { locked: false };
  return style;
}

function rangeA1(r: RangeRef): string {
  const tl = a1(r.row, r.col);
  const br = a1(r.row + r.rows - 1, r.col + r.cols - 1);
  return tl === br ? tl : `${tl}:${br}`;
}

const EXCEL_DATE_MIN = new Date(Date.UTC(2000, 0, 1));
const EXCEL_DATE_MAX = new Date(Date.UTC(2099, 11, 31));

/** The rule for Excel; null for unicodeText, which needs REGEXMATCH (Sheets only): the reader warns instead. */
export function dataValidation(v: ValidationModel): ExcelJS.DataValidation | null {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop' as 'stop' | 'warning',
    errorTitle: CLI_TEXT.validationErrorTitle,
    error: v.help.slice(0, 255),
  };
  // Excel reads a typed date or decimal by the PC's regional settings, not the workbook's: on a
  // Windows left in English (US), "16/09/2018" (the help's own example) and "90,5" stay text, which
  // a "stop" rule refuses although the reader takes both (and names the cell). Those two kinds
  // warn and let the clerk go on; a whole number is the same in every locale.
  const lenient = { ...common, errorStyle: 'warning' as const };
  switch (v.kind) {
    // Up to the bounds the reader takes (a larger figure is a slip: validation/cells.ts).
    case 'nonNegativeInteger':
      return { ...common, type: 'whole', operator: 'between', formulae: [0, MAX_COUNT] };
    case 'nonNegativeNumber':
      return { ...lenient, type: 'decimal', operator: 'between', formulae: [0, MAX_AMOUNT] };
    case 'date':
      return { ...lenient, type: 'date', operator: 'between', formulae: [EXCEL_DATE_MIN, EXCEL_DATE_MAX] };
    case 'unicodeText':
      return null;
  }
}

function conditional(c: ConditionalModel, priority: number): ExcelJS.ConditionalFormattingOptions {
  const fill = STYLES[c.style].fill ?? (c.style === 'error' ? '#F8CBAD' : '#FFF2CC');
  return {
    ref: rangeA1(c.range),
    rules: [
      {
        type: 'expression',
        priority,
        formulae: [c.formula.replace(/^=/, '')],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(fill) } } },
      },
    ],
  };
}

function setValue(cell: ExcelJS.Cell, model: CellModel): void {
  if (model.f) {
    // The engine's own formula; no cached result (Excel recalculates on load).
    cell.value = { formula: model.f.replace(/^=/, '') } as ExcelJS.CellFormulaValue;
  } else if (typeof model.v === 'string') {
    // Always text, even "=1+1", "+84…", "007": exceljs writes a shared string.
    cell.value = model.v;
  } else if (typeof model.v === 'number' && Number.isFinite(model.v)) {
    cell.value = model.v;
  }
}

/** Inches; narrower than Excel's 0.7/0.75 so a wide table keeps a readable scale on A4. */
const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
const A4 = 9;

function setPrint(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  const p = sheet.print;
  if (!p) return;
  Object.assign(ws.pageSetup, {
    paperSize: A4,
    orientation: p.landscape ? 'landscape' : 'portrait',
    margins: { ...MARGINS },
    fitToPage: true,
    fitToWidth: Math.max(1, p.fitWidth),
    // 0: as many pages tall as the rows need.
    fitToHeight: 0,
  });
  // exceljs quotes the sheet name in the defined name without doubling a "'": a name with one
  // would make the file unreadable, so such a sheet prints without repeated titles.
  if (sheet.name.includes("'")) return;
  if (p.repeatRows) ws.pageSetup.printTitlesRow = `${p.repeatRows.first}:${p.repeatRows.last}`;
  if (p.repeatCols) {
    ws.pageSetup.printTitlesColumn = `${colLetter(p.repeatCols.first)}:${colLetter(p.repeatCols.last)}`;
  }
}

function inRanges(ranges: RangeRef[]): Set<string> {
  const keys = new Set<string>();
  for (const r of ranges)
    for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) keys.add(`${r.row + i}:${r.col + j}`);
  return keys;
}

const DEFAULT_WIDTH = 8.43;
const LINE_HEIGHT = 15;

/**
 * exceljs does not size rows to wrapped text, and neither Excel nor LibreOffice does it on
 * load for rows written without a height: estimate the lines of every wrapped text (its
 * column width, or the merged range's) and set the row height so labels and narrative show.
 */
function setRowHeights(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  const width = (col: number) =>
    sheet.widths[col - 1] && sheet.widths[col - 1] > 0 ? sheet.widths[col - 1] : DEFAULT_WIDTH;
  const spans = new Map<string, number>();
  for (const m of sheet.merges) {
    let w = 0;
    for (let c = m.col; c < m.col + m.cols; c++) w += width(c);
    spans.set(`${m.row}:${m.col}`, w);
  }
  sheet.rows.forEach((row, r) => {
    let lines = 1;
    row.forEach((cell, c) => {
      if (!cell || typeof cell.v !== 'string' || !cell.s || !STYLES[cell.s].wrap) return;
      const w = spans.get(`${r + 1}:${c + 1}`) ?? width(c + 1);
      const perLine = Math.max(1, Math.floor(w * 1.1) - 1);
      const n = cell.v.split('\n').reduce((a, part) => a + Math.max(1, Math.ceil(part.length / perLine)), 0);
      lines = Math.max(lines, n);
    });
    if (lines > 1) ws.getRow(r + 1).height = Math.min(409, lines * LINE_HEIGHT);
  });
}

async function addSheet(wb: ExcelJS.Workbook, sheet: SheetModel): Promise<void> {
  const views: Partial<ExcelJS.WorksheetView>[] =
    sheet.frozenRows > 0 || sheet.frozenCols > 0
      ? [
          {
            state: 'frozen',
            xSplit: sheet.frozenCols,
            ySplit: sheet.frozenRows,
            topLeftCell: a1(sheet.frozenRows + 1, sheet.frozenCols + 1),
          },
        ]
      : [];
  const ws = wb.addWorksheet(sheet.name, { views });
  sheet.widths.forEach((w, i) => {
    if (w > 0) ws.getColumn(i + 1).width = w;
  });

  const unlocked = inRanges(sheet.editable);
  // One style object per style name: exceljs then finds each cell's style id by identity
  // instead of serialising every cell's style to XML (most of writing a 130-unit summary).
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (name: string | undefined, open: boolean) => {
    const key = `${name ?? ''}\0${open}`;
    let style = styles.get(key);
    if (!style) {
      style = excelStyle(name ? STYLES[name as StyleName] : undefined, open);
      styles.set(key, style);
    }
    return style;
  };
  const styled = new Set<string>();
  sheet.rows.forEach((row, r) => {
    row.forEach((model, c) => {
      if (!model) return;
      const key = `${r + 1}:${c + 1}`;
      const cell = ws.getCell(r + 1, c + 1);
      setValue(cell, model);
      cell.style = styleOf(model.s, unlocked.has(key));
      styled.add(key);
    });
  });
  for (const key of unlocked) {
    if (styled.has(key)) continue;
    const [r, c] = key.split(':').map(Number);
    ws.getCell(r, c).style = styleOf(undefined, true);
  }

  setRowHeights(ws, sheet);

  for (const m of sheet.merges) {
    if (m.rows * m.cols > 1) ws.mergeCells(m.row, m.col, m.row + m.rows - 1, m.col + m.cols - 1);
  }
  // exceljs accepts a range address here (its typings only declare per-cell validation).
  const validations = (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  for (const v of sheet.validations) {
    const rule = dataValidation(v);
    if (rule) validations.add(rangeA1(v.range), rule);
  }
  sheet.conditionals.forEach((c, i) => {
    ws.addConditionalFormatting(conditional(c, i + 1));
  });
  // sheet.charts: not supported by exceljs (see the module comment).
  setPrint(ws, sheet);
  if (sheet.filter) ws.autoFilter = rangeA1(sheet.filter);

  if (sheet.editable.length > 0) {
    await ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    });
  }
}

/** Build the exceljs workbook for a model. */
export async function toExcel(model: WorkbookModel, options: WriteOptions = {}): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const when = options.now ?? new Date();
  wb.creator = 'tonghop';
  wb.lastModifiedBy = 'tonghop';
  wb.created = when;
  wb.modified = when;
  wb.calcProperties = { fullCalcOnLoad: true };
  for (const sheet of model.sheets) await addSheet(wb, sheet);
  return wb;
}

export async function toXlsxBuffer(model: WorkbookModel, options: WriteOptions = {}): Promise<Buffer> {
  const wb = await toExcel(model, options);
  // Fastest deflate level: a summary workbook is small either way (level 6, the default,
  // spends ~3× the time for a file a few percent smaller).
  return Buffer.from(await wb.xlsx.writeBuffer(WRITE_OPTIONS));
}

const WRITE_OPTIONS: Partial<ExcelJS.XlsxWriteOptions> = {
  zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } },
};

export async function writeXlsx(model: WorkbookModel, file: string, options: WriteOptions = {}): Promise<void> {
  writeOutput(file, await toXlsxBuffer(model, options));
}
