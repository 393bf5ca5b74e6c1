/**
 * The summary workbook as a renderer-neutral WorkbookModel (rendered by the .xlsx
 * writer and the Google Sheets writer alike). Sheets, in order:
 *
 *   "Tổng hợp 2018-09"     title, one row per indicator grouped by catalogue group
 *                          (period, year to date, same period last year, the period's
 *                          change and change %, last year's year to date, the year to
 *                          date's change and change %, units with data), the
 *                          completeness block, narrative, notes from the units, excluded
 *                          cells, and a per-unit table of the key indicators with the chart.
 *   "Theo đơn vị"          indicators × units (+ total), values of the period.
 *   "Kiểm tra"             every finding, errors first.
 *   "Huyện Mường Nhé 2018" the aggregate in the commune layout (buildUnitSheet), so the
 *                          level above aggregates this file exactly like a commune's.
 *
 * Decisions:
 * - The chart's data must be on its own sheet (ChartModel ranges are same-sheet), so the
 *   summary sheet ends with a small table "units × key indicators" and the chart is
 *   anchored below it. Its ranges include the header row (series names / "Đơn vị") and
 *   exclude the total row.
 * - The commune-layout sheet uses unit code slug(level + name) ("huyen-muong-nhe") and
 *   sheet name "Huyện Mường Nhé 2018": Mường Nhé district has a commune Mường Nhé
 *   (code "muong-nhe", sheet "Mường Nhé 2018"), and both may live in one spreadsheet.
 *   The level above lists this unit under that code. Its submission-date row carries
 *   the summary's local date for the period's months, so the level above sees the
 *   district as having reported; note indicators carry the units' texts.
 * - Every string is a plain value; the only formulas are buildUnitSheet's own.
 * - No merges cross frozen columns (Google Sheets refuses to freeze through a merge).
 */
import { REPORT_TEXT as T } from '../../messages/vi/report';
import { isUndatedOnly } from '../aggregate/completeness';
import { unitFigures } from '../aggregate/unit-figures';
import { carriedCodes, pastLastMonth, unitsNoun } from '../narrative/narrative';
import { localDateOf } from '../periods/cutoff';
import { formatPeriod, periodLabel, periodMonths } from '../periods/period';
import { buildUnitSheet, distinctName, isoToSerial, unitDisplayName, unitSheetName } from '../sheet/layout';
import { clipText } from '../text/clip';
import type { Catalogue, IndicatorSummary, Period, Settings, Summary, Unit, UnitYear } from '../types';
import { MAX_NOTE_LENGTH } from '../validation/cells';
import { completenessRowOf, isUnreadable, unitPeriod, unitYtd } from './by-code';
import {
  type CellModel,
  emptySheet,
  type RangeRef,
  type SheetModel,
  type StyleName,
  type WorkbookModel,
} from './model';
import { partialMonths, partialUnits, sentSomeMonths } from './partial';
import { remarkLines } from './remarks';
import {
  carriedStockLines,
  completenessLists,
  findingCounts,
  formerGapsText,
  formerMonthsText,
  headingLines,
  isStock,
  keyCarried,
  keyIndicators,
  noteLines,
  openPeriodNote,
  ownMissingMonths,
  rowMissingLines,
  sortedFindings,
  unattributedFilesLine,
  unevenNote,
  unitLabel,
  unreadableFormerLabels,
} from './text';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

