/**
 * The summary written in ONE Sheets API call: `spreadsheets.batchUpdate`.
 *
 * Writing four formatted sheets with SpreadsheetApp costs ~300 service calls (values,
 * formats, merges, widths, validations, protections, the temporary-sheet copy) and leaves
 * a window where a failure needs undoing by hand. Here the whole write is one request
 * list, sent with one UrlFetchApp.fetch:
 *
 *   1. leftovers of a run that died ("~ …" sheets) deleted — an old sheet left under its
 *      backup name by an earlier version is taken back as the sheet to rewrite;
 *   2. every summary sheet that exists is rewritten IN PLACE, keeping its sheetId: formulas
 *      and charts the user built elsewhere on it (='Tổng hợp 2018-09'!D5) are bound to that
 *      id by Google and would turn to #REF! if the sheet were deleted and made again. It is
 *      emptied (clearSheetRequests: the add-on's warning-only protection, charts and
 *      conditional formats deleted, cells unmerged, updateCells "*" over the whole sheet, grid
 *      resized) and filled as a new one is: updateCells (values + formats), updateBorders,
 *      mergeCells, updateDimensionProperties (widths), setDataValidation,
 *      addConditionalFormatRule, addChart, addProtectedRange. Protections the user made (one
 *      restricting who may edit the sheet, a range's) stay, as with SpreadsheetApp; a sheet
 *      its user protected whole gets no warning on top. A sheet that does not exist yet is
 *      added and filled;
 *   3. "Dữ liệu" rewritten in place (that period's rows replaced, the others kept).
 *
 * Google applies a batchUpdate atomically: "Each request is validated before being
 * applied. If any request is not valid then the entire request will fail and nothing will
 * be applied … it is guaranteed that the updates in the request will be applied together
 * atomically" (Sheets API reference, spreadsheets.batchUpdate). So on any failure the
 * previous summary and "Dữ liệu" stay whole, and a retry of a failed call never writes
 * twice. A retry after an *unknown* outcome (network error) is safe too: if the first
 * attempt was applied the second is refused — it adds sheetIds that now exist, deletes the
 * protected ranges (and charts) that the first deleted — and that is then checked
 * (SummaryBatch.applied: the new sheets there, each rewritten sheet carrying the warning it
 * did not have, its old charts gone). Were none of those in the batch (every sheet rewritten,
 * none with the add-on's warning or a chart), a retry applied again writes the same values
 * (every write is to fixed cells); only color rules or a warning could come twice.
 *
 * Commune text is always `stringValue` (never `formulaValue`): Sheets stores it as text
 * even when it starts with = + - @. Only formulas the engine built (CellModel.f) are formulas.
 *
 * Payload: the Sheets API has no hard size limit but Google recommends at most 2 MB per
 * request (Sheets API "Usage limits"); requests above 10 MB have been refused ("Request
 * payload size exceeds the limit: 10485760 bytes"). "Dữ liệu" is therefore rewritten only
 * from its first changed row, and when the batch would still exceed MAX_PAYLOAD_BYTES the
 * caller writes "Dữ liệu" separately (writeLongRows).
 *
 * Scopes: spreadsheets + script.external_request (already in appsscript.json). If the
 * Sheets API is not usable at all (401/403 "has not been used in project … or it is
 * disabled", network failure) SheetsApiUnavailable is thrown and the caller falls back to
 * the SpreadsheetApp writer (render.ts + replaceSheets).
 */
import type { CellModel, ChartModel, RangeRef, SheetModel, ValidationModel } from '../engine/report/model';
import { colLetter } from '../engine/sheet/layout';
import { legacySignsFormula } from '../engine/text/legacy';
import type { Grid } from '../engine/types';
import { SHEETS_WRITE as W } from '../messages/vi/gas';
import { batchGetUrl, errorDetail, header, RETRYABLE, SHEETS_API_BASE, valuesToPlainGrid } from './io/sheets-api';
import {
  borderBlocks,
  cellSpec,
  GENERAL,
  gridSize,
  groupConditionals,
  groupValidations,
  modelSize,
  SPARE_COLS,
  SPARE_ROWS,
  TEXT,
  TRIM_SLACK_COLS,
  TRIM_SLACK_ROWS,
  widthPx,
} from './render';

// ---------------------------------------------------------------- request shapes (subset)

