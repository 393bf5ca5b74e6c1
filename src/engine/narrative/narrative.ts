/**
 * The summary as Vietnamese paragraphs in the style of the 2018 Mường Nhé article
 * ("Từ đầu năm đến nay, toàn huyện có 115 hộ nông dân sản xuất, kinh doanh giỏi các
 * cấp, tăng 21 hộ so cùng kỳ; …"):
 *   1. completeness: who reported, on time, who did not, who was late; then, before the
 *      figures, what they compare and hold: "so cùng kỳ" over different units, invalid cells
 *      left out (excludedUnits), figures breaking an error-level rule counted all the same
 *      (ruleErrors);
 *   2. one paragraph per indicator group with data: the period's flows ("Trong tháng
 *      9/2018, …"), year-to-date flows ("Từ đầu năm đến nay, …"), stocks ("Đến nay, …"); of a
 *      period that is over, "Tính chung 6 tháng đầu năm 2025, …", "Đến hết tháng 6/2025, …" (pastLastMonth).
 *      When the period starts in January, or the period's sentence would say word for
 *      word what the year-to-date one says, only one of the two is written. Figures of
 *      0 appear only when last year was higher ("0 kiện …, giảm 40 kiện so cùng kỳ");
 *      each figure compared with last year when last year is known; a figure lacking units whose
 *      sheet has no row for it (rowMissing) names them in a bracket after it;
 *   3. one paragraph per note indicator with the units' texts.
 */
import { monthList } from '../../messages/vi/findings';
import { namedUnit } from '../../messages/vi/layout';
import { NARRATIVE_TEXT as T } from '../../messages/vi/narrative';
import { PERIOD_TEXT } from '../../messages/vi/periods';
import { type FormerFigure, formerFigure } from '../aggregate/carried-former';
import { isDatedLate } from '../aggregate/completeness';
import { unitFigures } from '../aggregate/unit-figures';
import { isCurrentOn, isRealIsoDate, localDateOf, openOn } from '../periods/cutoff';
import { isYearToDate, periodLabel, periodMonths } from '../periods/period';
import { ownMissingMonths, sentSomeMonths } from '../report/partial';
import { distinctName } from '../sheet/layout';
import { clipText } from '../text/clip';
import { formatDateVi, formatNumberVi, formatPercentVi, formatQuantity } from '../text/format';
import { nearlyEqual, tidy } from '../text/number';
import type { Catalogue, FormerMonths, Indicator, IndicatorSummary, Summary, Unit } from '../types';
import { sameNotes } from './same-notes';

type SummaryCore = Omit<Summary, 'narrative'>;

/** "xã" when all units are communes, else "đơn vị". */
export function unitsNoun(units: Unit[]): string {
  // Lower-cased per distinct kind: thousands of units share two or three kinds.
  const raw = new Set<string>();
  for (let i = 0; i < units.length; i++) raw.add(units[i].kind);
  const kinds = new Set([...raw].map((k) => k.trim().toLocaleLowerCase('vi')));
  const [only] = [...kinds];
  return kinds.size === 1 && only ? only : T.unitsNoun;
}

/**
 * The period's last month ("tháng 6/2025") when its figures are no longer the latest on the day the
 * summary was made (isCurrentOn), so that every rendering says "đến hết tháng 6/2025" rather than
 * "đến nay"; null while they are. One decision for the narrative, the e-mail and the workbook.
 */
export function pastLastMonth(s: Pick<SummaryCore, 'period' | 'settings' | 'generatedAt'>): string | null {
  if (isCurrentOn(s.period, s.settings, localDateOf(s.generatedAt, s.settings.timeZone))) return null;
  return periodLabel({ type: 'month', year: s.period.year, index: periodMonths(s.period).at(-1) as number });
}

/** "xã Chung Chải", "thị trấn Mường Nhé": the kind in lower case mid-sentence, as the article writes. */
export function unitInSentence(unit: Pick<Unit, 'name' | 'kind'>): string {
  const kind = unit.kind.trim().toLocaleLowerCase('vi');
  return kind ? `${kind} ${unit.name}` : unit.name;
}

/** unitInSentence, with the code after it when another unit of `units` has the same name, and `note` in the same bracket. */
export function namedIn(unit: Pick<Unit, 'code' | 'name' | 'kind'>, units: readonly Unit[], note?: string): string {
  return distinctName(unitInSentence(unit), unit.code, units, note);
}

