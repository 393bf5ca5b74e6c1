/**
 * `tonghop aggregate --period 2018-09 FILE|DIR… --out tong-hop.xlsx [--html F] [--csv F] [--json]`
 * Reads this year's and last year's workbooks, writes the summary workbook and the reports,
 * prints completeness and narrative (or the JSON summary). Exit 1 when data errors were
 * found (the outputs are still written).
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataWindow } from '../../engine/periods/cutoff';
import { periodLabel } from '../../engine/periods/period';
import { renderHtmlReport } from '../../engine/report/html';
import { HELP, CLI_TEXT as T } from '../../messages/vi/cli';
import { CONFIG_OPTIONS, HELP_OPTION, parse } from '../args';
import { now } from '../clock';
import { type Config, loadConfig, warnDemoUnits } from '../config';
import { EXIT, UserError } from '../exit-codes';
import { displayName } from '../files';
import { type Io, println } from '../io';
import { checkOutputs, type PlannedOutput, writeOutput } from '../output';
import {
  consoleSummary,
  defaultSummaryName,
  elsewhereLines,
  type Prepared,
  prepare,
  resolvePeriod,
  summaryCsv,
  summaryXlsx,
} from './summary';

const OPTIONS = {
  ...HELP_OPTION,
  ...CONFIG_OPTIONS,
  period: { type: 'string' },
  out: { type: 'string' },
  html: { type: 'string' },
  csv: { type: 'string' },
  json: { type: 'boolean' },
  progress: { type: 'boolean' },
} as const;

export interface AggregateOutputs {
  xlsx: string;
  html?: string;
  csv?: string;
}

/** The outputs as named on the command line, for checkOutputs' messages. */
export function plannedOutputs(outputs: AggregateOutputs, xlsxOption = '--out'): PlannedOutput[] {
  const planned: PlannedOutput[] = [{ option: xlsxOption, file: outputs.xlsx }];
  if (outputs.html) planned.push({ option: '--html', file: outputs.html });
  if (outputs.csv) planned.push({ option: '--csv', file: outputs.csv });
  return planned;
}

export interface Written {
  what: string;
  file: string;
}

/** Write the outputs of a prepared summary; returns what was written where (absolute paths). */
export async function writeAggregateOutputs(
  prepared: Prepared,
  config: Config,
  outputs: AggregateOutputs,
  when: Date,
): Promise<Written[]> {
  // Everything is made before anything is written; a failed write says which files were written.
  const planned: { what: string; file: string; data: string | Uint8Array }[] = [
    { what: T.what.summaryXlsx, file: outputs.xlsx, data: await summaryXlsx(prepared.summary, config, when) },
  ];
  if (outputs.html)
    planned.push({ what: T.what.html, file: outputs.html, data: renderHtmlReport(prepared.summary, config.catalogue) });
  if (outputs.csv) planned.push({ what: T.what.csv, file: outputs.csv, data: summaryCsv(prepared.summary) });
  const written: Written[] = [];
  for (let i = 0; i < planned.length; i++) {
    const { what, file, data } = planned[i];
    try {
      writeOutput(file, data);
    } catch (e) {
      if (!(e instanceof UserError) || planned.length === 1) throw e;
      const names = (list: { file: string }[]) => list.map((w) => displayName(w.file));
      throw new UserError(e.message + T.partlyWritten(names(written), names(planned.slice(i + 1))), e.exitCode);
    }
    written.push({ what, file });
  }
  return written;
}

export async function runAggregate(argv: string[], io: Io): Promise<number> {
  const args = parse('aggregate', argv, OPTIONS, true);
  if (args.bool('help')) {
    io.stdout.write(HELP.aggregate);
    return EXIT.ok;
  }
  const config = loadConfig(args, io.cwd);
  const when = now(io.env, config.settings.timeZone);
  const period = resolvePeriod(args.str('period'), config, when);
  warnDemoUnits(args, dataWindow(period, config.settings).end, T.demoUnitsReport(periodLabel(period)), io);
  const resolve = (p: string | undefined) => (p ? path.resolve(io.cwd, p) : undefined);
  // An empty --out would fall back to the default name; "th.xls" would be .xlsx content Excel refuses to open as named.
  for (const [option, ext] of [
    ['out', '.xlsx'],
    ['html', '.html'],
    ['csv', '.csv'],
  ] as const) {
    const given = args.str(option);
    if (given === undefined) continue;
    if (given.trim() === '') throw new UserError(T.missingValue(`--${option}`, 'aggregate'), EXIT.usage);
    // A folder is said by the output check ("… là một thư mục; hãy ghi tên tệp đầy đủ").
    if (option === 'out' && path.extname(given).toLowerCase() !== ext && !isFolder(path.resolve(io.cwd, given)))
      throw new UserError(T.wrongExtension(`--${option}`, given, ext), EXIT.usage);
  }
  const outputs: AggregateOutputs = {
    xlsx: resolve(args.str('out')) ?? path.resolve(io.cwd, defaultSummaryName(period)),
    html: resolve(args.str('html')),
    csv: resolve(args.str('csv')),
  };

  // Two outputs on one path: refused before the (long) reading.
  const planned = plannedOutputs(outputs, args.str('out') ? '--out' : T.defaultOutOption);
  checkOutputs(planned, [], io.cwd);
  const outputFiles = planned.map((o) => o.file);
  const prepared = await prepare(
    args.positionals,
    'aggregate',
    config,
    period,
    when,
    io,
    args.bool('progress'),
    outputFiles,
  );
  checkOutputs(planned, prepared.inputs.files, io.cwd);
  const written = await writeAggregateOutputs(prepared, config, outputs, when);

  if (args.bool('json')) {
    io.stdout.write(`${JSON.stringify(prepared.summary, null, 2)}\n`);
  } else {
    for (const w of written) println(io.stdout, T.wrote(w.what, displayName(w.file, io.cwd)));
    for (const line of consoleSummary(prepared)) println(io.stdout, line);
    const where = T.remarksInXlsx(displayName(outputs.xlsx, io.cwd));
    for (const line of elsewhereLines(prepared.summary, where)) println(io.stdout, line);
    if (prepared.errors > 0) println(io.stdout, `\n${T.dataErrorsNote(prepared.errors)}`);
  }
  return prepared.errors > 0 ? EXIT.dataErrors : EXIT.ok;
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
