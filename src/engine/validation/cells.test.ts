import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { cleanText } from '../text/normalize';
import { dateCellIso, MAX_NOTE_LENGTH, parseCell, parseDateCell, serialToIso, shownValue } from './cells';

describe('parseCell — numbers', () => {
  it('treats empty and whitespace-only as empty', () => {
    for (const v of ['', '   ', '\u00A0', '\u200B', null, undefined])
      expect(parseCell(v, 'count')).toEqual({ status: 'empty' });
  });

  it('takes numbers as they are', () => {
    expect(parseCell(12, 'count')).toEqual({ status: 'ok', value: 12 });
    expect(parseCell(0, 'count')).toEqual({ status: 'ok', value: 0 });
    expect(parseCell(90.5, 'amount')).toEqual({ status: 'ok', value: 90.5 });
    expect(parseCell(2.9999999999999996, 'count')).toEqual({ status: 'ok', value: 3 });
  });

  it('rejects negatives, fractions in counts and non-finite numbers', () => {
    expect(parseCell(-5, 'count')).toEqual({ status: 'invalid', problem: 'negative', shown: '-5' });
    expect(parseCell(-0.5, 'amount')).toEqual({ status: 'invalid', problem: 'negative', shown: '-0,5' });
    expect(parseCell(2.5, 'count')).toEqual({ status: 'invalid', problem: 'fraction', shown: '2,5' });
    // A billion of a count, 10^15 of an amount, at most: beyond, a slip (an ID or phone number pasted).
    expect(parseCell(1e9, 'count')).toEqual({ status: 'ok', value: 1e9 });
    expect(parseCell(12345678901, 'count')).toMatchObject({ status: 'invalid', problem: 'too-large' });
    expect(parseCell('1.000.000.000.000', 'count')).toMatchObject({ status: 'invalid', problem: 'too-large' });
    expect(parseCell(1e20, 'count')).toMatchObject({ status: 'invalid', problem: 'too-large' });
    expect(parseCell(1e15, 'amount')).toEqual({ status: 'ok', value: 1e15 });
    expect(parseCell(1e16, 'amount')).toMatchObject({ status: 'invalid', problem: 'too-large' });
    expect(parseCell(Number.NaN, 'count')).toMatchObject({ status: 'invalid', problem: 'not-a-number' });
    expect(parseCell(Number.POSITIVE_INFINITY, 'amount')).toMatchObject({ status: 'invalid', problem: 'not-a-number' });
  });

  it('shows a too-large number exactly as it was typed', () => {
    expect(parseCell(123456789012, 'count')).toEqual({
      status: 'invalid',
      problem: 'too-large',
      shown: '123.456.789.012',
    });
    expect(parseCell(1e16, 'amount')).toEqual({
      status: 'invalid',
      problem: 'too-large',
      shown: '10.000.000.000.000.000',
    });
    expect(parseCell(1234567890123456.5, 'amount')).toMatchObject({ shown: '1.234.567.890.123.456,5' });
    expect(parseCell(-1e15, 'amount')).toEqual({
      status: 'invalid',
      problem: 'negative',
      shown: '-1.000.000.000.000.000',
    });
    expect(parseCell(98765432109.25, 'count')).toMatchObject({ shown: '98.765.432.109,25' });
    expect(shownValue(1e15)).toBe('1.000.000.000.000.000');
    expect(shownValue(123456789.1)).toBe('123.456.789,1');
  });

  it('parses numeric text the Vietnamese way', () => {
    expect(parseCell('1.000', 'count')).toEqual({ status: 'ok', value: 1000 });
    expect(parseCell(' 1.000,5 ', 'amount')).toEqual({ status: 'ok', value: 1000.5 });
    expect(parseCell('1,5', 'count')).toEqual({ status: 'invalid', problem: 'fraction', shown: '1,5' });
    expect(parseCell('-3', 'count')).toEqual({ status: 'invalid', problem: 'negative', shown: '-3' });
    expect(parseCell('1,000', 'count')).toEqual({ status: 'invalid', problem: 'ambiguous', shown: '1,000' });
    expect(parseCell('12.5', 'amount')).toEqual({ status: 'invalid', problem: 'ambiguous', shown: '12.5' });
    expect(parseCell('12 hộ', 'count')).toEqual({ status: 'invalid', problem: 'not-a-number', shown: '12 hộ' });
    expect(parseCell('1,000,000', 'count')).toEqual({ status: 'ok', value: 1000000, note: 'ambiguous-thousands' });
  });

  it('reads "-", "–", "—", "không", "Không có" as 0 with a note; keeps "x", "o", "/" as errors', () => {
    for (const v of ['-', ' – ', '—', 'không', 'KHÔNG', 'Khong', 'Không có', ' không  có ', 'khong co'])
      for (const kind of ['count', 'amount'] as const)
        expect(parseCell(v, kind)).toEqual({ status: 'ok', value: 0, note: 'nil-as-zero' });
    for (const v of ['x', 'o', '/', 'không rõ', '-5'])
      expect(parseCell(v, 'count')).toMatchObject({ status: 'invalid' });
    // A note "Không" stays the text typed (notes treat it themselves).
    expect(parseCell('Không', 'note')).toEqual({ status: 'ok', value: 'Không' });
    expect(parseCell('-', 'note')).toEqual({ status: 'ok', value: '-' });
  });

  it('keeps "-", "không" an error in a stock (lũy kế) row: there it means "no change", not "now none"', () => {
    for (const v of ['-', '—', 'không', 'Không có'])
      for (const kind of ['count', 'amount'] as const)
        expect(parseCell(v, kind, true)).toEqual({ status: 'invalid', problem: 'nil-in-stock', shown: v });
    // Numbers and other text as in any row.
    expect(parseCell(' 0 ', 'count', true)).toEqual({ status: 'ok', value: 0 });
    expect(parseCell(12, 'count', true)).toEqual({ status: 'ok', value: 12 });
    expect(parseCell('x', 'count', true)).toMatchObject({ status: 'invalid', problem: 'not-a-number' });
  });

  it('rejects booleans, dates and error values', () => {
    expect(parseCell(true, 'count')).toEqual({ status: 'invalid', problem: 'boolean', shown: 'TRUE' });
    expect(parseCell(new Date(2018, 8, 16), 'count')).toEqual({
      status: 'invalid',
      problem: 'date',
      shown: '16/09/2018',
    });
    expect(parseCell('#REF!', 'amount')).toEqual({ status: 'invalid', problem: 'error-value', shown: '#REF!' });
  });

  it('shortens what it shows to 60 characters', () => {
    const long = 'x'.repeat(100);
    const r = parseCell(long, 'count');
    expect(r).toEqual({ status: 'invalid', problem: 'not-a-number', shown: `${'x'.repeat(59)}…` });
    expect(shownValue(long)).toHaveLength(60);
  });
});

