import { defaultSettings } from '../catalogue/defaults';
import { aggregatingLevel, levelWordOf, reportingUnitWord } from './level';

describe('aggregatingLevel', () => {
  it("is the sample settings' district, and a province's word since the 2025 reform", () => {
    expect(aggregatingLevel(defaultSettings())).toBe('huyện');
    expect(aggregatingLevel({ level: 'tỉnh' })).toBe('tỉnh');
    expect(aggregatingLevel({ level: ' Tỉnh ' })).toBe('tỉnh');
    expect(aggregatingLevel({ level: 'cấp tỉnh' })).toBe('tỉnh');
    expect(aggregatingLevel({ level: 'Thành phố' })).toBe('thành phố');
  });

  it('keeps a level no list names as typed, in lower case', () => {
    expect(aggregatingLevel({ level: 'Đặc khu' })).toBe('đặc khu');
  });
});

describe('levelWordOf', () => {
  it('finds whole words only, "thị xã" before "xã"', () => {
    expect(levelWordOf('Ban Dân vận Huyện ủy Mường Nhé')).toBe('huyện');
    expect(levelWordOf('toàn thị xã')).toBe('thị xã');
    expect(levelWordOf('Mường Nhé')).toBeNull();
  });
});

describe('reportingUnitWord', () => {
  it('is "xã" under a district or a province, "đơn vị" under a commune (its units are villages)', () => {
    expect(reportingUnitWord(aggregatingLevel(defaultSettings()))).toBe('xã');
    expect(reportingUnitWord(aggregatingLevel({ level: 'tỉnh' }))).toBe('xã');
    expect(reportingUnitWord(aggregatingLevel({ level: 'thị xã' }))).toBe('xã');
    expect(reportingUnitWord(aggregatingLevel({ level: 'Xã' }))).toBe('đơn vị');
    expect(reportingUnitWord(aggregatingLevel({ level: 'phường' }))).toBe('đơn vị');
    expect(reportingUnitWord(aggregatingLevel({ level: 'đặc khu' }))).toBe('đơn vị');
  });
});
