/** Catalogue, units and settings: the defaults under sheets-templates/, or JSON files given on the command line. */
import fs from 'node:fs';
import path from 'node:path';
import { defaultCatalogue, defaultSettings, defaultUnits } from '../engine/catalogue/defaults';
import { parseCatalogue, parseSettings, parseUnits, type Result } from '../engine/catalogue/schema';
import type { Catalogue, Settings, Unit } from '../engine/types';
import { CLI_TEXT as T } from '../messages/vi/cli';
import type { Parsed } from './args';
import { EXIT, UserError } from './exit-codes';

export interface Config {
  catalogue: Catalogue;
  units: Unit[];
  settings: Settings;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const detail = code === 'ENOENT' ? 'không tìm thấy tệp' : String((e as Error).message);
    throw new UserError(T.configUnreadable(file, detail), EXIT.usage);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UserError(T.configNotJson(file, (e as Error).message), EXIT.usage);
  }
}

function load<V>(file: string, parser: (data: unknown, source: string) => Result<V>): V {
  const r = parser(readJson(file), file);
  if (!r.ok) throw new UserError(`${T.configInvalid(file)}\n  ${r.errors.join('\n  ')}`, EXIT.usage);
  return r.value;
}

export function loadConfig(args: Parsed, cwd = process.cwd()): Config {
  const at = (name: string) => {
    const v = args.str(name);
    return v ? path.resolve(cwd, v) : undefined;
  };
  const c = at('catalogue');
  const u = at('units');
  const s = at('settings');
  return {
    catalogue: c ? load(c, parseCatalogue) : defaultCatalogue(),
    units: u ? load(u, parseUnits) : defaultUnits(),
    settings: s ? load(s, parseSettings) : defaultSettings(),
  };
}
