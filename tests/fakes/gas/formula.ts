/**
 * A very small formula evaluator, enough for the values a fake sheet reports for
 * simple formulas: numbers, strings, TRUE/FALSE, cell references (optionally
 * 'Sheet'!A1; #REF!, what a reference to a deleted sheet becomes, is that error), + - * / ^ &, the
 * comparisons = <> < > <= >=, parentheses, SUM/MIN/MAX/COUNT/COUNTA/AVERAGE over ranges and
 * AND/OR/NOT. Anything else is "unsupported": the cell keeps its formula and reads as ''.
 * A conditional format's custom formula is evaluated for each cell of its range with its relative
 * references moved by the cell's offset from the range's top-left (`offset`), as Sheets does.
 */
import { letterToColumn } from './a1';
import { type CellValue, isDate } from './values';

export interface FormulaHost {
  /** Value of one cell (already evaluated); throws FormulaError('#REF!') when out of the grid. */
  cell(sheetName: string | undefined, row: number, col: number): CellValue;
  /** Dates as numbers (Sheets serials in the spreadsheet's zone). */
  toSerial(d: Date): number;
}

export class FormulaError {
  constructor(readonly code: string) {}
}

class Unsupported {}
const UNSUPPORTED = new Unsupported();

type Tok =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'ref'; sheet?: string; r1: number; c1: number; r2?: number; c2?: number }
  | { k: 'id'; v: string }
  | { k: 'op'; v: string }
  | { k: 'err'; v: string };

