/**
 * The findings on a sheet's rows beyond its cells: a "Đơn vị tính" not the catalogue's, a code the
 * catalogue does not have, a row read by a loose match of its label, a row typed in without a code,
 * and a "Cả năm" figure that is not the months' sum or latest month (grouped per sheet). Moved
 * unchanged out of read.ts.
 */

import { FINDING_TEXT as T } from '../../messages/vi/findings';
import { nearlyEqual, parseNumberText } from '../text/number';
import type { CellValue, Finding, Grid, Indicator } from '../types';
import { parseCell } from '../validation/cells';
import { a1, colLetter } from './layout';
import type { Sink } from './read';
import { cellText, isEmpty, NO_CELLS } from './read-helpers';
import type { Columns, Lookup, Rows } from './read-types';

/** The finding on a row whose "Đơn vị tính" is not the catalogue's unit (see checkMeasures). */
export function measureFinding(out: Sink, look: Lookup, unitCol: number, x: Rows['measured'][number]): void {
  const cell = a1(x.row + 1, unitCol + 1);
  const ind = look.byCode.get(look.codes[x.k]) as Indicator;
  const extra = { cell, indicatorCode: ind.code, indicatorLabel: ind.label };
  const w = out.where({ cell, indicator: ind.label });
  // A whole paragraph pasted into the cell is shown by its start.
  const typed = x.typed.length > 60 ? `${x.typed.slice(0, 59)}…` : x.typed;
  const { kind, mul, div } = x.compare;
  if (kind === 'scale')
    out.push('warning', 'measure-converted', extra, T.measureConverted(w, typed, ind.unit, mul, div));
  else if (kind === 'renamed') out.push('warning', 'measure-renamed', extra, T.measureRenamed(w, typed, ind.unit));
  else out.push('error', 'measure-mismatch', extra, T.measureMismatch(w, typed, ind.unit));
}

/**
 * A row whose code the catalogue does not have (Rows.unknown). Read by its label, or as the
 * indicator whose place it holds (placeByPosition): a warning saying so. Otherwise its figures are
 * not counted. With a figure (any month cell not empty) while the sheet lacks a row for some
 * indicator (`lacking`): an error saying how many cells are left out, naming the indicator it may
 * now be (the figures may be that indicator's, missing from its total). When the sheet has a row
 * for every indicator, the figures belong to nothing the catalogue counts (an indicator removed
 * from it, a row the commune added): a warning with the count, as before. An error there would
 * block every commune's "Nộp báo cáo" after an indicator is removed mid-year (their months are
 * locked, the rows protected: nothing they could fix). An empty row: a warning.
 */
export function unknownRowFinding(
  grid: Grid,
  u: Rows['unknown'][number],
  cols: Columns,
  look: Lookup,
  lacking: boolean,
  out: Sink,
): void {
  const cell = a1(u.row + 1, cols.codeCol + 1);
  const w = out.where({ cell });
  const guess = u.guess === undefined ? undefined : (look.byCode.get(look.codes[u.guess]) as Indicator);
  if (guess && u.readAsGuess) {
    const extra = { cell, indicatorCode: guess.code, indicatorLabel: guess.label };
    out.push('warning', 'unknown-indicator', extra, T.unknownIndicatorPlaced(w, u.code, guess.label, guess.code));
    return;
  }
  let filled = 0;
  if (!u.readByLabel) {
    const row = grid[u.row] ?? NO_CELLS;
    for (let m = 1; m <= 12; m++) {
      const c = cols.monthCol[m];
      if (c !== undefined && !isEmpty(row[c])) filled++;
    }
  }
  if (filled === 0) {
    out.push('warning', 'unknown-indicator', { cell }, T.unknownIndicator(w, u.code, u.readByLabel));
    return;
  }
  if (!lacking) {
    out.push('warning', 'unknown-indicator', { cell }, T.unknownIndicatorExtra(w, u.code, filled));
    return;
  }
  const unitCell = cols.unitCol >= 0 ? cellText((grid[u.row] ?? NO_CELLS)[cols.unitCol]) : '';
  const likely = guess ? { code: guess.code, label: guess.label, unit: guess.unit, typedUnit: unitCell } : null;
  out.push('error', 'unknown-indicator', { cell }, T.unknownIndicatorFigures(w, u.code, filled, likely));
}

/** "VII", "IV." (a group's number), as text. */
function isRomanNumber(v: CellValue): boolean {
  return typeof v === 'string' && /^[IVXLC]{1,6}\.?$/.test(cellText(v));
}

