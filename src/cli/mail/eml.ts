/**
 * The monthly e-mail as MIME (.eml): UTF-8, multipart/mixed with a multipart/alternative
 * (plain text + HTML) and the summary .xlsx attached. Built with nodemailer's MailComposer,
 * no network. With TONGHOP_NOW set the bytes are reproducible (fixed date, Message-ID and
 * MIME boundaries derived from the content).
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface MailInput {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachment: { filename: string; content: Buffer };
  date: Date;
  /**
   * Mark as an unsent draft ("X-Unsent: 1"): Outlook opens the .eml ready to send.
   * Used for the outbox copy when the message was not sent over SMTP.
   */
  draft?: boolean;
}

/** "Tên <a@b.vn>" → "a@b.vn"; a bare address is returned as is. */
export function bareAddress(s: string): string {
  const m = /<([^<>]+)>\s*$/.exec(s);
  return (m ? m[1] : s).trim();
}

export async function composeEml(mail: MailInput): Promise<Buffer> {
  const hash = createHash('sha256')
    .update(mail.subject)
    .update('\0')
    .update(mail.date.toISOString())
    .update('\0')
    .update(mail.to.join(','))
    .digest('hex');
  const domain = bareAddress(mail.from).split('@')[1] || 'localhost';
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    date: mail.date,
    messageId: `<tonghop.${hash.slice(0, 24)}@${domain}>`,
    baseBoundary: hash.slice(24, 40),
    headers: mail.draft ? { 'X-Unsent': '1' } : {},
    attachments: [
      {
        filename: mail.attachment.filename,
        content: mail.attachment.content,
        contentType: XLSX_MIME,
      },
    ],
    newline: '\r\n',
  } as ConstructorParameters<typeof MailComposer>[0]);
  return composer.compile().build();
}
