import { unitDisplayName, unitSheetName } from './layout';

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
