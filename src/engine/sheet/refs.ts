/**
 * Cell references in A1 formulas (as stored in .xlsx and shown by Sheets): found and rewritten
 * without touching anything else, for moving formulas when rows are inserted (missing-rows.ts and
 * the CLI's in-place edit of a workbook, src/cli/xlsx/insert-rows.ts).
 *
 * Skipped as they are: text in quotes, structured references ("Bảng1[Cột]"), error values
 * ("#REF!"), names and function names ("LOG10(" is not the cell LOG10). References into another
 * workbook ("[1]Trang!A1") are never passed to the caller: rows inserted here do not move them.
 */
import { colLetter, colNumber } from './layout';

export interface CellRef {
  /** The sheet named before "!" (unquoted); null when none. "A:B" for a 3-D reference (A:B!C1). */
  sheet: string | null;
  /** Null for a whole-row reference ("9:12"). */
  col: number | null;
  colAbs: boolean;
  /** Null for a whole-column reference ("E:E"). */
  row: number | null;
  rowAbs: boolean;
}

/** Excel's grid: a reference beyond it is a name, not a cell. */
export const MAX_ROW = 1048576;
export const MAX_COL = 16384;

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/;
const COLUMN = /^(\$?)([A-Za-z]{1,3})$/;
const ROW = /^(\$?)(\d+)$/;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_.$\\?\u0080-\uFFFF]/.test(ch);
}

type Part = { col: number | null; colAbs: boolean; row: number | null; rowAbs: boolean };

function cellPart(token: string): Part | null {
  const m = CELL.exec(token);
  if (!m) return null;
  const col = colNumber(m[2]);
  const row = Number(m[4]);
  if (col > MAX_COL || row < 1 || row > MAX_ROW) return null;
  return { col, colAbs: m[1] === '$', row, rowAbs: m[3] === '$' };
}

function columnPart(token: string): Part | null {
  const m = COLUMN.exec(token);
  if (!m || colNumber(m[2]) > MAX_COL) return null;
  return { col: colNumber(m[2]), colAbs: m[1] === '$', row: null, rowAbs: false };
}

function rowPart(token: string): Part | null {
  const m = ROW.exec(token);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > MAX_ROW) return null;
  return { col: null, colAbs: false, row: Number(m[2]), rowAbs: m[1] === '$' };
}

function partText(p: Part): string {
  const col = p.col === null ? '' : `${p.colAbs ? '$' : ''}${colLetter(p.col)}`;
  const row = p.row === null ? '' : `${p.rowAbs ? '$' : ''}${p.row}`;
  return col + row;
}

/** End of the word starting at i. */
function wordEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && isWordChar(s[j])) j++;
  return j;
}

/** End (exclusive) of a quoted run starting at i (quote char q, doubled to escape). */
function quotedEnd(s: string, i: number, q: string): number {
  let j = i + 1;
  while (j < s.length) {
    if (s[j] === q) {
      if (s[j + 1] === q) j += 2;
      else return j + 1;
    } else j++;
  }
  return s.length;
}

/** End (exclusive) of a bracketed run starting at i, nested brackets included. */
function bracketEnd(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '[') depth++;
    else if (s[j] === ']' && --depth === 0) return j + 1;
  }
  return s.length;
}

/**
 * `formula` with every reference `fn` returns a new one for rewritten (each end of a range on its
 * own: "E9:P9" is two calls with the same sheet). `fn` returning null leaves the reference as it is.
 */
