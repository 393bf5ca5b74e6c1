/**
 * Output files never destroy data: not an input workbook, not another output of the same run, not a
 * commune's workbook where `demo` writes; unwritable paths get a Vietnamese message (exit 2) and leave
 * no temporary file; a pipe closed early does not stop the run before its outputs are written.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { BIN, buildCli, NOW, runCli, tmpDir, units, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

/** Folder listing, recursively, as relative paths: what a failed write may have left behind. */
function listing(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((p) => p.split(path.sep).join('/')).sort();
}

/** English or JavaScript internals a user must never see. */
const INTERNALS =
  /Lỗi không mong đợi|ENOTDIR|EISDIR|EEXIST|illegal operation|not a directory|\.tmp\b|\bat [A-Za-z]+ \(/;

async function communes(dir: string, codes: string[], year = 2018): Promise<string[]> {
  const files: string[] = [];
  for (const c of codes) files.push(await writeCommune(dir, c, year));
  return files;
}

describe('an output path that is an input file', () => {
  test.each([
    ['--out', 'chung-chai-2018.xlsx'],
    ['--html', 'chung-chai-2018.xlsx'],
    ['--csv', 'nam-ke-2018.xlsx'],
  ])('%s naming an input workbook: refused (exit 2), the workbook untouched, nothing written', async (option, name) => {
    const dir = tmpDir('tonghop-out-in-');
    const inputs = path.join(dir, 'xa');
    await communes(inputs, ['chung-chai', 'nam-ke']);
    const target = path.join(inputs, name);
    const before = fs.readFileSync(target);
    const files = listing(dir);
    const args = ['aggregate', '--period', '2018-09', 'xa', '--out', 'tong-hop.xlsx'];
    if (option === '--out') args[5] = `xa/${name}`;
    else args.push(option, `xa/${name}`);
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    // Names the option, the output and the input it would destroy, in Vietnamese.
    expect(r.stderr).toContain(option);
    expect(r.stderr).toMatch(new RegExp(`xa/${name.replace('.', '\\.')}.*cũng là tệp báo cáo đầu vào`));
    expect(r.stderr).not.toMatch(INTERNALS);
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(listing(dir)).toEqual(files);
  });

  test('the summary of an earlier run, written into the input folder, is left out and written over', async () => {
    const dir = tmpDir('tonghop-out-again-');
    await communes(path.join(dir, 'xa'), ['chung-chai', 'nam-ke']);
    const args = ['aggregate', '--period', '2018-09', 'xa', '--out', 'xa/tong-hop.xlsx', '--json'];
    const first = await runCli(args, { cwd: dir });
    expect(first.code).toBe(0);
    const again = await runCli(args, { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Bỏ qua xa/tong-hop.xlsx: tệp này không có báo cáo của đơn vị nào');
    // The same summary: the earlier one is neither counted nor reported as a bad file.
    const totals = (out: string) =>
      (JSON.parse(out) as { indicators: { code: string; period: number | null }[] }).indicators;
    expect(totals(again.stdout)).toEqual(totals(first.stdout));
    expect(JSON.parse(again.stdout).findings).toEqual(JSON.parse(first.stdout).findings);
  });

  test('also through a symbolic link or another spelling of the path', async () => {
    const dir = tmpDir('tonghop-out-link-');
    const [file] = await communes(path.join(dir, 'xa'), ['huoi-lech']);
    const before = fs.readFileSync(file);
    fs.symlinkSync(file, path.join(dir, 'lien-ket.xlsx'));
    for (const out of ['lien-ket.xlsx', 'xa/../xa/./huoi-lech-2018.xlsx']) {
      const r = await runCli(['aggregate', '--period', '2018-09', 'xa', '--out', out], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/cũng là tệp báo cáo đầu vào xa\/huoi-lech-2018\.xlsx/);
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    }
  });

  test('report: an .eml path that is an input file is refused too', async () => {
    const dir = tmpDir('tonghop-out-eml-');
    await communes(path.join(dir, 'xa'), ['nam-vi']);
    // Any file named on the command line is an input, whatever its extension.
    fs.writeFileSync(path.join(dir, 'xa', 'bao-cao-2018-09.eml'), 'thư của xã');
    const r = await runCli(
      ['report', '--period', '2018-09', 'xa', 'xa/bao-cao-2018-09.eml', '--to', 'a@b.vn', '--outbox', 'xa'],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--outbox .*bao-cao-2018-09\.eml cũng là tệp báo cáo đầu vào/);
    expect(fs.readFileSync(path.join(dir, 'xa', 'bao-cao-2018-09.eml'), 'utf8')).toBe('thư của xã');
  });
});

describe('two outputs on one path', () => {
  test.each([
    [['--out', 'th.xlsx', '--html', 'th.xlsx'], /--out và --html cùng chỉ tới một tệp \(th\.xlsx\)/],
    [['--out', 'th.xlsx', '--html', 'bc.html', '--csv', './bc.html'], /--html và --csv cùng chỉ tới một tệp/],
    [['--html', 'tong-hop-2018-09.xlsx'], /--out \(mặc định\) và --html cùng chỉ tới một tệp/],
  ])('%j: refused before reading, nothing written', async (outputs, message) => {
    const dir = tmpDir('tonghop-out-same-');
    await communes(path.join(dir, 'xa'), ['sin-thau']);
    const files = listing(dir);
    const r = await runCli(['aggregate', '--period', '2018-09', 'xa', ...outputs], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(listing(dir)).toEqual(files);
  });

  test('distinct outputs: each printed with its own label', async () => {
    const dir = tmpDir('tonghop-out-labels-');
    await communes(path.join(dir, 'xa'), ['sin-thau']);
    const r = await runCli(['aggregate', '--period', '2018-09', 'xa', '--out', 'th.xlsx', '--csv', 'so-lieu.csv'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Đã ghi tệp tổng hợp: th.xlsx');
    expect(r.stdout).toContain('Đã ghi số liệu CSV: so-lieu.csv');
  });
});

describe('output paths that cannot be written', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tmpDir('tonghop-out-bad-');
    await communes(path.join(dir, 'xa'), ['muong-toong']);
    fs.writeFileSync(path.join(dir, 'ghi-chu'), 'một tệp thường');
    fs.mkdirSync(path.join(dir, 'ket-qua'));
  });

  test.each([
    [
      ['aggregate', '--period', '2018-09', 'xa', '--out', 'ghi-chu/th.xlsx'],
      /ghi-chu là một tệp chứ không phải thư mục/,
    ],
    [['aggregate', '--period', '2018-09', 'xa', '--out', 'ghi-chu/con/th.xlsx'], /ghi-chu là một tệp/],
    [['aggregate', '--period', '2018-09', 'xa', '--out', 'ket-qua'], /ket-qua là một thư mục; hãy ghi tên tệp đầy đủ/],
    [['aggregate', '--period', '2018-09', 'xa', '--html', 'ket-qua'], /ket-qua là một thư mục/],
    [
      ['template', '--year', '2018', '--out', 'ghi-chu', '--unit', 'nam-ke'],
      /ghi-chu là một tệp chứ không phải thư mục/,
    ],
    [
      ['report', '--period', '2018-09', 'xa', '--to', 'a@b.vn', '--from', 'h@b.vn', '--outbox', 'ghi-chu'],
      /ghi-chu là một tệp/,
    ],
  ])('%j: exit 2, a Vietnamese message naming the path, no temporary file', async (args, message) => {
    const before = listing(dir);
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Không ghi được tệp /m);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(INTERNALS);
    // Nothing written: no output, no temporary file.
    expect(listing(dir)).toEqual(before);
    expect(fs.readFileSync(path.join(dir, 'ghi-chu'), 'utf8')).toBe('một tệp thường');
  });
});

describe('a pipe closed early (`tonghop … --progress 2>&1 | head -1`)', () => {
  test('the run still ends normally: outputs written, its own exit code', async () => {
    const dir = tmpDir('tonghop-out-pipe-');
    // More than PROGRESS_MIN_FILES files, so --progress prints several lines.
    await communes(
      path.join(dir, 'xa'),
      units.map((u) => u.code),
    );
    await communes(
      path.join(dir, 'xa'),
      units.map((u) => u.code),
      2017,
    );
    const out = path.join(dir, 'th.xlsx');
    const script = `set -o pipefail; "${process.execPath}" "${BIN}" aggregate --period 2018-09 xa --progress --out "${out}" 2>&1 | head -1`;
    const env: Record<string, string | undefined> = { ...process.env, TONGHOP_NOW: NOW };
    delete env.TONGHOP_DEBUG;
    const r = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn('bash', ['-c', script], { cwd: dir, env: env as NodeJS.ProcessEnv });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(r.stdout).toMatch(/^Đang đọc \d+\/22 tệp…\n$/);
    expect(fs.existsSync(out)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.length).toBeGreaterThan(0);
    // The same exit code as without the pipe (the demo data of this helper is clean).
    const plain = await runCli(['aggregate', '--period', '2018-09', 'xa', '--out', path.join(dir, 'th2.xlsx')], {
      cwd: dir,
    });
    expect(r.code).toBe(plain.code);
  }, 120_000);
});

describe('demo --out DIR keeps commune workbooks it did not write', () => {
  /** Set cell E9 of a workbook's first sheet: a figure a commune typed. */
  async function typeFigure(file: string, value: number): Promise<void> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.worksheets[0].getCell('E9').value = value;
    await wb.xlsx.writeFile(file);
  }
  async function figure(file: string): Promise<unknown> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return wb.worksheets[0].getCell('E9').value;
  }

  test('a template filled in by a commune: refused without --force (exit 2, nothing written); replaced with it', async () => {
    const dir = tmpDir('tonghop-demo-keep-');
    expect((await runCli(['template', '--year', '2018', '--out', 'dm/xa'], { cwd: dir })).code).toBe(0);
    const file = path.join(dir, 'dm/xa/chung-chai-2018.xlsx');
    await typeFigure(file, 777);
    const before = listing(dir);

    const r = await runCli(['demo', '--out', 'dm'], { cwd: dir, env: { TONGHOP_NOW: undefined } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dm/xa/chung-chai-2018.xlsx');
    expect(r.stderr).toMatch(/không ghi đè.*--force/);
    expect(r.stdout).toBe('');
    expect(await figure(file)).toBe(777);
    expect(listing(dir)).toEqual(before);

    const forced = await runCli(['demo', '--out', 'dm', '--force'], { cwd: dir, env: { TONGHOP_NOW: undefined } });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Ghi đè (--force): dm/xa/chung-chai-2018.xlsx');
    expect(await figure(file)).not.toBe(777);
  }, 120_000);

  test('--out under a file: the true reason, not "tệp không phải do lệnh demo" pushing towards --force', async () => {
    const dir = tmpDir('tonghop-demo-under-file-');
    fs.writeFileSync(path.join(dir, 'f'), 'x');
    for (const extra of [[], ['--force']]) {
      const r = await runCli(['demo', '--out', 'f/sub', ...extra], { cwd: dir, env: { TONGHOP_NOW: undefined } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('là một tệp chứ không phải thư mục');
      expect(r.stderr).not.toContain('không phải do lệnh demo');
      expect(r.stdout).not.toContain('Ghi đè');
    }
  }, 120_000);

  test('its own files from an earlier run are replaced (npm start twice), until someone edits one', async () => {
    const dir = tmpDir('tonghop-demo-twice-');
    const first = await runCli(['demo', '--out', 'out'], { cwd: dir, env: { TONGHOP_NOW: undefined } });
    expect(first.code).toBe(0);
    const again = await runCli(['demo', '--out', 'out'], { cwd: dir, env: { TONGHOP_NOW: undefined } });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    // Another clock: other bytes (file dates), still the demo's own files, known by the marker.
    const later = await runCli(['demo', '--out', 'out'], {
      cwd: dir,
      env: { TONGHOP_NOW: '2018-09-21T09:00:00+07:00' },
    });
    expect(later.code).toBe(0);
    expect(later.stderr).toBe('');
    // The hidden marker is not read as a report.
    const check = await runCli(['check', 'out/xa'], { cwd: dir });
    expect(check.stdout).toMatch(/Đã kiểm tra 22 tệp, 22 báo cáo/);

    const file = path.join(dir, 'out/xa/nam-ke-2018.xlsx');
    await typeFigure(file, 4242);
    const edited = await runCli(['demo', '--out', 'out'], { cwd: dir, env: { TONGHOP_NOW: undefined } });
    expect(edited.code).toBe(2);
    expect(edited.stderr).toMatch(/1 tệp báo cáo .*out\/xa\/nam-ke-2018\.xlsx/);
    expect(await figure(file)).toBe(4242);
  }, 120_000);
});
