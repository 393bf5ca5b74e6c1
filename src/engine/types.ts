/**
 * The engine's shared vocabulary. Pure data types: no Apps Script, no Node.
 * Both shells (src/gas, src/cli) convert their I/O into these shapes.
 */

// ---------------------------------------------------------------- cells and sheets

/**
 * One cell as a shell hands it to the engine. This is the shape of Apps Script's
 * `Range.getValues()` (`''` for empty, numbers, booleans, Date objects; error
 * values arrive as their text, e.g. "#REF!"). The .xlsx reader produces the same.
 * `null`/`undefined` are accepted as empty too.
 */
export type CellValue = string | number | boolean | Date | null | undefined;
export type Grid = CellValue[][];

export interface SheetInput {
  name: string;
  grid: Grid;
  /** Merged ranges in A1 notation ("B2:D2"); only the top-left cell holds the value. */
  merges?: string[];
  /** Hidden in its workbook (Excel's "Hide": an old copy kept out of sight): a visible sheet of the same unit and year wins. */
  hidden?: boolean;
}

export interface WorkbookInput {
  /** File name (CLI) or spreadsheet name (add-on); used in messages. */
  source: string;
  sheets: SheetInput[];
}

// ---------------------------------------------------------------- catalogue

/** count = whole number ≥ 0; amount = decimal ≥ 0; note = free text. */
export type ValueKind = 'count' | 'amount' | 'note';
/** How a unit's months combine into a period: flows are summed, stocks take the latest month. */
export type MonthCombine = 'sum' | 'last';

export interface IndicatorGroup {
  code: string;
  label: string;
}

export interface Indicator {
  code: string;
  group: string;
  label: string;
  /** Unit of measure as written in Vietnamese: "hộ", "ngày công", "lượt", "đơn", "triệu đồng". */
  unit: string;
  kind: ValueKind;
  overMonths: MonthCombine;
  /** Over units everything numeric is summed today; kept explicit for future ratios. */
  overUnits: 'sum';
  /**
   * Narrative phrase with `{n}` for the formatted number incl. unit, e.g.
   * "{n} nông dân sản xuất, kinh doanh giỏi các cấp" → "115 hộ nông dân …".
   */
  phrase: string;
  /** Shown in key figures, the chart and the e-mail. */
  key?: boolean;
  /** Optional plausibility bounds per unit and month (DHIS2 min–max), warnings only. */
  max?: number;
}

export type RuleOperator = '==' | '!=' | '<=' | '<' | '>=' | '>';

export interface ValidationRule {
  code: string;
  /** Sum of these indicators… */
  left: string[];
  operator: RuleOperator;
  /** …compared with the sum of these. */
  right: string[];
  importance: 'error' | 'warning';
  /** Vietnamese explanation shown to the commune. */
  message: string;
  /**
   * DHIS2 missing-value strategy: skip when any side is entirely missing (default),
   * or treat missing as 0 and check whenever any value is present.
   */
  missing?: 'skipIfAnySideMissing' | 'treatAsZero';
}

export interface Catalogue {
  version: number;
  title: string;
  groups: IndicatorGroup[];
  indicators: Indicator[];
  rules: ValidationRule[];
}

// ---------------------------------------------------------------- units and settings

export interface Succession {
  /** ISO date the new unit starts (e.g. "2025-07-01"). */
  from: string;
  /** Codes of the old units this unit replaces. */
  predecessors: string[];
}

export interface Unit {
  code: string;
  name: string;
  /** "xã", "phường", "thị trấn", "huyện" … used in "Xã Chung Chải". */
  kind: string;
  emails: string[];
  /** Layout (b): the unit's own spreadsheet. */
  spreadsheetUrl?: string;
  succession?: Succession;
}

