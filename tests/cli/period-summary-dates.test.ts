/**
 * A district's 6-month summary, made on the 6-month deadline, read by the province as the
 * district's report: its year sheet dates each month by when the communes' figures were complete,
 * not every month by the run, so the province does not find T1–T5 late.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultSettings } from '../../src/engine/catalogue/defaults';
import { buildCli, runCli, tmpDir, units, writeCommune } from './helpers';

const dir = tmpDir('tonghop-period-dates-');
const communes = path.join(dir, 'xa');
const provinceIn = path.join(dir, 'in');
const settings = path.join(dir, 'settings-tinh.json');
const provinceUnits = path.join(dir, 'units-tinh.json');

beforeAll(async () => {
  buildCli();
  fs.mkdirSync(communes);
  fs.mkdirSync(provinceIn);
  for (const u of units) await writeCommune(communes, u.code, 2018);
  fs.writeFileSync(settings, JSON.stringify({ ...defaultSettings(), level: 'tỉnh', aggregatingUnitName: 'Điện Biên' }));
  fs.writeFileSync(
    provinceUnits,
    JSON.stringify({ units: [{ code: 'huyen-muong-nhe', name: 'Mường Nhé', kind: 'huyện', emails: [] }] }),
  );
}, 120_000);

test('a 6-month summary made on its deadline is on time at the province, for every month', async () => {
  const made = await runCli(
    ['aggregate', '--period', '2018-6T', communes, '--out', path.join(provinceIn, 'tong-hop-2018-6T.xlsx')],
    { env: { TONGHOP_NOW: '2018-06-18T16:00+07:00' } },
  );
  expect(made.stderr).toBe('');
  const r = await runCli(
    ['aggregate', '--period', '2018-6T', provinceIn, '--units', provinceUnits, '--settings', settings, '--json'],
    { cwd: dir, env: { TONGHOP_NOW: '2018-06-25T10:00+07:00' } },
  );
  const row = JSON.parse(r.stdout).completeness.rows[0];
  expect(row.unitCode).toBe('huyen-muong-nhe');
  expect(row.lateMonths).toBeUndefined();
  expect(row.undatedMonths).toBeUndefined();
  expect(row.status).toBe('onTime');
}, 120_000);
