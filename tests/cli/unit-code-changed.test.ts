/**
 * The CLI with a commune workbook made before the unit's code was corrected in the units file
 * ("chung-chai" → "chungchai"): its "Mã đơn vị" (C3) holds a code in no list, its names designate
 * Chung Chải alone, so `aggregate` and `check` read it as Chung Chải's with a warning (as the engine
 * does for the add-on); a workbook whose names are also another unit's, or a second workbook of the
 * unit with its right code, keep it out, and the findings say why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { buildUnitSheet } from '../../src/engine/sheet/layout';
import type { Finding, Summary, Unit } from '../../src/engine/types';
import { buildCli, catalogue, runCli, tmpDir, units } from './helpers';

const dir = tmpDir('tonghop-code-changed-');
const UNITS_FILE = path.join(dir, 'units.json');
/** The list after the officer corrected Chung Chải's code. */
const NEW_UNITS: Unit[] = units.map((u) => (u.code === 'chung-chai' ? { ...u, code: 'chungchai' } : u));

/** A commune's 2018 workbook made for `u` (its code in C3), TCD_LUOT `value` in January–September, submitted on the 16th. */
async function commune(folder: string, u: Unit, value = 1, file = `${u.code}-2018.xlsx`, name?: string) {
  const values = Array.from({ length: 12 }, (_, i) => (i < 9 ? value : null));
  const submitted = values.map((v, i) => (v === null ? null : `2018-${String(i + 1).padStart(2, '0')}-16`));
  const sheet = buildUnitSheet(u, 2018, catalogue, { values: { TCD_LUOT: values }, submitted });
  // The "Đơn vị" cell (C2) typed otherwise.
  if (name !== undefined) (sheet.rows[1][2] as { v: unknown }).v = name;
  fs.mkdirSync(folder, { recursive: true });
  await writeXlsx({ sheets: [sheet] }, path.join(folder, file));
}

/** Every old commune's workbook in `folder` (made before the code changed). */
async function communes(folder: string): Promise<void> {
  for (const u of units) await commune(folder, u);
}

const aggregate = (folder: string) =>
  runCli([
    'aggregate',
    '--period',
    '2018-09',
    '--units',
    UNITS_FILE,
    '--out',
    path.join(dir, `${path.basename(folder)}.xlsx`),
    '--json',
    folder,
  ]);

const luot = (s: Summary) => s.indicators.find((i) => i.code === 'TCD_LUOT')?.period;
const codes = (fs: Finding[]) => fs.map((f) => f.code);

beforeAll(async () => {
  buildCli();
  fs.writeFileSync(UNITS_FILE, JSON.stringify({ units: NEW_UNITS }));
  await communes(path.join(dir, 'xa'));
  // Chung Chải's "Đơn vị" cell names Nậm Vì: two units.
  await communes(path.join(dir, 'hai'));
  await commune(path.join(dir, 'hai'), units[0], 1, 'chung-chai-2018.xlsx', 'Xã Nậm Vì');
  // Chung Chải's old workbook and a new one with its right code (5 a month).
  await communes(path.join(dir, 'moi'));
  await commune(path.join(dir, 'moi'), NEW_UNITS[0], 5);
}, 120_000);

test("aggregate: the old-coded workbook is read as Chung Chải's, counted once, with a warning on C3", async () => {
  const r = await aggregate(path.join(dir, 'xa'));
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const s = JSON.parse(r.stdout) as Summary;
  expect(luot(s)).toBe(11);
  expect(s.completeness.reported).toBe(11);
  expect(s.completeness.rows.find((x) => x.unitCode === 'chungchai')?.status).toBe('onTime');
  const warning = s.findings.find((f) => f.code === 'unit-code-outdated');
  expect(warning).toMatchObject({ severity: 'warning', unitCode: 'chungchai', sheet: 'Chung Chải 2018', cell: 'C3' });
  expect(warning?.file).toMatch(/chung-chai-2018\.xlsx$/);
  expect(warning?.message).toContain(
    'Xã Chung Chải, trang "Chung Chải 2018", ô C3: mã đơn vị "chung-chai" không có trong danh sách đơn vị ' +
      '(mã của Xã Chung Chải là "chungchai"); trang này vẫn được tính là báo cáo của Xã Chung Chải',
  );
  expect(codes(s.findings)).not.toContain('unit-missing');
  expect(codes(s.findings)).not.toContain('unknown-unit');
});

