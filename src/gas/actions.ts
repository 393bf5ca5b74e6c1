/**
 * The menu actions with their dialogs: load the configuration, ask what is needed
 * (before taking the lock, so nobody waits while someone types), then do the work under
 * the document lock, log it to "Nhật ký" and tell the user the result.
 */

import { defaultUnits } from '../engine/catalogue/defaults';
import { notBegunOn, todayIn } from '../engine/periods/cutoff';
import { formatPeriod, parsePeriodInput, periodLabel } from '../engine/periods/period';
import { distinctDisplayName, distinctName, unitDisplayName, unitSheetName } from '../engine/sheet/layout';
import { formatDateVi } from '../engine/text/format';
import { aggregatingLevel } from '../engine/text/level';
import type { Period, Summary, Unit } from '../engine/types';
import {
  AGGREGATE,
  CHECK,
  COMMON,
  CONFIG,
  GOOGLE_ERRORS,
  LOG,
  MONTH_PROMPT,
  PERIOD_PROMPT,
  SETUP,
  SHEETS,
  SUBMIT,
  TEMPLATES,
  YEAR_PROMPT,
} from '../messages/vi/gas';
import { namedUnit } from '../messages/vi/layout';
import { aggregatePeriod, defaultPeriod, periodFromInput } from './aggregate';
import { activeUnitSheet, runCheck } from './check';
import { now } from './clock';
import { type Config, readConfig } from './config';
import { alert, alertIfUi, confirm, promptText, toast } from './dialogs';
import { noUnitSheetOfYear, separateBooks } from './email/year-sheets';
import { logText, userText } from './errors';
import { openUnitSpreadsheet, unitTab } from './io/find-units';
import { ReadContinues } from './io/resume';
import { BusyError, withDocumentLock } from './lock';
import { currentUser, writeLog } from './log';
import { effectiveEmail } from './render';
import { setupSheets } from './setup';
import { SheetsWriteError } from './sheets-write';
import {
  asUnitSheet,
  findUnits,
  isAdmin,
  openUnitSheet,
  type SubmitResult,
  submitUnitMonth,
  type UnitSheet,
  unitSheetProblem,
  unlockUnitMonth,
} from './submit';
import { createUnitTemplates, parseYear, templateYear } from './templates';
import { activeSpreadsheet, clip } from './util';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Action = keyof typeof LOG.actions;

const MAX_LINES = 15;
/** Warnings listed at "Nộp báo cáo" (the rest: "Kiểm tra dữ liệu"). */
const SUBMIT_WARNINGS_SHOWN = 5;
/** Progress toasts at most this often (each is a service call; the first is always shown). */
const PROGRESS_EVERY_MS = 15_000;

/** A progress reporter that shows the first message, then one every PROGRESS_EVERY_MS. */
export function throttledToast(ss: Spreadsheet, title: string, everyMs = PROGRESS_EVERY_MS): (msg: string) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (msg) => {
    const t = now().getTime();
    if (t - last < everyMs) return;
    last = t;
    toast(ss, msg, title, 30);
  };
}

function lines(list: string[]): string {
  return clip(list, MAX_LINES, COMMON.andMore).join('\n');
}

/** Run `fn` under the document lock; log success or failure; report failures in an alert (`failed`: its text). */
function locked<T>(
  ss: Spreadsheet,
  action: Action,
  title: string,
  period: string | undefined,
  fn: () => T,
  failed: (why: string) => string = COMMON.unexpected,
): T | undefined {
  try {
    return withDocumentLock(fn);
  } catch (e) {
    if (e instanceof ReadContinues) {
      // Not a failure: reading goes on from a trigger (src/gas/io/resume.ts); the user is told so.
      writeLog(ss, { action: LOG.actions[action], period, result: `${LOG.ok}: ${e.message}` });
      alert(title, e.message);
      return undefined;
    }
    if (e instanceof BusyError) {
      // Written without the lock: appended atomically, so it cannot overwrite the running one's line.
      writeLog(ss, { action: LOG.actions[action], period, result: LOG.refused(e.message) });
      alert(title, e.message);
      return undefined;
    }
    const why = userText(e);
    // A refused Sheets API write says why in Vietnamese; Google's own text goes to "Nhật ký".
    const logged = e instanceof SheetsWriteError ? e.message + GOOGLE_ERRORS.original(e.original) : logText(e);
    writeLog(ss, { action: LOG.actions[action], period, result: LOG.failed(logged) });
    alert(COMMON.errorTitle, failed(why));
    return undefined;
  }
}