export interface Settings {
  /** Name of the aggregating unit, e.g. "Mường Nhé". */
  aggregatingUnitName: string;
  /** Its level: "huyện", "tỉnh", "xã". */
  level: string;
  /** "toàn huyện", "toàn tỉnh" — the subject of the narrative. */
  scopeLabel: string;
  /** Issuing body shown in report headers, e.g. "Ban Dân vận Huyện ủy Mường Nhé". */
  organisation: string;
  /** First day of the monthly data window (Decree 09/2019: 15 → 15th of previous month … 14th). */
  cutoffDay: number;
  /** Days allowed to submit after the window closes. */
  submitDays: number;
  /** Count only Monday–Friday when adding submitDays. */
  submitWorkingDays: boolean;
  /**
   * Official days off besides weekends (ISO "YYYY-MM-DD": Tết, 30/4, 1/5, 2/9 …), skipped
   * when counting working days. Optional: older settings files have none.
   */
  holidays?: string[];
  recipients: string[];
  /** Day of month (1–28) and hour (0–23) of the automatic e-mail. */
  sendDay: number;
  sendHour: number;
  reminders: boolean;
  reminderDaysBefore: number;
  timeZone: string;
}

// ---------------------------------------------------------------- findings

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  /** Stable machine code, e.g. "not-a-number", "rule-violation", "unit-missing". */
  code: string;
  unitCode?: string;
  unitName?: string;
  /** File name or spreadsheet name. */
  file?: string;
  sheet?: string;
  /** A1 address, e.g. "G14". */
  cell?: string;
  indicatorCode?: string;
  indicatorLabel?: string;
  /** 1–12 */
  month?: number;
  /** 'unit-mismatch': the unit the "Đơn vị" cell names (the finding's unitCode is the coded one). */
  namedUnitCode?: string;
  /** 'code-label-mismatch': the indicator the row's label names (its indicatorCode is the coded one). */
  labelIndicatorCode?: string;
  /** 'unit-guessed': what the unit was guessed from, as messages say it ('tên tệp "…"'). */
  guessedFrom?: string;
  /** Full Vietnamese message, location included. */
  message: string;
}

// ---------------------------------------------------------------- parsed reports

/** One unit's sheet for one year, after reading and cell validation. */
export interface UnitYear {
  unitCode: string;
  unitName: string;
  /** The unit's kind ("xã"), so messages can say "Xã Chung Chải"; absent for aggregates. */
  unitKind?: string;
  year: number;
  file: string;
  sheet: string;
  /** Per indicator code: 12 months, `null` = not reported or invalid (see `invalid`). */
  values: Record<string, (number | null)[]>;
  /** Per note indicator: 12 months of text. */
  notes: Record<string, (string | null)[]>;
  /** Per month the submission date as ISO "YYYY-MM-DD", or null. */
  submitted: (string | null)[];
  /** Per indicator code: A1 address of each month's cell (for findings and links). */
  cells: Record<string, string[]>;
  /** A1 address of each month's submission-date cell. */
  submittedCells: string[];
  /** Cells left out because invalid: "CODE:month". */
  invalid: string[];
  /** Indicator codes whose row was typed in another money scale and converted (read.ts convertRow). */
  converted?: string[];
  /** What the unit wrote in the "Ghi chú" column beside indicator rows, in catalogue order. Absent or undefined when none. */
  remarks?: Remark[];
  /**
   * A merged unit's report (mapToSuccessors): per old unit whose months before the merger it holds,
   * that unit's submission dates of the months the merged unit's own report gives none, and the
   * months it has figures in without a date where the own report has neither: whose lateness a
   * month's is (completeness' `formerLate`, `formerUndated`).
   */
  formerSubmitted?: FormerSubmission[];
}

/** An old unit's part in a merged unit's submission dates (UnitYear.formerSubmitted). */
export interface FormerSubmission {
  code: string;
  name: string;
  kind?: string;
  /** Per month (0-based) its date, null where it has none or the merged unit's own report has one. */
  dates: (string | null)[];
  /** Months (1-based) with its figures but no date, where the merged unit's own report has no figure nor date. */
  undated: number[];
}

