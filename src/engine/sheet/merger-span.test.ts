/**
 * The 2025 merger: the old Mường Nhé (January–June) and the new one (July on) each have a sheet
 * named "Mường Nhé 2025". The template says which is which, and for which months, in its title and
 * under the unit's name, without changing how the reader tells the unit.
 */
import units2025Json from '../../../sheets-templates/units-2025.json';
import { defaultCatalogue } from '../catalogue/defaults';
import { parseUnitsFile } from '../catalogue/schema';
import { DEFAULT_LEVEL } from '../text/level';
import type { Unit, WorkbookInput } from '../types';
import { checkWorkbooks } from '../validation/check';
import { buildUnitSheet, LAYOUT, type UnitSheetData } from './layout';
import { mergerSpan } from './merger-span';
import { modelToSheetInput } from './testing';

const catalogue = defaultCatalogue();
const parsed = parseUnitsFile(units2025Json, 'units-2025.json');
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const units = parsed.value.units;
const formerUnits = parsed.value.formerUnits ?? [];
const unit = (code: string) => [...units, ...formerUnits].find((u) => u.code === code) as Unit;
const span = (code: string, year: number, cutoff = 15) => mergerSpan(unit(code), year, units, formerUnits, cutoff);

describe('mergerSpan', () => {
  it('gives an old unit the months before its merger and names the new unit it went into', () => {
    expect(span('muong-nhe', 2025)).toEqual({
      role: 'former',
      first: 1,
      last: 6,
      from: '2025-07-01',
      others: [unit('muong-nhe-2025')],
    });
    expect(span('nam-vi', 2025)?.others.map((u) => u.code)).toEqual(['muong-nhe-2025']);
  });

  it('gives the new unit the months from its merger and names its old units', () => {
    const s = span('muong-nhe-2025', 2025);
    expect(s && { ...s, others: s.others.map((u) => u.name) }).toEqual({
      role: 'successor',
      first: 7,
      last: 12,
      from: '2025-07-01',
      others: ['Mường Nhé', 'Nậm Vì', 'Chung Chải'],
    });
  });

  it('names the old units only when every one of them is named', () => {
    const s = mergerSpan(unit('muong-nhe-2025'), 2025, units, formerUnits.slice(1), 15);
    expect([s?.first, s?.others]).toEqual([7, []]);
    const sheet = buildUnitSheet(unit('muong-nhe-2025'), 2025, catalogue, { span: s });
    expect(sheet.rows[LAYOUT.spanRow - 1][LAYOUT.valueCol - 1]?.v).toBe(
      'Xã mới sau sáp nhập từ 01/07/2025: báo cáo từ tháng 7/2025. Tháng 1–6/2025 do các xã cũ báo cáo ở mẫu của mình.',
    );
  });

  it('follows the cut-off day (a window ending on the merger’s eve is the old units’)', () => {
    // Cut-off 1: June's window is 01/06–30/06, July's begins on the merger's day.
    expect(span('muong-nhe', 2025, 1)?.last).toBe(6);
    expect(span('muong-nhe-2025', 2025, 1)?.first).toBe(7);
  });

  it('is null outside the merger’s year; a new unit that keeps an old code reports every month', () => {
    expect(span('muong-nhe', 2024)).toBeNull();
    expect(span('muong-nhe-2025', 2026)).toBeNull();
    const keeps: Unit = {
      code: 'muong-nhe',
      name: 'Mường Nhé',
      kind: 'xã',
      emails: [],
      succession: { from: '2025-07-01', predecessors: ['muong-nhe', 'nam-vi'] },
    };
    expect(mergerSpan(keeps, 2025, [keeps], formerUnits, 15)).toEqual({
      role: 'continuing',
      first: 7,
      last: 12,
      from: '2025-07-01',
      others: [unit('nam-vi')],
    });
    expect(mergerSpan(keeps, 2026, [keeps], formerUnits, 15)).toBeNull();
    expect(mergerSpan(unit('nam-vi'), 2025, [keeps], formerUnits, 15)?.others).toEqual([keeps]);
    // A merger on the year's first day: the old units report nothing of it, the new one all of it.
    const january = { ...unit('muong-nhe-2025'), succession: { from: '2025-01-01', predecessors: ['nam-vi'] } };
    expect(mergerSpan(january, 2025, [january], formerUnits, 1)).toBeNull();
    expect(mergerSpan(unit('nam-vi'), 2025, [january], formerUnits, 1)).toBeNull();
  });
});

