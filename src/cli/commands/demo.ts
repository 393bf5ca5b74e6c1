/**
 * `tonghop demo [--out out]` (the `npm start` demo): writes the 22 demo commune workbooks
 * (11 Mường Nhé communes × 2017, 2018) to <out>/xa/, aggregates September 2018 into
 * <out>/tong-hop-2018-09.xlsx and <out>/bao-cao-2018-09.html, composes the e-mail
 * <out>/outbox/bao-cao-2018-09.eml (never sent), and prints the paths, completeness and
 * narrative. The demo data has deliberate errors; the demo still exits 0.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defaultCatalogue, defaultSettings, defaultUnits } from '../../engine/catalogue/defaults';
import { formatPeriod } from '../../engine/periods/period';
import type { Period } from '../../engine/types';
import { HELP, CLI_TEXT as T } from '../../messages/vi/cli';
import { HELP_OPTION, parse } from '../args';
import { now } from '../clock';
import type { Config } from '../config';
import { demoSheet, demoYears } from '../demo/data';
import { EXIT, UserError } from '../exit-codes';
import { displayName } from '../files';
import { readInputs } from '../inputs';
import { type Io, println } from '../io';
import { writeOutput } from '../output';
import { toXlsxBuffer } from '../xlsx/write';
import { writeAggregateOutputs } from './aggregate';
import { deliver } from './report';
import { consoleSummary, defaultSummaryName, summariseInputs } from './summary';
import { templateFileName } from './template';

const OPTIONS = { ...HELP_OPTION, out: { type: 'string' }, force: { type: 'boolean' } } as const;

export const DEMO_PERIOD: Period = { type: 'month', year: 2018, index: 9 };
/** The demo's "now" (unless TONGHOP_NOW is set): the morning after the September deadline. */
export const DEMO_NOW = '2018-09-20T09:00:00+07:00';
export const DEMO_RECIPIENT = '"Ban Tuyên giáo và Dân vận Tỉnh ủy Điện Biên" <bandanvan.tinh@example.vn>';

/**
 * Written in <out> with the hash of each commune workbook the demo wrote, so that a second run
 * (a second `npm start`) knows those files are its own and not a commune's. Hidden: not read as input.
 */
export const DEMO_MARKER = '.tonghop-demo.json';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const markerKey = (out: string, file: string) => path.relative(out, file).split(path.sep).join('/');

function readMarker(out: string): Record<string, string> {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(out, DEMO_MARKER), 'utf8')) as { files?: unknown };
    const files = parsed?.files;
    return files && typeof files === 'object' ? (files as Record<string, string>) : {};
  } catch {
    // No marker (first run) or a damaged one: no file is known to be the demo's.
    return {};
  }
}

/** No file there, the very bytes the demo would write, or a file the demo wrote and nobody changed since. */
function ownFile(out: string, file: string, data: Buffer, marker: Record<string, string>): boolean {
  let old: Buffer;
  try {
    old = fs.readFileSync(file);
  } catch (e) {
    // Nothing there (ENOTDIR: a part of the path is a file), or a folder in its place: not a
    // commune's report; writing says why it cannot (describeWriteError), without a false "--force".
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
  }
  return old.equals(data) || marker[markerKey(out, file)] === sha256(old);
}

export async function runDemo(argv: string[], io: Io): Promise<number> {
  const args = parse('demo', argv, OPTIONS, false);
  if (args.bool('help')) {
    io.stdout.write(HELP.demo);
    return EXIT.ok;
  }
  const out = path.resolve(io.cwd, args.str('out') ?? 'out');
  const config: Config = { catalogue: defaultCatalogue(), units: defaultUnits(), settings: defaultSettings() };
  const when = io.env.TONGHOP_NOW?.trim() ? now(io.env, config.settings.timeZone) : new Date(DEMO_NOW);

  const xa = path.join(out, 'xa');
  const planned: { file: string; data: Buffer }[] = [];
  for (const year of demoYears()) {
    for (const unit of config.units) {
      const sheet = demoSheet(unit, year, config.catalogue);
      if (!sheet) continue;
      const file = path.join(xa, templateFileName(unit, year.year));
      planned.push({ file, data: await toXlsxBuffer({ sheets: [sheet] }, { now: when }) });
    }
  }
  // The file names are those `template` makes: a commune's real report may be there. Only the
  // demo's own files (as it wrote them) are replaced, unless --force.
  const marker = readMarker(out);
  const foreign = planned.filter(({ file, data }) => !ownFile(out, file, data, marker));
  if (foreign.length && !args.bool('force')) {
    throw new UserError(
      T.demoWouldOverwrite(
        foreign.map((f) => displayName(f.file, io.cwd)),
        displayName(out, io.cwd),
      ),
      EXIT.usage,
    );
  }

  println(io.stdout, T.demoTitle);
  for (const f of foreign) println(io.stdout, T.demoOverwrote(displayName(f.file, io.cwd)));
  const files: string[] = [];
  const written: Record<string, string> = {};
  for (const { file, data } of planned) {
    writeOutput(file, data);
    files.push(file);
    written[markerKey(out, file)] = sha256(data);
  }
  writeOutput(path.join(out, DEMO_MARKER), `${JSON.stringify({ note: T.demoMarkerNote, files: written }, null, 2)}\n`);
  println(io.stdout, T.demoInputs(files.length, displayName(xa, io.cwd)));

  // Only the files just written (not whatever else lies in <out>/xa).
  const inputs = await readInputs(files, 'demo', io, false);
  const prepared = summariseInputs(inputs, config, DEMO_PERIOD, when);
  const tag = formatPeriod(DEMO_PERIOD);
  const xlsx = path.join(out, defaultSummaryName(DEMO_PERIOD));
  const html = path.join(out, `bao-cao-${tag}.html`);
  await writeAggregateOutputs(prepared, config, { xlsx, html }, when);
  const mail = await deliver(
    prepared,
    config,
    {
      to: [DEMO_RECIPIENT],
      from: `"${config.settings.organisation}" <bandanvan.muongnhe@example.vn>`,
      outbox: path.join(out, 'outbox'),
      smtp: null,
      // The demo's own outbox: its e-mail of an earlier run is replaced, as its other outputs.
      replace: true,
    },
    when,
    io,
  );

  println(io.stdout);
  println(io.stdout, T.demoOutputs);
  println(io.stdout, `  ${T.what.summaryXlsx}: ${displayName(xlsx, io.cwd)}`);
  println(io.stdout, `  ${T.what.html}: ${displayName(html, io.cwd)}`);
  println(io.stdout, `  ${T.what.eml}: ${displayName(mail.eml, io.cwd)}`);
  for (const line of consoleSummary(prepared, 5)) println(io.stdout, line);
  println(io.stdout);
  println(io.stdout, T.demoDeliberate);
  println(io.stdout, T.demoNext(displayName(xa, io.cwd)));
  return EXIT.ok;
}
