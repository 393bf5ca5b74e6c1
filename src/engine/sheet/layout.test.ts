import { unitDisplayName, unitSheetName, unitSheetNames } from './layout';

describe('unitDisplayName', () => {
  it('puts the kind before the name, capitalised', () => {
    expect(unitDisplayName({ name: 'Chung Chải', kind: 'xã' })).toBe('Xã Chung Chải');
    expect(unitDisplayName({ name: 'Mường Nhé', kind: 'thị trấn' })).toBe('Thị trấn Mường Nhé');
    expect(unitDisplayName({ name: 'Mường Nhé', kind: '' })).toBe('Mường Nhé');
  });

  it('does not say the kind twice when the name begins with it ("Phường 1")', () => {
    expect(unitDisplayName({ name: 'Phường 1', kind: 'phường' })).toBe('Phường 1');
    expect(unitDisplayName({ name: 'phường 12', kind: 'Phường' })).toBe('phường 12');
    // A name that only begins with the same letters is not the kind.
    expect(unitDisplayName({ name: 'Phườngxa', kind: 'phường' })).toBe('Phường Phườngxa');
    expect(unitDisplayName({ name: 'Xã', kind: 'xã' })).toBe('Xã Xã');
  });

  it('leaves the tab name (layout a) as it was', () => {
    expect(unitSheetName({ name: 'Phường 1' }, 2026)).toBe('Phường 1 2026');
  });
});

describe('unitSheetName', () => {
  it('cuts a long name to 26 characters, with no space left at the cut', () => {
    // The 26th character is a space: earlier versions gave "…Sìn  2025".
    expect(unitSheetName({ name: 'Chung Chải và Leng Su Sìn mới' }, 2025)).toBe('Chung Chải và Leng Su Sìn 2025');
    expect(unitSheetName({ name: 'Chung Chải và Leng Su Sì   n' }, 2025)).toBe('Chung Chải và Leng Su Sì 2025');
    expect(unitSheetName({ name: 'Chung Chải và Leng Su Sìn   ' }, 2025)).toBe('Chung Chải và Leng Su Sìn 2025');
    expect(unitSheetName({ name: 'Xã Mường Nhé và Chung Chải mới' }, 2025)).toBe('Xã Mường Nhé và Chung Chải 2025');
    expect(unitSheetName({ name: 'Nậm/Kè' }, 2018)).toBe('Nậm Kè 2018');
  });

  it('names the tab an earlier version gave too, where it differs', () => {
    expect(unitSheetNames({ name: 'Chung Chải và Leng Su Sìn mới' }, 2025)).toEqual([
      'Chung Chải và Leng Su Sìn 2025',
      'Chung Chải và Leng Su Sìn  2025',
    ]);
    expect(unitSheetNames({ name: 'Chung Chải' }, 2025)).toEqual(['Chung Chải 2025']);
    expect(unitSheetNames({ name: 'Xã Mường Nhé và Chung Chải mới' }, 2025)).toEqual([
      'Xã Mường Nhé và Chung Chải 2025',
    ]);
  });
});
