import catalogueJson from '../../../sheets-templates/catalogue.json';
import settingsJson from '../../../sheets-templates/settings.json';
import unitsJson from '../../../sheets-templates/units.json';
import units2025Json from '../../../sheets-templates/units-2025.json';
import { isoWeekday } from '../periods/cutoff';
import { defaultCatalogue, defaultHolidayNames, defaultSettings, defaultUnits } from './defaults';
import { parseCatalogue, parseSettings, parseUnits, parseUnitsFile, unknownFields } from './schema';

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
      expect(r.errors[0]).toBe('catalogue.json: Chỉ tiêu thứ 3 (mã DVK_KINHTE), "unit" (đơn vị tính): bị thiếu');
  });

  it('rejects a wrong kind with the allowed values', () => {
    const bad = clone(catalogueJson) as { indicators: Record<string, unknown>[] };
    bad.indicators[0].kind = 'số';
    const r = parseCatalogue(bad);
    expect(!r.ok && r.errors[0]).toContain('"kind" (loại giá trị): "số" phải là một trong: "count", "amount", "note"');
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
      expect(r.errors).toContain('settings.json: "cutoffDay" (ngày chốt số liệu): 31 phải nhỏ hơn hoặc bằng 28');
      expect(r.errors).toContain(
        'settings.json: "recipients" → mục thứ 1 (người nhận báo cáo): "không-phải-email" không phải địa chỉ e-mail hợp lệ',
      );
    }
  });

  it('rejects duplicate unit codes', () => {
    const units = defaultUnits();
    const r = parseUnits({ units: [...units, units[0]] });
    expect(!r.ok && r.errors[0]).toBe('units.json: mã đơn vị "chung-chai" bị trùng');
  });
});

describe('one clear message per format mistake', () => {
  const merged = (from: string, code = 'muong-nhe-2025') => ({
    units: [{ code, name: 'Mường Nhé', kind: 'xã', emails: [], succession: { from, predecessors: ['muong-nhe'] } }],
  });
  it.each(['2025-02-30', '31/02/2025', '2025/07/01', 'tháng 7'])(
    'a merger date %j: a real date, key path and value named',
    (from) => {
      const r = parseUnits(merged(from));
      expect(!r.ok && r.errors).toEqual([
        `units.json: Đơn vị thứ 1 (mã muong-nhe-2025), "succession" → "from" (ngày sáp nhập): "${from}" không phải ngày có thật; hãy ghi dạng "2025-07-01" hoặc "01/07/2025"`,
      ]);
    },
  );
  it.each(['01/07/2025', '1/7/2025', '01.07.2025', '2025-7-1', '2025-07-01'])(
    'a merger date %j is read as the add-on reads it',
    (from) => {
      const r = parseUnits(merged(from));
      expect(r.ok && r.value[0].succession?.from).toBe('2025-07-01');
    },
  );
  it('old units typed in one text ("sin-thau, sen-thuong"), as the add-on\'s cell takes them, are a list', () => {
    const units = [
      {
        code: 'x',
        name: 'X',
        kind: 'xã',
        emails: [],
        succession: { from: '01/07/2025', predecessors: 'sin-thau, sen-thuong' },
      },
    ];
    const r = parseUnitsFile({ units });
    expect(r.ok && r.value.units[0].succession).toEqual({
      from: '2025-07-01',
      predecessors: ['sin-thau', 'sen-thuong'],
    });
  });
  it('an old code typed with a space in that text is refused by name, not split into two codes', () => {
    const units = [
      {
        code: 'x',
        name: 'X',
        kind: 'xã',
        emails: [],
        succession: { from: '01/07/2025', predecessors: 'sin-thau, nam vi' },
      },
    ];
    const r = parseUnitsFile({ units });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join('\n')).toContain('"nam vi" sai định dạng');
  });
  it('a wrong value is quoted (shortened when long) after the key path', () => {
    const r = parseUnits(merged('2025-07-01', `muong nhe ${'x'.repeat(60)}`));
    expect(!r.ok && r.errors[0]).toBe(
      `units.json: Đơn vị thứ 1 (mã muong nhe ${'x'.repeat(60)}), "code" (mã đơn vị): "muong nhe ${'x'.repeat(27)}…" sai định dạng: ` +
        'mã chỉ gồm chữ không dấu, số, "_", "-", "." (không dấu cách)',
    );
    const s = parseSettings({ ...defaultSettings(), timeZone: 'Asia/Hanoi', submitWorkingDays: 'có' });
    expect(!s.ok && s.errors).toEqual([
      'settings.json: "submitWorkingDays" (chỉ tính ngày làm việc): "có" phải là đúng/sai',
      'settings.json: "timeZone" (múi giờ): "Asia/Hanoi" không phải tên múi giờ hợp lệ (ví dụ đúng: "Asia/Ho_Chi_Minh")',
    ]);
  });
  it('an empty merger date says so, and how to write one', () => {
    const r = parseUnits(merged(''));
    expect(!r.ok && r.errors).toEqual([
      'units.json: Đơn vị thứ 1 (mã muong-nhe-2025), "succession" → "from" (ngày sáp nhập): không được để trống; hãy ghi dạng "2025-07-01" hoặc "01/07/2025"',
    ]);
  });
  it('a merger date without old units: the date is why they are needed, or it goes', () => {
    const r = parseUnits({
      units: [{ code: 'x', name: 'X', kind: 'xã', emails: [], succession: { from: '2025-07-01', predecessors: [] } }],
    });
    expect(!r.ok && r.errors).toEqual([
      'units.json: Đơn vị thứ 1 (mã x), "succession" → "predecessors" (đơn vị cũ): có ngày sáp nhập nên cần mã các đơn vị ' +
        'cũ (cách nhau bởi dấu phẩy); nếu không có sáp nhập, hãy xóa ngày sáp nhập',
    ]);
  });
  it('a code with a space: what a code may hold, nothing about dates or {n}', () => {
    const r = parseUnits(merged('2025-07-01', 'muong nhe'));
    const text = !r.ok ? r.errors.join('\n') : '';
    expect(text).toContain('sai định dạng: mã chỉ gồm chữ không dấu, số, "_", "-", "." (không dấu cách)');
    expect(text).not.toContain('{n}');
    expect(parseUnits(merged('2025-07-01')).ok).toBe(true);
  });
});