export interface GridRange {
  sheetId: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

export interface Color {
  red: number;
  green: number;
  blue: number;
}

export interface CellFormat {
  numberFormat?: { type: string; pattern: string };
  backgroundColor?: Color;
  textFormat?: { bold?: boolean; italic?: boolean; fontSize?: number; foregroundColor?: Color };
  horizontalAlignment?: 'LEFT' | 'CENTER' | 'RIGHT';
  verticalAlignment?: 'TOP' | 'MIDDLE' | 'BOTTOM';
  wrapStrategy?: 'WRAP' | 'OVERFLOW_CELL' | 'CLIP';
}

export interface ExtendedValue {
  numberValue?: number;
  stringValue?: string;
  boolValue?: boolean;
  formulaValue?: string;
}

export interface CellData {
  userEnteredValue?: ExtendedValue;
  userEnteredFormat?: CellFormat;
}

export type Request = Record<string, unknown>;

/** What the add-on knows of a sheet of the master (spreadsheets.get sheets.properties). */
export interface SheetMeta {
  sheetId: number;
  title: string;
  index: number;
  rowCount?: number;
  columnCount?: number;
  /** Its protected ranges (the whole-sheet warning a summary sheet gets, any the user added). */
  protectedRanges?: ProtectedRangeMeta[];
  /** Its charts (embedded objects). */
  chartIds?: number[];
  /** How many conditional format rules it has. */
  conditionalFormats?: number;
}

/** What the add-on needs of a protected range (spreadsheets.get sheets.protectedRanges). */
export interface ProtectedRangeMeta {
  protectedRangeId: number;
  /** Its range is the whole sheet ("fully unbounded": a protected sheet). */
  wholeSheet?: boolean;
  /** Only a warning; false: only its editors may edit. */
  warningOnly?: boolean;
}

/**
 * The protection the add-on gives a summary sheet: the whole sheet, warning only. Any other
 * is the user's (an admin restricting who may edit, a range) and stays on a rewrite.
 */
export const isAddonProtection = (p: ProtectedRangeMeta) => Boolean(p.wholeSheet && p.warningOnly);

/** Whether a rewritten sheet gets the add-on's warning: not when its user protected it whole. */
const getsWarning = (old: SheetMeta | undefined) =>
  !(old?.protectedRanges ?? []).some((p) => p.wholeSheet && !isAddonProtection(p));

// ---------------------------------------------------------------- cells

/** '#D9E2F3' → {red, green, blue} in 0..1. */
export function hexColor(hex: string): Color {
  const h = hex.replace('#', '');
  const n = (i: number) => Math.round((parseInt(h.slice(i, i + 2), 16) / 255) * 1e4) / 1e4;
  return { red: n(0), green: n(2), blue: n(4) };
}

/** The API number format of a Sheets pattern ("@" text, "#,##0" number, "0.0%" percent …). */
export function numberFormat(pattern: string): { type: string; pattern: string } {
  if (pattern === TEXT) return { type: 'TEXT', pattern };
  if (pattern.includes('%')) return { type: 'PERCENT', pattern };
  if (/[dy]/i.test(pattern) && !/[#0]/.test(pattern)) return { type: 'DATE', pattern };
  return { type: 'NUMBER', pattern };
}

export function extendedValue(v: unknown): ExtendedValue | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? { numberValue: v } : { stringValue: String(v) };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'string') return v === '' ? undefined : { stringValue: v };
  if (v === null || v === undefined) return undefined;
  return { stringValue: String(v) };
}

/** One cell of a model as CellData, with the formats render.ts gives it. */
export function cellData(cell: CellModel | null, spec = cellSpec(cell)): CellData {
  const { value, format, style: st, formula } = spec;
  const out: CellData = {};
  if (formula) out.userEnteredValue = { formulaValue: formula };
  else {
    const v = extendedValue(value);
    if (v) out.userEnteredValue = v;
  }
  const f: CellFormat = {};
  if (format !== GENERAL) f.numberFormat = numberFormat(format);
  if (st.fill) f.backgroundColor = hexColor(st.fill);
  const text: NonNullable<CellFormat['textFormat']> = {};
  if (st.bold) text.bold = true;
  if (st.italic) text.italic = true;
  if (st.size && st.size !== 10) text.fontSize = st.size;
  if (st.color) text.foregroundColor = hexColor(st.color);
  if (Object.keys(text).length) f.textFormat = text;
  // Unset alignment is Sheets' automatic one (numbers right, text left), as render.ts leaves it;
  // the vertical alignment is one repeatCell for the whole block (sheetContentRequests).
  if (st.align) f.horizontalAlignment = st.align.toUpperCase() as CellFormat['horizontalAlignment'];
  if (st.wrap) f.wrapStrategy = 'WRAP';
  if (Object.keys(f).length) out.userEnteredFormat = f;
  return out;
}

const CELL_FIELDS =
  'userEnteredValue,userEnteredFormat(numberFormat,backgroundColor,textFormat,horizontalAlignment,wrapStrategy)';

function gridRange(sheetId: number, ref: RangeRef): GridRange {
  return {
    sheetId,
    startRowIndex: ref.row - 1,
    endRowIndex: ref.row - 1 + ref.rows,
    startColumnIndex: ref.col - 1,
    endColumnIndex: ref.col - 1 + ref.cols,
  };
}

function validationRequest(sheetId: number, v: ValidationModel): Request {
  const topLeft = `${colLetter(v.range.col)}${v.range.row}`;
  const condition =
    v.kind === 'nonNegativeNumber'
      ? { type: 'NUMBER_GREATER_THAN_EQ', values: [{ userEnteredValue: '0' }] }
      : v.kind === 'nonNegativeInteger'
        ? {
            type: 'CUSTOM_FORMULA',
            values: [{ userEnteredValue: `=AND(ISNUMBER(${topLeft}),${topLeft}>=0,INT(${topLeft})=${topLeft})` }],
          }
        : v.kind === 'unicodeText'
          ? { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: legacySignsFormula(topLeft) }] }
          : { type: 'DATE_IS_VALID' };
  return {
    setDataValidation: {
      range: gridRange(sheetId, v.range),
      // Text in an old code is read all the same (and said so): a warning, never a refusal.
      rule: { condition, inputMessage: v.help, strict: v.kind !== 'unicodeText', showCustomUi: false },
    },
  };
}

