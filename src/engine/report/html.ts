/**
 * The monthly report as an HTML e-mail. E-mail clients (Gmail, Outlook) drop <style>
 * blocks, scripts and SVG and block remote images, so the layout is tables with inline
 * styles only, the bar chart is nested tables with percentage widths, and nothing is
 * loaded from outside. Every user-provided string goes through `escapeHtml`; the only
 * link is the optional sheet URL, accepted only when it is http(s).
 */
import { capitalise, REPORT_TEXT as T } from '../../messages/vi/report';
import { pastLastMonth } from '../narrative/narrative';
import { periodLabel } from '../periods/period';
import type { Catalogue, Summary } from '../types';
import { escapeHtml as e, safeHttpUrl } from './escape';
import {
  anyListed,
  carriedStockLines,
  chartCaption,
  chartIndicator,
  chartRows,
  chartValueText,
  completenessLines,
  completenessLists,
  findingCounts,
  findingText,
  headingLines,
  isStock,
  keyCarried,
  keyIndicators,
  localTimestamp,
  MAIL_FINDINGS,
  type MailOptions,
  mailNoteLines,
  mailRemarkLines,
  quantity,
  rowMissingLines,
  sortedFindings,
  stockLegend,
  unattributedFilesLine,
  unevenNote,
  ytdCompareText,
} from './text';

const COLOR = {
  page: '#f3f4f6',
  card: '#ffffff',
  border: '#d9dde3',
  text: '#1f2328',
  muted: '#5b6670',
  heading: '#1f3864',
  headerFill: '#d9e2f3',
  bar: '#2f5597',
  barTrack: '#eef1f5',
};

const S = {
  body: `margin:0;padding:0;background-color:${COLOR.page};`,
  card:
    `width:100%;max-width:680px;background-color:${COLOR.card};border:1px solid ${COLOR.border};` +
    `border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:${COLOR.text};`,
  org: `padding:20px 24px 0 24px;font-size:13px;color:${COLOR.muted};`,
  title: `padding:4px 24px 0 24px;font-size:18px;font-weight:bold;color:${COLOR.heading};`,
  period: 'padding:2px 24px 0 24px;font-size:15px;font-weight:bold;',
  meta: `padding:2px 24px 14px 24px;font-size:12px;color:${COLOR.muted};`,
  section: `padding:14px 24px;border-top:1px solid ${COLOR.border};`,
  h2: `margin:0 0 8px 0;font-size:15px;font-weight:bold;color:${COLOR.heading};`,
  // Messages may hold a file path or a link with no space in it: wrapped anywhere, the e-mail
  // still fits a phone screen (tables of figures are not: a number never breaks).
  p: 'margin:0 0 10px 0;overflow-wrap:anywhere;word-break:break-word;',
  list: 'margin:0 0 8px 0;padding:0 0 0 20px;overflow-wrap:anywhere;word-break:break-word;',
  table: 'width:100%;border-collapse:collapse;font-size:13px;',
  th: `padding:6px 8px;border:1px solid ${COLOR.border};background-color:${COLOR.headerFill};text-align:left;font-weight:bold;`,
  td: `padding:6px 8px;border:1px solid ${COLOR.border};vertical-align:top;`,
  // Figures may wrap between the number and its unit ("196 / đoàn viên"), never inside a number
  // (1.000 has no space): on a phone the table then fits the screen.
  num: `padding:6px 8px;border:1px solid ${COLOR.border};vertical-align:top;text-align:right;`,
  small: `font-size:12px;color:${COLOR.muted};`,
  button:
    `display:inline-block;padding:8px 16px;background-color:${COLOR.bar};color:#ffffff;` +
    'text-decoration:none;font-weight:bold;border-radius:4px;',
  footer: `padding:14px 24px 20px 24px;border-top:1px solid ${COLOR.border};font-size:12px;color:${COLOR.muted};`,
};

const row = (style: string, html: string) => `<tr><td style="${style}">${html}</td></tr>`;
const section = (title: string, html: string) => row(S.section, `<h2 style="${S.h2}">${e(title)}</h2>${html}`);
const list = (items: string[]) =>
  items.length ? `<ul style="${S.list}">${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>` : '';
/** A list whose items may hold line breaks (a note written as a list of points). */
const multiLineList = (items: string[]) =>
  `<ul style="${S.list}">${items.map((i) => `<li>${e(i).replace(/\n/g, '<br>')}</li>`).join('')}</ul>`;
const para = (text: string, style = S.p) => `<p style="${style}">${e(text)}</p>`;

