/**
 * A commune renamed without merging (one old commune become one new one, under a new code) keeps its
 * old workbook and goes on typing July–December there. With no report of the new code that year, those
 * months are the renamed commune's: counted, with a warning naming the file; the merger of units-2025.json
 * beside it keeps leaving out an old commune's months after its merger. Real .xlsx through the CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import units2025Json from '../../sheets-templates/units-2025.json';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { buildUnitSheet } from '../../src/engine/sheet/layout';
import type { Summary, Unit } from '../../src/engine/types';
import { buildCli, catalogue, runCli, tmpDir } from './helpers';

const NOW = '2025-10-05T02:00:00.000Z';
const dir = tmpDir('tonghop-renamed-');

const muongPhang: Unit = { code: 'muong-phang', name: 'Mường Phăng', kind: 'xã', emails: [] };
const renamed = {
  code: 'muong-phang-moi',
  name: 'Mường Phăng Mới',
  kind: 'xã',
  emails: [],
  succession: { from: '2025-07-01', predecessors: ['muong-phang'] },
};
const unitsPath = path.join(dir, 'units.json');
const byCode = (code: string) =>
  [...units2025Json.units, ...units2025Json.formerUnits].find((u) => u.code === code) as Unit;

/** `unit`'s workbook of `year` in folder `folder`, TCD_LUOT `value` in months first..last, sent on the 16th. */
async function commune(folder: string, unit: Unit, year: number, first: number, last: number, value: number) {
  const values = Array.from({ length: 12 }, (_, i) => (i + 1 >= first && i + 1 <= last ? value : null));
  const submitted = values.map((v, i) => (v === null ? null : `${year}-${String(i + 1).padStart(2, '0')}-16`));
  const sheet = buildUnitSheet(unit, year, catalogue, { values: { TCD_LUOT: values }, submitted });
  fs.mkdirSync(folder, { recursive: true });
  await writeXlsx({ sheets: [sheet] }, path.join(folder, `${unit.code}-${year}.xlsx`));
}

/** `tonghop aggregate` of `folder` for `period`, run the 5th of the month after: its console output, or its summary with --json. */
const run = (folder: string, period = '2025-09', json = true) =>
  runCli(
    [
      'aggregate',
      '--period',
      period,
      '--units',
      unitsPath,
      '--out',
      path.join(dir, 'tong-hop.xlsx'),
      ...(json ? ['--json'] : []),
      folder,
    ],
    { env: { TONGHOP_NOW: period === '2025-09' ? NOW : '2025-11-05T02:00:00.000Z' } },
  );
const aggregate = async (folder: string, period = '2025-09') => {
  const r = await run(folder, period);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Summary;
};
const luot = (s: Summary) => {
  const i = s.indicators.find((x) => x.code === 'TCD_LUOT');
  return [i?.period, i?.ytd];
};
const row = (s: Summary, code: string) => s.completeness.rows.find((r) => r.unitCode === code);

beforeAll(async () => {
  buildCli();
  fs.writeFileSync(
    unitsPath,
    JSON.stringify({
      units: [...units2025Json.units, renamed],
      formerUnits: [...units2025Json.formerUnits, { code: 'muong-phang', name: 'Mường Phăng', kind: 'xã' }],
    }),
  );
}, 120_000);

test('a renamed commune going on in its old workbook: July–September counted as the new one’s, with a warning', async () => {
  const xa = path.join(dir, 'goes-on');
  await commune(xa, muongPhang, 2025, 1, 9, 1);
  // The merger beside it: Mường Nhé's old communes to June; the old Mường Nhé typing on after it.
  await commune(xa, byCode('muong-nhe'), 2025, 1, 9, 5);
  await commune(xa, byCode('nam-vi'), 2025, 1, 6, 1);
  await commune(xa, byCode('chung-chai'), 2025, 1, 6, 1);
  await commune(xa, byCode('muong-nhe-2025'), 2025, 7, 9, 10);
  const s = await aggregate(xa);
  // September: Mường Phăng Mới 1 + Mường Nhé 10 (the old Mường Nhé's 5 left out, as before).
  // Year to date: 9 + (6 × 5 + 6 + 6 + 3 × 10).
  expect(luot(s)).toEqual([11, 81]);
  expect(row(s, 'muong-phang-moi')?.status).not.toBe('missing');
  expect(row(s, 'muong-phang-moi')?.missingMonths).toEqual([]);
  const said = s.findings.map((f) => f.message);
  expect(said.filter((m) => m.includes('units.json'))).toEqual([]);
  expect(said).toContain(
    `Xã Mường Phăng (nay là xã Mường Phăng Mới) vẫn ghi số liệu tháng 7–9 năm 2025 vào tệp ${path.join(xa, 'muong-phang-2025.xlsx')}, ` +
      'trang "Mường Phăng 2025", sau khi đổi tên: vì xã Mường Phăng Mới chưa có báo cáo riêng năm 2025, các tháng này ' +
      'được tính là số liệu của xã Mường Phăng Mới. Từ năm 2026, hãy báo cáo vào mẫu mới của xã Mường Phăng Mới ' +
      '(mã đơn vị muong-phang-moi), không ghi tiếp vào tệp cũ',
  );
  expect(said.join('\n')).not.toContain('Xã Mường Phăng (nay thuộc');
  expect(said.join('\n')).toContain('Xã Mường Nhé cũ (nay thuộc xã Mường Nhé) vẫn có số liệu tháng 7–9 năm 2025');
});

