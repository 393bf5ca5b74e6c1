/**
 * "Now" for the add-on, replaceable in tests (Apps Script has only the real clock): one clock for
 * every menu action and the e-mail jobs, so a test that moves time moves it for "Tổng hợp" and for
 * the e-mail job alike ("4.5 minutes later", "the 17th at 7 o'clock"); and the 4.5-minute budget of
 * one execution (RunBudget), measured with it.
 */
let source: () => Date = () => new Date();

export function now(): Date {
  return new Date(source().getTime());
}

/** Tests: make the add-on read another clock; `null` restores the real one. */
export function setNowSource(fn: (() => Date) | null): void {
  source = fn ?? (() => new Date());
}

export function nowMs(): number {
  return now().getTime();
}

/** Apps Script stops an execution at 6 minutes; we stop starting new work after 4.5. */
export const SOFT_LIMIT_MS = 4.5 * 60 * 1000;

/** Elapsed time of one execution, measured with the injectable clock. */
export class RunBudget {
  readonly startedMs: number;

  constructor(readonly limitMs = SOFT_LIMIT_MS) {
    this.startedMs = nowMs();
  }

  elapsedMs(): number {
    return nowMs() - this.startedMs;
  }

  /** True once the run has used more than its soft limit: save progress and hand over. */
  exhausted(): boolean {
    return this.elapsedMs() > this.limitMs;
  }
}
