/**
 * `tonghop check` on a commune .xlsx edited outside the template: a row's code cleared and its
 * label edited, a typed "Cả năm" that is not the months' sum, a second "T9" column.
 */
import path from 'node:path';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { a1, colLetter, indicatorRows, LAYOUT } from '../../src/engine/sheet/layout';
import { formatNumberVi } from '../../src/engine/text/format';
import type { Finding } from '../../src/engine/types';
import { buildCli, catalogue, communeSheet, demoSum, runCli, tmpDir } from './helpers';

beforeAll(() => buildCli(), 120_000);

const rowOf = (code: string) => indicatorRows(catalogue).get(code) as number;

test('edited labels, a typed year total and a second month column are each told, naming the cell (exit 1)', async () => {
  const dir = tmpDir();
  const sheet = communeSheet('chung-chai', 2018);
  const set = (row: number, col: number, v: string | number) => {
    const line = sheet.rows[row - 1];
    while (line.length < col) line.push(null);
    line[col - 1] = { v, s: 'text' };
  };
  // Code cleared, label edited as clerks do: read by a loose match (one indicator can be meant).
  set(rowOf('DTN_QUA'), LAYOUT.codeCol, '');
  set(rowOf('DTN_QUA'), LAYOUT.labelCol, 'Suất quà tặng (suất)');
  // … reworded further: not read, an error naming the indicator the sheet lacks there.
  set(rowOf('DTN_KETNAP_DANG'), LAYOUT.codeCol, '');
  set(rowOf('DTN_KETNAP_DANG'), LAYOUT.labelCol, 'Số đoàn viên ưu tú được kết nạp vào Đảng');
  // "Cả năm" typed over its formula.
  set(rowOf('TCD_LUOT'), LAYOUT.totalCol, 999);
  // A second column headed "T9", right of the table.
  const extra = LAYOUT.columns + 2;
  set(LAYOUT.headerRow, extra, 'T9');
  set(rowOf('DON_TONG'), extra, 5);
  const file = path.join(dir, 'chung-chai-2018.xlsx');
  await writeXlsx({ sheets: [sheet] }, file);

  const r = await runCli(['check', '--json', '--year', '2018', dir]);
  expect(r.code).toBe(1);
  const findings = JSON.parse(r.stdout).findings as Finding[];
  const of = (code: string) =>
    findings.filter((f) => f.code === code).map((f) => [f.severity, f.cell, f.indicatorCode ?? null]);
  expect(of('loose-label-match')).toEqual([['warning', a1(rowOf('DTN_QUA'), LAYOUT.labelCol), 'DTN_QUA']]);
  expect(of('uncoded-row')).toEqual([['error', a1(rowOf('DTN_KETNAP_DANG'), LAYOUT.labelCol), 'DTN_KETNAP_DANG']]);
  expect(of('missing-indicator')).toEqual([['warning', undefined, 'DTN_KETNAP_DANG']]);
  expect(of('total-not-sum')).toEqual([['warning', a1(rowOf('TCD_LUOT'), LAYOUT.totalCol), 'TCD_LUOT']]);
  expect(of('duplicate-month-column')).toEqual([['error', a1(LAYOUT.headerRow, extra), null]]);

  const text = await runCli(['check', '--year', '2018', dir]);
  const sum = formatNumberVi(demoSum(2018, ['chung-chai'], 'TCD_LUOT', 1, 12), 6);
  expect(text.stdout).toContain(`cột "Cả năm" ghi 999 nhưng cộng các tháng là ${sum} — kiểm tra lại`);
  expect(text.stdout).toContain(
    `có lẽ là chỉ tiêu "Đoàn viên ưu tú được kết nạp Đảng" (DTN_KETNAP_DANG) mà trang đang thiếu`,
  );
  expect(text.stdout).toContain(`chỉ lấy cột M, bỏ qua số liệu cột ${colLetter(extra)}`);
});
