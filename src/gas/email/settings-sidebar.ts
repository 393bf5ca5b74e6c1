/**
 * Server side of the settings sidebar ("Dân vận › Cài đặt…"). The sidebar is a static
 * page (sidebar.html, no scriptlets): it asks for its data with google.script.run and
 * shows every value with .value/.textContent, so nothing from the sheet is ever markup.
 */
import { todayIn } from '../../engine/periods/cutoff';
import type { Settings } from '../../engine/types';
import { SIDEBAR_TEXT as S, SCHEDULE_TEXT, viDateTime } from '../../messages/vi/email';
import { now } from '../clock';
import { withHolidays } from '../config/holidays';
import { userText } from '../errors';
import { reportPeriod, sentRecord } from './job';
import { type FieldErrors, type SidebarForm, sendDayWarning, settingsFromForm } from './settings-form';
import { readSheetSettings, writeSheetSettings } from './settings-store';
import { installTriggers, monthlyEnabled, scheduleMatches, scheduleOwnerGone } from './triggers';
/** File name of the sidebar in the Apps Script project (build copies src/gas/**\/*.html flat). */
export const SIDEBAR_FILE = 'sidebar';

export function showSettings(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(S.title);
  SpreadsheetApp.getUi().showSidebar(html);
}

export interface SidebarData {
  settings: Partial<Record<keyof Settings, unknown>>;
  enabled: boolean;
  lastSent: string | null;
  /** The schedule's owner is no longer an editor: who set it, and that someone else must set it again. */
  scheduleWarning?: string;
  /** Problems in the sheet as it is, per field (the sidebar shows them next to the field). */
  errors: FieldErrors;
  /**
   * The settings could not be read (a time-out, no access): the form is empty, so saving it would
   * replace every setting with blanks. The sidebar keeps "Lưu" off and offers to load again.
   */
  loadFailed?: string;
}

function status(settings: Settings | null): { enabled: boolean; lastSent: string | null; scheduleWarning?: string } {
  let enabled = false;
  try {
    enabled = monthlyEnabled();
  } catch {
    enabled = false;
  }
  let lastSent: string | null = null;
  try {
    if (settings) {
      const rec = sentRecord(reportPeriod(settings));
      if (rec) lastSent = viDateTime(new Date(rec.at));
    }
  } catch {
    lastSent = null;
  }
  const gone = enabled ? scheduleOwnerGone(SpreadsheetApp.getActiveSpreadsheet()) : null;
  if (!gone?.monthly) return { enabled, lastSent };
  return {
    enabled,
    lastSent,
    scheduleWarning: SCHEDULE_TEXT.ownerGone(gone.owner, gone.monthly.day, gone.monthly.hour),
  };
}

/** The sidebar's data; a failure of Google's (a time-out, no access) is shown in Vietnamese in the form. */
export function getSettingsForSidebar(): SidebarData {
  try {
    return sidebarData();
  } catch (e) {
    return { settings: {}, enabled: false, lastSent: null, errors: {}, loadFailed: userText(e) };
  }
}

function sidebarData(): SidebarData {
  const read = readSheetSettings();
  if (!read) return { settings: {}, enabled: false, lastSent: null, errors: { form: S.noSheet } };
  const settings = read.parsed.ok ? read.parsed.value : null;
  let errors: FieldErrors = {};
  if (!read.parsed.ok) {
    const check = settingsFromForm(read.values as SidebarForm, {});
    errors = check.ok ? { form: read.parsed.errors.join('\n') } : check.errors;
  }
  return { settings: read.values, ...status(settings), errors };
}

export type SaveResult =
  | {
      ok: true;
      message: string;
      settings: Settings;
      enabled: boolean;
      lastSent: string | null;
      scheduleWarning?: string;
    }
  | { ok: false; errors: FieldErrors };

/** Save the form; a write Google refuses (a protected sheet, a time-out) is said in Vietnamese. */
export function saveSettingsFromSidebar(form: SidebarForm): SaveResult {
  try {
    return saveSettings(form);
  } catch (e) {
    return { ok: false, errors: { form: userText(e) } };
  }
}

function saveSettings(form: SidebarForm): SaveResult {
  const read = readSheetSettings();
  if (!read) return { ok: false, errors: { form: S.noSheet } };
  const base = read.parsed.ok ? read.parsed.value : (read.values as Partial<Settings>);
  const checked = settingsFromForm(form ?? {}, base);
  if (!checked.ok) return checked;
  const written = writeSheetSettings(checked.value);
  if (!written.ok) return { ok: false, errors: { form: written.errors.join('\n') || S.noSheet } };
  // A monthly e-mail that is on follows the new day and hour (and reminders on/off) at once.
  let message = S.saved;
  const st = status(written.settings);
  if (st.enabled) {
    try {
      const r = installTriggers(written.settings);
      if (r.changed) message = S.savedTriggersUpdated;
      // Another admin's schedule is not followed by this save: say whose, and who can change it.
      if (r.ownedBy && r.config.monthly && !scheduleMatches(r.config, written.settings)) {
        const { day, hour } = r.config.monthly;
        const s = written.settings;
        message += ` ${SCHEDULE_TEXT.caution(SCHEDULE_TEXT.ownedByOther(r.ownedBy, day, hour, s.sendDay, s.sendHour))}`;
      }
    } catch (e) {
      message += ` ${SCHEDULE_TEXT.triggersFailed(userText(e))}`;
    }
  }
  const withDaysOff = withHolidays(SpreadsheetApp.getActiveSpreadsheet(), { ok: true, value: written.settings });
  const preview = withDaysOff.ok ? withDaysOff.value : written.settings;
  const warning = sendDayWarning(preview, todayIn(preview.timeZone, now()));
  if (warning) message += ` ${warning}`;
  return { ok: true, message, settings: written.settings, ...st };
}
