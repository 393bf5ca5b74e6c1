/**
 * The commune report sheet: one sheet per unit per year, identical on Google Sheets
 * and in .xlsx. This module *writes* the layout; `read.ts` finds things by code and
 * header text, never by position alone, so users may reorder rows or add columns.
 *
 *   row 1  title (merged)
 *   row 2  "Đơn vị:"      | | Xã Chung Chải
 *   row 3  "Mã đơn vị:"   | | chung-chai
 *   row 4  "Năm:"         | | 2018
 *   row 5  in a merger's year only: | | which unit (old or new) and months the sheet is for
 *   row 6  Mã | STT | Chỉ tiêu | Đơn vị tính | T1 … T12 | Cả năm | Ghi chú
 *   row 7  NGAY_NOP | | Ngày nộp báo cáo | | dates …
 *   row 8… group rows (no code) and indicator rows
 */

import { FINDING_TEXT } from '../../messages/vi/findings';
import { LAYOUT_TEXT, namedUnit, withCodeAfterName } from '../../messages/vi/layout';
import { type CellModel, type ConditionalModel, emptySheet, type SheetModel } from '../report/model';
import { memoText, normalizeName } from '../text/normalize';
import type { Catalogue, Finding, Indicator, Unit, UnitYear } from '../types';
import { breakdownTotal } from '../validation/breakdown';

export const LAYOUT = {
  titleRow: 1,
  unitNameRow: 2,
  unitCodeRow: 3,
  yearRow: 4,
  /** A merger's year only: the months the sheet is for (MergerSpan). */
  spanRow: 5,
  headerRow: 6,
  submittedRow: 7,
  firstIndicatorRow: 8,
  valueCol: 3, // column C holds the unit name / code / year values
  codeCol: 1,
  numberCol: 2,
  labelCol: 3,
  unitCol: 4,
  firstMonthCol: 5, // E = T1 … P = T12
  totalCol: 17, // Q
  noteCol: 18, // R
  columns: 18,
  /** Code in column A of the submission-date row. */
  submittedCode: 'NGAY_NOP',
} as const;

export function monthCol(month: number): number {
  return LAYOUT.firstMonthCol + month - 1;
}

