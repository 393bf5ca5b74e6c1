import { fixtureCatalogue, fixtureSummary } from './fixtures';

describe('fixtureSummary (Mường Nhé, tháng 9/2018)', () => {
  const s = fixtureSummary();

  it('has the 11 communes, one late and one missing', () => {
    expect(s.units).toHaveLength(11);
    expect(s.completeness.rows.filter((r) => r.status === 'late').map((r) => r.unitName)).toEqual(['Nậm Kè']);
    expect(s.completeness.rows.filter((r) => r.status === 'missing').map((r) => r.unitName)).toEqual(['Pá Mỳ']);
    expect(s.completeness.reported).toBe(10);
    expect(s.completeness.onTime).toBe(9);
  });

  it('is internally consistent: unit figures add up to totals, month 9 = period', () => {
    for (const ind of s.indicators) {
      if (ind.kind === 'note') continue;
      const sum = ind.byUnit.reduce((a, u) => a + (u.period ?? 0), 0);
      expect([ind.code, sum]).toEqual([ind.code, ind.period]);
      const ytd = ind.byUnit.reduce((a, u) => a + (u.ytd ?? 0), 0);
      expect([ind.code, ytd]).toEqual([ind.code, ind.ytd]);
      expect(s.monthly[ind.code][8]).toBe(ind.period);
      expect(ind.contributing).toBe(ind.byUnit.filter((u) => u.period !== null).length);
    }
  });

  it('matches the article: 115 hộ, 264 hộ, 196 đoàn viên, 27 lượt, 50 đơn (+21)', () => {
    const by = (code: string) => s.indicators.find((i) => i.code === code)!;
    expect(by('HND_SXKDG_CONGNHAN').ytd).toBe(115);
    expect(by('HND_SXKDG_DANGKY').ytd).toBe(264);
    expect(by('DTN_KETNAP_DANG').ytd).toBe(196);
    expect(by('TCD_LUOT').ytd).toBe(27);
    expect(by('DON_TONG').ytd).toBe(50);
    expect(by('DON_TONG').ytdChange).toBe(21);
  });

  it('returns fresh copies', () => {
    const a = fixtureSummary();
    a.units[0].name = 'changed';
    a.narrative.push('x');
    expect(fixtureSummary().units[0].name).toBe('Chung Chải');
    expect(fixtureSummary().narrative).toHaveLength(5);
    expect(fixtureCatalogue().indicators.find((i) => i.code === 'DTN_GIUPDAN')?.key).toBe(true);
  });
});
