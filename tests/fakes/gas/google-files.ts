/**
 * Google's file endpoints that UrlFetchApp reaches with the script's OAuth token, served over
 * the fake's spreadsheets (installed as `fake.http.files`; a test's own `fake.http.handler`
 * answers instead when set):
 *
 *   GET   https://docs.google.com/spreadsheets/d/{id}/export?format=xlsx[&gid=…]
 *         The whole spreadsheet as .xlsx: EVERY sheet, hidden ones too, in order. For xlsx
 *         (and ods) Google ignores `gid` — it selects one sheet only for csv/tsv/pdf — so the
 *         fake ignores it as well. Cells: the values the sheet shows (formulas with their result,
 *         a broken reference as the error #REF!), dates as serial numbers. Other formats: 400.
 *   PATCH https://www.googleapis.com/drive/v3/files/{id}   body {"trashed": true|false}
 *         files.update: moves the file to (or out of) the trash; only its owner may (403
 *         otherwise). A trashed spreadsheet stays openable by id, as in Drive.
 *
 * No "Bearer" token 401; unknown id 404; a spreadsheet the effective user cannot open 403.
 */
import { FormulaError } from './formula';
import type { GasFake } from './index';
import type { SheetImpl } from './sheet';
import type { SpreadsheetImpl } from './spreadsheet';
import { dateToSerial } from './timefmt';
import type { FakeRequest, FakeResponseSpec, HttpHandler } from './urlfetch';
import { isDate } from './values';

const EXPORT = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([^/?#]+)\/export(?:\?(.*))?$/;
const DRIVE_FILE = /^https:\/\/www\.googleapis\.com\/drive\/v3\/files\/([^/?#]+)(?:\?.*)?$/;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function isGoogleFilesUrl(url: string): boolean {
  return EXPORT.test(url) || DRIVE_FILE.test(url);
}

function jsonError(code: number, message: string, reason: string): FakeResponseSpec {
  return {
    status: code,
    body: { error: { code, message, errors: [{ reason, message }] } },
    headers: { 'Content-Type': 'application/json; charset=UTF-8' },
  };
}

export function googleFilesHandler(fake: GasFake): HttpHandler {
  const open = (id: string): SpreadsheetImpl | FakeResponseSpec => {
    const api = fake.getSpreadsheetById(id);
    if (!api) return jsonError(404, `File not found: ${id}.`, 'notFound');
    const ss = fake.impl<SpreadsheetImpl>(api);
    if (!ss._canAccess(ss._ctx.effectiveUser))
      return jsonError(
        403,
        'The user does not have sufficient permissions for this file.',
        'insufficientFilePermissions',
      );
    return ss;
  };
  return (req: FakeRequest): FakeResponseSpec => {
    if (!/^Bearer \S/.test(req.headers.Authorization ?? req.headers.authorization ?? ''))
      return jsonError(401, 'Login Required.', 'required');
    const ex = EXPORT.exec(req.url);
    if (ex) {
      if (req.method !== 'GET') return jsonError(405, 'Method not allowed.', 'methodNotAllowed');
      const params = new URLSearchParams(ex[2] ?? '');
      const format = params.get('format') ?? params.get('exportFormat');
      if (format !== 'xlsx') return { status: 400, body: `fake export: format ${format} is not served` };
      const ss = open(decodeURIComponent(ex[1]));
      if (!('_sheets' in ss)) return ss;
      return { status: 200, body: spreadsheetXlsx(ss), headers: { 'Content-Type': XLSX_TYPE } };
    }
    const dr = DRIVE_FILE.exec(req.url);
    if (dr) {
      const ss = open(decodeURIComponent(dr[1]));
      if (!('_sheets' in ss)) return ss;
      if (req.method !== 'PATCH') return jsonError(405, 'Method not allowed.', 'methodNotAllowed');
      let body: { trashed?: unknown } = {};
      try {
        body = JSON.parse(typeof req.payload === 'string' ? req.payload : Buffer.from(req.payload ?? []).toString());
      } catch {
        return jsonError(400, 'Invalid JSON payload received.', 'parseError');
      }
      if (typeof body.trashed === 'boolean') {
        if (ss._owner !== ss._ctx.effectiveUser)
          return jsonError(
            403,
            'The user does not have sufficient permissions for this file.',
            'insufficientFilePermissions',
          );
        ss._trashed = body.trashed;
      }
      return {
        status: 200,
        body: { kind: 'drive#file', id: ss._id, name: ss._name, mimeType: 'application/vnd.google-apps.spreadsheet' },
        headers: { 'Content-Type': 'application/json; charset=UTF-8' },
      };
    }
    return { status: 404, body: 'Not Found' };
  };
}

// ---------------------------------------------------------------- .xlsx

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function colName(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellXml(sheet: SheetImpl, r: number, c: number): string {
  const cell = sheet._cell(r, c);
  if (!cell) return '';
  const ref = `${colName(c)}${r}`;
  const f = cell.f !== undefined ? `<f>${esc(cell.f.replace(/^=/, ''))}</f>` : '';
  let v: unknown;
  try {
    v = sheet._computed(r, c);
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e;
    return `<c r="${ref}" t="e">${f}<v>${esc(e.code)}</v></c>`;
  }
  if (isDate(v)) return `<c r="${ref}">${f}<v>${dateToSerial(v, sheet._ss._tz)}</v></c>`;
  if (typeof v === 'number') return `<c r="${ref}">${f}<v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c r="${ref}" t="b">${f}<v>${v ? 1 : 0}</v></c>`;
  const text = String(v ?? '');
  if (text === '' && !f) return '';
  if (f) return `<c r="${ref}" t="str">${f}<v>${esc(text)}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(text)}</t></is></c>`;
}

function sheetXml(sheet: SheetImpl): string {
  const rows: string[] = [];
  for (let r = 1; r <= sheet._lastRow(); r++) {
    let cells = '';
    for (let c = 1; c <= sheet._lastCol(); c++) cells += cellXml(sheet, r, c);
    if (cells) rows.push(`<row r="${r}">${cells}</row>`);
  }
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetData>${rows.join('')}</sheetData></worksheet>`
  );
}

/** Every sheet of `ss`, as Google's xlsx export gives it (values and formulas; no styles). */
export function spreadsheetXlsx(ss: SpreadsheetImpl): Uint8Array {
  const sheets = ss._sheets;
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '</Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheets>` +
        sheets
          .map(
            (s, i) =>
              `<sheet name="${esc(s._name)}" sheetId="${i + 1}"${s._hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`,
          )
          .join('') +
        '</sheets></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets
          .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
          .join('') +
        '</Relationships>',
    ],
    ...sheets.map((s, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s)]),
  ];
  return zipStored(files.map(([name, text]) => [name, new Uint8Array(Buffer.from(text, 'utf8'))]));
}

// ---------------------------------------------------------------- zip (stored, no compression)

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function zipStored(entries: [string, Uint8Array][]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    parts.push(local, n, Buffer.from(data));
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(n.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, n);
    offset += 30 + n.length + data.length;
  }
  const size = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}
