/**
 * From workbooks to the summary: the one call both shells make when the district
 * clicks "Tổng hợp".
 *
 *  1. Read and check every workbook for the period's year and the year before
 *     (checkWorkbooks). The reader accepts old units known only as predecessors in
 *     `succession`; `formerUnits`, when given, names them and lets their names be checked.
 *  2. Findings: all findings of the period's year and those not tied to a sheet go to
 *     the summary unchanged. Findings on last year's sheets are kept but lowered to
 *     'info': nobody corrects last year's report now, yet the district should know the
 *     "so cùng kỳ" figures rest on them.
 *  3. Units expected this year without a sheet get a 'unit-missing' warning (unless the
 *     reader already gave one); completeness lists them as not reported. Units whose
 *     sheet exists but could not be read (an error on a sheet that gave no report)
 *     go to `unreadableUnits`, by code, with the units the shell could not open
 *     (`input.unreadableUnits`: no 'unit-missing' warning for those, the shell says why).
 *  4. Aggregate (mapping both years onto the current units) and write the narrative. An
 *     old unit listed under several current units is counted for the first of them only
 *     and gets a 'unit-split' warning saying so. The aggregate adds its own warnings: old
 *     units of a merged one that sent nothing for months before the merger, this year or
 *     last ('predecessor-missing…', named from `formerUnits` when given), and submission
 *     dates after the run or before the month's data window closes ('submitted-…').
 *  5. When the period's deadline counts working days of a year the list of days off has no day
 *     of, or no Tết day (no day next to 2/9) of when it counts those days, a warning says which
 *     year and where to add them ('holidays-missing', 'holidays-no-tet', 'holidays-no-national-day';
 *     periods/holidays.ts).
 *
 * `predecessorsMissing` is step 3's warning for the old units, for "Kiểm tra" (a whole year, no
 * aggregate): in the words Tổng hợp uses.
 */

import { FINDING_TEXT, type NoLastYearAdvice, sheetRef, type UndatedAdvice } from '../messages/vi/findings';
import { NARRATIVE_TEXT } from '../messages/vi/narrative';
import { LEVEL_TEXT, OPEN_PERIOD_TEXT } from '../messages/vi/periods';
import { aggregate } from './aggregate/aggregate';
import { oldUnitNames } from './aggregate/old-unit-names';
import { areaReport, hasData, mapToSuccessors, monthsBeforeMerger, splitPredecessors } from './aggregate/succession';
import { latestOpenYear, localDateOf, notBegunOn, openOn } from './periods/cutoff';
import { holidayCoverageFindings } from './periods/holidays';
import { periodLabel, previousYear } from './periods/period';
import { distinctDisplayName, distinctName, reportDisplayName, unitDisplayName } from './sheet/layout';
import { compareVi } from './text/collate';
import { formatDateVi } from './text/format';
import { aggregatingLevel, levelWordOf } from './text/level';
import { normalizeName } from './text/normalize';
import type { Catalogue, Finding, Period, ReadResult, Settings, Summary, Unit, UnitYear, WorkbookInput } from './types';
import { checkWorkbooks, expectedUnitsMissing, startYear } from './validation/check';

export interface SummariseInput {
  catalogue: Catalogue;
  /** The units expected to report in the period (after any merger: the new ones). */
  units: Unit[];
  settings: Settings;
  period: Period;
  workbooks: WorkbookInput[];
  /** ISO timestamp of the run. */
  generatedAt: string;
  /**
   * Optional: units of earlier years (e.g. the 2018 list). Those that are predecessors
   * in `succession` are read as full units (name checked). Without it the reader knows
   * them by code and takes their names from their sheets.
   */
  formerUnits?: Unit[];
  /**
   * Optional: codes of units whose file or spreadsheet the shell could not open. They are
   * "không đọc được", not "chưa nộp": listed in `unreadableUnits` (and so in the narrative)
   * without a 'unit-missing' warning; the shell reports why.
   */
  unreadableUnits?: string[];
  /** Optional: the shell's own advice for a month with figures and no submission date (AggregateInput). */
  undatedAdvice?: UndatedAdvice;
  /**
   * Optional: the shell's words for where last year's reports are looked for and what to add. Given,
   * a run without any report of last year ends its findings with one 'no-last-year' info (noLastYear).
   */
  noLastYearAdvice?: NoLastYearAdvice;
}