/** `noun`: unitsNoun(s.units), worked out once per narrative (every paragraph says it; units are thousands). */
function completenessParagraph(s: SummaryCore, noun: string): string {
  const c = s.completeness;
  const today = localDateOf(s.generatedAt, s.settings.timeZone);
  const multiMonth = periodMonths(s.period).length > 1;
  // A period not over, or before its deadline: the rates are not final, said beside the date.
  const open = isRealIsoDate(today) ? openOn(s.period, s.settings, today) : null;
  const when = !open
    ? ''
    : open.state === 'notClosed'
      ? T.periodNotClosed(formatDateVi(open.end))
      : T.beforeDeadline(formatDateVi(open.due));
  const date = `${formatDateVi(today)}${when}`;
  let text = T.completeness(date, c.reported, c.expected, noun, formatPercentVi(c.reportingRate), c.onTime);
  const unreadable = new Set(s.unreadableUnits);
  // Named with their kind: "Mường Nhé" alone could be the huyện as well as the xã. Only the few
  // units named are looked up; a later unit of the same code wins, as in notesParagraph.
  const named = new Set<string>([...(s.lastYearOnly ?? []), ...(s.thisYearOnly ?? []), ...(s.lastYearPartial ?? [])]);
  for (const g of s.ytdGaps ?? []) named.add(g.unitCode);
  for (const code of s.excludedUnits ?? []) named.add(code);
  for (const code of s.emptyBeforeNext ?? []) named.add(code);
  for (const r of c.rows) if (r.status === 'missing' || r.status === 'late') named.add(r.unitCode);
  const unitOf = new Map<string, Unit>();
  for (let i = 0; i < s.units.length; i++) if (named.has(s.units[i].code)) unitOf.set(s.units[i].code, s.units[i]);
  const nameOf = (r: (typeof c.rows)[number], note?: string) => {
    const unit = unitOf.get(r.unitCode);
    return unit ? namedIn(unit, s.units, note) : namedUnit(r.unitName, null, note);
  };
  const periodLength = periodMonths(s.period).length;
  // A merged unit's months missing only because an old unit left them empty: the unit did send
  // its own reports, so it is named apart, with whose months its figures lack.
  const ownMonths = ownMissingMonths;
  const formerList = (r: (typeof c.rows)[number]) =>
    (r.formerGaps ?? [])
      .map((g) => (g.unreadable ? T.formerMonthsUnreadable : T.formerMonths)(g.name, g.months.join(', ')))
      .join('; ');
  const missingRows = c.rows.filter((r) => r.status === 'missing' && !unreadable.has(r.unitCode));
  const slipped = new Set(s.emptyBeforeNext ?? []);
  const maxMonth = Math.max(...periodMonths(s.period));
  // In a quarter or longer, a unit that sent some months of its own has reported, in part: told
  // apart from those that sent none, whom the district phones first.
  const sentSome = (r: (typeof c.rows)[number]) => sentSomeMonths(r, periodLength);
  const listed = (r: (typeof c.rows)[number]) => {
    const unsent = r.unsentMonths ?? [];
    const own = ownMonths(r);
    const rest = unsent.length ? own.filter((m) => !unsent.includes(m)) : own;
    const said: string[] = [];
    if (multiMonth && rest.length && rest.length < periodLength) said.push(T.missingMonths(rest.join(', ')));
    // Typed in, not sent yet (before the deadline): its figures are in the totals below.
    if (unsent.length) said.push(T.unsent(multiMonth ? unsent.join(', ') : null));
    if (r.formerGaps) said.push(T.formerPart(formerList(r)));
    // Its report typed one column too far, date and all (emptyBeforeNext takes a missing unit only then).
    if (slipped.has(r.unitCode)) said.push(T.missingColumnSlip(periodLabel(s.period), maxMonth + 1));
    return nameOf(r, said.length ? said.join('; ') : undefined);
  };
  const ownMissing = missingRows.filter((r) => ownMonths(r).length > 0);
  const missing = ownMissing.filter((r) => !sentSome(r)).map(listed);
  const partly = ownMissing.filter(sentSome).map(listed);
  const former = missingRows.filter((r) => ownMonths(r).length === 0).map((r) => nameOf(r, formerList(r)));
  // A merged unit late before the merger by an old unit's date: whose ("đơn vị cũ nộp muộn: Nậm Vì tháng 3").
  const formerOf = (list: FormerMonths[] | undefined, part: (olds: string) => string) =>
    list ? part(list.map((g) => T.formerMonths(g.name, g.months.join(', '))).join('; ')) : undefined;
  const late = c.rows.filter(isDatedLate).map((r) => nameOf(r, formerOf(r.formerLate, T.formerLatePart)));
  // Figures without a date: not on time, but not known to be late (the date is missing).
  const undated = c.rows
    .filter((r) => r.status === 'late' && r.undatedMonths?.length)
    .map((r) => nameOf(r, formerOf(r.formerUndated, T.formerUndatedPart)));
  const unread = c.rows.filter((r) => r.status === 'missing' && unreadable.has(r.unitCode)).map((r) => nameOf(r));
  // At province scale these lists run to dozens of names before the first figure: beyond
  // MAX_LISTED_UNITS the first few, the rest counted; every rendering lists them all in its
  // completeness section, pointed to once, after the last list cut short.
  const lists: [(names: string) => string, string[]][] = [
    [T.notReported, missing],
    [T.partlyReported, partly],
    [T.formerIncomplete, former],
    [T.unreadable, unread],
    [T.unreadableFormer, (s.unreadableFormer ?? []).map((u) => u.inSentence)],
    [T.late, late],
    [T.undated, undated],
  ];
  let lastCut = -1;
  lists.forEach(([, names], i) => {
    if (names.length > MAX_LISTED_UNITS) lastCut = i;
  });
  lists.forEach(([clause, names], i) => {
    if (!names.length) return;
    const cut = names.length > MAX_LISTED_UNITS;
    const said = cut ? `${listNames(names)}${i === lastCut ? ` ${T.fullListInCompleteness}` : ''}` : names.join(', ');
    text += `; ${clause(said)}`;
  });
  const sentenceName = (code: string, note?: string) => {
    const unit = unitOf.get(code);
    return unit ? namedIn(unit, s.units, note) : namedUnit(code, null, note);
  };
  // Units without a month of the period at all, and those with some (or an old unit's missing).
  const rowOf = new Map<string, (typeof c.rows)[number]>();
  if (s.lastYearOnly?.length) for (const r of c.rows) rowOf.set(r.unitCode, r);
  const none: string[] = [];
  const noneCodes: string[] = [];
  const partial: string[] = [];
  for (const code of s.lastYearOnly ?? []) {
    const r = rowOf.get(code);
    // A unit submitted but empty in the period (its figures a column too far) has none of them.
    const empty = s.emptyBeforeNext?.includes(code) ?? false;
    const some =
      !empty &&
      r !== undefined &&
      (r.missingMonths.length < periodLength || ownMonths(r).length < r.missingMonths.length);
    (some ? partial : none).push(sentenceName(code));
    if (!some) noneCodes.push(code);
  }
  const label = periodLabel(s.period);
  // Units counted as submitted (a missing one is told in the "chưa báo cáo" list).
  const submittedEmpty = (s.emptyBeforeNext ?? []).filter((code) => !missingRows.some((r) => r.unitCode === code));
  if (submittedEmpty.length) {
    const next = maxMonth + 1;
    text += `; ${T.emptyBeforeNext(listNames(submittedEmpty.map((code) => sentenceName(code))), label, next)}`;
  }
  const clauses: string[] = [];
  // The units of "chưa báo cáo" just named (or counted): referred to, not named a second time.
  const missingCodes = new Set(ownMissing.filter((r) => !sentSome(r)).map((r) => r.unitCode));
  const amongMissing = noneCodes.length > 0 && noneCodes.every((code) => missingCodes.has(code));
  if (amongMissing && noneCodes.length === missingCodes.size && noneCodes.length > 1)
    clauses.push(T.missingHadLastYear(noun));
  else if (amongMissing && missing.length > MAX_LISTED_UNITS)
    clauses.push(T.someMissingHadLastYear(noneCodes.length, missingCodes.size, noun));
  else if (none.length) clauses.push(T.onlyLastYear(listNames(none), label));
  if (partial.length) clauses.push(T.partlyThisYear(listNames(partial), label));
  if (s.thisYearOnly?.length) {
    // A unit with last year's figures in other months of the period: which months lack them.
    const gapOf = new Map((s.thisYearGaps ?? []).map((g) => [g.unitCode, g.months]));
    const noteOf = (c: string) => {
      const gaps = gapOf.get(c);
      return gaps ? T.ytdGapOf(monthList(gaps)) : undefined;
    };
    clauses.push(T.onlyThisYear(listNames(s.thisYearOnly.map((c) => sentenceName(c, noteOf(c))))));
  }
  if (s.lastYearPartial?.length) {
    // Which old unit and months, as for the year to date: whom to ask for last year's report.
    const gapsOf = (c: string) => {
      const gaps = (s.lastYearFormerGaps ?? []).filter((g) => g.unitCode === c);
      return gaps.length ? gaps.map((g) => T.formerMonthsOf(g.former, monthList(g.months))).join('; ') : undefined;
    };
    clauses.push(T.formerLastYear(listNames(s.lastYearPartial.map((c) => sentenceName(c, gapsOf(c))))));
  }
  const onlyYtd = clauses.length === 0;
  if (s.ytdGaps?.length)
    clauses.push(
      T.ytdGaps(
        listNames(s.ytdGaps.map((g) => sentenceName(g.unitCode, T.ytdGapOf(monthList(g.months), g.former)))),
        pastLastMonth(s),
      ),
    );
  const caveat = !clauses.length
    ? ''
    : ` ${onlyYtd ? T.comparedWithoutYtd(clauses, pastLastMonth(s)) : T.comparedWithout(clauses)}`;
  // Cells typed wrong are left out of every figure below: said where the figures are read.
  const excluded = s.excludedCells
    ? ` ${T.excludedCells(s.excludedCells, listNames((s.excludedUnits ?? []).map((c) => sentenceName(c))))}`
    : '';
  // Figures that break an error-level rule are counted all the same: whose and where, before the figures.
  const errors = s.ruleErrors?.length
    ? ` ${T.ruleErrors(listNames(s.ruleErrors.map((u) => distinctName(u.label, u.unitCode, s.units, listPlaces(u.places)))))}`
    : '';
  return `${text}.${caveat}${excluded}${errors}`;
}

