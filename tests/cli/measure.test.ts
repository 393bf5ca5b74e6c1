/**
 * `tonghop check` on real .xlsx files whose "Đơn vị tính" differs from the catalogue's: last
 * year's files in "triệu đồng" after the catalogue moved to "nghìn đồng", a count typed in money.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { a1, indicatorRows, LAYOUT } from '../../src/engine/sheet/layout';
import type { Finding } from '../../src/engine/types';
import { buildCli, catalogue, communeSheet, runCli, tmpDir } from './helpers';

beforeAll(() => buildCli(), 120_000);

const GIATRI = 'LDLD_MAIAM_GIATRI';
const unitCell = (code: string) => a1(indicatorRows(catalogue).get(code) as number, LAYOUT.unitCol);

test('a file in another money scale is converted with a warning; money for a count is an error (exit 1)', async () => {
  const dir = tmpDir();
  // The catalogue now counts the houses' value in thousands of đồng.
  const cat = {
    ...catalogue,
    indicators: catalogue.indicators.map((i) => (i.code === GIATRI ? { ...i, unit: 'nghìn đồng' } : i)),
  };
  fs.writeFileSync(path.join(dir, 'catalogue.json'), JSON.stringify(cat));
  const books = path.join(dir, 'xa');
  fs.mkdirSync(books);
  // Written with the old catalogue ("triệu đồng"); one count's unit changed by hand to money.
  const sheet = communeSheet('nam-vi', 2017);
  const row = indicatorRows(catalogue).get('TCD_LUOT') as number;
  const cellModel = sheet.rows[row - 1][LAYOUT.unitCol - 1];
  if (cellModel) cellModel.v = 'triệu đồng';
  const file = path.join(books, 'nam-vi-2017.xlsx');
  await writeXlsx({ sheets: [sheet] }, file);

  const r = await runCli(['check', '--json', '--catalogue', path.join(dir, 'catalogue.json'), books]);
  expect(r.code).toBe(1);
  const findings = JSON.parse(r.stdout).findings as Finding[];
  const measured = findings.filter((f) => f.code.startsWith('measure-'));
  expect(measured.map((f) => [f.severity, f.code, f.file, f.cell, f.indicatorCode])).toEqual([
    ['error', 'measure-mismatch', file, unitCell('TCD_LUOT'), 'TCD_LUOT'],
    ['warning', 'measure-converted', file, unitCell(GIATRI), GIATRI],
  ]);
  expect(measured[1].message).toContain('đổi từ triệu đồng sang nghìn đồng (nhân với 1.000)');
  // The console names the cell too.
  const text = await runCli(['check', '--catalogue', path.join(dir, 'catalogue.json'), books]);
  expect(text.stdout).toContain(`ô ${unitCell('TCD_LUOT')}`);
  expect(text.stdout).toContain('chưa được tính vào tổng hợp');
});
