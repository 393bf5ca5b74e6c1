/**
 * The units file's "formerUnits": the old communes of the 2025 reform, named. Mường Nhé's 11 old
 * communes sent their 2024 reports and 2025 up to June (1 a month), the 5 new ones July–September
 * (10 a month); Na Cô Sa (of Nậm Pồ, now in Quảng Lâm) sent nothing. With sheets-templates/units-2025.json
 * the messages name every old commune; without "formerUnits", as before, Na Cô Sa only by its code.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import units2025Json from '../../sheets-templates/units-2025.json';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { parseUnitsFile } from '../../src/engine/catalogue/schema';
import { buildUnitSheet } from '../../src/engine/sheet/layout';
import type { Summary, Unit } from '../../src/engine/types';
import { buildCli, catalogue, ROOT, runCli, tmpDir, units } from './helpers';

const NOW = '2025-10-05T02:00:00.000Z';
const UNITS_2025 = path.join(ROOT, 'sheets-templates/units-2025.json');
const dir = tmpDir('tonghop-former-');
const xa = path.join(dir, 'xa');

const parsed = parseUnitsFile(units2025Json, 'units-2025.json');
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const newUnits = parsed.value.units;

/** A commune's workbook of `year` with TCD_LUOT `value` in months first..last, submitted on the 16th. */
async function commune(unit: Unit, year: number, first: number, last: number, value: number): Promise<void> {
  const values = Array.from({ length: 12 }, (_, i) => (i + 1 >= first && i + 1 <= last ? value : null));
  const submitted = values.map((v, i) => (v === null ? null : `${year}-${String(i + 1).padStart(2, '0')}-16`));
  const sheet = buildUnitSheet(unit, year, catalogue, { values: { TCD_LUOT: values }, submitted });
  await writeXlsx({ sheets: [sheet] }, path.join(xa, `${unit.code}-${year}.xlsx`));
}

/** A units file of its own in the test folder. */
function unitsFile(name: string, data: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(data));
  return file;
}

const aggregate = (unitsPath: string) =>
  runCli(
    ['aggregate', '--period', '2025-09', '--units', unitsPath, '--out', path.join(dir, 'tong-hop.xlsx'), '--json', xa],
    { env: { TONGHOP_NOW: NOW } },
  );

const luot = (s: Summary) => {
  const i = s.indicators.find((x) => x.code === 'TCD_LUOT');
  return [i?.period, i?.ytd, i?.lastYearPeriod, i?.lastYearYtd];
};

beforeAll(async () => {
  buildCli();
  fs.mkdirSync(xa, { recursive: true });
  for (const u of units) {
    await commune(u, 2024, 1, 12, 1);
    await commune(u, 2025, 1, 6, 1);
  }
  for (const u of newUnits) await commune(u, 2025, 7, 9, 10);
}, 120_000);

test('sheets-templates/units-2025.json names every old commune of its mergers', () => {
  const { formerUnits, warnings } = parsed.ok ? parsed.value : { formerUnits: [], warnings: [''] };
  const predecessors = newUnits.flatMap((u) => u.succession?.predecessors ?? []);
  expect(formerUnits.map((u) => u.code).sort()).toEqual([...predecessors].sort());
  expect(warnings).toEqual([]);
  expect(formerUnits.find((u) => u.code === 'na-co-sa')).toEqual({
    code: 'na-co-sa',
    name: 'Na Cô Sa',
    kind: 'xã',
    emails: [],
  });
  // The same names as the 2018 list, where both have the commune.
  for (const u of units) expect(formerUnits.find((f) => f.code === u.code)?.name).toBe(u.name);
});

test('aggregate: an old commune that sent nothing is named from "formerUnits"; without it, by code as before', async () => {
  const named = await aggregate(UNITS_2025);
  expect(named.stderr).toBe('');
  const summary = JSON.parse(named.stdout) as Summary;
  expect(luot(summary)).toEqual([50, 216, 11, 99]);
  const said = summary.findings.map((f) => f.message).join('\n');
  expect(said).toContain('Xã Na Cô Sa (nay thuộc xã Quảng Lâm) không có báo cáo năm 2025');
  expect(said).toContain('Xã Na Cô Sa (nay thuộc xã Quảng Lâm) không có báo cáo năm 2024');
  expect(said).not.toContain('mã "na-co-sa"');

  const { formerUnits: _, ...without } = units2025Json;
  const plain = JSON.parse((await aggregate(unitsFile('units-plain.json', without))).stdout) as Summary;
  expect(luot(plain)).toEqual([50, 216, 11, 99]);
  expect(plain.findings.map((f) => f.message).join('\n')).toContain(
    'Đơn vị cũ mã "na-co-sa" (nay thuộc xã Quảng Lâm) không có báo cáo năm 2025',
  );
});

