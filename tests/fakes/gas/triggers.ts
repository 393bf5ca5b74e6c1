/** ScriptApp: installable triggers (recorded, never fired automatically), auth info, enums. */
import type { FakeContext } from './context';
import * as E from './enums';
import { GAS_ERRORS, GasError } from './errors';
import { GasObject } from './runtime';
import { SpreadsheetImpl } from './spreadsheet';

export interface TriggerSchedule {
  after?: number;
  at?: Date;
  atHour?: number;
  nearMinute?: number;
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  onMonthDay?: number;
  onWeekDay?: string;
  timezone?: string;
}

export interface TriggerInfo {
  id: string;
  handlerFunction: string;
  eventType: string;
  triggerSource: string;
  /** Spreadsheet id for spreadsheet triggers, null for clock triggers. */
  triggerSourceId: string | null;
  schedule: TriggerSchedule;
  user: string;
  createdAt: Date;
}

export class TriggerState {
  triggers: TriggerImpl[] = [];
  /** Google: 20 triggers per user per script. */
  maxPerUser = 20;
}

export class TriggerImpl extends GasObject {
  constructor(
    ctx: FakeContext,
    readonly _info: TriggerInfo,
  ) {
    super(ctx.rt, 'Trigger');
  }
  getHandlerFunction() {
    return this._info.handlerFunction;
  }
  getUniqueId() {
    return this._info.id;
  }
  getEventType() {
    return this._info.eventType;
  }
  getTriggerSource() {
    return this._info.triggerSource;
  }
  getTriggerSourceId() {
    return this._info.triggerSourceId;
  }
}

function install(
  ctx: FakeContext,
  state: TriggerState,
  info: Omit<TriggerInfo, 'id' | 'user' | 'createdAt'>,
): TriggerImpl {
  const mine = state.triggers.filter((t) => t._info.user === ctx.effectiveUser).length;
  if (mine >= state.maxPerUser) throw new GasError(GAS_ERRORS.tooManyTriggers);
  const t = new TriggerImpl(ctx, {
    ...info,
    schedule: { ...info.schedule },
    id: String(7_000_000_000 + ctx.next('trigger')),
    user: ctx.effectiveUser,
    createdAt: ctx.clock.now(),
  });
  state.triggers.push(t);
  return t;
}

function checkInt(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new GasError(`Invalid argument: ${what} must be an integer between ${min} and ${max}.`);
  return value;
}

export class ClockTriggerBuilderImpl extends GasObject {
  private readonly _s: TriggerSchedule = {};

  constructor(
    private readonly _ctx: FakeContext,
    private readonly _state: TriggerState,
    private readonly _fn: string,
  ) {
    super(_ctx.rt, 'ClockTriggerBuilder');
  }
  after(durationMilliseconds: number) {
    this._s.after = durationMilliseconds;
    return this;
  }
  at(date: Date) {
    this._s.at = new Date(date.getTime());
    return this;
  }
  atDate(year: number, month: number, day: number) {
    this._s.at = new Date(Date.UTC(year, month - 1, day));
    return this;
  }
  atHour(hour: number) {
    this._s.atHour = checkInt(hour, 0, 23, 'hour');
    return this;
  }
  nearMinute(minute: number) {
    this._s.nearMinute = checkInt(minute, 0, 59, 'minute');
    return this;
  }
  everyMinutes(n: number) {
    if (![1, 5, 10, 15, 30].includes(n))
      throw new GasError('Invalid argument: minutes must be one of 1, 5, 10, 15 or 30.');
    this._s.everyMinutes = n;
    return this;
  }
  everyHours(n: number) {
    this._s.everyHours = checkInt(n, 1, 24, 'hours');
    return this;
  }
  everyDays(n: number) {
    this._s.everyDays = checkInt(n, 1, 365, 'days');
    return this;
  }
  everyWeeks(n: number) {
    this._s.everyWeeks = checkInt(n, 1, 52, 'weeks');
    return this;
  }
  onMonthDay(day: number) {
    this._s.onMonthDay = checkInt(day, 1, 31, 'day');
    return this;
  }
  onWeekDay(day: string) {
    this._s.onWeekDay = String(day);
    return this;
  }
  inTimezone(timezone: string) {
    this._s.timezone = String(timezone);
    return this;
  }
  create() {
    const s = this._s;
    const hasSchedule =
      s.after !== undefined ||
      s.at !== undefined ||
      s.everyMinutes !== undefined ||
      s.everyHours !== undefined ||
      s.everyDays !== undefined ||
      s.everyWeeks !== undefined ||
      s.onMonthDay !== undefined ||
      s.onWeekDay !== undefined;
    if (!hasSchedule)
      throw new GasError(
        'The trigger has no schedule: call after(), at(), everyX(), onMonthDay() or onWeekDay() before create().',
      );
    return install(this._ctx, this._state, {
      handlerFunction: this._fn,
      eventType: E.EventType.CLOCK,
      triggerSource: E.TriggerSource.CLOCK,
      triggerSourceId: null,
      schedule: s,
    });
  }
}

