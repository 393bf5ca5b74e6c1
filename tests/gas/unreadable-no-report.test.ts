/**
 * Layout (b): a commune's spreadsheet that opens but has no tab read as a report (the month
 * columns deleted, the header row rewritten) used to make the commune "Chưa báo cáo" ("chưa có
 * trang báo cáo năm 2018") in Tổng hợp, its e-mail and its narrative, while the CLI calls such a
 * workbook "Không đọc được báo cáo" with the reason. Now the add-on says the same: unreadable, the
 * engine's reason, and a note naming the spreadsheet and its tab. The spreadsheet is named once, by its
 * own name ("Bảng tính "…" của Xã Nậm Kè"), not "Tệp Xã Nậm Kè" (the add-on's source for it).
 */

import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { renderTextReport } from '../../src/engine/report/text';
import { LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import type { Unit } from '../../src/engine/types';
import { runCheck } from '../../src/gas/check';
import { FINDING_TEXT } from '../../src/messages/vi/findings';
import { MENU, SHEETS, UNIT_BOOK } from '../../src/messages/vi/gas';
import { REPORT_TEXT } from '../../src/messages/vi/report';
import { sheetsApiHandler } from '../fakes/gas/sheets-api';
import {
  configOf,
  createEnv,
  type Env,
  lastAlert,
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
type Reader = 'api' | 'spreadsheetapp';

const SUMMARY = `Tổng hợp ${YEAR}-09`;
const catalogue = defaultCatalogue();

/** Ways a commune's tab stops being read as a report. */
const BREAKS: [string, (s: Sheet) => void][] = [
  ['the month columns deleted', (s) => s.deleteColumns(monthCol(1), 12)],
  [
    'the header row rewritten',
    (s) =>
      s
        .getRange(LAYOUT.headerRow, monthCol(1), 1, 12)
        .setValues([Array.from({ length: 12 }, (_, i) => `Cột ${String.fromCharCode(65 + i)}`)]),
  ],
];

const CASES: [Reader, string, (s: Sheet) => void][] = (['api', 'spreadsheetapp'] as Reader[]).flatMap((reader) =>
  BREAKS.map(([how, fn]): [Reader, string, (s: Sheet) => void] => [reader, how, fn]),
);

describe.each(CASES)('layout (b), %s reader: a commune’s only tab with %s', (reader, _how, breakTab) => {
  let env: Env;
  afterEach(() => env.dispose());

  test('the commune is "Không đọc được báo cáo", not "Chưa báo cáo"; the finding names the spreadsheet and tab and says why', () => {
    env = createEnv();
    runSetup();
    setSetting(env.master, 'separateSpreadsheets', 'có');
    runTemplates(env.fake, YEAR);
    const urls = unitUrls(env.master);
    env.units.forEach((u, i) => {
      seedUnitSheet(unitSheet(env, u, YEAR, urls[u.code]) as Sheet, i);
    });
    if (reader === 'spreadsheetapp') env.fake.http.handler = sheetsApiHandler(env.fake, { disabled: true });
    const namKe = env.units.find((u) => u.code === 'nam-ke') as Unit;
    const tab = unitSheet(env, namKe, YEAR, urls['nam-ke']) as Sheet;
    breakTab(tab);
    const book = SpreadsheetApp.openByUrl(urls['nam-ke']).getName();

    const r = runAggregate(env.fake, '9/2018');
    if (!r) throw new Error('Tổng hợp failed');
    const summary = r.summary;
    expect(summary.completeness.reported).toBe(env.units.length - 1);
    expect(summary.unreadableUnits).toEqual(['nam-ke']);
    expect(summary.findings.some((f) => f.code === 'unit-missing' && f.unitCode === 'nam-ke')).toBe(false);
    expect(summary.findings.map((f) => f.message)).not.toContain(FINDING_TEXT.unitMissing('Xã Nậm Kè', YEAR));

    // The engine's reason, then whose it is: the spreadsheet and its tab.
    const why = summary.findings.filter((f) => f.unitCode === 'nam-ke' && f.code === 'no-report-sheet');
    expect(why).toHaveLength(1);
    expect(why[0].severity).toBe('error');
    expect(why[0].sheet).toBe(tab.getName());
    // Which tab, whose, and to write the month headers again.
    expect(why[0].message).toContain(
      `không đọc được trang báo cáo nào: trang "${tab.getName()}" có ô đơn vị (Xã Nậm Kè, năm 2018) và các dòng chỉ tiêu nhưng không tìm thấy dòng tiêu đề có các cột tháng`,
    );
    expect(why[0].message).toContain(UNIT_BOOK.noReport('Xã Nậm Kè', 'aggregate'));
    // The spreadsheet named once, by its own name, not as a "Tệp" named after the commune.
    expect(why[0].message.startsWith(`${UNIT_BOOK.book(book, 'Xã Nậm Kè')}: không đọc được trang báo cáo nào`)).toBe(
      true,
    );
    expect(why[0].message.split(`"${book}"`)).toHaveLength(2);
    expect(why[0].message).not.toMatch(/Tệp /i);
    expect(why[0].message).toContain(`"${tab.getName()}"`);

    // The alert, the summary sheet, the narrative and the e-mail's text say "không đọc được".
    expect(r.problems).toEqual([why[0].message]);
    expect(lastAlert(env)).toContain(why[0].message);
    const sheetText = (env.master.getSheetByName(SUMMARY) as Sheet)
      .getDataRange()
      .getValues()
      .map((row) => row.join(' '))
      .join('\n');
    expect(sheetText).toContain(REPORT_TEXT.unreadableUnits(['Xã Nậm Kè']));
    expect(summary.narrative.join(' ')).toMatch(/không đọc được báo cáo của: [^.]*Nậm Kè/);
    const mail = renderTextReport(summary, catalogue);
    expect(mail).toMatch(new RegExp(`${REPORT_TEXT.unreadableTitle}: [^\\n]*Nậm Kè`));
    expect(mail).not.toMatch(/Chưa báo cáo: [^\n]*Nậm Kè/);

    // "Kiểm tra" says the same of it: the error and whose it is, not "chưa có trang báo cáo".
    runCheck(env.master, configOf(env.master), { year: YEAR });
    const listed = (env.master.getSheetByName(SHEETS.check) as Sheet).getDataRange().getValues();
    const mine = listed.filter((x) => x[1] === 'Xã Nậm Kè');
    expect(mine.map((x) => [x[0], x[3]])).toEqual([['Lỗi', tab.getName()]]);
    const checked = String(mine[0][4]);
    expect(checked.startsWith(`${UNIT_BOOK.book(book, 'Xã Nậm Kè')}: không đọc được trang báo cáo nào`)).toBe(true);
    expect(checked).not.toMatch(/Tệp /i);
    // Kiểm tra was what the clerk ran: run it again, not Tổng hợp.
    expect(checked).toContain(UNIT_BOOK.noReport('Xã Nậm Kè', 'check'));
    expect(checked).toContain(`chạy lại ${MENU.check}.`);
    expect(checked).not.toContain(`chạy lại ${MENU.aggregate}`);
  });
});
