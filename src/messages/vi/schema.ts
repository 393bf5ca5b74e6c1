/** Vietnamese texts for mistakes in the catalogue, units and settings. */

const FIELD: Record<string, string> = {
  code: 'mã',
  group: 'nhóm',
  label: 'tên',
  unit: 'đơn vị tính',
  kind: 'loại giá trị',
  overMonths: 'cách cộng theo tháng',
  overUnits: 'cách cộng theo đơn vị',
  phrase: 'câu mẫu',
  key: 'chỉ tiêu chính',
  max: 'giá trị tối đa',
  left: 'vế trái',
  right: 'vế phải',
  operator: 'phép so sánh',
  importance: 'mức độ',
  message: 'thông báo',
  missing: 'cách xử lý ô trống',
  name: 'tên',
  emails: 'e-mail',
  spreadsheetUrl: 'đường dẫn bảng tính',
  succession: 'sáp nhập',
  from: 'ngày sáp nhập',
  predecessors: 'đơn vị cũ',
  aggregatingUnitName: 'tên đơn vị tổng hợp',
  level: 'cấp tổng hợp',
  scopeLabel: 'cụm từ phạm vi (ví dụ "toàn huyện")',
  organisation: 'cơ quan báo cáo',
  cutoffDay: 'ngày chốt số liệu',
  submitDays: 'số ngày được nộp sau khi chốt',
  submitWorkingDays: 'chỉ tính ngày làm việc',
  holidays: 'ngày nghỉ lễ, Tết',
  recipients: 'người nhận báo cáo',
  sendDay: 'ngày gửi báo cáo',
  sendHour: 'giờ gửi báo cáo',
  reminders: 'nhắc nhở',
  reminderDaysBefore: 'số ngày nhắc trước hạn',
  timeZone: 'múi giờ',
  version: 'phiên bản',
  title: 'tiêu đề',
  groups: 'nhóm chỉ tiêu',
  indicators: 'chỉ tiêu',
  rules: 'quy tắc kiểm tra',
  units: 'đơn vị',
  formerUnits: 'đơn vị cũ (trước sáp nhập)',
};

const ITEM: Record<string, string> = {
  groups: 'Nhóm',
  indicators: 'Chỉ tiêu',
  rules: 'Quy tắc',
  units: 'Đơn vị',
  emails: 'E-mail',
  recipients: 'Người nhận',
  left: 'Mã',
  right: 'Mã',
  predecessors: 'Đơn vị cũ',
  formerUnits: 'Đơn vị cũ',
  holidays: 'Ngày nghỉ',
};

/** Lists whose entries are plain values worth quoting in a message ("Ngày nghỉ thứ 3 ("2018-02-30")"). */
const QUOTE_ENTRY = new Set(['holidays', 'recipients', 'emails']);

/** A unit's fields whose word for an indicator's would mislead ("kind" of a unit is xã/phường, not a value type). */
const UNIT_FIELD: Record<string, string> = {
  kind: 'loại đơn vị: xã, phường, thị trấn…',
  code: 'mã đơn vị',
  name: 'tên đơn vị',
};

/** `key`'s meaning; `list`: the list its entry is in ("units", "indicators"…), when known. */
export function fieldLabel(key: string, list?: string): string {
  if ((list === 'units' || list === 'formerUnits') && UNIT_FIELD[key]) return UNIT_FIELD[key];
  return FIELD[key] ?? key;
}

