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
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) throw new BusyError();
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}
