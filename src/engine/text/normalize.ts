/**
 * Text normalisation for comparing what people type in sheets. Vietnamese arrives in
 * NFC and NFD (macOS, Unikey "Unicode tổ hợp"), with lookalike Đ letters, invisible
 * zero-width characters and non-breaking spaces copied from Word or web pages.
 */

// Zero-width space/non-joiner/joiner, word joiner, BOM. Removed before NFC so a ZWJ
// between a letter and its combining mark cannot block composition.
// Also the bidi controls (LRM/RLM, embeddings and overrides U+202A–U+202E, isolates
// U+2066–U+2069): an override typed in one commune's note reverses the text after it, another
// commune's "200" showing as "002" where notes are joined. Vietnamese has no right-to-left letters.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const BIDI_ALL = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** `s` without bidi controls, else as it is: for names shown as typed (sheet and file names in messages). */
export function withoutBidi(s: string): string {
  return BIDI.test(s) ? s.replace(BIDI_ALL, '') : s;
}
// Ð (Icelandic eth) and Ɖ (African D) look exactly like Đ; ð and ɖ like đ.
const LOOKALIKE_D = /[\u00D0\u0189\u00F0\u0256]/g;
const D_FIX: Record<string, string> = {
  '\u00D0': '\u0110',
  '\u0189': '\u0110',
  '\u00F0': '\u0111',
  '\u0256': '\u0111',
};
// JS \s covers NBSP, U+2000–U+200A, U+202F, U+205F, U+3000, line breaks and tabs.
const SPACES = /\s+/g;

/**
 * Results of the functions below for short strings seen before: sheets repeat the same
 * headers, codes and labels thousands of times (a national aggregation reads 6,642 sheets).
 * Bounded: only strings under 256 characters, and each cache is emptied when it holds
 * 20,000, so long notes typed by people never pile up. The functions are pure, so a cached
 * answer is the answer.
 */
const CACHE_MAX = 20_000;
const CACHE_MAX_LENGTH = 256;

/** `fn` with a bounded cache of its answers for short strings; `fn` must be pure. */
export function memoText<T>(fn: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string) => {
    if (s.length >= CACHE_MAX_LENGTH) return fn(s);
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const out = fn(s);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(s, out);
    return out;
  };
}

const cleanMemo = memoText(clean);

/**
 * NFC, one Đ, no zero-width or bidi control characters, single spaces, trimmed. Idempotent. Text that is already
 * clean (most cells) is checked in one pass instead of looked up: cells arrive as new strings
 * (unit names, codes, notes), and hashing and storing each in the cache costs more than the check.
 */
export function cleanText(s: string): string {
  return isClean(s) ? s : cleanMemo(s);
}

/**
 * True when `s` is already what clean() makes of it, checked in one pass (most cells: ASCII
 * and precomposed Vietnamese). Code units below U+0300 (but the lookalike Đ letters, C1
 * controls and NBSP) and the Latin Extended Additional block U+1E00–U+1EFF are NFC on their
 * own and never compose with each other (only combining marks, U+0300 and up, do); spaces
 * must be single, inside. Anything else takes the full path. normalize.test.ts checks every
 * such code unit against the full path.
 */
export function isClean(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  let prevSpace = true; // a leading space is not clean
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (prevSpace) return false;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (c < 0x7f) {
      if (c < 0x20) return false; // tabs, line breaks, controls
      continue;
    }
    if (c < 0x300) {
      if (c <= 0xa0 || c === 0xd0 || c === 0xf0 || c === 0x189 || c === 0x256) return false;
      continue;
    }
    if (c >= 0x1e00 && c <= 0x1eff) continue;
    return false;
  }
  return !prevSpace; // no trailing space
}

function clean(s: string): string {
  if (isClean(s)) return s;
  return s
    .replace(INVISIBLE, '')
    .replace(LOOKALIKE_D, (c) => D_FIX[c])
    .normalize('NFC')
    .replace(SPACES, ' ')
    .trim();
}

/**
 * cleanText + Vietnamese lower case: the form used to compare names, labels and headers.
 * NFC again after lower-casing: a lower-case letter may compose where its capital did not
 * ("T" + U+0308 → "ẗ" U+1E97), and the result must be idempotent.
 */
export const normalizeName: (s: string) => string = memoText(normalizeNameOnce);

/** normalizeName without its cache, for a text met once (a cache entry would cost more than it saves). */
export function normalizeNameOnce(s: string): string {
  // Vietnamese has no special casing (only Turkish, Azeri and Lithuanian do): toLowerCase is
  // toLocaleLowerCase('vi'), without ICU; normalize.test.ts checks it for every code unit.
  const lower = cleanText(s).toLowerCase();
  return isClean(lower) ? lower : lower.normalize('NFC');
}

export function sameName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

/**
 * ASCII slug without diacritics: "Chung Chải 2018" → "chung-chai-2018". Used to match
 * sheet and file names against unit codes ("chung-chai-2018.xlsx").
 */
