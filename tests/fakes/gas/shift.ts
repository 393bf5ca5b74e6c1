/**
 * References moved by inserted rows or columns, as Sheets moves them: a reference to a row
 * (column) at or after the insertion point moves by the number inserted, absolute or not; a
 * range that spans the point grows. References to other sheets, whole columns ("A:A") and
 * text inside string literals are left alone.
 */
import { columnToLetter, letterToColumn } from './a1';

export type Dimension = 'row' | 'col';

/** Where rows (columns) were inserted: `count` of them from index `at` (1-based) of sheet `sheet`. */
export interface Insertion {
  sheet: string;
  dim: Dimension;
  at: number;
  count: number;
}

const REF =
  /^(?:(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?/;

/** One end's index after the insertion (a single cell is a range of one). */
function moved(first: number, last: number, ins: Insertion): [number, number] {
  const lo = Math.min(first, last);
  const hi = Math.max(first, last);
  if (lo >= ins.at) return [lo + ins.count, hi + ins.count];
  if (hi >= ins.at) return [lo, hi + ins.count];
  return [lo, hi];
}

/**
 * `formula` with each cell reference replaced by what `replace` makes of it (its REF match: the
 * whole text, then the sheet quoted or bare, then the cells' parts), and everything else as it is:
 * text inside string literals, and names or functions (LOG10) that only look like references.
 */
function mapReferences(formula: string, replace: (m: RegExpExecArray) => string): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const c = formula[i];
    if (c === '"') {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1] : '';
    const m = /[\w.$']/.test(prev) ? null : REF.exec(formula.slice(i));
    // Followed by a letter, digit or "(": a name or a function (LOG10), not a reference.
    if (!m || /^[\w(]/.test(formula.slice(i + m[0].length))) {
      out += c;
      i += 1;
      continue;
    }
    out += replace(m);
    i += m[0].length;
  }
  return out;
}

/** The sheet a REF match names (quotes undone), or undefined when it names none. */
const sheetOf = (m: RegExpExecArray): string | undefined => (m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);

/**
 * `formula` as it reads after the insertion, written in sheet `home` (whose own references
 * carry no sheet name).
 */
export function shiftFormula(formula: string, home: string, ins: Insertion): string {
  const target = ins.sheet.toLowerCase();
  return mapReferences(formula, (m) => {
    const [whole, , , c1$, c1, r1$, r1, c2$, c2, r2$, r2] = m;
    if ((sheetOf(m) ?? home).toLowerCase() !== target) return whole;
    const two = c2 !== undefined;
    const cells = c1$ + c1 + r1$ + r1 + (two ? `:${c2$}${c2}${r2$}${r2}` : '');
    const prefix = whole.slice(0, whole.length - cells.length);
    let cols: [number, number] = [letterToColumn(c1), letterToColumn(two ? c2 : c1)];
    let rows: [number, number] = [Number(r1), Number(two ? r2 : r1)];
    if (ins.dim === 'row') rows = moved(rows[0], rows[1], ins);
    else cols = moved(cols[0], cols[1], ins);
    const end = (col$: string, col: number, row$: string, row: number) => `${col$}${columnToLetter(col)}${row$}${row}`;
    return prefix + end(c1$, cols[0], r1$, rows[0]) + (two ? `:${end(c2$, cols[1], r2$, rows[1])}` : '');
  });
}

/** A sheet's name as a formula writes it: quoted ('Tổng hợp 2018-09') unless a plain identifier. */
export function sheetRefName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * `formula` after sheet `from` is renamed to `to`, or deleted (`to` null), as Sheets rewrites
 * the formulas of every sheet: a reference naming `from` (regardless of case) names `to`, or
 * becomes #REF! — a formula is bound to the sheet, not to its name, so a new sheet later given
 * the old name does not mend it. References without a sheet name (to the formula's own sheet)
 * and text inside string literals are left alone.
 */
export function renameSheetInFormula(formula: string, from: string, to: string | null): string {
  const target = from.toLowerCase();
  return mapReferences(formula, (m) => {
    const [whole, quoted] = m;
    if (sheetOf(m)?.toLowerCase() !== target) return whole;
    const bang = whole.indexOf('!', quoted !== undefined ? quoted.length + 2 : 0);
    return to === null ? '#REF!' : `${sheetRefName(to)}${whole.slice(bang)}`;
  });
}