test('a mistake in "formerUnits" is refused with its place; an unused entry is a warning', async () => {
  const twice = await aggregate(
    unitsFile('units-twice.json', {
      ...units2025Json,
      formerUnits: [...units2025Json.formerUnits, { code: 'nam-vi', name: 'Nậm Vì' }],
    }),
  );
  expect(twice.code).toBe(2);
  expect(twice.stderr).toContain('mã đơn vị cũ "nam-vi" bị trùng');

  const unnamed = await aggregate(
    unitsFile('units-unnamed.json', {
      ...units2025Json,
      formerUnits: [{ code: 'nam-vi', name: 'Nậm Vì' }, { code: 'pa-my' }],
    }),
  );
  expect(unnamed.code).toBe(2);
  expect(unnamed.stderr).toContain('Đơn vị cũ thứ 2 (mã pa-my), "name" (tên đơn vị): bị thiếu');

  const unused = await aggregate(
    unitsFile('units-unused.json', {
      ...units2025Json,
      formerUnits: [...units2025Json.formerUnits, { code: 'xa-la', name: 'Xã Lạ', kind: 'xã' }],
    }),
  );
  expect(unused.code).not.toBe(2);
  const findings = (JSON.parse(unused.stdout) as Summary).findings;
  expect(findings.find((f) => f.code === 'config-warning')?.message).toContain(
    '"formerUnits" có mã "xa-la", nhưng không đơn vị nào ghi "xa-la" là đơn vị cũ',
  );
  // `check` lists it too.
  const check = await runCli(['check', '--units', path.join(dir, 'units-unused.json'), xa], {
    env: { TONGHOP_NOW: NOW },
  });
  expect(check.stdout).toContain('CẢNH BÁO: ');
  expect(check.stdout).toContain('"formerUnits" có mã "xa-la"');
});

test('check warns, as aggregate does, of an old commune’s figures typed after its merger', async () => {
  const one = path.join(dir, 'sau-sap-nhap');
  fs.mkdirSync(one, { recursive: true });
  const old = units.find((u) => u.code === 'nam-vi') as Unit;
  const values = Array.from({ length: 12 }, (_, i) => (i < 7 ? 3 : null));
  const sheet = buildUnitSheet(old, 2025, catalogue, { values: { TCD_LUOT: values }, submitted: [] });
  await writeXlsx({ sheets: [sheet] }, path.join(one, 'nam-vi-2025.xlsx'));
  const r = await runCli(['check', '--units', UNITS_2025, one], { env: { TONGHOP_NOW: NOW } });
  expect(r.stdout).toContain(
    'Xã Nậm Vì (nay thuộc xã Mường Nhé) vẫn có số liệu tháng 7 năm 2025, sau khi sáp nhập: các tháng này không được tính',
  );
  // Without a merger in the units list: nothing of the kind.
  const plain = await runCli(['check', one], { env: { TONGHOP_NOW: NOW } });
  expect(plain.stdout).not.toContain('sau khi sáp nhập');
}, 60_000);

test('a merger date typed with day and month swapped: check and aggregate ask about it, the old months counted', async () => {
  const early = unitsFile('units-early.json', {
    ...units2025Json,
    units: units2025Json.units.map((u) =>
      u.code === 'muong-nhe-2025' ? { ...u, succession: { ...u.succession, from: '2025-01-07' } } : u,
    ),
  });
  const said = 'Ngày sáp nhập của xã Mường Nhé ghi là 07/01/2025, nhưng các đơn vị cũ vẫn báo cáo đến tháng 6 năm 2025';
  const check = await runCli(['check', '--units', early, xa], { env: { TONGHOP_NOW: NOW } });
  expect(check.stdout).toContain(said);
  expect(check.stdout).toContain('(có phải là 01/07/2025?)');
  const r = await aggregate(early);
  const s = JSON.parse(r.stdout) as Summary;
  // 11 old communes × 6 months × 1, then 5 new ones × 3 months × 10: as with the right date.
  expect(luot(s)[1]).toBe(66 + 150);
  expect(s.findings.filter((f) => f.code === 'merger-date-slip').map((f) => f.unitCode)).toEqual(['muong-nhe-2025']);
}, 60_000);

