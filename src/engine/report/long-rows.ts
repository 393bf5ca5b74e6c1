/**
 * Long-format ("tidy") rows of a summary, for a data sheet or a CSV file that pivot
 * tables, Looker Studio or another tool can read: one row per unit × indicator with a
 * value, plus the totals under unit code "*".
 */
import { REPORT_TEXT as T } from '../../messages/vi/report';
import { unitFigures } from '../aggregate/unit-figures';
import { unitsNoun } from '../narrative/narrative';
import { offsetMinutes } from '../periods/cutoff';
import { formatPeriod } from '../periods/period';
import { distinctName, unitDisplayName } from '../sheet/layout';
import type { Summary } from '../types';
import { partialMonths, partialUnits } from './partial';

/** Column headers of `longRows` (Vietnamese, as the data sheet shows them). */
export const LONG_HEADER: readonly string[] = T.longHeader;

/**
 * The CSV's and the add-on's "Dữ liệu" columns: LONG_HEADER, then whether a value covers fewer
 * months of the period than it (longRows with `gaps`). A "Dữ liệu" made under LONG_HEADER alone
 * gets the last column added (src/gas/aggregate.ts, longRowsBlock).
 */
export const LONG_CSV_HEADER: readonly string[] = [...T.longHeader, T.longGapsHeader];

/** Unit code of the total rows. */
export const TOTAL_UNIT_CODE = '*';

/**
 * [period "2018-09", unitCode, unitName, indicatorCode, indicatorLabel, value, generatedAt]
 * for every unit with a value in the period, then the total ("*", e.g. "Huyện Mường Nhé"),
 * indicator by indicator. Note (text) indicators are left out: the column holds numbers.
 * `gaps` (the CSV, LONG_CSV_HEADER): one more column, a unit's "thiếu tháng 8" when it reported
 * only some months of a quarter or longer, a total's "gồm 2 xã thiếu tháng" when it counts such
 * units, else empty; the values are the same.
 */
export function longRows(summary: Summary, gaps = false): (string | number)[][] {
  const period = formatPeriod(summary.period);
  const at = localIso(summary.generatedAt, summary.settings.timeZone);
  const totalName = unitDisplayName({ name: summary.settings.aggregatingUnitName, kind: summary.settings.level });
  const rows: (string | number)[][] = [];
  const partial = new Map<string, number[]>();
  if (gaps) for (const code of partialUnits(summary)) partial.set(code, partialMonths(summary, code));
  const noun = gaps ? unitsNoun(summary.units) : '';
  for (const ind of summary.indicators) {
    if (ind.kind === 'note') continue;
    const figures = unitFigures(ind);
    let some = 0;
    for (let i = 0; i < figures.length; i++) {
      const value = figures.period(i);
      if (value === null) continue;
      // Two units of one name: a pivot by name would add them up, so the code follows the name.
      const code = figures.code(i);
      const row: (string | number)[] = [
        period,
        code,
        distinctName(figures.name(i), code, summary.units),
        ind.code,
        ind.label,
        value,
        at,
      ];
      if (gaps) {
        const lacking = partial.get(code);
        if (lacking) some++;
        row.push(lacking ? T.longGap(lacking) : '');
      }
      rows.push(row);
    }
    if (ind.period !== null) {
      const row: (string | number)[] = [period, TOTAL_UNIT_CODE, totalName, ind.code, ind.label, ind.period, at];
      if (gaps) row.push(some ? T.longGapsTotal(some, noun) : '');
      rows.push(row);
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
