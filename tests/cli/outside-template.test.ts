/**
 * Commune workbooks edited outside the template (review G): a month with figures but no readable
 * submission date, a date typed "17/9", "-" or "không" typed for zero. Real .xlsx files, `tonghop`
 * as a child process.
 */
import path from 'node:path';
import { writeXlsx } from '../../src/cli/xlsx/write';
import type { SheetModel } from '../../src/engine/report/model';
import { a1, indicatorRows, LAYOUT, monthCol } from '../../src/engine/sheet/layout';
import type { Finding, Summary } from '../../src/engine/types';
import { buildCli, catalogue, communeSheet, runCli, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

const dateCell = a1(LAYOUT.submittedRow, monthCol(9));

/** A folder with Chung Chải's 2018 workbook, its September date cell set to `date`, and its 2017 one. */
async function communeWithDate(date: string | null, edit?: (s: SheetModel) => void): Promise<string> {
  const dir = tmpDir('tonghop-outside-');
  const sheet = communeSheet('chung-chai', 2018);
  sheet.rows[LAYOUT.submittedRow - 1][monthCol(9) - 1] = date === null ? null : { v: date, s: 'text' };
  edit?.(sheet);
  await writeXlsx({ sheets: [sheet] }, path.join(dir, 'chung-chai-2018.xlsx'));
  await writeCommune(dir, 'chung-chai', 2017);
  return dir;
}

async function aggregateJson(dir: string): Promise<{ summary: Summary; findings: Finding[] }> {
  const r = await runCli(['aggregate', '--json', '--period', '2018-09', dir, '--out', path.join(tmpDir(), 'th.xlsx')]);
  const json = JSON.parse(r.stdout);
  return { summary: json, findings: json.findings as Finding[] };
}

describe('a month with figures but no submission date is "chưa rõ ngày nộp", not late', () => {
  test('console, narrative and finding never call the commune late', async () => {
    const dir = await communeWithDate(null);
    const r = await runCli(['aggregate', '--period', '2018-09', dir, '--out', path.join(tmpDir(), 'th.xlsx')]);
    expect(r.stdout).toContain('Chưa rõ ngày nộp: Xã Chung Chải');
    expect(r.stdout).toContain('chưa rõ ngày nộp: xã Chung Chải');
    expect(r.stdout).not.toMatch(/muộn: [Xx]ã Chung Chải/);
    const line = r.stdout.split('\n').find((l) => l.includes(`ô ${dateCell}`)) ?? '';
    expect(line).toContain('tháng 9 có số liệu nhưng chưa có ngày nộp, nên chưa rõ ngày nộp');
    expect(line).not.toContain('nộp muộn');
    // Not on time all the same (as DHIS2 counts timeliness only with a date).
    const { summary } = await aggregateJson(dir);
    expect(summary.completeness.onTime).toBe(0);
    expect(summary.completeness.reported).toBe(1);
  });

  test('a date cell holding text that is no date: the second message says the date could not be read', async () => {
    const dir = await communeWithDate('hôm qua');
    const { findings } = await aggregateJson(dir);
    const atCell = findings.filter((f) => f.cell === dateCell && f.unitCode === 'chung-chai');
    expect(atCell.map((f) => f.code)).toEqual(['not-a-date', 'undated-month']);
    const undated = atCell[1].message;
    expect(undated).toContain('tháng 9 có số liệu nhưng không đọc được ngày nộp ghi ở ô này');
    expect(undated).not.toContain('chưa có ngày nộp');
  });

  test('"17/9" in a 2018 sheet is read as 17/09/2018, with a warning naming the cell', async () => {
    const dir = await communeWithDate('17/9');
    const check = await runCli(['check', '--json', dir]);
    const found = (JSON.parse(check.stdout).findings as Finding[]).filter((f) => f.cell === dateCell);
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'date-without-year',
        message: `Xã Chung Chải, ô ${dateCell} (Ngày nộp báo cáo, tháng 9): ngày "17/9" không ghi năm, đã hiểu là 17/09/2018 (năm của trang); nên ghi đủ ngày/tháng/năm`,
      }),
    ]);
    const { summary } = await aggregateJson(dir);
    const row = summary.completeness.rows.find((x) => x.unitCode === 'chung-chai');
    expect(row).toMatchObject({ status: 'onTime', submittedOn: '2018-09-17' });
  });
});

