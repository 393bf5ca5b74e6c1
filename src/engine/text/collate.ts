/**
 * Vietnamese alphabetical order without Intl.Collator (Apps Script's ICU data is not
 * guaranteed to know Vietnamese). Dictionary order:
 *   1. letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
 *      (f j w z, absent from Vietnamese, keep their Latin place);
 *   2. then tones, left to right: none < huyền < hỏi < ngã < sắc < nặng;
 *   3. then lower case before upper case.
 * Spaces sort before punctuation, punctuation before digits, digits before letters.
 */
import { cleanText, memoText } from './normalize';

const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
const LETTER_RANK = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));

// Combining marks that make a new letter (ă â ê ô ơ ư) …
const MODIFIER: Record<string, string> = { '\u0306': 'breve', '\u0302': 'circumflex', '\u031B': 'horn' };
const MODIFIED: Record<string, string> = {
  'a breve': 'ă',
  'a circumflex': 'â',
  'e circumflex': 'ê',
  'o circumflex': 'ô',
  'o horn': 'ơ',
  'u horn': 'ư',
};
// … and the five tone marks, in dictionary order.
const TONE: Record<string, number> = { '\u0300': 1, '\u0309': 2, '\u0303': 3, '\u0301': 4, '\u0323': 5 };

const SPACE = 0;
const PUNCT = 1; // + code point
const DIGIT = 0x200000; // beyond any code point
const VI_LETTER = 0x300000;
const OTHER_LETTER = 0x400000; // + code point
const LETTER = /\p{L}/u;

interface Key {
  primary: number[];
  tones: number[];
  cases: number[];
  text: string;
}

function makeSortKey(s: string): Key {
  const text = cleanText(s);
  const chars = [...text.normalize('NFD')];
  const primary: number[] = [];
  const tones: number[] = [];
  const cases: number[] = [];
  for (const ch of chars) {
    const last = primary.length - 1;
    if (ch in TONE) {
      if (last >= 0) tones[last] = TONE[ch];
      continue;
    }
    if (ch in MODIFIER) {
      const prevLetter = last >= 0 ? ALPHABET[primary[last] - VI_LETTER] : undefined;
      const made = prevLetter ? MODIFIED[`${prevLetter} ${MODIFIER[ch]}`] : undefined;
      if (made) primary[last] = VI_LETTER + (LETTER_RANK.get(made) as number);
      continue;
    }
    if (/[\u0300-\u036f]/.test(ch)) continue; // other combining marks: ignore
    const lower = ch.toLocaleLowerCase('vi');
    cases.push(lower === ch ? 0 : 1);
    tones.push(0);
    const rank = LETTER_RANK.get(lower);
    if (rank !== undefined) primary.push(VI_LETTER + rank);
    else if (ch === ' ') primary.push(SPACE);
    else if (ch >= '0' && ch <= '9') primary.push(DIGIT + Number(ch));
    else if (LETTER.test(ch)) primary.push(OTHER_LETTER + (lower.codePointAt(0) as number));
    else primary.push(PUNCT + (ch.codePointAt(0) as number));
  }
  return { primary, tones, cases, text };
}

/** Sorting compares each name many times: its key is built once (keys are never changed). */
const sortKey = memoText(makeSortKey);

function compareArrays(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

/** Negative when a sorts before b in Vietnamese order, 0 only for the same cleaned text. */
export function compareVi(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  const c =
    compareArrays(ka.primary, kb.primary) || compareArrays(ka.tones, kb.tones) || compareArrays(ka.cases, kb.cases);
  if (c) return Math.sign(c);
  return ka.text < kb.text ? -1 : ka.text > kb.text ? 1 : 0;
}

/**
 * Sort a copy in Vietnamese order; each key is computed once. `tie` orders items whose
 * texts are the same (compareVi 0), e.g. units of the same name by code.
 */
export function sortVi<T>(items: readonly T[], text: (item: T) => string, tie?: (a: T, b: T) => number): T[] {
  const keyed = items.map((item) => ({ item, key: sortKey(text(item)) }));
  keyed.sort(
    (x, y) =>
      compareArrays(x.key.primary, y.key.primary) ||
      compareArrays(x.key.tones, y.key.tones) ||
      compareArrays(x.key.cases, y.key.cases) ||
      (x.key.text < y.key.text ? -1 : x.key.text > y.key.text ? 1 : 0) ||
      (tie ? tie(x.item, y.item) : 0),
  );
  return keyed.map((k) => k.item);
}
