import { compareMeasures, scaleValue } from './measure';

const kind = (typed: string, expected: string) => compareMeasures(typed, expected).kind;

describe('compareMeasures', () => {
  it('takes the same unit typed another way as the same', () => {
    for (const typed of ['Hộ', 'HỘ', ' hộ ', 'ho\u0323\u0302', 'hộ\u200B'])
      expect([typed, kind(typed, 'hộ')]).toEqual([typed, 'same']);
    expect(kind('Ngày  công', 'ngày công')).toBe('same');
    expect(kind('người / lượt', 'người/lượt')).toBe('same');
    // Old and new tone placement.
    expect(kind('hoá đơn', 'hóa đơn')).toBe('same');
    // Lookalike Đ (U+00D0).
    expect(kind('\u00D0ơn', 'đơn')).toBe('same');
  });

  it('knows the spellings of money in the same scale', () => {
    for (const typed of [
      'Triệu đồng',
      'triệu  đồng',
      'tr.đồng',
      'tr. đồng',
      'tr đồng',
      'trđ',
      'Tr.đ',
      'TRIỆU ĐỒNG',
      '1.000.000 đồng',
    ])
      expect([typed, kind(typed, 'triệu đồng')]).toEqual([typed, 'same']);
    for (const typed of ['ngàn đồng', 'Nghìn đồng', '1.000 đồng', '1000 đ', 'nghìn VNĐ'])
      expect([typed, kind(typed, 'nghìn đồng')]).toEqual([typed, 'same']);
    for (const typed of ['đồng', 'đ', 'VNĐ', 'vnd']) expect([typed, kind(typed, 'đồng')]).toEqual([typed, 'same']);
    expect(kind('tỉ đồng', 'tỷ đồng')).toBe('same');
  });

  it('gives the factor between two money scales', () => {
    expect(compareMeasures('triệu đồng', 'nghìn đồng')).toEqual({ kind: 'scale', mul: 1000, div: 1 });
    expect(compareMeasures('nghìn đồng', 'triệu đồng')).toEqual({ kind: 'scale', mul: 1, div: 1000 });
    expect(compareMeasures('tỷ đồng', 'đồng')).toEqual({ kind: 'scale', mul: 1e9, div: 1 });
    expect(compareMeasures('đồng', 'tỷ đồng')).toEqual({ kind: 'scale', mul: 1, div: 1e9 });
    expect(compareMeasures('trđ', 'ngàn đồng')).toEqual({ kind: 'scale', mul: 1000, div: 1 });
  });

  it('two different counting units: renamed (counted, named), not guessed equal', () => {
    expect(kind('người', 'hộ')).toBe('renamed');
    expect(kind('hộ gia đình', 'hộ')).toBe('renamed');
    expect(kind('người', 'đoàn viên')).toBe('renamed');
    expect(kind('lượt', 'lượt người')).toBe('renamed');
  });

  it("money that cannot be added to the catalogue's unit is another unit", () => {
    // "triệu" alone, dollars, a unit for a count: not surely money in đồng.
    expect(kind('triệu', 'triệu đồng')).toBe('other');
    expect(kind('USD', 'triệu đồng')).toBe('other');
    expect(kind('$', 'nghìn đồng')).toBe('other');
    expect(kind('nghìn đồng', 'hộ')).toBe('other');
    expect(kind('hộ', 'nghìn đồng')).toBe('other');
    expect(kind('đô la', 'suất')).toBe('other');
    expect(kind('triệu', 'nhà')).toBe('other');
  });

  it('an empty cell, or a catalogue unit left empty, says nothing', () => {
    expect(kind('', 'hộ')).toBe('same');
    expect(kind('  ', 'hộ')).toBe('same');
    expect(kind('hộ', '')).toBe('same');
  });
});

describe('scaleValue', () => {
  it('is exact as typed, without binary noise', () => {
    const up = compareMeasures('triệu đồng', 'nghìn đồng');
    const down = compareMeasures('nghìn đồng', 'triệu đồng');
    // The noise tidy removes: 1.005 × 1000 and 8.2 ÷ 1000 are a hair off in binary.
    expect(1.005 * 1000).not.toBe(1005);
    expect(8.2 / 1000).not.toBe(0.0082);
    expect(scaleValue(1.005, up)).toBe(1005);
    expect(scaleValue(8.2, down)).toBe(0.0082);
    expect(scaleValue(1.005, compareMeasures('tỷ đồng', 'nghìn đồng'))).toBe(1_005_000);
    expect(scaleValue(1.1, up)).toBe(1100);
    expect(scaleValue(90.5, up)).toBe(90500);
    expect(scaleValue(0.3, up)).toBe(300);
    expect(scaleValue(1234.5, down)).toBe(1.2345);
    expect(scaleValue(90500, down)).toBe(90.5);
    expect(scaleValue(0.7, down)).toBe(0.0007);
    expect(scaleValue(0, up)).toBe(0);
    expect(scaleValue(2.5, compareMeasures('tỷ đồng', 'đồng'))).toBe(2_500_000_000);
  });
});
