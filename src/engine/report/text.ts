/**
 * The plain-text e-mail (the alternative part of the HTML report), and the helpers the
 * HTML report and the summary workbook share with it: which indicators are "key", which
 * one the bar chart shows, how a comparison with last year reads, the local time of the
 * summary. Everything here is pure: no clock, no Intl requirement for Vietnam.
 */

import { REPORT_TEXT as T } from '../../messages/vi/report';
import { formerFigure } from '../aggregate/carried-former';
import { isDatedLate } from '../aggregate/completeness';
import { unitFigures } from '../aggregate/unit-figures';
import {
  carriedCodes,
  carriedNames,
  carriedOldNames,
  cleanNote,
  type FormerSource,
  formerSourcesText,
  listNames,
  namedIn,
  pastLastMonth,
  unitsNoun,
} from '../narrative/narrative';
import { sameNotes } from '../narrative/same-notes';
import { dataWindow, localDateOf, offsetMinutes } from '../periods/cutoff';
import { formatPeriod, periodLabel, periodMonths } from '../periods/period';
import { distinctName, unitDisplayName } from '../sheet/layout';
import { clipText } from '../text/clip';
import { compareVi } from '../text/collate';
import { formatDateVi, formatNumberVi, formatPercentVi, formatQuantity } from '../text/format';
import type { Catalogue, CompletenessRow, Finding, FormerMonths, IndicatorSummary, Summary } from '../types';
import { isUnreadable, unitOf } from './by-code';
import { escapeHtml, safeHttpUrl } from './escape';
import { ownMissingMonths, partialUnits, sentSomeMonths } from './partial';
import { figureRemarks, noteRowRemarks, remarkLines, remarkUnitLabel } from './remarks';

export { ownMissingMonths };

// ---------------------------------------------------------------- shared helpers

const pad2 = (n: number) => String(n).padStart(2, '0');
/** Wall-clock "HH:MM" of an instant in a time zone. */
function clockTime(ms: number, timeZone: string): string {
  const d = new Date(ms + offsetMinutes(timeZone, new Date(ms)) * 60_000);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** "2018-09-20T03:00:00Z" in Asia/Ho_Chi_Minh → { date: "20/09/2018", time: "10:00" }. */
export function localTimestamp(iso: string, timeZone: string): { date: string; time: string } {
  const ms = Date.parse(iso);
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso) || Number.isNaN(ms)) {
    return { date: formatDateVi(iso), time: /T(\d{2}:\d{2})/.exec(iso)?.[1] ?? '' };
  }
  return { date: formatDateVi(localDateOf(iso, timeZone)), time: clockTime(ms, timeZone) };
}

/**
 * "Xã Chung Chải" when the unit's kind is known, else the name as given; followed by the code when
 * another unit of the summary has the same name: "Xã Chung Chải (chung-chai-np)", and by `note` in
 * the same bracket: "Xã Chung Chải (mã chung-chai-np, nộp ngày 30/10/2018)".
 */
export function unitLabel(summary: Summary, code: string, name: string, note?: string): string {
  const unit = unitOf(summary, code);
  return distinctName(
    unitDisplayName({ name: unit?.name ?? name, kind: unit?.kind ?? '' }),
    code,
    summary.units,
    note || undefined,
  );
}

/** The heading lines every rendering starts with. */
export function headingLines(summary: Summary): {
  organisation: string;
  title: string;
  period: string;
  window: string;
  generated: string;
} {
  const s = summary.settings;
  const w = dataWindow(summary.period, s);
  const at = localTimestamp(summary.generatedAt, s.timeZone);
  return {
    organisation: s.organisation,
    title: T.title,
    period: T.periodLine(periodLabel(summary.period), s.level, s.aggregatingUnitName),
    window: T.windowLine(formatDateVi(w.start), formatDateVi(w.end)),
    generated: T.generatedLine(at.time, at.date),
  };
}

const numeric = (i: IndicatorSummary) => i.kind !== 'note';

/** Whether an indicator is a stock (its latest month counts): its year-to-date figure is a level "đến nay". */
export function isStock(catalogue: Catalogue, code: string): boolean {
  return catalogue.indicators.some((i) => i.code === code && i.overMonths === 'last');
}

/**
 * Key indicators (catalogue `key: true`) in catalogue order; if the catalogue marks
 * none, the first five numeric indicators.
 */
export function keyIndicators(summary: Summary, catalogue: Catalogue): IndicatorSummary[] {
  const keys = new Set(catalogue.indicators.filter((i) => i.key).map((i) => i.code));
  const picked = summary.indicators.filter((i) => numeric(i) && keys.has(i.code));
  return picked.length ? picked : summary.indicators.filter(numeric).slice(0, 5);
}

/**
 * The figure a unit's bar shows: a stock's "đến nay" (its year-to-date level, as the key figures
 * table gives it once), so chart and table never disagree; a flow's the period's.
 */
