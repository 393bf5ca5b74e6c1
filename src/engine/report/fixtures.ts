/**
 * Test fixture: the Mường Nhé district summary for September 2018, written by hand
 * (not produced by aggregate.ts) so the report renderers can be tested on their own.
 * Figures follow the Điện Biên Phủ newspaper article of 03/10/2018 ("từ đầu năm đến
 * nay … 115 hộ …, 264 hộ …, 196 đoàn viên …, 27 lượt công dân, 50 đơn …, tăng 21 đơn
 * so cùng kỳ"). Eleven communes; Pá Mỳ has not reported, Nậm Kè reported late,
 * Sen Thượng left the citizen-reception block empty, and one Huổi Lếch cell was invalid.
 *
 * Only used by tests; never imported by the shells.
 */
import { defaultCatalogue, defaultSettings, defaultUnits } from '../catalogue/defaults';
import type { Catalogue, CompletenessRow, Finding, IndicatorSummary, Period, Summary, UnitFigure } from '../types';

export const FIXTURE_PERIOD: Period = { type: 'month', year: 2018, index: 9 };

/**
 * The default catalogue, with "Lượt đoàn viên giúp dân di chuyển" also marked as key
 * (the article highlights the 1.000 youth members who helped move Tá Phì Chà village).
 */
export function fixtureCatalogue(): Catalogue {
  const c = defaultCatalogue();
  return {
    ...c,
    indicators: c.indicators.map((i) => (i.code === 'DTN_GIUPDAN' ? { ...i, key: true } : { ...i })),
  };
}

/** Unit order = units.json order (Vietnamese alphabetical). */
const UNITS = defaultUnits();
const PA_MY = UNITS.findIndex((u) => u.code === 'pa-my');
const SEN_THUONG = UNITS.findIndex((u) => u.code === 'sen-thuong');
const HUOI_LECH = UNITS.findIndex((u) => u.code === 'huoi-lech');

/** Relative size of each commune, used to share totals out over units. */
const WEIGHTS = [3, 2, 2, 4, 3, 2, 2, 2, 2, 1, 2];

/** Share the whole number `total` over the units not in `skip`; exact (remainders go to the first units). */
function share(total: number, skip: number[]): (number | null)[] {
  const w = WEIGHTS.map((x, i) => (skip.includes(i) ? 0 : x));
  const sum = w.reduce((a, b) => a + b, 0);
  const out = w.map((x, i) => (skip.includes(i) ? null : Math.floor((total * x) / sum)));
  let rest = total - out.reduce<number>((a, b) => a + (b ?? 0), 0);
  for (let i = 0; rest > 0; i = (i + 1) % out.length) {
    if (out[i] === null) continue;
    out[i] = (out[i] as number) + 1;
    rest--;
  }
  return out;
}

interface Spec {
  period: number;
  ytd: number;
  lastYearPeriod: number | null;
  lastYearYtd: number | null;
  /** Units (indexes) with no valid value in September besides Pá Mỳ. */
  blank?: number[];
}

const TCD_BLANK = [SEN_THUONG];

