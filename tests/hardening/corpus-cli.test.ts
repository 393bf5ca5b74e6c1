/**
 * The bad-input corpus through the command-line tool, as a district IT officer runs it:
 *
 *   tonghop check --year 2018 --units units.json cases/<case>.xlsx
 *   tonghop aggregate --period 2018-09 --units units.json --json --out … good/ cases/<case>.xlsx
 *
 * For every case: the documented exit code, each expected Vietnamese message (naming the
 * cell or the file) on the console, no stack trace, and — from the JSON summary — the
 * good communes aggregated and every total exactly as expected (nothing changed silently).
 *
 * Every case runs through the CLI's `main` in this process (the code bin/tonghop.js runs,
 * without 126 Node start-ups); child processes of `node bin/tonghop.js` then cover the
 * whole corpus in one `check`, each unreadable file on its own, the 6.000-row sheet with
 * the heap capped at 96 MB (refusing it must not need memory), and an aggregate of the
 * good communes with every unreadable file.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { renderTextReport } from '../../src/engine/report/text';
import type { Finding, Summary } from '../../src/engine/types';
import {
  BAD,
  type Case,
  type CliResult,
  corpus,
  expectedTotals,
  hasStackTrace,
  NOW,
  runCli,
  tmpDir,
  totalsProblems,
  warmCli,
} from './corpus';

let out: string;

beforeAll(() => {
  out = tmpDir();
});

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

/** `tonghop …` in this process, from tests/fixtures/bad, output captured. */
async function tonghop(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: {
      write: (s: string) => {
        stdout += s;
        return true;
      },
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
    },
    env: { TONGHOP_NOW: NOW },
    cwd: BAD,
  });
  return { code, stdout, stderr };
}

const LABEL = { error: 'LỖI', warning: 'CẢNH BÁO', info: 'THÔNG TIN' } as const;

/** The subject commune's completeness in `aggregate` when it is not counted (cases.json "status"). */
function subjectStatus(c: Case): 'missing' | 'unreadable' | undefined {
  return (c as Case & { status?: 'missing' | 'unreadable' }).status;
}

describe.each(corpus.cases.map((c) => [c.id, c] as const))('tonghop on %s', (_id, c: Case) => {
  it(`check: exit ${c.exit.check}, the Vietnamese message names the place, no stack trace`, async () => {
    const r = await tonghop(['check', '--year', String(corpus.year), '--units', corpus.units, c.file]);
    const text = r.stdout + r.stderr;
    expect({ case: c.id, code: r.code, text: r.code === c.exit.check ? '' : text }).toEqual({
      case: c.id,
      code: c.exit.check,
      text: '',
    });
    expect(hasStackTrace(text)).toBe(false);
    for (const f of c.findings) expect(text).toContain(`${LABEL[f.severity]}: `);
    for (const f of c.findings) expect(text).toContain(f.message);
    if (c.kind === 'file') expect(text).toContain(`Tệp ${c.file}`);
  });

  it(`aggregate: exit ${c.exit.aggregate}, the other communes aggregated, totals exactly as expected`, async () => {
    const xlsx = path.join(out, `${c.id}.xlsx`);
    const r = await tonghop([
      'aggregate',
      '--period',
      corpus.period,
      '--units',
      corpus.units,
      '--json',
      '--out',
      xlsx,
      'good/',
      c.file,
    ]);
    expect({ case: c.id, code: r.code, stderr: r.stderr }).toMatchObject({ case: c.id, code: c.exit.aggregate });
    expect(hasStackTrace(r.stderr)).toBe(false);
    const summary: Summary = JSON.parse(r.stdout);
    expect(totalsProblems(c, summary)).toEqual([]);
    for (const u of corpus.goodUnits)
      expect(summary.completeness.rows.find((row) => row.unitCode === u)?.status).toBe('onTime');
    for (const f of c.findings) {
      if (f.checkOnly) continue;
      // On last year's sheet (year-cell-says-2017) the findings are lowered to information.
      const hit = summary.findings.find((s) => s.code === f.code && s.message.includes(f.message));
      expect({ case: c.id, finding: f.code, found: Boolean(hit) }).toEqual({
        case: c.id,
        finding: f.code,
        found: true,
      });
    }
    if (!c.counted) {
      // Not silently missing: no readable report, so not counted as reported …
      expect(summary.completeness.rows.find((row) => row.unitCode === corpus.subject)?.status).toBe('missing');
      const noReport = summary.findings.some((f) => f.code === 'unit-missing' && f.unitCode === corpus.subject);
      const fileError = summary.findings.find((f) => f.code === 'file-unreadable' && f.file === c.file);
      // … and listed as unreadable when it sent a file that could not be opened (the only
      // unit without a readable report: the file is its), else as not reported.
      expect({
        case: c.id,
        unreadableUnits: summary.unreadableUnits,
        noReport,
        unitOfFile: fileError?.unitCode,
      }).toEqual(
        subjectStatus(c) === 'unreadable'
          ? { case: c.id, unreadableUnits: [corpus.subject], noReport: false, unitOfFile: corpus.subject }
          : { case: c.id, unreadableUnits: [], noReport: true, unitOfFile: undefined },
      );
    }
    expect(fs.statSync(xlsx).size).toBeGreaterThan(1000);
  });
});

