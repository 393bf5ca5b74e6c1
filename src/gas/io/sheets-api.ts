/**
 * Reading spreadsheets over the Sheets API, in parallel: UrlFetchApp.fetchAll sends many
 * requests at once (Apps Script runs them concurrently), each ONE service call whatever its
 * size. Used by "Tổng hợp" (parallel-books.ts) for both layouts:
 *
 *   GET https://sheets.googleapis.com/v4/spreadsheets/{id}
 *       ?ranges='Chung Chải 2018'&ranges='Chung Chải 2017'&includeGridData=true
 *       &fields=sheets(properties(sheetId,title),merges,data(startRow,startColumn,
 *               rowData(values(effectiveValue,effectiveFormat/numberFormat/type))))
 *   Authorization: Bearer ScriptApp.getOAuthToken()
 *
 * One request per unit spreadsheet (layout b), or per chunk of the master's tabs (layout a),
 * gives the tabs' values, which cells are dates (their number format) and the merged ranges.
 * UrlFetchApp refuses URLs over 2 kB, so a spreadsheet whose tabs would not fit one URL is asked
 * in several requests (splitRanges, MAX_URL_LENGTH) sent in the same fetchAll and merged in order.
 * `values:batchGet` would be lighter but cannot tell a date typed into a number cell from a
 * number (getValues() can: a Date) — read as a number it would silently change a total —
 * and has no merges. `metadataUrl` lists a spreadsheet's tabs (sheetId, title, index).
 *
 * Scopes: https://www.googleapis.com/auth/spreadsheets (the token may read every sheet the
 * user can open) and https://www.googleapis.com/auth/script.external_request (UrlFetchApp);
 * both are already in appsscript.json. The Google Sheets API must be enabled in the Cloud
 * project behind the script (Apps Script's default project has it; a standard project
 * needs "Google Sheets API" switched on). See docs/apps-script.md, docs/security.md.
 *
 * Quota (Sheets API, documented by Google; settings here, not constants):
 *   read requests per minute per project            300
 *   read requests per minute per user per project    60   ← binds: one person runs "Tổng hợp"
 * Requests are sent in batches so that no sliding 60-second window holds more than
 * `readsPerMinute` requests. HTTP 429 (quota) and 500/502/503/504 are retried with
 * truncated exponential back-off and jitter (Utilities.sleep), honouring Retry-After.
 * While waiting for the window to reopen, an optional `fallback` reads further units the
 * ordinary way (SpreadsheetApp), so the wait is not wasted.
 *
 * Values (gridToValues): numbers, strings and booleans as getValues() gives them; a number
 * in a cell with a DATE / TIME / DATE_TIME format becomes a Date whose local fields show the
 * serial's wall-clock time (getValues() + readGrid's time-zone shift give the same); error
 * cells as their text ("#REF!"); empty cells ''; trailing empty rows and columns dropped, as
 * getDataRange() does. Merges become A1 ranges ("B2:D2"), the CLI's form.
 *
 * Errors are per unit (the other units are still read): 403 no access, 404 deleted,
 * 401 token, exhausted retries and anything else → a Vietnamese message naming the unit.
 * A year tab that does not exist makes the API refuse the whole request (400 "Unable to
 * parse range"); that tab is dropped and the unit asked again, so a unit without last
 * year's tab is still read.
 */
import { a1, LAYOUT, unitDisplayName, unitSheetName } from '../../engine/sheet/layout';
import { normalizeName } from '../../engine/text/normalize';
import type { CellValue, Grid, SheetInput } from '../../engine/types';
import { SHEETS_API_TEXT as T } from '../../messages/vi/sheets-api';
import { spreadsheetIdOf } from '../util';
import type { TabMeta } from './find-units';

export const SHEETS_API_BASE = 'https://sheets.googleapis.com/v4/spreadsheets/';

