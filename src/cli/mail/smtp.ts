/**
 * Sending over SMTP with nodemailer when TONGHOP_SMTP_HOST is set:
 *   TONGHOP_SMTP_HOST, TONGHOP_SMTP_PORT (default 587, or 465 when secure),
 *   TONGHOP_SMTP_USER, TONGHOP_SMTP_PASS, TONGHOP_SMTP_SECURE (1/true = TLS from the start;
 *   otherwise STARTTLS when the server offers it), TONGHOP_MAIL_FROM.
 * The message sent is exactly the .eml kept in the outbox.
 */
import nodemailer from 'nodemailer';
import { CLI_TEXT as T } from '../../messages/vi/cli';
import { EXIT, UserError } from '../exit-codes';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from?: string;
}

const TRUE = /^(1|true|yes|có|co)$/i;

/** SMTP settings from the environment, or null when TONGHOP_SMTP_HOST is not set. */
export function smtpFromEnv(env: NodeJS.ProcessEnv): SmtpSettings | null {
  const host = env.TONGHOP_SMTP_HOST?.trim();
  if (!host) return null;
  const secure = TRUE.test(env.TONGHOP_SMTP_SECURE?.trim() ?? '');
  const portText = env.TONGHOP_SMTP_PORT?.trim();
  let port = secure ? 465 : 587;
  if (portText) {
    port = Number(portText);
    if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw new UserError(T.smtpBadPort(portText), EXIT.usage);
  }
  const user = env.TONGHOP_SMTP_USER?.trim() || undefined;
  const pass = env.TONGHOP_SMTP_PASS ?? undefined;
  // Else the server's refusal ("535 authentication failed") would not say what is missing.
  if (user && !pass) throw new UserError(T.smtpNoPass, EXIT.usage);
  const from = env.TONGHOP_MAIL_FROM?.trim() || undefined;
  return { host, port, secure, user, pass, from };
}

/** Vietnamese reason for a nodemailer error (its code), with the server's reply when there is one. */
export function describeSmtpError(e: unknown): string {
  const err = e as { code?: string; message?: string; response?: string; responseCode?: number };
  // nodemailer wraps socket errors as ESOCKET/ECONNECTION; the system code is in the message.
  const system = /\b(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET|EHOSTUNREACH)\b/.exec(
    err?.message ?? '',
  )?.[1];
  const code = system === 'EAI_AGAIN' ? 'ENOTFOUND' : (system ?? err?.code);
  const known = code ? T.smtpErrors[code] : undefined;
  const reply = err?.response ? T.smtpReply(String(err.response).slice(0, 200)) : '';
  if (known) return `${known}${reply}`;
  // An error this tool does not know: a Vietnamese sentence first, the raw text only as a detail.
  const raw = String(err?.response ?? err?.message ?? e).slice(0, 200);
  return T.smtpUnknownError(code, raw);
}

export interface Envelope {
  from: string;
  to: string[];
}

/** Send the raw message; throws UserError(exit 4) with a Vietnamese reason on failure. */
export async function sendRaw(settings: SmtpSettings, envelope: Envelope, raw: Buffer): Promise<void> {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.pass ?? '' } : undefined,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  try {
    await transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw });
  } catch (e) {
    throw new UserError(T.sendFailed(describeSmtpError(e)), EXIT.send);
  } finally {
    transport.close();
  }
}
