/**
 * readUnitBooks (src/gas/io/parallel-books.ts): the drop-in for findUnitBooks that reads
 * layout (b) units over the Sheets API gives the engine the same summary.
 */
import { summarise } from '../../src/engine/pipeline';
import { findUnitBooks, toWorkbooks } from '../../src/gas/io';
import { readUnitBooks, readUnitBooksDetailed } from '../../src/gas/io/parallel-books';
import { spreadsheetIdOf } from '../../src/gas/io/sheets-api';
import { readConfig } from '../../src/gas/setup';
import {
  createEnv,
  type Env,
  runSetup,
  runTemplates,
  seedUnitSheet,
  setSetting,
  unitSheet,
  unitUrls,
  YEAR,
} from './helpers';
import { sheetsApiHandler } from './sheets-api-emulator';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

let env: Env;
const deny = new Set<string>();

beforeEach(() => {
  env = createEnv();
  runSetup();
  setSetting(env.master, 'separateSpreadsheets', 'có');
  runTemplates(env.fake, YEAR - 1);
  runTemplates(env.fake, YEAR);
  const urls = unitUrls(env.master);
  env.units.forEach((u, i) => {
    seedUnitSheet(unitSheet(env, u, YEAR, urls[u.code]) as Sheet, i);
    seedUnitSheet(unitSheet(env, u, YEAR - 1, urls[u.code]) as Sheet, i + 3, 12);
  });
  deny.clear();
  env.fake.http.handler = sheetsApiHandler(env.fake, { deny });
});
afterEach(() => env.dispose());

function config() {
  const c = readConfig(env.master);
  if (!c.ok) throw new Error(c.errors.join('\n'));
  return c.config;
}

const summaryOf = (books: ReturnType<typeof findUnitBooks>) => {
  const { catalogue, units, settings } = config();
  return summarise({
    catalogue,
    units,
    settings,
    period: { type: 'month', year: YEAR, index: 9 },
    workbooks: toWorkbooks(books),
    generatedAt: '2018-10-05T02:00:00.000Z',
  }).summary;
};

test('same summary as findUnitBooks, without opening any spreadsheet', () => {
  const { units, settings } = config();
  const years = [YEAR, YEAR - 1];
  const before = findUnitBooks(env.master, units, years, { read: true, timeZone: settings.timeZone });
  env.fake.resetCalls();
  const after = readUnitBooks(env.master, units, years, { read: true, timeZone: settings.timeZone, threshold: 5 });
  expect(env.fake.calls.count('SpreadsheetApp.openByUrl') + env.fake.calls.count('SpreadsheetApp.openById')).toBe(0);
  expect(env.fake.calls.count('UrlFetchApp.fetchAll')).toBe(1);
  expect(after.map((b) => b.unit.code)).toEqual(units.map((u) => u.code));
  expect(after.map((b) => [...b.names.values()])).toEqual(before.map((b) => [...b.names.values()]));
  const a = summaryOf(before);
  const b = summaryOf(after);
  expect(b.indicators).toEqual(a.indicators);
  expect(b.completeness).toEqual(a.completeness);
  expect(b.findings).toEqual(a.findings);
  expect(a.completeness.reported).toBe(units.length);
});

test('below the threshold it is findUnitBooks itself', () => {
  const { units, settings } = config();
  env.fake.resetCalls();
  readUnitBooks(env.master, units, [YEAR], { read: true, timeZone: settings.timeZone });
  expect(env.fake.calls.count('UrlFetchApp.fetchAll')).toBe(0);
  expect(env.fake.calls.count('SpreadsheetApp.openByUrl')).toBe(units.length);
});

test('a unit without access is a book with an error naming it; the others are read', () => {
  const { units, settings } = config();
  deny.add(spreadsheetIdOf(units[3].spreadsheetUrl as string) as string);
  const books = readUnitBooks(env.master, units, [YEAR], { read: true, timeZone: settings.timeZone, threshold: 5 });
  const bad = books.find((b) => b.unit.code === units[3].code);
  expect(bad?.error).toContain(`Xã ${units[3].name}`);
  expect(bad?.error).toContain('403');
  expect(books.filter((b) => !b.error && b.grids.size === 1)).toHaveLength(units.length - 1);
});

test('with a small quota, units beyond it are read the ordinary way meanwhile', () => {
  const { units, settings } = config();
  env.fake.resetCalls();
  const r = readUnitBooksDetailed(env.master, units, [YEAR, YEAR - 1], {
    read: true,
    timeZone: settings.timeZone,
    threshold: 5,
    api: { readsPerMinute: 4, now: () => env.fake.clock.nowMs() },
  });
  expect(r.stats?.requests).toBeGreaterThanOrEqual(4);
  expect(r.stats?.viaFallback).toBeGreaterThan(0);
  expect(r.books.every((b) => !b.error && b.grids.size === 2)).toBe(true);
  expect(summaryOf(r.books).completeness.reported).toBe(units.length);
});
