/**
 * A re-coded row's month cells lose the validation they had (another kind's, maybe) before they
 * get their kind's: taken out of whatever ranges hold them, the rest of each range kept, and an
 * Excel 2010 (x14) list left empty removed with its extension, as an empty list is not valid.
 */
import { cutValidations } from '../../src/cli/xlsx/insert-rows';
import { parseXml, serializeXml } from '../../src/cli/xlsx/xml';

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" ' +
  'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"';
const x14 = (sqref: string) =>
  '<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations count="1"><x14:dataValidation type="list">' +
  `<x14:formula1><xm:f>Other!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>${sqref}</xm:sqref>` +
  '</x14:dataValidation></x14:dataValidations></ext>';

function cut(body: string): string {
  const doc = parseXml(`<worksheet ${NS}><sheetData/>${body}</worksheet>`);
  cutValidations(doc.root, 9, 5, 16);
  return serializeXml(doc).replace(/^<worksheet [^>]*><sheetData\/>|<\/worksheet>$/g, '');
}

test('a block over the row is split around it; ranges beside it and other rows are kept', () => {
  expect(
    cut(
      '<dataValidations count="2"><dataValidation type="whole" sqref="E7:P12 R9 E3"/>' +
        '<dataValidation type="decimal" sqref="D9:Q9"/></dataValidations>',
    ),
  ).toBe(
    '<dataValidations count="2"><dataValidation type="whole" sqref="E7:P8 E10:P12 R9 E3"/>' +
      '<dataValidation type="decimal" sqref="D9 Q9"/></dataValidations>',
  );
});

test('a validation of the row only goes, and the list with it when empty; an x14 one too', () => {
  expect(
    cut(
      `<dataValidations count="1"><dataValidation type="whole" sqref="E9:P9"/></dataValidations><extLst>${x14('F9')}</extLst>`,
    ),
  ).toBe('');
  expect(cut(`<extLst>${x14('F9 F20')}</extLst>`)).toBe(`<extLst>${x14('F20')}</extLst>`);
});
