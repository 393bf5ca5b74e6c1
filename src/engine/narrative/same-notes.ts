/**
 * A unit's same note in several months of a period (typed once in cells merged over a quarter, or
 * copied into each month) is one note with its months, not the same text quoted once a month.
 */

/** A note of the period: one unit's text of one month. */
export interface MonthNote {
  unitCode: string;
  unitName: string;
  month: number;
  text: string;
}

/** A unit's note with the months it was given in, in order (the first month's fields kept). */
export type SameNote<N extends MonthNote> = N & { months: number[] };

/**
 * `notes` with each unit's notes of the same `key` (the cleaned text) made one, at the place of
 * its first; different texts stay apart, in their order. Months ascending, each once.
 */
export function sameNotes<N extends MonthNote>(notes: readonly N[], key: (n: N) => string): SameNote<N>[] {
  const out: SameNote<N>[] = [];
  const at = new Map<string, SameNote<N>>();
  for (const n of notes) {
    const k = `${n.unitCode}\u0000${key(n)}`;
    const seen = at.get(k);
    if (!seen) {
      const first = { ...n, months: [n.month] };
      at.set(k, first);
      out.push(first);
    } else if (!seen.months.includes(n.month)) {
      seen.months.push(n.month);
      seen.months.sort((a, b) => a - b);
    }
  }
  return out;
}
