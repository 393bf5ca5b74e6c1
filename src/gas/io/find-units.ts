/**
 * Finding and reading the units' sheets in both layouts:
 *  (a) a tab of the master spreadsheet, named "<unit name> <year>";
 *  (b) a tab of the unit's own spreadsheet (URL in the "Đơn vị" sheet).
 *
 * "Tổng hợp" reads over the Sheets API (parallel-books.ts: one metadata request for the
 * master's tabs, then the tabs' values, number formats and merged ranges in a few requests
 * sent together with UrlFetchApp.fetchAll), well under one service call per unit. This file
 * is the SpreadsheetApp path it falls back to (API switched off, a unit the API refuses):
 * each sheet read with ONE getDataRange().getValues(); opening failures caught per unit and
 * reported in Vietnamese (src/gas/errors.ts); a time-out retried with back-off; the other
 * units still read.
 *
 * Merged ranges come only with the API path: there the engine warns, as in the CLI, when a
 * merge hides a value cell (docs/security.md §6.8). The SpreadsheetApp path does not read
 * them — getMergedRanges() plus one getA1Notation() per merge (every template has a merged
 * title row) would be two calls more per sheet; its totals are still right (a cell hidden
 * by a merge is empty in Sheets too), only that warning is missing.
 */
import {
  afterUnitMissing,
  distinctDisplayName,
  LAYOUT,
  unitSheetName,
  unitSheetNames,
} from '../../engine/sheet/layout';
import type { CellValue, Finding, Grid, Unit, WorkbookInput } from '../../engine/types';
import type { UnreadableReport } from '../../engine/unreadable';
import { fileRef } from '../../messages/vi/findings';
import { LOOKALIKE, SHEETS, UNIT_BOOK } from '../../messages/vi/gas';
import { now } from '../clock';
import { explainRetried, RetryBudget, type UrlPlace, withOriginal, withRetry } from '../errors';
import { currentUser } from '../log';
import { cellNumber, cellText, looseTabKey, normalizeName, readGrid, spreadsheetIdOf } from '../util';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface TabEntry {
  /** The tab (for an entry seeded from the Sheets API: looked up on first use). */
  readonly sheet: Sheet;
  /** The tab's real name, as typed in the spreadsheet. */
  name: string;
}

/** A tab as the Sheets API lists it (spreadsheets.get, sheets.properties). */
export interface TabMeta {
  sheetId: number;
  title: string;
  /** 0-based position. */
  index: number;
}

/** What the index holds for a wanted name: the tab to use (if any) and the other tabs matching it loosely. */
export interface TabLookup {
  /** The tab named exactly so; else the only one matching loosely; null when none, or when several look alike and none is exact. */
  entry: TabEntry | null;
  /** Other tabs whose names normalise to the same text (look-alikes: NBSP, Ð, NFD, zero-width…). */
  others: TabEntry[];
}

/**
 * The master's tabs by normalised name, listed once (getSheets + one getName per tab).
 *
 * Names are matched loosely (NFC, Đ look-alikes, spaces, case), but a loose match never wins
 * over the exact one: with several tabs normalising to the same name, the tab named exactly
 * as wanted is used and the others are reported (`lookup`); with none exact, none is used.
 * So a tab "Sín Thầu\u00a02018" put before the real "Sín Thầu 2018" is never read instead of it.
 */
export class SheetIndex {
  private byName: Map<string, TabEntry[]> | null = null;
  /** getSheets(), fetched once for the entries seeded from the API. */
  private listed: Sheet[] | null = null;
  /**
   * Left-over tabs ("… <year>", no unit's by name) whose unit code cell holds a listed unit's code
   * (`setCodes`); null until read. A tab renamed past recognition is still its unit's by that code.
   */
  private coded: CodedTab[] | null = null;

  constructor(readonly spreadsheet: Spreadsheet) {}

  /** Whether the left-over tabs' unit codes were read (`setCodes`). */
  get codesRead(): boolean {
    return this.coded !== null;
  }

  /**
   * Tabs named like a report of one of `years` ("… 2025", the year from the name) that no unit of
   * `units` finds by name (its own, a look-alike, renamed, a copy), nor the add-on's own sheets:
   * those whose unit code cell is worth reading. No service call once the tabs are known.
   */
  leftOverTabs(units: readonly Unit[], years: number[]): { entry: TabEntry; year: number }[] {
    units = units.filter((u) => !u.spreadsheetUrl?.trim());
    const map = this.load();
    const claimed = new Set<TabEntry>();
    const names: string[] = [];
    for (const u of units) {
      // By name only: which tabs are left over is what the codes are then read for.
      for (const e of this.locateUnit(u, years, units, false).entries.values()) claimed.add(e);
      for (const y of years) names.push(normalizeName(unitSheetName(u, y)));
    }
    const own = new Set(names);
    const claimedKeys = [...claimed].map((e) => normalizeName(e.name));
    const out: { entry: TabEntry; year: number }[] = [];
    for (const [key, list] of map) {
      const year = /\s(\d{4})$/.exec(key);
      if (!year || !years.includes(Number(year[1])) || own.has(key) || isAddonSheet(key)) continue;
      if (claimedKeys.some((k) => isCopyName(key, k))) continue;
      for (const entry of list) if (!claimed.has(entry)) out.push({ entry, year: Number(year[1]) });
    }
    return out;
  }

