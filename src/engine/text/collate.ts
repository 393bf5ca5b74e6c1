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
// By code point: U+0300 huyền, U+0309 hỏi, U+0303 ngã, U+0301 sắc, U+0323 nặng.
const TONE_OF: Record<number, number> = { 768: 1, 777: 2, 771: 3, 769: 4, 803: 5 };
const ASCII_RANK = [...'abcdefghijklmnopqrstuvwxyz'].map((c) => LETTER_RANK.get(c) as number);

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
  const nfd = text.normalize('NFD');
  const primary: number[] = [];
  const tones: number[] = [];
  const cases: number[] = [];
  // By code point, with ASCII (most of every name) handled without building strings.
  for (let i = 0; i < nfd.length; ) {
    const cp = nfd.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    const last = primary.length - 1;
    if (cp >= 0x300 && cp <= 0x36f) {
      const tone = TONE_OF[cp];
      if (tone !== undefined) {
        if (last >= 0) tones[last] = tone;
        continue;
      }
      const modifier = MODIFIER[String.fromCharCode(cp)];
      if (modifier !== undefined) {
        const prevLetter = last >= 0 ? ALPHABET[primary[last] - VI_LETTER] : undefined;
        const made = prevLetter ? MODIFIED[`${prevLetter} ${modifier}`] : undefined;
        if (made) primary[last] = VI_LETTER + (LETTER_RANK.get(made) as number);
      }
      continue; // other combining marks: ignore
    }
    tones.push(0);
    if (cp < 0x80) {
      const upper = cp >= 65 && cp <= 90;
      cases.push(upper ? 1 : 0);
      const lower = upper ? cp + 32 : cp;
      if (lower >= 97 && lower <= 122) primary.push(VI_LETTER + ASCII_RANK[lower - 97]);
      else if (cp === 32) primary.push(SPACE);
      else if (cp >= 48 && cp <= 57) primary.push(DIGIT + cp - 48);
      else primary.push(PUNCT + cp);
      continue;
    }
    const ch = String.fromCodePoint(cp);
    // toLowerCase is Vietnamese lower case (no special casing; normalize.test.ts checks it).
    const lower = ch.toLowerCase();
    cases.push(lower === ch ? 0 : 1);
    const rank = LETTER_RANK.get(lower);
    if (rank !== undefined) primary.push(VI_LETTER + rank);
    else if (LETTER.test(ch)) primary.push(OTHER_LETTER + (lower.codePointAt(0) as number));
    else primary.push(PUNCT + cp);
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
