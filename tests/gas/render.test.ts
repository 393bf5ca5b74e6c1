import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { offsetMinutes } from '../../src/engine/periods/cutoff';
import { emptySheet, type SheetModel } from '../../src/engine/report/model';
import { buildUnitSheet, LAYOUT } from '../../src/engine/sheet/layout';
import {
  borderBlocks,
  groupConditionals,
  groupValidations,
  lockedBlocks,
  renderSheet,
  TEXT,
} from '../../src/gas/render';
import { sheetContentRequests } from '../../src/gas/sheets-write';
import { cellLink, parseCell, wallClock } from '../../src/gas/util';
import { applyBatchUpdate } from '../fakes/gas/sheets-batch-update';
import { createEnv, type Env } from './helpers';

describe('renderSheet', () => {
  let env: Env;
  beforeEach(() => {
    env = createEnv();
  });
  afterEach(() => env.dispose());

  function model(): SheetModel {
    const m = emptySheet('Thử');
    m.rows = [
      [{ v: 'Tiêu đề', s: 'title' }],
      [
        { v: '=IMPORTRANGE("a","b")', s: 'label' },
        { v: '+84912345678', s: 'text' },
        { v: '1/2', s: 'text' },
        { v: '007', s: 'label' },
        { v: 12.5, s: 'decimal' },
        { v: null, f: '=SUM(E2:E2)', s: 'total' },
      ],
    ];
    m.merges = [{ row: 1, col: 1, rows: 1, cols: 6 }];
    m.widths = [10, 10, 10, 10, 8, 8];
    m.frozenRows = 1;
    return m;
  }

  test('writes every string as plain text and only engine formulas as formulas', () => {
    const sheet = env.master.insertSheet('Thử');
    renderSheet(sheet, model());
    const values = sheet.getRange(2, 1, 1, 6).getValues()[0];
    expect(values.slice(0, 5)).toEqual(['=IMPORTRANGE("a","b")', '+84912345678', '1/2', '007', 12.5]);
    const formulas = sheet.getRange(2, 1, 1, 6).getFormulas()[0];
    expect(formulas).toEqual(['', '', '', '', '', '=SUM(E2:E2)']);
    expect(sheet.getRange(2, 1, 1, 4).getNumberFormats()[0]).toEqual([TEXT, TEXT, TEXT, TEXT]);
    expect(sheet.getRange(2, 5).getNumberFormat()).toBe('#,##0.##');
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getRange('A1').getFontWeight()).toBe('bold');
  });

  test('the same model through the Sheets API batch gives the same cells (values, formulas, formats, alignment)', () => {
    const viaApp = env.master.insertSheet('Thử');
    renderSheet(viaApp, model());
    const viaApi = env.master.insertSheet('Thử API');
    const id = viaApi.getSheetId();
    const res = applyBatchUpdate(env.fake, env.master.getId(), { requests: sheetContentRequests(model(), id) });
    expect(res.status).toBe(200);
    const a = viaApp.getRange(1, 1, 2, 6);
    const b = viaApi.getRange(1, 1, 2, 6);
    expect(b.getValues()).toEqual(a.getValues());
    expect(b.getFormulas()).toEqual(a.getFormulas());
    expect(b.getNumberFormats()).toEqual(a.getNumberFormats());
    expect(b.getHorizontalAlignments()).toEqual(a.getHorizontalAlignments());
    expect(b.getFontWeights()).toEqual(a.getFontWeights());
    expect(b.getBackgrounds()).toEqual(a.getBackgrounds());
    // Alignment is left to Sheets (numbers right, text left) unless the style sets one.
    expect(a.getHorizontalAlignments()).toEqual([
      ['center', 'general', 'general', 'general', 'general', 'general'],
      ['general', 'general', 'general', 'general', 'right', 'right'],
    ]);
    expect(viaApi.getRange('B2').getFormula()).toBe('');
  });

  test('a unit sheet is written in a constant number of calls (not per cell)', () => {
    const sheet = env.master.insertSheet('Mẫu');
    const m = buildUnitSheet({ code: 'x', name: 'X', kind: 'xã' }, 2018, defaultCatalogue());
    env.fake.resetCalls();
    renderSheet(sheet, m, { protect: { description: 'd', editors: ['a@x.vn'], admins: ['b@x.vn'] } });
    expect(env.fake.calls.count('Range.setValues')).toBe(1);
    expect(env.fake.calls.count('Range.setValue')).toBe(0);
    expect(env.fake.calls.count('Range.setNumberFormats')).toBe(1);
    expect(env.fake.calls.count('Range.setBackground')).toBe(0);
    // ~230 today, most of them builder calls; what matters is that nothing scales with cells.
    expect(env.fake.calls.total).toBeLessThan(260);
  });
});