/**
 * The configuration at the start of `action`; null when it cannot be used, the user told why and
 * "Nhật ký" too (an admin looking there later sees why a commune's "Kiểm tra" or "Tổng hợp" did not run).
 */
function loadConfig(ss: Spreadsheet, action: Action): Config | null {
  // Not in a spreadsheet that is no master at all (a commune's own, one before "Thiết lập"): writeLog
  // would create a "Nhật ký" there. Only on failure, so the extra look-ups cost nothing otherwise.
  const log = (result: string) => {
    if ([SHEETS.log, SHEETS.settings, SHEETS.units].some((n) => ss.getSheetByName(n)))
      writeLog(ss, { action: LOG.actions[action], result });
  };
  let r: ReturnType<typeof readConfig>;
  try {
    r = readConfig(ss);
  } catch (e) {
    // Google failing while the sheets are read: Vietnamese for the user, Google's text logged.
    log(LOG.failed(`${CONFIG.unreadable} ${logText(e)}`));
    alert(COMMON.errorTitle, COMMON.unexpected(userText(e)));
    return null;
  }
  if (r.ok) return r.config;
  log(LOG.refused(`${CONFIG.title}: ${r.errors.join('; ')}`));
  alert(CONFIG.title, lines(r.errors));
  return null;
}

// ---------------------------------------------------------------- Thiết lập

export function doSetup():
  | {
      created: string[];
      kept: string[];
      renamed: [string, string][];
      errors: string[];
      warnings: string[];
      formerUnits?: { codes: number; named: number };
      /** What was said of the master's locale and time zone (set, or could not be). */
      locale: string[];
    }
  | undefined {
  const ss = activeSpreadsheet();
  const r = locked(ss, 'setup', SETUP.title, undefined, () => {
    const out = setupSheets(ss);
    const errors = out.config.ok ? [] : out.config.errors;
    const warnings = (out.config.ok ? out.config.config.warnings : out.config.warnings) ?? [];
    const l = out.locale;
    const locale = [
      l.localeFrom ? SETUP.locale(l.localeFrom) : '',
      l.timeZoneFrom ? SETUP.timeZone(l.timeZone, l.timeZoneFrom) : '',
      l.failed ? SETUP.localeFailed(l.failed) : '',
    ].filter(Boolean);
    const result = errors.length ? LOG.failed(errors[0]) : LOG.ok;
    writeLog(ss, { action: LOG.actions.setup, result: locale.length ? `${result}. ${locale.join(' ')}` : result });
    return {
      locale,
      created: out.created,
      kept: out.kept,
      renamed: out.renamed,
      errors,
      warnings,
      formerUnits: out.formerUnits,
    };
  });
  if (!r) return undefined;
  const parts = [
    r.created.length ? SETUP.created(r.created) : '',
    ...r.locale,
    ...r.renamed.map(([name, other]) => SETUP.renamed(name, other)),
    // New sheets hold the sample (Mường Nhé) data, which must be replaced before use.
    r.created.includes(SHEETS.units) ? SETUP.sampleUnits(defaultUnits().length) : '',
    r.created.includes(SHEETS.settings) ? SETUP.sampleSettings : '',
    // "Đơn vị cũ" made from the old codes of "Đơn vị": their names are to be filled in.
    r.formerUnits ? SETUP.formerUnits(r.formerUnits.codes, r.formerUnits.named) : '',
    r.kept.length ? SETUP.kept(r.kept) : '',
    r.errors.length ? `${CONFIG.title}:\n${lines(r.errors)}` : SETUP.ok,
    r.warnings.length ? `${SETUP.warnings}\n${lines(r.warnings)}` : '',
  ].filter(Boolean);
  alert(SETUP.title, parts.join('\n\n'));
  return r;
}

// ---------------------------------------------------------------- Tạo mẫu

