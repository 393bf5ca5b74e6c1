import units2025Json from '../../sheets-templates/units-2025.json';
import { shuffle } from './aggregate/test-helpers';
import { defaultCatalogue, defaultSettings, defaultUnits } from './catalogue/defaults';
import { parseUnits, parseUnitsFile } from './catalogue/schema';
import {
  levelWordingFindings,
  openPeriodFinding,
  predecessorsMissing,
  type SummariseInput,
  summarise,
} from './pipeline';
import { escapeHtml } from './report/escape';
import { renderHtmlReport } from './report/html';
import { buildSummaryWorkbook } from './report/summary-workbook';
import { renderTextReport } from './report/text';
import { buildUnitSheet, LAYOUT, monthCol, type UnitSheetData } from './sheet/layout';
import { modelToSheetInput, rowWithCode, setCell } from './sheet/testing';
import { DEFAULT_LEVEL } from './text/level';
import type { IndicatorSummary, Period, Summary, Unit, WorkbookInput } from './types';
import { checkWorkbooks } from './validation/check';

const CATALOGUE = defaultCatalogue();
const SETTINGS = defaultSettings();
const UNITS = defaultUnits();
const SEP: Period = { type: 'month', year: 2018, index: 9 };
function parseUnitsOrThrow(data: unknown): Unit[] {
  const r = parseUnits(data);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}
const byCode = new Map(UNITS.map((u) => [u.code, u]));
const m12 = (sparse: Record<number, number>) => Array.from({ length: 12 }, (_, i) => sparse[i + 1] ?? null);

function workbook(
  u: Pick<Unit, 'code' | 'name' | 'kind'>,
  year: number,
  data: UnitSheetData,
  file = `${u.code}.xlsx`,
): WorkbookInput {
  return { source: file, sheets: [modelToSheetInput(buildUnitSheet(u, year, CATALOGUE, data))] };
}

function workbooks(): WorkbookInput[] {
  const u = (code: string) => byCode.get(code) as Unit;
  const sent = [
    'chung-chai',
    'huoi-lech',
    'leng-su-sin',
    'muong-nhe',
    'muong-toong',
    'nam-ke',
    'quang-lam',
    'sen-thuong',
    'sin-thau',
  ];
  const books = sent.map((code, i) =>
    workbook(u(code), 2018, {
      values: {
        DON_TONG: m12({ 3: 2, 9: i + 1 }),
        DON_KIENNGHI: m12({ 3: 2, 9: i + 1 }),
        DON_DATDAI: m12({ 3: 2, 9: i + 1 }),
      },
      submitted: Array.from({ length: 12 }, (_, m) =>
        m === 8 ? (code === 'nam-ke' ? '2018-09-20' : '2018-09-17') : null,
      ),
    }),
  );
  // Last year: Chung Chải and Pá Mỳ only; Pá Mỳ's sheet breaks a rule.
  books.push(
    workbook(u('chung-chai'), 2017, {
      values: { DON_TONG: m12({ 9: 4 }), DON_KIENNGHI: m12({ 9: 4 }), DON_DATDAI: m12({ 9: 4 }) },
    }),
    workbook(u('pa-my'), 2017, {
      values: { DON_TONG: m12({ 9: 3 }), DON_KIENNGHI: m12({ 9: 1 }), DON_DATDAI: m12({ 9: 3 }) },
    }),
  );
  // Mường Nhé typed an invalid number in September 2018.
  const mn = books[3].sheets[0];
  setCell(mn.grid, rowWithCode(mn.grid, 'TCD_LUOT'), 13, 'mười');
  return books;
}

/** September 2018 of the eleven communes, as workbooks() has them, on the 20th; `extra` changes the input. */
const september = (extra: Partial<Parameters<typeof summarise>[0]> = {}) =>
  summarise({
    catalogue: CATALOGUE,
    units: UNITS,
    settings: SETTINGS,
    period: SEP,
    workbooks: workbooks(),
    generatedAt: '2018-09-20T03:00:00Z',
    ...extra,
  });

describe('summarise', () => {
  const { summary, read } = september();
  const don = summary.indicators.find((i) => i.code === 'DON_TONG');

  it('reads both years and aggregates the period', () => {
    expect(read.reports.map((r) => `${r.unitCode} ${r.year}`)).toHaveLength(11);
    // 1+…+9 in September; 9 × 2 in March; last year 4 + 3
    expect([don?.period, don?.ytd, don?.lastYearPeriod, don?.lastYearYtd, don?.change]).toEqual([45, 63, 7, 7, 38]);
    expect(summary.excludedCells).toBe(1);
  });

  it('reports who is missing, as findings and in completeness', () => {
    const missing = summary.findings.filter((f) => f.code === 'unit-missing').map((f) => f.unitCode);
    expect(missing.sort()).toEqual(['nam-vi', 'pa-my']);
    // not sent is not unreadable
    expect(summary.unreadableUnits).toEqual([]);
    expect([summary.completeness.reported, summary.completeness.onTime]).toEqual([9, 8]);
    expect(summary.narrative[0]).toBe(
      'Đến ngày 20/09/2018, 9/11 xã đã gửi báo cáo (tỷ lệ 81,8%), 8 xã đúng hạn; chưa báo cáo: xã Nậm Vì, xã Pá Mỳ; nộp muộn: xã Nậm Kè. ' +
        // Pá Mỳ reported September 2017: every comparison with last year lacks it.
        // Eight others sent September 2018 but nothing for September 2017: the other way round.
        'Lưu ý: xã Pá Mỳ có số liệu cùng kỳ năm trước nhưng chưa có số liệu tháng 9/2018; ' +
        'xã Huổi Lếch, xã Leng Su Sìn, xã Mường Nhé và 5 đơn vị khác không có số liệu cùng kỳ năm trước, nên số tăng, giảm so cùng kỳ dưới đây chưa so sánh được đầy đủ. ' +
        'Các số liệu dưới đây chưa gồm 1 ô nhập sai của xã Mường Nhé (xem phần kiểm tra số liệu), nên sẽ thay đổi khi ô này được sửa.',
    );
  });

  it('says which sheet names a missing unit under another unit’s code', () => {
    // Nậm Vì's workbook says "Nậm Vì" in "Đơn vị" but Pá Mỳ's code in "Mã đơn vị" (a slip).
    const books = workbooks();
    const vi = workbook(
      { ...(byCode.get('pa-my') as Unit) },
      2018,
      { values: { DON_TONG: m12({ 9: 1 }) } },
      'nam-vi.xlsx',
    );
    const grid = vi.sheets[0].grid;
    const nameRow = grid.findIndex((r) => String(r?.[0] ?? '').startsWith('Đơn vị'));
    setCell(grid, nameRow + 1, 3, 'Nậm Vì');
    books.push(vi);
    const s = september({ workbooks: books }).summary;
    const missing = s.findings.find((f) => f.code === 'unit-missing' && f.unitCode === 'nam-vi');
    expect(missing?.message).toBe(
      'Xã Nậm Vì: chưa có báo cáo năm 2018 được tính — tệp nam-vi.xlsx, trang "Pá Mỳ 2018" ghi tên Xã Nậm Vì nhưng ô "Mã đơn vị" là mã của Xã Pá Mỳ, nên được đọc là của Xã Pá Mỳ; hãy sửa ô "Mã đơn vị" trong trang đó',
    );
  });

  it('keeps a year mismatch a warning when it made this year’s sheet read as last year’s', () => {
    const books = workbooks();
    // Huổi Lếch's 2018 workbook with "2017" typed in "Năm" (its sheet is still "Huổi Lếch 2018").
    const cc = books[1].sheets[0];
    const yearRow = cc.grid.findIndex((r) => String(r?.[0] ?? '').startsWith('Năm'));
    setCell(cc.grid, yearRow + 1, 3, 2017);
    const s = september({ workbooks: books }).summary;
    const mismatch = s.findings.find((f) => f.code === 'year-mismatch' && f.unitCode === 'huoi-lech');
    expect(mismatch?.severity).toBe('warning');
  });

  it('counts a unit the shell could not open as unreadable, not missing, in findings and narrative', () => {
    const { summary: s } = september({ unreadableUnits: ['pa-my'] });
    expect(s.unreadableUnits).toEqual(['pa-my']);
    const missing = s.findings.filter((f) => f.code === 'unit-missing').map((f) => f.unitCode);
    expect(missing).toEqual(['nam-vi']);
    expect(s.narrative[0]).toBe(
      'Đến ngày 20/09/2018, 9/11 xã đã gửi báo cáo (tỷ lệ 81,8%), 8 xã đúng hạn; chưa báo cáo: xã Nậm Vì; không đọc được báo cáo của: xã Pá Mỳ; nộp muộn: xã Nậm Kè. ' +
        // Pá Mỳ reported September 2017: every comparison with last year lacks it.
        // Eight others sent September 2018 but nothing for September 2017: the other way round.
        'Lưu ý: xã Pá Mỳ có số liệu cùng kỳ năm trước nhưng chưa có số liệu tháng 9/2018; ' +
        'xã Huổi Lếch, xã Leng Su Sìn, xã Mường Nhé và 5 đơn vị khác không có số liệu cùng kỳ năm trước, nên số tăng, giảm so cùng kỳ dưới đây chưa so sánh được đầy đủ. ' +
        'Các số liệu dưới đây chưa gồm 1 ô nhập sai của xã Mường Nhé (xem phần kiểm tra số liệu), nên sẽ thay đổi khi ô này được sửa.',
    );
  });

  it('lowers last year’s findings to info and keeps this year’s', () => {
    const paMy = summary.findings.filter((f) => f.unitCode === 'pa-my' && f.code !== 'unit-missing');
    expect(paMy.length).toBeGreaterThan(0);
    expect(paMy.every((f) => f.severity === 'info')).toBe(true);
    const raw = read.findings.filter((f) => f.unitCode === 'pa-my');
    expect(raw.some((f) => f.severity === 'error')).toBe(true);
    const invalid = summary.findings.filter((f) => f.unitCode === 'muong-nhe' && f.severity === 'error');
    expect(invalid).toHaveLength(1);
  });

  it('does not depend on the order of workbooks or units', () => {
    const again = september({ units: shuffle(UNITS, 5), workbooks: shuffle(workbooks(), 6) });
    expect(again.summary).toEqual(summary);
  });
});

