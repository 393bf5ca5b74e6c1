/**
 * Bidi controls typed by one commune (an unterminated right-to-left override at the end of its
 * note, one in its sheet name) must not reach the outputs: where notes are joined, the override
 * would reverse the next commune's text ("200" shown as "002").
 */
import { defaultCatalogue, defaultSettings, defaultUnits } from '../../src/engine/catalogue/defaults';
import { narrate } from '../../src/engine/narrative/narrative';
import { summarise } from '../../src/engine/pipeline';
import { renderHtmlReport } from '../../src/engine/report/html';
import { buildSummaryWorkbook } from '../../src/engine/report/summary-workbook';
import { renderTextReport } from '../../src/engine/report/text';
import { buildUnitSheet } from '../../src/engine/sheet/layout';
import { modelToSheetInput } from '../../src/engine/sheet/testing';
import type { WorkbookInput } from '../../src/engine/types';

const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const catalogue = defaultCatalogue();
const units = defaultUnits()
  .filter((u) => u.kind === 'xã')
  .slice(0, 3);

function summaryWith(notes: string[], sheetNames: string[]) {
  const workbooks: WorkbookInput[] = units.map((u, i) => {
    const note = Array<string | null>(12).fill(null);
    note[8] = notes[i] || null;
    const submitted = Array<string | null>(12).fill(null);
    submitted[8] = '2018-09-16';
    const values = { DTN_QUA: [1, 2, 3, 4, 5, 6, 7, 8, 10 + i, null, null, null] };
    const model = buildUnitSheet(u, 2018, catalogue, { values, notes: { GHI_CHU: note }, submitted });
    const sheet = modelToSheetInput(model);
    // A sheet name saying another year: a finding quotes it.
    if (sheetNames[i]) sheet.name = sheetNames[i];
    return { source: `${u.code}.xlsx`, sheets: [sheet] };
  });
  return summarise({
    catalogue,
    units,
    settings: defaultSettings(),
    period: { type: 'month', year: 2018, index: 9 },
    workbooks,
    generatedAt: '2018-09-20T03:00:00.000Z',
  });
}

test('an override at the end of one note: the next note keeps "200", no output holds a bidi control', () => {
  const { summary } = summaryWith(['Đã hoàn thành \u202E', 'Cần hỗ trợ 200 triệu đồng \u2067x\u2069\u200F'], []);
  const narrative = narrate(summary, catalogue).join('\n');
  const html = renderHtmlReport(summary, catalogue);
  const text = renderTextReport(summary, catalogue);
  const cells = buildSummaryWorkbook(summary, catalogue)
    .sheets.flatMap((s) => s.rows.flat())
    .map((c) => (c && typeof c.v === 'string' ? c.v : ''))
    .join('\n');
  for (const out of [narrative, html, text, cells]) {
    expect(out).toContain('Cần hỗ trợ 200 triệu đồng');
    expect(out).toContain('Đã hoàn thành');
    expect(out).not.toMatch(BIDI);
  }
  expect(summary.narrative.join('\n')).not.toMatch(BIDI);
});

test('a sheet name with an override: quoted in findings without it', () => {
  const { summary, read } = summaryWith([], ['', 'Bản 2017 \u202Ecủa xã', '']);
  const sheet = read.reports.find((r) => r.unitCode === units[1].code)?.sheet as string;
  // Read under its name as typed (the shells find the sheet by it).
  expect(sheet).toBe('Bản 2017 \u202Ecủa xã');
  const quoting = summary.findings.filter((f) => f.code === 'year-mismatch');
  expect(quoting.map((f) => f.sheet)).toEqual([sheet]);
  expect(quoting[0].message).toContain('"Bản 2017 của xã"');
  for (const f of summary.findings) expect(f.message).not.toMatch(BIDI);
  expect(renderTextReport(summary, catalogue)).not.toMatch(BIDI);
  expect(renderHtmlReport(summary, catalogue)).not.toMatch(BIDI);
});
