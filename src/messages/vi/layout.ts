import type { MergerSpan } from '../../engine/sheet/layout';

/** "01/07/2025". */
const dmy = (iso: string) => iso.split('-').reverse().join('/');
const months = (first: number, last: number, year: number) =>
  first === last ? `tháng ${first}/${year}` : `tháng ${first}–${last}/${year}`;

/** Texts printed in the commune report sheet. Reading also accepts these (normalised). */
export const LAYOUT_TEXT = {
  /** The report sheet's title: "BÁO CÁO … NĂM 2018". */
  sheetTitle: (catalogueTitle: string, year: number) => `${catalogueTitle.toLocaleUpperCase('vi')} NĂM ${year}`,
  /** After the title in a merger's year: "(XÃ CŨ – THÁNG 1–6)", "(XÃ MỚI – THÁNG 7–12)". */
  spanTitle: (span: MergerSpan, kind: string) =>
    `(${(kind || 'đơn vị').toLocaleUpperCase('vi')} ${span.role === 'former' ? 'CŨ' : 'MỚI'} – THÁNG ${span.first === span.last ? span.first : `${span.first}–${span.last}`})`,
  /**
   * Under the unit's name in a merger's year. `others`: the other side as in a sentence ("xã Mường
   * Nhé"); `self`: the unit itself so. Never starts "Đơn vị:" or "Năm:" (the reader's top labels).
   */
  spanNote: (span: MergerSpan, year: number, kind: string, others: string[], self: string) => {
    const k = kind || 'đơn vị';
    const K = capitalFirst(k);
    const from = dmy(span.from);
    const before = capitalFirst(months(1, span.first - 1, year));
    if (span.role === 'continuing') {
      const olds = span.others.map((o) => o.name).join(', ');
      const rest = others.length ? `${others.join(', ')} báo cáo` : `các ${k} cũ khác báo cáo`;
      return (
        `${before}: chỉ ghi số liệu của ${self} (trước sáp nhập); ${rest} ở mẫu riêng của mình. ` +
        `Từ tháng ${span.first}/${year} ghi số liệu của cả ${withNew(self)}${olds ? ` (gồm ${olds})` : ''}.`
      );
    }
    if (span.role === 'former') {
      const codes = span.others.map((o) => o.code).join(', ');
      if (span.rename) {
        const into = others[0] ?? '';
        const sameName = normalizedName(into) === normalizedName(self);
        return sameName
          ? `${K} cũ: chỉ báo cáo ${months(span.first, span.last, year)}. Từ ${from} đổi mã thành ${codes}; ` +
              `các tháng sau báo cáo ở mẫu mã ${codes}.`
          : `${K} cũ: chỉ báo cáo ${months(span.first, span.last, year)}. Từ ${from} đổi tên thành ${into} ` +
              `(mã ${codes}); các tháng sau báo cáo ở mẫu của ${into}.`;
      }
      return (
        `${K} cũ: chỉ báo cáo ${months(span.first, span.last, year)}. Từ ${from} sáp nhập vào ` +
        `${others.map(withNew).join(', ')} (mã ${codes}); các tháng sau báo cáo ở mẫu của ${k} mới.`
      );
    }
    if (span.rename) {
      const old = others[0];
      const was =
        old === undefined
          ? ` (đổi tên từ ${from})`
          : normalizedName(old) === normalizedName(self)
            ? ` (mã mới từ ${from}, trước là mã ${span.others[0].code})`
            : ` (trước là ${old}) từ ${from}`;
      const oldName = span.others.length ? ` (${span.others[0].name})` : '';
      return (
        `${capitalFirst(self)}${was}: báo cáo từ tháng ${span.first}/${year}. ` +
        `${before} do ${k} cũ${oldName} báo cáo ở mẫu của mình.`
      );
    }
    const olds = span.others.length ? ` (${span.others.map((o) => o.name).join(', ')})` : '';
    return (
      `${K} mới sau sáp nhập từ ${from}: báo cáo từ tháng ${span.first}/${year}. ` +
      `${before} do các ${k} cũ${olds} báo cáo ở mẫu của mình.`
    );
  },
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
  /** A breakdown's total (parts == total): why its cell may turn yellow while typing. */
  helpBreakdownTotal: (help: string) =>
    `${help} Ô tô vàng: các ô thành phần của tháng đã có số nhưng ô tổng để trống — hãy ghi tổng (tổng không tự cộng).`,
  helpUnicode:
    'Chữ có vẻ gõ theo bảng mã cũ TCVN3 hoặc VNI (hiện thành kiểu "Khã kh¨n", "Khoù khaên"). Hãy đặt bảng mã của Unikey là Unicode rồi gõ lại.',
  helpDate: 'Nhập ngày nộp báo cáo dạng ngày/tháng/năm (ví dụ 16/09/2018).',
} as const;

/** "xã Nậm Kè mới"; not "xã Mường Phăng Mới mới" when the name already ends in "Mới". */
function withNew(name: string): string {
  return /(^|\s)mới$/iu.test(name.normalize('NFC').trim()) ? name : `${name} mới`;
}

/** Names compared as a clerk reads them (case, accents' encoding, spaces). */
function normalizedName(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

function capitalFirst(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

/**
 * A unit's name as shown (`shown`), followed by its code when another unit has the same name (`code`,
 * else null) and by a note about it, in one bracket: "Xã Chung Chải (chung-chai-np)", "Xã Chung Chải
 * (mã chung-chai-np, nộp ngày 30/10/2018)", "Xã Pá Mỳ (nộp ngày 30/10/2018)".
 */
export function namedUnit(shown: string, code: string | null, note?: string): string {
  if (code && note) return `${shown} (mã ${code}, ${note})`;
  if (code) return `${shown} (${code})`;
  return note ? `${shown} (${note})` : shown;
}

/** namedUnit inside a bracket already: "(nay thuộc xã Chung Chải, mã chung-chai-np)". */
export function namedUnitWithin(shown: string, code: string | null): string {
  return code ? `${shown}, mã ${code}` : shown;
}

/**
 * A message about a unit that starts with its name `shown`, `rest` being what follows the name: the
 * name followed by `code` as namedUnit says it, a bracket right after the name taking the code in
 * ("Xã Chung Chải (mã chung-chai-np, Tổng số đơn, tháng 3): …", not "(chung-chai-np) (Tổng …)").
 * Null when the name is followed by its code already.
 */
export function withCodeAfterName(shown: string, code: string, rest: string): string | null {
  if (rest.startsWith(` (${code})`) || rest.startsWith(` (mã ${code}, `)) return null;
  const close = rest.startsWith(' (') ? closingBracket(rest, 1) : -1;
  if (close > 2) return namedUnit(shown, code, rest.slice(2, close)) + rest.slice(close + 1);
  return namedUnit(shown, code) + rest;
}

/** The index of the ")" that closes the "(" at `open` in `text`; -1 when none does. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}