describe('summarise with a commune’s sheet lacking an indicator’s row', () => {
  /** The September workbooks with the rows of `codes` ("A+B") deleted from the 2018 sheets of `units`. */
  const without = (codes: string, ...units: string[]) =>
    workbooks().map((book) => {
      if (!units.some((u) => book.source === `${u}.xlsx`) || !book.sheets[0].name.endsWith('2018')) return book;
      const grid = book.sheets[0].grid;
      for (const code of codes.split('+')) grid.splice(rowWithCode(grid, code) - 1, 1);
      return book;
    });
  /** The same workbooks with `code`'s row kept but emptied in those sheets: the figures a total then has. */
  const emptied = (code: string, ...units: string[]) =>
    workbooks().map((book) => {
      if (!units.some((u) => book.source === `${u}.xlsx`) || !book.sheets[0].name.endsWith('2018')) return book;
      const grid = book.sheets[0].grid;
      const row = rowWithCode(grid, code);
      for (let m = 1; m <= 12; m++) setCell(grid, row, monthCol(m), '');
      return book;
    });
  const run = (books: WorkbookInput[]) => september({ workbooks: books }).summary;
  const of = (s: Summary, code: string) => s.indicators.find((i) => i.code === code) as IndicatorSummary;

  it('names the units beside the figure, whose total is what the other units’ figures make', () => {
    const s = run(without('DON_TONG', 'huoi-lech', 'leng-su-sin'));
    const blank = run(emptied('DON_TONG', 'huoi-lech', 'leng-su-sin'));
    expect(s.findings.filter((f) => f.code === 'missing-indicator').map((f) => f.unitCode)).toEqual([
      'huoi-lech',
      'leng-su-sin',
    ]);
    const don = of(s, 'DON_TONG');
    expect(don.rowMissing).toEqual(['huoi-lech', 'leng-su-sin']);
    expect(of(blank, 'DON_TONG').rowMissing).toBeUndefined();
    // The totals are those of the sheets with the row there but empty: nothing added, nothing dropped.
    const figures = (i: IndicatorSummary) => [i.period, i.ytd, i.lastYearPeriod, i.lastYearYtd, i.change];
    expect(figures(don)).toEqual(figures(of(blank, 'DON_TONG')));
    expect(s.monthly.DON_TONG).toEqual(blank.monthly.DON_TONG);
    // Said where the figure is given, in the period's and the year to date's sentences alike.
    const lacks = 'chưa gồm số liệu của xã Huổi Lếch và xã Leng Su Sìn vì bảng báo cáo thiếu dòng chỉ tiêu này';
    const tcd = s.narrative.find((p) => p.startsWith('Tiếp công dân')) as string;
    expect(tcd).toContain(`tiếp nhận ${don.period} đơn thư (${lacks}; trong đó `);
    expect(tcd).toContain(`tiếp nhận ${don.ytd} đơn thư (${lacks}; trong đó `);
    // Only there: the other figures, and the narrative of the emptied rows, say nothing of it.
    expect(tcd.split(lacks)).toHaveLength(3);
    expect(blank.narrative.join(' ')).not.toContain('thiếu dòng');
    // Emptied rows are no rows missing: those units' parts without a total do not add up to it, so
    // that breakdown is left out there; the rest reads the same.
    const mismatch =
      'chưa nêu số chi tiết vì cộng lại chưa khớp tổng: số liệu của 2 xã chưa khớp, xem phần kiểm tra số liệu';
    const said = (p: string) =>
      p
        .split(`${lacks}; `)
        .join('')
        .replace(/\(trong đó [^)]*\)/g, '(…)');
    expect(blank.narrative.find((p) => p.startsWith('Tiếp công dân'))).toContain(`đơn thư (${mismatch})`);
    expect(s.narrative.map(said)).toEqual(blank.narrative.map((p) => p.split(`(${mismatch})`).join('(…)')));
  });

  it('says it in the data-quality lines of the summary sheet and of both e-mails', () => {
    const s = run(without('DON_TONG', 'huoi-lech', 'leng-su-sin'));
    const label = of(s, 'DON_TONG').label;
    const line =
      `Chỉ tiêu "${label}" chưa gồm số liệu của xã Huổi Lếch và xã Leng Su Sìn: ` +
      'bảng báo cáo của các đơn vị này thiếu dòng chỉ tiêu này (xem trang "Kiểm tra").';
    const sheet = buildSummaryWorkbook(s, CATALOGUE).sheets[0];
    const texts = sheet.rows.flatMap((r) => r.map((c) => c?.v));
    expect(texts).toContain(line);
    expect(renderTextReport(s, CATALOGUE)).toContain(`\n${line}\n`);
    expect(renderHtmlReport(s, CATALOGUE)).toContain(escapeHtml(line));
    // Nothing of the kind when the rows are there.
    const blank = run(emptied('DON_TONG', 'huoi-lech', 'leng-su-sin'));
    expect(renderTextReport(blank, CATALOGUE)).not.toContain('thiếu dòng chỉ tiêu');
  });

  it('names a part’s units inside its total’s bracket', () => {
    const s = run(without('DON_KIENNGHI', 'sin-thau'));
    const tcd = s.narrative.find((p) => p.startsWith('Tiếp công dân')) as string;
    const part = of(s, 'DON_KIENNGHI');
    expect(part.rowMissing).toEqual(['sin-thau']);
    expect(tcd).toContain(
      `(trong đó ${part.period} đơn kiến nghị, phản ánh (chưa gồm số liệu của xã Sín Thầu vì bảng báo cáo thiếu dòng chỉ tiêu này); `,
    );
    // A sheet without the total's row and the part's: said once, of the total.
    const both = run(without('DON_TONG+DON_KIENNGHI', 'sin-thau'));
    const said = both.narrative.find((p) => p.startsWith('Tiếp công dân')) as string;
    expect(said).toContain(
      `tiếp nhận ${of(both, 'DON_TONG').period} đơn thư (chưa gồm số liệu của xã Sín Thầu vì bảng báo cáo thiếu dòng chỉ tiêu này; ` +
        `trong đó ${of(both, 'DON_KIENNGHI').period} đơn kiến nghị, phản ánh; `,
    );
  });

  it('does not name a unit that has not reported (said among those that have not)', () => {
    // Pá Mỳ's 2018 sheet, empty and unsent, without the row.
    const paMy = workbook(byCode.get('pa-my') as Unit, 2018, { values: {} });
    paMy.sheets[0].grid.splice(rowWithCode(paMy.sheets[0].grid, 'TCD_LUOT') - 1, 1);
    const s = run([...workbooks(), paMy]);
    expect(s.findings.some((f) => f.code === 'missing-indicator' && f.unitCode === 'pa-my')).toBe(true);
    expect(of(s, 'TCD_LUOT').rowMissing).toBeUndefined();
  });
});

