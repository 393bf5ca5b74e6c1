/**
 * Reminders ("đôn đốc"): on the working days from `reminderDaysBefore` working days before the
 * deadline until the deadline day (never on a weekend or a listed day off), each unit that has not
 * submitted the period gets one e-mail a day at its staff addresses (units sheet), naming the
 * period, the deadline and a link to its sheet.
 * After the deadline nobody is reminded: the monthly report lists late and missing units.
 *
 * At most once per period per unit per day: the units reminded today are recorded under
 * `remind.<period>.<date>` in document properties, claimed under the lock before sending
 * (a unit whose send then fails is released again, so a later run the same day retries it).
 */

import {
  deadline,
  isoAddDays,
  isoAddWorkingDays,
  isWorkingDay,
  lastClosedPeriod,
  todayIn,
} from '../../engine/periods/cutoff';
import { formatPeriod, periodLabel } from '../../engine/periods/period';
import { escapeHtml, safeHttpUrl } from '../../engine/report/escape';
import { distinctDisplayName } from '../../engine/sheet/layout';
import type { Period, Settings, Unit } from '../../engine/types';
import { REMINDER_TEXT as T, viDate } from '../../messages/vi/email';
import { nowMs, RunBudget } from '../clock';
import { logText } from '../errors';
import { tryWithDocumentLock } from '../lock';
import * as emailDeps from './deps';
import { EMAIL_LOCK_WAIT_MS, MAX_RECIPIENTS_PER_MESSAGE } from './job';
import { JsonStore } from './store';
import { TIME_ZONE } from './triggers';

export interface ReminderOutcome {
  /** 'no-sheets': no unit has a sheet of the period's year yet (before "Tạo mẫu"), nobody reminded. */
  /** 'failed': an unexpected error stopped the run (said in "Nhật ký"). */
  status: 'off' | 'not-due' | 'sent' | 'nothing' | 'lock-busy' | 'invalid-settings' | 'no-sheets' | 'failed';
  period?: string;
  /** Unit codes reminded by this run. */
  reminded: string[];
  /** Units skipped because already reminded today. */
  already: string[];
  noEmail: string[];
  /** Units not reminded because every staff address of theirs in "Đơn vị" is wrong (the admins are told). */
  badEmail?: string[];
  /** Units not reached (quota, error, time): released for a later run. */
  notSent: string[];
}

const DAY_MS = 86_400_000;

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS);
}

/**
 * The period whose deadline is coming, if today is one of its reminder days: the working days
 * (cutoff.ts isWorkingDay: no weekend, no listed day off) from `reminderDaysBefore` working days
 * before the deadline up to the deadline, counted as the deadline itself is. A deadline on a day
 * off (counted in calendar days) has its last reminder on the working day before it.
 */
export function reminderDay(todayIso: string, settings: Settings): { period: Period; deadline: string } | null {
  const period = lastClosedPeriod(todayIso, 'month', settings);
  const due = deadline(period, settings);
  if (todayIso > due) return null;
  if (!isWorkingDay(todayIso, settings.holidays)) return null;
  const back = Math.max(settings.reminderDaysBefore, isWorkingDay(due, settings.holidays) ? 0 : 1);
  if (todayIso < isoAddWorkingDays(due, -back, settings.holidays)) return null;
  return { period, deadline: due };
}

/** Document property: per period, the units reminded on any day of it (those not in it go first). */
const REMINDED_PREFIX = 'reminded.';

/** The next day after `todayIso` that is a reminder day of `period`; null when none is left before its deadline. */
export function nextReminderDay(todayIso: string, settings: Settings, period: Period): string | null {
  const due = deadline(period, settings);
  for (let d = isoAddDays(todayIso, 1); d <= due; d = isoAddDays(d, 1)) {
    const day = reminderDay(d, settings);
    if (day && formatPeriod(day.period) === formatPeriod(period)) return d;
  }
  return null;
}

function log(ok: boolean, detail: string): void {
  try {
    console.log(detail);
  } catch {
    // ignore
  }
  try {
    emailDeps.log(T.log.remindAction, ok, detail);
  } catch {
    // the log must never stop reminders
  }
}

