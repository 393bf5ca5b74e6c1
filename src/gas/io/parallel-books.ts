/**
 * `readUnitBooksDetailed` (through resume.ts): how "Tổng hợp" reads every unit — findUnitBooks' result (src/gas/io/find-units.ts)
 * for a few service calls in all, over the Sheets API (sheets-api.ts):
 *
 *  1. ONE fetch of the master's tab list (spreadsheets.get, properties only). It seeds the
 *     SheetIndex (no getName() per tab) and probes the API: if it is refused (API switched
 *     off in the Cloud project, 401, network), everything is read the SpreadsheetApp way as
 *     before and the run's notes say so.
 *  2. Layout (a): the units' tabs are found in that list (exact name first, look-alikes
 *     warned about, as findUnitBooks does) and read in chunks of at most `maxRanges` tabs
 *     (URLs stay under `maxUrlLength`), one spreadsheets.get with grid data per chunk.
 *     Layout (b), from `threshold` units on: one such request per unit spreadsheet.
 *     All requests go out together in UrlFetchApp.fetchAll batches under the read quota.
 *  3. A unit the API could not read (403, 404, 429/5xx given up, a bad URL) is tried once the
 *     SpreadsheetApp way: a spreadsheet that opens after all is read, else the user gets
 *     today's message (Google's reason in Vietnamese, the account named). A master chunk
 *     that fails is read the SpreadsheetApp way too.
 *
 * Books read over the API have no Sheet objects (`sheets` is empty): aggregation only needs
 * `grids`, `merges`, `names`, `source` and `error`. With a deadline (`budgetMs`, or `api.deadline`), units not
 * reached are left out of `books` and listed in `pending` (the caller resumes), whether they were
 * to be read over the API or the SpreadsheetApp way (the API unusable, or refusing a unit).
 */
import { distinctDisplayName, LAYOUT, unitSheetName, unitSheetNames } from '../../engine/sheet/layout';
import type { Grid, Unit } from '../../engine/types';
import { SHEETS_API_TEXT as T } from '../../messages/vi/sheets-api';
import { now as addonNow } from '../clock';
import { cellText, readGrid } from '../util';
import { findUnitBooks, SheetIndex, type UnitBook, type UnitTabs } from './find-units';
import {
  type ApiUnit,
  fetchMetadata,
  MAX_URL_LENGTH,
  PARALLEL_THRESHOLD,
  type ReadUnitsOptions,
  type ReadUnitsStats,
  readUnitsViaSheetsApi,
  SHEETS_API_DEFAULTS,
  shouldUseParallel,
  splitRanges,
} from './sheets-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type FindOptions = Parameters<typeof findUnitBooks>[3];

export interface ApiReadOptions extends Omit<ReadUnitsOptions, 'years' | 'sheetNames' | 'fallback' | 'onProgress'> {
  /** Tabs of the master per request (layout a). Default 40. */
  maxRanges?: number;
  /** Longest request URL, for both layouts. Default MAX_URL_LENGTH (UrlFetchApp's limit is 2 kB). */
  maxUrlLength?: number;
  /**
   * Read units the SpreadsheetApp way while waiting for the quota window (faster, but ~7
   * calls per unit so read). Default: only when waiting would take more than
   * QUOTA_WAIT_WITHOUT_FILL_MS — 130 units (3 windows of 60 reads, 2 minutes of waiting) are
   * read over the API alone.
   */
  fillQuotaWaits?: boolean;
}

/** Quota waiting accepted before units are read the SpreadsheetApp way meanwhile. */
export const QUOTA_WAIT_WITHOUT_FILL_MS = 120_000;

export interface ReadBooksOptions extends FindOptions {
  /** Layout (b) units read over the API from this many on. Default PARALLEL_THRESHOLD. */
  threshold?: number;
  /** Settings of the Sheets API reader (quota, back-off, deadline, clock); false: SpreadsheetApp only. */
  api?: ApiReadOptions | false;
  /** Called before the API requests go out, then at most every PROGRESS_EVERY_MS while reading (done of total). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Put each master tab's Sheet in its book, as findUnitBooks does (links to a tab and marks on it
   * need one): one getSheets + getSheetId for all tabs. "Tổng hợp" does not need them.
   */
  withTabs?: boolean;
  /**
   * Reading time from this call on (ms of the add-on's clock, or `api.now`'s): sets the deadline
   * when `api.deadline` is not given. None: no deadline.
   */
  budgetMs?: number;
}

