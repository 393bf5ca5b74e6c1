/**
 * A Mường Nhé master spreadsheet in the Apps Script fake, with the configuration sheets
 * made by "Thiết lập" and (optionally) the communes' 2018 tabs, and the e-mail handlers
 * ready to be called as Apps Script would call them.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { defaultCatalogue, defaultUnits } from '../../../src/engine/catalogue/defaults';
import { formatPeriod } from '../../../src/engine/periods/period';
import { fixtureCatalogue, fixtureSummary } from '../../../src/engine/report/fixtures';
import { buildUnitSheet } from '../../../src/engine/sheet/layout';
import { modelToGrid } from '../../../src/engine/sheet/testing';
import type { Period, Settings } from '../../../src/engine/types';
import { setNowSource as setClock } from '../../../src/gas/clock';
import { setEmailDeps } from '../../../src/gas/email/deps';
import * as email from '../../../src/gas/email/index';
import type { RunOutcome } from '../../../src/gas/email/job';
import { readSheetSettings, writeSheetSettings } from '../../../src/gas/email/settings-store';
import { setupSheets } from '../../../src/gas/setup';
import { createGasFake, type GasFake } from '../../fakes/gas/index';
import type { TriggerInfo } from '../../fakes/gas/triggers';

export const MASTER_ID = '1MasterMuongNhe0000000000000000000000000000';
export const SIDEBAR_HTML = path.join(__dirname, '../../../src/gas/email/sidebar.html');

/** The handlers as Apps Script sees them (top-level functions). */
export const scope = email as unknown as Record<string, unknown>;

export interface UnitSeed {
  /** Month → ISO submission date. */
  submitted?: Record<number, string>;
  values?: Record<string, (number | null)[]>;
}

export interface World {
  fake: GasFake;
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** URLs of the spreadsheet exports fetched. */
  readonly exports: string[];
  /** Settings as they are in the sheet now. */
  settings(): Settings;
  setSettings(patch: Partial<Settings>): Settings;
  triggers(handler?: string): ReturnType<GasFake['triggers']['slice']>;
  /** All recipients of all sent mails, in order. */
  recipients(): string[];
  done(): void;
}

export function recipientsList(n: number, domain = 'dienbien.gov.vn'): string[] {
  return Array.from({ length: n }, (_, i) => `nguoinhan${String(i + 1).padStart(3, '0')}@${domain}`);
}

/**
 * Build the world. `units`: per unit code the 2018 data to put in its tab (layout a); units
 * without an entry get no tab at all unless `allTabs`.
 */
export function world(
  opts: {
    now?: string;
    mailQuota?: number;
    settings?: Partial<Settings>;
    units?: Record<string, UnitSeed>;
    allTabs?: boolean;
    /** Replace "Tổng hợp" with the hand-made September 2018 fixture (fast, no unit sheets needed). */
    stubAggregate?: boolean;
  } = {},
): World {
  const fake = createGasFake({
    now: new Date(opts.now ?? '2018-09-20T07:00:00+07:00'),
    mailQuota: opts.mailQuota ?? 1500,
    user: 'bdv@muongnhe.vn',
  });
  fake.install(globalThis);
  setClock(() => fake.clock.now());

  const catalogue = defaultCatalogue();
  const seeds = opts.units ?? {};
  const sheets = defaultUnits()
    .filter((u) => opts.allTabs || seeds[u.code])
    .map((u) => {
      const seed = seeds[u.code] ?? {};
      const submitted: (string | null)[] = Array(12).fill(null);
      for (const [m, iso] of Object.entries(seed.submitted ?? {})) submitted[Number(m) - 1] = iso;
      const model = buildUnitSheet(u, 2018, catalogue, { values: seed.values, submitted });
      return { name: model.name, values: modelToGrid(model) };
    });
  const ss = fake.createSpreadsheet('Báo cáo dân vận Mường Nhé', {
    id: MASTER_ID,
    active: true,
    sheets: sheets.length ? sheets : undefined,
  });
  setupSheets(ss);
  fake.html.files.sidebar = fs.readFileSync(SIDEBAR_HTML, 'utf8');

  // No test handler: the fake's Google export (every sheet, whatever `gid` says) and Drive answer.
  fake.http.handler = null;

  if (opts.stubAggregate) {
    setEmailDeps({
      aggregate: (period: Period) => {
        const summary = fixtureSummary();
        summary.settings = { ...summary.settings, ...currentSettings() };
        summary.period = period;
        const ids = stubSummarySheets(ss, formatPeriod(period));
        return {
          summary,
          catalogue: fixtureCatalogue(),
          spreadsheetId: MASTER_ID,
          sheetId: ids[0],
          sheetIds: ids,
          sheetUrl: `https://docs.google.com/spreadsheets/d/${MASTER_ID}/edit#gid=${ids[0]}`,
        };
      },
    });
  }

  function currentSettings(): Settings {
    const r = readSheetSettings();
    if (!r?.parsed.ok) throw new Error(`settings unreadable: ${r && !r.parsed.ok ? r.parsed.errors : 'no sheet'}`);
    return r.parsed.value;
  }

  const w: World = {
    fake,
    ss,
    get exports() {
      return fake.http.requests.map((r) => r.url).filter((u) => /\/export\?/.test(u));
    },
    settings: currentSettings,
    setSettings(patch) {
      const next = { ...currentSettings(), ...patch };
      const r = writeSheetSettings(next);
      if (!r.ok) throw new Error(r.errors.join('\n'));
      return r.settings;
    },
    triggers(handler?: string) {
      return fake.triggers.filter((t) => !handler || t.handlerFunction === handler);
    },
    recipients() {
      return fake.mail.sent.flatMap((m) => [...m.toList, ...m.ccList, ...m.bccList]);
    },
    done() {
      fake.uninstall();
      setClock(null);
      setEmailDeps(null);
    },
  };
  if (opts.settings) w.setSettings(opts.settings);
  return w;
}

