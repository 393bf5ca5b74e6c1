/**
 * TONGHOP_NOW without an offset is wall-clock time in the settings' time zone (the engine's rule
 * for such timestamps), not in the computer's: the same value gives the same period on any machine.
 */
import path from 'node:path';
import { now } from '../../src/cli/clock';
import type { Summary } from '../../src/engine/types';
import { buildCli, ROOT, runCli, tmpDir } from './helpers';

const dir = tmpDir('tonghop-now-zone-');
const UNITS = ['--units', path.join(ROOT, 'sheets-templates/units-2025.json')];
const VN = 'Asia/Ho_Chi_Minh';

beforeAll(async () => {
  buildCli();
  const t = await runCli(['template', '--year', '2026', '--out', path.join(dir, 'xa'), ...UNITS]);
  expect(t.code).toBe(0);
}, 120_000);

test('read in the given zone: 14/01/2027 23:30 in Vietnam is 16:30 UTC; with an offset, as written', () => {
  expect(now({ TONGHOP_NOW: '2027-01-14T23:30' }, VN).toISOString()).toBe('2027-01-14T16:30:00.000Z');
  expect(now({ TONGHOP_NOW: '2027-01-14 23:30:15.5' }, VN).toISOString()).toBe('2027-01-14T16:30:15.500Z');
  expect(now({ TONGHOP_NOW: '2027-01-15' }, VN).toISOString()).toBe('2027-01-14T17:00:00.000Z');
  expect(now({ TONGHOP_NOW: '2027-01-14T23:30' }, 'UTC').toISOString()).toBe('2027-01-14T23:30:00.000Z');
  expect(now({ TONGHOP_NOW: '2027-01-14T23:30Z' }, VN).toISOString()).toBe('2027-01-14T23:30:00.000Z');
  expect(now({ TONGHOP_NOW: '2027-01-14T23:30-05:00' }, VN).toISOString()).toBe('2027-01-15T04:30:00.000Z');
});

test.each(['2027-01-14T23:30', '2027-01-14 23:30:00'])(
  'TONGHOP_NOW=%s: the same period and time with TZ=UTC, Asia/Ho_Chi_Minh and America/New_York',
  async (value) => {
    const runs = [];
    for (const TZ of ['UTC', VN, 'America/New_York']) {
      const out = path.join(dir, `th-${TZ.replace('/', '-')}.xlsx`);
      const r = await runCli(['aggregate', '--json', '--out', out, ...UNITS, path.join(dir, 'xa')], {
        env: { TONGHOP_NOW: value, TZ },
      });
      expect(r.stderr).toBe('');
      const s = JSON.parse(r.stdout) as Summary;
      runs.push({ period: s.period, generatedAt: s.generatedAt });
    }
    // 23:30 on 14/01 in Vietnam: January's window has not closed, so the last closed month is December.
    expect(runs[0].period).toEqual({ type: 'month', year: 2026, index: 12 });
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  },
  120_000,
);
