import vm from 'node:vm';
import { CELL_LIMIT, createGasFake, DEFAULT_LATENCY, GAS_ERRORS, type GasFake } from './index';
import { applyBatchUpdate } from './sheets-batch-update';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function setup(opts: Parameters<typeof createGasFake>[0] = {}) {
  const fake = createGasFake({ now: new Date('2018-10-05T09:30:00+07:00'), user: 'canbo@xa.vn', ...opts });
  const ss = fake.createSpreadsheet('Báo cáo', {
    active: true,
    sheets: [
      {
        name: 'Xã A',
        values: [
          ['Chỉ tiêu', 'Tháng 9'],
          ['Số hộ', 12],
          ['Ghi chú', ''],
        ],
      },
      { name: 'Trống' },
    ],
  });
  const { SpreadsheetApp } = fake.globals;
  return { fake, ss, SpreadsheetApp };
}

/** Runs fn and returns the thrown error (failing if nothing is thrown). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an exception');
}

describe('ranges and values', () => {
  test('ranges are 1-based and empty cells read as empty strings', () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Xã A') as Sheet;
    expect(sh.getRange(1, 1).getValue()).toBe('Chỉ tiêu');
    expect(sh.getRange(2, 2).getValue()).toBe(12);
    expect(sh.getRange('B2').getValue()).toBe(12);
    expect(sh.getRange(1, 1, 3, 3).getValues()).toEqual([
      ['Chỉ tiêu', 'Tháng 9', ''],
      ['Số hộ', 12, ''],
      ['Ghi chú', '', ''],
    ]);
    expect(sh.getRange('A1:C3').getA1Notation()).toBe('A1:C3');
    expect(sh.getRange(5, 4).getA1Notation()).toBe('D5');
  });

  test('getValues returns a deep copy', () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Xã A') as Sheet;
    const v = sh.getRange('A1:B2').getValues();
    v[0][0] = 'changed';
    expect(sh.getRange('A1').getValue()).toBe('Chỉ tiêu');
  });

  test('getLastRow/getLastColumn are 0 on an empty sheet; data range is A1', () => {
    const { ss } = setup();
    const empty = ss.getSheetByName('Trống') as Sheet;
    expect(empty.getLastRow()).toBe(0);
    expect(empty.getLastColumn()).toBe(0);
    expect(empty.getDataRange().getA1Notation()).toBe('A1');
    expect(empty.getMaxRows()).toBe(1000);
    expect(empty.getMaxColumns()).toBe(26);
    const a = ss.getSheetByName('Xã A') as Sheet;
    expect(a.getLastRow()).toBe(3);
    expect(a.getLastColumn()).toBe(2);
    expect(a.getDataRange().getA1Notation()).toBe('A1:B3');
  });

  test('setValues size mismatches throw Google’s messages', () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    const rows = thrown(() => sh.getRange(1, 1, 3, 2).setValues([[1, 2]]));
    expect(rows.message).toBe(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.',
    );
    expect(String(rows)).toBe(`Exception: ${rows.message}`);
    const cols = thrown(() => sh.getRange(1, 1, 2, 2).setValues([[1, 2], [3]]));
    expect(cols.message).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    // Nothing was written by the failed calls.
    expect(sh.getLastRow()).toBe(0);
  });

  test('out-of-grid and too-small coordinates throw Google’s messages', () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    expect(thrown(() => sh.getRange(1001, 1)).message).toBe(GAS_ERRORS.outsideDimensions);
    expect(thrown(() => sh.getRange(1, 1, 1, 27)).message).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(thrown(() => sh.getRange('A999:A1001')).message).toBe(GAS_ERRORS.outsideDimensions);
    expect(thrown(() => sh.getRange(0, 1)).message).toBe('The starting row of the range is too small.');
    expect(thrown(() => sh.getRange(1, 0)).message).toBe('The starting column of the range is too small.');
    expect(thrown(() => sh.getRange(2, 1, 0, 1)).message).toBe('The number of rows in the range must be at least 1.');
  });

  test('appendRow and insertRows grow the grid; setValues does not', () => {
    const { ss } = setup();
    const sh = ss.insertSheet('Nhỏ');
    sh.deleteRows(3, 998);
    expect(sh.getMaxRows()).toBe(2);
    expect(thrown(() => sh.getRange(3, 1).setValue('x')).message).toBe(GAS_ERRORS.outsideDimensions);
    sh.appendRow(['a']);
    sh.appendRow(['b']);
    sh.appendRow(['c']);
    expect(sh.getMaxRows()).toBe(3);
    expect(sh.getRange('A1:A3').getValues()).toEqual([['a'], ['b'], ['c']]);
    sh.insertRowsAfter(3, 2);
    expect(sh.getMaxRows()).toBe(5);
    sh.insertRows(1);
    expect(sh.getRange('A1:A4').getValues()).toEqual([[''], ['a'], ['b'], ['c']]);
  });

  test("a '@' (plain text) cell keeps '=x' and numeric strings as text", () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    const text = sh.getRange('A1:C1').setNumberFormat('@');
    text.setValues([['=1+1', '007', '+84912345678']]);
    expect(text.getValues()).toEqual([['=1+1', '007', '+84912345678']]);
    expect(text.getFormulas()).toEqual([['', '', '']]);
    // Without '@' Sheets parses them.
    const plain = sh.getRange('A2:C2').setValues([['=1+1', '007', '+84912345678']]);
    expect(plain.getValues()).toEqual([[2, 7, 84912345678]]);
    expect(plain.getFormulas()).toEqual([['=1+1', '', '']]);
    // A leading + or - before anything but a number starts a formula, as typed into Sheets.
    const signed = sh.getRange('A3:D3').setValues([['+SUM(1,2)', '-2+3', '-7', '+84912345678']]);
    expect(signed.getFormulas()).toEqual([['=+SUM(1,2)', '=-2+3', '', '']]);
    expect(signed.getValues()[0].slice(2)).toEqual([-7, 84912345678]);
    expect(sh.getRange('A3').setValue("'007").getValue()).toBe('007');
  });

  test('simple formulas are evaluated; others read as empty but keep the formula', () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    sh.getRange('A1:A3').setValues([[1], [2], [3]]);
    sh.getRange('A4').setFormula('=SUM(A1:A3)');
    sh.getRange('B1').setValue('=VLOOKUP(1,A1:A3,1,FALSE)');
    expect(sh.getRange('A4').getValue()).toBe(6);
    sh.getRange('A1').setValue(10);
    expect(sh.getRange('A4').getValue()).toBe(15);
    expect(sh.getRange('B1').getValue()).toBe('');
    expect(sh.getRange('B1').getFormula()).toBe('=VLOOKUP(1,A1:A3,1,FALSE)');
    expect(sh.getRange('C1').setValue('=1/0').getValue()).toBe('#DIV/0!');
  });

  test('Date round trip, display values and number formats', () => {
    const { ss, fake } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    const d = new Date('2018-09-30T17:00:00Z'); // 2018-10-01 00:00 in Asia/Ho_Chi_Minh
    sh.getRange('A1').setValue(d);
    const back = sh.getRange('A1').getValue() as Date;
    expect(back).toBeInstanceOf(Date);
    expect(back.getTime()).toBe(d.getTime());
    expect(back).not.toBe(d);
    expect(sh.getRange('A1').getDisplayValue()).toBe('10/1/2018');
    sh.getRange('A1').setNumberFormat('dd/mm/yyyy');
    expect(sh.getRange('A1').getDisplayValue()).toBe('01/10/2018');
    sh.getRange('B1').setValue(1234.5).setNumberFormat('#,##0.00');
    expect(sh.getRange('B1').getDisplayValue()).toBe('1,234.50');
    expect(sh.getRange('C1').getNumberFormat()).toBe('0.###############');
    expect(sh.getRange('D1').setValue(true).getDisplayValues()).toEqual([['TRUE']]);
    const vi = fake.createSpreadsheet('vi', { locale: 'vi_VN' }).getSheets()[0];
    vi.getRange('A1').setValue(1234.5).setNumberFormat('#,##0.00');
    expect(vi.getRange('A1').getDisplayValue()).toBe('1.234,50');
  });

  test('merges, notes, formats, validation and protection are recorded', () => {
    const { ss, SpreadsheetApp } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    sh.getRange('A1').setValue('x');
    sh.getRange('B1').setValue('lost');
    sh.getRange('A1:C1').merge();
    expect(sh.getRange('B1').getValue()).toBe('');
    expect(
      sh
        .getRange('B1')
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1:C1']);
    expect(thrown(() => sh.getRange('B1:D1').merge()).message).toBe(GAS_ERRORS.mergeMustSelectAll);
    sh.getRange('A2').setNote('n').setBackground('red').setFontWeight('bold');
    expect(sh.getRange('A2:B2').getNotes()).toEqual([['n', '']]);
    expect(sh.getRange('A2:B2').getBackgrounds()).toEqual([['#ff0000', '#ffffff']]);
    const rule = SpreadsheetApp.newDataValidation()
      .requireNumberBetween(0, 100)
      .setAllowInvalid(false)
      .setHelpText('0..100')
      .build();
    sh.getRange('A3:B3').setDataValidation(rule);
    const got = sh.getRange('B3').getDataValidation();
    expect(got?.getCriteriaType()).toBe(SpreadsheetApp.DataValidationCriteria.NUMBER_BETWEEN);
    expect(got?.getCriteriaValues()).toEqual([0, 100]);
    expect(got?.getAllowInvalid()).toBe(false);
    expect(got?.getHelpText()).toBe('0..100');
    expect(() => (SpreadsheetApp.newDataValidation() as any).requireWholeNumber()).toThrow(TypeError);
    const p = sh.protect().setDescription('khóa');
    p.removeEditors(['khac@xa.vn']);
    expect(sh.getProtections(SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    expect(p.canEdit()).toBe(true);
  });

  test('Range.copyTo pastes values, formulas, formats, merges, borders, notes, validation and color rules', () => {
    const { fake, ss, SpreadsheetApp } = setup();
    const a = ss.getSheetByName('Xã A') as Sheet;
    const b = ss.getSheetByName('Trống') as Sheet;
    a.getRange('A1:B1').merge().setBackground('#d9e2f3').setNote('tiêu đề');
    a.getRange('C2').setFormula('=B2*2').setNumberFormat('#,##0');
    a.getRange('B2').setDataValidation(SpreadsheetApp.newDataValidation().requireNumberGreaterThan(0).build());
    a.getRange('A2:C3').setBorder(true, true, true, true, true, true);
    a.setConditionalFormatRules([
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied('=B2<0')
        .setBackground('#F8CBAD')
        .setRanges([a.getRange('B2:B9')])
        .build(),
    ]);
    a.setColumnWidth(1, 240);
    b.getRange('B2').setValue('cũ').setNote('cũ');
    const src = a.getRange('A1:C3');
    src.copyTo(b.getRange('B2')); // only the top-left cell counts
    // (The merge kept A1's value only, as Sheets does; D3's formula reads B2 of the target sheet.)
    expect(b.getRange('B2:D4').getValues()).toEqual([
      ['Chỉ tiêu', '', ''],
      ['Số hộ', 12, '#VALUE!'],
      ['Ghi chú', '', ''],
    ]);
    expect(b.getRange('D3').getFormula()).toBe('=B2*2'); // verbatim (Sheets would shift it)
    expect(b.getRange('D3').getNumberFormat()).toBe('#,##0');
    expect(b.getRange('B2').getBackground()).toBe('#d9e2f3');
    expect(b.getRange('B2').getNote()).toBe('tiêu đề');
    expect(b.getRange('B2:C2').isPartOfMerge()).toBe(true);
    expect(b.getRange('C3').getDataValidation()).not.toBeNull();
    expect(fake.impl<{ _borders: { ref: unknown }[] }>(b)._borders.map((x) => x.ref)).toEqual([
      { row: 3, col: 2, numRows: 2, numCols: 3 },
    ]);
    // The rule's range clipped to the block (B2:B3), moved with it (C3:C4).
    expect(b.getConditionalFormatRules().map((r) => r.getRanges().map((x) => x.getA1Notation()))).toEqual([['C3:C4']]);
    expect(b.getColumnWidth(2)).toBe(100); // widths only with PASTE_COLUMN_WIDTHS
    src.copyTo(b.getRange('B2'), SpreadsheetApp.CopyPasteType.PASTE_COLUMN_WIDTHS, false);
    expect(b.getColumnWidth(2)).toBe(240);
    // PASTE_VALUES: the values only.
    const c = ss.insertSheet('C');
    src.copyTo(c.getRange('A1'), SpreadsheetApp.CopyPasteType.PASTE_VALUES, false);
    expect(c.getRange('C2').getValue()).toBe(24);
    expect(c.getRange('C2').getFormula()).toBe('');
    expect(c.getRange('A1').getNote()).toBe('');
    expect(c.getRange('A1:B1').isPartOfMerge()).toBe(false);
    expect(c.getConditionalFormatRules()).toHaveLength(0);
    const other = fake.createSpreadsheet('Khác', { sheets: [{ name: 'X' }] });
    expect(thrown(() => src.copyTo((other.getSheetByName('X') as Sheet).getRange('A1'))).message).toBe(
      GAS_ERRORS.copyOtherSpreadsheet,
    );
  });

  test('conditional format rules: a boolean condition or a colour scale, never both', () => {
    const { ss, SpreadsheetApp } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    const flag = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=A1>1')
      .setBackground('#F8CBAD')
      .setRanges([sh.getRange('A1:B2')])
      .build();
    const scale = SpreadsheetApp.newConditionalFormatRule()
      .setGradientMinpoint('#FFFFFF')
      .setGradientMaxpointWithValue('#57BB8A', SpreadsheetApp.InterpolationType.NUMBER, '100')
      .setRanges([sh.getRange('C1:C9')])
      .build();
    sh.setConditionalFormatRules([flag, scale]);
    const [a, b] = sh.getConditionalFormatRules();
    expect(a.getBooleanCondition()?.getCriteriaType()).toBe(SpreadsheetApp.BooleanCriteria.CUSTOM_FORMULA);
    expect(a.getBooleanCondition()?.getCriteriaValues()).toEqual(['=A1>1']);
    expect(a.getBooleanCondition()?.getBackground()).toBe('#f8cbad');
    expect(a.getGradientCondition()).toBeNull();
    expect(b.getBooleanCondition()).toBeNull();
    const g = b.getGradientCondition();
    expect([g?.getMinColor(), g?.getMinType(), g?.getMinValue()]).toEqual(['#ffffff', 'MIN', '']);
    expect([g?.getMaxColor(), g?.getMaxType(), g?.getMaxValue()]).toEqual(['#57bb8a', 'NUMBER', '100']);
    expect(g?.getMidType()).toBeNull();
    expect(b.getRanges().map((r) => r.getA1Notation())).toEqual(['C1:C9']);
    // The last condition set decides what the rule is.
    const back = b.copy().whenCellNotEmpty().build();
    expect([back.getGradientCondition(), String(back.getBooleanCondition()?.getCriteriaType())]).toEqual([
      null,
      'CELL_NOT_EMPTY',
    ]);
    expect(thrown(() => SpreadsheetApp.newConditionalFormatRule().build()).message).toBe(
      'Conditional format rule must have a condition.',
    );
  });

  test('sheets: duplicate names, rename, delete', () => {
    const { ss } = setup();
    expect(thrown(() => ss.insertSheet('Xã A')).message).toBe(
      'A sheet with the name "Xã A" already exists. Please enter another name.',
    );
    expect(thrown(() => ss.getSheetByName('Trống')?.setName('Xã A')).message).toBe(GAS_ERRORS.duplicateSheet('Xã A'));
    const s = ss.insertSheet('Mới', 0);
    expect(s.getIndex()).toBe(1);
    expect(ss.getActiveSheet().getName()).toBe('Mới');
    ss.deleteSheet(s);
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['Xã A', 'Trống']);
  });

  test('snapshot deep-copies values and formulas', () => {
    const { ss, fake } = setup();
    const before = fake.snapshot(ss);
    expect(before.sheets[0].values[1]).toEqual(['Số hộ', 12]);
    ss.getSheetByName('Xã A')?.getRange('B2').setValue('=1+2');
    const after = fake.snapshot(ss.getId());
    expect(after).not.toEqual(before);
    expect(after.sheets[0].formulas[1][1]).toBe('=1+2');
    expect(before.sheets[0].formulas[1][1]).toBe('');
  });
});

describe('formulas with comparisons, and conditional formats as the sheet shows them', () => {
  test('comparisons, AND, OR and NOT evaluate as in Sheets (an empty cell is 0 beside a number)', () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    sh.getRange('A1:B1').setValues([[3, 'Ab']]);
    const cases: [string, unknown][] = [
      ['=A1>2', true],
      ['=A1+1<=3', false],
      ['=A1<>3', false],
      ['=C1=0', true],
      ['=C1<1', true],
      ['=B1="ab"', true],
      ['=A1<B1', true],
      ['=AND(A1>0,COUNT(C1:C3)=0)', true],
      ['=AND(COUNT(A1,C1)>0,NOT(SUM(A1,C1)=3))', false],
      ['=OR(A1>5,B1="x")', false],
      ['=NOT(A1)', false],
    ];
    cases.forEach(([f], i) => {
      sh.getRange(i + 1, 5).setFormula(f);
    });
    expect(
      sh
        .getRange(1, 5, cases.length, 1)
        .getValues()
        .map((r) => r[0]),
    ).toEqual(cases.map(([, v]) => v));
  });

  test('a custom formula is moved for each cell of its range: relative parts move, "$" parts stay', () => {
    const { fake, ss, SpreadsheetApp } = setup();
    const sh = ss.getSheetByName('Trống') as Sheet;
    const highlight = (_: Sheet, a1: string) => fake.highlight(sh.getRange(a1));
    // Row 3 flagged where row 1 has a figure and row 3 none, per column (E$1 moves by column only).
    sh.getRange('E1:G1').setValues([[5, '', 2]]);
    sh.getRange('E3:G3').setValues([['', '', 2]]);
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=AND(COUNT(E$1)>0,COUNT(E$3)=0)')
      .setBackground('#FFF2CC')
      .setRanges([sh.getRange('E3:G3')])
      .build();
    const later = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=E1>0')
      .setBackground('#F8CBAD')
      .setRanges([sh.getRange('E3:G3')])
      .build();
    sh.setConditionalFormatRules([rule, later]);
    // E3: the first rule holds and wins; F3: neither; G3: the first fails, the second (G1 > 0) holds.
    expect(['E3', 'F3', 'G3', 'E4'].map((a) => highlight(sh, a))).toEqual(['#fff2cc', null, '#f8cbad', null]);
    sh.getRange('E3').setValue(5);
    expect(highlight(sh, 'E3')).toBe('#f8cbad');
  });
});

describe('SpreadsheetApp', () => {
  test('openById / openByUrl with access control and Google’s errors', () => {
    const { fake, ss, SpreadsheetApp } = setup();
    expect(SpreadsheetApp.openById(ss.getId()).getName()).toBe('Báo cáo');
    expect(SpreadsheetApp.openByUrl(ss.getUrl()).getId()).toBe(ss.getId());
    expect(ss.getId()).toMatch(/^[\w-]{44}$/);
    expect(thrown(() => SpreadsheetApp.openById('nope')).message).toBe(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
    const other = fake.createSpreadsheet('Khác', { owner: 'khac@xa.vn' });
    expect(thrown(() => SpreadsheetApp.openById(other.getId())).message).toBe(
      'You do not have permission to access the requested document.',
    );
    const shared = fake.createSpreadsheet('Chia sẻ', { owner: 'khac@xa.vn', editors: ['canbo@xa.vn'] });
    expect(
      SpreadsheetApp.openById(shared.getId())
        .getEditors()
        .map((u) => u.getEmail()),
    ).toEqual(['khac@xa.vn', 'canbo@xa.vn']);
  });

  test("a spreadsheet's editors: added once (without case), promoted from viewers, the owner never removed, no address refused", () => {
    const { fake, ss } = setup();
    const emails = () => ss.getEditors().map((u) => u.getEmail());
    ss.addViewer('xem@xa.vn');
    ss.addEditors(['a@xa.vn', 'XEM@xa.vn', 'A@XA.VN', 'CANBO@xa.vn']);
    expect(emails()).toEqual(['canbo@xa.vn', 'a@xa.vn', 'XEM@xa.vn']);
    expect(ss.getViewers()).toEqual([]);
    // A refused address adds nobody.
    expect(thrown(() => ss.addEditors(['b@xa.vn', 'khong-phai-email'])).message).toBe(
      'Invalid email: khong-phai-email',
    );
    expect(thrown(() => ss.addEditor('x y@xa.vn')).message).toBe(GAS_ERRORS.invalidEmail('x y@xa.vn'));
    expect(emails()).not.toContain('b@xa.vn');
    // removeEditor takes the user off the viewers too; the owner stays, with Drive's refusal.
    ss.addViewer('v@xa.vn');
    ss.removeEditor('V@xa.vn');
    ss.removeEditor('a@xa.vn');
    expect(ss.getViewers()).toEqual([]);
    expect(thrown(() => ss.removeEditor('Canbo@xa.vn')).message).toBe(GAS_ERRORS.cannotRemoveOwner);
    expect(emails()).toEqual(['canbo@xa.vn', 'XEM@xa.vn']);
    // A viewer is given no editors (Drive's File.getEditors).
    fake.setUser('XEM@xa.vn');
    expect(emails()).toEqual(['canbo@xa.vn', 'XEM@xa.vn']);
    ss.removeEditor('xem@xa.vn');
    ss.addViewer('xem@xa.vn');
    expect(emails()).toEqual([]);
  });

  test('the same API objects are returned and unwrap across calls', () => {
    const { ss, SpreadsheetApp } = setup();
    expect(SpreadsheetApp.getActiveSpreadsheet()).toBe(ss);
    const sh = ss.getSheets()[1];
    ss.setActiveSheet(sh);
    expect(ss.getActiveSheet()).toBe(sh);
    expect(sh.getParent()).toBe(ss);
    expect((sh as any)._rows).toBeUndefined();
  });

  test('getUi is unavailable in a no-UI context', () => {
    const { fake, SpreadsheetApp } = setup();
    fake.setUiAvailable(false);
    expect(thrown(() => SpreadsheetApp.getUi()).message).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
  });
});

describe('call counting, latency, faults', () => {
  test('every service method call is counted by Class.method', () => {
    const { fake, ss, SpreadsheetApp } = setup();
    const id = ss.getId();
    expect(fake.calls.byMethod['Spreadsheet.getId']).toBe(1); // test code's calls count too
    fake.resetCalls();
    const opened = SpreadsheetApp.openById(id);
    const sh = opened.getSheetByName('Xã A') as Sheet;
    sh.getRange(1, 1, 3, 2).getValues();
    sh.getRange('A5').setValues([[1]]);
    sh.getLastRow();
    expect(fake.calls.byMethod).toEqual({
      'SpreadsheetApp.openById': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 2,
      'Range.getValues': 1,
      'Range.setValues': 1,
      'Sheet.getLastRow': 1,
    });
    expect(fake.calls.total).toBe(7);
    expect(fake.calls.count('getRange')).toBe(2);
    fake.resetCalls();
    expect(fake.calls.total).toBe(0);
  });

  test('latency is modelled per call and fetchAll by concurrency', () => {
    const fake = createGasFake({ latency: 'default' });
    const ss = fake.createSpreadsheet('x');
    const id = ss.getId();
    const start = fake.clock.now().getTime();
    fake.resetStats();
    const { SpreadsheetApp, UrlFetchApp } = fake.globals;
    const sh = SpreadsheetApp.openById(id).getSheets()[0];
    sh.getRange('A1').getValues();
    expect(fake.modelledMs).toBe(DEFAULT_LATENCY.openById! + 2 * DEFAULT_LATENCY.other! + DEFAULT_LATENCY.getValues!);
    expect(fake.clock.now().getTime() - start).toBe(fake.modelledMs);
    fake.http.handler = () => ({ status: 200, body: 'ok' });
    fake.resetModelledMs();
    UrlFetchApp.fetchAll(Array.from({ length: 25 }, (_, i) => `https://example.com/${i}`));
    expect(fake.modelledMs).toBe(3 * 400);
  });

  test('fault injection by method, predicate and n-th call', () => {
    const { fake, ss, SpreadsheetApp } = setup();
    fake.faults.add({
      method: 'SpreadsheetApp.openById',
      when: (args) => args[0] === 'slow',
      error: GAS_ERRORS.timedOut('slow'),
      times: 1,
    });
    expect(thrown(() => SpreadsheetApp.openById('slow')).message).toBe(
      'Service Spreadsheets timed out while accessing document with id slow.',
    );
    // times: 1 → disarmed; now the normal not-found error.
    expect(thrown(() => SpreadsheetApp.openById('slow')).message).toBe(GAS_ERRORS.notFound('openById'));

    const sh = ss.getSheetByName('Trống') as Sheet;
    fake.faults.afterCalls(3, 'Range.setValues', 'Service error: Spreadsheets');
    sh.getRange('A1').setValues([[1]]);
    sh.getRange('A2').setValues([[2]]);
    expect(() => sh.getRange('A3').setValues([[3]])).toThrow('Service error: Spreadsheets');
    sh.getRange('A4').setValues([[4]]);
    expect(sh.getRange('A1:A4').getValues()).toEqual([[1], [2], [''], [4]]);
  });
});

describe('mail', () => {
  test('records messages in both signatures and charges recipients', () => {
    const fake = createGasFake({ mailQuota: 5 });
    const { MailApp, Utilities } = fake.globals;
    MailApp.sendEmail('a@x.vn', 'Chào', 'Nội dung');
    MailApp.sendEmail({
      to: 'b@x.vn, c@x.vn',
      cc: 'd@x.vn',
      subject: 'Báo cáo',
      body: 'x',
      htmlBody: '<b>x</b>',
      name: 'Huyện',
      attachments: [Utilities.newBlob('a,b\n1,2', 'text/csv', 'bc.csv')],
    });
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
    expect(fake.mail.sent).toHaveLength(2);
    expect(fake.mail.sent[1]).toMatchObject({
      to: 'b@x.vn, c@x.vn',
      toList: ['b@x.vn', 'c@x.vn'],
      ccList: ['d@x.vn'],
      htmlBody: '<b>x</b>',
      name: 'Huyện',
    });
    expect(fake.mail.sent[1].attachments[0]).toMatchObject({
      name: 'bc.csv',
      contentType: 'text/csv',
      text: 'a,b\n1,2',
    });
    // (to, replyTo, subject, body) overload
    MailApp.sendEmail('e@x.vn', 'reply@x.vn', 'Tiêu đề', 'Thân');
    expect(fake.mail.sent[2]).toMatchObject({
      to: 'e@x.vn',
      replyTo: 'reply@x.vn',
      subject: 'Tiêu đề',
      body: 'Thân',
    });
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(thrown(() => MailApp.sendEmail('not-an-address', 's', 'b')).message).toBe('Invalid email: not-an-address');
  });

  test('quota exhaustion and per-message recipient limit', () => {
    const fake = createGasFake({ mailQuota: 2 });
    const { MailApp } = fake.globals;
    MailApp.sendEmail('a@x.vn, b@x.vn', 's', 'b');
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(thrown(() => MailApp.sendEmail('c@x.vn', 's', 'b')).message).toBe(
      'Service invoked too many times for one day: email.',
    );
    const many = Array.from({ length: 51 }, (_, i) => `u${i}@x.vn`).join(',');
    const big = createGasFake({ mailQuota: 1000 });
    expect(() => big.globals.MailApp.sendEmail(many, 's', 'b')).toThrow(GAS_ERRORS.mailTooManyRecipients);
    expect(big.globals.MailApp.getRemainingDailyQuota()).toBe(1000);
  });
});

describe('triggers', () => {
  test('builders record schedules; 21st trigger fails; delete works', () => {
    const fake = createGasFake();
    const { ScriptApp } = fake.globals;
    const t = ScriptApp.newTrigger('nhacNho')
      .timeBased()
      .onMonthDay(5)
      .atHour(8)
      .inTimezone('Asia/Ho_Chi_Minh')
      .create();
    expect(t.getHandlerFunction()).toBe('nhacNho');
    expect(t.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(fake.triggers[0].schedule).toEqual({ onMonthDay: 5, atHour: 8, timezone: 'Asia/Ho_Chi_Minh' });
    const ss = fake.createSpreadsheet('x');
    ScriptApp.newTrigger('onOpenX').forSpreadsheet(ss).onOpen().create();
    for (let i = 0; i < 18; i++) ScriptApp.newTrigger(`f${i}`).timeBased().after(60000).create();
    expect(ScriptApp.getProjectTriggers()).toHaveLength(20);
    expect(thrown(() => ScriptApp.newTrigger('one').timeBased().everyDays(1).create()).message).toBe(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
    expect(ScriptApp.getProjectTriggers().map((x) => x.getUniqueId())).not.toContain(t.getUniqueId());
    ScriptApp.newTrigger('one').timeBased().everyDays(1).create();
    expect(ScriptApp.getOAuthToken()).toBe('fake-token');
  });

  test('fireTrigger runs clock handlers without UI', () => {
    const fake = createGasFake();
    const { ScriptApp, SpreadsheetApp } = fake.globals;
    const t = ScriptApp.newTrigger('job').timeBased().everyDays(1).create();
    let err = '';
    fake.fireTrigger(t.getUniqueId(), {
      job: () => {
        try {
          SpreadsheetApp.getUi();
        } catch (e) {
          err = (e as Error).message;
        }
      },
    });
    expect(err).toBe(GAS_ERRORS.uiContext);
  });
});

describe('locks', () => {
  test('tryLock/waitLock against another execution', () => {
    const { fake } = setup();
    const { LockService } = fake.globals;
    const release = fake.locks.holdDocumentLock();
    const lock = LockService.getDocumentLock();
    const t0 = fake.clock.now().getTime();
    expect(lock.tryLock(1000)).toBe(false);
    expect(fake.clock.now().getTime() - t0).toBe(1000);
    expect(lock.hasLock()).toBe(false);
    expect(thrown(() => lock.waitLock(500)).message).toBe(
      'Lock timeout: another process was holding the lock for too long.',
    );
    release();
    expect(lock.tryLock(0)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    fake.locks.holdScriptLock({ releaseAfterMs: 3000 });
    const sl = LockService.getScriptLock();
    expect(sl.tryLock(2000)).toBe(false);
    expect(sl.tryLock(2000)).toBe(true); // 2000 already waited, released at 3000
  });

  test('no document lock or document properties without an active document', () => {
    const fake = createGasFake();
    expect(fake.globals.LockService.getDocumentLock()).toBeNull();
    expect(fake.globals.PropertiesService.getDocumentProperties()).toBeNull();
  });
});

describe('properties', () => {
  test('string values, copies, and Google’s limits', () => {
    const { fake } = setup();
    const { PropertiesService } = fake.globals;
    const p = PropertiesService.getScriptProperties();
    p.setProperty('n', 5 as unknown as string);
    expect(p.getProperty('n')).toBe('5');
    expect(p.getProperty('missing')).toBeNull();
    const all = p.getProperties();
    all.n = 'changed';
    expect(p.getProperty('n')).toBe('5');
    expect(thrown(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).message).toBe(GAS_ERRORS.propertyValueTooLarge);
    const chunk = 'y'.repeat(9000);
    expect(() => {
      for (let i = 0; i < 60; i++) p.setProperty(`k${i}`, chunk);
    }).toThrow(GAS_ERRORS.propertyStoreFull);
    expect(p.getKeys().length).toBeLessThan(60);
    PropertiesService.getDocumentProperties().setProperty('d', '1');
    PropertiesService.getUserProperties().setProperty('u', '2');
    expect(fake.properties.document()).toEqual({ d: '1' });
    expect(fake.properties.user('canbo@xa.vn')).toEqual({ u: '2' });
  });
});

describe('Utilities, Session, clock', () => {
  test('formatDate uses the time zone; sleep advances the fake clock', () => {
    const { fake } = setup();
    const { Utilities, Session } = fake.globals;
    expect(Session.getScriptTimeZone()).toBe('Asia/Ho_Chi_Minh');
    expect(Session.getActiveUser().getEmail()).toBe('canbo@xa.vn');
    const now = fake.clock.now();
    expect(Utilities.formatDate(now, 'Asia/Ho_Chi_Minh', 'yyyy-MM-dd HH:mm:ss')).toBe('2018-10-05 09:30:00');
    expect(Utilities.formatDate(now, 'UTC', "dd/MM/yyyy 'lúc' HH:mm")).toBe('05/10/2018 lúc 02:30');
    Utilities.sleep(90_000);
    expect(Utilities.formatDate(fake.clock.now(), 'Asia/Ho_Chi_Minh', 'HH:mm')).toBe('09:31');
    fake.clock.set(new Date('2019-01-01T00:00:00Z'));
    expect(new fake.FakeDate().toISOString()).toBe('2019-01-01T00:00:00.000Z');
    expect(fake.FakeDate.now()).toBe(Date.UTC(2019, 0, 1));
  });

  test('blobs and digests', () => {
    const { Utilities } = createGasFake().globals;
    const b = Utilities.newBlob('Xã', 'text/plain', 'a.txt');
    expect(b.getDataAsString()).toBe('Xã');
    expect(b.getBytes()).toEqual([88, -61, -93]);
    expect(b.setName('b.txt').getName()).toBe('b.txt');
    const md5 = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'abc');
    expect(md5.slice(0, 3)).toEqual([-112, 1, 80]);
  });
});

describe('UI, HTML, UrlFetch', () => {
  test('menus, alerts, prompts, sidebars and toasts are recorded', () => {
    const { fake, ss } = setup();
    const ui = fake.globals.SpreadsheetApp.getUi();
    ui.createMenu('Tổng hợp')
      .addItem('Chạy', 'run')
      .addSeparator()
      .addSubMenu(ui.createMenu('Thêm').addItem('Cài đặt', 'setup'))
      .addToUi();
    expect(fake.ui.menus).toEqual([
      {
        title: 'Tổng hợp',
        items: [
          { caption: 'Chạy', functionName: 'run' },
          'separator',
          { title: 'Thêm', items: [{ caption: 'Cài đặt', functionName: 'setup' }] },
        ],
      },
    ]);
    fake.ui.queueAlertResponse('YES');
    expect(ui.alert('Xác nhận', 'Chạy?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(ui.alert('Xong')).toBe(ui.Button.OK);
    fake.ui.queuePromptResponse({ button: 'OK', text: '2018-09' });
    const r = ui.prompt('Tháng?', ui.ButtonSet.OK_CANCEL);
    expect([r.getSelectedButton(), r.getResponseText()]).toEqual(['OK', '2018-09']);
    expect(fake.ui.alerts.map((a) => a.response)).toEqual(['YES', 'OK']);
    fake.html.files.Sidebar = '<h1>Hi</h1>';
    ui.showSidebar(fake.globals.HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Tổng hợp'));
    expect(fake.ui.shown).toEqual([
      { kind: 'sidebar', title: 'Tổng hợp', html: '<h1>Hi</h1>', width: null, height: null },
    ]);
    ss.toast('Đã xong', 'Tổng hợp', 5);
    expect(fake.toasts).toEqual([{ msg: 'Đã xong', title: 'Tổng hợp' }]);
    expect([fake.toasts[0].timeout, fake.toasts[0].spreadsheetId]).toEqual([5, ss.getId()]);
  });

  test('alert button sets: the set recorded, the answer one of its buttons, closing answers CLOSE', () => {
    const { fake } = setup();
    const ui = fake.globals.SpreadsheetApp.getUi();
    fake.ui.queueAlertResponse('NO');
    expect(ui.alert('Nộp báo cáo', 'Vẫn nộp?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    // Unscripted: the user closed the dialog (Google's Button.CLOSE), never a YES.
    expect(ui.alert('Nộp báo cáo', 'Vẫn nộp?', ui.ButtonSet.YES_NO)).toBe(ui.Button.CLOSE);
    expect(fake.ui.alerts.map((a) => [a.title, a.buttons, a.response])).toEqual([
      ['Nộp báo cáo', 'YES_NO', 'NO'],
      ['Nộp báo cáo', 'YES_NO', 'CLOSE'],
    ]);
    // A scripted answer that is no button of the set is a test's mistake.
    fake.ui.queueAlertResponse('YES');
    expect(() => ui.alert('Xong')).toThrow(/not a button of ButtonSet.OK/);
    fake.setUiAvailable(false);
    expect(thrown(() => fake.globals.SpreadsheetApp.getUi()).message).toBe(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
  });

  test('templates escape <?= ?>, keep <?!= ?> raw, reject <? ?>', () => {
    const { HtmlService } = createGasFake().globals;
    const t = HtmlService.createTemplate('<p><?= name ?></p><?!= raw ?>');
    (t as any).name = '<Xã & B>';
    (t as any).raw = '<i>ok</i>';
    expect(t.evaluate().getContent()).toBe('<p>&lt;Xã &amp; B&gt;</p><i>ok</i>');
    expect(() => HtmlService.createTemplate('<? for(;;){} ?>').evaluate()).toThrow(/not supported/);
    expect(thrown(() => HtmlService.createHtmlOutputFromFile('Missing')).message).toBe(
      'No HTML file named Missing was found.',
    );
  });

  test('UrlFetchApp routes to the handler; non-muted errors throw', () => {
    const fake = createGasFake();
    const { UrlFetchApp } = fake.globals;
    fake.http.handler = (req) =>
      req.url.endsWith('/busy')
        ? { status: 429, body: 'slow down' }
        : { status: 200, body: { ok: true }, headers: { 'Content-Type': 'application/json' } };
    const ok = UrlFetchApp.fetch('https://api.example.com/x', { method: 'post', payload: { a: 1 } });
    expect(ok.getResponseCode()).toBe(200);
    expect(JSON.parse(ok.getContentText())).toEqual({ ok: true });
    expect(fake.http.requests[0]).toMatchObject({
      method: 'POST',
      payload: 'a=1',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(thrown(() => UrlFetchApp.fetch('https://api.example.com/busy')).message).toMatch(
      /^Request failed for https:\/\/api\.example\.com returned code 429/,
    );
    expect(UrlFetchApp.fetch('https://api.example.com/busy', { muteHttpExceptions: true }).getResponseCode()).toBe(429);
  });
});

describe('the cell limit (maxRows × maxColumns over all sheets)', () => {
  /** A fake held to `limit` cells, with one spreadsheet of the given sheets. */
  function limited(
    limit: number,
    sheets: { name: string; maxRows?: number; maxColumns?: number; values?: unknown[][] }[],
  ) {
    const fake = createGasFake({ cellLimit: limit });
    const ss = fake.createSpreadsheet('Giới hạn', { active: true, sheets });
    const sheet = (name: string) => ss.getSheetByName(name) as Sheet;
    const cells = () => ss.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
    return { fake, ss, sheet, cells };
  }
  type ApiError = { error: { code: number; message: string; status: string } };

  test("Google's limit and messages: 10,000,000 cells, per fake instance", () => {
    expect(CELL_LIMIT).toBe(10_000_000);
    expect(createGasFake().cellLimit).toBe(CELL_LIMIT);
    expect(createGasFake({ cellLimit: 5 }).cellLimit).toBe(5);
    expect(GAS_ERRORS.cellLimit(CELL_LIMIT)).toBe(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
    expect(GAS_ERRORS.apiCellLimit(0, 'addSheet', CELL_LIMIT)).toBe(
      'Invalid requests[0].addSheet: This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
    // With Google's limit: 384 default sheets (1000 × 26) fit, the 385th does not.
    const fake = createGasFake();
    const ss = fake.createSpreadsheet('Lớn', { sheets: [{ name: 'S', maxRows: 1_000_000, maxColumns: 10 }] });
    const e = thrown(() => ss.insertSheet());
    expect(e.message).toBe(GAS_ERRORS.cellLimit(10_000_000));
    expect(String(e)).toBe(
      'Exception: This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
    ss.getSheets()[0].deleteRows(997_401, 2600);
    ss.insertSheet();
    expect(ss.getNumSheets()).toBe(2);
  });

  test('over-limit insertSheet throws Google’s message and adds nothing; exactly the limit is allowed', () => {
    const { fake, ss, sheet, cells } = limited(80_000, [{ name: 'A', values: [['x']] }, { name: 'B' }]);
    ss.insertSheet('C'); // 3 × 1000 × 26 = 78,000
    sheet('A').activate();
    const e = thrown(() => ss.insertSheet('D'));
    expect(e.message).toBe(
      'This action would increase the number of cells in the workbook above the limit of 80000 cells.',
    );
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['A', 'B', 'C']);
    expect(ss.getSheetByName('D')).toBeNull();
    expect(ss.getActiveSheet().getName()).toBe('A');
    expect(cells()).toBe(78_000);

    // A template's size counts, not 1000 × 26; the limit itself is reachable.
    sheet('C').deleteRows(41, 960);
    sheet('C').deleteColumns(11, 16); // C: 40 × 10
    expect(cells()).toBe(52_400);
    ss.insertSheet('Mẫu', { template: sheet('A') }); // 26,000
    for (let i = 0; i < 4; i++) ss.insertSheet(`T${i}`, { template: sheet('C') }); // 4 × 400
    expect(cells()).toBe(80_000);
    expect(thrown(() => ss.insertSheet('T4', { template: sheet('C') })).message).toBe(GAS_ERRORS.cellLimit(80_000));

    // Duplicating and copying a sheet count its grid; copyTo counts against the destination.
    expect(thrown(() => ss.duplicateActiveSheet()).message).toBe(GAS_ERRORS.cellLimit(80_000));
    expect(thrown(() => sheet('T0').copyTo(ss)).message).toBe(GAS_ERRORS.cellLimit(80_000));
    expect(ss.getNumSheets()).toBe(8);
    expect(cells()).toBe(80_000);
    const other = fake.createSpreadsheet('Khác', { sheets: [{ name: 'O', maxRows: 10, maxColumns: 10 }] });
    for (let i = 0; i < 3; i++) sheet('Mẫu').copyTo(other); // 100 + 3 × 26,000
    expect(thrown(() => sheet('Mẫu').copyTo(other)).message).toBe(GAS_ERRORS.cellLimit(80_000));
    expect(other.getNumSheets()).toBe(4);
  });

  test('insertRows / insertColumns over the limit throw and change nothing', () => {
    const { sheet, cells } = limited(30_000, [
      { name: 'A', maxRows: 100, maxColumns: 10, values: [['a1'], ['a2'], ['a3']] },
      { name: 'B', maxRows: 1000, maxColumns: 26 },
    ]);
    const a = sheet('A');
    a.getRange('B1').setFormula('=A3');
    a.getRange('C2:D2').merge();
    // 27,000 used, 3,000 left: 300 rows of 10 columns fit exactly, 301 do not, nor 31 columns of 100 rows.
    const msg = GAS_ERRORS.cellLimit(30_000);
    expect(thrown(() => a.insertRowsAfter(1, 301)).message).toBe(msg);
    expect(thrown(() => a.insertRowsBefore(1, 301)).message).toBe(msg);
    expect(thrown(() => a.insertRows(1, 301)).message).toBe(msg);
    expect(thrown(() => a.insertColumnsAfter(1, 31)).message).toBe(msg);
    expect(thrown(() => a.insertColumnsBefore(1, 31)).message).toBe(msg);
    expect(thrown(() => a.insertColumns(1, 31)).message).toBe(msg);
    expect(a.getMaxRows()).toBe(100);
    expect(a.getMaxColumns()).toBe(10);
    expect(a.getRange('A1:A3').getValues()).toEqual([['a1'], ['a2'], ['a3']]);
    expect(a.getRange('B1').getFormula()).toBe('=A3');
    expect(a.getRange('C2:D2').isPartOfMerge()).toBe(true);
    expect(a.getRange('C3').isPartOfMerge()).toBe(false);
    expect(cells()).toBe(27_000);

    a.insertRowsAfter(1, 300);
    expect(cells()).toBe(30_000);
    expect(a.getRange('A302:A303').getValues()).toEqual([['a2'], ['a3']]);
    expect(a.getRange('B1').getFormula()).toBe('=A303');
    expect(thrown(() => a.insertRowAfter(1)).message).toBe(msg);
    expect(thrown(() => a.insertRowBefore(1)).message).toBe(msg);
    expect(thrown(() => a.insertColumnAfter(1)).message).toBe(msg);
    expect(thrown(() => a.insertColumnBefore(1)).message).toBe(msg);
    expect([a.getMaxRows(), a.getMaxColumns()]).toEqual([400, 10]);
  });

  test('appendRow grows the grid only within the limit', () => {
    const { sheet, cells } = limited(60, [
      { name: 'A', maxRows: 2, maxColumns: 3 },
      { name: 'B', maxRows: 6, maxColumns: 9 },
    ]);
    const a = sheet('A');
    a.appendRow([1, 2, 3]);
    a.appendRow([4, 5, 6]); // inside the grid: a write, never refused
    expect(cells()).toBe(60);
    expect(thrown(() => a.appendRow([7])).message).toBe(GAS_ERRORS.cellLimit(60));
    expect(thrown(() => a.appendRow([7, 8, 9, 10])).message).toBe(GAS_ERRORS.cellLimit(60));
    expect([a.getMaxRows(), a.getMaxColumns(), a.getLastRow()]).toEqual([2, 3, 2]);
    sheet('B').deleteColumns(8, 2); // 12 cells free: one more row of 3 columns fits
    a.appendRow([7]);
    expect(a.getRange('A3').getValue()).toBe(7);
    expect(cells()).toBe(51);
  });

  test('the limit counts maxRows × maxColumns, not values: empty and hidden sheets count, full ones no more', () => {
    const { ss, sheet } = limited(52_000, [{ name: 'Dữ liệu' }, { name: 'Ẩn' }]);
    sheet('Ẩn').hideSheet();
    // Not one value anywhere, and the spreadsheet is full.
    expect(sheet('Dữ liệu').getLastRow()).toBe(0);
    expect(thrown(() => sheet('Dữ liệu').insertRowAfter(1)).message).toBe(GAS_ERRORS.cellLimit(52_000));
    expect(thrown(() => ss.insertSheet()).message).toBe(GAS_ERRORS.cellLimit(52_000));
    // Every cell filled: still 52,000, and writes inside the grid are never refused.
    const all = Array.from({ length: 1000 }, (_, r) => Array.from({ length: 26 }, (_, c) => r * 26 + c));
    sheet('Dữ liệu').getRange(1, 1, 1000, 26).setValues(all);
    sheet('Ẩn').getRange(1, 1, 1000, 26).setValues(all);
    expect(sheet('Ẩn').getRange('Z1000').getValue()).toBe(25_999);
    // Clearing values frees nothing; deleting columns does.
    sheet('Dữ liệu').clear();
    expect(thrown(() => sheet('Dữ liệu').insertColumnAfter(1)).message).toBe(GAS_ERRORS.cellLimit(52_000));
    sheet('Dữ liệu').deleteColumns(2, 25);
    sheet('Dữ liệu').insertColumnsAfter(1, 25);
    expect(sheet('Dữ liệu').getMaxColumns()).toBe(26);
    expect(ss.getNumSheets()).toBe(2);
  });

  test('deleting rows, columns or a sheet frees room', () => {
    const { ss, sheet, cells } = limited(52_000, [{ name: 'A' }, { name: 'B' }]);
    expect(thrown(() => ss.insertSheet('C')).message).toBe(GAS_ERRORS.cellLimit(52_000));
    sheet('A').deleteRows(1, 500);
    expect(thrown(() => ss.insertSheet('C')).message).toBe(GAS_ERRORS.cellLimit(52_000));
    sheet('B').deleteRows(1, 500); // 2 × 500 × 26 = 26,000 free
    ss.insertSheet('C');
    expect(cells()).toBe(52_000);
    ss.deleteSheet(sheet('C'));
    sheet('A').insertRowsAfter(500, 500);
    expect(sheet('A').getMaxRows()).toBe(1000);
  });

  test('seeding over the limit is a test error, not a Google one', () => {
    const fake = createGasFake({ cellLimit: 10_000 });
    expect(() => fake.createSpreadsheet('Quá', { sheets: [{ name: 'A' }] })).toThrow(
      'fake: the seeded sheets of Quá have 26000 cells, above the cell limit of 10000',
    );
    expect(fake.createSpreadsheet('Vừa', { sheets: [{ name: 'A', maxRows: 100, maxColumns: 100 }] })).toBeTruthy();
  });

  test('a batchUpdate with an addSheet over the limit answers 400 and applies no request of the batch', () => {
    const { fake, ss, sheet, cells } = limited(60_000, [{ name: 'A', values: [['giữ']] }, { name: 'B' }]);
    const before = fake.snapshot(ss);
    const a = sheet('A').getSheetId();
    const body = {
      requests: [
        {
          updateCells: {
            start: { sheetId: a, rowIndex: 0, columnIndex: 0 },
            rows: [{ values: [{ userEnteredValue: { stringValue: 'mới' } }] }],
            fields: 'userEnteredValue',
          },
        },
        { updateSheetProperties: { properties: { sheetId: a, title: 'A2' }, fields: 'title' } },
        { addSheet: { properties: { title: 'Nhỏ', gridProperties: { rowCount: 10, columnCount: 5 } } } },
        { addSheet: { properties: { title: 'Mặc định' } } }, // 1000 × 26: 52,050 + 26,000 > 60,000
      ],
    };
    const res = fake.globals.UrlFetchApp.fetch(
      `https://sheets.googleapis.com/v4/spreadsheets/${ss.getId()}:batchUpdate`,
      {
        method: 'post',
        contentType: 'application/json',
        payload: JSON.stringify(body),
        headers: { Authorization: 'Bearer fake-token' },
        muteHttpExceptions: true,
      },
    );
    expect(res.getResponseCode()).toBe(400);
    expect(JSON.parse(res.getContentText())).toEqual({
      error: {
        code: 400,
        message:
          'Invalid requests[3].addSheet: This action would increase the number of cells in the workbook above the limit of 60000 cells.',
        status: 'INVALID_ARGUMENT',
      },
    });
    expect(fake.snapshot(ss)).toEqual(before);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['A', 'B']);
    expect(sheet('A').getRange('A1').getValue()).toBe('giữ');
    expect(cells()).toBe(52_000);
    // Non-muted, UrlFetchApp throws with Google's answer.
    expect(
      thrown(() =>
        fake.globals.UrlFetchApp.fetch(`https://sheets.googleapis.com/v4/spreadsheets/${ss.getId()}:batchUpdate`, {
          method: 'post',
          contentType: 'application/json',
          payload: JSON.stringify(body),
          headers: { Authorization: 'Bearer fake-token' },
        }),
      ).message,
    ).toContain('Invalid requests[3].addSheet: This action would increase the number of cells');
    // A smaller first sheet fits: 52,000 + 50 + 7,950 = 60,000 exactly.
    const ok = applyBatchUpdate(fake, ss.getId(), {
      requests: [
        { addSheet: { properties: { title: 'Nhỏ', gridProperties: { rowCount: 10, columnCount: 5 } } } },
        { addSheet: { properties: { title: 'Vừa', gridProperties: { rowCount: 795, columnCount: 10 } } } },
      ],
    });
    expect(ok.status).toBe(200);
    expect(cells()).toBe(60_000);
  });

  test('batchUpdate: each request is checked against the grid the earlier ones left', () => {
    const { fake, ss, sheet, cells } = limited(52_000, [{ name: 'A', maxRows: 1000, maxColumns: 26 }, { name: 'B' }]);
    const id = (name: string) => sheet(name).getSheetId();
    const run = (...requests: object[]) => applyBatchUpdate(fake, ss.getId(), { requests });
    const message = (r: ReturnType<typeof run>) => (r.body as ApiError).error.message;
    const over = (i: number, kind: string) => GAS_ERRORS.apiCellLimit(i, kind, 52_000);

    // deleteSheet, then an addSheet of the room it made: one batch, applied.
    const r1 = run({ deleteSheet: { sheetId: id('B') } }, { addSheet: { properties: { title: 'C' } } });
    expect(r1.status).toBe(200);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['A', 'C']);

    // Growing: appendDimension, insertDimension, updateSheetProperties, duplicateSheet.
    expect(message(run({ appendDimension: { sheetId: id('A'), dimension: 'ROWS', length: 1 } }))).toBe(
      over(0, 'appendDimension'),
    );
    const insert = (dimension: string) => ({
      insertDimension: { range: { sheetId: id('A'), dimension, startIndex: 0, endIndex: 1 } },
    });
    expect(message(run(insert('COLUMNS')))).toBe(over(0, 'insertDimension'));
    const resize = (rowCount: number, columnCount: number) => ({
      updateSheetProperties: {
        properties: { sheetId: id('A'), gridProperties: { rowCount, columnCount } },
        fields: 'gridProperties(rowCount,columnCount)',
      },
    });
    expect(message(run(resize(1001, 26)))).toBe(over(0, 'updateSheetProperties'));
    expect(message(run({ duplicateSheet: { sourceSheetId: id('A') } }))).toBe(over(0, 'duplicateSheet'));
    expect(cells()).toBe(52_000);

    // deleteDimension and a smaller rowCount free cells for the requests after them.
    const r2 = run(
      { deleteDimension: { range: { sheetId: id('A'), dimension: 'ROWS', startIndex: 900, endIndex: 1000 } } },
      { appendDimension: { sheetId: id('C'), dimension: 'ROWS', length: 50 } },
      resize(850, 26),
      insert('ROWS'),
    );
    expect(r2.status).toBe(200);
    expect([sheet('A').getMaxRows(), sheet('C').getMaxRows()]).toEqual([851, 1050]);
    expect(cells()).toBe(49_426);

    // Google applies rowCount before columnCount: more rows × the old columns must fit, even when
    // fewer columns would make the final grid small enough.
    const r3 = run(resize(1900, 13));
    expect(message(r3)).toBe(over(0, 'updateSheetProperties'));
    expect(sheet('A').getMaxRows()).toBe(851);
    expect(run(resize(851, 13), resize(1900, 13)).status).toBe(200);
    expect(cells()).toBe(1900 * 13 + 1050 * 26);
  });

  test('batchUpdate: a failure after insertDimension/deleteDimension puts everything back', () => {
    const { fake, ss, sheet } = limited(50_000, [
      { name: 'A', values: [['x'], ['y'], ['z']] },
      { name: 'B', maxRows: 10, maxColumns: 2 },
    ]);
    const a = sheet('A');
    sheet('B').getRange('A1').setFormula("='A'!A3");
    a.getRange('B1').setFormula('=A3');
    const p = a.getRange('A2:A3').protect().setDescription('khóa');
    const before = fake.snapshot(ss);
    const res = applyBatchUpdate(fake, ss.getId(), {
      requests: [
        { insertDimension: { range: { sheetId: a.getSheetId(), dimension: 'ROWS', startIndex: 0, endIndex: 2 } } },
        { deleteDimension: { range: { sheetId: a.getSheetId(), dimension: 'ROWS', startIndex: 10, endIndex: 20 } } },
        { addSheet: { properties: { title: 'C', gridProperties: { rowCount: 1000, columnCount: 26 } } } },
      ],
    });
    expect((res.body as ApiError).error.message).toBe(GAS_ERRORS.apiCellLimit(2, 'addSheet', 50_000));
    expect(fake.snapshot(ss)).toEqual(before);
    expect(sheet('B').getRange('A1').getFormula()).toBe("='A'!A3");
    expect(p.getRange().getA1Notation()).toBe('A2:A3');
    // The same requests without the addSheet: rows and references move.
    const ok = applyBatchUpdate(fake, ss.getId(), {
      requests: [
        { insertDimension: { range: { sheetId: a.getSheetId(), dimension: 'ROWS', startIndex: 0, endIndex: 2 } } },
        { deleteDimension: { range: { sheetId: a.getSheetId(), dimension: 'ROWS', startIndex: 10, endIndex: 20 } } },
      ],
    });
    expect(ok.status).toBe(200);
    expect(a.getRange('A3:A5').getValues()).toEqual([['x'], ['y'], ['z']]);
    expect(a.getMaxRows()).toBe(992);
    expect(sheet('B').getRange('A1').getFormula()).toBe("='A'!A5");
    expect(p.getRange().getA1Notation()).toBe('A4:A5');
    // Google's refusals: every row of a sheet; inserting at the end without inheritFromBefore.
    const b = sheet('B').getSheetId();
    const rows = (startIndex: number, endIndex: number) => ({ sheetId: b, dimension: 'ROWS', startIndex, endIndex });
    const all = applyBatchUpdate(fake, ss.getId(), { requests: [{ deleteDimension: { range: rows(0, 10) } }] });
    expect((all.body as ApiError).error.message).toBe(
      "Invalid requests[0].deleteDimension: You can't delete all the rows on the sheet.",
    );
    const end = applyBatchUpdate(fake, ss.getId(), { requests: [{ insertDimension: { range: rows(10, 12) } }] });
    expect((end.body as ApiError).error.message).toBe(
      'Invalid requests[0].insertDimension: range.startIndex must be less than the grid size (10) if inheritFromBefore is false.',
    );
    const inherit = { insertDimension: { range: rows(10, 12), inheritFromBefore: true } };
    expect(applyBatchUpdate(fake, ss.getId(), { requests: [inherit] }).status).toBe(200);
    expect(sheet('B').getMaxRows()).toBe(12);
  });
});