describe('summarise with figures that break an error-level rule', () => {
  /** The September workbooks with `value` typed in `code`'s cell of `month` in `unit`'s 2018 sheet. */
  const typed = (books: WorkbookInput[], unit: string, code: string, month: number, value: number) => {
    const book = books.find((b) => b.source === `${unit}.xlsx` && b.sheets[0].name.endsWith('2018'));
    const grid = (book as WorkbookInput).sheets[0].grid;
    setCell(grid, rowWithCode(grid, code), monthCol(month), value);
    return books;
  };
  const run = (books: WorkbookInput[], catalogue = CATALOGUE) => september({ workbooks: books, catalogue }).summary;
  // Chung Chải: 5 petitions by type in September, 1 in all; Sín Thầu: 9 of its 9 on land, and 3 more.
  const books = () => typed(typed(workbooks(), 'chung-chai', 'DON_KIENNGHI', 9, 5), 'sin-thau', 'DON_DATDAI', 9, 12);
  const s = run(books());
  const errors = s.findings.filter((f) => f.code === 'rule-violation' && f.severity === 'error');

  it('counts them as typed and says whose they are, and where, before the figures', () => {
    expect(errors.map((f) => f.unitCode)).toEqual(['chung-chai', 'sin-thau']);
    // Counted: the totals are those the same figures make with no rule to break.
    const unruled = run(books(), { ...CATALOGUE, rules: [] });
    expect(s.indicators).toEqual(unruled.indicators);
    expect(unruled.narrative[0]).not.toContain('còn lỗi');
    const cell = (unit: string) => errors.find((f) => f.unitCode === unit)?.cell as string;
    expect(s.ruleErrors).toEqual([
      { unitCode: 'chung-chai', label: 'xã Chung Chải', places: [`ô ${cell('chung-chai')}`] },
      { unitCode: 'sin-thau', label: 'xã Sín Thầu', places: [`ô ${cell('sin-thau')}`] },
    ]);
    expect(s.narrative[0]).toBe(
      `${unruled.narrative[0]} Số liệu của xã Chung Chải (ô ${cell('chung-chai')}) và xã Sín Thầu (ô ${cell('sin-thau')}) ` +
        'còn lỗi chưa sửa (xem phần kiểm tra số liệu) nhưng vẫn được tính vào các số liệu dưới đây; cần kiểm tra lại.',
    );
  });

  it('says nothing of months after the period, of last year’s sheets, or of rules that only warn', () => {
    // October's figures are in no total of September; Pá Mỳ's 2017 sheet breaks a rule (an 'info' now).
    const later = run(typed(typed(workbooks(), 'chung-chai', 'DON_TONG', 10, 1), 'chung-chai', 'DON_KIENNGHI', 10, 5));
    // A month after the period: its findings are not the report's (the commune's own check lists them).
    expect(later.findings.some((f) => f.month === 10)).toBe(false);
    // More petitions settled than received: a rule of importance 'warning'.
    const settled = run(typed(workbooks(), 'chung-chai', 'DON_DAGIAIQUYET', 9, 7));
    expect(settled.findings.some((f) => f.code === 'rule-violation' && f.severity === 'warning')).toBe(true);
    for (const x of [later, settled, september().summary]) {
      expect(x.ruleErrors).toBeUndefined();
      expect(x.narrative[0]).not.toContain('còn lỗi');
    }
  });

  it('lists a unit’s places, at most three', () => {
    const many = books();
    // Four more months of 5 petitions by type out of 1 in all (March also breaks the rule by field).
    for (const m of [2, 3, 4, 5])
      typed(typed(many, 'chung-chai', 'DON_TONG', m, 1), 'chung-chai', 'DON_KIENNGHI', m, 5);
    const x = run(many);
    const places = x.findings
      .filter((f) => f.code === 'rule-violation' && f.severity === 'error' && f.unitCode === 'chung-chai')
      .map((f) => `ô ${f.cell}`);
    expect([...(x.ruleErrors?.[0].places ?? [])].sort()).toEqual([...new Set(places)].sort());
    const shown = x.ruleErrors?.[0].places as string[];
    expect(shown.length).toBeGreaterThan(4);
    expect(x.narrative[0]).toContain(`xã Chung Chải (${shown.slice(0, 3).join(', ')} và ${shown.length - 3} ô khác)`);
  });
});

