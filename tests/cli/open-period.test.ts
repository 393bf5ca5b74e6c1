/**
 * A period typed that has not ended (too early) is warned about: its figures are not final. One
 * whose data window has not even begun (a wrong year or month) is refused, as the add-on does.
 */
import fs from 'node:fs';
import { buildCli, runCli, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli());

it('aggregate --period of a month not over yet warns, naming the cut-off day', async () => {
  const dir = tmpDir();
  await writeCommune(dir, 'chung-chai', 2018);
  // The clock is 20/09/2018: October's data window (15/09–14/10) has begun, not ended.
  const r = await runCli(['aggregate', '--period', '2018-10', dir, '--out', `${dir}/th.xlsx`]);
  expect(r.stdout).toContain('Kỳ báo cáo tháng 10/2018 chưa kết thúc: số liệu chốt đến hết ngày 14/10/2018');
  const ok = await runCli(['aggregate', '--period', '2018-09', dir, '--out', `${dir}/th2.xlsx`]);
  expect(ok.stdout).not.toContain('chưa kết thúc');
});

it('aggregate --period of a month not begun is refused, naming its first day and the last closed month', async () => {
  const dir = tmpDir();
  await writeCommune(dir, 'chung-chai', 2018);
  // 2019-09 on 20/09/2018: surely 2018-09 was meant; nothing of it can have been reported.
  for (const period of ['2019-09', '2018-11', '2019']) {
    const r = await runCli(['aggregate', '--period', period, dir, '--out', `${dir}/th-${period}.xlsx`]);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toMatch(/chưa bắt đầu: số liệu kỳ này tính từ ngày \d{2}\/\d{2}\/\d{4}/);
    expect(r.stderr + r.stdout).toContain('kỳ gần nhất đã kết thúc: tháng 9/2018');
    expect(fs.existsSync(`${dir}/th-${period}.xlsx`)).toBe(false);
  }
});
