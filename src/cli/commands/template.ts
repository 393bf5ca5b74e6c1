/** `tonghop template --year 2018 --out DIR`: one blank commune workbook per unit. */
import fs from 'node:fs';
import path from 'node:path';
import { buildUnitSheet } from '../../engine/sheet/layout';
import type { Unit } from '../../engine/types';
import { HELP, CLI_TEXT as T } from '../../messages/vi/cli';
import { CONFIG_OPTIONS, HELP_OPTION, parse, parseYear, requireOption } from '../args';
import { now } from '../clock';
import { loadConfig } from '../config';
import { EXIT, UserError } from '../exit-codes';
import { displayName } from '../files';
import { type Io, println } from '../io';
import { writeXlsx } from '../xlsx/write';

const OPTIONS = {
  ...HELP_OPTION,
  ...CONFIG_OPTIONS,
  year: { type: 'string' },
  out: { type: 'string' },
  unit: { type: 'string', multiple: true },
  force: { type: 'boolean' },
} as const;

/** File name of a unit's workbook: "<unit-code>-<year>.xlsx" (codes are [A-Za-z0-9_.-]). */
export function templateFileName(unit: Pick<Unit, 'code'>, year: number): string {
  return `${unit.code}-${year}.xlsx`;
}

export async function runTemplate(argv: string[], io: Io): Promise<number> {
  const args = parse('template', argv, OPTIONS, false);
  if (args.bool('help')) {
    io.stdout.write(HELP.template);
    return EXIT.ok;
  }
  const year = parseYear(requireOption(args.str('year'), '--year', 'template'));
  const outDir = path.resolve(io.cwd, requireOption(args.str('out'), '--out', 'template'));
  const config = loadConfig(args, io.cwd);
  const wanted = args.list('unit');
  for (const code of wanted) {
    if (!config.units.some((u) => u.code === code)) throw new UserError(T.unknownUnit(code), EXIT.usage);
  }
  const units = wanted.length ? config.units.filter((u) => wanted.includes(u.code)) : config.units;
  const when = now(io.env);
  let written = 0;
  for (const unit of units) {
    const file = path.join(outDir, templateFileName(unit, year));
    if (!args.bool('force') && fs.existsSync(file)) {
      println(io.stdout, T.templateExists(displayName(file, io.cwd)));
      continue;
    }
    const sheet = buildUnitSheet(unit, year, config.catalogue);
    await writeXlsx({ sheets: [sheet] }, file, { now: when });
    println(io.stdout, T.wrote(T.what.template, displayName(file, io.cwd)));
    written++;
  }
  println(io.stdout, T.templatesDone(written, displayName(outDir, io.cwd)));
  return EXIT.ok;
}
