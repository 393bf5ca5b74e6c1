/**
 * `tonghop template` on a commune workbook that exists: the rows of indicators added to the
 * catalogue since it was made are inserted in place (the engine's plan, shared with the add-on's
 * "Tạo mẫu": src/engine/sheet/missing-rows.ts; the edit: xlsx/insert-rows.ts), rows read under a
 * code the catalogue changed get its code (and label) and their month cells the validation and
 * number format of its kind (their values kept) and their "Cả năm" the kind's year-total formula
 * (a figure typed there kept); so do rows under their own code whose kind the catalogue changed
 * (their "Cả năm" formula or validation another kind's: carriedKinds, kindChanged), and nothing else.
 * A workbook that has every row gets the highlighting of the catalogue's current rules when its
 * own differs (planHighlighting), as the add-on's re-run does; otherwise it is not written.
 *
 * Before anything is written the result is read back and compared with the file: every non-empty
 * cell of every sheet is where it was (or where its row moved to) with the same value, the report
 * sheet's only other cells are the new rows, the planned STT numbers and the re-coded rows' code
 * and label cells (and the year-total formulas rewritten for their kind), and the engine reads the
 * same figures, notes and dates for every indicator the file had. Any difference and the file is
 * left as it was, named with the reason; so is a file the reader cannot map.
 */
import { emptySheet } from '../engine/report/model';
import { LAYOUT, unitDisplayName } from '../engine/sheet/layout';
import {
  planHighlighting,
  planMissingRows,
  type Recode,
  type StrayRow,
  shiftedRow,
} from '../engine/sheet/missing-rows';
import { readWorkbook } from '../engine/sheet/read';
import { aggregatingLevel } from '../engine/text/level';
import type { CellValue, Grid, Indicator, Unit, UnitYear, WorkbookInput } from '../engine/types';
import { hasRow } from '../engine/validation/presence';
import { CLI_TEXT as T } from '../messages/vi/cli';
import type { Config } from './config';
import {
  type AddPlan,
  carriedKinds,
  InsertRefused,
  insertRows,
  type RefusedReason,
  replaceHighlighting,
} from './xlsx/insert-rows';
import { readWorkbookBuffer } from './xlsx/read';
import { toXlsxBuffer } from './xlsx/write';

export type Upgrade =
  /**
   * Every indicator has its row and the highlighting is the current rules': the file is not
   * written. `sheet` when its columns are not the layout's: its highlighting was not looked at.
   */
  | { kind: 'unchanged'; columnsChanged?: string }
  /** Rows added for `indicators` and rows re-coded (`recoded`); either list may be empty, not both. */
  | {
      kind: 'added';
      sheet: string;
      indicators: Indicator[];
      recoded: Recode[];
      /** Rows left with figures under a code in no catalogue (said, not changed). */
      strays: StrayRow[];
      buffer: Buffer;
    }
  /** Every indicator has its row; the rule highlighting was another catalogue's and is redone. */
  | { kind: 'highlighted'; sheet: string; buffer: Buffer }
  /** Left as it was: `reason` in Vietnamese; `indicators` still without a row when known. */
  | { kind: 'kept'; reason: string; indicators: Indicator[] };

function refusal(reason: RefusedReason, sheet: string): string {
  switch (reason.kind) {
    case 'objects':
      return T.upgrade.objects(
        sheet,
        reason.what.map((w) => T.upgrade.objectNames[w] ?? T.upgrade.otherObject(w)),
      );
    case 'formula':
      return T.upgrade.formula;
    case 'package':
      return T.upgrade.package;
  }
}

