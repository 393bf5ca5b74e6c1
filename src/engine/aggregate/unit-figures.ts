/**
 * An indicator's per-unit figures (IndicatorSummary.byUnit) kept as the aggregate's numbers until
 * someone reads `byUnit`. At 3,321 units × 35 indicators, byUnit is 116k objects that summarise
 * itself never reads; made eagerly they were a third of what a run keeps alive. The renderings read
 * the numbers through unitFigures() instead, so they never make them either.
 *
 * `byUnit` stays an ordinary enumerable property to everyone else: reading it (JSON.stringify,
 * spreading, toEqual) makes the array once, in place, and from then on it is plain data, so later
 * edits of it are what unitFigures() reads.
 */
import type { IndicatorSummary, UnitFigure } from '../types';

/** The numbers behind one indicator's byUnit: entry i is unit i of `codes` (summary order). */
export interface CompactFigures {
  /** Unit codes and names in summary order; shared by all indicators of a summary. */
  codes: readonly string[];
  names: readonly string[];
  /** Unit i's figures are at period[rank[i]] and ytd[rank[i]]; NaN = null. */
  rank: Int32Array;
  period: Float64Array;
  ytd: Float64Array;
}

const compactOf = new WeakMap<IndicatorSummary, CompactFigures>();

const orNull = (v: number) => (Number.isNaN(v) ? null : v);

function materialise(c: CompactFigures): UnitFigure[] {
  const out: UnitFigure[] = [];
  for (let i = 0; i < c.codes.length; i++) {
    const at = c.rank[i];
    out.push({ unitCode: c.codes[i], unitName: c.names[i], period: orNull(c.period[at]), ytd: orNull(c.ytd[at]) });
  }
  return out;
}

/** Replaces byUnit by a plain data property (in its place among the keys) holding `value`. */
function settle(ind: IndicatorSummary, value: UnitFigure[]): void {
  compactOf.delete(ind);
  Object.defineProperty(ind, 'byUnit', { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Makes `ind.byUnit` (which must already be a key of `ind`, so the key order stays that of an
 * eager byUnit) the figures of `c`, made when first read.
 */
export function setCompactByUnit(ind: IndicatorSummary, c: CompactFigures): void {
  compactOf.set(ind, c);
  let made: UnitFigure[] | undefined;
  Object.defineProperty(ind, 'byUnit', {
    get() {
      made ??= materialise(c);
      compactOf.delete(ind);
      // A frozen summary cannot take the data property: the getter keeps serving the one array.
      if (Object.getOwnPropertyDescriptor(ind, 'byUnit')?.configurable) settle(ind, made);
      return made;
    },
    set(this: IndicatorSummary, value: UnitFigure[]) {
      if (this === ind) settle(ind, value);
      else Object.defineProperty(this, 'byUnit', { value, writable: true, enumerable: true, configurable: true });
    },
    enumerable: true,
    configurable: true,
  });
}

/** Read-only access to one indicator's per-unit figures, in byUnit order, without making objects. */
export interface UnitFigures {
  readonly length: number;
  /** The same object for every indicator of a summary whose units are the same list (for caches). */
  readonly source: object;
  code(i: number): string;
  name(i: number): string;
  period(i: number): number | null;
  ytd(i: number): number | null;
}

/** A view of the aggregate's numbers. */
class CompactView implements UnitFigures {
  readonly length: number;
  readonly source: object;
  constructor(private readonly c: CompactFigures) {
    this.length = c.codes.length;
    this.source = c.codes;
  }
  code(i: number): string {
    return this.c.codes[i];
  }
  name(i: number): string {
    return this.c.names[i];
  }
  period(i: number): number | null {
    return orNull(this.c.period[this.c.rank[i]]);
  }
  ytd(i: number): number | null {
    return orNull(this.c.ytd[this.c.rank[i]]);
  }
}

/** A view of a byUnit array (read live: edits of its entries show). */
class ListView implements UnitFigures {
  readonly source: object;
  constructor(private readonly list: UnitFigure[]) {
    this.source = list;
  }
  get length(): number {
    return this.list.length;
  }
  code(i: number): string {
    return this.list[i].unitCode;
  }
  name(i: number): string {
    return this.list[i].unitName;
  }
  period(i: number): number | null {
    return this.list[i].period;
  }
  ytd(i: number): number | null {
    return this.list[i].ytd;
  }
}

// Renderings ask once per unit and indicator: one view per compact indicator or byUnit array.
const compactViews = new WeakMap<CompactFigures, CompactView>();
const listViews = new WeakMap<UnitFigure[], ListView>();

/** The figures byUnit holds (or would hold when read). */
export function unitFigures(ind: IndicatorSummary): UnitFigures {
  const c = compactOf.get(ind);
  if (c) {
    const seen = compactViews.get(c);
    if (seen) return seen;
    const view = new CompactView(c);
    compactViews.set(c, view);
    return view;
  }
  const list = ind.byUnit;
  const seen = listViews.get(list);
  if (seen) return seen;
  const view = new ListView(list);
  listViews.set(list, view);
  return view;
}

/** Whether `ind.byUnit` has not been made yet (tests: the renderings must not make it). */
export function isCompact(ind: IndicatorSummary): boolean {
  return compactOf.has(ind);
}
