/** Vietnamese texts of a report sent again for a period already sent (src/engine/report/edition.ts). */

export const EDITION_TEXT = {
  /** "[Dân vận] Báo cáo tháng 9/2018 – huyện Mường Nhé (gửi lại, thay thế bản ngày 05/10/2018)". */
  subject: (subject: string, date: string) => `${subject} (gửi lại, thay thế bản ngày ${date})`,
  /**
   * The line at the top of a report sent again. `preliminary`: the earlier copy went before the
   * deadline, when not every unit had submitted.
   */
  line: (period: string, time: string, date: string, opts: { preliminary?: boolean }) =>
    `Bản gửi lại: báo cáo này thay thế báo cáo ${period} gửi lúc ${time} ngày ${date}` +
    (opts.preliminary ? ' (gửi trước hạn nộp, khi chưa đủ các đơn vị nộp báo cáo)' : '') +
    '. Số liệu có thể đã được các xã sửa hoặc bổ sung sau lần đó; xin dùng số liệu trong thư này.',
  /** The attachment of a report sent again: named apart, so it does not overwrite the first in Downloads. */
  attachmentSuffix: (date: string) => ` (bản ${date.replace(/\//g, '-')})`,
} as const;
