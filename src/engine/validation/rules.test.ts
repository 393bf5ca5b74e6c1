import { defaultCatalogue } from '../catalogue/defaults';
import type { Catalogue, UnitYear } from '../types';
import { checkRules } from './rules';

const catalogue = defaultCatalogue();
const months12 = <T>(entries: Record<number, T>): (T | null)[] =>
  Array.from({ length: 12 }, (_, i) => (i + 1 in entries ? entries[i + 1] : null));

function report(values: Record<string, Record<number, number>>, extra: Partial<UnitYear> = {}): UnitYear {
  const v: Record<string, (number | null)[]> = {};
  const cells: Record<string, string[]> = {};
  catalogue.indicators.forEach((ind, i) => {
    if (ind.kind === 'note') return;
    v[ind.code] = months12(values[ind.code] ?? {});
    cells[ind.code] = Array.from({ length: 12 }, (_, m) => `${String.fromCharCode(69 + m)}${i + 10}`);
  });
  return {
    unitCode: 'chung-chai',
    unitName: 'Chung Chải',
    unitKind: 'xã',
    year: 2018,
    file: 'a.xlsx',
    sheet: 'Chung Chải 2018',
    values: v,
    notes: {},
    submitted: Array(12).fill(null),
    cells,
    submittedCells: Array(12).fill(''),
    invalid: [],
    ...extra,
  };
}

const only = (code: string): Catalogue => ({ ...catalogue, rules: catalogue.rules.filter((r) => r.code === code) });