function keyFiguresTable(summary: Summary, catalogue: Catalogue): string {
  const label = periodLabel(summary.period);
  const last = pastLastMonth(summary);
  const head = [T.headers.indicator, capitalise(label), T.headers.ytd(last), T.compareHeader(last)]
    .map((h, i) => `<th style="${i === 0 ? S.th : `${S.th}text-align:right;`}">${e(h)}</th>`)
    .join('');
  const keys = keyIndicators(summary, catalogue);
  const carried = keyCarried(summary, catalogue, keys);
  // A stock once, "đến nay" (as the narrative says it), the period's cell "—": its period total
  // lacks the units carried, and two figures side by side would read as a mistake.
  const upTo = T.soFar(last);
  const soFar = (i: (typeof keys)[number]) =>
    i.ytd === null
      ? ''
      : `<br><span style="${S.small}">${e(upTo)}${carried.marked.has(i.code) ? ` ${e(T.carriedMark)}` : ''}</span>`;
  const body = keys
    .map((i) => {
      const stock = isStock(catalogue, i.code);
      return (
        `<tr><td style="${S.td}">${e(i.label)}</td>` +
        `<td style="${S.num}">${e(stock ? T.stockPeriodCell : quantity(i.period, i.unit))}</td>` +
        `<td style="${S.num}">${e(quantity(i.ytd, i.unit))}${stock ? soFar(i) : ''}</td>` +
        `<td style="${S.num}">${e(ytdCompareText(i))}</td></tr>`
      );
    })
    .join('');
  const legend = [stockLegend(summary, catalogue, keys), ...carried.notes, unevenNote(keys, ['ytd'])];
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="${S.table}"><tr>${head}</tr>${body}</table>` +
    legend
      .filter((l): l is string => !!l)
      .map((l) => para(l, `margin:6px 0 0 0;${S.small}`))
      .join('')
  );
}

function completenessHtml(summary: Summary): string {
  const lists = completenessLists(summary);
  let html = completenessLines(summary)
    .map((l) => para(l, 'margin:0 0 4px 0;'))
    .join('');
  const titled = (title: string, items: string[]) =>
    items.length ? `<p style="margin:8px 0 2px 0;font-weight:bold;">${e(title)}:</p>${list(items)}` : '';
  html += titled(T.lateTitle, lists.late) + titled(T.undatedTitle, lists.undated);
  html += titled(T.missingTitle, lists.missing) + titled(T.partlyTitle, lists.partly);
  html += titled(T.formerTitle, lists.former) + titled(T.unreadableTitle, lists.unreadable);
  html += titled(T.unreadableFormerTitle, lists.unreadableFormer);
  if (!anyListed(lists)) html += para(T.allOnTime);
  const loose = unattributedFilesLine(summary, lists);
  if (loose) html += para(loose);
  return html;
}

/**
 * Horizontal bars: one row per unit, bar width = value / largest value. Gmail clips a message past
 * about 102 KB, so a row is HTML attributes (bgcolor, width, cellpadding) rather than repeated inline
 * styles: about 200 bytes plus the name, where it was 480. Column widths are given once, on the first
 * row; the table's font applies to every cell. A province's 100+ units are not all drawn (chartRows):
 * the highest and the lowest, with a row for those between and one for those without a figure.
 */
function barChart(summary: Summary, catalogue: Catalogue, attached: boolean): string {
  const ind = chartIndicator(summary, catalogue);
  if (!ind) return '';
  const c = chartRows(summary, catalogue, ind);
  // The rows hold the highest figure (all units, or the highest first when sorted).
  const max = Math.max(0, ...c.rows.map((u) => u.value ?? 0));
  const caption = chartCaption(summary, catalogue, ind);
  const note = (text: string) => `<tr><td colspan="3" style="${S.small}font-style:italic;">${e(text)}</td></tr>`;
  const bars = c.rows.map((u, i) => {
    const w = (pct: number) => (i === 0 ? ` width="${pct}%"` : '');
    const name = `<td${w(34)}>${e(u.label)}</td>`;
    if (u.value === null)
      return `<tr>${name}<td${w(52)} bgcolor="${COLOR.barTrack}"></td><td${w(14)} align="right" nowrap style="${S.small}font-style:italic;">${e(T.barMissing)}</td></tr>`;
    const pct = u.value > 0 ? Math.max(1, Math.round((u.value / max) * 100)) : 0;
    const bar = pct
      ? `<table role="presentation" width="${pct}%" cellpadding="0" cellspacing="0"><tr><td bgcolor="${COLOR.bar}" style="font-size:1px;line-height:14px;">&nbsp;</td></tr></table>`
      : '';
    return `<tr>${name}<td${w(52)} bgcolor="${COLOR.barTrack}">${bar}</td><td${w(14)} align="right" nowrap>${e(chartValueText(u))}</td></tr>`;
  });
  if (c.hidden) bars.splice(c.top, 0, note(T.barOthers(c.hidden, attached)));
  if (c.noData) bars.push(note(T.barNoData(c.noData)));
  const order = c.sorted ? para(T.barSorted(c.rows.length, c.withFigure), `${S.p}${S.small}`) : '';
  const legend = caption.notes.map((l) => para(l, `margin:6px 0 0 0;${S.small}`)).join('');
  return section(
    caption.title,
    `${order}<table role="presentation" cellpadding="3" cellspacing="0" width="100%" style="${S.table}">${bars.join('')}</table>${legend}`,
  );
}

function checksHtml(summary: Summary, catalogue: Catalogue, attached: boolean): string {
  const n = summary.findings.length;
  const c = findingCounts(summary.findings);
  let html = para(n ? `${T.findingCounts(c.error, c.warning, c.info)}.` : T.noFindings, 'margin:0 0 4px 0;');
  html += para(T.excluded(summary.excludedCells));
  for (const line of rowMissingLines(summary)) html += para(line);
  for (const line of carriedStockLines(summary, catalogue)) html += para(line);
  const shown = sortedFindings(summary.findings).slice(0, MAIL_FINDINGS);
  if (shown.length) {
    html += `<ul style="${S.list}">${shown
      .map((f) => `<li><b>${e(T.severity[f.severity])}:</b> ${e(findingText(f))}</li>`)
      .join('')}</ul>`;
  }
  if (n > shown.length) html += para(T.moreFindings(n - shown.length));
  if (n) html += para(attached ? T.seeChecks : T.seeChecksUnattached, `${S.p}${S.small}`);
  return html;
}

/**
 * A complete HTML e-mail (<!doctype html>, UTF-8) of the summary: heading, narrative,
 * key figures with "so cùng kỳ", completeness, a bar chart of one key indicator per
 * unit, notes from the units, findings count, footer. `sheetUrl` (http/https only) adds
 * a link to the summary spreadsheet; `attached: false` (MailOptions), the .xlsx is not attached.
 */
export function renderHtmlReport(summary: Summary, catalogue: Catalogue, options: MailOptions = {}): string {
  const attached = options.attached !== false;
  const h = headingLines(summary);
  const s = summary.settings;
  const parts: string[] = [];
  parts.push(row(S.org, e(h.organisation)));
  parts.push(row(S.title, e(h.title)));
  parts.push(row(S.period, e(h.period)));
  parts.push(row(S.meta, e(`${h.window}; ${h.generated}.`)));
  const url = safeHttpUrl(options.sheetUrl);
  if (url)
    parts.push(row('padding:0 24px 16px 24px;', `<a href="${e(url)}" style="${S.button}">${e(T.openSheet)}</a>`));

  const paragraphs = summary.narrative.map((p) => p.trim()).filter(Boolean);
  if (paragraphs.length) parts.push(section(T.narrativeTitleMail, paragraphs.map((p) => para(p)).join('')));
  parts.push(section(T.keyFiguresTitle, keyFiguresTable(summary, catalogue)));
  parts.push(section(T.completenessTitleMail, completenessHtml(summary)));
  parts.push(barChart(summary, catalogue, attached));
  // The checks before the units' notes: Gmail clips a long message, and they say which figures
  // are provisional.
  parts.push(section(T.checksTitleMail, checksHtml(summary, catalogue, attached)));
  const notes = mailNoteLines(summary, attached);
  if (notes.length) parts.push(section(T.notesTitleMail, multiLineList(notes)));
  const remarks = mailRemarkLines(summary, catalogue, attached);
  if (remarks.length) parts.push(section(T.remarksTitleMail, multiLineList(remarks)));

  const at = localTimestamp(summary.generatedAt, s.timeZone);
  parts.push(row(S.footer, e(T.footer(s.organisation, at.time, at.date))));

  return (
    '<!doctype html>\n' +
    '<html lang="vi">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${e(emailSubject(summary))}</title>\n</head>\n` +
    `<body style="${S.body}">\n` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="width:100%;background-color:${COLOR.page};">` +
    '<tr><td align="center" style="padding:16px 8px;">\n' +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="${S.card}">\n` +
    parts.filter(Boolean).join('\n') +
    '\n</table>\n</td></tr></table>\n</body>\n</html>\n'
  );
}

/** "[Dân vận] Báo cáo tháng 9/2018 – huyện Mường Nhé"; a quarter reads "quý III/2018". */
export function emailSubject(summary: Summary): string {
  const s = summary.settings;
  return T.subject(periodLabel(summary.period), s.level, s.aggregatingUnitName).replace(/[\r\n]+/g, ' ');
}