function chartRequest(sheetId: number, chart: ChartModel): Request {
  const source = (ref: RangeRef) => ({ sourceRange: { sources: [gridRange(sheetId, ref)] } });
  return {
    addChart: {
      chart: {
        spec: {
          title: chart.title,
          basicChart: {
            chartType: 'COLUMN',
            legendPosition: 'BOTTOM_LEGEND',
            headerCount: 1,
            domains: [{ domain: source(chart.categories) }],
            series: chart.series.map((s) => ({ series: source(s), targetAxis: 'LEFT_AXIS' })),
          },
        },
        position: {
          overlayPosition: {
            anchorCell: { sheetId, rowIndex: chart.anchor.row - 1, columnIndex: chart.anchor.col - 1 },
          },
        },
      },
    },
  };
}

/**
 * The requests that fill a new, empty sheet `sheetId` with `model`, as renderSheet does
 * with SpreadsheetApp, plus (`warn`) its warning-only protection (description: the sheet's name).
 */
export function sheetContentRequests(model: SheetModel, sheetId: number, warn = true): Request[] {
  const { rows, cols } = modelSize(model);
  const out: Request[] = [];
  const data: { values: CellData[] }[] = [];
  const bordered: boolean[][] = [];
  for (let r = 0; r < rows; r++) {
    const src = model.rows[r] ?? [];
    const values: CellData[] = [];
    const b: boolean[] = [];
    for (let c = 0; c < cols; c++) {
      const cell = src[c] ?? null;
      const spec = cellSpec(cell);
      values.push(cellData(cell, spec));
      b.push(Boolean(spec.style.border));
    }
    data.push({ values });
    bordered.push(b);
  }
  out.push({
    updateCells: { start: { sheetId, rowIndex: 0, columnIndex: 0 }, rows: data, fields: CELL_FIELDS },
  });
  out.push({
    repeatCell: {
      range: gridRange(sheetId, { row: 1, col: 1, rows, cols }),
      cell: { userEnteredFormat: { verticalAlignment: 'MIDDLE' } },
      fields: 'userEnteredFormat.verticalAlignment',
    },
  });
  const solid = { style: 'SOLID' };
  for (const b of borderBlocks(bordered)) {
    out.push({
      updateBorders: {
        range: gridRange(sheetId, b),
        top: solid,
        bottom: solid,
        left: solid,
        right: solid,
        innerHorizontal: solid,
        innerVertical: solid,
      },
    });
  }
  for (const m of model.merges) {
    if (m.rows > 1 || m.cols > 1) out.push({ mergeCells: { range: gridRange(sheetId, m), mergeType: 'MERGE_ALL' } });
  }
  for (let c = 0; c < model.widths.length; ) {
    let end = c;
    while (end + 1 < model.widths.length && model.widths[end + 1] === model.widths[c]) end++;
    if (model.widths[c] > 0) {
      out.push({
        updateDimensionProperties: {
          range: { sheetId, dimension: 'COLUMNS', startIndex: c, endIndex: end + 1 },
          properties: { pixelSize: widthPx(model.widths[c]) },
          fields: 'pixelSize',
        },
      });
    }
    c = end + 1;
  }
  for (const v of groupValidations(model.validations)) out.push(validationRequest(sheetId, v));
  groupConditionals(model.conditionals).forEach((g, i) => {
    out.push({
      addConditionalFormatRule: {
        index: i,
        rule: {
          ranges: g.ranges.map((r) => gridRange(sheetId, r)),
          booleanRule: {
            condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: g.formula }] },
            format: { backgroundColor: hexColor(g.style === 'error' ? '#F8CBAD' : '#FFF2CC') },
          },
        },
      },
    });
  });
  for (const chart of model.charts) out.push(chartRequest(sheetId, chart));
  if (warn)
    out.push({
      addProtectedRange: { protectedRange: { range: { sheetId }, description: model.name, warningOnly: true } },
    });
  return out;
}

// ---------------------------------------------------------------- the whole batch

