/**
 * One cell's value → a number, a note text or a precise problem. Cells come from
 * Range.getValues() or the .xlsx reader: numbers, text, booleans, Date objects,
 * error values as text ("#REF!"), '' / null for empty.
 */
import { sliceWhole } from '../text/clip';
import { formatNumberVi } from '../text/format';
import { fromLegacy, type LegacyCode, legacyCode } from '../text/legacy';
import { cleanText, isClean, slug } from '../text/normalize';
import { isErrorValue, parseNumberText } from '../text/number';
import type { CellValue, ValueKind } from '../types';
import { isDate } from './is-date';

/** Machine codes of cell problems; also used as Finding codes. */
export type CellProblem =
  | 'not-a-number'
  | 'ambiguous'
  | 'negative'
  | 'fraction'
  | 'too-large'
  | 'boolean'
  | 'date'
  | 'error-value'
  | 'not-a-date'
  | 'date-out-of-range'
  | 'nil-in-stock';

export interface InvalidCell {
  status: 'invalid';
  problem: CellProblem;
  /** What the user typed, at most 60 characters. */
  shown: string;
}

export type CellParse =
  | { status: 'empty' }
  | { status: 'ok'; value: number | string; note?: 'ambiguous-thousands' | 'truncated' | 'nil-as-zero' | LegacyCode }
  | InvalidCell;

/**
 * `noYear`: typed as day/month only ("17/9"), read in the sheet's year (the caller warns);
 * `otherYear` too when the column's month put it in the year after or before ("5/1" in December's).
 */
export type DateParse =
  | { status: 'empty' }
  | { status: 'ok'; iso: string; noYear?: true; otherYear?: true }
  | InvalidCell;

/** Longest note kept; longer text is cut (with a warning) to bound memory and output. */
export const MAX_NOTE_LENGTH = 5000;
const SHOWN_LENGTH = 60;
/** Counts computed by formulas may carry binary noise (2.9999999999999996). */
const INTEGER_TOLERANCE = 1e-9;

const pad2 = (x: number) => String(x).padStart(2, '0');

/** ISO texts of recent days, by year·month·day: a national read meets the same few hundred dates 80,000 times. */
const ISO_DAYS = new Map<number, string>();

/** Calendar date as the sheet shows it; see parseDateCell for why local fields. */
function localIso(d: Date): string {
  const y = d.getFullYear();
  const m = d.getMonth() + 1;
  const day = d.getDate();
  const key = (y * 16 + m) * 32 + day;
  let iso = ISO_DAYS.get(key);
  if (iso === undefined) {
    iso = `${y}-${pad2(m)}-${pad2(day)}`;
    if (ISO_DAYS.size >= 5000) ISO_DAYS.clear();
    ISO_DAYS.set(key, iso);
  }
  return iso;
}

/** What the user sees in the cell, shortened to 60 characters. */
export function shownValue(v: CellValue): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (typeof v === 'number') s = formatNumberVi(v, 10);
  else if (typeof v === 'boolean') s = v ? 'TRUE' : 'FALSE';
  else if (isDate(v)) {
    if (Number.isNaN(v.getTime())) s = String(v);
    else {
      const iso = localIso(v);
      s = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    }
  } else s = cleanText(String(v));
  return s.length > SHOWN_LENGTH ? `${sliceWhole(s, SHOWN_LENGTH - 1)}…` : s;
}

function invalid(problem: CellProblem, v: CellValue): InvalidCell {
  return { status: 'invalid', problem, shown: shownValue(v) };
}

function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'string' && cleanText(v) === '');
}

/** Notes keep their line breaks (each line cleaned), unlike names. */
function cleanNote(s: string): string {
  // Clean text (most notes) has no line breaks: splitting would give [s], and cleanText(s) is s.
  if (isClean(s)) return s;
  // One line: splitting would give [s], so this is cleanText(s).
  if (!/[\r\n\u2028\u2029]/.test(s)) return cleanText(s);
  return s
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map(cleanText)
    .filter(Boolean)
    .join('\n');
}