describe('parseCell — notes', () => {
  it('cleans text but keeps line breaks', () => {
    expect(parseCell('  Thiếu\u00A0kinh phí \r\n\n  đường  hỏng ', 'note')).toEqual({
      status: 'ok',
      value: 'Thiếu kinh phí\nđường hỏng',
    });
    expect(parseCell(' \n ', 'note')).toEqual({ status: 'empty' });
  });

  it('turns any value into text', () => {
    expect(parseCell(2018, 'note')).toEqual({ status: 'ok', value: '2018' });
    expect(parseCell(1.5, 'note')).toEqual({ status: 'ok', value: '1,5' });
    expect(parseCell(false, 'note')).toEqual({ status: 'ok', value: 'FALSE' });
    expect(parseCell(new Date(2018, 0, 2), 'note')).toEqual({ status: 'ok', value: '02/01/2018' });
  });

  it('caps notes at 5.000 characters with a note', () => {
    const r = parseCell('a'.repeat(MAX_NOTE_LENGTH + 10), 'note');
    expect(r).toEqual({ status: 'ok', value: 'a'.repeat(5000), note: 'truncated' });
  });

  it('never cuts an emoji in half (a lone surrogate shows as "�" in the district\'s workbook)', () => {
    const r = parseCell(`${'a'.repeat(MAX_NOTE_LENGTH - 1)}😀 tiếp`, 'note');
    expect(r).toEqual({ status: 'ok', value: 'a'.repeat(MAX_NOTE_LENGTH - 1), note: 'truncated' });
  });

  it('still flags error values', () => {
    expect(parseCell('#N/A', 'note')).toEqual({ status: 'invalid', problem: 'error-value', shown: '#N/A' });
  });
});