/** Prefix of the temporary sheets a run writes into before replacing the old ones (both writers). */
export const TEMP_PREFIX = '~ ';
/** Prefix of an old sheet between the swap and its deletion (starts like TEMP_PREFIX: a temporary sheet too). */
export const BACKUP_PREFIX = `${TEMP_PREFIX}(cũ) `;
/** Google's limit on a sheet's name. */
export const SHEET_NAME_MAX = 100;
/** The temporary name of a sheet being written. */
export const tempName = (name: string) => (TEMP_PREFIX + name).slice(0, SHEET_NAME_MAX);
/** Name an old sheet has between the swap and its deletion (a temporary name too: "~ (cũ) …"). */
export const backupName = (name: string) => (BACKUP_PREFIX + name).slice(0, SHEET_NAME_MAX);
/** Sheets titles are unique regardless of case. */
const key = (title: string) => title.toLowerCase();

/** "Dữ liệu" rewritten in place: the new block (header first) and what the sheet held. */
export interface DataRewrite {
  title: string;
  /** Header + rows, every row as wide as the header. */
  all: (string | number | boolean)[][];
  /** The sheet's values as read before (getValues-like; [] when absent or empty). */
  existing: Grid;
  /** 0-based column holding numbers; the others are text ("@"). */
  valueCol: number;
  /** Columns of the long format; those after it are the user's: their values are written back, formats left. */
  ownCols?: number;
  /** A text column of ours past the user's ("Số liệu chưa đủ kỳ" added to an older sheet that had some). */
  extraTextCol?: number;
  /** A column of ours the sheet's header did not have: its header cell is made bold as the others. */
  newHeaderCol?: number;
}

export interface SummaryBatchInput {
  models: SheetModel[];
  /** The master's sheets now. */
  sheets: SheetMeta[];
  data?: DataRewrite | null;
  /** New sheetIds (default: random, unused). */
  newId?: () => number;
}

export interface SummaryBatch {
  requests: Request[];
  /** sheetId of each model's sheet (kept or new), in model order. */
  sheetIds: number[];
  /** sheetId of "Dữ liệu" (new or existing), when rewritten. */
  dataSheetId: number | null;
  /**
   * Whether the master's sheets as read after the batch (`now`) show it applied: every new
   * sheet there under its name, every rewritten sheet with the warning it did not have before
   * (when it gets one) and without its old charts.
   */
  applied: (now: SheetMeta[]) => boolean;
}

