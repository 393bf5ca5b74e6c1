/**
 * Which unit a report sheet is: its "Mã đơn vị" code, else its "Đơn vị" name, the sheet name, the
 * file name or a title, matched against the unit list (an index of it built once per read, with
 * its own bounded caches of the texts looked up), and the findings on a code in no list or a name
 * two units share. Moved unchanged out of read.ts (which re-exports what others use).
 */

import { mergerNames, type NamedBy, FINDING_TEXT as T } from '../../messages/vi/findings';
import { formatDateVi } from '../text/format';
import { cleanText, looseKey, looseKeyOnce, memoText, normalizeName, normalizeNameOnce, slug } from '../text/normalize';
import type { Finding, Grid, Unit } from '../types';
import { a1, distinctName, unitDisplayName } from './layout';
import type { PreparedRead, Sink } from './read';
import { add, MAX_COLS } from './read-helpers';
import { type TopLabels, topLabelCell } from './top-labels';

/**
 * Short forms of a unit's kind that may precede its name ("TT. Mường Nhé"). Only the
 * unit's own kind is accepted, so "Huyện Mường Nhé" never matches "Xã Mường Nhé".
 */
const KIND_ABBREVIATIONS: Record<string, string[]> = {
  'thị trấn': ['tt', 'tt.'],
  'thành phố': ['tp', 'tp.'],
  'thị xã': ['tx', 'tx.'],
  phường: ['p.'],
};

// ---------------------------------------------------------------- units

interface UnitMatch {
  unit: Unit;
  /** Known only as a predecessor code in a succession: name comes from the sheet. */
  predecessor: boolean;
  /** Remembered for the unit's next sheet: its display name, and the last text namesItself accepted. */
  display: string | undefined;
  itself: string | undefined;
  /** cleanText of the unit's name, made when a sheet's name is compared with it (a name with "Ð" for "Đ"). */
  clean: string | undefined;
}

function candidates(units: Unit[]): UnitMatch[] {
  const list: UnitMatch[] = [];
  for (let i = 0; i < units.length; i++)
    list.push({ unit: units[i], predecessor: false, display: undefined, itself: undefined, clean: undefined });
  // The codes known so far, made only when some unit has predecessors (most lists have none).
  let known: Set<string> | null = null;
  for (const u of units) {
    const predecessors = u.succession?.predecessors;
    if (!predecessors || predecessors.length === 0) continue;
    known ??= new Set(units.map((x) => x.code));
    for (const code of predecessors) {
      if (known.has(code)) continue;
      known.add(code);
      const unit = { code, name: code, kind: u.kind, emails: [] };
      list.push({ unit, predecessor: true, display: undefined, itself: undefined, clean: undefined });
    }
  }
  return list;
}

function unique(list: UnitMatch[] | undefined): UnitMatch | null {
  return list && list.length === 1 ? list[0] : null;
}

/**
 * The units (and predecessor codes) indexed once per read, so that identifying the unit of
 * a sheet costs a few map lookups instead of a pass over every unit: checkWorkbooks reads
 * thousands of sheets against the same list (national scale: 6,642 sheets × 3,321 units).
 * Same answers as filtering `candidates(units)`; `unique` only looks at how many matched.
 */
export interface UnitIndex {
  byCode: Map<string, UnitMatch[]>;
  /** Unit kind → looseKey(name) → units of that kind (predecessors excluded). */
  byLooseName: Map<string, Map<string, UnitMatch[]>>;
  // The fallbacks below are built on first use: most sheets name their unit exactly.
  byLowerCode(): Map<string, UnitMatch[]>;
  bySlugCode(): Map<string, UnitMatch[]>;
  /** Unit kind → slug(name) or code → units of that kind (predecessors included). */
  bySlug(): Map<string, Map<string, UnitMatch[]>>;
  /** byName's and byCode's answers per typed text (each unit's name comes once a year). */
  nameHits: Map<string, NameHit>;
  codeHits: Map<string, UnitMatch | null>;
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

function inner<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let m = map.get(key);
  if (!m) {
    m = new Map();
    map.set(key, m);
  }
  return m;
}