function comparison(diff: number | null, unit: string): string {
  if (diff === null) return '';
  if (formatNumberVi(Math.abs(diff)) === '0') return `, ${T.same}`; // also 0,001 → shown as 0
  const q = formatQuantity(Math.abs(diff), unit);
  return `, ${diff > 0 ? T.increase(q) : T.decrease(q)}`;
}

/**
 * `phrase` with {n} filled: the number and the unit ("trao {n} quà" → "trao 320 suất quà"), the
 * number alone when the phrase already says the unit right after {n} ("trao {n} suất quà").
 */
function filledPhrase(phrase: string, value: number, unit: string): string {
  const u = unit.trim().normalize('NFC').toLocaleLowerCase('vi');
  const after = phrase
    .slice(phrase.indexOf('{n}') + 3)
    .trimStart()
    .normalize('NFC')
    .toLocaleLowerCase('vi');
  const said = u !== '' && after.startsWith(u) && !/^[\p{L}\p{N}]/u.test(after.slice(u.length));
  return phrase.replace('{n}', said ? formatNumberVi(value) : formatQuantity(value, unit)).trim();
}

/**
 * ", tăng 21 hộ so cùng kỳ" — empty without last year; why not, when last year's figures begin
 * only in month `from` (of year `lastYear`).
 */
function clauseParts(
  ind: Indicator,
  value: number,
  diff: number | null,
  from: number | undefined,
  lastYear: number,
): { phrase: string; change: string } {
  return {
    phrase: filledPhrase(ind.phrase, value, ind.unit),
    change: diff === null && from ? `, ${T.notComparedFrom(lastYear, from)}` : comparison(diff, ind.unit),
  };
}

/**
 * How the indicators of a group hang together in a sentence:
 *  - a phrase starting with a continuation word ("trị giá", "với") continues the indicator just
 *    before it in the catalogue (the houses, the visits);
 *  - an indicator is a part of a total when a rule of the catalogue says the parts add up to
 *    ("==") or do not exceed ("<=") that one indicator, and the part comes after the total in the
 *    same group with the same unit, as "Trong đó" rows follow their total in a report form. The
 *    parts of one rule are one breakdown (by type, by field, by status).
 * Read from phrases, order and rules only, so a catalogue kept in the add-on's sheets (which has
 * no other columns) reads the same as catalogue.json.
 */
interface Relations {
  continues: Map<string, string>;
  partOf: Map<string, { total: string; breakdown: string }>;
  /** Breakdowns (by rule code) whose parts must add up to their total ("=="), with their parts. */
  exact: Map<string, string[]>;
}

function relations(catalogue: Catalogue): Relations {
  const continues = new Map<string, string>();
  const partOf = new Map<string, { total: string; breakdown: string; size: number }>();
  const exact = new Map<string, string[]>();
  const byCode = new Map<string, Indicator>();
  const position = new Map<string, number>();
  catalogue.indicators.forEach((ind, i) => {
    byCode.set(ind.code, ind);
    position.set(ind.code, i);
  });
  const previousInGroup = new Map<string, Indicator>();
  for (const ind of catalogue.indicators) {
    if (ind.kind === 'note') continue;
    const previous = previousInGroup.get(ind.group);
    if (previous && startsWithContinuation(ind)) continues.set(ind.code, previous.code);
    previousInGroup.set(ind.group, ind);
  }
  for (const rule of catalogue.rules) {
    if ((rule.operator !== '==' && rule.operator !== '<=') || rule.right.length !== 1) continue;
    const total = byCode.get(rule.right[0]);
    if (!total || total.kind === 'note') continue;
    const parts = rule.left.map((c) => byCode.get(c));
    const isPart = (p: Indicator | undefined): p is Indicator =>
      !!p &&
      p.group === total.group &&
      p.unit.trim() === total.unit.trim() &&
      p.kind !== 'note' &&
      (position.get(p.code) as number) > (position.get(total.code) as number);
    if (!parts.every(isPart)) continue;
    // Only "==" breakdowns must add up; "<=" ones ("trong đó đã giải quyết") are partial by nature.
    if (rule.operator === '==') exact.set(rule.code, [...rule.left]);
    for (const p of parts as Indicator[]) {
      // In several rules (đã giải quyết ≤ tổng; đã + đang ≤ tổng): the widest breakdown wins.
      const known = partOf.get(p.code);
      if (!known || known.size < parts.length)
        partOf.set(p.code, { total: total.code, breakdown: rule.code, size: parts.length });
    }
  }
  return { continues, partOf, exact };
}

function startsWithContinuation(ind: Indicator): boolean {
  const phrase = ind.phrase.trim().toLocaleLowerCase('vi');
  return T.continuations.some((w) => phrase.startsWith(`${w} `));
}

