/** Spreadsheet and the SpreadsheetApp service. */
import { type GridRef, parseA1, splitSheetPrefix } from './a1';
import type { FakeContext, Toast } from './context';
import * as E from './enums';
import { GAS_ERRORS, GasError } from './errors';
import { assertEditable } from './protection';
import type { RangeImpl } from './range';
import { GasObject } from './runtime';
import { UserImpl } from './session';
import { type Cell, describeTypes, SheetImpl } from './sheet';
import { renameSheetInFormula } from './shift';
import { TextStyleBuilderImpl } from './style';
import { dateToSerial, serialToDate } from './timefmt';
import type { UiImpl } from './ui';
import { ConditionalFormatRuleBuilderImpl, DataValidationBuilderImpl } from './validation';
import { copyValue, isDate } from './values';

function emailOf(x: unknown): string {
  return x instanceof UserImpl ? x._email : String(x);
}

/** A well-formed e-mail address (Drive refuses sharing with anything else). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Google's e-mail addresses do not depend on case. */
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export interface SpreadsheetInit {
  id?: string;
  url?: string;
  owner?: string;
  editors?: string[];
  viewers?: string[];
  /** 'none' (default): only owner/editors/viewers may open it; 'view'/'edit': anyone with the link. */
  linkAccess?: 'none' | 'view' | 'edit';
  timeZone?: string;
  locale?: string;
}

export class SpreadsheetImpl extends GasObject {
  _sheets: SheetImpl[] = [];
  _activeSheet: SheetImpl | null = null;
  _activeRange: RangeImpl | null = null;
  _owner: string;
  _editors: string[];
  _viewers: string[];
  _linkAccess: 'none' | 'view' | 'edit';
  _tz: string;
  _locale: string;
  _url: string;
  /** In the Drive's trash (Drive files.update, google-files.ts); still openable by id, as in Drive. */
  _trashed = false;
  _namedRanges = new Map<string, { sheet: SheetImpl; ref: GridRef }>();
  /** Formula cells being evaluated (cycle detection). */
  readonly _evalStack = new Set<string>();
  private _nextSheetId = 0;

  constructor(
    readonly _ctx: FakeContext,
    readonly _id: string,
    public _name: string,
    init: SpreadsheetInit = {},
  ) {
    super(_ctx.rt, 'Spreadsheet');
    this._owner = init.owner ?? _ctx.effectiveUser;
    this._editors = [...(init.editors ?? [])].filter((e) => e !== this._owner);
    this._viewers = [...(init.viewers ?? [])];
    this._linkAccess = init.linkAccess ?? 'none';
    this._tz = init.timeZone ?? _ctx.scriptTimeZone;
    this._locale = init.locale ?? _ctx.defaultLocale;
    this._url = init.url ?? _ctx.spreadsheetUrl(_id);
  }

  // ------------------------------------------------------------ internals

  _canAccess(user: string): boolean {
    return (
      this._linkAccess !== 'none' ||
      user === this._owner ||
      this._editors.includes(user) ||
      this._viewers.includes(user)
    );
  }

  _sheetByName(name: string): SheetImpl | undefined {
    return this._sheets.find((s) => s._name === name);
  }

  _newSheetId(): number {
    const n = this._nextSheetId++;
    // Sheets gives the first sheet gid 0 and later ones large pseudo-random ids.
    return n === 0 ? 0 : (n * 1_234_567_891) % 2_000_000_000;
  }

  _defaultSheetName(): string {
    for (let i = this._sheets.length + 1; ; i++) {
      const name = `Sheet${i}`;
      if (!this._sheets.some((s) => s._name.toLowerCase() === name.toLowerCase())) return name;
    }
  }

  /** The grid's size: maxRows × maxColumns summed over every sheet (hidden too), filled or not. */
  _cellCount(): number {
    let n = 0;
    for (const s of this._sheets) n += s._maxRows * s._maxCols;
    return n;
  }

  /**
   * Before an action that adds `added` cells to the grid: throws Google's error, changing
   * nothing, when the total would go above the limit (ctx.cellLimit). Shrinking never fails.
   */
  _checkCellLimit(added: number): void {
    if (added > 0 && this._cellCount() + added > this._ctx.cellLimit)
      throw new GasError(GAS_ERRORS.cellLimit(this._ctx.cellLimit));
  }

