/** Which unit an unreadable file belongs to (src/cli/attribute-unreadable.ts). */
import fs from 'node:fs';
import path from 'node:path';
import units2025Json from '../../sheets-templates/units-2025.json';
import { attributeUnreadable, namesLastYear, unitFromFileName } from '../../src/cli/attribute-unreadable';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { parseUnitsFile } from '../../src/engine/catalogue/schema';
import { buildUnitSheet } from '../../src/engine/sheet/layout';
import type { Summary, Unit } from '../../src/engine/types';
import { buildCli, catalogue, ROOT, runCli, tmpDir, units, writeCommune } from './helpers';

const u = (code: string, name: string): Unit => ({ code, name, kind: 'xã', emails: [] }) as unknown as Unit;
const UNITS = [
  u('muong-nhe', 'Mường Nhé'),
  u('muong-nhe-moi', 'Mường Nhé Mới'),
  u('chung-chai', 'Chung Chải'),
  u('pa-my', 'Pá Mỳ'),
];

describe('unitFromFileName', () => {
  it.each([
    ['bao-cao/chung-chai-2018.xlsx', 'chung-chai'],
    ['Xã Chung Chải - tháng 9.xlsx', 'chung-chai'],
    ['CHUNG_CHAI.xlsx', 'chung-chai'],
    ['Báo cáo xã Pá Mỳ T9.xlsx', 'pa-my'],
    ['muong-nhe-moi-2018.xlsx', 'muong-nhe-moi'],
    ['Mường Nhé 2018.xlsx', 'muong-nhe'],
  ])('%s → %s', (file, code) => {
    expect(unitFromFileName(file, UNITS)?.code).toBe(code);
  });

  it.each([['bao-cao-thang-9.xlsx'], ['chungchai.xlsx'], ['chung-chai-va-pa-my.xlsx']])('%s → none', (file) => {
    expect(unitFromFileName(file, UNITS)).toBeUndefined();
  });
});

describe('attributeUnreadable', () => {
  it('by name first, then by elimination only when one file and one unit are left', () => {
    const a = attributeUnreadable(['chung-chai.xlsx', 'x.xlsx'], [UNITS[2], UNITS[3]]);
    expect(Object.fromEntries(a.byUnit)).toEqual({ 'chung-chai': ['chung-chai.xlsx'], 'pa-my': ['x.xlsx'] });
    expect(Object.fromEntries(a.how)).toEqual({ 'chung-chai.xlsx': 'name', 'x.xlsx': 'elimination' });
    expect(a.unattributed).toEqual([]);
  });

  it('two unnamed files or two units left: nobody is guessed', () => {
    expect(attributeUnreadable(['x.xlsx', 'y.xlsx'], [UNITS[3]]).unattributed).toEqual(['x.xlsx', 'y.xlsx']);
    expect(attributeUnreadable(['x.xlsx'], [UNITS[2], UNITS[3]]).byUnit.size).toBe(0);
    expect(attributeUnreadable(['x.xlsx'], []).unattributed).toEqual(['x.xlsx']);
  });
});

describe('attributeUnreadable with files taken by name only (other formats found in a folder)', () => {
  it('one named after a unit is its; one that names none is neither guessed nor in the way', () => {
    const a = attributeUnreadable(
      ['Pá Mỳ T9.ods', 'bao-cao.ods', 'x.xlsx'],
      [UNITS[2], UNITS[3]],
      new Set(['Pá Mỳ T9.ods', 'bao-cao.ods']),
    );
    expect(Object.fromEntries(a.byUnit)).toEqual({ 'pa-my': ['Pá Mỳ T9.ods'], 'chung-chai': ['x.xlsx'] });
    expect(Object.fromEntries(a.how)).toEqual({ 'Pá Mỳ T9.ods': 'name', 'x.xlsx': 'elimination' });
    expect(a.unattributed).toEqual([]);
    expect(attributeUnreadable(['bao-cao.ods'], [UNITS[3]], new Set(['bao-cao.ods'])).byUnit.size).toBe(0);
  });
});

describe('namesLastYear', () => {
  it.each([
    ['chung-chai-2017.xlsx', true],
    ['Xã Chung Chải năm 2017.xlsx', true],
    ['chung-chai-2018.xlsx', false],
    ['chung-chai-2017-2018.xlsx', false],
    ['chung-chai.xlsx', false],
    ['chung-chai-2016.xlsx', false],
    ['chung-chai-20170.xlsx', false],
  ])('%s (period 2018) → %s', (file, expected) => {
    expect(namesLastYear(file, 2018)).toBe(expected);
  });
});

