/**
 * A month with figures but no submission date: the CLI tells what to do in the .xlsx (type the
 * date in the named cell of the "Ngày nộp báo cáo" row), not the add-on's menu, which a CLI user
 * over .xlsx files does not have.
 */
import path from 'node:path';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { a1, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import type { Finding } from '../../src/engine/types';
import { buildCli, communeSheet, runCli, tmpDir, writeCommune } from './helpers';

const dir = tmpDir('tonghop-undated-');

beforeAll(async () => {
  buildCli();
  // September typed, its submission date left empty.
  const sheet = communeSheet('nam-vi', 2018);
  sheet.rows[LAYOUT.submittedRow - 1][monthCol(9) - 1] = null;
  await writeXlsx({ sheets: [sheet] }, path.join(dir, 'bao-cao-nam-vi-2018.xlsx'));
  await writeCommune(dir, 'nam-vi', 2017);
}, 120_000);

const cell = a1(LAYOUT.submittedRow, monthCol(9));
const action = `vào ô ${cell} (dòng "Ngày nộp báo cáo", cột tháng 9) trong tệp .xlsx của đơn vị`;

test('after the deadline: not on time, its date unknown (not "late"), and the console says to type the date in its cell of the file', async () => {
  const r = await runCli(['aggregate', '--period', '2018-09', dir, '--out', path.join(tmpDir(), 'th.xlsx')]);
  const line = r.stdout.split('\n').find((l) => l.includes('chưa có ngày nộp')) ?? '';
  expect(line).toContain(`Xã Nậm Vì, ô ${cell} (Ngày nộp báo cáo, tháng 9): tháng 9 có số liệu nhưng chưa có ngày nộp`);
  expect(line).toContain('nên chưa rõ ngày nộp và không được tính là nộp đúng hạn');
  expect(line).not.toContain('nộp muộn');
  expect(line).toContain(`hãy ghi ngày đơn vị nộp báo cáo tháng này (ngày/tháng/năm) ${action}`);
  expect(line).toContain(`, rồi chạy lại lệnh [${path.join(dir, 'bao-cao-nam-vi-2018.xlsx')}, trang "Nậm Vì 2018"]`);
  expect(r.stdout).not.toContain('Dân vận ›');
  expect(r.stdout).not.toContain('mở khóa');
});

test('before the deadline (information, in --json): type the date once the month is typed', async () => {
  const r = await runCli(['aggregate', '--json', '--period', '2018-09', dir, '--out', path.join(tmpDir(), 'th.xlsx')], {
    env: { TONGHOP_NOW: '2018-09-17T03:00:00.000Z' },
  });
  const findings = JSON.parse(r.stdout).findings as Finding[];
  const open = findings.find((f) => f.code === 'undated-month-open');
  expect(open?.cell).toBe(cell);
  expect(open?.message).toContain('nên chưa được tính là đã nộp');
  expect(open?.message).toContain(`nhập xong hãy ghi ngày nộp (ngày/tháng/năm) ${action}`);
  expect(findings.some((f) => f.message.includes('Dân vận ›'))).toBe(false);
});
