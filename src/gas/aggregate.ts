/**
 * "Tổng hợp": read every unit (one getValues per sheet; layout b via openByUrl, failures
 * caught per unit), aggregate with the engine, and write the summary into the master.
 *
 * Safety: the new sheets are rendered into temporary sheets first; only when all of them
 * are complete are the old sheets of that period deleted and the temporary ones renamed.
 * A failure on the way leaves the previous summary untouched. Long-format rows go to
 * "Dữ liệu" (that period's rows replaced: one read, one write).
 */
import { lastClosedPeriod, todayIn } from '../engine/periods/cutoff';
import { formatPeriod, parsePeriod, periodLabel } from '../engine/periods/period';
import { summarise } from '../engine/pipeline';
import { LONG_HEADER, longRows } from '../engine/report/long-rows';
import type { SheetModel } from '../engine/report/model';
import { buildSummaryWorkbook, summarySheetName } from '../engine/report/summary-workbook';
import { unitDisplayName } from '../engine/sheet/layout';
import type { Finding, Grid, Period, Summary } from '../engine/types';
import { AGGREGATE, SHEETS } from '../messages/vi/gas';
import { now } from './clock';
import { findUnitBooks, SheetIndex, toWorkbooks } from './io';
import { GENERAL, renderSheet, TEXT } from './render';
import type { Config } from './setup';
import { cellText, isDate, normalizeName, readGrid } from './util';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Prefix of the temporary sheets a run writes into before replacing the old ones. */
export const TEMP_PREFIX = '~ ';
const SHEET_NAME_MAX = 100;

export function defaultPeriod(config: Config): Period {
  const today = todayIn(config.settings.timeZone, now());
  return lastClosedPeriod(today, 'month', config.settings);
}

/** The period typed by the user ('' → the default), or null if it is not a period. */
export function periodFromInput(text: string, def: Period): Period | null {
  const t = text.trim();
  if (!t) return def;
  return parsePeriod(t);
}

export interface AggregateResult {
  period: Period;
  summary: Summary;
  /** Name of the main summary sheet. */
  sheetName: string;
  /** Names of all sheets written. */
  sheets: string[];
  /** Units that could not be read, with reasons (Vietnamese). */
  problems: string[];
  message: string;
}

/**
 * The sheets of the summary workbook as they are named in the master: sheets without a
 * year in their name ("Theo đơn vị", "Kiểm tra") get the period, so each period keeps its own.
 */
export function masterSheetModels(summary: Summary, models: SheetModel[]): SheetModel[] {
  const key = formatPeriod(summary.period);
  return models.map((m) =>
    /(?:19|20)\d{2}/.test(m.name) ? m : { ...m, name: `${m.name} ${key}`.slice(0, SHEET_NAME_MAX) },
  );
}

function tempName(name: string): string {
  return (TEMP_PREFIX + name).slice(0, SHEET_NAME_MAX);
}

/**
 * Write each model into a temporary sheet; when all are written, replace the old sheets of
 * the same names (keeping their position). On failure the temporary sheets are removed and
 * the old ones are left as they were.
 */
export function replaceSheets(
  master: Spreadsheet,
  models: SheetModel[],
  onSheet?: (name: string) => void,
  index: SheetIndex = new SheetIndex(master),
): Sheet[] {
  const written: { model: SheetModel; sheet: Sheet }[] = [];
  try {
    for (const model of models) {
      onSheet?.(model.name);
      const name = tempName(model.name);
      const leftover = index.get(name); // from a run that died without cleaning up
      if (leftover) {
        master.deleteSheet(leftover);
        index.remove(name);
      }
      const sheet = master.insertSheet(name, master.getNumSheets());
      written.push({ model, sheet });
      renderSheet(sheet, model);
      sheet.protect().setWarningOnly(true).setDescription(model.name);
    }
  } catch (e) {
    for (const w of written) {
      try {
        master.deleteSheet(w.sheet);
      } catch {
        // keep the original error
      }
    }
    throw e;
  }
  const out: Sheet[] = [];
  for (const { model, sheet } of written) {
    const old = index.get(model.name);
    let position = 0;
    if (old) {
      position = old.getIndex();
      master.deleteSheet(old);
      index.remove(model.name);
    }
    sheet.setName(model.name);
    index.add(model.name, sheet);
    if (position) {
      master.setActiveSheet(sheet);
      master.moveActiveSheet(position);
    }
    out.push(sheet);
  }
  return out;
}