/**
 * A figure as said: its phrase, what continues it, its parts by breakdown, its comparison, and
 * whose figures it lacks for want of the indicator's row in their sheets ('' when none).
 */
interface Item {
  ind: Indicator;
  phrase: string;
  change: string;
  continuations: string[];
  breakdowns: Map<string, string[]>;
  lacks: string;
  /** Said instead of the breakdowns left out because their parts do not add up (dropUnbalanced). */
  mismatch?: string;
  /** Figures far out of line counted in it, said after its comparison ('' when none). */
  outliers: string;
  /** Said by its label, its total (or the figure it continues) blank: "có" goes before it. */
  alone?: boolean;
}

function itemText(item: Item): string {
  const parts = [...item.breakdowns.values()].map((b) => b.join(', ')).join('; ');
  // One bracket after the figure: whose figures it lacks, then its parts.
  const inside = [item.lacks, parts ? T.partsOf(parts) : '', item.mismatch ?? ''].filter(Boolean).join('; ');
  const withParts = inside ? `${item.phrase} (${inside})` : item.phrase;
  return [withParts + item.change + bracket(item.outliers), ...item.continuations].join(', ');
}

function bracket(text: string): string {
  return text ? ` (${text})` : '';
}

/** "chưa gồm số liệu của xã A và xã B vì …" for an indicator some units' sheets have no row of; '' for none. */
type LacksText = (sum: IndicatorSummary) => string;

/** "trong đó xã Sín Thầu 4.800 suất, số bất thường cần kiểm tra lại" for the outliers in a figure; '' for none. */
type OutliersText = (ind: Indicator, sum: IndicatorSummary) => string;

/** "Trong tháng 9/2018, toàn huyện có a; b, c." — "có" when the first clause starts with the number. */
function sentence(opening: string, scope: string, items: Item[]): string {
  const has = items[0].alone || items[0].ind.phrase.trim().startsWith('{n}') ? ` ${T.has}` : '';
  return `${opening}, ${scope}${has} ${items.map(itemText).join('; ')}.`;
}

interface Member {
  ind: Indicator;
  sum: IndicatorSummary;
}

/**
 * The clauses for the period's or the year-to-date figures. A figure is worth a
 * clause when it is not zero, or when it is zero after a positive figure last year
 * ("0 kiện mì tôm, giảm 40 kiện so cùng kỳ") — never "0 kiện mì tôm" alone.
 * A continuation is said only right after the figure it continues, a part only inside its
 * total: without them it would tell of something else ("6 suất quà …, trị giá 30 triệu
 * đồng") or read as one more kind of the total.
 */
function items(
  members: Member[],
  which: 'period' | 'ytd',
  rel: Relations,
  lastYear: number,
  lacksOf: LacksText,
  noun: string,
  outliersOf: OutliersText,
): Item[] {
  const out: Item[] = [];
  const said = new Map<string, Item>();
  // `bare`: inside a total's brackets, where figures are listed without "so cùng kỳ".
  // `lacks`: whose figures that figure lacks (rowMissing), not said again of what continues it.
  let last: { code: string; into: string[]; bare: boolean; lacks: string } | undefined;
  // A total (or a figure continued) blank in every unit: what hangs on it is said on its own.
  const blank = new Map<string, Indicator>();
  for (const { ind, sum } of members)
    if ((which === 'period' ? sum.period : sum.ytd) === null) blank.set(ind.code, ind);
  const alone = (ind: Indicator, v: number, change: string, lacks: string, outliers: string, anchor: Indicator) => {
    const phrase = T.withoutTotal(ind.label, formatQuantity(v, ind.unit));
    const item: Item = {
      ind,
      phrase,
      change,
      continuations: [],
      breakdowns: new Map(),
      lacks: [lacks, T.totalBlank(anchor.label)].filter(Boolean).join('; '),
      outliers,
      alone: true,
    };
    out.push(item);
    last = { code: ind.code, into: item.continuations, bare: false, lacks };
  };
  for (const { ind, sum } of members) {
    const v = which === 'period' ? sum.period : sum.ytd;
    const d = which === 'period' ? sum.change : sum.ytdChange;
    if (v === null || (v === 0 && !(d !== null && d < 0))) continue;
    const from = which === 'period' ? sum.lastYearPeriodFrom : sum.lastYearYtdFrom;
    const { phrase, change } = clauseParts(ind, v, d, from, lastYear);
    // A figure without some units' (their sheets have no row for it) says so where it is given,
    // unless the figure it continues, or the total it is a part of, has just said the same.
    const lacks = lacksOf(sum);
    const told = (already: string) => (lacks && lacks !== already ? `${phrase} (${lacks})` : phrase);
    // A figure far out of line counted in this one: said beside it, the leader reads no checks.
    const outliers = outliersOf(ind, sum);
    const continued = rel.continues.get(ind.code);
    if (continued !== undefined) {
      // Checked by code: the figure continued is the one just before in the catalogue.
      if (last?.code === continued && !(last.bare && v === 0))
        last.into.push(last.bare ? told(last.lacks) : told(last.lacks) + change + bracket(outliers));
      else if (v !== 0 && blank.has(continued))
        alone(ind, v, change, lacks, outliers, blank.get(continued) as Indicator);
      continue;
    }
    const part = rel.partOf.get(ind.code);
    if (part) {
      // Only a total said as a figure of its own has parts listed (not a part of another total).
      // A part is listed with its number only, as reports write "trong đó …": the comparisons of
      // every part between commas could not be told apart; a part of 0 says nothing there.
      const total = said.get(part.total);
      if (!total && v !== 0 && blank.has(part.total)) {
        alone(ind, v, change, lacks, outliers, blank.get(part.total) as Indicator);
        continue;
      }
      if (!total || v === 0) continue;
      const breakdown = total.breakdowns.get(part.breakdown) ?? [];
      total.breakdowns.set(part.breakdown, breakdown);
      breakdown.push(told(total.lacks));
      last = { code: ind.code, into: breakdown, bare: true, lacks };
      continue;
    }
    const item: Item = { ind, phrase, change, continuations: [], breakdowns: new Map(), lacks, outliers };
    out.push(item);
    said.set(ind.code, item);
    last = { code: ind.code, into: item.continuations, bare: false, lacks };
  }
  dropUnbalanced(out, members, which, rel, noun);
  return out;
}

