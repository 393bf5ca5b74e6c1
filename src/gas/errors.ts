/**
 * Google's error texts, explained in Vietnamese — the one place that knows them.
 *
 * Apps Script throws service failures as `Error`s whose message is Google's text (English for
 * most accounts, e.g. "You do not have permission to access the requested document."). Every
 * message the add-on shows a user goes through `userText`; "Nhật ký" gets `logText`, which keeps
 * Google's original after the Vietnamese for IT staff. Texts Google did not write (our own
 * Vietnamese errors, or Google's own text in the account's language) pass through unchanged;
 * an English text no rule knows, or a JavaScript error (TypeError…), becomes a generic
 * Vietnamese sentence, the original going only to "Nhật ký".
 *
 * `withRetry` retries a transient failure ("Service Spreadsheets timed out …") a couple of
 * times with Utilities.sleep back-off, within a per-run budget so a Google outage cannot eat
 * the 6-minute limit.
 */
import { GOOGLE_ERRORS as G } from '../messages/vi/gas';

export type GoogleErrorKind =
  | 'permission'
  | 'authorisation'
  | 'notFound'
  | 'timeout'
  | 'serviceFailed'
  | 'tooFast'
  | 'mailQuota'
  | 'dailyQuota'
  | 'tooManyRecipients'
  | 'invalidEmail'
  | 'lockTimeout'
  | 'timeLimit'
  | 'tooManyTriggers'
  | 'cellTooLong'
  | 'mailTooLarge'
  | 'tooManyCells'
  | 'propertiesFull'
  | 'protected'
  | 'runQuota'
  | 'scriptBug'
  | 'other';

export interface ExplainedError {
  kind: GoogleErrorKind;
  /** Vietnamese, for the user (a Vietnamese text we do not know as is; English ones never). */
  text: string;
  /** The error's own message, as Google wrote it. */
  original: string;
  /** Worth trying again in a moment (time-outs, passing server errors). */
  transient: boolean;
}

export interface ErrorContext {
  /** The unit whose spreadsheet was being opened ("Xã Chung Chải"), named in the text where it helps. */
  unit?: string;
  /** The account running the script, named where the fix is to share with it. */
  user?: string;
  /**
   * Where the spreadsheet's URL is typed, named when it leads nowhere: an old commune's is in
   * "Đơn vị cũ", not "Đơn vị" (the default). With the cell when the caller knows it.
   */
  urlAt?: UrlPlace;
}

/** A sheet of the configuration and, when known, the cell in it ("E4"). */
export interface UrlPlace {
  sheet: string;
  cell?: string;
}

/** The error's message ("Exception: " prefix of the execution log removed). */
export function originalText(e: unknown): string {
  const raw = e instanceof Error ? e.message || String(e) : String(e);
  return raw.replace(/^Exception:\s*/, '');
}

interface Rule {
  kind: GoogleErrorKind;
  test: RegExp;
  text: (m: RegExpExecArray, ctx: ErrorContext) => string;
  transient?: boolean;
}

