/** `tonghop check --year Y` checks only that year's sheets, as its help says. */
import { buildCli, runCli, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli());

describe('check --year', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tmpDir();
    // 2018 with the demo's deliberate faults ("-3" in Nậm Kè's sheet), 2017 clean.
    for (const code of ['nam-ke', 'chung-chai']) {
      await writeCommune(dir, code, 2018, {}, true);
      await writeCommune(dir, code, 2017);
    }
  });

  it('leaves out the other years’ sheets and their errors, with one warning each that it is of another year', async () => {
    const r = await runCli(['check', '--year', '2017', dir]);
    expect(r.stdout).not.toContain('LỖI');
    expect(r.stdout.match(/CẢNH BÁO: [^\n]*báo cáo năm 2018/g)).toHaveLength(2);
    expect(r.stdout).toContain('Đã kiểm tra 4 tệp, 2 báo cáo năm 2017: 0 lỗi, 2 cảnh báo.');
    expect(r.code).toBe(0);
  });

  it('still finds the errors of the year asked', async () => {
    const r = await runCli(['check', '--year', '2018', dir]);
    expect(r.stdout).toContain('"-3" là số âm');
    expect(r.stdout).toContain('2 báo cáo năm 2018');
    expect(r.code).toBe(1);
  });

  it('says when no sheet is of that year', async () => {
    const r = await runCli(['check', '--year', '2016', dir]);
    expect(r.stdout).toContain('không có trang báo cáo nào của năm 2016');
    expect(r.stdout).not.toContain('LỖI');
  });
});