/** A remark beside an indicator's row ("số liệu tạm tính"): the row's for the year, not a month's. */
export interface Remark {
  indicatorCode: string;
  /** Cleaned as notes are (line breaks kept), at most MAX_NOTE_LENGTH characters. */
  text: string;
  /** A1 address of the remark's cell, e.g. "R24". */
  cell: string;
}

/** A unit's remark as a summary lists it: whose, in which file and sheet. */
export interface UnitRemark extends Remark {
  unitCode: string;
  unitName: string;
  /** The unit's kind ("xã"), when the report says it. */
  unitKind?: string;
  file: string;
  sheet: string;
}

export interface ReadResult {
  reports: UnitYear[];
  findings: Finding[];
}

// ---------------------------------------------------------------- periods

export type PeriodType = 'month' | 'quarter' | 'half' | 'nine' | 'year';

export interface Period {
  type: PeriodType;
  year: number;
  /** month 1–12, quarter 1–4; 1 for half/nine/year. */
  index: number;
}

export interface DateRange {
  /** ISO dates, inclusive. */
  start: string;
  end: string;
}

// ---------------------------------------------------------------- completeness and aggregate

export type SubmissionStatus = 'onTime' | 'late' | 'missing';

export interface CompletenessRow {
  unitCode: string;
  unitName: string;
  status: SubmissionStatus;
  /** Latest submission date among the period's months (ISO), null if none. */
  submittedOn: string | null;
  /** Months of the period that have no submission. */
  missingMonths: number[];
  /**
   * Of `missingMonths`, those with figures but no submission date while their deadline has not
   * passed: the commune may still be typing; its figures are in the totals all the same.
   */
  unsentMonths?: number[];
  /** In a period of several months, those dated after their own deadline. */
  lateMonths?: number[];
  /**
   * Months with figures but no (usable) submission date once their deadline has passed: not on
   * time, so the unit's status is 'late', but worded "chưa rõ ngày nộp" (the date is unknown).
   */
  undatedMonths?: number[];
  /**
   * A merged unit: the old units (names as in a sentence) whose empty months of the period,
   * before the merger, are among `missingMonths` (the unit itself may have sent them).
   */
  formerGaps?: {
    /** The old unit's code (absent in summaries made before it was kept). */
    code?: string;
    name: string;
    months: number[];
    /** Its report was found (by its file's name) but could not be read. */
    unreadable?: boolean;
  }[];
  /**
   * A merged unit: the old units whose own dates, after the deadline, make months of the period
   * before the merger late (the merged unit did not exist then; its own dates are its own).
   */
  formerLate?: FormerMonths[];
  /** A merged unit: the old units whose figures without a date make months before the merger undated. */
  formerUndated?: FormerMonths[];
}

/** An old unit of a merged unit and months of the period (names as in a sentence). */
export interface FormerMonths {
  code: string;
  name: string;
  months: number[];
}

export interface Completeness {
  period: Period;
  deadline: string;
  expected: number;
  reported: number;
  onTime: number;
  /** reported / expected, 0–1 (DHIS2 "reporting rate"). */
  reportingRate: number;
  /** onTime / expected, 0–1 (DHIS2 "reporting rate on time"). */
  onTimeRate: number;
  rows: CompletenessRow[];
}

export interface UnitFigure {
  unitCode: string;
  unitName: string;
  period: number | null;
  ytd: number | null;
}