/** The reminder e-mail to `unit`; `units`: the list, to name a unit another of it shares the name of. */
export function reminderMessage(
  unit: Unit,
  units: readonly Unit[],
  period: Period,
  due: string,
  todayIso: string,
  settings: Settings,
  sheetUrl: string | null,
): { subject: string; body: string; htmlBody: string } {
  const label = periodLabel(period);
  const deadlineText = viDate(due);
  const daysLeft = daysBetween(todayIso, due);
  const R = T.mail;
  const url = safeHttpUrl(sheetUrl);
  const title = distinctDisplayName(unit, units);
  const lines = [
    R.greeting(title),
    '',
    R.body(label, deadlineText, daysLeft),
    R.howTo,
    ...(url ? ['', R.linkLabel, url] : []),
    '',
    R.signature(settings.organisation),
    '',
    R.automatic,
  ];
  const p = (s: string) => `<p style="margin:0 0 12px">${escapeHtml(s).replace(/\n/g, '<br>')}</p>`;
  const html = [
    '<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222">',
    p(R.greeting(title)),
    p(R.body(label, deadlineText, daysLeft)),
    p(R.howTo),
    url
      ? `<p style="margin:0 0 12px">${escapeHtml(R.linkLabel)} <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`
      : '',
    p(R.signature(settings.organisation)),
    `<p style="margin:0;color:#777;font-size:12px">${escapeHtml(R.automatic)}</p>`,
    '</div>',
  ].join('');
  return { subject: R.subject(label, deadlineText), body: lines.join('\n'), htmlBody: html };
}

function cleanEmails(list: string[]): string[] {
  const seen = new Set<string>();
  return list.map((e) => String(e).trim()).filter((e) => e && !seen.has(e.toLowerCase()) && seen.add(e.toLowerCase()));
}

/**
 * The daily reminder run (trigger `sendReminders`). Never throws: anything unexpected is said in
 * "Nhật ký" in Vietnamese (not only in Google's English trigger-failure e-mail to its owner).
 */
export function runReminders(): ReminderOutcome {
  try {
    return remind();
  } catch (e) {
    log(false, T.log.remindCrashed(logText(e)));
    return { status: 'failed', reminded: [], already: [], noEmail: [], notSent: [] };
  }
}

