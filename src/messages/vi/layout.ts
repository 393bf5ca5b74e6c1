/** Texts printed in the commune report sheet. Reading also accepts these (normalised). */
export const LAYOUT_TEXT = {
  unitName: 'Đơn vị:',
  unitCode: 'Mã đơn vị:',
  year: 'Năm:',
  code: 'Mã',
  number: 'STT',
  indicator: 'Chỉ tiêu',
  measure: 'Đơn vị tính',
  yearTotal: 'Cả năm',
  note: 'Ghi chú',
  submittedLabel: 'Ngày nộp báo cáo (ngày/tháng/năm)',
  submittedUnit: 'ngày',
  helpCount: 'Nhập số nguyên không âm (ví dụ 12). Để trống nếu chưa có số liệu.',
  helpAmount: 'Nhập số không âm, phần thập phân dùng dấu phẩy (ví dụ 90,5). Để trống nếu chưa có số liệu.',
  helpUnicode:
    'Chữ có vẻ gõ theo bảng mã cũ TCVN3 hoặc VNI (hiện thành kiểu "Khã kh¨n", "Khoù khaên"). Hãy đặt bảng mã của Unikey là Unicode rồi gõ lại.',
  helpDate: 'Nhập ngày nộp báo cáo dạng ngày/tháng/năm (ví dụ 16/09/2018).',
} as const;
