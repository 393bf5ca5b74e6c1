/** Folders given to the CLI as users have them: a folder it may not open, macro-enabled workbooks. */
import fs from 'node:fs';
import path from 'node:path';
import { collect } from '../../src/cli/files';
import { buildCli, runCli, runCliAsNobody, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli());

describe('a folder the CLI may not open', () => {
  it('is named as not read, and the other files are read (no crash, no stack trace)', async () => {
    const dir = tmpDir();
    fs.chmodSync(dir, 0o755);
    await writeCommune(dir, 'chung-chai', 2018);
    fs.chmodSync(path.join(dir, 'chung-chai-2018.xlsx'), 0o644);
    const closed = path.join(dir, 'System Volume Information');
    fs.mkdirSync(closed);
    fs.chmodSync(closed, 0o000);
    try {
      // The parent folders of a temporary directory must let the other user through.
      const r = await runCliAsNobody(['check', dir], dir);
      if (!r) return; // no way to drop privileges here: the collect test below still runs
      expect(r.stderr + r.stdout).not.toMatch(/EACCES|at .*\.js:\d+|Lỗi không mong đợi/);
      expect(r.stdout).toContain('Không mở được thư mục System Volume Information (không có quyền đọc)');
      expect(r.stdout).toMatch(/Đã kiểm tra 1 tệp, 1 báo cáo/);
    } finally {
      fs.chmodSync(closed, 0o755);
    }
  });

  it('collect lists it apart (readdir refused), and fails with its name when nothing else is there', () => {
    const dir = tmpDir();
    const sub = path.join(dir, 'khoa');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(dir, 'a.xlsx'), 'x');
    const real = fs.readdirSync;
    const spy = jest.spyOn(fs, 'readdirSync').mockImplementation(((p: fs.PathLike, o?: unknown) => {
      if (String(p) === sub) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return (real as (p: fs.PathLike, o?: unknown) => unknown)(p, o);
    }) as typeof fs.readdirSync);
    try {
      const got = collect([dir], 'check', dir);
      expect(got.files.map((f) => f.display)).toEqual(['a.xlsx']);
      expect(got.closed.map((f) => f.display)).toEqual(['khoa']);
      expect(() => collect([sub], 'check', dir)).toThrow(/Không mở được thư mục khoa/);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('a macro-enabled workbook (.xlsm) in a folder', () => {
  it('is read like the same file named on the command line', async () => {
    const dir = tmpDir();
    const xlsx = await writeCommune(dir, 'chung-chai', 2018);
    fs.renameSync(xlsx, xlsx.replace(/\.xlsx$/, '.xlsm'));
    await writeCommune(dir, 'nam-ke', 2018);
    const r = await runCli(['check', dir]);
    expect(r.stdout).not.toContain('không phải dạng .xlsx');
    expect(r.stdout).toMatch(/Đã kiểm tra 2 tệp, 2 báo cáo/);
  });
});
