/**
 * scripts/build.mjs turns function declarations into `var f = function f() {…}` at the top of
 * their body, so terser can shorten the binding and keep the name. The rewrite must not change
 * what the code does: each case runs before and after in node:vm and must give the same result,
 * with the same function names.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import vm from 'node:vm';

const ROOT = path.join(__dirname, '../..');

const CASES: Record<string, string> = {
  'called before its declaration (hoisting)': `
    "use strict";
    var out = (() => { const y = twice(3); function twice(a) { return a * 2; } return y; })();`,
  'nested declarations, closures and recursion through the own name': `
    var out = (function outer(n) {
      "use strict";
      function fact(k) { return k <= 1 ? 1 : k * fact(k - 1); }
      function make() { function inner() { return fact(n); } return inner; }
      return [make()(), make().name, fact.name];
    })(5);`,
  'first statement of a body, and a body with only declarations': `
    function a() { return b(); }
    function b() { return 'b'; }
    var out = [a(), a.name, b.name];`,
  'async, generator and methods': `
    class C { m() { function inMethod() { return 1; } return [inMethod(), inMethod.name]; } }
    function* gen() { yield 1; yield 2; }
    async function later() { return 1; }
    var out = [new C().m(), [...gen()], later.name, later.constructor.name, gen.name];`,
  'a declaration in a block is left alone': `
    "use strict";
    var out = (() => { let r = []; if (true) { function inBlock() { return 'x'; } r.push(inBlock()); } r.push(typeof inBlock); return r; })();`,
  'a parameter of the same name is replaced by the declaration': `
    var out = (function (f) { function f() { return 'declared'; } return f(); })(() => 'param');`,
};

/** Runs every case through the build's rewrite, in a child process (build.mjs is an ES module). */
function rewritten(): Record<string, string> {
  const script = `
    import { declarationsToNamedExpressions } from ${JSON.stringify(path.join(ROOT, 'scripts/build.mjs'))};
    const cases = JSON.parse(process.argv[1]);
    const out = {};
    for (const [k, v] of Object.entries(cases)) out[k] = declarationsToNamedExpressions(v);
    process.stdout.write(JSON.stringify(out));`;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(CASES)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

const run = (code: string) => {
  const ctx = vm.createContext({});
  vm.runInContext(code, ctx);
  return JSON.stringify(vm.runInContext('out', ctx));
};

const after = rewritten();

describe.each(Object.keys(CASES))('%s', (name) => {
  test('gives the same result and names after the rewrite', () => {
    expect(run(after[name])).toBe(run(CASES[name]));
  });
});

test('declarations directly in a body become named function expressions; in blocks they stay', () => {
  expect(after['called before its declaration (hoisting)']).toContain('var twice=function twice(a)');
  expect(after['a declaration in a block is left alone']).toContain('{ function inBlock()');
  expect(after['first statement of a body, and a body with only declarations']).toMatch(
    /^\s*var a=function a\(\) \{ return b\(\); \},b=function b\(\)/,
  );
});
