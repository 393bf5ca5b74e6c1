/** Hand-built UnitYear fixtures for the aggregate, completeness and narrative tests. Tests only. */
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import type { Catalogue, Finding, Indicator, Period, Summary, Unit, UnitYear } from '../types';
import { aggregate } from './aggregate';

/** Months given sparsely: { 9: 12, 8: 3 } → 12 entries with nulls elsewhere. */
export type Sparse<T> = Record<number, T | null>;

export function months<T>(sparse: Sparse<T>): (T | null)[] {
  return Array.from({ length: 12 }, (_, i) => (sparse[i + 1] === undefined ? null : (sparse[i + 1] as T | null)));
}

export interface UnitYearSpec {
  name?: string;
  values?: Record<string, Sparse<number>>;
  notes?: Record<string, Sparse<string>>;
  submitted?: Sparse<string>;
  invalid?: string[];
  file?: string;
  sheet?: string;
}

export function unitYear(unitCode: string, year: number, spec: UnitYearSpec = {}): UnitYear {
  const values: Record<string, (number | null)[]> = {};
  for (const [code, sparse] of Object.entries(spec.values ?? {})) values[code] = months(sparse);
  const notes: Record<string, (string | null)[]> = {};
  for (const [code, sparse] of Object.entries(spec.notes ?? {})) notes[code] = months(sparse);
  return {
    unitCode,
    unitName: spec.name ?? unitCode,
    year,
    file: spec.file ?? `${unitCode}.xlsx`,
    sheet: spec.sheet ?? `${unitCode} ${year}`,
    values,
    notes,
    submitted: months(spec.submitted ?? {}),
    cells: {},
    submittedCells: [],
    invalid: spec.invalid ?? [],
  };
}

export function unit(code: string, name: string, extra: Partial<Unit> = {}): Unit {
  return { code, name, kind: 'xã', emails: [], ...extra };
}

/** Deterministic shuffle (LCG) so order-independence tests are reproducible. */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Mường Nhé, September 2018 (figures in the spirit of the 2018 article):
 * on time: Chung Chải, Mường Nhé, Leng Su Sìn, Mường Toong, Quảng Lâm, Sen Thượng, Sín Thầu;
 * late: Huổi Lếch (20/09), Nậm Kè (data, no date); missing: Nậm Vì, Pá Mỳ.
 */
export function current2018() {
  return [
    unitYear('chung-chai', 2018, {
      name: 'Chung Chải',
      values: {
        DON_TONG: { 1: 10, 5: 7, 9: 5, 10: 7 },
        TCD_LUOT: { 9: 27 },
        HND_SXKDG_CONGNHAN: { 6: 50, 8: 60 },
        HND_NGAYCONG_DUONG: { 4: 40 },
        LDLD_MAIAM: { 9: 1 },
        LDLD_MAIAM_GIATRI: { 9: 0.1 },
      },
      notes: { GHI_CHU: { 9: 'Đường vào bản bị sạt lở.' } },
      submitted: { 9: '2018-09-16' },
      invalid: ['DTN_QUA:9'],
    }),
    unitYear('muong-nhe', 2018, {
      name: 'Mường Nhé',
      values: {
        DON_TONG: { 3: 20, 9: 5 },
        HND_SXKDG_CONGNHAN: { 9: 55 },
        HND_NGAYCONG_DUONG: { 2: 40, 9: 12 },
        LDLD_MAIAM_GIATRI: { 9: 0.2 },
      },
      notes: { GHI_CHU: { 8: 'Ý kiến tháng 8, không thuộc kỳ này' } },
      submitted: { 9: '2018-09-16' },
    }),
    unitYear('huoi-lech', 2018, {
      name: 'Huổi Lếch',
      values: { DTN_GIUPDAN: { 9: 1000 } },
      submitted: { 9: '2018-09-20' },
      invalid: ['DON_TONG:9', 'TCD_LUOT:8', 'NGAY_NOP:9', 'UNKNOWN:9'],
    }),
    unitYear('nam-ke', 2018, {
      name: 'Nậm Kè',
      values: { DTN_MITOM: { 9: 0 } },
      notes: { GHI_CHU: { 9: '  Thiếu   giáo viên  ' } },
    }),
    ...['leng-su-sin', 'muong-toong', 'quang-lam', 'sen-thuong', 'sin-thau'].map((c) =>
      unitYear(c, 2018, { submitted: { 9: '2018-09-17' } }),
    ),
    // Nậm Vì only reported August.
    unitYear('nam-vi', 2018, { values: { DON_TONG: { 8: 3 } }, submitted: { 8: '2018-08-16' } }),
  ];
}

export function previous2017() {
  return [
    unitYear('chung-chai', 2017, {
      values: { DON_TONG: { 2: 5, 9: 4 }, HND_SXKDG_CONGNHAN: { 9: 40 }, LDLD_MAIAM_GIATRI: { 9: 0.3 } },
    }),
    unitYear('muong-nhe', 2017, {
      values: {
        DON_TONG: { 4: 20, 10: 100 },
        TCD_LUOT: { 9: 27 },
        HND_SXKDG_CONGNHAN: { 9: 54 },
        HND_NGAYCONG_DUONG: { 3: 88, 9: 12 },
      },
    }),
    // a sheet of 2016 among last year's reports is ignored
    unitYear('muong-nhe', 2016, { values: { DON_TONG: { 9: 1000 } } }),
  ];
}

/** An indicator a province may add to the catalogue mid-year: the hotline's petitions (group TCD). */
export const HOTLINE: Indicator = {
  code: 'DON_DUONGDAYNONG',
  group: 'TCD',
  label: 'Phản ánh qua đường dây nóng',
  unit: 'đơn',
  kind: 'count',
  overMonths: 'sum',
  overUnits: 'sum',
  phrase: 'tiếp nhận {n} phản ánh qua đường dây nóng',
};

/** `catalogue` with `indicator` added after TCD_DOAN (where a sheet made from it has its row). */
export function withIndicator(catalogue: Catalogue, indicator: Indicator): Catalogue {
  const at = catalogue.indicators.findIndex((i) => i.code === 'TCD_DOAN') + 1;
  return {
    ...catalogue,
    indicators: [...catalogue.indicators.slice(0, at), indicator, ...catalogue.indicators.slice(at)],
  };
}

/** Citizens received by `code` in `months` of `year` (2 each), each month dated on time: the months a unit sent. */
export function sentMonths(code: string, sent: number[], year = 2018): UnitYear {
  return unitYear(code, year, {
    values: { TCD_LUOT: Object.fromEntries(sent.map((m) => [m, 2])) },
    submitted: Object.fromEntries(sent.map((m) => [m, `${year}-${String(m).padStart(2, '0')}-15`])),
  });
}

/**
 * The summary of `period` made on 20 October 2018 with the default catalogue, `sent` the months
 * each unit (code; its name the code in capitals) sent of 2018 (sentMonths).
 */
export function summaryOfSent(
  period: Period,
  sent: Record<string, number[]>,
  more: { previous?: UnitYear[]; findings?: Finding[] } = {},
): Summary {
  const codes = Object.keys(sent);
  return aggregate({
    catalogue: defaultCatalogue(),
    units: codes.map((c) => unit(c, c.toUpperCase())),
    settings: defaultSettings(),
    period,
    current: codes.map((c) => sentMonths(c, sent[c])),
    previous: more.previous ?? [],
    findings: more.findings ?? [],
    generatedAt: '2018-10-20T03:00:00Z',
  });
}
