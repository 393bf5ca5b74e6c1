/**
 * What a district officer types into the configuration files: texts with spaces around them or
 * typed on a Mac (NFD), e-mail settings the command does not use, two units of one name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildCli, ROOT, runCli, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

const readJson = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'sheets-templates', name), 'utf8'));
const nfd = (t: string) => t.normalize('NFD');

describe('configuration texts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tmpDir('tonghop-config-texts-');
    await writeCommune(path.join(dir, 'xa'), 'chung-chai', 2018, { 'DTN_QUA:9': 'abc' });
  });

  test('names and labels with spaces around them or in NFD reach the messages trimmed and in NFC', async () => {
    const catalogue = readJson('catalogue.json');
    for (const i of catalogue.indicators) if (i.code === 'DTN_QUA') i.label = `${nfd('Suất quà tặng')} `;
    const units = readJson('units.json');
    for (const u of units.units) if (u.code === 'chung-chai') u.name = ` ${nfd('Chung Chải')} `;
    fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify(catalogue));
    fs.writeFileSync(path.join(dir, 'u.json'), JSON.stringify(units));
    const r = await runCli(['check', 'xa', '--catalogue', 'c.json', '--units', 'u.json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Xã Chung Chải, ô [A-Z]+\d+ \(Suất quà tặng, tháng 9\)/);
    expect(r.stdout).toBe(r.stdout.normalize('NFC'));
  });
});

describe('a mistyped e-mail setting stops only `report`', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tmpDir('tonghop-config-email-');
    await writeCommune(path.join(dir, 'xa'), 'chung-chai', 2018);
    const settings = readJson('settings.json');
    fs.writeFileSync(
      path.join(dir, 's.json'),
      JSON.stringify({ ...settings, recipients: ['bandanvan@muongnhe', 'bdv@muongnhe.vn '], sendDay: 31 }),
    );
  });
  const warned =
    /CẢNH BÁO: .*s\.json: "recipients" → mục thứ 1 \(người nhận báo cáo\): "bandanvan@muongnhe" không phải địa chỉ e-mail hợp lệ \(mục này chỉ dùng khi gửi báo cáo bằng lệnh report/;

  test('aggregate, check and template run, with a warning quoting the address', async () => {
    const runs = [
      ['aggregate', '--period', '2018-09', 'xa', '--settings', 's.json', '--out', 'th.xlsx'],
      ['check', 'xa', '--settings', 's.json'],
      ['template', '--year', '2018', '--unit', 'chung-chai', '--settings', 's.json', '--out', 'mau'],
    ];
    for (const args of runs) {
      const r = await runCli(args, { cwd: dir });
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(r.stdout).toMatch(warned);
      expect(r.stdout).toMatch(/"sendDay" \(ngày gửi báo cáo\): 31 phải nhỏ hơn hoặc bằng 28 \(mục này chỉ dùng/);
      // The address with a space after it is the one meant: no warning of it.
      expect(r.stdout).not.toContain('bdv@muongnhe.vn');
    }
    expect(fs.existsSync(path.join(dir, 'th.xlsx'))).toBe(true);
  });

  test('report refuses it (exit 2), quoting the address', async () => {
    const r = await runCli(['report', '--period', '2018-09', 'xa', '--settings', 's.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '"recipients" → mục thứ 1 (người nhận báo cáo): "bandanvan@muongnhe" không phải địa chỉ e-mail hợp lệ',
    );
  });

  test('a mistake in another setting still stops every command', async () => {
    const settings = readJson('settings.json');
    fs.writeFileSync(path.join(dir, 's2.json'), JSON.stringify({ ...settings, recipients: ['x@y'], cutoffDay: 31 }));
    const r = await runCli(['check', 'xa', '--settings', 's2.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"cutoffDay" (ngày chốt số liệu): 31 phải nhỏ hơn hoặc bằng 28');
    expect(r.stderr).toContain('"recipients" → mục thứ 1 (người nhận báo cáo): "x@y"');
  });
});

describe('two units of one name', () => {
  test('the units file check warns, naming both entries', async () => {
    const dir = tmpDir('tonghop-config-names-');
    await writeCommune(path.join(dir, 'xa'), 'chung-chai', 2018);
    const units = readJson('units.json');
    units.units.push({ code: 'chung-chai-np', name: 'Chung Chải', kind: 'xã', emails: [] });
    fs.writeFileSync(path.join(dir, 'u.json'), JSON.stringify(units));
    for (const args of [
      ['check', 'xa', '--units', 'u.json'],
      ['aggregate', '--period', '2018-09', 'xa', '--units', 'u.json', '--out', 'th.xlsx'],
    ]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(
        /CẢNH BÁO: .*u\.json: Đơn vị thứ 1 \(mã chung-chai\) và Đơn vị thứ 12 \(mã chung-chai-np\) cùng tên "Xã Chung Chải"/,
      );
    }
  });
});

describe('a rule naming an indicator no longer in the catalogue file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tmpDir('tonghop-config-rule-');
    await writeCommune(path.join(dir, 'xa'), 'chung-chai', 2018);
    // DON_KHAC removed from the indicators, the rule DON_THEO_LINH_VUC (which sums it) forgotten.
    const catalogue = readJson('catalogue.json');
    catalogue.indicators = catalogue.indicators.filter((i: { code: string }) => i.code !== 'DON_KHAC');
    expect(catalogue.rules.some((r: { code: string }) => r.code === 'DON_THEO_LINH_VUC')).toBe(true);
    fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify(catalogue));
  });
  const warned =
    /CẢNH BÁO: .*c\.json: quy tắc "DON_THEO_LINH_VUC" dùng mã chỉ tiêu "DON_KHAC" không có trong danh mục, nên quy tắc này không được dùng để kiểm tra .*Hãy sửa tệp danh mục/;

  test('is left out with a warning naming the rule and the code; check and aggregate run', async () => {
    const runs = [
      ['check', 'xa', '--catalogue', 'c.json'],
      ['aggregate', '--period', '2018-09', 'xa', '--catalogue', 'c.json', '--out', 'th.xlsx'],
    ];
    for (const args of runs) {
      const r = await runCli(args, { cwd: dir });
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(r.stdout).toMatch(warned);
    }
    expect(fs.existsSync(path.join(dir, 'th.xlsx'))).toBe(true);
  });

  test('the other rules still apply', async () => {
    const bad = path.join(dir, 'sai');
    await writeCommune(bad, 'chung-chai', 2018, { 'DON_TONG:9': '1000' });
    const r = await runCli(['check', 'sai', '--catalogue', 'c.json', '--json'], { cwd: dir });
    const findings = JSON.parse(r.stdout).findings as { code: string; message: string }[];
    const rules = findings.filter((f) => f.code === 'rule-violation');
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((f) => !f.message.includes('đất đai + Đề án 79'))).toBe(true);
  });
});
