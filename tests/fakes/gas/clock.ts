/** Controllable time for the fake. Nothing in the fake reads the real clock. */
export class FakeClock {
  private _ms: number;

  constructor(start: Date | number) {
    this._ms = typeof start === 'number' ? start : start.getTime();
  }

  /** The fake "now" as a fresh Date. */
  now(): Date {
    return new Date(this._ms);
  }

  nowMs(): number {
    return this._ms;
  }

  set(date: Date | number): void {
    this._ms = typeof date === 'number' ? date : date.getTime();
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`clock.advance: ms must be >= 0, got ${ms}`);
    this._ms += ms;
  }
}

/**
 * A `Date` constructor bound to a FakeClock: `new FakeDate()` and `FakeDate.now()`
 * read the fake clock; every other form behaves like `Date`.
 */
export function makeFakeDate(clock: FakeClock): DateConstructor {
  class FakeDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.nowMs());
      else super(...(args as [string | number | Date]));
    }

    static override now(): number {
      return clock.nowMs();
    }

    /** Any Date (from any realm, made before or after install) counts as a FakeDate. */
    static override [Symbol.hasInstance](x: unknown): boolean {
      return Object.prototype.toString.call(x) === '[object Date]';
    }
  }
  return FakeDate as unknown as DateConstructor;
}
