/** Protection of sheets and ranges. */
import type { GridRef } from './a1';
import type { FakeContext } from './context';
import { ProtectionType } from './enums';
import { GAS_ERRORS, GasError } from './errors';
import type { RangeImpl } from './range';
import { GasObject } from './runtime';
import { UserImpl } from './session';
import { describeTypes, type SheetImpl } from './sheet';

function emailOf(x: unknown): string {
  if (x instanceof UserImpl) return x._email;
  return String(x);
}

const lower = (e: string) => e.toLowerCase();
const domainOf = (e: string) => lower(e).split('@')[1] ?? '';

export class ProtectionImpl extends GasObject {
  _description = '';
  _warningOnly = false;
  _domainEdit = false;
  _editors: string[];
  /**
   * Range.protect / Sheet.protect: "Until the script actually changes the list of editors (by
   * addEditor…, removeEditor… or setDomainEdit), the permissions mirror those of the spreadsheet
   * itself, which effectively means that the range remains unprotected." Cleared by those calls.
   */
  _mirror = true;
  _unprotected: RangeImpl[] = [];
  _removed = false;
  /** The Sheets API's protectedRangeId (spreadsheets.get, deleteProtectedRange). */
  readonly _id: number;

  constructor(
    private readonly _ctx: FakeContext,
    readonly _sheet: SheetImpl,
    readonly _type: 'RANGE' | 'SHEET',
    /** For RANGE protections: the protected cells. */
    readonly _ref: GridRef | null,
  ) {
    super(_ctx.rt, 'Protection');
    this._id = _ctx.next('protectedRange');
    // The owner and the user who protects can always edit.
    const ss = _sheet._ss;
    this._editors = Array.from(new Set([ss._owner, _ctx.effectiveUser]));
  }

  getProtectionType() {
    return this._type === 'SHEET' ? ProtectionType.SHEET : ProtectionType.RANGE;
  }
  getRange() {
    return this._ref ? this._sheet._range(this._ref) : this._sheet._fullRange();
  }
  /**
   * Moves a range protection to `range` (of the same sheet), keeping its description and
   * editors. A sheet protection has no range to move.
   */
  setRange(range: RangeImpl) {
    this._mine();
    if (!this._ref || range._sheet !== this._sheet)
      throw new GasError(GAS_ERRORS.signature(describeTypes([range]), 'SpreadsheetApp.Protection.setRange'));
    Object.assign(this._ref, { ...range._ref });
    return this;
  }
  getDescription() {
    return this._description;
  }
  setDescription(d: string) {
    this._mine();
    this._description = String(d);
    return this;
  }
  isWarningOnly() {
    return this._warningOnly;
  }
  setWarningOnly(w: boolean) {
    this._mine();
    this._warningOnly = Boolean(w);
    return this;
  }
  canDomainEdit() {
    this._mine();
    return this._domainEdit;
  }
  setDomainEdit(e: boolean) {
    this._mine();
    this._mirror = false;
    this._domainEdit = Boolean(e);
    return this;
  }
  /**
   * Changing a protection, or reading its editors, takes edit rights on it: "Throws an exception if
   * the user does not have permission to edit the protected range or sheet" (getEditors,
   * canDomainEdit). The text Google gives is not documented: Sheets' protected-edit text here.
   */
  private _mine(): void {
    if (!this._allows(this._ctx.effectiveUser)) throw new GasError(GAS_ERRORS.protectedCell);
  }
  getEditors() {
    this._mine();
    return this._editors.map((e) => new UserImpl(this._ctx, e));
  }
  addEditor(user: unknown) {
    this._mine();
    this._mirror = false;
    const e = emailOf(user);
    if (!this._editors.includes(e)) this._editors.push(e);
    return this;
  }
  addEditors(users: unknown[]) {
    for (const u of users) this.addEditor(u);
    return this;
  }
  removeEditor(user: unknown) {
    return this.removeEditors([user]);
  }
  /** The spreadsheet owner (and the current user) cannot be removed, as in Sheets. */
  removeEditors(users: unknown[]) {
    this._mine();
    this._mirror = false;
    const drop = new Set(users.map(emailOf));
    const keep = new Set([this._sheet._ss._owner, this._ctx.effectiveUser]);
    this._editors = this._editors.filter((e) => keep.has(e) || !drop.has(e));
    return this;
  }
  /** "The spreadsheet owner is always able to edit protected ranges and sheets." */
  canEdit() {
    return this._allows(this._ctx.effectiveUser);
  }
  /**
   * Whether `user` may edit what this protects: the owner always; anyone while it mirrors the
   * spreadsheet or is warning-only (a warning does not stop a script); else its editors, and with
   * setDomainEdit(true) the users of the owner's domain.
   */
  _allows(user: string) {
    if (this._removed || this._warningOnly || this._mirror) return true;
    const owner = this._sheet._ss._owner;
    if (lower(user) === lower(owner)) return true;
    if (this._domainEdit && domainOf(user) === domainOf(owner)) return true;
    return this._editors.some((e) => lower(e) === lower(user));
  }
  setUnprotectedRanges(ranges: RangeImpl[]) {
    this._mine();
    if (this._type !== 'SHEET') throw new Error('Unprotected ranges can only be set on a sheet protection.');
    this._unprotected = [...ranges];
    return this;
  }
  getUnprotectedRanges() {
    return [...this._unprotected];
  }
  remove() {
    this._mine();
    this._removed = true;
    this._sheet._removeProtection(this);
  }
}

const within = (a: GridRef, b: GridRef) =>
  a.row >= b.row && a.col >= b.col && a.row + a.numRows <= b.row + b.numRows && a.col + a.numCols <= b.col + b.numCols;
const meets = (a: GridRef, b: GridRef) =>
  a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols;

/**
 * The protection that stops the effective user (the one the script runs as: who clicked the menu,
 * or who made the installable trigger) from changing `cells` of `sheet`, or null. `cells` null: the
 * sheet itself (rows or columns inserted, its name, frozen rows…), which only a sheet protection
 * guards. "If a cell is protected by multiple protected ranges and any of them prevent a particular
 * user from editing the cell, then that user is not permitted to edit the cell."
 */
export function editBlocker(ctx: FakeContext, sheet: SheetImpl, cells: GridRef | null): ProtectionImpl | null {
  const user = ctx.effectiveUser;
  const p = sheet._protection;
  if (p && !p._allows(user)) {
    const open = cells !== null && p._unprotected.some((u) => u._sheet === sheet && within(cells, u._ref));
    if (!open) return p;
  }
  if (cells === null) return null;
  return sheet._rangeProtections.find((r) => r._ref !== null && meets(cells, r._ref) && !r._allows(user)) ?? null;
}

/** Throws Google's error when editBlocker finds a protection in the way (SpreadsheetApp's text). */
export function assertEditable(ctx: FakeContext, sheet: SheetImpl, cells: GridRef | null): void {
  if (editBlocker(ctx, sheet, cells)) throw new GasError(GAS_ERRORS.protectedCell);
}
