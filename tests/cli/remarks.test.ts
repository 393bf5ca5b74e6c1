/**
 * The "Ghi chú" column (R) of the commune template: a commune's remark beside a figure reaches the
 * district's summary workbook (unit, indicator, cell) and `tonghop check`; totals stay as they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { LAYOUT } from '../../src/engine/sheet/layout';
import { buildCli, catalogue, communeSheet, runCli, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

const REMARK = 'Gồm 12 suất của xã bạn chuyển sang';
const label = (code: string) => catalogue.indicators.find((i) => i.code === code)?.label as string;

/** Every string cell of the workbook, by sheet. */
async function texts(file: string): Promise<Map<string, string[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, string[]>();
  for (const ws of wb.worksheets) {
    const list: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && list.push(c.value)));
    out.set(ws.name, list);
  }
  return out;
}

async function inputs(dir: string, remark: boolean): Promise<{ row: number }> {
  fs.mkdirSync(dir, { recursive: true });
  for (const code of ['chung-chai', 'nam-ke']) await writeCommune(dir, code, 2018);
  const sheet = communeSheet('huoi-lech', 2018);
  const row = sheet.rows.findIndex((r) => r[0]?.v === 'DTN_QUA') + 1;
  if (remark) sheet.rows[row - 1][LAYOUT.noteCol - 1] = { v: REMARK, s: 'text' };
  await writeXlsx({ sheets: [sheet] }, path.join(dir, 'huoi-lech-2018.xlsx'));
  return { row };
}

test('a remark in R24 of a commune file: in the summary workbook with unit and indicator, and in check', async () => {
  const dir = tmpDir('tonghop-remarks-');
  const { row } = await inputs(path.join(dir, 'xa'), true);
  await inputs(path.join(dir, 'plain'), false);
  const r = await runCli(['aggregate', '--period', '2018-09', 'xa', '--out', 'a.xlsx', '--json'], { cwd: dir });
  expect(r.code).toBe(0);
  const plain = await runCli(['aggregate', '--period', '2018-09', 'plain', '--out', 'b.xlsx', '--json'], { cwd: dir });
  const line = `Xã Huổi Lếch, chỉ tiêu "${label('DTN_QUA')}" (ô R${row}): ${REMARK}`;
  const summary = (await texts(path.join(dir, 'a.xlsx'))).get('Tổng hợp 2018-09') ?? [];
  expect(summary).toContain(line);
  // Totals as without the remark.
  const totals = (out: string) =>
    (JSON.parse(out) as { indicators: { code: string; period: number | null; ytd: number | null }[] }).indicators.map(
      (i) => [i.code, i.period, i.ytd],
    );
  expect(totals(r.stdout)).toEqual(totals(plain.stdout));
  expect((await texts(path.join(dir, 'b.xlsx'))).get('Tổng hợp 2018-09')?.some((t) => t.includes(REMARK))).toBe(false);

  const check = await runCli(['check', 'xa'], { cwd: dir });
  expect(check.stdout).toContain(`Xã Huổi Lếch, ô R${row} (${label('DTN_QUA')}): ${REMARK} [xa/huoi-lech-2018.xlsx`);
});