function chartFigure(stock: boolean, figures: ReturnType<typeof unitFigures>, i: number): number | null {
  return stock ? figures.ytd(i) : figures.period(i);
}

/**
 * The key indicator drawn as a bar chart per unit: the one with the most units above
 * zero (in the figures the chart shows) on ties first in catalogue order; null when all are empty.
 */
export function chartIndicator(summary: Summary, catalogue: Catalogue): IndicatorSummary | null {
  let best: IndicatorSummary | null = null;
  let bestCount = 0;
  for (const ind of keyIndicators(summary, catalogue)) {
    const stock = isStock(catalogue, ind.code);
    const figures = unitFigures(ind);
    let count = 0;
    for (let i = 0; i < figures.length; i++) if ((chartFigure(stock, figures, i) ?? 0) > 0) count++;
    if (count > bestCount) {
      best = ind;
      bestCount = count;
    }
  }
  return best;
}

/** Above this many units the chart shows the highest and lowest only (chartRows); a district's stay whole. */
export const CHART_ALL_UNITS = 20;
/** Bars shown of each end (highest, lowest) when the units are more than CHART_ALL_UNITS. */
export const CHART_END = 10;

/** A unit's bar in the chart. */
export interface ChartRow {
  code: string;
  label: string;
  /** The period's figure, or a stock's "đến nay" (chartFigure). */
  value: number | null;
  /** A stock's figure holding the unit's earlier one (carriedCodes): marked as the key table marks it. */
  carried: boolean;
}

/**
 * The chart's rows. Up to CHART_ALL_UNITS units: every unit, in summary order, those without a
 * figure said so. More (a province's 100+ communes, 3.300 px of bars and half the text e-mail): the
 * units with a figure from highest to lowest (ties in Vietnamese order), the CHART_END highest and
 * CHART_END lowest with `hidden` units between them (after `top` rows), and those without a figure
 * only counted (`noData`); `sorted` says which.
 */
export function chartRows(
  summary: Summary,
  catalogue: Catalogue,
  ind: IndicatorSummary,
): { rows: ChartRow[]; sorted: boolean; top: number; hidden: number; noData: number; withFigure: number } {
  const stock = isStock(catalogue, ind.code);
  const carried = new Set(stock ? carriedCodes(ind) : []);
  const figures = unitFigures(ind);
  const all: (ChartRow & { name: string })[] = [];
  for (let i = 0; i < figures.length; i++) {
    const code = figures.code(i);
    const name = figures.name(i);
    const value = chartFigure(stock, figures, i);
    all.push({ code, name, label: unitLabel(summary, code, name), value, carried: carried.has(code) });
  }
  if (all.length <= CHART_ALL_UNITS)
    return { rows: all, sorted: false, top: all.length, hidden: 0, noData: 0, withFigure: 0 };
  const figured = all.filter((r) => r.value !== null) as (ChartRow & { name: string; value: number })[];
  // Ties by name, as the units are listed elsewhere ("Phường Vĩnh Lộc" after "Xã An Toong").
  const sorted = figured.sort((a, b) => b.value - a.value || compareVi(a.name, b.name) || compareVi(a.label, b.label));
  const noData = all.length - sorted.length;
  if (sorted.length <= 2 * CHART_END)
    return { rows: sorted, sorted: true, top: sorted.length, hidden: 0, noData, withFigure: sorted.length };
  const rows = [...sorted.slice(0, CHART_END), ...sorted.slice(-CHART_END)];
  return { rows, sorted: true, top: CHART_END, hidden: sorted.length - rows.length, noData, withFigure: sorted.length };
}

/** A bar's figure as written beside it: "8", a carried stock's "8 †" (as the key table marks it). */
export function chartValueText(r: ChartRow): string {
  if (r.value === null) return T.barMissing;
  return r.carried ? `${formatNumberVi(r.value)} ${T.carriedMark}` : formatNumberVi(r.value);
}

/**
 * The chart's title and the lines under it: a stock's is "đến nay" (hết the period's last month),
 * as the key figures table's, with the same footnote for the figures marked carried.
 */
export function chartCaption(
  summary: Summary,
  catalogue: Catalogue,
  ind: IndicatorSummary,
): { title: string; notes: string[] } {
  if (!isStock(catalogue, ind.code))
    return { title: T.barChartTitle(ind.label, periodLabel(summary.period), ind.unit), notes: [] };
  return {
    title: T.barChartTitleStock(ind.label, lastMonthLabel(summary), ind.unit, pastLastMonth(summary) !== null),
    notes: keyCarried(summary, catalogue, [ind]).notes,
  };
}

