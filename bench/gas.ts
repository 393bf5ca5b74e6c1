/**
 * Benchmarks 3 and 4 — the add-on in the Apps Script fake.
 *
 * 3. Call budget: "Tổng hợp" (the menu handler aggregateReports of the built dist/Code.js, its
 *    loader reading code-aggregate.html included) for 11, 45 and 130 units in both layouts,
 *    counting every service call (fake.calls). Target: at most
 *    4 calls per unit + 40, whatever the number of indicators and months. Baseline in the
 *    same environment: bench/naive-gas.ts (getValue per cell, appendRow per row).
 * 4. Parallel reads: the modelled time (fake latency model DEFAULT_LATENCY) of reading 130
 *    unit spreadsheets (layout b) one by one, the SpreadsheetApp way (openByUrl, getSheetByName,
 *    getDataRange().getValues(): findUnitBooks, the add-on's fallback), against the Sheets API
 *    path "Tổng hợp" takes (src/gas/io/parallel-books.ts: UrlFetchApp.fetchAll, the API served
 *    by the fake, tests/fakes/gas/sheets-api.ts) and variants of its quota settings.
 *
 * Env: BENCH_SIZES (default "11,45,130"), BENCH_OUT; BENCH_NO_MAIN=1 to import prepare() without running.
 */
process.env.TZ = 'Asia/Ho_Chi_Minh';

import path from 'node:path';
import vm from 'node:vm';

import { defaultCatalogue } from '../src/engine/catalogue/defaults';
import { indicatorRows, isoToSerial, LAYOUT, monthCol, unitSheetName } from '../src/engine/sheet/layout';
import type { Catalogue, CellValue, Unit } from '../src/engine/types';
import { setNowSource } from '../src/gas/clock';
import { findUnitBooks } from '../src/gas/io/find-units';
import { readUnitBooksDetailed } from '../src/gas/io/parallel-books';
import { readUnitsViaSheetsApi, SHEETS_API_DEFAULTS } from '../src/gas/io/sheets-api';
import * as main from '../src/gas/main';
import { renderSheet } from '../src/gas/render';
import { readConfig } from '../src/gas/config';
import { indicatorsModel, rulesModel } from '../src/gas/config/catalogue';
import { unitsModel } from '../src/gas/config/units';
import { SHEETS } from '../src/messages/vi/gas';
import { type Dist, readDist, serveHtml } from '../tests/bundle/dist';
import { createGasFake, DEFAULT_LATENCY, type GasFake } from '../tests/fakes/gas';
import { setSetting, unitUrls } from '../tests/gas/helpers';
import { sheetsApiHandler } from '../tests/gas/sheets-api-emulator';
import { serialToLocalDate, syntheticUnits, unitData } from './gen';
import { type Figure, log, writeFigures } from './lib';
import { naiveAggregate } from './naive-gas';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const YEAR = 2025;
const MONTH = 9;
const NOW = new Date('2025-10-05T09:00:00+07:00');
const SIZES = (process.env.BENCH_SIZES ?? '11,45,130').split(',').map(Number);
const PER_UNIT = 4;
const CONSTANT = 40;

interface Env {
  fake: GasFake;
  master: Spreadsheet;
  units: Unit[];
  catalogue: Catalogue;
  urls: Record<string, string>;
}

/** A catalogue with every indicator twice (codes "…_B"), to show calls do not grow with indicators. */
export function doubled(cat: Catalogue): Catalogue {
  const extra = cat.indicators.map((i) => ({ ...i, code: `${i.code}_B`, label: `${i.label} (bổ sung)`, key: false }));
  return { ...cat, indicators: [...cat.indicators, ...extra] };
}

function seedSheet(sheet: Sheet, catalogue: Catalogue, unitIndex: number, year: number, months: number): void {
  const rows = indicatorRows(catalogue);
  const data = unitData(catalogue, unitIndex, year, months);
  const first = LAYOUT.submittedRow;
  const last = Math.max(...rows.values());
  const block: CellValue[][] = Array.from({ length: last - first + 1 }, () => new Array(12).fill(''));
  data.submitted?.forEach((iso, m) => {
    if (iso) block[0][m] = serialToLocalDate(isoToSerial(iso));
  });
  for (const ind of catalogue.indicators) {
    const r = (rows.get(ind.code) as number) - first;
    const src = ind.kind === 'note' ? data.notes?.[ind.code] : data.values?.[ind.code];
    src?.forEach((v, m) => {
      if (v !== null && v !== undefined) block[r][m] = v;
    });
  }
  sheet.getRange(first, monthCol(1), block.length, 12).setValues(block as unknown[][] as string[][]);
}

