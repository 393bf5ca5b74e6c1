/**
 * The "Ghi chú" column (R) of the commune template: a commune's remark beside a figure reaches the
 * district's summary workbook (unit, indicator, cell) and `tonghop check`; totals stay as they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { LAYOUT } from '../../src/engine/sheet/layout';
import { buildCli, catalogue, communeSheet, runCli, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

const REMARK = 'Gồm 12 suất của xã bạn chuyển sang';
const label = (code: string) => catalogue.indicators.find((i) => i.code === code)?.label as string;

/** Every string cell of the workbook, by sheet. */
async function texts(file: string): Promise<Map<string, string[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, string[]>();
  for (const ws of wb.worksheets) {
    const list: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && list.push(c.value)));
    out.set(ws.name, list);
  }
  return out;
}

async function inputs(dir: string, remark: boolean): Promise<{ row: number }> {
  fs.mkdirSync(dir, { recursive: true });
  for (const code of ['chung-chai', 'nam-ke']) await writeCommune(dir, code, 2018);
  const sheet = communeSheet('huoi-lech', 2018);
  const row = sheet.rows.findIndex((r) => r[0]?.v === 'DTN_QUA') + 1;
  if (remark) sheet.rows[row - 1][LAYOUT.noteCol - 1] = { v: REMARK, s: 'text' };
  await writeXlsx({ sheets: [sheet] }, path.join(dir, 'huoi-lech-2018.xlsx'));
  return { row };
}

test('a remark in R24 of a commune file: in the summary workbook with unit and indicator, and in check', async () => {
  const dir = tmpDir('tonghop-remarks-');
  const { row } = await inputs(path.join(dir, 'xa'), true);
  await inputs(path.join(dir, 'plain'), false);
  const r = await runCli(['aggregate', '--period', '2018-09', 'xa', '--out', 'a.xlsx', '--json'], { cwd: dir });
  expect(r.code).toBe(0);
  const plain = await runCli(['aggregate', '--period', '2018-09', 'plain', '--out', 'b.xlsx', '--json'], { cwd: dir });
  const line = `Xã Huổi Lếch, chỉ tiêu "${label('DTN_QUA')}" (ô R${row}): ${REMARK}`;
  const summary = (await texts(path.join(dir, 'a.xlsx'))).get('Tổng hợp 2018-09') ?? [];
  expect(summary).toContain(line);
  // Totals as without the remark.
  const totals = (out: string) =>
    (JSON.parse(out) as { indicators: { code: string; period: number | null; ytd: number | null }[] }).indicators.map(
      (i) => [i.code, i.period, i.ytd],
    );
  expect(totals(r.stdout)).toEqual(totals(plain.stdout));
  expect((await texts(path.join(dir, 'b.xlsx'))).get('Tổng hợp 2018-09')?.some((t) => t.includes(REMARK))).toBe(false);

  const check = await runCli(['check', 'xa'], { cwd: dir });
  expect(check.stdout).toContain(`Xã Huổi Lếch, ô R${row} (${label('DTN_QUA')}): ${REMARK} [xa/huoi-lech-2018.xlsx`);
});

const REQUEST = 'Đề nghị hỗ trợ 200 triệu đồng khắc phục sạt lở đường Huổi Lếch';
const CAVEAT = 'Số liệu tạm tính, tháng sau điều chỉnh';

/** Huổi Lếch writes a request beside the notes row and a caveat beside a figure, both in column R. */
async function requestAndCaveat(dir: string): Promise<{ note: number; figure: number }> {
  fs.mkdirSync(dir, { recursive: true });
  await writeCommune(dir, 'chung-chai', 2018);
  const sheet = communeSheet('huoi-lech', 2018);
  const note = sheet.rows.findIndex((r) => r[0]?.v === 'GHI_CHU') + 1;
  const figure = sheet.rows.findIndex((r) => r[0]?.v === 'DTN_QUA') + 1;
  sheet.rows[note - 1][LAYOUT.noteCol - 1] = { v: REQUEST, s: 'text' };
  sheet.rows[figure - 1][LAYOUT.noteCol - 1] = { v: CAVEAT, s: 'text' };
  await writeXlsx({ sheets: [sheet] }, path.join(dir, 'huoi-lech-2018.xlsx'));
  return { note, figure };
}

