/**
 * One old commune become one new one alone (renamed, a new code): the merger warnings say "đổi tên"
 * and "nay là", not "sáp nhập" and "nay thuộc"; a real merger or a split keeps its wording.
 */
import { afterMergerFindings } from './aggregate';
import { isRenaming } from './succession';
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
