/**
 * A unit's report that was found but could not be read: a file that does not open, or a workbook
 * (a commune's own spreadsheet) that opens without any sheet read as a report (month columns cut,
 * the header row rewritten: 'no-report-sheet'). The shell knows whose it is (the CLI by the file's
 * name, the add-on by the commune's row in "Đơn vị"); completeness would call the unit "Chưa báo
 * cáo" although it did send one. Both shells then count it "không đọc được báo cáo" here.
 */
import { narrate } from './narrative/narrative';
import type { Catalogue, Finding, Summary, UnitYear } from './types';

/**
 * Sources of workbooks opened without any sheet read as a report ('no-report-sheet') and no report
 * read from them.
 */
export function noReportSources(findings: readonly Finding[], reports: readonly UnitYear[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) if (f.code === 'no-report-sheet' && f.file) out.add(f.file);
  for (const r of reports) out.delete(r.file ?? '');
  return out;
}

/** A unit's report that could not be read, and how the shell knows it is that unit's. */
export interface UnreadableReport {
  /** The file (workbook source) whose finding says why it could not be read. */
  file: string;
  unit: { code: string; name: string };
  /** Said after that finding's message: whose the file is and that its figures are not counted. */
  note: string;
  /** The sheet that is the unit's report, when the shell knows it (the finding then names it too). */
  sheet?: string;
}

/** The findings of a file that say why it could not be read. */
const WHY = new Set(['file-unreadable', 'file-skipped', 'no-report-sheet']);

/**
 * The findings with each unit of `reports` told as "không đọc được báo cáo": its "no report"
 * warning ('unit-missing') dropped — it would contradict the file's error — and its file's findings
 * that say why made errors naming the unit, the note said after the reason. A workbook without a
 * report sheet keeps its code ('no-report-sheet'); the others become 'file-unreadable'.
 */
export function unreadableReportFindings(
  findings: readonly Finding[],
  reports: readonly UnreadableReport[],
): Finding[] {
  if (!reports.length) return [...findings];
  const byFile = new Map(reports.map((r) => [r.file, r]));
  const units = new Set(reports.map((r) => r.unit.code));
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.code === 'unit-missing' && f.unitCode && units.has(f.unitCode)) continue;
    const r = f.file !== undefined && WHY.has(f.code) ? byFile.get(f.file) : undefined;
    if (!r) {
      out.push(f);
      continue;
    }
    const keep = f.code === 'no-report-sheet';
    out.push({
      ...f,
      severity: 'error',
      code: keep ? f.code : 'file-unreadable',
      unitCode: r.unit.code,
      unitName: r.unit.name,
      ...(r.sheet !== undefined ? { sheet: r.sheet } : {}),
      message: `${keep && !/[.!?]$/.test(f.message) ? `${f.message}.` : f.message} ${r.note}`,
    });
  }
  return out;
}

/**
 * The summary with the units of `reports` counted as "không đọc được báo cáo" (unreadableReportFindings),
 * added to its `unreadableUnits` (in completeness order), the narrative written again so that it says
 * "không đọc được", not "chưa báo cáo". The narrative is written again in any case: a shell that changed
 * the summary otherwise (the CLI's old units of a merger) has it said too.
 */
export function withUnreadableReports(
  summary: Summary,
  catalogue: Catalogue,
  reports: readonly UnreadableReport[],
): Summary {
  const codes = new Set([...summary.unreadableUnits, ...reports.map((r) => r.unit.code)]);
  const core = {
    ...summary,
    findings: unreadableReportFindings(summary.findings, reports),
    unreadableUnits: summary.completeness.rows.map((r) => r.unitCode).filter((c) => codes.has(c)),
  };
  return { ...core, narrative: narrate(core, catalogue) };
}