function remind(): ReminderOutcome {
  const budget = new RunBudget();
  const empty = { reminded: [], already: [], noEmail: [], notSent: [] };
  // A wrong report recipient in "Cài đặt" does not stop the reminders: they do not write to them.
  const loaded = emailDeps.reminderSettings();
  if (!loaded.ok) {
    log(false, T.settingsInvalid(loaded.errors));
    return { status: 'invalid-settings', ...empty };
  }
  const settings = loaded.value;
  if (!settings.reminders) return { status: 'off', ...empty };
  const today = todayIn(settings.timeZone || TIME_ZONE, new Date(nowMs()));
  const day = reminderDay(today, settings);
  if (!day) return { status: 'not-due', ...empty };
  const { period, deadline: due } = day;
  const label = periodLabel(period);
  const key = `remind.${formatPeriod(period)}.${today}`;
  const periodKey = `${REMINDED_PREFIX}${formatPeriod(period)}`;

  const status = emailDeps.submissions(period);
  if (status.noYearSheet) {
    noYearSheets(period, due, settings, status.admins ?? []);
    return { status: 'no-sheets', period: label, ...empty };
  }
  // Units the Sheets API failed were read the slower way: why, for whoever wonders (not an error).
  for (const note of status.logNotes ?? []) log(true, note);
  const byCode = new Map(status.units.map((u) => [u.code, u]));
  // "Xã Chung Chải", with its code when another unit has the name ("Xã Chung Chải (chung-chai-np)").
  const unitTitle = (code: string) => distinctDisplayName(byCode.get(code) ?? codeUnit(code), status.units);
  // Units the run had no time to read: nothing is known of them, so they are not reminded today.
  if (status.unread?.length)
    log(
      false,
      T.log.remindUnread(
        label,
        status.unread.map((c) => unitTitle(c)),
      ),
    );
  // Not submitted: nothing at all, or figures typed without "Nộp báo cáo" (no date: missing before the
  // deadline given the run's date, late after it).
  const missing = status.completeness.rows
    .filter((r) => r.status === 'missing' || (r.status === 'late' && r.submittedOn === null))
    .map((r) => r.unitCode);

  // Wrong staff addresses in "Đơn vị" are left out (addon-deps): said, the admins told, the rest reminded.
  const badEmails = status.badEmails ?? [];
  const badCodes = new Set(badEmails.map((b) => b.code));
  const badEmail: string[] = [];

  const store = new JsonStore();
  const noEmail: string[] = [];
  const claimed = tryWithDocumentLock(() => {
    store.refresh();
    const done = store.get<string[]>(key) ?? [];
    const already = missing.filter((c) => done.includes(c));
    // Units not yet reminded this period first: when the quota or the time runs out, the same units
    // (first in order) are not reminded every day while the last ones never are.
    const before = new Set(store.get<string[]>(periodKey) ?? []);
    const order = [...missing.filter((c) => !before.has(c)), ...missing.filter((c) => before.has(c))];
    const todo: string[] = [];
    for (const code of order) {
      if (done.includes(code)) continue;
      const unit = byCode.get(code);
      if (!unit || !cleanEmails(unit.emails).length) {
        (badCodes.has(code) ? badEmail : noEmail).push(code);
        continue;
      }
      todo.push(code);
    }
    // Only today's key of this period is kept; older reminder days are dropped.
    const stale: Record<string, null> = {};
    for (const k of store.keys('remind.')) if (k !== key) stale[k] = null;
    if (todo.length || Object.keys(stale).length) store.put({ ...stale, [key]: [...done, ...todo] });
    return { todo, already };
  }, EMAIL_LOCK_WAIT_MS);
  if (!claimed) {
    log(false, T.log.lockBusy);
    return { status: 'lock-busy', period: label, ...empty };
  }
  const { todo, already } = claimed.value;
  if (badEmails.length) {
    const names = badEmail.map((c) => unitTitle(c));
    log(
      false,
      T.log.remindBadEmails(
        label,
        badEmails.map((b) => b.message),
      ),
    );
    if (names.length) log(false, T.log.remindBadEmailSkipped(label, names));
    tellBadEmails(
      period,
      settings,
      status.admins ?? [],
      badEmails.map((b) => b.message),
      names,
    );
  }
  if (noEmail.length)
    log(
      false,
      T.log.remindNoEmail(
        label,
        noEmail.map((c) => unitTitle(c)),
      ),
    );

  const reminded: string[] = [];
  const notSent: string[] = [];
  // Sends Google refused, each logged with its error: not "out of time" in the summary line.
  const failed: string[] = [];
  let quotaShort = false;
  for (const code of todo) {
    const unit = byCode.get(code) as Unit;
    const to = cleanEmails(unit.emails);
    if (quotaShort || budget.exhausted()) {
      notSent.push(code);
      continue;
    }
    if (MailApp.getRemainingDailyQuota() < to.length) {
      quotaShort = true;
      notSent.push(code);
      continue;
    }
    const msg = reminderMessage(unit, status.units, period, due, today, settings, status.sheetUrls[code] ?? null);
    try {
      for (let i = 0; i < to.length; i += MAX_RECIPIENTS_PER_MESSAGE) {
        MailApp.sendEmail({
          to: to.slice(i, i + MAX_RECIPIENTS_PER_MESSAGE).join(','),
          subject: msg.subject,
          body: msg.body,
          htmlBody: msg.htmlBody,
          name: settings.organisation,
        });
      }
      reminded.push(code);
    } catch (e) {
      notSent.push(code);
      failed.push(code);
      log(false, T.log.remindFailed(label, unitTitle(code), logText(e)));
    }
  }

  if (notSent.length || reminded.length)
    tryWithDocumentLock(() => {
      store.refresh();
      const patch: Record<string, unknown> = {};
      // Release the units not reached so that a later run today can remind them.
      if (notSent.length) patch[key] = (store.get<string[]>(key) ?? []).filter((c) => !notSent.includes(c));
      // Who was reminded this period (any day): the others go first on the next reminder day.
      if (reminded.length) {
        const before = store.get<string[]>(periodKey) ?? [];
        patch[periodKey] = [...before, ...reminded.filter((c) => !before.includes(c))];
        for (const k of store.keys(REMINDED_PREFIX)) if (k !== periodKey) patch[k] = null;
      }
      store.put(patch);
    }, EMAIL_LOCK_WAIT_MS);
  if (notSent.length) {
    // No run is scheduled today: said truthfully when they will be reminded (first, the next reminder day).
    const next = nextReminderDay(today, settings, period);
    const when = next ? T.log.remindNextDay(viDate(next)) : T.log.remindNoMoreDays;
    const names = (codes: string[]) => codes.map((c) => unitTitle(c));
    const unreached = notSent.filter((c) => !failed.includes(c));
    if (failed.length) log(false, `${T.log.remindFailedUnits(label, names(failed))} ${when}`);
    if (unreached.length)
      log(
        false,
        `${quotaShort ? T.log.remindQuota(label, names(unreached)) : T.log.remindLater(label, names(unreached))} ${when}`,
      );
  }
  if (reminded.length)
    log(
      true,
      T.log.reminded(
        label,
        reminded.map((c) => unitTitle(c)),
      ),
    );
  return {
    status: reminded.length ? 'sent' : 'nothing',
    period: label,
    reminded,
    already,
    noEmail,
    badEmail,
    notSent,
  };
}

