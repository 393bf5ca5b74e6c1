/**
 * Vietnamese texts of the summary workbook ("Tổng hợp", "Theo đơn vị", "Kiểm tra"),
 * the HTML e-mail, its plain-text alternative and the CSV data sheet.
 * Numbers, dates and periods arrive already formatted.
 */
import { monthList } from './findings';
import { PERIOD_TEXT } from './periods';

/** "tháng 9/2018" → "Tháng 9/2018". */
export function capitalise(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/**
 * Said where an e-mail that went without its .xlsx points to the summary workbook: the reader
 * (the province, outside the district) cannot open the master, so no promise that they can.
 */
/** Who may have sent a file not tied to a unit: "chưa báo cáo", "mới báo cáo một phần" or both. */
const lacking = (missing: boolean, partly: boolean) =>
  [missing ? 'chưa báo cáo' : '', partly ? 'mới báo cáo một phần' : ''].filter(Boolean).join(' hoặc ');

const UNATTACHED = 'lần này không đính kèm được tệp đó — xin liên hệ nơi gửi thư này để nhận';

export const REPORT_TEXT = {
  onSheet: (sheet: string) => `(trang "${sheet}")`,
  // ------------------------------------------------------------ sheet names
  summarySheet: (period: string) => `Tổng hợp ${period}`,
  byUnitSheet: 'Theo đơn vị',
  checksSheet: 'Kiểm tra',

  // ------------------------------------------------------------ headings
  title: 'BÁO CÁO TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN',
  /** "Tháng 9/2018 – huyện Mường Nhé". */
  periodLine: (periodLabel: string, level: string, unitName: string) =>
    `${capitalise(periodLabel)} – ${level} ${unitName}`,
  windowLine: (start: string, end: string) => `Số liệu từ ngày ${start} đến ngày ${end}`,
  generatedLine: (time: string, date: string) => `tổng hợp lúc ${time} ngày ${date}`,

  // ------------------------------------------------------------ "Tổng hợp" sheet
  headers: {
    number: 'STT',
    indicator: 'Chỉ tiêu',
    measure: 'ĐVT',
    period: 'Kỳ báo cáo',
    /** `last`, here and below: the period's last month when the period is over (PERIOD_TEXT.fromYearStart). */
    ytd: (last: string | null) => capitalise(PERIOD_TEXT.fromYearStart(last)),
    /**
     * The workbook's column holds stocks too ("lũy kế": the figure to date, not a sum); the HTML says
     * it per row. Of a period over, the month is said once: "số tại thời điểm đó" is at its end.
     */
    ytdOrStock: (last: string | null) =>
      `${capitalise(PERIOD_TEXT.fromYearStart(last))} (chỉ tiêu lũy kế: số ${last ? 'tại thời điểm đó' : PERIOD_TEXT.upTo(null)})`,
    lastYearPeriod: 'Cùng kỳ năm trước',
    change: 'Tăng/giảm so cùng kỳ (kỳ báo cáo)',
    changePct: 'Tỷ lệ tăng/giảm kỳ báo cáo (%)',
    lastYearYtd: 'Lũy kế cùng kỳ năm trước',
    ytdChange: (last: string | null) => `Tăng/giảm lũy kế so cùng kỳ (${PERIOD_TEXT.fromYearStart(last)})`,
    ytdChangePct: 'Tỷ lệ tăng/giảm lũy kế (%)',
    contributing: 'Số đơn vị có số liệu',
  },
  /** "9/11". */
  fraction: (n: number, of: number) => `${n}/${of}`,
  /**
   * A count of units in a quarter or longer when some reported only part of it (their figures
   * counted, fewer months): "9/11 đủ các tháng; 2 xã thiếu tháng"; "11/11" when none did.
   */
  fractionPartial: (full: number, of: number, partial: number, noun: string) =>
    partial ? `${full}/${of} đủ các tháng; ${partial} ${noun} thiếu tháng` : `${full}/${of}`,
  otherGroup: 'Chỉ tiêu khác',

  completenessTitle: 'TÌNH HÌNH GỬI BÁO CÁO',
  reportingRate: 'Tỷ lệ đơn vị đã báo cáo',
  onTimeRate: 'Tỷ lệ đơn vị báo cáo đúng hạn',
  deadline: 'Hạn nộp báo cáo',
  completenessHeaders: { number: 'STT', unit: 'Đơn vị', status: 'Tình trạng', date: 'Ngày nộp', note: 'Ghi chú' },
  status: { onTime: 'Đúng hạn', late: 'Muộn', missing: 'Chưa báo cáo' } as Record<string, string>,
  /** A unit counted not on time only because its months with figures have no submission date. */
  undatedStatus: 'Chưa rõ ngày nộp',
  formerStatus: 'Thiếu số liệu đơn vị cũ',
  formerNote: (olds: string) => `Thiếu số liệu của đơn vị cũ trước sáp nhập: ${olds}`,
  /** Ghi chú of a merged unit late (or undated) in months before the merger because of an old unit's date. */
  formerLateNote: (olds: string) => `Đơn vị cũ nộp muộn trước sáp nhập: ${olds}`,
  formerUndatedNote: (olds: string) => `Đơn vị cũ chưa ghi ngày nộp trước sáp nhập: ${olds}`,
  missingMonths: (months: number[]) => `Chưa có số liệu tháng ${months.join(', ')}`,
  unreadable: 'Không đọc được báo cáo',
  unreadableNote: 'Có gửi báo cáo nhưng không đọc được (xem trang "Kiểm tra")',

  narrativeTitle: 'NHẬN XÉT CHUNG',
  notesTitle: 'KHÓ KHĂN, VƯỚNG MẮC, KIẾN NGHỊ CỦA CƠ SỞ',
  /** "Xã Chung Chải (tháng 9): …". */
  noteLine: (unit: string, text: string) => `${unit}: ${text}`,
  /** In the bracket after the unit of a noteLine: the note's month. */
  noteMonth: (month: number) => `tháng ${month}`,
  /** In the bracket after the unit of a noteLine: the months of a note given in several, "tháng 7–9", "tháng 7, 9". */
  noteMonths: (months: readonly number[]) => `tháng ${monthList(months)}`,
  /** The remarks units wrote in the "Ghi chú" column beside indicator rows (Summary.remarks). */
  remarksTitle: 'GHI CHÚ CỦA CƠ SỞ BÊN CẠNH SỐ LIỆU',
  /** 'Xã Chung Chải, chỉ tiêu "Thùng mì tôm" (ô R24): số liệu tạm tính'. */
  remarkLine: (unit: string, indicator: string, cell: string, text: string) =>
    `${unit}, chỉ tiêu "${indicator}" (ô ${cell}): ${text}`,
  /** In the bracket after the unit of a noteLine: a note written in the "Ghi chú" column beside the notes row. */
  remarkNoteMark: 'ghi ở cột Ghi chú',
  /** Last line of a month's notes cell in the year sheet when they do not all fit in it. */
  yearNotesCut: (sheet: string, notes: number) => `… (xem đủ ở trang "${sheet}": ${notes} ý kiến)`,

  excluded: (n: number) =>
    n > 0
      ? `Có ${n} ô số liệu không hợp lệ đã bị loại khỏi tổng hợp (xem trang "Kiểm tra").`
      : 'Không có ô số liệu nào bị loại khỏi tổng hợp.',
  /** An indicator whose totals lack units that reported: their sheet has no row for it. */
  /** `units`: named as in a sentence ("xã A, xã B và 3 đơn vị khác"); `count`: how many units in all. */
  rowMissing: (label: string, units: string, count: number) =>
    `Chỉ tiêu "${label}" chưa gồm số liệu của ${units}: ` +
    `bảng báo cáo của ${count > 1 ? 'các đơn vị này' : 'đơn vị này'} thiếu dòng chỉ tiêu này (xem trang "Kiểm tra").`,
  /**
   * Stocks whose total so far carries the last figure of units without one for the period's `last`
   * month, `units` named as in a sentence with their months (carriedNames); `period`: the period,
   * whose total counts only units with a figure in it. `fromFormer`: merged units
   * without a figure of their own, said as their old units'
   * (NARRATIVE_TEXT.formerSources: "số tháng 6/2025 của các xã cũ Mường Toong, Huổi Lếch (nay là xã
   * Mường Toong); xã Mường Toong chưa có số liệu tháng 7/2025").
   */
  carriedStock: (labels: string[], units: string, last: string, period: string, past: boolean, fromFormer = '') => {
    const own = units ? `số đã báo cáo trước đó của ${units}, chưa có số liệu ${last}` : '';
    return (
      `Số ${PERIOD_TEXT.upTo(past ? last : null)} của ${labels.length > 1 ? 'các chỉ tiêu' : 'chỉ tiêu'} ${labels.map((l) => `"${l}"`).join(', ')} (cột "${capitalise(PERIOD_TEXT.fromYearStart(past ? last : null))}") ` +
      `gồm ${own && fromFormer ? `${own}, và ${fromFormer}` : own || fromFormer}; ` +
      `số kỳ báo cáo chỉ gồm các đơn vị có số liệu ${period}.`
    );
  },
  unreadableUnits: (units: string[]) => `Không đọc được báo cáo của: ${units.join(', ')} (xem trang "Kiểm tra").`,
  unreadableFormerUnits: (units: string[]) =>
    `Không đọc được báo cáo của đơn vị cũ trước sáp nhập: ${units.join(', ')}; số liệu của các đơn vị này chưa được cộng (xem trang "Kiểm tra").`,

  keyTableTitle: (periodLabel: string) => `SỐ LIỆU CHỦ YẾU THEO ĐƠN VỊ – ${periodLabel.toUpperCase()}`,
  keyColumn: (label: string, unit: string) => (unit ? `${label} (${unit})` : label),
  /** A stock's column of that table: "Đơn đang giải quyết (đơn), đến nay" / "…, đến hết tháng 6/2025". */
  keyColumnStock: (label: string, unit: string, upTo: string) => `${unit ? `${label} (${unit})` : label}, ${upTo}`,
  chartTitle: (periodLabel: string) => `Chỉ tiêu chủ yếu theo đơn vị – ${periodLabel}`,
  total: 'Tổng cộng',

  // ------------------------------------------------------------ "Theo đơn vị" sheet
  byUnitTitle: (periodLabel: string) => `SỐ LIỆU THEO ĐƠN VỊ – ${periodLabel.toUpperCase()}`,
  byUnitNote: 'Số liệu của kỳ báo cáo; ô trống: đơn vị chưa có số liệu hợp lệ.',
  statusRow: 'Tình trạng báo cáo',
  /** In the status row of a unit that reported only part of the period (its figures cover those months). */
  partialStatus: (months: number[]) => `Thiếu tháng ${months.join(', ')}`,
  /** A quarter or longer: a unit that sent some months, the others typed in but not sent yet. */
  partlyStatus: 'Mới báo cáo một phần',
  /** Under the title of "Theo đơn vị" when some unit's column is partialStatus. */
  byUnitPartialNote:
    'Đơn vị ghi "Thiếu tháng …" ở dòng Tình trạng báo cáo chưa báo cáo đủ các tháng của kỳ: số liệu của đơn vị đó chỉ gồm các tháng đã báo cáo.',

  // ------------------------------------------------------------ "Kiểm tra" sheet
  checksTitle: (periodLabel: string) => `KIỂM TRA SỐ LIỆU – ${periodLabel.toUpperCase()}`,
  checksHeaders: {
    severity: 'Mức độ',
    unit: 'Đơn vị',
    place: 'Tệp/Trang',
    cell: 'Ô',
    indicator: 'Chỉ tiêu',
    month: 'Tháng',
    message: 'Nội dung',
  },
  severity: { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' } as Record<string, string>,
  /** "14 lỗi, 13 cảnh báo": a count of 0 is left out (said only when there is some finding). */
  findingCounts: (errors: number, warnings: number, infos: number) =>
    [errors ? `${errors} lỗi` : '', warnings ? `${warnings} cảnh báo` : '', infos ? `${infos} thông tin` : '']
      .filter(Boolean)
      .join(', '),
  noFindings: 'Không phát hiện lỗi hay cảnh báo nào.',

  // ------------------------------------------------------------ e-mail (HTML and text)
  subject: (periodLabel: string, level: string, unitName: string) =>
    `[Dân vận] Báo cáo ${periodLabel} – ${level} ${unitName}`,
  keyFiguresTitle: 'Chỉ tiêu chủ yếu',
  /**
   * One key indicator in the plain-text e-mail: "- label: tháng 9/2018: 640 lượt; từ đầu năm: …; so
   * cùng kỳ năm trước: …."; of a period over (`last`), "từ đầu năm đến hết tháng 9/2018: …".
   */
  keyFigureLine: (
    label: string,
    period: string,
    inPeriod: string,
    ytd: string,
    compared: string,
    last: string | null,
  ) =>
    `- ${label}: ${period}: ${inPeriod}; ${PERIOD_TEXT.fromYearStart(last)}: ${ytd}; so cùng kỳ năm trước: ${compared}.`,
  /**
   * A stock's line (its latest figure counts): one figure, "đến nay", against the same point last
   * year; `mark` the carried one's (carriedMark).
   */
  keyStockLine: (label: string, soFar: string, mark: string, compared: string, last: string | null) =>
    `- ${label}: ${PERIOD_TEXT.upTo(last)}: ${soFar}${mark ? ` ${mark}` : ''}; so cùng thời điểm năm trước: ${compared}.`,
  /**
   * After a stock's (latest month counts) year-to-date figure in the key figures table: it is a
   * level, not a sum; "đến nay", or "đến hết tháng 6/2025" of a period that is over.
   */
  soFar: (last: string | null) => PERIOD_TEXT.upTo(last),
  /** A stock's cell in the period column of the key figures table: its one figure is "đến nay". */
  stockPeriodCell: '—',
  /** Under the key figures table when it shows a stock: what its row holds (`last`: "tháng 9/2018"). */
  stockLegend: (last: string, past: boolean) =>
    `— Chỉ tiêu lũy kế: chỉ ghi số ${past ? `đến hết ${last}` : `đến nay (hết ${last})`}, so với cùng thời điểm năm trước.`,
  /** After a stock's figure "đến nay" that holds units' earlier figures (keyCarriedNote says whose). */
  carriedMark: '†',
  /**
   * The footnote of carriedMark: `own` units named as in a sentence whose last earlier figure is
   * counted, `fromFormer` merged units' figures of their old units (carriedStock's); `label` when
   * the stocks marked do not all carry the same units.
   */
  keyCarriedNote: (label: string | null, own: string, period: string, fromFormer = '') => {
    const ownText = own ? `số đã báo cáo trước đó của ${own}, chưa có số liệu ${period}` : '';
    const what = [ownText, fromFormer].filter(Boolean).join('; ');
    return `† ${label ? `"${label}": gồm` : 'Gồm'} ${what}.`;
  },
  completenessTitleMail: 'Tình hình gửi báo cáo',
  compareHeader: (last: string | null) => `So cùng kỳ năm trước (${PERIOD_TEXT.fromYearStart(last)})`,
  up: (quantity: string, pct: string | null) => `↑ tăng ${quantity}${pct ? ` (${pct})` : ''}`,
  down: (quantity: string, pct: string | null) => `↓ giảm ${quantity}${pct ? ` (${pct})` : ''}`,
  same: '= bằng cùng kỳ',
  noComparison: 'chưa có số liệu cùng kỳ',
  /** Last year's figures begin later than this year's (an indicator added mid-year): not compared. */
  notComparedFrom: (month: number) => `chưa so sánh được (năm trước chỉ có số liệu từ tháng ${month})`,
  noData: 'chưa có số liệu',
  /** After a change not like for like (units on one side only); the footnote under the table says why. */
  unevenMark: '*',
  /** The footnote under a table with changes marked `unevenMark`: units on one side only, over those changes. */
  unevenNote: (lastYearOnly: number, thisYearOnly: number) =>
    '* So sánh chưa đầy đủ: ' +
    (lastYearOnly
      ? `${lastYearOnly} đơn vị có số liệu cùng kỳ năm trước nhưng năm nay còn thiếu số liệu` +
        (thisYearOnly ? ` (và ${thisYearOnly} đơn vị ngược lại)` : '')
      : `${thisYearOnly} đơn vị có số liệu năm nay nhưng chưa có số liệu cùng kỳ năm trước`) +
    '; số tăng, giảm gồm cả phần chênh lệch do thiếu báo cáo.',
  /** `partial` units (of the others) reported only some months of the period: said apart, "2 xã thiếu tháng". */
  reportedLine: (reported: number, expected: number, rate: string, partial = 0, noun = 'đơn vị') =>
    partial
      ? `Đã báo cáo đủ các tháng: ${reported}/${expected} đơn vị (${rate}); ${partial} ${noun} thiếu tháng (mới có số liệu một phần của kỳ)`
      : `Đã báo cáo: ${reported}/${expected} đơn vị (${rate})`,
  onTimeLine: (onTime: number, expected: number, rate: string, deadline: string) =>
    `Đúng hạn: ${onTime}/${expected} đơn vị (${rate}); hạn nộp ${deadline}`,
  lateTitle: 'Báo cáo muộn',
  /** In the bracket after a late unit: when it submitted, or (a quarter or longer) which months were late. */
  lateOn: (date: string) => `nộp ngày ${date}`,
  lateMonths: (months: number[]) => `tháng ${months.join(', ')} nộp muộn`,
  lateMonthsNote: (months: number[]) => `Tháng ${months.join(', ')} nộp muộn`,
  /** Units with figures but no submission date: not on time, but not known to be late either. */
  undatedTitle: 'Chưa rõ ngày nộp (có số liệu nhưng không có ngày nộp hợp lệ, không tính là đúng hạn)',
  undatedMonths: (months: number[]) => `tháng ${months.join(', ')}`,
  undatedNote: (months: number[] | null) =>
    `${months ? `Tháng ${months.join(', ')} có` : 'Có'} số liệu nhưng chưa rõ ngày nộp (không tính là đúng hạn)`,
  missingTitle: 'Chưa báo cáo',
  /** A quarter or longer: units that sent some months, not all, each "(thiếu tháng 8)"; as the narrative's "mới báo cáo một phần". */
  partlyTitle: 'Mới báo cáo một phần',
  /** A merged unit whose own reports are in, but an old unit's months before the merger are not. */
  formerTitle: 'Thiếu số liệu của đơn vị cũ trước sáp nhập',
  formerMonths: (name: string, months: number[]) => `${name} tháng ${months.join(', ')}`,
  /** An old unit whose report was found but could not be read. */
  formerMonthsUnreadable: (name: string, months: number[]) =>
    `${name} tháng ${months.join(', ')}: tệp báo cáo không đọc được`,
  /** In the bracket after a merged unit late (or undated) in months before the merger, for an old unit's date. */
  formerLate: (olds: string) => `đơn vị cũ nộp muộn: ${olds}`,
  formerUndated: (olds: string) => `đơn vị cũ chưa ghi ngày nộp: ${olds}`,
  /** In the bracket after a unit missing months of its own and an old unit's too. */
  formerToo: (olds: string, own = '') => `${own ? `${own}; ` : ''}đơn vị cũ cũng thiếu: ${olds}`,
  /** Inside the brackets after a unit missing some months of a quarter or longer: "thiếu tháng 7, 8". */
  missingMonthsOf: (months: number[]) => `thiếu tháng ${months.join(', ')}`,
  /** Months typed in but not sent, before their deadline: their figures are counted all the same. */
  unsentOf: (months: number[] | null) =>
    `${months ? `tháng ${months.join(', ')} ` : ''}đã nhập số liệu nhưng chưa nộp, số liệu được tính tạm`,
  unsentNote: (months: number[] | null) =>
    `Đã nhập số liệu${months ? ` tháng ${months.join(', ')}` : ''} nhưng chưa nộp (chưa hết hạn); số liệu đã nhập được tính tạm vào tổng hợp`,
  unreadableTitle: 'Không đọc được báo cáo',
  /** Old units of a merger whose report could not be read. */
  unreadableFormerTitle: 'Không đọc được báo cáo của đơn vị cũ trước sáp nhập',
  /** Files that could not be read, whose unit is not known: by their name only (no folder). */
  /** `missing`, `partly`: whether units are listed "chưa báo cáo", "mới báo cáo một phần" (a month's file may be theirs). */
  unattributedFiles: (files: string[], missing: boolean, partly = false) =>
    `${files.length} tệp không đọc được, chưa rõ của đơn vị nào: ${files.join(', ')}` +
    (missing || partly ? ` (đơn vị ${lacking(missing, partly)} có thể đã gửi một trong các tệp này)` : ''),
  allOnTime: 'Tất cả đơn vị đã báo cáo đúng hạn.',
  barChartTitle: (indicator: string, periodLabel: string, unit: string) =>
    `${indicator} theo đơn vị, ${periodLabel}${unit ? ` (${unit})` : ''}`,
  /** A stock's chart: each unit's figure "đến nay", as the key figures table gives it (`last`: "tháng 9/2018"). */
  barChartTitleStock: (indicator: string, last: string, unit: string, past: boolean) =>
    `${indicator} theo đơn vị, số ${past ? `đến hết ${last}` : `đến nay, hết ${last}`}${unit ? ` (${unit})` : ''}`,
  barMissing: 'chưa có số liệu',
  /** Above the bars of a province's many units: their order, and how many are shown when not all. */
  barSorted: (shown: number, withFigure: number) =>
    shown < withFigure
      ? `Xếp từ cao xuống thấp; ${Math.ceil(shown / 2)} đơn vị cao nhất và ${Math.floor(shown / 2)} đơn vị thấp nhất trong ${withFigure} đơn vị có số liệu.`
      : 'Xếp từ cao xuống thấp.',
  /** Between the highest and the lowest bars: the units not drawn, and where they all are. */
  barOthers: (n: number, attached = true) =>
    `… ${n} đơn vị khác (${attached ? 'xem trang "Theo đơn vị" trong bảng tổng hợp' : `có ở trang "Theo đơn vị" của bảng tổng hợp, ${UNATTACHED}`})`,
  /** After the bars of a province's many units: those without a figure, counted, not listed. */
  barNoData: (n: number) => `${n} đơn vị chưa có số liệu`,
  checksTitleMail: 'Kiểm tra số liệu',
  seeChecks: 'Chi tiết xem trang "Kiểm tra" trong bảng tổng hợp.',
  /** The e-mail went without the .xlsx (too large for Gmail, or not exported): where the details are. */
  seeChecksUnattached: `Chi tiết có ở trang "Kiểm tra" của bảng tổng hợp, ${UNATTACHED}.`,
  moreFindings: (n: number) => `… và ${n} mục khác.`,
  notesTitleMail: 'Khó khăn, vướng mắc, kiến nghị của cơ sở',
  /** After the notes an e-mail shows: those left out (earlier months' included), and where all are. */
  moreNotes: (n: number, sheet: string, earlierMonths: boolean, attached = true) =>
    `… và ${n} ý kiến khác${earlierMonths ? ' (gồm ý kiến các tháng trước trong kỳ)' : ''} — ` +
    (attached
      ? `xem đủ ở trang "${sheet}" trong bảng tổng hợp kèm theo.`
      : `không in hết trong thư này; đủ cả ở trang "${sheet}" của bảng tổng hợp, ${UNATTACHED}.`),
  /** After the notes an e-mail shows, all of them, some quoted in part. */
  notesCutMail: (sheet: string, attached = true) =>
    attached
      ? `Ý kiến dài được trích một phần — xem đủ ở trang "${sheet}" trong bảng tổng hợp kèm theo.`
      : `Ý kiến dài được trích một phần; bản đầy đủ ở trang "${sheet}" của bảng tổng hợp, ${UNATTACHED}.`,
  /** The e-mail's section of the remarks beside figures ("số liệu tạm tính"), after the notes. */
  remarksTitleMail: 'Ghi chú của cơ sở bên cạnh số liệu',
  /** After the remarks an e-mail shows: those left out, and where all are. */
  moreRemarks: (n: number, sheet: string, attached = true) =>
    attached
      ? `… và ${n} ghi chú khác — xem đủ ở trang "${sheet}" trong bảng tổng hợp kèm theo.`
      : `… và ${n} ghi chú khác; bản đầy đủ ở trang "${sheet}" của bảng tổng hợp, ${UNATTACHED}.`,
  /** After the remarks an e-mail shows, all of them, some quoted in part. */
  remarksCutMail: (sheet: string, attached = true) =>
    attached
      ? `Ghi chú dài được trích một phần — xem đủ ở trang "${sheet}" trong bảng tổng hợp kèm theo.`
      : `Ghi chú dài được trích một phần; bản đầy đủ ở trang "${sheet}" của bảng tổng hợp, ${UNATTACHED}.`,
  narrativeTitleMail: 'Tình hình chung',
  openSheet: 'Mở bảng tổng hợp',
  footer: (organisation: string, time: string, date: string) =>
    `${organisation} – báo cáo được tổng hợp tự động lúc ${time} ngày ${date} từ báo cáo của các đơn vị.`,

  // ------------------------------------------------------------ long-format data (CSV)
  longHeader: ['Kỳ', 'Mã đơn vị', 'Tên đơn vị', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Giá trị', 'Thời điểm tổng hợp'],
  /**
   * The CSV's column after longHeader: a unit's value of a quarter or longer over fewer months
   * ("thiếu tháng 8"), a total's that counts such units ("gồm 2 xã thiếu tháng"); empty otherwise.
   */
  longGapsHeader: 'Số liệu chưa đủ kỳ',
  longGap: (months: number[]) => `thiếu tháng ${months.join(', ')}`,
  longGapsTotal: (units: number, noun: string) => `gồm ${units} ${noun} thiếu tháng`,
} as const;
