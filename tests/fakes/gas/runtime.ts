/**
 * The one wrapper every fake service object goes through.
 *
 * Each implementation object (a subclass of GasObject) is registered under an Apps
 * Script class name and handed to scripts only as a Proxy ("API object"). Calling any
 * method on an API object: counts the call as 'Class.method', charges modelled latency,
 * runs fault injection, unwraps API objects among the arguments, calls the
 * implementation, and wraps implementation objects in the result. Members whose name
 * starts with '_' are internal and invisible through the proxy.
 */
import { CallStats } from './calls';
import type { FakeClock } from './clock';
import { FaultRegistry } from './faults';
import { costOf, type LatencyModel } from './latency';

type AnyFn = (...args: unknown[]) => unknown;

export class GasRuntime {
  readonly calls = new CallStats();
  readonly faults = new FaultRegistry();
  modelledMs = 0;

  private readonly implToApi = new WeakMap<object, object>();
  private readonly apiToImpl = new WeakMap<object, object>();
  private readonly methodCache = new WeakMap<object, Map<string, AnyFn>>();

  constructor(
    readonly clock: FakeClock,
    public latency: LatencyModel,
    /** When true, modelled latency also moves the fake clock (as real calls take time). */
    public latencyAdvancesClock: boolean,
  ) {}

  /** Spend modelled time (service latency, Utilities.sleep, lock waits). */
  spend(ms: number): void {
    if (!(ms > 0)) return;
    this.modelledMs += ms;
    if (this.latencyAdvancesClock) this.clock.advance(ms);
  }

  register(impl: object, className: string): object {
    const existing = this.implToApi.get(impl);
    if (existing) return existing;
    const api = new Proxy(impl, this.handler(className));
    this.implToApi.set(impl, api);
    this.apiToImpl.set(api, impl);
    return api;
  }

  /** The API (proxy) object for an implementation object. */
  api<T extends object>(impl: T): T {
    const api = this.implToApi.get(impl);
    if (!api) throw new Error('fake runtime: object is not a registered service object');
    return api as T;
  }

  /** The implementation object behind an API object (identity for anything else). */
  unwrap<T>(x: T): T {
    if (x !== null && typeof x === 'object') {
      const impl = this.apiToImpl.get(x as unknown as object);
      if (impl) return impl as T;
    }
    return x;
  }

  isApi(x: unknown): boolean {
    return x !== null && typeof x === 'object' && this.apiToImpl.has(x as object);
  }

  private unwrapDeep(x: unknown, depth = 0): unknown {
    if (Array.isArray(x) && depth < 3) {
      let changed = false;
      const out = x.map((e) => {
        const u = this.unwrapDeep(e, depth + 1);
        if (u !== e) changed = true;
        return u;
      });
      return changed ? out : x;
    }
    return this.unwrap(x);
  }

  /** Maps implementation objects to API objects; arrays are copied only when something changes. */
  private exportDeep(x: unknown, depth = 0): unknown {
    if (x === null || typeof x !== 'object') return x;
    if (Array.isArray(x)) {
      if (depth >= 3) return x;
      let out: unknown[] | null = null;
      for (let i = 0; i < x.length; i++) {
        const e = x[i];
        if (e === null || typeof e !== 'object') continue;
        const m = this.exportDeep(e, depth + 1);
        if (m !== e) {
          if (!out) out = x.slice();
          out[i] = m;
        }
      }
      return out ?? x;
    }
    return this.implToApi.get(x) ?? x;
  }

  private handler(className: string): ProxyHandler<object> {
    return {
      get: (target, prop) => {
        if (typeof prop === 'symbol') return Reflect.get(target, prop);
        if (prop.startsWith('_') || prop === 'constructor') return undefined;
        const value = Reflect.get(target, prop);
        if (typeof value !== 'function') return value;
        return this.method(className, target, prop, value as AnyFn);
      },
      has: (target, prop) => (typeof prop === 'string' && prop.startsWith('_') ? false : Reflect.has(target, prop)),
      ownKeys: (target) => Reflect.ownKeys(target).filter((k) => typeof k !== 'string' || !k.startsWith('_')),
      set: (target, prop, value) => {
        if (typeof prop === 'string' && prop.startsWith('_')) return false;
        return Reflect.set(target, prop, value);
      },
    };
  }

  private method(className: string, target: object, prop: string, fn: AnyFn): AnyFn {
    let cache = this.methodCache.get(target);
    if (!cache) {
      cache = new Map();
      this.methodCache.set(target, cache);
    }
    const hit = cache.get(prop);
    if (hit) return hit;
    const key = `${className}.${prop}`;
    const rt = this;
    const wrapped = {
      [prop](...args: unknown[]): unknown {
        rt.calls.record(key);
        rt.spend(costOf(rt.latency, key, prop, args));
        rt.faults.check(key, args);
        const implArgs = args.map((a) => rt.unwrapDeep(a));
        return rt.exportDeep(fn.apply(target, implArgs));
      },
    }[prop] as AnyFn;
    cache.set(prop, wrapped);
    return wrapped;
  }
}

/** Base class of every implementation object: registers it with the runtime. */
export abstract class GasObject {
  protected constructor(
    readonly _rt: GasRuntime,
    className: string,
  ) {
    _rt.register(this, className);
  }

  /** This object as scripts see it. */
  get _api(): this {
    return this._rt.api(this);
  }
}