export function indexUnits(units: Unit[]): UnitIndex {
  const list = candidates(units);
  const byCode = new Map<string, UnitMatch[]>();
  const byLooseName = new Map<string, Map<string, UnitMatch[]>>();
  for (const m of list) {
    add(byCode, m.unit.code, m);
    // Each name once: a cache entry per unit would only be looked up again by byName, rarely.
    if (!m.predecessor) add(inner(byLooseName, m.unit.kind), looseKeyOnce(m.unit.name), m);
  }
  return {
    byCode,
    byLooseName,
    nameHits: new Map(),
    codeHits: new Map(),
    byLowerCode: once(() => {
      const map = new Map<string, UnitMatch[]>();
      for (const m of list) add(map, m.unit.code.toLowerCase(), m);
      return map;
    }),
    bySlugCode: once(() => {
      const map = new Map<string, UnitMatch[]>();
      for (const m of list) add(map, slug(m.unit.code), m);
      return map;
    }),
    bySlug: once(() => {
      const map = new Map<string, Map<string, UnitMatch[]>>();
      for (const m of list) {
        const { code, name, kind } = m.unit;
        const slugs = inner(map, kind);
        const s = slug(name);
        add(slugs, s, m);
        if (code !== s) add(slugs, code, m);
      }
      return map;
    }),
  };
}

/** byCode or byName, remembered per typed text (answers depend only on the index and the text). */
function remembered<H>(
  index: UnitIndex,
  hits: Map<string, H>,
  typed: string,
  find: (index: UnitIndex, typed: string) => H,
): H {
  let hit = hits.get(typed);
  if (hit === undefined) {
    hit = find(index, typed);
    if (hits.size >= UNIT_HITS_MAX) hits.clear();
    hits.set(typed, hit);
  }
  return hit;
}
const UNIT_HITS_MAX = 20000;

function byCode(index: UnitIndex, typed: string): UnitMatch | null {
  const t = cleanText(typed);
  return (
    unique(index.byCode.get(t)) ??
    unique(index.byLowerCode().get(t.toLowerCase())) ??
    unique(index.bySlugCode().get(slug(t)))
  );
}

/** The kind and its short forms, each followed by a space (what a name may start with). */
const kindPrefixes = memoText((kind): string[] => {
  const k = normalizeName(kind);
  return k ? [k, ...(KIND_ABBREVIATIONS[k] ?? [])].map((p) => `${p} `) : [];
});

/** "Xã Chung Chải" → "Chung Chải" when "xã" is the unit's kind (or its short form). */
function stripKind(text: string, kind: string): string {
  const t = cleanText(text);
  return stripKindOf(t, normalizeName(t), kind);
}

/** stripKind for text already cleaned (`t`) and lower-cased (`lower`). */
function stripKindOf(t: string, lower: string, kind: string): string {
  const prefixes = kindPrefixes(kind);
  for (let i = 0; i < prefixes.length; i++)
    if (lower.startsWith(prefixes[i])) return t.slice(prefixes[i].length).trim();
  return t;
}

/**
 * A name a new unit shares with one of its predecessors ("Mường Nhé": muong-nhe-2025, and the old
 * muong-nhe it took in). Which of the two a sheet without a unit code is depends on its year
 * (`forYear`): the old one before the merger's year, the new one after it.
 */
class SharedName {
  declare newer: UnitMatch;
  declare older: UnitMatch;

  constructor(newer: UnitMatch, older: UnitMatch) {
    this.newer = newer;
    this.older = older;
  }

  /**
   * The unit of a sheet of `year`, and whether the year left it open: in the merger's year both
   * report (the old one its months before the merger; the new one may go on in the old sheet).
   * Then it is the old one: mapToSuccessors counts an old unit's later months for the new unit
   * of its name when that one has no report of its own, so the figures are right either way.
   */
  forYear(year: number | null): { match: UnitMatch; open: boolean } {
    const from = this.newer.unit.succession?.from ?? '';
    const merged = Number(from.slice(0, 4));
    if (year !== null && Number.isFinite(merged)) {
      if (year < merged) return { match: this.older, open: false };
      // A merger on 1 January leaves the old unit no month of that year.
      if (year > merged || from.endsWith('-01-01')) return { match: this.newer, open: false };
    }
    return { match: this.older, open: true };
  }
}

