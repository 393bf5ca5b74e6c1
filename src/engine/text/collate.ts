/**
 * Vietnamese alphabetical order without Intl.Collator (Apps Script's ICU data is not
 * guaranteed to know Vietnamese). Dictionary order:
 *   1. letters a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
 *      (f j w z, absent from Vietnamese, keep their Latin place);
 *   2. then tones, left to right: none < huyền < hỏi < ngã < sắc < nặng;
 *   3. then lower case before upper case.
 * Spaces sort before punctuation, punctuation before numbers, numbers before letters; numbers by
 * value ("Phường 2" before "Phường 10").
 */
import { cleanText, isClean, memoText } from './normalize';

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

/** The key of a text cleaned already (cleanText): the order compares these arrays in turn. */
function keyOfClean(text: string): Key {
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

/**
 * A key as one text that compares (by UTF-16 code units, `<`) as the arrays do, one after the
 * other: primary, tones, cases, then the text itself. Each array element gets a code that no
 * other code begins, in the elements' order, and U+0000 (below every code) ends each array, so a
 * shorter array comes before any it begins. Sorting then compares plain texts.
 */
function keyText(k: Key): string {
  let p = '';
  for (let i = 0; i < k.primary.length; i++) {
    if (k.primary[i] >= DIGIT && k.primary[i] < VI_LETTER) {
      // A run of digits is one number: its length first ("Phường 2" before "Phường 10").
      let end = i;
      while (end < k.primary.length && k.primary[end] >= DIGIT && k.primary[end] < VI_LETTER) end++;
      let start = i;
      while (start < end - 1 && k.primary[start] === DIGIT) start++; // leading zeros
      p += String.fromCharCode(RUN_LENGTH + Math.min(end - start, MAX_RUN));
      for (let x = start; x < end; x++) p += primaryCode(k.primary[x]);
      i = end - 1;
      continue;
    }
    p += primaryCode(k.primary[i]);
  }
  let t = '';
  for (let i = 0; i < k.tones.length; i++) t += String.fromCharCode(k.tones[i] + 1);
  let c = '';
  for (let i = 0; i < k.cases.length; i++) c += String.fromCharCode(k.cases[i] + 1);
  return `${p}\0${t}\0${c}\0${k.text}`;
}

/**
 * A run of digits is coded as its length (U+0010 + length, at most MAX_RUN, leading zeros left out)
 * then its digits: numbers compare by value, and any run still sorts after spaces and punctuation
 * and before letters, as single digits did.
 */
const RUN_LENGTH = 0x10;
const MAX_RUN = 15;

/**
 * Codes by kind, in rank order: space U+0001; punctuation U+0002 + two code units; digits
 * U+0010…U+0019 (after their run's length); Vietnamese letters U+0020…U+0040; other letters
 * U+0050 + two code units.
 * Two code units hold a code point (up to U+10FFFF) as 15-bit halves, each + 1 (never U+0000).
 */
function primaryCode(v: number): string {
  if (v === SPACE) return '\u0001';
  if (v < DIGIT) return `\u0002${halves(v - PUNCT)}`;
  if (v < VI_LETTER) return String.fromCharCode(0x10 + v - DIGIT);
  if (v < OTHER_LETTER) return String.fromCharCode(0x20 + v - VI_LETTER);
  return `\u0050${halves(v - OTHER_LETTER)}`;
}

function halves(cp: number): string {
  return String.fromCharCode((cp >> 15) + 1, (cp & 0x7fff) + 1);
}

/**
 * Per code unit of a clean text (below U+0300, or U+1E00–U+1EFF: see isClean) its part of the
 * key, worked out by keyOfClean on that one character when first met. In such a text (no
 * combining marks of its own) the decomposition is each character's decomposition in turn,
 * and a character's marks change only its own letter, so the parts simply follow each other.
 * A character that does not make exactly one letter starting with a base character gets no
 * part (null): texts holding one take keyOfClean.
 */
interface Part {
  /** The primary code's code units. */
  primary: number[];
  tone: number;
  case: number;
}
const LOW_PARTS: (Part | null | undefined)[] = [];
const HIGH_PARTS: (Part | null | undefined)[] = [];

function partOf(unit: number): Part | null {
  const table = unit < 0x300 ? LOW_PARTS : unit >= 0x1e00 && unit <= 0x1eff ? HIGH_PARTS : null;
  if (!table) return null;
  const at = unit < 0x300 ? unit : unit - 0x1e00;
  let part = table[at];
  if (part === undefined) {
    const ch = String.fromCharCode(unit);
    const first = ch.normalize('NFD').charCodeAt(0);
    const k = keyOfClean(ch);
    part =
      k.primary.length === 1 && !(first >= 0x300 && first <= 0x36f)
        ? {
            primary: Array.from(primaryCode(k.primary[0]), (c) => c.charCodeAt(0)),
            tone: k.tones[0] + 1,
            case: k.cases[0] + 1,
          }
        : null;
    table[at] = part;
  }
  return part;
}

/**
 * The key of s as one text (keyText of its cleaned text's key), made without decomposing the
 * text when each code unit has its part (partOf): most names.
 */
export function sortKeyText(s: string): string {
  const text = isClean(s) ? s : cleanText(s);
  const n = text.length;
  if (n > MAX_FAST || !isClean(text)) return keyText(keyOfClean(text));
  // Code units of the three arrays' parts, made into one text at once (no text per letter).
  const codes = CODES;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 48 && unit <= 57) {
      // A number: its length, then its digits (keyText's digit runs).
      let end = i;
      while (end < n && isDigitUnit(text.charCodeAt(end))) end++;
      let start = i;
      while (start < end - 1 && text.charCodeAt(start) === 48) start++;
      codes[p++] = RUN_LENGTH + Math.min(end - start, MAX_RUN);
      for (let x = start; x < end; x++) codes[p++] = 0x10 + text.charCodeAt(x) - 48;
      for (let x = i; x < end; x++) {
        TONES[x] = 1;
        CASES[x] = 1;
      }
      i = end - 1;
      continue;
    }
    const part = partOf(unit);
    if (!part) return keyText(keyOfClean(text));
    const code = part.primary;
    for (let x = 0; x < code.length; x++) codes[p++] = code[x];
    TONES[i] = part.tone;
    CASES[i] = part.case;
  }
  codes[p++] = 0;
  for (let i = 0; i < n; i++) codes[p++] = TONES[i];
  codes[p++] = 0;
  for (let i = 0; i < n; i++) codes[p++] = CASES[i];
  codes[p++] = 0;
  // The text too, so the key is one flat text (joined texts compare more slowly, in the runtime).
  for (let i = 0; i < n; i++) codes[p++] = text.charCodeAt(i);
  return String.fromCharCode.apply(null, codes.slice(0, p));
}
function isDigitUnit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// Longer texts (rare) take keyOfClean: the arrays below are made for this length.
const MAX_FAST = 80;
// Made at full size once: writing past an array's end would throw optimised code away.
const CODES: number[] = new Array(MAX_FAST * 6 + 3).fill(0); // parts (at most 3, or a digit and its run's length), tones, cases, ends, text
const TONES: number[] = new Array(MAX_FAST).fill(0);
const CASES: number[] = new Array(MAX_FAST).fill(0);

/** compareVi compares each name many times (findings): its key is made once (keys never change). */
const sortKey = memoText(sortKeyText);

/** Negative when a sorts before b in Vietnamese order, 0 only for the same cleaned text. */
export function compareVi(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Sort a copy in Vietnamese order; each key is made once (and not kept: a sort meets each name
 * once). `tie` orders items whose texts are the same (compareVi 0), e.g. units of the same name by code.
 */
export function sortVi<T>(items: readonly T[], text: (item: T) => string, tie?: (a: T, b: T) => number): T[] {
  const keyed = items.map((item) => ({ item, key: sortKeyText(text(item)) }));
  keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : tie ? tie(x.item, y.item) : 0));
  return keyed.map((k) => k.item);
}
