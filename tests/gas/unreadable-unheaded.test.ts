/**
 * A commune's tab of the year whose month header row was cleared, beside a tab that is read (last
 * year's): the engine's 'no-month-header' error, the commune "không đọc được báo cáo". Tổng hợp used
 * to raise no alert for it (only a spreadsheet without any report tab was told), and the error named
 * the spreadsheet "Tệp <the commune's name>" (layout b) or "Tệp <the master's name>" (layout a). Now
 * the alert says "Có 1 đơn vị không đọc được" with the reason, naming the spreadsheet by its name.
 */

import { LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import type { Unit } from '../../src/engine/types';
import { AGGREGATE, UNIT_BOOK } from '../../src/messages/vi/gas';
import {
  createEnv,
  type Env,
  lastAlert,
  MASTER_NAME,
  runAggregate,
  runSetup,
  runTemplates,
  seedUnitSheet,
  setSetting,
  unitSheet,
  unitUrls,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

let env: Env;
afterEach(() => env.dispose());

/** Both years' templates seeded, in layout (b) when `own`; the spreadsheet holding Nậm Kè's tabs. */
function setUp(own: boolean): { tab: Sheet; book: string } {
  env = createEnv();
  runSetup();
  if (own) setSetting(env.master, 'separateSpreadsheets', 'có');
  runTemplates(env.fake, YEAR - 1);
  runTemplates(env.fake, YEAR);
  const urls = own ? unitUrls(env.master) : {};
  env.units.forEach((u, i) => {
    seedUnitSheet(unitSheet(env, u, YEAR, urls[u.code]) as Sheet, i);
    seedUnitSheet(unitSheet(env, u, YEAR - 1, urls[u.code]) as Sheet, i, 12);
  });
  const namKe = env.units.find((u) => u.code === 'nam-ke') as Unit;
  const tab = unitSheet(env, namKe, YEAR, urls['nam-ke']) as Sheet;
  tab.getRange(LAYOUT.headerRow, monthCol(1), 1, 12).clearContent();
  const book = own ? SpreadsheetApp.openByUrl(urls['nam-ke']).getName() : MASTER_NAME;
  return { tab, book };
}

describe.each([
  ['(b), its own spreadsheet', true],
  ['(a), a tab of the master', false],
])('layout %s: Nậm Kè’s 2018 tab without its month header, its 2017 tab read', (_, own) => {
  test('Tổng hợp alerts "Có 1 đơn vị không đọc được" with the reason, naming the spreadsheet by its name', () => {
    const { tab, book } = setUp(own);
    const r = runAggregate(env.fake, '9/2018');
    if (!r) throw new Error('Tổng hợp failed');
    expect(r.summary.unreadableUnits).toEqual(['nam-ke']);
    const why = r.summary.findings.filter((f) => f.code === 'no-month-header' && f.unitCode === 'nam-ke');
    expect(why).toHaveLength(1);
    const label = UNIT_BOOK.book(book, own ? 'Xã Nậm Kè' : null);
    expect(why[0].message.startsWith(`${label}, trang "${tab.getName()}": `)).toBe(true);
    expect(why[0].message).not.toMatch(/Tệp /i);

    expect(r.problems).toEqual([why[0].message]);
    expect(lastAlert(env)).toContain(`${AGGREGATE.problems(1)}\n${why[0].message}`);
    // The summary's own list of findings says the same.
    const listed = r.sheets
      .map((name) => env.master.getSheetByName(name) as Sheet)
      .flatMap((s) => s.getDataRange().getValues().flat().map(String));
    expect(listed).toContain(why[0].message);
  });
});
