/**
 * Two files of one commune and year in the folder (the district keeps each month's file:
 * …-T8.xlsx beside …-T9.xlsx): the later report is kept whatever the names, the commune is not
 * "Chưa báo cáo", and the error names both files and why.
 */
import path from 'node:path';
import { demoSheet } from '../../src/cli/demo/data';
import { writeXlsx } from '../../src/cli/xlsx/write';
import type { Summary } from '../../src/engine/types';
import { buildCli, catalogue, demoYear, runCli, tmpDir, unit, units, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

/** Chung Chải's 2018 demo report as it stood after month `last` (later months empty and undated). */
async function writeUpTo(file: string, last: number): Promise<void> {
  const y = demoYear(2018);
  const d = y.units['chung-chai'];
  const cut = <T>(xs: (T | null)[]) => xs.map((x, i) => (i < last ? x : null));
  for (const k of Object.keys(d.values)) d.values[k] = cut(d.values[k]);
  for (const k of Object.keys(d.notes)) d.notes[k] = cut(d.notes[k]);
  d.submitted = cut(d.submitted);
  const sheet = demoSheet(unit('chung-chai'), y, catalogue);
  if (!sheet) throw new Error('no sheet');
  await writeXlsx({ sheets: [sheet] }, file);
}

it("keeps the month's later file though its name sorts last, and counts its month", async () => {
  const dir = path.join(tmpDir('tonghop-dupes-'), 'xa');
  for (const u of units) if (u.code !== 'chung-chai') await writeCommune(dir, u.code, 2018);
  await writeUpTo(path.join(dir, 'chung-chai-2018-T8.xlsx'), 8);
  await writeUpTo(path.join(dir, 'chung-chai-2018-T9.xlsx'), 9);
  const args = ['aggregate', '--period', '2018-09', 'xa', '--out', 'tong-hop.xlsx'];
  const cwd = path.dirname(dir);
  const summary = JSON.parse((await runCli([...args, '--json'], { cwd })).stdout) as Summary;

  const row = summary.completeness.rows.find((r) => r.unitCode === 'chung-chai');
  expect(row).toMatchObject({ submittedOn: '2018-09-17', missingMonths: [] });
  expect(row?.status).not.toBe('missing');
  const qua = summary.indicators.find((i) => i.code === 'DTN_QUA')?.byUnit.find((u) => u.unitCode === 'chung-chai');
  expect(qua?.period).toBe(demoYear(2018).units['chung-chai'].values.DTN_QUA[8]);

  const dup = summary.findings.filter((f) => f.code === 'duplicate-unit');
  expect(dup.map((f) => [f.severity, f.file])).toEqual([['error', 'xa/chung-chai-2018-T8.xlsx']]);
  expect(dup[0].message).toContain(
    'chỉ lấy tệp xa/chung-chai-2018-T9.xlsx, trang "Chung Chải 2018", bỏ qua số liệu của tệp xa/chung-chai-2018-T8.xlsx',
  );
  expect(dup[0].message).toContain('vì bản được lấy có ngày nộp gần nhất là 17/09/2018, muộn hơn bản bị bỏ qua');

  const text = await runCli(args, { cwd });
  expect(text.stdout).not.toMatch(/Chưa báo cáo: .*Chung Chải/);
}, 60_000);