function idMaker(used: Set<number>, base?: () => number): () => number {
  return () => {
    for (;;) {
      const id = base ? base() : 1 + Math.floor(Math.random() * 2_000_000_000);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}

function sameCell(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === null || v === undefined ? '' : v);
  return norm(a) === norm(b);
}

/** First row (0-based) where `all` and `existing` differ; all.length when none does. */
export function firstChangedRow(all: unknown[][], existing: Grid): number {
  for (let r = 0; r < all.length; r++) {
    const a = all[r];
    const e = existing[r] ?? [];
    for (let c = 0; c < a.length; c++) if (!sameCell(a[c], e[c])) return r;
  }
  return all.length;
}

function rowData(rows: readonly (readonly unknown[])[]): { values: CellData[] }[] {
  return rows.map((r) => ({
    values: r.map((v): CellData => {
      const ev = extendedValue(v);
      return ev ? { userEnteredValue: ev } : {};
    }),
  }));
}

function dataRequests(
  d: DataRewrite,
  meta: SheetMeta | undefined,
  newId: () => number,
): { id: number; requests: Request[] } {
  const out: Request[] = [];
  const cols = d.all[0]?.length ?? 1;
  const existing = d.existing;
  const hadData = existing.some((r) => r.some((v) => v !== '' && v !== null && v !== undefined));
  const oldRows = hadData ? existing.length : 0;
  const oldCols = hadData ? existing.reduce((n, r) => Math.max(n, r.length), 0) : 0;
  let id: number;
  let from = 0;
  let header = false;
  if (!meta) {
    id = newId();
    out.push({
      addSheet: {
        properties: {
          sheetId: id,
          title: d.title,
          gridProperties: {
            rowCount: d.all.length + SPARE_ROWS,
            columnCount: cols + SPARE_COLS,
            frozenRowCount: 1,
          },
        },
      },
    });
  } else {
    id = meta.sheetId;
    // A header changed alone (a column of ours added) is written apart: the rows below stay unsent.
    from = hadData ? firstChangedRow(d.all, existing) : 0;
    if (from === 0 && hadData) {
      from = 1 + firstChangedRow(d.all.slice(1), existing.slice(1));
      header = true;
    }
    if (meta.rowCount === undefined) {
      // Size unknown: make it exactly what the data needs (rows past the old data are empty).
      out.push({
        updateSheetProperties: {
          properties: { sheetId: id, gridProperties: { rowCount: Math.max(d.all.length, oldRows, 1) } },
          fields: 'gridProperties.rowCount',
        },
      });
    } else if (meta.rowCount < d.all.length) {
      // Grown with the spare rows a new sheet gets, so there is room to type below the data.
      const length = d.all.length + SPARE_ROWS - meta.rowCount;
      out.push({ appendDimension: { sheetId: id, dimension: 'ROWS', length } });
    }
    if (meta.columnCount !== undefined && meta.columnCount < cols)
      out.push({ appendDimension: { sheetId: id, dimension: 'COLUMNS', length: cols - meta.columnCount } });
    // Made by an earlier version at Google's 1,000 × 26: the empty rows and columns past the data
    // (the user's own included) and the spare go, as trimEmptyGrid cuts a commune's tab.
    const keepRows = Math.max(d.all.length, oldRows) + SPARE_ROWS;
    const keepCols = Math.max(cols, oldCols) + SPARE_COLS;
    const cut = (dimension: 'ROWS' | 'COLUMNS', startIndex: number, endIndex: number) =>
      out.push({ deleteDimension: { range: { sheetId: id, dimension, startIndex, endIndex } } });
    if (meta.rowCount !== undefined && meta.rowCount > keepRows + TRIM_SLACK_ROWS) cut('ROWS', keepRows, meta.rowCount);
    if (meta.columnCount !== undefined && meta.columnCount > keepCols + TRIM_SLACK_COLS)
      cut('COLUMNS', keepCols, meta.columnCount);
  }
  // Formats by column, not per cell (a third of the payload): text everywhere but the
  // numbers of the value column (automatic); the header row all text.
  const span = (r0: number, r1: number, c0: number, c1: number, text: boolean): Request => ({
    repeatCell: {
      range: { sheetId: id, startRowIndex: r0, endRowIndex: r1, startColumnIndex: c0, endColumnIndex: c1 },
      cell: text ? { userEnteredFormat: { numberFormat: numberFormat(TEXT) } } : {},
      fields: 'userEnteredFormat.numberFormat',
    },
  });
  const own = Math.min(d.ownCols ?? cols, cols);
  const extra = d.extraTextCol !== undefined && d.extraTextCol < cols ? d.extraTextCol : null;
  const textHead = () => {
    out.push(span(0, 1, 0, own, true));
    if (extra !== null) out.push(span(0, 1, extra, extra + 1, true));
  };
  if (header) {
    out.push({
      updateCells: {
        start: { sheetId: id, rowIndex: 0, columnIndex: 0 },
        rows: rowData([d.all[0]]),
        fields: 'userEnteredValue',
      },
    });
    textHead();
    // The column added: text down to the last row, the kept rows' (blank) cells too.
    const added = d.newHeaderCol;
    if (added !== undefined && added < cols) out.push(span(1, d.all.length, added, added + 1, true));
  }
  const rows = rowData(d.all.slice(from));
  if (rows.length) {
    out.push({
      updateCells: { start: { sheetId: id, rowIndex: from, columnIndex: 0 }, rows, fields: 'userEnteredValue' },
    });
    const body = Math.max(from, 1);
    if (from === 0) textHead();
    if (body < d.all.length) {
      if (d.valueCol > 0) out.push(span(body, d.all.length, 0, d.valueCol, true));
      out.push(span(body, d.all.length, d.valueCol, d.valueCol + 1, false));
      if (d.valueCol + 1 < own) out.push(span(body, d.all.length, d.valueCol + 1, own, true));
      if (extra !== null) out.push(span(body, d.all.length, extra, extra + 1, true));
    }
  }
  // Rows and columns of the old block beyond the new one: cleared (no rows + a field mask clears).
  if (oldRows > d.all.length) {
    out.push({
      updateCells: {
        range: {
          sheetId: id,
          startRowIndex: d.all.length,
          endRowIndex: oldRows,
          startColumnIndex: 0,
          endColumnIndex: Math.max(oldCols, cols),
        },
        fields: 'userEnteredValue',
      },
    });
  }
  if (oldCols > cols) {
    out.push({
      updateCells: {
        range: {
          sheetId: id,
          startRowIndex: 0,
          endRowIndex: Math.min(oldRows, d.all.length),
          startColumnIndex: cols,
          endColumnIndex: oldCols,
        },
        fields: 'userEnteredValue',
      },
    });
  }
  if (hadData && d.newHeaderCol !== undefined && d.newHeaderCol < cols)
    out.push({
      repeatCell: {
        range: {
          sheetId: id,
          startRowIndex: 0,
          endRowIndex: 1,
          startColumnIndex: d.newHeaderCol,
          endColumnIndex: d.newHeaderCol + 1,
        },
        cell: { userEnteredFormat: { textFormat: { bold: true } } },
        fields: 'userEnteredFormat.textFormat.bold',
      },
    });
  if (!hadData) {
    if (meta)
      out.push({
        updateSheetProperties: {
          properties: { sheetId: id, gridProperties: { frozenRowCount: 1 } },
          fields: 'gridProperties.frozenRowCount',
        },
      });
    out.push({
      repeatCell: {
        range: { sheetId: id, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: cols },
        cell: { userEnteredFormat: { textFormat: { bold: true } } },
        fields: 'userEnteredFormat.textFormat.bold',
      },
    });
  }
  return { id, requests: out };
}

/** Google's width of a column no one has resized (pixels). */
export const DEFAULT_COLUMN_PX = 100;

/**
 * The requests that empty an existing sheet (same sheetId) so that sheetContentRequests can
 * fill it as if new: the add-on's protection (isAddonProtection; the user's stay), its charts
 * and conditional formats deleted, its cells
 * unmerged and cleared of everything (values, formats, borders, notes, validation: updateCells
 * over the whole sheet with fields "*" and no rows), its grid resized to the model's and its
 * frozen rows and columns set, the widths of the columns the model does not size reset.
 */
export function clearSheetRequests(model: SheetModel, old: SheetMeta): Request[] {
  const id = old.sheetId;
  const out: Request[] = [];
  for (const p of old.protectedRanges ?? [])
    if (isAddonProtection(p)) out.push({ deleteProtectedRange: { protectedRangeId: p.protectedRangeId } });
  for (const cid of old.chartIds ?? []) out.push({ deleteEmbeddedObject: { objectId: cid } });
  // From the last: each deletion shifts the indexes after it.
  for (let i = (old.conditionalFormats ?? 0) - 1; i >= 0; i--)
    out.push({ deleteConditionalFormatRule: { sheetId: id, index: i } });
  out.push({ unmergeCells: { range: { sheetId: id } } });
  out.push({ updateCells: { range: { sheetId: id }, fields: '*' } });
  const { rows, cols } = gridSize(model);
  const properties: Record<string, unknown> = {
    sheetId: id,
    gridProperties: {
      rowCount: rows,
      columnCount: cols,
      frozenRowCount: model.frozenRows || 0,
      frozenColumnCount: model.frozenCols || 0,
    },
  };
  let fields = 'gridProperties(rowCount,columnCount,frozenRowCount,frozenColumnCount)';
  // A name differing only in case (titles are unique regardless of case), or a backup name.
  if (old.title !== model.name) {
    properties.title = model.name;
    fields += ',title';
  }
  out.push({ updateSheetProperties: { properties, fields } });
  for (let c = 0; c < cols; ) {
    if ((model.widths[c] ?? 0) > 0) {
      c++;
      continue;
    }
    let end = c;
    while (end + 1 < cols && !((model.widths[end + 1] ?? 0) > 0)) end++;
    out.push({
      updateDimensionProperties: {
        range: { sheetId: id, dimension: 'COLUMNS', startIndex: c, endIndex: end + 1 },
        properties: { pixelSize: DEFAULT_COLUMN_PX },
        fields: 'pixelSize',
      },
    });
    c = end + 1;
  }
  return out;
}

/**
 * The one batchUpdate that rewrites the summary sheets (and "Dữ liệu"): see the file comment
 * for the order. A summary sheet that exists keeps its sheetId (what the user's formulas and
 * charts elsewhere point at) and is emptied and refilled; one that does not is added. Pure:
 * the master's sheets come in `input.sheets`.
 */
export function buildSummaryBatch(input: SummaryBatchInput): SummaryBatch {
  const byKey = new Map<string, SheetMeta>();
  for (const s of input.sheets) byKey.set(key(s.title), s);
  const newId = idMaker(new Set(input.sheets.map((s) => s.sheetId)), input.newId);
  const requests: Request[] = [];
  const deleted = new Set<number>();
  const del = (s: SheetMeta) => {
    if (deleted.has(s.sheetId)) return;
    deleted.add(s.sheetId);
    requests.push({ deleteSheet: { sheetId: s.sheetId } });
  };
  // 1. Leftovers of a run that died (or of an earlier version, which swapped sheets): temporary
  // sheets go; an old sheet left under its backup name is the sheet to rewrite (renamed back)
  // when its own name is free, else it goes.
  const olds = new Map<string, SheetMeta>();
  for (const m of input.models) {
    const temp = byKey.get(key(tempName(m.name)));
    if (temp) del(temp);
    const own = byKey.get(key(m.name));
    const orphan = byKey.get(key(backupName(m.name)));
    if (own) olds.set(m.name, own);
    else if (orphan) olds.set(m.name, orphan);
    if (orphan && own) del(orphan);
  }
  // 2. Each sheet emptied and refilled in place, or added (at the end) and filled.
  const sheetIds: number[] = [];
  const added = new Set<number>();
  for (const m of input.models) {
    const old = olds.get(m.name);
    let id: number;
    if (old) {
      id = old.sheetId;
      requests.push(...clearSheetRequests(m, old));
    } else {
      id = newId();
      added.add(id);
      const { rows, cols } = gridSize(m);
      requests.push({
        addSheet: {
          properties: {
            sheetId: id,
            title: m.name,
            gridProperties: {
              rowCount: rows,
              columnCount: cols,
              frozenRowCount: m.frozenRows || undefined,
              frozenColumnCount: m.frozenCols || undefined,
            },
          },
        },
      });
    }
    sheetIds.push(id);
    requests.push(...sheetContentRequests(m, id, getsWarning(old)));
  }
  // 3. "Dữ liệu".
  let dataSheetId: number | null = null;
  if (input.data) {
    const d = dataRequests(input.data, byKey.get(key(input.data.title)), newId);
    dataSheetId = d.id;
    requests.push(...d.requests);
  }
  // The batch is applied whole or not at all: one sign of it (a new sheet, a new warning, old
  // charts gone) with none against it is enough; no sign at all is not applied.
  const applied = (now: SheetMeta[]) => {
    let signs = 0;
    for (const [i, m] of input.models.entries()) {
      const s = now.find((x) => x.sheetId === sheetIds[i]);
      if (!s || s.title !== m.name) return false;
      if (added.has(sheetIds[i])) {
        signs++;
        continue;
      }
      const old = olds.get(m.name);
      if (getsWarning(old)) {
        const before = new Set((old?.protectedRanges ?? []).map((p) => p.protectedRangeId));
        if (!(s.protectedRanges ?? []).some((p) => isAddonProtection(p) && !before.has(p.protectedRangeId)))
          return false;
        signs++;
      }
      const charts = old?.chartIds ?? [];
      if (charts.length) {
        if (charts.some((c) => s.chartIds?.includes(c))) return false;
        signs++;
      }
    }
    return signs > 0;
  };
  return { requests, sheetIds, dataSheetId, applied };
}

// ---------------------------------------------------------------- sending

/** The Sheets API cannot be used at all (disabled, no token, network): use SpreadsheetApp. */
export class SheetsApiUnavailable extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'SheetsApiUnavailable';
  }
}

