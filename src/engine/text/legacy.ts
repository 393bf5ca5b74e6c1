/**
 * Text in the old 8-bit Vietnamese codes that Unikey still types when its "bảng mã" is set to one
 * of them, and that old files (.VnTime, VNI-Times fonts) hold: TCVN3 and VNI (below). Read as
 * Unicode, each Vietnamese letter shows as Latin-1 signs: TCVN3 "Khã kh¨n", VNI "Khoù khaên" for
 * "Khó khăn". Such text is recognised by signs that no Vietnamese Unicode text holds (legacyCode)
 * and turned back letter by letter (fromLegacy); the reader always says so in a warning.
 *
 * TCVN3 (ABC) codes only the lower-case letters and Ă Â Đ Ê Ô Ơ Ư; the other capitals were the
 * same codes shown in an upper-case font (.VnTimeH). So a converted letter is upper-cased when the
 * ASCII letters of its word are capitals, two or more ("HUYÖN" → "HUYỆN", but "X·" → "Xã").
 */

/** Vietnamese letters, and their TCVN3 codes at the same places. */
const LETTERS = 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ';
const CODES = 'µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00ADõøö÷ùúýûüþ¡¢§£¤¥¦';

const FROM_CODE = new Map<string, string>();
for (let i = 0; i < CODES.length; i++) FROM_CODE.set(CODES[i], LETTERS[i]);

/**
 * Codes that are neither Vietnamese letters in Unicode (á, â, ê, ô, Ê, Ô …) nor signs people type
 * in Unicode text: one of them next to a letter marks TCVN3.
 */
const STRONG = new Set('µ¸¶¹¨¾¼½ÆÇËÎÏÑªÖØÜÞßäåæçëîïñöøûüþ\u00AD');
/** Codes that are signs in Unicode text (« » · © ® § × ÷ ¬, currency): TCVN3 only inside a word ("N«ng"). */
const SIGNS = new Set('«»·©®§×÷¬¡¢£¤¥¦');

/** Letters only Unicode Vietnamese has (ă đ ơ ư, the precomposed block, combining marks): not TCVN3. */
function unicodeVietnamese(c: number): boolean {
  return (
    c === 0x102 ||
    c === 0x103 ||
    c === 0x110 ||
    c === 0x111 ||
    c === 0x1a0 ||
    c === 0x1a1 ||
    c === 0x1af ||
    c === 0x1b0 ||
    (c >= 0x1ea0 && c <= 0x1ef9) ||
    (c >= 0x300 && c <= 0x36f)
  );
}

function asciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A letter of a TCVN3 word: an ASCII letter or a TCVN3 code. */
function wordChar(ch: string | undefined): boolean {
  return ch !== undefined && (asciiLetter(ch.charCodeAt(0)) || FROM_CODE.has(ch));
}

/**
 * True when `s` reads as TCVN3: a strong code next to a letter of its word (or a sign inside one),
 * and no letter that only Unicode Vietnamese has. ASCII and Unicode Vietnamese are never TCVN3.
 */
export function isTcvn3(s: string): boolean {
  let strongInWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xa1) continue;
    if (c > 0xff) {
      if (unicodeVietnamese(c)) return false;
      continue;
    }
    if (strongInWord) continue;
    const before = wordChar(s[i - 1]);
    const after = wordChar(s[i + 1]);
    if (STRONG.has(s[i]) ? before || after : SIGNS.has(s[i]) && before && after) strongInWord = true;
  }
  return strongInWord;
}

/** False when `s` holds a letter only Unicode Vietnamese has: then it is in no old code, whatever else it holds. */
export function mayBeLegacy(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (unicodeVietnamese(s.charCodeAt(i))) return false;
  return true;
}