/** Master with N units, templates for last year and this year, every sheet filled. */
export function prepare(n: number, layout: 'a' | 'b', opts: { months?: number; catalogue?: Catalogue } = {}): Env {
  const fake = createGasFake({ now: NOW, user: 'bantuyengiaodanvan@dienbien.vn' });
  const master = fake.createSpreadsheet('Tổng hợp dân vận tỉnh', { active: true, sheets: [{ name: 'Trang tính1' }] });
  fake.install(globalThis);
  setNowSource(() => fake.clock.now());
  const units = syntheticUnits(n, 7);
  const catalogue = opts.catalogue ?? defaultCatalogue();
  // Our units (and catalogue) in the add-on's own sheet format; "Thiết lập" keeps existing sheets.
  renderSheet(master.insertSheet(SHEETS.units), unitsModel(units));
  if (opts.catalogue) {
    renderSheet(master.insertSheet(SHEETS.indicators), indicatorsModel(catalogue));
    renderSheet(master.insertSheet(SHEETS.rules), rulesModel(catalogue));
  }
  main.setupSheets();
  if (layout === 'b') setSetting(master, 'separateSpreadsheets', 'có');
  for (const y of [YEAR - 1, YEAR]) {
    fake.ui.queuePromptResponse({ text: String(y) });
    main.createTemplates();
  }
  const urls = layout === 'b' ? unitUrls(master) : {};
  units.forEach((u, i) => {
    for (const y of [YEAR - 1, YEAR]) {
      const ss = urls[u.code] ? SpreadsheetApp.openByUrl(urls[u.code]) : master;
      const sheet = ss.getSheetByName(unitSheetName(u, y));
      if (!sheet) throw new Error(`bench: no sheet for ${u.name} ${y}`);
      seedSheet(sheet, catalogue, i, y, y === YEAR ? (opts.months ?? MONTH) : 12);
    }
  });
  return { fake, master, units, catalogue, urls };
}

function dispose(env: Env): void {
  setNowSource(null);
  env.fake.uninstall();
}

/** Add-on problems the bench worked around, reported with the figures. */
const workarounds = new Set<string>();

/** dist/ as built by `npm run build` (bench/run.mjs builds it first): what Apps Script runs. */
let dist: Dist | null = null;

/**
 * "Tổng hợp" as Apps Script runs it, with modelled latency; calls and modelled ms. Each run is a
 * new execution: dist/Code.js evaluated in a fresh context of the fake, whose loader then reads
 * and evaluates code-aggregate.html, so the loader's own calls are counted too.
 */
function runAddon(env: Env, expectReported = env.units.length): { calls: number; ms: number; byMethod: Record<string, number> } {
  dist ??= readDist(path.join(process.env.BENCH_DIR ?? 'bench', '..', 'dist'));
  serveHtml(env.fake, dist);
  const attempt = () => {
    env.fake.latency = { ...DEFAULT_LATENCY };
    env.fake.resetStats();
    env.fake.ui.queuePromptResponse({ text: `${MONTH}/${YEAR}` });
    const context = env.fake.createVmContext();
    vm.runInContext((dist as Dist).code, context, { filename: 'Code.js' });
    return vm.runInContext('aggregateReports()', context) as
      | { summary?: { completeness: { reported: number; expected: number } } }
      | undefined;
  };
  let r = attempt();
  const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
  if (!r?.summary && /outside the dimensions of the sheet/.test(alert)) {
    // writeLongRows writes every long row in one setValues without growing "Dữ liệu" past
    // its 1,000 rows (Apps Script throws the same). Grow it and run again, so the rest is measured.
    workarounds.add(`"Dữ liệu" grown before the run: the add-on's writeLongRows does not add rows past 1,000 (${alert.slice(0, 120)})`);
    const data = env.master.getSheetByName(SHEETS.data) ?? env.master.insertSheet(SHEETS.data);
    const need = env.units.length * env.catalogue.indicators.length * 2 + 1000;
    if (data.getMaxRows() < need) data.insertRowsAfter(data.getMaxRows(), need - data.getMaxRows());
    r = attempt();
  }
  const c = r?.summary?.completeness;
  if (!c || c.reported !== expectReported)
    throw new Error(`bench: Tổng hợp read ${c?.reported}/${expectReported} units: ${env.fake.ui.alerts.at(-1)?.prompt}`);
  return { calls: env.fake.calls.total, ms: env.fake.modelledMs, byMethod: { ...env.fake.calls.byMethod } };
}

function runNaive(env: Env): { calls: number; ms: number } {
  env.fake.latency = { ...DEFAULT_LATENCY };
  env.fake.resetStats();
  naiveAggregate({ master: env.master, units: env.units, urls: env.urls, catalogue: env.catalogue, year: YEAR, month: MONTH });
  return { calls: env.fake.calls.total, ms: env.fake.modelledMs };
}