/** A row read by a loose match of its label (Rows.loose): a warning on its label cell naming the indicator. */
export function looseLabelFinding(grid: Grid, x: Rows['loose'][number], cols: Columns, look: Lookup, out: Sink): void {
  const ind = look.byCode.get(look.codes[x.k]) as Indicator;
  const cell = a1(x.row + 1, cols.labelCol + 1);
  const label = cellText((grid[x.row] ?? NO_CELLS)[cols.labelCol]);
  const w = out.where({ cell, sheet: out.base.sheet });
  const extra = { cell, indicatorCode: ind.code, indicatorLabel: ind.label };
  out.push('warning', 'loose-label-match', extra, T.looseLabelRow(w, x.row + 1, label, ind));
}

/**
 * Figures typed in a catalogue group's heading row (the template's "I  Phong trào thi đua …") in a
 * month where none of the group's indicator rows (those below it, up to the next heading) has one:
 * no indicator reads them, so without a word they would be lost. Beside figures of its indicators,
 * a heading's figure is taken for the group's subtotal and left be. One warning per sheet.
 */
export function groupRowFinding(grid: Grid, groups: number[], rowAt: number[], cols: Columns, out: Sink): void {
  // Most sheets have nothing in their headings: one look at their month cells says so.
  let any = false;
  for (let g = 0; g < groups.length && !any; g++) {
    const row = grid[groups[g]] ?? NO_CELLS;
    for (let m = 1; m <= 12 && !any; m++) {
      const c = cols.monthCol[m];
      any = c !== undefined && isFigure(row[c]);
    }
  }
  if (!any) return;
  const found: { row: number; label: string; cells: string[] }[] = [];
  const indicatorRows = rowAt.filter((r) => r >= 0).sort((a, b) => a - b);
  for (let g = 0; g < groups.length; g++) {
    const r = groups[g];
    const next = g + 1 < groups.length ? groups[g + 1] : grid.length;
    const members = indicatorRows.filter((x) => x > r && x < next);
    const row = grid[r] ?? NO_CELLS;
    const cells: string[] = [];
    for (let m = 1; m <= 12; m++) {
      const c = cols.monthCol[m];
      if (c === undefined || !isFigure(row[c])) continue;
      if (members.some((x) => !isEmpty((grid[x] ?? NO_CELLS)[c]))) continue;
      cells.push(a1(r + 1, c + 1));
    }
    if (cells.length) found.push({ row: r + 1, label: cellText(row[cols.labelCol]), cells });
  }
  if (!found.length) return;
  const cell = found[0].cells[0];
  out.push(
    'warning',
    'group-row-figures',
    { cell },
    T.groupRowFigures(out.where({ cell, sheet: out.base.sheet }), found),
  );
}

/** A number other than 0 (typed, or as text): 0 in a heading loses nothing. */
function isFigure(v: CellValue): boolean {
  if (typeof v === 'number') return Number.isFinite(v) && v !== 0;
  if (typeof v !== 'string' || v === '' || v.trim() === '') return false;
  const parsed = parseNumberText(v, 'amount');
  return parsed.ok && parsed.value !== 0;
}

/**
 * Row `u.row` has no indicator code and a label that is no indicator's (Rows.uncoded): when a month
 * holds a figure (a number, or text that reads as one), a clerk typed in an indicator of their own,
 * whose figures would be left out without a word. On its label cell: an error while the sheet
 * lacks a row for some indicator (`lacking`: the figures may be its, as for a code in no
 * catalogue), naming the one it likely is (`u.guess`); else a warning. Only the month columns are
 * looked at: the "Cả năm" cell of such a row may hold a SUM (read as its result).
 */