/** Quota and retry figures. Defaults: Google's published Sheets API read quota (2025). */
export interface SheetsApiSettings {
  /** Read requests allowed per sliding window: 60 per minute per user (300 per project). */
  readsPerMinute: number;
  /** The quota window, ms. */
  windowMs: number;
  /** Requests per fetchAll call (never more than the window allows). */
  batchSize: number;
  /** Attempts per unit for 429/5xx (the first try included). */
  maxAttempts: number;
  /** First back-off delay, doubled on each retry, capped at maxBackoffMs; plus up to jitterMs. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  jitterMs: number;
}

export const SHEETS_API_DEFAULTS: Readonly<SheetsApiSettings> = Object.freeze({
  readsPerMinute: 60,
  windowMs: 60_000,
  batchSize: 60,
  maxAttempts: 5,
  initialBackoffMs: 1_000,
  maxBackoffMs: 32_000,
  jitterMs: 1_000,
});

/**
 * Layout (b) units read over the API from this many on. Measured in the fake (bench/gas.ts,
 * DEFAULT_LATENCY): SpreadsheetApp costs openByUrl + getSheetByName ×2 + (getDataRange +
 * getValues) ×2 = 7 calls and ~1.1 s per unit; the API path costs getOAuthToken + getId +
 * the master's tab list + one fetchAll = 4 calls and ~0.8 s for up to 10 units. It wins
 * from the first unit, so it is always used when the API works.
 */
export const PARALLEL_THRESHOLD = 1;

/** Use the parallel Sheets API path for layout (b) from `threshold` units on. */
export function shouldUseParallel(unitCount: number, threshold = PARALLEL_THRESHOLD): boolean {
  return unitCount >= threshold;
}

export interface ApiUnit {
  code: string;
  name: string;
  /** "xã", "phường"… for messages ("Xã Chung Chải"); optional. */
  kind?: string;
  /** Spreadsheet id, or its URL as typed in the "Đơn vị" sheet. */
  spreadsheetId: string;
}

export interface UnitSheets {
  sheets: SheetInput[];
}

export interface ReadUnitsOptions extends Partial<SheetsApiSettings> {
  /** Years whose tabs are read ("<unit name> <year>", unitSheetName). */
  years?: number[];
  /** Tab names to read per unit; overrides `years`. */
  sheetNames?: (unit: ApiUnit) => string[];
  /** OAuth token; default ScriptApp.getOAuthToken(). */
  token?: string;
  /** Clock (ms); default Date.now. */
  now?: () => number;
  /** Default Utilities.sleep. */
  sleep?: (ms: number) => void;
  /** For the jitter; default Math.random. */
  random?: () => number;
  /**
   * Absolute time (ms, same clock as `now`) after which no request, read or sleep is
   * started; the units not read yet are returned in `pending` (the caller resumes).
   */
  deadline?: number;
  /**
   * Reads one unit the ordinary way (SpreadsheetApp) while the quota window is full.
   * Throw an Error with a Vietnamese message when the unit cannot be read.
   */
  fallback?: (unit: ApiUnit, sheetNames: string[]) => UnitSheets;
  onProgress?: (done: number, total: number) => void;
  /**
   * Retry 500/502/503/504 here (default true). false: fail the unit at once (status kept), for
   * a caller that retries it another way (parallel-books.ts: SpreadsheetApp, with its own
   * back-off), so a passing error is not waited out twice. 429 (quota) is always retried.
   */
  retryServerErrors?: boolean;
  /** Longest request URL (default MAX_URL_LENGTH): a unit's tabs are split over several requests to stay under it. */
  maxUrlLength?: number;
}

export interface ReadUnitsStats {
  requests: number;
  fetchAllCalls: number;
  retries: number;
  sleptMs: number;
  viaFallback: number;
}

export interface ReadUnitsResult {
  /** Unit code → its tabs as getValues() would return them (only tabs that exist). */
  grids: Map<string, UnitSheets>;
  /** With the HTTP status when the API answered (403, 404…); null for a network failure or a bad answer. */
  failures: { code: string; message: string; status: number | null }[];
  /** Units not read because the deadline came first (in input order). */
  pending: string[];
  stats: ReadUnitsStats;
}

// ---------------------------------------------------------------- helpers

// In util.ts, so reading the configuration can check a URL without this reader.
export { spreadsheetIdOf };

/** A tab name as an A1 range covering the whole sheet: 'Chung Chải 2018' (quotes doubled). */
export function sheetRange(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Fields of a grid read: tab names, merges, and per cell its value and number-format type. */
export const GRID_FIELDS =
  'sheets(properties(sheetId,title),merges,data(startRow,startColumn,' +
  'rowData(values(effectiveValue,effectiveFormat/numberFormat/type))))';
/** Fields of the tab list: the spreadsheet's title and every tab's id, name and position. */
export const METADATA_FIELDS = 'properties/title,sheets(properties(sheetId,title,index))';

function rangesQuery(sheetNames: string[]): string {
  return sheetNames.map((n) => `ranges=${encodeURIComponent(sheetRange(n))}`).join('&');
}

/** spreadsheets.get of whole tabs with their values, number formats and merges (one request). */
export function gridGetUrl(spreadsheetId: string, sheetNames: string[]): string {
  return (
    `${SHEETS_API_BASE}${encodeURIComponent(spreadsheetId)}?${rangesQuery(sheetNames)}` +
    `&includeGridData=true&fields=${encodeURIComponent(GRID_FIELDS)}`
  );
}

/**
 * Longest request URL sent. Apps Script's UrlFetchApp refuses URLs over 2 kB ("Quotas for
 * Google Services": URL Fetch URL length 2 kB / call) by throwing "Limit Exceeded: URLFetch URL
 * Length." for the whole fetchAll; 2,000 stays under it whichever way "kB" is read. Tab names
 * are percent-encoded ("Thị trấn" → "Th%E1%BB%8B%20tr%E1%BA%A5n"), so the URL, not the count
 * of ranges, is what is measured.
 */
export const MAX_URL_LENGTH = 2000;

/**
 * Tab names split, in order, into runs whose gridGetUrl is at most `maxUrl` characters (and
 * at most `maxRanges` names). A name too long for a request of its own is alone in its run:
 * the caller checks (gridGetUrl(id, run).length > maxUrl) and reads it another way.
 */
export function splitRanges(
  spreadsheetId: string,
  names: string[],
  maxUrl = MAX_URL_LENGTH,
  maxRanges = Number.POSITIVE_INFINITY,
): string[][] {
  // gridGetUrl(id, k names) = gridGetUrl(id, []) + Σ len("ranges=…") + (k − 1) "&".
  const empty = gridGetUrl(spreadsheetId, []).length;
  const runs: string[][] = [];
  let run: string[] = [];
  let length = empty;
  for (const name of names) {
    const part = rangesQuery([name]).length;
    if (run.length && (run.length >= maxRanges || length + 1 + part > maxUrl)) {
      runs.push(run);
      run = [];
      length = empty;
    }
    length += part + (run.length ? 1 : 0);
    run.push(name);
  }
  if (run.length) runs.push(run);
  return runs;
}

/** spreadsheets.get of the tab list only. */
export function metadataUrl(spreadsheetId: string): string {
  return `${SHEETS_API_BASE}${encodeURIComponent(spreadsheetId)}?fields=${encodeURIComponent(METADATA_FIELDS)}`;
}

/** values:batchGet (values only: no date formats, no merges; kept for comparison and tests). */
export function batchGetUrl(spreadsheetId: string, sheetNames: string[]): string {
  const ranges = sheetNames.map((n) => `ranges=${encodeURIComponent(sheetRange(n))}`).join('&');
  return (
    `${SHEETS_API_BASE}${encodeURIComponent(spreadsheetId)}/values:batchGet?${ranges}` +
    '&valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER'
  );
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** Serial day number → Date whose local fields show that day and time (as getValues() gives). */
export function serialToDate(serial: number): Date {
  const u = new Date(SERIAL_EPOCH + Math.round(serial * DAY_MS));
  return new Date(
    u.getUTCFullYear(),
    u.getUTCMonth(),
    u.getUTCDate(),
    u.getUTCHours(),
    u.getUTCMinutes(),
    u.getUTCSeconds(),
    u.getUTCMilliseconds(),
  );
}

const SUBMITTED_LABEL = normalizeName('Ngày nộp');

function isSubmittedRow(row: CellValue[]): boolean {
  for (let c = 0; c < Math.min(row.length, LAYOUT.unitCol); c++) {
    const v = row[c];
    if (typeof v !== 'string') continue;
    const t = normalizeName(v);
    if (t.toUpperCase() === LAYOUT.submittedCode || t.startsWith(SUBMITTED_LABEL)) return true;
  }
  return false;
}

function cell(v: unknown): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** The `values` of one ValueRange → a rectangular grid: '' for empty, rows padded to the widest row. */
export function valuesToPlainGrid(values: unknown): Grid {
  const rows = Array.isArray(values) ? values : [];
  let width = 0;
  for (const r of rows) if (Array.isArray(r) && r.length > width) width = r.length;
  return rows.map((r) => {
    const src = Array.isArray(r) ? r : [];
    const out = new Array<CellValue>(width);
    for (let c = 0; c < width; c++) out[c] = cell(src[c]);
    return out;
  });
}

/**
 * A unit sheet's ValueRange → a grid like getDataRange().getValues(): valuesToPlainGrid, with
 * the serials of the submission row ("Ngày nộp") turned into Dates.
 */
export function valuesToGrid(values: unknown): Grid {
  const grid = valuesToPlainGrid(values);
  for (const row of grid) {
    if (!isSubmittedRow(row)) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === 'number' && Number.isFinite(v) && v >= 1) row[c] = serialToDate(v);
    }
  }
  return grid;
}

const ERROR_TEXT: Record<string, string> = {
  ERROR: '#ERROR!',
  NULL_VALUE: '#NULL!',
  DIVIDE_BY_ZERO: '#DIV/0!',
  VALUE: '#VALUE!',
  REF: '#REF!',
  NAME: '#NAME?',
  NUM: '#NUM!',
  N_A: '#N/A',
  LOADING: 'Loading...',
};
const DATE_TYPES = new Set(['DATE', 'TIME', 'DATE_TIME']);

interface ApiCell {
  effectiveValue?: {
    numberValue?: number;
    stringValue?: string;
    boolValue?: boolean;
    errorValue?: { type?: string };
  };
  effectiveFormat?: { numberFormat?: { type?: string } };
}

interface ApiGridData {
  startRow?: number;
  startColumn?: number;
  rowData?: { values?: ApiCell[] }[];
}

interface ApiGridRange {
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

interface ApiSheet {
  properties?: { sheetId?: number; title?: string; index?: number };
  merges?: ApiGridRange[];
  data?: ApiGridData[];
}

function apiCell(c: ApiCell | undefined): CellValue {
  const v = c?.effectiveValue;
  if (!v) return '';
  if (typeof v.numberValue === 'number') {
    const type = c?.effectiveFormat?.numberFormat?.type;
    return type && DATE_TYPES.has(type) ? serialToDate(v.numberValue) : v.numberValue;
  }
  if (typeof v.stringValue === 'string') return v.stringValue;
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  if (v.errorValue) return ERROR_TEXT[String(v.errorValue.type)] ?? '#ERROR!';
  return '';
}

/**
 * One GridData (spreadsheets.get with grid data) → the grid getDataRange().getValues()
 * gives: from A1, dates as Dates (by number format), trailing empty rows and columns dropped.
 */
export function gridToValues(data: ApiGridData | undefined): Grid {
  const top = Math.max(0, Math.floor(data?.startRow ?? 0));
  const left = Math.max(0, Math.floor(data?.startColumn ?? 0));
  const rows: CellValue[][] = [];
  for (let r = 0; r < top; r++) rows.push([]);
  for (const rd of data?.rowData ?? []) {
    const row: CellValue[] = new Array(left).fill('');
    for (const c of rd?.values ?? []) row.push(apiCell(c));
    rows.push(row);
  }
  const filled = (v: CellValue) => v !== '' && v !== null && v !== undefined;
  let height = rows.length;
  while (height > 0 && !rows[height - 1].some(filled)) height--;
  let width = 0;
  for (let r = 0; r < height; r++) {
    const row = rows[r];
    for (let c = row.length - 1; c >= width; c--)
      if (filled(row[c])) {
        width = c + 1;
        break;
      }
  }
  const grid: Grid = [];
  for (let r = 0; r < height; r++) {
    const out = new Array<CellValue>(width);
    for (let c = 0; c < width; c++) out[c] = rows[r][c] ?? '';
    grid.push(out);
  }
  return grid;
}

/** A merge (GridRange: 0-based, end exclusive) → "B2:D2"; null when unbounded. */
export function mergeToA1(m: ApiGridRange): string | null {
  const { startRowIndex: r1 = 0, startColumnIndex: c1 = 0, endRowIndex: r2, endColumnIndex: c2 } = m;
  if (typeof r2 !== 'number' || typeof c2 !== 'number' || r2 <= r1 || c2 <= c1) return null;
  return `${a1(r1 + 1, c1 + 1)}:${a1(r2, c2)}`;
}

/** The requested tabs out of a spreadsheets.get answer, in the order asked; tabs not in it are left out. */
export function sheetsFromGrid(body: { sheets?: ApiSheet[] }, names: string[]): SheetInput[] {
  const sheets = Array.isArray(body.sheets) ? body.sheets : [];
  const out: SheetInput[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    const hit =
      sheets.find((s) => s.properties?.title === name) ??
      sheets.find((s) => String(s.properties?.title ?? '').toLowerCase() === lower);
    if (!hit) continue;
    const merges = (hit.merges ?? []).map(mergeToA1).filter((m): m is string => m !== null);
    out.push({ name, grid: gridToValues(hit.data?.[0]), ...(merges.length ? { merges } : {}) });
  }
  return out;
}

/** The tab name in "Unable to parse range: 'Chung Chải 2017'" (400), or null. */
function unparsableRange(body: string): string | null {
  let message = body;
  try {
    message = String((JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body);
  } catch {
    // not JSON: use the text
  }
  const m = /Unable to parse range:\s*(.+?)\s*$/m.exec(message);
  if (!m) return null;
  let r = m[1].replace(/![A-Z]*\d*(?::[A-Z]*\d*)?$/i, '');
  if (r.startsWith("'") && r.endsWith("'") && r.length >= 2) r = r.slice(1, -1).replace(/''/g, "'");
  return r;
}

/** Google's error message of an API answer (else its text), cut to `max` characters. */
export function errorDetail(body: string, max = 200): string {
  try {
    const e = (JSON.parse(body) as { error?: { message?: string; status?: string } }).error;
    if (e?.message) return String(e.message).slice(0, max);
  } catch {
    // not JSON
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, max);
}

/** A response header, whatever its case. */
export function header(headers: Record<string, unknown>, name: string): string | null {
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === name) return String(v);
  return null;
}

/** Answers worth trying again: quota (429) and Google's passing server errors. */
export const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/** One unit's read: its tabs, over one request or several (splitRanges), merged when all are in. */
interface Group {
  unit: ApiUnit;
  index: number;
  /** Every tab asked for, in order: the merged answer keeps it. */
  names: string[];
  /** Requests made of it, and those not answered yet. */
  parts: number;
  open: number;
  /** Tabs read so far, by the name asked. */
  got: Map<string, SheetInput>;
  /** Read, failed, or read by the fallback: later answers of its requests are ignored. */
  settled: boolean;
}

interface Task {
  group: Group;
  unit: ApiUnit;
  id: string;
  names: string[];
  /** Failed attempts so far (429/5xx/network). */
  attempts: number;
  notBefore: number;
  index: number;
}

// ---------------------------------------------------------------- the reader

/**
 * Read every unit's tabs over the Sheets API, in parallel batches under the read quota.
 * Never throws for a unit's problem: it goes to `failures`.
 */
export function readUnitsViaSheetsApi(units: ApiUnit[], options: ReadUnitsOptions = {}): ReadUnitsResult {
  const s: SheetsApiSettings = { ...SHEETS_API_DEFAULTS };
  for (const k of Object.keys(SHEETS_API_DEFAULTS) as (keyof SheetsApiSettings)[]) {
    const v = options[k];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) s[k] = v;
  }
  s.batchSize = Math.max(1, Math.min(Math.floor(s.batchSize), Math.floor(s.readsPerMinute)));
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => Utilities.sleep(ms));
  const random = options.random ?? Math.random;
  const namesOf =
    options.sheetNames ?? ((u: ApiUnit) => (options.years ?? []).map((y) => unitSheetName({ name: u.name }, y)));
  const label = (u: ApiUnit) => unitDisplayName({ name: u.name, kind: u.kind ?? '' });

