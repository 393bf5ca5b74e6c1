/**
 * Reminders decide who has submitted as "Tổng hợp" does (engine submissionCompleteness): after the
 * 2025 merger a new commune that typed its figures in its old tab is not reminded, and a submission
 * date typed in the future is no submission yet.
 */
import { setNowSource as setClock } from '../../../src/gas/clock';
import { sendReminders } from '../../../src/gas/email/index';
import { SHEETS } from '../../../src/messages/vi/gas';
import {
  createEnv,
  type Env,
  putByCode as put,
  reformUnitRows,
  runAggregate,
  runSetup,
  runTemplates,
} from '../helpers';
import { type World, world } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const NEW_UNITS = reformUnitRows((code) => `${code.replace(/-/g, '')}@example.vn`);

describe('after the 2025 merger', () => {
  let env: Env;
  afterEach(() => {
    setClock(null);
    env.dispose();
  });

  test('communes that submitted in their old tab are not reminded; the others are, as the summary says', () => {
    env = createEnv({ now: new Date('2025-07-16T07:00:00+07:00') });
    setClock(() => env.fake.clock.now());
    runSetup();
    runTemplates(env.fake, 2025);
    const units = env.master.getSheetByName(SHEETS.units) as Sheet;
    units.getRange(2, 1, Math.max(units.getMaxRows() - 1, 1), 7).clearContent();
    units.getRange(2, 1, NEW_UNITS.length, 7).setValues(NEW_UNITS);
    for (const name of ['Mường Nhé', 'Quảng Lâm']) {
      const s = env.master.getSheetByName(`${name} 2025`) as Sheet;
      put(s, 'TCD_LUOT', 7, 10);
      put(s, 'NGAY_NOP', 7, new Date('2025-07-15T00:00:00+07:00'));
    }
    const r = sendReminders();
    expect(r.status).toBe('sent');
    expect([...r.reminded].sort()).toEqual(['muong-toong-2025', 'nam-ke-2025', 'sin-thau-2025']);
    const sent = env.fake.mail.sent.flatMap((m) => m.toList);
    expect(sent).not.toContain('muongnhe2025@example.vn');
    expect(sent).not.toContain('quanglam2025@example.vn');
    // The summary agrees: those not reminded are the ones it counts as submitted.
    const a = runAggregate(env.fake, '7/2025');
    const missing = (a?.summary.completeness.rows ?? [])
      .filter((x: { status: string }) => x.status === 'missing')
      .map((x: { unitCode: string }) => x.unitCode)
      .sort();
    expect(missing).toEqual([...r.reminded].sort());
  });
});

describe('a submission date typed in the future', () => {
  let w: World;
  afterEach(() => w?.done());

  test('is no submission yet: the commune is reminded', () => {
    w = world({
      now: '2018-09-17T07:00:00+07:00',
      allTabs: true,
      units: { 'chung-chai': { submitted: { 9: '2018-09-28' } }, 'nam-ke': { submitted: { 9: '2018-09-15' } } },
      settings: { recipients: ['bdv@dienbien.gov.vn'] },
    });
    const r = sendReminders();
    expect(r.reminded).toContain('chung-chai');
    expect(r.reminded).not.toContain('nam-ke');
  });
});