/** What a unit's name finds: one unit, a name shared across a merger, or nothing (none, or ambiguous). */
type NameHit = UnitMatch | SharedName | null;

/** The one unit of `list`; two of them, one the other's predecessor, as a SharedName; else null. */
function uniqueOrShared(list: UnitMatch[]): NameHit {
  if (list.length === 1) return list[0];
  if (list.length !== 2) return null;
  const [a, b] = list;
  if (a.unit.succession?.predecessors.includes(b.unit.code)) return new SharedName(a, b);
  if (b.unit.succession?.predecessors.includes(a.unit.code)) return new SharedName(b, a);
  return null;
}

/**
 * `m`, found by the name `t`, and a predecessor of it known by code alone that `t` names by that code
 * ("Mường Nhé" and "muong-nhe"), as a SharedName; else null. Only units with predecessors get here.
 */
function sharedWithCode(index: UnitIndex, m: UnitMatch, t: string): SharedName | null {
  const predecessors = m.unit.succession?.predecessors ?? [];
  const hits = index
    .bySlug()
    .get(m.unit.kind)
    ?.get(slug(stripKind(t, m.unit.kind)));
  const old = hits?.find((h) => h.predecessor && h !== m && predecessors.includes(h.unit.code));
  return old ? new SharedName(m, old) : null;
}

/**
 * "Xã Chung Chải", "Chung Chải", "CHUNG CHẢI", "Chung Chai" (if unique) → the unit. A name that a
 * new unit and its predecessor share is a SharedName: the sheet's year decides (identifyUnit).
 */
function byName(index: UnitIndex, typed: string): NameHit {
  const exact: UnitMatch[] = [];
  const t = cleanText(typed);
  const lower = normalizeName(t);
  for (const [kind, names] of index.byLooseName) {
    const hit = names.get(looseKey(stripKindOf(t, lower, kind)));
    if (hit) exact.push(...hit);
  }
  if (exact.length === 1 && exact[0].unit.succession?.predecessors.length)
    return sharedWithCode(index, exact[0], t) ?? exact[0];
  if (exact.length) return uniqueOrShared(exact);
  // Without diacritics ("Chung Chai", "chung-chai"): by name or code, only if unambiguous.
  const loose: UnitMatch[] = [];
  for (const [kind, slugs] of index.bySlug()) {
    const s = slug(stripKind(typed, kind));
    const hit = s === '' ? undefined : slugs.get(s);
    if (hit) loose.push(...hit);
  }
  return uniqueOrShared(loose);
}

/** A sheet or file name such as "Chung Chải 2018" or "chung-chai-2018.xlsx". */
function byTitle(index: UnitIndex, title: string): NameHit {
  const bare = titleName(title);
  return bare ? byName(index, bare) : null;
}

/** What a sheet or file name says of its unit: "Chung Chải 2018" → "Chung Chải", "chung-chai-2018.xlsx" → "chung-chai". */
function titleName(title: string): string {
  return cleanText(title.replace(/\.(xlsx|xlsm|xls|ods|csv)$/i, '').replace(/(?:19|20)\d{2}/g, ' '))
    .replace(/^[\s_.-]+|[\s_.-]+$/g, '')
    .replace(/[_]+/g, ' ');
}

/**
 * Whether `typed` is a code of some list the reader has: a unit's, or a predecessor's in a
 * succession, in any of the spellings byCode accepts (also when several units share it).
 */
function codeListed(index: UnitIndex, typed: string): boolean {
  const t = cleanText(typed);
  return index.byCode.has(t) || index.byLowerCode().has(t.toLowerCase()) || index.bySlugCode().has(slug(t));
}

/**
 * The units `typed` may name, as byName reads names: none, one, or several (where byName, unable
 * to choose, answers null). A name a new unit shares with its predecessor is the `year`'s unit;
 * both, when the year leaves it open. Run only for a sheet whose unit code is in no list.
 */
