/**
 * Vietnamese texts for findings (problems found while reading and checking reports).
 * Every message is a full sentence that starts with the place, so a commune officer
 * can find the cell without knowing the tool: "Xã Chung Chải, ô G14 (Tổng số đơn
 * tiếp nhận, tháng 3): "abc" không phải là số".
 */
import { formatDateVi, formatNumberVi } from '../../engine/text/format';
import { reportingUnitWord } from '../../engine/text/level';
import { namedUnit, namedUnitWithin } from './layout';

export interface Where {
  /** Display name of the unit, "Xã Chung Chải"; when unknown, file and sheet are used. */
  unit?: string;
  file?: string;
  sheet?: string;
  cell?: string;
  indicator?: string;
  month?: number;
}

/** "Xã Chung Chải, ô G14 (Tổng số đơn tiếp nhận, tháng 3)" or "Tệp a.xlsx, trang "B", ô G14 (…)". */
/**
 * The row of a sheet that came closest to a month header row when no sheet had one: months too
 * few ('few'), month words not understood ('words'), bare numbers 1 … 12 with nothing saying they
 * are months ('numbers'), or a month header row but no indicator rows under it ('no-indicators').
 */
export interface NearHeader {
  sheet: string;
  /** 1-based. */
  row: number;
  kind: 'few' | 'words' | 'numbers' | 'no-indicators';
  /** The texts seen (months, words or numbers), in order. */
  cells: string[];
}

const MAX_SHEETS_NAMED = 5;

function sheetList(sheets: string[]): string {
  const named = sheets
    .slice(0, MAX_SHEETS_NAMED)
    .map((s) => `"${s}"`)
    .join(', ');
  const more = sheets.length - MAX_SHEETS_NAMED;
  return `${sheets.length > 1 ? 'các trang' : 'trang'} ${named}${more > 0 ? ` và ${more} trang khác` : ''}`;
}

function seenCells(cells: string[]): string {
  const shown = cells.slice(0, 4).map((c) => `"${c}"`);
  return cells.length > 4 ? `${shown.join(', ')}, … "${cells[cells.length - 1]}"` : shown.join(', ');
}

/** Cell names, the first five then how many more. */
function cellList(cells: string[]): string {
  const shown = cells.slice(0, 5).join(', ');
  return cells.length > 5 ? `${shown} và ${cells.length - 5} ô khác` : shown;
}

function nearHeaderText(near: NearHeader): string {
  const at = `trang "${near.sheet}", dòng ${near.row}`;
  switch (near.kind) {
    case 'few':
      return (
        `${at} chỉ có ${near.cells.length} cột tháng (${seenCells(near.cells)}), cần ít nhất 6: ` +
        'hãy giữ đủ 12 cột tháng T1 … T12 như mẫu báo cáo (tháng chưa có số liệu thì để trống)'
      );
    case 'words':
      return `${at} ghi ${seenCells(near.cells)} nhưng không đọc được là tháng nào: hãy ghi T1 … T12 (hoặc "Tháng 1" … "Tháng 12")`;
    case 'numbers':
      return (
        `${at} chỉ có các số ${seenCells(near.cells)}, không rõ có phải là các tháng không: ` +
        'nếu là tháng, hãy ghi "Tháng" vào ô ngay phía trên các số đó, hoặc ghi T1 … T12'
      );
    case 'no-indicators':
      return (
        `${at} có các cột tháng nhưng không có dòng chỉ tiêu nào khớp danh mục: ` +
        'hãy giữ cột "Mã" (mã chỉ tiêu) hoặc cột "Chỉ tiêu" (tên chỉ tiêu) như mẫu báo cáo'
      );
  }
}

/** Why a report sheet without a month header is not read, and what to do ("có ô đơn vị (…) và các dòng chỉ tiêu nhưng …"). */
function unheadedReason(unit: string, year: number | null): string {
  return (
    `có ô đơn vị (${unit}${year ? `, năm ${year}` : ''}) và các dòng chỉ tiêu nhưng không tìm thấy dòng tiêu đề có ` +
    'các cột tháng (T1 … T12), nên chưa đọc được số liệu nào của trang này. Hãy ghi lại tiêu đề T1 … T12 vào dòng ' +
    'tiêu đề của bảng (như mẫu) rồi kiểm tra lại'
  );
}

/**
 * How messages name a workbook by the reader's `source` ("Tệp a.xlsx"; "tệp a.xlsx" mid-sentence). The
 * add-on, whose source is no file name, says "Bảng tính …" in its stead (gas/io/find-units.ts nameBooks).
 */
export function fileRef(file: string, midSentence = false): string {
  return `${midSentence ? 'tệp' : 'Tệp'} ${file}`;
}

/** What a unit was guessed from: 'tên tệp "…"', 'dòng tiêu đề "…" (ô A2)', 'chữ "…" trong ô "Đơn vị"'. */
export function guessSource(by: 'file' | 'title' | 'name', text: string, cell: string | undefined): string {
  if (by === 'file') return `tên tệp "${text}"`;
  if (by === 'title') return `dòng tiêu đề "${text}"${cell ? ` (ô ${cell})` : ''}`;
  return `chữ "${text}" trong ô "Đơn vị"`;
}

export function where(w: Where): string {
  const head: string[] = [];
  if (w.unit) head.push(w.unit);
  else {
    if (w.file) head.push(fileRef(w.file));
    if (w.sheet) head.push(w.file ? `trang "${w.sheet}"` : `Trang "${w.sheet}"`);
  }
  if (w.cell) head.push(head.length ? `ô ${w.cell}` : `Ô ${w.cell}`);
  const detail = [w.indicator, w.month ? `tháng ${w.month}` : ''].filter(Boolean).join(', ');
  const text = head.join(', ') || 'Báo cáo';
  return detail ? `${text} (${detail})` : text;
}

const n = (x: number) => formatNumberVi(x, 6);

/** "12 hộ", "5 người/lượt" — a number followed by words. */
const NUMBER_WITH_WORDS = /^[+-]?\d[\d.,\s]*\s*\p{L}/u;
/** A mark of one or two characters, or no letter or digit ("x", "o", "/"): likely for "nothing". */
const NO_DIGIT = /^(?:\D{1,2}|[^\p{L}\d]*)$/u;

/** For "1,000" or "12.5": the two readings, in words a commune officer recognises. */
function ambiguousExplanation(shown: string): string {
  const comma = /^([+-]?)(\d{1,3}),(\d{3})$/.exec(shown.trim());
  if (comma) {
    const [, sign, int, three] = comma;
    const thousands = three === '000' ? `${sign}${int} nghìn` : `${sign}${int}.${three}`;
    const decimals = three.replace(/0+$/, '');
    const asDecimal = `${sign}${int} phẩy ${decimals || '0'}`;
    return `không rõ là ${thousands} hay ${asDecimal}: số nghìn viết ${sign}${int}.${three}, số lẻ viết ${sign}${int},${decimals || '5'}`;
  }
  const dot = /^([+-]?)(\d*)\.(\d+)$/.exec(shown.trim());
  if (dot) {
    const [, sign, int, frac] = dot;
    const asDecimal = `${sign}${int || '0'},${frac}`;
    return `viết bằng dấu chấm nên không rõ là số lẻ ${asDecimal} hay ghi nhầm số nghìn: số lẻ viết bằng dấu phẩy (${asDecimal}), dấu chấm chỉ dùng để ngăn cách hàng nghìn (1.000)`;
  }
  return 'viết dấu chấm, dấu phẩy không rõ nghĩa: số nghìn viết 1.000, số lẻ viết 1,5';
}

/** The submission-date row, as findings name it. */
const SUBMITTED_DATE = 'Ngày nộp báo cáo';

/**
 * What the clerk is told to do about a month with figures but no submission date (the end of
 * FINDING_TEXT.undatedMonth and undatedMonthOpen): each shell says its own action. `w` names the
 * unit, the month and the date's cell.
 */
export interface UndatedAdvice {
  /** The deadline has passed: the month is counted as late. */
  late: (w: Where) => string;
  /** Before the deadline: the month is not counted as sent yet. */
  open: (w: Where) => string;
}

/** The add-on's (the default): its menu submits a month, dates it and locks it. */
export const SHEETS_UNDATED_ADVICE: UndatedAdvice = {
  late: () =>
    'nếu tháng này đã được mở khóa để sửa, hãy nộp lại khi sửa xong (Dân vận › Nộp báo cáo tháng…), nếu không hãy ghi ngày nộp',
  open: () => 'nhập xong hãy nộp báo cáo (Dân vận › Nộp báo cáo tháng…) hoặc ghi ngày nộp',
};

/**
 * What a shell says when no report of the year before the period's was read (the 'no-last-year'
 * finding, FINDING_TEXT.noLastYear): where it looked and what to add or restore.
 */
export interface NoLastYearAdvice {
  /** Where the reports were looked for, after "Không có báo cáo năm 2017": " trong các tệp đã chọn". */
  within: string;
  /** What to do, for the period's `year` (last year is `year - 1`). */
  advice: (year: number) => string;
}

/** How a merger finding names its units. */
export interface MergerNames {
  /** The old unit at the start of a sentence: "Xã Nậm Vì", or "Đơn vị cũ mã "nam-vi"" when unnamed. */
  old: string;
  /** The old unit inside a sentence: "Nậm Vì". */
  oldShort: string;
  /** The merged unit inside a sentence: "xã Mường Nhé"; "xã Chung Chải (chung-chai-np)" when another unit has its name. */
  unit: string;
  /** `unit` inside a bracket: "(nay thuộc xã Chung Chải, mã chung-chai-np)", not a bracket in a bracket. */
  unitWithin: string;
  /** One old unit become the new one alone: "đổi tên", "nay là", not "sáp nhập", "nay thuộc" (engine's oldUnitNames decides). */
  renamed?: boolean;
}

