/**
 * A real .xlsx with a month headed twice: the empty column is passed over whichever comes first,
 * and the commune's September is counted.
 */
import path from 'node:path';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { a1, colLetter, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import type { Finding, Summary } from '../../src/engine/types';
import { buildCli, communeSheet, demoSum, runCli, tmpDir } from './helpers';

beforeAll(() => buildCli(), 120_000);

test('an empty "T9" column before the one holding September: a warning, September read (exit 0)', async () => {
  const dir = tmpDir();
  const sheet = communeSheet('chung-chai', 2018);
  // September's figures and date moved to a new column right of the table headed "T9"; column M left empty.
  const t9 = monthCol(9);
  const extra = LAYOUT.columns + 2;
  for (let r = LAYOUT.headerRow; r < sheet.rows.length; r++) {
    const line = sheet.rows[r];
    while (line.length < extra) line.push(null);
    line[extra - 1] = line[t9 - 1];
    line[t9 - 1] = null;
  }
  const header = sheet.rows[LAYOUT.headerRow - 1];
  while (header.length < extra) header.push(null);
  header[extra - 1] = { v: 'T9', s: 'text' };
  const file = path.join(dir, 'chung-chai-2018.xlsx');
  await writeXlsx({ sheets: [sheet] }, file);

  const r = await runCli(['check', '--json', '--year', '2018', dir]);
  const findings = JSON.parse(r.stdout).findings as Finding[];
  const dup = findings.filter((f) => f.code === 'duplicate-month-column');
  expect(dup.map((f) => [f.severity, f.cell])).toEqual([['warning', a1(LAYOUT.headerRow, t9)]]);
  expect(dup[0].message).toContain(
    `cột ${colLetter(t9)} cũng có tiêu đề tháng 9 nhưng không có số liệu, đã đọc cột ${colLetter(extra)}`,
  );
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);

  const a = await runCli(['aggregate', '--period', '2018-09', '--json', '--out', path.join(dir, 'th.xlsx'), dir]);
  const s: Summary = JSON.parse(a.stdout);
  expect(s.completeness.reported).toBe(1);
  const qua = s.indicators.find((i) => i.code === 'DTN_QUA');
  expect(qua?.ytd).toBe(demoSum(2018, ['chung-chai'], 'DTN_QUA', 1, 9));
  expect(demoSum(2018, ['chung-chai'], 'DTN_QUA', 9, 9)).toBeGreaterThan(0);
});