describe('note cells', () => {
  it('are cleaned line by line, whatever the text (clean text taken as it stands)', () => {
    const unit = fc.constantFrom(...'ab Đđ\u00D0\u00A0\t\r\n\u2028\u200Bả'.split(''), 'a\u0301', 'Ghi chú');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 })), (s) => {
        const text = s
          .split(/\r\n|\r|\n|\u2028|\u2029/)
          .map(cleanText)
          .filter(Boolean)
          .join('\n');
        expect(parseCell(s, 'note')).toEqual(text ? { status: 'ok', value: text } : { status: 'empty' });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseDateCell', () => {
  it('dateCellIso, its shortcut for Date cells, gives its date or leaves the cell to it', () => {
    const cell = fc.oneof(
      fc.date({ min: new Date(1000, 0, 1), max: new Date(3000, 0, 1), noInvalidDate: false }),
      fc.constantFrom(new Date(1989, 11, 31, 23, 59), new Date(1990, 0, 1), new Date(2100, 11, 31, 23, 59)),
      fc.constantFrom(new Date(2101, 0, 1), new Date(Number.NaN), '16/09/2018', 43359, '', null, true),
    );
    const byTime = new Map<number, string>();
    fc.assert(
      fc.property(cell, (v) => {
        const iso = dateCellIso(v);
        const full = parseDateCell(v);
        // With the answers so far by time value: the same answer, also for a second Date of that time.
        expect(dateCellIso(v, byTime)).toBe(iso);
        if (v instanceof Date) expect(dateCellIso(new Date(v.getTime()), byTime)).toBe(iso);
        if (iso !== null) expect(full).toEqual({ status: 'ok', iso });
        // Only Dates take the shortcut, and every valid Date of 1990–2100 does.
        else if (v instanceof Date) expect(full.status === 'ok' && v.getFullYear() <= 2100).toBe(false);
      }),
      { numRuns: 2000 },
    );
    expect(dateCellIso(new Date(2018, 8, 16))).toBe('2018-09-16');
    expect(dateCellIso('16/09/2018')).toBeNull();
  });

  it('dateCellIso with a map: times kept in one place of its table (hours 1024 apart) each get their own date', () => {
    const byTime = new Map<number, string>();
    const start = new Date(2018, 0, 1).getTime();
    const times = Array.from({ length: 40 }, (_, i) => start + i * 1024 * 3_600_000 + (i % 3) * 60_000);
    for (let pass = 0; pass < 3; pass++)
      for (const t of [...times].reverse()) expect(dateCellIso(new Date(t), byTime)).toBe(dateCellIso(new Date(t)));
  });

  it('dateCellIso with a map answers from that map, not from the answers of the map before', () => {
    // A map is one read's (its time zone); a map given with an answer (a read in another zone) keeps it.
    const t = new Date(2018, 8, 16).getTime();
    expect(dateCellIso(new Date(t), new Map())).toBe('2018-09-16');
    expect(dateCellIso(new Date(t), new Map([[t, '2018-09-15']]))).toBe('2018-09-15');
  });

  it('takes the local calendar date of Date objects', () => {
    expect(parseDateCell(new Date(2018, 8, 16))).toEqual({ status: 'ok', iso: '2018-09-16' });
    expect(parseDateCell(new Date(2018, 8, 16, 23, 59))).toEqual({ status: 'ok', iso: '2018-09-16' });
    expect(parseDateCell(new Date(2018, 8, 16, 0, 0))).toEqual({ status: 'ok', iso: '2018-09-16' });
  });

  it('knows a Date made in another realm (a vm context), in a number cell too', () => {
    const other = runInNewContext('new Date(2018, 8, 16, 10, 0)') as Date;
    expect(other instanceof Date).toBe(false);
    expect(parseDateCell(other)).toEqual({ status: 'ok', iso: '2018-09-16' });
    expect(dateCellIso(other, new Map())).toBe('2018-09-16');
    expect(parseCell(other, 'count')).toMatchObject({ status: 'invalid', problem: 'date' });
  });

  it('reads serial day numbers', () => {
    expect(parseDateCell(43359)).toEqual({ status: 'ok', iso: '2018-09-16' });
    expect(parseDateCell(43359.75)).toEqual({ status: 'ok', iso: '2018-09-16' });
    expect(serialToIso(45839)).toBe('2025-07-01');
  });

  it.each([
    ['16/09/2018', '2018-09-16'],
    ['16/9/2018', '2018-09-16'],
    ['16-09-2018', '2018-09-16'],
    ['16.09.2018', '2018-09-16'],
    ['2018-09-16', '2018-09-16'],
    ['1/2/2019', '2019-02-01'],
    ['16/09/18', '2018-09-16'],
    ['16/09/2018 10:30', '2018-09-16'],
    ['29/02/2020', '2020-02-29'],
    // With the word clerks type before it, and as official documents write a date.
    ['ngày 17/9/2018', '2018-09-17'],
    ['Ngày: 17/09/2018', '2018-09-17'],
    ['17 tháng 9 năm 2018', '2018-09-17'],
    ['ngày 17 tháng 9 năm 2018', '2018-09-17'],
  ])('%j → %s', (text, iso) => {
    expect(parseDateCell(text)).toEqual({ status: 'ok', iso });
  });

  it('reads day/month without a year ("17/9") in the sheet\'s year, marked; an error without a year known', () => {
    expect(parseDateCell('17/9', 2018)).toEqual({ status: 'ok', iso: '2018-09-17', noYear: true });
    expect(parseDateCell(' 5.10 ', 2018)).toEqual({ status: 'ok', iso: '2018-10-05', noYear: true });
    expect(parseDateCell('31/2', 2018)).toMatchObject({ status: 'invalid', problem: 'not-a-date' });
    expect(parseDateCell('17/9')).toMatchObject({ status: 'invalid', problem: 'not-a-date' });
    // A full date is not marked.
    expect(parseDateCell('17/9/2018', 2017)).toEqual({ status: 'ok', iso: '2018-09-17' });
  });

  it("takes the year of a day/month date from the column's month: at or after the month's data window", () => {
    // December's report sent on 5 January: the year after the sheet's, marked so the warning says why.
    expect(parseDateCell('5/1', 2018, 12)).toEqual({ status: 'ok', iso: '2019-01-05', noYear: true, otherYear: true });
    expect(parseDateCell('10/2', 2018, 12)).toMatchObject({ iso: '2019-02-10', otherYear: true });
    // January's report sent on 28 December (its data window may begin in December): the year before.
    expect(parseDateCell('28/12', 2018, 1)).toMatchObject({ iso: '2017-12-28', otherYear: true });
    // The month itself, the month after and the month before (the window may start there): the sheet's year.
    expect(parseDateCell('16/12', 2018, 12)).toEqual({ status: 'ok', iso: '2018-12-16', noYear: true });
    expect(parseDateCell('5/10', 2018, 9)).toEqual({ status: 'ok', iso: '2018-10-05', noYear: true });
    expect(parseDateCell('20/8', 2018, 9)).toEqual({ status: 'ok', iso: '2018-08-20', noYear: true });
    expect(parseDateCell('5/1', 2018, 1)).toEqual({ status: 'ok', iso: '2018-01-05', noYear: true });
    // 29/2 of the year it falls in: 2020 is a leap year.
    expect(parseDateCell('29/2', 2019, 12)).toMatchObject({ status: 'ok', iso: '2020-02-29' });
  });

  it('rejects impossible and implausible dates', () => {
    expect(parseDateCell('31/02/2018')).toEqual({ status: 'invalid', problem: 'not-a-date', shown: '31/02/2018' });
    expect(parseDateCell('09/16/2018')).toEqual({ status: 'invalid', problem: 'not-a-date', shown: '09/16/2018' });
    expect(parseDateCell('hôm qua')).toEqual({ status: 'invalid', problem: 'not-a-date', shown: 'hôm qua' });
    expect(parseDateCell(16)).toEqual({ status: 'invalid', problem: 'date-out-of-range', shown: '16' });
    expect(parseDateCell('16/09/1890')).toEqual({
      status: 'invalid',
      problem: 'date-out-of-range',
      shown: '16/09/1890',
    });
    expect(parseDateCell(true)).toEqual({ status: 'invalid', problem: 'boolean', shown: 'TRUE' });
    expect(parseDateCell('#VALUE!')).toEqual({ status: 'invalid', problem: 'error-value', shown: '#VALUE!' });
    expect(parseDateCell(new Date(Number.NaN))).toMatchObject({ status: 'invalid', problem: 'not-a-date' });
    expect(parseDateCell('')).toEqual({ status: 'empty' });
  });
});