describe('buildUnitSheet in a merger’s year', () => {
  const sheetOf = (code: string, data: UnitSheetData = {}) =>
    buildUnitSheet(unit(code), 2025, catalogue, { ...data, span: span(code, 2025) });
  const at = (s: ReturnType<typeof sheetOf>, row: number, col: number) => s.rows[row - 1]?.[col - 1] ?? null;

  it('says in the title and under the unit’s name which of the two same-named sheets it is', () => {
    const old = sheetOf('muong-nhe');
    const now = sheetOf('muong-nhe-2025');
    // The reader's marks are as before: same tab name, unit name and year; only the code differs.
    expect([old.name, now.name]).toEqual(['Mường Nhé 2025', 'Mường Nhé 2025']);
    for (const s of [old, now]) {
      expect(at(s, LAYOUT.unitNameRow, LAYOUT.valueCol)?.v).toBe('Xã Mường Nhé');
      expect(at(s, LAYOUT.yearRow, LAYOUT.valueCol)?.v).toBe(2025);
    }
    expect(at(old, 1, 1)?.v).toBe('BÁO CÁO KẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2025 (XÃ CŨ – THÁNG 1–6)');
    expect(at(now, 1, 1)?.v).toBe('BÁO CÁO KẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2025 (XÃ MỚI – THÁNG 7–12)');
    expect(at(old, LAYOUT.spanRow, LAYOUT.valueCol)).toEqual({
      v:
        'Xã cũ: chỉ báo cáo tháng 1–6/2025. Từ 01/07/2025 sáp nhập vào xã Mường Nhé mới (mã muong-nhe-2025); ' +
        'các tháng sau báo cáo ở mẫu của xã mới.',
      s: 'notice',
    });
    expect(at(now, LAYOUT.spanRow, LAYOUT.valueCol)).toEqual({
      v:
        'Xã mới sau sáp nhập từ 01/07/2025: báo cáo từ tháng 7/2025. ' +
        'Tháng 1–6/2025 do các xã cũ (Mường Nhé, Nậm Vì, Chung Chải) báo cáo ở mẫu của mình.',
      s: 'notice',
    });
    // Merged within the frozen columns only (Google Sheets refuses to freeze through a merge).
    expect(old.merges).toContainEqual({ row: LAYOUT.spanRow, col: 3, rows: 1, cols: 2 });
    expect(old.frozenCols).toBeGreaterThanOrEqual(4);
  });

  it('has no note outside the merger’s year', () => {
    const s = buildUnitSheet(unit('muong-nhe-2025'), 2026, catalogue, { span: span('muong-nhe-2025', 2026) });
    expect(at(s, 1, 1)?.v).toBe('BÁO CÁO KẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2026');
    expect(s.rows[LAYOUT.spanRow - 1]?.some((c) => c !== null)).toBeFalsy();
  });

  it('is read exactly as the same sheet without the note: same unit, year, figures, findings', () => {
    const values = { TCD_LUOT: [1, 1, 1, 1, 1, 1, null, null, null, null, null, null] };
    const read = (withSpan: boolean) => {
      const books: WorkbookInput[] = ['muong-nhe', 'muong-nhe-2025'].map((code) => {
        const s = buildUnitSheet(unit(code), 2025, catalogue, { values, span: withSpan ? span(code, 2025) : null });
        return { source: `${code}-2025.xlsx`, sheets: [modelToSheetInput(s)] };
      });
      const r = checkWorkbooks(books, { level: DEFAULT_LEVEL, catalogue, units: [...units, ...formerUnits] });
      return {
        reports: r.reports.map((x) => [x.unitCode, x.year, x.sheet, x.values.TCD_LUOT]),
        findings: r.findings.map((f) => [f.code, f.message]),
      };
    };
    const plain = read(false);
    expect(plain.reports.map((r) => r[0]).sort()).toEqual(['muong-nhe', 'muong-nhe-2025']);
    expect(read(true)).toEqual(plain);
  });

  it('says "Đơn vị cũ" for a unit of no kind, which the reader does not take for the "Đơn vị:" label', () => {
    const plain = { ...unit('nam-vi'), kind: '' };
    const s = buildUnitSheet(plain, 2025, catalogue, { span: span('nam-vi', 2025) });
    expect(String(at(s, LAYOUT.spanRow, LAYOUT.valueCol)?.v)).toMatch(/^Đơn vị cũ: chỉ báo cáo tháng 1–6\/2025\./);
    expect(at(s, 1, 1)?.v).toMatch(/\(ĐƠN VỊ CŨ – THÁNG 1–6\)$/);
    const r = checkWorkbooks([{ source: 'a.xlsx', sheets: [modelToSheetInput(s)] }], {
      level: DEFAULT_LEVEL,
      catalogue,
      units: [...units, ...formerUnits],
    });
    expect(r.reports.map((x) => x.unitCode)).toEqual(['nam-vi']);
    expect(r.findings).toEqual([]);
  });
});

