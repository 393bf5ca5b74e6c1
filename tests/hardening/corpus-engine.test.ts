/**
 * The bad-input corpus through the engine: every case's workbook is read into grids (as a
 * shell does), checked and aggregated with the three good communes for September 2018.
 * Each case must give its expected findings (code, severity, cell, Vietnamese message
 * naming the place), nothing unexpected, and exactly the expected totals: invalid cells
 * are left out and said so, nothing else moves, the good communes are always aggregated.
 */
import path from 'node:path';
import { summarise } from '../../src/engine/pipeline';
import { DEFAULT_LEVEL } from '../../src/engine/text/level';
import type { WorkbookInput } from '../../src/engine/types';
import { checkWorkbooks } from '../../src/engine/validation/check';
import {
  BAD,
  type Case,
  catalogue,
  corpus,
  goodWorkbooks,
  matches,
  NOW,
  PERIOD,
  readSheets,
  settings,
  totalsProblems,
  units,
} from './corpus';

const engineCases = corpus.cases.filter((c) => c.kind !== 'file');
let good: WorkbookInput[];

beforeAll(async () => {
  good = await goodWorkbooks();
});

async function caseWorkbook(c: Case): Promise<WorkbookInput> {
  const sheets = await readSheets(path.join(BAD, c.file));
  if (!sheets) throw new Error(`${c.file} should open`);
  return { source: c.file, sheets };
}

describe('the corpus', () => {
  it('has at least 40 cases, each with a file, exit codes and expectations', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(40);
    for (const c of corpus.cases) {
      expect(c.file).toMatch(/^cases\//);
      expect([0, 1, 2, 3]).toContain(c.exit.check);
      expect([0, 1, 2, 3]).toContain(c.exit.aggregate);
      for (const f of c.findings) expect(f.message.length).toBeGreaterThan(3);
      // An error in the expectations ⇔ a non-zero check exit.
      const errors = c.findings.some((f) => f.severity === 'error');
      expect(c.exit.check > 0).toBe(errors);
    }
    expect(new Set(corpus.cases.map((c) => c.id)).size).toBe(corpus.cases.length);
  });

  it('holds no usable sheet for exactly the file-level cases (exceljs alone opens an .odt as an empty book)', async () => {
    for (const c of corpus.cases) {
      const sheets = await readSheets(path.join(BAD, c.file));
      const usable = sheets !== null && sheets.length > 0;
      expect({ id: c.id, usable }).toEqual({ id: c.id, usable: c.kind !== 'file' || c.id === 'very-large-sheet' });
    }
  });
});

describe.each(engineCases.map((c) => [c.id, c] as const))('engine: %s', (_id, c) => {
  it('checks: the expected findings, with the cell and a Vietnamese message; nothing unexpected', async () => {
    const wb = await caseWorkbook(c);
    const { findings } = checkWorkbooks([wb], { level: DEFAULT_LEVEL, catalogue, units, year: corpus.year });
    const expected = c.findings.filter((f) => !f.cliOnly);
    for (const e of expected) {
      const hit = findings.find((f) => matches(f, e));
      expect({ case: c.id, expected: e, found: Boolean(hit), findings: hit ? [] : findings }).toMatchObject({
        found: true,
      });
    }
    const surprises = findings.filter((f) => f.severity !== 'info' && !expected.some((e) => matches(f, e)));
    expect({ case: c.id, surprises }).toEqual({ case: c.id, surprises: [] });
    // Every message names a place: the unit, or the file and sheet.
    for (const f of findings) expect(f.message).toMatch(/^(Xã |Tệp |Trang )/);
    // Shown values are bounded (100.000 characters never reach a message).
    for (const f of findings) expect(f.message.length).toBeLessThan(400);
  });

  it('aggregates: the good communes always, the totals exactly as expected', async () => {
    const wb = await caseWorkbook(c);
    // Either order of the inputs gives the same summary.
    const run = (workbooks: WorkbookInput[]) =>
      summarise({ catalogue, units, settings, period: PERIOD, workbooks, generatedAt: NOW }).summary;
    const summary = run([...good, wb]);
    expect(totalsProblems(c, summary)).toEqual([]);
    expect(run([wb, ...good].reverse())).toEqual(summary);
    const rows = summary.completeness.rows;
    for (const u of corpus.goodUnits) expect(rows.find((r) => r.unitCode === u)?.status).toBe('onTime');
    // A left-out cell is counted and said so; a unit that is not counted is listed.
    const errors = summary.findings.filter((f) => f.severity === 'error');
    if (c.exit.aggregate === 1) expect(errors.length).toBeGreaterThan(0);
    else expect(errors).toEqual([]);
    if (!c.counted) {
      const said = summary.findings.some(
        (f) => f.unitCode === corpus.subject || f.file === c.file || f.code === 'unknown-unit',
      );
      expect(said).toBe(true);
    }
  });
});
