/**
 * The loader of dist/Code.js (scripts/build.mjs). Code.js holds the menu and, per group of handlers,
 * stubs that read the group's code file (code-<group>.html, a project HTML file: Apps Script runs
 * every .gs at each execution but reads HTML files only when asked) on the first call, evaluate it
 * once and call the real function. Here: what needs no file, what a click reads, what the user and the
 * log see when a file is missing or broken, and the build's own checks (groups, ESM shapes).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import vm from 'node:vm';
import { LOADER } from '../../src/messages/vi/gas';
import { createGasFake, type GasFake } from '../fakes/gas';
import { type Dist, ROOT, serveHtml, tempDist } from './dist';

const built = tempDist('tonghop-lazy-');
let dist: Dist;
beforeAll(() => {
  dist = built();
});

/** A fresh "execution": a master spreadsheet, Code.js run in a vm; `files` decides which HTML files exist. */
function execution(files?: (name: string) => boolean): {
  fake: GasFake;
  ctx: vm.Context;
  run: (js: string) => unknown;
} {
  const fake = createGasFake({ now: new Date('2018-10-05T09:00:00+07:00'), user: 'bandanvan@muongnhe.vn' });
  fake.createSpreadsheet('Tổng hợp dân vận', { active: true });
  if (files) serveHtml(fake, dist, files);
  const ctx = fake.createVmContext();
  vm.runInContext(dist.code, ctx, { filename: 'Code.js' });
  return { fake, ctx, run: (js) => vm.runInContext(js, ctx) };
}

const reads = (fake: GasFake) => fake.calls.count('createTemplateFromFile');
const groupOf = (fn: string) => Object.keys(dist.groups).find((g) => dist.groups[g].includes(fn)) as string;

test('the groups: every lazy handler is in exactly one, the menu handlers are not lazy', () => {
  const lazy = Object.values(dist.groups).flat();
  expect(new Set(lazy).size).toBe(lazy.length);
  expect(lazy).toEqual(
    expect.arrayContaining(['setupSheets', 'aggregateReports', 'resumeAggregate', 'monthlyReportJob']),
  );
  expect(lazy).not.toContain('onOpen');
  expect(lazy).not.toContain('onInstall');
  expect(groupOf('resumeAggregate')).toBe(groupOf('aggregateReports'));
});

test('onOpen and onInstall run with no code file at all, and read none', () => {
  const { fake, run } = execution(); // no HTML file in the project
  run('onOpen()');
  expect(fake.ui.menus.at(-1)?.title).toBe('Dân vận');
  expect(fake.ui.findItem('Tổng hợp')?.functionName).toBe('aggregateReports');
  expect(reads(fake)).toBe(0);
  expect(fake.logs.filter((l) => l.level === 'error')).toEqual([]);
  const installed = execution();
  installed.run('onInstall({})');
  expect(installed.fake.ui.menus.at(-1)?.title).toBe('Dân vận');
  expect(reads(installed.fake)).toBe(0);
});

test('each group loads from its own file and gives its functions', () => {
  for (const [group, names] of Object.entries(dist.groups)) {
    const { fake, run } = execution((name) => name === `code-${group}`); // only this group's file exists
    const mod = run(`__tonghop.load(${JSON.stringify(group)})`) as Record<string, unknown>;
    // The loader's cost in service calls (what bench/gas counts for "Tổng hợp" from the sources, plus
    // this): createTemplateFromFile and getRawContent, once per execution.
    expect(fake.calls.byMethod).toEqual({ 'HtmlService.createTemplateFromFile': 1, 'HtmlTemplate.getRawContent': 1 });
    run(`__tonghop.load(${JSON.stringify(group)})`);
    expect(fake.calls.total).toBe(2);
    // What the loader evaluated is the file verbatim (a template's raw content: no scriptlet evaluated).
    expect(run(`HtmlService.createTemplateFromFile("code-${group}").getRawContent()`)).toBe(dist.html[`code-${group}`]);
    expect(Object.keys(mod).sort()).toEqual([...names].sort());
    for (const name of names) expect(typeof mod[name]).toBe('function');
  }
});

test('the handlers of a group work through the loader: "Kiểm tra dữ liệu", "Cài đặt…"', () => {
  const { fake, run } = execution(() => true);
  run('setupSheets()');
  run('checkData()'); // no unit sheet yet: checks the year, says so in a toast
  expect(fake.toasts.at(-1)?.title).toBe('Kiểm tra dữ liệu');
  run('showSettings()');
  expect(fake.ui.shown.at(-1)?.kind).toBe('sidebar');
  const data = run('getSettingsForSidebar()') as { settings: { cutoffDay: unknown } };
  expect(data.settings.cutoffDay).toBeDefined();
  expect(reads(fake)).toBe(3); // the code files of setup, check and settings (the page is an HtmlOutput)
});

