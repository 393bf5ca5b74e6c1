/**
 * Values typed by hand in the configuration, read the same way whether they come from the
 * add-on's sheets ("Đơn vị", "Ngày nghỉ") or from the CLI's JSON files (units.json,
 * settings.json): what one accepts, the other does too.
 */
import { isRealIsoDate } from '../periods/cutoff';

/**
 * "yyyy-mm-dd" for a date typed "2025-07-01" / "2025-7-1" or the Vietnamese way, day first:
 * "01/07/2025", "1/7/2025", "01.07.2025", "01-07-2025" (never month first). Null for any
 * other text. The calendar is not checked ("31/02/2025" → "2025-02-31"): see realDateFromText.
 */
export function isoFromDateText(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return null;
}

/** isoFromDateText, and only for a day that exists ("31/02/2025" → null). */
export function realDateFromText(text: string): string | null {
  const iso = isoFromDateText(text);
  return iso && isRealIsoDate(iso) ? iso : null;
}

/**
 * Codes typed in one cell or string: "sin-thau, sen-thuong", "a; b", "a + b", one per line. Not on
 * spaces: a code has none, so "nam vi" (a slip for "nam-vi") stays one piece that the schema refuses
 * by name, rather than two codes "nam" and "vi" nobody typed.
 */
export function codeList(text: string): string[] {
  return text
    .split(/[,;+\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
