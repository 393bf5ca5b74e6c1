/** Commune workbooks whose header row was laid out in Excel outside the template. */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { buildCli, runCli, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli());

/** Each file's sheet edited with exceljs after writing. */
async function edit(file: string, change: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  change(wb.worksheets[0]);
  await wb.xlsx.writeFile(file);
}

it.each([['Tháng'], ['Kết quả thực hiện']])(
  'a two-row header, "%s" merged over the bare numbers 1 … 12, the other headings merged down: read',
  async (heading) => {
    const dir = tmpDir();
    const file = await writeCommune(dir, 'chung-chai', 2018, { 'TCD_LUOT:9': '7' });
    await edit(file, (ws) => {
      // The usual Vietnamese form: row 6 the headings, each merged over rows 6:7; row 7 only 1 … 12.
      ws.spliceRows(6, 0, []);
      for (const c of ['A', 'B', 'C', 'D', 'Q', 'R']) {
        ws.getCell(`${c}6`).value = ws.getCell(`${c}7`).value;
        ws.getCell(`${c}7`).value = null;
        ws.mergeCells(`${c}6:${c}7`);
      }
      ws.getCell('E6').value = heading;
      ws.mergeCells('E6:P6');
      for (let m = 1; m <= 12; m++) ws.getCell(7, 4 + m).value = m;
    });
    const r = await runCli(['aggregate', '--period', '2018-09', '--json', dir, '--out', path.join(dir, 'th.xlsx')]);
    const summary = JSON.parse(r.stdout);
    const luot = summary.indicators.find((i: { code: string }) => i.code === 'TCD_LUOT');
    // The folder holds this one commune: the district's figure is its own.
    expect(luot.period).toBe(7);
    expect(summary.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  },
);
