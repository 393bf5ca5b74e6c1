/**
 * Look-ups by unit code for the renderings. A province lists 45–130 units, the country 3,321:
 * searching the unit list once per unit and indicator made the summary workbook quadratic
 * (3.2 s at 3,321 units). Each index is built once per list and kept while that list object
 * lives (and is rebuilt if the list grew or shrank since).
 */
import { unitFigures } from '../aggregate/unit-figures';
import type { IndicatorSummary, Summary, Unit } from '../types';

type Row = Summary['completeness']['rows'][number];

function indexer<T, V>(key: (item: T) => string, value: (item: T) => V) {
  const cache = new WeakMap<readonly T[], { size: number; map: Map<string, V> }>();
  return (list: readonly T[]): Map<string, V> => {
    let hit = cache.get(list);
    if (!hit || hit.size !== list.length) {
      const map = new Map<string, V>();
      // The first of a code wins, as Array.find did.
      for (const item of list) if (!map.has(key(item))) map.set(key(item), value(item));
      hit = { size: list.length, map };
      cache.set(list, hit);
    }
    return hit.map;
  };
}

const unitIndex = indexer<Unit, Unit>(
  (u) => u.code,
  (u) => u,
);
const rowIndex = indexer<Row, Row>(
  (r) => r.unitCode,
  (r) => r,
);
// Per list of figures (one list of unit codes serves all indicators of a summary): code → entry.
const figureIndex = new WeakMap<object, { size: number; map: Map<string, number> }>();
const codeSet = indexer<string, true>(
  (c) => c,
  () => true,
);

/** The unit of `code` in the summary's unit list. */
export function unitOf(summary: Summary, code: string): Unit | undefined {
  return unitIndex(summary.units).get(code);
}

/** The completeness row of `code`. */
export function completenessRowOf(summary: Summary, code: string): Row | undefined {
  return rowIndex(summary.completeness.rows).get(code);
}

/** The report of `code` could not be read (listed as "không đọc được", not "chưa nộp"). */
export function isUnreadable(summary: Summary, code: string): boolean {
  return codeSet(summary.unreadableUnits).has(code);
}

/** Where `code` is in `ind`'s unit figures, undefined when it is not. */
function figureAt(ind: IndicatorSummary, code: string): number | undefined {
  const figures = unitFigures(ind);
  let hit = figureIndex.get(figures.source);
  if (!hit || hit.size !== figures.length) {
    const map = new Map<string, number>();
    for (let i = 0; i < figures.length; i++) if (!map.has(figures.code(i))) map.set(figures.code(i), i);
    hit = { size: figures.length, map };
    figureIndex.set(figures.source, hit);
  }
  return hit.map.get(code);
}

/** A unit's figure of the period for one indicator, null when it has none. */
export function unitPeriod(ind: IndicatorSummary, code: string): number | null {
  const at = figureAt(ind, code);
  return at === undefined ? null : (unitFigures(ind).period(at) ?? null);
}

/** A unit's figure from the year's start (a stock's: "đến nay"), null when it has none. */
export function unitYtd(ind: IndicatorSummary, code: string): number | null {
  const at = figureAt(ind, code);
  return at === undefined ? null : (unitFigures(ind).ytd(at) ?? null);
}
