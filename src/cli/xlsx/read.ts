/**
 * .xlsx → the engine's WorkbookInput (the shape of Apps Script's getValues()).
 *
 * Cell values: numbers, strings, booleans and Dates as they are; formulas give their
 * cached result (none cached → empty + a warning); error values give their text
 * ("#REF!"); rich text and hyperlinks give their text; the non-top-left cells of merged
 * ranges are empty and the ranges are listed in `merges`.
 *
 * Dates: exceljs turns a date serial into a Date at UTC midnight. The engine, like Apps
 * Script, reads dates with getFullYear/getMonth/getDate, so they are shifted to local
 * midnight of the same calendar day shown in the sheet.
 *
 * Bad files never throw: each comes back with a Vietnamese message naming the file, and
 * the other files are still read. Memory is bounded: files over 20 MB, or whose unpacked
 * contents exceed 200 MB, are refused before parsing, and exceljs stops at 5,000 rows or
 * 200 cells per row on any sheet.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { CellValue, Finding, Grid, SheetInput, WorkbookInput } from '../../engine/types';
import { CLI_TEXT as T } from '../../messages/vi/cli';

export interface ReadLimits {
  maxBytes: number;
  maxUnpackedBytes: number;
  maxRows: number;
  maxCols: number;
}

export const READ_LIMITS: ReadLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxRows: 5000,
  maxCols: 200,
};

export interface ReadOutcome {
  /** The file as named in messages. */
  file: string;
  /** Absent when the file could not be read at all (see `error`). */
  workbook?: WorkbookInput;
  /** The unreadable file's error (empty when the file was read). */
  findings: Finding[];
  /**
   * Formula cells without a cached result (read as empty). Not findings by themselves:
   * files written by programs (exceljs included) often have them in total columns the
   * engine ignores; the shell warns only about those the engine read (see inputs.ts).
   */
  noResult: { sheet: string; cell: string }[];
  /** Vietnamese reason the file could not be read. */
  error?: string;
}

const MB = 1024 * 1024;
const mb = (n: number) => (n / MB).toFixed(1).replace('.', ',');

/** Worksheet parts the engine does not need; skipping them keeps odd files from breaking the reader. */
const IGNORED_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'extLst',
  'hyperlinks',
  'picture',
  'drawing',
  'tableParts',
  'autoFilter',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'rowBreaks',
  'sheetProtection',
];

// ------------------------------------------------------------------ sniffing

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

interface ZipSummary {
  names: Set<string>;
  unpacked: number;
}

