/**
 * In a merger's year an old unit and the new one may share a name ("Mường Nhé" before and after
 * 01/07/2025), and each has a report sheet of that year: this says which months each one reports,
 * so the template can say so where the clerk looks (buildUnitSheet's title and note).
 */
import { isRenamedFrom, isRenaming, monthsBeforeMerger } from '../aggregate/succession';
import type { Unit } from '../types';
import type { MergerSpan } from './layout';

/**
 * The span of `unit`'s sheet of `year`, or null outside a merger's year (or a merger on the
 * year's first window). A new unit that keeps an old unit's code reports every month: 'continuing'.
 * `units`: the current units (with `succession`); `formerUnits`: the old ones, named.
 */
export function mergerSpan(
  unit: Pick<Unit, 'code' | 'succession'>,
  year: number,
  units: readonly Unit[],
  formerUnits: readonly Unit[],
  cutoffDay: number,
): MergerSpan | null {
  const before = (from: string) => (Number(from.slice(0, 4)) === year ? monthsBeforeMerger(from, year, cutoffDay) : 0);
  const current = new Set(units.map((u) => u.code));
  const takersOf = (code: string) => units.filter((u) => u.succession?.predecessors.includes(code));
  const s = unit.succession;
  if (s?.predecessors.length) {
    const n = before(s.from);
    if (n > 0 && n < 12) {
      const keeps = s.predecessors.includes(unit.code);
      const olds = keeps ? s.predecessors.filter((c) => c !== unit.code) : s.predecessors;
      // Named only when every old unit is (a partial list would read as the whole of it).
      const named = olds.map((code) => formerUnits.find((f) => f.code === code));
      const others = named.every((u) => u !== undefined) ? named : [];
      if (keeps) return olds.length ? { role: 'continuing', first: n + 1, last: 12, from: s.from, others } : null;
      const rename = isRenaming(unit, units);
      return { role: 'successor', first: n + 1, last: 12, from: s.from, others, ...(rename ? { rename } : {}) };
    }
  }
  if (current.has(unit.code)) return null;
  // An old unit: the new units that took it in this year (several when it was split).
  const takers = takersOf(unit.code);
  const n = Math.max(0, ...takers.map((u) => before(u.succession?.from ?? '')));
  if (n <= 0 || n >= 12) return null;
  const from = takers.find((u) => before(u.succession?.from ?? '') === n)?.succession?.from ?? '';
  const rename = isRenamedFrom(unit.code, units);
  return { role: 'former', first: 1, last: n, from, others: takers, ...(rename ? { rename } : {}) };
}
