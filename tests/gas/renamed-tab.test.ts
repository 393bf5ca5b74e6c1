/**
 * Layout (a): a commune's tab renamed by hand ("Chung Chai 2018" without its tone, "Xã Nậm Kè
 * 2018" with its kind) used to drop out of the totals with only "chưa có trang" to show for it.
 * It is read, with a warning naming the tab and the name it should have; Tạo mẫu does not put an
 * empty tab of the right name beside it (that one would then be read instead).
 */

import { defaultCatalogue } from '../../src/engine/catalogue/defaults';
import { indicatorRows, monthCol } from '../../src/engine/sheet/layout';
import * as main from '../../src/gas/main';
import { AGGREGATE, LOOKALIKE, TEMPLATES } from '../../src/messages/vi/gas';
import {
  createEnv,
  type Env,
  expectedSeptember,
  runAggregate,
  runSetup,
  runTemplates,
  seededMaster,
  summaryRow,
  unitSheet,
  YEAR,
} from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const catalogue = defaultCatalogue();
const label = (code: string) => catalogue.indicators.find((i) => i.code === code)?.label as string;
const SUMMARY = `Tổng hợp ${YEAR}-09`;

function prepare(reader: 'api' | 'spreadsheetapp'): Env {
  return seededMaster({ api: reader === 'api' });
}

/** 0-based row of `code` in the "Đơn vị" sheet. */
function unitRow(units: Sheet, code: string): number {
  return units
    .getRange('A:A')
    .getValues()
    .findIndex((r) => r[0] === code);
}

function rename(env: Env, from: string, to: string): void {
  (env.master.getSheetByName(from) as Sheet).setName(to);
}

function periodTotal(env: Env, code: string): unknown {
  return summaryRow(env.master.getSheetByName(SUMMARY) as Sheet, label(code))?.[3];
}

describe.each([['api'], ['spreadsheetapp']] as ['api' | 'spreadsheetapp'][])(
  'a tab renamed by hand (%s reader)',
  (reader) => {
    let env: Env;
    afterEach(() => env.dispose());

    test('is read, counted and named in the alert with the name it should have', () => {
      env = prepare(reader);
      rename(env, `Chung Chải ${YEAR}`, `Chung Chai ${YEAR}`);
      rename(env, `Nậm Kè ${YEAR}`, `Xã Nậm Kè ${YEAR}`);
      const r = runAggregate(env.fake, '9/2018');
      expect(r?.summary.completeness.reported).toBe(env.units.length);
      expect(periodTotal(env, 'TCD_LUOT')).toBe(expectedSeptember('TCD_LUOT', env.units.length));
      const alert = env.fake.ui.alerts.at(-1)?.prompt ?? '';
      expect(alert).toContain(LOOKALIKE.renamed('Xã Chung Chải', `Chung Chai ${YEAR}`, `Chung Chải ${YEAR}`));
      expect(alert).toContain(LOOKALIKE.renamed('Xã Nậm Kè', `Xã Nậm Kè ${YEAR}`, `Nậm Kè ${YEAR}`));
    });

    test('two tabs that could both be the unit’s: neither is read, and both are named', () => {
      env = prepare(reader);
      rename(env, `Chung Chải ${YEAR}`, `Chung Chai ${YEAR}`);
      const copy = env.master.insertSheet(`xã chung chai ${YEAR}`);
      copy.getRange('A1').setValue('bản nháp');
      const r = runAggregate(env.fake, '9/2018');
      expect(r?.summary.completeness.reported).toBe(env.units.length - 1);
      const said = [...(r?.problems ?? []), ...(r?.warnings ?? [])].join('\n');
      expect(said).toContain(
        LOOKALIKE.renamedAmbiguous('Xã Chung Chải', `Chung Chải ${YEAR}`, [
          `Chung Chai ${YEAR}`,
          `xã chung chai ${YEAR}`,
        ]),
      );
    });
  },
);

describe('the tab of another unit is never taken for a renamed one', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('a unit without a tab does not read the tab of a unit whose name differs only in tones', () => {
    env = createEnv();
    runSetup();
    // A second unit "Nậm Ké", whose name differs from "Nậm Kè" only in its tone, without a tab.
    const units = env.master.getSheetByName('Đơn vị') as Sheet;
    units.appendRow(['nam-ke-2', 'Nậm Ké', 'xã']);
    runTemplates(env.fake, YEAR);
    env.master.deleteSheet(env.master.getSheetByName(`Nậm Ké ${YEAR}`) as Sheet);
    const kè = unitSheet(env, { code: 'nam-ke', name: 'Nậm Kè', kind: 'xã', emails: [] }) as Sheet;
    kè.getRange(indicatorRows(catalogue).get('TCD_LUOT') as number, monthCol(9)).setValue(7);
    const r = runAggregate(env.fake, '9/2018');
    const row = r?.summary.completeness.rows.find((x) => x.unitCode === 'nam-ke-2');
    expect(row?.status).toBe('missing');
    expect(r?.warnings.join('\n') ?? '').not.toContain('Nậm Ké');
  });
});

