/** One action at a time per spreadsheet: LockService's document lock. */
import { LOCK } from '../messages/vi/gas';

/** Thrown when another execution holds the lock; its message is the Vietnamese explanation. */
export class BusyError extends Error {
  constructor() {
    super(LOCK.busy);
    this.name = 'BusyError';
  }
}

export const LOCK_WAIT_MS = 30000;

/**
 * Run `fn` holding the document lock (waiting up to 30 s for another run to finish).
 * Throws BusyError when the lock cannot be had. Falls back to the script lock when the
 * script is not bound to a document.
 */
export function withDocumentLock<T>(fn: () => T, waitMs = LOCK_WAIT_MS): T {
  const done = tryWithDocumentLock(fn, waitMs);
  if (!done) throw new BusyError();
  return done.value;
}

/** Run `fn` holding the document lock (script lock when unbound); null when it could not be had in `waitMs`. */
export function tryWithDocumentLock<T>(fn: () => T, waitMs = LOCK_WAIT_MS): { value: T } | null {
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) return null;
  try {
    return { value: fn() };
  } finally {
    lock.releaseLock();
  }
}
