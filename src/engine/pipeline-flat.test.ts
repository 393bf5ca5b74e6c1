/**
 * The engine's hot paths read the reader's flat numbers (sheet-report.ts). A check that builds a
 * report's `values` makes every later flat look-up of it compare them first (flatOf): one such
 * check made a national summarise ≈ 2.5× slower. A plain month, every figure typed, builds none.
 */
import { defaultCatalogue, defaultSettings, defaultUnits } from './catalogue/defaults';
import { summarise } from './pipeline';
import { buildUnitSheet } from './sheet/layout';
import { SheetReport } from './sheet/sheet-report';
import { modelToSheetInput } from './sheet/testing';
import type { Catalogue, WorkbookInput } from './types';

function typedYear(catalogue: Catalogue, seed: number): Record<string, (number | null)[]> {
  // Indicators bound by a rule are typed 0 (every rule holds); the others vary.
  const ruled = new Set(catalogue.rules.flatMap((r) => [...r.left, ...r.right]));
  const values: Record<string, (number | null)[]> = {};
  catalogue.indicators.forEach((ind, k) => {
    if (ind.kind === 'note') return;
    values[ind.code] = Array.from({ length: 12 }, (_, m) =>
      ruled.has(ind.code) ? 0 : ((seed + k * 7 + m * 3) % 5) + 1,
    );
  });
  return values;
}

it('summarise of typed months leaves every reader report without built values', () => {
  const catalogue = defaultCatalogue();
  const units = defaultUnits().slice(0, 4);
  const workbooks: WorkbookInput[] = units.map((unit, i) => ({
    source: `${unit.code}.xlsx`,
    sheets: [2017, 2018].map((year) =>
      modelToSheetInput(buildUnitSheet(unit, year, catalogue, { values: typedYear(catalogue, i + year) })),
    ),
  }));
  const { summary, read } = summarise({
    catalogue,
    units,
    settings: defaultSettings(),
    period: { type: 'month', year: 2018, index: 12 },
    workbooks,
    generatedAt: '2019-01-10T02:00:00.000Z',
  });
  expect(summary.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
  expect(summary.completeness.reported).toBe(units.length);
  expect(read.reports.length).toBe(units.length * 2);
  const built = read.reports.filter((r) => !(r instanceof SheetReport) || r.valuesMade !== undefined);
  expect(built.map((r) => `${r.unitCode} ${r.year}`)).toEqual([]);
});