/** Dashes alone (hyphen, en, em, minus). */
const DASHES = /^[-\u2010-\u2015\u2212]+$/;

/** "-", "–", "—", "không", "Không có" (any case, with or without diacritics): nothing, i.e. 0. */
export function isNilText(text: string): boolean {
  const t = cleanText(text);
  if (DASHES.test(t)) return true;
  const key = slug(t);
  return key === 'khong' || key === 'khong-co';
}

/**
 * Above these a figure is a slip (an ID or phone number pasted, keys held down), not a commune's
 * month: a count of a billion, an amount of 10^15. Left in, one such cell would make a total
 * meaningless and, past 2^53, swallow the other units' figures in rounding.
 */
export const MAX_COUNT = 1e9;
export const MAX_AMOUNT = 1e15;

function checkNumber(value: number, kind: 'count' | 'amount', raw: CellValue): CellParse {
  if (!Number.isFinite(value)) return invalid('not-a-number', raw);
  if (value < 0) return invalid('negative', raw);
  if (value > (kind === 'count' ? MAX_COUNT : MAX_AMOUNT)) return invalid('too-large', raw);
  if (kind === 'count') {
    const rounded = Math.round(value);
    if (Math.abs(value - rounded) > INTEGER_TOLERANCE) return invalid('fraction', raw);
    return { status: 'ok', value: rounded === 0 ? 0 : rounded };
  }
  return { status: 'ok', value: value === 0 ? 0 : value };
}

/**
 * `stock`: the indicator is a stock ("lũy kế", "đến nay": its last month counts, not a sum). There
 * "-" or "không" means "no change", not "now none": read as 0 it would drop the figure carried from
 * the month before, so it stays an error (not counted) instead of nil-as-zero.
 */
export function parseCell(value: CellValue, kind: ValueKind, stock = false): CellParse {
  if (kind === 'note' && typeof value === 'string') return parseNoteText(value);
  if (isBlank(value)) return { status: 'empty' };
  if (kind === 'note') {
    // Not a text (parseNoteText reads those): a number as typed, anything else as the cell shows it.
    const text =
      typeof value === 'number'
        ? String(value).replace('.', ',') // no grouping: "2018" in a note is a year
        : shownValue(value);
    if (!text) return { status: 'empty' };
    if (text.length > MAX_NOTE_LENGTH)
      return { status: 'ok', value: sliceWhole(text, MAX_NOTE_LENGTH), note: 'truncated' };
    return { status: 'ok', value: text };
  }
  if (typeof value === 'number') return checkNumber(value, kind, value);
  if (typeof value === 'boolean') return invalid('boolean', value);
  if (isDate(value)) return invalid('date', value);
  const text = String(value);
  if (isErrorValue(text)) return invalid('error-value', value);
  const parsed = parseNumberText(text, kind);
  if (!parsed.ok) {
    // "-", "không": how Vietnamese administrative tables write "nothing"; read as 0, with a warning.
    if (parsed.reason === 'not-a-number' && isNilText(text))
      return stock ? invalid('nil-in-stock', value) : { status: 'ok', value: 0, note: 'nil-as-zero' };
    return invalid(parsed.reason, value);
  }
  const checked = checkNumber(parsed.value, kind, value);
  if (checked.status === 'ok' && parsed.note) return { ...checked, note: parsed.note };
  return checked;
}

/**
 * parseCell of a text in a note row (most note cells), the text looked over once for whether it is
 * clean (isClean) where isBlank and cleanNote each did: a national read has tens of thousands.
 */
