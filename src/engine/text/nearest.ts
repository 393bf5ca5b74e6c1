/**
 * The known word a mistyped one most likely meant ("agregate" → "aggregate", "formerUnit" →
 * "formerUnits"), or null when none is close: at most 2 edits apart (1 for a word of 4 letters or
 * fewer, as "temp" is 2 from "demo"), a prefix counting its missing letters as edits.
 * `fold` makes both sides comparable first (case, diacritics, punctuation).
 */
export function nearest(typed: string, known: readonly string[], fold: (s: string) => string): string | null {
  const k = fold(typed);
  if (k === '') return null;
  let best: string | null = null;
  let bestScore = k.length <= 4 ? 2 : 3;
  for (const c of known) {
    const f = fold(c);
    const score = f === k ? 0 : f.startsWith(k) || k.startsWith(f) ? Math.abs(f.length - k.length) : editDistance(f, k);
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

/** Levenshtein distance, with a swap of two neighbouring letters counted as one edit ("chekc"). */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length];
}