describe('install and vm', () => {
  test('install/uninstall on a target and run code in a vm context', () => {
    const fake: GasFake = createGasFake({ now: new Date('2020-02-02T00:00:00Z') });
    const target: Record<string, unknown> = { SpreadsheetApp: 'old' };
    fake.install(target);
    expect(target.SpreadsheetApp).toBe(fake.globals.SpreadsheetApp);
    fake.uninstall();
    expect(target.SpreadsheetApp).toBe('old');
    expect('MailApp' in target).toBe(false);

    const ss = fake.createSpreadsheet('vm', { active: true });
    const ctx = fake.createVmContext();
    vm.runInContext(
      `var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
       sh.getRange(1, 1, 1, 2).setValues([[new Date().getTime(), Session.getScriptTimeZone()]]);
       Logger.log('wrote %s', 2);`,
      ctx,
    );
    expect(ss.getSheets()[0].getRange('A1:B1').getValues()).toEqual([[Date.UTC(2020, 1, 2), 'Asia/Ho_Chi_Minh']]);
    expect(fake.logs.map((l) => l.message)).toEqual(['wrote 2']);
    // Dates read back inside the vm pass `instanceof Date` there.
    const isDate = vm.runInContext(
      `var r = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('C1');
       r.setValue(new Date()); r.getValue() instanceof Date`,
      ctx,
    );
    expect(isDate).toBe(true);
  });
});

