/**
 * "Chỉ tiêu" (the indicators) and "Quy tắc" (the validation rules between them): the default sheets
 * Thiết lập writes, and reading both into the engine's Catalogue, every wrong cell named; a rule
 * naming an indicator no longer listed is left out with a warning.
 */

import { CatalogueSchema, parseCatalogue } from '../../engine/catalogue/schema';
import type { SheetModel } from '../../engine/report/model';
import { LAYOUT } from '../../engine/sheet/layout';
import type { Catalogue, Grid, Indicator, ValidationRule } from '../../engine/types';
import { CONFIG, INDICATORS_HEADER, RULES_HEADER, SETTING_LABELS, SHEETS, WORDS } from '../../messages/vi/gas';
import { fieldLabel, SCHEMA_TEXT } from '../../messages/vi/schema';
import { CATALOGUE_VERSION } from '../config-defaults';
import { a1, cellList, cellNumber, cellText, headerIndex, normalizeName } from '../util';
import {
  blankRow,
  firsts,
  fromWord,
  type Located,
  missingColumns,
  OPERATOR_TEXT,
  OPERATOR_WORDS,
  operatorOf,
  problemOf,
  tableModel,
  withoutFailedCells,
  wordOf,
  yesNo,
} from './cells';

export function indicatorsModel(cat: Catalogue): SheetModel {
  const h = INDICATORS_HEADER;
  const groupLabel = new Map(cat.groups.map((g) => [g.code, g.label]));
  const ordered = cat.groups.flatMap((g) => cat.indicators.filter((i) => i.group === g.code));
  return tableModel(
    SHEETS.indicators,
    [h.groupCode, h.groupLabel, h.code, h.label, h.unit, h.kind, h.overMonths, h.phrase, h.key, h.max],
    ordered.map((i) => [
      i.group,
      groupLabel.get(i.group) ?? '',
      i.code,
      i.label,
      i.unit,
      wordOf(WORDS.kind, i.kind),
      wordOf(WORDS.overMonths, i.overMonths),
      i.phrase,
      i.key ? WORDS.yes[0] : '',
      i.max ?? '',
    ]),
    [9, 30, 22, 48, 11, 13, 15, 50, 9, 10],
  );
}

export function rulesModel(cat: Catalogue): SheetModel {
  const h = RULES_HEADER;
  return tableModel(
    SHEETS.rules,
    [h.code, h.left, h.operator, h.right, h.importance, h.message, h.missing],
    cat.rules.map((r) => [
      r.code,
      r.left.join(' + '),
      OPERATOR_TEXT[r.operator],
      r.right.join(' + '),
      wordOf(WORDS.importance, r.importance),
      r.message,
      r.missing ? wordOf(WORDS.missing, r.missing) : '',
    ]),
    [20, 40, 8, 26, 10, 60, 12],
  );
}