/** The chart as the text e-mail's lines: "- Xã Chung Chải: 12", limited as chartRows. */
function chartLines(summary: Summary, catalogue: Catalogue, ind: IndicatorSummary, attached: boolean): string[] {
  const c = chartRows(summary, catalogue, ind);
  const line = (r: ChartRow) => `- ${r.label}: ${chartValueText(r)}`;
  if (!c.sorted) return c.rows.map(line);
  const out = [T.barSorted(c.rows.length, c.withFigure), ...c.rows.slice(0, c.top).map(line)];
  if (c.hidden) out.push(T.barOthers(c.hidden, attached));
  out.push(...c.rows.slice(c.top).map(line));
  if (c.noData) out.push(T.barNoData(c.noData));
  return out;
}

/** Number with its unit, or "chưa có số liệu". */
export function quantity(v: number | null, unit: string): string {
  return v === null ? T.noData : formatQuantity(v, unit);
}

/**
 * The footnote under a table whose marked changes are not like for like (the aggregate's
 * unevenPeriod / unevenYtd of the indicators shown, on the sides shown): units counted once over
 * them. Null when no change shown is marked.
 */
export function unevenNote(indicators: IndicatorSummary[], sides: ('period' | 'ytd')[]): string | null {
  const before = new Set<string>();
  const after = new Set<string>();
  for (const i of indicators)
    for (const side of sides) {
      const u = side === 'period' ? i.unevenPeriod : i.unevenYtd;
      for (const c of u?.lastYearOnly ?? []) before.add(c);
      for (const c of u?.thisYearOnly ?? []) after.add(c);
    }
  return before.size || after.size ? T.unevenNote(before.size, after.size) : null;
}

/**
 * "↑ tăng 21 đơn (72,4%)", "↓ giảm 4 lượt (12,9%)", "= bằng cùng kỳ", "chưa có số liệu cùng kỳ";
 * `from`: last year's figures begin only in that month (IndicatorSummary.lastYearYtdFrom).
 */
export function compareText(change: number | null, pct: number | null, unit: string, from?: number): string {
  if (change === null) return from ? T.notComparedFrom(from) : T.noComparison;
  // A difference shown as 0 (0,003 triệu đồng) is no "tăng 0".
  if (formatNumberVi(Math.abs(change)) === '0') return T.same;
  const q = formatQuantity(Math.abs(change), unit);
  const p = pct === null ? null : formatPercentVi(Math.abs(pct));
  return change > 0 ? T.up(q, p) : T.down(q, p);
}

/** A key figure's year-to-date "so cùng kỳ", marked when not like for like (see unevenNote). */
export function ytdCompareText(i: IndicatorSummary): string {
  const text = compareText(i.ytdChange, i.ytdChangePct, i.unit, i.lastYearYtdFrom);
  return i.unevenYtd ? `${text} ${T.unevenMark}` : text;
}