/** 1 → "A", 27 → "AA". */
export function colLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${colLetter(col)}${row}`;
}

/** "A" → 1, "aa" → 27: colLetter's inverse (letters only, either case). */
export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "G14" → { row: 14, col: 7 }; null for anything else. */
export function parseCell(ref: string | undefined): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec((ref ?? '').trim());
  if (!m) return null;
  return { row: Number(m[2]), col: colNumber(m[1]) };
}

/** Sheet (tab) name for a unit's year; Excel allows at most 31 characters. */
export function unitSheetName(unit: Pick<Unit, 'name'>, year: number): string {
  // A cut ending in a space would give "Foo  2025".
  return `${cutName(unit).trimEnd()} ${year}`;
}

/**
 * The names a unit's tab of `year` may have: unitSheetName's, then the one earlier versions gave
 * when it differs (the cut name not trimmed, "Foo  2025"), so tabs they made are still found by
 * the lookups that go by exact name.
 */
export function unitSheetNames(unit: Pick<Unit, 'name'>, year: number): string[] {
  const name = unitSheetName(unit, year);
  const old = `${cutName(unit)} ${year}`;
  return old === name ? [name] : [name, old];
}

function cutName(unit: Pick<Unit, 'name'>): string {
  return unit.name
    .replace(/[\\/?*[\]:]/g, ' ')
    .trim()
    .slice(0, 26);
}

/** "xã" → "Xã"; a handful of kinds, asked for once per sheet. */
const capitalKind = memoText((kind) => (kind ? kind.charAt(0).toLocaleUpperCase('vi') + kind.slice(1) : ''));

export function unitDisplayName(unit: Pick<Unit, 'name' | 'kind'>): string {
  const kind = unit.kind ? capitalKind(unit.kind) : '';
  // "Phường 1" of kind "phường" is "Phường 1", not "Phường Phường 1".
  if (!kind || startsWithKind(unit.name, kind)) return unit.name;
  return `${kind} ${unit.name}`;
}

/** A report's unit as unitDisplayName shows it ("Xã Chung Chải"; the name alone without a kind). */
export function reportDisplayName(r: Pick<UnitYear, 'unitName' | 'unitKind'>): string {
  return unitDisplayName({ name: r.unitName, kind: r.unitKind ?? '' });
}

type Named = Pick<Unit, 'code' | 'name' | 'kind'>;

/** Per list of units (a summary's): the codes of units shown under a name another unit of it has. */
const sharedCache = new WeakMap<readonly Named[], ReadonlySet<string>>();

/**
 * The codes of the units of `units` whose display name ("Xã Chung Chải", compared as names are,
 * case and Unicode form aside) another unit of the list has too: two communes of one name in two
 * districts of a province. Computed once per list.
 */
export function sharedNameCodes(units: readonly Named[]): ReadonlySet<string> {
  const cached = sharedCache.get(units);
  if (cached) return cached;
  const first = new Map<string, string>();
  const out = new Set<string>();
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (!u.name) continue;
    const key = normalizeName(unitDisplayName(u));
    const at = first.get(key);
    if (at === undefined) first.set(key, u.code);
    else if (at !== u.code) {
      out.add(at);
      out.add(u.code);
    }
  }
  sharedCache.set(units, out);
  return out;
}

/**
 * A unit's name as shown to the user (`shown`: "Xã Chung Chải", "xã Chung Chải", "Chung Chải"),
 * followed by its code in brackets when another unit of `units` has the same name, so that lists
 * and tables tell them apart: "Xã Chung Chải (chung-chai-np)". The unit itself is not renamed
 * (its tab and files are found by its name). A `note` said about the unit goes into the same
 * bracket, not a second one: "Xã Chung Chải (mã chung-chai-np, nộp ngày 30/10/2018)".
 */
export function distinctName(shown: string, code: string, units: readonly Named[], note?: string): string {
  return namedUnit(shown, sharedCode(code, units), note);
}

/** The code to show after a unit's name: `code` when another unit of `units` has the unit's name, else null. */
export function sharedCode(code: string, units: readonly Named[]): string | null {
  return code && sharedNameCodes(units).has(code) ? code : null;
}

/** unitDisplayName ("Xã Chung Chải"), as distinctName: with the code when another unit of `units` has the name. */
export function distinctDisplayName(unit: Named, units: readonly Named[]): string {
  return distinctName(unitDisplayName(unit), unit.code, units);
}

/**
 * Findings whose message starts with the name of a unit another unit of `units` shares ("Xã Chung
 * Chải, ô G14 …", "Xã Chung Chải: chưa có trang báo cáo năm 2018"): that name followed by the
 * unit's code, as distinctName; a bracket right after the name takes the code in (withCodeAfterName).
 * The one place where a finding's own unit gets its code (the reader's places name it bare); a
 * message that names other units in its sentence names them with distinctName. A new list (the
 * findings given are not changed); the same list when no unit shares its name.
 */
export function distinguishFindings(findings: Finding[], units: readonly Unit[]): Finding[] {
  const shared = sharedNameCodes(units);
  if (!shared.size) return findings;
  const byCode = new Map<string, Unit>();
  for (const u of units) if (shared.has(u.code)) byCode.set(u.code, u);
  return findings.map((f) => {
    const u = f.unitCode === undefined ? undefined : byCode.get(f.unitCode);
    if (!u) return f;
    const shown = unitDisplayName(u);
    if (!f.message.startsWith(shown)) return f;
    const message = withCodeAfterName(shown, u.code, f.message.slice(shown.length));
    return message === null ? f : { ...f, message };
  });
}

/**
 * What follows the engine's 'unit-missing' words (expectedUnitsMissing) in `message` when it is the
 * 'unit-missing' of `unit` for `year` ("" for those words alone, " — …" when something was added),
 * else null: another year's, or another message. The unit named alone or, by distinguishFindings,
 * with its code (`units`).
 */
export function afterUnitMissing(message: string, unit: Unit, year: number, units: readonly Unit[]): string | null {
  for (const name of [unitDisplayName(unit), distinctDisplayName(unit, units)]) {
    const text = FINDING_TEXT.unitMissing(name, year);
    if (message.startsWith(text)) return message.slice(text.length);
  }
  return null;
}

/** "xã Mường Nhé" (mid-sentence): the kind in lower case, the name as it is. */
export function inSentence(unit: Pick<Unit, 'name' | 'kind'>): string {
  const d = unitDisplayName(unit);
  return unit.kind && startsWithKind(d, capitalKind(unit.kind)) ? d.charAt(0).toLocaleLowerCase('vi') + d.slice(1) : d;
}

function startsWithKind(name: string, kind: string): boolean {
  return (
    name.length > kind.length &&
    name[kind.length] === ' ' &&
    name.slice(0, kind.length).toLowerCase() === kind.toLowerCase()
  );
}

/** Row of each indicator in a freshly built sheet. */
export function indicatorRows(catalogue: Catalogue): Map<string, number> {
  const rows = new Map<string, number>();
  let row = LAYOUT.firstIndicatorRow;
  for (const group of catalogue.groups) {
    const members = catalogue.indicators.filter((i) => i.group === group.code);
    if (members.length === 0) continue;
    row++; // group row
    for (const ind of members) rows.set(ind.code, row++);
  }
  return rows;
}

/** The months an old or a new unit reports in its merger's year (merger-span.ts). */
export interface MergerSpan {
  /**
   * 'former': an old unit, the months before the merger; 'successor': the new unit, the months from
   * it; 'continuing': a new unit that keeps an old unit's code (its own predecessor): it reports
   * every month, before the merger (before `first`) for its own old area only, the other old units
   * in their own sheets.
   */
  role: 'former' | 'successor' | 'continuing';
  first: number;
  last: number;
  /** ISO date of the merger. */
  from: string;
  /**
   * The other side: the new unit(s) an old one went into, or the old units of a new one ([] when not
   * all are named); for 'continuing', its other old units.
   */
  others: Pick<Unit, 'code' | 'name' | 'kind'>[];
  /** One old unit into one new one, nothing else merged: a renaming (or a new code), said so. */
  rename?: boolean;
}

export interface UnitSheetData {
  /** In a merger's year: said in the title and a note above the table (two sheets may share a name). */
  span?: MergerSpan | null;
  values?: Record<string, (number | null)[]>;
  notes?: Record<string, (string | null)[]>;
  /** ISO dates per month. */
  submitted?: (string | null)[];
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

/**
 * The year-total ("Cả năm") formula of an indicator's row `row`: the months' sum for a flow, the
 * latest month's figure for a stock, none for a note. The one builder: a fresh sheet's rows and a
 * re-coded row ("Tạo mẫu", `tonghop template`: missing-rows.ts) get it from here.
 */
export function totalFormula(ind: Pick<Indicator, 'kind' | 'overMonths'>, row: number): string | undefined {
  const first = a1(row, monthCol(1));
  const last = a1(row, monthCol(12));
  if (ind.kind === 'note') return undefined;
  if (ind.overMonths === 'sum') return `=IF(COUNT(${first}:${last})=0,"",SUM(${first}:${last}))`;
  // Stock: the latest month that has a number (works in Excel, LibreOffice and Sheets).
  return `=IFERROR(LOOKUP(2,1/ISNUMBER(${first}:${last}),${first}:${last}),"")`;
}

/** Excel serial day number for an ISO date, so dates are real dates in both renderers. */
export function isoToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

/**
 * Build a unit's sheet, empty (a template) or filled (the district aggregate in the
 * commune layout, so a higher level aggregates it exactly like a commune).
 */
export function buildUnitSheet(
  unit: Pick<Unit, 'code' | 'name' | 'kind'>,
  year: number,
  catalogue: Catalogue,
  data: UnitSheetData = {},
  sheetName = unitSheetName(unit, year),
): SheetModel {
  const sheet = emptySheet(sheetName);
  const t = LAYOUT_TEXT;
  const rows: (CellModel | null)[][] = [];
  const put = (row: number, col: number, cell: CellModel) => {
    while (rows.length < row) rows.push([]);
    const r = rows[row - 1];
    while (r.length < col) r.push(null);
    r[col - 1] = cell;
  };

  const span = data.span;
  const title = LAYOUT_TEXT.sheetTitle(catalogue.title, year);
  // A unit keeping its code reports every month in this one sheet: its title is the plain one.
  const spanTitle = span && span.role !== 'continuing' ? ` ${t.spanTitle(span, unit.kind)}` : '';
  put(LAYOUT.titleRow, 1, { v: `${title}${spanTitle}`, s: 'title' });
  // Merged only within the frozen columns (A:D): Google Sheets refuses a merge across the frozen
  // edge ("You can't merge frozen and non-frozen columns"), and with it the whole sheet's making.
  sheet.merges.push({ row: LAYOUT.titleRow, col: 1, rows: 1, cols: LAYOUT.unitCol });
  put(LAYOUT.unitNameRow, 1, { v: t.unitName, s: 'label' });
  put(LAYOUT.unitNameRow, LAYOUT.valueCol, { v: unitDisplayName(unit), s: 'text' });
  put(LAYOUT.unitCodeRow, 1, { v: t.unitCode, s: 'label' });
  put(LAYOUT.unitCodeRow, LAYOUT.valueCol, { v: unit.code, s: 'text' });
  put(LAYOUT.yearRow, 1, { v: t.year, s: 'label' });
  put(LAYOUT.yearRow, LAYOUT.valueCol, { v: year, s: 'text' });
  if (span) {
    // Under the unit's name, code and year; not a top label ("Đơn vị:", "Năm:"), so the reader
    // passes over it. Merged only within the frozen columns (C:D).
    const others = span.others.map(inSentence);
    put(LAYOUT.spanRow, LAYOUT.valueCol, {
      v: t.spanNote(span, year, unit.kind, others, inSentence(unit)),
      s: 'notice',
    });
    put(LAYOUT.spanRow, LAYOUT.valueCol + 1, { v: null, s: 'notice' });
    sheet.merges.push({ row: LAYOUT.spanRow, col: LAYOUT.valueCol, rows: 1, cols: 2 });
  }

  const h = LAYOUT.headerRow;
  put(h, LAYOUT.codeCol, { v: t.code, s: 'header' });
  put(h, LAYOUT.numberCol, { v: t.number, s: 'header' });
  put(h, LAYOUT.labelCol, { v: t.indicator, s: 'header' });
  put(h, LAYOUT.unitCol, { v: t.measure, s: 'header' });
  for (let m = 1; m <= 12; m++) put(h, monthCol(m), { v: `T${m}`, s: 'header' });
  put(h, LAYOUT.totalCol, { v: t.yearTotal, s: 'header' });
  put(h, LAYOUT.noteCol, { v: t.note, s: 'header' });

  const sr = LAYOUT.submittedRow;
  put(sr, LAYOUT.codeCol, { v: LAYOUT.submittedCode, s: 'locked' });
  put(sr, LAYOUT.labelCol, { v: t.submittedLabel, s: 'group' });
  put(sr, LAYOUT.unitCol, { v: t.submittedUnit, s: 'locked' });
  for (let m = 1; m <= 12; m++) {
    const iso = data.submitted?.[m - 1];
    put(sr, monthCol(m), { v: iso ? isoToSerial(iso) : null, s: 'date' });
  }

  const conditionals: ConditionalModel[] = [];
  const rowOf = indicatorRows(catalogue);
  // Totals of a breakdown: their cells say why they may turn yellow (the blank-total highlighting below).
  const totals = new Set(catalogue.rules.filter(breakdownTotal).map((r) => r.right[0]));
  let row = LAYOUT.firstIndicatorRow;
  let groupNo = 0;
  for (const group of catalogue.groups) {
    const members = catalogue.indicators.filter((i) => i.group === group.code);
    if (members.length === 0) continue;
    put(row, LAYOUT.numberCol, { v: ROMAN[groupNo] ?? String(groupNo + 1), s: 'group' });
    put(row, LAYOUT.labelCol, { v: group.label, s: 'group' });
    groupNo++;
    row++;
    members.forEach((ind, i) => {
      put(row, LAYOUT.codeCol, { v: ind.code, s: 'locked' });
      put(row, LAYOUT.numberCol, { v: i + 1, s: 'locked' });
      put(row, LAYOUT.labelCol, { v: ind.label, s: 'label' });
      put(row, LAYOUT.unitCol, { v: ind.unit, s: 'locked' });
      for (let m = 1; m <= 12; m++) {
        if (ind.kind === 'note') {
          put(row, monthCol(m), { v: data.notes?.[ind.code]?.[m - 1] ?? null, s: 'text' });
        } else {
          const v = data.values?.[ind.code]?.[m - 1];
          put(row, monthCol(m), { v: v ?? null, s: ind.kind === 'count' ? 'integer' : 'decimal' });
        }
      }
      const f = totalFormula(ind, row);
      put(row, LAYOUT.totalCol, f ? { v: null, f, s: 'total' } : { v: null, s: 'locked' });
      put(row, LAYOUT.noteCol, { v: null, s: 'text' });
      sheet.validations.push({
        range: { row, col: monthCol(1), rows: 1, cols: 12 },
        kind: ind.kind === 'note' ? 'unicodeText' : ind.kind === 'count' ? 'nonNegativeInteger' : 'nonNegativeNumber',
        help: totals.has(ind.code)
          ? t.helpBreakdownTotal(ind.kind === 'count' ? t.helpCount : t.helpAmount)
          : ind.kind === 'note'
            ? t.helpUnicode
            : ind.kind === 'count'
              ? t.helpCount
              : t.helpAmount,
      });
      row++;
    });
  }
  const lastRow = row - 1;
  sheet.validations.push({
    range: { row: sr, col: monthCol(1), rows: 1, cols: 12 },
    kind: 'date',
    help: t.helpDate,
  });

  // Flag cross-field rule violations while people type (same rules as the engine).
  for (const rule of catalogue.rules) {
    const refs = (codes: string[]) => codes.map((c) => `${colLetter(monthCol(1))}$${rowOf.get(c)}`);
    const left = refs(rule.left);
    const right = refs(rule.right);
    if ([...rule.left, ...rule.right].some((c) => !rowOf.has(c))) continue;
    const sum = (r: string[]) => (r.length ? `SUM(${r.join(',')})` : '0');
    const op = rule.operator === '==' ? '=' : rule.operator === '!=' ? '<>' : rule.operator;
    const guard =
      rule.missing === 'treatAsZero'
        ? `COUNT(${[...left, ...right].join(',')})>0`
        : `AND(COUNT(${left.join(',')})>0,${right.length ? `COUNT(${right.join(',')})>0` : 'TRUE'})`;
    const formula = `=AND(${guard},NOT(${sum(left)}${op}${sum(right)}))`;
    for (const code of [...rule.left, ...rule.right]) {
      conditionals.push({
        range: { row: rowOf.get(code) as number, col: monthCol(1), rows: 1, cols: 12 },
        formula,
        style: rule.importance,
      });
    }
    // Parts typed, their total left blank (the engine's blank-total warning): the total's cell only,
    // the one to fill in. Not for a rule that counts an empty cell as 0 (it is then broken, above).
    if (breakdownTotal(rule)) {
      const total = right[0];
      conditionals.push({
        range: { row: rowOf.get(rule.right[0]) as number, col: monthCol(1), rows: 1, cols: 12 },
        formula: `=AND(COUNT(${left.join(',')})>0,SUM(${left.join(',')})<>0,COUNT(${total})=0)`,
        style: 'warning',
      });
    }
  }

  sheet.rows = rows;
  sheet.conditionals = conditionals;
  sheet.frozenRows = LAYOUT.headerRow;
  sheet.frozenCols = LAYOUT.unitCol;
  sheet.widths = [14, 5, 48, 11, ...Array(12).fill(8), 10, 30];
  sheet.editable = [
    { row: sr, col: monthCol(1), rows: 1, cols: 12 },
    { row: LAYOUT.firstIndicatorRow, col: monthCol(1), rows: lastRow - LAYOUT.firstIndicatorRow + 1, cols: 12 },
    { row: LAYOUT.firstIndicatorRow, col: LAYOUT.noteCol, rows: lastRow - LAYOUT.firstIndicatorRow + 1, cols: 1 },
  ];
  return sheet;
}
