import { defaultCatalogue, defaultHolidayNames, defaultUnits } from '../catalogue/defaults';
import { fixtureCatalogue, fixtureSummary } from '../report/fixtures';
import { renderTextReport } from '../report/text';
import {
  fromTcvn3,
  fromVni,
  isTcvn3,
  isVni,
  LEGACY_SIGNS_PATTERN,
  legacyCode,
  legacySignsFormula,
  mayBeLegacy,
  TCVN3_LETTERS,
  toTcvn3,
  toVni,
} from './legacy';

const catalogue = defaultCatalogue();
/** Vietnamese Unicode text the product holds: labels, units, holidays, a whole e-mail report. */
const UNICODE: string[] = [
  ...catalogue.indicators.flatMap((i) => [i.label, i.unit]),
  ...catalogue.groups.map((g) => g.label),
  ...defaultUnits().flatMap((u) => [u.name, `${u.kind} ${u.name}`]),
  ...Object.values(defaultHolidayNames()),
  ...renderTextReport(fixtureSummary(), fixtureCatalogue(), {}).split('\n'),
].filter((t) => t.trim() !== '');

test('the two lists line up: every Vietnamese letter has one code', () => {
  expect(TCVN3_LETTERS.letters).toBe(74);
  expect(TCVN3_LETTERS.codes).toBe(74);
});

test('known TCVN3 texts read as the letters meant', () => {
  expect(fromTcvn3('Khã kh¨n, v\u00ADíng m¾c')).toBe('Khó khăn, vướng mắc');
  expect(fromTcvn3('§¬n vÞ:')).toBe('Đơn vị:');
  expect(fromTcvn3('M\u00ADêng NhÐ')).toBe('Mường Nhé');
  expect(fromTcvn3('TiÕng ViÖt')).toBe('Tiếng Việt');
  // A word in capitals (.VnTimeH) stays in capitals; one capital at the start does not.
  expect(fromTcvn3('HUYÖN M¦êNG NHÐ')).toBe('HUYỆN MƯỜNG NHÉ');
  expect(fromTcvn3('X· Chung Ch¶i')).toBe('Xã Chung Chải');
});

test('no Unicode text the product holds reads as TCVN3', () => {
  expect(UNICODE.length).toBeGreaterThan(200);
  for (const t of UNICODE) expect([t, isTcvn3(t)]).toEqual([t, false]);
  // Signs people type in Unicode text are not taken for TCVN3 on their own.
  for (const t of ['© 2018 Ban Dân vận', '«Dân vận khéo»', 'Tăng 5 × 2 lần', '½ số hộ', 'Muller', 'Hoà'])
    expect([t, isTcvn3(t)]).toEqual([t, false]);
});

test('Unicode → TCVN3 → Unicode gives the text back (lower case, as TCVN3 holds it), and is recognised', () => {
  let recognised = 0;
  for (const t of UNICODE) {
    const lower = t.normalize('NFC').toLowerCase();
    const legacy = toTcvn3(lower);
    expect(fromTcvn3(legacy)).toBe(lower);
    expect(mayBeLegacy(legacy)).toBe(true);
    if (isTcvn3(legacy)) recognised++;
    // ASCII text is the same in both codes and never TCVN3.
    if (/^[\x20-\x7e]*$/.test(t)) expect(isTcvn3(legacy)).toBe(false);
  }
  // Texts with Vietnamese letters are recognised but the few whose only marks are ones
  // Unicode also has on its own ("Sè" for "Số"): those are turned only with the rest of their sheet.
  const withMarks = UNICODE.filter((t) => !/^[\x20-\x7e]*$/.test(t)).length;
  expect(recognised / withMarks).toBeGreaterThan(0.9);
});

test('a letter only Unicode has means the text is not TCVN3', () => {
  expect(mayBeLegacy('Khã kh¨n')).toBe(true);
  expect(mayBeLegacy('Khó khăn')).toBe(false);
  expect(isTcvn3('Khã kh¨n ở bản')).toBe(false);
  expect(isTcvn3('Ho\u0300a')).toBe(false); // NFD
});

test('known VNI texts read as the letters meant, capitals included', () => {
  expect(fromVni('Khoù khaên, vöôùng maéc')).toBe('Khó khăn, vướng mắc');
  expect(fromVni('Vieät Nam')).toBe('Việt Nam');
  expect(fromVni('ñöôïc')).toBe('được');
  expect(fromVni('Ñôn vò:')).toBe('Đơn vị:');
  expect(fromVni('HUYEÄN MÖÔØNG NHEÙ')).toBe('HUYỆN MƯỜNG NHÉ');
  expect(fromVni('Kyø hoïp')).toBe('Kỳ họp');
});

test('each old code is told from the other and from Unicode, over every text the product holds', () => {
  let vni = 0;
  let tcvn3 = 0;
  let withMarks = 0;
  for (const t of UNICODE) {
    expect([t, legacyCode(t)]).toEqual([t, null]);
    if (/^[\x20-\x7e]*$/.test(t)) continue;
    withMarks++;
    const v = toVni(t);
    expect(fromVni(v)).toBe(t.normalize('NFC'));
    expect([v, legacyCode(v)]).not.toEqual([v, 'tcvn3']);
    if (legacyCode(v) === 'vni') vni++;
    const l = toTcvn3(t.toLowerCase());
    expect([l, legacyCode(l)]).not.toEqual([l, 'vni']);
    if (legacyCode(l) === 'tcvn3') tcvn3++;
  }
  expect(vni / withMarks).toBeGreaterThan(0.95);
  expect(tcvn3 / withMarks).toBeGreaterThan(0.95);
  // Old-style Unicode tone placement ("hoá", "hoà") is no VNI "oá" (ố).
  for (const t of ['Hoá đơn', 'hoà giải', 'thuỷ lợi', 'Hoa', 'hoa'])
    expect([t, isVni(t), isTcvn3(t)]).toEqual([t, false, false]);
});

test('the pattern Sheets checks as people type flags what the reader converts, and no Unicode text', () => {
  const re = new RegExp(LEGACY_SIGNS_PATTERN);
  for (const t of UNICODE) expect([t, re.test(t)]).toEqual([t, false]);
  for (const t of UNICODE) {
    const forms = [toVni(t), toTcvn3(t.toLowerCase())];
    for (const f of forms) if (legacyCode(f)) expect([f, re.test(f)]).toEqual([f, true]);
  }
  expect(legacySignsFormula('E48')).toBe(`=NOT(REGEXMATCH(E48&"","${LEGACY_SIGNS_PATTERN}"))`);
});
