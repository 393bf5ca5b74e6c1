/**
 * The add-on runs the same engine as the CLI: a commune's remark typed in the "Ghi chú" column (R)
 * of its tab reaches the "Tổng hợp" sheet, with unit and indicator, whichever way the tabs are read;
 * the totals are the same as without it.
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, LAYOUT } from '../../src/engine/sheet/layout';
import { monthlyReportJob } from '../../src/gas/email/index';
import { type World, world } from './email/helpers';
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

describe('the monthly e-mail of the add-on', () => {
  let w: World | undefined;
  afterEach(() => w?.done());

  test('quotes a request beside the notes row with the notes, and a caveat beside a figure after them', () => {
    w = world({
      now: '2018-09-20T07:05:00+07:00',
      settings: { recipients: ['tinhuy@dienbien.gov.vn'] },
      units: { 'chung-chai': { submitted: { 9: '2018-09-15' }, values: { TCD_LUOT: [2, 3, 1, 2, 4, 2, 1, 3, 5] } } },
    });
    const tab = w.ss.getSheets().find((s) => s.getName().includes('Chung Chải')) as Sheet;
    const rows = indicatorRows(catalogue);
    const request = 'Đề nghị hỗ trợ kinh phí sửa cầu treo bản Chung Chải';
    tab.getRange(rows.get('GHI_CHU') as number, LAYOUT.noteCol).setValue(request);
    tab.getRange(rows.get('DTN_QUA') as number, LAYOUT.noteCol).setValue(REMARK);
    expect(monthlyReportJob().status).toBe('sent');
    const mail = w.fake.mail.sent.at(-1);
    const text = mail?.body ?? '';
    const notesAt = text.indexOf('KHÓ KHĂN, VƯỚNG MẮC, KIẾN NGHỊ CỦA CƠ SỞ');
    const remarksAt = text.indexOf('GHI CHÚ CỦA CƠ SỞ BÊN CẠNH SỐ LIỆU');
    expect(notesAt).toBeGreaterThan(0);
    expect(remarksAt).toBeGreaterThan(notesAt);
    expect(text.slice(notesAt, remarksAt)).toContain(`- Xã Chung Chải (ghi ở cột Ghi chú): ${request}.`);
    expect(text.slice(remarksAt)).toContain(`(ô R${rows.get('DTN_QUA')}): ${REMARK}`);
    expect(mail?.htmlBody).toContain('Ghi chú của cơ sở bên cạnh số liệu');
    // The narrative quotes the request too.
    expect(text).toContain(`xã Chung Chải (ghi ở cột Ghi chú): ${request}`);
  });
});
