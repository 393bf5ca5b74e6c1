/** A period typed that has not ended (a wrong year, or too early): the report says its figures are not final. */
import { buildCli, runCli, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli());

it('aggregate --period of a month not over yet warns, naming the cut-off day', async () => {
  const dir = tmpDir();
  await writeCommune(dir, 'chung-chai', 2018);
  // The clock is 20/09/2018: 2019-09 was surely meant as 2018-09.
  const r = await runCli(['aggregate', '--period', '2019-09', dir, '--out', `${dir}/th.xlsx`]);
  expect(r.stdout).toContain('Kỳ báo cáo tháng 9/2019 chưa kết thúc: số liệu chốt đến hết ngày 14/09/2019');
  const ok = await runCli(['aggregate', '--period', '2018-09', dir, '--out', `${dir}/th2.xlsx`]);
  expect(ok.stdout).not.toContain('chưa kết thúc');
});