test('units.json as the "Đơn vị" sheet takes it: merger date 01/07/2025, old codes in one text; a bad date names its key and value', async () => {
  const typed = unitsFile('units-typed.json', {
    ...units2025Json,
    units: units2025Json.units.map((u) => ({
      ...u,
      succession: { from: '01/07/2025', predecessors: u.succession.predecessors.join(', ') },
    })),
  });
  const r = await aggregate(typed);
  expect(r.code).toBe(0);
  const s = JSON.parse(r.stdout) as Summary;
  // As with sheets-templates/units-2025.json: 11 old communes to June, the 5 new ones from July.
  expect(luot(s)).toEqual([50, 216, 11, 99]);
  expect(s.findings.map((f) => f.message).join('\n')).toContain('Xã Na Cô Sa (nay thuộc xã Quảng Lâm)');

  const out = path.join(dir, 'th-bad-date.xlsx');
  const badFile = unitsFile('units-bad-date.json', {
    ...units2025Json,
    units: units2025Json.units.map((u, i) => (i ? u : { ...u, succession: { ...u.succession, from: '31/02/2025' } })),
  });
  const bad = await runCli(['aggregate', '--period', '2025-09', '--units', badFile, '--out', out, xa], {
    env: { TONGHOP_NOW: NOW },
  });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain(
    'Đơn vị thứ 1 (mã muong-nhe-2025), "succession" → "from" (ngày sáp nhập): "31/02/2025" không phải ngày có thật; ' +
      'hãy ghi dạng "2025-07-01" hoặc "01/07/2025"',
  );
  expect(fs.existsSync(out)).toBe(false);
}, 60_000);

test('a misspelt field in a units or settings file is a warning naming it, not silently dropped', async () => {
  const u = unitsFile('units-typo.json', { units: newUnits, formerUnit: [] });
  const settingsPath = path.join(dir, 'settings-typo.json');
  fs.writeFileSync(
    settingsPath,
    JSON.stringify({
      ...JSON.parse(fs.readFileSync(path.join(ROOT, 'sheets-templates/settings.json'), 'utf8')),
      submitDay: 5,
    }),
  );
  const r = await runCli(['check', '--units', u, '--settings', settingsPath, '--year', '2025', xa], {
    env: { TONGHOP_NOW: NOW },
  });
  expect(r.stdout).toContain('trường "formerUnit" không có trong mẫu nên không được dùng (có phải "formerUnits"?)');
  expect(r.stdout).toContain('trường "submitDay" không có trong mẫu nên không được dùng (có phải "submitDays"?)');
}, 60_000);

test('an old commune’s unreadable workbook is tied to that old commune by its name, not left as of no commune', async () => {
  const bad = path.join(dir, 'hong');
  fs.mkdirSync(bad, { recursive: true });
  for (const f of fs.readdirSync(xa)) fs.copyFileSync(path.join(xa, f), path.join(bad, f));
  const file = path.join(bad, 'nam-vi-2025.xlsx');
  fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 300)); // cut short in transit
  const r = await runCli(
    ['aggregate', '--period', '2025-06', '--units', UNITS_2025, '--out', path.join(dir, 'th-hong.xlsx'), bad],
    { env: { TONGHOP_NOW: NOW } },
  );
  // Named as the e-mail names it, with the merged commune it is now part of, and its file.
  expect(r.stdout).toContain(
    'Không đọc được báo cáo của đơn vị cũ trước sáp nhập: Nậm Vì (nay thuộc xã Mường Nhé), tệp ',
  );
  expect(r.stdout).toContain('Theo tên tệp, đây là báo cáo của đơn vị cũ Nậm Vì (trước sáp nhập)');
  expect(r.stdout).toContain('theo tên là báo cáo này nhưng không đọc được');
  expect(r.stdout).not.toContain('chưa rõ của đơn vị nào');
  // Not on the console only: the e-mail HTML, the summary sheet and the narrative say it too. In
  // June its month is the period's: said inside the merged commune's gap, once.
  const run = async (period: string) => {
    const html = path.join(dir, `th-hong-${period}.html`);
    const out = path.join(dir, `th-hong-${period}.xlsx`);
    const j = await runCli(
      ['aggregate', '--period', period, '--units', UNITS_2025, '--out', out, '--html', html, '--json', bad],
      {
        env: { TONGHOP_NOW: NOW },
      },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const texts: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    return { summary: JSON.parse(j.stdout) as Summary, page: fs.readFileSync(html, 'utf8'), texts };
  };
  const june = await run('2025-06');
  expect(june.summary.unreadableFormer).toBeUndefined();
  const gap = 'Nậm Vì tháng 6: tệp báo cáo không đọc được';
  expect(june.summary.narrative[0]).toContain(gap);
  expect(june.page).toContain(`<li>Xã Mường Nhé (${gap})</li>`);
  expect(june.page).not.toContain('Tất cả đơn vị đã báo cáo đúng hạn');
  expect(june.texts).toContain(`Thiếu số liệu của đơn vị cũ trước sáp nhập: ${gap}`);
  // In September its months are before the period (the year to date lacks them): a line of its own.
  const sep = await run('2025-09');
  const sepConsole = await runCli(
    ['aggregate', '--period', '2025-09', '--units', UNITS_2025, '--out', path.join(dir, 'th-hong-9.xlsx'), bad],
    { env: { TONGHOP_NOW: NOW } },
  );
  expect(sepConsole.stdout).toMatch(
    /Không đọc được báo cáo của đơn vị cũ trước sáp nhập: Xã Nậm Vì \(nay thuộc xã Mường Nhé\), tệp \S*nam-vi-2025\.xlsx/,
  );
  expect(sep.summary.unreadableFormer?.map((u) => u.label)).toEqual(['Xã Nậm Vì (nay thuộc xã Mường Nhé)']);
  expect(sep.summary.narrative[0]).toContain(
    'không đọc được báo cáo của đơn vị cũ trước sáp nhập: xã Nậm Vì (nay thuộc xã Mường Nhé)',
  );
  expect(sep.page).toContain('Không đọc được báo cáo của đơn vị cũ trước sáp nhập:</p>');
  expect(sep.page).toContain('<li>Xã Nậm Vì (nay thuộc xã Mường Nhé)</li>');
  expect(sep.texts).toContain(
    'Không đọc được báo cáo của đơn vị cũ trước sáp nhập: Xã Nậm Vì (nay thuộc xã Mường Nhé); số liệu của các đơn vị này chưa được cộng (xem trang "Kiểm tra").',
  );
}, 60_000);

