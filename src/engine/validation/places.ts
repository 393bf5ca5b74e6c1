/**
 * Where a catalogue's flows or stocks sit in a report's numbers (k × 12), for the code positions
 * last met. A read's reports share one layout (6,642 reports at national scale), so the places are
 * worked out again only when the positions change, not with a map look-up per indicator per report
 * in checks that find nothing in most reports.
 */
import type { Catalogue, Indicator } from '../types';

export interface Places {
  /** The catalogue's numeric indicators added over months ('sum') or carried ('last'). */
  indicators: Indicator[];
  /** Per indicator its place in the numbers, -1 when the layout has none. */
  places: Int32Array;
  /** The places that exist (≥ 0), in catalogue order. */
  found: Int32Array;
}

interface Cached extends Places {
  position: ReadonlyMap<string, number> | null;
}
const cache = new WeakMap<Catalogue, Partial<Record<Indicator['overMonths'], Cached>>>();

export function numberPlaces(
  catalogue: Catalogue,
  overMonths: Indicator['overMonths'],
  position: ReadonlyMap<string, number>,
): Places {
  let byKind = cache.get(catalogue);
  if (!byKind) {
    byKind = {};
    cache.set(catalogue, byKind);
  }
  let c = byKind[overMonths];
  if (!c) {
    const indicators = catalogue.indicators.filter((i) => i.overMonths === overMonths && i.kind !== 'note');
    c = { indicators, position: null, places: new Int32Array(0), found: new Int32Array(0) };
    byKind[overMonths] = c;
  }
  if (c.position !== position) {
    c.places = Int32Array.from(c.indicators, (ind) => {
      const k = position.get(ind.code);
      return k === undefined ? -1 : k * 12;
    });
    c.found = c.places.filter((p) => p >= 0);
    c.position = position;
  }
  return c;
}
