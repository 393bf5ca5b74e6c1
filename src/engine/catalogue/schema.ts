/**
 * Schemas for the data users may change (indicators, rules, units, settings).
 * zod/mini keeps the Apps Script bundle small. Every error comes back in Vietnamese
 * with the place it was found.
 */
import * as z from 'zod/mini';
import { SCHEMA_TEXT as T } from '../../messages/vi/schema';
import { isRealIsoDate } from '../periods/cutoff';
import { unitDisplayName } from '../sheet/layout';
import { nearest } from '../text/nearest';
import { normalizeName } from '../text/normalize';
import type { Catalogue, Settings, Unit } from '../types';
import { codeList, isoFromDateText } from './config-values';

const code = z.string().check(z.minLength(1), z.regex(/^[A-Za-z0-9_.-]+$/, { message: T.badCode }));
const text = z.string().check(z.minLength(1));
/**
 * A real calendar date, typed "2025-07-01" or, as the add-on's sheets take it, "01/07/2025"
 * (read as "2025-07-01"); "2025-02-30" told as such, in one message.
 */
const isoDate = z.string().check(
  z.overwrite((t) => isoFromDateText(t) ?? t),
  z.refine(isRealIsoDate, { message: T.notRealDate }),
);
/**
 * A time zone the runtime knows ("Asia/Ho_Chi_Minh"): an unknown one would silently count days
 * in UTC+7 (cutoff.ts's fallback). Without Intl (no way to tell) any name is accepted.
 */
export function isKnownTimeZone(tz: string): boolean {
  if (typeof Intl === 'undefined' || typeof Intl.DateTimeFormat !== 'function') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
// An empty name gets only "không được để trống".
const timeZone = z.string().check(
  z.minLength(1),
  z.refine((tz) => tz === '' || isKnownTimeZone(tz), { message: T.unknownTimeZone }),
);

/** The "{…}" of a phrase other than {n} (which alone is filled), each once: "{n2}", "{so}". */
export function otherPlaceholders(phrase: string): string[] {
  const all: string[] = phrase.match(/\{[^{}]*\}/g) ?? [];
  return [...new Set(all.filter((p) => p !== '{n}'))];
}

export const IndicatorSchema = z.object({
  code,
  group: code,
  label: text,
  unit: z.string(),
  kind: z.enum(['count', 'amount', 'note']),
  overMonths: z.enum(['sum', 'last']),
  overUnits: z.enum(['sum']), // not z.literal: the same issue, one zod class less in the add-on
  phrase: z.string().check(
    z.regex(/\{n\}/, { message: T.noPlaceholder }),
    // Only {n} is filled: any other "{…}" ("{n2}", "{so}") would be printed as typed in the report.
    z.superRefine((phrase, ctx) => {
      const other = otherPlaceholders(phrase);
      if (other.length) ctx.addIssue({ code: 'custom', message: T.unknownPlaceholder(other), input: phrase });
      else if (phrase.split('{n}').length > 2)
        ctx.addIssue({ code: 'custom', message: T.placeholderTwice, input: phrase });
    }),
  ),
  key: z.optional(z.boolean()),
  max: z.optional(z.number().check(z.gte(0))),
});

export const RuleSchema = z.object({
  code,
  left: z.array(code).check(z.minLength(1)),
  operator: z.enum(['==', '!=', '<=', '<', '>=', '>']),
  // Empty: the left side would be compared with 0 and every correct report refused (rules.ts).
  right: z.array(code).check(z.refine((a) => a.length > 0, { message: T.emptyRight })),
  importance: z.enum(['error', 'warning']),
  message: text,
  missing: z.optional(z.enum(['skipIfAnySideMissing', 'treatAsZero'])),
});

export const CatalogueSchema = z.object({
  version: z.number(),
  title: text,
  groups: z.array(z.object({ code, label: text })).check(z.minLength(1)),
  indicators: z.array(IndicatorSchema).check(z.minLength(1)),
  rules: z.array(RuleSchema),
});

export const UnitSchema = z.object({
  code,
  name: text,
  kind: z.string(),
  // The CLI sends to --to/"recipients", never to a unit: a province's list of 100 communes need not
  // write "emails": [] 100 times.
  emails: z.pipe(
    z.transform((v: unknown) => v ?? []),
    z.array(z.email()),
  ),
  spreadsheetUrl: z.optional(z.string()),
  // A merge date without old codes: said as such (the date makes the codes required; no merger,
  // no date), not as a bare "không được để trống" that hides why.
  succession: z.optional(
    z.object({
      from: isoDate,
      // "sin-thau, sen-thuong" as the add-on's cell takes it, or a list.
      predecessors: z.pipe(
        z.transform((v: unknown) => (typeof v === 'string' ? codeList(v) : v)),
        z.array(code).check(z.refine((a) => a.length > 0, { message: T.predecessorsRequired })),
      ),
    }),
  ),
});

/**
 * An old unit of a merger (2025), listed in the units file only to be named in messages: it
 * reports no more, so it has no e-mails. `kind` may be left out ("xã" is then not said).
 */
export const FormerUnitSchema = z.object({ code, name: text, kind: z.optional(z.string()) });

export const UnitsSchema = z.object({
  units: z.array(UnitSchema).check(z.minLength(1)),
  formerUnits: z.optional(z.array(FormerUnitSchema)),
});

export const SettingsSchema = z.object({
  aggregatingUnitName: text,
  level: text,
  scopeLabel: text,
  organisation: text,
  cutoffDay: z.int().check(z.gte(1), z.lte(28)),
  submitDays: z.int().check(z.gte(0), z.lte(60)),
  submitWorkingDays: z.boolean(),
  holidays: z.optional(z.array(isoDate)),
  recipients: z.array(z.email()),
  sendDay: z.int().check(z.gte(1), z.lte(28)),
  sendHour: z.int().check(z.gte(0), z.lte(23)),
  reminders: z.boolean(),
  reminderDaysBefore: z.int().check(z.gte(0), z.lte(27)),
  timeZone,
});

export type Result<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Turn zod issues on a JSON file's `data` into Vietnamese sentences naming the place by the
 * file's keys and their meaning, and the value written there ('Chỉ tiêu thứ 3 (mã X), "max"
 * (giá trị tối đa): -1 phải …').
 */
export function describeIssues(issues: z.core.$ZodIssue[], source: string, data: unknown): string[] {
  return issues.map(
    (issue) => `${source}: ${T.jsonWhere(issue.path, data)}${T.jsonProblem(issue, valueAt(data, issue.path))}`,
  );
}

/** The value at `path` of `data` as the file has it (before "01/07/2025" is read as a date). */
function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Object.getOwnPropertyDescriptor(cur, p)?.value;
  }
  return cur;
}