describe('fields no schema knows (zod drops them without a word)', () => {
  it('names each, where it is, and the field probably meant', () => {
    const units = clone(units2025Json) as Record<string, unknown>;
    units.formerUnit = units.formerUnits;
    delete units.formerUnits;
    (units.units as Record<string, unknown>[])[0].email = ['a@b.vn'];
    expect(unknownFields('units', units, 'u.json')).toEqual([
      'u.json: Đơn vị thứ 1 (mã muong-nhe-2025): trường "email" không có trong mẫu nên không được dùng (có phải "emails"?)',
      'u.json: trường "formerUnit" không có trong mẫu nên không được dùng (có phải "formerUnits"?)',
    ]);
    const settings = { ...clone(settingsJson), submitDay: 5, ghiChu: 'x' };
    expect(unknownFields('settings', settings, 's.json')).toEqual([
      's.json: trường "submitDay" không có trong mẫu nên không được dùng (có phải "submitDays"?)',
      's.json: trường "ghiChu" không có trong mẫu nên không được dùng',
    ]);
  });

  it('finds none in the shipped files', () => {
    expect(unknownFields('catalogue', catalogueJson, 'c')).toEqual([]);
    expect(unknownFields('units', unitsJson, 'u')).toEqual([]);
    expect(unknownFields('units', units2025Json, 'u')).toEqual([]);
    expect(unknownFields('settings', settingsJson, 's')).toEqual([]);
  });
});