export function uncodedRowFinding(
  grid: Grid,
  u: Rows['uncoded'][number],
  cols: Columns,
  look: Lookup,
  lacking: boolean,
  level: string,
  out: Sink,
): void {
  const r = u.row;
  const row = grid[r] ?? NO_CELLS;
  const months: number[] = [];
  for (let m = 1; m <= 12; m++) {
    const c = cols.monthCol[m];
    if (c === undefined) continue;
    const v = row[c];
    if (
      typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' && v !== '' && parseNumberText(v, 'amount').ok
    )
      months.push(m);
  }
  if (months.length === 0) return;
  // A heading numbered as the layout numbers its groups, "VII" in the STT column (left of the label) or the code's.
  if (isRomanNumber(row[cols.labelCol - 1]) || (cols.codeCol >= 0 && isRomanNumber(row[cols.codeCol]))) return;
  // No "Đơn vị tính" and a heading's look ("1. Công tác dân vận…", "Hội LHPN"): a group's subtotal
  // row worded otherwise than the catalogue, not a figure of its own.
  if (cols.unitCol >= 0 && isEmpty(row[cols.unitCol])) {
    const label = cellText(row[cols.labelCol]).trim();
    if (/^\d+\s*[.)]\s/.test(label) || label.split(/\s+/).length <= 4) return;
  }
  const cell = a1(r + 1, cols.labelCol + 1);
  const w = out.where({ cell, sheet: out.base.sheet });
  const label = cellText(row[cols.labelCol]);
  if (!lacking) {
    out.push('warning', 'uncoded-row', { cell }, T.uncodedRow(w, r + 1, label, months, level));
    return;
  }
  const guess = u.guess === undefined ? undefined : (look.byCode.get(look.codes[u.guess]) as Indicator);
  const extra = guess ? { cell, indicatorCode: guess.code, indicatorLabel: guess.label } : { cell };
  const likely = guess ? { code: guess.code, label: guess.label, byPlace: u.byPlace === true } : null;
  out.push('error', 'uncoded-row', extra, T.uncodedRowLacking(w, r + 1, label, months, likely, level));
}

/**
 * Row `at` has no month value (every month empty or invalid) but a figure other than 0 in the
 * year-total column: a warning on that cell, the figure not counted (the totals add months).
 */
export function totalWithoutMonths(
  grid: Grid,
  at: number,
  cols: Columns,
  ind: Indicator,
  flat: Float64Array,
  fa: number,
  out: Sink,
) {
  for (let m = 0; m < 12; m++) if (!Number.isNaN(flat[fa + m])) return;
  const v = (grid[at] ?? NO_CELLS)[cols.totalCol];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? parseCell(v, ind.kind) : null;
  const value = typeof n === 'number' ? n : n !== null && n.status === 'ok' ? (n.value as number) : null;
  if (value === null || value === 0 || !Number.isFinite(value)) return;
  const cell = a1(at + 1, cols.totalCol + 1);
  const extra = { cell, indicatorCode: ind.code, indicatorLabel: ind.label };
  // Months typed but unreadable (their own errors name them) are not "empty".
  const row = grid[at] ?? NO_CELLS;
  const typed = cols.monthCol.some((c) => c !== undefined && cellText(row[c]).trim() !== '');
  out.push(
    'warning',
    'total-without-months',
    extra,
    T.totalWithoutMonths(out.where({ cell, indicator: ind.label }), cellText(v), typed),
  );
}

/** A cell's finite number: a number as it is, a text as parseCell reads it for `kind`; else null. */
function numberIn(v: CellValue, kind: Indicator['kind']): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || v === '') return null;
  const parsed = parseCell(v, kind);
  return parsed.status === 'ok' && typeof parsed.value === 'number' && Number.isFinite(parsed.value)
    ? parsed.value
    : null;
}

/**
 * Row `at` of a summed indicator has month figures and a "Cả năm" cell (typed, or a formula's
 * result) that is not their sum: a warning naming the cell and both numbers (the months are
 * counted). Only when every month has a column and each month cell is a plain number or empty
 * (`rest`: the months plainValues left): a figure typed as text is not in a SUM formula's result,
 * and a wrong cell has its own finding.
 */
