/**
 * `tonghop aggregate --period` takes the forms officials write in report headings ("tháng 9 năm
 * 2018", "Quý III năm 2018", "6 tháng năm 2018", "cả năm 2018" …) and, as the add-on's prompts, a
 * month or quarter without a year (of the last closed month's year: September 2018 at NOW). Nonsense
 * ("tháng 13 năm 2018", "quý 5/2018", "2018-00") is still a usage error with the same message.
 */
import path from 'node:path';
import { resolvePeriod } from '../../src/cli/commands/summary';
import { defaultCatalogue, defaultSettings, defaultUnits } from '../../src/engine/catalogue/defaults';
import { formatPeriod } from '../../src/engine/periods/period';
import type { Summary } from '../../src/engine/types';
import { buildCli, NOW, runCli, tmpDir, writeCommune } from './helpers';

const dir = tmpDir('tonghop-period-forms-');
const inputs = path.join(dir, 'xa');

beforeAll(async () => {
  buildCli();
  for (const y of [2017, 2018]) await writeCommune(inputs, 'chung-chai', y);
}, 120_000);

async function aggregate(period: string) {
  const out = path.join(dir, `th-${Math.random().toString(36).slice(2)}.xlsx`);
  return runCli(['aggregate', '--period', period, '--json', '--out', out, inputs]);
}

test.each([
  ['tháng 9 năm 2018', '2018-09'],
  ['Tháng 09/2018', '2018-09'],
  ['Quý III năm 2018', '2018-Q3'],
  ['quý 3 năm 2018', '2018-Q3'],
  ['6 tháng năm 2018', '2018-6T'],
  ['cả năm 2018', '2018'],
  ['9', '2018-09'],
  ['quý 2', '2018-Q2'],
])(
  '--period %j aggregates %s',
  async (typed, canonical) => {
    const r = await aggregate(typed);
    expect(r.stderr).toBe('');
    const s: Summary = JSON.parse(r.stdout);
    expect(formatPeriod(s.period)).toBe(canonical);
  },
  60_000,
);

test.each(['tháng 13 năm 2018', 'quý 5/2018', '2018-00'])(
  '--period %j is a usage error',
  async (typed) => {
    const r = await aggregate(typed);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Kỳ báo cáo không hợp lệ: "${typed}"`);
  },
  60_000,
);

describe('resolvePeriod (what --period becomes)', () => {
  const config = { catalogue: defaultCatalogue(), units: defaultUnits(), settings: defaultSettings() };
  const at = (text: string, when = NOW) => formatPeriod(resolvePeriod(text, config, new Date(when)));

  // Forms with a year, read on 20/01/2026 (every 2025 period has begun by then).
  test.each([
    ['tháng 9 năm 2025', '2025-09'],
    ['THÁNG 9 NĂM 2025', '2025-09'],
    ['tha\u0301ng  9  na\u0306m 2025', '2025-09'],
    ['Quý III năm 2025', '2025-Q3'],
    ['Q3/2025', '2025-Q3'],
    ['III/2025', '2025-Q3'],
    ['9 tháng năm 2025', '2025-9T'],
    ['năm 2025', '2025'],
  ])('%j → %s', (text, canonical) => {
    expect(at(text, '2026-01-20T09:00:00+07:00')).toBe(canonical);
  });

  test('a period whose data window has not begun is refused (a year mistyped)', () => {
    expect(() => at('tháng 9 năm 2025')).toThrow(
      /Kỳ báo cáo tháng 9\/2025 chưa bắt đầu: số liệu kỳ này tính từ ngày 15\/08\/2025/,
    );
  });

  test.each([
    ['T9', '2018-09'],
    // September 2018: a period not begun yet is last year's (one to come has nothing to sum)
    ['tháng 12', '2017-12'],
    ['tháng 11', '2017-11'],
    // October's figures (15/09–14/10) are being collected: October and the fourth quarter have begun
    ['tháng 10', '2018-10'],
    ['quý IV', '2018-Q4'],
  ])('%j → %s', (text, canonical) => {
    expect(at(text)).toBe(canonical);
  });

  test('a month without a year is of the last closed month’s year (January 2019: still 2018 until 14/01)', () => {
    expect(at('12', '2019-01-10T03:00:00Z')).toBe('2018-12');
    expect(at('1', '2019-01-20T03:00:00Z')).toBe('2019-01');
  });

  test('no --period: the last closed month', () => {
    expect(formatPeriod(resolvePeriod(undefined, config, new Date(NOW)))).toBe('2018-09');
  });
});
