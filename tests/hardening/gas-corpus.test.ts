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
import { type SheetSeed, sheetsApiHandler } from '../fakes/gas';
import { BAD, type Case, corpus, expectedTotals, numericCodes, readSheets } from './corpus';
import { aggregate, createGasEnv, dataRows, logRows, seedOf, summaryTexts } from './gas-env';

/** How the add-on legitimately differs (it reads the tab named "<Unit> <year>" only). */
const GAS_DIFFERS: Record<string, Partial<Case>> = {
  // Only the tab named exactly "Chung Chải 2018" is read; the "(2)" copy is not a unit tab.
  'two-sheets-one-unit': { findings: [] },
  // Google Sheets always has a formula's result; a formula cell without one arrives empty.
  'formula-without-result': { findings: [] },
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

/** The merged-cells case in a fresh master; `disabled`: the Sheets API switched off in the Cloud project. */
async function mergedCase(disabled: boolean) {
  const c = corpus.cases.find((x) => x.id === 'merged-cells') as Case;
  const sheets = (await readSheets(path.join(BAD, c.file))) ?? [];
  const env = createGasEnv([...goodTabs, ...sheets.map(seedOf)]);
  if (disabled) env.fake.http.sheetsApi = sheetsApiHandler(env.fake, { disabled: true });
  aggregate(env.fake);
  return { c, env };
}

// The merges come with the Sheets API read (the same request as the values): the engine
// warns exactly as the CLI does, naming the hidden cell and the merged range.
it('the add-on warns that a merge hid a value cell, as the CLI does', async () => {
  const { c, env } = await mergedCase(false);
  try {
    expect(c.findings[0]).toMatchObject({ code: 'merged-cell', cell: 'M24' });
    expect(summaryTexts(env.master)).toContain(c.findings[0].message);
    // The template's merged title row hides no value cell: no warning for the good communes.
    const merged = summaryTexts(env.master)
      .split('\n')
      .filter((t) => /bị gộp ô/.test(t));
    expect(merged.length).toBeGreaterThan(0);
    expect(merged.every((t) => t.includes('Xã Chung Chải, ô M24'))).toBe(true);
  } finally {
    env.dispose();
  }
});

// Without the API (SpreadsheetApp fallback) merges are not read: same totals, no warning,
// and the run's notes say the API could not be used.
it('with the Sheets API switched off: read the old way, totals unchanged, the note says so', async () => {
  const { c, env } = await mergedCase(true);
  try {
    expect(summaryTexts(env.master)).not.toContain(c.findings[0].message);
    const data = dataRows(env.master);
    const got: Record<string, number | null> = {};
    for (const code of numericCodes) got[code] = data.get('*')?.get(code) ?? null;
    expect(got).toEqual(expectedTotals(c));
    const log = logRows(env.master).find((row) => row[2] === 'Tổng hợp');
    expect(String(log?.[4])).toContain(
      'Không dùng được Google Sheets API (HTTP 403: Google Sheets API has not been used',
    );
  } finally {
    env.dispose();
  }
});