export interface SummariseResult {
  summary: Summary;
  /** Everything read, both years, with all findings as the checker made them. */
  read: ReadResult;
}

/**
 * Warnings for settings that name another level than `level` in the report's wording: "tỉnh"
 * aggregated with "toàn huyện" and "Huyện ủy …" left from the sample (every sentence would say
 * "toàn huyện"). Said once per run, in both shells.
 */
export function levelWordingFindings(settings: Settings): Finding[] {
  const level = aggregatingLevel(settings);
  const out: Finding[] = [];
  const fields: [string, string][] = [
    [LEVEL_TEXT.scopeLabel, settings.scopeLabel],
    [LEVEL_TEXT.organisation, settings.organisation],
  ];
  for (const [field, value] of fields) {
    const word = levelWordOf(value);
    if (word && word !== level)
      out.push({
        severity: 'warning',
        code: 'level-wording',
        message: LEVEL_TEXT.scopeMismatch(settings.level.trim(), field, value.trim(), word),
      });
  }
  return out;
}

/**
 * The sheets (file and name) of a later year than the period's that are expected on the run's
 * date (that year's January window has opened: the communes keep next year's workbook beside this
 * one) and of a unit that has its report of the period's year: they cannot contribute, and their
 * findings ("báo cáo năm 2027, trong khi đang tổng hợp năm 2026") are left out. A unit with only
 * such a sheet, or a year not begun yet (a typo), keeps them. A sheet with figures of a month
 * whose data has not begun (December's figures typed into next year's workbook, opened by mistake)
 * gets one warning saying so instead (`early`). Null when there are none.
 */
function expectedLaterSheets(
  later: UnitYear[],
  thisYear: UnitYear[],
  settings: Settings,
  generatedAt: string,
  early: Finding[],
): Set<string> | null {
  if (!later.length) return null;
  const today = localDateOf(generatedAt, settings.timeZone);
  const latest = latestOpenYear(settings, today);
  const reported = new Set(thisYear.map((r) => r.unitCode));
  const keys: string[] = [];
  for (const r of later) {
    if (r.year > latest || !reported.has(r.unitCode)) continue;
    const months: number[] = [];
    for (let m = 1; m <= 12; m++)
      if (hasData(r, m) && notBegunOn({ type: 'month', year: r.year, index: m }, settings, today)) months.push(m);
    keys.push(`${r.file}\u0000${r.sheet}`);
    if (months.length)
      early.push({
        severity: 'warning',
        code: 'later-year-figures',
        unitCode: r.unitCode,
        ...(r.unitName ? { unitName: r.unitName } : {}),
        ...(r.file ? { file: r.file } : {}),
        sheet: r.sheet,
        message: FINDING_TEXT.laterYearFigures(
          { unit: reportDisplayName(r), file: r.file, sheet: r.sheet },
          r.year,
          months,
        ),
      });
  }
  return keys.length ? new Set(keys) : null;
}

/** A warning when `period`'s data window has not closed by the run's date, information before its deadline. */
export function openPeriodFinding(period: Period, settings: Settings, generatedAt: string): Finding | null {
  const open = openOn(period, settings, localDateOf(generatedAt, settings.timeZone));
  if (!open) return null;
  const label = periodLabel(period);
  return open.state === 'notClosed'
    ? {
        severity: 'warning',
        code: 'period-not-closed',
        message: OPEN_PERIOD_TEXT.notClosed(label, formatDateVi(open.end)),
      }
    : {
        severity: 'info',
        code: 'before-deadline',
        message: OPEN_PERIOD_TEXT.beforeDeadline(label, formatDateVi(open.due)),
      };
}

