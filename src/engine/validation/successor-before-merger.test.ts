import { unit, unitYear } from '../aggregate/test-helpers';
import type { UnitYear } from '../types';
import { successorBeforeMerger } from './check';

const from = '2025-07-01';
const units = [
  unit('muong-toong-2025', 'Mường Toong', { succession: { from, predecessors: ['muong-toong', 'huoi-lech'] } }),
  unit('cha-nua', 'Chà Nưa'),
];
const former = [unit('muong-toong', 'Mường Toong'), unit('huoi-lech', 'Huổi Lếch')];

/** Rows 24 and 30, months in columns E (T1) … P (T12). */
function withCells(r: UnitYear): UnitYear {
  const col = (m: number) => String.fromCharCode(68 + m);
  r.cells = {
    A: Array.from({ length: 12 }, (_, i) => `${col(i + 1)}24`),
    B: Array.from({ length: 12 }, (_, i) => `${col(i + 1)}30`),
  };
  return r;
}

test("a new commune's figures in months before it existed: one warning naming the sheet, the cells, the old communes", () => {
  const r = withCells(
    unitYear('muong-toong-2025', 2025, {
      name: 'Mường Toong',
      sheet: 'Mường Toong 2025',
      values: { A: { 1: 3, 2: 4, 3: 5, 4: 6, 5: 7, 6: 8, 7: 9 }, B: { 6: 5, 4: 0, 8: 2 } },
    }),
  );
  // The old Mường Toong reports its own 2025 sheet: the new one's figures are the whole area's.
  const old = unitYear('muong-toong', 2025, { values: { A: { 1: 10 } } });
  const found = successorBeforeMerger([old, r], units, former, 15);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({
    severity: 'warning',
    code: 'successor-before-merger',
    unitCode: 'muong-toong-2025',
    sheet: 'Mường Toong 2025',
    cell: 'E24',
  });
  const m = found[0].message;
  expect(m).toContain('Xã Mường Toong, trang "Mường Toong 2025", ô E24:J24, J30:');
  expect(m).toContain('xã mới từ 01/07/2025 nhưng có số liệu tháng 1–6 năm 2025');
  expect(m).toContain('tháng 1–6 do các xã cũ (Mường Toong, Huổi Lếch) báo cáo ở mẫu của mình');
  expect(m).toContain('hãy xóa');
  // The 0 of April (H30) changes no total: not named.
  expect(m).not.toContain('H30');
});

test('no warning for figures from the merger on, for 0s, for other units, or another year', () => {
  const own = unitYear('muong-toong-2025', 2025, { values: { A: { 7: 9, 8: 1, 3: 0 } } });
  const old = unitYear('huoi-lech', 2025, { values: { A: { 1: 10, 6: 10 } } });
  const other = unitYear('cha-nua', 2025, { values: { A: { 1: 10 } } });
  const next = unitYear('muong-toong-2025', 2026, { values: { A: { 1: 10 } } });
  expect(successorBeforeMerger([own, old, other, next].map(withCells), units, former, 15)).toEqual([]);
});

test('a new unit that keeps an old code reports every month: no warning', () => {
  const keeps = [
    unit('muong-toong', 'Mường Toong', { succession: { from, predecessors: ['muong-toong', 'huoi-lech'] } }),
  ];
  const r = withCells(unitYear('muong-toong', 2025, { values: { A: { 1: 10 } } }));
  expect(successorBeforeMerger([r], keeps, former, 15)).toEqual([]);
});

test('old communes not all named: "các xã cũ" without a list', () => {
  const r = withCells(unitYear('muong-toong-2025', 2025, { values: { A: { 6: 5 } } }));
  const [f] = successorBeforeMerger([r], units, [], 15);
  expect(f.cell).toBe('J24');
  expect(f.message).toContain('ô J24:');
  expect(f.message).toContain('tháng 6 năm 2025; số liệu tháng 1–6 do các xã cũ báo cáo');
});

