/**
 * Deterministic generator of the demo data in sheets-templates/demo/ (seeded PRNG).
 * The committed JSON is what `tonghop demo` uses; tests/cli/demo-data.test.ts checks that
 * it still equals this generator's output (regenerate: UPDATE_DEMO_DATA=1 npx jest tests/cli/demo-data).
 *
 * The 11 communes of Mường Nhé district, 2017 (12 months) and 2018 (January–September).
 * District totals January–September 2018 equal the figures of the Điện Biên Phủ newspaper
 * article of 03/10/2018: 115 households recognised, 264 registered, 92 and 52 workdays,
 * 196 youth members admitted to the Party, 1.000 helping, 30 flooded households, 750 gifts,
 * 100 boxes of noodles, 538 meals, 530 bowls of porridge, 555 gifts to poor pupils,
 * 3 "Mái ấm công đoàn" houses worth 90 million đồng, 27 citizen visits, 50 petitions
 * (29 in the same period of 2017: "tăng 21 đơn so cùng kỳ"), 8 "Dân vận khéo" models evaluated.
 * Cross-field rules hold in every commune and month. Deliberate faults for the demo:
 * "abc", "-3" and "1,000" typed into number cells (their true value is 0, so the totals
 * still match the article), Sen Thượng reports September late, Pá Mỳ does not report it, and
 * Mường Nhé's September note is typed in TCVN3 (Unikey set to the old code).
 */
import { toTcvn3 } from '../../engine/text/legacy';

export interface DemoUnitYear {
  /** ISO submission date per month (index 0 = January), null = not submitted. */
  submitted: (string | null)[];
  /** Per indicator code, 12 months; null = empty cell. */
  values: Record<string, (number | null)[]>;
  /** Per note indicator, 12 months of text. */
  notes: Record<string, (string | null)[]>;
  /** Text typed into number cells, "CODE:month" → text (the value in `values` is null). */
  typed: Record<string, string>;
}

export interface DemoYear {
  year: number;
  description: string;
  units: Record<string, DemoUnitYear>;
}

export const DEMO_SEED = 20181003;

/** The demo's unit codes in units.json order. */
export const DEMO_UNITS = [
  'chung-chai',
  'huoi-lech',
  'leng-su-sin',
  'muong-nhe',
  'muong-toong',
  'nam-ke',
  'nam-vi',
  'pa-my',
  'quang-lam',
  'sen-thuong',
  'sin-thau',
] as const;

/** Relative size of each commune (roughly population), used as default weights. */
const SIZE: Record<string, number> = {
  'chung-chai': 1.3,
  'huoi-lech': 0.8,
  'leng-su-sin': 0.6,
  'muong-nhe': 1.6,
  'muong-toong': 1.2,
  'nam-ke': 1.0,
  'nam-vi': 0.9,
  'pa-my': 1.0,
  'quang-lam': 1.1,
  'sen-thuong': 0.7,
  'sin-thau': 0.6,
};

/**
 * Late: after the deadline (Tuesday 18/09/2018) and no later than the demo's clock (DEMO_NOW,
 * 20/09/2018), since a submission dated after the run is not counted as one.
 */
export const DEMO_LATE = { unit: 'sen-thuong', month: 9, date: '2018-09-19' };
export const DEMO_MISSING = { unit: 'pa-my', month: 9 };
export const DEMO_TYPED: { unit: string; code: string; month: number; text: string }[] = [
  { unit: 'quang-lam', code: 'DTN_QUA', month: 9, text: 'abc' },
  { unit: 'nam-ke', code: 'HND_NGAYCONG_KENH', month: 6, text: '-3' },
  { unit: 'nam-vi', code: 'DTN_GIUPDAN', month: 8, text: '1,000' },
];

/** A note typed with Unikey set to TCVN3 (`tcvn3`): stored as the sheet holds it, read back as meant. */
const NOTES_2018: { unit: string; month: number; text: string; typedIn?: 'tcvn3' }[] = [
  {
    unit: 'chung-chai',
    month: 8,
    text: 'Mưa lũ gây sạt lở đường vào bản Tá Phì Chà; đề nghị huyện sớm hỗ trợ di dời các hộ theo Đề án 79.',
  },
  { unit: 'leng-su-sin', month: 9, text: 'Đề nghị hỗ trợ kinh phí tổ chức Tết Trung thu cho học sinh các điểm bản.' },
  {
    unit: 'muong-nhe',
    month: 9,
    text: 'Một số hộ chưa đồng thuận mức bồi thường thiệt hại khi thi công đường liên bản.',
    typedIn: 'tcvn3',
  },
];

