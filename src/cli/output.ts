/**
 * Writing output files safely: through a temporary file and a rename, so a reader never sees half a
 * file; and refusing output paths that would overwrite an input or another output of the same run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CLI_TEXT as T } from '../messages/vi/cli';
import { EXIT, UserError } from './exit-codes';
import { displayName } from './files';

/** The nearest existing ancestor of `abs` (or `abs` itself) that is not a directory, if any. */
function fileInTheWay(abs: string): string | undefined {
  for (let p = abs; ; p = path.dirname(p)) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(p);
    } catch {
      // Missing, or under a file (ENOTDIR): look further up.
    }
    if (st) return st.isDirectory() ? undefined : p;
    if (path.dirname(p) === p) return undefined;
  }
}

function describeWriteError(file: string, abs: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return T.writeDetail.noPermission;
    case 'EBUSY':
      return T.writeDetail.busy;
    case 'ENOSPC':
      return T.writeDetail.diskFull;
    case 'EROFS':
      return T.writeDetail.readOnly;
    case 'ENAMETOOLONG':
      return T.writeDetail.nameTooLong;
    case 'EISDIR':
      return T.writeDetail.isDirectory(file);
    case 'ENOTDIR':
    case 'EEXIST': {
      const blocker = fileInTheWay(path.dirname(abs));
      return blocker ? T.writeDetail.fileInTheWay(displayName(blocker)) : T.writeDetail.notDirectory;
    }
    default:
      // An error code says more to a technician than nothing; the English text says nothing to a user.
      return T.writeDetail.system(err.code ?? '');
  }
}

function isDirectory(abs: string): boolean {
  try {
    return fs.statSync(abs).isDirectory();
  } catch {
    // Not there yet (or not reachable: the write says why).
    return false;
  }
}

/** An existing file without any write permission bit (read-only in Explorer or by chmod a-w). */
function isReadOnlyFile(abs: string): boolean {
  try {
    const st = fs.statSync(abs);
    return st.isFile() && (st.mode & 0o222) === 0;
  } catch {
    return false;
  }
}