  /** The unit codes read in left-over tabs (`leftOverTabs`); only those of `units` are kept. */
  setCodes(found: { entry: TabEntry; year: number; code: string }[], units: readonly Unit[]): void {
    const codes = new Set(units.map((u) => u.code));
    this.coded = found
      .map((f) => ({ ...f, code: f.code.trim() }))
      .filter((f) => f.code && codes.has(f.code))
      .map((f) => ({ entry: f.entry, year: f.year, code: f.code }));
  }

  /** Normalised names of the left-over tabs holding a listed unit's code (said about on their own). */
  codedNames(): Set<string> {
    return new Set((this.coded ?? []).map((c) => normalizeName(c.entry.name)));
  }

  /** Whether the tabs are known yet (listed or seeded). */
  get loaded(): boolean {
    return this.byName !== null;
  }

  /**
   * Know the tabs from the Sheets API's list instead of getSheets() + one getName() per tab.
   * A tab's Sheet is only needed by the few callers that write: it is taken, on first use,
   * from ONE getSheets() at the listed position and checked by its id (a tab added meanwhile
   * moves positions: then it is looked for by id). Ignored once the index is loaded.
   */
  seed(tabs: TabMeta[]): void {
    if (this.byName) return;
    const map = new Map<string, TabEntry[]>();
    for (const tab of tabs) {
      let cached: Sheet | null | undefined;
      const entry: TabEntry = {
        name: tab.title,
        get sheet(): Sheet {
          if (cached === undefined) cached = resolve(tab);
          return cached as Sheet;
        },
      };
      const key = normalizeName(tab.title);
      const list = map.get(key);
      if (list) list.push(entry);
      else map.set(key, [entry]);
    }
    const resolve = (tab: TabMeta): Sheet | null => {
      this.listed ??= this.spreadsheet.getSheets();
      const at = this.listed[tab.index];
      if (at && at.getSheetId() === tab.sheetId) return at;
      return this.listed.find((s) => s !== at && s.getSheetId() === tab.sheetId) ?? null;
    };
    this.byName = map;
  }

  private load(): Map<string, TabEntry[]> {
    if (!this.byName) {
      this.byName = new Map();
      for (const sheet of this.spreadsheet.getSheets()) {
        const name = sheet.getName();
        const key = normalizeName(name);
        const list = this.byName.get(key);
        if (list) list.push({ sheet, name });
        else this.byName.set(key, [{ sheet, name }]);
      }
    }
    return this.byName;
  }

  private candidates(name: string): TabEntry[] {
    return this.load().get(normalizeName(name)) ?? [];
  }

  /** The tab for `name` and its look-alikes. */
  lookup(name: string): TabLookup {
    const list = this.candidates(name);
    if (!list.length) return { entry: null, others: [] };
    let exact = list.find((e) => e.name === name);
    if (!exact) {
      const nfc = name.normalize('NFC');
      const same = list.filter((e) => e.name.normalize('NFC') === nfc);
      if (same.length === 1) exact = same[0];
    }
    if (exact) return { entry: exact, others: list.filter((e) => e !== exact) };
    if (list.length === 1) return { entry: list[0], others: [] };
    return { entry: null, others: [...list] };
  }

  /** The tab for `name` (see `lookup`); null when there is none or it is ambiguous. */
  get(name: string): Sheet | null {
    return this.lookup(name).entry?.sheet ?? null;
  }

