/**
 * Lock files of a workbook open in Excel ("~$x.xlsx") or LibreOffice (".~lock.x.xlsx#"): named on
 * the command line (a shell's `*.xlsx` takes "~$x.xlsx" in) they are skipped as in a folder, with a
 * line saying the workbook is open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { collect, lockedWorkbook } from '../../src/cli/files';
import { buildCli, runCli, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

describe('a lock file named on the command line', () => {
  it('is skipped with a line that its workbook is open, not an unreadable file', async () => {
    const dir = tmpDir('tonghop-lock-');
    await writeCommune(dir, 'nam-ke', 2018);
    fs.writeFileSync(path.join(dir, '~$nam-ke-2018.xlsx'), 'khóa của Excel');
    const r = await runCli(['check', 'nam-ke-2018.xlsx', '~$nam-ke-2018.xlsx'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('không phải tệp Excel');
    expect(r.stdout).toMatch(/Đã kiểm tra 1 tệp, 1 báo cáo/);
    expect(r.stderr).toContain(
      'Bỏ qua ~$nam-ke-2018.xlsx: đây là tệp khóa Excel/LibreOffice tạo ra khi nam-ke-2018.xlsx đang được mở',
    );
    const json = JSON.parse(
      (await runCli(['check', '--json', 'nam-ke-2018.xlsx', '~$nam-ke-2018.xlsx'], { cwd: dir })).stdout,
    );
    expect([json.files, json.unreadableFiles]).toEqual([1, 0]);

    const agg = await runCli(['aggregate', '--period', '2018-09', '--json', 'nam-ke-2018.xlsx', '~$nam-ke-2018.xlsx'], {
      cwd: dir,
    });
    const summary = JSON.parse(agg.stdout);
    expect(summary.findings.filter((f: { file?: string }) => f.file?.includes('~$'))).toEqual([]);
  }, 60_000);

  it('alone: nothing to read (exit 3), and the message says why', async () => {
    const dir = tmpDir('tonghop-lock-');
    fs.writeFileSync(path.join(dir, '~$nam-ke-2018.xlsx'), 'khóa của Excel');
    const r = await runCli(['check', '~$nam-ke-2018.xlsx'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Không tìm thấy tệp .xlsx nào');
    expect(r.stderr).toContain('nam-ke-2018.xlsx đang được mở');
  }, 60_000);

  it('collect lists Excel’s and LibreOffice’s apart; a hidden workbook named explicitly is still read', () => {
    const dir = tmpDir('tonghop-lock-');
    for (const name of ['a.xlsx', '~$a.xlsx', '.~lock.a.xlsx#', '.an.xlsx'])
      fs.writeFileSync(path.join(dir, name), 'x');
    const got = collect(['a.xlsx', '~$a.xlsx', '.~lock.a.xlsx#', '.an.xlsx'], 'check', dir);
    expect(got.files.map((f) => f.display)).toEqual(['.an.xlsx', 'a.xlsx']);
    expect(got.locked.map((f) => f.display)).toEqual(['.~lock.a.xlsx#', '~$a.xlsx']);
    expect(lockedWorkbook(path.join(dir, '~$a.xlsx'))).toBe(path.join(dir, 'a.xlsx'));
    expect(lockedWorkbook(path.join(dir, '.~lock.a.xlsx#'))).toBe(path.join(dir, 'a.xlsx'));
    expect(lockedWorkbook(path.join(dir, 'a.xlsx'))).toBeUndefined();
  });
});
