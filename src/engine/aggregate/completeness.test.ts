import { defaultSettings, defaultUnits } from '../catalogue/defaults';
import type { Period } from '../types';
import { compareUnits, completeness, isDatedLate, isUndatedOnly } from './completeness';
import { shuffle, unit, unitYear } from './test-helpers';

const SETTINGS = defaultSettings(); // cut-off 15, 2 working days
const UNITS = defaultUnits();
const SEP: Period = { type: 'month', year: 2018, index: 9 };

function septemberReports() {
  const onTime = ['leng-su-sin', 'muong-nhe', 'muong-toong', 'quang-lam', 'sen-thuong'];
  return [
    ...onTime.map((c) => unitYear(c, 2018, { values: { TCD_LUOT: { 9: 1 } }, submitted: { 9: '2018-09-16' } })),
    // exactly on the deadline (Tuesday 18/09) is on time
    unitYear('chung-chai', 2018, { values: { TCD_LUOT: { 9: 2 } }, submitted: { 9: '2018-09-18' } }),
    unitYear('nam-ke', 2018, { values: { TCD_LUOT: { 9: 3 } }, submitted: { 9: '2018-09-19' } }),
    // data but no date: late, no date
    unitYear('huoi-lech', 2018, { values: { TCD_LUOT: { 9: 0 } } }),
    // only an invalid entry: the commune did fill the sheet → late
    unitYear('sin-thau', 2018, { invalid: ['DON_TONG:9'] }),
    // August only: September missing
    unitYear('nam-vi', 2018, { values: { TCD_LUOT: { 8: 5 } }, submitted: { 8: '2018-08-15' } }),
    // pa-my: no sheet at all; a sheet of last year does not count
    unitYear('pa-my', 2017, { values: { TCD_LUOT: { 9: 5 } }, submitted: { 9: '2017-09-15' } }),
  ];
}

describe('completeness', () => {
  const c = completeness(septemberReports(), UNITS, SEP, SETTINGS);

  it('counts units, on time and rates', () => {
    expect(c.deadline).toBe('2018-09-18');
    expect(c.expected).toBe(11);
    expect(c.reported).toBe(9);
    expect(c.onTime).toBe(6);
    expect(c.reportingRate).toBeCloseTo(9 / 11, 12);
    expect(c.onTimeRate).toBeCloseTo(6 / 11, 12);
    expect(c.period).toEqual(SEP);
  });

  it('gives each unit its status, in Vietnamese name order', () => {
    expect(c.rows.map((r) => [r.unitName, r.status, r.submittedOn, r.missingMonths])).toEqual([
      ['Chung Chải', 'onTime', '2018-09-18', []],
      ['Huổi Lếch', 'late', null, []],
      ['Leng Su Sìn', 'onTime', '2018-09-16', []],
      ['Mường Nhé', 'onTime', '2018-09-16', []],
      ['Mường Toong', 'onTime', '2018-09-16', []],
      ['Nậm Kè', 'late', '2018-09-19', []],
      ['Nậm Vì', 'missing', null, [9]],
      ['Pá Mỳ', 'missing', null, [9]],
      ['Quảng Lâm', 'onTime', '2018-09-16', []],
      ['Sen Thượng', 'onTime', '2018-09-16', []],
      ['Sín Thầu', 'late', null, []],
    ]);
  });

  it('does not depend on the order of reports or units', () => {
    for (const seed of [7, 8, 9])
      expect(completeness(shuffle(septemberReports(), seed), shuffle(UNITS, seed), SEP, SETTINGS)).toEqual(c);
  });

  it('needs every month of a quarter', () => {
    const q3: Period = { type: 'quarter', year: 2018, index: 3 };
    const units = [unit('a', 'A'), unit('b', 'B'), unit('c', 'C')];
    const q = completeness(
      [
        unitYear('a', 2018, { submitted: { 7: '2018-07-16', 8: '2018-08-16', 9: '2018-09-17' } }),
        unitYear('b', 2018, { submitted: { 7: '2018-07-16', 8: '2018-08-20' } }),
        unitYear('c', 2018, { submitted: { 7: '2018-07-16', 8: '2018-08-16', 9: '2018-09-25' } }),
      ],
      units,
      q3,
      SETTINGS,
    );
    expect(q.deadline).toBe('2018-09-18');
    expect(q.rows.map((r) => [r.unitCode, r.status, r.submittedOn, r.missingMonths])).toEqual([
      ['a', 'onTime', '2018-09-17', []],
      ['b', 'missing', '2018-08-20', [9]],
      ['c', 'late', '2018-09-25', []],
    ]);
    expect([q.reported, q.onTime]).toEqual([2, 1]);
  });

  it('takes a month dated after the run as undated, given the run’s date (late, the deadline past)', () => {
    const reports = [
      unitYear('a', 2018, { values: { TCD_LUOT: { 9: 1 } }, submitted: { 9: '2018-09-19' } }),
      unitYear('b', 2018, { values: { TCD_LUOT: { 9: 1 } }, submitted: { 9: '2018-09-20' } }),
      unitYear('c', 2018, { values: { TCD_LUOT: { 9: 1 } }, submitted: { 9: '2018-09-24' } }),
    ];
    const units = [unit('a', 'A'), unit('b', 'B'), unit('c', 'C')];
    const asOf = completeness(reports, units, SEP, SETTINGS, { today: '2018-09-20' });
    expect(asOf.rows.map((r) => [r.unitCode, r.status, r.submittedOn, r.missingMonths])).toEqual([
      ['a', 'late', '2018-09-19', []],
      ['b', 'late', '2018-09-20', []],
      ['c', 'late', null, []],
    ]);
    // Before the deadline (18/09), the same figures are not sent yet, counted as provisional.
    const early = completeness(reports.slice(2), units.slice(2), SEP, SETTINGS, { today: '2018-09-17' });
    expect(early.rows.map((r) => [r.status, r.missingMonths, r.unsentMonths])).toEqual([['missing', [9], [9]]]);
    // Without the run's date every date counts, as before.
    expect(completeness(reports, units, SEP, SETTINGS).reported).toBe(3);
  });

  it('counts figures without a date as late only once the deadline has passed', () => {
    const reports = [
      unitYear('a', 2018, { values: { TCD_LUOT: { 9: 1 } } }),
      unitYear('b', 2018, { invalid: ['DON_TONG:9'] }),
    ];
    const units = [unit('a', 'A'), unit('b', 'B')];
    const on = (today: string) =>
      completeness(reports, units, SEP, SETTINGS, { today }).rows.map((r) => [r.status, r.missingMonths]);
    expect(on('2018-09-18')).toEqual([
      ['missing', [9]],
      ['missing', [9]],
    ]);
    expect(on('2018-09-19')).toEqual([
      ['late', []],
      ['late', []],
    ]);
  });

  it('names the late months of a quarter, and apart the undated ones past their deadline', () => {
    const q3: Period = { type: 'quarter', year: 2018, index: 3 };
    const reports = [
      unitYear('a', 2018, { values: { TCD_LUOT: { 9: 1 } }, submitted: { 7: '2018-07-16', 8: '2018-08-16' } }),
      unitYear('b', 2018, { submitted: { 7: '2018-08-30', 8: '2018-08-16', 9: '2018-09-17' } }),
    ];
    const rows = completeness(reports, [unit('a', 'A'), unit('b', 'B')], q3, SETTINGS, { today: '2018-09-25' }).rows;
    // a's September has a figure but no date: not on time, but its date is unknown, not late.
    expect(rows.map((r) => [r.status, r.submittedOn, r.lateMonths, r.undatedMonths])).toEqual([
      ['late', '2018-08-16', undefined, [9]],
      ['late', '2018-09-17', [7], undefined],
    ]);
    expect(rows.map(isUndatedOnly)).toEqual([true, false]);
    expect(rows.map(isDatedLate)).toEqual([false, true]);
    // A month's report has one month: nothing to name.
    expect(completeness(reports, [unit('b', 'B')], SEP, SETTINGS).rows[0].lateMonths).toBeUndefined();
  });

  it('counts the months a merged unit’s old units left empty as missing', () => {
    const q3: Period = { type: 'quarter', year: 2018, index: 3 };
    const submitted = { 7: '2018-07-16', 8: '2018-08-16', 9: '2018-09-17' };
    const units = [unit('a', 'A'), unit('b', 'B')];
    const c = completeness(
      [unitYear('a', 2018, { submitted }), unitYear('b', 2018, { submitted })],
      units,
      q3,
      SETTINGS,
      { incomplete: new Map([['a', [7, 8]]]) },
    );
    expect(c.rows.map((r) => [r.unitCode, r.status, r.missingMonths])).toEqual([
      ['a', 'missing', [7, 8]],
      ['b', 'onTime', []],
    ]);
  });

  it('has zero rates when no unit is expected', () => {
    const none = completeness([], [], SEP, SETTINGS);
    expect([none.expected, none.reported, none.reportingRate, none.onTimeRate]).toEqual([0, 0, 0, 0]);
  });
});