  _addSheet(name: string, index?: number, maxRows = 1000, maxCols = 26): SheetImpl {
    if (this._sheets.some((s) => s._name.toLowerCase() === name.toLowerCase()))
      throw new GasError(GAS_ERRORS.duplicateSheet(name));
    this._checkCellLimit(maxRows * maxCols);
    const sheet = new SheetImpl(this._ctx, this, name, this._newSheetId(), maxRows, maxCols);
    const at = index === undefined ? this._sheets.length : Math.max(0, Math.min(index, this._sheets.length));
    this._sheets.splice(at, 0, sheet);
    return sheet;
  }

  _adoptCopy(src: SheetImpl, baseName: string): SheetImpl {
    let name = baseName;
    for (let i = 2; this._sheets.some((s) => s._name.toLowerCase() === name.toLowerCase()); i++)
      name = `${baseName} ${i}`;
    const sheet = this._addSheet(name, undefined, src._maxRows, src._maxCols);
    copySheetContents(src, sheet);
    return sheet;
  }

  _activeOrFirst(): SheetImpl {
    return this._activeSheet ?? this._sheets[0];
  }

  // ------------------------------------------------------------ identity

  getId() {
    return this._id;
  }
  getUrl() {
    return this._url;
  }
  getName() {
    return this._name;
  }
  rename(newName: string) {
    this._name = String(newName);
  }
  getSpreadsheetTimeZone() {
    return this._tz;
  }
  /**
   * Sheets keeps each date cell's serial number (the calendar date and clock time shown), not the
   * moment: after a change of zone a cell still shows 16/09/2018, and getValues gives midnight of
   * the new zone. The fake stores Dates, so they are moved to keep what they show.
   */
  setSpreadsheetTimeZone(timezone: string) {
    if (typeof timezone !== 'string')
      throw new GasError(
        GAS_ERRORS.signature(describeTypes([timezone]), 'SpreadsheetApp.Spreadsheet.setSpreadsheetTimeZone'),
      );
    const from = this._tz;
    if (timezone === from) return;
    for (const sheet of this._sheets)
      for (const row of sheet._rows)
        for (const cell of row ?? [])
          if (cell && isDate(cell.v)) cell.v = serialToDate(dateToSerial(cell.v, from), timezone);
    this._tz = timezone;
  }
  getSpreadsheetLocale() {
    return this._locale;
  }
  /** Display only in the fake: number separators and the format of dates written without one (values.ts). */
  setSpreadsheetLocale(locale: string) {
    if (typeof locale !== 'string')
      throw new GasError(
        GAS_ERRORS.signature(describeTypes([locale]), 'SpreadsheetApp.Spreadsheet.setSpreadsheetLocale'),
      );
    this._locale = locale;
  }
  getOwner() {
    return new UserImpl(this._ctx, this._owner);
  }
  /**
   * The owner and the editors ("Gets the list of editors for this Spreadsheet"; the owner is among
   * them, as Google lists it). A user who may not edit the file (a viewer, anyone with a view link)
   * gets an empty list, as Drive documents for File.getEditors: "If the user who executes the script
   * does not have edit access to the File, this method returns an empty array."
   */
  getEditors() {
    const u = this._ctx.effectiveUser;
    if (this._linkAccess !== 'edit' && !same(u, this._owner) && !this._editors.some((e) => same(e, u))) return [];
    return [this._owner, ...this._editors].map((e) => new UserImpl(this._ctx, e));
  }
  /**
   * "Adds the given user to the list of editors … If the user was already on the list of viewers,
   * this method promotes the user out of the list of viewers." An address that is no e-mail address
   * is refused with Apps Script's "Invalid email: …" (as MailApp). Addresses compare without case.
   */
  addEditor(user: unknown) {
    return this.addEditors([user]);
  }
  /** addEditor for each; every address is checked first, so a refused one adds nobody. */
  addEditors(users: unknown[]) {
    const emails = [...users].map(emailOf);
    for (const e of emails) if (!EMAIL.test(e)) throw new GasError(GAS_ERRORS.invalidEmail(e));
    for (const e of emails) {
      if (!same(e, this._owner) && !this._editors.some((x) => same(x, e))) this._editors.push(e);
      this._viewers = this._viewers.filter((v) => !same(v, e));
    }
    return this;
  }
  /**
   * "Removes the given user from the list of editors … For Drive files, this also removes the user
   * from the list of viewers." The owner cannot be removed: Drive refuses (its `cannotRemoveOwner`
   * text; what Apps Script wraps it in is not documented).
   */
  removeEditor(user: unknown) {
    const e = emailOf(user);
    if (same(e, this._owner)) throw new GasError(GAS_ERRORS.cannotRemoveOwner);
    this._editors = this._editors.filter((x) => !same(x, e));
    this._viewers = this._viewers.filter((x) => !same(x, e));
    return this;
  }
  getViewers() {
    return this._viewers.map((e) => new UserImpl(this._ctx, e));
  }
  addViewer(user: unknown) {
    const e = emailOf(user);
    if (e !== this._owner && !this._editors.includes(e) && !this._viewers.includes(e)) this._viewers.push(e);
    return this;
  }
  addViewers(users: unknown[]) {
    for (const u of users) this.addViewer(u);
    return this;
  }
  removeViewer(user: unknown) {
    const e = emailOf(user);
    this._viewers = this._viewers.filter((x) => x !== e);
    return this;
  }

