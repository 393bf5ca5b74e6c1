/**
 * Check a set of workbooks together: read every report sheet, check each report's
 * rules, and find problems between workbooks (one unit sent twice). The result
 * never depends on the order the workbooks or sheets came in.
 */
import { sheetRef, FINDING_TEXT as T } from '../../messages/vi/findings';
import { countedPredecessors, namesakeGoingOn } from '../aggregate/succession';
import { unitInSentence } from '../narrative/narrative';
import {
  colLetter,
  colNumber,
  distinguishFindings,
  parseCell,
  reportDisplayName,
  unitDisplayName,
} from '../sheet/layout';
import { mergerSpan } from '../sheet/merger-span';
import { prepareRead, type ReadContext, readWorkbook, setUnitCodeNote, unitCodeNote } from '../sheet/read';
import { memoText, withoutBidi } from '../text/normalize';
import type { Finding, ReadResult, Unit, UnitYear, WorkbookInput } from '../types';
import { carriedStockFindings } from './carried-stock';
import { copiedMonthFindings } from './copied-month';
import { compileRules, ruleFindings as ruleFindingsOf } from './rules';
import { datedYearLate } from './year-late';

/** Code-point order: locale-independent, so every machine sorts alike. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** "G14" → [14, 7]; no cell sorts first. */
function parseCellPosition(cell: string): readonly [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return NO_POSITION;
  return [Number(m[2]), colNumber(m[1])];
}

const NO_POSITION = [0, 0] as const;
/** Sorting thousands of findings compares each cell many times; sheets share cell names. */
const cellPositionOf = memoText(parseCellPosition);

function cellPosition(cell: string | undefined): readonly [number, number] {
  return cell ? cellPositionOf(cell) : NO_POSITION;
}

/** Total order on findings: unit, file, sheet, cell (row, column), month, severity, code, text. */
export function compareFindings(a: Finding, b: Finding): number {
  const [ar, ac] = cellPosition(a.cell);
  const [br, bc] = cellPosition(b.cell);
  return (
    compareText(a.unitCode ?? '', b.unitCode ?? '') ||
    compareText(a.file ?? '', b.file ?? '') ||
    compareText(a.sheet ?? '', b.sheet ?? '') ||
    ar - br ||
    ac - bc ||
    (a.month ?? 0) - (b.month ?? 0) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.code, b.code) ||
    compareText(a.indicatorCode ?? '', b.indicatorCode ?? '') ||
    compareText(a.message, b.message)
  );
}

function compareReports(a: UnitYear, b: UnitYear): number {
  return compareText(a.unitCode, b.unitCode) || a.year - b.year;
}

/**
 * Read and check workbooks. Two sheets for the same unit and year: the evidently later
 * report is kept (see keepOneOfEach), the other's values are dropped with an error naming
 * both and why.
 * Unknown units, wrong years and cell problems come from reading (sheet/read.ts).
 * Units that sent nothing are not reported here: see expectedUnitsMissing.
 */
