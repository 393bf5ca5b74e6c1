/**
 * Long-format ("tidy") rows of a summary, for a data sheet or a CSV file that pivot
 * tables, Looker Studio or another tool can read: one row per unit × indicator with a
 * value, plus the totals under unit code "*".
 */
import { REPORT_TEXT as T } from '../../messages/vi/report';
import { unitFigures } from '../aggregate/unit-figures';
import { offsetMinutes } from '../periods/cutoff';
import { formatPeriod } from '../periods/period';
import { distinctName, unitDisplayName } from '../sheet/layout';
import type { Summary } from '../types';

/** Column headers of `longRows` (Vietnamese, as the data sheet shows them). */
export const LONG_HEADER: readonly string[] = T.longHeader;

/** Unit code of the total rows. */
export const TOTAL_UNIT_CODE = '*';

/**
 * [period "2018-09", unitCode, unitName, indicatorCode, indicatorLabel, value, generatedAt]
 * for every unit with a value in the period, then the total ("*", e.g. "Huyện Mường Nhé"),
 * indicator by indicator. Note (text) indicators are left out: the column holds numbers.
 */
export function longRows(summary: Summary): (string | number)[][] {
  const period = formatPeriod(summary.period);
  const at = localIso(summary.generatedAt, summary.settings.timeZone);
  const totalName = unitDisplayName({ name: summary.settings.aggregatingUnitName, kind: summary.settings.level });
  const rows: (string | number)[][] = [];
  for (const ind of summary.indicators) {
    if (ind.kind === 'note') continue;
    const figures = unitFigures(ind);
    for (let i = 0; i < figures.length; i++) {
      const value = figures.period(i);
      if (value === null) continue;
      // Two units of one name: a pivot by name would add them up, so the code follows the name.
      const code = figures.code(i);
      rows.push([period, code, distinctName(figures.name(i), code, summary.units), ind.code, ind.label, value, at]);
    }
    if (ind.period !== null) {
      rows.push([period, TOTAL_UNIT_CODE, totalName, ind.code, ind.label, ind.period, at]);
    }
  }
  return rows;
}

/**
 * "2025-10-05T09:00:00+07:00": the run's time in the settings' time zone, with its offset (a
 * reader sees the hour it was run, a machine the same instant). Anything else is kept as given.
 */
export function localIso(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || !/(Z|[+-]\d{2}:?\d{2})$/.test(iso)) return iso;
  const offset = offsetMinutes(timeZone, new Date(ms));
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Characters that make Excel, LibreOffice or Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  // Neutralise formula injection in text (numbers such as -5 stay numbers).
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, fields with comma, quote or line
 * break quoted and quotes doubled. Starts with a UTF-8 byte-order mark so Excel opens
 * Vietnamese text correctly. Numbers are written with "." decimals (machine format).
 * Text starting with = + - @ tab or CR gets a leading ' so no spreadsheet runs it.
 */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