describe('node bin/tonghop.js (child processes)', () => {
  const fileCases = corpus.cases.filter((c) => c.kind === 'file');

  beforeAll(() => warmCli());

  it('checks the whole corpus in one run: every case reported under its file, exit 1, no stack trace', async () => {
    const r = await runCli(['check', '--json', '--year', String(corpus.year), '--units', corpus.units, 'cases/']);
    expect(r.code).toBe(1);
    expect(hasStackTrace(r.stderr)).toBe(false);
    const json = JSON.parse(r.stdout) as { files: number; unreadableFiles: number; findings: Finding[] };
    expect(json.files).toBe(corpus.cases.length);
    expect(json.unreadableFiles).toBe(fileCases.length);
    // Together the cases are 50 reports of Xã Chung Chải 2018: one is kept (duplicate-unit
    // errors name the others); rules and maxima are checked, and formulas without a result reported,
    // only on the sheet kept. Everything found while reading is there for every file.
    const afterReading = new Set(['duplicate-unit', 'rule-violation', 'above-max', 'formula-no-result']);
    const missed: string[] = [];
    for (const c of corpus.cases)
      for (const e of c.findings.filter((x) => !afterReading.has(x.code))) {
        const hit = json.findings.some(
          (f) => (f.file === c.file || f.file === undefined) && f.code === e.code && f.message.includes(e.message),
        );
        if (!hit) missed.push(`${c.id}: ${e.code}`);
      }
    expect(missed).toEqual([]);
    expect(json.findings.filter((f) => f.code === 'duplicate-unit').length).toBeGreaterThan(40);
  }, 120_000);

  it.each(fileCases.map((c) => [c.id, c] as const))(
    'refuses %s with a Vietnamese message naming the file, exit 3',
    async (_id, c) => {
      // Heap capped: refusing a file (even the 6.000-row sheet) must not need memory.
      const r = await runCli(['check', '--units', corpus.units, c.file], { nodeArgs: ['--max-old-space-size=96'] });
      const text = r.stdout + r.stderr;
      expect({ code: r.code, text: r.code === 3 ? '' : text }).toEqual({ code: c.exit.check, text: '' });
      expect(hasStackTrace(text)).toBe(false);
      for (const f of c.findings) expect(text).toContain(f.message);
      expect(text).toContain(`Tệp ${c.file}`);
      expect(r.stderr).toContain('Không đọc được tệp báo cáo nào.');
    },
    60_000,
  );

  it('aggregates the good communes despite every unreadable file, exit 1, totals of the good ones', async () => {
    const xlsx = path.join(out, 'all-bad-files.xlsx');
    const csv = path.join(out, 'all-bad-files.csv');
    const html = path.join(out, 'all-bad-files.html');
    const args = ['aggregate', '--period', corpus.period, '--units', corpus.units, '--json'];
    const r = await runCli([
      ...args,
      '--out',
      xlsx,
      '--csv',
      csv,
      '--html',
      html,
      'good/',
      ...fileCases.map((c) => c.file),
    ]);
    expect(r.code).toBe(1);
    expect(hasStackTrace(r.stderr)).toBe(false);
    const summary: Summary = JSON.parse(r.stdout);
    const notCounted = { ...fileCases[0], counted: false };
    expect(totalsProblems(notCounted, summary)).toEqual([]);
    expect(summary.indicators.find((i) => i.code === 'DTN_QUA')?.period).toBe(expectedTotals(notCounted).DTN_QUA);
    for (const c of fileCases) {
      const f = summary.findings.find((x) => x.file === c.file);
      // Eight unreadable files, one unit without a report: which file is its cannot be said.
      expect({ case: c.id, severity: f?.severity, unit: f?.unitCode }).toEqual({
        case: c.id,
        severity: 'error',
        unit: undefined,
      });
    }
    expect(summary.unreadableUnits).toEqual([]);
    for (const f of [xlsx, csv, html]) expect(fs.statSync(f).size).toBeGreaterThan(500);
  }, 120_000);

  it('never leaves a stack trace for nonsense arguments', async () => {
    for (const args of [
      ['aggregate', '--period', '2018-13', 'good/'],
      ['check', 'khong-co-thu-muc/'],
      ['check', '--units', 'cases/renamed-text-file.xlsx', 'good/'],
      ['frobnicate'],
    ]) {
      const r = await runCli(args);
      expect({ args, code: r.code === 2 || r.code === 3 }).toEqual({ args, code: true });
      expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
      expect(r.stderr.trim().length).toBeGreaterThan(10);
    }
  }, 120_000);
});