export function checkWorkbooks(workbooks: WorkbookInput[], ctx: ReadContext): ReadResult {
  const all: UnitYear[] = [];
  const findings: Finding[] = [];
  const prepared = prepareRead(ctx);
  const rules = compileRules(ctx.catalogue);
  // Rules are checked as each report is read, while its numbers are still in the CPU's cache;
  // only the kept reports' findings are used below (most reports have none: no entry).
  const ruleFindings = new Map<UnitYear, Finding[]>();
  // Text codes and finite years (as the reader makes them) sort with equal keys side by side.
  let plain = true;
  // Workbooks usually come in unit order, each a year after the other: then no sort is needed.
  let ordered = true;
  let last: UnitYear | undefined;
  for (let w = 0; w < workbooks.length; w++) {
    const r = readWorkbook(workbooks[w], ctx, prepared);
    const { reports } = r;
    for (let k = 0; k < reports.length; k++) {
      const report = reports[k];
      all.push(report);
      plain &&= typeof report.unitCode === 'string' && Number.isFinite(report.year);
      // compareReports(last, report) < 0, for the text codes and finite years it counts for.
      if (ordered && last)
        ordered = last.unitCode < report.unitCode || (last.unitCode === report.unitCode && last.year < report.year);
      last = report;
      const found = ruleFindingsOf(report, rules);
      if (found) ruleFindings.set(report, found);
    }
    for (let k = 0; k < r.findings.length; k++) findings.push(r.findings[k]);
  }

  // Hidden sheets matter only to keepOneOfEach: looked for only when it runs (one report per unit and year: not).
  const reports = (plain && uniqueReports(all, ordered)) || keepOneOfEach(all, findings, hiddenSheets(workbooks));
  if (ctx.year !== undefined) findings.push(...missingUnderUnlistedCode(reports, findings, ctx.units, ctx.year));
  if (ruleFindings.size)
    for (const r of reports) {
      const found = ruleFindings.get(r);
      if (found) for (const f of found) findings.push(f);
    }
  // Index loops, and nothing pushed when a check finds nothing (most reports): this runs once per
  // run over every report, before the JIT has optimised it, where for…of makes an iterator per report.
  for (let k = 0; k < reports.length; k++) {
    const found = carriedStockFindings(reports[k], ctx.catalogue);
    for (let j = 0; j < found.length; j++) findings.push(found[j]);
  }
  for (let k = 0; k < reports.length; k++) {
    const found = copiedMonthFindings(reports[k], ctx.catalogue);
    for (let j = 0; j < found.length; j++) findings.push(found[j]);
  }
  findings.push(...catalogueMismatches(findings, all.length, ctx));
  findings.sort(compareFindings);
  // Two units of one name: every finding says which (rule findings are made without the list).
  return { reports, findings: withoutBidiMessages(distinguishFindings(findings, ctx.units)) };
}

/**
 * Messages quote sheet and file names as typed: a bidi override in one would reverse the text after
 * it (in the message, and in the next ones where findings are listed together). The finding's own
 * `sheet` and `file` stay as they are: the shells find the sheet by them.
 */
function withoutBidiMessages(findings: Finding[]): Finding[] {
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const message = withoutBidi(f.message);
    if (message !== f.message) findings[i] = { ...f, message };
  }
  return findings;
}

/**
 * One warning per code-label mismatch found in half the sheets or more (of two units at least):
 * the catalogue changed under every commune (two codes swapped), which each commune's own error
 * would blame on its rows.
 */
function catalogueMismatches(findings: Finding[], sheets: number, ctx: ReadContext): Finding[] {
  let pairs: Map<string, { code: string; labelCode: string; units: Set<string>; sheets: Set<string> }> | null = null;
  for (const f of findings) {
    if (f.code !== 'code-label-mismatch' || !f.indicatorCode || !f.labelIndicatorCode) continue;
    pairs ??= new Map();
    const key = `${f.indicatorCode}\u0000${f.labelIndicatorCode}`;
    let pair = pairs.get(key);
    if (!pair) {
      pair = { code: f.indicatorCode, labelCode: f.labelIndicatorCode, units: new Set(), sheets: new Set() };
      pairs.set(key, pair);
    }
    pair.units.add(f.unitCode ?? '');
    pair.sheets.add(`${f.file ?? ''}\u0000${f.sheet ?? ''}`);
  }
  if (!pairs) return [];
  const out: Finding[] = [];
  const label = (code: string) => ctx.catalogue.indicators.find((i) => i.code === code)?.label ?? code;
  for (const p of pairs.values()) {
    if (p.units.size < 2 || p.sheets.size * 2 < sheets) continue;
    out.push({
      severity: 'warning',
      code: 'catalogue-mismatch',
      indicatorCode: p.code,
      indicatorLabel: label(p.code),
      labelIndicatorCode: p.labelCode,
      message: T.catalogueMismatch(p.code, label(p.labelCode), p.labelCode, p.sheets.size, sheets),
    });
  }
  return out;
}

/**
 * The reports (text codes, finite years) sorted by unit and year when no two share both (the
 * usual case), else null. `ordered`: each already sorts after the one before it.
 */