/** The batchUpdate failed; nothing was written. `message` is Vietnamese, `original` Google's text. */
export class SheetsWriteError extends Error {
  constructor(
    message: string,
    readonly original: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'SheetsWriteError';
  }
}

export interface SendOptions {
  token?: string;
  /** Waits before the 2nd and 3rd try of a 429/5xx/network failure (ms). */
  delays?: number[];
  sleep?: (ms: number) => void;
}

export const RETRY_DELAYS_MS = [2000, 6000];
/** Above this the batch goes without "Dữ liệu" (Google: no hard limit, 2 MB recommended; 10 MB refused). */
export const MAX_PAYLOAD_BYTES = 8_000_000;

/** Google's error message of an answer, for "Nhật ký" (longer than the reader's). */
const apiMessage = (body: string) => errorDetail(body, 300);

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/^Exception:\s*/, '');

/** What the master looks like before the write: its sheets, and the values of "Dữ liệu". */
export interface MasterState {
  sheets: SheetMeta[];
  /** "Dữ liệu" as getValues() would give it ([] when the sheet is absent or empty). */
  data: Grid;
}

/** spreadsheets.get of the master's tabs with their grid sizes (the reader's metadataUrl has no sizes). */
export function masterSheetsUrl(spreadsheetId: string): string {
  return (
    `${SHEETS_API_BASE}${encodeURIComponent(spreadsheetId)}` +
    `?fields=${encodeURIComponent(
      'sheets(properties(sheetId,title,index,gridProperties(rowCount,columnCount)),' +
        'protectedRanges(protectedRangeId,range,namedRangeId,warningOnly),charts.chartId,' +
        'conditionalFormats.ranges.sheetId)',
    )}`
  );
}