const RULES: Rule[] = [
  {
    kind: 'permission',
    test: /You do not have permission to access the requested document|You need permission|Access denied|does not have permission to access/i,
    text: (_m, ctx) => G.noPermission(ctx.unit, ctx.user),
  },
  {
    kind: 'authorisation',
    test: /You do not have permission to call ([\w.]+)|Authorization is required to perform that action|Required permissions?:/i,
    text: (m) => G.notAuthorised(m[1]),
  },
  {
    kind: 'notFound',
    test: /Unexpected error while getting the method or property open(?:ById|ByUrl)|Document .* is missing \(perhaps it was deleted|Requested entity was not found|No item with the given ID could be found|^Invalid argument: (?:url|id)\b/i,
    text: (_m, ctx) => G.notFound(ctx.urlAt),
  },
  { kind: 'timeout', test: /\btimed out\b|\bDeadline exceeded\b/i, text: () => G.timedOut, transient: true },
  {
    // "Address unavailable", "Server not available.", "Server error occurred, please try again.":
    // a passing network or server failure on Google's side (UrlFetchApp, Sheets); "Service error"
    // alone and "Data storage error" are PropertiesService's (its outages pass within minutes).
    kind: 'serviceFailed',
    test: /^Service error\b|^Data storage error\b|^Service \w+ failed while accessing|^Service unavailable|We're sorry, a server error occurred|^Internal error\b|^Address unavailable\b|^Server not available\b|^Server error occurred\b/i,
    text: () => G.serviceFailed,
    transient: true,
  },
  {
    kind: 'tooFast',
    // "Too many simultaneous invocations: Spreadsheets": more runs at once than Google allows
    // (30 per user) — e.g. several people aggregating; passes within seconds. "Service invoked
    // too many times" without "for one day" (a daily quota, below) is the short-time limit.
    test: /Service invoked too many times(?! for one day)|Too many simultaneous invocations|Rate Limit Exceeded|User-rate limit exceeded/i,
    text: () => G.tooFast,
    transient: true,
  },
  { kind: 'mailQuota', test: /Service invoked too many times for one day: email/i, text: () => G.mailQuota },
  {
    kind: 'dailyQuota',
    test: /Service invoked too many times for one day: ([\w ]+)|Bandwidth quota exceeded/i,
    text: (m) => G.dailyQuota((m[1] ?? 'urlfetch').trim()),
  },
  {
    // A quota of the script's owner ("Script exceeded quota: URL Fetch calls", or the daily
    // run time of triggers): will not pass within this run, so not retried.
    kind: 'runQuota',
    test: /Script exceeded quota: ([^.]+)|Service using too much computer time for one day/i,
    text: (m) => G.runQuota(m[1]?.trim()),
  },
  { kind: 'tooManyRecipients', test: /Limit Exceeded: Email Recipients Per Message/i, text: () => G.tooManyRecipients },
  {
    // Sending the same message again meets the same limit: not transient.
    kind: 'mailTooLarge',
    test: /Limit Exceeded: Email (Body|Total Attachments) Size/i,
    text: (m) => (/^body$/i.test(m[1]) ? G.mailBodyTooLarge : G.mailAttachmentsTooLarge),
  },
  { kind: 'invalidEmail', test: /^Invalid email: (.*)$/i, text: (m) => G.invalidEmail(m[1]) },
  { kind: 'lockTimeout', test: /Lock timeout|There are too many LockService operations/i, text: () => G.lockTimeout },
  { kind: 'timeLimit', test: /Exceeded maximum execution time/i, text: () => G.timeLimit },
  { kind: 'tooManyTriggers', test: /This script has too many triggers/i, text: () => G.tooManyTriggers },
  {
    kind: 'cellTooLong',
    test: /more than the maximum of 50000 characters in a single cell/i,
    text: () => G.cellTooLong,
  },
  { kind: 'tooManyCells', test: /above the limit of 10000000 cells/i, text: () => G.tooManyCells },
  {
    kind: 'protected',
    test: /You are trying to edit a protected cell or object|protected cell or object/i,
    text: () => G.protectedRange,
  },
  {
    kind: 'propertiesFull',
    test: /exceeded the property storage quota|Argument too large: value/i,
    text: () => G.propertiesFull,
  },
];

// The service-failure rule must not swallow the quota texts ("Service invoked too many times …").
const ORDER: GoogleErrorKind[] = [
  'permission',
  'authorisation',
  'notFound',
  'timeout',
  'tooFast',
  'mailQuota',
  'dailyQuota',
  'runQuota',
  'serviceFailed',
  'tooManyRecipients',
  'mailTooLarge',
  'invalidEmail',
  'lockTimeout',
  'timeLimit',
  'tooManyTriggers',
  'cellTooLong',
  'tooManyCells',
  'propertiesFull',
  'protected',
];
const ORDERED = ORDER.map((k) => RULES.find((r) => r.kind === k) as Rule);

/** Errors of JavaScript itself: a defect of the script, never Google's or the user's doing. */
const SCRIPT_BUGS = new Set(['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError', 'URIError', 'EvalError']);

/**
 * Our own errors are Vietnamese, and so is Google's text in a Vietnamese account: a text with
 * a letter beyond ASCII is shown as is. A text only in ASCII is Google's English (or a bare
 * code, "HTTP 500") that no rule knows: the user gets a generic Vietnamese sentence instead.
 */
const READABLE = /[^\x00-\x7f]/;

/** What went wrong, in Vietnamese, with Google's own text kept beside it. */
export function explainError(e: unknown, ctx: ErrorContext = {}): ExplainedError {
  const original = originalText(e);
  if (e instanceof Error && SCRIPT_BUGS.has(e.name)) {
    return { kind: 'scriptBug', text: G.scriptBug, original, transient: false };
  }
  for (const rule of ORDERED) {
    const m = rule.test.exec(original);
    if (m) return { kind: rule.kind, text: rule.text(m, ctx), original, transient: Boolean(rule.transient) };
  }
  const text = READABLE.test(original) ? original : G.unknown;
  return { kind: 'other', text, original, transient: false };
}

/** The Vietnamese text for a user (alert, toast, e-mail status, summary sheet). */
export function userText(e: unknown, ctx: ErrorContext = {}): string {
  return explainError(e, ctx).text;
}

/** For "Nhật ký": the Vietnamese text, then Google's original for IT staff when it differs. */
export function logText(e: unknown, ctx: ErrorContext = {}): string {
  const x = explainError(e, ctx);
  return withOriginal(x);
}

export function withOriginal(x: ExplainedError, text = x.text): string {
  // A Vietnamese text shown as is already holds the original ("… (đã thử 3 lần)" after it at most).
  return text.startsWith(x.original) ? text : text + G.original(x.original);
}

/**
 * The master's configuration ("Đơn vị", "Chỉ tiêu", "Quy tắc", "Cài đặt"…) cannot be used: each
 * problem names its sheet and cell. Not Google's failure and not passing: a person must fix a cell,
 * so callers tell the admins rather than retry as for a send error (email/job.ts).
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ConfigError';
  }
}

// ---------------------------------------------------------------- retrying

/** Waits before the 2nd and 3rd try of a transient failure. */
export const RETRY_DELAYS_MS = [2000, 5000];
/** Sleep allowed for retries in one run (all units together), well inside the 6 minutes. */
export const RETRY_BUDGET_MS = 30_000;

/** Retry sleep left for this run; share one between all the units of a run. */
export class RetryBudget {
  constructor(public leftMs = RETRY_BUDGET_MS) {}
}

export interface RetryOptions {
  delays?: number[];
  budget?: RetryBudget;
  /** Called before each wait (e.g. a toast). */
  onRetry?: (attempt: number, error: ExplainedError) => void;
}

/** Thrown by withRetry after the last try: the last error, explained, with the number of tries. */
export class RetriedError extends Error {
  constructor(
    readonly last: unknown,
    readonly attempts: number,
  ) {
    super(originalText(last));
    this.name = 'RetriedError';
  }
}

/**
 * Run `fn`; on a transient failure sleep (Utilities.sleep) and try again, at most
 * `delays.length` more times and within the budget. Other failures are thrown at once.
 * After more than one try the error is a RetriedError (its `attempts` says how many).
 */
export function withRetry<T>(fn: () => T, opts: RetryOptions = {}): T {
  const delays = opts.delays ?? RETRY_DELAYS_MS;
  let attempt = 0;
  for (;;) {
    try {
      return fn();
    } catch (e) {
      const x = explainError(e);
      const wait = delays[attempt];
      const budget = opts.budget;
      if (!x.transient || wait === undefined || (budget && budget.leftMs < wait)) {
        throw attempt > 0 ? new RetriedError(e, attempt + 1) : e;
      }
      if (budget) budget.leftMs -= wait;
      attempt++;
      opts.onRetry?.(attempt, x);
      Utilities.sleep(wait);
    }
  }
}

/** The Vietnamese text of an error that may have been retried ("… (đã thử 3 lần)"). */
export function explainRetried(e: unknown, ctx: ErrorContext = {}): ExplainedError {
  if (e instanceof RetriedError) {
    const x = explainError(e.last, ctx);
    return { ...x, text: x.text + G.tried(e.attempts) };
  }
  return explainError(e, ctx);
}