/**
 * Leaves out of `said` each "==" breakdown whose parts, summed over the units (for `which`), do not
 * add up to their total: figures of units breaking the rule are counted all the same, so the parts
 * would say e.g. 675 + 301 + 285 = 1.261 inside "1.240 đơn thư". Left out rather than kept with a
 * caveat: a sentence is copied into reports without its caveat, and a breakdown that does not add up
 * is then published as fact; the bracket says instead why no parts are given and how many units'
 * figures do not add up, pointing to the checks that name them. Units whose sheet lacks the row of
 * the total or of a part (rowMissing) are left out of the check: the bracket says so already.
 */
function dropUnbalanced(said: Item[], members: Member[], which: 'period' | 'ytd', rel: Relations, noun: string): void {
  const sumOf = new Map(members.map((m) => [m.ind.code, m.sum]));
  for (const item of said) {
    if (!item.breakdowns.size) continue;
    const total = sumOf.get(item.ind.code) as IndicatorSummary;
    let units = -1;
    for (const breakdown of [...item.breakdowns.keys()]) {
      const parts = rel.exact.get(breakdown)?.map((c) => sumOf.get(c));
      if (!parts?.every((p) => p !== undefined)) continue;
      const b = balance(total, parts as IndicatorSummary[], which);
      if (b.balanced) continue;
      item.breakdowns.delete(breakdown);
      units = Math.max(units, b.units);
    }
    if (units >= 0) item.mismatch = T.partsMismatch(units, noun, item.breakdowns.size > 0);
  }
}

/**
 * Whether the parts' figures (an empty one as 0), summed over the units, add up to the total's, units
 * of a rowMissing of either left out; `units`: how many units' own parts do not add up to their total.
 */
function balance(
  total: IndicatorSummary,
  parts: IndicatorSummary[],
  which: 'period' | 'ytd',
): { balanced: boolean; units: number } {
  const value = (x: IndicatorSummary) => (which === 'period' ? x.period : x.ytd) ?? 0;
  const pick = (f: ReturnType<typeof unitFigures>, i: number) => (which === 'period' ? f.period(i) : f.ytd(i));
  const skip = new Set<string>(total.rowMissing ?? []);
  for (const p of parts) for (const code of p.rowMissing ?? []) skip.add(code);
  // Most breakdowns add up: then no unit is read (a province has thousands).
  if (!skip.size && nearlyEqual(tidy(parts.reduce((acc, p) => acc + value(p), 0)), tidy(value(total))))
    return { balanced: true, units: 0 };
  const t = unitFigures(total);
  const figures = parts.map(unitFigures);
  // Same units in the same order (one summary's indicators) share a source; else looked up by code.
  const at = figures.map((f) => {
    if (f.source === t.source) return (i: number) => i;
    const index = new Map<string, number>();
    for (let j = 0; j < f.length; j++) index.set(f.code(j), j);
    return (i: number) => index.get(t.code(i)) ?? -1;
  });
  let totalSum = value(total);
  let partsSum = parts.reduce((acc, p) => acc + value(p), 0);
  let units = 0;
  for (let i = 0; i < t.length; i++) {
    const own = pick(t, i);
    let acc = 0;
    let any = own !== null;
    for (let k = 0; k < figures.length; k++) {
      const j = at[k](i);
      const v = j < 0 ? null : pick(figures[k], j);
      if (v === null) continue;
      any = true;
      acc += v;
    }
    if (skip.has(t.code(i))) {
      totalSum -= own ?? 0;
      partsSum -= acc;
    } else if (any && !nearlyEqual(tidy(acc), own ?? 0)) units++;
  }
  return { balanced: nearlyEqual(tidy(partsSum), tidy(totalSum)), units };
}

function groupParagraph(
  label: string,
  members: Member[],
  s: SummaryCore,
  rel: Relations,
  lacksOf: LacksText,
  outliersOf: OutliersText,
  noun: string,
): string | null {
  const scope = s.settings.scopeLabel;
  const flows = members.filter((m) => m.ind.overMonths === 'sum');
  const stocks = members.filter((m) => m.ind.overMonths === 'last');
  const ytdOnly = isYearToDate(s.period);
  // A period that is over: its figures stop at its end, said so instead of "đến nay".
  const past = pastLastMonth(s);
  const lastMonth = periodMonths(s.period).at(-1) as number;
  const inPeriod = T.inPeriod(periodLabel(s.period));
  const lastYear = s.period.year - 1;
  const ytdItems = items(flows, 'ytd', rel, lastYear, lacksOf, noun, outliersOf);
  const periodItems = ytdOnly ? [] : items(flows, 'period', rel, lastYear, lacksOf, noun, outliersOf);
  // Nothing happened earlier in the year: say it once, as the year-to-date figure.
  const same = periodItems.map(itemText).join(';') === ytdItems.map(itemText).join(';');
  const parts: [string, Item[]][] = [
    // The period's flows, unless the period starts in January (then it equals year-to-date).
    [inPeriod, same ? [] : periodItems],
    [ytdOnly ? inPeriod : T.yearToDate(past ? PERIOD_TEXT.yearToMonth(lastMonth, s.period.year) : null), ytdItems],
    // Stocks: the latest figure up to the end of the period, against the same point last year.
    [T.soFar(past), items(stocks, 'ytd', rel, lastYear, lacksOf, noun, outliersOf)],
  ];
  const sentences = parts.filter(([, list]) => list.length).map(([opening, list]) => sentence(opening, scope, list));
  // A stock "so far" counts a unit's last figure even when it did not report in the period: say whose.
  const stockItems = parts[2][1];
  const carried = stockItems.length ? carriedUnits(stockItems, s) : { own: '', former: [] };
  // The figure "so far" is the period's last month's (in a month, the period's own): said of it.
  const last = periodLabel({ type: 'month', year: s.period.year, index: lastMonth });
  // Old units of merged ones counted with last year's figure (a stock left blank): said alike.
  const olds = stockItems.length ? carriedOldNames(s, saidStocks(stockItems, s)) : '';
  const named = [carried.own, olds].filter(Boolean).join('; ');
  if (named) sentences.push(T.carriedStocks(named, last, past !== null));
  // A merged unit that has not reported: its figure is its old units' of before the merger, said so.
  if (carried.former.length) sentences.push(T.carriedFromFormer(formerSourcesText(s, carried.former, last), past));
  return sentences.length ? `${label}: ${sentences.join(' ')}` : null;
}

/** A merged unit whose figure "so far" is its old units' (formerFigure). */
export interface FormerSource extends FormerFigure {
  unit: Pick<Unit, 'code' | 'name' | 'kind'>;
}