/** Excel forbids \ / ? * [ ] : in sheet names and allows at most 31 characters. */
function safeSheetName(name: string): string {
  return name
    .replace(/[\\/?*[\]:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 31);
}

/** "Tổng hợp 2018-09", "Tổng hợp 2018-Q3", "Tổng hợp 2018-6T". */
export function summarySheetName(period: Period): string {
  return safeSheetName(T.summarySheet(formatPeriod(period)));
}

/** "huyện Mường Nhé" → "huyen-muong-nhe" (ASCII, lower case, hyphens). */
export function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐƉ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Code of the aggregate in the commune layout: slug of level and name, "huyen-muong-nhe". */
export function aggregateUnitCode(summary: Pick<Summary, 'settings'>): string {
  const s = summary.settings;
  return slugify(`${s.level} ${s.aggregatingUnitName}`) || 'tong-hop';
}

/** The aggregating unit as its year sheet in the commune layout names it (written and read back). */
export function aggregateUnit(summary: Pick<Summary, 'settings'>): Unit {
  const s = summary.settings;
  return { code: aggregateUnitCode(summary), name: s.aggregatingUnitName, kind: s.level, emails: [] };
}

// ---------------------------------------------------------------- a small grid writer

class Grid {
  readonly rows: (CellModel | null)[][] = [];
  readonly merges: RangeRef[] = [];

  put(row: number, col: number, cell: CellModel): void {
    while (this.rows.length < row) this.rows.push([]);
    const r = this.rows[row - 1];
    while (r.length < col) r.push(null);
    r[col - 1] = cell;
  }

  /** Consecutive cells from (row, col) rightwards. */
  line(row: number, col: number, cells: CellModel[]): void {
    for (let i = 0; i < cells.length; i++) this.put(row, col + i, cells[i]);
  }

  /** A value across `cols` columns (merged), e.g. a title or a paragraph. */
  wide(row: number, cols: number, v: string, s: StyleName): void {
    this.put(row, 1, { v, s });
    if (cols > 1) this.merges.push({ row, col: 1, rows: 1, cols });
  }

  /** Style the empty cells of a row from `from` to `to` (group rows, filled bands). */
  fill(row: number, from: number, to: number, s: StyleName): void {
    for (let c = from; c <= to; c++) {
      const existing = this.rows[row - 1]?.[c - 1];
      if (!existing) this.put(row, c, { v: null, s });
    }
  }

  get next(): number {
    return this.rows.length + 1;
  }

  sheet(name: string): SheetModel {
    const sheet = emptySheet(name);
    sheet.rows = this.rows;
    sheet.merges = this.merges;
    return sheet;
  }
}

const numStyle = (ind: IndicatorSummary): StyleName => (ind.kind === 'amount' ? 'decimal' : 'integer');
const num = (v: number | null, s: StyleName): CellModel => ({ v, s });
const uneven = (s: StyleName): StyleName => (s === 'decimal' ? 'decimalUneven' : 'integerUneven');
const header = (v: string): CellModel => ({ v, s: 'header' });

/** Numeric indicators of the summary, grouped in catalogue group order (unknown groups last). */
/**
 * Group rows (Roman numeral, label) and indicator rows (number, label, unit) from `row` on;
 * `figures` fills columns 4… of each indicator row. Returns the first row after the block.
 */
function indicatorRows(
  g: Grid,
  groups: { label: string; items: IndicatorSummary[] }[],
  row: number,
  lastCol: number,
  figures: (row: number, ind: IndicatorSummary, style: StyleName) => void,
): number {
  groups.forEach((group, gi) => {
    g.put(row, 1, { v: ROMAN[gi] ?? String(gi + 1), s: 'group' });
    g.put(row, 2, { v: group.label, s: 'group' });
    g.fill(row, 3, lastCol, 'group');
    row++;
    group.items.forEach((ind, i) => {
      g.put(row, 1, { v: i + 1, s: 'label' });
      g.put(row, 2, { v: ind.label, s: 'label' });
      g.put(row, 3, { v: ind.unit, s: 'label' });
      figures(row, ind, numStyle(ind));
      row++;
    });
  });
  return row;
}

function groupedIndicators(summary: Summary, catalogue: Catalogue): { label: string; items: IndicatorSummary[] }[] {
  const numeric = summary.indicators.filter((i) => i.kind !== 'note');
  const groups = catalogue.groups.map((g) => ({ code: g.code, label: g.label, items: [] as IndicatorSummary[] }));
  const other = { code: '', label: T.otherGroup, items: [] as IndicatorSummary[] };
  for (const ind of numeric) (groups.find((g) => g.code === ind.group) ?? other).items.push(ind);
  return [...groups, other].filter((g) => g.items.length > 0);
}

/** Units as columns: summary.units order, then any unit only seen in the figures. */
function unitColumns(summary: Summary): { code: string; name: string }[] {
  const cols = summary.units.map((u) => ({ code: u.code, name: u.name }));
  const seen = new Set(cols.map((c) => c.code));
  // Indicators of one summary share one list of units: each list is looked through once.
  const looked = new Set<object>();
  for (const ind of summary.indicators) {
    const figures = unitFigures(ind);
    if (looked.has(figures.source)) continue;
    looked.add(figures.source);
    for (let i = 0; i < figures.length; i++) {
      const code = figures.code(i);
      if (seen.has(code)) continue;
      seen.add(code);
      cols.push({ code, name: figures.name(i) });
    }
  }
  return cols;
}

function statusOf(summary: Summary, code: string): { text: string; style: StyleName } | null {
  const r = completenessRowOf(summary, code);
  if (!r) return null;
  if (r.status === 'missing' && isUnreadable(summary, code)) return { text: T.unreadable, style: 'error' };
  // A merged unit that sent its own reports, lacking only an old unit's months before the merger.
  if (r.status === 'missing' && r.formerGaps?.length && !ownMissingMonths(r).length)
    return { text: T.formerStatus, style: 'warning' };
  if (isUndatedOnly(r)) return { text: T.undatedStatus, style: 'warning' };
  // Nothing sent (months typed in but not sent are not reports): "Chưa báo cáo" as in the narrative
  // and the e-mails, the months lacking and those typed in named in "Ghi chú".
  const length = periodMonths(summary.period).length;
  const sentNone = r.status === 'missing' && !sentSomeMonths(r, length);
  // Some months of a quarter or longer, not all: its figures are in, over fewer months.
  const lacking = sentNone && r.unsentMonths?.length ? [] : partialMonths(summary, code);
  if (lacking.length) return { text: T.partialStatus(lacking), style: 'warning' };
  // Its other months sent, the rest typed in but not sent yet: it has reported, in part, as the
  // narrative and the e-mails say; "Ghi chú" names the months not sent.
  if (r.status === 'missing' && !sentNone) return { text: T.partlyStatus, style: 'warning' };
  return {
    text: T.status[r.status],
    style: r.status === 'onTime' ? 'text' : r.status === 'late' ? 'warning' : 'error',
  };
}

// ---------------------------------------------------------------- "Tổng hợp"

// The year-to-date change follows the period's, after last year's year to date: the narrative
// and the e-mail compare the year to date, so the sheet shows that basis too, each labelled.
const SUMMARY_COLS = 12;

function summarySheet(summary: Summary, catalogue: Catalogue): SheetModel {
  const g = new Grid();
  const h = headingLines(summary);
  const c = summary.completeness;
  const expected = c.expected || summary.units.length;

  g.wide(1, SUMMARY_COLS, h.organisation, 'subtitle');
  g.wide(2, SUMMARY_COLS, h.title, 'title');
  g.wide(3, SUMMARY_COLS, h.period, 'subtitle');
  g.wide(4, SUMMARY_COLS, `${h.window}; ${h.generated}`, 'subtitle');

  const headerRow = 6;
  const hd = T.headers;
  const last = pastLastMonth(summary);
  const headers = [
    hd.number,
    hd.indicator,
    hd.measure,
    hd.period,
    hd.ytdOrStock(last),
    hd.lastYearPeriod,
    hd.change,
    hd.changePct,
    hd.lastYearYtd,
    hd.ytdChange(last),
    hd.ytdChangePct,
    hd.contributing,
  ];
  g.line(headerRow, 1, headers.map(header));

  // Stocks whose figure so far holds units' earlier figures: marked "†", said whose under the table.
  const carried = keyCarried(summary, catalogue, summary.indicators).marked;
  // Units with only some months of a quarter or longer: counted apart, not as having the period's figures.
  const partial = partialUnits(summary);
  const noun = unitsNoun(summary.units);
  let row = indicatorRows(g, groupedIndicators(summary, catalogue), headerRow + 1, SUMMARY_COLS, (r, ind, s) => {
    g.put(r, 4, num(ind.period, s));
    g.put(r, 5, num(ind.ytd, carried.has(ind.code) ? (s === 'decimal' ? 'decimalCarried' : 'integerCarried') : s));
    // Last year's total over fewer months (an indicator added mid-year) beside this year's would
    // read as a change: left empty, as the change is.
    g.put(r, 6, num(ind.lastYearPeriodFrom ? null : ind.lastYearPeriod, s));
    const p = ind.unevenPeriod !== undefined;
    const y = ind.unevenYtd !== undefined;
    g.put(r, 7, num(ind.change, p ? uneven(s) : s));
    g.put(r, 8, num(ind.changePct, p ? 'percentUneven' : 'percent'));
    g.put(r, 9, num(ind.lastYearYtdFrom ? null : ind.lastYearYtd, s));
    g.put(r, 10, num(ind.ytdChange, y ? uneven(s) : s));
    g.put(r, 11, num(ind.ytdChangePct, y ? 'percentUneven' : 'percent'));
    const some = partial.filter((code) => unitPeriod(ind, code) !== null).length;
    g.put(r, 12, { v: T.fractionPartial(ind.contributing - some, expected, some, noun), s: 'text' });
  });
  const unevenLine = unevenNote(
    summary.indicators.filter((i) => i.kind !== 'note'),
    ['period', 'ytd'],
  );
  // Why a stock's two figures differ, beside them (both columns named), not only among the checks.
  for (const line of carriedStockLines(summary, catalogue))
    g.wide(row++, SUMMARY_COLS, `${T.carriedMark} ${line}`, 'note');
  if (unevenLine) g.wide(row++, SUMMARY_COLS, unevenLine, 'note');

  // Completeness.
  row++;
  g.put(row, 1, { v: T.completenessTitle, s: 'group' });
  g.fill(row, 2, SUMMARY_COLS, 'group');
  row++;
  g.put(row, 2, { v: T.reportingRate, s: 'label' });
  g.put(row, 4, { v: T.fractionPartial(c.reported, expected, partial.length, noun), s: 'text' });
  g.put(row, 5, num(c.reportingRate, 'percent'));
  row++;
  g.put(row, 2, { v: T.onTimeRate, s: 'label' });
  g.put(row, 4, { v: T.fraction(c.onTime, expected), s: 'text' });
  g.put(row, 5, num(c.onTimeRate, 'percent'));
  row++;
  g.put(row, 2, { v: T.deadline, s: 'label' });
  g.put(row, 4, { v: isoToSerial(c.deadline), s: 'date' });
  row++;
  const open = openPeriodNote(summary);
  if (open) {
    g.put(row, 2, { v: open, s: 'text' });
    row++;
  }
  const ch = T.completenessHeaders;
  const completenessHeader = row;
  g.line(row, 1, [ch.number, ch.unit, ch.status, ch.date, ch.note].map(header));
  row++;
  const multiMonth = periodMonths(summary.period).length > 1;
  c.rows.forEach((r, i) => {
    const st = statusOf(summary, r.unitCode) ?? { text: '', style: 'text' as StyleName };
    g.put(row, 1, { v: i + 1, s: 'label' });
    g.put(row, 2, { v: unitLabel(summary, r.unitCode, r.unitName), s: 'label' });
    g.put(row, 3, { v: st.text, s: st.style });
    g.put(row, 4, { v: r.submittedOn ? isoToSerial(r.submittedOn) : null, s: 'date' });
    const unsent = r.unsentMonths ?? [];
    const own = ownMissingMonths(r).filter((m) => !unsent.includes(m));
    const olds = formerGapsText(r);
    const note = isUnreadable(summary, r.unitCode)
      ? T.unreadableNote
      : [
          // A unit with some months has them in its status already ("Thiếu tháng 8").
          multiMonth && own.length && st.text !== T.partialStatus(own) ? T.missingMonths(own) : '',
          unsent.length ? T.unsentNote(multiMonth ? unsent : null) : '',
          r.lateMonths ? T.lateMonthsNote(r.lateMonths) : '',
          r.undatedMonths ? T.undatedNote(multiMonth ? r.undatedMonths : null) : '',
          r.formerLate ? T.formerLateNote(formerMonthsText(r.formerLate)) : '',
          r.formerUndated ? T.formerUndatedNote(formerMonthsText(r.formerUndated)) : '',
          olds ? T.formerNote(olds) : '',
        ]
          .filter(Boolean)
          .join('; ') || null;
    g.put(row, 5, { v: note, s: 'text' });
    row++;
  });

  // Narrative and the units' own notes.
  const paragraphs = summary.narrative.map((p) => p.trim()).filter(Boolean);
  if (paragraphs.length) {
    row++;
    g.put(row, 1, { v: T.narrativeTitle, s: 'group' });
    g.fill(row, 2, SUMMARY_COLS, 'group');
    row++;
    for (const p of paragraphs) g.wide(row++, SUMMARY_COLS, p, 'note');
  }
  const notes = noteLines(summary);
  if (notes.length) {
    row++;
    g.put(row, 1, { v: T.notesTitle, s: 'group' });
    g.fill(row, 2, SUMMARY_COLS, 'group');
    row++;
    for (const n of notes) g.wide(row++, SUMMARY_COLS, n, 'note');
  }
  row = remarksSection(g, summary, catalogue, row);

  // Data quality.
  row++;
  g.wide(row++, SUMMARY_COLS, T.excluded(summary.excludedCells), summary.excludedCells ? 'warning' : 'note');
  for (const line of rowMissingLines(summary)) g.wide(row++, SUMMARY_COLS, line, 'warning');
  if (summary.unreadableUnits.length) {
    const names = summary.unreadableUnits.map((code) => {
      const u = summary.units.find((x) => x.code === code);
      return u ? unitLabel(summary, code, u.name) : code;
    });
    g.wide(row++, SUMMARY_COLS, T.unreadableUnits(names), 'warning');
  }
  const formerLabels = unreadableFormerLabels(summary);
  if (formerLabels.length) g.wide(row++, SUMMARY_COLS, T.unreadableFormerUnits(formerLabels), 'warning');
  if (summary.unattributedFiles?.length) {
    const loose = unattributedFilesLine(summary, completenessLists(summary));
    if (loose) g.wide(row++, SUMMARY_COLS, loose, 'warning');
  }
  const fc = findingCounts(summary.findings);
  g.wide(
    row++,
    SUMMARY_COLS,
    summary.findings.length
      ? `${T.checksTitleMail}: ${T.findingCounts(fc.error, fc.warning, fc.info)}. ${T.seeChecks}`
      : T.noFindings,
    'note',
  );

  // Key indicators per unit, and the chart drawn from them.
  const keys = keyIndicators(summary, catalogue);
  const charts: SheetModel['charts'] = [];
  if (keys.length) {
    const label = periodLabel(summary.period);
    row++;
    g.put(row, 1, { v: T.keyTableTitle(label), s: 'group' });
    g.fill(row, 2, Math.max(SUMMARY_COLS, keys.length + 2), 'group');
    row++;
    const keyHeader = row;
    // A stock's column holds what the e-mail's table and chart show: each unit's figure "đến nay"
    // (its latest month, carried ones named under the table), not the period's last month alone.
    const stock = keys.map((k) => isStock(catalogue, k.code));
    const upTo = T.soFar(pastLastMonth(summary));
    const stockKeys = keys.filter((_, j) => stock[j]);
    const carried = stockKeys.length ? keyCarried(summary, catalogue, stockKeys) : null;
    const carriedUnits = new Set(stockKeys.flatMap((k) => carriedCodes(k)));
    g.put(row, 1, { v: T.headers.number, s: 'header' });
    g.put(row, 2, { v: T.completenessHeaders.unit, s: 'header' });
    g.line(
      row,
      3,
      keys.map((k, j) => header(stock[j] ? T.keyColumnStock(k.label, k.unit, upTo) : T.keyColumn(k.label, k.unit))),
    );
    row++;
    const units = unitColumns(summary);
    units.forEach((u, i) => {
      g.put(row, 1, { v: i + 1, s: 'label' });
      // Marked as the e-mail marks its figure (numbers cannot carry the mark): "Xã B †".
      const mark = carriedUnits.has(u.code) ? ` ${T.carriedMark}` : '';
      g.put(row, 2, { v: `${unitLabel(summary, u.code, u.name)}${mark}`, s: 'label' });
      g.line(
        row,
        3,
        keys.map((k, j) => num(stock[j] ? unitYtd(k, u.code) : unitPeriod(k, u.code), numStyle(k))),
      );
      row++;
    });
    g.put(row, 2, { v: T.total, s: 'total' });
    g.put(row, 1, { v: null, s: 'total' });
    g.line(
      row,
      3,
      keys.map((k, j) => num(stock[j] ? k.ytd : k.period, 'total')),
    );
    row++;
    for (const line of carried?.notes ?? []) g.wide(row++, SUMMARY_COLS, line, 'note');
    charts.push({
      title: T.chartTitle(label),
      categories: { row: keyHeader, col: 2, rows: units.length + 1, cols: 1 },
      series: keys.map((_, j) => ({ row: keyHeader, col: 3 + j, rows: units.length + 1, cols: 1 })),
      anchor: { row: row + 1, col: 2 },
    });
  }

  const sheet = g.sheet(summarySheetName(summary.period));
  sheet.widths = [6, 52, 13, 12, 12, 12, 14, 13, 12, 14, 13, 12];
  for (let i = SUMMARY_COLS; i < keys.length + 2; i++) sheet.widths.push(14);
  sheet.frozenRows = headerRow;
  sheet.charts = charts;
  // The "so cùng kỳ" columns print beside "Chỉ tiêu", the header row on every page.
  sheet.print = { landscape: true, fitWidth: 1, repeatRows: { first: headerRow, last: headerRow } };
  // Filter buttons on the units' statuses, e.g. the 22 "Chưa báo cáo" among 130 communes.
  if (c.rows.length) sheet.filter = { row: completenessHeader, col: 1, rows: c.rows.length + 1, cols: 5 };
  return sheet;
}

/**
 * The units' remarks beside indicator rows ("Ghi chú" column), one row each, after the notes:
 * the district reads them with the figures they qualify. The row after the section.
 */
function remarksSection(g: Grid, summary: Summary, catalogue: Catalogue, from: number): number {
  const lines = remarkLines(summary, catalogue);
  if (!lines.length) return from;
  let row = from + 1;
  g.put(row, 1, { v: T.remarksTitle, s: 'group' });
  g.fill(row, 2, SUMMARY_COLS, 'group');
  row++;
  for (const line of lines) g.wide(row++, SUMMARY_COLS, line, 'note');
  return row;
}

// ---------------------------------------------------------------- "Theo đơn vị"

/** Column widths (characters) one landscape A4 page holds at a still readable scale (about 75%). */
const PAGE_WIDTH = 200;

/**
 * Pages wide for columns of these widths, the first `repeated` printed again on every page: a
 * district's dozen units fit one page; a province's 130 print a dozen units a page, not 130
 * columns squeezed unreadably onto one.
 */
export function pagesWide(widths: number[], repeated: number): number {
  const total = widths.reduce((a, w) => a + w, 0);
  if (total <= PAGE_WIDTH) return 1;
  const titles = widths.slice(0, repeated).reduce((a, w) => a + w, 0);
  return 1 + Math.ceil((total - PAGE_WIDTH) / Math.max(1, PAGE_WIDTH - titles));
}

function byUnitSheet(summary: Summary, catalogue: Catalogue): SheetModel {
  const g = new Grid();
  const units = unitColumns(summary);
  const lastCol = 3 + units.length + 1;
  const label = periodLabel(summary.period);

  // Titles merge only inside the frozen columns A:C.
  g.put(1, 1, { v: T.byUnitTitle(label), s: 'title' });
  g.merges.push({ row: 1, col: 1, rows: 1, cols: 3 });
  g.put(2, 1, { v: T.byUnitNote, s: 'subtitle' });
  g.merges.push({ row: 2, col: 1, rows: 1, cols: 3 });
  const partial = partialUnits(summary);
  if (partial.length) {
    g.put(3, 1, { v: T.byUnitPartialNote, s: 'subtitle' });
    g.merges.push({ row: 3, col: 1, rows: 1, cols: 3 });
  }

  const headerRow = 4;
  g.put(headerRow, 1, { v: T.headers.number, s: 'header' });
  g.put(headerRow, 2, { v: T.headers.indicator, s: 'header' });
  g.put(headerRow, 3, { v: T.headers.measure, s: 'header' });
  g.line(
    headerRow,
    4,
    // Two units of one name: the column says which (its code after the name).
    units.map((u) => header(distinctName(u.name, u.code, summary.units))),
  );
  g.put(headerRow, lastCol, { v: T.total, s: 'header' });

  const statusRow = headerRow + 1;
  g.put(statusRow, 1, { v: null, s: 'label' });
  g.put(statusRow, 2, { v: T.statusRow, s: 'label' });
  g.put(statusRow, 3, { v: null, s: 'label' });
  units.forEach((u, i) => {
    // A unit with some months of the period says which it lacks: its column's figures are of the others.
    const st = statusOf(summary, u.code);
    g.put(statusRow, 4 + i, { v: st?.text ?? null, s: st?.style ?? 'text' });
  });
  const c = summary.completeness;
  g.put(statusRow, lastCol, {
    v: T.fractionPartial(c.reported, c.expected, partial.length, unitsNoun(summary.units)),
    s: 'text',
  });

  indicatorRows(g, groupedIndicators(summary, catalogue), statusRow + 1, lastCol, (r, ind, s) => {
    g.line(
      r,
      4,
      units.map((u) => num(unitPeriod(ind, u.code), s)),
    );
    g.put(r, lastCol, num(ind.period, 'total'));
  });

  const sheet = g.sheet(T.byUnitSheet);
  sheet.widths = [6, 48, 11, ...units.map(() => 11), 12];
  sheet.frozenRows = statusRow;
  sheet.frozenCols = 3;
  sheet.print = {
    landscape: true,
    fitWidth: pagesWide(sheet.widths, 3),
    repeatRows: { first: headerRow, last: statusRow },
    repeatCols: { first: 1, last: 3 },
  };
  return sheet;
}

// ---------------------------------------------------------------- "Kiểm tra"

const CHECK_COLS = 7;

function checksSheet(summary: Summary): SheetModel {
  const g = new Grid();
  const label = periodLabel(summary.period);
  const fc = findingCounts(summary.findings);
  g.wide(1, CHECK_COLS, T.checksTitle(label), 'title');
  g.wide(
    2,
    CHECK_COLS,
    `${T.findingCounts(fc.error, fc.warning, fc.info)}. ${T.excluded(summary.excludedCells)}`,
    'subtitle',
  );
  const headerRow = 4;
  const ch = T.checksHeaders;
  g.line(headerRow, 1, [ch.severity, ch.unit, ch.place, ch.cell, ch.indicator, ch.month, ch.message].map(header));
  let row = headerRow + 1;
  const findings = sortedFindings(summary.findings);
  if (!findings.length) g.wide(row, CHECK_COLS, T.noFindings, 'note');
  for (const f of findings) {
    const sev: StyleName = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'text';
    const unit = f.unitCode || f.unitName ? unitLabel(summary, f.unitCode ?? '', f.unitName ?? f.unitCode ?? '') : null;
    const place = [f.file, f.sheet].filter((x) => x?.trim()).join(' / ');
    g.put(row, 1, { v: T.severity[f.severity], s: sev });
    g.put(row, 2, { v: unit, s: 'label' });
    g.put(row, 3, { v: place || null, s: 'label' });
    g.put(row, 4, { v: f.cell ?? null, s: 'text' });
    g.put(row, 5, { v: f.indicatorLabel ?? f.indicatorCode ?? null, s: 'label' });
    g.put(row, 6, { v: f.month ?? null, s: 'integer' });
    g.put(row, 7, { v: f.message, s: 'label' });
    row++;
  }
  const sheet = g.sheet(T.checksSheet);
  sheet.widths = [11, 18, 30, 7, 36, 7, 80];
  sheet.frozenRows = headerRow;
  sheet.print = { landscape: true, fitWidth: 1, repeatRows: { first: headerRow, last: headerRow } };
  return sheet;
}

// ---------------------------------------------------------------- the aggregate in the commune layout

/** Name of the sheet holding the aggregate of `year` in the commune layout ("Huyện Mường Nhé 2018"). */
export function aggregateSheetName(s: Pick<Settings, 'aggregatingUnitName' | 'level'>, year: number): string {
  return safeSheetName(unitSheetName({ name: unitDisplayName({ name: s.aggregatingUnitName, kind: s.level }) }, year));
}

/**
 * What the aggregate sheet of the year held before this run (read back as a unit's report): a
 * run writes the months it summed and keeps the others, so a higher level reading the sheet
 * never loses a month a later run wrote, nor the date a month was first given.
 */
export type PreviousAggregate = Pick<UnitYear, 'values' | 'notes' | 'submitted'>;

/**
 * The units' notes of one month, one per line, in the one cell the commune layout has for them:
 * at most MAX_NOTE_LENGTH characters, so that the cell fits Sheets (50,000) and Excel (32,767) and
 * a higher level reading this sheet as a unit's report gets it whole (its reader cuts a note past
 * that). What does not fit is counted, and the summary sheet's notes section has it in full.
 */
function yearNoteCell(lines: string[], summaryName: string): string {
  const all = lines.join('\n');
  if (all.length <= MAX_NOTE_LENGTH) return all;
  const tail = T.yearNotesCut(summaryName, lines.length);
  const room = MAX_NOTE_LENGTH - tail.length - 1;
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const left = room - used - (kept.length ? 1 : 0);
    if (line.length <= left) kept.push(line);
    // A note longer than what is left: its beginning, when that is worth showing.
    else if (left >= 200) kept.push(clipText(line, left));
    else break;
    used += kept[kept.length - 1].length + (kept.length > 1 ? 1 : 0);
  }
  return [...kept, tail].join('\n');
}

