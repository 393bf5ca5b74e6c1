/**
 * A report sent again: the HTML's <title> is the subject as sent, marked "(gửi lại, …)", not the
 * first copy's.
 */

import { editionSubject, withTitle } from './edition';
import { escapeHtml } from './escape';
import { fixtureCatalogue, fixtureSummary } from './fixtures';
import { emailSubject, renderHtmlReport } from './html';

test('the title of a report sent again is its marked subject, escaped; nothing else changes', () => {
  const summary = fixtureSummary();
  summary.settings = { ...summary.settings, aggregatingUnitName: 'Mường <Nhé> & Co' };
  const html = renderHtmlReport(summary, fixtureCatalogue());
  const subject = editionSubject(emailSubject(summary), { replaces: '2018-09-20T03:00:00Z' }, 'Asia/Ho_Chi_Minh');
  expect(subject).toContain('(gửi lại, thay thế bản ngày 20/09/2018)');
  const marked = withTitle(html, subject);
  const titles = [...marked.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
  expect(titles).toEqual([escapeHtml(subject)]);
  // Only the title differs.
  const unmarked = `<title>${escapeHtml(emailSubject(summary))}</title>`;
  expect(html).toContain(unmarked);
  expect(marked.replace(`<title>${escapeHtml(subject)}</title>`, unmarked)).toBe(html);
});
