/**
 * The monthly e-mail's .xlsx: Google's export ignores `gid` for xlsx and gives every sheet of
 * the spreadsheet (the fake's export does the same), so the attachment must come from a
 * temporary copy of the period's summary sheets — not the master with "Cài đặt" (recipients'
 * and admins' addresses), "Đơn vị" (communes' staff addresses), "Nhật ký" and the communes' tabs.
 */
import type { Period } from '../../../src/engine/types';
import { deps, setEmailDeps } from '../../../src/gas/email/deps';
import { monthlyReportJob } from '../../../src/gas/email/index';
import { exportXlsx, type StoredMessage } from '../../../src/gas/email/job';
import type { SentMail } from '../../fakes/gas/index';
import { logText, MASTER_ID, stubSummarySheets, type World, world, xlsxContent } from './helpers';

let w: World;
afterEach(() => w?.done());

const PRIVATE_SHEETS = ['Cài đặt', 'Đơn vị', 'Nhật ký', 'Dữ liệu'];

function onlyMail(): SentMail {
  expect(w.fake.mail.sent).toHaveLength(1);
  return w.fake.mail.sent[0];
}

/** The spreadsheets the job made (all but the master). */
function temporaries() {
  return w.fake.listSpreadsheets().filter((s) => s.id !== MASTER_ID);
}

describe("the attachment holds the period's summary sheets only", () => {
  test('no settings, no unit list, no log, no commune tab, no address; formulas from other sheets as values', async () => {
    w = world({ stubAggregate: true, allTabs: true, settings: { recipients: ['tinhuy@dienbien.gov.vn'] } });
    expect(monthlyReportJob().status).toBe('sent');
    const master = w.ss.getSheets().map((s) => s.getName());
    expect(master).toEqual(expect.arrayContaining([...PRIVATE_SHEETS, 'Chung Chải 2018', 'Tổng hợp 2018-09']));
    const m = onlyMail();
    expect(m.attachments).toHaveLength(1);
    const { names, cells } = await xlsxContent(m.attachments[0].bytes);
    expect(names).toEqual(['Tổng hợp 2018-09', 'Theo đơn vị 2018-09', 'Kiểm tra 2018-09']);
    const all = Object.values(cells).flat();
    expect(all.filter((t) => t.includes('@'))).toEqual([]);
    expect(all.join('\n')).not.toContain('#REF!');
    // The sum over "Dữ liệu" is its value; the formula on its own sheet stays; text stays text.
    expect(cells['Tổng hợp 2018-09']).toEqual(['TỔNG HỢP', '2018-09', '5', 'A2*2', '10']);
    // The temporary copy is in the trash.
    expect(temporaries()).toEqual([expect.objectContaining({ trashed: true })]);
  });

  test('with the add-on\'s own "Tổng hợp": the four sheets it wrote for the period, as the CLI attaches', async () => {
    w = world({
      now: '2018-09-20T07:05:00+07:00',
      allTabs: true,
      settings: { recipients: ['tinhuy@dienbien.gov.vn'] },
      units: { 'chung-chai': { submitted: { 9: '2018-09-15' }, values: { TCD_LUOT: [2, 3, 1, 2, 4, 2, 1, 3, 5] } } },
    });
    expect(monthlyReportJob().status).toBe('sent');
    const { names, cells } = await xlsxContent(onlyMail().attachments[0].bytes);
    expect(names).toEqual(['Tổng hợp 2018-09', 'Theo đơn vị 2018-09', 'Kiểm tra 2018-09', 'Huyện Mường Nhé 2018']);
    const all = Object.values(cells).flat();
    expect(all.filter((t) => t.includes('@'))).toEqual([]);
    expect(all.join('\n')).not.toContain('#REF!');
    expect(cells['Tổng hợp 2018-09'].join('\n')).toContain('Chung Chải');
    expect(temporaries().map((s) => s.trashed)).toEqual([true]);
  });
});