  const result: ReadUnitsResult = {
    grids: new Map(),
    failures: [],
    pending: [],
    stats: { requests: 0, fetchAllCalls: 0, retries: 0, sleptMs: 0, viaFallback: 0 },
  };
  const total = units.length;
  let done = 0;
  const finish = () => {
    done++;
    options.onProgress?.(done, total);
  };
  const fail = (u: ApiUnit, message: string, status: number | null = null) => {
    result.failures.push({ code: u.code, message, status });
    finish();
  };
  const succeed = (u: ApiUnit, sheets: SheetInput[]) => {
    result.grids.set(u.code, { sheets });
    finish();
  };

  let queue: Task[] = [];
  const maxUrl =
    typeof options.maxUrlLength === 'number' && options.maxUrlLength > 0 ? options.maxUrlLength : MAX_URL_LENGTH;
  units.forEach((unit, index) => {
    const id = spreadsheetIdOf(unit.spreadsheetId);
    const names = namesOf(unit);
    if (!id) fail(unit, T.badId(label(unit)));
    else if (names.length === 0) succeed(unit, []);
    else {
      // Several requests when one URL would be too long; all go out in the same fetchAll rounds.
      const runs = splitRanges(id, names, maxUrl);
      const tooLong = runs.find((r) => gridGetUrl(id, r).length > maxUrl);
      // A tab name too long for any request: the caller reads the unit another way (SpreadsheetApp).
      if (tooLong) fail(unit, T.urlTooLong(label(unit), tooLong[0]));
      else {
        const group: Group = {
          unit,
          index,
          names,
          parts: runs.length,
          open: runs.length,
          got: new Map(),
          settled: false,
        };
        for (const r of runs) queue.push({ group, unit, id, names: r, attempts: 0, notBefore: 0, index });
      }
    }
  });
  if (queue.length === 0) return result;

