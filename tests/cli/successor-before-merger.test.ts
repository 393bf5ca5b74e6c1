/**
 * The 2025 reform: the new Mường Toong (from 01/07/2025, of the old Mường Toong and Huổi Lếch)
 * typed part of June's figures into its own sheet (5, where the old communes reported 10 + 10).
 * Tổng hợp then takes the 5 for the area's June: `check` on the new commune's workbook alone must
 * say so, naming the sheet and the cells; aggregate keeps its own warning per old commune only.
 */
import fs from 'node:fs';
import path from 'node:path';
import units2025Json from '../../sheets-templates/units-2025.json';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { parseUnitsFile } from '../../src/engine/catalogue/schema';
import { buildUnitSheet } from '../../src/engine/sheet/layout';
import { mergerSpan } from '../../src/engine/sheet/merger-span';
import type { Finding, Summary, Unit } from '../../src/engine/types';
import { buildCli, catalogue, ROOT, runCli, tmpDir } from './helpers';

const NOW = '2025-08-20T02:00:00.000Z';
const UNITS_2025 = path.join(ROOT, 'sheets-templates/units-2025.json');
const dir = tmpDir('tonghop-successor-');
const own = path.join(dir, 'xa-moi');
const all = path.join(dir, 'ca-huyen');

const parsed = parseUnitsFile(units2025Json, 'units-2025.json');
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const { units, formerUnits } = parsed.value;
const newToong = units.find((u) => u.code === 'muong-toong-2025') as Unit;

/** `unit`'s 2025 workbook in `folder`: TCD_LUOT per month (1-based), dated the 16th. */
async function workbook(folder: string, unit: Unit, luot: Record<number, number>): Promise<void> {
  const values = Array.from({ length: 12 }, (_, i) => luot[i + 1] ?? null);
  const submitted = values.map((v, i) => (v === null ? null : `2025-${String(i + 1).padStart(2, '0')}-16`));
  const span = mergerSpan(unit, 2025, units, formerUnits, 15);
  const sheet = buildUnitSheet(unit, 2025, catalogue, { values: { TCD_LUOT: values }, submitted, span });
  fs.mkdirSync(folder, { recursive: true });
  await writeXlsx({ sheets: [sheet] }, path.join(folder, `${unit.code}-2025.xlsx`));
}

beforeAll(async () => {
  buildCli();
  const former = (code: string) => formerUnits.find((u) => u.code === code) as Unit;
  await workbook(own, newToong, { 5: 4, 6: 5, 7: 30 });
  await workbook(all, newToong, { 5: 4, 6: 5, 7: 30 });
  await workbook(all, former('muong-toong'), { 1: 10, 2: 10, 3: 10, 4: 10, 5: 10, 6: 10 });
  await workbook(all, former('huoi-lech'), { 1: 10, 2: 10, 3: 10, 4: 10, 5: 10, 6: 10 });
}, 120_000);

const env = { env: { TONGHOP_NOW: NOW } };

test('check on a new commune’s workbook with figures before the merger warns, naming the sheet and the cells', async () => {
  const r = await runCli(['check', '--units', UNITS_2025, '--json', own], env);
  const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
  const early = findings.filter((f) => f.code === 'successor-before-merger');
  expect(early).toHaveLength(1);
  const [f] = early;
  expect(f).toMatchObject({ severity: 'warning', unitCode: 'muong-toong-2025', sheet: 'Mường Toong 2025' });
  // May and June of one row: one range from the first cell (May's) along that row.
  const row = (f.cell as string).replace(/^[A-Z]+/, '');
  expect(f.message).toMatch(new RegExp(`^Xã Mường Toong, trang "Mường Toong 2025", ô ${f.cell}:[A-Z]+${row}: `));
  expect(f.message).toContain('xã mới từ 01/07/2025 nhưng có số liệu tháng 5, 6 năm 2025');
  expect(f.message).toContain('số liệu tháng 1–6 do các xã cũ (Mường Toong, Huổi Lếch) báo cáo ở mẫu của mình');
  expect(f.message).toContain('nếu đây không phải số liệu của cả địa bàn, hãy xóa');

  const text = await runCli(['check', '--units', UNITS_2025, own], env);
  expect(text.stdout).toContain('xã mới từ 01/07/2025 nhưng có số liệu tháng 5, 6 năm 2025');
  expect(text.stdout).not.toContain('0 cảnh báo');
}, 60_000);

test('aggregate keeps its warning per old commune and adds none of check’s; the new sheet’s June stands', async () => {
  const r = await runCli(
    ['aggregate', '--period', '2025-07', '--units', UNITS_2025, '--out', path.join(dir, 'th.xlsx'), '--json', all],
    env,
  );
  const s = JSON.parse(r.stdout) as Summary;
  expect(s.findings.filter((f) => f.code === 'successor-before-merger')).toEqual([]);
  const overlap = s.findings.filter((f) => f.code === 'predecessor-overlap').map((f) => f.unitCode);
  expect(overlap.sort()).toEqual(['huoi-lech', 'muong-toong']);
  // 4 × 20 (Jan–Apr), then the new sheet's 4 and 5, then July's 30.
  expect(s.indicators.find((i) => i.code === 'TCD_LUOT')?.ytd).toBe(80 + 4 + 5 + 30);
}, 60_000);
