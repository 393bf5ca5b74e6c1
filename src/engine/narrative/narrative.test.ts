import fc from 'fast-check';
import { aggregate } from '../aggregate/aggregate';
import { current2018, previous2017, unit, unitYear } from '../aggregate/test-helpers';
import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import type { Period, Summary, UnitYear } from '../types';
import { cleanNote, narrate } from './narrative';

const CATALOGUE = defaultCatalogue();
const SETTINGS = defaultSettings();
const SEP: Period = { type: 'month', year: 2018, index: 9 };

function summary(period: Period = SEP, current = current2018(), previous = previous2017(), units = defaultUnits()) {
  return aggregate({
    catalogue: CATALOGUE,
    units,
    settings: SETTINGS,
    period,
    current,
    previous,
    findings: [],
    generatedAt: '2018-09-20T03:00:00Z',
  });
}

describe('narrate: Mường Nhé, September 2018', () => {
  const text = summary().narrative;

  it('writes the whole narrative', () => {
    expect(text).toEqual([
      'Đến ngày 20/09/2018, 9/11 xã đã gửi báo cáo (tỷ lệ 81,8%), 7 xã đúng hạn; chưa báo cáo: xã Nậm Vì, xã Pá Mỳ; nộp muộn: xã Huổi Lếch; chưa rõ ngày nộp: xã Nậm Kè. ' +
        // Nậm Kè has figures but no submission date: not on time, but not called late.
        // Two communes have figures for September 2018 but none for September 2017; five others
        // sent a dated, empty report: no figure of theirs is compared, so they are not named.
        // Chung Chải's February and Mường Nhé's April 2017 have figures; those months of 2018 were
        // neither sent nor filled: the year-to-date comparisons lack them.
        'Lưu ý: xã Huổi Lếch và xã Nậm Kè không có số liệu cùng kỳ năm trước; từ đầu năm, xã Chung Chải (tháng 2) ' +
        'và xã Mường Nhé (tháng 4) chưa có số liệu các tháng đã có cùng kỳ năm trước, nên số tăng, giảm so cùng kỳ ' +
        'dưới đây chưa so sánh được đầy đủ. ' +
        // Three cells typed wrong (Chung Chải, Huổi Lếch) are in no figure below: said before them.
        'Các số liệu dưới đây chưa gồm 3 ô nhập sai của xã Chung Chải và xã Huổi Lếch (xem phần kiểm tra số liệu), ' +
        'nên sẽ thay đổi khi các ô này được sửa.',
      'Hội Nông dân: Trong tháng 9/2018, toàn huyện có 12 ngày công làm đường liên thôn, liên bản, bằng cùng kỳ. ' +
        'Từ đầu năm đến nay, toàn huyện có 92 ngày công làm đường liên thôn, liên bản, giảm 8 ngày công so cùng kỳ. ' +
        'Đến nay, toàn huyện có 115 hộ nông dân sản xuất, kinh doanh giỏi các cấp, tăng 21 hộ so cùng kỳ. ' +
        'Số đến nay gồm số đã báo cáo trước đó của xã Chung Chải (số tháng 8/2018), chưa có số liệu tháng 9/2018.',
      'Đoàn Thanh niên: Từ đầu năm đến nay, toàn huyện có 1.000 lượt đoàn viên giúp dân di chuyển, di dời nhà cửa.',
      'Liên đoàn Lao động: Từ đầu năm đến nay, toàn huyện bàn giao 1 nhà "Mái ấm công đoàn", trị giá 0,3 triệu đồng, bằng cùng kỳ.',
      'Tiếp công dân, tiếp nhận và giải quyết đơn thư: Trong tháng 9/2018, toàn huyện tiếp 27 lượt công dân, bằng cùng kỳ; ' +
        'tiếp nhận 10 đơn thư, tăng 6 đơn so cùng kỳ. ' +
        'Từ đầu năm đến nay, toàn huyện tiếp 27 lượt công dân, bằng cùng kỳ; tiếp nhận 50 đơn thư, tăng 21 đơn so cùng kỳ.',
      'Khó khăn, vướng mắc, kiến nghị của các xã: xã Chung Chải: Đường vào bản bị sạt lở; xã Nậm Kè: Thiếu giáo viên.',
    ]);
  });

  it('uses the article’s turns of phrase', () => {
    const all = text.join(' ');
    expect(all).toContain('tăng 21 đơn so cùng kỳ');
    expect(all).toContain('1.000 lượt đoàn viên');
    expect(all).toContain('bằng cùng kỳ');
    // reported zero without a drop, and nobody-reported indicators, are not mentioned
    expect(all).not.toContain('mì tôm');
    expect(all).not.toContain('cháo');
    // notes outside the period are left out (the month of a carried stock figure is no note)
    expect(all.replace('(số tháng 8/2018)', '')).not.toContain('tháng 8');
  });

  it('is what narrate() returns for the summary', () => {
    const s = summary();
    const { narrative, ...core } = s;
    expect(narrate(core, CATALOGUE)).toEqual(narrative);
  });
});

