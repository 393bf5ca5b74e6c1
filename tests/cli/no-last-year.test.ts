/**
 * `tonghop aggregate` over files of the period's year only (one folder per year, as the help's
 * example makes them): no "so cùng kỳ" anywhere, so one line says why and what to add, on the
 * console and in "Kiểm tra". Not when last year's files are among the inputs.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Summary } from '../../src/engine/types';
import { buildCli, runCli, tmpDir, writeCommune } from './helpers';

const dir = tmpDir('tonghop-no-last-year-');
const only2018 = path.join(dir, 'mau-2018');
const only2017 = path.join(dir, 'mau-2017');
const LINE =
  'Không có báo cáo năm 2017 trong các tệp đã chọn nên không so sánh được với cùng kỳ; ' +
  'hãy chọn thêm thư mục/tệp năm 2017 (ví dụ: tonghop aggregate mau-2017 mau-2018).';

beforeAll(async () => {
  buildCli();
  for (const code of ['chung-chai', 'muong-nhe']) {
    await writeCommune(only2018, code, 2018);
    await writeCommune(only2017, code, 2017);
  }
}, 120_000);

/** Every cell text of the workbook's "Kiểm tra" sheet. */
async function checksOf(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets.find((w) => w.name.startsWith('Kiểm tra'));
  const out: string[] = [];
  ws?.eachRow((row) => {
    row.eachCell((c) => {
      if (typeof c.value === 'string') out.push(c.value);
    });
  });
  return out;
}

test("only this year's files: the line on the console and in Kiểm tra", async () => {
  const out = path.join(dir, 'th-a.xlsx');
  const r = await runCli(['aggregate', '--period', '2018-09', '--out', out, only2018]);
  expect(r.stderr).toBe('');
  expect(r.stdout.split('\n')).toContain(LINE);
  expect((await checksOf(out)).some((t) => t.includes(LINE))).toBe(true);
  const json = await runCli(['aggregate', '--period', '2018-09', '--json', '--out', out, only2018]);
  const found = (JSON.parse(json.stdout) as Summary).findings.filter((f) => f.code === 'no-last-year');
  expect(found).toEqual([{ severity: 'info', code: 'no-last-year', message: LINE }]);
}, 60_000);

test("last year's folder given too: no such line", async () => {
  const out = path.join(dir, 'th-b.xlsx');
  const r = await runCli(['aggregate', '--period', '2018-09', '--out', out, only2017, only2018]);
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain('so cùng kỳ');
  expect(r.stdout).not.toContain('Không có báo cáo năm 2017');
  expect((await checksOf(out)).some((t) => t.includes('Không có báo cáo năm'))).toBe(false);
}, 60_000);
