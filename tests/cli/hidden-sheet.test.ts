/** A commune workbook with an old copy of its sheet hidden before the real one (Excel's Hide). */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { buildCli, communeSheet, runCli, tmpDir } from './helpers';

beforeAll(() => buildCli());

it('the visible sheet is counted, the hidden copy named as hidden', async () => {
  const dir = tmpDir();
  const file = path.join(dir, 'chung-chai-2018.xlsx');
  const old = communeSheet('chung-chai', 2018, { 'TCD_LUOT:9': '1' });
  const current = { ...communeSheet('chung-chai', 2018, { 'TCD_LUOT:9': '8' }), name: 'Chung Chải 2018 (mới)' };
  await writeXlsx({ sheets: [old, current] }, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  (wb.getWorksheet('Chung Chải 2018') as ExcelJS.Worksheet).state = 'hidden';
  await wb.xlsx.writeFile(file);

  const r = await runCli(['aggregate', '--period', '2018-09', '--json', dir, '--out', path.join(dir, 'th.xlsx')]);
  const summary = JSON.parse(r.stdout);
  const luot = summary.indicators.find((i: { code: string }) => i.code === 'TCD_LUOT');
  expect(luot.period).toBe(8);
  const dup = summary.findings.find((f: { code: string }) => f.code === 'duplicate-unit');
  expect(dup.sheet).toBe('Chung Chải 2018');
  expect(dup.message).toContain('trang "Chung Chải 2018" (trang đang ẩn');
});
