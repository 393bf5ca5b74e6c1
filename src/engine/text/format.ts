/**
 * Vietnamese number and date formatting: "." groups thousands, "," marks decimals,
 * no trailing zeros ("1.000", "1.000,5", "-21", "0,25"); dates dd/mm/yyyy.
 * The inverse of parseNumberText (src/engine/text/number.ts).
 *
 * Numbers are rounded and printed from their shortest decimal text (what String(n) and the
 * sheet show), never from binary arithmetic: 123456789012 stays "123.456.789.012" and
 * 123456789,1 does not become "123.456.789,0999999940" however many decimals are allowed.
 */

/** |n| (finite) as plain decimal digits without exponent: 1e21 → "1000000000000000000000", 1e-7 → "0.0000001". */
function plainDecimal(abs: number): string {
  const s = String(abs);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const mantissa = s.slice(0, e);
  const exponent = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot < 0 ? mantissa.length : dot) + exponent; // digits before the decimal point
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Adds one to a string of decimal digits: "199" → "200", "99" → "100". */
function incrementDigits(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 57 /* 9 */) i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - 1 - i);
}

/**
 * |n| (finite) rounded half away from zero to `d` places, as its integer digits and its
 * fraction digits without trailing zeros: (1.005, 2) → ["1", "01"], (999.999, 2) → ["1000", ""].
 */
function roundedDecimal(abs: number, d: number): [string, string] {
  const s = plainDecimal(abs);
  const dot = s.indexOf('.');
  if (dot < 0) return [s, ''];
  const int = s.slice(0, dot);
  let frac = s.slice(dot + 1);
  if (frac.length <= d) return [int, frac]; // shortest text has no trailing zeros
  const up = frac.charCodeAt(d) >= 53; /* 5 */
  frac = frac.slice(0, d);
  if (!up) return [int, frac.replace(/0+$/, '')];
  const all = incrementDigits(int + frac);
  const intLength = all.length - d;
  return [all.slice(0, intLength), all.slice(intLength).replace(/0+$/, '')];
}

function clampDecimals(decimals: number): number {
  return Math.max(0, Math.min(20, Math.floor(decimals)));
}

/** Round half away from zero to `decimals` places without binary artefacts (1.005 → 1.01). */
export function roundTo(n: number, decimals: number): number {
  if (!Number.isFinite(n)) return n;
  const [int, frac] = roundedDecimal(Math.abs(n), clampDecimals(decimals));
  const v = Number(frac ? `${int}.${frac}` : int);
  return n < 0 && v !== 0 ? -v : v;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 1000 → "1.000", 1000.5 → "1.000,5", -21 → "-21", 0.25 → "0,25", 2/3 → "0,67". */
export function formatNumberVi(n: number, maxDecimals = 2): string {
  if (Number.isNaN(n)) return '';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '-∞';
  const [int, frac] = roundedDecimal(Math.abs(n), clampDecimals(maxDecimals));
  if (!frac && int === '0') return '0'; // also -0 and -0,001
  return `${n < 0 ? '-' : ''}${groupThousands(int)}${frac ? `,${frac}` : ''}`;
}

/** 0.125 → "12,5%", 1 → "100%", 9/11 → "81,8%". */
export function formatPercentVi(fraction: number, decimals = 1): string {
  if (!Number.isFinite(fraction)) return '';
  return `${formatNumberVi(fraction * 100, decimals)}%`;
}

/** "2018-09-16" (or an ISO timestamp, date part used as written) → "16/09/2018". */
export function formatDateVi(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** 1000, "hộ" → "1.000 hộ"; empty unit → just the number. */
export function formatQuantity(n: number, unit: string, maxDecimals = 2): string {
  const u = unit.trim();
  return u ? `${formatNumberVi(n, maxDecimals)} ${u}` : formatNumberVi(n, maxDecimals);
}