describe('"-", "–", "—", "không", "Không có" typed for zero', () => {
  // Indicators summed over months (a stock's dash is told apart below).
  const counts = catalogue.indicators.filter((i) => i.kind === 'count' && i.overMonths === 'sum').map((i) => i.code);
  const typed: [string, string][] = [
    ['không', 'nil'],
    ['-', 'nil'],
    ['x', 'bad'],
    ['–', 'nil'],
    ['Không có', 'nil'],
    ['o', 'bad'],
    ['/', 'bad'],
    ['—', 'nil'],
  ];

  test('are read as 0 with a warning; "x", "o", "/" stay errors with the hint to type 0', async () => {
    const dir = tmpDir('tonghop-nil-');
    const cells = Object.fromEntries(typed.map(([text], k) => [`${counts[k]}:9`, text]));
    await writeCommune(dir, 'chung-chai', 2018, cells);
    const r = await runCli(['check', '--json', dir]);
    const findings = JSON.parse(r.stdout).findings as Finding[];
    const rows = indicatorRows(catalogue);
    typed.forEach(([text, what], k) => {
      const cell = a1(rows.get(counts[k]) as number, monthCol(9));
      const f = findings.filter((x) => x.cell === cell);
      expect(f).toHaveLength(1);
      if (what === 'nil') {
        expect(f[0]).toMatchObject({ severity: 'warning', code: 'nil-as-zero' });
        expect(f[0].message).toMatch(new RegExp(`^Xã Chung Chải, ô ${cell} \\(.*, tháng 9\\): "${text}" đã hiểu là 0`));
      } else {
        expect(f[0]).toMatchObject({ severity: 'error', code: 'not-a-number' });
        expect(f[0].message).toContain(`"${text}" không phải là số — nếu không có, ghi 0`);
      }
    });
  });
});

describe("figures typed one column to the right (September's in T10), run before October's cut-off", () => {
  const env = { TONGHOP_NOW: '2018-10-05T02:00:00.000Z' };
  const rows = indicatorRows(catalogue);

  /** Chung Chải's September figures moved to October's column; its date left in September or moved too. */
  async function shifted(moveDate: boolean): Promise<string> {
    return communeWithDate('17/09/2018', (sheet) => {
      const at = [...rows.values(), ...(moveDate ? [LAYOUT.submittedRow] : [])];
      for (const row of at) {
        const cells = sheet.rows[row - 1];
        cells[monthCol(10) - 1] = cells[monthCol(9) - 1];
        cells[monthCol(9) - 1] = null;
      }
    });
  }

  const futureOf = (findings: Finding[]) => findings.filter((f) => f.code === 'future-month-figures');

  test("check and aggregate warn of October's figures, naming the cells; the narrative says September is empty", async () => {
    const dir = await shifted(false);
    const check = await runCli(['check', '--json', dir], { env });
    const inCheck = futureOf(JSON.parse(check.stdout).findings as Finding[]);
    expect(inCheck).toEqual([expect.objectContaining({ severity: 'warning', unitCode: 'chung-chai', month: 10 })]);
    // The cells named are October's (column N).
    const first = inCheck[0].cell as string;
    expect(first).toMatch(new RegExp(`^${a1(1, monthCol(10)).replace(/1$/, '')}\\d+$`));
    expect(inCheck[0].message).toMatch(
      new RegExp(
        `^Xã Chung Chải: tháng 10 chưa đến ngày chốt số liệu \\(14/10/2018\\) mà đã có số liệu \\(ô ${first}, .* và \\d+ ô khác\\) — có lẽ nhập nhầm cột \\(số liệu tháng 9 ghi sang cột tháng 10\\?\\)`,
      ),
    );

    const r = await runCli(
      ['aggregate', '--json', '--period', '2018-09', dir, '--out', path.join(tmpDir(), 'th.xlsx')],
      {
        env,
      },
    );
    const json = JSON.parse(r.stdout) as Summary;
    expect(futureOf(json.findings).map((f) => f.message)).toEqual(inCheck.map((f) => f.message));
    expect(json.narrative[0]).toContain(
      'xã Chung Chải đã nộp nhưng chưa có số liệu tháng 9/2018, trong khi cột tháng 10 đã có số liệu (có lẽ nhập nhầm cột',
    );
  });

  test("with the date moved too, aggregate still tells of October's figures", async () => {
    const dir = await shifted(true);
    const r = await runCli(
      ['aggregate', '--json', '--period', '2018-09', dir, '--out', path.join(tmpDir(), 'th.xlsx')],
      {
        env,
      },
    );
    const json = JSON.parse(r.stdout) as Summary;
    const found = futureOf(json.findings);
    expect(found.map((f) => [f.unitCode, f.month])).toEqual([['chung-chai', 10]]);
    // "Chưa báo cáo", with the hint: the date in October's column is September's.
    expect(json.narrative[0]).toContain(
      'chưa báo cáo: xã Chung Chải (cột tháng 10 đã có số liệu và ngày nộp trong kỳ tháng 9/2018, có lẽ nhập nhầm cột',
    );
    // check: the date of the slipped column agrees with the slip, not "copied from the month before".
    const check = await runCli(['check', '--json', dir], { env });
    const octDate = a1(LAYOUT.submittedRow, monthCol(10));
    const atDate = (JSON.parse(check.stdout).findings as Finding[]).filter((f) => f.cell === octDate);
    expect(atDate.map((f) => f.code)).toEqual(['submitted-with-future-figures']);
    expect(atDate[0].message).not.toContain('chép từ tháng trước');
  });

  test("after October's cut-off, October's figures are no slip: no warning", async () => {
    const dir = await shifted(false);
    const check = await runCli(['check', '--json', dir], { env: { TONGHOP_NOW: '2018-10-20T02:00:00.000Z' } });
    expect(futureOf(JSON.parse(check.stdout).findings as Finding[])).toEqual([]);
  });
});