export function findingCounts(findings: Finding[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Findings ordered error → warning → info, stable within a severity. */
/**
 * A finding's message, with the sheet of its cell when the message does not name it: a workbook or
 * spreadsheet may hold a sheet per year, and "ô E9" alone would not say which.
 */
export function findingText(f: Finding): string {
  if (!f.cell || !f.sheet || f.message.includes(`"${f.sheet}"`)) return f.message;
  return `${f.message} ${T.onSheet(f.sheet)}`;
}

export function sortedFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

/** Units reported late, missing, and unreadable, as display labels. */
export function completenessLists(summary: Summary): {
  late: string[];
  /** Units with figures but no submission date (not on time, not known to be late). */
  undated: string[];
  /** Units that sent nothing of the period (of a quarter or longer, no month of their own). */
  missing: string[];
  /** Of a quarter or longer, units that sent some months, not all ("thiếu tháng 8"): not "chưa báo cáo". */
  partly: string[];
  former: string[];
  unreadable: string[];
  /** Old units of a merger whose report could not be read. */
  unreadableFormer: string[];
} {
  const rows = summary.completeness.rows;
  const missing: string[] = [];
  const partly: string[] = [];
  const former: string[] = [];
  const periodLength = periodMonths(summary.period).length;
  for (const r of rows) {
    // A unit whose report could not be read did send one: listed as unreadable, not as missing.
    if (r.status !== 'missing' || isUnreadable(summary, r.unitCode)) continue;
    const olds = formerGapsText(r);
    const own = ownMissingMonths(r);
    const unsent = r.unsentMonths ?? [];
    const rest = unsent.length ? own.filter((m) => !unsent.includes(m)) : own;
    // In a quarter or longer, which months a unit lacks when not all (as the narrative says), and
    // those typed in but not sent yet (their figures are in the totals).
    const some = [
      rest.length && rest.length < periodLength ? T.missingMonthsOf(rest) : '',
      unsent.length ? T.unsentOf(periodLength > 1 ? unsent : null) : '',
    ]
      .filter(Boolean)
      .join('; ');
    const label = (note: string) => unitLabel(summary, r.unitCode, r.unitName, note);
    const into = sentSomeMonths(r, periodLength) ? partly : missing;
    if (!olds) into.push(label(some));
    else if (own.length) into.push(label(T.formerToo(olds, some)));
    else former.push(label(olds));
  }
  return {
    late: rows.filter(isDatedLate).map((r) =>
      // In a quarter or longer: which months were late (the latest date may be an on-time month's).
      unitLabel(
        summary,
        r.unitCode,
        r.unitName,
        joinNotes(
          r.lateMonths ? T.lateMonths(r.lateMonths) : r.submittedOn ? T.lateOn(formatDateVi(r.submittedOn)) : '',
          r.formerLate ? T.formerLate(formerMonthsText(r.formerLate)) : '',
        ),
      ),
    ),
    // Figures without a date: not on time, but the date is unknown, not late.
    undated: rows
      .filter((r) => r.status === 'late' && r.undatedMonths?.length)
      .map((r) =>
        unitLabel(
          summary,
          r.unitCode,
          r.unitName,
          joinNotes(
            periodLength > 1 && r.undatedMonths ? T.undatedMonths(r.undatedMonths) : '',
            r.formerUndated ? T.formerUndated(formerMonthsText(r.formerUndated)) : '',
          ),
        ),
      ),
    missing,
    partly,
    former,
    unreadable: summary.unreadableUnits.map((code) => {
      const unit = unitOf(summary, code);
      return unit ? unitLabel(summary, code, unit.name) : code;
    }),
    unreadableFormer: unreadableFormerLabels(summary),
  };
}

/** "Xã Nậm Vì (nay thuộc xã Mường Nhé)" for each old unit of a merger whose report could not be read. */
export function unreadableFormerLabels(summary: Summary): string[] {
  return (summary.unreadableFormer ?? []).map((u) => u.label);
}

/** "2 tệp không đọc được, chưa rõ của đơn vị nào: a.xlsx, b.xlsx", or null when there is none. */
export function unattributedFilesLine(summary: Summary, lists: ReturnType<typeof completenessLists>): string | null {
  const files = summary.unattributedFiles ?? [];
  if (!files.length) return null;
  // The folder is the sender's machine's: of no use to whoever reads the report, and long.
  const names = files.map((f) => f.split(/[\\/]/).pop() || f);
  // The district may keep each month's copy of a unit's workbook (…-T8.xlsx, …-T9.xlsx): an
  // unreadable later copy may be that of a unit listed in part, its earlier copy read.
  return T.unattributedFiles(names, lists.missing.length + lists.former.length > 0, lists.partly.length > 0);
}

/** Whether completenessLists names any unit: else "Tất cả đơn vị đã báo cáo đúng hạn". */
export function anyListed(lists: ReturnType<typeof completenessLists>): boolean {
  return Object.values(lists).some((l) => l.length > 0);
}

/** "Nậm Vì tháng 3; Pá Mỳ tháng 3, 5": old units of a merged unit with their months. */
export function formerMonthsText(list: readonly FormerMonths[]): string {
  return list.map((g) => T.formerMonths(g.name, g.months)).join('; ');
}

/** Notes for a bracket joined by "; ", undefined when there is none. */
function joinNotes(...notes: string[]): string | undefined {
  return notes.filter(Boolean).join('; ') || undefined;
}

/** "Nậm Vì tháng 5, 6; Pá Mỳ tháng 6": the old units whose months a merged unit lacks, or ''. */
export function formerGapsText(r: CompletenessRow): string {
  return (r.formerGaps ?? [])
    .map((g) => (g.unreadable ? T.formerMonthsUnreadable : T.formerMonths)(g.name, g.months))
    .join('; ');
}

/** A unit of the summary named as in a sentence ("xã Chà Tở", with its code when another has its name); its code when unknown. */
function inSentence(summary: Summary, code: string, note?: string): string {
  const unit = unitOf(summary, code);
  return unit ? namedIn(unit, summary.units, note) : code;
}

/**
 * Per indicator whose totals lack units that reported (their sheet has no row for it: rowMissing),
 * one line naming them, for the data-quality lines of every rendering (the narrative says it beside
 * the figure).
 */
export function rowMissingLines(summary: Summary): string[] {
  const out: string[] = [];
  for (const ind of summary.indicators) {
    const codes = ind.rowMissing ?? [];
    if (!codes.length) continue;
    // Named as in a sentence ("xã A, xã B và 3 đơn vị khác"), as the carried-stock line names them.
    const names = codes.map((code) => inSentence(summary, code));
    out.push(T.rowMissing(ind.label, listNames(names), codes.length));
  }
  return out;
}

interface CarriedGroup {
  labels: string[];
  /** Indicator codes, as `labels`. */
  codes: string[];
  /** The units (named as in a sentence) whose own last earlier figure is counted. */
  own: string;
  /** Merged units whose figure is their old units' (formerSourcesText), or ''. */
  fromFormer: string;
}

/**
 * Stocks among `indicators` whose total so far counts units' figures from before the period's last
 * month (carriedCodes, as the narrative says them): none in the period, or (several months) none
 * for its last month. Grouped by those units and their months.
 */
function carriedGroups(summary: Summary, catalogue: Catalogue, indicators: IndicatorSummary[]): CarriedGroup[] {
  const stocks = new Set(catalogue.indicators.filter((i) => i.overMonths === 'last').map((i) => i.code));
  const byUnits = new Map<string, { codes: string[]; labels: string[]; inds: IndicatorSummary[] }>();
  for (const ind of indicators) {
    if (!stocks.has(ind.code)) continue;
    const codes = carriedCodes(ind);
    // Old units counted with last year's figure (carriedOldUnits): in the key too, said as the narrative does.
    const olds = (ind.carriedOldUnits ?? []).map((c) => `\u0000${c.unitCode}\u0000${c.oldCode}`);
    if (!codes.length && !olds.length) continue;
    const key = [...codes, ...olds].join('\n');
    const group = byUnits.get(key);
    if (group) {
      group.labels.push(ind.label);
      group.inds.push(ind);
    } else byUnits.set(key, { codes, labels: [ind.label], inds: [ind] });
  }
  const last = lastMonthLabel(summary);
  return [...byUnits.values()].map(({ codes, labels, inds }) => {
    // Only units some stock carries from old units can be said so: the others are not looked up.
    const merged = new Set<string>();
    for (const ind of inds) for (const c of ind.carriedFromFormer ?? []) merged.add(c.unitCode);
    const own: string[] = [];
    const former: FormerSource[] = [];
    for (const code of codes) {
      // A merged unit without a figure of its own in these stocks: its old units' figure, said as theirs.
      const unit = unitOf(summary, code);
      const c = unit && merged.has(code) ? formerFigure(inds, code) : null;
      if (c && unit) former.push({ unit, ...c });
      else own.push(code);
    }
    const fromFormer = former.length ? formerSourcesText(summary, former, last) : '';
    // Named as the narrative names them in the same sentence, each with the month of its figures.
    const named = [carriedNames(summary, own, () => inds), carriedOldNames(summary, inds)].filter(Boolean).join('; ');
    return { labels, codes: inds.map((i) => i.code), own: named, fromFormer };
  });
}

/** "tháng 9/2018": the period's last month, whose figure "đến nay" is (the key table's legend says it). */
function lastMonthLabel(summary: Summary): string {
  return periodLabel({
    type: 'month',
    year: summary.period.year,
    index: periodMonths(summary.period).at(-1) as number,
  });
}

/**
 * Stocks ("lũy kế") whose total so far (the "Từ đầu năm" column) counts units' figures from before
 * the period's last month: one line per set of such units, naming the indicators, so that the
 * total so far and the period's (which leaves out units without a figure in the period) differing
 * is not read as a mistake.
 */
export function carriedStockLines(summary: Summary, catalogue: Catalogue): string[] {
  const period = periodLabel(summary.period);
  const last = lastMonthLabel(summary);
  const past = pastLastMonth(summary) !== null;
  return carriedGroups(summary, catalogue, summary.indicators).map((g) =>
    T.carriedStock(g.labels, g.own, last, period, past, g.fromFormer),
  );
}

/**
 * The key figures table's stocks: which rows' figure "đến nay" is marked carriedMark (it holds
 * units' earlier figures), and the footnotes saying whose: one, or one per indicator when the
 * marked stocks do not carry the same units.
 */
export function keyCarried(
  summary: Summary,
  catalogue: Catalogue,
  keys: IndicatorSummary[],
): { marked: Set<string>; notes: string[] } {
  const groups = carriedGroups(summary, catalogue, keys);
  const last = lastMonthLabel(summary);
  const marked = new Set(groups.flatMap((g) => g.codes));
  const notes =
    groups.length === 1
      ? [T.keyCarriedNote(null, groups[0].own, last, groups[0].fromFormer)]
      : groups.flatMap((g) => g.labels.map((l) => T.keyCarriedNote(l, g.own, last, g.fromFormer)));
  return { marked, notes };
}

/** "— Chỉ tiêu lũy kế: …" under a key figures table showing a stock, or null. */
export function stockLegend(summary: Summary, catalogue: Catalogue, keys: IndicatorSummary[]): string | null {
  if (!keys.some((i) => isStock(catalogue, i.code))) return null;
  const last = periodMonths(summary.period).at(-1) as number;
  return T.stockLegend(
    periodLabel({ type: 'month', year: summary.period.year, index: last }),
    pastLastMonth(summary) !== null,
  );
}

interface NoteEntry {
  key: string;
  /** The last month of the note (a unit's same note in several is one entry). */
  month: number;
  line: string;
  /** Cut to the length asked for. */
  cut: boolean;
}

/** Line breaks a note may hold (the reader keeps them: each line is a point of a list). */
const NOTE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;

/**
 * A note as the notes lists show it: each line's spaces tidied, empty lines left out, no trailing
 * punctuation; '' for "Không" and the like (as the narrative, whose cleanNote flattens the lines).
 */
function noteText(raw: string): string {
  const flat = cleanNote(raw);
  if (!flat || !NOTE_BREAK.test(raw)) return flat;
  const lines = raw
    .split(NOTE_BREAK)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  lines[lines.length - 1] = lines[lines.length - 1].replace(/[\s.;,]+$/, '');
  return lines.filter(Boolean).join('\n');
}

function noteEntries(summary: Summary, clip?: number): NoteEntry[] {
  const out: NoteEntry[] = [];
  for (const ind of summary.indicators) {
    const kept: { unitCode: string; unitName: string; month: number; text: string }[] = [];
    for (const n of ind.notes ?? []) {
      // As the narrative quotes them: spaces tidied, "Không" and the like left out.
      const full = noteText(n.text);
      if (full) kept.push({ ...n, text: full });
    }
    // A unit's same text in several months (compared as the narrative does) is listed once, with its months.
    for (const n of sameNotes(kept, (x) => cleanNote(x.text))) {
      const full = n.text;
      const text = clip === undefined ? full : clipText(full, clip);
      // One full stop at the end, as typed or not (not after "?", "!", a bracket or "…").
      out.push({
        key: `${ind.code}\u0000${n.unitCode}`,
        month: n.months[n.months.length - 1],
        cut: text !== full,
        line: T.noteLine(
          unitLabel(summary, n.unitCode, n.unitName, T.noteMonths(n.months)),
          /[\p{L}\p{N}]$/u.test(text) ? `${text}.` : text,
        ),
      });
    }
    if (ind.kind === 'note') out.push(...remarkNoteEntries(summary, ind.code, clip));
  }
  return out;
}

/**
 * The remarks beside the note row `code` ("Ghi chú" column): a note written one column over,
 * listed after the row's notes as "Xã Huổi Lếch (ghi ở cột Ghi chú): …". A remark is the row's for
 * the year (no month); its own key, so that a mail keeps it beside the unit's latest note.
 */
function remarkNoteEntries(summary: Summary, code: string, clip?: number): NoteEntry[] {
  const out: NoteEntry[] = [];
  const remarks = noteRowRemarks(summary, code);
  if (!remarks.length) return out;
  // A remark that repeats one of its unit's notes of the period (copied one column over) is that note (as the narrative).
  const said = new Set<string>();
  for (const n of summary.indicators.find((i) => i.code === code)?.notes ?? [])
    said.add(`${n.unitCode}\u0000${cleanNote(n.text)}`);
  for (const r of remarks) {
    const full = noteText(r.text);
    if (!full || said.has(`${r.unitCode}\u0000${cleanNote(r.text)}`)) continue;
    const text = clip === undefined ? full : clipText(full, clip);
    out.push({
      key: `${code}\u0000${r.unitCode}\u0000${r.cell}`,
      month: 0,
      cut: text !== full,
      line: T.noteLine(remarkUnitLabel(summary, r, T.remarkNoteMark), /[\p{L}\p{N}]$/u.test(text) ? `${text}.` : text),
    });
  }
  return out;
}

/** How many remarks ("Ghi chú" column) the summary sheet lists, with the notes or on their own. */
export function remarksListed(summary: Summary): number {
  let n = figureRemarks(summary).length;
  for (const ind of summary.indicators) if (ind.kind === 'note') n += remarkNoteEntries(summary, ind.code).length;
  return n;
}

/** "Xã Chung Chải (tháng 9): …" for every note-indicator text of the period, line breaks kept. */
export function noteLines(summary: Summary): string[] {
  return noteEntries(summary).map((n) => n.line);
}

/** Characters of one note an e-mail shows. */
export const MAIL_NOTE_LENGTH = 500;
/**
 * Bytes of notes (UTF-8, as escaped in the HTML part) an e-mail shows in all: the notes of 166
 * communes would pass Gmail's clip (~102 KB) and, for a quarter, MailApp's body limit.
 */
export const MAIL_NOTES_BUDGET = 30000;

/** Bytes of `s` in UTF-8 (the engine has no Buffer or TextEncoder). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    // A surrogate pair is 4 bytes: 2 for each half.
    else if (c >= 0xd800 && c <= 0xdfff) n += 2;
    else n += 3;
  }
  return n;
}

/**
 * The first of `lines` an e-mail shows: at most `max`, within `budget` bytes in all (UTF-8, as
 * escaped in the HTML part); `cut` when one of those shown was quoted in part.
 */
function withinBudget(
  lines: { line: string; cut: boolean }[],
  budget: number,
  max = Number.POSITIVE_INFINITY,
): { shown: string[]; cut: boolean } {
  const shown: string[] = [];
  let used = 0;
  let cut = false;
  for (const n of lines) {
    const size = utf8Length(escapeHtml(n.line));
    if (shown.length >= max || used + size > budget) break;
    shown.push(n.line);
    used += size;
    cut ||= n.cut;
  }
  return { shown, cut };
}

/**
 * The notes an e-mail shows, bounded whatever the number of units and months: of a period of
 * several months the latest note of each unit, each cut to MAIL_NOTE_LENGTH, in all at most
 * MAIL_NOTES_BUDGET characters; then a line saying how many more there are and where they all
 * are (the summary sheet, attached to the e-mail, lists every note in full; `attached` false: the
 * e-mail went without it, and the line says so).
 */
export function mailNoteLines(summary: Summary, attached = true): string[] {
  const all = noteEntries(summary, MAIL_NOTE_LENGTH);
  const latest = new Map<string, NoteEntry>();
  for (const n of all) {
    const seen = latest.get(n.key);
    if (!seen || n.month >= seen.month) latest.set(n.key, n);
  }
  const { shown, cut } = withinBudget(
    all.filter((n) => latest.get(n.key) === n),
    MAIL_NOTES_BUDGET,
  );
  const sheet = T.summarySheet(formatPeriod(summary.period));
  // Said when a unit's earlier months are among those left out, so that none seems lost.
  const earlier = all.length > latest.size;
  if (all.length > shown.length) shown.push(T.moreNotes(all.length - shown.length, sheet, earlier, attached));
  else if (cut) shown.push(T.notesCutMail(sheet, attached));
  return shown;
}

/** Characters of one remark beside a figure an e-mail shows. */
export const MAIL_REMARK_LENGTH = 300;
/** Remarks beside figures an e-mail shows at most: a caveat or two, not the province's hundreds. */
export const MAIL_REMARKS = 15;
/** Bytes of those remarks (UTF-8, as escaped in the HTML part) an e-mail shows in all. */
export const MAIL_REMARKS_BUDGET = 6000;

/**
 * The remarks beside figure rows ("số liệu tạm tính") an e-mail shows, after the notes: at most
 * MAIL_REMARKS of them, each cut to MAIL_REMARK_LENGTH, MAIL_REMARKS_BUDGET bytes in all; then how
 * many more there are and where they all are (the summary sheet lists every one in full; `attached`
 * false: the e-mail went without it, and the line says so).
 */
export function mailRemarkLines(summary: Summary, catalogue: Catalogue, attached = true): string[] {
  const all = remarkLines(summary, catalogue);
  const { shown, cut } = withinBudget(
    all.map((full) => {
      const line = clipText(full, MAIL_REMARK_LENGTH);
      return { line, cut: line !== full };
    }),
    MAIL_REMARKS_BUDGET,
    MAIL_REMARKS,
  );
  const sheet = T.summarySheet(formatPeriod(summary.period));
  if (all.length > shown.length) shown.push(T.moreRemarks(all.length - shown.length, sheet, attached));
  else if (cut) shown.push(T.remarksCutMail(sheet, attached));
  return shown;
}

/**
 * Why the rates are not final yet (the period not over, or its deadline not passed), or null: said
 * beside them, not only among the findings (an information a reader would not see there).
 */
export function openPeriodNote(summary: Summary): string | null {
  const f = summary.findings.find((x) => x.code === 'period-not-closed' || x.code === 'before-deadline');
  return f ? `${f.message}.` : null;
}

export function completenessLines(summary: Summary): string[] {
  const c = summary.completeness;
  const open = openPeriodNote(summary);
  return [
    T.reportedLine(
      c.reported,
      c.expected,
      formatPercentVi(c.reportingRate),
      partialUnits(summary).length,
      unitsNoun(summary.units),
    ),
    T.onTimeLine(c.onTime, c.expected, formatPercentVi(c.onTimeRate), formatDateVi(c.deadline)),
    ...(open ? [open] : []),
  ];
}

/** The findings shown in an e-mail: errors and warnings first, at most `max`. */
export const MAIL_FINDINGS = 10;

// ---------------------------------------------------------------- the plain-text report

function section(title: string, lines: string[]): string[] {
  return lines.length ? ['', title, ...lines] : [];
}

/**
 * How an e-mail report goes: `sheetUrl` (http/https only) links the summary spreadsheet;
 * `attached: false`, the summary .xlsx could not go with it (the add-on, when Gmail refuses its
 * size), so the lines that point to its sheets say it is not attached and whom to ask.
 */
export interface MailOptions {
  sheetUrl?: string;
  attached?: boolean;
}

/**
 * The plain-text report: the same content as the HTML e-mail, one item per line,
 * Vietnamese number format. Lines are separated by "\n" (mail libraries send CRLF).
 */
export function renderTextReport(summary: Summary, catalogue: Catalogue, options: MailOptions = {}): string {
  const attached = options.attached !== false;
  const h = headingLines(summary);
  const label = periodLabel(summary.period);
  const out: string[] = [h.organisation, h.title, h.period, `${h.window}; ${h.generated}.`];

  const paragraphs = summary.narrative.map((p) => p.trim()).filter(Boolean);
  if (paragraphs.length) out.push('', T.narrativeTitleMail.toUpperCase(), paragraphs.join('\n\n'));

  const keys = keyIndicators(summary, catalogue);
  const uneven = unevenNote(keys, ['ytd']);
  const carried = keyCarried(summary, catalogue, keys);
  out.push(
    ...section(T.keyFiguresTitle.toUpperCase(), [
      // A stock once, "đến nay" (as the narrative says it): its period total lacks the units
      // carried, and two figures side by side would read as a mistake.
      ...keys.map((i) =>
        isStock(catalogue, i.code)
          ? T.keyStockLine(
              i.label,
              quantity(i.ytd, i.unit),
              carried.marked.has(i.code) ? T.carriedMark : '',
              ytdCompareText(i),
              pastLastMonth(summary),
            )
          : T.keyFigureLine(
              i.label,
              label,
              quantity(i.period, i.unit),
              quantity(i.ytd, i.unit),
              ytdCompareText(i),
              pastLastMonth(summary),
            ),
      ),
      ...carried.notes,
      ...(uneven ? [uneven] : []),
    ]),
  );

  const lists = completenessLists(summary);
  const done = completenessLines(summary);
  if (lists.late.length) done.push(`${T.lateTitle}: ${lists.late.join('; ')}`);
  if (lists.undated.length) done.push(`${T.undatedTitle}: ${lists.undated.join('; ')}`);
  if (lists.missing.length) done.push(`${T.missingTitle}: ${lists.missing.join('; ')}`);
  if (lists.partly.length) done.push(`${T.partlyTitle}: ${lists.partly.join('; ')}`);
  if (lists.former.length) done.push(`${T.formerTitle}: ${lists.former.join('; ')}`);
  if (lists.unreadable.length) done.push(`${T.unreadableTitle}: ${lists.unreadable.join('; ')}`);
  if (lists.unreadableFormer.length) done.push(`${T.unreadableFormerTitle}: ${lists.unreadableFormer.join('; ')}`);
  if (!anyListed(lists)) done.push(T.allOnTime);
  const loose = unattributedFilesLine(summary, lists);
  if (loose) done.push(loose);
  out.push(...section(T.completenessTitleMail.toUpperCase(), done));

  const chart = chartIndicator(summary, catalogue);
  if (chart) {
    const caption = chartCaption(summary, catalogue, chart);
    out.push(...section(caption.title, [...chartLines(summary, catalogue, chart, attached), ...caption.notes]));
  }

  const counts = findingCounts(summary.findings);
  const checks = [
    summary.findings.length ? `${T.findingCounts(counts.error, counts.warning, counts.info)}.` : T.noFindings,
    T.excluded(summary.excludedCells),
    ...rowMissingLines(summary),
    ...carriedStockLines(summary, catalogue),
  ];
  const shown = sortedFindings(summary.findings).slice(0, MAIL_FINDINGS);
  for (const f of shown) checks.push(`- [${T.severity[f.severity]}] ${findingText(f)}`);
  if (summary.findings.length > shown.length) checks.push(T.moreFindings(summary.findings.length - shown.length));
  if (summary.findings.length) checks.push(attached ? T.seeChecks : T.seeChecksUnattached);
  out.push(...section(T.checksTitleMail.toUpperCase(), checks));
  // After the checks, as in the HTML part; a note's further lines indented under its dash.
  out.push(
    ...section(
      T.notesTitleMail.toUpperCase(),
      mailNoteLines(summary, attached).map((l) => `- ${l.replace(/\n/g, '\n  ')}`),
    ),
  );
  out.push(
    ...section(
      T.remarksTitleMail.toUpperCase(),
      mailRemarkLines(summary, catalogue, attached).map((l) => `- ${l.replace(/\n/g, '\n  ')}`),
    ),
  );

  const url = safeHttpUrl(options.sheetUrl);
  if (url) out.push('', `${T.openSheet}: ${url}`);
  const at = localTimestamp(summary.generatedAt, summary.settings.timeZone);
  // RFC 3676's signature delimiter is "-- " (with the space): mail clients then fold the footer.
  out.push('', '-- ', T.footer(summary.settings.organisation, at.time, at.date));
  return `${out.join('\n')}\n`;
}
