/**
 * "Mở bảng tổng hợp" links to the district's master spreadsheet, which the report's usual readers
 * (the province's leaders) cannot open: the link is shown only when every recipient may open it
 * (the owner, an editor, a viewer), and the note of a missing attachment does not send anyone to
 * it either (review O §4).
 */
import { monthlyReportJob, sendReportNow } from '../../../src/gas/email/index';
import { MASTER_ID, type World, world } from './helpers';

let w: World;
afterEach(() => w?.done());

function last() {
  const m = w.fake.mail.sent.at(-1);
  if (!m) throw new Error('no mail sent');
  return { text: m.body, html: m.htmlBody ?? '' };
}

test('recipients outside the district (not sharing the spreadsheet) get no link to it', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['lanhdao@tinhuy.vn', 'bantuyengiao@tinhuy.vn'] } });
  expect(monthlyReportJob().status).toBe('sent');
  const { text, html } = last();
  for (const part of [text, html]) {
    expect(part).not.toContain(MASTER_ID);
    expect(part).not.toContain('Mở bảng tổng hợp');
  }
  // The report itself is all there.
  expect(html).toContain('BÁO CÁO TỔNG HỢP');
});

test('recipients who all may open the spreadsheet (owner, editor, viewer) get the link', () => {
  w = world({
    stubAggregate: true,
    settings: { recipients: ['bdv@muongnhe.vn', 'pho.ban@muongnhe.vn', 'Chuyen.Vien@muongnhe.vn'] },
  });
  w.ss.addEditor('pho.ban@muongnhe.vn');
  w.ss.addViewer('chuyen.vien@muongnhe.vn');
  expect(monthlyReportJob().status).toBe('sent');
  const { text, html } = last();
  expect(html).toContain('>Mở bảng tổng hợp</a>');
  expect(html).toContain(`https://docs.google.com/spreadsheets/d/${MASTER_ID}/edit#gid=`);
  expect(text).toContain(`Mở bảng tổng hợp: https://docs.google.com/spreadsheets/d/${MASTER_ID}/edit#gid=`);
});

test('one recipient without access among others: no link for anyone (they share one message)', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['bdv@muongnhe.vn', 'lanhdao@tinhuy.vn'] } });
  expect(sendReportNow().status).toBe('sent');
  const { text, html } = last();
  expect(html).not.toContain(MASTER_ID);
  expect(text).not.toContain(MASTER_ID);
});

test('no attachment (the export failed): the note does not point to the spreadsheet either', () => {
  w = world({ stubAggregate: true, settings: { recipients: ['lanhdao@tinhuy.vn'] } });
  w.fake.http.handler = () => ({ status: 500, body: 'error' });
  expect(monthlyReportJob().status).toBe('sent');
  const { text, html } = last();
  expect(text).toContain('Không đính kèm được tệp .xlsx lần này');
  for (const part of [text, html]) {
    expect(part).not.toContain(MASTER_ID);
    expect(part).not.toMatch(/đường dẫn ở trên|xem được trong bảng tính/);
  }
});
