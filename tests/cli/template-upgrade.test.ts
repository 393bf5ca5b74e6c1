/**
 * `tonghop template` on commune workbooks that exist, after indicators were added to the catalogue
 * mid-year: the rows are inserted in place (where and as a fresh workbook has them), nothing typed
 * moves away from its indicator, a complete file is not rewritten, a file the tool cannot map is left
 * as it was and named with the reason, and --force still replaces the file with a blank template.
 * After the catalogue's rules changed, a file that has every row gets the current rules'
 * highlighting (and nothing else), and only then.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import catalogueJson from '../../sheets-templates/catalogue.json';
import { readWorkbookBuffer } from '../../src/cli/xlsx/read';
import { toXlsxBuffer } from '../../src/cli/xlsx/write';
import { localName, parseXml, serializeXml } from '../../src/cli/xlsx/xml';
import { parseCatalogue } from '../../src/engine/catalogue/schema';
import { buildUnitSheet, indicatorRows, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { readWorkbook } from '../../src/engine/sheet/read';
import { DEFAULT_LEVEL } from '../../src/engine/text/level';
import type { Catalogue, UnitYear } from '../../src/engine/types';
import { hasRow } from '../../src/engine/validation/presence';
import { buildCli, catalogue, FIXTURES, runCli, runCliAsNobody, tmpDir, unit, units, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

const HOTLINE = 'DON_DUONGDAYNONG';
const HOUSES = 'MTTQ_NHA_DDK';

/** The shipped catalogue with a type of petition added inside its group and a new group at the end. */
function extendedJson() {
  const json = JSON.parse(JSON.stringify(catalogueJson));
  const at = json.indicators.findIndex((i: { code: string }) => i.code === 'DON_KIENNGHI') + 1;
  const count = { kind: 'count', overMonths: 'sum', overUnits: 'sum' };
  json.indicators.splice(at, 0, {
    group: 'TCD',
    code: HOTLINE,
    label: 'Theo loại: phản ánh qua đường dây nóng',
    unit: 'đơn',
    ...count,
    phrase: '{n} phản ánh qua đường dây nóng',
  });
  json.groups.push({ code: 'MTTQ', label: 'Mặt trận Tổ quốc' });
  json.indicators.push({
    group: 'MTTQ',
    code: HOUSES,
    label: 'Nhà "Đại đoàn kết" trao cho hộ nghèo',
    unit: 'nhà',
    ...count,
    phrase: 'trao {n} nhà "Đại đoàn kết"',
  });
  return json;
}

const extended: Catalogue = (() => {
  const r = parseCatalogue(extendedJson());
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
})();

function writeCatalogue(dir: string): string {
  const file = path.join(dir, 'chi-tieu-moi.json');
  fs.writeFileSync(file, JSON.stringify(extendedJson()));
  return file;
}

async function reportIn(file: string, cat: Catalogue, code: string): Promise<UnitYear> {
  const read = await readWorkbookBuffer(fs.readFileSync(file), path.basename(file));
  const reports = readWorkbook(read.workbook!, { level: DEFAULT_LEVEL, catalogue: cat, units, year: 2018 }).reports;
  const r = reports.find((x) => x.unitCode === code);
  if (!r) throw new Error(`no report of ${code} in ${file}`);
  return r;
}

/** The table of a workbook's first sheet as a fresh one would have it (not the month figures). */
async function layoutOf(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const dvs = (ws as unknown as { dataValidations: { model: Record<string, { type: string }> } }).dataValidations.model;
  const rows: unknown[][] = [];
  for (let r = LAYOUT.headerRow; r <= ws.rowCount; r++) {
    const cell = (c: number) => ws.getCell(r, c);
    rows.push([
      r,
      ...[LAYOUT.codeCol, LAYOUT.numberCol, LAYOUT.labelCol, LAYOUT.unitCol].map((c) => cell(c).value ?? null),
      cell(LAYOUT.totalCol).formula ?? null,
      dvs[cell(monthCol(1)).address]?.type ?? null,
      dvs[cell(monthCol(12)).address]?.type ?? null,
      cell(monthCol(1)).protection?.locked ?? true,
      cell(LAYOUT.noteCol).protection?.locked ?? true,
      cell(LAYOUT.codeCol).protection?.locked ?? true,
      cell(monthCol(1)).numFmt ?? null,
    ]);
  }
  const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] })
    .conditionalFormattings;
  const highlights = cf.flatMap((c) => c.rules.map((r) => `${c.ref} ${r.formulae[0]}`)).sort();
  return { rows, highlights };
}

function unchanged(file: string): () => void {
  const bytes = fs.readFileSync(file);
  const mtime = fs.statSync(file).mtimeMs;
  return () => {
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  };
}

