/** "Now" for the add-on, replaceable in tests (Apps Script has only the real clock). */
let source: () => Date = () => new Date();

export function now(): Date {
  return new Date(source().getTime());
}

/** Tests: make the add-on read another clock; `null` restores the real one. */
export function setNowSource(fn: (() => Date) | null): void {
  source = fn ?? (() => new Date());
}
