/**
 * The monthly e-mail report.
 *
 * One job per period, kept in document properties:
 *   sent.<period>   when and to how many it was sent, and how: by the schedule, or by "Gửi báo cáo
 *                   ngay" (`manual`) before the deadline or after it (`beforeDeadline`). Exactly
 *                   once: a second firing skips it, except that a manual send made on or before the
 *                   deadline does not stand for the scheduled one (the scheduled run after the
 *                   deadline still sends the complete report).
 *   job             the send in progress: period, recipients still to send, tries so far
 *   job.message     the rendered e-mail (subject, HTML, text), so a resumed run need not aggregate again,
 *                   and the id of its copy of the summary sheets, which every run exports as the .xlsx
 * Claims are made under the document lock with a lease, so two runs never send the same job.
 * A run stops starting new work after 4.5 minutes, saves progress and schedules
 * `resumeReportJob` one minute later. A send that fails or finds no quota left is logged and
 * retried by the same one-off trigger (at most MAX_RETRIES times in a row without progress);
 * after that the job stays in properties, the log says who was not reached, the admins get an
 * e-mail (notice.ts) and "Gửi báo cáo ngay" offers to continue: nothing is lost silently.
 * Apps Script may stop a run at 6 minutes without a word: each run that claims the job first
 * schedules the resume that would carry it on (WATCHDOG_MS), replaced by any pause or retry.
 *
 * Never before the deadline: the monthly trigger fires on a fixed day of the month (Apps Script
 * has no "first working day after …" schedule), which may fall on or before the period's deadline
 * (February, with Tết) or on a weekend or day off. Such a scheduled run sends nothing: it adds its
 * period and when to `job.wait` (a short list ordered by when: with a deadline longer than a month
 * the next period waits beside it; the previous version's single object is read as a list of one)
 * and the one-off `resumeReportJob` trigger is set for the first of them, on the first working day
 * after the deadline at sendHour (`waitUntil`); "Nhật ký" says why. Each resume takes the first wait
 * that is due, with its own period, as a scheduled run again (it checks once more). The one trigger
 * serves a job going on first (its retries and resumes); whenever it would be deleted or moved
 * later (a finished or given-up job, a notice retry) it is set for the first wait instead
 * (`rearm`), so a manual send or another period's retry in between does not lose one.
 */

import {
  deadline,
  isoAddWorkingDays,
  isWorkingDay,
  lastClosedPeriod,
  offsetMinutes,
  todayIn,
} from '../../engine/periods/cutoff';
import { formatPeriod, parsePeriod, periodLabel } from '../../engine/periods/period';
import { type Edition, editionLine, editionSubject, withTitle, withTopNote } from '../../engine/report/edition';
import { emailSubject, renderHtmlReport } from '../../engine/report/html';
import { renderTextReport } from '../../engine/report/text';
import type { Period, Settings } from '../../engine/types';
import { EDITION_TEXT } from '../../messages/vi/edition';
import { EMAIL_TEXT as T, viDate, viDateTime, viDuration } from '../../messages/vi/email';
import { nowMs, RunBudget } from '../clock';
import { withHolidays } from '../config/holidays';
import { ConfigError, explainError, logText, userText, withRetry } from '../errors';
import { ReadContinues } from '../io/resume';
import { BusyError, tryWithDocumentLock } from '../lock';
import { snapshotSheets, summaryXlsx, trashSpreadsheet, xlsxOf } from './attachment';
import * as emailDeps from './deps';
import { tellAdmins, tellAdminsUnguarded } from './notice';
import { readReportSettings } from './settings-store';
import { JsonStore } from './store';
import { clearResume, scheduleResume, TIME_ZONE } from './triggers';

/** Google's limit of recipients per message (to + cc + bcc). */
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
/** Failed tries in a row before the job waits for a person. */
export const MAX_RETRIES = 3;
/** Delay before retry 1, 2, 3. Google's daily quota is a rolling 24 hours. */
export const RETRY_DELAYS_MS = [30 * 60 * 1000, 6 * 3600 * 1000, 24 * 3600 * 1000];
/**
 * Runs that may read units for one report before reading counts as failed: each reads for 4
 * minutes (io/resume.ts), about 240 units at Google's 60 reads a minute; 3,321 units take 14.
 */
export const MAX_READ_RUNS = 30;
/** Delay before a resume after the soft time limit. */
export const RESUME_DELAY_MS = 60 * 1000;
/** A claim older than this belongs to a run that died (Apps Script stops every run at 6 minutes). */
export const LEASE_MS = 7 * 60 * 1000;
/** The e-mail jobs wait less for the lock than a menu action: a trigger retries later anyway. */
export const EMAIL_LOCK_WAIT_MS = 20 * 1000;
/**
 * Waits before trying again when the document lock is busy (a "Tổng hợp" holds it for up to 6
 * minutes a run, and chains runs over many units): about 80 minutes in all, then the admins are
 * told and the last wait is repeated until the lock is free (the report still goes, never dropped).
 */
export const LOCK_RETRY_DELAYS_MS = [60 * 1000, 5 * 60 * 1000, 15 * 60 * 1000, 60 * 60 * 1000];
/** How long the busy-lock retries wait before the admins are told (about 80 minutes). */
const LOCK_WAIT_TOTAL_MS = LOCK_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);

/** Waits before a trigger run tries again settings it could not use (someone may fix them). */
export const SETTINGS_RETRY_DELAYS_MS = [6 * 3600 * 1000, 6 * 3600 * 1000, 12 * 3600 * 1000, 24 * 3600 * 1000];
/**
 * A claimed run schedules its own resume this long ahead, replaced by any pause or retry and
 * deleted when done: Apps Script stops a run at 6 minutes without a chance to save, and then
 * this trigger carries the job on (its lease, LEASE_MS, has run out by then).
 */
export const WATCHDOG_MS = LEASE_MS + RESUME_DELAY_MS;
/**
 * Waits before saving the job again after a passing failure of PropertiesService ("Service error",
 * "We're sorry, a server error occurred"): a send's result must be saved or it is sent twice.
 */
export const SAVE_RETRY_DELAYS_MS = [2000, 5000, 10000];
/**
 * A trigger run that fails before it claims anything (reading "Cài đặt" or the properties while
 * Sheets or PropertiesService has a passing outage) tries once more after this pause, within the run.
 */
export const START_PAUSE_MS = 20 * 1000;
/** Then a one-off trigger tries the start again after these waits; after that the admins are told. */
export const START_RETRY_DELAYS_MS = [30 * 60 * 1000, 3 * 3600 * 1000];
/** When the notice of a given-up job could not be sent, one more try this much later. */
export const NOTICE_RETRY_MS = 24 * 3600 * 1000;

export type Mode = 'scheduled' | 'manual' | 'resume';

export interface SentRecord {
  at: number;
  recipients: number;
  messages: number;
  manual: boolean;
  /** A manual send on or before the period's deadline: not the period's scheduled send. */
  beforeDeadline?: boolean;
  /**
   * Who has a copy of the period's report (addressKey of each, this send's and earlier ones'): a
   * later send marks "gửi lại" only for them. Absent in records of the previous version: everyone.
   */
  reached?: string[];
}

export interface JobState {
  period: Period;
  key: string;
  label: string;
  manual: boolean;
  /** Started by hand on or before the period's deadline (SentRecord.beforeDeadline). */
  beforeDeadline?: boolean;
  /**
   * The period was sent before (its SentRecord): this report says it replaces that one, to those
   * who had it (`had`, addressKey of each; absent: everyone) and only to them.
   */
  replaces?: { at: number; beforeDeadline?: boolean; had?: string[] };
  stage: 'render' | 'send';
  total: number;
  /** Everyone the report is for (as the settings said when the job started or last resumed). */
  recipients?: string[];
  pending: string[];
  /** addressKey of each recipient sent to so far (SentRecord.reached). */
  reached?: string[];
  sent: number;
  messages: number;
  /** Failed tries in a row (reset by any progress). */
  attempts: number;
  /** Run id holding the job, and until when. */
  owner: string | null;
  leaseUntil: number;
  /** Set while waiting for a retry / resume trigger. */
  waitingUntil: number | null;
  /**
   * The batch being sent (addresses), saved before MailApp.sendEmail and cleared with its result:
   * a run that could not save the result (PropertiesService failing, Apps Script stopping it) leaves
   * it here, and the next run counts these recipients as reached rather than send them the report
   * twice (settleInFlight; "Nhật ký" lists them, to check by hand).
   */
  inFlight?: string[];
  /** Gmail refused the attachment for its size: the report goes without it (not exported again). */
  withoutAttachment?: boolean;
  /** Set once MAX_RETRIES is exceeded: only a person restarts it. */
  gaveUp: boolean;
  /** Why it was given up at once, without retries (a message Gmail will never take). */
  gaveUpWhy?: string;
  /** Tries in a row that found the configuration unusable (ConfigError): SETTINGS_RETRY_DELAYS_MS. */
  configFailures?: number;
  /**
   * Tries in a row that found the document lock held by another run (a person's "Tổng hợp"), at a
   * run's start (job.start, carried here by the claim) or as its "Tổng hợp" began: one count, waited
   * out on LOCK_RETRY_DELAYS_MS, not failed sends.
   */
  lockWaits?: number;
  createdAt: number;
}

