/**
 * `tonghop` — the Node command-line shell around the engine (bundled to dist/cli.js,
 * started by bin/tonghop.js). Commands: template, check, aggregate, report, demo.
 * Exit codes: see exit-codes.ts. User errors print a Vietnamese message and no stack
 * trace; unexpected errors print "Lỗi không mong đợi: …" and exit 70 (stack with TONGHOP_DEBUG=1).
 */
import { nearest } from '../engine/text/nearest';
import { slug } from '../engine/text/normalize';
import { HELP, CLI_TEXT as T } from '../messages/vi/cli';
import { EXIT, UserError } from './exit-codes';
import { type Io, println, processIo } from './io';

type Command = (argv: string[], io: Io) => Promise<number>;

/** Loaded on demand, so `--help` and usage errors do not wait for exceljs and nodemailer. */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  template: async () => (await import('./commands/template')).runTemplate,
  check: async () => (await import('./commands/check')).runCheck,
  aggregate: async () => (await import('./commands/aggregate')).runAggregate,
  report: async () => (await import('./commands/report')).runReport,
  demo: async () => (await import('./commands/demo')).runDemo,
};

/**
 * The commands' names as users may type them in Vietnamese, without diacritics ("tổng hợp" →
 * "tong-hop"): a user who types one is told the command's name, not run it (a guess never runs).
 */
const VIETNAMESE_NAMES: Record<string, string> = {
  'tong-hop': 'aggregate',
  'kiem-tra': 'check',
  'bao-cao': 'report',
  'gui-bao-cao': 'report',
  mau: 'template',
  'tao-mau': 'template',
  'mau-bao-cao': 'template',
  'vi-du': 'demo',
  thu: 'demo',
};

/** The command a mistyped name most likely meant, or null. */
export function commandMeant(typed: string): string | null {
  const near = nearest(typed, [...Object.keys(COMMANDS), ...Object.keys(VIETNAMESE_NAMES)], slug);
  return near === null ? null : (VIETNAMESE_NAMES[near] ?? near);
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(`${T.noCommand}\n\n${HELP.global}`);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h') {
    io.stdout.write(HELP.global);
    return EXIT.ok;
  }
  if (name === 'help') {
    const topic = rest[0];
    // Own keys only: "toString" or "__proto__" are not help topics.
    if (topic && Object.keys(HELP).includes(topic) && topic !== 'global')
      io.stdout.write(HELP[topic as keyof typeof HELP]);
    else io.stdout.write(HELP.global);
    return EXIT.ok;
  }
  const load = Object.keys(COMMANDS).includes(name) ? COMMANDS[name] : undefined;
  if (!load) throw new UserError(T.unknownCommand(name, commandMeant(name)), EXIT.usage);
  return (await load())(rest, io);
}

/** Run the CLI; resolves to the exit code (never rejects). */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UserError) {
      println(io.stderr, e.message);
      return e.exitCode;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    println(io.stderr, T.unexpected(err.message));
    if (io.env.TONGHOP_DEBUG === '1') println(io.stderr, err.stack ?? '');
    else println(io.stderr, T.debugHint);
    return EXIT.internal;
  }
}
