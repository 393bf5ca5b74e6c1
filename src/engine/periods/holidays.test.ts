import { defaultCatalogue, defaultHolidayNames, defaultSettings, defaultUnits } from '../catalogue/defaults';
import { summarise } from '../pipeline';
import type { Period, Settings } from '../types';
import { deadline, isoWeekday } from './cutoff';
import { deadlineYears, holidayCoverageFindings, holidayGaps, TET_WINDOW } from './holidays';

const S: Settings = defaultSettings();
const month = (year: number, index: number): Period => ({ type: 'month', year, index });
const days = S.holidays ?? [];

describe('deadlineYears: the years whose days a working-day deadline counts', () => {
  test('Decree 09 windows: the year of the days after the 14th', () => {
    expect(deadlineYears(month(2027, 1), S)).toEqual([2027]);
    expect(deadlineYears(month(2026, 12), S)).toEqual([2026]);
    expect(deadlineYears({ type: 'year', year: 2026, index: 1 }, S)).toEqual([2026]);
  });

  test('calendar months: December counts the first days of the next year', () => {
    expect(deadlineYears(month(2026, 12), { ...S, cutoffDay: 1 })).toEqual([2027]);
  });

  test('a window closing before the year ends and a deadline after it: both years', () => {
    // cut-off day 28: December's window ends Monday 27/12/2027; 5 working days reach January 2028.
    const s = { ...S, cutoffDay: 28, submitDays: 5 };
    expect(deadline(month(2027, 12), s) > '2028-01-01').toBe(true);
    expect(deadlineYears(month(2027, 12), s)).toEqual([2027, 2028]);
  });

  test('none when no day off can move the deadline', () => {
    expect(deadlineYears(month(2030, 1), { ...S, submitWorkingDays: false })).toEqual([]);
    expect(deadlineYears(month(2030, 1), { ...S, submitDays: 0 })).toEqual([]);
  });
});

describe('holidayGaps', () => {
  test('every year of the defaults before 2026 is complete (the demo and test years)', () => {
    expect(holidayGaps([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025], days)).toEqual([]);
  });

  test("2026 lacks 2/9's day next to it; 2027 holds the days fixed by law only; 2028 nothing", () => {
    expect(holidayGaps([2026, 2027, 2028], days)).toEqual([
      { year: 2026, missing: 'national-day' },
      { year: 2027, missing: 'tet' },
      { year: 2027, missing: 'national-day' },
      { year: 2028, missing: 'all' },
    ]);
  });

  test('2/9 needs 1/9 or 3/9 beside it from 2021 (Labour Code 2019, art. 112), not before', () => {
    const sep = (year: number, more: string[]) => holidayGaps([year], [`${year}-01-20`, `${year}-09-02`, ...more]);
    expect(sep(2026, [])).toEqual([{ year: 2026, missing: 'national-day' }]);
    expect(sep(2026, ['2026-09-01'])).toEqual([]);
    expect(sep(2026, ['2026-09-03'])).toEqual([]);
    expect(sep(2026, ['2026-09-04'])).toEqual([{ year: 2026, missing: 'national-day' }]);
    expect(sep(2020, [])).toEqual([]);
  });

  test('with the days a deadline counts: Tết and 2/9 only when those days reach their season', () => {
    const year2027 = (from: string, to: string) => holidayGaps([2027], days, { from, to });
    expect(year2027('2027-01-15', '2027-01-18')).toEqual([{ year: 2027, missing: 'tet' }]);
    expect(year2027('2027-02-27', '2027-03-02')).toEqual([{ year: 2027, missing: 'tet' }]);
    expect(year2027('2027-03-15', '2027-03-16')).toEqual([]);
    expect(year2027('2027-08-15', '2027-08-31')).toEqual([]);
    expect(year2027('2027-09-01', '2027-09-02')).toEqual([{ year: 2027, missing: 'national-day' }]);
    expect(year2027('2027-10-15', '2027-10-18')).toEqual([]);
  });

  test('no list (an older settings file) or an empty one: every year lacks all', () => {
    expect(holidayGaps([2018], undefined)).toEqual([{ year: 2018, missing: 'all' }]);
    expect(holidayGaps([2018], [])).toEqual([{ year: 2018, missing: 'all' }]);
  });

  test('one Tết day anywhere in the window is enough; 1/1 and the days off in lieu of it are not Tết', () => {
    const tet = (years: number[], list: string[]) => holidayGaps(years, list).filter((g) => g.missing === 'tet');
    expect(tet([2027], [...days, '2027-02-08'])).toEqual([]);
    expect(tet([2021], ['2021-01-01', '2021-01-04', '2021-04-21'])).toEqual([{ year: 2021, missing: 'tet' }]);
    expect(tet([2028], ['2028-01-15'])).toEqual([]);
    expect(tet([2028], ['2028-02-29'])).toEqual([]);
    expect(tet([2028], ['2028-01-14', '2028-03-01'])).toEqual([{ year: 2028, missing: 'tet' }]);
  });

  test('the window holds every Tết day of the defaults, and no other day off', () => {
    const names = defaultHolidayNames();
    for (const day of days) {
      const md = day.slice(5);
      const inWindow = md >= TET_WINDOW.from && md <= TET_WINDOW.to;
      expect([day, inWindow]).toEqual([day, names[day] === 'Tết Nguyên đán']);
    }
  });
});

