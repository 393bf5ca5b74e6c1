/**
 * "Ngày nghỉ" (the days off that move submission deadlines): the default sheet Thiết lập writes,
 * and reading it into ISO dates, a cell that is no real date named (never dropped, which would move
 * a deadline); withHolidays completes the settings read from "Cài đặt" alone with it.
 */

import type { Result } from '../../engine/catalogue/schema';
import { isRealIsoDate, todayIn } from '../../engine/periods/cutoff';
import { type CellModel, emptySheet, type SheetModel } from '../../engine/report/model';
import { isoToSerial } from '../../engine/sheet/layout';
import type { CellValue, Grid, Settings } from '../../engine/types';
import { serialToIso } from '../../engine/validation/cells';
import { CONFIG, HOLIDAYS_HEADER, SHEETS } from '../../messages/vi/gas';
import { a1, headerIndex, isoFromCell } from '../util';
import { blankRow, collector, configGrid, type Located, missingColumns, withoutFailedCells } from './cells';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** "Ngày nghỉ": one row per day off, the date a real date (dd/mm/yyyy) so Sheets sorts and checks it. */
export function holidaysModel(days: readonly string[], names: Record<string, string>): SheetModel {
  const m = emptySheet(SHEETS.holidays);
  m.rows = [
    [
      { v: HOLIDAYS_HEADER.date, s: 'header' },
      { v: HOLIDAYS_HEADER.name, s: 'header' },
    ],
    ...days.map((d): CellModel[] => [
      { v: isoToSerial(d), s: 'date' },
      { v: names[d] ?? null, s: 'text' },
    ]),
  ];
  m.frozenRows = 1;
  m.widths = [14, 50];
  return m;
}

/** A date cell of "Ngày nghỉ": a Date, a serial day number, or text dd/mm/yyyy / yyyy-mm-dd. */
function holidayIso(v: CellValue, timeZone: string): string | null {
  if (typeof v === 'number') return Number.isInteger(v) && v > 0 && v < 2958466 ? serialToIso(v) : null;
  const iso = isoFromCell(v, timeZone, todayIn);
  return iso && isRealIsoDate(iso) ? iso : null;
}

/**
 * The "Ngày nghỉ" sheet → ISO dates. Blank rows are skipped; an empty sheet means no days
 * off; a cell that is not a real date is an error naming the cell (never silently dropped,
 * which would move a deadline).
 */
export function readHolidaysGrid(typed: Grid, timeZone: string, given: Located): string[] {
  const sheet = SHEETS.holidays;
  const { grid, skip } = withoutFailedCells(typed, sheet, HOLIDAYS_HEADER, given);
  const log = skip(given);
  const rows = grid.filter((row) => !blankRow(row));
  if (!rows.length) return [];
  const idx = headerIndex(grid[0] ?? [], HOLIDAYS_HEADER);
  const missing = missingColumns(sheet, idx, HOLIDAYS_HEADER, ['date']);
  if (missing.length) {
    log.errors.push(...missing);
    return [];
  }
  const days: string[] = [];
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (blankRow(row)) continue;
    const iso = holidayIso(row[idx.date], timeZone);
    if (iso) days.push(iso);
    else log.at(sheet, a1(r + 1, idx.date + 1), HOLIDAYS_HEADER.date, CONFIG.notDate);
  }
  return days;
}

/**
 * Settings read from "Cài đặt" alone (the e-mail jobs, the settings sidebar) completed with
 * the "Ngày nghỉ" sheet, as readConfig does. No sheet: no days off (older masters).
 */
export function withHolidays(ss: Spreadsheet | null, r: Result<Settings>): Result<Settings> {
  const sheet = r.ok && ss ? ss.getSheetByName(SHEETS.holidays) : null;
  if (!r.ok || !sheet) return r;
  const log = collector();
  const holidays = readHolidaysGrid(configGrid(sheet), r.value.timeZone, log);
  return log.errors.length ? { ok: false, errors: log.errors } : { ok: true, value: { ...r.value, holidays } };
}
