/**
 * A note typed once over merged note cells in an .xlsx (Excel, LibreOffice): the merge comes from
 * the file, and the note is read as each reported month's under it, with the warning.
 */
import path from 'node:path';
import { readWorkbookFile } from '../../src/cli/xlsx/read';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { a1, indicatorRows, monthCol } from '../../src/engine/sheet/layout';
import { DEFAULT_LEVEL } from '../../src/engine/text/level';
import { checkWorkbooks } from '../../src/engine/validation/check';
import { catalogue, communeSheet, tmpDir, units } from './helpers';

const NOTE = 'Quý III: tổ chức 3 buổi tuyên truyền pháp luật';

test('a note merged over July–September of an .xlsx is the note of each of those months', async () => {
  const sheet = communeSheet('chung-chai', 2018);
  const r = indicatorRows(catalogue).get('GHI_CHU') as number;
  const row = sheet.rows[r - 1];
  for (let m = 7; m <= 9; m++) row[monthCol(m) - 1] = null;
  row[monthCol(7) - 1] = { v: NOTE };
  sheet.merges = [...sheet.merges, { row: r, col: monthCol(7), rows: 1, cols: 3 }];
  const file = path.join(tmpDir(), 'chung-chai-2018.xlsx');
  await writeXlsx({ sheets: [sheet] }, file);

  const read = await readWorkbookFile(file, 'chung-chai-2018.xlsx');
  const result = checkWorkbooks([read.workbook!], { level: DEFAULT_LEVEL, catalogue, units, year: 2018 });
  const notes = result.reports[0].notes.GHI_CHU ?? [];
  expect([7, 8, 9].map((m) => notes[m - 1])).toEqual([NOTE, NOTE, NOTE]);
  const range = `${a1(r, monthCol(7))}:${a1(r, monthCol(9))}`;
  const f = result.findings.find((x) => x.code === 'merged-note');
  expect(f?.message).toContain(`vùng ${range} gộp ô ghi chú của các tháng 7–9; đã tính là ghi chú của từng tháng 7–9`);
  expect(result.findings.some((x) => x.code === 'merged-cell')).toBe(false);
});
