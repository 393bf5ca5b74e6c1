/**
 * Each month's summary kept beside the communes' files: next month's run (and `check`) leaves this
 * level's own earlier summary out with a line on stderr, instead of an error that its sheet names
 * a unit not in the list. A lower level's summary (a district's, read by the province) stays in.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Summary } from '../../src/engine/types';
import { buildCli, demoSum, ROOT, runCli, tmpDir, units, writeCommune } from './helpers';

const codes = units.map((u) => u.code);
let dir: string;

beforeAll(async () => {
  buildCli();
  dir = tmpDir('tonghop-own-summary-');
  for (const code of codes) for (const year of [2017, 2018]) await writeCommune(dir, code, year);
  // August's summary written into the communes' folder, as an officer does.
  const aug = await runCli(['aggregate', '--period', '2018-08', dir, '--out', path.join(dir, 'tong-hop-2018-08.xlsx')]);
  expect(aug.code).toBe(0);
}, 120_000);

test('aggregate: the earlier summary in the folder is skipped with a note, not an error; totals unchanged', async () => {
  const out = path.join(tmpDir(), 'th.xlsx');
  const r = await runCli(['aggregate', '--json', '--period', '2018-09', dir, '--out', out]);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain(
    `Bỏ qua ${path.join(dir, 'tong-hop-2018-08.xlsx')}: đây là tệp tổng hợp của Huyện Mường Nhé (trang "Huyện Mường Nhé 2018") làm lần trước`,
  );
  const summary = JSON.parse(r.stdout) as Summary;
  expect(summary.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(summary.findings.some((f) => (f.file ?? '').includes('tong-hop-2018-08'))).toBe(false);
  const gifts = summary.indicators.find((i) => i.code === 'DTN_QUA');
  expect(gifts?.period).toBe(demoSum(2018, codes, 'DTN_QUA', 9, 9));
}, 60_000);

test('check: the same summary is skipped too', async () => {
  const r = await runCli(['check', '--year', '2018', dir]);
  expect(r.stderr).toContain('Bỏ qua');
  expect(r.stdout).not.toContain('không có trong danh sách');
  expect(r.code).toBe(0);
}, 60_000);

test('a province reading a district summary keeps it: the district is one of its units', async () => {
  const province = tmpDir('tonghop-own-summary-province-');
  fs.copyFileSync(path.join(dir, 'tong-hop-2018-08.xlsx'), path.join(province, 'huyen-muong-nhe.xlsx'));
  const unitsFile = path.join(province, 'units.json');
  fs.writeFileSync(
    unitsFile,
    JSON.stringify({ units: [{ code: 'huyen-muong-nhe', name: 'Mường Nhé', kind: 'huyện', emails: [] }] }),
  );
  const settingsFile = path.join(province, 'settings.json');
  const shipped = JSON.parse(fs.readFileSync(path.join(ROOT, 'sheets-templates/settings.json'), 'utf8'));
  fs.writeFileSync(
    settingsFile,
    JSON.stringify({ ...shipped, aggregatingUnitName: 'Điện Biên', level: 'tỉnh', scopeLabel: 'toàn tỉnh' }),
  );
  const r = await runCli([
    'aggregate',
    '--json',
    '--period',
    '2018-08',
    province,
    '--units',
    unitsFile,
    '--settings',
    settingsFile,
    '--out',
    path.join(tmpDir(), 'tinh.xlsx'),
  ]);
  expect(r.stderr).not.toContain('Bỏ qua');
  const summary = JSON.parse(r.stdout) as Summary;
  expect(summary.indicators.find((i) => i.code === 'DTN_QUA')?.period).toBe(demoSum(2018, codes, 'DTN_QUA', 8, 8));
}, 60_000);
