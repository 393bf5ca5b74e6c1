/**
 * Files that could not be read at all (not .xlsx, truncated, password-protected, too
 * large…): whose report were they? A file that cannot be opened names no unit inside,
 * so completeness would list its commune as "Chưa báo cáo" although it did send one.
 *
 * A file is taken as a unit's report when
 *  1. its name names exactly one unit (code or name, ignoring accents, case and
 *     separators: "chung-chai-2018.xlsx", "Xã Chung Chải T9.xlsx"), or
 *  2. by elimination: it is the only unreadable file not named so, and exactly one
 *     expected unit has no readable report of the year.
 * Only units without a readable report of the year are candidates (a unit whose report
 * was read elsewhere keeps its status; the bad file stays an error finding).
 *
 * Spreadsheets of another format found in a folder (.ods, .xls…: not read, a 'file-skipped'
 * warning, see inputs.ts) are taken by their name only, and not when it carries another
 * year than the period's ("nam-vi-2017.xls", the old copy of a workbook since saved as .xlsx):
 * one so taken becomes an error naming its unit, as when named on the command line; the
 * others keep their warning and take no part in the elimination (they may be anything). So are
 * workbooks opened without any sheet read as a report ('no-report-sheet', e.g. month columns cut):
 * one so taken keeps its error, which says why, and names its unit.
 *
 * Those units go to the summary's `unreadableUnits` (as the add-on does with sheets it
 * cannot open), their "no report" warning is replaced by the file's error naming the unit,
 * and the narrative is written again so that it says "không đọc được", not "chưa báo cáo".
 *
 * A file whose name carries last year (and not the period's year) and names a unit (a current
 * one, or an old unit of a merger) is that unit's last-year report, used for "so cùng kỳ": its
 * error names the unit, and it is neither this year's report of anybody nor a file of no unit.
 */
import path from 'node:path';
import { oldUnitNames } from '../engine/aggregate/old-unit-names';
import { unitInSentence } from '../engine/narrative/narrative';
import { distinctDisplayName, unitDisplayName } from '../engine/sheet/layout';
import { compareVi } from '../engine/text/collate';
import { slug } from '../engine/text/normalize';
import type { Catalogue, Finding, Summary, Unit } from '../engine/types';
import { type UnreadableReport, withUnreadableReports } from '../engine/unreadable';
import { startYear } from '../engine/validation/check';
import { CLI_TEXT as T } from '../messages/vi/cli';

export interface UnreadableFile {
  /** As named in messages. */
  file: string;
  /** The Vietnamese reason (names the file). */
  error: string;
}

export interface Attribution {
  /** Unit code → the unreadable files taken as its report. */
  byUnit: Map<string, string[]>;
  /** How each attributed file was matched. */
  how: Map<string, 'name' | 'elimination'>;
  /** Files that could not be tied to a unit. */
  unattributed: string[];
}

/** An unreadable file taken, by its name, as a unit's report of last year ("so cùng kỳ"). */
export interface LastYearFile {
  file: string;
  unitCode: string;
  /** The unit as messages name it: "Xã Chung Chải", "Xã Nậm Vì (nay thuộc xã Mường Nhé)". */
  label: string;
}

/**
 * The unit a file name names, if exactly one. A key inside a longer matched one does not
 * count ("muong-nhe-moi-2018" names Mường Nhé Mới, not also Mường Nhé).
 */
export function unitFromFileName(file: string, units: Unit[]): Unit | undefined {
  const base = path.basename(file).replace(/\.[^.]*$/, '');
  const name = `-${slug(base)}-`;
  const hits: { unit: Unit; key: string }[] = [];
  for (const unit of units) {
    for (const key of new Set([slug(unit.code), slug(unit.name)])) {
      if (key.length >= 2 && name.includes(`-${key}-`)) hits.push({ unit, key });
    }
  }
  const named = new Set(
    hits
      .filter((h) => !hits.some((o) => o.unit !== h.unit && o.key.length > h.key.length && o.key.includes(h.key)))
      .map((h) => h.unit),
  );
  return named.size === 1 ? [...named][0] : undefined;
}