const NOTES_2017: { unit: string; month: number; text: string }[] = [
  { unit: 'nam-ke', month: 7, text: 'Mưa lớn kéo dài, đường liên bản bị ách tắc nhiều ngày.' },
];

// ---------------------------------------------------------------- PRNG

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rand: () => number, weights: number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rand() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

// ---------------------------------------------------------------- building blocks

type Grid = Record<string, Record<string, number[]>>; // unit → code → 12 months

interface Plan {
  year: number;
  months: number[];
  /** Cells that hold no number (not reported or typed text): "unit:month" or "unit:code:month". */
  blocked: Set<string>;
}

function cellOpen(plan: Plan, unit: string, code: string, month: number): boolean {
  return !plan.blocked.has(`${unit}:${month}`) && !plan.blocked.has(`${unit}:${code}:${month}`);
}

type Weigher = (unit: string, month: number) => number;

const bySize: Weigher = (u) => SIZE[u];

/** The open cells of an indicator with their weights (by size when the weigher leaves none). */
function cells(plan: Plan, code: string, weigh: Weigher): { unit: string; month: number; w: number }[] {
  const out: { unit: string; month: number; w: number }[] = [];
  for (const unit of DEMO_UNITS)
    for (const month of plan.months) {
      const w = weigh(unit, month);
      if (w > 0 && cellOpen(plan, unit, code, month)) out.push({ unit, month, w });
    }
  return out.length || weigh === bySize ? out : cells(plan, code, bySize);
}

/** Distribute `total` units of a flow indicator over the open cells, one at a time. */
function spread(rand: () => number, grid: Grid, plan: Plan, code: string, total: number, weigh: Weigher = bySize) {
  const open = cells(plan, code, weigh);
  const weights = open.map((c) => c.w);
  for (let i = 0; i < total; i++) {
    const c = open[pick(rand, weights)];
    grid[c.unit][code][c.month - 1]++;
  }
}

/** Split a district total over units by weight (each unit gets ≥ `min`). */
function splitOverUnits(rand: () => number, total: number, weigh: (unit: string) => number, min = 0) {
  const out: Record<string, number> = {};
  for (const u of DEMO_UNITS) out[u] = min;
  const weights = DEMO_UNITS.map(weigh);
  for (let i = 0; i < total - min * DEMO_UNITS.length; i++) out[DEMO_UNITS[pick(rand, weights)]]++;
  return out;
}

const inMonths =
  (months: number[], boost = 1, base = 0.15): Weigher =>
  (u, m) =>
    SIZE[u] * (months.includes(m) ? boost : base);

// ---------------------------------------------------------------- one year

interface Targets {
  year: number;
  firstMonth?: number;
  lastMonth: number;
  /** Flow totals for January … lastMonth. */
  flows: Record<string, number>;
  /** Stock values at lastMonth (district). */
  registered: number;
  recognised: number;
  petitions: number;
  evaluated: number;
  houses: number[];
}

