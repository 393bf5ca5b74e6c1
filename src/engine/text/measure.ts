/**
 * Units of measure ("Đơn vị tính") as typed in a sheet, against the catalogue's. The catalogue
 * may change an indicator's unit between years ("triệu đồng" → "nghìn đồng"), and last year's
 * sheets keep the old one: summed as they stand, "so cùng kỳ" would be off by a factor of 1,000.
 * Only what is surely the same unit is taken as equal; money in another scale is converted.
 * Two counting units that differ ("người" for "đoàn viên") are most often the catalogue reworded
 * after the sheet was made: the figures are still the row's, so they are counted and named. Money
 * against a count, or money in no known scale ("USD", "triệu"), cannot be added to the others.
 */
import { looseKey, memoText, normalizeName } from './normalize';
import { tidy } from './number';

/**
 * How a sheet's unit relates to the catalogue's. 'scale': money in another scale, the value in the
 * catalogue's unit is value × mul ÷ div (one of them 1, the other a power of 1,000). 'renamed':
 * another counting unit, counted as typed. 'other': not to be added (money against a count, or
 * money in an unknown scale).
 */
export interface MeasureCompare {
  kind: 'same' | 'scale' | 'renamed' | 'other';
  mul: number;
  div: number;
}

const SAME: MeasureCompare = Object.freeze({ kind: 'same', mul: 1, div: 1 });
const OTHER: MeasureCompare = Object.freeze({ kind: 'other', mul: 1, div: 1 });
const RENAMED: MeasureCompare = Object.freeze({ kind: 'renamed', mul: 1, div: 1 });

/**
 * Money as Vietnamese tables write it: a scale ("nghìn"/"ngàn", "triệu"/"tr", "tỷ"/"tỉ", or
 * "1.000", "1.000.000" …), then "đồng", "đ", "VNĐ" or "VND": "triệu đồng", "tr.đồng", "trđ",
 * "1.000 đồng". Applied to normalizeName's form (NFC, lower case, single spaces).
 */
const MONEY = /^(?:(nghìn|ngàn|triệu|tr|tỷ|tỉ|1(?:000){1,3}|1(?:\.000){1,3})[\s.]*)?(?:đồng|đ|vnđ|vnd)$/;
/** Words that make a unit money outside MONEY's forms: "triệu", "USD", "đô la", "$". */
const MONEY_WORD = /(?:^|[\s./])(?:đồng|nghìn|ngàn|triệu|tỷ|tỉ|usd|vnđ|vnd|đô)(?=$|[\s./])|\$/;
const SCALE_WORD: Record<string, number> = { nghìn: 1e3, ngàn: 1e3, triệu: 1e6, tr: 1e6, tỷ: 1e9, tỉ: 1e9 };

interface Measure {
  /** Comparison key: looseKey (case, NFC, spaces, tone placement), no spaces around "/". */
  key: string;
  /** For money, its size in đồng (1, 1e3, 1e6, 1e9); else 0. */
  dong: number;
  /** Money, in a known scale or not ("triệu" alone, "USD"). */
  money: boolean;
}

/** Unit texts are few and repeat on every sheet: each is read once. */
const measure = memoText((text): Measure => {
  const name = normalizeName(text);
  const money = MONEY.exec(name);
  if (money) {
    const scale = money[1];
    const dong =
      scale === undefined ? 1 : scale.startsWith('1') ? 10 ** (scale.replace(/\./g, '').length - 1) : SCALE_WORD[scale];
    return { key: name, dong, money: true };
  }
  return { key: looseKey(name).replace(/\s*\/\s*/g, '/'), dong: 0, money: MONEY_WORD.test(name) };
});

/** A money unit's size in đồng ("triệu đồng" → 1e6), or 0 for any other unit. */
export function dongPerUnit(unit: string): number {
  return unit ? measure(unit).dong : 0;
}

/**
 * The unit typed in a sheet (`typed`, any text) against the catalogue's (`expected`). An empty
 * cell, or a catalogue unit left empty, says nothing: 'same'.
 */
export function compareMeasures(typed: string, expected: string): MeasureCompare {
  if (typed === expected || typed === '' || expected === '') return SAME;
  const a = measure(typed);
  const b = measure(expected);
  if (a.key === '' || b.key === '') return SAME;
  if (a.dong > 0 && b.dong > 0) {
    if (a.dong === b.dong) return SAME;
    return a.dong > b.dong
      ? { kind: 'scale', mul: a.dong / b.dong, div: 1 }
      : { kind: 'scale', mul: 1, div: b.dong / a.dong };
  }
  if (a.key === b.key) return SAME;
  // "triệu" alone, "USD": money in no known scale. Neither side money: two words for a count.
  return a.money || b.money ? OTHER : RENAMED;
}

/** `value` (in the sheet's unit) in the catalogue's unit, as exact as the engine's sums (tidy). */
export function scaleValue(value: number, c: MeasureCompare): number {
  return c.div === 1 ? tidy(value * c.mul) : tidy(value / c.div);
}