/**
 * "số tháng 6/2025 của các xã cũ Mường Toong, Huổi Lếch (nay là xã Mường Toong); xã Mường Toong
 * chưa có số liệu tháng 7/2025": merged units not reported, their figures so far said as their old
 * units', the units named (in a sentence) as those lacking `last`. The narrative and the summary's
 * note both say it so.
 */
export function formerSourcesText(
  s: Pick<SummaryCore, 'units' | 'period'>,
  former: readonly FormerSource[],
  last: string,
): string {
  const names = former.map((f) => namedIn(f.unit, s.units));
  const shown = former.slice(0, CARRIED_NAMES);
  const month = (m: number) => periodLabel({ type: 'month', year: s.period.year, index: m });
  const sources = shown.map((f, i) => {
    const kind = f.unit.kind.trim().toLocaleLowerCase('vi');
    // Stocks of different months: each said with its own, not all with the latest.
    return f.byIndicator
      ? T.formerStockByIndicator(
          f.byIndicator.map((b) => ({ month: month(b.month), labels: b.labels })),
          kind,
          f.formers,
          names[i],
        )
      : T.formerStock(month(f.month), kind, f.formers, names[i]);
  });
  return T.formerSources(sources, former.length - shown.length, listNames(names), last);
}

/**
 * Units whose "so far" figure of a said stock comes from before the period's last month, in
 * summary order: no figure in the period, or (several months) none for its last month. `former`:
 * merged units whose figure of every such stock is their old units' (formerFigure); `own`: the
 * others, by name.
 */
function carriedUnits(said: Item[], s: SummaryCore): { own: string; former: FormerSource[] } {
  // Per unit (in order met): the said stocks in which its figure so far is carried.
  const stocksOf = new Map<string, IndicatorSummary[]>();
  for (const item of said) {
    const sum = s.indicators.find((x) => x.code === item.ind.code);
    if (!sum) continue;
    for (const code of carriedCodes(sum)) {
      const stocks = stocksOf.get(code);
      if (stocks) stocks.push(sum);
      else stocksOf.set(code, [sum]);
    }
  }
  if (!stocksOf.size) return { own: '', former: [] };
  const byCode = new Map(s.units.map((u) => [u.code, u]));
  const own: string[] = [];
  const former: FormerSource[] = [];
  const count = saidStocks(said, s).length;
  for (const [code, stocks] of stocksOf) {
    const unit = byCode.get(code);
    const c = unit ? formerFigure(stocks, code) : null;
    // Carried in only some of the stocks said: its month said with them, not read as the others'.
    if (c && unit && !c.byIndicator && stocks.length < count)
      c.byIndicator = [{ month: c.month, labels: stocks.map((x) => x.label) }];
    if (c && unit) former.push({ unit, ...c });
    else own.push(code);
  }
  return { own: carriedNames(s, own, (code) => stocksOf.get(code) ?? [], count), former };
}

/**
 * Units (in the figures' order) whose figure so far of stock `sum` is from before the period's last
 * month: none in the period, or (several months) none for its last month. The narrative and every
 * rendering's marks read this one list, so that they never tell it differently.
 */
export function carriedCodes(sum: IndicatorSummary): string[] {
  // Only periods of several months list carriedUnits: else no set to look in, per unit.
  const carried = sum.carriedUnits?.length ? new Set(sum.carriedUnits) : null;
  const f = unitFigures(sum);
  const out: string[] = [];
  for (let i = 0; i < f.length; i++) {
    if (f.ytd(i) === null) continue;
    if (f.period(i) !== null && !carried?.has(f.code(i))) continue;
    out.push(f.code(i));
  }
  return out;
}

/**
 * "số tháng 12/2017": of which month a unit's carried figures over `stocks` are; when the stocks'
 * months differ, each month with its indicators ("số tháng 11/2017 đối với chỉ tiêu "…", số tháng
 * 12/2017 đối với chỉ tiêu "…""), so no month is read as another indicator's. '' unknown.
 */
function carriedMonthNote(
  s: Pick<SummaryCore, 'period'>,
  stocks: readonly IndicatorSummary[],
  code: string,
  count: number,
): string {
  const labelsOf = new Map<number, string[]>(); // year * 12 + month - 1, to sort → the stocks' labels
  for (const ind of stocks) {
    const last = ind.carriedFromLastYear?.find((x) => x.unitCode === code);
    const now = last ? undefined : ind.carriedMonths?.find((x) => x.unitCode === code);
    let key: number;
    if (last) key = (s.period.year - 1) * 12 + last.month - 1;
    else if (now) key = s.period.year * 12 + now.month - 1;
    else return '';
    const labels = labelsOf.get(key);
    if (!labels) labelsOf.set(key, [ind.label]);
    else if (!labels.includes(ind.label)) labels.push(ind.label);
  }
  return monthsNote(labelsOf, stocks.length < count);
}

/**
 * carriedMonthNote's text of the stocks' labels by month (year * 12 + month - 1): the indicators
 * named when the months differ, or when `some` (the unit's figures are carried in only some of the
 * stocks the sentence is about).
 */
function monthsNote(labelsOf: ReadonlyMap<number, string[]>, some: boolean): string {
  const months = [...labelsOf.keys()].sort((a, b) => a - b);
  const label = (m: number) => periodLabel({ type: 'month', year: Math.floor(m / 12), index: (m % 12) + 1 });
  if (months.length === 1 && !some) return T.lastYearStock(label(months[0]));
  return months.length
    ? T.stockMonthsByIndicator(months.map((m) => ({ month: label(m), labels: labelsOf.get(m) ?? [] })))
    : '';
}

/** The summaries of the stocks said. */
function saidStocks(said: Item[], s: SummaryCore): IndicatorSummary[] {
  const out: IndicatorSummary[] = [];
  for (const item of said) {
    const sum = s.indicators.find((x) => x.code === item.ind.code);
    if (sum) out.push(sum);
  }
  return out;
}

/**
 * Old units of merged units whose figure of last year the figures so far of `stocks` count
 * (carriedOldUnits), each with what it is now and its months: "xã B (nay thuộc xã AB, số tháng
 * 12/2026)"; '' none. The narrative and the summary's note both say it so.
 */
