/**
 * Since the 2025 reform a province aggregates communes itself: `tonghop check` on a sheet with a
 * row the commune added asks the settings' level ("cấp tỉnh") to add the indicator; a district's
 * settings still read "cấp huyện".
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeXlsx } from '../../src/cli/xlsx/write';
import { defaultSettings } from '../../src/engine/catalogue/defaults';
import { indicatorRows, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import { buildCli, catalogue, communeSheet, runCli, tmpDir } from './helpers';

const dir = tmpDir('tonghop-province-level-');
const input = path.join(dir, 'xa');
const province = path.join(dir, 'settings-tinh.json');
const lackingInput = path.join(dir, 'thieu');
const commune = path.join(dir, 'settings-xa.json');

beforeAll(async () => {
  buildCli();
  const sheet = communeSheet('chung-chai', 2018);
  // A row the commune typed in below the last indicator: no code, a label of its own, figures.
  const last = Math.max(...indicatorRows(catalogue).values());
  const row: (typeof sheet.rows)[number] = Array(LAYOUT.columns).fill(null);
  row[LAYOUT.labelCol - 1] = { v: 'Mô hình "Bản không có ma túy"', s: 'text' };
  row[LAYOUT.unitCol - 1] = { v: 'mô hình', s: 'text' };
  row[monthCol(2) - 1] = { v: 3, s: 'text' };
  sheet.rows.splice(last, 0, row);
  fs.mkdirSync(input);
  await writeXlsx({ sheets: [sheet] }, path.join(input, 'chung-chai-2018.xlsx'));
  // The same, its sheet also lacking an indicator's row (deleted): the added row may be that one's.
  const rows = indicatorRows(catalogue);
  const lacking = { ...sheet, rows: sheet.rows.filter((_, i) => i !== (rows.get('DON_TONG') as number) - 1) };
  fs.mkdirSync(lackingInput);
  await writeXlsx({ sheets: [lacking] }, path.join(lackingInput, 'chung-chai-2018.xlsx'));
  fs.writeFileSync(commune, JSON.stringify({ ...defaultSettings(), level: 'xã', scopeLabel: 'toàn xã' }));
  fs.writeFileSync(
    province,
    JSON.stringify({
      ...defaultSettings(),
      level: 'tỉnh',
      aggregatingUnitName: 'Điện Biên',
      scopeLabel: 'toàn tỉnh',
      organisation: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Điện Biên',
    }),
  );
}, 120_000);

const addedRowLine = (stdout: string) => stdout.split('\n').find((l) => l.includes('Bản không có ma túy')) ?? '';

test('with settings of a province, the added row asks "cấp tỉnh" to add the indicator', async () => {
  const r = await runCli(['check', '--year', '2018', '--settings', province, input]);
  expect(r.stderr).toBe('');
  const line = addedRowLine(r.stdout);
  expect(line).toContain('đề nghị cấp tỉnh bổ sung chỉ tiêu này vào danh mục');
  expect(r.stdout).not.toContain('huyện');
}, 60_000);

test('with the default (district) settings, it still asks "cấp huyện"', async () => {
  const r = await runCli(['check', '--year', '2018', input]);
  expect(r.stderr).toBe('');
  expect(addedRowLine(r.stdout)).toContain('đề nghị cấp huyện bổ sung chỉ tiêu này vào danh mục');
}, 60_000);

test('with settings of a commune (level "xã"), the reporting unit is "đơn vị", the xã the one asked', async () => {
  const r = await runCli(['check', '--year', '2018', '--settings', commune, lackingInput]);
  expect(r.stderr).toBe('');
  const line = addedRowLine(r.stdout);
  expect(line).toContain('nếu đây là chỉ tiêu đơn vị tự thêm, hãy đề nghị cấp xã bổ sung chỉ tiêu này vào danh mục');
  expect(line).not.toContain('chỉ tiêu xã tự thêm');
}, 60_000);

test('with the default (district) settings, a sheet lacking a row still says "chỉ tiêu xã tự thêm"', async () => {
  const r = await runCli(['check', '--year', '2018', lackingInput]);
  expect(addedRowLine(r.stdout)).toContain(
    'nếu đây là chỉ tiêu xã tự thêm, hãy đề nghị cấp huyện bổ sung chỉ tiêu này vào danh mục',
  );
}, 60_000);