function aggregateSheet(summary: Summary, catalogue: Catalogue, previous?: PreviousAggregate): SheetModel {
  const s = summary.settings;
  const unit = aggregateUnit(summary);
  const year = summary.period.year;
  const months = periodMonths(summary.period);
  // Months this run summed (January to the period's end); later ones are a later run's.
  const lastMonth = months[months.length - 1];
  const fresh = (m: number) => m <= lastMonth;

  const summaryName = summarySheetName(summary.period);
  const notes: Record<string, (string | null)[]> = {};
  for (const ind of summary.indicators) {
    const kept = previous?.notes[ind.code];
    const cells: (string | null)[] = Array.from({ length: 12 }, (_, i) => (fresh(i + 1) ? null : (kept?.[i] ?? null)));
    const lines: string[][] = Array.from({ length: 12 }, () => []);
    for (const n of ind.notes ?? []) {
      const text = n.text.trim();
      if (!text || n.month < 1 || n.month > 12) continue;
      lines[n.month - 1].push(`${unitLabel(summary, n.unitCode, n.unitName)}: ${text}`);
    }
    lines.forEach((l, i) => {
      if (l.length) cells[i] = yearNoteCell(l, summaryName);
    });
    if (cells.some((c) => c !== null)) notes[ind.code] = cells;
  }

  const values: Record<string, (number | null)[]> = {};
  for (const [code, row] of Object.entries(summary.monthly)) {
    const kept = previous?.values[code];
    values[code] = row.map((v, i) => (fresh(i + 1) ? v : (kept?.[i] ?? null)));
  }

  // A month keeps the date it was first given (a re-run to correct it does not make it late).
  // A month not given before is dated when it was complete here (its units' latest date, never
  // after this run): a quarter or 6-month summary must not make its earlier months late at the
  // higher level. Only the period's last month, or a month no unit dated, gets the run's date.
  const submitted: (string | null)[] = Array.from({ length: 12 }, (_, i) => previous?.submitted[i] ?? null);
  const day = localDateOf(summary.generatedAt, s.timeZone);
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(day);
  for (let m = 1; m < lastMonth; m++) {
    const d = summary.monthSubmitted?.[m - 1];
    if (d && (!isDay || d <= day)) submitted[m - 1] ??= d;
  }
  if (isDay) for (const m of months) submitted[m - 1] ??= day;

  const name = aggregateSheetName(s, year);
  return buildUnitSheet(unit, year, catalogue, { values, notes, submitted }, name);
}

// ---------------------------------------------------------------- the workbook

/** The summary workbook: "Tổng hợp …", "Theo đơn vị", "Kiểm tra", and the aggregate in the commune layout. */
export function buildSummaryWorkbook(
  summary: Summary,
  catalogue: Catalogue,
  options: { previousAggregate?: PreviousAggregate } = {},
): WorkbookModel {
  const sheets = [
    summarySheet(summary, catalogue),
    byUnitSheet(summary, catalogue),
    checksSheet(summary),
    aggregateSheet(summary, catalogue, options.previousAggregate),
  ];
  // Each text is bounded where it is written; this is the last guard of Excel's cell limit
  // (Sheets' is 50,000), which a text over it would otherwise break a whole run for.
  for (const sheet of sheets)
    for (const row of sheet.rows)
      for (const cell of row)
        if (cell && typeof cell.v === 'string' && cell.v.length > MAX_CELL_TEXT)
          cell.v = clipText(cell.v, MAX_CELL_TEXT);
  return { sheets };
}

/** Characters an Excel cell holds. */
export const MAX_CELL_TEXT = 32767;
