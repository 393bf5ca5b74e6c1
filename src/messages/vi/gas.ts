/** Every text the Google Sheets add-on shows: menu, prompts, alerts, toasts, sheet headers. */

import { levelWordOf, reportingUnitWord } from '../../engine/text/level';
import type { NoLastYearAdvice } from './findings';

export const MENU = {
  title: 'Dân vận',
  setup: 'Thiết lập',
  templates: 'Tạo mẫu báo cáo cho xã',
  check: 'Kiểm tra dữ liệu',
  submit: 'Nộp báo cáo tháng…',
  unlock: 'Mở khóa tháng…',
  aggregate: 'Tổng hợp',
  settings: 'Cài đặt…',
  enableEmail: 'Bật gửi báo cáo hằng tháng',
  disableEmail: 'Tắt gửi báo cáo hằng tháng',
  sendNow: 'Gửi báo cáo ngay',
} as const;

/** Names of the sheets the add-on creates in the master spreadsheet. */
export const SHEETS = {
  settings: 'Cài đặt',
  units: 'Đơn vị',
  indicators: 'Chỉ tiêu',
  rules: 'Quy tắc',
  holidays: 'Ngày nghỉ',
  formerUnits: 'Đơn vị cũ',
  check: 'Kiểm tra',
  data: 'Dữ liệu',
  log: 'Nhật ký',
} as const;

/** Labels of the "Cài đặt" sheet (column A). Reading matches them case- and accent-form-insensitively. */
export const SETTING_LABELS = {
  aggregatingUnitName: 'Tên đơn vị tổng hợp',
  level: 'Cấp tổng hợp',
  scopeLabel: 'Phạm vi trong câu văn',
  organisation: 'Cơ quan báo cáo',
  title: 'Tiêu đề báo cáo',
  cutoffDay: 'Ngày chốt số liệu',
  submitDays: 'Số ngày được nộp sau khi chốt',
  submitWorkingDays: 'Chỉ tính ngày làm việc',
  separateSpreadsheets: 'Mỗi xã một bảng tính riêng',
  admins: 'Quản trị viên (e-mail)',
  recipients: 'Người nhận báo cáo (e-mail)',
  sendDay: 'Ngày gửi báo cáo hằng tháng',
  sendHour: 'Giờ gửi báo cáo',
  reminders: 'Nhắc xã chưa nộp',
  reminderDaysBefore: 'Nhắc trước hạn (số ngày)',
  timeZone: 'Múi giờ',
} as const;

export const SETTING_HELP: Record<keyof typeof SETTING_LABELS, string> = {
  aggregatingUnitName: 'Tên huyện (tỉnh, xã) tổng hợp báo cáo, ví dụ "Mường Nhé".',
  level: 'huyện, tỉnh hoặc xã.',
  scopeLabel: 'Cụm từ dùng trong câu văn, ví dụ "toàn huyện".',
  organisation: 'Cơ quan đứng tên báo cáo.',
  title: 'Tiêu đề in trên mẫu báo cáo của xã.',
  cutoffDay: 'Ngày bắt đầu kỳ số liệu (Nghị định 09/2019: 15 — từ ngày 15 tháng trước đến ngày 14 tháng báo cáo).',
  submitDays: 'Số ngày xã được nộp sau ngày chốt.',
  submitWorkingDays: '"có": chỉ đếm thứ Hai – thứ Sáu.',
  separateSpreadsheets:
    '"có": mỗi xã một bảng tính riêng (đường dẫn ghi ở trang "Đơn vị"); "không": mỗi xã một trang trong bảng tính này.',
  // Written once by Thiết lập, before the level is set: so it names no one level.
  admins:
    'E-mail cán bộ cấp tổng hợp (huyện, tỉnh) được sửa mọi trang và mở khóa tháng đã nộp; cách nhau bởi dấu phẩy.',
  recipients: 'E-mail nhận báo cáo hằng tháng; cách nhau bởi dấu phẩy.',
  sendDay: 'Ngày trong tháng (1–28) tự động gửi báo cáo.',
  sendHour: 'Giờ (0–23) tự động gửi báo cáo.',
  reminders: '"có": nhắc xã chưa nộp trước hạn.',
  reminderDaysBefore: 'Nhắc trước hạn bao nhiêu ngày.',
  timeZone: 'Múi giờ, mặc định Asia/Ho_Chi_Minh.',
};

export const SETTINGS_HEADER = ['Mục', 'Giá trị', 'Giải thích'];
export const UNITS_HEADER = {
  code: 'Mã',
  name: 'Tên',
  kind: 'Loại',
  emails: 'E-mail cán bộ',
  spreadsheetUrl: 'Bảng tính (URL)',
  from: 'Sáp nhập từ ngày',
  predecessors: 'Đơn vị cũ (mã)',
} as const;
export const INDICATORS_HEADER = {
  groupCode: 'Mã nhóm',
  groupLabel: 'Tên nhóm',
  code: 'Mã',
  label: 'Chỉ tiêu',
  unit: 'Đơn vị tính',
  kind: 'Loại',
  overMonths: 'Cộng các tháng',
  phrase: 'Câu mẫu',
  key: 'Chỉ tiêu chính',
  max: 'Tối đa mỗi tháng',
} as const;
export const RULES_HEADER = {
  code: 'Mã',
  left: 'Vế trái',
  operator: 'So sánh',
  right: 'Vế phải',
  importance: 'Mức độ',
  message: 'Thông báo',
  missing: 'Khi ô trống',
} as const;

/**
 * The optional "Đơn vị cũ" sheet: the old units of the 2025 mergers ("Đơn vị cũ (mã)" of "Đơn vị"),
 * named, and in layout (b) with their own spreadsheets.
 */
export const FORMER_UNITS_HEADER = {
  code: 'Mã đơn vị cũ',
  name: 'Tên đơn vị cũ',
  kind: 'Loại',
  spreadsheetUrl: 'Bảng tính (URL)',
} as const;
/** Offered in the "Loại" column of "Đơn vị cũ" (other words are accepted). */
export const UNIT_KINDS = ['xã', 'phường', 'thị trấn'];

/** The "Ngày nghỉ" sheet: official days off besides weekends, skipped when counting working days. */
export const HOLIDAYS_HEADER = {
  date: 'Ngày',
  name: 'Tên ngày nghỉ',
} as const;

/** Words shown in the sheets for engine enums (first one is written; all are accepted). */
export const WORDS = {
  yes: ['có', 'co', 'x', 'true', 'yes', 'đúng', '1'],
  no: ['không', 'khong', '', 'false', 'no', 'sai', '0'],
  kind: { count: ['số nguyên', 'count'], amount: ['số thập phân', 'amount'], note: ['ghi chú', 'note'] },
  overMonths: { sum: ['cộng dồn', 'sum'], last: ['tháng gần nhất', 'last'] },
  importance: { error: ['lỗi', 'error'], warning: ['cảnh báo', 'warning'] },
  missing: {
    skipIfAnySideMissing: ['bỏ qua', 'skipIfAnySideMissing'],
    treatAsZero: ['tính là 0', 'treatAsZero'],
  },
} as const;

