/**
 * Synthetic inputs for the benchmarks, deterministic (seeded): units with Vietnamese
 * names, figures that satisfy the default catalogue's rules, and the commune sheet of
 * each unit and year exactly as buildUnitSheet lays it out, turned into the grid that
 * Range.getValues() (or the .xlsx reader) hands the engine.
 */
import { buildUnitSheet, type UnitSheetData } from '../src/engine/sheet/layout';
import type { CellModel, SheetModel } from '../src/engine/report/model';
import type { Catalogue, CellValue, Grid, SheetInput, Unit } from '../src/engine/types';
import { rng } from './lib';

const FIRST = [
  'Mường', 'Nậm', 'Huổi', 'Sín', 'Pá', 'Chung', 'Leng', 'Quảng', 'Sen', 'Thanh', 'Tân', 'Hòa', 'Bình',
  'Phú', 'Yên', 'Đông', 'Tây', 'Nam', 'Bắc', 'Hưng', 'Long', 'Vĩnh', 'Xuân', 'Hải', 'Sơn', 'Thủy',
  'Kim', 'Ngọc', 'An', 'Đức', 'Minh', 'Quang', 'Trung', 'Hợp', 'Thịnh', 'Lộc', 'Phước', 'Cẩm', 'Ea',
  'Đắk', 'Krông', 'Ia', 'Tà', 'Khe', 'Bản', 'Na', 'Chiềng', 'Mai', 'Lũng', 'Cao', 'Thượng', 'Hạ',
  'Lạc', 'Tiên', 'Gia', 'Cát', 'Vạn', 'Ðại', 'Trường', 'Thuận',
];
const SECOND = [
  'Nhé', 'Toong', 'Kè', 'Thầu', 'Lâm', 'Chải', 'Thượng', 'Mỳ', 'Vì', 'Lếch', 'Bình', 'An', 'Phú',
  'Lợi', 'Thành', 'Hòa', 'Hưng', 'Tiến', 'Phong', 'Sơn', 'Hà', 'Giang', 'Lộc', 'Mỹ', 'Khánh', 'Điền',
  'Tân', 'Đông', 'Tây', 'Trung', 'Nguyên', 'Thắng', 'Quý', 'Xương', 'Dương', 'Hải', 'Hiệp', 'Lạc',
  'Long', 'Minh', 'Ninh', 'Phước', 'Quang', 'Thái', 'Thịnh', 'Tường', 'Vinh', 'Xuân', 'Yên', 'Ðức',
  'Cường', 'Đạt', 'Hảo', 'Kiên', 'Luông', 'Mường', 'Nghĩa', 'Oai', 'Pheo', 'Rạng',
];

/** `n` units with distinct Vietnamese names ("Mường Nhé", "Nậm Toong"…), codes "xa-0001"… */
export function syntheticUnits(n: number, seed = 1): Unit[] {
  const r = rng(seed);
  const names = new Set<string>();
  const units: Unit[] = [];
  let attempt = 0;
  while (units.length < n) {
    attempt++;
    let name = `${FIRST[Math.floor(r() * FIRST.length)]} ${SECOND[Math.floor(r() * SECOND.length)]}`;
    if (names.has(name)) name = `${name} ${Math.floor(attempt / 1000) + 1}`;
    if (names.has(name)) continue;
    names.add(name);
    const i = units.length + 1;
    units.push({
      code: `xa-${String(i).padStart(4, '0')}`,
      name,
      kind: i % 9 === 0 ? 'phường' : 'xã',
      emails: [`xa${i}@example.vn`],
    });
  }
  return units;
}

/** Split `total` into `parts` non-negative whole numbers. */
function split(total: number, parts: number, r: () => number): number[] {
  const out = new Array<number>(parts).fill(0);
  let left = total;
  for (let i = 0; i < parts - 1; i++) {
    const v = Math.floor(r() * (left + 1));
    out[i] = v;
    left -= v;
  }
  out[parts - 1] = left;
  return out;
}

/**
 * Twelve months of figures for one unit and year, every month filled, consistent with
 * the default catalogue's rules (parts sum to totals, resolved ≤ received, …, each at most its
 * indicator's maximum). Other
 * catalogues get random whole numbers (amounts with one decimal).
 */
