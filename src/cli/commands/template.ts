/**
 * `tonghop template --year 2018 --out DIR`: one blank commune workbook per unit. A workbook that
 * exists is not overwritten (without --force): it only gets the rows of indicators added to the
 * catalogue since it was made, or else the highlighting of the current rules when its own is
 * another's (template-upgrade.ts), written through a temporary file and a rename, the file as it
 * was kept beside it as `<name>.bak`. One open in Excel or LibreOffice (a lock file beside it) is
 * left as it is, named, and the exit code is 2 (an output that could not be written). No blank
 * workbook is written for a unit whose report of the year is in the folder under another name
 * (`aggregate` would read two reports of it), with --force too: a line names that file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { monthsBeforeMerger } from '../../engine/aggregate/succession';
import { dataWindow } from '../../engine/periods/cutoff';
import { buildUnitSheet, unitDisplayName } from '../../engine/sheet/layout';
import { mergerSpan } from '../../engine/sheet/merger-span';
import type { Recode } from '../../engine/sheet/missing-rows';
import { aggregatingLevel } from '../../engine/text/level';
import type { Indicator, Period, Unit } from '../../engine/types';
import { checkWorkbooks } from '../../engine/validation/check';
import { HELP, CLI_TEXT as T } from '../../messages/vi/cli';
import { CONFIG_OPTIONS, HELP_OPTION, parse, parseYear, requireOption } from '../args';
import { now } from '../clock';
import { type Config, configFindings, loadConfig, warnDemoUnits } from '../config';
import { EXIT, UserError } from '../exit-codes';
import { displayName, openLock } from '../files';
import { formatFinding } from '../findings';
import { type Io, println } from '../io';
import { writeOutput } from '../output';
import { type Upgrade, upgradeWorkbook } from '../template-upgrade';
import { READ_LIMITS, readWorkbookFile } from '../xlsx/read';
import { writeXlsx } from '../xlsx/write';

const OPTIONS = {
  ...HELP_OPTION,
  ...CONFIG_OPTIONS,
  year: { type: 'string' },
  out: { type: 'string' },
  unit: { type: 'string', multiple: true },
  force: { type: 'boolean' },
} as const;

/**
 * The units that report months of `year` across a merger (the units file's `succession`): a new
 * unit from its merger's year on (always, when it keeps an old unit's code), an old one
 * (`formerUnits`) up to its merger's year. In that year both have a workbook: the old units' for
 * the months before the merger, the new one's after it. `unnamed`: old units of that year the
 * file does not name (no workbook can be titled for them).
 */
export function unitsOfYear(config: Config, year: number): { units: Unit[]; unnamed: string[] } {
  const cutoff = config.settings.cutoffDay;
  const before = (u: Unit) => (u.succession ? monthsBeforeMerger(u.succession.from, year, cutoff) : 0);
  const current = config.units.filter(
    (u) => !u.succession || before(u) < 12 || u.succession.predecessors.includes(u.code),
  );
  const codes = new Set(config.units.map((u) => u.code));
  const owed = new Set<string>();
  for (const u of config.units)
    if (u.succession && before(u) > 0) for (const p of u.succession.predecessors) if (!codes.has(p)) owed.add(p);
  const former = (config.formerUnits ?? []).filter((f) => owed.has(f.code));
  const unnamed = [...owed].filter((c) => !former.some((f) => f.code === c)).sort();
  return { units: [...current, ...former], unnamed };
}

/** File name of a unit's workbook: "<unit-code>-<year>.xlsx" (codes are [A-Za-z0-9_.-]). */
export function templateFileName(unit: Pick<Unit, 'code'>, year: number): string {
  return `${unit.code}-${year}.xlsx`;
}