  /** The unit fails: its other requests are not sent (those in flight are ignored). */
  const failGroup = (g: Group, message: string, status: number | null = null) => {
    if (g.settled) return;
    g.settled = true;
    queue = queue.filter((q) => q.group !== g);
    fail(g.unit, message, status);
  };
  /** One request's tabs; the unit is read when its last request is. */
  const partDone = (task: Task, sheets: SheetInput[]) => {
    const g = task.group;
    if (g.settled) return;
    for (const sh of sheets) g.got.set(sh.name, sh);
    g.open--;
    if (g.open > 0) return;
    g.settled = true;
    succeed(
      g.unit,
      g.names.flatMap((n) => g.got.get(n) ?? []),
    );
  };
  /** No request of it answered or retried yet: the fallback may read the whole unit instead. */
  const untouched = (g: Group) =>
    !g.settled && g.open === g.parts && queue.every((q) => q.group !== g || (q.attempts === 0 && q.notBefore === 0));

  const token = options.token ?? ScriptApp.getOAuthToken();
  /** Send times of the requests in the current window (oldest first). */
  const sent: number[] = [];
  const pastDeadline = () => options.deadline !== undefined && now() >= options.deadline;

  const retryLater = (task: Task, status: number, retryAfter: string | null) => {
    task.attempts++;
    if (task.attempts >= s.maxAttempts) {
      failGroup(task.group, T.gaveUp(label(task.unit), status, task.attempts), status);
      return;
    }
    result.stats.retries++;
    const exp = Math.min(s.maxBackoffMs, s.initialBackoffMs * 2 ** (task.attempts - 1));
    let delay = Math.min(s.maxBackoffMs, exp + Math.floor(random() * s.jitterMs));
    const ra = retryAfter !== null ? Number(retryAfter) : Number.NaN;
    if (Number.isFinite(ra) && ra > 0) delay = Math.max(delay, Math.min(s.maxBackoffMs, ra * 1000));
    task.notBefore = now() + delay;
    queue.push(task);
  };

