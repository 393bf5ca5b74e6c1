/**
 * A commune's report saved in another format (.ods, .xls…) found while scanning a folder: not read,
 * but when its name designates a unit without a readable report, that unit is "Không đọc được báo
 * cáo" with the file named, as when the file is named on the command line. Other such files keep
 * their warning and the units stay "Chưa báo cáo".
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Finding, Summary } from '../../src/engine/types';
import { buildCli, runCli, tmpDir, units, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

/** A folder with every commune's 2018 workbook but `without`'s, and the given other files. */
async function folder(without: string[], others: string[]): Promise<string> {
  const dir = path.join(tmpDir('tonghop-other-'), 'xa');
  for (const u of units) if (!without.includes(u.code)) await writeCommune(dir, u.code, 2018);
  for (const name of others) fs.writeFileSync(path.join(dir, name), 'PK\u0003\u0004 not really a spreadsheet');
  return dir;
}

async function aggregate(dir: string) {
  const args = ['aggregate', '--period', '2018-09', 'xa', '--out', 'tong-hop.xlsx'];
  const cwd = path.dirname(dir);
  const text = await runCli(args, { cwd });
  const json = await runCli([...args, '--json'], { cwd });
  return { text, summary: JSON.parse(json.stdout) as Summary };
}

const ofFile = (summary: Summary, name: string): Finding[] => summary.findings.filter((f) => f.file?.endsWith(name));

describe('a spreadsheet of another format in a folder', () => {
  it('named after a commune without a report: "Không đọc được báo cáo", the file named, an error', async () => {
    const dir = await folder(['nam-vi', 'pa-my'], ['Xã Nậm Vì T9.ods']);
    const { text, summary } = await aggregate(dir);
    expect(summary.unreadableUnits).toEqual(['nam-vi']);
    const [finding] = ofFile(summary, 'Xã Nậm Vì T9.ods');
    expect(finding).toMatchObject({ severity: 'error', code: 'file-unreadable', unitCode: 'nam-vi' });
    expect(finding.message).toContain('không phải dạng .xlsx');
    expect(finding.message).toContain('Theo tên tệp, đây là báo cáo của Xã Nậm Vì');
    // No "no report from Nậm Vì" beside it.
    expect(summary.findings.some((f) => f.code === 'unit-missing' && f.unitCode === 'nam-vi')).toBe(false);

    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Không đọc được báo cáo: Xã Nậm Vì (xa/Xã Nậm Vì T9.ods)');
    expect(text.stdout).toMatch(/^Chưa báo cáo: Xã Pá Mỳ$/m);
    expect(text.stdout).toContain('không đọc được báo cáo của: xã Nậm Vì');
  }, 60_000);

  it('named after no commune, or another year: a warning, never taken by elimination', async () => {
    const dir = await folder(['nam-vi'], ['bao-cao-thang-9.ods', 'nam-vi-2017.xls']);
    const { text, summary } = await aggregate(dir);
    expect(summary.unreadableUnits).toEqual([]);
    for (const name of ['bao-cao-thang-9.ods', 'nam-vi-2017.xls'])
      expect(ofFile(summary, name).map((f) => [f.severity, f.code, f.unitCode])).toEqual([
        ['warning', 'file-skipped', undefined],
      ]);
    expect(text.code).toBe(0);
    // Pá Mỳ's workbook lacks September only: Nậm Vì is the one unit without a readable report.
    expect(text.stdout).toMatch(/^Chưa báo cáo: Xã Nậm Vì; Xã Pá Mỳ$/m);
    expect(text.stdout).not.toContain('Không đọc được báo cáo');
    expect(text.stdout).not.toContain('chưa rõ của đơn vị nào');
  }, 60_000);

  it('check still names it in a warning', async () => {
    const dir = await folder(
      units.map((u) => u.code).filter((c) => c !== 'chung-chai'),
      ['Xã Nậm Vì T9.ods'],
    );
    const r = await runCli(['check', 'xa'], { cwd: path.dirname(dir) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CẢNH BÁO: Tệp xa/Xã Nậm Vì T9.ods không phải dạng .xlsx nên không đọc.');
    expect(r.stdout).toMatch(/Đã kiểm tra 1 tệp, 1 báo cáo/);
  }, 60_000);
});

describe('an .xlsx workbook named .xls or .ods in a folder', () => {
  it('is read as when named on the command line, with a warning on its name', async () => {
    const dir = await folder([], []);
    fs.renameSync(path.join(dir, 'nam-vi-2018.xlsx'), path.join(dir, 'nam-vi-2018.xls'));
    fs.renameSync(path.join(dir, 'huoi-lech-2018.xlsx'), path.join(dir, 'huoi-lech-2018.ods'));
    const { text, summary } = await aggregate(dir);
    expect(summary.unreadableUnits).toEqual([]);
    for (const code of ['nam-vi', 'huoi-lech'])
      expect(summary.completeness.rows.find((r) => r.unitCode === code)?.status).not.toBe('missing');
    for (const name of ['nam-vi-2018.xls', 'huoi-lech-2018.ods']) {
      const found = ofFile(summary, name);
      expect(found.map((f) => [f.severity, f.code])).toEqual([['warning', 'file-misnamed']]);
      expect(found[0].message).toBe(
        `Tệp xa/${name} là bảng tính .xlsx nhưng tên tệp không có đuôi .xlsx; đã đọc bình thường. Hãy đổi tên tệp cho có đuôi .xlsx (với đuôi sai, Excel báo định dạng không khớp khi mở tệp).`,
      );
    }
    expect(text.stdout).not.toContain('không phải dạng .xlsx');
    // Pá Mỳ's workbook lacks September only.
    expect(text.stdout).toMatch(/^Chưa báo cáo: Xã Pá Mỳ$/m);
  }, 60_000);

  it('a real old-format .xls is still not read, and says so', async () => {
    const dir = await folder(['nam-vi'], []);
    // An OLE compound file, as Excel 97–2003 writes .xls.
    const cfb = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    fs.writeFileSync(path.join(dir, 'nam-vi-2018.xls'), cfb);
    const { text, summary } = await aggregate(dir);
    expect(summary.unreadableUnits).toEqual(['nam-vi']);
    expect(ofFile(summary, 'nam-vi-2018.xls').map((f) => [f.severity, f.code])).toEqual([['error', 'file-unreadable']]);
    expect(text.stdout).toContain('Tệp xa/nam-vi-2018.xls không phải dạng .xlsx nên không đọc');
  }, 60_000);
});
