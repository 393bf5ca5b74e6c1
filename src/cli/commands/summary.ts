/**
 * Shared by `aggregate`, `report` and `demo`: read the inputs, summarise the period,
 * render the outputs (summary workbook, HTML, text, CSV).
 */
import { isRenamedFrom } from '../../engine/aggregate/succession';
import { unitInSentence } from '../../engine/narrative/narrative';
import { lastClosedPeriod, notBegunOn, todayIn } from '../../engine/periods/cutoff';
import { formatPeriod, parsePeriodInput, periodLabel } from '../../engine/periods/period';
import { summarise } from '../../engine/pipeline';
import { unitOf } from '../../engine/report/by-code';
import { LONG_CSV_HEADER, longRows, toCsv } from '../../engine/report/long-rows';
import { buildSummaryWorkbook } from '../../engine/report/summary-workbook';
import { completenessLines, completenessLists, remarksListed, unitLabel } from '../../engine/report/text';
import { sharedCode } from '../../engine/sheet/layout';
import { readWorkbook } from '../../engine/sheet/read';
import { formatDateVi } from '../../engine/text/format';
import { aggregatingLevel } from '../../engine/text/level';
import type { Finding, Period, Summary } from '../../engine/types';
import { noReportSources } from '../../engine/unreadable';
import { CLI_NO_LAST_YEAR_ADVICE, CLI_UNDATED_ADVICE, CLI_TEXT as T } from '../../messages/vi/cli';
import { namedUnitWithin } from '../../messages/vi/layout';
import { REPORT_TEXT } from '../../messages/vi/report';
import { type LastYearFile, withUnreadableFiles } from '../attribute-unreadable';
import { type Config, configFindings } from '../config';
import { EXIT, UserError } from '../exit-codes';
import { bySeverity, countFindings, formatFinding } from '../findings';
import { formulaFindings, type Inputs, readInputs } from '../inputs';
import { type Io, println } from '../io';
import { sameFile } from '../output';
import { leaveOutOwnSummaries, withoutFiles } from '../own-summary';
import { toXlsxBuffer } from '../xlsx/write';

/**
 * The period from --period, else the last closed month in the settings' time zone. --period takes
 * every form parsePeriod reads ("2018-09", "tháng 9 năm 2018", "quý III/2018", "6 tháng năm 2018" …)
 * and, as the add-on's prompts, a month or quarter without a year ("9", "quý 3"): the latest such by
 * the last closed month (in January, "tháng 12" is last December).
 */
export function resolvePeriod(text: string | undefined, config: Config, when: Date): Period {
  const today = todayIn(config.settings.timeZone, when);
  const last = lastClosedPeriod(today, 'month', config.settings);
  if (text === undefined) return last;
  const p = parsePeriodInput(text, last);
  if (!p) throw new UserError(T.badPeriod(text), EXIT.usage);
  // Nothing of it can be reported yet; its "year to date" would be compared with a longer span
  // last year. Refused, as the add-on's Tổng hợp refuses it (a month or year mistyped).
  const start = notBegunOn(p, config.settings, today);
  if (start !== null)
    throw new UserError(T.periodNotStarted(periodLabel(p), formatDateVi(start), periodLabel(last)), EXIT.usage);
  return p;
}

export interface Prepared {
  inputs: Inputs;
  summary: Summary;
  errors: number;
  /** Unreadable files taken by their name as a unit's last-year report ("so cùng kỳ"). */
  lastYearUnreadable?: LastYearFile[];
}

/** Summarise already-read inputs; the reader's findings are added to the summary's. */
export function summariseInputs(inputs: Inputs, config: Config, period: Period, when: Date): Prepared {
  const { summary, read } = summarise({
    catalogue: config.catalogue,
    units: config.units,
    settings: config.settings,
    period,
    workbooks: inputs.workbooks,
    generatedAt: when.toISOString(),
    ...(config.formerUnits ? { formerUnits: config.formerUnits } : {}),
    // A month without its submission date: the date is typed in the file (no add-on menu here).
    undatedAdvice: CLI_UNDATED_ADVICE,
    noLastYearAdvice: CLI_NO_LAST_YEAR_ADVICE,
  });
  const own = [...configFindings(config), ...inputs.findings, ...formulaFindings(inputs, read.reports, period.year)];
  const findings: Finding[] = own.length ? [...own, ...summary.findings] : summary.findings;
  let full: Summary = { ...summary, findings };
  let lastYear: LastYearFile[] = [];
  const unreadable = inputs.outcomes.flatMap((o) => (o.workbook ? [] : [{ file: o.file, error: o.error ?? '' }]));
  // Workbooks opened without any sheet read as a report: their unit's, when their name names it.
  const noReport = noReportSources(summary.findings, read.reports);
  for (const file of noReport) unreadable.push({ file, error: '' });
  if (unreadable.length) {
    // A unit with a readable report of the year (even one without this period's figures) sent that one.
    const reported = new Set(read.reports.filter((r) => r.year === period.year).map((r) => r.unitCode));
    for (const r of summary.completeness.rows) if (r.status !== 'missing') reported.add(r.unitCode);
    const taken = withUnreadableFiles(full, config.catalogue, unreadable, reported, config.formerUnits, noReport);
    full = taken.summary;
    lastYear = taken.lastYear;
  }
  // No report of last year at all (the pipeline's 'no-last-year'): said last. Not when last year's
  // files were given but unreadable (said apart).
  const none = full.findings.filter((f) => f.code === 'no-last-year');
  if (none.length) {
    const rest = full.findings.filter((f) => f.code !== 'no-last-year');
    full = { ...full, findings: lastYear.length ? rest : [...rest, ...none] };
  }
  return {
    inputs,
    summary: full,
    errors: countFindings(full.findings).error,
    ...(lastYear.length ? { lastYearUnreadable: lastYear } : {}),
  };
}