/** Read a zip's central directory (no decompression). Null if the end record is missing (truncated). */
function zipDirectory(buf: Buffer): ZipSummary | null {
  const minEocd = 22;
  if (buf.length < minEocd) return null;
  let eocd = -1;
  for (let i = buf.length - minEocd; i >= Math.max(0, buf.length - minEocd - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (offset + size > eocd) return null;
  const names = new Set<string>();
  let unpacked = 0;
  let p = offset;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const usize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (localOffset >= buf.length) return null;
    unpacked += usize === 0xffffffff ? Number.POSITIVE_INFINITY : usize;
    names.add(
      buf
        .subarray(p + 46, p + 46 + nameLen)
        .toString('utf8')
        .replace(/^\//, ''),
    );
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { names, unpacked };
}

/** Why this buffer is not a readable .xlsx, or null if it looks like one. */
export function sniff(buf: Buffer, file: string, limits: ReadLimits = READ_LIMITS): string | null {
  if (buf.length === 0) return T.emptyFile(file);
  if (buf.length > limits.maxBytes) return T.tooLarge(file, mb(buf.length), limits.maxBytes / MB);
  if (buf.subarray(0, 8).equals(CFB_MAGIC)) {
    // An OLE compound file: either a legacy .xls or an encrypted OOXML package.
    const utf16 = (s: string) => Buffer.from(s, 'utf16le');
    if (buf.includes(utf16('EncryptionInfo')) || buf.includes(utf16('EncryptedPackage'))) return T.encrypted(file);
    return T.legacyXls(file);
  }
  if (buf.readUInt32LE(0) !== 0x04034b50)
    return buf.readUInt32LE(0) === 0x06054b50 ? T.otherZip(file) : T.notXlsx(file);
  const zip = zipDirectory(buf);
  if (!zip) return T.truncated(file);
  if (!zip.names.has('xl/workbook.xml')) return T.otherZip(file);
  if (zip.unpacked > limits.maxUnpackedBytes)
    return T.tooLargeUnpacked(file, mb(zip.unpacked), limits.maxUnpackedBytes / MB);
  return null;
}

// ------------------------------------------------------------------ cells

/** exceljs gives dates at UTC midnight; the engine wants the same calendar day at local midnight. */
export function localDate(d: Date): Date | string {
  if (Number.isNaN(d.getTime())) return '';
  return new Date(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** A formula cell without a cached result: read as empty, and noted (see ReadOutcome.noResult). */
const NO_RESULT: unique symbol = Symbol('no result');
type Converted = CellValue | typeof NO_RESULT;

function richText(v: unknown): string | null {
  if (v && typeof v === 'object' && Array.isArray((v as { richText?: unknown }).richText)) {
    return ((v as { richText: { text?: string }[] }).richText || []).map((r) => r.text ?? '').join('');
  }
  return null;
}

function plain(v: unknown): Converted {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return localDate(v);
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  if ('error' in o) return String(o.error);
  const rt = richText(o);
  if (rt !== null) return rt;
  if ('formula' in o || 'sharedFormula' in o) {
    const r = o.result;
    if (r === undefined || r === null) return NO_RESULT;
    return plain(r);
  }
  if ('hyperlink' in o || 'text' in o) {
    const t = o.text;
    if (typeof t === 'string') return t;
    const inner = richText(t);
    return inner ?? (t === undefined || t === null ? '' : String(t));
  }
  return '';
}

function convertCell(cell: ExcelJS.Cell): Converted {
  const type = cell.type;
  if (type === ExcelJS.ValueType.Merge) return '';
  if (type === ExcelJS.ValueType.Formula) {
    // cell.result, not cell.value.result: exceljs's value copy drops falsy results (0, false).
    const r = (cell as unknown as { result?: unknown }).result;
    if (r === undefined || r === null) return NO_RESULT;
    return plain(r);
  }
  return plain(cell.value);
}

// ------------------------------------------------------------------ sheets and workbooks

/** Rows of cells, each as long as its last non-empty cell; holes are ''. The grid is then made rectangular. */
function sheetInput(ws: ExcelJS.Worksheet, noResult: ReadOutcome['noResult']): SheetInput {
  const lines: CellValue[][] = [];
  let cols = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    let line: CellValue[] | undefined;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const value = convertCell(cell);
      if (value === NO_RESULT) {
        noResult.push({ sheet: ws.name, cell: cell.address });
        return;
      }
      if (value === '' || value === null || value === undefined) return;
      if (!line) {
        line = [];
        while (lines.length < r - 1) lines.push([]);
        lines[r - 1] = line;
      }
      while (line.length < c - 1) line.push('');
      line[c - 1] = value;
      if (c > cols) cols = c;
    });
  });
  const grid: Grid = lines;
  for (let r = 0; r < grid.length; r++) {
    const line = grid[r] ?? [];
    while (line.length < cols) line.push('');
    grid[r] = line;
  }

  const merges: string[] = [];
  const raw = (ws as unknown as { _merges?: Record<string, { tl: string; br: string }> })._merges;
  for (const m of Object.values(raw ?? {})) if (m) merges.push(`${m.tl}:${m.br}`);
  const input: SheetInput = merges.length ? { name: ws.name, grid, merges } : { name: ws.name, grid };
  // exceljs: 'visible', 'hidden' (Excel's Hide) or 'veryHidden' (only through VBA).
  if (ws.state === 'hidden' || ws.state === 'veryHidden') input.hidden = true;
  return input;
}

function failure(file: string, message: string): ReadOutcome {
  return {
    file,
    error: message,
    findings: [{ severity: 'error', code: 'file-unreadable', file, message }],
    noResult: [],
  };
}

function exceljsProblem(file: string, e: unknown, limits: ReadLimits): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/^Max (row|column|\w+) count/.test(msg)) return T.someSheetTooLarge(file, limits.maxRows, limits.maxCols);
  // Anything else is a broken package or broken XML inside it; exceljs and its zip reader say so
  // in English internals ("Cannot read properties of undefined", "Bug : uncompressed data size
  // mismatch"), which tell a commune nothing. The raw text only for TONGHOP_DEBUG=1.
  const debug = process.env.TONGHOP_DEBUG === '1' ? msg : undefined;
  return T.damaged(file, debug);
}

