/** Vietnamese names of reporting periods ("tháng 9/2018", "quý III/2018", …). */

export const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;

export const PERIOD_TEXT = {
  month: (month: number, year: number) => `tháng ${month}/${year}`,
  quarter: (quarter: number, year: number) => `quý ${ROMAN_QUARTERS[quarter - 1]}/${year}`,
  half: (year: number) => `6 tháng đầu năm ${year}`,
  nine: (year: number) => `9 tháng đầu năm ${year}`,
  year: (year: number) => `năm ${year}`,
  /**
   * Months 1 … `months` of a year, said of a period that is over: "6 tháng đầu năm 2025",
   * "3 tháng đầu năm 2025", and all twelve "năm 2025".
   */
  yearToMonth: (months: number, year: number) => (months >= 12 ? `năm ${year}` : `${months} tháng đầu năm ${year}`),
  /**
   * A figure's point in time: "đến nay" while the period's figures are the latest (`last` null),
   * else "đến hết tháng 6/2025" (`last`: the period's last month), the figures stopping there.
   */
  upTo: (last: string | null) => (last ? `đến hết ${last}` : 'đến nay'),
  /**
   * A year-to-date column or figure: "từ đầu năm" while the period's figures are the latest (`last`
   * null), else "từ đầu năm đến hết tháng 6/2025", which alone would read as up to today.
   */
  fromYearStart: (last: string | null) => (last ? `từ đầu năm đến hết ${last}` : 'từ đầu năm'),
  /** Names of the period types, for menus and CLI help. */
  types: {
    month: 'Tháng',
    quarter: 'Quý',
    half: '6 tháng',
    nine: '9 tháng',
    year: 'Năm',
  },
} as const;

/**
 * Where the days off are kept, named for both shells: the engine's findings do not know which one
 * runs ("Ngày nghỉ" is the add-on's sheet, SHEETS.holidays; `holidays` the settings file's entry).
 */
const HOLIDAYS_PLACE =
  'trang "Ngày nghỉ" của bảng tính (tiện ích Google Sheets), hoặc mục "holidays" của tệp thiết lập ' +
  '(lệnh tonghop, tùy chọn --settings)';

/** Warnings of src/engine/periods/holidays.ts: a year a working-day deadline needs lacks its days off. */
export const HOLIDAY_TEXT = {
  /** No day off of `year` at all: the deadline `due` of `period` skipped weekends only. */
  noneInYear: (year: number, period: string, due: string) =>
    `Danh sách ngày nghỉ lễ, Tết chưa có ngày nào của năm ${year}: hạn nộp báo cáo ${period} (${due}) chỉ trừ ` +
    `thứ Bảy, Chủ nhật, chưa trừ ngày nghỉ lễ, Tết năm ${year}, nên có thể sớm hơn hạn thật (đơn vị nộp đúng hạn ` +
    `có thể bị tính là muộn). Hãy thêm các ngày nghỉ năm ${year} vào ${HOLIDAYS_PLACE}`,
  /** Days off of `year` listed, but none in the Tết window. */
  noTet: (year: number) =>
    `Danh sách ngày nghỉ năm ${year} chưa có ngày nghỉ Tết Nguyên đán nào (cuối tháng 1 – tháng 2): hạn nộp các ` +
    `kỳ báo cáo quanh Tết năm ${year} sẽ chưa trừ những ngày nghỉ này. Khi có thông báo lịch nghỉ Tết năm ${year}, ` +
    `hãy thêm các ngày đó vào ${HOLIDAYS_PLACE}`,
  /** From 2021, 2/9 of `year` without its day off next to it (1/9 or 3/9) in the list. */
  noNationalDay: (year: number, period: string, due: string) =>
    `Danh sách ngày nghỉ năm ${year} chưa có đủ 2 ngày nghỉ Quốc khánh (ngày 2/9 và một ngày liền kề trước ` +
    `hoặc sau, theo Điều 112 Bộ luật Lao động 2019): hạn nộp báo cáo ${period} (${due}) có thể sớm hơn hạn thật. ` +
    `Khi có thông báo lịch nghỉ Quốc khánh năm ${year}, hãy thêm ngày đó vào ${HOLIDAYS_PLACE}`,
} as const;

/** Settings whose wording names another level than the one aggregated (a sample left after the 2025 reform). */
export const LEVEL_TEXT = {
  scopeMismatch: (level: string, field: string, value: string, word: string) =>
    `Cài đặt "Cấp tổng hợp" là "${level}" nhưng "${field}" là "${value}" (cấp ${word}): báo cáo và e-mail sẽ viết theo chữ này. ` +
    'Nếu đã đổi cấp tổng hợp (từ 01/07/2025 không còn cấp huyện), hãy sửa lại ô này',
  scopeLabel: 'Phạm vi trong câu văn',
  organisation: 'Cơ quan báo cáo',
} as const;

/** A period aggregated before it ends, or before its deadline: the figures are not final. */
export const OPEN_PERIOD_TEXT = {
  notClosed: (label: string, end: string) =>
    `Kỳ báo cáo ${label} chưa kết thúc: số liệu chốt đến hết ngày ${end}, nên các đơn vị chưa thể báo cáo đủ; ` +
    'số liệu và tỷ lệ nộp báo cáo trong báo cáo này chưa phải số cuối cùng. Nếu gõ nhầm kỳ, hãy chọn lại kỳ báo cáo',
  beforeDeadline: (label: string, due: string) =>
    `Chưa hết hạn nộp báo cáo ${label} (hạn ${due}): các đơn vị chưa báo cáo vẫn còn trong hạn, ` +
    'nên tỷ lệ nộp báo cáo trong báo cáo này chưa phải số cuối cùng',
} as const;