export const slug: (s: string) => string = memoText((s) =>
  normalizeName(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, ''),
);

// Tone marks: huyền, sắc, hỏi, ngã, nặng.
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * A looser key for matching labels and names typed by people: normalizeName, plus
 * - the tone moved to the end of each word (letters only, not its punctuation), so old and new tone placement match
 *   ("hoá" = "hóa", "thuỷ" = "thủy", "khoẻ" = "khỏe");
 * - curly quotes → straight, en/em dashes → "-".
 * Only for comparing; never shown.
 */
export const looseKey: (s: string) => string = memoText((s) => keyOf(normalizeName(s)));

/** looseKey without its caches, for a text met once (each unit's name, when the units are indexed). */
export function looseKeyOnce(s: string): string {
  // A clean name (most) is lower-cased and keyed in one pass: no lower-case copy, no re-checks.
  if (isClean(s)) {
    const key = tonesLast(s, true);
    if (key !== null) return key;
  }
  return keyOf(normalizeNameOnce(s));
}

function keyOf(n: string): string {
  return isClean(n) ? (tonesLast(n, false) as string) : tonesLastSlow(n);
}

function tonesLastSlow(n: string): string {
  return n
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .normalize('NFD')
    .replace(/[\p{L}\p{M}]+/gu, (word) => {
      const tones = word.match(TONE_MARKS);
      return tones ? word.replace(TONE_MARKS, '') + tones.join('') : word;
    });
}

/**
 * tonesLastSlow in one pass for clean text (code units below U+0300 or in U+1E00–U+1EFF, see
 * isClean): each letter's NFD and whether it is a letter are looked up in tables filled on
 * first use. The unit index runs this for every unit name (3,321 at national scale). With
 * `lower`, each code unit is lower-cased first (what normalizeNameOnce does to clean text, as
 * toLowerCase only looks beyond one code unit for the final sigma); null when a code unit's
 * lower case is not one clean code unit (İ, for one), which the caller sends the long way.
 */
function tonesLast(n: string, lower: boolean): string | null {
  let out = '';
  let word = '';
  let tones = '';
  for (let i = 0; i < n.length; i++) {
    let c = n.charCodeAt(i);
    if (lower) {
      const l = LOWER_OF[c < 0x300 ? c : c - 0x1e00 + 0x300];
      c = l === 0 ? lowerOf(c) : l;
      if (c < 0) return null;
    }
    if (c < 0x80 && !ASCII_LETTER[c]) {
      out += word + tones + String.fromCharCode(c);
      word = '';
      tones = '';
      continue;
    }
    const k = c < 0x300 ? c : c - 0x1e00 + 0x300;
    let d = NFD_OF[k];
    if (d === undefined) {
      const ch = String.fromCharCode(c);
      d = ch === '\u00AB' || ch === '\u00BB' ? '"' : ch.normalize('NFD');
      NFD_OF[k] = d;
      IS_LETTER[k] = /^[\p{L}\p{M}]/u.test(d) ? 1 : 0;
      let base = '';
      let marks = '';
      for (let j = 0; j < d.length; j++) {
        if (TONE_SET.has(d[j])) marks += d[j];
        else base += d[j];
      }
      BASE_OF[k] = base;
      TONES_OF[k] = marks;
    }
    if (IS_LETTER[k] === 0) {
      out += word + tones + d;
      word = '';
      tones = '';
      continue;
    }
    // The letter without its tone, and its tone (most letters have none).
    word += BASE_OF[k];
    const tone = TONES_OF[k] as string;
    if (tone !== '') tones += tone;
  }
  return out + word + tones;
}

/** A clean code unit's lower case when that is one clean code unit (isClean's classes), else -1; remembered. */
function lowerOf(c: number): number {
  const l = String.fromCharCode(c).toLowerCase();
  const x = l.length === 1 ? l.charCodeAt(0) : -1;
  const clean =
    (x >= 0x20 && x < 0x7f) ||
    (x > 0xa0 && x < 0x300 && x !== 0xd0 && x !== 0xf0 && x !== 0x189 && x !== 0x256) ||
    (x >= 0x1e00 && x <= 0x1eff);
  const out = clean ? x : -1;
  LOWER_OF[c < 0x300 ? c : c - 0x1e00 + 0x300] = out;
  return out;
}

/** By the same index as NFD_OF: lowerOf's answer, 0 until asked (no clean code unit lower-cases to U+0000). */
const LOWER_OF = new Int32Array(0x400);
const TONE_SET = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const ASCII_LETTER = Array.from({ length: 128 }, (_, c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122));
/** By code unit below U+0300, then U+1E00–U+1EFF from index 0x300: NFD, and 1 for a letter. */
const NFD_OF: (string | undefined)[] = new Array(0x400);
const IS_LETTER = new Uint8Array(0x400);
/** By the same index: a letter's NFD without its tone marks, and its tone marks. */
const BASE_OF: (string | undefined)[] = new Array(0x400);
const TONES_OF: (string | undefined)[] = new Array(0x400);
