import { DEFAULT_LEVEL } from '../../src/engine/text/level';

/**
 * The parallel reader for layout (b): UrlFetchApp.fetchAll over the Sheets API
 * values:batchGet, against the Apps Script fake with a Sheets API emulation.
 */
process.env.TZ = 'Asia/Ho_Chi_Minh';

import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import type { SheetModel } from '../../src/engine/report/model';
import { buildUnitSheet, isoToSerial, unitSheetName } from '../../src/engine/sheet/layout';
import { readSheet } from '../../src/engine/sheet/read';
import type { CellValue, Grid, Unit } from '../../src/engine/types';
import {
  type ApiUnit,
  batchGetUrl,
  gridGetUrl,
  gridToValues,
  MAX_URL_LENGTH,
  mergeToA1,
  metadataUrl,
  readUnitsViaSheetsApi,
  SHEETS_API_BASE,
  SHEETS_API_DEFAULTS,
  serialToDate,
  sheetRange,
  shouldUseParallel,
  splitRanges,
  spreadsheetIdOf,
  valuesToGrid,
} from '../../src/gas/io/sheets-api';
import { readGrid } from '../../src/gas/util';
import { createGasFake, GAS_ERRORS, type GasFake, URL_FETCH_MAX_URL_LENGTH } from '../fakes/gas';
import { type EmulatorOptions, sheetsApiHandler } from './sheets-api-emulator';

const YEAR = 2018;
const catalogue = defaultCatalogue();

function serialDate(serial: number): Date {
  const u = new Date(Date.UTC(1899, 11, 30) + serial * 86400000);
  return new Date(u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate());
}

/** A SheetModel as getValues() returns it (formulas left empty). */
function gridOf(model: SheetModel): Grid {
  const width = Math.max(...model.rows.map((r) => r.length));
  return model.rows.map((row) => {
    const out: CellValue[] = new Array(width).fill('');
    row.forEach((c, i) => {
      if (!c || c.f || c.v === null) return;
      out[i] = c.s === 'date' && typeof c.v === 'number' ? serialDate(c.v) : c.v;
    });
    return out;
  });
}

function unitOf(i: number): Unit {
  return { code: `xa-${i}`, name: `Nậm ${String.fromCharCode(65 + (i % 26))}${i}`, kind: 'xã', emails: [] };
}

function filledGrid(unit: Unit, year: number, i: number): Grid {
  const values: Record<string, (number | null)[]> = {};
  for (const ind of catalogue.indicators) if (ind.kind !== 'note') values[ind.code] = Array(12).fill(null);
  for (let m = 0; m < 9; m++) {
    values.DVK_DANGKY[m] = i + m;
    values.TCD_LUOT[m] = 2 * i + 1;
    values.LDLD_MAIAM_GIATRI[m] = 12.5;
  }
  const submitted = Array.from({ length: 12 }, (_, m) =>
    m < 9 ? `${year}-${String(m + 1).padStart(2, '0')}-16` : null,
  );
  return gridOf(buildUnitSheet(unit, year, catalogue, { values, submitted }));
}

interface World {
  fake: GasFake;
  units: ApiUnit[];
  grids: Map<string, Grid>;
  log: NonNullable<EmulatorOptions['log']>;
}

/** `n` unit spreadsheets with this year's and (unless `noLastYear`) last year's tab. */
function world(n: number, opts: EmulatorOptions & { noLastYear?: Set<number> } = {}): World {
  const fake = createGasFake({ now: new Date('2018-10-05T09:00:00+07:00') });
  const units: ApiUnit[] = [];
  const grids = new Map<string, Grid>();
  for (let i = 0; i < n; i++) {
    const u = unitOf(i);
    const years = opts.noLastYear?.has(i) ? [YEAR] : [YEAR, YEAR - 1];
    const sheets = years.map((y) => {
      const grid = filledGrid(u, y, i);
      grids.set(`${u.code}:${y}`, grid);
      return { name: unitSheetName(u, y), values: grid };
    });
    const ss = fake.createSpreadsheet(`Báo cáo ${u.name}`, { sheets });
    units.push({ code: u.code, name: u.name, kind: u.kind, spreadsheetId: ss.getUrl() });
  }
  const log: World['log'] = opts.log ?? [];
  fake.http.handler = sheetsApiHandler(fake, { ...opts, log });
  fake.install(globalThis);
  return { fake, units, grids, log };
}

