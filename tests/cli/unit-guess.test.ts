/**
 * A commune's workbook without "Mã đơn vị"/"Đơn vị" cells, its sheet "Sheet1": tied to the commune by a
 * name inside its file name ("BC dân vận xã Chung Chải 2018.xlsx") or its title ("ĐẢNG ỦY XÃ NẬM KÈ"),
 * with a warning, instead of the whole commune being dropped as "Chưa báo cáo".
 */
import path from 'node:path';
import { writeXlsx } from '../../src/cli/xlsx/write';
import type { Summary } from '../../src/engine/types';
import { buildCli, communeSheet, demoSum, runCli, tmpDir } from './helpers';

const dir = tmpDir('tonghop-guess-');
const inputs = path.join(dir, 'xa');

/** The demo sheet of `code` without its unit rows (2 and 3), named "Sheet1", with `title` in A1. */
function ownWorkbook(code: string, title: string) {
  const sheet = communeSheet(code, 2018);
  sheet.rows[1] = [];
  sheet.rows[2] = [];
  sheet.rows[0] = [{ v: title }];
  sheet.merges = sheet.merges.filter((m) => m.row > 3);
  return { ...sheet, name: 'Sheet1' };
}

beforeAll(async () => {
  buildCli();
  await writeXlsx(
    { sheets: [ownWorkbook('chung-chai', 'BÁO CÁO CÔNG TÁC DÂN VẬN')] },
    path.join(inputs, 'BC dân vận xã Chung Chải 2018.xlsx'),
  );
  await writeXlsx(
    { sheets: [ownWorkbook('nam-ke', 'ĐẢNG ỦY XÃ NẬM KÈ')] },
    path.join(inputs, 'bao-cao-thang-9-2018.xlsx'),
  );
}, 120_000);

test('aggregate counts both communes, each with a warning saying how it was identified', async () => {
  const r = await runCli(['aggregate', '--period', '2018-09', inputs, '--out', path.join(dir, 'th.xlsx'), '--json']);
  const s: Summary = JSON.parse(r.stdout);
  const giup = s.indicators.find((i) => i.code === 'DTN_GIUPDAN');
  expect(giup?.ytd).toBe(demoSum(2018, ['chung-chai', 'nam-ke'], 'DTN_GIUPDAN', 1, 9));
  expect(s.findings.filter((f) => f.code === 'unknown-unit')).toEqual([]);
  const guessed = s.findings.filter((f) => f.code === 'unit-guessed');
  expect(guessed.map((f) => [f.severity, f.unitCode]).sort()).toEqual([
    ['warning', 'chung-chai'],
    ['warning', 'nam-ke'],
  ]);
  expect(guessed.find((f) => f.unitCode === 'chung-chai')?.message).toContain(
    'theo tên tệp "BC dân vận xã Chung Chải 2018.xlsx"',
  );
  expect(guessed.find((f) => f.unitCode === 'nam-ke')?.message).toContain(
    'theo dòng tiêu đề "ĐẢNG ỦY XÃ NẬM KÈ" (ô A1)',
  );

  const text = await runCli(['aggregate', '--period', '2018-09', inputs, '--out', path.join(dir, 'th2.xlsx')]);
  expect(text.stdout).not.toMatch(/Chưa báo cáo:[^\n]*(Chung Chải|Nậm Kè)/);
});

test('a "Đơn vị" cell naming no unit ("Đoàn Thanh niên"): the commune is found by its file name, with a warning', async () => {
  const other = path.join(dir, 'doan');
  const sheet = ownWorkbook('chung-chai', 'BÁO CÁO CÔNG TÁC DÂN VẬN');
  sheet.rows[1] = [{ v: 'Đơn vị:' }, { v: '' }, { v: 'Đoàn Thanh niên' }];
  await writeXlsx({ sheets: [sheet] }, path.join(other, 'BC dan van xa Chung Chai 2018.xlsx'));
  const r = await runCli(['aggregate', '--period', '2018-09', other, '--out', path.join(dir, 'th3.xlsx'), '--json']);
  const s: Summary = JSON.parse(r.stdout);
  expect(s.findings.filter((f) => f.code === 'unknown-unit')).toEqual([]);
  const giup = s.indicators.find((i) => i.code === 'DTN_GIUPDAN');
  expect(giup?.ytd).toBe(demoSum(2018, ['chung-chai'], 'DTN_GIUPDAN', 1, 9));
  const guessed = s.findings.filter((f) => f.code === 'unit-guessed');
  expect(guessed.map((f) => [f.severity, f.unitCode])).toEqual([['warning', 'chung-chai']]);
  expect(guessed[0].message).toContain('ô "Đơn vị" ghi "Đoàn Thanh niên", không phải tên đơn vị nào trong danh sách');
  expect(guessed[0].message).toContain('theo tên tệp "BC dan van xa Chung Chai 2018.xlsx"');
  expect(s.completeness.rows.find((x) => x.unitCode === 'chung-chai')?.status).not.toBe('missing');
});
