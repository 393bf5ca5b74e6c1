import { codeList, isoFromDateText, realDateFromText } from './config-values';

describe('dates typed by hand (the "Đơn vị"/"Ngày nghỉ" sheets and the JSON files alike)', () => {
  it.each([
    ['01/07/2025', '2025-07-01'],
    ['1/7/2025', '2025-07-01'],
    ['01.07.2025', '2025-07-01'],
    ['01-07-2025', '2025-07-01'],
    ['2025-7-1', '2025-07-01'],
    [' 2025-07-01 ', '2025-07-01'],
    ['13/02/2018', '2018-02-13'],
  ])('%j is day first, read as %j', (text, iso) => {
    expect(isoFromDateText(text)).toBe(iso);
    expect(realDateFromText(text)).toBe(iso);
  });

  it('keeps the shape of a day that does not exist, for the calendar check to name', () => {
    expect(isoFromDateText('31/02/2025')).toBe('2025-02-31');
    expect(realDateFromText('31/02/2025')).toBeNull();
    expect(realDateFromText('29/02/2025')).toBeNull();
    expect(realDateFromText('29/02/2024')).toBe('2024-02-29');
    expect(realDateFromText('01/13/2025')).toBeNull(); // never month first
  });

  it.each(['', 'tháng 7/2025', '2025/07/01', '01/07/25', '1 7 2025', '45839'])('%j is no date', (text) => {
    expect(isoFromDateText(text)).toBeNull();
  });
});

describe('codes listed in one text', () => {
  it('splits on commas, semicolons, "+" and line breaks, dropping empties', () => {
    expect(codeList('sin-thau, sen-thuong')).toEqual(['sin-thau', 'sen-thuong']);
    expect(codeList(' a;b + c\nd,, ')).toEqual(['a', 'b', 'c', 'd']);
    expect(codeList('')).toEqual([]);
  });

  it('keeps a piece with a space whole: "nam vi" is a slip for one code, not two codes', () => {
    expect(codeList('muong-nhe, nam vi, chung-chai')).toEqual(['muong-nhe', 'nam vi', 'chung-chai']);
  });
});