test('a request beside the notes row and a caveat beside a figure reach the HTML report, the narrative and the console', async () => {
  const dir = tmpDir('tonghop-remarks-out-');
  const { note, figure } = await requestAndCaveat(path.join(dir, 'xa'));
  const r = await runCli(['aggregate', '--period', '2018-09', 'xa', '--out', 'a.xlsx', '--html', 'a.html'], {
    cwd: dir,
  });
  expect(r.stderr).toBe('');
  const html = fs.readFileSync(path.join(dir, 'a.html'), 'utf8');
  expect(html).toContain(`Xã Huổi Lếch (ghi ở cột Ghi chú): ${REQUEST}.`);
  expect(html).toContain(`(ô R${figure}): ${CAVEAT}`);
  // The narrative (console and HTML) quotes the request with the notes.
  expect(r.stdout).toContain(`xã Huổi Lếch (ghi ở cột Ghi chú): ${REQUEST}`);
  expect(r.stdout).toContain(
    '2 ghi chú ở cột "Ghi chú" của báo cáo các đơn vị — xem trang "Tổng hợp 2018-09" trong tệp a.xlsx.',
  );

  const summary = (await texts(path.join(dir, 'a.xlsx'))).get('Tổng hợp 2018-09') ?? [];
  expect(summary).toContain(`Xã Huổi Lếch (ghi ở cột Ghi chú): ${REQUEST}.`);
  expect(summary).toContain(`Xã Huổi Lếch, chỉ tiêu "${label('DTN_QUA')}" (ô R${figure}): ${CAVEAT}`);
  // Once with the notes, not again as an "indicator" among the remarks.
  expect(summary.some((t) => t.includes(`(ô R${note})`))).toBe(false);
  expect(summary.some((t) => t.includes(`chỉ tiêu "${label('GHI_CHU')}"`))).toBe(false);
});

test('report: the e-mail has both remarks, and the console says where they all are', async () => {
  const dir = tmpDir('tonghop-remarks-mail-');
  const { figure } = await requestAndCaveat(path.join(dir, 'xa'));
  const r = await runCli(['report', '--period', '2018-09', 'xa', '--to', 'tinh@example.vn', '--outbox', 'outbox'], {
    cwd: dir,
  });
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain(
    '2 ghi chú ở cột "Ghi chú" của báo cáo các đơn vị — xem trang "Tổng hợp 2018-09" trong tệp tong-hop-2018-09.xlsx đính kèm thư outbox/bao-cao-2018-09.eml.',
  );
  const eml = fs.readFileSync(path.join(dir, 'outbox', 'bao-cao-2018-09.eml'), 'utf8');
  // The text part, as sent (quoted-printable or base64).
  const parts = eml.split(/\r?\n--/).filter((p) => /Content-Type: text\/plain/i.test(p));
  expect(parts).toHaveLength(1);
  const [head, ...rest] = parts[0].split(/\r?\n\r?\n/);
  const bodyRaw = rest.join('\n\n');
  const text = /base64/i.test(head)
    ? Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8')
    : Buffer.from(
        bodyRaw
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16))),
        'latin1',
      ).toString('utf8');
  const notesAt = text.indexOf('KHÓ KHĂN, VƯỚNG MẮC, KIẾN NGHỊ CỦA CƠ SỞ');
  const remarksAt = text.indexOf('GHI CHÚ CỦA CƠ SỞ BÊN CẠNH SỐ LIỆU');
  expect(notesAt).toBeGreaterThan(0);
  expect(remarksAt).toBeGreaterThan(notesAt);
  expect(text.slice(notesAt, remarksAt)).toContain(`- Xã Huổi Lếch (ghi ở cột Ghi chú): ${REQUEST}.`);
  expect(text.slice(remarksAt)).toContain(`(ô R${figure}): ${CAVEAT}`);
});