export function unitYearValues(catalogue: Catalogue, seed: number, months = 12): UnitSheetData {
  const r = rng(seed);
  const values: Record<string, (number | null)[]> = {};
  const notes: Record<string, (string | null)[]> = {};
  const codes = new Set(catalogue.indicators.map((i) => i.code));
  for (const ind of catalogue.indicators) {
    if (ind.kind === 'note') notes[ind.code] = new Array(12).fill(null);
    else values[ind.code] = new Array(12).fill(null);
  }
  const set = (code: string, m: number, v: number) => {
    if (codes.has(code)) values[code][m] = v;
  };
  const submitted: (string | null)[] = new Array(12).fill(null);
  for (let m = 0; m < months; m++) {
    for (const ind of catalogue.indicators) {
      if (ind.kind === 'note') notes[ind.code][m] = r() < 0.1 ? `Ghi chú tháng ${m + 1}: tổ chức ${Math.floor(r() * 9) + 1} buổi tuyên truyền` : null;
      else if (ind.kind === 'amount') values[ind.code][m] = Math.round(r() * 1000) / 10;
      // Within the indicator's plausible maximum (catalogue `max`), as a real commune's figures.
      else values[ind.code][m] = Math.floor(r() * Math.min(40, (ind.max ?? 39) + 1));
    }
    // Petitions: by type and by field sum to the total; resolved + in progress ≤ total.
    const total = Math.floor(r() * 30);
    set('DON_TONG', m, total);
    const [kn, tc, kng] = split(total, 3, r);
    set('DON_KHIEUNAI', m, kn);
    set('DON_TOCAO', m, tc);
    set('DON_KIENNGHI', m, kng);
    const [dd, da, bt, kh] = split(total, 4, r);
    set('DON_DATDAI', m, dd);
    set('DON_DEAN79', m, da);
    set('DON_BOITHUONG', m, bt);
    set('DON_KHAC', m, kh);
    const [done, doing] = split(total, 3, r);
    set('DON_DAGIAIQUYET', m, done);
    set('DON_DANGGIAIQUYET', m, doing);
    set('DON_THAMQUYEN', m, Math.floor(r() * (total + 1)));
    // Households: recognised ≤ registered (stocks).
    const reg = 50 + Math.floor(r() * 200);
    set('HND_SXKDG_DANGKY', m, reg);
    set('HND_SXKDG_CONGNHAN', m, Math.floor(r() * (reg + 1)));
    // "Dân vận khéo" models by field sum to the models evaluated.
    const evaluated = Math.floor(r() * 12);
    set('DVK_DANHGIA', m, evaluated);
    const [kt, vh, qp, ht] = split(evaluated, 4, r);
    set('DVK_KINHTE', m, kt);
    set('DVK_VHXH', m, vh);
    set('DVK_QPAN', m, qp);
    set('DVK_HTCT', m, ht);
    // Citizens received ≥ visits.
    const visits = Math.floor(r() * 30);
    set('TCD_LUOT', m, visits);
    set('TCD_NGUOI', m, visits + Math.floor(r() * 10));
    submitted[m] = null;
  }
  return { values, notes, submitted };
}

/** Submission dates: the 16th of each month (on time), about one in twenty on the 25th (late). */
export function submissionDates(year: number, seed: number, months = 12): (string | null)[] {
  const r = rng(seed ^ 0x5bd1e995);
  return Array.from({ length: 12 }, (_, i) => {
    if (i >= months) return null;
    const day = r() < 0.05 ? 25 : 16;
    return `${year}-${String(i + 1).padStart(2, '0')}-${day}`;
  });
}

/** Serial day number (1899-12-30 epoch) → Date at local midnight, as getValues returns dates. */
export function serialToLocalDate(serial: number): Date {
  const utc = new Date(Date.UTC(1899, 11, 30) + serial * 86400000);
  return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
}

/** Value a Sheets/Excel formula of the layout shows: the year total (flows summed, stocks the latest). */
function formulaResult(row: (CellModel | null)[], f: string): CellValue {
  const nums = row
    .slice(4, 16)
    .map((c) => c?.v)
    .filter((v): v is number => typeof v === 'number');
  if (nums.length === 0) return '';
  if (f.startsWith('=IF(COUNT')) return Number(nums.reduce((a, b) => a + b, 0).toPrecision(15));
  return nums[nums.length - 1];
}

/** A SheetModel as Range.getValues() would return it: '' for empty, Dates for date cells, formula results. */
export function modelToGrid(model: SheetModel): Grid {
  const width = Math.max(...model.rows.map((r) => r.length));
  return model.rows.map((row) => {
    const out = new Array<CellValue>(width).fill('');
    row.forEach((cell, c) => {
      if (!cell) return;
      if (cell.f) out[c] = formulaResult(row, cell.f);
      else if (cell.v === null) out[c] = '';
      else if (cell.s === 'date' && typeof cell.v === 'number') out[c] = serialToLocalDate(cell.v);
      else out[c] = cell.v;
    });
    return out;
  });
}

export function mergesA1(model: SheetModel): string[] {
  const col = (n: number) => String.fromCharCode(64 + n);
  return model.merges.map((m) => `${col(m.col)}${m.row}:${col(m.col + m.cols - 1)}${m.row + m.rows - 1}`);
}

/** The filled data of one unit and year (values + submission dates). */
export function unitData(catalogue: Catalogue, unitIndex: number, year: number, months = 12): UnitSheetData {
  const seed = unitIndex * 7919 + year;
  return { ...unitYearValues(catalogue, seed, months), submitted: submissionDates(year, seed, months) };
}

/** The sheet model and engine input of one unit's filled report for a year. */
export function unitSheet(
  catalogue: Catalogue,
  unit: Unit,
  unitIndex: number,
  year: number,
  months = 12,
): { model: SheetModel; input: SheetInput; data: UnitSheetData } {
  const data = unitData(catalogue, unitIndex, year, months);
  const model = buildUnitSheet(unit, year, catalogue, data);
  const input = { name: model.name, grid: modelToGrid(model), merges: mergesA1(model) };
  return { model, data, input: decodedAsReceived(input) };
}

/**
 * The input as a shell hands it over: decoded from the text of an API answer (the add-on parses
 * the Sheets API's JSON; the CLI's .xlsx reader parses XML), so every text is a flat string of its
 * own and every row an array of one kind. Built here by template literals and shared constants, texts
 * would be joined pieces (flattened on first read) and rows a mix of array kinds: neither happens
 * to a real input. Dates stay Date objects, as getValues() and the add-on's reader return them.
 */
export function decodedAsReceived(input: SheetInput): SheetInput {
  const grid = JSON.parse(JSON.stringify(input.grid)) as Grid;
  input.grid?.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v instanceof Date) grid[r][c] = v;
    }),
  );
  const { name, merges } = JSON.parse(JSON.stringify({ name: input.name, merges: input.merges ?? [] }));
  return { name, grid, merges };
}