describe('narrate: a phrase that says the unit after {n}', () => {
  it('does not repeat it ("trao {n} suất quà" → "trao 320 suất quà", not "320 suất suất quà")', () => {
    const { narrative, ...core } = summary();
    // Every phrase with the unit written after {n}: the same narrative.
    const spelt = (unitAs: (unit: string) => string) => ({
      ...CATALOGUE,
      indicators: CATALOGUE.indicators.map((i) =>
        i.unit ? { ...i, phrase: i.phrase.replace('{n}', `{n} ${unitAs(i.unit)}`) } : i,
      ),
    });
    expect(
      narrate(
        core,
        spelt((u) => u),
      ),
    ).toEqual(narrative);
    // In capitals, or typed on a Mac (NFD): the phrase's own word is kept, the unit not added.
    expect(
      narrate(
        core,
        spelt((u) => u.toLocaleUpperCase('vi')),
      ).join(' '),
    ).toContain('có 1.000 LƯỢT đoàn viên');
    const nfd = narrate(
      core,
      spelt((u) => u.normalize('NFD')),
    ).join(' ');
    expect(nfd).toContain(`có 1.000 ${'lượt'.normalize('NFD')} đoàn viên`);
    expect(nfd.normalize('NFC')).not.toContain('lượt lượt');
    // A word that only begins like the unit is not it: "{n} hội viên" with unit "hộ" keeps the unit.
    const hoi = {
      ...CATALOGUE,
      indicators: CATALOGUE.indicators.map((i) =>
        i.code === 'HND_SXKDG_CONGNHAN' ? { ...i, phrase: '{n} hội viên' } : i,
      ),
    };
    expect(narrate(core, hoi).join(' ')).toContain('115 hộ hội viên');
  });
});

