/** Texts of the parallel reader (src/gas/io/sheets-api.ts): per-unit failures, in Vietnamese. */

export const SHEETS_API_TEXT = {
  /** The hidden tab "Tổng hợp" keeps what it has read between two runs of a resumed read. */
  stagingPrefix: '~ Tạm đọc Tổng hợp',
  /** When a read was kept (Utilities.formatDate pattern): "10:05 ngày 05/10/2018". */
  stagedAtFormat: "HH:mm 'ngày' dd/MM/yyyy",
  noAccess: (unit: string) =>
    `Không đọc được bảng tính của ${unit}: tài khoản đang chạy "Tổng hợp" không có quyền xem (HTTP 403). ` +
    'Hãy chia sẻ bảng tính (quyền xem trở lên) cho tài khoản này.',
  notFound: (unit: string) =>
    `Không đọc được bảng tính của ${unit}: bảng tính đã bị xóa hoặc đường dẫn ở trang "Đơn vị" sai (HTTP 404).`,
  badId: (unit: string) => `Không đọc được bảng tính của ${unit}: trang "Đơn vị" không ghi đường dẫn bảng tính hợp lệ.`,
  unauthorised: (unit: string) =>
    `Không đọc được bảng tính của ${unit}: phiên đăng nhập hết hạn hoặc chưa cấp quyền (HTTP 401). Hãy chạy lại "Tổng hợp".`,
  gaveUp: (unit: string, status: number, attempts: number) =>
    `Không đọc được bảng tính của ${unit}: máy chủ Google bận (HTTP ${status}), đã thử ${attempts} lần. Hãy chạy lại "Tổng hợp" sau ít phút.`,
  other: (unit: string, status: number, detail: string) =>
    `Không đọc được bảng tính của ${unit}: lỗi HTTP ${status}${detail ? ` (${detail})` : ''}.`,
  badResponse: (unit: string) => `Không đọc được bảng tính của ${unit}: máy chủ Google trả về dữ liệu không đọc được.`,
  fetchFailed: (unit: string, detail: string) => `Không đọc được bảng tính của ${unit}: ${detail}`,
  /** A tab name so long that the request's address is over Google's 2 KB limit even alone. */
  urlTooLong: (unit: string, sheet: string) =>
    `Không đọc được bảng tính của ${unit} qua Google Sheets API: tên trang "${sheet}" quá dài, ` +
    'địa chỉ yêu cầu vượt giới hạn 2 KB của Google.',
  /**
   * A note of the run in "Nhật ký": units the API did not read were opened the ordinary way,
   * which is why the run was slower. `reasons`: the API's messages.
   */
  readOrdinary: (count: number, reasons: string[]) =>
    `${count} đơn vị không đọc được qua Google Sheets API nên đã được đọc theo cách thường (chậm hơn). ` +
    `Lý do: ${reasons.join('; ')}`,
  /** A note of the run: the Sheets API could not be used, the slower way was taken. */
  apiUnavailable: (why: string) =>
    `Không dùng được Google Sheets API (${why}), nên "Tổng hợp" đã mở từng bảng tính theo cách thường (chậm hơn). ` +
    'Kết quả vẫn đầy đủ; riêng cảnh báo về ô bị gộp (merge) che mất số liệu không kiểm tra được. ' +
    'Người quản trị có thể bật Google Sheets API cho dự án Apps Script của tiện ích.',
  httpStatus: (status: number, detail: string) => `HTTP ${status}${detail ? `: ${detail}` : ''}`,
  /** Why the API could not be used, for the user: Google's own (English) detail goes to "Nhật ký" only. */
  reason: (status: number | null) =>
    status === null
      ? 'lỗi kết nối mạng'
      : status === 401
        ? 'HTTP 401: phiên đăng nhập hết hạn hoặc chưa cấp quyền'
        : status === 403
          ? 'HTTP 403: API chưa được bật cho dự án Apps Script của tiện ích, hoặc tài khoản không được phép dùng'
          : status === 429
            ? 'HTTP 429: đã dùng hết hạn mức gọi API trong phút này'
            : status >= 500
              ? `HTTP ${status}: máy chủ Google đang gặp sự cố`
              : `HTTP ${status}`,
  network: (detail: string) => `lỗi kết nối: ${detail}`,
  /** A run that handed over to the resume trigger (Google stops every run at 6 minutes). */
  continues: (done: number, total: number) =>
    `Đã đọc ${done}/${total} đơn vị. Google chỉ cho mỗi lần chạy 6 phút, nên "Tổng hợp" sẽ tự chạy tiếp ` +
    'sau khoảng 1 phút và ghi kết quả vào trang tổng hợp; không cần bấm lại. Kết quả sẽ có trong "Nhật ký".',
  continuesLog: (done: number, total: number) => `đã đọc ${done}/${total} đơn vị, sẽ tự chạy tiếp sau khoảng 1 phút`,
  /** A note of the run: the period's staged read was of a run that stopped long ago. */
  stagingTooOld: (at: string, minutes: number) =>
    `Một lần "Tổng hợp" kỳ này trước đây bị dừng giữa chừng (phần đã đọc lưu lúc ${at}); phần đó đã cũ hơn ` +
    `${minutes} phút nên không dùng: mọi đơn vị được đọc lại.`,
  /** Another period's run that should have gone on by itself stopped: its staged read is dropped. */
  stagingAbandoned: (period: string, at: string, minutes: number) =>
    `"Tổng hợp" ${period} bị dừng giữa chừng (phần đã đọc lưu lúc ${at}) và đã không tự chạy tiếp được, ` +
    `nên chưa có kết quả; phần đã đọc cũ hơn ${minutes} phút nên đã bỏ. Hãy chạy lại "Tổng hợp" ${period}.`,
  /** The resumed run failed for a passing Google error: the read is kept and the trigger tries again. */
  retryLater: (reason: string, minutes: number) =>
    `chưa ghi được kết quả: ${reason}. Phần đã đọc được giữ lại; "Tổng hợp" sẽ tự thử lại sau khoảng ` +
    `${minutes} phút (không cần bấm lại). Nếu vẫn không được, "Nhật ký" sẽ ghi rõ để chạy lại bằng tay.`,
  resumedNoSpreadsheet: 'không tìm thấy bảng tính tổng hợp để chạy tiếp "Tổng hợp"',
  /** A "Tổng hợp" chained over several runs given up (resume-run.ts): the admins' e-mail. */
  chainStoppedMail: (period: string, why: string) => ({
    subject: `[Dân vận] "Tổng hợp" ${period} dừng giữa chừng, chưa có kết quả`,
    body:
      `"Tổng hợp" ${period} đọc nhiều đơn vị nên được tự động chạy tiếp qua nhiều lần, nhưng đã dừng giữa chừng ` +
      `và sẽ không tự chạy tiếp nữa.\n\nLý do: ${why.replace(/[.\s]+$/, '')}.\n\n` +
      `Trang tổng hợp ${period} chưa được ghi (nếu đã có từ trước thì vẫn là bản cũ). Hãy mở bảng tính tổng hợp, ` +
      `xem trang "Nhật ký", rồi chọn lại "Dân vận › Tổng hợp" cho ${period}.`,
  }),
} as const;