describe('compareUnits', () => {
  it('sorts Vietnamese names, then codes', () => {
    const units = [
      unit('z', 'Ô Lâu'),
      unit('b', 'Ân Thi'),
      unit('a', 'Ân Thi'),
      unit('c', 'Ea Kar'),
      unit('d', 'Đắk Mil'),
    ];
    expect([...units].sort(compareUnits).map((u) => `${u.name}/${u.code}`)).toEqual([
      'Ân Thi/a',
      'Ân Thi/b',
      'Đắk Mil/d',
      'Ea Kar/c',
      'Ô Lâu/z',
    ]);
  });
});

describe('completeness of a quarter: each month against its own deadline', () => {
  const Q3: Period = { type: 'quarter', year: 2018, index: 3 };
  const months = (dates: Record<number, string>) =>
    unitYear('chung-chai', 2018, { values: { TCD_LUOT: { 7: 1, 8: 1, 9: 1 } }, submitted: dates });
  const status = (dates: Record<number, string>) =>
    completeness(
      [months(dates)],
      UNITS.filter((u) => u.code === 'chung-chai'),
      Q3,
      SETTINGS,
    ).rows[0].status;

  it('July and August sent with September, before the quarter deadline, are late', () => {
    // The quarter's deadline is September's (18/09/2018); July's was 17/07, August's 16/08.
    expect(status({ 7: '2018-09-10', 8: '2018-09-10', 9: '2018-09-10' })).toBe('late');
  });

  it('each month sent by its own deadline is on time', () => {
    expect(status({ 7: '2018-07-16', 8: '2018-08-16', 9: '2018-09-18' })).toBe('onTime');
  });

  it('the period deadline shown stays the quarter’s', () => {
    const c = completeness([months({ 7: '2018-07-16', 8: '2018-08-16', 9: '2018-09-18' })], UNITS, Q3, SETTINGS);
    expect(c.deadline).toBe('2018-09-18');
  });
});