/** The unit's report of `year` in the workbook, or why there is none to complete. */
function reportOf(
  wb: WorkbookInput,
  unit: Unit,
  year: number,
  config: Config,
): { report: UnitYear; grid: Grid } | { reason: string } {
  const { reports } = readWorkbook(wb, {
    catalogue: config.catalogue,
    units: config.units,
    year,
    level: aggregatingLevel(config.settings),
  });
  const own = reports.filter((r) => r.unitCode === unit.code && r.year === year);
  const name = unitDisplayName(unit);
  if (!own.length) return { reason: T.upgrade.noSheet(name, year) };
  const sheets = own.map((r) => r.sheet);
  if (sheets.length > 1) return { reason: T.upgrade.severalSheets(name, year, sheets) };
  const sheet = wb.sheets.find((s) => s.name === own[0].sheet);
  return sheet?.grid ? { report: own[0], grid: sheet.grid } : { reason: T.upgrade.noSheet(name, year) };
}

/** What `tonghop template` does to `buffer`, the unit's workbook (`shown` in messages). */
export async function upgradeWorkbook(
  buffer: Buffer,
  shown: string,
  unit: Unit,
  year: number,
  config: Config,
  when: Date,
): Promise<Upgrade> {
  const before = await readWorkbookBuffer(buffer, shown);
  if (!before.workbook) return { kind: 'kept', reason: before.error ?? T.upgrade.package, indicators: [] };
  const found = reportOf(before.workbook, unit, year, config);
  if ('reason' in found) return { kind: 'kept', reason: found.reason, indicators: [] };
  const { report, grid } = found;
  const carried = await carriedKinds(buffer, report.sheet);
  const plan = planMissingRows(grid, report, config.catalogue, unit, year, carried);
  if (plan.kind === 'none') return highlight(buffer, shown, before.workbook, { report, grid }, unit, year, config);
  if (plan.kind === 'columns')
    return { kind: 'kept', reason: T.upgrade.columns(report.sheet), indicators: plan.indicators };

  let out: Buffer;
  /** Re-coded rows whose "Cả năm" formula was rewritten: its new formula has no cached result yet. */
  const totals = new Set<number>();
  try {
    const fresh = await toXlsxBuffer({ sheets: [plan.model] }, { now: when });
    out = await insertRows(buffer, report.sheet, plan, fresh, totals);
  } catch (e) {
    if (!(e instanceof InsertRefused)) throw e;
    return { kind: 'kept', reason: refusal(e.reason, report.sheet), indicators: plan.indicators };
  }
  const after = await readWorkbookBuffer(out, shown);
  const same =
    after.workbook !== undefined &&
    sameCells(before.workbook, after.workbook, report.sheet, plan, totals) &&
    sameFigures(report, after.workbook, unit, year, config, plan);
  if (!same) return { kind: 'kept', reason: T.upgrade.verify, indicators: plan.indicators };
  const { indicators, recodes: recoded, strays } = plan;
  return { kind: 'added', sheet: report.sheet, indicators, recoded, strays, buffer: out };
}

/** A workbook that has every row: its rule highlighting brought up to date, when it is not. */
async function highlight(
  buffer: Buffer,
  shown: string,
  before: WorkbookInput,
  { report, grid }: { report: UnitYear; grid: Grid },
  unit: Unit,
  year: number,
  config: Config,
): Promise<Upgrade> {
  const conditionals = planHighlighting(grid, report, config.catalogue, unit, year);
  // The sheet's columns are not the layout's: its highlighting is left as it is.
  if (!conditionals) return { kind: 'unchanged', columnsChanged: report.sheet };
  let out: Buffer | null;
  let fresh: Buffer;
  try {
    fresh = await toXlsxBuffer({ sheets: [{ ...emptySheet('rules'), conditionals }] });
    out = await replaceHighlighting(buffer, report.sheet, fresh);
  } catch (e) {
    if (!(e instanceof InsertRefused)) throw e;
    return { kind: 'kept', reason: refusal(e.reason, report.sheet), indicators: [] };
  }
  if (!out) return { kind: 'unchanged' };
  const after = await readWorkbookBuffer(out, shown);
  // Read back: every cell and figure as it was, and the highlighting as wanted (else every run would rewrite it).
  const settled = await replaceHighlighting(out, report.sheet, fresh).then(
    (again) => again === null,
    () => false,
  );
  const same =
    settled &&
    after.workbook !== undefined &&
    sameCells(before, after.workbook, report.sheet, null) &&
    sameFigures(report, after.workbook, unit, year, config, null);
  if (!same) return { kind: 'kept', reason: T.upgrade.verifyHighlighting, indicators: [] };
  return { kind: 'highlighted', sheet: report.sheet, buffer: out };
}