const clockOf = (fake: GasFake) => () => fake.clock.nowMs();

describe('helpers', () => {
  test('spreadsheet ids from URLs and bare ids', () => {
    expect(spreadsheetIdOf('https://docs.google.com/spreadsheets/d/1AbC_def-GHIjkl/edit#gid=0')).toBe(
      '1AbC_def-GHIjkl',
    );
    expect(spreadsheetIdOf('  1AbC_def-GHIjkl ')).toBe('1AbC_def-GHIjkl');
    expect(spreadsheetIdOf('not a url')).toBeNull();
    expect(spreadsheetIdOf('')).toBeNull();
  });

  test('ranges are quoted sheet names, URL-encoded, with the render options', () => {
    expect(sheetRange("Xã A'B 2018")).toBe("'Xã A''B 2018'");
    const url = batchGetUrl('abc123', ['Chung Chải 2018', 'Chung Chải 2017']);
    expect(url).toBe(
      'https://sheets.googleapis.com/v4/spreadsheets/abc123/values:batchGet' +
        `?ranges=${encodeURIComponent("'Chung Chải 2018'")}&ranges=${encodeURIComponent("'Chung Chải 2017'")}` +
        '&valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER',
    );
  });

  test('shouldUseParallel switches at the threshold (default: from the first unit)', () => {
    expect(shouldUseParallel(0)).toBe(false);
    expect(shouldUseParallel(1)).toBe(true);
    expect(shouldUseParallel(130)).toBe(true);
    expect(shouldUseParallel(4, 5)).toBe(false);
    expect(shouldUseParallel(5, 5)).toBe(true);
  });

  test('the documented quota figures are the defaults', () => {
    expect(SHEETS_API_DEFAULTS.readsPerMinute).toBe(60);
    expect(SHEETS_API_DEFAULTS.windowMs).toBe(60_000);
  });
});

describe('grid conversion', () => {
  test('ragged rows are padded with "", values keep their types, error text stays text', () => {
    const grid = valuesToGrid([['Mã', 'STT', 'x'], [1, true], [], ['#REF!', 2.5, '', 'y']]);
    expect(grid).toEqual([
      ['Mã', 'STT', 'x', ''],
      [1, true, '', ''],
      ['', '', '', ''],
      ['#REF!', 2.5, '', 'y'],
    ]);
    expect(valuesToGrid(undefined)).toEqual([]);
  });

  test('serials in the submission row become local-midnight Dates; other numbers stay numbers', () => {
    const serial = isoToSerial('2018-09-16');
    const grid = valuesToGrid([
      ['NGAY_NOP', '', 'Ngày nộp báo cáo', 'ngày', serial, '', 'x'],
      ['DON_TONG', 1, 'Tổng số đơn', 'đơn', serial],
    ]);
    const d = grid[0][4] as Date;
    expect(d).toBeInstanceOf(Date);
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours()]).toEqual([2018, 9, 16, 0]);
    expect(grid[0][6]).toBe('x');
    expect(grid[1][4]).toBe(serial);
    // A label alone (no code column) also marks the row; fractions keep the time of day.
    const t = valuesToGrid([['', '', 'Ngày nộp', '', serial + 0.5]])[0][4] as Date;
    expect([t.getDate(), t.getHours()]).toEqual([16, 12]);
    expect(serialToDate(serial).getTime()).toBe(new Date(2018, 8, 16).getTime());
  });

  test('a sheet read through the API gives the engine exactly what getValues gives', () => {
    const w = world(2);
    try {
      const r = readUnitsViaSheetsApi(w.units, { years: [YEAR, YEAR - 1], now: clockOf(w.fake) });
      expect(r.failures).toEqual([]);
      for (const u of w.units) {
        const sheets = r.grids.get(u.code)?.sheets ?? [];
        expect(sheets.map((s) => s.name)).toEqual([unitSheetName(u, YEAR), unitSheetName(u, YEAR - 1)]);
        const units = w.units.map((x) => ({ code: x.code, name: x.name, kind: 'xã', emails: [] }));
        const viaApi = readSheet(sheets[0], { level: DEFAULT_LEVEL, catalogue, units, year: YEAR });
        const direct = readSheet(
          { name: sheets[0].name, grid: w.grids.get(`${u.code}:${YEAR}`) as Grid },
          { level: DEFAULT_LEVEL, catalogue, units, year: YEAR },
        );
        expect(viaApi.findings).toEqual(direct.findings);
        expect(viaApi.report?.values).toEqual(direct.report?.values);
        expect(viaApi.report?.submitted).toEqual(direct.report?.submitted);
        expect(viaApi.report?.submitted[8]).toBe('2018-09-16');
      }
    } finally {
      w.fake.uninstall();
    }
  });
});

