import { defaultSettings } from '../catalogue/defaults';
import type { Period, Settings } from '../types';
import {
  dataWindow,
  deadline,
  isCurrentOn,
  isoAddDays,
  isoAddWorkingDays,
  isoWeekday,
  isRealIsoDate,
  isWorkingDay,
  lastClosedPeriod,
  localDateOf,
  todayIn,
} from './cutoff';
import { formatPeriod, parsePeriod } from './period';

const S: Settings = { ...defaultSettings(), cutoffDay: 15, submitDays: 2, submitWorkingDays: true };
const p = (s: string) => parsePeriod(s) as Period;

describe('date helpers', () => {
  it('isoAddDays crosses months, leap days and years', () => {
    expect(isoAddDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(isoAddDays('2018-02-28', 1)).toBe('2018-03-01');
    expect(isoAddDays('2018-12-31', 1)).toBe('2019-01-01');
    expect(isoAddDays('2018-01-01', -1)).toBe('2017-12-31');
    expect(isoAddDays('2018-09-14', 0)).toBe('2018-09-14');
  });

  it('isoWeekday is 1 = Monday … 7 = Sunday', () => {
    expect(isoWeekday('2018-09-14')).toBe(5); // Friday
    expect(isoWeekday('2018-09-15')).toBe(6);
    expect(isoWeekday('2018-09-16')).toBe(7);
    expect(isoWeekday('2018-09-17')).toBe(1);
  });

  it('isoAddWorkingDays skips weekends', () => {
    expect(isoAddWorkingDays('2018-09-14', 1)).toBe('2018-09-17');
    expect(isoAddWorkingDays('2018-09-14', 2)).toBe('2018-09-18');
    expect(isoAddWorkingDays('2018-09-15', 1)).toBe('2018-09-17'); // from Saturday
    expect(isoAddWorkingDays('2018-09-10', 3)).toBe('2018-09-13');
    expect(isoAddWorkingDays('2018-09-14', 0)).toBe('2018-09-14');
  });

  it('isoAddWorkingDays counts back with a negative number, skipping weekends and days off', () => {
    expect(isoAddWorkingDays('2018-09-17', -1)).toBe('2018-09-14'); // Monday − 1 → Friday
    expect(isoAddWorkingDays('2018-09-18', -2)).toBe('2018-09-14');
    expect(isoAddWorkingDays('2018-09-16', -1)).toBe('2018-09-14'); // from Sunday
    // Tết 2018: 14–20/02 off; the working day before Wednesday 21/02 is Tuesday 13/02.
    const tet = ['2018-02-14', '2018-02-15', '2018-02-16', '2018-02-19', '2018-02-20'];
    expect(isoAddWorkingDays('2018-02-21', -1, tet)).toBe('2018-02-13');
    // Back and forth agree.
    expect(isoAddWorkingDays(isoAddWorkingDays('2018-02-13', 1, tet), -1, tet)).toBe('2018-02-13');
  });

  it('isWorkingDay: Monday–Friday not listed off', () => {
    expect(isWorkingDay('2018-09-14')).toBe(true);
    expect(isWorkingDay('2018-09-15')).toBe(false);
    expect(isWorkingDay('2018-09-16')).toBe(false);
    expect(isWorkingDay('2018-02-19', ['2018-02-19'])).toBe(false);
    expect(isWorkingDay('2018-02-21', ['2018-02-19'])).toBe(true);
  });
});

describe('dataWindow (Decree 09/2019, cut-off 15)', () => {
  it.each([
    ['2018-09', '2018-08-15', '2018-09-14'],
    ['2018-01', '2017-12-15', '2018-01-14'],
    ['2018-12', '2018-11-15', '2018-12-14'],
    ['2018-03', '2018-02-15', '2018-03-14'],
    ['2018-Q1', '2017-12-15', '2018-03-14'],
    ['2018-Q3', '2018-06-15', '2018-09-14'],
    ['2018-Q4', '2018-09-15', '2018-12-14'],
    ['2018-6T', '2017-12-15', '2018-06-14'],
    ['2018-9T', '2017-12-15', '2018-09-14'],
    ['2018', '2017-12-15', '2018-12-14'],
  ])('%s = %s … %s', (period, start, end) => {
    expect(dataWindow(p(period), S)).toEqual({ start, end });
  });

  it('follows other cut-off days (social insurance: 25th)', () => {
    expect(dataWindow(p('2018-03'), { cutoffDay: 25 })).toEqual({ start: '2018-02-25', end: '2018-03-24' });
    expect(dataWindow(p('2018-01'), { cutoffDay: 25 })).toEqual({ start: '2017-12-25', end: '2018-01-24' });
  });

  it('cut-off day 1 means calendar months', () => {
    expect(dataWindow(p('2018-02'), { cutoffDay: 1 })).toEqual({ start: '2018-02-01', end: '2018-02-28' });
    expect(dataWindow(p('2016-02'), { cutoffDay: 1 })).toEqual({ start: '2016-02-01', end: '2016-02-29' });
    expect(dataWindow(p('2018'), { cutoffDay: 1 })).toEqual({ start: '2018-01-01', end: '2018-12-31' });
  });
});

describe('deadline', () => {
  it('adds working days across a weekend', () => {
    // September 2018 closes on Friday 14/09: two working days → Tuesday 18/09.
    expect(deadline(p('2018-09'), S)).toBe('2018-09-18');
    // August 2018 closes on Tuesday 14/08 → Thursday 16/08.
    expect(deadline(p('2018-08'), S)).toBe('2018-08-16');
    // 6 months of 2018 close on Thursday 14/06 → Monday 18/06.
    expect(deadline(p('2018-6T'), S)).toBe('2018-06-18');
    // January 2018 closes on Sunday 14/01 → Tuesday 16/01.
    expect(deadline(p('2018-01'), S)).toBe('2018-01-16');
  });

  it('adds calendar days when working days are off', () => {
    expect(deadline(p('2018-09'), { ...S, submitWorkingDays: false })).toBe('2018-09-16');
    expect(deadline(p('2018'), { ...S, submitWorkingDays: false, submitDays: 20 })).toBe('2019-01-03');
  });

  it('is the window end when no days are allowed', () => {
    expect(deadline(p('2018-Q3'), { ...S, submitDays: 0 })).toBe('2018-09-14');
  });
});

describe('official days off (Settings.holidays)', () => {
  const none: Settings = { ...S, holidays: undefined };

  it('isoAddWorkingDays skips holidays that fall on working days', () => {
    // Tết 2018: Wednesday 14/02 … Tuesday 20/02.
    const tet = ['2018-02-14', '2018-02-15', '2018-02-16', '2018-02-19', '2018-02-20'];
    expect(isoAddWorkingDays('2018-02-14', 2)).toBe('2018-02-16');
    expect(isoAddWorkingDays('2018-02-14', 2, tet)).toBe('2018-02-22');
    expect(isoAddWorkingDays('2018-02-13', 1, tet)).toBe('2018-02-21');
    expect(isoAddWorkingDays('2018-02-14', 0, tet)).toBe('2018-02-14');
  });

  it('the February 2018 deadline moves past Tết (14/02–20/02/2018)', () => {
    // Window ends Wednesday 14/02 (first day of Tết); without holidays: Friday 16/02, inside Tết.
    expect(deadline(p('2018-02'), none)).toBe('2018-02-16');
    expect(deadline(p('2018-02'), S)).toBe('2018-02-22');
  });

  it('the February 2026 deadline moves past Tết (14/02–22/02/2026)', () => {
    // Window ends Saturday 14/02; without holidays: Tuesday 17/02, inside Tết.
    expect(deadline(p('2026-02'), none)).toBe('2026-02-17');
    expect(deadline(p('2026-02'), S)).toBe('2026-02-24');
  });

  it('the first quarter of 2018 and 2026 (window ends 14/03) is not affected', () => {
    expect(deadline(p('2018-Q1'), S)).toBe(deadline(p('2018-Q1'), none));
    expect(deadline(p('2026-Q1'), S)).toBe(deadline(p('2026-Q1'), none));
  });

  it('a holiday on a weekend changes nothing', () => {
    // 2/9/2018 was a Sunday; 15–16/09/2018 a weekend.
    expect(isoAddWorkingDays('2018-08-31', 1, ['2018-09-02'])).toBe('2018-09-03');
    expect(isoAddWorkingDays('2018-09-14', 2, ['2018-09-15', '2018-09-16'])).toBe('2018-09-18');
    expect(deadline(p('2018-09'), { ...S, holidays: ['2018-09-15', '2018-09-16'] })).toBe('2018-09-18');
  });

  it('without holidays (absent or empty) nothing changes', () => {
    for (const holidays of [undefined, []]) {
      expect(deadline(p('2018-02'), { ...S, holidays })).toBe('2018-02-16');
      expect(deadline(p('2018-09'), { ...S, holidays })).toBe('2018-09-18');
      expect(deadline(p('2018-01'), { ...S, holidays })).toBe('2018-01-16');
    }
  });

  it('calendar-day deadlines ignore holidays', () => {
    expect(deadline(p('2018-02'), { ...S, submitWorkingDays: false })).toBe('2018-02-16');
  });

  it('isRealIsoDate accepts calendar dates only', () => {
    expect(isRealIsoDate('2018-02-14')).toBe(true);
    expect(isRealIsoDate('2016-02-29')).toBe(true);
    expect(isRealIsoDate('2018-02-29')).toBe(false);
    expect(isRealIsoDate('2018-02-30')).toBe(false);
    expect(isRealIsoDate('2018-13-01')).toBe(false);
    expect(isRealIsoDate('2018-2-14')).toBe(false);
    expect(isRealIsoDate('14/02/2018')).toBe(false);
    expect(isRealIsoDate('')).toBe(false);
  });
});

describe('isCurrentOn: whether a report may say its figures "đến nay"', () => {
  it.each([
    // Until the next month's cut-off its figures are the latest there are.
    ['2025-03', '2025-03-10', true],
    ['2025-03', '2025-04-14', true],
    // March re-sent after April's figures are in: they stop at the end of March.
    ['2025-03', '2025-04-15', false],
    ['2025-03', '2025-05-20', false],
    // Quarter II made in November.
    ['2025-Q2', '2025-07-10', true],
    ['2025-Q2', '2025-11-20', false],
    ['2025-6T', '2025-07-15', false],
    // A year: until January's cut-off of the next year.
    ['2018', '2019-01-14', true],
    ['2018', '2019-01-15', false],
    ['2025-12', '2025-12-20', true],
  ] as const)('%s on %s → %s', (period, today, expected) => {
    expect(isCurrentOn(parsePeriod(period) as Period, S, today)).toBe(expected);
  });

  it('uses the configured cut-off day, and takes a date that is no date as later', () => {
    const march = parsePeriod('2025-03') as Period;
    expect(isCurrentOn(march, { cutoffDay: 1 }, '2025-04-30')).toBe(true);
    expect(isCurrentOn(march, { cutoffDay: 1 }, '2025-05-01')).toBe(false);
    expect(isCurrentOn(march, S, 'not a date')).toBe(false);
  });
});

describe('lastClosedPeriod', () => {
  it.each([
    ['2018-09-15', 'month', '2018-09'],
    ['2018-09-14', 'month', '2018-08'],
    ['2018-01-14', 'month', '2017-12'],
    ['2018-01-15', 'month', '2018-01'],
    ['2018-12-31', 'month', '2018-12'],
    ['2018-09-15', 'quarter', '2018-Q3'],
    ['2018-09-14', 'quarter', '2018-Q2'],
    ['2018-01-10', 'quarter', '2017-Q4'],
    ['2018-06-15', 'half', '2018-6T'],
    ['2018-06-14', 'half', '2017-6T'],
    ['2018-09-15', 'nine', '2018-9T'],
    ['2018-12-15', 'year', '2018'],
    ['2018-12-14', 'year', '2017'],
    ['2019-01-05', 'year', '2018'],
  ] as const)('%s, %s → %s', (today, type, expected) => {
    expect(formatPeriod(lastClosedPeriod(today, type, S))).toBe(expected);
  });

  it('uses the configured cut-off day', () => {
    expect(formatPeriod(lastClosedPeriod('2018-09-25', 'month', { cutoffDay: 25 }))).toBe('2018-09');
    expect(formatPeriod(lastClosedPeriod('2018-09-24', 'month', { cutoffDay: 25 }))).toBe('2018-08');
    expect(formatPeriod(lastClosedPeriod('2018-10-01', 'month', { cutoffDay: 1 }))).toBe('2018-09');
    expect(formatPeriod(lastClosedPeriod('2018-09-30', 'month', { cutoffDay: 1 }))).toBe('2018-08');
  });
});

describe('todayIn', () => {
  it('uses UTC+7 for Vietnam', () => {
    expect(todayIn('Asia/Ho_Chi_Minh', new Date('2018-09-15T16:59:59Z'))).toBe('2018-09-15');
    expect(todayIn('Asia/Ho_Chi_Minh', new Date('2018-09-15T17:00:00Z'))).toBe('2018-09-16');
    expect(todayIn('Asia/Saigon', new Date('2018-12-31T17:30:00Z'))).toBe('2019-01-01');
  });

  it('handles UTC and asks Intl for other zones', () => {
    expect(todayIn('UTC', new Date('2018-09-15T23:59:59Z'))).toBe('2018-09-15');
    expect(todayIn('Asia/Tokyo', new Date('2018-09-15T15:00:00Z'))).toBe('2018-09-16');
  });

  it('falls back to UTC+7 for an unknown zone', () => {
    expect(todayIn('Not/AZone', new Date('2018-09-15T17:00:00Z'))).toBe('2018-09-16');
  });

  it('localDateOf reads timestamps in the zone, bare dates as they are', () => {
    expect(localDateOf('2018-09-15T20:00:00Z', 'Asia/Ho_Chi_Minh')).toBe('2018-09-16');
    expect(localDateOf('2018-09-16T08:00:00+07:00', 'Asia/Ho_Chi_Minh')).toBe('2018-09-16');
    expect(localDateOf('2018-09-16', 'Asia/Ho_Chi_Minh')).toBe('2018-09-16');
    expect(localDateOf('2018-09-16T23:00:00', 'Asia/Ho_Chi_Minh')).toBe('2018-09-16');
  });
});

describe('days off swapped with a Saturday (civil servants off on a weekday, working the Saturday)', () => {
  // 2025: Friday 02/05 off, worked back on Saturday 26/04; 2024: Monday 29/04 off, worked back on 04/05.
  const calendarMonths: Settings = { ...defaultSettings(), cutoffDay: 1, submitDays: 2, submitWorkingDays: true };

  test('April 2025 by calendar month: 30/4, 1/5, 2/5 and the weekend are off: 2 working days after the window are Monday 05/05 and Tuesday 06/05', () => {
    expect(deadline({ type: 'month', year: 2025, index: 4 }, calendarMonths)).toBe('2025-05-06');
  });

  test('the default list holds both swapped days', () => {
    expect(defaultSettings().holidays).toEqual(expect.arrayContaining(['2024-04-29', '2025-05-02']));
  });

  // Văn bản 12729/VPCP-KGVX (25/12/2025): Friday 02/01/2026 off, worked back on Saturday 10/01/2026.
  test('December 2025 by calendar month: 01/01 and 02/01/2026 and the weekend are off: the deadline is Tuesday 06/01/2026', () => {
    expect(deadline({ type: 'month', year: 2025, index: 12 }, calendarMonths)).toBe('2026-01-06');
  });
});