describe('holidays (official days off besides weekends)', () => {
  const days = defaultSettings().holidays ?? [];

  it('the defaults hold the Tết ranges of 2018 and 2026 and the fixed holidays of each year', () => {
    const range = (from: string, to: string) => days.filter((d) => d >= from && d <= to);
    expect(range('2018-02-01', '2018-02-28')).toEqual([
      '2018-02-14',
      '2018-02-15',
      '2018-02-16',
      '2018-02-17',
      '2018-02-18',
      '2018-02-19',
      '2018-02-20',
    ]);
    expect(range('2026-02-01', '2026-02-28')).toHaveLength(9);
    for (let y = 2018; y <= 2026; y++)
      for (const md of ['01-01', '04-30', '05-01', '09-02']) expect(days).toContain(`${y}-${md}`);
    // Giỗ Tổ on a Sunday (2019, 2022, 2026): the Monday after is off (nghỉ bù).
    for (const d of ['2019-04-15', '2022-04-11', '2026-04-27']) {
      expect(days).toContain(d);
      expect(isoWeekday(d)).toBe(1);
    }
  });

  it('the defaults are sorted, unique, and every one has a name for the "Ngày nghỉ" sheet', () => {
    expect([...days].sort()).toEqual(days);
    expect(new Set(days).size).toBe(days.length);
    expect(Object.keys(defaultHolidayNames()).sort()).toEqual(days);
    for (const name of Object.values(defaultHolidayNames())) expect(name.trim()).not.toBe('');
  });

  it('settings without holidays (older files) stay valid', () => {
    const old = clone(settingsJson) as Record<string, unknown>;
    delete old.holidays;
    const r = parseSettings(old);
    expect(r.ok && r.value.holidays).toBeUndefined();
  });

  it('a date that does not exist is named in Vietnamese, with its key and value', () => {
    const s = { ...defaultSettings(), holidays: ['2018-02-14', '2018-02-30', '30/02/2018'] };
    const r = parseSettings(s);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        'settings.json: "holidays" → mục thứ 2 (ngày nghỉ lễ, Tết): "2018-02-30" không phải ngày có thật; hãy ghi dạng "2025-07-01" hoặc "01/07/2025"',
        'settings.json: "holidays" → mục thứ 3 (ngày nghỉ lễ, Tết): "30/02/2018" không phải ngày có thật; hãy ghi dạng "2025-07-01" hoặc "01/07/2025"',
      ]);
  });

  it('a day off typed dd/mm/yyyy, as the "Ngày nghỉ" sheet takes it, is read as that day', () => {
    const r = parseSettings({ ...defaultSettings(), holidays: ['14/02/2018', '2/9/2018'] });
    expect(r.ok && r.value.holidays).toEqual(['2018-02-14', '2018-09-02']);
  });

  it('a holiday that is not text is reported too', () => {
    const r = parseSettings({ ...defaultSettings(), holidays: [20180214] });
    expect(!r.ok && r.errors[0]).toBe(
      'settings.json: "holidays" → mục thứ 1 (ngày nghỉ lễ, Tết): 20180214 phải là chữ',
    );
  });
});

describe('rules that would refuse correct figures', () => {
  it('rejects an empty right side, saying what to write', () => {
    const bad = clone(catalogueJson) as { rules: { right: string[] }[] };
    bad.rules[0].right = [];
    const r = parseCatalogue(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toContain('Quy tắc thứ 1 (mã DON_THEO_LOAI), "right" (vế phải): không được để trống');
      expect(r.errors[0]).toContain('hãy xóa quy tắc này');
    }
  });

  it('rejects a code on both sides, naming the rule and the code', () => {
    const bad = clone(catalogueJson) as { rules: { left: string[]; right: string[] }[] };
    bad.rules[2].right = [...bad.rules[2].left];
    const r = parseCatalogue(bad);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        expect.stringMatching(
          /^catalogue\.json: quy tắc "DON_DA_GIAI_QUYET" có mã chỉ tiêu "DON_DAGIAIQUYET" ở cả vế trái và vế phải/,
        ),
      ]);
  });
});

describe('phrases: {n} is the only place filled', () => {
  const withPhrase = (phrase: string) => {
    const cat = clone(catalogueJson) as { indicators: { phrase: string }[] };
    cat.indicators[0].phrase = phrase;
    return parseCatalogue(cat);
  };

  it('rejects any other placeholder, naming the indicator and the placeholders', () => {
    const r = withPhrase('trao {n} quà, {n2} cho {so} hộ');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(
        /^catalogue\.json: Chỉ tiêu thứ 1 \(mã DVK_DANGKY\), "phrase" \(câu mẫu\): "\{n2\}", "\{so\}" không phải chỗ điền số/,
      );
    }
    expect(withPhrase('trao {n} quà, {n} hộ').ok).toBe(false);
    expect(withPhrase('trao {n} quà').ok).toBe(true);
  });

  it('says {n} is the number with its unit', () => {
    const r = withPhrase('trao quà');
    expect(!r.ok && r.errors[0]).toContain('{n} — chỗ điền số kèm đơn vị tính, ví dụ "320 suất"');
  });
});