test('template makes each year’s workbooks for the units that report it: old communes up to the merger, new ones from it', async () => {
  const files = async (year: number, extra: string[] = []) => {
    const out = path.join(dir, `mau-${year}`);
    const r = await runCli(['template', '--year', String(year), '--out', out, '--units', UNITS_2025, ...extra]);
    return { r, names: fs.existsSync(out) ? fs.readdirSync(out).sort() : [] };
  };
  const y2024 = await files(2024);
  expect(y2024.names).toContain('nam-vi-2024.xlsx');
  expect(y2024.names).toContain('na-co-sa-2024.xlsx');
  expect(y2024.names.some((n) => n.startsWith('muong-nhe-2025'))).toBe(false);
  // The merger's year: both, the old for January–June, the new for July on.
  const y2025 = await files(2025);
  expect(y2025.names).toContain('nam-vi-2025.xlsx');
  expect(y2025.names).toContain('muong-nhe-2025-2025.xlsx');
  const y2026 = await files(2026);
  expect(y2026.names).toEqual(newUnits.map((u) => `${u.code}-2026.xlsx`).sort());
  // An old commune asked for by code: in its years made, after them refused with the reason.
  const one = await files(2025, ['--unit', 'nam-vi']);
  expect(one.r.code).toBe(0);
  const late = await runCli([
    'template',
    '--year',
    '2026',
    '--out',
    path.join(dir, 'x'),
    '--units',
    UNITS_2025,
    '--unit',
    'nam-vi',
  ]);
  expect(late.code).toBe(2);
  expect(late.stderr).toContain('Xã Nậm Vì không báo cáo tháng nào của năm 2026');
}, 60_000);