function namedUnits(index: UnitIndex, typed: string, year: number | null): UnitMatch[] {
  const hit = byName(index, typed);
  if (hit instanceof SharedName) {
    const { match, open } = hit.forYear(year);
    return open ? [hit.older, hit.newer] : [match];
  }
  if (hit) return [hit];
  const t = cleanText(typed);
  const lower = normalizeName(t);
  const exact: UnitMatch[] = [];
  for (const [kind, names] of index.byLooseName) {
    const list = names.get(looseKey(stripKindOf(t, lower, kind)));
    if (list) exact.push(...list);
  }
  if (exact.length) return exact;
  const loose: UnitMatch[] = [];
  for (const [kind, slugs] of index.bySlug()) {
    const s = slug(stripKind(typed, kind));
    const list = s === '' ? undefined : slugs.get(s);
    if (list) loose.push(...list);
  }
  return loose;
}

/**
 * For a sheet whose unit code is in no list (a code corrected in the list after the sheet was
 * made): the units its "Đơn vị" cell, its sheet name and its file name name, all together (by
 * code), and which of the three named some. One unit: the sheet is that unit's; several: it is
 * nobody's (the names disagree, or one of them fits several units).
 */
function unitsByNames(
  index: UnitIndex,
  name: string | undefined,
  sheetName: string,
  fileName: string,
  year: number | null,
): { units: UnitMatch[]; by: NamedBy[] } {
  const units: UnitMatch[] = [];
  const by: NamedBy[] = [];
  const sources: [NamedBy, string][] = [
    ['name', name ?? ''],
    ['sheet', titleName(sheetName)],
    ['file', fileName ? titleName(fileName) : ''],
  ];
  for (const [source, text] of sources) {
    if (!text) continue;
    const found = namedUnits(index, text, year);
    if (found.length) by.push(source);
    for (const m of found) if (!units.some((u) => u.unit.code === m.unit.code)) units.push(m);
  }
  return { units, by };
}

interface Identity {
  match: UnitMatch | null;
  unitName: string;
  /** "Xã Chung Chải" */
  display: string;
  /** Set when "Mã đơn vị" and "Đơn vị" name different units. */
  mismatch?: [string, string];
  /** With `mismatch`: the code of the unit the "Đơn vị" cell names. */
  namedCode?: string;
  /** What the sheet says, for the unknown-unit message. */
  typed: string | null;
  /** Set when, without a unit code, the name is a new unit's and its predecessor's and the year left it open. */
  shared?: SharedName;
  /**
   * "Mã đơn vị" holds a code in no list (`typed`). With `match`: the names designate that one unit,
   * and name it so (`by`); without: they name each of `units` (several), or none (no `units`).
   */
  unlisted?: { typed: string; units: UnitMatch[]; by: NamedBy[] };
  /** Set when the unit was found by a name inside the file name, a title or the "Đơn vị" cell (guessUnit). */
  guess?: UnitGuess;
  /** Without a unit: the units (display names) a name inside the file name or a title may mean. */
  several?: string[];
}

/**
 * One unit is the other's predecessor in a succession (an old "muong-nhe" sheet named
 * "Mường Nhé" like its successor "muong-nhe-2025"): the same name is no mismatch.
 */
function succeeds(units: Unit[], a: Unit, b: Unit): boolean {
  const preds = (code: string) => units.find((u) => u.code === code)?.succession?.predecessors ?? [];
  return preds(a.code).includes(b.code) || preds(b.code).includes(a.code);
}

/**
 * byCode(typed): the exact code first, without remembering it (one look-up either way; a new
 * code text per sheet would only fill `codeHits`).
 */
function codeOf(index: UnitIndex, typed: string): UnitMatch | null {
  return unique(index.byCode.get(cleanText(typed))) ?? remembered(index, index.codeHits, typed, byCode);
}

/**
 * True when "Đơn vị" (`typed`) names the unit `m` that "Mã đơn vị" found, with or without its
 * kind ("Xã Chung Chải", "Chung Chải"), in a way that lets byName answer only `m` or null (another
 * unit with the same key makes it ambiguous): byName strips `m`'s kind the same way and finds this
 * very name under `m`'s kind in byLooseName, so `m` is among its exact hits. Then there is no
 * mismatch to report, and the look-up (a new text on every unit's first sheet) is skipped.
 * Anything else (another spelling, a predecessor code) takes byName.
 */
