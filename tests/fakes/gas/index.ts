/// <reference types="google-apps-script" />
/**
 * In-memory fake of the Google Apps Script services used by the add-on.
 *
 *   const fake = createGasFake({ now: new Date('2018-10-05T09:00:00+07:00'), user: 'a@x.vn' });
 *   const ss = fake.createSpreadsheet('Báo cáo', { sheets: [{ name: 'Xã A', values: [[1, 2]] }], active: true });
 *   fake.install();               // or vm.createContext(fake.createVmContext())
 *   ... run code under test ...
 *   fake.uninstall();
 *
 * Every method call on a service object is counted (fake.calls), charged modelled
 * latency (fake.modelledMs) and subject to fault injection (fake.faults): see runtime.ts.
 */
import vm from 'node:vm';
import { a1Of, parseA1 } from './a1';
import type { CallStats } from './calls';
import { ChartsImpl } from './charts';
import { FakeClock, makeFakeDate } from './clock';
import { FakeContext, type LogEntry, type Toast } from './context';
import type { FaultRegistry } from './faults';
import { googleFilesHandler } from './google-files';
import { HtmlServiceImpl, HtmlState } from './html';
import { type LatencyModel, resolveLatency } from './latency';
import { LockServiceImpl, LockState } from './lock';
import { MailAppImpl, MailState } from './mail';
import { DEFAULT_PROPERTY_LIMITS, PropertiesServiceImpl, PropertiesState, type PropertyLimits } from './properties';
import type { RangeImpl } from './range';
import { GasRuntime } from './runtime';
import { LoggerImpl, makeConsole, SessionImpl } from './session';
import type { SheetImpl } from './sheet';
import { sheetsApiHandler } from './sheets-api';
import { SpreadsheetAppImpl, SpreadsheetImpl, type SpreadsheetInit } from './spreadsheet';
import { ScriptAppImpl, type TriggerInfo, TriggerState } from './triggers';
import { UiImpl, UiState } from './ui';
import { HttpState, UrlFetchAppImpl } from './urlfetch';
import { UtilitiesImpl } from './utilities';
import { type CellValue, copyValue, toStored } from './values';

export { CELL_LIMIT, type LogEntry, type Toast } from './context';
export { GAS_ERRORS, GasError } from './errors';
export type { FaultHandle, FaultSpec } from './faults';
export { googleFilesHandler, spreadsheetXlsx, XLSX_TYPE } from './google-files';
export { DEFAULT_LATENCY, type LatencyModel, ZERO_LATENCY } from './latency';
export type { SentAttachment, SentMail } from './mail';
export { DEFAULT_PROPERTY_LIMITS, type PropertyLimits } from './properties';
export { type EmulatorOptions, sheetsApiHandler } from './sheets-api';
export type { TriggerInfo, TriggerSchedule } from './triggers';
export type { AlertRecord, MenuItemRecord, MenuRecord, PromptRecord, PromptScript, ShownRecord } from './ui';
export { type FakeRequest, type FakeResponseSpec, type HttpHandler, URL_FETCH_MAX_URL_LENGTH } from './urlfetch';
export type { CellValue } from './values';

export interface GasFakeOptions {
  /** Initial fake time. Default 2025-01-15T09:00:00+07:00. */
  now?: Date | number;
  /** Active (and by default effective) user's email. Default 'user@example.com'. */
  user?: string;
  effectiveUser?: string;
  /** Email recipients allowed today. Default 100 (consumer account). */
  mailQuota?: number;
  /** Latency model; default all 0. 'default' = DEFAULT_LATENCY; an object is merged over zeros. */
  latency?: Partial<LatencyModel> | 'default' | 'zero';
  /** Whether modelled latency also advances fake.clock. Default true. */
  latencyAdvancesClock?: boolean;
  /** Session.getScriptTimeZone() and the default spreadsheet zone. Default 'Asia/Ho_Chi_Minh'. */
  scriptTimeZone?: string;
  /** Default spreadsheet locale. Default 'en_US'. */
  locale?: string;
  /** Session.getActiveUserLocale(). Default 'vi'. */
  userLocale?: string;
  /** Title of createAddonMenu() menus. Default 'Add-on'. */
  addonName?: string;
  /** Keep an ordered log of call keys in fake.calls.log. Default false. */
  recordCallLog?: boolean;
  /** Also print Logger/console output to the real console. Default false. */
  echoLogs?: boolean;
  propertyLimits?: Partial<PropertyLimits>;
  /** Triggers per user. Default 20. */
  maxTriggers?: number;
  /**
   * Cells (maxRows × maxColumns summed over the sheets) a spreadsheet may have. Default
   * CELL_LIMIT (10,000,000, Google's); lower it to exercise the limit with small sheets.
   */
  cellLimit?: number;
}

