/**
 * A merged unit of 2025 whose name another unit of the list has (two "Mường Nhé" communes): the
 * merger texts say which one by its code, as every other output does, and never a bracket in a bracket.
 */
import units2025Json from '../../sheets-templates/units-2025.json';
import { defaultCatalogue, defaultSettings } from './catalogue/defaults';
import { parseUnits } from './catalogue/schema';
import { predecessorsMissing, summarise } from './pipeline';
import { buildUnitSheet, type UnitSheetData } from './sheet/layout';
import { modelToSheetInput } from './sheet/testing';
import type { Period, Unit, WorkbookInput } from './types';

const CATALOGUE = defaultCatalogue();
const m12 = (sparse: Record<number, number>) => Array.from({ length: 12 }, (_, i) => sparse[i + 1] ?? null);
const parsed = parseUnits(units2025Json);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const twin: Unit = { code: 'muong-nhe-dh', name: 'Mường Nhé', kind: 'xã', emails: [] };
const UNITS: Unit[] = [...parsed.value, twin];
const NEW = UNITS.find((u) => u.code === 'muong-nhe-2025') as Unit;

function workbook(u: Pick<Unit, 'code' | 'name' | 'kind'>, data: UnitSheetData): WorkbookInput {
  return { source: `${u.code}.xlsx`, sheets: [modelToSheetInput(buildUnitSheet(u, 2025, CATALOGUE, data))] };
}

const NINE_2025: Period = { type: 'nine', year: 2025, index: 1 };

describe('a merged unit another unit shares the name of', () => {
  // Nậm Vì went on after the merger (July); Chung Chải sent nothing; the new Mường Nhé and its twin report.
  const summary = summarise({
    catalogue: CATALOGUE,
    units: UNITS,
    settings: defaultSettings(),
    period: NINE_2025,
    workbooks: [
      workbook({ code: 'muong-nhe', name: 'Mường Nhé', kind: 'xã' }, { values: { TCD_LUOT: m12({ 1: 1, 2: 1 }) } }),
      workbook({ code: 'nam-vi', name: 'Nậm Vì', kind: 'xã' }, { values: { TCD_LUOT: m12({ 1: 2, 7: 5 }) } }),
      workbook(NEW, { values: { TCD_LUOT: m12({ 9: 7 }) } }),
      workbook(twin, { values: { TCD_LUOT: m12({ 9: 3 }) } }),
    ],
    generatedAt: '2025-10-05T03:00:00Z',
  }).summary;
  const message = (code: string, unitCode: string) =>
    summary.findings.find((f) => f.code === code && f.unitCode === unitCode)?.message ?? '';

  test('an old unit after the merger: the new unit with its code, in the bracket and in the sentence', () => {
    const after = message('predecessor-after-merger', 'nam-vi');
    expect(after).toMatch(/^Xã Nậm Vì \(nay thuộc xã Mường Nhé, mã muong-nhe-2025\) vẫn có số liệu tháng 7 năm 2025/);
    expect(after).toContain('chỉ tính báo cáo của xã Mường Nhé (muong-nhe-2025)');
    expect(after).not.toMatch(/xã Mường Nhé(?! \(muong-nhe-2025\)|, mã muong-nhe-2025)/);
  });

  test('an old unit without a report: the same, in Tổng hợp and in the check of a year', () => {
    const missing = message('predecessor-missing', 'chung-chai');
    expect(missing).toMatch(/^Đơn vị cũ mã "chung-chai" \(nay thuộc xã Mường Nhé, mã muong-nhe-2025\) /);
    expect(missing).toContain('của xã Mường Nhé (muong-nhe-2025) chưa gồm');
    const checked = predecessorsMissing([], UNITS, 2025, defaultSettings().cutoffDay).find(
      (f) => f.unitCode === 'chung-chai',
    );
    expect(checked?.message).toMatch(/^Đơn vị cũ mã "chung-chai" \(nay thuộc xã Mường Nhé, mã muong-nhe-2025\) /);
  });

  test('an old unit listed under both: each named as elsewhere, name and code', () => {
    const split = UNITS.map((u) =>
      u.code === twin.code ? { ...u, succession: { from: '2025-07-01', predecessors: ['nam-vi'] } } : u,
    );
    const s = summarise({
      catalogue: CATALOGUE,
      units: split,
      settings: defaultSettings(),
      period: NINE_2025,
      workbooks: [workbook({ code: 'nam-vi', name: 'Nậm Vì', kind: 'xã' }, { values: { TCD_LUOT: m12({ 1: 2 }) } })],
      generatedAt: '2025-10-05T03:00:00Z',
    }).summary;
    const message = s.findings.find((f) => f.code === 'unit-split')?.message;
    expect(message).toContain('đơn vị cũ của cả Mường Nhé (muong-nhe-2025) và Mường Nhé (muong-nhe-dh)');
  });

  test('an old unit still in the list: the unit it went into, with its code', () => {
    const s = summarise({
      catalogue: CATALOGUE,
      units: [...UNITS, { code: 'nam-vi', name: 'Nậm Vì', kind: 'xã', emails: [] }],
      settings: defaultSettings(),
      period: NINE_2025,
      workbooks: [workbook({ code: 'nam-vi', name: 'Nậm Vì', kind: 'xã' }, { values: { TCD_LUOT: m12({ 1: 2 }) } })],
      generatedAt: '2025-10-05T03:00:00Z',
    }).summary;
    const message = s.findings.find((f) => f.code === 'unit-also-predecessor')?.message;
    expect(message).toContain('trong khi Xã Mường Nhé (muong-nhe-2025) được ghi là sáp nhập từ Xã Nậm Vì');
  });

  test('with one Mường Nhé, the merger texts name it alone', () => {
    const one = predecessorsMissing([], parsed.value, 2025, defaultSettings().cutoffDay).find(
      (f) => f.unitCode === 'chung-chai',
    );
    expect(one?.message).toMatch(/^Đơn vị cũ mã "chung-chai" \(nay thuộc xã Mường Nhé\) /);
  });
});