describe('"5/1" typed in December\'s submission cell', () => {
  const rows = indicatorRows(catalogue);
  const decCell = a1(LAYOUT.submittedRow, monthCol(12));
  const env = { TONGHOP_NOW: '2019-01-10T02:00:00.000Z' };

  test('is read as 05/01 of the next year, never blamed on the commune as a wrong year', async () => {
    const dir = await communeWithDate('17/09/2018', (sheet) => {
      // December's figures (September's copied) and its date typed without a year.
      for (const row of rows.values()) sheet.rows[row - 1][monthCol(12) - 1] = sheet.rows[row - 1][monthCol(9) - 1];
      sheet.rows[LAYOUT.submittedRow - 1][monthCol(12) - 1] = { v: '5/1', s: 'text' };
    });
    const check = await runCli(['check', '--json', dir], { env });
    const atCell = (JSON.parse(check.stdout).findings as Finding[]).filter(
      (f) => f.cell === decCell && f.unitCode === 'chung-chai',
    );
    expect(atCell.map((f) => f.message)).toEqual([
      `Xã Chung Chải, ô ${decCell} (Ngày nộp báo cáo, tháng 12): ngày "5/1" không ghi năm, đã hiểu là 05/01/2019 (vì là ngày nộp báo cáo tháng 12); nên ghi đủ ngày/tháng/năm`,
    ]);
    const r = await runCli(
      ['aggregate', '--json', '--period', '2018-12', dir, '--out', path.join(tmpDir(), 'th.xlsx')],
      { env },
    );
    const json = JSON.parse(r.stdout) as Summary;
    const row = json.completeness.rows.find((x) => x.unitCode === 'chung-chai');
    expect(row?.submittedOn).toBe('2019-01-05');
    expect(row?.undatedMonths).toBeUndefined();
    expect(json.findings.filter((f) => f.cell === decCell).map((f) => f.code)).toEqual(['date-without-year']);
  });
});

describe('"-", "không" in a stock (lũy kế) row', () => {
  const stocks = catalogue.indicators.filter((i) => i.overMonths === 'last' && i.kind === 'count').map((i) => i.code);

  test('is an error with the hint, not 0: the district\'s "đến nay" keeps the figure reported before', async () => {
    const dir = tmpDir('tonghop-nil-stock-');
    await writeCommune(dir, 'chung-chai', 2018, { [`${stocks[0]}:9`]: '-', [`${stocks[1]}:9`]: 'không' });
    await writeCommune(dir, 'chung-chai', 2017);
    const clean = tmpDir('tonghop-nil-stock-clean-');
    await writeCommune(clean, 'chung-chai', 2018);
    const { findings, summary } = await aggregateJson(dir);
    const rows = indicatorRows(catalogue);
    stocks.slice(0, 2).forEach((code, k) => {
      const cell = a1(rows.get(code) as number, monthCol(9));
      const f = findings.filter((x) => x.cell === cell);
      expect(f).toEqual([expect.objectContaining({ severity: 'error', code: 'nil-in-stock' })]);
      expect(f[0].message).toContain(
        `"${k === 0 ? '-' : 'không'}" không phải là số; chưa tính vào tổng — chỉ tiêu lũy kế: ghi số hiện có`,
      );
    });
    // Not read as 0: the stock "đến nay" is the one reported for August, carried (as for any cell typed wrong).
    const r = await runCli([
      'aggregate',
      '--json',
      '--period',
      '2018-08',
      clean,
      '--out',
      path.join(tmpDir(), 'a.xlsx'),
    ]);
    const august = JSON.parse(r.stdout) as Summary;
    const ytd = (s: Summary, code: string) => s.indicators.find((i) => i.code === code)?.ytd;
    for (const code of stocks.slice(0, 2)) {
      expect(ytd(august, code)).toBeGreaterThan(0);
      expect(ytd(summary, code)).toBe(ytd(august, code));
    }
    expect(summary.narrative.join(' ')).toContain('xã Chung Chải');
  });
});
