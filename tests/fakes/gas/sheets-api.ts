/**
 * The Sheets API (https://sheets.googleapis.com/v4/spreadsheets/…) served over the fake's
 * spreadsheets, as Google documents it. `createGasFake` installs it as `fake.http.sheetsApi`,
 * so UrlFetchApp reaches it without a test handler; `sheetsApiHandler(fake, options)` makes
 * one with options (denied ids, scripted answers, a request log) for `fake.http.handler`.
 *
 *   GET  {id}?fields=…[&ranges=…&includeGridData=true]   spreadsheets.get
 *        sheets[].properties (sheetId, title, index, sheetType, gridProperties, hidden),
 *        sheets[].merges (GridRange: 0-based, end exclusive), protectedRanges (protectedRangeId,
 *        range, description, warningOnly), charts (chartId), conditionalFormats (ranges), with grid data
 *        sheets[].data[].rowData[].values[] {effectiveValue, effectiveFormat.numberFormat};
 *        with `ranges`, only the sheets they name. `fields` is applied as a mask.
 *   GET  {id}/values:batchGet?ranges=…                    UNFORMATTED_VALUE, SERIAL_NUMBER
 *   POST {id}:batchUpdate                                 → applyBatchUpdate (sheets-batch-update.ts)
 *
 * Answers: no "Bearer" token 401; a spreadsheet the effective user cannot open or a `deny`
 * id 403; unknown id 404; a range naming no tab 400 "Unable to parse range: 'X'" for the
 * whole request; `disabled` 403 "Google Sheets API has not been used in project …" for
 * every request (the API switched off in the script's Cloud project). Trailing empty
 * cells and rows are left out. Dates are serial day numbers of their wall-clock time in
 * the spreadsheet's zone. Quota is not modelled (a `script` can answer 429).
 *
 * Fault injection (fake.faults) on SpreadsheetApp.openById / openByUrl for a spreadsheet
 * stands for that spreadsheet's state, whichever service reaches it: while such a fault is
 * armed (its `when` accepting the id or the URL), the API answers a permission error with
 * 403 and any other error (e.g. "Service Spreadsheets timed out") with 503 — without
 * consuming the fault, which stays for SpreadsheetApp.
 */
import { columnToLetter, parseA1 } from './a1';
import { FormulaError } from './formula';
import type { GasFake } from './index';
import type { SheetImpl } from './sheet';
import { applyBatchUpdate, sheetProperties } from './sheets-batch-update';
import type { SpreadsheetImpl } from './spreadsheet';
import { dateToSerial } from './timefmt';
import type { FakeRequest, FakeResponseSpec, HttpHandler } from './urlfetch';
import { GENERAL_FORMAT, isDate, isDateFormat, TEXT_FORMAT } from './values';

export const SHEETS_API_ORIGIN = 'https://sheets.googleapis.com/';

/** Marks a handler that serves the Sheets API (UrlFetchApp then sends Sheets API requests to it). */
export const SERVES_SHEETS_API = Symbol('servesSheetsApi');

export interface EmulatorOptions {
  /** Spreadsheet ids the user may not read (403). */
  deny?: Set<string>;
  /** The API is not enabled in the script's Cloud project: 403 SERVICE_DISABLED for everything. */
  disabled?: boolean;
  /** Called first; return a response to override the emulation (429, 503, …). */
  script?: (req: FakeRequest, id: string, ranges: string[]) => FakeResponseSpec | undefined;
  /** Every request is logged here with the fake clock's time. */
  log?: { url: string; at: number; id: string; ranges: string[]; method?: string }[];
}

export type SheetsApiHandler = HttpHandler & { [SERVES_SHEETS_API]: true };

