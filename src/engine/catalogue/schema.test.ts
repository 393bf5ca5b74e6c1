import catalogueJson from '../../../sheets-templates/catalogue.json';
import { defaultCatalogue, defaultSettings, defaultUnits } from './defaults';
import { parseCatalogue, parseSettings, parseUnits } from './schema';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('default data', () => {
  it('loads the shipped catalogue, units and settings', () => {
    const cat = defaultCatalogue();
    expect(cat.indicators.length).toBeGreaterThanOrEqual(30);
    expect(defaultUnits().map((u) => u.name)).toContain('Chung Chải');
    expect(defaultUnits()).toHaveLength(11);
    expect(defaultSettings().cutoffDay).toBe(15);
  });

  it('ships the rules the domain asks for', () => {
    const rules = defaultCatalogue().rules;
    const has = (left: string[], op: string, right: string[]) =>
      rules.some((r) => r.operator === op && r.left.join() === left.join() && r.right.join() === right.join());
    expect(has(['DON_KHIEUNAI', 'DON_TOCAO', 'DON_KIENNGHI'], '==', ['DON_TONG'])).toBe(true);
    expect(has(['DON_DATDAI', 'DON_DEAN79', 'DON_BOITHUONG', 'DON_KHAC'], '==', ['DON_TONG'])).toBe(true);
    expect(has(['DON_DAGIAIQUYET'], '<=', ['DON_TONG'])).toBe(true);
    expect(has(['HND_SXKDG_CONGNHAN'], '<=', ['HND_SXKDG_DANGKY'])).toBe(true);
    expect(has(['DVK_KINHTE', 'DVK_VHXH', 'DVK_QPAN', 'DVK_HTCT'], '==', ['DVK_DANHGIA'])).toBe(true);
  });
});

describe('schema errors are Vietnamese and say where', () => {
  it('names the indicator and the field', () => {
    const bad = clone(catalogueJson) as { indicators: Record<string, unknown>[] };
    delete bad.indicators[2].unit;
    const r = parseCatalogue(bad);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toBe('catalogue.json: Chỉ tiêu thứ 3 (mã DVK_KINHTE), trường "đơn vị tính": bị thiếu');
  });

  it('rejects a wrong kind with the allowed values', () => {
    const bad = clone(catalogueJson) as { indicators: Record<string, unknown>[] };
    bad.indicators[0].kind = 'số';
    const r = parseCatalogue(bad);
    expect(!r.ok && r.errors[0]).toContain('phải là một trong: "count", "amount", "note"');
  });

  it('finds rules that use unknown indicators and duplicate codes', () => {
    const bad = clone(catalogueJson) as { indicators: { code: string }[]; rules: { right: string[] }[] };
    bad.rules[0].right = ['KHONG_CO'];
    bad.indicators[1].code = bad.indicators[0].code;
    const r = parseCatalogue(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.join('\n')).toContain('dùng mã chỉ tiêu "KHONG_CO" không có trong danh mục');
      expect(r.errors.join('\n')).toContain('mã chỉ tiêu "DVK_DANGKY" bị trùng');
    }
  });

  it('checks settings ranges and e-mails', () => {
    const s = { ...defaultSettings(), cutoffDay: 31, recipients: ['không-phải-email'] };
    const r = parseSettings(s);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toContain('settings.json: trường "ngày chốt số liệu": phải nhỏ hơn hoặc bằng 28');
      expect(r.errors.join('\n')).toMatch(/Người nhận thứ 1: không phải địa chỉ e-mail hợp lệ/);
    }
  });

  it('rejects duplicate unit codes', () => {
    const units = defaultUnits();
    const r = parseUnits({ units: [...units, units[0]] });
    expect(!r.ok && r.errors[0]).toBe('units.json: mã đơn vị "chung-chai" bị trùng');
  });
});