export interface StoredMessage {
  /** The report as it goes to a recipient who had no earlier copy, with the .xlsx attached. */
  subject: string;
  html: string;
  text: string;
  attachmentName: string;
  /**
   * The report replaces an earlier copy (JobState.replaces): the subject, first line and attachment
   * name of the messages to those who had it. A message stored by the previous version has the
   * mark in `subject`/`html`/`text` already, for everyone.
   */
  edition?: { subject: string; line: string; attachmentName: string };
  /** `text`/`html` as rendered for a send without the .xlsx (MailOptions.attached false), as a patch. */
  unattached?: { text: LinePatch; html: LinePatch };
  spreadsheetId: string;
  sheetId: number | null;
  /** The period's summary sheets, attached (a message stored before they were listed: `sheetId`). */
  sheetIds?: number[];
  senderName: string;
  /**
   * A copy of the summary sheets made with the rendering (attachment.ts snapshotSheets): each run
   * attaches its export, so a report resumed a day later (the quota) attaches the figures of its
   * body, not the sheets as a later "Tổng hợp" or an edit left them. Trashed when the job ends or
   * another report replaces it. Absent: not made yet (made at the first send, ensureSnapshot).
   */
  snapshotId?: string;
}

/** What a run did, for the menu's alert and for tests. */
export interface RunOutcome {
  status:
    | 'sent'
    | 'skipped-sent'
    | 'skipped-busy'
    | 'skipped-waiting'
    | 'waiting'
    | 'cancelled'
    | 'quota'
    | 'failed'
    | 'gave-up'
    | 'continuing'
    | 'lock-busy'
    | 'no-recipients'
    | 'invalid-settings'
    | 'invalid-config'
    | 'nothing';
  period?: string;
  sent?: number;
  total?: number;
  message: string;
}

interface StartPending {
  attempts: number;
}

const K = {
  job: 'job',
  message: 'job.message',
  sent: (key: string) => `sent.${key}`,
  startPending: 'job.start',
  /** Trigger runs in a row that found the settings unusable. */
  settingsFailed: 'job.settings',
  /** Trigger runs in a row that failed before claiming (startFailed). */
  startFailed: 'job.startFailed',
  /** Scheduled sends waiting for the deadline to pass (WaitState[], ordered by `until`). */
  wait: 'job.wait',
};

/** A scheduled send put off until after the period's deadline. */
interface WaitState {
  key: string;
  until: number;
}

/**
 * Periods that may wait at once. A deadline is at most 60 working days (settings), so about four
 * months wait at most; more are left over from sends that never resumed (settings unusable for a
 * year, say). Bounded: the list stays well within one property value (9 KB).
 */
export const MAX_WAITS = 12;

/** The waiting sends, first due first; the previous version stored one object, not a list. */
function readWaits(store: JsonStore): WaitState[] {
  const raw = store.get<unknown>(K.wait);
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list
    .filter(
      (x): x is WaitState =>
        typeof x === 'object' &&
        x !== null &&
        typeof x.key === 'string' &&
        parsePeriod(x.key) !== null &&
        Number.isFinite(x.until),
    )
    .sort((a, b) => a.until - b.until);
}

function waitsValue(waits: WaitState[]): Record<string, unknown> {
  return { [K.wait]: waits.length ? waits : null };
}

/** The waits without `key`'s (its send is settled: sent, going on, or started now); {} when it has none. */
function withoutWait(store: JsonStore, key: string): Record<string, unknown> {
  const waits = readWaits(store);
  return waits.some((x) => x.key === key) ? waitsValue(waits.filter((x) => x.key !== key)) : {};
}

/** The waits with `key`'s set to `until`; beyond MAX_WAITS the oldest periods are dropped, and said. */
function withWait(store: JsonStore, key: string, until: number): Record<string, unknown> {
  const waits = [...readWaits(store).filter((x) => x.key !== key), { key, until }];
  const byPeriod = [...waits].sort((a, b) => a.key.localeCompare(b.key));
  const dropped = new Set(byPeriod.slice(0, Math.max(0, waits.length - MAX_WAITS)).map((x) => x.key));
  for (const k of dropped) logLine(false, T.log.waitDropped(periodLabel(parsePeriod(k) as Period), MAX_WAITS));
  return waitsValue(waits.filter((x) => !dropped.has(x.key)).sort((a, b) => a.until - b.until));
}

