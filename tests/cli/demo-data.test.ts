/**
 * The committed demo data equals the deterministic generator's output, and tells the
 * article's story. Regenerate after changing the generator or the catalogue:
 *   UPDATE_DEMO_DATA=1 npx jest tests/cli/demo-data
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_NOW, DEMO_PERIOD } from '../../src/cli/commands/demo';
import {
  DEMO_LATE,
  DEMO_MISSING,
  DEMO_TYPED,
  type DemoYear,
  generateDemoData,
  stringifyCompact,
} from '../../src/cli/demo/generate';
import { defaultCatalogue, defaultSettings } from '../../src/engine/catalogue/defaults';
import { dataWindow, deadline, localDateOf } from '../../src/engine/periods/cutoff';

const DIR = path.join(__dirname, '../../sheets-templates/demo');
const catalogue = defaultCatalogue();
const numeric = catalogue.indicators.filter((i) => i.kind !== 'note').map((i) => i.code);
const notes = catalogue.indicators.filter((i) => i.kind === 'note').map((i) => i.code);
const generated = generateDemoData(numeric, notes);
const file = (y: DemoYear) => path.join(DIR, `muong-nhe-${y.year}.json`);

if (process.env.UPDATE_DEMO_DATA === '1') {
  fs.mkdirSync(DIR, { recursive: true });
  for (const y of generated) fs.writeFileSync(file(y), `${stringifyCompact(y)}\n`);
}

const sum = (xs: (number | null)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);

function ytd(y: DemoYear, code: string, last = 9): number {
  return Object.values(y.units).reduce((a, u) => a + sum(u.values[code].slice(0, last)), 0);
}

/** Stocks: each unit's latest value up to `last`. */
function stock(y: DemoYear, code: string, last = 9): number {
  let total = 0;
  for (const u of Object.values(y.units)) {
    const vs = u.values[code].slice(0, last).filter((v): v is number => v !== null);
    total += vs.length ? vs[vs.length - 1] : 0;
  }
  return total;
}

describe('demo data', () => {
  test('committed JSON equals the generator output (deterministic)', () => {
    for (const y of generated) {
      expect(fs.readFileSync(file(y), 'utf8')).toBe(`${stringifyCompact(y)}\n`);
    }
    expect(generateDemoData(numeric, notes)).toEqual(generated);
  });

  const [y2017, y2018] = generated;

  test('2018 January–September district totals are the article figures', () => {
    expect(stock(y2018, 'HND_SXKDG_CONGNHAN')).toBe(115);
    expect(stock(y2018, 'HND_SXKDG_DANGKY')).toBe(264);
    expect(ytd(y2018, 'HND_NGAYCONG_DUONG')).toBe(92);
    expect(ytd(y2018, 'HND_NGAYCONG_KENH')).toBe(52);
    expect(ytd(y2018, 'DTN_KETNAP_DANG')).toBe(196);
    expect(ytd(y2018, 'DTN_GIUPDAN')).toBe(1000);
    expect(ytd(y2018, 'DTN_HO_NGAPLUT')).toBe(30);
    expect(ytd(y2018, 'DTN_QUA')).toBe(750);
    expect(ytd(y2018, 'DTN_MITOM')).toBe(100);
    expect(ytd(y2018, 'DTN_SUATCOM')).toBe(538);
    expect(ytd(y2018, 'DTN_CHAO')).toBe(530);
    expect(ytd(y2018, 'LDLD_QUA_HS')).toBe(555);
    expect(ytd(y2018, 'LDLD_MAIAM')).toBe(3);
    expect(ytd(y2018, 'LDLD_MAIAM_GIATRI')).toBe(90);
    expect(ytd(y2018, 'TCD_LUOT')).toBe(27);
    expect(ytd(y2018, 'DON_TONG')).toBe(50);
    expect(ytd(y2017, 'DON_TONG')).toBe(29);
    expect(ytd(y2018, 'DVK_DANHGIA')).toBe(8);
  });

  test('every cross-field rule of the catalogue holds in every commune and month', () => {
    for (const y of generated) {
      for (const [unit, u] of Object.entries(y.units)) {
        for (let k = 0; k < 12; k++) {
          for (const rule of catalogue.rules) {
            const side = (codes: string[]) => codes.map((c) => u.values[c][k]);
            const l = side(rule.left);
            const r = side(rule.right);
            if (l.every((v) => v === null) || r.every((v) => v === null)) continue;
            const a = sum(l);
            const b = sum(r);
            const ok = { '==': a === b, '!=': a !== b, '<=': a <= b, '<': a < b, '>=': a >= b, '>': a > b }[
              rule.operator
            ];
            if (!ok)
              throw new Error(`${y.year} ${unit} month ${k + 1}: rule ${rule.code} (${a} ${rule.operator} ${b})`);
          }
        }
      }
    }
  });

  test('deliberate faults: typed text, one late and one missing commune in September 2018', () => {
    for (const d of DEMO_TYPED) {
      expect(y2018.units[d.unit].typed[`${d.code}:${d.month}`]).toBe(d.text);
      expect(y2018.units[d.unit].values[d.code][d.month - 1]).toBeNull();
    }
    expect(y2018.units[DEMO_MISSING.unit].submitted[8]).toBeNull();
    expect(y2018.units[DEMO_MISSING.unit].values.DON_TONG[8]).toBeNull();
    expect(y2018.units['sen-thuong'].submitted[8]).toBe('2018-09-19');
    // No data after September 2018; 2017 is complete.
    for (const u of Object.values(y2018.units)) expect(u.values.TCD_LUOT.slice(9)).toEqual([null, null, null]);
    for (const u of Object.values(y2017.units)) expect(u.submitted.every(Boolean)).toBe(true);
  });

  test('submission dates are plausible at the demo clock: none after it, none before its month closes', () => {
    const settings = defaultSettings();
    const today = localDateOf(DEMO_NOW, settings.timeZone);
    for (const y of generated)
      for (const [unit, u] of Object.entries(y.units))
        u.submitted.forEach((date, k) => {
          if (!date) return;
          const end = dataWindow({ type: 'month', year: y.year, index: k + 1 }, settings).end;
          expect([unit, y.year, k + 1, date <= today, date >= end]).toEqual([unit, y.year, k + 1, true, true]);
        });
    // The late commune is late: after the deadline, yet before the run.
    expect(DEMO_LATE.date > deadline(DEMO_PERIOD, settings)).toBe(true);
  });

  test('every value is a whole number except amounts, and never negative', () => {
    const amounts = new Set(catalogue.indicators.filter((i) => i.kind === 'amount').map((i) => i.code));
    for (const y of generated)
      for (const u of Object.values(y.units))
        for (const [code, vs] of Object.entries(u.values))
          for (const v of vs) {
            if (v === null) continue;
            expect(v).toBeGreaterThanOrEqual(0);
            if (!amounts.has(code)) expect(Number.isInteger(v)).toBe(true);
          }
  });
});
