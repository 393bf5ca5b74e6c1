/** Which unit an unreadable file belongs to (src/cli/unreadable.ts). */
import { attributeUnreadable, unitFromFileName } from '../../src/cli/unreadable';
import type { Unit } from '../../src/engine/types';

const u = (code: string, name: string): Unit => ({ code, name, kind: 'xã', emails: [] }) as unknown as Unit;
const UNITS = [
  u('muong-nhe', 'Mường Nhé'),
  u('muong-nhe-moi', 'Mường Nhé Mới'),
  u('chung-chai', 'Chung Chải'),
  u('pa-my', 'Pá Mỳ'),
];

describe('unitFromFileName', () => {
  it.each([
    ['bao-cao/chung-chai-2018.xlsx', 'chung-chai'],
    ['Xã Chung Chải - tháng 9.xlsx', 'chung-chai'],
    ['CHUNG_CHAI.xlsx', 'chung-chai'],
    ['Báo cáo xã Pá Mỳ T9.xlsx', 'pa-my'],
    ['muong-nhe-moi-2018.xlsx', 'muong-nhe-moi'],
    ['Mường Nhé 2018.xlsx', 'muong-nhe'],
  ])('%s → %s', (file, code) => {
    expect(unitFromFileName(file, UNITS)?.code).toBe(code);
  });

  it.each([['bao-cao-thang-9.xlsx'], ['chungchai.xlsx'], ['chung-chai-va-pa-my.xlsx']])('%s → none', (file) => {
    expect(unitFromFileName(file, UNITS)).toBeUndefined();
  });
});

describe('attributeUnreadable', () => {
  it('by name first, then by elimination only when one file and one unit are left', () => {
    const a = attributeUnreadable(['chung-chai.xlsx', 'x.xlsx'], [UNITS[2], UNITS[3]]);
    expect(Object.fromEntries(a.byUnit)).toEqual({ 'chung-chai': ['chung-chai.xlsx'], 'pa-my': ['x.xlsx'] });
    expect(Object.fromEntries(a.how)).toEqual({ 'chung-chai.xlsx': 'name', 'x.xlsx': 'elimination' });
    expect(a.unattributed).toEqual([]);
  });

  it('two unnamed files or two units left: nobody is guessed', () => {
    expect(attributeUnreadable(['x.xlsx', 'y.xlsx'], [UNITS[3]]).unattributed).toEqual(['x.xlsx', 'y.xlsx']);
    expect(attributeUnreadable(['x.xlsx'], [UNITS[2], UNITS[3]]).byUnit.size).toBe(0);
    expect(attributeUnreadable(['x.xlsx'], []).unattributed).toEqual(['x.xlsx']);
  });
});

describe('attributeUnreadable with files taken by name only (other formats found in a folder)', () => {
  it('one named after a unit is its; one that names none is neither guessed nor in the way', () => {
    const a = attributeUnreadable(
      ['Pá Mỳ T9.ods', 'bao-cao.ods', 'x.xlsx'],
      [UNITS[2], UNITS[3]],
      new Set(['Pá Mỳ T9.ods', 'bao-cao.ods']),
    );
    expect(Object.fromEntries(a.byUnit)).toEqual({ 'pa-my': ['Pá Mỳ T9.ods'], 'chung-chai': ['x.xlsx'] });
    expect(Object.fromEntries(a.how)).toEqual({ 'Pá Mỳ T9.ods': 'name', 'x.xlsx': 'elimination' });
    expect(a.unattributed).toEqual([]);
    expect(attributeUnreadable(['bao-cao.ods'], [UNITS[3]], new Set(['bao-cao.ods'])).byUnit.size).toBe(0);
  });
});