export function doTemplates() {
  const ss = activeSpreadsheet();
  const config = loadConfig(ss, 'templates');
  if (!config) return undefined;
  const def = templateYear(config.settings);
  const text = promptText(YEAR_PROMPT.yearTitle, YEAR_PROMPT.year(def));
  if (text === null) return undefined;
  const year = text ? parseYear(text) : def;
  if (year === null) {
    alert(YEAR_PROMPT.yearTitle, YEAR_PROMPT.badYear(text));
    return undefined;
  }
  const r = locked(ss, 'templates', TEMPLATES.title, String(year), () => {
    const out = createUnitTemplates(ss, config, year, (i, n, unit) => {
      if (i % 5 === 0)
        toast(ss, TEMPLATES.progress(i + 1, n, distinctDisplayName(unit, config.units)), TEMPLATES.title);
    });
    const summary = TEMPLATES.done(
      year,
      out.created,
      out.kept,
      out.failed,
      out.skipped,
      out.extended,
      out.notExtended,
      out.highlighted,
      out.trimmed,
      out.recoded,
      out.editors,
      out.shared,
    );
    // Said once, not per unit: the same cause (protections set before this account was an admin).
    const notice = out.notEditor.length ? TEMPLATES.notProtectionEditor(effectiveEmail(), out.notEditor) : '';
    writeLog(ss, {
      action: LOG.actions.templates,
      period: String(year),
      result: [out.failed ? LOG.failed(summary) : `${LOG.ok}: ${summary}`, notice].filter(Boolean).join(' '),
    });
    return { ...out, summary, notice };
  });
  if (r)
    alert(TEMPLATES.title, [r.summary, r.notice, lines(r.outcomes.map((o) => o.message))].filter(Boolean).join('\n\n'));
  return r;
}

// ---------------------------------------------------------------- Kiểm tra

export function doCheck() {
  const ss = activeSpreadsheet();
  const config = loadConfig(ss, 'check');
  if (!config) return undefined;
  return locked(ss, 'check', CHECK.title, undefined, () => {
    const active = activeUnitSheet(ss, config);
    const scope = active ? { active } : { year: defaultPeriod(config).year };
    const r = runCheck(ss, config, scope);
    const counts = r.findings.length ? CHECK.summary(r.errors, r.warnings, r.units) : CHECK.none;
    const summary = r.notChecked.length ? `${counts} ${CHECK.notCheckedCount(r.notChecked.length)}` : counts;
    toast(ss, summary, CHECK.title, 10);
    writeLog(ss, {
      action: LOG.actions.check,
      period: String(active ? active.year : scope.year),
      result: `${LOG.ok}: ${summary}`,
    });
    return r;
  });
}

// ---------------------------------------------------------------- Nộp / Mở khóa

/** The unit sheet to act on: the active one, else the unit the user names (year of the default period). */
function chooseUnitSheet(ss: Spreadsheet, config: Config, title: string): { unit: Unit; year: number } | null {
  const active = ss.getActiveSheet();
  const us = active ? asUnitSheet(config, ss, active) : null;
  if (us) return { unit: us.unit, year: us.year };
  const names = config.units.slice(0, 8).map((u) => distinctName(u.name, u.code, config.units));
  const list = names.join(', ') + (config.units.length > names.length ? ', …' : '');
  const typed = promptText(title, MONTH_PROMPT.unit(list));
  if (typed === null) return null;
  const found = findUnits(config.units, typed);
  if (found.length !== 1) {
    // Two units of the name: which one is asked by its code, never guessed.
    const message = found.length
      ? MONTH_PROMPT.severalUnits(
          typed,
          found.map((u) => namedUnit(unitDisplayName(u), u.code)),
        )
      : MONTH_PROMPT.badUnit(typed);
    alert(title, message);
    return null;
  }
  return { unit: found[0], year: defaultPeriod(config).year };
}

/**
 * "9", "T9", "tháng 9", "9/2018" → month (and year if given). A month alone is of `year`, the year
 * of the unit's sheet chosen: "12" typed too early is told its period has not begun, not taken as
 * another year's.
 */
export function parseMonthInput(text: string, year: number): { month: number; year: number } | null {
  // The engine's reading of a prompt answer ("9", "T9", "tháng 9", typed on a Mac in NFD too), months only.
  const p: Period | null = parsePeriodInput(text, year);
  return p && p.type === 'month' ? { month: p.index, year: p.year } : null;
}

function askMonth(config: Config, title: string, year: number): { month: number; year: number } | null {
  const d = defaultPeriod(config);
  const def = d.year === year ? d.index : 12;
  const text = promptText(title, MONTH_PROMPT.month(def, year));
  if (text === null) return null;
  if (!text) return { month: def, year };
  const r = parseMonthInput(text, year);
  if (!r) alert(title, MONTH_PROMPT.badMonth(text));
  return r;
}

function monthKey(month: number, year: number): string {
  return formatPeriod({ type: 'month', year, index: month });
}

