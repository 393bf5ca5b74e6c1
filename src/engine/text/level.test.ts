import { defaultSettings } from '../catalogue/defaults';
import { aggregatingLevel, levelWordOf } from './level';

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