const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function main_(): void {
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = {};

  // ------------------------------------------------------------ 3. call budget
  let parallelEnv: Env | null = null;
  let addonTotalMs = 0;
  for (const layout of ['a', 'b'] as const) {
    for (const n of SIZES) {
      const t0 = performance.now();
      const env = prepare(n, layout);
      const addon = runAddon(env);
      const naive = runNaive(env);
      const budget = PER_UNIT * n + CONSTANT;
      log(
        `gas: layout ${layout}, ${n} units: add-on ${addon.calls} calls (${fmtS(addon.ms)} modelled), ` +
          `naive ${naive.calls} calls (${fmtS(naive.ms)}) [${((performance.now() - t0) / 1000).toFixed(1)} s]`,
      );
      raw[`${layout}-${n}`] = { addon, naive };
      figures.push({
        bench: 'gas-calls',
        name: `"Tổng hợp" service calls, layout (${layout}), ${n} units`,
        value: addon.calls,
        unit: 'calls',
        baseline: naive.calls,
        baselineName: 'naive cell-by-cell script',
        ratio: addon.calls / naive.calls,
        target: `≤ ${budget} (4/unit + 40)`,
        pass: addon.calls <= budget,
        note: `${(addon.calls / n).toFixed(1)} calls/unit; modelled ${fmtS(addon.ms)} vs naive ${fmtS(naive.ms)}`,
      });
      if (layout === 'b' && n === Math.max(...SIZES)) {
        parallelEnv = env;
        addonTotalMs = addon.ms;
      } else dispose(env);
    }
  }
  // Slope and intercept over the sizes, per layout.
  for (const layout of ['a', 'b'] as const) {
    const pts = SIZES.map((n) => [n, (raw[`${layout}-${n}`] as { addon: { calls: number } }).addon.calls]);
    const [n1, c1] = pts[0];
    const [n2, c2] = pts[pts.length - 1];
    const slope = (c2 - c1) / (n2 - n1);
    const intercept = c1 - slope * n1;
    figures.push({
      bench: 'gas-calls',
      name: `calls = a·units + b, layout (${layout})`,
      value: slope,
      unit: 'calls/unit',
      target: `a ≤ ${PER_UNIT}, b ≤ ${CONSTANT}`,
      pass: slope <= PER_UNIT + 1e-9 && intercept <= CONSTANT,
      note: `a = ${slope.toFixed(2)}, b = ${intercept.toFixed(0)}`,
    });
  }
  // Independence of indicators and months (45 units, layout a).
  {
    const base = prepare(45, 'a');
    const c0 = runAddon(base).calls;
    dispose(base);
    const fewMonths = prepare(45, 'a', { months: 3 });
    const c1 = runAddon(fewMonths, 0).calls; // September not reported yet: 0 of 45
    dispose(fewMonths);
    const moreInd = prepare(45, 'a', { catalogue: doubled(defaultCatalogue()) });
    const c2 = runAddon(moreInd).calls;
    dispose(moreInd);
    log(`gas: 45 units: ${c0} calls; 3 months filled ${c1}; ${doubled(defaultCatalogue()).indicators.length} indicators ${c2}`);
    figures.push({
      bench: 'gas-calls',
      name: 'calls with 2× indicators and 3 vs 9 months (45 units, layout a)',
      value: Math.max(c1, c2),
      unit: 'calls',
      baseline: c0,
      baselineName: 'default catalogue, 9 months',
      ratio: Math.max(c1, c2) / c0,
      target: 'same calls',
      pass: c1 === c0 && c2 === c0,
      note: `9 months ${c0}, 3 months ${c1}, 70 indicators ${c2}`,
    });
  }

  // ------------------------------------------------------------ 4. parallel reads
  if (parallelEnv) {
    const env = parallelEnv;
    const { fake } = env;
    const cfg = readConfig(env.master);
    if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
    const units = cfg.config.units;
    const n = units.length;
    const years = [YEAR, YEAR - 1];
    fake.latency = { ...DEFAULT_LATENCY };
    // The add-on's clock is this fake's again (the envs disposed meanwhile reset it).
    setNowSource(() => fake.clock.now());

    fake.resetStats();
    const books = findUnitBooks(env.master, units, years, { read: true });
    if (books.some((b) => b.error || b.grids.size !== 2)) throw new Error('bench: sequential read failed');
    const seqReadMs = fake.modelledMs;

    // What "Tổng hợp" does (default settings): its read time, the rest of the run by difference.
    fake.resetStats();
    const addonRead = readUnitBooksDetailed(env.master, units, years, { read: true });
    if (addonRead.books.some((b) => b.error || b.grids.size !== 2)) throw new Error('bench: API read failed');
    const addonReadMs = fake.modelledMs;
    const addonReadCalls = fake.calls.total;
    const rest = addonTotalMs - addonReadMs;
    const seqTotalMs = rest + seqReadMs;

    fake.http.handler = sheetsApiHandler(fake);
    const apiUnits = units.map((u) => ({ code: u.code, name: u.name, kind: u.kind, spreadsheetId: u.spreadsheetUrl ?? '' }));
    const now = () => fake.clock.nowMs();
    const variant = (label: string, opts: Parameters<typeof readUnitsViaSheetsApi>[1]) => {
      fake.resetStats();
      const r = readUnitsViaSheetsApi(apiUnits, { years, now, random: () => 0.5, ...opts });
      if (r.grids.size !== n || r.failures.length) throw new Error(`bench: parallel read (${label}) failed`);
      return { ms: fake.modelledMs, calls: fake.calls.total, stats: r.stats };
    };
    const fallback = (u: { spreadsheetId: string }, names: string[]) => {
      const ss = SpreadsheetApp.openByUrl(u.spreadsheetId);
      return {
        sheets: names.flatMap((name) => {
          const s = ss.getSheetByName(name);
          return s ? [{ name, grid: s.getDataRange().getValues() as CellValue[][] }] : [];
        }),
      };
    };
    const hybrid = variant('60/min + fallback', { fallback });
    const raised = variant('300/min', { readsPerMinute: 300, batchSize: 300 });
    log(
      `gas: ${n} units read: sequential ${fmtS(seqReadMs)}; Tổng hợp's API read ${fmtS(addonReadMs)} ` +
        `(${addonReadCalls} calls, slept ${fmtS(addonRead.stats?.sleptMs ?? 0)}), ` +
        `+fallback ${fmtS(hybrid.ms)} (${hybrid.stats.viaFallback} via SpreadsheetApp), 300/min ${fmtS(raised.ms)}; ` +
        `rest of Tổng hợp ${fmtS(rest)}`,
    );
    const six = 360_000;
    const add = (name: string, ms: number, note: string) =>
      figures.push({
        bench: 'parallel',
        name,
        value: ms / 1000,
        unit: 's',
        baseline: seqTotalMs / 1000,
        baselineName: 'sequential (openByUrl + getValues per unit)',
        ratio: ms / seqTotalMs,
        target: '< 360 s (one execution), well inside',
        pass: ms < six / 2,
        note,
      });
    figures.push({
      bench: 'parallel',
      name: `"Tổng hợp" ${n} units, layout (b), sequential reads (modelled)`,
      value: seqTotalMs / 1000,
      unit: 's',
      target: '< 360 s',
      pass: seqTotalMs < six,
      note: `reading ${fmtS(seqReadMs)} + aggregating/writing ${fmtS(rest)}`,
    });
    add(
      `"Tổng hợp" ${n} units, as run (Sheets API, quota 60 reads/min/user)`,
      addonTotalMs,
      `read ${fmtS(addonReadMs)} in ${addonReadCalls} calls: ${addonRead.stats?.fetchAllCalls} fetchAll, ` +
        `slept ${fmtS(addonRead.stats?.sleptMs ?? 0)} for the quota window`,
    );
    add(
      `"Tổng hợp" ${n} units, parallel 60/min + SpreadsheetApp while waiting`,
      rest + hybrid.ms,
      `read ${fmtS(hybrid.ms)}: ${hybrid.stats.requests} via API, ${hybrid.stats.viaFallback} via openByUrl`,
    );
    add(
      `"Tổng hợp" ${n} units, parallel, quota raised to 300/min/user`,
      rest + raised.ms,
      `read ${fmtS(raised.ms)}: ${raised.stats.fetchAllCalls} fetchAll of ${raised.stats.requests}`,
    );
    raw.parallel = {
      units: n,
      latency: DEFAULT_LATENCY,
      quota: SHEETS_API_DEFAULTS,
      seqTotalMs,
      seqReadMs,
      addonTotalMs,
      addonReadMs,
      addonReadCalls,
      addonReadStats: addonRead.stats,
      hybrid,
      raised,
    };
    dispose(env);
  }
  if (workarounds.size) {
    for (const f of figures) if (f.bench === 'gas-calls') f.note = `${f.note ?? ''} [bench grew "Dữ liệu": add-on bug]`.trim();
    raw.workarounds = [...workarounds];
    for (const w of workarounds) log(`gas: WORKAROUND ${w}`);
  }
  writeFigures(figures, { gas: raw });
}

if (!process.env.BENCH_NO_MAIN) main_();