export const CONFIG = {
  where: (sheet: string, cell: string) => `Trang "${sheet}", ô ${cell}`,
  missingSheet: (sheet: string) => `Chưa có trang "${sheet}". Hãy chạy Dân vận › Thiết lập.`,
  missingRow: (sheet: string, label: string) => `Trang "${sheet}" thiếu dòng "${label}".`,
  missingColumn: (sheet: string, header: string) => `Trang "${sheet}" thiếu cột "${header}" ở dòng 1.`,
  notNumber: 'phải là số',
  empty: 'không được để trống',
  /** A problem of one cell of a configuration sheet: 'Trang "Cài đặt", ô B3 (Người nhận báo cáo): …'. */
  cellProblem: (sheet: string, cell: string, column: string, problem: string) =>
    `Trang "${sheet}", ô ${cell} (${column}): ${problem}`,
  settingsUnread: 'Cài đặt chưa đọc được.',
  notWritten: (label: string) => `${label}: không ghi được`,
  notYesNo: 'phải là "có" hoặc "không"',
  notOneOf: (words: string[]) => `phải là một trong: ${words.map((w) => `"${w}"`).join(', ')}`,
  notDate: 'phải là ngày dạng ngày/tháng/năm (ví dụ 01/07/2025)',
  /** "Đơn vị": a merge date (F2) with no old commune codes (G2). */
  predecessorsRequired: (fromCell: string, cell: string) =>
    `ô ${fromCell} có ngày sáp nhập nên ô ${cell} cần mã các xã cũ (cách nhau bởi dấu phẩy); ` +
    `nếu không có sáp nhập, hãy xóa ô ${fromCell}`,
  /** "Đơn vị": old commune codes (G2) with no merge date (F2). */
  fromRequired: (predecessorsCell: string, cell: string) =>
    `ô ${predecessorsCell} có mã các xã cũ nên ô ${cell} cần ngày sáp nhập (ngày/tháng/năm, ví dụ 01/07/2025); ` +
    `nếu không có sáp nhập, hãy xóa ô ${predecessorsCell}`,
  groupLabelConflict: (code: string, first: string) =>
    `nhóm "${code}" đã có tên "${first}" ở dòng trên; hai tên khác nhau`,
  /** What `duplicate` says is repeated. */
  what: { unitCode: 'mã đơn vị', formerUnitCode: 'mã đơn vị cũ', indicatorCode: 'mã chỉ tiêu', ruleCode: 'mã quy tắc' },
  duplicate: (what: string, code: string, firstCell: string) => `${what} "${code}" bị trùng (đã có ở ô ${firstCell})`,
  badEmails: (wrong: string[]) =>
    wrong.length === 1
      ? `"${wrong[0]}" không phải địa chỉ e-mail hợp lệ (cần dạng ten@mien.vn)`
      : `không phải địa chỉ e-mail hợp lệ: ${wrong.map((e) => `"${e}"`).join(', ')} (cần dạng ten@mien.vn)`,
  duplicateCase: (code: string, first: string, firstCell: string) =>
    `mã đơn vị "${code}" trùng với "${first}" ở ô ${firstCell} (chữ hoa, chữ thường được coi là một); hãy đặt mã khác`,
  sheetNameClash: (name: string, firstCell: string, sheetName: string) =>
    `tên "${name}" cho cùng tên trang báo cáo với đơn vị ở ô ${firstCell} (trang "${sheetName.replace(/ {2,}/g, ' ')}"): ` +
    'hai đơn vị sẽ dùng chung một trang. Hãy ghi tên khác nhau trong 26 chữ đầu, ví dụ thêm trong ngoặc loại đơn vị ' +
    'hoặc tên cũ',
  /** A configuration cell showing an error value: a formula Sheets made of text typed "- …", "+ …", "= …". */
  failedFormula: (shown: string) =>
    `ô này là công thức lỗi ("${shown}"), không đọc được. Google Sheets coi nội dung bắt đầu bằng -, +, = là ` +
    `công thức: hãy gõ lại nội dung với dấu ' ở đầu (ví dụ '- Trong đó: …), hoặc sửa công thức`,
  /** Two units shown under one name (each with its own spreadsheet): said, not refused. */
  sameUnitName: (name: string, firstCell: string) =>
    `tên "${name}" giống tên đơn vị ở ô ${firstCell}: bảng tổng hợp, danh sách chưa báo cáo và các thông báo sẽ ` +
    'ghi thêm mã đơn vị sau tên để phân biệt hai đơn vị; nên ghi tên khác nhau cho dễ đọc, ví dụ thêm tên huyện ' +
    `trong ngoặc ("${name} (huyện …)")`,
  unknownIndicator: (code: string) => `mã chỉ tiêu "${code}" không có trong trang "Chỉ tiêu"`,
  sameBothSides: (code: string, leftCell: string) =>
    `mã chỉ tiêu "${code}" có ở cả vế trái (ô ${leftCell}) và vế phải, nên số liệu đúng cũng có thể bị báo lỗi; ` +
    'hãy bỏ mã này ở một vế (hoặc xóa quy tắc nếu không cần)',
  /**
   * A rule naming an indicator not in "Chỉ tiêu" (deleted?): left out, and who mends it. `keeper`: who
   * keeps "Quy tắc" (ruleKeeper); undefined when "Cài đặt" is unreadable (then no level is named).
   */
  ruleDropped: (code: string, rule: string, keeper: string | undefined) =>
    `mã chỉ tiêu "${code}" không có trong trang "Chỉ tiêu", nên quy tắc${rule ? ` "${rule}"` : ''} không được dùng ` +
    `để kiểm tra (báo cáo vẫn nộp và tổng hợp được). ${keeper ?? 'Cán bộ cấp tổng hợp'} ` +
    'cần sửa trang "Quy tắc": xóa quy tắc này, hoặc sửa mã cho đúng mã ở trang "Chỉ tiêu"',
  /**
   * Who keeps the catalogue's sheets, to start a sentence: a district's Ban Dân vận as before; since
   * the 2025 reform that body is "Ban Tuyên giáo và Dân vận", so another level is named by the
   * settings' organisation (when it names no other level: a sample left over), else "Cán bộ cấp …".
   */
  ruleKeeper: (level: string, organisation: string) => {
    if (level === 'huyện') return 'Ban Dân vận huyện';
    const org = organisation.trim();
    const word = levelWordOf(org);
    return org && (!word || word === level)
      ? org.charAt(0).toLocaleUpperCase('vi') + org.slice(1)
      : `Cán bộ cấp ${level}`;
  },
  noteInRule: (code: string) => `chỉ tiêu "${code}" là ghi chú, không dùng trong quy tắc được`,
  reserved: (code: string) => `mã "${code}" dành cho dòng ngày nộp báo cáo, hãy đặt mã khác`,
  formerNoName: (code: string) =>
    `chưa ghi tên của đơn vị cũ "${code}", nên báo cáo gọi đơn vị này theo mã; hãy ghi tên (ví dụ Nậm Vì)`,
  formerUrlNoName: (urlCell: string) =>
    `cần ghi tên đơn vị cũ để tìm trang báo cáo "<tên> <năm>" trong bảng tính ở ô ${urlCell}; bảng tính đó chưa được đọc`,
  formerIsCurrent: (code: string, cell: string) =>
    `"${code}" là mã của một đơn vị hiện nay (trang "Đơn vị", ô ${cell}), không phải đơn vị cũ; dòng này không được dùng`,
  formerUnused: (code: string) =>
    `không đơn vị nào ở trang "Đơn vị" ghi mã "${code}" ở cột "Đơn vị cũ (mã)", nên dòng này không được dùng ` +
    '(gõ nhầm mã?)',
  badUrl: (text: string) =>
    `"${text}" không phải đường dẫn bảng tính Google Sheets (cần dạng https://docs.google.com/spreadsheets/d/…); ` +
    'bảng tính này chưa được đọc',
  more: (n: number) => `… và ${n} lỗi khác.`,
  title: 'Cấu hình chưa đúng',
  unreadable: 'Cấu hình chưa đọc được.',
} as const;

