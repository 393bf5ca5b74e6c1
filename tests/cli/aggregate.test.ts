/**
 * `tonghop aggregate` end to end: real commune .xlsx in, the summary workbook read back
 * with exceljs and checked cell by cell against the sums of the inputs; HTML, CSV, JSON;
 * order independence; exit codes; progress.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { summariseInputs } from '../../src/cli/commands/summary';
import type { Inputs } from '../../src/cli/inputs';
import { readWorkbookFile } from '../../src/cli/xlsx/read';
import { defaultSettings } from '../../src/engine/catalogue/defaults';
import { LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import type { Summary } from '../../src/engine/types';
import { buildCli, catalogue, demoYear, NOW, runCli, tmpDir, units, writeCommune } from './helpers';

const COMMUNES = ['chung-chai', 'nam-ke', 'sin-thau'];
const numeric = catalogue.indicators.filter((i) => i.kind !== 'note');
const dir = tmpDir('tonghop-agg-');
const inputs = path.join(dir, 'xa');
const files: string[] = [];

beforeAll(async () => {
  buildCli();
  for (const c of COMMUNES) for (const y of [2017, 2018]) files.push(await writeCommune(inputs, c, y));
}, 120_000);

/** The inputs' value of one unit for a month (null = empty). */
const value = (year: number, unit: string, code: string, month: number) =>
  demoYear(year).units[unit].values[code][month - 1];

/** Sum over the communes, null when none has a value (the engine never turns "nobody" into 0). */
function sumOver(f: (unit: string) => number | null): number | null {
  let total: number | null = null;
  for (const u of COMMUNES) {
    const v = f(u);
    if (v !== null) total = (total ?? 0) + v;
  }
  return total === null ? null : Number(total.toPrecision(15));
}

/** A unit's figure for months first..last: flows add up, stocks take the latest month with a value. */
function unitFigure(year: number, unit: string, code: string, first: number, last: number): number | null {
  const ind = catalogue.indicators.find((i) => i.code === code)!;
  const vs: number[] = [];
  for (let m = first; m <= last; m++) {
    const v = value(year, unit, code, m);
    if (v !== null) vs.push(v);
  }
  if (!vs.length) return null;
  return ind.overMonths === 'last' ? vs[vs.length - 1] : vs.reduce((a, b) => a + b, 0);
}

function cellNumber(v: ExcelJS.CellValue): number | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return v;
  throw new Error(`not a number: ${JSON.stringify(v)}`);
}

/** Row numbers of a sheet keyed by the text in a column. */
function rowsByText(ws: ExcelJS.Worksheet, col: number): Map<string, number> {
  const out = new Map<string, number>();
  ws.eachRow((row, r) => {
    const v = row.getCell(col).value;
    if (typeof v === 'string' && !out.has(v)) out.set(v, r);
  });
  return out;
}

/** Column of a header text in the first `maxRow` rows. */
function columnOf(ws: ExcelJS.Worksheet, text: string, maxRow = 10): { row: number; col: number } {
  for (let r = 1; r <= maxRow; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= ws.columnCount; c++) if (row.getCell(c).value === text) return { row: r, col: c };
  }
  throw new Error(`header "${text}" not found in ${ws.name}`);
}

