/**
 * A unit's same note in several months of a period (typed once in cells merged over the quarter,
 * or copied into each month) is read once with its months, in every output a person reads; other
 * texts stay apart, in order; a month's report reads as before.
 */
import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import { summarise } from '../pipeline';
import { renderHtmlReport } from '../report/html';
import { buildSummaryWorkbook } from '../report/summary-workbook';
import { renderTextReport } from '../report/text';
import { buildUnitSheet, LAYOUT, monthCol, type UnitSheetData } from '../sheet/layout';
import { modelToSheetInput, rowWithCode, setCell } from '../sheet/testing';
import type { Period, SheetInput, Summary, Unit } from '../types';

const catalogue = defaultCatalogue();
const unitOf = (code: string) => defaultUnits().find((u) => u.code === code) as Unit;
const col = (m: number) => String.fromCharCode(64 + monthCol(m));
const ROAD = 'Đường vào bản bị sạt lở';

/** A sheet reported to September with `notes` typed in the note row, months `merge` merged. */
function sheetOf(code: string, notes: Record<number, string>, merge?: [number, number]): SheetInput {
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const data: UnitSheetData = {
    values: { TCD_LUOT: months.map((m) => (m <= 9 ? m : null)) },
    submitted: months.map((m) => (m <= 9 ? `2018-${String(m).padStart(2, '0')}-15` : null)),
    notes: { GHI_CHU: months.map((m) => notes[m] ?? null) },
  };
  const sheet = modelToSheetInput(buildUnitSheet(unitOf(code), 2018, catalogue, data));
  if (merge) {
    const r = rowWithCode(sheet.grid, 'GHI_CHU');
    sheet.merges = [...(sheet.merges ?? []), `${col(merge[0])}${r}:${col(merge[1])}${r}`];
  }
  return sheet;
}

function summaryOf(period: Period, remark?: string): Summary {
  const muongNhe = sheetOf('muong-nhe', { 7: 'Thiếu giáo viên.', 8: 'Cầu treo hỏng', 9: '  Thiếu  giáo viên ' });
  if (remark) setCell(muongNhe.grid, rowWithCode(muongNhe.grid, 'GHI_CHU'), LAYOUT.noteCol, remark);
  return summarise({
    catalogue,
    units: ['chung-chai', 'muong-nhe', 'leng-su-sin'].map(unitOf),
    settings: defaultSettings(),
    period,
    workbooks: [
      // Typed once in cells merged over the quarter.
      { source: 'a.xlsx', sheets: [sheetOf('chung-chai', { 7: ROAD }, [7, 9])] },
      // Copied by hand into July and September (spaces and full stop aside), another text in August.
      { source: 'b.xlsx', sheets: [muongNhe] },
      // Texts that differ in words are two notes.
      {
        source: 'c.xlsx',
        sheets: [sheetOf('leng-su-sin', { 7: 'Thiếu nước sinh hoạt', 8: 'Thiếu nước sinh hoạt ở bản Huổi Lụ' })],
      },
    ],
    generatedAt: '2018-10-05T03:00:00Z',
  }).summary;
}

const QUARTER: Period = { type: 'quarter', year: 2018, index: 3 };
const count = (text: string, part: string) => text.split(part).length - 1;

/** The summary sheet's lines under "KHÓ KHĂN, VƯỚNG MẮC, KIẾN NGHỊ CỦA CƠ SỞ". */
function sheetNotes(s: Summary): string[] {
  const cells = buildSummaryWorkbook(s, catalogue)
    .sheets[0].rows.map((r) => r.find((c) => typeof c?.v === 'string')?.v)
    .filter((v): v is string => typeof v === 'string');
  const at = cells.indexOf('KHÓ KHĂN, VƯỚNG MẮC, KIẾN NGHỊ CỦA CƠ SỞ');
  const out: string[] = [];
  for (let i = at + 1; i < cells.length && /^Xã /.test(cells[i]); i++) out.push(cells[i]);
  return out;
}

