/**
 * A small emulation of the Sheets API `values:batchGet` endpoint over the spreadsheets of
 * the Apps Script fake, for `fake.http.handler`. It answers as Google documents it:
 *  - UNFORMATTED_VALUE: numbers, strings, booleans; trailing empty cells and rows left out;
 *  - SERIAL_NUMBER: dates as serial day numbers (wall-clock time in the spreadsheet's zone);
 *  - a tab that does not exist: 400 "Unable to parse range: 'X'" for the whole request;
 *  - an unknown spreadsheet: 404; `deny` ids: 403; `script` decides per request first
 *    (e.g. a 429 the first time).
 * Used by tests/gas/sheets-api.test.ts and by the benchmarks (bench/).
 */
import type { FakeRequest, FakeResponseSpec, GasFake } from '../fakes/gas';

export interface EmulatorOptions {
  /** Spreadsheet ids the user may not read (403). */
  deny?: Set<string>;
  /** Called first; return a response to override the emulation (429, 503, …). */
  script?: (req: FakeRequest, id: string, ranges: string[]) => FakeResponseSpec | undefined;
  /** Every request is logged here with the fake clock's time. */
  log?: { url: string; at: number; id: string; ranges: string[] }[];
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** The serial day number Google reports for a date: its wall-clock time in the spreadsheet's zone. */
function toSerial(d: Date, timeZone: string): number {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(d)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second, d.getUTCMilliseconds());
  return (wall - SERIAL_EPOCH) / 86_400_000;
}

function apiError(code: number, message: string, status: string): FakeResponseSpec {
  return { status: code, body: { error: { code, message, status } }, headers: { 'Content-Type': 'application/json' } };
}

function unquote(range: string): string {
  const r = range.replace(/![A-Z]*\d*(?::[A-Z]*\d*)?$/i, '');
  return r.startsWith("'") && r.endsWith("'") ? r.slice(1, -1).replace(/''/g, "'") : r;
}

export function parseBatchGet(url: string): { id: string; ranges: string[]; params: Map<string, string[]> } | null {
  const m = /^https:\/\/sheets\.googleapis\.com\/v4\/spreadsheets\/([^/?]+)\/values:batchGet\?(.*)$/.exec(url);
  if (!m) return null;
  const params = new Map<string, string[]>();
  for (const part of m[2].split('&')) {
    const [k, v = ''] = part.split('=');
    const key = decodeURIComponent(k);
    params.set(key, [...(params.get(key) ?? []), decodeURIComponent(v)]);
  }
  return { id: decodeURIComponent(m[1]), ranges: params.get('ranges') ?? [], params };
}

export function sheetsApiHandler(fake: GasFake, options: EmulatorOptions = {}) {
  return (req: FakeRequest): FakeResponseSpec => {
    const parsed = parseBatchGet(req.url);
    if (!parsed) return apiError(404, `Not found: ${req.url}`, 'NOT_FOUND');
    const { id, ranges } = parsed;
    options.log?.push({ url: req.url, at: fake.clock.nowMs(), id, ranges });
    const scripted = options.script?.(req, id, ranges);
    if (scripted) return scripted;
    if (!/^Bearer \S+/.test(req.headers.Authorization ?? ''))
      return apiError(401, 'Request is missing required authentication credential.', 'UNAUTHENTICATED');
    if (options.deny?.has(id)) return apiError(403, 'The caller does not have permission', 'PERMISSION_DENIED');
    if (!fake.getSpreadsheetById(id)) return apiError(404, 'Requested entity was not found.', 'NOT_FOUND');
    const snap = fake.snapshot(id);
    const timeZone = fake.impl<{ _tz: string }>(fake.getSpreadsheetById(id))._tz;
    const valueRanges = [];
    for (const range of ranges) {
      const name = unquote(range);
      const sheet = snap.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
      if (!sheet) return apiError(400, `Unable to parse range: ${range}`, 'INVALID_ARGUMENT');
      const rows = sheet.values.map((row) => {
        const out = row.map((v) => (v instanceof Date ? toSerial(v, timeZone) : v));
        while (out.length && out[out.length - 1] === '') out.pop();
        return out;
      });
      while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
      const width = Math.max(0, ...sheet.values.map((r) => r.length));
      const a1 = rows.length ? `!A1:${String.fromCharCode(64 + Math.min(width, 26))}${rows.length}` : '';
      valueRanges.push({ range: `${range}${a1}`, majorDimension: 'ROWS', ...(rows.length ? { values: rows } : {}) });
    }
    return {
      status: 200,
      body: { spreadsheetId: id, valueRanges },
      headers: { 'Content-Type': 'application/json; charset=UTF-8' },
    };
  };
}