interface ApiProtectedRange {
  protectedRangeId?: unknown;
  range?: Record<string, unknown>;
  namedRangeId?: unknown;
  warningOnly?: unknown;
}

function protectedRangeMeta(p: ApiProtectedRange): ProtectedRangeMeta | null {
  const id = Number(p.protectedRangeId);
  if (!Number.isFinite(id)) return null;
  // "The range may be fully unbounded, in which case this is considered a protected sheet."
  const bounds = ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'];
  const wholeSheet = !p.namedRangeId && !bounds.some((b) => p.range?.[b] !== undefined);
  return { protectedRangeId: id, wholeSheet, warningOnly: p.warningOnly === true };
}

function parseSheets(body: string): SheetMeta[] {
  const json = JSON.parse(body) as {
    sheets?: {
      properties?: Record<string, unknown>;
      protectedRanges?: ApiProtectedRange[];
      charts?: { chartId?: unknown }[];
      conditionalFormats?: unknown[];
    }[];
  };
  const ids = (list: unknown[] | undefined, pick: (x: never) => unknown) =>
    (list ?? []).map((x) => Number(pick(x as never))).filter((n) => Number.isFinite(n));
  return (json.sheets ?? []).map((s, i) => {
    const p = s.properties ?? {};
    const g = (p.gridProperties ?? {}) as { rowCount?: number; columnCount?: number };
    return {
      sheetId: Number(p.sheetId ?? 0),
      title: String(p.title ?? ''),
      index: typeof p.index === 'number' ? p.index : i,
      rowCount: typeof g.rowCount === 'number' ? g.rowCount : undefined,
      columnCount: typeof g.columnCount === 'number' ? g.columnCount : undefined,
      protectedRanges: (s.protectedRanges ?? []).map(protectedRangeMeta).filter((p) => p !== null),
      chartIds: ids(s.charts, (x: { chartId?: unknown }) => x.chartId),
      conditionalFormats: (s.conditionalFormats ?? []).length,
    };
  });
}