/** `mode`: the permissions to give the file (those of the file it replaces), else the default ones. */
export function writeOutput(file: string, data: string | Uint8Array, mode?: number): void {
  const abs = path.resolve(file);
  // Checked first: rename would fail only after the temporary file was written beside it.
  const shown = displayName(abs);
  if (isDirectory(abs)) throw new UserError(T.writeFailed(shown, T.writeDetail.isDirectory(shown)), EXIT.usage);
  // The rename below would replace a file whatever its own mode: one marked read-only is kept.
  if (isReadOnlyFile(abs)) throw new UserError(T.writeFailed(shown, T.writeDetail.fileReadOnly), EXIT.usage);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.tmp`);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(tmp, data);
    if (mode !== undefined) fs.chmodSync(tmp, mode & 0o7777);
    fs.renameSync(tmp, abs);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Under a file (ENOTDIR) there is no temporary file to remove.
    }
    throw new UserError(T.writeFailed(shown, describeWriteError(shown, abs, e)), EXIT.usage);
  }
}

/** One output of a command: the option that named it (for messages) and its absolute path. */
export interface PlannedOutput {
  option: string;
  file: string;
}

/**
 * The same file for two names: the real path (symbolic links and ".." resolved), and for a file
 * that exists, its device and inode (hard links, case-insensitive disks).
 */
function identity(abs: string): { real: string; inode?: string } {
  try {
    const st = fs.statSync(abs);
    return { real: fs.realpathSync(abs), inode: `${st.dev}:${st.ino}` };
  } catch {
    // A new file: its folder may exist, or be a link.
    try {
      return { real: path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs)) };
    } catch {
      return { real: abs };
    }
  }
}

/** Whether two paths name one file (real paths, or the same inode: hard links). */
export function sameFile(a: string, b: string): boolean {
  return same(identity(a), identity(b));
}

function same(a: { real: string; inode?: string }, b: { real: string; inode?: string }): boolean {
  return a.real === b.real || (a.inode !== undefined && a.inode === b.inode);
}

/**
 * Refuse (exit 2) an output that is a directory or under a file, one of the input files (writing it
 * would destroy a commune's report), or the same file as another output (one would silently replace
 * the other).
 */
export function checkOutputs(outputs: PlannedOutput[], inputs: { path: string; display: string }[], cwd: string): void {
  // A path that cannot be a file: said before anything is written (not after the first output).
  for (const o of outputs) {
    const abs = path.resolve(cwd, o.file);
    const shown = displayName(abs, cwd);
    if (isDirectory(abs)) throw new UserError(T.writeFailed(shown, T.writeDetail.isDirectory(shown)), EXIT.usage);
    // The rename below would replace a file whatever its own mode: one marked read-only is kept.
    if (isReadOnlyFile(abs)) throw new UserError(T.writeFailed(shown, T.writeDetail.fileReadOnly), EXIT.usage);
    const blocker = fileInTheWay(path.dirname(abs));
    if (blocker)
      throw new UserError(T.writeFailed(shown, T.writeDetail.fileInTheWay(displayName(blocker, cwd))), EXIT.usage);
  }
  const outs = outputs.map((o) => ({ ...o, id: identity(o.file) }));
  for (let i = 0; i < outs.length; i++) {
    for (let j = 0; j < i; j++) {
      if (same(outs[i].id, outs[j].id))
        throw new UserError(T.sameOutput(outs[j].option, outs[i].option, displayName(outs[i].file, cwd)), EXIT.usage);
    }
  }
  if (inputs.length === 0) return;
  const ins = inputs.map((f) => ({ display: f.display, id: identity(f.path) }));
  for (const o of outs) {
    const hit = ins.find((f) => same(f.id, o.id));
    if (hit) throw new UserError(T.outputIsInput(o.option, displayName(o.file, cwd), hit.display), EXIT.usage);
  }
}

/** "<stem>-<n><ext>" of `name` in `dir` ("bao-cao-2018-09-2.eml"); `name` itself for n = 1. */
function numbered(dir: string, name: string, n: number): string {
  const ext = path.extname(name);
  return path.join(dir, n === 1 ? name : `${name.slice(0, name.length - ext.length)}-${n}${ext}`);
}

/** Something (a file, a folder, a link even broken) is there. Not reachable: not there (the write says why). */
function exists(abs: string): boolean {
  try {
    fs.lstatSync(abs);
    return true;
  } catch {
    return false;
  }
}

/**
 * `name` in `dir`, or when something of that name is there already, the first free
 * "<stem>-2<ext>", "<stem>-3<ext>" …: what writeBeside would write now.
 */
export function freeName(dir: string, name: string): string {
  for (let n = 1; ; n++) {
    const file = numbered(dir, name, n);
    if (!exists(file)) return file;
  }
}

/**
 * Write `data` as a new file `name` in `dir`, never replacing one there: when the name is taken
 * (an earlier run's file, perhaps sent or edited since), as "<stem>-2<ext>", "-3" … The file is
 * written whole under a temporary name, then linked under its own: the name appears with all its
 * content or not at all (a run killed halfway leaves no empty .eml), and a link never replaces a
 * file, so two runs at once do not take the same name. Where links cannot be made (a FAT USB stick,
 * some network shares) the name is claimed by an exclusive create, then written.
 * Returns the file written and, when the name was taken, the file kept.
 */
export function writeBeside(dir: string, name: string, data: string | Uint8Array): { file: string; kept?: string } {
  const first = numbered(dir, name, 1);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch {
    // writeOutput says why the folder cannot be made.
  }
  for (let n = 1; ; n++) {
    const file = numbered(dir, name, n);
    if (exists(file)) continue;
    const linked = writeLinked(file, data);
    if (linked === 'taken') continue;
    if (linked === 'no-link') {
      let claimed = false;
      try {
        fs.closeSync(fs.openSync(file, 'wx'));
        claimed = true;
      } catch (e) {
        // Taken meanwhile: the next name. Any other error: writeOutput says it in Vietnamese.
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      }
      try {
        writeOutput(file, data);
      } catch (e) {
        if (claimed) fs.rmSync(file, { force: true });
        throw e;
      }
    }
    return file === first ? { file } : { file, kept: first };
  }
}

/** `data` written beside `file`, then hard-linked as `file`: 'taken' when a file of that name came first. */
function writeLinked(file: string, data: string | Uint8Array): 'written' | 'taken' | 'no-link' {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, data, { flag: 'wx' });
    fs.linkSync(tmp, file);
    return 'written';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EEXIST' && exists(file) ? 'taken' : 'no-link';
  } finally {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing written to remove.
    }
  }
}
