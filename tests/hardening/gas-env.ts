/**
 * A master spreadsheet in the Apps Script fake for the hardening tests: "Thiết lập" run,
 * tabs seeded verbatim (as getValues would return them), "Tổng hợp" driven through the
 * menu handler with its prompt answered. Independent of tests/gas/helpers.ts on purpose.
 */
import type { CellValue, SheetInput } from '../../src/engine/types';
import { setNowSource } from '../../src/gas/clock';
import * as main from '../../src/gas/main';
import { SETTING_LABELS, SHEETS } from '../../src/messages/vi/gas';
import { createGasFake, type GasFake, type SheetSeed } from '../fakes/gas';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const ADMIN = 'bandanvan@muongnhe.vn';
/** 5 October 2018, 09:00 in Vietnam: the last closed month is September 2018. */
export const GAS_NOW = new Date('2018-10-05T09:00:00+07:00');

export interface GasEnv {
  fake: GasFake;
  master: Spreadsheet;
  dispose(): void;
}

/** Dates from the .xlsx reader (local midnight) → 00:00 in Vietnam, as Sheets stores a typed date. */
function vnDate(d: Date): Date {
  return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - 7 * 3600_000);
}

/** A tab as Sheets would hold it: values verbatim (strings stay strings), at most 50.000 characters a cell. */
export function seedOf(sheet: SheetInput): SheetSeed {
  const values = sheet.grid.map((row) =>
    row.map((v: CellValue) => {
      if (v instanceof Date) return vnDate(v);
      if (typeof v === 'string') return v.slice(0, 50_000);
      return v ?? '';
    }),
  );
  return { name: sheet.name, values, merges: sheet.merges ?? [] };
}

export function createGasEnv(tabs: SheetSeed[] = [], opts: { user?: string } = {}): GasEnv {
  const fake = createGasFake({ now: GAS_NOW, user: opts.user ?? ADMIN });
  const master = fake.createSpreadsheet('Tổng hợp dân vận huyện Mường Nhé', {
    active: true,
    sheets: [{ name: 'Trang tính1' }, ...tabs],
  });
  fake.install(globalThis);
  setNowSource(() => fake.clock.now());
  main.setupSheets();
  fake.ui.alerts.length = 0;
  return {
    fake,
    master,
    dispose() {
      setNowSource(null);
      fake.uninstall();
    },
  };
}

export function setSetting(master: Spreadsheet, key: keyof typeof SETTING_LABELS, value: string): void {
  const sheet = master.getSheetByName(SHEETS.settings) as Sheet;
  const values = sheet.getDataRange().getValues();
  const row = values.findIndex((r) => r[0] === SETTING_LABELS[key]);
  if (row < 0) throw new Error(`no setting ${key}`);
  sheet
    .getRange(row + 1, 2)
    .setNumberFormat('@')
    .setValue(value);
}

/** "Tổng hợp" for a period typed as the user would. */
export function aggregate(fake: GasFake, period = '2018-09') {
  fake.ui.queuePromptResponse({ text: period });
  return main.aggregateReports();
}

/** "Tạo mẫu báo cáo cho xã" for a year. */
export function templates(fake: GasFake, year = 2018) {
  fake.ui.queuePromptResponse({ text: String(year) });
  return main.createTemplates();
}

/** The "Dữ liệu" rows of a period: unit code → indicator code → value ("*" = the total). */
export function dataRows(master: Spreadsheet, period = '2018-09'): Map<string, Map<string, number>> {
  const sheet = master.getSheetByName(SHEETS.data);
  const out = new Map<string, Map<string, number>>();
  if (!sheet) return out;
  for (const r of sheet.getDataRange().getValues().slice(1)) {
    if (String(r[0]) !== period) continue;
    const unit = String(r[1]);
    if (!out.has(unit)) out.set(unit, new Map());
    out.get(unit)?.set(String(r[3]), Number(r[5]));
  }
  return out;
}

/** Every text of every sheet whose name contains `period` (the summary sheets), for message checks. */
export function summaryTexts(master: Spreadsheet, period = '2018-09'): string {
  return master
    .getSheets()
    .filter((s) => s.getName().includes(period))
    .map((s) =>
      s
        .getDataRange()
        .getValues()
        .flat()
        .filter((v) => typeof v === 'string')
        .join('\n'),
    )
    .join('\n');
}

/** The "Nhật ký" rows: [time, user, action, period, result]. */
export function logRows(master: Spreadsheet): unknown[][] {
  const sheet = master.getSheetByName(SHEETS.log);
  return sheet ? sheet.getDataRange().getValues().slice(1) : [];
}
