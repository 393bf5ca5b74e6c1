/**
 * Vietnamese number and date formatting: "." groups thousands, "," marks decimals,
 * no trailing zeros ("1.000", "1.000,5", "-21", "0,25"); dates dd/mm/yyyy.
 * The inverse of parseNumberText (src/engine/text/number.ts).
 */

/** Round half away from zero to `decimals` places without binary artefacts (1.005 → 1.01). */
export function roundTo(n: number, decimals: number): number {
  if (!Number.isFinite(n)) return n;
  const d = Math.max(0, Math.min(20, Math.floor(decimals)));
  const abs = Math.abs(n);
  // Shift by the decimal exponent in text, so 1.005 is not 1.00499999… times 100.
  const shifted = Math.round(Number(`${abs}e${d}`));
  const r = Number(`${shifted}e-${d}`);
  // Fallback when the value is already in exponent form (very large or tiny numbers).
  const v = Number.isFinite(r) ? r : Math.round(abs * 10 ** d) / 10 ** d;
  return n < 0 && v !== 0 ? -v : v;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 1000 → "1.000", 1000.5 → "1.000,5", -21 → "-21", 0.25 → "0,25", 2/3 → "0,67". */
export function formatNumberVi(n: number, maxDecimals = 2): string {
  if (Number.isNaN(n)) return '';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '-∞';
  const d = Math.max(0, Math.min(20, Math.floor(maxDecimals)));
  const r = roundTo(n, d);
  if (r === 0) return '0'; // also -0 and -0,001
  const fixed = Math.abs(r).toFixed(d);
  const [intPart, frac = ''] = fixed.split('.');
  const fraction = frac.replace(/0+$/, '');
  return `${r < 0 ? '-' : ''}${groupThousands(intPart)}${fraction ? `,${fraction}` : ''}`;
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
