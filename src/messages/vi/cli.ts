/** Vietnamese texts of the command-line tool `tonghop` (src/cli). */
import { type NoLastYearAdvice, nowWord, type UndatedAdvice, type Where } from './findings';
import { REPORT_TEXT } from './report';

const EXIT_CODES = `Mã thoát:
  0   thành công
  1   số liệu có lỗi, kể cả có tệp không đọc được (các tệp kết quả vẫn được ghi)
  2   sai cách dùng: lệnh hoặc tùy chọn không đúng, tệp cấu hình không hợp lệ,
      hoặc không ghi được tệp kết quả
  3   không tìm thấy tệp đầu vào, hoặc không đọc được tệp nào
  4   gửi e-mail không thành công (bản .eml vẫn được lưu trong thư mục outbox)
  70  lỗi không mong đợi của chương trình (đặt TONGHOP_DEBUG=1 để xem chi tiết)`;

const CONFIG_OPTIONS = `  --catalogue TỆP   danh mục chỉ tiêu (mặc định: danh mục có sẵn)
  --units TỆP       danh sách đơn vị (mặc định: 11 xã huyện Mường Nhé)
  --settings TỆP    thiết lập (ngày chốt số liệu, hạn nộp, tên đơn vị tổng hợp…)`;

export const HELP = {
  global: `tonghop — tổng hợp báo cáo công tác dân vận của các xã từ tệp Excel (.xlsx)

Cách dùng: tonghop <lệnh> [tùy chọn]

Các lệnh:
  template    tạo mẫu báo cáo trống cho từng xã (mỗi xã một tệp .xlsx)
  check       kiểm tra các tệp báo cáo của xã, liệt kê lỗi và cảnh báo
  aggregate   tổng hợp số liệu một kỳ báo cáo: tệp tổng hợp .xlsx, báo cáo HTML, JSON, CSV
  report      soạn e-mail báo cáo một kỳ (tháng, quý, năm…; .eml kèm tệp tổng hợp); gửi qua SMTP nếu có
  demo        chạy thử trên số liệu mẫu 11 xã huyện Mường Nhé năm 2017–2018

Xem hướng dẫn từng lệnh: tonghop <lệnh> --help

${EXIT_CODES}

Biến môi trường:
  TONGHOP_NOW        thời điểm "bây giờ" (ISO 8601), để chạy lại cho kết quả giống hệt; không ghi múi giờ
                     (ví dụ 2027-01-14T23:30) thì hiểu là giờ theo "timeZone" của tệp thiết lập
                     (mặc định giờ Việt Nam), không theo múi giờ của máy
  TONGHOP_SMTP_HOST, TONGHOP_SMTP_PORT, TONGHOP_SMTP_USER, TONGHOP_SMTP_PASS,
  TONGHOP_SMTP_SECURE, TONGHOP_MAIL_FROM   máy chủ gửi thư cho lệnh report
  TONGHOP_DEBUG=1    in chi tiết khi có lỗi không mong đợi
`,
  template: `Cách dùng: tonghop template --year NĂM --out THƯ_MỤC [tùy chọn]

Tạo mẫu báo cáo trống cho từng đơn vị, mỗi đơn vị một tệp <mã-đơn-vị>-<năm>.xlsx.
Ô số liệu chỉ nhận số không âm; các ô khác được khóa (không đặt mật khẩu).

Tệp đã có thì không bị ghi đè. Nếu danh mục có chỉ tiêu mới (thêm giữa năm) mà trang của
năm đó chưa có dòng, công cụ chèn thêm các dòng này đúng nhóm và vị trí như mẫu mới, giữ
nguyên mọi số liệu, ghi chú, ngày nộp và các trang khác; bản trước khi thêm được lưu thành
<tên tệp>.bak. Trang đã bị sửa cột thì giữ nguyên và nêu lý do cùng các dòng còn thiếu.
Nếu quy tắc kiểm tra trong danh mục đã đổi, phần tô màu theo quy tắc của trang được làm lại
cho đúng (định dạng có điều kiện do người dùng tự thêm được giữ), cũng lưu bản .bak.
Tệp đang mở trong Excel/LibreOffice, hoặc không có quyền ghi, thì không sửa (mã thoát 2): hãy đóng tệp (hoặc cho phép ghi) rồi chạy lại.

Tùy chọn:
  --year NĂM        năm báo cáo, ví dụ 2018 (bắt buộc)
  --out THƯ_MỤC     thư mục ghi các tệp mẫu (bắt buộc)
  --unit MÃ         chỉ tạo cho đơn vị này (có thể lặp lại)
  --force           ghi đè tệp đã có bằng mẫu trống (mất số liệu đã điền)
${CONFIG_OPTIONS}
  -h, --help        hướng dẫn này

Ví dụ: tonghop template --year 2018 --out mau-2018
`,
  check: `Cách dùng: tonghop check TỆP|THƯ_MỤC… [tùy chọn]

Kiểm tra các tệp báo cáo .xlsx của xã (thư mục được duyệt cả thư mục con).
In từng lỗi, cảnh báo với tên xã, ô, chỉ tiêu và tháng. Mã thoát 1 khi có lỗi.

Tùy chọn:
  --year NĂM        chỉ kiểm tra các trang của năm này
  --json            in kết quả dạng JSON
  --progress        luôn hiện tiến độ đọc tệp (mặc định chỉ khi chạy trong cửa sổ lệnh)
${CONFIG_OPTIONS}
  -h, --help        hướng dẫn này

Ví dụ: tonghop check bao-cao-xa/
`,
  aggregate: `Cách dùng: tonghop aggregate [--period KỲ] TỆP|THƯ_MỤC… [tùy chọn]

Tổng hợp số liệu của các xã cho một kỳ báo cáo: số của kỳ, lũy kế từ đầu năm,
so với cùng kỳ năm trước (cần cả tệp của năm trước), tình hình nộp báo cáo và phần nhận xét.

Tùy chọn:
  --period KỲ       kỳ báo cáo: 2018-09 (tháng), 2018-Q3 (quý), 2018-6T, 2018-9T, 2018 (năm);
                    cũng được viết "tháng 9 năm 2018", "quý III/2018", "6 tháng năm 2018",
                    "cả năm 2018"; không ghi năm ("9", "quý 3") là kỳ gần nhất đã bắt đầu
                    (tháng 1 gõ "12" là tháng 12 năm trước);
                    mặc định: tháng gần nhất đã chốt số liệu
  --out TỆP         tệp tổng hợp .xlsx (mặc định: tong-hop-<kỳ>.xlsx)
  --html TỆP        ghi thêm báo cáo HTML
  --csv TỆP         ghi thêm số liệu dạng bảng dài (CSV, UTF-8)
  --json            in bản tổng hợp dạng JSON ra màn hình (thay cho bản chữ)
  --progress        luôn hiện tiến độ đọc tệp
${CONFIG_OPTIONS}
  -h, --help        hướng dẫn này

Ví dụ: tonghop aggregate --period 2018-09 bao-cao-xa/ --out tong-hop.xlsx --html bao-cao.html
`,
  report: `Cách dùng: tonghop report [--period KỲ] TỆP|THƯ_MỤC… [--to ĐỊA_CHỈ] [tùy chọn]

Soạn e-mail báo cáo của kỳ (nội dung HTML và chữ thường, kèm tệp tổng hợp .xlsx) và lưu
thành tệp .eml trong thư mục outbox (mở bằng Outlook/Thunderbird để gửi).
Nếu có biến môi trường TONGHOP_SMTP_HOST thì gửi luôn qua máy chủ SMTP và vẫn lưu một bản.

Tùy chọn:
  --period KỲ       kỳ báo cáo (như lệnh aggregate; mặc định: tháng gần nhất đã chốt)
  --to ĐỊA_CHỈ      người nhận (lặp lại cho nhiều người; mặc định: recipients trong thiết lập)
  --from ĐỊA_CHỈ    người gửi (mặc định: TONGHOP_MAIL_FROM, hoặc tên đăng nhập SMTP nếu là địa chỉ
                    e-mail; khi chỉ lưu tệp .eml: tên cơ quan với địa chỉ tạm
                    tonghop@localhost.localdomain, sửa lại khi gửi; gửi qua SMTP thì bắt buộc)
  --outbox THƯ_MỤC  nơi lưu tệp .eml (mặc định: outbox); nếu đã có tệp .eml của kỳ này (lần chạy
                    trước) thì giữ nguyên, tệp mới ghi thêm số: bao-cao-2018-09-2.eml …
  --progress        luôn hiện tiến độ đọc tệp
${CONFIG_OPTIONS}
  -h, --help        hướng dẫn này

Máy chủ SMTP (biến môi trường): TONGHOP_SMTP_HOST, TONGHOP_SMTP_PORT (mặc định 587, hoặc 465
khi TONGHOP_SMTP_SECURE=1), TONGHOP_SMTP_USER, TONGHOP_SMTP_PASS, TONGHOP_SMTP_SECURE, TONGHOP_MAIL_FROM.

Ví dụ: tonghop report --period 2018-09 bao-cao-xa/ --to bandanvan@example.vn
`,
  demo: `Cách dùng: tonghop demo [--out THƯ_MỤC] [--force]

Chạy thử trên số liệu mẫu của 11 xã huyện Mường Nhé (năm 2017 và 2018; một xã nộp muộn,
một xã chưa nộp, vài ô nhập sai): ghi các tệp của xã vào <THƯ_MỤC>/xa, rồi tổng hợp tháng 9/2018
thành tệp .xlsx, báo cáo HTML và e-mail .eml trong <THƯ_MỤC>.

Tùy chọn:
  --out THƯ_MỤC     thư mục kết quả (mặc định: out)
  --force           ghi đè cả các tệp trong <THƯ_MỤC>/xa không do lệnh demo tạo ra
                    (mặc định: không ghi đè, để khỏi mất báo cáo thật của xã)
  -h, --help        hướng dẫn này
`,
} as const;