describe('narrate: other cases', () => {
  it('names a note by the last unit of its code, or by the note’s own name when no unit has it', () => {
    const { narrative, ...core } = summary();
    const notes = core.indicators.find((i) => i.kind === 'note' && i.notes?.length);
    if (!notes?.notes) throw new Error('no notes in the fixture');
    const first = notes.notes[0];
    const original = core.units.find((u) => u.code === first.unitCode);
    const twin = { ...original, code: first.unitCode, name: 'Sau Cùng' };
    const withTwin = {
      ...core,
      units: [...core.units, twin as (typeof core.units)[number]],
      indicators: core.indicators.map((i) =>
        i === notes ? { ...i, notes: [...(i.notes ?? []), { ...first, unitCode: 'la', unitName: 'Xã Lạ' }] } : i,
      ),
    };
    const paragraph = narrate(withTwin, CATALOGUE).find((p) => p.includes('Xã Lạ'));
    expect(paragraph).toContain(`xã Sau Cùng: ${cleanNote(first.text)};`);
    expect(paragraph).toContain(`Xã Lạ: ${cleanNote(first.text)}.`);
    expect(paragraph).not.toContain(`xã ${original?.name}:`);
    expect(narrative.join(' ')).toContain(`xã ${original?.name}:`);
  });

  it('writes one sentence per group when the period starts in January', () => {
    const year = summary({ type: 'year', year: 2018, index: 1 });
    expect(year.narrative[4]).toBe(
      'Tiếp công dân, tiếp nhận và giải quyết đơn thư: Trong năm 2018, toàn huyện tiếp 27 lượt công dân, bằng cùng kỳ; ' +
        'tiếp nhận 57 đơn thư, giảm 72 đơn so cùng kỳ.',
    );
  });

  it('the month-by-month aggregate of a stock is its figure "so far" each month (a unit without one carried)', () => {
    const s = summary();
    const stock = s.indicators.find((i) => i.code === 'HND_SXKDG_CONGNHAN');
    // Chung Chải has no September figure: its earlier one is in "Đến nay" (115) and in month 9 alike.
    expect(s.monthly.HND_SXKDG_CONGNHAN[8]).toBe(stock?.ytd);
    expect(s.monthly.HND_SXKDG_CONGNHAN[8]).toBe(115);
    expect(s.monthly.HND_SXKDG_CONGNHAN.slice(9)).toEqual([null, null, null]);
  });

  it('a stock "so far" in a quarter: a unit that sent no figure for its last month is named, as in a month', () => {
    const said =
      'Số đến nay gồm số đã báo cáo trước đó của xã Chung Chải (số tháng 8/2018), chưa có số liệu tháng 9/2018.';
    expect(summary().narrative.join(' ')).toContain(said);
    for (const period of [
      { type: 'quarter', year: 2018, index: 3 },
      { type: 'nine', year: 2018, index: 1 },
    ] as Period[])
      expect(summary(period).narrative.join(' ')).toContain(said);
  });

  it('names the months of notes and partial reports in a quarter', () => {
    const q = summary({ type: 'quarter', year: 2018, index: 3 });
    // Pá Mỳ sent no month; the others some: they have reported, in part.
    expect(q.narrative[0]).toContain(
      'chưa báo cáo: xã Pá Mỳ; mới báo cáo một phần: xã Chung Chải (thiếu tháng 7), xã Huổi Lếch (thiếu tháng 7),',
    );
    expect(q.narrative[0]).toContain('xã Quảng Lâm (thiếu tháng 7, 8), xã Sen Thượng (thiếu tháng 7, 8)');
    expect(q.narrative).toContain(
      'Khó khăn, vướng mắc, kiến nghị của các xã: xã Chung Chải (tháng 9): Đường vào bản bị sạt lở; ' +
        'xã Mường Nhé (tháng 8): Ý kiến tháng 8, không thuộc kỳ này; xã Nậm Kè (tháng 9): Thiếu giáo viên.',
    );
    // Chung Chải and Mường Nhé sent part of the quarter: not "chưa có số liệu" of the whole of it.
    expect(q.narrative[0]).toContain(
      'Lưu ý: xã Chung Chải và xã Mường Nhé có số liệu cùng kỳ năm trước nhưng chưa có đủ số liệu quý III/2018,',
    );
    // The invalid cells left out are said by each rendering's data-quality line, not twice.
    expect(q.excludedCells).toBe(3);
    expect(q.narrative.join(' ')).not.toContain('không hợp lệ');
  });

  it('mentions a zero when last year was higher, and omits comparisons without last year', () => {
    const units = [unit('a', 'A'), unit('b', 'B')];
    const current: UnitYear[] = [
      unitYear('a', 2018, { values: { DTN_MITOM: { 9: 0 }, DTN_QUA: { 9: 750 } }, submitted: { 9: '2018-09-16' } }),
      unitYear('b', 2018, { values: { DTN_MITOM: { 9: 0 } }, submitted: { 9: '2018-09-16' } }),
    ];
    const previous = [unitYear('a', 2017, { values: { DTN_MITOM: { 9: 40 } } })];
    const s = summary({ type: 'month', year: 2018, index: 1 }, current, previous, units);
    expect(s.narrative).toEqual([
      'Đến ngày 20/09/2018, 0/2 xã đã gửi báo cáo (tỷ lệ 0%), 0 xã đúng hạn; chưa báo cáo: xã A, xã B.',
      'Chưa có số liệu nào được báo cáo trong tháng 1/2018.',
    ]);
    const sep = summary(SEP, current, previous, units);
    expect(sep.narrative).toEqual([
      'Đến ngày 20/09/2018, 2/2 xã đã gửi báo cáo (tỷ lệ 100%), 2 xã đúng hạn. ' +
        'Lưu ý: xã B không có số liệu cùng kỳ năm trước, nên số tăng, giảm so cùng kỳ dưới đây chưa so sánh được đầy đủ.',
      'Đoàn Thanh niên: Từ đầu năm đến nay, toàn huyện trao 750 suất quà; 0 kiện mì tôm, giảm 40 kiện so cùng kỳ.',
    ]);
  });

  it('says when last year’s figures hold units that have not reported this year', () => {
    const units = [unit('a', 'A'), unit('b', 'B')];
    const sept = (code: string, year: number, v: number) =>
      unitYear(code, year, { values: { DTN_QUA: { 9: v } }, submitted: { 9: `${year}-09-16` } });
    const caveat =
      'Lưu ý: xã B có số liệu cùng kỳ năm trước nhưng chưa có số liệu tháng 9/2018, nên số tăng, giảm so cùng kỳ dưới đây chưa so sánh được đầy đủ.';
    const without = summary(SEP, [sept('a', 2018, 20)], [sept('a', 2017, 10), sept('b', 2017, 30)], units);
    expect(without.narrative[0]).toBe(
      `Đến ngày 20/09/2018, 1/2 xã đã gửi báo cáo (tỷ lệ 50%), 1 xã đúng hạn; chưa báo cáo: xã B. ${caveat}`,
    );
    expect(without.lastYearOnly).toEqual(['b']);
    // Both reported, or the one missing had nothing last year either: nothing to say.
    const both = summary(
      SEP,
      [sept('a', 2018, 20), sept('b', 2018, 1)],
      [sept('a', 2017, 10), sept('b', 2017, 30)],
      units,
    );
    expect(both.narrative[0]).not.toContain('Lưu ý');
    expect(both.lastYearOnly).toBeUndefined();
    const neither = summary(SEP, [sept('a', 2018, 20)], [sept('a', 2017, 10)], units);
    expect(neither.narrative[0]).not.toContain('Lưu ý');
    // B's figures are there (summed), dated after the run: not on time, but compared in full.
    const b = unitYear('b', 2018, { values: { DTN_QUA: { 9: 1 } }, submitted: { 9: '2018-09-25' } });
    const dated = summary(SEP, [sept('a', 2018, 20), b], [sept('a', 2017, 10), sept('b', 2017, 30)], units);
    expect(dated.lastYearOnly).toBeUndefined();
    expect(dated.narrative[0]).not.toContain('Lưu ý');
    // Dated after the run with only an unreadable cell in September: nothing of B is summed.
    const bad = unitYear('b', 2018, { submitted: { 9: '2018-09-25' }, invalid: ['DTN_QUA:9'] });
    const unread = summary(SEP, [sept('a', 2018, 20), bad], [sept('a', 2017, 10), sept('b', 2017, 30)], units);
    expect(unread.lastYearOnly).toEqual(['b']);
    // On time, but nothing readable: not "không có số liệu cùng kỳ năm trước" either (no figure of its own).
    const onTime = unitYear('b', 2018, { submitted: { 9: '2018-09-16' }, invalid: ['DTN_QUA:9'] });
    const none = summary(SEP, [sept('a', 2018, 20), onTime], [sept('a', 2017, 10)], units);
    expect(none.thisYearOnly).toBeUndefined();
  });

  it('says whose "so far" figure of a stock is older than the period', () => {
    const units = ['a', 'b', 'c', 'd', 'e'].map((c) => unit(c, c.toUpperCase()));
    const stock = (code: string, m: number, v: number) =>
      unitYear(code, 2018, { values: { HND_SXKDG_CONGNHAN: { [m]: v } }, submitted: { [m]: `2018-0${m}-16` } });
    const all = summary(SEP, [stock('a', 9, 10), stock('b', 9, 20)], [], units.slice(0, 2));
    expect(all.narrative.join(' ')).toContain('Đến nay, toàn huyện có 30 hộ');
    expect(all.narrative.join(' ')).not.toContain('Số đến nay gồm');
    const one = summary(SEP, [stock('a', 9, 10), stock('b', 8, 20)], [], units.slice(0, 2));
    expect(one.narrative.join(' ')).toContain(
      'Đến nay, toàn huyện có 30 hộ nông dân sản xuất, kinh doanh giỏi các cấp. ' +
        'Số đến nay gồm số đã báo cáo trước đó của xã B (số tháng 8/2018), chưa có số liệu tháng 9/2018.',
    );
    const many = summary(SEP, [stock('a', 9, 1), ...['b', 'c', 'd', 'e'].map((c) => stock(c, 7, 1))], [], units);
    expect(many.narrative.join(' ')).toContain(
      'Số đến nay gồm số đã báo cáo trước đó của xã B, xã C, xã D và 1 đơn vị khác (số tháng 7/2018), chưa có số liệu tháng 9/2018.',
    );
  });

  it('says "đơn vị" for mixed kinds and uses the local date in Vietnam', () => {
    const units = [unit('a', 'A'), unit('b', 'B', { kind: 'phường' })];
    const s = aggregate({
      catalogue: CATALOGUE,
      units,
      settings: { ...SETTINGS, scopeLabel: 'toàn tỉnh' },
      period: SEP,
      current: [unitYear('a', 2018, { values: { TCD_LUOT: { 9: 3 } }, submitted: { 9: '2018-09-19' } })],
      previous: [],
      findings: [],
      // 19/09 in UTC, already 20/09 in Vietnam; after the (late) submission either way.
      generatedAt: '2018-09-19T18:00:00Z',
    });
    expect(s.narrative).toEqual([
      'Đến ngày 20/09/2018, 1/2 đơn vị đã gửi báo cáo (tỷ lệ 50%), 0 đơn vị đúng hạn; chưa báo cáo: phường B; nộp muộn: xã A.',
      'Tiếp công dân, tiếp nhận và giải quyết đơn thư: Từ đầu năm đến nay, toàn tỉnh tiếp 3 lượt công dân.',
    ]);
  });

  it('formats decimals, thousands and decreases the Vietnamese way', () => {
    const s: Summary = summary(
      SEP,
      [
        unitYear('a', 2018, {
          values: { LDLD_MAIAM: { 9: 40 }, LDLD_MAIAM_GIATRI: { 9: 1250.5 }, DON_TONG: { 2: 1200, 9: 3 } },
        }),
      ],
      [unitYear('a', 2017, { values: { LDLD_MAIAM_GIATRI: { 9: 1260 }, DON_TONG: { 9: 3 } } })],
      [unit('a', 'A')],
    );
    expect(s.narrative.join(' ')).toContain('trị giá 1.250,5 triệu đồng, giảm 9,5 triệu đồng so cùng kỳ');
    expect(s.narrative.join(' ')).toContain('Trong tháng 9/2018, toàn huyện tiếp nhận 3 đơn thư, bằng cùng kỳ.');
    expect(s.narrative.join(' ')).toContain('tiếp nhận 1.203 đơn thư, tăng 1.200 đơn so cùng kỳ.');
  });
});

