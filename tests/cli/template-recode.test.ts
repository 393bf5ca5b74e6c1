/**
 * `tonghop template` after the catalogue changed an indicator's code (with its label, or alone):
 * the commune's row is re-coded in place, its figures kept and counted under the new code. Before,
 * a code-and-label change got an empty new row beside the old one (whose figures then left the
 * totals) and the message said "số liệu … giữ nguyên"; a code-only change was "Không thay đổi" and
 * the warnings came back every month.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import catalogueJson from '../../sheets-templates/catalogue.json';
import { readWorkbookBuffer } from '../../src/cli/xlsx/read';
import { parseCatalogue } from '../../src/engine/catalogue/schema';
import { LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { readWorkbook } from '../../src/engine/sheet/read';
import { DEFAULT_LEVEL } from '../../src/engine/text/level';
import type { Catalogue } from '../../src/engine/types';
import { buildCli, catalogue, runCli, tmpDir, units, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

const LABEL = 'Suất quà tặng hộ khó khăn';

function renamedJson(label: boolean) {
  const json = JSON.parse(JSON.stringify(catalogueJson));
  const ind = json.indicators.find((i: { code: string }) => i.code === 'DTN_QUA');
  ind.code = 'DTN_SUATQUA';
  if (label) ind.label = LABEL;
  return json;
}

function parsed(json: unknown): Catalogue {
  const r = parseCatalogue(json);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

async function read(file: string, cat: Catalogue) {
  const wb = await readWorkbookBuffer(fs.readFileSync(file), path.basename(file));
  return readWorkbook(wb.workbook!, { level: DEFAULT_LEVEL, catalogue: cat, units, year: 2018 });
}

/** Column A, C and the month cells of every row of the first sheet. */
async function table(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: unknown[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const months = Array.from({ length: 12 }, (_, i) => ws.getCell(r, monthCol(i + 1)).value ?? null);
    rows.push([ws.getCell(r, LAYOUT.codeCol).value ?? null, ws.getCell(r, LAYOUT.labelCol).value ?? null, ...months]);
  }
  return rows;
}

