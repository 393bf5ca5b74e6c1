/**
 * The reader's report: a UnitYear whose numbers are held in one flat Float64Array
 * (numeric indicator codes × 12 months, NaN = empty or invalid) and whose cell names are
 * worked out from the rows found. At national scale (6,642 sheets) per-indicator arrays
 * and records made most of the garbage and most of what aggregation had to walk; the
 * engine's hot paths read `flat` directly. `values` and `cells` are built on first use,
 * exactly as the reader used to build them, for shells and tests that read them.
 */
import type { Remark, UnitYear } from '../types';

/** Where each code's 12 numbers sit in `flat`: shared by every report of one read. */
export interface FlatLayout {
  /** Distinct numeric indicator codes in catalogue order; code k is at k × 12. */
  codes: readonly string[];
  /** Code → k. */
  position: ReadonlyMap<string, number>;
}

/** Builds the cell names of one report when asked (they are only needed for findings and shells). */
export interface CellsMaker {
  make(): Record<string, string[]>;
}

export class SheetReport implements UnitYear {
  declare unitCode: string;
  declare unitName: string;
  declare unitKind?: string;
  declare year: number;
  declare file: string;
  declare sheet: string;
  declare notes: Record<string, (string | null)[]>;
  declare submitted: (string | null)[];
  declare submittedCells: string[];
  declare invalid: string[];
  declare converted: string[] | undefined;
  declare remarks: Remark[] | undefined;
  /**
   * From `base`, layout.codes.length × 12 numbers, NaN where the month has no valid value. The
   * array is a block shared by many reports of a read (one allocation, no view per report).
   */
  declare flat: Float64Array;
  declare base: number;
  declare layout: FlatLayout;
  declare cellsOf: CellsMaker;
  declare valuesMade: Record<string, (number | null)[]> | undefined;
  declare cellsMade: Record<string, string[]> | undefined;

  constructor(
    head: Pick<UnitYear, 'unitCode' | 'unitName' | 'unitKind' | 'year' | 'file' | 'sheet'>,
    flat: Float64Array,
    base: number,
    layout: FlatLayout,
    rest: Pick<UnitYear, 'notes' | 'submitted' | 'submittedCells' | 'invalid' | 'converted' | 'remarks'>,
    cellsOf: CellsMaker,
  ) {
    this.unitCode = head.unitCode;
    this.unitName = head.unitName;
    this.unitKind = head.unitKind;
    this.year = head.year;
    this.file = head.file;
    this.sheet = head.sheet;
    this.notes = rest.notes;
    this.submitted = rest.submitted;
    this.submittedCells = rest.submittedCells;
    this.invalid = rest.invalid;
    // Always set (most sheets: undefined), so every report has the same shape.
    this.converted = rest.converted;
    this.remarks = rest.remarks;
    this.flat = flat;
    this.base = base;
    this.layout = layout;
    this.cellsOf = cellsOf;
    this.valuesMade = undefined;
    this.cellsMade = undefined;
  }

  /** Per numeric code its 12 months (null = empty), keys in catalogue order as the reader made them. */
  get values(): Record<string, (number | null)[]> {
    if (this.valuesMade === undefined) {
      const out: Record<string, (number | null)[]> = {};
      const { codes } = this.layout;
      for (let k = 0; k < codes.length; k++) {
        const months: (number | null)[] = [];
        for (let i = 0; i < 12; i++) {
          const v = this.flat[this.base + k * 12 + i];
          months.push(!Number.isNaN(v) ? v : null);
        }
        out[codes[k]] = months;
      }
      this.valuesMade = out;
    }
    return this.valuesMade;
  }

  /** Replacing the values (tests, callers that edit a report) leaves `flat` behind: see flatOf. */
  set values(v: Record<string, (number | null)[]>) {
    this.valuesMade = v;
  }

  get cells(): Record<string, string[]> {
    if (this.cellsMade === undefined) this.cellsMade = this.cellsOf.make();
    return this.cellsMade;
  }