/** Totals for September 2018 and the year to date; last year's figures invented but plausible. */
const SPECS: Record<string, Spec> = {
  DVK_DANGKY: { period: 4, ytd: 14, lastYearPeriod: 2, lastYearYtd: 10 },
  DVK_DANHGIA: { period: 2, ytd: 8, lastYearPeriod: 1, lastYearYtd: 6 },
  DVK_KINHTE: { period: 1, ytd: 3, lastYearPeriod: 0, lastYearYtd: 2 },
  DVK_VHXH: { period: 0, ytd: 2, lastYearPeriod: 1, lastYearYtd: 2 },
  DVK_QPAN: { period: 1, ytd: 2, lastYearPeriod: 0, lastYearYtd: 1 },
  DVK_HTCT: { period: 0, ytd: 1, lastYearPeriod: 0, lastYearYtd: 1 },
  HND_SXKDG_CONGNHAN: { period: 115, ytd: 115, lastYearPeriod: 98, lastYearYtd: 98 },
  HND_SXKDG_DANGKY: { period: 264, ytd: 264, lastYearPeriod: 240, lastYearYtd: 240 },
  HND_NGAYCONG_DUONG: { period: 14, ytd: 92, lastYearPeriod: 20, lastYearYtd: 110, blank: [HUOI_LECH] },
  HND_NGAYCONG_KENH: { period: 6, ytd: 52, lastYearPeriod: 8, lastYearYtd: 47 },
  DTN_KETNAP_DANG: { period: 20, ytd: 196, lastYearPeriod: 16, lastYearYtd: 172 },
  DTN_GIUPDAN: { period: 640, ytd: 1000, lastYearPeriod: 85, lastYearYtd: 410 },
  DTN_HO_NGAPLUT: { period: 30, ytd: 30, lastYearPeriod: 0, lastYearYtd: 12 },
  DTN_QUA: { period: 0, ytd: 750, lastYearPeriod: 50, lastYearYtd: 620 },
  DTN_MITOM: { period: 100, ytd: 100, lastYearPeriod: 0, lastYearYtd: 40 },
  DTN_SUATCOM: { period: 120, ytd: 538, lastYearPeriod: 90, lastYearYtd: 460 },
  DTN_CHAO: { period: 110, ytd: 530, lastYearPeriod: 80, lastYearYtd: 400 },
  LDLD_QUA_HS: { period: 0, ytd: 555, lastYearPeriod: 0, lastYearYtd: 500 },
  LDLD_MAIAM: { period: 1, ytd: 3, lastYearPeriod: 0, lastYearYtd: 2 },
  LDLD_MAIAM_GIATRI: { period: 30, ytd: 90, lastYearPeriod: 0, lastYearYtd: 55.5 },
  TCD_LUOT: { period: 6, ytd: 27, lastYearPeriod: 4, lastYearYtd: 31, blank: TCD_BLANK },
  TCD_NGUOI: { period: 9, ytd: 41, lastYearPeriod: 6, lastYearYtd: 45, blank: TCD_BLANK },
  TCD_DOAN: { period: 0, ytd: 1, lastYearPeriod: 0, lastYearYtd: 0, blank: TCD_BLANK },
  DON_TONG: { period: 10, ytd: 50, lastYearPeriod: 6, lastYearYtd: 29, blank: TCD_BLANK },
  DON_KHIEUNAI: { period: 1, ytd: 4, lastYearPeriod: 0, lastYearYtd: 3, blank: TCD_BLANK },
  DON_TOCAO: { period: 0, ytd: 1, lastYearPeriod: 0, lastYearYtd: 1, blank: TCD_BLANK },
  DON_KIENNGHI: { period: 9, ytd: 45, lastYearPeriod: 6, lastYearYtd: 25, blank: TCD_BLANK },
  DON_DATDAI: { period: 5, ytd: 27, lastYearPeriod: 3, lastYearYtd: 15, blank: TCD_BLANK },
  DON_DEAN79: { period: 3, ytd: 12, lastYearPeriod: 2, lastYearYtd: 8, blank: TCD_BLANK },
  DON_BOITHUONG: { period: 1, ytd: 6, lastYearPeriod: 1, lastYearYtd: 4, blank: TCD_BLANK },
  DON_KHAC: { period: 1, ytd: 5, lastYearPeriod: 0, lastYearYtd: 2, blank: TCD_BLANK },
  DON_THAMQUYEN: { period: 8, ytd: 41, lastYearPeriod: 5, lastYearYtd: 24, blank: TCD_BLANK },
  DON_DAGIAIQUYET: { period: 6, ytd: 38, lastYearPeriod: 4, lastYearYtd: 22, blank: TCD_BLANK },
  // Pending at the month's end: a stock (the latest figure), so period and year to date agree.
  DON_DANGGIAIQUYET: { period: 3, ytd: 3, lastYearPeriod: 2, lastYearYtd: 2, blank: TCD_BLANK },
};

const NOTES = [
  { unitCode: 'chung-chai', month: 9, text: 'Đề nghị hỗ trợ kinh phí di chuyển dân bản Tá Phì Chà theo Đề án 79.' },
  { unitCode: 'nam-ke', month: 9, text: 'Đường vào bản Nậm Pồ bị sạt lở, đi lại khó khăn.' },
];

const round = (x: number) => Math.round(x * 10000) / 10000;

function diff(now: number | null, before: number | null): [number | null, number | null] {
  if (now === null || before === null) return [null, null];
  const change = round(now - before);
  return [change, before === 0 ? null : round(change / before)];
}