/**
 * `data` with every text trimmed and in NFC: a name copied with a trailing space ("Chung Chải ")
 * or typed on a Mac (NFD) reaches no output as it is, and an e-mail address or time zone with a
 * space after it is read as the one meant. Both shells' configurations go through here.
 */
export function cleanTexts(data: unknown): unknown {
  if (typeof data === 'string') return data.normalize('NFC').trim();
  if (Array.isArray(data)) return data.map(cleanTexts);
  if (data === null || typeof data !== 'object' || Object.getPrototypeOf(data) !== Object.prototype) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data))
    Object.defineProperty(out, k, { value: cleanTexts(v), enumerable: true, writable: true, configurable: true });
  return out;
}

function check<T>(schema: z.ZodMiniType, data: unknown, source: string): Result<T> {
  const clean = cleanTexts(data);
  // reportInput: so a wrong type ("abc" for a number) is told apart from a missing field.
  const parsed = schema.safeParse(clean, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: describeIssues(parsed.error.issues, source, clean) };
  return { ok: true, value: parsed.data as T };
}

/** The fields `schema` (objects, arrays, optionals of them) knows at each place of `data`. */
interface SchemaDef {
  type?: string;
  shape?: Record<string, { _zod?: { def?: SchemaDef } }>;
  element?: { _zod?: { def?: SchemaDef } };
  innerType?: { _zod?: { def?: SchemaDef } };
}

function walkUnknown(def: SchemaDef | undefined, data: unknown, path: PropertyKey[], out: PropertyKey[][]): void {
  if (!def) return;
  if (def.type === 'optional') {
    walkUnknown(def.innerType?._zod?.def, data, path, out);
    return;
  }
  if (def.type === 'array' && Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) walkUnknown(def.element?._zod?.def, data[i], [...path, i], out);
    return;
  }
  if (def.type !== 'object' || !def.shape || data === null || typeof data !== 'object' || Array.isArray(data)) return;
  for (const [k, v] of Object.entries(data)) {
    const known = Object.getOwnPropertyDescriptor(def.shape, k)?.value as { _zod?: { def?: SchemaDef } } | undefined;
    if (known) walkUnknown(known._zod?.def, v, [...path, k], out);
    else out.push([...path, k]);
  }
}

/** Field names compared without case or punctuation ("former_units" = "formerUnits"). */
const foldField = (t: string) => t.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Fields of a JSON file its schema does not know ("formerUnit" for "formerUnits", "submitDay"):
 * zod drops them without a word, so the setting meant is silently not used. One warning each,
 * naming the place and the field probably meant. `kind`: which file.
 */