function namesItself(m: UnitMatch, typed: string): boolean {
  if (m.predecessor) return false;
  if (typed === m.itself) return true;
  const t = cleanText(typed);
  const name = stripKindOf(t, normalizeNameOnce(t), m.unit.kind);
  // A unit listed with a look-alike letter ("Ðức") and typed with the right one ("Đức") is the same
  // text once cleaned, as byName compares them.
  if (name !== m.unit.name) {
    m.clean ??= cleanText(m.unit.name);
    if (name !== m.clean) return false;
  }
  m.itself = typed;
  return true;
}

/**
 * For tests: the unit byName finds for `typed` (its code, null if none), and whether namesItself
 * lets identifyUnit skip that look-up for the unit "Mã đơn vị" `code` finds.
 */
export function nameLookup(
  prepared: PreparedRead,
  code: string,
  typed: string,
): { found: string | null; skips: boolean } {
  const m = codeOf(prepared.units, code);
  const hit = byName(prepared.units, typed);
  const found = hit instanceof SharedName ? null : (hit?.unit.code ?? null);
  return { found, skips: m !== null && namesItself(m, typed) };
}

/** The file's own name (not its folders: "bao-cao-xa/chung-chai-2026.xlsx" is chung-chai's). */
export function fileNameOf(file: string): string {
  return file ? file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1) : '';
}

/** The unit the file's own name designates (the last resort without a unit code), null if none or no file. */
function byFileName(index: UnitIndex, file: string, ofYear: (hit: NameHit) => UnitMatch | null): UnitMatch | null {
  const fileName = fileNameOf(file);
  return fileName ? ofYear(byTitle(index, fileName)) : null;
}

/** A kind's words as slugs, with its short forms: "thị trấn" → [["thi", "tran"], ["tt"]]. */
const kindWords = memoText((kind): string[][] =>
  [kind, ...(KIND_ABBREVIATIONS[normalizeName(kind)] ?? [])].map((k) => slug(k).split('-')).filter((w) => w[0]),
);

/**
 * Words of administrative levels and their bodies that may stand before a name ("huyện", "huyện ủy",
 * "thị xã"), as slugs: a name right after another level's word is that level's ("HUYỆN ỦY MƯỜNG NHÉ"
 * is the district, not xã Mường Nhé).
 */
const LEVEL_WORDS = [
  'tỉnh',
  'tỉnh ủy',
  'thành phố',
  'thành ủy',
  'tp',
  'huyện',
  'huyện ủy',
  'quận',
  'quận ủy',
  'thị xã',
  'thị ủy',
  'tx',
  'xã',
  'phường',
  'p',
  'thị trấn',
  'tt',
].map((w) => slug(w).split('-'));

/** The longest of `lists` that `words` end with just before index `i`, or null. */
function endingAt(words: string[], i: number, lists: string[][]): string[] | null {
  let best: string[] | null = null;
  for (const k of lists)
    if (i >= k.length && k.every((w, j) => words[i - k.length + j] === w) && (!best || k.length > best.length))
      best = k;
  return best;
}

/**
 * What stands before the name at index `i`: its own kind's word ("xã" before "Chung Chải"), another
 * level's ("huyện", "thị xã" before a commune's name), or neither.
 */
function beforeName(words: string[], i: number, kind: string): 'kind' | 'other' | null {
  const own = endingAt(words, i, kindWords(kind));
  const level = endingAt(words, i, LEVEL_WORDS);
  if (own && (!level || own.length >= level.length)) return 'kind';
  return level ? 'other' : null;
}

/** Longest name looked for inside a text, in words ("Si Pa Phìn": 3). */
const MAX_NAME_WORDS = 6;
/** Words of a file name or title looked at (a title is short; a pasted paragraph is not a title). */
const MAX_TEXT_WORDS = 40;

