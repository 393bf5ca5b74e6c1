/**
 * `tonghop report --period … FILE|DIR… --to a@b.vn [--to …] [--outbox DIR] [--from …]`
 * The period's e-mail as .eml in the outbox (default outbox/); sent over SMTP as well when
 * TONGHOP_SMTP_HOST is set (the outbox keeps a copy). Exit 4 when sending fails, else 1
 * when data errors were found, else 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataWindow } from '../../engine/periods/cutoff';
import { formatPeriod, periodLabel } from '../../engine/periods/period';
import { type Edition, editionLine, editionSubject, withTitle, withTopNote } from '../../engine/report/edition';
import { emailSubject, renderHtmlReport } from '../../engine/report/html';
import { localTimestamp, renderTextReport } from '../../engine/report/text';
import { splitRecipients } from '../../engine/text/email';
import { slug } from '../../engine/text/normalize';
import { HELP, CLI_TEXT as T } from '../../messages/vi/cli';
import { EDITION_TEXT } from '../../messages/vi/edition';
import { CONFIG_OPTIONS, checkAddress, HELP_OPTION, parse } from '../args';
import { now } from '../clock';
import { type Config, loadConfig, warnDemoUnits } from '../config';
import { EXIT, UserError } from '../exit-codes';
import { displayName } from '../files';
import { type Io, println } from '../io';
import { bareAddress, composeEml } from '../mail/eml';
import { type SmtpSettings, sendRaw, smtpFromEnv } from '../mail/smtp';
import { checkOutputs, freeName, sameFile, writeBeside, writeOutput } from '../output';
import {
  consoleSummary,
  defaultSummaryName,
  elsewhereLines,
  type Prepared,
  prepare,
  resolvePeriod,
  summaryXlsx,
} from './summary';

const OPTIONS = {
  ...HELP_OPTION,
  ...CONFIG_OPTIONS,
  period: { type: 'string' },
  to: { type: 'string', multiple: true },
  from: { type: 'string' },
  outbox: { type: 'string' },
  progress: { type: 'boolean' },
} as const;

export interface MailPlan {
  to: string[];
  from: string;
  outbox: string;
  /** null: only write the .eml. */
  smtp: SmtpSettings | null;
  /**
   * Replace an .eml of the same name in the outbox (the demo's own outbox). Otherwise one there is
   * kept (it may have been sent or edited since) and the new one written beside it, "-2", "-3" ….
   */
  replace?: boolean;
}

export interface MailResult {
  eml: string;
  sent: boolean;
  /** The attachment's file name, as the e-mail gives it. */
  attachment: string;
}

export function emlFileName(prepared: Prepared): string {
  return `bao-cao-${formatPeriod(prepared.summary.period)}.eml`;
}

/**
 * The attachment of a report sent again: "tong-hop-2018-09-ban-25-09-2018.xlsx", dated the day it
 * goes (as the add-on's), so it does not take the first one's name in the leader's Downloads. ASCII,
 * as the first one's: some mail programs garble other characters in attachment names.
 */
export function editionAttachmentName(name: string, when: Date, timeZone: string): string {
  const date = localTimestamp(when.toISOString(), timeZone).date;
  return name.replace(/\.xlsx$/i, `-${slug(EDITION_TEXT.attachmentSuffix(date))}.xlsx`);
}

/**
 * The .eml files of the period already in the outbox ("bao-cao-2018-09.eml", "-2", "-3" … up to
 * the first name free): `sent`, the latest one that was sent (no "X-Unsent: 1"), as the Edition the
 * new one replaces (its Date header, else when the file was written); `draft`, the latest unsent
 * draft written after it, if any. A draft reached nobody: the new report does not replace it.
 * Unreadable files are passed over.
 */
export function earlierEditions(outbox: string, name: string): { sent: Edition | null; draft: string | null } {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let sent: Edition | null = null;
  let draft: string | null = null;
  for (let n = 1; ; n++) {
    const file = path.join(outbox, n === 1 ? name : `${stem}-${n}${ext}`);
    if (!fs.existsSync(file)) break;
    const head = emlHead(file);
    if (head === null) continue;
    if (/^X-Unsent:[ \t]*1/im.test(head)) {
      draft = file;
      continue;
    }
    const date = /^Date:[ \t]*(.+)$/im.exec(head);
    const ms = date ? Date.parse(date[1]) : Number.NaN;
    const at = Number.isNaN(ms) ? fs.statSync(file).mtime : new Date(ms);
    sent = { replaces: at.toISOString() };
    draft = null;
  }
  return { sent, draft };
}

/** The header of an .eml (folded lines joined), or null when it cannot be read. */
function emlHead(file: string): string | null {
  try {
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(16 * 1024);
    const len = fs.readSync(fd, buf, 0, buf.length, 0);
    fs.closeSync(fd);
    return buf
      .toString('latin1', 0, len)
      .split(/\r?\n\r?\n/)[0]
      .replace(/\r?\n[ \t]+/g, ' ');
  } catch {
    return null;
  }
}