  set cells(v: Record<string, string[]>) {
    this.cellsMade = v;
  }

  /** JSON as the plain report the reader used to return (same keys, same order). */
  toJSON(): UnitYear {
    return {
      unitCode: this.unitCode,
      unitName: this.unitName,
      unitKind: this.unitKind,
      year: this.year,
      file: this.file,
      sheet: this.sheet,
      values: this.values,
      notes: this.notes,
      submitted: this.submitted,
      cells: this.cells,
      submittedCells: this.submittedCells,
      invalid: this.invalid,
      // Only when there are some: most reports have none, and their JSON stays as it was.
      ...(this.remarks ? { remarks: this.remarks } : {}),
    };
  }
}

/** Where a report's numbers start in its flat array (flatOf). */
export function flatBase(r: UnitYear): number {
  return (r as SheetReport).base;
}

/**
 * The flat numbers of a report in `layout` (from flatBase), or null when the report has none (hand-built
 * reports, successions combined from several) or its values were replaced or laid out
 * for another catalogue: callers then read `values`.
 */
export function flatOf(r: UnitYear, layout: FlatLayout): Float64Array | null {
  if (!(r instanceof SheetReport) || r.layout !== layout) return null;
  if (r.valuesMade !== undefined && !sameAsFlat(r)) return null;
  return r.flat;
}

/**
 * A report's numbers: code `k` of `codes`, month index `i` at `data[base + k * 12 + i]` (NaN = none).
 * For a reader report, its own flat numbers (nothing copied).
 */
export interface Numbers {
  codes: readonly string[];
  position: ReadonlyMap<string, number>;
  data: Float64Array;
  base: number;
}

/**
 * Report `r`'s numbers, read from its flat array when it has one: checks that only look must not
 * build `values` (once built, flatOf compares them with the flat numbers on every call).
 */
export function numbersOf(r: UnitYear): Numbers {
  const layout = layoutOf(r);
  const flat = layout && flatOf(r, layout);
  if (layout && flat) return { codes: layout.codes, position: layout.position, data: flat, base: flatBase(r) };
  const codes = Object.keys(r.values);
  const data = new Float64Array(codes.length * 12).fill(Number.NaN);
  codes.forEach((code, k) => {
    const series = r.values[code];
    for (let i = 0; i < 12; i++) {
      const v = series?.[i];
      if (v !== null && v !== undefined) data[k * 12 + i] = v;
    }
  });
  return { codes, position: new Map(codes.map((c, k) => [c, k])), data, base: 0 };
}

/** The layout of a reader report, or null for any other report. */
export function layoutOf(r: UnitYear | undefined): FlatLayout | null {
  return r instanceof SheetReport ? r.layout : null;
}

/** Values made from `flat` may have been edited in place or replaced since. */
function sameAsFlat(r: SheetReport): boolean {
  const made = r.valuesMade as Record<string, (number | null)[]>;
  const { codes } = r.layout;
  const keys = Object.keys(made);
  if (keys.length !== codes.length) return false;
  for (let k = 0; k < codes.length; k++) {
    const months = made[codes[k]];
    if (keys[k] !== codes[k] || !Array.isArray(months) || months.length !== 12) return false;
    for (let i = 0; i < 12; i++) {
      const v = r.flat[r.base + k * 12 + i];
      if (!(!Number.isNaN(v) ? Object.is(months[i], v) : months[i] === null)) return false;
    }
  }
  return true;
}

/** A copy with another name and kind (a unit mapped onto its successor), still a SheetReport. */
export function renamed<T extends UnitYear>(r: T, unitName: string, unitKind: string | undefined): T {
  if (!(r instanceof SheetReport)) return { ...r, unitName, unitKind };
  // Reports are not changed once read: one already so named serves as it is.
  if (r.unitName === unitName && r.unitKind === unitKind) return r;
  const copy = Object.create(SheetReport.prototype) as SheetReport;
  Object.assign(copy, r);
  copy.unitName = unitName;
  copy.unitKind = unitKind;
  return copy as unknown as T;
}