export function isSheetsApiUrl(url: string): boolean {
  return url.startsWith(`${SHEETS_API_ORIGIN}v4/spreadsheets/`);
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=UTF-8' };

function apiError(code: number, message: string, status: string, details?: unknown[]): FakeResponseSpec {
  return {
    status: code,
    body: { error: { code, message, status, ...(details ? { details } : {}) } },
    headers: JSON_HEADERS,
  };
}

const DISABLED_MESSAGE =
  'Google Sheets API has not been used in project 123456789012 before or it is disabled. Enable it by visiting ' +
  'https://console.developers.google.com/apis/api/sheets.googleapis.com/overview?project=123456789012 then retry. ' +
  'If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.';

interface Parsed {
  id: string;
  /** '' (spreadsheets.get), '/values:batchGet', ':batchUpdate', or anything else (unknown). */
  op: string;
  params: Map<string, string[]>;
}

function parseUrl(url: string): Parsed | null {
  const m = /^https:\/\/sheets\.googleapis\.com\/v4\/spreadsheets\/([^/?:]+)([^?]*)(?:\?(.*))?$/.exec(url);
  if (!m) return null;
  const params = new Map<string, string[]>();
  for (const part of (m[3] ?? '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    const v = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    params.set(k, [...(params.get(k) ?? []), v]);
  }
  return { id: decodeURIComponent(m[1]), op: m[2], params };
}

/** values:batchGet URL → id and ranges (kept for tests/gas/sheets-api-emulator.ts). */
export function parseBatchGet(url: string): { id: string; ranges: string[]; params: Map<string, string[]> } | null {
  const p = parseUrl(url);
  if (p?.op !== '/values:batchGet') return null;
  return { id: p.id, ranges: p.params.get('ranges') ?? [], params: p.params };
}

// ---------------------------------------------------------------- field masks

type Mask = true | Map<string, Mask>;

/** "sheets(properties(sheetId,title),merges),spreadsheetId" or "sheets.properties.title" → a tree. */
export function parseFieldMask(text: string): Mask {
  let i = 0;
  const list = (): Map<string, Mask> => {
    const out = new Map<string, Mask>();
    for (;;) {
      while (text[i] === ' ' || text[i] === ',') i++;
      if (i >= text.length || text[i] === ')') return out;
      let name = '';
      while (i < text.length && !',()'.includes(text[i])) name += text[i++];
      const path = name.trim().split(/[./]/).filter(Boolean);
      let sub: Mask = true;
      if (text[i] === '(') {
        i++;
        sub = list();
        i++; // ')'
      }
      let node = out;
      path.forEach((key, k) => {
        if (k === path.length - 1) {
          const old = node.get(key);
          node.set(
            key,
            old instanceof Map && sub instanceof Map ? new Map([...old, ...sub]) : old === true ? true : sub,
          );
        } else {
          let next = node.get(key);
          if (next === true) return;
          if (!next) {
            next = new Map();
            node.set(key, next);
          }
          node = next;
        }
      });
    }
  };
  const tree = list();
  return tree.size ? tree : true;
}

function applyMask(value: unknown, mask: Mask): unknown {
  if (mask === true || value === null || typeof value !== 'object') return value;
  if (mask.has('*')) return value;
  if (Array.isArray(value)) return value.map((v) => applyMask(v, mask));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const sub = mask.get(k);
    if (sub !== undefined) out[k] = applyMask(v, sub);
  }
  return out;
}

// ---------------------------------------------------------------- cells

const ERROR_TYPES: Record<string, string> = {
  '#NULL!': 'NULL_VALUE',
  '#DIV/0!': 'DIVIDE_BY_ZERO',
  '#VALUE!': 'VALUE',
  '#REF!': 'REF',
  '#NAME?': 'NAME',
  '#NUM!': 'NUM',
  '#N/A': 'N_A',
};

function numberFormatOf(fmt: string | undefined): { type: string; pattern: string } | null {
  if (!fmt || fmt === GENERAL_FORMAT) return null;
  if (fmt === TEXT_FORMAT) return { type: 'TEXT', pattern: fmt };
  if (isDateFormat(fmt)) {
    const core = fmt.replace(/"[^"]*"/g, '');
    const date = /[yYdD]/.test(core) || (/[mM]/.test(core) && !/[hHsS]/.test(core));
    const time = /[hHsS]/.test(core);
    return { type: date && time ? 'DATE_TIME' : time ? 'TIME' : 'DATE', pattern: fmt };
  }
  if (fmt.includes('%')) return { type: 'PERCENT', pattern: fmt };
  return { type: 'NUMBER', pattern: fmt };
}

/** A cell as CellData: effectiveValue and effectiveFormat.numberFormat; null when it has neither. */
function cellData(sheet: SheetImpl, r: number, c: number, tz: string): Record<string, unknown> | null {
  const cell = sheet._cell(r, c);
  if (!cell) return null;
  const out: Record<string, unknown> = {};
  let v: unknown;
  try {
    v = sheet._computed(r, c);
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e;
    out.effectiveValue = { errorValue: { type: ERROR_TYPES[e.code] ?? 'ERROR', message: e.code } };
  }
  if (typeof v === 'number') out.effectiveValue = { numberValue: v };
  else if (typeof v === 'boolean') out.effectiveValue = { boolValue: v };
  else if (typeof v === 'string' && v !== '') out.effectiveValue = { stringValue: v };
  else if (isDate(v)) out.effectiveValue = { numberValue: dateToSerial(v, tz) };
  const nf = numberFormatOf(cell.fmt);
  if (nf) out.effectiveFormat = { numberFormat: nf };
  return Object.keys(out).length ? out : null;
}

/** Values as values:batchGet UNFORMATTED_VALUE / SERIAL_NUMBER gives them ('' for empty). */
function unformatted(sheet: SheetImpl, r: number, c: number, tz: string): unknown {
  let v: unknown;
  try {
    v = sheet._computed(r, c);
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e;
    return e.code;
  }
  if (isDate(v)) return dateToSerial(v, tz);
  return v ?? '';
}

interface Box {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

function trimTrailing<T>(list: T[], empty: (x: T) => boolean): T[] {
  let n = list.length;
  while (n > 0 && empty(list[n - 1])) n--;
  return list.slice(0, n);
}

/** The tab a range names, and the box it covers (the used part of the sheet when no A1 part). */
function resolveRange(ss: SpreadsheetImpl, range: string): { sheet: SheetImpl; box: Box } | null {
  const bang = range.lastIndexOf('!');
  let name = bang < 0 ? range : range.slice(0, bang);
  const ref = bang < 0 ? '' : range.slice(bang + 1);
  if (name.startsWith("'") && name.endsWith("'") && name.length >= 2) name = name.slice(1, -1).replace(/''/g, "'");
  // Google matches the tab name case-insensitively (tab names are unique that way).
  const sheet = ss._sheets.find((s) => s._name.toLowerCase() === name.toLowerCase());
  if (!sheet) return null;
  const used: Box = { r1: 1, c1: 1, r2: sheet._lastRow(), c2: sheet._lastCol() };
  if (!ref) return { sheet, box: used };
  try {
    const g = parseA1(ref, sheet._maxRows, sheet._maxCols);
    return {
      sheet,
      box: {
        r1: g.row,
        c1: g.col,
        r2: Math.min(g.row + g.numRows - 1, used.r2),
        c2: Math.min(g.col + g.numCols - 1, used.c2),
      },
    };
  } catch {
    return null;
  }
}

function merges(sheet: SheetImpl): Record<string, number>[] {
  return sheet._merges.map((m) => ({
    sheetId: sheet._id,
    startRowIndex: m.row - 1,
    endRowIndex: m.row - 1 + m.numRows,
    startColumnIndex: m.col - 1,
    endColumnIndex: m.col - 1 + m.numCols,
  }));
}

/** A sheet's protected ranges, charts and conditional formats, as spreadsheets.get lists them (when any). */
function objects(sheet: SheetImpl): Record<string, unknown> {
  const grid = (r: { row: number; col: number; numRows: number; numCols: number }) => ({
    sheetId: sheet._id,
    startRowIndex: r.row - 1,
    endRowIndex: r.row - 1 + r.numRows,
    startColumnIndex: r.col - 1,
    endColumnIndex: r.col - 1 + r.numCols,
  });
  const protections = [...(sheet._protection ? [sheet._protection] : []), ...sheet._rangeProtections];
  const out: Record<string, unknown> = {};
  if (protections.length)
    out.protectedRanges = protections.map((p) => ({
      protectedRangeId: p._id,
      range: p._ref ? grid(p._ref) : { sheetId: sheet._id },
      ...(p._description ? { description: p._description } : {}),
      ...(p._warningOnly ? { warningOnly: true } : {}),
    }));
  if (sheet._charts.length) out.charts = sheet._charts.map((c) => ({ chartId: c._s.id }));
  if (sheet._cfRules.length)
    out.conditionalFormats = sheet._cfRules.map((r) => ({ ranges: r._s.ranges.map((x) => grid(x._ref)) }));
  return out;
}

function gridData(sheet: SheetImpl, box: Box, tz: string): Record<string, unknown> {
  const rowData: { values?: Record<string, unknown>[] }[] = [];
  for (let r = box.r1; r <= box.r2; r++) {
    const values: Record<string, unknown>[] = [];
    for (let c = box.c1; c <= box.c2; c++) values.push(cellData(sheet, r, c, tz) ?? {});
    const kept = trimTrailing(values, (v) => Object.keys(v).length === 0);
    rowData.push(kept.length ? { values: kept } : {});
  }
  const rows = trimTrailing(rowData, (r) => !r.values);
  return {
    ...(box.r1 > 1 ? { startRow: box.r1 - 1 } : {}),
    ...(box.c1 > 1 ? { startColumn: box.c1 - 1 } : {}),
    ...(rows.length ? { rowData: rows } : {}),
  };
}

// ---------------------------------------------------------------- endpoints

function spreadsheetsGet(ss: SpreadsheetImpl, params: Map<string, string[]>): FakeResponseSpec {
  const ranges = params.get('ranges') ?? [];
  const withGrid = (params.get('includeGridData') ?? [])[0] === 'true';
  const picked = new Map<SheetImpl, Box[]>();
  for (const range of ranges) {
    const hit = resolveRange(ss, range);
    if (!hit) return apiError(400, `Unable to parse range: ${range}`, 'INVALID_ARGUMENT');
    picked.set(hit.sheet, [...(picked.get(hit.sheet) ?? []), hit.box]);
  }
  const sheets = ss._sheets
    .filter((s) => !ranges.length || picked.has(s))
    .map((s) => ({
      properties: sheetProperties(ss, s),
      ...(s._merges.length ? { merges: merges(s) } : {}),
      ...objects(s),
      ...(withGrid
        ? {
            data: (picked.get(s) ?? [{ r1: 1, c1: 1, r2: s._lastRow(), c2: s._lastCol() }]).map((b) =>
              gridData(s, b, ss._tz),
            ),
          }
        : {}),
    }));
  const body = {
    spreadsheetId: ss._id,
    properties: { title: ss._name, locale: ss._locale, timeZone: ss._tz },
    sheets,
    spreadsheetUrl: ss._url,
  };
  const fields = (params.get('fields') ?? [])[0];
  return { status: 200, body: fields ? applyMask(body, parseFieldMask(fields)) : body, headers: JSON_HEADERS };
}

function valuesBatchGet(ss: SpreadsheetImpl, ranges: string[]): FakeResponseSpec {
  const valueRanges = [];
  for (const range of ranges) {
    const hit = resolveRange(ss, range);
    if (!hit) return apiError(400, `Unable to parse range: ${range}`, 'INVALID_ARGUMENT');
    const { sheet, box } = hit;
    const rows: unknown[][] = [];
    for (let r = box.r1; r <= box.r2; r++) {
      const row: unknown[] = [];
      for (let c = box.c1; c <= box.c2; c++) row.push(unformatted(sheet, r, c, ss._tz));
      rows.push(trimTrailing(row, (v) => v === ''));
    }
    const kept = trimTrailing(rows, (r) => r.length === 0);
    const width = Math.max(0, box.c2 - box.c1 + 1);
    const a1 = kept.length ? `!A1:${columnToLetter(width)}${kept.length}` : '';
    valueRanges.push({ range: `${range}${a1}`, majorDimension: 'ROWS', ...(kept.length ? { values: kept } : {}) });
  }
  return { status: 200, body: { spreadsheetId: ss._id, valueRanges }, headers: JSON_HEADERS };
}

const OPEN_METHODS = new Set(['SpreadsheetApp.openById', 'SpreadsheetApp.openByUrl', 'openById', 'openByUrl']);

/** The message of an armed fault on opening `ss` (see the header), or null. Consumes nothing. */
function openFault(fake: GasFake, ss: SpreadsheetImpl): string | null {
  for (const f of fake.faults.list()) {
    const { method, when, error } = f.spec;
    if (f.exhausted || !OPEN_METHODS.has(method)) continue;
    const arg = method.endsWith('openByUrl') ? ss._url : ss._id;
    if (when && !when([arg])) continue;
    if (typeof error === 'string') return error;
    if (error instanceof Error) return error.message;
    try {
      return error([arg]).message;
    } catch {
      return 'fault';
    }
  }
  return null;
}

/** A handler serving the Sheets API over `fake`'s spreadsheets. */
export function sheetsApiHandler(fake: GasFake, options: EmulatorOptions = {}): SheetsApiHandler {
  const handler = (req: FakeRequest): FakeResponseSpec => {
    const parsed = parseUrl(req.url);
    if (!parsed) return apiError(404, `Not found: ${req.url}`, 'NOT_FOUND');
    const { id, op, params } = parsed;
    const ranges = params.get('ranges') ?? [];
    options.log?.push({ url: req.url, at: fake.clock.nowMs(), id, ranges, method: req.method });
    const scripted = options.script?.(req, id, ranges);
    if (scripted) return scripted;
    if (!/^Bearer \S+/.test(req.headers.Authorization ?? req.headers.authorization ?? ''))
      return apiError(401, 'Request is missing required authentication credential.', 'UNAUTHENTICATED');
    if (options.disabled)
      return apiError(403, DISABLED_MESSAGE, 'PERMISSION_DENIED', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED', domain: 'googleapis.com' },
      ]);
    const api = fake.getSpreadsheetById(id);
    if (!api) return apiError(404, 'Requested entity was not found.', 'NOT_FOUND');
    const ss = fake.impl<SpreadsheetImpl>(api);
    if (options.deny?.has(id) || !ss._canAccess(ss._ctx.effectiveUser))
      return apiError(403, 'The caller does not have permission', 'PERMISSION_DENIED');
    const fault = openFault(fake, ss);
    if (fault !== null)
      return /permission/i.test(fault)
        ? apiError(403, 'The caller does not have permission', 'PERMISSION_DENIED')
        : apiError(503, 'The service is currently unavailable.', 'UNAVAILABLE');
    if (op === '' && req.method === 'GET') return spreadsheetsGet(ss, params);
    if (op === '/values:batchGet' && req.method === 'GET') return valuesBatchGet(ss, ranges);
    if (op === ':batchUpdate' && req.method === 'POST') {
      let body: unknown;
      try {
        const text = typeof req.payload === 'string' ? req.payload : Buffer.from(req.payload ?? []).toString('utf8');
        body = JSON.parse(text);
      } catch {
        return apiError(400, 'Invalid JSON payload received.', 'INVALID_ARGUMENT');
      }
      return applyBatchUpdate(fake, id, body);
    }
    return apiError(404, `Method not found: ${req.method} ${req.url}`, 'NOT_FOUND');
  };
  return Object.assign(handler, { [SERVES_SHEETS_API]: true as const });
}
