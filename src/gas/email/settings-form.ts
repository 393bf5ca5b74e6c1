/**
 * The settings sidebar's form ↔ Settings, validated with the engine's schema. Pure: no
 * service calls, so the browser test can run the very same validator through Node.
 */
import { parseSettings, SettingsSchema } from '../../engine/catalogue/schema';
import { deadline, isoDate, lastClosedPeriod } from '../../engine/periods/cutoff';
import { periodLabel } from '../../engine/periods/period';
import type { Settings } from '../../engine/types';
import { SIDEBAR_TEXT as S, viDate } from '../../messages/vi/email';
import { fieldLabel, SCHEMA_TEXT } from '../../messages/vi/schema';

export const TEXT_FIELDS = ['aggregatingUnitName', 'level', 'scopeLabel', 'organisation'] as const;
export const INT_FIELDS = ['sendDay', 'sendHour', 'cutoffDay', 'submitDays', 'reminderDaysBefore'] as const;
export const BOOL_FIELDS = ['submitWorkingDays', 'reminders'] as const;

/** What the sidebar sends: every value as the form holds it. */
export type SidebarForm = Partial<Record<string, unknown>>;

/** What the sidebar shows: settings with recipients as a list. */
export type SidebarSettings = Settings;

export type FieldErrors = Record<string, string>;

export type FormResult = { ok: true; value: Settings } | { ok: false; errors: FieldErrors };

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** "17" → 17; "" → undefined (missing); "abc", "1,5" → NaN (not a whole number). */
function int(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const t = text(v);
  if (!t) return undefined;
  return /^[+-]?\d+$/.test(t) ? Number(t) : Number.NaN;
}

function bool(v: unknown): boolean {
  return v === true || v === 'true' || v === 'on' || v === 1 || v === '1';
}

/** One address per line; commas and semicolons separate too. */
export function recipientList(v: unknown): string[] {
  const parts = Array.isArray(v)
    ? v.map((x) => String(x))
    : v === null || v === undefined
      ? []
      : String(v).split(/[\n\r,;]+/);
  return parts.map((s) => s.normalize('NFC').trim()).filter(Boolean);
}

/**
 * Merge the form over the current settings and validate. Fields the form does not carry
 * (timeZone …) keep their current value. Errors: one Vietnamese sentence per field.
 */
export function settingsFromForm(form: SidebarForm, base: Partial<Settings>): FormResult {
  const candidate: Record<string, unknown> = { ...base };
  const errors: FieldErrors = {};
  for (const f of TEXT_FIELDS) if (f in form) candidate[f] = text(form[f]);
  for (const f of INT_FIELDS) {
    if (!(f in form)) continue;
    const n = int(form[f]);
    if (Number.isNaN(n)) errors[f] = S.fieldError(fieldLabel(f), S.notNumber);
    candidate[f] = n;
  }
  for (const f of BOOL_FIELDS) if (f in form) candidate[f] = bool(form[f]);
  if ('recipients' in form) candidate.recipients = recipientList(form.recipients);
  if (!candidate.timeZone) candidate.timeZone = 'Asia/Ho_Chi_Minh';

  const parsed = SettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      const problem = SCHEMA_TEXT.problem(issue as Parameters<typeof SCHEMA_TEXT.problem>[0]);
      if (field === 'recipients' && typeof issue.path[1] === 'number') {
        // Every wrong address at once, one per line: fixing three should not take three saves.
        const i = issue.path[1];
        const line = S.recipientError(i + 1, String((candidate.recipients as string[])[i]), problem);
        errors[field] = errors[field] ? `${errors[field]}\n${line}` : line;
      } else if (errors[field || 'form']) continue;
      else {
        errors[field || 'form'] = S.fieldError(fieldLabel(field), problem);
      }
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const checked = parseSettings(parsed.data, 'sidebar');
  if (!checked.ok) return { ok: false, errors: { form: checked.errors.join('\n') } };
  return { ok: true, value: checked.value };
}

/**
 * A send day on or before a period's deadline mails a report that cannot yet include the
 * units submitting on the last allowed days (e.g. cut-off 15, 2 working days: September 2018's
 * deadline is Tuesday 18/09, after a send day of 17). Looks at the next 12 send dates and
 * returns a Vietnamese warning with the earliest safe day, or null.
 */
export function sendDayWarning(s: Settings, todayIso: string): string | null {
  let worst: { label: string; due: string } | null = null;
  let safeDay = s.sendDay;
  const [y0, m0] = todayIso.split('-').map(Number);
  for (let i = 0; i < 12; i++) {
    const send = isoDate(y0, m0 + i, s.sendDay);
    const p = lastClosedPeriod(send, 'month', s);
    const due = deadline(p, s);
    if (send > due) continue;
    if (!worst || due.slice(8) > worst.due.slice(8)) worst = { label: periodLabel(p), due };
    if (due.slice(0, 7) === send.slice(0, 7)) safeDay = Math.max(safeDay, Number(due.slice(8)) + 1);
  }
  if (!worst) return null;
  return S.sendBeforeDeadline(s.sendDay, worst.label, viDate(worst.due), safeDay <= 28 ? safeDay : null);
}
