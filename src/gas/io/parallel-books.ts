/**
 * `readUnitBooks`: a drop-in for `findUnitBooks(master, units, years, { read: true, … })`
 * (src/gas/io.ts) that reads layout (b) units — those with their own spreadsheet — in
 * parallel over the Sheets API (sheets-api.ts) once there are `threshold` of them or more.
 * Units that are tabs of the master (layout a), and every unit below the threshold, are read
 * exactly as before by findUnitBooks; so is a unit the API path reads while it waits for the
 * quota window (the `fallback`).
 *
 * Wiring into "Tổng hợp" (src/gas/aggregate.ts, aggregatePeriod): replace the call
 *   findUnitBooks(master, units, years, { read: true, timeZone, index, onUnit })
 * by
 *   readUnitBooks(master, units, years, { read: true, timeZone, index, onUnit })
 * Books come back in the order of `units`. Books read over the API have no Sheet objects
 * (`sheets` is empty): aggregation only needs `grids`, `names`, `source` and `error`.
 * With `deadline`, units not reached are listed in `pending` (for a resumed run).
 */
import { unitDisplayName, unitSheetName } from '../../engine/sheet/layout';
import type { Unit } from '../../engine/types';
import { findUnitBooks, type UnitBook } from '../io';
import {
  PARALLEL_THRESHOLD,
  type ReadUnitsOptions,
  type ReadUnitsStats,
  readUnitsViaSheetsApi,
  shouldUseParallel,
} from './sheets-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type FindOptions = Parameters<typeof findUnitBooks>[3];

export interface ReadBooksOptions extends FindOptions {
  /** Parallel from this many layout (b) units on. Default 20. */
  threshold?: number;
  /** Settings of the Sheets API reader (quota, back-off, deadline, clock). */
  api?: Omit<ReadUnitsOptions, 'years' | 'sheetNames' | 'fallback' | 'onProgress'>;
}

export interface ReadBooksResult {
  books: UnitBook[];
  /** Units not read before the deadline (codes, in order). */
  pending: string[];
  /** Present when the Sheets API path was used. */
  stats?: ReadUnitsStats;
}

/** findUnitBooks, with layout (b) units read in parallel when there are many. */
export function readUnitBooksDetailed(
  master: Spreadsheet,
  units: Unit[],
  years: number[],
  opts: ReadBooksOptions,
): ReadBooksResult {
  const { threshold = PARALLEL_THRESHOLD, api, ...find } = opts;
  const external = units.filter((u) => u.spreadsheetUrl && u.spreadsheetUrl.trim() !== '');
  if (!opts.read || !shouldUseParallel(external.length, threshold)) {
    return { books: findUnitBooks(master, units, years, find), pending: [] };
  }
  const internal = units.filter((u) => !external.includes(u));
  const byCode = new Map(units.map((u) => [u.code, u]));
  const books = new Map<string, UnitBook>();
  let seen = 0;
  const progress = (unit: Unit) => find.onUnit?.(seen++, unit);

  // Tabs of the master: as before (one listing of the tabs, one getValues per tab).
  for (const b of findUnitBooks(master, internal, years, { ...find, onUnit: (_i, u) => progress(u) }))
    books.set(b.unit.code, b);

  const result = readUnitsViaSheetsApi(
    external.map((u) => ({ code: u.code, name: u.name, kind: u.kind, spreadsheetId: u.spreadsheetUrl as string })),
    {
      ...api,
      sheetNames: (u) => years.map((y) => unitSheetName({ name: u.name }, y)),
      // While the quota window is full: this unit the ordinary way (openByUrl + getValues).
      fallback: (u) => {
        const unit = byCode.get(u.code) as Unit;
        const [book] = findUnitBooks(master, [unit], years, { ...find, onUnit: undefined });
        books.set(unit.code, book);
        if (book.error) throw new Error(book.error);
        return { sheets: [] };
      },
      onProgress: (done) => {
        const unit = external[Math.min(done, external.length) - 1];
        if (unit) progress(unit);
      },
    },
  );

  for (const u of external) {
    if (books.has(u.code)) continue; // read by the fallback
    const book: UnitBook = {
      unit: u,
      spreadsheet: null,
      external: true,
      url: u.spreadsheetUrl,
      source: unitDisplayName(u),
      sheets: new Map(),
      names: new Map(),
      grids: new Map(),
    };
    const got = result.grids.get(u.code);
    if (got) {
      for (const y of years) {
        const name = unitSheetName(u, y);
        const sheet = got.sheets.find((s) => s.name === name);
        if (!sheet) continue;
        book.names.set(y, name);
        book.grids.set(y, sheet.grid);
      }
    } else {
      const failure = result.failures.find((f) => f.code === u.code);
      if (failure) book.error = failure.message;
      else continue; // pending
    }
    books.set(u.code, book);
  }
  return {
    books: units.map((u) => books.get(u.code)).filter((b): b is UnitBook => b !== undefined),
    pending: result.pending,
    stats: result.stats,
  };
}

/** Drop-in replacement for findUnitBooks (same arguments, same result). */
export function readUnitBooks(master: Spreadsheet, units: Unit[], years: number[], opts: ReadBooksOptions): UnitBook[] {
  return readUnitBooksDetailed(master, units, years, opts).books;
}
