/**
 * Time-driven triggers of the e-mail feature.
 *
 * - `monthlyReportJob`: exactly one, `onMonthDay(sendDay).atHour(sendHour)` in Vietnam time.
 * - `sendReminders`: one daily trigger at sendHour while reminders are on.
 * - `resumeReportJob`: at most one one-off trigger (resume after a time-out, retry after a failure).
 *
 * Apps Script cannot tell a trigger's day or hour, so what was installed is recorded in document
 * properties; enabling again with the same settings changes nothing, with other settings it
 * replaces the trigger. Apps Script allows 20 triggers per user per script: we never keep more
 * than three.
 *
 * Triggers belong to the user who created them: `ScriptApp.getProjectTriggers()` lists only the
 * caller's, and nobody else can change or delete them (only their owner, from "Tắt gửi…" or the
 * project's Triggers page). So the owner recorded in `triggers` is read: another admin's "Bật" does
 * not add a second schedule beside the owner's (`installTriggers` returns `ownedBy` instead), and
 * their "Tắt" does not claim the owner's schedule is off (`removeTriggers` returns `ownedBy`).
 */
import type { Settings } from '../../engine/types';
import { JsonStore } from './store';

export const MONTHLY_HANDLER = 'monthlyReportJob';
export const RESUME_HANDLER = 'resumeReportJob';
export const REMINDER_HANDLER = 'sendReminders';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const CONFIG_KEY = 'triggers';

export interface TriggerConfig {
  monthly: { id: string; day: number; hour: number } | null;
  reminders: { id: string; hour: number } | null;
  /** Who turned it on (triggers belong to a user; other users cannot see or delete them). */
  owner: string;
}

function projectTriggers(handler: string): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === handler);
}

function deleteAll(triggers: GoogleAppsScript.Script.Trigger[]): number {
  for (const t of triggers) ScriptApp.deleteTrigger(t);
  return triggers.length;
}

function currentUser(): string {
  try {
    return Session.getEffectiveUser().getEmail() || '';
  } catch {
    return '';
  }
}

export function readTriggerConfig(store = new JsonStore()): TriggerConfig | null {
  return store.get<TriggerConfig>(CONFIG_KEY);
}

export interface InstallResult {
  /** True when a trigger was created or deleted. */
  changed: boolean;
  config: TriggerConfig;
  /**
   * Set when the schedule belongs to another user (their e-mail): nothing was installed, and
   * `config` is theirs (day and hour as they set them).
   */
  ownedBy?: string;
}