describe('Tạo mẫu', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('does not add an empty tab beside a renamed one, and says which to rename', () => {
    env = prepare('api');
    rename(env, `Chung Chải ${YEAR}`, `Chung Chai ${YEAR}`);
    const tabs = env.master.getSheets().length;
    const r = runTemplates(env.fake, YEAR);
    expect(env.master.getSheets()).toHaveLength(tabs);
    expect(env.master.getSheetByName(`Chung Chải ${YEAR}`)).toBeNull();
    const said = [env.fake.ui.alerts.at(-1)?.prompt ?? '', JSON.stringify(r ?? '')].join('\n');
    expect(said).toContain(TEMPLATES.renamed('Xã Chung Chải', [`Chung Chai ${YEAR}`], `Chung Chải ${YEAR}`));
  });
});

describe('a copy of a commune’s tab ("Bản sao của Chung Chải 2018")', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('Kiểm tra on the copy says it is not the tab aggregated; Tổng hợp names the copy', () => {
    env = prepare('api');
    const orig = env.master.getSheetByName(`Chung Chải ${YEAR}`) as Sheet;
    const copy = orig.copyTo(env.master).setName(`Bản sao của Chung Chải ${YEAR}`);
    env.master.setActiveSheet(copy);
    main.checkData();
    const said = LOOKALIKE.notTheRealTab('Xã Chung Chải', YEAR, `Bản sao của Chung Chải ${YEAR}`, `Chung Chải ${YEAR}`);
    expect(env.fake.toasts.at(-1)?.msg).not.toBe('Không phát hiện lỗi nào.');
    const check = env.master.getSheetByName('Kiểm tra') as Sheet;
    expect(check.getDataRange().getValues().flat()).toContain(said);
    const r = runAggregate(env.fake, '9/2018');
    expect(r?.warnings).toContain(
      LOOKALIKE.copies('Xã Chung Chải', `Chung Chải ${YEAR}`, [`Bản sao của Chung Chải ${YEAR}`]),
    );
  });

  test('"Chung Chải 2018 (2)" is a copy; the summary’s own "Huyện Mường Nhé 2018" is no copy of "Mường Nhé 2018"', () => {
    env = prepare('api');
    runAggregate(env.fake, '9/2018');
    expect(env.master.getSheetByName(`Huyện Mường Nhé ${YEAR}`)).not.toBeNull();
    (env.master.getSheetByName(`Chung Chải ${YEAR}`) as Sheet).copyTo(env.master).setName(`Chung Chải ${YEAR} (2)`);
    const r = runAggregate(env.fake, '9/2018');
    expect(r?.warnings).toEqual([LOOKALIKE.copies('Xã Chung Chải', `Chung Chải ${YEAR}`, [`Chung Chải ${YEAR} (2)`])]);
  });

  test('the tab of another unit whose name holds this one’s is no copy', () => {
    env = createEnv();
    runSetup();
    (env.master.getSheetByName('Đơn vị') as Sheet).appendRow(['tt-chung-chai', 'Thị trấn Chung Chải', 'thị trấn']);
    runTemplates(env.fake, YEAR);
    const r = runAggregate(env.fake, '9/2018');
    expect((r?.warnings ?? []).join('\n')).not.toContain('không được tổng hợp');
  });
});

describe('a unit renamed in "Đơn vị" (same code)', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('its tab, named after the old name (its code), is still read; Tạo mẫu adds no empty tab', () => {
    env = prepare('api');
    const units = env.master.getSheetByName('Đơn vị') as Sheet;
    const row = unitRow(units, 'chung-chai');
    units.getRange(row + 1, 2).setValue('Chung Chải Mới');
    const tabs = env.master.getSheets().length;
    runTemplates(env.fake, YEAR);
    expect(env.master.getSheets()).toHaveLength(tabs);
    const r = runAggregate(env.fake, '9/2018');
    expect(r?.summary.completeness.reported).toBe(env.units.length);
    expect(r?.warnings).toContain(
      LOOKALIKE.renamed('Xã Chung Chải Mới', `Chung Chải ${YEAR}`, `Chung Chải Mới ${YEAR}`),
    );
  });
});

describe('a unit removed from "Đơn vị" mid-year', () => {
  let env: Env;
  afterEach(() => env.dispose());

  test('its tab is named as left out of the totals, instead of silence', () => {
    env = prepare('api');
    const units = env.master.getSheetByName('Đơn vị') as Sheet;
    const row = unitRow(units, 'chung-chai');
    units.deleteRow(row + 1);
    const r = runAggregate(env.fake, '9/2018');
    expect(r?.warnings).toEqual([AGGREGATE.tabsLeftOut([`Chung Chải ${YEAR}`])]);
    // Run again: the summary's own sheets ("Huyện Mường Nhé 2018", "Tổng hợp …") are never listed.
    expect(runAggregate(env.fake, '9/2018')?.warnings).toEqual([AGGREGATE.tabsLeftOut([`Chung Chải ${YEAR}`])]);
  });
});
