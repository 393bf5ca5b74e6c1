/**
 * dist/ as Apps Script sees it, for the bundle tests: build it (scripts/build.mjs --gas-only) and
 * serve its HTML files — the settings sidebar and the code files code-<group>.html that the loader
 * of Code.js reads — through the fake's HtmlService, as project files (name without ".html").
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GasFake } from '../fakes/gas';

export const ROOT = path.join(__dirname, '../..');

/** Builds the Apps Script files into `outDir` (dist/ by default). */
export function buildDist(outDir?: string, opts: { minify?: boolean } = {}): void {
  const args = [path.join(ROOT, 'scripts/build.mjs'), '--gas-only'];
  if (outDir) args.push('--out', outDir);
  if (opts.minify === false) args.push('--no-minify');
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'pipe' });
}

export interface Dist {
  code: string;
  /** Every dist/*.html by project file name ("code-aggregate", "sidebar"). */
  html: Record<string, string>;
  /** Lazy groups and their functions, read from the stubs of Code.js. */
  groups: Record<string, string[]>;
}

export function readDist(dir: string): Dist {
  const code = fs.readFileSync(path.join(dir, 'Code.js'), 'utf8');
  const html: Record<string, string> = {};
  for (const f of fs.readdirSync(dir))
    if (f.endsWith('.html')) html[f.replace(/\.html$/, '')] = fs.readFileSync(path.join(dir, f), 'utf8');
  const groups: Record<string, string[]> = {};
  for (const m of code.matchAll(/^function (\w+)\(\) \{\n {2}return __tonghop\.load\("(\w+)"\)\./gm)) {
    groups[m[2]] = groups[m[2]] ?? [];
    groups[m[2]].push(m[1]);
  }
  return { code, html, groups };
}

/** Makes the HTML files of `dist` project files of the fake (all of them, or those `only` names). */
export function serveHtml(fake: GasFake, dist: Dist, only?: (name: string) => boolean): void {
  for (const [name, text] of Object.entries(dist.html)) if (!only || only(name)) fake.html.files[name] = text;
}

/**
 * dist/ built into a temporary directory for one test file (removed after it), so tests never
 * race over the repository's dist/. Call at the top level; the getter works once beforeAll ran.
 */
export function tempDist(prefix: string): () => Dist {
  let out = '';
  let dist: Dist | null = null;
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    buildDist(out);
    dist = readDist(out);
  }, 120000);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
  return () => {
    if (!dist) throw new Error('tempDist: dist/ is not built yet (use it inside a test or hook)');
    return dist;
  };
}