export class SpreadsheetTriggerBuilderImpl extends GasObject {
  private _event: string | null = null;

  constructor(
    private readonly _ctx: FakeContext,
    private readonly _state: TriggerState,
    private readonly _fn: string,
    private readonly _ssId: string,
  ) {
    super(_ctx.rt, 'SpreadsheetTriggerBuilder');
  }
  onOpen() {
    this._event = E.EventType.ON_OPEN;
    return this;
  }
  onEdit() {
    this._event = E.EventType.ON_EDIT;
    return this;
  }
  onChange() {
    this._event = E.EventType.ON_CHANGE;
    return this;
  }
  onFormSubmit() {
    this._event = E.EventType.ON_FORM_SUBMIT;
    return this;
  }
  create() {
    if (!this._event)
      throw new GasError(
        'The trigger has no event: call onOpen(), onEdit(), onChange() or onFormSubmit() before create().',
      );
    return install(this._ctx, this._state, {
      handlerFunction: this._fn,
      eventType: this._event,
      triggerSource: E.TriggerSource.SPREADSHEETS,
      triggerSourceId: this._ssId,
      schedule: {},
    });
  }
}

export class TriggerBuilderImpl extends GasObject {
  constructor(
    private readonly _ctx: FakeContext,
    private readonly _state: TriggerState,
    private readonly _fn: string,
  ) {
    super(_ctx.rt, 'TriggerBuilder');
  }
  timeBased() {
    return new ClockTriggerBuilderImpl(this._ctx, this._state, this._fn);
  }
  /** Accepts a Spreadsheet or its id. */
  forSpreadsheet(sheet: SpreadsheetImpl | string) {
    const id = sheet instanceof SpreadsheetImpl ? sheet._id : String(sheet);
    return new SpreadsheetTriggerBuilderImpl(this._ctx, this._state, this._fn, id);
  }
}

export class ServiceImpl extends GasObject {
  constructor(ctx: FakeContext) {
    super(ctx.rt, 'Service');
  }
  getUrl() {
    return 'https://script.google.com/macros/s/fake-deployment/exec';
  }
  isEnabled() {
    return false;
  }
}

export class AuthorizationInfoImpl extends GasObject {
  constructor(ctx: FakeContext) {
    super(ctx.rt, 'AuthorizationInfo');
  }
  getAuthorizationStatus() {
    return E.AuthorizationStatus.NOT_REQUIRED;
  }
  getAuthorizationUrl() {
    return null;
  }
  getAuthorizedScopes() {
    return [];
  }
}

export class ScriptAppImpl extends GasObject {
  readonly AuthMode = E.AuthMode;
  readonly AuthorizationStatus = E.AuthorizationStatus;
  readonly EventType = E.EventType;
  readonly TriggerSource = E.TriggerSource;
  readonly WeekDay = E.WeekDay;
  readonly InstallationSource = E.InstallationSource;

  constructor(
    private readonly _ctx: FakeContext,
    private readonly _state: TriggerState,
  ) {
    super(_ctx.rt, 'ScriptApp');
  }
  newTrigger(functionName: string) {
    return new TriggerBuilderImpl(this._ctx, this._state, String(functionName));
  }
  /** The current user's triggers in this project. */
  getProjectTriggers() {
    return this._state.triggers.filter((t) => t._info.user === this._ctx.effectiveUser);
  }
  getUserTriggers(spreadsheet: SpreadsheetImpl) {
    return this.getProjectTriggers().filter((t) => t._info.triggerSourceId === spreadsheet._id);
  }
  deleteTrigger(trigger: TriggerImpl) {
    this._state.triggers = this._state.triggers.filter((t) => t._info.id !== trigger._info.id);
  }
  getOAuthToken() {
    return 'fake-token';
  }
  getIdentityToken() {
    return 'fake-identity-token';
  }
  getScriptId() {
    return 'fake-script-id';
  }
  getService() {
    return new ServiceImpl(this._ctx);
  }
  getAuthorizationInfo(_authMode: string) {
    return new AuthorizationInfoImpl(this._ctx);
  }
  getInstallationSource() {
    return E.InstallationSource.NONE;
  }
  invalidateAuth() {}
}
