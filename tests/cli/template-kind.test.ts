/**
 * `tonghop template` after the catalogue changed an indicator's kind and kept its code (a flow
 * become a stock, a count become an amount or a note): the commune's row gets the new kind's
 * validation, number format and "Cả năm" formula, as a fresh row has, every figure kept. Before,
 * the workbook was "Không thay đổi" and kept the old kind's (a stock's "Cả năm" summing the
 * months, decimals refused in an amount).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import catalogueJson from '../../sheets-templates/catalogue.json';
import { a1, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { buildCli, runCli, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

async function sheetOf(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  return { wb, ws: wb.worksheets[0] };
}

/** Column A, C and the month cells of every row of the first sheet. */
async function table(file: string) {
  const { ws } = await sheetOf(file);
  const rows: unknown[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const months = Array.from({ length: 12 }, (_, i) => ws.getCell(r, monthCol(i + 1)).value ?? null);
    rows.push([ws.getCell(r, LAYOUT.codeCol).value ?? null, ws.getCell(r, LAYOUT.labelCol).value ?? null, ...months]);
  }
  return rows;
}

/** Month `m`'s validation type and number format, and "Cả năm"'s formula (row shown as "#") or value, of row `row`. */
async function looks(file: string) {
  const { ws } = await sheetOf(file);
  return (row: number, m = 1) => {
    const c = ws.getCell(row, monthCol(m));
    const t = ws.getCell(row, LAYOUT.totalCol);
    return [
      c.dataValidation?.type,
      c.numFmt,
      t.formula ? `=${t.formula.split(String(row)).join('#')}` : (t.value ?? null),
    ];
  };
}

/** The catalogue with `code`'s `field` set to `value`, in a new folder with the commune's workbook. */
async function setUp(code: string, field: 'kind' | 'overMonths', value: string, typed: Record<string, string> = {}) {
  const dir = tmpDir('tonghop-kind-');
  const json = JSON.parse(JSON.stringify(catalogueJson));
  json.indicators.find((i: { code: string }) => i.code === code)[field] = value;
  const catFile = path.join(dir, 'chi-tieu.json');
  fs.writeFileSync(catFile, JSON.stringify(json));
  const out = path.join(dir, 'xa');
  fs.mkdirSync(out);
  const file = await writeCommune(out, 'chung-chai', 2018, typed);
  const run = () => runCli(['template', '--year', '2018', '--out', out, '--catalogue', catFile], { cwd: dir });
  return { file, run };
}

const said = (code: string) =>
  `theo danh mục: cập nhật dòng ${code} theo loại chỉ tiêu mới (kiểu ô nhập, định dạng số, công thức "Cả năm"), giữ nguyên số liệu`;

describe('template after an indicator’s kind changed in the catalogue, its code kept', () => {
  test.each([
    ['a flow become a stock', 'DTN_QUA', 'overMonths', 'last', 'HND_SXKDG_CONGNHAN'],
    ['a stock become a flow', 'HND_SXKDG_CONGNHAN', 'overMonths', 'sum', 'DTN_QUA'],
    ['a count become an amount', 'DTN_QUA', 'kind', 'amount', 'LDLD_MAIAM_GIATRI'],
    ['an amount become a count', 'LDLD_MAIAM_GIATRI', 'kind', 'count', 'DTN_QUA'],
    ['a count become a note', 'DTN_QUA', 'kind', 'note', 'GHI_CHU'],
    ['a note become a count', 'GHI_CHU', 'kind', 'count', 'DON_TONG'],
  ] as const)(
    '%s: the row gets the new kind’s validation, format and "Cả năm", every figure kept; run again: nothing to do',
    async (_, code, field, value, like) => {
      const { file, run } = await setUp(
        code,
        field,
        value,
        code === 'GHI_CHU' ? { 'GHI_CHU:2': 'Thiếu kinh phí' } : {},
      );
      const before = await table(file);
      const rowOf = (c: string) => before.findIndex((r) => r[0] === c) + 1;
      const at = rowOf(code);
      const old = await looks(file);
      expect(old(at)).not.toEqual(old(rowOf(like)));

      const r = await run();
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(said(code));
      expect(r.stdout).toMatch(/; đổi mã hoặc loại dòng chỉ tiêu theo danh mục ở 1 tệp/);
      expect(await table(file)).toEqual(before);
      const now = await looks(file);
      for (const m of [1, 12]) expect(now(at, m)).toEqual(now(rowOf(like), m));
      // The rows around keep theirs.
      expect([now(at - 1), now(at + 1)]).toEqual([old(at - 1), old(at + 1)]);

      const again = await run();
      expect(again.stdout).toMatch(/^Không thay đổi: xa\/chung-chai-2018\.xlsx/m);
    },
  );

  test('a figure the commune typed over "Cả năm" is kept; the validation still tells the kind', async () => {
    const { file, run } = await setUp('DTN_QUA', 'kind', 'amount');
    const at = (await table(file)).findIndex((r) => r[0] === 'DTN_QUA') + 1;
    const { wb, ws } = await sheetOf(file);
    ws.getCell(at, LAYOUT.totalCol).value = 40;
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(said('DTN_QUA'));
    const now = await looks(file);
    const amount = (await table(file)).findIndex((x) => x[0] === 'LDLD_MAIAM_GIATRI') + 1;
    expect(now(at)).toEqual([...now(amount).slice(0, 2), 40]);
  });
});

describe('a flow become a stock: a figure the commune typed over "Cả năm" in the flow days', () => {
  test('is kept by template, and check names its cell: not the latest month’s figure', async () => {
    const { file, run } = await setUp('DTN_QUA', 'overMonths', 'last');
    const before = await table(file);
    const at = before.findIndex((r) => r[0] === 'DTN_QUA') + 1;
    const months = before[at - 1].slice(2);
    let m = 12;
    while (m > 1 && typeof months[m - 1] !== 'number') m--;
    const last = months[m - 1] as number;
    const sum = months.reduce<number>((a, v) => a + (typeof v === 'number' ? v : 0), 0);
    expect(sum).not.toBe(last);
    const { wb, ws } = await sheetOf(file);
    ws.getCell(at, LAYOUT.totalCol).value = sum;
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    expect((await run()).code).toBe(0);
    expect((await looks(file))(at)[2]).toBe(sum);

    const dir = path.dirname(path.dirname(file));
    const r = await runCli(['check', '--catalogue', path.join(dir, 'chi-tieu.json'), path.dirname(file)], { cwd: dir });
    const cell = a1(at, LAYOUT.totalCol);
    expect(r.stdout).toContain(
      `ô ${cell} (Suất quà tặng): cột "Cả năm" ghi ${sum} nhưng chỉ tiêu này lấy số của tháng gần nhất ` +
        `(tháng ${m}: ${last}), không cộng các tháng`,
    );
  });
});