describe('grouping helpers', () => {
  test('borderBlocks merges consecutive bordered rows', () => {
    expect(
      borderBlocks([
        [false, false],
        [true, true],
        [false, true],
        [false, false],
        [true, false],
      ]),
    ).toEqual([
      { row: 2, col: 1, rows: 2, cols: 2 },
      { row: 5, col: 1, rows: 1, cols: 1 },
    ]);
  });

  test('lockedBlocks covers exactly the non-editable cells of a unit sheet', () => {
    const m = buildUnitSheet({ code: 'x', name: 'X', kind: 'xã' }, 2018, defaultCatalogue());
    const blocks = lockedBlocks(m);
    const inside = (r: number, c: number) =>
      blocks.some((b) => r >= b.row && r < b.row + b.rows && c >= b.col && c < b.col + b.cols);
    const editable = (r: number, c: number) =>
      m.editable.some((e) => r >= e.row && r < e.row + e.rows && c >= e.col && c < e.col + e.cols);
    for (let r = 1; r <= m.rows.length; r++)
      for (let c = 1; c <= LAYOUT.columns; c++) expect(inside(r, c)).toBe(!editable(r, c));
    expect(blocks.length).toBeLessThanOrEqual(6);
  });

  test('validations of consecutive rows become one range; conditionals group by formula', () => {
    const m = buildUnitSheet({ code: 'x', name: 'X', kind: 'xã' }, 2018, defaultCatalogue());
    expect(groupValidations(m.validations).length).toBeLessThan(m.validations.length / 2);
    const g = groupConditionals(m.conditionals);
    // One per rule (over all its rows), and one per breakdown's total left blank (its row only).
    const rules = defaultCatalogue().rules;
    const breakdowns = rules.filter((r) => r.operator === '==' && r.right.length === 1).length;
    expect(g.length).toBe(rules.length + breakdowns);
    expect(g.filter((x) => x.ranges.length >= 2)).toHaveLength(rules.length);
  });
});

describe('util', () => {
  test('cell links', () => {
    expect(cellLink(42, 'G14')).toBe('#gid=42&range=G14');
    expect(cellLink(7, 'B2', 'https://docs.google.com/spreadsheets/d/abc/edit#gid=0')).toBe(
      'https://docs.google.com/spreadsheets/d/abc/edit#gid=7&range=B2',
    );
    expect(parseCell('AA10')).toEqual({ row: 10, col: 27 });
    expect(parseCell('x')).toBeNull();
  });

  test('wallClock gives a Date whose local fields are the time shown in the zone', () => {
    const d = new Date('2018-09-15T17:00:00Z'); // 16/09/2018 00:00 in Vietnam
    const w = wallClock(d, 'Asia/Ho_Chi_Minh');
    expect([w.getFullYear(), w.getMonth() + 1, w.getDate(), w.getHours()]).toEqual([2018, 9, 16, 0]);
    expect(offsetMinutes('Asia/Ho_Chi_Minh', d)).toBe(420);
    expect(offsetMinutes('Europe/Berlin', d)).toBe(120);
  });
});
