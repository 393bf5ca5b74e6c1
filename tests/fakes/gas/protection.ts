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

export class ProtectionImpl extends GasObject {
  _description = '';
  _warningOnly = false;
  _domainEdit = false;
  _editors: string[];
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
    if (!this._ref || range._sheet !== this._sheet)
      throw new GasError(GAS_ERRORS.signature(describeTypes([range]), 'SpreadsheetApp.Protection.setRange'));
    Object.assign(this._ref, { ...range._ref });
    return this;
  }
  getDescription() {
    return this._description;
  }
  setDescription(d: string) {
    this._description = String(d);
    return this;
  }
  isWarningOnly() {
    return this._warningOnly;
  }
  setWarningOnly(w: boolean) {
    this._warningOnly = Boolean(w);
    return this;
  }
  canDomainEdit() {
    return this._domainEdit;
  }
  setDomainEdit(e: boolean) {
    this._domainEdit = Boolean(e);
    return this;
  }
  getEditors() {
    return this._editors.map((e) => new UserImpl(this._ctx, e));
  }
  addEditor(user: unknown) {
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
    const drop = new Set(users.map(emailOf));
    const keep = new Set([this._sheet._ss._owner, this._ctx.effectiveUser]);
    this._editors = this._editors.filter((e) => keep.has(e) || !drop.has(e));
    return this;
  }
  canEdit() {
    if (this._removed) return true;
    if (this._warningOnly) return true;
    return this._editors.includes(this._ctx.effectiveUser) || this._sheet._ss._owner === this._ctx.effectiveUser;
  }
  setUnprotectedRanges(ranges: RangeImpl[]) {
    if (this._type !== 'SHEET') throw new Error('Unprotected ranges can only be set on a sheet protection.');
    this._unprotected = [...ranges];
    return this;
  }
  getUnprotectedRanges() {
    return [...this._unprotected];
  }
  remove() {
    this._removed = true;
    this._sheet._removeProtection(this);
  }
}
