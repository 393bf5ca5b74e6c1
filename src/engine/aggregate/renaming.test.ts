/**
 * One old commune become one new one alone (renamed, a new code): the merger warnings say "đổi tên"
 * and "nay là", not "sáp nhập" and "nay thuộc"; a real merger or a split keeps its wording.
 */
import type { Period } from '../types';
import { afterMergerFindings, mergerMappingFindings } from './aggregate';
import { oldUnitNames } from './old-unit-names';
import { isRenamedFrom, isRenaming, mapToSuccessors } from './succession';
import { unit, unitYear } from './test-helpers';

const moi = unit('muong-phang-moi', 'Mường Phăng Mới', {
  succession: { from: '2025-07-01', predecessors: ['muong-phang'] },
});
const old = { ...unitYear('muong-phang', 2025, { name: 'Mường Phăng', values: { F: { 7: 2 } } }), unitKind: 'xã' };
const gap = (u: typeof moi) => ({ unit: u, code: 'muong-phang', year: 2025, report: old, months: [7] });

describe('isRenaming', () => {
  it('is one predecessor, out of the list, that no other unit lists', () => {
    expect(isRenaming(moi, [moi])).toBe(true);
    const other = unit('pa-khoang', 'Pá Khoang', { succession: { from: '2025-07-01', predecessors: ['muong-phang'] } });
    expect(isRenaming(moi, [moi, other])).toBe(false);
    expect(isRenaming(moi, [moi, unit('muong-phang', 'Mường Phăng')])).toBe(false);
    const merged = { ...moi, succession: { from: '2025-07-01', predecessors: ['muong-phang', 'nam-vi'] } };
    expect(isRenaming(merged, [merged])).toBe(false);
    const keeps = { ...moi, succession: { from: '2025-07-01', predecessors: ['muong-phang-moi'] } };
    expect(isRenaming(keeps, [keeps])).toBe(false);
  });
});