describe('checkRules', () => {
  it('reports a sum that does not match, with both sides and the place', () => {
    const r = report({ DON_KHIEUNAI: { 4: 2 }, DON_TOCAO: { 4: 1 }, DON_KIENNGHI: { 4: 4 }, DON_TONG: { 4: 9 } });
    const cell = r.cells.DON_KHIEUNAI[3];
    expect(checkRules(r, only('DON_THEO_LOAI'))).toEqual([
      {
        severity: 'error',
        code: 'rule-violation',
        unitCode: 'chung-chai',
        unitName: 'Chung Chải',
        file: 'a.xlsx',
        sheet: 'Chung Chải 2018',
        cell,
        indicatorCode: 'DON_KHIEUNAI',
        indicatorLabel: 'Theo loại: đơn khiếu nại',
        month: 4,
        message: `Xã Chung Chải, ô ${cell} (tháng 4): Tổng số đơn theo loại (khiếu nại + tố cáo + kiến nghị, phản ánh) phải bằng tổng số đơn tiếp nhận — vế trái 7, vế phải 9`,
      },
    ]);
  });

  it('passes when the rule holds, and uses the rule importance as severity', () => {
    const ok = report({ DON_KHIEUNAI: { 1: 2 }, DON_TOCAO: { 1: 1 }, DON_KIENNGHI: { 1: 4 }, DON_TONG: { 1: 7 } });
    expect(checkRules(ok, only('DON_THEO_LOAI'))).toEqual([]);
    const bad = report({ DON_DAGIAIQUYET: { 2: 5 }, DON_DANGGIAIQUYET: { 2: 3 }, DON_TONG: { 2: 7 } });
    expect(checkRules(bad, only('DON_GIAI_QUYET_TONG')).map((f) => [f.severity, f.month])).toEqual([['warning', 2]]);
  });

  it('skipIfAnySideMissing: a side with no value at all skips the month', () => {
    const r = report({ DON_KHIEUNAI: { 1: 2, 3: 1 }, DON_TONG: { 2: 5, 3: 4 } });
    // Month 1: right side empty; month 2: left side empty; month 3: 1 vs 4 (missing parts count as 0).
    expect(checkRules(r, only('DON_THEO_LOAI')).map((f) => [f.month, f.message.split(' — ')[1]])).toEqual([
      [3, 'vế trái 1, vế phải 4'],
    ]);
  });

  it('treatAsZero: checks whenever any value is present', () => {
    const cat = only('DON_THEO_LOAI');
    cat.rules = [{ ...cat.rules[0], missing: 'treatAsZero' }];
    const r = report({ DON_KHIEUNAI: { 1: 2 }, DON_TONG: { 2: 5 } });
    expect(checkRules(r, cat).map((f) => [f.month, f.message.split(' — ')[1]])).toEqual([
      [1, 'vế trái 2, vế phải 0'],
      [2, 'vế trái 0, vế phải 5'],
    ]);
  });

  it('compares with every operator, decimals without float noise', () => {
    const base = { left: ['LDLD_MAIAM_GIATRI'], right: ['DON_TONG'], importance: 'error' as const };
    const cat: Catalogue = {
      ...catalogue,
      rules: (['==', '!=', '<=', '<', '>=', '>'] as const).map((operator) => ({
        ...base,
        code: `R${operator}`,
        operator,
        message: `phải ${operator}`,
      })),
    };
    const failing = (l: number, r: number) =>
      checkRules(report({ LDLD_MAIAM_GIATRI: { 1: l }, DON_TONG: { 1: r } }), cat).map((f) => f.message);
    expect(failing(0.1 + 0.2, 0.3)).toEqual([
      'Xã Chung Chải, ô E29 (tháng 1): phải != — vế trái 0,3, vế phải 0,3',
      'Xã Chung Chải, ô E29 (tháng 1): phải < — vế trái 0,3, vế phải 0,3',
      'Xã Chung Chải, ô E29 (tháng 1): phải > — vế trái 0,3, vế phải 0,3',
    ]);
    expect(failing(1.5, 2).map((m) => m.split(': ')[1].split(' — ')[0])).toEqual(['phải ==', 'phải >=', 'phải >']);
    expect(failing(2, 1.5).map((m) => m.split(': ')[1].split(' — ')[0])).toEqual(['phải ==', 'phải <=', 'phải <']);
  });

  it('skips a month where one of the rule cells is invalid', () => {
    const r = report({ DON_TOCAO: { 5: 1 }, DON_TONG: { 5: 9 } }, { invalid: ['DON_KHIEUNAI:5'] });
    expect(checkRules(r, only('DON_THEO_LOAI'))).toEqual([]);
  });

  it('checks only the months asked for', () => {
    const r = report({ DON_KHIEUNAI: { 1: 1, 9: 1 }, DON_TONG: { 1: 2, 9: 2 } });
    expect(checkRules(r, only('DON_THEO_LOAI'), [9]).map((f) => f.month)).toEqual([9]);
  });

  it('warns when a value exceeds the indicator maximum', () => {
    const cat: Catalogue = {
      ...catalogue,
      rules: [],
      indicators: catalogue.indicators.map((i) => (i.code === 'TCD_LUOT' ? { ...i, max: 100 } : i)),
    };
    const r = report({ TCD_LUOT: { 1: 100, 2: 1500 } });
    const cell = r.cells.TCD_LUOT[1];
    expect(checkRules(r, cat)).toEqual([
      {
        severity: 'warning',
        code: 'above-max',
        unitCode: 'chung-chai',
        unitName: 'Chung Chải',
        file: 'a.xlsx',
        sheet: 'Chung Chải 2018',
        cell,
        indicatorCode: 'TCD_LUOT',
        indicatorLabel: 'Lượt tiếp công dân',
        month: 2,
        message: `Xã Chung Chải, ô ${cell} (Lượt tiếp công dân, tháng 2): 1.500 lượt lớn hơn mức tối đa thường gặp (100 lượt); hãy kiểm tra lại số liệu`,
      },
    ]);
  });

  it('runs every default rule on a clean report without findings', () => {
    const r = report({
      DVK_DANHGIA: { 1: 4 },
      DVK_KINHTE: { 1: 1 },
      DVK_VHXH: { 1: 1 },
      DVK_QPAN: { 1: 1 },
      DVK_HTCT: { 1: 1 },
      HND_SXKDG_CONGNHAN: { 1: 10 },
      HND_SXKDG_DANGKY: { 1: 12 },
      TCD_LUOT: { 1: 3 },
      TCD_NGUOI: { 1: 5 },
    });
    expect(checkRules(r, catalogue)).toEqual([]);
    r.values.HND_SXKDG_CONGNHAN[0] = 13;
    expect(checkRules(r, catalogue).map((f) => f.message)).toEqual([
      `Xã Chung Chải, ô ${r.cells.HND_SXKDG_CONGNHAN[0]} (tháng 1): Số hộ được công nhận sản xuất, kinh doanh giỏi không được lớn hơn số hộ đăng ký — vế trái 13, vế phải 12`,
    ]);
  });
});
