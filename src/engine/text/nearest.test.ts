import { editDistance, nearest } from './nearest';
import { slug } from './normalize';

describe('nearest', () => {
  const commands = ['template', 'check', 'aggregate', 'report', 'demo'];
  test.each([
    ['agregate', 'aggregate'],
    ['chekc', 'check'],
    ['Report', 'report'],
    ['templat', 'template'],
    ['temp', null],
    ['dem', 'demo'],
    ['xyz', null],
    ['', null],
    ['reportage', null],
  ])('%j → %j', (typed, meant) => {
    expect(nearest(typed, commands, slug)).toBe(meant);
  });

  test('diacritics folded by the fold given', () => {
    expect(nearest('tổng-hợp', ['tong-hop', 'kiem-tra'], slug)).toBe('tong-hop');
  });

  test('a swap of neighbouring letters is one edit', () => {
    expect(editDistance('chekc', 'check')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