export function unknownFields(kind: 'catalogue' | 'units' | 'settings', data: unknown, source: string): string[] {
  const schema = kind === 'catalogue' ? CatalogueSchema : kind === 'units' ? UnitsSchema : SettingsSchema;
  const paths: PropertyKey[][] = [];
  walkUnknown(schema._zod.def as SchemaDef, data, [], paths);
  return paths.map((path) => {
    const key = String(path[path.length - 1]);
    const parent = path.slice(0, -1);
    let def: SchemaDef | undefined = schema._zod.def as SchemaDef;
    for (const p of parent) {
      while (def?.type === 'optional') def = def.innerType?._zod?.def;
      def = typeof p === 'number' ? def?.element?._zod?.def : def?.shape?.[String(p)]?._zod?.def;
    }
    while (def?.type === 'optional') def = def.innerType?._zod?.def;
    const near = nearest(key, Object.keys(def?.shape ?? {}), foldField);
    return `${source}: ${T.jsonWhere(parent, data)}${T.unknownField(key, near)}`;
  });
}

function duplicates(codes: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const c of codes) (seen.has(c) ? dup : seen).add(c);
  return [...dup];
}

export function parseCatalogue(data: unknown, source = 'catalogue.json'): Result<Catalogue> {
  const r = check<Catalogue>(CatalogueSchema, data, source);
  if (!r.ok) return r;
  const cat = r.value;
  const errors: string[] = [];
  const codes = new Set(cat.indicators.map((i) => i.code));
  const groups = new Set(cat.groups.map((g) => g.code));
  for (const d of duplicates(cat.indicators.map((i) => i.code))) errors.push(`${source}: ${T.duplicateIndicator(d)}`);
  for (const d of duplicates(cat.groups.map((g) => g.code))) errors.push(`${source}: ${T.duplicateGroup(d)}`);
  for (const d of duplicates(cat.rules.map((g) => g.code))) errors.push(`${source}: ${T.duplicateRule(d)}`);
  for (const i of cat.indicators)
    if (!groups.has(i.group)) errors.push(`${source}: ${T.unknownGroup(i.code, i.group)}`);
  if (codes.has('NGAY_NOP')) errors.push(`${source}: ${T.reservedCode('NGAY_NOP')}`);
  for (const rule of cat.rules) {
    for (const c of new Set(rule.left.filter((x) => rule.right.includes(x))))
      errors.push(`${source}: ${T.sameCodeBothSides(rule.code, c)}`);
    for (const c of [...rule.left, ...rule.right]) {
      if (!codes.has(c)) errors.push(`${source}: ${T.unknownRuleIndicator(rule.code, c)}`);
      else if (cat.indicators.find((i) => i.code === c)?.kind === 'note')
        errors.push(`${source}: ${T.noteInRule(rule.code, c)}`);
    }
  }
  return errors.length ? { ok: false, errors } : r;
}

/** A catalogue file: the catalogue, and what was left out of it with a warning. */
export interface CatalogueFile {
  catalogue: Catalogue;
  /** Rules left out for naming an indicator not in the catalogue (Vietnamese, with `source`). */
  warnings: string[];
}

/**
 * parseCatalogue for a catalogue file (the CLI's --catalogue), as the add-on reads "Quy tắc": a
 * rule naming an indicator not in the catalogue (an indicator removed, its rule forgotten) is left
 * out with a warning naming the rule and the code, not the whole file refused; every other mistake
 * is an error as in parseCatalogue.
 */
export function parseCatalogueFile(data: unknown, source = 'catalogue.json'): Result<CatalogueFile> {
  const r = check<Catalogue>(CatalogueSchema, data, source);
  if (!r.ok) return r;
  const codes = new Set(r.value.indicators.map((i) => i.code));
  const warnings: string[] = [];
  const keep = r.value.rules.map((rule) => {
    const unknown = [...new Set([...rule.left, ...rule.right])].filter((c) => !codes.has(c));
    if (unknown.length) warnings.push(`${source}: ${T.ruleDropped(rule.code, unknown)}`);
    return !unknown.length;
  });
  if (!warnings.length) {
    const p = parseCatalogue(data, source);
    return p.ok ? { ok: true, value: { catalogue: p.value, warnings } } : p;
  }
  // The file's own rules, those kept (zod keeps the array's order), checked as ever.
  const raw = data as { rules: unknown[] };
  const p = parseCatalogue({ ...raw, rules: raw.rules.filter((_, i) => keep[i]) }, source);
  return p.ok ? { ok: true, value: { catalogue: p.value, warnings } } : p;
}

export function parseUnits(data: unknown, source = 'units.json'): Result<Unit[]> {
  const r = check<{ units: Unit[] }>(UnitsSchema, data, source);
  if (!r.ok) return r;
  const errors = duplicates(r.value.units.map((u) => u.code)).map((d) => `${source}: ${T.duplicateUnit(d)}`);
  return errors.length ? { ok: false, errors } : { ok: true, value: r.value.units };
}