/** Compose the e-mail, keep it in the outbox, send it when SMTP is configured. */
export async function deliver(
  prepared: Prepared,
  config: Config,
  plan: MailPlan,
  when: Date,
  io: Io,
  attachment?: Buffer,
): Promise<MailResult> {
  const summary = prepared.summary;
  const content = attachment ?? (await summaryXlsx(summary, config, when));
  const name = emlFileName(prepared);
  let subject = emailSubject(summary);
  let filename = defaultSummaryName(summary.period);
  let text = renderTextReport(summary, config.catalogue);
  let html = renderHtmlReport(summary, config.catalogue);
  // An .eml of the period that was sent is kept in the outbox: this one says it replaces it (not
  // the demo's own). A later draft is only mentioned: the user knows whether they sent it.
  const editions = plan.replace ? { sent: null, draft: null } : earlierEditions(plan.outbox, name);
  const earlier = editions.sent;
  if (editions.draft) println(io.stdout, T.earlierDraft(displayName(editions.draft, io.cwd)));
  if (earlier) {
    const zone = config.settings.timeZone;
    subject = editionSubject(subject, earlier, zone);
    ({ html, text } = withTopNote(html, text, editionLine(summary.period, earlier, zone), 'info'));
    html = withTitle(html, subject);
    filename = editionAttachmentName(filename, when, zone);
  }
  const mail = {
    from: plan.from,
    to: plan.to,
    subject,
    text,
    html,
    attachment: { filename, content },
    date: when,
  };
  const raw = await composeEml(plan.smtp ? mail : { ...mail, draft: true });
  let eml = path.join(plan.outbox, name);
  if (plan.replace) writeOutput(eml, raw);
  else {
    const written = writeBeside(plan.outbox, name, raw);
    eml = written.file;
    if (written.kept) println(io.stdout, T.emlKept(displayName(written.kept, io.cwd), path.basename(eml)));
  }
  if (!plan.smtp) return { eml, sent: false, attachment: filename };
  println(io.stderr, T.sending(plan.smtp.host, plan.smtp.port));
  try {
    await sendRaw(plan.smtp, { from: bareAddress(plan.from), to: plan.to.map(bareAddress) }, raw);
  } catch (e) {
    // Not sent: where the copy to send again is.
    if (e instanceof UserError && e.exitCode === EXIT.send)
      println(io.stdout, T.wrote(T.what.eml, displayName(eml, io.cwd)));
    throw e;
  }
  return { eml, sent: true, attachment: filename };
}

/**
 * The sender of a draft when none is given: the organisation's name with a placeholder address
 * (the mail program asks for the real one when the .eml is sent). A domain with a dot, so the
 * address check accepts it; "localdomain" never names a real mail server.
 */
export const DEFAULT_FROM_ADDRESS = 'tonghop@localhost.localdomain';

export function defaultFrom(config: Config): string {
  const name = config.settings.organisation.replace(/["\\\r\n]/g, '');
  return `"${name}" <${DEFAULT_FROM_ADDRESS}>`;
}

export async function runReport(argv: string[], io: Io): Promise<number> {
  const args = parse('report', argv, OPTIONS, true);
  if (args.bool('help')) {
    io.stdout.write(HELP.report);
    return EXIT.ok;
  }
  const config = loadConfig(args, io.cwd, { sendsEmail: true });
  const when = now(io.env, config.settings.timeZone);
  const period = resolvePeriod(args.str('period'), config, when);
  warnDemoUnits(args, dataWindow(period, config.settings).end, T.demoUnitsReport(periodLabel(period)), io);
  // "a@x.vn, b@x.vn", '"Văn phòng, Tỉnh ủy" <vp@x.vn>' or one --to per address.
  const given = args.list('to').flatMap((list) => splitRecipients(list).map((r) => r.text));
  const to = (given.length ? given : config.settings.recipients).map((t) => checkAddress(t));
  if (to.length === 0) throw new UserError(T.noRecipients, EXIT.usage);
  const smtp = smtpFromEnv(io.env);
  // Sender: --from, TONGHOP_MAIL_FROM, the SMTP login when it is an address, else a local placeholder.
  const login = smtp?.user && /@/.test(smtp.user) ? smtp.user : undefined;
  const givenFrom = args.str('from') ?? smtp?.from ?? login;
  // A server would refuse (or bounce) the placeholder: sending needs a real sender.
  if (smtp && givenFrom === undefined) throw new UserError(T.smtpNoFrom, EXIT.usage);
  const from = checkAddress(givenFrom ?? defaultFrom(config), T.smtpBadFrom);
  const outbox = path.resolve(io.cwd, args.str('outbox') ?? 'outbox');

  const prepared = await prepare(args.positionals, 'report', config, period, when, io, args.bool('progress'));
  // The name it will be written under (an earlier .eml of the period is kept: deliver), and the
  // period's own name: an outbox among the inputs is refused even when the new name is free.
  const own = path.join(outbox, emlFileName(prepared));
  const input = prepared.inputs.files.find((f) => sameFile(f.path, own));
  if (input) throw new UserError(T.outputIsInput('--outbox', displayName(own, io.cwd), input.display), EXIT.usage);
  checkOutputs([{ option: '--outbox', file: freeName(outbox, emlFileName(prepared)) }], prepared.inputs.files, io.cwd);
  const result = await deliver(prepared, config, { to, from, outbox, smtp }, when, io);
  println(io.stdout, T.wrote(T.what.eml, displayName(result.eml, io.cwd)));
  if (result.sent) println(io.stdout, T.sent(to));
  for (const line of consoleSummary(prepared)) println(io.stdout, line);
  const where = T.remarksInEml(result.attachment, displayName(result.eml, io.cwd));
  for (const line of elsewhereLines(prepared.summary, where)) println(io.stdout, line);
  return prepared.errors > 0 ? EXIT.dataErrors : EXIT.ok;
}
