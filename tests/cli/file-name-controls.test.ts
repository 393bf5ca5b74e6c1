/**
 * File names are printed in every finding: a line break in one would forge a console line
 * ("LỖI: …" that no check produced), an ESC sequence would reach the terminal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildCli, runCli, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

// Controls (but line ends, which end the lines), format characters and line separators.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

test('a file named with a line break and an ESC sequence: each finding stays one line without them', async () => {
  const dir = tmpDir('tonghop-names-');
  const xa = path.join(dir, 'xa');
  fs.mkdirSync(xa);
  const forged = 'LỖI: Xã Nậm Kè chưa nộp báo cáo';
  for (const [code, name] of [
    ['sin-thau', `sin-thau-2018\n${forged}\n.xlsx`],
    ['nam-ke', 'nam-ke-2018\x1b[31mĐỎ\u202E.xlsx'],
  ]) {
    const file = await writeCommune(xa, code, 2018, { 'DTN_MITOM:9': 'xyz' });
    fs.renameSync(file, path.join(xa, name));
  }
  const r = await runCli(['check', 'xa'], { cwd: dir });
  const lines = r.stdout.split('\n');
  // Each file's finding on the typed text: one line naming the file.
  const bad = lines.filter((l) => l.includes('"xyz"'));
  expect(bad).toHaveLength(2);
  expect(bad.some((l) => l.includes('sin-thau-2018?LỖI: Xã Nậm Kè chưa nộp báo cáo?.xlsx'))).toBe(true);
  expect(bad.some((l) => l.includes('nam-ke-2018?[31mĐỎ.xlsx'))).toBe(true);
  // No line starts with the text hidden in the name, and nothing unprintable reaches the terminal.
  expect(lines.filter((l) => l.startsWith(forged))).toEqual([]);
  for (const out of [r.stdout, r.stderr]) for (const l of out.split('\n')) expect(l).not.toMatch(UNPRINTABLE);
});