describe('narrate: follow-on phrases and parts of a total', () => {
  const UNITS = [unit('a', 'A')];
  /** The narrative of one unit's September 2018 figures, without the completeness sentence. */
  function told(values: Record<string, Record<number, number>>, previous: Record<string, Record<number, number>> = {}) {
    const s = summary(
      SEP,
      [unitYear('a', 2018, { values, submitted: { 9: '2018-09-16' } })],
      Object.keys(previous).length ? [unitYear('a', 2017, { values: previous })] : [],
      UNITS,
    );
    return s.narrative.slice(1);
  }

  it('says a value only right after the houses it is the value of', () => {
    expect(told({ LDLD_QUA_HS: { 9: 6 }, LDLD_MAIAM: { 9: 0 }, LDLD_MAIAM_GIATRI: { 9: 30 } })).toEqual([
      'Liên đoàn Lao động: Từ đầu năm đến nay, toàn huyện tặng 6 suất quà cho học sinh nghèo.',
    ]);
    // The houses left blank: the value is said by its label, with the blank named, not dropped.
    expect(told({ LDLD_QUA_HS: { 9: 6 }, LDLD_MAIAM_GIATRI: { 9: 30 } })).toEqual([
      'Liên đoàn Lao động: Từ đầu năm đến nay, toàn huyện tặng 6 suất quà cho học sinh nghèo; ' +
        'giá trị nhà "Mái ấm công đoàn" 30 triệu đồng (chưa ghi «Nhà "Mái ấm công đoàn" bàn giao»).',
    ]);
    // Nothing but the value: no sentence without a subject ("toàn huyện trị giá …").
    expect(told({ LDLD_MAIAM_GIATRI: { 3: 107.5, 9: 30 } }).join(' ')).not.toContain('toàn huyện trị giá');
    expect(told({ LDLD_QUA_HS: { 9: 6 }, LDLD_MAIAM: { 9: 2 }, LDLD_MAIAM_GIATRI: { 9: 30 } })).toEqual([
      'Liên đoàn Lao động: Từ đầu năm đến nay, toàn huyện tặng 6 suất quà cho học sinh nghèo; ' +
        'bàn giao 2 nhà "Mái ấm công đoàn", trị giá 30 triệu đồng.',
    ]);
  });

  it('says the number of people only after the visits', () => {
    expect(told({ TCD_NGUOI: { 9: 30 }, TCD_DOAN: { 9: 1 } })).toEqual([
      // "tiếp": the groups are received, as the visits are (not "có 1 đoàn", nor a bare "1 đoàn" after them).
      // The visits left blank: the people are said on their own, the blank named, not dropped.
      'Tiếp công dân, tiếp nhận và giải quyết đơn thư: Từ đầu năm đến nay, toàn huyện có số người được tiếp 30 người ' +
        '(chưa ghi «Lượt tiếp công dân»); tiếp 1 đoàn đông người.',
    ]);
    // Members admitted, as the article says it ("196 đoàn viên ưu tú được kết nạp Đảng"), not "giới thiệu".
    expect(told({ DTN_KETNAP_DANG: { 9: 20 } }).join(' ')).toContain(
      'toàn huyện có 20 đoàn viên ưu tú được kết nạp Đảng',
    );
    // In the month the visits are there, in the months before they are not.
    const text = told({ TCD_LUOT: { 9: 3 }, TCD_NGUOI: { 2: 8, 9: 4 } });
    expect(text).toEqual([
      'Tiếp công dân, tiếp nhận và giải quyết đơn thư: Trong tháng 9/2018, toàn huyện tiếp 3 lượt công dân, với 4 người. ' +
        'Từ đầu năm đến nay, toàn huyện tiếp 3 lượt công dân, với 12 người.',
    ]);
  });

  it('words the petitions received as the whole and each breakdown as a part of it', () => {
    const text = told(
      {
        DON_TONG: { 9: 50 },
        DON_KHIEUNAI: { 9: 17 },
        DON_TOCAO: { 9: 5 },
        DON_KIENNGHI: { 9: 28 },
        DON_DATDAI: { 9: 30 },
        DON_DEAN79: { 9: 20 },
        DON_THAMQUYEN: { 9: 40 },
        DON_DAGIAIQUYET: { 9: 31 },
        DON_DANGGIAIQUYET: { 9: 9 },
      },
      {
        DON_TONG: { 9: 29 },
        DON_KHIEUNAI: { 9: 20 },
        DON_TOCAO: { 9: 2 },
        DON_KIENNGHI: { 9: 7 },
        DON_DATDAI: { 9: 30 },
        DON_DEAN79: { 9: 0 },
        DON_THAMQUYEN: { 9: 25 },
        DON_DAGIAIQUYET: { 9: 25 },
      },
    );
    // The parts with their numbers only, as reports write "trong đó …" (comparisons of every part
    // between commas could not be told apart); the total's own comparison after the brackets.
    expect(text).toEqual([
      'Tiếp công dân, tiếp nhận và giải quyết đơn thư: Từ đầu năm đến nay, toàn huyện tiếp nhận 50 đơn thư ' +
        '(trong đó 17 đơn khiếu nại, 5 đơn tố cáo, 28 đơn kiến nghị, phản ánh; ' +
        '30 đơn về đất đai, 20 đơn liên quan Đề án 79; 40 đơn thuộc thẩm quyền; ' +
        'đã giải quyết 31 đơn), tăng 21 đơn so cùng kỳ. ' +
        // Pending is a stock: the latest figure, said "so far", not summed over the months.
        'Đến nay, toàn huyện đang giải quyết 9 đơn.',
    ]);
    // A part of 0 says nothing inside the brackets, even after a higher figure last year.
    const none = told({ DON_TONG: { 9: 5 }, DON_KHIEUNAI: { 9: 0 }, DON_TOCAO: { 9: 5 } }, { DON_KHIEUNAI: { 9: 4 } });
    expect(none.join(' ')).toContain('tiếp nhận 5 đơn thư (trong đó 5 đơn tố cáo)');
  });

  it('leaves out a breakdown whose parts do not add up to its total, for the month and the year to date apart', () => {
    const s = summary(
      SEP,
      [
        // Unit a's September breaks "theo loại = tổng" by +1, its August by −1: the year to date adds up.
        unitYear('a', 2018, {
          values: {
            DON_TONG: { 8: 2, 9: 10 },
            DON_KHIEUNAI: { 8: 1, 9: 6 },
            DON_TOCAO: { 9: 5 },
            DON_DAGIAIQUYET: { 9: 3 },
          },
          submitted: { 8: '2018-08-16', 9: '2018-09-16' },
        }),
        unitYear('b', 2018, {
          values: { DON_TONG: { 9: 4 }, DON_KHIEUNAI: { 9: 4 } },
          submitted: { 9: '2018-09-16' },
        }),
      ],
      [],
      [unit('a', 'Chung Chải'), unit('b', 'Sen Thượng')],
    );
    const p = s.narrative.find((x) => x.startsWith('Tiếp công dân')) as string;
    // September: 10 + 5 ≠ 14 — no parts that do not add up; the partial "<=" part stays.
    expect(p).toContain(
      'Trong tháng 9/2018, toàn huyện tiếp nhận 14 đơn thư (trong đó đã giải quyết 3 đơn; chưa nêu các số chi tiết khác vì ' +
        'cộng lại chưa khớp tổng: số liệu của 1 xã chưa khớp, xem phần kiểm tra số liệu).',
    );
    // Year to date: 11 + 5 = 16, the breakdown is told.
    expect(p).toContain(
      'Từ đầu năm đến nay, toàn huyện tiếp nhận 16 đơn thư (trong đó 11 đơn khiếu nại, 5 đơn tố cáo; đã giải quyết 3 đơn).',
    );
  });

  it('compares the parts of a breakdown with its total exactly, decimals tidied', () => {
    // 0,1 + 0,2 adds up to 0,3 (not 0,30000000000000004); 0,1 + 0,21 does not.
    expect(told({ DON_TONG: { 9: 0.3 }, DON_KHIEUNAI: { 9: 0.1 }, DON_TOCAO: { 9: 0.2 } }).join(' ')).toContain(
      'tiếp nhận 0,3 đơn thư (trong đó 0,1 đơn khiếu nại, 0,2 đơn tố cáo)',
    );
    expect(told({ DON_TONG: { 9: 0.3 }, DON_KHIEUNAI: { 9: 0.1 }, DON_TOCAO: { 9: 0.21 } }).join(' ')).toContain(
      'tiếp nhận 0,3 đơn thư (chưa nêu số chi tiết vì cộng lại chưa khớp tổng: số liệu của 1 xã chưa khớp',
    );
  });

  it('lists the models by field inside the models evaluated, from the catalogue’s rule', () => {
    expect(told({ DVK_DANGKY: { 9: 10 }, DVK_DANHGIA: { 9: 8 }, DVK_KINHTE: { 9: 3 }, DVK_HTCT: { 9: 5 } })).toEqual([
      'Phong trào thi đua "Dân vận khéo": Từ đầu năm đến nay, toàn huyện đăng ký 10 mô hình "Dân vận khéo"; ' +
        '8 mô hình được đánh giá, công nhận (trong đó 3 mô hình trên lĩnh vực kinh tế, ' +
        '5 mô hình trên lĩnh vực xây dựng hệ thống chính trị).',
    ]);
  });

  it('says parts and people reported with their total left blank, naming the blank, never filling it in', () => {
    const all = told({ TCD_NGUOI: { 9: 6 }, DON_KHIEUNAI: { 9: 2 } }).join(' ');
    expect(all).toContain(
      'Từ đầu năm đến nay, toàn huyện có số người được tiếp 6 người (chưa ghi «Lượt tiếp công dân»); ' +
        'theo loại: đơn khiếu nại 2 đơn (chưa ghi «Tổng số đơn tiếp nhận»).',
    );
    expect(all).not.toMatch(/tiếp nhận \d+ đơn thư|tiếp \d+ lượt/);
  });

  it('lists no part of a total that is not said, and no part as a peer of its total', () => {
    fc.assert(
      fc.property(
        fc.record({
          DON_TONG: fc.option(fc.nat(60), { nil: undefined }),
          DON_KHIEUNAI: fc.option(fc.nat(20), { nil: undefined }),
          DON_DATDAI: fc.option(fc.nat(20), { nil: undefined }),
          DON_DAGIAIQUYET: fc.option(fc.nat(20), { nil: undefined }),
          TCD_LUOT: fc.option(fc.nat(5), { nil: undefined }),
        }),
        (figures) => {
          const values: Record<string, Record<number, number>> = {};
          for (const [code, v] of Object.entries(figures)) if (v !== undefined) values[code] = { 9: v };
          const all = told(values).join(' ');
          const total = figures.DON_TONG ?? 0;
          if (total > 0) expect(all).toContain(`tiếp nhận ${total} đơn thư`);
          // Parts stand only in the parenthesis right after the total, never as peers of it;
          // with the total blank they are said on their own, the blank total named.
          const outside = all
            .replace(/tiếp nhận \d+ đơn thư \(trong đó [^)]*\)/, '')
            .replace(/(khiếu nại|đất đai|giải quyết) \d+ đơn \(chưa ghi «Tổng số đơn tiếp nhận»\)/g, '');
          expect(outside).not.toMatch(/khiếu nại \d|đất đai \d|giải quyết \d/);
          if (figures.DON_TONG === undefined && figures.DON_KHIEUNAI)
            expect(all).toContain(`đơn khiếu nại ${figures.DON_KHIEUNAI} đơn (chưa ghi «Tổng số đơn tiếp nhận»)`);
        },
      ),
    );
  });

  it('names the units of the completeness sentence with their kind, as the article does', () => {
    const units = [
      unit('mn', 'Mường Nhé'),
      unit('pm', 'Pá Mỳ'),
      unit('st', 'Sen Thượng'),
      unit('tt', 'Mường Nhé', { kind: 'Thị trấn' }),
    ];
    const s = summary(
      SEP,
      [
        unitYear('mn', 2018, { values: { TCD_LUOT: { 9: 1 } }, submitted: { 9: '2018-09-16' } }),
        unitYear('st', 2018, { values: { TCD_LUOT: { 9: 1 } }, submitted: { 9: '2018-09-19' } }),
      ],
      [],
      units,
    );
    expect(s.narrative[0]).toBe(
      'Đến ngày 20/09/2018, 2/4 đơn vị đã gửi báo cáo (tỷ lệ 50%), 1 đơn vị đúng hạn; ' +
        'chưa báo cáo: thị trấn Mường Nhé, xã Pá Mỳ; nộp muộn: xã Sen Thượng.',
    );
  });
});

