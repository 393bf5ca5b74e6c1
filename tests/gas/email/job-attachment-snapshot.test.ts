/**
 * A report resumed after the mail quota (a day later) must attach the figures of its stored body,
 * not the summary sheets as a later "Tổng hợp" or an edit left them: one report per mail.
 */
import { monthlyReportJob, resumeReportJob } from '../../../src/gas/email/index';
import { currentJob } from '../../../src/gas/email/job';
import { MASTER_ID, recipientsList, type World, world, xlsxContent } from './helpers';

let w: World;
afterEach(() => w?.done());

const bytesOf = (i: number) => w.fake.mail.sent[i].attachments[0].bytes;

test('after a quota pause the .xlsx is the one of the first send, though the sheets changed meanwhile', async () => {
  const all = recipientsList(60);
  w = world({ stubAggregate: true, mailQuota: 50, settings: { recipients: all } });
  expect(monthlyReportJob().status).toBe('quota');
  expect(w.fake.mail.sent).toHaveLength(1);
  const first = await xlsxContent(bytesOf(0));
  expect(first.cells['Tổng hợp 2018-09'][0]).toBe('TỔNG HỢP');

  // Meanwhile someone edits the summary sheet (or runs "Tổng hợp" again).
  w.ss.getSheetByName('Tổng hợp 2018-09')?.getRange('A1').setValue('SỐ LIỆU MỚI');
  w.fake.mail.setRemainingQuota(100);
  w.fake.clock.advance(31 * 60_000);
  expect(resumeReportJob().status).toBe('sent');
  expect(w.fake.mail.sent).toHaveLength(2);
  expect(w.fake.mail.sent[1].attachments).toHaveLength(1);
  const second = await xlsxContent(bytesOf(1));
  expect(second).toEqual(first);
  expect(JSON.stringify(second)).not.toContain('SỐ LIỆU MỚI');
  // The body stored at the first send is the second mail's too.
  expect(w.fake.mail.sent[1].htmlBody).toBe(w.fake.mail.sent[0].htmlBody);

  // Done: the copy it was exported from is in the trash, none left behind.
  expect(currentJob()).toBeNull();
  const copies = w.fake.listSpreadsheets().filter((s) => s.id !== MASTER_ID);
  expect(copies.length).toBeGreaterThan(0);
  expect(copies.every((s) => s.trashed)).toBe(true);
});
