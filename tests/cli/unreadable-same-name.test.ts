/**
 * An old unit whose file could not be read, now part of a merged unit another unit shares the name
 * of: named with that unit's code inside its bracket, "(nay thuộc xã Mường Nhé, mã muong-nhe-2025)".
 */
import units2025Json from '../../sheets-templates/units-2025.json';
import { withUnreadableFiles } from '../../src/cli/attribute-unreadable';
import { defaultCatalogue, defaultSettings } from '../../src/engine/catalogue/defaults';
import { parseUnits } from '../../src/engine/catalogue/schema';
import { summarise } from '../../src/engine/pipeline';
import { buildUnitSheet } from '../../src/engine/sheet/layout';
import { modelToSheetInput } from '../../src/engine/sheet/testing';
import type { Unit, WorkbookInput } from '../../src/engine/types';

const parsed = parseUnits(units2025Json);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const FORMER: Unit[] = [{ code: 'chung-chai', name: 'Chung Chải', kind: 'xã', emails: [] }];

/** 2025's sheet of `u` with TCD_LUOT 1 in months `months`. */
function book(u: Pick<Unit, 'code' | 'name' | 'kind'>, months: number[]): WorkbookInput {
  const values = Array.from({ length: 12 }, (_, i) => (months.includes(i + 1) ? 1 : null));
  const sheet = buildUnitSheet(u, 2025, defaultCatalogue(), { values: { TCD_LUOT: values } });
  return { source: `${u.code}.xlsx`, sheets: [modelToSheetInput(sheet)] };
}

/** September 2025: the old Mường Nhé and Nậm Vì reported to June, the new Mường Nhé from July; Chung Chải's file unreadable. */
function unreadableLabels(units: Unit[]): string[] | undefined {
  const catalogue = defaultCatalogue();
  const mn = units.find((u) => u.code === 'muong-nhe-2025') as Unit;
  const workbooks = [
    book({ code: 'muong-nhe', name: 'Mường Nhé', kind: 'xã' }, [1, 2, 3, 4, 5, 6]),
    book({ code: 'nam-vi', name: 'Nậm Vì', kind: 'xã' }, [1, 2, 3, 4, 5, 6]),
    book(mn, [7, 8, 9]),
  ];
  const summary = summarise({
    catalogue,
    units,
    settings: defaultSettings(),
    period: { type: 'month', year: 2025, index: 9 },
    workbooks,
    formerUnits: FORMER,
    generatedAt: '2025-10-05T03:00:00Z',
  }).summary;
  const files = [{ file: 'xa/chung-chai-2025.xlsx', error: 'Tệp xa/chung-chai-2025.xlsx bị hỏng' }];
  return withUnreadableFiles(summary, catalogue, files, new Set(), FORMER).summary.unreadableFormer?.map(
    (u) => u.label,
  );
}

test('the merged unit with its code inside the bracket, not a bracket in a bracket', () => {
  const twin: Unit = { code: 'muong-nhe-dh', name: 'Mường Nhé', kind: 'xã', emails: [] };
  expect(unreadableLabels([...parsed.value, twin])).toEqual([
    'Xã Chung Chải (nay thuộc xã Mường Nhé, mã muong-nhe-2025)',
  ]);
  expect(unreadableLabels(parsed.value)).toEqual(['Xã Chung Chải (nay thuộc xã Mường Nhé)']);
});