/**
 * Tie unreadable files to units without a readable report (`unreported`, in completeness order).
 * `nameOnly`: files taken by their name or not at all (neither by elimination nor `unattributed`).
 */
export function attributeUnreadable(
  files: string[],
  unreported: Unit[],
  nameOnly: ReadonlySet<string> = new Set(),
): Attribution {
  const byUnit = new Map<string, string[]>();
  const how = new Map<string, 'name' | 'elimination'>();
  const unattributed: string[] = [];
  for (const file of files) {
    const u = unitFromFileName(file, unreported);
    if (!u) {
      if (!nameOnly.has(file)) unattributed.push(file);
      continue;
    }
    byUnit.set(u.code, [...(byUnit.get(u.code) ?? []), file]);
    how.set(file, 'name');
  }
  const left = unreported.filter((u) => !byUnit.has(u.code));
  if (unattributed.length === 1 && left.length === 1) {
    const file = unattributed.pop() as string;
    byUnit.set(left[0].code, [file]);
    how.set(file, 'elimination');
  }
  return { byUnit, how, unattributed };
}

/**
 * The summary with unreadable files counted as their units' unreadable reports.
 * `reportedCodes`: units with a readable report of the period's year.
 */
export function withUnreadableFiles(
  summary: Summary,
  catalogue: Catalogue,
  files: UnreadableFile[],
  reportedCodes: Set<string>,
  formerUnits: Unit[] = [],
  noReportFiles: ReadonlySet<string> = new Set(),
): { summary: Summary; attribution: Attribution; lastYear: LastYearFile[] } {
  const unitsByCode = new Map(summary.units.map((u) => [u.code, u]));
  const unreported = summary.completeness.rows
    .filter((r) => !reportedCodes.has(r.unitCode) && !summary.unreadableUnits.includes(r.unitCode))
    .map((r) => unitsByCode.get(r.unitCode))
    .filter((u): u is Unit => u !== undefined);
  // Spreadsheets of another format found in a folder: not read, a warning until taken by name.
  const skipped = new Set(summary.findings.flatMap((f) => (f.code === 'file-skipped' && f.file ? [f.file] : [])));
  const otherYear = (file: string) => {
    const years = yearsInName(file);
    return years.length > 0 && !years.includes(summary.period.year);
  };
  // Workbooks opened but without a sheet read as a report are taken by their name only, as skipped ones.
  const nameOnly = noReportFiles.size ? new Set([...skipped, ...noReportFiles]) : skipped;
  const readable = files.map((f) => f.file).filter((f) => !(nameOnly.has(f) && otherYear(f)));
  // Last year's workbooks named after their unit: that unit's "so cùng kỳ" report, not this year's.
  const lastYear = lastYearFiles(summary, readable, nameOnly, formerUnits);
  const candidates = readable.filter((f) => !lastYear.has(f));
  // Files named after an old unit of a merger are that unit's, before any is taken by elimination.
  const former = formerOfFiles(
    summary,
    candidates.filter((f) => !noReportFiles.has(f)),
  );
  const attribution = attributeUnreadable(
    candidates.filter((f) => !former.has(f)),
    unreported,
    nameOnly,
  );
  const loose = attribution.unattributed.length ? { unattributedFiles: attribution.unattributed } : {};
  // By unit name, as the other lists of units.
  const lastYearList = [...lastYear]
    .map(([file, u]) => ({ file, unitCode: u.code, label: u.label }))
    .sort((x, y) => compareVi(x.label, y.label) || (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  if (attribution.byUnit.size === 0 && !former.size && !lastYear.size)
    return { summary: { ...summary, ...loose }, attribution, lastYear: lastYearList };

  const unitOf = new Map<string, Unit>();
  for (const [code, fs] of attribution.byUnit) for (const f of fs) unitOf.set(f, unitsByCode.get(code) as Unit);
  const findings: Finding[] = [];
  const filesOfFormer = new Map<string, string[]>();
  for (const [file, old] of former) filesOfFormer.set(old.code, [...(filesOfFormer.get(old.code) ?? []), file]);
  for (const f of summary.findings) {
    const ofFile =
      f.code === 'file-unreadable' ||
      f.code === 'file-skipped' ||
      (f.code === 'no-report-sheet' && noReportFiles.has(f.file as string));
    const before = f.code === 'file-unreadable' && f.file ? lastYear.get(f.file) : undefined;
    if (before) {
      findings.push({
        ...f,
        unitCode: before.code,
        unitName: before.name,
        message: `${f.message} ${T.unreadableOfLastYear(before.label, summary.period.year - 1)}`,
      });
      continue;
    }
    // An old unit of a merger whose file names it: the file is its report, unreadable.
    const old = ofFile && f.file ? former.get(f.file) : undefined;
    if (old) {
      findings.push({
        ...f,
        severity: 'error',
        code: 'file-unreadable',
        unitCode: old.code,
        unitName: old.name,
        message: `${f.message} ${T.unreadableOfFormer(old.name)}`,
      });
      continue;
    }
    const theirs = f.code === 'predecessor-missing' && f.unitCode ? filesOfFormer.get(f.unitCode) : undefined;
    if (theirs) {
      findings.push({ ...f, message: `${f.message} ${T.formerFileUnreadable(theirs.join(', '))}` });
      continue;
    }
    findings.push(f);
  }
  // The files taken as a unit's report: that report, unreadable (a skipped file too: an error, as
  // when named on the command line), its "no report" warning dropped (withUnreadableReports).
  const taken: UnreadableReport[] = [...unitOf].map(([file, unit]) => ({
    file,
    unit,
    note:
      attribution.how.get(file) === 'name'
        ? T.unreadableOfUnit(unitDisplayName(unit))
        : T.unreadableByElimination(unitDisplayName(unit)),
  }));
  // Old units whose file could not be read: said in every output, not only on the console. One a
  // merged unit's row lacks months of (formerGaps) is said there ("Nậm Vì tháng 6: tệp … không
  // đọc được"); the others (their months are before the period) on a line of their own.
  const formerCodes = new Set([...former.values()].map((o) => o.code));
  let named = false;
  const rows = summary.completeness.rows.map((r) => {
    if (!r.formerGaps?.some((g) => g.code !== undefined && formerCodes.has(g.code))) return r;
    named = true;
    return {
      ...r,
      formerGaps: r.formerGaps.map((g) => (g.code && formerCodes.has(g.code) ? { ...g, unreadable: true } : g)),
    };
  });
  const inGaps = new Set(rows.flatMap((r) => (r.formerGaps ?? []).flatMap((g) => (g.code ? [g.code] : []))));
  const unreadableFormer = [...new Map([...former.values()].map((o) => [o.code, o])).values()]
    .filter((o) => !inGaps.has(o.code))
    .map((o) => formerLabel(o, summary.units, formerUnits));
  const core = {
    ...summary,
    ...(named ? { completeness: { ...summary.completeness, rows } } : {}),
    findings,
    ...(unreadableFormer.length ? { unreadableFormer } : {}),
    ...loose,
  };
  return { summary: withUnreadableReports(core, catalogue, taken), attribution, lastYear: lastYearList };
}

/**
 * An old unit as the findings name it, with the unit(s) it is now part of: "Xã Nậm Vì (nay thuộc
 * xã Mường Nhé)"; one of its new unit's name is "Mường Nhé cũ" (mergerNames).
 */
function formerLabel(
  old: { code: string; name: string },
  units: Unit[],
  formerUnits: Unit[],
): { code: string; label: string; inSentence: string } {
  const known = formerUnits.find((u) => u.code === old.code) ?? { name: old.name, kind: '' };
  const into = units.filter((u) => u.succession?.predecessors.includes(old.code));
  if (!into.length) {
    const named = { name: known.name, kind: known.kind ?? '' };
    return { code: old.code, label: unitDisplayName(named), inSentence: unitInSentence(named) };
  }
  const all = into.map((u) => oldUnitNames(known, old.code, u, units));
  const now = T.formerNow(
    all.map((n) => n.unitWithin),
    all.every((n) => n.renamed),
  );
  // "cũ" when it has the name of any new unit it went into.
  const short = {
    name: all.find((n) => n.oldShort !== known.name)?.oldShort ?? all[0].oldShort,
    kind: known.kind ?? '',
  };
  return { code: old.code, label: `${unitDisplayName(short)} ${now}`, inSentence: `${unitInSentence(short)} ${now}` };
}

/** The years (19xx, 20xx) a file name carries as words of its own: "chung-chai-2017.xlsx" → 2017. */
function yearsInName(file: string): number[] {
  return slug(path.basename(file))
    .split('-')
    .filter((t) => /^(19|20)\d\d$/.test(t))
    .map(Number);
}

/**
 * Whether a file's name says it is of the year before `year` ("so cùng kỳ"): it carries that
 * year and not `year` itself.
 */
export function namesLastYear(file: string, year: number): boolean {
  const years = yearsInName(file);
  return years.includes(year - 1) && !years.includes(year);
}

/**
 * Unreadable files of last year (by their name) that name one unit of last year: a current unit
 * begun by then, an old unit of a merger since (named by `formerUnits`, else known by its code). File → the unit (code, name,
 * and its label in messages: "Xã Chung Chải", "Xã Nậm Vì (nay thuộc xã Mường Nhé)").
 */
function lastYearFiles(
  summary: Summary,
  files: string[],
  skipped: ReadonlySet<string>,
  formerUnits: Unit[],
): Map<string, { code: string; name: string; label: string }> {
  const out = new Map<string, { code: string; name: string; label: string }>();
  const wanted = files.filter((f) => !skipped.has(f) && namesLastYear(f, summary.period.year));
  if (!wanted.length) return out;
  const year = summary.period.year - 1;
  const current = new Set(summary.units.map((u) => u.code));
  // The units that reported last year: the current ones begun by then, and the old units of
  // mergers not older than last year ("muong-nhe-2024.xlsx" is old Mường Nhé's, not new Mường Nhé's).
  const olds = new Map<string, Unit>();
  for (const u of summary.units) {
    if (startYear(u) < year) continue;
    for (const code of u.succession?.predecessors ?? []) {
      if (current.has(code) || olds.has(code)) continue;
      olds.set(code, formerUnits.find((f) => f.code === code) ?? { code, name: code, kind: '', emails: [] });
    }
  }
  const all = [...summary.units.filter((u) => startYear(u) <= year), ...olds.values()];
  for (const file of wanted) {
    const unit = unitFromFileName(file, all);
    if (!unit) continue;
    const label = current.has(unit.code)
      ? distinctDisplayName(unit, summary.units)
      : formerLabel({ code: unit.code, name: unit.name }, summary.units, formerUnits).label;
    out.set(file, { code: unit.code, name: unit.name, label });
  }
  return out;
}

/**
 * Unreadable files whose name names an old unit of a merger that has no report of the year (its
 * 'predecessor-missing' warning): that old unit's report, which could not be read. File → the old
 * unit (code, name as the warning names it).
 */
function formerOfFiles(summary: Summary, files: string[]): Map<string, { code: string; name: string }> {
  const out = new Map<string, { code: string; name: string }>();
  const olds: Unit[] = [];
  for (const f of summary.findings)
    if (f.code === 'predecessor-missing' && f.unitCode && !olds.some((u) => u.code === f.unitCode))
      olds.push({ code: f.unitCode, name: f.unitName ?? f.unitCode, kind: '', emails: [] });
  if (!olds.length) return out;
  for (const file of new Set(files)) {
    const old = unitFromFileName(file, olds);
    if (old) out.set(file, { code: old.code, name: old.name });
  }
  return out;
}
