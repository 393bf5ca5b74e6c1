/**
 * The narrative quotes a long note in part and points to the notes' own section ("trích; xem đủ ở
 * mục …"), which the console does not show: the console says where that section is.
 */
import path from 'node:path';
import { buildCli, runCli, tmpDir, writeCommune } from './helpers';

const NOW = { TONGHOP_NOW: '2018-09-20T10:00:00+07:00' };
const SECTION =
  'Mục "Khó khăn, vướng mắc, kiến nghị của cơ sở" (ý kiến đầy đủ của các đơn vị) ở trang "Tổng hợp 2018-09"';

beforeAll(() => buildCli());

test('a note quoted in part: the console names the section, sheet and file with it in full', async () => {
  const dir = tmpDir('tonghop-notes-console-');
  const long = `Đề nghị hỗ trợ kinh phí sửa đường liên bản bị sạt lở. ${'Cần khảo sát lại các điểm sạt. '.repeat(12)}`;
  await writeCommune(path.join(dir, 'xa'), 'nam-ke', 2018, { 'GHI_CHU:9': long });
  await writeCommune(path.join(dir, 'xa'), 'chung-chai', 2018);
  const r = await runCli(['aggregate', '--period', '2018-09', 'xa', '--out', 'th.xlsx'], { cwd: dir, env: NOW });
  expect(r.stdout).toContain('(trích; xem đủ ở mục "Khó khăn, vướng mắc, kiến nghị của cơ sở")');
  expect(r.stdout).toContain(`${SECTION} trong tệp th.xlsx.`);
}, 60_000);

test('notes quoted in full: no such line', async () => {
  const dir = tmpDir('tonghop-notes-console-short-');
  await writeCommune(path.join(dir, 'xa'), 'nam-ke', 2018, { 'GHI_CHU:9': 'Đường liên bản sạt lở' });
  const r = await runCli(['aggregate', '--period', '2018-09', 'xa', '--out', 'th.xlsx'], { cwd: dir, env: NOW });
  expect(r.stdout).toContain('Đường liên bản sạt lở');
  expect(r.stdout).not.toContain(SECTION);
}, 60_000);