export interface SheetSeed {
  name: string;
  /**
   * Cell values as getValues would return them. By default ('raw') they are stored
   * verbatim: strings stay strings even if they look like numbers or start with '='.
   * With input: 'user' they are parsed like setValues (formulas, numeric strings).
   */
  values?: unknown[][];
  input?: 'raw' | 'user';
  /** Formulas ('=SUM(A1:A3)'; '' for none) laid over the values, from A1. */
  formulas?: string[][];
  /** One format for the seeded block, or a 2-D array from A1. */
  numberFormats?: string | string[][];
  notes?: string[][];
  /** A1 ranges to merge ('B2:D2'). */
  merges?: string[];
  frozenRows?: number;
  frozenColumns?: number;
  maxRows?: number;
  maxColumns?: number;
  hidden?: boolean;
}

export interface CreateSpreadsheetOptions extends SpreadsheetInit {
  /** Default: one empty 'Sheet1'. */
  sheets?: SheetSeed[];
  /** Make it the active spreadsheet (getActiveSpreadsheet()). Default false. */
  active?: boolean;
}

export interface SheetSnapshot {
  name: string;
  maxRows: number;
  maxColumns: number;
  /** The data block (A1 to last row/column), as getValues returns it. */
  values: CellValue[][];
  formulas: string[][];
  numberFormats: (string | null)[][];
  notes: string[][];
  merges: string[];
}

export interface SpreadsheetSnapshot {
  id: string;
  name: string;
  sheets: SheetSnapshot[];
}

type Console = ReturnType<typeof makeConsole>;

export interface GasGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  Session: GoogleAppsScript.Base.Session;
  LockService: GoogleAppsScript.Lock.LockService;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  MailApp: GoogleAppsScript.Mail.MailApp;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  Logger: GoogleAppsScript.Base.Logger;
  Charts: GoogleAppsScript.Charts.Charts;
  console: Console;
}

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface GasFake {
  readonly globals: GasGlobals;
  /** Puts the globals (and with fakeDate: true, a clock-bound Date) on target. */
  install(target?: object, opts?: { fakeDate?: boolean }): void;
  /** Restores whatever install() replaced. */
  uninstall(): void;
  /** globals + Date bound to the fake clock (+ extra), as a node:vm context. */
  createVmContext(extra?: Record<string, unknown>): vm.Context;

  readonly calls: CallStats;
  resetCalls(): void;
  /** Modelled milliseconds spent in service calls, sleeps and lock waits. */
  readonly modelledMs: number;
  resetModelledMs(): void;
  /** resetCalls() + resetModelledMs(). */
  resetStats(): void;
  latency: LatencyModel;
  readonly faults: FaultRegistry;
  /** The cell limit every spreadsheet of this fake is held to (option `cellLimit`); settable. */
  cellLimit: number;

  readonly clock: FakeClock;
  /** Date subclass whose zero-argument form and Date.now() read fake.clock. */
  readonly FakeDate: DateConstructor;

  createSpreadsheet(name: string, opts?: CreateSpreadsheetOptions): Spreadsheet;
  getSpreadsheetById(id: string): Spreadsheet | null;
  /** Every spreadsheet of the fake (those made by SpreadsheetApp.create too), with its trash state. */
  listSpreadsheets(): { id: string; name: string; trashed: boolean }[];
  setActiveSpreadsheet(ss: Spreadsheet | string | null): void;
  /** Deep copy of every sheet's values, formulas, formats, notes and merges. */
  snapshot(ss: Spreadsheet | string): SpreadsheetSnapshot;
  /** The implementation object behind a fake API object (for white-box inspection). */
  impl<T = any>(apiObject: unknown): T;
  /** The background conditional formatting gives the top-left cell of `range` as the sheet shows it, or null. */
  highlight(range: GoogleAppsScript.Spreadsheet.Range): string | null;

  readonly ui: UiState;
  readonly toasts: Toast[];
  readonly mail: MailState;
  /** Installed triggers (all users), as plain records. */
  readonly triggers: TriggerInfo[];
  /**
   * Calls the trigger's handler from scope with an event object, as the user who made the trigger
   * (Session users and protections); clock triggers run without UI.
   */
  fireTrigger(trigger: TriggerInfo | string, scope: Record<string, unknown>, event?: Record<string, unknown>): unknown;
  readonly properties: {
    script(): Record<string, string>;
    user(email?: string): Record<string, string>;
    document(spreadsheetId?: string): Record<string, string>;
  };
  readonly locks: LockState;
  readonly html: HtmlState;
  readonly http: HttpState;
  readonly logs: LogEntry[];
  /** Switches the active (and effective, unless given) user. */
  setUser(email: string, effectiveUser?: string): void;
  /** false: SpreadsheetApp.getUi() throws as in a time-driven trigger. */
  setUiAvailable(available: boolean): void;
}

