/**
 * The README and docs/*.md send a newcomer to files, tests and headings: each relative link, each
 * `#anchor` and each repository path quoted in backticks (`tests/cli/demo.test.ts`) must exist, or
 * the reader is left at a dead end after a file is moved or renamed.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');

/** Top-level folders whose paths, quoted in backticks, are taken for references to files. */
const QUOTED_PATH = /`((?:src|tests|docs|sheets-templates|scripts|bench)\/[^`\s]*)`/g;
/** Placeholders and globs in a quoted path (`code-<group>.html`, `*.test.ts`, `tong-hop-….xlsx`). */
const PATTERN = /[*<>…{}]/;
const LINK = /\]\(([^)\s]+)\)/g;

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const out = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (m) out.add(slug(m[1]));
  }
  return out;
}

/** The broken references of one markdown file at `file` (relative to `root`). */
function brokenReferences(root: string, file: string, markdown: string): string[] {
  const broken: string[] = [];
  const dir = path.dirname(path.join(root, file));
  for (const [, target] of markdown.matchAll(LINK)) {
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:
    const [to, anchor] = target.split('#');
    const full = to ? path.resolve(dir, to) : path.join(root, file);
    if (!fs.existsSync(full)) {
      broken.push(`${file}: link ${target}`);
      continue;
    }
    if (anchor && full.endsWith('.md') && !anchorsOf(fs.readFileSync(full, 'utf8')).has(anchor)) {
      broken.push(`${file}: link ${target} (no such heading)`);
    }
  }
  for (const [, quoted] of markdown.matchAll(QUOTED_PATH)) {
    if (PATTERN.test(quoted)) continue;
    if (!fs.existsSync(path.join(root, quoted))) broken.push(`${file}: path \`${quoted}\``);
  }
  return broken;
}

const DOCS = [
  'README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

test('every relative link, anchor and quoted path of README.md and docs/*.md exists', () => {
  const broken = DOCS.flatMap((f) => brokenReferences(ROOT, f, fs.readFileSync(path.join(ROOT, f), 'utf8')));
  expect(broken).toEqual([]);
});

test('a broken link, a missing heading and a missing quoted path are each caught', () => {
  const text = [
    '[ok](docs/behaviour.md#unreadable-files) [gone](docs/nowhere.md)',
    '[no heading](docs/behaviour.md#no-such-topic) [web](https://example.com)',
    '`tests/cli/demo.test.ts` `tests/cli/no-such.test.ts` `dist/Code.js` `tests/gas/*.test.ts`',
  ].join('\n');
  expect(brokenReferences(ROOT, 'README.md', text)).toEqual([
    'README.md: link docs/nowhere.md',
    'README.md: link docs/behaviour.md#no-such-topic (no such heading)',
    'README.md: path `tests/cli/no-such.test.ts`',
  ]);
});
