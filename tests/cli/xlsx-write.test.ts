/** src/cli/xlsx/write.ts: the WorkbookModel rendered by exceljs, read back cell by cell. */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readWorkbookBuffer } from '../../src/cli/xlsx/read';
import { toXlsxBuffer } from '../../src/cli/xlsx/write';
import { emptySheet, type SheetModel, STYLES } from '../../src/engine/report/model';
import { buildUnitSheet, indicatorRows, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { DEFAULT_LEVEL } from '../../src/engine/text/level';
import { checkWorkbooks } from '../../src/engine/validation/check';
import { catalogue, unit, units } from './helpers';

function model(): SheetModel {
  const s = emptySheet('Thử');
  s.rows = [
    [{ v: 'Tiêu đề', s: 'title' }],
    [
      { v: 'Chỉ tiêu', s: 'header' },
      { v: 'T1', s: 'header' },
      { v: 'Tổng', s: 'header' },
    ],
    [
      { v: 'Số hộ', s: 'label' },
      { v: 1234, s: 'integer' },
      { v: null, f: '=SUM(B3:B3)', s: 'total' },
    ],
    [
      { v: '=1+1', s: 'text' },
      { v: '+84 912 345 678', s: 'text' },
      { v: '007', s: 'text' },
    ],
    [{ v: 'Tỷ lệ', s: 'label' }, { v: 0.25, s: 'percent' }, null],
  ];
  s.merges = [{ row: 1, col: 1, rows: 1, cols: 3 }];
  s.widths = [30, 10, 12];
  s.frozenRows = 2;
  s.frozenCols = 1;
  s.validations = [
    { range: { row: 3, col: 2, rows: 1, cols: 1 }, kind: 'nonNegativeInteger', help: 'Nhập số nguyên không âm.' },
    { range: { row: 6, col: 2, rows: 1, cols: 2 }, kind: 'nonNegativeNumber', help: 'Nhập số không âm.' },
    { range: { row: 7, col: 2, rows: 1, cols: 1 }, kind: 'date', help: 'Nhập ngày.' },
  ];
  s.conditionals = [{ range: { row: 3, col: 2, rows: 1, cols: 1 }, formula: '=B$3>1000', style: 'error' }];
  s.editable = [
    { row: 3, col: 2, rows: 1, cols: 1 },
    { row: 6, col: 2, rows: 2, cols: 2 },
  ];
  s.charts = [{ title: 'x', categories: { row: 3, col: 1, rows: 1, cols: 1 }, series: [], anchor: { row: 9, col: 1 } }];
  return s;
}

describe('writer', () => {
  let buf: Buffer;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    buf = await toXlsxBuffer({ sheets: [model()] }, { now: new Date('2018-09-20T03:00:00Z') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    ws = wb.getWorksheet('Thử')!;
  });

  test('values and the engine formula (without cached result)', () => {
    expect(ws.getCell('A1').value).toBe('Tiêu đề');
    expect(ws.getCell('B3').value).toBe(1234);
    expect(ws.getCell('C3').type).toBe(ExcelJS.ValueType.Formula);
    expect(ws.getCell('C3').formula).toBe('SUM(B3:B3)');
    expect((ws.getCell('C3') as unknown as { result: unknown }).result).toBeUndefined();
  });

  test('user text is never a formula: "=1+1", "+84…", "007" stay text (shared strings, no <f>)', async () => {
    for (const [a, v] of [
      ['A4', '=1+1'],
      ['B4', '+84 912 345 678'],
      ['C4', '007'],
    ]) {
      expect(ws.getCell(a).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(a).value).toBe(v);
    }
    const xml = await (await JSZip.loadAsync(buf)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml.match(/<f>/g)).toHaveLength(1); // only C3's SUM
    expect(xml).toMatch(/<c r="A4"[^>]*t="s"/);
    const strings = await (await JSZip.loadAsync(buf)).file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('=1+1');
  });

  test('styles from STYLES: bold, fill, number format, alignment, wrap, thin borders', () => {
    const h = ws.getCell('A2');
    expect(h.font?.bold).toBe(true);
    expect((h.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${STYLES.header.fill!.slice(1)}`);
    expect(h.alignment?.horizontal).toBe('center');
    expect(h.alignment?.wrapText).toBe(true);
    expect(h.border?.top?.style).toBe('thin');
    expect(ws.getCell('B3').numFmt).toBe('#,##0');
    expect(ws.getCell('B5').numFmt).toBe('0.0%');
    expect(ws.getCell('A1').font?.size).toBe(14);
    expect(ws.getCell('C3').font?.bold).toBe(true);
  });

  test('merges, widths, frozen panes', () => {
    expect(ws.getCell('B1').isMerged).toBe(true);
    expect(ws.getCell('B1').master.address).toBe('A1');
    expect(ws.getColumn(1).width).toBe(30);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2 });
  });

  test('data validation with a Vietnamese stop message', () => {
    const dv = (a: string) =>
      (ws as unknown as { dataValidations: { model: Record<string, any> } }).dataValidations.model[a];
    expect(dv('B3')).toMatchObject({
      type: 'whole',
      operator: 'between',
      formulae: [0, 1e9],
      showErrorMessage: true,
      errorStyle: 'stop',
      error: 'Nhập số nguyên không âm.',
    });
    // A date or decimal typed on an English-locale Excel stays text ("16/09/2018", "90,5"): warned, not refused.
    expect(dv('C6')).toMatchObject({
      type: 'decimal',
      operator: 'between',
      formulae: [0, 1e15],
      errorStyle: 'warning',
    });
    expect(dv('B7')).toMatchObject({ type: 'date', showErrorMessage: true, errorStyle: 'warning' });
  });

  test('conditional formatting: expression rule with a fill', () => {
    const cf = (ws as unknown as { conditionalFormattings: any[] }).conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0].ref).toBe('B3');
    expect(cf[0].rules[0]).toMatchObject({ type: 'expression', formulae: ['B$3>1000'] });
    expect(cf[0].rules[0].style.fill.bgColor.argb).toBe(`FF${STYLES.error.fill!.slice(1)}`);
  });

  test('protected without password; editable ranges unlocked, everything else locked', () => {
    const p = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(p).toMatchObject({ sheet: true });
    expect(p.hashValue).toBeUndefined();
    expect(ws.getCell('B3').protection?.locked).toBe(false);
    expect(ws.getCell('C7').protection?.locked).toBe(false); // editable but not in the model
    expect(ws.getCell('A3').protection?.locked).not.toBe(false);
  });

  test('no chart is written (exceljs cannot)', async () => {
    const zip = await JSZip.loadAsync(buf);
    expect(Object.keys(zip.files).filter((f) => f.includes('chart'))).toEqual([]);
  });
});

describe('commune template round trip', () => {
  test('a blank template reads back as the unit with no data and no errors', async () => {
    const u = unit('chung-chai');
    const sheet = buildUnitSheet(u, 2018, catalogue);
    const buf = await toXlsxBuffer({ sheets: [sheet] });
    const read = await readWorkbookBuffer(buf, 'chung-chai-2018.xlsx');
    const result = checkWorkbooks([read.workbook!], { level: DEFAULT_LEVEL, catalogue, units, year: 2018 });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.reports).toHaveLength(1);
    expect(result.reports[0].unitCode).toBe('chung-chai');
    expect(
      Object.values(result.reports[0].values)
        .flat()
        .every((v) => v === null),
    ).toBe(true);
  });

  test('template cells: whole ≥ 0 validation on counts, month cells unlocked, code column locked', async () => {
    const sheet = buildUnitSheet(unit('nam-ke'), 2018, catalogue);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsxBuffer({ sheets: [sheet] })) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const row = indicatorRows(catalogue).get('DON_TONG')!;
    const cell = ws.getCell(row, monthCol(9));
    const dvs = (ws as unknown as { dataValidations: { model: Record<string, any> } }).dataValidations.model;
    expect(dvs[cell.address]).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 1e9] });
    expect(cell.protection?.locked).toBe(false);
    expect(ws.getCell(row, LAYOUT.codeCol).protection?.locked).not.toBe(false);
    expect(ws.getCell(LAYOUT.submittedRow, monthCol(1)).protection?.locked).toBe(false);
    const amountRow = indicatorRows(catalogue).get('LDLD_MAIAM_GIATRI')!;
    expect(dvs[ws.getCell(amountRow, monthCol(1)).address]).toMatchObject({ type: 'decimal' });
  });
});

describe('print settings', () => {
  const sheet = (name: string, print?: SheetModel['print']): SheetModel => {
    const s = emptySheet(name);
    s.rows = [[{ v: 'Chỉ tiêu', s: 'header' }], [{ v: 'Số hộ', s: 'label' }]];
    s.widths = [30];
    s.print = print;
    return s;
  };
  const print = { landscape: true, fitWidth: 3, repeatRows: { first: 4, last: 5 }, repeatCols: { first: 1, last: 3 } };
  let buf: Buffer;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    buf = await toXlsxBuffer({ sheets: [sheet('In', print), sheet('Mặc định'), sheet("Xã Đắk R'Lấp", print)] });
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  });

  test('A4, narrow margins, orientation, fit to pages wide, rows and columns repeated on every page', () => {
    const p = wb.getWorksheet('In')!.pageSetup;
    expect(p).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 3,
      fitToHeight: 0,
      printTitlesRow: '4:5',
      printTitlesColumn: 'A:C',
    });
    expect(p.margins).toMatchObject({ left: 0.4, right: 0.4, top: 0.5, bottom: 0.5 });
  });

  test('a sheet without print settings keeps the defaults', () => {
    const p = wb.getWorksheet('Mặc định')!.pageSetup;
    expect(p.fitToPage).toBeFalsy();
    expect(p.orientation).toBe('portrait');
    expect(p.printTitlesRow).toBeUndefined();
  });

  test('a sheet name with "\'" gets no repeated titles (exceljs would write an unreadable defined name)', async () => {
    const xml = await (await JSZip.loadAsync(buf)).file('xl/workbook.xml')!.async('string');
    expect(xml.match(/_xlnm\.Print_Titles/g)).toHaveLength(1);
    expect(xml).toContain('&apos;In&apos;!$A:$C,&apos;In&apos;!$4:$5');
    const p = wb.getWorksheet("Xã Đắk R'Lấp")!.pageSetup;
    expect(p).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 3 });
  });
});