describe('cleanNote', () => {
  const byRegex = (text: string) =>
    text
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[\s.;,]+$/, '');
  const chars = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u180e', '\u2000', '\u200a', '\u200b']
    .concat(['\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '.', ';', ',', ':', 'a', 'ả', 'Đ', '1'])
    .concat(['\ud83d', '\u{1F600}']);

  it('cleans as the regular expressions do, clean text or not', () => {
    let clean = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(cleanNote(text)).toBe(byRegex(text));
        if (byRegex(text) === text) clean++;
      }),
      { numRuns: 3000 },
    );
    // Both kinds are common, so a quick path that skipped the cleaning of either would show.
    expect(clean).toBeGreaterThan(100);
    for (let c = 0; c < 0x10000; c++) {
      for (const text of [`a${String.fromCharCode(c)}b`, `a${String.fromCharCode(c)}`])
        if (cleanNote(text) !== byRegex(text)) throw new Error(`U+${c.toString(16)}`);
    }
  });
});

describe('notes that say nothing, and many notes', () => {
  it('leaves out "Không", "0", "-" and the like, and keeps real notes that start so', () => {
    for (const t of [
      'Không',
      'không.',
      ' KHÔNG CÓ ',
      'Không có ý kiến',
      'không có kiến nghị',
      'Ko',
      '0',
      '-',
      '—',
      'x',
    ])
      expect(cleanNote(t)).toBe('');
    expect(cleanNote('Không có nước sạch cho 3 bản.')).toBe('Không có nước sạch cho 3 bản');
    expect(cleanNote('Chưa có kinh phí sửa đường')).toBe('Chưa có kinh phí sửa đường');
  });

  it('counts the units instead of quoting them when more than 10 wrote one', () => {
    const { narrative, ...core } = summary();
    const notes = core.indicators.find((i) => i.kind === 'note');
    if (!notes) throw new Error('no note indicator in the fixture');
    const many = core.units.map((u, i) => ({
      unitCode: u.code,
      unitName: u.name,
      month: 9,
      text: `Ý kiến số ${i + 1}`,
    }));
    const withMany = { ...core, indicators: core.indicators.map((i) => (i === notes ? { ...i, notes: many } : i)) };
    expect(many.length).toBe(11);
    const text = narrate(withMany, CATALOGUE).at(-1);
    expect(text).toBe(
      `${notes.label} của các xã: 11 xã có ý kiến, xem danh sách đầy đủ ở mục "Khó khăn, vướng mắc, kiến nghị của cơ sở".`,
    );
    // Ten are still quoted, each unit named as in a sentence.
    const ten = {
      ...core,
      indicators: core.indicators.map((i) => (i === notes ? { ...i, notes: many.slice(0, 10) } : i)),
    };
    expect(narrate(ten, CATALOGUE).at(-1)).toContain('xã Chung Chải: Ý kiến số 1;');
  });

  it('counts the units with a note or a remark, each once, not those whose note says nothing', () => {
    const { narrative, ...core } = summary();
    const notes = core.indicators.find((i) => i.kind === 'note');
    if (!notes) throw new Error('no note indicator in the fixture');
    const [last, ...rest] = core.units;
    // Nine units write a note, one of them twice; another only "Không" (nothing to say).
    const written = rest
      .slice(0, 9)
      .map((u, i) => ({ unitCode: u.code, unitName: u.name, month: 9, text: `Ý kiến ${i}` }));
    const nothing = { unitCode: rest[9].code, unitName: rest[9].name, month: 9, text: 'Không' };
    const withNotes = (remarks: { unitCode: string; text: string }[]) =>
      narrate(
        {
          ...core,
          indicators: core.indicators.map((i) =>
            i === notes ? { ...i, notes: [...written, { ...written[0], month: 8 }, nothing] } : i,
          ),
          remarks: remarks.map((r) => ({
            ...r,
            unitName: r.unitCode,
            indicatorCode: notes.code,
            cell: 'R24',
            file: 'f.xlsx',
            sheet: '2018',
          })),
        },
        CATALOGUE,
      ).at(-1) as string;
    const many = (n: number) => `${notes.label} của các xã: ${n} xã có ý kiến`;
    // A remark repeating its unit's note adds nobody: nine units, quoted.
    const nine = withNotes([{ unitCode: written[0].unitCode, text: 'Ý kiến 0' }]);
    expect(nine).toContain(`${notes.label} của các xã: `);
    expect(nine).toContain(': Ý kiến 8');
    expect(nine).not.toContain('ghi ở cột Ghi chú');
    // Remarks of two units without a note (one of them the unit whose note says nothing): eleven.
    expect(
      withNotes([
        { unitCode: written[1].unitCode, text: 'Ý kiến 1' },
        { unitCode: last.code, text: 'Xin thêm kinh phí' },
        { unitCode: nothing.unitCode, text: 'Đường hỏng' },
      ]),
    ).toContain(many(11));
  });
});

