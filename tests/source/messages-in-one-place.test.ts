/**
 * What users read is Vietnamese and lives in src/messages/vi, so that it can be read, reviewed and
 * changed in one place. A Vietnamese string literal elsewhere in src/ is either recognition
 * vocabulary (words the reader must know in what communes type: header synonyms, level words, copy
 * prefixes, legacy encodings, sort order) or sample data, in the files listed below; any other file
 * with one fails here, with the line to move.
 */
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '../../src');

/** Files whose Vietnamese literals are words to recognise or sample data, not text shown. */
const RECOGNITION = new Set([
  'engine/sheet/top-labels.ts', // top label synonyms ("mã đơn vị", "năm")
  'engine/sheet/unit-match.ts', // unit kind and level words ("thị trấn", "xã")
  'engine/sheet/rows.ts', // column header synonyms ("mã số", "đơn vị tính", "cả năm", "ghi chú")
  'engine/sheet/cells.ts', // the submission row's label in its cell findings (moved as it was from read.ts)
  'engine/text/legacy.ts', // TCVN3/VNI tables
  'engine/text/collate.ts', // Vietnamese alphabet order
  'engine/text/level.ts', // level words read from settings
  'engine/report/fixtures.ts', // sample summary for tests and previews
  'engine/aggregate/test-helpers.ts',
  'gas/io/find-units.ts', // tab prefixes ("bản sao của") the add-on recognises
  'gas/io/sheets-api.ts', // the "Ngày nộp" row label read back
  'gas/sheets-write.ts', // backup tab prefix, recognised when cleaning up
  'cli/demo/generate.ts', // demo data
  'cli/commands/demo.ts', // demo recipient
]);

const VIETNAMESE = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;
const LITERAL = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** The file without its comments (a comment may quote Vietnamese: it is not shown). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

test('user-facing Vietnamese text is in src/messages/vi only', () => {
  const outside: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const rel = path.relative(SRC, file).split(path.sep).join('/');
    if (rel.startsWith('messages/') || RECOGNITION.has(rel)) continue;
    const text = code(fs.readFileSync(file, 'utf8'));
    for (const m of text.matchAll(LITERAL)) if (VIETNAMESE.test(m[0])) outside.push(`${rel}: ${m[0].slice(0, 60)}`);
  }
  expect(outside).toEqual([]);
});

test('the check sees a Vietnamese literal outside comments', () => {
  expect(code("// 'xã'\nconst a = 'Tổng hợp'; /* 'ô' */").match(LITERAL)).toEqual(["'Tổng hợp'"]);
});
