/** Catalogue, units and settings: the defaults under sheets-templates/, or JSON files given on the command line. */
import fs from 'node:fs';
import path from 'node:path';
import { defaultCatalogue, defaultSettings, defaultUnits } from '../engine/catalogue/defaults';
import {
  parseCatalogueFile,
  parseSettings,
  parseSettingsBesideEmail,
  parseUnitsFile,
  type Result,
  unknownFields,
} from '../engine/catalogue/schema';
import type { Catalogue, Finding, Settings, Unit } from '../engine/types';
import { CLI_TEXT as T } from '../messages/vi/cli';
import type { Parsed } from './args';
import { EXIT, UserError } from './exit-codes';
import { type Io, println } from './io';

export interface Config {
  catalogue: Catalogue;
  units: Unit[];
  /** Old units of the units' mergers, named (the units file's `formerUnits`); absent when none. */
  formerUnits?: Unit[];
  settings: Settings;
  /** Mistakes in the configuration files that do not stop a run (Vietnamese, file named). */
  warnings?: string[];
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const detail = code === 'ENOENT' ? T.fileNotFound : String((e as Error).message);
    throw new UserError(T.configUnreadable(file, detail), EXIT.usage);
  }
  const json = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(json);
  } catch {
    const { line, column } = lineAndColumn(json, jsonErrorOffset(json) ?? json.length);
    throw new UserError(T.configNotJson(file, line, column, json.split(/\r\n|\r|\n/)[line - 1] ?? ''), EXIT.usage);
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Thrown inside jsonErrorOffset at the first character that is not JSON. */
class JsonStop extends Error {
  constructor(readonly at: number) {
    super('json');
  }
}

/**
 * Offset of the first character where `text` stops being JSON (its length when it ends too soon),
 * null when it is JSON.
 * Found here rather than in JSON.parse's message: V8 gives a position only for some errors, in
 * English, and in a form that differs between Node versions.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(Math.min(i, text.length));
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) fail();
    i++;
  };
  const word = (w: string) => {
    for (const ch of w) expect(ch);
  };
  const string = () => {
    expect('"');
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c !== 0x5c) {
        i++;
        continue;
      }
      i++;
      const e = text[i] ?? '';
      if (e === 'u') {
        i++;
        for (let k = 0; k < 4; k++) {
          if (!/^[0-9a-fA-F]$/.test(text[i] ?? '')) fail();
          i++;
        }
      } else if (e && '"\\/bfnrt'.includes(e)) i++;
      else fail();
    }
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m ? m[0].length : 0;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        expect(':');
        value();
        ws();
        if (text[i] === '}') {
          i++;
          return;
        }
        expect(',');
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ']') {
          i++;
          return;
        }
        expect(',');
      }
    } else if (c === '"') string();
    else if (c === 't') word('true');
    else if (c === 'f') word('false');
    else if (c === 'n') word('null');
    else if (c === '-' || (c >= '0' && c <= '9')) number();
    else fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : null;
  } catch (e) {
    // Not JsonStop: nesting too deep for this scanner; where it got to is the best guess.
    return e instanceof JsonStop ? e.at : i;
  }
}

/**
 * The units the reader is given (as the engine's summarise does): the units, then the old units
 * named in `formerUnits` that some unit lists as a predecessor, so their sheets' names are checked.
 */
export function readerUnits(config: Config): Unit[] {
  if (!config.formerUnits?.length) return config.units;
  const current = new Set(config.units.map((u) => u.code));
  const predecessors = new Set(config.units.flatMap((u) => u.succession?.predecessors ?? []));
  const former = config.formerUnits.filter((u) => predecessors.has(u.code) && !current.has(u.code));
  return former.length ? [...config.units, ...former] : config.units;
}

/**
 * The day the built-in demo units (Mường Nhé's 11 communes of 2018, sheets-templates/units.json)
 * stopped existing: the 2025 reform merged them and removed the district level.
 */
const DEMO_UNITS_UNTIL = '2025-07-01';

/**
 * A warning on stderr when the command runs on the built-in units (no --units) for data reaching
 * their abolition (`lastDay`, ISO: the last day of the period's data or of the template year's):
 * nothing else would say that the workbooks or the report are of communes that no longer exist.
 */
export function warnDemoUnits(args: Parsed, lastDay: string, what: string, io: Io): void {
  if (!args.str('units') && lastDay >= DEMO_UNITS_UNTIL) println(io.stderr, T.demoUnitsOutdated(what));
}

/** The configuration's warnings as findings, so every command lists them with the others. */
export function configFindings(config: Config): Finding[] {
  return (config.warnings ?? []).map((message) => ({ severity: 'warning', code: 'config-warning', message }));
}

/** A configuration file parsed; fields its schema does not know are added to `warnings`. */
function load<V>(
  file: string,
  parser: (data: unknown, source: string) => Result<V>,
  kind: 'catalogue' | 'units' | 'settings',
  warnings: string[],
): V {
  const data = readJson(file);
  const r = parser(data, file);
  if (!r.ok) throw new UserError(`${T.configInvalid(file)}\n  ${r.errors.join('\n  ')}`, EXIT.usage);
  warnings.push(...unknownFields(kind, data, file));
  return r.value;
}

/**
 * `opts.sendsEmail`: the command sends the report (`report`), so a mistake in a setting only the
 * e-mail uses (recipients, send day…) stops it; for the others it is a warning, as in the add-on.
 */
export function loadConfig(args: Parsed, cwd = process.cwd(), opts: { sendsEmail?: boolean } = {}): Config {
  const at = (name: string) => {
    const v = args.str(name);
    return v ? path.resolve(cwd, v) : undefined;
  };
  const c = at('catalogue');
  const u = at('units');
  const s = at('settings');
  const warnings: string[] = [];
  // A rule naming an indicator not in the catalogue is left out with a warning, as in the add-on.
  const cat = c ? load(c, parseCatalogueFile, 'catalogue', warnings) : { catalogue: defaultCatalogue(), warnings: [] };
  warnings.push(...cat.warnings);
  const { catalogue } = cat;
  const units = u
    ? load(u, parseUnitsFile, 'units', warnings)
    : { units: defaultUnits(), formerUnits: [], warnings: [] };
  const emailProblems: string[] = [];
  const besideEmail = (data: unknown, source: string): Result<Settings> => {
    const r = parseSettingsBesideEmail(data, source, defaultSettings());
    if (!r.ok) return r;
    emailProblems.push(...r.value.emailProblems);
    return { ok: true, value: r.value.settings };
  };
  const settings = s ? load(s, opts.sendsEmail ? parseSettings : besideEmail, 'settings', warnings) : defaultSettings();
  warnings.push(...emailProblems.map(T.emailOnlySetting));
  warnings.push(...units.warnings);
  return {
    catalogue,
    units: units.units,
    ...(units.formerUnits.length ? { formerUnits: units.formerUnits } : {}),
    settings,
    ...(warnings.length ? { warnings } : {}),
  };
}