export interface IndicatorSummary {
  code: string;
  group: string;
  label: string;
  unit: string;
  kind: ValueKind;
  /** Total over units for the period; null when no unit reported. */
  period: number | null;
  /** Year to date (month 1 … last month of the period). */
  ytd: number | null;
  lastYearPeriod: number | null;
  lastYearYtd: number | null;
  /** period − lastYearPeriod, and as a fraction of lastYearPeriod (null when undefined). */
  change: number | null;
  changePct: number | null;
  ytdChange: number | null;
  ytdChangePct: number | null;
  /**
   * Per unit, in `units` order. An aggregate's summary makes this array when it is first read
   * (aggregate/unit-figures.ts); renderings read unitFigures() so as not to make it.
   */
  byUnit: UnitFigure[];
  /** Units with at least one valid value in the period. */
  contributing: number;
  /** For note indicators: the texts of the period, per unit. */
  notes?: { unitCode: string; unitName: string; month: number; text: string }[];
  /**
   * Set when last year's figures of the period (every unit's) begin only in this month, later
   * than the period's first, while this year has figures before it (an indicator added mid-year):
   * change and changePct are then null, the spans differing (lastYearPeriod stays last year's
   * total; renderings do not set it beside this year's). Absent otherwise.
   */
  lastYearPeriodFrom?: number;
  /** The same for the year to date (ytdChange and ytdChangePct null). */
  lastYearYtdFrom?: number;
  /**
   * Stocks ('last') in a period of several months: codes of units (in unit order) with a figure
   * "so far" but none for the period's last month, whose figure is then an earlier month's. In a
   * month this is every unit with a figure so far and none in the period. Absent when none.
   */
  carriedUnits?: string[];
  /**
   * Stocks: merged units (in unit order) with a figure so far but none for the period's last month
   * and none of their own before it either: their figure so far is their old units' (before the
   * merger), of `month`; `formers`: the old units' names. Said so rather than as the merged unit's
   * own earlier report. Absent when none. Over several stocks, read through formerFigure
   * (aggregate/carried-former), as the narrative and the summary note both do.
   */
  carriedFromFormer?: { unitCode: string; month: number; formers: string[] }[];
  /**
   * Stocks: units (in unit order) with no figure of it this year up to the period's last month whose
   * figure so far is their latest of last year's report (mapped onto the current units), of `month`
   * of last year. Counted in `ytd` and said with the month. Absent when none.
   */
  carriedFromLastYear?: { unitCode: string; month: number }[];
  /**
   * Stocks: merged units (in unit order) whose figure so far, from months before their merger, counts
   * an old unit's latest figure of last year's report, of `month` of last year: the old unit left the
   * stock blank this year while another old unit of it typed it (counted in `period` and `ytd`, as
   * the old units' figures there are each one's latest). `name`: the old unit in a sentence ("xã
   * Chung Chải"); `now`: what it is now ("nay thuộc xã Mường Nhé"). Absent when none.
   */
  carriedOldUnits?: { unitCode: string; oldCode: string; name: string; now: string; month: number }[];
  /**
   * Stocks: units (in unit order) with a figure so far but none for the period's last month whose
   * figure so far is this year's, of `month` (their latest before it). Absent when none.
   */
  carriedMonths?: { unitCode: string; month: number }[];
  /**
   * Units (codes, in unit order) that reported some month of the year to date (a figure or a
   * submission date) but whose sheet has no row for the indicator (the reader's
   * 'missing-indicator'), so no figure of theirs is in its totals: each rendering says so beside
   * them rather than give a total that is silently lower. Absent when none.
   */
  rowMissing?: string[];
  /**
   * Figures of the period's months far out of line (aggregate/outliers.ts, each also a warning),
   * in the order found: still counted in the totals, so the narrative says them beside the total.
   * Absent when none.
   */
  outliers?: { unitCode: string; month: number; value: number }[];
  /**
   * "So cùng kỳ" of the period not like for like: units of the summary's `lastYearOnly` with a
   * figure of this indicator last year and none this period, and of `thisYearOnly` with one this
   * period and none last year. Renderings mark the change and add one footnote. Absent when none
   * or when there is no change.
   */
  unevenPeriod?: UnevenComparison;
  /** The same for the year to date (units of `lastYearOnly` and `ytdGaps`). */
  unevenYtd?: UnevenComparison;
}

/** Units (codes, in unit order) on one side only of a "so cùng kỳ" of one indicator. */
export interface UnevenComparison {
  lastYearOnly: string[];
  thisYearOnly: string[];
}