function indicatorSummary(code: string, catalogue: Catalogue): IndicatorSummary {
  const ind = catalogue.indicators.find((i) => i.code === code);
  if (!ind) throw new Error(`fixture: unknown indicator ${code}`);
  const base = { code, group: ind.group, label: ind.label, unit: ind.unit, kind: ind.kind };
  if (ind.kind === 'note') {
    const notes = NOTES.map((n) => ({
      ...n,
      unitName: UNITS.find((u) => u.code === n.unitCode)?.name ?? n.unitCode,
    }));
    return {
      ...base,
      period: null,
      ytd: null,
      lastYearPeriod: null,
      lastYearYtd: null,
      change: null,
      changePct: null,
      ytdChange: null,
      ytdChangePct: null,
      byUnit: UNITS.map((u) => ({ unitCode: u.code, unitName: u.name, period: null, ytd: null })),
      contributing: notes.length,
      notes,
    };
  }
  const s = SPECS[code];
  const periods = share(s.period, [PA_MY, ...(s.blank ?? [])]);
  const ytds = ind.overMonths === 'last' ? periods : share(s.ytd, [PA_MY]);
  const byUnit: UnitFigure[] = UNITS.map((u, i) => ({
    unitCode: u.code,
    unitName: u.name,
    period: periods[i],
    ytd: ytds[i],
  }));
  const [change, changePct] = diff(s.period, s.lastYearPeriod);
  const [ytdChange, ytdChangePct] = diff(s.ytd, s.lastYearYtd);
  return {
    ...base,
    period: s.period,
    ytd: s.ytd,
    lastYearPeriod: s.lastYearPeriod,
    lastYearYtd: s.lastYearYtd,
    change,
    changePct,
    ytdChange,
    ytdChangePct,
    byUnit,
    contributing: periods.filter((v) => v !== null).length,
  };
}

/** Months 1–8 share the rest of the year to date (flows) or climb towards it (stocks). */
function monthly(ind: IndicatorSummary, overMonths: 'sum' | 'last'): (number | null)[] {
  const out: (number | null)[] = Array(12).fill(null);
  if (ind.period === null || ind.ytd === null) return out;
  for (let m = 1; m <= 8; m++) {
    if (overMonths === 'last') out[m - 1] = Math.round(ind.ytd * (0.8 + (0.2 * m) / 9));
    else {
      const rest = ind.ytd - ind.period;
      const part = Math.floor(rest / 8);
      out[m - 1] = part + (m === 8 ? rest - part * 8 : 0);
    }
  }
  out[8] = ind.period;
  return out;
}

const COMPLETENESS_ROWS: CompletenessRow[] = UNITS.map((u, i) => {
  if (i === PA_MY)
    return { unitCode: u.code, unitName: u.name, status: 'missing', submittedOn: null, missingMonths: [9] };
  if (u.code === 'nam-ke')
    return { unitCode: u.code, unitName: u.name, status: 'late', submittedOn: '2018-09-20', missingMonths: [] };
  const day = 13 + (i % 6); // 13 … 18 September
  return {
    unitCode: u.code,
    unitName: u.name,
    status: 'onTime',
    submittedOn: `2018-09-${String(day).padStart(2, '0')}`,
    missingMonths: [],
  };
});

const FINDINGS: Finding[] = [
  {
    severity: 'error',
    code: 'not-a-number',
    unitCode: 'huoi-lech',
    unitName: 'Huổi Lếch',
    file: 'Báo cáo dân vận 2018',
    sheet: 'Huổi Lếch 2018',
    cell: 'M18',
    indicatorCode: 'HND_NGAYCONG_DUONG',
    indicatorLabel: 'Ngày công làm đường liên thôn, liên bản',
    month: 9,
    message:
      'Xã Huổi Lếch, trang "Huổi Lếch 2018", ô M18 (Ngày công làm đường liên thôn, liên bản, T9): "12 công" không phải là số; ô này không được tính vào tổng hợp.',
  },
  {
    severity: 'error',
    code: 'rule-violation',
    unitCode: 'chung-chai',
    unitName: 'Chung Chải',
    file: 'Báo cáo dân vận 2018',
    sheet: 'Chung Chải 2018',
    cell: 'M36',
    indicatorCode: 'DON_TONG',
    indicatorLabel: 'Tổng số đơn tiếp nhận',
    month: 9,
    message:
      'Xã Chung Chải, tháng 9: Tổng số đơn theo lĩnh vực (đất đai + Đề án 79 + bồi thường + khác) phải bằng tổng số đơn tiếp nhận (3 ≠ 2).',
  },
  {
    severity: 'warning',
    code: 'rule-violation',
    unitCode: 'muong-toong',
    unitName: 'Mường Toong',
    file: 'Báo cáo dân vận 2018',
    sheet: 'Mường Toong 2018',
    cell: 'M34',
    indicatorCode: 'TCD_NGUOI',
    indicatorLabel: 'Số người được tiếp',
    month: 9,
    message: 'Xã Mường Toong, tháng 9: Số người được tiếp thường không ít hơn số lượt tiếp (1 < 2).',
  },
  {
    severity: 'warning',
    code: 'unit-late',
    unitCode: 'nam-ke',
    unitName: 'Nậm Kè',
    month: 9,
    message: 'Xã Nậm Kè nộp báo cáo tháng 9/2018 ngày 20/09/2018, sau hạn 18/09/2018.',
  },
  {
    severity: 'warning',
    code: 'unit-missing',
    unitCode: 'pa-my',
    unitName: 'Pá Mỳ',
    month: 9,
    message: 'Xã Pá Mỳ chưa nộp báo cáo tháng 9/2018.',
  },
  {
    severity: 'info',
    code: 'blank-indicators',
    unitCode: 'sen-thuong',
    unitName: 'Sen Thượng',
    file: 'Báo cáo dân vận 2018',
    sheet: 'Sen Thượng 2018',
    month: 9,
    message: 'Xã Sen Thượng để trống 13 chỉ tiêu tiếp công dân, đơn thư tháng 9.',
  },
];

