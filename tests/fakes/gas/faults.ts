import { GasError } from './errors';

export type FaultError = string | Error | ((args: unknown[]) => Error);

export interface FaultSpec {
  /**
   * Which calls: 'SpreadsheetApp.openById' (exact), 'Range.*' (any method of a class),
   * or a bare method name 'setValues' (that method on any class).
   */
  method: string;
  /** Only calls whose (API-level) arguments satisfy this predicate. */
  when?: (args: unknown[]) => boolean;
  /** A message (thrown as `new GasError(message)`, an Error subclass), an Error, or a factory. */
  error: FaultError;
  /** How many times the fault fires before it disarms. Default: unlimited. */
  times?: number;
  /** Let this many matching calls pass before the fault starts firing. Default 0. */
  skip?: number;
}

export interface FaultHandle {
  readonly spec: FaultSpec;
  /** Matching calls seen so far (including skipped ones). */
  readonly seen: number;
  /** Times the fault has fired. */
  readonly fired: number;
  readonly exhausted: boolean;
  remove(): void;
}

class Fault implements FaultHandle {
  seen = 0;
  fired = 0;

  constructor(
    readonly spec: FaultSpec,
    private readonly owner: FaultRegistry,
  ) {}

  get exhausted(): boolean {
    return this.spec.times !== undefined && this.fired >= this.spec.times;
  }

  remove(): void {
    this.owner.remove(this);
  }

  matches(key: string): boolean {
    const m = this.spec.method;
    if (m === key || m === '*') return true;
    const dot = key.indexOf('.');
    if (m.endsWith('.*')) return key.slice(0, dot) === m.slice(0, -2);
    if (!m.includes('.')) return key.slice(dot + 1) === m;
    return false;
  }

  makeError(args: unknown[]): Error {
    const e = this.spec.error;
    if (typeof e === 'string') return new GasError(e);
    if (typeof e === 'function') return e(args);
    return e;
  }
}

/** Fault injection: makes chosen service calls throw. Checked before the call runs. */
export class FaultRegistry {
  private faults: Fault[] = [];

  add(spec: FaultSpec): FaultHandle {
    if (!spec || typeof spec.method !== 'string') throw new TypeError('faults.add: spec.method is required');
    const f = new Fault({ ...spec }, this);
    this.faults.push(f);
    return f;
  }

  /**
   * Fail the n-th call (1-based, counted from now) of `method`, e.g. `afterCalls(3,
   * 'Range.setValues', msg)` lets two setValues through and throws on the third. With
   * `times` > 1 the following calls fail too.
   */
  afterCalls(n: number, method: string, error: FaultError, times = 1): FaultHandle {
    if (!(n >= 1)) throw new RangeError('faults.afterCalls: n must be >= 1');
    return this.add({ method, error, skip: n - 1, times });
  }

  list(): readonly FaultHandle[] {
    return this.faults;
  }

  clear(): void {
    this.faults = [];
  }

  remove(handle: FaultHandle): void {
    this.faults = this.faults.filter((f) => f !== handle);
  }

  /** Called by the runtime for every service call; throws when a fault fires. */
  check(key: string, args: unknown[]): void {
    for (const f of this.faults) {
      if (f.exhausted || !f.matches(key)) continue;
      if (f.spec.when && !f.spec.when(args)) continue;
      f.seen += 1;
      if (f.seen <= (f.spec.skip ?? 0)) continue;
      f.fired += 1;
      throw f.makeError(args);
    }
  }
}