describe('grid data (spreadsheets.get)', () => {
  test('dates by their number format anywhere, error cells as text, offsets, trailing blanks dropped', () => {
    const serial = isoToSerial('2018-09-16');
    const grid = gridToValues({
      startRow: 1,
      startColumn: 1,
      rowData: [
        {
          values: [
            { effectiveValue: { numberValue: serial }, effectiveFormat: { numberFormat: { type: 'DATE' } } },
            { effectiveValue: { numberValue: 5 }, effectiveFormat: { numberFormat: { type: 'NUMBER' } } },
            { effectiveValue: { errorValue: { type: 'REF' } } },
            { effectiveFormat: { numberFormat: { type: 'NUMBER' } } },
          ],
        },
        { values: [{ effectiveValue: { stringValue: 'x' } }, { effectiveValue: { boolValue: true } }] },
        { values: [{ effectiveFormat: { numberFormat: { type: 'TEXT' } } }] },
        {},
      ],
    });
    expect(grid).toHaveLength(3);
    expect(grid[0]).toEqual(['', '', '', '']);
    expect(grid[1][1]).toEqual(new Date(2018, 8, 16));
    expect(grid[1].slice(2)).toEqual([5, '#REF!']);
    expect(grid[2]).toEqual(['', 'x', true, '']);
    expect(gridToValues(undefined)).toEqual([]);
    expect(mergeToA1({ startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 18 })).toBe('A1:R1');
    expect(mergeToA1({ startRowIndex: 23, endRowIndex: 24, startColumnIndex: 11, endColumnIndex: 13 })).toBe('L24:M24');
  });

  test('a date typed into a number cell arrives as a Date, as readGrid gives it (never as a serial number)', () => {
    const w = world(1);
    try {
      const ss = SpreadsheetApp.openByUrl(w.units[0].spreadsheetId);
      const sheet = ss.getSheetByName(unitSheetName(unitOf(0), YEAR)) as GoogleAppsScript.Spreadsheet.Sheet;
      sheet.getRange('M24').setValue(new Date('2018-09-16T00:00:00+07:00'));
      // getValues() in the spreadsheet's zone, as "Tổng hợp" reads it (readGrid with the time zone).
      const direct = readGrid(sheet, 'Asia/Ho_Chi_Minh');
      const r = readUnitsViaSheetsApi(w.units, { years: [YEAR], now: clockOf(w.fake) });
      const grid = r.grids.get(w.units[0].code)?.sheets[0].grid as Grid;
      expect(grid[23][12]).toBeInstanceOf(Date);
      expect((grid[23][12] as Date).getTime()).toBe((direct[23][12] as Date).getTime());
      expect(grid).toEqual(direct);
    } finally {
      w.fake.uninstall();
    }
  });

  test('the tab list honours the fields mask', () => {
    const w = world(1);
    try {
      const id = spreadsheetIdOf(w.units[0].spreadsheetId) as string;
      const res = UrlFetchApp.fetch(metadataUrl(id), { headers: { Authorization: 'Bearer t' } });
      const body = JSON.parse(res.getContentText());
      expect(Object.keys(body).sort()).toEqual(['properties', 'sheets']);
      expect(body.properties).toEqual({ title: `Báo cáo ${unitOf(0).name}` });
      expect(body.sheets.map((s: { properties: unknown }) => s.properties)).toEqual([
        { sheetId: 0, title: unitSheetName(unitOf(0), YEAR), index: 0 },
        { sheetId: expect.any(Number), title: unitSheetName(unitOf(0), YEAR - 1), index: 1 },
      ]);
      expect(w.fake.calls.count('UrlFetchApp.fetch')).toBe(1);
      expect(w.fake.calls.count('HTTPResponse.getContentText')).toBe(0);
    } finally {
      w.fake.uninstall();
    }
  });

  test('retryServerErrors: false fails a 503 at once with its status (the caller retries another way)', () => {
    const w = world(2, {
      script: (_r, id) => (id === w.units[0].spreadsheetId.split('/')[5] ? { status: 503 } : undefined),
    });
    try {
      const r = readUnitsViaSheetsApi(w.units, { years: [YEAR], now: clockOf(w.fake), retryServerErrors: false });
      expect(r.failures.map((f) => [f.code, f.status])).toEqual([[w.units[0].code, 503]]);
      expect(r.stats.retries).toBe(0);
      expect(r.grids.has(w.units[1].code)).toBe(true);
    } finally {
      w.fake.uninstall();
    }
  });
});