/** Why openUnitSheet found nothing: the year's tab is missing, or it is not a unit report sheet. */
function missingSheet(ss: Spreadsheet, config: Config, unit: Unit, year: number): string {
  const { spreadsheet } = openUnitSpreadsheet(ss, unit);
  const tab = unitTab(spreadsheet, unit, year);
  // The tab is there but not read as the unit's: the reader's own reason (its C3, its names) when it has one.
  return tab
    ? (unitSheetProblem(config, tab.sheet, tab.name) ?? SUBMIT.notUnitSheet)
    : SUBMIT.noYearSheet(distinctDisplayName(unit, config.units), unitSheetName(unit, year));
}

/** The first SUBMIT_WARNINGS_SHOWN warnings, each with its cell, and how many more. */
function warningLines(found: readonly { message: string }[]): string[] {
  const shown = found.slice(0, SUBMIT_WARNINGS_SHOWN);
  const out = shown.map((f) => `• ${f.message}`);
  if (found.length > shown.length) out.push(SUBMIT.moreWarnings(found.length - shown.length));
  return out;
}

export function doSubmit() {
  const ss = activeSpreadsheet();
  const config = loadConfig(ss, 'submit');
  if (!config) return undefined;
  const target = chooseUnitSheet(ss, config, SUBMIT.title);
  if (!target) return undefined;
  const m = askMonth(config, MONTH_PROMPT.monthTitleSubmit, target.year);
  if (!m) return undefined;
  const level = aggregatingLevel(config.settings);
  const attempt = (askOnWarnings: boolean) =>
    locked(ss, 'submit', SUBMIT.title, monthKey(m.month, m.year), (): SubmitResult => {
      const us: UnitSheet | null = openUnitSheet(ss, config, target.unit, m.year);
      if (!us) return { ok: false, message: missingSheet(ss, config, target.unit, m.year), findings: [] };
      const out = submitUnitMonth(config, us, m.month, config.options.admins, { askOnWarnings });
      // Nothing done yet: the clerk is asked first, the outcome logged then.
      if (out.pending) return out;
      writeLog(ss, {
        action: `${LOG.actions.submit}: ${distinctDisplayName(us.unit, config.units)}`,
        period: monthKey(m.month, m.year),
        result: !out.ok
          ? LOG.failed(out.message)
          : out.sheetErrors.length
            ? SUBMIT.logSheetErrors(
                LOG.ok,
                out.sheetErrors.map((f) => f.message),
                level,
              )
            : LOG.ok,
      });
      return out;
    });
  let r = attempt(true);
  if (!r) return undefined;
  // Warnings seen and accepted by the clerk (YES): not listed again after submitting.
  let accepted = new Set<string>();
  if (r.pending) {
    // Asked outside the document lock (nobody waits while the clerk reads), then validated again.
    const label = periodLabel({ type: 'month', year: m.year, index: m.month });
    const question = [r.message, ...warningLines(r.findings), SUBMIT.confirmSubmit(label, level)].join('\n');
    const answer = confirm(SUBMIT.title, question);
    if (answer === false) {
      const display = distinctDisplayName(target.unit, config.units);
      alert(
        SUBMIT.title,
        [SUBMIT.notSubmitted(display, label), ...warningLines(r.findings), SUBMIT.fixThenSubmit].join('\n'),
      );
      return r;
    }
    // null: no Ui to ask on (a trigger): not blocked, submitted as before.
    if (answer) accepted = new Set(r.findings.map((f) => f.message));
    r = attempt(false);
    if (!r) return undefined;
  }
  if (r.ok) {
    toast(ss, r.message, SUBMIT.title, 10);
    const lines = [r.message, ...r.sheetErrors.map((f) => `• ${f.message}`)];
    const errorLines = lines.slice(0, MAX_LINES - SUBMIT_WARNINGS_SHOWN - 2);
    // Warnings the clerk was not asked about (no Ui, or new since he answered): the month is locked now.
    const unasked = r.warningFindings.filter((f) => !accepted.has(f.message));
    if (unasked.length) {
      errorLines.push(SUBMIT.warnings(unasked.length, level));
      errorLines.push(...warningLines(unasked));
    }
    if (unasked.length || r.sheetErrors.length) alertIfUi(SUBMIT.title, errorLines.join('\n'));
  } else {
    alert(SUBMIT.title, [r.message, ...r.findings.map((f) => `• ${f.message}`)].slice(0, MAX_LINES).join('\n'));
  }
  return r;
}