export function mapRefs(formula: string, fn: (ref: CellRef) => CellRef | null): string {
  const s = formula;
  let out = '';
  let i = 0;
  /** Set by "[1]" just before a sheet name: the next reference is in another workbook. */
  let external = false;
  const emitRef = (sheet: string | null, part: Part, text: string) => {
    if (external) return text;
    const next = fn({ sheet, ...part });
    return next ? partText(next) : text;
  };
  /**
   * At i a reference may start (after an optional sheet prefix ending at i): a cell, a range of
   * cells, columns or rows. Returns the text and the end, or null when there is none.
   */
  const refAt = (start: number, sheet: string | null): { text: string; end: number } | null => {
    const end1 = wordEnd(s, start);
    const first = s.slice(start, end1);
    if (!first || s[end1] === '(') return null;
    const second = s[end1] === ':' ? s.slice(end1 + 1, wordEnd(s, end1 + 1)) : '';
    const end2 = end1 + 1 + second.length;
    const secondFollows = second && s[end2] !== '(' && s[end2] !== '!';
    const cell = cellPart(first);
    if (cell) {
      const other = secondFollows ? cellPart(second) : null;
      if (other) return { text: `${emitRef(sheet, cell, first)}:${emitRef(sheet, other, second)}`, end: end2 };
      return { text: emitRef(sheet, cell, first), end: end1 };
    }
    if (!secondFollows) return null;
    for (const part of [columnPart, rowPart]) {
      const a = part(first);
      const b = part(second);
      if (a && b) return { text: `${emitRef(sheet, a, first)}:${emitRef(sheet, b, second)}`, end: end2 };
    }
    return null;
  };
  while (i < s.length) {
    const ch = s[i];
    if (ch === '"') {
      const j = quotedEnd(s, i, '"');
      out += s.slice(i, j);
      i = j;
      external = false;
      continue;
    }
    if (ch === '[') {
      const j = bracketEnd(s, i);
      out += s.slice(i, j);
      // "[1]Trang!A1": a sheet of another workbook follows.
      external = /^\[\d+\]$/.test(s.slice(i, j)) && (s[j] === "'" || isWordChar(s[j]));
      i = j;
      continue;
    }
    if (ch === '#') {
      let j = i + 1;
      while (j < s.length && /[A-Za-z0-9/!?_]/.test(s[j])) j++;
      out += s.slice(i, j);
      i = j;
      continue;
    }
    if (ch === "'") {
      const j = quotedEnd(s, i, "'");
      const quoted = s.slice(i, j);
      if (s[j] === '!') {
        const name = quoted.slice(1, -1).replace(/''/g, "'");
        if (name.startsWith('[')) external = true;
        const sheet = name.replace(/^\[[^\]]*\]/, '');
        const ref = refAt(j + 1, sheet);
        if (ref) {
          out += `${quoted}!${ref.text}`;
          i = ref.end;
          external = false;
          continue;
        }
        out += `${quoted}!`;
        i = j + 1;
        external = false;
        continue;
      }
      out += quoted;
      i = j;
      continue;
    }
    if (isWordChar(ch) && !isWordChar(s[i - 1])) {
      const end = wordEnd(s, i);
      const word = s.slice(i, end);
      // A sheet prefix: "Trang!A1", or 3-D "Trang1:Trang3!A1".
      let prefixEnd = -1;
      let sheet = '';
      if (s[end] === '!') {
        prefixEnd = end;
        sheet = word;
      } else if (s[end] === ':') {
        const end2 = wordEnd(s, end + 1);
        if (end2 > end + 1 && s[end2] === '!') {
          prefixEnd = end2;
          sheet = s.slice(i, end2);
        }
      }
      if (prefixEnd >= 0) {
        const ref = refAt(prefixEnd + 1, sheet);
        out += s.slice(i, prefixEnd + 1);
        if (ref) {
          out += ref.text;
          i = ref.end;
        } else i = prefixEnd + 1;
        external = false;
        continue;
      }
      const ref = refAt(i, null);
      if (ref) {
        out += ref.text;
        i = ref.end;
      } else {
        out += word;
        i = end;
      }
      external = false;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Whether two sheet names are one sheet (Excel compares them without case). */
export function sameSheet(a: string, b: string): boolean {
  return a.normalize('NFC').toLocaleUpperCase('vi') === b.normalize('NFC').toLocaleUpperCase('vi');
}