/**
 * The names of a merger finding: the old unit (null when it is known by code only) and the
 * merged unit it is now part of, followed by `unitCode` when another unit has its name (null
 * otherwise: engine's sharedCode). An old unit of the new one's name is "Quảng Lâm cũ".
 */
export function mergerNames(
  old: { name: string; kind?: string } | null,
  oldCode: string,
  unit: { name: string; kind?: string },
  unitCode: string | null = null,
  renamed = false,
): MergerNames {
  const kindOf = unit.kind?.trim().toLocaleLowerCase('vi');
  const shown = kindOf ? `${kindOf} ${unit.name}` : unit.name;
  const merged = {
    unit: namedUnit(shown, unitCode),
    unitWithin: namedUnitWithin(shown, unitCode),
    ...(renamed ? { renamed } : {}),
  };
  if (!old) return { old: `Đơn vị cũ mã "${oldCode}"`, oldShort: `đơn vị "${oldCode}"`, ...merged };
  const name = old.name === unit.name ? `${old.name} cũ` : old.name;
  const kind = old.kind?.trim();
  const capital = kind ? `${kind.charAt(0).toLocaleUpperCase('vi')}${kind.slice(1)} ${name}` : name;
  return { old: capital, oldShort: name, ...merged };
}

/** What an old unit is now: "nay thuộc" (part of a merged unit), "nay là" (renamed: it alone). */
export const nowWord = (renamed: boolean | undefined) => (renamed ? 'nay là' : 'nay thuộc');
/** "nay thuộc xã Mường Nhé" after a merger, "nay là xã Mường Phăng Mới" after a renaming. */
const nowPart = (m: MergerNames) => `${nowWord(m.renamed)} ${m.unitWithin}`;
/** "sáp nhập", or "đổi tên" for a renaming. */
const change = (m: MergerNames) => (m.renamed ? 'đổi tên' : 'sáp nhập');

/**
 * "; nếu ngày sáp nhập (01/07/2025) ghi chưa đúng, hãy sửa …" ("ngày đổi tên" for a renaming): a
 * date typed wrong looks the same.
 */
function mergerDateHint(m: MergerNames, from: string | undefined): string {
  return from
    ? `; nếu ngày ${change(m)} (${formatDateVi(from)}) ghi chưa đúng, hãy sửa ngày ${change(m)} trong danh sách đơn vị`
    : '';
}

/** Cell ranges ("E24:J24, J30"): the first 5, then how many more. */
const rangesShown = (ranges: string[]) =>
  ranges.slice(0, 5).join(', ') + (ranges.length > 5 ? ` và ${ranges.length - 5} vùng khác` : '');

/** "tháng 1–6": the months before a merger whose new unit reports from month `first`. */
const beforeMonths = (first: number) => (first > 2 ? `tháng 1–${first - 1}` : 'tháng 1');

/** "Xã Mường Toong, trang …, ô E24:J24: xã mới từ 01/07/2025 nhưng có số liệu tháng 1–6 năm 2025". */
function early(w: Where, ranges: string[], from: string, year: number, months: number[], k: string): string {
  return (
    `${unitSheetCell({ ...w, cell: rangesShown(ranges) })}: ${k} mới từ ${formatDateVi(from)} nhưng có số liệu tháng ` +
    `${monthList(months)} năm ${year}`
  );
}

