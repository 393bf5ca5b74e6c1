#!/usr/bin/env node
/**
 * `tonghop` — the command-line tool (see src/cli/main.ts and `tonghop --help`).
 *
 * Runs dist/cli.js. When that bundle is missing or older than any file under src/ or
 * sheets-templates/ (a fresh clone, or after editing the sources) it is rebuilt first
 * with scripts/build-cli.mjs (esbuild, a devDependency), so `npx tonghop` and
 * `npm start` work right after `npm ci`.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = path.join(ROOT, 'dist', 'cli.js');
const WATCHED = ['src', 'sheets-templates'].map((d) => path.join(ROOT, d));

/** Newest modification time (ms) of any file under dir; 0 if dir does not exist. */
function newest(dir) {
  let max = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) max = Math.max(max, newest(p));
    else if (e.isFile()) max = Math.max(max, fs.statSync(p).mtimeMs);
  }
  return max;
}

function stale() {
  let built;
  try {
    built = fs.statSync(BUNDLE).mtimeMs;
  } catch {
    return true;
  }
  return WATCHED.some((dir) => newest(dir) > built);
}

async function run() {
  if (stale() && fs.existsSync(path.join(ROOT, 'scripts', 'build-cli.mjs'))) {
    try {
      const { buildCli } = await import(pathToFileURL(path.join(ROOT, 'scripts', 'build-cli.mjs')).href);
      await buildCli();
    } catch (e) {
      if (!fs.existsSync(BUNDLE)) {
        process.stderr.write(`Không dựng được công cụ (dist/cli.js): ${e && e.message ? e.message : e}\n`);
        process.stderr.write('Hãy chạy "npm ci" rồi thử lại.\n');
        return 70;
      }
      // An older bundle exists: run it rather than fail.
    }
  }
  const cli = require(BUNDLE);
  return cli.main(process.argv.slice(2));
}

// `tonghop check … | head`: a closed pipe is not an error. The command still runs to its end
// (its outputs are written, its exit code is kept); what it would print is dropped. Exiting
// here would stop it half-way, before the files are written, with exit code 0.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED')) {
      stream.write = (_chunk, encoding, callback) => {
        const done = typeof encoding === 'function' ? encoding : callback;
        if (typeof done === 'function') process.nextTick(done);
        return true;
      };
      return;
    }
    throw e;
  });
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`Lỗi không mong đợi: ${e && e.message ? e.message : e}\n`);
    if (process.env.TONGHOP_DEBUG === '1' && e && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 70;
  },
);