function sameHeader(row: unknown[] | undefined, header: readonly string[]): boolean {
  if (!row) return false;
  return header.every((h, i) => normalizeName(cellText(row[i] as string)) === normalizeName(h));
}

/** Replace the period's rows of "Dữ liệu" (one read, one clear, one write of formats and values). */
export function writeLongRows(master: Spreadsheet, summary: Summary): number {
  const header = [...LONG_HEADER];
  const cols = header.length;
  const key = formatPeriod(summary.period);
  let sheet = master.getSheetByName(SHEETS.data);
  let existing: Grid = [];
  if (!sheet) {
    sheet = master.insertSheet(SHEETS.data);
    sheet.setFrozenRows(1);
  } else existing = readGrid(sheet);
  const keep =
    existing.length && sameHeader(existing[0], header)
      ? existing
          .slice(1)
          .filter((r) => cellText(r[0]) !== '' && cellText(r[0]) !== key)
          .map((r) => r.slice(0, cols).map((v) => (isDate(v) ? v.toISOString() : (v ?? ''))))
      : [];
  const fresh = longRows(summary);
  const rows = [...keep, ...fresh].sort((a, b) => {
    const pa = String(a[0]);
    const pb = String(b[0]);
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  });
  const all: (string | number | boolean)[][] = [header, ...rows].map((r) => {
    const out = r.slice(0, cols) as (string | number | boolean)[];
    while (out.length < cols) out.push('');
    return out;
  });
  if (existing.length) sheet.clearContents();
  const valueCol = 5; // 0-based: the number column of LONG_HEADER
  const formats = all.map((r, i) => r.map((_, c) => (i > 0 && c === valueCol ? GENERAL : TEXT)));
  const range = sheet.getRange(1, 1, all.length, cols);
  range.setNumberFormats(formats);
  range.setValues(all);
  if (!existing.length) sheet.getRange(1, 1, 1, cols).setFontWeight('bold');
  return fresh.length;
}

/** Aggregate a period and write its sheets. Throws (Vietnamese message) when writing fails. */
export function aggregatePeriod(
  master: Spreadsheet,
  config: Config,
  period: Period,
  progress: (message: string) => void = () => {},
): AggregateResult {
  const { catalogue, units, settings } = config;
  const years = [period.year, period.year - 1];
  const index = new SheetIndex(master);
  const books = findUnitBooks(master, units, years, {
    read: true,
    timeZone: settings.timeZone,
    index,
    onUnit: (i, unit) => {
      if (i % 5 === 0) progress(AGGREGATE.reading(i + 1, units.length, unitDisplayName(unit)));
    },
  });
  const workbooks = toWorkbooks(books);
  progress(AGGREGATE.summarising);
  const generatedAt = now().toISOString();
  const { summary } = summarise({ catalogue, units, settings, period, workbooks, generatedAt });

  const problems: string[] = [];
  for (const b of books) {
    if (!b.error) continue;
    problems.push(b.error);
    // (The pipeline may already list it — by code or, today, by name — as a unit without a sheet.)
    const listed = summary.unreadableUnits.some((x) => x === b.unit.code || x === b.unit.name);
    if (!listed) summary.unreadableUnits.push(b.unit.code);
    const finding: Finding = {
      severity: 'error',
      code: 'unit-unreadable',
      unitCode: b.unit.code,
      unitName: b.unit.name,
      file: b.url,
      message: b.error,
    };
    summary.findings.push(finding);
  }

  const models = masterSheetModels(summary, buildSummaryWorkbook(summary, catalogue).sheets);
  const written = replaceSheets(master, models, (name) => progress(AGGREGATE.writing(name)), index);
  writeLongRows(master, summary);
  const sheetName = summarySheetName(period);
  const main = written.find((_, i) => models[i].name === sheetName) ?? written[0];
  if (main) master.setActiveSheet(main);
  const c = summary.completeness;
  return {
    period,
    summary,
    sheetName,
    sheets: models.map((m) => m.name),
    problems,
    message: AGGREGATE.done(periodLabel(period), c.reported, c.expected, sheetName),
  };
}
