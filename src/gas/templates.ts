/**
 * "Tạo mẫu báo cáo cho xã": for a year, each unit's report sheet in the engine's layout
 * (buildUnitSheet), with validation, conditional formats and protection. Layout (a): a tab
 * of the master; layout (b): a tab of the unit's own spreadsheet, created with
 * SpreadsheetApp.create when the unit has no URL yet (the URL is then recorded in "Đơn vị").
 * An existing sheet keeps every figure entered: it only gets rows for indicators added to the
 * catalogue since it was made, and the highlighting of the current rules (template-rows.ts), so
 * re-running after a change of "Chỉ tiêu" or "Quy tắc" gives communes somewhere to type and the
 * right colours. A run cut short (time limit, error) is finished by running again.
 */
import { latestOpenYear, todayIn } from '../engine/periods/cutoff';
import {
  buildUnitSheet,
  distinctDisplayName,
  indicatorRows,
  isoToSerial,
  LAYOUT,
  monthCol,
  unitSheetName,
} from '../engine/sheet/layout';
import { mergerSpan } from '../engine/sheet/merger-span';
import { readSheet, unitCodeNote } from '../engine/sheet/read';
import { aggregatingLevel } from '../engine/text/level';
import type { CellValue, Settings, Unit } from '../engine/types';
import { SUBMIT, TEMPLATES } from '../messages/vi/gas';
import { now } from './clock';
import type { Config } from './config';
import { writeUnitUrls } from './config/units';
import { logText, userText } from './errors';
import { openUnitSpreadsheet, SheetIndex, unitTab } from './io/find-units';
import { effectiveEmail, renderSheet, syncEditors } from './render';
import { type LocaleOutcome, SPREADSHEET_LOCALE, useVietnameseLocale } from './setup';
import { type SharingOutcome, SharingRecords, syncFileEditors } from './sharing';
import { updateTab } from './template-rows';
import { parseCell, readGrid } from './util';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Stop starting new units after this long (Apps Script stops an execution at 6 minutes). */
export const TEMPLATE_BUDGET_MS = 4.5 * 60 * 1000;

export type TemplateStatus =
  | 'created'
  | 'createdSpreadsheet'
  | 'exists'
  /** An existing tab whose rule highlighting was brought up to date, nothing else changed. */
  | 'highlighted'
  /** An existing tab that got rows for indicators added since it was made. */
  | 'extended'
  /** An existing tab lacking such rows that could not get them (its columns were changed). */
  | 'notExtended'
  /** An existing tab whose only change is rows re-coded (read under an old code, see updateTab). */
  | 'recoded'
  | 'failed'
  | 'skipped';

export interface TemplateOutcome {
  unit: Unit;
  status: TemplateStatus;
  sheetName: string;
  url?: string;
  message: string;
  /** An existing tab whose rule highlighting was redone (with or without new rows). */
  highlighted?: boolean;
  /** An existing tab at Google's default size whose empty rows and columns were deleted. */
  trimmed?: boolean;
  /** An existing tab with rows re-coded (the catalogue changed their code): how many. */
  recoded?: number;
  /** An existing tab whose "Mã đơn vị" held an old code, in no list: the cell and that code (now the unit's). */
  codeFixed?: { cell: string; from: string };
  /** An existing tab whose protections' editors were brought up to date (syncTabEditors). */
  editors?: boolean;
  /** An existing tab with an add-on protection the user running may not change (Google's rule): its name. */
  notEditor?: string;
  /** The unit's own spreadsheet whose sharing was changed (editors added or removed). */
  shared?: boolean;
}

export interface TemplatesResult {
  year: number;
  outcomes: TemplateOutcome[];
  created: number;
  /** Existing tabs left as they were. */
  kept: number;
  extended: number;
  notExtended: number;
  /** Existing tabs with rows re-coded (with or without rows added). */
  recoded: number;
  /** Existing tabs whose rule highlighting was brought up to date with "Quy tắc" (extended ones included). */
  highlighted: number;
  /** Existing tabs made at Google's default size, cut to their content (trimEmptyGrid). */
  trimmed: number;
  /** Existing tabs whose protections' editors were brought up to date with "Đơn vị" and the admins. */
  editors: number;
  /** Tabs with an add-on protection the user running may not change: left as they were (said once). */
  notEditor: string[];
  /** Units whose own spreadsheet's sharing was brought up to date (editors added or removed). */
  shared: number;
  failed: number;
  /** Units not started because the time budget ran out (run again to finish). */
  skipped: number;
}