  const handle = (task: Task, response: GoogleAppsScript.URL_Fetch.HTTPResponse) => {
    const u = task.unit;
    if (task.group.settled) return;
    const g = task.group;
    const code = response.getResponseCode();
    if (RETRYABLE.has(code) && (code === 429 || options.retryServerErrors !== false)) {
      retryLater(task, code, header(response.getHeaders() as Record<string, unknown>, 'retry-after'));
      return;
    }
    const body = response.getContentText();
    if (code === 200) {
      let parsed: { sheets?: ApiSheet[] };
      try {
        parsed = JSON.parse(body) as { sheets?: ApiSheet[] };
      } catch {
        failGroup(g, T.badResponse(label(u)));
        return;
      }
      partDone(task, sheetsFromGrid(parsed ?? {}, task.names));
      return;
    }
    if (code === 400) {
      const missing = unparsableRange(body);
      const key = missing === null ? null : normalizeName(missing);
      const rest = key === null ? task.names : task.names.filter((n) => normalizeName(n) !== key);
      if (rest.length < task.names.length) {
        // That tab does not exist: ask again without it (no tab left: the unit has none).
        if (rest.length === 0) partDone(task, []);
        else queue.push({ ...task, names: rest, notBefore: 0 });
        return;
      }
    }
    if (code === 401) failGroup(g, T.unauthorised(label(u)), code);
    else if (code === 403) failGroup(g, T.noAccess(label(u)), code);
    else if (code === 404) failGroup(g, T.notFound(label(u)), code);
    else failGroup(g, T.other(label(u), code, errorDetail(body)), code);
  };