function parseNoteText(value: string): CellParse {
  const clean = isClean(value);
  // isBlank: '' or nothing once cleaned (a clean text is its own cleanText).
  if (value === '' || (!clean && cleanText(value) === '')) return { status: 'empty' };
  if (isErrorValue(value)) return invalid('error-value', value);
  // Typed with Unikey set to TCVN3 or VNI, or pasted from an old file: read as the letters meant.
  const legacy = legacyCode(value);
  // cleanNote of a clean text is the text.
  const text = legacy ? cleanNote(fromLegacy(value, legacy)) : clean ? value : cleanNote(value);
  if (!text) return { status: 'empty' };
  // Text cut off loses words: that warning comes first.
  if (text.length > MAX_NOTE_LENGTH)
    return { status: 'ok', value: sliceWhole(text, MAX_NOTE_LENGTH), note: 'truncated' };
  return legacy ? { status: 'ok', value: text, note: legacy } : { status: 'ok', value: text };
}

// ---------------------------------------------------------------- dates

/** Reports are about 1990 … 2100; anything else is a typing mistake (e.g. "16" → 1900-01-15). */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86400000;

function validIso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1) return null;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > dim) return null;
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

function dateResult(iso: string | null, raw: CellValue): DateParse {
  if (!iso) return invalid('not-a-date', raw);
  const y = Number(iso.slice(0, 4));
  if (y < MIN_YEAR || y > MAX_YEAR) return invalid('date-out-of-range', raw);
  return { status: 'ok', iso };
}

