/**
 * Indicators added to "Chỉ tiêu" mid-year: "Tạo mẫu" inserts their rows into the communes' tabs
 * that exist, where and as a fresh tab has them, without touching anything typed.
 */
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, LAYOUT, monthCol, unitSheetName } from '../../src/engine/sheet/layout';
import * as main from '../../src/gas/main';
import { SHEETS } from '../../src/messages/vi/gas';
import {
  configOf,
  createEnv,
  type Env,
  runAggregate,
  runSetup,
  runTemplates,
  seededMaster,
  seedUnitSheet,
  setSetting,
  unitSheet,
  unitUrls,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const HOTLINE = 'DON_DUONGDAYNONG';
const HOTLINE_LABEL = 'Theo loại: phản ánh qua đường dây nóng';
const HOUSES = 'MTTQ_NHA_DDK';
const HOUSES_LABEL = 'Nhà "Đại đoàn kết" trao cho hộ nghèo';
const OLD_ROWS = indicatorRows(defaultCatalogue());
const LAST_OLD_ROW = Math.max(...OLD_ROWS.values());

/**
 * June: the province adds a type of petition (in the middle of its group) and a new group at the
 * end, and the breakdown by type now counts the new type; a rule on the new group's indicator.
 */
function addIndicators(master: Spreadsheet): void {
  const ind = master.getSheetByName(SHEETS.indicators) as Sheet;
  const values = ind.getDataRange().getValues();
  const code = values[0].indexOf('Mã');
  const after = values.findIndex((r) => r[code] === 'DON_KIENNGHI') + 1;
  const width = values[0].length;
  const row = (cells: string[]) => [...cells, ...Array(width - cells.length).fill('')];
  ind.insertRowsAfter(after, 1);
  ind
    .getRange(after + 1, 1, 1, width)
    .setValues([
      row(['TCD', '', HOTLINE, HOTLINE_LABEL, 'đơn', 'số nguyên', 'cộng dồn', '{n} phản ánh qua đường dây nóng']),
    ]);
  ind
    .getRange(ind.getLastRow() + 1, 1, 1, width)
    .setValues([
      row([
        'MTTQ',
        'Mặt trận Tổ quốc',
        HOUSES,
        HOUSES_LABEL,
        'nhà',
        'số nguyên',
        'cộng dồn',
        'trao {n} "Đại đoàn kết"',
      ]),
    ]);
  const rules = master.getSheetByName(SHEETS.rules) as Sheet;
  const rv = rules.getDataRange().getValues();
  const left = rv[0].indexOf('Vế trái');
  const byType = rv.findIndex((r) => r[0] === 'DON_THEO_LOAI');
  rules.getRange(byType + 1, left + 1).setValue('DON_KHIEUNAI + DON_TOCAO + DON_KIENNGHI + DON_DUONGDAYNONG');
  rules
    .getRange(rv.length + 1, 1, 1, rv[0].length)
    .setValues([
      [
        'MTTQ_NHA',
        HOUSES,
        '<=',
        'HND_SXKDG_DANGKY',
        'cảnh báo',
        'Số nhà "Đại đoàn kết" thường không nhiều hơn số hộ đăng ký',
        'tính là 0',
      ].concat(Array(rv[0].length - 7).fill('')),
    ]);
}

/** Month cells, total and note of each row with a code (indicators and the submission dates), by code. */
function typedByCode(s: Sheet): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const values = s.getDataRange().getValues();
  for (const r of values) if (r[0] && r[0] !== 'Mã') out.set(String(r[0]), r.slice(monthCol(1) - 1, LAYOUT.noteCol));
  return out;
}

/** Everything of a tab below its unit cells, as a fresh tab would have it (not the unit's own cells). */
function layoutOf(s: Sheet) {
  const n = s.getLastRow();
  const table = s.getRange(LAYOUT.headerRow, 1, n - LAYOUT.headerRow + 1, LAYOUT.columns);
  const values = table.getValues();
  const formulas = table.getFormulas();
  const fixed = [LAYOUT.codeCol, LAYOUT.numberCol, LAYOUT.labelCol, LAYOUT.unitCol, LAYOUT.totalCol];
  return {
    cells: values.map((r, i) => fixed.map((c) => formulas[i][c - 1] || r[c - 1])),
    formats: table.getNumberFormats(),
    backgrounds: table.getBackgrounds(),
    weights: table.getFontWeights(),
    validations: table
      .getDataValidations()
      .map((r) => r.map((v) => (v ? [String(v.getCriteriaType()), v.getHelpText(), v.getAllowInvalid()] : null))),
    highlights: s
      .getConditionalFormatRules()
      .map((r) => [r.getBooleanCondition()?.getCriteriaValues()[0], r.getRanges().map((x) => x.getA1Notation())])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    structure: s
      .getProtections(SpreadsheetApp.ProtectionType.RANGE)
      .filter((p) => !p.getDescription().startsWith('Đã nộp'))
      .map((p) => p.getRange().getA1Notation())
      .sort(),
  };
}

