/** MailApp: messages are recorded in fake.mail.sent; recipients count against a daily quota. */
import { BlobImpl } from './blob';
import type { FakeContext } from './context';
import { GAS_ERRORS, GasError } from './errors';
import { GasObject } from './runtime';
import { describeTypes } from './sheet';

export interface SentAttachment {
  name: string | null;
  contentType: string | null;
  size: number;
  bytes: Uint8Array;
  /** The content decoded as UTF-8 (handy for CSV/HTML attachments). */
  text: string;
}

export interface SentMail {
  /** As given ('' when absent), e.g. 'a@x.vn, b@x.vn'. */
  to: string;
  cc: string;
  bcc: string;
  /** The same, split into addresses. */
  toList: string[];
  ccList: string[];
  bccList: string[];
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  replyTo: string | null;
  noReply: boolean;
  attachments: SentAttachment[];
  /** to + cc + bcc, what the quota is charged. */
  recipientCount: number;
  sentAt: Date;
}

export class MailState {
  sent: SentMail[] = [];
  /** Recipients still allowed today (MailApp.getRemainingDailyQuota()). */
  remaining: number;
  /** Recipients allowed per message (Google: 50). */
  maxRecipientsPerMessage = 50;

  constructor(quota: number) {
    this.remaining = quota;
  }
  setRemainingQuota(n: number): void {
    this.remaining = n;
  }
  clear(): void {
    this.sent = [];
  }
}

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

function splitRecipients(s: unknown): string[] {
  if (s === undefined || s === null) return [];
  return String(s)
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

function addressOf(r: string): string {
  const m = /<([^>]+)>\s*$/.exec(r);
  return (m ? m[1] : r).trim();
}

interface MailOptions {
  to?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  cc?: string;
  bcc?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  attachments?: unknown[];
  inlineImages?: Record<string, unknown>;
}

export class MailAppImpl extends GasObject {
  constructor(
    private readonly _ctx: FakeContext,
    private readonly _state: MailState,
  ) {
    super(_ctx.rt, 'MailApp');
  }

  /**
   * sendEmail(message) | sendEmail(recipient, subject, body) |
   * sendEmail(recipient, subject, body, options) | sendEmail(to, replyTo, subject, body).
   */
  sendEmail(...args: unknown[]) {
    let o: MailOptions;
    if (args.length === 1 && args[0] && typeof args[0] === 'object') o = { ...(args[0] as MailOptions) };
    else if (args.length === 3) o = { to: args[0] as string, subject: args[1] as string, body: args[2] as string };
    else if (args.length === 4 && typeof args[3] === 'string')
      o = { to: args[0] as string, replyTo: args[1] as string, subject: args[2] as string, body: args[3] };
    else if (args.length === 4 && (args[3] === null || typeof args[3] === 'object'))
      o = {
        ...((args[3] as MailOptions) ?? {}),
        to: args[0] as string,
        subject: args[1] as string,
        body: args[2] as string,
      };
    else throw new GasError(GAS_ERRORS.signature(describeTypes(args), 'MailApp.sendEmail'));

    const to = splitRecipients(o.to);
    const cc = splitRecipients(o.cc);
    const bcc = splitRecipients(o.bcc);
    const all = [...to, ...cc, ...bcc];
    if (all.length === 0) throw new GasError(GAS_ERRORS.mailNoRecipient);
    for (const r of all) if (!EMAIL.test(addressOf(r))) throw new GasError(GAS_ERRORS.invalidEmail(r));
    if (all.length > this._state.maxRecipientsPerMessage) throw new GasError(GAS_ERRORS.mailTooManyRecipients);
    if (all.length > this._state.remaining) throw new GasError(GAS_ERRORS.mailQuota);

    const attachments: SentAttachment[] = (o.attachments ?? []).map((a) => {
      const blob = this._rt.unwrap(a) as unknown;
      const b =
        blob instanceof BlobImpl
          ? blob
          : blob && typeof (blob as { getBlob?: unknown }).getBlob === 'function'
            ? (this._rt.unwrap((blob as { getBlob: () => unknown }).getBlob()) as BlobImpl)
            : null;
      if (!(b instanceof BlobImpl)) throw new GasError(GAS_ERRORS.invalidArgument('attachments'));
      const bytes = new Uint8Array(b._bytes);
      return {
        name: b._name,
        contentType: b._contentType,
        size: bytes.length,
        bytes,
        text: Buffer.from(bytes).toString('utf8'),
      };
    });

    this._state.remaining -= all.length;
    const raw = (x: unknown) => (x === undefined || x === null ? '' : String(x));
    this._state.sent.push({
      to: raw(o.to),
      cc: raw(o.cc),
      bcc: raw(o.bcc),
      toList: to,
      ccList: cc,
      bccList: bcc,
      subject: o.subject === undefined || o.subject === null ? '' : String(o.subject),
      body: o.body === undefined || o.body === null ? '' : String(o.body),
      htmlBody: o.htmlBody === undefined || o.htmlBody === null ? null : String(o.htmlBody),
      name: o.name ?? null,
      replyTo: o.replyTo ?? null,
      noReply: Boolean(o.noReply),
      attachments,
      recipientCount: all.length,
      sentAt: this._ctx.clock.now(),
    });
  }

  getRemainingDailyQuota() {
    return this._state.remaining;
  }
}
