/** Findings printed one per line: "LỖI: …", "CẢNH BÁO: …", "THÔNG TIN: …". */
import { withoutBidi } from '../engine/text/normalize';
import type { Finding } from '../engine/types';
import { CLI_TEXT as T } from '../messages/vi/cli';

export function formatFinding(f: Finding): string {
  const label = T.severity[f.severity] ?? f.severity.toUpperCase();
  // The engine's messages name the unit and cell; add the file and sheet when the message does not
  // (a workbook may hold a sheet per year: "ô E9" alone would not say which).
  // The sheet name as the message quotes it: without bidi controls (checkWorkbooks).
  const shown = f.sheet && withoutBidi(f.sheet);
  const sheet = f.cell && shown && !f.message.includes(`"${shown}"`) ? T.sheetRef(shown) : '';
  const file = f.file && !f.message.includes(f.file) ? f.file : '';
  const where = [file, sheet].filter(Boolean).join(', ');
  return `${label}: ${f.message}${where ? ` [${where}]` : ''}`;
}

export function countFindings(findings: Finding[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Errors first, then warnings, then information; stable otherwise. */
export function bySeverity(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}