  /**
   * Which tab of the master holds `unit`'s sheet for each year: the real names (exact name
   * first, look-alikes warned about), the warnings, and whether the period's own tab
   * (years[0]) is ambiguous — then the unit cannot be read. A unit with no tab of its name is
   * read from a tab renamed by hand ("Chung Chai 2018", "Xã Nậm Kè 2018") when exactly one
   * such tab is no other unit's (`units`); the warning asks for the right name. The reader
   * still checks the unit code inside the sheet. With `byCode`, a left-over tab whose unit code
   * cell holds the unit's code (`setCodes`) is its report too.
   */
  locateUnit(unit: Unit, years: number[], units: readonly Unit[] = [unit], byCode = true): UnitTabs {
    // Two units of one name: the warnings say which, by its code.
    const display = distinctDisplayName(unit, units);
    const out: UnitTabs = { entries: new Map(), warnings: [], ambiguous: null };
    for (const y of years) {
      const name = unitSheetName(unit, y);
      const { entry, others } = this.lookup(name);
      const described = others.map((o) => LOOKALIKE.describe(o.name, oddCharacters(o.name, name)));
      let ambiguous: string | null = null;
      if (entry) {
        out.entries.set(y, entry);
        if (others.length) out.warnings.push(LOOKALIKE.ignored(display, y, entry.name, described));
        // "Bản sao của Chung Chải 2018", "Chung Chải 2018 (1)": figures typed there are not read.
        const copies = this.copiesOf(name, y, units).filter((e) => e !== entry && !others.includes(e));
        if (copies.length)
          out.warnings.push(
            LOOKALIKE.copies(
              display,
              entry.name,
              copies.map((e) => e.name),
            ),
          );
      } else if (others.length) {
        ambiguous = LOOKALIKE.ambiguous(display, y, described);
      } else {
        const renamed = this.renamedTabs(unit, y, units);
        // No tab by name at all: a left-over tab holding the unit's code is its report.
        const coded = renamed.length || !byCode ? [] : this.codedTabs(unit, y);
        if (renamed.length === 1) {
          out.entries.set(y, renamed[0]);
          out.warnings.push(LOOKALIKE.renamed(display, renamed[0].name, name));
        } else if (renamed.length > 1)
          ambiguous = LOOKALIKE.renamedAmbiguous(
            display,
            name,
            renamed.map((e) => e.name),
          );
        else if (coded.length === 1) {
          out.entries.set(y, coded[0]);
          out.warnings.push(LOOKALIKE.renamedByCode(display, coded[0].name, name, unit.code));
        } else if (coded.length > 1)
          ambiguous = LOOKALIKE.renamedAmbiguous(
            display,
            name,
            coded.map((e) => e.name),
          );
      }
      // Other left-over tabs with the unit's code, beside the one read: not "a unit to add".
      const read = byCode ? out.entries.get(y) : undefined;
      if (read)
        for (const e of this.codedTabs(unit, y))
          if (e !== read) out.warnings.push(LOOKALIKE.codedTaken(e.name, display, unit.code, read.name));
      // The period's own year (the first asked for) cannot be guessed: the unit is unreadable.
      if (ambiguous && y === years[0]) out.ambiguous = ambiguous;
      else if (ambiguous) out.warnings.push(ambiguous);
    }
    return out;
  }

  /** Left-over tabs of `year` whose unit code cell holds `unit`'s code (none before `setCodes`). */
  private codedTabs(unit: Unit, year: number): TabEntry[] {
    return (this.coded ?? []).filter((c) => c.code === unit.code && c.year === year).map((c) => c.entry);
  }

  /**
   * Tabs whose name holds `name` with more around it (a copy Sheets names "Bản sao của …" or
   * "… (1)"), that are not the tab (by name) of any of `units` for `year`.
   */
  copiesOf(name: string, year: number, units: readonly Unit[]): TabEntry[] {
    const key = normalizeName(name);
    const found: TabEntry[] = [];
    let claimed: Set<string> | null = null;
    for (const [k, list] of this.load()) {
      if (k === key || !isCopyName(k, key)) continue;
      claimed ??= claimedTabs(units, year);
      if (!claimed.has(k)) found.push(...list);
    }
    return found;
  }

  /**
   * Tabs that may be `unit`'s of `year` under another name: renamed by hand ("Chung Chai 2018"),
   * else, the unit renamed in "Đơn vị", its old tab, named as its code is without diacritics.
   */
  renamedTabs(unit: Unit, year: number, units: readonly Unit[]): TabEntry[] {
    const byName = this.renamed(unitSheetName(unit, year), year, units);
    return byName.length ? byName : this.renamed(`${unit.code} ${year}`, year, units);
  }

  /**
   * Tabs named `name` once diacritics, case, spacing and a leading kind ("Xã", "TT") are set
   * aside, that are not the tab (by name) of any of `units` for `year`.
   */
  renamed(name: string, year: number, units: readonly Unit[]): TabEntry[] {
    const key = looseTabKey(name);
    const found: TabEntry[] = [];
    let claimed: Set<string> | null = null;
    for (const list of this.load().values())
      for (const e of list) {
        if (looseTabKey(e.name) !== key) continue;
        claimed ??= claimedTabs(units, year);
        if (!claimed.has(normalizeName(e.name))) found.push(e);
      }
    return found;
  }

