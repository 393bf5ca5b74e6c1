/**
 * Numbers typed as text, read the Vietnamese way: "." groups thousands, "," marks the
 * decimal part ("1.000" = one thousand, "1.000,5", "1,5"). Google Sheets only turns
 * such text into numbers when the spreadsheet's locale is Vietnam, so text often
 * reaches us; we never assume the locale.
 *
 * Decisions (the same for counts and amounts; whether a fraction is allowed is the
 * cell's business, see validation/cells.ts):
 * - "1,000" / "12,500" (1–3 digits, comma, exactly 3 digits) could be English
 *   thousands or a Vietnamese decimal: ambiguous, never guessed — a silent factor of
 *   1.000 is worse than asking.
 * - A dot that is not Vietnamese thousands grouping ("12.5", "1.50", "1234.5") means
 *   the text was typed the English way or mistyped: ambiguous too. For an amount
 *   "12.5" probably means 12,5, but "2.50" may be a mistyped 2.500; asking costs the
 *   commune one edit.
 * - English grouping that cannot be Vietnamese ("1,000,000", "1,234.5") is accepted
 *   with note 'ambiguous-thousands' so the caller can warn.
 * - Spaces may group thousands ("1 000 000"); a leading "+" or "-" is accepted (the
 *   caller rejects negatives with its own message); anything else, e.g. a unit typed
 *   after the number ("12 hộ"), is not a number.
 */
import { cleanText } from './normalize';

export type NumberParse =
  | { ok: true; value: number; note?: 'ambiguous-thousands' }
  | { ok: false; reason: 'not-a-number' | 'ambiguous' };

const PLAIN = /^\d+$/;
const VI_GROUPED = /^\d{1,3}(?:\.\d{3})+$/;
const VI_DECIMAL = /^(\d+|\d{1,3}(?:\.\d{3})+)?,(\d+)$/;
const SPACE_GROUPED = /^\d{1,3}(?: \d{3})+(?:,\d+)?$/;
const AMBIGUOUS_COMMA = /^[1-9]\d{0,2},\d{3}$/;
const EN_GROUPED = /^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$|^\d{1,3}(?:,\d{3})+\.\d+$/;
const STRAY_DOT = /^\d*\.\d+$|^\d+(?:\.\d+)+$/;

export function parseNumberText(text: string, kind: 'count' | 'amount'): NumberParse {
  void kind; // kept in the contract: the separator rules are deliberately the same for both kinds
  let t = cleanText(text);
  let sign = 1;
  const signed = /^([+\-\u2212])\s*(.*)$/.exec(t);
  if (signed) {
    sign = signed[1] === '+' ? 1 : -1;
    t = signed[2];
  }
  const done = (v: number, note?: 'ambiguous-thousands'): NumberParse => {
    const value = sign * v === 0 ? 0 : sign * v; // no -0
    return note ? { ok: true, value, note } : { ok: true, value };
  };
  if (PLAIN.test(t)) return done(Number(t));
  if (VI_GROUPED.test(t)) return done(Number(t.replace(/\./g, '')));
  if (AMBIGUOUS_COMMA.test(t)) return { ok: false, reason: 'ambiguous' };
  if (VI_DECIMAL.test(t)) return done(Number(t.replace(/\./g, '').replace(',', '.')));
  if (SPACE_GROUPED.test(t)) return done(Number(t.replace(/ /g, '').replace(',', '.')));
  if (EN_GROUPED.test(t)) return done(Number(t.replace(/,/g, '')), 'ambiguous-thousands');
  if (STRAY_DOT.test(t)) return { ok: false, reason: 'ambiguous' };
  return { ok: false, reason: 'not-a-number' };
}

/** Spreadsheet error values as getValues() returns them (Sheets and Excel spellings). */
const ERROR_VALUES = new Set([
  '#REF!',
  '#N/A',
  '#VALUE!',
  '#DIV/0!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#ERROR!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
]);

export function isErrorValue(text: string): boolean {
  // Every error value starts with '#', and cleaning or upper-casing never makes one.
  return text.includes('#') && ERROR_VALUES.has(cleanText(text).toUpperCase());
}

/**
 * Equal but for floating-point rounding: amounts are decimals, so 0.1 + 0.2 equals 0.3. The one
 * tolerance of the rules, the reader's "Cả năm" checks and the narrative's breakdowns.
 */
export function nearlyEqual(x: number, y: number): boolean {
  // The same figure (most totals checked: the reader asks 200,000 times at national scale) is
  // answered at once; x − y is NaN for the same infinity, which the test below turns away too.
  if (x === y) return x - y === 0;
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}

/**
 * Remove binary noise from a sum (0.1 + 0.2 → 0.3) so totals and messages show what was typed.
 * Used by aggregation (every unit value and total) and by the rules (sums in their messages).
 */
export function tidy(n: number): number {
  // Whole numbers below 10^15 are exact already (the common case: counts); + 0 turns -0 into 0.
  if (Math.floor(n) === n && n < 1e15 && n > -1e15) return n + 0;
  // With at most two decimals n is the double nearest such a decimal of at most 15 digits,
  // which 15 digits give back exactly: toPrecision (slow) would return n itself.
  const hundredths = Math.round(n * 100);
  if (hundredths / 100 === n && hundredths < 1e15 && hundredths > -1e15) return n;
  return Number(n.toPrecision(15));
}