  const request = (task: Task) => ({
    url: gridGetUrl(task.id, task.names),
    method: 'get' as const,
    headers: { Authorization: `Bearer ${token}` },
    muteHttpExceptions: true,
  });

  while (queue.length > 0) {
    if (pastDeadline()) break;
    const t = now();
    while (sent.length && sent[0] <= t - s.windowMs) sent.shift();
    const capacity = s.readsPerMinute - sent.length;
    const ready = queue.filter((q) => q.notBefore <= t);

    if (capacity <= 0 || ready.length === 0) {
      // Wait for the window to reopen or the next retry to fall due…
      const until = capacity <= 0 ? sent[0] + s.windowMs : Math.min(...queue.map((q) => q.notBefore));
      // …reading fresh units the ordinary way meanwhile.
      while (options.fallback && now() < until && !pastDeadline()) {
        const k = findLastIndex(queue, (q) => untouched(q.group));
        if (k < 0) break;
        const g = queue[k].group;
        const own = queue.filter((q) => q.group === g);
        queue = queue.filter((q) => q.group !== g);
        // Its tabs still asked for (a tab found missing was dropped), in order.
        const left = new Set(own.flatMap((q) => q.names));
        g.settled = true;
        result.stats.viaFallback++;
        try {
          succeed(
            g.unit,
            options.fallback(
              g.unit,
              g.names.filter((n) => left.has(n)),
            ).sheets,
          );
        } catch (e) {
          fail(g.unit, e instanceof Error ? e.message : String(e));
        }
      }
      if (queue.length === 0) break;
      const wait = until - now();
      if (wait > 0) {
        if (options.deadline !== undefined && now() + wait > options.deadline) break;
        sleep(wait);
        result.stats.sleptMs += wait;
      }
      continue;
    }

    const batch = ready.slice(0, Math.min(capacity, s.batchSize));
    const inBatch = new Set(batch);
    queue = queue.filter((q) => !inBatch.has(q));
    for (let i = 0; i < batch.length; i++) sent.push(t);
    result.stats.requests += batch.length;
    result.stats.fetchAllCalls++;
    let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[];
    try {
      responses = UrlFetchApp.fetchAll(batch.map(request));
    } catch (e) {
      // A network failure fails the whole call: retry each request (counts as an attempt).
      const detail = e instanceof Error ? e.message : String(e);
      for (const task of batch) {
        if (task.group.settled) continue;
        task.attempts++;
        if (task.attempts >= s.maxAttempts) failGroup(task.group, T.fetchFailed(label(task.unit), detail));
        else {
          result.stats.retries++;
          task.notBefore = now() + Math.min(s.maxBackoffMs, s.initialBackoffMs * 2 ** (task.attempts - 1));
          queue.push(task);
        }
      }
      continue;
    }
    for (let i = 0; i < batch.length; i++) handle(batch[i], responses[i]);
  }