describe('the note of a renaming and of a unit keeping its code', () => {
  const note = (u: Unit, list: Unit[], former: Unit[] = formerUnits) => {
    const s = buildUnitSheet(u, 2025, catalogue, { span: mergerSpan(u, 2025, list, former, 15) });
    return { title: s.rows[0][0]?.v, note: s.rows[LAYOUT.spanRow - 1]?.[LAYOUT.valueCol - 1]?.v ?? null, sheet: s };
  };
  const muongPhang: Unit = { code: 'muong-phang', name: 'Mường Phăng', kind: 'xã', emails: [] };
  const renamed: Unit = {
    code: 'muong-phang-moi',
    name: 'Mường Phăng Mới',
    kind: 'xã',
    emails: [],
    succession: { from: '2025-07-01', predecessors: ['muong-phang'] },
  };

  it('says "đổi tên" for one old commune become one new one, and no "Mới mới"', () => {
    expect(note(muongPhang, [renamed], [muongPhang]).note).toBe(
      'Xã cũ: chỉ báo cáo tháng 1–6/2025. Từ 01/07/2025 đổi tên thành xã Mường Phăng Mới (mã muong-phang-moi); ' +
        'các tháng sau báo cáo ở mẫu của xã Mường Phăng Mới.',
    );
    expect(note(renamed, [renamed], [muongPhang]).note).toBe(
      'Xã Mường Phăng Mới (trước là xã Mường Phăng) từ 01/07/2025: báo cáo từ tháng 7/2025. ' +
        'Tháng 1–6/2025 do xã cũ (Mường Phăng) báo cáo ở mẫu của mình.',
    );
    expect(note(renamed, [renamed], []).note).toBe(
      'Xã Mường Phăng Mới (đổi tên từ 01/07/2025): báo cáo từ tháng 7/2025. Tháng 1–6/2025 do xã cũ báo cáo ở mẫu của mình.',
    );
  });

  it('says "sáp nhập" when the old commune was split, and "mới" once after a name ending in "Mới"', () => {
    const other: Unit = { ...renamed, code: 'pa-khoang-moi', name: 'Pá Khoang' };
    const merged: Unit = { ...renamed, succession: { from: '2025-07-01', predecessors: ['muong-phang', 'nam-vi'] } };
    expect(note(muongPhang, [renamed, other], [muongPhang]).note).toBe(
      'Xã cũ: chỉ báo cáo tháng 1–6/2025. Từ 01/07/2025 sáp nhập vào xã Mường Phăng Mới, xã Pá Khoang mới ' +
        '(mã muong-phang-moi, pa-khoang-moi); các tháng sau báo cáo ở mẫu của xã mới.',
    );
    expect(note(renamed, [renamed, other], [muongPhang]).note).toMatch(/^Xã mới sau sáp nhập từ 01\/07\/2025/);
    expect(note(muongPhang, [merged], [muongPhang]).note).toBe(
      'Xã cũ: chỉ báo cáo tháng 1–6/2025. Từ 01/07/2025 sáp nhập vào xã Mường Phăng Mới (mã muong-phang-moi); ' +
        'các tháng sau báo cáo ở mẫu của xã mới.',
    );
  });

  it('tells a unit keeping an old code to type only its own old area before the merger', () => {
    const namKe: Unit = {
      code: 'nam-ke',
      name: 'Nậm Kè',
      kind: 'xã',
      emails: [],
      succession: { from: '2025-07-01', predecessors: ['nam-ke', 'pa-my'] },
    };
    const keeps = note(namKe, [namKe]);
    expect(keeps.note).toBe(
      'Tháng 1–6/2025: chỉ ghi số liệu của xã Nậm Kè (trước sáp nhập); xã Pá Mỳ báo cáo ở mẫu riêng của mình. ' +
        'Từ tháng 7/2025 ghi số liệu của cả xã Nậm Kè mới (gồm Pá Mỳ).',
    );
    // Its title is the plain one: the sheet is for every month.
    expect(keeps.title).toBe('BÁO CÁO KẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2025');
    expect(note(namKe, [namKe], []).note).toBe(
      'Tháng 1–6/2025: chỉ ghi số liệu của xã Nậm Kè (trước sáp nhập); các xã cũ khác báo cáo ở mẫu riêng của mình. ' +
        'Từ tháng 7/2025 ghi số liệu của cả xã Nậm Kè mới.',
    );
    // Read as the sheet without the note: the same unit, no finding.
    const values = { TCD_LUOT: [1, 1, 1, 1, 1, 1, 2, null, null, null, null, null] };
    const withNote = buildUnitSheet(namKe, 2025, catalogue, {
      values,
      span: mergerSpan(namKe, 2025, [namKe], formerUnits, 15),
    });
    const r = checkWorkbooks([{ source: 'nam-ke-2025.xlsx', sheets: [modelToSheetInput(withNote)] }], {
      level: DEFAULT_LEVEL,
      catalogue,
      units: [namKe, ...formerUnits.filter((u) => u.code !== 'nam-ke')],
    });
    expect(r.reports.map((x) => [x.unitCode, x.values.TCD_LUOT])).toEqual([['nam-ke', values.TCD_LUOT]]);
    expect(r.findings).toEqual([]);
  });

  it('a renamed commune’s note is read past as the merger’s is', () => {
    const values = { TCD_LUOT: [null, null, null, null, null, null, 2, 2, null, null, null, null] };
    const s = buildUnitSheet(renamed, 2025, catalogue, {
      values,
      span: mergerSpan(renamed, 2025, [renamed], [muongPhang], 15),
    });
    const r = checkWorkbooks([{ source: 'muong-phang-moi-2025.xlsx', sheets: [modelToSheetInput(s)] }], {
      level: DEFAULT_LEVEL,
      catalogue,
      units: [renamed, muongPhang],
    });
    expect(r.reports.map((x) => [x.unitCode, x.values.TCD_LUOT])).toEqual([['muong-phang-moi', values.TCD_LUOT]]);
    expect(r.findings).toEqual([]);
  });
});
