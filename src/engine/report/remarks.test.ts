/**
 * The "Ghi chú" remarks in the renderings a reader sees: a request written beside the notes row goes
 * with the notes (narrative, e-mail, summary sheet), once; a remark beside a figure ("số liệu tạm
 * tính") has a short section of its own in the e-mail, after the notes, bounded like them.
 */
import { narrate } from '../narrative/narrative';
import type { Summary, UnitRemark } from '../types';
import { fixtureCatalogue, fixtureSummary } from './fixtures';
import { renderHtmlReport } from './html';
import { buildSummaryWorkbook } from './summary-workbook';
import { MAIL_REMARKS, MAIL_REMARKS_BUDGET, mailRemarkLines, remarksListed, renderTextReport } from './text';

const catalogue = fixtureCatalogue();
const NOTE_CODE = catalogue.indicators.find((i) => i.kind === 'note')?.code as string;
const label = (code: string) => catalogue.indicators.find((i) => i.code === code)?.label as string;
const REQUEST = 'Đề nghị hỗ trợ 200 triệu đồng khắc phục sạt lở đường Huổi Lếch';
const CAVEAT = 'Số liệu tạm tính, tháng sau điều chỉnh';

function remark(unitCode: string, indicatorCode: string, cell: string, text: string, s: Summary): UnitRemark {
  const unit = s.units.find((u) => u.code === unitCode);
  if (!unit) throw new Error(`no unit ${unitCode}`);
  return {
    unitCode,
    unitName: unit.name,
    unitKind: unit.kind,
    file: `${unitCode}-2018.xlsx`,
    sheet: `${unit.name} 2018`,
    indicatorCode,
    cell,
    text,
  };
}

function withRemarks(): Summary {
  const s = fixtureSummary();
  s.remarks = [remark('huoi-lech', 'DTN_QUA', 'R24', CAVEAT, s), remark('huoi-lech', NOTE_CODE, 'R48', REQUEST, s)];
  s.narrative = narrate(s, catalogue);
  return s;
}

/** The part of `body` from `start` up to the first of `ends` after it (or the end). */
function between(body: string, start: string, ...ends: string[]): string {
  const from = body.indexOf(start);
  expect(from).toBeGreaterThanOrEqual(0);
  const after = ends.map((e) => body.indexOf(e, from + start.length)).filter((i) => i > 0);
  return body.slice(from, after.length ? Math.min(...after) : undefined);
}

test('a request beside the notes row is quoted in the narrative’s notes paragraph, marked', () => {
  const s = withRemarks();
  const notes = s.narrative.find((p) => p.startsWith(`${label(NOTE_CODE)} của các`));
  expect(notes).toContain(`xã Huổi Lếch (ghi ở cột Ghi chú): ${REQUEST}`);
  // The figure's remark is not a note.
  expect(s.narrative.join('\n')).not.toContain(CAVEAT);
});

test('a request beside the notes row alone still makes the notes paragraph', () => {
  const s = fixtureSummary();
  const ind = s.indicators.find((i) => i.code === NOTE_CODE);
  if (ind) ind.notes = [];
  s.remarks = [remark('huoi-lech', NOTE_CODE, 'R48', REQUEST, s)];
  expect(narrate(s, catalogue).join('\n')).toContain(`xã Huổi Lếch (ghi ở cột Ghi chú): ${REQUEST}`);
});

test('the text e-mail: the request among the notes, the caveat in its own section after them', () => {
  const s = withRemarks();
  const text = renderTextReport(s, catalogue);
  const notes = between(text, 'KHÓ KHĂN, VƯỚNG MẮC, KIẾN NGHỊ CỦA CƠ SỞ', 'GHI CHÚ CỦA CƠ SỞ', '-- ');
  expect(notes).toContain(`- Xã Huổi Lếch (ghi ở cột Ghi chú): ${REQUEST}.`);
  expect(notes).not.toContain(CAVEAT);
  const remarks = between(text, 'GHI CHÚ CỦA CƠ SỞ BÊN CẠNH SỐ LIỆU', '-- ');
  expect(text.indexOf('GHI CHÚ CỦA CƠ SỞ BÊN CẠNH SỐ LIỆU')).toBeGreaterThan(text.indexOf('KHÓ KHĂN, VƯỚNG MẮC'));
  expect(remarks).toContain(`- Xã Huổi Lếch, chỉ tiêu "${label('DTN_QUA')}" (ô R24): ${CAVEAT}`);
  expect(remarks).not.toContain(REQUEST);
});

test('the HTML e-mail: the request among the notes, the caveat in its own section after them', () => {
  const html = renderHtmlReport(withRemarks(), catalogue);
  const notes = between(html, '>Khó khăn, vướng mắc, kiến nghị của cơ sở<', '>Ghi chú của cơ sở bên cạnh số liệu<');
  expect(notes).toContain(`Xã Huổi Lếch (ghi ở cột Ghi chú): ${REQUEST}.`);
  expect(notes).not.toContain(CAVEAT);
  const remarks = between(html, '>Ghi chú của cơ sở bên cạnh số liệu<', '</table>\n</td></tr>');
  expect(remarks).toContain(`(ô R24): ${CAVEAT}`);
});

