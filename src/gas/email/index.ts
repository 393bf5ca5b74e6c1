/**
 * Apps Script entry points of the e-mail feature. src/gas/main.ts re-exports these, so
 * the build makes each a top-level function of dist/Code.js:
 *   menu:      showSettings, enableMonthlyEmail, disableMonthlyEmail, sendReportNow
 *   sidebar:   getSettingsForSidebar, saveSettingsFromSidebar
 *   triggers:  monthlyReportJob, resumeReportJob, sendReminders
 */
import { todayIn } from '../../engine/periods/cutoff';
import { SCHEDULE_TEXT, EMAIL_MENU_TEXT as T } from '../../messages/vi/email';
import { nowMs } from '../clock';
import { logText, userText } from '../errors';
import * as emailDeps from './deps';
import { dropScheduledWait, type RunOutcome, runManual, runReportJob } from './job';
import { type ReminderOutcome, runReminders } from './reminders';
import { sendDayWarning } from './settings-form';
import {
  installTriggers,
  removeTriggers,
  scheduleMatches,
  scheduleOfOther,
  scheduleOwnerGone,
  TIME_ZONE,
} from './triggers';

export { getSettingsForSidebar, saveSettingsFromSidebar, showSettings } from './settings-sidebar';

function alert(message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(T.title, message, ui.ButtonSet.OK);
}

function uiConfirm() {
  const ui = SpreadsheetApp.getUi();
  return {
    ask: (title: string, prompt: string) => ui.alert(title, prompt, ui.ButtonSet.YES_NO) === ui.Button.YES,
    tell: (message: string) => {
      if (message) ui.alert(T.title, message, ui.ButtonSet.OK);
    },
  };
}

/** Menu "Bật gửi báo cáo hằng tháng". */
export function enableMonthlyEmail(): void {
  const r = emailDeps.loadSettings();
  if (!r.ok) {
    alert(T.settingsInvalid(r.errors));
    return;
  }
  const s = r.value;
  if (!s.recipients.length) {
    alert(T.enabledNoRecipients);
    return;
  }
  let res: ReturnType<typeof installTriggers>;
  try {
    res = installTriggers(s);
  } catch (e) {
    emailDeps.log(T.log.triggerAction, false, SCHEDULE_TEXT.triggersFailed(logText(e)));
    alert(SCHEDULE_TEXT.triggersFailed(userText(e)));
    return;
  }
  if (res.ownedBy && res.config.monthly) {
    // Another admin's schedule: theirs alone to change (Apps Script), and no second one beside it.
    const { day, hour } = res.config.monthly;
    // Its owner can no longer edit: not "no need to turn it on", but how to set it again.
    if (scheduleOwnerGone(SpreadsheetApp.getActiveSpreadsheet())) {
      alert(SCHEDULE_TEXT.ownerGone(res.ownedBy, day, hour));
      return;
    }
    alert(
      scheduleMatches(res.config, s)
        ? `${SCHEDULE_TEXT.ownedBySame(res.ownedBy, day, hour)}\n\n${SCHEDULE_TEXT.onlyOwner(res.ownedBy)}`
        : SCHEDULE_TEXT.ownedByOther(res.ownedBy, day, hour, s.sendDay, s.sendHour),
    );
    return;
  }
  if (res.changed) emailDeps.log(T.log.triggerAction, true, T.log.triggerInstalled(s.sendDay, s.sendHour));
  // The same caution as the settings sidebar: a send day on or before a deadline (e.g. Tết) waits.
  const warning = sendDayWarning(s, todayIn(s.timeZone || TIME_ZONE, new Date(nowMs())));
  alert(T.enabled(s.sendDay, s.sendHour, s.reminders, s.reminderDaysBefore) + (warning ? `\n\n${warning}` : ''));
}

/** Menu "Tắt gửi báo cáo hằng tháng". */
export function disableMonthlyEmail(): void {
  const other = scheduleOfOther();
  if (other?.monthly) {
    // Another admin's triggers: this user can neither see nor delete them. Said, not claimed off;
    // YES only when the user knows they are gone (then the record is forgotten).
    const ui = SpreadsheetApp.getUi();
    const prompt = SCHEDULE_TEXT.disableOwnedBy(other.owner, other.monthly.day, other.monthly.hour);
    const forget = ui.alert(T.title, prompt, ui.ButtonSet.YES_NO) === ui.Button.YES;
    const r = removeTriggers(undefined, forget);
    if (r.removed > 0) emailDeps.log(T.log.triggerAction, true, T.log.triggerRemoved);
    if (forget) {
      // The schedule is forgotten: a send it left waiting for the deadline goes with it.
      dropScheduledWait();
      emailDeps.log(T.log.triggerAction, true, T.log.triggerForgotten(other.owner));
      alert(SCHEDULE_TEXT.forgotten(other.owner));
    }
    return;
  }
  const r = removeTriggers();
  // A report waiting for the first working day after the deadline is not sent after "Tắt".
  const waited = dropScheduledWait();
  if (r.removed > 0 || waited) emailDeps.log(T.log.triggerAction, true, T.log.triggerRemoved);
  alert(r.removed > 0 || waited ? T.disabled : T.disabledAlready);
}

/** Menu "Gửi báo cáo ngay": asks before sending a period again. */
export function sendReportNow(): RunOutcome {
  return runManual(uiConfirm());
}

/** Time-driven trigger: onMonthDay(sendDay).atHour(sendHour), Asia/Ho_Chi_Minh. */
export function monthlyReportJob(_e?: unknown): RunOutcome {
  return runReportJob('scheduled');
}

/** One-off trigger: resume after a time-out, or retry after a failed / over-quota send. */
export function resumeReportJob(_e?: unknown): RunOutcome {
  return runReportJob('resume');
}

/** Daily trigger while reminders are on. */
export function sendReminders(_e?: unknown): ReminderOutcome {
  return runReminders();
}
