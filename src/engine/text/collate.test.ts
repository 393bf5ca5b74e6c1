import fc from 'fast-check';
import { compareVi, sortKeyText, sortVi } from './collate';
import { cleanText } from './normalize';

const sorted = (xs: string[]) => [...xs].sort(compareVi);

describe('compareVi', () => {
  it('puts Hải Dương before Hưng Yên (plain code points do not)', () => {
    expect(compareVi('Hải Dương', 'Hưng Yên')).toBe(-1);
    expect(compareVi('Hưng Yên', 'Hải Dương')).toBe(1);
    expect(['Hưng Yên', 'Hải Dương'].sort()).toEqual(['Hưng Yên', 'Hải Dương']);
  });

  it('puts Đ after every D', () => {
    expect(sorted(['Đà Nẵng', 'Điện Biên', 'Dương', 'Dak Lak', 'Eakar'])).toEqual([
      'Dak Lak',
      'Dương',
      'Đà Nẵng',
      'Điện Biên',
      'Eakar',
    ]);
  });

  it('follows the alphabet a ă â … o ô ơ … u ư', () => {
    expect(sorted(['ư', 'u', 'ơ', 'ô', 'o', 'ê', 'e', 'đ', 'd', 'â', 'ă', 'a'])).toEqual([
      'a',
      'ă',
      'â',
      'd',
      'đ',
      'e',
      'ê',
      'o',
      'ô',
      'ơ',
      'u',
      'ư',
    ]);
  });

  it('orders tones none < huyền < hỏi < ngã < sắc < nặng, after the letters', () => {
    expect(sorted(['mạ', 'má', 'mã', 'mả', 'mà', 'ma'])).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ']);
    expect(sorted(['mà', 'mac'])).toEqual(['mà', 'mac']);
    expect(sorted(['lập', 'lâm'])).toEqual(['lâm', 'lập']);
  });

  it('sorts the Mường Nhé communes like units.json', () => {
    const communes = [
      'Sín Thầu',
      'Nậm Vì',
      'Chung Chải',
      'Mường Toong',
      'Quảng Lâm',
      'Huổi Lếch',
      'Pá Mỳ',
      'Sen Thượng',
      'Mường Nhé',
      'Leng Su Sìn',
      'Nậm Kè',
    ];
    expect(sorted(communes)).toEqual([
      'Chung Chải',
      'Huổi Lếch',
      'Leng Su Sìn',
      'Mường Nhé',
      'Mường Toong',
      'Nậm Kè',
      'Nậm Vì',
      'Pá Mỳ',
      'Quảng Lâm',
      'Sen Thượng',
      'Sín Thầu',
    ]);
  });

  it('ignores case first, then lower before upper; NFD equals NFC', () => {
    expect(sorted(['b', 'A', 'a', 'B'])).toEqual(['a', 'A', 'b', 'B']);
    expect(compareVi('Mường Nhé', 'Mường Nhé'.normalize('NFD'))).toBe(0);
    expect(compareVi('Ðảng', 'Đảng')).toBe(0);
  });

  it('puts shorter prefixes, spaces and digits first', () => {
    expect(sorted(['Nam Định', 'Nam', 'Nam-A', 'Nam 2', 'Nama'])).toEqual([
      'Nam',
      'Nam 2',
      'Nam Định',
      'Nam-A',
      'Nama',
    ]);
  });

  it('orders numbers by value: "Phường 2" before "Phường 10", "Tổ 9" before "Tổ 09a"', () => {
    expect(sorted(['Phường 10', 'Phường 2', 'Phường 1', 'Phường 12B', 'Phường 12A', 'Phường'])).toEqual([
      'Phường',
      'Phường 1',
      'Phường 2',
      'Phường 10',
      'Phường 12A',
      'Phường 12B',
    ]);
    expect(sorted(['Tổ 09a', 'Tổ 9', 'Tổ 10', 'Tổ 9 b'])).toEqual(['Tổ 9', 'Tổ 9 b', 'Tổ 09a', 'Tổ 10']);
    // Longer than the fast path takes (80 code units): the same order.
    const pad = 'x'.repeat(90);
    expect(sorted([`${pad} 10`, `${pad} 2`])).toEqual([`${pad} 2`, `${pad} 10`]);
  });

  it('sortVi sorts objects by a text key', () => {
    const units = [{ n: 'Ông' }, { n: 'Ơn' }, { n: 'Oanh' }];
    expect(sortVi(units, (u) => u.n).map((u) => u.n)).toEqual(['Oanh', 'Ông', 'Ơn']);
  });
});

// ------------------------------------------------ the keys as texts agree with the arrays they replaced

/*
 * The collation as it was before keys became one text: arrays compared element by element,
 * kept here as the reference that the text keys (and their fast path) must agree with.
 */

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

