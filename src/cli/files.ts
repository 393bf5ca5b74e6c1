/** Finding the input workbooks: files as given, directories scanned recursively for .xlsx. */
import fs from 'node:fs';
import path from 'node:path';
import { CLI_TEXT as T } from '../messages/vi/cli';
import { EXIT, UserError } from './exit-codes';
import { READ_LIMITS, sniff } from './xlsx/read';

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

/** Excel's lock file beside an open workbook ("~$x.xlsx"), LibreOffice's (".~lock.x.xlsx#"): the workbook's name. */
const LOCK = /^(?:~\$(.+)|\.~lock\.(.+)#)$/s;

/** The workbook that `file` is the lock file of (the path beside it), if it is one. */
export function lockedWorkbook(file: string): string | undefined {
  const m = LOCK.exec(path.basename(file));
  return m ? path.join(path.dirname(file), m[1] ?? m[2]) : undefined;
}

/**
 * The lock file saying `file` is open in Excel ("~$x.xlsx") or LibreOffice (".~lock.x.xlsx#"), beside it
 * or beside the file a link of that name points to, if there is one.
 */
export function openLock(file: string): string | undefined {
  for (const p of new Set([file, realOf(file)])) {
    for (const name of [`~$${path.basename(p)}`, `.~lock.${path.basename(p)}#`]) {
      const lock = path.join(path.dirname(p), name);
      if (fs.existsSync(lock)) return lock;
    }
  }
  return undefined;
}

/** Spreadsheets in other formats: not read, but named so nobody wonders where a commune went. */
const OTHER_SHEETS = /\.(xls|xlsb|ods|csv|numbers)$/i;
/** Read as .xlsx: a macro-enabled workbook (.xlsm) is the same format with macros beside (never run). */
const XLSX = /\.(xlsx|xlsm)$/i;

interface Found {
  xlsx: string[];
  other: string[];
  /** Symbolic links whose target is missing. */
  broken: string[];
  /** Folders that could not be listed (no permission). */
  closed: string[];
  /** Real paths of the directories scanned, so a link back to a parent does not loop. */
  seen: Set<string>;
}

function scan(dir: string, out: Found): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return;
  }
  if (out.seen.has(real)) return;
  out.seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    // A folder without read permission (a USB stick's system folder): said, the rest read.
    out.closed.push(dir);
    return;
  }
  for (const e of entries) {
    if (skipped(e.name) || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      // Followed: a commune's file (or folder) linked into the reports folder is a report too.
      try {
        const st = fs.statSync(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        // Only links that look like reports are worth a word; a dangling link to anything else is not.
        if (XLSX.test(e.name) || OTHER_SHEETS.test(e.name) || !path.extname(e.name)) out.broken.push(p);
        continue;
      }
    }
    if (isDir) scan(p, out);
    else if (isFile && XLSX.test(e.name)) out.xlsx.push(p);
    // An .xlsx renamed ".xls" is common: read it, as when it is named on the command line.
    else if (isFile && OTHER_SHEETS.test(e.name)) (isXlsxInside(p) ? out.xlsx : out.other).push(p);
  }
}

/** The file holds an .xlsx workbook whatever its name says (a ZIP with the workbook part). */
function isXlsxInside(file: string): boolean {
  try {
    if (fs.statSync(file).size > READ_LIMITS.maxBytes) return false;
    return sniff(fs.readFileSync(file), file) === null;
  } catch {
    return false;
  }
}

/** Read as an .xlsx though its name does not end so (see misnamedNote). */
export const misnamed = (file: string): boolean => !XLSX.test(file);

/** Invisible characters cleanText drops (zero-width, bidi controls): dropped from shown names as well. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
/** Other control and format characters, and the Unicode line and paragraph separators. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/**
 * A path as printed and quoted in messages: relative to `cwd` when inside it. A line break in a
 * file name would forge a console line, an ESC sequence would reach the terminal: control and
 * format characters become "?" (invisible ones are dropped, as the engine drops them from names,
 * so the name still tells the unit the same way). Files are opened by their own path, never this.
 */
export function displayName(abs: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, abs);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
  return printableName(shown);
}

function printableName(s: string): string {
  return s.replace(INVISIBLE, '').replace(UNPRINTABLE, '?');
}

/**
 * All .xlsx files named by `args` (files as given, whatever their extension, so that a
 * renamed file gets a clear message; symbolic links followed). Sorted and de-duplicated so
 * results never depend on the order of the arguments. Missing paths and an empty result are
 * errors (exit 3).
 */
export interface Collected {
  files: InputFile[];
  /** Spreadsheets of other formats found in the directories (.xls, .ods, …), not read. */
  other: InputFile[];
  /** Symbolic links in the directories whose target is missing. */
  broken: InputFile[];
  /** Folders that could not be listed (no permission): their files were not read. */
  closed: InputFile[];
  /** Lock files named as inputs (a shell's `*.xlsx` takes "~$x.xlsx" in): not read, as in a folder. */
  locked: InputFile[];
}

/** The real path, or the path itself when it cannot be resolved. */
function realOf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

export function collect(args: string[], command: string, cwd = process.cwd()): Collected {
  if (args.length === 0) throw new UserError(T.noInputs(command), EXIT.usage);
  const found: Found = { xlsx: [], other: [], broken: [], closed: [], seen: new Set() };
  const locks: string[] = [];
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new UserError(T.pathNotFound(arg), EXIT.input);
    }
    if (st.isDirectory()) scan(abs, found);
    else if (lockedWorkbook(abs)) locks.push(abs);
    else found.xlsx.push(abs);
  }
  const sorted = (xs: string[]) =>
    [...new Set(xs)]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((p) => ({ path: p, display: displayName(p, cwd) }));
  // One file reached by two paths (a link and its target) is read once, under the first name.
  const reached = new Set<string>();
  const files = sorted(found.xlsx).filter((f) => {
    const real = realOf(f.path);
    if (reached.has(real)) return false;
    reached.add(real);
    return true;
  });
  const other = sorted(found.other);
  const broken = sorted(found.broken);
  const closed = sorted(found.closed);
  const locked = sorted(locks);
  if (files.length === 0) {
    const also = [
      ...locked.map((f) => lockedNote(f, cwd)),
      ...(other.length ? [T.otherFormats(other.map((f) => f.display))] : []),
      ...(broken.length ? [T.brokenLinks(broken.map((f) => f.display))] : []),
      ...closed.map((f) => T.closedFolder(f.display)),
    ];
    throw new UserError([T.noXlsxFound(args), ...also].join(' '), EXIT.input);
  }
  return { files, other, broken, closed, locked };
}

/** The line on a lock file named as an input: skipped, its workbook open elsewhere. */
export function lockedNote(lock: InputFile, cwd = process.cwd()): string {
  return T.lockFileSkipped(lock.display, displayName(lockedWorkbook(lock.path) ?? lock.path, cwd));
}