/** Document property: the period whose missing year sheets were told by e-mail (once per period). */
const TOLD_PREFIX = 'nosheets.';

/**
 * No unit has a sheet of the period's year (January before "Tạo mẫu"): a reminder would ask every
 * clerk to type into a sheet that does not exist. Nobody is reminded; "Nhật ký" says why, and the
 * district admins (else the report's recipients) get one e-mail for the period saying what to do.
 */
function noYearSheets(period: Period, due: string, settings: Settings, admins: string[]): void {
  const label = periodLabel(period);
  log(false, T.log.noYearSheets(label, period.year));
  const M = T.noYearSheetsMail;
  tellAdminsOnce<number>(period, settings, admins, {
    prefix: TOLD_PREFIX,
    next: (before) => (before !== null ? null : nowMs()),
    subject: M.subject(period.year, label),
    body: M.body(period.year, label, viDate(due), settings.organisation),
    told: (to) => T.log.noYearSheetsTold(label, to),
    notTold: (why) => T.log.noYearSheetsNotTold(label, why),
  });
}

/** Document property: per period, the wrong-address messages the admins were told of (each once). */
const BAD_EMAILS_PREFIX = 'bademails.';

/**
 * Wrong staff addresses in "Đơn vị": the district admins (else the report's recipients) get one
 * e-mail per period naming the cells, again only when a new mistake appears. Quota or a failed send:
 * released, so that a later run tells them.
 */
function tellBadEmails(
  period: Period,
  settings: Settings,
  admins: string[],
  problems: string[],
  skipped: string[],
): void {
  const label = periodLabel(period);
  const M = T.badEmailsMail;
  tellAdminsOnce<string[]>(period, settings, admins, {
    prefix: BAD_EMAILS_PREFIX,
    next: (before) => {
      const told = before ?? [];
      return problems.every((p) => told.includes(p)) ? null : [...told, ...problems.filter((p) => !told.includes(p))];
    },
    subject: M.subject(label),
    body: M.body(label, problems, skipped, settings.organisation),
    told: (to) => T.log.badEmailsTold(label, to),
    notTold: (why) => T.log.badEmailsNotTold(label, why),
  });
}

/**
 * One e-mail to the district admins (else the report's recipients) about `period`, under the
 * document property `prefix` + period: sent when `next` (from what that property holds) gives what
 * it is to hold, not when it gives null (told already). Other periods' properties are dropped. Quota
 * or a failed send: the property is put back as it was, so that a later run tells them.
 */
function tellAdminsOnce<S>(
  period: Period,
  settings: Settings,
  admins: string[],
  mail: {
    prefix: string;
    next: (before: S | null) => S | null;
    subject: string;
    body: string;
    told: (to: string[]) => string;
    notTold: (why: string) => string;
  },
): void {
  const to = cleanEmails(admins.length ? admins : settings.recipients);
  if (!to.length) return;
  const store = new JsonStore();
  const key = `${mail.prefix}${formatPeriod(period)}`;
  const claimed = tryWithDocumentLock(() => {
    store.refresh();
    const before = store.get<S>(key);
    const next = mail.next(before);
    if (next === null) return null;
    const stale: Record<string, null> = {};
    for (const k of store.keys(mail.prefix)) if (k !== key) stale[k] = null;
    store.put({ ...stale, [key]: next });
    return { before };
  }, EMAIL_LOCK_WAIT_MS);
  const before = claimed?.value;
  if (!before) return;
  const release = () =>
    tryWithDocumentLock(() => {
      store.refresh();
      store.put({ [key]: before.before });
    }, EMAIL_LOCK_WAIT_MS);
  const sendTo = to.slice(0, MAX_RECIPIENTS_PER_MESSAGE);
  if (MailApp.getRemainingDailyQuota() < sendTo.length) {
    release();
    log(false, mail.notTold(T.log.mailQuota));
    return;
  }
  try {
    MailApp.sendEmail({ to: sendTo.join(','), subject: mail.subject, body: mail.body, name: settings.organisation });
    log(true, mail.told(sendTo));
  } catch (e) {
    release();
    log(false, mail.notTold(logText(e)));
  }
}

function codeUnit(code: string): Unit {
  return { code, name: code, kind: '', emails: [] };
}