describe('an unreadable last-year workbook ("so cùng kỳ") is named after its commune', () => {
  beforeAll(() => buildCli(), 120_000);

  test("a commune's 2017 file, whether or not its 2018 report was read: its unit named, this year's status kept", async () => {
    const dir = tmpDir('tonghop-unreadable-last-year-');
    for (const y of [2017, 2018]) await writeCommune(dir, 'nam-vi', y);
    await writeCommune(dir, 'chung-chai', 2018);
    // Chung Chải sent 2018; its 2017 file is damaged. Pá Mỳ sent nothing for 2018; its 2017 file is damaged.
    fs.writeFileSync(path.join(dir, 'chung-chai-2017.xlsx'), 'không phải tệp xlsx');
    fs.writeFileSync(path.join(dir, 'Pá Mỳ 2017.xlsx'), 'không phải tệp xlsx');
    const args = ['aggregate', '--period', '2018-09', dir, '--out', path.join(tmpDir(), 'th.xlsx')];

    const json = await runCli([...args, '--json']);
    const summary = JSON.parse(json.stdout) as Summary;
    const ofFile = (name: string) => summary.findings.find((f) => f.file === path.join(dir, name));
    expect(ofFile('chung-chai-2017.xlsx')).toMatchObject({ code: 'file-unreadable', unitCode: 'chung-chai' });
    expect(ofFile('chung-chai-2017.xlsx')?.message).toContain(
      'Theo tên tệp, đây là báo cáo năm 2017 của Xã Chung Chải, dùng để so sánh cùng kỳ',
    );
    expect(ofFile('Pá Mỳ 2017.xlsx')).toMatchObject({ code: 'file-unreadable', unitCode: 'pa-my' });
    expect(ofFile('Pá Mỳ 2017.xlsx')?.message).toContain('đây là báo cáo năm 2017 của Xã Pá Mỳ');
    // Neither a file of no unit, nor Pá Mỳ's 2018 report: Pá Mỳ has not reported this year.
    expect(summary.unattributedFiles).toBeUndefined();
    expect(summary.unreadableUnits).toEqual([]);
    expect(summary.completeness.rows.find((r) => r.unitCode === 'pa-my')?.status).toBe('missing');
    expect(summary.completeness.rows.find((r) => r.unitCode === 'chung-chai')?.status).not.toBe('missing');

    const text = await runCli(args);
    expect(text.stdout).toContain(
      `Không đọc được báo cáo năm 2017 (so cùng kỳ): Xã Chung Chải (${path.join(dir, 'chung-chai-2017.xlsx')}); ` +
        `Xã Pá Mỳ (${path.join(dir, 'Pá Mỳ 2017.xlsx')})`,
    );
    expect(text.stdout).not.toContain('chưa rõ của đơn vị nào');
    expect(text.stdout).toMatch(/Chưa báo cáo: [^\n]*Xã Pá Mỳ/);
  }, 60_000);

  test('after a merger: last year\'s file of an old commune is named as such, "nay thuộc" its new one', async () => {
    const parsed = parseUnitsFile(units2025Json, 'units-2025.json');
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const dir = tmpDir('tonghop-unreadable-former-');
    const write = async (unit: Unit, year: number, first: number, last: number) => {
      const values = Array.from({ length: 12 }, (_, i) => (i + 1 >= first && i + 1 <= last ? 1 : null));
      const submitted = values.map((v, i) => (v === null ? null : `${year}-${String(i + 1).padStart(2, '0')}-16`));
      const sheet = buildUnitSheet(unit, year, catalogue, { values: { TCD_LUOT: values }, submitted });
      await writeXlsx({ sheets: [sheet] }, path.join(dir, `${unit.code}-${year}.xlsx`));
    };
    const old = (code: string) => units.find((u) => u.code === code) as Unit;
    await write(parsed.value.units.find((u) => u.code === 'muong-nhe-2025') as Unit, 2025, 7, 9);
    for (const code of ['muong-nhe', 'nam-vi', 'chung-chai']) await write(old(code), 2025, 1, 6);
    for (const code of ['muong-nhe', 'chung-chai']) await write(old(code), 2024, 1, 12);
    // Old Mường Nhé's name is new Mường Nhé's too: a 2024 file can only be the old one's.
    fs.writeFileSync(path.join(dir, 'nam-vi-2024.xlsx'), 'hỏng');
    fs.renameSync(path.join(dir, 'muong-nhe-2024.xlsx'), path.join(dir, 'Mường Nhé 2024.xlsx'));
    fs.writeFileSync(path.join(dir, 'Mường Nhé 2024.xlsx'), 'hỏng');
    const units2025 = path.join(ROOT, 'sheets-templates/units-2025.json');
    const r = await runCli(
      ['aggregate', '--period', '2025-09', '--units', units2025, dir, '--out', path.join(tmpDir(), 'th.xlsx')],
      { env: { TONGHOP_NOW: '2025-10-05T02:00:00.000Z' } },
    );
    expect(r.stdout).toContain(
      `Không đọc được báo cáo năm 2024 (so cùng kỳ): Xã Mường Nhé cũ (nay thuộc xã Mường Nhé), tệp ${path.join(dir, 'Mường Nhé 2024.xlsx')}; ` +
        `Xã Nậm Vì (nay thuộc xã Mường Nhé), tệp ${path.join(dir, 'nam-vi-2024.xlsx')}`,
    );
    expect(r.stdout).toContain('đây là báo cáo năm 2024 của Xã Nậm Vì (nay thuộc xã Mường Nhé)');
    expect(r.stdout).not.toContain('chưa rõ của đơn vị nào');
    expect(r.stdout).not.toMatch(/Không đọc được báo cáo: /);
  }, 60_000);
});
