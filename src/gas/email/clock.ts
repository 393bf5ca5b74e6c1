/**
 * Injectable time for the e-mail jobs. It is the add-on's clock (src/gas/clock.ts), so a
 * test that moves time moves it for "Tổng hợp" and for the e-mail job alike: "4.5 minutes
 * later" and "the 17th at 7 o'clock" are under the test's control.
 */
import { now as addonNow, setNowSource } from '../clock';

/** The current time (a fresh Date). */
export function now(): Date {
  return addonNow();
}

export function nowMs(): number {
  return addonNow().getTime();
}

/** Replace the time source (tests); `null` restores the real clock. */
export function setClock(fn: (() => Date) | null): void {
  setNowSource(fn);
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