function compareArrays(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

/** Each run of digits as one number: its length (leading zeros left out, at most 15), then its digits. */
function numbersByValue(primary: number[]): number[] {
  const out: number[] = [];
  const isDigit = (v: number) => v >= DIGIT && v < DIGIT + 10;
  for (let i = 0; i < primary.length; i++) {
    if (!isDigit(primary[i])) {
      out.push(primary[i]);
      continue;
    }
    let end = i;
    while (end < primary.length && isDigit(primary[end])) end++;
    let start = i;
    while (start < end - 1 && primary[start] === DIGIT) start++;
    out.push(DIGIT + 0x80000 + Math.min(end - start, 15), ...primary.slice(start, end));
    i = end - 1;
  }
  return out;
}

function compareViArrays(a: string, b: string): number {
  const ka = makeSortKey(a);
  const kb = makeSortKey(b);
  const c =
    compareArrays(numbersByValue(ka.primary), numbersByValue(kb.primary)) ||
    compareArrays(ka.tones, kb.tones) ||
    compareArrays(ka.cases, kb.cases);
  if (c) return Math.sign(c);
  return ka.text < kb.text ? -1 : ka.text > kb.text ? 1 : 0;
}

// Characters that exercise every path: precomposed and decomposed Vietnamese, both Đ and their
// lookalikes, case, tones on capitals, spaces (single, double, at the ends), digits, punctuation,
// other letters (Latin, Greek, CJK, outside the BMP), stray combining marks, zero-width and controls.
const PIECES = [
  ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYfjwzFJWZ',
  ...'àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ',
  ...'ÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ',
  'a\u0306',
  'o\u031b\u0301',
  'U\u031b\u0323',
  'e\u0302\u0300',
  '\u0300',
  '\u0301a',
  '\u0308',
  'ǘ',
  'ẛ',
  'Ð',
  'ð',
  'Ɖ',
  'ɖ',
  ' ',
  '  ',
  '0',
  '1',
  '9',
  '-',
  '.',
  '(',
  "'",
  'ß',
  'ñ',
  'Ω',
  'ω',
  '中',
  '😀',
  '\u200b',
  '\t',
  '\u00a0',
  'Ǆ',
  'ǅ',
  'ﬁ',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((xs) => xs.join(''));
// Any code unit the fast path has a table for (below U+0300 and U+1E00–U+1EFF), and a few beyond.
const unit = fc
  .oneof(
    fc.integer({ min: 0x20, max: 0x2ff }),
    fc.integer({ min: 0x1e00, max: 0x1eff }),
    fc.integer({ min: 0x300, max: 0x36f }),
  )
  .map((c) => String.fromCharCode(c));
const unitText = fc
  .array(fc.oneof(unit, fc.constantFrom('a', 'A', ' ', 'đ')), { maxLength: 6 })
  .map((xs) => xs.join(''));

describe('Vietnamese order as one text key', () => {
  it('orders any two texts as the key arrays did', () => {
    fc.assert(
      fc.property(fc.oneof(text, unitText), fc.oneof(text, unitText), (a, b) => {
        expect(compareVi(a, b)).toBe(compareViArrays(a, b));
        expect(compareVi(b, a)).toBe(compareViArrays(b, a));
      }),
      { numRuns: 5000 },
    );
  });

  it('orders every code unit of the fast path as the key arrays did, alone and between letters', () => {
    const probes = ['a', 'A', 'ă', 'z', 'đ', 'Đ', ' a', 'a ', '0', '-', 'ß', 'ơ'];
    const texts: string[] = [];
    for (let c = 0x20; c < 0x300; c++) texts.push(String.fromCharCode(c));
    for (let c = 0x1e00; c <= 0x1eff; c++) texts.push(String.fromCharCode(c));
    for (const t of texts)
      for (const p of probes) {
        for (const [a, b] of [
          [t, p],
          [`a${t}b`, `a${p}b`],
          [`${t}${t}`, `${p}${t}`],
        ]) {
          if (compareVi(a, b) !== compareViArrays(a, b)) throw new Error(`${JSON.stringify([a, b])}`);
        }
      }
  });

  it('gives a clean text the key its full path gives', () => {
    fc.assert(
      fc.property(fc.oneof(text, unitText), (s) => {
        const clean = cleanText(s);
        // A clean text takes the fast path; behind a zero-width space it is cleaned first.
        expect(sortKeyText(clean)).toBe(sortKeyText(`\u200b${clean}`));
      }),
      { numRuns: 3000 },
    );
  });

  it('orders long texts (beyond the fast path too) as the key arrays did', () => {
    const long = [79, 80, 81, 200].flatMap((n) => [
      'ß'.repeat(n),
      'ạ'.repeat(n),
      `${'Mường Nhé '.repeat(n)}`.slice(0, n).trim(),
    ]);
    for (const a of long) for (const b of long) expect([a, b, compareVi(a, b)]).toEqual([a, b, compareViArrays(a, b)]);
  });

  it('sorts lists as the key arrays did, ties by the given order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.oneof(text, unitText), code: fc.nat(5) }), { maxLength: 30 }),
        (items) => {
          const tie = (a: { code: number }, b: { code: number }) => a.code - b.code;
          const want = [...items].sort((x, y) => compareViArrays(x.name, y.name) || tie(x, y));
          expect(sortVi(items, (u) => u.name, tie)).toEqual(want);
          const plain = [...items].sort((x, y) => compareViArrays(x.name, y.name));
          expect(sortVi(items, (u) => u.name)).toEqual(plain);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