test('check: the same warning, and no error', async () => {
  const r = await runCli(['check', '--units', UNITS_FILE, path.join(dir, 'xa')]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(
    'CẢNH BÁO: Xã Chung Chải, trang "Chung Chải 2018", ô C3: mã đơn vị "chung-chai" không có trong danh sách đơn vị',
  );
  expect(r.stdout).toContain('Hãy sửa ô C3 thành "chungchai"');
  expect(r.stdout).not.toContain('LỖI');
});

test('names of two units: not counted (as before), the reason said instead of "chưa có trang báo cáo"', async () => {
  const r = await aggregate(path.join(dir, 'hai'));
  expect(r.code).toBe(1);
  const s = JSON.parse(r.stdout) as Summary;
  expect(luot(s)).toBe(10);
  const error = s.findings.find((f) => f.code === 'unit-code-not-listed');
  expect(error?.severity).toBe('error');
  expect(error?.message).toContain('Xã Nậm Vì (mã "nam-vi") hoặc Xã Chung Chải (mã "chungchai")');
  const missing = s.findings.filter((f) => f.code === 'unit-missing');
  expect(missing.map((f) => f.unitCode)).toEqual(['chungchai']);
  expect(missing[0].message).toContain('Xã Chung Chải: chưa có báo cáo năm 2018 được tính');
  expect(missing[0].message).not.toContain('chưa có trang báo cáo');
});

test('a workbook of the unit with its right code is its report; the old-coded one is left out and said so', async () => {
  const r = await aggregate(path.join(dir, 'moi'));
  expect(r.code).toBe(1);
  const s = JSON.parse(r.stdout) as Summary;
  // Chung Chải's 5, not 5 + 1.
  expect(luot(s)).toBe(15);
  expect(s.completeness.reported).toBe(11);
  const error = s.findings.find((f) => f.code === 'unit-code-not-listed');
  expect(error?.file).toMatch(/chung-chai-2018\.xlsx$/);
  expect(error?.message).toContain('Xã Chung Chải đã có báo cáo năm 2018 ghi đúng mã ở tệp');
  expect(error?.message).toContain('chungchai-2018.xlsx');
  expect(codes(s.findings)).not.toContain('unit-code-outdated');
});

describe('tonghop template after the code was corrected', () => {
  it('makes no blank workbook beside the one under the old code (it would push the report out), and says why', async () => {
    const folder = path.join(dir, 'template');
    await commune(folder, units.find((u) => u.code === 'chung-chai') as Unit, 5);
    const r = await runCli(['template', '--year', '2018', '--out', folder, '--units', UNITS_FILE]);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(folder, 'chungchai-2018.xlsx'))).toBe(false);
    expect(r.stdout).toContain('chung-chai-2018.xlsx: đây là báo cáo của đơn vị có mã đã đổi');
    expect(r.stdout).toContain('Hãy sửa ô C3 thành "chungchai"');
    // The other units get their blank workbooks; another year's file is no obstacle.
    expect(fs.existsSync(path.join(folder, 'nam-ke-2018.xlsx'))).toBe(true);
    const next = await runCli(['template', '--year', '2019', '--out', folder, '--units', UNITS_FILE]);
    expect(next.code).toBe(0);
    expect(fs.existsSync(path.join(folder, 'chungchai-2019.xlsx'))).toBe(true);
  });
});
