/**
 * The 2025 reform: the new Mường Toong (from 01/07/2025, of the old Mường Toong and Huổi Lếch)
 * typed part of June's figures into its own sheet (5, where the old communes reported 10 + 10).
 * With the old communes' own 2025 workbooks, Tổng hợp then takes the 5 for the area's June: `check`
 * must say so, naming the sheet and the cells; aggregate keeps its own warning per old commune only.
 * Without the old Mường Toong's workbook, Tổng hợp counts the new sheet's months as the old Mường
 * Toong's (namesakeGoingOn), and check says that only. A renamed commune (Mường Phăng Mới, of Mường
 * Phăng alone) typing the whole year in its new template is warned of only where the old commune's
 * workbook has the same months too, in renaming words.
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

const renamedDir = path.join(dir, 'doi-ten');
const renamedBoth = path.join(dir, 'doi-ten-ca-hai');
const renamedUnits = path.join(dir, 'units.json');
const renamedJson = {
  units: [
    ...units2025Json.units,
    {
      code: 'muong-phang-moi',
      name: 'Mường Phăng Mới',
      kind: 'xã',
      emails: [],
      succession: { from: '2025-07-01', predecessors: ['muong-phang'] },
    },
  ],
  formerUnits: [...units2025Json.formerUnits, { code: 'muong-phang', name: 'Mường Phăng', kind: 'xã' }],
};

const parsed = parseUnitsFile(renamedJson, 'units.json');
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const { units, formerUnits } = parsed.value;
const newToong = units.find((u) => u.code === 'muong-toong-2025') as Unit;
const phangMoi = units.find((u) => u.code === 'muong-phang-moi') as Unit;
const former = (code: string) => formerUnits.find((u) => u.code === code) as Unit;
const nineMonths = { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1 };

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
  fs.writeFileSync(renamedUnits, JSON.stringify(renamedJson));
  await workbook(renamedDir, phangMoi, nineMonths);
  await workbook(renamedBoth, phangMoi, nineMonths);
  await workbook(renamedBoth, former('muong-phang'), { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1 });
  await workbook(own, newToong, { 5: 4, 6: 5, 7: 30 });
  await workbook(all, newToong, { 5: 4, 6: 5, 7: 30 });
  await workbook(all, former('muong-toong'), { 1: 10, 2: 10, 3: 10, 4: 10, 5: 10, 6: 10 });
  await workbook(all, former('huoi-lech'), { 1: 10, 2: 10, 3: 10, 4: 10, 5: 10, 6: 10 });
}, 120_000);

const env = { env: { TONGHOP_NOW: NOW } };

/** The renamed commune's cases are run in October, after its September report. */
const october = { env: { TONGHOP_NOW: '2025-10-05T02:00:00.000Z' } };
const check = async (units: string, folder: string, at = env) => {
  const r = await runCli(['check', '--units', units, '--json', folder], at);
  return (JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((f) => f.code === 'successor-before-merger');
};
const aggregate = async (units: string, folder: string, period = '2025-07', at = env) => {
  const r = await runCli(
    ['aggregate', '--period', period, '--units', units, '--out', path.join(dir, 'th.xlsx'), '--json', folder],
    at,
  );
  return JSON.parse(r.stdout) as Summary;
};
const ytd = (s: Summary) => s.indicators.find((i) => i.code === 'TCD_LUOT')?.ytd;

test('check on a new commune’s workbook with figures before the merger warns, naming the sheet and the cells', async () => {
  const r = await runCli(['check', '--units', UNITS_2025, '--json', all], env);
  const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
  const early = findings.filter((f) => f.code === 'successor-before-merger');
  expect(early).toHaveLength(1);
  expect(early[0].message).not.toContain('dùng tiếp');
  const [f] = early;
  expect(f).toMatchObject({ severity: 'warning', unitCode: 'muong-toong-2025', sheet: 'Mường Toong 2025' });
  // May and June of one row: one range from the first cell (May's) along that row.
  const row = (f.cell as string).replace(/^[A-Z]+/, '');
  expect(f.message).toMatch(new RegExp(`^Xã Mường Toong, trang "Mường Toong 2025", ô ${f.cell}:[A-Z]+${row}: `));
  expect(f.message).toContain('xã mới từ 01/07/2025 nhưng có số liệu tháng 5, 6 năm 2025');
  expect(f.message).toContain('số liệu tháng 1–6 do các xã cũ (Mường Toong, Huổi Lếch) báo cáo ở mẫu của mình');
  expect(f.message).toContain('nếu đây không phải số liệu của cả địa bàn, hãy xóa');

  const text = await runCli(['check', '--units', UNITS_2025, all], env);
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

test('without the old Mường Toong’s workbook, check says only what Tổng hợp does: the months are the old Mường Toong’s', async () => {
  const [f, ...more] = await check(UNITS_2025, own);
  expect(more).toEqual([]);
  expect(f.message).toContain('xã mới từ 01/07/2025 nhưng có số liệu tháng 5, 6 năm 2025');
  expect(f.message).toContain(
    'Vì không có báo cáo riêng năm 2025 của xã Mường Toong cũ, trang này được coi là mẫu của xã Mường Toong cũ ' +
      'dùng tiếp sau sáp nhập: khi tổng hợp, số liệu tháng 1–6 ghi ở đây được tính là số của xã Mường Toong cũ',
  );
  expect(f.message).toContain('xã Huổi Lếch cũ vẫn phải báo cáo tháng 1–6 ở mẫu của mình');
  // Not the opposite advice as well.
  expect(f.message).not.toContain('cả địa bàn');
  expect(f.message).not.toContain('hãy xóa');

  // Tổng hợp on the same folder: May and June counted (as the old Mường Toong's), Huổi Lếch missing.
  const s = await aggregate(UNITS_2025, own);
  expect(ytd(s)).toBe(4 + 5 + 30);
  expect(s.findings.filter((x) => x.code === 'predecessor-overlap')).toEqual([]);
  // Huổi Lếch lacks January–June; the old Mường Toong only January–April (May and June are in the sheet, its).
  const missing = (code: string) =>
    s.findings.find((x) => x.code === 'predecessor-missing' && x.unitCode === code)?.message;
  expect(missing('huoi-lech')).toContain('số liệu tháng 1–6 năm 2025 của xã Mường Toong chưa gồm Huổi Lếch');
  expect(missing('muong-toong')).toContain('số liệu tháng 1–4 năm 2025 của xã Mường Toong chưa gồm Mường Toong cũ');
}, 60_000);

test('a renamed commune typing the whole year in its new template, the old one without a workbook: no warning, 9 months counted', async () => {
  expect(await check(renamedUnits, renamedDir, october)).toEqual([]);
  const s = await aggregate(renamedUnits, renamedDir, '2025-09', october);
  expect(ytd(s)).toBe(9);
  expect(s.findings.filter((x) => x.unitCode === 'muong-phang' || x.unitCode === 'muong-phang-moi')).toEqual([]);
}, 60_000);

test('a renamed commune whose old workbook has January–June too: one warning in renaming words, as Tổng hợp counts it', async () => {
  const [f, ...more] = await check(renamedUnits, renamedBoth, october);
  expect(more).toEqual([]);
  expect(f).toMatchObject({ severity: 'warning', unitCode: 'muong-phang-moi', sheet: 'Mường Phăng Mới 2025' });
  expect(f.message).toContain(
    'số liệu tháng 1–6 năm 2025 (trước khi đổi tên từ xã Mường Phăng, ngày 01/07/2025) cũng có ở báo cáo của ' +
      'xã Mường Phăng cũ (trang "Mường Phăng 2025")',
  );
  expect(f.message).toContain('không cộng thêm số của xã Mường Phăng cũ');
  for (const word of ['xã mới', 'các xã cũ', 'cả địa bàn', 'sáp nhập']) expect(f.message).not.toContain(word);

  // Tổng hợp: the new template's months stand, the old one's are not added; its warning says "ngày đổi tên".
  const s = await aggregate(renamedUnits, renamedBoth, '2025-09', october);
  expect(ytd(s)).toBe(9);
  const overlap = s.findings.filter((x) => x.code === 'predecessor-overlap');
  expect(overlap.map((x) => x.unitCode)).toEqual(['muong-phang']);
  expect(overlap[0].message).toContain('trước khi đổi tên');
  expect(overlap[0].message).toContain('nếu ngày đổi tên (01/07/2025) ghi chưa đúng, hãy sửa ngày đổi tên');
  expect(overlap[0].message).not.toContain('sáp nhập');
}, 60_000);