describe("Google's spreadsheet export and Drive files.update", () => {
  const token = { Authorization: 'Bearer t' };
  const url = (id: string, gid: number) => `https://docs.google.com/spreadsheets/d/${id}/export?format=xlsx&gid=${gid}`;

  test('xlsx export holds every sheet, hidden ones too, whatever gid names', async () => {
    const { fake, ss } = setup();
    const hidden = ss.insertSheet('Ẩn');
    hidden.getRange('A1').setValue('bi-mat@xa.vn');
    hidden.hideSheet();
    const gid = (ss.getSheetByName('Trống') as Sheet).getSheetId();
    const res = fake.globals.UrlFetchApp.fetch(url(ss.getId(), gid), { headers: token });
    expect(res.getResponseCode()).toBe(200);
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(new Uint8Array(res.getContent().map((b) => b & 0xff)));
    const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    expect([...workbook.matchAll(/name="([^"]*)"/g)].map((m) => m[1])).toEqual(['Xã A', 'Trống', 'Ẩn']);
    expect(workbook).toContain('state="hidden"');
    expect(await zip.file('xl/worksheets/sheet3.xml')?.async('string')).toContain('bi-mat@xa.vn');
  });

  test('no token 401, unknown id 404; files.update trashes only for the owner', () => {
    const { fake, ss } = setup();
    const { UrlFetchApp } = fake.globals;
    const patch = (id: string) =>
      UrlFetchApp.fetch(`https://www.googleapis.com/drive/v3/files/${id}`, {
        method: 'patch',
        contentType: 'application/json',
        payload: JSON.stringify({ trashed: true }),
        headers: token,
        muteHttpExceptions: true,
      }).getResponseCode();
    expect(UrlFetchApp.fetch(url(ss.getId(), 0), { muteHttpExceptions: true }).getResponseCode()).toBe(401);
    expect(UrlFetchApp.fetch(url('nope', 0), { headers: token, muteHttpExceptions: true }).getResponseCode()).toBe(404);
    const other = fake.createSpreadsheet('Của người khác', { owner: 'x@y.vn', editors: ['canbo@xa.vn'] });
    expect(patch(other.getId())).toBe(403);
    expect(patch(ss.getId())).toBe(200);
    expect(fake.listSpreadsheets().map((s) => [s.name, s.trashed])).toEqual([
      ['Báo cáo', true],
      ['Của người khác', false],
    ]);
  });
});

describe('protections are enforced for the effective user', () => {
  const OWNER = 'huyen@dv.vn';
  const CLERK = 'canbo@xa.vn';
  const OTHER = 'khac@xa.vn';
  type ApiBody = { error: { code: number; message: string; status: string } };

  function world() {
    const fake = createGasFake({ user: OWNER });
    const ss = fake.createSpreadsheet('Báo cáo', {
      active: true,
      editors: [CLERK, OTHER],
      sheets: [
        {
          name: 'Xã A',
          values: [
            ['Chỉ tiêu', 'T1', 'T2'],
            ['Số hộ', 1, 2],
            ['Số người', 3, 4],
          ],
        },
        { name: 'B' },
      ],
    });
    const sh = ss.getSheetByName('Xã A') as Sheet;
    return { fake, ss, sh, SpreadsheetApp: fake.globals.SpreadsheetApp };
  }

  test("a range protection stops a script run by a user not its editor, with Sheets' text; owner and editors write", () => {
    const { fake, sh } = world();
    const lock = sh.getRange('B2:B3').protect().setDescription('Đã nộp tháng 1');
    lock.removeEditors(lock.getEditors());
    lock.addEditor(CLERK);
    fake.setUser(OTHER);
    expect(lock.canEdit()).toBe(false);
    for (const edit of [
      () => sh.getRange('B2').setValue(9),
      () =>
        sh.getRange('A1:C3').setValues([
          ['', '', ''],
          ['', '', ''],
          ['', '', ''],
        ]),
      () => sh.getRange('B3').setFormula('=1+1'),
      () => sh.getRange('B2:B3').setNumberFormat('0.0'),
      () => sh.getRange('B2').setNumberFormats([['0']]),
      () => sh.getRange('B2').clearContent(),
      () => sh.getRange('A2:C2').clear(),
      () => sh.getRange('B2').setNote('x'),
      () => sh.getRange('B2').setBackground('#ff0000'),
      () => sh.clearContents(),
      () => sh.deleteRow(2),
      () => sh.getRange('A1:A2').copyTo(sh.getRange('B2')),
    ])
      expect(thrown(edit).message).toBe(GAS_ERRORS.protectedCell);
    expect(String(thrown(() => sh.getRange('B2').setValue(9)))).toBe(`Exception: ${GAS_ERRORS.protectedCell}`);
    expect(sh.getRange('B2:B3').getValues()).toEqual([[1], [3]]);
    // Cells beside the lock, and rows inserted (no sheet protection), stay open.
    sh.getRange('C2').setValue(5);
    sh.insertRowsAfter(3, 1);
    expect(sh.getRange('C2').getValue()).toBe(5);
    // Its editor and the owner may.
    fake.setUser(CLERK);
    expect(lock.canEdit()).toBe(true);
    sh.getRange('B2').setValue(7);
    fake.setUser(OWNER);
    sh.getRange('B3').setValue(8);
    expect(sh.getRange('B2:B3').getValues()).toEqual([[7], [8]]);
  });

  test('a new protection mirrors the spreadsheet until its editors change; warning-only and removed ones stop no script', () => {
    const { fake, sh } = world();
    const p = sh.getRange('B2').protect();
    fake.setUser(OTHER);
    sh.getRange('B2').setValue(10); // "effectively … remains unprotected"
    fake.setUser(OWNER);
    p.removeEditor(OTHER);
    fake.setUser(OTHER);
    expect(thrown(() => sh.getRange('B2').setValue(11)).message).toBe(GAS_ERRORS.protectedCell);
    fake.setUser(OWNER);
    p.setWarningOnly(true);
    fake.setUser(OTHER);
    sh.getRange('B2').setValue(12);
    fake.setUser(OWNER);
    p.setWarningOnly(false);
    fake.setUser(OTHER);
    expect(thrown(() => sh.getRange('B2').setValue(13)).message).toBe(GAS_ERRORS.protectedCell);
    fake.setUser(OWNER);
    p.remove();
    fake.setUser(OTHER);
    sh.getRange('B2').setValue(14);
    expect(sh.getRange('B2').getValue()).toBe(14);
  });

  test("the owner and the user running the script stay editors; setDomainEdit opens it to the owner's domain", () => {
    const { fake, sh } = world();
    fake.setUser(CLERK);
    const p = sh.getRange('C2:C3').protect();
    p.removeEditors([OWNER, CLERK, OTHER]);
    expect(
      p
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual([CLERK, OWNER].sort());
    sh.getRange('C2').setValue(1);
    fake.setUser(OTHER);
    expect(thrown(() => sh.getRange('C2').setValue(2)).message).toBe(GAS_ERRORS.protectedCell);
    fake.setUser(OWNER);
    p.setDomainEdit(true);
    fake.setUser('pho@dv.vn');
    expect(p.canEdit()).toBe(true);
    fake.setUser(OTHER); // another domain
    expect(p.canEdit()).toBe(false);
  });

  test('a sheet protection guards every cell but its unprotected ranges, and the sheet itself', () => {
    const { fake, ss, sh } = world();
    const p = sh.protect();
    p.removeEditors(p.getEditors());
    p.setUnprotectedRanges([sh.getRange('B2:C3')]);
    fake.setUser(CLERK);
    sh.getRange('B2:C3').setValues([
      [5, 6],
      [7, 8],
    ]);
    for (const edit of [
      () => sh.getRange('A2').setValue('x'),
      () => sh.getRange('B1:B2').setValues([['T'], [1]]),
      () => sh.insertRowsAfter(3, 1),
      () => sh.insertColumnBefore(1),
      () => sh.appendRow(['x']),
      () => sh.setName('Xã B'),
      () => sh.setFrozenRows(1),
      () => ss.deleteSheet(sh),
    ])
      expect(thrown(edit).message).toBe(GAS_ERRORS.protectedCell);
    expect(sh.getMaxRows()).toBe(1000);
    expect(sh.getName()).toBe('Xã A');
    fake.setUser(OWNER);
    sh.insertRowsAfter(3, 1);
    expect(sh.getMaxRows()).toBe(1001);
  });

  test('the Sheets API refuses a batch that edits a protected cell: 400, nothing applied', () => {
    const { fake, ss, sh } = world();
    const p = sh.getRange('B2:B3').protect();
    p.removeEditors(p.getEditors());
    fake.setUser(OTHER);
    const id = sh.getSheetId();
    const before = fake.snapshot(ss);
    for (const req of [
      {
        updateCells: {
          start: { sheetId: id, rowIndex: 1, columnIndex: 1 },
          rows: [{ values: [{ userEnteredValue: { numberValue: 5 } }] }],
          fields: 'userEnteredValue',
        },
      },
      {
        repeatCell: {
          range: { sheetId: id, startRowIndex: 0, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 3 },
          cell: { userEnteredFormat: { numberFormat: { type: 'NUMBER', pattern: '0' } } },
          fields: 'userEnteredFormat.numberFormat',
        },
      },
      { deleteDimension: { range: { sheetId: id, dimension: 'ROWS', startIndex: 2, endIndex: 3 } } },
    ]) {
      const res = applyBatchUpdate(fake, ss.getId(), {
        requests: [
          {
            updateCells: {
              start: { sheetId: id, rowIndex: 0, columnIndex: 2 },
              rows: [{ values: [{ userEnteredValue: { stringValue: 'T2*' } }] }],
              fields: 'userEnteredValue',
            },
          },
          req,
        ],
      });
      expect(res.status).toBe(400);
      expect((res.body as ApiBody).error).toMatchObject({
        message: GAS_ERRORS.protectedCell,
        status: 'INVALID_ARGUMENT',
      });
    }
    expect(fake.snapshot(ss)).toEqual(before);
    // Outside the lock, and as the owner, it applies.
    const ok = applyBatchUpdate(fake, ss.getId(), {
      requests: [{ insertDimension: { range: { sheetId: id, dimension: 'ROWS', startIndex: 3, endIndex: 4 } } }],
    });
    expect(ok.status).toBe(200);
    fake.setUser(OWNER);
    const owner = applyBatchUpdate(fake, ss.getId(), {
      requests: [
        {
          updateCells: {
            start: { sheetId: id, rowIndex: 1, columnIndex: 1 },
            rows: [{ values: [{ userEnteredValue: { numberValue: 5 } }] }],
            fields: 'userEnteredValue',
          },
        },
      ],
    });
    expect(owner.status).toBe(200);
    expect(sh.getRange('B2').getValue()).toBe(5);
  });

  test('reading the editors of, changing or removing a protection takes edit rights on it', () => {
    const { fake, sh } = world();
    const p = sh.getRange('B2').protect();
    p.removeEditors(p.getEditors());
    fake.setUser(OTHER);
    expect(p.canEdit()).toBe(false);
    for (const change of [
      () => p.getEditors(),
      () => p.canDomainEdit(),
      () => p.addEditor(OTHER),
      () => p.removeEditor(OWNER),
      () => p.setDescription('x'),
      () => p.setWarningOnly(true),
      () => p.remove(),
    ])
      expect(thrown(change).message).toBe(GAS_ERRORS.protectedCell);
    expect(sh.getProtections(fake.globals.SpreadsheetApp.ProtectionType.RANGE)).toHaveLength(1);
    fake.setUser(OWNER);
    p.remove();
    expect(sh.getProtections(fake.globals.SpreadsheetApp.ProtectionType.RANGE)).toHaveLength(0);
  });

  test('an installable trigger runs as the user who made it', () => {
    const { fake, sh } = world();
    const { ScriptApp, Session } = fake.globals;
    const p = sh.getRange('B2').protect();
    p.removeEditors(p.getEditors());
    const t = ScriptApp.newTrigger('ghi').timeBased().after(60_000).create();
    fake.setUser(OTHER);
    const seen: string[] = [];
    const scope = {
      ghi: () => {
        seen.push(Session.getEffectiveUser().getEmail(), Session.getActiveUser().getEmail());
        sh.getRange('B2').setValue(42);
      },
    };
    fake.fireTrigger(t.getUniqueId(), scope);
    expect(seen).toEqual([OWNER, OWNER]);
    expect(sh.getRange('B2').getValue()).toBe(42);
    expect(Session.getEffectiveUser().getEmail()).toBe(OTHER);
  });
});