describe('template on workbooks that exist, after indicators were added', () => {
  test('rows are inserted where a fresh workbook has them; every figure reads back the same; run again: nothing to do', async () => {
    const dir = tmpDir('tonghop-upgrade-');
    const cat = writeCatalogue(dir);
    const out = path.join(dir, 'xa');
    fs.mkdirSync(out);
    // One written by this tool with the demo's figures, one saved by LibreOffice Calc.
    const mine = await writeCommune(out, 'nam-ke', 2018);
    const calc = path.join(out, 'chung-chai-2018.xlsx');
    fs.copyFileSync(path.join(FIXTURES, 'libreoffice/chung-chai-2018.xlsx'), calc);
    // Kept from other users of the machine: the rewritten file and its backup stay so.
    fs.chmodSync(mine, 0o640);
    const originals = new Map([mine, calc].map((f) => [f, fs.readFileSync(f)]));
    const before = new Map([
      ['nam-ke', await reportIn(mine, catalogue, 'nam-ke')],
      ['chung-chai', await reportIn(calc, catalogue, 'chung-chai')],
    ]);

    const r = await runCli(['template', '--year', '2018', '--out', out, '--catalogue', cat], { cwd: dir });
    expect(r.code).toBe(0);
    for (const name of ['nam-ke-2018.xlsx', 'chung-chai-2018.xlsx'])
      expect(r.stdout).toMatch(
        new RegExp(
          `^Đã thêm 2 dòng chỉ tiêu mới vào xa/${name} \\(trang ".+ 2018"\\), số liệu đã điền giữ nguyên: ` +
            `"Theo loại: phản ánh qua đường dây nóng" \\(mã ${HOTLINE}\\), .*\\(mã ${HOUSES}\\)\\. ` +
            `Bản trước khi thêm: xa/${name}\\.bak$`,
          'm',
        ),
      );
    expect(r.stdout).toMatch(/Đã tạo 9 mẫu báo cáo trong xa; thêm dòng chỉ tiêu mới vào 2 tệp$/m);
    // The file as it was, beside it; not an .xlsx, so check/aggregate do not read it as a second report.
    for (const [file, bytes] of originals) expect(fs.readFileSync(`${file}.bak`).equals(bytes)).toBe(true);
    for (const f of [mine, `${mine}.bak`]) expect(fs.statSync(f).mode & 0o777).toBe(0o640);

    const rows = indicatorRows(extended);
    for (const [code, file] of [
      ['nam-ke', mine],
      ['chung-chai', calc],
    ] as const) {
      const old = before.get(code)!;
      const now = await reportIn(file, extended, code);
      expect(now.submitted).toEqual(old.submitted);
      for (const ind of catalogue.indicators) {
        expect([ind.code, now.values[ind.code], now.notes[ind.code]]).toEqual([
          ind.code,
          old.values[ind.code],
          old.notes[ind.code],
        ]);
        // Where a fresh sheet has it.
        expect([ind.code, now.cells[ind.code][0]]).toEqual([ind.code, `E${rows.get(ind.code)}`]);
      }
      for (const c of [HOTLINE, HOUSES]) {
        expect(hasRow(now, c)).toBe(true);
        expect(now.values[c].every((v) => v === null)).toBe(true);
        expect(now.cells[c][0]).toBe(`E${rows.get(c)}`);
      }
    }
    // Codes, STT, labels, year totals, validation, unlocked month and note cells, highlighting: a fresh sheet's.
    const fresh = await toXlsxBuffer({ sheets: [buildUnitSheet(unit('nam-ke'), 2018, extended)] });
    expect(await layoutOf(fs.readFileSync(mine))).toEqual(await layoutOf(fresh));

    const check = await runCli(['check', '--json', '--catalogue', cat, out], { cwd: dir });
    const findings = JSON.parse(check.stdout).findings as { code: string }[];
    expect(findings.filter((f) => f.code === 'missing-indicator')).toEqual([]);
    // The backups are not read as second reports of the communes.
    expect(findings.filter((f) => f.code === 'duplicate-unit')).toEqual([]);

    const keep = [mine, calc].map(unchanged);
    const again = await runCli(['template', '--year', '2018', '--out', out, '--catalogue', cat], { cwd: dir });
    expect(again.stdout).toMatch(/^Không thay đổi: xa\/nam-ke-2018\.xlsx \(đã có dòng cho mọi chỉ tiêu\)\.$/m);
    expect(again.stdout).toMatch(/Đã tạo 0 mẫu báo cáo trong xa; 11 tệp không thay đổi$/m);
    for (const k of keep) k();
  }, 120_000);

  test('the rules’ highlighting is replaced, a user’s own look-alike rule is kept; a LibreOffice file gets no double highlighting', async () => {
    const dir = tmpDir('tonghop-upgrade-cf-');
    const cat = writeCatalogue(dir);
    const mine = await writeCommune(dir, 'muong-toong', 2018);
    const calc = path.join(dir, 'chung-chai-2018.xlsx');
    fs.copyFileSync(path.join(FIXTURES, 'libreoffice/chung-chai-2018.xlsx'), calc);
    const r0 = indicatorRows(catalogue).get('DON_KHAC')!;
    // Shaped like the add-on's rule highlighting (the prefix the upgrade once went by) but the commune's own.
    const own = (r: number) => `AND(COUNT(E${r}:P${r})>0,NOT(SUM(E${r}:P${r})<100))`;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(mine);
    wb.worksheets[0].addConditionalFormatting({
      ref: `E${r0}:P${r0}`,
      rules: [
        {
          type: 'expression',
          priority: 1,
          formulae: [own(r0)],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFFF00' } } },
        },
      ],
    });
    await wb.xlsx.writeFile(mine);

    const r = await runCli(['template', '--year', '2018', '--out', dir, '--catalogue', cat]);
    expect(r.stdout).toMatch(/thêm dòng chỉ tiêu mới vào 2 tệp$/m);
    const r1 = indicatorRows(extended).get('DON_KHAC')!;
    const freshOf = async (code: string) =>
      (await layoutOf(await toXlsxBuffer({ sheets: [buildUnitSheet(unit(code), 2018, extended)] }))).highlights;
    expect((await layoutOf(fs.readFileSync(mine))).highlights).toEqual(
      [...(await freshOf('muong-toong')), `E${r1}:P${r1} ${own(r1)}`].sort(),
    );
    expect((await layoutOf(fs.readFileSync(calc))).highlights).toEqual(await freshOf('chung-chai'));
  }, 120_000);

  test('a workbook that has every row is not rewritten (same bytes, same time)', async () => {
    const dir = tmpDir('tonghop-upgrade-same-');
    const file = await writeCommune(dir, 'pa-my', 2018);
    const keep = unchanged(file);
    const r = await runCli(['template', '--year', '2018', '--out', dir, '--unit', 'pa-my']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Không thay đổi: ${file} (đã có dòng cho mọi chỉ tiêu).`);
    expect(r.stdout).toMatch(/Đã tạo 0 mẫu báo cáo trong .*; 1 tệp không thay đổi$/m);
    keep();
    expect(fs.readdirSync(dir)).toEqual(['pa-my-2018.xlsx']);
  });

  test('a workbook with every row but a column inserted: not rewritten, and the line says its highlighting was not looked at', async () => {
    const dir = tmpDir('tonghop-upgrade-cols-');
    const file = await writeCommune(dir, 'pa-my', 2018);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.worksheets[0].spliceColumns(monthCol(1), 0, []);
    wb.worksheets[0].getCell(LAYOUT.headerRow, monthCol(1)).value = 'Kế hoạch';
    await wb.xlsx.writeFile(file);
    const keep = unchanged(file);
    const r = await runCli(['template', '--year', '2018', '--out', dir, '--unit', 'pa-my']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Không thay đổi: ${file} (đã có dòng cho mọi chỉ tiêu; cột của trang "Pá Mỳ 2018" đã bị sửa nên tô màu theo quy tắc được giữ như cũ).`,
    );
    keep();
  });

  test('a workbook the tool cannot map is left as it was and named with the reason and the rows it lacks', async () => {
    const dir = tmpDir('tonghop-upgrade-kept-');
    const cat = writeCatalogue(dir);
    // A column inserted before T1: the month cells are no longer where the layout has them.
    const moved = await writeCommune(dir, 'nam-vi', 2018);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(moved);
    wb.worksheets[0].spliceColumns(monthCol(1), 0, []);
    wb.worksheets[0].getCell(LAYOUT.headerRow, monthCol(1)).value = 'Kế hoạch';
    await wb.xlsx.writeFile(moved);
    // A table (Excel's "Format as Table") beside the report: its rows would not follow.
    const table = await writeCommune(dir, 'sen-thuong', 2018);
    const wt = new ExcelJS.Workbook();
    await wt.xlsx.readFile(table);
    wt.worksheets[0].addTable({
      name: 'GhiChep',
      ref: 'T8',
      columns: [{ name: 'Việc' }, { name: 'Người' }],
      rows: [
        ['Họp dân', 'Lò Văn A'],
        ['Thăm hộ', 'Lò Thị B'],
      ],
    });
    await wt.xlsx.writeFile(table);
    // Not a report at all.
    const other = path.join(dir, 'pa-my-2018.xlsx');
    const wo = new ExcelJS.Workbook();
    wo.addWorksheet('Ghi chép').getCell('A1').value = 'Danh sách cán bộ';
    await wo.xlsx.writeFile(other);
    const keep = [moved, table, other].map(unchanged);

    const r = await runCli(['template', '--year', '2018', '--out', dir, '--catalogue', cat]);
    expect(r.code).toBe(0);
    const missing =
      `Còn thiếu dòng cho 2 chỉ tiêu: "Theo loại: phản ánh qua đường dây nóng" \\(mã ${HOTLINE}\\), ` +
      `"Nhà "Đại đoàn kết" trao cho hộ nghèo" \\(mã ${HOUSES}\\); hãy thêm tay`;
    expect(r.stdout).toMatch(
      new RegExp(
        `^Bỏ qua \\(đã có tệp, giữ nguyên\\): .*nam-vi-2018\\.xlsx — các cột của trang "Nậm Vì 2018" đã bị sửa.*${missing}`,
        'm',
      ),
    );
    expect(r.stdout).toMatch(
      new RegExp(
        `^Bỏ qua \\(đã có tệp, giữ nguyên\\): .*sen-thuong-2018\\.xlsx — trang "Sen Thượng 2018" có bảng \\(Table\\).*${missing}`,
        'm',
      ),
    );
    expect(r.stdout).toMatch(
      /^Bỏ qua \(đã có tệp, giữ nguyên\): .*pa-my-2018\.xlsx — tệp không có trang báo cáo nào của Xã Pá Mỳ năm 2018/m,
    );
    expect(r.stdout).toMatch(/Đã tạo 8 mẫu báo cáo trong .*; 3 tệp giữ nguyên \(xem lý do ở trên\)$/m);
    for (const k of keep) k();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  test('a workbook the user may not write is kept and named, the others are completed; exit 2', async () => {
    const dir = tmpDir('tonghop-upgrade-readonly-');
    const cat = writeCatalogue(dir);
    const out = path.join(dir, 'xa');
    fs.mkdirSync(out);
    const locked = await writeCommune(out, 'nam-ke', 2018);
    const free = await writeCommune(out, 'pa-my', 2018);
    // Run as another user (nobody): the folder and one workbook are theirs to write, the other is not.
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(out, 0o777);
    fs.chmodSync(cat, 0o644);
    fs.chmodSync(locked, 0o644);
    fs.chmodSync(free, 0o666);
    const keep = unchanged(locked);
    const r = await runCliAsNobody(
      ['template', '--year', '2018', '--out', 'xa', '--catalogue', cat, '--unit', 'nam-ke', '--unit', 'pa-my'],
      dir,
    );
    if (!r) return; // root without setpriv: nothing to try
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(
      'Chưa sửa xa/nam-ke-2018.xlsx: không có quyền ghi tệp này (tệp chỉ đọc hoặc của người dùng khác); ' +
        'hãy cho phép ghi (bỏ chế độ chỉ đọc) rồi chạy lại; vì vậy chưa thêm 2 dòng chỉ tiêu mới (' +
        `"Theo loại: phản ánh qua đường dây nóng" (mã ${HOTLINE}), "Nhà "Đại đoàn kết" trao cho hộ nghèo" (mã ${HOUSES})). ` +
        'Tệp được giữ nguyên.',
    );
    keep();
    expect(hasRow(await reportIn(free, extended, 'pa-my'), HOUSES)).toBe(true);
    expect(r.stdout).toMatch(
      /Đã tạo 0 mẫu báo cáo trong xa; thêm dòng chỉ tiêu mới vào 1 tệp; 1 tệp chưa ghi được \(xem lý do ở trên\)$/m,
    );
  });

  test('a workbook open in Excel or LibreOffice (its lock file beside it) is not written, the others are; exit 2', async () => {
    const dir = tmpDir('tonghop-upgrade-open-');
    const cat = writeCatalogue(dir);
    const out = path.join(dir, 'xa');
    fs.mkdirSync(out);
    const excel = await writeCommune(out, 'nam-ke', 2018);
    const calc = await writeCommune(out, 'chung-chai', 2018);
    const closed = await writeCommune(out, 'pa-my', 2018);
    fs.writeFileSync(path.join(out, '~$nam-ke-2018.xlsx'), 'khóa của Excel');
    fs.writeFileSync(path.join(out, '.~lock.chung-chai-2018.xlsx#'), ',Lò Văn A,may-xa,20.09.2018 09:00,file:///…;');
    const keep = [excel, calc].map(unchanged);
    const args = ['template', '--year', '2018', '--out', 'xa', '--catalogue', cat];
    const units3 = ['--unit', 'nam-ke', '--unit', 'chung-chai', '--unit', 'pa-my'];

    const r = await runCli([...args, ...units3], { cwd: dir });
    expect(r.code).toBe(2);
    for (const [file, lock] of [
      ['nam-ke-2018.xlsx', '~$nam-ke-2018.xlsx'],
      ['chung-chai-2018.xlsx', '.~lock.chung-chai-2018.xlsx#'],
    ])
      expect(r.stdout).toContain(
        `Bỏ qua xa/${file}: tệp đang mở trong Excel/LibreOffice (có tệp khóa xa/${lock}) nên chưa thêm 2 dòng chỉ tiêu mới (` +
          `"Theo loại: phản ánh qua đường dây nóng" (mã ${HOTLINE}), "Nhà "Đại đoàn kết" trao cho hộ nghèo" (mã ${HOUSES})); ` +
          `hãy đóng tệp rồi chạy lại.`,
      );
    for (const k of keep) k();
    // The rest goes on.
    expect(r.stdout).toMatch(/^Đã thêm 2 dòng chỉ tiêu mới vào xa\/pa-my-2018\.xlsx /m);
    expect(hasRow(await reportIn(closed, extended, 'pa-my'), HOUSES)).toBe(true);
    expect(r.stdout).toMatch(
      /Đã tạo 0 mẫu báo cáo trong xa; thêm dòng chỉ tiêu mới vào 1 tệp; 2 tệp đang mở nên chưa sửa \(hãy đóng tệp rồi chạy lại\)$/m,
    );
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.bak'))).toEqual(['pa-my-2018.xlsx.bak']);

    // Open but with nothing to do: said so, exit 0.
    fs.writeFileSync(path.join(out, '~$pa-my-2018.xlsx'), 'khóa của Excel');
    const again = await runCli([...args, '--unit', 'pa-my'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Không thay đổi: xa/pa-my-2018.xlsx');

    // --force does not replace an open workbook either.
    const forced = await runCli([...args, '--unit', 'nam-ke', '--force'], { cwd: dir });
    expect(forced.code).toBe(2);
    expect(forced.stdout).toContain(
      'Bỏ qua xa/nam-ke-2018.xlsx: tệp đang mở trong Excel/LibreOffice (có tệp khóa xa/~$nam-ke-2018.xlsx) nên chưa thay bằng mẫu trống',
    );
    for (const k of keep) k();
  });

  test('--force still replaces the workbook with a blank template (without it, rows are added)', async () => {
    const dir = tmpDir('tonghop-upgrade-force-');
    const cat = writeCatalogue(dir);
    const file = await writeCommune(dir, 'quang-lam', 2018);
    const typed = (await reportIn(file, catalogue, 'quang-lam')).values.DON_TONG;
    expect(typed.some((v) => v !== null)).toBe(true);

    const added = await runCli(['template', '--year', '2018', '--out', dir, '--unit', 'quang-lam', '--catalogue', cat]);
    expect(added.stdout).toMatch(/^Đã thêm 2 dòng chỉ tiêu mới vào /m);
    expect((await reportIn(file, extended, 'quang-lam')).values.DON_TONG).toEqual(typed);

    const forced = await runCli([
      'template',
      '--year',
      '2018',
      '--out',
      dir,
      '--unit',
      'quang-lam',
      '--catalogue',
      cat,
      '--force',
    ]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe(`Đã ghi mẫu báo cáo: ${file}\nĐã tạo 1 mẫu báo cáo trong ${dir}\n`);
    const blank = await reportIn(file, extended, 'quang-lam');
    expect(Object.values(blank.values).every((vs) => vs.every((v) => v === null))).toBe(true);
    expect(hasRow(blank, HOUSES)).toBe(true);
    // No second backup: --force is the user's own decision to start over.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual(['quang-lam-2018.xlsx.bak']);
  });

  test('everything else moves with its rows: another sheet’s formulas, a defined name, a note, a merge, shared formulas', async () => {
    const dir = tmpDir('tonghop-upgrade-refs-');
    const cat = writeCatalogue(dir);
    const file = await writeCommune(dir, 'muong-toong', 2018);
    const old = indicatorRows(catalogue);
    const row = (code: string) => old.get(code)!;
    const sheet = 'Mường Toong 2018';
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    ws.getCell(row('DON_DATDAI'), monthCol(3)).note = 'Hai đơn chuyển huyện';
    const below = Math.max(...old.values()) + 3;
    ws.getCell(below, LAYOUT.labelCol).value = 'Người lập biểu';
    ws.mergeCells(below, LAYOUT.labelCol, below, LAYOUT.unitCol);
    const notes = wb.addWorksheet('Ghi chép');
    notes.getCell('A1').value = { formula: `'${sheet}'!Q${row('DON_DATDAI')}` } as ExcelJS.CellFormulaValue;
    notes.getCell('A2').value = {
      formula: `SUM('${sheet}'!E${row('DON_TONG')}:P${row('DON_TONG')})+DVK_T1`,
    } as ExcelJS.CellFormulaValue;
    notes.getCell('A3').value = 'Ghi chép của xã';
    wb.definedNames.add(`'${sheet}'!$E$${row('DVK_DANGKY')}`, 'DVK_T1');
    wb.definedNames.add(`'${sheet}'!$E$${row('DON_KHAC')}:$P$${row('DON_KHAC')}`, 'DonKhac');
    await wb.xlsx.writeFile(file);
    // The year totals as one shared formula, as Excel stores a formula filled down.
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const part = 'xl/worksheets/sheet1.xml';
    let first = 0;
    const xml = (await zip.file(part)!.async('string')).replace(
      /<c r="Q(\d+)"( s="\d+")?><f>IF\(COUNT\(E\1:P\1\)=0,&quot;&quot;,SUM\(E\1:P\1\)\)<\/f><\/c>/g,
      (_m, r: string, s = '') => {
        if (!first) {
          first = Number(r);
          return `<c r="Q${r}"${s}><f t="shared" ref="Q${r}:Q${Math.max(...old.values())}" si="0">IF(COUNT(E${r}:P${r})=0,&quot;&quot;,SUM(E${r}:P${r}))</f></c>`;
        }
        return `<c r="Q${r}"${s}><f t="shared" si="0"/></c>`;
      },
    );
    expect(first).toBeGreaterThan(0);
    zip.file(part, xml);
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));

    const r = await runCli(['template', '--year', '2018', '--out', dir, '--unit', 'muong-toong', '--catalogue', cat]);
    expect(r.stdout).toMatch(/^Đã thêm 2 dòng chỉ tiêu mới vào /m);

    const rows = indicatorRows(extended);
    const now = (code: string) => rows.get(code)!;
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(file);
    const main = after.getWorksheet(sheet)!;
    const other = after.getWorksheet('Ghi chép')!;
    expect(other.getCell('A1').formula).toBe(`'${sheet}'!Q${now('DON_DATDAI')}`);
    expect(other.getCell('A2').formula).toBe(`SUM('${sheet}'!E${now('DON_TONG')}:P${now('DON_TONG')})+DVK_T1`);
    expect(other.getCell('A3').value).toBe('Ghi chép của xã');
    expect(main.getCell(now('DON_DATDAI'), monthCol(3)).note).toBe('Hai đơn chuyển huyện');
    const newBelow = below + 3; // one row in its group, a group row and its row
    expect(main.getCell(newBelow, LAYOUT.labelCol).value).toBe('Người lập biểu');
    expect(main.getCell(newBelow, LAYOUT.unitCol).isMerged).toBe(true);
    const names = (
      await (await JSZip.loadAsync(fs.readFileSync(file))).file('xl/workbook.xml')!.async('string')
    ).replace(/&apos;/g, "'");
    expect(names).toContain(`'${sheet}'!$E$${now('DVK_DANGKY')}<`);
    expect(names).toContain(`'${sheet}'!$E$${now('DON_KHAC')}:$P$${now('DON_KHAC')}<`);
    // Every year total refers to its own row, the new rows' too: the shared formula written out per cell.
    const sheetXml = await (await JSZip.loadAsync(fs.readFileSync(file))).file(part)!.async('string');
    expect(sheetXml).not.toContain('t="shared"');
    for (const ind of extended.indicators) {
      if (ind.kind === 'note' || ind.overMonths !== 'sum') continue;
      const n = now(ind.code);
      expect([ind.code, main.getCell(n, LAYOUT.totalCol).formula]).toEqual([
        ind.code,
        `IF(COUNT(E${n}:P${n})=0,"",SUM(E${n}:P${n}))`,
      ]);
    }
  });
});

/** The shipped catalogue with its rules changed: an operator, a rule removed, a rule's importance. */
function changedRulesJson() {
  const json = JSON.parse(JSON.stringify(catalogueJson));
  const rule = (code: string) => json.rules.find((r: { code: string }) => r.code === code);
  rule('DON_DA_GIAI_QUYET').operator = '<';
  rule('HND_CONG_NHAN').importance = 'warning';
  json.rules = json.rules.filter((r: { code: string }) => r.code !== 'TCD_NGUOI_LUOT');
  return json;
}

/** Every conditional format of a workbook's first sheet: range, formula, fill and priority; sorted by priority. */
async function highlightsOf(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  type Rule = { type: string; priority: number; formulae?: unknown[]; style?: { fill?: Record<string, any> } };
  const cf = (wb.worksheets[0] as unknown as { conditionalFormattings: { ref: string; rules: Rule[] }[] })
    .conditionalFormattings;
  return cf
    .flatMap((c) =>
      c.rules.map((r) => {
        const fill = r.style?.fill;
        const colour = String(fill?.bgColor?.argb ?? fill?.fgColor?.argb ?? '').slice(-6);
        return { text: `${c.ref} ${r.type} ${String(r.formulae?.[0])} ${colour}`, priority: r.priority };
      }),
    )
    .sort((a, b) => a.priority - b.priority);
}

/** A package's parts, parsed and written back (as the tool writes them), without `drop`'s elements. */
async function partsWithout(buf: Buffer, drop: Record<string, string>) {
  const zip = await JSZip.loadAsync(buf);
  const out: Record<string, string> = {};
  for (const p of Object.keys(zip.files).sort()) {
    if (zip.files[p].dir) continue;
    const text = await zip.file(p)!.async('string');
    if (!p.endsWith('.xml') && !p.endsWith('.rels')) {
      out[p] = text;
      continue;
    }
    const doc = parseXml(text);
    doc.root.children = doc.root.children.filter((c) => typeof c === 'string' || localName(c.name) !== drop[p]);
    out[p] = serializeXml(doc);
  }
  return out;
}

describe('template on workbooks that have every row, after the rules changed', () => {
  test('the highlighting becomes the current rules’ (a user’s own formats kept, in their place); nothing else changes; run again: nothing to do', async () => {
    const dir = tmpDir('tonghop-rules-');
    const cat = path.join(dir, 'quy-tac-moi.json');
    fs.writeFileSync(cat, JSON.stringify(changedRulesJson()));
    const changed = (() => {
      const r = parseCatalogue(changedRulesJson());
      if (!r.ok) throw new Error(r.errors.join('\n'));
      return r.value;
    })();
    const out = path.join(dir, 'xa');
    fs.mkdirSync(out);
    const mine = await writeCommune(out, 'nam-ke', 2018);
    const calc = path.join(out, 'chung-chai-2018.xlsx');
    fs.copyFileSync(path.join(FIXTURES, 'libreoffice/chung-chai-2018.xlsx'), calc);
    // The commune's own formats, as Excel adds them: a look-alike of the add-on's ahead of it (Excel
    // gives a new rule the first place), a plain one after it.
    const r0 = indicatorRows(catalogue).get('DON_KHAC')!;
    const own = `AND(COUNT(E${r0}:P${r0})>0,NOT(SUM(E${r0}:P${r0})<100))`;
    const yellow = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFFF00' } } as const;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(mine);
    const ws = wb.worksheets[0] as unknown as ExcelJS.Worksheet & {
      conditionalFormattings: { rules: { priority: number }[] }[];
    };
    const last = ws.conditionalFormattings.flatMap((c) => c.rules).length + 1;
    for (const c of ws.conditionalFormattings) for (const rule of c.rules) rule.priority += 1;
    ws.addConditionalFormatting({
      ref: `E${r0}:P${r0}`,
      rules: [{ type: 'expression', priority: 1, formulae: [own], style: { fill: yellow } }],
    });
    ws.addConditionalFormatting({
      ref: `Q${r0}`,
      rules: [
        { type: 'cellIs', operator: 'greaterThan', priority: last + 1, formulae: ['1000'], style: { fill: yellow } },
      ],
    });
    await wb.xlsx.writeFile(mine);
    const args = ['template', '--year', '2018', '--out', out, '--unit', 'nam-ke', '--unit', 'chung-chai'];

    // The LibreOffice fixture was saved before a breakdown's blank total was highlighted: the same
    // catalogue brings that highlighting in (a backup kept), nothing else.
    const first = await runCli(args, { cwd: dir });
    expect(first.stdout).toContain('Không thay đổi: xa/nam-ke-2018.xlsx (đã có dòng cho mọi chỉ tiêu).');
    expect(first.stdout).toContain('Đã cập nhật tô màu theo quy tắc trong xa/chung-chai-2018.xlsx');
    fs.rmSync(`${calc}.bak`);
    // The catalogue the files were made with: their highlighting is its own, they are not written.
    const keep0 = [mine, calc].map(unchanged);
    const same = await runCli(args, { cwd: dir });
    for (const name of ['nam-ke-2018.xlsx', 'chung-chai-2018.xlsx'])
      expect(same.stdout).toContain(`Không thay đổi: xa/${name} (đã có dòng cho mọi chỉ tiêu).`);
    for (const k of keep0) k();

    const originals = new Map([mine, calc].map((f) => [f, fs.readFileSync(f)]));
    const before = new Map([
      ['nam-ke', await reportIn(mine, catalogue, 'nam-ke')],
      ['chung-chai', await reportIn(calc, catalogue, 'chung-chai')],
    ]);
    const r = await runCli([...args, '--catalogue', cat], { cwd: dir });
    expect(r.code).toBe(0);
    for (const name of ['nam-ke-2018.xlsx', 'chung-chai-2018.xlsx'])
      expect(r.stdout).toMatch(
        new RegExp(
          `^Đã cập nhật tô màu theo quy tắc trong xa/${name} \\(trang ".+ 2018"\\), số liệu giữ nguyên\\. ` +
            `Bản trước khi sửa: xa/${name}\\.bak$`,
          'm',
        ),
      );
    expect(r.stdout).toMatch(/^Đã tạo 0 mẫu báo cáo trong xa; cập nhật tô màu theo quy tắc ở 2 tệp$/m);
    for (const [file, bytes] of originals) expect(fs.readFileSync(`${file}.bak`).equals(bytes)).toBe(true);

    // A fresh workbook's highlighting of the new rules, and the user's formats where they were.
    const freshOf = async (code: string) =>
      (await highlightsOf(await toXlsxBuffer({ sheets: [buildUnitSheet(unit(code), 2018, changed)] }))).map(
        (h) => h.text,
      );
    const now = await highlightsOf(fs.readFileSync(mine));
    const ownText = `E${r0}:P${r0} expression ${own} FFFF00`;
    const plainText = `Q${r0} cellIs 1000 FFFF00`;
    expect(now.map((h) => h.text).sort()).toEqual([...(await freshOf('nam-ke')), ownText, plainText].sort());
    expect(now[0].text).toBe(ownText);
    expect(now[now.length - 1].text).toBe(plainText);
    expect(new Set(now.map((h) => h.priority)).size).toBe(now.length);
    expect((await highlightsOf(fs.readFileSync(calc))).map((h) => h.text).sort()).toEqual(
      (await freshOf('chung-chai')).sort(),
    );
    // The changed rules show: the importance's colour, the operator, the removed rule gone.
    const rows = indicatorRows(changed);
    const texts = now.map((h) => h.text);
    expect(texts).toContain(
      `E${rows.get('HND_SXKDG_CONGNHAN')}:P${rows.get('HND_SXKDG_CONGNHAN')} expression ` +
        `AND(AND(COUNT(E$${rows.get('HND_SXKDG_CONGNHAN')})>0,COUNT(E$${rows.get('HND_SXKDG_DANGKY')})>0),` +
        `NOT(SUM(E$${rows.get('HND_SXKDG_CONGNHAN')})<=SUM(E$${rows.get('HND_SXKDG_DANGKY')}))) FFF2CC`,
    );
    expect(texts.some((t) => t.includes(`NOT(SUM(E$${rows.get('DON_DAGIAIQUYET')})<SUM(`))).toBe(true);
    expect(texts.some((t) => t.includes(`SUM(E$${rows.get('TCD_NGUOI')})>=`))).toBe(false);

    // Every figure reads the same; nothing but the conditional formats and the formats they use changed.
    for (const [code, file] of [
      ['nam-ke', mine],
      ['chung-chai', calc],
    ] as const) {
      const old = before.get(code)!;
      const read = await reportIn(file, changed, code);
      expect([read.submitted, read.values, read.notes, read.cells, read.invalid]).toEqual([
        old.submitted,
        old.values,
        old.notes,
        old.cells,
        old.invalid,
      ]);
      const drop = { 'xl/worksheets/sheet1.xml': 'conditionalFormatting', 'xl/styles.xml': 'dxfs' };
      expect(await partsWithout(fs.readFileSync(file), drop)).toEqual(await partsWithout(originals.get(file)!, drop));
    }

    const keep = [mine, calc].map(unchanged);
    const again = await runCli([...args, '--catalogue', cat], { cwd: dir });
    for (const name of ['nam-ke-2018.xlsx', 'chung-chai-2018.xlsx'])
      expect(again.stdout).toContain(`Không thay đổi: xa/${name} (đã có dòng cho mọi chỉ tiêu).`);
    expect(again.stdout).toMatch(/^Đã tạo 0 mẫu báo cáo trong xa; 2 tệp không thay đổi$/m);
    for (const k of keep) k();
    expect(fs.readdirSync(out).sort()).toEqual([
      'chung-chai-2018.xlsx',
      'chung-chai-2018.xlsx.bak',
      'nam-ke-2018.xlsx',
      'nam-ke-2018.xlsx.bak',
    ]);
  }, 120_000);

  test('a rule whose importance alone changed: its colour is redone', async () => {
    const dir = tmpDir('tonghop-rules-colour-');
    const json = JSON.parse(JSON.stringify(catalogueJson));
    json.rules.find((r: { code: string }) => r.code === 'HND_CONG_NHAN').importance = 'warning';
    const cat = path.join(dir, 'quy-tac-moi.json');
    fs.writeFileSync(cat, JSON.stringify(json));
    const file = await writeCommune(dir, 'pa-my', 2018);
    const r = await runCli(['template', '--year', '2018', '--out', dir, '--unit', 'pa-my', '--catalogue', cat]);
    expect(r.stdout).toMatch(/^Đã cập nhật tô màu theo quy tắc trong .*pa-my-2018\.xlsx /m);
    const row = indicatorRows(catalogue).get('HND_SXKDG_CONGNHAN')!;
    const colours = (await highlightsOf(fs.readFileSync(file)))
      .filter((h) => h.text.startsWith(`E${row}:P${row} `))
      .map((h) => h.text.slice(-6));
    expect(colours).toEqual(['FFF2CC']);
  });
});