/** Excel/Sheets serial day number → ISO date (the time of day, if any, is dropped). */
export function serialToIso(serial: number): string {
  const d = new Date(SERIAL_EPOCH + Math.floor(serial) * DAY_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

const DMY = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
/** "17/9", "17.9": day and month, no year. */
const DM = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})$/;
const DAY_WORD = /^ngày\s*:?\s*/i;
const LONG_DATE = /^(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$/i;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;

/**
 * The submission-date cell. Date objects: the shells hand over Dates whose *local*
 * fields (getFullYear/getMonth/getDate) are the date the sheet shows — Apps Script
 * builds them in the script's time zone, the .xlsx reader in the machine's — so we
 * read local fields and never toISOString(), which would shift 00:00 on 16/09 at
 * UTC+7 to the 15th. Numbers are serial days (43359 → 2018-09-16). Text is read
 * day first (dd/mm/yyyy, also "16-9-2018", "16.09.18") or ISO yyyy-mm-dd; never
 * month first. With the sheet's `year` known, day/month alone ("17/9") is read in that year,
 * marked `noYear` so the caller can say so; with the column's `month` too, in the year that puts
 * it at or after that month's data window (yearOfDayMonth), marked `otherYear` when not the sheet's.
 */
export function parseDateCell(value: CellValue, year?: number | null, month?: number): DateParse {
  const iso = dateCellIso(value);
  return iso !== null ? { status: 'ok', iso } : parseDateCellOf(value, year ?? null, month);
}

/**
 * The year of a day/month date ("5/1") typed in month `month`'s column of a sheet of `year`: the
 * one that puts it at or after the month's data window (which may begin in the month before).
 * December's report sent on 5/1 is of the next year; January's sent on 28/12, of the year before.
 */
function yearOfDayMonth(year: number, typedMonth: number, month: number | undefined): number {
  if (month === undefined) return year;
  if (typedMonth < month - 1) return year + 1;
  if (month === 1 && typedMonth === 12) return year - 1;
  return year;
}

/**
 * parseDateCell's ISO date for the usual submission cell (a Date of a year in range), without
 * making a result object; null for any other cell (then call parseDateCell). A national read has
 * 80,000 such cells. `byTime`: the answers so far by time value, for a caller reading many cells
 * at once (a date's local fields depend only on its time value while the time zone stays the
 * same, as it does through one read).
 */
export function dateCellIso(value: CellValue, byTime?: Map<number, string>): string | null {
  if (typeof value !== 'object' || value === null || !isDate(value)) return null;
  if (byTime === undefined) return isoInRange(value);
  // The same instants (midnight of the usual submission days) come again and again: the
  // time value is read straight from the Date, its local fields are worked out.
  const time = value.getTime();
  // First the answers of `byTime` kept by the time's hour (a read's dates are a few hundred days):
  // most cells are answered there, without hashing a time (a number beyond small integers) into the map.
  if (byTime !== recentFor) {
    RECENT_TIMES.fill(Number.NaN);
    recentFor = byTime;
  }
  const slot = Math.floor(time / HOUR_MS) & (RECENT_SLOTS - 1);
  if (RECENT_TIMES[slot] === time) return RECENT_ISO[slot] as string;
  const seen = byTime.get(time);
  if (seen !== undefined) {
    RECENT_TIMES[slot] = time;
    RECENT_ISO[slot] = seen;
    return seen;
  }
  const iso = isoInRange(value);
  if (iso !== null) {
    if (byTime.size >= 5000) byTime.clear();
    byTime.set(time, iso);
    RECENT_TIMES[slot] = time;
    RECENT_ISO[slot] = iso;
  }
  return iso;
}

/**
 * dateCellIso's table in front of the `byTime` map it was last given (its answers hold for that
 * map's read only, in the read's time zone): the time (NaN: none) and its ISO date, by the time's
 * hour modulo RECENT_SLOTS.
 */
const RECENT_SLOTS = 1024;
const HOUR_MS = 3600000;
const RECENT_TIMES = new Float64Array(RECENT_SLOTS).fill(Number.NaN);
const RECENT_ISO: (string | undefined)[] = new Array(RECENT_SLOTS).fill(undefined);
let recentFor: Map<number, string> | null = null;

function isoInRange(d: Date): string | null {
  const y = d.getFullYear(); // NaN for an invalid date
  return y >= MIN_YEAR && y <= MAX_YEAR ? localIso(d) : null;
}

function parseDateCellOf(value: CellValue, year: number | null, month?: number): DateParse {
  if (isBlank(value)) return { status: 'empty' };
  if (isDate(value)) {
    if (Number.isNaN(value.getTime())) return invalid('not-a-date', value);
    // Common case first: a four-digit year in range is what dateResult would accept.
    const y = value.getFullYear();
    if (y >= MIN_YEAR && y <= MAX_YEAR) return { status: 'ok', iso: localIso(value) };
    return dateResult(localIso(value), value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1) return invalid('not-a-date', value);
    return dateResult(serialToIso(value), value);
  }
  if (typeof value === 'boolean') return invalid('boolean', value);
  // "ngày 17/9/2018", "Ngày: 17/9/2018": the word clerks type before a date, as in a document.
  const text = cleanText(String(value)).replace(DAY_WORD, '');
  if (isErrorValue(text)) return invalid('error-value', value);
  // "17 tháng 9 năm 2018": a date as official documents write it.
  const long = LONG_DATE.exec(text);
  if (long) return dateResult(validIso(Number(long[3]), Number(long[2]), Number(long[1])), value);
  const dmy = DMY.exec(text);
  if (dmy) {
    const yy = Number(dmy[3]);
    const year = dmy[3].length === 2 ? 2000 + yy : yy;
    return dateResult(validIso(year, Number(dmy[2]), Number(dmy[1])), value);
  }
  const ymd = YMD.exec(text);
  if (ymd) return dateResult(validIso(Number(ymd[1]), Number(ymd[2]), Number(ymd[3])), value);
  const dm = year !== null ? DM.exec(text) : null;
  if (dm) {
    const typed = Number(dm[2]);
    const y = yearOfDayMonth(year as number, typed, month);
    const read = dateResult(validIso(y, typed, Number(dm[1])), value);
    if (read.status !== 'ok') return read;
    return y === year ? { ...read, noYear: true } : { ...read, noYear: true, otherYear: true };
  }
  return invalid('not-a-date', value);
}
