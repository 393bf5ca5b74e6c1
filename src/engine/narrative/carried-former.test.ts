/**
 * After the 2025 reform: the new Mường Toong (01/07/2025, of the old Mường Toong and Huổi Lếch)
 * has not reported July. Its stock "so far" is then the old communes' June figure, and the
 * narrative and the summary's data-quality line say so, rather than that the new commune reported it.
 */
import { aggregate } from '../aggregate/aggregate';
import { unit, unitYear } from '../aggregate/test-helpers';
import { defaultCatalogue, defaultSettings } from '../catalogue/defaults';
import { carriedStockLines } from '../report/text';
import type { Period, UnitYear } from '../types';

const CATALOGUE = defaultCatalogue();
const from = '2025-07-01';
const units = [
  unit('muong-toong-2025', 'Mường Toong', { succession: { from, predecessors: ['muong-toong', 'huoi-lech'] } }),
  unit('cha-nua', 'Chà Nưa'),
];
const formerUnits = [unit('muong-toong', 'Mường Toong'), unit('huoi-lech', 'Huổi Lếch')];

const stock = (code: string, name: string, m: Record<number, number>): UnitYear =>
  unitYear(code, 2025, {
    name,
    values: { HND_SXKDG_CONGNHAN: m },
    submitted: Object.fromEntries(Object.keys(m).map((k) => [k, `2025-${k.padStart(2, '0')}-16`])),
  });

function summary(period: Period, current: UnitYear[]) {
  return aggregate({
    catalogue: CATALOGUE,
    units,
    formerUnits,
    settings: defaultSettings(),
    period,
    current,
    previous: [],
    findings: [],
    generatedAt: '2025-10-20T03:00:00Z',
  });
}

const olds = [stock('muong-toong', 'Mường Toong', { 5: 8, 6: 10 }), stock('huoi-lech', 'Huổi Lếch', { 6: 5 })];
const JULY: Period = { type: 'month', year: 2025, index: 7 };

test('July 2025, the new commune not reported: its figure so far is said to be the old communes’ June figure', () => {
  const s = summary(JULY, [...olds, stock('cha-nua', 'Chà Nưa', { 7: 7 })]);
  const ind = s.indicators.find((i) => i.code === 'HND_SXKDG_CONGNHAN');
  expect([ind?.period, ind?.ytd]).toEqual([7, 22]);
  expect(ind?.carriedFromFormer).toEqual([
    { unitCode: 'muong-toong-2025', month: 6, formers: ['Mường Toong', 'Huổi Lếch'] },
  ]);
  const text = s.narrative.join(' ');
  expect(text).toContain(
    'Số đến hết tháng 7/2025 gồm số tháng 6/2025 của các xã cũ Mường Toong, Huổi Lếch (nay là xã Mường Toong); ' +
      'xã Mường Toong chưa có số liệu tháng 7/2025.',
  );
  expect(text).not.toContain('đã báo cáo trước đó của xã Mường Toong');
  expect(carriedStockLines(s, CATALOGUE)).toEqual([
    'Số đến hết tháng 7/2025 của chỉ tiêu "Hộ nông dân được công nhận sản xuất, kinh doanh giỏi các cấp (lũy kế)" (cột "Từ đầu năm đến hết tháng 7/2025") ' +
      'gồm số tháng 6/2025 của các xã cũ Mường Toong, Huổi Lếch (nay là xã Mường Toong); ' +
      'xã Mường Toong chưa có số liệu tháng 7/2025; ' +
      'số kỳ báo cáo chỉ gồm các đơn vị có số liệu tháng 7/2025.',
  ]);
});

test('a new commune that reported July but not September: the sentence of a unit that reported before', () => {
  const s = summary({ type: 'month', year: 2025, index: 9 }, [
    ...olds,
    stock('muong-toong-2025', 'Mường Toong', { 7: 16 }),
    stock('cha-nua', 'Chà Nưa', { 9: 7 }),
  ]);
  expect(s.indicators.find((i) => i.code === 'HND_SXKDG_CONGNHAN')?.carriedFromFormer).toBeUndefined();
  expect(s.narrative.join(' ')).toContain(
    'Số đến hết tháng 9/2025 gồm số đã báo cáo trước đó của xã Mường Toong (số tháng 7/2025), chưa có số liệu tháng 9/2025.',
  );
  expect(carriedStockLines(s, CATALOGUE)[0]).toContain(
    'gồm số đã báo cáo trước đó của xã Mường Toong (số tháng 7/2025), chưa có',
  );
});

