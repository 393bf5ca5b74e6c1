/**
 * A workbook that opens but has no sheet read as a report (its month columns cut to T9–T12), named
 * after its commune: the commune did send something, so it is "Không đọc được báo cáo", not
 * "Chưa báo cáo" (src/cli/attribute-unreadable.ts), as for a file that cannot be opened.
 */
import path from 'node:path';
import { writeXlsx } from '../../src/cli/xlsx/write';
import type { Summary } from '../../src/engine/types';
import { buildCli, communeSheet, runCli, tmpDir, writeCommune } from './helpers';

const dir = tmpDir('tonghop-noreport-');
const inputs = path.join(dir, 'xa');

/** The demo sheet of `code` with the T1–T8 headers cleared: too few month columns to be read. */
function cutSheet(code: string) {
  const sheet = communeSheet(code, 2018);
  const header = sheet.rows.findIndex((row) => row?.some((c) => c?.v === 'T1'));
  const row = sheet.rows[header];
  for (let i = 0; i < row.length; i++) if (/^T[1-8]$/.test(String(row[i]?.v ?? ''))) row[i] = { v: '' };
  return sheet;
}

beforeAll(async () => {
  buildCli();
  await writeCommune(inputs, 'muong-nhe', 2018);
  await writeXlsx({ sheets: [cutSheet('chung-chai')] }, path.join(inputs, 'chung-chai-2018.xlsx'));
  // Named after a commune but of another year: not taken as its report of this year.
  await writeXlsx({ sheets: [cutSheet('pa-my')] }, path.join(inputs, 'pa-my-2016.xlsx'));
}, 120_000);

test('its commune is "Không đọc được báo cáo" with the reason kept; one of another year is not taken', async () => {
  const r = await runCli(['aggregate', '--period', '2018-09', inputs, '--out', path.join(dir, 'th.xlsx'), '--json']);
  const s: Summary = JSON.parse(r.stdout);
  expect(s.unreadableUnits).toEqual(['chung-chai']);
  expect(s.findings.filter((f) => f.code === 'unit-missing' && f.unitCode === 'chung-chai')).toEqual([]);
  expect(s.findings.filter((f) => f.code === 'unit-missing' && f.unitCode === 'pa-my')).toHaveLength(1);
  const cut = s.findings.filter((f) => f.code === 'no-report-sheet');
  const own = cut.find((f) => f.file?.endsWith('chung-chai-2018.xlsx'));
  expect(own?.severity).toBe('error');
  expect(own?.unitCode).toBe('chung-chai');
  expect(own?.message).toMatch(
    /không có trang báo cáo nào .*cần ít nhất 6.*\. Theo tên tệp, đây là báo cáo của Xã Chung Chải/,
  );
  expect(cut.find((f) => f.file?.endsWith('pa-my-2016.xlsx'))?.unitCode).toBeUndefined();
  expect(s.narrative.join(' ')).toContain('không đọc được báo cáo của: xã Chung Chải');
  expect(s.narrative.join(' ')).not.toMatch(/chưa báo cáo: [^;]*Chung Chải/);

  const text = await runCli(['aggregate', '--period', '2018-09', inputs, '--out', path.join(dir, 'th2.xlsx')]);
  expect(text.stdout).toContain('Không đọc được báo cáo: Xã Chung Chải');
  expect(text.stdout).not.toMatch(/Chưa báo cáo:[^\n]*Chung Chải/);
  expect(text.stdout).toMatch(/Chưa báo cáo:[^\n]*Pá Mỳ/);
});