const DEFAULT_NOW = Date.UTC(2025, 0, 15, 2, 0, 0); // 09:00 in Asia/Ho_Chi_Minh

export function createGasFake(options: GasFakeOptions = {}): GasFake {
  const clock = new FakeClock(options.now ?? DEFAULT_NOW);
  const rt = new GasRuntime(clock, resolveLatency(options.latency), options.latencyAdvancesClock ?? true);
  rt.calls.recordLog = Boolean(options.recordCallLog);
  const user = options.user ?? 'user@example.com';
  const ctx = new FakeContext(
    rt,
    clock,
    user,
    options.effectiveUser ?? user,
    options.scriptTimeZone ?? 'Asia/Ho_Chi_Minh',
    options.locale ?? 'en_US',
    options.userLocale ?? 'vi',
    options.addonName ?? 'Add-on',
  );
  ctx.echoLogs = Boolean(options.echoLogs);
  if (options.cellLimit !== undefined) ctx.cellLimit = options.cellLimit;

  const uiState = new UiState();
  const mail = new MailState(options.mailQuota ?? 100);
  const triggerState = new TriggerState();
  if (options.maxTriggers !== undefined) triggerState.maxPerUser = options.maxTriggers;
  const props = new PropertiesState({ ...DEFAULT_PROPERTY_LIMITS, ...options.propertyLimits });
  const locks = new LockState(ctx);
  const html = new HtmlState();
  const http = new HttpState();
  const FakeDate = makeFakeDate(clock);

  const ui = new UiImpl(ctx, uiState);
  const impls = {
    SpreadsheetApp: new SpreadsheetAppImpl(ctx, ui),
    Session: new SessionImpl(ctx),
    LockService: new LockServiceImpl(ctx, locks),
    PropertiesService: new PropertiesServiceImpl(ctx, props),
    Utilities: new UtilitiesImpl(ctx),
    ScriptApp: new ScriptAppImpl(ctx, triggerState),
    MailApp: new MailAppImpl(ctx, mail),
    HtmlService: new HtmlServiceImpl(ctx, html),
    UrlFetchApp: new UrlFetchAppImpl(ctx, http),
    Logger: new LoggerImpl(ctx),
    Charts: new ChartsImpl(ctx),
  };
  const globals = Object.fromEntries(Object.entries(impls).map(([k, v]) => [k, v._api])) as unknown as GasGlobals;
  globals.console = makeConsole(ctx);

  const api = <T>(x: object) => rt.api(x) as unknown as T;
  const toImpl = (ss: Spreadsheet | string): SpreadsheetImpl => {
    if (typeof ss === 'string') {
      const hit = ctx.spreadsheets.get(ss);
      if (!hit) throw new Error(`fake: no spreadsheet with id ${ss}`);
      return hit;
    }
    const impl = rt.unwrap(ss as unknown as object);
    if (!(impl instanceof SpreadsheetImpl)) throw new Error('fake: not a fake Spreadsheet');
    return impl;
  };

  let installed: { target: Record<string, unknown>; saved: Map<string, PropertyDescriptor | undefined> } | null = null;

  const fake: GasFake = {
    globals,
    install(target: object = globalThis, opts: { fakeDate?: boolean } = {}) {
      if (installed) fake.uninstall();
      const t = target as Record<string, unknown>;
      const saved = new Map<string, PropertyDescriptor | undefined>();
      const entries: [string, unknown][] = Object.entries(globals);
      if (opts.fakeDate) entries.push(['Date', FakeDate]);
      for (const [k, v] of entries) {
        saved.set(k, Object.getOwnPropertyDescriptor(t, k));
        Object.defineProperty(t, k, { value: v, writable: true, configurable: true, enumerable: false });
      }
      installed = { target: t, saved };
    },
    uninstall() {
      if (!installed) return;
      for (const [k, d] of installed.saved) {
        if (d) Object.defineProperty(installed.target, k, d);
        else delete installed.target[k];
      }
      installed = null;
    },
    createVmContext(extra: Record<string, unknown> = {}) {
      return vm.createContext({ ...globals, Date: FakeDate, ...extra });
    },

    calls: rt.calls,
    resetCalls: () => rt.calls.reset(),
    get modelledMs() {
      return rt.modelledMs;
    },
    resetModelledMs: () => {
      rt.modelledMs = 0;
    },
    resetStats: () => {
      rt.calls.reset();
      rt.modelledMs = 0;
    },
    get latency() {
      return rt.latency;
    },
    set latency(model: LatencyModel) {
      rt.latency = resolveLatency(model);
    },
    faults: rt.faults,
    get cellLimit() {
      return ctx.cellLimit;
    },
    set cellLimit(limit: number) {
      ctx.cellLimit = limit;
    },
    clock,
    FakeDate,

    createSpreadsheet(name: string, opts: CreateSpreadsheetOptions = {}) {
      const id = opts.id ?? ctx.driveId('spreadsheet');
      if (ctx.spreadsheets.has(id)) throw new Error(`fake: spreadsheet id ${id} already exists`);
      const ss = new SpreadsheetImpl(ctx, id, name, opts);
      const seeds = opts.sheets?.length ? opts.sheets : [{ name: 'Sheet1' }];
      const cells = seeds.reduce((n, seed) => n + seedRows(seed) * seedColumns(seed), 0);
      if (cells > ctx.cellLimit)
        throw new Error(
          `fake: the seeded sheets of ${name} have ${cells} cells, above the cell limit of ${ctx.cellLimit}`,
        );
      for (const seed of seeds) seedSheet(ss, seed);
      ctx.spreadsheets.set(id, ss);
      if (opts.active) ctx.activeSpreadsheet = ss;
      return api<Spreadsheet>(ss);
    },
    getSpreadsheetById(id: string) {
      const ss = ctx.spreadsheets.get(id);
      return ss ? api<Spreadsheet>(ss) : null;
    },
    listSpreadsheets() {
      return [...ctx.spreadsheets.values()].map((s) => ({ id: s._id, name: s._name, trashed: s._trashed }));
    },
    setActiveSpreadsheet(ss: Spreadsheet | string | null) {
      ctx.activeSpreadsheet = ss === null ? null : toImpl(ss);
    },
    snapshot(ss: Spreadsheet | string) {
      const impl = toImpl(ss);
      return { id: impl._id, name: impl._name, sheets: impl._sheets.map(snapshotSheet) };
    },
    impl<T>(apiObject: unknown): T {
      return rt.unwrap(apiObject) as T;
    },
    highlight(range: GoogleAppsScript.Spreadsheet.Range) {
      const r = rt.unwrap(range as unknown as object) as RangeImpl;
      return r._sheet._highlight(r._ref.row, r._ref.col);
    },

    ui: uiState,
    toasts: ctx.toasts,
    mail,
    get triggers() {
      return triggerState.triggers.map((t) => ({ ...t._info, schedule: { ...t._info.schedule } }));
    },
    fireTrigger(trigger: TriggerInfo | string, scope: Record<string, unknown>, event: Record<string, unknown> = {}) {
      const id = typeof trigger === 'string' ? trigger : trigger.id;
      const t = triggerState.triggers.find((x) => x._info.id === id);
      if (!t) throw new Error(`fake: no trigger ${id}`);
      const fn = scope[t._info.handlerFunction];
      if (typeof fn !== 'function') throw new Error(`fake: handler ${t._info.handlerFunction} not found in scope`);
      const e: Record<string, unknown> = { authMode: 'FULL', triggerUid: t._info.id, ...event };
      if (t._info.triggerSourceId && !('source' in e)) {
        const ss = ctx.spreadsheets.get(t._info.triggerSourceId);
        if (ss) e.source = api<Spreadsheet>(ss);
      }
      // "Installable triggers always run under the account of the person who created them."
      const users = [ctx.activeUser, ctx.effectiveUser] as const;
      const ui = ctx.uiAvailable;
      ctx.activeUser = ctx.effectiveUser = t._info.user;
      if (t._info.eventType === 'CLOCK') ctx.uiAvailable = false;
      try {
        return fn(e);
      } finally {
        [ctx.activeUser, ctx.effectiveUser] = users;
        ctx.uiAvailable = ui;
      }
    },
    properties: {
      script: () => props.script.toObject(),
      user: (email?: string) => props.userStore(email ?? (ctx.activeUser || ctx.effectiveUser)).toObject(),
      document: (spreadsheetId?: string) => {
        const id = spreadsheetId ?? ctx.activeDocumentId();
        if (id === null) throw new Error('fake: no active spreadsheet; pass a spreadsheet id');
        return props.documentStore(id).toObject();
      },
    },
    locks,
    html,
    http,
    logs: ctx.logs,
    setUser(email: string, effectiveUser?: string) {
      ctx.activeUser = email;
      ctx.effectiveUser = effectiveUser ?? email;
    },
    setUiAvailable(available: boolean) {
      ctx.uiAvailable = available;
    },
  };
  // The Sheets API over these spreadsheets, reached by UrlFetchApp without a test handler.
  http.sheetsApi = sheetsApiHandler(fake);
  // Google's export endpoint and Drive files.update over them, when the test sets no handler.
  http.files = googleFilesHandler(fake);
  return fake;
}