test('both kinds in one period: each said its way', () => {
  const s = summary(JULY, [...olds, stock('cha-nua', 'Chà Nưa', { 6: 7 })]);
  const text = s.narrative.join(' ');
  expect(text).toContain(
    'Số đến hết tháng 7/2025 gồm số đã báo cáo trước đó của xã Chà Nưa (số tháng 6/2025), chưa có số liệu tháng 7/2025.',
  );
  expect(text).toContain(
    'Số đến hết tháng 7/2025 gồm số tháng 6/2025 của các xã cũ Mường Toong, Huổi Lếch (nay là xã Mường Toong); ' +
      'xã Mường Toong chưa có số liệu tháng 7/2025.',
  );
  expect(carriedStockLines(s, CATALOGUE)[0]).toContain(
    'gồm số đã báo cáo trước đó của xã Chà Nưa (số tháng 6/2025), chưa có số liệu tháng 7/2025, và số tháng 6/2025 của các xã cũ ' +
      'Mường Toong, Huổi Lếch (nay là xã Mường Toong); xã Mường Toong chưa có số liệu tháng 7/2025; số kỳ',
  );
});

/** The part of the narrative's sentence after "Số đến hết tháng …/2025 gồm " (a summary of a month already over) that names the old communes. */
const formerClause = (narrative: string[]) =>
  /Số đến hết tháng \d+\/\d+ gồm (số tháng [^.]*\(nay là [^.]*chưa có số liệu [^.]*)\./.exec(narrative.join(' '))?.[1];

test('the narrative and the summary note tell the old communes’ figure in the same words, the new commune lacking the month', () => {
  const SEP: Period = { type: 'month', year: 2025, index: 9 };
  const s = summary(SEP, [...olds, stock('cha-nua', 'Chà Nưa', { 9: 7 })]);
  const clause = formerClause(s.narrative);
  expect(clause).toBe(
    'số tháng 6/2025 của các xã cũ Mường Toong, Huổi Lếch (nay là xã Mường Toong); xã Mường Toong chưa có số liệu tháng 9/2025',
  );
  const [line] = carriedStockLines(s, CATALOGUE);
  expect(line).toContain(`gồm ${clause}; số kỳ báo cáo`);
  // No unit capitalised mid-sentence, and "chưa có" not said right after the old communes.
  expect(line).not.toContain('Xã Mường Toong');
  expect(line).not.toContain('), chưa có');
});

test('two stocks carried from the old communes, of different months: each with its own month, in both texts', () => {
  const two = (code: string, name: string, a: Record<number, number>, b: Record<number, number>): UnitYear =>
    unitYear(code, 2025, {
      name,
      values: { HND_SXKDG_CONGNHAN: a, HND_SXKDG_DANGKY: b },
      submitted: Object.fromEntries(
        [...Object.keys(a), ...Object.keys(b)].map((k) => [k, `2025-${k.padStart(2, '0')}-16`]),
      ),
    });
  const s = summary(JULY, [
    two('muong-toong', 'Mường Toong', { 6: 10 }, { 5: 3 }),
    two('huoi-lech', 'Huổi Lếch', { 6: 5 }, { 4: 2 }),
    two('cha-nua', 'Chà Nưa', { 7: 7 }, { 7: 1 }),
  ]);
  const months = ['HND_SXKDG_CONGNHAN', 'HND_SXKDG_DANGKY'].map(
    (code) => s.indicators.find((i) => i.code === code)?.carriedFromFormer?.[0]?.month,
  );
  expect(months).toEqual([6, 5]);
  const clause = /Số đến hết tháng 7\/2025 gồm (số của [^.]*\(nay là [^.]*chưa có số liệu [^.]*)\./.exec(
    s.narrative.join(' '),
  )?.[1];
  // Not June for both: the registrations' figure is of May.
  expect(clause).toBe(
    'số của các xã cũ Mường Toong, Huổi Lếch (nay là xã Mường Toong): ' +
      'tháng 5/2025 đối với chỉ tiêu "Hộ đăng ký danh hiệu sản xuất, kinh doanh giỏi (lũy kế)", ' +
      'tháng 6/2025 đối với chỉ tiêu "Hộ nông dân được công nhận sản xuất, kinh doanh giỏi các cấp (lũy kế)"; ' +
      'xã Mường Toong chưa có số liệu tháng 7/2025',
  );
  expect(carriedStockLines(s, CATALOGUE)).toEqual([expect.stringContaining(`gồm ${clause}; số kỳ báo cáo`)]);
});

test('carried from the old communes in one of the two stocks said: that stock named with the month', () => {
  const s = summary(JULY, [
    ...olds,
    unitYear('cha-nua', 2025, {
      name: 'Chà Nưa',
      values: { HND_SXKDG_CONGNHAN: { 7: 7 }, HND_SXKDG_DANGKY: { 7: 1 } },
      submitted: { 7: '2025-07-16' },
    }),
  ]);
  expect(s.narrative.join(' ')).toContain(
    'Số đến hết tháng 7/2025 gồm số của các xã cũ Mường Toong, Huổi Lếch (nay là xã Mường Toong): ' +
      'tháng 6/2025 đối với chỉ tiêu "Hộ nông dân được công nhận sản xuất, kinh doanh giỏi các cấp (lũy kế)"; ' +
      'xã Mường Toong chưa có số liệu tháng 7/2025.',
  );
});
