/**
 * Parallel reads for layout (b) — one spreadsheet per unit — over the Sheets API.
 *
 * Opening 130 spreadsheets one after another with SpreadsheetApp.openById costs about a
 * second each. Instead, one `values:batchGet` request per unit (all its year tabs in one
 * request) is sent with UrlFetchApp.fetchAll, which runs the requests concurrently:
 *
 *   GET https://sheets.googleapis.com/v4/spreadsheets/{id}/values:batchGet
 *       ?ranges='Chung Chải 2018'&ranges='Chung Chải 2017'
 *       &valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER
 *   Authorization: Bearer ScriptApp.getOAuthToken()
 *
 * Scopes: https://www.googleapis.com/auth/spreadsheets (the token may read every sheet the
 * user can open) and https://www.googleapis.com/auth/script.external_request (UrlFetchApp);
 * both are already in appsscript.json. The Google Sheets API must be enabled in the Cloud
 * project behind the script (Apps Script's default project has it; a standard project
 * needs "Google Sheets API" switched on). See docs/scale.md.
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
 * Values: UNFORMATTED_VALUE gives numbers, strings and booleans (error cells as their
 * text, "#REF!"); empty cells are "" or missing at the end of a row, which become ''
 * like getValues(). Dates arrive as serial day numbers; the API does not say which
 * numbers are dates, so numbers in the submission-date row (code NGAY_NOP, or a label
 * "Ngày nộp …") become Date objects at local midnight (the script's time zone), as
 * getValues() returns them. Elsewhere a date typed into a number cell arrives as its
 * serial number — the one thing this path reads differently from getValues().
 *
 * Errors are per unit (the other units are still read): 403 no access, 404 deleted,
 * 401 token, exhausted retries and anything else → a Vietnamese message naming the unit.
 * A year tab that does not exist makes the API refuse the whole request (400 "Unable to
 * parse range"); that tab is dropped and the unit asked again, so a unit without last
 * year's tab is still read.
 */
import { LAYOUT, unitDisplayName, unitSheetName } from '../../engine/sheet/layout';
import { normalizeName } from '../../engine/text/normalize';
import type { CellValue, Grid, SheetInput } from '../../engine/types';
import { SHEETS_API_TEXT as T } from '../../messages/vi/sheets-api';

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

/** Below this many units the plain SpreadsheetApp path is as fast and simpler. */
export const PARALLEL_THRESHOLD = 20;

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
  failures: { code: string; message: string }[];
  /** Units not read because the deadline came first (in input order). */
  pending: string[];
  stats: ReadUnitsStats;
}

// ---------------------------------------------------------------- helpers

/** Spreadsheet id from ".../spreadsheets/d/<id>/edit#gid=0" or a bare id; null if neither. */
export function spreadsheetIdOf(text: string): string | null {
  const t = String(text ?? '').trim();
  const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]{10,})/.exec(t);
  if (m) return m[1];
  return /^[A-Za-z0-9_-]{10,}$/.test(t) ? t : null;
}

/** A tab name as an A1 range covering the whole sheet: 'Chung Chải 2018' (quotes doubled). */
export function sheetRange(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

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

/**
 * The `values` of one ValueRange → a rectangular grid like getDataRange().getValues():
 * '' for empty, rows padded to the widest row, serials in the submission row → Dates.
 */
export function valuesToGrid(values: unknown): Grid {
  const rows = Array.isArray(values) ? values : [];
  let width = 0;
  for (const r of rows) if (Array.isArray(r) && r.length > width) width = r.length;
  const grid: Grid = rows.map((r) => {
    const src = Array.isArray(r) ? r : [];
    const out = new Array<CellValue>(width);
    for (let c = 0; c < width; c++) out[c] = cell(src[c]);
    return out;
  });
  for (const row of grid) {
    if (!isSubmittedRow(row)) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === 'number' && Number.isFinite(v) && v >= 1) row[c] = serialToDate(v);
    }
  }
  return grid;
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