  /** The tabs' real names, when they are known already (listed or seeded); [] otherwise (no call made). */
  knownNames(): string[] {
    if (!this.byName) return [];
    const out: string[] = [];
    for (const list of this.byName.values()) for (const e of list) out.push(e.name);
    return out;
  }

  /** Whether any tab's name matches `name` loosely. */
  has(name: string): boolean {
    return this.candidates(name).length > 0;
  }

  /** The tab's real name (as typed in the spreadsheet) for a name matched loosely. */
  realName(name: string): string {
    return this.lookup(name).entry?.name ?? name;
  }

  /** Tell the index about a sheet created or renamed since it was listed. */
  add(name: string, sheet: Sheet): void {
    const key = normalizeName(name);
    const list = (this.load().get(key) ?? []).filter((e) => e.sheet !== sheet && e.name !== name);
    list.push({ sheet, name });
    this.load().set(key, list);
  }

  /** Forget a tab: the given sheet, else the one `get(name)` returns. */
  remove(name: string, sheet: Sheet | null = this.get(name)): void {
    const key = normalizeName(name);
    const list = (this.load().get(key) ?? []).filter((e) => e.sheet !== sheet);
    if (list.length) this.load().set(key, list);
    else this.load().delete(key);
  }
}

interface CodedTab {
  entry: TabEntry;
  /** The report's year, from the tab's name. */
  year: number;
  /** The unit code in the tab's unit code cell (C3). */
  code: string;
}

/** Normalised prefixes of the add-on's own sheets (summaries, "Kiểm tra", backups "~ …"). */
const ADDON_PREFIXES = [...Object.values(SHEETS), 'Tổng hợp', 'Theo đơn vị', '~'].map((p) => normalizeName(p));

/** A tab (normalised name) of the add-on's own, never a unit's report. */
export function isAddonSheet(key: string): boolean {
  return ADDON_PREFIXES.some((p) => key.startsWith(p));
}

/** The tab names (normalised) of `units` for `year`: tabs that are some unit's own. */
function claimedTabs(units: readonly Unit[], year: number): Set<string> {
  return new Set(units.map((u) => normalizeName(unitSheetName(u, year))));
}

/**
 * `tab` (normalised) names a copy of the tab `key`: as Sheets names a duplicate ("Bản sao của …",
 * "Copy of …") or as people do ("… (2)", "… bản sao", "… mới"). Not any tab that holds the name:
 * "Huyện Mường Nhé 2018", the summary's own sheet, is no copy of "Mường Nhé 2018".
 */
export function isCopyName(tab: string, key: string): boolean {
  const at = tab.indexOf(key);
  if (at < 0) return false;
  const before = tab.slice(0, at).trim();
  const after = tab.slice(at + key.length).trim();
  if (before && after) return false;
  if (before) return COPY_PREFIXES.includes(before);
  return COPY_SUFFIX.test(after);
}
const COPY_PREFIXES = ['bản sao của', 'bản sao', 'copy of', 'sao của'];
const COPY_SUFFIX = /^(?:\(?\d+\)?|\(?(?:bản sao|copy|mới|cũ|nháp|sửa)(?: \d+)?\)?)$/;

/**
 * The units to read: `units`, then the old units of a 2025 merger that "Đơn vị" knows by code
 * ("Đơn vị cũ (mã)"). `formerUnits` ("Đơn vị cũ") names them, and gives some their own spreadsheet:
 *  - an old unit with its own spreadsheet (layout b) is read there as any unit of layout (b) is, for
 *    the years read up to its merger's (later years have nothing of it), unless a unit read already
 *    has that spreadsheet and name (a new commune going on in its old one's spreadsheet: its tabs
 *    are read once, by their code);
 *  - any other, from its tab in the master: the one tab of the years named as "Đơn vị cũ" names it,
 *    else as its code is without diacritics and case ("Chung Chải 2025" for chung-chai), that is no
 *    current unit's. It is read under that tab's name (so no "renamed tab" warning), with the kind
 *    "Đơn vị cũ" gives. A tab a new commune shares with an old one of the same name is read once,
 *    as the new one's.
 * The reader checks the code inside each tab. Without any merger the units are returned as they are
 * (and the tab list is not asked for).
 */
