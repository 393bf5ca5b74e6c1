/**
 * One commune's September figure typed 100 times too large (extra zeros): `aggregate --json` has a
 * warning naming the commune, its cell, the indicator, the month and the medians it was compared
 * with; the console lists it and the total still counts it.
 */
import path from 'node:path';
import { demoSheet } from '../../src/cli/demo/data';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { a1, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import type { Finding, Summary } from '../../src/engine/types';
import { buildCli, catalogue, demoYear, runCli, tmpDir, unit, units, writeCommune } from './helpers';

const dir = tmpDir('tonghop-outlier-');
const CODE = 'DTN_SUATCOM';
const year = demoYear(2018);
const typed = (year.units['sin-thau'].values[CODE][8] as number) * 100;
let cell = '';

beforeAll(async () => {
  buildCli();
  year.units['sin-thau'].values[CODE][8] = typed;
  for (const u of units) {
    const sheet = demoSheet(u, year, catalogue);
    if (!sheet) continue;
    if (u.code === 'sin-thau')
      cell = a1(sheet.rows.findIndex((r) => r[LAYOUT.codeCol - 1]?.v === CODE) + 1, monthCol(9));
    await writeXlsx({ sheets: [sheet] }, path.join(dir, `${u.code}-2018.xlsx`));
    await writeCommune(dir, u.code, 2017);
  }
}, 120_000);

test('aggregate --json: a warning on Sín Thầu, its cell, suất cơm từ thiện in September, the figure still summed', async () => {
  expect(unit('sin-thau').name).toBe('Sín Thầu');
  const r = await runCli(['aggregate', '--json', '--period', '2018-09', dir, '--out', path.join(tmpDir(), 'th.xlsx')]);
  const summary = JSON.parse(r.stdout) as Summary;
  const outliers = summary.findings.filter((f: Finding) => f.code === 'outlier');
  expect(outliers).toHaveLength(1);
  expect(outliers[0]).toMatchObject({ severity: 'warning', unitCode: 'sin-thau', cell, indicatorCode: CODE, month: 9 });
  expect(cell).toMatch(/^[A-Z]+\d+$/);
  const number = typed.toLocaleString('de-DE');
  expect(outliers[0].message).toMatch(
    new RegExp(
      `^Xã Sín Thầu, ô ${cell} \\(Suất cơm từ thiện, tháng 9\\): ${number.replace('.', '\\.')} suất, gấp (hơn )?\\d+ lần ` +
        'số thường gặp của các đơn vị khác \\(trung vị [\\d,]+ suất\\) và của chính xã trong các tháng trước ' +
        '\\(trung vị [\\d,]+ suất, cao nhất [\\d.]+ suất\\) — hãy kiểm tra lại \\(có gõ thừa số 0\\?\\)',
    ),
  );
  const others = units
    .filter((u) => u.code !== 'sin-thau')
    .reduce((a, u) => a + (year.units[u.code]?.values[CODE][8] ?? 0), 0);
  expect(summary.indicators.find((i) => i.code === CODE)?.period).toBe(others + typed);
  // Without --json the console lists it among the warnings.
  const text = await runCli(['aggregate', '--period', '2018-09', dir, '--out', path.join(tmpDir(), 'th.xlsx')]);
  expect(text.stdout).toContain(`CẢNH BÁO: Xã Sín Thầu, ô ${cell} (Suất cơm từ thiện, tháng 9): ${number} suất`);
}, 120_000);