describe('the 2027 days off fixed by the Labour Code 2019, art. 112', () => {
  test('1/1, Giỗ Tổ (10/3 âm lịch = Friday 16/04/2027), 30/4, 1/5 with its day in lieu, 2/9; no Tết, no day next to 2/9', () => {
    const names = defaultHolidayNames();
    expect(days.filter((d) => d.startsWith('2027-'))).toEqual([
      '2027-01-01',
      '2027-04-16',
      '2027-04-30',
      '2027-05-01',
      '2027-05-03',
      '2027-09-02',
    ]);
    expect(names['2027-04-16']).toBe('Giỗ Tổ Hùng Vương');
    expect(isoWeekday('2027-05-01')).toBe(6); // Saturday: the next working day, Monday 03/05, is off
    expect(names['2027-05-03']).toBe('Nghỉ bù 1/5 (là thứ Bảy)');
  });
});

describe('holidayCoverageFindings', () => {
  test('never for the periods of the years the defaults cover', () => {
    for (let y = 2018; y <= 2026; y++)
      for (let m = 1; m <= 12; m++) expect(holidayCoverageFindings(month(y, m), S)).toEqual([]);
    expect(holidayCoverageFindings({ type: 'quarter', year: 2018, index: 3 }, S)).toEqual([]);
    expect(holidayCoverageFindings({ type: 'year', year: 2026, index: 1 }, S)).toEqual([]);
  });

  test('a year without any day off: a warning naming the year, the deadline and where to add them', () => {
    const found = holidayCoverageFindings(month(2028, 3), S);
    expect(found).toEqual([
      {
        severity: 'warning',
        code: 'holidays-missing',
        message: expect.stringContaining('chưa có ngày nào của năm 2028'),
      },
    ]);
    const text = found[0].message;
    expect(text).toContain(
      `hạn nộp báo cáo tháng 3/2028 (${deadline(month(2028, 3), S).split('-').reverse().join('/')})`,
    );
    expect(text).toContain('trang "Ngày nghỉ"');
    expect(text).toContain('mục "holidays" của tệp thiết lập');
  });

  test('a year with its fixed days but no Tết: a warning saying Tết of that year is missing', () => {
    expect(holidayCoverageFindings(month(2027, 1), S)).toEqual([
      {
        severity: 'warning',
        code: 'holidays-no-tet',
        message: expect.stringContaining('Danh sách ngày nghỉ năm 2027 chưa có ngày nghỉ Tết Nguyên đán nào'),
      },
    ]);
  });

  test('2027 without Tết: warned for January and February only, not from March on (Tết is over)', () => {
    const warned = [];
    for (let m = 1; m <= 12; m++) if (holidayCoverageFindings(month(2027, m), S).length) warned.push(m);
    expect(warned).toEqual([1, 2]);
    expect(holidayCoverageFindings({ type: 'quarter', year: 2027, index: 4 }, S)).toEqual([]);
    expect(holidayCoverageFindings({ type: 'year', year: 2027, index: 1 }, S)).toEqual([]);
  });

  test('2026, 2/9 without its day next to it: warned only when the deadline counts days of early September', () => {
    const calendar = { ...S, cutoffDay: 1 }; // August closes 31/08: its deadline counts 01/09 …
    expect(holidayCoverageFindings(month(2026, 8), calendar)).toEqual([
      {
        severity: 'warning',
        code: 'holidays-no-national-day',
        message: expect.stringContaining('Danh sách ngày nghỉ năm 2026 chưa có đủ 2 ngày nghỉ Quốc khánh'),
      },
    ]);
    expect(holidayCoverageFindings(month(2026, 8), { ...calendar, holidays: [...days, '2026-09-01'] })).toEqual([]);
    expect(holidayCoverageFindings(month(2025, 8), calendar)).toEqual([]);
    // Decree 09: August's deadline counts 15/08 …, September's 15/09 …: 2/9 never counts.
    for (let m = 1; m <= 12; m++) expect(holidayCoverageFindings(month(2026, m), S)).toEqual([]);
  });

  test('settings without days off: warned in any year; deadlines in calendar days: never', () => {
    expect(holidayCoverageFindings(month(2018, 9), { ...S, holidays: undefined })).toHaveLength(1);
    expect(holidayCoverageFindings(month(2028, 3), { ...S, submitWorkingDays: false })).toEqual([]);
  });
});

describe('summarise', () => {
  const run = (period: Period) =>
    summarise({
      catalogue: defaultCatalogue(),
      units: defaultUnits(),
      settings: S,
      period,
      workbooks: [],
      generatedAt: `${period.year}-06-01T00:00:00Z`,
    }).summary.findings.filter((f) => f.code.startsWith('holidays-'));

  test('the summary of a period whose deadline falls in a year without days off carries the warning', () => {
    expect(run(month(2028, 2)).map((f) => f.code)).toEqual(['holidays-missing']);
    expect(run(month(2027, 2)).map((f) => f.code)).toEqual(['holidays-no-tet']);
  });

  test('none for the demo period', () => {
    expect(run(month(2018, 9))).toEqual([]);
  });
});
