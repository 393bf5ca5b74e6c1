import { defaultCatalogue, defaultUnits } from '../catalogue/defaults';
import { buildUnitSheet, type UnitSheetData } from '../sheet/layout';
import { modelToSheetInput } from '../sheet/testing';
import { DEFAULT_LEVEL } from '../text/level';
import type { Unit, WorkbookInput } from '../types';
import { checkWorkbooks } from './check';

const catalogue = defaultCatalogue();
const units = defaultUnits();
const CHUNG_CHAI = units.find((u) => u.code === 'chung-chai') as Unit;
const ctx = { level: DEFAULT_LEVEL, catalogue, units, year: 2018, years: [2018, 2017] };

const pad = (dates: string[]) => [...dates, ...Array(12 - dates.length).fill(null)];

/** A sheet "Chung Chải 2017" ("Năm" 2017) in the file `source`. */
function book(source: string, data: UnitSheetData): WorkbookInput {
  return { source, sheets: [modelToSheetInput(buildUnitSheet(CHUNG_CHAI, 2017, catalogue, data))] };
}

const genuine = book('chung-chai-2017.xlsx', {
  values: { TCD_LUOT: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
  submitted: pad(['2017-01-16', '2017-02-15', '2017-03-15', '2017-04-17', '2017-05-16', '2017-06-15']).map(
    (d, m) => d ?? `2017-${String(m + 1).padStart(2, '0')}-15`,
  ),
});
// Last year's workbook filled in with this year's figures and dates, saved under a name without a year.
const copy = book('chung-chai-ban-sao.xlsx', {
  values: { TCD_LUOT: [9, 9, 9, 9, 9, 9, 9, 9, 9, null, null, null] },
  submitted: pad(['2018-01-15', '2018-02-14', '2018-03-16', '2018-04-16', '2018-05-15', '2018-06-15', '2018-07-16']),
});

describe('checkWorkbooks — a copy dated a year late does not replace a genuine report of its stated year', () => {
  it('keeps the report dated in its year, whatever the order, and says why the other is dropped', () => {
    for (const order of [
      [genuine, copy],
      [copy, genuine],
    ]) {
      const r = checkWorkbooks(order, ctx);
      const kept = r.reports.filter((x) => x.unitCode === 'chung-chai' && x.year === 2017);
      expect(kept.map((x) => x.file)).toEqual(['chung-chai-2017.xlsx']);
      expect(kept[0].values.TCD_LUOT[0]).toBe(1);
      const dup = r.findings.filter((f) => f.code === 'duplicate-unit');
      expect(dup).toHaveLength(1);
      expect(dup[0].severity).toBe('error');
      expect(dup[0].file).toBe('chung-chai-ban-sao.xlsx');
      expect(dup[0].message).toContain('chỉ lấy tệp chung-chai-2017.xlsx, trang "Chung Chải 2017"');
      expect(dup[0].message).toContain(
        'vì ngày nộp ở tệp chung-chai-ban-sao.xlsx, trang "Chung Chải 2017" (gần nhất 16/07/2018) là năm 2018, muộn một năm',
      );
    }
  });
});