/**
 * Pairs of units (indices: each later one with the first of its name) shown under one name
 * ("Xã Chung Chải" of two districts): outputs could not tell them apart.
 */
export function sameNames(units: readonly Pick<Unit, 'name' | 'kind'>[]): [number, number][] {
  const first = new Map<string, number>();
  const out: [number, number][] = [];
  units.forEach((u, i) => {
    if (!u.name) return;
    const key = normalizeName(unitDisplayName(u));
    const at = first.get(key);
    if (at === undefined) first.set(key, i);
    else out.push([at, i]);
  });
  return out;
}

/** A units file: the units, and the old units of their mergers named (`formerUnits`, optional). */
export interface UnitsFile {
  units: Unit[];
  /** As units (no e-mails), for the engine's `formerUnits`. */
  formerUnits: Unit[];
  /** Entries of `formerUnits` that no unit uses (Vietnamese, with `source`): said, not refused. */
  warnings: string[];
}

/**
 * parseUnits with `formerUnits`: a code listed twice is an error; one that is a current unit, or
 * that no unit lists as a predecessor (`succession.predecessors`), is a warning (it names nobody).
 */
export function parseUnitsFile(data: unknown, source = 'units.json'): Result<UnitsFile> {
  const r = check<{ units: Unit[]; formerUnits?: { code: string; name: string; kind?: string }[] }>(
    UnitsSchema,
    data,
    source,
  );
  if (!r.ok) return r;
  const listed = r.value.formerUnits ?? [];
  const errors = [
    ...duplicates(r.value.units.map((u) => u.code)).map((d) => `${source}: ${T.duplicateUnit(d)}`),
    ...duplicates(listed.map((u) => u.code)).map((d) => `${source}: ${T.duplicateFormerUnit(d)}`),
  ];
  if (errors.length) return { ok: false, errors };
  const current = new Set(r.value.units.map((u) => u.code));
  const predecessors = new Set(r.value.units.flatMap((u) => u.succession?.predecessors ?? []));
  const named = r.value.units;
  const warnings: string[] = sameNames(named).map(([a, b]) => {
    const [first, second] = [T.jsonWhere(['units', a], r.value), T.jsonWhere(['units', b], r.value)];
    return `${source}: ${T.sameUnitName(first, second, unitDisplayName(named[a]), named[a].name)}`;
  });
  for (const u of listed) {
    if (current.has(u.code)) warnings.push(`${source}: ${T.formerIsCurrent(u.code)}`);
    else if (!predecessors.has(u.code)) warnings.push(`${source}: ${T.formerUnused(u.code)}`);
  }
  const formerUnits = listed.map((u) => ({ code: u.code, name: u.name, kind: u.kind ?? '', emails: [] }));
  return { ok: true, value: { units: r.value.units, formerUnits, warnings } };
}

export function parseSettings(data: unknown, source = 'settings.json'): Result<Settings> {
  return check<Settings>(SettingsSchema, data, source);
}

/** The settings only the monthly e-mail uses (the add-on's EMAIL_ONLY_SETTINGS too). */
export const EMAIL_ONLY_SETTINGS: readonly string[] = [
  'recipients',
  'sendDay',
  'sendHour',
  'reminders',
  'reminderDaysBefore',
];

/**
 * parseSettings for what sends no e-mail: when every mistake is in a setting only the e-mail uses
 * (EMAIL_ONLY_SETTINGS), they are `emailProblems` instead of errors, and the settings are read with
 * the wrong addresses left out and `fallback`'s value for any other such setting.
 */
export function parseSettingsBesideEmail(
  data: unknown,
  source: string,
  fallback: Settings,
): Result<{ settings: Settings; emailProblems: string[] }> {
  const clean = cleanTexts(data);
  const parsed = SettingsSchema.safeParse(clean, { reportInput: true });
  if (parsed.success) return { ok: true, value: { settings: parsed.data as Settings, emailProblems: [] } };
  const issues = parsed.error.issues;
  const described = describeIssues(issues, source, clean);
  if (!issues.every((i) => EMAIL_ONLY_SETTINGS.includes(String(i.path[0])))) return { ok: false, errors: described };
  const mended: Record<string, unknown> = { ...(clean as Record<string, unknown>) };
  const address = z.email();
  for (const key of new Set(issues.map((i) => String(i.path[0])))) {
    const v = mended[key];
    if (key === 'recipients') mended[key] = Array.isArray(v) ? v.filter((e) => address.safeParse(e).success) : [];
    else mended[key] = fallback[key as keyof Settings];
  }
  const again = SettingsSchema.safeParse(mended);
  if (!again.success) return { ok: false, errors: described };
  return { ok: true, value: { settings: again.data as Settings, emailProblems: described } };
}