function sameUser(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The recorded schedule when it is on and belongs to another user than the caller, else null.
 * An owner or caller that cannot be told (no e-mail) counts as the caller: as before owners were kept.
 */
export function scheduleOfOther(store = new JsonStore()): TriggerConfig | null {
  const cfg = readTriggerConfig(store);
  if (!cfg?.monthly || !cfg.owner) return null;
  const me = currentUser();
  return me && !sameUser(cfg.owner, me) ? cfg : null;
}

/**
 * The recorded schedule when whoever set it is no longer an editor of `ss` (access removed, account
 * deleted): its triggers run as that user (Apps Script), so the monthly report fails or stops without
 * a word, and nothing in their own run can say so; the sidebar and "Kiểm tra" do. Only what Apps
 * Script shows: the users named as editors and the owner. Access through a group or a shared drive
 * is not listed, so nothing is said unless the caller sees themselves in the list. Null when not
 * known (a list that cannot be read). Never throws.
 */
export function scheduleOwnerGone(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  store = new JsonStore(),
): TriggerConfig | null {
  try {
    const cfg = readTriggerConfig(store);
    if (!cfg?.monthly || !cfg.owner) return null;
    const owner = ss.getOwner();
    const listed = [...ss.getEditors(), ...(owner ? [owner] : [])].map((u) => String(u.getEmail()));
    const has = (email: string) => listed.some((e) => e && sameUser(e, email));
    const me = currentUser();
    if (!me || !has(me)) return null;
    return has(cfg.owner) ? null : cfg;
  } catch {
    return null;
  }
}

/** Whether the recorded schedule (of whoever owns it) matches these settings. */
export function scheduleMatches(cfg: TriggerConfig, settings: Settings): boolean {
  return (
    cfg.monthly !== null &&
    cfg.monthly.day === settings.sendDay &&
    cfg.monthly.hour === settings.sendHour &&
    (settings.reminders ? cfg.reminders?.hour === settings.sendHour : cfg.reminders === null)
  );
}

/**
 * Make the installed triggers match the settings: one monthly trigger, and one daily
 * reminder trigger when reminders are on. Idempotent.
 */
export function installTriggers(settings: Settings, store = new JsonStore()): InstallResult {
  const old = store.get<TriggerConfig>(CONFIG_KEY);
  let changed = false;
  const other = scheduleOfOther(store);
  if (other) return { changed, config: other, ownedBy: other.owner };

  const monthly = projectTriggers(MONTHLY_HANDLER);
  let monthlyCfg = old?.monthly ?? null;
  const monthlyOk =
    monthly.length === 1 &&
    monthlyCfg !== null &&
    monthly[0].getUniqueId() === monthlyCfg.id &&
    monthlyCfg.day === settings.sendDay &&
    monthlyCfg.hour === settings.sendHour;
  if (!monthlyOk) {
    deleteAll(monthly);
    const t = ScriptApp.newTrigger(MONTHLY_HANDLER)
      .timeBased()
      .onMonthDay(settings.sendDay)
      .atHour(settings.sendHour)
      .inTimezone(TIME_ZONE)
      .create();
    monthlyCfg = { id: t.getUniqueId(), day: settings.sendDay, hour: settings.sendHour };
    changed = true;
  }

  const daily = projectTriggers(REMINDER_HANDLER);
  let remindCfg = old?.reminders ?? null;
  if (!settings.reminders) {
    if (deleteAll(daily) > 0) changed = true;
    remindCfg = null;
  } else {
    const dailyOk =
      daily.length === 1 &&
      remindCfg !== null &&
      daily[0].getUniqueId() === remindCfg.id &&
      remindCfg.hour === settings.sendHour;
    if (!dailyOk) {
      deleteAll(daily);
      const t = ScriptApp.newTrigger(REMINDER_HANDLER)
        .timeBased()
        .everyDays(1)
        .atHour(settings.sendHour)
        .inTimezone(TIME_ZONE)
        .create();
      remindCfg = { id: t.getUniqueId(), hour: settings.sendHour };
      changed = true;
    }
  }

  const config: TriggerConfig = { monthly: monthlyCfg, reminders: remindCfg, owner: currentUser() };
  if (changed || JSON.stringify(old) !== JSON.stringify(config)) store.put({ [CONFIG_KEY]: config });
  return { changed, config };
}

export interface RemoveResult {
  /** The caller's triggers deleted. */
  removed: number;
  /** Set when the recorded schedule is another user's (their e-mail): it stays on, and recorded. */
  ownedBy?: string;
}

/**
 * Remove the caller's monthly and reminder triggers. A pending resume trigger stays: a report that
 * is half sent is finished even after the user turns the monthly e-mail off. The record is cleared
 * unless the schedule is another user's (their triggers cannot be seen nor deleted from here), or
 * `forget`: the caller says that user's triggers are gone (deleted in the Triggers page, say).
 */
export function removeTriggers(store = new JsonStore(), forget = false): RemoveResult {
  const removed = deleteAll(projectTriggers(MONTHLY_HANDLER)) + deleteAll(projectTriggers(REMINDER_HANDLER));
  const other = scheduleOfOther(store);
  if (other && !forget) return { removed, ownedBy: other.owner };
  store.put({ [CONFIG_KEY]: null });
  return { removed };
}

/** True while this user has a monthly trigger installed, or another user's schedule is recorded as on. */
export function monthlyEnabled(store = new JsonStore()): boolean {
  return projectTriggers(MONTHLY_HANDLER).length > 0 || scheduleOfOther(store) !== null;
}

/**
 * Replace any pending resume trigger with one that fires after `delayMs`. `handler`: the
 * global function to call (default the e-mail job's; "Tổng hợp" resumes its reading with it too).
 */
export function scheduleResume(delayMs: number, handler = RESUME_HANDLER): void {
  deleteAll(projectTriggers(handler));
  ScriptApp.newTrigger(handler).timeBased().after(delayMs).create();
}

/** Delete pending resume triggers of `handler` (one-off triggers stay listed after they fire). */
export function clearResume(handler = RESUME_HANDLER): number {
  return deleteAll(projectTriggers(handler));
}