const REF =
  /^(?:(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?/;

/** How far relative references move (a conditional format's cell from its range's top-left). */
export interface Offset {
  rows: number;
  cols: number;
}

function tokenize(src: string, offset: Offset = { rows: 0, cols: 0 }): Tok[] {
  // A part anchored with "$" stays; a relative one moves with the cell.
  const col = (abs: string, letters: string) => letterToColumn(letters) + (abs ? 0 : offset.cols);
  const row = (abs: string, digits: string) => Number(digits) + (abs ? 0 : offset.rows);
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const rest = src.slice(i);
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
    if (num && !/^[A-Za-z]/.test(rest)) {
      out.push({ k: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length) {
        if (src[j] === '"' && src[j + 1] === '"') {
          s += '"';
          j += 2;
        } else if (src[j] === '"') break;
        else s += src[j++];
      }
      if (j >= src.length) throw UNSUPPORTED;
      out.push({ k: 'str', v: s });
      i = j + 1;
      continue;
    }
    const ref = REF.exec(rest);
    if (ref && !/^[\w(]/.test(rest.slice(ref[0].length))) {
      const sheet = ref[1] !== undefined ? ref[1].replace(/''/g, "'") : ref[2];
      const tok: Tok = { k: 'ref', sheet, r1: row(ref[5], ref[6]), c1: col(ref[3], ref[4]) };
      if (ref[8]) {
        tok.r2 = row(ref[9], ref[10]);
        tok.c2 = col(ref[7], ref[8]);
      }
      out.push(tok);
      i += ref[0].length;
      continue;
    }
    // A reference to a deleted sheet, as Sheets rewrites it (shift.ts renameSheetInFormula).
    if (rest.startsWith('#REF!')) {
      out.push({ k: 'err', v: '#REF!' });
      i += 5;
      continue;
    }
    const id = /^[A-Za-z_][\w.]*/.exec(rest);
    if (id) {
      out.push({ k: 'id', v: id[0].toUpperCase() });
      i += id[0].length;
      continue;
    }
    const cmp = /^(?:<>|<=|>=|<|>|=)/.exec(rest);
    if (cmp) {
      out.push({ k: 'op', v: cmp[0] });
      i += cmp[0].length;
      continue;
    }
    if ('+-*/^&(),'.includes(c)) {
      out.push({ k: 'op', v: c });
      i += 1;
      continue;
    }
    throw UNSUPPORTED;
  }
  return out;
}

type Val = CellValue | CellValue[];

class Parser {
  private i = 0;

  constructor(
    private readonly toks: Tok[],
    private readonly host: FormulaHost,
  ) {}

  run(): CellValue {
    const v = this.comparison();
    if (this.i !== this.toks.length) throw UNSUPPORTED;
    if (Array.isArray(v)) throw UNSUPPORTED;
    return v;
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t !== undefined && t.k === 'op' && t.v === v;
  }

  /** Lowest precedence, as in Sheets: "=A1+1>B1&"x"" compares the sum with the joined text. */
  private comparison(): Val {
    let left = this.expr();
    for (let t = this.peek(); t?.k === 'op' && COMPARISONS.includes(t.v); t = this.peek()) {
      this.i += 1;
      const order = compareValues(this.single(left), this.single(this.expr()));
      left = holds(t.v, order);
    }
    return left;
  }

  private single(v: Val): CellValue {
    if (Array.isArray(v)) throw UNSUPPORTED;
    if (typeof v === 'string' && isErrorCode(v)) throw new FormulaError(v);
    return isDate(v) ? this.host.toSerial(v) : v;
  }

  private expr(): Val {
    let left = this.additive();
    while (this.isOp('&')) {
      this.i += 1;
      const right = this.additive();
      left = this.text(left) + this.text(right);
    }
    return left;
  }

  private additive(): Val {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      const right = this.term();
      left = op === '+' ? this.num(left) + this.num(right) : this.num(left) - this.num(right);
    }
    return left;
  }

  private term(): Val {
    let left = this.power();
    while (this.isOp('*') || this.isOp('/')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      const right = this.power();
      if (op === '*') left = this.num(left) * this.num(right);
      else {
        const d = this.num(right);
        if (d === 0) throw new FormulaError('#DIV/0!');
        left = this.num(left) / d;
      }
    }
    return left;
  }

  private power(): Val {
    let left = this.unary();
    while (this.isOp('^')) {
      this.i += 1;
      left = this.num(left) ** this.num(this.unary());
    }
    return left;
  }

  private unary(): Val {
    if (this.isOp('-')) {
      this.i += 1;
      return -this.num(this.unary());
    }
    if (this.isOp('+')) {
      this.i += 1;
      return this.unary();
    }
    return this.primary();
  }

  private primary(): Val {
    const t = this.toks[this.i++];
    if (!t) throw UNSUPPORTED;
    switch (t.k) {
      case 'num':
      case 'str':
        return t.v;
      case 'err':
        throw new FormulaError(t.v);
      case 'ref': {
        if (t.r2 === undefined || t.c2 === undefined) return this.host.cell(t.sheet, t.r1, t.c1);
        const vals: CellValue[] = [];
        for (let r = Math.min(t.r1, t.r2); r <= Math.max(t.r1, t.r2); r++)
          for (let c = Math.min(t.c1, t.c2); c <= Math.max(t.c1, t.c2); c++) vals.push(this.host.cell(t.sheet, r, c));
        return vals;
      }
      case 'id': {
        if (t.v === 'TRUE' || t.v === 'FALSE') {
          if (this.isOp('(')) {
            this.i += 1;
            if (!this.isOp(')')) throw UNSUPPORTED;
            this.i += 1;
          }
          return t.v === 'TRUE';
        }
        if (!this.isOp('(')) throw UNSUPPORTED;
        this.i += 1;
        const args: Val[] = [];
        if (!this.isOp(')')) {
          for (;;) {
            args.push(this.comparison());
            if (this.isOp(',')) {
              this.i += 1;
              continue;
            }
            break;
          }
        }
        if (!this.isOp(')')) throw UNSUPPORTED;
        this.i += 1;
        return this.call(t.v, args);
      }
      case 'op':
        if (t.v === '(') {
          const v = this.comparison();
          if (!this.isOp(')')) throw UNSUPPORTED;
          this.i += 1;
          return v;
        }
        throw UNSUPPORTED;
    }
  }

  private call(name: string, args: Val[]): CellValue {
    if (name === 'AND' || name === 'OR' || name === 'NOT') return this.logical(name, args);
    // Numbers found in the arguments: direct args are coerced, range cells must be numeric.
    const nums: number[] = [];
    let nonEmpty = 0;
    for (const a of args) {
      if (Array.isArray(a)) {
        for (const v of a) {
          if (typeof v === 'string' && isErrorCode(v)) throw new FormulaError(v);
          if (v !== '') nonEmpty += 1;
          if (typeof v === 'number') nums.push(v);
          else if (isDate(v)) nums.push(this.host.toSerial(v));
        }
      } else {
        nonEmpty += a === '' ? 0 : 1;
        if (name === 'COUNT') {
          if (typeof a === 'number') nums.push(a);
        } else if (name !== 'COUNTA') nums.push(this.num(a));
      }
    }
    switch (name) {
      case 'SUM':
        return nums.reduce((s, x) => s + x, 0);
      case 'MIN':
        return nums.length ? Math.min(...nums) : 0;
      case 'MAX':
        return nums.length ? Math.max(...nums) : 0;
      case 'COUNT':
        return nums.length;
      case 'COUNTA':
        return nonEmpty;
      case 'AVERAGE':
        if (!nums.length) throw new FormulaError('#DIV/0!');
        return nums.reduce((s, x) => s + x, 0) / nums.length;
      default:
        throw UNSUPPORTED;
    }
  }

  /** AND/OR/NOT: numbers count as their truth, text and empty cells in a range are skipped (Sheets). */
  private logical(name: string, args: Val[]): boolean {
    const truths: boolean[] = [];
    for (const a of args) {
      for (const v of Array.isArray(a) ? a : [a]) {
        if (typeof v === 'string' && isErrorCode(v)) throw new FormulaError(v);
        if (typeof v === 'boolean') truths.push(v);
        else if (typeof v === 'number') truths.push(v !== 0);
        else if (isDate(v)) truths.push(true);
        else if (!Array.isArray(a) && v !== '') throw new FormulaError('#VALUE!');
      }
    }
    if (name === 'NOT') {
      if (args.length !== 1) throw UNSUPPORTED;
      return !(truths[0] ?? false);
    }
    if (truths.length === 0) throw new FormulaError('#VALUE!');
    return name === 'AND' ? truths.every(Boolean) : truths.some(Boolean);
  }

  private num(v: Val): number {
    if (Array.isArray(v)) throw UNSUPPORTED;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v === '') return 0;
    if (isDate(v)) return this.host.toSerial(v);
    if (isErrorCode(v)) throw new FormulaError(v);
    const n = Number(v.trim());
    if (v.trim() !== '' && Number.isFinite(n)) return n;
    throw new FormulaError('#VALUE!');
  }

  private text(v: Val): string {
    if (Array.isArray(v)) throw UNSUPPORTED;
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (typeof v === 'string' && isErrorCode(v)) throw new FormulaError(v);
    return isDate(v) ? String(this.host.toSerial(v)) : String(v);
  }
}

const COMPARISONS = ['=', '<>', '<', '>', '<=', '>='];

/**
 * Sheets' order of two values: an empty cell is 0 beside a number, '' beside text, FALSE beside a
 * boolean; numbers come before text, text before booleans; text compares without case.
 */
function compareValues(a: CellValue, b: CellValue): number {
  const rank = (v: CellValue) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  const blank = (v: CellValue, other: CellValue): CellValue =>
    v !== '' ? v : typeof other === 'number' ? 0 : typeof other === 'boolean' ? false : '';
  const x = blank(a, b);
  const y = blank(b, a);
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === 'string' && typeof y === 'string') {
    const [l, r] = [x.toLowerCase(), y.toLowerCase()];
    return l < r ? -1 : l > r ? 1 : 0;
  }
  return Number(x) - Number(y);
}

function holds(op: string, order: number): boolean {
  switch (op) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    default:
      return order >= 0;
  }
}

const ERROR_CODES = ['#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#N/A', '#NUM!', '#NULL!', '#ERROR!'];
export function isErrorCode(s: string): boolean {
  return ERROR_CODES.includes(s);
}

/**
 * Evaluates `formula` (with its leading '='). Returns the value, an error code string
 * ('#DIV/0!', '#REF!'…) or `undefined` when the formula is beyond this evaluator.
 */
export function evaluateFormula(formula: string, host: FormulaHost, offset?: Offset): CellValue | undefined {
  try {
    const toks = tokenize(formula.replace(/^=/, ''), offset);
    if (toks.length === 0) return undefined;
    return new Parser(toks, host).run();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    if (e instanceof FormulaError) return e.code;
    throw e;
  }
}