describe('a period not over, or before its deadline', () => {
  const at = (generatedAt: string) => narrate({ ...summary(), generatedAt }, CATALOGUE)[0];

  it('says so beside the date, so the rates are not read as final', () => {
    // September 2018: figures up to Friday 14/09, reports due Tuesday 18/09.
    expect(at('2018-09-10T03:00:00Z')).toMatch(
      /^Đến ngày 10\/09\/2018 \(kỳ báo cáo chưa kết thúc, số liệu chốt ngày 14\/09\/2018\), 9\/11 xã/,
    );
    expect(at('2018-09-17T03:00:00Z')).toMatch(
      /^Đến ngày 17\/09\/2018 \(chưa hết hạn nộp báo cáo, hạn ngày 18\/09\/2018\), 9\/11 xã/,
    );
    expect(at('2018-09-18T03:00:00Z')).toContain('(chưa hết hạn nộp báo cáo, hạn ngày 18/09/2018)');
    expect(at('2018-09-19T03:00:00Z')).toMatch(/^Đến ngày 19\/09\/2018, 9\/11 xã/);
  });
});

describe('the year-to-date caveat alone', () => {
  it('is said of the year-to-date comparisons only, months as a range', () => {
    const s = summary();
    const only = {
      ...s,
      thisYearOnly: undefined,
      lastYearOnly: undefined,
      ytdGaps: [{ unitCode: 'chung-chai', months: [1, 2, 3, 5] }],
      excludedCells: 0,
    };
    expect(narrate(only, CATALOGUE)[0]).toMatch(
      /\. Lưu ý: từ đầu năm, xã Chung Chải \(tháng 1–3, 5\) chưa có số liệu các tháng đã có cùng kỳ năm trước, nên số tăng, giảm so cùng kỳ của số liệu từ đầu năm dưới đây chưa so sánh được đầy đủ\.$/,
    );
  });
});