/**
 * The units whose name (or code) appears as whole words inside `text`, diacritics and case aside
 * ("BC dân vận xã Chung Chải 2018", "ĐẢNG ỦY XÃ CHUNG CHẢI"): `kinded`, those right after their own
 * kind word ("xã", "phường", "thị trấn"); `bare`, also those of two words or more without it. A name
 * inside a longer one found at the same place ("Mường Nhé" in "Mường Nhé Mới"), or after another
 * level's word ("huyện Mường Nhé"), does not count.
 * Old units known by code alone are not looked for (their names are not known).
 */
function unitsInside(index: UnitIndex, text: string): { kinded: UnitMatch[]; bare: UnitMatch[] } {
  const words = slug(text).split('-').slice(0, MAX_TEXT_WORDS);
  const spans: { from: number; to: number; m: UnitMatch; kinded: boolean }[] = [];
  for (let i = 0; i < words.length; i++)
    for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 1; n--) {
      const key = words.slice(i, i + n).join('-');
      let found = false;
      for (const [kind, slugs] of index.bySlug()) {
        const hits = slugs.get(key);
        if (!hits) continue;
        for (const m of hits)
          if (!m.predecessor) {
            const before = beforeName(words, i, kind);
            if (before !== 'other') spans.push({ from: i, to: i + n, m, kinded: before === 'kind' });
            found = true;
          }
      }
      if (found) break;
    }
  const inner = (a: (typeof spans)[number]) =>
    spans.some((b) => b !== a && b.from <= a.from && b.to >= a.to && b.to - b.from > a.to - a.from);
  const kinded: UnitMatch[] = [];
  const bare: UnitMatch[] = [];
  for (const x of spans) {
    if (inner(x)) continue;
    if (x.kinded && !kinded.includes(x.m)) kinded.push(x.m);
    if ((x.kinded || x.to - x.from >= 2) && !bare.includes(x.m)) bare.push(x.m);
  }
  return { kinded, bare };
}

/** How a sheet without a unit code nor a known unit name was tied to its unit: the text, and where. */
export interface UnitGuess {
  by: 'file' | 'title' | 'name';
  text: string;
  /** The title's cell, A1. */
  cell?: string;
  /** By file or title: the "Đơn vị" cell's text, which names no unit of the list. */
  unitCell?: string;
}

/**
 * For a sheet whose unit code, name, sheet name and file name identify no unit: the one unit named
 * inside its "Đơn vị" cell ("UBND xã Chung Chải", after the kind word), else inside its file name
 * (after the kind word, else a name of two words or more) or a title above the header ("ĐẢNG ỦY XÃ
 * CHUNG CHẢI", after the kind word only: "HUYỆN ỦY MƯỜNG NHÉ" names no commune). Never a guess when
 * two units may be meant: `several` lists them.
 */
function guessUnit(
  index: UnitIndex,
  name: string | undefined,
  grid: Grid,
  headerRow: number,
  file: string,
): { hit: NameHit; guess: UnitGuess } | { several: UnitMatch[] } | null {
  const found: { units: UnitMatch[]; guess: UnitGuess }[] = [];
  let namesSome = false;
  if (name) {
    const { kinded, bare } = unitsInside(index, name);
    if (kinded.length) found.push({ units: kinded, guess: { by: 'name', text: name } });
    namesSome = bare.length > 0;
  }
  // A "Đơn vị" cell naming no unit at all ("Đoàn Thanh niên"): the file name and titles, as without
  // the cell. One that may name a unit without its kind word is not overruled by them.
  if (!found.length && !namesSome) {
    const unitCell = name ? { unitCell: name } : {};
    const fileName = fileNameOf(file);
    if (fileName) {
      const { kinded, bare } = unitsInside(index, fileName.replace(/\.[^.]*$/, ''));
      const units = kinded.length ? kinded : bare;
      if (units.length) found.push({ units, guess: { by: 'file', text: fileName, ...unitCell } });
    }
    for (let r = 0; r < headerRow; r++) {
      const row = grid[r] ?? [];
      for (let c = 0; c < Math.min(row.length, MAX_COLS); c++) {
        const v = row[c];
        if (typeof v !== 'string' || v.length > 200) continue;
        const { kinded } = unitsInside(index, v);
        if (kinded.length)
          found.push({
            units: kinded,
            guess: { by: 'title', text: cleanText(v), cell: a1(r + 1, c + 1), ...unitCell },
          });
      }
    }
  }
  if (!found.length) return null;
  const all: UnitMatch[] = [];
  for (const f of found) for (const m of f.units) if (!all.includes(m)) all.push(m);
  let hit = uniqueOrShared(all);
  // A new unit's name its predecessor (known by code alone) shares: the sheet's year decides, as byName.
  if (hit && !(hit instanceof SharedName) && hit.unit.succession?.predecessors.length)
    hit = sharedWithCode(index, hit, hit.unit.name) ?? hit;
  return hit ? { hit, guess: found[0].guess } : { several: all };
}