function rowOf(s: Sheet, code: string): number {
  return (
    s
      .getRange(1, 1, s.getLastRow(), 1)
      .getValues()
      .findIndex((r) => r[0] === code) + 1
  );
}

describe('Tạo mẫu after indicators were added to "Chỉ tiêu" — layout (a)', () => {
  let env: Env;
  beforeEach(() => {
    env = seededMaster({ api: true, months: 5 });
  });
  afterEach(() => env.dispose());

  test('each tab gets the new rows where a fresh tab has them, the same cells, formats, rules and protections', () => {
    const [fresh, old] = [env.units[0], env.units[1]];
    const s = unitSheet(env, old) as Sheet;
    // A note beside a row below the insertion moves down with its row.
    const note = s.getRange(OLD_ROWS.get('DON_DATDAI') as number, LAYOUT.noteCol);
    note.setValue('2 đơn chuyển huyện');
    const typed = typedByCode(s);
    addIndicators(env.master);
    // A fresh tab to compare with: the first unit's, made again from the new catalogue.
    env.master.deleteSheet(unitSheet(env, fresh) as Sheet);
    env.fake.resetCalls();
    const r = runTemplates(env.fake);
    expect([r?.created, r?.extended, r?.kept]).toEqual([1, 10, 0]);
    const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    // The rule on the petitions by type changed and one was added: the highlighting is redone too.
    expect(alert).toContain(
      'Mẫu năm 2018 — tạo mới 1, giữ nguyên 0, thêm dòng chỉ tiêu mới vào 10 trang, ' +
        'cập nhật tô màu theo quy tắc ở 10 trang.',
    );
    expect(alert).toContain(
      `Xã Huổi Lếch: trang "Huổi Lếch 2018" đã có, giữ nguyên số liệu; đã thêm 2 dòng chỉ tiêu mới: ` +
        `"${HOTLINE_LABEL}" (mã ${HOTLINE}), "${HOUSES_LABEL}" (mã ${HOUSES})`,
    );

    const made = unitSheet(env, fresh) as Sheet;
    expect(layoutOf(s)).toEqual(layoutOf(made));
    // The hotline row right after DON_KIENNGHI; the new group after the last one.
    expect(rowOf(s, HOTLINE)).toBe((OLD_ROWS.get('DON_KIENNGHI') as number) + 1);
    expect(rowOf(s, HOUSES)).toBe(LAST_OLD_ROW + 3);
    expect(s.getRange(LAST_OLD_ROW + 2, LAYOUT.labelCol).getValue()).toBe('Mặt trận Tổ quốc');
    expect(s.getRange(rowOf(s, 'DON_TONG'), LAYOUT.totalCol).getFormula()).toBe(
      `=IF(COUNT(E${rowOf(s, 'DON_TONG')}:P${rowOf(s, 'DON_TONG')})=0,"",SUM(E${rowOf(s, 'DON_TONG')}:P${rowOf(s, 'DON_TONG')}))`,
    );

    // Nothing typed moved away from its indicator; the new rows are empty.
    const after = typedByCode(s);
    for (const [code, cells] of typed) expect([code, after.get(code)]).toEqual([code, cells]);
    expect(after.get(HOTLINE)?.every((v) => v === '')).toBe(true);
    expect(note.getValue()).toBe('');
    expect(s.getRange(rowOf(s, 'DON_DATDAI'), LAYOUT.noteCol).getValue()).toBe('2 đơn chuyển huyện');
    expect(
      after
        .get(LAYOUT.submittedCode)
        ?.slice(0, 5)
        .every((d) => d instanceof Date),
    ).toBe(true);

    // Batched: per tab one insertion per run of new rows, no cell written one by one.
    expect(env.fake.calls.count('Sheet.insertRowsAfter')).toBe(2 * 10);
    expect(env.fake.calls.count('Range.setValue')).toBe(0);

    // Read as before: the same figures, the new rows there (no missing-row warning).
    const summary = runAggregate(env.fake, '5/2018')?.summary;
    expect(summary?.indicators.find((i) => i.code === 'DVK_DANGKY')?.ytd).toBeGreaterThan(0);
    expect(summary?.findings.filter((f) => f.code === 'missing-indicator')).toEqual([]);
    expect(summary?.indicators.find((i) => i.code === HOTLINE)?.period).toBeNull();

    // Run again: nothing more to add.
    env.fake.resetCalls();
    const again = runTemplates(env.fake);
    expect([again?.extended, again?.kept]).toEqual([0, 11]);
    expect(env.fake.calls.count('Sheet.insertRowsAfter')).toBe(0);
  });

  test('a submitted month stays locked on the new rows, and the new rows are typed into and read', () => {
    const u = env.units[2];
    const s = unitSheet(env, u) as Sheet;
    s.getRange(LAYOUT.submittedRow, monthCol(5)).setValue('');
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '5' });
    expect(main.submitMonth()?.ok).toBe(true);
    addIndicators(env.master);
    runTemplates(env.fake);
    const lock = s
      .getProtections(SpreadsheetApp.ProtectionType.RANGE)
      .filter((p) => p.getDescription() === `Đã nộp tháng 5/${YEAR}`);
    expect(lock.map((p) => p.getRange().getA1Notation())).toEqual([
      `${String.fromCharCode(64 + monthCol(5))}${LAYOUT.submittedRow}:${String.fromCharCode(64 + monthCol(5))}${rowOf(s, HOUSES)}`,
    ]);

    s.getRange(rowOf(s, HOTLINE), monthCol(6)).setValue(2);
    s.getRange(rowOf(s, HOUSES), monthCol(6)).setValue(1);
    s.getRange(LAYOUT.submittedRow, monthCol(6)).setValue('16/06/2018');
    const summary = runAggregate(env.fake, '6/2018')?.summary;
    expect(summary?.indicators.find((i) => i.code === HOTLINE)?.period).toBe(2);
    expect(summary?.indicators.find((i) => i.code === HOUSES)?.period).toBe(1);
  });

  test('a tab whose columns were changed is not changed: its missing rows are named', () => {
    addIndicators(env.master);
    const s = unitSheet(env, env.units[3]) as Sheet;
    s.insertColumnsBefore(monthCol(1), 1);
    const before = s.getDataRange().getValues();
    const r = runTemplates(env.fake);
    expect([r?.extended, r?.notExtended]).toEqual([10, 1]);
    expect(s.getDataRange().getValues()).toEqual(before);
    const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
    expect(alert).toContain(
      'thêm dòng chỉ tiêu mới vào 10 trang, 1 trang chưa thêm được dòng chỉ tiêu mới, ' +
        'cập nhật tô màu theo quy tắc ở 10 trang.',
    );
    expect(alert).toContain(
      `Xã Mường Nhé: trang "${unitSheetName(env.units[3], YEAR)}" chưa có dòng cho 2 chỉ tiêu mới (` +
        `"${HOTLINE_LABEL}" (mã ${HOTLINE}), "${HOUSES_LABEL}" (mã ${HOUSES})), nhưng các cột của trang đã bị sửa`,
    );
  });

  test('last year’s tabs are left as they were', () => {
    runTemplates(env.fake, YEAR - 1);
    addIndicators(env.master);
    const old = unitSheet(env, env.units[0], YEAR - 1) as Sheet;
    const before = old.getDataRange().getValues();
    runTemplates(env.fake);
    expect(old.getDataRange().getValues()).toEqual(before);
    expect(configOf(env.master).catalogue.indicators.some((i) => i.code === HOTLINE)).toBe(true);
  });
});

