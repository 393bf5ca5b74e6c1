/**
 * A commune copies last year's workbook (sheet "Chung Chải 2017", "Năm" 2017), types this year's figures
 * and dates, and saves it as chung-chai-2018.xlsx beside the genuine chung-chai-2017.xlsx: it is this
 * year's report (with a warning), and last year's stays the genuine one ("so cùng kỳ").
 */
import path from 'node:path';
import { demoSheet } from '../../src/cli/demo/data';
import { writeXlsx } from '../../src/cli/xlsx/write';
import type { Summary } from '../../src/engine/types';
import { buildCli, catalogue, demoSum, demoYear, runCli, tmpDir, unit, writeCommune } from './helpers';

const dir = tmpDir('tonghop-copied-');
const inputs = path.join(dir, 'xa');
const COMMUNES = ['chung-chai', 'nam-ke'];

beforeAll(async () => {
  buildCli();
  await writeCommune(inputs, 'chung-chai', 2017);
  await writeCommune(inputs, 'nam-ke', 2017);
  await writeCommune(inputs, 'nam-ke', 2018);
  // This year's figures and submission dates in last year's sheet: its name and "Năm" say 2017.
  const data = { ...demoYear(2018), year: 2017 };
  const sheet = demoSheet(unit('chung-chai'), data, catalogue);
  if (!sheet) throw new Error('no demo sheet');
  await writeXlsx({ sheets: [sheet] }, path.join(inputs, 'chung-chai-2018.xlsx'));
}, 120_000);

test('aggregate counts the copy as 2018, keeps the genuine 2017 for "so cùng kỳ", and says so', async () => {
  const r = await runCli(['aggregate', '--period', '2018-09', inputs, '--out', path.join(dir, 'th.xlsx'), '--json']);
  const s: Summary = JSON.parse(r.stdout);
  const giup = s.indicators.find((i) => i.code === 'DTN_GIUPDAN');
  expect(giup?.ytd).toBe(demoSum(2018, COMMUNES, 'DTN_GIUPDAN', 1, 9));
  expect(giup?.lastYearYtd).toBe(demoSum(2017, COMMUNES, 'DTN_GIUPDAN', 1, 9));
  expect(s.unreadableUnits).toEqual([]);
  expect(s.findings.filter((f) => f.code === 'duplicate-unit')).toEqual([]);
  const copied = s.findings.filter((f) => f.code === 'year-copied');
  expect(copied).toHaveLength(1);
  expect(copied[0]).toMatchObject({ severity: 'warning', unitCode: 'chung-chai', cell: 'C4' });
  expect(copied[0].message).toContain('tên tệp "chung-chai-2018.xlsx"');
  expect(copied[0].message).toContain('đã tính đây là báo cáo năm 2018');

  const text = await runCli(['check', inputs]);
  expect(text.stdout).toMatch(/CẢNH BÁO: Xã Chung Chải, ô C4: ô "Năm" và tên trang "Chung Chải 2017" ghi năm 2017/);
  expect(text.stdout).not.toContain('có hai báo cáo năm 2017');
});