function runId(): string {
  return `${nowMs().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Google's text, for the console only (users get userText, "Nhật ký" logText). */
function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A failure as told to the user (Vietnamese) and as logged (with Google's original). */
function failure(e: unknown, wrap: (text: string) => string = (t) => t): { error: string; log: string } {
  return { error: wrap(userText(e)), log: wrap(logText(e)) };
}

/** `store.put`, tried again after a passing failure (errors.ts withRetry: transient errors only). */
function save(store: JsonStore, values: Record<string, unknown>): void {
  withRetry(() => store.put(values), { delays: SAVE_RETRY_DELAYS_MS });
}

/** The job without its in-flight batch (the batch's result is known). */
function landed(job: JobState): JobState {
  const { inFlight: _, ...rest } = job;
  return rest;
}

function logLine(ok: boolean, detail: string): void {
  try {
    console.log(detail);
  } catch {
    // no console: nothing more to do
  }
  try {
    emailDeps.log(T.log.action, ok, detail);
  } catch (e) {
    try {
      console.error(`log: ${errorText(e)}`);
    } catch {
      // ignore
    }
  }
}

/**
 * A recipient as kept in SentRecord.reached: a short hash of the lower-cased address (FNV-1a, 32
 * bits, base 36), so that the records of many periods and recipients stay small in the property
 * store. Two addresses sharing one would only mark a new reader's copy "gửi lại".
 */
export function addressKey(address: string): string {
  const a = address.trim().toLowerCase();
  let h = 0x811c9dc5;
  for (let i = 0; i < a.length; i++) {
    h ^= a.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

function uniqueRecipients(list: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const a = String(raw).trim();
    const k = a.toLowerCase();
    if (!a || seen.has(k)) continue;
    seen.add(k);
    out.push(a);
  }
  return out;
}

/**
 * Keep sent records of the last 36 periods only (the store has 500 KB); those older than the
 * last MAX_WAITS periods, which are not sent again, keep no addresses (SentRecord.reached).
 */
function pruneSent(store: JsonStore, keep: string): Record<string, unknown> {
  const keys = store
    .keys('sent.')
    .filter((k) => k !== `sent.${keep}`)
    .sort();
  const out: Record<string, unknown> = {};
  const kept = Math.max(0, keys.length - 35);
  for (const k of keys.slice(0, kept)) out[k] = null;
  for (const k of keys.slice(kept, Math.max(kept, keys.length - MAX_WAITS + 1))) {
    const r = store.get<SentRecord>(k);
    if (r?.reached) {
      const { reached: _, ...rest } = r;
      out[k] = rest;
    }
  }
  return out;
}

export function sentRecord(period: Period, store = new JsonStore()): SentRecord | null {
  return store.get<SentRecord>(K.sent(formatPeriod(period)));
}

export function currentJob(store = new JsonStore()): JobState | null {
  return store.get<JobState>(K.job);
}

/** The period the monthly e-mail reports on today. */
export function reportPeriod(settings: Settings): Period {
  return lastClosedPeriod(todayIn(settings.timeZone || TIME_ZONE, new Date(nowMs())), 'month', settings);
}

/** The period's deadline when `now` is on or before it (a send now may miss units still submitting). */
export function deadlineAhead(period: Period, settings: Settings, now = nowMs()): string | null {
  const due = deadline(period, settings);
  return todayIn(settings.timeZone || TIME_ZONE, new Date(now)) <= due ? due : null;
}

/** Whether a sent record stands for the period's scheduled send (a manual one before the deadline does not). */
function countsAsScheduled(sent: SentRecord): boolean {
  return !(sent.manual && sent.beforeDeadline);
}

/**
 * When a scheduled send of `period` made today must wait: on or before the period's deadline
 * (units may still submit) it waits for the first working day after the deadline; on a weekend
 * or day off, for the next working day. Null when it may go now.
 */
export function waitUntil(
  period: Period,
  settings: Settings,
  now = nowMs(),
): { date: string; at: number; due: string; reason: 'beforeDeadline' | 'dayOff' } | null {
  const zone = settings.timeZone || TIME_ZONE;
  const today = todayIn(zone, new Date(now));
  const due = deadline(period, settings);
  const afterDue = isoAddWorkingDays(due, 1, settings.holidays);
  let date: string;
  let reason: 'beforeDeadline' | 'dayOff';
  if (today < afterDue) {
    date = afterDue;
    reason = 'beforeDeadline';
  } else if (!isWorkingDay(today, settings.holidays)) {
    date = isoAddWorkingDays(today, 1, settings.holidays);
    reason = 'dayOff';
  } else return null;
  const [y, m, d] = date.split('-').map(Number);
  const local = Date.UTC(y, m - 1, d, settings.sendHour);
  const at = local - offsetMinutes(zone, new Date(local)) * 60_000;
  return { date, at: Math.max(at, now + RESUME_DELAY_MS), due, reason };
}

/**
 * Set the one resume trigger for what still needs it: a job going on first (its own retry or
 * resume, `delayMs` when given, else when it waits until); with none, the earlier of `delayMs` (a
 * notice retry) and the first waiting send (`job.wait`) or a start that waited for the lock (a
 * minute from now when the time has come: the run then decides whether it still has to send).
 * Nothing left: the trigger is deleted.
 */
function rearm(store: JsonStore, delayMs?: number): void {
  const now = nowMs();
  const job = store.get<JobState>(K.job);
  const delays = delayMs === undefined ? [] : [delayMs];
  if (job && !job.gaveUp && job.pending.length > 0) {
    if (delayMs === undefined) {
      // Held by a run: that run sets its own resume when it stops.
      if (job.waitingUntil === null) return;
      delays.push(job.waitingUntil - now);
    }
  } else {
    const first = readWaits(store)[0];
    if (first) delays.push(first.until - now);
    if (store.get<StartPending>(K.startPending)) delays.push(0);
  }
  if (delays.length) scheduleResume(Math.max(Math.min(...delays), RESUME_DELAY_MS));
  else clearResume();
}

/** A job is done or given up: the trigger is for the waits, else deleted. */
function idle(store: JsonStore): void {
  rearm(store);
}

/**
 * "Tắt gửi báo cáo hằng tháng": a scheduled send waiting for its day (`job.wait`) is dropped, and
 * its resume trigger with it unless a job (or a start that waited for the lock) still needs it.
 * True when one was waiting.
 */
export function dropScheduledWait(store = new JsonStore()): boolean {
  if (store.get<unknown>(K.wait) === null) return false;
  store.put({ [K.wait]: null });
  const job = store.get<JobState>(K.job);
  const busy = (job !== null && !job.gaveUp && job.pending.length > 0) || store.get(K.startPending) !== null;
  if (!busy) clearResume();
  return true;
}

function newJob(
  period: Period,
  recipients: string[],
  manual: boolean,
  owner: string,
  beforeDeadline = false,
  replaces?: JobState['replaces'],
): JobState {
  const now = nowMs();
  return {
    period,
    key: formatPeriod(period),
    label: periodLabel(period),
    manual,
    ...(beforeDeadline ? { beforeDeadline } : {}),
    ...(replaces ? { replaces } : {}),
    stage: 'render',
    total: recipients.length,
    recipients,
    pending: recipients,
    sent: 0,
    messages: 0,
    attempts: 0,
    owner,
    leaseUntil: now + LEASE_MS,
    waitingUntil: null,
    gaveUp: false,
    createdAt: now,
  };
}

/**
 * A job taken up again after a wait (quota, a failure, a resume) sends to the recipients as the
 * settings now say: one removed meanwhile gets nothing more, one added gets the report. Jobs saved
 * before `recipients` was kept are left as they are.
 */
function followRecipients(job: JobState, current: string[]): JobState {
  if (!job.recipients) return job;
  const key = (e: string) => e.toLowerCase();
  const now = new Set(current.map(key));
  const before = new Set(job.recipients.map(key));
  const pending = job.pending.filter((e) => now.has(key(e)));
  const added = current.filter((e) => !before.has(key(e)));
  const removed = job.pending.filter((e) => !now.has(key(e)));
  if (!removed.length && !added.length) return job;
  logLine(true, T.log.recipientsChanged(job.label, removed, added));
  return {
    ...job,
    recipients: current,
    pending: [...pending, ...added],
    total: job.sent + pending.length + added.length,
  };
}

function leaseActive(job: JobState): boolean {
  return job.owner !== null && job.leaseUntil > nowMs();
}

// ---------------------------------------------------------------- claiming

type Claim = { kind: 'claimed'; job: JobState } | { kind: 'outcome'; outcome: RunOutcome };

interface ClaimRequest {
  mode: Mode;
  settings: Settings;
  run: string;
  /** Manual run: the user confirmed sending again a period already sent. */
  resend?: boolean;
  /** Manual run: the user confirmed continuing a job that waits for a retry. */
  continueWaiting?: boolean;
  /** A scheduled send that waited for its deadline (job.wait): its period, not today's. */
  waited?: string;
}

/** Decide, under the lock, whether this run sends and what. */
function claim(store: JsonStore, req: ClaimRequest): Claim {
  store.refresh();
  const job = store.get<JobState>(K.job);
  const now = nowMs();

  if (req.mode === 'resume') {
    const start = store.get<StartPending>(K.startPending);
    const waits = readWaits(store);
    const pending = start !== null || waits.length > 0;
    // A start that waited (lock busy, settings unusable) is this period's, whatever job is left
    // from before: one given up, or another period's. A send waiting for its deadline (job.wait)
    // takes the place of a given-up job only: one still going on is carried on first (then `idle`).
    const stale =
      job !== null && (job.gaveUp || (start !== null && job.key !== formatPeriod(reportPeriod(req.settings))));
    if (!job || (stale && pending)) {
      if (!pending) return { kind: 'outcome', outcome: { status: 'nothing', message: '' } };
      // The first wait that is due, of the period it waited for even when a later period has
      // closed meanwhile (a deadline of many working days); else the start that waited; else the
      // first wait (the trigger fired early: it waits again).
      const due = waits.find((x) => x.until <= now);
      const waited = due?.key ?? (start ? undefined : waits[0]?.key);
      return claim(store, { ...req, mode: 'scheduled', ...(waited ? { waited } : {}) });
    }
    // Given up: only a person ("Gửi báo cáo ngay") starts it again, not a leftover trigger.
    if (job.gaveUp) return { kind: 'outcome', outcome: { status: 'nothing', message: '' } };
    if (leaseActive(job) && job.owner !== req.run) {
      logLine(true, T.log.skippedBusy(job.label));
      return {
        kind: 'outcome',
        outcome: { status: 'skipped-busy', period: job.label, message: T.inProgress(job.label) },
      };
    }
    const claimed: JobState = {
      ...followRecipients(job, uniqueRecipients(req.settings.recipients)),
      owner: req.run,
      leaseUntil: now + LEASE_MS,
      waitingUntil: null,
      // The waits for the lock at the start and those of its "Tổng hợp" are one count (lockHeld).
      lockWaits: Math.max(job.lockWaits ?? 0, start?.attempts ?? 0),
    };
    store.put({ [K.job]: claimed, [K.startPending]: null });
    return { kind: 'claimed', job: claimed };
  }

  const period = (req.waited ? parsePeriod(req.waited) : null) ?? reportPeriod(req.settings);
  const key = formatPeriod(period);
  const label = periodLabel(period);
  const scheduled = req.mode === 'scheduled';
  // A start that waited (job.start) is of the period closed now, not of an older one waited for.
  const current = !req.waited || key === formatPeriod(reportPeriod(req.settings));
  const startDone = current ? { [K.startPending]: null } : {};
  // Waits for the lock at the start so far: the new job's "Tổng hợp" counts on from them (lockHeld).
  const startWaits = (current && store.get<StartPending>(K.startPending)?.attempts) || 0;
  // The scheduled send is settled here (sent, going on, started): it waits no more.
  const settled = () => (scheduled ? withoutWait(store, key) : {});
  // An early manual send ("Gửi báo cáo ngay" before the deadline) is not the scheduled send.
  const early = scheduled && job !== null && job.key === key && job.manual && job.beforeDeadline === true;

  if (job && job.key === key && !early) {
    if (leaseActive(job)) {
      logLine(true, T.log.skippedBusy(label));
      store.put(settled());
      return { kind: 'outcome', outcome: { status: 'skipped-busy', period: label, message: T.inProgress(label) } };
    }
    // A run that died without saving a retry (lease expired, nothing scheduled) is taken over.
    const orphaned = !job.gaveUp && (job.waitingUntil === null || job.waitingUntil + LEASE_MS < now);
    if (scheduled && orphaned) {
      const claimed: JobState = {
        ...followRecipients(job, uniqueRecipients(req.settings.recipients)),
        owner: req.run,
        leaseUntil: now + LEASE_MS,
        waitingUntil: null,
      };
      store.put({ [K.job]: claimed, ...settled() });
      return { kind: 'claimed', job: claimed };
    }
    if (scheduled) {
      logLine(true, T.log.skippedWaiting(label));
      store.put(settled());
      return { kind: 'outcome', outcome: { status: 'skipped-waiting', period: label, message: '' } };
    }
    if (!req.continueWaiting) {
      return { kind: 'outcome', outcome: { status: 'cancelled', period: label, message: '' } };
    }
    const claimed: JobState = {
      ...followRecipients(job, uniqueRecipients(req.settings.recipients)),
      owner: req.run,
      leaseUntil: now + LEASE_MS,
      waitingUntil: null,
      gaveUp: false,
      attempts: 0,
      lockWaits: 0,
    };
    store.put({ [K.job]: claimed, [K.startPending]: null });
    return { kind: 'claimed', job: claimed };
  }

  const sent = store.get<SentRecord>(K.sent(key));
  if (sent && scheduled && !countsAsScheduled(sent)) {
    // Sent by hand before the deadline (to try it out, say): the complete report still goes.
    logLine(true, T.log.earlyManualNotCounted(label, viDateTime(new Date(sent.at))));
  } else if (sent && !req.resend) {
    const at = viDateTime(new Date(sent.at));
    if (scheduled) {
      logLine(true, T.log.skippedSent(label, at));
      store.put(settled());
    }
    return {
      kind: 'outcome',
      outcome: { status: 'skipped-sent', period: label, message: T.log.skippedSent(label, at) },
    };
  }

  if (scheduled) {
    const wait = waitUntil(period, req.settings, now);
    if (wait) {
      store.put({ ...withWait(store, key, wait.at), ...startDone });
      rearm(store);
      const message =
        wait.reason === 'beforeDeadline'
          ? T.log.waitDeadline(label, viDate(wait.due), viDate(wait.date), req.settings.sendHour)
          : T.log.waitDayOff(label, viDate(wait.date), req.settings.sendHour);
      logLine(true, message);
      return { kind: 'outcome', outcome: { status: 'waiting', period: label, message } };
    }
  }

  if (early && job) {
    if (leaseActive(job)) {
      // The person's send is going on: the scheduled one follows it (its end sets the trigger).
      logLine(true, T.log.skippedBusy(label));
      store.put(withWait(store, key, job.leaseUntil + RESUME_DELAY_MS));
      return { kind: 'outcome', outcome: { status: 'skipped-busy', period: label, message: T.inProgress(label) } };
    }
    // Its report was made before the deadline: the scheduled send starts anew, to everyone.
    logLine(true, T.log.earlyManualReplaced(label, job.sent, job.total));
  }

  const recipients = uniqueRecipients(req.settings.recipients);
  if (!recipients.length) {
    logLine(false, T.noRecipients);
    store.put({ ...startDone, ...settled() });
    return { kind: 'outcome', outcome: { status: 'no-recipients', period: label, message: T.noRecipients } };
  }

  if (job && job.key !== key && !leaseActive(job) && job.pending.length) {
    // An older period that never finished: say loudly who did not get it before moving on.
    logLine(false, T.log.gaveUp(job.label, job.pending));
  } else if (job && job.key !== key && leaseActive(job)) {
    logLine(true, T.log.skippedBusy(job.label));
    // Another period is being sent: this scheduled send follows it.
    if (scheduled) store.put(withWait(store, key, job.leaseUntil + RESUME_DELAY_MS));
    return {
      kind: 'outcome',
      outcome: { status: 'skipped-busy', period: job.label, message: T.inProgress(job.label) },
    };
  }

  const manual = req.mode === 'manual';
  const beforeDeadline = manual && deadlineAhead(period, req.settings, now) !== null;
  // Recipients already have a report of this period (sent whole, or an early send in part): this one replaces it.
  // Those who had it are marked "gửi lại"; a recipient added since is not (`had`, when known).
  const replaces: JobState['replaces'] = sent
    ? {
        at: sent.at,
        ...(sent.beforeDeadline ? { beforeDeadline: true } : {}),
        ...(sent.reached ? { had: sent.reached } : {}),
      }
    : early && job && job.sent > 0
      ? { at: job.createdAt, beforeDeadline: true, ...(job.reached ? { had: job.reached } : {}) }
      : undefined;
  const fresh = newJob(period, recipients, manual, req.run, beforeDeadline, replaces);
  if (scheduled && startWaits) fresh.lockWaits = startWaits;
  const replaced = store.get<StoredMessage>(K.message);
  store.put({ [K.job]: fresh, [K.message]: null, ...startDone, ...settled() });
  // The report it replaces (an older period's, or this one sent again) needs its copy no more.
  dropSnapshot(replaced, job?.label ?? label);
  return { kind: 'claimed', job: fresh };
}

// ---------------------------------------------------------------- rendering

/**
 * Whether every recipient may open the master spreadsheet (its owner, an editor, a viewer or
 * commenter): only then does the e-mail link to it. The report goes mostly to people outside the
 * district (the province), to whom the link would show Google's "Bạn cần có quyền truy cập" page,
 * and a granted request would open the whole master. Two calls whatever the number of recipients;
 * access through a group or link sharing is not seen, so such a recipient goes without the link.
 */
function openableBy(spreadsheetId: string, recipients: string[]): boolean {
  if (!recipients.length) return false;
  try {
    const active = SpreadsheetApp.getActiveSpreadsheet();
    const ss = active && active.getId() === spreadsheetId ? active : SpreadsheetApp.openById(spreadsheetId);
    const users = [...ss.getEditors(), ...ss.getViewers()];
    const allowed = new Set(users.map((u) => String(u.getEmail()).trim().toLowerCase()).filter(Boolean));
    return recipients.every((r) => allowed.has(r.trim().toLowerCase()));
  } catch (e) {
    // Not known: no link rather than one that may not open.
    console.warn(`sharing: ${errorText(e)}`);
    return false;
  }
}

function render(job: JobState): StoredMessage {
  const bundle = emailDeps.aggregate(job.period);
  const { summary, catalogue } = bundle;
  const settings = summary.settings;
  const linked = bundle.sheetUrl && openableBy(bundle.spreadsheetId, job.recipients ?? job.pending);
  const parts = (attached: boolean) => {
    const options = { ...(linked ? { sheetUrl: bundle.sheetUrl } : {}), attached };
    const html = renderHtmlReport(summary, catalogue, options);
    const text = renderTextReport(summary, catalogue, options);
    // January before "Tạo mẫu" of the year: the report may go, but first says why nobody reported.
    return bundle.noYearSheet
      ? withTopNote(html, text, T.noYearSheets(summary.period.year, job.label))
      : { html, text };
  };
  const { html, text } = parts(true);
  // Rendered now, sent only if the .xlsx cannot go: its pointers to the workbook say so.
  const bare = parts(false);
  const zone = settings.timeZone || TIME_ZONE;
  const subject = emailSubject(summary);
  const attachmentName = T.attachmentName(periodLabel(job.period), `${settings.level} ${settings.aggregatingUnitName}`);
  let edition: StoredMessage['edition'];
  if (job.replaces) {
    const earlier: Edition = {
      replaces: new Date(job.replaces.at).toISOString(),
      ...(job.replaces.beforeDeadline ? { preliminary: true } : {}),
    };
    const today = viDate(todayIn(zone, new Date(nowMs())));
    edition = {
      subject: editionSubject(subject, earlier, zone),
      line: editionLine(job.period, earlier, zone),
      attachmentName: attachmentName.replace(/\.xlsx$/i, `${EDITION_TEXT.attachmentSuffix(today)}.xlsx`),
    };
  }
  const ids = bundle.sheetIds ?? (bundle.sheetId !== null ? [bundle.sheetId] : []);
  let snapshotId: string | undefined;
  try {
    // Now, with the body: the sheets as this "Tổng hợp" wrote them.
    snapshotId = snapshotSheets(bundle.spreadsheetId, ids, attachmentName);
  } catch (e) {
    // Tried again at the first send, which logs it if it fails again.
    console.warn(`snapshot: ${errorText(e)}`);
  }
  return {
    subject,
    html,
    text,
    attachmentName,
    ...(snapshotId ? { snapshotId } : {}),
    ...(edition ? { edition } : {}),
    unattached: { text: linePatch(text, bare.text), html: linePatch(html, bare.html) },
    spreadsheetId: bundle.spreadsheetId,
    sheetId: bundle.sheetId,
    sheetIds: bundle.sheetIds ?? (bundle.sheetId !== null ? [bundle.sheetId] : []),
    senderName: T.senderName(settings.organisation),
  };
}

/**
 * The period's summary sheets as .xlsx (attachment.ts: a copy of them is exported, never the
 * master with its addresses and log): the message's snapshot when it has one, else a copy made
 * now and trashed; null (logged) when that fails.
 */
export function exportXlsx(msg: StoredMessage, label: string): GoogleAppsScript.Base.Blob | null {
  const ids = msg.sheetIds ?? (msg.sheetId !== null ? [msg.sheetId] : []);
  try {
    if (msg.snapshotId) return xlsxOf(msg.snapshotId, msg.attachmentName);
    return summaryXlsx(msg.spreadsheetId, ids, msg.attachmentName, (e) =>
      logLine(false, T.log.tempNotTrashed(label, T.tempSpreadsheetName(msg.attachmentName), logText(e))),
    );
  } catch (e) {
    logLine(false, T.log.attachmentFailed(label, logText(e)));
    return null;
  }
}

/**
 * The message with its snapshot: made now when render could not (or the message is of the
 * previous version), and saved, so that every later run attaches the same. Unchanged (logged)
 * when it cannot be made: this run sends without the .xlsx rather than the sheets as they are now.
 */
function ensureSnapshot(store: JsonStore, msg: StoredMessage, label: string): StoredMessage {
  if (msg.snapshotId) return msg;
  const ids = msg.sheetIds ?? (msg.sheetId !== null ? [msg.sheetId] : []);
  let snapshotId: string;
  try {
    snapshotId = snapshotSheets(msg.spreadsheetId, ids, msg.attachmentName);
  } catch (e) {
    logLine(false, T.log.attachmentFailed(label, logText(e)));
    return msg;
  }
  const next = { ...msg, snapshotId };
  try {
    save(store, { [K.message]: next });
  } catch (e) {
    dropSnapshot(next, label);
    throw e;
  }
  return next;
}

/** The message's snapshot to the trash (its job is done or replaced); best effort, logged. */
function dropSnapshot(msg: StoredMessage | null, label: string): void {
  if (!msg?.snapshotId) return;
  try {
    trashSpreadsheet(msg.snapshotId);
  } catch (e) {
    logLine(false, T.log.tempNotTrashed(label, T.tempSpreadsheetName(msg.attachmentName), logText(e)));
  }
}

/**
 * One variant of a rendering as the lines that differ from another (same number of lines: only
 * pointers differ), else whole; a small part of the store's 500 KB rather than a second report.
 */
type LinePatch = [number, string][] | string;

function linePatch(from: string, to: string): LinePatch {
  const a = from.split('\n');
  const b = to.split('\n');
  if (a.length !== b.length) return to;
  const out: [number, string][] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push([i, b[i]]);
  return out;
}

function applyPatch(from: string, patch: LinePatch): string {
  if (typeof patch === 'string') return patch;
  const lines = from.split('\n');
  for (const [i, line] of patch) lines[i] = line;
  return lines.join('\n');
}

/**
 * The message one batch gets: `marked` (they had the earlier copy) with the edition's subject,
 * first line and attachment name; without the .xlsx (`attached` false) with the pointers to it
 * saying so and, near the top, the note why.
 */
function compose(
  msg: StoredMessage,
  marked: boolean,
  attached: boolean,
): { subject: string; html: string; text: string; attachmentName: string } {
  let { html, text } = msg;
  if (!attached) {
    if (msg.unattached) {
      html = applyPatch(html, msg.unattached.html);
      text = applyPatch(text, msg.unattached.text);
    }
    ({ html, text } = withTopNote(html, text, T.noAttachmentNote, 'info'));
  }
  const edition = marked ? msg.edition : undefined;
  // First of all, above the other notes: the reader must not quote the earlier figures.
  if (edition) {
    ({ html, text } = withTopNote(html, text, edition.line, 'info'));
    html = withTitle(html, edition.subject);
  }
  return {
    subject: edition?.subject ?? msg.subject,
    html,
    text,
    attachmentName: edition?.attachmentName ?? msg.attachmentName,
  };
}

// ---------------------------------------------------------------- sending

function retryOrGiveUp(
  store: JsonStore,
  job: JobState,
  reason: { quota: number } | { error: string; log?: string; final?: true },
): RunOutcome {
  const attempts = job.attempts + 1;
  const left = job.pending.length;
  // A failure that trying again cannot cure: given up now, the admins told why and what to do.
  const final = 'final' in reason && reason.final ? reason.error : undefined;
  if (attempts > MAX_RETRIES || final) {
    const gaveUp: JobState = { ...job, attempts, owner: null, waitingUntil: null, gaveUp: true };
    if (final) gaveUp.gaveUpWhy = final;
    save(store, { [K.job]: gaveUp });
    idle(store);
    if (final) logLine(false, T.log.gaveUpNow(job.label, 'log' in reason ? (reason.log ?? final) : final, job.pending));
    else logLine(false, T.log.gaveUp(job.label, job.pending));
    // Told now, or (Gmail failing as the sends did) by one more run a day later, or sooner when
    // a send waiting for its deadline is due first (that run tells them too).
    if (!tellGaveUp(gaveUp)) rearm(store, NOTICE_RETRY_MS);
    return {
      status: 'gave-up',
      period: job.label,
      sent: job.sent,
      total: job.total,
      message: final ? T.gaveUpNow(job.label, job.sent, job.total, final) : T.log.gaveUp(job.label, job.pending),
    };
  }
  const delay = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1];
  scheduleResume(delay);
  save(store, { [K.job]: { ...job, attempts, owner: null, waitingUntil: nowMs() + delay } });
  const when = viDuration(delay);
  if ('quota' in reason) {
    logLine(false, T.log.quota(job.label, reason.quota, left, when, attempts, MAX_RETRIES));
    return {
      status: 'quota',
      period: job.label,
      sent: job.sent,
      total: job.total,
      message: T.sentPartQuota(job.label, job.sent, job.total, when),
    };
  }
  logLine(false, T.log.failed(job.label, reason.log ?? reason.error, left, when, attempts, MAX_RETRIES));
  return {
    status: 'failed',
    period: job.label,
    sent: job.sent,
    total: job.total,
    message: T.sentPartError(job.label, job.sent, job.total, reason.error, when),
  };
}

/**
 * Stop here and let the resume trigger carry on a minute later: near the time limit while sending
 * (`log`/`message` say how far it got), or while reading the units (readingContinues).
 */
function pause(
  store: JsonStore,
  job: JobState,
  log = T.log.timeout(job.label, job.sent, job.total),
  message = T.continuing(job.label, job.sent, job.total),
): RunOutcome {
  scheduleResume(RESUME_DELAY_MS);
  save(store, { [K.job]: { ...job, owner: null, waitingUntil: nowMs() + RESUME_DELAY_MS } });
  logLine(true, log);
  return { status: 'continuing', period: job.label, sent: job.sent, total: job.total, message };
}

/** Reading the units did not fit this run: what was read is staged; the next run reads the rest. */
function readingContinues(store: JsonStore, job: JobState, e: ReadContinues): RunOutcome {
  return pause(store, job, T.log.reading(job.label, e.done, e.total), T.reading(job.label, e.done, e.total));
}

function finish(store: JsonStore, job: JobState): RunOutcome {
  const msg = store.get<StoredMessage>(K.message);
  const record: SentRecord = {
    at: nowMs(),
    recipients: job.total,
    messages: job.messages,
    manual: job.manual,
    ...(job.beforeDeadline ? { beforeDeadline: true } : {}),
    // Those who had an earlier copy still have one: a later send marks them too.
    reached: [...new Set([...(job.replaces?.had ?? []), ...(job.reached ?? [])])],
  };
  save(store, {
    ...pruneSent(store, job.key),
    [K.sent(job.key)]: record,
    [K.job]: null,
    [K.message]: null,
    [K.startPending]: null,
  });
  dropSnapshot(msg, job.label);
  idle(store);
  logLine(
    true,
    T.log.sent(job.label, job.total, job.messages) + (job.beforeDeadline ? ` ${T.log.sentBeforeDeadline}` : ''),
  );
  return {
    status: 'sent',
    period: job.label,
    sent: job.total,
    total: job.total,
    message: T.sentAll(job.label, job.total),
  };
}

/**
 * A send succeeded but its result could not be saved, even after SAVE_RETRY_DELAYS_MS: the stored
 * job still has the batch in flight, so the next run counts it as reached (not sent twice). Said
 * in "Nhật ký"; the run stops, and the resume after its lease carries on (else the watchdog's).
 */
function progressNotSaved(job: JobState, batch: string[], e: unknown): RunOutcome {
  logLine(false, T.log.progressNotSaved(job.label, job.sent, job.total, batch, logText(e)));
  try {
    scheduleResume(Math.max(0, job.leaseUntil - nowMs()) + RESUME_DELAY_MS);
  } catch (again) {
    console.warn(`resume trigger: ${errorText(again)}`);
  }
  return {
    status: 'failed',
    period: job.label,
    sent: job.sent,
    total: job.total,
    message: T.progressNotSaved(job.label, job.sent, job.total),
  };
}

/**
 * A job whose last batch was sent (or being sent) when the run stopped before saving the result:
 * those recipients are counted as reached, not sent to again (a second copy of the same report is
 * worse than asking them); "Nhật ký" lists them.
 */
function settleInFlight(store: JsonStore, job: JobState): JobState {
  const batch = job.inFlight ?? [];
  if (!batch.length) return job;
  const flown = new Set(batch);
  const stillPending = job.pending.filter((a) => flown.has(a)).length;
  const settled: JobState = {
    ...landed(job),
    pending: job.pending.filter((a) => !flown.has(a)),
    reached: [...(job.reached ?? []), ...batch.map(addressKey)],
    sent: job.sent + stillPending,
    messages: job.messages + 1,
  };
  save(store, { [K.job]: settled });
  logLine(false, T.log.inFlightSettled(job.label, batch));
  return settled;
}

/** Carry a claimed job as far as this run's time allows. */
function work(store: JsonStore, claimed: JobState, budget: RunBudget): RunOutcome {
  let job = settleInFlight(store, claimed);
  let msg = store.get<StoredMessage>(K.message);

  if (job.stage === 'render' || !msg) {
    // No quota left: do not spend minutes aggregating a report that cannot go out yet.
    const quota = MailApp.getRemainingDailyQuota();
    if (quota <= 0) return retryOrGiveUp(store, job, { quota });
    try {
      msg = render(job);
    } catch (e) {
      // Many units: the read goes on in the next run (io/resume.ts), not a failed try.
      if (e instanceof ReadContinues && e.runs < MAX_READ_RUNS) return readingContinues(store, job, e);
      // A cell to fix, not a failed send: the admins are told which, and it is tried as settings are.
      if (e instanceof ConfigError) return configUnusable(store, job, e);
      // A person's "Tổng hợp" holds the lock: a busy moment, waited out, not a failed send.
      if (e instanceof BusyError) return lockHeld(store, job);
      return retryOrGiveUp(
        store,
        job,
        failure(e, (t) => T.aggregateFailed(job.label, t)),
      );
    }
    job = { ...job, stage: 'send', leaseUntil: nowMs() + LEASE_MS, configFailures: 0, lockWaits: 0 };
    save(store, { [K.message]: msg, [K.job]: job });
  }

  // Past the lock (claimed, the report made): a later busy spreadsheet is counted anew.
  if (job.lockWaits) job = { ...job, lockWaits: 0 };
  let attachment: GoogleAppsScript.Base.Blob | null | undefined;
  while (job.pending.length) {
    if (budget.exhausted()) return pause(store, job);
    const quota = MailApp.getRemainingDailyQuota();
    if (quota <= 0) return retryOrGiveUp(store, job, { quota });
    // Those who had the earlier copy and those who did not get different messages: a batch is of one kind.
    const had = job.replaces?.had ? new Set(job.replaces.had) : null;
    const marks = (a: string) => !!job.replaces && (had === null || had.has(addressKey(a)));
    const marked = marks(job.pending[0]);
    const batch = job.pending.filter((a) => marks(a) === marked).slice(0, Math.min(MAX_RECIPIENTS_PER_MESSAGE, quota));
    if (attachment === undefined && !job.withoutAttachment) msg = ensureSnapshot(store, msg, job.label);
    if (attachment === undefined)
      attachment = job.withoutAttachment || !msg.snapshotId ? null : exportXlsx(msg, job.label);
    const mail = compose(msg, marked, attachment !== null);
    attachment?.setName(mail.attachmentName);
    // Saved before the send (a failure here sends nothing): should its result not be saved, the
    // next run does not send this batch again (settleInFlight).
    job = { ...job, inFlight: batch, leaseUntil: nowMs() + LEASE_MS };
    save(store, { [K.job]: job });
    try {
      MailApp.sendEmail({
        to: batch.join(','),
        subject: mail.subject,
        body: mail.text,
        htmlBody: mail.html,
        name: msg.senderName,
        ...(attachment ? { attachments: [attachment] } : {}),
      });
    } catch (e) {
      // Not sent: the batch is pending again, not in flight.
      job = landed(job);
      const x = explainError(e);
      if (x.kind === 'mailTooLarge' && attachment && /Attachments/i.test(x.original)) {
        // The report itself fits: it goes once more without the file (the note says so), not given up.
        logLine(false, T.log.attachmentTooLarge(job.label, x.original));
        attachment = null;
        job = { ...job, withoutAttachment: true };
        save(store, { [K.job]: job });
        continue;
      }
      return retryOrGiveUp(store, job, x.kind === 'mailTooLarge' ? { ...failure(e), final: true } : failure(e));
    }
    const done = new Set(batch);
    job = {
      ...landed(job),
      pending: job.pending.filter((a) => !done.has(a)),
      reached: [...(job.reached ?? []), ...batch.map(addressKey)],
      sent: job.sent + batch.length,
      messages: job.messages + 1,
      attempts: 0,
      leaseUntil: nowMs() + LEASE_MS,
    };
    try {
      save(store, { [K.job]: job });
    } catch (e) {
      return progressNotSaved(job, batch, e);
    }
  }
  return finish(store, job);
}

/** `work`, with anything unexpected (a full property store, a service outage) logged and retried. */
function safeWork(store: JsonStore, claimed: JobState, budget: RunBudget): RunOutcome {
  try {
    return work(store, claimed, budget);
  } catch (e) {
    store.refresh();
    const job = store.get<JobState>(K.job) ?? claimed;
    try {
      return retryOrGiveUp(store, job, failure(e));
    } catch (again) {
      logLine(false, T.log.failed(job.label, logText(again), job.pending.length, '?', job.attempts + 1, MAX_RETRIES));
      throw e;
    }
  }
}

// ---------------------------------------------------------------- entry points

/**
 * The settings, or why they cannot be used. A wrong address among the report's recipients alone
 * does not stop the report: it is left out (`leftOut` names the cell and the address, said in
 * "Nhật ký" and to the admins or the person sending) and the others get the report.
 */
function loadSettings(): { settings: Settings; leftOut: string[] } | { outcome: RunOutcome } {
  const r = emailDeps.loadSettings();
  if (r.ok) return { settings: r.value, leftOut: [] };
  const lenient = lenientSettings();
  if (lenient) {
    logLine(false, T.log.recipientsLeftOut(lenient.leftOut));
    return lenient;
  }
  const message = T.settingsInvalid(r.errors);
  logLine(false, message);
  return { outcome: { status: 'invalid-settings', message } };
}

/** settings-store.ts readReportSettings, with the days off ("Ngày nghỉ") as the strict reading has them. */
function lenientSettings(): { settings: Settings; leftOut: string[] } | null {
  try {
    const read = readReportSettings();
    if (!read) return null;
    const withDaysOff = withHolidays(SpreadsheetApp.getActiveSpreadsheet(), { ok: true, value: read.settings });
    return withDaysOff.ok ? { settings: withDaysOff.value, leftOut: read.leftOut } : null;
  } catch (e) {
    console.warn(`settings: ${errorText(e)}`);
    return null;
  }
}

/** Recipients left out of a trigger's send: the admins are told (once per period, notice.ts). */
function tellLeftOut(settings: Settings, leftOut: string[]): void {
  if (!leftOut.length) return;
  const period = reportPeriod(settings);
  tellAdmins(`recipients.${formatPeriod(period)}`, T.recipientsLeftOutMail(periodLabel(period), leftOut), {
    senderName: T.senderName(settings.organisation),
  });
}

/**
 * Run the job without any UI (triggers). A failure before the claim (one passing "Service
 * Spreadsheets failed…" reading "Cài đặt", say) is tried again after START_PAUSE_MS, then by a
 * one-off trigger (startFailed); after the claim, safeWork has logged it and set the retry.
 */
export function runReportJob(mode: 'scheduled' | 'resume'): RunOutcome {
  const budget = new RunBudget();
  let claimed = false;
  const start = () =>
    startReportJob(mode, budget, () => {
      claimed = true;
    });
  try {
    return start();
  } catch (e) {
    if (claimed) throw e;
    if (!explainError(e).transient) return startFailed(mode, e);
    try {
      Utilities.sleep(START_PAUSE_MS);
      return start();
    } catch (again) {
      if (claimed) throw again;
      return startFailed(mode, again);
    }
  }
}

function startReportJob(mode: 'scheduled' | 'resume', budget: RunBudget, onClaim: () => void): RunOutcome {
  const store = new JsonStore();
  const loaded = loadSettings();
  if ('outcome' in loaded) return settingsUnusable(store, loaded.outcome);
  const cleared = [K.settingsFailed, K.startFailed].filter((k) => store.get<StartPending>(k) !== null);
  if (cleared.length) store.put(Object.fromEntries(cleared.map((k) => [k, null])));
  tellLeftOut(loaded.settings, loaded.leftOut);
  const run = runId();
  if (mode === 'resume') {
    clearResume();
    // The run after a give-up whose notice could not go: the notice once more (tellAdmins sends
    // it once per period), before a send that waited may take the job's place.
    const left = store.get<JobState>(K.job);
    if (left?.gaveUp) tellGaveUp(left);
  }
  const got = tryWithDocumentLock(() => claim(store, { mode, settings: loaded.settings, run }), EMAIL_LOCK_WAIT_MS);
  if (!got) return lockBusy(store, loaded.settings);
  if (got.value.kind === 'outcome') {
    const outcome = got.value.outcome;
    const job = mode === 'resume' ? store.get<JobState>(K.job) : null;
    // Another run holds the lease: alive, it replaces or clears this trigger when it stops; stopped
    // by Apps Script after extending its lease, the job is taken over once the lease runs out.
    if (job && outcome.status === 'skipped-busy')
      scheduleResume(Math.max(0, job.leaseUntil - nowMs()) + RESUME_DELAY_MS);
    // This run's trigger is spent: set again for what still waits (a retry, the next waiting send).
    else if (mode === 'resume') rearm(store);
    return outcome;
  }
  onClaim();
  watchdog();
  return safeWork(store, got.value.job, budget);
}

/**
 * A trigger run failed before it could claim anything, twice (runReportJob): "Nhật ký" says so,
 * and a one-off trigger tries again (START_RETRY_DELAYS_MS; a scheduled run's retry starts the
 * period's job, job.start, as after a busy lock; a resume's carries on what it was to). When no
 * more tries are left, or none can be set (PropertiesService or the triggers failing too), the
 * admins are told by e-mail: the monthly report was not made. Never throws.
 */
function startFailed(mode: 'scheduled' | 'resume', e: unknown): RunOutcome {
  const at = viDateTime(new Date(nowMs()));
  let retry: { when: string; attempt: number } | null = null;
  try {
    const store = new JsonStore();
    const attempt = (store.get<StartPending>(K.startFailed)?.attempts ?? 0) + 1;
    if (attempt <= START_RETRY_DELAYS_MS.length) {
      const delay = START_RETRY_DELAYS_MS[attempt - 1];
      const start =
        mode === 'scheduled' ? { [K.startPending]: store.get<StartPending>(K.startPending) ?? { attempts: 0 } } : {};
      store.put({ [K.startFailed]: { attempts: attempt }, ...start });
      scheduleResume(delay);
      retry = { when: viDuration(delay), attempt };
    } else {
      // Given up: the start waits no more; a job going on or a send waiting for its day keeps the trigger.
      store.put({ [K.startFailed]: null, [K.startPending]: null });
      rearm(store);
    }
  } catch (again) {
    console.warn(`start retry: ${errorText(again)}`);
  }
  if (retry) {
    logLine(false, T.log.startRetry(at, logText(e), retry.when, retry.attempt, START_RETRY_DELAYS_MS.length));
    return { status: 'failed', message: T.startRetry(at, userText(e), retry.when) };
  }
  logLine(false, T.log.startGaveUp(at, logText(e)));
  const mail = T.startFailedMail(at, userText(e));
  try {
    tellAdmins(`start.${todayIn(TIME_ZONE, new Date(nowMs())).slice(0, 7)}`, mail);
  } catch (again) {
    // The properties fail too (tellAdmins keeps its once-only mark there): told all the same.
    console.warn(`start notice: ${errorText(again)}`);
    tellAdminsUnguarded(mail);
  }
  return { status: 'failed', message: T.startGaveUp(at, userText(e)) };
}

/** The admins told the job was given up (once per period: notice.ts); false when the mail could not go. */
function tellGaveUp(job: JobState): boolean {
  // A job the previous version gave up for a busy lock (now waited out, never given up).
  if ((job.lockWaits ?? 0) > LOCK_RETRY_DELAYS_MS.length)
    return tellAdmins(`lock.${job.key}`, T.lockGaveUpMail(job.label, viDuration(LOCK_WAIT_TOTAL_MS)));
  const mail = job.gaveUpWhy
    ? T.gaveUpNowMail(job.label, job.pending, job.total, job.gaveUpWhy)
    : T.gaveUpMail(job.label, job.pending, job.total);
  return tellAdmins(`gave-up.${job.key}`, mail);
}

/** Schedule the resume that carries the job on if Apps Script stops this run (WATCHDOG_MS). */
function watchdog(): void {
  try {
    scheduleResume(WATCHDOG_MS);
  } catch (e) {
    // Too many triggers, say: the run goes on; only a run stopped at 6 minutes would miss it.
    console.warn(`watchdog trigger: ${errorText(e)}`);
  }
}

/**
 * The document lock held by another run (a long "Tổng hợp", which may chain several runs) for the
 * `attempts`-th time in a row, at the start (lockBusy) or as the job's "Tổng hợp" begins (lockHeld):
 * the wait before the next try (1, 5, 15, 60 minutes, then every 60), logged. Never given up: the
 * report still goes once the spreadsheet is free. After the fourth wait the admins are told once
 * (`tell`) that it keeps trying. A busy moment, not a failure: only that notice's line is one.
 */
function lockRetry(attempts: number, label: string, tell: (mail: { subject: string; body: string }) => void): number {
  const max = LOCK_RETRY_DELAYS_MS.length;
  const delay = LOCK_RETRY_DELAYS_MS[Math.min(attempts, max) - 1];
  if (attempts === max + 1) {
    logLine(false, T.log.lockStillBusy(label, viDuration(LOCK_WAIT_TOTAL_MS), viDuration(delay)));
    tell(T.lockBusyMail(label, viDuration(LOCK_WAIT_TOTAL_MS), viDuration(delay)));
  }
  logLine(true, T.log.lockBusyRetry(label, viDuration(delay), attempts, max));
  return delay;
}

/** The lock is held by something else when a trigger run starts: tried again later (lockRetry). */
function lockBusy(store: JsonStore, settings: Settings): RunOutcome {
  const pending = store.get<StartPending>(K.startPending);
  const period = reportPeriod(settings);
  const current = store.get<JobState>(K.job);
  // A job left from another period (given up, say) is not what this run was to send.
  const job = current && current.key === formatPeriod(period) ? current : null;
  // The same busy spreadsheet its "Tổng hợp" found (lockHeld) counts on.
  const before = Math.max(pending?.attempts ?? 0, job && !job.gaveUp ? (job.lockWaits ?? 0) : 0);
  const attempts = before + 1;
  const label = job?.label ?? periodLabel(period);
  const delay = lockRetry(attempts, label, (mail) =>
    tellAdmins(`lock.${formatPeriod(period)}`, mail, {
      fallback: settings.recipients,
      senderName: T.senderName(settings.organisation),
    }),
  );
  store.put({ [K.startPending]: { attempts } });
  scheduleResume(delay);
  return { status: 'lock-busy', message: T.busy };
}

/**
 * The claimed job's "Tổng hợp" found the lock held by another run (a person's "Tổng hợp" begun
 * between the claim and it): the job waits as at the start (lockRetry, one count with it), its
 * failed tries untouched.
 */
function lockHeld(store: JsonStore, job: JobState): RunOutcome {
  const lockWaits = (job.lockWaits ?? 0) + 1;
  const delay = lockRetry(lockWaits, job.label, (mail) => tellAdmins(`lock.${job.key}`, mail));
  scheduleResume(delay);
  save(store, { [K.job]: { ...job, lockWaits, owner: null, waitingUntil: nowMs() + delay } });
  return {
    status: 'lock-busy',
    period: job.label,
    sent: job.sent,
    total: job.total,
    message: T.busyRetry(job.label, viDuration(delay)),
  };
}

/**
 * A trigger run found the settings unusable (a mistyped address typed in "Cài đặt", say): logged,
 * the admins told once a month, and tried again later (SETTINGS_RETRY_DELAYS_MS) so that fixing
 * them is enough; a job waiting to be resumed waits on.
 */
function settingsUnusable(store: JsonStore, outcome: RunOutcome): RunOutcome {
  const failed = store.get<StartPending>(K.settingsFailed);
  const attempts = (failed?.attempts ?? 0) + 1;
  const month = todayIn(TIME_ZONE, new Date(nowMs())).slice(0, 7);
  tellAdmins(`settings.${month}`, T.settingsInvalidMail(outcome.message));
  if (attempts > SETTINGS_RETRY_DELAYS_MS.length) {
    store.put({ [K.settingsFailed]: null });
    return outcome;
  }
  const delay = SETTINGS_RETRY_DELAYS_MS[attempts - 1];
  // The retry starts this period's job when no job of it goes on (the resume claim tells).
  store.put({
    [K.settingsFailed]: { attempts },
    [K.startPending]: store.get<StartPending>(K.startPending) ?? { attempts: 0 },
  });
  scheduleResume(delay);
  logLine(false, T.log.settingsRetry(viDuration(delay)));
  return outcome;
}

/**
 * "Tổng hợp" found the configuration unusable ("Đơn vị" F2 with a merge date and G2 empty, say):
 * as settingsUnusable, not a sending error. The admins are told at once which cells to fix (once
 * per period, and not for a person's own "Gửi báo cáo ngay", who sees it), and the job is tried
 * again on the settings schedule (SETTINGS_RETRY_DELAYS_MS) so that fixing the cells is enough.
 * After that it waits for "Gửi báo cáo ngay", as a job given up does.
 */
function configUnusable(store: JsonStore, job: JobState, e: ConfigError): RunOutcome {
  const failures = (job.configFailures ?? 0) + 1;
  const problems = e.problems;
  const base = { period: job.label, sent: job.sent, total: job.total };
  if (failures > SETTINGS_RETRY_DELAYS_MS.length) {
    store.put({ [K.job]: { ...job, configFailures: failures, owner: null, waitingUntil: null, gaveUp: true } });
    idle(store);
    const message = T.configGaveUp(job.label, problems);
    logLine(false, message);
    return { status: 'invalid-config', ...base, message };
  }
  const delay = SETTINGS_RETRY_DELAYS_MS[failures - 1];
  const when = viDuration(delay);
  scheduleResume(delay);
  store.put({ [K.job]: { ...job, configFailures: failures, owner: null, waitingUntil: nowMs() + delay } });
  logLine(false, T.log.configRetry(job.label, problems, when, failures, SETTINGS_RETRY_DELAYS_MS.length));
  if (!job.manual) tellAdmins(`config.${job.key}`, T.configInvalidMail(job.label, problems, when));
  return { status: 'invalid-config', ...base, message: T.configInvalid(job.label, problems, when) };
}

/** What a person sees before a manual send: ask about resends and half-sent jobs. */
export interface Confirm {
  /** Returns true for YES. */
  ask(title: string, prompt: string): boolean;
  tell(message: string): void;
}

/**
 * How many units have submitted `period` so far, for the question before an early manual send;
 * null when it cannot be read (the question is asked without it).
 */
function reportedSoFar(period: Period): { reported: number; expected: number } | null {
  try {
    const status = emailDeps.submissions(period);
    // Units the Sheets API failed were read the slower way: why, for whoever wonders (as "Tổng hợp", the reminders).
    for (const note of status.logNotes ?? []) logLine(true, note);
    const c = status.completeness;
    return { reported: c.reported, expected: c.expected };
  } catch (e) {
    console.warn(`submissions: ${errorText(e)}`);
    return null;
  }
}

/**
 * "Gửi báo cáo ngay": same job, but asks before sending a period again, and before its deadline
 * (such a send is recorded as `beforeDeadline` and does not replace the scheduled send).
 * A failure before the claim (a passing Sheets or PropertiesService error) is told to the person at
 * once, in Vietnamese, with nothing sent and nothing scheduled: they are there to click again, and a
 * send that went by itself later, unseen, would surprise them (the trigger's retries are for no one
 * watching). After the claim, safeWork logs a failure and sets its retry as for the trigger.
 */
export function runManual(ui: Confirm): RunOutcome {
  let claimed = false;
  try {
    return manualSend(ui, () => {
      claimed = true;
    });
  } catch (e) {
    if (claimed) throw e;
    logLine(false, T.log.manualStartFailed(logText(e)));
    const message = T.manualStartFailed(userText(e));
    ui.tell(message);
    return { status: 'failed', message };
  }
}

function manualSend(ui: Confirm, onClaim: () => void): RunOutcome {
  const budget = new RunBudget();
  const store = new JsonStore();
  const loaded = loadSettings();
  if ('outcome' in loaded) {
    ui.tell(loaded.outcome.message);
    return loaded.outcome;
  }
  const { settings } = loaded;
  const period = reportPeriod(settings);
  const key = formatPeriod(period);
  const label = periodLabel(period);

  // Questions are asked outside the lock (a person may take minutes to answer); the claim re-checks.
  let resend = false;
  let continueWaiting = false;
  const job = store.get<JobState>(K.job);
  if (job && job.key === key) {
    if (leaseActive(job)) {
      const outcome: RunOutcome = { status: 'skipped-busy', period: label, message: T.inProgress(label) };
      ui.tell(outcome.message);
      return outcome;
    }
    continueWaiting = ui.ask(T.pendingTitle, T.pending(label, job.pending.length, job.total));
    if (!continueWaiting) return { status: 'cancelled', period: label, message: '' };
  } else {
    const due = deadlineAhead(period, settings);
    if (due !== null && !ui.ask(T.beforeDeadlineTitle, T.beforeDeadline(label, viDate(due), reportedSoFar(period)))) {
      const outcome: RunOutcome = { status: 'cancelled', period: label, message: T.beforeDeadlineCancelled(label) };
      ui.tell(outcome.message);
      return outcome;
    }
    const sent = store.get<SentRecord>(K.sent(key));
    if (sent) {
      resend = ui.ask(T.alreadySentTitle, T.alreadySent(label, viDateTime(new Date(sent.at)), sent.recipients));
      if (!resend) {
        const outcome: RunOutcome = { status: 'cancelled', period: label, message: T.resendCancelled(label) };
        ui.tell(outcome.message);
        return outcome;
      }
    }
  }

  const run = runId();
  const got = tryWithDocumentLock(
    () => claim(store, { mode: 'manual', settings, run, resend, continueWaiting }),
    EMAIL_LOCK_WAIT_MS,
  );
  if (!got) {
    ui.tell(T.busy);
    return { status: 'lock-busy', message: T.busy };
  }
  if (got.value.kind === 'outcome') {
    const o = got.value.outcome;
    if (o.message) ui.tell(o.message);
    return o;
  }
  onClaim();
  if (continueWaiting) clearResume();
  watchdog();
  const outcome = safeWork(store, got.value.job, budget);
  // The person sending is told which address was left out (no mail to the admins: they see it).
  const leftOut = loaded.leftOut.length ? `\n\n${T.recipientsLeftOut(loaded.leftOut)}` : '';
  ui.tell(outcome.message + leftOut);
  return outcome;
}