export function carriedOldNames(s: Pick<SummaryCore, 'period'>, stocks: readonly IndicatorSummary[]): string {
  const olds = new Map<string, { name: string; now: string; labelsOf: Map<number, string[]>; stocks: number }>();
  for (const sum of stocks) {
    for (const c of sum.carriedOldUnits ?? []) {
      const key = `${c.unitCode}\u0000${c.oldCode}`;
      let old = olds.get(key);
      if (!old) {
        old = { name: c.name, now: c.now, labelsOf: new Map(), stocks: 0 };
        olds.set(key, old);
      }
      old.stocks++;
      const month = (s.period.year - 1) * 12 + c.month - 1;
      const labels = old.labelsOf.get(month);
      if (!labels) old.labelsOf.set(month, [sum.label]);
      else labels.push(sum.label);
    }
  }
  const named = [...olds.values()].map((o) =>
    T.oldUnitStock(o.name, o.now, monthsNote(o.labelsOf, o.stocks < stocks.length)),
  );
  const shown = named.slice(0, CARRIED_NAMES);
  if (named.length > shown.length) shown.push(T.andOthers(named.length - shown.length));
  return shown.join('; ');
}

/**
 * Units whose figures so far are carried (`codes`, in order met; `stocksOf`: the stocks in which),
 * named as in a sentence and grouped by the month their figures are of: "xã A, xã B (số tháng
 * 12/2017); xã C (số tháng 1/2018)". Every unit named has its month, so no month is read as another
 * unit's. The narrative, the key table's note and the summary's line all say it so.
 */
export function carriedNames(
  s: Pick<SummaryCore, 'period' | 'units'>,
  codes: readonly string[],
  stocksOf: (code: string) => readonly IndicatorSummary[],
  /** How many stocks the sentence is about (a unit carried in fewer has its indicators named); 0: each unit's own. */
  count = 0,
): string {
  const byCode = new Map<string, Unit>();
  const wanted = new Set(codes);
  for (let i = 0; i < s.units.length; i++) if (wanted.has(s.units[i].code)) byCode.set(s.units[i].code, s.units[i]);
  const groups = new Map<string, string[]>();
  for (const code of codes) {
    const unit = byCode.get(code);
    const note = carriedMonthNote(s, stocksOf(code), code, count);
    const name = unit ? namedIn(unit, s.units) : code;
    const group = groups.get(note);
    if (group) group.push(name);
    else groups.set(note, [name]);
  }
  const all = [...groups];
  const shown = all.slice(0, CARRIED_NAMES);
  const rest = all.slice(shown.length).reduce((n, [, names]) => n + names.length, 0);
  const parts = shown.map(([note, names]) => (note ? `${listNames(names)} (${note})` : listNames(names)));
  if (rest) parts.push(T.andOthers(rest));
  return parts.join('; ');
}

/** Per indicator, whose figures it lacks (rowMissing) as said after it; units named as in a sentence. */
function lacksText(s: SummaryCore): LacksText {
  const codes = new Set<string>();
  for (const sum of s.indicators) for (const code of sum.rowMissing ?? []) codes.add(code);
  if (!codes.size) return () => '';
  const unitOf = new Map<string, Unit>();
  for (let i = 0; i < s.units.length; i++) if (codes.has(s.units[i].code)) unitOf.set(s.units[i].code, s.units[i]);
  const name = (code: string) => {
    const unit = unitOf.get(code);
    return unit ? namedIn(unit, s.units) : code;
  };
  return (sum) => (sum.rowMissing?.length ? T.rowMissing(listNames(sum.rowMissing.map(name))) : '');
}

/**
 * Per figure, the outliers (aggregate/outliers.ts) it counts, by unit: at most OUTLIER_NAMES units
 * with their figures, the rest counted. Every month of the period is in its total and year to
 * date; a stock's figure so far holds one only when it is still the unit's latest.
 */
function outliersText(s: SummaryCore): OutliersText {
  if (!s.indicators.some((sum) => sum.outliers?.length)) return () => '';
  const multiMonth = periodMonths(s.period).length > 1;
  return (ind, sum) => {
    let list = sum.outliers ?? [];
    if (!list.length) return '';
    if (ind.overMonths === 'last') {
      const f = unitFigures(sum);
      const latest = new Map<string, number | null>();
      for (let i = 0; i < f.length; i++) latest.set(f.code(i), f.ytd(i));
      list = list.filter((o) => latest.get(o.unitCode) === o.value);
      if (!list.length) return '';
    }
    const byUnit = new Map<string, string[]>();
    for (const o of list) {
      const said = formatQuantity(o.value, ind.unit) + (multiMonth ? ` ${T.month(o.month)}` : '');
      const figures = byUnit.get(o.unitCode);
      if (figures) figures.push(said);
      else byUnit.set(o.unitCode, [said]);
    }
    const unitOf = new Map<string, Unit>();
    for (let i = 0; i < s.units.length; i++) if (byUnit.has(s.units[i].code)) unitOf.set(s.units[i].code, s.units[i]);
    const named = [...byUnit].map(([code, figures]) => {
      const unit = unitOf.get(code);
      return `${unit ? namedIn(unit, s.units) : code} ${figures.join(', ')}`;
    });
    const shown = named.slice(0, OUTLIER_NAMES);
    const rest = named.length - shown.length;
    const names = rest > 0 ? `${shown.join(', ')} ${T.andOthers(rest)}` : T.joinAnd(shown);
    return T.outliers(names, list.length > 1);
  };
}
const OUTLIER_NAMES = 2;

/** "ô M45, ô M46, ô M47 và 2 ô khác": at most CARRIED_NAMES places of one unit. */
function listPlaces(places: string[]): string {
  const shown = places.slice(0, CARRIED_NAMES);
  const rest = places.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} ${T.andOtherPlaces(rest)}` : shown.join(', ');
}

/** "xã A, xã B và 3 đơn vị khác": at most CARRIED_NAMES names. */
export function listNames(names: string[]): string {
  const shown = names.slice(0, CARRIED_NAMES);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} ${T.andOthers(rest)}`;
  return T.joinAnd(shown);
}
const CARRIED_NAMES = 3;

/**
 * Units beyond which a list of the completeness sentence ("chưa báo cáo", "nộp muộn" …) is cut
 * to listNames: a district's 11 communes are always named in full.
 */
export const MAX_LISTED_UNITS = 12;

/** Single spaces, trimmed, without trailing punctuation (. ; ,). */
export function cleanNote(text: string): string {
  const clean = isCleanNote(text)
    ? text
    : text
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/[\s.;,]+$/, '');
  // "Không", "0", "-": the commune had nothing to say; not a difficulty to report upward.
  return clean.length <= 24 && NOTHING_TO_SAY.test(clean.normalize('NFC')) ? '' : clean;
}

