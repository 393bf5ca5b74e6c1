/** Data validation rules and conditional format rules, with their builders. */

import { BooleanCriteria, DataValidationCriteria, InterpolationType } from './enums';
import { GAS_ERRORS, GasError } from './errors';
import type { RangeImpl } from './range';
import { GasObject, type GasRuntime } from './runtime';
import { normalizeColor } from './style';

type Criteria = string;

interface DvState {
  criteria: Criteria | null;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

/**
 * DataValidationBuilder. Note: the real API has no requireWholeNumber(); calling it
 * fails with a TypeError here as it does in Apps Script. The fake stores rules but does
 * NOT enforce them on setValue(s) (Apps Script does not either for allowInvalid=true;
 * with allowInvalid=false real Sheets rejects invalid writes — not modelled).
 */
export class DataValidationBuilderImpl extends GasObject {
  private _s: DvState;

  constructor(rt: GasRuntime, from?: DvState) {
    super(rt, 'DataValidationBuilder');
    this._s = from
      ? { ...from, values: [...from.values] }
      : { criteria: null, values: [], allowInvalid: true, helpText: null };
  }

  private _set(criteria: Criteria, values: unknown[]): this {
    this._s.criteria = criteria;
    this._s.values = values;
    return this;
  }

  requireNumberBetween(start: number, end: number) {
    return this._set(DataValidationCriteria.NUMBER_BETWEEN, [start, end]);
  }
  requireNumberNotBetween(start: number, end: number) {
    return this._set(DataValidationCriteria.NUMBER_NOT_BETWEEN, [start, end]);
  }
  requireNumberEqualTo(n: number) {
    return this._set(DataValidationCriteria.NUMBER_EQUAL_TO, [n]);
  }
  requireNumberNotEqualTo(n: number) {
    return this._set(DataValidationCriteria.NUMBER_NOT_EQUAL_TO, [n]);
  }
  requireNumberGreaterThan(n: number) {
    return this._set(DataValidationCriteria.NUMBER_GREATER_THAN, [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number) {
    return this._set(DataValidationCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO, [n]);
  }
  requireNumberLessThan(n: number) {
    return this._set(DataValidationCriteria.NUMBER_LESS_THAN, [n]);
  }
  requireNumberLessThanOrEqualTo(n: number) {
    return this._set(DataValidationCriteria.NUMBER_LESS_THAN_OR_EQUAL_TO, [n]);
  }
  requireFormulaSatisfied(formula: string) {
    return this._set(DataValidationCriteria.CUSTOM_FORMULA, [formula]);
  }
  requireValueInList(values: unknown[], showDropdown = true) {
    if (values.length > 500) throw new GasError(GAS_ERRORS.validationListTooLong);
    return this._set(DataValidationCriteria.VALUE_IN_LIST, [[...values], showDropdown]);
  }
  requireValueInRange(range: RangeImpl, showDropdown = true) {
    return this._set(DataValidationCriteria.VALUE_IN_RANGE, [range, showDropdown]);
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown) {
    const v = checked === undefined ? [] : unchecked === undefined ? [checked] : [checked, unchecked];
    return this._set(DataValidationCriteria.CHECKBOX, v);
  }
  requireDate() {
    return this._set(DataValidationCriteria.DATE_IS_VALID_DATE, []);
  }
  requireDateAfter(d: Date) {
    return this._set(DataValidationCriteria.DATE_AFTER, [d]);
  }
  requireDateBefore(d: Date) {
    return this._set(DataValidationCriteria.DATE_BEFORE, [d]);
  }
  requireDateBetween(a: Date, b: Date) {
    return this._set(DataValidationCriteria.DATE_BETWEEN, [a, b]);
  }
  requireTextContains(t: string) {
    return this._set(DataValidationCriteria.TEXT_CONTAINS, [t]);
  }
  requireTextDoesNotContain(t: string) {
    return this._set(DataValidationCriteria.TEXT_DOES_NOT_CONTAIN, [t]);
  }
  requireTextEqualTo(t: string) {
    return this._set(DataValidationCriteria.TEXT_EQUAL_TO, [t]);
  }
  requireTextIsEmail() {
    return this._set(DataValidationCriteria.TEXT_IS_VALID_EMAIL, []);
  }
  requireTextIsUrl() {
    return this._set(DataValidationCriteria.TEXT_IS_VALID_URL, []);
  }
  withCriteria(criteria: Criteria, args: unknown[]) {
    return this._set(criteria, [...args]);
  }
  setAllowInvalid(allowInvalid: boolean) {
    this._s.allowInvalid = Boolean(allowInvalid);
    return this;
  }
  setHelpText(helpText: string) {
    this._s.helpText = helpText;
    return this;
  }
  getCriteriaType() {
    return this._s.criteria;
  }
  getCriteriaValues() {
    return [...this._s.values];
  }
  getAllowInvalid() {
    return this._s.allowInvalid;
  }
  getHelpText() {
    return this._s.helpText;
  }
  copy() {
    return new DataValidationBuilderImpl(this._rt, this._s);
  }
  build() {
    if (!this._s.criteria) throw new GasError('You must specify a criteria for the data validation rule.');
    return new DataValidationImpl(this._rt, this._s);
  }
}

export class DataValidationImpl extends GasObject {
  readonly _s: DvState;

  constructor(rt: GasRuntime, s: DvState) {
    super(rt, 'DataValidation');
    this._s = { ...s, values: [...s.values] };
  }

  getCriteriaType() {
    return this._s.criteria;
  }
  getCriteriaValues() {
    return [...this._s.values];
  }
  getAllowInvalid() {
    return this._s.allowInvalid;
  }
  getHelpText() {
    return this._s.helpText;
  }
  copy() {
    return new DataValidationBuilderImpl(this._rt, this._s);
  }
}

// ---------------------------------------------------------------- conditional formats

/** One point of a colour scale: its colour, InterpolationType and value ('' for MIN / MAX). */
interface GradientPoint {
  color: string;
  type: string;
  value: string;
}

interface GradientState {
  min: GradientPoint | null;
  mid: GradientPoint | null;
  max: GradientPoint | null;
}

/**
 * A rule has either a boolean condition (`criteria`) or a colour scale (`gradient`), as the
 * Sheets API's booleanRule / gradientRule: the builder's last when…() or setGradient…() decides.
 */
interface CfState {
  gradient: GradientState | null;
  criteria: string | null;
  values: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  strikethrough: boolean | null;
  underline: boolean | null;
  ranges: RangeImpl[];
}

function emptyCf(): CfState {
  return {
    gradient: null,
    criteria: null,
    values: [],
    background: null,
    fontColor: null,
    bold: null,
    italic: null,
    strikethrough: null,
    underline: null,
    ranges: [],
  };
}

export class BooleanConditionImpl extends GasObject {
  constructor(
    rt: GasRuntime,
    private readonly _s: CfState,
  ) {
    super(rt, 'BooleanCondition');
  }
  getCriteriaType() {
    return this._s.criteria;
  }
  getCriteriaValues() {
    return [...this._s.values];
  }
  getBackground() {
    return this._s.background;
  }
  getFontColor() {
    return this._s.fontColor;
  }
  getBold() {
    return this._s.bold;
  }
  getItalic() {
    return this._s.italic;
  }
  getStrikethrough() {
    return this._s.strikethrough;
  }
  getUnderline() {
    return this._s.underline;
  }
}

export class GradientConditionImpl extends GasObject {
  constructor(
    rt: GasRuntime,
    private readonly _g: GradientState,
  ) {
    super(rt, 'GradientCondition');
  }
  getMinColor() {
    return this._g.min?.color ?? '';
  }
  getMinType() {
    return this._g.min?.type ?? null;
  }
  getMinValue() {
    return this._g.min?.value ?? '';
  }
  getMidColor() {
    return this._g.mid?.color ?? '';
  }
  getMidType() {
    return this._g.mid?.type ?? null;
  }
  getMidValue() {
    return this._g.mid?.value ?? '';
  }
  getMaxColor() {
    return this._g.max?.color ?? '';
  }
  getMaxType() {
    return this._g.max?.type ?? null;
  }
  getMaxValue() {
    return this._g.max?.value ?? '';
  }
}

function copyCf(s: CfState): CfState {
  return { ...s, gradient: s.gradient ? { ...s.gradient } : null, values: [...s.values], ranges: [...s.ranges] };
}

export class ConditionalFormatRuleBuilderImpl extends GasObject {
  private _s: CfState;

  constructor(rt: GasRuntime, from?: CfState) {
    super(rt, 'ConditionalFormatRuleBuilder');
    this._s = from ? copyCf(from) : emptyCf();
  }

  private _when(criteria: string, values: unknown[]): this {
    this._s.gradient = null;
    this._s.criteria = criteria;
    this._s.values = values;
    return this;
  }

  /** Sets one point of a colour scale, and makes the rule a colour scale. */
  private _point(at: keyof GradientState, color: string, type: string, value: string): this {
    this._s.criteria = null;
    this._s.values = [];
    const g = this._s.gradient ?? { min: null, mid: null, max: null };
    g[at] = { color: normalizeColor(color), type: String(type), value: String(value) };
    this._s.gradient = g;
    return this;
  }

  /** The maximum of the rule's ranges, in `color`. */
  setGradientMaxpoint(color: string) {
    return this._point('max', color, InterpolationType.MAX, '');
  }
  setGradientMaxpointWithValue(color: string, type: string, value: string) {
    return this._point('max', color, type, value);
  }
  setGradientMidpointWithValue(color: string, type: string, value: string) {
    return this._point('mid', color, type, value);
  }
  /** The minimum of the rule's ranges, in `color`. */
  setGradientMinpoint(color: string) {
    return this._point('min', color, InterpolationType.MIN, '');
  }
  setGradientMinpointWithValue(color: string, type: string, value: string) {
    return this._point('min', color, type, value);
  }

  whenFormulaSatisfied(formula: string) {
    return this._when(BooleanCriteria.CUSTOM_FORMULA, [formula]);
  }
  whenCellEmpty() {
    return this._when(BooleanCriteria.CELL_EMPTY, []);
  }
  whenCellNotEmpty() {
    return this._when(BooleanCriteria.CELL_NOT_EMPTY, []);
  }
  whenNumberBetween(a: number, b: number) {
    return this._when(BooleanCriteria.NUMBER_BETWEEN, [a, b]);
  }
  whenNumberNotBetween(a: number, b: number) {
    return this._when(BooleanCriteria.NUMBER_NOT_BETWEEN, [a, b]);
  }
  whenNumberEqualTo(n: number) {
    return this._when(BooleanCriteria.NUMBER_EQUAL_TO, [n]);
  }
  whenNumberNotEqualTo(n: number) {
    return this._when(BooleanCriteria.NUMBER_NOT_EQUAL_TO, [n]);
  }
  whenNumberGreaterThan(n: number) {
    return this._when(BooleanCriteria.NUMBER_GREATER_THAN, [n]);
  }
  whenNumberGreaterThanOrEqualTo(n: number) {
    return this._when(BooleanCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO, [n]);
  }
  whenNumberLessThan(n: number) {
    return this._when(BooleanCriteria.NUMBER_LESS_THAN, [n]);
  }
  whenNumberLessThanOrEqualTo(n: number) {
    return this._when(BooleanCriteria.NUMBER_LESS_THAN_OR_EQUAL_TO, [n]);
  }
  whenTextContains(t: string) {
    return this._when(BooleanCriteria.TEXT_CONTAINS, [t]);
  }
  whenTextDoesNotContain(t: string) {
    return this._when(BooleanCriteria.TEXT_DOES_NOT_CONTAIN, [t]);
  }
  whenTextEqualTo(t: string) {
    return this._when(BooleanCriteria.TEXT_EQUAL_TO, [t]);
  }
  whenTextStartsWith(t: string) {
    return this._when(BooleanCriteria.TEXT_STARTS_WITH, [t]);
  }
  whenTextEndsWith(t: string) {
    return this._when(BooleanCriteria.TEXT_ENDS_WITH, [t]);
  }
  withCriteria(criteria: string, args: unknown[]) {
    return this._when(criteria, [...args]);
  }
  setBackground(color: string | null) {
    this._s.background = color === null ? null : normalizeColor(color);
    return this;
  }
  setFontColor(color: string | null) {
    this._s.fontColor = color === null ? null : normalizeColor(color);
    return this;
  }
  setBold(b: boolean | null) {
    this._s.bold = b;
    return this;
  }
  setItalic(b: boolean | null) {
    this._s.italic = b;
    return this;
  }
  setStrikethrough(b: boolean | null) {
    this._s.strikethrough = b;
    return this;
  }
  setUnderline(b: boolean | null) {
    this._s.underline = b;
    return this;
  }
  setRanges(ranges: RangeImpl[]) {
    this._s.ranges = [...ranges];
    return this;
  }
  getRanges() {
    return [...this._s.ranges];
  }
  getBooleanCondition() {
    return this._s.criteria ? new BooleanConditionImpl(this._rt, this._s) : null;
  }
  getGradientCondition() {
    return this._s.gradient ? new GradientConditionImpl(this._rt, this._s.gradient) : null;
  }
  copy() {
    return new ConditionalFormatRuleBuilderImpl(this._rt, this._s);
  }
  build() {
    if (!this._s.criteria && !this._s.gradient) throw new GasError('Conditional format rule must have a condition.');
    return new ConditionalFormatRuleImpl(this._rt, this._s);
  }
}

export class ConditionalFormatRuleImpl extends GasObject {
  readonly _s: CfState;

  constructor(rt: GasRuntime, s: CfState) {
    super(rt, 'ConditionalFormatRule');
    this._s = copyCf(s);
  }
  getRanges() {
    return [...this._s.ranges];
  }
  /** Null for a colour scale rule (Google: "null if the rule does not use boolean condition criteria"). */
  getBooleanCondition() {
    return this._s.criteria ? new BooleanConditionImpl(this._rt, this._s) : null;
  }
  /** Null for a rule with a boolean condition. */
  getGradientCondition() {
    return this._s.gradient ? new GradientConditionImpl(this._rt, this._s.gradient) : null;
  }
  copy() {
    return new ConditionalFormatRuleBuilderImpl(this._rt, this._s);
  }
}