export function doUnlock() {
  const ss = activeSpreadsheet();
  const config = loadConfig(ss, 'unlock');
  if (!config) return undefined;
  const me = currentUser();
  if (!isAdmin(config, me)) {
    alert(MONTH_PROMPT.monthTitleUnlock, SUBMIT.notAdmin(me));
    return undefined;
  }
  const target = chooseUnitSheet(ss, config, MONTH_PROMPT.monthTitleUnlock);
  if (!target) return undefined;
  const m = askMonth(config, MONTH_PROMPT.monthTitleUnlock, target.year);
  if (!m) return undefined;
  const r = locked(ss, 'unlock', MONTH_PROMPT.monthTitleUnlock, monthKey(m.month, m.year), () => {
    const us = openUnitSheet(ss, config, target.unit, m.year);
    if (!us) return { ok: false, message: missingSheet(ss, config, target.unit, m.year) };
    const out = unlockUnitMonth(us, m.month, config.units);
    writeLog(ss, {
      action: `${LOG.actions.unlock}: ${distinctDisplayName(us.unit, config.units)}`,
      period: monthKey(m.month, m.year),
      result: out.ok ? LOG.ok : LOG.failed(out.message),
    });
    return out;
  });
  if (r) alert(MONTH_PROMPT.monthTitleUnlock, r.message);
  return r;
}

// ---------------------------------------------------------------- Tổng hợp

/**
 * A new year before "Tạo mẫu" for it: no unit has a sheet of the period's year, said with what to
 * do (email/year-sheets.ts); '' otherwise.
 */
function noYearSheetsNote(config: Config, summary: Summary): string {
  if (!noUnitSheetOfYear(summary)) return '';
  const { year } = summary.period;
  const first = config.units[0];
  const example = first ? unitSheetName(first, year) : String(year);
  const separate = config.options.separateSpreadsheets || separateBooks(summary);
  return AGGREGATE.noYearSheets(year, periodLabel(summary.period), separate, example);
}

export function doAggregate() {
  const ss = activeSpreadsheet();
  const config = loadConfig(ss, 'aggregate');
  if (!config) return undefined;
  const def = defaultPeriod(config);
  const text = promptText(PERIOD_PROMPT.periodTitle, PERIOD_PROMPT.period(periodLabel(def)));
  if (text === null) return undefined;
  const period = periodFromInput(text, def);
  if (!period) {
    alert(PERIOD_PROMPT.periodTitle, PERIOD_PROMPT.badPeriod(text));
    return undefined;
  }
  // A period whose data has not begun would give an empty summary over the last good one.
  const start = notBegunOn(period, config.settings, todayIn(config.settings.timeZone, now()));
  if (start !== null) {
    alert(PERIOD_PROMPT.periodTitle, AGGREGATE.notYet(periodLabel(period), formatDateVi(start)));
    return undefined;
  }
  const key = formatPeriod(period);
  const r = locked(
    ss,
    'aggregate',
    AGGREGATE.title,
    key,
    () => {
      const out = aggregatePeriod(ss, config, period, throttledToast(ss, AGGREGATE.title));
      const noSheets = noYearSheetsNote(config, out.summary);
      const result = [
        out.message,
        ...(noSheets ? [noSheets] : []),
        ...(out.problems.length ? [AGGREGATE.problems(out.problems.length), out.problemsForLog.join('; ')] : []),
        ...(out.warnings.length ? [AGGREGATE.warnings, out.warnings.join('; ')] : []),
        ...out.notes,
        ...out.logNotes,
        ...(config.emailProblems.length ? [AGGREGATE.emailProblems, config.emailProblems.join('; ')] : []),
      ].join(' ');
      writeLog(ss, { action: LOG.actions.aggregate, period: key, result: `${LOG.ok}: ${result}` });
      return { ...out, noSheets };
    },
    AGGREGATE.failed,
  );
  if (!r) return undefined;
  toast(ss, r.message, AGGREGATE.title, 10);
  const parts = [
    // First: it explains the "0/11" of the message, and the rest matters less until it is done.
    r.noSheets,
    r.problems.length ? `${AGGREGATE.problems(r.problems.length)}\n${lines(r.problems)}` : '',
    r.warnings.length ? `${AGGREGATE.warnings}\n${lines(r.warnings)}` : '',
    r.notes.join('\n'),
    config.emailProblems.length ? `${AGGREGATE.emailProblems}\n${lines(config.emailProblems)}` : '',
  ].filter(Boolean);
  if (parts.length) alert(AGGREGATE.title, [r.message, ...parts].join('\n\n'));
  return r;
}