/** Hidden sheets, by file and sheet name (few workbooks have any: null otherwise). */
function hiddenSheets(workbooks: WorkbookInput[]): Set<string> | null {
  let hidden: Set<string> | null = null;
  for (const wb of workbooks)
    for (const sheet of wb.sheets) {
      if (!sheet.hidden) continue;
      hidden ??= new Set();
      hidden.add(`${wb.source}\u0000${sheet.name}`);
    }
  return hidden;
}

function uniqueReports(all: UnitYear[], ordered: boolean): UnitYear[] | null {
  if (ordered) return all;
  const sorted = [...all].sort(compareReports);
  for (let j = 1; j < sorted.length; j++)
    if (sorted[j].unitCode === sorted[j - 1].unitCode && sorted[j].year === sorted[j - 1].year) return null;
  return sorted;
}

/**
 * One report per unit and year, with an error for each other. Kept: among those whose unit cells
 * agree (no 'unit-mismatch' finding), else all (a mistyped "Mã đơn vị" in one commune's file must
 * not push out the unit's own report), one with unit cells (not 'unit-guessed'), a visible sheet, then the evidently later report (the
 * district keeps each month's file: …-T8.xlsx beside …-T9.xlsx), then the first by file and sheet.
 * A sheet read as a unit's by its names, its unit code being in no list ('unit-code-outdated'), is
 * the unit's only when no other sheet of that year is: else it is dropped, whichever comes first,
 * its warning turned into an error saying why (never one unit counted twice, nor from a guess when
 * its own sheet is there).
 */