export function withFormerUnits(
  index: SheetIndex,
  units: Unit[],
  years: number[],
  formerUnits: readonly Unit[] = [],
): Unit[] {
  const current = new Set(units.map((u) => u.code));
  // Old code → the latest year of a merger that took it in.
  const mergedIn = new Map<string, number>();
  for (const u of units)
    for (const p of u.succession?.predecessors ?? []) {
      if (current.has(p)) continue;
      const year = Number(u.succession?.from.slice(0, 4));
      mergedIn.set(p, Math.max(mergedIn.get(p) ?? Number.NEGATIVE_INFINITY, year));
    }
  if (!mergedIn.size) return units;
  const named = new Map(formerUnits.map((u) => [u.code, u]));
  const books = new Set(units.filter(ownSpreadsheet).map(bookKey));
  const formers: Unit[] = [];
  for (const [code, mergerYear] of mergedIn) {
    const known = named.get(code);
    if (known && ownSpreadsheet(known)) {
      const key = bookKey(known);
      if (books.has(key) || !years.some((y) => !(y > mergerYear))) continue;
      books.add(key);
      formers.push(known);
      continue;
    }
    for (const y of years) {
      const tabs = known ? index.renamedTabs(known, y, units) : index.renamed(`${code} ${y}`, y, units);
      if (tabs.length !== 1) continue;
      const name = tabs[0].name.replace(/\s*\d{4}\s*$/, '');
      if (name) formers.push({ code, name, kind: known?.kind ?? '', emails: [] });
      break;
    }
  }
  return formers.length ? [...units, ...formers] : units;
}

const ownSpreadsheet = (u: Unit) => Boolean(u.spreadsheetUrl?.trim());

/** A unit's own spreadsheet and tab name: two units with the same one would read the same tabs. */
function bookKey(u: Unit): string {
  const url = (u.spreadsheetUrl ?? '').trim();
  return `${spreadsheetIdOf(url) ?? url}\u0000${normalizeName(unitSheetName(u, 2000))}`;
}

export interface UnitTabs {
  /** The tab per year (only years that have one). */
  entries: Map<number, TabEntry>;
  warnings: string[];
  /** Vietnamese reason when the period's tab is ambiguous (several look-alikes, none exact). */
  ambiguous: string | null;
}

