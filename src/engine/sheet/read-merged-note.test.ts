/**
 * A commune merges a note row's cells across several months and types the note once. The note is
 * the span's: it goes to the months under the merge that have a report, not to the first month
 * alone (a January note in every report, when typed for the year), and a warning names the range.
 */
import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import { summarise } from '../pipeline';
import { DEFAULT_LEVEL } from '../text/level';
import type { Period, SheetInput, Unit } from '../types';
import { buildUnitSheet, monthCol, type UnitSheetData } from './layout';
import { type ReadContext, readSheet } from './read';
import { modelToSheetInput, rowWithCode } from './testing';

const catalogue = defaultCatalogue();
const CHUNG_CHAI = defaultUnits().find((u) => u.code === 'chung-chai') as Unit;
const ctx: ReadContext = { level: DEFAULT_LEVEL, catalogue, units: defaultUnits(), year: 2018 };
const col = (m: number) => String.fromCharCode(64 + monthCol(m));
const NOTE = 'Cả năm không có đơn thư vượt cấp';

/** Figures and dates of months 1–`upTo` only. */
function data(upTo: number): UnitSheetData {
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  return {
    values: { TCD_LUOT: months.map((m) => (m <= upTo ? m : null)) },
    submitted: months.map((m) => (m <= upTo ? `2018-${String(m).padStart(2, '0')}-15` : null)),
  };
}

/** The sheet with the note row's months `from`–`to` merged and `text` in the first one's cell. */
function merged(upTo: number, from: number, to: number, text = NOTE): { sheet: SheetInput; range: string } {
  const sheet = modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2018, catalogue, data(upTo)));
  const r = rowWithCode(sheet.grid, 'GHI_CHU');
  sheet.grid[r - 1][monthCol(from) - 1] = text;
  const range = `${col(from)}${r}:${col(to)}${r}`;
  sheet.merges = [...(sheet.merges ?? []), range];
  return { sheet, range };
}

const label = catalogue.indicators.find((i) => i.code === 'GHI_CHU')?.label;
const noteMonths = (notes: (string | null)[] | undefined) =>
  (notes ?? []).flatMap((t, i) => (t === NOTE ? [i + 1] : []));

describe('a note typed once in cells merged across months', () => {
  it('over the year, in a sheet reported to September: the note of months 1–9, not of January alone', () => {
    const { sheet, range } = merged(9, 1, 12);
    const { report, findings } = readSheet(sheet, ctx);
    expect(noteMonths(report?.notes.GHI_CHU)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const cell = range.split(':')[0];
    expect(findings.map((f) => [f.code, f.cell, f.message])).toEqual([
      [
        'merged-note',
        cell,
        `Xã Chung Chải, ô ${cell} (${label}): trang "Chung Chải 2018", vùng ${range} gộp ô ghi chú của các tháng 1–12; ` +
          'đã tính là ghi chú của tháng 1–9 (các tháng đã có số liệu hoặc ngày nộp); tháng 10–12 chưa có số liệu nên chưa ' +
          'tính. Nếu ghi chú chỉ là của một tháng, hãy bỏ gộp ô và ghi vào ô của tháng đó',
      ],
    ]);
  });

  it('over a quarter every month of which is reported: the note of each month, said so', () => {
    const { sheet } = merged(9, 7, 9);
    const { report, findings } = readSheet(sheet, ctx);
    expect(noteMonths(report?.notes.GHI_CHU)).toEqual([7, 8, 9]);
    expect(findings.map((f) => f.code)).toEqual(['merged-note']);
    expect(findings[0].message).toContain('gộp ô ghi chú của các tháng 7–9; đã tính là ghi chú của từng tháng 7–9.');
  });

  it('no month under it reported yet: the first month’s, as typed, and said why', () => {
    const { sheet } = merged(6, 7, 9);
    const { report, findings } = readSheet(sheet, ctx);
    expect(noteMonths(report?.notes.GHI_CHU)).toEqual([7]);
    expect(findings[0].message).toContain(
      'chỉ tính là ghi chú của tháng 7 (ô đầu vùng), vì các tháng 8, 9 chưa có số liệu.',
    );
  });

  it('empty merged note cells: nothing read, nothing said', () => {
    const { sheet } = merged(9, 1, 12, '');
    const { report, findings } = readSheet(sheet, ctx);
    expect(report?.notes.GHI_CHU?.every((t) => t === null)).toBe(true);
    expect(findings).toEqual([]);
  });

  it('a merge over figures still warns that it hides their cells', () => {
    const { sheet } = merged(9, 7, 9);
    const r = rowWithCode(sheet.grid, 'TCD_LUOT');
    sheet.merges?.push(`${col(2)}${r}:${col(3)}${r}`);
    expect(readSheet(sheet, ctx).findings.map((f) => f.code)).toEqual(['merged-note', 'merged-cell']);
  });
});

describe('in the summary of a period', () => {
  const summaryOf = (period: Period) =>
    summarise({
      catalogue,
      units: [CHUNG_CHAI],
      settings: defaultSettings(),
      period,
      workbooks: [{ source: 'chung-chai.xlsx', sheets: [merged(9, 1, 12).sheet] }],
      generatedAt: '2018-10-05T03:00:00Z',
    }).summary;
  const notesOf = (period: Period) =>
    summaryOf(period)
      .indicators.find((i) => i.code === 'GHI_CHU')
      ?.notes?.map((n) => [n.month, n.text]);

  it('September’s report has the note as September’s; October’s has none (not reported yet)', () => {
    expect(notesOf({ type: 'month', year: 2018, index: 9 })).toEqual([[9, NOTE]]);
    expect(notesOf({ type: 'month', year: 2018, index: 10 })).toEqual([]);
    expect(summaryOf({ type: 'month', year: 2018, index: 10 }).completeness.rows[0].status).toBe('missing');
  });
});
