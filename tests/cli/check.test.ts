/**
 * `tonghop` as a child process (node bin/tonghop.js): usage, help, exit codes, template,
 * check — on real .xlsx files written by exceljs and one saved by LibreOffice.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readWorkbookFile } from '../../src/cli/xlsx/read';
import { writeXlsx } from '../../src/cli/xlsx/write';
import type { CellModel } from '../../src/engine/report/model';
import { a1, indicatorRows, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { DEFAULT_LEVEL } from '../../src/engine/text/level';
import { checkWorkbooks } from '../../src/engine/validation/check';
import { buildCli, catalogue, communeSheet, demoYear, FIXTURES, runCli, tmpDir, units, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

const NO_STACK = /\n\s+at .+\(.*:\d+:\d+\)/;

describe('usage and help', () => {
  test('--help lists the commands and the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['template', 'check', 'aggregate', 'report', 'demo']) expect(r.stdout).toContain(c);
    expect(r.stdout).toContain('Mã thoát');
    // `report` takes any period, not only a month.
    expect(r.stdout).toMatch(/report\s+soạn e-mail báo cáo một kỳ \(tháng, quý, năm…/);
  });

  test.each(['template', 'check', 'aggregate', 'report', 'demo'])('%s --help', async (cmd) => {
    const r = await runCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Cách dùng: tonghop /);
  });

  test.each([
    [[], /Thiếu tên lệnh/],
    [['tong-hop'], /Không có lệnh "tong-hop"\. Có phải ý bạn là: tonghop aggregate\?/],
    [['tổng-hợp'], /Không có lệnh "tổng-hợp"\. Có phải ý bạn là: tonghop aggregate\?/],
    [['agregate'], /Có phải ý bạn là: tonghop aggregate\?/],
    [['chekc'], /Có phải ý bạn là: tonghop check\?/],
    [['xyz'], /^Không có lệnh "xyz"\. Xem danh sách lệnh/],
    [['check', '--khong-co'], /^Tùy chọn không hợp lệ: --khong-co\. Xem hướng dẫn/],
    [['aggregate', '--peroid', '2018-09', 'x'], /Tùy chọn không hợp lệ: --peroid\. Có phải ý bạn là --period\?/],
    [['aggregate', '--period', '2018-13', 'x'], /Kỳ báo cáo không hợp lệ: "2018-13"/],
    [['template', '--out', 'x'], /Thiếu tùy chọn bắt buộc --year/],
    [['template', '--year', '18', '--out', 'x'], /Năm không hợp lệ/],
    [['check'], /Chưa chỉ ra tệp hoặc thư mục/],
    [['check', '--catalogue', 'khong-co.json', 'x'], /Không đọc được tệp .*khong-co\.json/],
  ])('usage error %j → exit 2, Vietnamese message, no stack trace', async (args, message) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('an invalid catalogue file is reported in Vietnamese (exit 2)', async () => {
    const dir = tmpDir();
    fs.writeFileSync(
      path.join(dir, 'cat.json'),
      JSON.stringify({ version: 1, title: 'x', groups: [], indicators: [] }),
    );
    const r = await runCli(['check', '--catalogue', path.join(dir, 'cat.json'), dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cat\.json có lỗi/);
  });
});

describe('template', () => {
  test('one blank workbook per unit, named <unit-code>-<year>.xlsx', async () => {
    const dir = tmpDir();
    const r = await runCli(['template', '--year', '2018', '--out', dir]);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(units.map((u) => `${u.code}-2018.xlsx`).sort());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'pa-my-2018.xlsx'));
    expect(wb.worksheets[0].name).toBe('Pá Mỳ 2018');
    expect(wb.worksheets[0].getCell(LAYOUT.unitCodeRow, LAYOUT.valueCol).value).toBe('pa-my');
  });

  test('never overwrites an existing (maybe filled-in) workbook unless --force', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'nam-ke-2018.xlsx');
    fs.writeFileSync(file, 'số liệu đã điền');
    const r = await runCli(['template', '--year', '2018', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Bỏ qua \(đã có tệp.*nam-ke-2018\.xlsx/);
    expect(fs.readFileSync(file, 'utf8')).toBe('số liệu đã điền');
    expect(r.stdout).toMatch(/Đã tạo 10 mẫu/);
    await runCli(['template', '--year', '2018', '--out', dir, '--force', '--unit', 'nam-ke']);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
  });

  test('--unit limits the units; an unknown unit is a usage error', async () => {
    const dir = tmpDir();
    expect((await runCli(['template', '--year', '2019', '--out', dir, '--unit', 'nam-ke'])).code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['nam-ke-2019.xlsx']);
    const bad = await runCli(['template', '--year', '2019', '--out', dir, '--unit', 'khong-co']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Không có đơn vị mã "khong-co"/);
  });

  test('a filled-in template passes check', async () => {
    const dir = tmpDir();
    await runCli(['template', '--year', '2018', '--out', dir, '--unit', 'sin-thau']);
    const file = path.join(dir, 'sin-thau-2018.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    const rows = indicatorRows(catalogue);
    ws.getCell(rows.get('TCD_LUOT')!, monthCol(9)).value = 3;
    ws.getCell(rows.get('TCD_NGUOI')!, monthCol(9)).value = 4;
    ws.getCell(LAYOUT.submittedRow, monthCol(9)).value = new Date(Date.UTC(2018, 8, 17));
    await wb.xlsx.writeFile(file);
    const r = await runCli(['check', dir]);
    expect(r.stdout).toMatch(/0 lỗi/);
    expect(r.code).toBe(0);
  });
});

describe('check', () => {
  test('"abc" in a number cell: exit 1 and the message names the cell', async () => {
    const dir = tmpDir();
    await writeCommune(dir, 'chung-chai', 2018, { 'DON_TONG:9': 'abc' });
    const cell = a1(indicatorRows(catalogue).get('DON_TONG')!, monthCol(9));
    const r = await runCli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^LỖI: .*Chung Chải.*ô ${cell}.*"abc"`, 'm'));
    expect(r.stdout).toMatch(/Đã kiểm tra 1 tệp, 1 báo cáo: [1-9]\d* lỗi/);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('--json prints the findings as JSON, same exit code', async () => {
    const dir = tmpDir();
    await writeCommune(dir, 'nam-vi', 2018, { 'DTN_QUA:3': '-3' });
    const r = await runCli(['check', '--json', dir]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.files).toBe(1);
    expect(json.reports).toEqual([expect.objectContaining({ unitCode: 'nam-vi', year: 2018 })]);
    const cell = a1(indicatorRows(catalogue).get('DTN_QUA')!, monthCol(3));
    expect(json.findings).toContainEqual(
      expect.objectContaining({ severity: 'error', cell, indicatorCode: 'DTN_QUA', month: 3, unitCode: 'nam-vi' }),
    );
  });

  test('clean workbooks of both years: exit 0; --year narrows to one year', async () => {
    const dir = tmpDir();
    await writeCommune(dir, 'muong-toong', 2018);
    await writeCommune(dir, 'muong-toong', 2017);
    const r = await runCli(['check', dir]);
    expect(r.stdout).toMatch(/Đã kiểm tra 2 tệp, 2 báo cáo: 0 lỗi/);
    expect(r.code).toBe(0);
    const y = await runCli(['check', '--json', '--year', '2018', dir]);
    expect(JSON.parse(y.stdout).errors).toBe(0);
  });

  test('unreadable files are named, the others still checked (exit 1); none readable → exit 3', async () => {
    const dir = tmpDir();
    await writeCommune(dir, 'huoi-lech', 2018);
    fs.writeFileSync(path.join(dir, 'doi-ten.xlsx'), 'Tôi là tệp văn bản bị đổi tên');
    const good = fs.readFileSync(path.join(dir, 'huoi-lech-2018.xlsx'));
    fs.writeFileSync(path.join(dir, 'cat-cut.xlsx'), good.subarray(0, 3000));
    fs.writeFileSync(path.join(dir, '~$huoi-lech-2018.xlsx'), 'khóa của Excel'); // lock file: skipped
    fs.writeFileSync(path.join(dir, 'pa-my-2018.xls'), 'Excel 97'); // other format: named, not read
    const r = await runCli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/LỖI: Tệp doi-ten\.xlsx|LỖI: Tệp .*doi-ten\.xlsx không phải tệp Excel/);
    expect(r.stdout).toMatch(/cat-cut\.xlsx bị hỏng hoặc chưa tải về hết/);
    expect(r.stdout).not.toMatch(/~\$/);
    expect(r.stdout).toMatch(/CẢNH BÁO: Tệp \S*pa-my-2018\.xls không phải dạng \.xlsx/);
    expect(r.stdout).toMatch(/Đã kiểm tra 3 tệp, 1 báo cáo/);
    expect(r.stderr).not.toMatch(NO_STACK);

    const only = tmpDir();
    fs.writeFileSync(path.join(only, 'a.xlsx'), 'x');
    const none = await runCli(['check', only]);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/Không đọc được tệp báo cáo nào/);
  });

  test('missing path or a folder without .xlsx → exit 3', async () => {
    const missing = await runCli(['check', 'khong-co-thu-muc']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/Không tìm thấy tệp hoặc thư mục: khong-co-thu-muc/);
    const empty = await runCli(['check', tmpDir()]);
    expect(empty.code).toBe(3);
    expect(empty.stderr).toMatch(/Không tìm thấy tệp \.xlsx nào/);
  });

  test('reordered rows, a blank row, an extra column and an extra sheet read the same numbers', async () => {
    const dir = tmpDir();
    const sheet = communeSheet('quang-lam', 2018);
    const first = LAYOUT.firstIndicatorRow - 1; // 0-based index of the first group row
    const head = sheet.rows.slice(0, first);
    const body = sheet.rows.slice(first);
    const reordered = [...body].reverse();
    reordered.splice(5, 0, []); // a blank row
    const withNote = (r: (CellModel | null)[]) => [
      ...r,
      ...Array(Math.max(0, 18 - r.length)).fill(null),
      { v: 'ghi chú thêm' },
    ];
    sheet.rows = [...head, ...reordered.map((r) => (r.length ? withNote(r) : r))];
    sheet.merges = [];
    sheet.validations = [];
    sheet.conditionals = [];
    sheet.editable = [];
    const guide = { ...sheet, name: 'Hướng dẫn', rows: [[{ v: 'Điền số liệu vào trang bên cạnh.' }]] };
    const file = path.join(dir, 'quang-lam-2018.xlsx');
    await writeXlsx({ sheets: [guide, sheet] }, file);

    const read = await readWorkbookFile(file, 'quang-lam-2018.xlsx');
    const result = checkWorkbooks([read.workbook!], { level: DEFAULT_LEVEL, catalogue, units, year: 2018 });
    expect(result.reports).toHaveLength(1);
    const expected = demoYear(2018).units['quang-lam'];
    for (const [code, values] of Object.entries(expected.values))
      expect(result.reports[0].values[code]).toEqual(values);
    expect(result.reports[0].submitted).toEqual(expected.submitted);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);

    const r = await runCli(['check', dir]);
    expect(r.code).toBe(0);
  });

  test('the LibreOffice-saved fixture reads the same numbers and dates as the data it was made from', async () => {
    const file = path.join(FIXTURES, 'libreoffice/chung-chai-2018.xlsx');
    const read = await readWorkbookFile(file, 'chung-chai-2018.xlsx');
    const result = checkWorkbooks([read.workbook!], { level: DEFAULT_LEVEL, catalogue, units, year: 2018 });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // Made before the catalogue reworded DTN_KETNAP_DANG's unit ("người" → "đoàn viên"): named, still counted.
    expect(result.findings.map((f) => [f.severity, f.code, f.cell])).toEqual([['warning', 'measure-renamed', 'D21']]);
    const expected = demoYear(2018).units['chung-chai'];
    const report = result.reports[0];
    expect(report.unitCode).toBe('chung-chai');
    for (const [code, values] of Object.entries(expected.values)) expect(report.values[code]).toEqual(values);
    expect(report.submitted).toEqual(expected.submitted);
    expect(report.notes.GHI_CHU).toEqual(expected.notes.GHI_CHU);

    const r = await runCli(['check', path.join(FIXTURES, 'libreoffice')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 báo cáo: 0 lỗi/);
  });
});

describe('unexpected errors', () => {
  test('exit 70 with "Lỗi không mong đợi" and no stack unless TONGHOP_DEBUG=1', async () => {
    const { main } = await import('../../src/cli/main');
    const out: string[] = [];
    const broken = {
      stdout: {
        write: () => {
          throw new Error('đĩa hỏng');
        },
      },
      stderr: { write: (s: string) => out.push(s) },
      env: {},
      cwd: process.cwd(),
    };
    expect(await main(['--help'], broken)).toBe(70);
    expect(out.join('')).toMatch(/^Lỗi không mong đợi: đĩa hỏng/);
    expect(out.join('')).not.toMatch(NO_STACK);
    out.length = 0;
    expect(await main(['--help'], { ...broken, env: { TONGHOP_DEBUG: '1' } })).toBe(70);
    expect(out.join('')).toMatch(NO_STACK);
  });
});

describe('check and submission dates', () => {
  /** Excel serial day of an ISO date. */
  const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86400000;

  test('a date before its month closes, or after today, is named by its cell; an undated month is not', async () => {
    const dir = tmpDir();
    const sheet = communeSheet('nam-vi', 2018);
    const date = (m: number, iso: string | null) => {
      sheet.rows[LAYOUT.submittedRow - 1][monthCol(m) - 1] = iso === null ? null : { v: serial(iso), s: 'date' };
    };
    date(7, '2018-07-03'); // July's report dated before July's data window closes
    date(8, '2018-10-01'); // after TONGHOP_NOW (20/09/2018)
    date(9, null); // September typed, not yet submitted: a commune checks before it submits
    await writeXlsx({ sheets: [sheet] }, path.join(dir, 'nam-vi-2018.xlsx'));
    const r = await runCli(['check', '--json', dir]);
    const found = JSON.parse(r.stdout).findings as { code: string; cell?: string; severity: string; message: string }[];
    const dates = found.filter((f) => f.code.startsWith('submitted-') || f.code === 'undated-month');
    expect(dates.map((f) => [f.severity, f.code, f.cell])).toEqual([
      ['warning', 'submitted-before-period-end', a1(LAYOUT.submittedRow, monthCol(7))],
      ['warning', 'submitted-after-run', a1(LAYOUT.submittedRow, monthCol(8))],
    ]);
    expect(dates[1].message).toContain('01/10/2018');
  });
});