const NARRATIVE = [
  'Tháng 9/2018, 10/11 xã đã gửi báo cáo (90,9%), 9 xã gửi đúng hạn; xã Pá Mỳ chưa gửi báo cáo.',
  'Từ đầu năm đến nay, toàn huyện có 115 hộ nông dân sản xuất, kinh doanh giỏi các cấp, 264 hộ đăng ký; hội viên đóng góp 92 ngày công làm đường giao thông liên bản, 52 ngày công nạo vét kênh mương.',
  'Từ đầu năm đến nay, 196 đoàn viên ưu tú được kết nạp Đảng, 1.000 lượt đoàn viên giúp dân di chuyển, di dời nhà cửa; hỗ trợ 30 hộ bị ngập lụt, 750 suất quà, 100 kiện mì tôm, 538 suất cơm và 530 bát cháo từ thiện.',
  'Liên đoàn Lao động huyện tặng 555 suất quà cho học sinh nghèo, bàn giao 3 nhà "Mái ấm công đoàn" trị giá 90 triệu đồng.',
  'Từ đầu năm đến nay, toàn huyện tiếp 27 lượt công dân, tiếp nhận 50 đơn, tăng 21 đơn so cùng kỳ.',
];

/** A fresh copy each call, so tests may change it freely. */
export function fixtureSummary(): Summary {
  const catalogue = fixtureCatalogue();
  const indicators = catalogue.indicators.map((i) => indicatorSummary(i.code, catalogue));
  const monthlyValues: Record<string, (number | null)[]> = {};
  for (const ind of indicators) {
    const def = catalogue.indicators.find((i) => i.code === ind.code);
    if (def && def.kind !== 'note') monthlyValues[ind.code] = monthly(ind, def.overMonths);
  }
  const rows = COMPLETENESS_ROWS.map((r) => ({ ...r, missingMonths: [...r.missingMonths] }));
  const reported = rows.filter((r) => r.status !== 'missing').length;
  const onTime = rows.filter((r) => r.status === 'onTime').length;
  return {
    period: { ...FIXTURE_PERIOD },
    settings: defaultSettings(),
    generatedAt: '2018-09-20T03:00:00.000Z',
    units: defaultUnits(),
    completeness: {
      period: { ...FIXTURE_PERIOD },
      deadline: '2018-09-18',
      expected: UNITS.length,
      reported,
      onTime,
      reportingRate: reported / UNITS.length,
      onTimeRate: onTime / UNITS.length,
      rows,
    },
    indicators,
    monthly: monthlyValues,
    findings: FINDINGS.map((f) => ({ ...f })),
    excludedCells: 1,
    unreadableUnits: [],
    narrative: [...NARRATIVE],
  };
}

/**
 * fixtureSummary with 25 communes (a province's many, above CHART_ALL_UNITS) whose only figures are
 * the chart indicator's (HND_SXKDG_CONGNHAN): 22 communes with a figure, three without; ties at the
 * top (An Toong, Ẳng Cang, Âng Tở: 50) and at the bottom (Dền Sáng, Đà Bắc: 1), which only
 * Vietnamese order puts as written here.
 */
export function provinceChartSummary(): Summary {
  const s = fixtureSummary();
  const figures: [string, number | null][] = [
    ['Âng Tở', 50],
    ['Ẳng Cang', 50],
    ['An Toong', 50],
    ['Đà Bắc', 1],
    ['Dền Sáng', 1],
    ['Ơ Na', null],
    ['Ư Ha', null],
    ['Chà Cang', null],
  ];
  for (let i = 0; i < 17; i++) figures.push([`Xã Số ${i + 2}`.replace('Xã ', ''), i + 2]);
  // Âng Tở a ward: ties go by name, as units are listed, not by "Phường" before "Xã".
  const units = figures.map(([name], i) => ({ code: `u${i + 1}`, name, kind: i === 0 ? 'Phường' : 'Xã', emails: [] }));
  s.units = units;
  for (const ind of s.indicators) {
    ind.byUnit = units.map((u, i) => ({
      unitCode: u.code,
      unitName: u.name,
      period: ind.code === 'HND_SXKDG_CONGNHAN' ? figures[i][1] : null,
      ytd: ind.code === 'HND_SXKDG_CONGNHAN' ? figures[i][1] : null,
    }));
  }
  return s;
}
