/** `tonghop check FILE|DIR… [--json] [--year Y]`: findings in Vietnamese; exit 1 on errors. */
import { futureMonthFindings, mergerMappingFindings, submissionDateSlips } from '../../engine/aggregate/aggregate';
import { mapToSuccessors } from '../../engine/aggregate/succession';
import { todayIn } from '../../engine/periods/cutoff';
import { reportDisplayName } from '../../engine/sheet/layout';
import { aggregatingLevel } from '../../engine/text/level';
import { withoutBidi } from '../../engine/text/normalize';
import type { Finding, UnitYear } from '../../engine/types';
import { checkWorkbooks, successorBeforeMerger } from '../../engine/validation/check';
import { HELP, CLI_TEXT as T } from '../../messages/vi/cli';
import { CONFIG_OPTIONS, HELP_OPTION, parse, parseYear } from '../args';
import { now } from '../clock';
import { type Config, configFindings, loadConfig, readerUnits } from '../config';
import { EXIT, UserError } from '../exit-codes';
import { bySeverity, countFindings, formatFinding } from '../findings';
import { formulaFindings, readInputs } from '../inputs';
import { type Io, println } from '../io';
import { leaveOutOwnSummaries } from '../own-summary';

const OPTIONS = {
  ...HELP_OPTION,
  ...CONFIG_OPTIONS,
  year: { type: 'string' },
  json: { type: 'boolean' },
  progress: { type: 'boolean' },
} as const;

/** The findings of another year's sheet kept by --year: they say why it is of another year (or may be wrongly). */
const YEAR_CODES = new Set(['wrong-year', 'year-mismatch', 'no-year', 'year-copied']);

export async function runCheck(argv: string[], io: Io): Promise<number> {
  const args = parse('check', argv, OPTIONS, true);
  if (args.bool('help')) {
    io.stdout.write(HELP.check);
    return EXIT.ok;
  }
  const yearText = args.str('year');
  const year = yearText === undefined ? undefined : parseYear(yearText);
  const config = loadConfig(args, io.cwd);
  const today = todayIn(config.settings.timeZone, now(io.env, config.settings.timeZone));
  const inputs = leaveOutOwnSummaries(
    await readInputs(args.positionals, 'check', io, args.bool('progress')),
    config,
    io,
  );

  const result = checkWorkbooks(inputs.workbooks, {
    catalogue: config.catalogue,
    units: readerUnits(config),
    level: aggregatingLevel(config.settings),
    ...(year !== undefined ? { year } : {}),
  });
  // With --year, only that year's sheets: the findings of other years' sheets are left out, as
  // their reports are, but for the reader's one warning on each that it is of another year.
  const otherYears = new Set<string>();
  if (year !== undefined)
    for (const r of result.reports) if (r.year !== year) otherYears.add(`${r.file ?? ''}\0${r.sheet}`);
  const ofYear = (f: Finding) => YEAR_CODES.has(f.code) || !otherYears.has(`${f.file ?? ''}\0${f.sheet}`);
  const reports = year === undefined ? result.reports : result.reports.filter((r) => r.year === year);
  const findings = bySeverity([
    ...configFindings(config),
    ...inputs.findings,
    ...formulaFindings(inputs, reports),
    ...(year === undefined ? result.findings : result.findings.filter(ofYear)),
    ...submissionDateSlips(reports, config.settings, today),
    ...futureMonthFindings(reports, config.settings, today),
    ...afterMerger(reports, config.units, config.settings.cutoffDay),
    ...successorBeforeMerger(reports, config.units, config.formerUnits ?? [], config.settings.cutoffDay),
  ]);
  const counts = countFindings(findings);
  const noneReadable = inputs.workbooks.length === 0;
  const code = noneReadable ? EXIT.input : counts.error > 0 ? EXIT.dataErrors : EXIT.ok;

  if (args.bool('json')) {
    const json = {
      files: inputs.files.length,
      unreadableFiles: inputs.unreadable,
      reports: reports.map((r) => ({
        unitCode: r.unitCode,
        unitName: r.unitName,
        year: r.year,
        file: r.file,
        sheet: r.sheet,
        ...(r.remarks?.length ? { remarks: r.remarks } : {}),
      })),
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      findings,
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return code;
  }

  for (const f of findings) println(io.stdout, formatFinding(f));
  if (findings.length) println(io.stdout);
  const remarks = remarkLines(reports, config.catalogue);
  if (remarks.length) {
    println(io.stdout, T.checkRemarksHeading(remarks.length));
    for (const line of remarks) println(io.stdout, line);
    println(io.stdout);
  }
  println(io.stdout, T.checkSummary(inputs.files.length, reports.length, counts.error, counts.warning, year));
  if (noneReadable) throw new UserError(T.noneReadable, EXIT.input);
  println(io.stdout, counts.error > 0 ? T.checkHasErrors : T.checkOk);
  return code;
}

/** Control and format characters, and line separators: a remark's line breaks and the like on one console line. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]+/gu;

/**
 * One console line per remark a unit wrote in the "Ghi chú" column beside an indicator row, naming
 * the unit, cell, indicator, file and sheet: the remark is read to go up with the figures, and the
 * commune checking its file sees what will.
 */
function remarkLines(reports: UnitYear[], catalogue: Config['catalogue']): string[] {
  const out: string[] = [];
  for (const r of reports)
    for (const x of r.remarks ?? []) {
      const label = catalogue.indicators.find((i) => i.code === x.indicatorCode)?.label ?? x.indicatorCode;
      const text = x.text.split('\n').join(' / ').replace(UNPRINTABLE, ' ');
      const where = [r.file, T.sheetRef(withoutBidi(r.sheet))].filter(Boolean).join(', ');
      out.push(T.checkRemark(reportDisplayName(r), x.cell, label, text, where));
    }
  return out;
}

/**
 * Old units' figures typed in months after their merger (a clerk going on in the old sheet), or in
 * months the new unit reports too, and a merger date the reports contradict: the warnings Tổng hợp
 * gives, so that whoever checks before sending learns what will not be counted.
 */
function afterMerger(reports: UnitYear[], units: Config['units'], cutoffDay: number): Finding[] {
  if (!units.some((u) => u.succession?.predecessors?.length)) return [];
  const years = [...new Set(reports.map((r) => r.year))].sort((a, b) => a - b);
  return years.flatMap((year) => {
    const ofYear = reports.filter((r) => r.year === year);
    const mapped = mapToSuccessors(ofYear, units, { type: 'year', year, index: 1 }, { cutoffDay, gaps: true });
    return mergerMappingFindings(mapped, cutoffDay, units);
  });
}