function seedHeight(seed: SheetSeed): number {
  return Math.max((seed.values ?? []).length, (seed.formulas ?? []).length);
}

function seedWidth(seed: SheetSeed): number {
  const rows = [...(seed.values ?? []), ...(seed.formulas ?? [])];
  return Math.max(0, ...rows.map((r) => r.length));
}

/** A seeded sheet's maxRows / maxColumns: as given, else Sheets' 1000 × 26 or the data's size if larger. */
function seedRows(seed: SheetSeed): number {
  return seed.maxRows ?? Math.max(1000, seedHeight(seed));
}

function seedColumns(seed: SheetSeed): number {
  return seed.maxColumns ?? Math.max(26, seedWidth(seed));
}

function seedSheet(ss: SpreadsheetImpl, seed: SheetSeed): SheetImpl {
  const values = seed.values ?? [];
  const formulas = seed.formulas ?? [];
  const width = seedWidth(seed);
  const height = seedHeight(seed);
  const sheet = ss._addSheet(seed.name, undefined, seedRows(seed), seedColumns(seed));
  if (typeof seed.numberFormats === 'string') {
    for (let r = 1; r <= Math.max(1, height); r++)
      for (let c = 1; c <= Math.max(1, width); c++) sheet._cellW(r, c).fmt = seed.numberFormats;
  } else if (seed.numberFormats) {
    seed.numberFormats.forEach((row, i) => {
      row.forEach((f, j) => {
        if (f) sheet._cellW(i + 1, j + 1).fmt = f;
      });
    });
  }
  values.forEach((row, i) => {
    row.forEach((v, j) => {
      if (v === null || v === undefined || v === '') return;
      if (seed.input === 'user') sheet._write(i + 1, j + 1, toStored(v, sheet._cell(i + 1, j + 1)?.fmt));
      else sheet._write(i + 1, j + 1, { v: copyValue(v as CellValue) });
    });
  });
  formulas.forEach((row, i) => {
    row.forEach((f, j) => {
      if (f) sheet._write(i + 1, j + 1, { v: '', f });
    });
  });
  seed.notes?.forEach((row, i) => {
    row.forEach((n, j) => {
      if (n) sheet._cellW(i + 1, j + 1).note = n;
    });
  });
  for (const a1 of seed.merges ?? []) {
    const g = parseA1(a1, sheet._maxRows, sheet._maxCols);
    sheet._checkGrid(g);
    sheet._range(g).merge();
  }
  if (seed.frozenRows) sheet._frozenRows = seed.frozenRows;
  if (seed.frozenColumns) sheet._frozenCols = seed.frozenColumns;
  if (seed.hidden) sheet._hidden = true;
  return sheet;
}

function snapshotSheet(sheet: SheetImpl): SheetSnapshot {
  const rows = sheet._lastRow();
  const cols = sheet._lastCol();
  const grid = <T>(f: (r: number, c: number) => T): T[][] =>
    Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(i + 1, j + 1)));
  return {
    name: sheet._name,
    maxRows: sheet._maxRows,
    maxColumns: sheet._maxCols,
    values: grid((r, c) => sheet._value(r, c)),
    formulas: grid((r, c) => sheet._cell(r, c)?.f ?? ''),
    numberFormats: grid((r, c) => sheet._cell(r, c)?.fmt ?? null),
    notes: grid((r, c) => sheet._cell(r, c)?.note ?? ''),
    merges: sheet._merges.map(a1Of),
  };
}