/**
 * The year "Tạo mẫu" proposes: next year once January's data window has opened (from the
 * cut-off day of December, Decree 09), since the communes then have January's events to type.
 */
export function templateYear(settings: Pick<Settings, 'timeZone' | 'cutoffDay'>): number {
  return latestOpenYear(settings, todayIn(settings.timeZone, now()));
}

export function parseYear(text: string): number | null {
  const t = text.trim();
  if (!/^\d{4}$/.test(t)) return null;
  const y = Number(t);
  return y >= 1900 && y <= 9999 ? y : null;
}

function protectOptions(config: Config, unit: Unit) {
  const name = distinctDisplayName(unit, config.units);
  return {
    description: TEMPLATES.sheetProtection(name),
    editors: unit.emails,
    admins: config.options.admins,
    structureDescription: TEMPLATES.structureProtection,
  };
}

/**
 * Layout (b) chosen after communes typed in the master's tabs (layout a): the figures, notes and
 * submission dates of the unit's master tab for `year` go into its new sheet (by indicator code,
 * whatever rows the old tab had), so "Tổng hợp", which then reads the unit's own spreadsheet,
 * still finds them. The master's tab is left as it was. Returns the tab's name when something was
 * carried over.
 */
function carryOver(config: Config, index: SheetIndex, unit: Unit, year: number, target: Sheet): string | null {
  const entry = index.locateUnit(unit, [year], config.units).entries.get(year);
  if (!entry) return null;
  const grid = readGrid(entry.sheet, config.settings.timeZone);
  const { report } = readSheet(
    { name: entry.name, grid },
    { catalogue: config.catalogue, units: config.units, year, level: aggregatingLevel(config.settings) },
  );
  if (!report || report.unitCode !== unit.code || report.year !== year) return null;
  const rows = indicatorRows(config.catalogue);
  const first = LAYOUT.submittedRow;
  const last = Math.max(...rows.values());
  const block: CellValue[][] = Array.from({ length: last - first + 1 }, () => Array<CellValue>(12).fill(''));
  let any = false;
  for (let m = 1; m <= 12; m++) {
    const iso = report.submitted[m - 1];
    if (iso) {
      block[0][m - 1] = isoToSerial(iso);
      any = true;
    }
  }
  for (const [code, row] of rows) {
    const series: (number | string | null)[] | undefined = report.values[code] ?? report.notes[code];
    for (let m = 1; m <= 12; m++) {
      const v = series?.[m - 1];
      if (v === null || v === undefined || v === '') continue;
      block[row - first][m - 1] = v;
      any = true;
    }
  }
  if (!any) return null;
  target.getRange(first, monthCol(1), block.length, 12).setValues(block);
  return entry.name;
}

/** An existing tab of the unit: the rows of indicators added since it was made, if any, and the current rules' highlighting. */
function completeTab(sheet: Sheet, tab: string, config: Config, unit: Unit, year: number): TemplateOutcome {
  const display = distinctDisplayName(unit, config.units);
  const sheetName = unitSheetName(unit, year);
  const r = updateTab(sheet, tab, config, unit, year);
  if (r.kind === 'columns') {
    const rows = r.indicators.map((i) => TEMPLATES.row(i.label, i.code));
    return { unit, status: 'notExtended', sheetName, message: TEMPLATES.rowsNotAdded(display, tab, rows) };
  }
  const trimmed = r.trimmed === true;
  if (r.kind === 'none') {
    if (r.highlighted) {
      const message = TEMPLATES.highlighted(display, tab);
      return { unit, status: 'highlighted', sheetName, message, highlighted: true, trimmed };
    }
    const message = r.columnsChanged ? TEMPLATES.highlightingKept(display, tab) : TEMPLATES.exists(display);
    return { unit, status: 'exists', sheetName, message, trimmed };
  }
  const rows = r.indicators.map((i) => TEMPLATES.row(i.label, i.code));
  const recoded = r.recoded.map((x) => TEMPLATES.recode(x.from, x.indicator.code, x.label));
  const changed = rows.length
    ? TEMPLATES.withRecoded(TEMPLATES.rowsAdded(display, tab, rows), recoded)
    : TEMPLATES.recoded(display, tab, recoded);
  // The note on rows still out of the totals last, after what was done.
  const message = TEMPLATES.withStrays(r.highlighted ? TEMPLATES.withHighlighting(changed) : changed, r.strays);
  const status = rows.length ? 'extended' : 'recoded';
  const done: TemplateOutcome = { unit, status, sheetName, message, trimmed };
  if (recoded.length) done.recoded = recoded.length;
  return r.highlighted ? { ...done, highlighted: true } : done;
}