export function summarise(input: SummariseInput): SummariseResult {
  const { catalogue, units, settings, period } = input;
  const year = period.year;
  // The reader accepts predecessors known by code alone (named from their sheets);
  // former units given in full are read as units, names checked.
  // Index loops over units and reports: this runs once per process, unoptimised, where for…of
  // makes an iterator result per element.
  const predecessors = new Set<string>();
  for (let i = 0; i < units.length; i++) {
    const preds = units[i].succession?.predecessors;
    if (preds) for (const p of preds) predecessors.add(p);
  }
  // Current codes are needed only beside former units (most runs have none).
  const current = input.formerUnits?.length ? new Set(units.map((u) => u.code)) : null;
  const former = current
    ? (input.formerUnits as Unit[]).filter((u) => predecessors.has(u.code) && !current.has(u.code))
    : [];
  const read = checkWorkbooks(input.workbooks, {
    catalogue,
    units: former.length ? [...units, ...former] : units,
    year,
    years: [year, year - 1],
    level: aggregatingLevel(settings),
  });
  const thisYear: UnitYear[] = [];
  const previous: UnitYear[] = [];
  const later: UnitYear[] = [];
  for (let i = 0; i < read.reports.length; i++) {
    const r = read.reports[i];
    if (r.year === year) thisYear.push(r);
    else if (r.year === year - 1) previous.push(r);
    else if (r.year > year) later.push(r);
  }
  const earlyLater: Finding[] = [];
  const laterSheets = expectedLaterSheets(later, thisYear, settings, input.generatedAt, earlyLater);

  // Sheet keys are only made when some finding names a sheet (most national runs have none).
  let lastYearSheets: Set<string> | null = null;
  // A unit the shell could not open gets no 'unit-missing' warning: the shell says why.
  const notOpened = new Set(input.unreadableUnits ?? []);
  const unitFindings =
    notOpened.size || laterSheets
      ? read.findings.filter(
          (f) =>
            !(f.code === 'unit-missing' && notOpened.has(f.unitCode as string)) &&
            !(f.sheet !== undefined && laterSheets?.has(`${f.file ?? ''}\u0000${f.sheet}`)),
        )
      : read.findings;
  const findings: Finding[] = unitFindings.map((f) => {
    if (f.sheet === undefined) return f;
    lastYearSheets ??= new Set(previous.map((r) => `${r.file}\u0000${r.sheet}`));
    // A year mismatch may be this year's sheet read as last year's (a slip in "Năm"): it stays as it was.
    if (f.code === 'year-mismatch') return f;
    return lastYearSheets.has(`${f.file ?? ''}\u0000${f.sheet}`) ? { ...f, severity: 'info' } : f;
  });
  findings.push(...earlyLater);

  const alreadyMissing = new Set(findings.filter((f) => f.code === 'unit-missing').map((f) => f.unitCode));
  // A sheet naming a missing unit in "Đơn vị" under another unit's code is most likely its report.
  const namedIn = new Map<string, Finding>();
  for (const f of read.findings) if (f.code === 'unit-mismatch' && f.namedUnitCode) namedIn.set(f.namedUnitCode, f);
  // A unit whose sheet of the year lost its month header has its error instead (it is "không đọc được").
  const unheaded = new Set(read.findings.filter((f) => f.code === 'no-month-header').map((f) => f.unitCode));
  for (const f of expectedUnitsMissing(thisYear, units, year)) {
    if (alreadyMissing.has(f.unitCode) || notOpened.has(f.unitCode as string) || unheaded.has(f.unitCode)) continue;
    const named = namedIn.size ? namedIn.get(f.unitCode as string) : undefined;
    findings.push(named ? { ...f, message: missingButNamed(f, named, units, year) } : f);
  }

  // Units with a sheet that could not be read: an error on a sheet that gave no report.
  let reportSheets: Set<string> | null = null;
  const failedSheetUnits = new Set<string | undefined>();
  for (const f of read.findings) {
    // A sheet dropped as a second report of its unit and year was read: its unit is not "không đọc được".
    if (f.severity !== 'error' || f.sheet === undefined || f.code === 'duplicate-unit') continue;
    reportSheets ??= new Set(read.reports.map((r) => `${r.file}\u0000${r.sheet}`));
    if (!reportSheets.has(`${f.file ?? ''}\u0000${f.sheet}`)) failedSheetUnits.add(f.unitCode);
  }
  const unreadableUnits: string[] = [];
  if (failedSheetUnits.size || notOpened.size) {
    const reportedNow = new Set(thisYear.map((r) => r.unitCode));
    for (const u of units)
      if (!reportedNow.has(u.code) && (failedSheetUnits.has(u.code) || notOpened.has(u.code)))
        unreadableUnits.push(u.code);
  }

  // Every current unit and predecessor code is mapped: last year's reports of those codes leave
  // nothing unmatched. The reader knows only the units it is given and their predecessors, so
  // without former units (which may bring older predecessors) every report is of such a code.
  const unmatched =
    !former.length || previous.every((r) => (current as Set<string>).has(r.unitCode) || predecessors.has(r.unitCode))
      ? []
      : mapToSuccessors(previous, units, previousYear(period)).unmatched;
  for (const code of unmatched)
    findings.push({
      severity: 'info',
      code: 'unit-unmatched',
      unitCode: code,
      message: NARRATIVE_TEXT.unmatchedPrevious(code, year - 1),
    });
  // An old unit still listed as a unit of its own after its merger keeps its data (mapToSuccessors):
  // counted apart from the new one, and called missing when it stops reporting. Said once per unit.
  if (predecessors.size)
    for (let i = 0; i < units.length; i++) {
      const u = units[i];
      if (!predecessors.has(u.code)) continue;
      const into = units.find((x) => x !== u && x.succession?.predecessors.includes(u.code) && startYear(x) <= year);
      if (!into?.succession) continue;
      findings.push({
        severity: 'warning',
        code: 'unit-also-predecessor',
        unitCode: u.code,
        unitName: u.name,
        message: FINDING_TEXT.unitAlsoPredecessor(
          distinctDisplayName(u, units),
          distinctDisplayName(into, units),
          formatDateVi(into.succession.from),
        ),
      });
    }
  // An old unit under several new ones is counted for one of them only (mapToSuccessors):
  // one warning per such unit with a report this year or last, naming all its successors.
  // Without any succession no old unit can be split.
  for (const split of predecessors.size ? splitPredecessors(read.reports, units) : []) {
    // Two successors of one name are told apart by code, as any unit another shares the name of.
    const names = split.successors.map((u) => distinctName(u.name, u.code, units));
    findings.push({
      severity: 'warning',
      code: 'unit-split',
      unitCode: split.code,
      unitName: split.name,
      message: NARRATIVE_TEXT.splitPredecessor(split.name, split.code, names),
    });
  }

  // The period's deadline counts working days of a year without days off listed, or without Tết.
  const holidayGaps = holidayCoverageFindings(period, settings);
  if (holidayGaps.length) findings.push(...holidayGaps);
  // A period not over yet (a typo for last year's?), or still within its deadline: not final.
  const open = openPeriodFinding(period, settings, input.generatedAt);
  if (open) findings.push(open);
  findings.push(...levelWordingFindings(settings));

  const summary = aggregate({
    catalogue,
    units,
    settings,
    period,
    current: thisYear,
    previous,
    findings,
    generatedAt: input.generatedAt,
    unreadableUnits,
    ...(former.length ? { formerUnits: former } : {}),
    ...(input.undatedAdvice ? { undatedAdvice: input.undatedAdvice } : {}),
  });
  const none = input.noLastYearAdvice && !previous.length ? noLastYear(year, input.noLastYearAdvice) : null;
  return { summary: none ? { ...summary, findings: [...summary.findings, none] } : summary, read };
}