/** Why a tab's name only looks like the wanted one: "dấu cách không ngắt U+00A0", … */
export function oddCharacters(name: string, wanted: string): string[] {
  const C = LOOKALIKE.chars;
  const out: string[] = [];
  const codes = (re: RegExp) =>
    [...new Set(name.match(re) ?? [])].map(
      (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
    );
  const add = (label: string, re: RegExp) => {
    const found = codes(re);
    if (found.length) out.push(`${label} ${found.join(', ')}`);
  };
  add(C.nbsp, /\u00A0/g);
  add(C.space, /[\t\n\r\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g);
  add(C.zeroWidth, /[\u200B-\u200D\u2060\uFEFF]/g);
  add(C.d, /[\u00D0\u0189\u00F0\u0256]/g);
  if (name !== name.normalize('NFC')) out.push(C.nfd);
  if (!out.length && name.toLowerCase() !== wanted.toLowerCase()) out.push(C.spacing);
  if (!out.length && name !== wanted) out.push(C.case);
  return out;
}

export interface UnitBook {
  unit: Unit;
  /** The spreadsheet holding the unit's sheets (its own in layout b, else the master); null if it could not be opened. */
  spreadsheet: Spreadsheet | null;
  external: boolean;
  url?: string;
  /** Name used in messages for this workbook. */
  source: string;
  sheets: Map<number, Sheet>;
  /** Tab name per year. */
  names: Map<number, string>;
  grids: Map<number, Grid>;
  /** Merged ranges per year in A1 notation (read over the Sheets API only). */
  merges?: Map<number, string[]>;
  /** Vietnamese reason the unit's spreadsheet could not be opened. */
  error?: string;
  /** The same for "Nhật ký": with Google's original text for IT staff. */
  errorLog?: string;
  /** Vietnamese warnings about the unit's tabs (look-alike names ignored). */
  warnings?: string[];
  /**
   * Layout (b): why the period's tab was not found, naming the spreadsheet, the tab name expected
   * and the tabs it has: said instead of the engine's bare "chưa có trang báo cáo" (`explainMissing`).
   */
  missingTab?: string;
}

/**
 * The unit's tab of `year` in `spreadsheet`, by exact name (getSheetByName, no tab list): the
 * name unitSheetName gives, else the one an earlier version gave it ("Foo  2025", unitSheetNames).
 */
export function unitTab(spreadsheet: Spreadsheet, unit: Pick<Unit, 'name'>, year: number): TabEntry | null {
  for (const name of unitSheetNames(unit, year)) {
    const sheet = spreadsheet.getSheetByName(name);
    if (sheet) return { sheet, name };
  }
  return null;
}

/**
 * The unit codes in the master's left-over tabs (SheetIndex.leftOverTabs), for the SpreadsheetApp
 * path: one read of the code cell per such tab (usually none). A failure only loses that help.
 */
export function readLeftOverCodes(index: SheetIndex, units: readonly Unit[], years: number[]): void {
  const internal = units.filter((u) => !u.spreadsheetUrl?.trim());
  if (!internal.length) return;
  const found: { entry: TabEntry; year: number; code: string }[] = [];
  for (const l of index.leftOverTabs(internal, years)) {
    try {
      const code = l.entry.sheet.getRange(LAYOUT.unitCodeRow, LAYOUT.valueCol).getValue() as CellValue;
      found.push({ ...l, code: cellText(code) });
    } catch {
      // A tab that cannot be read here is only not matched by its code.
    }
  }
  index.setCodes(found, internal);
}

/**
 * A unit's own spreadsheet (layout b) without its tab of some year: the one other tab whose unit
 * code cell holds the unit's code and whose year cell (else the year in its name) is that year is
 * read, with a warning naming the spreadsheet, the tab and the name expected. When the period's own
 * tab (years[0]) is still missing, `book.missingTab` says what the spreadsheet holds. Calls: one
 * getSheets, a getName per tab and one read of code + year per tab not already read.
 */
function codedTabsOwnBook(
  spreadsheet: Spreadsheet,
  unit: Unit,
  years: number[],
  book: UnitBook,
  units: readonly Unit[],
): string[] {
  const display = distinctDisplayName(unit, units);
  const taken = new Set(book.names.values());
  const tabs = spreadsheet.getSheets().map((sheet) => ({ sheet, name: sheet.getName() }));
  const byYear = new Map<number, TabEntry[]>();
  for (const tab of tabs) {
    if (taken.has(tab.name)) continue;
    let cells: CellValue[][];
    try {
      cells = tab.sheet.getRange(LAYOUT.unitCodeRow, LAYOUT.valueCol, 2, 1).getValues() as CellValue[][];
    } catch {
      continue; // a tab smaller than the template (fewer rows): no report
    }
    const [[code], [yearCell]] = cells;
    if (cellText(code) !== unit.code.trim()) continue;
    let year = cellNumber(yearCell);
    if (!Number.isInteger(year)) year = Number(/(\d{4})\s*$/.exec(tab.name)?.[1] ?? Number.NaN);
    if (!years.includes(year) || book.sheets.has(year)) continue;
    byYear.set(year, [...(byYear.get(year) ?? []), tab]);
  }
  const warnings: string[] = [];
  let bookName: string | null = null;
  const nameOfBook = () => {
    bookName ??= spreadsheet.getName();
    return bookName;
  };
  for (const y of years) {
    if (book.sheets.has(y)) continue;
    const found = byYear.get(y) ?? [];
    const expected = unitSheetName(unit, y);
    if (found.length === 1) {
      book.sheets.set(y, found[0].sheet);
      book.names.set(y, found[0].name);
      warnings.push(UNIT_BOOK.tabByCode(display, nameOfBook(), found[0].name, expected, unit.code));
    } else if (y === years[0])
      book.missingTab = UNIT_BOOK.tabMissing(
        display,
        y,
        nameOfBook(),
        expected,
        tabs.map((t) => t.name),
        found.map((t) => t.name),
      );
  }
  return warnings;
}

/** Open the unit's own spreadsheet (layout b) or return the master. Throws on failure. */
export function openUnitSpreadsheet(master: Spreadsheet, unit: Unit): { spreadsheet: Spreadsheet; external: boolean } {
  if (!unit.spreadsheetUrl) return { spreadsheet: master, external: false };
  return { spreadsheet: openOwnSpreadsheet(unit.spreadsheetUrl), external: true };
}

/** A unit's own spreadsheet by its URL (or bare id) in "Đơn vị". Throws on failure. */
function openOwnSpreadsheet(urlOrId: string): Spreadsheet {
  const url = urlOrId.trim();
  return /^https?:\/\//i.test(url) ? SpreadsheetApp.openByUrl(url) : SpreadsheetApp.openById(url);
}

/** Locate (and optionally read) each unit's sheets for the given years. */
export function findUnitBooks(
  master: Spreadsheet,
  units: Unit[],
  years: number[],
  opts: {
    read: boolean;
    /** The spreadsheets' time zone (settings.timeZone), for Date cells. */
    timeZone?: string;
    index?: SheetIndex;
    masterName?: string;
    onUnit?: (i: number, unit: Unit) => void;
    /**
     * Every unit of the run when `units` is only part of it (a run resumed: io/resume.ts): their tabs
     * are no left-over tabs, whose unit code cell is read (SheetIndex.leftOverTabs).
     */
    allUnits?: readonly Unit[];
    /** Sleep allowed for retrying time-outs in this call (default: errors.RETRY_BUDGET_MS). */
    retry?: RetryBudget;
    /** Where a unit's spreadsheet URL is typed, for the message when it leads nowhere (default: "Đơn vị"). */
    urlAt?: (unit: Unit) => UrlPlace | undefined;
    /**
     * When reading: no unit is started at or after `deadline` (ms, the add-on's clock); the codes
     * of the units left go to `pending`, and they are not in the result (the caller resumes them:
     * io/resume.ts).
     */
    stop?: { deadline: number; pending: string[] };
  },
): UnitBook[] {
  const index = opts.index ?? new SheetIndex(master);
  const retry = opts.retry ?? new RetryBudget();
  if (opts.read && !index.codesRead) readLeftOverCodes(index, opts.allUnits ?? units, years);
  let masterName = opts.masterName;
  let user: string | undefined;
  const books: UnitBook[] = [];
  units.forEach((unit, i) => {
    const stop = opts.read ? opts.stop : undefined;
    if (stop && (stop.pending.length > 0 || now().getTime() >= stop.deadline)) {
      stop.pending.push(unit.code);
      return;
    }
    opts.onUnit?.(i, unit);
    const display = distinctDisplayName(unit, opts.allUnits ?? units);
    const book: UnitBook = {
      unit,
      spreadsheet: null,
      external: Boolean(unit.spreadsheetUrl),
      url: unit.spreadsheetUrl,
      source: '',
      sheets: new Map(),
      names: new Map(),
      grids: new Map(),
    };
    books.push(book);
    const warnings: string[] = [];
    // Set by locate(): the period's tab is ambiguous (several look-alikes, none exact).
    const found: { ambiguous: string | null } = { ambiguous: null };
    const locate = () => {
      book.sheets.clear();
      book.names.clear();
      book.grids.clear();
      warnings.length = 0;
      found.ambiguous = null;
      const { spreadsheet, external } = openUnitSpreadsheet(master, unit);
      book.spreadsheet = spreadsheet;
      if (external) {
        book.source = display;
        for (const y of years) {
          const tab = unitTab(spreadsheet, unit, y);
          if (tab) {
            book.sheets.set(y, tab.sheet);
            book.names.set(y, tab.name);
          }
        }
        // Only for a missing tab of the period's year: a unit without last year's tab (a new
        // commune) is common, and listing its tabs costs calls per unit.
        if (opts.read && !book.sheets.has(years[0]))
          warnings.push(...codedTabsOwnBook(spreadsheet, unit, years, book, opts.allUnits ?? units));
      } else {
        masterName ??= master.getName();
        book.source = masterName;
        const tabs = index.locateUnit(unit, years, units);
        for (const [y, entry] of tabs.entries) {
          book.sheets.set(y, entry.sheet);
          book.names.set(y, entry.name);
        }
        warnings.push(...tabs.warnings);
        found.ambiguous = tabs.ambiguous;
      }
      if (found.ambiguous) return;
      if (opts.read) for (const [y, sheet] of book.sheets) book.grids.set(y, readGrid(sheet, opts.timeZone));
    };
    try {
      withRetry(locate, { budget: retry });
      if (found.ambiguous) {
        book.error = found.ambiguous;
        book.errorLog = found.ambiguous;
      }
    } catch (e) {
      const urlAt = unit.spreadsheetUrl ? opts.urlAt?.(unit) : undefined;
      let x = explainRetried(e, { urlAt });
      if (x.kind === 'permission') {
        user ??= currentUser();
        x = explainRetried(e, { user, urlAt });
      }
      book.error = UNIT_BOOK.unreadable(display, x.text);
      book.errorLog = UNIT_BOOK.unreadable(display, withOriginal(x));
    }
    if (book.error) {
      book.sheets.clear();
      book.names.clear();
      book.grids.clear();
    }
    if (warnings.length) book.warnings = [...warnings];
  });
  return books;
}

/** The findings a unit's book adds to a summary or a check: unreadable (error), look-alike tabs (warning). */
export function bookFindings(book: UnitBook): Finding[] {
  const base = { unitCode: book.unit.code, unitName: book.unit.name };
  const out: Finding[] = (book.warnings ?? []).map((message) => ({
    ...base,
    severity: 'warning' as const,
    code: 'unit-sheet-lookalike',
    message,
  }));
  if (book.error)
    out.push({ ...base, severity: 'error', code: 'unit-unreadable', file: book.url, message: book.error });
  return out;
}

/**
 * The engine's "chưa có trang báo cáo năm …" of a unit whose own spreadsheet was searched
 * (`missingTab`), told with what the spreadsheet holds. `findings` is changed in place. `units`: the
 * list the findings were named by (a unit another shares the name of is named with its code).
 */
export function explainMissing(findings: Finding[], books: UnitBook[], year: number, units: readonly Unit[]): void {
  const byCode = new Map(books.filter((b) => b.missingTab).map((b) => [b.unit.code, b]));
  if (!byCode.size) return;
  for (const f of findings) {
    const b = f.code === 'unit-missing' && f.unitCode ? byCode.get(f.unitCode) : undefined;
    // Of the period's year only (last year's sheets are read too): the engine's own words, then why.
    // Of the period's year, not explained yet.
    if (!b || afterUnitMissing(f.message, b.unit, year, units) !== '') continue;
    f.message = `${f.message} — ${b.missingTab}`;
  }
}

/**
 * Layout (b): the communes whose own spreadsheet opened without any tab read as a report (`noReport`:
 * the engine's noReportSources), as the CLI takes a commune's workbook without a report sheet: its
 * report, unreadable (withUnreadableReports). Not a commune with a report of the year all the same
 * (`reported`), nor an old commune of a merger (not expected: `expected`). The finding names the
 * spreadsheet and its tabs (nameBooks); the note says what follows. `run`: Tổng hợp or Kiểm tra.
 */
export function noReportBooks(
  books: UnitBook[],
  noReport: ReadonlySet<string>,
  expected: ReadonlySet<string>,
  reported: ReadonlySet<string>,
  units: readonly Unit[],
  run: 'aggregate' | 'check',
): UnreadableReport[] {
  const out: UnreadableReport[] = [];
  for (const b of books) {
    const code = b.unit.code;
    if (!b.external || b.error || !noReport.has(b.source) || !expected.has(code) || reported.has(code)) continue;
    // The period's tab first (the years read are the period's and the one before).
    const tabs = [...b.names.entries()].sort(([x], [y]) => y - x).map(([, name]) => name);
    out.push({
      file: b.source,
      unit: b.unit,
      note: UNIT_BOOK.noReport(distinctDisplayName(b.unit, units), run),
      ...(tabs.length ? { sheet: tabs[0] } : {}),
    });
  }
  return out;
}

/**
 * The engine names a workbook "Tệp <source>" (fileRef); the add-on's source is the master's name, or
 * a commune's name for its own spreadsheet (layout b), neither a file. Such mentions in `findings`
 * become "Bảng tính "<its name>"" (of the commune, in layout b), in place. A commune's spreadsheet
 * is opened for its name only when a finding names it and it is not open already (the API path).
 */
export function nameBooks(findings: Finding[], books: UnitBook[], units: readonly Unit[]): void {
  const bySource = new Map<string, UnitBook>();
  for (const b of books) if (b.source && !b.error && !bySource.has(b.source)) bySource.set(b.source, b);
  if (!bySource.size) return;
  // Longest first: "Xã Nậm Kè Mới" is not taken for "Xã Nậm Kè" followed by " Mới".
  const sources = [...bySource.keys()].sort((x, y) => y.length - x.length);
  const [start, mid] = [fileRef('').trim(), fileRef('', true).trim()];
  // Followed by what where() and noReportSheet put after it (", trang …", ": …", " (…)").
  const pattern = new RegExp(`(${start}|${mid}) (${sources.map(escapeRegExp).join('|')})(?=[,:]| \\(|$)`, 'gu');
  const names = new Map<string, string | null>();
  const label = (source: string, midSentence: boolean): string => {
    const b = bySource.get(source) as UnitBook;
    if (!b.external) return UNIT_BOOK.book(source, null, midSentence);
    if (!names.has(source)) {
      let name: string | null = null;
      try {
        name = (b.spreadsheet ?? openOwnSpreadsheet(b.unit.spreadsheetUrl ?? '')).getName();
      } catch {
        // Opened a moment ago: without its name, the commune's still says whose it is.
      }
      names.set(source, name);
    }
    return UNIT_BOOK.book(names.get(source) ?? null, distinctDisplayName(b.unit, units), midSentence);
  };
  for (const f of findings) {
    if (!f.message.includes(start) && !f.message.includes(mid)) continue;
    f.message = f.message.replace(pattern, (_, word: string, source: string) => label(source, word === mid));
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The engine's input: one workbook per unit that could be opened, with the sheets read. */
export function toWorkbooks(books: UnitBook[]): WorkbookInput[] {
  return books
    .filter((b) => !b.error && b.grids.size > 0)
    .map((b) => ({
      source: b.source,
      sheets: [...b.grids.entries()].map(([y, grid]) => {
        const merges = b.merges?.get(y);
        return { name: b.names.get(y) ?? '', grid, ...(merges?.length ? { merges } : {}) };
      }),
    }));
}
