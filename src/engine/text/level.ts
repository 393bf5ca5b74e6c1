/** Words of administrative levels, longest first ("thị xã" before "xã"). */
const LEVEL_WORDS = ['thành phố', 'thị trấn', 'thị xã', 'huyện', 'tỉnh', 'quận', 'phường', 'xã'];

/** The level word a text names ("toàn huyện" → "huyện", "Ban Dân vận Huyện ủy" → "huyện"), if any. */
export function levelWordOf(text: string): string | null {
  const t = ` ${text.normalize('NFC').toLocaleLowerCase('vi')} `;
  for (const w of LEVEL_WORDS) {
    const at = t.indexOf(` ${w}`);
    // A whole word ("Huyện ủy" too); "thị xã" is found before "xã" by the order above.
    if (at >= 0 && /^[\s,.]/.test(t.slice(at + w.length + 1))) return w;
  }
  return null;
}

/**
 * The aggregating level of the settings as messages say it ("huyện", "tỉnh"): since the 2025
 * reform a province aggregates communes itself, so no text may take "huyện" for granted.
 */
export function aggregatingLevel(settings: { level: string }): string {
  return levelWordOf(settings.level) ?? settings.level.trim().toLocaleLowerCase('vi');
}

/** The sample settings' level ("huyện"): tests' read contexts; the shells pass aggregatingLevel(settings). */
export const DEFAULT_LEVEL = 'huyện';

/** Commune-level words: units reporting to them are villages (thôn, bản, tổ dân phố), not communes. */
const COMMUNE_LEVELS = new Set(['xã', 'phường', 'thị trấn', 'đặc khu']);

/**
 * What messages call a reporting unit under `level` (an aggregatingLevel): "xã" under a district
 * or a province; "đơn vị" under a commune, where "xã" is the aggregating level itself.
 */
export function reportingUnitWord(level: string): string {
  return COMMUNE_LEVELS.has(level) ? 'đơn vị' : 'xã';
}