/**
 * No report of the year before `year` was read (a folder per year, tabs of last year deleted at the
 * year's turn): every "so cùng kỳ" is missing and a stock without a figure yet this year counts 0,
 * said once, in the shell's words. Information: nothing this year is wrong.
 */
export function noLastYear(year: number, advice: NoLastYearAdvice): Finding {
  return { severity: 'info', code: 'no-last-year', message: FINDING_TEXT.noLastYear(year, advice) };
}

/**
 * For a check of a whole year ("Kiểm tra"), what expectedUnitsMissing is for the units: one
 * 'predecessor-missing' warning per old unit of a merger that was to report months of `year` (those
 * before its merger, by `cutoffDay`) and has no report of that year at all; Tổng hợp says the same
 * of it, in the same words. Old units are the predecessors of `units` that are not units themselves;
 * each is told under the unit Tổng hợp counts it for (the first in name order, as a split one is),
 * named from `formerUnits`, else by code. An old unit that reported but left months empty is no more
 * told here than a unit is, nor one named like its new unit when that unit has a report; nor are the
 * months the new unit's own report has when it is the area's (areaReport, as Tổng hợp). Sorted by code.
 */
export function predecessorsMissing(
  reports: UnitYear[],
  units: Unit[],
  year: number,
  cutoffDay: number,
  formerUnits: Unit[] = [],
): Finding[] {
  const reported = new Set<string>();
  const byCode = new Map<string, UnitYear>();
  for (const r of reports)
    if (r.year === year) {
      reported.add(r.unitCode);
      // The one Tổng hợp keeps: the first by file, then sheet.
      const seen = byCode.get(r.unitCode);
      if (!seen || r.file < seen.file || (r.file === seen.file && r.sheet < seen.sheet)) byCode.set(r.unitCode, r);
    }
  const current = new Set(units.map((u) => u.code));
  // Old code → the unit it is counted for (the first in name order) and its months of `year`.
  const owed = new Map<string, { unit: Unit; months: number }>();
  const ordered = [...units].sort((a, b) => compareVi(a.name, b.name) || (a.code < b.code ? -1 : 1));
  for (const u of ordered) {
    if (!u.succession) continue;
    const months = monthsBeforeMerger(u.succession.from, year, cutoffDay);
    for (const p of u.succession.predecessors)
      if (!current.has(p) && !owed.has(p) && months > 0) owed.set(p, { unit: u, months });
  }
  const out: Finding[] = [];
  const formerNames = new Map(formerUnits.map((f) => [f.code, f.name]));
  const areas = new Map<Unit, UnitYear | undefined>();
  const reportOf = (code: string) => byCode.get(code);
  for (const [code, { unit, months }] of owed) {
    if (reported.has(code)) continue;
    const named = formerUnits.find((f) => f.code === code);
    // The old commune of the new one's name went on in the sheet the new one reports in (its code
    // changed to the new one), as Tổng hợp takes it.
    if (named && reported.has(unit.code) && normalizeName(named.name) === normalizeName(unit.name)) continue;
    if (!areas.has(unit)) {
      const olds = [...owed].filter(([, o]) => o.unit === unit).map(([c]) => c);
      areas.set(unit, areaReport(unit, olds, reportOf, formerNames));
    }
    // The months the new unit's own report has, when the area's, are the old commune's too.
    const area = areas.get(unit);
    const list: number[] = [];
    for (let m = 1; m <= months; m++) if (!area || !hasData(area, m)) list.push(m);
    if (!list.length) continue;
    out.push({
      severity: 'warning',
      code: 'predecessor-missing',
      unitCode: code,
      ...(named ? { unitName: named.name } : {}),
      message: FINDING_TEXT.predecessorMissing(oldUnitNames(named ?? null, code, unit, units), year, list, true, []),
    });
  }
  return out.sort((a, b) => ((a.unitCode as string) < (b.unitCode as string) ? -1 : 1));
}

/** unit-missing for a unit that a sheet names under another unit's code: say which sheet. */
function missingButNamed(f: Finding, named: Finding, units: Unit[], year: number): string {
  const unit = units.find((u) => u.code === f.unitCode);
  const coded = units.find((u) => u.code === named.unitCode);
  const display = (u: Unit | undefined, code: string | undefined) => (u ? unitDisplayName(u) : (code ?? ''));
  return FINDING_TEXT.unitMissingNamedElsewhere(
    display(unit, f.unitCode),
    year,
    sheetRef(named.file ?? '', named.sheet ?? ''),
    display(coded, named.unitCode),
  );
}
