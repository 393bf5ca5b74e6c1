/**
 * LockService. "This execution" is the code under test; `fake.locks.hold*()` makes
 * another (simulated) execution hold a lock, optionally releasing it after some
 * milliseconds of fake time. Waiting for a lock advances the fake clock.
 */
import type { FakeContext } from './context';
import { GAS_ERRORS, GasError } from './errors';
import { GasObject } from './runtime';

export type LockScope = 'script' | 'document' | 'user';

interface LockSlot {
  holder: 'self' | 'other' | null;
  /** When another execution holds it: the fake time it lets go (Infinity = never). */
  otherUntil: number;
}

export class LockState {
  private slots = new Map<string, LockSlot>();

  constructor(private readonly ctx: FakeContext) {}

  key(scope: LockScope, docId?: string | null): string {
    if (scope === 'document') return `document:${docId ?? this.ctx.activeDocumentId() ?? ''}`;
    if (scope === 'user') return `user:${this.ctx.effectiveUser}`;
    return 'script';
  }

  slot(key: string): LockSlot {
    let s = this.slots.get(key);
    if (!s) {
      s = { holder: null, otherUntil: 0 };
      this.slots.set(key, s);
    }
    if (s.holder === 'other' && s.otherUntil <= this.ctx.clock.nowMs()) s.holder = null;
    return s;
  }

  private hold(scope: LockScope, opts: { releaseAfterMs?: number; documentId?: string } = {}): () => void {
    const key = this.key(scope, opts.documentId);
    const s = this.slot(key);
    s.holder = 'other';
    s.otherUntil =
      opts.releaseAfterMs === undefined ? Number.POSITIVE_INFINITY : this.ctx.clock.nowMs() + opts.releaseAfterMs;
    return () => {
      const cur = this.slot(key);
      if (cur.holder === 'other') cur.holder = null;
    };
  }

  /** Another execution holds the document lock (of the active spreadsheet unless documentId given). Returns a release function. */
  holdDocumentLock(opts?: { releaseAfterMs?: number; documentId?: string }): () => void {
    return this.hold('document', opts);
  }
  holdScriptLock(opts?: { releaseAfterMs?: number }): () => void {
    return this.hold('script', opts);
  }
  holdUserLock(opts?: { releaseAfterMs?: number }): () => void {
    return this.hold('user', opts);
  }
  /** Who holds each lock right now. */
  state(): Record<string, 'self' | 'other' | null> {
    const out: Record<string, 'self' | 'other' | null> = {};
    for (const k of this.slots.keys()) out[k] = this.slot(k).holder;
    return out;
  }
  /** Ends the simulated execution: releases everything (as Apps Script does at script end). */
  releaseAll(): void {
    this.slots.clear();
  }
}

export class LockImpl extends GasObject {
  constructor(
    private readonly _ctx: FakeContext,
    private readonly _state: LockState,
    private readonly _key: string,
  ) {
    super(_ctx.rt, 'Lock');
  }

  private _acquire(timeoutInMillis: number): boolean {
    const s = this._state.slot(this._key);
    if (s.holder !== 'other') {
      s.holder = 'self';
      return true;
    }
    const wait = s.otherUntil - this._ctx.clock.nowMs();
    if (wait <= timeoutInMillis) {
      this._rt.modelledMs += wait;
      this._ctx.clock.advance(wait);
      s.holder = 'self';
      return true;
    }
    const t = Math.max(0, timeoutInMillis);
    this._rt.modelledMs += t;
    this._ctx.clock.advance(t);
    return false;
  }

  tryLock(timeoutInMillis: number) {
    return this._acquire(Number(timeoutInMillis) || 0);
  }
  waitLock(timeoutInMillis: number) {
    if (!this._acquire(Number(timeoutInMillis) || 0)) throw new GasError(GAS_ERRORS.lockTimeout);
  }
  hasLock() {
    return this._state.slot(this._key).holder === 'self';
  }
  releaseLock() {
    const s = this._state.slot(this._key);
    if (s.holder === 'self') s.holder = null;
  }
}

export class LockServiceImpl extends GasObject {
  constructor(
    private readonly _ctx: FakeContext,
    private readonly _state: LockState,
  ) {
    super(_ctx.rt, 'LockService');
  }
  getScriptLock() {
    return new LockImpl(this._ctx, this._state, this._state.key('script'));
  }
  getUserLock() {
    return new LockImpl(this._ctx, this._state, this._state.key('user'));
  }
  /** null when there is no active document, as in Apps Script. */
  getDocumentLock() {
    if (this._ctx.activeDocumentId() === null) return null;
    return new LockImpl(this._ctx, this._state, this._state.key('document'));
  }
}
