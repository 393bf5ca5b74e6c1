/**
 * The monthly report stopped and no run will try again by itself (retries used up, settings that
 * cannot be used), or it is held up for long (the document lock busy for over an hour): a row in
 * "Nhật ký" alone would be found a month later. The district admins (else the report's recipients, else the trigger's owner) get
 * one e-mail per period and reason. Best effort: a notice that cannot go is logged, never thrown.
 */
import { NOTICE_TEXT as T } from '../../messages/vi/email';
import { nowMs } from '../clock';
import { logText } from '../errors';
import { tryWithDocumentLock } from '../lock';
import * as emailDeps from './deps';
import { JsonStore } from './store';

/** Google's limit of recipients per message (job.ts MAX_RECIPIENTS_PER_MESSAGE). */
const MAX_TO = 50;
const LOCK_WAIT_MS = 20 * 1000;
const PREFIX = 'notice.';
const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

function owner(): string {
  try {
    return Session.getEffectiveUser().getEmail() || '';
  } catch {
    return '';
  }
}

/** Who is told: the admins, else `fallback` (the report's recipients), else the trigger's owner. */
function noticeRecipients(fallback: string[]): string[] {
  const pick = (list: string[]) => [...new Set(list.map((e) => String(e).trim()).filter((e) => EMAIL.test(e)))];
  for (const list of [emailDeps.admins(), fallback, [owner()]]) {
    const to = pick(list);
    if (to.length) return to.slice(0, MAX_TO);
  }
  return [];
}

/**
 * Tell the admins once for `key` (e.g. "gave-up.2018-09"): claimed in document properties under the
 * lock, so two runs never both send it; released again when the mail could not go.
 */
export function tellAdmins(
  key: string,
  notice: { subject: string; body: string },
  opts: { fallback?: string[]; senderName?: string; log?: (ok: boolean, detail: string) => void } = {},
): boolean {
  // "Nhật ký" files the notice under the action it is about (a "Tổng hợp" gives its own).
  const log = opts.log ?? ((ok: boolean, detail: string) => emailDeps.log(T.action, ok, detail));
  const to = noticeRecipients(opts.fallback ?? []);
  if (!to.length) return false;
  const store = new JsonStore();
  const k = `${PREFIX}${key}`;
  const claim = () => {
    store.refresh();
    if (store.get<number>(k) !== null) return false;
    // The same notice of other periods is not needed any more: the property store stays small.
    const kind = `${PREFIX}${key.slice(0, key.indexOf('.') + 1)}`;
    const stale: Record<string, null> = {};
    for (const old of store.keys(kind)) if (old !== k) stale[old] = null;
    store.put({ ...stale, [k]: nowMs() });
    return true;
  };
  // The lock may be what is busy (the reason for the notice): claimed without it then, at worst
  // a second notice.
  const locked = tryWithDocumentLock(claim, LOCK_WAIT_MS);
  if (!(locked ? locked.value : claim())) return false;
  try {
    if (MailApp.getRemainingDailyQuota() < 1) throw new Error(T.noticeQuota);
    MailApp.sendEmail({
      to: to.join(','),
      subject: notice.subject,
      body: notice.body,
      ...(opts.senderName ? { name: opts.senderName } : {}),
    });
    log(true, T.noticeSent(to));
    return true;
  } catch (e) {
    // Not sent: a later run may try again.
    store.put({ [k]: null });
    log(false, T.noticeNotSent(logText(e)));
    return false;
  }
}

/**
 * Tell the admins without the once-only claim: for when the document properties themselves cannot
 * be read or written (tellAdmins throws then), and no run will try again to say it. Never throws.
 */
export function tellAdminsUnguarded(notice: { subject: string; body: string }): boolean {
  try {
    const to = noticeRecipients([]);
    if (!to.length || MailApp.getRemainingDailyQuota() < 1) return false;
    MailApp.sendEmail({ to: to.join(','), subject: notice.subject, body: notice.body });
    emailDeps.log(T.action, true, T.noticeSent(to));
    return true;
  } catch (e) {
    emailDeps.log(T.action, false, T.noticeNotSent(logText(e)));
    return false;
  }
}
