import { moveFormula } from './missing-rows';
import { type CellRef, mapRefs } from './refs';

/** Rows from 10 on move down by 2, in sheet "Chung Chải 2018" (and, with `own`, without a sheet). */
function shift(own: boolean) {
  return (ref: CellRef): CellRef | null => {
    const ours = ref.sheet === null ? own : ref.sheet === 'Chung Chải 2018';
    if (!ours || ref.row === null || ref.row < 10) return null;
    return { ...ref, row: ref.row + 2 };
  };
}

describe('mapRefs', () => {
  test.each([
    ['IF(COUNT(E10:P10)=0,"",SUM(E10:P10))', 'IF(COUNT(E12:P12)=0,"",SUM(E12:P12))'],
    ['E9+E10', 'E9+E12'],
    ['SUM(E8:E40)', 'SUM(E8:E42)'],
    ['$E$10*E$11', '$E$12*E$13'],
    ['"E10"&E10', '"E10"&E12'],
    ['"say ""E10"""&E10', '"say ""E10"""&E12'],
    ['LOG10(E10)+ATAN2(1,2)', 'LOG10(E12)+ATAN2(1,2)'],
    ['SUM(10:11)+SUM(E:E)', 'SUM(12:13)+SUM(E:E)'],
    ['#REF!+E10', '#REF!+E12'],
    ['Bang1[[#This Row],[Cot1]]+E10', 'Bang1[[#This Row],[Cot1]]+E12'],
    ['1.5E+10+E10', '1.5E+10+E12'],
    ['Tong_2018*2+_xlfn.XLOOKUP(E10,A:A,B:B)', 'Tong_2018*2+_xlfn.XLOOKUP(E12,A:A,B:B)'],
    ['E10 E11', 'E12 E13'],
  ])('in the sheet itself: %s', (formula, expected) => {
    expect(mapRefs(formula, shift(true))).toBe(expected);
  });

  test.each([
    ["'Chung Chải 2018'!E10+E10", "'Chung Chải 2018'!E12+E10"],
    ["SUM('Chung Chải 2018'!E10:P10)", "SUM('Chung Chải 2018'!E12:P12)"],
    ["Khac!E10+'Chung Chải 2018'!$Q$9", "Khac!E10+'Chung Chải 2018'!$Q$9"],
    ["[1]'Chung Chải 2018'!E10+'[2]Chung Chải 2018'!E10", "[1]'Chung Chải 2018'!E10+'[2]Chung Chải 2018'!E10"],
    ["'It''s'!E10", "'It''s'!E10"],
  ])('elsewhere: %s', (formula, expected) => {
    expect(mapRefs(formula, shift(false))).toBe(expected);
  });

  test('a 3-D reference names its sheets with a colon', () => {
    const seen: (string | null)[] = [];
    mapRefs("SUM(Trang1:Trang3!E10)+SUM('Trang 1:Trang 3'!E10)", (ref) => {
      seen.push(ref.sheet);
      return null;
    });
    expect(seen).toEqual(['Trang1:Trang3', 'Trang 1:Trang 3']);
  });

  test('moveFormula: a reference to a row the map lacks loses the formula', () => {
    expect(moveFormula('=SUM(E$9,E$10)', (r) => r + 1)).toBe('=SUM(E$10,E$11)');
    expect(moveFormula('=SUM(E$9,E$10)', (r) => (r === 9 ? 20 : undefined))).toBeNull();
  });
});
