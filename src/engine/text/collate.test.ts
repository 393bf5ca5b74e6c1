import { compareVi, sortVi } from './collate';

const sorted = (xs: string[]) => [...xs].sort(compareVi);

describe('compareVi', () => {
  it('puts Hải Dương before Hưng Yên (plain code points do not)', () => {
    expect(compareVi('Hải Dương', 'Hưng Yên')).toBe(-1);
    expect(compareVi('Hưng Yên', 'Hải Dương')).toBe(1);
    expect(['Hưng Yên', 'Hải Dương'].sort()).toEqual(['Hưng Yên', 'Hải Dương']);
  });

  it('puts Đ after every D', () => {
    expect(sorted(['Đà Nẵng', 'Điện Biên', 'Dương', 'Dak Lak', 'Eakar'])).toEqual([
      'Dak Lak',
      'Dương',
      'Đà Nẵng',
      'Điện Biên',
      'Eakar',
    ]);
  });

  it('follows the alphabet a ă â … o ô ơ … u ư', () => {
    expect(sorted(['ư', 'u', 'ơ', 'ô', 'o', 'ê', 'e', 'đ', 'd', 'â', 'ă', 'a'])).toEqual([
      'a',
      'ă',
      'â',
      'd',
      'đ',
      'e',
      'ê',
      'o',
      'ô',
      'ơ',
      'u',
      'ư',
    ]);
  });

  it('orders tones none < huyền < hỏi < ngã < sắc < nặng, after the letters', () => {
    expect(sorted(['mạ', 'má', 'mã', 'mả', 'mà', 'ma'])).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ']);
    expect(sorted(['mà', 'mac'])).toEqual(['mà', 'mac']);
    expect(sorted(['lập', 'lâm'])).toEqual(['lâm', 'lập']);
  });

  it('sorts the Mường Nhé communes like units.json', () => {
    const communes = [
      'Sín Thầu',
      'Nậm Vì',
      'Chung Chải',
      'Mường Toong',
      'Quảng Lâm',
      'Huổi Lếch',
      'Pá Mỳ',
      'Sen Thượng',
      'Mường Nhé',
      'Leng Su Sìn',
      'Nậm Kè',
    ];
    expect(sorted(communes)).toEqual([
      'Chung Chải',
      'Huổi Lếch',
      'Leng Su Sìn',
      'Mường Nhé',
      'Mường Toong',
      'Nậm Kè',
      'Nậm Vì',
      'Pá Mỳ',
      'Quảng Lâm',
      'Sen Thượng',
      'Sín Thầu',
    ]);
  });

  it('ignores case first, then lower before upper; NFD equals NFC', () => {
    expect(sorted(['b', 'A', 'a', 'B'])).toEqual(['a', 'A', 'b', 'B']);
    expect(compareVi('Mường Nhé', 'Mường Nhé'.normalize('NFD'))).toBe(0);
    expect(compareVi('Ðảng', 'Đảng')).toBe(0);
  });

  it('puts shorter prefixes, spaces and digits first', () => {
    expect(sorted(['Nam Định', 'Nam', 'Nam-A', 'Nam 2', 'Nama'])).toEqual([
      'Nam',
      'Nam 2',
      'Nam Định',
      'Nam-A',
      'Nama',
    ]);
  });

  it('sortVi sorts objects by a text key', () => {
    const units = [{ n: 'Ông' }, { n: 'Ơn' }, { n: 'Oanh' }];
    expect(sortVi(units, (u) => u.n).map((u) => u.n)).toEqual(['Oanh', 'Ông', 'Ơn']);
  });
});