/** Rows of "Chỉ tiêu" (cells from column A) inserted after the row of indicator `after`. */
function insertIndicators(master: Spreadsheet, after: string, rows: string[][]): void {
  const ind = master.getSheetByName(SHEETS.indicators) as Sheet;
  const values = ind.getDataRange().getValues();
  const at = values.findIndex((r) => r[values[0].indexOf('Mã')] === after) + 1;
  const width = values[0].length;
  ind.insertRowsAfter(at, rows.length);
  ind.getRange(at + 1, 1, rows.length, width).setValues(rows.map((r) => [...r, ...Array(width - r.length).fill('')]));
}

/** A rule appended to "Quy tắc" (cells from column A). */
function addRule(master: Spreadsheet, cells: string[]): void {
  const rules = master.getSheetByName(SHEETS.rules) as Sheet;
  const width = rules.getLastColumn();
  rules.getRange(rules.getLastRow() + 1, 1, 1, width).setValues([[...cells, ...Array(width - cells.length).fill('')]]);
}

describe('Tạo mẫu after a group was added in the middle of "Chỉ tiêu"', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('its group row and numeral come where a fresh tab has them, the later groups renumbered', () => {
    env = createEnv();
    runSetup();
    runTemplates(env.fake);
    const s = unitSheet(env, env.units[1]) as Sheet;
    insertIndicators(env.master, 'LDLD_MAIAM_GIATRI', [
      ['CCB', 'Hội Cựu chiến binh', 'CCB_HOIVIEN_MOI', 'Hội viên mới kết nạp', 'người', 'số nguyên', 'cộng dồn', '{n}'],
      ['CCB', '', 'CCB_GIUP_NHAU', 'Hội viên giúp nhau làm kinh tế', 'lượt', 'số nguyên', 'cộng dồn', '{n}'],
    ]);
    env.master.deleteSheet(unitSheet(env, env.units[0]) as Sheet);
    const r = runTemplates(env.fake);
    expect([r?.created, r?.extended]).toEqual([1, 10]);
    expect(layoutOf(s)).toEqual(layoutOf(unitSheet(env, env.units[0]) as Sheet));
    const numerals = s
      .getRange(1, LAYOUT.numberCol, s.getLastRow(), 2)
      .getValues()
      .filter((x) => typeof x[0] === 'string' && /^[IVX]+$/.test(x[0]));
    expect(numerals.map((x) => x.join(' '))).toEqual([
      'I Phong trào thi đua "Dân vận khéo"',
      'II Hội Nông dân',
      'III Đoàn Thanh niên',
      'IV Liên đoàn Lao động',
      'V Hội Cựu chiến binh',
      'VI Tiếp công dân, tiếp nhận và giải quyết đơn thư',
      'VII Khó khăn, kiến nghị',
    ]);
  });
});