export function totalNotSum(
  grid: Grid,
  at: number,
  cols: Columns,
  ind: Indicator,
  flat: Float64Array,
  fa: number,
  rest: number,
  out: Sink,
) {
  const row = grid[at] ?? NO_CELLS;
  const total = numberIn(row[cols.totalCol], ind.kind);
  if (total === null) return;
  let sum = 0;
  if (rest === 0 && cols.run >= 0) {
    // The usual row: twelve plain numbers side by side, already in `flat`.
    for (let x = fa, end = fa + 12; x < end; x++) sum += flat[x];
  } else
    for (let m = 1; m <= 12; m++) {
      const c = cols.monthCol[m];
      if (c === undefined) return;
      if ((rest & (1 << m)) !== 0) {
        if (!isEmpty(row[c])) return;
      } else sum += flat[fa + m - 1];
    }
  if (nearlyEqual(total, sum)) return;
  // Numbers in other columns among the months (a "Quý I" column inserted, the SUM grown over it).
  let inner = 0;
  const innerCols: number[] = [];
  let lo = Number.POSITIVE_INFINITY;
  let hi = -1;
  for (let m = 1; m <= 12; m++) {
    const c = cols.monthCol[m] as number;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  for (let c = lo + 1; c < hi; c++) {
    if (cols.monthCol.includes(c)) continue;
    const got = numberIn(row[c], ind.kind);
    if (got === null || got === 0) continue;
    inner += got;
    innerCols.push(c);
  }
  const explained = innerCols.length > 0 && nearlyEqual(total, sum + inner);
  const header = grid[cols.headerRow] ?? NO_CELLS;
  const others = explained
    ? innerCols.map((c) => {
        const head = cellText(header[c]).trim();
        return head ? `${colLetter(c + 1)} (${head})` : colLetter(c + 1);
      })
    : [];
  const cell = a1(at + 1, cols.totalCol + 1);
  const extra = { cell, indicatorCode: ind.code, indicatorLabel: ind.label };
  const w = out.where({ cell, indicator: ind.label });
  const text = explained ? T.totalSumsOtherColumns(w, total, sum, others) : T.totalNotSum(w, total, sum);
  out.push('warning', 'total-not-sum', extra, text);
  const made = out.findings[out.findings.length - 1];
  NOT_SUMS.set(made, { row: at, cell, label: ind.label, total, sum, others: others.join(', ') });
}

/**
 * Row `at` of a stock (its year figure the latest month's) has month figures and a "Cả năm" value
 * that is not the latest month's figure: a total typed by hand, or left from when the indicator
 * was summed (the reader sees values only, so a formula's result is judged the same: the layout's
 * gives the latest month). A warning naming the cell, both numbers and the month; under the same
 * conditions as totalNotSum (every month has a column, each cell a plain number or empty).
 */
export function totalNotLast(
  grid: Grid,
  at: number,
  cols: Columns,
  ind: Indicator,
  flat: Float64Array,
  fa: number,
  rest: number,
  out: Sink,
) {
  const row = grid[at] ?? NO_CELLS;
  const total = numberIn(row[cols.totalCol], ind.kind);
  if (total === null) return;
  for (let m = 12; m >= 1; m--) {
    const c = cols.monthCol[m];
    if (c === undefined) return;
    if ((rest & (1 << m)) !== 0) {
      if (!isEmpty(row[c])) return;
      continue;
    }
    const last = flat[fa + m - 1];
    if (nearlyEqual(total, last)) return;
    const cell = a1(at + 1, cols.totalCol + 1);
    const extra = { cell, indicatorCode: ind.code, indicatorLabel: ind.label };
    out.push(
      'warning',
      'total-not-last',
      extra,
      T.totalNotLast(out.where({ cell, indicator: ind.label }), total, m, last),
    );
    return;
  }
}

/** What each 'total-not-sum' finding was made of, for groupNotSums. */
const NOT_SUMS = new WeakMap<
  Finding,
  { row: number; cell: string; label: string; total: number; sum: number; others: string }
>();

/**
 * The 'total-not-sum' findings of one sheet as one warning each for the rows a column among the
 * months explains and for the others (a pasted-values column differs on every row: one warning,
 * not thirty), in place of the first.
 */
export function groupNotSums(out: Sink): void {
  const fs = out.findings;
  // Most sheets have no such finding: no map made for them.
  let any = false;
  for (let k = 0; k < fs.length && !any; k++) any = fs[k].code === 'total-not-sum';
  if (!any) return;
  const groups = new Map<
    string,
    { at: number; rows: { row: number; cell: string; label: string; total: number; sum: number }[] }
  >();
  const drop = new Set<number>();
  for (let k = 0; k < fs.length; k++) {
    const d = fs[k].code === 'total-not-sum' ? NOT_SUMS.get(fs[k]) : undefined;
    if (!d) continue;
    const g = groups.get(d.others);
    if (g) {
      g.rows.push(d);
      drop.add(k);
    } else groups.set(d.others, { at: k, rows: [d] });
  }
  if (!drop.size) return;
  for (const [others, g] of groups) {
    if (g.rows.length < 2) continue;
    g.rows.sort((a, b) => a.row - b.row); // in the sheet's order
    const cells = g.rows.map((r) => r.cell);
    const text = others
      ? T.totalsSumOtherColumns(out.where({ cell: cells[0] }), cells, others)
      : T.totalsNotSum(out.where({ cell: cells[0] }), g.rows);
    out.push('warning', 'total-not-sum', { cell: cells[0] }, text);
    fs[g.at] = fs.pop() as Finding;
  }
  // In place: readGrid holds the array.
  const kept = fs.filter((_, k) => !drop.has(k));
  fs.length = 0;
  for (let k = 0; k < kept.length; k++) fs.push(kept[k]);
}