/**
 * The master's sheets and "Dữ liệu"'s values, in ONE service call (UrlFetchApp.fetchAll of
 * spreadsheets.get + values:batchGet). Throws SheetsApiUnavailable when the API cannot be used.
 */
export function readMasterState(spreadsheetId: string, dataTitle: string, token: string): MasterState {
  const headers = { Authorization: `Bearer ${token}` };
  let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[];
  try {
    responses = UrlFetchApp.fetchAll([
      { url: masterSheetsUrl(spreadsheetId), method: 'get', headers, muteHttpExceptions: true },
      { url: batchGetUrl(spreadsheetId, [dataTitle]), method: 'get', headers, muteHttpExceptions: true },
    ]);
  } catch (e) {
    throw new SheetsApiUnavailable(errorText(e), 0);
  }
  const [meta, values] = responses;
  const code = meta.getResponseCode();
  if (code !== 200) throw new SheetsApiUnavailable(`HTTP ${code}: ${apiMessage(meta.getContentText())}`, code);
  let sheets: SheetMeta[];
  try {
    sheets = parseSheets(meta.getContentText());
  } catch {
    throw new SheetsApiUnavailable(W.badAnswer, code);
  }
  const hasData = sheets.some((s) => key(s.title) === key(dataTitle));
  let data: Grid = [];
  if (hasData) {
    const vc = values.getResponseCode();
    if (vc !== 200) throw new SheetsApiUnavailable(`HTTP ${vc}: ${apiMessage(values.getContentText())}`, vc);
    try {
      const json = JSON.parse(values.getContentText()) as { valueRanges?: { values?: unknown }[] };
      data = valuesToPlainGrid(json.valueRanges?.[0]?.values);
    } catch {
      throw new SheetsApiUnavailable(W.badAnswer, vc);
    }
  }
  return { sheets, data };
}

export function batchUpdateUrl(spreadsheetId: string): string {
  return `${SHEETS_API_BASE}${encodeURIComponent(spreadsheetId)}:batchUpdate`;
}

/**
 * POST the batch. 429/5xx and network failures are tried again (RETRY_DELAYS_MS, or
 * Retry-After); 401/403 mean the API is unusable (SheetsApiUnavailable, nothing written);
 * anything else is a SheetsWriteError (nothing written). `applied` is asked after an
 * ambiguous failure (network error, then a refusal): true if the first try did apply.
 */
export function sendBatchUpdate(
  spreadsheetId: string,
  requests: Request[],
  opts: SendOptions & { applied?: () => boolean } = {},
): void {
  const token = opts.token ?? ScriptApp.getOAuthToken();
  const delays = opts.delays ?? RETRY_DELAYS_MS;
  const sleep = opts.sleep ?? ((ms: number) => Utilities.sleep(ms));
  const payload = JSON.stringify({ requests });
  let ambiguous = false;
  for (let attempt = 0; ; attempt++) {
    const last = attempt >= delays.length;
    let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
    try {
      response = UrlFetchApp.fetch(batchUpdateUrl(spreadsheetId), {
        method: 'post',
        contentType: 'application/json',
        headers: { Authorization: `Bearer ${token}` },
        payload,
        muteHttpExceptions: true,
      });
    } catch (e) {
      // No answer: maybe applied, maybe not. A retry is safe (see the file comment).
      ambiguous = true;
      if (last) throw new SheetsWriteError(W.network(attempt + 1), errorText(e), 0);
      sleep(delays[attempt]);
      continue;
    }
    const code = response.getResponseCode();
    if (code === 200) return;
    const body = response.getContentText();
    if (RETRYABLE.has(code)) {
      if (last) throw new SheetsWriteError(W.busy(code, attempt + 1), apiMessage(body), code);
      const ra = Number(header(response.getHeaders() as Record<string, unknown>, 'retry-after'));
      sleep(Number.isFinite(ra) && ra > 0 ? Math.max(delays[attempt], Math.min(ra * 1000, 30_000)) : delays[attempt]);
      continue;
    }
    if (ambiguous && code === 400 && opts.applied?.()) return;
    if (code === 401 || code === 403) throw new SheetsApiUnavailable(`HTTP ${code}: ${apiMessage(body)}`, code);
    throw new SheetsWriteError(W.rejected(code), apiMessage(body), code);
  }
}

/** Size in bytes of the JSON body of a batch (UTF-8). */
export function payloadBytes(requests: Request[]): number {
  const s = JSON.stringify({ requests });
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 2 : 3;
  }
  return n;
}