export const SETUP = {
  created: (names: string[]) => `Đã tạo trang: ${names.join(', ')}.`,
  kept: (names: string[]) => `Giữ nguyên trang đã có: ${names.join(', ')}.`,
  renamed: (name: string, other: string) =>
    `Chưa tạo trang "${name}": trang "${other}" có cùng tiêu đề, có lẽ là trang "${name}" đã bị đổi tên. ` +
    `Hãy đổi tên trang "${other}" lại thành "${name}" rồi chạy Thiết lập lần nữa.`,
  sampleUnits: (n: number) =>
    `Trang "Đơn vị" mới tạo có danh sách mẫu (${n} xã của huyện Mường Nhé): hãy thay bằng danh sách đơn vị ` +
    'của mình trước khi tạo mẫu báo cáo.',
  sampleSettings: 'Trang "Cài đặt" mới tạo có giá trị mẫu (tên đơn vị, cơ quan, người nhận): hãy sửa cho đúng.',
  formerUnits: (n: number, named: number) =>
    `Trang "Đơn vị cũ" mới tạo có ${n} mã đơn vị cũ lấy từ cột "Đơn vị cũ (mã)" của trang "Đơn vị"` +
    (named ? ` (${named} tên đã điền sẵn theo tên trang báo cáo cũ, hãy kiểm tra lại)` : '') +
    ': hãy ghi tên và loại (xã, phường, thị trấn) của từng đơn vị cũ để báo cáo gọi đúng tên. Nếu mỗi xã một ' +
    'bảng tính riêng, dán đường dẫn bảng tính của đơn vị cũ vào cột "Bảng tính (URL)", để Tổng hợp tính cả số ' +
    'liệu các tháng trước sáp nhập và so cùng kỳ.',
  warnings: 'Cần xem lại (không bắt buộc sửa):',
  ok: 'Cấu hình đọc được, không có lỗi. Bước tiếp theo: Dân vận › Tạo mẫu báo cáo cho xã.',
  title: 'Thiết lập',
  /** The master's locale (and time zone) set by Thiết lập; `from`: what they were. */
  locale: (from: string) =>
    `Đã đặt khu vực (locale) của bảng tính là Việt Nam (vi_VN; trước đây ${from}): số hiện theo kiểu Việt Nam ` +
    '(1.000; 12,5) và cán bộ gõ "1.000" được hiểu là một nghìn, không phải 1.',
  timeZone: (to: string, from: string) =>
    `Đã đặt múi giờ của bảng tính là ${to} (trước đây ${from}), như dòng "Múi giờ" của trang "Cài đặt", để ngày ` +
    'nộp báo cáo được đọc đúng ngày.',
  localeFailed: (why: string) =>
    `Chưa đặt được khu vực (locale) và múi giờ của bảng tính: ${why}. Hãy vào Tệp › Cài đặt, chọn khu vực ` +
    '"Việt Nam" và múi giờ "(GMT+07:00) Hà Nội" rồi lưu; nếu không, số có thể hiện và được hiểu theo kiểu Mỹ ' +
    '("1.000" thành 1).',
} as const;

/** Asked by "Tạo mẫu báo cáo cho xã" (src/gas/actions.ts). */
export const YEAR_PROMPT = {
  yearTitle: 'Tạo mẫu báo cáo cho xã',
  year: (def: number) => `Năm của mẫu báo cáo (để trống = ${def}):`,
  badYear: (text: string) => `"${text}" không phải là năm (ví dụ 2018).`,
} as const;

/** Asked by "Tổng hợp". */
export const PERIOD_PROMPT = {
  periodTitle: 'Tổng hợp',
  period: (def: string) =>
    `Kỳ tổng hợp, ví dụ "tháng 9", "9/2018", "quý III/2018", "6 tháng năm 2018", "9T/2018" hoặc "năm 2018" (để trống = ${def}):`,
  badPeriod: (text: string) =>
    `"${text}" không phải là kỳ báo cáo. Ví dụ: tháng 9 hoặc 9/2018 (tháng), quý III/2018 hoặc Q3/2018 (quý), 6 tháng năm 2018, 9T/2018, năm 2018.`,
} as const;

/** Asked by "Nộp báo cáo tháng…" and "Mở khóa tháng…". */
export const MONTH_PROMPT = {
  monthTitleSubmit: 'Nộp báo cáo tháng',
  monthTitleUnlock: 'Mở khóa tháng',
  month: (def: number, year: number) => `Tháng (1–12) của năm ${year} (để trống = tháng ${def}):`,
  badMonth: (text: string) => `"${text}" không phải là tháng (1–12).`,
  unit: (names: string) => `Trang đang mở không phải mẫu báo cáo của xã. Nhập mã hoặc tên đơn vị (${names}):`,
  /** The name typed is that of several units (`units`: each with its code): the code tells which. */
  severalUnits: (text: string, units: string[]) =>
    `"${text}" là tên của ${units.length} đơn vị: ${units.join(', ')}. Hãy gõ mã của đơn vị cần chọn (trong ngoặc, ` +
    'ở cột A của trang "Đơn vị").',
  badUnit: (text: string) =>
    `Không có đơn vị "${text}" trong trang "Đơn vị". Hãy gõ tên đơn vị (có dấu hoặc không dấu, ví dụ "Mường Nhé" hay "muong nhe") hoặc mã đơn vị ở cột A của trang "Đơn vị".`,
} as const;

