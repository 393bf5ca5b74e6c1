import { completenessRowOf, isUnreadable, unitOf, unitPeriod } from './by-code';
import { fixtureSummary } from './fixtures';

describe('look-ups by unit code', () => {
  it('give what a search of the list gives, the first of a code winning', () => {
    const s = fixtureSummary();
    for (const u of s.units) expect(unitOf(s, u.code)).toBe(s.units.find((x) => x.code === u.code));
    for (const r of s.completeness.rows) expect(completenessRowOf(s, r.unitCode)).toBe(r);
    const ind = s.indicators.find((i) => i.byUnit.length > 0);
    if (!ind) throw new Error('fixture has no figures by unit');
    for (const b of ind.byUnit) expect(unitPeriod(ind, b.unitCode)).toBe(b.period);
    expect(unitOf(s, 'không-có')).toBeUndefined();
    expect(unitPeriod(ind, 'không-có')).toBeNull();
    const twice = { ...s, units: [...s.units, { ...s.units[0], name: 'Bản sao' }] };
    expect(unitOf(twice, s.units[0].code)?.name).toBe(s.units[0].name);
  });

  it('see a list that changed length since the last look-up', () => {
    const s = fixtureSummary();
    expect(isUnreadable(s, s.units[0].code)).toBe(false);
    s.unreadableUnits.push(s.units[0].code);
    expect(isUnreadable(s, s.units[0].code)).toBe(true);
    s.units.push({ code: 'moi', name: 'Mới', kind: 'xã', emails: [] });
    expect(unitOf(s, 'moi')?.name).toBe('Mới');
  });
});
