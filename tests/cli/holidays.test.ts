/**
 * `tonghop aggregate` and official days off: the demo communes, one of which submits
 * February 2018 on Wednesday 21/02, the first working day after Tết (14/02–20/02/2018).
 * With the default settings (holidays) that is on time; with a settings file that has
 * none (an older file) it is late, as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { demoSheet } from '../../src/cli/demo/data';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { defaultSettings } from '../../src/engine/catalogue/defaults';
import type { Summary } from '../../src/engine/types';
import { buildCli, catalogue, demoYear, runCli, tmpDir, unit } from './helpers';

const dir = tmpDir('tonghop-holidays-');
const inputs = path.join(dir, 'xa');

beforeAll(async () => {
  buildCli();
  fs.mkdirSync(inputs, { recursive: true });
  const year = demoYear(2018);
  year.units['chung-chai'].submitted[1] = '2018-02-21';
  for (const code of ['chung-chai', 'nam-ke']) {
    const sheet = demoSheet(unit(code), year, catalogue);
    if (!sheet) throw new Error(`no demo sheet ${code}`);
    await writeXlsx({ sheets: [sheet] }, path.join(inputs, `${code}-2018.xlsx`));
  }
}, 120_000);

async function aggregate(extra: string[] = []) {
  const r = await runCli([
    'aggregate',
    '--period',
    '2018-02',
    '--json',
    '--out',
    path.join(dir, `th-${extra.length}.xlsx`),
    ...extra,
    inputs,
  ]);
  expect(r.stderr).toBe('');
  const s: Summary = JSON.parse(r.stdout);
  const row = s.completeness.rows.find((x) => x.unitCode === 'chung-chai');
  return { deadline: s.completeness.deadline, row };
}

test('with the default settings the February 2018 deadline is 22/02 and 21/02 is on time', async () => {
  const { deadline, row } = await aggregate();
  expect(deadline).toBe('2018-02-22');
  expect(row).toMatchObject({ submittedOn: '2018-02-21', status: 'onTime' });
}, 60_000);

test('a settings.json without holidays (an older file) still works: weekends only, 21/02 is late', async () => {
  const { holidays: _none, ...old } = defaultSettings();
  const file = path.join(dir, 'settings-old.json');
  fs.writeFileSync(file, JSON.stringify(old));
  const { deadline, row } = await aggregate(['--settings', file]);
  expect(deadline).toBe('2018-02-16');
  expect(row).toMatchObject({ submittedOn: '2018-02-21', status: 'late' });
}, 60_000);

test('a settings.json with a date that does not exist is refused, naming the entry', async () => {
  const file = path.join(dir, 'settings-bad.json');
  fs.writeFileSync(file, JSON.stringify({ ...defaultSettings(), holidays: ['2018-02-14', '2018-02-30'] }));
  const r = await runCli([
    'aggregate',
    '--period',
    '2018-02',
    '--settings',
    file,
    '--out',
    path.join(dir, 'x.xlsx'),
    inputs,
  ]);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain('"holidays" → mục thứ 2 (ngày nghỉ lễ, Tết): "2018-02-30" không phải ngày có thật');
  expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
}, 60_000);