/** Months as people write them: [1, 2, 3, 4, 5, 6] → "1–6", [5, 6] → "5, 6", [1, 2, 3, 5] → "1–3, 5". */
export function monthList(months: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < months.length; ) {
    let j = i;
    while (j + 1 < months.length && months[j + 1] === months[j] + 1) j++;
    if (j - i >= 2) parts.push(`${months[i]}–${months[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(months[k]));
    i = j + 1;
  }
  return parts.join(', ');
}

/** Where a sheet's names point to a unit: its "Đơn vị" cell, its sheet name, its file name. */
export type NamedBy = 'name' | 'sheet' | 'file';

const NAMED_BY: Record<NamedBy, string> = { name: 'ô "Đơn vị"', sheet: 'tên trang', file: 'tên tệp' };

/** 'ô "Đơn vị" và tên trang' */
function namedBy(by: readonly NamedBy[]): string {
  const parts = by.map((b) => NAMED_BY[b]);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} và ${parts.at(-1)}` : (parts[0] ?? 'tên đơn vị');
}

/** A label as quoted in a message: at most 60 characters. */
function shortLabel(label: string): string {
  return label.length > 60 ? `${label.slice(0, 59)}…` : label;
}

/** "Xã Chung Chải, trang "Chung Chải 2018", ô C3": a unit's sheet named too (where() names only the unit). */
function unitSheetCell(w: Where): string {
  if (!w.unit) return where(w);
  return [w.unit, w.sheet ? `trang "${w.sheet}"` : '', w.cell ? `ô ${w.cell}` : ''].filter(Boolean).join(', ');
}

/** Where a sheet states its year: the "Năm" cell (its address if known), the sheet name, a title row. */
export interface YearSaid {
  cell?: string;
  /** The sheet's name, when it carries the stated year too. */
  sheet?: string;
  /** The title cell's address, when only a title row states the year. */
  title?: string;
}

function yearSaidText(said: YearSaid): string {
  const parts: string[] = [];
  // The cell itself is named before the message (where()).
  if (said.cell !== undefined) parts.push('ô "Năm"');
  if (said.sheet !== undefined) parts.push(`tên trang "${said.sheet}"`);
  if (said.title !== undefined) parts.push(`dòng tiêu đề (ô ${said.title})`);
  return parts.join(' và ') || 'trang';
}

function yearFixText(said: YearSaid, year: number): string {
  const parts: string[] = [];
  if (said.cell !== undefined) parts.push(`sửa ô "Năm" thành ${year}`);
  if (said.sheet !== undefined) parts.push(`đổi tên trang cho đúng năm ${year}`);
  if (said.title !== undefined) parts.push(`sửa năm ở dòng tiêu đề thành ${year}`);
  return parts.join(' và ') || `ghi năm ${year} vào ô "Năm"`;
}

/** The unit code's cell, inside a sentence. */
const codeCell = (cell: string | undefined) => (cell ? `ô ${cell}` : 'ô "Mã đơn vị"');

/** The old Vietnamese codes, as people know them: by Unikey's name and the fonts that use them. */
const LEGACY_CODE = { tcvn3: 'bảng mã TCVN3 (phông .VnTime)', vni: 'bảng mã VNI (phông VNI-Times)' } as const;

export const FINDING_TEXT = {
  /** No report of last year read: every "so cùng kỳ" is missing (info 'no-last-year'); the shell's advice ends it. */
  noLastYear: (year: number, a: NoLastYearAdvice) =>
    `Không có báo cáo năm ${year - 1}${a.within} nên không so sánh được với cùng kỳ; ${a.advice(year)}`,
  /** A unit whose kind (xã, phường…) is not known. */
  unitWord: 'đơn vị',
  // ------------------------------------------------------------ cell values
  notANumber: (w: Where, shown: string) =>
    NUMBER_WITH_WORDS.test(shown)
      ? `${where(w)}: "${shown}" không phải là số — chỉ ghi con số, không ghi đơn vị tính hay chữ`
      : NO_DIGIT.test(shown)
        ? `${where(w)}: "${shown}" không phải là số — nếu không có, ghi 0`
        : `${where(w)}: "${shown}" không phải là số`,
  /** "-", "không" typed for nothing: read as 0. */
  nilAsZero: (w: Where, shown: string) => `${where(w)}: "${shown}" đã hiểu là 0; nên ghi số 0`,
  /** "-", "không" in a stock row (lũy kế, đến nay): not read as 0, which would drop the stock. */
  nilInStock: (w: Where, shown: string) =>
    `${where(w)}: "${shown}" không phải là số; chưa tính vào tổng — chỉ tiêu lũy kế: ghi số hiện có (kể cả khi không thay đổi so với tháng trước), không ghi "${shown}"`,
  ambiguous: (w: Where, shown: string) => `${where(w)}: "${shown}" ${ambiguousExplanation(shown)}`,
  negative: (w: Where, shown: string) => `${where(w)}: "${shown}" là số âm; số liệu phải từ 0 trở lên`,
  tooLarge: (w: Where, shown: string) =>
    `${where(w)}: "${shown}" quá lớn, không thể là số liệu một tháng của đơn vị (có lẽ dán nhầm mã số, số điện thoại?); chưa tính vào tổng`,
  /** A value in another money scale ("Đơn vị tính"), too large once converted to the catalogue's unit. */
  tooLargeConverted: (w: Where, shown: string, typed: string, value: number, expected: string) =>
    `${where(w)}: "${shown}" ${typed}, đổi sang ${expected} là ${n(value)} ${expected}, quá lớn, không thể là số liệu ` +
    'một tháng của đơn vị (có lẽ dán nhầm mã số, hoặc ghi sai đơn vị tính?); chưa tính vào tổng',
  fraction: (w: Where, shown: string) => `${where(w)}: "${shown}" phải là số nguyên (không có phần lẻ)`,
  date: (w: Where, shown: string) =>
    `${where(w)}: "${shown}" là ngày tháng, không phải số liệu (nếu đã gõ số, hãy đổi định dạng ô thành Số)`,
  boolean: (w: Where, shown: string) => `${where(w)}: "${shown}" là giá trị đúng/sai, không phải số liệu`,
  errorValue: (w: Where, shown: string) => `${where(w)}: ô có lỗi công thức ${shown}, hãy sửa công thức`,
  englishThousands: (w: Where, shown: string, value: number) =>
    `${where(w)}: "${shown}" viết theo kiểu tiếng Anh, đã hiểu là ${n(value)}; theo cách viết Việt Nam số nghìn dùng dấu chấm (${n(value)})`,
  noteTruncated: (w: Where, max: number) =>
    `${where(w)}: ghi chú dài quá ${n(max)} ký tự, chỉ giữ ${n(max)} ký tự đầu; hãy viết gọn lại, phần chi tiết gửi kèm bằng văn bản`,
  noteLegacyCode: (w: Where, code: 'tcvn3' | 'vni', read: string) =>
    `${where(w)}: ghi chú gõ theo ${LEGACY_CODE[code]}, đã đọc thành "${read}"; nên đặt bảng mã của Unikey là Unicode`,
  sheetLegacyCode: (w: Where, code: 'tcvn3' | 'vni') =>
    `${where(w)}: chữ trong trang gõ theo ${LEGACY_CODE[code]}, đã đọc sau khi chuyển sang Unicode; nên chuyển mã trang này sang Unicode (Unikey › Công cụ chuyển mã)`,
  notADate: (w: Where, shown: string) =>
    `${where(w)}: "${shown}" không phải là ngày hợp lệ; hãy ghi ngày/tháng/năm, ví dụ 16/09/2018`,
  /** "17/9" in a submission cell: read in the sheet's year. */
  /** `otherYear`: read in the year after (or before) the sheet's, by the column's month. */
  dateWithoutYear: (w: Where, shown: string, read: string, otherYear = false) =>
    `${where(w)}: ngày "${shown}" không ghi năm, đã hiểu là ${read} (${otherYear ? `vì là ngày nộp báo cáo tháng ${w.month}` : 'năm của trang'}); nên ghi đủ ngày/tháng/năm`,
  dateOutOfRange: (w: Where, shown: string) =>
    `${where(w)}: ngày "${shown}" không hợp lý (năm phải từ 1990 đến 2100); hãy ghi ngày/tháng/năm, ví dụ 16/09/2018`,

  // ------------------------------------------------------------ sheets
  sheetTooLarge: (w: Where, rows: number, cols: number) =>
    `${where(w)}: trang tính quá lớn (${n(rows)} dòng, ${n(cols)} cột; tối đa 5.000 dòng và 200 cột) nên không đọc`,
  /** A sheet with unit cells and indicator rows but no month header row (deleted or typed over). */
  noMonthHeader: (w: Where, unit: string, year: number | null) => `${where(w)}: trang ${unheadedReason(unit, year)}`,
  /** A workbook none of whose sheets is read, one of them (or more) for noMonthHeader's reason. */
  noReportSheetUnheaded: (file: string, sheets: [string, string, number | null][]) =>
    `${fileRef(file)}: không đọc được trang báo cáo nào: ` +
    sheets.map(([sheet, unit, year]) => `trang "${sheet}" ${unheadedReason(unit, year)}`).join('; '),
  noReportSheet: (file: string, sheets: string[], near: NearHeader | null) =>
    `${fileRef(file)}: không có trang báo cáo nào (không tìm thấy dòng tiêu đề có các cột tháng T1 … T12)` +
    (near ? `; ${nearHeaderText(near)}` : '') +
    (sheets.length && !(near && sheets.length === 1) ? `; đã xem ${sheetList(sheets)}` : ''),
  stackedTables: (w: Where, sheet: string, tables: [number | null, number, number][], read: number) => {
    const year = (y: number | null) => (y === null ? 'chưa rõ năm' : `năm ${y}`);
    const [[y1], [y2]] = tables;
    const rows = tables.map(([y, h, e]) => `bảng ${year(y)} (dòng ${h}–${e})`);
    const kept = read === 0 ? 'bảng trên' : 'bảng dưới';
    const left = read === 0 ? 'bảng dưới' : 'bảng trên';
    if (y1 === y2)
      return (
        `${where(w)}: trang "${sheet}" có hai bảng cùng ${year(y1)}: dòng ${tables[0][1]}–${tables[0][2]} và dòng ` +
        `${tables[1][1]}–${tables[1][2]}; chỉ đọc bảng trên, số liệu bảng dưới không được tổng hợp. ` +
        'Hãy xoá bảng thừa, hoặc nếu bảng dưới là của năm khác thì sửa ô "Năm" của nó và chuyển sang một trang riêng'
      );
    const other = read === 0 ? y2 : y1;
    return (
      `${where(w)}: trang "${sheet}" có hai bảng: ${rows.join(' và ')}; chỉ đọc ${kept}, số liệu ${left} ` +
      `(${year(other)}) không được tổng hợp. Hãy chuyển bảng ${year(other)} sang một trang riêng (mỗi năm một trang)`
    );
  },
  /**
   * Two tables of two years, no year asked (check): aggregating reads the table of its year, so say
   * which year reads which rather than that figures are lost.
   */
  stackedTablesByYear: (w: Where, sheet: string, tables: [number | null, number, number][], read: number) => {
    const rows = tables.map(([y, h, e]) => `bảng năm ${y} (dòng ${h}–${e})`);
    const kept = tables[read][0];
    const other = tables[1 - read][0];
    return (
      `${where(w)}: trang "${sheet}" có hai bảng: ${rows.join(' và ')}; khi tổng hợp năm ${kept} chỉ đọc bảng năm ` +
      `${kept}, bảng năm ${other} không được dùng làm số liệu cùng kỳ (khi tổng hợp năm ${other} thì chỉ đọc bảng năm ` +
      `${other}). Hãy chuyển bảng năm ${other} sang một trang riêng (mỗi năm một trang)`
    );
  },
  noIndicatorColumn: (w: Where) =>
    `${where(w)}: không tìm thấy cột "Mã" hay cột "Chỉ tiêu" nên không biết dòng nào là chỉ tiêu nào; trang này không được tổng hợp`,
  missingMonthColumns: (w: Where, months: number[]) =>
    `${where(w)}: không tìm thấy cột của tháng ${months.join(', ')}; số liệu các tháng này coi như chưa báo cáo`,
  duplicateMonthColumn: (w: Where, month: number, first: string, second: string) =>
    `${where(w)}: có hai cột tháng ${month} (cột ${first} và cột ${second}); chỉ lấy cột ${first}, bỏ qua số liệu ` +
    `cột ${second}. Hãy giữ lại một cột tháng ${month} (xóa cột thừa hoặc sửa tiêu đề cho đúng tháng)`,
  /** A month headed twice, one column empty: the other is read. */
  emptyDuplicateMonthColumn: (w: Where, month: number, empty: string, read: string) =>
    `${where(w)}: cột ${empty} cũng có tiêu đề tháng ${month} nhưng không có số liệu, đã đọc cột ${read}. ` +
    `Nên xóa cột ${empty} hoặc sửa tiêu đề cho đúng tháng`,
  crossedRow: (w: Where, code: string, labelCell: string, label: string, labelCode: string) =>
    `${where(w)}: mã "${code}" nhưng ô ${labelCell} ghi tên chỉ tiêu "${label}" (mã ${labelCode}) — hàng đã bị sắp xếp ` +
    `hoặc dán lệch? Số liệu hàng này chưa được tính; hãy sắp lại để mã và tên chỉ tiêu khớp nhau`,
  /**
   * The same code-label mismatch in many communes' sheets: the catalogue changed (codes swapped or
   * relabelled), not every commune's rows.
   */
  catalogueMismatch: (code: string, label: string, labelCode: string, sheets: number, total: number) =>
    `Ở ${sheets}/${total} trang báo cáo, dòng mã "${code}" ghi tên chỉ tiêu "${label}" (mã ${labelCode}). Cùng một chỗ ` +
    `lệch ở nhiều xã thường là do danh mục chỉ tiêu đã đổi mã hoặc tên (ví dụ đổi chỗ mã ${code} và ${labelCode}), ` +
    `không phải do các xã sắp xếp sai: hãy kiểm tra danh mục chỉ tiêu trước khi yêu cầu các xã sửa. Số liệu các dòng này chưa được tính`,
  /** The "Đơn vị tính" cell is money in another scale than the catalogue's: the row was converted. */
  measureConverted: (w: Where, typed: string, expected: string, mul: number, div: number) =>
    `${where(w)}: đơn vị tính ghi "${typed}", khác với danh mục chỉ tiêu ("${expected}"): số liệu hàng này đã được ` +
    `đổi từ ${typed} sang ${expected} (${mul > 1 ? `nhân với ${n(mul)}` : `chia cho ${n(div)}`}) để tổng hợp. ` +
    `Nếu số liệu thực ra đã tính theo ${expected}, hãy sửa ô này thành "${expected}"`,
  /** The "Đơn vị tính" cell names another counting unit (the catalogue reworded, or counted otherwise): counted. */
  measureRenamed: (w: Where, typed: string, expected: string) =>
    `${where(w)}: đơn vị tính ghi "${typed}" nhưng danh mục chỉ tiêu ghi "${expected}"; số liệu hàng này vẫn được ` +
    `tính như số ${expected}. Nếu chỉ là cách gọi cũ, hãy sửa ô này thành "${expected}"; nếu xã đã đếm theo ` +
    `${typed}, hãy sửa lại số liệu cho đúng đơn vị "${expected}"`,
  /** The "Đơn vị tính" cell is money against a count, or money in no known scale: the row is not counted. */
  measureMismatch: (w: Where, typed: string, expected: string) =>
    `${where(w)}: đơn vị tính ghi "${typed}" nhưng danh mục chỉ tiêu tính theo "${expected}", nên số liệu hàng này ` +
    `chưa được tính vào tổng hợp; hãy sửa ô này thành "${expected}" và kiểm tra lại số liệu cho đúng đơn vị đó`,
  unknownIndicator: (w: Where, code: string, readByLabel: boolean) =>
    readByLabel
      ? `${where(w)}: mã chỉ tiêu "${code}" không có trong danh mục; dòng này được đọc theo tên chỉ tiêu`
      : `${where(w)}: mã chỉ tiêu "${code}" không có trong danh mục; dòng này bị bỏ qua`,
  /**
   * A row with a code in no catalogue, read as the one indicator the sheet lacks at its place, of
   * the same unit (the catalogue changed the code and the label together).
   */
  unknownIndicatorPlaced: (w: Where, code: string, label: string, newCode: string) =>
    `${where(w)}: mã chỉ tiêu "${code}" không có trong danh mục; dòng này nằm đúng chỗ của chỉ tiêu "${label}" ` +
    `(mã ${newCode}) mà trang còn thiếu, cùng đơn vị tính, nên được đọc là chỉ tiêu đó (có lẽ danh mục đã đổi mã). ` +
    `Hãy chạy "Tạo mẫu báo cáo cho xã" (hoặc lệnh tonghop template) để đổi mã dòng thành "${newCode}"; ` +
    `nếu dòng này không phải chỉ tiêu đó, hãy sửa lại mã ở ô này cho đúng`,
  /**
   * A row with a code in no catalogue holding figures (`cells` month cells), in a sheet that has a
   * row for every indicator: an indicator removed from the catalogue, or a row the commune added.
   */
  unknownIndicatorExtra: (w: Where, code: string, cells: number) =>
    `${where(w)}: mã chỉ tiêu "${code}" không có trong danh mục (trang đã có đủ dòng cho mọi chỉ tiêu của danh mục); ` +
    `${cells} ô số liệu của dòng này không được tổng hợp. Nếu đây là chỉ tiêu đã bỏ khỏi danh mục hoặc dòng xã tự ` +
    'thêm, không cần làm gì; nếu mã bị gõ sai, hãy sửa lại cho đúng mã trong danh mục',
  /**
   * A row with a code in no catalogue holding figures (`cells` month cells), in a sheet lacking a
   * row for some indicator: not counted, maybe that indicator's. `likely`:
   * the one indicator the sheet lacks at its place, whose unit is not the row's.
   */
  unknownIndicatorFigures: (
    w: Where,
    code: string,
    cells: number,
    likely: { code: string; label: string; unit: string; typedUnit: string } | null,
  ) =>
    `${where(w)}: mã chỉ tiêu "${code}" không có trong danh mục; ${cells} ô số liệu của dòng này chưa được tính. ` +
    (likely
      ? `Có thể mã này nay là "${likely.code}" (${likely.label}), nhưng đơn vị tính của dòng ` +
        `${likely.typedUnit ? `ghi "${likely.typedUnit}"` : 'để trống'}, còn danh mục ghi ` +
        `${likely.unit ? `"${likely.unit}"` : 'không có đơn vị tính'}: nếu đúng là chỉ tiêu này, hãy sửa mã ở ô này ` +
        `thành "${likely.code}" và kiểm tra lại đơn vị tính, số liệu`
      : 'Hãy sửa lại mã cho đúng mã trong danh mục (trang còn thiếu dòng của chỉ tiêu khác, có thể số liệu này là ' +
        'của chỉ tiêu đó); nếu chỉ tiêu này đã bỏ khỏi danh mục, có thể xóa dòng'),
  /**
   * A row with no indicator code, whose label is no indicator of the catalogue, with figures in
   * `months`, in a sheet lacking a row for some indicator (the figures may be its): an error.
   * `likely`: the one missing indicator its label (or, `byPlace`, only its place) points to.
   * `level`: the aggregating level that keeps the catalogue ("huyện", "tỉnh").
   */
  uncodedRowLacking: (
    w: Where,
    row: number,
    label: string,
    months: number[],
    likely: { code: string; label: string; byPlace: boolean } | null,
    level: string,
  ) =>
    `${unitSheetCell(w)}: dòng ${row} "${shortLabel(label)}" có số liệu tháng ${monthList(months)} ` +
    'nhưng tên dòng không khớp chỉ tiêu nào trong danh mục (không có mã chỉ tiêu), nên số liệu dòng này chưa được tính. ' +
    (likely
      ? `Dòng này ${likely.byPlace ? `nằm đúng chỗ của chỉ tiêu "${likely.label}" (${likely.code}) mà trang đang thiếu, có lẽ là chỉ tiêu đó` : `có lẽ là chỉ tiêu "${likely.label}" (${likely.code}) mà trang đang thiếu`} — ` +
        `ghi mã ${likely.code} vào cột Mã hoặc sửa tên cho đúng "${likely.label}"`
      : 'Trang đang thiếu dòng của chỉ tiêu khác trong danh mục, có thể số liệu này là của chỉ tiêu đó: hãy ghi mã ' +
        `chỉ tiêu vào cột Mã hoặc sửa tên cho đúng danh mục; nếu đây là chỉ tiêu ${reportingUnitWord(level)} tự ` +
        `thêm, hãy đề nghị cấp ${level} bổ sung chỉ tiêu này vào danh mục`),
  /**
   * A row with no indicator code whose label is an indicator's but for what clerks add or drop (a
   * unit in brackets, a leading "Số", diacritics): read as that one, the only indicator with that
   * label, missing from the sheet, of the same unit.
   */
  looseLabelRow: (w: Where, row: number, label: string, ind: { code: string; label: string }) =>
    `${unitSheetCell(w)}: dòng ${row} "${shortLabel(label)}" không ghi đúng tên chỉ tiêu trong danh mục, nhưng chỉ có ` +
    `thể là chỉ tiêu "${ind.label}" (${ind.code}) mà trang chưa có dòng nào, nên được đọc là chỉ tiêu đó. Nếu đúng, ` +
    `hãy ghi mã ${ind.code} vào cột Mã hoặc sửa tên cho đúng "${ind.label}"; nếu không phải, hãy sửa lại tên dòng này`,
  /**
   * A row with no indicator code, whose label is no indicator of the catalogue, with figures in `months`.
   * `level`: the aggregating level that keeps the catalogue ("huyện", "tỉnh").
   */
  /** Figures in group heading rows (row-findings.ts groupRowFinding): each row, its label and cells. */
  groupRowFigures: (w: Where, rows: { row: number; label: string; cells: string[] }[]) =>
    `${unitSheetCell({ ...w, cell: undefined })}: ${rows
      .map((r) => `dòng ${r.row} "${shortLabel(r.label)}" (ô ${r.cells.join(', ')})`)
      .join('; ')} là dòng tiêu đề nhóm nhưng có số liệu, trong khi các dòng chỉ tiêu của nhóm tháng đó để trống; ` +
    'dòng tiêu đề nhóm không được tổng hợp, nên số này không được cộng. Hãy ghi số liệu vào đúng dòng chỉ tiêu của nhóm',
  uncodedRow: (w: Where, row: number, label: string, months: number[], level: string) =>
    `${unitSheetCell(w)}: dòng ${row} "${shortLabel(label)}" có số liệu tháng ${monthList(months)} ` +
    `nhưng không phải chỉ tiêu trong danh mục (không có mã chỉ tiêu), nên số liệu dòng này không được tổng hợp. ` +
    `Hãy nhập số liệu vào dòng chỉ tiêu có sẵn trong biểu mẫu, hoặc đề nghị cấp ${level} bổ sung chỉ tiêu này vào danh mục`,
  duplicateIndicator: (w: Where, code: string, firstRow: number, row: number) =>
    `${where(w)}: chỉ tiêu mã ${code} xuất hiện hai lần (dòng ${firstRow} và dòng ${row}); chỉ lấy dòng ${firstRow}, bỏ qua dòng ${row}`,
  /** `likely`: a row without a code that may be this indicator's (its place or its label says so). */
  missingIndicator: (w: Where, label: string, code: string, likely?: { row: number; label: string }) =>
    `${where(w)}: thiếu dòng chỉ tiêu "${label}" (mã ${code}); chỉ tiêu này coi như chưa báo cáo` +
    (likely
      ? ` (có lẽ là dòng ${likely.row} "${shortLabel(likely.label)}": ghi mã ${code} vào cột Mã hoặc sửa tên dòng đó)`
      : ''),
  missingSubmittedRow: (w: Where) =>
    `${where(w)}: không tìm thấy dòng "Ngày nộp báo cáo" (mã NGAY_NOP) nên không biết đơn vị nộp báo cáo ngày nào`,
  /**
   * A note typed once in cells merged across `months` (the first its top-left cell's), read as the
   * note of `read`: those of them with a report, or the first alone when none has one yet.
   */
  mergedNote: (w: Where, sheet: string, range: string, months: number[], read: number[]) => {
    const sorted = [...months].sort((a, b) => a - b);
    const rest = sorted.filter((m) => !read.includes(m));
    const how =
      read.length === months.length
        ? `đã tính là ghi chú của từng tháng ${monthList(read)}`
        : read.length === 1 && read[0] === months[0] && rest.length === months.length - 1
          ? `chỉ tính là ghi chú của tháng ${read[0]} (ô đầu vùng), vì các tháng ${monthList(rest)} chưa có số liệu`
          : `đã tính là ghi chú của tháng ${monthList(read)} (các tháng đã có số liệu hoặc ngày nộp); ` +
            `tháng ${monthList(rest)} chưa có số liệu nên chưa tính`;
    return (
      `${where(w)}: trang "${sheet}", vùng ${range} gộp ô ghi chú của các tháng ${monthList(sorted)}; ${how}. ` +
      'Nếu ghi chú chỉ là của một tháng, hãy bỏ gộp ô và ghi vào ô của tháng đó'
    );
  },
  mergedCell: (w: Where, range: string, months: number[]) =>
    `${where(w)}: vùng ${range} bị gộp ô, che mất ô nhập số liệu tháng ${months.join(', ')}; hãy bỏ gộp ô`,
  unknownUnit: (w: Where, typed: string | null, tried?: { sheet: string; file: string }, several?: string[]) =>
    typed
      ? `${where(w)}: đơn vị "${typed}" không có trong danh sách đơn vị; số liệu của trang này không được tổng hợp`
      : `${where(w)}: không xác định được đơn vị: trang không có ô "Mã đơn vị" hay ô "Đơn vị", và ` +
        (several?.length
          ? `tên tệp hoặc các dòng tiêu đề có thể chỉ nhiều đơn vị (${several.join(', ')}) nên không biết là đơn vị nào`
          : `tên trang${tried?.sheet ? ` "${tried.sheet}"` : ''}, tên tệp${tried?.file ? ` "${tried.file}"` : ''} và các dòng tiêu đề ` +
            'không nêu tên đơn vị nào trong danh sách') +
        '; số liệu của trang này không được tổng hợp. Hãy thêm dòng "Đơn vị: Xã …" (hoặc "Mã đơn vị: …") phía trên bảng, ' +
        'hoặc đặt tên tệp là tên đơn vị (ví dụ "Xã Chung Chải 2018.xlsx")',
  /** A sheet without a unit code nor a known unit name, tied to its unit by a name inside a text (guessUnit). */
  unitGuessed: (
    w: Where,
    by: 'file' | 'title' | 'name',
    text: string,
    cell: string | undefined,
    unit: string,
    code: string,
    /** The "Đơn vị" cell's text when it names no unit (the unit was found by file or title). */
    unitCell?: string,
  ) =>
    `${where(w)}: ` +
    (by === 'name'
      ? `ô "Đơn vị" ghi "${text}", đã hiểu là ${unit}`
      : (unitCell === undefined
          ? 'trang không có ô "Mã đơn vị" hay ô "Đơn vị"'
          : `ô "Đơn vị" ghi "${unitCell}", không phải tên đơn vị nào trong danh sách`) +
        `; đã xác định là báo cáo của ${unit} theo ${guessSource(by, text, cell)}`) +
    `. Để chắc chắn, hãy ghi "Mã đơn vị: ${code}" (hoặc "Đơn vị: ${unit}") vào một dòng phía trên bảng`,
  /**
   * A sheet without a unit code, of a merger's year, whose name is the new unit's and its
   * predecessor's: taken for the old one (`m.oldShort`), the codes to write for either said.
   */
  unitNameShared: (w: Where, m: MergerNames, oldCode: string, newCode: string, from: string, year: number | null) =>
    `${where(w)}: ô "Mã đơn vị" để trống, mà ${m.unit} (mã ${newCode}, sáp nhập từ ngày ${from}) và ` +
    `${m.oldShort} (đơn vị cũ, mã ${oldCode}) cùng tên, nên không rõ đây là báo cáo của đơn vị nào; ` +
    `trang${year === null ? '' : ` năm ${year}`} này đã được tính là của ${m.oldShort}. Nếu đúng, hãy ghi mã ` +
    `"${oldCode}" vào ô "Mã đơn vị"; nếu là báo cáo của ${m.unit} (mới), hãy ghi mã "${newCode}"`,
  /**
   * "Mã đơn vị" holds a code in no list (corrected in the list after the sheet was made) and the
   * sheet's names designate one unit, which has no other sheet: read as that unit's.
   */
  unitCodeOutdated: (w: Where, typed: string, code: string, unit: string, by: readonly NamedBy[]) =>
    `${unitSheetCell(w)}: mã đơn vị "${typed}" không có trong danh sách đơn vị (mã của ${unit} là "${code}"); ` +
    `trang này vẫn được tính là báo cáo của ${unit} vì ${namedBy(by)} chỉ tới ${unit}. Hãy sửa ${codeCell(w.cell)} ` +
    `thành "${code}" (trên Google Sheets: chạy Dân vận › Tạo mẫu báo cáo cho xã, ô này được sửa tự động)`,
  /** The same, but the sheet's names designate several units (or a name fits several): nobody's. */
  unitCodeNotListed: (
    w: Where,
    typed: string,
    units: readonly { code: string; display: string }[],
    by: readonly NamedBy[],
  ) =>
    `${where(w)}: mã đơn vị "${typed}" không có trong danh sách đơn vị, mà theo ${namedBy(by)} thì trang này có thể ` +
    `là báo cáo của ${units.map((u) => `${u.display || 'đơn vị cũ'} (mã "${u.code}")`).join(' hoặc ')}, không rõ ` +
    `của đơn vị nào; số liệu của trang này không được tổng hợp. Hãy ghi đúng mã đơn vị vào ${codeCell(w.cell)} ` +
    '(và sửa ô "Đơn vị" hay tên trang nếu ghi nhầm)',
  /** A sheet that unitCodeOutdated would read as `unit`'s, while `kept` is that unit's sheet with its own code. */
  unitCodeNotListedTaken: (w: Where, typed: string, code: string, unit: string, year: number, kept: string) =>
    `${unitSheetCell(w)}: mã đơn vị "${typed}" không có trong danh sách đơn vị; tên đơn vị chỉ tới ${unit} ` +
    `(mã "${code}"), nhưng ${unit} đã có báo cáo năm ${year} ghi đúng mã ở ${kept}, nên số liệu của trang này ` +
    `không được tổng hợp. Nếu trang này mới là báo cáo đúng, hãy ghi "${code}" vào ${codeCell(w.cell)} và xóa ` +
    `(hoặc sửa mã) ${kept}`,
  /** Several sheets that unitCodeOutdated would read as `unit`'s, none with its code: none is read. */
  unitCodeNotListedTwice: (w: Where, typed: string, code: string, unit: string, year: number, others: string[]) =>
    `${unitSheetCell(w)}: mã đơn vị "${typed}" không có trong danh sách đơn vị; tên đơn vị chỉ tới ${unit} ` +
    `(mã "${code}"), nhưng ${others.join(', ')} cũng ghi tên ${unit} năm ${year} mà không có mã đúng, nên không ` +
    `biết trang nào là báo cáo của ${unit}; số liệu của các trang này không được tổng hợp. Hãy ghi "${code}" vào ` +
    'ô "Mã đơn vị" của trang đúng',
  unitMismatch: (w: Where, byCode: string, byName: string) =>
    `${where(w)}: ô "Mã đơn vị" là của ${byCode} nhưng ô "Đơn vị" ghi ${byName}; đã lấy theo mã đơn vị`,
  noYear: (w: Where, assumed: number | null) =>
    assumed
      ? `${where(w)}: không ghi năm báo cáo (ô "Năm"), tạm coi là năm ${assumed}`
      : `${where(w)}: không ghi năm báo cáo (ô "Năm") nên trang này không được tổng hợp`,
  yearMismatch: (w: Where, year: number, sheet: string, sheetYear: number) =>
    `${where(w)}: ô "Năm" ghi ${year} nhưng tên trang "${sheet}" là năm ${sheetYear}; đã lấy năm ${year} theo ô "Năm" — nếu đây là báo cáo năm ${sheetYear}, hãy sửa ô "Năm"`,
  /**
   * Last year's workbook copied and filled in: its stated year (`said`: the "Năm" cell, the sheet name
   * or a title) is a year before its file name's and its submission dates' (`months` dated a year late;
   * `others`, the months dated otherwise: likely last year's figures left in the copy).
   */
  yearCopied: (
    w: Where,
    said: YearSaid,
    stated: number,
    fileName: string,
    months: number[],
    year: number,
    others: number[] = [],
  ) =>
    `${where(w)}: ${yearSaidText(said)} ghi năm ${stated} nhưng tên tệp "${fileName}" và ngày nộp ` +
    `${months.length > 1 ? `các tháng ${monthList(months)}` : `tháng ${months[0]}`} là năm ${year} — có lẽ chép từ báo cáo ` +
    `năm ${stated} mà chưa sửa năm; đã tính đây là báo cáo năm ${year}. Hãy ${yearFixText(said, year)}` +
    (others.length
      ? `. Tháng ${monthList(others)} vẫn ghi ngày nộp của năm khác: số liệu ${others.length > 1 ? 'các tháng này' : 'tháng này'} ` +
        `có lẽ còn là của năm ${stated}, đang được tính vào năm ${year}; hãy kiểm tra và xóa nếu đúng vậy`
      : ''),
  /**
   * Month headers naming another year than the sheet's ("T1/2017" in a 2018 sheet): a copy of
   * last year's sheet whose headers (and maybe figures) were not all updated. `cells`: those headers.
   */
  monthHeaderYear: (w: Where, header: string, cells: string[], headerYear: number, year: number) =>
    `${where(w)}: tiêu đề cột tháng ghi "${header}"` +
    (cells.length > 1 ? ` (${cells.length} ô tiêu đề tháng ghi năm khác: ${cells.join(', ')})` : '') +
    ` nhưng trang là báo cáo năm ${year}; số liệu vẫn được đọc là của năm ${year}. Bảng có lẽ chép từ năm ` +
    `${headerYear} — hãy kiểm tra lại số liệu các tháng và sửa tiêu đề cho đúng năm ${year}`,
  wrongYear: (w: Where, year: number, expected: number[]) =>
    `${where(w)}: báo cáo năm ${year}, trong khi đang tổng hợp năm ${expected.join(' và ')}`,

  // ------------------------------------------------------------ across workbooks
  duplicateUnit: (w: Where, year: number, kept: string, dropped: string) =>
    `${where(w)}: có hai báo cáo năm ${year} (${kept} và ${dropped}); chỉ lấy ${kept}, bỏ qua số liệu của ${dropped}`,
  /** After duplicateUnit: why the kept report won over one whose unit cells disagree. */
  duplicateUnitMismatch: (kept: string, dropped: string) =>
    ` — vì ở ${dropped} ô "Mã đơn vị" và ô "Đơn vị" ghi hai đơn vị khác nhau (có thể gõ nhầm mã đơn vị), còn ở ${kept} hai ô này khớp nhau`,
  /** After duplicateUnit (and its why): the two reports' months do not overlap. */
  duplicateUnitApart: (kept: number[], dropped: number[], code: string) =>
    `. Hai bản có số liệu ở các tháng khác nhau (bản được lấy: tháng ${monthList(kept)}; bản bị bỏ qua: tháng ` +
    `${monthList(dropped)}): nếu đây là báo cáo của hai đơn vị khác nhau cùng ghi mã ${code} (ví dụ một xã cũ trước ` +
    'sáp nhập), hãy sửa ô "Mã đơn vị" của bản không phải của đơn vị này; nếu là của cùng một đơn vị, hãy chép số ' +
    'liệu vào một bản',
  /** After duplicateUnit: the dropped report's unit was only guessed (`from`: guessSource's words). */
  duplicateUnitGuessed: (kept: string, dropped: string, from: string) =>
    ` — vì ${dropped} không ghi mã đơn vị nên đơn vị chỉ được đoán theo ${from}, còn ${kept} ghi rõ đơn vị`,
  /** After duplicateUnit: the kept report has the later latest submission date (ISO dates; '' = none). */
  duplicateUnitLater: (keptDate: string, droppedDate: string) =>
    droppedDate
      ? ` — vì bản được lấy có ngày nộp gần nhất là ${formatDateVi(keptDate)}, muộn hơn bản bị bỏ qua (${formatDateVi(droppedDate)})`
      : ` — vì bản được lấy có ngày nộp (gần nhất ${formatDateVi(keptDate)}), còn bản bị bỏ qua chưa ghi ngày nộp nào`,
  /** After duplicateUnit: same latest date, the kept report has figures in more months. */
  duplicateUnitMoreMonths: (keptMonths: number, droppedMonths: number) =>
    ` — vì bản được lấy có số liệu ${keptMonths} tháng, còn bản bị bỏ qua chỉ có ${droppedMonths} tháng`,
  /** After duplicateUnit: the kept report has every figure and note of the dropped one, and more. */
  duplicateUnitSuperset: () => ' — vì bản được lấy có đủ mọi ô có số liệu của bản bị bỏ qua và thêm những ô khác',
  /**
   * After duplicateUnit: the dropped report's submission dates are the next year's (`droppedDate`: its
   * latest), the kept one's are not: the dropped one is likely next year's report copied from this one.
   */
  duplicateUnitYearLate: (year: number, dropped: string, droppedDate: string) =>
    ` — vì ngày nộp ở ${dropped} (gần nhất ${formatDateVi(droppedDate)}) là năm ${year + 1}, muộn một năm so với các ` +
    `tháng năm ${year}: có lẽ đó là báo cáo năm ${year + 1} chép từ báo cáo năm ${year} mà chưa sửa ô "Năm", nên không ` +
    `được thay cho báo cáo năm ${year}. Nếu đúng vậy, hãy sửa ô "Năm" ở ${dropped} thành ${year + 1}`,
  /** After duplicateUnit: nothing tells which report is newer, so the name order decided. */
  duplicateUnitByName: () => ' — không rõ bản nào mới hơn nên lấy theo thứ tự tên',
  unitMissing: (unit: string, year: number) => `${unit}: chưa có trang báo cáo năm ${year}`,
  /** A unit without a report while sheets name it under a unit code in no list (not read: see their errors). */
  unitMissingCodeNotListed: (unit: string, year: number, sheets: string[]) =>
    `${unit}: chưa có báo cáo năm ${year} được tính — theo tên, ${sheets.join(', ')} có thể là báo cáo của ${unit}, ` +
    'nhưng ô "Mã đơn vị" ghi mã không có trong danh sách đơn vị nên chưa được tổng hợp (xem lỗi của trang đó)',
  /** A unit without a report while a sheet names it in "Đơn vị" under another unit's code. */
  unitMissingNamedElsewhere: (unit: string, year: number, sheet: string, coded: string) =>
    `${unit}: chưa có báo cáo năm ${year} được tính — ${sheet} ghi tên ${unit} nhưng ô "Mã đơn vị" là mã của ${coded}, ` +
    `nên được đọc là của ${coded}; hãy sửa ô "Mã đơn vị" trong trang đó`,

  // ------------------------------------------------------------ mergers (2025)
  /**
   * An old unit, now part of a merged one, has no report (`noReport`) or left `months` empty
   * before the merger (this year). `inPeriod`: the months of the period among them, which
   * completeness counts as not reported for the merged unit.
   */
  predecessorMissing: (m: MergerNames, year: number, months: number[], noReport: boolean, inPeriod: number[]) =>
    `${m.old} (${nowPart(m)}) ${noReport ? `không có báo cáo năm ${year}` : `chưa báo cáo tháng ${monthList(months)} năm ${year}`}: ` +
    `số liệu ${noReport ? `tháng ${monthList(months)} năm ${year}` : months.length > 1 ? 'các tháng này' : 'tháng này'} của ${m.unit} chưa gồm ${m.oldShort}` +
    (inPeriod.length ? `, nên ${m.unit} được tính là chưa báo cáo đủ tháng ${monthList(inPeriod)}` : '') +
    `; hãy bổ sung ${noReport ? `báo cáo năm ${year}` : 'số liệu'} của ${m.oldShort}`,
  /** A unit of the list that another unit of the list replaced by a merger. */
  unitAlsoPredecessor: (unit: string, into: string, from: string) =>
    `${unit} vẫn có trong danh sách đơn vị, trong khi ${into} được ghi là sáp nhập từ ${unit} từ ngày ${from}: ` +
    `${unit} được tính như một đơn vị riêng (số liệu không cộng vào ${into}, và bị coi là chưa báo cáo khi thôi báo cáo). ` +
    `Nếu đã sáp nhập, hãy xóa ${unit} khỏi danh sách đơn vị`,
  /** An old unit's months after its merger (it went on filling its own sheet): left out. */
  predecessorAfterMerger: (m: MergerNames, year: number, months: number[], from?: string) =>
    `${m.old} (${nowPart(m)}) vẫn có số liệu tháng ${monthList(months)} năm ${year}, sau khi ${change(m)}: ` +
    `các tháng này không được tính (từ khi ${change(m)} chỉ tính báo cáo của ${m.unit}); nếu đó là số liệu của ${m.unit}, ` +
    `hãy nhập vào báo cáo của ${m.unit}` +
    mergerDateHint(m, from),
  /**
   * An old unit renamed (become one new unit alone) went on in its own sheet after the change, and
   * the new unit has no report of its own that year: those months are counted as the new unit's.
   */
  renamedGoesOn: (m: MergerNames, code: string, year: number, months: number[], place: string, ownFrom?: number) =>
    `${m.old} (nay là ${m.unitWithin}) vẫn ghi số liệu tháng ${monthList(months)} năm ${year} vào ${place}, sau khi đổi tên: ` +
    (ownFrom
      ? `vì ${m.unit} chỉ báo cáo vào mẫu mới từ tháng ${ownFrom}, các tháng này được tính là số liệu của ${m.unit}. ` +
        `Hãy tiếp tục báo cáo vào mẫu mới của ${m.unit} (mã đơn vị ${code}), không ghi vào tệp cũ`
      : `vì ${m.unit} chưa có báo cáo riêng năm ${year}, các tháng này được tính là số liệu của ${m.unit}. ` +
        `Từ năm ${year + 1}, hãy báo cáo vào mẫu mới của ${m.unit} (mã đơn vị ${code}), không ghi tiếp vào tệp cũ`),
  /**
   * The old units all went on reporting after the merger date, up to the month before the merged
   * unit's first: their months were counted, and the date (typed early, 07/01 for 01/07?) is asked about.
   */
  mergerDateSlip: (
    m: MergerNames,
    kind: string,
    from: string,
    year: number,
    lastOld: number,
    suggestion: string | null,
  ) => {
    // A renaming has one old unit: "xã cũ", not "các đơn vị cũ".
    const olds = m.renamed ? `${kind || 'đơn vị'} cũ` : 'các đơn vị cũ';
    return (
      `Ngày ${change(m)} của ${m.unit} ghi là ${formatDateVi(from)}, nhưng ${olds} vẫn báo cáo đến tháng ${lastOld} năm ${year} ` +
      `và ${m.unit} báo cáo từ tháng ${lastOld + 1}: số liệu đến tháng ${lastOld} được tính theo báo cáo của ${olds}. ` +
      `Hãy kiểm tra lại ngày ${change(m)} trong danh sách đơn vị${suggestion ? ` (có phải là ${formatDateVi(suggestion)}?)` : ''}`
    );
  },
  /**
   * An old unit's figures before the merger that the merged unit's own report has too (same
   * indicator and month, not 0): left out, so that nothing is added twice.
   */
  predecessorOverlap: (m: MergerNames, year: number, months: number[], from?: string) =>
    `${m.old} (${nowPart(m)}) có số liệu tháng ${monthList(months)} năm ${year} mà báo cáo của ${m.unit} cũng có ` +
    `(khác 0) ở cùng chỉ tiêu và tháng: những ô đó chỉ tính theo báo cáo của ${m.unit}, không cộng thêm số của ` +
    `${m.oldShort} (để không tính hai lần); nếu ${m.unit} ghi nhầm số liệu vào tháng trước khi ${change(m)}, hãy xóa số liệu đó` +
    mergerDateHint(m, from),
  /**
   * A new unit of a merger with figures (not 0) in its sheet in months before it existed
   * (`ranges`: per row, "E24:J24"): the old units report those months; where they did, Tổng hợp
   * takes these figures as the whole area's instead of theirs (aggregate's predecessorOverlap).
   */
  successorBeforeMerger: (
    w: Where,
    ranges: string[],
    from: string,
    year: number,
    months: number[],
    first: number,
    kind: string,
    olds: string[],
  ) => {
    const k = kind || 'đơn vị';
    return (
      `${early(w, ranges, from, year, months, k)}; số liệu ${beforeMonths(first)} do các ${k} cũ` +
      `${olds.length ? ` (${olds.join(', ')})` : ''} báo cáo ở mẫu của mình. Khi tổng hợp, số khác 0 ghi ở đây được ` +
      `tính là số của cả địa bàn, thay cho số các ${k} cũ ở cùng chỉ tiêu và tháng (không cộng thêm) — nếu đây ` +
      'không phải số liệu của cả địa bàn, hãy xóa'
    );
  },
  /**
   * successorBeforeMerger when an old unit of the new one's name has no report of the year: Tổng
   * hợp takes the sheet for that old unit's, gone on under the new code (succession.ts
   * namesakeGoingOn), and adds the other old units' reports. `others`: their names, null when not
   * all are named.
   */
  namesakeBeforeMerger: (
    w: Where,
    ranges: string[],
    from: string,
    year: number,
    months: number[],
    first: number,
    kind: string,
    namesake: string,
    others: string[] | null,
  ) => {
    const k = kind || 'đơn vị';
    const old = `${k} ${namesake} cũ`;
    const before = beforeMonths(first);
    const rest =
      others === null
        ? `các ${k} cũ khác`
        : others.length > 1
          ? `các ${k} cũ khác (${others.join(', ')})`
          : others.length
            ? `${k} ${others[0]} cũ`
            : '';
    return (
      `${early(w, ranges, from, year, months, k)}. Vì không có báo cáo riêng năm ${year} của ${old}, trang này được ` +
      `coi là mẫu của ${old} dùng tiếp sau sáp nhập: khi tổng hợp, số liệu ${before} ghi ở đây được tính là số ` +
      `của ${old} (nếu đúng là số của ${old}, giữ nguyên)` +
      (rest ? `; ${rest} vẫn phải báo cáo ${before} ở mẫu của mình` : '')
    );
  },
  /**
   * A renamed unit (one old unit become it alone) with figures (not 0) in months before the change
   * that the old unit's report of the year has too (same indicator and month): Tổng hợp takes this
   * sheet's figures there, not the old one's (supersede, predecessorOverlap). `old`: "xã Nậm Kè".
   */
  renamedBeforeChange: (
    w: Where,
    ranges: string[],
    from: string,
    year: number,
    months: number[],
    old: string,
    oldSheet: string,
  ) => {
    return (
      `${unitSheetCell({ ...w, cell: rangesShown(ranges) })}: số liệu tháng ${monthList(months)} năm ${year} (trước ` +
      `khi đổi tên từ ${old}, ngày ${formatDateVi(from)}) cũng có ở báo cáo của ${old} cũ (trang "${oldSheet}"), ` +
      `cùng chỉ tiêu và tháng. Khi tổng hợp, những ô đó chỉ tính theo số ghi ở đây, không cộng thêm số của ${old} ` +
      `cũ (để không tính hai lần) — nếu số ở báo cáo của ${old} cũ mới đúng, hãy xóa số ở đây`
    );
  },
  /** An old unit of a merged one has no report of the comparison year: "so cùng kỳ" lacks it. */
  predecessorMissingLastYear: (m: MergerNames, year: number, months: number[]) =>
    `${m.old} (${nowPart(m)}) không có báo cáo năm ${year}: số liệu cùng kỳ (tháng ${monthList(months)} năm ${year}) ` +
    `của ${m.unit} chưa gồm ${m.oldShort}, nên số tăng, giảm so cùng kỳ chưa tính phần của ${m.oldShort}; ` +
    `hãy bổ sung báo cáo năm ${year} của ${m.oldShort} nếu có`,

  // ------------------------------------------------------------ submission dates
  /** A submission date after the run's date: not yet submitted as of the run. */
  submittedAfterRun: (w: Where, date: string, today: string) =>
    `${where({ ...w, indicator: SUBMITTED_DATE })}: ngày nộp ${date} muộn hơn ngày tổng hợp (${today}), không thể là ngày đã nộp (có lẽ gõ nhầm năm), nên tháng ${w.month} được tính như chưa ghi ngày nộp — hãy sửa ngày nộp`,
  /**
   * Figures in a month without its submission date (also a month unlocked to be corrected): not
   * counted on time, but not said to be late either. `unread`: the cell holds a date that could not be read.
   */
  undatedMonth: (w: Where, advice: UndatedAdvice = SHEETS_UNDATED_ADVICE, unread = false) =>
    `${where({ ...w, indicator: SUBMITTED_DATE })}: tháng ${w.month} có số liệu nhưng ${unread ? 'không đọc được ngày nộp ghi ở ô này' : 'chưa có ngày nộp'}, nên chưa rõ ngày nộp và không được tính là nộp đúng hạn; ${advice.late(w)}`,
  /** After a sheet's reference when the sheet is hidden in its workbook. */
  hiddenSheet: ' (trang đang ẩn; trong Excel: chuột phải vào tên trang › Unhide để xem)',
  /** A figure in the year-total column of a row whose months are all empty: not counted. */
  totalWithoutMonths: (w: Where, shown: string, monthsTyped: boolean) =>
    `${where(w)}: cột "Cả năm" ghi ${shown} nhưng ${monthsTyped ? 'không tháng nào có số liệu hợp lệ (ô ghi sai được báo riêng)' : 'các tháng đều để trống'}; số này không được tính vào tổng hợp (tổng hợp cộng số từng tháng). Hãy ${monthsTyped ? 'sửa' : 'nhập'} số liệu ở các cột tháng`,
  /**
   * A "Cả năm" cell (typed, or a formula's result) that is not the sum of the row's months: a total
   * typed by hand or pasted as values, or a copy edited afterwards. The months are what is counted.
   */
  totalNotSum: (w: Where, total: number, sum: number) =>
    `${where(w)}: cột "Cả năm" ghi ${n(total)} nhưng cộng các tháng là ${n(sum)} — kiểm tra lại (tổng hợp tính theo số ` +
    `từng tháng, tức ${n(sum)}; nếu số cả năm mới đúng thì có tháng ghi sai hoặc còn thiếu)`,
  /**
   * A stock's "Cả năm" (its year figure the latest month's) that is not the latest month's figure:
   * typed by hand, or left from when the indicator was summed over the months.
   */
  totalNotLast: (w: Where, total: number, month: number, last: number) =>
    `${where(w)}: cột "Cả năm" ghi ${n(total)} nhưng chỉ tiêu này lấy số của tháng gần nhất (tháng ${month}: ` +
    `${n(last)}), không cộng các tháng — kiểm tra lại (tổng hợp tính theo số tháng ${month}, tức ${n(last)}; ô ` +
    '"Cả năm" có thể còn số cộng dồn ghi từ trước khi chỉ tiêu đổi cách tính)',
  /** "Cả năm" is the months' sum plus other columns among them (a quarter column inside the SUM). */
  totalSumsOtherColumns: (w: Where, total: number, sum: number, others: string[]) =>
    `${where(w)}: cột "Cả năm" ghi ${n(total)}, tức tổng các tháng (${n(sum)}) cộng cả cột ${others.join(', ')} ` +
    `nằm giữa các cột tháng; tổng hợp chỉ cộng các tháng, tức ${n(sum)}. Nếu đó là cột quý hay cột cộng dồn, hãy sửa ` +
    'công thức cột "Cả năm" để không cộng cột đó',
  /** The same, on several rows of one sheet. */
  totalsSumOtherColumns: (w: Where, cells: string[], others: string) =>
    `${where(w)}: cột "Cả năm" cộng cả cột ${others} nằm giữa các cột tháng, ở ${cells.length} dòng (${cellList(cells)}); ` +
    'tổng hợp chỉ cộng các tháng. Nếu đó là cột quý hay cột cộng dồn, hãy sửa công thức cột "Cả năm" để không cộng cột đó',
  /** "Cả năm" not the months' sum on several rows of one sheet (a column pasted as values). */
  totalsNotSum: (w: Where, rows: { cell: string; label: string; total: number; sum: number }[]) =>
    `${where(w)}: cột "Cả năm" khác tổng các tháng ở ${rows.length} dòng (${cellList(rows.map((r) => r.cell))}), ví ` +
    `dụ ô ${rows[0].cell} (${rows[0].label}) ghi ${n(rows[0].total)} nhưng cộng các tháng là ${n(rows[0].sum)} — kiểm ` +
    'tra lại (tổng hợp tính theo số từng tháng; cột "Cả năm" có thể đã dán giá trị thay cho công thức, hoặc có tháng ghi sai hoặc còn thiếu)',
  /** Figures in a month without its submission date, its deadline not passed yet: not counted as sent. */
  undatedMonthOpen: (w: Where, due: string, advice: UndatedAdvice = SHEETS_UNDATED_ADVICE, unread = false) =>
    `${where({ ...w, indicator: SUBMITTED_DATE })}: tháng ${w.month} có số liệu nhưng ${unread ? 'không đọc được ngày nộp ghi ở ô này' : 'chưa có ngày nộp'}, nên chưa được tính là đã nộp (hạn nộp ${due}); ${advice.open(w)}`,
  /** A submission date for a month with no figure, note or entry at all: likely typed ahead, or figures forgotten. */
  datedEmptyMonth: (w: Where, date: string) =>
    `${where({ ...w, indicator: SUBMITTED_DATE })}: có ngày nộp ${date} nhưng tháng ${w.month} chưa có số liệu nào; vẫn tính là đã nộp. Nếu chưa nhập, hãy nhập số liệu (ghi 0 nếu tháng này không có hoạt động)`,
  /**
   * Figures in a month whose data window has not closed at the run's date: likely typed one column
   * to the right (September's figures in October's column). `cells`: the first few, `more` the rest.
   */
  /**
   * Next year's workbook (expected beside this year's, not read) holding figures of months whose data
   * has not begun: most likely this year's typed into the wrong workbook.
   */
  laterYearFigures: (w: Where, year: number, months: number[]) =>
    `${where(w)}: báo cáo năm ${year} (${sheetRef(w.file ?? '', w.sheet ?? '')}) đã có số liệu tháng ${months.join(', ')} dù kỳ số liệu các tháng này chưa bắt đầu — ` +
    `có lẽ số liệu năm ${year - 1} gõ nhầm vào báo cáo năm ${year}; số liệu này không được tổng hợp, hãy chuyển sang báo cáo năm ${year - 1}`,
  futureMonthFigures: (w: Where, end: string, cells: string[], more: number) =>
    `${where({ ...w, month: undefined })}: tháng ${w.month} chưa đến ngày chốt số liệu (${end}) mà đã có số liệu` +
    `${cells.length ? ` (ô ${cells.join(', ')}${more ? ` và ${n(more)} ô khác` : ''})` : ''} — có lẽ nhập nhầm cột` +
    `${w.month && w.month > 1 ? ` (số liệu tháng ${w.month - 1} ghi sang cột tháng ${w.month}?)` : ''}; hãy kiểm tra lại`,
  /** A submission date before the month's data period ends: likely copied from the month before. */
  /** A submission date before the month's data window began: not counted (a year typed wrong?). */
  submittedBeforePeriodStart: (w: Where, date: string, start: string) =>
    `${where({ ...w, indicator: SUBMITTED_DATE })}: ngày nộp ${date} sớm hơn cả ngày bắt đầu kỳ số liệu tháng ${w.month} (${start}), không thể là ngày nộp tháng này (có lẽ gõ nhầm năm), nên tháng ${w.month} được tính như chưa ghi ngày nộp — hãy sửa ngày nộp`,
  /** The early date of a month whose figures look typed a column too far (futureMonthFigures): both the month before's. */
  submittedWithFutureFigures: (w: Where, date: string) =>
    `${where({ ...w, indicator: SUBMITTED_DATE })}: ngày nộp ${date} cũng như số liệu của cột này có lẽ là của tháng ${(w.month ?? 2) - 1} nhập nhầm sang cột tháng ${w.month} (xem cảnh báo số liệu tháng ${w.month}); hãy chuyển sang đúng cột`,
  submittedBeforePeriodEnd: (w: Where, date: string, end: string) =>
    `${where({ ...w, indicator: SUBMITTED_DATE })}: ngày nộp ${date} sớm hơn ngày chốt số liệu tháng ${w.month} (${end}), có lẽ chép từ tháng trước; vẫn tính là đã nộp, hãy kiểm tra lại ngày nộp`,

  // ------------------------------------------------------------ rules
  /** Each side named by its cells, where the clerk looks: "— đang ghi ô M45 = 2, ô M40 = 0". */
  /**
   * Every flow of month `w.month` equal to the month before's (copied-month.ts): `figures` of them
   * not zero; `column`/`before` the two months' columns ("I", "H"; '' unknown).
   */
  monthCopied: (w: Where, figures: number, column: string, before: string) =>
    `${where({ unit: w.unit, file: w.file, sheet: w.sheet })}, ${column ? `cột ${column} ` : ''}(tháng ${w.month}): ` +
    `số liệu giống hệt tháng ${(w.month ?? 2) - 1}${before ? ` (cột ${before})` : ''} ở cả ${figures} chỉ tiêu có số — ` +
    `có phải chép cột tháng trước mà chưa sửa? Hãy ghi số liệu của tháng ${w.month}; nếu đúng là như vậy, bỏ qua cảnh báo này`,
  /** A stock blank in a reported month (carried-stock.ts): Tổng hợp takes the month `from`'s figure. */
  stockCarried: (w: Where, value: number, unit: string, from: number) =>
    `${where(w)}: để trống — tổng hợp sẽ lấy số tháng ${from} (${n(value)}${unit ? ` ${unit}` : ''}). ` +
    'Nếu nay không còn, hãy ghi 0',
  /** Parts typed, their total blank (rules.ts blankTotal): the total is not filled in for the clerk. */
  blankTotal: (w: Where, parts: RuleSide) =>
    `${where(w)}: để trống nhưng các ô thành phần có ${ruleSide(parts)} — hãy ghi tổng ` +
    '(tổng không tự cộng; nếu đúng là chưa có số liệu, hãy xóa cả các ô thành phần)',
  ruleViolation: (w: Where, message: string, left: RuleSide, right: RuleSide | null) =>
    `${where(w)}: ${message} — đang ghi ${ruleSide(left)}${right ? `, ${ruleSide(right)}` : ''}`,
  /**
   * A figure far out of line (aggregate/outliers.ts): `typical` the other units' median of the month,
   * `own` the unit's own median and largest figure of its earlier months (null: too few), `kind` "xã".
   */
  outlier: (
    w: Where,
    value: number,
    unit: string,
    typical: number,
    own: { typical: number; peak: number } | null,
    kind: string,
  ) => {
    const u = unit ? ` ${unit}` : '';
    const base = own === null ? typical : Math.max(typical, own.typical);
    const times = value / base;
    const whole = Math.floor(times);
    const ownPart =
      own === null
        ? ''
        : ` và của chính ${kind} trong các tháng trước (trung vị ${n(own.typical)}${u}, cao nhất ${n(own.peak)}${u})`;
    return (
      `${where(w)}: ${n(value)}${u}, gấp ${whole === times ? '' : 'hơn '}${n(whole)} lần số thường gặp của các đơn vị khác ` +
      `(trung vị ${n(typical)}${u})${ownPart} — hãy kiểm tra lại (có gõ thừa số 0?); số này vẫn đang được cộng vào tổng`
    );
  },
  /** `asUnit`: the figure read as đồng, in the row's unit, when that would fit (a slip of scale). */
  aboveMax: (w: Where, value: number, max: number, unit: string, asUnit: number | null = null) => {
    const u = unit ? ` ${unit}` : '';
    const scale = asUnit === null ? '' : ` (nếu đã ghi theo đồng: số đúng theo ${unit} là ${n(asUnit)})`;
    return `${where(w)}: ${n(value)}${u} lớn hơn mức tối đa thường gặp (${n(max)}${u}); hãy kiểm tra lại số liệu${scale}`;
  },
};

/** One side of a rule in a sheet: its cells (summed) and their total. */
export interface RuleSide {
  cells: string[];
  total: number;
}

const ruleSide = (side: RuleSide) => `ô ${side.cells.join(' + ')} = ${n(side.total)}`;

const CELL_MESSAGE: Record<string, (w: Where, shown: string) => string> = {
  'not-a-number': FINDING_TEXT.notANumber,
  ambiguous: FINDING_TEXT.ambiguous,
  negative: FINDING_TEXT.negative,
  fraction: FINDING_TEXT.fraction,
  'too-large': FINDING_TEXT.tooLarge,
  boolean: FINDING_TEXT.boolean,
  date: FINDING_TEXT.date,
  'error-value': FINDING_TEXT.errorValue,
  'not-a-date': FINDING_TEXT.notADate,
  'date-out-of-range': FINDING_TEXT.dateOutOfRange,
  'nil-in-stock': FINDING_TEXT.nilInStock,
};

/** The message for a cell problem code from validation/cells.ts. */
export function cellProblemText(problem: string, w: Where, shown: string): string {
  return (CELL_MESSAGE[problem] ?? FINDING_TEXT.notANumber)(w, shown);
}

/** `Tệp a.xlsx, trang "B"` — names a sheet in duplicate-unit messages. */
export function sheetRef(file: string, sheet: string): string {
  return file ? `${fileRef(file, true)}, trang "${sheet}"` : `trang "${sheet}"`;
}