/**
 * The unit's own tab (found by its name) holding in "Mã đơn vị" an old code, in no list: the unit's
 * code written in its place (the officer corrected the code in "Đơn vị" after the tab was made). Only
 * when the engine reads the tab as this unit's by its names ('unit-code-outdated'); a tab whose names
 * are another unit's too ('unit-code-not-listed') is left as it is, with the engine's reason. A code
 * of some list (another unit's, an old commune's) is never touched. One read of the tab.
 */
function fixUnitCode(
  sheet: Sheet,
  tab: string,
  config: Config,
  unit: Unit,
  year: number,
): { cell: string; from: string } | { why: string } | null {
  const grid = readGrid(sheet, config.settings.timeZone);
  const { report, findings } = readSheet(
    { name: tab, grid },
    { catalogue: config.catalogue, units: config.units, year, level: aggregatingLevel(config.settings) },
  );
  const outdated = findings.find((f) => f.code === 'unit-code-outdated');
  const note = outdated ? unitCodeNote(outdated) : undefined;
  const at = parseCell(outdated?.cell);
  if (outdated?.cell && note && at && report?.unitCode === unit.code) {
    // "chung-chai", or "Mã đơn vị: chung-chai" in one cell: only the code changes.
    const old = grid[at.row - 1]?.[at.col - 1];
    const text = typeof old === 'string' ? old.trim() : '';
    const colon = text.indexOf(':');
    const value = colon > 0 && text.slice(colon + 1).trim() ? `${text.slice(0, colon + 1)} ${unit.code}` : unit.code;
    // As text: a code such as "007" stays as typed.
    sheet.getRange(at.row, at.col).setNumberFormat('@').setValue(value);
    return { cell: outdated.cell, from: note.typed };
  }
  const unlisted = findings.find((f) => f.code === 'unit-code-not-listed');
  if (unlisted && unitCodeNote(unlisted)?.units.some((u) => u.code === unit.code)) return { why: unlisted.message };
  return null;
}

/** Text before and after the unit's name in the add-on's sheet protection's description (the name may have changed since). */
const [SHEET_PROTECTION_START, SHEET_PROTECTION_END] = TEMPLATES.sheetProtection('\u0000').split('\u0000');

/**
 * The add-on's protections of an existing tab (known by their descriptions; the user's own are left)
 * given the editors "Đơn vị" and the admins now list: the whole tab for the unit's people and the
 * admins, the locked cells and the submitted months' locks for the admins (a later admin can then
 * unlock). Returns whether any changed; a tab already up to date gets no write. `refused`: one of
 * them is not the user's to change (Google lets only its editors and the owner): left as it was.
 */
function syncTabEditors(
  sheet: Sheet,
  config: Config,
  unit: Unit,
  year: number,
  me: string,
): { changed: boolean; refused: boolean } {
  const owner = ownerOf(sheet);
  const admins = config.options.admins;
  const locks = new Set(Array.from({ length: 12 }, (_, m) => SUBMIT.description(m + 1, year)));
  let changed = false;
  let refused = false;
  const sync = (p: GoogleAppsScript.Spreadsheet.Protection, emails: string[]) => {
    if (!p.canEdit()) refused = true;
    else changed = syncEditors(p, emails, me, owner) || changed;
  };
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)) {
    const d = p.getDescription();
    if (d.startsWith(SHEET_PROTECTION_START) && d.endsWith(SHEET_PROTECTION_END)) sync(p, [...unit.emails, ...admins]);
  }
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    const d = p.getDescription();
    if (d === TEMPLATES.structureProtection || locks.has(d)) sync(p, admins);
  }
  return { changed, refused };
}

function ownerOf(sheet: Sheet): string {
  try {
    return sheet.getParent().getOwner()?.getEmail() ?? '';
  } catch {
    return '';
  }
}

/** completeTab for the unit's own tab, its unit code put right first when it is an old one (fixUnitCode). */
function completeOwnTab(
  sheet: Sheet,
  tab: string,
  config: Config,
  unit: Unit,
  year: number,
  me: string,
): TemplateOutcome {
  const { changed, refused } = syncTabEditors(sheet, config, unit, year, me);
  const done = completeCodedTab(sheet, tab, config, unit, year);
  const out = changed ? { ...done, message: TEMPLATES.withEditors(done.message), editors: true } : done;
  return refused ? { ...out, notEditor: tab } : out;
}

/**
 * The unit's own spreadsheet's sharing brought up to date (sharing.ts): `message` with what was done
 * and, for each address Google refused, a sentence naming the unit and the address.
 */