/** Parse an .xlsx held in memory. Never throws for bad input. */
export async function readWorkbookBuffer(
  buf: Buffer,
  file: string,
  limits: ReadLimits = READ_LIMITS,
): Promise<ReadOutcome> {
  const problem = sniff(buf, file, limits);
  if (problem) return failure(file, problem);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(
      buf as unknown as ArrayBuffer,
      {
        ignoreNodes: IGNORED_NODES,
        maxRows: limits.maxRows,
        maxCols: limits.maxCols,
      } as unknown as Partial<ExcelJS.XlsxReadOptions>,
    );
  } catch (e) {
    return failure(file, exceljsProblem(file, e, limits));
  }
  const noResult: ReadOutcome['noResult'] = [];
  const sheets: SheetInput[] = [];
  for (const ws of wb.worksheets) {
    if (ws.rowCount > limits.maxRows || ws.columnCount > limits.maxCols) {
      return failure(file, T.sheetTooLarge(file, ws.name, ws.rowCount, ws.columnCount, limits.maxRows, limits.maxCols));
    }
    sheets.push(sheetInput(ws, noResult));
  }
  if (sheets.length === 0) return failure(file, T.noSheets(file));
  return { file, workbook: { source: file, sheets }, findings: [], noResult };
}

/** Read an .xlsx from disk (checking the size before loading it). Never throws for bad input. */
export async function readWorkbookFile(
  path: string,
  file: string,
  limits: ReadLimits = READ_LIMITS,
): Promise<ReadOutcome> {
  try {
    // Synchronous: a commune's file is a few tens of KB in the page cache, and two thread-pool
    // round trips per file cost more than the read itself (and much more on a busy machine).
    const st = fs.statSync(path);
    if (st.size > limits.maxBytes) return failure(file, T.tooLarge(file, mb(st.size), limits.maxBytes / MB));
    const buf = fs.readFileSync(path);
    return await readWorkbookBuffer(buf, file, limits);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    // No system error code: exceljs failed on the contents after loading them.
    if (typeof err?.code !== 'string' || !/^E[A-Z]+$/.test(err.code))
      return failure(file, exceljsProblem(file, e, limits));
    return failure(file, T.unreadable(file, T.readSystemError(err.code)));
  }
}

export interface ReadManyOptions {
  concurrency?: number;
  limits?: ReadLimits;
  onProgress?: (done: number, total: number) => void;
}

/** Read many files, a few at a time; results in the order of `files`. */
export async function readWorkbookFiles(
  files: { path: string; display: string }[],
  options: ReadManyOptions = {},
): Promise<ReadOutcome[]> {
  const { concurrency = 4, limits = READ_LIMITS, onProgress } = options;
  const results = new Array<ReadOutcome>(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      results[i] = await readWorkbookFile(files[i].path, files[i].display, limits);
      done++;
      onProgress?.(done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return results;
}
