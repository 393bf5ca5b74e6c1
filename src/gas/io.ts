/**
 * Finding and reading the units' sheets in both layouts:
 *  (a) a tab of the master spreadsheet, named "<unit name> <year>";
 *  (b) a tab of the unit's own spreadsheet (URL in the "Đơn vị" sheet).
 * Each sheet is read with ONE getDataRange().getValues(). Opening failures are caught per
 * unit and reported in Vietnamese; the other units are still read.
 */
import { unitDisplayName, unitSheetName } from '../engine/sheet/layout';
import type { Grid, Unit, WorkbookInput } from '../engine/types';
import { AGGREGATE } from '../messages/vi/gas';
import { errorText, normalizeName, readGrid } from './util';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The master's tabs by normalised name, listed once (getSheets + one getName per tab). */
export class SheetIndex {
  private byName: Map<string, { sheet: Sheet; name: string }> | null = null;

  constructor(readonly spreadsheet: Spreadsheet) {}

  private load(): Map<string, { sheet: Sheet; name: string }> {
    if (!this.byName) {
      this.byName = new Map();
      for (const sheet of this.spreadsheet.getSheets()) {
        const name = sheet.getName();
        const key = normalizeName(name);
        if (!this.byName.has(key)) this.byName.set(key, { sheet, name });
      }
    }
    return this.byName;
  }

  get(name: string): Sheet | null {
    return this.load().get(normalizeName(name))?.sheet ?? null;
  }

  /** The tab's real name (as typed in the spreadsheet) for a name matched loosely. */
  realName(name: string): string {
    return this.load().get(normalizeName(name))?.name ?? name;
  }

  /** Tell the index about a sheet created or renamed since it was listed. */
  add(name: string, sheet: Sheet): void {
    this.load().set(normalizeName(name), { sheet, name });
  }

  remove(name: string): void {
    this.load().delete(normalizeName(name));
  }
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
  /** Vietnamese reason the unit's spreadsheet could not be opened. */
  error?: string;
}

/** Open the unit's own spreadsheet (layout b) or return the master. Throws on failure. */
export function openUnitSpreadsheet(master: Spreadsheet, unit: Unit): { spreadsheet: Spreadsheet; external: boolean } {
  if (!unit.spreadsheetUrl) return { spreadsheet: master, external: false };
  const url = unit.spreadsheetUrl.trim();
  const ss = /^https?:\/\//i.test(url) ? SpreadsheetApp.openByUrl(url) : SpreadsheetApp.openById(url);
  return { spreadsheet: ss, external: true };
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
  },
): UnitBook[] {
  const index = opts.index ?? new SheetIndex(master);
  let masterName = opts.masterName;
  const books: UnitBook[] = [];
  units.forEach((unit, i) => {
    opts.onUnit?.(i, unit);
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
    try {
      const { spreadsheet, external } = openUnitSpreadsheet(master, unit);
      book.spreadsheet = spreadsheet;
      if (external) {
        book.source = unitDisplayName(unit);
        for (const y of years) {
          const name = unitSheetName(unit, y);
          const sheet = spreadsheet.getSheetByName(name);
          if (sheet) {
            book.sheets.set(y, sheet);
            book.names.set(y, name);
          }
        }
      } else {
        masterName ??= master.getName();
        book.source = masterName;
        for (const y of years) {
          const name = unitSheetName(unit, y);
          const sheet = index.get(name);
          if (sheet) {
            book.sheets.set(y, sheet);
            book.names.set(y, index.realName(name));
          }
        }
      }
      if (opts.read) for (const [y, sheet] of book.sheets) book.grids.set(y, readGrid(sheet, opts.timeZone));
    } catch (e) {
      book.error = AGGREGATE.unreadable(unitDisplayName(unit), errorText(e));
      book.sheets.clear();
      book.names.clear();
      book.grids.clear();
    }
  });
  return books;
}

/** The engine's input: one workbook per unit that could be opened, with the sheets read. */
export function toWorkbooks(books: UnitBook[]): WorkbookInput[] {
  return books
    .filter((b) => !b.error && b.grids.size > 0)
    .map((b) => ({
      source: b.source,
      sheets: [...b.grids.entries()].map(([y, grid]) => ({ name: b.names.get(y) ?? '', grid })),
    }));
}
