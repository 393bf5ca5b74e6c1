/** Vietnamese sentences of the summary narrative, in the style of the 2018 Mường Nhé article. */
import { monthList } from './findings';
import { PERIOD_TEXT } from './periods';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "đối với chỉ tiêu "A"", "đối với các chỉ tiêu "A", "B"": which stocks a month is said of. */
const forIndicators = (labels: string[]) =>
  `đối với ${labels.length > 1 ? 'các ' : ''}chỉ tiêu ${labels.map((l) => `"${l}"`).join(', ')}`;

export const NARRATIVE_TEXT = {
  /** "Đến ngày 16/09/2018, 9/11 xã đã gửi báo cáo (tỷ lệ 81,8%), 8 xã đúng hạn" */
  completeness: (date: string, reported: number, expected: number, noun: string, rate: string, onTime: number) =>
    `Đến ngày ${date}, ${reported}/${expected} ${noun} đã gửi báo cáo (tỷ lệ ${rate}), ${onTime} ${noun} đúng hạn`,
  /** After the date of the completeness sentence when the period's data window has not closed. */
  periodNotClosed: (end: string) => ` (kỳ báo cáo chưa kết thúc, số liệu chốt ngày ${end})`,
  /** After the date of the completeness sentence before the period's deadline. */
  beforeDeadline: (due: string) => ` (chưa hết hạn nộp báo cáo, hạn ngày ${due})`,
  notReported: (names: string) => `chưa báo cáo: ${names}`,
  /**
   * In a quarter or longer, units that sent some months, not all (each with missingMonths): they
   * have reported, so not "chưa báo cáo". "mới báo cáo một phần: xã B (thiếu tháng 8)".
   */
  partlyReported: (names: string) => `mới báo cáo một phần: ${names}`,
  late: (names: string) => `nộp muộn: ${names}`,
  /** After the last of those lists cut short ("… và 19 đơn vị khác"): where every output names them all. */
  fullListInCompleteness: '(xem danh sách đầy đủ ở phần tình hình gửi báo cáo)',
  /** Units counted as submitted, no figure in the period, figures in the month after: "tháng 10". */
  emptyBeforeNext: (names: string, label: string, next: number) =>
    `${names} đã nộp nhưng chưa có số liệu ${label}, trong khi cột tháng ${next} đã có số liệu (có lẽ nhập nhầm cột; xem phần kiểm tra số liệu)`,
  /** After a unit "chưa báo cáo" whose next column holds figures and a date in the period's window. */
  missingColumnSlip: (label: string, next: number) =>
    `cột tháng ${next} đã có số liệu và ngày nộp trong kỳ ${label}, có lẽ nhập nhầm cột; xem phần kiểm tra số liệu`,
  /** Units with figures but no submission date: not counted on time, but not said to be late. */
  undated: (names: string) => `chưa rõ ngày nộp: ${names}`,
  /** Units that sent a file that could not be read (not "chưa báo cáo": they did send one). */
  unreadable: (names: string) => `không đọc được báo cáo của: ${names}`,
  /** Old units of a merger whose file could not be read: "xã Nậm Vì (nay thuộc xã Mường Nhé)". */
  unreadableFormer: (names: string) => `không đọc được báo cáo của đơn vị cũ trước sáp nhập: ${names}`,
  /** After a unit name: months typed in, not sent before their deadline (their figures are counted). */
  unsent: (months: string | null) =>
    `${months ? `tháng ${months} ` : ''}đã nhập số liệu nhưng chưa nộp, số liệu được tính tạm`,
  /** After a unit name in a multi-month period: "Pá Mỳ (thiếu tháng 7, 8)". */
  missingMonths: (months: string) => `thiếu tháng ${months}`,
  /** Used when the units are of different kinds (xã, phường, thị trấn). */
  unitsNoun: 'đơn vị',
  inPeriod: (label: string) => `Trong ${label}`,
  /**
   * Opens the year-to-date sentence: "Từ đầu năm đến nay" while the period's figures are the
   * latest (`span` null); of a period that is over, "Tính chung 6 tháng đầu năm 2025" (`span`:
   * PERIOD_TEXT.yearToMonth), its figures stopping at the period's end.
   */
  yearToDate: (span: string | null) => (span ? `Tính chung ${span}` : 'Từ đầu năm đến nay'),
  /** Stocks (cumulative indicators) are "so far" figures: "Đến nay", or "Đến hết tháng 6/2025" (`last`, PERIOD_TEXT.upTo). */
  soFar: (last: string | null) => capitalise(PERIOD_TEXT.upTo(last)),
  /** After a merged unit's name: the old units whose months it lacks, "Na Cô Sa tháng 1, 2". */
  formerMonths: (name: string, months: string) => `${name} tháng ${months}`,
  /** The same, the old unit's report found but not readable. */
  formerMonthsUnreadable: (name: string, months: string) => `${name} tháng ${months}: tệp báo cáo không đọc được`,
  /** Inside the brackets after a merged unit's name: "đơn vị cũ thiếu: Nậm Vì tháng 1, 2". */
  formerPart: (olds: string) => `đơn vị cũ thiếu: ${olds}`,
  /** After a merged unit late before the merger by an old unit's date: "đơn vị cũ nộp muộn: Nậm Vì tháng 3". */
  formerLatePart: (olds: string) => `đơn vị cũ nộp muộn: ${olds}`,
  formerUndatedPart: (olds: string) => `đơn vị cũ chưa ghi ngày nộp: ${olds}`,
  /** Clause of the completeness sentence: merged units that sent their own months, not all of their old units'. */
  formerIncomplete: (names: string) => `thiếu số liệu của đơn vị cũ trước sáp nhập: ${names}`,
  /** Invalid cells left out of the figures that follow, and whose they are. */
  excludedCells: (cells: number, names: string) =>
    `Các số liệu dưới đây chưa gồm ${cells} ô nhập sai${names ? ` của ${names}` : ''} (xem phần kiểm tra số liệu), ` +
    `nên sẽ thay đổi khi ${cells === 1 ? 'ô này' : 'các ô này'} được sửa.`,
  /**
   * Figures that break an error-level rule (a part greater than its whole …), still counted: whose and
   * where, "xã Chung Chải (ô M45, ô M46)", said before the figures.
   */
  ruleErrors: (names: string) =>
    `Số liệu của ${names} còn lỗi chưa sửa (xem phần kiểm tra số liệu) nhưng vẫn được tính vào các số liệu dưới đây; cần kiểm tra lại.`,
  /** Where a figure with an error is: its cell, or (no cell known) its indicator and month. */
  cell: (cell: string) => `ô ${cell}`,
  indicatorMonth: (label: string, month: number) => `"${label}" tháng ${month}`,
  /**
   * After the completeness sentence, one note on what "so cùng kỳ" compares, of the clauses below
   * that apply: units in last year's figures, not (or not fully: some months missing) in this
   * year's; units in this year's without last year's; merged units whose last year lacks an old unit.
   */
  comparedWithout: (clauses: string[]) =>
    `Lưu ý: ${clauses.join('; ')}, nên số tăng, giảm so cùng kỳ dưới đây chưa so sánh được đầy đủ.`,
  onlyLastYear: (names: string, label: string) =>
    `${names} có số liệu cùng kỳ năm trước nhưng chưa có số liệu ${label}`,
  /** onlyLastYear when its units are all those of "chưa báo cáo" just before it: not named twice. */
  missingHadLastYear: (noun: string) => `các ${noun} chưa báo cáo có số liệu cùng kỳ năm trước`,
  /** The same when they are some of a "chưa báo cáo" list cut short: "20 trong số 22 đơn vị chưa báo cáo". */
  someMissingHadLastYear: (some: number, of: number, noun: string) =>
    `${some} trong số ${of} ${noun} chưa báo cáo có số liệu cùng kỳ năm trước`,
  partlyThisYear: (names: string, label: string) =>
    `${names} có số liệu cùng kỳ năm trước nhưng chưa có đủ số liệu ${label}`,
  onlyThisYear: (names: string) => `${names} không có số liệu cùng kỳ năm trước`,
  /**
   * Units lacking months of the year before the period that last year had: "xã Nậm Vì (tháng 4)";
   * `last` of a period that is over (PERIOD_TEXT.fromYearStart).
   */
  ytdGaps: (names: string, last: string | null) =>
    `${PERIOD_TEXT.fromYearStart(last)}, ${names} chưa có số liệu các tháng đã có cùng kỳ năm trước`,
  /**
   * In the bracket after a unit of ytdGaps: "xã Mường Nhé (đơn vị cũ Nậm Vì tháng 3)", the old unit
   * said as one (the sentence alone does not).
   */
  ytdGapOf: (months: string, former?: string) => `${former ? `đơn vị cũ ${former} ` : ''}tháng ${months}`,
  /** The caveat when its only clause is of the year to date: the period's own comparisons are whole. */
  comparedWithoutYtd: (clauses: string[], last: string | null) =>
    `Lưu ý: ${clauses.join('; ')}, nên số tăng, giảm so cùng kỳ của số liệu ${PERIOD_TEXT.fromYearStart(last)} dưới đây chưa so sánh được đầy đủ.`,
  /** In the bracket after a unit of formerLastYear: the old unit and its empty months last year. */
  formerMonthsOf: (former: string, months: string) => `${former} tháng ${months}`,
  formerLastYear: (names: string) =>
    `số liệu cùng kỳ năm trước của ${names} chưa gồm đơn vị cũ chưa báo cáo trước sáp nhập`,
  /** Instead of the notes themselves when many units wrote one: where the list is. */
  manyNotes: (label: string, units: number, noun: string) =>
    `${label}: ${units} ${noun} có ý kiến, xem danh sách đầy đủ ở mục "Khó khăn, vướng mắc, kiến nghị của cơ sở".`,
  /** After the notes paragraph when a note is quoted in part. */
  notesQuoted: '(trích; xem đủ ở mục "Khó khăn, vướng mắc, kiến nghị của cơ sở")',
  /** After the notes quoted when not all are: how many more, and where. */
  moreNotesQuoted: (n: number) => `… và ${n} ý kiến khác (xem đủ ở mục "Khó khăn, vướng mắc, kiến nghị của cơ sở")`,
  /** After the "Đến nay" sentence: whose figures there are older than the period. */
  carriedStocks: (names: string, label: string, past: boolean) =>
    `Số ${PERIOD_TEXT.upTo(past ? label : null)} gồm số đã báo cáo trước đó của ${names}, chưa có số liệu ${label}.`,
  /**
   * Where a merged unit's figure "so far" comes from when it has none of its own: "số tháng 6/2025
   * của các xã cũ Mường Toong, Huổi Lếch (nay là xã Mường Toong)".
   */
  formerStock: (month: string, kind: string, formers: string[], unit: string) =>
    `số ${month} của ${formers.length > 1 ? 'các ' : ''}${kind || 'đơn vị'} cũ ${formers.join(', ')} (nay là ${unit})`,
  /**
   * formerStock when the stocks' figures are of different months: "số của các xã cũ Mường Toong,
   * Huổi Lếch (nay là xã Mường Toong): tháng 5/2025 đối với chỉ tiêu "A", tháng 6/2025 đối với chỉ tiêu "B"".
   */
  formerStockByIndicator: (
    parts: { month: string; labels: string[] }[],
    kind: string,
    formers: string[],
    unit: string,
  ) =>
    `số của ${formers.length > 1 ? 'các ' : ''}${kind || 'đơn vị'} cũ ${formers.join(', ')} (nay là ${unit}): ` +
    parts.map((p) => `${p.month} ${forIndicators(p.labels)}`).join(', '),
  /**
   * Merged units that have not reported, their old units' figures counted (`sources`: formerStock),
   * then the units themselves as lacking `label`: the subject of "chưa có" is the new unit, which
   * can have it, not its old units, which never can.
   */
  formerSources: (sources: string[], more: number, units: string, label: string) =>
    `${sources.join(' và ')}${more ? ` và của ${more} đơn vị khác` : ''}; ${units} chưa có số liệu ${label}`,
  /** Beside a unit named in carriedStocks whose figure so far is last year's: "số tháng 12/2026". */
  lastYearStock: (month: string) => `số ${month}`,
  /**
   * In carriedStocks, an old unit of a merged one counted with its figure of last year (a stock it
   * left blank): "xã B (nay thuộc xã AB, số tháng 12/2026)".
   */
  oldUnitStock: (name: string, now: string, note: string) => `${name} (${now}${note ? `, ${note}` : ''})`,
  /**
   * Instead of lastYearStock when the unit's carried figures of the stocks said are of different
   * months: each month with its indicators, "số tháng 11/2026 đối với chỉ tiêu "A", số tháng
   * 12/2026 đối với chỉ tiêu "B"".
   */
  stockMonthsByIndicator: (parts: { month: string; labels: string[] }[]) =>
    parts.map((p) => `số ${p.month} ${forIndicators(p.labels)}`).join(', '),
  /** After the "Đến nay" sentence: formerSources. */
  carriedFromFormer: (sources: string, last: string | null) => `Số ${PERIOD_TEXT.upTo(last)} gồm ${sources}.`,
  andOthers: (n: number) => `và ${n} đơn vị khác`,
  /** "A", "A và B", "A, B và C". */
  joinAnd: (items: string[]) =>
    items.length > 1 ? `${items.slice(0, -1).join(', ')} và ${items[items.length - 1]}` : (items[0] ?? ''),
  andOtherPlaces: (n: number) => `và ${n} ô khác`,
  /**
   * Phrases that continue the figure just before them in the catalogue rather than start a new
   * one ("bàn giao 3 nhà …, trị giá 90 triệu đồng"): joined with a comma, not a semicolon, and
   * left out when that figure is not said.
   */
  continuations: ['trị giá', 'với', 'trong đó', 'gồm'],
  /**
   * The parts of a total, in the bracket after it, breakdowns (by type, by field, by status) separated by ";":
   * "tiếp nhận 50 đơn thư (trong đó 17 đơn khiếu nại, 5 đơn tố cáo, 28 đơn kiến nghị, phản ánh)".
   */
  partsOf: (parts: string) => `trong đó ${parts}`,
  /**
   * A part or a continuation whose total (or the figure it continues) was left blank by every unit:
   * said on its own by its label rather than dropped — "số người được tiếp 6 (chưa ghi «Lượt tiếp công dân»)".
   */
  withoutTotal: (label: string, figure: string) =>
    `${label.charAt(0).toLocaleLowerCase('vi')}${label.slice(1)} ${figure}`,
  totalBlank: (totalLabel: string) => `chưa ghi «${totalLabel}»`,
  /**
   * In the bracket after a figure instead of a breakdown whose parts, summed over the units, do not
   * add up to it (a rule "==" of the catalogue): "tiếp nhận 1.240 đơn thư (chưa nêu số chi tiết vì …)";
   * `others` when other breakdowns of it are told before.
   */
  partsMismatch: (units: number, noun: string, others: boolean) =>
    `chưa nêu ${others ? 'các số chi tiết khác' : 'số chi tiết'} vì cộng lại chưa khớp tổng${units > 0 ? `: số liệu của ${units} ${noun} chưa khớp` : ''}, xem phần kiểm tra số liệu`,
  /**
   * In the bracket after a figure (before its parts) when some units reported but their sheet has no
   * row for the indicator: "tiếp nhận 40 đơn thư (chưa gồm số liệu của xã A và xã B vì bảng báo cáo thiếu dòng chỉ tiêu
   * này; trong đó …)". Its total is not lowered silently.
   */
  rowMissing: (names: string) => `chưa gồm số liệu của ${names} vì bảng báo cáo thiếu dòng chỉ tiêu này`,
  /**
   * In a bracket after a figure and its comparison, its figures far out of line (each also a
   * warning), still counted: "6.009 suất …, tăng 4.990 suất so cùng kỳ (trong đó xã Sín Thầu
   * 4.800 suất, số bất thường cần kiểm tra lại)".
   */
  outliers: (names: string, many: boolean) => `trong đó ${names}, ${many ? 'các ' : ''}số bất thường cần kiểm tra lại`,
  /** Joins the subject to a clause that starts with a number: "toàn huyện có 115 hộ …". */
  has: 'có',
  increase: (quantity: string) => `tăng ${quantity} so cùng kỳ`,
  decrease: (quantity: string) => `giảm ${quantity} so cùng kỳ`,
  same: 'bằng cùng kỳ',
  /**
   * After a figure whose last-year figures begin later than this year's (an indicator added
   * mid-year): a total over fewer months is no base for "tăng", so none is given.
   */
  notComparedFrom: (year: number, month: number) =>
    `chưa so sánh với cùng kỳ vì năm ${year} chỉ tiêu này mới có số liệu từ tháng ${month}`,
  notesOf: (label: string, noun: string) => `${label} của các ${noun}`,
  month: (month: number) => `tháng ${month}`,
  /** A unit's same note in several months: "tháng 7–9", "tháng 7, 9". */
  months: (months: readonly number[]) => `tháng ${monthList(months)}`,
  /** In the bracket after a unit quoted with the notes: what it wrote in the "Ghi chú" column beside the notes row. */
  remarkNote: 'ghi ở cột Ghi chú',
  /** Finding: a last-year report of a unit that is no current unit nor a predecessor of one. */
  unmatchedPrevious: (code: string, year: number) =>
    `Báo cáo năm ${year} của đơn vị "${code}" không thuộc đơn vị nào trong danh sách hiện nay (kể cả các đơn vị cũ đã sáp nhập), nên không được tính vào số liệu cùng kỳ`,
  /**
   * Finding: an old unit listed as predecessor of several current units (a split). Its
   * figures go to the first of `successors` only, so the totals do not count them twice.
   */
  splitPredecessor: (oldName: string, oldCode: string, successors: string[]) => {
    const old = oldName === oldCode ? `"${oldName}"` : `"${oldName}" (mã ${oldCode})`;
    const list = (names: string[]) =>
      names.length > 1 ? `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}` : (names[0] ?? '');
    return (
      `Đơn vị cũ ${old} được ghi là đơn vị cũ của cả ${list(successors)} (danh sách đơn vị: trang "Đơn vị" hoặc tệp đơn vị): ` +
      `số liệu của "${oldName}", kể cả số liệu cùng kỳ, chỉ tính cho ${successors[0]} (đơn vị xếp trước theo tên), ` +
      `để tổng không bị tính hai lần. Nếu "${oldName}" được chia cho nhiều đơn vị, số liệu của ` +
      `${list(successors.slice(1))} không gồm phần của "${oldName}". ` +
      `Muốn tính cho đơn vị khác, chỉ ghi "${oldCode}" ở đơn vị đó.`
    );
  },
  noData: (label: string) => `Chưa có số liệu nào được báo cáo trong ${label}.`,
} as const;
