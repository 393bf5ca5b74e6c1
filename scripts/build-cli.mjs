/**
 * Bundles the Node CLI: src/cli/main.ts → dist/cli.js (CommonJS, Node 20).
 * exceljs, jszip and nodemailer stay external (from node_modules); zod is bundled in;
 * the catalogue and demo JSON under sheets-templates/ are inlined.
 *
 * Used by scripts/build.mjs (`npm run build`) and by bin/tonghop.js, which rebuilds
 * dist/cli.js when it is missing or older than src/ or sheets-templates/.
 * The output is written to a temporary file and renamed, so a process that
 * requires dist/cli.js while another one rebuilds it never sees half a file.
 *
 * Usage: node scripts/build-cli.mjs   or   import { buildCli } from './build-cli.mjs'
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Build dist/cli.js (or `outfile`). Returns { file, bytes }. */
export async function buildCli({ outfile = path.join(ROOT, 'dist', 'cli.js'), quiet = true } = {}) {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // zod is bundled (resolving and compiling its many module files cost ~50 ms at every start);
    // exceljs, jszip and nodemailer stay in node_modules, loaded only by the commands that need them.
    external: ['exceljs', 'jszip', 'nodemailer', 'nodemailer/*'],
    sourcemap: false,
    loader: { '.json': 'json' },
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    outfile,
    logLevel: 'silent',
  });
  if (result.errors.length) throw new Error(result.errors.map((e) => e.text).join('\n'));
  const code = result.outputFiles[0].contents;
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const tmp = `${outfile}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, outfile);
  if (!quiet) console.log(`${path.relative(ROOT, outfile)} ${(code.length / 1024).toFixed(1)} KB`);
  return { file: outfile, bytes: code.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildCli({ quiet: false }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
