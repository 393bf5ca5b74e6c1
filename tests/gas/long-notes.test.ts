/**
 * Every commune writes a long "Khó khăn, vướng mắc, kiến nghị" (each under the 5,000-character
 * limit, no warning): "Tổng hợp" must still succeed — before, the year sheet joined them into one
 * cell of 53,000 characters and Google refused the whole run (50,000 a cell).
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, monthCol } from '../../src/engine/sheet/layout';
import { MAX_NOTE_LENGTH } from '../../src/engine/validation/cells';
import { createEnv, type Env, runAggregate, runSetup, runTemplates, seedUnitSheet, unitSheet, YEAR } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const rows = indicatorRows(defaultCatalogue());
const LONG = 'Cầu treo bị lũ cuốn trôi, đề nghị hỗ trợ. '.repeat(115);

let env: Env;
afterEach(() => env.dispose());

test('long notes from every commune: the month is aggregated, no cell over 50,000 characters', () => {
  env = createEnv();
  runSetup();
  runTemplates(env.fake, YEAR);
  env.units.forEach((u, i) => {
    const sheet = unitSheet(env, u, YEAR) as Sheet;
    seedUnitSheet(sheet, i);
    sheet.getRange(rows.get('GHI_CHU') as number, monthCol(9)).setValue(`Xã số ${i + 1}: ${LONG}`);
  });
  expect(env.units.length * LONG.length).toBeGreaterThan(50_000);
  runAggregate(env.fake, '9/2018');
  const summary = env.master.getSheetByName('Tổng hợp 2018-09');
  expect(summary).not.toBeNull();
  let longest = 0;
  for (const sheet of env.master.getSheets())
    for (const row of sheet.getDataRange().getValues())
      for (const v of row) if (typeof v === 'string') longest = Math.max(longest, v.length);
  expect(longest).toBeLessThanOrEqual(50_000);
  const year = env.master.getSheetByName('Huyện Mường Nhé 2018') as Sheet;
  const cell = String(year.getRange(rows.get('GHI_CHU') as number, monthCol(9)).getValue());
  expect(cell.length).toBeLessThanOrEqual(MAX_NOTE_LENGTH);
  expect(cell).toContain(`ý kiến)`);
  // Every commune's note, whole, in the summary sheet.
  const texts = (summary as Sheet).getDataRange().getValues().flat().map(String);
  env.units.forEach((_u, i) => {
    expect(texts.some((t) => t.includes(`Xã số ${i + 1}: ${LONG.trim()}`))).toBe(true);
  });
});