describe('afterMergerFindings of a renaming', () => {
  it('says "đổi tên" and "nay là"', () => {
    const [f] = afterMergerFindings([gap(moi)], [], [moi]);
    expect(f.message).toMatch(
      /^Xã Mường Phăng \(nay là xã Mường Phăng Mới\) vẫn có số liệu tháng 7 năm 2025, sau khi đổi tên: các tháng này không được tính \(từ khi đổi tên chỉ tính/,
    );
  });

  it('names the date of the change "ngày đổi tên" in the overlap and after-change warnings', () => {
    const found = afterMergerFindings([gap(moi)], [gap(moi)], [moi]);
    expect(found.map((f) => f.code)).toEqual(['predecessor-overlap', 'predecessor-after-merger']);
    for (const f of found) {
      expect(f.message).toMatch(
        /; nếu ngày đổi tên \(01\/07\/2025\) ghi chưa đúng, hãy sửa ngày đổi tên trong danh sách đơn vị$/,
      );
      expect(f.message).not.toContain('sáp nhập');
    }
    expect(found[0].message).toContain('ghi nhầm số liệu vào tháng trước khi đổi tên');
  });

  it('keeps "sáp nhập" and "nay thuộc" for a merger', () => {
    const merged = { ...moi, succession: { from: '2025-07-01', predecessors: ['muong-phang', 'nam-vi'] } };
    const [f] = afterMergerFindings([gap(merged)], [], [merged]);
    expect(f.message).toMatch(
      /^Xã Mường Phăng \(nay thuộc xã Mường Phăng Mới\) vẫn có số liệu tháng 7 năm 2025, sau khi sáp nhập:/,
    );
    expect(f.message).toContain('; nếu ngày sáp nhập (01/07/2025) ghi chưa đúng, hãy sửa ngày sáp nhập');
  });
});

describe('isRenamedFrom and oldUnitNames: one decision for every message', () => {
  const other = unit('pa-khoang', 'Pá Khoang', { succession: { from: '2025-07-01', predecessors: ['muong-phang'] } });
  const merged = { ...moi, succession: { from: '2025-07-01', predecessors: ['muong-phang', 'nam-vi'] } };

  it('is the old code’s one taker being a renaming', () => {
    expect(isRenamedFrom('muong-phang', [moi])).toBe(true);
    expect(isRenamedFrom('muong-phang', [moi, other])).toBe(false);
    expect(isRenamedFrom('muong-phang', [moi, unit('muong-phang', 'Mường Phăng')])).toBe(false);
    expect(isRenamedFrom('muong-phang', [merged])).toBe(false);
    expect(isRenamedFrom('nam-vi', [merged])).toBe(false);
    expect(isRenamedFrom('nobody', [moi])).toBe(false);
  });

  it('names a renamed old unit "nay là", a merged one "nay thuộc"', () => {
    expect(oldUnitNames({ name: 'Mường Phăng', kind: 'xã' }, 'muong-phang', moi, [moi])).toMatchObject({
      old: 'Xã Mường Phăng',
      unitWithin: 'xã Mường Phăng Mới',
      renamed: true,
    });
    expect(oldUnitNames(null, 'muong-phang', merged, [merged]).renamed).toBeUndefined();
  });
});

describe('a renamed commune that kept its old workbook for July–September, then began the new one in October', () => {
  const OCT: Period = { type: 'month', year: 2025, index: 10 };
  const namKeMoi = unit('nam-ke-moi', 'Nậm Kè Mới', { succession: { from: '2025-07-01', predecessors: ['nam-ke'] } });
  const oldSheet = {
    ...unitYear('nam-ke', 2025, {
      name: 'Nậm Kè',
      file: 'nam-ke-2025.xlsx',
      sheet: 'Nậm Kè 2025',
      values: { F: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1 } },
    }),
    unitKind: 'xã',
  };
  const newSheet = unitYear('nam-ke-moi', 2025, { name: 'Nậm Kè Mới', values: { F: { 10: 1 } } });

  it('counts July–September as the renamed commune’s and says so as in September, not that the date is wrong', () => {
    const r = mapToSuccessors([oldSheet, newSheet], [namKeMoi], OCT, { gaps: true });
    expect(r.mapped[0].values.F).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, null, null]);
    expect(r.dateSlips).toEqual([]);
    expect(r.renamedGoesOn?.map((g) => [g.code, g.months, g.ownFrom])).toEqual([['nam-ke', [7, 8, 9], 10]]);
    const said = mergerMappingFindings(r, 15, [namKeMoi]);
    expect(said.map((f) => [f.code, f.message])).toEqual([
      [
        'renamed-goes-on',
        'Xã Nậm Kè (nay là xã Nậm Kè Mới) vẫn ghi số liệu tháng 7–9 năm 2025 vào tệp nam-ke-2025.xlsx, trang "Nậm Kè 2025", ' +
          'sau khi đổi tên: vì xã Nậm Kè Mới chỉ báo cáo vào mẫu mới từ tháng 10, các tháng này được tính là số liệu của ' +
          'xã Nậm Kè Mới. Hãy tiếp tục báo cáo vào mẫu mới của xã Nậm Kè Mới (mã đơn vị nam-ke-moi), không ghi vào tệp cũ',
      ],
    ]);
  });

  it('a merger whose old communes all went on to September still has its date questioned', () => {
    const merged = { ...namKeMoi, succession: { from: '2025-07-01', predecessors: ['nam-ke', 'nam-vi'] } };
    const namVi = { ...oldSheet, unitCode: 'nam-vi', unitName: 'Nậm Vì' };
    const r = mapToSuccessors([oldSheet, namVi, newSheet], [merged], OCT, { gaps: true });
    expect(r.renamedGoesOn).toEqual([]);
    const [f] = mergerMappingFindings(r, 15, [merged]);
    expect(f.message).toMatch(/^Ngày sáp nhập của xã Nậm Kè Mới ghi là 01\/07\/2025, nhưng các đơn vị cũ vẫn báo cáo/);
  });

  it('a date question about a renaming says "ngày đổi tên" and "xã cũ", one commune', () => {
    const [f] = mergerMappingFindings({ dateSlips: [{ unit: namKeMoi, year: 2025, lastOld: 9 }] }, 15, [namKeMoi]);
    expect(f.message).toBe(
      'Ngày đổi tên của xã Nậm Kè Mới ghi là 01/07/2025, nhưng xã cũ vẫn báo cáo đến tháng 9 năm 2025 và xã Nậm Kè Mới ' +
        'báo cáo từ tháng 10: số liệu đến tháng 9 được tính theo báo cáo của xã cũ. Hãy kiểm tra lại ngày đổi tên trong ' +
        'danh sách đơn vị',
    );
  });
});