describe('an unreadable commune file is "không đọc được", not "chưa nộp" (issue 6)', () => {
  const rowOf = (summary: Summary, code: string) => summary.completeness.rows.find((r) => r.unitCode === code);

  it('console, narrative, report text, the summary sheet and "Kiểm tra" name the unit and the file', async () => {
    const xlsx = path.join(out, 'unreadable-console.xlsx');
    const file = 'cases/password-protected.xlsx';
    const args = ['aggregate', '--period', corpus.period, '--units', corpus.units, '--out', xlsx, 'good/', file];
    const r = await tonghop(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Không đọc được báo cáo: Xã Chung Chải (${file})`);
    expect(r.stdout).not.toMatch(/Chưa báo cáo: .*Chung Chải/);
    expect(r.stdout).toContain('không đọc được báo cáo của: xã Chung Chải');
    expect(r.stdout).not.toMatch(/chưa báo cáo:[^;]*Chung Chải/);
    // The error names the file, why, and whose report it is taken to be.
    const error = r.stdout.split('\n').find((l) => l.startsWith('LỖI: ') && l.includes(file)) ?? '';
    expect(error).toContain('đã đặt mật khẩu');
    expect(error).toContain('coi là báo cáo của Xã Chung Chải');

    const json: Summary = JSON.parse((await tonghop([...args, '--json'])).stdout);
    expect(json.unreadableUnits).toEqual([corpus.subject]);
    expect(json.completeness.reported).toBe(3);
    const text = renderTextReport(json, defaultCatalogue());
    expect(text).toContain('Không đọc được báo cáo: Xã Chung Chải');
    expect(text).not.toMatch(/Chưa báo cáo: .*Chung Chải/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const rows = (name: string) => {
      const ws = wb.worksheets.find((w) => w.name.startsWith(name));
      const out: string[][] = [];
      ws?.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
      return out;
    };
    const status = rows('Tổng hợp').find((cells) => cells[1]?.includes('Chung Chải') && cells[0] !== '');
    expect(status?.[2]).toBe('Không đọc được báo cáo');
    const check = rows('Kiểm tra').find((cells) => cells[2] === file);
    expect(check?.[0]).toBe('Lỗi');
    expect(check?.[1]).toContain('Chung Chải');
  });

  it("a file named after its commune is that commune's even when several communes have not reported", async () => {
    const dir = path.join(out, 'named');
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(BAD, 'cases/renamed-pdf.xlsx'), path.join(dir, 'Xã Chung Chải - tháng 9.xlsx'));
    fs.copyFileSync(path.join(BAD, 'cases/truncated-download.xlsx'), path.join(dir, 'bao-cao-thang-9.xlsx'));
    const args = ['aggregate', '--period', corpus.period, '--units', corpus.units, '--out', path.join(dir, 'th.xlsx')];
    const inputs = ['good/huoi-lech-2018.xlsx', dir];
    const summary: Summary = JSON.parse((await tonghop([...args, '--json', ...inputs])).stdout);
    expect(summary.unreadableUnits).toEqual(['chung-chai']);
    // Two communes sent nothing readable and one file names none: theirs stay "not reported".
    for (const code of ['muong-nhe', 'sin-thau']) {
      expect(rowOf(summary, code)?.status).toBe('missing');
      expect(summary.findings.some((f) => f.code === 'unit-missing' && f.unitCode === code)).toBe(true);
    }
    const loose = summary.findings.find(
      (f) => f.code === 'file-unreadable' && f.file?.endsWith('bao-cao-thang-9.xlsx'),
    );
    expect(loose?.unitCode).toBeUndefined();
    expect(summary.unattributedFiles?.map((f) => path.basename(f))).toEqual(['bao-cao-thang-9.xlsx']);
    // The e-mail says it too, by the file's name only (the folder is this machine's).
    const html = path.join(dir, 'th.html');
    await tonghop([...args, '--html', html, ...inputs]);
    expect(fs.readFileSync(html, 'utf8')).toContain(
      '1 tệp không đọc được, chưa rõ của đơn vị nào: bao-cao-thang-9.xlsx (đơn vị chưa báo cáo có thể đã gửi một trong các tệp này)',
    );

    const r = await tonghop([...args, ...inputs]);
    expect(r.stdout).toMatch(/Không đọc được báo cáo: Xã Chung Chải \(.*Xã Chung Chải - tháng 9\.xlsx\)/);
    expect(r.stdout).toMatch(/Chưa báo cáo: Xã Mường Nhé; Xã Sín Thầu/);
    expect(r.stdout).toMatch(/1 tệp không đọc được, chưa rõ của đơn vị nào .*: .*bao-cao-thang-9\.xlsx/);
    expect(r.stdout).toContain('Theo tên tệp, đây là báo cáo của Xã Chung Chải');
  });

  it('a unit whose report was read keeps its status; a bad extra file named after it stays an error', async () => {
    const dir = path.join(out, 'extra');
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(BAD, 'cases/renamed-pdf.xlsx'), path.join(dir, 'huoi-lech-ban-cu.xlsx'));
    const args = ['aggregate', '--period', corpus.period, '--units', corpus.units, '--json'];
    const r = await tonghop([...args, '--out', path.join(dir, 'th.xlsx'), 'good/', 'cases/chung-chai.xlsx', dir]);
    const summary: Summary = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(summary.unreadableUnits).toEqual([]);
    expect(rowOf(summary, 'huoi-lech')?.status).toBe('onTime');
    expect(summary.findings.find((f) => f.code === 'file-unreadable')?.unitCode).toBeUndefined();
  });
});