  // ------------------------------------------------------------ sheets

  getSheets() {
    return [...this._sheets];
  }
  getNumSheets() {
    return this._sheets.length;
  }
  getSheetByName(name: string) {
    return this._sheetByName(String(name)) ?? null;
  }
  getSheetById(id: number) {
    return this._sheets.find((s) => s._id === id) ?? null;
  }
  /**
   * insertSheet() | insertSheet(index) | insertSheet(name) | insertSheet(name, index) |
   * insertSheet(name, options) | insertSheet(name, index, options) | insertSheet(options).
   * Index is 0-based; without one the sheet is appended. The new sheet becomes active.
   */
  insertSheet(...args: unknown[]) {
    let name: string | undefined;
    let index: number | undefined;
    let template: SheetImpl | undefined;
    for (const a of args) {
      if (typeof a === 'string') name = a;
      else if (typeof a === 'number') index = a;
      // The options object is not unwrapped by the runtime: the template a script passes is an API object.
      else if (a && typeof a === 'object' && 'template' in a)
        template = this._rt.unwrap((a as { template: SheetImpl }).template);
    }
    const sheet = this._addSheet(name ?? this._defaultSheetName(), index, template?._maxRows, template?._maxCols);
    if (template) copySheetContents(template, sheet);
    this._activeSheet = sheet;
    this._activeRange = null;
    return sheet;
  }
  /**
   * Formulas on every sheet that name sheet `from` follow its rename to `to`, or become #REF!
   * when it is deleted (`to` null), as in Sheets (shift.ts renameSheetInFormula).
   */
  _renameRefs(from: string, to: string | null): void {
    for (const sh of this._sheets)
      for (const row of sh._rows) {
        if (!row) continue;
        for (const cell of row) if (cell?.f !== undefined) cell.f = renameSheetInFormula(cell.f, from, to);
      }
  }
  deleteSheet(sheet: SheetImpl) {
    assertEditable(this._ctx, sheet, null);
    const visible = this._sheets.filter((s) => !s._hidden && s !== sheet);
    if (visible.length === 0) throw new GasError(GAS_ERRORS.deleteAllSheets);
    this._sheets = this._sheets.filter((s) => s !== sheet);
    sheet._deleted = true;
    this._renameRefs(sheet._name, null);
    if (this._activeSheet === sheet) {
      this._activeSheet = this._sheets[0];
      this._activeRange = null;
    }
  }
  deleteActiveSheet() {
    const s = this._activeOrFirst();
    this.deleteSheet(s);
    return this._activeOrFirst();
  }
  duplicateActiveSheet() {
    const src = this._activeOrFirst();
    const copy = this._adoptCopy(src, `Copy of ${src._name}`);
    this._sheets = this._sheets.filter((s) => s !== copy);
    this._sheets.splice(this._sheets.indexOf(src) + 1, 0, copy);
    this._activeSheet = copy;
    return copy;
  }
  renameActiveSheet(newName: string) {
    this._activeOrFirst().setName(newName);
  }
  getActiveSheet() {
    return this._activeOrFirst();
  }
  setActiveSheet(sheet: SheetImpl) {
    this._activeSheet = sheet;
    this._activeRange = null;
    return sheet;
  }
  /** Moves the active sheet to a 1-based position. */
  moveActiveSheet(pos: number) {
    const s = this._activeOrFirst();
    this._sheets = this._sheets.filter((x) => x !== s);
    this._sheets.splice(Math.max(0, Math.min(pos - 1, this._sheets.length)), 0, s);
  }
  getSheetName() {
    return this._activeOrFirst()._name;
  }
  getSheetId() {
    return this._activeOrFirst()._id;
  }

