/**
 * `resumeAggregate`: the one-off trigger handler that continues a "Tổng hợp" whose reading
 * did not fit one execution (resume.ts). It runs the same period again under the document
 * lock; the staged units are not read again. Every outcome goes to "Nhật ký" (a trigger has
 * no dialog): written, handed over again, or failed.
 */
import { parsePeriod } from '../../engine/periods/period';
import { LOG } from '../../messages/vi/gas';
import { SHEETS_API_TEXT as T } from '../../messages/vi/sheets-api';
import { type AggregateResult, aggregatePeriod } from '../aggregate';
import { clearResume, scheduleResume } from '../email/triggers';
import { logText } from '../errors';
import { BusyError, withDocumentLock } from '../lock';
import { writeLog } from '../log';
import { readConfig } from '../setup';
import {
  AGGREGATE_RESUME_DELAY_MS,
  AGGREGATE_RESUME_HANDLER,
  ReadContinues,
  STAGING_SHEET,
  stagedState,
} from './resume';

/** The staged period ("2018-09"), or null when nothing waits to be continued. */
function stagedPeriod(master: GoogleAppsScript.Spreadsheet.Spreadsheet): string | null {
  const sheet = master.getSheetByName(STAGING_SHEET);
  if (!sheet) return null;
  const first = sheet.getRange(1, 1, 1, sheet.getLastColumn() || 1).getValues()[0] ?? [];
  return stagedState(first)?.period ?? null;
}

export function resumeAggregate(_e?: unknown): AggregateResult | undefined {
  clearResume(AGGREGATE_RESUME_HANDLER);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) {
    console.error(T.resumedNoSpreadsheet);
    return undefined;
  }
  const key = stagedPeriod(ss);
  const period = key ? parsePeriod(key) : null;
  if (!key || !period) return undefined;
  const log = (result: string) => writeLog(ss, { action: LOG.actions.aggregate, period: key, result });
  const cfg = readConfig(ss);
  if (!cfg.ok) {
    log(LOG.failed(cfg.errors.join('; ')));
    return undefined;
  }
  try {
    const out = withDocumentLock(() => aggregatePeriod(ss, cfg.config, period));
    const parts = [out.message, ...out.problemsForLog, ...out.warnings, ...out.notes];
    log(`${LOG.ok}: ${parts.join(' ')}`);
    return out;
  } catch (e) {
    if (e instanceof ReadContinues) log(`${LOG.ok}: ${T.continuesLog(e.done, e.total)}`);
    else if (e instanceof BusyError) {
      // Someone else is running: try again a minute later (nothing read is lost).
      scheduleResume(AGGREGATE_RESUME_DELAY_MS, AGGREGATE_RESUME_HANDLER);
      log(LOG.refused(e.message));
    } else log(LOG.failed(logText(e)));
    return undefined;
  }
}