/** Fire the installed trigger(s) of a handler, as Apps Script would (no UI). */
export function fire(w: World, handler: string): unknown[] {
  return w.triggers(handler).map((t) => w.fake.fireTrigger(t, scope));
}

/** "Nhật ký" as text, a line per row, cells joined by " | " ('' before it exists). */
/**
 * Advance `w`'s clock by `stepMs` up to `totalMs`, firing each one-off `resumeReportJob` trigger once
 * it is due, as Apps Script would; the outcomes of the runs, in order.
 */
export function runResumesFor(w: World, totalMs: number, stepMs = 60_000): RunOutcome[] {
  const out: RunOutcome[] = [];
  const fired = new Set<string>();
  for (let t = 0; t < totalMs; t += stepMs) {
    w.fake.clock.advance(stepMs);
    const now = w.fake.clock.now().getTime();
    for (const tr of w.triggers('resumeReportJob') as unknown as TriggerInfo[]) {
      const due = tr.createdAt.getTime() + (tr.schedule.after ?? 0);
      if (fired.has(tr.id) || due > now) continue;
      fired.add(tr.id);
      out.push(w.fake.fireTrigger(tr, scope) as RunOutcome);
    }
  }
  return out;
}

export function logText(w: World): string {
  const sheet = w.ss.getSheetByName('Nhật ký');
  return sheet
    ? sheet
        .getDataRange()
        .getValues()
        .map((r) => r.join(' | '))
        .join('\n')
    : '';
}

/**
 * Stand-ins for the period's summary sheets "Tổng hợp/Theo đơn vị/Kiểm tra <kỳ>" (made once) and
 * a "Dữ liệu" they read: a formula on another sheet, one on its own sheet, a text that looks like a date.
 */
export function stubSummarySheets(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, key: string): number[] {
  if (!ss.getSheetByName('Dữ liệu'))
    ss.insertSheet('Dữ liệu')
      .getRange('A1:B2')
      .setValues([
        ['a', 2],
        ['b', 3],
      ]);
  return ['Tổng hợp', 'Theo đơn vị', 'Kiểm tra'].map((base) => {
    const name = `${base} ${key}`;
    let sheet = ss.getSheetByName(name);
    if (!sheet) {
      sheet = ss.insertSheet(name);
      sheet.getRange('A1:B1').setValues([[base.toUpperCase(), `'${key}`]]);
      sheet.getRange('A2:C2').setFormulas([["=SUM('Dữ liệu'!B1:B2)", '=A2*2', '']]);
    }
    return sheet.getSheetId();
  });
}

/** The sheets of an .xlsx: names in order, and each sheet's cells (value, or formula text) as text. */
export async function xlsxContent(bytes: Uint8Array): Promise<{ names: string[]; cells: Record<string, string[]> }> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const unxml = (t: string) =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  const names: string[] = [];
  const cells: Record<string, string[]> = {};
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)) {
    const name = unxml(m[1]);
    names.push(name);
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]*)"`).exec(rels)?.[1] ?? '';
    const xml = (await zip.file(`xl/${target.replace(/^\/?xl\//, '')}`)?.async('string')) ?? '';
    cells[name] = [...xml.matchAll(/<(?:t|v|f)(?: [^>]*)?>([^<]*)<\/(?:t|v|f)>/g)].map((x) => unxml(x[1]));
  }
  return { names, cells };
}