describe('texts are trimmed and in NFC when loaded', () => {
  const nfd = (t: string) => t.normalize('NFD');

  it('catalogue, units (former ones too) and settings', () => {
    const cat = clone(catalogueJson) as {
      title: string;
      indicators: { label: string; unit: string; phrase: string }[];
    };
    cat.indicators[0].label = `${nfd('Mô hình "Dân vận khéo" đăng ký')} `;
    cat.indicators[0].unit = ' mô hình';
    cat.indicators[0].phrase = nfd('đăng ký {n} "Dân vận khéo" ');
    cat.title = nfd(' Báo cáo công tác dân vận');
    const c = parseCatalogue(cat);
    if (!c.ok) throw new Error(c.errors.join('\n'));
    expect(c.value.indicators[0]).toMatchObject({
      label: 'Mô hình "Dân vận khéo" đăng ký',
      unit: 'mô hình',
      phrase: 'đăng ký {n} "Dân vận khéo"',
    });
    expect(c.value.title).toBe('Báo cáo công tác dân vận');

    const u = parseUnitsFile({
      units: [
        { code: 'chung-chai ', name: 'Chung Chải ', kind: 'xã', emails: ['a@x.vn '] },
        {
          code: 'muong-nhe-2025',
          name: nfd('Mường Nhé'),
          kind: 'xã',
          emails: [],
          succession: { from: '2025-07-01', predecessors: ['nam-vi'] },
        },
      ],
      formerUnits: [{ code: 'nam-vi', name: nfd('Nậm Vì ') }],
    });
    if (!u.ok) throw new Error(u.errors.join('\n'));
    expect(u.value.units.map((x) => [x.code, x.name, x.emails])).toEqual([
      ['chung-chai', 'Chung Chải', ['a@x.vn']],
      ['muong-nhe-2025', 'Mường Nhé', []],
    ]);
    expect(u.value.formerUnits[0].name).toBe('Nậm Vì');

    const s = parseSettings({
      ...defaultSettings(),
      aggregatingUnitName: nfd('Mường Nhé '),
      timeZone: 'Asia/Ho_Chi_Minh ',
    });
    if (!s.ok) throw new Error(s.errors.join('\n'));
    expect(s.value.aggregatingUnitName).toBe('Mường Nhé');
    expect(s.value.timeZone).toBe('Asia/Ho_Chi_Minh');
  });

  it('a text of spaces only is empty', () => {
    const r = parseSettings({ ...defaultSettings(), organisation: '   ' });
    expect(r.ok ? [] : r.errors).toEqual(['settings.json: "organisation" (cơ quan báo cáo): không được để trống']);
  });
});

describe('two units of one name', () => {
  it('is a warning naming both entries; another kind or a former unit of the name is not', () => {
    const units = [
      ...defaultUnits(),
      { code: 'chung-chai-np', name: 'chung chải', kind: 'xã', emails: [] },
      { code: 'tt-muong-nhe', name: 'Mường Nhé', kind: 'thị trấn', emails: [] },
    ];
    const r = parseUnitsFile({ units, formerUnits: [{ code: 'x', name: 'Nậm Vì' }] });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.warnings.filter((w) => !w.includes('formerUnits'))).toEqual([
      'units.json: Đơn vị thứ 1 (mã chung-chai) và Đơn vị thứ 12 (mã chung-chai-np) cùng tên "Xã Chung Chải": ' +
        'bảng tổng hợp, danh sách chưa báo cáo và các thông báo sẽ ghi thêm mã đơn vị sau tên để phân biệt hai đơn ' +
        'vị; nên ghi tên khác nhau cho dễ đọc, ví dụ thêm tên huyện trong ngoặc ("Chung Chải (huyện …)")',
    ]);
  });
});

describe('a units file as a province writes it', () => {
  it('calls a unit\'s missing "kind" its kind of unit (xã, phường), not an indicator\'s value type', () => {
    const r = parseUnitsFile({ units: [{ code: 'a', name: 'A' }] }, 'u.json');
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.errors.join('\n');
    expect(text).toContain('"kind" (loại đơn vị: xã, phường, thị trấn…): bị thiếu');
    expect(text).not.toContain('loại giá trị');
  });

  it('needs no "emails" for a unit (the CLI never sends to one); a wrong address is still refused', () => {
    const r = parseUnitsFile({ units: [{ code: 'a', name: 'A', kind: 'xã' }] });
    expect(r.ok && r.value.units[0].emails).toEqual([]);
    const bad = parseUnitsFile({ units: [{ code: 'a', name: 'A', kind: 'xã', emails: ['x'] }] });
    expect(bad.ok).toBe(false);
  });
});