/** Units with a note beyond which the narrative counts them instead of quoting them. */
export const MAX_NOTED_UNITS = 10;
/** Characters of a note the narrative quotes: at most MAX_NOTED_UNITS × this in a paragraph. */
export const NOTE_QUOTE_LENGTH = 300;
/** Characters of quoted notes in the paragraph: the notes of a year's months are not all quoted. */
export const NOTES_PARAGRAPH_LENGTH = 4000;

/** A note that says there is nothing: "Không", "không có", "Không có ý kiến", "0", "-", "x". */
const NOTHING_TO_SAY =
  /^(?:(?:không|ko|k|chưa)(?: có)?(?: (?:gì|ý kiến|kiến nghị|khó khăn|vướng mắc|đề xuất))?|0|-+|–|—|x|\/|n\/a)$/i;

/**
 * What cleanNote changes: whitespace other than a single space, spaces at either end, a double
 * space, or trailing punctuation. Most notes have none and are returned as they are after this
 * one (compiled, linear) test instead of three replacements.
 */
const UNCLEAN_NOTE = /[^\S ]| {2}|^ | $|[.;,]$/;

function isCleanNote(text: string): boolean {
  return !UNCLEAN_NOTE.test(text);
}

/** The "month" of a remark quoted as a note: it is the row's for the year. */
const REMARK_MONTH = 0;

/**
 * The remarks beside the note row of `ind` ("Ghi chú" column): a commune's request written one
 * column over is quoted with the notes, marked "(ghi ở cột Ghi chú)", after them.
 */
function remarkNotes(
  ind: Indicator,
  s: SummaryCore,
): { unitCode: string; unitName: string; month: number; text: string }[] {
  const out: { unitCode: string; unitName: string; month: number; text: string }[] = [];
  for (const r of s.remarks ?? []) {
    if (r.indicatorCode !== ind.code) continue;
    const text = cleanNote(r.text);
    if (text) out.push({ unitCode: r.unitCode, unitName: r.unitName, month: REMARK_MONTH, text });
  }
  return out;
}

function notesParagraph(ind: Indicator, sum: IndicatorSummary, s: SummaryCore, noun: string): string | null {
  // Each note's cleaned text ('' when it says nothing) and the units with a note or a remark, first:
  // at national scale thousands write one, and the paragraph then only counts them. A remark left
  // out below repeats a note of its unit, so every remark's unit is among those with a note.
  const all = sum.notes ?? [];
  const texts: string[] = [];
  const noted = new Set<string>();
  for (let i = 0; i < all.length; i++) {
    texts.push(cleanNote(all[i].text));
    if (texts[i]) noted.add(all[i].unitCode);
  }
  const remarks = remarkNotes(ind, s);
  for (const r of remarks) noted.add(r.unitCode);
  if (!noted.size) return null;
  // Many notes make one paragraph taller than the rest of the report: every rendering lists them
  // all in their own section, so the narrative then only says how many units wrote one.
  if (noted.size > MAX_NOTED_UNITS) return T.manyNotes(T.notesOf(ind.label, noun), noted.size, noun);
  const cleaned: { unitCode: string; unitName: string; month: number; text: string }[] = [];
  for (let i = 0; i < all.length; i++) if (texts[i]) cleaned.push({ ...all[i], text: texts[i] });
  // A unit's same text in several months is quoted once, with its months.
  const notes: { unitCode: string; unitName: string; month: number; months?: number[]; text: string }[] = sameNotes(
    cleaned,
    (n) => n.text,
  );
  // A remark that repeats one of its unit's notes of the period (copied one column over) is that note.
  const said = new Set(cleaned.map((n) => `${n.unitCode}\u0000${n.text}`));
  for (const r of remarks) if (!said.has(`${r.unitCode}\u0000${r.text}`)) notes.push(r);
  const multiMonth = periodMonths(s.period).length > 1;
  // Only the units with a note (a few among thousands) are kept for look-up; a later unit of
  // the same code wins, as in a map of all units.
  const unitOf = new Map<string, (typeof s.units)[number]>();
  for (let i = 0; i < s.units.length; i++) if (noted.has(s.units[i].code)) unitOf.set(s.units[i].code, s.units[i]);
  let clipped = false;
  const parts: string[] = [];
  let used = 0;
  for (const n of notes) {
    const unit = unitOf.get(n.unitCode);
    const month = n.month === REMARK_MONTH ? T.remarkNote : multiMonth ? T.months(n.months ?? [n.month]) : undefined;
    const name = unit ? namedIn(unit, s.units, month) : namedUnit(n.unitName, null, month);
    // A few long notes would make the paragraph the report's longest (and overflow a cell): quoted
    // in part, and (a year's months of each unit) up to NOTES_PARAGRAPH_LENGTH in all; the notes
    // section has them in full.
    const text = clipText(n.text, NOTE_QUOTE_LENGTH);
    const part = `${name}: ${text}`;
    if (parts.length && used + part.length > NOTES_PARAGRAPH_LENGTH) break;
    if (text !== n.text) clipped = true;
    parts.push(part);
    used += part.length + 2;
  }
  const rest = notes.length - parts.length;
  const tail = rest ? ` ${T.moreNotesQuoted(rest)}` : clipped ? ` ${T.notesQuoted}` : '';
  return `${T.notesOf(ind.label, noun)}: ${parts.join('; ')}${tail}.`;
}

export function narrate(summary: SummaryCore, catalogue: Catalogue): string[] {
  const noun = unitsNoun(summary.units);
  const paragraphs = [completenessParagraph(summary, noun)];
  const byCode = new Map(summary.indicators.map((i) => [i.code, i]));
  const rel = relations(catalogue);
  const lacksOf = lacksText(summary);
  const outliersOf = outliersText(summary);
  let anyData = false;
  for (const group of catalogue.groups) {
    const members = catalogue.indicators
      .filter((ind) => ind.group === group.code && ind.kind !== 'note' && byCode.has(ind.code))
      .map((ind) => ({ ind, sum: byCode.get(ind.code) as IndicatorSummary }));
    const p = groupParagraph(group.label, members, summary, rel, lacksOf, outliersOf, noun);
    if (p) {
      paragraphs.push(p);
      anyData = true;
    }
  }
  for (const ind of catalogue.indicators) {
    const sum = byCode.get(ind.code);
    if (ind.kind !== 'note' || !sum) continue;
    const p = notesParagraph(ind, sum, summary, noun);
    if (p) {
      paragraphs.push(p);
      anyData = true;
    }
  }
  if (!anyData) paragraphs.push(T.noData(periodLabel(summary.period)));
  // Invalid cells left out and figures with errors are said in the first paragraph, before the
  // figures (the narrative is the text pasted into the report sent upward).
  return paragraphs;
}