/** `s` with each TCVN3 code turned into its letter, capitals where the word's ASCII letters are all capitals. */
export function fromTcvn3(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (!wordChar(s[i])) {
      out += s[i++];
      continue;
    }
    let end = i;
    let upper = 0;
    let lower = 0;
    while (end < s.length && wordChar(s[end])) {
      const c = s.charCodeAt(end);
      if (c >= 65 && c <= 90) upper++;
      else if (c >= 97 && c <= 122) lower++;
      end++;
    }
    // "HUYÖN" is a word in capitals; "X·" (Xã) is one capital, as at the start of any word.
    const capitals = upper >= 2 && lower === 0;
    for (let k = i; k < end; k++) {
      const letter = FROM_CODE.get(s[k]);
      out += letter === undefined ? s[k] : capitals ? letter.toUpperCase() : letter;
    }
    i = end;
  }
  return out;
}

/**
 * `s` as a TCVN3 file holds it (tests, and the demo's note typed in TCVN3). A capital TCVN3 has no
 * code for (Ố, Ả …) becomes the code of its lower case, which an upper-case font showed as the capital.
 */
export function toTcvn3(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    let at = LETTERS.indexOf(ch);
    if (at < 0) at = LETTERS.indexOf(ch.toLowerCase());
    out += at < 0 ? ch : CODES[at];
  }
  return out;
}

/** The number of letters TCVN3 codes (tests check the two lists line up). */
export const TCVN3_LETTERS = { letters: LETTERS.length, codes: CODES.length };

// ---------------------------------------------------------------- VNI

/*
 * VNI (fonts VNI-Times, VNI-Helve; Unikey's "VNI Windows") writes a letter as its base and one
 * sign for its marks: "Khoù khaên" for "Khó khăn", "Vieät Nam" for "Việt Nam", "ñöôïc" for
 * "được". Tones in the order none, sắc, huyền, hỏi, ngã, nặng.
 */
const PLAIN = ['', 'ù', 'ø', 'û', 'õ', 'ï'];
const CIRCUMFLEX = ['â', 'á', 'à', 'å', 'ã', 'ä'];
const BREVE = ['ê', 'é', 'è', 'ú', 'ü', 'ë'];
const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];

/** Unicode letter → VNI, both cases. */
const TO_VNI = new Map<string, string>();
/** VNI (one or two signs) → Unicode letter. */
const FROM_VNI = new Map<string, string>();
{
  const add = (letter: string, vni: string) => {
    for (const [u, v] of [
      [letter, vni],
      [letter.toUpperCase(), vni.toUpperCase()],
    ]) {
      TO_VNI.set(u, v);
      FROM_VNI.set(v, u);
    }
  };
  for (let t = 1; t < 6; t++) for (const b of 'aeouy') add(`${b}${TONE_MARKS[t]}`.normalize('NFC'), b + PLAIN[t]);
  for (let t = 0; t < 6; t++) {
    for (const b of 'aeo') add(`${b}\u0302${TONE_MARKS[t]}`.normalize('NFC'), b + CIRCUMFLEX[t]);
    add(`a\u0306${TONE_MARKS[t]}`.normalize('NFC'), `a${BREVE[t]}`);
    add(`o\u031B${TONE_MARKS[t]}`.normalize('NFC'), `ô${PLAIN[t]}`);
    add(`u\u031B${TONE_MARKS[t]}`.normalize('NFC'), `ö${PLAIN[t]}`);
  }
  const iFamily = ['i', 'í', 'ì', 'æ', 'ó', 'ò'];
  for (let t = 1; t < 6; t++) add(`i${TONE_MARKS[t]}`.normalize('NFC'), iFamily[t]);
  add('ỵ', 'î'); // y with nặng is one sign, not "yï"
  FROM_VNI.delete('yï');
  FROM_VNI.delete('YÏ');
  add('đ', 'ñ');
}