test('in one execution a file is read and its module run once; a second definition of an id is ignored', () => {
  const { fake, ctx, run } = execution(() => true);
  // Count how often each module's code runs, by wrapping what the code files register.
  const runs: Record<string, number> = {};
  run('__tonghop');
  const registry = ctx.__tonghop as { def: (id: string, fn: () => unknown) => void };
  const def = registry.def;
  registry.def = (id, fn) =>
    def(id, () => {
      runs[id] = (runs[id] ?? 0) + 1;
      return fn();
    });
  const aggregate = groupOf('aggregateReports');
  const first = run(`__tonghop.load(${JSON.stringify(aggregate)})`);
  expect(run(`__tonghop.load(${JSON.stringify(aggregate)})`)).toBe(first);
  run('resumeAggregate()'); // same group: nothing more to read (no staged reading: returns at once)
  run('getSettingsForSidebar()'); // a second group in the same execution
  // The same file evaluated again (as two files registering one module would): ignored.
  vm.runInContext(dist.html[`code-${aggregate}`], ctx);
  expect(run(`__tonghop.load(${JSON.stringify(aggregate)})`)).toBe(first);
  expect(runs).toEqual({ [aggregate]: 1, [groupOf('getSettingsForSidebar')]: 1 });
  expect(reads(fake)).toBe(2);
});

test('a missing code file: a Vietnamese message for the user, the detail in the log, and a later retry works', () => {
  const file = `code-${groupOf('aggregateReports')}`;
  const { fake, run } = execution((name) => name !== file);
  let error: Error | undefined;
  try {
    run('aggregateReports()');
  } catch (e) {
    error = e as Error;
  }
  expect(error?.message).toBe(LOADER.failed(file));
  expect(error?.message).not.toMatch(/\bat \S+ \(|Error:|HtmlService/); // no stack, no English
  const logged = fake.logs.filter((l) => l.level === 'error').map((l) => l.message);
  expect(logged).toHaveLength(1);
  expect(logged[0]).toContain(file);
  expect(logged[0]).toContain('No HTML file named');
  // Nothing half-loaded is remembered: once the file is there, the same execution loads it.
  fake.html.files[file] = dist.html[file];
  expect(
    typeof (run(`__tonghop.load(${JSON.stringify(groupOf('aggregateReports'))})`) as Record<string, unknown>)
      .aggregateReports,
  ).toBe('function');
});

test('a broken code file (cut short, e.g. a failed push): the same message, the syntax error in the log', () => {
  const file = `code-${groupOf('setupSheets')}`;
  const { fake, run } = execution(() => true);
  fake.html.files[file] = dist.html[file].slice(0, Math.floor(dist.html[file].length / 2));
  expect(() => run('setupSheets()')).toThrow(LOADER.failed(file));
  expect(fake.logs.find((l) => l.level === 'error')?.message).toMatch(/SyntaxError/);
  expect(fake.ui.alerts).toEqual([]); // nothing ran
});

test('Code.js is small: the loader, the menu and one stub per handler', () => {
  expect(Buffer.byteLength(dist.code)).toBeLessThanOrEqual(150 * 1024);
  // A click loads Code.js and one group file: never two.
  for (const group of Object.keys(dist.groups)) expect(dist.html[`code-${group}`]).toBeDefined();
});

describe('build checks (scripts/build.mjs)', () => {
  /** Runs `js` (an ES module body) with build.mjs's exports as `b`; returns stdout. */
  const withBuild = (js: string) =>
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import * as b from ${JSON.stringify(path.join(ROOT, 'scripts/build.mjs'))};\n${js}`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
  const error = (call: string) =>
    withBuild(`try { ${call}; console.log('no error'); } catch (e) { console.log(e.message); }`).trim();

  test('an export in no group, in two groups, or a listed name that is not exported fails the build', () => {
    expect(error(`b.checkGroups(['onOpen', 'a', 'b'], { g: ['a', 'b'] }, ['onOpen'])`)).toBe('no error');
    expect(error(`b.checkGroups(['onOpen', 'a', 'b'], { g: ['a'] }, ['onOpen'])`)).toContain(
      'b (export of src/gas/main.ts) is in no group',
    );
    expect(error(`b.checkGroups(['onOpen', 'a'], { g: ['a'], h: ['a'] }, ['onOpen'])`)).toContain(
      'a is in two groups: g and h',
    );
    expect(error(`b.checkGroups(['onOpen'], { g: ['zz'] }, ['onOpen'])`)).toContain('zz (group g) is not exported');
  });

  test('the real GROUPS cover the exports of main.ts', () => {
    expect(error('b.checkGroups([...b.EAGER, ...Object.values(b.GROUPS).flat()])')).toBe('no error');
  });

  test('esbuild output other than `export { … }`, or an exported binding assigned later, fails the build', () => {
    const ok = withBuild(`
      const m = b.esmToModule('x', 'function f() { return n; }\\nconst n = 1;\\nexport { f as g, n };');
      const reg = {}; globalThis.__tonghop = { def: (id, fn) => { reg[id] = fn(); } };
      (0, eval)(m);
      console.log(JSON.stringify([reg.x.g(), reg.x.n]));`);
    expect(ok.trim()).toBe('[1,1]');
    expect(error(`b.esmToModule('x', 'import { a } from "./chunk.js";\\nexport { a };')`)).toContain(
      'unexpected ImportDeclaration',
    );
    expect(error(`b.esmToModule('x', 'export default 1;')`)).toContain('unexpected ExportDefaultDeclaration');
    expect(error(`b.esmToModule('x', 'export function f() {}')`)).toContain('unexpected ExportNamedDeclaration');
    expect(error(`b.esmToModule('x', 'let n = 1;\\nfunction bump() { n++; }\\nexport { n, bump };')`)).toContain(
      'exported let n is reassigned',
    );
  });
});