/** A row left with figures under a code in no catalogue (the engine's StrayRow). */
type StrayRow = { row: number; code: string; cells: number };

/** Rows left with figures under a code in no catalogue, after rows were added or re-coded: said, with what to do. */
function strayNote(strays: StrayRow[]): string {
  if (!strays.length) return '';
  const list = strays.map((s) => `dòng ${s.row} (mã ${s.code}, ${s.cells} ô số liệu)`).join(', ');
  return (
    `Lưu ý: ${list} có mã không có trong danh mục nên số liệu chưa được tính vào tổng hợp; nếu đó là số liệu của ` +
    'một chỉ tiêu trong danh mục (kể cả chỉ tiêu vừa thêm), hãy sửa mã ở cột "Mã" hoặc chép số liệu sang dòng của chỉ tiêu đó. '
  );
}

/** What `tonghop template` would have done to a workbook it could not write: rows added, rows re-coded, else the highlighting. */
function pendingChanges(rows: string[], recoded: string[]): string {
  const parts = [
    rows.length ? `thêm ${rows.length} dòng chỉ tiêu mới (${rows.join(', ')})` : '',
    recoded.length ? recoded.join('; ') : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'cập nhật tô màu theo quy tắc';
}

/** Where a month's submission date goes in a commune's .xlsx: its cell, row and month column. */
const dateCell = (w: Where) =>
  `${w.cell ? `ô ${w.cell} (dòng "Ngày nộp báo cáo", cột tháng ${w.month})` : `dòng "Ngày nộp báo cáo", cột tháng ${w.month}`} trong tệp .xlsx của đơn vị`;

/**
 * A month with figures but no submission date: what to do in the .xlsx file (the add-on's menu
 * "Nộp báo cáo tháng…" does not exist there). The end of FINDING_TEXT.undatedMonth / undatedMonthOpen.
 */
export const CLI_UNDATED_ADVICE: UndatedAdvice = {
  late: (w) => `hãy ghi ngày đơn vị nộp báo cáo tháng này (ngày/tháng/năm) vào ${dateCell(w)}, rồi chạy lại lệnh`,
  open: (w) => `nhập xong hãy ghi ngày nộp (ngày/tháng/năm) vào ${dateCell(w)}`,
};

/**
 * No input holds a report of last year (the 'no-last-year' finding, also on the console): the help's
 * example keeps one folder per year.
 */
export const CLI_NO_LAST_YEAR_ADVICE: NoLastYearAdvice = {
  within: ' trong các tệp đã chọn',
  advice: (year) => `hãy chọn thêm thư mục/tệp năm ${year - 1} (ví dụ: tonghop aggregate mau-${year - 1} mau-${year}).`,
};

export const CLI_TEXT = {
  sheetRef: (sheet: string) => `trang "${sheet}"`,
  /** A summary this level wrote earlier, found among the inputs (own-summary.ts). */
  ownSummarySkipped: (file: string, unit: string, sheet: string) =>
    `Bỏ qua ${file}: đây là tệp tổng hợp của ${unit} (trang "${sheet}") làm lần trước, không phải báo cáo của đơn vị cấp dưới.`,
  earlierOutputSkipped: (file: string) =>
    `Bỏ qua ${file}: tệp này không có báo cáo của đơn vị nào (có lẽ là tệp tổng hợp lần trước) và sẽ được ghi lại.`,
  // ------------------------------------------------------------ usage
  /** `near`: the command probably meant (a typo, or its Vietnamese name: "tong-hop" → aggregate). */
  unknownCommand: (c: string, near: string | null = null) =>
    `Không có lệnh "${c}".${near ? ` Có phải ý bạn là: tonghop ${near}?` : ''} Xem danh sách lệnh: tonghop --help`,
  noCommand: 'Thiếu tên lệnh. Xem hướng dẫn: tonghop --help',
  unknownOption: (o: string, cmd: string, near: string | null = null) =>
    `Tùy chọn không hợp lệ: ${o}.${near ? ` Có phải ý bạn là ${near}?` : ''} Xem hướng dẫn: tonghop ${cmd} --help`,
  missingValue: (o: string, cmd: string) => `Tùy chọn ${o} cần một giá trị. Xem hướng dẫn: tonghop ${cmd} --help`,
  noValueTaken: (o: string, cmd: string) =>
    `Tùy chọn ${o} không nhận giá trị: chỉ viết ${o} (không có "=…"). Xem hướng dẫn: tonghop ${cmd} --help`,
  /** One option given twice with two different values. */
  repeatedOption: (o: string, first: string, second: string, cmd: string) =>
    `Tùy chọn ${o} được ghi 2 lần (${first} và ${second}), không rõ dùng giá trị nào: chỉ ghi một lần. Xem hướng dẫn: tonghop ${cmd} --help`,
  wrongExtension: (o: string, file: string, ext: string) =>
    `Tùy chọn ${o} ${file}: tệp tổng hợp là bảng tính Excel, tên tệp phải có đuôi ${ext} (ví dụ tong-hop${ext}); nếu không, Excel sẽ báo tệp hỏng. Chưa ghi tệp nào.`,
  unexpectedArgument: (a: string, cmd: string) =>
    `Lệnh ${cmd} không nhận thêm đối số "${a}". Xem hướng dẫn: tonghop ${cmd} --help`,
  badArguments: (detail: string, cmd: string) =>
    `Đối số không hợp lệ (${detail}). Xem hướng dẫn: tonghop ${cmd} --help`,
  required: (o: string, cmd: string) => `Thiếu tùy chọn bắt buộc ${o}. Xem hướng dẫn: tonghop ${cmd} --help`,
  badYear: (s: string) => `Năm không hợp lệ: "${s}" (ví dụ đúng: 2018)`,
  badPeriod: (s: string) =>
    `Kỳ báo cáo không hợp lệ: "${s}". Ví dụ đúng: 2018-09 (tháng 9), 2018-Q3 (quý III), 2018-6T, 2018-9T, 2018`,
  periodNotStarted: (label: string, start: string, last: string) =>
    `Kỳ báo cáo ${label} chưa bắt đầu: số liệu kỳ này tính từ ngày ${start}, nên chưa có gì để tổng hợp. ` +
    `Hãy kiểm tra lại --period (kỳ gần nhất đã kết thúc: ${last})`,
  badNow: (s: string) =>
    `Biến môi trường TONGHOP_NOW không phải thời điểm ISO 8601: "${s}" (ví dụ đúng: 2018-09-20 hoặc 2018-09-20T09:00:00+07:00)`,
  impossibleNow: (s: string) =>
    `Biến môi trường TONGHOP_NOW ghi một ngày hoặc giờ không có thật: "${s}" (ví dụ: tháng 2 không có ngày 30, giờ chỉ từ 00 đến 23)`,
  nowOutOfRange: (s: string, min: number, max: number) =>
    `Biến môi trường TONGHOP_NOW ghi năm ngoài khoảng ${min}–${max}: "${s}". Hãy kiểm tra lại năm.`,
  badEmail: (s: string) => `Địa chỉ e-mail không hợp lệ: "${s}"`,
  noRecipients:
    'Chưa có người nhận. Dùng --to ĐỊA_CHỈ (có thể lặp lại) hoặc điền "recipients" trong tệp thiết lập (--settings)',
  noInputs: (cmd: string) => `Chưa chỉ ra tệp hoặc thư mục báo cáo nào. Ví dụ: tonghop ${cmd} bao-cao-xa/`,
  unknownUnit: (c: string) => `Không có đơn vị mã "${c}" trong danh sách đơn vị`,
  /** No --units, for a period (or template year) reaching 1/7/2025: the built-in units are those of 2018. */
  demoUnitsOutdated: (what: string) =>
    'CẢNH BÁO: chưa chỉ ra danh sách đơn vị (--units) nên đang dùng danh sách mặc định: 11 xã của huyện Mường Nhé ' +
    `năm 2018, đã sắp xếp lại từ ngày 01/07/2025 (từ đó không còn cấp huyện); ${what} cần danh sách đơn vị hiện nay. ` +
    'Hãy dùng --units với danh sách đó (ví dụ: --units sheets-templates/units-2025.json)',
  demoUnitsTemplate: (year: number) => `mẫu báo cáo năm ${year}`,
  demoUnitsReport: (period: string) => `báo cáo ${period}`,
  /** Old units that report months of the year but that the units file does not name ("formerUnits"). */
  formerUnnamed: (codes: string[], year: number) =>
    `CẢNH BÁO: chưa tạo mẫu năm ${year} cho đơn vị cũ ${codes.map((c) => `"${c}"`).join(', ')} (còn báo cáo các tháng trước sáp nhập): ` +
    'tệp đơn vị không ghi tên của chúng; hãy thêm mục "formerUnits" (mã, tên, loại) rồi chạy lại',
  /** A unit of the units file that reports no month of the year (merged before it, or made after it). */
  unitNotInYear: (unit: string, year: number) =>
    `${unit} không báo cáo tháng nào của năm ${year} (theo ngày sáp nhập trong danh sách đơn vị), nên không tạo mẫu năm ${year} cho đơn vị này`,

  // ------------------------------------------------------------ configuration files
  configUnreadable: (file: string, detail: string) => `Không đọc được tệp ${file}: ${detail}`,
  fileNotFound: 'không tìm thấy tệp',
  configNotJson: (file: string, line: number, column: number, text: string) => {
    const shown = text.trim().length > 80 ? `${text.trim().slice(0, 80)}…` : text.trim();
    return `Tệp ${file} không phải JSON hợp lệ: sai cú pháp ở dòng ${line}, cột ${column}${shown ? ` (dòng này là: ${shown})` : ''}. Hãy xem lại dấu phẩy, dấu ngoặc { } [ ] và dấu nháy kép quanh chữ ở đó (hoặc ngay trước đó).`;
  },
  configInvalid: (file: string) => `Tệp ${file} có lỗi:`,
  /** A mistake in a setting only `report` uses (recipients, send day…): said, the other commands go on. */
  emailOnlySetting: (problem: string) =>
    `${problem} (mục này chỉ dùng khi gửi báo cáo bằng lệnh report, nên lệnh này vẫn chạy; hãy sửa trước khi gửi báo cáo)`,

  // ------------------------------------------------------------ input files
  pathNotFound: (p: string) => `Không tìm thấy tệp hoặc thư mục: ${p}`,
  noXlsxFound: (paths: string[]) => `Không tìm thấy tệp .xlsx nào trong: ${paths.join(', ')}.`,
  brokenLink: (file: string) =>
    `${file} là lối tắt (liên kết tượng trưng) tới một tệp hoặc thư mục không còn nữa nên không đọc được. Hãy chép tệp báo cáo thật vào đây hoặc xóa lối tắt này.`,
  brokenLinks: (files: string[]) =>
    `Có ${files.length} lối tắt (liên kết tượng trưng) trỏ tới tệp không còn nữa: ${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}.`,
  noneReadable: 'Không đọc được tệp báo cáo nào.',
  closedFolder: (dir: string) =>
    `Không mở được thư mục ${dir} (không có quyền đọc), nên các tệp trong đó không được đọc. Nếu có báo cáo trong đó, hãy chép chúng ra thư mục khác.`,
  otherFormats: (files: string[]) =>
    `Có ${files.length} tệp bảng tính dạng khác (${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}): hãy lưu lại dạng .xlsx.`,
  skippedFormat: (file: string) =>
    `Tệp ${file} không phải dạng .xlsx nên không đọc. Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng "Excel Workbook (.xlsx)".`,
  /** A readable .xlsx whose name says otherwise ("….xls"): read, and said. */
  misnamedXlsx: (file: string) =>
    `Tệp ${file} là bảng tính .xlsx nhưng tên tệp không có đuôi .xlsx; đã đọc bình thường. Hãy đổi tên tệp cho có đuôi .xlsx (với đuôi sai, Excel báo định dạng không khớp khi mở tệp).`,
  /** A lock file named as an input (a shell's *.xlsx takes it in): not read. */
  lockFileSkipped: (file: string, workbook: string) =>
    `Bỏ qua ${file}: đây là tệp khóa Excel/LibreOffice tạo ra khi ${workbook} đang được mở, không phải báo cáo. Nếu vừa sửa ${workbook}, hãy lưu lại để đọc được bản mới nhất.`,
  progress: (done: number, total: number) => `Đang đọc ${done}/${total} tệp…`,

  // ------------------------------------------------------------ reading .xlsx (each names the file)
  tooLarge: (file: string, mb: string, limitMb: number) =>
    `Tệp ${file} quá lớn (${mb} MB, tối đa ${limitMb} MB) nên không đọc. Báo cáo của một xã chỉ cần vài chục KB.`,
  tooLargeUnpacked: (file: string, mb: string, limitMb: number) =>
    `Tệp ${file} khi giải nén quá lớn (${mb} MB, tối đa ${limitMb} MB) nên không đọc.`,
  emptyFile: (file: string) => `Tệp ${file} rỗng (0 byte).`,
  legacyXls: (file: string) =>
    `Tệp ${file} là tệp Excel đời cũ (.xls), không phải .xlsx. Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng "Excel Workbook (.xlsx)".`,
  encrypted: (file: string) =>
    `Tệp ${file} đã đặt mật khẩu mở tệp nên không đọc được. Hãy gỡ mật khẩu (Excel: Tệp → Thông tin → Bảo vệ sổ làm việc) rồi gửi lại.`,
  notXlsx: (file: string) =>
    `Tệp ${file} không phải tệp Excel .xlsx (có thể là tệp khác bị đổi tên). Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx.`,
  otherZip: (file: string) =>
    `Tệp ${file} là tệp nén hoặc tài liệu khác (ví dụ .ods, .docx), không phải bảng tính .xlsx. Hãy lưu lại dạng "Excel Workbook (.xlsx)".`,
  truncated: (file: string) =>
    `Tệp ${file} bị hỏng hoặc chưa tải về hết (tệp bị cắt cụt). Hãy tải lại hoặc xin xã gửi lại.`,
  damaged: (file: string, debug?: string) =>
    `Tệp ${file} bị hỏng hoặc không phải .xlsx hợp lệ nên không đọc được. Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng "Excel Workbook (.xlsx)", hoặc xin xã gửi lại.${debug ? ` (Chi tiết: ${debug})` : ''}`,
  noSheets: (file: string) => `Tệp ${file} không có trang tính nào.`,
  sheetTooLarge: (file: string, sheet: string, rows: number, cols: number, maxRows: number, maxCols: number) =>
    `Tệp ${file}, trang "${sheet}": quá lớn (${rows} dòng × ${cols} cột; tối đa ${maxRows} dòng × ${maxCols} cột) nên không đọc tệp này. Hãy xóa các dòng, cột thừa rồi gửi lại.`,
  someSheetTooLarge: (file: string, maxRows: number, maxCols: number) =>
    `Tệp ${file} có trang tính quá lớn (hơn ${maxRows} dòng hoặc ${maxCols} ô trên một dòng) nên không đọc. Hãy xóa các trang thừa rồi gửi lại.`,
  formulaNoResult: (file: string, sheet: string, cell: string) =>
    `Tệp ${file}, trang "${sheet}", ô ${cell}: công thức chưa có kết quả được lưu (tệp chưa được tính lại) nên coi như ô trống. Hãy mở tệp bằng Excel/LibreOffice và lưu lại.`,
  unreadable: (file: string, detail: string) => `Không đọc được tệp ${file}: ${detail}`,
  readSystemError: (code: string) =>
    code === 'ENOENT'
      ? CLI_TEXT.fileNotFound
      : code === 'EACCES' || code === 'EPERM'
        ? 'không có quyền đọc'
        : code === 'EISDIR'
          ? 'đây là thư mục'
          : `lỗi hệ thống khi đọc tệp (mã ${code})`,
  /** Excel's title over a refused value in a template's validated cell. */
  validationErrorTitle: 'Giá trị không hợp lệ',
  /** After the reason a file could not be read, when its name names the unit. */
  unreadableOfUnit: (unit: string) =>
    `Theo tên tệp, đây là báo cáo của ${unit}: ghi là "không đọc được báo cáo", số liệu của đơn vị này chưa được cộng.`,
  /** After the reason, when the file name names an old unit of a merger that has no readable report. */
  unreadableOfFormer: (old: string) =>
    `Theo tên tệp, đây là báo cáo của đơn vị cũ ${old} (trước sáp nhập): số liệu của đơn vị này chưa được cộng; hãy gửi lại tệp này.`,
  /** After an old unit's "no report" warning, when its file was found but could not be read. */
  formerFileUnreadable: (files: string) =>
    `(Đã có tệp ${files} theo tên là báo cáo này nhưng không đọc được: xem lỗi của tệp.)`,
  /** After the reason, when the file name carries last year and names a unit: its "so cùng kỳ" report. */
  unreadableOfLastYear: (unit: string, year: number) =>
    `Theo tên tệp, đây là báo cáo năm ${year} của ${unit}, dùng để so sánh cùng kỳ: số liệu cùng kỳ của đơn vị này chưa được tính; hãy gửi lại tệp này nếu cần so sánh.`,
  /** After the reason, when the unit is the only one without a readable report. */
  unreadableByElimination: (unit: string) =>
    `${unit} là đơn vị duy nhất chưa có báo cáo đọc được nên tệp này được coi là báo cáo của ${unit}: ghi là "không đọc được báo cáo", số liệu của đơn vị này chưa được cộng.`,

  // ------------------------------------------------------------ findings
  severity: { error: 'LỖI', warning: 'CẢNH BÁO', info: 'THÔNG TIN' } as Record<string, string>,
  checkSummary: (files: number, reports: number, errors: number, warnings: number, year?: number) =>
    year !== undefined && reports === 0
      ? `Đã kiểm tra ${files} tệp: không có trang báo cáo nào của năm ${year}; ${errors} lỗi, ${warnings} cảnh báo.`
      : `Đã kiểm tra ${files} tệp, ${reports} báo cáo${year !== undefined ? ` năm ${year}` : ''}: ${errors} lỗi, ${warnings} cảnh báo.`,
  checkOk: 'Không phát hiện lỗi.',
  /** Before the remarks units wrote in the "Ghi chú" column beside indicator rows. */
  checkRemarksHeading: (n: number) => `Ghi chú của đơn vị bên cạnh chỉ tiêu (cột "Ghi chú"): ${n}`,
  /** '  Xã Chung Chải, ô R24 (Thùng mì tôm): số liệu tạm tính [xa/chung-chai-2018.xlsx, trang "…"]'. */
  checkRemark: (unit: string, cell: string, indicator: string, text: string, where: string) =>
    `  ${unit}, ô ${cell} (${indicator}): ${text} [${where}]`,
  checkHasErrors: 'Có lỗi: hãy sửa các ô nêu trên rồi kiểm tra lại.',
  /** "Lỗi và cảnh báo: 1 cảnh báo": a count of 0 left out, as in the other outputs (REPORT_TEXT.findingCounts). */
  findingsHeading: (errors: number, warnings: number) =>
    `Lỗi và cảnh báo: ${REPORT_TEXT.findingCounts(errors, warnings, 0)}`,
  moreFindings: (n: number) => `… và ${n} mục khác (xem đầy đủ trong tệp tổng hợp hoặc dùng lệnh check).`,

  // ------------------------------------------------------------ outputs
  wrote: (what: string, file: string) => `Đã ghi ${what}: ${file}`,
  /** After the summary: the remarks units wrote in the "Ghi chú" column, and where they are listed. */
  /** The narrative's pointer to the notes' section, which the console does not show: where it is. */
  notesNote: (section: string, sheet: string, where: string) =>
    `Mục "${section}" (ý kiến đầy đủ của các đơn vị) ở trang "${sheet}" trong ${where}.`,
  remarksNote: (n: number, sheet: string, where: string) =>
    `${n} ghi chú ở cột "Ghi chú" của báo cáo các đơn vị — xem trang "${sheet}" trong ${where}.`,
  /** `where` of remarksNote for `aggregate`. */
  remarksInXlsx: (file: string) => `tệp ${file}`,
  /** `where` of remarksNote for `report`: the summary workbook attached to the .eml. */
  remarksInEml: (attachment: string, eml: string) => `tệp ${attachment} đính kèm thư ${eml}`,
  what: {
    summaryXlsx: 'tệp tổng hợp',
    html: 'báo cáo HTML',
    csv: 'số liệu CSV',
    eml: 'e-mail (.eml)',
    template: 'mẫu báo cáo',
    demoInput: 'tệp báo cáo mẫu của xã',
  },
  writeFailed: (file: string, detail: string) => `Không ghi được tệp ${file}: ${detail}.`,
  /** Why an output file could not be written (after writeFailed's "Không ghi được tệp X:"). */
  writeDetail: {
    noPermission: 'không có quyền ghi',
    busy: 'tệp đang được mở trong chương trình khác (hãy đóng Excel rồi chạy lại)',
    diskFull: 'đầy ổ đĩa',
    readOnly: 'ổ đĩa chỉ cho đọc, không cho ghi',
    nameTooLong: 'tên tệp hoặc đường dẫn quá dài',
    notDirectory: 'một phần của đường dẫn là tệp chứ không phải thư mục',
    fileInTheWay: (blocker: string) =>
      `${blocker} là một tệp chứ không phải thư mục, nên không tạo được tệp bên trong nó`,
    isDirectory: (file: string) =>
      `${file} là một thư mục; hãy ghi tên tệp đầy đủ, ví dụ ${file.replace(/[\\/]+$/, '')}/tong-hop.xlsx`,
    system: (code: string) => `lỗi hệ thống khi ghi tệp${code ? ` (mã ${code})` : ''}`,
    /** A file the user marked read-only (a final summary kept as it is): not replaced. */
    fileReadOnly:
      'tệp đang đặt chế độ chỉ đọc (read-only), nên không ghi đè; hãy chọn tên tệp khác hoặc bỏ chế độ chỉ đọc',
  },
  /** After writeFailed when other outputs of the same run were written, or not. */
  partlyWritten: (written: string[], notWritten: string[]) =>
    (written.length ? ` Đã ghi: ${written.join(', ')}.` : ' Chưa ghi tệp nào.') +
    (notWritten.length ? ` Chưa ghi: ${notWritten.join(', ')}.` : ''),
  defaultOutOption: '--out (mặc định)',
  outputIsInput: (option: string, file: string, input: string) =>
    `Tệp kết quả ${option} ${file} cũng là tệp báo cáo đầu vào ${input}: ghi vào đó sẽ xóa mất báo cáo này. Hãy chọn tên tệp khác (hoặc đặt tệp kết quả ra ngoài thư mục báo cáo của xã). Chưa ghi tệp nào.`,
  sameOutput: (first: string, second: string, file: string) =>
    `${first} và ${second} cùng chỉ tới một tệp (${file}): tệp ghi sau sẽ đè mất tệp ghi trước. Hãy đặt cho mỗi tệp kết quả một tên riêng. Chưa ghi tệp nào.`,
  templatesDone: (
    n: number,
    dir: string,
    added: number,
    highlighted: number,
    unchanged: number,
    kept: number,
    open: number,
    notWritten: number,
    recoded = 0,
  ) =>
    `Đã tạo ${n} mẫu báo cáo trong ${dir}` +
    (added ? `; thêm dòng chỉ tiêu mới vào ${added} tệp` : '') +
    (recoded ? `; đổi mã hoặc loại dòng chỉ tiêu theo danh mục ở ${recoded} tệp` : '') +
    (highlighted ? `; cập nhật tô màu theo quy tắc ở ${highlighted} tệp` : '') +
    (unchanged ? `; ${unchanged} tệp không thay đổi` : '') +
    (kept ? `; ${kept} tệp giữ nguyên (xem lý do ở trên)` : '') +
    (open ? `; ${open} tệp đang mở nên chưa sửa (hãy đóng tệp rồi chạy lại)` : '') +
    (notWritten ? `; ${notWritten} tệp chưa ghi được (xem lý do ở trên)` : ''),
  /** A row of an indicator, in the lists below. */
  templateRow: (label: string, code: string) => `"${label}" (mã ${code})`,
  templateAdded: (
    file: string,
    sheet: string,
    rows: string[],
    backup: string,
    recoded: string[] = [],
    strays: StrayRow[] = [],
  ) =>
    `Đã thêm ${rows.length} dòng chỉ tiêu mới vào ${file} (trang "${sheet}"), số liệu đã điền giữ nguyên: ${rows.join(', ')}. ` +
    (recoded.length ? `Đồng thời ${recoded.join('; ')}, giữ nguyên số liệu. ` : '') +
    strayNote(strays) +
    `Bản trước khi thêm: ${backup}`,
  /**
   * A row read under an old code (the catalogue changed the code, or the code and the label): the
   * catalogue's written in. The same code: only the indicator's kind changed (kindChanged).
   */
  templateRecode: (from: string, to: string, label: string | null) =>
    from === to
      ? `cập nhật dòng ${to} theo loại chỉ tiêu mới (kiểu ô nhập, định dạng số, công thức "Cả năm")`
      : `đổi mã dòng ${from} thành ${to}${label === null ? '' : ` (tên chỉ tiêu: "${label}")`}`,
  /** A workbook whose only change is rows re-coded. */
  templateRecoded: (file: string, sheet: string, recoded: string[], backup: string, strays: StrayRow[] = []) =>
    `Đã sửa ${file} (trang "${sheet}") theo danh mục: ${recoded.join('; ')}, giữ nguyên số liệu. ` +
    strayNote(strays) +
    `Bản trước khi sửa: ${backup}`,
  templateHighlighted: (file: string, sheet: string, backup: string) =>
    `Đã cập nhật tô màu theo quy tắc trong ${file} (trang "${sheet}"), số liệu giữ nguyên. Bản trước khi sửa: ${backup}`,
  /** A unit's workbook made under its old code: no new blank one beside it (it would push the report out). */
  templateOldCode: (file: string, wouldBe: string, finding: string) =>
    `${file}: đây là báo cáo của đơn vị có mã đã đổi, nên không tạo tệp mới ${wouldBe} (tệp trống mới sẽ làm báo cáo cũ không được tổng hợp). ${finding}.`,
  /** A unit's report of the year already in the folder under another name: no blank one beside it (a duplicate). */
  templateOtherName: (file: string, wouldBe: string, unit: string, year: number, sheet: string, rename: string) =>
    `${file}: đã có báo cáo năm ${year} của ${unit} (trang "${sheet}") nên không tạo tệp mới ${wouldBe} ` +
    `(hai tệp của một đơn vị sẽ bị coi là báo cáo trùng khi tổng hợp). Tệp ${file} được giữ nguyên, không được bổ sung dòng chỉ tiêu mới (nếu có); ` +
    `muốn bổ sung, hãy đổi tên tệp thành ${rename} rồi chạy lại lệnh.`,
  /** A workbook to be completed but open in Excel or LibreOffice (`lock` beside it): not written. */
  templateOpen: (file: string, lock: string, rows: string[], recoded: string[] = []) =>
    `Bỏ qua ${file}: tệp đang mở trong Excel/LibreOffice (có tệp khóa ${lock}) nên chưa ` +
    pendingChanges(rows, recoded) +
    `; hãy đóng tệp rồi chạy lại. Nếu tệp không còn mở ở đâu (chương trình bị tắt đột ngột để lại tệp khóa), hãy xóa ${lock} rồi chạy lại.`,
  /** An existing workbook that needs rows (or highlighting) but could not be written: `reason` says why and what to do. */
  templateNotWritten: (file: string, reason: string, rows: string[], recoded: string[] = []) =>
    `Chưa sửa ${file}: ${reason.replace(/\.+$/, '')}; vì vậy chưa ` +
    pendingChanges(rows, recoded) +
    '. Tệp được giữ nguyên.',
  templateNoPermission:
    'không có quyền ghi tệp này (tệp chỉ đọc hoặc của người dùng khác); hãy cho phép ghi (bỏ chế độ chỉ đọc) rồi chạy lại',
  templateOpenForce: (file: string, lock: string) =>
    `Bỏ qua ${file}: tệp đang mở trong Excel/LibreOffice (có tệp khóa ${lock}) nên chưa thay bằng mẫu trống; ` +
    `hãy đóng tệp rồi chạy lại. Nếu tệp không còn mở ở đâu, hãy xóa ${lock} rồi chạy lại.`,
  templateUnchanged: (file: string, columnsChanged?: string) =>
    columnsChanged === undefined
      ? `Không thay đổi: ${file} (đã có dòng cho mọi chỉ tiêu).`
      : `Không thay đổi: ${file} (đã có dòng cho mọi chỉ tiêu; cột của trang "${columnsChanged}" đã bị sửa nên tô màu theo quy tắc được giữ như cũ).`,
  templateExists: (file: string, reason: string, rows: string[]) =>
    `Bỏ qua (đã có tệp, giữ nguyên): ${file} — ${reason.replace(/\.+$/, '')}.` +
    (rows.length
      ? ` Còn thiếu dòng cho ${rows.length} chỉ tiêu: ${rows.join(', ')}; hãy thêm tay (ghi đúng mã ở cột "Mã").`
      : '') +
    ' Dùng --force để ghi đè bằng mẫu trống (mất số liệu đã điền).',
  /** Why an existing workbook did not get the new indicators' rows (after templateExists' "—"). */
  upgrade: {
    noSheet: (unit: string, year: number) =>
      `tệp không có trang báo cáo nào của ${unit} năm ${year} mà công cụ đọc được`,
    severalSheets: (unit: string, year: number, sheets: string[]) =>
      `tệp có ${sheets.length} trang báo cáo của ${unit} năm ${year} (${sheets.map((s) => `"${s}"`).join(', ')}), không rõ nên thêm dòng vào trang nào`,
    columns: (sheet: string) =>
      `các cột của trang "${sheet}" đã bị sửa (chèn, xóa hoặc đổi tên cột) nên không tự thêm dòng được`,
    objects: (sheet: string, what: string[]) =>
      `trang "${sheet}" có ${what.join(', ')}, mà công cụ không dời theo các dòng được`,
    objectNames: {
      table: 'bảng (Table)',
      pivotTable: 'bảng tổng hợp (PivotTable)',
      ctrlProp: 'nút điều khiển (form control)',
      control: 'điều khiển ActiveX',
      oleObject: 'đối tượng nhúng (OLE)',
      package: 'đối tượng nhúng',
      slicer: 'bộ lọc (slicer)',
      timeline: 'bộ lọc thời gian (timeline)',
    } as Record<string, string>,
    otherObject: (type: string) => `đối tượng khác (${type})`,
    formula:
      'tệp có công thức mà công cụ không tự dời được (bảng dữ liệu What-If, tham chiếu 3-D qua nhiều trang, hoặc tham chiếu tới cuối trang)',
    package: 'cấu trúc tệp .xlsx khác thường (thiếu phần định dạng hoặc phần trang tính)',
    verify:
      'đã thử thêm dòng nhưng khi đọc lại thấy số liệu không còn y nguyên, nên không ghi (hãy báo lỗi này cho người phát triển kèm tệp)',
    verifyHighlighting:
      'đã thử cập nhật tô màu theo quy tắc nhưng khi đọc lại thấy số liệu hoặc tô màu không như dự kiến, nên không ghi (hãy báo lỗi này cho người phát triển kèm tệp)',
    changed: 'tệp vừa bị sửa trong lúc chạy lệnh (có thể đang mở trong Excel); hãy đóng tệp rồi chạy lại',
  },
  dataErrorsNote: (errors: number) =>
    // Not every error is a cell left out (a file unreadable, two reports of a unit, a rule broken).
    `Có ${errors} lỗi cần sửa (xem danh sách trên và trang lỗi trong tệp tổng hợp); ô ghi sai và tệp không đọc được không được cộng vào tổng.`,
  noChartNote: 'Ghi chú: tệp .xlsx không có biểu đồ (thư viện ghi .xlsx chưa hỗ trợ); biểu đồ có trong báo cáo HTML.',

  // ------------------------------------------------------------ e-mail
  sending: (host: string, port: number) => `Đang gửi qua máy chủ SMTP ${host}:${port}…`,
  /** An .eml of the period already in the outbox (an earlier run's): kept, the new one beside it. */
  emlKept: (kept: string, written: string) =>
    `Đã có tệp ${kept} (e-mail của lần chạy trước, có thể đã gửi hoặc đã sửa): giữ nguyên tệp đó, e-mail mới được ghi vào tệp ${written} bên cạnh.`,
  /** The latest .eml of the period is an unsent draft: the new one is not marked as replacing it. */
  earlierDraft: (file: string) =>
    `Đã có bản nháp ${file} (chưa gửi qua máy chủ thư) của kỳ này: e-mail mới không ghi "gửi lại"; nếu đã gửi bản nháp đó, hãy báo người nhận dùng bản mới.`,
  sent: (to: string[]) => `Đã gửi e-mail tới: ${to.join(', ')}`,
  sendFailed: (detail: string) => `Gửi e-mail không thành công: ${detail}. Bản .eml vẫn được lưu để gửi lại.`,
  smtpBadPort: (s: string) => `TONGHOP_SMTP_PORT không hợp lệ: "${s}"`,
  smtpBadFrom: (s: string) => `Địa chỉ người gửi không hợp lệ: "${s}" (dùng --from hoặc TONGHOP_MAIL_FROM)`,
  smtpNoFrom:
    'Chưa có địa chỉ người gửi để gửi qua máy chủ SMTP: dùng --from ĐỊA_CHỈ hoặc đặt biến môi trường TONGHOP_MAIL_FROM.',
  smtpNoPass:
    'Đã đặt tên đăng nhập SMTP (TONGHOP_SMTP_USER) nhưng thiếu mật khẩu: hãy đặt biến môi trường TONGHOP_SMTP_PASS.',
  /** What the mail server answered, after the reason a send failed. */
  smtpReply: (reply: string) => ` — máy chủ trả lời: ${reply}`,
  smtpUnknownError: (code: string | undefined, raw: string) =>
    `máy chủ thư báo lỗi mà công cụ chưa nhận ra${code ? ` (mã ${code})` : ''}; hãy kiểm tra cấu hình SMTP hoặc hỏi người quản trị máy chủ thư (chi tiết: ${raw})`,
  smtpErrors: {
    ECONNREFUSED: 'máy chủ từ chối kết nối (sai địa chỉ hoặc cổng?)',
    ENOTFOUND: 'không tìm thấy máy chủ (sai tên máy chủ hoặc mất mạng?)',
    ETIMEDOUT: 'quá thời gian chờ máy chủ trả lời',
    ECONNRESET: 'máy chủ ngắt kết nối',
    EHOSTUNREACH: 'không tới được máy chủ (mất mạng?)',
    EAUTH: 'sai tên đăng nhập hoặc mật khẩu SMTP',
    ECONNECTION: 'mất kết nối tới máy chủ',
    EENVELOPE: 'máy chủ không nhận người gửi hoặc người nhận',
    EMESSAGE: 'máy chủ không nhận nội dung thư',
    ESOCKET: 'lỗi kết nối mạng',
    EDNS: 'không tìm thấy máy chủ (lỗi DNS)',
    ETLS: 'lỗi mã hóa TLS khi kết nối',
  } as Record<string, string>,
  defaultFromName: 'Tổng hợp báo cáo dân vận',

  // ------------------------------------------------------------ demo
  demoTitle: 'CHẠY THỬ: 11 xã huyện Mường Nhé, tổng hợp tháng 9/2018',
  demoInputs: (n: number, dir: string) => `Đã tạo ${n} tệp báo cáo mẫu của xã trong ${dir}`,
  demoOutputs: 'Các tệp kết quả:',
  demoWouldOverwrite: (files: string[], out: string) =>
    `Không chạy thử: thư mục ${out} đã có ${files.length} tệp báo cáo không phải do lệnh demo tạo ra hoặc đã được sửa (${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}). Lệnh demo không ghi đè để khỏi mất số liệu của xã. Hãy chọn thư mục khác (--out THƯ_MỤC), hoặc thêm --force nếu chắc chắn muốn ghi đè. Chưa ghi tệp nào.`,
  demoOverwrote: (file: string) => `Ghi đè (--force): ${file}`,
  demoMarkerNote:
    'Tệp này do lệnh "tonghop demo" ghi, để lần chạy sau nhận ra các tệp báo cáo mẫu của chính nó (không ghi đè tệp của xã). Có thể xóa.',
  demoDeliberate:
    'Lưu ý: số liệu mẫu cố ý có vài ô nhập sai (như "abc", "-3", "1,000"), một ghi chú gõ theo bảng mã TCVN3, một xã nộp muộn và một xã chưa nộp, để thấy cách công cụ phát hiện.',
  demoNext: (dir: string) => `Thử tiếp: node bin/tonghop.js check ${dir}   hoặc mở tệp .html bằng trình duyệt.`,

  // ------------------------------------------------------------ headings of the text output
  // As the e-mail and the summary sheet title it: the narrative points to "phần tình hình gửi báo cáo".
  headingCompleteness: 'TÌNH HÌNH GỬI BÁO CÁO',
  headingNarrative: 'NHẬN XÉT',
  // The same words as the e-mail and the summary sheet (REPORT_TEXT), so a unit is not "chưa nộp"
  // on the screen and "chưa báo cáo" in the mail.
  lateUnits: 'Báo cáo muộn',
  undatedUnits: 'Chưa rõ ngày nộp',
  missingUnits: 'Chưa báo cáo',
  partlyUnits: 'Mới báo cáo một phần',
  formerUnits: 'Thiếu số liệu của đơn vị cũ trước sáp nhập',
  unreadableUnits: 'Không đọc được báo cáo',
  unreadableFormer: 'Không đọc được báo cáo của đơn vị cũ trước sáp nhập',
  /** Units whose last-year report (for "so cùng kỳ") could not be read, on the console. */
  lastYearUnreadableUnits: (year: number) => `Không đọc được báo cáo năm ${year} (so cùng kỳ)`,
  /** After an old unit's name: the unit(s) it is now part of, "(nay thuộc xã Mường Nhé)"; renamed, "(nay là …)". */
  formerNow: (units: string[], renamed = false) => `(${nowWord(renamed)} ${units.join(' và ')})`,
  /** An old unit's unreadable file on the console: "Xã Nậm Vì (nay thuộc xã Mường Nhé), tệp nam-vi.xlsx". */
  formerFile: (unit: string, file: string) => `${unit}, tệp ${file}`,
  /** Files that could not be read and whose unit is not known (several candidates). */
  unattributedFiles: (n: number, missing: boolean, partly = false) =>
    `${n} tệp không đọc được, chưa rõ của đơn vị nào` +
    (missing || partly
      ? ` (đơn vị ${[missing ? '"chưa báo cáo"' : '', partly ? '"mới báo cáo một phần"' : ''].filter(Boolean).join(' hoặc ')} ở trên có thể đã gửi một trong các tệp này)`
      : ''),

  // ------------------------------------------------------------ fatal
  unexpected: (msg: string) => `Lỗi không mong đợi: ${msg}`,
  debugHint: '(Đặt biến môi trường TONGHOP_DEBUG=1 để xem chi tiết.)',
} as const;

export { EXIT_CODES as EXIT_CODES_TEXT };
