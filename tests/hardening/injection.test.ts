/**
 * Formula injection: text typed by communes (notes, values, sheet names) or districts
 * (unit names, settings) that starts with =, +, -, @, tab or CR must come out as text in
 * the summary .xlsx and in the CSV — never as a formula. The add-on's summary sheet is
 * covered in gas-faults.test.ts (getFormulas() on the written cells).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { toXlsxBuffer } from '../../src/cli/xlsx/write';
import { LONG_HEADER, longRows, toCsv } from '../../src/engine/report/long-rows';
import { buildSummaryWorkbook } from '../../src/engine/report/summary-workbook';
import { corpus, runCli, tmpDir, warmCli } from './corpus';
import { FORMULA_PAYLOADS, hostileSummary } from './payloads';

const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF), enough to read toCsv's output back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The engine's own formulas in the summary workbook: the commune-layout total column only. */
const ENGINE_FORMULA =
  /^=?(IF\(COUNT\([A-Z]+\d+:[A-Z]+\d+\)=0,"",SUM\([A-Z]+\d+:[A-Z]+\d+\)\)|IFERROR\(LOOKUP\(2,1\/ISNUMBER\([A-Z]+\d+:[A-Z]+\d+\),[A-Z]+\d+:[A-Z]+\d+\),""\))$/;

interface CellInfo {
  sheet: string;
  address: string;
  type: ExcelJS.ValueType;
  formula?: string;
  text: string;
}

async function xlsxCells(buf: Buffer | Uint8Array): Promise<CellInfo[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: CellInfo[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        // A merged range's other cells echo its top-left value: only the top-left counts.
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const formula = cell.type === ExcelJS.ValueType.Formula ? String(cell.formula) : undefined;
        const v = cell.value;
        const text =
          typeof v === 'string'
            ? v
            : v && typeof v === 'object' && 'richText' in v
              ? v.richText.map((r) => r.text).join('')
              : '';
        out.push({ sheet: ws.name, address: cell.address, type: cell.type, formula, text });
      }),
    );
  return out;
}

describe('CSV (toCsv)', () => {
  it('prefixes every text field that starts with = + - @ tab or CR with an apostrophe, and keeps it text', () => {
    const rows = [['Mã', 'Ghi chú'], ...FORMULA_PAYLOADS.map((p, i) => [`u${i}`, p])];
    const back = parseCsv(toCsv(rows));
    expect(back.length).toBe(rows.length);
    back.slice(1).forEach((r, i) => {
      const p = FORMULA_PAYLOADS[i];
      expect(r[1]).toBe(`'${p}`);
      expect(FORMULA_START.test(r[1])).toBe(false);
    });
    // Numbers stay numbers (a negative value is data, not an attack).
    expect(parseCsv(toCsv([[-5, 1.5, 0]]))[0]).toEqual(['-5', '1.5', '0']);
  });

  it('the long rows of a hostile summary: no text field starts like a formula', () => {
    const { summary } = hostileSummary(FORMULA_PAYLOADS);
    const csv = toCsv([LONG_HEADER, ...longRows(summary)]);
    const back = parseCsv(csv);
    expect(back.length).toBeGreaterThan(FORMULA_PAYLOADS.length);
    let prefixed = 0;
    for (const r of back)
      for (const f of r) {
        if (/^-?\d+(\.\d+)?$/.test(f)) continue; // a number
        expect({ field: f, formulaLike: FORMULA_START.test(f) }).toEqual({ field: f, formulaLike: false });
        if (f.startsWith("'")) prefixed++;
      }
    expect(prefixed).toBeGreaterThan(0);
    // The names are all there, readable behind the apostrophe.
    for (const p of FORMULA_PAYLOADS) expect(csv).toContain(p.includes('"') ? p.replace(/"/g, '""') : p);
  });
});

describe('summary workbook (.xlsx)', () => {
  it("writes every user string as text: the only formulas are the engine's own totals", async () => {
    const { summary, catalogue } = hostileSummary(FORMULA_PAYLOADS);
    const cells = await xlsxCells(await toXlsxBuffer(buildSummaryWorkbook(summary, catalogue)));
    const formulas = cells.filter((c) => c.formula !== undefined);
    for (const f of formulas)
      expect({ at: `${f.sheet}!${f.address}`, f: f.formula }).toMatchObject({
        f: expect.stringMatching(ENGINE_FORMULA),
      });
    // Every payload is somewhere in the workbook, as text.
    for (const p of FORMULA_PAYLOADS) {
      const core = p.replace(/^[\t\r]+/, '').trim();
      const holders = cells.filter((c) => c.text.includes(core));
      expect({ payload: p, found: holders.length > 0 }).toEqual({ payload: p, found: true });
      for (const h of holders) expect(h.type).toBe(ExcelJS.ValueType.String);
    }
    // Cells that begin with the payload (unit names in "Theo đơn vị") are strings, not formulas.
    const starting = cells.filter((c) => FORMULA_START.test(c.text));
    expect(starting.length).toBeGreaterThan(0);
    for (const c of starting) expect(c.formula).toBeUndefined();
  });

  it('the CLI keeps a commune\'s "=HYPERLINK(…)" note as text in tong-hop.xlsx and in the CSV', async () => {
    warmCli();
    const dir = tmpDir();
    try {
      const out = path.join(dir, 'tong-hop.xlsx');
      const csv = path.join(dir, 'tong-hop.csv');
      const cases = ['formula-text-in-note', 'plus-minus-at-note'].map(
        (id) => corpus.cases.find((c) => c.id === id)?.file as string,
      );
      for (const file of cases) {
        const r = await runCli([
          'aggregate',
          '--period',
          corpus.period,
          '--units',
          corpus.units,
          '--out',
          out,
          '--csv',
          csv,
          'good/',
          file,
        ]);
        expect(r.code).toBe(0);
        const cells = await xlsxCells(fs.readFileSync(out));
        const notes = cells.filter((c) => /HYPERLINK|\+84 912|@SUM/.test(c.text));
        expect(notes.length).toBeGreaterThan(0);
        for (const c of notes) expect(c.type).toBe(ExcelJS.ValueType.String);
        for (const c of cells.filter((x) => x.formula !== undefined)) expect(c.formula).toMatch(ENGINE_FORMULA);
        for (const r2 of parseCsv(fs.readFileSync(csv, 'utf8')))
          for (const f of r2) if (!/^-?\d+(\.\d+)?$/.test(f)) expect(FORMULA_START.test(f)).toBe(false);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