test('a renamed commune with a report of its own: the old workbook’s later months stay left out', async () => {
  const xa = path.join(dir, 'own');
  await commune(xa, muongPhang, 2025, 1, 9, 1);
  await commune(xa, renamed, 2025, 7, 9, 10);
  const s = await aggregate(xa);
  // September: 10 (its own); year to date: 6 + 30 — the old workbook's July–September not added.
  expect(luot(s)).toEqual([10, 36]);
  const said = s.findings.map((f) => f.message).join('\n');
  expect(said).toContain(
    'Xã Mường Phăng (nay là xã Mường Phăng Mới) vẫn có số liệu tháng 7–9 năm 2025, sau khi đổi tên: ' +
      'các tháng này không được tính (từ khi đổi tên chỉ tính báo cáo của xã Mường Phăng Mới)',
  );
  expect(said).not.toContain('sáp nhập:');
  expect(said).not.toContain('được tính là số liệu của');
});

test('a renamed commune that began its new template in October: July–September of the old workbook said as in September, not as a wrong date', async () => {
  const xa = path.join(dir, 'october');
  await commune(xa, muongPhang, 2025, 1, 9, 1);
  await commune(xa, renamed, 2025, 10, 10, 1);
  const opening =
    `Xã Mường Phăng (nay là xã Mường Phăng Mới) vẫn ghi số liệu tháng 7–9 năm 2025 vào tệp ${path.join(xa, 'muong-phang-2025.xlsx')}, ` +
    'trang "Mường Phăng 2025", sau khi đổi tên: vì xã Mường Phăng Mới ';
  const sept = (await aggregate(xa, '2025-09')).findings.map((f) => f.message);
  expect(sept.filter((m) => m.startsWith(opening))).toHaveLength(1);
  const s = await aggregate(xa, '2025-10');
  // October: 1; year to date: January–September of the old workbook and October of the new one.
  expect(luot(s)).toEqual([1, 10]);
  const said = s.findings.map((f) => f.message);
  expect(said).toContain(
    `${opening}chỉ báo cáo vào mẫu mới từ tháng 10, các tháng này được tính là số liệu của xã Mường Phăng Mới. ` +
      'Hãy tiếp tục báo cáo vào mẫu mới của xã Mường Phăng Mới (mã đơn vị muong-phang-moi), không ghi vào tệp cũ',
  );
  expect(s.findings.map((f) => f.code)).not.toContain('merger-date-slip');
  expect(said.filter((m) => m.includes('Mường Phăng')).join('\n')).not.toMatch(
    /sáp nhập|các đơn vị cũ|kiểm tra lại ngày/i,
  );
});

test('a renamed commune’s unreadable workbooks: "nay là" in every line of one run, never "nay thuộc"', async () => {
  const xa = path.join(dir, 'unreadable');
  await commune(xa, muongPhang, 2025, 1, 9, 1);
  // Last year's workbook, for "so cùng kỳ", is damaged.
  fs.writeFileSync(path.join(xa, 'muong-phang-2024.xlsx'), 'không phải tệp Excel');
  const r = await run(xa, '2025-09', false);
  const out = `${r.stdout}\n${r.stderr}`;
  const lastYear = path.join(xa, 'muong-phang-2024.xlsx');
  expect(out).toContain(
    `Không đọc được báo cáo năm 2024 (so cùng kỳ): Xã Mường Phăng (nay là xã Mường Phăng Mới), tệp ${lastYear}`,
  );
  expect(out).toContain(
    'Theo tên tệp, đây là báo cáo năm 2024 của Xã Mường Phăng (nay là xã Mường Phăng Mới), dùng để',
  );
  expect(out).toContain('Xã Mường Phăng (nay là xã Mường Phăng Mới) vẫn ghi số liệu tháng 7–9 năm 2025');
  expect(out).not.toContain('nay thuộc xã Mường Phăng Mới');
});
