/** Vietnamese texts of the monthly e-mail, the reminders and the settings sidebar. */

/** "2018-09-17" → "17/09/2018". */
export function viDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** A Date shown in Vietnam time: "17/09/2018 07:05". */
export function viDateTime(d: Date, timeZone = 'Asia/Ho_Chi_Minh'): string {
  const offsetMs = timeZone === 'Asia/Ho_Chi_Minh' ? 7 * 3600 * 1000 : 0;
  const t = new Date(d.getTime() + offsetMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCDate())}/${p(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
}

/** "30 phút", "6 giờ", "1 ngày". */
export function viDuration(ms: number): string {
  const min = Math.round(ms / 60000);
  if (min < 60) return `${Math.max(1, min)} phút`;
  const h = Math.round(min / 60);
  if (h < 24) return `${h} giờ`;
  return `${Math.round(h / 24)} ngày`;
}

/** The settings cannot be used (menu "Bật…", the report job, the reminders). */
const settingsInvalid = (errors: string[]) =>
  `Cài đặt chưa hợp lệ, hãy sửa trong "Dân vận › Cài đặt…":\n${errors.map((e) => `• ${e}`).join('\n')}`;

/** The document lock is taken (the report job, the reminders). */
const LOCK_BUSY = 'Không lấy được khóa tài liệu (một thao tác khác đang chạy); sẽ thử lại sau 1 phút.';

/**
 * What src/gas/email/notice.ts says in "Nhật ký" (under the e-mail action unless the caller files it under
 * its own, as "Tổng hợp" does): apart, so that "Tổng hợp",
 * which tells the admins when a chained run gives up, does not carry the report job's texts.
 */
export const NOTICE_TEXT = {
  action: 'Gửi báo cáo e-mail',
  noticeSent: (to: string[]) => `Đã gửi thư báo cho quản trị viên: ${to.join(', ')}.`,
  noticeNotSent: (error: string) => `Chưa gửi được thư báo cho quản trị viên (${error}).`,
  noticeQuota: 'hết hạn mức gửi thư trong ngày của Google',
};

/** The monthly report job (src/gas/email/job.ts). */
export const EMAIL_TEXT = {
  settingsInvalid,
  busy: 'Một thao tác khác đang chạy (ví dụ Tổng hợp). Hãy thử lại sau ít phút.',
  /** The job's "Tổng hợp" found the spreadsheet busy (job.ts lockHeld): it tries again by itself. */
  busyRetry: (period: string, retryIn: string) =>
    `Chưa gửi báo cáo ${period}: một thao tác khác (ví dụ Tổng hợp) đang chạy trên bảng tính tổng hợp. ` +
    `Hệ thống sẽ tự thử lại sau khoảng ${retryIn}, không cần làm gì thêm.`,

  // ------------------------------------------------------------ sending the report
  attachmentName: (periodLabel: string, unit: string) =>
    `Tổng hợp ${periodLabel.replace(/\//g, '-')} – ${unit.replace(/[\\/:*?"<>|]/g, ' ')}.xlsx`,
  /** The temporary copy the attachment is exported from (trashed at once; named for the case it is not). */
  tempSpreadsheetName: (attachmentName: string) =>
    `~ ${attachmentName.replace(/\.xlsx$/i, '')} (bản tạm để đính kèm thư, xóa được)`,
  senderName: (organisation: string) => organisation || 'Báo cáo dân vận',
  /** The period's summary sheets are no longer in the master (deleted or replaced since "Tổng hợp"). */
  noSummarySheet: (gids: number[]) =>
    `không tìm thấy trang tổng hợp của kỳ trong bảng tính (có thể đã bị xóa sau khi tổng hợp${gids.length ? `; mã trang ${gids.join(', ')}` : ''})`,
  noAttachmentNote:
    // Said to people outside the district, who may not open the master: no promise that they can.
    'Không đính kèm được tệp .xlsx lần này. Nếu cần tệp bảng tổng hợp, xin liên hệ nơi gửi thư này.',
  noRecipients:
    'Chưa có người nhận báo cáo. Mở "Dân vận › Cài đặt…" để nhập địa chỉ e-mail người nhận (mỗi dòng một địa chỉ).',
  alreadySentTitle: 'Báo cáo đã được gửi',
  alreadySent: (period: string, at: string, n: number) =>
    `Báo cáo ${period} đã được gửi lúc ${at} tới ${n} người nhận.\n\nGửi lại lần nữa cho tất cả người nhận?`,
  resendCancelled: (period: string) => `Không gửi lại báo cáo ${period}.`,
  /** "Gửi báo cáo ngay" on or before the period's deadline (job.ts runManual). */
  beforeDeadlineTitle: 'Chưa hết hạn nộp báo cáo',
  beforeDeadline: (period: string, due: string, counts: { reported: number; expected: number } | null) =>
    `Chưa hết hạn nộp báo cáo ${period} (hạn nộp là ngày ${due})` +
    (counts ? `: mới có ${counts.reported}/${counts.expected} đơn vị đã nộp.` : '.') +
    ' Báo cáo gửi bây giờ sẽ thiếu các đơn vị nộp sau. Nếu đang bật gửi hằng tháng, báo cáo đầy đủ vẫn tự gửi ' +
    'sau hạn nộp.\n\nGửi báo cáo bây giờ?',
  beforeDeadlineCancelled: (period: string) => `Chưa gửi báo cáo ${period}.`,
  inProgress: (period: string) => `Báo cáo ${period} đang được gửi ở một lần chạy khác. Hãy đợi vài phút.`,
  pendingTitle: 'Báo cáo đang chờ gửi tiếp',
  pending: (period: string, left: number, total: number) =>
    `Báo cáo ${period} còn ${left}/${total} người nhận chưa được gửi (hệ thống sẽ tự gửi tiếp).\n\nGửi tiếp ngay bây giờ?`,
  sentAll: (period: string, n: number) => `Đã gửi báo cáo ${period} tới ${n} người nhận.`,
  sentPartQuota: (period: string, sent: number, total: number, retryIn: string) =>
    `Đã gửi báo cáo ${period} tới ${sent}/${total} người nhận. Hết hạn mức gửi thư trong ngày của Google; ` +
    `phần còn lại sẽ được gửi tự động sau khoảng ${retryIn}.`,
  gaveUpNow: (period: string, sent: number, total: number, error: string) =>
    `Đã gửi báo cáo ${period} tới ${sent}/${total} người nhận. Lỗi khi gửi: ${error}. ` +
    'Hệ thống không tự thử lại, vì Gmail sẽ từ chối lại đúng thư này.',
  sentPartError: (period: string, sent: number, total: number, error: string, retryIn: string) =>
    `Đã gửi báo cáo ${period} tới ${sent}/${total} người nhận. Lỗi khi gửi: ${error}. ` +
    `Sẽ thử gửi lại tự động sau khoảng ${retryIn}.`,
  /** A send went out but its result could not be saved (job.ts progressNotSaved). */
  progressNotSaved: (period: string, sent: number, total: number) =>
    `Đã gửi báo cáo ${period} tới ${sent}/${total} người nhận nhưng chưa lưu được tiến độ (dịch vụ của Google ` +
    'tạm lỗi). Lần chạy sau sẽ gửi tiếp cho những người còn lại, không gửi lại cho người đã nhận.',
  continuing: (period: string, sent: number, total: number) =>
    `Đã gửi báo cáo ${period} tới ${sent}/${total} người nhận; sắp hết thời gian chạy cho phép nên phần còn lại ` +
    'sẽ được gửi tiếp tự động sau 1 phút.',
  aggregateFailed: (period: string, error: string) => `Không tổng hợp được ${period}: ${error}`,
  /** "Tổng hợp" refused the configuration (each problem names its sheet and cell): not a sending error. */
  configInvalid: (period: string, problems: string[], retryIn: string) =>
    `Chưa gửi báo cáo ${period} vì cấu hình của bảng tính tổng hợp chưa hợp lệ, hãy sửa:\n` +
    `${problems.map((p) => `• ${p}`).join('\n')}\nSau khi sửa, hệ thống sẽ tự thử lại sau khoảng ${retryIn}.`,
  configGaveUp: (period: string, problems: string[]) =>
    `Báo cáo ${period}: cấu hình vẫn chưa hợp lệ sau nhiều lần thử (${problems.join('; ')}); hệ thống không tự ` +
    'thử lại nữa. Sau khi sửa, hãy chọn "Dân vận › Gửi báo cáo ngay".',
  /** At the top of the report when no unit has a sheet of the year yet (a new year before "Tạo mẫu"). */
  noYearSheets: (year: number, period: string) =>
    `Lưu ý: chưa xã nào có trang báo cáo năm ${year} (bảng tính tổng hợp chưa chạy "Tạo mẫu báo cáo cho xã" ` +
    `cho năm ${year}), nên chưa xã nào nhập và nộp được báo cáo ${period}: các xã dưới đây được ghi là chưa nộp ` +
    'vì chưa có chỗ để nhập số liệu, không phải vì chậm trễ.',
  /** "Nhật ký" of the report job: wrong staff addresses in "Đơn vị" (the report does not use them). */
  unitEmailsIgnored: (problems: string[]) =>
    `Lưu ý: có địa chỉ e-mail cán bộ sai trong trang "Đơn vị" (báo cáo tháng không dùng các địa chỉ này nên vẫn ` +
    `được gửi, nhưng thư nhắc nộp báo cáo không tới được): ${problems.join('; ')}.`,
  reading: (period: string, done: number, total: number) =>
    `Đang tổng hợp báo cáo ${period}: đã đọc ${done}/${total} đơn vị. Nhiều đơn vị nên việc đọc tiếp tục ` +
    'tự động sau 1 phút; báo cáo sẽ được gửi khi đọc xong.',

  /** A trigger run failed as it started, before reading anything of the report (job.ts startFailed). */
  startRetry: (at: string, error: string, retryIn: string) =>
    `Lần chạy tự động lúc ${at} chưa lập được báo cáo hằng tháng: ${error}. Sẽ tự thử lại sau ${retryIn}.`,
  startGaveUp: (at: string, error: string) =>
    `Lần chạy tự động lúc ${at} chưa lập được báo cáo hằng tháng: ${error}. Hệ thống không tự thử lại nữa; ` +
    'hãy chọn "Dân vận › Gửi báo cáo ngay".',
  /** "Gửi báo cáo ngay" failed before it began (job.ts runManual): the person tries again, nothing is scheduled. */
  manualStartFailed: (error: string) =>
    // Google's text without its own "try again" (said below, with how) and final stop.
    `Chưa gửi được báo cáo: ${error.replace(/\s*—\s*hãy chạy lại sau ít phút/, '').replace(/\.$/, '')}.\n\nChưa gửi cho ai, và lần bấm này không được hệ thống tự thử lại. ` +
    'Hãy đợi ít phút rồi chọn lại "Dân vận › Gửi báo cáo ngay". Nếu đang bật gửi báo cáo hằng tháng, lần gửi ' +
    'tự động vẫn chạy theo lịch.',

  // ------------------------------------------------------------ notices to the admins (notice.ts)
  startFailedMail: (at: string, error: string) => ({
    subject: '[Dân vận] Chưa lập được báo cáo hằng tháng',
    body:
      `Lần chạy tự động gửi báo cáo hằng tháng (lúc ${at}) không đọc được bảng tính tổng hợp: ${error}.\n\n` +
      'Hệ thống đã thử lại vài lần nhưng vẫn lỗi nên báo cáo chưa được lập và chưa gửi cho ai, và sẽ không tự ' +
      'thử lại nữa. Hãy mở bảng tính tổng hợp, xem trang "Nhật ký", rồi chọn "Dân vận › Gửi báo cáo ngay".',
  }),
  gaveUpMail: (period: string, left: string[], total: number) => ({
    subject: `[Dân vận] Chưa gửi được báo cáo ${period}`,
    body:
      `Báo cáo ${period} đã thử gửi nhiều lần nhưng chưa tới ${left.length}/${total} người nhận: ${left.join(', ')}.\n\n` +
      'Hệ thống sẽ không tự thử lại nữa. Hãy mở bảng tính tổng hợp, xem trang "Nhật ký" để biết lỗi, rồi chọn ' +
      '"Dân vận › Gửi báo cáo ngay" để gửi tiếp.',
  }),
  /** A message Gmail will never take (too large): given up at once, with what to do. */
  gaveUpNowMail: (period: string, left: string[], total: number, why: string) => ({
    subject: `[Dân vận] Chưa gửi được báo cáo ${period}: thư quá lớn`,
    body:
      `Báo cáo ${period} chưa gửi được tới ${left.length}/${total} người nhận: ${left.join(', ')}.\n\n` +
      `Lý do: ${why}.\n\n` +
      'Hệ thống không tự thử lại, vì Gmail sẽ từ chối lại đúng thư này: hãy làm theo hướng dẫn trên.',
  }),
  /** The lock busy for long (job.ts lockRetry): the report is still sent once the spreadsheet is free. */
  lockBusyMail: (period: string, waited: string, every: string) => ({
    subject: `[Dân vận] Chưa gửi được báo cáo ${period}: bảng tính bận`,
    body:
      `Đến giờ gửi báo cáo ${period}, bảng tính tổng hợp đang bận (một thao tác khác, ví dụ Tổng hợp, giữ khóa tài liệu) ` +
      `suốt khoảng ${waited}, nên báo cáo chưa được gửi.\n\n` +
      `Hệ thống vẫn tự thử lại mỗi ${every} và sẽ gửi báo cáo ngay khi bảng tính rảnh, không cần làm gì thêm; ` +
      'trang "Nhật ký" ghi lại từng lần thử. Nếu có ai đang chạy Tổng hợp quá lâu, hãy đợi việc đó xong (hoặc ' +
      'dừng nó), hoặc chọn "Dân vận › Gửi báo cáo ngay" để gửi khi bảng tính rảnh.',
  }),
  /** A job given up for a busy lock by the previous version (job.ts tellGaveUp). */
  lockGaveUpMail: (period: string, waited: string) => ({
    subject: `[Dân vận] Chưa gửi được báo cáo ${period}: bảng tính bận`,
    body:
      `Đến giờ gửi báo cáo ${period}, bảng tính tổng hợp đang bận (một thao tác khác, ví dụ Tổng hợp, giữ khóa tài liệu) ` +
      `suốt khoảng ${waited}, nên báo cáo chưa được gửi và hệ thống sẽ không tự thử lại nữa.\n\n` +
      'Hãy mở bảng tính tổng hợp và chọn "Dân vận › Gửi báo cáo ngay" khi không còn ai đang chạy Tổng hợp.',
  }),
  configInvalidMail: (period: string, problems: string[], retryIn: string) => ({
    subject: `[Dân vận] Chưa gửi được báo cáo ${period}: cấu hình chưa hợp lệ`,
    body:
      `Đến giờ gửi báo cáo ${period}, không tổng hợp được vì cấu hình của bảng tính tổng hợp chưa hợp lệ:\n\n` +
      `${problems.map((p) => `• ${p}`).join('\n')}\n\n` +
      `Hãy sửa các ô trên. Hệ thống sẽ tự thử lại sau khoảng ${retryIn} (rồi vài lần nữa trong hai ngày) và gửi ` +
      'báo cáo khi cấu hình đã hợp lệ; muốn gửi ngay thì chọn "Dân vận › Gửi báo cáo ngay".',
  }),
  /** A wrong address among the recipients ("Cài đặt"): left out, the report sent to the others. */
  recipientsLeftOut: (problems: string[]) =>
    `Lưu ý: có địa chỉ người nhận không hợp lệ nên đã bỏ ra, báo cáo vẫn gửi cho những người nhận khác:\n` +
    `${problems.map((p) => `• ${p}`).join('\n')}\nHãy sửa trong "Dân vận › Cài đặt…".`,
  recipientsLeftOutMail: (period: string, problems: string[]) => ({
    subject: `[Dân vận] Có địa chỉ người nhận báo cáo ${period} không hợp lệ`,
    body:
      `Báo cáo ${period} tự động chỉ gửi cho những người nhận hợp lệ; các địa chỉ sau không hợp lệ nên đã bị bỏ ra ` +
      `và không nhận được báo cáo:\n\n${problems.map((p) => `• ${p}`).join('\n')}\n\n` +
      'Hãy sửa trong "Dân vận › Cài đặt…" (trang "Cài đặt"). Địa chỉ đã sửa sẽ nhận các báo cáo sau; muốn gửi ngay ' +
      'báo cáo này thì chọn "Dân vận › Gửi báo cáo ngay" (gửi lại cho tất cả người nhận).',
  }),
  settingsInvalidMail: (problems: string) => ({
    subject: '[Dân vận] Chưa gửi được báo cáo tự động: cài đặt chưa hợp lệ',
    body:
      `Lần gửi báo cáo tự động không chạy được vì cài đặt của bảng tính tổng hợp chưa hợp lệ.\n\n${problems}\n\n` +
      'Sau khi sửa, hệ thống sẽ tự thử lại trong vòng vài giờ; muốn gửi ngay thì chọn "Dân vận › Gửi báo cáo ngay".',
  }),

  // ------------------------------------------------------------ log lines ("Nhật ký")
  log: {
    ...NOTICE_TEXT,
    sent: (period: string, n: number, messages: number) =>
      `Đã gửi báo cáo ${period} tới ${n} người nhận (${messages} thư).`,
    batch: (period: string, n: number, total: number) => `Báo cáo ${period}: đã gửi thêm ${n} người nhận (${total}).`,
    skippedSent: (period: string, at: string) => `Bỏ qua: báo cáo ${period} đã được gửi lúc ${at}.`,
    /** Appended to `sent` for a manual send on or before the deadline. */
    sentBeforeDeadline: 'Gửi trước hạn nộp nên không thay cho lần gửi tự động sau hạn.',
    earlyManualNotCounted: (period: string, at: string) =>
      `Báo cáo ${period} đã được gửi tay lúc ${at}, trước hạn nộp; lần gửi tự động vẫn gửi báo cáo đầy đủ.`,
    skippedBusy: (period: string) => `Bỏ qua: báo cáo ${period} đang được gửi ở một lần chạy khác.`,
    skippedWaiting: (period: string) => `Bỏ qua: báo cáo ${period} đang chờ gửi tiếp theo lịch thử lại.`,
    /** A scheduled send on or before the deadline waits (job.ts waitUntil). */
    waitDeadline: (period: string, due: string, sendDate: string, hour: number) =>
      `Chưa gửi báo cáo ${period}: chưa hết hạn nộp báo cáo (hạn nộp là ngày ${due}), các xã còn có thể nộp. ` +
      `Báo cáo sẽ tự gửi vào ngày ${sendDate} khoảng ${hour} giờ (ngày làm việc đầu tiên sau hạn nộp).`,
    /** More periods waiting than job.ts MAX_WAITS keeps: the oldest is dropped. */
    waitDropped: (period: string, max: number) =>
      `Báo cáo ${period} đã chờ gửi quá lâu (đã có hơn ${max} kỳ báo cáo cùng chờ) nên không tự gửi nữa.`,
    /** A scheduled send after the deadline found an early manual send not finished: it sends anew. */
    earlyManualReplaced: (period: string, sent: number, total: number) =>
      `Lần gửi tay báo cáo ${period} trước hạn nộp chưa xong (đã gửi ${sent}/${total} người nhận); ` +
      'lần gửi tự động sau hạn gửi báo cáo đầy đủ cho tất cả người nhận.',
    /** A scheduled send on a weekend or listed day off waits for the next working day. */
    waitDayOff: (period: string, sendDate: string, hour: number) =>
      `Chưa gửi báo cáo ${period}: hôm nay là ngày nghỉ. Báo cáo sẽ tự gửi vào ngày làm việc tiếp theo, ` +
      `ngày ${sendDate} khoảng ${hour} giờ.`,
    lockBusy: LOCK_BUSY,
    quota: (period: string, remaining: number, left: number, retryIn: string, attempt: number, max: number) =>
      `Báo cáo ${period}: hạn mức gửi thư còn ${remaining}, còn ${left} người nhận chưa gửi; ` +
      `thử lại sau ${retryIn} (lần ${attempt}/${max}).`,
    failed: (period: string, error: string, left: number, retryIn: string, attempt: number, max: number) =>
      `Báo cáo ${period}: lỗi khi gửi (${error}); còn ${left} người nhận chưa gửi; thử lại sau ${retryIn} ` +
      `(lần ${attempt}/${max}).`,
    recipientsChanged: (period: string, removed: string[], added: string[]) =>
      `Báo cáo ${period}: người nhận đã đổi trong lúc chờ gửi` +
      (removed.length ? `; không gửi nữa cho ${removed.join(', ')}` : '') +
      (added.length ? `; gửi thêm cho ${added.join(', ')}` : '') +
      '.',
    gaveUpNow: (period: string, error: string, left: string[]) =>
      `Báo cáo ${period}: lỗi khi gửi (${error}); không tự thử lại vì gửi lại cũng bị từ chối; ` +
      `chưa gửi được tới ${left.length} người nhận: ${left.join(', ')}.`,
    gaveUp: (period: string, left: string[]) =>
      `Báo cáo ${period}: đã thử lại nhiều lần nhưng chưa gửi được tới ${left.length} người nhận: ${left.join(', ')}. ` +
      'Hãy chọn "Dân vận › Gửi báo cáo ngay" để gửi tiếp.',
    reading: (period: string, done: number, total: number) =>
      `Báo cáo ${period}: đã đọc ${done}/${total} đơn vị, phần còn lại đọc tiếp sau 1 phút rồi mới gửi.`,
    timeout: (period: string, sent: number, total: number) =>
      `Báo cáo ${period}: gần hết 6 phút cho phép, đã lưu tiến độ (${sent}/${total}); chạy tiếp sau 1 phút.`,
    startRetry: (at: string, error: string, retryIn: string, attempt: number, max: number) =>
      `Lần chạy tự động lúc ${at} gặp lỗi ngay khi bắt đầu (đọc Cài đặt hoặc dữ liệu lưu của tiện ích): ${error}; ` +
      `chưa lập được báo cáo hằng tháng, chưa gửi cho ai. Sẽ tự thử lại sau ${retryIn} (lần ${attempt}/${max}).`,
    manualStartFailed: (error: string) =>
      `"Gửi báo cáo ngay" gặp lỗi ngay khi bắt đầu (đọc Cài đặt hoặc dữ liệu lưu của tiện ích): ${error}; ` +
      'chưa gửi cho ai, không tự thử lại (người bấm đã được báo để thử lại).',
    startGaveUp: (at: string, error: string) =>
      `Lần chạy tự động lúc ${at} gặp lỗi ngay khi bắt đầu (đọc Cài đặt hoặc dữ liệu lưu của tiện ích): ${error}; ` +
      'chưa lập được báo cáo hằng tháng, chưa gửi cho ai, và không tự thử lại nữa. Hãy chọn "Dân vận › Gửi báo cáo ngay".',
    progressNotSaved: (period: string, sent: number, total: number, batch: string[], error: string) =>
      `Báo cáo ${period}: đã gửi tới ${sent}/${total} người nhận nhưng không lưu được tiến độ sau nhiều lần thử ` +
      `(${error}). Lần chạy sau coi ${batch.length} người nhận của thư vừa gửi là đã nhận và không gửi lại cho họ: ` +
      `${batch.join(', ')}.`,
    /** The next run found a batch whose result was never saved (job.ts settleInFlight). */
    inFlightSettled: (period: string, batch: string[]) =>
      `Báo cáo ${period}: lần chạy trước dừng ngay khi đang gửi thư tới ${batch.length} người nhận mà chưa lưu được ` +
      `kết quả; coi như họ đã nhận và không gửi lại (tránh gửi hai lần). Nếu cần, hãy hỏi lại họ: ${batch.join(', ')}.`,
    attachmentFailed: (period: string, error: string) =>
      `Báo cáo ${period}: không xuất được tệp .xlsx đính kèm (${error}); thư gửi không kèm tệp.`,
    /** Gmail refused the message for its attachment's size: sent again without it. */
    attachmentTooLarge: (period: string, google: string) =>
      `Báo cáo ${period}: Gmail không nhận thư vì tệp .xlsx đính kèm vượt 25 MB [Google: ${google}]; thư được ` +
      'gửi lại không kèm tệp, có ghi chú cho người nhận. Muốn gửi kèm tệp, hãy xóa bớt các trang cũ không cần ' +
      'trong bảng tính tổng hợp, hoặc gửi bảng tổng hợp bằng tay.',
    tempNotTrashed: (period: string, name: string, error: string) =>
      `Báo cáo ${period}: không chuyển được bảng tính tạm "${name}" vào thùng rác (${error}); ` +
      'hãy tự xóa bảng tính này trong Google Drive.',
    lockBusyRetry: (period: string, retryIn: string, attempt: number, max: number) =>
      `Báo cáo ${period}: không lấy được khóa tài liệu (một thao tác khác, ví dụ Tổng hợp, đang chạy); ` +
      `thử lại sau ${retryIn} (lần ${attempt}${attempt > max ? ', thử tiếp cho đến khi gửi được' : `/${max}`}).`,
    lockStillBusy: (period: string, waited: string, every: string) =>
      `Báo cáo ${period}: bảng tính bận suốt khoảng ${waited}, chưa gửi; vẫn tự thử lại mỗi ${every} và gửi ngay ` +
      'khi bảng tính rảnh (đã báo quản trị viên).',
    configRetry: (period: string, problems: string[], retryIn: string, attempt: number, max: number) =>
      `Báo cáo ${period}: chưa gửi vì cấu hình chưa hợp lệ (${problems.join('; ')}); sẽ tự thử lại sau ${retryIn} ` +
      `(lần ${attempt}/${max}).`,
    recipientsLeftOut: (problems: string[]) =>
      `Người nhận báo cáo: bỏ ra địa chỉ không hợp lệ, vẫn gửi cho những người nhận khác (${problems.join('; ')}).`,
    settingsRetry: (retryIn: string) => `Cài đặt chưa hợp lệ nên chưa gửi báo cáo; sẽ tự thử lại sau ${retryIn}.`,
  },
};

/**
 * The e-mail menu items' dialogs (src/gas/email/index.ts): turning the monthly e-mail on and off.
 * Apart from EMAIL_TEXT so that these clicks do not carry the report job's texts.
 */
export const EMAIL_MENU_TEXT = {
  title: 'Dân vận',
  enabled: (day: number, hour: number, reminders: boolean, reminderDaysBefore: number) =>
    `Đã bật gửi báo cáo hằng tháng: ngày ${day} hằng tháng, khoảng ${hour} giờ (giờ Việt Nam).` +
    (reminders
      ? ` Nhắc các đơn vị chưa nộp ${reminderDaysBefore === 0 ? 'vào ngày hết hạn' : `từ ${reminderDaysBefore} ngày làm việc trước hạn`} (không nhắc vào thứ Bảy, Chủ nhật và ngày nghỉ).`
      : ' Không gửi thư nhắc (đã tắt trong Cài đặt).'),
  enabledNoRecipients:
    'Chưa có người nhận báo cáo: mở "Dân vận › Cài đặt…" và nhập ít nhất một địa chỉ e-mail, rồi bật lại.',
  disabled: 'Đã tắt gửi báo cáo hằng tháng và thư nhắc. Có thể bật lại bất cứ lúc nào.',
  disabledAlready: 'Gửi báo cáo hằng tháng đang tắt.',
  settingsInvalid,
  log: {
    triggerAction: 'Lịch gửi tự động',
    triggerInstalled: (day: number, hour: number) => `Đã đặt lịch gửi báo cáo ngày ${day} hằng tháng lúc ${hour} giờ.`,
    triggerRemoved: 'Đã xóa lịch gửi báo cáo hằng tháng.',
    triggerForgotten: (owner: string) => `Đã bỏ ghi nhận lịch gửi báo cáo hằng tháng của ${owner}.`,
  },
};

/**
 * Installing the monthly e-mail's triggers failed: menu "Bật gửi báo cáo hằng tháng" and the settings sidebar
 * (which thus carries no other e-mail text).
 */
export const SCHEDULE_TEXT = {
  triggersFailed: (why: string) => `Chưa đặt được lịch gửi tự động: ${why}.`,
  /** Apps Script: a trigger belongs to whoever created it; nobody else can change or delete it. */
  onlyOwner: (owner: string) =>
    `Apps Script chỉ cho người đã bật lịch (${owner}) tắt hoặc đổi lịch này: ${owner} chọn ` +
    '"Dân vận › Tắt gửi báo cáo hằng tháng" hoặc "Bật gửi báo cáo hằng tháng", hoặc xóa các trình kích hoạt ' +
    '(trigger) của mình trong trang Trình kích hoạt (Triggers) của dự án Apps Script (Tiện ích mở rộng › Apps Script).',
  /** "Bật…" by another user, the owner's schedule already as the settings say. */
  ownedBySame: (owner: string, day: number, hour: number) =>
    `Gửi báo cáo hằng tháng đã được ${owner} bật (ngày ${day} hằng tháng, khoảng ${hour} giờ), đúng như Cài đặt ` +
    'hiện nay, nên không cần bật thêm.',
  /** "Bật…" (or saving the settings) by another user, the owner's schedule on another day or hour. */
  ownedByOther: (owner: string, day: number, hour: number, newDay: number, newHour: number) =>
    `Chưa đổi lịch gửi: lịch gửi báo cáo hằng tháng đang chạy là của ${owner} (ngày ${day} hằng tháng, khoảng ` +
    `${hour} giờ), không phải theo Cài đặt hiện nay (ngày ${newDay}, khoảng ${newHour} giờ). Không tạo thêm lịch ` +
    `thứ hai bên cạnh lịch của ${owner}. Để lịch theo Cài đặt mới, hãy nhờ ${owner} chọn ` +
    '"Dân vận › Bật gửi báo cáo hằng tháng" (lịch được đặt lại theo Cài đặt), hoặc tắt lịch của mình rồi bạn bật.',
  /** A notice in the settings sidebar, shown as a caution (sidebar.html: "Lưu ý"). */
  caution: (text: string) => `Lưu ý: ${text.charAt(0).toLowerCase()}${text.slice(1)}`,
  /** "Tắt…" by another user: the owner's schedule stays on. Asked YES_NO: YES forgets the record. */
  disableOwnedBy: (owner: string, day: number, hour: number) =>
    `Gửi báo cáo hằng tháng CHƯA tắt: lịch gửi (ngày ${day} hằng tháng, khoảng ${hour} giờ) và thư nhắc do ${owner} ` +
    `bật, vẫn đang chạy. Apps Script chỉ cho ${owner} tắt lịch này: ${owner} chọn "Dân vận › Tắt gửi báo cáo hằng ` +
    'tháng", hoặc xóa các trình kích hoạt (trigger) của mình trong trang Trình kích hoạt (Triggers) của dự án Apps ' +
    'Script.\n\nChỉ chọn "Có" nếu các trình kích hoạt của người đó đã bị xóa hoặc tài khoản đó không còn dùng: ' +
    'bảng tính sẽ quên lịch này để bạn bật lịch của mình.',
  /** The schedule's owner is no longer an editor (triggers.ts scheduleOwnerGone): the sidebar, "Kiểm tra". */
  ownerGone: (owner: string, day: number, hour: number) =>
    `Lịch gửi báo cáo hằng tháng (ngày ${day} hằng tháng, khoảng ${hour} giờ) do ${owner} đặt, nhưng ${owner} không ` +
    'còn trong danh sách người có quyền chỉnh sửa bảng tính này (đã bị gỡ quyền hoặc tài khoản không còn). Lịch chạy ' +
    `bằng tài khoản của người đặt, nên báo cáo hằng tháng và thư nhắc sẽ không được gửi nữa. Một người khác có quyền ` +
    `chỉnh sửa cần đặt lại lịch: chọn "Dân vận › Tắt gửi báo cáo hằng tháng", chọn "Có" để bỏ lịch của ${owner}, rồi ` +
    `chọn "Dân vận › Bật gửi báo cáo hằng tháng". Nếu ${owner} vẫn sửa được bảng tính qua một nhóm (Google Group), ` +
    'có thể bỏ qua lưu ý này.',
  forgotten: (owner: string) =>
    `Đã bỏ ghi nhận lịch gửi của ${owner}. Nếu các trình kích hoạt của ${owner} vẫn còn, chúng vẫn chạy (báo cáo ` +
    'mỗi kỳ vẫn chỉ gửi một lần). Chọn "Dân vận › Bật gửi báo cáo hằng tháng" để đặt lịch của bạn.',
};

/** The daily reminders ("đôn đốc", src/gas/email/reminders.ts): the e-mail to a unit and the log lines. */
export const REMINDER_TEXT = {
  settingsInvalid,
  mail: {
    subject: (period: string, deadline: string) => `[Dân vận] Nhắc nộp báo cáo ${period} – hạn ${deadline}`,
    greeting: (unitName: string) => `Kính gửi cán bộ phụ trách báo cáo dân vận của ${unitName},`,
    body: (period: string, deadline: string, daysLeft: number) =>
      `Đến nay đơn vị chưa nộp báo cáo ${period}. Hạn nộp là ngày ${deadline}` +
      (daysLeft <= 0 ? ' (hôm nay).' : ` (còn ${daysLeft} ngày).`),
    howTo:
      'Mở bảng báo cáo của đơn vị theo đường dẫn dưới đây, nhập số liệu, chọn "Dân vận › Kiểm tra dữ liệu" rồi "Nộp báo cáo tháng…".',
    linkLabel: 'Bảng báo cáo của đơn vị:',
    signature: (organisation: string) => `Trân trọng,\n${organisation}`,
    automatic: 'Thư này được gửi tự động; mỗi ngày nhắc tối đa một lần.',
  },
  log: {
    remindAction: 'Nhắc nộp báo cáo',
    reminded: (period: string, units: string[]) => `Nhắc nộp báo cáo ${period}: ${units.join(', ')}.`,
    remindNoEmail: (period: string, units: string[]) =>
      `Nhắc nộp báo cáo ${period}: chưa có e-mail cán bộ của ${units.join(', ')} trong bảng đơn vị.`,
    remindQuota: (period: string, units: string[]) =>
      `Nhắc nộp báo cáo ${period}: hết hạn mức gửi thư, chưa nhắc được ${units.join(', ')}.`,
    remindUnread: (period: string, units: string[]) =>
      `Nhắc nộp báo cáo ${period}: hết thời gian của một lần chạy trước khi đọc xong báo cáo của ${units.join(', ')}; hôm nay chưa nhắc các đơn vị này.`,
    remindLater: (period: string, units: string[]) =>
      `Nhắc nộp báo cáo ${period}: hết thời gian của một lần chạy, chưa nhắc được ${units.join(', ')}.`,
    /** After remindQuota/remindLater: when those units will be reminded (no run is scheduled the same day). */
    remindNextDay: (date: string) => `Các đơn vị này sẽ được nhắc trước tiên vào ngày nhắc tiếp theo, ${date}.`,
    remindNoMoreDays:
      'Hôm nay là ngày nhắc cuối cùng trước hạn nên các đơn vị này không được nhắc tự động nữa; hãy liên hệ trực tiếp với họ.',
    remindFailed: (period: string, unit: string, error: string) =>
      `Nhắc nộp báo cáo ${period}: lỗi khi gửi tới ${unit}: ${error}.`,
    /** After the remindFailed lines of a run: the units not reminded because of them (remindNextDay follows). */
    remindFailedUnits: (period: string, units: string[]) =>
      `Nhắc nộp báo cáo ${period}: chưa nhắc được ${units.join(', ')} vì lỗi khi gửi thư (xem các dòng lỗi ở trên).`,
    /** No unit has a sheet of the year (a new year before "Tạo mẫu"): nobody reminded. */
    noYearSheets: (period: string, year: number) =>
      `Nhắc nộp báo cáo ${period}: không gửi thư nhắc cho xã nào vì chưa xã nào có trang báo cáo năm ${year} ` +
      `(chưa chạy "Tạo mẫu báo cáo cho xã" cho năm ${year}), nên các xã chưa có chỗ để nhập số liệu. Hãy chạy ` +
      `Dân vận › Tạo mẫu báo cáo cho xã, nhập năm ${year}; thư nhắc sẽ được gửi vào những ngày nhắc còn lại.`,
    noYearSheetsTold: (period: string, to: string[]) =>
      `Nhắc nộp báo cáo ${period}: đã gửi thư báo chưa có mẫu báo cáo của năm tới ${to.join(', ')}.`,
    noYearSheetsNotTold: (period: string, error: string) =>
      `Nhắc nộp báo cáo ${period}: chưa gửi được thư báo chưa có mẫu báo cáo của năm (${error}); sẽ thử lại ở lần chạy sau.`,
    /** Wrong staff addresses in "Đơn vị": left out, the other units reminded as usual. */
    remindBadEmails: (period: string, problems: string[]) =>
      `Nhắc nộp báo cáo ${period}: có địa chỉ e-mail cán bộ sai trong bảng đơn vị, các địa chỉ này bị bỏ qua, ` +
      `hãy sửa: ${problems.join('; ')}.`,
    remindBadEmailSkipped: (period: string, units: string[]) =>
      `Nhắc nộp báo cáo ${period}: chưa nhắc được ${units.join(', ')} vì địa chỉ e-mail cán bộ trong bảng đơn vị bị sai.`,
    badEmailsTold: (period: string, to: string[]) =>
      `Nhắc nộp báo cáo ${period}: đã gửi thư báo địa chỉ e-mail sai trong bảng đơn vị tới ${to.join(', ')}.`,
    badEmailsNotTold: (period: string, error: string) =>
      `Nhắc nộp báo cáo ${period}: chưa gửi được thư báo địa chỉ e-mail sai trong bảng đơn vị (${error}); sẽ thử lại ở lần chạy sau.`,
    /** Anything unexpected: the run stops, said here rather than only in Google's trigger e-mail. */
    remindCrashed: (error: string) => `Nhắc nộp báo cáo: lần chạy bị dừng vì lỗi: ${error}`,
    mailQuota: 'hết hạn mức gửi thư trong ngày của Google',
    lockBusy: LOCK_BUSY,
  },
  /** To the district admins (else the report's recipients), once per period and wrong cell: staff addresses to fix. */
  badEmailsMail: {
    subject: (period: string) => `[Dân vận] Địa chỉ e-mail sai trong trang "Đơn vị" khi nhắc nộp báo cáo ${period}`,
    body: (period: string, problems: string[], skipped: string[], organisation: string) =>
      [
        'Kính gửi cán bộ quản trị báo cáo dân vận,',
        '',
        `Khi gửi thư nhắc nộp báo cáo ${period}, hệ thống gặp địa chỉ e-mail cán bộ không hợp lệ trong trang ` +
          '"Đơn vị" của bảng tính tổng hợp và đã bỏ qua các địa chỉ này:',
        ...problems.map((p) => `• ${p}`),
        ...(skipped.length ? ['', `Vì vậy chưa nhắc được: ${skipped.join(', ')}.`] : []),
        '',
        'Đề nghị mở bảng tính tổng hợp và sửa các ô trên (mỗi địa chỉ có dạng ten@mien.gov.vn, các địa chỉ cách ' +
          'nhau bằng dấu phẩy). Các đơn vị khác vẫn được nhắc bình thường; sau khi sửa, thư nhắc sẽ tự gửi vào những ' +
          'ngày nhắc còn lại trước hạn.',
        '',
        `Trân trọng,\n${organisation}`,
        '',
        'Thư này được gửi tự động, một lần cho mỗi lỗi trong mỗi kỳ báo cáo.',
      ].join('\n'),
  },
  /** To the district admins (else the report's recipients), once per period, when no unit has the year's sheet. */
  noYearSheetsMail: {
    subject: (year: number, period: string) =>
      `[Dân vận] Chưa có mẫu báo cáo năm ${year}: chưa nhắc các xã nộp báo cáo ${period}`,
    body: (year: number, period: string, deadline: string, organisation: string) =>
      [
        'Kính gửi cán bộ quản trị báo cáo dân vận,',
        '',
        `Hôm nay là ngày nhắc các xã nộp báo cáo ${period} (hạn nộp ${deadline}), nhưng chưa xã nào có trang báo ` +
          `cáo năm ${year}, nên hệ thống chưa gửi thư nhắc cho xã nào (các xã chưa có chỗ để nhập số liệu).`,
        `Đề nghị mở bảng tính tổng hợp, chọn "Dân vận › Tạo mẫu báo cáo cho xã" và nhập năm ${year}, rồi báo ` +
          'các xã nhập số liệu vào trang mới. Thư nhắc sẽ tự gửi vào những ngày nhắc còn lại trước hạn.',
        '',
        `Trân trọng,\n${organisation}`,
        '',
        'Thư này được gửi tự động, một lần cho mỗi kỳ báo cáo.',
      ].join('\n'),
  },
};

/** The settings sidebar (src/gas/email/settings-*.ts). */
export const SIDEBAR_TEXT = {
  title: 'Cài đặt báo cáo dân vận',
  saved: 'Đã lưu cài đặt.',
  savedTriggersUpdated: 'Đã lưu cài đặt và cập nhật lịch gửi tự động.',
  notNumber: 'phải là số nguyên',
  fieldError: (label: string, problem: string) => `${label.charAt(0).toUpperCase()}${label.slice(1)} ${problem}`,
  recipientError: (n: number, address: string, problem: string) => `Người nhận thứ ${n} ("${address}") ${problem}`,
  noSheet: 'Chưa có trang "Cài đặt": hãy chạy "Dân vận › Thiết lập" trước.',
  sendBeforeDeadline: (day: number, period: string, due: string, safeDay: number | null) =>
    `Lưu ý: ngày gửi ${day} có thể chưa qua hạn nộp (hạn nộp báo cáo ${period} là ${due}); ` +
    'khi đó báo cáo tự động không gửi vào ngày này mà đợi đến ngày làm việc đầu tiên sau hạn nộp' +
    (safeDay ? `. Muốn báo cáo gửi đúng ngày đã chọn, nên chọn ngày gửi từ ${safeDay} trở đi.` : '.'),
};
