/**
 * A new year before "Tạo mẫu" with two units of one name: no unit has the year's sheet, twins
 * included (their "chưa có trang" names them with their code), so the reminders and the e-mail say
 * the year's sheets are missing instead of asking the clerks to type into sheets that do not exist.
 */
import { defaultCatalogue, defaultSettings, defaultUnits } from '../../../src/engine/catalogue/defaults';
import { summarise } from '../../../src/engine/pipeline';
import type { Unit } from '../../../src/engine/types';
import { noUnitSheetOfYear } from '../../../src/gas/email/year-sheets';

const base = defaultUnits();
const twin: Unit = { ...(base.find((u) => u.code === 'chung-chai') as Unit), code: 'chung-chai-np', emails: [] };

function january(units: Unit[]) {
  return summarise({
    catalogue: defaultCatalogue(),
    units,
    settings: defaultSettings(),
    period: { type: 'month', year: 2019, index: 1 },
    workbooks: [],
    generatedAt: '2019-01-10T03:00:00Z',
  }).summary;
}

test('no unit has the year sheet, two of them of one name', () => {
  const summary = january([...base, twin]);
  expect(summary.findings.find((f) => f.unitCode === 'chung-chai-np' && f.code === 'unit-missing')?.message).toBe(
    'Xã Chung Chải (chung-chai-np): chưa có trang báo cáo năm 2019',
  );
  expect(noUnitSheetOfYear(summary)).toBe(true);
  expect(noUnitSheetOfYear(january(base))).toBe(true);
});