export interface ReadBooksResult {
  books: UnitBook[];
  /** Units not read before the deadline (codes, in order). */
  pending: string[];
  /** Present when the Sheets API path was used. */
  stats?: ReadUnitsStats;
  /** For the run's notes (Vietnamese): the API could not be used. */
  notes: string[];
  /** Google's answer when the API could not be used (for "Nhật ký"); undefined otherwise. */
  apiUnavailable?: string;
  /**
   * For "Nhật ký" only (Vietnamese): units the API failed were read the SpreadsheetApp way, and
   * why — the run was slower. Not shown to the user: they were read, the totals are whole.
   */
  logNotes?: string[];
}

const MASTER_TASK = '\u0000master:';
/** Progress (a toast: one service call) at most this often while reading over the API. */
export const PROGRESS_EVERY_MS = 10_000;

/** An empty book for a unit read over the API: its grids and merges to fill (master tabs `withTabs`). */
function apiBook(unit: Unit, external: boolean, source: string): UnitBook {
  return {
    unit,
    spreadsheet: null,
    external,
    url: unit.spreadsheetUrl,
    source,
    sheets: new Map(),
    names: new Map(),
    grids: new Map(),
    merges: new Map(),
  };
}

function isExternal(u: Unit): boolean {
  return Boolean(u.spreadsheetUrl && u.spreadsheetUrl.trim() !== '');
}

/** Tab names split into requests of at most `maxRanges` names, each URL at most `maxUrl` characters (measured). */
export function chunkRanges(id: string, names: string[], maxRanges = 40, maxUrl = MAX_URL_LENGTH): string[][] {
  return splitRanges(id, names, maxUrl, maxRanges);
}

