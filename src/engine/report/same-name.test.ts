/**
 * Two units of one name (two communes "Chung Chải" in two districts of a province): every output
 * that names units tells them apart by the code after the name; other units keep their name alone.
 */

import { FINDING_TEXT } from '../../messages/vi/findings';
import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import { summarise } from '../pipeline';
import { buildUnitSheet, distinguishFindings } from '../sheet/layout';
import { modelToSheetInput } from '../sheet/testing';
import type { Finding, Period, Unit, WorkbookInput } from '../types';
import { renderHtmlReport } from './html';
import { longRows } from './long-rows';
import { buildSummaryWorkbook } from './summary-workbook';
import { completenessLists, noteLines, renderTextReport } from './text';

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
    // The code and the date in one bracket, not "(chung-chai) (nộp ngày …)".
    expect(lists.late).toEqual(['Xã Chung Chải (mã chung-chai, nộp ngày 30/10/2018)']);
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
    expect(mail).not.toMatch(/Chung Chải(?! \((mã )?chung-chai)/);
    expect(mail).not.toMatch(/\(chung-chai(-np)?\) \(/);
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

describe('a tagged name followed by what is said of the unit: one bracket', () => {
  const Q3: Period = { type: 'quarter', year: 2018, index: 3 };
  /** DON_TONG and DON_KIENNGHI 2 in `months`, submitted in time or late; `extra` values, `note` in July. */
  function quarterBook(u: Unit, months: number[], late: boolean, extra = {}, note?: string): WorkbookInput {
    const v = Object.fromEntries(months.map((m) => [m, 2]));
    const day = late ? 28 : 10;
    const data = {
      values: { DON_TONG: m12(v), DON_KIENNGHI: m12(v), ...extra },
      submitted: Array.from({ length: 12 }, (_, m) =>
        months.includes(m + 1) ? `2018-${String(m + 2).padStart(2, '0')}-${day}` : null,
      ),
      ...(note ? { notes: { GHI_CHU: Array.from({ length: 12 }, (_, m) => (m === 6 ? note : null)) } } : {}),
    };
    return { source: `${u.code}.xlsx`, sheets: [modelToSheetInput(buildUnitSheet(u, 2018, CATALOGUE, data))] };
  }
  // Chung Chải late, its DON_DATDAI of September breaking a rule; its twin only July, with a note.
  const all = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const summary = summarise({
    catalogue: CATALOGUE,
    units: UNITS,
    settings: defaultSettings(),
    period: Q3,
    workbooks: [
      ...base.filter((u) => u.code !== 'chung-chai').map((u) => quarterBook(u, all, false)),
      quarterBook(chungChai, all, true, { DON_DATDAI: m12({ 9: 50 }) }),
      quarterBook(twin, [7], false, {}, 'Thiếu cán bộ'),
    ],
    generatedAt: '2018-11-05T02:00:00Z',
  }).summary;

  test('the lists: late months, missing months', () => {
    const lists = completenessLists(summary);
    expect(lists.late).toContain('Xã Chung Chải (mã chung-chai, tháng 7, 8, 9 nộp muộn)');
    expect(lists.partly).toEqual(['Xã Chung Chải (mã chung-chai-np, thiếu tháng 8, 9)']);
  });

  test('the narrative: missing months and the rule errors', () => {
    const text = summary.narrative.join('\n');
    expect(text).toContain('mới báo cáo một phần: xã Chung Chải (mã chung-chai-np, thiếu tháng 8, 9)');
    expect(text).toContain('Số liệu của xã Chung Chải (mã chung-chai, ô M40) còn lỗi chưa sửa');
    expect(summary.ruleErrors).toEqual([{ unitCode: 'chung-chai', label: 'xã Chung Chải', places: ['ô M40'] }]);
  });

  test('the notes, in every rendering', () => {
    expect(noteLines(summary)).toEqual(['Xã Chung Chải (mã chung-chai-np, tháng 7): Thiếu cán bộ.']);
    const texts = [
      summary.narrative.join('\n'),
      renderTextReport(summary, CATALOGUE),
      renderHtmlReport(summary, CATALOGUE),
    ];
    for (const t of texts) expect(t.match(/[^\n]{0,60}\(chung-chai(-np)?\) \([^\n]{0,60}/)?.[0]).toBeUndefined();
  });

  test('with one name each, the brackets are as before', () => {
    const one = summarise({
      catalogue: CATALOGUE,
      units: base,
      settings: defaultSettings(),
      period: Q3,
      workbooks: [
        ...base.filter((u) => u.code !== 'chung-chai').map((u) => quarterBook(u, all, false)),
        quarterBook(chungChai, [7], true, {}, 'Thiếu cán bộ'),
      ],
      generatedAt: '2018-11-05T02:00:00Z',
    }).summary;
    expect(completenessLists(one).partly).toEqual(['Xã Chung Chải (thiếu tháng 8, 9)']);
    expect(noteLines(one)).toEqual(['Xã Chung Chải (tháng 7): Thiếu cán bộ.']);
  });
});

describe('findings of a unit another shares the name of', () => {
  const finding = (message: string): Finding => ({
    severity: 'error',
    code: 'not-a-number',
    unitCode: 'chung-chai-np',
    message,
  });

  test('a place without a cell: the code inside its bracket, and said once however often tagged', () => {
    const where = { unit: 'Xã Chung Chải', indicator: 'Tổng số đơn tiếp nhận', month: 9 };
    const [once] = distinguishFindings([finding(FINDING_TEXT.notANumber(where, 'abc'))], UNITS);
    expect(once.message).toMatch(/^Xã Chung Chải \(mã chung-chai-np, Tổng số đơn tiếp nhận, tháng 9\): "abc" /);
    expect(distinguishFindings([once], UNITS)[0].message).toBe(once.message);
  });

  test('a place with a cell: the code after the name, the bracket of the cell after the cell', () => {
    const where = { unit: 'Xã Chung Chải', cell: 'M36', indicator: 'Tổng số đơn tiếp nhận', month: 9 };
    const [once] = distinguishFindings([finding(FINDING_TEXT.notANumber(where, 'abc'))], UNITS);
    expect(once.message).toMatch(/^Xã Chung Chải \(chung-chai-np\), ô M36 \(Tổng số đơn tiếp nhận, tháng 9\): /);
    expect(distinguishFindings([once], UNITS)[0].message).toBe(once.message);
  });

  test('read from the sheet of the twin: a finding on its cell names it with its code, once', () => {
    const book = workbook(twin, false);
    const grid = book.sheets[0].grid;
    const row = grid.findIndex((r) => r[0] === 'DON_TONG');
    grid[row] = grid[row].map((v, c) => (c === 3 ? 'abc' : v));
    const s = run([book]);
    const bad = s.findings.filter((f) => f.unitCode === 'chung-chai-np' && f.cell === `D${row + 1}`);
    expect(bad.map((f) => f.message)).toEqual([expect.stringMatching(/^Xã Chung Chải \(chung-chai-np\), ô D\d+ \(/)]);
  });
});
