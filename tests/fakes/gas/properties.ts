/** PropertiesService: string key/value stores with Google's size limits. */
import type { FakeContext } from './context';
import { GAS_ERRORS, GasError } from './errors';
import { GasObject } from './runtime';

export interface PropertyLimits {
  /** Max bytes (UTF-8) of one value. Google: 9 KB. */
  valueBytes: number;
  /** Max bytes (UTF-8, keys + values) of one store. Google: 500 KB. */
  storeBytes: number;
}

export const DEFAULT_PROPERTY_LIMITS: Readonly<PropertyLimits> = Object.freeze({
  valueBytes: 9 * 1024,
  storeBytes: 500 * 1024,
});

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export class PropertyStore {
  readonly data = new Map<string, string>();

  constructor(readonly limits: PropertyLimits) {}

  size(): number {
    let n = 0;
    for (const [k, v] of this.data) n += bytes(k) + bytes(v);
    return n;
  }

  /** Applies all entries or none. */
  apply(entries: [string, string][], deleteAllOthers: boolean): void {
    for (const [, v] of entries)
      if (bytes(v) > this.limits.valueBytes) throw new GasError(GAS_ERRORS.propertyValueTooLarge);
    const next = new Map(deleteAllOthers ? [] : this.data);
    for (const [k, v] of entries) next.set(k, v);
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > this.limits.storeBytes) throw new GasError(GAS_ERRORS.propertyStoreFull);
    this.data.clear();
    for (const [k, v] of next) this.data.set(k, v);
  }

  toObject(): Record<string, string> {
    return Object.fromEntries(this.data);
  }
}

export class PropertiesState {
  readonly script: PropertyStore;
  readonly user = new Map<string, PropertyStore>();
  readonly document = new Map<string, PropertyStore>();

  constructor(readonly limits: PropertyLimits) {
    this.script = new PropertyStore(limits);
  }
  userStore(email: string): PropertyStore {
    let s = this.user.get(email);
    if (!s) {
      s = new PropertyStore(this.limits);
      this.user.set(email, s);
    }
    return s;
  }
  documentStore(id: string): PropertyStore {
    let s = this.document.get(id);
    if (!s) {
      s = new PropertyStore(this.limits);
      this.document.set(id, s);
    }
    return s;
  }
}

function keyOf(key: unknown): string {
  if (key === null || key === undefined) throw new GasError(GAS_ERRORS.invalidArgument('key'));
  return String(key);
}

export class PropertiesImpl extends GasObject {
  constructor(
    ctx: FakeContext,
    private readonly _store: PropertyStore,
  ) {
    super(ctx.rt, 'Properties');
  }
  getProperty(key: string) {
    return this._store.data.get(keyOf(key)) ?? null;
  }
  /** Values are stored as strings (String(value)). */
  setProperty(key: string, value: unknown) {
    this._store.apply([[keyOf(key), String(value)]], false);
    return this;
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers = false) {
    this._store.apply(
      Object.entries(properties).map(([k, v]) => [k, String(v)]),
      Boolean(deleteAllOthers),
    );
    return this;
  }
  /** A copy, not a live view. */
  getProperties() {
    return this._store.toObject();
  }
  getKeys() {
    return [...this._store.data.keys()];
  }
  deleteProperty(key: string) {
    this._store.data.delete(keyOf(key));
    return this;
  }
  deleteAllProperties() {
    this._store.data.clear();
    return this;
  }
}

export class PropertiesServiceImpl extends GasObject {
  constructor(
    private readonly _ctx: FakeContext,
    private readonly _state: PropertiesState,
  ) {
    super(_ctx.rt, 'PropertiesService');
  }
  getScriptProperties() {
    return new PropertiesImpl(this._ctx, this._state.script);
  }
  getUserProperties() {
    return new PropertiesImpl(this._ctx, this._state.userStore(this._ctx.activeUser || this._ctx.effectiveUser));
  }
  /** Per active spreadsheet; null when there is none (standalone script), as in Apps Script. */
  getDocumentProperties() {
    const id = this._ctx.activeDocumentId();
    return id === null ? null : new PropertiesImpl(this._ctx, this._state.documentStore(id));
  }
}