test('the summary sheet lists the request with the notes, once, and never calls the notes row an indicator', () => {
  const s = withRemarks();
  const main = buildSummaryWorkbook(s, catalogue).sheets[0];
  const texts = main.rows.flatMap((r) => r.map((c) => c?.v)).filter((v): v is string => typeof v === 'string');
  const notesAt = texts.indexOf('KHÓ KHĂN, VƯỚNG MẮC, KIẾN NGHỊ CỦA CƠ SỞ');
  const remarksAt = texts.indexOf('GHI CHÚ CỦA CƠ SỞ BÊN CẠNH SỐ LIỆU');
  expect(notesAt).toBeGreaterThan(0);
  expect(remarksAt).toBeGreaterThan(notesAt);
  const request = texts.filter((t) => t.includes(REQUEST));
  // Once, as a note (the narrative's paragraph quotes it too, before the notes section).
  expect(request.filter((t) => texts.indexOf(t) > notesAt)).toEqual([`Xã Huổi Lếch (ghi ở cột Ghi chú): ${REQUEST}.`]);
  expect(texts.indexOf(request[request.length - 1])).toBeLessThan(remarksAt);
  expect(texts.some((t) => t.includes(`chỉ tiêu "${label(NOTE_CODE)}"`))).toBe(false);
  expect(texts.slice(remarksAt)).toContain(`Xã Huổi Lếch, chỉ tiêu "${label('DTN_QUA')}" (ô R24): ${CAVEAT}`);
  expect(remarksListed(s)).toBe(2);
});

test('many remarks beside figures: at most MAIL_REMARKS in the e-mail, then how many more and where', () => {
  const s = fixtureSummary();
  const codes = catalogue.indicators.filter((i) => i.kind !== 'note').map((i) => i.code);
  s.remarks = s.units.flatMap((u) =>
    codes.slice(0, 4).map((code, i) => remark(u.code, code, `R${10 + i}`, `${CAVEAT} — ${u.name} ${code}`, s)),
  );
  expect(s.remarks.length).toBeGreaterThan(MAIL_REMARKS + 5);
  const lines = mailRemarkLines(s, catalogue);
  expect(lines).toHaveLength(MAIL_REMARKS + 1);
  expect(lines[MAIL_REMARKS]).toBe(
    `… và ${s.remarks.length - MAIL_REMARKS} ghi chú khác — xem đủ ở trang "Tổng hợp 2018-09" trong bảng tổng hợp kèm theo.`,
  );
  const text = renderTextReport(s, catalogue);
  expect(between(text, 'GHI CHÚ CỦA CƠ SỞ BÊN CẠNH SỐ LIỆU', '-- ').match(/^- /gm)).toHaveLength(MAIL_REMARKS + 1);
  // Sent without the workbook (too large for Gmail): the line does not point to an attachment.
  const unattached = mailRemarkLines(s, catalogue, false).at(-1) as string;
  expect(unattached).toContain('lần này không đính kèm được tệp đó');
  expect(unattached).not.toContain('kèm theo');
  expect(renderTextReport(s, catalogue, { attached: false })).toContain(unattached);
});

test('long remarks beside figures: cut, within the byte budget, and the e-mail says where they are in full', () => {
  const s = fixtureSummary();
  const long = `"<&> 漢字漢字 ự ${CAVEAT} `.repeat(40);
  s.remarks = s.units.flatMap((u) =>
    ['DTN_QUA', 'DTN_GIUPDAN'].map((code, i) => remark(u.code, code, `R${20 + i}`, long, s)),
  );
  const lines = mailRemarkLines(s, catalogue);
  const shown = lines.slice(0, -1);
  // The budget, not the count, bounds them.
  expect(shown.length).toBeLessThan(Math.min(MAIL_REMARKS, s.remarks.length));
  const escaped = shown.map((l) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  expect(escaped.reduce((n, l) => n + Buffer.byteLength(l), 0)).toBeLessThanOrEqual(MAIL_REMARKS_BUDGET);
  for (const l of shown) expect(l).toMatch(/…$/);
  expect(lines[lines.length - 1]).toMatch(/^… và \d+ ghi chú khác — xem đủ ở trang "Tổng hợp 2018-09"/);

  s.remarks = s.remarks.slice(0, 1);
  expect(mailRemarkLines(s, catalogue)[1]).toBe(
    'Ghi chú dài được trích một phần — xem đủ ở trang "Tổng hợp 2018-09" trong bảng tổng hợp kèm theo.',
  );
});

test('no remarks: no remarks section in either e-mail', () => {
  const s = fixtureSummary();
  expect(renderTextReport(s, catalogue)).not.toContain('GHI CHÚ CỦA CƠ SỞ');
  expect(renderHtmlReport(s, catalogue)).not.toContain('Ghi chú của cơ sở bên cạnh số liệu');
  expect(remarksListed(s)).toBe(0);
});
