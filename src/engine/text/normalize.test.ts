import fc from 'fast-check';
import {
  cleanText,
  isClean,
  looseKey,
  looseKeyOnce,
  normalizeName,
  normalizeNameOnce,
  sameName,
  slug,
} from './normalize';

describe('cleanText', () => {
  it('composes NFD input (macOS, Unikey "Unicode tổ hợp") to NFC', () => {
    const nfd = 'Chung Chải'.normalize('NFD');
    expect(nfd).not.toBe('Chung Chải');
    expect(cleanText(nfd)).toBe('Chung Chải');
    expect(cleanText(nfd).length).toBe(10);
  });

  it('replaces the lookalikes of Đ and đ', () => {
    expect(cleanText('\u00D0ảng')).toBe('Đảng');
    expect(cleanText('\u0189ảng')).toBe('Đảng');
    expect(cleanText('\u00F0ường \u0256i')).toBe('đường đi');
    expect(cleanText('Ðoàn Thanh niên').codePointAt(0)).toBe(0x0110);
  });

  it('removes zero-width characters, even between a letter and its tone mark', () => {
    expect(cleanText('Mường\u200B Nhé\uFEFF')).toBe('Mường Nhé');
    expect(cleanText('\u2060Nậm\u200CKè\u200D')).toBe('NậmKè');
    expect(cleanText('Ha\u200B\u0300')).toBe('Hà');
  });

  it('turns NBSP and other spaces into one space and trims', () => {
    expect(cleanText('\u00A0 Xã\u00A0\u00A0Chung\u2003Chải\t\n ')).toBe('Xã Chung Chải');
    expect(cleanText('1\u202F000')).toBe('1 000');
    expect(cleanText('   ')).toBe('');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = cleanText(s);
        return cleanText(once) === once;
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normalizeName(s);
        return normalizeName(once) === once;
      }),
    );
  });
});

describe('normalizeName and sameName', () => {
  it('lower-cases Vietnamese', () => {
    expect(normalizeName('  XÃ CHUNG CHẢI ')).toBe('xã chung chải');
    expect(normalizeName('ĐOÀN')).toBe('đoàn');
  });

  it('is idempotent even where lower case composes and upper case does not (found by fast-check)', () => {
    // "T" + combining diaeresis has no precomposed capital; "ẗ" (U+1E97) exists.
    for (const s of ['T\u0308', 'Ϊ\u0301', 'Ά\u0345', 'ᾼ\u0300', 'Ä']) {
      const once = normalizeName(s);
      expect(normalizeName(once)).toBe(once);
      expect(once).toBe(once.normalize('NFC'));
    }
    expect(normalizeName('T\u0308')).toBe('\u1e97');
  });

  it('compares names typed differently', () => {
    expect(sameName('Huổi Lếch', 'HUỔI\u00A0LẾCH'.normalize('NFD'))).toBe(true);
    expect(sameName('Ðảng', 'đảng')).toBe(true);
    expect(sameName('Nậm Kè', 'Nậm Vì')).toBe(false);
  });
});

describe('looseKey and slug', () => {
  it('matches old and new tone placement, quotes and dashes', () => {
    expect(looseKey('văn hoá – xã hội')).toBe(looseKey('Văn hóa - xã hội'));
    expect(looseKey('Thuỷ lợi')).toBe(looseKey('thủy lợi'));
    expect(looseKey('“Dân vận khéo”')).toBe(looseKey('"Dân vận khéo"'));
    expect(looseKey('hoà')).not.toBe(looseKey('hoa'));
  });

  it('makes ASCII slugs', () => {
    expect(slug('Chung Chải 2018')).toBe('chung-chai-2018');
    expect(slug('Ðiện Biên')).toBe('dien-bien');
    expect(slug('  Sín Thầu ')).toBe('sin-thau');
  });
});

describe('fast paths', () => {
  const FULL = (s: string) =>
    s
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
      .replace(/[\u00D0\u0189\u00F0\u0256]/g, (c) => ({ Ð: 'Đ', Ɖ: 'Đ', ð: 'đ', ɖ: 'đ' })[c] as string)
      .normalize('NFC')
      .replace(/\s+/g, ' ')
      .trim();

  it('isClean holds only for text the full clean path leaves unchanged', () => {
    // Every code unit alone, after a letter, between letters, and doubled.
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}`, `a${ch}b`, `${ch}${ch}`, `Ơ${ch}`])
        if (isClean(s)) expect([s, FULL(s)]).toEqual([s, s]);
    }
  });

  it('isClean is true for ordinary Vietnamese in NFC and false for NFD or odd spaces', () => {
    for (const s of ['Xã Chung Chải', 'ĐẢNG ỦY', 'Tổng hợp 2025', 'a-b_c (1).xlsx']) expect(isClean(s)).toBe(true);
    for (const s of ['Chải'.normalize('NFD'), ' a', 'a ', 'a  b', 'a\u00A0b', 'Ðoàn', 'a\tb'])
      expect(isClean(s)).toBe(false);
  });

  it('toLowerCase is Vietnamese lower case for every code unit (no special casing)', () => {
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (ch.toLowerCase() !== ch.toLocaleLowerCase('vi')) throw new Error(`U+${c.toString(16)}`);
    }
  });

  it('looseKey agrees with the full path (NFD, tones moved to the end of each word)', () => {
    const full = (s: string) =>
      normalizeName(s)
        .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
        .replace(/[\u2018\u2019]/g, "'")
        .replace(/[\u2013\u2014\u2212]/g, '-')
        .normalize('NFD')
        .replace(/[\p{L}\p{M}]+/gu, (w) => {
          const tones = w.match(/[\u0300\u0301\u0303\u0309\u0323]/g);
          return tones ? w.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '') + tones.join('') : w;
        });
    // Every code unit the one-pass path takes, alone and inside words.
    for (let c = 0; c < 0x1f00; c++) {
      if (c >= 0x300 && c < 0x1e00) continue;
      const ch = String.fromCharCode(c);
      for (const s of [ch, `hoa${ch}x`, `${ch}ả b`]) {
        expect([s, looseKey(s)]).toEqual([s, full(s)]);
        expect([s, looseKeyOnce(s)]).toEqual([s, full(s)]);
      }
    }
    const unit = fc.constantFrom(
      ...'aAăâđĐêôơưiyoàảãáạẦẨẪẤẬòóỏõọ -.,:1«»\u2019\u0300\u0301\u0303\u0309\u0323\u0306\u0302'.split(''),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 14 }), fc.string({ unit: 'binary', maxLength: 14 })), (s) => {
        expect(looseKey(s)).toBe(full(s));
        expect(looseKeyOnce(s)).toBe(full(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('cleanText and normalizeName agree with the full path on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(cleanText(s)).toBe(FULL(s));
        expect(normalizeName(s)).toBe(FULL(s).toLocaleLowerCase('vi').normalize('NFC'));
        expect(normalizeNameOnce(s)).toBe(normalizeName(s));
      }),
      { numRuns: 2000 },
    );
    // Mostly text the fast path takes: Vietnamese letters, spaces, a few combining marks.
    const unit = fc.constantFrom(
      ...'aAăĂâÂđĐêÊôÔơƠưƯiIyYàảãáạẦẨẪẤẬ -.,:1\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031B'.split(''),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (s) => {
        expect(cleanText(s)).toBe(FULL(s));
        expect(normalizeName(s)).toBe(FULL(s).toLocaleLowerCase('vi').normalize('NFC'));
        expect(normalizeNameOnce(s)).toBe(normalizeName(s));
      }),
      { numRuns: 5000 },
    );
  });
});