function submissionDay(rand: () => number, year: number, month: number): string {
  // The first or second working day from the 15th: always before the deadline.
  const skip = rand() < 0.6 ? 0 : 1;
  let day = 15;
  let seen = 0;
  for (;;) {
    const wd = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    if (wd !== 0 && wd !== 6) {
      if (seen === skip) break;
      seen++;
    }
    day++;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function generateYear(rand: () => number, codes: string[], noteCodes: string[], t: Targets): DemoYear {
  const first = t.firstMonth ?? 1;
  const months = Array.from({ length: t.lastMonth - first + 1 }, (_, i) => i + first);
  const blocked = new Set<string>();
  if (t.year === 2018) {
    blocked.add(`${DEMO_MISSING.unit}:${DEMO_MISSING.month}`);
    for (const d of DEMO_TYPED) blocked.add(`${d.unit}:${d.code}:${d.month}`);
  }
  const plan: Plan = { year: t.year, months, blocked };
  const grid: Grid = {};
  for (const u of DEMO_UNITS) {
    grid[u] = {};
    for (const c of codes) grid[u][c] = Array(12).fill(0);
  }

  // Flows with a story.
  const f = t.flows;
  spread(rand, grid, plan, 'DVK_DANGKY', f.DVK_DANGKY, inMonths([1, 2, 3], 4));
  spread(rand, grid, plan, 'HND_NGAYCONG_DUONG', f.HND_NGAYCONG_DUONG, inMonths([1, 2, 3, 4, 11, 12], 3));
  spread(rand, grid, plan, 'HND_NGAYCONG_KENH', f.HND_NGAYCONG_KENH, inMonths([2, 3, 4, 5], 3));
  spread(rand, grid, plan, 'DTN_KETNAP_DANG', f.DTN_KETNAP_DANG, inMonths([2, 3, 5, 9, 12], 2, 0.6));
  spread(rand, grid, plan, 'DTN_GIUPDAN', f.DTN_GIUPDAN, (u, m) =>
    u === 'chung-chai' && (m === 7 || m === 8) ? 40 : [6, 7, 8, 9].includes(m) ? SIZE[u] * 0.4 : 0,
  );
  spread(rand, grid, plan, 'DTN_HO_NGAPLUT', f.DTN_HO_NGAPLUT, (u, m) =>
    [7, 8].includes(m) ? (u === 'chung-chai' ? 6 : u === 'muong-nhe' ? 2 : 0.3) : 0,
  );
  spread(rand, grid, plan, 'DTN_QUA', f.DTN_QUA, (u, m) =>
    [6, 9].includes(m) ? (u === 'leng-su-sin' ? 12 : 0.5) : m === 1 || m === 2 ? 0.2 : 0,
  );
  spread(rand, grid, plan, 'DTN_MITOM', f.DTN_MITOM, inMonths([7, 8], 1, 0));
  spread(rand, grid, plan, 'DTN_SUATCOM', f.DTN_SUATCOM, (u) => (u === 'muong-nhe' ? 8 : SIZE[u] * 0.3));
  spread(rand, grid, plan, 'DTN_CHAO', f.DTN_CHAO, (u) => (u === 'muong-nhe' ? 8 : SIZE[u] * 0.3));
  spread(rand, grid, plan, 'LDLD_QUA_HS', f.LDLD_QUA_HS, inMonths([1, 2], 1, 0.02));

  // "Mái ấm công đoàn": a few houses, each with its value (million đồng, decimals allowed).
  const houseCells = cells(plan, 'LDLD_MAIAM', (u, m) => (m >= 4 ? SIZE[u] : 0));
  for (const value of t.houses) {
    const c =
      houseCells[
        pick(
          rand,
          houseCells.map((x) => x.w),
        )
      ];
    grid[c.unit].LDLD_MAIAM[c.month - 1]++;
    grid[c.unit].LDLD_MAIAM_GIATRI[c.month - 1] += value;
  }

  // Citizens received: people ≥ visits in every cell.
  spread(rand, grid, plan, 'TCD_LUOT', f.TCD_LUOT);
  spread(rand, grid, plan, 'TCD_DOAN', f.TCD_DOAN, (u, m) => (grid[u].TCD_LUOT[m - 1] > 0 ? 1 : 0));
  for (const u of DEMO_UNITS)
    for (const m of months) {
      const v = grid[u].TCD_LUOT[m - 1];
      let people = v;
      for (let i = 0; i < v; i++) if (rand() < 0.45) people += 1 + Math.floor(rand() * 2);
      grid[u].TCD_NGUOI[m - 1] = people;
    }

  // Petitions: each one has a type, a field and a state, so every sum rule holds per cell.
  const petitionCells = cells(plan, 'DON_TONG', bySize);
  const types = ['DON_KIENNGHI', 'DON_KHIEUNAI', 'DON_TOCAO'];
  const fields = ['DON_DATDAI', 'DON_DEAN79', 'DON_BOITHUONG', 'DON_KHAC'];
  for (let i = 0; i < t.petitions; i++) {
    const c =
      petitionCells[
        pick(
          rand,
          petitionCells.map((x) => x.w),
        )
      ];
    const g = grid[c.unit];
    const k = c.month - 1;
    g.DON_TONG[k]++;
    g[types[pick(rand, [76, 16, 8])]][k]++;
    g[fields[pick(rand, [44, 24, 20, 12])]][k]++;
    if (rand() < 0.8) g.DON_THAMQUYEN[k]++;
    const r = rand();
    if (r < 0.7) g.DON_DAGIAIQUYET[k]++;
    else if (r < 0.95) g.DON_DANGGIAIQUYET[k]++;
  }

  // "Dân vận khéo" models evaluated, each in one field.
  const modelCells = cells(plan, 'DVK_DANHGIA', inMonths([6, 7, 8, 9, 12], 1, 0));
  const modelFields = ['DVK_KINHTE', 'DVK_VHXH', 'DVK_QPAN', 'DVK_HTCT'];
  for (let i = 0; i < t.evaluated; i++) {
    const c =
      modelCells[
        pick(
          rand,
          modelCells.map((x) => x.w),
        )
      ];
    grid[c.unit].DVK_DANHGIA[c.month - 1]++;
    grid[c.unit][modelFields[pick(rand, [3, 2, 1, 2])]][c.month - 1]++;
  }

  // Stocks (cumulative within the year): recognised ≤ registered in every month.
  const registered = splitOverUnits(rand, t.registered, (u) => SIZE[u], 8);
  const recognisedShare = splitOverUnits(rand, t.recognised, (u) => SIZE[u] * registered[u]);
  for (const u of DEMO_UNITS) recognisedShare[u] = Math.min(recognisedShare[u], registered[u]);
  // Fix rounding so the district totals are exact.
  let diff = t.recognised - DEMO_UNITS.reduce((a, u) => a + recognisedShare[u], 0);
  for (const u of DEMO_UNITS) {
    while (diff > 0 && recognisedShare[u] < registered[u]) {
      recognisedShare[u]++;
      diff--;
    }
  }
  const growth = (m: number) => Math.min(1, 0.25 + (0.75 * (m - 1)) / Math.max(1, t.lastMonth - 1));
  // (January of the year starts at a quarter of the final value.)
  for (const u of DEMO_UNITS) {
    for (const m of months) {
      // A unit whose last month is blocked keeps its final value one month earlier.
      const lastOpen = Math.max(...months.filter((x) => !blocked.has(`${u}:${x}`)));
      const g = m >= lastOpen ? 1 : growth(m);
      grid[u].HND_SXKDG_DANGKY[m - 1] = Math.floor(registered[u] * g);
      grid[u].HND_SXKDG_CONGNHAN[m - 1] = Math.floor(recognisedShare[u] * g);
    }
  }

  // Assemble: months after lastMonth and blocked cells are empty.
  const units: Record<string, DemoUnitYear> = {};
  for (const u of DEMO_UNITS) {
    const values: Record<string, (number | null)[]> = {};
    for (const c of codes) {
      values[c] = grid[u][c].map((v, k) => {
        const m = k + 1;
        if (m < first || m > t.lastMonth || !cellOpen(plan, u, c, m)) return null;
        return Math.round(v * 10) / 10;
      });
    }
    const notes: Record<string, (string | null)[]> = {};
    for (const c of noteCodes) notes[c] = Array(12).fill(null);
    for (const n of t.year === 2018 ? NOTES_2018 : NOTES_2017) {
      if (n.unit === u && noteCodes.length)
        notes[noteCodes[0]][n.month - 1] = 'typedIn' in n && n.typedIn === 'tcvn3' ? toTcvn3(n.text) : n.text;
    }
    const submitted: (string | null)[] = Array(12).fill(null);
    for (const m of months) if (!blocked.has(`${u}:${m}`)) submitted[m - 1] = submissionDay(rand, t.year, m);
    const typed: Record<string, string> = {};
    if (t.year === 2018) {
      if (u === DEMO_LATE.unit) submitted[DEMO_LATE.month - 1] = DEMO_LATE.date;
      for (const d of DEMO_TYPED) if (d.unit === u) typed[`${d.code}:${d.month}`] = d.text;
    }
    units[u] = { submitted, values, notes, typed };
  }
  return {
    year: t.year,
    description:
      t.year === 2018
        ? 'Số liệu mẫu (không có thật) 11 xã huyện Mường Nhé, tháng 1–9/2018; tổng toàn huyện khớp bài báo Điện Biên Phủ ngày 03/10/2018.'
        : 'Số liệu mẫu (không có thật) 11 xã huyện Mường Nhé, năm 2017, để so sánh cùng kỳ.',
    units,
  };
}

const FLOWS_2018: Record<string, number> = {
  DVK_DANGKY: 19,
  HND_NGAYCONG_DUONG: 92,
  HND_NGAYCONG_KENH: 52,
  DTN_KETNAP_DANG: 196,
  DTN_GIUPDAN: 1000,
  DTN_HO_NGAPLUT: 30,
  DTN_QUA: 750,
  DTN_MITOM: 100,
  DTN_SUATCOM: 538,
  DTN_CHAO: 530,
  LDLD_QUA_HS: 555,
  TCD_LUOT: 27,
  TCD_DOAN: 1,
};

const FLOWS_2017: Record<string, number> = {
  DVK_DANGKY: 21,
  HND_NGAYCONG_DUONG: 131,
  HND_NGAYCONG_KENH: 47,
  DTN_KETNAP_DANG: 203,
  DTN_GIUPDAN: 310,
  DTN_HO_NGAPLUT: 12,
  DTN_QUA: 610,
  DTN_MITOM: 40,
  DTN_SUATCOM: 604,
  DTN_CHAO: 412,
  LDLD_QUA_HS: 498,
  TCD_LUOT: 31,
  TCD_DOAN: 1,
};

/** Generate both demo years. `codes`: numeric indicator codes; `noteCodes`: note indicators. */
export function generateDemoData(codes: string[], noteCodes: string[], seed = DEMO_SEED): DemoYear[] {
  const rand = prng(seed);
  // 2017: January–September first (29 petitions, the "same period"), then October–December on top.
  const y2017a = generateYear(rand, codes, noteCodes, {
    year: 2017,
    lastMonth: 9,
    flows: FLOWS_2017,
    registered: 231,
    recognised: 98,
    petitions: 29,
    evaluated: 6,
    houses: [30, 25],
  });
  const y2017b = generateYear(rand, codes, noteCodes, {
    year: 2017,
    firstMonth: 10,
    lastMonth: 12,
    flows: Object.fromEntries(Object.entries(FLOWS_2017).map(([k, v]) => [k, Math.round(v / 3)])),
    registered: 240,
    recognised: 104,
    petitions: 9,
    evaluated: 2,
    houses: [30],
  });
  // Months 10–12 of 2017 come from the second draw; stocks never fall after September.
  for (const u of DEMO_UNITS) {
    const a = y2017a.units[u];
    const b = y2017b.units[u];
    for (const code of Object.keys(a.values)) {
      const stock = code === 'HND_SXKDG_DANGKY' || code === 'HND_SXKDG_CONGNHAN';
      for (let k = 9; k < 12; k++) {
        const v = b.values[code][k];
        a.values[code][k] = stock ? Math.max(v ?? 0, a.values[code][8] ?? 0) : v;
      }
    }
    for (let k = 9; k < 12; k++) a.submitted[k] = b.submitted[k];
  }
  // Registered must stay ≥ recognised after the max() above.
  for (const u of DEMO_UNITS) {
    const v = y2017a.units[u].values;
    for (let k = 0; k < 12; k++) {
      const reg = v.HND_SXKDG_DANGKY[k] ?? 0;
      if ((v.HND_SXKDG_CONGNHAN[k] ?? 0) > reg) v.HND_SXKDG_CONGNHAN[k] = reg;
    }
  }
  const y2018 = generateYear(rand, codes, noteCodes, {
    year: 2018,
    lastMonth: 9,
    flows: FLOWS_2018,
    registered: 264,
    recognised: 115,
    petitions: 50,
    evaluated: 8,
    houses: [30, 31.5, 28.5],
  });
  return [y2017a, y2018];
}

/** JSON with arrays of numbers/strings on one line: compact but still readable in a diff. */
export function stringifyCompact(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
    const inner = value.map((v) => `${indent}  ${stringifyCompact(v, `${indent}  `)}`);
    return `[\n${inner.join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const inner = entries.map(([k, v]) => `${indent}  ${JSON.stringify(k)}: ${stringifyCompact(v, `${indent}  `)}`);
    return `{\n${inner.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