/** findUnitBooks, with every unit read over the Sheets API in a few requests (see above). */
export function readUnitBooksDetailed(
  master: Spreadsheet,
  units: Unit[],
  years: number[],
  opts: ReadBooksOptions,
): ReadBooksResult {
  const { threshold = PARALLEL_THRESHOLD, api, onProgress, withTabs = false, budgetMs, ...find } = opts;
  const external = units.filter(isExternal);
  const internal = units.filter((u) => !isExternal(u));
  const apiExternal = shouldUseParallel(external.length, threshold);
  const settings: ApiReadOptions = api || {};
  // The add-on's clock (tests and benchmarks move it with the fake's modelled time).
  const clock = settings.now ?? (() => addonNow().getTime());
  // The SpreadsheetApp way keeps the API reader's deadline too: units not started by then are pending.
  const deadline =
    api === false ? undefined : (settings.deadline ?? (budgetMs === undefined ? undefined : clock() + budgetMs));
  const ordinary = (index = find.index): ReadBooksResult => {
    const pending: string[] = [];
    const stop = deadline === undefined ? undefined : { deadline, pending };
    return { books: findUnitBooks(master, units, years, { ...find, index, stop }), pending, notes: [] };
  };
  if (!opts.read || api === false || (!internal.length && !apiExternal)) return ordinary();

  const index = find.index ?? new SheetIndex(master);
  let reported = clock();
  onProgress?.(0, units.length);
  const progress = (done: number) => {
    if (clock() - reported < PROGRESS_EVERY_MS) return;
    reported = clock();
    onProgress?.(done, units.length);
  };
  const token = settings.token ?? ScriptApp.getOAuthToken();
  const masterId = master.getId();
  const meta = fetchMetadata(masterId, { ...settings, token });
  if (!meta.ok) {
    const why = meta.status === null ? T.network(meta.detail) : T.httpStatus(meta.status, meta.detail);
    // The user's note in Vietnamese; Google's text (`why`) goes to "Nhật ký" with the writer's note.
    return { ...ordinary(index), notes: [T.apiUnavailable(T.reason(meta.status))], apiUnavailable: why };
  }
  index.seed(meta.tabs);
  const masterName = find.masterName ?? meta.title;

  // Layout (a): which tabs, in chunks of the master. Left-over tabs ("… 2025", no unit's by name)
  // are read in the same requests: their unit code cell may make one a unit's (index.setCodes).
  const located = new Map<string, UnitTabs>();
  const wanted: string[] = [];
  const seen = new Set<string>();
  const want = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    wanted.push(name);
  };
  const everyUnit = find.allUnits ?? units;
  const leftOver = index.codesRead ? [] : index.leftOverTabs(everyUnit, years);
  // First, so that they are in the first request (not left pending at a deadline).
  for (const l of leftOver) want(l.entry.name);
  for (const u of internal) {
    const tabs = index.locateUnit(u, years, units);
    located.set(u.code, tabs);
    if (tabs.ambiguous) continue;
    for (const e of tabs.entries.values()) want(e.name);
  }
  const chunks = chunkRanges(masterId, wanted, settings.maxRanges, settings.maxUrlLength);
  const chunkNames = new Map<string, string[]>();
  const tasks: ApiUnit[] = chunks.map((names, k) => {
    chunkNames.set(`${MASTER_TASK}${k}`, names);
    return { code: `${MASTER_TASK}${k}`, name: masterName, spreadsheetId: masterId };
  });
  const viaApi = apiExternal ? external : [];
  for (const u of viaApi)
    tasks.push({ code: u.code, name: u.name, kind: u.kind, spreadsheetId: u.spreadsheetUrl as string });

  const byCode = new Map(units.map((u) => [u.code, u]));
  const books = new Map<string, UnitBook>();
  const timeZone = find.timeZone;
  const perWindow = settings.readsPerMinute ?? SHEETS_API_DEFAULTS.readsPerMinute;
  const windows = Math.ceil((tasks.length + 1) / Math.max(1, perWindow));
  const expectedWaitMs = (windows - 1) * (settings.windowMs ?? SHEETS_API_DEFAULTS.windowMs);
  const fillWaits = settings.fillQuotaWaits ?? expectedWaitMs > QUOTA_WAIT_WITHOUT_FILL_MS;
  const result = readUnitsViaSheetsApi(tasks, {
    ...settings,
    // The tab list just sent counts against the same per-minute quota.
    readsPerMinute: Math.max(1, perWindow - 1),
    now: clock,
    deadline,
    token,
    retryServerErrors: false,
    sheetNames: (t) => chunkNames.get(t.code) ?? years.map((y) => unitSheetName({ name: t.name }, y)),
    // While the quota window is full: this request the ordinary way.
    fallback: !fillWaits
      ? undefined
      : (t, names) => {
          if (chunkNames.has(t.code)) {
            return {
              sheets: names.flatMap((name) => {
                const sheet = index.get(name);
                return sheet ? [{ name, grid: readGrid(sheet, timeZone) }] : [];
              }),
            };
          }
          const unit = byCode.get(t.code) as Unit;
          const [book] = findUnitBooks(master, [unit], years, { ...find, index, onUnit: undefined });
          books.set(unit.code, book);
          if (book.error) throw new Error(book.error);
          return { sheets: [] };
        },
    onProgress: (done, total) => progress(Math.round((done / Math.max(1, total)) * units.length)),
  });

  // Layout (a) books from the chunks.
  const readTabs = new Map<string, { grid: Grid; merges?: string[] }>();
  const failedTabs = new Set<string>();
  const pendingTabs = new Set<string>();
  for (const [code, names] of chunkNames) {
    const got = result.grids.get(code);
    if (got) for (const s of got.sheets) readTabs.set(s.name, { grid: s.grid, merges: s.merges });
    else if (result.pending.includes(code)) for (const n of names) pendingTabs.add(n);
    else for (const n of names) failedTabs.add(n);
  }
  if (!index.codesRead) {
    const codes = leftOver.flatMap((l) => {
      const grid = readTabs.get(l.entry.name)?.grid;
      return grid ? [{ ...l, code: cellText(grid[LAYOUT.unitCodeRow - 1]?.[LAYOUT.valueCol - 1] ?? null) }] : [];
    });
    index.setCodes(
      codes,
      everyUnit.filter((u) => !isExternal(u)),
    );
  }
  // Located again: a unit without a tab by name may have one by its code now.
  if (leftOver.length) for (const u of internal) located.set(u.code, index.locateUnit(u, years, units));
  const retryOrdinary: Unit[] = [];
  /** Units read the SpreadsheetApp way because the API failed them: the run's notes say so. */
  let refused = 0;
  const why = new Set<string>();
  const failure = (code: string) => result.failures.find((f) => f.code === code);
  const pending: string[] = [];
  for (const u of internal) {
    const tabs = located.get(u.code) as UnitTabs;
    const names = [...tabs.entries.values()].map((e) => e.name);
    if (names.some((n) => pendingTabs.has(n))) {
      pending.push(u.code);
      continue;
    }
    if (names.some((n) => failedTabs.has(n))) {
      retryOrdinary.push(u);
      refused++;
      for (const [code, chunk] of chunkNames)
        if (chunk.some((n) => names.includes(n) && failedTabs.has(n))) why.add(failure(code)?.message ?? '');
      continue;
    }
    const book = apiBook(u, false, masterName);
    if (tabs.ambiguous) {
      book.error = tabs.ambiguous;
      book.errorLog = tabs.ambiguous;
    } else {
      for (const [y, e] of tabs.entries) {
        const got = readTabs.get(e.name);
        if (!got) continue;
        if (withTabs) book.sheets.set(y, e.sheet);
        book.names.set(y, e.name);
        book.grids.set(y, got.grid);
        if (got.merges?.length) book.merges?.set(y, got.merges);
      }
    }
    if (tabs.warnings.length) book.warnings = [...tabs.warnings];
    books.set(u.code, book);
  }

  // Layout (b) books from their requests.
  for (const u of viaApi) {
    if (books.has(u.code)) continue; // read by the fallback
    const got = result.grids.get(u.code);
    if (!got) {
      // Refused (403, 404), given up (429/5xx), a bad URL…: once the SpreadsheetApp way, which
      // reads it if it opens after all and otherwise gives today's message (Google's reason).
      const f = failure(u.code);
      if (f) {
        retryOrdinary.push(u);
        refused++;
        why.add(f.message);
      } else pending.push(u.code);
      continue;
    }
    const book = apiBook(u, true, distinctDisplayName(u, everyUnit));
    let otherName = false;
    for (const y of years) {
      const name = unitSheetName(u, y);
      const sheet = got.sheets.find((s) => s.name === name);
      if (!sheet) {
        otherName ||= unitSheetNames(u, y).length > 1;
        continue;
      }
      book.names.set(y, name);
      book.grids.set(y, sheet.grid);
      if (sheet.merges?.length) book.merges?.set(y, sheet.merges);
    }
    // A tab missing here may be under the name an earlier version gave it ("Foo  2025"), which
    // the API's answer cannot tell apart: read the SpreadsheetApp way, which tries that name too.
    // So is a spreadsheet without the period's tab: it may be under another name, found by its
    // unit code cell, or else the user is told what the spreadsheet holds (find-units.ts codedTabsOwnBook).
    if (otherName || !book.grids.has(years[0])) retryOrdinary.push(u);
    else books.set(u.code, book);
  }

  // The SpreadsheetApp way: layout (b) below the threshold, and what the API refused.
  const ordinaryUnits = [...(apiExternal ? [] : external), ...retryOrdinary];
  if (ordinaryUnits.length) {
    const stop = deadline === undefined ? undefined : { deadline, pending: [] as string[] };
    for (const b of findUnitBooks(master, ordinaryUnits, years, {
      ...find,
      index,
      masterName,
      onUnit: undefined,
      stop,
    }))
      books.set(b.unit.code, b);
    if (stop) pending.push(...stop.pending);
  }

  const order = new Map(units.map((u, i) => [u.code, i]));
  pending.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  // Slower than it should have been: "Nhật ký" says why, for whoever wonders.
  const reasons = [...why].filter(Boolean);
  return {
    books: units.map((u) => books.get(u.code)).filter((b): b is UnitBook => b !== undefined),
    pending,
    stats: result.stats,
    notes: [],
    logNotes: refused ? [T.readOrdinary(refused, reasons.slice(0, 3))] : [],
  };
}

/** Drop-in replacement for findUnitBooks (same arguments, same result). */
export function readUnitBooks(master: Spreadsheet, units: Unit[], years: number[], opts: ReadBooksOptions): UnitBook[] {
  return readUnitBooksDetailed(master, units, years, opts).books;
}
