/**
 * `resumeAggregate`: the one-off trigger handler that continues a "Tổng hợp" whose reading
 * did not fit one execution (resume.ts). Several periods may wait (each in its own staging
 * sheet): it runs the one that has waited longest under the document lock, its staged units not
 * read again; the others follow in later runs of the trigger (a run that hands over again or
 * finishes a period reschedules it while another waits). Every outcome goes to "Nhật ký" (a
 * trigger has no dialog): written, handed over again, or failed; a period given up (nothing will
 * run it again) is also e-mailed to the admins, as the monthly report's give-up is (tellStopped).
 */
import { parsePeriod, periodLabel } from '../../engine/periods/period';
import { LOG } from '../../messages/vi/gas';
import { SHEETS_API_TEXT as T } from '../../messages/vi/sheets-api';
import { type AggregateResult, aggregatePeriod } from '../aggregate';
import { readConfig } from '../config';
import { tellAdmins } from '../email/notice';
import { clearResume, scheduleResume } from '../email/triggers';
import { explainRetried, logText } from '../errors';
import { BusyError, tryWithDocumentLock, withDocumentLock } from '../lock';
import { writeLog } from '../log';
import { SheetsWriteError } from '../sheets-write';
import {
  AGGREGATE_RESUME_DELAY_MS,
  AGGREGATE_RESUME_HANDLER,
  dropStaging,
  dropStaleStagings,
  handlerOf,
  isStale,
  listStagings,
  ReadContinues,
  type StagedState,
  staleNote,
  waitingFor,
} from './resume';

/**
 * A chained period given up: "Nhật ký" alone would be found too late (whoever clicked "Tổng hợp"
 * was told it goes on by itself). The admins, else the trigger's owner (who started it), get one
 * e-mail per chain (its last save) through the monthly report's notice (notice.ts). Never throws.
 */
function tellStopped(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, st: StagedState, why: string): void {
  const p = parsePeriod(st.period);
  if (!p) return;
  // Its "Nhật ký" line is the period's "Tổng hợp", not the monthly e-mail's.
  const log = (ok: boolean, detail: string) =>
    writeLog(ss, { action: LOG.actions.aggregate, period: st.period, result: ok ? detail : LOG.failed(detail) });
  try {
    tellAdmins(`aggregate.${st.period}.${st.at}`, T.chainStoppedMail(periodLabel(p), why), { log });
  } catch (e) {
    console.warn(`notice: ${logText(e)}`);
  }
}

/**
 * Only staging too old is left (the lock was busy for half an hour): "Nhật ký" says which period
 * was not written (appended atomically: no lock needed), and the staging goes unless the lock is
 * still busy; then the next "Tổng hợp" drops it. Nothing is rescheduled.
 */
function dropAbandoned(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const abandoned = listStagings(ss)
    .map((s) => s.state)
    .filter((st) => handlerOf(st) === AGGREGATE_RESUME_HANDLER && isStale(st));
  if (!abandoned.length) return;
  for (const st of abandoned) {
    const why = staleNote(st, null);
    if (!why) continue;
    writeLog(ss, { action: LOG.actions.aggregate, period: st.period, result: LOG.failed(why) });
    tellStopped(ss, st, why);
  }
  tryWithDocumentLock(() => dropStaleStagings(ss), 1000);
}

/** Delay before a resumed run that failed for a passing Google error is tried again. */
const RETRY_AFTER_FAILURE_MS = 5 * 60 * 1000;

/** A failure worth trying again in a few minutes: a time-out, a passing server or network error. */
function passing(e: unknown): boolean {
  if (e instanceof SheetsWriteError) return e.status === 0 || e.status === 429 || e.status >= 500;
  return explainRetried(e).transient;
}

/** The failure's Vietnamese reason, without its own "run again" advice (the retry is automatic). */
function reasonOf(e: unknown): string {
  const text = e instanceof SheetsWriteError ? e.message : explainRetried(e).text;
  return text.replace(/\s*—\s*hãy chạy lại sau ít phút/, '');
}

/** Whether `period`'s staged read is gone or too old to be used by a retry. */
function stagedIsStale(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, period: string): boolean {
  return !waitingFor(ss, AGGREGATE_RESUME_HANDLER).some((st) => st.period === period);
}

export function resumeAggregate(_e?: unknown): AggregateResult | undefined {
  clearResume(AGGREGATE_RESUME_HANDLER);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) {
    console.error(T.resumedNoSpreadsheet);
    return undefined;
  }
  const waiting = waitingFor(ss, AGGREGATE_RESUME_HANDLER).filter((st) => parsePeriod(st.period));
  if (!waiting.length) {
    dropAbandoned(ss);
    return undefined;
  }
  const key = waiting[0].period;
  const period = parsePeriod(key);
  if (!period) return undefined;
  const log = (result: string, on = key) => writeLog(ss, { action: LOG.actions.aggregate, period: on, result });
  const cfg = readConfig(ss);
  if (!cfg.ok) {
    // Every waiting period stops here: each says so. Nothing is rescheduled (it would fail again
    // until the cell is fixed); the staging left is dropped once too old (resume.ts).
    for (const st of waiting) {
      log(LOG.failed(cfg.errors.join('; ')), st.period);
      tellStopped(ss, st, cfg.errors.join('; '));
    }
    return undefined;
  }
  try {
    const out = withDocumentLock(() => aggregatePeriod(ss, cfg.config, period));
    const parts = [out.message, ...out.problemsForLog, ...out.warnings, ...out.notes, ...out.logNotes];
    log(`${LOG.ok}: ${parts.join(' ')}`);
    return out;
  } catch (e) {
    if (e instanceof ReadContinues) log(`${LOG.ok}: ${T.continuesLog(e.done, e.total)}`);
    else if (e instanceof BusyError) {
      // Someone else is running: try again a minute later (nothing read is lost).
      scheduleResume(AGGREGATE_RESUME_DELAY_MS, AGGREGATE_RESUME_HANDLER);
      log(LOG.refused(e.message));
    } else if (passing(e) && !stagedIsStale(ss, key)) {
      // A passing Google error (often at the final write): the read is still staged (dropped only
      // once written), so the trigger tries again; the staging's age bounds the retries, after
      // which dropAbandoned says in "Nhật ký" that the period must be run again by hand.
      scheduleResume(RETRY_AFTER_FAILURE_MS, AGGREGATE_RESUME_HANDLER);
      log(LOG.failed(T.retryLater(reasonOf(e), RETRY_AFTER_FAILURE_MS / 60_000)));
    } else {
      log(LOG.failed(logText(e)));
      tellStopped(ss, waiting[0], reasonOf(e));
      // Not tried again (it would fail again, and as the longest waiting it would keep the other
      // periods waiting): its staging goes, the others are continued.
      // Lock busy: the staging is dropped once too old.
      tryWithDocumentLock(() => dropStaging(ss, key), 1000);
      if (waitingFor(ss, AGGREGATE_RESUME_HANDLER).some((st) => st.period !== key))
        scheduleResume(AGGREGATE_RESUME_DELAY_MS, AGGREGATE_RESUME_HANDLER);
    }
    return undefined;
  }
}