describe('"Nộp báo cáo tháng…" on a tab made before a rule’s indicators were added', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('no rule error the commune cannot fix; once the rows are there, the rule is checked', () => {
    env = createEnv();
    runSetup();
    runTemplates(env.fake);
    const s = unitSheet(env, env.units[0]) as Sheet;
    seedUnitSheet(s, 0, 5);
    s.getRange(LAYOUT.submittedRow, monthCol(5)).setValue('');
    // Petitions by channel must add up to the total, an empty one counted as 0.
    insertIndicators(env.master, 'DON_KIENNGHI', [
      [
        'TCD',
        '',
        'DON_TRUCTIEP',
        'Theo cách nhận: trực tiếp',
        'đơn',
        'số nguyên',
        'cộng dồn',
        '{n} đơn nhận trực tiếp',
      ],
      [
        'TCD',
        '',
        'DON_BUUDIEN',
        'Theo cách nhận: qua bưu điện',
        'đơn',
        'số nguyên',
        'cộng dồn',
        '{n} đơn qua bưu điện',
      ],
    ]);
    addRule(env.master, [
      'DON_THEO_CACH_NHAN',
      'DON_TRUCTIEP + DON_BUUDIEN',
      '=',
      'DON_TONG',
      'lỗi',
      'Đơn nhận trực tiếp và qua bưu điện phải bằng tổng số đơn',
      'tính là 0',
    ]);
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '5' });
    expect(main.submitMonth()?.ok).toBe(true);

    runTemplates(env.fake);
    s.getRange(rowOf(s, 'DON_TONG'), monthCol(6)).setValue(2);
    env.master.setActiveSheet(s);
    env.fake.ui.queuePromptResponse({ text: '6' });
    const r = main.submitMonth();
    expect(r?.ok).toBe(false);
    expect(env.fake.ui.alerts.at(-1)?.prompt).toContain(
      'Đơn nhận trực tiếp và qua bưu điện phải bằng tổng số đơn — đang ghi ô J40 + J41 = 0, ô J36 = 2',
    );
  });
});

describe('Tạo mẫu after indicators were added to "Chỉ tiêu" — layout (b)', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('the tabs of the units’ own spreadsheets get the rows too', () => {
    env = createEnv();
    runSetup();
    setSetting(env.master, 'separateSpreadsheets', 'có');
    runTemplates(env.fake);
    const urls = unitUrls(env.master);
    env.units.forEach((u, i) => {
      seedUnitSheet(unitSheet(env, u, YEAR, urls[u.code]) as Sheet, i, 5);
    });
    const s = unitSheet(env, env.units[4], YEAR, urls[env.units[4].code]) as Sheet;
    const typed = typedByCode(s);
    addIndicators(env.master);
    const r = runTemplates(env.fake);
    expect([r?.created, r?.extended]).toEqual([0, 11]);
    expect(rowOf(s, HOTLINE)).toBe((OLD_ROWS.get('DON_KIENNGHI') as number) + 1);
    const after = typedByCode(s);
    for (const [code, cells] of typed) expect([code, after.get(code)]).toEqual([code, cells]);
    expect(env.fake.ui.alerts.at(-1)?.prompt).toContain(
      `Xã Mường Toong: trang "${unitSheetName(env.units[4], YEAR)}" đã có, giữ nguyên số liệu; đã thêm 2 dòng`,
    );
  });
});
