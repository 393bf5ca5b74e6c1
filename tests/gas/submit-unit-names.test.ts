/** The unit typed at "Nộp báo cáo tháng…" / "Mở khóa tháng…": as staff type it on any keyboard. */
import { defaultUnits } from '../../src/engine/catalogue/defaults';
import type { Unit } from '../../src/engine/types';
import { findUnit } from '../../src/gas/submit';

const units = defaultUnits();

describe('findUnit', () => {
  it('finds a unit typed without diacritics (a phone without a Vietnamese keyboard)', () => {
    expect(findUnit(units, 'muong nhe')?.code).toBe('muong-nhe');
    expect(findUnit(units, 'XA SIN THAU')?.code).toBe('sin-thau');
    expect(findUnit(units, 'Mường Nhé')?.code).toBe('muong-nhe');
  });

  it('does not guess between two units that read alike without diacritics', () => {
    const two: Unit[] = [
      { code: 'a', name: 'Mường Nhé', kind: 'Xã', emails: [] },
      { code: 'b', name: 'Mương Nhe', kind: 'Xã', emails: [] },
    ];
    expect(findUnit(two, 'muong nhe')).toBeNull();
    expect(findUnit(two, 'Mương Nhe')?.code).toBe('b');
  });
});
