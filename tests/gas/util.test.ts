import { runInNewContext } from 'node:vm';
import { isDate } from '../../src/gas/util';

describe('isDate (asked of every cell readGrid returns)', () => {
  test('a Date, also one from another realm (the fake runs dist/Code.js in a vm context)', () => {
    expect(isDate(new Date(2018, 8, 16))).toBe(true);
    const other = runInNewContext('new Date(2018, 8, 16)');
    expect(other instanceof Date).toBe(false);
    expect(isDate(other)).toBe(true);
  });

  test('nothing else: numbers, texts, empty cells, booleans, plain objects, a Date look-alike', () => {
    for (const v of [0, 43359, '16/09/2018', '', null, undefined, true, {}, [], { getTime: () => 0 }])
      expect([v, isDate(v)]).toEqual([v, false]);
  });
});
