/** Command-line parsing with node:util parseArgs, errors translated to Vietnamese (exit 2). */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isEmailAddress, splitRecipients } from '../engine/text/email';
import { nearest } from '../engine/text/nearest';
import { slug } from '../engine/text/normalize';
import { CLI_TEXT as T } from '../messages/vi/cli';
import { EXIT, UserError } from './exit-codes';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export const CONFIG_OPTIONS = {
  catalogue: { type: 'string' },
  units: { type: 'string' },
  settings: { type: 'string' },
} as const satisfies OptionSpec;

export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const satisfies OptionSpec;

type Value = string | boolean | (string | boolean)[] | undefined;

export class Parsed {
  constructor(
    readonly values: Record<string, Value>,
    readonly positionals: string[],
  ) {}
  str(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : undefined;
  }
  bool(name: string): boolean {
    return this.values[name] === true;
  }
  list(name: string): string[] {
    const v = this.values[name];
    if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
    return typeof v === 'string' ? [v] : [];
  }
}

/** Parse `argv` for `command`; usage errors become UserError(exit 2). */
export function parse(command: string, argv: string[], options: OptionSpec, allowPositionals: boolean): Parsed {
  try {
    const r = parseArgs({ args: argv, options, allowPositionals, strict: true, tokens: true });
    refuseRepeated(r.tokens ?? [], options, command);
    return new Parsed(r.values as Record<string, Value>, r.positionals);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw translate(e, command, options);
  }
}

/**
 * An option that takes one value given twice ("--period 2018-09 --period 2018-08", a command kept in
 * a .bat with a new --period appended): parseArgs keeps the last, and the report would be of another
 * month than the one the user meant, without a word. Refused, naming both values.
 */
function refuseRepeated(
  tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']>,
  options: OptionSpec,
  command: string,
): void {
  const seen = new Map<string, string>();
  for (const t of tokens) {
    if (t.kind !== 'option' || options[t.name]?.multiple || t.name === 'help') continue;
    const value = t.value ?? '';
    const before = seen.get(t.name);
    // The same value twice (a wrapper script adding a default the user also typed) is not ambiguous.
    if (before !== undefined && before !== value)
      throw new UserError(T.repeatedOption(t.rawName, before, value, command), EXIT.usage);
    seen.set(t.name, value);
  }
}

/** The option a mistyped long one most likely meant ("--peroid" → "--period"), or null. */
function optionMeant(typed: string, options: OptionSpec): string | null {
  if (!typed.startsWith('--')) return null;
  const near = nearest(typed.slice(2), Object.keys(options), slug);
  return near === null ? null : `--${near}`;
}

function translate(e: unknown, command: string, options: OptionSpec): UserError {
  const err = e as { code?: string; message?: string };
  const msg = String(err?.message ?? e);
  const quoted = /'([^']+)'/.exec(msg)?.[1] ?? '';
  const opt = quoted.split(' ')[0];
  switch (err?.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UserError(T.unknownOption(opt || msg, command, optionMeant(opt, options)), EXIT.usage);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      // Both "a string option without its value" and "a yes/no option given one" ("--json=yes").
      const spec = options[opt.replace(/^--/, '')];
      return new UserError(
        spec?.type === 'boolean' ? T.noValueTaken(opt, command) : T.missingValue(opt || msg, command),
        EXIT.usage,
      );
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UserError(T.unexpectedArgument(quoted || msg, command), EXIT.usage);
    default:
      return new UserError(T.badArguments(msg, command), EXIT.usage);
  }
}

/** A year 1900–9999, or a usage error. */
export function parseYear(s: string): number {
  if (!/^\d{4}$/.test(s.trim())) throw new UserError(T.badYear(s), EXIT.usage);
  const y = Number(s.trim());
  if (y < 1900) throw new UserError(T.badYear(s), EXIT.usage);
  return y;
}

export function requireOption<T>(value: T | undefined, name: string, command: string): T {
  if (value === undefined || value === '') throw new UserError(T.required(name, command), EXIT.usage);
  return value;
}

/** Accepts one address, "a@b.vn" or "Tên <a@b.vn>"; returns it trimmed, or throws a usage error. */
export function checkAddress(s: string, error: (s: string) => string = T.badEmail): string {
  const one = splitRecipients(s);
  if (one.length !== 1 || !isEmailAddress(one[0].address)) throw new UserError(error(s), EXIT.usage);
  return one[0].text;
}