  // ------------------------------------------------------------ ranges

  getRange(a1Notation: string) {
    const { sheetName, ref } = splitSheetPrefix(String(a1Notation));
    const sheet = sheetName === undefined ? this._activeOrFirst() : this._sheetByName(sheetName);
    if (!sheet) throw new GasError(GAS_ERRORS.rangeNotFound);
    const g = parseA1(ref, sheet._maxRows, sheet._maxCols);
    sheet._checkGrid(g);
    return sheet._range(g);
  }
  getRangeList(a1s: string[]) {
    return a1s.map((a) => this.getRange(a));
  }
  getActiveRange() {
    return this._activeRange ?? this._activeOrFirst().getActiveRange();
  }
  getActiveCell() {
    return this._activeOrFirst().getActiveCell();
  }
  getCurrentCell() {
    return this.getActiveCell();
  }
  setActiveRange(range: RangeImpl) {
    this._activeSheet = range._sheet;
    this._activeRange = range;
    return range;
  }
  getDataRange() {
    return this._activeOrFirst().getDataRange();
  }
  getLastRow() {
    return this._activeOrFirst().getLastRow();
  }
  getLastColumn() {
    return this._activeOrFirst().getLastColumn();
  }
  setNamedRange(name: string, range: RangeImpl) {
    this._namedRanges.set(name, { sheet: range._sheet, ref: { ...range._ref } });
  }
  getRangeByName(name: string) {
    const n = this._namedRanges.get(name);
    return n && !n.sheet._deleted ? n.sheet._range(n.ref) : null;
  }
  removeNamedRange(name: string) {
    this._namedRanges.delete(name);
  }
  getProtections(type: string) {
    return this._sheets.flatMap((s) => s.getProtections(type));
  }

  // ------------------------------------------------------------ misc

  /** Recorded in fake.toasts. */
  toast(msg: unknown, title?: unknown, timeoutSeconds?: number) {
    const t = { msg: String(msg), title: title === undefined || title === null ? '' : String(title) } as Toast;
    // Extra details are readable but non-enumerable, so toEqual([{ msg, title }]) matches.
    Object.defineProperties(t, {
      timeout: { value: timeoutSeconds, enumerable: false },
      spreadsheetId: { value: this._id, enumerable: false },
    });
    this._ctx.toasts.push(t);
  }
  copy(name: string) {
    const ss = new SpreadsheetImpl(this._ctx, this._ctx.driveId('spreadsheet'), String(name), {
      owner: this._ctx.effectiveUser,
      timeZone: this._tz,
      locale: this._locale,
    });
    for (const s of this._sheets) {
      const c = ss._addSheet(s._name, undefined, s._maxRows, s._maxCols);
      copySheetContents(s, c);
    }
    this._ctx.spreadsheets.set(ss._id, ss);
    return ss;
  }
  getFormUrl() {
    return null;
  }
}

export function copyCell(c: Cell | undefined): Cell | undefined {
  if (!c) return undefined;
  const out: Cell = { v: copyValue(c.v) };
  if (c.f !== undefined) out.f = c.f;
  if (c.fmt !== undefined) out.fmt = c.fmt;
  if (c.note !== undefined) out.note = c.note;
  if (c.dv !== undefined) out.dv = c.dv;
  if (c.st !== undefined) out.st = { ...c.st };
  return out;
}

