/**
 * The built-in units are Mường Nhé's 11 communes of 2018, merged on 1/7/2025 (no district level
 * since). `template`, `aggregate` and `report` on them for data reaching that day say so on stderr
 * and point to --units; with --units, or for earlier years, nothing is said.
 */
import path from 'node:path';
import { CLI_TEXT } from '../../src/messages/vi/cli';
import { buildCli, ROOT, runCli, tmpDir, writeCommune } from './helpers';

const dir = tmpDir('tonghop-demo-units-');
const UNITS_2025 = ['--units', path.join(ROOT, 'sheets-templates/units-2025.json')];
const HEAD = 'CẢNH BÁO: chưa chỉ ra danh sách đơn vị (--units)';

beforeAll(() => buildCli(), 120_000);

test('template --year 2027 without --units: the warning on stderr, naming units-2025.json', async () => {
  const r = await runCli(['template', '--year', '2027', '--out', path.join(dir, 'mau-2027')]);
  expect(r.code).toBe(0);
  expect(r.stderr.trim()).toBe(CLI_TEXT.demoUnitsOutdated(CLI_TEXT.demoUnitsTemplate(2027)));
  expect(r.stderr).toContain('--units sheets-templates/units-2025.json');
  expect(r.stdout).not.toContain(HEAD);
}, 60_000);

test('template --year 2027 with --units, or --year 2018 without: nothing on stderr', async () => {
  const a = await runCli(['template', '--year', '2027', '--out', path.join(dir, 'mau-2027-b'), ...UNITS_2025]);
  expect([a.code, a.stderr]).toEqual([0, '']);
  const b = await runCli(['template', '--year', '2018', '--out', path.join(dir, 'mau-2018')]);
  expect([b.code, b.stderr]).toEqual([0, '']);
}, 60_000);

test('aggregate and report of a period after 7/2025 on the default units: warned; June 2025 and 2018 not', async () => {
  const xa = path.join(dir, 'xa');
  await writeCommune(xa, 'chung-chai', 2018);
  const run = (command: string, period: string, now: string) =>
    runCli(
      [
        command,
        '--period',
        period,
        ...(command === 'report'
          ? ['--to', 'th@example.vn', '--outbox', path.join(dir, `outbox-${period}`)]
          : ['--out', path.join(dir, `th-${period}.xlsx`)]),
        xa,
      ],
      { env: { TONGHOP_NOW: now } },
    );
  const july = await run('aggregate', '2025-07', '2025-07-20T09:00:00+07:00');
  expect(july.stderr).toContain(CLI_TEXT.demoUnitsOutdated(CLI_TEXT.demoUnitsReport('tháng 7/2025')));
  const report = await run('report', '2027-01', '2027-01-20T09:00:00+07:00');
  expect(report.stderr).toContain(CLI_TEXT.demoUnitsOutdated(CLI_TEXT.demoUnitsReport('tháng 1/2027')));
  const june = await run('aggregate', '2025-06', '2025-06-20T09:00:00+07:00');
  expect(june.stderr).not.toContain(HEAD);
  const demo = await run('aggregate', '2018-09', '2018-09-20T09:00:00+07:00');
  expect(demo.stderr).not.toContain(HEAD);
}, 120_000);
