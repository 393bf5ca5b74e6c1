/**
 * `tonghop aggregate` warns, in its console output and its JSON, when the period's deadline counts
 * working days of a year the settings' `holidays` have no day of: the warning names the year and the
 * settings file's "holidays". Not for the demo year (2018), nor once the year's days are added.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultSettings } from '../../src/engine/catalogue/defaults';
import type { Summary } from '../../src/engine/types';
import { buildCli, ROOT, runCli, tmpDir, writeCommune } from './helpers';

const dir = tmpDir('tonghop-holiday-coverage-');
const blank2028 = path.join(dir, 'xa-2028');
const demo2018 = path.join(dir, 'xa-2018');
const IN_2028 = { TONGHOP_NOW: '2028-02-20T03:00:00.000Z' };
// The communes of 2028 (the built-in units are those of 2018, warned of on stderr after 1/7/2025).
const UNITS = ['--units', path.join(ROOT, 'sheets-templates/units-2025.json')];

beforeAll(async () => {
  buildCli();
  const t = await runCli(['template', '--year', '2028', '--out', blank2028, ...UNITS]);
  expect(t.code).toBe(0);
  await writeCommune(demo2018, 'chung-chai', 2018);
}, 120_000);

const holidayFindings = (stdout: string) =>
  (JSON.parse(stdout) as Summary).findings.filter((f) => f.code.startsWith('holidays-'));

test('January 2028 with the default settings (no day off of 2028): a warning in the console output', async () => {
  const out = path.join(dir, 'th-2028-01.xlsx');
  const r = await runCli(['aggregate', '--period', 'tháng 1 năm 2028', '--out', out, ...UNITS, blank2028], {
    env: IN_2028,
  });
  expect(r.stderr).toBe('');
  const line = r.stdout.split('\n').find((l) => l.includes('chưa có ngày nào của năm 2028'));
  expect(line).toMatch(
    /^CẢNH BÁO: Danh sách ngày nghỉ lễ, Tết chưa có ngày nào của năm 2028: hạn nộp báo cáo tháng 1\/2028/,
  );
  expect(line).toContain('mục "holidays" của tệp thiết lập (lệnh tonghop, tùy chọn --settings)');
}, 60_000);

test('the same with a settings file listing 2028 (Tết included): no warning', async () => {
  const file = path.join(dir, 'settings-2028.json');
  const s = defaultSettings();
  const days2028 = ['2028-01-01', '2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-01-31'];
  fs.writeFileSync(file, JSON.stringify({ ...s, holidays: [...(s.holidays ?? []), ...days2028] }));
  const out = path.join(dir, 'th-2028-01-b.xlsx');
  const r = await runCli(
    ['aggregate', '--period', '2028-01', '--settings', file, '--json', '--out', out, ...UNITS, blank2028],
    {
      env: IN_2028,
    },
  );
  expect(r.stderr).toBe('');
  expect(holidayFindings(r.stdout)).toEqual([]);
}, 60_000);

test('the demo period (September 2018, days off listed): no warning', async () => {
  const out = path.join(dir, 'th-2018-09.xlsx');
  const r = await runCli(['aggregate', '--period', '2018-09', '--json', '--out', out, demo2018]);
  expect(r.stderr).toBe('');
  expect(holidayFindings(r.stdout)).toEqual([]);
}, 60_000);
