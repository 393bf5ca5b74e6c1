/**
 * Two units of one name (two communes "Chung Chải" in two districts of a province): every output
 * that names units tells them apart by the code after the name; other units keep their name alone.
 */
import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import { summarise } from '../pipeline';
import { buildUnitSheet } from '../sheet/layout';
import { modelToSheetInput } from '../sheet/testing';
import type { Period, Unit, WorkbookInput } from '../types';
import { renderHtmlReport } from './html';
import { longRows } from './long-rows';
import { buildSummaryWorkbook } from './summary-workbook';
import { completenessLists, renderTextReport } from './text';

const CATALOGUE = defaultCatalogue();
const SEP: Period = { type: 'month', year: 2018, index: 9 };
const m12 = (sparse: Record<number, number>) => Array.from({ length: 12 }, (_, i) => sparse[i + 1] ?? null);

const base = defaultUnits();
const chungChai = base.find((u) => u.code === 'chung-chai') as Unit;
const twin: Unit = { ...chungChai, code: 'chung-chai-np', emails: [] };
const UNITS: Unit[] = [...base, twin];

function workbook(u: Unit, late: boolean): WorkbookInput {
  const data = {
    values: { DON_TONG: m12({ 9: 2 }), DON_KIENNGHI: m12({ 9: 2 }), DON_DATDAI: m12({ 9: 2 }) },
    submitted: Array.from({ length: 12 }, (_, m) => (m === 8 ? (late ? '2018-10-30' : '2018-09-17') : null)),
  };
  return { source: `${u.code}.xlsx`, sheets: [modelToSheetInput(buildUnitSheet(u, 2018, CATALOGUE, data))] };
}

function run(books: WorkbookInput[]) {
  return summarise({
    catalogue: CATALOGUE,
    units: UNITS,
    settings: defaultSettings(),
    period: SEP,
    workbooks: books,
    generatedAt: '2018-11-05T02:00:00Z',
  }).summary;
}

describe('two units of one name', () => {
  // Every unit but the two Chung Chải reports on time; one Chung Chải late, the other not at all.
  const books = [
    ...base.filter((u) => u.code !== 'chung-chai').map((u) => workbook(u, false)),
    workbook(chungChai, true),
  ];
  const summary = run(books);

  test('completeness lists name each with its code, others by name alone', () => {
    const lists = completenessLists(summary);
    expect(lists.missing).toEqual(['Xã Chung Chải (chung-chai-np)']);
    expect(lists.late).toEqual([expect.stringMatching(/^Xã Chung Chải \(chung-chai\)/)]);
  });

  test('the narrative tells them apart', () => {
    const text = summary.narrative.join('\n');
    expect(text).toContain('xã Chung Chải (chung-chai-np)');
    expect(text).toContain('xã Chung Chải (chung-chai)');
    expect(text).not.toMatch(/xã Chung Chải(?! \()/);
  });

  test('the summary workbook: unit rows and columns, and the e-mail texts', () => {
    const texts = buildSummaryWorkbook(summary, CATALOGUE).sheets.flatMap((s) =>
      s.rows.flatMap((r) => r.map((c) => (typeof c?.v === 'string' ? c.v : ''))),
    );
    expect(texts).toContain('Chung Chải (chung-chai)');
    expect(texts).toContain('Chung Chải (chung-chai-np)');
    expect(texts).toContain('Xã Chung Chải (chung-chai-np)');
    expect(texts).not.toContain('Xã Chung Chải');
    expect(texts).not.toContain('Chung Chải');
    // Another unit keeps its name.
    expect(texts).toContain('Xã Huổi Lếch');
    const mail = renderTextReport(summary, CATALOGUE);
    expect(mail).toContain('Xã Chung Chải (chung-chai-np)');
    expect(mail).not.toMatch(/Chung Chải(?! \(chung-chai)/);
    // Findings too: "Xã Chung Chải (chung-chai-np): chưa có trang báo cáo năm 2018".
    const missing = summary.findings.find((f) => f.code === 'unit-missing' && f.unitCode === 'chung-chai-np');
    expect(missing?.message).toMatch(/^Xã Chung Chải \(chung-chai-np\): /);
    expect(renderHtmlReport(summary, CATALOGUE)).toContain('Xã Chung Chải (chung-chai-np)');
  });

  test('the long rows (CSV, "Dữ liệu"): each name with its code, others by name alone', () => {
    const names = new Map(longRows(summary).map((r) => [r[1], r[2]]));
    expect(names.get('chung-chai')).toBe('Chung Chải (chung-chai)');
    expect(names.get('huoi-lech')).toBe('Huổi Lếch');
  });

  test('with one name each, nothing is added', () => {
    const one = summarise({
      catalogue: CATALOGUE,
      units: base,
      settings: defaultSettings(),
      period: SEP,
      workbooks: books,
      generatedAt: '2018-11-05T02:00:00Z',
    }).summary;
    expect(completenessLists(one).late).toEqual(['Xã Chung Chải (nộp ngày 30/10/2018)']);
    expect(one.narrative.join('\n')).not.toContain('(chung-chai)');
    expect(renderTextReport(one, CATALOGUE)).not.toContain('(chung-chai)');
  });
});