export async function runTemplate(argv: string[], io: Io): Promise<number> {
  const args = parse('template', argv, OPTIONS, false);
  if (args.bool('help')) {
    io.stdout.write(HELP.template);
    return EXIT.ok;
  }
  const year = parseYear(requireOption(args.str('year'), '--year', 'template'));
  const outDir = path.resolve(io.cwd, requireOption(args.str('out'), '--out', 'template'));
  const config = loadConfig(args, io.cwd);
  const december: Period = { type: 'month', year, index: 12 };
  warnDemoUnits(args, dataWindow(december, config.settings).end, T.demoUnitsTemplate(year), io);
  // The configuration's warnings (an e-mail setting mistyped, a field not known): said, not stopping.
  for (const f of configFindings(config)) println(io.stdout, formatFinding(f));
  const wanted = args.list('unit');
  const { units: ofYear, unnamed } = unitsOfYear(config, year);
  if (unnamed.length && !wanted.length) println(io.stdout, T.formerUnnamed(unnamed, year));
  for (const code of wanted) {
    if (ofYear.some((u) => u.code === code)) continue;
    const known = [...config.units, ...(config.formerUnits ?? [])].find((u) => u.code === code);
    throw new UserError(known ? T.unitNotInYear(unitDisplayName(known), year) : T.unknownUnit(code), EXIT.usage);
  }
  const units = wanted.length ? ofYear.filter((u) => wanted.includes(u.code)) : ofYear;
  const when = now(io.env, config.settings.timeZone);
  const count = { written: 0, added: 0, highlighted: 0, unchanged: 0, kept: 0, open: 0, notWritten: 0, recoded: 0 };
  let elsewhere: Map<string, Elsewhere> | null = null;
  for (const unit of units) {
    const file = path.join(outDir, templateFileName(unit, year));
    if (!fs.existsSync(file)) {
      // The unit's report of the year is in the folder under another name: a new blank one beside
      // it would be a second report of the unit (a duplicate, or pushing the report out). --force
      // too: it replaces the workbooks named as the template, it does not add a second report.
      elsewhere ??= await workbooksUnderOtherNames(outDir, year, config, ofYear, io.cwd);
      const found = elsewhere.get(unit.code);
      if (found) {
        const wouldBe = displayName(file, io.cwd);
        println(
          io.stdout,
          found.oldCode !== undefined
            ? // The unit's code was changed in the units file since its workbook was made.
              T.templateOldCode(found.file, wouldBe, found.oldCode)
            : T.templateOtherName(found.file, wouldBe, unitDisplayName(unit), year, found.sheet, path.basename(file)),
        );
        count.kept++;
        continue;
      }
    }
    // --force replaces an existing workbook: not one open in Excel/LibreOffice (its next save would
    // put the old one back, or the clerk's unsaved figures would be lost).
    const lock = args.bool('force') && fs.existsSync(file) ? openLock(file) : undefined;
    if (lock) {
      println(io.stdout, T.templateOpenForce(displayName(file, io.cwd), displayName(lock, io.cwd)));
      count.open++;
      continue;
    }
    if (args.bool('force') || !fs.existsSync(file)) {
      const span = mergerSpan(unit, year, config.units, config.formerUnits ?? [], config.settings.cutoffDay);
      const sheet = buildUnitSheet(unit, year, config.catalogue, { span });
      await writeXlsx({ sheets: [sheet] }, file, { now: when });
      println(io.stdout, T.wrote(T.what.template, displayName(file, io.cwd)));
      count.written++;
      continue;
    }
    const shown = displayName(file, io.cwd);
    const outcome = await complete(file, shown, unit, year, config, when);
    if (outcome.kind === 'unchanged') {
      println(io.stdout, T.templateUnchanged(shown, outcome.columnsChanged));
      count.unchanged++;
    } else if (outcome.kind === 'kept') {
      const rows = outcome.indicators.map((i) => T.templateRow(i.label, i.code));
      println(io.stdout, T.templateExists(shown, outcome.reason, rows));
      count.kept++;
    } else if (outcome.kind === 'open') {
      const rows = outcome.indicators.map((i) => T.templateRow(i.label, i.code));
      const recoded = outcome.recoded.map((r) => T.templateRecode(r.from, r.indicator.code, r.label));
      println(io.stdout, T.templateOpen(shown, displayName(outcome.lock, io.cwd), rows, recoded));
      count.open++;
    } else if (outcome.kind === 'notWritten') {
      const rows = outcome.indicators.map((i) => T.templateRow(i.label, i.code));
      const recoded = outcome.recoded.map((r) => T.templateRecode(r.from, r.indicator.code, r.label));
      println(io.stdout, T.templateNotWritten(shown, outcome.reason, rows, recoded));
      count.notWritten++;
    } else if (outcome.kind === 'highlighted') {
      println(io.stdout, T.templateHighlighted(shown, outcome.sheet, displayName(outcome.backup, io.cwd)));
      count.highlighted++;
    } else {
      const rows = outcome.indicators.map((i) => T.templateRow(i.label, i.code));
      const recoded = outcome.recoded.map((r) => T.templateRecode(r.from, r.indicator.code, r.label));
      const backup = displayName(outcome.backup, io.cwd);
      println(
        io.stdout,
        rows.length
          ? T.templateAdded(shown, outcome.sheet, rows, backup, recoded, outcome.strays)
          : T.templateRecoded(shown, outcome.sheet, recoded, backup, outcome.strays),
      );
      if (rows.length) count.added++;
      if (recoded.length) count.recoded++;
    }
  }
  println(
    io.stdout,
    T.templatesDone(
      count.written,
      displayName(outDir, io.cwd),
      count.added,
      count.highlighted,
      count.unchanged,
      count.kept,
      count.open,
      count.notWritten,
      count.recoded,
    ),
  );
  // A workbook open elsewhere, or one the user may not write, is an output that could not be
  // written (exit 2, as a write Excel refuses): a script running this must not take it as done.
  return count.open || count.notWritten ? EXIT.usage : EXIT.ok;
}

/** A unit's report of the year in a workbook not named as its template would be. */
interface Elsewhere {
  /** As shown in messages. */
  file: string;
  sheet: string;
  /** The reader's 'unit-code-outdated' warning when the sheet holds an old code of the unit. */
  oldCode?: string;
}

