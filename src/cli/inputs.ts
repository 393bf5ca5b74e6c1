/** Collect and read the input workbooks of a command, with progress on stderr. */
import type { Finding, UnitYear, WorkbookInput } from '../engine/types';
import { CLI_TEXT as T } from '../messages/vi/cli';
import { collect, type InputFile, lockedNote, misnamed } from './files';
import { type Io, println } from './io';
import { Progress } from './progress';
import { readWorkbooksParallel } from './xlsx/pool';
import type { ReadOutcome } from './xlsx/read';

export interface Inputs {
  files: InputFile[];
  /**
   * One per file of `files`, in order; then one per spreadsheet of another format found in a
   * folder (.ods, .xls…): not read, without a workbook, its `error` the 'file-skipped' warning's
   * text. Counted as unreadable files, they reach the attribution of unreadable files to units
   * (attribute-unreadable.ts), which takes one named after a unit as its report, as when it is named on the
   * command line, and leaves the others to their warning.
   */
  outcomes: ReadOutcome[];
  /** The readable workbooks, in file order. */
  workbooks: WorkbookInput[];
  /** The reader's own findings: unreadable files (errors). */
  findings: Finding[];
  /** Files of `files` that could not be read. */
  unreadable: number;
}

export async function readInputs(paths: string[], command: string, io: Io, forceProgress: boolean): Promise<Inputs> {
  const { files, other, broken, closed, locked } = collect(paths, command, io.cwd);
  for (const f of locked) println(io.stderr, lockedNote(f, io.cwd));
  const progress = new Progress(files.length, forceProgress, io.stderr);
  const outcomes = await readWorkbooksParallel(files, { onProgress: (done) => progress.update(done) });
  progress.finish();
  const workbooks: WorkbookInput[] = [];
  const findings: Finding[] = [];
  let unreadable = 0;
  const skipped: ReadOutcome[] = other.map((f) => {
    const message = T.skippedFormat(f.display);
    const finding: Finding = { severity: 'warning', code: 'file-skipped', file: f.display, message };
    findings.push(finding);
    return { file: f.display, error: message, findings: [finding], noResult: [] };
  });
  for (const f of broken) {
    findings.push({ severity: 'warning', code: 'broken-link', file: f.display, message: T.brokenLink(f.display) });
  }
  for (const f of closed) {
    findings.push({
      severity: 'warning',
      code: 'folder-unreadable',
      file: f.display,
      message: T.closedFolder(f.display),
    });
  }
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i];
    if (o.workbook) workbooks.push(o.workbook);
    else unreadable++;
    findings.push(...o.findings);
    // Read though named ".xls" (or without ".xlsx"): Excel warns on opening such a file, so say it.
    if (o.workbook && misnamed(files[i].path))
      findings.push({ severity: 'warning', code: 'file-misnamed', file: o.file, message: T.misnamedXlsx(o.file) });
  }
  return { files, outcomes: [...outcomes, ...skipped], workbooks, findings, unreadable };
}

/**
 * Warnings for formula cells without a cached result that the engine actually read
 * (a month value or a submission date of a report): they counted as empty. With `year`,
 * those on other years' sheets are 'info'.
 */
export function formulaFindings(inputs: Inputs, reports: UnitYear[], year?: number): Finding[] {
  // Only sheets with such cells are looked at, and only their cells are keyed: programs
  // write total columns as formulas without results in every file (a province run: 130
  // files × 2 sheets × 500 cells would otherwise all be keyed).
  const pending = new Map<string, Set<string>>();
  for (const o of inputs.outcomes) {
    for (const { sheet, cell } of o.noResult) {
      const at = `${o.file}\0${sheet}`;
      const cells = pending.get(at) ?? new Set<string>();
      cells.add(cell);
      pending.set(at, cells);
    }
  }
  if (pending.size === 0) return [];
  /** Cell key → the report's year. */
  const used = new Map<string, number>();
  for (const r of reports) {
    const at = `${r.file}\0${r.sheet}`;
    const cells = pending.get(at);
    if (!cells) continue;
    const mark = (c: string) => {
      if (cells.has(c)) used.set(`${at}\0${c}`, r.year);
    };
    for (const list of Object.values(r.cells)) for (const c of list) mark(c);
    for (const c of r.submittedCells) mark(c);
  }
  const out: Finding[] = [];
  for (const o of inputs.outcomes) {
    for (const { sheet, cell } of o.noResult) {
      const at = used.get(`${o.file}\0${sheet}\0${cell}`);
      if (at === undefined) continue;
      out.push({
        // Like the pipeline: last year's sheets are only information now.
        severity: year === undefined || at === year ? 'warning' : 'info',
        code: 'formula-no-result',
        file: o.file,
        sheet,
        cell,
        message: T.formulaNoResult(o.file, sheet, cell),
      });
    }
  }
  return out;
}