describe('summarise across the 2025 merger', () => {
  const units2025 = parseUnitsOrThrow(units2025Json);
  const sep2025: Period = { type: 'month', year: 2025, index: 9 };
  const books = [
    ...UNITS.map((u, i) => workbook(u, 2024, { values: { TCD_LUOT: m12({ 9: i + 1 }) } })),
    ...units2025.map((u) =>
      workbook(u, 2025, {
        values: { TCD_LUOT: m12({ 9: 10 }) },
        submitted: Array.from({ length: 12 }, (_, m) => (m === 8 ? '2025-09-16' : null)),
      }),
    ),
  ];
  // September 2025 over the merged units; `extra` changes one field.
  const merged = (extra: Partial<SummariseInput> = {}) =>
    summarise({
      catalogue: CATALOGUE,
      units: units2025,
      settings: SETTINGS,
      period: sep2025,
      workbooks: books,
      generatedAt: '2025-09-20T03:00:00Z',
      ...extra,
    });
  const { summary, read } = merged();

  it('reads the old communes’ sheets and compares with their sum', () => {
    expect(read.reports).toHaveLength(16);
    const luot = summary.indicators.find((i) => i.code === 'TCD_LUOT');
    expect([luot?.period, luot?.lastYearPeriod, luot?.change]).toEqual([50, 66, -16]);
    expect(summary.completeness.rows.map((r) => r.status)).toEqual(['onTime', 'onTime', 'onTime', 'onTime', 'onTime']);
    // No old commune sent January–June 2025, nor Na Cô Sa 2024: the year to date and "so cùng kỳ"
    // lack them, and only that is said.
    const warned = summary.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.unitCode}`);
    expect(warned.sort()).toEqual(
      [
        ...[...UNITS.map((u) => u.code), 'na-co-sa'].map((c) => `predecessor-missing ${c}`),
        'predecessor-missing-last-year na-co-sa',
      ].sort(),
    );
    expect(summary.narrative[0]).toBe(
      'Đến ngày 20/09/2025, 5/5 xã đã gửi báo cáo (tỷ lệ 100%), 5 xã đúng hạn. ' +
        'Lưu ý: số liệu cùng kỳ năm trước của xã Quảng Lâm (đơn vị "na-co-sa" tháng 9) chưa gồm đơn vị cũ chưa báo cáo trước sáp nhập, nên số tăng, giảm so cùng kỳ dưới đây chưa so sánh được đầy đủ.',
    );
  });

  it('reads, without former units, only current units and their predecessors (none is left unmatched)', () => {
    // summarise looks for unmatched reports only beside former units: this is why it may.
    const stranger = { code: 'chung-chai-cu', name: 'Chung Chải Cũ', kind: 'xã' };
    const run = merged({
      workbooks: [...books, workbook(stranger, 2024, { values: { TCD_LUOT: m12({ 9: 1000 }) } })],
    });
    const known = new Set(units2025.flatMap((u) => [u.code, ...(u.succession?.predecessors ?? [])]));
    expect(run.read.reports).toHaveLength(16);
    expect(run.read.reports.every((r) => known.has(r.unitCode))).toBe(true);
    expect(run.summary.indicators).toEqual(summary.indicators);
  });

  it('reads old communes known by code only, named from their sheets', () => {
    expect(read.reports.find((r) => r.unitCode === 'chung-chai')?.unitName).toBe('Chung Chải');
    // Whatever the reader says about last year's sheets is information only.
    const old = new Set(UNITS.map((u) => u.code));
    const aboutOld = summary.findings.filter(
      (f) => f.unitCode && old.has(f.unitCode) && f.code !== 'predecessor-missing',
    );
    expect(aboutOld.every((f) => f.severity === 'info')).toBe(true);
  });

  it('names the old communes from formerUnits', () => {
    const named = merged({ formerUnits: UNITS });
    expect(named.read.reports.find((r) => r.unitCode === 'chung-chai')?.unitName).toBe('Chung Chải');
    expect(named.summary.indicators).toEqual(summary.indicators);
    // Na Cô Sa sent no sheet at all: only formerUnits names it in the warnings.
    const naCoSa = { code: 'na-co-sa', name: 'Na Cô Sa', kind: 'xã', emails: [] };
    const about = (s: typeof summary) =>
      s.findings.filter((f) => f.unitCode === 'na-co-sa').map((f) => f.message.slice(0, f.message.indexOf(' (')));
    expect(about(summary)).toEqual(['Đơn vị cũ mã "na-co-sa"', 'Đơn vị cũ mã "na-co-sa"']);
    expect(about(merged({ formerUnits: [...UNITS, naCoSa] }).summary)).toEqual(['Xã Na Cô Sa', 'Xã Na Cô Sa']);
  });

  it('tells of last year’s report of a unit that belongs to no current unit', () => {
    // A former unit's own predecessor is read (by code), yet no current unit takes it over.
    const former = UNITS.map((u) =>
      u.code === 'chung-chai' ? { ...u, succession: { from: '2010-01-01', predecessors: ['chung-chai-cu'] } } : u,
    );
    const old = { code: 'chung-chai-cu', name: 'Chung Chải Cũ', kind: 'xã' };
    const run = merged({
      workbooks: [...books, workbook(old, 2024, { values: { TCD_LUOT: m12({ 9: 1000 }) } })],
      formerUnits: former,
    });
    expect(run.read.reports.some((r) => r.unitCode === 'chung-chai-cu')).toBe(true);
    expect(run.summary.findings.filter((f) => f.code === 'unit-unmatched')).toEqual([
      {
        severity: 'info',
        code: 'unit-unmatched',
        unitCode: 'chung-chai-cu',
        message:
          'Báo cáo năm 2024 của đơn vị "chung-chai-cu" không thuộc đơn vị nào trong danh sách hiện nay (kể cả các đơn vị cũ đã sáp nhập), nên không được tính vào số liệu cùng kỳ',
      },
    ]);
    // Not counted: last year's total is that of the communes that became the current ones.
    expect(run.summary.indicators).toEqual(summary.indicators);
    expect(summary.findings.filter((f) => f.code === 'unit-unmatched')).toEqual([]);
  });
});

describe('summarise with an old commune split between two new ones', () => {
  // Nậm Vì is listed under Mường Nhé (as in 2025) and under Nậm Kè too.
  const units2025 = parseUnitsOrThrow(units2025Json).map((u) =>
    u.code === 'nam-ke-2025' && u.succession
      ? { ...u, succession: { ...u.succession, predecessors: [...u.succession.predecessors, 'nam-vi'] } }
      : u,
  );
  const sep2025: Period = { type: 'month', year: 2025, index: 9 };
  const lastYear = UNITS.map((u, i) => ({ code: u.code, luot: i + 1 }));
  const books = [
    ...UNITS.map((u, i) => workbook(u, 2024, { values: { TCD_LUOT: m12({ 9: lastYear[i].luot }) } })),
    // In the year of the merger Nậm Vì still reported March.
    workbook(byCode.get('nam-vi') as Unit, 2025, { values: { TCD_LUOT: m12({ 3: 100 }) } }),
    ...units2025.map((u) => workbook(u, 2025, { values: { TCD_LUOT: m12({ 9: 10 }) } })),
  ];
  const run = (units: Unit[], wbs: WorkbookInput[]) =>
    summarise({
      catalogue: CATALOGUE,
      units,
      settings: SETTINGS,
      period: sep2025,
      workbooks: wbs,
      generatedAt: '2025-09-20T03:00:00Z',
    }).summary;
  const summary = run(units2025, books);
  const luot = summary.indicators.find((i) => i.code === 'TCD_LUOT');

  it('counts the split commune once in last year’s total and in this year’s', () => {
    // Every old commune reported once: the total is their plain sum (Nậm Vì not twice).
    const distinct = lastYear.reduce((acc, r) => acc + r.luot, 0);
    expect(luot?.lastYearPeriod).toBe(distinct);
    expect(luot?.lastYearYtd).toBe(distinct);
    // Year to date: 10 per new commune in September plus Nậm Vì's March, once.
    expect(luot?.ytd).toBe(10 * units2025.length + 100);
  });

  it('warns once, naming the old commune and both successors', () => {
    const split = summary.findings.filter((f) => f.code === 'unit-split');
    expect(split).toHaveLength(1);
    expect(split[0]).toMatchObject({ severity: 'warning', unitCode: 'nam-vi', unitName: 'Nậm Vì' });
    expect(split[0].message).toBe(
      'Đơn vị cũ "Nậm Vì" (mã nam-vi) được ghi là đơn vị cũ của cả Mường Nhé và Nậm Kè (danh sách đơn vị: trang "Đơn vị" hoặc tệp đơn vị): ' +
        'số liệu của "Nậm Vì", kể cả số liệu cùng kỳ, chỉ tính cho Mường Nhé (đơn vị xếp trước theo tên), ' +
        'để tổng không bị tính hai lần. Nếu "Nậm Vì" được chia cho nhiều đơn vị, số liệu của Nậm Kè ' +
        'không gồm phần của "Nậm Vì". Muốn tính cho đơn vị khác, chỉ ghi "nam-vi" ở đơn vị đó.',
    );
  });

  it('lists the warning on the "Kiểm tra" sheet, under the old commune’s name', () => {
    const checks = buildSummaryWorkbook(summary, CATALOGUE).sheets.find((s) => s.name === 'Kiểm tra');
    const message = summary.findings.find((f) => f.code === 'unit-split')?.message;
    const rows = (checks?.rows ?? []).filter((r) => r[6]?.v === message);
    expect(rows.map((r) => [r[0]?.v, r[1]?.v])).toEqual([['Cảnh báo', 'Nậm Vì']]);
  });

  it('gives no split warning without a split', () => {
    const plain = run(parseUnitsOrThrow(units2025Json), books);
    expect(plain.findings.filter((f) => f.code === 'unit-split')).toEqual([]);
    // The same total: the split moved nothing, it only stopped counting Nậm Vì twice.
    expect(plain.indicators.find((i) => i.code === 'TCD_LUOT')?.lastYearPeriod).toBe(luot?.lastYearPeriod);
  });

  it('does not depend on the order of units or workbooks', () => {
    expect(run(shuffle(units2025, 3), shuffle(books, 4))).toEqual(summary);
  });
});

/**
 * Tổng hợp over `books` (made for the new Mường Nhé, muong-nhe-2025) with the 2025 units, Mường
 * Nhé's merger dated `from` (01/07/2025 as in the units file when not given).
 */
function mergerRun(period: Period, books: (mn: Unit) => WorkbookInput[], from?: string) {
  const units = parseUnitsOrThrow(units2025Json).map((u) =>
    from && u.code === 'muong-nhe-2025'
      ? { ...u, succession: { ...(u.succession as NonNullable<Unit['succession']>), from } }
      : u,
  );
  const mn = units.find((u) => u.code === 'muong-nhe-2025') as Unit;
  return summarise({
    catalogue: CATALOGUE,
    units,
    settings: SETTINGS,
    period,
    workbooks: books(mn),
    generatedAt: '2025-10-05T03:00:00Z',
  }).summary;
}
/** An old commune's 2025 sheet with these TCD_LUOT figures by month. */
const oldCommune = (code: string, name: string, values: Record<number, number>) =>
  workbook({ code, name, kind: 'xã' }, 2025, { values: { TCD_LUOT: m12(values) } });
const ONE_A_MONTH_TO_JUNE = { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1 };
const NINE_2025: Period = { type: 'nine', year: 2025, index: 1 };
const SEPTEMBER_2025: Period = { type: 'month', year: 2025, index: 9 };

describe('an old commune still filling its own sheet after the 2025 merger', () => {
  it('is left out for those months, with a warning naming it, the new commune and the months', () => {
    const s = mergerRun(NINE_2025, (mn) => [
      oldCommune('muong-nhe', 'Mường Nhé', { 1: 1, 7: 10 }),
      oldCommune('nam-vi', 'Nậm Vì', { 1: 2, 7: 5, 8: 5 }),
      workbook(mn, 2025, { values: { TCD_LUOT: m12({ 9: 7 }) } }),
    ]);
    // 1 + 2 before the merger, 7 of the new commune; Nậm Vì's 5 + 5 and the old Mường Nhé's 10 are not added.
    expect(s.indicators.find((i) => i.code === 'TCD_LUOT')?.ytd).toBe(10);
    const after = s.findings.filter((f) => f.code === 'predecessor-after-merger');
    expect(after.map((f) => f.unitCode).sort()).toEqual(['muong-nhe', 'nam-vi']);
    expect(after.find((f) => f.unitCode === 'nam-vi')?.message).toContain(
      'vẫn có số liệu tháng 7, 8 năm 2025, sau khi sáp nhập',
    );
  });
});

describe('a new commune that also typed its old communes’ months before the 2025 merger', () => {
  it('counts each month once, the new commune’s, and says which old months were not added', () => {
    const s = mergerRun(SEPTEMBER_2025, (mn) => [
      oldCommune('muong-nhe', 'Mường Nhé', ONE_A_MONTH_TO_JUNE),
      oldCommune('nam-vi', 'Nậm Vì', ONE_A_MONTH_TO_JUNE),
      oldCommune('chung-chai', 'Chung Chải', ONE_A_MONTH_TO_JUNE),
      // The new commune's sheet: its old communes' totals for January–June, then its own.
      workbook(mn, 2025, { values: { TCD_LUOT: m12({ 1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 10, 8: 10, 9: 10 }) } }),
    ]);
    // 6 × 3 + 3 × 10, not 6 × 6 + 3 × 10.
    expect(s.indicators.find((i) => i.code === 'TCD_LUOT')?.ytd).toBe(48);
    const overlap = s.findings.filter((f) => f.code === 'predecessor-overlap');
    expect(overlap.map((f) => f.unitCode).sort()).toEqual(['chung-chai', 'muong-nhe', 'nam-vi']);
    const namVi = overlap.find((f) => f.unitCode === 'nam-vi')?.message;
    expect(namVi).toContain('Xã Nậm Vì (nay thuộc xã Mường Nhé) có số liệu tháng 1–6 năm 2025');
    expect(namVi).toContain('chỉ tính theo báo cáo của xã Mường Nhé');
    expect(namVi).toContain('nếu ngày sáp nhập (01/07/2025) ghi chưa đúng');
  });
});

describe('old communes whose sheets stop before the 2025 merger, the new commune’s sheet having those months', () => {
  it('are not called missing for them: neither in the findings, nor in completeness, nor in the narrative', () => {
    const QUARTER_2: Period = { type: 'quarter', year: 2025, index: 2 };
    const toMarch = { 1: 1, 2: 1, 3: 1 };
    const sixMonths = Array.from({ length: 12 }, (_, m) =>
      m < 6 ? `2025-${String(m + 1).padStart(2, '0')}-10` : null,
    );
    const s = mergerRun(QUARTER_2, (mn) => [
      oldCommune('muong-nhe', 'Mường Nhé', toMarch),
      oldCommune('nam-vi', 'Nậm Vì', toMarch),
      oldCommune('chung-chai', 'Chung Chải', toMarch),
      // The new commune typed its old communes' totals for January–June, each month dated.
      workbook(mn, 2025, { values: { TCD_LUOT: m12({ 1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3 }) }, submitted: sixMonths }),
    ]);
    expect(s.indicators.find((i) => i.code === 'TCD_LUOT')?.ytd).toBe(18);
    const olds = ['muong-nhe', 'nam-vi', 'chung-chai'];
    const about = s.findings.filter((f) => olds.includes(f.unitCode ?? '')).map((f) => `${f.code} ${f.unitCode}`);
    expect(about.sort()).toEqual(olds.map((c) => `predecessor-overlap ${c}`).sort());
    const row = s.completeness.rows.find((r) => r.unitCode === 'muong-nhe-2025');
    expect([row?.status, row?.missingMonths, row?.formerGaps]).toEqual(['onTime', [], undefined]);
    expect(s.narrative[0]).toMatch(/^Đến ngày 05\/10\/2025, 1\/5 xã đã gửi báo cáo/);
    expect(s.narrative[0]).not.toContain('thiếu số liệu của đơn vị cũ');
  });
});

describe('an old commune’s figures that break an error-level rule, in the merger’s year', () => {
  it('are named by the old commune when counted (before the merger), not after it (left out)', () => {
    // Nậm Vì: 3 petitions by type out of 1 in all, in February (counted) and in August (after the merger).
    const namVi = workbook({ code: 'nam-vi', name: 'Nậm Vì', kind: 'xã' }, 2025, {
      values: { DON_TONG: m12({ 2: 1, 8: 1 }), DON_KIENNGHI: m12({ 2: 3, 8: 3 }) },
    });
    const s = mergerRun(NINE_2025, (mn) => [namVi, workbook(mn, 2025, { values: { TCD_LUOT: m12({ 9: 7 }) } })]);
    const errors = s.findings.filter((f) => f.code === 'rule-violation' && f.severity === 'error');
    expect(errors.map((f) => f.month)).toEqual([2, 8]);
    const february = errors.find((f) => f.month === 2)?.cell;
    expect(s.ruleErrors).toEqual([{ unitCode: 'nam-vi', label: 'xã Nậm Vì', places: [`ô ${february}`] }]);
    expect(s.narrative[0]).toContain(`Số liệu của xã Nậm Vì (ô ${february}) còn lỗi chưa sửa`);
  });
});

describe('an old commune’s rule error in a month the new commune reported too', () => {
  it('is not said to be counted: that figure is the new commune’s', () => {
    // Nậm Vì: 3 petitions by type out of 1 in all in April; the new commune typed April's totals too.
    const namVi = workbook({ code: 'nam-vi', name: 'Nậm Vì', kind: 'xã' }, 2025, {
      values: { DON_TONG: m12({ 4: 1 }), DON_KIENNGHI: m12({ 4: 3 }) },
    });
    const s = mergerRun(NINE_2025, (mn) => [
      namVi,
      workbook(mn, 2025, { values: { DON_TONG: m12({ 4: 3 }), DON_KIENNGHI: m12({ 4: 3 }) } }),
    ]);
    expect(
      s.findings.filter((f) => f.code === 'rule-violation' && f.unitCode === 'nam-vi').map((f) => f.month),
    ).toEqual([4]);
    expect(s.indicators.find((i) => i.code === 'DON_TONG')?.ytd).toBe(3);
    expect(s.ruleErrors ?? []).toEqual([]);
    expect(s.narrative[0]).not.toContain('còn lỗi chưa sửa');
  });
});

describe('a 2025 merger date typed with day and month swapped (07/01/2025 for 01/07/2025)', () => {
  it('counts the old communes’ months up to the new commune’s first, and asks about the date', () => {
    const s = mergerRun(
      SEPTEMBER_2025,
      (mn) => [
        oldCommune('muong-nhe', 'Mường Nhé', ONE_A_MONTH_TO_JUNE),
        oldCommune('nam-vi', 'Nậm Vì', ONE_A_MONTH_TO_JUNE),
        oldCommune('chung-chai', 'Chung Chải', ONE_A_MONTH_TO_JUNE),
        workbook(mn, 2025, { values: { TCD_LUOT: m12({ 7: 10, 8: 10, 9: 10 }) } }),
      ],
      '2025-01-07',
    );
    expect(s.indicators.find((i) => i.code === 'TCD_LUOT')?.ytd).toBe(48);
    expect(s.findings.filter((f) => f.code === 'predecessor-after-merger')).toEqual([]);
    const slip = s.findings.filter((f) => f.code === 'merger-date-slip');
    expect(slip.map((f) => [f.severity, f.unitCode])).toEqual([['warning', 'muong-nhe-2025']]);
    expect(slip[0].message).toBe(
      'Ngày sáp nhập của xã Mường Nhé ghi là 07/01/2025, nhưng các đơn vị cũ vẫn báo cáo đến tháng 6 năm 2025 và ' +
        'xã Mường Nhé báo cáo từ tháng 7: số liệu đến tháng 6 được tính theo báo cáo của các đơn vị cũ. ' +
        'Hãy kiểm tra lại ngày sáp nhập trong danh sách đơn vị (có phải là 01/07/2025?)',
    );
  });
});

describe('an old commune still in the list of units after its merger', () => {
  it('is warned about once, naming the new commune and the date', () => {
    const units = parseUnitsOrThrow(units2025Json);
    const withOld = [...units, { code: 'nam-vi', name: 'Nậm Vì', kind: 'xã', emails: [] }];
    const s = summarise({
      catalogue: CATALOGUE,
      units: withOld,
      settings: SETTINGS,
      period: { type: 'month', year: 2025, index: 9 },
      workbooks: [],
      generatedAt: '2025-10-05T03:00:00Z',
    }).summary;
    const also = s.findings.filter((f) => f.code === 'unit-also-predecessor');
    expect(also.map((f) => f.unitCode)).toEqual(['nam-vi']);
    expect(also[0].message).toContain(
      'Xã Nậm Vì vẫn có trong danh sách đơn vị, trong khi Xã Mường Nhé được ghi là sáp nhập',
    );
    // Without it in the list: nothing to say.
    const plain = summarise({
      catalogue: CATALOGUE,
      units,
      settings: SETTINGS,
      period: { type: 'month', year: 2025, index: 9 },
      workbooks: [],
      generatedAt: '2025-10-05T03:00:00Z',
    }).summary;
    expect(plain.findings.some((f) => f.code === 'unit-also-predecessor')).toBe(false);
  });
});

describe('an old commune’s sheet with its unit code cleared, named as the new commune of its name', () => {
  // "Mường Nhé" is the new muong-nhe-2025 (from 01/07/2025) and the old muong-nhe it took in.
  const file = parseUnitsFile(units2025Json);
  if (!file.ok) throw new Error(file.errors.join('\n'));
  const { units, formerUnits } = file.value;
  const OLD = { code: 'muong-nhe', name: 'Mường Nhé', kind: 'xã' };
  /** A "Mường Nhé <year>" sheet with TCD_LUOT 1 in January and 3 in September, "Mã đơn vị" empty. */
  function uncoded(year: number): WorkbookInput {
    const submitted = Array.from({ length: 12 }, (_, m) => (m === 0 || m === 8 ? `${year}-0${m + 1}-16` : null));
    const book = workbook(OLD, year, { values: { TCD_LUOT: m12({ 1: 1, 9: 3 }) }, submitted }, 'bao-cao.xlsx');
    book.sheets[0].grid[LAYOUT.unitCodeRow - 1][LAYOUT.valueCol - 1] = '';
    return book;
  }
  const run = (year: number, books: WorkbookInput[], named: boolean) =>
    summarise({
      catalogue: CATALOGUE,
      units,
      settings: SETTINGS,
      period: { type: 'month', year, index: 9 },
      workbooks: books,
      generatedAt: `${year}-10-05T03:00:00Z`,
      ...(named ? { formerUnits } : {}),
    });
  const luot = (r: ReturnType<typeof run>) => {
    const i = r.summary.indicators.find((x) => x.code === 'TCD_LUOT');
    return [i?.period, i?.ytd, i?.lastYearPeriod, i?.lastYearYtd];
  };
  const about = (r: ReturnType<typeof run>, code: string) =>
    r.summary.findings.filter((f) => f.unitCode === code || (!f.unitCode && f.code === 'unknown-unit'));

  it.each([true, false])(
    'a year before the merger: the old commune’s, counted in "so cùng kỳ" (formerUnits: %s)',
    (named) => {
      const r = run(2025, [uncoded(2024)], named);
      expect(r.read.reports.map((x) => [x.unitCode, x.unitName, x.year])).toEqual([['muong-nhe', 'Mường Nhé', 2024]]);
      expect(luot(r)).toEqual([null, null, 3, 4]);
      // Neither unreadable nor "no report of 2024" for the old commune, and no question to ask.
      expect(about(r, 'muong-nhe').filter((f) => f.severity !== 'info')).toEqual([]);
      expect(r.summary.findings.some((f) => f.code === 'unknown-unit' || f.code === 'unit-name-shared')).toBe(false);
    },
  );

  it.each([true, false])(
    'the merger’s year: taken for the old commune, its figures counted, and a warning says how to set the code (formerUnits: %s)',
    (named) => {
      const r = run(2025, [uncoded(2025)], named);
      expect(r.read.reports.map((x) => [x.unitCode, x.year])).toEqual([['muong-nhe', 2025]]);
      // January as the old commune's; September too, the new commune going on in its sheet.
      expect(luot(r)).toEqual([3, 4, null, null]);
      const shared = r.summary.findings.filter((f) => f.code === 'unit-name-shared');
      expect(shared).toEqual([
        {
          severity: 'warning',
          code: 'unit-name-shared',
          file: 'bao-cao.xlsx',
          sheet: 'Mường Nhé 2025',
          unitCode: 'muong-nhe',
          unitName: 'Mường Nhé',
          message:
            'Tệp bao-cao.xlsx, trang "Mường Nhé 2025": ô "Mã đơn vị" để trống, mà xã Mường Nhé (mã muong-nhe-2025, ' +
            'sáp nhập từ ngày 01/07/2025) và Mường Nhé cũ (đơn vị cũ, mã muong-nhe) cùng tên, nên không rõ đây là ' +
            'báo cáo của đơn vị nào; trang năm 2025 này đã được tính là của Mường Nhé cũ. Nếu đúng, hãy ghi mã ' +
            '"muong-nhe" vào ô "Mã đơn vị"; nếu là báo cáo của xã Mường Nhé (mới), hãy ghi mã "muong-nhe-2025"',
        },
      ]);
      expect(r.summary.findings.some((f) => f.code === 'unknown-unit')).toBe(false);
      expect(about(r, 'muong-nhe').map((f) => f.code)).toEqual(['unit-name-shared']);
    },
  );

  it.each([true, false])('a year after the merger: the new commune’s, no warning (formerUnits: %s)', (named) => {
    const r = run(2026, [uncoded(2026)], named);
    expect(r.read.reports.map((x) => [x.unitCode, x.year])).toEqual([['muong-nhe-2025', 2026]]);
    expect(luot(r)).toEqual([3, 4, null, null]);
    expect(r.summary.findings.some((f) => f.code === 'unit-name-shared' || f.code === 'unknown-unit')).toBe(false);
  });

  it.each([true, false])(
    'the merger’s year with the new code in its cell: the old commune of its name is not called missing for the months the sheet has (formerUnits: %s)',
    (named) => {
      const NEW = { code: 'muong-nhe-2025', name: 'Mường Nhé', kind: 'xã' };
      const submitted = Array.from({ length: 12 }, (_, m) =>
        m < 9 ? `2025-${String(m + 1).padStart(2, '0')}-16` : null,
      );
      const values = { TCD_LUOT: m12({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 3 }) };
      const r = run(2025, [workbook(NEW, 2025, { values, submitted }, 'bao-cao.xlsx')], named);
      expect(r.read.reports.map((x) => x.unitCode)).toEqual(['muong-nhe-2025']);
      expect(luot(r)).toEqual([3, 11, null, null]);
      const missing = r.summary.findings.filter((f) => f.code === 'predecessor-missing').map((f) => f.unitCode);
      // Named, "Mường Nhé" (old) went on in this sheet; by code only, nothing tells it from the others.
      expect(missing.includes('muong-nhe')).toBe(!named);
      // The other old communes of the merger sent nothing: still named.
      expect(missing).toEqual(expect.arrayContaining(['nam-vi', 'chung-chai']));
    },
  );

  it('with the code in its cell nothing is asked: the code decides', () => {
    const coded = workbook(OLD, 2025, { values: { TCD_LUOT: m12({ 1: 1, 9: 3 }) } }, 'bao-cao.xlsx');
    const r = run(2025, [coded], true);
    expect(r.read.reports.map((x) => x.unitCode)).toEqual(['muong-nhe']);
    expect(r.summary.findings.some((f) => f.code === 'unit-name-shared')).toBe(false);
  });
});

describe('predecessorsMissing (Kiểm tra): old communes with no sheet for a year they were to report', () => {
  const file = parseUnitsFile(units2025Json);
  if (!file.ok) throw new Error(file.errors.join('\n'));
  const { units, formerUnits } = file.value;
  // 2025: these old communes sent January; Huổi Lếch, Nậm Kè, Pá Mỳ and Na Cô Sa nothing.
  const sent = [
    'muong-nhe',
    'nam-vi',
    'chung-chai',
    'sin-thau',
    'sen-thuong',
    'leng-su-sin',
    'muong-toong',
    'quang-lam',
  ];
  const books = sent.map((code) =>
    workbook({ code, name: code, kind: 'xã' }, 2025, { values: { TCD_LUOT: m12({ 1: 1 }) } }),
  );
  const { reports } = checkWorkbooks(books, { level: DEFAULT_LEVEL, catalogue: CATALOGUE, units });

  it('names those owing months of the year, in Tổng hợp’s words; not those that reported', () => {
    const found = predecessorsMissing(reports, units, 2025, SETTINGS.cutoffDay, formerUnits);
    expect(found.map((f) => f.unitCode)).toEqual(['huoi-lech', 'na-co-sa', 'nam-ke', 'pa-my']);
    expect(found[1]).toEqual({
      severity: 'warning',
      code: 'predecessor-missing',
      unitCode: 'na-co-sa',
      unitName: 'Na Cô Sa',
      message:
        'Xã Na Cô Sa (nay thuộc xã Quảng Lâm) không có báo cáo năm 2025: số liệu tháng 1–6 năm 2025 của ' +
        'xã Quảng Lâm chưa gồm Na Cô Sa; hãy bổ sung báo cáo năm 2025 của Na Cô Sa',
    });
    // Tổng hợp of September says the same of the old communes of a merged commune that reported.
    const summary = summarise({
      catalogue: CATALOGUE,
      units,
      settings: SETTINGS,
      period: { type: 'month', year: 2025, index: 9 },
      workbooks: books,
      generatedAt: '2025-10-05T03:00:00Z',
      formerUnits,
    }).summary;
    const told = (code: string) =>
      summary.findings.find((f) => f.code === 'predecessor-missing' && f.unitCode === code)?.message;
    for (const code of ['huoi-lech', 'na-co-sa'])
      expect(found.find((f) => f.unitCode === code)?.message).toBe(told(code));
  });

  it('not the old commune of the new one’s name when the new one reported (it went on in that sheet)', () => {
    const renamedSheet = workbook({ code: 'muong-nhe-2025', name: 'Mường Nhé', kind: 'xã' }, 2025, {
      values: { TCD_LUOT: m12({ 1: 1 }) },
    });
    const others = books.filter((_, i) => sent[i] !== 'muong-nhe');
    const read = checkWorkbooks([...others, renamedSheet], {
      level: DEFAULT_LEVEL,
      catalogue: CATALOGUE,
      units,
    }).reports;
    const found = (named: boolean) =>
      predecessorsMissing(read, units, 2025, SETTINGS.cutoffDay, named ? formerUnits : []).map((f) => f.unitCode);
    expect(found(true)).toEqual(['huoi-lech', 'na-co-sa', 'nam-ke', 'pa-my']);
    // By code only, nothing tells it from the others.
    expect(found(false)).toEqual(['huoi-lech', 'muong-nhe', 'na-co-sa', 'nam-ke', 'pa-my']);
  });

  it('not for the months the new commune’s own sheet has, as Tổng hợp (when the names tell it is the area’s)', () => {
    // Nậm Vì sent nothing; the new Mường Nhé typed its old communes' totals for January–May.
    const area = workbook({ code: 'muong-nhe-2025', name: 'Mường Nhé', kind: 'xã' }, 2025, {
      values: { TCD_LUOT: m12({ 1: 3, 2: 3, 3: 3, 4: 3, 5: 3 }) },
    });
    const withArea = [...books.filter((_, i) => sent[i] !== 'nam-vi'), area];
    const read = checkWorkbooks(withArea, { level: DEFAULT_LEVEL, catalogue: CATALOGUE, units }).reports;
    const found = (named: boolean) =>
      predecessorsMissing(read, units, 2025, SETTINGS.cutoffDay, named ? formerUnits : []);
    const namVi = found(true).find((f) => f.unitCode === 'nam-vi')?.message;
    expect(namVi).toBe(
      'Xã Nậm Vì (nay thuộc xã Mường Nhé) không có báo cáo năm 2025: số liệu tháng 6 năm 2025 của ' +
        'xã Mường Nhé chưa gồm Nậm Vì; hãy bổ sung báo cáo năm 2025 của Nậm Vì',
    );
    const summary = summarise({
      catalogue: CATALOGUE,
      units,
      settings: SETTINGS,
      period: { type: 'month', year: 2025, index: 9 },
      workbooks: withArea,
      generatedAt: '2025-10-05T03:00:00Z',
      formerUnits,
    }).summary;
    expect(summary.findings.find((f) => f.code === 'predecessor-missing' && f.unitCode === 'nam-vi')?.message).toBe(
      namVi,
    );
    // June too: nothing missing of Nậm Vì.
    const june = workbook({ code: 'muong-nhe-2025', name: 'Mường Nhé', kind: 'xã' }, 2025, {
      values: { TCD_LUOT: m12({ 1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3 }) },
    });
    const full = checkWorkbooks([...withArea.slice(0, -1), june], {
      level: DEFAULT_LEVEL,
      catalogue: CATALOGUE,
      units,
    }).reports;
    const all = predecessorsMissing(full, units, 2025, SETTINGS.cutoffDay, formerUnits);
    expect(all.map((f) => f.unitCode)).toEqual(['huoi-lech', 'na-co-sa', 'nam-ke', 'pa-my']);
    // By code only, the new sheet could be Nậm Vì's going on: it is owed whole, as before.
    expect(found(false).find((f) => f.unitCode === 'nam-vi')?.message).toContain('số liệu tháng 1–6 năm 2025');
  });

  it('by code without formerUnits; a year before the merger owed whole; none after it', () => {
    expect(predecessorsMissing(reports, units, 2025, SETTINGS.cutoffDay)[1].message).toContain(
      'Đơn vị cũ mã "na-co-sa" (nay thuộc xã Quảng Lâm) không có báo cáo năm 2025',
    );
    const before = predecessorsMissing([], units, 2024, SETTINGS.cutoffDay, formerUnits);
    expect(before).toHaveLength(12);
    expect(before[0].message).toContain('số liệu tháng 1–12 năm 2024');
    expect(predecessorsMissing([], units, 2026, SETTINGS.cutoffDay, formerUnits)).toEqual([]);
  });
});

describe('openPeriodFinding: a period aggregated before it is over', () => {
  const settings = defaultSettings();
  const sep = { type: 'month' as const, year: 2018, index: 9 };
  it('warns while the data window is open (a typo of the year, or too early)', () => {
    const f = openPeriodFinding({ type: 'month', year: 2019, index: 1 }, settings, '2018-10-20T01:00:00Z');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toContain('Kỳ báo cáo tháng 1/2019 chưa kết thúc: số liệu chốt đến hết ngày 14/01/2019');
    // The last day of the window is still open (Vietnam time: 14/09 07:00).
    expect(openPeriodFinding(sep, settings, '2018-09-14T00:00:00Z')?.code).toBe('period-not-closed');
  });
  it('tells, as information, that the deadline has not passed', () => {
    const f = openPeriodFinding(sep, settings, '2018-09-16T03:00:00Z');
    expect([f?.severity, f?.message]).toEqual([
      'info',
      'Chưa hết hạn nộp báo cáo tháng 9/2018 (hạn 18/09/2018): các đơn vị chưa báo cáo vẫn còn trong hạn, nên tỷ lệ nộp báo cáo trong báo cáo này chưa phải số cuối cùng',
    ]);
  });
  it('says nothing after the deadline', () => {
    expect(openPeriodFinding(sep, settings, '2018-09-19T03:00:00Z')).toBeNull();
  });
});

describe("a commune's own row under a province (2025 reform)", () => {
  it("asks the settings' aggregating level to add the indicator, and a district as before", () => {
    const withRow = () => {
      const books = workbooks();
      const grid = books[0].sheets[0].grid;
      const row = grid[rowWithCode(grid, 'DON_TONG') - 1].slice();
      row[LAYOUT.codeCol - 1] = '';
      row[LAYOUT.labelCol - 1] = 'Mô hình mới của xã';
      grid.splice(rowWithCode(grid, 'DON_TONG'), 0, row);
      return books;
    };
    const said = (level: string) =>
      september({ settings: { ...SETTINGS, level }, workbooks: withRow() }).read.findings.filter(
        (f) => f.code === 'uncoded-row',
      );
    const province = said('tỉnh');
    expect(province).toHaveLength(1);
    expect(province[0].message).toContain('hoặc đề nghị cấp tỉnh bổ sung chỉ tiêu này vào danh mục');
    expect(province[0].message).not.toContain('huyện');
    expect(said('huyện')[0].message).toContain('hoặc đề nghị cấp huyện bổ sung chỉ tiêu này vào danh mục');
  });
});

describe('levelWordingFindings', () => {
  const base = defaultSettings(); // huyện, "toàn huyện", "Ban Dân vận Huyện ủy Mường Nhé"

  it('warns when the wording names another level than the one aggregated (the sample left after the reform)', () => {
    const found = levelWordingFindings({ ...base, level: 'tỉnh', aggregatingUnitName: 'Điện Biên' });
    expect(found.map((f) => [f.severity, f.code])).toEqual([
      ['warning', 'level-wording'],
      ['warning', 'level-wording'],
    ]);
    expect(found[0].message).toBe(
      'Cài đặt "Cấp tổng hợp" là "tỉnh" nhưng "Phạm vi trong câu văn" là "toàn huyện" (cấp huyện): báo cáo và e-mail sẽ viết theo chữ này. ' +
        'Nếu đã đổi cấp tổng hợp (từ 01/07/2025 không còn cấp huyện), hãy sửa lại ô này',
    );
    expect(found[1].message).toContain('"Cơ quan báo cáo" là "Ban Dân vận Huyện ủy Mường Nhé" (cấp huyện)');
  });

  it('is quiet when the wording agrees, names no level, or is of a town ("thị xã" is not "xã")', () => {
    expect(levelWordingFindings(base)).toEqual([]);
    expect(
      levelWordingFindings({
        ...base,
        level: 'tỉnh',
        scopeLabel: 'toàn tỉnh',
        organisation: 'Ban Dân vận Tỉnh ủy Điện Biên',
      }),
    ).toEqual([]);
    expect(
      levelWordingFindings({
        ...base,
        level: 'toàn quốc',
        scopeLabel: 'toàn quốc',
        organisation: 'Ban Dân vận Trung ương',
      }),
    ).toEqual([]);
    expect(
      levelWordingFindings({ ...base, level: 'thị xã', scopeLabel: 'toàn thị xã', organisation: 'Ban Dân vận Thị ủy' }),
    ).toEqual([]);
  });

  it('is among the findings of a run', () => {
    const s = defaultSettings();
    const settings = { ...s, level: 'tỉnh' };
    const { summary } = summarise({
      catalogue: defaultCatalogue(),
      units: defaultUnits(),
      settings,
      period: { type: 'month', year: 2018, index: 9 },
      workbooks: [],
      generatedAt: '2018-09-20T03:00:00Z',
    });
    expect(summary.findings.filter((f) => f.code === 'level-wording')).toHaveLength(2);
  });
});