function shareNote(
  spreadsheet: Spreadsheet,
  config: Config,
  unit: Unit,
  records: SharingRecords,
  me: string,
): { shared: boolean; note: (message: string, said?: boolean) => string } {
  const display = distinctDisplayName(unit, config.units);
  let r: SharingOutcome;
  try {
    r = syncFileEditors(spreadsheet, [...unit.emails, ...config.options.admins], me, records);
  } catch (e) {
    return { shared: false, note: (m) => TEMPLATES.sharingFailed(m, display, logText(e)) };
  }
  const notes = [
    r.added.length ? TEMPLATES.sharedWith(r.added) : '',
    r.removed.length ? TEMPLATES.unshared(r.removed) : '',
  ].filter(Boolean);
  // `said`: what was shared and un-shared told too (not for a file just created), refusals always.
  const note = (message: string, said = true) =>
    r.failed.reduce(
      (m, f) =>
        f.remove
          ? TEMPLATES.unshareFailed(m, display, f.email, f.why)
          : TEMPLATES.shareFailed(m, display, f.email, f.why),
      said ? TEMPLATES.withSharing(message, notes) : message,
    );
  return { shared: notes.length > 0, note };
}

function completeCodedTab(sheet: Sheet, tab: string, config: Config, unit: Unit, year: number): TemplateOutcome {
  const fix = fixUnitCode(sheet, tab, config, unit, year);
  const outcome = completeTab(sheet, tab, config, unit, year);
  if (!fix) return outcome;
  if ('why' in fix) return { ...outcome, message: TEMPLATES.codeNotFixed(outcome.message, fix.why) };
  const display = distinctDisplayName(unit, config.units);
  const message =
    outcome.message === TEMPLATES.exists(display)
      ? TEMPLATES.codeFixed(display, tab, fix.cell, fix.from, unit.code)
      : TEMPLATES.codeFixedToo(outcome.message, fix.cell, fix.from, unit.code);
  return { ...outcome, message, codeFixed: fix };
}

