/**
 * The shapes the sheet reader's steps hand each other: the catalogue lookup built once per read
 * (Lookup), a sheet's columns (Columns, MonthColumns) and its indicator rows (Rows). Types only,
 * moved unchanged out of read.ts.
 */

import type { MeasureCompare } from '../text/measure';
import type { Indicator } from '../types';
import type { CellParse } from '../validation/cells';
import type { LazyCells } from './cells';
import type { LayoutPlan } from './layout-plan';
import type { RowNames, Shape } from './read-helpers';
import type { SeenRows } from './rows';
import type { FlatLayout } from './sheet-report';

export interface Columns {
  headerRow: number;
  /** 0-based column of each month (index 1–12), first header wins. */
  monthCol: (number | undefined)[];
  /** [month, kept column, ignored column] */
  duplicateMonths: [number, number, number][];
  codeCol: number;
  labelCol: number;
  /** The "Đơn vị tính" column, -1 when the sheet has none (found by its header only). */
  unitCol: number;
  /** Cell names of the month cells, by row. */
  names: RowNames;
  /** The column of T1 when T1…T12 are side by side in order (the layout's own), else -1. */
  run: number;
  /** The year-total column ("Cả năm"), -1 when the sheet has none (found by its header only). */
  totalCol: number;
  /** The remarks column ("Ghi chú"), -1 when the sheet has none (found by its header only). */
  noteCol: number;
}

export interface Lookup {
  /**
   * For codes that cleanText leaves as they are and that are not the submission row's: the
   * code's position (as `position`), so the common row costs one look-up.
   */
  byPlainCode: Map<string, number>;
  notesShape: Shape;
  cellsShape: Shape;
  /** Where each numeric code's months go in a report's flat array (shared by every report of the read). */
  layout: FlatLayout;
  /** Per catalogue indicator, the position of its 12 numbers in the flat array (k × 12), -1 for notes. */
  flatAt: number[];
  /** Reports' flat arrays are cut from shared blocks: one allocation per many sheets, not one each. */
  pool: { block: Float64Array; used: number; sheets: number };
  /** Distinct indicator codes in catalogue order, and each one's position in that list. */
  codes: string[];
  position: Map<string, number>;
  /** -1 per code: no row yet. */
  noRows: number[];
  /** Per code position, the catalogue's unit to check its row's "Đơn vị tính" against ('': none, notes). */
  measures: string[];
  /** Per catalogue indicator, the position of its code. */
  slot: number[];
  byCode: Map<string, Indicator>;
  byUpperCode: Map<string, Indicator>;
  byLabel: Map<string, Indicator | null>;
  /** indicatorKey of each group's label: a group heading row is no indicator typed in by hand. */
  groupKeys: Set<string>;
  /** What mapRows makes of a code cell's text (ROW_*, or the code's position), per distinct text. */
  codeCells: Map<string, number>;
  /** What mapRows makes of a label cell's text (ROW_*, or the code's position), per distinct text. */
  labelCells: Map<string, number>;
  /** Code positions by looseLabelKey of their indicators' labels, made when first needed. */
  looseLabels: Map<string, number[]> | null;
  /** The last sheet's rows as mapRows read them (see sameRows), and the cell names maker of its reports. */
  seenRows: SeenRows | null;
  lastCells: LazyCells | null;
  /** What the last sheet's layout gave (see layout-plan.ts), for the next sheet of that layout. */
  plan: LayoutPlan | null;
  /** Submission dates read so far, ISO by time value (see dateCellIso). */
  dates: Map<number, string>;
  /**
   * parseCell(text, 'note') per note text read so far (the answer depends on the text alone; the
   * same remarks recur in many sheets). Its results are only read.
   */
  noteParses: Map<string, CellParse>;
}

/** The month columns of a header row, shared (read only) by every sheet with that header. */
export interface MonthColumns {
  monthCol: (number | undefined)[];
  monthCols: boolean[];
  duplicateMonths: [number, number, number][];
  names: RowNames;
  run: number;
}

export interface Rows {
  /** Per indicator code (by its Lookup position): 0-based row, -1 if none; the first row of a code wins. */
  rowAt: number[];
  /** Indicator rows found (codes with a row). */
  found: number;
  submittedRow: number;
  /**
   * Rows whose code the catalogue does not have. `readByLabel`: placed by their label; `labelNamed`:
   * their label names an indicator (maybe one with a row already); `guess`: the one indicator the
   * sheet lacks at their place (placeByPosition), `readAsGuess` when they were read as it.
   */
  unknown: {
    row: number;
    code: string;
    readByLabel: boolean;
    labelNamed: boolean;
    guess?: number;
    readAsGuess?: boolean;
  }[];
  /**
   * Rows without an indicator code whose label is no indicator's (nor a heading's, a total's or a
   * note's): a row a clerk typed in. Their figures, if any, are not read (see uncodedRowFinding).
   * `guess`: the one indicator the sheet lacks that the row may be (its loose label, place or words);
   * `byPlace` when only its place says so (its label shares little with the indicator's).
   */
  uncoded: { row: number; guess?: number; byPlace?: boolean }[];
  /** Rows headed as a catalogue group (0-based): figures typed there are read by no indicator (groupRowFinding). */
  groups: number[];
  /** Rows without a code read by a loose match of their label (placeByLooseLabel): the row and code position. */
  loose: { row: number; k: number }[];
  /** Rows whose code and label name two different indicators (rows sorted by label, a paste): not read. */
  crossed: { row: number; code: string; labelCode: string }[];
  /**
   * Indicator rows whose "Đơn vị tính" is not the catalogue's unit: money in another scale
   * (converted), another counting unit (read as typed) or a unit that cannot be added (not read). `measure` is by code position, null when there is none.
   */
  measured: { row: number; k: number; typed: string; compare: MeasureCompare }[];
  measure: (MeasureCompare | undefined)[] | null;
  duplicates: { row: number; col: number; code: string; first: number }[];
}
