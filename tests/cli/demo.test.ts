/** `tonghop demo` (what `npm start` runs): the three outputs, the completeness and the narrative; bin's rebuild. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { buildCli, ROOT, runCli, tmpDir } from './helpers';

beforeAll(() => buildCli(), 120_000);

test('demo --out DIR writes the commune workbooks, summary .xlsx, HTML and .eml, and prints them', async () => {
  const cwd = tmpDir('tonghop-demo-');
  const r = await runCli(['demo', '--out', 'out'], { cwd, env: { TONGHOP_NOW: undefined } });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);

  const out = path.join(cwd, 'out');
  expect(fs.readdirSync(path.join(out, 'xa'))).toHaveLength(22);
  for (const f of ['tong-hop-2018-09.xlsx', 'bao-cao-2018-09.html', 'outbox/bao-cao-2018-09.eml'])
    expect(fs.statSync(path.join(out, f)).size).toBeGreaterThan(1000);
  for (const p of ['out/tong-hop-2018-09.xlsx', 'out/bao-cao-2018-09.html', 'out/outbox/bao-cao-2018-09.eml'])
    expect(r.stdout).toContain(p);

  // Completeness: one commune late, one not reported.
  expect(r.stdout).toMatch(/Đã báo cáo: 10\/11/);
  expect(r.stdout).toMatch(/Báo cáo muộn: .*Sen Thượng/);
  // Late, yet before the demo's clock (20/09/2018): a date after the run would not count as sent.
  expect(r.stdout).toMatch(/Báo cáo muộn: [^\n]*Sen Thượng[^\n]*19\/09\/2018/);
  expect(r.stdout).not.toContain('ngày tổng hợp');
  expect(r.stdout).toMatch(/Chưa báo cáo: .*Pá Mỳ/);
  // The narrative tells the article's story.
  expect(r.stdout).toContain('NHẬN XÉT');
  expect(r.stdout).toMatch(/115 hộ/);
  // The total of petitions, its parts in brackets, then its own comparison.
  expect(r.stdout).toMatch(/tiếp nhận 50 đơn thư \(trong đó [^)]*\), tăng 21 đơn so cùng kỳ/);
  expect(r.stdout).toMatch(/1\.000 lượt/);
  // The deliberate faults are found.
  for (const t of ['"abc"', '"-3"', '"1,000"']) expect(r.stdout).toContain(t);
  // Mường Nhé's note was typed in TCVN3: the narrative quotes it as meant, and a warning says so.
  expect(r.stdout).toContain('xã Mường Nhé: Một số hộ chưa đồng thuận mức bồi thường');
  expect(r.stdout).toMatch(/Xã Mường Nhé, ô M48 [^\n]*bảng mã TCVN3/);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, 'tong-hop-2018-09.xlsx'));
  expect(wb.worksheets.map((w) => w.name)).toContain('Huyện Mường Nhé 2018');
  const html = fs.readFileSync(path.join(out, 'bao-cao-2018-09.html'), 'utf8');
  expect(html).toContain('Sen Thượng');
  expect(html).not.toMatch(/<script/i);
}, 60_000);

test('bin/tonghop.js builds dist/cli.js when it is missing, and rebuilds it when src/ is newer', async () => {
  const copy = tmpDir('tonghop-clone-');
  for (const d of ['bin', 'scripts', 'src', 'sheets-templates'])
    fs.cpSync(path.join(ROOT, d), path.join(copy, d), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(copy, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  const bundle = path.join(copy, 'dist/cli.js');
  const run = () =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [path.join(copy, 'bin/tonghop.js'), '--help'], {
        cwd: copy,
        stdio: 'ignore',
      });
      child.on('close', resolve);
    });

  expect(fs.existsSync(bundle)).toBe(false);
  expect(await run()).toBe(0);
  expect(fs.existsSync(bundle)).toBe(true);

  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(bundle, old, old);
  fs.utimesSync(path.join(copy, 'src/cli/main.ts'), new Date(), new Date());
  expect(await run()).toBe(0);
  expect(fs.statSync(bundle).mtimeMs).toBeGreaterThan(old.getTime() + 1000);
}, 60_000);
