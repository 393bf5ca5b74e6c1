import { AGGREGATE_RESUME_HANDLER, loadStaging, ReadContinues, readUnitBooksResumable } from '../../src/gas/io/resume';
import * as main from '../../src/gas/main';
import { SHEETS } from '../../src/messages/vi/gas';
import { configOf, createEnv, type Env, seedUnitSheet, setUpLayoutB, unitSheet, YEAR } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
let env: Env;
let urls: Record<string, string>;
beforeEach(() => {
  env = createEnv();
  urls = setUpLayoutB(env);
  env.units.forEach((u, i) => {
    seedUnitSheet(unitSheet(env, u, YEAR, urls[u.code]) as Sheet, i);
  });
});
afterEach(() => env.dispose());

const TIMEOUT = 'Service Spreadsheets timed out while accessing document';

/** Run 1 of a chained read (it hands over) while the first commune's spreadsheet times out. */
function firstRunWithFault(): { units: ReturnType<typeof configOf>['units']; name: string } {
  const { units, settings } = configOf(env.master);
  const id = /\/d\/([^/]+)/.exec(urls[units[0].code])?.[1] ?? '';
  const faults = ['openById', 'openByUrl'].map((method) =>
    env.fake.faults.add({ method, when: (a) => String(a[0]).includes(id), error: TIMEOUT }),
  );
  let err: unknown;
  try {
    readUnitBooksResumable(env.master, units, [YEAR, YEAR - 1], {
      period: '2018-09',
      read: true,
      timeZone: settings.timeZone,
      budgetMs: 40_000,
      api: { readsPerMinute: 8, now: () => env.fake.clock.nowMs() },
    });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ReadContinues);
  // The precondition of the scenario: the failed unit is staged with its error.
  const staged = loadStaging(env.master, '2018-09', units);
  expect(staged?.books.get(units[0].code)?.error).toBeDefined();
  for (const f of faults) f.remove();
  return { units, name: units[0].name };
}

test('a commune whose spreadsheet timed out in an earlier run of a chained "Tổng hợp" is read again', () => {
  const { units, name } = firstRunWithFault();
  env.fake.setUiAvailable(false);
  env.fake.clock.advance(60_000);
  const trig = env.fake.triggers.filter((t) => t.handlerFunction === AGGREGATE_RESUME_HANDLER);
  expect(trig.length).toBeGreaterThan(0);
  env.fake.fireTrigger(trig[0], main as unknown as Record<string, unknown>);
  const last = String((env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues().at(-1)?.[4]);
  expect(last).toContain(`${units.length}/${units.length}`);
  expect(last).not.toContain(name);
});

test('a commune that still fails when read again is reported unreadable, by name', () => {
  const { units, name } = firstRunWithFault();
  const id = /\/d\/([^/]+)/.exec(urls[units[0].code])?.[1] ?? '';
  for (const method of ['openById', 'openByUrl'])
    env.fake.faults.add({ method, when: (a) => String(a[0]).includes(id), error: TIMEOUT });
  env.fake.setUiAvailable(false);
  env.fake.clock.advance(60_000);
  const trig = env.fake.triggers.filter((t) => t.handlerFunction === AGGREGATE_RESUME_HANDLER);
  env.fake.fireTrigger(trig[0], main as unknown as Record<string, unknown>);
  const last = String((env.master.getSheetByName(SHEETS.log) as Sheet).getDataRange().getValues().at(-1)?.[4]);
  expect(last).toContain(`${units.length - 1}/${units.length}`);
  expect(last).toContain(name);
});
