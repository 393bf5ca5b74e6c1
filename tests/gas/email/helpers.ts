/**
 * A Mường Nhé master spreadsheet in the Apps Script fake, with the configuration sheets
 * made by "Thiết lập" and (optionally) the communes' 2018 tabs, and the e-mail handlers
 * ready to be called as Apps Script would call them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultCatalogue, defaultUnits } from '../../../src/engine/catalogue/defaults';
import { fixtureCatalogue, fixtureSummary } from '../../../src/engine/report/fixtures';
import { buildUnitSheet } from '../../../src/engine/sheet/layout';
import { modelToGrid } from '../../../src/engine/sheet/testing';
import type { Period, Settings } from '../../../src/engine/types';
import { setClock } from '../../../src/gas/email/clock';
import { setEmailDeps } from '../../../src/gas/email/deps';
import * as email from '../../../src/gas/email/index';
import { readSheetSettings, writeSheetSettings } from '../../../src/gas/email/settings-store';
import { setupSheets } from '../../../src/gas/setup';
import { createGasFake, type GasFake } from '../../fakes/gas/index';

export const MASTER_ID = '1MasterMuongNhe0000000000000000000000000000';
export const SIDEBAR_HTML = path.join(__dirname, '../../../src/gas/email/sidebar.html');
/** What the fake "Google export" returns for the .xlsx. */
export const XLSX_BYTES = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);

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
  exports: string[];
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

  const exportsSeen: string[] = [];
  fake.http.handler = (req) => {
    exportsSeen.push(req.url);
    if (req.headers.Authorization !== 'Bearer fake-token') return { status: 401, body: 'no auth' };
    return {
      status: 200,
      body: XLSX_BYTES,
      headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    };
  };

  if (opts.stubAggregate) {
    setEmailDeps({
      aggregate: (period: Period) => {
        const summary = fixtureSummary();
        summary.settings = { ...summary.settings, ...currentSettings() };
        summary.period = period;
        return {
          summary,
          catalogue: fixtureCatalogue(),
          spreadsheetId: MASTER_ID,
          sheetId: 12345,
          sheetUrl: `https://docs.google.com/spreadsheets/d/${MASTER_ID}/edit#gid=12345`,
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
    exports: exportsSeen,
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