describe('a note given in several months of a quarter', () => {
  const s = summaryOf(QUARTER);

  it('is quoted once in the narrative with its months, other texts apart and in order', () => {
    expect(s.narrative.find((p) => p.startsWith('Khó khăn'))).toBe(
      'Khó khăn, vướng mắc, kiến nghị của các xã: xã Chung Chải (tháng 7–9): Đường vào bản bị sạt lở; ' +
        'xã Leng Su Sìn (tháng 7): Thiếu nước sinh hoạt; xã Leng Su Sìn (tháng 8): Thiếu nước sinh hoạt ở bản Huổi Lụ; ' +
        'xã Mường Nhé (tháng 7, 9): Thiếu giáo viên; xã Mường Nhé (tháng 8): Cầu treo hỏng.',
    );
  });

  it('is one line of the summary sheet’s notes', () => {
    expect(sheetNotes(s)).toEqual([
      'Xã Chung Chải (tháng 7–9): Đường vào bản bị sạt lở.',
      'Xã Leng Su Sìn (tháng 7): Thiếu nước sinh hoạt.',
      'Xã Leng Su Sìn (tháng 8): Thiếu nước sinh hoạt ở bản Huổi Lụ.',
      'Xã Mường Nhé (tháng 7, 9): Thiếu giáo viên.',
      'Xã Mường Nhé (tháng 8): Cầu treo hỏng.',
    ]);
  });

  it('is one line of the e-mails’ notes, with its months, not counted again among those left out', () => {
    const text = renderTextReport(s, catalogue);
    const notes = text.slice(text.indexOf('KHÓ KHĂN, VƯỚNG MẮC, KIẾN NGHỊ CỦA CƠ SỞ'));
    expect(notes).toContain('- Xã Chung Chải (tháng 7–9): Đường vào bản bị sạt lở.\n');
    expect(notes).toContain('- Xã Mường Nhé (tháng 7, 9): Thiếu giáo viên.\n');
    expect(count(notes, ROAD)).toBe(1);
    // Left out: Mường Nhé's August note and Leng Su Sìn's July one, not copies of those shown.
    expect(notes).toContain('… và 2 ý kiến khác');
    const html = renderHtmlReport(s, catalogue);
    expect(html).toContain('<li>Xã Chung Chải (tháng 7–9): Đường vào bản bị sạt lở.</li>');
    expect(count(html, ROAD)).toBe(count(text, ROAD));
  });
});

describe('a month’s report', () => {
  it('reads as before: no month in the narrative, the month in the notes list', () => {
    const s = summaryOf({ type: 'month', year: 2018, index: 9 });
    expect(s.narrative.find((p) => p.startsWith('Khó khăn'))).toBe(
      'Khó khăn, vướng mắc, kiến nghị của các xã: xã Chung Chải: Đường vào bản bị sạt lở; xã Mường Nhé: Thiếu giáo viên.',
    );
    expect(sheetNotes(s)).toEqual([
      'Xã Chung Chải (tháng 9): Đường vào bản bị sạt lở.',
      'Xã Mường Nhé (tháng 9): Thiếu giáo viên.',
    ]);
  });
});

describe('a remark beside the note row that repeats a note of its unit', () => {
  const REMARK = 'Thiếu giáo viên';
  const said = (s: Summary) => [
    s.narrative.find((p) => p.startsWith('Khó khăn')) ?? '',
    sheetNotes(s).join('\n'),
    renderTextReport(s, catalogue),
  ];

  it('is that note, not said again "ghi ở cột Ghi chú"', () => {
    for (const out of said(summaryOf(QUARTER, `${REMARK}.`))) {
      expect(out).toContain('Mường Nhé (tháng 7, 9): Thiếu giáo viên');
      expect(out).not.toContain('ghi ở cột Ghi chú');
    }
  });

  it('is listed when no note of the period says it, or it says more', () => {
    const august = summaryOf({ type: 'month', year: 2018, index: 8 }, REMARK);
    for (const out of said(august)) expect(out).toContain('Mường Nhé (ghi ở cột Ghi chú): Thiếu giáo viên');
    for (const out of said(summaryOf(QUARTER, `${REMARK} toán`)))
      expect(out).toContain('Mường Nhé (ghi ở cột Ghi chú): Thiếu giáo viên toán');
  });
});