function at(data: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

const TYPE: Record<string, string> = {
  string: 'chữ',
  number: 'số',
  int: 'số nguyên',
  boolean: 'đúng/sai',
  array: 'danh sách',
  object: 'bảng',
};

interface IssueLike {
  code: string;
  path: PropertyKey[];
  expected?: unknown;
  input?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  values?: unknown[];
  keys?: string[];
  format?: string;
  origin?: string;
  message?: string;
}

/** A value of a JSON file as written, for a message: texts quoted (shortened when long); lists and objects not shown. */
function shown(value: unknown): string | null {
  if (typeof value === 'string') {
    if (!value) return null;
    const t = [...value].length > 40 ? `${[...value].slice(0, 37).join('')}…` : value;
    return `"${t}"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return null;
}

export const SCHEMA_TEXT = {
  /**
   * The place of a mistake in a JSON file, by its keys as written there with their meaning:
   * 'Đơn vị thứ 1 (mã muong-nhe-2025), "succession" → "from" (ngày sáp nhập): '; an entry of a
   * list of values: '"holidays" → mục thứ 2 (ngày nghỉ lễ, Tết): '. (The add-on's sheets name
   * their cells instead: `where`.)
   */
  jsonWhere(path: PropertyKey[], data: unknown): string {
    const parts: string[] = [];
    let keys: string[] = [];
    let list: string | undefined;
    const flush = (entry = '') => {
      if (!keys.length) return;
      const last = keys[keys.length - 1];
      parts.push(
        `${keys.map((k) => `"${k}"`).join(' → ')}${entry} (${fieldLabel(last, keys.length === 1 ? list : undefined)})`,
      );
      keys = [];
    };
    for (let i = 0; i < path.length; i++) {
      const p = path[i];
      if (typeof p !== 'number') {
        keys.push(String(p));
        continue;
      }
      const item = at(data, path.slice(0, i + 1));
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        // A list of values ("holidays", "emails"): its entry is named after the key path.
        flush(` → mục thứ ${p + 1}`);
        continue;
      }
      const parentKey = keys.pop() ?? '';
      flush();
      list = parentKey;
      const itemCode =
        typeof (item as { code?: unknown }).code === 'string' ? ` (mã ${(item as { code: string }).code})` : '';
      parts.push(`${ITEM[parentKey] ?? 'Mục'} thứ ${p + 1}${itemCode}`);
    }
    flush();
    return parts.length ? `${parts.join(', ')}: ` : '';
  },
  /**
   * `problem` for a JSON file, with the value written there (`value`, the file's; else the
   * issue's) first: '"31/02/2025" không phải ngày có thật; hãy ghi dạng …'.
   */
  jsonProblem(issue: IssueLike, value: unknown): string {
    const v = shown(value !== undefined ? value : issue.input);
    if (issue.code === 'custom' && issue.message === SCHEMA_TEXT.notRealDate)
      return `${v ? `${v} không phải ngày có thật` : 'không được để trống'}; hãy ghi dạng "2025-07-01" hoặc "01/07/2025"`;
    const problem = SCHEMA_TEXT.problem(issue);
    if (issue.code === 'invalid_type' && issue.input === undefined) return problem;
    // A message that quotes the wrong part itself ("{n2}" …) is not prefixed with the whole text.
    return v && !problem.startsWith('"') ? `${v} ${problem}` : problem;
  },

  /** "Chỉ tiêu thứ 3 (mã HND_X), trường "đơn vị tính": " */
  where(path: PropertyKey[], data: unknown): string {
    const parts: string[] = [];
    for (let i = 0; i < path.length; i++) {
      const p = path[i];
      if (typeof p === 'number') {
        const parentKey = String(path[i - 1] ?? '');
        const item = at(data, path.slice(0, i + 1));
        const itemCode =
          item && typeof item === 'object' && typeof (item as { code?: unknown }).code === 'string'
            ? ` (mã ${(item as { code: string }).code})`
            : QUOTE_ENTRY.has(parentKey) && typeof item === 'string'
              ? ` ("${item}")`
              : '';
        if (parts.length && parts[parts.length - 1] === `trường "${fieldLabel(parentKey)}"`) parts.pop();
        parts.push(`${ITEM[parentKey] ?? 'Mục'} thứ ${p + 1}${itemCode}`);
      } else {
        // A field straight under a list's entry: named as that list's ("units" → "loại đơn vị").
        const list = typeof path[i - 1] === 'number' ? String(path[i - 2] ?? '') : undefined;
        parts.push(`trường "${fieldLabel(String(p), list)}"`);
      }
    }
    return parts.length ? `${parts.join(', ')}: ` : '';
  },
  problem(issue: IssueLike): string {
    switch (issue.code) {
      case 'invalid_type':
        if (issue.input === undefined) return 'bị thiếu';
        return `phải là ${TYPE[String(issue.expected)] ?? String(issue.expected)}`;
      case 'too_small':
        if (issue.origin === 'string' || issue.origin === 'array')
          return Number(issue.minimum) <= 1 ? 'không được để trống' : `cần ít nhất ${issue.minimum} mục`;
        return `phải lớn hơn hoặc bằng ${issue.minimum}`;
      case 'too_big':
        return `phải nhỏ hơn hoặc bằng ${issue.maximum}`;
      case 'invalid_value':
        return `phải là một trong: ${(issue.values ?? []).map((v) => `"${String(v)}"`).join(', ')}`;
      case 'unrecognized_keys':
        return `có trường không dùng được: ${(issue.keys ?? []).join(', ')}`;
      case 'invalid_format':
        if (issue.format === 'email') return 'không phải địa chỉ e-mail hợp lệ';
        if (issue.format === 'regex' && issue.message) return issue.message;
        return 'sai định dạng';
      case 'custom':
        // Our own checks (z.refine) carry their Vietnamese message.
        return issue.message || 'không hợp lệ';
      default:
        return 'không hợp lệ';
    }
  },
  unknownTimeZone: 'không phải tên múi giờ hợp lệ (ví dụ đúng: "Asia/Ho_Chi_Minh")',
  notRealDate: 'không phải ngày có thật dạng năm-tháng-ngày (ví dụ 2018-02-14)',
  /** A merger's date with no old unit: the date is what makes the codes required. */
  predecessorsRequired:
    'có ngày sáp nhập nên cần mã các đơn vị cũ (cách nhau bởi dấu phẩy); nếu không có sáp nhập, hãy xóa ngày sáp nhập',
  unknownField: (key: string, near: string | null) =>
    `trường "${key}" không có trong mẫu nên không được dùng${near ? ` (có phải "${near}"?)` : ''}`,
  badCode: 'sai định dạng: mã chỉ gồm chữ không dấu, số, "_", "-", "." (không dấu cách)',
  noPlaceholder:
    'sai định dạng: câu mẫu phải có {n} — chỗ điền số kèm đơn vị tính, ví dụ "320 suất" ' +
    '(câu mẫu "trao {n} quà" thành "trao 320 suất quà")',
  placeholderTwice:
    'có {n} nhiều lần, nhưng chỉ chỗ đầu tiên được điền số (các chỗ sau bị in nguyên văn): hãy để một {n}',
  unknownPlaceholder: (other: string[]) =>
    `${other.map((p) => `"${p}"`).join(', ')} không phải chỗ điền số, sẽ bị in nguyên văn trong báo cáo: ` +
    'câu mẫu chỉ có một chỗ điền là {n} (số kèm đơn vị tính, ví dụ "320 suất"); hãy xóa ' +
    (other.length > 1 ? 'các chỗ này' : 'chỗ này'),
  duplicateIndicator: (c: string) => `mã chỉ tiêu "${c}" bị trùng`,
  duplicateGroup: (c: string) => `mã nhóm "${c}" bị trùng`,
  duplicateRule: (c: string) => `mã quy tắc "${c}" bị trùng`,
  duplicateUnit: (c: string) => `mã đơn vị "${c}" bị trùng`,
  duplicateFormerUnit: (c: string) => `mã đơn vị cũ "${c}" bị trùng (trong "formerUnits")`,
  formerIsCurrent: (c: string) =>
    `"formerUnits" có mã "${c}", nhưng "${c}" là một đơn vị hiện nay (trong "units"); mục này không được dùng`,
  formerUnused: (c: string) =>
    `"formerUnits" có mã "${c}", nhưng không đơn vị nào ghi "${c}" là đơn vị cũ (sáp nhập, "predecessors"); ` +
    'mục này không được dùng — gõ nhầm mã?',
  /** Two units of one name (`first`, `second`: "Đơn vị thứ 1 (mã chung-chai): "). */
  sameUnitName: (first: string, second: string, shown: string, name: string) =>
    `${first.replace(/: $/, '')} và ${second.replace(/: $/, '')} cùng tên "${shown}": bảng tổng hợp, danh sách ` +
    'chưa báo cáo và các thông báo sẽ ghi thêm mã đơn vị sau tên để phân biệt hai đơn vị; nên ghi tên khác nhau ' +
    `cho dễ đọc, ví dụ thêm tên huyện trong ngoặc ("${name} (huyện …)")`,
  unknownGroup: (ind: string, g: string) => `chỉ tiêu "${ind}" thuộc nhóm "${g}" nhưng nhóm này chưa được khai báo`,
  reservedCode: (c: string) => `mã "${c}" đã dành cho dòng ngày nộp báo cáo, hãy đặt mã khác`,
  unknownRuleIndicator: (rule: string, c: string) =>
    `quy tắc "${rule}" dùng mã chỉ tiêu "${c}" không có trong danh mục`,
  /** A rule naming indicators not in the catalogue (removed?): left out of the checks, the run goes on. */
  ruleDropped: (rule: string, codes: string[]) =>
    `quy tắc "${rule}" dùng mã chỉ tiêu ${codes.map((c) => `"${c}"`).join(', ')} không có trong danh mục, nên ` +
    'quy tắc này không được dùng để kiểm tra (số liệu vẫn được đọc, kiểm tra theo các quy tắc khác và tổng hợp). ' +
    'Hãy sửa tệp danh mục: xóa quy tắc này, hoặc sửa mã cho đúng mã chỉ tiêu trong danh mục',
  /** A rule's right side left empty: it would compare the left side with 0 and refuse correct figures. */
  emptyRight:
    'không được để trống: ghi mã chỉ tiêu để so sánh với vế trái (ví dụ DON_TONG). Không ghi số (như 0) được; ' +
    'số âm đã được kiểm tra riêng, nên nếu không có gì để so sánh thì hãy xóa quy tắc này',
  sameCodeBothSides: (rule: string, c: string) =>
    `quy tắc "${rule}" có mã chỉ tiêu "${c}" ở cả vế trái và vế phải, nên số liệu đúng cũng có thể bị báo lỗi; ` +
    'hãy bỏ mã này ở một vế (hoặc xóa quy tắc nếu không cần)',
  noteInRule: (rule: string, c: string) => `quy tắc "${rule}" dùng chỉ tiêu ghi chú "${c}" (không phải số)`,
};