/** The VNI reading at `i`: the letter and how many signs it takes (0 when none starts here). */
function vniAt(s: string, i: number): [string, number] {
  const two = FROM_VNI.get(s.slice(i, i + 2));
  if (two !== undefined && s.length > i + 1) return [two, 2];
  const one = FROM_VNI.get(s[i]);
  // Đ begins its syllable: "ñ" after a letter is no VNI đ (TCVN3 "cña" is "của").
  if (one !== undefined && !((s[i] === 'ñ' || s[i] === 'Ñ') && wordChar(s[i - 1]))) return [one, 1];
  return ['', 0];
}

/**
 * True when `s` reads as VNI: a base letter with its sign that Unicode text never has ("aù", "eä",
 * "aê"; not "oá", which old-style Unicode "hoá" has) or a word opening with "ñ", every Latin-1 sign
 * read as part of a VNI letter, and no letter only Unicode Vietnamese has.
 */
export function isVni(s: string): boolean {
  let pair = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) {
      if (unicodeVietnamese(c)) return false;
      continue;
    }
    const [, n] = vniAt(s, i);
    if (n === 2) {
      const base = s[i].toLowerCase();
      const sign = s[i + 1].toLowerCase();
      if (!(base === 'o' && (sign === 'á' || sign === 'à' || sign === 'ã'))) pair = true;
      i++;
      continue;
    }
    if (c >= 0xa1 && n === 0) return false; // a sign VNI does not explain
    // "ñ" opening a word is VNI's đ ("Ñôn vò" is "Đơn vị"); TCVN3's ẹ/ũ rarely opens one.
    if (n === 1 && (c === 0xf1 || c === 0xd1) && wordChar(s[i + 1])) pair = true;
  }
  return pair;
}

/** `s` with each VNI letter turned into Unicode. */
export function fromVni(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const [letter, n] = s.charCodeAt(i) < 0x41 ? ['', 0] : vniAt(s, i);
    if (n === 0) out += s[i++];
    else {
      out += letter;
      i += n;
    }
  }
  return out;
}

/** For tests: `s` as VNI holds it. */
export function toVni(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) out += TO_VNI.get(ch) ?? ch;
  return out;
}

export type LegacyCode = 'vni' | 'tcvn3';

/**
 * What Sheets' data validation can look for as people type (REGEXMATCH, RE2): the TCVN3 signs no
 * Vietnamese Unicode text holds (or holds only between words), and VNI's vowel + sign pairs. Coarser than legacyCode (no look at
 * the rest of the text), so it only warns: the reader decides.
 */
export const LEGACY_SIGNS_PATTERN =
  '[µ¸¶¹¨¾¼½ÆÇËÎÏÑªÖØÜÞßäåæçëîïñöøûüþ\u00AD]|[A-Za-z¡-ÿ][«»·©®§×÷¬¡¢£¤¥¦][A-Za-z¡-ÿ]|' +
  '[aeouyAEOUY][ùøûõïÙØÛÕÏ]|[aA][êéèúüëÊÉÈÚÜË]|[aeAE][âáàåãäÂÁÀÅÃÄ]|[oO][âåäÂÅÄ]';

/** The validation formula for the cell `a1` (its top-left cell): true when it shows no such sign. */
export function legacySignsFormula(a1: string): string {
  return `=NOT(REGEXMATCH(${a1}&"","${LEGACY_SIGNS_PATTERN}"))`;
}

/**
 * The old code `s` is written in, if any: VNI first (its letters explain every sign), then TCVN3.
 * One pass first turns away what most texts are: ASCII, or Unicode with a letter only it has.
 */
export function legacyCode(s: string): LegacyCode | null {
  let signs = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xa1) continue;
    if (c <= 0xff) signs = true;
    else if (unicodeVietnamese(c)) return null;
  }
  if (!signs) return null;
  return isVni(s) ? 'vni' : isTcvn3(s) ? 'tcvn3' : null;
}

/** `s` turned from `code` into Unicode. */
export function fromLegacy(s: string, code: LegacyCode): string {
  return code === 'vni' ? fromVni(s) : fromTcvn3(s);
}
