/** Writing a run's outputs: said exactly which were written when one fails; a read-only file kept. */
import fs from 'node:fs';
import path from 'node:path';
import { buildCli, runCli, runCliAsNobody, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli());

async function communes(): Promise<string> {
  const dir = tmpDir();
  const xa = path.join(dir, 'xa');
  fs.mkdirSync(xa);
  for (const code of ['chung-chai', 'nam-ke']) await writeCommune(xa, code, 2018);
  return dir;
}

describe('aggregate outputs', () => {
  it('a failed --html says the .xlsx was written and the .csv was not', async () => {
    const dir = await communes();
    // A folder the user may not write in: found only when writing, after the .xlsx was written.
    fs.chmodSync(dir, 0o777);
    const ro = path.join(dir, 'rodir');
    fs.mkdirSync(ro);
    fs.chmodSync(ro, 0o555);
    const r = await runCliAsNobody(
      ['aggregate', '--period', '2018-09', 'xa', '--out', 'ok.xlsx', '--html', 'rodir/a.html', '--csv', 'ok.csv'],
      dir,
    );
    if (!r) return; // root without setpriv: nothing to try
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toMatch(
      /Không ghi được tệp rodir\/a\.html: [^\n]*\. Đã ghi: ok\.xlsx\. Chưa ghi: ok\.csv\./,
    );
    expect(fs.existsSync(path.join(dir, 'ok.xlsx'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'ok.csv'))).toBe(false);
  });

  it('a summary marked read-only is not replaced', async () => {
    const dir = await communes();
    const out = path.join(dir, 'tong-hop.xlsx');
    fs.writeFileSync(out, 'bản cuối');
    fs.chmodSync(out, 0o444);
    const r = await runCli(['aggregate', '--period', '2018-09', 'xa', '--out', 'tong-hop.xlsx'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toContain('chế độ chỉ đọc');
    expect(fs.readFileSync(out, 'utf8')).toBe('bản cuối');
  });
});

describe('aggregate --out names', () => {
  it('refuses an empty --out and a name Excel would not open as an .xlsx', async () => {
    const dir = await communes();
    for (const [out, said] of [
      ['', 'Tùy chọn --out cần một giá trị'],
      ['th.xls', 'tên tệp phải có đuôi .xlsx'],
      ['tong-hop', 'tên tệp phải có đuôi .xlsx'],
    ]) {
      const r = await runCli(['aggregate', '--period', '2018-09', 'xa', '--out', out], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr + r.stdout).toContain(said);
    }
    expect(fs.readdirSync(dir).sort()).toEqual(['xa']);
  });
});