// ------------------------------------------------------------------ read-back checks

function key(v: CellValue): string {
  if (v instanceof Date) return `d:${v.getTime()}`;
  return `${typeof v}:${String(v)}`;
}

/** Non-empty cells of a grid: "row:col" (1-based) → value key. */
function cellsOf(grid: Grid, row: (r: number) => number = (r) => r): Map<string, string> {
  const out = new Map<string, string>();
  grid.forEach((line, r) => {
    (line ?? []).forEach((v, c) => {
      if (v !== '' && v !== null && v !== undefined) out.set(`${row(r + 1)}:${c + 1}`, key(v));
    });
  });
  return out;
}

function sameMaps(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/**
 * Every sheet as it was: the same sheets in the same order, other sheets cell for cell, the report
 * sheet's cells at their moved rows plus exactly the new rows' values and the planned STT numbers
 * (without a plan, no row added: cell for cell too).
 */
function sameCells(
  before: WorkbookInput,
  after: WorkbookInput,
  sheet: string,
  plan: AddPlan | null,
  totals: ReadonlySet<number> = new Set(),
): boolean {
  if (before.sheets.map((s) => s.name).join('\n') !== after.sheets.map((s) => s.name).join('\n')) return false;
  return before.sheets.every((s, k) => {
    const now = cellsOf(after.sheets[k].grid ?? []);
    if (s.name !== sheet || !plan) return sameMaps(cellsOf(s.grid ?? []), now);
    const expected = cellsOf(s.grid ?? [], (r) => shiftedRow(plan.blocks, r));
    for (const run of plan.numbers)
      run.values.forEach((v, i) => {
        expected.set(`${run.row + i}:2`, key(v));
      });
    for (const row of plan.rows)
      row.cells.forEach((c, i) => {
        // A formula has no cached result yet: it reads as empty.
        if (c && !c.f && c.v !== null && c.v !== '') expected.set(`${row.row}:${i + 1}`, key(c.v));
      });
    for (const r of plan.recodes) {
      expected.set(`${r.row}:${LAYOUT.codeCol}`, key(r.indicator.code));
      if (r.label !== null) expected.set(`${r.row}:${LAYOUT.labelCol}`, key(r.label));
      // Its year-total formula rewritten for the kind: no cached result, read as empty.
      if (totals.has(r.row)) expected.delete(`${r.row}:${LAYOUT.totalCol}`);
    }
    return sameMaps(expected, now);
  });
}

/** The engine reads the same figures, notes and dates for the indicators the file had, and empty new rows. */
function sameFigures(
  before: UnitYear,
  after: WorkbookInput,
  unit: Unit,
  year: number,
  config: Config,
  plan: AddPlan | null,
): boolean {
  const found = reportOf(after, unit, year, config);
  if ('reason' in found || found.report.sheet !== before.sheet) return false;
  const r = found.report;
  const json = (v: unknown) => JSON.stringify(v ?? null);
  if (json(r.submitted) !== json(before.submitted)) return false;
  const added = new Set((plan?.indicators ?? []).map((i) => i.code));
  return config.catalogue.indicators.every((ind) => {
    if (added.has(ind.code))
      return (
        hasRow(r, ind.code) &&
        (r.values[ind.code] ?? []).every((v) => v === null) &&
        (r.notes[ind.code] ?? []).every((v) => v === null || v === '')
      );
    return (
      json(r.values[ind.code]) === json(before.values[ind.code]) &&
      json(r.notes[ind.code]) === json(before.notes[ind.code]) &&
      json(r.invalid.filter((c) => c.startsWith(`${ind.code}:`))) ===
        json(before.invalid.filter((c) => c.startsWith(`${ind.code}:`)))
    );
  });
}
