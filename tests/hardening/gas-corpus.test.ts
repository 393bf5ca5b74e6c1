/**
 * The bad-input corpus through the add-on's reading path: each case's sheets become tabs
 * of the master spreadsheet in the Apps Script fake (values exactly as getValues would
 * return them), next to the three good communes; "Tổng hợp" runs through its menu handler.
 * For every case that can live in a spreadsheet: no crash, the expected Vietnamese
 * findings in the "Kiểm tra" sheet, the "Dữ liệu" totals exactly as expected, the good
 * communes aggregated, and not one source cell changed.
 */
import path from 'node:path';
import { SHEETS } from '../../src/messages/vi/gas';
import type { SheetSeed } from '../fakes/gas';
import { BAD, type Case, corpus, expectedTotals, numericCodes, readSheets } from './corpus';
import { aggregate, createGasEnv, dataRows, logRows, seedOf, summaryTexts } from './gas-env';

/** How the add-on legitimately differs (it reads the tab named "<Unit> <year>" only). */
const GAS_DIFFERS: Record<string, Partial<Case>> = {
  // Only the tab named exactly "Chung Chải 2018" is read; the "(2)" copy is not a unit tab.
  'two-sheets-one-unit': { findings: [] },
  // Google Sheets always has a formula's result; a formula cell without one arrives empty.
  'formula-without-result': { findings: [] },
  // KNOWN GAP (kept on purpose): src/gas/io.ts reads values only, not getMergedRanges(), so
  // the engine cannot say that a merge hid the September cell. Reading merges would cost
  // getMergedRanges() + one getA1Notation() per merge (every template has a merged title
  // row) — two calls more per sheet, over the budget of 4 service calls per unit. The total
  // is still right (the hidden cell is empty in Sheets too); only the warning is missing.
  // See docs/security.md §6.8.
  'merged-cells': { findings: [] },
};

/** File-level cases that still make sense as a tab. */
const GAS_TOO: Record<string, Partial<Case>> = {
  // The tab is read (Sheets has no file to refuse); the engine refuses the 6.000-row sheet.
  'very-large-sheet': {
    findings: [{ code: 'sheet-too-large', severity: 'error', message: 'trang tính quá lớn (6.048 dòng' }],
  },
};

const gasCases = corpus.cases
  .filter((c) => c.gas || GAS_TOO[c.id])
  .map((c) => ({ ...c, ...(GAS_DIFFERS[c.id] ?? {}), ...(GAS_TOO[c.id] ?? {}) }));

let goodTabs: SheetSeed[];

beforeAll(async () => {
  goodTabs = [];
  for (const f of corpus.good) for (const s of (await readSheets(path.join(BAD, f))) ?? []) goodTabs.push(seedOf(s));
});

it('covers most of the corpus', () => {
  expect(gasCases.length).toBeGreaterThanOrEqual(40);
});

describe.each(gasCases.map((c) => [c.id, c] as const))('add-on on %s', (_id, c) => {
  it('aggregates without touching the sources; findings and totals as expected', async () => {
    const sheets = (await readSheets(path.join(BAD, c.file))) ?? [];
    const env = createGasEnv([...goodTabs, ...sheets.map(seedOf)]);
    try {
      const sources = new Set([...goodTabs.map((t) => t.name), ...sheets.map((s) => s.name)]);
      const before = env.fake.snapshot(env.master).sheets.filter((s) => sources.has(s.name));
      const r = aggregate(env.fake);
      expect(r).toBeDefined();
      const after = env.fake.snapshot(env.master).sheets.filter((s) => sources.has(s.name));
      expect(after).toEqual(before);
      // No error dialog; the log says it worked.
      expect(env.fake.ui.alerts.filter((a) => /lỗi|không thành công/i.test(`${a.title} ${a.prompt}`))).toEqual([]);
      expect(logRows(env.master).some((row) => row[2] === 'Tổng hợp' && String(row[4]).startsWith('thành công'))).toBe(
        true,
      );
      // Findings in Vietnamese, naming the cell, in the summary's "Kiểm tra" sheet.
      const texts = summaryTexts(env.master);
      for (const f of c.findings.filter((x) => !x.cliOnly && !x.checkOnly)) expect(texts).toContain(f.message);
      // Totals ("Dữ liệu", the long rows): exactly the expected sums; the good communes' own rows.
      const data = dataRows(env.master);
      const want = expectedTotals(c);
      const got: Record<string, number | null> = {};
      for (const code of numericCodes) got[code] = data.get('*')?.get(code) ?? null;
      expect(got).toEqual(want);
      for (const u of corpus.goodUnits)
        for (const code of numericCodes) {
          const base = corpus.base[u][code];
          expect([u, code, data.get(u)?.get(code) ?? null]).toEqual([u, code, base]);
        }
      // No data sheet rows twice.
      const rows = env.master.getSheetByName(SHEETS.data)?.getDataRange().getValues() ?? [];
      const keys = rows.slice(1).map((row) => `${row[0]}|${row[1]}|${row[3]}`);
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      env.dispose();
    }
  });
});

// Stays `it.failing` until merges can be read within the call budget (e.g. from the Sheets API
// reader, which could ask for `sheets.merges` in the same request).
it.failing('KNOWN GAP: the add-on warns that a merge hid a value cell (it reads no merged ranges)', async () => {
  const c = corpus.cases.find((x) => x.id === 'merged-cells') as Case;
  const sheets = (await readSheets(path.join(BAD, c.file))) ?? [];
  const env = createGasEnv([...goodTabs, ...sheets.map(seedOf)]);
  try {
    aggregate(env.fake);
    expect(summaryTexts(env.master)).toContain(c.findings[0].message);
  } finally {
    env.dispose();
  }
});