export function readCatalogueGrids(
  typedInd: Grid,
  typedRule: Grid,
  title: string,
  titleCell: string | undefined,
  given: Located,
  dropped?: Located,
  keeper?: string,
): Catalogue | undefined {
  const IS = SHEETS.indicators;
  const RS = SHEETS.rules;
  const IH = INDICATORS_HEADER;
  const RH = RULES_HEADER;
  const ind = withoutFailedCells(typedInd, IS, IH, given);
  const rul = withoutFailedCells(typedRule, RS, RH, given);
  const indGrid = ind.grid;
  const ruleGrid = rul.grid;
  const log = rul.skip(ind.skip(given));
  const iIdx = headerIndex(indGrid[0] ?? [], IH);
  const rIdx = headerIndex(ruleGrid[0] ?? [], RH);
  const missing = [
    ...missingColumns(IS, iIdx, IH, [
      'groupCode',
      'groupLabel',
      'code',
      'label',
      'unit',
      'kind',
      'overMonths',
      'phrase',
    ]),
    ...missingColumns(RS, rIdx, RH, ['code', 'left', 'operator', 'right', 'importance', 'message']),
  ];
  if (missing.length) {
    log.errors.push(...missing);
    return undefined;
  }
  const groups: { code: string; label: string }[] = [];
  const groupCells: Record<string, string>[] = [];
  const indicators: Indicator[] = [];
  const indCells: Record<string, string>[] = [];
  const firstCode = new Map<string, string>();
  for (let r = 1; r < indGrid.length; r++) {
    const row = indGrid[r];
    if (blankRow(row)) continue;
    const get = (k: keyof typeof IH) => (iIdx[k] >= 0 ? row[iIdx[k]] : '');
    const cell = (k: keyof typeof IH) => a1(r + 1, Math.max(iIdx[k], 0) + 1);
    const c: Record<string, string> = {};
    for (const k of Object.keys(IH) as (keyof typeof IH)[]) c[k] = cell(k);
    c.group = c.groupCode;
    const groupCode = cellText(get('groupCode'));
    const groupLabel = cellText(get('groupLabel'));
    const g = groups.find((x) => x.code === groupCode);
    if (!g) {
      groups.push({ code: groupCode, label: groupLabel });
      groupCells.push({ code: c.groupCode, label: c.groupLabel });
    } else if (groupLabel && !g.label) {
      g.label = groupLabel;
    } else if (groupLabel && normalizeName(groupLabel) !== normalizeName(g.label)) {
      log.at(IS, c.groupLabel, IH.groupLabel, CONFIG.groupLabelConflict(groupCode, g.label));
    }
    const kindWords = Object.values(WORDS.kind).map((w) => w[0]);
    const kind = fromWord(WORDS.kind, get('kind'));
    if (!kind) log.at(IS, c.kind, IH.kind, CONFIG.notOneOf(kindWords));
    const over = fromWord(WORDS.overMonths, get('overMonths'));
    if (!over) log.at(IS, c.overMonths, IH.overMonths, CONFIG.notOneOf(firsts(WORDS.overMonths)));
    const key = iIdx.key >= 0 ? yesNo(get('key')) : false;
    if (key === undefined) log.at(IS, c.key, IH.key, CONFIG.notYesNo);
    const maxText = cellText(get('max'));
    const max = maxText ? cellNumber(get('max')) : undefined;
    if (max !== undefined && Number.isNaN(max)) log.at(IS, c.max, IH.max, CONFIG.notNumber);
    const ind: Indicator = {
      code: cellText(get('code')),
      group: groupCode,
      label: cellText(get('label')),
      unit: cellText(get('unit')),
      kind: kind ?? 'count',
      overMonths: over ?? 'sum',
      overUnits: 'sum',
      phrase: cellText(get('phrase')),
    };
    if (key) ind.key = true;
    if (max !== undefined && !Number.isNaN(max)) ind.max = max;
    if (ind.code === LAYOUT.submittedCode) log.at(IS, c.code, IH.code, CONFIG.reserved(ind.code));
    const first = firstCode.get(ind.code);
    if (ind.code && first) log.at(IS, c.code, IH.code, CONFIG.duplicate(CONFIG.what.indicatorCode, ind.code, first));
    else if (ind.code) firstCode.set(ind.code, c.code);
    indicators.push(ind);
    indCells.push(c);
  }

  const rules: ValidationRule[] = [];
  const ruleCells: Record<string, string>[] = [];
  const firstRule = new Map<string, string>();
  const kindOf = new Map(indicators.map((i) => [i.code, i.kind]));
  for (let r = 1; r < ruleGrid.length; r++) {
    const row = ruleGrid[r];
    if (blankRow(row)) continue;
    const get = (k: keyof typeof RH) => (rIdx[k] >= 0 ? row[rIdx[k]] : '');
    const c: Record<string, string> = {};
    for (const k of Object.keys(RH) as (keyof typeof RH)[]) c[k] = a1(r + 1, Math.max(rIdx[k], 0) + 1);
    const op = operatorOf(get('operator'));
    if (!op) log.at(RS, c.operator, RH.operator, CONFIG.notOneOf(OPERATOR_WORDS));
    const importance = fromWord(WORDS.importance, get('importance'));
    if (!importance) log.at(RS, c.importance, RH.importance, CONFIG.notOneOf(firsts(WORDS.importance)));
    const missingText = cellText(get('missing'));
    const missing = missingText ? fromWord(WORDS.missing, get('missing')) : undefined;
    if (missingText && !missing) log.at(RS, c.missing, RH.missing, CONFIG.notOneOf(firsts(WORDS.missing)));
    const rule: ValidationRule = {
      code: cellText(get('code')),
      left: cellList(get('left'), /[+,;\s]+/),
      operator: op ?? '==',
      right: cellList(get('right'), /[+,;\s]+/),
      importance: importance ?? 'error',
      message: cellText(get('message')),
    };
    if (missing) rule.missing = missing;
    const first = firstRule.get(rule.code);
    if (rule.code && first) log.at(RS, c.code, RH.code, CONFIG.duplicate(CONFIG.what.ruleCode, rule.code, first));
    else if (rule.code) firstRule.set(rule.code, c.code);
    for (const code of new Set(rule.right.filter((x) => rule.left.includes(x))))
      log.at(RS, c.right, RH.right, CONFIG.sameBothSides(code, c.left));
    let unknown = false;
    for (const side of ['left', 'right'] as const) {
      for (const code of rule[side]) {
        if (!kindOf.has(code)) {
          unknown = true;
          // An indicator deleted from "Chỉ tiêu", its rule forgotten: with `dropped`, the rule is left
          // out and said, so that no commune is kept from submitting by a sheet only the district edits.
          if (dropped) dropped.at(RS, c[side], RH[side], CONFIG.ruleDropped(code, rule.code, keeper));
          else log.at(RS, c[side], RH[side], CONFIG.unknownIndicator(code));
        } else if (kindOf.get(code) === 'note') log.at(RS, c[side], RH[side], CONFIG.noteInRule(code));
      }
    }
    if (unknown && dropped) continue;
    rules.push(rule);
    ruleCells.push(c);
  }

  const cat: Catalogue = { version: CATALOGUE_VERSION, title, groups, indicators, rules };
  const parsed = CatalogueSchema.safeParse(cat);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [list, i, field] = issue.path;
      let sheet: string = IS;
      let cell: string | undefined;
      let label = '';
      if (list === 'title') {
        sheet = SHEETS.settings;
        cell = titleCell;
        label = SETTING_LABELS.title;
      } else if (typeof i === 'number' && typeof field === 'string') {
        if (list === 'groups') {
          cell = groupCells[i]?.[field];
          label = field === 'code' ? IH.groupCode : IH.groupLabel;
        } else if (list === 'indicators') {
          cell = indCells[i]?.[field];
          label = IH[field as keyof typeof IH] ?? fieldLabel(field);
        } else if (list === 'rules') {
          sheet = RS;
          cell = ruleCells[i]?.[field];
          label = RH[field as keyof typeof RH] ?? fieldLabel(field);
        }
      } else if (list === 'rules') sheet = RS;
      if (cell) {
        if (log.errors.some((e) => e.startsWith(CONFIG.where(sheet, cell as string)))) continue;
        log.at(sheet, cell, label, problemOf(issue));
      } else {
        log.errors.push(`${sheet}: ${SCHEMA_TEXT.where(issue.path, cat)}${problemOf(issue)}`);
      }
    }
    return undefined;
  }
  if (log.errors.length) return undefined;
  const r = parseCatalogue(cat, `${IS}/${RS}`);
  if (!r.ok) {
    log.errors.push(...r.errors);
    return undefined;
  }
  return r.value;
}