export interface Summary {
  period: Period;
  settings: Settings;
  /** ISO timestamp the summary was made. */
  generatedAt: string;
  units: Unit[];
  completeness: Completeness;
  indicators: IndicatorSummary[];
  /** The aggregate in the commune layout: per indicator 12 months over all units (this year). */
  monthly: Record<string, (number | null)[]>;
  /**
   * Per month (index 0 = January), the latest submission date among the units' reports of this
   * year, up to the period's last month: when the month was complete at this level. Absent when none.
   */
  monthSubmitted?: (string | null)[];
  findings: Finding[];
  /** Invalid cells left out of the totals shown (period and year to date). */
  excludedCells: number;
  /** Units (codes, in unit order) whose invalid cells `excludedCells` counts. Absent when none. */
  excludedUnits?: string[];
  /**
   * Units whose figures break an error-level rule of the catalogue (a part greater than its whole…)
   * in a month the summary shows (the year to date) and are counted all the same (leaving them out
   * would change a total silently): per unit its name as in a sentence ("xã Chung Chải"; an old unit
   * of a merger by its own name; the narrative adds the code of a unit another shares the name of,
   * in the bracket of the places) and where, as said ("ô M45": the cell each finding names, the rule's
   * first; without one, the indicator and month), in unit order. Absent when none.
   */
  ruleErrors?: { unitCode: string; label: string; places: string[] }[];
  /** Units whose sheet could not be read or found. */
  unreadableUnits: string[];
  /**
   * Old units of a merger (not units of the summary) whose report, found by its file's name,
   * could not be read, and that no completeness row names in `formerGaps` (their months are not
   * of the period: the year to date or last year lacks them). Labels as the findings name them:
   * "Xã Nậm Vì (nay thuộc xã Mường Nhé)", and inside a sentence "xã Nậm Vì (nay thuộc …)".
   * Absent when there is none.
   */
  unreadableFormer?: { code: string; label: string; inSentence: string }[];
  /** Files that could not be read and could not be tied to a unit (CLI). Absent when there is none. */
  unattributedFiles?: string[];
  /**
   * Units (codes, in unit order) with figures in the period last year but not reported this
   * year: "so cùng kỳ" compares totals over different units. Absent when there is none.
   */
  lastYearOnly?: string[];
  /**
   * Units (codes, in unit order) reported this year without figures in the same months last year,
   * when some unit has last year's figures: "so cùng kỳ" then compares totals over different units
   * the other way round. Absent when there is none.
   */
  thisYearOnly?: string[];
  /**
   * Of `thisYearOnly`, units (in unit order) with last year's figures in some months of the period
   * but not in `months`, which have figures this year. Absent when there is none.
   */
  thisYearGaps?: { unitCode: string; months: number[] }[];
  /** Merged units (codes, in unit order) whose figures of the period last year lack an old unit's months. */
  lastYearPartial?: string[];
  /** Of `lastYearPartial`, each old unit (name in a sentence) and its empty months of the period last year. */
  lastYearFormerGaps?: { unitCode: string; former: string; months: number[] }[];
  /**
   * Units (in unit order) without figures this year in months before the period that have figures
   * in the same months last year: the year-to-date "so cùng kỳ" compares totals without them. Units
   * in `lastYearOnly` are left out (already said). `former`: a merged unit's old unit (name in a
   * sentence) that left those months empty this year but had figures in them last year. Absent
   * when there is none.
   */
  ytdGaps?: { unitCode: string; months: number[]; former?: string }[];
  /**
   * Units (codes, in unit order) with no figure in the period while the month after it, not closed at
   * the run's date, has figures: likely typed a column too far, their figures not in the totals. A unit
   * not counted as submitted only when that month's date falls in the period's window. Absent when none.
   */
  emptyBeforeNext?: string[];
  /**
   * The remarks units wrote beside indicator rows ("Ghi chú" column) in their reports of the year,
   * whatever the period (a remark is the row's, not a month's): units in unit order, old units of a
   * merger after them by code, each unit's in catalogue order. Absent when there is none.
   */
  remarks?: UnitRemark[];
  narrative: string[];
}