/**
 * Per unit code, a workbook of `dir` (not under the unit's template file name) with a report of
 * the unit for `year`, as `aggregate` reads it: by its "Mã đơn vị", or by its names when that holds
 * an old code of the unit (in no list: the reader's 'unit-code-outdated' warning, said first).
 * The first such workbook by name. `units`: the units of the year (old units of a merger too).
 * Read only when a unit's workbook is missing, so a first run into an empty folder reads nothing.
 */
async function workbooksUnderOtherNames(
  dir: string,
  year: number,
  config: Config,
  units: Unit[],
  cwd: string,
): Promise<Map<string, Elsewhere>> {
  const found = new Map<string, Elsewhere>();
  const known = [...config.units, ...units.filter((u) => !config.units.some((c) => c.code === u.code))];
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /\.(xlsx|xlsm)$/i.test(n) && !n.startsWith('~$'));
  } catch {
    return found; // no folder yet
  }
  for (const name of names.sort()) {
    const full = path.join(dir, name);
    const shown = displayName(full, cwd);
    const read = await readWorkbookFile(full, shown);
    if (!read.workbook) continue;
    const { reports, findings } = checkWorkbooks([read.workbook], {
      catalogue: config.catalogue,
      units: known,
      level: aggregatingLevel(config.settings),
    });
    for (const f of findings) {
      if (f.code !== 'unit-code-outdated' || !f.unitCode || found.has(f.unitCode)) continue;
      const r = reports.find((x) => x.sheet === f.sheet && x.year === year && x.unitCode === f.unitCode);
      if (r) found.set(f.unitCode, { file: shown, sheet: r.sheet, oldCode: f.message });
    }
    for (const r of reports) {
      if (r.year !== year || found.has(r.unitCode) || name === templateFileName({ code: r.unitCode }, year)) continue;
      found.set(r.unitCode, { file: shown, sheet: r.sheet });
    }
  }
  return found;
}

/** `<file>.bak`, or `<file>.2.bak`, … : an earlier backup is never replaced. */
function backupPath(file: string): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${file}.bak` : `${file}.${n}.bak`;
    if (!fs.existsSync(candidate)) return candidate;
  }
}

type Written = Extract<Upgrade, { buffer: Buffer }>;
type Completed =
  | Exclude<Upgrade, Written>
  | (Written & { backup: string })
  /** To be written, but open in Excel or LibreOffice (`lock` beside it): left as it is. */
  | { kind: 'open'; lock: string; indicators: Indicator[]; recoded: Recode[] }
  /** To be written, but the user may not write it, or it changed meanwhile: left as it is. */
  | { kind: 'notWritten'; reason: string; indicators: Indicator[]; recoded: Recode[] };

/** An existing workbook given the rows it lacks (or the current rules' highlighting), or left as it is. */
async function complete(
  file: string,
  shown: string,
  unit: Unit,
  year: number,
  config: Config,
  when: Date,
): Promise<Completed> {
  // The real file: a link to a commune's workbook elsewhere is completed there, not replaced by a copy.
  let real = file;
  let buffer: Buffer;
  try {
    real = fs.realpathSync(file);
    const st = fs.statSync(real);
    // Not read here: readWorkbookFile says why (a folder, a file too large to be a commune's).
    if (!st.isFile() || st.size > READ_LIMITS.maxBytes) throw new Error('not a workbook');
    buffer = fs.readFileSync(real);
  } catch {
    const read = await readWorkbookFile(file, shown);
    return { kind: 'kept', reason: read.error ?? T.upgrade.package, indicators: [] };
  }
  const outcome = await upgradeWorkbook(buffer, shown, unit, year, config, when);
  if (outcome.kind === 'unchanged' || outcome.kind === 'kept') return outcome;
  const indicators = outcome.kind === 'added' ? outcome.indicators : [];
  const recoded = outcome.kind === 'added' ? outcome.recoded : [];
  // Open in Excel or LibreOffice: the program would save its own copy over the new rows (or hold the file).
  const lock = openLock(file);
  if (lock) return { kind: 'open', lock, indicators, recoded };
  try {
    fs.accessSync(real, fs.constants.W_OK);
  } catch {
    return { kind: 'notWritten', reason: T.templateNoPermission, indicators, recoded };
  }
  // Someone saved the file meanwhile (Excel open on it): their version is not replaced.
  let current: Buffer | undefined;
  try {
    current = fs.readFileSync(real);
  } catch {
    current = undefined;
  }
  if (!current?.equals(buffer)) return { kind: 'notWritten', reason: T.upgrade.changed, indicators, recoded };
  // The backup first: if it cannot be written, the file is not touched either.
  const { mode } = fs.statSync(real);
  const backup = backupPath(real);
  writeOutput(backup, buffer, mode);
  writeOutput(real, outcome.buffer, mode);
  return { ...outcome, backup };
}