/**
 * "Mã đơn vị" (authoritative: an unknown code is not guessed around), else "Đơn vị",
 * else the sheet name, else the file name. A name a new unit shares with its predecessor is
 * the sheet's `year`'s (SharedName.forYear); when the year leaves it open, `shared` says so.
 */
export function identifyUnit(
  top: TopLabels,
  units: Unit[],
  index: UnitIndex,
  sheetName: string,
  file: string,
  year: number | null,
  titles: { grid: Grid; headerRow: number } | null = null,
): Identity {
  const viaCode = top.code ? codeOf(index, top.code) : null;
  let shared: SharedName | undefined;
  // Rare (a merger's shared name): a plain unit or null passes through.
  const ofYear = (hit: NameHit): UnitMatch | null => {
    if (!(hit instanceof SharedName)) return hit;
    const { match, open } = hit.forYear(year);
    if (open) shared = hit;
    return match;
  };
  const viaName = top.name
    ? viaCode !== null && namesItself(viaCode, top.name)
      ? viaCode
      : ofYear(remembered(index, index.nameHits, top.name, byName))
    : null;
  let match = top.code ? viaCode : (viaName ?? ofYear(byTitle(index, sheetName)) ?? byFileName(index, file, ofYear));
  const typed = top.code ?? top.name ?? null;
  // A code in no list (corrected in the list after the sheet was made): the sheet is the unit its
  // names designate, when they designate one and no other; else nobody's, and the finding says why.
  let unlisted: Identity['unlisted'];
  if (top.code && !match && !codeListed(index, top.code)) {
    const named = unitsByNames(index, top.name, sheetName, fileNameOf(file), year);
    unlisted = { typed: top.code, ...named };
    if (named.units.length === 1) match = named.units[0];
  }
  // Without a unit code: a unit named inside the "Đơn vị" cell, the file name or a title, if only one.
  let guess: UnitGuess | undefined;
  let several: UnitMatch[] | undefined;
  if (!match && !top.code && titles) {
    const guessed = guessUnit(index, top.name, titles.grid, titles.headerRow, file);
    if (guessed && 'hit' in guessed) {
      match = ofYear(guessed.hit);
      guess = guessed.guess;
    } else if (guessed) several = guessed.several;
  }
  if (!match) {
    const none: Identity = { match, unitName: '', display: '', typed };
    if (unlisted) none.unlisted = unlisted;
    if (several) none.several = several.map((m) => distinctName(unitDisplayName(m.unit), m.unit.code, units));
    return none;
  }
  // An old commune known only by code: its name is what the sheet says.
  const unitName = match.predecessor
    ? top.name
      ? stripKind(top.name, match.unit.kind)
      : match.unit.code
    : match.unit.name;
  // A unit's display name depends on its name and kind only (a predecessor's name is the sheet's).
  let display = match.predecessor ? undefined : match.display;
  if (display === undefined) {
    // Two units of the list of one name: findings say which, by its code after the name.
    display = distinctName(unitDisplayName({ name: unitName, kind: match.unit.kind }), match.unit.code, units);
    if (!match.predecessor) match.display = display;
  }
  const id: Identity = { match, unitName, display, typed };
  if (unlisted) id.unlisted = unlisted;
  if (guess) id.guess = guess;
  // With a unit code the code decides: the name only tells of a mismatch.
  if (shared && !top.code) id.shared = shared;
  if (viaCode && viaName && viaCode.unit.code !== viaName.unit.code && !succeeds(units, viaCode.unit, viaName.unit)) {
    id.mismatch = [
      distinctName(unitDisplayName(viaCode.unit), viaCode.unit.code, units),
      distinctName(unitDisplayName(viaName.unit), viaName.unit.code, units),
    ];
    id.namedCode = viaName.unit.code;
  }
  return id;
}

