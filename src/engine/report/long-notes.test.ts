/**
 * Long notes from many units: every text the summary workbook writes fits a cell (Sheets 50,000,
 * Excel 32,767 characters), the year sheet's month cell fits what a higher level's reader keeps
 * (MAX_NOTE_LENGTH), and the narrative quotes each note in part.
 */
import { NOTE_QUOTE_LENGTH, NOTES_PARAGRAPH_LENGTH, narrate } from '../narrative/narrative';
import { LAYOUT, monthCol } from '../sheet/layout';
import { readSheet } from '../sheet/read';
import { modelToSheetInput } from '../sheet/testing';
import type { Summary } from '../types';
import { MAX_NOTE_LENGTH } from '../validation/cells';
import { fixtureCatalogue, fixtureSummary } from './fixtures';
import { aggregateUnit, buildSummaryWorkbook, MAX_CELL_TEXT } from './summary-workbook';

const catalogue = fixtureCatalogue();
const LONG = 'Cầu treo bị lũ cuốn trôi, đề nghị hỗ trợ. '.repeat(115); // 4,830 characters

/** The fixture with `units` units, each with a note of month 9 of about 4,840 characters. */
function longNotes(units: number): Summary {
  const s = fixtureSummary();
  s.units = Array.from({ length: units }, (_, i) => ({
    code: `x${i + 1}`,
    name: `Số ${i + 1}`,
    kind: 'Xã',
    emails: [],
  }));
  const ind = s.indicators.find((i) => i.kind === 'note');
  if (!ind) throw new Error('fixture: no note indicator');
  ind.notes = s.units.map((u, i) => ({
    unitCode: u.code,
    unitName: u.name,
    month: 9,
    text: `Xã số ${i + 1}: ${LONG}`,
  }));
  return s;
}

function strings(summary: Summary) {
  const wb = buildSummaryWorkbook(summary, catalogue);
  const out: { sheet: string; text: string }[] = [];
  for (const sheet of wb.sheets)
    for (const row of sheet.rows)
      for (const c of row) if (typeof c?.v === 'string') out.push({ sheet: sheet.name, text: c.v });
  return { wb, out };
}

describe('long notes from every unit', () => {
  it('give no cell longer than Excel holds, and a year-sheet cell a higher level reads whole', () => {
    const summary = longNotes(11);
    summary.narrative = narrate(summary, catalogue);
    const { wb, out } = strings(summary);
    const longest = Math.max(...out.map((x) => x.text.length));
    expect(longest).toBeLessThanOrEqual(MAX_CELL_TEXT);

    const year = wb.sheets[3];
    const row = year.rows.findIndex((r) => r[LAYOUT.codeCol - 1]?.v === 'GHI_CHU');
    const cell = String(year.rows[row][monthCol(9) - 1]?.v);
    expect(cell.length).toBeLessThanOrEqual(MAX_NOTE_LENGTH);
    expect(cell.startsWith(`Xã Số 1: Xã số 1: ${LONG.trim()}`.slice(0, 200))).toBe(true);
    expect(cell.endsWith('… (xem đủ ở trang "Tổng hợp 2018-09": 11 ý kiến)')).toBe(true);

    // The notes section of "Tổng hợp" still has each note in full, one row each.
    const main = out.filter((x) => x.sheet === 'Tổng hợp 2018-09').map((x) => x.text);
    for (let i = 1; i <= 11; i++) expect(main.some((t) => t.includes(`Xã số ${i}: ${LONG.trim()}`))).toBe(true);

    // Read back as the district's report by the province: no note cut with a warning.
    const unit = aggregateUnit(summary);
    const read = readSheet(modelToSheetInput(year), { level: 'tỉnh', catalogue, units: [unit], year: 2018 });
    expect(read.findings.filter((f) => f.code === 'note-truncated')).toEqual([]);
    expect(read.report?.notes.GHI_CHU?.[8]).toBe(cell);
  });

  it('keep the year-sheet cell as it was when the notes fit', () => {
    const summary = longNotes(1);
    const year = strings(summary).wb.sheets[3];
    const row = year.rows.findIndex((r) => r[LAYOUT.codeCol - 1]?.v === 'GHI_CHU');
    expect(year.rows[row][monthCol(9) - 1]?.v).toBe(`Xã Số 1: Xã số 1: ${LONG.trim()}`);
  });

  it('are quoted in part by the narrative, with where to read them whole', () => {
    const summary = longNotes(10);
    const paragraphs = narrate(summary, catalogue);
    const notes = paragraphs.find((p) => p.includes('Xã số 1:'));
    expect(notes).toBeDefined();
    expect(notes!.length).toBeLessThan(10 * (NOTE_QUOTE_LENGTH + 40) + 200);
    expect(notes).toContain('…');
    expect(notes).toContain('xem đủ ở mục "Khó khăn, vướng mắc, kiến nghị của cơ sở"');
    for (let i = 1; i <= 10; i++) expect(notes).toContain(`Xã số ${i}: Cầu treo`);
    const { out } = strings({ ...summary, narrative: paragraphs });
    expect(Math.max(...out.map((x) => x.text.length))).toBeLessThanOrEqual(MAX_NOTE_LENGTH + 100);
  });
});

test('a year of long notes from ten units is quoted up to a bound, the others counted', () => {
  const summary = longNotes(10);
  summary.period = { type: 'year', year: 2018, index: 1 };
  const ind = summary.indicators.find((i) => i.kind === 'note');
  ind!.notes = summary.units.flatMap((u, i) =>
    Array.from({ length: 12 }, (_, m) => ({
      unitCode: u.code,
      unitName: u.name,
      month: m + 1,
      // A different text each month: the same one would be quoted once with its months.
      text: `Xã số ${i + 1}: tháng ${m + 1}. ${LONG}`,
    })),
  );
  const notes = narrate(summary, catalogue).find((p) => p.includes('Xã số 1:'));
  expect(notes!.length).toBeLessThanOrEqual(NOTES_PARAGRAPH_LENGTH + 200);
  expect(notes).toMatch(/… và \d+ ý kiến khác \(xem đủ ở mục "Khó khăn, vướng mắc, kiến nghị của cơ sở"\)\.$/);
});