describe('aggregate --period 2018-09', () => {
  let run: Awaited<ReturnType<typeof runCli>>;
  let wb: ExcelJS.Workbook;
  const out = path.join(dir, 'tong-hop.xlsx');

  beforeAll(async () => {
    run = await runCli([
      'aggregate',
      '--period',
      '2018-09',
      inputs,
      '--out',
      out,
      '--html',
      path.join(dir, 'bao-cao.html'),
      '--csv',
      path.join(dir, 'data.csv'),
    ]);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
  }, 60_000);

  test('exit 0, paths, completeness and narrative printed', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Đã ghi tệp tổng hợp: ${out}`);
    expect(run.stdout).toContain('TÌNH HÌNH GỬI BÁO CÁO');
    expect(run.stdout).toMatch(/Đã báo cáo: 3\/11/);
    expect(run.stdout).toContain('NHẬN XÉT');
    expect(run.stdout).toMatch(/toàn huyện/);
  });

  test('the commune-layout sheet: each month = the sum of the communes (cell by cell)', () => {
    const ws = wb.getWorksheet('Huyện Mường Nhé 2018')!;
    expect(ws).toBeDefined();
    const rows = rowsByText(ws, LAYOUT.codeCol);
    let checked = 0;
    for (const ind of numeric) {
      const r = rows.get(ind.code)!;
      expect(r).toBeDefined();
      for (let m = 1; m <= 12; m++) {
        const expected = m <= 9 ? sumOver((u) => value(2018, u, ind.code, m)) : null;
        expect([ind.code, m, cellNumber(ws.getCell(r, monthCol(m)).value)]).toEqual([ind.code, m, expected]);
        checked++;
      }
    }
    expect(checked).toBe(numeric.length * 12);
  });

  test('prints on A4 landscape, fitted to the page width, headers (and indicator names) on every page', () => {
    const setups = wb.worksheets.slice(0, 3).map((ws) => {
      const p = ws.pageSetup;
      return [ws.name, p.paperSize, p.orientation, p.fitToPage, p.fitToWidth, p.fitToHeight, p.margins?.left];
    });
    expect(setups).toEqual([
      ['Tổng hợp 2018-09', 9, 'landscape', true, 1, 0, 0.4],
      ['Theo đơn vị', 9, 'landscape', true, 1, 0, 0.4],
      ['Kiểm tra', 9, 'landscape', true, 1, 0, 0.4],
    ]);
    const main = wb.worksheets[0];
    expect(main.pageSetup.printTitlesRow).toBe('6:6');
    expect(main.getCell('B6').value).toBe('Chỉ tiêu');
    const byUnit = wb.getWorksheet('Theo đơn vị')!;
    expect(byUnit.pageSetup.printTitlesRow).toBe('4:5');
    expect(byUnit.pageSetup.printTitlesColumn).toBe('A:C');
    expect(byUnit.getCell('B4').value).toBe('Chỉ tiêu');
    expect(wb.getWorksheet('Kiểm tra')!.pageSetup.printTitlesRow).toBe('4:4');
  });

  test('the completeness table has filter buttons over its header and every unit', () => {
    const ws = wb.worksheets[0];
    const header = columnOf(ws, 'Tình trạng', ws.rowCount);
    const filter = String(ws.autoFilter);
    expect(filter).toBe(`A${header.row}:E${header.row + units.length}`);
    expect(ws.getCell(`B${header.row + units.length}`).value).toMatch(/^(Xã|Phường|Thị trấn) /);
    expect(ws.getCell(`B${header.row + units.length + 1}`).value ?? null).toBeNull();
  });

  test('"Theo đơn vị": each commune\'s September figure and the total', () => {
    const ws = wb.getWorksheet('Theo đơn vị')!;
    const labels = rowsByText(ws, 2);
    const total = columnOf(ws, 'Tổng cộng');
    for (const ind of numeric) {
      const r = labels.get(ind.label)!;
      expect(r).toBeDefined();
      for (const code of COMMUNES) {
        const name = units.find((u) => u.code === code)!.name;
        const c = columnOf(ws, name).col;
        expect([ind.code, code, cellNumber(ws.getCell(r, c).value)]).toEqual([
          ind.code,
          code,
          unitFigure(2018, code, ind.code, 9, 9),
        ]);
      }
      expect([ind.code, cellNumber(ws.getCell(r, total.col).value)]).toEqual([
        ind.code,
        sumOver((u) => unitFigure(2018, u, ind.code, 9, 9)),
      ]);
    }
  });

  test('the summary sheet: period, year to date, same period last year and each basis’s change per indicator', () => {
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Tổng hợp 2018-09');
    const labels = rowsByText(ws, 2);
    const period = columnOf(ws, 'Kỳ báo cáo').col;
    const ytd = columnOf(ws, 'Từ đầu năm (chỉ tiêu lũy kế: số đến nay)').col;
    const last = columnOf(ws, 'Cùng kỳ năm trước').col;
    const lastYtd = columnOf(ws, 'Lũy kế cùng kỳ năm trước').col;
    const change = columnOf(ws, 'Tăng/giảm so cùng kỳ (kỳ báo cáo)').col;
    const ytdChange = columnOf(ws, 'Tăng/giảm lũy kế so cùng kỳ (từ đầu năm)').col;
    const ytdPct = columnOf(ws, 'Tỷ lệ tăng/giảm lũy kế (%)').col;
    for (const ind of numeric) {
      const r = labels.get(ind.label)!;
      const row = (c: number) => cellNumber(ws.getCell(r, c).value);
      expect([ind.code, row(period), row(ytd), row(last), row(lastYtd)]).toEqual([
        ind.code,
        sumOver((u) => unitFigure(2018, u, ind.code, 9, 9)),
        sumOver((u) => unitFigure(2018, u, ind.code, 1, 9)),
        sumOver((u) => unitFigure(2017, u, ind.code, 9, 9)),
        sumOver((u) => unitFigure(2017, u, ind.code, 1, 9)),
      ]);
      // Each change beside its own basis: the period's, and the year to date's (what the e-mail compares).
      const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
      for (const [got, want] of [
        [row(change), minus(row(period), row(last))],
        [row(ytdChange), minus(row(ytd), row(lastYtd))],
      ]) {
        if (want === null) expect([ind.code, got]).toEqual([ind.code, null]);
        else expect(got).toBeCloseTo(want, 6);
      }
      // The year to date's rate is a percentage cell, as the period's.
      expect(ws.getCell(r, ytdPct).numFmt).toBe(ws.getCell(r, change + 1).numFmt);
      expect(ws.getCell(r, ytdPct).numFmt).toMatch(/%/);
    }
  });

  test('HTML report and CSV written', () => {
    const html = fs.readFileSync(path.join(dir, 'bao-cao.html'), 'utf8');
    expect(html).toMatch(/<html/);
    expect(html).not.toMatch(/<script/i);
    const csv = fs.readFileSync(path.join(dir, 'data.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toMatch(/chung-chai/);
  });
});

describe('JSON, order independence, default period', () => {
  test('files given in two orders → identical JSON summary (the CLI)', async () => {
    const a = await runCli(['aggregate', '--period', '2018-09', '--json', '--out', path.join(dir, 'a.xlsx'), ...files]);
    const b = await runCli([
      'aggregate',
      '--period',
      '2018-09',
      '--json',
      '--out',
      path.join(dir, 'b.xlsx'),
      ...[...files].reverse(),
    ]);
    expect(a.code).toBe(0);
    const ja: Summary = JSON.parse(a.stdout);
    const jb: Summary = JSON.parse(b.stdout);
    expect({ ...jb, generatedAt: '' }).toEqual({ ...ja, generatedAt: '' });
    expect(ja.generatedAt).toBe(NOW);
    expect(ja.completeness.reported).toBe(3);
  });

  test('workbooks in any order → identical summary (in process, no sorting by the CLI)', async () => {
    const outcomes = await Promise.all(files.map((f) => readWorkbookFile(f, path.basename(f))));
    const make = (order: typeof outcomes): Inputs => ({
      files: [],
      outcomes: order,
      workbooks: order.map((o) => o.workbook!),
      findings: [],
      unreadable: 0,
    });
    const config = { catalogue, units, settings: defaultSettings() };
    const period = { type: 'month' as const, year: 2018, index: 9 };
    const when = new Date(NOW);
    const s1 = summariseInputs(make(outcomes), config, period, when).summary;
    const s2 = summariseInputs(make([...outcomes].reverse()), config, period, when).summary;
    const s3 = summariseInputs(
      make([outcomes[3], outcomes[0], outcomes[5], outcomes[1], outcomes[4], outcomes[2]]),
      config,
      period,
      when,
    ).summary;
    expect(s2).toEqual(s1);
    expect(s3).toEqual(s1);
  });

  test('--period defaults to the last closed month (TONGHOP_NOW 20/09/2018 → 2018-09)', async () => {
    const r = await runCli(['aggregate', '--json', '--out', path.join(dir, 'c.xlsx'), inputs]);
    expect(JSON.parse(r.stdout).period).toEqual({ type: 'month', year: 2018, index: 9 });
    const early = await runCli(['aggregate', '--json', '--out', path.join(dir, 'd.xlsx'), inputs], {
      env: { TONGHOP_NOW: '2018-09-14T12:00:00+07:00' },
    });
    expect(JSON.parse(early.stdout).period).toEqual({ type: 'month', year: 2018, index: 8 });
  });

  test('a quarter aggregates its months', async () => {
    const r = await runCli(['aggregate', '--period', '2018-Q3', '--json', '--out', path.join(dir, 'q.xlsx'), inputs]);
    const s: Summary = JSON.parse(r.stdout);
    const luot = s.indicators.find((i) => i.code === 'TCD_LUOT')!;
    expect(luot.period).toBe(sumOver((u) => unitFigure(2018, u, 'TCD_LUOT', 7, 9)));
  });
});

describe('errors in the data', () => {
  test('exit 1, outputs still written, the bad cell listed and left out of the total', async () => {
    const d = tmpDir();
    await writeCommune(d, 'chung-chai', 2018, { 'TCD_LUOT:9': 'abc' });
    await writeCommune(d, 'nam-ke', 2018);
    // Outside the folder read: the second run would otherwise take it as an input (refused, exit 2).
    const out = path.join(tmpDir(), 'th.xlsx');
    const r = await runCli(['aggregate', '--period', '2018-09', d, '--out', out, '--json']);
    expect(r.code).toBe(1);
    expect(fs.existsSync(out)).toBe(true);
    const s: Summary = JSON.parse(r.stdout);
    expect(s.findings).toContainEqual(
      expect.objectContaining({ severity: 'error', indicatorCode: 'TCD_LUOT', month: 9 }),
    );
    expect(s.indicators.find((i) => i.code === 'TCD_LUOT')!.period).toBe(value(2018, 'nam-ke', 'TCD_LUOT', 9));

    const text = await runCli(['aggregate', '--period', '2018-09', d, '--out', out]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/LỖI: .*"abc"/);
    // The closing line does not call every error a cell left out (a broken rule's figures are summed).
    expect(text.stdout).toContain(
      'Có 1 lỗi cần sửa (xem danh sách trên và trang lỗi trong tệp tổng hợp); ô ghi sai và tệp không đọc được không được cộng vào tổng.',
    );
  });

  test('no readable file → exit 3, nothing written', async () => {
    const d = tmpDir();
    fs.writeFileSync(path.join(d, 'x.xlsx'), 'không phải xlsx');
    const out = path.join(d, 'th.xlsx');
    const r = await runCli(['aggregate', '--period', '2018-09', d, '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/x\.xlsx không phải tệp Excel/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('progress', () => {
  test('"Đang đọc n/N tệp…" on stderr with more than 10 files and --progress; silent otherwise when not a TTY', async () => {
    const d = tmpDir();
    for (const u of units) await writeCommune(d, u.code, 2018);
    await writeCommune(d, 'chung-chai', 2017);
    const withProgress = await runCli(['check', '--progress', d]);
    expect(withProgress.stderr).toMatch(/Đang đọc 12\/12 tệp…/);
    const quiet = await runCli(['check', d]);
    expect(quiet.stderr).toBe('');
  }, 60_000);
});
