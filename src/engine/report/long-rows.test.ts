import { fixtureSummary } from './fixtures';
import { LONG_HEADER, localIso, longRows, toCsv } from './long-rows';

/** Minimal RFC 4180 parser for checking round trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('longRows', () => {
  const s = fixtureSummary();
  const rows = longRows(s);

  it('has the header of seven columns', () => {
    expect(LONG_HEADER).toEqual([
      'Kỳ',
      'Mã đơn vị',
      'Tên đơn vị',
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Giá trị',
      'Thời điểm tổng hợp',
    ]);
    for (const r of rows) expect(r).toHaveLength(LONG_HEADER.length);
  });

  it('has one row per unit × indicator with a value, plus the totals', () => {
    const numeric = s.indicators.filter((i) => i.kind !== 'note');
    const expected = numeric.reduce((n, i) => n + i.byUnit.filter((u) => u.period !== null).length + 1, 0);
    expect(rows).toHaveLength(expected);
    expect(rows.filter((r) => r[1] === '*')).toHaveLength(numeric.length);
    expect(rows.some((r) => r[1] === 'pa-my')).toBe(false);
    expect(rows.some((r) => r[3] === 'GHI_CHU')).toBe(false);
    expect(rows[0]).toEqual([
      '2018-09',
      'chung-chai',
      'Chung Chải',
      'DVK_DANGKY',
      'Mô hình "Dân vận khéo" đăng ký',
      s.indicators[0].byUnit[0].period,
      // The run's time where it was run (03:00 UTC is 10:00 in Vietnam), with its offset.
      '2018-09-20T10:00:00+07:00',
    ]);
    const total = rows.find((r) => r[1] === '*' && r[3] === 'DON_TONG');
    expect(total).toEqual([
      '2018-09',
      '*',
      'Huyện Mường Nhé',
      'DON_TONG',
      'Tổng số đơn tiếp nhận',
      10,
      localIso(s.generatedAt, s.settings.timeZone),
    ]);
    // Units' rows add up to the total.
    const units = rows.filter((r) => r[1] !== '*' && r[3] === 'DON_TONG').reduce((a, r) => a + (r[5] as number), 0);
    expect(units).toBe(10);
  });
});

describe('toCsv', () => {
  it('starts with a BOM, ends lines with CRLF and quotes per RFC 4180', () => {
    const csv = toCsv([
      ['a', 'b,c', 'say "hi"', 'line\nbreak', 1000.5, null],
      ['Xã Chung Chải', '', -5, 0, undefined, 'x'],
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFFa,"b,c","say ""hi""","line\nbreak",1000.5,\r\nXã Chung Chải,,-5,0,,x\r\n');
  });

  it('neutralises formula injection in text', () => {
    const cells = [
      '=SUM(A1:A9)',
      '+84912345678',
      '-2+3',
      '@cmd',
      '\tx',
      '\rx',
      '=HYPERLINK("http://e.vn","x")',
      'ok=1',
    ];
    const csv = toCsv([cells]);
    const [parsed] = parseCsv(csv.slice(1));
    expect(parsed).toEqual([
      "'=SUM(A1:A9)",
      "'+84912345678",
      "'-2+3",
      "'@cmd",
      "'\tx",
      "'\rx",
      `'=HYPERLINK("http://e.vn","x")`,
      'ok=1',
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://e.vn"",""x"")"`);
    expect(csv).toContain(`"'\rx"`);
    // Negative numbers are numbers, not text: left alone.
    expect(toCsv([[-5]])).toBe('\uFEFF-5\r\n');
  });

  it('round-trips the long rows', () => {
    const rows = [LONG_HEADER as string[], ...longRows(fixtureSummary())];
    const parsed = parseCsv(toCsv(rows).slice(1));
    expect(parsed).toEqual(rows.map((r) => r.map(String)));
  });
});

describe('localIso', () => {
  it('gives the run’s time in the settings’ time zone with its offset, the same instant', () => {
    expect(localIso('2025-10-05T02:00:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('2025-10-05T09:00:00+07:00');
    expect(localIso('2025-10-04T20:30:00Z', 'Asia/Bangkok')).toBe('2025-10-05T03:30:00+07:00');
    expect(Date.parse(localIso('2025-10-05T02:00:00.000Z', 'Asia/Ho_Chi_Minh'))).toBe(
      Date.parse('2025-10-05T02:00:00.000Z'),
    );
    // Not a timestamp with a zone: kept as given.
    expect(localIso('2025-10-05', 'Asia/Ho_Chi_Minh')).toBe('2025-10-05');
    expect(localIso('abc', 'Asia/Ho_Chi_Minh')).toBe('abc');
  });
});
