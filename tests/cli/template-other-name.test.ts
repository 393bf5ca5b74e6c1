/**
 * `tonghop template` into a folder where a commune's filled workbook lies under another name than
 * the template's ("Báo cáo xã Chung Chải 2018.xlsx", not "chung-chai-2018.xlsx"): the unit is
 * recognised by the report inside (its "Mã đơn vị", as `aggregate` reads it), no blank workbook is
 * written beside it (`aggregate` would see two reports of the commune), and the console says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Summary } from '../../src/engine/types';
import { buildCli, runCli, tmpDir, units, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

/** A commune's filled workbook of `year`, saved under `name` in `dir`. */
async function filledAs(dir: string, code: string, year: number, name: string): Promise<string> {
  const made = await writeCommune(dir, code, year);
  const file = path.join(dir, name);
  fs.renameSync(made, file);
  return file;
}

test('no blank workbook beside a filled one of the unit under another name; aggregate then sees one report', async () => {
  const dir = tmpDir('tonghop-template-other-');
  const filled = await filledAs(dir, 'chung-chai', 2018, 'Báo cáo xã Chung Chải 2018.xlsx');
  // Named after no unit at all: the report inside says whose it is.
  await filledAs(dir, 'nam-vi', 2018, 'so-lieu-thang-9.xlsx');
  // Another year's workbook under another name is no obstacle to this year's.
  await filledAs(dir, 'pa-my', 2017, 'pa-my-nam-truoc.xlsx');
  const before = fs.readFileSync(filled);

  const r = await runCli(['template', '--year', '2018', '--out', dir]);
  expect(r.code).toBe(0);
  expect(fs.existsSync(path.join(dir, 'chung-chai-2018.xlsx'))).toBe(false);
  expect(fs.existsSync(path.join(dir, 'nam-vi-2018.xlsx'))).toBe(false);
  expect(fs.existsSync(path.join(dir, 'pa-my-2018.xlsx'))).toBe(true);
  expect(fs.readFileSync(filled).equals(before)).toBe(true);
  expect(r.stdout).toContain(
    `${filled}: đã có báo cáo năm 2018 của Xã Chung Chải (trang "Chung Chải 2018") nên không tạo tệp mới ${path.join(dir, 'chung-chai-2018.xlsx')}`,
  );
  expect(r.stdout).toContain('hãy đổi tên tệp thành chung-chai-2018.xlsx rồi chạy lại lệnh');
  expect(r.stdout).toContain(`${path.join(dir, 'so-lieu-thang-9.xlsx')}: đã có báo cáo năm 2018 của Xã Nậm Vì`);
  expect(r.stdout).toContain(`Đã tạo ${units.length - 2} mẫu báo cáo`);
  expect(r.stdout).toContain('2 tệp giữ nguyên');

  const agg = await runCli([
    'aggregate',
    '--json',
    '--period',
    '2018-09',
    dir,
    '--out',
    path.join(tmpDir(), 'th.xlsx'),
  ]);
  const summary = JSON.parse(agg.stdout) as Summary;
  expect(summary.findings.filter((f) => f.code === 'duplicate-unit')).toEqual([]);
  for (const code of ['chung-chai', 'nam-vi'])
    expect(summary.completeness.rows.find((row) => row.unitCode === code)?.status).not.toBe('missing');

  // Run again: still nothing beside them, nothing else rewritten.
  const again = await runCli(['template', '--year', '2018', '--out', dir]);
  expect(again.code).toBe(0);
  expect(fs.existsSync(path.join(dir, 'chung-chai-2018.xlsx'))).toBe(false);
  expect(again.stdout).toContain('Đã tạo 0 mẫu báo cáo');
}, 120_000);

test('--force replaces the workbooks named as the template, but writes no blank one beside a report under another name', async () => {
  const dir = tmpDir('tonghop-template-other-force-');
  const filled = await filledAs(dir, 'chung-chai', 2018, 'Báo cáo xã Chung Chải 2018.xlsx');
  const named = await writeCommune(dir, 'nam-vi', 2018);
  expect(path.basename(named)).toBe('nam-vi-2018.xlsx');
  const before = fs.readFileSync(named);

  const r = await runCli(['template', '--year', '2018', '--out', dir, '--force']);
  expect(r.code).toBe(0);
  expect(fs.existsSync(path.join(dir, 'chung-chai-2018.xlsx'))).toBe(false);
  expect(r.stdout).toContain(`${filled}: đã có báo cáo năm 2018 của Xã Chung Chải`);
  // The workbook under the template's name is replaced, as --force says.
  expect(fs.readFileSync(named).equals(before)).toBe(false);
}, 120_000);