function errorDetail(body: string): string {
  try {
    const e = (JSON.parse(body) as { error?: { message?: string; status?: string } }).error;
    if (e?.message) return String(e.message).slice(0, 200);
  } catch {
    // not JSON
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 200);
}

function header(headers: Record<string, unknown>, name: string): string | null {
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === name) return String(v);
  return null;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

interface Task {
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
  const fail = (u: ApiUnit, message: string) => {
    result.failures.push({ code: u.code, message });
    finish();
  };
  const succeed = (u: ApiUnit, sheets: SheetInput[]) => {
    result.grids.set(u.code, { sheets });
    finish();
  };

  let queue: Task[] = [];
  units.forEach((unit, index) => {
    const id = spreadsheetIdOf(unit.spreadsheetId);
    const names = namesOf(unit);
    if (!id) fail(unit, T.badId(label(unit)));
    else if (names.length === 0) succeed(unit, []);
    else queue.push({ unit, id, names, attempts: 0, notBefore: 0, index });
  });
  if (queue.length === 0) return result;

  const token = options.token ?? ScriptApp.getOAuthToken();
  /** Send times of the requests in the current window (oldest first). */
  const sent: number[] = [];
  const pastDeadline = () => options.deadline !== undefined && now() >= options.deadline;

  const retryLater = (task: Task, status: number, retryAfter: string | null) => {
    task.attempts++;
    if (task.attempts >= s.maxAttempts) {
      fail(task.unit, T.gaveUp(label(task.unit), status, task.attempts));
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
    const code = response.getResponseCode();
    if (RETRYABLE.has(code)) {
      retryLater(task, code, header(response.getHeaders() as Record<string, unknown>, 'retry-after'));
      return;
    }
    const body = response.getContentText();
    if (code === 200) {
      let ranges: { values?: unknown }[];
      try {
        ranges = ((JSON.parse(body) as { valueRanges?: { values?: unknown }[] }).valueRanges ?? []) as {
          values?: unknown;
        }[];
      } catch {
        fail(u, T.badResponse(label(u)));
        return;
      }
      const sheets = task.names.map((name, i) => ({ name, grid: valuesToGrid(ranges[i]?.values) }));
      succeed(u, sheets);
      return;
    }
    if (code === 400) {
      const missing = unparsableRange(body);
      const key = missing === null ? null : normalizeName(missing);
      const rest = key === null ? task.names : task.names.filter((n) => normalizeName(n) !== key);
      if (rest.length < task.names.length) {
        // That tab does not exist: ask again without it (no tab left: the unit has none).
        if (rest.length === 0) succeed(u, []);
        else queue.push({ ...task, names: rest, notBefore: 0 });
        return;
      }
    }
    if (code === 401) fail(u, T.unauthorised(label(u)));
    else if (code === 403) fail(u, T.noAccess(label(u)));
    else if (code === 404) fail(u, T.notFound(label(u)));
    else fail(u, T.other(label(u), code, errorDetail(body)));
  };

  const request = (task: Task) => ({
    url: batchGetUrl(task.id, task.names),
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
        const k = findLastIndex(queue, (q) => q.attempts === 0 && q.notBefore === 0);
        if (k < 0) break;
        const [task] = queue.splice(k, 1);
        result.stats.viaFallback++;
        try {
          succeed(task.unit, options.fallback(task.unit, task.names).sheets);
        } catch (e) {
          fail(task.unit, e instanceof Error ? e.message : String(e));
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
        task.attempts++;
        if (task.attempts >= s.maxAttempts) fail(task.unit, T.fetchFailed(label(task.unit), detail));
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

  if (queue.length) result.pending = queue.sort((a, b) => a.index - b.index).map((q) => q.unit.code);
  return result;
}

function findLastIndex<T>(list: T[], pred: (x: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i])) return i;
  return -1;
}
