/**
 * Baseline of benchmark 2: exceljs alone loading every .xlsx under a directory, one
 * after another, in one Node process — what any .xlsx tool pays at least.
 * Usage: node xlsx-baseline.cjs DIR   (prints the number of worksheets loaded)
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

async function main(): Promise<void> {
  const dir = process.argv[2];
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => path.join(dir, f));
  let sheets = 0;
  for (const file of files) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    sheets += wb.worksheets.length;
  }
  process.stdout.write(`${files.length} files, ${sheets} sheets\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exitCode = 1;
});
