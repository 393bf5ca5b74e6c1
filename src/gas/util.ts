/** Small helpers shared by the add-on modules. No service calls here. */

import { isoFromDateText } from '../engine/catalogue/config-values';
import { offsetMinutes } from '../engine/periods/cutoff';
import { a1, parseCell } from '../engine/sheet/layout';
import { splitRecipients } from '../engine/text/email';
import { normalizeName, slug } from '../engine/text/normalize';
import { parseNumberText } from '../engine/text/number';
import type { CellValue, Grid } from '../engine/types';
import { isDate } from '../engine/validation/is-date';
import { COMMON } from '../messages/vi/gas';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export { a1, isDate, normalizeName, parseCell };

/** Spreadsheet id from ".../spreadsheets/d/<id>/edit#gid=0" or a bare id; null if neither. */
export function spreadsheetIdOf(text: string): string | null {
  const t = String(text ?? '').trim();
  const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]{10,})/.exec(t);
  if (m) return m[1];
  return /^[A-Za-z0-9_-]{10,}$/.test(t) ? t : null;
}

/** Kind words a user may put before a commune's name in a tab's name, as slugs (not huyện, tỉnh…). */
const KIND_SLUGS = ['xa-', 'phuong-', 'thi-tran-', 'tt-', 'dac-khu-'];

/**
 * A tab's name without diacritics, case, punctuation, a leading kind word and a "năm" before the
 * year: "Xã Nậm Kè 2018" and "Xã Nậm Kè năm 2018" → "nam-ke-2018" (people write the year both ways).
 */
export function looseTabKey(name: string): string {
  // Only the word "năm" with its tone: "Hà Nam 2025" keeps its "Nam".
  const s = slug(
    String(name)
      .normalize('NFC')
      .replace(/\s+năm\s+(\d{4})\s*$/iu, ' $1'),
  );
  for (const k of KIND_SLUGS) if (s.startsWith(k)) return s.slice(k.length);
  return s;
}

/** Text of a cell as the user sees it, trimmed ('' for empty). */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (isDate(v)) return v.toISOString();
  return String(v).trim();
}

/** A number from a cell: numbers as they are, text read the Vietnamese way. NaN when not a number. */
export function cellNumber(v: CellValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean' || isDate(v)) return Number.NaN;
  const t = cellText(v);
  if (!t) return Number.NaN;
  const r = parseNumberText(t, 'amount');
  if (r.ok) return r.value;
  // "12.5" is ambiguous for commune figures, but in settings a plain decimal point is fine.
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** A list typed in one cell: "a@x.vn, b@x.vn; c@x.vn" or "A + B + C". */
export function cellList(v: CellValue, separators = /[,;\s]+/): string[] {
  return cellText(v)
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * E-mail addresses typed in one cell (engine/text/email.ts: commas, semicolons, line breaks or
 * spaces; "Nguyễn Văn A" <a@b.vn> read as a@b.vn, as copied from Gmail). Each address once.
 */
export function emailList(v: CellValue): string[] {
  return splitRecipients(cellText(v)).map((r) => r.address);
}

/** Pad every row to `cols` cells with ''. */
export function rectangular<T>(rows: T[][], cols: number, fill: T): T[][] {
  return rows.map((r) => {
    const out = r.slice(0, cols);
    while (out.length < cols) out.push(fill);
    return out;
  });
}

/** Column index (0-based) of each wanted header in a header row, by normalised text. */
export function headerIndex(header: CellValue[], wanted: Record<string, string>): Record<string, number> {
  const norm = header.map((h) => normalizeName(cellText(h)));
  const out: Record<string, number> = {};
  for (const [key, label] of Object.entries(wanted)) out[key] = norm.indexOf(normalizeName(label));
  return out;
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || String(e);
  return String(e);
}

/** Link to a cell of a spreadsheet: same document → "#gid=…&range=…", otherwise the full URL. */
export function cellLink(sheetId: number, cell: string, spreadsheetUrl?: string): string {
  const frag = `#gid=${sheetId}&range=${cell}`;
  if (!spreadsheetUrl) return frag;
  return spreadsheetUrl.replace(/#.*$/, '') + frag;
}

/**
 * A Date whose *local* fields are the wall-clock time `d` shows in `timeZone`. Sheets hands
 * out Dates for the spreadsheet's zone; the engine reads local fields. Where the script's
 * zone is the spreadsheet's (the normal case) this returns an equal Date.
 */
export function wallClock(d: Date, timeZone: string): Date {
  if (Number.isNaN(d.getTime())) return d;
  const w = new Date(d.getTime() + offsetMinutes(timeZone, d) * 60000);
  const out = new Date(
    w.getUTCFullYear(),
    w.getUTCMonth(),
    w.getUTCDate(),
    w.getUTCHours(),
    w.getUTCMinutes(),
    w.getUTCSeconds(),
    w.getUTCMilliseconds(),
  );
  if (w.getUTCFullYear() < 100) out.setFullYear(w.getUTCFullYear()); // Date() maps 0–99 to 1900–1999
  return out;
}

/**
 * The sheet's grid with ONE service round trip for the values (plus the range lookup).
 * With `timeZone` (the spreadsheet's), Date cells are given local fields of that zone.
 */
export function readGrid(sheet: GoogleAppsScript.Spreadsheet.Sheet, timeZone?: string): Grid {
  const grid = sheet.getDataRange().getValues() as Grid;
  if (!timeZone) return grid;
  for (const row of grid) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (isDate(v)) row[c] = wallClock(v, timeZone);
    }
  }
  return grid;
}

/** ISO "YYYY-MM-DD" for dd/mm/yyyy, yyyy-mm-dd text (engine's isoFromDateText, as units.json) or a Date (calendar date in `timeZone`). */
export function isoFromCell(v: CellValue, timeZone: string, todayIn: (tz: string, d: Date) => string): string | null {
  if (isDate(v)) return Number.isNaN(v.getTime()) ? null : todayIn(timeZone, v);
  return isoFromDateText(cellText(v));
}

export function activeSpreadsheet(): Spreadsheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error(COMMON.noSpreadsheet);
  return ss;
}

/** First `limit` lines and a "… and N more" line. */
export function clip(lines: string[], limit: number, more: (n: number) => string): string[] {
  if (lines.length <= limit) return lines;
  return [...lines.slice(0, limit), more(lines.length - limit)];
}