test('template in the merger’s year: the old and the new Mường Nhé say which they are and for which months; rows added later keep it', async () => {
  const out = path.join(dir, 'mau-sap-nhap');
  const made = await runCli(['template', '--year', '2025', '--out', out, '--units', UNITS_2025]);
  expect(made.code).toBe(0);
  const top = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, file));
    const ws = wb.worksheets[0];
    const text = (a: string) => ws.getCell(a).value;
    return { sheet: ws.name, title: text('A1'), name: text('C2'), code: text('C3'), note: text('C5') };
  };
  const old = await top('muong-nhe-2025.xlsx');
  const now = await top('muong-nhe-2025-2025.xlsx');
  expect(old).toEqual({
    sheet: 'Mường Nhé 2025',
    title: 'BÁO CÁO KẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2025 (XÃ CŨ – THÁNG 1–6)',
    name: 'Xã Mường Nhé',
    code: 'muong-nhe',
    note:
      'Xã cũ: chỉ báo cáo tháng 1–6/2025. Từ 01/07/2025 sáp nhập vào xã Mường Nhé mới (mã muong-nhe-2025); ' +
      'các tháng sau báo cáo ở mẫu của xã mới.',
  });
  expect(now).toEqual({
    sheet: 'Mường Nhé 2025',
    title: 'BÁO CÁO KẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2025 (XÃ MỚI – THÁNG 7–12)',
    name: 'Xã Mường Nhé',
    code: 'muong-nhe-2025',
    note:
      'Xã mới sau sáp nhập từ 01/07/2025: báo cáo từ tháng 7/2025. ' +
      'Tháng 1–6/2025 do các xã cũ (Mường Nhé, Nậm Vì, Chung Chải) báo cáo ở mẫu của mình.',
  });
  expect((await top('na-co-sa-2025.xlsx')).title).toMatch(/\(XÃ CŨ – THÁNG 1–6\)$/);
  // Each read as its own unit, nothing to say.
  const check = await runCli(['check', '--json', '--units', UNITS_2025, out]);
  expect(JSON.parse(check.stdout).findings).toEqual([]);

  // An indicator added later: its row goes in; the note stays where it was.
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, 'sheets-templates/catalogue.json'), 'utf8'));
  json.indicators.push({
    ...json.indicators.find((i: { code: string }) => i.code === 'TCD_LUOT'),
    code: 'TCD_MOI',
    label: 'Lượt tiếp công dân mới',
  });
  const cat = path.join(dir, 'chi-tieu-sap-nhap.json');
  fs.writeFileSync(cat, JSON.stringify(json));
  const again = await runCli(['template', '--year', '2025', '--out', out, '--units', UNITS_2025, '--catalogue', cat]);
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/Đã thêm 1 dòng chỉ tiêu mới vào .*muong-nhe-2025\.xlsx/);
  expect(await top('muong-nhe-2025.xlsx')).toEqual(old);
  expect(await top('muong-nhe-2025-2025.xlsx')).toEqual(now);
  const last = await runCli(['template', '--year', '2025', '--out', out, '--units', UNITS_2025, '--catalogue', cat]);
  expect(last.stdout).toMatch(/Đã tạo 0 mẫu báo cáo trong .*; 17 tệp không thay đổi$/m);
}, 60_000);

test('an old commune’s unreadable workbook is never taken by elimination for a new commune without a report', async () => {
  const bad = path.join(dir, 'hong2');
  fs.mkdirSync(bad, { recursive: true });
  for (const f of fs.readdirSync(xa))
    if (f !== 'sin-thau-2025-2025.xlsx') fs.copyFileSync(path.join(xa, f), path.join(bad, f));
  const file = path.join(bad, 'nam-vi-2025.xlsx');
  fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 300));
  const r = await runCli(
    ['aggregate', '--period', '2025-09', '--units', UNITS_2025, '--out', path.join(dir, 'th-hong2.xlsx'), bad],
    { env: { TONGHOP_NOW: NOW } },
  );
  expect(r.stdout).toContain(
    'Không đọc được báo cáo của đơn vị cũ trước sáp nhập: Xã Nậm Vì (nay thuộc xã Mường Nhé), tệp ',
  );
  expect(r.stdout).not.toMatch(/Không đọc được báo cáo: Xã Sín Thầu/);
  expect(r.stdout).toMatch(/Chưa báo cáo: [^\n]*Xã Sín Thầu/);
}, 60_000);

test('template before a merger: a new commune keeping an old code has its workbook; old communes the file does not name are warned of', async () => {
  const kept = {
    units: [
      {
        code: 'muong-nhe',
        name: 'Mường Nhé',
        kind: 'xã',
        emails: [],
        succession: { from: '2025-07-01', predecessors: ['muong-nhe', 'nam-vi'] },
      },
    ],
  };
  const run = async (name: string, data: unknown) => {
    const out = path.join(dir, `giu-ma-${name}`);
    const r = await runCli(['template', '--year', '2024', '--out', out, '--units', unitsFile(`${name}.json`, data)]);
    return { r, names: fs.existsSync(out) ? fs.readdirSync(out).sort() : [] };
  };
  const named = await run('named', { ...kept, formerUnits: [{ code: 'nam-vi', name: 'Nậm Vì', kind: 'xã' }] });
  expect(named.names).toEqual(['muong-nhe-2024.xlsx', 'nam-vi-2024.xlsx']);
  const unnamed = await run('unnamed', kept);
  expect(unnamed.names).toEqual(['muong-nhe-2024.xlsx']);
  expect(unnamed.r.stdout).toContain('chưa tạo mẫu năm 2024 cho đơn vị cũ "nam-vi"');
}, 60_000);
