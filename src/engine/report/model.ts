/**
 * A renderer-neutral description of a workbook. The engine builds it; the .xlsx
 * writer (src/cli/xlsx) and the Google Sheets writer (src/gas) render it the same
 * way, so the CLI's workbook and the add-on's summary sheet look alike.
 */

export type StyleName =
  | 'title'
  | 'subtitle'
  | 'header'
  | 'group'
  | 'label'
  | 'text'
  | 'integer'
  | 'decimal'
  | 'percent'
  | 'date'
  | 'total'
  | 'note'
  | 'warning'
  | 'error'
  | 'locked'
  /** A line the reader must not miss (a report sheet's months in a merger's year). */
  | 'notice'
  /** A change not like for like: as integer / decimal / percent, with the footnote's "*" after it. */
  | 'integerUneven'
  | 'decimalUneven'
  | 'percentUneven'
  /** A stock's figure "đến nay" holding units' earlier figures: with the footnote's "†" after it. */
  | 'integerCarried'
  | 'decimalCarried';

export interface CellModel {
  /** Value. Strings are always written as plain text, never as formulas. */
  v: string | number | null;
  /** A formula built by the engine itself (never from user text), e.g. "=SUM(E7:P7)". */
  f?: string;
  s?: StyleName;
}

/** Inclusive 1-based cell range. */
export interface RangeRef {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ValidationModel {
  range: RangeRef;
  /** unicodeText: a warning only, for text typed in TCVN3 or VNI (legacySignsFormula). */
  kind: 'nonNegativeInteger' | 'nonNegativeNumber' | 'date' | 'unicodeText';
  /** Vietnamese help text shown on invalid input. */
  help: string;
}

export interface ChartModel {
  title: string;
  /** Category labels (column) and series (columns) as ranges on the same sheet. */
  categories: RangeRef;
  series: RangeRef[];
  /** Where to anchor the chart (1-based row/col). */
  anchor: { row: number; col: number };
}

export interface ConditionalModel {
  range: RangeRef;
  /** Formula relative to the range's top-left cell, true = flag. Engine-made only. */
  formula: string;
  style: 'error' | 'warning';
}

/**
 * How a sheet prints (A4). Only the .xlsx writer applies it: SpreadsheetApp has no print
 * settings (Sheets asks at File › Print), so the add-on's writer ignores it.
 */
export interface PrintModel {
  landscape: boolean;
  /** Pages wide the columns are scaled to fit (the rows run on to as many pages as they need). */
  fitWidth: number;
  /** Rows printed at the top of every page (the table's header), 1-based inclusive. */
  repeatRows?: { first: number; last: number };
  /** Columns printed at the left of every page (the indicator's name), 1-based inclusive. */
  repeatCols?: { first: number; last: number };
}

export interface SheetModel {
  name: string;
  /** Column widths in characters. */
  widths: number[];
  rows: (CellModel | null)[][];
  merges: RangeRef[];
  frozenRows: number;
  frozenCols: number;
  validations: ValidationModel[];
  conditionals: ConditionalModel[];
  charts: ChartModel[];
  /** Ranges users may edit; everything else is locked when the renderer protects the sheet. */
  editable: RangeRef[];
  /** Print settings; none: the spreadsheet program's defaults. */
  print?: PrintModel;
  /** A table (header row first) given filter buttons (.xlsx only, like `print`). */
  filter?: RangeRef;
}

export interface WorkbookModel {
  sheets: SheetModel[];
}

/** Rendering hints for styles; both renderers use this one table. */
export interface StyleSpec {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
  /** Number format (Excel/Sheets syntax). Grouping shows as "." under a Vietnamese locale. */
  numFmt?: string;
  border?: boolean;
}

export const STYLES: Record<StyleName, StyleSpec> = {
  title: { bold: true, size: 14, align: 'center' },
  subtitle: { italic: true, align: 'center' },
  header: { bold: true, fill: '#D9E2F3', align: 'center', wrap: true, border: true },
  group: { bold: true, fill: '#F2F2F2', border: true },
  label: { wrap: true, border: true },
  text: { border: true, numFmt: '@' },
  integer: { numFmt: '#,##0', align: 'right', border: true },
  decimal: { numFmt: '#,##0.##', align: 'right', border: true },
  percent: { numFmt: '0.0%', align: 'right', border: true },
  date: { numFmt: 'dd/mm/yyyy', align: 'center', border: true },
  total: { bold: true, numFmt: '#,##0.##', align: 'right', border: true, fill: '#FFF2CC' },
  note: { italic: true, wrap: true, color: '#595959' },
  warning: { fill: '#FFF2CC', border: true },
  error: { fill: '#F8CBAD', border: true },
  locked: { fill: '#EDEDED', border: true },
  notice: { bold: true, color: '#C00000', wrap: true },
  // The number stays a number (sums, sorting); the marker is only in its format.
  integerUneven: { numFmt: '#,##0"*"', align: 'right', border: true },
  decimalUneven: { numFmt: '#,##0.##"*"', align: 'right', border: true },
  percentUneven: { numFmt: '0.0%"*"', align: 'right', border: true },
  integerCarried: { numFmt: '#,##0" †"', align: 'right', border: true },
  decimalCarried: { numFmt: '#,##0.##" †"', align: 'right', border: true },
};

export function emptySheet(name: string): SheetModel {
  return {
    name,
    widths: [],
    rows: [],
    merges: [],
    frozenRows: 0,
    frozenCols: 0,
    validations: [],
    conditionals: [],
    charts: [],
    editable: [],
  };
}
