/**
 * This level's own earlier summaries among the inputs. An officer keeps each month's summary
 * beside the communes' files (`tonghop aggregate --period 2025-06 .`), so next month's run finds
 * it: its sheet of the aggregate in the commune layout ("Tỉnh Điện Biên 2025", kept so that a
 * higher level can read it as a unit's report) names the aggregating unit itself, which is none of
 * its own units. Such a workbook is left out with a line on stderr, never a "unit not listed" error.
 * A lower level's summary (a district's, read by the province) names one of the units and stays.
 */
import { aggregateSheetName, aggregateUnit } from '../engine/report/summary-workbook';
import { unitDisplayName } from '../engine/sheet/layout';
import { readWorkbook } from '../engine/sheet/read';
import { aggregatingLevel } from '../engine/text/level';
import type { WorkbookInput } from '../engine/types';
import { CLI_TEXT as T } from '../messages/vi/cli';
import type { Config } from './config';
import type { Inputs } from './inputs';
import { type Io, println } from './io';

/** The sheet of `workbook` that makes it this level's own summary, or null when it is not one. */
export function ownSummarySheet(workbook: WorkbookInput, config: Config): string | null {
  const settings = config.settings;
  // Cheap first: a sheet named as the aggregate's of some year ("… 2025").
  const named = workbook.sheets.find((s) => {
    const year = /(\d{4})\s*$/.exec(s.name)?.[1];
    return year !== undefined && s.name === aggregateSheetName(settings, Number(year));
  });
  if (!named) return null;
  const own = aggregateUnit({ settings });
  // Read as this level's units plus the aggregate: every report is the aggregate's own.
  const { reports } = readWorkbook(workbook, {
    catalogue: config.catalogue,
    units: [...config.units, own],
    level: aggregatingLevel(settings),
  });
  return reports.length > 0 && reports.every((r) => r.unitCode === own.code) ? named.name : null;
}

/** `inputs` without the files of `dropped` (their display names). */
export function withoutFiles(inputs: Inputs, dropped: ReadonlySet<string>): Inputs {
  if (!dropped.size) return inputs;
  return {
    ...inputs,
    files: inputs.files.filter((f) => !dropped.has(f.display)),
    outcomes: inputs.outcomes.filter((o) => !dropped.has(o.file)),
    workbooks: inputs.workbooks.filter((w) => !dropped.has(w.source)),
    findings: inputs.findings.filter((x) => !dropped.has(x.file ?? '')),
  };
}

/** `inputs` without this level's own earlier summaries, each said on stderr. */
export function leaveOutOwnSummaries(inputs: Inputs, config: Config, io: Io): Inputs {
  const dropped = new Set<string>();
  const { aggregatingUnitName: name, level: kind } = config.settings;
  const aggregating = unitDisplayName({ name, kind });
  for (const w of inputs.workbooks) {
    const sheet = ownSummarySheet(w, config);
    if (sheet === null) continue;
    dropped.add(w.source);
    println(io.stderr, T.ownSummarySkipped(w.source, aggregating, sheet));
  }
  return withoutFiles(inputs, dropped);
}
