/**
 * Text in TCVN3 (ABC), the 8-bit Vietnamese code of the fonts .VnTime and .VnArial that old files
 * use and that Unikey still types when its "bảng mã" is set to TCVN3. Read as Unicode, each
 * Vietnamese letter shows as a Latin-1 sign: "Khã kh¨n" for "Khó khăn", "§¬n vÞ" for "Đơn vị",
 * "Th¸ng 1" for "Tháng 1". Such text is recognised by signs that no Vietnamese Unicode text holds,
 * next to letters, and turned back letter by letter.
 *
 * TCVN3 codes only the lower-case letters and Ă Â Đ Ê Ô Ơ Ư; the other capitals were the same
 * codes shown in an upper-case font (.VnTimeH). So a converted letter is upper-cased when the
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

/** False when `s` holds a letter only Unicode Vietnamese has: then it is not TCVN3, whatever else it holds. */
export function mayBeTcvn3(s: string): boolean {
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
 * For tests: `s` as a TCVN3 file holds it. A capital TCVN3 has no code for (Ố, Ả …) becomes the code
 * of its lower case, which an upper-case font showed as the capital.
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
