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
  const found = successorBeforeMerger([r], units, former, 15);
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

test('an old commune of the new one’s name with no report of its own: the sheet may be its, gone on; said so', () => {
  const r = withCells(unitYear('muong-toong-2025', 2025, { values: { A: { 6: 5 } } }));
  const alone = successorBeforeMerger([r], units, former, 15)[0].message;
  expect(alone).toContain(
    'Nếu trang này là mẫu của xã Mường Toong cũ được dùng tiếp sau sáp nhập (chưa có báo cáo riêng của xã Mường Toong cũ), thì các số này được tính là của xã Mường Toong cũ: giữ nguyên',
  );
  const old = unitYear('muong-toong', 2025, { values: { A: { 6: 10 } } });
  const withOld = successorBeforeMerger([old, r], units, former, 15);
  expect(withOld).toHaveLength(1);
  expect(withOld[0].message).not.toContain('dùng tiếp');
  // Huổi Lếch is no namesake: its report changes nothing.
  const other = unitYear('huoi-lech', 2025, { values: { A: { 6: 10 } } });
  expect(successorBeforeMerger([other, r], units, former, 15)[0].message).toContain('dùng tiếp');
});
