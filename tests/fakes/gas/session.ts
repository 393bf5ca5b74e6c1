/** Session, User, Logger and console. */
import type { FakeContext, LogEntry } from './context';
import { GasObject } from './runtime';

export class UserImpl extends GasObject {
  constructor(
    ctx: FakeContext,
    readonly _email: string,
  ) {
    super(ctx.rt, 'User');
  }
  getEmail() {
    return this._email;
  }
  /** Deprecated in Apps Script but still present. */
  getUserLoginId() {
    return this._email;
  }
  override toString() {
    return this._email;
  }
}

export class SessionImpl extends GasObject {
  constructor(private readonly _ctx: FakeContext) {
    super(_ctx.rt, 'Session');
  }
  getActiveUser() {
    return new UserImpl(this._ctx, this._ctx.activeUser);
  }
  getEffectiveUser() {
    return new UserImpl(this._ctx, this._ctx.effectiveUser);
  }
  getScriptTimeZone() {
    return this._ctx.scriptTimeZone;
  }
  /** Deprecated alias of getScriptTimeZone. */
  getTimeZone() {
    return this._ctx.scriptTimeZone;
  }
  getActiveUserLocale() {
    return this._ctx.userLocale;
  }
  getTemporaryActiveUserKey() {
    return `tmpkey-${Buffer.from(this._ctx.activeUser).toString('base64')}`;
  }
}

function formatLog(args: unknown[]): string {
  if (args.length === 0) return '';
  const [first, ...rest] = args;
  if (typeof first === 'string' && rest.length && /%[sdifoOj]/.test(first)) {
    let i = 0;
    const s = first.replace(/%[sdifoOj]/g, (m) => {
      if (i >= rest.length) return m;
      const v = rest[i++];
      if (m === '%d' || m === '%i') return String(Math.trunc(Number(v)));
      if (m === '%f') return String(Number(v));
      if (m === '%o' || m === '%O' || m === '%j') return JSON.stringify(v);
      return stringify(v);
    });
    return [s, ...rest.slice(i).map(stringify)].join(' ');
  }
  return args.map(stringify).join(' ');
}

function stringify(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Error) return String(v);
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

function record(ctx: FakeContext, source: LogEntry['source'], level: LogEntry['level'], args: unknown[]): string {
  const message = formatLog(args);
  ctx.logs.push({ source, level, message, at: ctx.clock.now() });
  if (ctx.echoLogs)
    (globalThis.console as unknown as Record<string, (...a: unknown[]) => void>)[level](`[gas ${source}] ${message}`);
  return message;
}

export class LoggerImpl extends GasObject {
  constructor(private readonly _ctx: FakeContext) {
    super(_ctx.rt, 'Logger');
  }
  log(...args: unknown[]) {
    record(this._ctx, 'Logger', 'log', args);
    return this;
  }
  getLog() {
    return this._ctx.logs
      .filter((l) => l.source === 'Logger')
      .map((l) => l.message)
      .join('\n');
  }
  clear() {
    for (let i = this._ctx.logs.length - 1; i >= 0; i--)
      if (this._ctx.logs[i].source === 'Logger') this._ctx.logs.splice(i, 1);
  }
}

/**
 * Apps Script's `console` (Stackdriver logging). It is a plain object, not a counted
 * service: its calls do not appear in fake.calls. Entries go to fake.logs.
 */
export function makeConsole(
  ctx: FakeContext,
): Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug' | 'time' | 'timeEnd'> {
  const timers = new Map<string, number>();
  return {
    log: (...a: unknown[]) => void record(ctx, 'console', 'log', a),
    info: (...a: unknown[]) => void record(ctx, 'console', 'info', a),
    warn: (...a: unknown[]) => void record(ctx, 'console', 'warn', a),
    error: (...a: unknown[]) => void record(ctx, 'console', 'error', a),
    debug: (...a: unknown[]) => void record(ctx, 'console', 'debug', a),
    time: (label = 'default') => void timers.set(label, ctx.clock.nowMs()),
    timeEnd: (label = 'default') => {
      const start = timers.get(label);
      if (start === undefined) return;
      timers.delete(label);
      record(ctx, 'console', 'log', [`${label}: ${ctx.clock.nowMs() - start}ms`]);
    },
  };
}
