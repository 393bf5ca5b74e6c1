/**
 * The add-on runs the same engine as the CLI: a commune's remark typed in the "Ghi chú" column (R)
 * of its tab reaches the "Tổng hợp" sheet, with unit and indicator, whichever way the tabs are read;
 * the totals are the same as without it.
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, LAYOUT } from '../../src/engine/sheet/layout';
import { type Env, expectedSeptember, runAggregate, seededMaster, summaryRow, unitSheet, YEAR } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const catalogue = defaultCatalogue();
const label = (code: string) => catalogue.indicators.find((i) => i.code === code)?.label as string;
const REMARK = 'Gồm 12 suất của xã bạn chuyển sang — REMARK-R';

describe.each([true, false])('a remark in column R (Sheets API: %s)', (api) => {
  let env: Env;
  beforeEach(() => {
    env = seededMaster({ api });
  });
  afterEach(() => env.dispose());

  test('is listed on the "Tổng hợp" sheet with unit, indicator and cell; totals unchanged', () => {
    const unit = env.units.find((u) => u.code === 'chung-chai') ?? env.units[0];
    const row = indicatorRows(catalogue).get('DTN_QUA') as number;
    (unitSheet(env, unit, YEAR) as Sheet).getRange(row, LAYOUT.noteCol).setValue(REMARK);
    runAggregate(env.fake, '9/2018');
    const sheet = env.master.getSheetByName('Tổng hợp 2018-09') as Sheet;
    const texts = (sheet.getDataRange().getValues() as unknown[][]).flat().filter((v) => typeof v === 'string');
    expect(texts).toContain(`Xã ${unit.name}, chỉ tiêu "${label('DTN_QUA')}" (ô R${row}): ${REMARK}`);
    for (const code of ['DVK_DANGKY', 'TCD_LUOT', 'DON_TONG'])
      expect(summaryRow(sheet, label(code))?.[3]).toBe(expectedSeptember(code, env.units.length));
  });
});
