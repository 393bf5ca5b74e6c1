/** Finding the input workbooks: files as given, directories scanned recursively for .xlsx. */
import fs from 'node:fs';
import path from 'node:path';
import { CLI_TEXT as T } from '../messages/vi/cli';
import { EXIT, UserError } from './exit-codes';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** As shown in messages: relative to the working directory when inside it. */
  display: string;
}

/** Excel/LibreOffice lock files ("~$tong-hop.xlsx", ".~lock.x.xlsx#") and hidden files are skipped. */
function skipped(name: string): boolean {
  return name.startsWith('~$') || name.startsWith('.');
}

/** Spreadsheets in other formats: not read, but named so nobody wonders where a commune went. */
const OTHER_SHEETS = /\.(xls|xlsm|xlsb|ods|csv|numbers)$/i;

function scan(dir: string, out: string[], other: string[]): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  for (const e of entries) {
    if (skipped(e.name) || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) scan(p, out, other);
    else if (e.isFile() && /\.xlsx$/i.test(e.name)) out.push(p);
    else if (e.isFile() && OTHER_SHEETS.test(e.name)) other.push(p);
  }
}

export function displayName(abs: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

/**
 * All .xlsx files named by `args` (files as given, whatever their extension, so that a
 * renamed file gets a clear message). Sorted and de-duplicated so results never depend on
 * the order of the arguments. Missing paths and an empty result are errors (exit 3).
 */
export interface Collected {
  files: InputFile[];
  /** Spreadsheets of other formats found in the directories (.xls, .ods, …), not read. */
  other: InputFile[];
}

export function collect(args: string[], command: string, cwd = process.cwd()): Collected {
  if (args.length === 0) throw new UserError(T.noInputs(command), EXIT.usage);
  const found: string[] = [];
  const other: string[] = [];
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new UserError(T.pathNotFound(arg), EXIT.input);
    }
    if (st.isDirectory()) scan(abs, found, other);
    else found.push(abs);
  }
  const sorted = (xs: string[]) =>
    [...new Set(xs)]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((p) => ({ path: p, display: displayName(p, cwd) }));
  const files = sorted(found);
  if (files.length === 0) {
    const also = other.length ? ` ${T.otherFormats(sorted(other).map((f) => f.display))}` : '';
    throw new UserError(`${T.noXlsxFound(args)}${also}`, EXIT.input);
  }
  return { files, other: sorted(other) };
}