  // A unit partly read is pending as a whole (read again entirely when resumed).
  const left = [...new Set(queue.map((q) => q.group))].filter((g) => !g.settled);
  result.pending = left.sort((a, b) => a.index - b.index).map((g) => g.unit.code);
  return result;
}

function findLastIndex<T>(list: T[], pred: (x: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i])) return i;
  return -1;
}

// ---------------------------------------------------------------- the tab list (probe)

export type MetadataResult =
  | { ok: true; title: string; tabs: TabMeta[] }
  | {
      ok: false;
      /** The HTTP status, or null when the request itself failed (network, quota of UrlFetchApp). */
      status: number | null;
      /** Google's text (for "Nhật ký"). */
      detail: string;
    };

/**
 * The tab list of one spreadsheet (one UrlFetchApp.fetch). It is also the probe of whether
 * the Sheets API can be used at all: the master is open in front of the user, so any refusal
 * here (401, 403 "Google Sheets API has not been used in project … or it is disabled", a
 * network failure) means the API is unusable for this run. 429 and 5xx are retried.
 */
export function fetchMetadata(
  spreadsheetId: string,
  options: Partial<SheetsApiSettings> & { token: string; sleep?: (ms: number) => void; random?: () => number },
): MetadataResult {
  const s = { ...SHEETS_API_DEFAULTS, ...options };
  const sleep = options.sleep ?? ((ms: number) => Utilities.sleep(ms));
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
    try {
      response = UrlFetchApp.fetch(metadataUrl(spreadsheetId), {
        method: 'get',
        headers: { Authorization: `Bearer ${options.token}` },
        muteHttpExceptions: true,
      });
    } catch (e) {
      return { ok: false, status: null, detail: (e instanceof Error ? e.message : String(e)).slice(0, 300) };
    }
    const code = response.getResponseCode();
    const body = response.getContentText();
    if (code === 200) {
      try {
        const parsed = JSON.parse(body) as { properties?: { title?: string }; sheets?: ApiSheet[] };
        const tabs: TabMeta[] = (parsed.sheets ?? []).map((sh, i) => ({
          sheetId: Number(sh.properties?.sheetId ?? -1),
          title: String(sh.properties?.title ?? ''),
          index: typeof sh.properties?.index === 'number' ? sh.properties.index : i,
        }));
        return { ok: true, title: String(parsed.properties?.title ?? ''), tabs };
      } catch {
        return { ok: false, status: code, detail: body.slice(0, 300) };
      }
    }
    if (!RETRYABLE.has(code) || attempt >= s.maxAttempts) return { ok: false, status: code, detail: errorDetail(body) };
    const delay = Math.min(s.maxBackoffMs, s.initialBackoffMs * 2 ** (attempt - 1) + Math.floor(random() * s.jitterMs));
    sleep(delay);
  }
}