describe('requests', () => {
  let w: World;
  afterEach(() => w.fake.uninstall());

  test('one GET per unit, both years in it, with the OAuth token and muteHttpExceptions', () => {
    w = world(3);
    readUnitsViaSheetsApi(w.units, { years: [YEAR, YEAR - 1], now: clockOf(w.fake) });
    const reqs = w.fake.http.requests;
    expect(reqs).toHaveLength(3);
    for (const r of reqs) {
      expect(r.method).toBe('GET');
      expect(r.headers.Authorization).toBe('Bearer fake-token');
      expect(r.muteHttpExceptions).toBe(true);
    }
    expect(w.log[0].ranges).toEqual([
      `'${unitSheetName(w.units[0], YEAR)}'`,
      `'${unitSheetName(w.units[0], YEAR - 1)}'`,
    ]);
    expect(w.fake.calls.count('UrlFetchApp.fetchAll')).toBe(1);
    expect(w.fake.calls.count('SpreadsheetApp.openById') + w.fake.calls.count('SpreadsheetApp.openByUrl')).toBe(0);
  });

  test('batching: never more than the quota in any 60-second window; the wait is slept', () => {
    w = world(130);
    const r = readUnitsViaSheetsApi(w.units, { years: [YEAR, YEAR - 1], now: clockOf(w.fake), random: () => 0 });
    expect(r.failures).toEqual([]);
    expect(r.grids.size).toBe(130);
    expect(r.stats.requests).toBe(130);
    expect(r.stats.fetchAllCalls).toBe(3); // 60 + 60 + 10
    expect(w.fake.calls.count('UrlFetchApp.fetchAll')).toBe(3);
    expect(w.fake.calls.count('Utilities.sleep')).toBe(2);
    const times = w.log.map((l) => l.at);
    for (const t of times) expect(times.filter((x) => x > t - 60_000 && x <= t).length).toBeLessThanOrEqual(60);
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(120_000);
  });

  test('batching follows the settings: 300 per minute sends 130 units at once', () => {
    w = world(130);
    const r = readUnitsViaSheetsApi(w.units, {
      years: [YEAR],
      now: clockOf(w.fake),
      readsPerMinute: 300,
      batchSize: 300,
    });
    expect(r.grids.size).toBe(130);
    expect(r.stats.fetchAllCalls).toBe(1);
    expect(w.fake.calls.count('Utilities.sleep')).toBe(0);
  });

  test('429 and 503: exponential back-off with Utilities.sleep, then success', () => {
    const tries = new Map<string, number>();
    w = world(4, {
      script: (_req, id) => {
        const n = (tries.get(id) ?? 0) + 1;
        tries.set(id, n);
        if (n <= 2 && id === spreadsheetIdOf(w.units[1].spreadsheetId)) return { status: 429, body: 'quota' };
        if (n === 1 && id === spreadsheetIdOf(w.units[2].spreadsheetId)) return { status: 503, body: 'busy' };
        return undefined;
      },
    });
    const sleeps: number[] = [];
    const r = readUnitsViaSheetsApi(w.units, {
      years: [YEAR],
      now: clockOf(w.fake),
      random: () => 0,
      sleep: (ms) => {
        sleeps.push(ms);
        Utilities.sleep(ms);
      },
    });
    expect(r.failures).toEqual([]);
    expect(r.grids.size).toBe(4);
    expect(r.stats.retries).toBe(3);
    // 1 s after the first failures, 2 s after the second 429.
    expect(sleeps).toEqual([1000, 2000]);
    expect(w.fake.calls.count('UrlFetchApp.fetchAll')).toBe(3);
  });

  test('Retry-After is honoured', () => {
    let first = true;
    w = world(1, {
      script: () => {
        if (!first) return undefined;
        first = false;
        return { status: 429, body: '', headers: { 'Retry-After': '7' } };
      },
    });
    const before = w.fake.clock.nowMs();
    const r = readUnitsViaSheetsApi(w.units, { years: [YEAR], now: clockOf(w.fake), random: () => 0 });
    expect(r.grids.size).toBe(1);
    expect(w.fake.clock.nowMs() - before).toBeGreaterThanOrEqual(7000);
  });

  test('a unit that keeps getting 429 is given up after maxAttempts, by name; the others are read', () => {
    w = world(3, {
      script: (_req, id) => (id === spreadsheetIdOf(w.units[0].spreadsheetId) ? { status: 429 } : undefined),
    });
    const r = readUnitsViaSheetsApi(w.units, { years: [YEAR], now: clockOf(w.fake), random: () => 0, maxAttempts: 3 });
    expect(r.grids.size).toBe(2);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0].code).toBe(w.units[0].code);
    expect(r.failures[0].message).toContain(`Xã ${w.units[0].name}`);
    expect(r.failures[0].message).toContain('429');
    expect(r.failures[0].message).toContain('3 lần');
  });

  test('403 and 404: a Vietnamese message naming the unit; the others are read', () => {
    const deny = new Set<string>();
    w = world(4, { deny });
    deny.add(spreadsheetIdOf(w.units[1].spreadsheetId) as string);
    const gone = {
      ...w.units[2],
      spreadsheetId: 'https://docs.google.com/spreadsheets/d/1DeletedSpreadsheet0000/edit',
    };
    const units = [w.units[0], w.units[1], gone, w.units[3], { ...w.units[3], code: 'bad', spreadsheetId: 'x y' }];
    const r = readUnitsViaSheetsApi(units, { years: [YEAR], now: clockOf(w.fake) });
    expect([...r.grids.keys()].sort()).toEqual([w.units[0].code, w.units[3].code].sort());
    const byCode = Object.fromEntries(r.failures.map((f) => [f.code, f.message]));
    expect(byCode[w.units[1].code]).toMatch(new RegExp(`^Không đọc được bảng tính của Xã ${w.units[1].name}: .*quyền`));
    expect(byCode[w.units[1].code]).toContain('403');
    expect(byCode[w.units[2].code]).toContain(`Xã ${w.units[2].name}`);
    expect(byCode[w.units[2].code]).toContain('đã bị xóa');
    expect(byCode[w.units[2].code]).toContain('404');
    expect(byCode.bad).toContain('đường dẫn');
    expect(r.pending).toEqual([]);
  });

  test('a missing year tab is dropped and the unit asked again', () => {
    w = world(3, { noLastYear: new Set([1]) });
    const r = readUnitsViaSheetsApi(w.units, { years: [YEAR, YEAR - 1], now: clockOf(w.fake) });
    expect(r.failures).toEqual([]);
    expect(r.grids.get(w.units[1].code)?.sheets.map((s) => s.name)).toEqual([unitSheetName(w.units[1], YEAR)]);
    expect(r.grids.get(w.units[0].code)?.sheets).toHaveLength(2);
    expect(r.stats.requests).toBe(4);
  });

  test('while the quota window is full, the fallback reads further units the ordinary way', () => {
    w = world(80);
    const fallbackRead: string[] = [];
    const r = readUnitsViaSheetsApi(w.units, {
      years: [YEAR],
      now: clockOf(w.fake),
      fallback: (unit, names) => {
        fallbackRead.push(unit.code);
        w.fake.clock.advance(1000); // a second per unit, as openById + getValues cost
        return { sheets: names.map((name) => ({ name, grid: [['x']] })) };
      },
    });
    expect(r.failures).toEqual([]);
    expect(r.grids.size).toBe(80);
    expect(r.stats.requests).toBe(60);
    expect(fallbackRead).toHaveLength(20);
    expect(r.stats.viaFallback).toBe(20);
    expect(r.stats.sleptMs).toBe(0);
  });

  test('a fallback failure is that unit’s failure', () => {
    w = world(62);
    const r = readUnitsViaSheetsApi(w.units, {
      years: [YEAR],
      now: clockOf(w.fake),
      fallback: (unit) => {
        throw new Error(`Không mở được bảng tính của ${unit.name}`);
      },
    });
    expect(r.grids.size).toBe(60);
    expect(r.failures.map((f) => f.code)).toEqual([w.units[61].code, w.units[60].code]);
  });

  test('deadline: units not read in time are returned as pending, in input order', () => {
    w = world(130);
    const start = w.fake.clock.nowMs();
    const r = readUnitsViaSheetsApi(w.units, { years: [YEAR], now: clockOf(w.fake), deadline: start + 30_000 });
    expect(r.grids.size).toBe(60);
    expect(r.pending).toEqual(w.units.slice(60).map((u) => u.code));
    expect(w.fake.calls.count('Utilities.sleep')).toBe(0);
  });

  test('progress is reported per unit', () => {
    w = world(5);
    const seen: number[] = [];
    readUnitsViaSheetsApi(w.units, { years: [YEAR], now: clockOf(w.fake), onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('URL length: UrlFetchApp refuses URLs over 2 kB', () => {
  /** Commune names as "Đơn vị" has them: every Vietnamese letter is 6 to 9 characters in a URL. */
  const longName = (i: number) => `Thị trấn Mường Nhé Điện Biên ${String.fromCharCode(65 + (i % 26))}${i}`;
  const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';

  test('splitRanges: every URL at most MAX_URL_LENGTH, every tab once and in order, runs as full as allowed', () => {
    const names = Array.from({ length: 130 }, (_, i) => [
      `${longName(i)} ${YEAR}`,
      `${longName(i)} ${YEAR - 1}`,
    ]).flat();
    // One request for all would be refused (and so would one of the old 40 ranges).
    expect(gridGetUrl(ID, names).length).toBeGreaterThan(URL_FETCH_MAX_URL_LENGTH);
    expect(gridGetUrl(ID, names.slice(0, 40)).length).toBeGreaterThan(URL_FETCH_MAX_URL_LENGTH);
    const runs = splitRanges(ID, names);
    expect(runs.flat()).toEqual(names);
    expect(runs.length).toBeGreaterThan(1);
    runs.forEach((run, k) => {
      expect(gridGetUrl(ID, run).length).toBeLessThanOrEqual(MAX_URL_LENGTH);
      // Not split more than needed: the next tab would not have fitted.
      if (k + 1 < runs.length) expect(gridGetUrl(ID, [...run, runs[k + 1][0]]).length).toBeGreaterThan(MAX_URL_LENGTH);
    });
    // The count limit too; a tab too long for any request is alone in its run.
    expect(splitRanges(ID, names, MAX_URL_LENGTH, 5).every((r) => r.length <= 5)).toBe(true);
    const huge = 'Thị trấn '.repeat(200);
    expect(splitRanges(ID, ['A 2018', huge, 'B 2018', 'C 2018'])).toEqual([['A 2018'], [huge], ['B 2018', 'C 2018']]);
    expect(splitRanges(ID, [])).toEqual([]);
  });

  test('the fake throws as Apps Script does: over 2 kB, for the whole fetchAll', () => {
    const w = world(1);
    try {
      const long = `${SHEETS_API_BASE}x?q=${'a'.repeat(URL_FETCH_MAX_URL_LENGTH)}`;
      expect(() => UrlFetchApp.fetchAll([metadataUrl('x'), long])).toThrow(GAS_ERRORS.urlTooLong);
      expect(w.fake.http.requests).toHaveLength(0);
    } finally {
      w.fake.uninstall();
    }
  });

  test('a spreadsheet with many long-named tabs: several requests in ONE fetchAll, the grids of getValues, in order', () => {
    const fake = createGasFake({ now: new Date('2018-10-05T09:00:00+07:00') });
    const unit = unitOf(7);
    const names = Array.from({ length: 30 }, (_, k) => `${longName(7)} ${1990 + k}`);
    const ss = fake.createSpreadsheet('Báo cáo Thị trấn Mường Nhé', {
      sheets: names.map((name, k) => ({ name, values: filledGrid(unit, 1990 + k, k) })),
    });
    const log: NonNullable<EmulatorOptions['log']> = [];
    fake.http.handler = sheetsApiHandler(fake, { log });
    fake.install(globalThis);
    try {
      const r = readUnitsViaSheetsApi(
        [{ code: 'tt', name: longName(7), kind: 'thị trấn', spreadsheetId: ss.getUrl() }],
        {
          sheetNames: () => names,
          now: clockOf(fake),
        },
      );
      expect(r.failures).toEqual([]);
      expect(r.pending).toEqual([]);
      const sheets = r.grids.get('tt')?.sheets ?? [];
      expect(sheets.map((s) => s.name)).toEqual(names);
      for (const s of sheets)
        expect(s.grid).toEqual(
          readGrid(ss.getSheetByName(s.name) as GoogleAppsScript.Spreadsheet.Sheet, 'Asia/Ho_Chi_Minh'),
        );
      expect(log.length).toBeGreaterThan(1);
      expect(log.flatMap((l) => l.ranges)).toEqual(names.map(sheetRange));
      for (const l of log) expect(l.url.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
      expect(r.stats).toMatchObject({ requests: log.length, fetchAllCalls: 1, retries: 0, viaFallback: 0 });
    } finally {
      fake.uninstall();
    }
  });

  test('a tab name too long for any request fails that unit alone, in Vietnamese; the others are read', () => {
    const w = world(4);
    try {
      const huge = 'Thị trấn Mường Nhé '.repeat(30);
      const r = readUnitsViaSheetsApi(w.units, {
        sheetNames: (u) => (u.code === w.units[2].code ? [huge] : [unitSheetName(u, YEAR)]),
        now: clockOf(w.fake),
      });
      expect(r.grids.size).toBe(3);
      expect(r.failures).toHaveLength(1);
      expect(r.failures[0].code).toBe(w.units[2].code);
      expect(r.failures[0].message).toContain(
        `Không đọc được bảng tính của Xã ${w.units[2].name} qua Google Sheets API`,
      );
      expect(r.failures[0].message).toContain('quá dài');
      expect(r.stats).toMatchObject({ fetchAllCalls: 1, retries: 0 });
    } finally {
      w.fake.uninstall();
    }
  });
});