export function copySheetContents(src: SheetImpl, dst: SheetImpl): void {
  dst._rows = src._rows.map((row) => (row ? row.map(copyCell) : []));
  dst._maxRows = src._maxRows;
  dst._maxCols = src._maxCols;
  dst._frozenRows = src._frozenRows;
  dst._frozenCols = src._frozenCols;
  dst._merges = src._merges.map((m) => ({ ...m }));
  dst._colWidths = new Map(src._colWidths);
  dst._rowHeights = new Map(src._rowHeights);
  dst._tabColor = src._tabColor;
}

const SPREADSHEET_URL = /\/spreadsheets\/d\/([a-zA-Z0-9-_]+)/;

export class SpreadsheetAppImpl extends GasObject {
  readonly ProtectionType = E.ProtectionType;
  readonly BorderStyle = E.BorderStyle;
  readonly WrapStrategy = E.WrapStrategy;
  readonly Dimension = E.Dimension;
  readonly CopyPasteType = E.CopyPasteType;
  readonly SheetType = E.SheetType;
  readonly DataValidationCriteria = E.DataValidationCriteria;
  readonly BooleanCriteria = E.BooleanCriteria;
  readonly InterpolationType = E.InterpolationType;

  constructor(
    private readonly _ctx: FakeContext,
    private readonly _ui: UiImpl,
  ) {
    super(_ctx.rt, 'SpreadsheetApp');
  }

  private _open(ss: SpreadsheetImpl | undefined, method: string): SpreadsheetImpl {
    if (!ss) throw new GasError(GAS_ERRORS.notFound(method));
    if (!ss._canAccess(this._ctx.effectiveUser)) throw new GasError(GAS_ERRORS.noPermission);
    return ss;
  }

  getActiveSpreadsheet() {
    return this._ctx.activeSpreadsheet;
  }
  getActive() {
    return this._ctx.activeSpreadsheet;
  }
  setActiveSpreadsheet(newActiveSpreadsheet: SpreadsheetImpl) {
    this._ctx.activeSpreadsheet = newActiveSpreadsheet;
  }
  getActiveSheet() {
    return this._ctx.activeSpreadsheet ? this._ctx.activeSpreadsheet.getActiveSheet() : null;
  }
  setActiveSheet(sheet: SheetImpl) {
    return sheet._ss.setActiveSheet(sheet);
  }
  getActiveRange() {
    return this._ctx.activeSpreadsheet ? this._ctx.activeSpreadsheet.getActiveRange() : null;
  }
  setActiveRange(range: RangeImpl) {
    return range._sheet._ss.setActiveRange(range);
  }
  getCurrentCell() {
    return this._ctx.activeSpreadsheet ? this._ctx.activeSpreadsheet.getCurrentCell() : null;
  }
  /** Unknown id: "Unexpected error while getting the method or property openById…"; no access: permission error. */
  openById(id: string) {
    return this._open(this._ctx.spreadsheets.get(String(id)), 'openById');
  }
  openByUrl(url: string) {
    const u = String(url);
    const exact = [...this._ctx.spreadsheets.values()].find((s) => s._url === u);
    if (exact) return this._open(exact, 'openByUrl');
    const m = SPREADSHEET_URL.exec(u);
    if (!m) throw new GasError(GAS_ERRORS.invalidArgument('url'));
    return this._open(this._ctx.spreadsheets.get(m[1]), 'openByUrl');
  }
  create(name: string, rows?: number, columns?: number) {
    const ss = new SpreadsheetImpl(this._ctx, this._ctx.driveId('spreadsheet'), String(name), {
      owner: this._ctx.effectiveUser,
    });
    ss._addSheet('Sheet1', undefined, rows ?? 1000, columns ?? 26);
    this._ctx.spreadsheets.set(ss._id, ss);
    return ss;
  }
  /** Throws "Cannot call SpreadsheetApp.getUi() from this context." when fake.setUiAvailable(false). */
  getUi() {
    if (!this._ctx.uiAvailable) throw new GasError(GAS_ERRORS.uiContext);
    return this._ui;
  }
  flush() {}
  newDataValidation() {
    return new DataValidationBuilderImpl(this._rt);
  }
  newConditionalFormatRule() {
    return new ConditionalFormatRuleBuilderImpl(this._rt);
  }
  newTextStyle() {
    return new TextStyleBuilderImpl(this._rt);
  }
}