test('a few service calls per sheet, none per cell', async () => {
  w = world({ stubAggregate: true });
  const ids = stubSummarySheets(w.ss, '2018-09');
  const msg: StoredMessage = {
    subject: '',
    html: '',
    text: '',
    attachmentName: 'Tổng hợp.xlsx',
    spreadsheetId: MASTER_ID,
    sheetId: ids[0],
    sheetIds: ids,
    senderName: '',
  };
  const attach = () => {
    w.fake.resetCalls();
    const blob = exportXlsx(msg, 'tháng 9/2018');
    expect(blob).not.toBeNull();
    return { calls: w.fake.calls.total, bytes: new Uint8Array((blob?.getBytes() ?? []).map((b) => b & 0xff)) };
  };
  const small = attach();
  const rows = Array.from({ length: 500 }, (_, i) => [`='Dữ liệu'!B1+${i}`, `=A${i + 3}*2`]);
  w.ss.getSheetByName('Tổng hợp 2018-09')?.getRange('A3:B502').setFormulas(rows);
  const big = attach();
  expect(big.calls).toBe(small.calls);
  expect(small.calls).toBeLessThanOrEqual(10 + 15 * ids.length);
  const { cells } = await xlsxContent(big.bytes);
  expect(cells['Tổng hợp 2018-09'].slice(-2)).toEqual(['A502*2', String((2 + 499) * 2)]);
});

describe('when the attachment cannot be made', () => {
  test('the export fails: the report goes without it, says so truthfully, and the copy is still trashed', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['tinhuy@dienbien.gov.vn'] } });
    const google = w.fake.http.files;
    w.fake.http.handler = (req) =>
      /\/export\?/.test(req.url) ? { status: 500, body: 'Internal error' } : (google?.(req) ?? { status: 404 });
    expect(monthlyReportJob().status).toBe('sent');
    const m = onlyMail();
    expect(m.attachments).toHaveLength(0);
    expect(m.body).toContain('Không đính kèm được tệp .xlsx');
    // Recipients outside the district cannot open the master: the note does not send them there.
    expect(m.body).not.toMatch(/xem được trong bảng tính/);
    expect(temporaries().map((s) => s.trashed)).toEqual([true]);
    expect(logText(w)).toMatch(/không xuất được tệp \.xlsx đính kèm \(.*HTTP 500/);
  });

  test('the temporary spreadsheet cannot be created: the report goes without it, logged', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['tinhuy@dienbien.gov.vn'] } });
    w.fake.faults.add({
      method: 'SpreadsheetApp.create',
      error: 'Service Spreadsheets failed while accessing document.',
    });
    expect(monthlyReportJob().status).toBe('sent');
    const m = onlyMail();
    expect(m.attachments).toHaveLength(0);
    expect(m.body).toContain('Không đính kèm được tệp .xlsx');
    expect(w.exports).toEqual([]); // never the master instead
    expect(logText(w)).toContain('không xuất được tệp .xlsx đính kèm');
  });

  test('the copy cannot be trashed: the report goes with its attachment and "Nhật ký" says what to delete', () => {
    w = world({ stubAggregate: true, settings: { recipients: ['tinhuy@dienbien.gov.vn'] } });
    const google = w.fake.http.files;
    w.fake.http.handler = (req) =>
      req.method === 'PATCH' ? { status: 503, body: 'Backend Error' } : (google?.(req) ?? { status: 404 });
    expect(monthlyReportJob().status).toBe('sent');
    expect(onlyMail().attachments).toHaveLength(1);
    expect(temporaries().map((s) => s.trashed)).toEqual([false]);
    expect(logText(w)).toMatch(
      /không chuyển được bảng tính tạm "~ Tổng hợp tháng 9-2018 .*" vào thùng rác \(.*HTTP 503/,
    );
  });
});

test('the summary sheet is gone from the master: "Nhật ký" says so in Vietnamese', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['tinhuy@dienbien.gov.vn'] } });
  const original = deps().aggregate;
  setEmailDeps({ aggregate: (p: Period) => ({ ...original(p), sheetId: 987654, sheetIds: [987654] }) });
  expect(monthlyReportJob().status).toBe('sent');
  expect(onlyMail().attachments).toHaveLength(0);
  expect(logText(w)).toContain('không tìm thấy trang tổng hợp của kỳ trong bảng tính');
  expect(logText(w)).not.toMatch(/no summary sheet/);
});
