/**
 * Who has submitted (src/gas/email/addon-deps.ts `submissionsOf`), what the daily reminders
 * read: every unit the way "Tổng hợp" reads it, over the Sheets API, within a time budget.
 */
import { unitSheetName } from '../../../src/engine/sheet/layout';
import { submissionsOf } from '../../../src/gas/email/addon-deps';
import { configOf, createEnv, type Env, seedUnitSheet, setUpLayoutB, unitSheet, YEAR } from '../helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const SEPTEMBER = { type: 'month', year: YEAR, index: 9 } as const;

let env: Env;
let urls: Record<string, string>;
beforeEach(() => {
  env = createEnv();
  urls = setUpLayoutB(env);
  const { units } = configOf(env.master);
  units.forEach((u, i) => {
    // Every unit submits September but the last two, which stop at August.
    seedUnitSheet(unitSheet(env, u, YEAR, urls[u.code]) as Sheet, i, i >= units.length - 2 ? 8 : 9);
  });
});
afterEach(() => env.dispose());

const apiRequests = () => env.fake.http.requests.filter((r) => r.url.startsWith('https://sheets.googleapis.com/'));

test('one spreadsheet per unit: every unit read over the Sheets API, none opened; the late ones are missing', () => {
  const cfg = configOf(env.master);
  env.fake.calls.reset();
  const status = submissionsOf(env.master, cfg, SEPTEMBER);
  expect(status.unread).toEqual([]);
  const missing = status.completeness.rows.filter((r) => r.status === 'missing').map((r) => r.unitCode);
  expect(missing).toEqual(cfg.units.slice(-2).map((u) => u.code));
  expect(status.completeness.expected).toBe(cfg.units.length);
  // One grid request per unit (layout b), no spreadsheet opened, no tab read cell by cell.
  expect(apiRequests().filter((r) => r.url.includes('includeGridData'))).toHaveLength(cfg.units.length);
  expect(env.fake.calls.count('openByUrl') + env.fake.calls.count('openById')).toBe(0);
  expect(env.fake.calls.count('Sheet.getDataRange')).toBe(0);
  // Each unit's link is its own spreadsheet.
  for (const u of cfg.units) expect(status.sheetUrls[u.code]).toBe(urls[u.code]);
});

test('units not read in the time the run has are "unread": left out of the completeness, so not reminded', () => {
  const cfg = configOf(env.master);
  const clock = () => env.fake.clock.nowMs();
  // 4 reads a minute and 30 s: a few units, then time is up.
  const status = submissionsOf(env.master, cfg, SEPTEMBER, {
    readsPerMinute: 4,
    now: clock,
    deadline: clock() + 30_000,
  });
  const unread = status.unread ?? [];
  const read = status.completeness.rows.map((r) => r.unitCode);
  expect(unread.length).toBeGreaterThan(0);
  expect(read.length).toBeGreaterThan(0);
  // Read first, in unit order; together every unit once.
  const order = cfg.units.map((u) => u.code);
  expect([...read, ...unread].sort()).toEqual([...order].sort());
  expect(unread).toEqual(order.slice(order.length - unread.length));
  expect(status.completeness.expected).toBe(read.length);
  // The two late units are among the unread ones: they are not "missing" on a guess.
  expect(unread).toEqual(expect.arrayContaining(order.slice(-2)));
  expect(status.completeness.rows.filter((r) => r.status === 'missing')).toEqual([]);
  // Only the units read asked for their tab.
  const asked = apiRequests()
    .filter((r) => r.url.includes('includeGridData'))
    .map((r) => decodeURIComponent(r.url));
  for (const code of unread) {
    const u = cfg.units.find((x) => x.code === code)!;
    expect(asked.some((url) => url.includes(unitSheetName(u, YEAR)))).toBe(false);
  }
});
