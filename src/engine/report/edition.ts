/**
 * A report of a period that was already sent (a correction, "Gửi báo cáo ngay" again, the scheduled
 * send after an early one, a second `tonghop report` after one that was sent): its subject and first line say which earlier
 * copy it replaces, so the reader does not quote the superseded figures.
 */
import { EDITION_TEXT as T } from '../../messages/vi/edition';
import { periodLabel } from '../periods/period';
import type { Period } from '../types';
import { escapeHtml } from './escape';
import { localTimestamp } from './text';

export interface Edition {
  /** When the earlier copy was sent, as an ISO instant. */
  replaces: string;
  /** The earlier copy went before the period's deadline. */
  preliminary?: boolean;
}

/** The subject marked as replacing the earlier copy: "… (gửi lại, thay thế bản ngày 05/10/2018)". */
export function editionSubject(subject: string, edition: Edition, timeZone: string): string {
  return T.subject(subject, localTimestamp(edition.replaces, timeZone).date);
}

/**
 * The HTML's <title> set to the subject as sent: a report sent again is marked there too (a copy
 * saved or printed from the mail program shows it). Renderings escape user text, so the head's
 * title is the document's first "<title>".
 */
export function withTitle(html: string, subject: string): string {
  return html.replace(/<title>[^<]*<\/title>/i, () => `<title>${escapeHtml(subject.replace(/[\r\n]+/g, ' '))}</title>`);
}

/** The line put first in a report sent again. */
export function editionLine(period: Period, edition: Edition, timeZone: string): string {
  const at = localTimestamp(edition.replaces, timeZone);
  return T.line(periodLabel(period), at.time, at.date, edition);
}

const TONE = {
  alert: 'border-left:4px solid #c00000;background:#fff4f4;',
  info: 'border-left:4px solid #2f5597;background:#eef3fb;',
};

/**
 * `note` first in both parts of the e-mail: in the HTML right after the opening body tag, above the
 * report's card; in the text before everything else.
 */
export function withTopNote(
  html: string,
  text: string,
  note: string,
  tone: keyof typeof TONE = 'alert',
): { html: string; text: string } {
  const p = `<p style="margin:0 0 12px;padding:8px 12px;${TONE[tone]}font-weight:bold">${escapeHtml(note)}</p>`;
  const body = /<body[^>]*>/i.exec(html);
  const top = body ? html.replace(body[0], () => `${body[0]}${p}`) : p + html;
  return { html: top, text: `${note}\n\n${text}` };
}