/**
 * The warning on a sheet without a unit code whose name is a new unit's and its predecessor's, in
 * the merger's year: named by file and sheet (both units have the name), it says which unit the
 * sheet was taken for and which code to write for either.
 */
export function sharedNameFinding(
  out: Sink,
  id: Identity,
  shared: SharedName,
  file: string,
  sheet: string,
  year: number | null,
): void {
  const { older, newer } = shared;
  const oldName = older.predecessor && id.unitName === older.unit.code ? null : id.unitName;
  const names = mergerNames(oldName === null ? null : { name: oldName }, older.unit.code, newer.unit);
  const from = formatDateVi(newer.unit.succession?.from ?? '');
  const w = { file: file || undefined, sheet };
  const text = T.unitNameShared(w, names, older.unit.code, newer.unit.code, from, year);
  out.push('warning', 'unit-name-shared', {}, text);
}

/**
 * What checkWorkbooks needs of a finding on a unit code in no list ('unit-code-outdated' on a sheet
 * read as the unit its names designate, 'unit-code-not-listed' on one that is nobody's): the code
 * typed, its cell, the units the names designate (by code) and the sheet's year. Kept beside the
 * finding, which stays a plain Finding (shells print and compare findings as they are).
 */
export interface UnitCodeNote {
  typed: string;
  cell: string | undefined;
  /** The units, "Xã Chung Chải" ('' for an old unit known by its code alone). */
  units: { code: string; display: string }[];
  year: number | null;
}

const UNIT_CODE_NOTES = new WeakMap<Finding, UnitCodeNote>();

/** The note of a finding on a unit code in no list (see UnitCodeNote); undefined for any other finding. */
export function unitCodeNote(f: Finding): UnitCodeNote | undefined {
  return UNIT_CODE_NOTES.get(f);
}

/** Attach `note` to `f` (checkWorkbooks, for the findings it makes of dropped sheets). */
export function setUnitCodeNote(f: Finding, note: UnitCodeNote): void {
  UNIT_CODE_NOTES.set(f, note);
}

/**
 * The cell "Mã đơn vị"'s value was read from (readTopLabels' first one: to the right of the label,
 * or the label's own cell for "Mã đơn vị: …"), A1; undefined if none. Looked for only on a sheet
 * whose code is in no list.
 */
function unitCodeCell(grid: Grid, headerRow: number): string | undefined {
  return topLabelCell(grid, headerRow, 0);
}

/**
 * The finding on a sheet whose unit code is in no list: a warning when the sheet was read as the one
 * unit its names designate (`id.match`), else an error (its names designate several). Returns the
 * note kept beside it (its year is set once known).
 */
export function unlistedFinding(
  out: Sink,
  grid: Grid,
  headerRow: number,
  id: Identity,
  unlisted: NonNullable<Identity['unlisted']>,
  sheet: string,
): UnitCodeNote {
  const cell = unitCodeCell(grid, headerRow);
  const units = unlisted.units.map((m) => ({ code: m.unit.code, display: displayOf(m) }));
  const note: UnitCodeNote = { typed: unlisted.typed, cell, units, year: null };
  if (id.match) {
    const w = out.where({ sheet, cell });
    const text = T.unitCodeOutdated(w, unlisted.typed, id.match.unit.code, id.display, unlisted.by);
    out.push('warning', 'unit-code-outdated', cell ? { cell } : {}, text);
  } else {
    const text = T.unitCodeNotListed(out.where({ cell }), unlisted.typed, units, unlisted.by);
    out.push('error', 'unit-code-not-listed', cell ? { cell } : {}, text);
  }
  UNIT_CODE_NOTES.set(out.findings[out.findings.length - 1], note);
  return note;
}

/** "Xã Chung Chải" for a unit found by name; '' for an old unit known by code alone (the message names it so). */
function displayOf(m: UnitMatch): string {
  return m.predecessor ? '' : (m.display ?? unitDisplayName(m.unit));
}