describe('template after an indicator’s code changed in the catalogue', () => {
  test.each([
    ['code and label', true, `đổi mã dòng DTN_QUA thành DTN_SUATQUA (tên chỉ tiêu: "${LABEL}"), giữ nguyên số liệu`],
    ['code only', false, 'đổi mã dòng DTN_QUA thành DTN_SUATQUA, giữ nguyên số liệu'],
  ])(
    '%s: the row is re-coded in place, its figures kept and counted; run again: nothing to do',
    async (_, label, said) => {
      const dir = tmpDir('tonghop-recode-');
      const json = renamedJson(label);
      const catFile = path.join(dir, 'chi-tieu.json');
      fs.writeFileSync(catFile, JSON.stringify(json));
      const cat = parsed(json);
      const out = path.join(dir, 'xa');
      fs.mkdirSync(out);
      const file = await writeCommune(out, 'chung-chai', 2018);
      const original = await read(file, catalogue);
      const figures = original.reports[0].values.DTN_QUA;
      expect(figures.some((v) => v !== null && v > 0)).toBe(true);
      const before = await table(file);
      const at = before.findIndex((r) => r[0] === 'DTN_QUA');

      const r = await runCli(['template', '--year', '2018', '--out', out, '--catalogue', catFile], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(
          `^Đã sửa xa/chung-chai-2018\\.xlsx \\(trang ".+ 2018"\\) theo danh mục: ${said.replace(/[()]/g, '\\$&')}\\. ` +
            'Bản trước khi sửa: xa/chung-chai-2018\\.xlsx\\.bak$',
          'm',
        ),
      );
      expect(r.stdout).toMatch(/; đổi mã hoặc loại dòng chỉ tiêu theo danh mục ở 1 tệp/);
      expect(r.stdout).not.toMatch(/Đã thêm/);

      // The same rows; only the code (and label) cells of that row changed.
      const after = await table(file);
      const expected = before.map((row) => [...row]);
      expected[at][0] = 'DTN_SUATQUA';
      if (label) expected[at][1] = LABEL;
      expect(after).toEqual(expected);

      // Read with the new catalogue: the figures under the new code, no warning about the old one.
      const now = await read(file, cat);
      expect(now.reports[0].values.DTN_SUATQUA).toEqual(figures);
      expect(now.findings.filter((f) => f.code === 'unknown-indicator' || f.code === 'missing-indicator')).toEqual([]);

      const again = await runCli(['template', '--year', '2018', '--out', out, '--catalogue', catFile], { cwd: dir });
      expect(again.stdout).toMatch(/^Không thay đổi: xa\/chung-chai-2018\.xlsx/m);
    },
  );

  test('a workbook open in LibreOffice is left as it is, and the row to re-code named', async () => {
    const dir = tmpDir('tonghop-recode-');
    const catFile = path.join(dir, 'chi-tieu.json');
    fs.writeFileSync(catFile, JSON.stringify(renamedJson(true)));
    const out = path.join(dir, 'xa');
    fs.mkdirSync(out);
    const file = await writeCommune(out, 'chung-chai', 2018);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(path.join(out, '.~lock.chung-chai-2018.xlsx#'), 'x');
    const r = await runCli(['template', '--year', '2018', '--out', out, '--catalogue', catFile], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(
      'Bỏ qua xa/chung-chai-2018.xlsx: tệp đang mở trong Excel/LibreOffice (có tệp khóa ' +
        `xa/.~lock.chung-chai-2018.xlsx#) nên chưa đổi mã dòng DTN_QUA thành DTN_SUATQUA (tên chỉ tiêu: "${LABEL}"); ` +
        'hãy đóng tệp rồi chạy lại.',
    );
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  test('the unit changed too: the new row is added, and the old row still holding figures is named', async () => {
    const dir = tmpDir('tonghop-recode-');
    const json = renamedJson(true);
    json.indicators.find((i: { code: string }) => i.code === 'DTN_SUATQUA').unit = 'hộ';
    const catFile = path.join(dir, 'chi-tieu.json');
    fs.writeFileSync(catFile, JSON.stringify(json));
    const out = path.join(dir, 'xa');
    fs.mkdirSync(out);
    const file = await writeCommune(out, 'chung-chai', 2018);
    const filled = (await read(file, catalogue)).reports[0].values.DTN_QUA.filter((v) => v !== null).length;
    const old = (await table(file)).findIndex((r) => r[0] === 'DTN_QUA') + 1;
    const r = await runCli(['template', '--year', '2018', '--out', out, '--catalogue', catFile], { cwd: dir });
    expect(r.stdout).toContain(
      `Đã thêm 1 dòng chỉ tiêu mới vào xa/chung-chai-2018.xlsx (trang "Chung Chải 2018"), số liệu đã điền giữ nguyên: ` +
        `"${LABEL}" (mã DTN_SUATQUA). Lưu ý: dòng ${old + 1} (mã DTN_QUA, ${filled} ô số liệu) có mã không có trong ` +
        'danh mục nên số liệu chưa được tính vào tổng hợp; nếu đó là số liệu của một chỉ tiêu trong danh mục (kể cả ' +
        'chỉ tiêu vừa thêm), hãy sửa mã ở cột "Mã" hoặc chép số liệu sang dòng của chỉ tiêu đó. Bản trước khi thêm: ',
    );
    const after = await table(file);
    expect([after[old][0], after[old - 1][0]]).toEqual(['DTN_QUA', 'DTN_SUATQUA']);
  });
});

describe('template after an indicator’s code and kind changed in the catalogue', () => {
  /** Month 1's validation type (none: undefined) and number format of the first sheet's row `row`. */
  async function looks(file: string) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    return (row: number, m = 1) => {
      const c = ws.getCell(row, monthCol(m));
      return [c.dataValidation?.type, c.numFmt];
    };
  }

  test.each([
    ['a count become an amount', 'DTN_QUA', 'amount', 'DON_TONG', 'LDLD_MAIAM_GIATRI'],
    ['a count become a note', 'DTN_QUA', 'note', 'DON_TONG', 'GHI_CHU'],
    ['a note become a count', 'GHI_CHU', 'count', 'GHI_CHU', 'DON_TONG'],
  ])(
    '%s: the re-coded row gets the validation and format of its new kind, every figure kept',
    async (_, from, kind, oldLike, newLike) => {
      const dir = tmpDir('tonghop-recode-');
      const json = JSON.parse(JSON.stringify(catalogueJson));
      const ind = json.indicators.find((i: { code: string }) => i.code === from);
      ind.code = `${from}_MOI`;
      ind.kind = kind;
      const catFile = path.join(dir, 'chi-tieu.json');
      fs.writeFileSync(catFile, JSON.stringify(json));
      const out = path.join(dir, 'xa');
      fs.mkdirSync(out);
      // A note typed where a count is then wanted: no longer valid, kept for the check to name.
      const file = await writeCommune(
        out,
        'chung-chai',
        2018,
        from === 'GHI_CHU' ? { [`${from}:2`]: 'Thiếu kinh phí' } : {},
      );
      const before = await table(file);
      const rowOf = (code: string) => before.findIndex((r) => r[0] === code) + 1;
      const at = rowOf(from);
      if (from === 'GHI_CHU') expect(before[at - 1][3]).toBe('Thiếu kinh phí');
      const old = await looks(file);
      expect(old(at)).toEqual(old(rowOf(oldLike)));
      expect(old(at)).not.toEqual(old(rowOf(newLike)));

      const r = await runCli(['template', '--year', '2018', '--out', out, '--catalogue', catFile], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`đổi mã dòng ${from} thành ${from}_MOI, giữ nguyên số liệu`);
      const expected = before.map((row) => [...row]);
      expected[at - 1][0] = `${from}_MOI`;
      expect(await table(file)).toEqual(expected);
      const now = await looks(file);
      for (const m of [1, 7, 12]) expect(now(at, m)).toEqual(now(rowOf(newLike), m));
      // The rows around keep theirs.
      expect([now(at - 1), now(at + 1)]).toEqual([old(at - 1), old(at + 1)]);
      if (from === 'GHI_CHU') {
        const read = await readWorkbookBuffer(fs.readFileSync(file), 'x.xlsx');
        const { findings } = readWorkbook(read.workbook!, {
          level: DEFAULT_LEVEL,
          catalogue: parsed(json),
          units,
          year: 2018,
        });
        expect(findings.some((f) => JSON.stringify(f).includes('Thiếu kinh phí'))).toBe(true);
      }
    },
  );
});

describe('template after an indicator’s code and way over the months changed in the catalogue', () => {
  /** The catalogue with `from` given code `${from}_MOI` and overMonths `over`, written to a new folder. */
  async function setUp(from: string, over: 'sum' | 'last') {
    const dir = tmpDir('tonghop-recode-');
    const json = JSON.parse(JSON.stringify(catalogueJson));
    const ind = json.indicators.find((i: { code: string }) => i.code === from);
    ind.code = `${from}_MOI`;
    ind.overMonths = over;
    const catFile = path.join(dir, 'chi-tieu.json');
    fs.writeFileSync(catFile, JSON.stringify(json));
    const out = path.join(dir, 'xa');
    fs.mkdirSync(out);
    const file = await writeCommune(out, 'chung-chai', 2018);
    const run = () => runCli(['template', '--year', '2018', '--out', out, '--catalogue', catFile], { cwd: dir });
    return { file, run };
  }

  async function sheetOf(file: string) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    return { wb, ws: wb.worksheets[0] };
  }

  /** The "Cả năm" cell of every row: its formula (row number shown as "#") or its value. */
  async function totals(file: string) {
    const { ws } = await sheetOf(file);
    return (row: number) => {
      const c = ws.getCell(row, LAYOUT.totalCol);
      return c.formula ? `=${c.formula.split(String(row)).join('#')}` : (c.value ?? null);
    };
  }

  test.each([
    ['a flow become a stock', 'DTN_QUA', 'last', 'DTN_QUA', 'HND_SXKDG_CONGNHAN'],
    ['a stock become a flow', 'HND_SXKDG_CONGNHAN', 'sum', 'HND_SXKDG_CONGNHAN', 'DTN_QUA'],
  ] as const)(
    '%s: the re-coded row’s "Cả năm" formula is the new kind’s, every figure kept',
    async (_, from, over, oldLike, newLike) => {
      const { file, run } = await setUp(from, over);
      const before = await table(file);
      const rowOf = (code: string) => before.findIndex((r) => r[0] === code) + 1;
      const at = rowOf(from);
      // As Excel saves it: the formula with its result cached (here the old kind's, the months' sum or latest).
      const { wb, ws } = await sheetOf(file);
      const months = before[at - 1].slice(2).filter((v): v is number => typeof v === 'number');
      const cell = ws.getCell(at, LAYOUT.totalCol);
      const result = from === 'DTN_QUA' ? months.reduce((a, b) => a + b, 0) : (months.at(-1) ?? 0);
      expect(months.length).toBeGreaterThan(0);
      cell.value = { formula: cell.formula, result } as ExcelJS.CellFormulaValue;
      fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
      const old = await totals(file);
      expect(old(at)).toBe(old(rowOf(oldLike)));
      expect(old(at)).not.toBe(old(rowOf(newLike)));

      const r = await run();
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`đổi mã dòng ${from} thành ${from}_MOI, giữ nguyên số liệu`);
      const expected = before.map((row) => [...row]);
      expected[at - 1][0] = `${from}_MOI`;
      expect(await table(file)).toEqual(expected);
      const now = await totals(file);
      expect(now(at)).toBe(now(rowOf(newLike)));
      expect(now(at - 1)).toBe(old(at - 1));
      const { ws: after } = await sheetOf(file);
      expect(after.getCell(at, LAYOUT.totalCol).numFmt).toBe(after.getCell(rowOf(newLike), LAYOUT.totalCol).numFmt);
    },
  );

  test('a figure the commune typed over "Cả năm" is kept, not replaced by the formula', async () => {
    const { file, run } = await setUp('DTN_QUA', 'last');
    const at = (await table(file)).findIndex((r) => r[0] === 'DTN_QUA') + 1;
    const { wb, ws } = await sheetOf(file);
    ws.getCell(at, LAYOUT.totalCol).value = 40;
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('đổi mã dòng DTN_QUA thành DTN_QUA_MOI, giữ nguyên số liệu');
    expect((await totals(file))(at)).toBe(40);
  });
});
