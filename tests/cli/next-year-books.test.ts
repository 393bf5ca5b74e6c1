/**
 * December's aggregate with next year's workbooks in the same folder (made once January's window
 * opened, 15/12 with Decree 09): they cannot contribute and are not a mistake, so no 'wrong-year'
 * finding of them. A year not begun yet, or older than last year, still warns.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Summary } from '../../src/engine/types';
import { buildCli, runCli, tmpDir, writeCommune } from './helpers';

const dir = tmpDir('tonghop-next-year-');
const folder = path.join(dir, 'xa');
const CODES = ['chung-chai', 'nam-ke'];

beforeAll(async () => {
  buildCli();
  for (const c of CODES) await writeCommune(folder, c, 2018);
  const t = await runCli(['template', '--year', '2019', '--out', folder, '--unit', CODES[0], '--unit', CODES[1]]);
  expect(t.code).toBe(0);
}, 120_000);

async function december(now: string, extra: string[] = []) {
  const out = path.join(dir, `th-${now.slice(0, 10)}-${extra.length}.xlsx`);
  const r = await runCli(['aggregate', '--period', '2018-12', '--json', '--out', out, folder, ...extra], {
    env: { TONGHOP_NOW: now },
  });
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as Summary).findings;
}

const wrongYear = (fs: Summary['findings']) => fs.filter((f) => f.code === 'wrong-year');

test('20/12/2018 (January 2019 window open): the blank 2019 workbooks give no wrong-year', async () => {
  const findings = await december('2018-12-20T09:00:00+07:00');
  expect(wrongYear(findings)).toEqual([]);
  expect(findings.filter((f) => f.sheet?.includes('2019'))).toEqual([]);
}, 60_000);

test('10/12/2018 (before January 2019 window): a 2019 workbook is still said to be of another year', async () => {
  const findings = wrongYear(await december('2018-12-10T09:00:00+07:00'));
  expect(findings.map((f) => f.unitCode).sort()).toEqual(CODES);
  expect(findings[0].message).toContain('2019');
}, 60_000);

test('a year not begun (2020) or older than last year (2016) still warns on 20/12/2018', async () => {
  const other = path.join(dir, 'other');
  for (const [year, code] of [
    ['2020', 'chung-chai'],
    ['2016', 'nam-ke'],
  ])
    expect((await runCli(['template', '--year', year, '--out', other, '--unit', code])).code).toBe(0);
  const findings = wrongYear(await december('2018-12-20T09:00:00+07:00', [other]));
  expect(findings.map((f) => f.message.match(/năm (\d{4})/)?.[1]).sort()).toEqual(['2016', '2020']);
}, 60_000);

test("December typed into next year's workbook (its T12 column): one warning naming the sheet and the month", async () => {
  const typo = path.join(dir, 'typo');
  fs.mkdirSync(typo, { recursive: true });
  for (const c of CODES) fs.copyFileSync(path.join(folder, `${c}-2018.xlsx`), path.join(typo, `${c}-2018.xlsx`));
  const file = path.join(typo, 'nam-ke-2019.xlsx');
  fs.copyFileSync(path.join(folder, 'nam-ke-2019.xlsx'), file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  let row = 0;
  ws.eachRow((r, n) => {
    if (r.getCell(1).value === 'DTN_QUA') row = n;
  });
  expect(row).toBeGreaterThan(0);
  ws.getCell(row, 16).value = 12; // column P: T12
  await wb.xlsx.writeFile(file);
  const out = path.join(dir, 'th-typo.xlsx');
  const r = await runCli(['aggregate', '--period', '2018-12', '--json', '--out', out, typo], {
    env: { TONGHOP_NOW: '2018-12-20T09:00:00+07:00' },
  });
  const findings = (JSON.parse(r.stdout) as Summary).findings;
  const early = findings.filter((f) => f.code === 'later-year-figures');
  expect(early).toHaveLength(1);
  expect(early[0].unitCode).toBe('nam-ke');
  expect(early[0].message).toContain('nam-ke-2019.xlsx');
  expect(early[0].message).toContain('(tệp ');
  expect(early[0].message).toContain('đã có số liệu tháng 12 dù kỳ số liệu');
  expect(early[0].message).toContain('hãy chuyển sang báo cáo năm 2018');
  expect(wrongYear(findings)).toEqual([]);
}, 60_000);