export async function prepare(
  paths: string[],
  command: string,
  config: Config,
  period: Period,
  when: Date,
  io: Io,
  forceProgress: boolean,
  outputs: string[] = [],
): Promise<Prepared> {
  const inputs = leaveOutOwnSummaries(
    leaveOutEarlierOutputs(await readInputs(paths, command, io, forceProgress), outputs, config, period, io),
    config,
    io,
  );
  if (inputs.workbooks.length === 0) {
    for (const f of inputs.findings) println(io.stderr, formatFinding(f));
    throw new UserError(T.noneReadable, EXIT.input);
  }
  return summariseInputs(inputs, config, period, when);
}

/**
 * An input that is also an output of this run (`tonghop aggregate xa --out xa/tong-hop.xlsx`, run
 * again): when it holds no commune report (an earlier summary), it is left out of the inputs and
 * will be written over, with a line on stderr. A file with a report stays in, and checkOutputs
 * refuses the run: a commune's workbook is never overwritten.
 */
function leaveOutEarlierOutputs(inputs: Inputs, outputs: string[], config: Config, period: Period, io: Io): Inputs {
  if (!outputs.length) return inputs;
  const ctx = {
    catalogue: config.catalogue,
    units: config.units,
    year: period.year,
    years: [period.year, period.year - 1],
    level: aggregatingLevel(config.settings),
  };
  const dropped = new Set<string>();
  inputs.files.forEach((f, i) => {
    const outcome = inputs.outcomes[i];
    if (!outputs.some((o) => sameFile(o, f.path)) || outcome?.file !== f.display || !outcome.workbook) return;
    if (readWorkbook(outcome.workbook, ctx).reports.length) return;
    dropped.add(f.display);
    println(io.stderr, T.earlierOutputSkipped(f.display));
  });
  return withoutFiles(inputs, dropped);
}

export function defaultSummaryName(period: Period): string {
  return `tong-hop-${formatPeriod(period)}.xlsx`;
}

export function summaryXlsx(summary: Summary, config: Config, when: Date): Promise<Buffer> {
  // Charts in the model are not written to .xlsx (exceljs cannot); the HTML report has the chart.
  return toXlsxBuffer(buildSummaryWorkbook(summary, config.catalogue), { now: when });
}

export function summaryCsv(summary: Summary): string {
  return toCsv([LONG_CSV_HEADER, ...longRows(summary, true)]);
}

/** Completeness lines, late/missing/unreadable units and the narrative, for the console. */
/**
 * An old unit of a merger as the other outputs name it: "Xã Nậm Vì (nay thuộc xã Mường Nhé)"
 * (Summary.unreadableFormer), or when its months are in a merged unit's gap, by that unit.
 */
function formerName(summary: Summary, f: Finding): string {
  const code = f.unitCode as string;
  const own = summary.unreadableFormer?.find((o) => o.code === code);
  if (own) return own.label;
  const name = f.unitName ?? code;
  const into = summary.completeness.rows
    .filter((r) => r.formerGaps?.some((g) => g.code === code))
    .flatMap((r) => summary.units.filter((u) => u.code === r.unitCode));
  const now = into.map((u) => namedUnitWithin(unitInSentence(u), sharedCode(u.code, summary.units)));
  return into.length ? `${name} ${T.formerNow(now, isRenamedFrom(code, summary.units))}` : name;
}

/**
 * A last year's file on the console: "Xã Chung Chải (tệp)", the file in the bracket of the unit's code
 * when it has one; an old unit's after its own bracket, as formerFile: "Xã Nậm Vì (nay thuộc xã Mường Nhé), tệp …".
 */