function keepOneOfEach(all: UnitYear[], findings: Finding[], hidden: Set<string> | null = null): UnitYear[] {
  const place = (file: string | undefined, sheet: string | undefined) => `${file ?? ''}\u0000${sheet ?? ''}`;
  const isHidden = (r: UnitYear) => hidden?.has(place(r.file, r.sheet)) === true;
  // "trang "X" (trang đang ẩn)": the user cannot see a hidden sheet in Excel unless told.
  const ref = (r: UnitYear) => sheetRef(r.file, r.sheet) + (isHidden(r) ? T.hiddenSheet : '');
  const mismatched = new Set<string>();
  const outdated = new Map<string, Finding>();
  // Sheets tied to their unit by a name inside the file name or a title (no unit cells): less sure.
  const guessed = new Map<string, string>();
  for (const f of findings)
    if (f.code === 'unit-mismatch') mismatched.add(place(f.file, f.sheet));
    else if (f.code === 'unit-code-outdated') outdated.set(place(f.file, f.sheet), f);
    else if (f.code === 'unit-guessed') guessed.set(place(f.file, f.sheet), f.guessedFrom ?? '');
  const agrees = (r: UnitYear) => !mismatched.has(place(r.file, r.sheet));
  const named = (r: UnitYear) => !guessed.has(place(r.file, r.sheet));
  // Same file and sheet name twice (two folders): fall back to the contents, so even
  // then the input order does not decide.
  const content = (r: UnitYear) => JSON.stringify([r.values, r.notes, r.submitted]);
  const byPlace = [...all].sort(
    (a, b) => compareText(a.file, b.file) || compareText(a.sheet, b.sheet) || compareText(content(a), content(b)),
  );
  // Only the reports of duplicated units and years are looked into (a run without duplicates never gets here).
  const recency = new Map<UnitYear, Recency>();
  /**
   * The report kept of a group (in place order): one whose unit cells agree, then a visible sheet
   * (an old copy hidden, the visible one being the report), then the evidently later report; the
   * first by place only when nothing else tells them apart.
   */
  /**
   * Two reports of one code whose months do not overlap (an old commune's January–June, the new
   * commune's July–December under the same code) may be two units, or one unit's two halves: said,
   * as one of them is dropped all the same.
   */
  const apart = (kept: UnitYear, dropped: UnitYear): string => {
    const k = recencyOf(kept, recency).monthsFilled;
    const d = recencyOf(dropped, recency).monthsFilled;
    if (!k.length || !d.length || k.some((m) => d.includes(m))) return '';
    return T.duplicateUnitApart(k, d, kept.unitCode);
  };
  const pick = (group: UnitYear[]): UnitYear => {
    let c = group.filter(agrees);
    if (!c.length) c = group;
    const sure = c.filter(named);
    if (sure.length) c = sure;
    const visible = c.filter((r) => !isHidden(r));
    if (visible.length) c = visible;
    if (c.length > 1) c = latestOf(c, recency);
    return c[0];
  };
  const groups = new Map<string, UnitYear[]>();
  for (const r of byPlace) {
    const key = `${r.unitCode}\u0000${r.year}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const kept: UnitYear[] = [];
  const dropped = new Set<Finding>();
  for (const members of groups.values()) {
    let group = members;
    if (outdated.size && group.length > 1 && group.some((r) => outdated.has(place(r.file, r.sheet)))) {
      group = members.filter((r) => !outdated.has(place(r.file, r.sheet)));
      const first = group.length ? pick(group) : undefined;
      for (const r of members) {
        const warning = outdated.get(place(r.file, r.sheet));
        if (!warning) continue;
        dropped.add(warning);
        findings.push(unlistedDropped(r, warning, first, members));
      }
      if (!group.length) continue;
    }
    const first = pick(group);
    kept.push(first);
    const keptRef = ref(first);
    for (const r of group) {
      if (r === first) continue;
      const droppedRef = ref(r);
      const why =
        agrees(first) && !agrees(r)
          ? T.duplicateUnitMismatch(keptRef, droppedRef)
          : named(first) && !named(r)
            ? T.duplicateUnitGuessed(keptRef, droppedRef, guessed.get(place(r.file, r.sheet)) ?? '')
            : isHidden(r) && !isHidden(first)
              ? ''
              : whyLater(recency, first, r);
      findings.push({
        severity: 'error',
        code: 'duplicate-unit',
        unitCode: r.unitCode,
        unitName: r.unitName,
        ...(r.file ? { file: r.file } : {}),
        sheet: r.sheet,
        message: T.duplicateUnit({ unit: reportDisplayName(r) }, r.year, keptRef, droppedRef) + why + apart(first, r),
      });
    }
  }

  if (dropped.size) for (let i = findings.length - 1; i >= 0; i--) if (dropped.has(findings[i])) findings.splice(i, 1);
  return kept.sort(compareReports);
}

/** What tells the later of two reports of one unit and year. */
interface Recency {
  /** Latest plausible submission date (ISO), '' when none. */
  latest: string;
  /** Months with any figure or note. */
  months: number;
  /** Those months, 1-based, in order. */
  monthsFilled: number[];
  /** "CODE:month" of every figure and note. */
  filled: Set<string>;
  /** Most months dated a year late (datedYearLate): likely next year's report copied from this one. */
  late: boolean;
}

function recencyOf(r: UnitYear, cache: Map<UnitYear, Recency>): Recency {
  let got = cache.get(r);
  if (got) return got;
  // A date in neither the report's year nor the next is a slip ("2081"): it must not make a report the newer.
  const lo = `${r.year}-01-01`;
  const hi = `${r.year + 1}-12-31`;
  let latest = '';
  for (const d of r.submitted) if (d && d >= lo && d <= hi && d > latest) latest = d;
  const filled = new Set<string>();
  const inMonth = new Array<boolean>(12).fill(false);
  for (const [code, months] of Object.entries(r.values))
    months.forEach((v, m) => {
      if (v === null || v === undefined) return;
      filled.add(`${code}:${m}`);
      inMonth[m] = true;
    });
  for (const [code, months] of Object.entries(r.notes))
    months.forEach((v, m) => {
      if (!v?.trim()) return;
      filled.add(`${code}:${m}`);
      inMonth[m] = true;
    });
  const late = datedYearLate(r.submitted, r.year) !== null;
  const monthsFilled: number[] = [];
  inMonth.forEach((any, m) => {
    if (any) monthsFilled.push(m + 1);
  });
  got = { latest, months: monthsFilled.length, monthsFilled, filled, late };
  cache.set(r, got);
  return got;
}

/** `a` has every filled cell of `b` and more. */
function strictSuperset(a: Recency, b: Recency): boolean {
  if (a.filled.size <= b.filled.size) return false;
  for (const k of b.filled) if (!a.filled.has(k)) return false;
  return true;
}

/**
 * The evidently latest of `c` (place order kept): the latest submission date, then the most months
 * with figures, then those no other's figures strictly contain. Each step keeps a set that does not
 * depend on the input order.
 */
function latestOf(all: UnitYear[], cache: Map<UnitYear, Recency>): UnitYear[] {
  const rec = (r: UnitYear) => recencyOf(r, cache);
  // Dates a year late are no sign of a newer report of this year (a copy filled in the next year).
  const inYear = all.filter((r) => !rec(r).late);
  const c = inYear.length ? inYear : all;
  let latest = '';
  for (const r of c) if (rec(r).latest > latest) latest = rec(r).latest;
  let out = c.filter((r) => rec(r).latest === latest);
  const months = Math.max(...out.map((r) => rec(r).months));
  out = out.filter((r) => rec(r).months === months);
  if (out.length > 1) out = out.filter((r) => !out.some((o) => o !== r && strictSuperset(rec(o), rec(r))));
  return out;
}

/** After the duplicate error: why `kept` rather than `dropped`, both equally trusted otherwise. */
function whyLater(cache: Map<UnitYear, Recency>, kept: UnitYear, dropped: UnitYear): string {
  const k = recencyOf(kept, cache);
  const d = recencyOf(dropped, cache);
  if (d.late && !k.late) return T.duplicateUnitYearLate(dropped.year, sheetRef(dropped.file, dropped.sheet), d.latest);
  if (k.latest > d.latest) return T.duplicateUnitLater(k.latest, d.latest);
  if (k.latest === d.latest && k.months > d.months) return T.duplicateUnitMoreMonths(k.months, d.months);
  if (k.latest === d.latest && k.months === d.months && strictSuperset(k, d)) return T.duplicateUnitSuperset();
  return T.duplicateUnitByName();
}

/**
 * The error on a sheet read as `r.unitCode`'s by its names (its unit code in no list: `warning`) that
 * is dropped because another sheet of that unit and year is there: `kept`, the unit's own sheet
 * with its code, or else the other such sheets of `group`.
 */
function unlistedDropped(r: UnitYear, warning: Finding, kept: UnitYear | undefined, group: UnitYear[]): Finding {
  const note = unitCodeNote(warning);
  const typed = note?.typed ?? '';
  const cell = warning.cell;
  const w = { unit: reportDisplayName(r), sheet: r.sheet, cell };
  const message = kept
    ? T.unitCodeNotListedTaken(w, typed, r.unitCode, reportDisplayName(r), r.year, sheetRef(kept.file, kept.sheet))
    : T.unitCodeNotListedTwice(
        w,
        typed,
        r.unitCode,
        reportDisplayName(r),
        r.year,
        group.filter((x) => x !== r).map((x) => sheetRef(x.file, x.sheet)),
      );
  const f: Finding = {
    severity: 'error',
    code: 'unit-code-not-listed',
    unitCode: r.unitCode,
    unitName: r.unitName,
    ...(r.file ? { file: r.file } : {}),
    sheet: r.sheet,
    ...(cell ? { cell } : {}),
    message,
  };
  setUnitCodeNote(f, {
    typed,
    cell,
    units: [{ code: r.unitCode, display: reportDisplayName(r) }],
    year: r.year,
  });
  return f;
}

/**
 * A unit the names of sheets not read designate (their unit code in no list: 'unit-code-not-listed'),
 * that has no report of `year`: its 'unit-missing' warning, saying so rather than "no sheet", made
 * here so that summarise does not add the plain one. Units expected that year only, as
 * expectedUnitsMissing has them, and not the old units of a merger (summarise names those).
 */
function missingUnderUnlistedCode(reports: UnitYear[], findings: Finding[], units: Unit[], year: number): Finding[] {
  const sheets = new Map<string, string[]>();
  for (const f of findings) {
    if (f.code !== 'unit-code-not-listed') continue;
    const note = unitCodeNote(f);
    if (!note || note.year !== year) continue;
    for (const u of note.units) {
      const list = sheets.get(u.code) ?? [];
      const ref = sheetRef(f.file ?? '', f.sheet ?? '');
      if (!list.includes(ref)) list.push(ref);
      sheets.set(u.code, list);
    }
  }
  if (!sheets.size) return [];
  const merged = new Set<string>();
  for (const u of units) for (const p of u.succession?.predecessors ?? []) if (p !== u.code) merged.add(p);
  return expectedUnitsMissing(reports, units, year)
    .filter((f) => sheets.has(f.unitCode as string) && !merged.has(f.unitCode as string))
    .map((f) => {
      const unit = units.find((u) => u.code === f.unitCode) as Unit;
      const refs = sheets.get(f.unitCode as string) as string[];
      return { ...f, message: T.unitMissingCodeNotListed(unitDisplayName(unit), year, refs) };
    });
}

/** Year a unit's succession starts, or -Infinity when it always existed. */
/** The year a unit began (its merger's year), or -∞ for a unit without a succession. */
export const startYear = (u: Unit) => (u.succession ? Number(u.succession.from.slice(0, 4)) : Number.NEGATIVE_INFINITY);

/**
 * One 'unit-missing' warning per unit that has no report for `year`, sorted by unit
 * code. A unit is not expected before its succession starts, nor after it was merged
 * into a unit whose succession began on or before 1 January of that year. Units with a
 * 'unit-missing' finding among `already` (checkWorkbooks' findings) get none here.
 */
export function expectedUnitsMissing(
  reports: UnitYear[],
  units: Unit[],
  year: number,
  already: readonly Finding[] = [],
): Finding[] {
  // Plain loops: a national run has thousands of units and reports, and this runs once.
  const reported = new Set<string>();
  for (let k = 0; k < reports.length; k++) if (reports[k].year === year) reported.add(reports[k].unitCode);
  // Units checkWorkbooks already said are missing, in its own words (missingUnderUnlistedCode).
  const said = new Set<string>();
  for (let k = 0; k < already.length; k++)
    if (already[k].code === 'unit-missing' && already[k].unitCode) said.add(already[k].unitCode as string);
  const mergedAway = new Set<string>();
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (u.succession && u.succession.from <= `${year}-01-01`)
      for (const p of u.succession.predecessors) if (p !== u.code) mergedAway.add(p);
  }
  const missing: Unit[] = [];
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (reported.has(u.code) || said.has(u.code) || startYear(u) > year || mergedAway.has(u.code)) continue;
    // In its merger's year a new unit may go on in an old one's sheet (the same commune's name):
    // that report is mapped onto it, so it is not missing.
    if (startYear(u) === year && u.succession?.predecessors.some((p) => reported.has(p))) continue;
    missing.push(u);
  }
  return missing
    .sort((a, b) => compareText(a.code, b.code))
    .map((u) => ({
      severity: 'warning' as const,
      code: 'unit-missing',
      unitCode: u.code,
      unitName: u.name,
      message: T.unitMissing(unitDisplayName(u), year),
    }));
}

/**
 * A warning per sheet of a new unit of a merger (a successor that does not keep an old unit's code)
 * with figures, not 0, in months before it existed, saying what Tổng hợp does with them
 * (mapToSuccessors): its old units report those months in their own sheets, and the new sheet's
 * figures are taken as the whole area's instead of theirs (supersede), so a part typed there lowers
 * the total; or, when an old unit of its name has no report of the year, as that old unit's
 * (namesakeGoingOn). A renaming (one old unit) is warned of only where the old unit's report of
 * the year has the same cells: elsewhere its months before the change are simply the unit's.
 * Told to the commune when it checks; Tổng hợp tells each old unit so (predecessorOverlap). 0s
 * change nothing and are not named.
 */
export function successorBeforeMerger(
  reports: readonly UnitYear[],
  units: readonly Unit[],
  formerUnits: readonly Unit[],
  cutoffDay: number,
): Finding[] {
  if (!units.some((u) => u.succession?.predecessors?.length)) return [];
  const formerNames = new Map(formerUnits.map((f) => [f.code, f.name]));
  const out: Finding[] = [];
  for (const r of reports) {
    const unit = units.find((u) => u.code === r.unitCode);
    if (!unit?.succession) continue;
    const span = mergerSpan(unit, r.year, units, formerUnits, cutoffDay);
    if (span?.role !== 'successor') continue;
    const year = r.year;
    const reportOf = (code: string) => reports.find((x) => x.unitCode === code && x.year === year);
    // A renaming: only the cells the old unit's report of the year has too (supersede's), if any.
    const renamedFrom = span.rename ? unit.succession.predecessors[0] : undefined;
    const oldReport = renamedFrom === undefined ? undefined : reportOf(renamedFrom);
    if (renamedFrom !== undefined && !oldReport) continue;
    // Per row, the columns of the figures typed before the merger; the months among them.
    const rows = new Map<number, number[]>();
    let mask = 0;
    let firstCell: { row: number; col: number } | null = null;
    for (const [code, months] of Object.entries(r.values)) {
      const theirs = oldReport?.values[code];
      if (oldReport && !theirs) continue;
      for (let i = 0; i < span.first - 1 && i < months.length; i++) {
        if (!months[i]) continue;
        if (theirs && (theirs[i] === null || theirs[i] === undefined)) continue;
        const at = parseCell(r.cells[code]?.[i]);
        if (!at) continue;
        mask |= 1 << i;
        const cols = rows.get(at.row);
        if (cols) cols.push(at.col);
        else rows.set(at.row, [at.col]);
        if (!firstCell || at.row < firstCell.row || (at.row === firstCell.row && at.col < firstCell.col))
          firstCell = at;
      }
    }
    if (!firstCell) continue;
    const ranges: string[] = [];
    for (const row of [...rows.keys()].sort((a, b) => a - b)) {
      const cols = (rows.get(row) as number[]).sort((a, b) => a - b);
      for (let i = 0; i < cols.length; ) {
        let j = i;
        while (j + 1 < cols.length && cols[j + 1] === cols[j] + 1) j++;
        const a = `${colLetter(cols[i])}${row}`;
        ranges.push(j > i ? `${a}:${colLetter(cols[j])}${row}` : a);
        i = j + 1;
      }
    }
    const months: number[] = [];
    for (let i = 0; i < 12; i++) if (mask & (1 << i)) months.push(i + 1);
    const w = { unit: unitDisplayName(unit), sheet: r.sheet };
    let message: string;
    if (renamedFrom !== undefined && oldReport) {
      const former = formerUnits.find((f) => f.code === renamedFrom);
      const old = unitInSentence({
        name: former?.name || oldReport.unitName?.trim() || renamedFrom,
        kind: former?.kind || oldReport.unitKind || unit.kind || '',
      });
      message = T.renamedBeforeChange(w, ranges, span.from, year, months, old, oldReport.sheet);
    } else {
      // The old units Tổng hợp counts for the unit, and among them the one whose sheet this may be.
      const olds = countedPredecessors(unit, units);
      const namesake = namesakeGoingOn(unit.name, olds, formerNames, (code) => reportOf(code) !== undefined);
      if (namesake !== undefined) {
        const others = olds.filter((c) => c !== namesake).map((c) => formerNames.get(c));
        message = T.namesakeBeforeMerger(
          w,
          ranges,
          span.from,
          year,
          months,
          span.first,
          unit.kind,
          formerNames.get(namesake) as string,
          others.every((n) => n !== undefined) ? (others as string[]) : null,
        );
      } else
        message = T.successorBeforeMerger(
          w,
          ranges,
          span.from,
          year,
          months,
          span.first,
          unit.kind,
          span.others.map((o) => o.name),
        );
    }
    out.push({
      severity: 'warning',
      code: 'successor-before-merger',
      unitCode: unit.code,
      unitName: unit.name,
      ...(r.file ? { file: r.file } : {}),
      sheet: r.sheet,
      cell: `${colLetter(firstCell.col)}${firstCell.row}`,
      message,
    });
  }
  return out;
}