export const TEMPLATES = {
  title: 'Tạo mẫu báo cáo',
  progress: (i: number, n: number, name: string) => `Đang tạo mẫu ${i}/${n}: ${name}`,
  created: (name: string) => `${name}: đã tạo`,
  createdSpreadsheet: (name: string) => `${name}: đã tạo bảng tính riêng`,
  exists: (name: string) => `${name}: đã có, giữ nguyên số liệu`,
  /**
   * The unit's tab held in "Mã đơn vị" an old code, in no list (the code changed in "Đơn vị" since):
   * the cell now holds the unit's code.
   */
  codeFixed: (name: string, tab: string, cell: string, from: string, to: string) =>
    `${name}: trang "${tab}" đã có, giữ nguyên số liệu; đã sửa mã đơn vị ở ô ${cell} từ "${from}" thành "${to}" ` +
    '(theo trang "Đơn vị")',
  /** codeFixed's words after another message about the same tab (rows added, highlighting redone). */
  codeFixedToo: (message: string, cell: string, from: string, to: string) =>
    `${message}; đã sửa mã đơn vị ở ô ${cell} từ "${from}" thành "${to}" (theo trang "Đơn vị")`,
  /** The unit's tab holds in "Mã đơn vị" a code in no list, and its names are not only this unit's: not changed. */
  codeNotFixed: (message: string, finding: string) => `${message}. Chưa sửa ô "Mã đơn vị": ${finding}`,
  carried: (made: string, tab: string) =>
    `${made}, đã chép số liệu từ trang "${tab}" của bảng tính tổng hợp (từ nay xã nhập ở bảng tính riêng)`,
  renamed: (name: string, tabs: string[], expected: string) =>
    `${name}: đã có trang ${tabs.map((t) => `"${t}"`).join(', ')} tên gần giống, giữ nguyên; ` +
    `hãy đổi tên thành "${expected}"`,
  failed: (name: string, why: string) => `${name}: lỗi — ${why}`,
  /** A unit's own spreadsheet switched to Vietnamese number format / the settings' time zone (or not). */
  withLocale: (message: string, note: string) => `${message}; ${note}`,
  localeSet: (from: string) =>
    `đã đặt khu vực của bảng tính riêng là Việt Nam (vi_VN; trước đây ${from}) để "1.000" được hiểu là một nghìn`,
  timeZoneSet: (to: string, from: string) => `đã đặt múi giờ ${to} (trước đây ${from})`,
  localeFailed: (why: string) =>
    `chưa đặt được khu vực Việt Nam cho bảng tính riêng (${why}); hãy vào Tệp › Cài đặt của bảng tính đó, chọn khu vực Việt Nam`,
  skipped: (name: string) => `${name}: chưa tạo (hết thời gian chạy, hãy chạy lại để làm tiếp)`,
  /** An indicator in a tab's list of new rows. */
  row: (label: string, code: string) => `"${label}" (mã ${code})`,
  /** A tab made before indicators were added to "Chỉ tiêu": their rows inserted, nothing typed touched. */
  rowsAdded: (name: string, tab: string, rows: string[]) =>
    `${name}: trang "${tab}" đã có, giữ nguyên số liệu; đã thêm ${rows.length} dòng chỉ tiêu mới: ${rows.join(', ')}`,
  /**
   * A row read under an old code (the code, or the code and label, changed in "Chỉ tiêu"): the
   * catalogue's written in. The same code: only the indicator's kind changed (kindChanged).
   */
  recode: (from: string, to: string, label: string | null) =>
    from === to
      ? `cập nhật dòng ${to} theo loại chỉ tiêu mới trong trang "Chỉ tiêu" (kiểu ô nhập, định dạng số, công thức "Cả năm")`
      : `đổi mã dòng ${from} thành ${to}${label === null ? '' : ` (tên chỉ tiêu: "${label}")`}`,
  /** A tab whose only change is rows re-coded. */
  recoded: (name: string, tab: string, recodes: string[]) =>
    `${name}: trang "${tab}" đã có; ${recodes.join('; ')}, giữ nguyên số liệu`,
  /** Rows left with figures under a code in no catalogue, after rows were added or re-coded: said, with what to do. */
  withStrays: (message: string, strays: { row: number; code: string; cells: number }[]) =>
    strays.length
      ? `${message}. Lưu ý: ${strays.map((s) => `dòng ${s.row} (mã ${s.code}, ${s.cells} ô số liệu)`).join(', ')} ` +
        'có mã không có trong danh mục nên số liệu chưa được tính vào tổng hợp; nếu đó là số liệu của một chỉ tiêu ' +
        'trong trang "Chỉ tiêu" (kể cả chỉ tiêu vừa thêm), hãy sửa mã ở cột "Mã" hoặc chép số liệu sang dòng của chỉ tiêu đó'
      : message,
  /** rowsAdded's message when rows were re-coded too. */
  withRecoded: (message: string, recodes: string[]) =>
    recodes.length ? `${message}; ${recodes.join('; ')}, giữ nguyên số liệu` : message,
  rowsNotAdded: (name: string, tab: string, rows: string[]) =>
    `${name}: trang "${tab}" chưa có dòng cho ${rows.length} chỉ tiêu mới (${rows.join(', ')}), nhưng các cột ` +
    'của trang đã bị sửa khác mẫu nên không tự thêm được; hãy chèn các dòng này vào đúng nhóm, ghi đúng mã ở cột "Mã"',
  /** A tab made before "Quy tắc" changed: only its rule highlighting redone, nothing typed touched. */
  highlighted: (name: string, tab: string) =>
    `${name}: trang "${tab}" đã có, giữ nguyên số liệu; đã cập nhật tô màu theo trang "Quy tắc"`,
  /** A tab whose columns differ from the layout: its rule highlighting is not redone. */
  highlightingKept: (name: string, tab: string) =>
    `${name}: trang "${tab}" đã có, giữ nguyên số liệu; các cột của trang đã bị sửa khác mẫu nên tô màu theo ` +
    'trang "Quy tắc" được giữ như cũ',
  /** A tab whose protections' editors were brought up to date with "Đơn vị" and the admins. */
  withEditors: (message: string) =>
    `${message}; đã cập nhật người được sửa theo trang "Đơn vị" và danh sách quản trị viên`,
  /**
   * A unit's own spreadsheet (layout b) whose sharing was brought up to date with "Đơn vị" and the
   * admins: `notes` of sharedWith / unshared, after the message about its tab.
   */
  withSharing: (message: string, notes: string[]) => (notes.length ? `${message}; ${notes.join('; ')}` : message),
  sharedWith: (emails: string[]) => `đã chia sẻ tệp với ${emails.join(', ')}`,
  unshared: (emails: string[]) =>
    `đã bỏ quyền sửa tệp của ${emails.join(', ')} (không còn trong trang "Đơn vị" hay danh sách quản trị viên)`,
  /** Google refused to share the unit's spreadsheet with an address: said after the unit's message, the rest goes on. */
  shareFailed: (message: string, name: string, email: string, why: string) =>
    `${message}. Chưa chia sẻ được tệp của ${name} với ${email}: ${why}. Hãy kiểm tra địa chỉ này ở trang "Đơn vị" ` +
    '(hoặc danh sách quản trị viên) rồi chạy lại "Tạo mẫu", hoặc chia sẻ tệp bằng tay (nút Chia sẻ của bảng tính)',
  unshareFailed: (message: string, name: string, email: string, why: string) =>
    `${message}. Chưa bỏ được quyền sửa của ${email} trên tệp của ${name}: ${why}. Hãy bỏ bằng tay (nút Chia sẻ của bảng tính)`,
  /** Google gave no editor of the unit's spreadsheet (not even its owner): the user may not read its sharing. */
  editorsUnreadable:
    'không đọc được danh sách người sửa tệp (tài khoản đang chạy không có quyền sửa tệp này); việc chia sẻ tệp được giữ nguyên',
  /** The editors of the unit's spreadsheet could not be read: its sharing is left as it was. */
  sharingFailed: (message: string, name: string, why: string) =>
    `${message}. Chưa cập nhật được việc chia sẻ tệp của ${name}: ${why}`,
  /**
   * Once per run: the add-on's protections of these tabs are not the user's to change (Google lets
   * only their editors and the owner change them): their editors were not brought up to date.
   */
  notProtectionEditor: (me: string, tabs: string[]) =>
    `Chưa cập nhật được người được sửa ở ${tabs.length} trang (${tabs
      .slice(0, 10)
      .map((t) => `"${t}"`)
      .join(', ')}${tabs.length > 10 ? ` và ${tabs.length - 10} trang khác` : ''}): ` +
    `tài khoản đang chạy${me ? ` (${me})` : ''} không có tên trong phần bảo vệ của các trang này (bảo vệ được đặt ` +
    'trước khi tài khoản này là quản trị viên), nên Google không cho sửa. Hãy nhờ chủ sở hữu bảng tính hoặc quản ' +
    'trị viên đã tạo mẫu trước đây chạy lại "Tạo mẫu", hoặc thêm tài khoản này vào phần bảo vệ của các trang đó ' +
    '(Dữ liệu › Trang tính và dải ô được bảo vệ).',
  /** rowsAdded's message when the tab's rule highlighting was redone too. */
  withHighlighting: (message: string) => `${message}; đã cập nhật tô màu theo trang "Quy tắc"`,
  done: (
    year: number,
    created: number,
    kept: number,
    failed: number,
    skipped: number,
    extended = 0,
    notExtended = 0,
    highlighted = 0,
    trimmed = 0,
    recoded = 0,
    editors = 0,
    shared = 0,
  ) =>
    `Mẫu năm ${year} — tạo mới ${created}, giữ nguyên ${kept}` +
    `${extended ? `, thêm dòng chỉ tiêu mới vào ${extended} trang` : ''}` +
    `${recoded ? `, đổi mã hoặc loại dòng chỉ tiêu (theo trang "Chỉ tiêu") ở ${recoded} trang` : ''}` +
    `${notExtended ? `, ${notExtended} trang chưa thêm được dòng chỉ tiêu mới` : ''}` +
    `${highlighted ? `, cập nhật tô màu theo quy tắc ở ${highlighted} trang` : ''}` +
    `${editors ? `, cập nhật người được sửa (theo trang "Đơn vị" và quản trị viên) ở ${editors} trang` : ''}` +
    `${shared ? `, cập nhật chia sẻ tệp riêng của ${shared} đơn vị (theo trang "Đơn vị" và quản trị viên)` : ''}` +
    `${trimmed ? `, bỏ hàng và cột trống thừa ở ${trimmed} trang làm từ trước (để bảng tính không chạm giới hạn 10 triệu ô)` : ''}` +
    `${failed ? `, lỗi ${failed}` : ''}${skipped ? `, chưa làm ${skipped} (chạy lại để làm tiếp)` : ''}.`,
  spreadsheetName: (unit: string, title: string) => `${title} — ${unit}`,
  sheetProtection: (unit: string) => `Mẫu báo cáo ${unit}: chỉ cán bộ đơn vị và quản trị viên được sửa`,
  structureProtection: 'Mã, tên chỉ tiêu và tiêu đề: chỉ quản trị viên được sửa',
} as const;