function lastYearItem(summary: Summary, l: LastYearFile): string {
  const unit = unitOf(summary, l.unitCode);
  return unit ? unitLabel(summary, l.unitCode, unit.name, l.file) : T.formerFile(l.label, l.file);
}

/**
 * What the console does not show, and where it is (the summary sheet in `where`), after a blank
 * line: the notes' own section when the narrative points to it ("xem danh sách đầy đủ ở mục …",
 * "trích"), and how many remarks units wrote in the "Ghi chú" column. Empty when neither.
 */
export function elsewhereLines(summary: Summary, where: string): string[] {
  const sheet = REPORT_TEXT.summarySheet(formatPeriod(summary.period));
  const out: string[] = [];
  const section = `"${REPORT_TEXT.notesTitleMail}"`;
  if (summary.narrative.some((p) => p.includes(section)))
    out.push(T.notesNote(REPORT_TEXT.notesTitleMail, sheet, where));
  const remarks = remarksListed(summary);
  if (remarks) out.push(T.remarksNote(remarks, sheet, where));
  return out.length ? ['', ...out] : out;
}

export function consoleSummary(prepared: Prepared, maxFindings = 10): string[] {
  const summary = prepared.summary;
  const out: string[] = [];
  const lists = completenessLists(summary);
  out.push('', T.headingCompleteness, ...completenessLines(summary));
  if (lists.late.length) out.push(`${T.lateUnits}: ${lists.late.join('; ')}`);
  if (lists.undated.length) out.push(`${T.undatedUnits}: ${lists.undated.join('; ')}`);
  if (lists.missing.length) out.push(`${T.missingUnits}: ${lists.missing.join('; ')}`);
  if (lists.partly.length) out.push(`${T.partlyUnits}: ${lists.partly.join('; ')}`);
  if (lists.former.length) out.push(`${T.formerUnits}: ${lists.former.join('; ')}`);
  // Unreadable units with the file(s) taken as theirs; files not tied to a unit on their own line.
  const filesOf = new Map<string, string[]>();
  const loose: string[] = [];
  // Old units of a merger whose file could not be read: not units of the summary, said apart.
  const current = new Set(summary.units.map((u) => u.code));
  const formerFiles: string[] = [];
  // Last year's files ("so cùng kỳ"), named after their unit: said on a line of their own.
  const lastYear = prepared.lastYearUnreadable ?? [];
  const ofLastYear = new Set(lastYear.map((l) => l.file));
  for (const f of summary.findings) {
    if (f.code !== 'file-unreadable' || !f.file || ofLastYear.has(f.file)) continue;
    if (f.unitCode && !current.has(f.unitCode)) formerFiles.push(T.formerFile(formerName(summary, f), f.file));
    else if (f.unitCode) filesOf.set(f.unitCode, [...(filesOf.get(f.unitCode) ?? []), f.file]);
    else loose.push(f.file);
  }
  if (lists.unreadable.length) {
    const items = lists.unreadable.map((label, i) => {
      const code = summary.unreadableUnits[i];
      const files = filesOf.get(code);
      // The files in the bracket of the unit's code, when it has one: not a second bracket.
      return files ? unitLabel(summary, code, unitOf(summary, code)?.name ?? code, files.join(', ')) : label;
    });
    out.push(`${T.unreadableUnits}: ${items.join('; ')}`);
  }
  if (formerFiles.length) out.push(`${T.unreadableFormer}: ${formerFiles.join('; ')}`);
  if (lastYear.length)
    out.push(
      `${T.lastYearUnreadableUnits(summary.period.year - 1)}: ${lastYear.map((l) => lastYearItem(summary, l)).join('; ')}`,
    );
  // Information, yet the reason every "so cùng kỳ" is missing: on its own line.
  const noLastYear = summary.findings.find((f) => f.code === 'no-last-year');
  if (noLastYear) out.push(noLastYear.message);
  if (loose.length)
    out.push(
      `${T.unattributedFiles(loose.length, lists.missing.length + lists.former.length > 0, lists.partly.length > 0)}: ${loose.join('; ')}`,
    );
  const paragraphs = summary.narrative.map((p) => p.trim()).filter(Boolean);
  if (paragraphs.length) out.push('', T.headingNarrative, ...paragraphs.flatMap((p, i) => (i ? ['', p] : [p])));
  const counts = countFindings(summary.findings);
  if (counts.error || counts.warning) {
    out.push('', T.findingsHeading(counts.error, counts.warning));
    const shown = bySeverity(summary.findings).filter((f) => f.severity !== 'info');
    for (const f of shown.slice(0, maxFindings)) out.push(formatFinding(f));
    if (shown.length > maxFindings) out.push(T.moreFindings(shown.length - maxFindings));
  }
  return out;
}