test('an old commune of the new one’s name with no report of its own: only what Tổng hợp does, its figures are that old commune’s', () => {
  const r = withCells(
    unitYear('muong-toong-2025', 2025, { name: 'Mường Toong', sheet: 'Mường Toong 2025', values: { A: { 6: 5 } } }),
  );
  const alone = successorBeforeMerger([r], units, former, 15)[0].message;
  expect(alone).toBe(
    'Xã Mường Toong, trang "Mường Toong 2025", ô J24: xã mới từ 01/07/2025 nhưng có số liệu tháng 6 năm 2025. ' +
      'Vì không có báo cáo riêng năm 2025 của xã Mường Toong cũ, trang này được coi là mẫu của xã Mường Toong cũ ' +
      'dùng tiếp sau sáp nhập: khi tổng hợp, số liệu tháng 1–6 ghi ở đây được tính là số của xã Mường Toong cũ ' +
      '(nếu đúng là số của xã Mường Toong cũ, giữ nguyên); xã Huổi Lếch cũ vẫn phải báo cáo tháng 1–6 ở mẫu của mình',
  );
  // Not the whole area's: no "hãy xóa" that would contradict it.
  expect(alone).not.toContain('cả địa bàn');
  expect(alone).not.toContain('hãy xóa');
  const old = unitYear('muong-toong', 2025, { values: { A: { 6: 10 } } });
  const withOld = successorBeforeMerger([old, r], units, former, 15);
  expect(withOld).toHaveLength(1);
  expect(withOld[0].message).not.toContain('dùng tiếp');
  expect(withOld[0].message).toContain('hãy xóa');
  // Huổi Lếch is no namesake: its report changes nothing.
  const other = unitYear('huoi-lech', 2025, { values: { A: { 6: 10 } } });
  expect(successorBeforeMerger([other, r], units, former, 15)[0].message).toBe(alone);
});

test('the namesake rule is Tổng hợp’s: the other old communes, unnamed or several, are told to report their months', () => {
  const three = [
    unit('muong-toong-2025', 'Mường Toong', {
      succession: { from, predecessors: ['muong-toong', 'huoi-lech', 'muong-chung'] },
    }),
  ];
  const r = withCells(unitYear('muong-toong-2025', 2025, { values: { A: { 6: 5 } } }));
  const named = [...former, unit('muong-chung', 'Mường Chung')];
  expect(successorBeforeMerger([r], three, named, 15)[0].message).toMatch(
    /; các xã cũ khác \(Huổi Lếch, Mường Chung\) vẫn phải báo cáo tháng 1–6 ở mẫu của mình$/,
  );
  expect(successorBeforeMerger([r], three, former, 15)[0].message).toMatch(
    /; các xã cũ khác vẫn phải báo cáo tháng 1–6 ở mẫu của mình$/,
  );
  // An old commune still a unit in its own right is not counted for the new one: its name is no namesake's.
  const keptOld = [...units, unit('muong-toong', 'Mường Toong')];
  expect(successorBeforeMerger([r], keptOld, former, 15)[0].message).not.toContain('dùng tiếp');
});

describe('a renamed commune (one old commune, a new name and code)', () => {
  const renamed = [unit('nam-ke-moi', 'Nậm Kè Mới', { succession: { from, predecessors: ['nam-ke'] } })];
  const olds = [unit('nam-ke', 'Nậm Kè')];
  const year = withCells(
    unitYear('nam-ke-moi', 2025, {
      name: 'Nậm Kè Mới',
      sheet: 'Nậm Kè Mới 2025',
      values: { A: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1 } },
    }),
  );

  test('the whole year typed in its new template, no report of the old commune: no warning (Tổng hợp counts it)', () => {
    expect(successorBeforeMerger([year], renamed, olds, 15)).toEqual([]);
  });

  test('the old commune’s report has the same cells: one warning in renaming words, naming only those cells', () => {
    const old = withCells(
      unitYear('nam-ke', 2025, { name: 'Nậm Kè', sheet: 'Nậm Kè 2025', values: { A: { 1: 1, 2: 0, 3: 1 } } }),
    );
    const found = successorBeforeMerger([old, year], renamed, olds, 15);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ unitCode: 'nam-ke-moi', sheet: 'Nậm Kè Mới 2025', cell: 'E24' });
    expect(found[0].message).toBe(
      'Xã Nậm Kè Mới, trang "Nậm Kè Mới 2025", ô E24:G24: số liệu tháng 1–3 năm 2025 (trước khi đổi tên từ xã Nậm Kè, ' +
        'ngày 01/07/2025) cũng có ở báo cáo của xã Nậm Kè cũ (trang "Nậm Kè 2025"), cùng chỉ tiêu và tháng. Khi tổng ' +
        'hợp, những ô đó chỉ tính theo số ghi ở đây, không cộng thêm số của xã Nậm Kè cũ (để không tính hai lần) — ' +
        'nếu số ở báo cáo của xã Nậm Kè cũ mới đúng, hãy xóa số ở đây',
    );
    // An old report of other cells only: nothing counted twice, no warning.
    const apart = withCells(unitYear('nam-ke', 2025, { values: { B: { 1: 4 } } }));
    expect(successorBeforeMerger([apart, year], renamed, olds, 15)).toEqual([]);
  });
});
