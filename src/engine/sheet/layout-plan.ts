/**
 * What readGrid derives from a sheet's layout alone, made once and kept for the next sheet of the
 * same layout.
 *
 * Why: nearly every sheet of a run is one template (3,321 communes × two years at national scale),
 * so the same derivations would be made thousands of times over. locateColumns and mapRows already
 * hand such sheets one shared Columns and one shared Rows, after checking cell by cell that the
 * header texts and the code, label and unit cells are those of the last sheet. What follows from
 * that pair and the sheet's merged ranges, and from nothing else of the sheet, is kept here: the
 * months without a column, the last indicator row, whether an indicator lacks its row, the merged
 * ranges over value cells and the notes merged across months, and whether the month headers name
 * another year than the sheet's.
 *
 * A plan is used again only for a sheet with the very same Rows and Columns (===: their makers
 * give the same objects only to sheets whose cells they checked) and the same merged ranges
 * (compared text by text). Any other sheet gets a plan of its own, made by the full derivations:
 * its findings are those it would have alone.
 */

import type { Catalogue } from '../types';
import { hiddenByMerges, type MergedNote, mergedNotes } from './cells';
import type { Columns, Lookup, Rows } from './read-types';

export interface LayoutPlan {
  rows: Rows;
  cols: Columns;
  /** The merged ranges the plan was made with (a copy: the caller's array is the reader's own). */
  merges: readonly string[];
  /** Months (1–12) without a column. */
  missingMonths: readonly number[];
  /** Some indicator has no row. */
  lacking: boolean;
  /** The last row read (0-based): the last indicator row or the submission row. */
  lastRow: number;
  /** Notes merged across months (mergedNotes), and merges hiding value cells (hiddenByMerges). */
  noteSpans: readonly MergedNote[];
  hidden: readonly { range: string; cell: string; months: number[] }[];
  /**
   * A year whose sheets' month headers name no other year (monthHeaderYear found nothing), else
   * null. The header cells are the plan's: the Columns are shared only while they are the same.
   */
  quietYear: number | null;
}

/** The plan for a sheet read with `rows`, `cols` and `merges`: the last one when it was made for the same. */
export function layoutPlan(cat: Catalogue, look: Lookup, rows: Rows, cols: Columns, merges: string[]): LayoutPlan {
  const last = look.plan;
  if (last !== null && last.rows === rows && last.cols === cols && sameMerges(last.merges, merges)) return last;
  const plan = makePlan(cat, look, rows, cols, merges);
  look.plan = plan;
  return plan;
}

function sameMerges(seen: readonly string[], merges: readonly string[]): boolean {
  if (seen.length !== merges.length) return false;
  for (let i = 0; i < merges.length; i++) if (merges[i] !== seen[i]) return false;
  return true;
}

function makePlan(cat: Catalogue, look: Lookup, rows: Rows, cols: Columns, merges: string[]): LayoutPlan {
  const { monthCol } = cols;
  const missingMonths: number[] = [];
  for (let m = 1; m <= 12; m++) if (monthCol[m] === undefined) missingMonths.push(m);
  const sr = rows.submittedRow;
  let lastRow = sr;
  for (let k = 0; k < rows.rowAt.length; k++) if (rows.rowAt[k] > lastRow) lastRow = rows.rowAt[k];
  const noteSpans = merges.length ? mergedNotes(merges, cat, look, rows.rowAt, monthCol) : [];
  const hidden = merges.length ? hiddenByMerges(merges, rows.rowAt, sr, monthCol, noteSpans) : [];
  return {
    rows,
    cols,
    merges: merges.slice(),
    missingMonths,
    lacking: rows.rowAt.includes(-1),
    lastRow,
    noteSpans,
    hidden,
    quietYear: null,
  };
}