/** What was changed in a unit's own spreadsheet's locale or time zone (or could not be), else ''. */
function localeNote(l: LocaleOutcome): string {
  if (l.failed) return TEMPLATES.localeFailed(l.failed);
  const parts = [
    l.localeFrom ? TEMPLATES.localeSet(l.localeFrom) : '',
    l.timeZoneFrom ? TEMPLATES.timeZoneSet(l.timeZone, l.timeZoneFrom) : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/** Create the year's sheet for every unit that has none; bring the others up to date (new indicators' rows, rule highlighting). */
export function createUnitTemplates(
  master: Spreadsheet,
  config: Config,
  year: number,
  onProgress?: (i: number, n: number, unit: Unit) => void,
): TemplatesResult {
  const { catalogue, units, options } = config;
  const index = new SheetIndex(master);
  const started = now().getTime();
  const urls: Record<string, string> = {};
  const outcomes: TemplateOutcome[] = [];
  const records = new SharingRecords();
  // The user running: asked once, when first needed (an existing tab's protections, a unit's own file).
  let me: string | undefined;
  const meOf = () => {
    me ??= effectiveEmail();
    return me;
  };
  units.forEach((unit, i) => {
    const display = distinctDisplayName(unit, config.units);
    const sheetName = unitSheetName(unit, year);
    if (now().getTime() - started > TEMPLATE_BUDGET_MS) {
      outcomes.push({ unit, status: 'skipped', sheetName, message: TEMPLATES.skipped(display) });
      return;
    }
    onProgress?.(i, units.length, unit);
    // The unit's own spreadsheet's sharing, once done: said even when the tab's work then fails.
    let shared: ReturnType<typeof shareNote> | null = null;
    try {
      const span = mergerSpan(unit, year, units, config.formerUnits, config.settings.cutoffDay);
      const model = buildUnitSheet(unit, year, catalogue, { span });
      const protect = protectOptions(config, unit);
      if (unit.spreadsheetUrl) {
        const { spreadsheet } = openUnitSpreadsheet(master, unit);
        // Who may open the file first ("Đơn vị" may have changed since it was shared): a new clerk
        // gets the file even if the tab's work below fails.
        const sharing = shareNote(spreadsheet, config, unit, records, meOf());
        shared = sharing;
        // The commune's own spreadsheet has its creator's locale (en_US: a typed "1.000" is 1, which
        // no check can tell from a real 1): Vietnamese, as the spreadsheets the add-on creates.
        const locale = localeNote(useVietnameseLocale(spreadsheet, config.settings.timeZone));
        const existing = unitTab(spreadsheet, unit, year);
        let outcome: TemplateOutcome;
        if (existing) {
          const done = completeOwnTab(existing.sheet, existing.name, config, unit, year, meOf());
          outcome = locale ? { ...done, message: TEMPLATES.withLocale(done.message, locale) } : done;
        } else {
          const sheet = spreadsheet.insertSheet(sheetName);
          renderSheet(sheet, model, { protect, fit: true });
          const from = carryOver(config, index, unit, year, sheet);
          const made = from ? TEMPLATES.carried(TEMPLATES.created(display), from) : TEMPLATES.created(display);
          const message = locale ? TEMPLATES.withLocale(made, locale) : made;
          outcome = { unit, status: 'created', sheetName, message };
        }
        const out = { ...outcome, message: sharing.note(outcome.message) };
        outcomes.push(sharing.shared ? { ...out, shared: true } : out);
      } else if (options.separateSpreadsheets) {
        const spreadsheet = SpreadsheetApp.create(TEMPLATES.spreadsheetName(display, catalogue.title));
        const url = spreadsheet.getUrl();
        // Record the URL even if anything fails below: a re-run then completes this spreadsheet.
        urls[unit.code] = url;
        // A new spreadsheet has its creator's locale (en_US: a typed "1.000" is 1): Vietnamese, and
        // the zone dates in the sheet are read in (see util.readGrid).
        spreadsheet.setSpreadsheetLocale(SPREADSHEET_LOCALE);
        spreadsheet.setSpreadsheetTimeZone(config.settings.timeZone);
        // Shared with the unit's people and the admins, and remembered as the add-on's sharing (a
        // re-run removes only those, once no longer listed). A refused address is said; the rest goes on.
        const sharing = shareNote(spreadsheet, config, unit, records, meOf());
        shared = sharing;
        const sheet = spreadsheet.getSheets()[0];
        renderSheet(sheet, model, { protect, fit: true });
        sheet.setName(sheetName);
        const from = carryOver(config, index, unit, year, sheet);
        const made = TEMPLATES.createdSpreadsheet(display);
        outcomes.push({
          unit,
          status: 'createdSpreadsheet',
          sheetName,
          url,
          // Sharing a new file is part of "đã tạo bảng tính riêng": only refusals are said.
          message: sharing.note(from ? TEMPLATES.carried(made, from) : made, false),
        });
      } else {
        // Any tab of that name, even a look-alike one, counts: never a second tab for the unit.
        if (index.has(sheetName)) {
          // Completed only when it is the one tab "Tổng hợp" reads (not one of several look-alikes).
          const existing = index.get(sheetName);
          outcomes.push(
            existing
              ? completeOwnTab(existing, index.realName(sheetName), config, unit, year, meOf())
              : { unit, status: 'exists', sheetName, message: TEMPLATES.exists(display) },
          );
          return;
        }
        // A tab renamed by hand ("Chung Chai 2018") is the unit's: an empty one beside it would be read instead.
        const renamed = index.renamedTabs(unit, year, units);
        if (renamed.length) {
          const names = renamed.map((e) => e.name);
          outcomes.push({ unit, status: 'exists', sheetName, message: TEMPLATES.renamed(display, names, sheetName) });
          return;
        }
        const sheet = master.insertSheet(sheetName, master.getNumSheets());
        index.add(sheetName, sheet);
        renderSheet(sheet, model, { protect, fit: true });
        outcomes.push({ unit, status: 'created', sheetName, message: TEMPLATES.created(display) });
      }
    } catch (e) {
      const message = TEMPLATES.failed(display, userText(e));
      outcomes.push({ unit, status: 'failed', sheetName, message: shared ? shared.note(message) : message });
    }
  });
  writeUnitUrls(config, urls);
  const count = (...s: TemplateStatus[]) => outcomes.filter((o) => s.includes(o.status)).length;
  return {
    year,
    outcomes,
    created: count('created', 'createdSpreadsheet'),
    kept: count('exists'),
    extended: count('extended'),
    notExtended: count('notExtended'),
    recoded: outcomes.filter((o) => o.recoded).length,
    highlighted: outcomes.filter((o) => o.highlighted).length,
    trimmed: outcomes.filter((o) => o.trimmed).length,
    editors: outcomes.filter((o) => o.editors).length,
    notEditor: outcomes.flatMap((o) => (o.notEditor ? [o.notEditor] : [])),
    shared: outcomes.filter((o) => o.shared).length,
    failed: count('failed'),
    skipped: count('skipped'),
  };
}