export const CHECK = {
  title: 'Kiểm tra dữ liệu',
  header: ['Mức độ', 'Đơn vị', 'Tháng', 'Vị trí', 'Nội dung'],
  severity: { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' } as Record<string, string>,
  notePrefix: 'Kiểm tra: ',
  none: 'Không phát hiện lỗi nào.',
  summary: (errors: number, warnings: number, units: number) =>
    `Đã kiểm tra ${units} đơn vị: ${errors} lỗi, ${warnings} cảnh báo. Xem trang "Kiểm tra".`,
  /** "Mức độ" of a row listing a remark a unit wrote in the "Ghi chú" column beside an indicator row. */
  remarkKind: 'Ghi chú',
  /** A remark's "Nội dung": 'Chỉ tiêu "Thùng mì tôm": số liệu tạm tính'. */
  remark: (indicator: string, text: string) => `Chỉ tiêu "${indicator}": ${text}`,
  /** After the first remarks listed (checkRemarks' bound). */
  moreRemarks: (n: number) => `… và ${n} ghi chú khác (xem ở cột "Ghi chú" của các trang báo cáo)`,
  notCheckedCount: (n: number) =>
    `Còn ${n} đơn vị chưa kiểm tra được vì lần chạy hết thời gian (giới hạn 6 phút của Google).`,
  notChecked: (unit: string) =>
    `Chưa kiểm tra ${unit}: lần chạy này hết thời gian (giới hạn 6 phút của Google) trước khi đọc tới đơn vị này, nên đơn vị không có trong kết quả kiểm tra.`,
} as const;

/** "tháng 9/2018" → "Tháng 9/2018" at the start of a sentence. */
function capitalFirst(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

export const SUBMIT = {
  title: 'Nộp báo cáo',
  notUnitSheet:
    'Trang này không đọc được là báo cáo của xã: ô C3 (Mã đơn vị) trống hoặc ghi mã không có trong trang "Đơn vị" ' +
    'mà tên đơn vị và tên trang không chỉ rõ một xã, hoặc trang không còn đúng mẫu. Hãy chạy Dân vận › Kiểm tra ' +
    'dữ liệu để xem lý do.',
  /** After `done`: the tab was read by its names, its unit code (`finding`, the engine's warning) being in no list. */
  unitCodeOutdated: (finding: string) => `Lưu ý: ${finding}.`,
  noSubmittedRow: (sheet: string) => `Trang "${sheet}" không có dòng NGAY_NOP (ngày nộp báo cáo).`,
  hasErrors: (unit: string, label: string, n: number) =>
    `Chưa nộp được báo cáo ${label} của ${unit}: còn ${n} lỗi cần sửa.`,
  /**
   * After hasErrors: some error is a row whose code, label or unit (locked cells) disagrees with the
   * catalogue. `level`: the aggregating level of the settings ("huyện", "tỉnh"), as all below.
   */
  districtRows: (level: string) =>
    `Ô mã chỉ tiêu, tên chỉ tiêu và đơn vị tính do ${level} quản lý (${reportingUnitWord(level)} không sửa được): ` +
    'nếu lỗi ở các ô đó, ' +
    `số liệu tháng này của dòng đó chưa được tính; hãy báo cán bộ ${level} (quản trị viên) sửa danh mục chỉ tiêu ` +
    'hoặc trang báo cáo (thường do danh mục vừa thay đổi), rồi nộp lại.',
  /**
   * After done: `n` errors of the sheet outside the month's cells (a row whose figures of other
   * months are not counted), listed below it; for the aggregating level to fix.
   */
  sheetErrors: (n: number, label: string, level: string) =>
    `Lưu ý: trang còn ${n} lỗi không thuộc ${label} (số liệu ${label} không bị ảnh hưởng), thường do danh mục ` +
    `chỉ tiêu thay đổi hoặc ở ô ${reportingUnitWord(level) === 'xã' ? 'xã' : 'mà đơn vị'} không sửa được; ` +
    `đã ghi vào trang "Nhật ký" để cán bộ ${level} xem và sửa:`,
  /** The "Nhật ký" result of a submission made with such errors. */
  logSheetErrors: (ok: string, messages: string[], level: string) =>
    `${ok}; lỗi của trang cần ${level} xem: ${messages.join(' | ')}`,
  done: (unit: string, label: string, date: string) =>
    `Đã nộp báo cáo ${label} của ${unit} ngày ${date}. Cột tháng đã được khóa.`,
  already: (unit: string, label: string, level: string) =>
    `Báo cáo ${label} của ${unit} đã nộp và đang khóa. Muốn sửa, đề nghị ${level} mở khóa (Dân vận › Mở khóa tháng…).`,
  description: (m: number, year: number) => `Đã nộp tháng ${m}/${year}`,
  unlocked: (unit: string, label: string) =>
    `Đã mở khóa ${label} của ${unit}. Xã sửa xong cần nộp lại (Dân vận › Nộp báo cáo tháng…).`,
  notLocked: (unit: string, label: string) => `${capitalFirst(label)} của ${unit} chưa bị khóa.`,
  /** An admin not among the lock's editors (made admin after the month was locked): Google refuses them. */
  notLockEditor: (unit: string, label: string, me: string) =>
    `Chưa mở khóa được ${label} của ${unit}: ${me} không có tên trong khóa của tháng này (khóa được đặt trước khi ` +
    'tài khoản này là quản trị viên), nên Google không cho gỡ. Hãy nhờ chủ sở hữu bảng tính hoặc người đã khóa tháng này mở khóa.',
  notYet: (unit: string, label: string, start: string, end: string) =>
    `Chưa nộp được báo cáo ${label} của ${unit}: số liệu ${label} tính từ ${start} đến ${end}, kỳ này chưa bắt đầu. ` +
    'Hãy kiểm tra lại tháng đã nhập.',
  /** The month's data window has not ended: figures may still come in until the cut-off day. */
  beforeCutoff: (unit: string, label: string, end: string) =>
    `Chưa nộp được báo cáo ${label} của ${unit}: số liệu ${label} tính đến hết ngày ${end} (ngày chốt số liệu), ` +
    `nên chưa khóa được cột tháng. Hãy tiếp tục nhập số liệu và nộp từ ngày ${end}.`,
  emptyMonth: (unit: string, label: string) =>
    `Chưa nộp được báo cáo ${label} của ${unit}: cột ${label} chưa có số liệu nào. Hãy nhập số liệu ` +
    '(chỉ tiêu không có thì ghi 0) rồi nộp lại.',
  noYearSheet: (unit: string, sheet: string) =>
    `${unit} chưa có trang "${sheet}". Hãy kiểm tra năm đã nhập, hoặc tạo mẫu năm đó (Dân vận › Tạo mẫu báo cáo cho xã).`,
  notAdmin: (email: string) =>
    `Chỉ quản trị viên (trang "Cài đặt", dòng "Quản trị viên (e-mail)") mới mở khóa được${email ? `; bạn đang dùng ${email}` : ''}.`,
  /**
   * Before submitting a month with warnings (nothing written yet): its `n` warnings, listed below, then
   * `confirmSubmit` asks.
   */
  warningsFound: (unit: string, label: string, n: number) =>
    `Báo cáo ${label} của ${unit} có ${n} cảnh báo cần xem lại (chưa nộp, chưa khóa):`,
  /** The question, YES/NO (the buttons are Google's, in the user's language): no button named. */
  confirmSubmit: (label: string, level: string) =>
    `Vẫn nộp báo cáo ${label}? Nộp xong, cột tháng bị khóa; muốn sửa sau đó phải đề nghị ${level} mở khóa.`,
  /** The clerk chose not to submit (or closed the question): nothing written; the warnings listed below. */
  notSubmitted: (unit: string, label: string) =>
    `Chưa nộp báo cáo ${label} của ${unit}: trang chưa bị ghi hay khóa gì. Các ô cần xem lại:`,
  fixThenSubmit:
    'Sửa các ô trên rồi chọn lại Nộp báo cáo (Dân vận › Nộp báo cáo tháng…). Nếu số liệu đã đúng, chọn lại và ' +
    'đồng ý nộp.',
  /** The month is already locked: a slip warned of is fixed after the aggregating level unlocks. */
  warnings: (n: number, level: string) =>
    `Có ${n} cảnh báo cần xem lại; nếu số liệu sai, đề nghị ${level} mở khóa tháng để sửa rồi nộp lại:`,
  moreWarnings: (n: number) => `… và ${n} cảnh báo khác (xem Dân vận › Kiểm tra dữ liệu).`,
} as const;

/**
 * Tổng hợp read no unit's report of last year (the 'no-last-year' finding, in "Kiểm tra" and the
 * alert): which tabs to keep or bring back. `separate`: one spreadsheet per commune; `example`: the
 * name a unit's tab of last year has ("Chung Chải 2017").
 */
export function sheetsNoLastYearAdvice(separate: boolean, example: string): NoLastYearAdvice {
  return {
    within: separate ? ' trong bảng tính riêng của các xã' : ' trong bảng tính này',
    advice: (year) =>
      `chỉ tiêu lũy kế của xã chưa nhập tháng nào năm ${year} cũng được tính là 0. Hãy giữ các trang năm ` +
      `${year - 1} của các xã (ví dụ trang "${example}")` +
      `${separate ? ' trong bảng tính riêng của từng xã' : ' trong bảng tính này'}; nếu đã xóa, có thể tạo bản sao ` +
      'từ một phiên bản cũ (Tệp › Lịch sử phiên bản) rồi chép các trang đó sang. Sau đó bấm Tổng hợp lại.',
  };
}

export const AGGREGATE = {
  title: 'Tổng hợp',
  reading: (i: number, n: number, name: string) => `Đang đọc ${i}/${n}: ${name}`,
  summarising: 'Đang tổng hợp…',
  writing: (sheet: string) => `Đang ghi trang "${sheet}"…`,
  done: (label: string, reported: number, expected: number, sheet: string) =>
    `Đã tổng hợp ${label}: ${reported}/${expected} đơn vị đã nộp. Kết quả ở trang "${sheet}".`,
  problems: (n: number) => `Có ${n} đơn vị không đọc được:`,
  failed: (why: string) => `Tổng hợp không thành công, trang tổng hợp cũ được giữ nguyên. Lý do: ${why}`,
  emailProblems:
    'Lưu ý: báo cáo e-mail hằng tháng và thư nhắc các xã sẽ không được gửi cho tới khi sửa (các việc khác vẫn chạy bình thường):',
  /**
   * No unit has a sheet of the period's year (a new year before "Tạo mẫu"): `separate`: one spreadsheet
   * per commune; `example`: the name a unit's tab of that year would have.
   */
  noYearSheets: (year: number, label: string, separate: boolean, example: string) =>
    `Chưa có xã nào có trang báo cáo năm ${year} (ví dụ trang "${example}") ` +
    `${separate ? 'trong bảng tính riêng của xã' : 'trong bảng tính này'}, nên chưa xã nào nhập và nộp được báo cáo ` +
    `${label}. Hãy chạy Dân vận › Tạo mẫu báo cáo cho xã, nhập năm ${year}, rồi báo các xã nhập số liệu vào trang ` +
    'mới; sau đó bấm Tổng hợp lại.',
  tabsLeftOut: (tabs: string[]) =>
    `Trang ${tabs.map((t) => `"${t}"`).join(', ')} có tên như trang báo cáo của một đơn vị nhưng không thuộc đơn vị ` +
    'nào trong trang "Đơn vị", nên số liệu trong đó không được tổng hợp. Nếu là báo cáo của một đơn vị, hãy thêm ' +
    'đơn vị đó vào trang "Đơn vị" (hoặc đổi tên trang cho đúng); nếu không, có thể xóa trang.',
  notYet: (label: string, start: string) =>
    `Chưa tổng hợp được ${label}: kỳ này tính số liệu từ ${start}, chưa bắt đầu. Hãy kiểm tra lại kỳ đã nhập.`,
  warnings: 'Cần xem lại:',
  dataSheetForeign: (sheet: string, cell: string, found: string, expected: string) =>
    `Trang "${sheet}" chưa được cập nhật: ô ${cell} ghi "${found}", cần "${expected}", nên trang này có thể là trang ` +
    `riêng của người dùng và không bị ghi đè. Trang tổng hợp vẫn được ghi. Nếu đó là trang của công cụ, hãy sửa lại ` +
    `tiêu đề ô ${cell}; nếu là trang riêng, hãy đổi tên trang. Rồi bấm Tổng hợp lại.`,
  backupLeft: (sheet: string) =>
    `Chưa xóa được trang "${sheet}" (bản cũ của trang tổng hợp); lần Tổng hợp sau sẽ xóa, hoặc có thể xóa tay.`,
  tempLeft: (sheet: string) =>
    `Chưa xóa được trang tạm "${sheet}" (trang tổng hợp đã ghi xong); lần Tổng hợp sau sẽ xóa, hoặc có thể xóa tay.`,
  /** The old sheet could not be overwritten, so the new one took its place (another sheetId). */
  sheetReplaced: (sheet: string) =>
    `Không ghi đè được trang "${sheet}" nên đã thay bằng một trang mới cùng tên. Nếu ở trang khác có công thức ` +
    `hoặc biểu đồ lấy số từ trang "${sheet}", chúng sẽ báo lỗi #REF!: hãy sửa lại cho trỏ tới trang mới.`,
  /** Neither overwritten nor replaced: `temp` holds the whole new sheet. */
  sheetUnfinished: (sheet: string, temp: string) =>
    `Trang "${sheet}" chưa ghi xong (Google Sheets lỗi giữa chừng) nên có thể thiếu hoặc sai số liệu; bản đầy đủ ` +
    `đang ở trang "${temp}". Hãy chạy lại Tổng hợp cho kỳ này.`,
} as const;

/** A unit's spreadsheet that cannot be opened (src/gas/io/find-units.ts: Kiểm tra, Tạo mẫu, Tổng hợp, e-mail). */
export const UNIT_BOOK = {
  unreadable: (unit: string, why: string) => `Không mở được bảng tính của ${unit}: ${why}`,
  /**
   * How the add-on names a unit's spreadsheet in the engine's findings, in place of "Tệp <source>"
   * (`midSentence`: "bảng tính …"). `book`: its name, when it could be had; `unit`: whose it is in
   * "Đơn vị" (layout b), none for the master.
   */
  book: (book: string | null, unit: string | null, midSentence = false) =>
    `${midSentence ? 'bảng tính' : 'Bảng tính'}${book ? ` "${book}"` : ''}${unit ? ` của ${unit}` : ''}`,
  /**
   * Layout (b): said after the engine's "không có trang báo cáo nào" (why) of a commune's own
   * spreadsheet that opens without any tab read as a report; the finding already names the
   * spreadsheet and its tabs. `run`: the action the clerk ran, to run again once the tab is fixed.
   */
  noReport: (unit: string, run: 'aggregate' | 'check') =>
    run === 'aggregate'
      ? `${unit} được ghi là "không đọc được báo cáo", số liệu của đơn vị này chưa được cộng. Hãy sửa trang theo ` +
        `mẫu báo cáo (đủ các cột tháng T1 … T12) rồi chạy lại ${MENU.aggregate}.`
      : `${MENU.aggregate} sẽ ghi ${unit} là "không đọc được báo cáo" và không cộng số liệu của đơn vị này. Hãy sửa ` +
        `trang theo mẫu báo cáo (đủ các cột tháng T1 … T12) rồi chạy lại ${MENU.check}.`,
  /** Layout (b): the unit's tab of the year found by its "Mã đơn vị" cell under another name. */
  tabByCode: (unit: string, book: string, tab: string, expected: string, code: string) =>
    `Bảng tính "${book}" của ${unit} không có trang "${expected}"; đã đọc trang "${tab}" vì ô "Mã đơn vị" (C3) ` +
    `ghi mã ${code} của ${unit} và đúng năm. Hãy đổi tên trang thành "${expected}".`,
  /**
   * Layout (b): the period's tab not found (said after the engine's "chưa có trang báo cáo năm …").
   * `coded`: several tabs with the unit's code and year (none read).
   */
  tabMissing: (unit: string, year: number, book: string, expected: string, tabs: string[], coded: string[]) =>
    `bảng tính "${book}" của ${unit} không có trang "${expected}"` +
    (coded.length > 1
      ? `; có ${coded.length} trang ghi mã của ${unit} năm ${year}: ${coded.map((t) => `"${t}"`).join(', ')}, ` +
        `không đọc trang nào. Hãy giữ một trang và đổi tên thành "${expected}".`
      : tabs.length
        ? `; bảng tính có ${tabs.map((t) => `"${t}"`).join(', ')}. Nếu một trang trong đó là báo cáo năm ${year}, ` +
          `hãy đổi tên trang thành "${expected}" (và kiểm tra ô "Mã đơn vị" (C3) và ô "Năm" (C4)).`
        : '; bảng tính không có trang nào.'),
} as const;

/**
 * The one-call summary write over the Sheets API (src/gas/sheets-write.ts). Phrases
 * follow "Lý do: " (AGGREGATE.failed): lower case, no final full stop.
 */
export const SHEETS_WRITE = {
  rejected: (code: number) =>
    `Google Sheets từ chối ghi trang tổng hợp (mã ${code}); không có gì bị ghi — hãy chạy lại, nếu vẫn lỗi hãy báo cán bộ tin học`,
  busy: (code: number, tries: number) =>
    `Google Sheets đang quá tải (mã ${code}, đã thử ${tries} lần); không có gì bị ghi — hãy chạy lại sau ít phút`,
  network: (tries: number) =>
    `không kết nối được tới Google Sheets (đã thử ${tries} lần); không có gì bị ghi — hãy chạy lại sau ít phút`,
  badAnswer: 'Google Sheets trả lời không đọc được; hãy chạy lại sau ít phút',
  /** Written in "Nhật ký" (and the run's notes) when the ordinary, slower writer was used. */
  fallback: (why: string) =>
    `Không dùng được Google Sheets API (${why}); đã ghi trang tổng hợp bằng cách thường (chậm hơn). Cán bộ tin học có thể bật "Google Sheets API" cho dự án của tập lệnh.`,
  dataSeparately: 'Trang "Dữ liệu" quá lớn để ghi cùng trang tổng hợp trong một lần; đã ghi riêng ngay sau đó.',
  dataFailed: (why: string) =>
    `Trang tổng hợp đã ghi xong nhưng trang "Dữ liệu" chưa cập nhật được (${why}); hãy chạy lại Tổng hợp.`,
} as const;

export const LOCK = {
  busy: 'Một người khác đang chạy một thao tác của Dân vận trên bảng tính này. Hãy đợi một lát rồi thử lại.',
} as const;

/**
 * Google's errors (English, or the account's language) explained in Vietnamese
 * (src/gas/errors.ts maps them). Phrases follow a colon: lower case, no final full stop.
 * The original text is kept in "Nhật ký" for IT staff (`GOOGLE_ERRORS.original`).
 */
export const GOOGLE_ERRORS = {
  noPermission: (unit?: string, user?: string) =>
    `tài khoản đang chạy${user ? ` (${user})` : ''} không có quyền mở bảng tính ${unit ? `của ${unit}` : 'này'} — ` +
    `hãy nhờ ${unit ?? 'chủ bảng tính'} chia sẻ lại bảng tính (quyền xem trở lên) cho tài khoản này`,
  notAuthorised: (what = 'dịch vụ của Google') =>
    `tập lệnh chưa được cấp quyền dùng ${what} — hãy chọn lại mục trong menu Dân vận và bấm "Cho phép" khi Google hỏi`,
  /** `at`: where the URL is typed ("Đơn vị", or "Đơn vị cũ" for an old commune), with its cell when known. */
  notFound: (at: { sheet: string; cell?: string } = { sheet: SHEETS.units }) =>
    `bảng tính đã bị xóa hoặc đường dẫn sai — hãy kiểm tra ${at.cell ? `ô ${at.cell} (cột` : 'cột'} ` +
    `"${UNITS_HEADER.spreadsheetUrl}"${at.cell ? ')' : ''} ở trang "${at.sheet}"`,
  timedOut: 'Google Sheets phản hồi quá lâu — hãy chạy lại sau ít phút',
  protectedRange:
    'ô hoặc trang này đang được bảo vệ, tài khoản đang dùng không được sửa — hãy nhờ quản trị viên (trang "Cài đặt") sửa, hoặc cho quyền sửa',
  serviceFailed: 'Dịch vụ của Google (Google Sheets, Gmail) tạm thời gặp lỗi — hãy chạy lại sau ít phút',
  tried: (n: number) => ` (đã thử ${n} lần)`,
  tooFast: 'gọi dịch vụ của Google quá dày trong thời gian ngắn — hãy đợi một phút rồi thử lại',
  mailQuota:
    'đã hết hạn mức gửi thư trong ngày của Google (tài khoản thường 100 người nhận mỗi ngày, Google Workspace 1.500)',
  dailyQuota: (service: string) =>
    `đã dùng hết hạn mức trong ngày của Google cho dịch vụ "${service}" — hãy thử lại vào ngày mai`,
  tooManyRecipients: 'thư có quá nhiều người nhận (Google cho tối đa 50 người nhận một thư)',
  invalidEmail: (address: string) => `địa chỉ e-mail không hợp lệ: ${address}`,
  lockTimeout: 'một người khác đang chạy một thao tác trên bảng tính này — hãy đợi một lát rồi thử lại',
  timeLimit: 'hết thời gian chạy Google cho phép (6 phút) — hãy chạy lại, phần đã xong được giữ',
  tooManyTriggers:
    'tập lệnh đã có quá nhiều trình kích hoạt (Google cho tối đa 20 mỗi người) — hãy xóa bớt trong Apps Script › Trình kích hoạt',
  /** "Limit Exceeded: Email Body Size.": MailApp's limit of a message's text (200 KB for a gmail.com account). */
  mailBodyTooLarge:
    'thư quá lớn: nội dung thư vượt dung lượng Gmail cho phép gửi bằng tập lệnh, gửi lại cũng không được — ' +
    'hãy gửi bảng tổng hợp bằng tay và báo cán bộ tin học',
  /** "Limit Exceeded: Email Total Attachments Size.": 25 MB of attachments a message. */
  mailAttachmentsTooLarge:
    'thư quá lớn: tệp đính kèm vượt 25 MB Gmail cho phép, gửi lại cũng không được — ' +
    'hãy xóa bớt các trang cũ không cần trong bảng tính tổng hợp rồi gửi lại, hoặc gửi bảng tổng hợp bằng tay',
  cellTooLong:
    'một ô có hơn 50.000 ký tự (giới hạn của Google Sheets), thường là một ghi chú hay ý kiến "Khó khăn, vướng mắc, kiến nghị" rất dài — ' +
    'hãy rút gọn ô đó rồi chạy lại',
  tooManyCells: 'bảng tính đã chạm giới hạn 10 triệu ô của Google Sheets — hãy xóa bớt các trang cũ',
  propertiesFull: 'bộ nhớ cài đặt của tập lệnh đã đầy — hãy báo cán bộ tin học',
  /** "Script exceeded quota: URL Fetch calls": a quota of the account, not a passing failure. */
  runQuota: (what?: string) =>
    `tài khoản chạy tập lệnh đã dùng hết hạn mức của Google${what ? ` ("${what}")` : ' (thời gian chạy trong ngày)'} — ` +
    'chạy lại ngay cũng không được; hạn mức được cấp lại sau 24 giờ, hãy thử lại vào ngày mai',
  /** A JavaScript error (TypeError…): a defect of the add-on. */
  scriptBug: 'Lỗi trong tập lệnh Dân vận — hãy thử lại; nếu vẫn lỗi hãy báo quản trị (chi tiết ở trang "Nhật ký")',
  /** A Google text no rule knows (its English stays in "Nhật ký"). */
  unknown:
    'Lỗi không xác định của Google/Apps Script — hãy thử lại; nếu vẫn lỗi hãy báo quản trị (chi tiết ở trang "Nhật ký")',
  /** Appended in "Nhật ký" after the Vietnamese text, for IT staff. */
  original: (text: string) => ` [Google: ${text}]`,
} as const;

/** Two or more tabs whose names differ only by invisible or look-alike characters (layout a). */
export const LOOKALIKE = {
  chars: {
    nbsp: 'dấu cách không ngắt',
    space: 'khoảng trắng đặc biệt',
    zeroWidth: 'ký tự vô hình',
    d: 'chữ Ð/Ɖ giả chữ Đ',
    nfd: 'chữ có dấu gõ kiểu tổ hợp (NFD)',
    case: 'khác chữ hoa/thường',
    spacing: 'thừa hoặc thiếu dấu cách',
  } as Record<string, string>,
  describe: (name: string, odd: string[]) => `"${name}"${odd.length ? ` (${odd.join(', ')})` : ''}`,
  ignored: (unit: string, year: number, real: string, others: string[]) =>
    `Có ${others.length + 1} trang trùng tên cho ${unit} năm ${year}: đã đọc trang "${real}" có tên đúng; ` +
    `bỏ qua ${others.join(', ')}. Hãy xóa hoặc đổi tên trang bị bỏ qua.`,
  renamed: (unit: string, tab: string, expected: string) =>
    `Không có trang "${expected}" của ${unit}; đã đọc trang "${tab}" có tên gần giống (mã đơn vị trong trang ` +
    `vẫn được kiểm tra). Hãy đổi tên trang thành "${expected}".`,
  copies: (unit: string, real: string, copies: string[]) =>
    `Trang ${copies.map((c) => `"${c}"`).join(', ')} có tên giống trang "${real}" của ${unit} nhưng không được ` +
    `tổng hợp (chỉ đọc trang "${real}"). Nếu số liệu được nhập ở đó, hãy chép sang trang "${real}" rồi xóa trang thừa.`,
  notTheRealTab: (unit: string, year: number, tab: string, real: string) =>
    `Trang "${tab}" là báo cáo năm ${year} của ${unit} nhưng không phải trang được tổng hợp (Tổng hợp đọc trang ` +
    `"${real}"): số liệu nhập ở đây không được tính. Hãy nhập vào trang "${real}", hoặc chép số liệu sang đó rồi xóa trang này.`,
  /** A left-over tab read as the unit's because its "Mã đơn vị" cell (C3) holds the unit's code. */
  renamedByCode: (unit: string, tab: string, expected: string, code: string) =>
    `Không có trang "${expected}" của ${unit}; đã đọc trang "${tab}" vì ô "Mã đơn vị" (C3) của trang ghi mã ` +
    `${code} của ${unit}. Hãy đổi tên trang thành "${expected}".`,
  /** A left-over tab holding the code of a unit that has its own tab (read instead). */
  codedTaken: (tab: string, unit: string, code: string, own: string) =>
    `Trang "${tab}" có ô "Mã đơn vị" (C3) ghi mã ${code} của ${unit}, nhưng ${unit} đã có trang "${own}" ` +
    `(trang được tổng hợp), nên số liệu trong trang "${tab}" không được tính. Nếu số liệu được nhập ở đó, hãy chép ` +
    `sang trang "${own}" rồi xóa trang thừa; nếu đó là báo cáo của đơn vị khác, hãy sửa ô "Mã đơn vị" cho đúng.`,
  renamedAmbiguous: (unit: string, expected: string, tabs: string[]) =>
    `Không có trang "${expected}" của ${unit}, mà có ${tabs.length} trang tên gần giống: ` +
    `${tabs.map((t) => `"${t}"`).join(', ')}; không đọc trang nào. Hãy đổi tên một trang thành "${expected}".`,
  ambiguous: (unit: string, year: number, names: string[]) =>
    `Có ${names.length} trang trùng tên cho ${unit} năm ${year}: ${names.join(', ')}; không trang nào có tên đúng ` +
    `như trang "Đơn vị" nên không đọc trang nào. Hãy giữ một trang và xóa hoặc đổi tên các trang kia.`,
} as const;

export const LOG = {
  header: ['Thời gian', 'Người thực hiện', 'Thao tác', 'Kỳ', 'Kết quả'],
  ok: 'thành công',
  failed: (why: string) => `lỗi: ${why}`,
  refused: (why: string) => `không chạy: ${why}`,
  actions: {
    setup: 'Thiết lập',
    templates: 'Tạo mẫu báo cáo',
    check: 'Kiểm tra dữ liệu',
    submit: 'Nộp báo cáo',
    unlock: 'Mở khóa tháng',
    aggregate: 'Tổng hợp',
  },
} as const;

export const COMMON = {
  errorTitle: 'Có lỗi',
  cancelled: 'Đã hủy.',
  unexpected: (why: string) => `Có lỗi không lường trước: ${why}`,
  andMore: (n: number) => `… và ${n} mục khác.`,
  noSpreadsheet: 'Không tìm thấy bảng tính đang mở.',
  noMaster: 'Không tìm thấy bảng tính tổng hợp.',
} as const;

/**
 * The code loader of dist/Code.js (scripts/build.mjs): a menu item or trigger whose code file
 * (`dist/code-<group>.html`) is missing or broken. Embedded in the build, so a plain function of the file name.
 */
export const LOADER = {
  failed: (file: string) =>
    `Không nạp được phần mã "${file}" của tiện ích Dân vận (tệp thiếu hoặc hỏng). ` +
    'Hãy báo quản trị viên cài lại tiện ích (npm run push). Chi tiết lỗi có trong nhật ký thực thi của Apps Script.',
} as const;
