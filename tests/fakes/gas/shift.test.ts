/** Inserted rows and columns move the references that follow them, as in Sheets. */
import { createGasFake } from './index';
import { renameSheetInFormula, shiftFormula } from './shift';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function setup() {
  const fake = createGasFake({ now: new Date('2018-10-05T09:30:00+07:00'), user: 'canbo@xa.vn' });
  const ss = fake.createSpreadsheet('Báo cáo', { active: true, sheets: [{ name: 'Xã A' }, { name: 'Tổng' }] });
  const { SpreadsheetApp } = fake.globals;
  return { fake, ss, SpreadsheetApp };
}

describe('shiftFormula', () => {
  const rows = (at: number, count = 1) => ({ sheet: 'Xã A', dim: 'row' as const, at, count });

  test('references at or after the point move, absolute or not; ranges across it grow', () => {
    expect(shiftFormula('=IF(COUNT(E12:P12)=0,"",SUM(E12:P12))', 'Xã A', rows(10))).toBe(
      '=IF(COUNT(E13:P13)=0,"",SUM(E13:P13))',
    );
    expect(shiftFormula('=AND(COUNT(E$9,E$14)>0,NOT(SUM(E$9)=SUM(E$14)))', 'Xã A', rows(12, 2))).toBe(
      '=AND(COUNT(E$9,E$16)>0,NOT(SUM(E$9)=SUM(E$16)))',
    );
    expect(shiftFormula('=SUM($A$2:$A$20)+A1', 'Xã A', rows(5))).toBe('=SUM($A$2:$A$21)+A1');
    // Inserted right after a range's last row: the range stays.
    expect(shiftFormula('=SUM(A2:A4)', 'Xã A', rows(5))).toBe('=SUM(A2:A4)');
  });

  test('other sheets, text, names and functions are left alone; a sheet name is matched', () => {
    expect(shiftFormula('="E12"&LOG10(E12)', 'Xã A', rows(1))).toBe('="E12"&LOG10(E13)');
    expect(shiftFormula("='Xã A'!B7+Tổng!B7+B7", 'Tổng', rows(3))).toBe("='Xã A'!B8+Tổng!B7+B7");
    expect(shiftFormula('=SUM(A:A)+"say ""A5"""', 'Xã A', rows(1))).toBe('=SUM(A:A)+"say ""A5"""');
  });

  test('columns', () => {
    expect(shiftFormula('=SUM(E8:P8)+$Q$8', 'Xã A', { sheet: 'Xã A', dim: 'col', at: 6, count: 1 })).toBe(
      '=SUM(E8:Q8)+$R$8',
    );
  });
});

describe('Sheet.insertRows… with formulas, conditional formats and protections', () => {
  test('formulas below move with their cells and still read their own row; other sheets follow', () => {
    const { ss } = setup();
    const sh = ss.getSheetByName('Xã A') as Sheet;
    sh.getRange('A1:C3').setValues([
      [1, 2, '=A1+B1'],
      [3, 4, '=A2+B2'],
      [5, 6, '=SUM(A1:A3)'],
    ]);
    (ss.getSheetByName('Tổng') as Sheet).getRange('A1').setValue("='Xã A'!C2");
    sh.insertRowsAfter(1, 2);
    expect(sh.getRange('C1:C5').getFormulas()).toEqual([['=A1+B1'], [''], [''], ['=A4+B4'], ['=SUM(A1:A5)']]);
    expect(sh.getRange('C4:C5').getValues()).toEqual([[7], [9]]);
    expect((ss.getSheetByName('Tổng') as Sheet).getRange('A1').getFormula()).toBe("='Xã A'!C4");
    sh.insertRowsBefore(1, 1);
    expect(sh.getRange('C2').getFormula()).toBe('=A2+B2');
    sh.insertColumnsBefore(2, 1);
    expect(sh.getRange('D5').getFormula()).toBe('=A5+C5');
  });

  test('conditional format ranges and custom formulas follow; a Range held by the script does not move', () => {
    const { ss, SpreadsheetApp } = setup();
    const sh = ss.getSheetByName('Xã A') as Sheet;
    const held = sh.getRange('E12:P12');
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=E$12>E$9')
      .setBackground('#F8CBAD')
      .setRanges([held, sh.getRange('E9:P9')])
      .build();
    sh.setConditionalFormatRules([rule]);
    sh.insertRowsAfter(10, 1);
    const [after] = sh.getConditionalFormatRules();
    expect(after.getRanges().map((r) => r.getA1Notation())).toEqual(['E13:P13', 'E9:P9']);
    expect(after.getBooleanCondition()?.getCriteriaValues()).toEqual(['=E$13>E$9']);
    expect(held.getA1Notation()).toBe('E12:P12');
  });

  test('Protection.setRange moves a range protection, keeping description and editors', () => {
    const { ss, SpreadsheetApp } = setup();
    const sh = ss.getSheetByName('Xã A') as Sheet;
    const p = sh.getRange('A8:D12').protect().setDescription('Cấu trúc');
    p.addEditor('admin@huyen.vn');
    p.setRange(sh.getRange('A8:D13'));
    const [again] = sh.getProtections(SpreadsheetApp.ProtectionType.RANGE);
    expect(again.getRange().getA1Notation()).toBe('A8:D13');
    expect(again.getDescription()).toBe('Cấu trúc');
    expect(again.getEditors().map((e) => e.getEmail())).toContain('admin@huyen.vn');
    // Rows inserted inside it grow it, as before.
    sh.insertRowsAfter(9, 2);
    expect(again.getRange().getA1Notation()).toBe('A8:D15');
  });
});

describe('renameSheetInFormula: formulas are bound to a sheet, not to its name', () => {
  test('a rename follows into every reference naming the sheet, quoted as needed', () => {
    expect(renameSheetInFormula("='Tổng hợp 2018-09'!D5+Tong!A1", 'Tổng hợp 2018-09', '~ (cũ) Tổng hợp')).toBe(
      "='~ (cũ) Tổng hợp'!D5+Tong!A1",
    );
    expect(renameSheetInFormula('=SUM(tong!A1:B2)&"Tong!A1"', 'Tong', "Xã's")).toBe(`=SUM('Xã''s'!A1:B2)&"Tong!A1"`);
    expect(renameSheetInFormula('=A1+B2', 'Tong', 'X')).toBe('=A1+B2');
  });

  test('a deletion turns them to #REF!, which reads as that error; a new sheet of the same name does not mend it', () => {
    const { ss } = setup();
    const mine = ss.getSheetByName('Tổng') as Sheet;
    const a = ss.getSheetByName('Xã A') as Sheet;
    a.getRange('D5').setValue(7);
    mine.getRange('A1').setFormula("='Xã A'!D5*2");
    mine.getRange('A2').setFormula("=SUM('Xã A'!D1:D9)");
    expect(mine.getRange('A1:A2').getValues()).toEqual([[14], [7]]);
    a.setName('Xã B');
    expect(mine.getRange('A1').getFormula()).toBe("='Xã B'!D5*2");
    expect(mine.getRange('A1').getValue()).toBe(14);
    ss.deleteSheet(a);
    expect(mine.getRange('A1:A2').getFormulas()).toEqual([['=#REF!*2'], ['=SUM(#REF!)']]);
    expect(mine.getRange('A1:A2').getValues()).toEqual([['#REF!'], ['#REF!']]);
    ss.insertSheet('Xã B').getRange('D5').setValue(9);
    expect(mine.getRange('A1').getValue()).toBe('#REF!');
  });
});
