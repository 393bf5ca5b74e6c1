/** A note typed as a list of points keeps its lines in the notes list of every output. */
import { narrate } from '../narrative/narrative';
import { escapeHtml } from './escape';
import { fixtureCatalogue, fixtureSummary } from './fixtures';
import { renderHtmlReport } from './html';
import { buildSummaryWorkbook } from './summary-workbook';
import { renderTextReport } from './text';

const catalogue = fixtureCatalogue();

function withNote(text: string) {
  const s = fixtureSummary();
  const ind = s.indicators.find((i) => i.kind === 'note');
  const unit = s.units.find((u) => u.code === 'nam-ke');
  ind!.notes = [{ unitCode: 'nam-ke', unitName: unit!.name, month: 9, text }];
  return s;
}

describe('a note of several lines', () => {
  const s = withNote('1. Đường bản A  sạt lở;\r\n\r\n2. Cầu treo bản B <hỏng>\n  3. Thiếu kinh phí.  ');

  it('keeps its lines in the HTML e-mail (escaped, then <br>)', () => {
    const html = renderHtmlReport(s, catalogue);
    expect(html).toContain(
      `<li>Xã Nậm Kè (tháng 9): 1. Đường bản A sạt lở;<br>${escapeHtml('2. Cầu treo bản B <hỏng>')}<br>3. Thiếu kinh phí.</li>`,
    );
  });

  it('keeps its lines in the text e-mail, indented under the dash', () => {
    const text = renderTextReport(s, catalogue);
    expect(text).toContain(
      '- Xã Nậm Kè (tháng 9): 1. Đường bản A sạt lở;\n  2. Cầu treo bản B <hỏng>\n  3. Thiếu kinh phí.\n',
    );
  });

  it('keeps its lines in the summary sheet’s notes, in a wrapped cell', () => {
    const main = buildSummaryWorkbook(s, catalogue).sheets[0];
    const cell = main.rows.flat().find((c) => typeof c?.v === 'string' && c.v.startsWith('Xã Nậm Kè (tháng 9)'));
    expect(cell?.v).toBe('Xã Nậm Kè (tháng 9): 1. Đường bản A sạt lở;\n2. Cầu treo bản B <hỏng>\n3. Thiếu kinh phí.');
    expect(cell?.s).toBe('note');
  });

  it('is one sentence in the narrative', () => {
    const p = narrate(s, catalogue).find((x) => x.includes('Đường bản A'));
    expect(p).toContain('1. Đường bản A sạt lở; 2. Cầu treo bản B <hỏng> 3. Thiếu kinh phí');
    expect(p).not.toContain('\n');
  });

  it('saying nothing on its lines is left out as a one-line "Không" is', () => {
    const html = renderHtmlReport(withNote('Không\n'), catalogue);
    expect(html).not.toContain('Xã Nậm Kè (tháng 9)');
  });
});