describe('a province: long lists of the completeness sentence cut short', () => {
  const pad = (i: number) => String(i).padStart(2, '0');
  /** n units "xã A01" …; the first `onTime` on time, the next `late` late, the rest missing. */
  function province(n: number, onTime: number, late: number, withoutLastYear: string[] = []) {
    const units = Array.from({ length: n }, (_, i) => unit(`u${pad(i + 1)}`, `A${pad(i + 1)}`));
    const sept = (code: string, year: number, day: number) =>
      unitYear(code, year, { values: { DTN_QUA: { 9: 5 } }, submitted: { 9: `${year}-09-${day}` } });
    const current = units.slice(0, onTime + late).map((u, i) => sept(u.code, 2018, i < onTime ? 16 : 20));
    const previous = units.filter((u) => !withoutLastYear.includes(u.code)).map((u) => sept(u.code, 2017, 16));
    return summary(SEP, current, previous, units);
  }

  it('40 units: the first three of each list and how many more, pointed once to the full list', () => {
    const s = province(40, 10, 14);
    expect(s.narrative[0]).toBe(
      'Đến ngày 20/09/2018, 24/40 xã đã gửi báo cáo (tỷ lệ 60%), 10 xã đúng hạn; ' +
        'chưa báo cáo: xã A25, xã A26, xã A27 và 13 đơn vị khác; ' +
        'nộp muộn: xã A11, xã A12, xã A13 và 11 đơn vị khác (xem danh sách đầy đủ ở phần tình hình gửi báo cáo). ' +
        // The units without this year's figures are those just counted: not named a second time.
        'Lưu ý: các xã chưa báo cáo có số liệu cùng kỳ năm trước, nên số tăng, giảm so cùng kỳ dưới đây chưa so sánh được đầy đủ.',
    );
  });

  it('40 units, two of the missing without last year: how many of them, not their names again', () => {
    const s = province(40, 10, 14, ['u39', 'u40']);
    expect(s.narrative[0]).toContain(
      'chưa báo cáo: xã A25, xã A26, xã A27 và 13 đơn vị khác; nộp muộn: xã A11, xã A12, xã A13 và 11 đơn vị khác ' +
        '(xem danh sách đầy đủ ở phần tình hình gửi báo cáo). ' +
        'Lưu ý: 14 trong số 16 xã chưa báo cáo có số liệu cùng kỳ năm trước, nên số tăng',
    );
  });

  it('one long list: the pointer after it, the short one in full', () => {
    const s = province(40, 12, 2);
    expect(s.narrative[0]).toContain(
      'chưa báo cáo: xã A15, xã A16, xã A17 và 23 đơn vị khác (xem danh sách đầy đủ ở phần tình hình gửi báo cáo); ' +
        'nộp muộn: xã A13, xã A14.',
    );
  });

  it('11 units: every name, as a district always read it', () => {
    const s = province(11, 0, 0, ['u01', 'u02', 'u03', 'u04', 'u05', 'u06', 'u07', 'u08', 'u09', 'u10', 'u11']);
    expect(s.narrative[0]).toBe(
      'Đến ngày 20/09/2018, 0/11 xã đã gửi báo cáo (tỷ lệ 0%), 0 xã đúng hạn; chưa báo cáo: xã A01, xã A02, xã A03, ' +
        'xã A04, xã A05, xã A06, xã A07, xã A08, xã A09, xã A10, xã A11.',
    );
    const late = province(11, 0, 11);
    expect(late.narrative[0]).toBe(
      'Đến ngày 20/09/2018, 11/11 xã đã gửi báo cáo (tỷ lệ 100%), 0 xã đúng hạn; nộp muộn: xã A01, xã A02, xã A03, ' +
        'xã A04, xã A05, xã A06, xã A07, xã A08, xã A09, xã A10, xã A11.',
    );
  });

  it('two missing units, both with last year: referred to in the caveat, not named twice; one alone is named', () => {
    const two = province(11, 9, 0);
    expect(two.narrative[0]).toBe(
      'Đến ngày 20/09/2018, 9/11 xã đã gửi báo cáo (tỷ lệ 81,8%), 9 xã đúng hạn; chưa báo cáo: xã A10, xã A11. ' +
        'Lưu ý: các xã chưa báo cáo có số liệu cùng kỳ năm trước, nên số tăng, giảm so cùng kỳ dưới đây chưa so sánh được đầy đủ.',
    );
    const one = province(11, 10, 0);
    expect(one.narrative[0]).toContain(
      'chưa báo cáo: xã A11. Lưu ý: xã A11 có số liệu cùng kỳ năm trước nhưng chưa có số liệu tháng 9/2018',
    );
  });
});
